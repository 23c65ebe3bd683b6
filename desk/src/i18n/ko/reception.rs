//! 한국어 (Korean): the patient screen, the clerk console's reception and the
//! developer panel. Machine-drafted from the English and Japanese: see `mod.rs` before use.

use super::super::Text;
use crate::flow::{
    CardTrouble, ConsentOffer, FaceTrouble, FrontReading, LogEntry, Method, Question, ReaderStatus,
    Stage, Trouble,
};

pub(in crate::i18n) fn text(t: Text) -> &'static str {
    use Text::*;
    match t {
        WaitingTitle => "마이넘버 카드를 올려 주세요",
        WaitingHint => "카드를 케이스에서 꺼내 사진이 있는 면을 위로 하여 올려 주세요",
        ReadingTitle => "카드를 읽고 있습니다",
        KeepCardStill => "카드를 움직이지 말고 잠시 기다려 주세요",
        PleaseWait => "잠시 기다려 주세요",
        ChooseTitle => "본인 확인 방법을 선택해 주세요",
        ChooseFace => "얼굴 인증",
        ChoosePin => "비밀번호",
        ChooseVisual => "직원이 확인",
        PinNotUsable => "이 카드는 비밀번호를 사용할 수 없습니다",
        PinTitle => "4자리 비밀번호를 입력해 주세요",
        PinWrong => "비밀번호가 맞지 않습니다",
        PinClear => "지우기",
        PinConfirm => "확인",
        LastTryTitle => "비밀번호 입력 기회가 1번 남았습니다",
        LastTryBody => {
            "다시 틀리면 비밀번호가 잠기며, 거주지 시구정촌 창구에서만 해제할 수 있습니다."
        }
        LastTryGo => "비밀번호 입력",
        CheckingTitle => "확인 중입니다",
        PinLockedTitle => "비밀번호가 잠겼습니다",
        PinLockedBody => "거주지 시구정촌 창구에서 해제할 수 있습니다.",
        UseFace => "얼굴 인증 사용",
        UsePin => "비밀번호 사용",
        UseVisual => "직원이 확인",
        FaceNumberTitle => "직원이 카드 앞면을 확인합니다",
        FaceNumberBody => "카드를 그대로 두고 잠시 기다려 주세요",
        FrontReadingTitle => "카드 앞면을 읽고 있습니다",
        FacePhotoTitle => "카드의 사진을 읽고 있습니다",
        FaceLiveTitle => "카메라를 봐 주세요",
        FaceFailedTitle => "얼굴을 인식하지 못했습니다",
        FaceRetry => "다시 시도",
        FaceUnavailableTitle => "얼굴 인증을 사용할 수 없습니다",
        VisualTitle => "직원이 본인 확인을 합니다",
        VisualBody => "직원이 카드 사진과 얼굴을 대조합니다. 잠시 기다려 주세요",
        ConfirmingTitle => "확인 중입니다",
        Agree => "동의합니다",
        Disagree => "동의하지 않습니다",
        Provide => "제공합니다",
        NotProvide => "제공하지 않습니다",
        RegisterOfferTitle => "이 카드는 건강보험증으로 등록되어 있지 않습니다",
        RegisterOfferBody => "지금 등록하시겠습니까?",
        RegisterYes => "등록",
        RegisterNo => "등록하지 않음",
        RegisterDetailsTitle => "직원이 건강보험증 번호를 입력합니다",
        RegisterDetailsBody => "잠시 기다려 주세요",
        QueryingTitle => "건강보험을 확인하고 있습니다",
        TakeCardTitle => "카드를 가져가 주세요",
        TakeCardDone => "접수가 완료되었습니다. 감사합니다.",
        Cancel => "중지",
        AskStaff => "직원에게 문의해 주세요",
        ChooseOther => "다른 방법을 선택해 주세요",
        LastVisitEnded => "이전 접수가 종료되었습니다",
        TabReception => "접수",
        TabCheck => "보험증",
        TabBatch => "일괄 조회",
        TabHistory => "이력",
        TabViewer => "환자 정보",
        TabSubsidy => "공비 부담",
        ClerkTitle => "접수 콘솔",
        ReaderLabel => "카드 리더기",
        PatientNowLabel => "환자",
        CardLeftBehind => "리더기에 카드가 남아 있습니다",
        ClerkCancel => "접수 취소",
        CancelConfirmTitle => "이 접수를 취소하시겠습니까?",
        CancelConfirmBody => "환자의 접수가 여기서 끝나며, 환자에게 카드를 가져가도록 안내합니다.",
        CancelConfirmYes => "취소 (Enter / Y)",
        CancelConfirmNo => "계속 (Esc / N)",
        VisualModeSwitch => "육안 확인 모드",
        VisualConfirm => "본인 확인 완료",
        VisualHint => "누르기 전에 카드 사진과 환자의 얼굴을 대조하세요.",
        NumberTitle => "대조번호 B (카드 앞면)",
        NumberBy14 => "14자리",
        NumberByParts => "생년월일, 유효기간 연도, 보안 코드",
        Number14Label => "대조번호 B (14자리)",
        NumberBirthLabel => "생년월일 (YYYYMMDD, 서기)",
        NumberExpiryLabel => "유효기간 연도 (4자리)",
        NumberCodeLabel => "보안 코드 (4자리)",
        Send => "전송",
        RegisterFormTitle => "카드 등록: 보험증 번호",
        InsurerNumberLabel => "보험자 번호",
        SymbolLabel => "기호",
        CardNumberLabel => "번호",
        BranchLabel => "가지번호",
        BirthDateLabel => "생년월일",
        ResultTitle => "자격 확인 결과",
        NoResultYet => "아직 결과 없음",
        VerdictValid => "유효",
        VerdictInvalid => "무효",
        VerdictInvalidNew => "무효 (새 자격 있음)",
        VerdictValidUnregistered => "유효 (미등록)",
        TicketUnregisteredAdvice => {
            "의료부조: 복지사무소가 아직 의료권을 등록하지 않았습니다 (매월 15일경 등록). 복지사무소에 문의하거나 나중에 다시 확인하세요."
        }
        PublicExpenseLabel => "공비부담자 번호",
        BeneficiaryLabel => "수급자 번호",
        WelfareOfficeLabel => "복지사무소",
        MedicalTicketLabel => "의료권 (발행 번호, 기간)",
        NewQualificationAdvice => {
            "환자의 보험자가 바뀌었습니다: 새 보험증이나 자격확인서를 요청하거나 마이넘버 카드로 확인하세요."
        }
        VerdictNotFound => "찾을 수 없음",
        VerdictMultiple => "여러 건 일치",
        VerdictError => "오류",
        NameLabel => "이름",
        KanaLabel => "후리가나",
        SexLabel => "성별",
        InsurerLabel => "보험자",
        SymbolNumberBranchLabel => "기호 / 번호 / 가지번호",
        PersonalFamilyLabel => "본인 / 가족",
        QualificationDateLabel => "자격 취득일",
        ValidUntilLabel => "유효기한",
        RatioLabel => "본인 부담 비율",
        ElderlyLabel => "고령 수급자",
        LimitLabel => "한도액 구분",
        DiseaseLabel => "특정 질병",
        ConsentsLabel => "동의",
        MethodLabel => "본인 확인",
        NoneGiven => "없음",
        CertExpiresSoon => {
            "카드의 이용자 증명용 전자증명서가 곧 만료됩니다: 환자에게 시구정촌 창구에서 갱신하도록 안내하세요."
        }
        LogTitle => "이번 접수 기록",
        ConsentDrug => "약제",
        ConsentDiagnosis => "진료",
        ConsentCheckup => "건강검진",
        ConsentSurgery => "수술",
        ConsentLimit => "한도액 정보",
        ReasonLabel => "사유",
        PrescriptionTitle => "처방전을 어떻게 받으시겠습니까?",
        PrescriptionBody => {
            "전자 처방전은 약국에서 마이넘버 카드 등으로 받습니다. 종이 처방전은 이 창구에서 드립니다."
        }
        PrescriptionElectronic => "전자 처방전",
        PrescriptionPaper => "종이 처방전",
        PrescriptionLabel => "처방전",
        GenericTitle => "일반 카드 리더기: 직원이 접수를 진행",
        GenericPin => "비밀번호 (환자가 키패드로 입력)",
        GenericVisual => "육안 본인 확인",
        KeypadTitle => "비밀번호 입력: 화면을 환자 쪽으로 돌려 직접 입력하게 하세요",
        PaperTitle => "종이 동의서",
        PaperNameLabel => "환자 이름 (동의서에 인쇄됨)",
        PaperPrint => "동의서 만들고 열기",
        PaperPrinted => "동의서가 준비되었습니다. 인쇄하여 환자가 작성하고 서명하게 하세요.",
        PaperRecordHint => "서명된 동의서대로 체크하세요 (체크 = 동의).",
        PaperRecord => "기록하고 조회",
        PaperFormTitle => "동의서: 온라인 자격 확인 정보",
        PaperFormIntro => {
            "각 항목마다 이곳의 의사와 약사가 볼 수 있는지 한 칸에 표시한 후 서명해 주세요."
        }
        PaperFormDate => "날짜",
        PaperFormSignature => "서명",
        DevTitle => "개발자 패널",
        DevRemove => "카드 제거",
        DevFeed => "카메라 영상",
        DevFront => "카드 앞면 카메라",
        DevInserted => "리더기에 카드 있음",
    }
}

pub(in crate::i18n) fn pin_tries_left(n: u8) -> String {
    if n == 1 {
        "1번 남음".into()
    } else {
        format!("{n}번 남음")
    }
}

pub(in crate::i18n) fn number_tries_left(n: u8) -> String {
    format!("대조번호 B가 틀렸습니다. {n}번 남았습니다.")
}

pub(in crate::i18n) fn face_attempts_left(n: u32) -> String {
    if n == 1 {
        "얼굴 인증을 1번 더 할 수 있습니다".into()
    } else {
        format!("얼굴 인증을 {n}번 더 할 수 있습니다")
    }
}

pub(in crate::i18n) fn question(q: Question, offer: &ConsentOffer) -> (&'static str, &'static str) {
    match q {
        Question::DrugAndDiagnosis => match (offer.drug, offer.diagnosis) {
            (true, true) => (
                "의사와 약사가 과거의 진료 및 약 기록을 보아도 될까요?",
                "더 나은 진료에 도움이 됩니다.",
            ),
            (false, true) => (
                "의사가 과거의 진료 기록을 보아도 될까요?",
                "더 나은 진료에 도움이 됩니다.",
            ),
            _ => (
                "의사와 약사가 과거의 약 기록을 보아도 될까요?",
                "더 나은 진료에 도움이 됩니다.",
            ),
        },
        Question::Checkup => (
            "의사가 과거의 건강검진 결과를 보아도 될까요?",
            "더 나은 진료에 도움이 됩니다.",
        ),
        Question::Surgery => (
            "의사가 과거의 수술 기록을 보아도 될까요?",
            "더 나은 진료에 도움이 됩니다.",
        ),
        Question::Limit => (
            "의료비 한도액 정보를 제공하시겠습니까?",
            "의료비가 많이 나와도 창구에서는 한도액까지만 내시면 됩니다.",
        ),
        Question::Comprehensive => (
            "의사와 약사가 과거의 진료, 약, 수술 정보를 보는 것에 동의하십니까?",
            "진료, 약, 수술 정보에 대해 한 번에 답합니다. 더 좋은 진료에 도움이 됩니다.",
        ),
    }
}

pub(in crate::i18n) fn trouble_patient(t: &Trouble) -> String {
    let s = match t {
        Trouble::CardPulled => "카드가 빠져서 접수가 중지되었습니다. 카드를 다시 올려 주세요.",
        Trouble::Card(CardTrouble::NotMyNumberCard) => {
            "마이넘버 카드를 읽을 수 없습니다. 카드 방향을 확인하고 다시 올려 주세요."
        }
        Trouble::Card(CardTrouble::CertificateExpired) => {
            "카드의 전자증명서가 만료되었습니다. 시구정촌 창구에서 갱신하시고 직원에게 문의해 주세요."
        }
        Trouble::Card(CardTrouble::Removed | CardTrouble::Reset) => {
            "카드를 읽을 수 없습니다. 다시 올려 주세요."
        }
        Trouble::Card(_) => "카드를 읽을 수 없습니다. 직원에게 문의해 주세요.",
        Trouble::PinLocked => "비밀번호가 잠겨 접수가 중지되었습니다. 직원에게 문의해 주세요.",
        Trouble::FaceFailed => {
            "얼굴 인증에 실패하여 접수가 중지되었습니다. 직원에게 문의해 주세요."
        }
        Trouble::Face(_) => {
            "얼굴 인증을 사용할 수 없어 접수가 중지되었습니다. 직원에게 문의해 주세요."
        }
        Trouble::TimedOut => "시간이 초과되어 접수가 중지되었습니다. 카드를 다시 올려 주세요.",
        Trouble::CancelledByPatient => "접수를 중지하셨습니다.",
        Trouble::CancelledByClerk => "직원이 접수를 중지했습니다.",
        Trouble::Centre(_) => "건강보험을 확인할 수 없습니다. 직원에게 문의해 주세요.",
        Trouble::NotRegistered => {
            "이 카드는 건강보험증으로 등록되어 있지 않습니다. 직원에게 문의해 주세요."
        }
    };
    s.to_string()
}

pub(in crate::i18n) fn trouble_clerk(t: &Trouble) -> String {
    match t {
        Trouble::CardPulled => "확인 중에 카드가 빠졌습니다.".into(),
        Trouble::Card(c) => card_trouble(c),
        Trouble::PinLocked => {
            "비밀번호가 잠겼고 다른 방법을 선택하지 않았습니다: 육안 확인 모드를 사용하거나 환자에게 시구정촌 창구에서 해제하도록 안내하세요.".into()
        }
        Trouble::FaceFailed => {
            "얼굴 인증이 허용 횟수만큼 실패했습니다: 육안 확인 모드를 사용하세요.".into()
        }
        Trouble::Face(f) => face_trouble(f).into(),
        Trouble::TimedOut => "화면 대기 시간이 너무 길어 접수가 종료되었습니다.".into(),
        Trouble::CancelledByPatient => "환자가 중지를 눌렀습니다.".into(),
        Trouble::CancelledByClerk => "직원이 접수를 취소했습니다.".into(),
        Trouble::Centre(c) => super::centre::centre_trouble(c),
        Trouble::NotRegistered => {
            "카드가 보험증으로 등록되지 않았고 환자가 등록을 거절했습니다: 보험증 번호로 확인하세요.".into()
        }
    }
}

pub(in crate::i18n) fn card_trouble(t: &CardTrouble) -> String {
    match t {
        CardTrouble::Removed => "읽는 중에 카드가 빠졌습니다.".into(),
        CardTrouble::Reset => "카드가 리셋되었습니다: 다시 올려 주세요.".into(),
        CardTrouble::NotMyNumberCard => "마이넘버 카드가 아니거나 방향이 잘못되었습니다.".into(),
        CardTrouble::UnsupportedToken => {
            "이 종류의 카드(스마트폰, 구 주민기본대장 카드)는 여기서 사용할 수 없습니다.".into()
        }
        CardTrouble::CertificateExpired => {
            "이용자 증명용 전자증명서가 만료되었습니다: 환자가 시구정촌 창구에서 갱신해야 합니다."
                .into()
        }
        CardTrouble::CertificateInvalid => "유효한 JPKI 증명서가 아닙니다.".into(),
        CardTrouble::TerminalRejected => {
            "카드가 이 단말기의 증명서를 거부했습니다: 단말기 설정을 확인하세요.".into()
        }
        CardTrouble::WrongVerificationNumber { tries_left } => number_tries_left(*tries_left),
        CardTrouble::VerificationNumberLocked => {
            "대조번호 B가 잠겼습니다: 얼굴 인증을 사용할 수 없습니다.".into()
        }
        CardTrouble::CardFaceInvalid => {
            "카드 앞면 데이터의 서명 검증에 실패했습니다: 위조되었거나 손상된 카드일 수 있습니다."
                .into()
        }
        CardTrouble::ReaderGone => {
            "카드 리더기 연결이 끊겼습니다: 케이블과 스마트카드 서비스를 확인하세요.".into()
        }
        CardTrouble::Failed => "카드를 읽지 못했습니다: 다시 올려 주세요.".into(),
    }
}

pub(in crate::i18n) fn face_trouble(t: &FaceTrouble) -> &'static str {
    match t {
        FaceTrouble::Camera => "카메라를 사용할 수 없습니다: 연결을 확인하세요.",
        FaceTrouble::Models => "얼굴 모델이 없거나 변경되었습니다: 설정을 다시 실행하세요.",
        FaceTrouble::Photo => "카드 사진을 읽을 수 없습니다.",
        FaceTrouble::NumberLocked => "대조번호 B가 잠겨 카드 사진을 읽을 수 없습니다.",
        FaceTrouble::CardFaceInvalid => {
            "카드 앞면 서명이 맞지 않아 사진을 사용할 수 없습니다: 비밀번호 또는 육안으로 확인하세요."
        }
    }
}

pub(in crate::i18n) fn reader_status(r: &ReaderStatus) -> String {
    match r {
        ReaderStatus::Starting => "시작 중".into(),
        ReaderStatus::Ready { name } => format!("준비됨 ({name})"),
        ReaderStatus::NoReader => "카드 리더기가 연결되지 않음".into(),
        ReaderStatus::ServiceDown => "스마트카드 서비스(pcscd)가 실행되고 있지 않음".into(),
    }
}

pub(in crate::i18n) fn stage_clerk(s: &Stage) -> String {
    match s {
        Stage::Waiting { .. } => "카드 대기 중".into(),
        Stage::Reading => "카드 읽는 중".into(),
        Stage::ChooseMethod { .. } => "본인 확인 방법 선택 중".into(),
        Stage::Pin { tries_left, .. } => format!("비밀번호 입력 중 ({tries_left}번 남음)"),
        Stage::PinLastTry { .. } => "비밀번호: 마지막 시도 확인 중".into(),
        Stage::PinChecking => "카드가 비밀번호를 확인하는 중".into(),
        Stage::PinLocked { .. } => "비밀번호 잠김".into(),
        Stage::FaceNumber {
            front: FrontReading::Reading { .. },
            ..
        } => "얼굴: 카드 앞면에서 대조번호 B를 읽는 중 (직접 입력도 가능)".into(),
        Stage::FaceNumber { .. } => "얼굴: 대조번호 B 대기 중".into(),
        Stage::FacePhoto => "얼굴: 카드 사진 읽는 중".into(),
        Stage::FaceLive { .. } => "얼굴 인증 진행 중".into(),
        Stage::FaceFailed { .. } => "얼굴 인증 실패".into(),
        Stage::FaceUnavailable { .. } => "얼굴 인증 사용 불가".into(),
        Stage::Visual => "육안 확인: 직원 대기 중".into(),
        Stage::Confirming => "카드로 서명 중".into(),
        Stage::Consent { question } => format!("동의 응답 중 ({})", question_short(*question)),
        Stage::RegisterOffer => "카드 등록 여부 결정 중".into(),
        Stage::RegisterDetails => "등록: 보험증 번호 대기 중".into(),
        Stage::Querying => "자격 조회 중".into(),
        Stage::Prescription => "전자 또는 종이 처방전 선택 중".into(),
        Stage::PaperConsent { .. } => "종이 동의서: 환자가 서명한 내용을 기다리는 중".into(),
        Stage::TakeCard { .. } => "카드 회수 대기 중".into(),
    }
}

pub(in crate::i18n) fn question_short(q: Question) -> &'static str {
    match q {
        Question::DrugAndDiagnosis => "진료 / 약제",
        Question::Checkup => "건강검진",
        Question::Surgery => "수술",
        Question::Limit => "한도액 정보",
        Question::Comprehensive => "포괄 동의 (약, 진료, 수술)",
    }
}

pub(in crate::i18n) fn method(m: Method) -> &'static str {
    match m {
        Method::Pin => "비밀번호",
        Method::Face => "얼굴 인증",
        Method::Visual => "육안 확인",
    }
}

pub(in crate::i18n) fn log_entry(e: &LogEntry) -> String {
    match e {
        LogEntry::CardInserted => "카드 올려짐".into(),
        LogEntry::CardRead => "카드 읽음".into(),
        LogEntry::CardRemoved => "카드 빠짐".into(),
        LogEntry::RegistrationNeedsNumbers => {
            "보험자 기록에서 본인을 찾지 못함: 보험증 번호를 입력하세요".into()
        }
        LogEntry::CardLeftBehind => "접수 후 카드가 리더기에 남아 있음".into(),
        LogEntry::LimitWithoutScreen => "한도액 정보: 화면 없이 제공 (센터가 제공)".into(),
        LogEntry::PrescriptionChosen(f) => {
            format!("처방전: {}", super::centre::prescription_issue(&f.wire()))
        }
        LogEntry::PaperConsentRecorded => "서명된 종이 동의서를 기록함".into(),
        LogEntry::FaceLocked => "얼굴 인증 실패가 너무 많음: 이번 접수에서는 사용할 수 없음 (비밀번호 또는 육안 확인 사용)".into(),
        LogEntry::MethodChosen(m) => format!("본인 확인: {}", method(*m)),
        LogEntry::PinWrong { tries_left } => format!("비밀번호 틀림 ({tries_left}번 남음)"),
        LogEntry::PinLocked => "비밀번호 잠김".into(),
        LogEntry::PinVerified => "비밀번호 확인됨".into(),
        LogEntry::FrontCertain => "카드 앞면에서 대조번호 B를 읽음".into(),
        LogEntry::FrontRefused { tries_left } => {
            format!("카드가 앞면에서 읽은 번호를 거부함 ({tries_left}번 남음): 직접 입력하세요")
        }
        LogEntry::FrontUnavailable => "카드 앞면을 읽을 수 없음: 대조번호 B를 입력하세요".into(),
        LogEntry::FaceStarted => "얼굴 인증 시작".into(),
        LogEntry::FaceAttempt {
            outcome,
            attempts_left,
        } => format!(
            "얼굴 인증 실패: {} ({attempts_left}번 남음)",
            super::face::face_outcome(*outcome)
        ),
        LogEntry::FaceMatched => "얼굴이 카드 사진과 일치함".into(),
        LogEntry::VisualConfirmed => "직원이 육안으로 본인 확인함".into(),
        LogEntry::Signed => "카드 서명 완료".into(),
        LogEntry::ConsentAnswered(q, yes) => format!(
            "{}: {}",
            question_short(*q),
            if *yes { "예" } else { "아니요" }
        ),
        LogEntry::RegistrationAsked => "카드 등록 안내함".into(),
        LogEntry::Registered => "카드 등록됨".into(),
        LogEntry::Querying => "자격 조회 중".into(),
        LogEntry::ResultShown => "결과 수신".into(),
        LogEntry::Ended(t) => format!("종료: {}", trouble_clerk(t)),
        LogEntry::StaleAnswerDropped => "끝난 접수의 응답을 버림".into(),
    }
}

pub(in crate::i18n) fn ratio(pct: u32) -> String {
    format!("{pct}%")
}

pub(in crate::i18n) fn consent_answer(
    limit: bool,
    answer: Option<bool>,
    until: Option<&str>,
) -> String {
    match (answer, until) {
        (Some(true), Some(u)) if !limit => format!("동의함 ({u}까지)"),
        (Some(true), _) if !limit => "동의함".into(),
        (Some(true), _) => "제공함".into(),
        (Some(false), _) if limit => "제공 안 함".into(),
        (Some(false), _) => "거부함".into(),
        (None, _) => "묻지 않음".into(),
    }
}

pub(in crate::i18n) fn number_format() -> &'static str {
    "대조번호 B 형식이 잘못되었습니다: 14자리 숫자, 또는 생년월일(8자리), 유효기간 연도(4자리), 보안 코드(4자리)를 입력하세요."
}

/// "label: value" with the language's colon.
pub(in crate::i18n) fn labelled(label: &str, value: &str) -> String {
    format!("{label}: {value}")
}

pub(in crate::i18n) fn paper_error(e: &crate::paper::PaperError) -> String {
    use crate::paper::PaperError;
    match e {
        PaperError::Font => "동의서 글꼴을 불러올 수 없습니다: 설치를 다시 실행하세요.".into(),
        PaperError::MissingGlyphs { count } => {
            format!("동의서의 글자 {count}개가 글꼴에 없습니다: 이름의 표기를 확인하세요.")
        }
        PaperError::Write { folder, source } => format!(
            "동의서를 저장할 수 없습니다 ({}: {source}): 남은 공간과 권한을 확인하세요.",
            folder.display()
        ),
    }
}

pub(in crate::i18n) fn face_failures(n: u32, max: u32) -> String {
    format!("얼굴 인증 실패 {n}/{max}")
}
