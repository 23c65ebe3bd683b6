//! 一括照会 (batch eligibility check of booked patients), without any screen: import a CSV list
//! ([`import`]), keep it as a durable job in `batches.sqlite` ([`store`]), send it, wait for
//! and save its result, resuming from the saved key / 受付番号 after any interruption
//! ([`run`]), and export the result table as CSV for Excel ([`export`]). The `onshi batch`
//! command ([`cli`]) and the batch screen are thin layers over these.

pub mod import;
pub mod run;
pub mod store;
pub mod view;

pub use import::{Column, Import, ImportError, Row, RowProblem, parse};
pub use run::{Polling, Progress, RunError, Summary, run};
pub use store::{Job, JobState, Outcome, Store, StoreError, StoredRow};

use std::path::PathBuf;

/// The default folder of the batches (see [`crate::paths`]).
pub fn default_data_dir() -> PathBuf {
    crate::paths::data_dir()
}
