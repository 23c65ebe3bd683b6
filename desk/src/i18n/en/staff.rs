//! English: the words of `i18n/staff.rs`, the same functions as `ja/staff.rs`.

use crate::i18n::staff::*;
use crate::staff::StaffError;

pub(in crate::i18n) fn prompt(p: Prompt) -> &'static str {
    match p {
        Prompt::Admin => "administrator's password",
        Prompt::New => "new password",
        Prompt::Again => "new password (again)",
    }
}

pub(in crate::i18n) fn done(d: Done, name: &str) -> String {
    match d {
        Done::Added(r) => format!("added {name} ({})", r.code()),
        Done::RoleSet(r) => format!("{name} is now {}", r.code()),
        Done::PasswordSet => format!("set the password of {name}"),
        Done::Disabled => format!("disabled {name}"),
        Done::Enabled => format!("enabled {name}"),
        Done::Removed => format!("removed {name}"),
    }
}

pub(in crate::i18n) fn unknown_role(code: &str) -> String {
    format!("unknown role {code} (one of admin, doctor, dentist, pharmacist, clerk)")
}

pub(in crate::i18n) fn admin_needed() -> &'static str {
    {
        "staff changes need an administrator: add --admin NAME and give that administrator's password"
    }
}

pub(in crate::i18n) fn unreadable(detail: &str) -> String {
    format!("the password could not be read ({detail})")
}

pub(in crate::i18n) fn error(e: &StaffError) -> String {
    use StaffError::*;
    match e {
        Throttled { wait_secs } => wait(*wait_secs / 60, *wait_secs % 60),
        e => format!("{e}"),
    }
}

pub(in crate::i18n) fn audit_intact(rows: u64) -> String {
    format!("the audit log is intact ({rows} rows)")
}

pub(in crate::i18n) fn audit_broken(id: i64, at: Option<&str>) -> String {
    let at = at.unwrap_or("?");
    format!(
        "the audit log's chain is broken at row {id} ({at}): that row or the one before it was changed, removed or inserted. Keep the file as it is and tell the administrator."
    )
}

pub(in crate::i18n) fn audit_banner(id: i64) -> String {
    format!(
        "Warning: the audit log may have been tampered with (from row {id}). Tell the administrator (onshi audit verify)."
    )
}

pub(in crate::i18n) fn audit_unchecked_banner() -> String {
    "Warning: the audit log could not be checked (it cannot be confirmed untampered). Tell the administrator (onshi audit verify).".into()
}

pub(in crate::i18n) fn no_admin_banner() -> String {
    "Warning: there is no enabled administrator account, so anyone can make the first one. Make one now with onshi staff add NAME --role admin, then restart the desk.".into()
}

/// `m` minutes and `s` seconds to wait.
pub(in crate::i18n) fn wait(m: u64, s: u64) -> String {
    if m > 0 {
        format!("Too many wrong passwords: wait {m} min {s} s, then try again.")
    } else {
        format!("Too many wrong passwords: wait {s} s, then try again.")
    }
}
