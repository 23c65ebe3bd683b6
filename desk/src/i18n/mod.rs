//! The screens' words, in Japanese and English: one key enum ([`Text`]) for fixed strings and
//! small functions for the ones that take values (tries left, troubles, consent questions, log
//! lines, the clerk's reading of a stage). Each language is a module whose `text` is one
//! exhaustive `match` and which implements every helper, so a key or helper missing in one
//! language does not compile. No screen code holds a string of its own.

pub mod batch;
pub mod card_info;
pub mod cli;
pub mod desk_check;
mod en;
mod ja;
pub mod staff;
pub mod subsidy;
pub mod viewer;

use crate::flow::{
    CardTrouble, CentreTrouble, ConsentOffer, FaceTrouble, LogEntry, Method, Question,
    ReaderStatus, Stage, Trouble,
};
pub use eligibility::Lang;
use face_match::{Guidance, Outcome};

/// Fixed strings of the patient screen, the clerk console and the developer panel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Text {
    // --- patient screen ---
    /// The other language's name, on the language button.
    OtherLanguage,
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
    // --- clerk console ---
    TabReception,
    TabCheck,
    TabBatch,
    TabHistory,
    TabViewer,
    TabSubsidy,
    ClerkTitle,
    ReaderLabel,
    PatientNowLabel,
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
    // --- developer panel ---
    DevTitle,
    DevRemove,
    DevFeed,
    DevInserted,
}

/// The fixed string for `t`.
pub fn text(lang: Lang, t: Text) -> &'static str {
    match lang {
        Lang::Ja => ja::text(t),
        Lang::En => en::text(t),
    }
}

/// Calls the same-named function of the language's module.
macro_rules! per_lang {
    ($lang:expr, $f:ident ( $($a:expr),* )) => {
        match $lang {
            Lang::Ja => ja::$f($($a),*),
            Lang::En => en::$f($($a),*),
        }
    };
}

/// "label: value" with the language's colon.
pub fn labelled(lang: Lang, label: &str, value: &str) -> String {
    match lang {
        Lang::Ja => format!("{label}：{value}"),
        Lang::En => format!("{label}: {value}"),
    }
}

/// A consent as the clerk reads it: given (and until when), refused, or not asked.
/// `limit`: the 限度額 question, answered 「提供する」 / 「提供しない」.
pub fn consent_answer(
    lang: Lang,
    limit: bool,
    answer: Option<bool>,
    until: Option<&str>,
) -> String {
    per_lang!(lang, consent_answer(limit, answer, until))
}

/// The 照合番号B the clerk typed is not 14 digits (or its parts are not a date, a year and
/// 4 digits).
pub fn number_format(lang: Lang) -> &'static str {
    per_lang!(lang, number_format())
}

/// PIN tries left, shown before entry.
pub fn pin_tries_left(lang: Lang, n: u8) -> String {
    per_lang!(lang, pin_tries_left(n))
}

/// Wrong 照合番号B: tries left on the card (clerk console).
pub fn number_tries_left(lang: Lang, n: u8) -> String {
    per_lang!(lang, number_tries_left(n))
}

/// Face attempts still allowed.
pub fn face_attempts_left(lang: Lang, n: u32) -> String {
    per_lang!(lang, face_attempts_left(n))
}

/// Why a face attempt failed, for the patient.
pub fn face_outcome(lang: Lang, o: Outcome) -> &'static str {
    per_lang!(lang, face_outcome(o))
}

/// The face worker's hint.
pub fn guidance(lang: Lang, g: Guidance) -> &'static str {
    per_lang!(lang, guidance(g))
}

/// A consent question: (title, explanation). What 薬剤・診療 covers follows the offer.
pub fn question(lang: Lang, q: Question, offer: &ConsentOffer) -> (&'static str, &'static str) {
    per_lang!(lang, question(q, offer))
}

/// Why the visit ended, for the patient (plain words, what to do next).
pub fn trouble_patient(lang: Lang, t: &Trouble) -> String {
    per_lang!(lang, trouble_patient(t))
}

/// Why the visit ended, for the clerk (the cause and what to do).
pub fn trouble_clerk(lang: Lang, t: &Trouble) -> String {
    per_lang!(lang, trouble_clerk(t))
}

/// A card problem (clerk's wording).
pub fn card_trouble(lang: Lang, t: &CardTrouble) -> String {
    per_lang!(lang, card_trouble(t))
}

/// A face-check problem (clerk's wording).
pub fn face_trouble(lang: Lang, t: &FaceTrouble) -> &'static str {
    per_lang!(lang, face_trouble(t))
}

/// A centre problem (clerk's wording).
pub fn centre_trouble(lang: Lang, t: &CentreTrouble) -> String {
    per_lang!(lang, centre_trouble(t))
}

/// The reader's state in a few words.
pub fn reader_status(lang: Lang, r: &ReaderStatus) -> String {
    per_lang!(lang, reader_status(r))
}

/// What the patient is doing now, for the clerk.
pub fn stage_clerk(lang: Lang, s: &Stage) -> String {
    per_lang!(lang, stage_clerk(s))
}

/// How the patient was confirmed.
pub fn method(lang: Lang, m: Method) -> &'static str {
    per_lang!(lang, method(m))
}

/// One line of the visit's message log.
pub fn log_entry(lang: Lang, e: &LogEntry) -> String {
    per_lang!(lang, log_entry(e))
}

/// 負担割合 from its 3-digit percent ("030" → 「3割」 / "30 %").
pub fn ratio(lang: Lang, code: &str) -> String {
    let Ok(pct) = code.trim().parse::<u32>() else {
        return code.to_string();
    };
    per_lang!(lang, ratio(pct))
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
        // The language button names the other language.
        assert_eq!(text(Lang::Ja, Text::OtherLanguage), "English");
        assert_eq!(text(Lang::En, Text::OtherLanguage), "日本語");
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
}
