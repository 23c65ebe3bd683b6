//! Spoken guidance in Simplified Chinese (Mandarin, read by eSpeak NG's `cmn` voice): the English sentences of `en/speech.rs` translated, numbers
//! written as words so that no sentence holds a digit. Machine-drafted like the rest of this
//! catalogue: it needs a native speaker's review before use at a clinic (see `mod.rs`).

use crate::flow::Question;
use crate::i18n::speech::Cue;
use face_match::Guidance;

pub(in crate::i18n) fn say(c: Cue) -> &'static str {
    match c {
        Cue::PlaceCard => "请把个人编号卡放在读卡器上。",
        Cue::VisitEnded => "上一次的受理已经结束。请重新放上您的卡。",
        Cue::ChooseMethod { pin: true } => "请选择确认本人的方式：人脸识别，或者密码。",
        Cue::ChooseMethod { pin: false } => "请选择确认本人的方式。这张卡不能使用密码。",
        Cue::Pin { tries_left: 3 } => "请输入四位数的密码。您还可以输入三次。",
        Cue::Pin { tries_left: 2 } => "请输入四位数的密码。您还可以输入两次。",
        Cue::Pin { tries_left: 1 } => "请输入四位数的密码。您还可以输入一次。",
        Cue::Pin { .. } => "请输入四位数的密码。",
        Cue::PinWrong { tries_left: 2 } => "密码不正确。您还可以输入两次。",
        Cue::PinWrong { tries_left: 1 } => "密码不正确。您还可以输入一次。",
        Cue::PinWrong { .. } => "密码不正确。请重新输入。",
        Cue::PinLastTry => "您只剩最后一次输入密码的机会。如果输错，卡将被锁定。",
        Cue::PinLocked => "您的密码已被锁定。请选择其他方式，或者询问工作人员。",
        Cue::FaceNumber => "工作人员会确认您卡片的正面。请不要移动卡片，稍等一下。",
        Cue::FaceLive => "请看摄像头。",
        Cue::FaceGuidance(g) => match g {
            Guidance::NoFace => "请看摄像头。",
            Guidance::OnePersonOnly => "请一个人进行确认。",
            Guidance::MoveCloser => "请再靠近一点。",
            Guidance::MoveBack => "请稍微往后一点。",
            Guidance::CentreFace => "请把脸放在画面中间。",
            Guidance::LookStraight => "请正对前方。",
            Guidance::TooDark => "您的脸太暗了。",
            Guidance::TooBright => "您的脸太亮了。请避开光线。",
            Guidance::HoldStill => "请保持不动。",
            Guidance::Checking => "请稍等。",
        },
        Cue::FaceFailed => "人脸识别没有成功。请再试一次，或者选择其他方式。",
        Cue::FaceUnavailable => "无法使用人脸识别。请选择其他方式。",
        Cue::Visual => "工作人员会确认您的身份。请稍等。",
        Cue::Consent(q) => match q {
            Question::DrugAndDiagnosis => "您是否同意医生和药剂师查看您过去的诊疗和用药记录？",
            Question::Checkup => "您是否同意医生查看您过去的健康检查结果？",
            Question::Surgery => "您是否同意医生查看您过去的手术记录？",
            Question::Limit => "您是否提供高额医疗费的限额信息？",
            Question::Comprehensive => "您是否同意医生和药剂师查看您过去的诊疗、用药和手术记录？",
        },
        Cue::Prescription => "请选择电子处方或者纸质处方。",
        Cue::RegisterOffer => "这张卡还没有登记为健康保险证。现在要登记吗？",
        Cue::RegisterDetails => "工作人员会输入您的保险证号码。请稍等。",
        Cue::TakeCard => "受理已完成。请取回您的卡。谢谢。",
        Cue::TakeCardTrouble => "请取回您的卡，并询问工作人员。",
    }
}
