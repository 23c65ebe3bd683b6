//! `cargo xtask bench card`: builds our `card-op` CLI and runs the card benchmark (release
//! build of `card-bench` in the tests crate), which prints its table.

use std::process::Command;

use anyhow::{Result, bail};

pub fn run(_args: &[String]) -> Result<()> {
    crate::setup::run()?;
    let st = Command::new(env!("CARGO"))
        .args([
            "build",
            "--release",
            "-q",
            "-p",
            "reader-driver",
            "--example",
            "card-op",
        ])
        .current_dir(testbed::workspace_root())
        .status()?;
    if !st.success() {
        bail!("building card-op failed");
    }
    let st = Command::new(env!("CARGO"))
        .args([
            "run",
            "--release",
            "-q",
            "-p",
            "onshi-tests",
            "--bin",
            "card-bench",
        ])
        .current_dir(testbed::workspace_root())
        .status()?;
    if !st.success() {
        bail!("card bench failed");
    }
    Ok(())
}
