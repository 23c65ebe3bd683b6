//! The `virtual-card` binary: control socket commands, a vpcd stand-in over TCP, clean exit on
//! `quit` and on SIGTERM.

use crate::card_common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::os::unix::net::UnixStream;
use std::process::{Child, Command, Stdio};

use card_common::*;

fn send(s: &mut TcpStream, payload: &[u8]) {
    let mut m = (payload.len() as u16).to_be_bytes().to_vec();
    m.extend_from_slice(payload);
    s.write_all(&m).unwrap();
}

fn recv(s: &mut TcpStream) -> Vec<u8> {
    // A regression must fail the test, not hang it.
    s.set_read_timeout(Some(std::time::Duration::from_secs(10)))
        .unwrap();
    let mut len = [0u8; 2];
    s.read_exact(&mut len).unwrap();
    let mut buf = vec![0u8; u16::from_be_bytes(len) as usize];
    s.read_exact(&mut buf).unwrap();
    buf
}

/// Starts the binary and returns once it says it is ready (its first stderr line).
fn start(listener: &TcpListener, control: &std::path::Path, log: &std::path::Path) -> Child {
    let mut child = Command::new(env!("CARGO_BIN_EXE_virtual-card"))
        .arg("--vpcd")
        .arg(listener.local_addr().unwrap().to_string())
        .arg("--personas")
        .arg(personas_dir())
        .arg("--pki")
        .arg(pki_dir())
        .arg("--control")
        .arg(control)
        .arg("--log")
        .arg(log)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stderr.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    assert!(line.starts_with("virtual-card ready"), "{line}");
    child
}

struct Control(BufReader<UnixStream>);

impl Control {
    fn connect(path: &std::path::Path) -> Self {
        Control(BufReader::new(UnixStream::connect(path).unwrap()))
    }
    fn cmd(&mut self, line: &str) -> String {
        writeln!(self.0.get_mut(), "{line}").unwrap();
        let mut reply = String::new();
        self.0.read_line(&mut reply).unwrap();
        reply.trim_end().to_owned()
    }
}

#[test]
fn control_socket_drives_the_card_and_quit_exits_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let (control, log) = (dir.path().join("ctl"), dir.path().join("apdu.jsonl"));
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let mut child = start(&listener, &control, &log);
    let mut ctl = Control::connect(&control);
    assert!(ctl.cmd("personas").starts_with("ok adult child"));
    assert_eq!(ctl.cmd("status"), "ok inserted=none apdus=0");
    assert!(ctl.cmd("insert nobody").starts_with("err unknown persona"));
    assert!(ctl.cmd("delay-ms x").starts_with("err"));
    assert!(ctl.cmd("frobnicate").starts_with("err unknown command"));

    let mut vpcd = std::thread::scope(|scope| {
        let inserting = scope.spawn(|| Control::connect(&control).cmd("insert two-tries"));
        let (mut s, _) = listener.accept().unwrap();
        send(&mut s, &[0x04]);
        assert_eq!(recv(&mut s)[0], 0x3B, "ATR");
        assert_eq!(inserting.join().unwrap(), "ok");
        s
    });
    send(&mut vpcd, &[0x01]);
    assert_eq!(ctl.cmd("first-6f00 on"), "ok");
    send(&mut vpcd, &hexb(SELECT_JPKI));
    assert_eq!(recv(&mut vpcd), [0x6F, 0x00]);
    assert_eq!(ctl.cmd("first-6f00 off"), "ok");
    assert_eq!(ctl.cmd("delay-ms 1"), "ok");
    send(&mut vpcd, &hexb(SELECT_JPKI));
    assert_eq!(recv(&mut vpcd), [0x90, 0x00]);
    send(&mut vpcd, &hexb("00 A4 02 0C 02 00 18"));
    assert_eq!(recv(&mut vpcd), [0x90, 0x00]);
    send(&mut vpcd, &hexb("00 20 00 80"));
    assert_eq!(recv(&mut vpcd), [0x63, 0xC2]);
    assert_eq!(ctl.cmd("status"), "ok inserted=two-tries apdus=4");
    assert_eq!(ctl.cmd("remove-after 0"), "ok");
    send(&mut vpcd, &hexb(SELECT_JPKI));
    assert_eq!(
        vpcd.read(&mut [0u8; 1]).unwrap(),
        0,
        "dropped on the next APDU"
    );
    assert_eq!(ctl.cmd("quit"), "ok");
    let status = child.wait().unwrap();
    assert!(status.success(), "{status}");
    assert!(!control.exists(), "control socket removed at exit");
    let text = std::fs::read_to_string(&log).unwrap();
    assert!(text.contains(r#""event":"remove""#));
    assert!(simulators::card::privacy_violations(&text).is_empty());
}

#[test]
fn sigterm_exits_cleanly_and_takes_the_card_out() {
    let dir = tempfile::tempdir().unwrap();
    let (control, log) = (dir.path().join("ctl"), dir.path().join("apdu.jsonl"));
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let mut child = start(&listener, &control, &log);
    let mut vpcd = std::thread::scope(|scope| {
        let inserting = scope.spawn(|| Control::connect(&control).cmd("insert adult"));
        let (mut s, _) = listener.accept().unwrap();
        send(&mut s, &[0x04]);
        recv(&mut s);
        assert_eq!(inserting.join().unwrap(), "ok");
        s
    });
    // SAFETY: signals our own child process.
    unsafe { libc::kill(child.id() as libc::pid_t, libc::SIGTERM) };
    assert!(child.wait().unwrap().success());
    assert_eq!(vpcd.read(&mut [0u8; 1]).unwrap(), 0, "card removed at exit");
}
