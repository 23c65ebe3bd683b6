//! The simulated desk for end-to-end tests: a private pcscd with the vpcd driver, the virtual
//! card connected to it (in this process, so tests drive insert / remove directly), and the
//! reader-driver's watcher reporting what pcscd sees. Tests wait on watcher events, never on
//! sleeps. Each test's APDU log is checked by the privacy rules and appended to the suite log
//! (`ONSHI_APDU_LOG`) that `cargo xtask test` checks once more at the end.

use std::fs::{self, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};
use std::sync::{Mutex, MutexGuard, OnceLock};
use std::time::{Duration, Instant};

use reader_driver::{Card, Pcsc, PcscCard, ReaderEvent, Watcher};
use simulators::card::{CardConfig, VirtualCard};
use testbed::Pcscd;

/// pcscd's presence poll is 400 ms; allow for a slow, busy CI machine.
pub const EVENT_TIMEOUT: Duration = Duration::from_secs(10);

static PCSCD: OnceLock<Mutex<Pcscd>> = OnceLock::new();
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

extern "C" fn stop_pcscd_at_exit() {
    if let Some(Ok(mut p)) = PCSCD.get().map(Mutex::try_lock) {
        p.stop();
        let _ = fs::remove_dir_all(p.dir());
    }
}

pub fn workspace_file(rel: &str) -> PathBuf {
    testbed::workspace_root().join(rel)
}

/// The test 券面AP issuer's public key, which certifies the virtual card's EF 0004.
pub fn kenmen_issuer() -> reader_driver::KenmenIssuer {
    let der = fs::read(workspace_file("assets/pki/kenmen-issuer.pub.der")).expect("test PKI");
    reader_driver::KenmenIssuer::from_der(&der).expect("an RSA public key")
}

pub struct Desk {
    pub card: VirtualCard,
    events: Receiver<ReaderEvent>,
    _watcher: Watcher,
    pub reader: String,
    log: PathBuf,
    /// Peer tools (OpenSC, jpki-cli) are not our code: their APDUs stay out of the privacy check.
    peer: bool,
    _serial: MutexGuard<'static, ()>,
}

impl Desk {
    /// Starts (once per process) a private pcscd, then a fresh virtual card and a watcher.
    pub fn start() -> Desk {
        Self::start_inner(false, workspace_file("assets/personas"))
    }

    /// Like [`Desk::start`], with the personas of `personas_dir` on the virtual card (e.g. a
    /// copy with a real face photo, see [`face_personas`]).
    pub fn start_with_personas(personas_dir: &Path) -> Desk {
        Self::start_inner(false, personas_dir.to_path_buf())
    }

    /// A desk for third-party PC/SC programs; their APDUs are not ours to check.
    pub fn start_for_peers() -> Desk {
        Self::start_inner(true, workspace_file("assets/personas"))
    }

    fn start_inner(peer: bool, personas_dir: PathBuf) -> Desk {
        let serial = ONE_AT_A_TIME.lock().unwrap_or_else(|p| p.into_inner());
        let pcscd = PCSCD.get_or_init(|| {
            let p = Pcscd::start().expect("private pcscd (run `cargo xtask setup` first)");
            p.export_env();
            // A static is never dropped: stop this process's pcscd when the process exits.
            // SAFETY: registers a plain extern "C" function once.
            unsafe { libc::atexit(stop_pcscd_at_exit) };
            Mutex::new(p)
        });
        let vpcd = pcscd.lock().unwrap().vpcd_addr();
        let log = testbed::unique_dir("onshi-apdu")
            .expect("temp dir")
            .join("apdu.jsonl");
        let card = VirtualCard::start(CardConfig {
            vpcd,
            personas_dir,
            pki_dir: workspace_file("assets/pki"),
            apdu_log: Some(log.clone()),
        })
        .expect("virtual card");
        let (tx, events) = channel();
        let watcher = Watcher::spawn(tx);
        let mut desk = Desk {
            card,
            events,
            _watcher: watcher,
            reader: testbed::READER_SLOT0.to_string(),
            log,
            peer,
            _serial: serial,
        };
        let reader = desk.reader.clone();
        desk.wait_for(|e| *e == ReaderEvent::ReaderAdded(reader.clone()));
        desk
    }

    /// The process's pcscd, for the tests that kill and restart it.
    pub fn pcscd(&self) -> std::sync::MutexGuard<'static, Pcscd> {
        PCSCD.get().expect("started").lock().unwrap()
    }

    /// Waits for the first watcher event matching `want`, returning it; panics on timeout.
    pub fn wait_for(&mut self, want: impl Fn(&ReaderEvent) -> bool) -> ReaderEvent {
        let deadline = Instant::now() + EVENT_TIMEOUT;
        let mut other = Vec::new();
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.events.recv_timeout(left) {
                Ok(e) if want(&e) => return e,
                Ok(e) => other.push(e),
                Err(_) => panic!(
                    "no matching reader event within {EVENT_TIMEOUT:?}; saw {other:?}; card inserted: {:?}, APDUs: {}",
                    self.card.inserted(),
                    self.card.apdus_seen()
                ),
            }
        }
    }

    /// Puts a persona's card on the reader and waits until pcscd reports it.
    pub fn insert(&mut self, persona: &str) {
        self.card.insert(persona).expect("insert persona");
        let reader = self.reader.clone();
        self.wait_for(|e| matches!(e, ReaderEvent::CardInserted { reader: r, .. } if *r == reader));
    }

    /// Takes the card off the reader and waits until pcscd reports it gone.
    pub fn remove(&mut self) {
        self.card.remove();
        self.wait_card_gone();
    }

    pub fn wait_card_gone(&mut self) {
        let reader = self.reader.clone();
        self.wait_for(|e| matches!(e, ReaderEvent::CardRemoved { reader: r } if *r == reader));
    }

    /// Connects to the card on the reader, as the app's card worker does.
    pub fn connect(&self) -> reader_driver::Result<Card<PcscCard>> {
        let pcsc = Pcsc::establish()?;
        Ok(Card::new(pcsc.connect(&self.reader)?))
    }

    /// This test's APDU log so far.
    pub fn apdu_log(&self) -> String {
        fs::read_to_string(&self.log).unwrap_or_default()
    }
}

impl Drop for Desk {
    fn drop(&mut self) {
        let text = self.apdu_log();
        if let Some(d) = self.log.parent() {
            let _ = fs::remove_dir_all(d);
        }
        if self.peer {
            return;
        }
        if let Some(suite) = std::env::var_os("ONSHI_APDU_LOG")
            && let Ok(mut f) = OpenOptions::new().create(true).append(true).open(suite)
        {
            // One write, so lines of tests running in parallel processes do not interleave.
            let _ = f.write_all(text.as_bytes());
        }
        if !std::thread::panicking() {
            let bad = simulators::card::privacy_violations(&text);
            assert!(
                bad.is_empty(),
                "privacy rules broken in this test: {bad:#?}"
            );
        }
    }
}

/// Where `cargo xtask setup` installs jpki-cli (crates.io), the independent peer reader.
pub fn jpki_cli() -> PathBuf {
    let p = workspace_file(".onshi/tools/bin/jpki-cli");
    assert!(
        p.exists(),
        "jpki-cli missing at {}: run `cargo xtask setup`",
        p.display()
    );
    p
}

/// Runs `command` (a shell line) on a pseudo-terminal and answers each prompt as it appears:
/// jpki-cli reads PINs from the terminal only. `typed_first` is typed at once (e.g. data on
/// stdin ended with Ctrl-D, `\x04`); then every occurrence of `prompt` in the terminal output
/// gets the next line of `answers`, typed once the program has switched the terminal's echo
/// off, i.e. once its password prompt really reads: a line typed before that switch can be
/// flushed by it. Returns the exit status and what the terminal showed.
pub fn run_on_pty(
    command: &str,
    typed_first: &str,
    prompt: &str,
    answers: &[&str],
) -> (std::process::ExitStatus, String) {
    use std::io::Read;
    use std::process::{Command, Stdio};
    let mut child = Command::new("script")
        .args(["--quiet", "--return", "--command", command, "/dev/null"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("script(1) from util-linux");
    let script_pid = child.id();
    let mut stdin = child.stdin.take().unwrap();
    let _ = stdin.write_all(typed_first.as_bytes());
    let mut stdout = child.stdout.take().unwrap();
    let mut screen = Vec::new();
    let mut answered = 0;
    let mut buf = [0u8; 4096];
    // Reads until the program closes the terminal; each read blocks on real output.
    while let Ok(n) = stdout.read(&mut buf) {
        if n == 0 {
            break;
        }
        screen.extend_from_slice(&buf[..n]);
        let seen = String::from_utf8_lossy(&screen).matches(prompt).count();
        while answered < seen.min(answers.len()) {
            wait_echo_off(script_pid);
            let _ = stdin.write_all(format!("{}\n", answers[answered]).as_bytes());
            answered += 1;
        }
    }
    drop(stdin);
    let status = child.wait().unwrap();
    (status, String::from_utf8_lossy(&screen).into_owned())
}

/// Waits (bounded) until the terminal that `script` made for its child has echo off.
fn wait_echo_off(script_pid: u32) {
    let deadline = Instant::now() + EVENT_TIMEOUT;
    while Instant::now() < deadline {
        if child_tty_echo(script_pid) == Some(false) {
            return;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
}

/// The ECHO flag of the pseudo-terminal of `script`'s child (its stdin), if it can be read.
fn child_tty_echo(script_pid: u32) -> Option<bool> {
    use std::os::fd::AsRawFd;
    let children =
        fs::read_to_string(format!("/proc/{script_pid}/task/{script_pid}/children")).ok()?;
    let child: u32 = children.split_whitespace().next()?.parse().ok()?;
    let tty = fs::read_link(format!("/proc/{child}/fd/0")).ok()?;
    let f = OpenOptions::new().read(true).open(tty).ok()?;
    // SAFETY: tcgetattr fills a plain C struct from a descriptor we own.
    let mut t: libc::termios = unsafe { std::mem::zeroed() };
    // SAFETY: `f` is open for the call and `t` is a termios it writes into.
    if unsafe { libc::tcgetattr(f.as_raw_fd(), &mut t) } != 0 {
        return None;
    }
    Some(t.c_lflag & libc::ECHO != 0)
}

/// Personas and a camera feed for a face check through the whole desk.
pub struct FacePersonas {
    /// A copy of `assets/personas` in which one persona's card photo is a real face.
    pub personas: PathBuf,
    /// The camera feed, an image-sequence pattern for `VideoSource::open`.
    pub feed: String,
    _dir: tempfile::TempDir,
}

/// Copies the personas to a temporary folder, replaces `id`'s card photo by a card-style photo
/// (greyscale JPEG 2000, 3:4) of `card_face`, and writes `frames` camera frames of `camera_face`
/// moving a little, as a live person does. Both faces are public-domain photos that `cargo
/// xtask setup` puts in `.onshi/faces` (or `$ONSHI_FACES_DIR`).
pub fn face_personas(id: &str, card_face: &str, camera_face: &str, frames: usize) -> FacePersonas {
    use face_match::FaceEngine;
    let dir = tempfile::tempdir().expect("temp dir");
    let personas = dir.path().join("personas");
    copy_dir(&workspace_file("assets/personas"), &personas);
    let mut engine = FaceEngine::load_default()
        .unwrap_or_else(|e| panic!("{e} (run `cargo xtask setup` first)"));

    let (img, face) = face_photo(&mut engine, card_face);
    let card = card_photo_jp2(&img, &face);
    fs::write(personas.join(id).join("photo.jp2"), card).expect("write card photo");

    let (img, face) = face_photo(&mut engine, camera_face);
    let feed_dir = dir.path().join("feed");
    fs::create_dir_all(&feed_dir).expect("feed dir");
    for i in 0..frames {
        let t = i as f32;
        // Sway (> the session's 0.05 face widths of motion) and a light flicker, so the feed
        // is neither frozen nor still.
        let frame = camera_frame(
            &img,
            &face,
            0.08 * (t * 0.9).sin(),
            0.05 * (t * 0.7).cos(),
            1.0 + 0.05 * f64::from((t * 1.7).sin()),
        );
        let path = feed_dir.join(format!("f_{i:03}.png"));
        assert!(
            opencv::imgcodecs::imwrite_def(&path, &frame).expect("imwrite"),
            "frame {} not written",
            path.display()
        );
    }
    FacePersonas {
        personas,
        feed: feed_dir.join("f_%03d.png").to_string_lossy().into_owned(),
        _dir: dir,
    }
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("create dir");
    for entry in fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("dir entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).expect("copy file");
        }
    }
}

/// A photo from the faces folder and its largest face.
fn face_photo(
    engine: &mut face_match::FaceEngine,
    name: &str,
) -> (face_match::Mat, face_match::Face) {
    use opencv::prelude::*;
    let dir = match std::env::var_os("ONSHI_FACES_DIR") {
        Some(v) if !v.is_empty() => PathBuf::from(v),
        _ => workspace_file(".onshi/faces"),
    };
    let path = dir.join(name);
    let img = opencv::imgcodecs::imread(&path, opencv::imgcodecs::IMREAD_COLOR).expect("imread");
    assert!(
        !img.empty(),
        "face photo {} missing: run `cargo xtask setup`",
        path.display()
    );
    let face = engine
        .detect_scaled(&img, 640)
        .expect("face detection")
        .into_iter()
        .max_by(|a, b| (a.w * a.h).total_cmp(&(b.w * b.h)))
        .unwrap_or_else(|| panic!("no face in {}", path.display()));
    (img, face)
}

/// The part of `img` of size `w`x`h` centred on (`cx`, `cy`), black outside the image.
fn region(img: &face_match::Mat, cx: f32, cy: f32, w: i32, h: i32) -> face_match::Mat {
    use opencv::core::{self, Rect, Scalar};
    use opencv::prelude::*;
    let mut padded = face_match::Mat::default();
    core::copy_make_border(
        img,
        &mut padded,
        h,
        h,
        w,
        w,
        core::BORDER_CONSTANT,
        Scalar::all(0.0),
    )
    .expect("pad");
    let x = (cx as i32 - w / 2 + w).clamp(0, padded.cols() - w);
    let y = (cy as i32 - h / 2 + h).clamp(0, padded.rows() - h);
    padded
        .roi(Rect::new(x, y, w, h))
        .expect("roi")
        .try_clone()
        .expect("clone")
}

/// A card photo as DF27 holds one: 3:4 head-and-shoulders, 300x400 grey, JPEG 2000.
fn card_photo_jp2(img: &face_match::Mat, face: &face_match::Face) -> Vec<u8> {
    use opencv::core::{Size, Vector};
    use opencv::prelude::VectorToVec;
    use opencv::{imgcodecs, imgproc};
    let (cx, cy) = face.centre();
    let w = (face.w * 1.8) as i32;
    let portrait = region(img, cx, cy, w, w * 4 / 3);
    let mut small = face_match::Mat::default();
    imgproc::resize(
        &portrait,
        &mut small,
        Size::new(300, 400),
        0.0,
        0.0,
        imgproc::INTER_AREA,
    )
    .expect("resize");
    let mut grey = face_match::Mat::default();
    imgproc::cvt_color_def(&small, &mut grey, imgproc::COLOR_BGR2GRAY).expect("grey");
    let mut out: Vector<u8> = Vector::new();
    let params: Vector<i32> =
        Vector::from_slice(&[imgcodecs::IMWRITE_JPEG2000_COMPRESSION_X1000, 100]);
    assert!(imgcodecs::imencode(".jp2", &grey, &mut out, &params).expect("jp2 encode"));
    out.to_vec()
}

/// One 640x480 camera frame: the face at 40 % of the frame's height, shifted by (`dx`, `dy`)
/// face widths, brightness times `gain`.
fn camera_frame(
    img: &face_match::Mat,
    face: &face_match::Face,
    dx: f32,
    dy: f32,
    gain: f64,
) -> face_match::Mat {
    use opencv::prelude::*;
    let (cx, cy) = face.centre();
    let side = (face.w / 0.4) as i32;
    let view = region(img, cx + dx * face.w, cy + dy * face.w, side, side);
    let framed = face_match::fit_frame(&view, face_match::FRAME_SIZE, face_match::Fit::Letterbox)
        .expect("fit frame");
    let mut out = face_match::Mat::default();
    framed.convert_to(&mut out, -1, gain, 0.0).expect("gain");
    out
}
