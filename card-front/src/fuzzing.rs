//! Entry points for the fuzz targets (feature `fuzzing`): the parsers of the OCR's text and
//! the decoding of an image file given as a card-front source. Must return without panicking
//! whatever the input.

/// Every text parser over the bytes taken as (lossy) UTF-8, as Tesseract's output would be.
pub fn text(data: &[u8]) {
    let s = String::from_utf8_lossy(data);
    let _ = crate::parse::birth_line(&s);
    let _ = crate::parse::expiry_line(&s);
    let _ = crate::parse::security_code(&s);
    let _ = crate::parse::is_card_title(&s);
}

/// An image file's bytes as `ImageFront` decodes them.
pub fn image(data: &[u8]) {
    let _ = crate::source::decode_image(data);
}
