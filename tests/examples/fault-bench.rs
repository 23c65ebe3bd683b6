//! `cargo xtask bench faults`: what was thrown at the desk and what happened, as a table. Each
//! fault runs against the real parts (the private pcscd with vpcd and the virtual card, the
//! real `onshi` binary, central-sim over TLS, SQLite on a real file system) and is counted as
//! runs, crashes (a panic, exit 101 or a signal), hangs (its deadline passed) and rows lost (a
//! row the desk reported as done that is missing once the fault is cleared and, for a batch,
//! the same command has run again). The goal is 0, 0, 0 on every line.
//!
//! Disk full and the read-only database need mounts: the bench runs in its own mount namespace
//! (as root) with small tmpfs file systems, so nothing outside it is touched. `ONSHI_BIN` names
//! the `onshi` binary to drive (xtask builds it first).

#[path = "../../app/tests/common/mod.rs"]
mod common;

use std::ffi::CString;
use std::io::Write;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use onshi_tests::{Desk, workspace_file};
use reader_driver::{AuthPin, Card, Error, Jpki, Kenmen, Pcsc, PcscCard, VerificationNumberB};
use simulators::centre::{Faults, RunningCentre, Server};

/// Longest a card operation may take before it counts as a hang.
const CARD_DEADLINE: Duration = Duration::from_secs(30);
/// Longest one `onshi` command may take (the centre's timeout is 10 s, with two retries).
const COMMAND_DEADLINE: Duration = Duration::from_secs(120);
const OPS: [&str; 3] = ["read auth cert", "PIN + sign", "read card face"];

const CHECK_ARGS: [&str; 11] = [
    "check",
    "--insurer",
    "01130012",
    "--symbol",
    "1234567",
    "--number",
    "12",
    "--branch",
    "00",
    "--birth",
    "1980-02-17",
];
/// A booked list of the simulator's people: four that are sent, one refused at import.
const LIST: &str = "患者氏名,保険者番号,記号,番号,枝番,生年月日\r\n\
試験　花子,01130012,1234567,12,00,19800217\r\n\
鈴木　さくら,06139992,55,301,02,2015-08-20\r\n\
喪失　太郎,271015,北,9001,00,19700707\r\n\
該当　なし,01130012,1234567,99,00,19800217\r\n\
誤り　一郎,01130013,1234567,12,00,19800217\r\n";
const LIST_ROWS: usize = 5;

#[derive(Default)]
struct Row {
    fault: String,
    runs: u32,
    crashes: u32,
    hangs: u32,
    /// `None`: the fault has no rows to lose.
    lost: Option<u32>,
    note: String,
}

impl Row {
    fn new(fault: impl Into<String>, rows: bool) -> Row {
        Row {
            fault: fault.into(),
            lost: rows.then_some(0),
            ..Row::default()
        }
    }
    fn lose(&mut self, n: u32) {
        *self.lost.get_or_insert(0) += n;
    }
    fn note(&mut self, s: impl AsRef<str>) {
        if !self.note.is_empty() {
            self.note.push_str("; ");
        }
        self.note.push_str(s.as_ref());
    }
}

fn main() -> Result<()> {
    // Before any thread exists: a mount namespace of our own for the small file systems.
    private_mounts()?;
    let onshi = PathBuf::from(std::env::var_os("ONSHI_BIN").context(
        "ONSHI_BIN must name the onshi binary (run this through `cargo xtask bench faults`)",
    )?);
    let mut rows = Vec::new();
    let work = tempfile::tempdir()?;
    let centre = centre(&work.path().join("centre"))?;
    {
        let mut desk = Desk::start();
        for op in OPS {
            rows.push(card_pulls(&mut desk, op));
        }
        rows.push(visit_pulls(&mut desk, &centre, work.path())?);
        rows.push(pcscd_killed(&mut desk, 3));
    }
    for (name, faults) in centre_faults(true) {
        rows.push(check_with_centre_fault(
            &onshi,
            &centre,
            work.path(),
            name,
            faults,
            3,
        )?);
    }
    for (name, faults) in centre_faults(false) {
        rows.push(batch_with_centre_fault(
            &onshi,
            &centre,
            work.path(),
            name,
            faults,
        )?);
    }
    rows.push(check_on_broken_disk(
        &onshi,
        &centre,
        work.path(),
        Disk::Full,
        3,
    )?);
    rows.push(check_on_broken_disk(
        &onshi,
        &centre,
        work.path(),
        Disk::ReadOnly,
        3,
    )?);
    rows.push(batch_on_broken_disk(
        &onshi,
        &centre,
        work.path(),
        Disk::Full,
    )?);
    rows.push(batch_on_broken_disk(
        &onshi,
        &centre,
        work.path(),
        Disk::ReadOnly,
    )?);
    print_table(&rows);
    unmount_all();
    Ok(())
}

fn print_table(rows: &[Row]) {
    let w = rows
        .iter()
        .map(|r| r.fault.chars().count())
        .max()
        .unwrap_or(5)
        .max(5);
    println!(
        "| {:w$} | runs | crashes | hangs | rows lost | what the desk said",
        "fault"
    );
    println!(
        "|{}|------|---------|-------|-----------|-------------------",
        "-".repeat(w + 2)
    );
    for r in rows {
        let lost = r.lost.map_or("-".to_string(), |n| n.to_string());
        println!(
            "| {:w$} | {:>4} | {:>7} | {:>5} | {:>9} | {}",
            r.fault, r.runs, r.crashes, r.hangs, lost, r.note
        );
    }
}

// ------------------------------------------------------------------------------- the card

/// One desk operation from a fresh PC/SC connection, as the app's card worker runs it.
fn run_op(reader: &str, op: &str) -> reader_driver::Result<()> {
    let p = simulators::card::persona(&workspace_file("assets/personas"), "adult")
        .expect("persona adult");
    let pcsc = Pcsc::establish()?;
    let mut card: Card<PcscCard> = Card::new(pcsc.connect(reader)?);
    match op {
        "read auth cert" => Jpki::new(&mut card).read_auth_certificate().map(drop),
        "PIN + sign" => {
            let mut j = Jpki::new(&mut card);
            j.verify_auth_pin(&AuthPin::new(&p.toml.jpki.auth_pin).expect("PIN"))?;
            j.sign_sha256(&[3; 32]).map(drop)
        }
        _ => {
            let b = VerificationNumberB::new(&p.verification_number_b()).expect("照合番号B");
            Kenmen::new(&mut card)
                .read_card_face(&b, &onshi_tests::kenmen_issuer())
                .map(drop)
        }
    }
}

enum Ran<T> {
    Done(T),
    Panicked,
    Hung,
}

/// Runs `f` on its own thread; a panic and a passed deadline are told apart from an answer.
fn bounded<T: Send + 'static>(
    deadline: Duration,
    f: impl FnOnce() -> T + Send + 'static,
) -> Ran<T> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let r = catch_unwind(AssertUnwindSafe(f));
        let _ = tx.send(r);
    });
    match rx.recv_timeout(deadline) {
        Ok(Ok(v)) => Ran::Done(v),
        Ok(Err(_)) => Ran::Panicked,
        Err(_) => Ran::Hung,
    }
}

/// The card pulled before each APDU of `op` in turn: the operation must end with "card
/// removed", pcscd must see the card go without help, and the next card must work.
fn card_pulls(desk: &mut Desk, op: &'static str) -> Row {
    let mut row = Row::new(format!("card pulled at each APDU: {op}"), false);
    desk.insert("adult");
    let before = desk.card.apdus_seen();
    let reader = desk.reader.clone();
    if let Err(e) = run_op(&reader, op) {
        row.note(format!("the operation fails without a fault: {e}"));
        return row;
    }
    let n = desk.card.apdus_seen() - before;
    desk.remove();
    let mut removed = 0;
    for i in 0..n {
        row.runs += 1;
        desk.insert("adult");
        desk.card.remove_after_apdus(i as u32);
        let r = reader.clone();
        match bounded(CARD_DEADLINE, move || run_op(&r, op)) {
            Ran::Done(Err(Error::CardRemoved)) => removed += 1,
            Ran::Done(other) => row.note(format!("APDU {}: {other:?}", i + 1)),
            Ran::Panicked => row.crashes += 1,
            Ran::Hung => row.hangs += 1,
        }
        // pcscd must see the pull by itself; not seeing it is a hang of the reader.
        if catch_unwind(AssertUnwindSafe(|| desk.wait_card_gone())).is_err() {
            row.hangs += 1;
            desk.remove();
        }
    }
    row.note(format!("card removed {removed}/{n}"));
    desk.insert("adult");
    if let Err(e) = run_op(&reader, op) {
        row.note(format!("the next card fails: {e}"));
    }
    desk.remove();
    row
}

/// The app's PIN visit (`onshi_desk::runtime::Desk`, as the screens drive it): plays the patient
/// until the visit ends; returns the stage it ended on, or `None` if it stopped moving.
fn play_pin_visit(
    app: &mut onshi_desk::runtime::Desk,
    pin: &str,
) -> Option<onshi_desk::flow::Stage> {
    use onshi_desk::flow::{Event, Method, Stage};
    use onshi_desk::port::Backend;
    const STEP: Duration = Duration::from_secs(30);
    let mut started = false;
    for _ in 0..20 {
        let moved = app.wait_for(
            |f| match f.stage() {
                Stage::ChooseMethod { .. }
                | Stage::Pin { .. }
                | Stage::PinLastTry { .. }
                | Stage::Consent { .. }
                | Stage::TakeCard { .. } => true,
                Stage::Waiting { notice } => started || notice.is_some(),
                _ => false,
            },
            STEP,
        );
        if !moved {
            return None;
        }
        started = true;
        match app.flow().stage().clone() {
            Stage::ChooseMethod { pin: true, .. } => app.send(Event::Choose(Method::Pin)),
            Stage::Pin { .. } | Stage::PinLastTry { .. } => {
                app.send(Event::PinEntered(AuthPin::new(pin).expect("PIN")))
            }
            Stage::Consent { question } => app.send(Event::Answer(question, true)),
            other => return Some(other),
        }
    }
    None
}

/// The card pulled before each APDU of the app's whole PIN visit: the visit must end on a
/// notice (or at 「カードをお取りください」 if the pull came after the last APDU it needed).
fn visit_pulls(desk: &mut Desk, centre: &RunningCentre, work: &Path) -> Result<Row> {
    use onshi_desk::flow::Stage;
    use reader_driver::ReaderEvent;
    let mut row = Row::new("card pulled at each APDU: the app's PIN visit", false);
    let dir = desk_dir(work, "visit")?;
    let extra = format!("[reader]\nname = {:?}\n", desk.reader);
    let cfg = common::load_config(
        &dir,
        centre,
        &common::Desk {
            extra: &extra,
            ..Default::default()
        },
    );
    let mut app = onshi_desk::runtime::Desk::start(&cfg, std::sync::Arc::new(|| {}))
        .map_err(|e| anyhow::anyhow!("the desk does not start: {e}"))?;
    let p = simulators::card::persona(&workspace_file("assets/personas"), "adult")?;
    let pin = p.toml.jpki.auth_pin.clone();
    let before = desk.card.apdus_seen();
    desk.insert("adult");
    match play_pin_visit(&mut app, &pin) {
        Some(Stage::TakeCard { trouble: None }) => {}
        other => {
            row.note(format!("the visit fails without a fault: {other:?}"));
            return Ok(row);
        }
    }
    let n = desk.card.apdus_seen() - before;
    desk.remove();
    let mut endings: Vec<String> = Vec::new();
    for i in 0..n {
        row.runs += 1;
        // Armed as soon as the card is in, before the desk's card worker sends anything.
        desk.card.insert("adult").expect("insert");
        desk.card.remove_after_apdus(i as u32);
        let reader = desk.reader.clone();
        let seen = catch_unwind(AssertUnwindSafe(|| {
            desk.wait_for(
                |e| matches!(e, ReaderEvent::CardInserted { reader: r, .. } if *r == reader),
            )
        }));
        if seen.is_err() {
            row.hangs += 1;
            desk.remove();
            continue;
        }
        match catch_unwind(AssertUnwindSafe(|| play_pin_visit(&mut app, &pin))) {
            Ok(Some(stage)) => endings.push(format!("{stage:?}")),
            Ok(None) => row.hangs += 1,
            Err(_) => row.crashes += 1,
        }
        if desk.card.inserted().is_some() {
            // The pull came after the visit's last APDU: the patient takes the card.
            desk.remove();
        } else if catch_unwind(AssertUnwindSafe(|| desk.wait_card_gone())).is_err() {
            row.hangs += 1;
            desk.remove();
        }
        // Back to the waiting screen before the next card.
        if !app.wait_for(
            |f| matches!(f.stage(), Stage::Waiting { .. }),
            Duration::from_secs(30),
        ) {
            row.hangs += 1;
        }
    }
    endings.sort();
    let mut counted: Vec<String> = Vec::new();
    for e in &endings {
        let c = endings.iter().filter(|x| *x == e).count();
        let s = format!("{e} ×{c}");
        if !counted.contains(&s) {
            counted.push(s);
        }
    }
    row.note(counted.join(", "));
    Ok(row)
}

/// pcscd killed in the middle of reading the card face (the card slowed so that the kill lands
/// mid-read): the read must fail with an error, and after pcscd is back a card works again.
fn pcscd_killed(desk: &mut Desk, runs: u32) -> Row {
    use reader_driver::ReaderEvent;
    let mut row = Row::new("pcscd killed during a card read", false);
    let mut answers = Vec::new();
    for _ in 0..runs {
        row.runs += 1;
        desk.insert("adult");
        desk.card.set_apdu_delay(Duration::from_millis(40));
        let before = desk.card.apdus_seen();
        let reader = desk.reader.clone();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let r = catch_unwind(AssertUnwindSafe(|| run_op(&reader, "read card face")));
            let _ = tx.send(r);
        });
        // The read is under way once the card has answered a few APDUs.
        let start = Instant::now();
        while desk.card.apdus_seen() < before + 3 && start.elapsed() < CARD_DEADLINE {
            std::thread::sleep(Duration::from_millis(5));
        }
        desk.pcscd().kill();
        match rx.recv_timeout(CARD_DEADLINE) {
            Ok(Ok(Err(e))) => answers.push(format!("{e:?}")),
            Ok(Ok(Ok(()))) => answers.push("read finished".into()),
            Ok(Err(_)) => row.crashes += 1,
            Err(_) => row.hangs += 1,
        }
        desk.card.set_apdu_delay(Duration::ZERO);
        let back = catch_unwind(AssertUnwindSafe(|| {
            desk.wait_for(|e| *e == ReaderEvent::ServiceDown);
            desk.pcscd().restart().expect("pcscd restarts");
            desk.wait_for(|e| *e == ReaderEvent::ServiceUp);
            let reader = desk.reader.clone();
            desk.wait_for(|e| *e == ReaderEvent::ReaderAdded(reader.clone()));
            desk.card.remove();
            desk.insert("adult");
        }));
        if back.is_err() {
            row.hangs += 1;
            row.note("the reader did not come back");
            break;
        }
        if let Err(e) = run_op(&desk.reader, "read auth cert") {
            row.note(format!("a card after the restart fails: {e}"));
        }
        desk.remove();
    }
    answers.sort();
    answers.dedup();
    row.note(answers.join(", "));
    row
}

// ------------------------------------------------------------------------------- the centre

fn centre(dir: &Path) -> Result<RunningCentre> {
    let mut cfg = simulators::centre::Config::new(dir);
    // The seed's dates keep their meaning on a fixed day, as in the end-to-end tests.
    cfg.now = Some(time::macros::datetime!(2026-11-23 10:00 +09:00));
    Ok(Server::start(cfg)?)
}

fn centre_faults(for_check: bool) -> Vec<(&'static str, Faults)> {
    let f = Faults::default();
    let mut v = vec![
        (
            "5xx",
            Faults {
                error_rate: 1.0,
                ..f
            },
        ),
        (
            "connection reset",
            Faults {
                drop_rate: 1.0,
                ..f
            },
        ),
        (
            "malformed reply",
            Faults {
                malformed_rate: 1.0,
                ..f
            },
        ),
    ];
    if for_check {
        // Longer than the client's 10 s timeout: the check must give up, not wait forever.
        v.insert(
            0,
            (
                "slow (12 s)",
                Faults {
                    latency_ms: 12_000,
                    ..f
                },
            ),
        );
    } else {
        // The batch is stored at the centre but the 受付番号 never arrives.
        v.push((
            "reply lost after the work",
            Faults {
                drop_after_rate: 1.0,
                ..f
            },
        ));
    }
    v
}

/// What one `onshi` run ended with.
enum Exit {
    Code(i32),
    /// Killed by a signal (a crash) or exit 101 (a panic).
    Crash(String),
    Hung,
}

fn run_onshi(onshi: &Path, config: &Path, args: &[&str], stdin: &str) -> Exit {
    let mut cmd = Command::new(onshi);
    cmd.arg("--config")
        .arg(config)
        .args(args)
        .env_remove("RUST_LOG")
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    let mut child = match cmd.spawn() {
        Ok(c) => c,
        Err(e) => return Exit::Crash(format!("cannot start {}: {e}", onshi.display())),
    };
    if let Some(mut i) = child.stdin.take() {
        let _ = i.write_all(stdin.as_bytes());
    }
    let pid = child.id();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(child.wait());
    });
    match rx.recv_timeout(COMMAND_DEADLINE) {
        Ok(Ok(st)) => {
            use std::os::unix::process::ExitStatusExt;
            match (st.code(), st.signal()) {
                (Some(101), _) => Exit::Crash("exit 101 (panic)".into()),
                (Some(c), _) => Exit::Code(c),
                (None, Some(s)) => Exit::Crash(format!("signal {s}")),
                (None, None) => Exit::Crash("no status".into()),
            }
        }
        Ok(Err(e)) => Exit::Crash(format!("wait failed: {e}")),
        Err(_) => {
            // SAFETY: kill(2) on the child we started and still own.
            unsafe { libc::kill(pid as i32, libc::SIGKILL) };
            Exit::Hung
        }
    }
}

/// Checks stored in the history of the desk whose settings are `config`.
fn history_rows(onshi: &Path, config: &Path) -> Option<usize> {
    let out = Command::new(onshi)
        .arg("--config")
        .arg(config)
        .args(["history", "--from", "2000-01-01", "--json"])
        .env_remove("RUST_LOG")
        .output()
        .ok()?;
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).ok()?;
    v.as_array().map(Vec::len)
}

/// Counts one finished run into `row`; returns the exit code if there was one.
fn count(row: &mut Row, exit: Exit, codes: &mut Vec<i32>) -> Option<i32> {
    row.runs += 1;
    match exit {
        Exit::Code(c) => {
            codes.push(c);
            Some(c)
        }
        Exit::Crash(why) => {
            row.crashes += 1;
            row.note(why);
            None
        }
        Exit::Hung => {
            row.hangs += 1;
            None
        }
    }
}

/// Exit codes of runs that follow each other (a fault, then the same command again).
fn sequence_note(codes: &[i32], what: &str) -> String {
    let parts: Vec<String> = codes.iter().map(|c| format!("exit {c}")).collect();
    format!("{} ({what})", parts.join(", then "))
}

fn exits_note(codes: &mut [i32]) -> String {
    codes.sort();
    let mut parts: Vec<String> = Vec::new();
    for c in codes.iter() {
        let n = codes.iter().filter(|x| *x == c).count();
        let s = format!("exit {c} ×{n}");
        if !parts.contains(&s) {
            parts.push(s);
        }
    }
    parts.join(", ")
}

fn desk_dir(work: &Path, name: &str) -> Result<PathBuf> {
    let d = work.join(name);
    std::fs::create_dir_all(&d)?;
    Ok(d)
}

/// `onshi check` while the centre misbehaves: the check ends (exit 3 expected) and, whatever
/// it said, a check reported as made (not exit 6) is in the history.
fn check_with_centre_fault(
    onshi: &Path,
    centre: &RunningCentre,
    work: &Path,
    name: &str,
    faults: Faults,
    runs: u32,
) -> Result<Row> {
    let dir = desk_dir(work, &format!("check-{}", name.replace(' ', "-")))?;
    let config = common::write_config(&dir, centre, &common::Desk::default());
    let mut row = Row::new(format!("centre {name}: onshi check"), true);
    let mut codes = Vec::new();
    let mut reported: usize = 0;
    centre.set_faults(faults);
    for _ in 0..runs {
        let exit = run_onshi(onshi, &config, &CHECK_ARGS, "");
        if let Some(c) = count(&mut row, exit, &mut codes)
            && c != 6
            && c != 2
        {
            reported += 1;
        }
    }
    centre.set_faults(Faults::default());
    let stored = history_rows(onshi, &config).unwrap_or(0);
    row.lose(reported.saturating_sub(stored) as u32);
    row.note(exits_note(&mut codes));
    Ok(row)
}

/// Rows of an exported result table (the header not counted), if the file is there.
fn table_rows(out: &Path) -> Option<usize> {
    let text = std::fs::read_to_string(out).ok()?;
    Some(text.lines().count().saturating_sub(1))
}

/// `onshi batch` while the centre misbehaves, then the same command once the centre is well:
/// every row of the list must be in the result table.
fn batch_with_centre_fault(
    onshi: &Path,
    centre: &RunningCentre,
    work: &Path,
    name: &str,
    faults: Faults,
) -> Result<Row> {
    let dir = desk_dir(work, &format!("batch-{}", name.replace(' ', "-")))?;
    let config = common::write_config(&dir, centre, &common::Desk::default());
    let list = dir.join("booked.csv");
    std::fs::write(&list, LIST)?;
    let out = dir.join("result.csv");
    let store = dir.join("batches.sqlite");
    let args = batch_args(&list, &out, &store);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let mut row = Row::new(format!("centre {name}: onshi batch"), true);
    let mut codes = Vec::new();
    centre.set_faults(faults);
    count(&mut row, run_onshi(onshi, &config, &args, ""), &mut codes);
    centre.set_faults(Faults::default());
    count(&mut row, run_onshi(onshi, &config, &args, ""), &mut codes);
    let got = table_rows(&out).unwrap_or(0);
    row.lose(LIST_ROWS.saturating_sub(got) as u32);
    row.note(sequence_note(&codes, "fault, then again"));
    Ok(row)
}

fn batch_args(list: &Path, out: &Path, store: &Path) -> Vec<String> {
    vec![
        "batch".into(),
        list.display().to_string(),
        "-o".into(),
        out.display().to_string(),
        "--store".into(),
        store.display().to_string(),
        "--poll-secs".into(),
        "0.05".into(),
        "--wait-secs".into(),
        "60".into(),
    ]
}

// ------------------------------------------------------------------------------- the disk

#[derive(Clone, Copy, PartialEq)]
enum Disk {
    Full,
    ReadOnly,
}

impl Disk {
    fn name(self) -> &'static str {
        match self {
            Disk::Full => "disk full",
            Disk::ReadOnly => "read-only database",
        }
    }
}

fn cstr(p: &Path) -> CString {
    CString::new(p.as_os_str().as_encoded_bytes()).expect("no NUL in a temp path")
}

/// A mount namespace of this process's own, whose mounts do not reach the rest of the system.
fn private_mounts() -> Result<()> {
    // SAFETY: plain syscalls with NUL-terminated strings, before any other thread exists.
    unsafe {
        if libc::unshare(libc::CLONE_NEWNS) != 0 {
            bail!(
                "unshare(CLONE_NEWNS): {} (the fault bench runs as root)",
                std::io::Error::last_os_error()
            );
        }
        let root = CString::new("/").expect("literal");
        if libc::mount(
            std::ptr::null(),
            root.as_ptr(),
            std::ptr::null(),
            libc::MS_REC | libc::MS_PRIVATE,
            std::ptr::null(),
        ) != 0
        {
            bail!("making / private: {}", std::io::Error::last_os_error());
        }
    }
    Ok(())
}

/// The small file systems mounted so far, unmounted at the end (so that the temporary folder
/// can be removed).
static MOUNTED: std::sync::Mutex<Vec<PathBuf>> = std::sync::Mutex::new(Vec::new());

fn unmount_all() {
    for dir in MOUNTED.lock().unwrap_or_else(|e| e.into_inner()).drain(..) {
        // SAFETY: umount2(2) of a tmpfs this process mounted in its own namespace.
        unsafe { libc::umount2(cstr(&dir).as_ptr(), libc::MNT_DETACH) };
    }
}

/// A 2 MiB tmpfs at `dir`.
fn small_fs(dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir)?;
    let src = CString::new("tmpfs").expect("literal");
    let opts = CString::new("size=2m,mode=0700").expect("literal");
    // SAFETY: mount(2) with NUL-terminated strings that outlive the call.
    let r = unsafe {
        libc::mount(
            src.as_ptr(),
            cstr(dir).as_ptr(),
            src.as_ptr(),
            0,
            opts.as_ptr().cast(),
        )
    };
    if r != 0 {
        bail!(
            "mount tmpfs at {}: {}",
            dir.display(),
            std::io::Error::last_os_error()
        );
    }
    MOUNTED
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .push(dir.to_path_buf());
    Ok(())
}

/// Breaks the file system at `dir`: fills it to the last byte, or makes it read-only.
fn break_fs(dir: &Path, how: Disk) -> Result<()> {
    match how {
        Disk::Full => {
            let mut f = std::fs::File::create(dir.join("filler"))?;
            let chunk = vec![0u8; 4096];
            while f.write_all(&chunk).is_ok() {}
            Ok(())
        }
        Disk::ReadOnly => remount(dir, libc::MS_RDONLY),
    }
}

/// Undoes [`break_fs`].
fn mend_fs(dir: &Path, how: Disk) -> Result<()> {
    match how {
        Disk::Full => Ok(std::fs::remove_file(dir.join("filler"))?),
        Disk::ReadOnly => remount(dir, 0),
    }
}

fn remount(dir: &Path, flags: libc::c_ulong) -> Result<()> {
    let empty = CString::new("").expect("literal");
    // SAFETY: mount(2) remount of a tmpfs this process mounted.
    let r = unsafe {
        libc::mount(
            std::ptr::null(),
            cstr(dir).as_ptr(),
            std::ptr::null(),
            libc::MS_REMOUNT | flags,
            empty.as_ptr().cast(),
        )
    };
    if r != 0 {
        bail!(
            "remount {}: {}",
            dir.display(),
            std::io::Error::last_os_error()
        );
    }
    Ok(())
}

/// `onshi check` with its history on a full or read-only file system (one good check made
/// first, so that the database exists): the check must end with exit 6 and say so, never
/// claim a stored check that is not there.
fn check_on_broken_disk(
    onshi: &Path,
    centre: &RunningCentre,
    work: &Path,
    how: Disk,
    runs: u32,
) -> Result<Row> {
    let dir = work.join(format!("check-{}", how.name().replace(' ', "-")));
    small_fs(&dir)?;
    let config = common::write_config(&dir, centre, &common::Desk::default());
    let mut row = Row::new(format!("{}: history (onshi check)", how.name()), true);
    let mut codes = Vec::new();
    let _ = run_onshi(onshi, &config, &CHECK_ARGS, "");
    let before = history_rows(onshi, &config).unwrap_or(0);
    break_fs(&dir, how)?;
    let mut reported: usize = 0;
    for _ in 0..runs {
        let exit = run_onshi(onshi, &config, &CHECK_ARGS, "");
        if let Some(c) = count(&mut row, exit, &mut codes)
            && c != 6
        {
            reported += 1;
        }
    }
    mend_fs(&dir, how)?;
    let after = history_rows(onshi, &config).unwrap_or(0);
    row.lose(reported.saturating_sub(after.saturating_sub(before)) as u32);
    row.note(exits_note(&mut codes));
    Ok(row)
}

/// `onshi batch` with its job store on a full or read-only file system, then the same command
/// once the disk is mended: every row of the list must be in the result table.
fn batch_on_broken_disk(
    onshi: &Path,
    centre: &RunningCentre,
    work: &Path,
    how: Disk,
) -> Result<Row> {
    let dir = desk_dir(work, &format!("batch-{}", how.name().replace(' ', "-")))?;
    let config = common::write_config(&dir, centre, &common::Desk::default());
    let list = dir.join("booked.csv");
    std::fs::write(&list, LIST)?;
    let out = dir.join("result.csv");
    let fs = dir.join("store");
    small_fs(&fs)?;
    let store = fs.join("batches.sqlite");
    let args = batch_args(&list, &out, &store);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let mut row = Row::new(format!("{}: job store (onshi batch)", how.name()), true);
    let mut codes = Vec::new();
    if how == Disk::ReadOnly {
        // A store that exists (an earlier job of another list), on a disk that went read-only.
        let other = dir.join("other.csv");
        std::fs::write(&other, LIST.replace("99,00", "98,00"))?;
        let first = batch_args(&other, &dir.join("other-result.csv"), &store);
        let first: Vec<&str> = first.iter().map(String::as_str).collect();
        let _ = run_onshi(onshi, &config, &first, "");
    }
    break_fs(&fs, how)?;
    count(&mut row, run_onshi(onshi, &config, &args, ""), &mut codes);
    mend_fs(&fs, how)?;
    count(&mut row, run_onshi(onshi, &config, &args, ""), &mut codes);
    let got = table_rows(&out).unwrap_or(0);
    row.lose(LIST_ROWS.saturating_sub(got) as u32);
    row.note(sequence_note(&codes, "broken, then mended"));
    Ok(row)
}
