//! The words of staff administration and the audit log: `onshi staff` (prompts, what was
//! done, every refusal), `onshi audit verify`, and the clerk console's banner when the audit
//! chain is broken. This file holds the keys and the public functions; the words are in
//! `ja/staff.rs` and `en/staff.rs`.

use super::{Lang, per_lang};
use crate::staff::{Role, StaffError};

/// What a password prompt asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Prompt {
    /// The approving administrator's password.
    Admin,
    /// The account's new password.
    New,
    /// The new password again.
    Again,
}

pub fn prompt(lang: Lang, p: Prompt) -> &'static str {
    per_lang!(lang, staff::prompt(p))
}

/// What a staff command did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Done {
    Added(Role),
    RoleSet(Role),
    PasswordSet,
    Disabled,
    Enabled,
    Removed,
}

pub fn done(lang: Lang, d: Done, name: &str) -> String {
    per_lang!(lang, staff::done(d, name))
}

pub fn unknown_role(lang: Lang, code: &str) -> String {
    per_lang!(lang, staff::unknown_role(code))
}

pub fn admin_needed(lang: Lang) -> &'static str {
    per_lang!(lang, staff::admin_needed())
}

pub fn unreadable(lang: Lang, detail: &str) -> String {
    per_lang!(lang, staff::unreadable(detail))
}

/// A login refused while the name waits after wrong passwords (CLI and viewer).
pub fn wait(lang: Lang, secs: u64) -> String {
    per_lang!(lang, staff::wait(secs / 60, secs % 60))
}

pub fn error(lang: Lang, e: &StaffError) -> String {
    per_lang!(lang, staff::error(e))
}

/// `onshi audit verify`: the chain holds.
pub fn audit_intact(lang: Lang, rows: u64) -> String {
    per_lang!(lang, staff::audit_intact(rows))
}

/// `onshi audit verify`: the first broken row.
pub fn audit_broken(lang: Lang, id: i64, at: Option<&str>) -> String {
    per_lang!(lang, staff::audit_broken(id, at))
}

/// The clerk console's banner while the audit chain is broken.
pub fn audit_banner(lang: Lang, id: i64) -> String {
    per_lang!(lang, staff::audit_banner(id))
}

/// The clerk console's banner when the audit chain could not be checked at start.
pub fn audit_unchecked_banner(lang: Lang) -> String {
    per_lang!(lang, staff::audit_unchecked_banner())
}

/// The clerk console's banner while staff accounts exist but no enabled administrator.
pub fn no_admin_banner(lang: Lang) -> String {
    per_lang!(lang, staff::no_admin_banner())
}
