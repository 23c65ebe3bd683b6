//! English: the same files and functions as `ja/`, for patients who switch the screen and for
//! clerks who prefer it.

pub(super) mod centre;
pub(super) mod face;
pub(super) mod reception;
