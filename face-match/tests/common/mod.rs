//! Test material built at run time from the public-domain photos that `cargo xtask setup` puts in
//! `$ONSHI_FACES_DIR` (else `<workspace>/.onshi/faces`): card photos (greyscale JPEG 2000 of
//! card size) and camera sequences (other photos of the same person, framed like a camera,
//! letterboxed, with brightness, blur and small shifts). Shared by the tests and the bench
//! example; nothing is written outside temporary folders.
#![allow(dead_code)]

use face_match::{FRAME_SIZE, Face, FaceEngine, Fit, FrameSource, Mat, VideoSource, fit_frame};
use opencv::core::{self, Rect, Scalar, Size, Vector};
use opencv::prelude::*;
use opencv::{imgcodecs, imgproc};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

pub const SETUP_HINT: &str =
    "run `cargo xtask setup` first: it fetches the face models and test faces";

pub fn faces_dir() -> PathBuf {
    match std::env::var_os("ONSHI_FACES_DIR") {
        Some(v) if !v.is_empty() => PathBuf::from(v),
        _ => Path::new(env!("CARGO_MANIFEST_DIR")).join("../.onshi/faces"),
    }
}

/// The engine from the default model folder; a missing model fails the test, naming setup.
pub fn engine() -> FaceEngine {
    FaceEngine::load_default().unwrap_or_else(|e| panic!("{e}"))
}

/// A test photo as BGR.
pub fn photo(name: &str) -> Mat {
    let path = faces_dir().join(name);
    assert!(
        path.is_file(),
        "test face {} is missing: {SETUP_HINT}",
        path.display()
    );
    let m = imgcodecs::imread(&path, imgcodecs::IMREAD_COLOR).expect("imread");
    assert!(
        !m.empty(),
        "test face {} unreadable: {SETUP_HINT}",
        path.display()
    );
    m
}

/// The main face of a photo, found on a copy scaled to at most 640 px, in original pixels.
pub fn main_face(engine: &mut FaceEngine, img: &Mat) -> Face {
    let long = img.cols().max(img.rows()) as f64;
    let f = (640.0 / long).min(1.0);
    let mut small = Mat::default();
    imgproc::resize(img, &mut small, Size::default(), f, f, imgproc::INTER_AREA).unwrap();
    let faces = engine.detect(&small).unwrap();
    let face = faces
        .into_iter()
        .max_by(|a, b| (a.w * a.h).total_cmp(&(b.w * b.h)))
        .expect("test photo has a face");
    face.scaled((1.0 / f) as f32)
}

/// A region of `img` centred on (cx, cy), `w`x`h`, padded with black where it leaves the image.
fn crop_padded(img: &Mat, cx: f32, cy: f32, w: i32, h: i32) -> Mat {
    let pad = w.max(h);
    let mut big = Mat::default();
    core::copy_make_border(
        img,
        &mut big,
        pad,
        pad,
        pad,
        pad,
        core::BORDER_CONSTANT,
        Scalar::all(0.0),
    )
    .unwrap();
    let x = (cx as i32 - w / 2 + pad).clamp(0, big.cols() - w);
    let y = (cy as i32 - h / 2 + pad).clamp(0, big.rows() - h);
    big.roi(Rect::new(x, y, w, h)).unwrap().try_clone().unwrap()
}

/// A card photo: a 3:4 portrait around the face, `width` px wide, greyscale JPEG 2000 (`.jp2`)
/// at compression ratio `ratio`, as the card's DF27 holds.
pub fn card_jp2(engine: &mut FaceEngine, name: &str, width: i32, ratio: i32) -> Vec<u8> {
    let img = photo(name);
    let face = main_face(engine, &img);
    let (cx, cy) = face.centre();
    let cw = (face.w * 1.8) as i32;
    let ch = cw * 4 / 3;
    let crop = crop_padded(&img, cx, cy - face.h * 0.05, cw, ch);
    let mut card = Mat::default();
    imgproc::resize(
        &crop,
        &mut card,
        Size::new(width, width * 4 / 3),
        0.0,
        0.0,
        imgproc::INTER_AREA,
    )
    .unwrap();
    let mut grey = Mat::default();
    imgproc::cvt_color_def(&card, &mut grey, imgproc::COLOR_BGR2GRAY).unwrap();
    let mut buf: Vector<u8> = Vector::new();
    let params: Vector<i32> =
        Vector::from_slice(&[imgcodecs::IMWRITE_JPEG2000_COMPRESSION_X1000, 1000 / ratio]);
    assert!(imgcodecs::imencode(".jp2", &grey, &mut buf, &params).unwrap());
    buf.to_vec()
}

/// How one camera frame differs from the framing of the photo.
#[derive(Debug, Clone, Copy)]
pub struct Shot {
    /// Face width as a fraction of the crop side (the crop is then letterboxed to 640x480).
    pub face_frac: f32,
    /// Shift of the crop centre, in face widths.
    pub dx: f32,
    pub dy: f32,
    /// Brightness gain and offset.
    pub gain: f64,
    pub offset: f64,
    /// Gaussian blur sigma (0: none).
    pub blur: f64,
    /// In-plane rotation about the frame centre, degrees (a tilted head).
    pub roll: f64,
}

impl Default for Shot {
    fn default() -> Self {
        Self {
            face_frac: 0.40,
            dx: 0.0,
            dy: 0.0,
            gain: 1.0,
            offset: 0.0,
            blur: 0.0,
            roll: 0.0,
        }
    }
}

/// A live-like sequence: small shifts, brightness from 0.75x to 1.2x, blur up to sigma 1.2.
pub fn live_shots(n: usize) -> Vec<Shot> {
    (0..n)
        .map(|i| {
            let t = i as f32;
            Shot {
                face_frac: 0.40 + 0.03 * (t * 0.7).sin(),
                dx: 0.06 * (t * 1.3).sin(),
                dy: 0.04 * (t * 0.9).cos(),
                gain: [1.0, 0.75, 1.2, 0.9, 1.1][i % 5],
                offset: 0.0,
                blur: [0.0, 0.6, 1.2, 0.0, 0.8][i % 5],
                roll: 0.0,
            }
        })
        .collect()
}

/// One 640x480 frame of the photo `img` (face `face`) framed as `shot` says, letterboxed.
pub fn frame_of(img: &Mat, face: &Face, shot: &Shot) -> Mat {
    let side = (face.w / shot.face_frac) as i32;
    let (cx, cy) = face.centre();
    let crop = crop_padded(
        img,
        cx + shot.dx * face.w,
        cy + shot.dy * face.w,
        side,
        side,
    );
    let mut frame = fit_frame(&crop, FRAME_SIZE, Fit::Letterbox).unwrap();
    if shot.gain != 1.0 || shot.offset != 0.0 {
        let mut m = Mat::default();
        frame
            .convert_to(&mut m, -1, shot.gain, shot.offset)
            .unwrap();
        frame = m;
    }
    if shot.roll != 0.0 {
        let centre = core::Point2f::new(320.0, 240.0);
        let rot = imgproc::get_rotation_matrix_2d(centre, shot.roll, 1.0).unwrap();
        let mut m = Mat::default();
        imgproc::warp_affine_def(&frame, &mut m, &rot, FRAME_SIZE).unwrap();
        frame = m;
    }
    if shot.blur > 0.0 {
        let mut m = Mat::default();
        imgproc::gaussian_blur_def(&frame, &mut m, Size::new(0, 0), shot.blur).unwrap();
        frame = m;
    }
    frame
}

/// Frames of photo `name` for each shot.
pub fn sequence(engine: &mut FaceEngine, name: &str, shots: &[Shot]) -> Vec<Mat> {
    let img = photo(name);
    let face = main_face(engine, &img);
    shots.iter().map(|s| frame_of(&img, &face, s)).collect()
}

/// Two people side by side in one frame.
pub fn two_people(engine: &mut FaceEngine, a: &str, b: &str, n: usize) -> Vec<Mat> {
    let (ia, ib) = (photo(a), photo(b));
    let (fa, fb) = (main_face(engine, &ia), main_face(engine, &ib));
    live_shots(n)
        .iter()
        .map(|s| {
            let left = frame_of(&ia, &fa, s);
            let right = frame_of(&ib, &fb, s);
            // Each 640x480 frame's middle 320 columns hold the face; put the two side by side.
            let l = left
                .roi(Rect::new(160, 0, 320, 480))
                .unwrap()
                .try_clone()
                .unwrap();
            let r = right
                .roi(Rect::new(160, 0, 320, 480))
                .unwrap()
                .try_clone()
                .unwrap();
            let both: Vector<Mat> = Vector::from_iter([l, r]);
            let mut out = Mat::default();
            core::hconcat(&both, &mut out).unwrap();
            out
        })
        .collect()
}

/// Writes frames as a PNG sequence and opens it as the virtual camera, as the app does with
/// `--camera dir/f_%03d.png`. Returns the source and the folder guard.
pub fn virtual_camera(frames: &[Mat]) -> (VideoSource, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    for (i, f) in frames.iter().enumerate() {
        let p = dir.path().join(format!("f_{i:03}.png"));
        assert!(imgcodecs::imwrite_def(&p, f).unwrap());
    }
    let src = VideoSource::file(&dir.path().join("f_%03d.png"), Fit::Letterbox).unwrap();
    (src, dir)
}

/// Everything a session said for a feed read through the virtual camera at `fps`.
pub struct Run {
    pub guidance: Vec<face_match::Guidance>,
    pub verdict: Option<face_match::Verdict>,
    /// Virtual time from the first frame to the verdict.
    pub elapsed: Option<Duration>,
}

pub fn run(
    engine: &mut FaceEngine,
    session: &mut face_match::MatchSession,
    frames: &[Mat],
    fps: u32,
) -> Run {
    let (mut cam, _dir) = virtual_camera(frames);
    let t0 = Instant::now();
    let mut out = Run {
        guidance: Vec::new(),
        verdict: None,
        elapsed: None,
    };
    let mut i = 0u32;
    while let Some(frame) = cam.next_frame().unwrap() {
        let at = t0 + Duration::from_secs(1) * i / fps;
        i += 1;
        match session.feed(engine, &frame, at).unwrap() {
            face_match::Step::Guidance(g) => out.guidance.push(g),
            face_match::Step::Verdict(v) => {
                out.verdict = Some(v);
                out.elapsed = Some(at - t0);
                break;
            }
        }
    }
    out
}

/// A scene with no face (an empty counter), panned a little each frame like a live camera.
pub fn sequence_of_scene(name: &str, n: usize) -> Vec<Mat> {
    let img = photo(name);
    let (w, h) = (img.cols() as f32, img.rows() as f32);
    (0..n)
        .map(|i| {
            let t = i as f32;
            let side = (w.min(h) * 0.8) as i32;
            let crop = crop_padded(
                &img,
                w / 2.0 + 8.0 * (t * 1.3).sin(),
                h / 2.0 + 6.0 * t.cos(),
                side,
                side,
            );
            fit_frame(&crop, FRAME_SIZE, Fit::Letterbox).unwrap()
        })
        .collect()
}
