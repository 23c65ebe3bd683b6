//! One frame in, one answer out: the card found and flattened, the light checked, the card
//! turned the right way up by where its photo is (with no photo to tell, it must show the card's
//! printed title one way up or the other: a 保険証 shows neither), then its
//! three fields read by Tesseract and parsed. The answer is either the parts of 照合番号B with
//! Tesseract's confidence per field, or what is wrong with the frame. Whether a reading is
//! good enough to send to the card is decided over several frames by [`crate::Agreement`].

use opencv::core::{Mat, Rect};
use tracing::debug;
use zeroize::Zeroizing;

use crate::layout::{self, PPI};
use crate::locate;
use crate::ocr::{Ocr, Script};
use crate::parse::{self, Calendar};
use crate::{FrontError, FrontParts};

/// What is wrong with a frame, so the patient can be told what to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FrameProblem {
    /// No card-shaped thing in the frame: place the card face up.
    NoCard,
    /// The card is too dark to read: more light, or the card fully on the reader.
    TooDark,
    /// A reflection washes out one of the fields: tilt the card or shade it.
    Glare,
    /// The print is out of focus: hold the card still.
    Blurred,
    /// A card, but not a My Number Card (a 保険証, a driving licence, ...).
    NotMyNumberCard,
    /// A My Number Card whose field could not be read as what it must say.
    Unreadable(Field),
}

/// A field of the front that 照合番号B takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    BirthDate,
    Expiry,
    SecurityCode,
}

/// Tesseract's mean confidence (0–100) for each field of one frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Confidence {
    pub birth: u8,
    pub expiry: u8,
    pub security_code: u8,
}

impl Confidence {
    /// The least sure of the three.
    pub fn least(&self) -> u8 {
        self.birth.min(self.expiry).min(self.security_code)
    }
}

/// The parts read from one frame.
#[derive(Debug)]
pub struct FrontReading {
    pub parts: FrontParts,
    pub confidence: Confidence,
    /// The card lay upside down (it was read turned by 180°).
    pub turned: bool,
}

/// The answer for one frame.
#[derive(Debug)]
pub enum FrameRead {
    Read(FrontReading),
    Problem(FrameProblem),
}

/// Thresholds of the frame checks, tuned on the simulator's captures (`cargo xtask bench
/// card-front` shows what they let through).
#[derive(Debug, Clone, Copy)]
pub struct ReaderConfig {
    /// Below this mean brightness of the flattened card (0–255): too dark.
    pub min_brightness: f64,
    /// Above this share of saturated pixels in a field: glare.
    pub max_glare: f64,
    /// Below this variance of the Laplacian of the flattened card: blurred.
    pub min_sharpness: f64,
}

impl Default for ReaderConfig {
    fn default() -> Self {
        Self {
            min_brightness: 70.0,
            max_glare: 0.01,
            min_sharpness: 90.0,
        }
    }
}

/// The characters each line may hold: telling Tesseract keeps it from reading 0 as O or
/// 1 as l, and from reading a field as anything but its own kind of text.
const BIRTH_CHARS: &str = "0123456789年月日生元大正昭和平成令";
const EXPIRY_CHARS: &str = "0123456789年月日まで有効";
const CODE_CHARS: &str = "0123456789";
const TITLE_CHARS: &str = "";

/// Reads card fronts. Holds Tesseract (loaded once, about 0.2 s); `Send`, one frame at a time.
pub struct FrontReader {
    ocr: Ocr,
    config: ReaderConfig,
}

impl FrontReader {
    pub fn new(config: ReaderConfig) -> Result<Self, FrontError> {
        Ok(Self {
            ocr: Ocr::load()?,
            config,
        })
    }

    /// Reads one frame (BGR, BGRA or grey, any size).
    pub fn read(&mut self, frame: &Mat) -> Result<FrameRead, FrontError> {
        let grey = locate::grey(frame)?;
        let Some(quad) = locate::find_card(&grey)? else {
            // A card in the dark is not found at all: say why.
            return Ok(FrameRead::Problem(if locate::mean(&grey)? < 40.0 {
                FrameProblem::TooDark
            } else {
                FrameProblem::NoCard
            }));
        };
        let card = locate::rectify(&grey, &quad)?;
        if locate::mean(&card)? < self.config.min_brightness {
            return Ok(FrameRead::Problem(FrameProblem::TooDark));
        }
        let whole = Rect::new(0, 0, layout::CARD.width, layout::CARD.height);
        if locate::sharpness(&card, whole)? < self.config.min_sharpness {
            return Ok(FrameRead::Problem(FrameProblem::Blurred));
        }
        let turned_card = locate::turn(&card)?;
        let orientation = locate::upside_down(&card)?;
        let tries: [(&Mat, bool); 2] = match orientation {
            Some(true) => [(&turned_card, true), (&card, false)],
            _ => [(&card, false), (&turned_card, true)],
        };
        for (card, turned) in tries {
            for r in [layout::BIRTH, layout::EXPIRY, layout::SECURITY_CODE] {
                if locate::glare_share(card, r)? > self.config.max_glare {
                    return Ok(FrameRead::Problem(FrameProblem::Glare));
                }
            }
            // A photo where the My Number Card has it already says which way up the card
            // lies; the title is read only when it does not (no photo: another card, or a
            // photo too faint to tell). The fields' strict shapes (…日生, …まで有効, four
            // digits) keep another card's print from passing as them either way.
            if orientation.is_none() {
                let title = self.line(card, layout::TITLE, Script::Japanese, TITLE_CHARS)?;
                if !parse::is_card_title(&title.0) {
                    continue;
                }
                debug!(turned, "card front: title found");
            }
            return self.fields(card, turned);
        }
        Ok(FrameRead::Problem(FrameProblem::NotMyNumberCard))
    }

    fn line(
        &mut self,
        card: &Mat,
        r: Rect,
        script: Script,
        chars: &str,
    ) -> Result<(Zeroizing<String>, u8), FrontError> {
        let crop = locate::line_crop(card, r)?;
        let line = self.ocr.read_line(script, &crop, chars, PPI)?;
        Ok((line.text, line.confidence))
    }

    fn fields(&mut self, card: &Mat, turned: bool) -> Result<FrameRead, FrontError> {
        let unreadable = |f| Ok(FrameRead::Problem(FrameProblem::Unreadable(f)));
        let (text, birth_conf) = self.line(card, layout::BIRTH, Script::Japanese, BIRTH_CHARS)?;
        let Some(birth) = parse::birth_line(&text) else {
            return unreadable(Field::BirthDate);
        };
        let (text, expiry_conf) =
            self.line(card, layout::EXPIRY, Script::Japanese, EXPIRY_CHARS)?;
        let Some(expiry_year) = parse::expiry_line(&text) else {
            return unreadable(Field::Expiry);
        };
        let (text, code_conf) =
            self.line(card, layout::SECURITY_CODE, Script::Latin, CODE_CHARS)?;
        let Some(security_code) = parse::security_code(&text) else {
            return unreadable(Field::SecurityCode);
        };
        debug!(
            birth_conf,
            expiry_conf,
            code_conf,
            gregorian = birth.calendar == Calendar::Gregorian,
            "card front: fields read"
        );
        Ok(FrameRead::Read(FrontReading {
            parts: FrontParts::new(birth, expiry_year, security_code),
            confidence: Confidence {
                birth: birth_conf,
                expiry: expiry_conf,
                security_code: code_conf,
            },
            turned,
        }))
    }
}
