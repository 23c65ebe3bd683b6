//! `cargo xtask test`: every check CI runs, in the order that fails fastest: the import-cycle
//! check of `desk` and `app` (`cargo xtask cycles`, which reads sources only and needs no
//! set-up), set-up, formatting, every test of the workspace (nextest, which setup installs: there
//! is no fallback to `cargo test`, whose runs have no hang timeout and no flaky-test rule), the doc
//! tests (nextest does not run them), clippy, and the privacy check over the APDU log that the
//! virtual cards wrote during the whole suite.

use std::fs;
use std::process::Command;

use anyhow::Result;

use crate::{cargo, run_ok};

fn step(what: &str, cmd: &mut Command) -> Result<()> {
    eprintln!("== {what}");
    run_ok(cmd, what)
}

pub fn run(args: &[String]) -> Result<()> {
    // Reads the sources only (well under a second), so it runs before set-up and any build.
    eprintln!("== import cycles (cargo xtask cycles)");
    crate::cycles::run(&[])?;
    crate::setup::run()?;
    step(
        "cargo fmt --check",
        &mut cargo(&["fmt", "--all", "--", "--check"]),
    )?;

    // Every virtual card of the suite appends here; checked once the suite is over.
    let logdir = crate::target_dir().join("onshi-test");
    let _ = fs::remove_dir_all(&logdir);
    fs::create_dir_all(&logdir)?;
    let apdu_log = logdir.join("apdu.jsonl");

    // setup::run made sure nextest is there; a missing one is an error, not a reason to run
    // something else.
    let mut tests = cargo(&["nextest", "run", "--workspace", "--no-fail-fast"]);
    tests.args(args).env("ONSHI_APDU_LOG", &apdu_log);
    step("tests (cargo nextest)", &mut tests)?;
    let mut doc = cargo(&["test", "--workspace", "--doc", "--no-fail-fast"]);
    doc.env("ONSHI_APDU_LOG", &apdu_log);
    step("doc tests (cargo test --doc)", &mut doc)?;

    step(
        "cargo clippy",
        &mut cargo(&[
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ]),
    )?;

    // The developer panel's wiring and the [dev] acceptance exist only with the simulators
    // feature (demo, bench app): build and test that variant too.
    step(
        "cargo clippy (simulators build)",
        &mut cargo(&[
            "clippy",
            "-p",
            "onshi",
            "-p",
            "onshi-desk",
            "--features",
            "onshi/simulators,onshi-desk/simulators",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ]),
    )?;
    step(
        "config tests (simulators build)",
        &mut cargo(&[
            "test",
            "-p",
            "onshi-desk",
            "--features",
            "simulators",
            "--lib",
            "config::",
        ]),
    )?;

    let mut check = cargo(&[
        "run",
        "-q",
        "-p",
        "simulators",
        "--bin",
        "virtual-card",
        "--",
    ]);
    check.arg("check-log").arg(&apdu_log);
    step("privacy check of the suite's APDU log", &mut check)
}
