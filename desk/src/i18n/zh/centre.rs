//! 简体中文 (Simplified Chinese): the centre's words (a refused number, a centre failure, the labels of
//! the code tables) for the console. Machine-drafted: see `mod.rs` before use at a clinic.

use crate::flow::CentreTrouble;
use eligibility::codes::{
    AuthMethod, CharacterCode, ConsentFlag, InsuredCardClassification, LimitCategory,
    LimitCertificateClass, LimitConsent, MedicalTreatmentFlag, PersonalFamily, PrescriptionIssue,
    ProcessingResultStatus, QualificationValidity, ReasonOfLoss, ReferenceClassification,
    SegmentOfResult, Sex, SpecificDisease,
};
use eligibility::ids::{Field, Reason};
use eligibility::{ClientError, IdError};

pub(in crate::i18n) fn field(f: Field) -> &'static str {
    match f {
        Field::InsurerNumber => "保险人编号",
        Field::InstitutionCode => "医疗机构代码",
        Field::CardSymbol => "符号",
        Field::CardNumber => "号码",
        Field::BranchNumber => "枝号",
        Field::BirthDate => "出生日期",
    }
}

pub(in crate::i18n) fn id_error(e: &IdError) -> String {
    let f = field(e.field);
    match &e.reason {
        Reason::Empty => format!("请输入{f}。"),
        Reason::NotDigits => format!("{f}只能输入数字。"),
        Reason::WrongLength { expected, got } => {
            format!("{f}为{expected}位数字（您输入了{got}位）。")
        }
        Reason::CheckDigit { .. } => {
            format!("{f}的校验位不一致：请核对卡上的号码。")
        }
        Reason::TooLong { max_bytes, got } => {
            format!("{f}太长（最多{max_bytes}字节，实际{got}字节）。")
        }
        Reason::BadCharacter(c) => {
            format!("{f}含有不允许的字符：“{c}”。")
        }
        Reason::NotADate => format!("{f}必须是按YYYYMMDD填写的有效日期。"),
        Reason::OutOfRange => format!("{f}超出范围。"),
    }
}

pub(in crate::i18n) fn centre_trouble(t: &CentreTrouble) -> String {
    match t {
        CentreTrouble::Unreachable => "无法连接资格确认系统：请检查网络线路后重试。".into(),
        CentreTrouble::TimedOut => "资格确认系统未在规定时间内回复：请重试。".into(),
        CentreTrouble::Certificate => "安全连接被拒绝：请检查本机构的客户端证书和服务的CA。".into(),
        CentreTrouble::Unavailable => "资格确认系统暂时无法使用：请稍后重试。".into(),
        CentreTrouble::Malformed => "无法读取系统的回复：请重试。".into(),
        CentreTrouble::Rejected { code, message } => {
            format!("资格确认系统拒绝了请求：{message}（{code}）")
        }
        CentreTrouble::Config => "本终端的连接设置有误：请检查配置文件或联系管理员。".into(),
    }
}

pub(in crate::i18n) fn client_error(e: &ClientError) -> String {
    match e {
        ClientError::InvalidInput(e) => id_error(e),
        ClientError::BatchSize { max, got } => {
            format!("一次批量查询为1至{max}名患者（实际{got}名）：请拆分名单。")
        }
        ClientError::BatchPending { reception } => {
            format!("批量查询{reception}仍在处理中：请稍后用此受理编号查询结果，不要再次上传名单。")
        }
        ClientError::BadBatchKey { .. } => "批量查询的密钥无效：请联系管理员。".into(),
        ClientError::ReplyTooLarge { .. } => {
            "系统的回复过大，未被读取：请重试；如反复出现请报告。".into()
        }
        other => centre_trouble(&CentreTrouble::from_client(other)),
    }
}

pub(in crate::i18n) fn limit_consent(c: &LimitConsent) -> &'static str {
    match c {
        LimitConsent::NotAgreed => "不同意",
        LimitConsent::Agreed => "同意",
        LimitConsent::Unknown(_) => "未知代码",
    }
}

pub(in crate::i18n) fn reference_classification(c: &ReferenceClassification) -> &'static str {
    match c {
        ReferenceClassification::Card => "个人编号卡",
        ReferenceClassification::InsuranceCard => "保险证号码",
        ReferenceClassification::Unknown(_) => "未知代码",
    }
}

pub(in crate::i18n) fn segment_of_result(c: &SegmentOfResult) -> &'static str {
    match c {
        SegmentOfResult::Normal => "已完成",
        SegmentOfResult::Processing => "处理中",
        SegmentOfResult::Abnormal => "失败",
        SegmentOfResult::Unknown(_) => "未知代码",
    }
}

pub(in crate::i18n) fn processing_result_status(c: &ProcessingResultStatus) -> &'static str {
    match c {
        ProcessingResultStatus::Normal => "已完成",
        ProcessingResultStatus::Error => "错误",
        ProcessingResultStatus::Unknown(_) => "未知代码",
    }
}

pub(in crate::i18n) fn character_code(c: &CharacterCode) -> &'static str {
    match c {
        CharacterCode::Utf8 => "UTF-8",
        CharacterCode::ShiftJis => "Shift_JIS",
        CharacterCode::Unknown(_) => "未知代码",
    }
}

pub(in crate::i18n) fn qualification_validity(c: &QualificationValidity) -> &'static str {
    match c {
        QualificationValidity::Valid => "有效",
        QualificationValidity::Invalid => "无效",
        QualificationValidity::InvalidNewQualification => "无效（有更新的资格）",
        QualificationValidity::NotFound => "无符合的资格",
        QualificationValidity::MultipleMatches => "多个匹配",
        QualificationValidity::ValidUnregistered => "有效（未登记）",
        QualificationValidity::Unknown(_) => "未知代码",
    }
}

pub(in crate::i18n) fn sex(c: &Sex) -> &'static str {
    match c {
        Sex::Male => "男",
        Sex::Female => "女",
        Sex::NotSet => "未设定",
        Sex::Unknown(_) => "未知代码",
    }
}

pub(in crate::i18n) fn reason_of_loss(c: &ReasonOfLoss) -> &'static str {
    match c {
        ReasonOfLoss::Death => "死亡",
        ReasonOfLoss::WelfareStarted => "开始领取生活保护",
        ReasonOfLoss::OtherInsurance => "加入其他保险",
        ReasonOfLoss::Other => "其他",
        ReasonOfLoss::Unknown(_) => "未知代码",
    }
}

pub(in crate::i18n) fn personal_family(c: &PersonalFamily) -> &'static str {
    match c {
        PersonalFamily::Insured => "被保险人本人",
        PersonalFamily::Family => "家属",
        PersonalFamily::Unknown(_) => "未知代码",
    }
}

pub(in crate::i18n) fn insured_card_classification(c: &InsuredCardClassification) -> &'static str {
    match c {
        InsuredCardClassification::General => "保险证（一般）",
        InsuredCardClassification::Retired => "保险证（退职）",
        InsuredCardClassification::ShortTermGeneral => "短期证（一般）",
        InsuredCardClassification::ShortTermRetired => "短期证（退职）",
        InsuredCardClassification::QualificationCertificate => "资格证明书",
        InsuredCardClassification::SpecialRetired => "特例退职证",
        InsuredCardClassification::SelfDefenseForces => "自卫队医疗证",
        InsuredCardClassification::MedicalAssistance => "医疗扶助",
        InsuredCardClassification::Unknown(_) => "未知代码",
    }
}

pub(in crate::i18n) fn limit_certificate_class(c: &LimitCertificateClass) -> &'static str {
    match c {
        LimitCertificateClass::Limit => "限额适用认定证",
        LimitCertificateClass::LimitAndReduction => "限额适用及标准负担额减额认定证",
        LimitCertificateClass::Reduction => "标准负担额减额认定证",
        LimitCertificateClass::Unknown(_) => "未知代码",
    }
}

pub(in crate::i18n) fn limit_category(c: &LimitCategory) -> &'static str {
    match c {
        LimitCategory::A01 => "a（年收入约1160万日元以上）",
        LimitCategory::A02 => "i",
        LimitCategory::A03 => "u",
        LimitCategory::A04 => "e",
        LimitCategory::A05 => "o（免征居民税）",
        LimitCategory::A06 => "o（边界层）",
        LimitCategory::B01 => "在职收入者III",
        LimitCategory::B02 => "在职收入者II",
        LimitCategory::B03 => "在职收入者I",
        LimitCategory::B04 => "一般",
        LimitCategory::B05 => "低收入II",
        LimitCategory::B06 => "低收入I",
        LimitCategory::B07 => "低收入I（福祉年金）",
        LimitCategory::B08 => "低收入I（边界层）",
        LimitCategory::B09 => "一般II",
        LimitCategory::B10 => "一般I",
        LimitCategory::Unknown(_) => "未知代码",
    }
}

pub(in crate::i18n) fn specific_disease(c: &SpecificDisease) -> &'static str {
    match c {
        SpecificDisease::Dialysis => "接受透析的慢性肾功能衰竭",
        SpecificDisease::Haemophilia => "先天性血液凝固因子障碍",
        SpecificDisease::Hiv => "因血液凝固因子制剂引起的HIV感染",
        SpecificDisease::Unknown(_) => "未知代码",
    }
}

pub(in crate::i18n) fn consent_flag(c: &ConsentFlag) -> &'static str {
    match c {
        ConsentFlag::No => "未同意",
        ConsentFlag::Yes => "已同意",
        ConsentFlag::Expired => "同意已过期",
        ConsentFlag::Difficult => "无法取得同意",
        ConsentFlag::Unknown(_) => "未知代码",
    }
}

pub(in crate::i18n) fn prescription_issue(c: &PrescriptionIssue) -> &'static str {
    match c {
        PrescriptionIssue::Electronic => "电子处方笺",
        PrescriptionIssue::Paper => "纸质处方笺",
        PrescriptionIssue::Unknown(_) => "未知代码",
    }
}

pub(in crate::i18n) fn medical_treatment_flag(c: &MedicalTreatmentFlag) -> &'static str {
    match c {
        MedicalTreatmentFlag::Outpatient => "门诊",
        MedicalTreatmentFlag::HomeVisit => "上门诊疗",
        MedicalTreatmentFlag::Online => "在线诊疗",
        MedicalTreatmentFlag::Emergency => "急诊",
        MedicalTreatmentFlag::Unknown(_) => "未知代码",
    }
}

pub(in crate::i18n) fn auth_method(c: &AuthMethod) -> &'static str {
    match c {
        AuthMethod::Pin => "密码",
        AuthMethod::Face => "人脸",
        AuthMethod::Visual => "目视确认",
        AuthMethod::Unknown(_) => "未知代码",
    }
}
