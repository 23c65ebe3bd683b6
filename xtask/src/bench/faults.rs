//! `cargo xtask bench faults`: a table of what was thrown at the desk and what happened. The
//! end-to-end faults (the card pulled at every APDU of each card operation, pcscd killed, the
//! centre slow / 5xx / connection reset / malformed reply, disk full and read-only database
//! for the history and 一括照会) run in the `fault-bench` example of the tests crate, against
//! the debug `onshi` binary (counts, not timings: a debug build is enough). Then, if this
//! build has `cargo xtask fuzz`, a 10-second fuzz run per target and its executions and crashes
//! from `target/onshi-fuzz/summary.json`. Goal: 0 crashes, 0 hangs, 0 rows lost.

use std::process::Command;

use anyhow::{Context, Result};

use crate::{cargo, run_ok, target_dir};

pub fn run(_args: &[String]) -> Result<()> {
    crate::setup::run()?;
    run_ok(
        &mut cargo(&["build", "-q", "-p", "onshi", "--bin", "onshi"]),
        "building onshi (debug)",
    )?;
    let mut bench = cargo(&["run", "-q", "-p", "onshi-tests", "--example", "fault-bench"]);
    bench.env("ONSHI_BIN", target_dir().join("debug").join("onshi"));
    run_ok(&mut bench, "the fault bench")?;
    fuzz_rows()
}

/// One fuzz target's line of `summary.json`.
fn fuzz_line(v: &serde_json::Value) -> String {
    let num = |k: &str| v[k].as_f64().map_or("?".to_string(), |n| format!("{n:.0}"));
    format!(
        "| fuzz {:<28} | {:>10} | {:>8} | {:>7} | {:>5} |",
        v["name"].as_str().unwrap_or("?"),
        num("execs"),
        num("execs_per_sec"),
        num("crashes"),
        num("hangs"),
    )
}

fn fuzz_rows() -> Result<()> {
    let me = std::env::current_exe().context("the xtask binary")?;
    let out = Command::new(&me)
        .args(["fuzz", "--seconds", "10"])
        .current_dir(testbed::workspace_root())
        .output()
        .context("running `cargo xtask fuzz --seconds 10`")?;
    let stderr = String::from_utf8_lossy(&out.stderr);
    if !out.status.success() && stderr.contains("usage: cargo xtask") {
        println!("fuzz: `cargo xtask fuzz` does not exist in this build: no fuzz rows");
        return Ok(());
    }
    let summary = target_dir().join("onshi-fuzz").join("summary.json");
    let text = std::fs::read_to_string(&summary).with_context(|| {
        format!(
            "`cargo xtask fuzz --seconds 10` ({}) left no {}:\n{stderr}",
            out.status,
            summary.display()
        )
    })?;
    let rows: Vec<serde_json::Value> = serde_json::from_str(&text)
        .with_context(|| format!("{} is not a JSON array", summary.display()))?;
    println!();
    println!(
        "| {:<33} | {:>10} | {:>8} | {:>7} | {:>5} |",
        "fuzz target (10 s)", "execs", "execs/s", "crashes", "hangs"
    );
    println!(
        "|{}|------------|----------|---------|-------|",
        "-".repeat(35)
    );
    for r in &rows {
        println!("{}", fuzz_line(r));
    }
    if !out.status.success() {
        println!(
            "(`cargo xtask fuzz` exited {}: see the crashes above)",
            out.status
        );
    }
    Ok(())
}
