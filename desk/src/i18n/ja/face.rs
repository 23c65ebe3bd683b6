//! 日本語: what the patient is told while the camera checks their face, and why a face
//! check failed.

use face_match::{Guidance, Outcome};

pub(in crate::i18n) fn face_outcome(o: Outcome) -> &'static str {
    match o {
        Outcome::Match => "ご本人と確認できました",
        Outcome::NoMatch => "カードの写真と同じ方と確認できませんでした",
        Outcome::TimedOut => "時間内に確認できませんでした",
        Outcome::AttackSuspected(_) => {
            "写真や画面では確認できません。ご本人がカメラに向いてください"
        }
    }
}

pub(in crate::i18n) fn guidance(g: Guidance) -> &'static str {
    match g {
        Guidance::NoFace => "カメラに顔を向けてください",
        Guidance::OnePersonOnly => "お一人でお願いします",
        Guidance::MoveCloser => "近づいてください",
        Guidance::MoveBack => "少し離れてください",
        Guidance::CentreFace => "枠の中央に顔を合わせてください",
        Guidance::LookStraight => "正面を向いてください",
        Guidance::TooDark => "顔が暗く写っています。明るい場所でお願いします",
        Guidance::TooBright => "顔が明るすぎます。光を避けてください",
        Guidance::HoldStill => "動かないでください",
        Guidance::Checking => "そのままお待ちください",
    }
}
