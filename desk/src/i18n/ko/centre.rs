//! 한국어 (Korean): the centre's words (a refused number, a centre failure, the labels of
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
        Field::InsurerNumber => "보험자 번호",
        Field::InstitutionCode => "의료기관 코드",
        Field::CardSymbol => "기호",
        Field::CardNumber => "번호",
        Field::BranchNumber => "가지번호",
        Field::BirthDate => "생년월일",
    }
}

pub(in crate::i18n) fn id_error(e: &IdError) -> String {
    let f = field(e.field);
    match &e.reason {
        Reason::Empty => format!("{f}을(를) 입력하세요."),
        Reason::NotDigits => format!("{f}은(는) 숫자만 입력할 수 있습니다."),
        Reason::WrongLength { expected, got } => {
            format!("{f}은(는) {expected}자리입니다 (입력: {got}자리).")
        }
        Reason::CheckDigit { .. } => {
            format!("{f}의 검증 번호가 맞지 않습니다: 카드의 번호를 확인하세요.")
        }
        Reason::TooLong { max_bytes, got } => {
            format!("{f}이(가) 너무 깁니다 (최대 {max_bytes}바이트, 입력 {got}바이트).")
        }
        Reason::BadCharacter(c) => {
            format!("{f}에 허용되지 않는 문자가 있습니다: '{c}'.")
        }
        Reason::NotADate => format!("{f}은(는) YYYYMMDD 형식의 실제 날짜여야 합니다."),
        Reason::OutOfRange => format!("{f}이(가) 범위를 벗어났습니다."),
    }
}

pub(in crate::i18n) fn centre_trouble(t: &CentreTrouble) -> String {
    match t {
        CentreTrouble::Unreachable => {
            "자격 확인 시스템에 연결할 수 없습니다: 네트워크 회선을 확인하고 다시 시도하세요."
                .into()
        }
        CentreTrouble::TimedOut => {
            "자격 확인 시스템이 시간 안에 응답하지 않았습니다: 다시 시도하세요.".into()
        }
        CentreTrouble::Certificate => {
            "보안 연결이 거부되었습니다: 기관의 클라이언트 인증서와 서비스 CA를 확인하세요.".into()
        }
        CentreTrouble::Unavailable => {
            "자격 확인 시스템을 일시적으로 사용할 수 없습니다: 잠시 후 다시 시도하세요.".into()
        }
        CentreTrouble::Malformed => "시스템의 응답을 읽을 수 없습니다: 다시 시도하세요.".into(),
        CentreTrouble::Rejected { code, message } => {
            format!("자격 확인 시스템이 요청을 거부했습니다: {message} ({code})")
        }
        CentreTrouble::Config => {
            "이 단말기의 연결 설정이 잘못되었습니다: 설정 파일을 확인하거나 관리자에게 연락하세요."
                .into()
        }
    }
}

pub(in crate::i18n) fn client_error(e: &ClientError) -> String {
    match e {
        ClientError::InvalidInput(e) => id_error(e),
        ClientError::BatchSize { max, got } => {
            format!("일괄 조회는 1~{max}명입니다 ({got}명 지정): 목록을 나누세요.")
        }
        ClientError::BatchPending { reception } => format!(
            "일괄 조회 {reception}은(는) 아직 처리 중입니다: 이 접수 번호로 나중에 결과를 확인하고, 목록을 다시 올리지 마세요."
        ),
        ClientError::BadBatchKey { .. } => {
            "일괄 조회 키가 유효하지 않습니다: 관리자에게 연락하세요.".into()
        }
        ClientError::ReplyTooLarge { .. } => {
            "시스템의 응답이 너무 커서 읽지 않았습니다: 다시 시도하고, 반복되면 보고하세요.".into()
        }
        other => centre_trouble(&CentreTrouble::from_client(other)),
    }
}

pub(in crate::i18n) fn limit_consent(c: &LimitConsent) -> &'static str {
    match c {
        LimitConsent::NotAgreed => "동의 안 함",
        LimitConsent::Agreed => "동의함",
        LimitConsent::Unknown(_) => "알 수 없는 코드",
    }
}

pub(in crate::i18n) fn reference_classification(c: &ReferenceClassification) -> &'static str {
    match c {
        ReferenceClassification::Card => "마이넘버 카드",
        ReferenceClassification::InsuranceCard => "보험증 번호",
        ReferenceClassification::Unknown(_) => "알 수 없는 코드",
    }
}

pub(in crate::i18n) fn segment_of_result(c: &SegmentOfResult) -> &'static str {
    match c {
        SegmentOfResult::Normal => "완료",
        SegmentOfResult::Processing => "처리 중",
        SegmentOfResult::Abnormal => "실패",
        SegmentOfResult::Unknown(_) => "알 수 없는 코드",
    }
}

pub(in crate::i18n) fn processing_result_status(c: &ProcessingResultStatus) -> &'static str {
    match c {
        ProcessingResultStatus::Normal => "완료",
        ProcessingResultStatus::Error => "오류",
        ProcessingResultStatus::Unknown(_) => "알 수 없는 코드",
    }
}

pub(in crate::i18n) fn character_code(c: &CharacterCode) -> &'static str {
    match c {
        CharacterCode::Utf8 => "UTF-8",
        CharacterCode::ShiftJis => "Shift_JIS",
        CharacterCode::Unknown(_) => "알 수 없는 코드",
    }
}

pub(in crate::i18n) fn qualification_validity(c: &QualificationValidity) -> &'static str {
    match c {
        QualificationValidity::Valid => "유효",
        QualificationValidity::Invalid => "무효",
        QualificationValidity::InvalidNewQualification => "무효 (새 자격 있음)",
        QualificationValidity::NotFound => "해당 자격 없음",
        QualificationValidity::MultipleMatches => "여러 건 일치",
        QualificationValidity::ValidUnregistered => "유효 (미등록)",
        QualificationValidity::Unknown(_) => "알 수 없는 코드",
    }
}

pub(in crate::i18n) fn sex(c: &Sex) -> &'static str {
    match c {
        Sex::Male => "남성",
        Sex::Female => "여성",
        Sex::NotSet => "설정 안 됨",
        Sex::Unknown(_) => "알 수 없는 코드",
    }
}

pub(in crate::i18n) fn reason_of_loss(c: &ReasonOfLoss) -> &'static str {
    match c {
        ReasonOfLoss::Death => "사망",
        ReasonOfLoss::WelfareStarted => "생활보호 개시",
        ReasonOfLoss::OtherInsurance => "다른 보험 가입",
        ReasonOfLoss::Other => "기타",
        ReasonOfLoss::Unknown(_) => "알 수 없는 코드",
    }
}

pub(in crate::i18n) fn personal_family(c: &PersonalFamily) -> &'static str {
    match c {
        PersonalFamily::Insured => "피보험자 본인",
        PersonalFamily::Family => "가족",
        PersonalFamily::Unknown(_) => "알 수 없는 코드",
    }
}

pub(in crate::i18n) fn insured_card_classification(c: &InsuredCardClassification) -> &'static str {
    match c {
        InsuredCardClassification::General => "보험증 (일반)",
        InsuredCardClassification::Retired => "보험증 (퇴직)",
        InsuredCardClassification::ShortTermGeneral => "단기증 (일반)",
        InsuredCardClassification::ShortTermRetired => "단기증 (퇴직)",
        InsuredCardClassification::QualificationCertificate => "자격증명서",
        InsuredCardClassification::SpecialRetired => "특례 퇴직증",
        InsuredCardClassification::SelfDefenseForces => "자위대 진료증",
        InsuredCardClassification::MedicalAssistance => "의료부조",
        InsuredCardClassification::Unknown(_) => "알 수 없는 코드",
    }
}

pub(in crate::i18n) fn limit_certificate_class(c: &LimitCertificateClass) -> &'static str {
    match c {
        LimitCertificateClass::Limit => "한도액 적용 인정증",
        LimitCertificateClass::LimitAndReduction => "한도액 적용·표준부담액 감액 인정증",
        LimitCertificateClass::Reduction => "표준부담액 감액 인정증",
        LimitCertificateClass::Unknown(_) => "알 수 없는 코드",
    }
}

pub(in crate::i18n) fn limit_category(c: &LimitCategory) -> &'static str {
    match c {
        LimitCategory::A01 => "a (소득 약 1,160만 엔 이상)",
        LimitCategory::A02 => "i",
        LimitCategory::A03 => "u",
        LimitCategory::A04 => "e",
        LimitCategory::A05 => "o (주민세 비과세)",
        LimitCategory::A06 => "o (경계층)",
        LimitCategory::B01 => "현역 수준 소득자 III",
        LimitCategory::B02 => "현역 수준 소득자 II",
        LimitCategory::B03 => "현역 수준 소득자 I",
        LimitCategory::B04 => "일반",
        LimitCategory::B05 => "저소득 II",
        LimitCategory::B06 => "저소득 I",
        LimitCategory::B07 => "저소득 I (복지연금)",
        LimitCategory::B08 => "저소득 I (경계층)",
        LimitCategory::B09 => "일반 II",
        LimitCategory::B10 => "일반 I",
        LimitCategory::Unknown(_) => "알 수 없는 코드",
    }
}

pub(in crate::i18n) fn specific_disease(c: &SpecificDisease) -> &'static str {
    match c {
        SpecificDisease::Dialysis => "투석 중인 만성 신부전",
        SpecificDisease::Haemophilia => "선천성 혈액응고인자 장애",
        SpecificDisease::Hiv => "혈액응고인자 제제로 인한 HIV 감염",
        SpecificDisease::Unknown(_) => "알 수 없는 코드",
    }
}

pub(in crate::i18n) fn consent_flag(c: &ConsentFlag) -> &'static str {
    match c {
        ConsentFlag::No => "동의 없음",
        ConsentFlag::Yes => "동의함",
        ConsentFlag::Expired => "동의 만료",
        ConsentFlag::Difficult => "동의를 얻을 수 없음",
        ConsentFlag::Unknown(_) => "알 수 없는 코드",
    }
}

pub(in crate::i18n) fn prescription_issue(c: &PrescriptionIssue) -> &'static str {
    match c {
        PrescriptionIssue::Electronic => "전자 처방전",
        PrescriptionIssue::Paper => "종이 처방전",
        PrescriptionIssue::Unknown(_) => "알 수 없는 코드",
    }
}

pub(in crate::i18n) fn medical_treatment_flag(c: &MedicalTreatmentFlag) -> &'static str {
    match c {
        MedicalTreatmentFlag::Outpatient => "외래",
        MedicalTreatmentFlag::HomeVisit => "방문 진료",
        MedicalTreatmentFlag::Online => "온라인 진료",
        MedicalTreatmentFlag::Emergency => "응급",
        MedicalTreatmentFlag::Unknown(_) => "알 수 없는 코드",
    }
}

pub(in crate::i18n) fn auth_method(c: &AuthMethod) -> &'static str {
    match c {
        AuthMethod::Pin => "비밀번호",
        AuthMethod::Face => "얼굴",
        AuthMethod::Visual => "육안 확인",
        AuthMethod::Unknown(_) => "알 수 없는 코드",
    }
}
