//! Which requests in `req/` are ready to read. A clinic's system may still be writing a file
//! when the desk first sees it (a copy over the network, a program that writes in pieces), so
//! a file is handed over only when it has been seen with the same size and modification time
//! on `needed` scans in a row, and is not empty. The watcher holds no clock and does no I/O of
//! its own beyond listing the folder: the caller decides how often to scan, so tests drive it
//! scan by scan without sleeping.

use eligibility::link::LinkFileName;
use std::collections::HashMap;
use std::io;
use std::path::Path;
use std::time::SystemTime;

/// One file seen in `req/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seen {
    pub name: String,
    pub len: u64,
    pub modified: Option<SystemTime>,
}

/// Lists the request files in `dir` (regular files whose name is a `req` name of the link;
/// anything else, including symbolic links and the desk's own hidden files, is left alone).
pub fn list(dir: &Path) -> io::Result<Vec<Seen>> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir)? {
        let e = e?;
        let Ok(name) = e.file_name().into_string() else {
            continue;
        };
        if !LinkFileName::parse(&name).is_ok_and(|n| n.request) {
            continue;
        }
        // symlink_metadata: a link planted in req/ is not followed.
        let Ok(m) = std::fs::symlink_metadata(e.path()) else {
            continue;
        };
        if !m.file_type().is_file() {
            continue;
        }
        out.push(Seen {
            name,
            len: m.len(),
            modified: m.modified().ok(),
        });
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(out)
}

/// Remembers what each scan saw and says which files stopped changing.
#[derive(Debug)]
pub struct Watcher {
    needed: u32,
    seen: HashMap<String, (u64, Option<SystemTime>, u32)>,
}

impl Watcher {
    /// `needed` identical sightings in a row make a file ready (at least 2).
    pub fn new(needed: u32) -> Watcher {
        Watcher {
            needed: needed.max(2),
            seen: HashMap::new(),
        }
    }

    /// Takes one scan; returns the names that became ready, in name order. A ready name is
    /// forgotten (the caller takes the file away); a file that reappears starts over.
    pub fn observe(&mut self, scan: &[Seen]) -> Vec<String> {
        self.seen
            .retain(|name, _| scan.iter().any(|s| &s.name == name));
        let mut ready = Vec::new();
        for s in scan {
            let entry = self
                .seen
                .entry(s.name.clone())
                .or_insert((s.len, s.modified, 0));
            if entry.0 == s.len && entry.1 == s.modified {
                entry.2 += 1;
            } else {
                *entry = (s.len, s.modified, 1);
            }
            if entry.2 >= self.needed && s.len > 0 {
                ready.push(s.name.clone());
            }
        }
        for r in &ready {
            self.seen.remove(r);
        }
        ready
    }

    /// Files seen but not ready yet.
    pub fn waiting(&self) -> usize {
        self.seen.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn a_file_still_being_written_is_not_handed_over() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("OQSsiquc01req_1.xml");
        let mut f = std::fs::File::create(&p).unwrap();
        f.write_all(b"<?xml version=\"1.0\"?><XmlMsg>").unwrap();
        f.sync_all().unwrap();
        std::fs::write(dir.path().join("notes.txt"), b"x").unwrap();
        let mut w = Watcher::new(2);
        assert!(w.observe(&list(dir.path()).unwrap()).is_empty());
        // The writer goes on: the size changed, so it starts over.
        f.write_all(b"<MessageHeader/>").unwrap();
        f.sync_all().unwrap();
        assert!(w.observe(&list(dir.path()).unwrap()).is_empty());
        // Finished: seen twice the same, then handed over once.
        f.write_all(b"</XmlMsg>").unwrap();
        f.sync_all().unwrap();
        assert!(w.observe(&list(dir.path()).unwrap()).is_empty());
        assert_eq!(
            w.observe(&list(dir.path()).unwrap()),
            vec!["OQSsiquc01req_1.xml".to_string()]
        );
        assert_eq!(w.waiting(), 0);
    }

    #[test]
    fn empty_files_and_other_names_wait() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("OQSsiquc01req_2.xml"), b"").unwrap();
        std::fs::write(dir.path().join("OQSsiquc01res_2.xml"), b"x").unwrap();
        std::fs::write(dir.path().join(".OQSsiquc01req_3.xml.tmp"), b"x").unwrap();
        let mut w = Watcher::new(2);
        for _ in 0..3 {
            assert!(w.observe(&list(dir.path()).unwrap()).is_empty());
        }
        assert_eq!(w.waiting(), 1, "only the empty request is watched");
    }
}
