//! 患者画面の案内: 手順の名前、絵の説明（読み上げ用）、言語の列。

use crate::flow::Step;
use crate::i18n::patient::Picture;

pub(in crate::i18n) fn step(s: Step) -> &'static str {
    match s {
        Step::Card => "カード",
        Step::Identity => "本人確認",
        Step::Consent => "同意",
        Step::Done => "完了",
    }
}

pub(in crate::i18n) fn step_of(s: Step) -> String {
    format!("手順 {} / {}: {}", s.number(), Step::ALL.len(), step(s))
}

pub(in crate::i18n) fn picture(p: Picture) -> &'static str {
    match p {
        Picture::CardOnReader => "カードリーダーにカードを置く絵",
        Picture::Face => "楕円の枠に顔を合わせる絵",
        Picture::PinPad => "暗証番号の数字ボタンの絵",
        Picture::TakeCard => "カードリーダーからカードを取る絵",
        Picture::Done => "完了のチェックマーク",
        Picture::Wait => "砂時計（お待ちください）",
        Picture::Question => "質問の吹き出し",
        Picture::CameraView => "カメラの映像と顔を合わせる楕円の枠",
    }
}

pub(in crate::i18n) fn language_row() -> &'static str {
    "言語を選ぶ"
}
