//! `cargo xtask bench voice`: the spoken guidance's latency per patient language, in release,
//! through the real eSpeak NG. Two tables: the voice crate's bench example (synthesis, and
//! `say` to sound, for a fixed sentence in each of the brick's languages), then the desk's
//! `speech_bench` example (stage change → sound in the running desk's voice worker, for each
//! language of the desk's words, over PIN visits of the reception flow). Extra arguments (a
//! number of runs) go to both.

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
        "voice_bench",
        "--",
    ]);
    cmd.args(args);
    run_ok(&mut cmd, "the voice bench")?;
    let mut desk = cargo(&[
        "run",
        "--release",
        "-q",
        "-p",
        "onshi-desk",
        "--example",
        "speech_bench",
        "--",
    ]);
    desk.args(args);
    run_ok(&mut desk, "the desk's speech bench")
}
