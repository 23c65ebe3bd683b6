//! 日本語: every file of `i18n/` has its Japanese here, under the same name. The patient
//! screen's words are plain, for a first-time elderly patient, after the readers' and MHLW's
//! wording where it exists.

pub(super) mod batch;
pub(super) mod card_info;
pub(super) mod centre;
pub(super) mod cli;
pub(super) mod desk_check;
pub(super) mod face;
pub(super) mod link;
pub(super) mod patient;
pub(super) mod reception;
pub(super) mod speech;
pub(super) mod staff;
pub(super) mod subsidy;
pub(super) mod viewer;
