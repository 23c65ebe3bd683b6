//! Tiếng Việt (Vietnamese): the centre's words (a refused number, a centre failure, the labels of
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
        Field::InsurerNumber => "mã số đơn vị bảo hiểm",
        Field::InstitutionCode => "mã cơ sở y tế",
        Field::CardSymbol => "ký hiệu thẻ",
        Field::CardNumber => "số thẻ",
        Field::BranchNumber => "số nhánh",
        Field::BirthDate => "ngày sinh",
    }
}

pub(in crate::i18n) fn id_error(e: &IdError) -> String {
    let f = field(e.field);
    match &e.reason {
        Reason::Empty => format!("Vui lòng nhập {f}."),
        Reason::NotDigits => format!("{f} chỉ được gồm chữ số."),
        Reason::WrongLength { expected, got } => {
            format!("{f} có {expected} chữ số (bạn đã nhập {got}).")
        }
        Reason::CheckDigit { .. } => {
            format!("Số kiểm tra của {f} không khớp: hãy kiểm tra số trên thẻ.")
        }
        Reason::TooLong { max_bytes, got } => {
            format!("{f} quá dài (tối đa {max_bytes} byte, nhận được {got}).")
        }
        Reason::BadCharacter(c) => {
            format!("{f} chứa ký tự không được phép: '{c}'.")
        }
        Reason::NotADate => format!("{f} phải là ngày có thật, viết theo dạng YYYYMMDD."),
        Reason::OutOfRange => format!("{f} nằm ngoài phạm vi cho phép."),
    }
}

pub(in crate::i18n) fn centre_trouble(t: &CentreTrouble) -> String {
    match t {
        CentreTrouble::Unreachable => {
            "Không kết nối được hệ thống xác nhận tư cách: hãy kiểm tra đường mạng và thử lại."
                .into()
        }
        CentreTrouble::TimedOut => "Hệ thống xác nhận tư cách không trả lời kịp: hãy thử lại.".into(),
        CentreTrouble::Certificate => {
            "Kết nối bảo mật bị từ chối: hãy kiểm tra chứng thư máy khách của cơ sở và CA của dịch vụ.".into()
        }
        CentreTrouble::Unavailable => {
            "Hệ thống xác nhận tư cách tạm thời không dùng được: hãy thử lại sau ít phút.".into()
        }
        CentreTrouble::Malformed => "Không đọc được câu trả lời của hệ thống: hãy thử lại.".into(),
        CentreTrouble::Rejected { code, message } => {
            format!("Hệ thống xác nhận tư cách đã từ chối yêu cầu: {message} ({code})")
        }
        CentreTrouble::Config => {
            "Cài đặt kết nối của máy này bị sai: hãy kiểm tra tệp cấu hình hoặc gọi quản trị viên.".into()
        }
    }
}

pub(in crate::i18n) fn client_error(e: &ClientError) -> String {
    match e {
        ClientError::InvalidInput(e) => id_error(e),
        ClientError::BatchSize { max, got } => {
            format!(
                "Một lần tra cứu hàng loạt gồm 1 đến {max} bệnh nhân (đã gửi {got}): hãy chia nhỏ danh sách."
            )
        }
        ClientError::BatchPending { reception } => format!(
            "Lượt tra cứu hàng loạt {reception} vẫn đang xử lý: hãy tìm kết quả sau bằng số tiếp nhận này; đừng tải danh sách lên lại."
        ),
        ClientError::BadBatchKey { .. } => {
            "Khóa của lượt tra cứu hàng loạt không hợp lệ: hãy gọi quản trị viên.".into()
        }
        ClientError::ReplyTooLarge { .. } => {
            "Câu trả lời của hệ thống quá lớn nên không được đọc: hãy thử lại; báo cáo nếu lặp lại."
                .into()
        }
        other => centre_trouble(&CentreTrouble::from_client(other)),
    }
}

pub(in crate::i18n) fn limit_consent(c: &LimitConsent) -> &'static str {
    match c {
        LimitConsent::NotAgreed => "không đồng ý",
        LimitConsent::Agreed => "đồng ý",
        LimitConsent::Unknown(_) => "mã không xác định",
    }
}

pub(in crate::i18n) fn reference_classification(c: &ReferenceClassification) -> &'static str {
    match c {
        ReferenceClassification::Card => "thẻ My Number",
        ReferenceClassification::InsuranceCard => "số thẻ bảo hiểm",
        ReferenceClassification::Unknown(_) => "mã không xác định",
    }
}

pub(in crate::i18n) fn segment_of_result(c: &SegmentOfResult) -> &'static str {
    match c {
        SegmentOfResult::Normal => "hoàn tất",
        SegmentOfResult::Processing => "đang xử lý",
        SegmentOfResult::Abnormal => "thất bại",
        SegmentOfResult::Unknown(_) => "mã không xác định",
    }
}

pub(in crate::i18n) fn processing_result_status(c: &ProcessingResultStatus) -> &'static str {
    match c {
        ProcessingResultStatus::Normal => "hoàn tất",
        ProcessingResultStatus::Error => "lỗi",
        ProcessingResultStatus::Unknown(_) => "mã không xác định",
    }
}

pub(in crate::i18n) fn character_code(c: &CharacterCode) -> &'static str {
    match c {
        CharacterCode::Utf8 => "UTF-8",
        CharacterCode::ShiftJis => "Shift_JIS",
        CharacterCode::Unknown(_) => "mã không xác định",
    }
}

pub(in crate::i18n) fn qualification_validity(c: &QualificationValidity) -> &'static str {
    match c {
        QualificationValidity::Valid => "hợp lệ",
        QualificationValidity::Invalid => "không hợp lệ",
        QualificationValidity::InvalidNewQualification => "không hợp lệ (có tư cách mới hơn)",
        QualificationValidity::NotFound => "không có tư cách phù hợp",
        QualificationValidity::MultipleMatches => "nhiều kết quả",
        QualificationValidity::ValidUnregistered => "hợp lệ (chưa đăng ký)",
        QualificationValidity::Unknown(_) => "mã không xác định",
    }
}

pub(in crate::i18n) fn sex(c: &Sex) -> &'static str {
    match c {
        Sex::Male => "nam",
        Sex::Female => "nữ",
        Sex::NotSet => "chưa đặt",
        Sex::Unknown(_) => "mã không xác định",
    }
}

pub(in crate::i18n) fn reason_of_loss(c: &ReasonOfLoss) -> &'static str {
    match c {
        ReasonOfLoss::Death => "tử vong",
        ReasonOfLoss::WelfareStarted => "bắt đầu nhận trợ cấp sinh hoạt",
        ReasonOfLoss::OtherInsurance => "tham gia bảo hiểm khác",
        ReasonOfLoss::Other => "khác",
        ReasonOfLoss::Unknown(_) => "mã không xác định",
    }
}

pub(in crate::i18n) fn personal_family(c: &PersonalFamily) -> &'static str {
    match c {
        PersonalFamily::Insured => "người được bảo hiểm",
        PersonalFamily::Family => "thành viên gia đình",
        PersonalFamily::Unknown(_) => "mã không xác định",
    }
}

pub(in crate::i18n) fn insured_card_classification(c: &InsuredCardClassification) -> &'static str {
    match c {
        InsuredCardClassification::General => "thẻ bảo hiểm (thông thường)",
        InsuredCardClassification::Retired => "thẻ bảo hiểm (nghỉ hưu)",
        InsuredCardClassification::ShortTermGeneral => "thẻ ngắn hạn (thông thường)",
        InsuredCardClassification::ShortTermRetired => "thẻ ngắn hạn (nghỉ hưu)",
        InsuredCardClassification::QualificationCertificate => "giấy xác nhận tư cách",
        InsuredCardClassification::SpecialRetired => "thẻ nghỉ hưu đặc biệt",
        InsuredCardClassification::SelfDefenseForces => "thẻ khám bệnh Lực lượng Phòng vệ",
        InsuredCardClassification::MedicalAssistance => "trợ cấp y tế",
        InsuredCardClassification::Unknown(_) => "mã không xác định",
    }
}

pub(in crate::i18n) fn limit_certificate_class(c: &LimitCertificateClass) -> &'static str {
    match c {
        LimitCertificateClass::Limit => "giấy chứng nhận áp dụng mức trần",
        LimitCertificateClass::LimitAndReduction => "giấy chứng nhận mức trần và giảm tiền ăn",
        LimitCertificateClass::Reduction => "giấy chứng nhận giảm tiền ăn",
        LimitCertificateClass::Unknown(_) => "mã không xác định",
    }
}

pub(in crate::i18n) fn limit_category(c: &LimitCategory) -> &'static str {
    match c {
        LimitCategory::A01 => "a (thu nhập ≥ 11,6 triệu yên)",
        LimitCategory::A02 => "i",
        LimitCategory::A03 => "u",
        LimitCategory::A04 => "e",
        LimitCategory::A05 => "o (miễn thuế cư trú)",
        LimitCategory::A06 => "o (nhóm cận biên)",
        LimitCategory::B01 => "mức thu nhập như người đang làm việc III",
        LimitCategory::B02 => "mức thu nhập như người đang làm việc II",
        LimitCategory::B03 => "mức thu nhập như người đang làm việc I",
        LimitCategory::B04 => "thông thường",
        LimitCategory::B05 => "thu nhập thấp II",
        LimitCategory::B06 => "thu nhập thấp I",
        LimitCategory::B07 => "thu nhập thấp I (lương hưu phúc lợi)",
        LimitCategory::B08 => "thu nhập thấp I (nhóm cận biên)",
        LimitCategory::B09 => "thông thường II",
        LimitCategory::B10 => "thông thường I",
        LimitCategory::Unknown(_) => "mã không xác định",
    }
}

pub(in crate::i18n) fn specific_disease(c: &SpecificDisease) -> &'static str {
    match c {
        SpecificDisease::Dialysis => "suy thận mạn đang chạy thận",
        SpecificDisease::Haemophilia => "rối loạn yếu tố đông máu bẩm sinh",
        SpecificDisease::Hiv => "HIV do chế phẩm yếu tố đông máu",
        SpecificDisease::Unknown(_) => "mã không xác định",
    }
}

pub(in crate::i18n) fn consent_flag(c: &ConsentFlag) -> &'static str {
    match c {
        ConsentFlag::No => "không đồng ý",
        ConsentFlag::Yes => "đã đồng ý",
        ConsentFlag::Expired => "đồng ý đã hết hạn",
        ConsentFlag::Difficult => "không thể lấy được đồng ý",
        ConsentFlag::Unknown(_) => "mã không xác định",
    }
}

pub(in crate::i18n) fn prescription_issue(c: &PrescriptionIssue) -> &'static str {
    match c {
        PrescriptionIssue::Electronic => "đơn thuốc điện tử",
        PrescriptionIssue::Paper => "đơn thuốc giấy",
        PrescriptionIssue::Unknown(_) => "mã không xác định",
    }
}

pub(in crate::i18n) fn medical_treatment_flag(c: &MedicalTreatmentFlag) -> &'static str {
    match c {
        MedicalTreatmentFlag::Outpatient => "ngoại trú",
        MedicalTreatmentFlag::HomeVisit => "khám tại nhà",
        MedicalTreatmentFlag::Online => "trực tuyến",
        MedicalTreatmentFlag::Emergency => "cấp cứu",
        MedicalTreatmentFlag::Unknown(_) => "mã không xác định",
    }
}

pub(in crate::i18n) fn auth_method(c: &AuthMethod) -> &'static str {
    match c {
        AuthMethod::Pin => "mã PIN",
        AuthMethod::Face => "khuôn mặt",
        AuthMethod::Visual => "kiểm tra bằng mắt",
        AuthMethod::Unknown(_) => "mã không xác định",
    }
}
