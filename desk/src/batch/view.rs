//! What the 一括照会 screen shows of the batches, as plain data: the list being previewed and
//! its bad rows, each job's phase, progress and result rows, an export under way. The service
//! that fills it is [`crate::services::batch`].

use crate::batch::import::SourceEncoding;
use crate::batch::{Import, ImportError, RowProblem, RunError};
use crate::batch::{StoreError, StoredRow, Summary};
use std::path::PathBuf;
use std::sync::Arc;

/// The screen's picture of the service.
#[derive(Clone, Default)]
pub struct BatchView {
    /// A list being read (its path).
    pub importing: Option<PathBuf>,
    /// The last list read, not yet sent.
    pub preview: Option<Arc<Preview>>,
    /// Why the last list could not be read (its path and the reason).
    pub import_error: Option<(PathBuf, Arc<ImportTrouble>)>,
    /// The previewed list is being saved as a job.
    pub saving: bool,
    /// Jobs, newest first: those found in the store at start and those sent since.
    pub jobs: Vec<JobView>,
    /// The job whose progress and result are shown.
    pub selected: Option<i64>,
    /// The store cannot be used (nothing can be sent or resumed).
    pub store_error: Option<Arc<StoreError>>,
}

impl BatchView {
    pub fn job(&self, id: i64) -> Option<&JobView> {
        self.jobs.iter().find(|j| j.id == id)
    }
    pub fn selected_job(&self) -> Option<&JobView> {
        self.selected.and_then(|id| self.job(id))
    }
}

/// A list as read, before it is sent.
pub struct Preview {
    pub path: PathBuf,
    pub encoding: SourceEncoding,
    /// Data rows in the file.
    pub rows: usize,
    /// Rows that will be sent.
    pub good: usize,
    /// Rows that will not be sent, in file order.
    pub bad: Vec<BadRow>,
    pub(crate) import: Import,
    pub(crate) digest: String,
}

impl Preview {
    /// Whether the list can be sent: at least one good row and no more than a batch holds.
    pub fn sendable(&self) -> bool {
        self.good > 0 && self.good <= eligibility::client::BATCH_MAX
    }
}

/// A row refused at import: where (1-based line of the file) and why (column and reason).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadRow {
    pub line: usize,
    pub problem: RowProblem,
}

/// Why a list could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ImportTrouble {
    #[error(
        "the list cannot be read ({0}): check the path and that the file is not open elsewhere"
    )]
    Read(#[from] std::io::Error),
    #[error("{0}")]
    List(#[from] ImportError),
}

/// One job as the screen shows it.
#[derive(Clone)]
pub struct JobView {
    pub id: i64,
    /// When it was saved (RFC 3339, UTC).
    pub created_at: String,
    /// Rows of the list, and of those the ones sent (the rest were refused at import).
    pub rows: usize,
    pub to_send: usize,
    pub reception: Option<String>,
    pub phase: Phase,
    /// Found unfinished in the store when the desk started.
    pub resumed: bool,
    /// Every row with its outcome, once the job is done.
    pub results: Option<Arc<Vec<StoredRow>>>,
    /// Where the result table goes unless the clerk types another path.
    pub suggested_export: PathBuf,
    pub export: Option<Export>,
}

/// Where a job stands.
#[derive(Clone)]
pub enum Phase {
    /// Waiting for its thread to start (or for the store).
    Starting,
    /// Sending `rows` rows.
    Uploading { rows: usize },
    /// The centre holds it under its 受付番号; `polls` asked so far.
    Waiting { polls: u32 },
    /// Every row has its result.
    Done(Summary),
    /// Network or centre trouble: the job is saved; [`Batches::resume`] carries it on.
    Stopped(Arc<RunError>),
    /// The centre failed the batch or the store broke: import the list again.
    Failed(Arc<RunError>),
}

impl Phase {
    pub fn running(&self) -> bool {
        matches!(
            self,
            Phase::Starting | Phase::Uploading { .. } | Phase::Waiting { .. }
        )
    }
}

/// A result table being written, written, or refused.
#[derive(Clone)]
pub enum Export {
    Writing(PathBuf),
    Written(PathBuf),
    Failed(PathBuf, Arc<std::io::Error>),
}
