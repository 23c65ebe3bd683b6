//! `cargo xtask bench card`: builds our `card-op` CLI and runs the card benchmark (release
//! build of `card-bench` in the tests crate), which prints its table.

use anyhow::Result;

use crate::{cargo, run_ok};

pub fn run(_args: &[String]) -> Result<()> {
    crate::setup::run()?;
    let card_op = [
        "build",
        "--release",
        "-q",
        "-p",
        "reader-driver",
        "--example",
        "card-op",
    ];
    run_ok(&mut cargo(&card_op), "building card-op")?;
    let bench = [
        "run",
        "--release",
        "-q",
        "-p",
        "onshi-tests",
        "--bin",
        "card-bench",
    ];
    run_ok(&mut cargo(&bench), "the card bench")
}
