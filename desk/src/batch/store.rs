//! The 一括照会 jobs on disk: one SQLite file (`batches.sqlite`, WAL) beside the history, holding
//! each imported list (its rows as read), the idempotency key it is uploaded with, the 受付番号
//! once the centre has answered it, and each row's result once downloaded. Every step is one
//! committed transaction before the next network request, so an app or process that dies at
//! any point finds, on the next start, exactly what it had: a list not yet uploaded is
//! uploaded again with the same key (the centre answers the same 受付番号), a list with a
//! 受付番号 is polled, a finished list is shown. Names and numbers stay on this machine
//! (personal data at rest, as the history); nothing here logs them.

use super::import::{Column, Import, RowProblem};
use eligibility::client::BatchKey;
use eligibility::xml::SearchInfo;
use rusqlite::{Connection, OptionalExtension, params};
use std::path::{Path, PathBuf};

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS job (
  id INTEGER PRIMARY KEY,
  batch_key TEXT NOT NULL UNIQUE,
  digest TEXT NOT NULL,
  institution TEXT NOT NULL,
  created_at TEXT NOT NULL,
  reception TEXT,
  -- imported | uploaded | done | failed
  state TEXT NOT NULL,
  failure TEXT
);
CREATE INDEX IF NOT EXISTS job_digest ON job(digest, institution, state);
CREATE TABLE IF NOT EXISTS job_row (
  job INTEGER NOT NULL REFERENCES job(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  line INTEGER NOT NULL,
  name TEXT NOT NULL, insurer TEXT NOT NULL, symbol TEXT NOT NULL,
  number TEXT NOT NULL, branch TEXT NOT NULL, birth TEXT NOT NULL,
  -- bad (never sent) | pending | valid | invalid | notfound | multiple | error
  outcome TEXT NOT NULL,
  code TEXT, message TEXT, lost_on TEXT, lost_reason TEXT,
  PRIMARY KEY (job, seq)
) WITHOUT ROWID;
-- One upload per 資格確認日 of a job ('' = none sent: the centre's day of receipt), with the
-- 受付番号 the centre gave it.
CREATE TABLE IF NOT EXISTS job_upload (
  job INTEGER NOT NULL REFERENCES job(id) ON DELETE CASCADE,
  date TEXT NOT NULL,
  reception TEXT NOT NULL,
  PRIMARY KEY (job, date)
) WITHOUT ROWID;
";

/// Why the batch store cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(
        "the 一括照会 store {} cannot be opened ({source}): check that its folder exists and is writable",
        path.display()
    )]
    Open {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error(
        "the 一括照会 store could not be read or written ({0}): check free disk space; the last saved step is kept"
    )]
    Sql(#[from] rusqlite::Error),
    #[error("no 一括照会 job {0} in the store: list the jobs again")]
    NoJob(i64),
}

/// Where a job stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JobState {
    /// Saved, not yet acknowledged by the centre.
    Imported,
    /// The centre has it under a 受付番号.
    Uploaded,
    /// Every row has its result.
    Done,
    /// The centre could not process it: import the list again (a new key).
    Failed,
}

impl JobState {
    fn as_str(self) -> &'static str {
        match self {
            JobState::Imported => "imported",
            JobState::Uploaded => "uploaded",
            JobState::Done => "done",
            JobState::Failed => "failed",
        }
    }
    fn parse(s: &str) -> JobState {
        match s {
            "uploaded" => JobState::Uploaded,
            "done" => JobState::Done,
            "failed" => JobState::Failed,
            _ => JobState::Imported,
        }
    }
}

/// A job as stored.
#[derive(Debug, Clone)]
pub struct Job {
    pub id: i64,
    pub key: BatchKey,
    pub institution: String,
    pub created_at: String,
    pub reception: Option<String>,
    pub state: JobState,
    /// The centre's words when it failed the batch.
    pub failure: Option<String>,
}

/// What became of one row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Refused at import; never sent.
    Bad(RowProblem),
    /// Sent, no result yet.
    Pending,
    /// 有効
    Valid,
    /// 無効 (資格喪失), with the loss date (YYYYMMDD) and reason code when the centre gave them.
    Invalid {
        lost_on: Option<String>,
        reason: Option<String>,
    },
    /// 該当資格なし
    NotFound,
    /// 複数該当: check at the desk.
    Multiple,
    /// エラー from the centre, with its code and message.
    Error {
        code: Option<String>,
        message: Option<String>,
    },
}

/// One row of a job: the cells as read and its outcome. Its Debug leaves the cells out.
#[derive(Clone)]
pub struct StoredRow {
    /// Position in the list (0-based), also the row's ArbitraryIdentifier at the centre.
    pub seq: usize,
    pub line: usize,
    pub cells: [String; 7],
    pub outcome: Outcome,
    /// What the clerk should look at on the day although the row was answered.
    pub follow_up: FollowUp,
    /// The 資格確認日 the row is (or was) checked for, YYYYMMDD; `None` until the centre
    /// answers a row sent without one (it then answers for its day of receipt).
    pub confirm_date: Option<String>,
}

/// The 一括照会 follow-ups of an answered row (the seed's 「保険情報が変わっていないか」).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FollowUp {
    /// The list's cells the centre's 保険者番号 / 記号 / 番号 / 枝番 differ from.
    pub changed: Vec<Column>,
    /// LimitApplicationCertificateChanged = 1: the 限度額 information changed (or cannot be
    /// told).
    pub limit_changed: bool,
}

impl FollowUp {
    pub fn is_empty(&self) -> bool {
        self.changed.is_empty() && !self.limit_changed
    }
    /// Stored as codes separated by `;` (no comma: the column is never quoted).
    fn code(&self) -> Option<String> {
        if self.is_empty() {
            return None;
        }
        let mut parts: Vec<&str> = self
            .changed
            .iter()
            .map(|c| match c {
                Column::Insurer => "insurer",
                Column::Symbol => "symbol",
                Column::Number => "number",
                Column::Branch => "branch",
                Column::Name => "name",
                Column::Birth => "birth",
                Column::Date => "date",
            })
            .collect();
        if self.limit_changed {
            parts.push("limit");
        }
        Some(parts.join(";"))
    }
    fn from_code(s: Option<String>) -> FollowUp {
        let mut f = FollowUp::default();
        for p in s.as_deref().unwrap_or("").split(';') {
            match p {
                "insurer" => f.changed.push(Column::Insurer),
                "symbol" => f.changed.push(Column::Symbol),
                "number" => f.changed.push(Column::Number),
                "branch" => f.changed.push(Column::Branch),
                "limit" => f.limit_changed = true,
                _ => {}
            }
        }
        f
    }
}

impl std::fmt::Debug for StoredRow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StoredRow")
            .field("seq", &self.seq)
            .field("line", &self.line)
            .field("outcome", &self.outcome)
            .finish_non_exhaustive()
    }
}

impl StoredRow {
    pub fn cell(&self, c: Column) -> &str {
        &self.cells[c as usize]
    }
    /// The query of a row that was valid at import.
    pub fn search(&self) -> Option<SearchInfo> {
        super::import::validate(&self.cells).ok()
    }
}

/// The open store.
pub struct Store {
    conn: Connection,
}

/// `batches.sqlite` in `dir` (the folder of the history).
pub fn default_file(dir: &Path) -> PathBuf {
    dir.join("batches.sqlite")
}

impl Store {
    /// Opens (or creates) the store, in WAL mode with full sync: a 受付番号 that was saved is
    /// never lost to a crash.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let err = |source| StoreError::Open {
            path: path.to_path_buf(),
            source,
        };
        crate::private::prepare_sqlite(path).map_err(err)?;
        let conn = Connection::open(path).map_err(err)?;
        conn.busy_timeout(std::time::Duration::from_secs(5))
            .map_err(err)?;
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(err)?;
        conn.pragma_update(None, "synchronous", "FULL")
            .map_err(err)?;
        conn.pragma_update(None, "foreign_keys", "ON")
            .map_err(err)?;
        conn.execute_batch(SCHEMA).map_err(err)?;
        // Added after the first stores were written: a store without it gets it.
        let has_follow_up: bool = conn
            .prepare("SELECT 1 FROM pragma_table_info('job_row') WHERE name = 'follow_up'")
            .and_then(|mut s| s.exists([]))
            .map_err(err)?;
        if !has_follow_up {
            conn.execute_batch("ALTER TABLE job_row ADD COLUMN follow_up TEXT")
                .map_err(err)?;
        }
        // Likewise the 予約日 cell and the row's 資格確認日 (YYYYMMDD; NULL: the day the centre
        // received it, filled in from its answer).
        let has_date: bool = conn
            .prepare("SELECT 1 FROM pragma_table_info('job_row') WHERE name = 'confirm_date'")
            .and_then(|mut s| s.exists([]))
            .map_err(err)?;
        if !has_date {
            conn.execute_batch(
                "ALTER TABLE job_row ADD COLUMN date_cell TEXT NOT NULL DEFAULT ''; \
                 ALTER TABLE job_row ADD COLUMN confirm_date TEXT",
            )
            .map_err(err)?;
        }
        Ok(Store { conn })
    }

    /// Saves an imported list as a new job with a fresh key. `digest` names the file's content
    /// (see [`digest`]) so that running the same file again resumes instead of re-sending.
    pub fn create(
        &mut self,
        import: &Import,
        digest: &str,
        institution: &str,
    ) -> Result<Job, StoreError> {
        self.create_for(import, digest, institution, None)
    }

    /// [`Store::create`] with the 資格確認日 of the rows without a 予約日 of their own (`None`:
    /// the day the centre receives the list).
    pub fn create_for(
        &mut self,
        import: &Import,
        digest: &str,
        institution: &str,
        date: Option<time::Date>,
    ) -> Result<Job, StoreError> {
        let key = BatchKey::new();
        let now = now_text();
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO job (batch_key, digest, institution, created_at, state) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![key.as_str(), digest, institution, now, JobState::Imported.as_str()],
        )?;
        let id = tx.last_insert_rowid();
        {
            let mut ins = tx.prepare_cached(
                "INSERT INTO job_row (job, seq, line, name, insurer, symbol, number, branch, birth, outcome, date_cell, confirm_date) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            )?;
            for (seq, r) in import.rows.iter().enumerate() {
                let c = &r.cells;
                ins.execute(params![
                    id,
                    seq as i64,
                    r.line as i64,
                    c[0],
                    c[1],
                    c[2],
                    c[3],
                    c[4],
                    c[5],
                    if r.parsed.is_ok() { "pending" } else { "bad" },
                    c[6],
                    r.parsed
                        .is_ok()
                        .then(|| r.date().or(date))
                        .flatten()
                        .map(wire_date)
                ])?;
            }
        }
        tx.commit()?;
        tracing::info!(job = id, rows = import.rows.len(), "一括照会 list saved");
        self.job(id)
    }

    pub fn job(&self, id: i64) -> Result<Job, StoreError> {
        self.conn
            .query_row(
                "SELECT id, batch_key, institution, created_at, reception, state, failure FROM job WHERE id = ?1",
                [id],
                job_of,
            )
            .optional()?
            .ok_or(StoreError::NoJob(id))
    }

    /// The newest job of this file and institution that is not finished (to resume it).
    pub fn unfinished(&self, digest: &str, institution: &str) -> Result<Option<Job>, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT id, batch_key, institution, created_at, reception, state, failure FROM job \
                 WHERE digest = ?1 AND institution = ?2 AND state IN ('imported', 'uploaded') \
                 ORDER BY id DESC LIMIT 1",
                params![digest, institution],
                job_of,
            )
            .optional()?)
    }

    /// Every job, newest first (for the batch screen's list).
    pub fn jobs(&self) -> Result<Vec<Job>, StoreError> {
        let mut st = self.conn.prepare(
            "SELECT id, batch_key, institution, created_at, reception, state, failure FROM job ORDER BY id DESC",
        )?;
        let v = st.query_map([], job_of)?.collect::<Result<_, _>>()?;
        Ok(v)
    }

    /// Records the 受付番号 (committed before anything else happens).
    pub fn set_reception(&mut self, id: i64, reception: &str) -> Result<(), StoreError> {
        self.conn.execute(
            "UPDATE job SET reception = ?2, state = ?3 WHERE id = ?1",
            params![id, reception, JobState::Uploaded.as_str()],
        )?;
        Ok(())
    }

    /// The centre failed the batch: a new upload (new key) is needed.
    pub fn set_failed(&mut self, id: i64, failure: &str) -> Result<(), StoreError> {
        self.conn.execute(
            "UPDATE job SET state = ?2, failure = ?3 WHERE id = ?1",
            params![id, JobState::Failed.as_str(), failure],
        )?;
        Ok(())
    }

    /// The 受付番号 of the job's upload for `date` (`""`: no date sent), if saved. A job saved
    /// before uploads were kept per date has its one 受付番号 on the job.
    pub fn upload_reception(&self, job: &Job, date: &str) -> Result<Option<String>, StoreError> {
        let r: Option<String> = self
            .conn
            .query_row(
                "SELECT reception FROM job_upload WHERE job = ?1 AND date = ?2",
                params![job.id, date],
                |r| r.get(0),
            )
            .optional()?;
        Ok(r.or_else(|| (date.is_empty()).then(|| job.reception.clone()).flatten()))
    }

    /// Records the 受付番号 of the upload for `date` (the job's own 受付番号 is the first one),
    /// committed before anything else happens.
    pub fn set_upload_reception(
        &mut self,
        id: i64,
        date: &str,
        reception: &str,
    ) -> Result<(), StoreError> {
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT OR REPLACE INTO job_upload (job, date, reception) VALUES (?1, ?2, ?3)",
            params![id, date, reception],
        )?;
        tx.execute(
            "UPDATE job SET reception = coalesce(reception, ?2), state = ?3 WHERE id = ?1",
            params![id, reception, JobState::Uploaded.as_str()],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Stores the result of one upload (its rows' outcomes and follow-ups, and the day the
    /// centre answered for on rows sent without one), leaving the job unfinished.
    pub fn save_results(
        &mut self,
        id: i64,
        results: &[(usize, Outcome)],
        follow_ups: &[(usize, FollowUp)],
        answered_for: Option<&str>,
    ) -> Result<(), StoreError> {
        let tx = self.conn.transaction()?;
        Self::write_results(&tx, id, results, follow_ups)?;
        if let Some(day) = answered_for {
            let mut up = tx.prepare_cached(
                "UPDATE job_row SET confirm_date = ?3 WHERE job = ?1 AND seq = ?2 AND confirm_date IS NULL",
            )?;
            for (seq, _) in results {
                up.execute(params![id, *seq as i64, day])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Marks the job done (every upload's result saved).
    pub fn set_done(&mut self, id: i64) -> Result<(), StoreError> {
        self.conn.execute(
            "UPDATE job SET state = ?2 WHERE id = ?1",
            params![id, JobState::Done.as_str()],
        )?;
        Ok(())
    }

    /// Stores every row's result and marks the job done, in one transaction.
    pub fn finish(&mut self, id: i64, results: &[(usize, Outcome)]) -> Result<(), StoreError> {
        self.finish_with(id, results, &[])
    }

    /// [`Store::finish`] with each answered row's follow-ups, in the same transaction.
    pub fn finish_with(
        &mut self,
        id: i64,
        results: &[(usize, Outcome)],
        follow_ups: &[(usize, FollowUp)],
    ) -> Result<(), StoreError> {
        let tx = self.conn.transaction()?;
        Self::write_results(&tx, id, results, follow_ups)?;
        tx.execute(
            "UPDATE job SET state = ?2 WHERE id = ?1",
            params![id, JobState::Done.as_str()],
        )?;
        tx.commit()?;
        Ok(())
    }

    fn write_results(
        tx: &rusqlite::Transaction<'_>,
        id: i64,
        results: &[(usize, Outcome)],
        follow_ups: &[(usize, FollowUp)],
    ) -> Result<(), StoreError> {
        {
            let mut up = tx.prepare_cached(
                "UPDATE job_row SET follow_up = ?3 WHERE job = ?1 AND seq = ?2 AND outcome <> 'bad'",
            )?;
            for (seq, f) in follow_ups {
                up.execute(params![id, *seq as i64, f.code()])?;
            }
        }
        {
            let mut up = tx.prepare_cached(
                "UPDATE job_row SET outcome = ?3, code = ?4, message = ?5, lost_on = ?6, lost_reason = ?7 \
                 WHERE job = ?1 AND seq = ?2 AND outcome <> 'bad'",
            )?;
            for (seq, o) in results {
                let (kind, code, message, lost_on, reason) = match o {
                    Outcome::Bad(_) | Outcome::Pending => continue,
                    Outcome::Valid => ("valid", None, None, None, None),
                    Outcome::Invalid { lost_on, reason } => {
                        ("invalid", None, None, lost_on.as_deref(), reason.as_deref())
                    }
                    Outcome::NotFound => ("notfound", None, None, None, None),
                    Outcome::Multiple => ("multiple", None, None, None, None),
                    Outcome::Error { code, message } => {
                        ("error", code.as_deref(), message.as_deref(), None, None)
                    }
                };
                up.execute(params![
                    id,
                    *seq as i64,
                    kind,
                    code,
                    message,
                    lost_on,
                    reason
                ])?;
            }
        }
        Ok(())
    }

    /// The rows of a job in list order.
    pub fn rows(&self, id: i64) -> Result<Vec<StoredRow>, StoreError> {
        let mut st = self.conn.prepare_cached(
            "SELECT seq, line, name, insurer, symbol, number, branch, birth, outcome, code, message, lost_on, lost_reason, follow_up, date_cell, confirm_date \
             FROM job_row WHERE job = ?1 ORDER BY seq",
        )?;
        let rows = st
            .query_map([id], |r| {
                let cells: [String; 7] = [
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                    r.get(7)?,
                    r.get(14)?,
                ];
                let kind: String = r.get(8)?;
                let outcome = match kind.as_str() {
                    "valid" => Outcome::Valid,
                    "invalid" => Outcome::Invalid {
                        lost_on: r.get(11)?,
                        reason: r.get(12)?,
                    },
                    "notfound" => Outcome::NotFound,
                    "multiple" => Outcome::Multiple,
                    "error" => Outcome::Error {
                        code: r.get(9)?,
                        message: r.get(10)?,
                    },
                    // The problem is found again from the cells: validation is deterministic.
                    "bad" => Outcome::Bad(problem_of(&cells)),
                    _ => Outcome::Pending,
                };
                Ok(StoredRow {
                    seq: r.get::<_, i64>(0)? as usize,
                    line: r.get::<_, i64>(1)? as usize,
                    cells,
                    outcome,
                    follow_up: FollowUp::from_code(r.get(13)?),
                    confirm_date: r.get(15)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }
}

fn problem_of(cells: &[String; 7]) -> RowProblem {
    super::import::validate(cells)
        .err()
        // Cells that validate were refused for a 予約日 already past at import.
        .or_else(|| {
            super::import::row_date(cells).map(|_| RowProblem {
                column: Column::Date,
                problem: super::import::Problem::PastDate,
            })
        })
        // A row refused for a missing cell validates again as that cell being empty.
        .unwrap_or(RowProblem {
            column: Column::Insurer,
            problem: super::import::Problem::MissingColumn,
        })
}

fn job_of(r: &rusqlite::Row<'_>) -> rusqlite::Result<Job> {
    let key: String = r.get(1)?;
    Ok(Job {
        id: r.get(0)?,
        key: key.parse().map_err(|e: eligibility::ClientError| {
            rusqlite::Error::FromSqlConversionFailure(1, rusqlite::types::Type::Text, Box::new(e))
        })?,
        institution: r.get(2)?,
        created_at: r.get(3)?,
        reception: r.get(4)?,
        state: JobState::parse(&r.get::<_, String>(5)?),
        failure: r.get(6)?,
    })
}

/// A day as the wire and the store write it (YYYYMMDD).
pub fn wire_date(d: time::Date) -> String {
    format!("{:04}{:02}{:02}", d.year(), u8::from(d.month()), d.day())
}

fn now_text() -> String {
    let now = time::OffsetDateTime::now_utc();
    now.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

/// The content digest of a list file (SHA-256, hex): the same file names the same job.
pub fn digest(bytes: &[u8]) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(bytes))
}
