//! Onshi Desk without a screen: everything the desk does that is not drawing or parsing
//! command lines. The screens and the commands of `onshi` (the `app` crate) both call what is
//! here, so a check run from the console and one run from `onshi check` go through the same
//! code and the same words. No egui, eframe, winit, wgpu or clap in this crate's tree.
//!
//! # Layers
//!
//! Each layer imports only from the layers below it (`cargo xtask cycles` fails on an import
//! cycle between modules):
//!
//! ```text
//! 5  running desk  runtime (card, face, card-front, centre and voice workers, the clinic link),
//!                  port (the trait the screens drive), dev (the developer panel over the
//!                  simulators), testing (the one scripted port of the screen tests,
//!                  feature `testing`)
//! 4  services      services::{check, batch, export, viewer, link, refno}: one room per
//!                  clerk task, for the screens AND the commands, typed errors
//! 3  words         i18n: every sentence a person reads, ja first, then en, and zh, ko,
//!                  vi, pt for the patient
//! 2  rules, stores history (+ audit), batch, staff, card (facts of the card on the reader),
//!                  numbers (the insurance-card numbers form), subsidy, viewer (who may
//!                  view what, and the rows), link (the clinic link's folders, lock, watcher
//!                  and journal), paper (the generic reader's printed consent form)
//! 1  leaves        time (JST, the centre's format, how a moment is written), paths (where
//!                  the data lives), private (0700 / 0600 files), flow (the reception state
//!                  machine), config, lang (which language the words are in)
//! ```
//!
//! Below the desk sit the bricks, which speak in types and never in words: `reader-driver`
//! (the card), `face-match` (the person), `eligibility` (the centre), `card-front` (what the
//! card's front says), `voice` (spoken guidance), `pdf-form` (printed forms).

// 1: leaves
pub mod config;
pub mod flow;
pub mod lang;
pub mod paths;
pub mod private;
pub mod time;

// 2: rules and stores
pub mod batch;
pub mod card;
pub mod history;
pub mod link;
pub mod numbers;
pub mod paper;
pub mod staff;
pub mod subsidy;
pub mod viewer;

// 3: words
pub mod i18n;

// 4: services
pub mod services;

// 5: the running desk
pub mod dev;
pub mod port;
pub mod runtime;
#[cfg(feature = "testing")]
pub mod testing;

#[cfg(feature = "fuzzing")]
#[doc(hidden)]
pub mod fuzzing;

pub use config::{Config, ConfigError};
pub use flow::{Event, Flow};
pub use lang::Lang;
pub use port::{Backend, PreviewFrame};
pub use runtime::Desk;
