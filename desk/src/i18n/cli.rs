//! The words of the headless commands (`onshi check`, `onshi history`): field labels of a
//! printed result, outcome and method names, and the errors they print on stderr. This file
//! holds the keys and the public functions; the words are in `ja/cli.rs` and `en/cli.rs`.

use super::{Lang, per_lang};
use crate::history::{ConsentKind, HistoryError, Method, Outcome};

/// Fixed words of the commands' output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Word {
    Outcome,
    Reason,
    When,
    How,
    Name,
    Kana,
    Birth,
    Sex,
    Insurer,
    InsurerName,
    Symbol,
    Number,
    Branch,
    Ratio,
    ValidUntil,
    LimitCategory,
    Consents,
    Agreed,
    NotAgreed,
    NoChecks,
    NotFound,
    Multiple,
    NotStored,
    HistoryId,
    /// The outcome of a 資格有効性 3.
    InvalidNew,
    /// What to do about it.
    NewQualification,
    /// 資格確認日 of a check asked for another day than today.
    AsOf,
    /// 資格有効性 6 (医療扶助): 有効（未登録）.
    ValidUnregistered,
    /// What 「未委託・未登録」 means and what to do.
    TicketUnregistered,
    PublicExpense,
    Beneficiary,
    WelfareOffice,
    MedicalTicket,
}

pub fn word(lang: Lang, w: Word) -> &'static str {
    per_lang!(lang, cli::word(w))
}

pub fn outcome(lang: Lang, o: Outcome) -> &'static str {
    per_lang!(lang, cli::outcome(o))
}

pub fn method(lang: Lang, m: Method) -> &'static str {
    per_lang!(lang, cli::method(m))
}

pub fn consent(lang: Lang, k: ConsentKind) -> &'static str {
    per_lang!(lang, cli::consent(k))
}

/// 性別 code to a word.
pub fn sex(lang: Lang, code: &str) -> String {
    per_lang!(lang, cli::sex(code))
}

/// A 3-digit 負担割合 (030) as 3割 / 30%.
pub fn ratio(lang: Lang, code: &str) -> String {
    per_lang!(lang, cli::ratio(code))
}

/// The config could not be loaded: its own message (English, it names the file and key)
/// after a line in the person's language.
pub fn config_error(lang: Lang, detail: &str) -> String {
    per_lang!(lang, cli::config_error(detail))
}

pub fn history_error(lang: Lang, e: &HistoryError) -> String {
    per_lang!(lang, cli::history_error(e))
}

/// Why `onshi check --stdin` cannot use its input (never quotes a value).
pub fn stdin_problem(lang: Lang, p: &crate::numbers::StdinProblem) -> String {
    per_lang!(lang, cli::stdin_problem(p))
}

/// A date argument that is not a date.
pub fn bad_date(lang: Lang, arg: &str) -> String {
    per_lang!(lang, cli::bad_date(arg))
}

/// A 医療券 line: its 交付番号 and, when given, its validity.
pub fn ticket(lang: Lang, issue: &str, from: Option<&str>, until: Option<&str>) -> String {
    let span = match (from, until) {
        (Some(f), Some(u)) => format!("{f}〜{u}"),
        (Some(f), None) => format!("{f}〜"),
        (None, Some(u)) => format!("〜{u}"),
        (None, None) => String::new(),
    };
    per_lang!(lang, cli::ticket(issue, &span))
}
