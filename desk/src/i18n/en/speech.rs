//! Spoken guidance in English: the screen's wording (`reception.rs`) shortened to what is
//! heard once, with numbers written as words so that no sentence holds a digit.

use crate::flow::Question;
use crate::i18n::speech::Cue;
use face_match::Guidance;

pub(in crate::i18n) fn say(c: Cue) -> &'static str {
    match c {
        Cue::PlaceCard => "Please place your My Number Card on the reader.",
        Cue::VisitEnded => "The last check-in has ended. Please place your card again.",
        Cue::ChooseMethod { pin: true } => {
            "Please choose how to confirm it is you: face recognition, or your PIN."
        }
        Cue::ChooseMethod { pin: false } => {
            "Please choose how to confirm it is you. The PIN cannot be used with this card."
        }
        Cue::Pin { tries_left: 3 } => {
            "Please enter your four-digit PIN. You have three tries left."
        }
        Cue::Pin { tries_left: 2 } => "Please enter your four-digit PIN. You have two tries left.",
        Cue::Pin { tries_left: 1 } => "Please enter your four-digit PIN. You have one try left.",
        Cue::Pin { .. } => "Please enter your four-digit PIN.",
        Cue::PinWrong { tries_left: 2 } => "The PIN is wrong. You have two tries left.",
        Cue::PinWrong { tries_left: 1 } => "The PIN is wrong. You have one try left.",
        Cue::PinWrong { .. } => "The PIN is wrong. Please enter it again.",
        Cue::PinLastTry => "You have one PIN try left. A wrong PIN will lock your card.",
        Cue::PinLocked => "Your PIN is locked. Please choose another way, or ask the staff.",
        Cue::FaceNumber => {
            "The staff will check the front of your card. Please leave the card where it is and wait."
        }
        Cue::FaceLive => "Please look at the camera.",
        Cue::FaceGuidance(g) => match g {
            Guidance::NoFace => "Please look at the camera.",
            Guidance::OnePersonOnly => "One person at a time, please.",
            Guidance::MoveCloser => "Please move a little closer.",
            Guidance::MoveBack => "Please move back a little.",
            Guidance::CentreFace => "Please put your face in the middle of the frame.",
            Guidance::LookStraight => "Please face straight ahead.",
            Guidance::TooDark => "Your face looks too dark.",
            Guidance::TooBright => "Your face looks too bright. Please avoid the light.",
            Guidance::HoldStill => "Please hold still.",
            Guidance::Checking => "Please wait.",
        },
        Cue::FaceFailed => {
            "Face recognition did not succeed. Please try again, or choose another way."
        }
        Cue::FaceUnavailable => "Face recognition cannot be used. Please choose another way.",
        Cue::Visual => "The staff will confirm it is you. Please wait.",
        Cue::Consent(q) => match q {
            Question::DrugAndDiagnosis => {
                "Do you agree that doctors and pharmacists see your past treatment and medicine records?"
            }
            Question::Checkup => "Do you agree that doctors see your past health checkup results?",
            Question::Surgery => "Do you agree that doctors see your past surgery records?",
            Question::Limit => "Do you provide your high-cost medical expense limit information?",
            Question::Comprehensive => {
                "Do you agree that doctors and pharmacists see your past treatment, medicine and surgery records?"
            }
        },
        Cue::Prescription => "Please choose an electronic prescription or a paper prescription.",
        Cue::RegisterOffer => {
            "This card is not registered as a health insurance card. Would you like to register it now?"
        }
        Cue::RegisterDetails => "The staff will enter your insurance card numbers. Please wait.",
        Cue::TakeCard => "Check-in is complete. Please take your card. Thank you.",
        Cue::TakeCardTrouble => "Please take your card, and ask the staff.",
    }
}
