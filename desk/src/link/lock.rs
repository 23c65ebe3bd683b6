//! One desk per link folder: a second desk (or `onshi link` started twice) on the same folder
//! would answer requests twice and race on the journal. The lock is an `flock` on a file in the
//! folder's root, held for as long as the link runs and released by the system if the desk
//! dies, so a crash never leaves a stale lock behind.

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::os::fd::AsRawFd;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

/// Name of the lock file in the link's root folder.
pub const LOCK_FILE: &str = ".onshi-desk-link.lock";

/// Why the link cannot take its folder.
#[derive(Debug, thiserror::Error)]
pub enum LockError {
    /// Another process holds the folder; `pid` is what it wrote into the lock file.
    #[error("another desk (pid {pid:?}) serves this link folder: stop it or choose another folder")]
    Busy { pid: Option<u32> },
    #[error("the lock file cannot be opened: {0}")]
    Io(#[from] io::Error),
}

/// The held lock; dropping it releases the folder.
#[derive(Debug)]
pub struct FolderLock {
    _file: File,
    pub path: PathBuf,
}

impl FolderLock {
    /// Takes the folder or says who has it. Never waits.
    pub fn take(root: &Path) -> Result<FolderLock, LockError> {
        let path = root.join(LOCK_FILE);
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .mode(0o600)
            .open(&path)?;
        // SAFETY: flock on a descriptor this function owns; no memory is shared.
        let r = unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) };
        if r != 0 {
            let e = io::Error::last_os_error();
            if e.raw_os_error() == Some(libc::EWOULDBLOCK) {
                let pid = std::fs::read_to_string(&path)
                    .ok()
                    .and_then(|s| s.trim().parse().ok());
                return Err(LockError::Busy { pid });
            }
            return Err(e.into());
        }
        file.set_len(0)?;
        write!(file, "{}", std::process::id())?;
        file.sync_all()?;
        Ok(FolderLock { _file: file, path })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_taker_is_refused_until_the_first_lets_go() {
        let dir = tempfile::tempdir().unwrap();
        let first = FolderLock::take(dir.path()).unwrap();
        match FolderLock::take(dir.path()) {
            Err(LockError::Busy { pid }) => assert_eq!(pid, Some(std::process::id())),
            other => panic!("{other:?}"),
        }
        drop(first);
        FolderLock::take(dir.path()).unwrap();
    }
}
