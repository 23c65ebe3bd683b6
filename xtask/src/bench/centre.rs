//! `cargo xtask bench centre`: builds `centre-bench` (simulators) in release mode and runs it.
//! It starts central-sim in-process and drives it through the real eligibility client over TLS,
//! then prints a markdown table (checks/s at 1, 8, 64 clients, p50/p99, 10,000-row 一括照会).
//! Extra arguments go to the bench, e.g. `cargo xtask bench centre --seconds 5`.

use anyhow::{Context, Result, bail};
use std::process::Command;

pub fn run(args: &[String]) -> Result<()> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let status = Command::new(&cargo)
        .args([
            "build",
            "--release",
            "-q",
            "-p",
            "simulators",
            "--bin",
            "centre-bench",
        ])
        .status()
        .context("cannot run cargo build")?;
    if !status.success() {
        bail!("building centre-bench failed");
    }
    let target = std::env::var("CARGO_TARGET_DIR")
        .unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/../target").to_string());
    let bin = std::path::Path::new(&target).join("release/centre-bench");
    let status = Command::new(&bin)
        .args(args)
        .status()
        .with_context(|| format!("cannot start {}", bin.display()))?;
    if !status.success() {
        bail!("centre-bench failed");
    }
    Ok(())
}
