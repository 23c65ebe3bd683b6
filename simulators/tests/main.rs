//! The integration tests of the simulators as one test binary: a module per former test file (each
//! linked the card model, tokio, rustls and SQLite again); [`card_common`] is the virtual card's
//! fixtures the card modules share.

mod card_common;

mod card_binary;
mod card_log;
mod card_model;
mod card_vpcd;
mod centre_cli;
mod centre_client;
