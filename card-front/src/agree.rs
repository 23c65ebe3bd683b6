//! Deciding over several frames: a reading becomes certain only when the same 14 digits come
//! from [`AgreementRules::frames`] frames in a row, each read with at least
//! [`AgreementRules::min_confidence`], with a real date in an era that held on it (checked by
//! the parser) and an expiry year a card in use can have. A different reading starts the count
//! again; a frame without the card, or with another card, drops what was read. 照合番号B has its
//! own retry counter on the card, so a wrong certain reading would spend a try: everything here
//! errs towards asking for another frame.

use time::Date;
use zeroize::Zeroizing;

use crate::FrontParts;
use crate::reader::{FrameProblem, FrameRead};

/// When a reading counts as certain.
#[derive(Debug, Clone, Copy)]
pub struct AgreementRules {
    /// How many frames in a row must give the same 14 digits.
    pub frames: u8,
    /// The least Tesseract confidence (0–100) of every field of a counted frame.
    pub min_confidence: u8,
    /// Today, for the expiry year's range and a birth date not in the future.
    pub today: Date,
}

impl AgreementRules {
    /// Three frames, confidence 60, as measured by `cargo xtask bench card-front`.
    pub fn new(today: Date) -> Self {
        Self {
            frames: 3,
            min_confidence: 60,
            today,
        }
    }

    /// A card issued from 2016 on is valid for at most ten years and to the next birthday;
    /// an expired card still opens its 券面AP, so some past years pass too.
    fn expiry_plausible(&self, year: u16) -> bool {
        let now = self.today.year();
        (now - 5..=now + 11).contains(&i32::from(year))
    }
}

/// Why a frame's reading was not counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Doubt {
    /// Tesseract was not sure enough of a field.
    LowConfidence,
    /// The expiry year is not one a card in use can have.
    ExpiryOutOfRange,
    /// The birth date is after today.
    BornInFuture,
}

/// Where the decision stands after a frame.
#[derive(Debug)]
pub enum Progress {
    /// The same digits from enough frames: these parts may be sent to the card once.
    Certain(FrontParts),
    /// A reading counted; `agreeing` frames so far gave these digits.
    Reading { agreeing: u8, needed: u8 },
    /// The frame's reading was not counted.
    Doubtful(Doubt),
    /// What is wrong with the frame.
    Problem(FrameProblem),
}

/// The frames of one card placed on the reader.
pub struct Agreement {
    rules: AgreementRules,
    streak: Option<(Zeroizing<[u8; 14]>, u8)>,
    disagreements: u32,
}

impl Agreement {
    pub fn new(rules: AgreementRules) -> Self {
        Self {
            rules,
            streak: None,
            disagreements: 0,
        }
    }

    /// How often a counted reading differed from the one before it (a sign of a hard card).
    pub fn disagreements(&self) -> u32 {
        self.disagreements
    }

    /// Forgets everything read (a new card, or after a VERIFY).
    pub fn reset(&mut self) {
        self.streak = None;
    }

    pub fn feed(&mut self, read: FrameRead) -> Progress {
        let reading = match read {
            FrameRead::Problem(p) => {
                if matches!(p, FrameProblem::NoCard | FrameProblem::NotMyNumberCard) {
                    self.streak = None;
                }
                return Progress::Problem(p);
            }
            FrameRead::Read(r) => r,
        };
        if reading.confidence.least() < self.rules.min_confidence {
            return Progress::Doubtful(Doubt::LowConfidence);
        }
        if reading.parts.birth > self.rules.today {
            self.streak = None;
            return Progress::Doubtful(Doubt::BornInFuture);
        }
        if !self.rules.expiry_plausible(reading.parts.expiry_year) {
            self.streak = None;
            return Progress::Doubtful(Doubt::ExpiryOutOfRange);
        }
        let digits = reading.parts.digits();
        let agreeing = match &mut self.streak {
            Some((d, n)) if *d == digits => {
                *n += 1;
                *n
            }
            other => {
                if other.is_some() {
                    self.disagreements += 1;
                }
                *other = Some((digits, 1));
                1
            }
        };
        if agreeing >= self.rules.frames {
            self.streak = None;
            Progress::Certain(reading.parts)
        } else {
            Progress::Reading {
                agreeing,
                needed: self.rules.frames,
            }
        }
    }
}
