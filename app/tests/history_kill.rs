//! kill -9 during writes: a child process (this test binary re-run on its ignored
//! `history_writer_child`) writes checks, batches and audit rows to a real SQLite file as fast
//! as it can and prints each commit on stdout; the test SIGKILLs it mid-stream, then reopens
//! the file: every reported row is there with its content, and integrity_check says ok.

use onshi_desk::history::{
    AuditRecord, CheckRecord, Consent, ConsentKind, History, Method, Outcome, Person, Query, Viewed,
};
use std::io::{BufRead, BufReader, Write};
use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::{Command, Stdio};
use time::OffsetDateTime;

const CHILD_ENV: &str = "ONSHI_HISTORY_KILL_CHILD";
/// Commits reported before the kill.
const KILL_AFTER: usize = 400;

fn check(i: u64) -> CheckRecord {
    CheckRecord {
        at: OffsetDateTime::now_utc(),
        method: if i.is_multiple_of(2) {
            Method::InsuranceCard
        } else {
            Method::CardPin
        },
        outcome: Outcome::Valid,
        reason_code: None,
        reason_message: None,
        person: Person {
            name: Some(format!("試験　{i}")),
            name_kana: Some(format!("ｼｹﾝ {i}")),
            card_number: Some(i.to_string()),
            insurer_number: Some("01130012".into()),
            ..Person::default()
        },
        consents: vec![Consent {
            kind: ConsentKind::Drug,
            agreed: true,
            at: None,
        }],
    }
}

/// The child: writes until killed, one line per commit: `check ID I`, `audit ID I`.
#[test]
#[ignore = "the child process of the kill -9 test, started by it"]
fn history_writer_child() {
    let path = std::env::var_os(CHILD_ENV).expect("run by the kill -9 test");
    let mut h = History::open(Path::new(&path)).unwrap();
    let mut out = std::io::stdout().lock();
    let mut i = 0u64;
    loop {
        if i % 10 == 9 {
            // A 一括照会-sized transaction now and then: all of it or none.
            let batch: Vec<CheckRecord> = (i..i + 20).map(check).collect();
            let ids = h.record_all(&batch).unwrap();
            for (id, n) in ids.iter().zip(i..) {
                writeln!(out, "check {id} {n}").unwrap();
            }
            i += 20;
        } else {
            let id = h.record(&check(i)).unwrap();
            writeln!(out, "check {id} {i}").unwrap();
            let a = h
                .audit(&AuditRecord {
                    at: OffsetDateTime::now_utc(),
                    staff: "dr-test".into(),
                    check_id: Some(id),
                    insurer_number: "01130012".into(),
                    card_symbol: None,
                    card_number: i.to_string(),
                    branch: None,
                    what: Viewed::Drug,
                    disaster: false,
                })
                .unwrap();
            writeln!(out, "audit {a} {i}").unwrap();
            i += 1;
        }
        out.flush().unwrap();
    }
}

#[test]
fn kill_9_during_writes_keeps_every_committed_row() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("history.sqlite");
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args([
            "history_writer_child",
            "--exact",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD_ENV, &path)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let (mut checks, mut audits) = (Vec::new(), Vec::new());
    let mut killed = false;
    // Read to the end: lines written before the kill are still in the pipe and count.
    for line in lines {
        let line = line.unwrap();
        let mut parts = line.split(' ');
        let (kind, id, i) = match (parts.next(), parts.next(), parts.next()) {
            (Some(k @ ("check" | "audit")), Some(id), Some(i)) => {
                (k, id.parse::<i64>().unwrap(), i.parse::<u64>().unwrap())
            }
            _ => continue, // the test harness's own lines
        };
        if kind == "check" {
            checks.push((id, i));
        } else {
            audits.push((id, i));
        }
        if !killed && checks.len() + audits.len() >= KILL_AFTER {
            child.kill().unwrap(); // SIGKILL on Unix
            killed = true;
        }
    }
    let status = child.wait().unwrap();
    assert!(
        killed,
        "the writer stopped on its own after {} commits: {status}",
        checks.len()
    );
    assert_eq!(
        status.signal(),
        Some(9),
        "the writer died of SIGKILL: {status}"
    );
    assert!(checks.len() + audits.len() >= KILL_AFTER);

    let h = History::open(&path).expect("the database opens after the kill");
    assert!(h.integrity_ok().unwrap(), "integrity_check after kill -9");
    for &(id, i) in &checks {
        let e = h
            .get(id)
            .unwrap()
            .unwrap_or_else(|| panic!("committed check {id} (#{i}) is missing"));
        assert_eq!(
            e.check.person.card_number,
            Some(i.to_string()),
            "check {id}"
        );
        assert_eq!(e.check.consents.len(), 1, "check {id} has its consent");
    }
    let far = time::Duration::days(1);
    let now = OffsetDateTime::now_utc();
    let stored_audits = h.audit_between(now - far, now + far).unwrap();
    for &(id, i) in &audits {
        let a = stored_audits
            .iter()
            .find(|(a, _)| *a == id)
            .unwrap_or_else(|| panic!("committed audit row {id} (#{i}) is missing"));
        assert_eq!(a.1.card_number, i.to_string());
    }
    // No half of a batch: every stored check has its number once, a batch is whole or absent.
    let all = h
        .search(&Query {
            limit: usize::MAX >> 1,
            ..Query::default()
        })
        .unwrap();
    assert!(all.len() >= checks.len());
    let mut numbers: Vec<u64> = all
        .iter()
        .map(|e| {
            e.check
                .person
                .card_number
                .as_ref()
                .unwrap()
                .parse()
                .unwrap()
        })
        .collect();
    numbers.sort_unstable();
    let expected: Vec<u64> = (0..numbers.len() as u64).collect();
    assert_eq!(
        numbers, expected,
        "rows are a prefix of what was written, nothing torn"
    );
}
