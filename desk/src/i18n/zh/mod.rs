//! Simplified Chinese (简体中文): the patient screen's words for Chinese residents, the reception console and the
//! centre's and face check's words with them; the clerk-side topics answer in English.
//!
//! NEEDS A NATIVE SPEAKER'S REVIEW BEFORE USE AT A CLINIC. Every sentence in `reception.rs`,
//! `centre.rs` and `face.rs` was machine-drafted from the English and Japanese (issue 16) and
//! has not been read by a native speaker, nor checked against the wording the readers'
//! makers and the ministry use in this language. The patient must understand every screen
//! alone: have each one read on the real screen, at the counter's font size, before a clinic
//! turns this language on.

pub(super) mod centre;
pub(super) mod face;
pub(super) mod patient;
pub(super) mod reception;
pub(super) mod speech;

// The clerk-side topics: a clinic's staff read Japanese or English, so these answer in
// English (the compiler still checks that each file is there).
pub(super) use super::en::{batch, card_info, cli, desk_check, link, staff, subsidy, viewer};
