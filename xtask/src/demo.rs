//! `cargo xtask demo`: the whole desk without hardware. Prepares the demo assets under
//! `.onshi/demo/` (once; later runs reuse them), starts the simulated desk (private pcscd +
//! virtual card + central-sim, as `sim start` does) with the demo personas, writes the app's
//! config for it and runs `onshi --config .onshi/demo/config.toml` in the foreground, with the
//! developer panel wired to the virtual card and the camera feeds. When the app exits (or on
//! Ctrl-C) the simulator is stopped, unless `--keep-sim`. `--no-app` starts only the simulator
//! (with the adult persona's card inserted) and leaves it running.
//!
//! Assets: `card.jp2` (a real face photo, made by face-match's `make_demo` example from the
//! pinned public-domain faces), `feeds/{genuine,impostor,frozen,noface}/f_%03d.png` (the
//! virtual camera: the card holder, someone else, one frozen frame, an empty scene), and
//! `personas/` = `assets/personas` with every photo replaced by `card.jp2`, so that the
//! "genuine" feed matches whichever card is on the reader, and `front/<view>/f_%03d.png` (the
//! card-front camera: a persona's rendered card front, clean or with trouble, or no card; made
//! by card-front's `make_frames` example), which the developer panel switches between.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};

use crate::sim::{self, SimInfo};

const USAGE: &str = "usage: cargo xtask demo [--no-app] [--keep-sim]";

/// The feeds `make_demo` writes; `noface` is made here.
const MADE_FEEDS: &[&str] = &["genuine", "impostor", "frozen"];
const NOFACE_FRAMES: usize = 30;

/// What the card-front camera may see: (view, persona, trouble of `make_frames`). A front that
/// is not the inserted card's is refused by the card once, then the clerk keys the number.
const FRONT_VIEWS: &[(&str, &str, &str)] = &[
    ("adult", "adult", "clean"),
    ("adult-glare", "adult", "glare"),
    ("face-only", "face-only", "clean"),
    ("no-card", "adult", "no-card"),
];
const FRONT_FRAMES: &str = "8";

pub fn demo_dir() -> PathBuf {
    testbed::workspace_root().join(".onshi").join("demo")
}

pub fn run(args: &[String]) -> Result<()> {
    let (mut no_app, mut keep_sim) = (false, false);
    for a in args {
        match a.as_str() {
            "--no-app" => no_app = true,
            "--keep-sim" => keep_sim = true,
            _ => bail!("{USAGE}"),
        }
    }
    crate::setup::run()?;
    let dir = prepare()?;
    if sim::is_running() {
        eprintln!("demo: restarting the running simulator with the demo personas");
        sim::stop()?;
    }
    let persona = no_app.then_some("adult");
    let info = sim::start_with(persona, &dir.join("personas"))?;
    let config = write_config(&dir, &info)?;
    println!("  app config:   {}", config.display());
    if no_app {
        println!();
        println!(
            // The config has [dev]: only a build with the simulators feature honours it.
            "  {}={} cargo run --release -p onshi --features simulators -- --config {}",
            testbed::SOCKET_ENV,
            info.pcsc_socket.display(),
            config.display()
        );
        println!(
            "  cargo xtask sim card insert face-only   # camera: {}/feeds",
            dir.display()
        );
        println!("  cargo xtask sim stop");
        return Ok(());
    }
    let app = build_app()?;
    demo_staff(&app, &config, &dir)?;
    println!(
        "  情報閲覧 login: {} (医師) or {} (事務), password {DEMO_PASSWORD}",
        DEMO_STAFF[0].0, DEMO_STAFF[1].0
    );
    println!("  一括照会 list: {}", dir.join("booked.csv").display());
    let result = run_app(&app, &config, &info);
    if keep_sim {
        println!("the simulator keeps running: `cargo xtask sim stop` ends it");
    } else {
        sim::stop()?;
    }
    result
}

/// The demo's staff accounts (name, `onshi staff add --role`), all with [`DEMO_PASSWORD`]:
/// the administrator first (a desk's first account must be one), who then approves the rest.
const DEMO_STAFF: [(&str, &str); 3] = [("kanri", "admin"), ("ishi", "doctor"), ("jimu", "clerk")];
/// Published in the README: a demo desk only.
const DEMO_PASSWORD: &str = "onshi-demo";

/// Creates the demo's staff accounts with the app's own `onshi staff add`, once: the staff
/// file beside the demo history keeps them between runs. Standard input gives the approving
/// administrator's password, then the new account's (the administrator itself: only its own).
fn demo_staff(app: &Path, config: &Path, dir: &Path) -> Result<()> {
    if dir.join("data").join("staff.sqlite").exists() {
        return Ok(());
    }
    let (admin, _) = DEMO_STAFF[0];
    for (name, role) in DEMO_STAFF {
        let mut cmd = Command::new(app);
        cmd.arg("--config")
            .arg(config)
            .args(["staff", "add", name, "--role", role]);
        let stdin = if name == admin {
            format!("{DEMO_PASSWORD}\n")
        } else {
            cmd.args(["--admin", admin]);
            format!("{DEMO_PASSWORD}\n{DEMO_PASSWORD}\n")
        };
        let mut child = cmd
            .stdin(std::process::Stdio::piped())
            .spawn()
            .context("starting onshi staff add")?;
        use std::io::Write as _;
        child
            .stdin
            .take()
            .context("onshi staff add's stdin")?
            .write_all(stdin.as_bytes())?;
        let status = child.wait()?;
        if !status.success() {
            bail!("`onshi staff add {name}` failed ({status})");
        }
    }
    Ok(())
}

/// Makes the demo assets where missing; returns `.onshi/demo`.
pub fn prepare() -> Result<PathBuf> {
    crate::faces::ensure()?;
    crate::models::ensure()?;
    let dir = demo_dir();
    let feeds = dir.join("feeds");
    fs::create_dir_all(&feeds)?;
    let made = dir.join("card.jp2").exists()
        && MADE_FEEDS
            .iter()
            .all(|f| feeds.join(f).join("f_000.png").exists());
    if !made {
        make_demo(&dir)?;
    }
    if !feeds.join("noface").join("f_000.png").exists() {
        make_noface(&feeds.join("noface"))?;
    }
    make_fronts(&dir.join("front"))?;
    make_personas(&dir)?;
    make_booked_list(&dir)?;
    Ok(dir)
}

/// The card-front camera's views ([`FRONT_VIEWS`]), each written to a scratch folder and moved
/// into place, so that an interrupted run leaves nothing half made.
fn make_fronts(front: &Path) -> Result<()> {
    for (view, persona, trouble) in FRONT_VIEWS {
        let to = front.join(view);
        if to.join("f_000.png").exists() {
            continue;
        }
        eprintln!("demo: making the card-front view {view} (card-front make_frames)");
        let scratch = front.join(format!("{view}.tmp"));
        let _ = fs::remove_dir_all(&scratch);
        let mut cmd = crate::cargo(&[
            "run",
            "--release",
            "-q",
            "-p",
            "card-front",
            "--example",
            "make_frames",
            "--",
            persona,
            trouble,
            FRONT_FRAMES,
        ]);
        cmd.arg(&scratch).env("OPENCV_LOG_LEVEL", "ERROR");
        crate::run_ok(&mut cmd, "card-front make_frames")?;
        let _ = fs::remove_dir_all(&to);
        fs::rename(&scratch, &to).with_context(|| format!("moving the {view} card front"))?;
    }
    Ok(())
}

/// The demo's 一括照会リスト, `booked.csv`: the simulator's fixed people (assets/sim/people.toml)
/// as a clinic's booking system would export them (Shift_JIS, Excel's YYYY/MM/DD dates, a
/// header row), plus one row with a mistyped 保険者番号 so that the batch screen shows a bad row
/// before sending. Rewritten every run, from the file the simulator seeds from.
fn make_booked_list(dir: &Path) -> Result<()> {
    let people = testbed::workspace_root().join("assets/sim/people.toml");
    let table: toml::Table = fs::read_to_string(&people)
        .with_context(|| format!("reading {}", people.display()))?
        .parse()
        .with_context(|| format!("parsing {}", people.display()))?;
    let cell = |p: &toml::Table, k: &str| -> String {
        p.get(k)
            .and_then(|v| v.as_str())
            .unwrap_or_default()
            .to_string()
    };
    let mut csv = String::from("患者氏名,保険者番号,記号,番号,枝番,生年月日\r\n");
    let rows = table
        .get("person")
        .and_then(|v| v.as_array())
        .context("people.toml has no [[person]] rows")?;
    for p in rows.iter().filter_map(|v| v.as_table()) {
        // A person who lost this qualification and has a newer one appears once, current.
        if p.contains_key("lost") && cell(p, "key") == "two-tries" {
            continue;
        }
        csv.push_str(&format!(
            "{},{},{},{},{},{}\r\n",
            cell(p, "name"),
            cell(p, "insurer"),
            cell(p, "symbol"),
            cell(p, "number"),
            cell(p, "branch"),
            cell(p, "birth").replace('-', "/"),
        ));
    }
    // 01130012 with its check digit mistyped.
    csv.push_str("見本　誤記,01130013,1234567,12,00,1980/02/17\r\n");
    let (bytes, _, unmappable) = encoding_rs::SHIFT_JIS.encode(&csv);
    anyhow::ensure!(!unmappable, "a name in people.toml has no Shift_JIS code");
    fs::write(dir.join("booked.csv"), bytes)?;
    Ok(())
}

/// face-match's `make_demo` example: card.jp2 and the face feeds, built in a scratch folder
/// and moved into place, so that an interrupted run leaves nothing half made.
fn make_demo(dir: &Path) -> Result<()> {
    eprintln!("demo: making the card photo and camera feeds (face-match make_demo)");
    let scratch = dir.join("make.tmp");
    let _ = fs::remove_dir_all(&scratch);
    let mut cmd = crate::cargo(&[
        "run",
        "--release",
        "-q",
        "-p",
        "face-match",
        "--example",
        "make_demo",
        "--",
    ]);
    cmd.arg(&scratch).env("OPENCV_LOG_LEVEL", "ERROR");
    crate::run_ok(&mut cmd, "face-match make_demo")?;
    for f in MADE_FEEDS {
        let to = dir.join("feeds").join(f);
        let _ = fs::remove_dir_all(&to);
        fs::rename(scratch.join(f), &to).with_context(|| format!("moving the {f} feed"))?;
    }
    fs::rename(scratch.join("card.jp2"), dir.join("card.jp2"))?;
    fs::remove_dir_all(&scratch)?;
    Ok(())
}

/// A camera that sees no one: crops of the pinned coffee photo, panned a little per frame
/// like a live camera (ImageMagick), 640x480 like the other feeds.
fn make_noface(to: &Path) -> Result<()> {
    eprintln!("demo: making the no-face camera feed");
    let src = crate::models::dir_from_env("ONSHI_FACES_DIR", "faces").join("coffee.png");
    let scratch = to.with_extension("tmp");
    let _ = fs::remove_dir_all(&scratch);
    fs::create_dir_all(&scratch)?;
    for i in 0..NOFACE_FRAMES {
        // coffee.png is 600x400: a 4:3 window of 480x360 moving around the middle.
        let t = i as f64;
        let (x, y) = (
            60 + (8.0 * (t * 1.3).sin()) as i32,
            20 + (6.0 * t.cos()) as i32,
        );
        let mut cmd = Command::new("convert");
        cmd.arg(&src)
            .args(["-crop", &format!("480x360+{x}+{y}"), "+repage"])
            .args(["-resize", "640x480!"])
            .arg(scratch.join(format!("f_{i:03}.png")));
        crate::run_ok(&mut cmd, "ImageMagick convert (the no-face feed)")?;
    }
    let _ = fs::remove_dir_all(to);
    fs::rename(&scratch, to)?;
    Ok(())
}

/// `personas/`: the repository's personas with the demo card photo, refreshed every run (a
/// few small files) so that edits to assets/personas show up.
fn make_personas(dir: &Path) -> Result<()> {
    let from = testbed::workspace_root().join("assets/personas");
    let to = dir.join("personas");
    let photo = fs::read(dir.join("card.jp2"))?;
    for persona in fs::read_dir(&from)? {
        let persona = persona?.path();
        if !persona.is_dir() {
            continue;
        }
        let name = persona.file_name().context("persona folder")?;
        let target = to.join(name);
        fs::create_dir_all(&target)?;
        for file in fs::read_dir(&persona)? {
            let file = file?.path();
            if let Some(n) = file.file_name().filter(|_| file.is_file()) {
                fs::copy(&file, target.join(n))?;
            }
        }
        fs::write(target.join("photo.jp2"), &photo)?;
    }
    Ok(())
}

/// The app's config for the running simulator (app/src/config.rs format), with absolute paths.
pub fn write_config(dir: &Path, sim: &SimInfo) -> Result<PathBuf> {
    let root = testbed::workspace_root();
    let q = |p: &Path| toml_string(&p.display().to_string());
    let field = |k: &str| toml_string(&sim.centre_field(k));
    let feeds = dir.join("feeds");
    let text = format!(
        "# Written by `cargo xtask demo` for the simulated desk; rewritten on every run.\n\
         lang = \"ja\"\n\n\
         [reader]\nname = {reader}\n\n\
         [camera]\nsource = {camera}\n\n\
         [card_front]\nimages = {front}\n\n\
         [card]\njpki_ca = {ca}\nterminal_cert = {tcert}\nterminal_key = {tkey}\nkenmen_issuer = {kissuer}\n\n\
         [centre]\nurl = {url}\nca = {cca}\nclient_cert = {ccert}\nclient_key = {ckey}\n\n\
         [institution]\ncode = {inst}\n\n\
         [history]\npath = {history}\n\n\
         [dev]\ncontrol = {control}\nfeeds = {feeds}\n\n\
         [voice]\nenabled = true\n",
        reader = toml_string(testbed::READER_SLOT0),
        camera = q(&feeds.join("genuine").join("f_%03d.png")),
        front = q(&dir.join("front").join(FRONT_VIEWS[0].0).join("f_%03d.png")),
        ca = q(&root.join("assets/pki/jpki-auth-ca.crt.der")),
        tcert = q(&root.join("assets/pki/tokutei-terminal.crt.der")),
        tkey = q(&private_terminal_key(dir)?),
        kissuer = q(&root.join("assets/pki/kenmen-issuer.pub.der")),
        url = field("url"),
        cca = field("ca"),
        ccert = field("client_cert"),
        ckey = field("client_key"),
        inst = field("institution"),
        control = q(&sim.control),
        feeds = q(&feeds),
        history = q(&dir.join("data").join("history.sqlite")),
    );
    let path = dir.join("config.toml");
    fs::write(&path, text)?;
    Ok(path)
}

/// The test PKI's terminal key copied to `dir/pki` with mode 0600: the app refuses a private
/// key that other accounts can read, and git checks the repository's copy out 0644.
pub fn private_terminal_key(dir: &Path) -> Result<PathBuf> {
    use std::io::Write as _;
    use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
    let from = testbed::workspace_root().join("assets/pki/tokutei-terminal.key.pem");
    let to = dir.join("pki").join("tokutei-terminal.key.pem");
    fs::create_dir_all(dir.join("pki"))?;
    let key = fs::read(&from).with_context(|| format!("reading {}", from.display()))?;
    let mut f = fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(&to)
        .with_context(|| format!("writing {}", to.display()))?;
    f.set_permissions(fs::Permissions::from_mode(0o600))?;
    f.write_all(&key)?;
    Ok(to)
}

/// A TOML basic string.
fn toml_string(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// Builds the app (release: the face match and the screens run smoothly) with the
/// `simulators` feature, which the demo config's `[dev]` section needs, and returns it.
pub fn build_app() -> Result<PathBuf> {
    let args = [
        "build",
        "--release",
        "-q",
        "-p",
        "onshi",
        "--features",
        "simulators",
        "--bin",
        "onshi",
    ];
    crate::run_ok(&mut crate::cargo(&args), "building the app (onshi)")?;
    Ok(crate::target_dir().join("release").join("onshi"))
}

fn run_app(app: &Path, config: &Path, sim: &SimInfo) -> Result<()> {
    println!(
        "demo: starting {} (close its windows to end)",
        app.display()
    );
    let mut child = Command::new(app)
        .arg("--config")
        .arg(config)
        .env(testbed::SOCKET_ENV, &sim.pcsc_socket)
        .spawn()
        .context("starting onshi")?;
    // Ctrl-C reaches the app (same terminal); this process stays to stop the simulator after.
    // SAFETY: sets the disposition of SIGINT for this process only; the child is already
    // running with the default one.
    unsafe { libc::signal(libc::SIGINT, libc::SIG_IGN) };
    let status = child.wait()?;
    // SAFETY: as above.
    unsafe { libc::signal(libc::SIGINT, libc::SIG_DFL) };
    if !status.success() && status.code().is_some() {
        bail!("onshi ended with {status}");
    }
    Ok(())
}

/// `cargo xtask screenshots`: the README's `docs/patient.png`, `docs/clerk.png` and each
/// patient stage in Japanese and Chinese (`docs/patient-<lang>-<stage>.png`), from the app's
/// `screenshots` example (real screens and runtime, two PIN visits up to their results) run
/// under `xvfb-run`.
pub fn screenshots() -> Result<()> {
    crate::setup::run()?;
    let args = [
        "build",
        "--release",
        "-q",
        "-p",
        "onshi",
        "--example",
        "screenshots",
    ];
    crate::run_ok(&mut crate::cargo(&args), "building the screenshots example")?;
    let bin = crate::target_dir().join("release/examples/screenshots");
    let docs = testbed::workspace_root().join("docs");
    let xdg = crate::target_dir().join("screenshots-xdg");
    fs::create_dir_all(&xdg)?;
    let mut cmd = Command::new("xvfb-run");
    cmd.args(["-a", "-s", "-screen 0 1280x800x24"])
        .arg(bin)
        .arg(&docs)
        .env("WINIT_X11_SCALE_FACTOR", "1")
        .env("XDG_RUNTIME_DIR", &xdg)
        .env("OPENCV_LOG_LEVEL", "ERROR");
    crate::run_ok(&mut cmd, "the screenshots example under xvfb-run")
}
