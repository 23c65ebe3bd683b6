//! The patient screen's guides in Simplified Chinese: step names, what each picture shows (read out by
//! assistive technology), the language row. Machine-drafted: needs a native speaker's review
//! before use at a clinic (see `mod.rs`).

use crate::flow::Step;
use crate::i18n::patient::Picture;

pub(in crate::i18n) fn step(s: Step) -> &'static str {
    match s {
        Step::Card => "读卡",
        Step::Identity => "本人确认",
        Step::Consent => "同意",
        Step::Done => "完成",
    }
}

pub(in crate::i18n) fn step_of(s: Step) -> String {
    format!(
        "第 {} 步，共 {} 步：{}",
        s.number(),
        Step::ALL.len(),
        step(s)
    )
}

pub(in crate::i18n) fn picture(p: Picture) -> &'static str {
    match p {
        Picture::CardOnReader => "把卡放在读卡器上的图",
        Picture::Face => "把脸对准椭圆框的图",
        Picture::PinPad => "密码数字键的图",
        Picture::TakeCard => "从读卡器上取回卡的图",
        Picture::Done => "完成的勾号",
        Picture::Wait => "沙漏（请稍等）",
        Picture::Question => "提问的对话框",
        Picture::CameraView => "摄像头画面和对准脸部的椭圆框",
    }
}

pub(in crate::i18n) fn language_row() -> &'static str {
    "选择语言"
}
