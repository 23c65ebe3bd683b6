//! The loaded models and what they compute: faces in an image (YuNet), a 128-number feature per
//! face (SFace, after its own landmark alignment), and the card photo's feature from the JPEG
//! 2000 bytes of the card. Load it once per app (about 0.2 s) and lend it to each session.

use crate::detect::{Face, YuNet};
use crate::{FaceError, ModelPaths};
use opencv::core::{self, Mat, Scalar, Size, Vector};
use opencv::objdetect::FaceRecognizerSF;
use opencv::prelude::*;
use opencv::{imgcodecs, imgproc};

/// Detector confidence a card photo's face must reach. Card portraits are frontal and evenly lit:
/// real ones score 0.93-0.95 here, while the best false face found in a photo of a coffee cup
/// scored 0.72.
const CARD_MIN_SCORE: f32 = 0.85;

/// An SFace feature, normalised to length 1 so that the cosine similarity is a dot product.
/// A biometric template: Debug prints its size, never its values.
#[derive(Clone, PartialEq)]
pub struct Feature(Vec<f32>);

impl std::fmt::Debug for Feature {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Feature({} values)", self.0.len())
    }
}

impl Feature {
    /// Cosine similarity in -1..1; OpenCV's SFace threshold for "same person" is 0.363.
    pub fn cosine(&self, other: &Feature) -> f32 {
        self.0.iter().zip(&other.0).map(|(a, b)| a * b).sum()
    }

    fn from_mat(m: &Mat) -> Result<Self, FaceError> {
        let v: Vec<f32> = m.data_typed::<f32>()?.to_vec();
        let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt().max(1e-12);
        Ok(Self(v.into_iter().map(|x| x / norm).collect()))
    }
}

/// The card holder's face, ready to be compared with live frames. Only the feature is kept:
/// the decoded photo is dropped as soon as the feature exists.
#[derive(Debug, Clone)]
pub struct CardFace {
    pub feature: Feature,
}

/// YuNet and SFace, loaded. `Send`, so the app can move it to its camera thread.
pub struct FaceEngine {
    detector: YuNet,
    recognizer: core::Ptr<FaceRecognizerSF>,
}

impl FaceEngine {
    /// Loads the models from the default folder (see [`ModelPaths::locate`]).
    pub fn load_default() -> Result<Self, FaceError> {
        Self::load(&ModelPaths::locate()?)
    }

    /// Loads verified models (a [`ModelPaths`] only exists after the sha256 check).
    pub fn load(paths: &ModelPaths) -> Result<Self, FaceError> {
        let detector = YuNet::new(&paths.detector).map_err(|source| FaceError::ModelLoad {
            path: paths.detector.clone(),
            source,
        })?;
        let recognizer = FaceRecognizerSF::create(&paths.recognizer.to_string_lossy(), "", 0, 0)
            .map_err(|source| FaceError::ModelLoad {
                path: paths.recognizer.clone(),
                source,
            })?;
        Ok(Self {
            detector,
            recognizer,
        })
    }

    /// Faces in a BGR 8-bit image, most confident first.
    pub fn detect(&mut self, bgr: &Mat) -> Result<Vec<Face>, FaceError> {
        Ok(self.detector.detect(bgr)?)
    }

    /// Faces found on a copy of `bgr` scaled down to at most `max_width` pixels wide, in the
    /// coordinates of `bgr`. Detection cost grows with the pixel count; the alignment that
    /// follows still uses the full frame.
    pub fn detect_scaled(&mut self, bgr: &Mat, max_width: i32) -> Result<Vec<Face>, FaceError> {
        if bgr.cols() <= max_width {
            return self.detect(bgr);
        }
        let f = max_width as f64 / bgr.cols() as f64;
        let mut small = Mat::default();
        imgproc::resize(bgr, &mut small, Size::default(), f, f, imgproc::INTER_AREA)?;
        let k = (1.0 / f) as f32;
        Ok(self
            .detect(&small)?
            .into_iter()
            .map(|d| d.scaled(k))
            .collect())
    }

    /// The SFace feature of one detected face of `bgr` (aligned on its landmarks to 112x112).
    pub fn feature(&mut self, bgr: &Mat, face: &Face) -> Result<Feature, FaceError> {
        let row = face.to_row();
        let row = Mat::from_slice(&row[..])?;
        let mut aligned = Mat::default();
        self.recognizer.align_crop(bgr, &row, &mut aligned)?;
        let mut out = Mat::default();
        self.recognizer.feature(&aligned, &mut out)?;
        // `feature` hands back the network's own output buffer, which the next call overwrites:
        // copying it out now is what keeps the card's feature stable.
        Feature::from_mat(&out)
    }

    /// The card holder's face from the photo bytes of the card (券面AP, JPEG 2000, usually
    /// greyscale and small). Decoded, searched for its face, turned into a feature; the image
    /// itself is dropped before this returns.
    pub fn card_face(&mut self, photo: &[u8]) -> Result<CardFace, FaceError> {
        let mut img = decode_photo(photo)?;
        let prepared = prepare_card(&img);
        wipe(&mut img);
        let mut prepared = prepared?;
        let found = self.face_of(&prepared);
        // The photo's pixels are the holder's face: not left in freed memory.
        wipe(&mut prepared);
        Ok(CardFace { feature: found? })
    }

    fn face_of(&mut self, prepared: &Mat) -> Result<Feature, FaceError> {
        let faces = self.detect(prepared)?;
        let face = faces
            .iter()
            .filter(|f| f.score >= CARD_MIN_SCORE)
            .max_by(|a, b| (a.w * a.h).total_cmp(&(b.w * b.h)))
            .ok_or(FaceError::NoFaceOnCard)?;
        self.feature(prepared, face)
    }
}

/// Overwrites an image's pixels (a card photo, or an image made from it) before it is freed.
pub(crate) fn wipe(m: &mut Mat) {
    if !m.empty() {
        let _ = m.set_to(&Scalar::all(0.0), &core::no_array());
    }
}

/// Decodes a card photo (JPEG 2000: a JP2 or a bare codestream) to BGR 8-bit, after
/// [`check_photo`](crate::check_photo) has bounded its declared size: nothing else reaches
/// the decoder.
///
/// Greyscale JPEG 2000 must be read `IMREAD_UNCHANGED`: OpenCV 4.6 refuses to turn a one-component
/// JPEG 2000 into colour while decoding, so the conversion is done here afterwards.
pub fn decode_photo(bytes: &[u8]) -> Result<Mat, FaceError> {
    crate::photo::check_photo(bytes)?;
    let mut buf: Vector<u8> = Vector::from_slice(bytes);
    let img = imgcodecs::imdecode(&buf, imgcodecs::IMREAD_UNCHANGED);
    // OpenCV's copy of the photo bytes.
    zeroize::Zeroize::zeroize(buf.as_mut_slice());
    let mut img = img.map_err(|_| FaceError::PhotoUnreadable)?;
    if img.empty() || img.cols() < 16 || img.rows() < 16 {
        wipe(&mut img);
        return Err(FaceError::PhotoUnreadable);
    }
    let img = if img.depth() == core::CV_8U {
        img
    } else {
        // 16-bit photos: scale to 8 bits over the range the codec can produce.
        let scale = if img.depth() == core::CV_16U {
            1.0 / 257.0
        } else {
            1.0
        };
        let mut m = Mat::default();
        let r = img.convert_to(&mut m, core::CV_8U, scale, 0.0);
        let mut img = img;
        wipe(&mut img);
        r?;
        m
    };
    let code = match img.channels() {
        1 => imgproc::COLOR_GRAY2BGR,
        3 => return Ok(img),
        4 => imgproc::COLOR_BGRA2BGR,
        _ => {
            let mut img = img;
            wipe(&mut img);
            return Err(FaceError::PhotoUnreadable);
        }
    };
    let mut bgr = Mat::default();
    let r = imgproc::cvt_color_def(&img, &mut bgr, code);
    let mut img = img;
    wipe(&mut img);
    r?;
    Ok(bgr)
}

/// Card photos are tight portraits, often small: scaled to a size YuNet handles well and given a
/// grey margin, because a face that touches the image borders is easily missed.
fn prepare_card(img: &Mat) -> Result<Mat, FaceError> {
    let long = img.cols().max(img.rows()) as f64;
    let target = long.clamp(320.0, 480.0);
    let mut scaled = Mat::default();
    if (target - long).abs() < 1.0 {
        scaled = img.clone();
    } else {
        let f = target / long;
        let interp = if f < 1.0 {
            imgproc::INTER_AREA
        } else {
            imgproc::INTER_LINEAR
        };
        imgproc::resize(img, &mut scaled, Size::default(), f, f, interp)?;
    }
    let (mx, my) = (scaled.cols() / 4, scaled.rows() / 4);
    let mut padded = Mat::default();
    let r = core::copy_make_border(
        &scaled,
        &mut padded,
        my,
        my,
        mx,
        mx,
        core::BORDER_CONSTANT,
        Scalar::all(128.0),
    );
    wipe(&mut scaled);
    r?;
    Ok(padded)
}
