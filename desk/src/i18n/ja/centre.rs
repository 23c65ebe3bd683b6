//! 日本語: the centre's words. The identifiers a clerk types (保険者番号, 記号, ...) and why one
//! is refused, the centre's failures (one wording for the console and the commands), and the
//! labels of the centre's code tables (業務コード仕様 OQSCDnnn).

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
        Field::InsurerNumber => "保険者番号",
        Field::InstitutionCode => "医療機関コード",
        Field::CardSymbol => "記号",
        Field::CardNumber => "番号",
        Field::BranchNumber => "枝番",
        Field::BirthDate => "生年月日",
    }
}

pub(in crate::i18n) fn id_error(e: &IdError) -> String {
    let f = field(e.field);
    match &e.reason {
        Reason::Empty => format!("{f}を入力してください。"),
        Reason::NotDigits => format!("{f}は数字のみで入力してください。"),
        Reason::WrongLength { expected, got } => {
            format!("{f}は{expected}桁です（入力は{got}桁）。")
        }
        Reason::CheckDigit { .. } => {
            format!("{f}の検証番号が一致しません。券面の番号を確認してください。")
        }
        Reason::TooLong { max_bytes, got } => {
            format!("{f}が長すぎます（最大{max_bytes}バイト、入力は{got}バイト）。")
        }
        Reason::BadCharacter(c) => format!("{f}に使えない文字「{c}」が含まれています。"),
        Reason::NotADate => format!("{f}はYYYYMMDD形式の正しい日付で入力してください。"),
        Reason::OutOfRange => format!("{f}が範囲外です。"),
    }
}

pub(in crate::i18n) fn centre_trouble(t: &CentreTrouble) -> String {
    match t {
        CentreTrouble::Unreachable => {
            "資格確認システムに接続できません。回線を確認して、もう一度お試しください。".into()
        }
        CentreTrouble::TimedOut => {
            "資格確認システムから時間内に応答がありません。もう一度お試しください。".into()
        }
        CentreTrouble::Certificate => {
            "安全な接続が拒否されました。医療機関の電子証明書と資格確認システムのCA証明書の設定を確認してください。".into()
        }
        CentreTrouble::Unavailable => {
            "資格確認システムが一時的に利用できません。しばらくしてからお試しください。".into()
        }
        CentreTrouble::Malformed => {
            "資格確認システムの応答を読み取れませんでした。もう一度お試しください。".into()
        }
        CentreTrouble::Rejected { code, message } => {
            format!("資格確認システムが要求を受け付けませんでした: {message}（{code}）")
        }
        CentreTrouble::Config => {
            "接続設定に誤りがあります。設定ファイルを確認するか、管理者に連絡してください。".into()
        }
    }
}

pub(in crate::i18n) fn client_error(e: &ClientError) -> String {
    match e {
        ClientError::InvalidInput(e) => id_error(e),
        ClientError::BatchSize { max, got } => {
            format!("一括照会は1件以上{max}件以下で送信してください（{got}件）。")
        }
        ClientError::BatchPending { reception } => format!(
            "一括照会（受付番号 {reception}）はまだ処理中です。しばらくしてから同じ受付番号で結果を確認してください。もう一度送信しないでください。"
        ),
        ClientError::BadBatchKey { .. } => {
            "一括照会の識別子が正しくありません。管理者に連絡してください。".into()
        }
        ClientError::ReplyTooLarge { .. } => {
            "資格確認システムの応答が大きすぎるため読み取りませんでした。もう一度お試しください。"
                .into()
        }
        other => centre_trouble(&CentreTrouble::from_client(other)),
    }
}

pub(in crate::i18n) fn limit_consent(c: &LimitConsent) -> &'static str {
    match c {
        LimitConsent::NotAgreed => "未同意",
        LimitConsent::Agreed => "同意",
        LimitConsent::Unknown(_) => "不明なコード",
    }
}

pub(in crate::i18n) fn reference_classification(c: &ReferenceClassification) -> &'static str {
    match c {
        ReferenceClassification::Card => "マイナンバーカード",
        ReferenceClassification::InsuranceCard => "被保険者証情報",
        ReferenceClassification::Unknown(_) => "不明なコード",
    }
}

pub(in crate::i18n) fn segment_of_result(c: &SegmentOfResult) -> &'static str {
    match c {
        SegmentOfResult::Normal => "正常終了",
        SegmentOfResult::Processing => "処理中",
        SegmentOfResult::Abnormal => "異常終了",
        SegmentOfResult::Unknown(_) => "不明なコード",
    }
}

pub(in crate::i18n) fn processing_result_status(c: &ProcessingResultStatus) -> &'static str {
    match c {
        ProcessingResultStatus::Normal => "正常終了",
        ProcessingResultStatus::Error => "エラー",
        ProcessingResultStatus::Unknown(_) => "不明なコード",
    }
}

pub(in crate::i18n) fn character_code(c: &CharacterCode) -> &'static str {
    match c {
        CharacterCode::Utf8 => "UTF-8",
        CharacterCode::ShiftJis => "Shift_JIS",
        CharacterCode::Unknown(_) => "不明なコード",
    }
}

pub(in crate::i18n) fn qualification_validity(c: &QualificationValidity) -> &'static str {
    match c {
        QualificationValidity::Valid => "有効",
        QualificationValidity::Invalid => "無効",
        QualificationValidity::InvalidNewQualification => "無効（新しい資格あり）",
        QualificationValidity::NotFound => "該当資格なし",
        QualificationValidity::MultipleMatches => "複数該当",
        QualificationValidity::ValidUnregistered => "有効（未登録）",
        QualificationValidity::Unknown(_) => "不明なコード",
    }
}

pub(in crate::i18n) fn sex(c: &Sex) -> &'static str {
    match c {
        Sex::Male => "男",
        Sex::Female => "女",
        Sex::NotSet => "未設定",
        Sex::Unknown(_) => "不明なコード",
    }
}

pub(in crate::i18n) fn reason_of_loss(c: &ReasonOfLoss) -> &'static str {
    match c {
        ReasonOfLoss::Death => "死亡",
        ReasonOfLoss::WelfareStarted => "生活保護受給開始",
        ReasonOfLoss::OtherInsurance => "医療保険等の資格取得",
        ReasonOfLoss::Other => "その他",
        ReasonOfLoss::Unknown(_) => "不明なコード",
    }
}

pub(in crate::i18n) fn personal_family(c: &PersonalFamily) -> &'static str {
    match c {
        PersonalFamily::Insured => "本人",
        PersonalFamily::Family => "家族",
        PersonalFamily::Unknown(_) => "不明なコード",
    }
}

pub(in crate::i18n) fn insured_card_classification(c: &InsuredCardClassification) -> &'static str {
    match c {
        InsuredCardClassification::General => "被保険者証（一般）",
        InsuredCardClassification::Retired => "被保険者証（退職）",
        InsuredCardClassification::ShortTermGeneral => "短期被保険者証（一般）",
        InsuredCardClassification::ShortTermRetired => "短期被保険者証（退職）",
        InsuredCardClassification::QualificationCertificate => "被保険者資格証明書",
        InsuredCardClassification::SpecialRetired => "特例退職被保険者証",
        InsuredCardClassification::SelfDefenseForces => "自衛官診療証",
        InsuredCardClassification::MedicalAssistance => "医療扶助",
        InsuredCardClassification::Unknown(_) => "不明なコード",
    }
}

pub(in crate::i18n) fn limit_certificate_class(c: &LimitCertificateClass) -> &'static str {
    match c {
        LimitCertificateClass::Limit => "限度額適用認定証",
        LimitCertificateClass::LimitAndReduction => "限度額適用・標準負担額減額認定証",
        LimitCertificateClass::Reduction => "標準負担額減額認定証",
        LimitCertificateClass::Unknown(_) => "不明なコード",
    }
}

pub(in crate::i18n) fn limit_category(c: &LimitCategory) -> &'static str {
    match c {
        LimitCategory::A01 => "ア",
        LimitCategory::A02 => "イ",
        LimitCategory::A03 => "ウ",
        LimitCategory::A04 => "エ",
        LimitCategory::A05 => "オ",
        LimitCategory::A06 => "オ（境）",
        LimitCategory::B01 => "現役並みⅢ",
        LimitCategory::B02 => "現役並みⅡ",
        LimitCategory::B03 => "現役並みⅠ",
        LimitCategory::B04 => "一般",
        LimitCategory::B05 => "低所得Ⅱ",
        LimitCategory::B06 => "低所得Ⅰ",
        LimitCategory::B07 => "低所得Ⅰ（老福）",
        LimitCategory::B08 => "低所得Ⅰ（境）",
        LimitCategory::B09 => "一般Ⅱ",
        LimitCategory::B10 => "一般Ⅰ",
        LimitCategory::Unknown(_) => "不明なコード",
    }
}

pub(in crate::i18n) fn specific_disease(c: &SpecificDisease) -> &'static str {
    match c {
        SpecificDisease::Dialysis => "人工透析を要する慢性腎不全",
        SpecificDisease::Haemophilia => "先天性血液凝固因子障害",
        SpecificDisease::Hiv => "血液凝固因子製剤に起因するHIV感染症",
        SpecificDisease::Unknown(_) => "不明なコード",
    }
}

pub(in crate::i18n) fn consent_flag(c: &ConsentFlag) -> &'static str {
    match c {
        ConsentFlag::No => "同意なし",
        ConsentFlag::Yes => "同意あり",
        ConsentFlag::Expired => "同意有効期限切れ",
        ConsentFlag::Difficult => "同意取得困難",
        ConsentFlag::Unknown(_) => "不明なコード",
    }
}

pub(in crate::i18n) fn prescription_issue(c: &PrescriptionIssue) -> &'static str {
    match c {
        PrescriptionIssue::Electronic => "電子処方箋",
        PrescriptionIssue::Paper => "紙の処方箋",
        PrescriptionIssue::Unknown(_) => "不明なコード",
    }
}

pub(in crate::i18n) fn medical_treatment_flag(c: &MedicalTreatmentFlag) -> &'static str {
    match c {
        MedicalTreatmentFlag::Outpatient => "外来",
        MedicalTreatmentFlag::HomeVisit => "訪問診療等",
        MedicalTreatmentFlag::Online => "オンライン診療等",
        MedicalTreatmentFlag::Emergency => "救急時",
        MedicalTreatmentFlag::Unknown(_) => "不明なコード",
    }
}

pub(in crate::i18n) fn auth_method(c: &AuthMethod) -> &'static str {
    match c {
        AuthMethod::Pin => "暗証番号",
        AuthMethod::Face => "顔認証",
        AuthMethod::Visual => "目視確認",
        AuthMethod::Unknown(_) => "不明なコード",
    }
}
