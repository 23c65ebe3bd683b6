//! `cargo xtask bench centre`: builds `centre-bench` (simulators) in release mode and runs it.
//! It starts central-sim in-process and drives it through the real eligibility client over TLS,
//! then prints a markdown table (checks/s at 1, 8, 64 clients, p50/p99, 10,000-row 一括照会).
//! Extra arguments go to the bench, e.g. `cargo xtask bench centre --seconds 5`.

use anyhow::Result;
use std::process::Command;

use crate::{cargo, run_ok, target_dir};

pub fn run(args: &[String]) -> Result<()> {
    let build = [
        "build",
        "--release",
        "-q",
        "-p",
        "simulators",
        "--bin",
        "centre-bench",
    ];
    run_ok(&mut cargo(&build), "building centre-bench")?;
    let bin = target_dir().join("release/centre-bench");
    run_ok(Command::new(&bin).args(args), "centre-bench")
}
