//! The virtual card-front camera: a drawn card laid on a dark tray in a 1280 × 720 frame, a
//! little off centre and askew as a hand leaves it, with sensor noise, and one kind of trouble.
//! Every capture is made from a seed, so a failing capture can be made again.

use opencv::core::{self, Mat, Point, Point2f, Scalar, Size, Vector};
use opencv::imgproc;
use opencv::prelude::*;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use super::FrontSimError;

/// The frame size of the virtual card-front camera.
pub const CAPTURE: Size = Size {
    width: 1280,
    height: 720,
};

/// What goes wrong with a capture. The mild kinds should still be read; the others must give
/// their problem and never a reading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trouble {
    /// Card laid straight (within 1.5°), good light.
    Clean,
    /// Turned up to 7° and seen at a slant (perspective).
    Tilted,
    /// Slightly out of focus (Gaussian σ 1).
    SoftFocus,
    /// Out of focus (σ 4): the print cannot be read.
    Blurred,
    /// Dim light (60 % of the light).
    Dim,
    /// Too dark (12 % of the light).
    Dark,
    /// A reflection on the name, away from the fields that are read.
    GlareAside,
    /// A reflection over the birth date and expiry lines.
    Glare,
    /// The card laid upside down.
    UpsideDown,
    /// Another card (a 保険証) instead of the My Number Card.
    OtherCard,
    /// The tray with no card.
    NoCard,
}

impl Trouble {
    pub const ALL: [Trouble; 11] = [
        Trouble::Clean,
        Trouble::Tilted,
        Trouble::SoftFocus,
        Trouble::Blurred,
        Trouble::Dim,
        Trouble::Dark,
        Trouble::GlareAside,
        Trouble::Glare,
        Trouble::UpsideDown,
        Trouble::OtherCard,
        Trouble::NoCard,
    ];

    /// Clean or mildly troubled: a reader should read these.
    pub fn readable(self) -> bool {
        matches!(
            self,
            Trouble::Clean
                | Trouble::Tilted
                | Trouble::SoftFocus
                | Trouble::Dim
                | Trouble::GlareAside
                | Trouble::UpsideDown
        )
    }

    pub fn name(self) -> &'static str {
        match self {
            Trouble::Clean => "clean",
            Trouble::Tilted => "tilted",
            Trouble::SoftFocus => "soft-focus",
            Trouble::Blurred => "blurred",
            Trouble::Dim => "dim",
            Trouble::Dark => "dark",
            Trouble::GlareAside => "glare-aside",
            Trouble::Glare => "glare",
            Trouble::UpsideDown => "upside-down",
            Trouble::OtherCard => "other-card",
            Trouble::NoCard => "no-card",
        }
    }
}

/// One frame of the virtual card-front camera (BGR, [`CAPTURE`]): `front` (a drawn My Number
/// Card front) or, for [`Trouble::OtherCard`], `other`, or nothing for [`Trouble::NoCard`].
pub fn capture(
    front: &Mat,
    other: &Mat,
    trouble: Trouble,
    seed: u64,
) -> Result<Mat, FrontSimError> {
    let mut rng = StdRng::seed_from_u64(seed);
    let mut frame = tray(&mut rng)?;
    let card = match trouble {
        Trouble::NoCard => None,
        Trouble::OtherCard => Some(other),
        _ => Some(front),
    };
    let mut corners = None;
    if let Some(card) = card {
        let c = placement(&mut rng, card.size()?, trouble);
        lay(&mut frame, card, &c)?;
        corners = Some((c, card.size()?));
    }
    let sigma = match trouble {
        Trouble::SoftFocus => 1.0,
        Trouble::Blurred => 4.0,
        // Every camera is a little soft.
        _ => 0.6,
    };
    let mut soft = Mat::default();
    imgproc::gaussian_blur_def(&frame, &mut soft, Size::default(), sigma)?;
    let gain = match trouble {
        Trouble::Dim => 0.6,
        Trouble::Dark => 0.12,
        _ => 1.0,
    } * rng.gen_range(0.95..1.05);
    let mut lit = Mat::default();
    soft.convert_to(&mut lit, core::CV_16SC3, gain, 0.0)?;
    // A reflection saturates the sensor whatever the exposure: it goes on after the light.
    if let Some((corners, size)) = corners {
        match trouble {
            Trouble::Glare => glare(
                &mut lit,
                &corners,
                size,
                (300.0, 285.0),
                (170.0, 70.0),
                320.0,
            )?,
            Trouble::GlareAside => glare(
                &mut lit,
                &corners,
                size,
                (300.0, 70.0),
                (150.0, 40.0),
                200.0,
            )?,
            _ => {}
        }
    }
    // Sensor noise, from OpenCV's generator seeded from this capture's seed.
    core::set_rng_seed(rng.r#gen::<i32>())?;
    let mut noise = Mat::new_size_with_default(CAPTURE, core::CV_16SC3, Scalar::all(0.0))?;
    core::randn(&mut noise, &Scalar::all(0.0), &Scalar::all(2.5))?;
    let mut noisy = Mat::default();
    core::add(&lit, &noise, &mut noisy, &core::no_array(), -1)?;
    let mut out = Mat::default();
    noisy.convert_to(&mut out, core::CV_8UC3, 1.0, 0.0)?;
    Ok(out)
}

/// A dark grey tray, lighter towards the top as under a ceiling light.
fn tray(rng: &mut StdRng) -> Result<Mat, FrontSimError> {
    let base = rng.gen_range(50.0..70.0);
    let mut tiny = Mat::new_rows_cols_with_default(2, 1, core::CV_8UC3, Scalar::all(base))?;
    *tiny.at_2d_mut::<core::Vec3b>(0, 0)? = core::Vec3b::from([
        (base + 22.0) as u8,
        (base + 24.0) as u8,
        (base + 26.0) as u8,
    ]);
    let mut frame = Mat::default();
    imgproc::resize(&tiny, &mut frame, CAPTURE, 0.0, 0.0, imgproc::INTER_LINEAR)?;
    Ok(frame)
}

/// Where the card's corners land in the frame (clockwise from the card's top left).
fn placement(rng: &mut StdRng, card: Size, trouble: Trouble) -> [Point2f; 4] {
    let w = rng.gen_range(850.0..930.0_f32);
    let h = w * card.height as f32 / card.width as f32;
    let (cx, cy) = (
        640.0 + rng.gen_range(-25.0..25.0_f32),
        360.0 + rng.gen_range(-15.0..15.0_f32),
    );
    let mut angle: f32 = match trouble {
        Trouble::Tilted => rng.gen_range(3.0..7.0) * if rng.r#gen::<bool>() { 1.0 } else { -1.0 },
        _ => rng.gen_range(-1.5..1.5),
    };
    if trouble == Trouble::UpsideDown {
        angle += 180.0;
    }
    // A card seen at a slant: its far edge shorter.
    let slant = if trouble == Trouble::Tilted {
        rng.gen_range(0.02..0.05) * w
    } else {
        0.0
    };
    let local = [
        (-w / 2.0 + slant, -h / 2.0),
        (w / 2.0 - slant, -h / 2.0),
        (w / 2.0, h / 2.0),
        (-w / 2.0, h / 2.0),
    ];
    let (s, c) = angle.to_radians().sin_cos();
    local.map(|(x, y)| {
        let jitter = (rng.gen_range(-2.0..2.0), rng.gen_range(-2.0..2.0));
        Point2f::new(cx + x * c - y * s + jitter.0, cy + x * s + y * c + jitter.1)
    })
}

fn homography(card: Size, corners: &[Point2f; 4]) -> Result<Mat, FrontSimError> {
    let (w, h) = (card.width as f32, card.height as f32);
    let src: Vector<Point2f> = [
        Point2f::new(0.0, 0.0),
        Point2f::new(w, 0.0),
        Point2f::new(w, h),
        Point2f::new(0.0, h),
    ]
    .into_iter()
    .collect();
    let dst: Vector<Point2f> = corners.iter().copied().collect();
    Ok(imgproc::get_perspective_transform(
        &src,
        &dst,
        core::DECOMP_LU,
    )?)
}

/// Lays the card (with rounded corners, 3 mm as on an ID-1 card) into the frame.
fn lay(frame: &mut Mat, card: &Mat, corners: &[Point2f; 4]) -> Result<(), FrontSimError> {
    let size = card.size()?;
    let m = homography(size, corners)?;
    let mut mask = Mat::new_size_with_default(size, core::CV_8UC1, Scalar::all(0.0))?;
    let r = 30;
    let (w, h) = (size.width, size.height);
    for (x, y) in [
        (r, r),
        (w - r - 1, r),
        (w - r - 1, h - r - 1),
        (r, h - r - 1),
    ] {
        imgproc::circle(
            &mut mask,
            Point::new(x, y),
            r,
            Scalar::all(255.0),
            -1,
            imgproc::LINE_AA,
            0,
        )?;
    }
    imgproc::rectangle(
        &mut mask,
        core::Rect::new(r, 0, w - 2 * r, h),
        Scalar::all(255.0),
        -1,
        imgproc::LINE_8,
        0,
    )?;
    imgproc::rectangle(
        &mut mask,
        core::Rect::new(0, r, w, h - 2 * r),
        Scalar::all(255.0),
        -1,
        imgproc::LINE_8,
        0,
    )?;
    let mut warped = Mat::default();
    let mut warped_mask = Mat::default();
    imgproc::warp_perspective(
        card,
        &mut warped,
        &m,
        CAPTURE,
        imgproc::INTER_LINEAR,
        core::BORDER_CONSTANT,
        Scalar::default(),
    )?;
    imgproc::warp_perspective(
        &mask,
        &mut warped_mask,
        &m,
        CAPTURE,
        imgproc::INTER_LINEAR,
        core::BORDER_CONSTANT,
        Scalar::default(),
    )?;
    warped.copy_to_masked(frame, &warped_mask)?;
    Ok(())
}

/// A soft bright reflection centred on `at` (card pixels), `radii` wide, adding up to `peak`
/// to `frame` (16-bit signed, before it is made 8-bit).
fn glare(
    frame: &mut Mat,
    corners: &[Point2f; 4],
    card: Size,
    at: (f32, f32),
    radii: (f32, f32),
    peak: f64,
) -> Result<(), FrontSimError> {
    let m = homography(card, corners)?;
    let src: Vector<Point2f> = [Point2f::new(at.0, at.1)].into_iter().collect();
    let mut dst: Vector<Point2f> = Vector::new();
    core::perspective_transform(&src, &mut dst, &m)?;
    let centre = dst.get(0)?;
    let mut blob = Mat::new_size_with_default(CAPTURE, core::CV_32FC1, Scalar::all(0.0))?;
    imgproc::ellipse(
        &mut blob,
        Point::new(centre.x as i32, centre.y as i32),
        Size::new(radii.0 as i32, radii.1 as i32),
        0.0,
        0.0,
        360.0,
        Scalar::all(1.0),
        -1,
        imgproc::LINE_8,
        0,
    )?;
    let mut soft = Mat::default();
    imgproc::gaussian_blur_def(&blob, &mut soft, Size::default(), f64::from(radii.1) / 2.5)?;
    let mut scaled = Mat::default();
    soft.convert_to(&mut scaled, core::CV_16SC1, peak, 0.0)?;
    let mut planes: Vector<Mat> = Vector::new();
    for _ in 0..3 {
        planes.push(scaled.clone());
    }
    let mut bgr = Mat::default();
    core::merge(&planes, &mut bgr)?;
    let mut out = Mat::default();
    // Past 255 the frame saturates when it becomes 8-bit: light washes the print out to white.
    core::add(&*frame, &bgr, &mut out, &core::no_array(), -1)?;
    *frame = out;
    Ok(())
}
