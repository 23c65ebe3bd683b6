//! English: what the patient is told while the camera checks their face, and why a face
//! check failed.

use face_match::{Guidance, Outcome};

pub(in crate::i18n) fn face_outcome(o: Outcome) -> &'static str {
    match o {
        Outcome::Match => "You were recognised",
        Outcome::NoMatch => "Your face did not match the card photo",
        Outcome::TimedOut => "We could not check your face in time",
        Outcome::AttackSuspected(_) => {
            "Photos or screens cannot be used. Please face the camera yourself"
        }
    }
}

pub(in crate::i18n) fn guidance(g: Guidance) -> &'static str {
    match g {
        Guidance::NoFace => "Please face the camera",
        Guidance::OnePersonOnly => "One person at a time, please",
        Guidance::MoveCloser => "Please come closer",
        Guidance::MoveBack => "Please move back a little",
        Guidance::CentreFace => "Please centre your face in the frame",
        Guidance::LookStraight => "Please look straight at the camera",
        Guidance::TooDark => "Your face is too dark; please find better light",
        Guidance::TooBright => "Your face is too bright; please avoid direct light",
        Guidance::HoldStill => "Please hold still",
        Guidance::Checking => "Please wait a moment",
    }
}
