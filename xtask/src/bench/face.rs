//! `cargo xtask bench face`: makes sure the models and test faces are there, then runs the
//! face-match bench example in release; it prints per-frame timings on 640x480 frames, the time
//! from the first good frame to the verdict, and the score spreads with FAR and FRR.

use anyhow::{Result, bail};
use std::process::Command;

pub fn run(args: &[String]) -> Result<()> {
    crate::models::ensure()?;
    crate::faces::ensure()?;
    let st = Command::new(env!("CARGO"))
        .args([
            "run",
            "--release",
            "-q",
            "-p",
            "face-match",
            "--example",
            "bench",
            "--",
        ])
        .args(args)
        .current_dir(crate::models::workspace_root())
        // OpenCV's own warnings (libpng colour profiles, JPEG 2000 colour space) are noise here.
        .env("OPENCV_LOG_LEVEL", "ERROR")
        .status()?;
    if !st.success() {
        bail!("face bench failed");
    }
    Ok(())
}
