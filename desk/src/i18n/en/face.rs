//! English: what the patient is told while the camera checks their face, and why a face
//! check failed.

use crate::flow::{Field, FrameProblem, FrontReading, MaskedReading};
use face_match::{Guidance, Outcome};
use zeroize::Zeroizing;

pub(in crate::i18n) fn front_problem(p: FrameProblem) -> &'static str {
    match p {
        FrameProblem::NoCard => "Please place your card face up",
        FrameProblem::TooDark => "The card looks too dark. Please place it fully on the reader",
        FrameProblem::Glare => "Please keep light from reflecting on the card",
        FrameProblem::Blurred => "Please hold the card still",
        FrameProblem::NotMyNumberCard => "Please place your My Number Card",
        FrameProblem::Unreadable(_) => "Please place the card again",
    }
}

pub(in crate::i18n) fn front_reading_clerk(f: FrontReading) -> Option<String> {
    match f {
        FrontReading::Off => None,
        FrontReading::Reading { problem: None } => {
            Some("reading verification number B from the card front (or key it)".into())
        }
        FrontReading::Reading {
            problem: Some(FrameProblem::Unreadable(field)),
        } => Some(format!(
            "reading the card front: the {} cannot be read (or key it)",
            match field {
                Field::BirthDate => "birth date",
                Field::Expiry => "expiry date",
                Field::SecurityCode => "security code",
            }
        )),
        FrontReading::Reading { problem: Some(p) } => Some(format!(
            "reading the card front: the patient is told \"{}\" (or key it)",
            front_problem(p)
        )),
        FrontReading::Refused => {
            Some("the card refused the number read from its front: key it from the card".into())
        }
        FrontReading::Unavailable => {
            Some("the card front cannot be read: key verification number B".into())
        }
    }
}

pub(in crate::i18n) fn front_refused_reading(m: &MaskedReading) -> Zeroizing<String> {
    Zeroizing::new(format!(
        "Read from the card front (check it against the card): birth date {} / expiry {} / security code {}",
        *crate::i18n::printed_birth(m),
        m.expiry_year(),
        crate::i18n::MASKED_CODE
    ))
}

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
