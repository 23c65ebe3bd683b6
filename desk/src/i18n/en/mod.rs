//! English: the same files and functions as `ja/`, for patients who switch the screen and for
//! clerks who prefer it.

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
