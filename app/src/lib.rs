//! Onshi Desk, the reception-desk app: the reception flow (a plain state machine), the workers
//! that own the card reader, the camera and the centre connection, and the screens (patient
//! screen and clerk console) that draw the flow's state and turn input into its events.

pub mod backend;
pub mod batch;
pub mod card_info;
pub mod check;
pub mod cli;
pub mod config;
pub mod desk;
pub mod dev;
pub mod flow;
#[cfg(feature = "fuzzing")]
#[doc(hidden)]
pub mod fuzzing;
pub mod history;
pub mod i18n;
pub mod private;
pub mod runtime;
pub mod staff;
pub mod subsidy;
pub mod ui;
