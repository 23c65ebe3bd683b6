//! English: the centre's words, the same functions as `ja/centre.rs`.

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
        Field::InsurerNumber => "insurer number",
        Field::InstitutionCode => "medical institution code",
        Field::CardSymbol => "card symbol",
        Field::CardNumber => "card number",
        Field::BranchNumber => "branch number",
        Field::BirthDate => "date of birth",
    }
}

pub(in crate::i18n) fn id_error(e: &IdError) -> String {
    let f = field(e.field);
    match &e.reason {
        Reason::Empty => format!("Enter the {f}."),
        Reason::NotDigits => format!("The {f} must contain digits only."),
        Reason::WrongLength { expected, got } => {
            format!("The {f} has {expected} digits (you entered {got}).")
        }
        Reason::CheckDigit { .. } => {
            format!("The {f}'s check digit does not match: check the number on the card.")
        }
        Reason::TooLong { max_bytes, got } => {
            format!("The {f} is too long (at most {max_bytes} bytes, got {got}).")
        }
        Reason::BadCharacter(c) => {
            format!("The {f} contains a character that is not allowed: '{c}'.")
        }
        Reason::NotADate => format!("The {f} must be a real date written YYYYMMDD."),
        Reason::OutOfRange => format!("The {f} is out of range."),
    }
}

pub(in crate::i18n) fn centre_trouble(t: &CentreTrouble) -> String {
    match t {
        CentreTrouble::Unreachable => {
            "The eligibility service cannot be reached: check the network line and try again."
                .into()
        }
        CentreTrouble::TimedOut => "The eligibility service did not answer in time: try again.".into(),
        CentreTrouble::Certificate => {
            "The secure connection was refused: check the institution's client certificate and the service CA.".into()
        }
        CentreTrouble::Unavailable => {
            "The eligibility service is temporarily unavailable: try again in a moment.".into()
        }
        CentreTrouble::Malformed => "The service's answer could not be read: try again.".into(),
        CentreTrouble::Rejected { code, message } => {
            format!("The eligibility service refused the request: {message} ({code})")
        }
        CentreTrouble::Config => {
            "This desk's connection settings are wrong: check the configuration file or call the administrator.".into()
        }
    }
}

pub(in crate::i18n) fn client_error(e: &ClientError) -> String {
    match e {
        ClientError::InvalidInput(e) => id_error(e),
        ClientError::BatchSize { max, got } => {
            format!("A batch holds 1 to {max} patients ({got} given): split the list.")
        }
        ClientError::BatchPending { reception } => format!(
            "The batch {reception} is still being processed: look for its result later with this reception number; do not upload the list again."
        ),
        ClientError::BadBatchKey { .. } => {
            "The batch's key is not valid: call the administrator.".into()
        }
        ClientError::ReplyTooLarge { .. } => {
            "The service's answer was too large and was not read: try again; report it if it repeats.".into()
        }
        other => centre_trouble(&CentreTrouble::from_client(other)),
    }
}

pub(in crate::i18n) fn limit_consent(c: &LimitConsent) -> &'static str {
    match c {
        LimitConsent::NotAgreed => "not agreed",
        LimitConsent::Agreed => "agreed",
        LimitConsent::Unknown(_) => "unknown code",
    }
}

pub(in crate::i18n) fn reference_classification(c: &ReferenceClassification) -> &'static str {
    match c {
        ReferenceClassification::Card => "My Number Card",
        ReferenceClassification::InsuranceCard => "insurance card numbers",
        ReferenceClassification::Unknown(_) => "unknown code",
    }
}

pub(in crate::i18n) fn segment_of_result(c: &SegmentOfResult) -> &'static str {
    match c {
        SegmentOfResult::Normal => "completed",
        SegmentOfResult::Processing => "processing",
        SegmentOfResult::Abnormal => "failed",
        SegmentOfResult::Unknown(_) => "unknown code",
    }
}

pub(in crate::i18n) fn processing_result_status(c: &ProcessingResultStatus) -> &'static str {
    match c {
        ProcessingResultStatus::Normal => "completed",
        ProcessingResultStatus::Error => "error",
        ProcessingResultStatus::Unknown(_) => "unknown code",
    }
}

pub(in crate::i18n) fn character_code(c: &CharacterCode) -> &'static str {
    match c {
        CharacterCode::Utf8 => "UTF-8",
        CharacterCode::ShiftJis => "Shift_JIS",
        CharacterCode::Unknown(_) => "unknown code",
    }
}

pub(in crate::i18n) fn qualification_validity(c: &QualificationValidity) -> &'static str {
    match c {
        QualificationValidity::Valid => "valid",
        QualificationValidity::Invalid => "invalid",
        QualificationValidity::InvalidNewQualification => "invalid (a newer qualification exists)",
        QualificationValidity::NotFound => "no matching qualification",
        QualificationValidity::MultipleMatches => "several matches",
        QualificationValidity::ValidUnregistered => "valid (not registered)",
        QualificationValidity::Unknown(_) => "unknown code",
    }
}

pub(in crate::i18n) fn sex(c: &Sex) -> &'static str {
    match c {
        Sex::Male => "male",
        Sex::Female => "female",
        Sex::NotSet => "not set",
        Sex::Unknown(_) => "unknown code",
    }
}

pub(in crate::i18n) fn reason_of_loss(c: &ReasonOfLoss) -> &'static str {
    match c {
        ReasonOfLoss::Death => "death",
        ReasonOfLoss::WelfareStarted => "public assistance started",
        ReasonOfLoss::OtherInsurance => "joined another insurance",
        ReasonOfLoss::Other => "other",
        ReasonOfLoss::Unknown(_) => "unknown code",
    }
}

pub(in crate::i18n) fn personal_family(c: &PersonalFamily) -> &'static str {
    match c {
        PersonalFamily::Insured => "insured person",
        PersonalFamily::Family => "family member",
        PersonalFamily::Unknown(_) => "unknown code",
    }
}

pub(in crate::i18n) fn insured_card_classification(c: &InsuredCardClassification) -> &'static str {
    match c {
        InsuredCardClassification::General => "insurance card (general)",
        InsuredCardClassification::Retired => "insurance card (retired)",
        InsuredCardClassification::ShortTermGeneral => "short-term card (general)",
        InsuredCardClassification::ShortTermRetired => "short-term card (retired)",
        InsuredCardClassification::QualificationCertificate => "certificate of qualification",
        InsuredCardClassification::SpecialRetired => "special retired card",
        InsuredCardClassification::SelfDefenseForces => "SDF medical card",
        InsuredCardClassification::MedicalAssistance => "medical assistance",
        InsuredCardClassification::Unknown(_) => "unknown code",
    }
}

pub(in crate::i18n) fn limit_certificate_class(c: &LimitCertificateClass) -> &'static str {
    match c {
        LimitCertificateClass::Limit => "ceiling certificate",
        LimitCertificateClass::LimitAndReduction => "ceiling and meal-cost reduction certificate",
        LimitCertificateClass::Reduction => "meal-cost reduction certificate",
        LimitCertificateClass::Unknown(_) => "unknown code",
    }
}

pub(in crate::i18n) fn limit_category(c: &LimitCategory) -> &'static str {
    match c {
        LimitCategory::A01 => "a (income ≥ ¥11.6M)",
        LimitCategory::A02 => "i",
        LimitCategory::A03 => "u",
        LimitCategory::A04 => "e",
        LimitCategory::A05 => "o (tax-exempt)",
        LimitCategory::A06 => "o (boundary)",
        LimitCategory::B01 => "working-level III",
        LimitCategory::B02 => "working-level II",
        LimitCategory::B03 => "working-level I",
        LimitCategory::B04 => "general",
        LimitCategory::B05 => "low income II",
        LimitCategory::B06 => "low income I",
        LimitCategory::B07 => "low income I (welfare pension)",
        LimitCategory::B08 => "low income I (boundary)",
        LimitCategory::B09 => "general II",
        LimitCategory::B10 => "general I",
        LimitCategory::Unknown(_) => "unknown code",
    }
}

pub(in crate::i18n) fn specific_disease(c: &SpecificDisease) -> &'static str {
    match c {
        SpecificDisease::Dialysis => "chronic renal failure on dialysis",
        SpecificDisease::Haemophilia => "congenital coagulation factor disorder",
        SpecificDisease::Hiv => "HIV from coagulation factor products",
        SpecificDisease::Unknown(_) => "unknown code",
    }
}

pub(in crate::i18n) fn consent_flag(c: &ConsentFlag) -> &'static str {
    match c {
        ConsentFlag::No => "no consent",
        ConsentFlag::Yes => "consent given",
        ConsentFlag::Expired => "consent expired",
        ConsentFlag::Difficult => "consent could not be obtained",
        ConsentFlag::Unknown(_) => "unknown code",
    }
}

pub(in crate::i18n) fn prescription_issue(c: &PrescriptionIssue) -> &'static str {
    match c {
        PrescriptionIssue::Electronic => "electronic prescription",
        PrescriptionIssue::Paper => "paper prescription",
        PrescriptionIssue::Unknown(_) => "unknown code",
    }
}

pub(in crate::i18n) fn medical_treatment_flag(c: &MedicalTreatmentFlag) -> &'static str {
    match c {
        MedicalTreatmentFlag::Outpatient => "outpatient",
        MedicalTreatmentFlag::HomeVisit => "home visit",
        MedicalTreatmentFlag::Online => "online",
        MedicalTreatmentFlag::Emergency => "emergency",
        MedicalTreatmentFlag::Unknown(_) => "unknown code",
    }
}

pub(in crate::i18n) fn auth_method(c: &AuthMethod) -> &'static str {
    match c {
        AuthMethod::Pin => "PIN",
        AuthMethod::Face => "face",
        AuthMethod::Visual => "visual check",
        AuthMethod::Unknown(_) => "unknown code",
    }
}
