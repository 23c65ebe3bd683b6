//! `cargo xtask`: the only entry points of the project (setup, test, sim, demo, bench, fuzz,
//! cycles), so that a fresh Debian 12 machine needs nothing but `cargo xtask demo` and
//! `cargo xtask test`.

mod bench;
mod cycles;
mod demo;
mod faces;
mod fuzz;
mod models;
mod setup;
mod sim;
mod test;

use std::path::PathBuf;
use std::process::Command;

use anyhow::{Context, Result, bail};

const USAGE: &str = "usage: cargo xtask <setup | test [nextest args] | demo [--no-app] [--keep-sim] | screenshots | sim ... | bench [card|centre|face|app|clerk|faults] | cycles [--strict] [CRATE_DIR...] | fuzz [--seconds N] [TARGET...]>";

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(cmd) = args.first() else {
        bail!("{USAGE}");
    };
    match cmd.as_str() {
        "setup" => setup::run(),
        "test" => test::run(&args[1..]),
        "sim" => sim::run(&args[1..]),
        "demo" => demo::run(&args[1..]),
        "screenshots" => demo::screenshots(),
        "bench" => bench::run(&args[1..]),
        "cycles" => cycles::run(&args[1..]),
        "fuzz" => fuzz::run(&args[1..]),
        _ => bail!("{USAGE}"),
    }
}

/// The folder cargo builds into: `CARGO_TARGET_DIR`, else `<workspace>/target`.
pub fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| testbed::workspace_root().join("target"))
}

/// A cargo command run in the workspace with the cargo that runs xtask.
pub fn cargo(args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO"));
    c.args(args).current_dir(testbed::workspace_root());
    c
}

/// Runs `cmd`; fails naming `what` if it cannot start or does not succeed.
pub fn run_ok(cmd: &mut Command, what: &str) -> Result<()> {
    let st = cmd
        .status()
        .with_context(|| format!("cannot start {what}"))?;
    if !st.success() {
        bail!("{what} failed");
    }
    Ok(())
}
