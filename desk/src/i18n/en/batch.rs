//! English: the words of `i18n/batch.rs`, the same functions as `ja/batch.rs`.

use crate::batch::Column;
use crate::batch::import::Problem;
use crate::batch::import::SourceEncoding;
use crate::batch::store::RowOutcome;
use crate::batch::view::{ImportTrouble, JobView, Phase};
use crate::batch::{RunError, Summary};
use crate::i18n::Label;
use crate::i18n::Lang;
use crate::i18n::batch::*;

pub(in crate::i18n) fn column(c: Column) -> &'static str {
    match c {
        Column::Name => "patient name",
        Column::Insurer => "insurer number",
        Column::Symbol => "card symbol",
        Column::Number => "card number",
        Column::Branch => "branch number",
        Column::Birth => "date of birth",
        Column::Date => "appointment date",
    }
}

pub(in crate::i18n) fn problem(p: &Problem, c: Column) -> String {
    match p {
        Problem::Id(e) => crate::i18n::id_error(Lang::En, e),
        Problem::MissingColumn => format!(
            "The {} column is missing: check the commas on this line.",
            column(c)
        ),
        Problem::NameTooLong { max } => format!(
            "The patient name is too long (at most {max} characters): check that the columns are not shifted."
        ),
        Problem::BadDate => {
            "The appointment date is not a date: write it as YYYY-MM-DD, YYYY/MM/DD or YYYYMMDD."
                .into()
        }
        Problem::PastDate => {
            "The appointment date has passed: give today or a later day, or leave it empty (today)."
                .into()
        }
    }
}

pub(in crate::i18n) fn kind(o: &RowOutcome) -> &'static str {
    match o.kind() {
        Some(k) => crate::i18n::cli::outcome(Lang::En, k),
        None => "pending",
    }
}

pub(in crate::i18n) fn reason(o: &RowOutcome) -> String {
    match o {
        RowOutcome::Valid | RowOutcome::Pending => String::new(),
        // 資格有効性 3: the list has the old card's numbers.
        RowOutcome::Invalid { reason, .. }
            if reason.as_deref() == Some(crate::history::NEW_QUALIFICATION) =>
        {
            "Invalid (a newer qualification exists): the patient changed insurer. At reception ask for the new insurance card or eligibility certificate, or check with the My Number card.".into()
        }
        RowOutcome::Invalid { lost_on, reason } => {
            let why = reason.as_deref().map(|c| {
                eligibility::codes::ReasonOfLoss::from_code(c)
                    .label(Lang::En)
                    .to_string()
            });
            let date = lost_on.as_deref().map(pretty_date);
            match (date, why) {
                (Some(d), Some(w)) => {
                    format!("qualification lost ({d}, {w}). {CONFIRM_EN}")
                }
                (Some(d), None) => format!("qualification lost ({d}). {CONFIRM_EN}"),
                (None, Some(w)) => format!("qualification lost ({w}). {CONFIRM_EN}"),
                (None, None) => format!("qualification lost. {CONFIRM_EN}"),
            }
        }
        RowOutcome::NotFound => {
            format!("No qualification matches: check the numbers on the insurance card. {CONFIRM_EN}")
        }
        RowOutcome::Multiple => {
            "Several qualifications match: check this patient at the desk.".into()
        }
        RowOutcome::Error { code, message } => {
            let msg = message.as_deref().unwrap_or("the centre answered an error");
            match code {
                Some(c) => format!("{msg}（{c}）"),
                None => msg.to_string(),
            }
        }
        RowOutcome::Bad(p) => {
            let prefix = "not sent: ";
            format!("{prefix}{}", problem(&p.problem, p.column))
        }
    }
}

pub(in crate::i18n) fn confirm_date(r: &crate::batch::StoredRow) -> String {
    match (&r.outcome, r.confirm_date.as_deref()) {
        (RowOutcome::Bad(_), _) => String::new(),
        (_, Some(d)) => pretty_date(d),
        (_, None) => "today".into(),
    }
}

pub(in crate::i18n) fn past_date(arg: &str) -> String {
    format!("--date {arg} has passed: give today or a later day, or leave it out (today).")
}

pub(in crate::i18n) fn export_header() -> [&'static str; 12] {
    [
        "line",
        "patient name",
        "insurer number",
        "card symbol",
        "card number",
        "branch number",
        "date of birth",
        "appointment date",
        "confirmation date",
        "result",
        "reason",
        "follow-up",
    ]
}

pub(in crate::i18n) fn screen(k: Screen) -> &'static str {
    use Screen::*;
    match k {
        ListLabel => "Batch list (CSV)",
        Read => "Read",
        DropHint => "You can also drop a CSV file on this window.",
        Reading => "Reading…",
        BadRowsTitle => "Rows with errors (not sent)",
        NoBadRows => "No rows with errors.",
        ColLine => "Line",
        ColColumn => "Column",
        ColReason => "Reason",
        ColName => "Patient name",
        ColResult => "Result",
        Send => "Send",
        Discard => "Discard",
        Saving => "Saving the batch…",
        JobsTitle => "Batches",
        NoJobs => "No batch yet.",
        Resume => "Resume",
        Show => "Show",
        ResultTitle => "Results",
        NothingSelected => "Choose a batch to see its progress and results here.",
        ExportLabel => "Export to",
        Export => "Export",
        Writing => "Writing…",
        ResumedNote => "This batch was not finished last time: it was carried on.",
        Unavailable => "This tab works when the desk runs with its centre settings.",
        ColDate => "Checked for",
        DateLabel => "Confirmation date",
        DateHint => {
            "Rows without their own appointment date are checked for this day (empty: today)."
        }
        DateBad => "Type the confirmation date as YYYY-MM-DD.",
        DatePast => {
            "The confirmation date has passed: give today or a later day, or leave it empty (today)."
        }
    }
}

pub(in crate::i18n) fn encoding(e: SourceEncoding) -> &'static str {
    match e {
        SourceEncoding::Utf8 => "UTF-8 (no BOM)",
        SourceEncoding::Utf8Bom => "UTF-8 (with BOM)",
        SourceEncoding::ShiftJis => "Shift_JIS",
    }
}

pub(in crate::i18n) fn preview(good: usize, bad: usize, e: SourceEncoding) -> String {
    format!(
        "{good} rows to send, {bad} rows with errors (not sent); encoding {}",
        encoding(e)
    )
}

pub(in crate::i18n) fn import_trouble(t: &ImportTrouble) -> String {
    match t {
        ImportTrouble::Read(_) => t.to_string(),
        ImportTrouble::List(e) => {
            let s = e.to_string();
            let mut c = s.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect())
                .unwrap_or_default()
        }
    }
}

pub(in crate::i18n) fn run_error(e: &RunError) -> String {
    match e {
        RunError::Centre(c) => format!(
            "{} The batch is saved: press Resume to carry it on.",
            crate::i18n::client_error(Lang::En, c)
        ),
        RunError::Store(_) => "The batch store cannot be read or written: check free disk space and press Resume. Every saved step is kept.".into(),
        RunError::Failed(w) => format!(
            "The centre could not process this batch ({w}): read the list again and send it as a new batch."
        ),
        RunError::NothingToSend => not_sendable(0, eligibility::client::BATCH_MAX),
        RunError::AlreadyDone => "This batch is already finished.".into(),
    }
}

pub(in crate::i18n) fn summary(s: &Summary) -> String {
    let done = say(&Say::Done {
        valid: s.valid,
        invalid: s.invalid,
        error: s.error,
    });
    match s.bad {
        0 => done,
        b => format!("{done} ({b} not sent)"),
    }
}

pub(in crate::i18n) fn phase(p: &Phase, reception: Option<&str>) -> String {
    let r = reception.unwrap_or("-");
    match p {
        Phase::Starting => "1/4 getting ready".into(),
        Phase::Uploading { rows } => format!("2/4 sending {rows} rows"),
        Phase::Waiting { polls } => {
            format!("3/4 reception number {r}: waiting for the centre ({polls} checks so far)")
        }
        Phase::Done(s) => format!("4/4 finished: {}", summary(s)),
        Phase::Stopped(_) => "stopped (saved)".into(),
        Phase::Failed(_) => "failed".into(),
    }
}

pub(in crate::i18n) fn phase_word(p: &Phase) -> &'static str {
    match p {
        Phase::Starting => "starting",
        Phase::Uploading { .. } => "sending",
        Phase::Waiting { .. } => "waiting",
        Phase::Done(_) => "finished",
        Phase::Stopped(_) => "stopped",
        Phase::Failed(_) => "failed",
    }
}

/// `when`: the job's creation, month/day hh:mm in Japan.
pub(in crate::i18n) fn job_line(j: &JobView, when: &str) -> String {
    let state = phase_word(&j.phase);
    format!("#{} {when}  {} rows  {state}", j.id, j.rows)
}

pub(in crate::i18n) fn export_failed(path: &std::path::Path, e: &std::io::Error) -> String {
    format!(
        "{} could not be written ({e}): check that the folder exists and is writable, then press Export again.",
        path.display()
    )
}

pub(in crate::i18n) fn store_trouble(e: &crate::batch::StoreError) -> String {
    format!("{e}: restart the app once fixed.")
}

/// `why`: the centre's failure, already in words.
pub(in crate::i18n) fn cli_centre(why: &str) -> String {
    format!("{why} The 一括照会 is saved: run the same command again to resume it.")
}

pub(in crate::i18n) fn count(kind: &str, n: usize) -> String {
    format!("{kind} {n}")
}

pub(in crate::i18n) fn cli_failed(why: &str) -> String {
    format!(
        "The centre could not process this batch ({why}): run the same command again to send it as a new batch."
    )
}

pub(in crate::i18n) fn cli_store(e: &crate::batch::StoreError) -> String {
    format!(
        "The batch store cannot be used ({e}): check the --store folder and free disk space, then run the same command again. Every saved step is kept."
    )
}

pub(in crate::i18n) fn cli_export_failed(path: &std::path::Path, e: &std::io::Error) -> String {
    format!(
        "{} could not be written ({e}): check that the folder exists and is writable, then run the same command again; the result is kept.",
        path.display()
    )
}

pub(in crate::i18n) fn say(s: &Say<'_>) -> String {
    match s {
        Say::BadRow {
            line,
            column: c,
            reason,
        } => format!("line {line}, {}: {reason}", column(*c)),
        Say::Imported { good, bad } => {
            format!("read: {good} rows to send, {bad} rows with errors (not sent)")
        }
        Say::Resuming { reception: Some(r) } => {
            format!("resuming the earlier 一括照会 (reception number {r})")
        }
        Say::Resuming { reception: None } => {
            "re-sending the earlier 一括照会 with the same key".into()
        }
        Say::Uploading { rows } => format!("sending {rows} rows"),
        Say::Accepted { reception } => format!("reception number {reception}"),
        Say::Waiting => "waiting for the result".into(),
        Say::Done {
            valid,
            invalid,
            error,
        } => format!("result: {valid} valid, {invalid} invalid, {error} errors"),
        Say::Written { path } => format!("wrote {path} (UTF-8 with BOM, opens in Excel)"),
    }
}

/// No row to send (`good` 0), or more than `max`.
pub(in crate::i18n) fn not_sendable(good: usize, max: usize) -> String {
    if good == 0 {
        "No row can be sent: correct the rows with errors and read the list again.".into()
    } else {
        format!("A batch holds at most {max} patients ({good} here): split the list.")
    }
}

pub(in crate::i18n) fn follow_up(f: &crate::batch::store::FollowUp) -> String {
    use crate::batch::import::Column;
    let mut out = Vec::new();
    if !f.changed.is_empty() {
        let names: Vec<&str> = f
            .changed
            .iter()
            .map(|c| match c {
                Column::Insurer => "insurer number",
                Column::Symbol => "symbol",
                Column::Number => "number",
                Column::Branch => "branch",
                _ => "other",
            })
            .collect();
        out.push(format!(
            "Check whether the insurance changed: the centre's {} differ from the list.",
            names.join(" / ")
        ));
    }
    if f.limit_changed {
        out.push(
            "The limit certificate information changed (or cannot be told): check it at reception."
                .to_string(),
        );
    }
    out.join(" ")
}
