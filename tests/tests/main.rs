//! The end-to-end scenarios as one test binary: a module per former test file (each linked the
//! desk, OpenCV, pcsc, tokio and SQLite again). Each module starts with what it plays.

mod app_e2e;
mod card;
mod card_info;
mod card_query;
mod card_trust;
mod peers;
