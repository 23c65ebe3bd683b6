//! The Xvfb smoke run: the real `onshi` binary under a real X server (Xvfb), with the glow
//! renderer on Mesa, the bundled font and both windows, wired to a private pcscd (vpcd reader,
//! no card) and an in-process central-sim. `--screenshot` makes the app photograph each window
//! once the waiting screen shows and quit. What a person would notice: the app starts and
//! exits cleanly, and both windows come out at their size with something drawn in them.
//! (It lives in the app package so that cargo builds the `onshi` binary for it.)

use crate::common;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex, mpsc};
use std::time::Duration;

use simulators::centre::{Config, Server};

/// Start-up, three frames and two screenshots on a busy 2-core machine with software GL.
const RUN_TIMEOUT: Duration = Duration::from_secs(120);

fn tool(name: &str) {
    let found = Command::new("which")
        .arg(name)
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    assert!(found, "{name} is missing: run `cargo xtask setup`");
}

/// Width, height and the standard deviation of the grey levels (0..1) of a PNG.
fn measure(png: &Path) -> (u32, u32, f64) {
    let out = Command::new("identify")
        .args(["-format", "%w %h %[fx:standard_deviation]"])
        .arg(png)
        .output()
        .expect("ImageMagick identify");
    assert!(out.status.success(), "identify {}", png.display());
    let text = String::from_utf8_lossy(&out.stdout);
    let v: Vec<&str> = text.split_whitespace().collect();
    (
        v[0].parse().unwrap(),
        v[1].parse().unwrap(),
        v[2].parse().unwrap(),
    )
}

#[test]
fn onshi_opens_both_windows_under_xvfb_and_screenshots_them() {
    tool("xvfb-run");
    tool("identify");
    let pcscd = testbed::Pcscd::start().expect("private pcscd (run `cargo xtask setup`)");
    let dir = tempfile::tempdir().unwrap();
    let centre = Server::start(Config::new(dir.path().join("centre"))).unwrap();
    let reader = format!("[reader]\nname = {:?}\n", testbed::READER_SLOT0);
    let desk = common::Desk {
        extra: &reader,
        ..Default::default()
    };
    let config = common::write_config(dir.path(), &centre, &desk);
    let runtime_dir = dir.path().join("xdg");
    std::fs::create_dir_all(&runtime_dir).unwrap();
    let shot = dir.path().join("shot");

    let mut child = Command::new("xvfb-run")
        .args(["-a", "-s", "-screen 0 1280x800x24"])
        .arg(env!("CARGO_BIN_EXE_onshi"))
        .arg("--config")
        .arg(&config)
        .arg("--screenshot")
        .arg(&shot)
        .env(testbed::SOCKET_ENV, pcscd.socket())
        // Pixels = points: a fixed scale whatever DPI the X server reports.
        .env("WINIT_X11_SCALE_FACTOR", "1")
        .env("XDG_RUNTIME_DIR", &runtime_dir)
        .env("RUST_LOG", "info")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("xvfb-run");
    let pid = child.id();
    // The log is read as it comes, so that a hung run still shows how far it got.
    let log = Arc::new(Mutex::new(String::new()));
    let stderr = child.stderr.take().unwrap();
    let sink = Arc::clone(&log);
    let reader = std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let mut l = sink.lock().unwrap();
            l.push_str(&line);
            l.push('\n');
        }
    });
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(child.wait());
    });
    let status = match rx.recv_timeout(RUN_TIMEOUT) {
        Ok(status) => status.expect("waiting for onshi"),
        Err(_) => {
            // xvfb-run is a shell script: end what it started (Xvfb, onshi), then the script;
            // by process id, as the script shares this test's process group.
            let _ = Command::new("pkill")
                .arg("-P")
                .arg(pid.to_string())
                .status();
            let _ = Command::new("kill").arg(pid.to_string()).status();
            panic!(
                "onshi did not take its screenshots and quit within {RUN_TIMEOUT:?}; its log:\n{}",
                log.lock().unwrap()
            );
        }
    };
    let _ = reader.join();
    let log = log.lock().unwrap().clone();
    assert!(
        status.success(),
        "onshi under Xvfb ended with {status}:\n{log}"
    );
    for (window, size) in [("patient", (800, 480)), ("clerk", (1280, 800))] {
        let png = dir.path().join(format!("shot-{window}.png"));
        assert!(png.exists(), "no {window} screenshot; log:\n{log}");
        let (w, h, spread) = measure(&png);
        assert_eq!((w, h), size, "the {window} window's size");
        // A blank or single-colour window has no spread; text and buttons give plenty.
        assert!(spread > 0.02, "the {window} window looks blank ({spread})");
    }
}
