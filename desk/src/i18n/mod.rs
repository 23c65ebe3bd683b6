//! Every sentence a person reads, for the screens and the commands alike: one key enum
//! ([`Text`]) for the reception's fixed strings, and small functions for the words that take
//! values (tries left, troubles, consent questions, log lines, a centre failure, a refused
//! number, a code-table value). No screen or command holds a string of its own, and the bricks
//! below the desk (`eligibility`, `face-match`) speak in types that are worded here.
//!
//! # Layout: one folder per language, the same file names in each
//!
//! ```text
//! i18n/mod.rs            Text, the reception's functions, centre and face words, Label / Message
//! i18n/<topic>.rs        a topic's keys and types and its public functions (batch, card_info,
//!                        cli, desk_check, patient, speech, staff, subsidy, viewer); each only
//!                        dispatches (speech also holds the rule of when a sentence is said)
//! i18n/ja/<file>.rs      the Japanese of every file: reception, centre, face and the topics
//! i18n/en/<file>.rs      the English: the same files, the same functions
//! i18n/{zh,ko,vi,pt}/    the patient's other languages: reception, centre and face of their
//!                        own (machine-drafted, to be reviewed), the clerk's topics in English
//! i18n/complete.rs       the catalogue test: every key and patient sentence in every language
//! ```
//!
//! A public function takes the [`Lang`] and calls the same-named function of that language's
//! file through `per_lang!`, so a file or a function missing in one language does not compile,
//! and each language's `match` over its keys is exhaustive, so a missing key does not compile
//! either.
//!
//! # Adding a language (as zh, ko, vi and pt were for issue 16)
//!
//! 1. Add the variant to [`Lang`] and [`Lang::ALL`] (and its config spelling in `config.rs`).
//! 2. Copy `i18n/en/` to `i18n/<code>/` and translate it; declare `mod <code>;` below.
//! 3. Add one arm to `per_lang!`. The compiler then names every function still missing.
//! 4. Add it to `Lang::ALL`, and give `<code>/speech.rs` (spoken guidance) and its voice in
//!    `runtime/voice.rs`, as `speech.rs` describes.
//!
//! A language meant only for the patient screen may answer the clerk-side files with English
//! (`pub(super) use super::en::batch;` in its `mod.rs`): the compiler still checks that every
//! file is there.

pub mod batch;
pub mod card_info;
pub mod cli;
#[cfg(test)]
mod complete;
pub mod desk_check;
mod en;
mod ja;
mod ko;
pub mod link;
pub mod patient;
mod pt;
pub mod speech;
pub mod staff;
pub mod subsidy;
mod vi;
pub mod viewer;
mod zh;

use crate::flow::{
    Calendar, CardTrouble, CentreTrouble, ConsentOffer, FaceTrouble, FrameProblem, FrontReading,
    LogEntry, MaskedReading, Method, Question, ReaderStatus, Stage, Trouble,
};
pub use crate::lang::Lang;
use eligibility::ids::Field;
use eligibility::{ClientError, IdError};
use face_match::{Guidance, Outcome};

/// Declares [`Text`] from its keys in three groups, and with it [`Text::ALL`] and
/// [`Text::PATIENT`], so that a key added to the enum is in the lists by construction: the
/// catalogue test walks them, and cannot miss a key nobody remembered to list.
macro_rules! text_keys {
    (
        patient { $($(#[$pm:meta])* $p:ident,)* }
        clerk { $($(#[$cm:meta])* $c:ident,)* }
        developer { $($(#[$dm:meta])* $d:ident,)* }
    ) => {
        /// Fixed strings of the patient screen, the clerk console and the developer panel.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Text {
            $($(#[$pm])* $p,)*
            $($(#[$cm])* $c,)*
            $($(#[$dm])* $d,)*
        }

        impl Text {
            /// Every key, the patient's first.
            pub const ALL: &'static [Text] = &[$(Text::$p,)* $(Text::$c,)* $(Text::$d,)*];
            /// The keys the patient screen shows: a patient reads these alone, in any of
            /// the six languages.
            pub const PATIENT: &'static [Text] = &[$(Text::$p,)*];
        }
    };
}

text_keys! {
    patient {
        WaitingTitle,
        WaitingHint,
        ReadingTitle,
        KeepCardStill,
        PleaseWait,
        ChooseTitle,
        ChooseFace,
        ChoosePin,
        ChooseVisual,
        PinNotUsable,
        PinTitle,
        PinWrong,
        PinClear,
        PinConfirm,
        LastTryTitle,
        LastTryBody,
        LastTryGo,
        CheckingTitle,
        PinLockedTitle,
        PinLockedBody,
        UseFace,
        UsePin,
        UseVisual,
        FaceNumberTitle,
        FaceNumberBody,
        /// The card-front camera is reading 照合番号B.
        FrontReadingTitle,
        FacePhotoTitle,
        FaceLiveTitle,
        FaceFailedTitle,
        FaceRetry,
        FaceUnavailableTitle,
        VisualTitle,
        VisualBody,
        ConfirmingTitle,
        Agree,
        Disagree,
        Provide,
        NotProvide,
        RegisterOfferTitle,
        RegisterOfferBody,
        RegisterYes,
        RegisterNo,
        RegisterDetailsTitle,
        RegisterDetailsBody,
        QueryingTitle,
        TakeCardTitle,
        TakeCardDone,
        Cancel,
        LastVisitEnded,
        AskStaff,
        ChooseOther,
        /// 処方箋発行形態: the question and what the choice means.
        PrescriptionTitle,
        PrescriptionBody,
        PrescriptionElectronic,
        PrescriptionPaper,
    }
    clerk {
        TabReception,
        TabCheck,
        TabBatch,
        TabHistory,
        TabViewer,
        TabSubsidy,
        ClerkTitle,
        ReaderLabel,
        PatientNowLabel,
        /// The card is still on the reader well after its visit (shown until it is taken).
        CardLeftBehind,
        ClerkCancel,
        CancelConfirmTitle,
        CancelConfirmBody,
        CancelConfirmYes,
        CancelConfirmNo,
        VisualModeSwitch,
        VisualConfirm,
        VisualHint,
        NumberTitle,
        NumberBy14,
        NumberByParts,
        Number14Label,
        NumberBirthLabel,
        NumberExpiryLabel,
        NumberCodeLabel,
        Send,
        RegisterFormTitle,
        InsurerNumberLabel,
        SymbolLabel,
        CardNumberLabel,
        BranchLabel,
        BirthDateLabel,
        ResultTitle,
        NoResultYet,
        VerdictValid,
        VerdictInvalid,
        /// 資格有効性 3: 無効（新しい資格あり）.
        VerdictInvalidNew,
        /// What the clerk does about a 無効（新しい資格あり）.
        NewQualificationAdvice,
        /// 資格有効性 6 (医療扶助): 有効（未登録）.
        VerdictValidUnregistered,
        /// 「未委託・未登録」: what it means and what to do.
        TicketUnregisteredAdvice,
        PublicExpenseLabel,
        BeneficiaryLabel,
        WelfareOfficeLabel,
        MedicalTicketLabel,
        VerdictNotFound,
        VerdictMultiple,
        VerdictError,
        NameLabel,
        KanaLabel,
        SexLabel,
        InsurerLabel,
        SymbolNumberBranchLabel,
        PersonalFamilyLabel,
        QualificationDateLabel,
        ValidUntilLabel,
        RatioLabel,
        ElderlyLabel,
        LimitLabel,
        DiseaseLabel,
        ConsentsLabel,
        MethodLabel,
        NoneGiven,
        CertExpiresSoon,
        LogTitle,
        ConsentDrug,
        ConsentDiagnosis,
        ConsentCheckup,
        ConsentSurgery,
        ConsentLimit,
        ReasonLabel,
        /// 処方箋発行形態 in the result panel.
        PrescriptionLabel,
        // The generic reader's console.
        GenericTitle,
        GenericPin,
        GenericVisual,
        /// The PIN keypad dialog on the console.
        KeypadTitle,
        PaperTitle,
        PaperNameLabel,
        PaperPrint,
        PaperPrinted,
        PaperRecordHint,
        PaperRecord,
        // The printed consent form.
        PaperFormTitle,
        PaperFormIntro,
        PaperFormDate,
        PaperFormSignature,
    }
    developer {
        DevTitle,
        DevRemove,
        DevFeed,
        /// What the card-front camera sees.
        DevFront,
        DevInserted,
    }
}

/// Calls the same-named function of the language's folder, e.g.
/// `per_lang!(lang, reception::method(m))` is `ja::reception::method(m)` in Japanese. Every
/// language has every file and function, so a missing one does not compile; a new language is
/// one more arm here.
macro_rules! per_lang {
    ($lang:expr, $($f:ident)::+ ( $($a:expr),* )) => {
        match $lang {
            Lang::Ja => $crate::i18n::ja::$($f)::+($($a),*),
            Lang::En => $crate::i18n::en::$($f)::+($($a),*),
            Lang::Zh => $crate::i18n::zh::$($f)::+($($a),*),
            Lang::Ko => $crate::i18n::ko::$($f)::+($($a),*),
            Lang::Vi => $crate::i18n::vi::$($f)::+($($a),*),
            Lang::Pt => $crate::i18n::pt::$($f)::+($($a),*),
        }
    };
}
pub(crate) use per_lang;

/// The fixed string for `t`.
pub fn text(lang: Lang, t: Text) -> &'static str {
    per_lang!(lang, reception::text(t))
}

/// A centre failure, one wording wherever it shows: the reception console, the check and
/// 一括照会 tabs, the viewer, and the commands (`onshi check`, `onshi batch`).
pub fn client_error(lang: Lang, e: &ClientError) -> String {
    per_lang!(lang, centre::client_error(e))
}

/// A refused identifier (保険者番号, 記号, ...): which field and what to fix.
pub fn id_error(lang: Lang, e: &IdError) -> String {
    per_lang!(lang, centre::id_error(e))
}

/// The name of an identifier field.
pub fn field(lang: Lang, f: Field) -> &'static str {
    per_lang!(lang, centre::field(f))
}

impl crate::numbers::FieldState {
    /// The message for the clerk, if the field is wrong now.
    pub fn message(&self, lang: Lang) -> Option<String> {
        match self {
            crate::numbers::FieldState::Bad(e) => Some(id_error(lang, e)),
            _ => None,
        }
    }
}

/// `x.message(lang)`: the words for a brick's error, as the screens and commands call them.
pub trait Message {
    fn message(&self, lang: Lang) -> String;
}

impl Message for IdError {
    fn message(&self, lang: Lang) -> String {
        id_error(lang, self)
    }
}

impl Message for ClientError {
    fn message(&self, lang: Lang) -> String {
        client_error(lang, self)
    }
}

/// `x.label(lang)`: the name of a field or of a value of the centre's code tables.
pub trait Label {
    fn label(&self, lang: Lang) -> &'static str;
}

impl Label for Field {
    fn label(&self, lang: Lang) -> &'static str {
        field(lang, *self)
    }
}

/// Each code table's labels are one function per language in `<lang>/centre.rs`.
macro_rules! code_labels {
    ($($table:ident => $f:ident,)*) => {
        $(impl Label for eligibility::codes::$table {
            fn label(&self, lang: Lang) -> &'static str {
                per_lang!(lang, centre::$f(self))
            }
        })*
    };
}

code_labels! {
    LimitConsent => limit_consent,
    ReferenceClassification => reference_classification,
    SegmentOfResult => segment_of_result,
    ProcessingResultStatus => processing_result_status,
    CharacterCode => character_code,
    QualificationValidity => qualification_validity,
    Sex => sex,
    ReasonOfLoss => reason_of_loss,
    PersonalFamily => personal_family,
    InsuredCardClassification => insured_card_classification,
    LimitCertificateClass => limit_certificate_class,
    LimitCategory => limit_category,
    SpecificDisease => specific_disease,
    ConsentFlag => consent_flag,
    PrescriptionIssue => prescription_issue,
    MedicalTreatmentFlag => medical_treatment_flag,
    AuthMethod => auth_method,
}

/// "label: value" with the language's colon.
pub fn labelled(lang: Lang, label: &str, value: &str) -> String {
    per_lang!(lang, reception::labelled(label, value))
}

/// A consent as the clerk reads it: given (and until when), refused, or not asked.
/// `limit`: the 限度額 question, answered 「提供する」 / 「提供しない」.
pub fn consent_answer(
    lang: Lang,
    limit: bool,
    answer: Option<bool>,
    until: Option<&str>,
) -> String {
    per_lang!(lang, reception::consent_answer(limit, answer, until))
}

/// The 照合番号B the clerk typed is not 14 digits (or its parts are not a date, a year and
/// 4 digits).
pub fn number_format(lang: Lang) -> &'static str {
    per_lang!(lang, reception::number_format())
}

/// PIN tries left, shown before entry.
pub fn pin_tries_left(lang: Lang, n: u8) -> String {
    per_lang!(lang, reception::pin_tries_left(n))
}

/// Wrong 照合番号B: tries left on the card (clerk console).
pub fn number_tries_left(lang: Lang, n: u8) -> String {
    per_lang!(lang, reception::number_tries_left(n))
}

/// Face attempts still allowed.
pub fn face_attempts_left(lang: Lang, n: u32) -> String {
    per_lang!(lang, reception::face_attempts_left(n))
}

/// Failed face matches of the visit out of those allowed, for the clerk (「顔認証 失敗 3/10」).
pub fn face_failures(lang: Lang, n: u32, max: u32) -> String {
    per_lang!(lang, reception::face_failures(n, max))
}

/// The generic reader's paper consent form for `name`, dated `day`: the flow's questions
/// (each with its yes / no boxes) and, when asked, 電子 / 紙 処方箋, then the signature line.
/// The structure is the same in every language; every word comes from the catalogue.
pub fn consent_form(
    lang: Lang,
    name: &str,
    day: time::Date,
    questions: &[Question],
    prescription: bool,
    offer: &ConsentOffer,
) -> pdf_form::Form {
    use pdf_form::Item;
    let t = |k: Text| text(lang, k).to_string();
    let mut items = vec![
        Item::Title(t(Text::PaperFormTitle)),
        Item::Text(t(Text::PaperFormIntro)),
        Item::Gap,
        Item::Field {
            label: t(Text::NameLabel),
            value: name.trim().to_string(),
        },
        Item::Field {
            label: t(Text::PaperFormDate),
            value: date(&format!(
                "{:04}{:02}{:02}",
                day.year(),
                u8::from(day.month()),
                day.day()
            )),
        },
        Item::Gap,
    ];
    for q in questions {
        let (title, body) = question(lang, *q, offer);
        let (yes, no) = if *q == Question::Limit {
            (Text::Provide, Text::NotProvide)
        } else {
            (Text::Agree, Text::Disagree)
        };
        items.push(Item::Text(title.to_string()));
        items.push(Item::Text(body.to_string()));
        items.push(Item::Checkbox(t(yes)));
        items.push(Item::Checkbox(t(no)));
        items.push(Item::Gap);
    }
    if prescription {
        items.push(Item::Text(t(Text::PrescriptionTitle)));
        items.push(Item::Checkbox(t(Text::PrescriptionElectronic)));
        items.push(Item::Checkbox(t(Text::PrescriptionPaper)));
        items.push(Item::Gap);
    }
    items.push(Item::Signature(t(Text::PaperFormSignature)));
    pdf_form::Form { items }
}

/// A consent question's short name (the clerk's log, the paper form's ticks).
pub fn question_label(lang: Lang, q: Question) -> &'static str {
    per_lang!(lang, reception::question_short(q))
}

/// Why the paper consent form could not be made, and what to do.
pub fn paper_error(lang: Lang, e: &crate::paper::PaperError) -> String {
    per_lang!(lang, reception::paper_error(e))
}

/// Why a face attempt failed, for the patient.
pub fn face_outcome(lang: Lang, o: Outcome) -> &'static str {
    per_lang!(lang, face::face_outcome(o))
}

/// The face worker's hint.
pub fn guidance(lang: Lang, g: Guidance) -> &'static str {
    per_lang!(lang, face::guidance(g))
}

/// What the patient should do about the card-front camera's latest frame.
pub fn front_problem(lang: Lang, p: FrameProblem) -> &'static str {
    per_lang!(lang, face::front_problem(p))
}

/// The clerk's line about reading 照合番号B from the card front (`None`: not reading, no
/// need to say so).
pub fn front_reading_clerk(lang: Lang, f: FrontReading) -> Option<String> {
    per_lang!(lang, face::front_reading_clerk(f))
}

/// What the clerk checks against the card in hand of a card-front reading the card refused
/// (what it holds: [`MaskedReading`]), the security code masked. It holds 10 of the 14 digits
/// of 照合番号B: for the screen only, dropped (and wiped) once drawn.
pub fn front_refused_reading(lang: Lang, m: &MaskedReading) -> zeroize::Zeroizing<String> {
    per_lang!(lang, face::front_refused_reading(m))
}

/// The birth date as the card prints it, in either language: `昭和55年2月17日`, `令和元年5月1日`,
/// or for a foreign resident `1985年7月4日`.
fn printed_birth(m: &MaskedReading) -> zeroize::Zeroizing<String> {
    let (y, mo, d) = m.birth();
    zeroize::Zeroizing::new(match m.calendar() {
        Calendar::Era(era) if y == 1 => format!("{}元年{mo}月{d}日", era.kanji()),
        Calendar::Era(era) => format!("{}{y}年{mo}月{d}日", era.kanji()),
        Calendar::Gregorian => format!("{y}年{mo}月{d}日"),
    })
}

/// The security code as the console shows it: one mark per digit, never the digit.
const MASKED_CODE: &str = "●●●●";

/// A consent question: (title, explanation). What 薬剤・診療 covers follows the offer.
pub fn question(lang: Lang, q: Question, offer: &ConsentOffer) -> (&'static str, &'static str) {
    per_lang!(lang, reception::question(q, offer))
}

/// Why the visit ended, for the patient (plain words, what to do next).
pub fn trouble_patient(lang: Lang, t: &Trouble) -> String {
    per_lang!(lang, reception::trouble_patient(t))
}

/// Why the visit ended, for the clerk (the cause and what to do).
pub fn trouble_clerk(lang: Lang, t: &Trouble) -> String {
    per_lang!(lang, reception::trouble_clerk(t))
}

/// A card problem (clerk's wording).
pub fn card_trouble(lang: Lang, t: &CardTrouble) -> String {
    per_lang!(lang, reception::card_trouble(t))
}

/// A face-check problem (clerk's wording).
pub fn face_trouble(lang: Lang, t: &FaceTrouble) -> &'static str {
    per_lang!(lang, reception::face_trouble(t))
}

/// A centre problem (clerk's wording).
pub fn centre_trouble(lang: Lang, t: &CentreTrouble) -> String {
    per_lang!(lang, centre::centre_trouble(t))
}

/// The reader's state in a few words.
pub fn reader_status(lang: Lang, r: &ReaderStatus) -> String {
    per_lang!(lang, reception::reader_status(r))
}

/// What the patient is doing now, for the clerk.
pub fn stage_clerk(lang: Lang, s: &Stage) -> String {
    per_lang!(lang, reception::stage_clerk(s))
}

/// How the patient was confirmed.
pub fn method(lang: Lang, m: Method) -> &'static str {
    per_lang!(lang, reception::method(m))
}

/// One line of the visit's message log.
pub fn log_entry(lang: Lang, e: &LogEntry) -> String {
    per_lang!(lang, reception::log_entry(e))
}

/// 負担割合 from its 3-digit percent ("030" → 「3割」 / "30 %").
pub fn ratio(lang: Lang, code: &str) -> String {
    let Ok(pct) = code.trim().parse::<u32>() else {
        return code.to_string();
    };
    per_lang!(lang, reception::ratio(pct))
}

/// A centre date `YYYYMMDD` as `YYYY/MM/DD` (anything else as sent).
pub fn date(raw: &str) -> String {
    let s = raw.trim();
    if s.len() == 8 && s.bytes().all(|b| b.is_ascii_digit()) {
        format!("{}/{}/{}", &s[..4], &s[4..6], &s[6..])
    } else {
        s.to_string()
    }
}

/// The end of a consent given at `YYYYMMDDhhmmss` (consent lasts 24 hours), as
/// `YYYY/MM/DD hh:mm`.
pub fn consent_until(raw: &str) -> Option<String> {
    let s = raw.trim();
    if s.len() < 12 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n = |r: std::ops::Range<usize>| s[r].parse::<u32>().ok();
    let d = time::Date::from_calendar_date(
        n(0..4)? as i32,
        time::Month::try_from(n(4..6)? as u8).ok()?,
        n(6..8)? as u8,
    )
    .ok()?;
    let t = time::Time::from_hms(n(8..10)? as u8, n(10..12)? as u8, 0).ok()?;
    let end = time::PrimitiveDateTime::new(d, t).checked_add(time::Duration::hours(24))?;
    Some(format!(
        "{:04}/{:02}/{:02} {:02}:{:02}",
        end.year(),
        u8::from(end.month()),
        end.day(),
        end.hour(),
        end.minute()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratio_in_wari_and_percent() {
        assert_eq!(ratio(Lang::Ja, "030"), "3割");
        assert_eq!(ratio(Lang::Ja, "010"), "1割");
        assert_eq!(ratio(Lang::En, "020"), "20 %");
    }

    #[test]
    fn dates_read_with_slashes_and_consent_ends_a_day_later() {
        assert_eq!(date("20261123"), "2026/11/23");
        assert_eq!(date("2026"), "2026");
        assert_eq!(
            consent_until("20261130235900").as_deref(),
            Some("2026/12/01 23:59")
        );
        assert_eq!(consent_until("nonsense"), None);
    }

    #[test]
    fn every_text_differs_between_languages_where_it_should() {
        assert_eq!(
            text(Lang::Ja, Text::WaitingTitle),
            "マイナンバーカードを置いてください"
        );
        assert_eq!(
            text(Lang::Ja, Text::TakeCardTitle),
            "カードをお取りください"
        );
        assert_eq!(pin_tries_left(Lang::Ja, 3), "あと3回まで入力できます");
    }

    #[test]
    fn each_card_front_problem_tells_the_patient_something_of_its_own() {
        use crate::flow::Field;
        let problems = [
            FrameProblem::NoCard,
            FrameProblem::TooDark,
            FrameProblem::Glare,
            FrameProblem::Blurred,
            FrameProblem::NotMyNumberCard,
            FrameProblem::Unreadable(Field::Expiry),
        ];
        for lang in Lang::ALL {
            let words: std::collections::HashSet<_> =
                problems.iter().map(|p| front_problem(lang, *p)).collect();
            assert_eq!(words.len(), problems.len(), "{lang:?}");
        }
        assert_eq!(
            front_problem(Lang::Ja, FrameProblem::NoCard),
            "カードを表向きに置いてください"
        );
        assert_eq!(
            front_problem(Lang::Ja, FrameProblem::Glare),
            "光の反射を避けてください"
        );
        // A refused reading: what the clerk checks, the security code masked.
        let born = time::Date::from_calendar_date(1980, time::Month::February, 17).unwrap();
        let m = MaskedReading::new(Calendar::Era(crate::flow::Era::Showa), born, 2031);
        assert_eq!(
            *front_refused_reading(Lang::Ja, &m),
            "読み取った内容（カードと照合してください）: 生年月日 昭和55年2月17日 / \
             有効期限 2031年 / セキュリティコード ●●●●"
        );
        let en = front_refused_reading(Lang::En, &m);
        assert!(en.contains("昭和55年2月17日") && en.contains("2031") && en.contains("●●●●"));
        let reiwa = time::Date::from_calendar_date(2019, time::Month::May, 1).unwrap();
        let m = MaskedReading::new(Calendar::Era(crate::flow::Era::Reiwa), reiwa, 2029);
        assert!(front_refused_reading(Lang::Ja, &m).contains("令和元年5月1日"));
        let abroad = time::Date::from_calendar_date(1985, time::Month::July, 4).unwrap();
        let m = MaskedReading::new(Calendar::Gregorian, abroad, 2030);
        assert!(front_refused_reading(Lang::En, &m).contains("1985年7月4日"));
        // The clerk hears of the reading only while it matters, and never its digits.
        assert_eq!(front_reading_clerk(Lang::Ja, FrontReading::Off), None);
        let refused = front_reading_clerk(Lang::Ja, FrontReading::Refused).unwrap();
        assert!(refused.contains("入力"), "{refused}");
        let glare = front_reading_clerk(
            Lang::En,
            FrontReading::Reading {
                problem: Some(FrameProblem::Glare),
            },
        )
        .unwrap();
        assert!(glare.contains("reflecting"), "{glare}");
    }

    // Moved from eligibility and the simulators' client tests with the words they check.
    #[test]
    fn a_refused_identifier_names_its_field_and_what_to_fix() {
        use eligibility::{BirthDate, BranchNumber, InstitutionCode, InsurerNumber};
        let e = "33120016".parse::<InsurerNumber>().unwrap_err();
        assert!(id_error(Lang::Ja, &e).contains("保険者番号の検証番号"));
        assert!(id_error(Lang::En, &e).contains("check digit"));
        let e = "1234567".parse::<InsurerNumber>().unwrap_err();
        assert!(id_error(Lang::Ja, &e).contains("7桁"));
        let e = "".parse::<InsurerNumber>().unwrap_err();
        assert_eq!(id_error(Lang::Ja, &e), "保険者番号を入力してください。");
        let e = "0110113718".parse::<InstitutionCode>().unwrap_err();
        assert!(id_error(Lang::Ja, &e).starts_with("医療機関コード"));
        let e = "1".parse::<BranchNumber>().unwrap_err();
        assert!(id_error(Lang::En, &e).contains("2 digits"));
        let e = "20010230".parse::<BirthDate>().unwrap_err();
        assert!(id_error(Lang::Ja, &e).contains("生年月日"));
        let e = eligibility::Client::search_from_text("01130013", "1", "12", "", "19800217", false)
            .unwrap_err();
        assert!(client_error(Lang::Ja, &e).contains("検証番号"));
    }

    #[test]
    fn a_centre_failure_has_one_wording_for_the_console_and_the_commands() {
        let unreachable = ClientError::Unreachable {
            detail: "connection refused".into(),
        };
        for lang in Lang::ALL {
            assert_eq!(
                client_error(lang, &unreachable),
                centre_trouble(lang, &CentreTrouble::Unreachable)
            );
        }
        assert!(client_error(Lang::Ja, &unreachable).contains("資格確認システムに接続できません"));
        let pending = ClientError::BatchPending {
            reception: "R-0001".into(),
        };
        let ja = client_error(Lang::Ja, &pending);
        assert!(
            ja.contains("R-0001") && ja.contains("送信しないでください"),
            "{ja}"
        );
        let big = ClientError::ReplyTooLarge { max: 256 };
        assert!(client_error(Lang::Ja, &big).contains("大きすぎる"));
    }

    #[test]
    fn code_labels_come_from_the_words() {
        use eligibility::codes::{LimitCategory, QualificationValidity, ReasonOfLoss};
        assert_eq!(LimitCategory::B05.label(Lang::Ja), "低所得Ⅱ");
        assert_eq!(ReasonOfLoss::Other.label(Lang::Ja), "その他");
        assert_eq!(
            QualificationValidity::from_code("7").label(Lang::Ja),
            "不明なコード"
        );
        assert_eq!(ReasonOfLoss::Death.label(Lang::En), "death");
    }
}
