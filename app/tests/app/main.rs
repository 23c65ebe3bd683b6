//! The app's integration tests as one test binary: each module was a test binary of its own,
//! and each of those linked egui, wgpu, OpenCV, tokio and SQLite again; one binary links them
//! once. A module still starts with its own paragraph on what it checks. The settings file of
//! a desk on central-sim ([`common`]) stays in `tests/common/`, where the examples and the
//! end-to-end crate include it too; the screens' snapshots stay in `tests/snapshots/`, where
//! egui_kittest looks for them.

#[path = "../common/mod.rs"]
mod common;
// The layout checks of the screen tests (egui_kittest), beside `common` but only in this binary.
#[path = "../common/layout.rs"]
mod layout;

mod app_smoke;
mod audit_cli;
mod batch_cli;
mod batch_roundtrip;
mod batch_store;
mod card_info_cli;
mod cli;
mod history_kill;
mod link_cli;
mod link_desk;
mod private_files;
mod redacted_debug;
mod refno_cli;
mod screens;
mod screens_batch;
mod screens_check;
mod screens_generic;
mod screens_lang;
mod screens_patient;
mod screens_subsidy;
mod screens_viewer;
mod staff_cli;
mod staff_throttle;
mod subsidy_cli;
mod viewer_service;
