//! Português (Portuguese, as written in Brazil): what the patient is told while the camera checks their face, and why a face
//! check failed (the clerk's lines about the card front too). Machine-drafted: see `mod.rs`.

use crate::flow::{Field, FrameProblem, FrontReading, MaskedReading};
use face_match::{Guidance, Outcome};
use zeroize::Zeroizing;

pub(in crate::i18n) fn front_problem(p: FrameProblem) -> &'static str {
    match p {
        FrameProblem::NoCard => "Coloque o cartão com a frente para cima",
        FrameProblem::TooDark => "O cartão está escuro. Coloque-o até o fim no leitor",
        FrameProblem::Glare => "Evite que a luz reflita no cartão",
        FrameProblem::Blurred => "Não mexa o cartão",
        FrameProblem::NotMyNumberCard => "Coloque o seu cartão My Number",
        FrameProblem::Unreadable(_) => "Coloque o cartão novamente",
    }
}

pub(in crate::i18n) fn front_reading_clerk(f: FrontReading) -> Option<String> {
    match f {
        FrontReading::Off => None,
        FrontReading::Reading { problem: None } => {
            Some("lendo o número de verificação B na frente do cartão (ou digite-o)".into())
        }
        FrontReading::Reading {
            problem: Some(FrameProblem::Unreadable(field)),
        } => Some(format!(
            "lendo a frente do cartão: não é possível ler {} (ou digite-o)",
            match field {
                Field::BirthDate => "a data de nascimento",
                Field::Expiry => "a validade",
                Field::SecurityCode => "o código de segurança",
            }
        )),
        FrontReading::Reading { problem: Some(p) } => Some(format!(
            "lendo a frente do cartão: o paciente vê “{}” (ou digite-o)",
            front_problem(p)
        )),
        FrontReading::Refused => {
            Some("o cartão recusou o número lido da frente: digite-o olhando o cartão".into())
        }
        FrontReading::Unavailable => {
            Some("não é possível ler a frente do cartão: digite o número de verificação B".into())
        }
    }
}

pub(in crate::i18n) fn front_refused_reading(m: &MaskedReading) -> Zeroizing<String> {
    Zeroizing::new(format!(
        "Lido na frente do cartão (confira com o cartão): nascimento {} / validade {} / código de segurança {}",
        *crate::i18n::printed_birth(m),
        m.expiry_year(),
        crate::i18n::MASKED_CODE
    ))
}

pub(in crate::i18n) fn face_outcome(o: Outcome) -> &'static str {
    match o {
        Outcome::Match => "Confirmamos que é você",
        Outcome::NoMatch => "Não foi possível confirmar que você é a pessoa da foto do cartão",
        Outcome::TimedOut => "Não foi possível confirmar a tempo",
        Outcome::AttackSuspected(_) => {
            "Fotos ou telas não podem ser usadas. Olhe você mesmo para a câmera"
        }
    }
}

pub(in crate::i18n) fn guidance(g: Guidance) -> &'static str {
    match g {
        Guidance::NoFace => "Olhe para a câmera",
        Guidance::OnePersonOnly => "Uma pessoa de cada vez, por favor",
        Guidance::MoveCloser => "Chegue mais perto",
        Guidance::MoveBack => "Afaste-se um pouco",
        Guidance::CentreFace => "Coloque o rosto no centro da moldura",
        Guidance::LookStraight => "Olhe de frente para a câmera",
        Guidance::TooDark => "O rosto está escuro. Procure um lugar mais claro",
        Guidance::TooBright => "O rosto está claro demais. Evite luz direta",
        Guidance::HoldStill => "Fique parado, por favor",
        Guidance::Checking => "Aguarde um momento",
    }
}
