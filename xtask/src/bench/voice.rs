//! `cargo xtask bench voice`: the spoken guidance's latency per patient language (the voice
//! crate's bench example, in release, through the real eSpeak NG).

use anyhow::Result;

use crate::{cargo, run_ok};

pub fn run(args: &[String]) -> Result<()> {
    crate::setup::run()?;
    let mut cmd = cargo(&[
        "run",
        "--release",
        "-q",
        "-p",
        "voice",
        "--example",
        "bench",
        "--",
    ]);
    cmd.args(args);
    run_ok(&mut cmd, "the voice bench")
}
