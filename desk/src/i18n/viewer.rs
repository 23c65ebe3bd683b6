//! The data viewer's words (login, roles, the patient list, the drug and 特定健診 tables, the
//! 災害時 banner, every refusal). This file holds the keys and the public functions; the words
//! are in `ja/viewer.rs` and `en/viewer.rs`, so a missing translation does not compile.

use super::{Lang, per_lang};
use crate::history::Viewed;
use crate::staff::Role;
use crate::viewer::{Out, Range, ViewerError};

/// Fixed words of the viewer tab.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum W {
    LoginTitle,
    Name,
    Password,
    Login,
    Logout,
    Checking,
    LoggedInAs,
    RoleMayNotView,
    PatientsTitle,
    NoPatients,
    Time,
    Patient,
    Consented,
    Until,
    Drug,
    Checkup,
    Waiting,
    DrugTitle,
    CheckupTitle,
    Date,
    Institution,
    DrugName,
    Dose,
    Usage,
    Days,
    Item,
    Value,
    Unit,
    RefRange,
    Judgement,
    NoRows,
    DisasterLookup,
    DisasterNote,
    Unavailable,
    AuditedNote,
    DisasterView,
}

pub fn w(lang: Lang, k: W) -> &'static str {
    per_lang!(lang, viewer::w(k))
}

/// The idle logout note ([`crate::staff::IDLE_LOGOUT`]).
pub fn idle_note(lang: Lang, minutes: u64) -> String {
    per_lang!(lang, viewer::idle_note(minutes))
}

pub fn role(lang: Lang, r: Role) -> &'static str {
    per_lang!(lang, viewer::role(r))
}

pub fn viewed(lang: Lang, v: Viewed) -> &'static str {
    per_lang!(lang, viewer::viewed(v))
}

/// The 災害時 banner's line.
pub fn banner(lang: Lang, area: &str, from: &str, until: &str) -> String {
    per_lang!(lang, viewer::banner(area, from, until))
}

pub fn range(lang: Lang, r: Range) -> String {
    per_lang!(lang, viewer::range(r))
}

/// A bound of a reference range: whole numbers without a decimal point.
pub(in crate::i18n) fn bound(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v}")
    }
}

/// The title of one 特定健診 item's chart.
pub fn trend_title(lang: Lang, item: &str, unit: &str) -> String {
    per_lang!(lang, viewer::trend_title(item, unit))
}

/// What the shaded band of a chart is.
pub fn band_note(lang: Lang, r: Range) -> String {
    per_lang!(lang, viewer::band_note(r))
}

/// The judgement of a value: a mark and a word, never the colour alone.
pub fn out(lang: Lang, o: Option<Out>) -> &'static str {
    per_lang!(lang, viewer::out(o))
}

pub fn error(lang: Lang, e: &ViewerError) -> String {
    per_lang!(lang, viewer::error(e))
}
