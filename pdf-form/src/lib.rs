//! A printed form as PDF, for the paper side of the counter: with a generic card reader
//! (汎用カードリーダー) the patient gives consent on paper, and the desk prints the form with
//! their name filled in. The brick lays out what it is given (a title, paragraphs, filled-in
//! fields, check boxes, signature lines) on A4 pages in one embedded TrueType font, so Japanese
//! prints on any printer and any PDF viewer; it knows nothing of consent or of languages (the
//! desk's words write the form).
//!
//! ```text
//! form    Form, Item: what goes on the paper, top to bottom
//! layout  lines broken to the page width by the font's own advances, pages as they fill
//! pdf     the PDF objects: a Type0 / CIDFontType2 font (Identity-H, with a ToUnicode map
//!         so the text can be searched and copied), one content stream per page
//! ```

mod layout;
mod pdf;

pub use layout::{Form, Item};

/// Why the form could not be made.
#[derive(Debug, thiserror::Error)]
pub enum FormError {
    #[error("the font is not a TrueType / OpenType font the form can embed")]
    Font,
    #[error(
        "the font has no glyph for {count} character(s) of the form: choose a font that covers the form's language"
    )]
    MissingGlyphs { count: usize },
}

/// The form as a PDF file, in `font` (the bytes of a `.ttf` / `.otf` with TrueType outlines).
pub fn render(form: &Form, font: &[u8]) -> Result<Vec<u8>, FormError> {
    let face = ttf_parser::Face::parse(font, 0).map_err(|_| FormError::Font)?;
    let pages = layout::pages(form, &face)?;
    Ok(pdf::write(&pages, &face, font))
}
