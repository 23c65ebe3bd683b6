//! The virtual card front: draws a persona's My Number Card front from its `persona.toml` (name,
//! address, birth date in 和暦 for Japanese nationals or 西暦 for foreign residents, sex, the
//! card's expiry, the photo and the security code under it), laid out as the real card (seed
//! document, 「マイナンバーカードと健康保険証」), with our own code and the BIZ UDPGothic font of
//! `assets/fonts`. No scan of a real card is used. [`capture`] then puts the card in front of a
//! virtual camera with the usual trouble (tilt, glare, blur, low light, upside down, another
//! card, no card), so that the card-front reader is tested on frames, not on clean drawings.
//! Built only with the `front` feature (it needs OpenCV).

mod draw;
mod scene;

use std::path::{Path, PathBuf};

use opencv::core::Mat;

pub use draw::{Font, render_front, render_other_card};
pub use scene::{CAPTURE, Trouble, capture};

use crate::card::persona::{Date, Persona};

/// Errors of the card-front simulator, naming the file to fix.
#[derive(Debug, thiserror::Error)]
pub enum FrontSimError {
    #[error("cannot read {path}: {source}; check the assets directory")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path} is not a font ab_glyph can read; restore assets/fonts from git")]
    Font { path: PathBuf },
    #[error(
        "the persona's photo could not be decoded as JPEG 2000; run assets/personas/make-photos.sh"
    )]
    Photo,
    #[error("OpenCV failed while drawing the card front: {0}")]
    OpenCv(#[from] opencv::Error),
}

/// How the card prints the birth date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BirthStyle {
    /// 和暦 (Japanese nationals): 昭和55年 2月17日生.
    Wareki,
    /// 西暦 (foreign residents): 1985年 7月 4日生.
    Seireki,
}

/// What the front shows. Debug prints nothing personal.
#[derive(Clone)]
pub struct FrontFace {
    pub name: String,
    pub address: String,
    pub birth: Date,
    pub birth_style: BirthStyle,
    /// JIS X 0303: 1 male, 2 female.
    pub sex: u8,
    pub expiry: Date,
    pub security_code: String,
    /// The photo as DF27 holds it (JP2).
    pub photo_jp2: Vec<u8>,
}

impl std::fmt::Debug for FrontFace {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FrontFace")
            .field("birth_style", &self.birth_style)
            .finish_non_exhaustive()
    }
}

impl FrontFace {
    /// A persona's card front. Every persona is a Japanese national (和暦); a foreign
    /// resident's front is made by setting [`FrontFace::birth_style`].
    pub fn from_persona(p: &Persona) -> Self {
        Self {
            name: p.toml.name.clone(),
            address: p.toml.address.clone(),
            birth: p.birth_date,
            birth_style: BirthStyle::Wareki,
            sex: p.toml.sex,
            expiry: p.card_expiry,
            security_code: p.toml.security_code.clone(),
            photo_jp2: p.photo.clone(),
        }
    }

    /// The 14 digits of 照合番号B this front stands for, built as the virtual card builds its
    /// own (和暦 `YYMMDD` + expiry year + code), for tests to compare a reading with.
    pub fn expected_b(&self) -> String {
        format!(
            "{}{:04}{}",
            self.birth.wareki_yymmdd(),
            self.expiry.year,
            self.security_code
        )
    }
}

/// The font of `assets/fonts` under `assets_dir`.
pub fn load_font(assets_dir: &Path) -> Result<Font, FrontSimError> {
    Font::load(&assets_dir.join("fonts").join("BIZUDPGothic-Regular.ttf"))
}

/// A persona's front, drawn (BGR, 856 × 540: 10 px per mm).
pub fn persona_front(p: &Persona, font: &Font) -> Result<Mat, FrontSimError> {
    render_front(&FrontFace::from_persona(p), font)
}
