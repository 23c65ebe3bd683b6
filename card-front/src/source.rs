//! Where card-front frames come from, behind one trait as the face camera's are: a camera or
//! document scanner that OpenCV's VideoCapture opens (a V4L2 device, a video file or an image
//! sequence such as `front/f_%03d.png`), or one image file read again for every frame (a
//! scanner that writes its scan to a file).

use std::path::{Path, PathBuf};

use opencv::core::Mat;
use opencv::prelude::*;
use opencv::{imgcodecs, videoio};

use crate::FrontError;

/// A feed of BGR frames of the card front. `Ok(None)`: the feed ended (end of a file).
pub trait FrontSource: Send {
    fn next_frame(&mut self) -> Result<Option<Mat>, FrontError>;
}

/// A VideoCapture-backed source.
pub struct VideoFront {
    cap: videoio::VideoCapture,
    is_device: bool,
}

impl VideoFront {
    /// What the `[card_front]` setting names: a number is a device (`/dev/videoN`), anything
    /// else a video file or an image-sequence pattern.
    pub fn open(spec: &str) -> Result<Self, FrontError> {
        let unavailable = || FrontError::SourceUnavailable {
            what: spec.to_owned(),
        };
        let (cap, is_device) = match spec.parse::<i32>() {
            Ok(index) => (
                videoio::VideoCapture::new(index, videoio::CAP_V4L2).map_err(|_| unavailable())?,
                true,
            ),
            Err(_) => (
                videoio::VideoCapture::from_file(spec, videoio::CAP_ANY)
                    .map_err(|_| unavailable())?,
                false,
            ),
        };
        if !cap.is_opened().unwrap_or(false) {
            return Err(unavailable());
        }
        Ok(Self { cap, is_device })
    }
}

impl FrontSource for VideoFront {
    fn next_frame(&mut self) -> Result<Option<Mat>, FrontError> {
        let mut frame = Mat::default();
        if !self.cap.read(&mut frame).unwrap_or(false) || frame.empty() {
            return if self.is_device {
                Err(FrontError::SourceLost)
            } else {
                Ok(None)
            };
        }
        Ok(Some(frame))
    }
}

/// One image file, read anew for every frame (what a scanner last wrote there).
pub struct ImageFront {
    path: PathBuf,
}

impl ImageFront {
    pub fn new(path: &Path) -> Self {
        Self {
            path: path.to_owned(),
        }
    }
}

impl FrontSource for ImageFront {
    fn next_frame(&mut self) -> Result<Option<Mat>, FrontError> {
        let bytes = std::fs::read(&self.path).map_err(|_| FrontError::ImageUnreadable {
            path: self.path.clone(),
        })?;
        decode_image(&bytes)
            .ok_or_else(|| FrontError::ImageUnreadable {
                path: self.path.clone(),
            })
            .map(Some)
    }
}

/// The largest image side accepted from a file: a card scanned at 1200 dpi is about 4000 px.
/// (OpenCV itself refuses images over 2^30 pixels before allocating them.)
const MAX_SIDE: i32 = 8000;

/// An image file's bytes (PNG, JPEG, ...) as a BGR frame, or `None` when they are not an image
/// of a sensible size. Outside bytes: fuzz target `front_image`.
pub fn decode_image(bytes: &[u8]) -> Option<Mat> {
    if bytes.is_empty() {
        return None;
    }
    let buf = opencv::core::Vector::<u8>::from_slice(bytes);
    let m = imgcodecs::imdecode(&buf, imgcodecs::IMREAD_COLOR).ok()?;
    (!m.empty() && m.cols() <= MAX_SIDE && m.rows() <= MAX_SIDE).then_some(m)
}
