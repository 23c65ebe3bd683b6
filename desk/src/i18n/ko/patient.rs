//! The patient screen's guides in Korean: step names, what each picture shows (read out by
//! assistive technology), the language row. Machine-drafted: needs a native speaker's review
//! before use at a clinic (see `mod.rs`).

use crate::flow::Step;
use crate::i18n::patient::Picture;

pub(in crate::i18n) fn step(s: Step) -> &'static str {
    match s {
        Step::Card => "카드",
        Step::Identity => "본인 확인",
        Step::Consent => "동의",
        Step::Done => "완료",
    }
}

pub(in crate::i18n) fn step_of(s: Step) -> String {
    format!("{}단계 / {}단계: {}", s.number(), Step::ALL.len(), step(s))
}

pub(in crate::i18n) fn picture(p: Picture) -> &'static str {
    match p {
        Picture::CardOnReader => "카드 리더기에 카드를 올리는 그림",
        Picture::Face => "타원 틀 안에 얼굴을 맞추는 그림",
        Picture::PinPad => "비밀번호 숫자 버튼 그림",
        Picture::TakeCard => "카드 리더기에서 카드를 가져가는 그림",
        Picture::Done => "완료 체크 표시",
        Picture::Wait => "모래시계 (잠시 기다려 주세요)",
        Picture::Question => "질문 말풍선",
        Picture::CameraView => "카메라 화면과 얼굴을 맞추는 타원 틀",
    }
}

pub(in crate::i18n) fn language_row() -> &'static str {
    "언어 선택"
}
