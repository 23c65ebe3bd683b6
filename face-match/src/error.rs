//! The errors of face matching, each saying what the person (developer, clerk) can do about it.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum FaceError {
    #[error("face model {} is missing: run `cargo xtask setup` (or set ONSHI_MODELS_DIR)", path.display())]
    ModelMissing { path: PathBuf },

    #[error(
        "face model {} is not the pinned file (sha256 differs): run `cargo xtask setup` to fetch it again",
        path.display()
    )]
    ModelAltered { path: PathBuf },

    #[error("face model {} could not be loaded by OpenCV ({source}): run `cargo xtask setup`", path.display())]
    ModelLoad {
        path: PathBuf,
        source: opencv::Error,
    },

    #[error(
        "the card photo could not be decoded (not a readable JPEG 2000 image): read the card again, or use the PIN or the clerk's visual check"
    )]
    PhotoUnreadable,

    #[error(
        "the card photo declares {width}x{height} pixels in {bytes} bytes, more than a card photo can be: the card data is damaged or altered; use the PIN or the clerk's visual check"
    )]
    PhotoTooLarge {
        width: u32,
        height: u32,
        bytes: usize,
    },

    #[error("no face was found in the card photo: use the PIN or the clerk's visual check instead")]
    NoFaceOnCard,

    #[error(
        "the camera {what} could not be opened: check that it is connected and not used by another program"
    )]
    CameraUnavailable { what: String },

    #[error("the camera stopped delivering frames: check its cable, then start again")]
    CameraLost,

    #[error(
        "face matching failed {failures} times: use the PIN or the clerk's visual check instead"
    )]
    TooManyFailures { failures: u32 },

    #[error("image processing failed inside OpenCV: {0}")]
    OpenCv(#[from] opencv::Error),
}
