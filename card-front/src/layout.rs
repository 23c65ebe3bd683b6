//! Where things are on the front of a My Number Card (ID-1, 85.6 × 54 mm), in the pixels of the
//! rectified card at 10 px per mm: the birth line and the card's expiry line in the left column
//! under the address, the photo on the right with the security code printed under it, and the
//! card's title at the bottom left (seed document, 「マイナンバーカードと健康保険証」; the
//! simulator draws its fronts to the same plan). Each crop keeps a margin around its line so that
//! a card found a few pixels off still gives the whole line.

use opencv::core::{Rect, Size};

/// The rectified card: 85.6 × 54 mm at 10 px / mm.
pub const CARD: Size = Size {
    width: 856,
    height: 540,
};

/// The print resolution of the rectified card (10 px / mm), for the OCR.
pub const PPI: i32 = 254;

/// 「昭和55年 2月17日生」 (or 西暦 for foreign residents); the sex to its right is left out.
pub const BIRTH: Rect = Rect {
    x: 96,
    y: 222,
    width: 344,
    height: 56,
};

/// 「2035年 2月17日まで有効」: the card's own expiry.
pub const EXPIRY: Rect = Rect {
    x: 96,
    y: 278,
    width: 424,
    height: 56,
};

/// The four digits under the photo.
pub const SECURITY_CODE: Rect = Rect {
    x: 640,
    y: 338,
    width: 180,
    height: 54,
};

/// 「個人番号カード」.
pub const TITLE: Rect = Rect {
    x: 24,
    y: 434,
    width: 296,
    height: 64,
};

/// The face photo.
pub const PHOTO: Rect = Rect {
    x: 620,
    y: 80,
    width: 200,
    height: 250,
};

/// The same rectangle on a card turned by 180°.
pub fn turned(r: Rect) -> Rect {
    Rect::new(
        CARD.width - r.x - r.width,
        CARD.height - r.y - r.height,
        r.width,
        r.height,
    )
}
