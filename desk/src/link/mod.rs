//! The clinic link's folders and journal (layer 2): the `req` / `res` / `face` folders a
//! clinic's own system (レセコン / 電子カルテ) shares with the desk, written the way such systems
//! need (whole files only: a temporary file in the same folder, synced, renamed without
//! replacing anything, the folder synced; 0600 / 0700 unless a group is named), a lock so that
//! only one desk serves a folder, a watcher that hands over a request only once its size and
//! time stopped changing, and an SQLite journal of every request and of every answer not yet
//! written, so that nothing is lost across a restart or a full or read-only folder. The file
//! names, the requests in types and the answers' bytes come from `eligibility::link`; the
//! service that answers through the centre is `services::link`.

pub mod folders;
pub mod journal;
pub mod lock;
pub mod refno;
pub mod scan;

pub use folders::{LinkFolders, Mode};
pub use journal::{Accepted, Journal, Queued};
pub use lock::{FolderLock, LockError};
pub use scan::Watcher;

/// What the console shows of a running link.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LinkState {
    /// Requests waiting for the centre.
    pub queued: usize,
    /// Answers and face files waiting for their folder (full or read-only).
    pub unwritten: usize,
    /// Requests seen in `req/` that are still being written.
    pub arriving: usize,
    /// The last thing that went wrong (a folder or the centre), cleared by a good round.
    pub last_error: Option<String>,
}

/// Why the link does not run (`onshi link` refuses; the console says so).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotRun {
    /// No `[link]` section in the settings.
    NotSet,
    /// `[link] enabled = false`.
    Disabled,
    /// Another desk holds the folder (`pid` as its lock file says).
    Busy { pid: Option<u32> },
    /// The folder or the journal cannot be used (the system's reason).
    Unusable(String),
}

/// The link as the clerk console sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkView {
    Running(LinkState),
    /// `[link]` is set and enabled, but the link could not start.
    NotRunning(NotRun),
}
