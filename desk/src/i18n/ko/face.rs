//! 한국어 (Korean): what the patient is told while the camera checks their face, and why a face
//! check failed (the clerk's lines about the card front too). Machine-drafted: see `mod.rs`.

use crate::flow::{Field, FrameProblem, FrontReading, MaskedReading};
use face_match::{Guidance, Outcome};
use zeroize::Zeroizing;

pub(in crate::i18n) fn front_problem(p: FrameProblem) -> &'static str {
    match p {
        FrameProblem::NoCard => "카드 앞면이 위로 오게 올려 주세요",
        FrameProblem::TooDark => "카드가 어둡게 보입니다. 카드를 끝까지 올려 주세요",
        FrameProblem::Glare => "카드에 빛이 반사되지 않게 해 주세요",
        FrameProblem::Blurred => "카드를 움직이지 마세요",
        FrameProblem::NotMyNumberCard => "마이넘버 카드를 올려 주세요",
        FrameProblem::Unreadable(_) => "카드를 다시 올려 주세요",
    }
}

pub(in crate::i18n) fn front_reading_clerk(f: FrontReading) -> Option<String> {
    match f {
        FrontReading::Off => None,
        FrontReading::Reading { problem: None } => {
            Some("카드 앞면에서 대조번호 B를 읽는 중 (직접 입력도 가능)".into())
        }
        FrontReading::Reading {
            problem: Some(FrameProblem::Unreadable(field)),
        } => Some(format!(
            "카드 앞면을 읽는 중: {}을(를) 읽을 수 없습니다 (직접 입력도 가능)",
            match field {
                Field::BirthDate => "생년월일",
                Field::Expiry => "유효기간",
                Field::SecurityCode => "보안 코드",
            }
        )),
        FrontReading::Reading { problem: Some(p) } => Some(format!(
            "카드 앞면을 읽는 중: 환자에게 “{}”라고 안내하고 있습니다 (직접 입력도 가능)",
            front_problem(p)
        )),
        FrontReading::Refused => {
            Some("카드가 앞면에서 읽은 번호를 거부했습니다: 카드를 보고 입력하세요".into())
        }
        FrontReading::Unavailable => {
            Some("카드 앞면을 읽을 수 없습니다: 대조번호 B를 입력하세요".into())
        }
    }
}

pub(in crate::i18n) fn front_refused_reading(m: &MaskedReading) -> Zeroizing<String> {
    Zeroizing::new(format!(
        "카드 앞면에서 읽은 내용 (카드와 대조하세요): 생년월일 {} / 유효기간 {}년 / 보안 코드 {}",
        *crate::i18n::printed_birth(m),
        m.expiry_year(),
        crate::i18n::MASKED_CODE
    ))
}

pub(in crate::i18n) fn face_outcome(o: Outcome) -> &'static str {
    match o {
        Outcome::Match => "본인임이 확인되었습니다",
        Outcome::NoMatch => "카드 사진과 같은 분인지 확인하지 못했습니다",
        Outcome::TimedOut => "시간 안에 확인하지 못했습니다",
        Outcome::AttackSuspected(_) => {
            "사진이나 화면으로는 확인할 수 없습니다. 본인이 카메라를 봐 주세요"
        }
    }
}

pub(in crate::i18n) fn guidance(g: Guidance) -> &'static str {
    match g {
        Guidance::NoFace => "카메라를 봐 주세요",
        Guidance::OnePersonOnly => "한 분씩 해 주세요",
        Guidance::MoveCloser => "조금 더 가까이 와 주세요",
        Guidance::MoveBack => "조금 뒤로 물러나 주세요",
        Guidance::CentreFace => "얼굴을 테두리 가운데에 맞춰 주세요",
        Guidance::LookStraight => "정면을 봐 주세요",
        Guidance::TooDark => "얼굴이 어둡게 보입니다. 밝은 곳에서 해 주세요",
        Guidance::TooBright => "얼굴이 너무 밝습니다. 강한 빛을 피해 주세요",
        Guidance::HoldStill => "움직이지 마세요",
        Guidance::Checking => "잠시 기다려 주세요",
    }
}
