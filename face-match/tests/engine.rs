//! The engine on its own: model files that are missing or altered, card photos that are corrupt,
//! detection coordinates, and frames that keep their aspect ratio.

use crate::common;

use common::*;
use face_match::{
    DETECTOR_FILE, FRAME_SIZE, FaceError, Fit, FrameSource, ModelPaths, RECOGNIZER_FILE,
    VideoSource, fit_frame,
};
use opencv::core::{self, Mat, Rect, Scalar, Size};
use opencv::prelude::*;

#[test]
fn a_missing_model_names_the_setup_command() {
    let dir = tempfile::tempdir().unwrap();
    let err = ModelPaths::in_dir(dir.path()).unwrap_err();
    assert!(matches!(err, FaceError::ModelMissing { .. }), "{err:?}");
    assert!(err.to_string().contains("cargo xtask setup"), "{err}");
}

#[test]
fn an_altered_model_is_refused_and_names_the_setup_command() {
    let real = ModelPaths::locate().unwrap_or_else(|e| panic!("{e}"));
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = std::fs::read(&real.detector).unwrap();
    let mid = bytes.len() / 2;
    bytes[mid] ^= 0x01;
    std::fs::write(dir.path().join(DETECTOR_FILE), &bytes).unwrap();
    std::os::unix::fs::symlink(&real.recognizer, dir.path().join(RECOGNIZER_FILE)).unwrap();
    let err = ModelPaths::in_dir(dir.path()).unwrap_err();
    assert!(matches!(err, FaceError::ModelAltered { .. }), "{err:?}");
    assert!(err.to_string().contains("cargo xtask setup"), "{err}");
}

#[test]
fn a_corrupt_card_photo_gives_a_clear_error() {
    let mut engine = engine();
    let good = card_jp2(&mut engine, "obama.jpg", 300, 20);
    assert!(engine.card_face(&good).is_ok());

    let mut cut = good.clone();
    cut.truncate(good.len() / 3);
    let mut scrambled = good.clone();
    for b in scrambled.iter_mut().skip(200) {
        *b = b.wrapping_mul(31).wrapping_add(7);
    }
    // Bytes that are no image at all must say so (the card or the reading is at fault),
    // not "no face on the card".
    for (what, bytes) in [
        ("empty", Vec::new()),
        ("not an image", b"this is not a photo".to_vec()),
    ] {
        match engine.card_face(&bytes) {
            Err(FaceError::PhotoUnreadable) => {}
            other => panic!("{what}: {other:?}"),
        }
    }
    // A damaged JPEG 2000 may still decode to noise: either answer is honest then.
    for (what, bytes) in [("truncated", cut), ("scrambled", scrambled)] {
        match engine.card_face(&bytes) {
            Err(FaceError::PhotoUnreadable) | Err(FaceError::NoFaceOnCard) => {}
            other => panic!("{what}: {other:?}"),
        }
    }
    let msg = FaceError::PhotoUnreadable.to_string();
    assert!(msg.contains("card photo") && msg.contains("PIN"), "{msg}");
}

#[test]
fn a_card_photo_without_a_face_says_so() {
    let mut engine = engine();
    let scene = photo("coffee.png");
    // Made the size of a card photo, and compressed as a card's (a whole scene, losslessly
    // coded, is larger than any card can hold and is refused for that before decoding).
    let mut small = Mat::default();
    opencv::imgproc::resize(
        &scene,
        &mut small,
        Size::new(240, 320),
        0.0,
        0.0,
        opencv::imgproc::INTER_AREA,
    )
    .unwrap();
    let mut buf = opencv::core::Vector::<u8>::new();
    let params = opencv::core::Vector::<i32>::from_slice(&[
        opencv::imgcodecs::IMWRITE_JPEG2000_COMPRESSION_X1000,
        50,
    ]);
    assert!(opencv::imgcodecs::imencode(".jp2", &small, &mut buf, &params).unwrap());
    let err = engine.card_face(&buf.to_vec()).unwrap_err();
    assert!(matches!(err, FaceError::NoFaceOnCard), "{err:?}");
}

#[test]
fn detection_boxes_follow_the_face_in_the_frame() {
    // The same face pasted at two known places on a grey canvas: the decoded boxes and
    // landmarks must move by exactly that offset, and the box must hold the face.
    let mut engine = engine();
    let img = photo("obama2.jpg");
    let face = main_face(&mut engine, &img);
    let frame = frame_of(&img, &face, &Shot::default());
    let patch = frame
        .roi(Rect::new(160, 0, 320, 480))
        .unwrap()
        .try_clone()
        .unwrap();
    let mut small = Mat::default();
    opencv::imgproc::resize(
        &patch,
        &mut small,
        Size::new(160, 240),
        0.0,
        0.0,
        opencv::imgproc::INTER_AREA,
    )
    .unwrap();
    let place = |x: i32, y: i32| {
        let mut canvas =
            Mat::new_rows_cols_with_default(480, 640, core::CV_8UC3, Scalar::all(90.0)).unwrap();
        let mut dst = canvas.roi_mut(Rect::new(x, y, 160, 240)).unwrap();
        small.copy_to(&mut dst).unwrap();
        canvas
    };
    let a = engine.detect(&place(40, 30)).unwrap();
    let b = engine.detect(&place(400, 200)).unwrap();
    assert_eq!((a.len(), b.len()), (1, 1), "{a:?} {b:?}");
    let (a, b) = (a[0], b[0]);
    // Inside the pasted patch.
    assert!(a.x >= 40.0 - 8.0 && a.x + a.w <= 200.0 + 8.0, "{a:?}");
    assert!(a.y >= 30.0 - 8.0 && a.y + a.h <= 270.0 + 8.0, "{a:?}");
    // Pasted 360 px right and 170 px lower: boxes and landmarks move by the same amount, to
    // within the few pixels a different anchor grid phase costs.
    assert!(
        (b.x - a.x - 360.0).abs() < 3.0 && (b.y - a.y - 170.0).abs() < 3.0,
        "{a:?} {b:?}"
    );
    for (p, q) in a.landmarks.iter().zip(&b.landmarks) {
        assert!((q.0 - p.0 - 360.0).abs() < 3.0 && (q.1 - p.1 - 170.0).abs() < 3.0);
    }
    // Eyes above the nose, nose above the mouth.
    let [re, le, nose, rm, lm] = a.landmarks;
    assert!(re.0 < le.0 && re.1 < nose.1 && le.1 < nose.1 && nose.1 < rm.1 && nose.1 < lm.1);
}

#[test]
fn frames_are_letterboxed_or_cropped_never_stretched() {
    // A portrait 200x400 white image: letterboxed it is 240x480 of white between black bars;
    // cropped it is 640 wide and cut at top and bottom, all white.
    let tall =
        Mat::new_rows_cols_with_default(400, 200, core::CV_8UC3, Scalar::all(255.0)).unwrap();
    let lb = fit_frame(&tall, FRAME_SIZE, Fit::Letterbox).unwrap();
    assert_eq!((lb.cols(), lb.rows()), (640, 480));
    let white = |m: &Mat, r: Rect| core::mean_def(&m.roi(r).unwrap()).unwrap()[0].round();
    assert_eq!(white(&lb, Rect::new(200, 0, 240, 480)), 255.0);
    assert_eq!(white(&lb, Rect::new(0, 0, 200, 480)), 0.0);
    assert_eq!(white(&lb, Rect::new(440, 0, 200, 480)), 0.0);
    let cr = fit_frame(&tall, FRAME_SIZE, Fit::Crop).unwrap();
    assert_eq!((cr.cols(), cr.rows()), (640, 480));
    assert_eq!(white(&cr, Rect::new(0, 0, 640, 480)), 255.0);
}

#[test]
fn the_virtual_camera_reads_an_image_sequence_and_ends() {
    let frames = sequence_of_scene("coffee.png", 4);
    let (mut cam, _dir) = virtual_camera(&frames);
    for _ in 0..4 {
        let f = cam.next_frame().unwrap().expect("a frame");
        assert_eq!((f.cols(), f.rows()), (640, 480));
    }
    assert!(cam.next_frame().unwrap().is_none());
}

#[test]
fn a_camera_that_is_not_there_says_so() {
    let err = VideoSource::open("/nonexistent/f_%03d.png", Fit::Letterbox)
        .err()
        .expect("no such feed");
    assert!(
        matches!(err, FaceError::CameraUnavailable { .. }),
        "{err:?}"
    );
}

#[test]
fn a_raw_jpeg2000_codestream_card_photo_is_read_too() {
    // Cards may hold a bare codestream (FF 4F FF 51) instead of the JP2 container; OpenCV cannot
    // write one, so opj_compress (libopenjp2-tools, installed by setup) makes it.
    let mut engine = engine();
    let jp2 = card_jp2(&mut engine, "obama.jpg", 300, 20);
    let grey = face_match::decode_photo(&jp2).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (png, j2k) = (dir.path().join("card.png"), dir.path().join("card.j2k"));
    let mut one = Mat::default();
    opencv::imgproc::cvt_color_def(&grey, &mut one, opencv::imgproc::COLOR_BGR2GRAY).unwrap();
    assert!(opencv::imgcodecs::imwrite_def(&png, &one).unwrap());
    let st = std::process::Command::new("opj_compress")
        .arg("-i")
        .arg(&png)
        .arg("-o")
        .arg(&j2k)
        .args(["-r", "20"])
        .output()
        .expect("opj_compress (libopenjp2-tools): run `cargo xtask setup`");
    assert!(
        st.status.success(),
        "{}",
        String::from_utf8_lossy(&st.stderr)
    );
    let bytes = std::fs::read(&j2k).unwrap();
    assert_eq!(&bytes[..4], &[0xFF, 0x4F, 0xFF, 0x51]);
    let from_j2k = engine.card_face(&bytes).unwrap();
    let from_jp2 = engine.card_face(&jp2).unwrap();
    assert!(from_j2k.feature.cosine(&from_jp2.feature) > 0.9);
}

/// Overwrites the big-endian u32 at `at`.
fn put32(b: &mut [u8], at: usize, v: u32) {
    b[at..at + 4].copy_from_slice(&v.to_be_bytes());
}

#[test]
fn a_card_photo_declaring_more_than_a_card_can_hold_is_refused_before_decoding() {
    let real = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../assets/personas/adult/photo.jp2"
    ))
    .unwrap();
    assert!(
        face_match::decode_photo(&real).is_ok(),
        "the persona's photo decodes"
    );
    // Both headers (the JP2 ihdr and the codestream's SIZ) say 3000 x 3000, one tile: what the
    // decoder would allocate for, from bytes of a 240 x 300 photo.
    let mut big = real.clone();
    let ihdr = big.windows(4).position(|w| w == b"ihdr").unwrap() + 4;
    put32(&mut big, ihdr, 3000);
    put32(&mut big, ihdr + 4, 3000);
    let siz = big
        .windows(4)
        .position(|w| w == [0xFF, 0x4F, 0xFF, 0x51])
        .unwrap()
        + 8;
    for (k, v) in [3000u32, 3000, 0, 0, 3000, 3000].into_iter().enumerate() {
        put32(&mut big, siz + 4 * k, v);
    }
    match face_match::decode_photo(&big) {
        Err(FaceError::PhotoTooLarge {
            width: 3000,
            height: 3000,
            ..
        }) => {}
        other => panic!("{:?}", other.map(|m| (m.cols(), m.rows()))),
    }
    let msg = FaceError::PhotoTooLarge {
        width: 3000,
        height: 3000,
        bytes: big.len(),
    }
    .to_string();
    assert!(msg.contains("card photo") && msg.contains("PIN"), "{msg}");
}
