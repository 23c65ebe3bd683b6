//! A fresh desk keeps its data to its own account: under the usual umask (022, which makes
//! files 0644 in 0755 folders), the real `onshi` binary checks a card, runs a 一括照会 and
//! exports its table, then the stores are opened as the desk opens them (history with an audit
//! row, staff accounts, the batch job store) and kept open, so that SQLite's `-wal` and `-shm`
//! files exist too. Every file and folder that appeared is walked: none may be readable,
//! writable or searchable by the group or others.

mod common;

use simulators::centre::{RunningCentre, Server};
use std::collections::BTreeSet;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;

fn centre(dir: &Path) -> RunningCentre {
    let mut cfg = simulators::centre::Config::new(dir);
    cfg.now = Some(time::macros::datetime!(2026-11-23 10:00 +09:00));
    Server::start(cfg).unwrap()
}

/// Every path under `root`, folders included.
fn walk(root: &Path) -> BTreeSet<PathBuf> {
    let mut all = BTreeSet::new();
    let mut todo = vec![root.to_path_buf()];
    while let Some(d) = todo.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if std::fs::symlink_metadata(&p).unwrap().is_dir() {
                todo.push(p.clone());
            }
            all.insert(p);
        }
    }
    all
}

fn onshi(config: &Path, xdg: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_onshi"));
    c.arg("--config")
        .arg(config)
        .env("XDG_DATA_HOME", xdg)
        .env_remove("RUST_LOG");
    c
}

#[test]
fn a_fresh_desk_creates_nothing_other_accounts_can_read() {
    // SAFETY: umask only sets this process's file-creation mask; this test binary has one
    // test, and the desk's commands below inherit the mask.
    unsafe { libc::umask(0o022) };
    let sim = tempfile::tempdir().unwrap();
    let c = centre(sim.path());
    let dir = tempfile::tempdir().unwrap();
    let config = common::write_config(dir.path(), &c, &common::Desk::default());
    // The desk's default data folder ($XDG_DATA_HOME/onshi), not one the test made.
    let text = std::fs::read_to_string(&config)
        .unwrap()
        .replace("[history]\npath = \"history.sqlite\"\n", "");
    std::fs::write(&config, text).unwrap();
    let xdg = dir.path().join("xdg");
    std::fs::create_dir(dir.path().join("exports")).unwrap();
    let list = dir.path().join("booked.csv");
    std::fs::write(
        &list,
        "患者氏名,保険者番号,記号,番号,枝番,生年月日\r\n試験　花子,01130012,1234567,12,00,19800217\r\n",
    )
    .unwrap();
    let before = walk(dir.path());

    let o = onshi(&config, &xdg)
        .args(["check", "--insurer", "01130012", "--symbol", "1234567"])
        .args(["--number", "12", "--branch", "00", "--birth", "1980-02-17"])
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let export = dir.path().join("exports/結果.csv");
    let o = onshi(&config, &xdg)
        .arg("batch")
        .arg(&list)
        .arg("-o")
        .arg(&export)
        .args(["--poll-secs", "0.05", "--wait-secs", "120"])
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );

    // The stores as the console opens them, held open: -wal and -shm exist while they are.
    let data = xdg.join("onshi");
    let mut history = onshi_desk::history::History::open(&data.join("history.sqlite")).unwrap();
    history
        .audit(&onshi_desk::history::AuditRecord {
            at: time::OffsetDateTime::now_utc(),
            staff: "ishi".into(),
            check_id: Some(1),
            insurer_number: "01130012".into(),
            card_symbol: Some("1234567".into()),
            card_number: "12".into(),
            branch: Some("00".into()),
            what: onshi_desk::history::Viewed::Drug,
            disaster: false,
        })
        .unwrap();
    let _staff =
        onshi_desk::staff::Accounts::open(&data.join("staff.sqlite"), &data.join("history.sqlite"))
            .unwrap();
    let _jobs = onshi_desk::batch::Store::open(&data.join("batches.sqlite")).unwrap();

    let created: Vec<PathBuf> = walk(dir.path()).difference(&before).cloned().collect();
    for want in [
        "xdg",
        "xdg/onshi",
        "xdg/onshi/history.sqlite",
        "xdg/onshi/history.sqlite-wal",
        "xdg/onshi/history.sqlite-shm",
        "xdg/onshi/staff.sqlite",
        "xdg/onshi/staff.sqlite-wal",
        "xdg/onshi/batches.sqlite",
        "xdg/onshi/batches.sqlite-wal",
        "exports/結果.csv",
    ] {
        assert!(
            created.contains(&dir.path().join(want)),
            "{want} was not made: {created:#?}"
        );
    }
    let open: Vec<String> = created
        .iter()
        .filter_map(|p| {
            let mode = std::fs::symlink_metadata(p).unwrap().permissions().mode() & 0o777;
            (mode & 0o077 != 0).then(|| format!("{:o} {}", mode, p.display()))
        })
        .collect();
    assert!(
        open.is_empty(),
        "readable by other accounts:\n{}",
        open.join("\n")
    );
}
