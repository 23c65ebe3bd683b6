//! `onshi card info` as a script runs it: the built binary, its settings handling (the config
//! is optional; a named one must exist) and its exit statuses, against a private pcscd with the
//! vpcd driver and the virtual card, or no pcscd at all. The facts and the failures in detail
//! are tested in the end-to-end crate (tests/tests/card_info.rs); this file covers what only
//! the binary does.

use onshi::cli::exit;
use reader_driver::{ReaderEvent, Watcher};
use simulators::card::{CardConfig, VirtualCard};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

fn workspace(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(rel)
}

struct Run {
    code: u8,
    out: String,
    err: String,
}

/// Runs the binary with no config of its own (an empty XDG_CONFIG_HOME) unless `args` name one.
fn onshi(socket: &Path, home: &Path, lang: &str, args: &[&str]) -> Run {
    let o = Command::new(env!("CARGO_BIN_EXE_onshi"))
        .args(args)
        .env("PCSCLITE_CSOCK_NAME", socket)
        .env("XDG_CONFIG_HOME", home)
        .env("LANG", lang)
        .env_remove("LC_ALL")
        .env_remove("RUST_LOG")
        .output()
        .unwrap();
    Run {
        code: u8::try_from(o.status.code().expect("exited, not killed")).unwrap(),
        out: String::from_utf8(o.stdout).unwrap(),
        err: String::from_utf8(o.stderr).unwrap(),
    }
}

#[test]
fn pcscd_not_running_is_status_9_in_the_users_language() {
    let home = tempfile::tempdir().unwrap();
    let socket = home.path().join("no-pcscd.comm");
    let r = onshi(&socket, home.path(), "ja_JP.UTF-8", &["card", "info"]);
    assert_eq!(r.code, exit::READER);
    assert_eq!(r.out, "");
    assert!(
        r.err
            .contains("カードリーダーのサービス（pcscd）が動いていません"),
        "{}",
        r.err
    );
    let r = onshi(&socket, home.path(), "C", &["card", "info", "--json"]);
    assert_eq!(r.code, exit::READER);
    let v: serde_json::Value = serde_json::from_str(&r.out).unwrap();
    assert_eq!(v["error"], "service_down");
    assert!(r.err.contains("(pcscd) is not running"), "{}", r.err);
    // A config that was asked for must exist.
    let missing = home.path().join("nope.toml");
    let r = onshi(
        &socket,
        home.path(),
        "C",
        &["card", "info", "--config", missing.to_str().unwrap()],
    );
    assert_eq!(r.code, exit::USAGE, "{}", r.err);
}

fn wait(events: &Receiver<ReaderEvent>, want: impl Fn(&ReaderEvent) -> bool) {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match events.recv_timeout(left) {
            Ok(e) if want(&e) => return,
            Ok(_) => {}
            Err(_) => panic!("no such reader event within 10 s"),
        }
    }
}

#[test]
fn reads_the_card_without_a_config_and_says_when_there_is_none() {
    let pcscd = testbed::Pcscd::start().expect("private pcscd (run `cargo xtask setup`)");
    // Only this test talks to pcscd from this process (the watcher below).
    // SAFETY: no other thread of this test binary reads the environment through libc.
    unsafe { std::env::set_var(testbed::SOCKET_ENV, pcscd.socket()) };
    let (tx, events) = channel();
    let _watcher = Watcher::spawn(tx);
    wait(&events, |e| {
        *e == ReaderEvent::ReaderAdded(testbed::READER_SLOT0.into())
    });
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("apdu.jsonl");
    let card = VirtualCard::start(CardConfig {
        vpcd: pcscd.vpcd_addr(),
        personas_dir: workspace("assets/personas"),
        pki_dir: workspace("assets/pki"),
        apdu_log: Some(log.clone()),
    })
    .unwrap();
    let home = dir.path();
    let socket = pcscd.socket();

    let r = onshi(&socket, home, "C", &["card", "info"]);
    assert_eq!(r.code, exit::NO_CARD, "{} {}", r.out, r.err);
    assert!(r.err.contains("no card is on the reader"), "{}", r.err);

    card.insert("adult").unwrap();
    wait(&events, |e| matches!(e, ReaderEvent::CardInserted { .. }));
    let r = onshi(&socket, home, "ja_JP.UTF-8", &["card", "info", "--json"]);
    assert_eq!(r.code, exit::OK, "{}", r.err);
    let v: serde_json::Value = serde_json::from_str(&r.out).unwrap();
    assert_eq!(v["reader"], testbed::READER_SLOT0);
    assert_eq!(v["certificate"]["serial"], "1001");
    assert_eq!(v["certificate"]["chain"], "not_checked");
    assert_eq!(v["pin"]["tries_left"], 3);
    assert!(!r.out.contains("試験") && !r.out.contains("1980"));

    let r = onshi(
        &socket,
        home,
        "ja_JP.UTF-8",
        &["card", "info", "--reader", "ACME 00 00"],
    );
    assert_eq!(r.code, exit::READER);
    assert!(
        r.err.contains("「ACME 00 00」が見つかりません"),
        "{}",
        r.err
    );

    card.remove_and_wait();
    wait(&events, |e| matches!(e, ReaderEvent::CardRemoved { .. }));
    let text = std::fs::read_to_string(&log).unwrap();
    assert!(
        text.contains("\"cmd\":\"00200080\""),
        "the PIN's tries were asked"
    );
    let bad = simulators::card::privacy_violations(&text);
    assert!(bad.is_empty(), "{bad:#?}");
}

#[test]
fn no_reader_connected_is_status_9() {
    let pcscd =
        testbed::Pcscd::start_without_reader().expect("private pcscd (run `cargo xtask setup`)");
    let home = tempfile::tempdir().unwrap();
    let r = onshi(
        &pcscd.socket(),
        home.path(),
        "ja_JP.UTF-8",
        &["card", "info"],
    );
    assert_eq!(r.code, exit::READER, "{} {}", r.out, r.err);
    assert!(
        r.err.contains("カードリーダーが接続されていません"),
        "{}",
        r.err
    );
    let r = onshi(
        &pcscd.socket(),
        home.path(),
        "C",
        &["card", "info", "--json", "--reader", "ACME 00 00"],
    );
    assert_eq!(r.code, exit::READER, "{} {}", r.out, r.err);
    let v: serde_json::Value = serde_json::from_str(&r.out).unwrap();
    assert_eq!(v["error"], "no_reader");
}
