//! The words of the patient screen's guides, beside the instructions of `reception`: the names
//! of the four steps of the step indicator, what each pictogram shows (read out by assistive
//! technology, since the picture itself says nothing to a screen reader), and the names of
//! the patient languages as their speakers write them, for the language row. This file holds
//! the keys and the public functions; the words are in `ja/patient.rs` and `en/patient.rs`.

use super::{Lang, per_lang};
use crate::flow::Step;

/// What a pictogram on the patient screen shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Picture {
    /// A card laid on the reader.
    CardOnReader,
    /// A face inside the oval guide.
    Face,
    /// The PIN pad.
    PinPad,
    /// A hand taking the card off the reader.
    TakeCard,
    /// A check mark: done.
    Done,
    /// An hourglass: please wait.
    Wait,
    /// A question to answer (the consents).
    Question,
    /// The live camera view inside the oval guide.
    CameraView,
}

/// The step's name on the indicator (カード, 本人確認, 同意, 完了).
pub fn step(lang: Lang, s: Step) -> &'static str {
    per_lang!(lang, patient::step(s))
}

/// The indicator as one sentence for assistive technology: which step of how many.
pub fn step_of(lang: Lang, s: Step) -> String {
    per_lang!(lang, patient::step_of(s))
}

/// What the pictogram shows, for assistive technology.
pub fn picture(lang: Lang, p: Picture) -> &'static str {
    per_lang!(lang, patient::picture(p))
}

/// The language row's name, for assistive technology.
pub fn language_row(lang: Lang) -> &'static str {
    per_lang!(lang, patient::language_row())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_are_named_in_both_languages() {
        assert_eq!(step(Lang::Ja, Step::Identity), "本人確認");
        assert_eq!(step(Lang::En, Step::Done), "Done");
        assert_eq!(step_of(Lang::Ja, Step::Consent), "手順 3 / 4: 同意");
        assert_eq!(step_of(Lang::En, Step::Card), "Step 1 of 4: Card");
    }

    #[test]
    fn every_picture_has_a_name() {
        for lang in [Lang::Ja, Lang::En] {
            for p in [
                Picture::CardOnReader,
                Picture::Face,
                Picture::PinPad,
                Picture::TakeCard,
                Picture::Done,
                Picture::Wait,
                Picture::Question,
                Picture::CameraView,
            ] {
                assert!(!picture(lang, p).is_empty(), "{lang:?} {p:?}");
            }
        }
    }
}
