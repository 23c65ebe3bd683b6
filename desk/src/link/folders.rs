//! The link's folder tree (`req`, `req/error`, `res`, `face`) and how files get into it:
//! whole or not at all, never replacing a file that is there, readable by the desk's account
//! only unless the settings name the group of the clinic's system account.

use std::fs::{DirBuilder, File, Permissions};
use std::io::{self, Write};
use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
use std::path::{Path, PathBuf};

/// Who may read what the desk writes into the link folders.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Folders 0700, files 0600: the desk's account only.
    Private,
    /// Folders 0750, files 0640, owned by this group (the clinic system's account).
    Group(u32),
}

impl Mode {
    fn dir(self) -> u32 {
        match self {
            Mode::Private => 0o700,
            Mode::Group(_) => 0o750,
        }
    }
    fn file(self) -> u32 {
        match self {
            Mode::Private => 0o600,
            Mode::Group(_) => 0o640,
        }
    }
    fn gid(self) -> Option<u32> {
        match self {
            Mode::Private => None,
            Mode::Group(g) => Some(g),
        }
    }
}

/// The link's folders under one root.
#[derive(Debug, Clone)]
pub struct LinkFolders {
    pub root: PathBuf,
    mode: Mode,
}

impl LinkFolders {
    /// Makes the root and `req`, `req/error`, `res`, `face` where missing (folders that exist
    /// keep their mode: the clinic may have shared them on purpose).
    pub fn open(root: &Path, mode: Mode) -> io::Result<LinkFolders> {
        let f = LinkFolders {
            root: root.to_path_buf(),
            mode,
        };
        for d in [f.root.clone(), f.req(), f.req_error(), f.res(), f.face()] {
            if !d.is_dir() {
                DirBuilder::new()
                    .recursive(true)
                    .mode(mode.dir())
                    .create(&d)?;
                if let Some(g) = mode.gid() {
                    std::os::unix::fs::chown(&d, None, Some(g))?;
                }
            }
        }
        Ok(f)
    }

    pub fn req(&self) -> PathBuf {
        self.root.join("req")
    }
    pub fn req_error(&self) -> PathBuf {
        self.root.join("req").join("error")
    }
    pub fn res(&self) -> PathBuf {
        self.root.join("res")
    }
    pub fn face(&self) -> PathBuf {
        self.root.join("face")
    }

    /// Writes `bytes` as `dir/name`, whole or not at all, without replacing a file of that
    /// name: `AlreadyExists` if there is one. The temporary file is hidden (`.name.…partial`)
    /// so a clinic system watching the folder never sees a half-written answer.
    pub fn write_new(&self, dir: &Path, name: &str, bytes: &[u8]) -> io::Result<()> {
        let tmp = tempfile::Builder::new()
            .prefix(&format!(".{name}."))
            .suffix(".partial")
            .permissions(Permissions::from_mode(self.mode.file()))
            .tempfile_in(dir)?;
        {
            let mut w = io::BufWriter::new(tmp.as_file());
            w.write_all(bytes)?;
            w.flush()?;
        }
        if let Some(g) = self.mode.gid() {
            std::os::unix::fs::fchown(tmp.as_file(), None, Some(g))?;
        }
        tmp.as_file().sync_all()?;
        tmp.persist_noclobber(dir.join(name)).map_err(|e| e.error)?;
        File::open(dir)?.sync_all()
    }

    /// Moves a request that cannot be answered normally into `req/error/`, under its own name
    /// or, if that is taken, with `.1`, `.2`, … appended; returns the new path.
    pub fn move_to_error(&self, name: &str) -> io::Result<PathBuf> {
        let from = self.req().join(name);
        let dir = self.req_error();
        for n in 0..1000 {
            let to = if n == 0 {
                dir.join(name)
            } else {
                dir.join(format!("{name}.{n}"))
            };
            // hard_link + remove never replaces a file that is there.
            match std::fs::hard_link(&from, &to) {
                Ok(()) => {
                    std::fs::remove_file(&from)?;
                    File::open(&dir)?.sync_all()?;
                    File::open(self.req())?.sync_all()?;
                    return Ok(to);
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(e),
            }
        }
        Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            "req/error holds 1000 files of this name",
        ))
    }

    /// Removes requests that were taken into the journal (the folder synced once).
    pub fn remove_requests(&self, names: &[&str]) -> io::Result<()> {
        if names.is_empty() {
            return Ok(());
        }
        for name in names {
            match std::fs::remove_file(self.req().join(name)) {
                Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
                _ => {}
            }
        }
        File::open(self.req())?.sync_all()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mode(p: &Path) -> u32 {
        std::fs::metadata(p).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn folders_are_private_answers_are_whole_and_never_replace_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let f = LinkFolders::open(&dir.path().join("OQS"), Mode::Private).unwrap();
        for d in [f.root.clone(), f.req(), f.req_error(), f.res(), f.face()] {
            assert_eq!(mode(&d), 0o700, "{}", d.display());
        }
        f.write_new(&f.res(), "OQSsiquc01res_1.xml", b"first")
            .unwrap();
        let p = f.res().join("OQSsiquc01res_1.xml");
        assert_eq!(mode(&p), 0o600);
        let e = f
            .write_new(&f.res(), "OQSsiquc01res_1.xml", b"second")
            .unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(std::fs::read(&p).unwrap(), b"first");
        // Nothing but the answer is left in the folder (no temporary file).
        let names: Vec<_> = std::fs::read_dir(f.res()).unwrap().collect();
        assert_eq!(names.len(), 1);
    }

    #[test]
    fn a_named_group_may_read() {
        let dir = tempfile::tempdir().unwrap();
        let gid = std::fs::metadata(dir.path()).unwrap();
        let gid = std::os::unix::fs::MetadataExt::gid(&gid);
        let f = LinkFolders::open(&dir.path().join("OQS"), Mode::Group(gid)).unwrap();
        assert_eq!(mode(&f.face()), 0o750);
        f.write_new(&f.face(), "x.xml", b"x").unwrap();
        assert_eq!(mode(&f.face().join("x.xml")), 0o640);
    }

    #[test]
    fn a_request_moved_to_error_keeps_an_earlier_one_of_the_same_name() {
        let dir = tempfile::tempdir().unwrap();
        let f = LinkFolders::open(dir.path(), Mode::Private).unwrap();
        for body in [b"one", b"two"] {
            std::fs::write(f.req().join("OQSsiquc01req_a.xml"), body).unwrap();
            f.move_to_error("OQSsiquc01req_a.xml").unwrap();
        }
        assert_eq!(
            std::fs::read(f.req_error().join("OQSsiquc01req_a.xml")).unwrap(),
            b"one"
        );
        assert_eq!(
            std::fs::read(f.req_error().join("OQSsiquc01req_a.xml.1")).unwrap(),
            b"two"
        );
        assert!(!f.req().join("OQSsiquc01req_a.xml").exists());
    }
}
