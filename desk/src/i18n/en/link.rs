//! English: the words of `i18n/link.rs` about the link itself, the same functions as
//! `ja/link.rs`.

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
