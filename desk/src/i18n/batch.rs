//! The 一括照会 words (import problems, the result table's kinds and reasons, the export's
//! header, the CLI's lines, the batch screen's words), shared by the batch screen and
//! `onshi batch`. This file holds the keys and the public functions; the words are in
//! `ja/batch.rs` and `en/batch.rs`, one function each per public one.

use super::{Lang, per_lang};
use crate::batch::Column;
use crate::batch::import::Problem;
use crate::batch::import::SourceEncoding;
use crate::batch::store::RowOutcome;
use crate::batch::view::{ImportTrouble, JobView, Phase};
use crate::batch::{RunError, Summary};

/// A column's name as the clerk reads it.
pub fn column(c: Column, lang: Lang) -> &'static str {
    per_lang!(lang, batch::column(c))
}

/// Why a row was refused (never quotes the cell).
pub fn problem(p: &Problem, c: Column, lang: Lang) -> String {
    per_lang!(lang, batch::problem(p, c))
}

/// The result table's kind of a row: 有効 / 無効 / エラー in the history's words (or 照会中
/// while pending).
pub fn kind(o: &RowOutcome, lang: Lang) -> &'static str {
    per_lang!(lang, batch::kind(o))
}

/// The advice after every 無効 row's reason: the list was checked ahead, the desk checks again.
pub(in crate::i18n) const CONFIRM_JA: &str = "来院時に受付で資格を確認してください。";
pub(in crate::i18n) const CONFIRM_EN: &str =
    "Confirm the eligibility at reception when the patient comes.";

/// The reason beside the kind (empty for 有効).
pub fn reason(o: &RowOutcome, lang: Lang) -> String {
    per_lang!(lang, batch::reason(o))
}

/// A row's 資格確認日 as the table and the export show it (YYYY-MM-DD), what stands for it
/// before the centre has answered a row sent without one, and nothing for a row never sent.
pub fn confirm_date(r: &crate::batch::StoredRow, lang: Lang) -> String {
    per_lang!(lang, batch::confirm_date(r))
}

pub(in crate::i18n) fn pretty_date(yyyymmdd: &str) -> String {
    if yyyymmdd.len() == 8 && yyyymmdd.bytes().all(|b| b.is_ascii_digit()) {
        format!("{}-{}-{}", &yyyymmdd[..4], &yyyymmdd[4..6], &yyyymmdd[6..])
    } else {
        yyyymmdd.to_string()
    }
}

/// `onshi batch --date` names a day already past.
pub fn past_date(arg: &str, lang: Lang) -> String {
    per_lang!(lang, batch::past_date(arg))
}

/// The export's header row.
pub fn export_header(lang: Lang) -> [&'static str; 12] {
    per_lang!(lang, batch::export_header())
}

/// CLI lines (stderr).
pub enum Say<'a> {
    BadRow {
        line: usize,
        column: Column,
        reason: String,
    },
    Imported {
        good: usize,
        bad: usize,
    },
    Resuming {
        reception: Option<&'a str>,
    },
    Uploading {
        rows: usize,
    },
    Accepted {
        reception: &'a str,
    },
    Waiting,
    Done {
        valid: usize,
        invalid: usize,
        error: usize,
    },
    Written {
        path: &'a str,
    },
}

pub fn say(s: &Say<'_>, lang: Lang) -> String {
    per_lang!(lang, batch::say(s))
}

// --- the batch screen (ui/batch.rs) ---

/// Fixed words of the batch screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    ListLabel,
    Read,
    DropHint,
    Reading,
    BadRowsTitle,
    NoBadRows,
    ColLine,
    ColColumn,
    ColReason,
    ColName,
    ColResult,
    Send,
    Discard,
    Saving,
    JobsTitle,
    NoJobs,
    Resume,
    Show,
    ResultTitle,
    NothingSelected,
    ExportLabel,
    Export,
    Writing,
    ResumedNote,
    Unavailable,
    ColDate,
    DateLabel,
    DateHint,
    DateBad,
    DatePast,
}

pub fn screen(k: Screen, lang: Lang) -> &'static str {
    per_lang!(lang, batch::screen(k))
}

pub fn encoding(e: SourceEncoding, lang: Lang) -> &'static str {
    per_lang!(lang, batch::encoding(e))
}

/// The preview's summary line.
pub fn preview(good: usize, bad: usize, e: SourceEncoding, lang: Lang) -> String {
    per_lang!(lang, batch::preview(good, bad, e))
}

/// Why the previewed list cannot be sent, if it cannot.
pub fn not_sendable(good: usize, lang: Lang) -> Option<String> {
    let max = eligibility::client::BATCH_MAX;
    if good > 0 && good <= max {
        return None;
    }
    Some(per_lang!(lang, batch::not_sendable(good, max)))
}

pub fn import_trouble(t: &ImportTrouble, lang: Lang) -> String {
    per_lang!(lang, batch::import_trouble(t))
}

/// Why a job stopped or failed, and what to do.
pub fn run_error(e: &RunError, lang: Lang) -> String {
    per_lang!(lang, batch::run_error(e))
}

/// The counts of a finished job.
pub fn summary(s: &Summary, lang: Lang) -> String {
    per_lang!(lang, batch::summary(s))
}

/// The progress bar's words: the step out of four, then what happens.
pub fn phase(p: &Phase, reception: Option<&str>, lang: Lang) -> String {
    per_lang!(lang, batch::phase(p, reception))
}

/// One line of the job list: number, when (Japan time), rows, state.
pub fn job_line(j: &JobView, lang: Lang) -> String {
    let when = time::OffsetDateTime::parse(
        &j.created_at,
        &time::format_description::well_known::Rfc3339,
    )
    .map(|t| crate::time::write(crate::time::jst(t), crate::time::Style::MonthDay))
    .unwrap_or_default();
    per_lang!(lang, batch::job_line(j, &when))
}

pub fn written(path: &std::path::Path, lang: Lang) -> String {
    say(
        &Say::Written {
            path: &path.display().to_string(),
        },
        lang,
    )
}

pub fn export_failed(path: &std::path::Path, e: &std::io::Error, lang: Lang) -> String {
    per_lang!(lang, batch::export_failed(path, e))
}

pub fn store_trouble(e: &crate::batch::StoreError, lang: Lang) -> String {
    per_lang!(lang, batch::store_trouble(e))
}

/// `onshi batch`: the centre could not be asked; the job is saved and the same command
/// resumes it (the centre's failure first, in the words every screen uses for it).
pub fn cli_centre(e: &eligibility::ClientError, lang: Lang) -> String {
    per_lang!(lang, batch::cli_centre(&super::client_error(lang, e)))
}

/// A count badge of the result: 「有効 3件」 / "valid 3".
pub fn count(o: &RowOutcome, n: usize, lang: Lang) -> String {
    per_lang!(lang, batch::count(kind(o, lang), n))
}

/// `onshi batch`: the centre failed the batch; the same command sends the list again as a
/// new batch (a failed job is never resumed).
pub fn cli_failed(why: &str, lang: Lang) -> String {
    per_lang!(lang, batch::cli_failed(why))
}

/// `onshi batch`: the job store cannot be used.
pub fn cli_store(e: &crate::batch::StoreError, lang: Lang) -> String {
    per_lang!(lang, batch::cli_store(e))
}

/// `onshi batch`: OUT.csv could not be written; the result is kept in the store.
pub fn cli_export_failed(path: &std::path::Path, e: &std::io::Error, lang: Lang) -> String {
    per_lang!(lang, batch::cli_export_failed(path, e))
}

/// The follow-ups of an answered row in words (empty when there are none): which of the
/// list's numbers the centre's differ from (「保険情報が変わっていないか」) and a changed
/// 限度額. No comma, so a script splitting the export on commas keeps its columns.
pub fn follow_up(f: &crate::batch::store::FollowUp, lang: Lang) -> String {
    per_lang!(lang, batch::follow_up(f))
}

// The words of a lower layer's type live here, beside the other words (the type's own
// module knows no language).
impl crate::batch::RowProblem {
    /// What to fix, in the clerk's language (never quotes the cell).
    pub fn message(&self, lang: Lang) -> String {
        problem(&self.problem, self.column, lang)
    }
}
