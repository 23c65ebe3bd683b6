//! Reads the front of a My Number Card from a camera or scanner frame into the parts of
//! 照合番号B, as the 顔認証付きカードリーダー does before it opens the card's 券面AP: the card is
//! found and flattened, the light checked, the card turned the right way up, recognised by
//! its printed title, and its birth date (和暦, or 西暦 for foreign residents), its expiry
//! year and the security code under the photo read by Tesseract 5 (Debian's libtesseract with
//! the `jpn` and `eng` data) and parsed. A [`FrontReader`] answers per frame; an [`Agreement`]
//! decides over frames when a reading is certain enough to spend one of the card's tries on.
//! The crate speaks in types (parts, confidence, [`FrameProblem`]); the desk turns them into
//! words and decides when to VERIFY. It never touches the 個人番号 (the back of the card).
//!
//! # Use
//!
//! ```no_run
//! use card_front::{Agreement, AgreementRules, FrontReader, FrontSource, Progress, ReaderConfig, VideoFront};
//! let mut reader = FrontReader::new(ReaderConfig::default())?; // once; loads Tesseract
//! let mut source = VideoFront::open("1")?; // or "front/f_%03d.png"
//! let today = time::OffsetDateTime::now_utc().date();
//! let mut agreement = Agreement::new(AgreementRules::new(today));
//! while let Some(frame) = source.next_frame()? {
//!     match agreement.feed(reader.read(&frame)?) {
//!         Progress::Certain(parts) => {
//!             let digits = parts.digits(); // 14 ASCII digits for the driver's VerificationNumberB
//!             break;
//!         }
//!         Progress::Problem(problem) => { /* guidance for the patient */ }
//!         Progress::Reading { .. } | Progress::Doubtful(_) => {}
//!     }
//! }
//! # Ok::<(), card_front::FrontError>(())
//! ```
//!
//! # Privacy
//!
//! The digits live in `Zeroizing` buffers (the OCR's text too); `Debug` of every type that
//! holds them prints no digit and no date; logs carry confidences and flags only. Tesseract's
//! own copy of a line's text is freed by the library without being wiped: that memory is
//! beyond this program's reach.

mod agree;
mod error;
#[cfg(feature = "fuzzing")]
#[doc(hidden)]
pub mod fuzzing;
pub mod layout;
mod locate;
mod ocr;
pub mod parse;
mod reader;
mod source;

use time::Date;
use zeroize::Zeroizing;

pub use agree::{Agreement, AgreementRules, Doubt, Progress};
pub use error::FrontError;
pub use opencv::core::Mat;
pub use parse::{BirthLine, Calendar, Era};
pub use reader::{
    Confidence, Field, FrameProblem, FrameRead, FrontReader, FrontReading, ReaderConfig,
};
pub use source::{FrontSource, ImageFront, VideoFront, decode_image};

/// The parts of 照合番号B as read from a card front. `Debug` shows how the birth year was
/// printed, nothing else.
pub struct FrontParts {
    /// The birth date (Gregorian), however it was printed.
    pub birth: Date,
    /// How the card printed it: in an era (Japanese nationals) or in 西暦 (foreign residents).
    pub calendar: Calendar,
    /// The card's own expiry year (not the certificates').
    pub expiry_year: u16,
    security_code: Zeroizing<[u8; 4]>,
}

impl FrontParts {
    pub fn new(birth: BirthLine, expiry_year: u16, security_code: Zeroizing<[u8; 4]>) -> Self {
        Self {
            birth: birth.date,
            calendar: birth.calendar,
            expiry_year,
            security_code,
        }
    }

    /// The four digits printed under the photo.
    pub fn security_code(&self) -> &[u8; 4] {
        &self.security_code
    }

    /// 照合番号B as the card takes it: birth date as 和暦 `YYMMDD`, expiry year, security code;
    /// 14 ASCII digits, what `reader_driver::VerificationNumberB::new` takes.
    ///
    /// For a foreign resident's card (birth printed in 西暦) the birth part is **UNKNOWN** in
    /// every public source (research notes §5.2); PROPOSED: the same 和暦 `YYMMDD` of the date,
    /// as the driver's `from_parts` and the simulator build it.
    pub fn digits(&self) -> Zeroizing<[u8; 14]> {
        let era = Era::of(self.birth).unwrap_or(Era::Taisho);
        let era_year = self.birth.year() - era.first_day().year() + 1;
        let mut out = Zeroizing::new([0u8; 14]);
        let two = |n: i32| [b'0' + (n / 10 % 10) as u8, b'0' + (n % 10) as u8];
        out[0..2].copy_from_slice(&two(era_year));
        out[2..4].copy_from_slice(&two(i32::from(u8::from(self.birth.month()))));
        out[4..6].copy_from_slice(&two(i32::from(self.birth.day())));
        let y = i32::from(self.expiry_year);
        out[6..8].copy_from_slice(&two(y / 100));
        out[8..10].copy_from_slice(&two(y));
        out[10..14].copy_from_slice(&*self.security_code);
        out
    }
}

impl std::fmt::Debug for FrontParts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FrontParts")
            .field("calendar", &self.calendar)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn digits_are_wareki_expiry_code() {
        let birth = parse::birth_line("昭和55年2月17日生").unwrap();
        let parts = FrontParts::new(birth, 2035, Zeroizing::new(*b"2285"));
        assert_eq!(&*parts.digits(), b"55021720352285");
        assert!(!format!("{parts:?}").contains("55"));
        let reiwa = FrontParts::new(
            BirthLine {
                calendar: Calendar::Era(Era::Reiwa),
                date: date!(2019 - 05 - 01),
            },
            2029,
            Zeroizing::new(*b"0001"),
        );
        assert_eq!(&*reiwa.digits(), b"01050120290001");
    }
}
