//! English: the words of `i18n/link.rs` about the link itself, the same functions as
//! `ja/link.rs`.

use crate::i18n::Lang;
use crate::link::refno::{ListProblem, RowProblem};
use crate::link::{LinkView, NotRun};

pub(in crate::i18n) fn not_run(why: &NotRun) -> String {
    match why {
        NotRun::NotSet => {
            "The settings have no [link]: add a [link] section with its folder (the one holding req, res and face).".into()
        }
        NotRun::Disabled => {
            "[link] says enabled = false, so the link does not run: set enabled = true to run it.".into()
        }
        NotRun::Busy { pid: Some(pid) } => format!(
            "Another desk (pid {pid}) serves this link folder: stop it or choose another folder."
        ),
        NotRun::Busy { pid: None } => {
            "Another desk serves this link folder: stop it or choose another folder.".into()
        }
        NotRun::Unusable(e) => format!(
            "The link folder or its journal cannot be used ({e}): check the folder's place and permissions."
        ),
    }
}

pub(in crate::i18n) fn serving(folder: &str) -> String {
    format!("The clinic link serves {folder}; SIGTERM (systemctl stop) stops it.")
}

pub(in crate::i18n) fn stopped() -> &'static str {
    "The clinic link stopped."
}

pub(in crate::i18n) fn state_line(view: &LinkView) -> String {
    match view {
        LinkView::Running(s) => {
            let mut line = format!(
                "Link: running, {} queued, {} waiting to be written",
                s.queued, s.unwritten
            );
            if let Some(e) = &s.last_error {
                line.push_str(&format!(", last error: {e}"));
            }
            line
        }
        LinkView::NotRunning(why) => format!("Link: not running ({})", not_run(why)),
    }
}

pub(in crate::i18n) fn refno_row(line: Option<usize>, p: &RowProblem) -> String {
    let at = line.map(|n| format!("line {n}: ")).unwrap_or_default();
    let what = match p {
        RowProblem::ReferenceNumber(_) => {
            "the reference number cannot be used: give 1 to 50 characters, no control characters."
                .to_string()
        }
        RowProblem::Id(e) => crate::i18n::Message::message(e, Lang::En),
        RowProblem::Columns { got } => format!(
            "the line has {got} columns: give the 6 of reference number, insurer, symbol, number, branch, birth date."
        ),
    };
    format!("{at}{what}")
}

pub(in crate::i18n) fn refno_list(p: &ListProblem) -> String {
    match p {
        ListProblem::Unreadable(e) => {
            format!("The list cannot be read ({e}): check the file's path.")
        }
        ListProblem::Encoding => {
            "The list's text encoding cannot be read: save it as UTF-8 or Shift_JIS.".into()
        }
        ListProblem::Empty => "The list has no rows.".into(),
        ListProblem::TooMany { max, got } => {
            format!("The list has {got} rows: send at most {max} at once.")
        }
        ListProblem::Rows(rows) => format!(
            "{} rows cannot be sent, so nothing was registered: fix them and run again.",
            rows.len()
        ),
    }
}

pub(in crate::i18n) fn refno_done(registered: usize, sent: usize) -> String {
    format!("{registered} of {sent} reference numbers registered.")
}

pub(in crate::i18n) fn refno_refused(number: &str, code: &str, message: &str) -> String {
    format!("Reference number {number} was not registered: {code} {message}")
}
