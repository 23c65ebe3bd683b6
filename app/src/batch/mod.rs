//! 一括照会 (batch eligibility check of booked patients), without any screen: import a CSV list
//! ([`import`]), keep it as a durable job in `batches.sqlite` ([`store`]), send it, wait for
//! and save its result, resuming from the saved key / 受付番号 after any interruption
//! ([`run`]), and export the result table as CSV for Excel ([`export`]). The `onshi batch`
//! command ([`cli`]) and the batch screen are thin layers over these.

pub mod cli;
pub mod export;
pub mod import;
pub mod run;
pub mod store;

pub use import::{Column, Import, ImportError, Row, RowProblem, parse};
pub use run::{Polling, Progress, RunError, Summary, run};
pub use store::{Job, JobState, Outcome, Store, StoreError, StoredRow};

use std::path::PathBuf;

/// The folder of the desk's local data (history, batches): `$XDG_DATA_HOME/onshi`, else
/// `~/.local/share/onshi`.
pub fn default_data_dir() -> PathBuf {
    std::env::var_os("XDG_DATA_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")))
        .unwrap_or_else(|| PathBuf::from("."))
        .join("onshi")
}
