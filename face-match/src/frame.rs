//! Where live frames come from: a camera (V4L2 through OpenCV's VideoCapture) or, for developers
//! and tests, a video file or an image sequence such as `frames/f_%03d.png` (the virtual camera).
//! Every frame leaves here at one working size, letterboxed or cropped but never stretched:
//! a stretched face is a different face to SFace (the spike measured false rejects).

use crate::FaceError;
use opencv::core::{self, Mat, Rect, Scalar, Size};
use opencv::prelude::*;
use opencv::{imgproc, videoio};
use std::path::Path;

/// The working frame size: what detection and the quality gates are tuned for.
pub const FRAME_SIZE: Size = Size {
    width: 640,
    height: 480,
};

/// How a frame of another aspect ratio is brought to [`FRAME_SIZE`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Fit {
    /// Scale to fit inside, fill the rest with black bars.
    #[default]
    Letterbox,
    /// Scale to cover, cut the overflow equally on both sides.
    Crop,
}

/// A feed of BGR frames. `Ok(None)` means the feed ended (end of a file); a camera never ends.
pub trait FrameSource: Send {
    fn next_frame(&mut self) -> Result<Option<Mat>, FaceError>;
}

/// A VideoCapture-backed source: a camera device or a file / image sequence.
pub struct VideoSource {
    cap: videoio::VideoCapture,
    fit: Fit,
    is_camera: bool,
}

impl VideoSource {
    /// Camera `index` (`/dev/videoN`) through V4L2, asked for 640x480.
    pub fn camera(index: i32, fit: Fit) -> Result<Self, FaceError> {
        let what = format!("/dev/video{index}");
        let mut cap = videoio::VideoCapture::new(index, videoio::CAP_V4L2)
            .map_err(|_| FaceError::CameraUnavailable { what: what.clone() })?;
        if !cap.is_opened().unwrap_or(false) {
            return Err(FaceError::CameraUnavailable { what });
        }
        // A request only: cameras that cannot do it give their own size, which `fit` handles.
        let _ = cap.set(videoio::CAP_PROP_FRAME_WIDTH, FRAME_SIZE.width as f64);
        let _ = cap.set(videoio::CAP_PROP_FRAME_HEIGHT, FRAME_SIZE.height as f64);
        Ok(Self {
            cap,
            fit,
            is_camera: true,
        })
    }

    /// A video file (`.avi`, ...) or an image sequence pattern (`dir/f_%03d.png`).
    pub fn file(path: &Path, fit: Fit) -> Result<Self, FaceError> {
        let what = path.display().to_string();
        let cap = videoio::VideoCapture::from_file(path, videoio::CAP_ANY)
            .map_err(|_| FaceError::CameraUnavailable { what: what.clone() })?;
        if !cap.is_opened().unwrap_or(false) {
            return Err(FaceError::CameraUnavailable { what });
        }
        Ok(Self {
            cap,
            fit,
            is_camera: false,
        })
    }

    /// What `--camera` takes: a number is a device, anything else a file or pattern.
    pub fn open(spec: &str, fit: Fit) -> Result<Self, FaceError> {
        match spec.parse::<i32>() {
            Ok(index) => Self::camera(index, fit),
            Err(_) => Self::file(Path::new(spec), fit),
        }
    }
}

impl FrameSource for VideoSource {
    fn next_frame(&mut self) -> Result<Option<Mat>, FaceError> {
        let mut raw = Mat::default();
        let got = self.cap.read(&mut raw).unwrap_or(false);
        if !got || raw.empty() {
            return if self.is_camera {
                Err(FaceError::CameraLost)
            } else {
                Ok(None)
            };
        }
        Ok(Some(fit_frame(&raw, FRAME_SIZE, self.fit)?))
    }
}

/// Brings `src` (BGR, grey or BGRA) to `size` as BGR, keeping its aspect ratio.
pub fn fit_frame(src: &Mat, size: Size, fit: Fit) -> Result<Mat, FaceError> {
    let src = to_bgr(src)?;
    let (sw, sh) = (src.cols() as f64, src.rows() as f64);
    if src.cols() == size.width && src.rows() == size.height {
        return Ok(src);
    }
    let (tw, th) = (size.width as f64, size.height as f64);
    let scale = match fit {
        Fit::Letterbox => (tw / sw).min(th / sh),
        Fit::Crop => (tw / sw).max(th / sh),
    };
    let (nw, nh) = (
        ((sw * scale).round() as i32).max(1),
        ((sh * scale).round() as i32).max(1),
    );
    let interp = if scale < 1.0 {
        imgproc::INTER_AREA
    } else {
        imgproc::INTER_LINEAR
    };
    let mut scaled = Mat::default();
    imgproc::resize(&src, &mut scaled, Size::new(nw, nh), 0.0, 0.0, interp)?;
    match fit {
        Fit::Letterbox => {
            let (left, top) = ((size.width - nw) / 2, (size.height - nh) / 2);
            let mut out = Mat::default();
            core::copy_make_border(
                &scaled,
                &mut out,
                top,
                size.height - nh - top,
                left,
                size.width - nw - left,
                core::BORDER_CONSTANT,
                Scalar::all(0.0),
            )?;
            Ok(out)
        }
        Fit::Crop => {
            let (left, top) = ((nw - size.width) / 2, (nh - size.height) / 2);
            let roi = scaled.roi(Rect::new(
                left.max(0),
                top.max(0),
                size.width.min(nw),
                size.height.min(nh),
            ))?;
            Ok(roi.try_clone()?)
        }
    }
}

fn to_bgr(src: &Mat) -> Result<Mat, FaceError> {
    let code = match src.channels() {
        3 => return Ok(src.clone()),
        1 => imgproc::COLOR_GRAY2BGR,
        4 => imgproc::COLOR_BGRA2BGR,
        n => {
            return Err(FaceError::OpenCv(opencv::Error::new(
                core::StsBadArg,
                format!("a frame with {n} channels"),
            )));
        }
    };
    let mut out = Mat::default();
    imgproc::cvt_color_def(src, &mut out, code)?;
    Ok(out)
}
