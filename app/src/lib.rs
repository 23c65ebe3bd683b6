//! `onshi`, the app: how Onshi Desk is shown and typed at, nothing else. [`ui`] draws the
//! patient screen and the clerk console over the desk's port and services; [`cli`] parses the
//! subcommands, calls the same services and prints. Everything without a screen lives in
//! [`onshi_desk`].

pub mod cli;
pub mod ui;
