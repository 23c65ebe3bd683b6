//! Where the desk writes: every folder it makes is 0700 and every file 0600, whatever the
//! umask, because the history, the audit, the staff hashes, the 一括照会 jobs and the exports
//! hold patients' data and must stay with the desk's own account. SQLite gives its `-wal`,
//! `-shm` and `-journal` files the main file's mode, so a database is created (empty, 0600)
//! here before SQLite opens it. A file that replaces another (an export) is written to a
//! private temporary file in the same folder, synced, renamed into place and the folder
//! synced; the temporary file is removed if anything fails. Also: the check that a private key
//! named in the settings is not readable by other accounts.

use std::fs::{DirBuilder, File, OpenOptions, Permissions};
use std::io::{self, Write};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::Path;

/// Mode of the folders the desk makes.
pub const DIR_MODE: u32 = 0o700;
/// Mode of the files the desk writes.
pub const FILE_MODE: u32 = 0o600;

/// Makes `dir` and any missing parents, each 0700. Folders that exist are left as they are
/// (a clinic may keep the desk's data in a folder it shares on purpose).
pub fn create_dir_all(dir: &Path) -> io::Result<()> {
    DirBuilder::new().recursive(true).mode(DIR_MODE).create(dir)
}

/// Makes the parent folder of `path` (0700) when it has one.
pub fn create_parent(path: &Path) -> io::Result<()> {
    match path.parent().filter(|d| !d.as_os_str().is_empty()) {
        Some(dir) => create_dir_all(dir),
        None => Ok(()),
    }
}

/// Creates (or truncates) `path` for writing, 0600; a file that was readable by others
/// before is made private too.
pub fn create_file(path: &Path) -> io::Result<File> {
    let f = OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(FILE_MODE)
        .open(path)?;
    tighten(&f)?;
    Ok(f)
}

/// Makes sure the database file at `path` exists and is 0600 before SQLite opens it, so
/// that SQLite's side files get the same mode. An existing database (e.g. written by an
/// older desk) and its side files are made private. The folder must exist.
pub fn prepare_database(path: &Path) -> io::Result<()> {
    let opened = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .mode(FILE_MODE)
        .open(path);
    match opened {
        Ok(f) => tighten(&f)?,
        // A database the desk may only read (a read-only copy or file system): SQLite opens
        // it read-only and says so on the first write; its mode is tightened if it can be.
        Err(e) if path.is_file() => {
            let f = File::open(path).map_err(|_| e)?;
            if let Err(e) = tighten(&f) {
                tracing::warn!(error = %e, "a read-only database could not be made private");
            }
        }
        Err(e) => return Err(e),
    }
    for side in ["-wal", "-shm", "-journal"] {
        let mut name = path.as_os_str().to_owned();
        name.push(side);
        match OpenOptions::new().read(true).open(&name) {
            Ok(f) => tighten(&f)?,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// [`prepare_database`] with the failure as SQLite's own "cannot open", for the stores'
/// existing `Open` errors.
pub fn prepare_sqlite(path: &Path) -> Result<(), rusqlite::Error> {
    prepare_database(path).map_err(|e| {
        rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CANTOPEN),
            Some(e.to_string()),
        )
    })
}

fn tighten(f: &File) -> io::Result<()> {
    let mode = f.metadata()?.permissions().mode();
    if mode & 0o077 != 0 {
        f.set_permissions(Permissions::from_mode(mode & 0o700))?;
    }
    Ok(())
}

/// Writes `path` whole or not at all: `write` fills a private temporary file (random name,
/// created exclusively in the target folder, so no planted file or link is followed), which
/// is synced and renamed over `path`, then the folder is synced so the rename survives a
/// power cut. On any failure the temporary file is removed and `path` is untouched.
pub fn replace_file(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    // tempfile makes the file 0600 with O_EXCL; dropping it unpersisted deletes it.
    let tmp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".partial")
        .permissions(Permissions::from_mode(FILE_MODE))
        .tempfile_in(dir)?;
    {
        let mut w = io::BufWriter::new(tmp.as_file());
        write(&mut w)?;
        w.flush()?;
    }
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    File::open(dir)?.sync_all()
}

/// Why a private key file cannot be used as it is.
#[derive(Debug, thiserror::Error)]
pub enum KeyFileError {
    #[error("cannot be checked ({0})")]
    Unreadable(io::Error),
    /// Group or others may read or write it; `mode` is its permission bits.
    #[error("is readable by other accounts (mode {mode:o})")]
    Open { mode: u32 },
}

/// Checks that the private key at `path` is not open to the group or others (the owner's
/// bits are the administrator's business: 0400 is fine).
pub fn check_key_file(path: &Path) -> Result<(), KeyFileError> {
    let mode = std::fs::metadata(path)
        .map_err(KeyFileError::Unreadable)?
        .permissions()
        .mode()
        & 0o777;
    if mode & 0o077 != 0 {
        return Err(KeyFileError::Open { mode });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mode(p: &Path) -> u32 {
        std::fs::symlink_metadata(p).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn folders_and_files_are_private_and_an_old_open_database_is_closed() {
        let dir = tempfile::tempdir().unwrap();
        let deep = dir.path().join("a/b");
        create_dir_all(&deep).unwrap();
        assert_eq!(mode(&dir.path().join("a")), 0o700);
        assert_eq!(mode(&deep), 0o700);
        let f = deep.join("x.csv");
        create_file(&f).unwrap();
        assert_eq!(mode(&f), 0o600);

        let db = deep.join("old.sqlite");
        std::fs::write(&db, b"").unwrap();
        std::fs::set_permissions(&db, Permissions::from_mode(0o644)).unwrap();
        let wal = deep.join("old.sqlite-wal");
        std::fs::write(&wal, b"").unwrap();
        std::fs::set_permissions(&wal, Permissions::from_mode(0o664)).unwrap();
        prepare_database(&db).unwrap();
        assert_eq!(mode(&db), 0o600);
        assert_eq!(mode(&wal), 0o600);
    }

    #[test]
    fn a_read_only_database_is_made_private_and_still_opens() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("ro.sqlite");
        rusqlite::Connection::open(&db)
            .unwrap()
            .execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
            .unwrap();
        std::fs::set_permissions(&db, Permissions::from_mode(0o444)).unwrap();
        prepare_database(&db).unwrap();
        // The owner may always change the mode (as root the write open succeeds, otherwise
        // the read-only fallback runs): readable by the owner only now.
        assert_eq!(mode(&db), 0o400);
        let conn = rusqlite::Connection::open(&db).unwrap();
        let n: i64 = conn.query_row("SELECT x FROM t", [], |r| r.get(0)).unwrap();
        assert_eq!(n, 1);
    }

    #[test]
    fn a_key_open_to_the_group_or_others_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let key = dir.path().join("k.pem");
        std::fs::write(&key, b"key").unwrap();
        for (m, ok) in [(0o600, true), (0o400, true), (0o640, false), (0o604, false)] {
            std::fs::set_permissions(&key, Permissions::from_mode(m)).unwrap();
            assert_eq!(check_key_file(&key).is_ok(), ok, "{m:o}");
        }
    }
}
