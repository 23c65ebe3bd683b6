//! Drawing the fronts: text through ab_glyph (the outlines of BIZ UDPGothic, anti-aliased and
//! blended into an OpenCV image), the photo decoded from its JP2 by OpenCV, on a pale card with
//! a faint guilloche so that the card is not a flat white field. Positions are in pixels of the
//! 856 × 540 card (10 px per mm), placed as on the real card: name, address, birth date and
//! sex, the card's expiry in the left column; the photo on the right with the security code
//! under it; the title 「個人番号カード」 and the issuing mayor at the bottom.

use std::path::Path;

use ab_glyph::{Font as _, FontArc, PxScale, ScaleFont, point};
use opencv::core::{self, Mat, Rect, Scalar, Size, Vec3b, Vector};
use opencv::prelude::*;
use opencv::{imgcodecs, imgproc};

use super::{BirthStyle, FrontFace, FrontSimError};
use crate::card::persona::Date;

/// The card, 85.6 × 54 mm at 10 px per mm.
const CARD: Size = Size {
    width: 856,
    height: 540,
};

/// A loaded font.
pub struct Font(FontArc);

impl Font {
    pub fn load(path: &Path) -> Result<Self, FrontSimError> {
        let bytes = std::fs::read(path).map_err(|source| FrontSimError::Io {
            path: path.to_owned(),
            source,
        })?;
        FontArc::try_from_vec(bytes)
            .map(Font)
            .map_err(|_| FrontSimError::Font {
                path: path.to_owned(),
            })
    }

    /// Draws `text` with its baseline starting at (`x`, `baseline`), `px` high, in `ink`
    /// (BGR); returns the x where the next character would go.
    fn draw(&self, img: &mut Mat, text: &str, x: f32, baseline: f32, px: f32, ink: [u8; 3]) -> f32 {
        let scaled = self.0.as_scaled(PxScale::from(px));
        let mut caret = x;
        let mut prev = None;
        for c in text.chars() {
            let id = scaled.glyph_id(c);
            if let Some(p) = prev {
                caret += scaled.kern(p, id);
            }
            let glyph = id.with_scale_and_position(px, point(caret, baseline));
            caret += scaled.h_advance(id);
            prev = Some(id);
            let Some(outline) = self.0.outline_glyph(glyph) else {
                continue;
            };
            let b = outline.px_bounds();
            let (cols, rows) = (img.cols(), img.rows());
            outline.draw(|gx, gy, cover| {
                let (px_x, px_y) = (b.min.x as i32 + gx as i32, b.min.y as i32 + gy as i32);
                if px_x < 0 || px_y < 0 || px_x >= cols || px_y >= rows {
                    return;
                }
                if let Ok(p) = img.at_2d_mut::<Vec3b>(px_y, px_x) {
                    for k in 0..3 {
                        let under = f32::from(p[k]);
                        p[k] = (under + (f32::from(ink[k]) - under) * cover.min(1.0)) as u8;
                    }
                }
            });
        }
        caret
    }

    /// The width `text` takes at `px`.
    fn width(&self, text: &str, px: f32) -> f32 {
        let scaled = self.0.as_scaled(PxScale::from(px));
        text.chars()
            .map(|c| scaled.h_advance(scaled.glyph_id(c)))
            .sum()
    }
}

const INK: [u8; 3] = [34, 30, 30];
const LABEL: [u8; 3] = [96, 90, 90];

/// A pale card (every channel well below saturation, as printed card stock is) with a faint
/// guilloche of sine lines.
fn card_stock(tint: [f64; 3], line: [f64; 3]) -> Result<Mat, FrontSimError> {
    let mut card = Mat::new_size_with_default(
        CARD,
        core::CV_8UC3,
        Scalar::new(tint[0], tint[1], tint[2], 0.0),
    )?;
    for k in 0..14 {
        let pts: Vector<core::Point> = (0..=86)
            .map(|i| {
                let x = i * 10;
                let y =
                    20.0 + 38.0 * f64::from(k) + 9.0 * (f64::from(x) / 57.0 + f64::from(k)).sin();
                core::Point::new(x, y as i32)
            })
            .collect();
        let mut curves: Vector<Vector<core::Point>> = Vector::new();
        curves.push(pts);
        imgproc::polylines(
            &mut card,
            &curves,
            false,
            Scalar::new(line[0], line[1], line[2], 0.0),
            1,
            imgproc::LINE_AA,
            0,
        )?;
    }
    Ok(card)
}

fn era_of(d: &Date) -> &'static str {
    let ymd = (d.year, d.month, d.day);
    if ymd >= (2019, 5, 1) {
        "令和"
    } else if ymd >= (1989, 1, 8) {
        "平成"
    } else if ymd >= (1926, 12, 25) {
        "昭和"
    } else {
        "大正"
    }
}

/// 「昭和55年 2月17日」 or 「1985年 7月 4日」: month and day padded to two places with a space,
/// as the card aligns them; the first year of an era is 元年.
fn printed_date(d: &Date, style: BirthStyle) -> String {
    let year = match style {
        BirthStyle::Wareki => {
            let y = d.wareki_year();
            let y = if y == 1 {
                "元".to_owned()
            } else {
                y.to_string()
            };
            format!("{}{y}", era_of(d))
        }
        BirthStyle::Seireki => d.year.to_string(),
    };
    format!("{year}年{:>2}月{:>2}日", d.month, d.day)
}

/// Splits `text` into lines no wider than `max` at `px`.
fn wrap(font: &Font, text: &str, px: f32, max: f32) -> Vec<String> {
    let mut lines = vec![String::new()];
    for c in text.chars() {
        let last = lines.last_mut().expect("one line at least");
        let mut next = last.clone();
        next.push(c);
        if font.width(&next, px) > max && !last.is_empty() {
            lines.push(c.to_string());
        } else {
            *last = next;
        }
    }
    lines
}

/// The issuing mayor as printed at the bottom: the address up to its city or ward, and 長.
fn mayor(address: &str) -> String {
    let after_pref = address
        .char_indices()
        .find(|(_, c)| matches!(c, '都' | '道' | '府' | '県'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let end = address[after_pref..]
        .char_indices()
        .find(|(_, c)| matches!(c, '市' | '区' | '町' | '村'))
        .map_or(address.len(), |(i, c)| after_pref + i + c.len_utf8());
    format!("{}長", &address[..end])
}

/// A My Number Card front (BGR, 856 × 540).
pub fn render_front(face: &FrontFace, font: &Font) -> Result<Mat, FrontSimError> {
    let mut card = card_stock([226.0, 234.0, 240.0], [214.0, 222.0, 236.0])?;
    font.draw(&mut card, "氏名", 36.0, 84.0, 20.0, LABEL);
    font.draw(&mut card, &face.name, 110.0, 84.0, 44.0, INK);
    font.draw(&mut card, "住所", 36.0, 150.0, 20.0, LABEL);
    for (i, line) in wrap(font, &face.address, 28.0, 480.0)
        .iter()
        .take(2)
        .enumerate()
    {
        font.draw(&mut card, line, 110.0, 152.0 + 38.0 * i as f32, 28.0, INK);
    }
    let birth = format!("{}生", printed_date(&face.birth, face.birth_style));
    font.draw(&mut card, &birth, 110.0, 262.0, 30.0, INK);
    font.draw(&mut card, "性別", 450.0, 262.0, 20.0, LABEL);
    let sex = match face.sex {
        1 => "男",
        2 => "女",
        _ => "",
    };
    font.draw(&mut card, sex, 510.0, 262.0, 30.0, INK);
    let expiry = format!(
        "{}まで有効",
        printed_date(&face.expiry, BirthStyle::Seireki)
    );
    font.draw(&mut card, &expiry, 110.0, 318.0, 30.0, INK);

    // The photo (greyscale in the chip; the print here shows the same picture).
    let buf = Vector::<u8>::from_slice(&face.photo_jp2);
    let photo =
        imgcodecs::imdecode(&buf, imgcodecs::IMREAD_UNCHANGED).map_err(|_| FrontSimError::Photo)?;
    if photo.empty() {
        return Err(FrontSimError::Photo);
    }
    let mut colour = Mat::default();
    if photo.channels() == 1 {
        imgproc::cvt_color_def(&photo, &mut colour, imgproc::COLOR_GRAY2BGR)?;
    } else {
        colour = photo;
    }
    let place = Rect::new(620, 80, 200, 250);
    let mut sized = Mat::default();
    imgproc::resize(
        &colour,
        &mut sized,
        place.size(),
        0.0,
        0.0,
        imgproc::INTER_AREA,
    )?;
    let mut roi = card.roi_mut(place)?;
    sized.copy_to(&mut roi)?;

    let code_w = font.width(&face.security_code, 30.0);
    font.draw(
        &mut card,
        &face.security_code,
        720.0 - code_w / 2.0,
        378.0,
        30.0,
        INK,
    );
    font.draw(&mut card, "個人番号カード", 36.0, 482.0, 36.0, INK);
    font.draw(&mut card, &mayor(&face.address), 340.0, 480.0, 20.0, INK);
    Ok(card)
}

/// Another card of the same size: a 健康保険被保険者証-like card of the same person, with a
/// birth date but no photo and no security code. It must never be read as a My Number Card.
pub fn render_other_card(face: &FrontFace, font: &Font) -> Result<Mat, FrontSimError> {
    let mut card = card_stock([240.0, 228.0, 206.0], [232.0, 216.0, 196.0])?;
    font.draw(&mut card, "健康保険被保険者証", 36.0, 70.0, 36.0, INK);
    font.draw(&mut card, "本人（被保険者）", 600.0, 70.0, 22.0, INK);
    font.draw(
        &mut card,
        "記号 0612 番号 345 （枝番）01",
        36.0,
        130.0,
        26.0,
        INK,
    );
    font.draw(&mut card, "氏名", 36.0, 196.0, 22.0, LABEL);
    font.draw(&mut card, &face.name, 110.0, 200.0, 34.0, INK);
    let birth = format!("生年月日 {}", printed_date(&face.birth, face.birth_style));
    font.draw(&mut card, &birth, 36.0, 262.0, 26.0, INK);
    font.draw(
        &mut card,
        "資格取得年月日 令和 5年 4月 1日",
        36.0,
        318.0,
        26.0,
        INK,
    );
    font.draw(&mut card, "保険者番号 06131234", 36.0, 380.0, 26.0, INK);
    font.draw(
        &mut card,
        "保険者名称 全国健康保険協会",
        36.0,
        430.0,
        26.0,
        INK,
    );
    font.draw(
        &mut card,
        "交付年月日 令和 5年 4月 1日",
        36.0,
        490.0,
        26.0,
        INK,
    );
    Ok(card)
}
