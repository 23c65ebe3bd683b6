//! 简体中文 (Simplified Chinese): what the patient is told while the camera checks their face, and why a face
//! check failed (the clerk's lines about the card front too). Machine-drafted: see `mod.rs`.

use crate::flow::{Field, FrameProblem, FrontReading, MaskedReading};
use face_match::{Guidance, Outcome};
use zeroize::Zeroizing;

pub(in crate::i18n) fn front_problem(p: FrameProblem) -> &'static str {
    match p {
        FrameProblem::NoCard => "请将卡片正面朝上放置",
        FrameProblem::TooDark => "卡面太暗，请将卡片完全放入读卡器",
        FrameProblem::Glare => "请避免光线在卡片上反光",
        FrameProblem::Blurred => "请不要移动卡片",
        FrameProblem::NotMyNumberCard => "请放置个人编号卡",
        FrameProblem::Unreadable(_) => "请重新放置卡片",
    }
}

pub(in crate::i18n) fn front_reading_clerk(f: FrontReading) -> Option<String> {
    match f {
        FrontReading::Off => None,
        FrontReading::Reading { problem: None } => {
            Some("正在从卡面读取核对号码B（也可手动输入）".into())
        }
        FrontReading::Reading {
            problem: Some(FrameProblem::Unreadable(field)),
        } => Some(format!(
            "正在读取卡面：无法读取{}（也可手动输入）",
            match field {
                Field::BirthDate => "出生日期",
                Field::Expiry => "有效期限",
                Field::SecurityCode => "安全码",
            }
        )),
        FrontReading::Reading { problem: Some(p) } => Some(format!(
            "正在读取卡面：已提示患者“{}”（也可手动输入）",
            front_problem(p)
        )),
        FrontReading::Refused => Some("卡片未接受从卡面读取的号码：请看卡面手动输入".into()),
        FrontReading::Unavailable => Some("无法读取卡面：请输入核对号码B".into()),
    }
}

pub(in crate::i18n) fn front_refused_reading(m: &MaskedReading) -> Zeroizing<String> {
    Zeroizing::new(format!(
        "从卡面读取的内容（请与卡片核对）：出生日期 {} / 有效期限 {}年 / 安全码 {}",
        *crate::i18n::printed_birth(m),
        m.expiry_year(),
        crate::i18n::MASKED_CODE
    ))
}

pub(in crate::i18n) fn face_outcome(o: Outcome) -> &'static str {
    match o {
        Outcome::Match => "已确认是您本人",
        Outcome::NoMatch => "无法确认您与卡片照片是同一人",
        Outcome::TimedOut => "未能在规定时间内完成确认",
        Outcome::AttackSuspected(_) => "不能使用照片或屏幕。请本人面向摄像头",
    }
}

pub(in crate::i18n) fn guidance(g: Guidance) -> &'static str {
    match g {
        Guidance::NoFace => "请面向摄像头",
        Guidance::OnePersonOnly => "请一人一次进行",
        Guidance::MoveCloser => "请靠近一些",
        Guidance::MoveBack => "请稍微后退",
        Guidance::CentreFace => "请将脸对准框的中央",
        Guidance::LookStraight => "请正视摄像头",
        Guidance::TooDark => "脸部太暗，请到明亮处",
        Guidance::TooBright => "脸部太亮，请避开强光",
        Guidance::HoldStill => "请不要移动",
        Guidance::Checking => "请稍候",
    }
}
