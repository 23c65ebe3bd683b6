//! `cargo xtask sim ...`: the simulated desk for people and scripts. `start` runs a private
//! pcscd with the vpcd driver, the virtual card and the centre simulator (HTTPS with client
//! certificates) as background processes recorded under `.onshi/sim/`; `env` prints the lines that let any
//! PC/SC program reach the simulated reader; `card insert|remove` drive the card; `stop` ends it.

use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use testbed::{Pcscd, detach_session, process_alive, terminate};

pub fn state_dir() -> PathBuf {
    testbed::workspace_root().join(".onshi").join("sim")
}

pub fn run(args: &[String]) -> Result<()> {
    let a: Vec<&str> = args.iter().map(String::as_str).collect();
    match a.as_slice() {
        ["start"] => start(None),
        ["start", "--persona", id] => start(Some(id)),
        ["stop"] => stop(),
        ["env"] => {
            print!("{}", env_lines()?);
            Ok(())
        }
        ["card", "insert", id] => println_reply(&control(&format!("insert {id}"))?),
        ["card", "remove"] => println_reply(&control("remove")?),
        ["card", "status"] => println_reply(&control("status")?),
        ["card", "personas"] => println_reply(&control("personas")?),
        _ => bail!(
            "usage: cargo xtask sim start [--persona ID] | stop | env | card insert ID | card remove | card status | card personas"
        ),
    }
}

fn println_reply(r: &str) -> Result<()> {
    println!("{r}");
    if r.starts_with("err") {
        bail!("the virtual card refused: {r}");
    }
    Ok(())
}

/// Builds the simulator binaries (release: they do real RSA) and returns their folder.
pub fn build_simulators() -> Result<PathBuf> {
    let args = ["build", "--release", "-q", "-p", "simulators", "--bins"];
    crate::run_ok(&mut crate::cargo(&args), "building the simulators")?;
    Ok(crate::target_dir().join("release"))
}

/// Whether a simulator started by `sim start` or `demo` still runs.
pub fn is_running() -> bool {
    !running_pids(&state_dir()).is_empty()
}

fn running_pids(dir: &Path) -> Vec<u32> {
    ["pcscd.pid", "card.pid", "centre.pid"]
        .iter()
        .filter_map(|f| fs::read_to_string(dir.join(f)).ok())
        .filter_map(|s| s.trim().parse().ok())
        .filter(|p| process_alive(*p))
        .collect()
}

/// What a started simulator offers its clients.
pub struct SimInfo {
    /// pcscd's client socket, for `PCSCLITE_CSOCK_NAME`.
    pub pcsc_socket: PathBuf,
    /// The virtual card's control socket.
    pub control: PathBuf,
    /// central-sim's ready line (url, ca, client_cert, client_key, institution).
    pub centre: String,
}

impl SimInfo {
    /// A string field of central-sim's ready line.
    pub fn centre_field(&self, key: &str) -> String {
        json_field(&self.centre, key).unwrap_or_default()
    }
}

/// `cargo xtask sim start`: the simulator with the repository's personas, and how to use it.
pub fn start(persona: Option<&str>) -> Result<()> {
    crate::setup::run()?;
    let root = testbed::workspace_root();
    start_with(persona, &root.join("assets/personas"))?;
    print_usage();
    Ok(())
}

/// Starts pcscd, the virtual card (personas from `personas`, `persona` inserted if given) and
/// central-sim in the background, recorded under `.onshi/sim/`. Expects `setup` done.
pub fn start_with(persona: Option<&str>, personas: &Path) -> Result<SimInfo> {
    let dir = state_dir();
    if !running_pids(&dir).is_empty() {
        bail!("the simulator is already running: `cargo xtask sim stop` first");
    }
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir)?;
    let bins = build_simulators()?;
    let root = testbed::workspace_root();

    let pcscd = Pcscd::start_in(&dir.join("pcscd"), testbed::free_port_pair()?)
        .context("starting the private pcscd")?;
    let (socket, vpcd) = (pcscd.socket(), pcscd.vpcd_addr());
    fs::write(dir.join("pcscd.pid"), pcscd.detach().to_string())?;

    let sock = dir.join("card.sock");
    let mut card = Command::new(bins.join("virtual-card"));
    card.arg("--vpcd")
        .arg(vpcd.to_string())
        .arg("--personas")
        .arg(personas)
        .arg("--pki")
        .arg(root.join("assets/pki"))
        .arg("--control")
        .arg(&sock)
        .arg("--log")
        .arg(dir.join("apdu.jsonl"));
    if let Some(id) = persona {
        card.arg("--persona").arg(id);
    }
    let card_log = fs::File::create(dir.join("virtual-card.log"))?;
    card.stdin(Stdio::null())
        .stdout(card_log.try_clone()?)
        .stderr(card_log);
    detach_session(&mut card);
    let child = card.spawn().context("starting virtual-card")?;
    fs::write(dir.join("card.pid"), child.id().to_string())?;
    wait_for_socket(&sock)?;

    let centre = start_centre(&bins, &dir)?;
    let field = |k: &str| json_field(&centre, k).unwrap_or_default();
    let env = format!(
        "export {}={}\nexport ONSHI_SIM_CARD_CONTROL={}\nexport ONSHI_CENTRE_URL={}\nexport ONSHI_CENTRE_CA={}\nexport ONSHI_CLIENT_CERT={}\nexport ONSHI_CLIENT_KEY={}\nexport ONSHI_INSTITUTION={}\n",
        testbed::SOCKET_ENV,
        socket.display(),
        sock.display(),
        field("url"),
        field("ca"),
        field("client_cert"),
        field("client_key"),
        field("institution"),
    );
    fs::write(dir.join("env.sh"), env)?;
    let info = SimInfo {
        pcsc_socket: socket,
        control: sock,
        centre,
    };
    println!("simulated desk running (state in {}):", dir.display());
    println!("  reader:       {} (vpcd on {vpcd})", testbed::READER_SLOT0);
    println!("  card:         {}", persona.unwrap_or("none inserted"));
    println!("  personas:     {}", personas.display());
    println!("  APDU log:     {}", dir.join("apdu.jsonl").display());
    println!(
        "  centre:       {} (医療機関コード {})",
        info.centre_field("url"),
        info.centre_field("institution")
    );
    Ok(info)
}

fn print_usage() {
    println!();
    println!("  eval \"$(cargo xtask sim env)\"        # point PC/SC programs at it");
    println!("  cargo xtask sim card insert adult    # personas: assets/personas/README.md");
    println!("  cargo run -p reader-driver --example card-info");
    println!("  pkcs15-tool --list-certificates      # OpenSC reads it too");
    println!("  cargo xtask sim stop");
}

/// Starts central-sim in the background and returns the JSON line it prints once it listens.
fn start_centre(bins: &Path, dir: &Path) -> Result<String> {
    let ready = dir.join("centre.json");
    let log = fs::File::create(dir.join("central-sim.log"))?;
    let mut cmd = Command::new(bins.join("central-sim"));
    cmd.arg("serve")
        .arg("--state-dir")
        .arg(dir.join("centre"))
        .stdin(Stdio::null())
        .stdout(fs::File::create(&ready)?)
        .stderr(log);
    detach_session(&mut cmd);
    let child = cmd.spawn().context("starting central-sim")?;
    fs::write(dir.join("centre.pid"), child.id().to_string())?;
    let deadline = Instant::now() + Duration::from_secs(60);
    while Instant::now() < deadline {
        let line = fs::read_to_string(&ready).unwrap_or_default();
        if line.ends_with('\n') {
            return Ok(line.trim().to_string());
        }
        if !process_alive(child.id()) {
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    bail!(
        "central-sim did not start; see {}",
        dir.join("central-sim.log").display()
    )
}

/// The string value of `"key":"value"` in a one-line JSON object (paths and URLs only).
fn json_field(json: &str, key: &str) -> Option<String> {
    let start = json.find(&format!("\"{key}\":\""))? + key.len() + 4;
    let end = start + json[start..].find('"')?;
    Some(json[start..end].to_string())
}

fn wait_for_socket(sock: &Path) -> Result<()> {
    let deadline = Instant::now() + Duration::from_secs(20);
    while Instant::now() < deadline {
        if UnixStream::connect(sock).is_ok() {
            return Ok(());
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    bail!(
        "the virtual card did not open its control socket; see {}",
        state_dir().join("virtual-card.log").display()
    )
}

pub fn stop() -> Result<()> {
    let dir = state_dir();
    let pids = running_pids(&dir);
    for pid in &pids {
        terminate(*pid);
    }
    let _ = fs::remove_dir_all(&dir);
    println!(
        "{}",
        if pids.is_empty() {
            "the simulator was not running"
        } else {
            "simulator stopped"
        }
    );
    Ok(())
}

pub fn env_lines() -> Result<String> {
    fs::read_to_string(state_dir().join("env.sh"))
        .context("the simulator is not running: `cargo xtask sim start`")
}

/// Sends one command line to the virtual card's control socket and returns its reply line.
pub fn control(line: &str) -> Result<String> {
    let sock = state_dir().join("card.sock");
    let mut s = UnixStream::connect(&sock)
        .with_context(|| "the simulator is not running: `cargo xtask sim start`".to_string())?;
    s.set_read_timeout(Some(Duration::from_secs(30)))?;
    writeln!(s, "{line}")?;
    let mut reply = String::new();
    BufReader::new(s).read_line(&mut reply)?;
    Ok(reply.trim_end().to_string())
}
