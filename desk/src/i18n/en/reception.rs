//! English: the patient screen, the clerk console's reception and the developer panel.

use super::super::Text;
use crate::flow::{
    CardTrouble, ConsentOffer, FaceTrouble, FrontReading, LogEntry, Method, Question, ReaderStatus,
    Stage, Trouble,
};

pub(in crate::i18n) fn text(t: Text) -> &'static str {
    use Text::*;
    match t {
        WaitingTitle => "Please place your My Number Card",
        WaitingHint => "Take the card out of its case and place it with the photo side up",
        ReadingTitle => "Reading your card",
        KeepCardStill => "Please do not move the card and wait a moment",
        PleaseWait => "Please wait a moment",
        ChooseTitle => "How would you like to confirm who you are?",
        ChooseFace => "Face recognition",
        ChoosePin => "PIN",
        ChooseVisual => "Check by staff",
        PinNotUsable => "The PIN cannot be used with this card",
        PinTitle => "Please enter your 4-digit PIN",
        PinWrong => "The PIN is not correct",
        PinClear => "Clear",
        PinConfirm => "OK",
        LastTryTitle => "You have one PIN try left",
        LastTryBody => {
            "If the PIN is wrong again it will be locked, and only your city office can unlock it."
        }
        LastTryGo => "Enter PIN",
        CheckingTitle => "Checking",
        PinLockedTitle => "Your PIN is locked",
        PinLockedBody => "Your city office can unlock it.",
        UseFace => "Use face recognition",
        UsePin => "Use the PIN",
        UseVisual => "Check by staff",
        FaceNumberTitle => "Staff will look at the front of your card",
        FaceNumberBody => "Please leave the card in place and wait a moment",
        FrontReadingTitle => "Reading the front of your card",
        FacePhotoTitle => "Reading the photo on your card",
        FaceLiveTitle => "Please face the camera",
        FaceFailedTitle => "We could not recognise your face",
        FaceRetry => "Try again",
        FaceUnavailableTitle => "Face recognition is not available",
        VisualTitle => "Staff will confirm who you are",
        VisualBody => "Staff will compare the card photo with your face. Please wait a moment",
        ConfirmingTitle => "Checking",
        Agree => "I agree",
        Disagree => "I do not agree",
        Provide => "Provide",
        NotProvide => "Do not provide",
        PrescriptionTitle => "How would you like your prescription?",
        PrescriptionBody => {
            "An electronic prescription is collected at the pharmacy with your My Number Card or similar. A paper prescription is handed to you at this counter."
        }
        PrescriptionElectronic => "Electronic prescription",
        PrescriptionPaper => "Paper prescription",
        RegisterOfferTitle => "This card is not registered as a health insurance card",
        RegisterOfferBody => "Would you like to register it now?",
        RegisterYes => "Register",
        RegisterNo => "Do not register",
        RegisterDetailsTitle => "Staff will enter your insurance card numbers",
        RegisterDetailsBody => "Please wait a moment",
        QueryingTitle => "Checking your health insurance",
        TakeCardTitle => "Please take your card",
        TakeCardDone => "Your check-in is complete. Thank you.",
        Cancel => "Stop",
        AskStaff => "Please ask the staff",
        ChooseOther => "Please choose another way",
        LastVisitEnded => "The last check-in ended",
        TabReception => "Reception",
        TabCheck => "Insurance card",
        TabBatch => "Batch check",
        TabHistory => "History",
        TabViewer => "Patient data",
        TabSubsidy => "Subsidy",
        ClerkTitle => "Reception console",
        ReaderLabel => "Card reader",
        PatientNowLabel => "Patient",
        CardLeftBehind => "A card has been left on the reader",
        ClerkCancel => "Cancel check-in",
        CancelConfirmTitle => "Cancel this check-in?",
        CancelConfirmBody => {
            "The patient's check-in ends here and they are asked to take their card."
        }
        CancelConfirmYes => "Cancel it (Enter / Y)",
        CancelConfirmNo => "Keep it (Esc / N)",
        VisualModeSwitch => "Visual check mode",
        VisualConfirm => "Identity confirmed",
        VisualHint => "Compare the card photo with the patient's face before you press this.",
        NumberTitle => "Verification number B (from the card front)",
        NumberBy14 => "14 digits",
        NumberByParts => "Birth date, expiry year and security code",
        Number14Label => "Verification number B (14 digits)",
        NumberBirthLabel => "Birth date (YYYYMMDD, Western calendar)",
        NumberExpiryLabel => "Expiry year (4 digits)",
        NumberCodeLabel => "Security code (4 digits)",
        Send => "Send",
        RegisterFormTitle => "Card registration: insurance card numbers",
        InsurerNumberLabel => "Insurer number",
        SymbolLabel => "Symbol",
        CardNumberLabel => "Number",
        BranchLabel => "Branch",
        BirthDateLabel => "Date of birth",
        ResultTitle => "Eligibility result",
        NoResultYet => "No result yet",
        VerdictValid => "VALID",
        VerdictInvalid => "INVALID",
        VerdictInvalidNew => "INVALID (NEW QUALIFICATION)",
        VerdictValidUnregistered => "VALID (NOT REGISTERED)",
        TicketUnregisteredAdvice => {
            "Medical assistance: the welfare office has not registered the medical ticket yet (they do about the 15th of each month). Ask the welfare office, or check again later."
        }
        PublicExpenseLabel => "Public expense payer number",
        BeneficiaryLabel => "Recipient number",
        WelfareOfficeLabel => "Welfare office",
        MedicalTicketLabel => "Medical ticket (issue number, period)",
        NewQualificationAdvice => {
            "The patient changed insurer: ask for the new insurance card or eligibility certificate, or check with the My Number card."
        }
        VerdictNotFound => "NOT FOUND",
        VerdictMultiple => "SEVERAL MATCHES",
        VerdictError => "ERROR",
        NameLabel => "Name",
        KanaLabel => "Kana",
        SexLabel => "Sex",
        InsurerLabel => "Insurer",
        SymbolNumberBranchLabel => "Symbol / number / branch",
        PersonalFamilyLabel => "Insured / family",
        QualificationDateLabel => "Qualified since",
        ValidUntilLabel => "Valid until",
        RatioLabel => "Co-payment",
        ElderlyLabel => "Elderly recipient",
        LimitLabel => "Ceiling category",
        DiseaseLabel => "Specified disease",
        ConsentsLabel => "Consents",
        MethodLabel => "Identity check",
        NoneGiven => "none",
        CertExpiresSoon => {
            "The card's user certificate expires soon: ask the patient to renew it at the city office."
        }
        LogTitle => "This check-in's log",
        ConsentDrug => "Medication",
        ConsentDiagnosis => "Treatment",
        ConsentCheckup => "Health check-ups",
        ConsentSurgery => "Surgery",
        ConsentLimit => "Ceiling information",
        PrescriptionLabel => "Prescription",
        GenericTitle => "Generic card reader: staff lead the check-in",
        GenericPin => "PIN (the patient types it on the keypad)",
        GenericVisual => "Visual identity check",
        KeypadTitle => "PIN entry: turn the screen to the patient and let them type it",
        PaperTitle => "Paper consent form",
        PaperNameLabel => "Patient's name (printed on the form)",
        PaperPrint => "Make and open the form",
        PaperPrinted => "The form is ready. Print it and let the patient fill it in and sign.",
        PaperRecordHint => "Tick as the signed form says (ticked = agrees).",
        PaperRecord => "Record and query",
        PaperFormTitle => "Consent form: information for the online eligibility check",
        PaperFormIntro => {
            "Mark one box for each item to say whether the doctors and pharmacists here may see it, then sign."
        }
        PaperFormDate => "Date",
        PaperFormSignature => "Signature",
        ReasonLabel => "Reason",
        DevTitle => "Developer panel",
        DevRemove => "Remove card",
        DevFeed => "Camera feed",
        DevFront => "Card front camera",
        DevInserted => "Card on the reader",
    }
}

pub(in crate::i18n) fn pin_tries_left(n: u8) -> String {
    if n == 1 {
        "1 try left".into()
    } else {
        format!("{n} tries left")
    }
}

pub(in crate::i18n) fn number_tries_left(n: u8) -> String {
    format!("Verification number B is wrong. {n} tries left.")
}

pub(in crate::i18n) fn face_attempts_left(n: u32) -> String {
    if n == 1 {
        "1 more face attempt allowed".into()
    } else {
        format!("{n} more face attempts allowed")
    }
}

pub(in crate::i18n) fn paper_error(e: &crate::paper::PaperError) -> String {
    use crate::paper::PaperError;
    match e {
        PaperError::Font => "The form's font cannot be loaded: run the set-up again.".into(),
        PaperError::MissingGlyphs { count } => format!(
            "{count} character(s) of the form are not in the font: check the spelling of the name."
        ),
        PaperError::Write { folder, source } => format!(
            "The form cannot be saved ({}: {source}): check the free space and the permissions.",
            folder.display()
        ),
    }
}

pub(in crate::i18n) fn face_failures(n: u32, max: u32) -> String {
    format!("face failed {n}/{max}")
}

pub(in crate::i18n) fn question(q: Question, offer: &ConsentOffer) -> (&'static str, &'static str) {
    match q {
        Question::DrugAndDiagnosis => match (offer.drug, offer.diagnosis) {
            (true, true) => (
                "May doctors and pharmacists see your past treatment and medication records?",
                "They help give you better care.",
            ),
            (false, true) => (
                "May doctors see your past treatment records?",
                "They help give you better care.",
            ),
            _ => (
                "May doctors and pharmacists see your past medication records?",
                "They help give you better care.",
            ),
        },
        Question::Checkup => (
            "May doctors see your past health check-up results?",
            "They help give you better care.",
        ),
        Question::Surgery => (
            "May doctors see your past surgery records?",
            "They help give you better care.",
        ),
        Question::Comprehensive => (
            "May doctors and pharmacists see your past treatment, medication and surgery records?",
            "One answer for medication, treatment and surgery records together. They help give you better care.",
        ),
        Question::Limit => (
            "Will you provide your medical cost ceiling information?",
            "When your medical costs are high, you then pay only up to the ceiling at the counter.",
        ),
    }
}

pub(in crate::i18n) fn trouble_patient(t: &Trouble) -> String {
    let s = match t {
        Trouble::CardPulled => {
            "The card was taken out, so the check-in stopped. Please place it again."
        }
        Trouble::Card(CardTrouble::NotMyNumberCard) => {
            "We could not read a My Number Card. Check which way it faces and place it again."
        }
        Trouble::Card(CardTrouble::CertificateExpired) => {
            "The card's certificate has expired. Please renew it at your city office and ask the staff."
        }
        Trouble::Card(CardTrouble::Removed | CardTrouble::Reset) => {
            "We could not read the card. Please place it again."
        }
        Trouble::Card(_) => "We could not read the card. Please ask the staff.",
        Trouble::PinLocked => "The PIN is locked, so the check-in stopped. Please ask the staff.",
        Trouble::FaceFailed => {
            "Face recognition did not succeed, so the check-in stopped. Please ask the staff."
        }
        Trouble::Face(_) => {
            "Face recognition is not available, so the check-in stopped. Please ask the staff."
        }
        Trouble::TimedOut => {
            "The time ran out, so the check-in stopped. Please place your card again."
        }
        Trouble::CancelledByPatient => "You stopped the check-in.",
        Trouble::CancelledByClerk => "The staff stopped the check-in.",
        Trouble::Centre(_) => "We could not check your health insurance. Please ask the staff.",
        Trouble::NotRegistered => {
            "The card is not registered as a health insurance card. Please ask the staff."
        }
    };
    s.to_string()
}

pub(in crate::i18n) fn trouble_clerk(t: &Trouble) -> String {
    match t {
        Trouble::CardPulled => "The card was taken out during the check.".into(),
        Trouble::Card(c) => card_trouble(c),
        Trouble::PinLocked => {
            "The PIN is locked and no other way was chosen: use visual check mode, or send the patient to the city office to unlock it.".into()
        }
        Trouble::FaceFailed => {
            "Face recognition failed the allowed number of times: use visual check mode.".into()
        }
        Trouble::Face(f) => face_trouble(f).into(),
        Trouble::TimedOut => "A screen waited too long; the check-in ended.".into(),
        Trouble::CancelledByPatient => "The patient pressed Stop.".into(),
        Trouble::CancelledByClerk => "Staff cancelled the check-in.".into(),
        Trouble::Centre(c) => super::centre::centre_trouble(c),
        Trouble::NotRegistered => {
            "The card is not registered for insurance use and the patient declined: check by insurance card numbers.".into()
        }
    }
}

pub(in crate::i18n) fn card_trouble(t: &CardTrouble) -> String {
    match t {
        CardTrouble::Removed => "The card was taken out while being read.".into(),
        CardTrouble::Reset => "The card was reset: place it again.".into(),
        CardTrouble::NotMyNumberCard => "Not a My Number Card, or placed the wrong way.".into(),
        CardTrouble::UnsupportedToken => {
            "This kind of card (smartphone, old Juki card) is not supported here.".into()
        }
        CardTrouble::CertificateExpired => {
            "The user certificate has expired: the patient must renew it at the city office.".into()
        }
        CardTrouble::CertificateInvalid => {
            "The certificate is not a valid JPKI certificate.".into()
        }
        CardTrouble::TerminalRejected => {
            "The card refused this terminal's certificate: check the terminal settings.".into()
        }
        CardTrouble::WrongVerificationNumber { tries_left } => number_tries_left(*tries_left),
        CardTrouble::VerificationNumberLocked => {
            "Verification number B is locked: face recognition cannot be used.".into()
        }
        CardTrouble::CardFaceInvalid => {
            "The card face data failed its signature check: the card may be forged or damaged."
                .into()
        }
        CardTrouble::ReaderGone => {
            "The card reader went away: check its cable and the smart-card service.".into()
        }
        CardTrouble::Failed => "Reading the card failed: place it again.".into(),
    }
}

pub(in crate::i18n) fn face_trouble(t: &FaceTrouble) -> &'static str {
    match t {
        FaceTrouble::Camera => "The camera cannot be used: check its connection.",
        FaceTrouble::Models => "The face models are missing or altered: run the setup again.",
        FaceTrouble::Photo => "The card photo could not be read.",
        FaceTrouble::NumberLocked => {
            "Verification number B is locked, so the card photo cannot be read."
        }
        FaceTrouble::CardFaceInvalid => {
            "The card face signature does not check, so its photo cannot be used: confirm with the PIN or visually."
        }
    }
}

pub(in crate::i18n) fn reader_status(r: &ReaderStatus) -> String {
    match r {
        ReaderStatus::Starting => "starting".into(),
        ReaderStatus::Ready { name } => format!("ready ({name})"),
        ReaderStatus::NoReader => "no card reader connected".into(),
        ReaderStatus::ServiceDown => "the smart-card service (pcscd) is not running".into(),
    }
}

pub(in crate::i18n) fn stage_clerk(s: &Stage) -> String {
    match s {
        Stage::Waiting { .. } => "waiting for a card".into(),
        Stage::Reading => "reading the card".into(),
        Stage::ChooseMethod { .. } => "choosing how to confirm identity".into(),
        Stage::Pin { tries_left, .. } => format!("entering the PIN ({tries_left} tries left)"),
        Stage::PinLastTry { .. } => "PIN: confirming the last try".into(),
        Stage::PinChecking => "the card is checking the PIN".into(),
        Stage::PinLocked { .. } => "the PIN is locked".into(),
        Stage::FaceNumber {
            front: FrontReading::Reading { .. },
            ..
        } => "face: reading verification number B from the card front (or key it)".into(),
        Stage::FaceNumber { .. } => "face: waiting for verification number B".into(),
        Stage::FacePhoto => "face: reading the card photo".into(),
        Stage::FaceLive { .. } => "face recognition running".into(),
        Stage::FaceFailed { .. } => "face recognition failed".into(),
        Stage::FaceUnavailable { .. } => "face recognition not available".into(),
        Stage::Visual => "visual check: waiting for staff".into(),
        Stage::Confirming => "signing with the card".into(),
        Stage::Consent { question } => format!("answering consent ({})", question_short(*question)),
        Stage::Prescription => "choosing electronic or paper prescription".into(),
        Stage::PaperConsent { .. } => "paper consent: waiting for what the patient signed".into(),
        Stage::RegisterOffer => "deciding on card registration".into(),
        Stage::RegisterDetails => "registration: waiting for insurance card numbers".into(),
        Stage::Querying => "querying eligibility".into(),
        Stage::TakeCard { .. } => "waiting for the card to be taken".into(),
    }
}

pub(in crate::i18n) fn question_short(q: Question) -> &'static str {
    match q {
        Question::DrugAndDiagnosis => "treatment / medication",
        Question::Checkup => "health check-ups",
        Question::Surgery => "surgery",
        Question::Limit => "ceiling information",
        Question::Comprehensive => "all-in-one consent (medication, treatment, surgery)",
    }
}

pub(in crate::i18n) fn method(m: Method) -> &'static str {
    match m {
        Method::Pin => "PIN",
        Method::Face => "face recognition",
        Method::Visual => "visual check",
    }
}

pub(in crate::i18n) fn log_entry(e: &LogEntry) -> String {
    match e {
        LogEntry::CardInserted => "card placed".into(),
        LogEntry::CardRead => "card read".into(),
        LogEntry::CardRemoved => "card taken out".into(),
        LogEntry::MethodChosen(m) => format!("identity check: {}", method(*m)),
        LogEntry::PinWrong { tries_left } => format!("wrong PIN ({tries_left} tries left)"),
        LogEntry::PinLocked => "PIN locked".into(),
        LogEntry::PinVerified => "PIN verified".into(),
        LogEntry::FrontCertain => "verification number B read from the card front".into(),
        LogEntry::FrontRefused { tries_left } => format!(
            "the card refused the number read from its front ({tries_left} tries left): key it"
        ),
        LogEntry::FrontUnavailable => {
            "the card front cannot be read: key verification number B".into()
        }
        LogEntry::FaceStarted => "face recognition started".into(),
        LogEntry::FaceAttempt {
            outcome,
            attempts_left,
        } => format!(
            "face attempt failed: {} ({attempts_left} left)",
            super::face::face_outcome(*outcome)
        ),
        LogEntry::FaceMatched => "face matched the card photo".into(),
        LogEntry::VisualConfirmed => "staff confirmed identity visually".into(),
        LogEntry::Signed => "card signed".into(),
        LogEntry::ConsentAnswered(q, yes) => format!(
            "{}: {}",
            question_short(*q),
            if *yes { "yes" } else { "no" }
        ),
        LogEntry::LimitWithoutScreen => {
            "ceiling information: provided without a screen (the centre provides it)".into()
        }
        LogEntry::PrescriptionChosen(f) => {
            format!("prescription: {}", super::centre::prescription_issue(&f.wire()))
        }
        LogEntry::PaperConsentRecorded => "recorded the signed paper consent form".into(),
        LogEntry::FaceLocked => {
            "face recognition failed too often: not available for this check-in (use the PIN or a visual check)"
                .into()
        }
        LogEntry::RegistrationAsked => "card registration offered".into(),
        LogEntry::RegistrationNeedsNumbers => {
            "the insurers' records did not name the card holder: enter the insurance card numbers"
                .into()
        }
        LogEntry::Registered => "card registered".into(),
        LogEntry::Querying => "querying eligibility".into(),
        LogEntry::ResultShown => "result received".into(),
        LogEntry::Ended(t) => format!("ended: {}", trouble_clerk(t)),
        LogEntry::CardLeftBehind => "card left on the reader after the visit".into(),
        LogEntry::StaleAnswerDropped => "dropped an answer for a finished check-in".into(),
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
        (Some(true), Some(u)) if !limit => format!("given (until {u})"),
        (Some(true), _) if !limit => "given".into(),
        (Some(true), _) => "provided".into(),
        (Some(false), _) if limit => "not provided".into(),
        (Some(false), _) => "refused".into(),
        (None, _) => "not asked".into(),
    }
}

pub(in crate::i18n) fn number_format() -> &'static str {
    "Verification number B has the wrong form: type 14 digits, or the birth date (8 digits), the expiry year (4 digits) and the security code (4 digits)."
}

/// "label: value" with the language's colon.
pub(in crate::i18n) fn labelled(label: &str, value: &str) -> String {
    format!("{label}: {value}")
}
