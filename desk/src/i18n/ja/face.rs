//! 日本語: what the patient is told while the camera checks their face, and why a face
//! check failed.

use crate::flow::{Field, FrameProblem, FrontReading, MaskedReading};
use face_match::{Guidance, Outcome};
use zeroize::Zeroizing;

pub(in crate::i18n) fn front_problem(p: FrameProblem) -> &'static str {
    match p {
        FrameProblem::NoCard => "カードを表向きに置いてください",
        FrameProblem::TooDark => "券面が暗く写っています。カードを奥まで置いてください",
        FrameProblem::Glare => "光の反射を避けてください",
        FrameProblem::Blurred => "カードを動かさないでください",
        FrameProblem::NotMyNumberCard => "マイナンバーカードを置いてください",
        FrameProblem::Unreadable(_) => "カードを置き直してください",
    }
}

pub(in crate::i18n) fn front_reading_clerk(f: FrontReading) -> Option<String> {
    match f {
        FrontReading::Off => None,
        FrontReading::Reading { problem: None } => {
            Some("券面から照合番号Bを読み取り中（入力もできます）".into())
        }
        FrontReading::Reading {
            problem: Some(FrameProblem::Unreadable(field)),
        } => Some(format!(
            "券面を読み取り中：{}が読めません（入力もできます）",
            match field {
                Field::BirthDate => "生年月日",
                Field::Expiry => "有効期限",
                Field::SecurityCode => "セキュリティコード",
            }
        )),
        FrontReading::Reading { problem: Some(p) } => Some(format!(
            "券面を読み取り中：患者さんに「{}」と案内しています（入力もできます）",
            front_problem(p)
        )),
        FrontReading::Refused => Some(
            "券面から読み取った照合番号Bはカードに受け付けられませんでした。券面を見て入力してください"
                .into(),
        ),
        FrontReading::Unavailable => {
            Some("券面を読み取れません。照合番号Bを入力してください".into())
        }
    }
}

pub(in crate::i18n) fn front_refused_reading(m: &MaskedReading) -> Zeroizing<String> {
    Zeroizing::new(format!(
        "読み取った内容（カードと照合してください）: 生年月日 {} / 有効期限 {}年 / セキュリティコード {}",
        *crate::i18n::printed_birth(m),
        m.expiry_year(),
        crate::i18n::MASKED_CODE
    ))
}

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
