//! Tiếng Việt (Vietnamese): the patient screen, the clerk console's reception and the
//! developer panel. Machine-drafted from the English and Japanese: see `mod.rs` before use.

use super::super::Text;
use crate::flow::{
    CardTrouble, ConsentOffer, FaceTrouble, FrontReading, LogEntry, Method, Question, ReaderStatus,
    Stage, Trouble,
};

pub(in crate::i18n) fn text(t: Text) -> &'static str {
    use Text::*;
    match t {
        WaitingTitle => "Vui lòng đặt thẻ My Number",
        WaitingHint => "Vui lòng lấy thẻ ra khỏi bao và đặt mặt có ảnh lên trên",
        ReadingTitle => "Đang đọc thẻ của bạn",
        KeepCardStill => "Vui lòng không di chuyển thẻ và chờ một chút",
        PleaseWait => "Vui lòng chờ một chút",
        ChooseTitle => "Bạn muốn xác nhận danh tính bằng cách nào?",
        ChooseFace => "Nhận diện khuôn mặt",
        ChoosePin => "Mã PIN",
        ChooseVisual => "Nhân viên kiểm tra",
        PinNotUsable => "Không thể dùng mã PIN với thẻ này",
        PinTitle => "Vui lòng nhập mã PIN 4 chữ số",
        PinWrong => "Mã PIN không đúng",
        PinClear => "Xóa",
        PinConfirm => "Xác nhận",
        LastTryTitle => "Bạn chỉ còn 1 lần nhập mã PIN",
        LastTryBody => {
            "Nếu nhập sai lần nữa, mã PIN sẽ bị khóa và chỉ ủy ban hành chính nơi bạn sống mới mở khóa được."
        }
        LastTryGo => "Nhập mã PIN",
        CheckingTitle => "Đang kiểm tra",
        PinLockedTitle => "Mã PIN của bạn đã bị khóa",
        PinLockedBody => "Ủy ban hành chính nơi bạn sống có thể mở khóa.",
        UseFace => "Dùng nhận diện khuôn mặt",
        UsePin => "Dùng mã PIN",
        UseVisual => "Nhân viên kiểm tra",
        FaceNumberTitle => "Nhân viên sẽ xem mặt trước thẻ của bạn",
        FaceNumberBody => "Vui lòng để nguyên thẻ và chờ một chút",
        FrontReadingTitle => "Đang đọc mặt trước thẻ",
        FacePhotoTitle => "Đang đọc ảnh trên thẻ",
        FaceLiveTitle => "Vui lòng nhìn vào camera",
        FaceFailedTitle => "Không nhận diện được khuôn mặt của bạn",
        FaceRetry => "Thử lại",
        FaceUnavailableTitle => "Không thể dùng nhận diện khuôn mặt",
        VisualTitle => "Nhân viên sẽ xác nhận danh tính của bạn",
        VisualBody => {
            "Nhân viên sẽ so sánh ảnh trên thẻ với khuôn mặt của bạn. Vui lòng chờ một chút"
        }
        ConfirmingTitle => "Đang kiểm tra",
        Agree => "Tôi đồng ý",
        Disagree => "Tôi không đồng ý",
        Provide => "Cung cấp",
        NotProvide => "Không cung cấp",
        RegisterOfferTitle => "Thẻ này chưa được đăng ký làm thẻ bảo hiểm y tế",
        RegisterOfferBody => "Bạn có muốn đăng ký ngay bây giờ không?",
        RegisterYes => "Đăng ký",
        RegisterNo => "Không đăng ký",
        RegisterDetailsTitle => "Nhân viên sẽ nhập số thẻ bảo hiểm y tế của bạn",
        RegisterDetailsBody => "Vui lòng chờ một chút",
        QueryingTitle => "Đang kiểm tra bảo hiểm y tế của bạn",
        TakeCardTitle => "Vui lòng lấy thẻ của bạn",
        TakeCardDone => "Đã hoàn tất tiếp nhận. Xin cảm ơn.",
        Cancel => "Dừng",
        AskStaff => "Vui lòng hỏi nhân viên",
        ChooseOther => "Vui lòng chọn cách khác",
        LastVisitEnded => "Lượt tiếp nhận trước đã kết thúc",
        TabReception => "Tiếp nhận",
        TabCheck => "Thẻ bảo hiểm",
        TabBatch => "Tra cứu hàng loạt",
        TabHistory => "Lịch sử",
        TabViewer => "Dữ liệu bệnh nhân",
        TabSubsidy => "Trợ cấp",
        ClerkTitle => "Bàn tiếp nhận",
        ReaderLabel => "Đầu đọc thẻ",
        PatientNowLabel => "Bệnh nhân",
        CardLeftBehind => "Còn thẻ trên máy đọc",
        ClerkCancel => "Hủy tiếp nhận",
        CancelConfirmTitle => "Hủy lượt tiếp nhận này?",
        CancelConfirmBody => {
            "Lượt tiếp nhận của bệnh nhân kết thúc tại đây và bệnh nhân được yêu cầu lấy thẻ."
        }
        CancelConfirmYes => "Hủy (Enter / Y)",
        CancelConfirmNo => "Giữ lại (Esc / N)",
        VisualModeSwitch => "Chế độ kiểm tra bằng mắt",
        VisualConfirm => "Đã xác nhận danh tính",
        VisualHint => "Hãy so sánh ảnh trên thẻ với khuôn mặt bệnh nhân trước khi nhấn.",
        NumberTitle => "Mã đối chiếu B (mặt trước thẻ)",
        NumberBy14 => "14 chữ số",
        NumberByParts => "Ngày sinh, năm hết hạn và mã bảo mật",
        Number14Label => "Mã đối chiếu B (14 chữ số)",
        NumberBirthLabel => "Ngày sinh (YYYYMMDD, dương lịch)",
        NumberExpiryLabel => "Năm hết hạn (4 chữ số)",
        NumberCodeLabel => "Mã bảo mật (4 chữ số)",
        Send => "Gửi",
        RegisterFormTitle => "Đăng ký thẻ: số thẻ bảo hiểm",
        InsurerNumberLabel => "Mã số đơn vị bảo hiểm",
        SymbolLabel => "Ký hiệu",
        CardNumberLabel => "Số",
        BranchLabel => "Số nhánh",
        BirthDateLabel => "Ngày sinh",
        ResultTitle => "Kết quả xác nhận tư cách",
        NoResultYet => "Chưa có kết quả",
        VerdictValid => "HỢP LỆ",
        VerdictInvalid => "KHÔNG HỢP LỆ",
        VerdictInvalidNew => "KHÔNG HỢP LỆ (CÓ TƯ CÁCH MỚI)",
        VerdictValidUnregistered => "HỢP LỆ (CHƯA ĐĂNG KÝ)",
        TicketUnregisteredAdvice => {
            "Trợ cấp y tế: văn phòng phúc lợi chưa đăng ký phiếu khám bệnh (thường vào khoảng ngày 15 hàng tháng). Hãy hỏi văn phòng phúc lợi hoặc kiểm tra lại sau."
        }
        PublicExpenseLabel => "Số đơn vị chi trả công phí",
        BeneficiaryLabel => "Số người thụ hưởng",
        WelfareOfficeLabel => "Văn phòng phúc lợi",
        MedicalTicketLabel => "Phiếu khám bệnh (số phát hành, thời hạn)",
        NewQualificationAdvice => {
            "Bệnh nhân đã đổi đơn vị bảo hiểm: hãy yêu cầu thẻ bảo hiểm mới hoặc giấy xác nhận tư cách, hoặc kiểm tra bằng thẻ My Number."
        }
        VerdictNotFound => "KHÔNG TÌM THẤY",
        VerdictMultiple => "NHIỀU KẾT QUẢ",
        VerdictError => "LỖI",
        NameLabel => "Họ tên",
        KanaLabel => "Phiên âm Kana",
        SexLabel => "Giới tính",
        InsurerLabel => "Đơn vị bảo hiểm",
        SymbolNumberBranchLabel => "Ký hiệu / số / số nhánh",
        PersonalFamilyLabel => "Người được bảo hiểm / gia đình",
        QualificationDateLabel => "Có tư cách từ",
        ValidUntilLabel => "Có hiệu lực đến",
        RatioLabel => "Tỷ lệ tự chi trả",
        ElderlyLabel => "Người cao tuổi thụ hưởng",
        LimitLabel => "Hạng mức trần",
        DiseaseLabel => "Bệnh đặc định",
        ConsentsLabel => "Đồng ý",
        MethodLabel => "Xác nhận danh tính",
        NoneGiven => "không có",
        CertExpiresSoon => {
            "Chứng thư người dùng của thẻ sắp hết hạn: hãy đề nghị bệnh nhân gia hạn tại ủy ban hành chính."
        }
        LogTitle => "Nhật ký lượt tiếp nhận này",
        ConsentDrug => "Thuốc",
        ConsentDiagnosis => "Khám chữa bệnh",
        ConsentCheckup => "Khám sức khỏe",
        ConsentSurgery => "Phẫu thuật",
        ConsentLimit => "Thông tin mức trần",
        ReasonLabel => "Lý do",
        PrescriptionTitle => "Bạn muốn nhận đơn thuốc theo cách nào?",
        PrescriptionBody => {
            "Đơn thuốc điện tử: nhận thuốc tại nhà thuốc bằng thẻ My Number hoặc giấy tờ tương tự. Đơn thuốc giấy: được đưa cho bạn tại quầy này."
        }
        PrescriptionElectronic => "Đơn thuốc điện tử",
        PrescriptionPaper => "Đơn thuốc giấy",
        PrescriptionLabel => "Đơn thuốc",
        GenericTitle => "Máy đọc thẻ thông thường: nhân viên hướng dẫn tiếp nhận",
        GenericPin => "Mã PIN (bệnh nhân tự nhập trên bàn phím)",
        GenericVisual => "Xác nhận danh tính bằng mắt",
        KeypadTitle => "Nhập mã PIN: xoay màn hình về phía bệnh nhân để họ tự nhập",
        PaperTitle => "Giấy đồng ý",
        PaperNameLabel => "Tên bệnh nhân (in trên giấy)",
        PaperPrint => "Tạo và mở giấy đồng ý",
        PaperPrinted => "Giấy đồng ý đã sẵn sàng. Hãy in ra và để bệnh nhân điền và ký tên.",
        PaperRecordHint => "Đánh dấu theo giấy đã ký (đánh dấu = đồng ý).",
        PaperRecord => "Ghi lại và tra cứu",
        PaperFormTitle => "Giấy đồng ý: thông tin cho việc xác nhận tư cách trực tuyến",
        PaperFormIntro => {
            "Với mỗi mục, hãy đánh dấu một ô cho biết bác sĩ và dược sĩ ở đây có được xem hay không, rồi ký tên."
        }
        PaperFormDate => "Ngày",
        PaperFormSignature => "Chữ ký",
        DevTitle => "Bảng nhà phát triển",
        DevRemove => "Lấy thẻ ra",
        DevFeed => "Hình ảnh camera",
        DevFront => "Camera mặt trước thẻ",
        DevInserted => "Thẻ trên đầu đọc",
    }
}

pub(in crate::i18n) fn pin_tries_left(n: u8) -> String {
    if n == 1 {
        "Còn 1 lần".into()
    } else {
        format!("Còn {n} lần")
    }
}

pub(in crate::i18n) fn number_tries_left(n: u8) -> String {
    format!("Mã đối chiếu B sai. Còn {n} lần.")
}

pub(in crate::i18n) fn face_attempts_left(n: u32) -> String {
    if n == 1 {
        "Còn được thử khuôn mặt 1 lần".into()
    } else {
        format!("Còn được thử khuôn mặt {n} lần")
    }
}

pub(in crate::i18n) fn question(q: Question, offer: &ConsentOffer) -> (&'static str, &'static str) {
    match q {
        Question::DrugAndDiagnosis => match (offer.drug, offer.diagnosis) {
            (true, true) => (
                "Bác sĩ và dược sĩ có thể xem hồ sơ khám bệnh và dùng thuốc trước đây của bạn không?",
                "Điều này giúp bạn được chăm sóc tốt hơn.",
            ),
            (false, true) => (
                "Bác sĩ có thể xem hồ sơ khám bệnh trước đây của bạn không?",
                "Điều này giúp bạn được chăm sóc tốt hơn.",
            ),
            _ => (
                "Bác sĩ và dược sĩ có thể xem hồ sơ dùng thuốc trước đây của bạn không?",
                "Điều này giúp bạn được chăm sóc tốt hơn.",
            ),
        },
        Question::Checkup => (
            "Bác sĩ có thể xem kết quả khám sức khỏe trước đây của bạn không?",
            "Điều này giúp bạn được chăm sóc tốt hơn.",
        ),
        Question::Surgery => (
            "Bác sĩ có thể xem hồ sơ phẫu thuật trước đây của bạn không?",
            "Điều này giúp bạn được chăm sóc tốt hơn.",
        ),
        Question::Limit => (
            "Bạn có cung cấp thông tin mức trần chi phí y tế không?",
            "Khi chi phí y tế cao, bạn chỉ phải trả tại quầy đến mức trần.",
        ),
        Question::Comprehensive => (
            "Bạn có đồng ý cho bác sĩ và dược sĩ xem thông tin khám chữa bệnh, thuốc và phẫu thuật trước đây không?",
            "Một câu trả lời chung cho thông tin khám chữa bệnh, thuốc và phẫu thuật. Điều này giúp bạn được chăm sóc tốt hơn.",
        ),
    }
}

pub(in crate::i18n) fn trouble_patient(t: &Trouble) -> String {
    let s = match t {
        Trouble::CardPulled => "Thẻ đã bị lấy ra nên việc tiếp nhận đã dừng. Vui lòng đặt lại thẻ.",
        Trouble::Card(CardTrouble::NotMyNumberCard) => {
            "Không đọc được thẻ My Number. Vui lòng kiểm tra chiều của thẻ và đặt lại."
        }
        Trouble::Card(CardTrouble::CertificateExpired) => {
            "Chứng thư điện tử của thẻ đã hết hạn. Vui lòng gia hạn tại ủy ban hành chính nơi bạn sống và hỏi nhân viên."
        }
        Trouble::Card(CardTrouble::Removed | CardTrouble::Reset) => {
            "Không đọc được thẻ. Vui lòng đặt lại thẻ."
        }
        Trouble::Card(_) => "Không đọc được thẻ. Vui lòng hỏi nhân viên.",
        Trouble::PinLocked => {
            "Mã PIN đã bị khóa nên việc tiếp nhận đã dừng. Vui lòng hỏi nhân viên."
        }
        Trouble::FaceFailed => {
            "Nhận diện khuôn mặt không thành công nên việc tiếp nhận đã dừng. Vui lòng hỏi nhân viên."
        }
        Trouble::Face(_) => {
            "Không thể dùng nhận diện khuôn mặt nên việc tiếp nhận đã dừng. Vui lòng hỏi nhân viên."
        }
        Trouble::TimedOut => "Đã hết thời gian nên việc tiếp nhận đã dừng. Vui lòng đặt lại thẻ.",
        Trouble::CancelledByPatient => "Bạn đã dừng việc tiếp nhận.",
        Trouble::CancelledByClerk => "Nhân viên đã dừng việc tiếp nhận.",
        Trouble::Centre(_) => "Không kiểm tra được bảo hiểm y tế của bạn. Vui lòng hỏi nhân viên.",
        Trouble::NotRegistered => {
            "Thẻ này chưa được đăng ký làm thẻ bảo hiểm y tế. Vui lòng hỏi nhân viên."
        }
    };
    s.to_string()
}

pub(in crate::i18n) fn trouble_clerk(t: &Trouble) -> String {
    match t {
        Trouble::CardPulled => "Thẻ bị lấy ra trong khi kiểm tra.".into(),
        Trouble::Card(c) => card_trouble(c),
        Trouble::PinLocked => {
            "Mã PIN đã bị khóa và không chọn cách khác: hãy dùng chế độ kiểm tra bằng mắt, hoặc hướng dẫn bệnh nhân đến ủy ban hành chính để mở khóa.".into()
        }
        Trouble::FaceFailed => {
            "Nhận diện khuôn mặt thất bại đủ số lần cho phép: hãy dùng chế độ kiểm tra bằng mắt.".into()
        }
        Trouble::Face(f) => face_trouble(f).into(),
        Trouble::TimedOut => "Một màn hình chờ quá lâu; lượt tiếp nhận đã kết thúc.".into(),
        Trouble::CancelledByPatient => "Bệnh nhân đã nhấn Dừng.".into(),
        Trouble::CancelledByClerk => "Nhân viên đã hủy lượt tiếp nhận.".into(),
        Trouble::Centre(c) => super::centre::centre_trouble(c),
        Trouble::NotRegistered => {
            "Thẻ chưa đăng ký dùng làm bảo hiểm và bệnh nhân đã từ chối: hãy kiểm tra bằng số thẻ bảo hiểm.".into()
        }
    }
}

pub(in crate::i18n) fn card_trouble(t: &CardTrouble) -> String {
    match t {
        CardTrouble::Removed => "Thẻ bị lấy ra khi đang đọc.".into(),
        CardTrouble::Reset => "Thẻ đã bị khởi động lại: hãy đặt thẻ lại.".into(),
        CardTrouble::NotMyNumberCard => "Không phải thẻ My Number, hoặc đặt sai chiều.".into(),
        CardTrouble::UnsupportedToken => {
            "Loại thẻ này (điện thoại thông minh, thẻ Juki cũ) không được hỗ trợ tại đây.".into()
        }
        CardTrouble::CertificateExpired => {
            "Chứng thư người dùng đã hết hạn: bệnh nhân phải gia hạn tại ủy ban hành chính.".into()
        }
        CardTrouble::CertificateInvalid => "Chứng thư này không phải chứng thư JPKI hợp lệ.".into(),
        CardTrouble::TerminalRejected => {
            "Thẻ đã từ chối chứng thư của thiết bị này: hãy kiểm tra cài đặt thiết bị.".into()
        }
        CardTrouble::WrongVerificationNumber { tries_left } => number_tries_left(*tries_left),
        CardTrouble::VerificationNumberLocked => {
            "Mã đối chiếu B đã bị khóa: không thể dùng nhận diện khuôn mặt.".into()
        }
        CardTrouble::CardFaceInvalid => {
            "Dữ liệu mặt thẻ không qua được kiểm tra chữ ký: thẻ có thể bị giả mạo hoặc hư hỏng."
                .into()
        }
        CardTrouble::ReaderGone => {
            "Mất kết nối với đầu đọc thẻ: hãy kiểm tra dây cáp và dịch vụ thẻ thông minh.".into()
        }
        CardTrouble::Failed => "Đọc thẻ thất bại: hãy đặt lại thẻ.".into(),
    }
}

pub(in crate::i18n) fn face_trouble(t: &FaceTrouble) -> &'static str {
    match t {
        FaceTrouble::Camera => "Không thể dùng camera: hãy kiểm tra kết nối.",
        FaceTrouble::Models => "Mô hình khuôn mặt bị thiếu hoặc bị thay đổi: hãy chạy lại cài đặt.",
        FaceTrouble::Photo => "Không đọc được ảnh trên thẻ.",
        FaceTrouble::NumberLocked => "Mã đối chiếu B đã bị khóa nên không đọc được ảnh trên thẻ.",
        FaceTrouble::CardFaceInvalid => {
            "Chữ ký mặt thẻ không hợp lệ nên không dùng được ảnh: hãy xác nhận bằng mã PIN hoặc bằng mắt."
        }
    }
}

pub(in crate::i18n) fn reader_status(r: &ReaderStatus) -> String {
    match r {
        ReaderStatus::Starting => "đang khởi động".into(),
        ReaderStatus::Ready { name } => format!("sẵn sàng ({name})"),
        ReaderStatus::NoReader => "chưa kết nối đầu đọc thẻ".into(),
        ReaderStatus::ServiceDown => "dịch vụ thẻ thông minh (pcscd) không chạy".into(),
    }
}

pub(in crate::i18n) fn stage_clerk(s: &Stage) -> String {
    match s {
        Stage::Waiting { .. } => "đang chờ thẻ".into(),
        Stage::Reading => "đang đọc thẻ".into(),
        Stage::ChooseMethod { .. } => "đang chọn cách xác nhận danh tính".into(),
        Stage::Pin { tries_left, .. } => format!("đang nhập mã PIN (còn {tries_left} lần)"),
        Stage::PinLastTry { .. } => "mã PIN: xác nhận lần thử cuối".into(),
        Stage::PinChecking => "thẻ đang kiểm tra mã PIN".into(),
        Stage::PinLocked { .. } => "mã PIN đã bị khóa".into(),
        Stage::FaceNumber {
            front: FrontReading::Reading { .. },
            ..
        } => "khuôn mặt: đang đọc mã đối chiếu B từ mặt trước thẻ (hoặc nhập tay)".into(),
        Stage::FaceNumber { .. } => "khuôn mặt: đang chờ mã đối chiếu B".into(),
        Stage::FacePhoto => "khuôn mặt: đang đọc ảnh trên thẻ".into(),
        Stage::FaceLive { .. } => "đang nhận diện khuôn mặt".into(),
        Stage::FaceFailed { .. } => "nhận diện khuôn mặt thất bại".into(),
        Stage::FaceUnavailable { .. } => "không thể dùng nhận diện khuôn mặt".into(),
        Stage::Visual => "kiểm tra bằng mắt: đang chờ nhân viên".into(),
        Stage::Confirming => "đang ký bằng thẻ".into(),
        Stage::Consent { question } => {
            format!("đang trả lời đồng ý ({})", question_short(*question))
        }
        Stage::RegisterOffer => "đang quyết định đăng ký thẻ".into(),
        Stage::RegisterDetails => "đăng ký: đang chờ số thẻ bảo hiểm".into(),
        Stage::Querying => "đang tra cứu tư cách".into(),
        Stage::Prescription => "đang chọn đơn thuốc điện tử hoặc giấy".into(),
        Stage::PaperConsent { .. } => "giấy đồng ý: đang chờ nội dung bệnh nhân đã ký".into(),
        Stage::TakeCard { .. } => "đang chờ lấy thẻ".into(),
    }
}

pub(in crate::i18n) fn question_short(q: Question) -> &'static str {
    match q {
        Question::DrugAndDiagnosis => "khám chữa bệnh / thuốc",
        Question::Checkup => "khám sức khỏe",
        Question::Surgery => "phẫu thuật",
        Question::Limit => "thông tin mức trần",
        Question::Comprehensive => "đồng ý chung (thuốc, khám chữa bệnh, phẫu thuật)",
    }
}

pub(in crate::i18n) fn method(m: Method) -> &'static str {
    match m {
        Method::Pin => "Mã PIN",
        Method::Face => "nhận diện khuôn mặt",
        Method::Visual => "kiểm tra bằng mắt",
    }
}

pub(in crate::i18n) fn log_entry(e: &LogEntry) -> String {
    match e {
        LogEntry::CardInserted => "đã đặt thẻ".into(),
        LogEntry::CardRead => "đã đọc thẻ".into(),
        LogEntry::CardRemoved => "đã lấy thẻ ra".into(),
        LogEntry::RegistrationNeedsNumbers => {
            "Hồ sơ của bên bảo hiểm không có người này: hãy nhập số thẻ bảo hiểm".into()
        }
        LogEntry::CardLeftBehind => "Thẻ còn để lại trên máy đọc sau khi tiếp nhận".into(),
        LogEntry::LimitWithoutScreen => "thông tin hạn mức: cung cấp không qua màn hình (trung tâm cung cấp)".into(),
        LogEntry::PrescriptionChosen(f) => {
            format!("đơn thuốc: {}", super::centre::prescription_issue(&f.wire()))
        }
        LogEntry::PaperConsentRecorded => "đã ghi lại giấy đồng ý đã ký".into(),
        LogEntry::FaceLocked => "nhận diện khuôn mặt thất bại quá nhiều lần: không dùng được cho lần tiếp nhận này (dùng mã PIN hoặc xác nhận bằng mắt)".into(),
        LogEntry::MethodChosen(m) => format!("xác nhận danh tính: {}", method(*m)),
        LogEntry::PinWrong { tries_left } => format!("sai mã PIN (còn {tries_left} lần)"),
        LogEntry::PinLocked => "mã PIN bị khóa".into(),
        LogEntry::PinVerified => "mã PIN đúng".into(),
        LogEntry::FrontCertain => "đã đọc mã đối chiếu B từ mặt trước thẻ".into(),
        LogEntry::FrontRefused { tries_left } => {
            format!("thẻ từ chối số đọc từ mặt trước (còn {tries_left} lần): hãy nhập tay")
        }
        LogEntry::FrontUnavailable => {
            "không đọc được mặt trước thẻ: hãy nhập mã đối chiếu B".into()
        }
        LogEntry::FaceStarted => "bắt đầu nhận diện khuôn mặt".into(),
        LogEntry::FaceAttempt {
            outcome,
            attempts_left,
        } => format!(
            "thử khuôn mặt thất bại: {} (còn {attempts_left} lần)",
            super::face::face_outcome(*outcome)
        ),
        LogEntry::FaceMatched => "khuôn mặt khớp với ảnh trên thẻ".into(),
        LogEntry::VisualConfirmed => "nhân viên đã xác nhận danh tính bằng mắt".into(),
        LogEntry::Signed => "thẻ đã ký".into(),
        LogEntry::ConsentAnswered(q, yes) => format!(
            "{}: {}",
            question_short(*q),
            if *yes { "có" } else { "không" }
        ),
        LogEntry::RegistrationAsked => "đã đề nghị đăng ký thẻ".into(),
        LogEntry::Registered => "thẻ đã được đăng ký".into(),
        LogEntry::Querying => "đang tra cứu tư cách".into(),
        LogEntry::ResultShown => "đã nhận kết quả".into(),
        LogEntry::Ended(t) => format!("kết thúc: {}", trouble_clerk(t)),
        LogEntry::StaleAnswerDropped => "đã bỏ một câu trả lời của lượt tiếp nhận đã xong".into(),
    }
}

pub(in crate::i18n) fn ratio(pct: u32) -> String {
    format!("{pct} %")
}

pub(in crate::i18n) fn consent_answer(
    limit: bool,
    answer: Option<bool>,
    until: Option<&str>,
) -> String {
    match (answer, until) {
        (Some(true), Some(u)) if !limit => format!("đã đồng ý (đến {u})"),
        (Some(true), _) if !limit => "đã đồng ý".into(),
        (Some(true), _) => "đã cung cấp".into(),
        (Some(false), _) if limit => "không cung cấp".into(),
        (Some(false), _) => "đã từ chối".into(),
        (None, _) => "chưa hỏi".into(),
    }
}

pub(in crate::i18n) fn number_format() -> &'static str {
    "Mã đối chiếu B sai định dạng: hãy nhập 14 chữ số, hoặc ngày sinh (8 chữ số), năm hết hạn (4 chữ số) và mã bảo mật (4 chữ số)."
}

/// "label: value" with the language's colon.
pub(in crate::i18n) fn labelled(label: &str, value: &str) -> String {
    format!("{label}: {value}")
}

pub(in crate::i18n) fn paper_error(e: &crate::paper::PaperError) -> String {
    use crate::paper::PaperError;
    match e {
        PaperError::Font => {
            "Không tải được phông chữ của giấy đồng ý: hãy chạy lại cài đặt.".into()
        }
        PaperError::MissingGlyphs { count } => format!(
            "{count} ký tự của giấy đồng ý không có trong phông chữ: hãy kiểm tra cách viết tên."
        ),
        PaperError::Write { folder, source } => format!(
            "Không lưu được giấy đồng ý ({}: {source}): hãy kiểm tra dung lượng trống và quyền truy cập.",
            folder.display()
        ),
    }
}

pub(in crate::i18n) fn face_failures(n: u32, max: u32) -> String {
    format!("nhận diện khuôn mặt thất bại {n}/{max}")
}
