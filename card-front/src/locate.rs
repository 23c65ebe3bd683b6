//! Finding the card in a frame and flattening it: the card is the largest bright, convex,
//! four-cornered shape with a card's proportions (85.6 : 54, some perspective allowed) on the
//! darker tray or desk; its corners are found on a copy at most 640 px wide and the card is
//! then warped from the full frame to the rectified size of `layout::CARD`. Also the light
//! checks of the rectified card (too dark, glare on a field, out of focus), which say what is
//! wrong before any OCR is spent on it.

use opencv::core::{self, Mat, Point, Point2f, Rect, Scalar, Size, Vector};
use opencv::imgproc;
use opencv::prelude::*;

use crate::FrontError;
use crate::layout::{self, CARD};

/// The card's width over its height.
const ASPECT: f64 = 85.6 / 54.0;

/// A frame's corners of the card, clockwise from the top left as the card lies.
pub struct Quad(pub [Point2f; 4]);

/// Grey copy of a BGR, BGRA or grey frame.
pub fn grey(frame: &Mat) -> Result<Mat, FrontError> {
    let mut g = Mat::default();
    match frame.channels() {
        1 => g = frame.try_clone()?,
        3 => imgproc::cvt_color_def(frame, &mut g, imgproc::COLOR_BGR2GRAY)?,
        4 => imgproc::cvt_color_def(frame, &mut g, imgproc::COLOR_BGRA2GRAY)?,
        _ => {
            return Err(FrontError::OpenCv(opencv::Error::new(
                core::StsBadArg,
                "a frame has 1, 3 or 4 channels",
            )));
        }
    }
    Ok(g)
}

/// The mean brightness (0–255) of a grey image.
pub fn mean(grey: &Mat) -> Result<f64, FrontError> {
    Ok(core::mean_def(grey)?[0])
}

/// The card's corners in `grey` (the whole frame), or `None` when no card-shaped bright
/// area is there.
pub fn find_card(grey: &Mat) -> Result<Option<Quad>, FrontError> {
    let scale = (640.0 / f64::from(grey.cols())).min(1.0);
    let mut small = Mat::default();
    imgproc::resize(
        grey,
        &mut small,
        Size::default(),
        scale,
        scale,
        imgproc::INTER_AREA,
    )?;
    let mut blurred = Mat::default();
    imgproc::gaussian_blur_def(&small, &mut blurred, Size::new(5, 5), 0.0)?;
    // Otsu splits the bright card from the darker tray whatever the overall light.
    let mut bin = Mat::default();
    imgproc::threshold(
        &blurred,
        &mut bin,
        0.0,
        255.0,
        imgproc::THRESH_BINARY | imgproc::THRESH_OTSU,
    )?;
    // Dark print on the card would otherwise cut holes and notches into its outline.
    let kernel = imgproc::get_structuring_element_def(imgproc::MORPH_RECT, Size::new(9, 9))?;
    let mut closed = Mat::default();
    imgproc::morphology_ex_def(&bin, &mut closed, imgproc::MORPH_CLOSE, &kernel)?;
    let mut contours: Vector<Vector<Point>> = Vector::new();
    imgproc::find_contours_def(
        &closed,
        &mut contours,
        imgproc::RETR_EXTERNAL,
        imgproc::CHAIN_APPROX_SIMPLE,
    )?;
    let frame_area = f64::from(small.cols() * small.rows());
    let mut best: Option<(f64, Vector<Point>)> = None;
    for c in contours.iter() {
        let area = imgproc::contour_area_def(&c)?;
        if area < 0.08 * frame_area || area > 0.95 * frame_area {
            continue;
        }
        if best.as_ref().is_none_or(|(a, _)| area > *a) {
            best = Some((area, c));
        }
    }
    let Some((area, contour)) = best else {
        return Ok(None);
    };
    let mut hull: Vector<Point> = Vector::new();
    imgproc::convex_hull_def(&contour, &mut hull)?;
    let perimeter = imgproc::arc_length(&hull, true)?;
    let mut poly: Vector<Point> = Vector::new();
    imgproc::approx_poly_dp(&hull, &mut poly, 0.03 * perimeter, true)?;
    if poly.len() != 4 {
        return Ok(None);
    }
    // A card fills its outline; a blob of light or a hand does not.
    let quad_area = imgproc::contour_area_def(&poly)?;
    if area < 0.85 * quad_area {
        return Ok(None);
    }
    let pts: Vec<Point2f> = poly
        .iter()
        .map(|p| Point2f::new(p.x as f32 / scale as f32, p.y as f32 / scale as f32))
        .collect();
    let quad = order(&pts);
    let (w, h) = sides(&quad);
    let aspect = w / h;
    if !(ASPECT * 0.8..=ASPECT * 1.2).contains(&aspect) {
        return Ok(None);
    }
    Ok(Some(quad))
}

fn dist(a: Point2f, b: Point2f) -> f64 {
    f64::from((a.x - b.x).hypot(a.y - b.y))
}

/// Mean lengths of the top/bottom and left/right sides.
fn sides(q: &Quad) -> (f64, f64) {
    let [a, b, c, d] = q.0;
    (
        (dist(a, b) + dist(d, c)) / 2.0,
        (dist(a, d) + dist(b, c)) / 2.0,
    )
}

/// Orders four corners clockwise (image coordinates) starting at the corner where a long side
/// starts going rightwards: the card's top left as it lies, or its bottom right when it lies
/// upside down (the orientation check tells those apart).
fn order(pts: &[Point2f]) -> Quad {
    let cx = pts.iter().map(|p| p.x).sum::<f32>() / 4.0;
    let cy = pts.iter().map(|p| p.y).sum::<f32>() / 4.0;
    let mut v: Vec<Point2f> = pts.to_vec();
    // Clockwise on screen = increasing atan2 with y pointing down.
    v.sort_by(|a, b| {
        (a.y - cy)
            .atan2(a.x - cx)
            .total_cmp(&(b.y - cy).atan2(b.x - cx))
    });
    let long_from = |i: usize| {
        let (a, b, c) = (v[i], v[(i + 1) % 4], v[(i + 3) % 4]);
        dist(a, b) >= dist(a, c) && b.x > a.x
    };
    let start = (0..4).find(|&i| long_from(i)).unwrap_or(0);
    Quad([
        v[start],
        v[(start + 1) % 4],
        v[(start + 2) % 4],
        v[(start + 3) % 4],
    ])
}

/// The card warped flat to `layout::CARD` (grey).
pub fn rectify(grey: &Mat, quad: &Quad) -> Result<Mat, FrontError> {
    let src: Vector<Point2f> = quad.0.iter().copied().collect();
    let (w, h) = (CARD.width as f32 - 1.0, CARD.height as f32 - 1.0);
    let dst: Vector<Point2f> = [
        Point2f::new(0.0, 0.0),
        Point2f::new(w, 0.0),
        Point2f::new(w, h),
        Point2f::new(0.0, h),
    ]
    .into_iter()
    .collect();
    let m = imgproc::get_perspective_transform(&src, &dst, core::DECOMP_LU)?;
    let mut out = Mat::default();
    imgproc::warp_perspective(
        grey,
        &mut out,
        &m,
        CARD,
        imgproc::INTER_LINEAR,
        core::BORDER_REPLICATE,
        Scalar::default(),
    )?;
    Ok(out)
}

/// The rectified card turned by 180°.
pub fn turn(card: &Mat) -> Result<Mat, FrontError> {
    let mut out = Mat::default();
    core::rotate(card, &mut out, core::ROTATE_180)?;
    Ok(out)
}

/// Whether the card lies upside down: the photo is the one large area of the front much darker
/// than the card as a whole (mostly pale stock and thin print), so it is either where it
/// belongs or where it would be on the turned card. `None` when neither place looks like a
/// photo (another card, or one whose print alone darkens a place).
pub fn upside_down(card: &Mat) -> Result<Option<bool>, FrontError> {
    let whole = mean(card)?;
    let here = mean(&card.roi(layout::PHOTO)?.try_clone()?)? / whole;
    let there = mean(&card.roi(layout::turned(layout::PHOTO))?.try_clone()?)? / whole;
    // Ratios, not differences, so that dim light does not change the answer.
    let photo = |r: f64| r < 0.8;
    let print = |r: f64| r > 0.88;
    Ok(if photo(here) && print(there) {
        Some(false)
    } else if photo(there) && print(here) {
        Some(true)
    } else {
        None
    })
}

/// The share of the pixels of `r` at or near saturation: glare washes print out.
pub fn glare_share(card: &Mat, r: Rect) -> Result<f64, FrontError> {
    let roi = card.roi(r)?;
    let mut bright = Mat::default();
    imgproc::threshold(&roi, &mut bright, 249.0, 255.0, imgproc::THRESH_BINARY)?;
    Ok(f64::from(core::count_non_zero(&bright)?) / f64::from(r.width * r.height))
}

/// How sharp the print of `r` is: the variance of the Laplacian after stretching the crop's
/// contrast, so that a dim but sharp card is not taken for a blurred one.
pub fn sharpness(card: &Mat, r: Rect) -> Result<f64, FrontError> {
    let roi = card.roi(r)?.try_clone()?;
    let mut stretched = Mat::default();
    core::normalize(
        &roi,
        &mut stretched,
        0.0,
        255.0,
        core::NORM_MINMAX,
        -1,
        &core::no_array(),
    )?;
    let mut lap = Mat::default();
    imgproc::laplacian(
        &stretched,
        &mut lap,
        core::CV_64F,
        1,
        1.0,
        0.0,
        core::BORDER_DEFAULT,
    )?;
    let mut m = Mat::default();
    let mut sd = Mat::default();
    core::mean_std_dev(&lap, &mut m, &mut sd, &core::no_array())?;
    let s = *sd.at::<f64>(0)?;
    Ok(s * s)
}

/// A crop of the rectified card, contrast stretched and framed in white, as the OCR likes a
/// line best.
pub fn line_crop(card: &Mat, r: Rect) -> Result<Mat, FrontError> {
    let roi = card.roi(r)?.try_clone()?;
    let mut stretched = Mat::default();
    core::normalize(
        &roi,
        &mut stretched,
        0.0,
        255.0,
        core::NORM_MINMAX,
        -1,
        &core::no_array(),
    )?;
    let mut framed = Mat::default();
    core::copy_make_border(
        &stretched,
        &mut framed,
        12,
        12,
        12,
        12,
        core::BORDER_CONSTANT,
        Scalar::all(255.0),
    )?;
    Ok(framed)
}
