//! Where the desk keeps its files when the settings do not say: one folder of local data
//! (`$XDG_DATA_HOME/onshi`, else `~/.local/share/onshi`) holding the history, the staff
//! accounts and the 一括照会 batches. One place, so that the GUI, every command and the tests
//! agree on it.

use std::path::PathBuf;

/// The folder of the desk's local data: `$XDG_DATA_HOME/onshi`, else `~/.local/share/onshi`.
pub fn data_dir() -> PathBuf {
    std::env::var_os("XDG_DATA_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")))
        .unwrap_or_else(|| PathBuf::from("."))
        .join("onshi")
}

/// The history database: `<data>/history.sqlite`.
pub fn history() -> PathBuf {
    data_dir().join("history.sqlite")
}

/// The staff accounts: `<data>/staff.sqlite` (beside the history).
pub fn staff() -> PathBuf {
    data_dir().join("staff.sqlite")
}
