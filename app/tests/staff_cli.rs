//! `onshi staff` as an administrator's script runs it: the built binary, real SQLite files
//! for the accounts and the audit log, passwords on standard input (the administrator's
//! first, then the new one). A fresh desk's first account must be an administrator; after
//! that nobody makes themselves a doctor without an administrator's password; every change is
//! in the audit log with who approved it; wrong administrator passwords make the next try
//! wait, and a new process does not reset that. The desk's settings are left out (as on a
//! desk being set up), so the files are under `$XDG_DATA_HOME/onshi/`.

use onshi::cli::exit;
use onshi_desk::history::History;
use onshi_desk::history::audit::Event;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

struct Run {
    code: u8,
    out: String,
    err: String,
}

fn onshi(home: &Path, args: &[&str], stdin: &str) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_onshi"))
        .arg("staff")
        .args(args)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("LANG", "C")
        .env_remove("LC_ALL")
        .env_remove("RUST_LOG")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The command may refuse before reading all of it: a closed pipe is its answer.
    let _ = child.stdin.take().unwrap().write_all(stdin.as_bytes());
    let o = child.wait_with_output().unwrap();
    Run {
        code: u8::try_from(o.status.code().expect("exited, not killed")).unwrap(),
        out: String::from_utf8(o.stdout).unwrap(),
        err: String::from_utf8(o.stderr).unwrap(),
    }
}

fn list(home: &Path) -> String {
    let r = onshi(home, &["list"], "");
    assert_eq!(r.code, exit::OK, "{}", r.err);
    r.out
}

const ADMIN: &str = "admin pass 1";

fn with_admin(home: &Path) {
    let r = onshi(
        home,
        &["add", "kanri", "--role", "admin"],
        &format!("{ADMIN}\n"),
    );
    assert_eq!(r.code, exit::OK, "{}", r.err);
}

fn staff_events(home: &Path) -> Vec<(String, Event, Option<String>, Option<String>)> {
    let far = time::Duration::days(3650);
    let now = time::OffsetDateTime::now_utc();
    History::open(&home.join("data/onshi/history.sqlite"))
        .unwrap()
        .staff_events_between(now - far, now + far)
        .unwrap()
        .into_iter()
        .map(|e| (e.actor, e.event, e.subject, e.detail))
        .collect()
}

#[test]
fn nobody_makes_themselves_a_doctor_without_an_administrator() {
    let home = tempfile::tempdir().unwrap();
    let home = home.path();
    // A fresh desk: the first account must be an administrator.
    let r = onshi(home, &["add", "me", "--role", "doctor"], "my own pass\n");
    assert_eq!(
        r.code,
        exit::USAGE,
        "a first account that is not an administrator: {}",
        r.out
    );
    assert!(r.err.contains("--role admin"), "{}", r.err);
    assert_eq!(list(home), "", "no account was made");

    with_admin(home);
    // Without an administrator's approval: refused, nothing made.
    let r = onshi(home, &["add", "me", "--role", "doctor"], "my own pass\n");
    assert_eq!(r.code, exit::USAGE, "{}", r.out);
    assert!(r.err.contains("--admin"), "{}", r.err);
    // With a wrong administrator password, or a non-administrator's: refused.
    let r = onshi(
        home,
        &["add", "me", "--role", "doctor", "--admin", "kanri"],
        "a guess\nmy own pass\n",
    );
    assert_eq!(r.code, exit::REFUSED, "{}", r.err);
    assert_eq!(list(home), "kanri\tadmin\n");

    // The administrator approves a doctor, who cannot approve anyone.
    let r = onshi(
        home,
        &["add", "tanaka", "--role", "doctor", "--admin", "kanri"],
        &format!("{ADMIN}\nbattery staple\n"),
    );
    assert_eq!(r.code, exit::OK, "{}", r.err);
    assert_eq!(r.out, "added tanaka (doctor)\n");
    let r = onshi(
        home,
        &["add", "me", "--role", "doctor", "--admin", "tanaka"],
        "battery staple\nmy own pass\n",
    );
    assert_eq!(r.code, exit::REFUSED, "{}", r.err);
    assert!(r.err.contains("not an administrator"), "{}", r.err);
    assert_eq!(list(home), "kanri\tadmin\ntanaka\tdoctor\n");

    // Role, password, disable and enable, each approved; the last administrator stays.
    let ok = |args: &[&str], stdin: &str| {
        let r = onshi(home, args, stdin);
        assert_eq!(r.code, exit::OK, "{args:?}: {}", r.err);
    };
    ok(
        &["role", "tanaka", "--role", "dentist", "--admin", "kanri"],
        &format!("{ADMIN}\n"),
    );
    ok(
        &["passwd", "tanaka", "--admin", "kanri"],
        &format!("{ADMIN}\nnew staple 2\n"),
    );
    ok(
        &["disable", "tanaka", "--admin", "kanri"],
        &format!("{ADMIN}\n"),
    );
    assert_eq!(list(home), "kanri\tadmin\ntanaka\tdentist\tdisabled\n");
    ok(
        &["enable", "tanaka", "--admin", "kanri"],
        &format!("{ADMIN}\n"),
    );
    let r = onshi(
        home,
        &["disable", "kanri", "--admin", "kanri"],
        &format!("{ADMIN}\n"),
    );
    assert_eq!(r.code, exit::USAGE, "{}", r.err);
    assert!(r.err.contains("last active administrator"), "{}", r.err);
    ok(
        &["remove", "tanaka", "--admin", "kanri"],
        &format!("{ADMIN}\n"),
    );
    assert_eq!(list(home), "kanri\tadmin\n");

    // Every change is audited with the approving administrator; the chain holds.
    let changes: Vec<_> = staff_events(home)
        .into_iter()
        .filter(|(_, e, _, _)| !matches!(e, Event::Login | Event::LoginFailed))
        .collect();
    let s = |v: &str| Some(v.to_string());
    assert_eq!(
        changes,
        [
            (
                "admin/kanri".into(),
                Event::AccountAdded,
                s("kanri"),
                s("admin")
            ),
            (
                "admin/kanri".into(),
                Event::AccountAdded,
                s("tanaka"),
                s("doctor")
            ),
            (
                "admin/kanri".into(),
                Event::RoleChanged,
                s("tanaka"),
                s("dentist")
            ),
            (
                "admin/kanri".into(),
                Event::PasswordChanged,
                s("tanaka"),
                None
            ),
            (
                "admin/kanri".into(),
                Event::AccountDisabled,
                s("tanaka"),
                None
            ),
            (
                "admin/kanri".into(),
                Event::AccountEnabled,
                s("tanaka"),
                None
            ),
            (
                "admin/kanri".into(),
                Event::AccountRemoved,
                s("tanaka"),
                None
            ),
        ]
    );
    let events = staff_events(home);
    assert!(
        events
            .iter()
            .any(|(who, e, _, _)| who == "kanri" && *e == Event::LoginFailed),
        "the wrong administrator password is audited: {events:?}"
    );
    let raw = std::fs::read(home.join("data/onshi/staff.sqlite")).unwrap();
    assert!(
        !raw.windows(7).any(|w| w == b"staple "),
        "no password is stored"
    );
    let h = History::open(&home.join("data/onshi/history.sqlite")).unwrap();
    assert_eq!(h.verify_audit().unwrap().broken, None);
}

#[test]
fn wrong_administrator_passwords_make_the_next_try_wait_across_runs() {
    let home = tempfile::tempdir().unwrap();
    let home = home.path();
    with_admin(home);
    let approve = |pw: &str| {
        onshi(
            home,
            &["add", "ishi", "--role", "doctor", "--admin", "kanri"],
            &format!("{pw}\nbattery staple\n"),
        )
    };
    for i in 1..=4 {
        let r = approve("a guess");
        assert_eq!(r.code, exit::REFUSED, "try {i}: {}", r.err);
        assert!(r.err.contains("wrong"), "try {i}: {}", r.err);
    }
    // The fifth wrong password: from now on the next try waits, and says how long.
    let r = approve("a guess");
    assert_eq!(r.code, exit::REFUSED);
    assert!(r.err.contains("wait 30 s"), "{}", r.err);
    // A new process, the right password: still waiting, nothing made.
    let r = approve(ADMIN);
    assert_eq!(r.code, exit::REFUSED, "{}", r.err);
    assert!(r.err.contains("wait"), "{}", r.err);
    assert_eq!(list(home), "kanri\tadmin\n");
    let events = staff_events(home);
    assert_eq!(
        events
            .iter()
            .filter(|(_, e, _, _)| *e == Event::LoginFailed)
            .count(),
        5,
        "each failure is audited"
    );
    assert!(
        events
            .iter()
            .any(|(_, e, _, _)| *e == Event::LoginThrottled),
        "the refused try is audited: {events:?}"
    );
}
