//! `cargo xtask bench card-front [--captures N] [--frames N]`: makes sure Tesseract and its
//! data are installed, then runs the card-front bench example in release; it prints, per kind
//! of trouble of the virtual card-front camera, reads correct, refused and wrong-certain, and
//! the time from the first frame to a certain 照合番号B.

use anyhow::Result;

use crate::{cargo, run_ok};

pub fn run(args: &[String]) -> Result<()> {
    crate::setup::ensure_packages(&["libtesseract-dev", "tesseract-ocr-eng", "tesseract-ocr-jpn"])?;
    let mut cmd = cargo(&[
        "run",
        "--release",
        "-q",
        "-p",
        "card-front",
        "--example",
        "front_bench",
        "--",
    ]);
    cmd.args(args)
        // OpenCV's own warnings (JPEG 2000 colour space of the photos) are noise here.
        .env("OPENCV_LOG_LEVEL", "ERROR");
    run_ok(&mut cmd, "the card-front bench")
}
