//! `cargo xtask bench face`: makes sure the models and test faces are there, then runs the
//! face-match bench example in release; it prints per-frame timings on 640x480 frames, the time
//! from the first good frame to the verdict, and the score spreads with FAR and FRR.

use anyhow::Result;

use crate::{cargo, run_ok};

pub fn run(args: &[String]) -> Result<()> {
    crate::models::ensure()?;
    crate::faces::ensure()?;
    let mut cmd = cargo(&[
        "run",
        "--release",
        "-q",
        "-p",
        "face-match",
        "--example",
        "face_bench",
        "--",
    ]);
    cmd.args(args)
        // OpenCV's own warnings (libpng colour profiles, JPEG 2000 colour space) are noise here.
        .env("OPENCV_LOG_LEVEL", "ERROR");
    run_ok(&mut cmd, "the face bench")
}
