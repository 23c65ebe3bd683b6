//! Spoken guidance in Korean (eSpeak NG's `ko` voice): the English sentences of `en/speech.rs` translated, numbers
//! written as words so that no sentence holds a digit. Machine-drafted like the rest of this
//! catalogue: it needs a native speaker's review before use at a clinic (see `mod.rs`).

use crate::flow::Question;
use crate::i18n::speech::Cue;
use face_match::Guidance;

pub(in crate::i18n) fn say(c: Cue) -> &'static str {
    match c {
        Cue::PlaceCard => "마이넘버 카드를 리더기에 올려 주세요.",
        Cue::VisitEnded => "이전 접수가 끝났습니다. 카드를 다시 올려 주세요.",
        Cue::ChooseMethod { pin: true } => {
            "본인 확인 방법을 선택해 주세요. 얼굴 인증 또는 비밀번호입니다."
        }
        Cue::ChooseMethod { pin: false } => {
            "본인 확인 방법을 선택해 주세요. 이 카드로는 비밀번호를 사용할 수 없습니다."
        }
        Cue::Pin { tries_left: 3 } => {
            "네 자리 비밀번호를 입력해 주세요. 세 번 더 입력할 수 있습니다."
        }
        Cue::Pin { tries_left: 2 } => {
            "네 자리 비밀번호를 입력해 주세요. 두 번 더 입력할 수 있습니다."
        }
        Cue::Pin { tries_left: 1 } => {
            "네 자리 비밀번호를 입력해 주세요. 한 번 더 입력할 수 있습니다."
        }
        Cue::Pin { .. } => "네 자리 비밀번호를 입력해 주세요.",
        Cue::PinWrong { tries_left: 2 } => "비밀번호가 틀렸습니다. 두 번 더 입력할 수 있습니다.",
        Cue::PinWrong { tries_left: 1 } => "비밀번호가 틀렸습니다. 한 번 더 입력할 수 있습니다.",
        Cue::PinWrong { .. } => "비밀번호가 틀렸습니다. 다시 입력해 주세요.",
        Cue::PinLastTry => "비밀번호 입력 기회가 한 번 남았습니다. 틀리면 카드가 잠깁니다.",
        Cue::PinLocked => "비밀번호가 잠겼습니다. 다른 방법을 선택하거나 직원에게 문의해 주세요.",
        Cue::FaceNumber => "직원이 카드 앞면을 확인합니다. 카드를 그대로 두고 기다려 주세요.",
        Cue::FaceLive => "카메라를 봐 주세요.",
        Cue::FaceGuidance(g) => match g {
            Guidance::NoFace => "카메라를 봐 주세요.",
            Guidance::OnePersonOnly => "한 분씩 확인해 주세요.",
            Guidance::MoveCloser => "조금 더 가까이 와 주세요.",
            Guidance::MoveBack => "조금 뒤로 물러나 주세요.",
            Guidance::CentreFace => "얼굴을 화면 가운데에 맞춰 주세요.",
            Guidance::LookStraight => "정면을 봐 주세요.",
            Guidance::TooDark => "얼굴이 너무 어둡습니다.",
            Guidance::TooBright => "얼굴이 너무 밝습니다. 빛을 피해 주세요.",
            Guidance::HoldStill => "움직이지 말아 주세요.",
            Guidance::Checking => "잠시 기다려 주세요.",
        },
        Cue::FaceFailed => "얼굴 인증에 실패했습니다. 다시 시도하거나 다른 방법을 선택해 주세요.",
        Cue::FaceUnavailable => "얼굴 인증을 사용할 수 없습니다. 다른 방법을 선택해 주세요.",
        Cue::Visual => "직원이 본인 확인을 합니다. 잠시 기다려 주세요.",
        Cue::Consent(q) => match q {
            Question::DrugAndDiagnosis => {
                "의사와 약사가 과거의 진료 및 약 정보를 보는 것에 동의하십니까?"
            }
            Question::Checkup => "의사가 과거의 건강 검진 결과를 보는 것에 동의하십니까?",
            Question::Surgery => "의사가 과거의 수술 정보를 보는 것에 동의하십니까?",
            Question::Limit => "고액 의료비 한도액 정보를 제공하시겠습니까?",
            Question::Comprehensive => {
                "의사와 약사가 과거의 진료, 약, 수술 정보를 보는 것에 동의하십니까?"
            }
        },
        Cue::Prescription => "전자 처방전과 종이 처방전 중에서 선택해 주세요.",
        Cue::RegisterOffer => {
            "이 카드는 건강보험증으로 등록되어 있지 않습니다. 지금 등록하시겠습니까?"
        }
        Cue::RegisterDetails => "직원이 보험증 번호를 입력합니다. 잠시 기다려 주세요.",
        Cue::TakeCard => "접수가 끝났습니다. 카드를 가져가 주세요. 감사합니다.",
        Cue::TakeCardTrouble => "카드를 가져가시고 직원에게 문의해 주세요.",
    }
}
