//! `cargo xtask test`: set-up, then every check CI runs, in the order that fails fastest:
//! formatting, every test of the workspace (nextest), clippy, and the privacy check over the
//! APDU log that the virtual cards wrote during the whole suite.

use std::fs;
use std::process::Command;

use anyhow::{Result, bail};

pub fn run(args: &[String]) -> Result<()> {
    crate::setup::run()?;
    let root = testbed::workspace_root();
    let cargo = env!("CARGO");
    let step = |what: &str, cmd: &mut Command| -> Result<()> {
        eprintln!("== {what}");
        let st = cmd.current_dir(&root).status()?;
        if !st.success() {
            bail!("{what} failed");
        }
        Ok(())
    };

    step(
        "cargo fmt --check",
        Command::new(cargo).args(["fmt", "--all", "--", "--check"]),
    )?;

    // Every virtual card of the suite appends here; checked once the suite is over.
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| root.join("target"));
    let logdir = target.join("onshi-test");
    let _ = fs::remove_dir_all(&logdir);
    fs::create_dir_all(&logdir)?;
    let apdu_log = logdir.join("apdu.jsonl");

    let nextest = Command::new(cargo)
        .args(["nextest", "--version"])
        .output()
        .is_ok_and(|o| o.status.success());
    let mut tests = Command::new(cargo);
    if nextest {
        tests.args(["nextest", "run", "--workspace", "--no-fail-fast"]);
    } else {
        tests.args(["test", "--workspace", "--no-fail-fast"]);
    }
    tests.args(args).env("ONSHI_APDU_LOG", &apdu_log);
    step("tests", &mut tests)?;

    step(
        "cargo clippy",
        Command::new(cargo).args([
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ]),
    )?;

    step(
        "privacy check of the suite's APDU log",
        Command::new(cargo)
            .args([
                "run",
                "-q",
                "-p",
                "simulators",
                "--bin",
                "virtual-card",
                "--",
                "check-log",
            ])
            .arg(&apdu_log),
    )?;
    Ok(())
}
