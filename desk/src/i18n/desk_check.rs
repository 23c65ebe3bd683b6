//! The words of the insurance-card check tab and the history tab. Outcome and method names
//! and the history's errors come from [`super::cli`], so the console and the CLI say the same.
//! This file holds the keys and the public functions; the words are in `ja/desk_check.rs` and
//! `en/desk_check.rs`.

use super::{Lang, per_lang};

/// Fixed strings of the two tabs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum W {
    CheckTitle,
    CheckHint,
    LimitConsent,
    CheckButton,
    Checking,
    Clear,
    NoAnswerYet,
    NotReady,
    HistoryTitle,
    KanaSearch,
    From,
    To,
    OutcomeFilter,
    AllOutcomes,
    TodayButton,
    SearchButton,
    ColTime,
    ColMethod,
    ColOutcome,
    ColName,
    ColKana,
    ColInsurer,
    NoChecks,
    ChooseRow,
    WhenLabel,
    BadDate,
    Storing,
    HistoryIdLabel,
    /// 資格確認日 field of the check form.
    DateLabel,
    /// Beside it while empty.
    DateToday,
    /// The result row of a check asked for another day.
    AsOfLabel,
    /// Under a check's result: the clinic's 診察券番号 to register as the 照会番号.
    RefnoLabel,
    RefnoButton,
    RefnoSending,
}

pub fn text(lang: Lang, w: W) -> &'static str {
    per_lang!(lang, desk_check::text(w))
}

/// The line under a result that could not be stored.
pub fn not_stored(lang: Lang, why: &str) -> String {
    per_lang!(lang, desk_check::not_stored(why))
}

/// A 照会番号 the centre registered for the person just checked.
pub fn refno_registered(lang: Lang, number: &str) -> String {
    per_lang!(lang, desk_check::refno_registered(number))
}

/// The history writer thread is gone (it could not start, or stopped).
pub fn writer_stopped(lang: Lang) -> &'static str {
    per_lang!(lang, desk_check::writer_stopped())
}
