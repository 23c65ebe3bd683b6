//! The 一括照会 words (import problems, the result table's kinds and reasons, the export's
//! header, the CLI's lines, the batch screen's words), Japanese first and English complete. Kept in their own module
//! so the batch screen and the CLI share them; each function matches every language.

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
    match (s, lang) {
        (
            Say::BadRow {
                line,
                column: c,
                reason,
            },
            Lang::Ja,
        ) => {
            format!("{line}行目 {}: {reason}", column(*c, lang))
        }
        (
            Say::BadRow {
                line,
                column: c,
                reason,
            },
            Lang::En,
        ) => {
            format!("line {line}, {}: {reason}", column(*c, lang))
        }
        (Say::Imported { good, bad }, Lang::Ja) => {
            format!("読み込み: 送信する行 {good}件、誤りのある行 {bad}件（送信しません）")
        }
        (Say::Imported { good, bad }, Lang::En) => {
            format!("read: {good} rows to send, {bad} rows with errors (not sent)")
        }
        (Say::Resuming { reception: Some(r) }, Lang::Ja) => {
            format!("前回の一括照会（受付番号 {r}）の結果を待ちます")
        }
        (Say::Resuming { reception: Some(r) }, Lang::En) => {
            format!("resuming the earlier 一括照会 (reception number {r})")
        }
        (Say::Resuming { reception: None }, Lang::Ja) => {
            "前回送信できなかった一括照会を、同じ識別子で送り直します".into()
        }
        (Say::Resuming { reception: None }, Lang::En) => {
            "re-sending the earlier 一括照会 with the same key".into()
        }
        (Say::Uploading { rows }, Lang::Ja) => format!("{rows}件を送信しています"),
        (Say::Uploading { rows }, Lang::En) => format!("sending {rows} rows"),
        (Say::Accepted { reception }, Lang::Ja) => format!("受付番号 {reception}"),
        (Say::Accepted { reception }, Lang::En) => format!("reception number {reception}"),
        (Say::Waiting, Lang::Ja) => "結果を待っています".into(),
        (Say::Waiting, Lang::En) => "waiting for the result".into(),
        (
            Say::Done {
                valid,
                invalid,
                error,
            },
            Lang::Ja,
        ) => format!("結果: 有効 {valid}件、無効 {invalid}件、エラー {error}件"),
        (
            Say::Done {
                valid,
                invalid,
                error,
            },
            Lang::En,
        ) => format!("result: {valid} valid, {invalid} invalid, {error} errors"),
        (Say::Written { path }, Lang::Ja) => {
            format!("{path} に書き出しました（UTF-8 BOM付き、Excelで開けます）")
        }
        (Say::Written { path }, Lang::En) => {
            format!("wrote {path} (UTF-8 with BOM, opens in Excel)")
        }
    }
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
    match lang {
        _ if good > 0 && good <= max => None,
        Lang::Ja if good == 0 => {
            Some("送信できる行がありません。誤りのある行を直して読み込み直してください。".into())
        }
        Lang::En if good == 0 => {
            Some("No row can be sent: correct the rows with errors and read the list again.".into())
        }
        Lang::Ja => Some(format!(
            "一括照会は{max}件までです（{good}件）。リストを分けて読み込んでください。"
        )),
        Lang::En => Some(format!(
            "A batch holds at most {max} patients ({good} here): split the list."
        )),
    }
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

/// A short word for a job's state in the list.
pub(in crate::i18n) fn phase_word(p: &Phase, lang: Lang) -> &'static str {
    per_lang!(lang, batch::phase_word(p))
}

/// One line of the job list: number, when (Japan time), rows, state.
pub fn job_line(j: &JobView, lang: Lang) -> String {
    per_lang!(lang, batch::job_line(j))
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
    use crate::batch::import::Column;
    let mut out = Vec::new();
    if !f.changed.is_empty() {
        let names: Vec<&str> = f
            .changed
            .iter()
            .map(|c| match (c, lang) {
                (Column::Insurer, Lang::Ja) => "保険者番号",
                (Column::Symbol, Lang::Ja) => "記号",
                (Column::Number, Lang::Ja) => "番号",
                (Column::Branch, Lang::Ja) => "枝番",
                (Column::Insurer, Lang::En) => "insurer number",
                (Column::Symbol, Lang::En) => "symbol",
                (Column::Number, Lang::En) => "number",
                (Column::Branch, Lang::En) => "branch",
                (_, Lang::Ja) => "その他",
                (_, Lang::En) => "other",
            })
            .collect();
        out.push(match lang {
            Lang::Ja => format!(
                "保険情報が変わっていないか確認してください（資格確認システムの{}が名簿と異なります）。",
                names.join("・")
            ),
            Lang::En => format!(
                "Check whether the insurance changed: the centre's {} differ from the list.",
                names.join(" / ")
            ),
        });
    }
    if f.limit_changed {
        out.push(match lang {
            Lang::Ja => "限度額適用認定証の情報が変わっています（または判定できません）。受付で確認してください。".into(),
            Lang::En => "The limit certificate information changed (or cannot be told): check it at reception.".into(),
        });
    }
    out.join(match lang {
        Lang::Ja => "",
        Lang::En => " ",
    })
}

// The words of a lower layer's type live here, beside the other words (the type's own
// module knows no language).
impl crate::batch::RowProblem {
    /// What to fix, in the clerk's language (never quotes the cell).
    pub fn message(&self, lang: Lang) -> String {
        problem(&self.problem, self.column, lang)
    }
}
