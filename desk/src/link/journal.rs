//! The link's journal (SQLite, 0600): every request taken from `req/` with its bytes until it
//! is answered, and every answer or face file not yet in its folder. A request is taken into
//! the journal before its file is removed, and an answer is stored before the request is
//! marked answered, so a restart, a centre that cannot be reached or a `res` / `face` folder
//! that is full or read-only loses nothing: the next run goes on from the journal. A request
//! name is answered once: the same name again is refused.

use rusqlite::{Connection, OptionalExtension, params};
use sha2::{Digest, Sha256};
use std::path::Path;

const SCHEMA: &str = "
PRAGMA journal_mode = WAL;
PRAGMA synchronous = FULL;
-- state: 0 queued (bytes kept), 1 answered, 2 refused (malformed: answered with an error).
CREATE TABLE IF NOT EXISTS requests (name TEXT PRIMARY KEY, digest TEXT NOT NULL,
  received_at TEXT NOT NULL, bytes BLOB, state INTEGER NOT NULL, attempts INTEGER NOT NULL,
  last_error TEXT);
-- folder: 'res' or 'face'. Written in order; removed once the file is in its folder.
CREATE TABLE IF NOT EXISTS outbox (id INTEGER PRIMARY KEY, folder TEXT NOT NULL,
  name TEXT NOT NULL UNIQUE, bytes BLOB NOT NULL, created_at TEXT NOT NULL);
";

/// Request states.
pub const QUEUED: i64 = 0;
pub const ANSWERED: i64 = 1;
pub const REFUSED: i64 = 2;

/// What taking a request into the journal did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Accepted {
    /// New: queued.
    New,
    /// This very file was taken before (the desk stopped before removing it): nothing to do
    /// but remove it.
    Again,
    /// The name was taken before for another request or already answered: refuse it.
    NameUsed,
}

/// A request waiting for the centre.
#[derive(Debug, Clone)]
pub struct Queued {
    pub name: String,
    pub bytes: Vec<u8>,
    pub attempts: i64,
}

/// An answer or face file waiting for its folder.
#[derive(Debug, Clone)]
pub struct Pending {
    pub id: i64,
    /// `res` or `face`.
    pub folder: String,
    pub name: String,
    pub bytes: Vec<u8>,
}

/// A request read from `req/`, for [`Journal::accept_many`].
pub struct Taken<'a> {
    pub name: &'a str,
    pub bytes: &'a [u8],
    /// The error answer's name and bytes when the request cannot be read.
    pub refused: Option<(&'a str, &'a [u8])>,
}

fn accept_in(
    tx: &rusqlite::Transaction<'_>,
    t: &Taken<'_>,
    at: &str,
) -> rusqlite::Result<Accepted> {
    let d = digest(t.bytes);
    let old: Option<(String, i64)> = tx
        .query_row(
            "SELECT digest, state FROM requests WHERE name = ?1",
            params![t.name],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    if let Some((old, state)) = old {
        return Ok(if old == d && state == QUEUED {
            Accepted::Again
        } else {
            Accepted::NameUsed
        });
    }
    match t.refused {
        None => {
            tx.execute(
                "INSERT INTO requests (name, digest, received_at, bytes, state, attempts) \
                 VALUES (?1, ?2, ?3, ?4, ?5, 0)",
                params![t.name, d, at, t.bytes, QUEUED],
            )?;
        }
        Some((answer_name, answer)) => {
            tx.execute(
                "INSERT INTO requests (name, digest, received_at, bytes, state, attempts) \
                 VALUES (?1, ?2, ?3, NULL, ?4, 0)",
                params![t.name, d, at, REFUSED],
            )?;
            tx.execute(
                "INSERT INTO outbox (folder, name, bytes, created_at) VALUES ('res', ?1, ?2, ?3)",
                params![answer_name, answer, at],
            )?;
        }
    }
    Ok(Accepted::New)
}

/// The journal's database.
pub struct Journal {
    conn: Connection,
}

fn digest(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

impl Journal {
    pub fn open(path: &Path) -> rusqlite::Result<Journal> {
        crate::private::prepare_sqlite(path)?;
        let conn = Connection::open(path)?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        conn.execute_batch(SCHEMA)?;
        Ok(Journal { conn })
    }

    /// Takes a request read from `req/` (`refused`: it could not be read and gets an error
    /// answer, stored as `answer` in the same transaction).
    pub fn accept(
        &mut self,
        name: &str,
        bytes: &[u8],
        at: &str,
        refused: Option<(&str, &[u8])>,
    ) -> rusqlite::Result<Accepted> {
        Ok(self
            .accept_many(
                &[Taken {
                    name,
                    bytes,
                    refused,
                }],
                at,
            )?
            .remove(0))
    }

    /// [`Journal::accept`] for the requests of one round, in one transaction (one sync for
    /// a burst instead of one per file).
    pub fn accept_many(
        &mut self,
        items: &[Taken<'_>],
        at: &str,
    ) -> rusqlite::Result<Vec<Accepted>> {
        let tx = self.conn.transaction()?;
        let mut out = Vec::with_capacity(items.len());
        for t in items {
            out.push(accept_in(&tx, t, at)?);
        }
        tx.commit()?;
        Ok(out)
    }

    /// Requests waiting for the centre, oldest first.
    pub fn queued(&self) -> rusqlite::Result<Vec<Queued>> {
        let mut st = self.conn.prepare(
            "SELECT name, bytes, attempts FROM requests WHERE state = ?1 \
             ORDER BY received_at, rowid",
        )?;
        let rows = st.query_map(params![QUEUED], |r| {
            Ok(Queued {
                name: r.get(0)?,
                bytes: r.get(1)?,
                attempts: r.get(2)?,
            })
        })?;
        rows.collect()
    }

    /// Records an answer: stored in the outbox and the request marked answered, together.
    pub fn answered(
        &mut self,
        name: &str,
        answer_name: &str,
        answer: &[u8],
        at: &str,
    ) -> rusqlite::Result<()> {
        let tx = self.conn.transaction()?;
        tx.execute(
            "UPDATE requests SET state = ?2, bytes = NULL, last_error = NULL WHERE name = ?1",
            params![name, ANSWERED],
        )?;
        tx.execute(
            "INSERT OR IGNORE INTO outbox (folder, name, bytes, created_at) VALUES ('res', ?1, ?2, ?3)",
            params![answer_name, answer, at],
        )?;
        tx.commit()
    }

    /// A try that failed for now (the centre could not be reached): the request stays
    /// queued.
    pub fn retry_later(&self, name: &str, why: &str) -> rusqlite::Result<()> {
        self.conn.execute(
            "UPDATE requests SET attempts = attempts + 1, last_error = ?2 WHERE name = ?1",
            params![name, why],
        )?;
        Ok(())
    }

    /// A face file to write.
    pub fn add_face(&self, name: &str, bytes: &[u8], at: &str) -> rusqlite::Result<()> {
        self.conn.execute(
            "INSERT INTO outbox (folder, name, bytes, created_at) VALUES ('face', ?1, ?2, ?3)",
            params![name, bytes, at],
        )?;
        Ok(())
    }

    /// Files waiting for their folder, oldest first.
    pub fn pending(&self) -> rusqlite::Result<Vec<Pending>> {
        let mut st = self
            .conn
            .prepare("SELECT id, folder, name, bytes FROM outbox ORDER BY id")?;
        let rows = st.query_map([], |r| {
            Ok(Pending {
                id: r.get(0)?,
                folder: r.get(1)?,
                name: r.get(2)?,
                bytes: r.get(3)?,
            })
        })?;
        rows.collect()
    }

    /// The file is in its folder.
    pub fn written(&self, id: i64) -> rusqlite::Result<()> {
        self.conn
            .execute("DELETE FROM outbox WHERE id = ?1", params![id])?;
        Ok(())
    }

    /// (queued requests, files waiting for their folder).
    pub fn counts(&self) -> rusqlite::Result<(usize, usize)> {
        let q: i64 = self.conn.query_row(
            "SELECT COUNT(*) FROM requests WHERE state = ?1",
            params![QUEUED],
            |r| r.get(0),
        )?;
        let o: i64 = self
            .conn
            .query_row("SELECT COUNT(*) FROM outbox", [], |r| r.get(0))?;
        Ok((q as usize, o as usize))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_is_taken_once_and_a_queue_survives_reopening() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("link.sqlite");
        let mut j = Journal::open(&path).unwrap();
        assert_eq!(j.accept("a", b"1", "t1", None).unwrap(), Accepted::New);
        assert_eq!(j.accept("a", b"1", "t1", None).unwrap(), Accepted::Again);
        assert_eq!(j.accept("a", b"2", "t2", None).unwrap(), Accepted::NameUsed);
        assert_eq!(
            j.accept("b", b"x", "t2", Some(("b-res", b"err"))).unwrap(),
            Accepted::New
        );
        drop(j);
        let mut j = Journal::open(&path).unwrap();
        let q = j.queued().unwrap();
        assert_eq!(q.len(), 1);
        assert_eq!(
            (q[0].name.as_str(), q[0].bytes.as_slice()),
            ("a", &b"1"[..])
        );
        assert_eq!(j.counts().unwrap(), (1, 1));
        j.answered("a", "a-res", b"ok", "t3").unwrap();
        assert_eq!(j.accept("a", b"1", "t4", None).unwrap(), Accepted::NameUsed);
        let p = j.pending().unwrap();
        assert_eq!(
            p.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(),
            ["b-res", "a-res"]
        );
        j.written(p[0].id).unwrap();
        assert_eq!(j.counts().unwrap(), (0, 1));
        let mode = std::os::unix::fs::PermissionsExt::mode(
            &std::fs::metadata(&path).unwrap().permissions(),
        );
        assert_eq!(mode & 0o777, 0o600);
    }
}
