//! The errors of card-front reading, each saying what the person (developer, clerk) can do.
//! A frame that cannot be read is not an error: it is a [`crate::FrameProblem`].

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum FrontError {
    #[error(
        "Tesseract or its `{language}` data could not be loaded: run `cargo xtask setup` (Debian packages libtesseract-dev, tesseract-ocr-{language}), or set TESSDATA_PREFIX to the folder that holds {language}.traineddata"
    )]
    OcrUnavailable { language: &'static str },

    #[error(
        "the card-front camera or scanner {what} could not be opened: check that it is connected and not used by another program, or key 照合番号B by hand"
    )]
    SourceUnavailable { what: String },

    #[error("the card-front image {} could not be read as an image: check the file, or key 照合番号B by hand", path.display())]
    ImageUnreadable { path: PathBuf },

    #[error(
        "the card-front camera stopped delivering frames: check its cable, or key 照合番号B by hand"
    )]
    SourceLost,

    #[error("image processing failed inside OpenCV: {0}")]
    OpenCv(#[from] opencv::Error),
}
