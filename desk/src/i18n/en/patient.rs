//! The patient screen's guides: step names, what each picture shows (read out), the language row.

use crate::flow::Step;
use crate::i18n::patient::Picture;

pub(in crate::i18n) fn step(s: Step) -> &'static str {
    match s {
        Step::Card => "Card",
        Step::Identity => "Identity",
        Step::Consent => "Consent",
        Step::Done => "Done",
    }
}

pub(in crate::i18n) fn step_of(s: Step) -> String {
    format!("Step {} of {}: {}", s.number(), Step::ALL.len(), step(s))
}

pub(in crate::i18n) fn picture(p: Picture) -> &'static str {
    match p {
        Picture::CardOnReader => "A card placed on the card reader",
        Picture::Face => "A face inside the oval guide",
        Picture::PinPad => "The PIN number pad",
        Picture::TakeCard => "A card being taken off the card reader",
        Picture::Done => "A check mark: done",
        Picture::Wait => "An hourglass: please wait",
        Picture::Question => "A speech bubble with a question",
        Picture::CameraView => "The camera view with the oval guide for your face",
    }
}

pub(in crate::i18n) fn language_row() -> &'static str {
    "Choose a language"
}
