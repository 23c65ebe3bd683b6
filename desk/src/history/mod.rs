//! The desk's history: every eligibility check (card or insurance card) with its time, method,
//! outcome and the result fields the clerk saw, the consents given, and an audit log of who
//! viewed which patient's drug / checkup / 診療 / 手術 data. One SQLite file on this machine
//! (`$XDG_DATA_HOME/onshi/history.sqlite` unless configured), in WAL mode with
//! `synchronous=FULL`: a check is written once per patient, so the fsync per commit costs
//! nothing a clerk notices, and FULL keeps the last committed check and audit row through a
//! power cut as well as through a killed process (NORMAL in WAL mode may lose the last commits
//! on power loss, which an audit log must not). PINs, 照合番号B and photos are never passed in,
//! so they cannot be stored. The schema is versioned with `user_version`; [`History::open`]
//! migrates an older file and refuses a newer one.

pub mod audit;
pub mod kana;
pub mod view;

use rusqlite::{Connection, OptionalExtension, params};
use std::path::{Path, PathBuf};
use time::{Date, OffsetDateTime};

/// The schema this build writes.
pub const SCHEMA_VERSION: i64 = 5;

/// Japan Standard Time: the day of a check is the day at the desk.
use crate::time::JST;

/// Why the history cannot be used; each says what to do.
#[derive(Debug, thiserror::Error)]
pub enum HistoryError {
    #[error(
        "the history database {} cannot be opened ({source}): check that its folder exists and is writable, or set [history] path in the config",
        path.display()
    )]
    Open {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error("the history folder {} cannot be created ({source}): check its permissions", path.display())]
    Folder {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "the history database {} was written by a newer Onshi Desk (schema {found}, this one knows up to {SCHEMA_VERSION}): update the app",
        path.display()
    )]
    Newer { path: PathBuf, found: i64 },
    #[error(
        "the history database failed ({0}): check the free disk space; if it repeats, copy history.sqlite aside and report it"
    )]
    Sql(#[from] rusqlite::Error),
}

/// How the person was identified.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Method {
    /// マイナ保険証 with the PIN.
    CardPin,
    /// マイナ保険証 with face matching.
    CardFace,
    /// マイナ保険証, 目視 by staff.
    CardVisual,
    /// 保険証 numbers typed by the clerk.
    InsuranceCard,
    /// A row of a 一括照会.
    Batch,
}

impl Method {
    pub const ALL: [Method; 5] = [
        Method::CardPin,
        Method::CardFace,
        Method::CardVisual,
        Method::InsuranceCard,
        Method::Batch,
    ];
    /// The stored code (stable: it is on disk).
    pub fn code(self) -> &'static str {
        match self {
            Method::CardPin => "card-pin",
            Method::CardFace => "card-face",
            Method::CardVisual => "card-visual",
            Method::InsuranceCard => "insurance-card",
            Method::Batch => "batch",
        }
    }
    pub fn from_code(s: &str) -> Option<Method> {
        Method::ALL.into_iter().find(|m| m.code() == s)
    }
}

impl From<crate::flow::Method> for Method {
    fn from(m: crate::flow::Method) -> Method {
        match m {
            crate::flow::Method::Pin => Method::CardPin,
            crate::flow::Method::Face => Method::CardFace,
            crate::flow::Method::Visual => Method::CardVisual,
        }
    }
}

/// 有効 / 無効 / エラー. 該当資格なし counts as 無効 (reason `not-found`), 複数該当 as エラー
/// (reason `multiple`): the clerk must act on both, and a script filters on three values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Outcome {
    Valid,
    Invalid,
    Error,
}

impl Outcome {
    pub const ALL: [Outcome; 3] = [Outcome::Valid, Outcome::Invalid, Outcome::Error];
    /// The stored code, also the CLI's `--outcome` value.
    pub fn code(self) -> &'static str {
        match self {
            Outcome::Valid => "valid",
            Outcome::Invalid => "invalid",
            Outcome::Error => "error",
        }
    }
    pub fn from_code(s: &str) -> Option<Outcome> {
        Outcome::ALL.into_iter().find(|o| o.code() == s)
    }
}

/// A consent question of the visit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ConsentKind {
    /// 限度額適用認定証関連情報.
    Limit,
    /// 特定疾病療養受療証.
    SpecificDiseases,
    /// 薬剤情報.
    Drug,
    /// 特定健診情報.
    Checkup,
    /// 診療情報.
    Diagnosis,
    /// 手術情報.
    Surgery,
}

impl ConsentKind {
    pub const ALL: [ConsentKind; 6] = [
        ConsentKind::Limit,
        ConsentKind::SpecificDiseases,
        ConsentKind::Drug,
        ConsentKind::Checkup,
        ConsentKind::Diagnosis,
        ConsentKind::Surgery,
    ];
    pub fn code(self) -> &'static str {
        match self {
            ConsentKind::Limit => "limit",
            ConsentKind::SpecificDiseases => "specific-diseases",
            ConsentKind::Drug => "drug",
            ConsentKind::Checkup => "checkup",
            ConsentKind::Diagnosis => "diagnosis",
            ConsentKind::Surgery => "surgery",
        }
    }
    pub fn from_code(s: &str) -> Option<ConsentKind> {
        ConsentKind::ALL.into_iter().find(|k| k.code() == s)
    }
}

/// One consent answer and when it was given (the centre's time when it reports one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Consent {
    pub kind: ConsentKind,
    pub agreed: bool,
    pub at: Option<OffsetDateTime>,
}

/// The result fields the clerk sees. Every field is optional: an エラー has only what was
/// typed, a card check only what the centre answered.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Person {
    /// 氏名 (full-width, U+3000 between family and given name).
    pub name: Option<String>,
    /// カナ氏名 as the centre sent it (half-width).
    pub name_kana: Option<String>,
    /// YYYYMMDD.
    pub birth_date: Option<String>,
    /// 性別 code (1 男, 2 女, 3 未設定).
    pub sex: Option<String>,
    /// 保険者番号 without padding.
    pub insurer_number: Option<String>,
    pub insurer_name: Option<String>,
    pub card_symbol: Option<String>,
    pub card_number: Option<String>,
    pub branch: Option<String>,
    /// 本人 / 家族 code.
    pub personal_family: Option<String>,
    /// 負担割合 as 3 digits (030 = 3割).
    pub contribution_ratio: Option<String>,
    /// 有効終了年月日 YYYYMMDD.
    pub valid_until: Option<String>,
    /// 限度額適用区分 code, only with the 限度額 consent.
    pub limit_category: Option<String>,
    /// 医療扶助: 公費負担者番号.
    pub public_expense_number: Option<String>,
    /// 医療扶助: 受給者番号.
    pub beneficiary_number: Option<String>,
    /// 医療扶助: 自治体福祉事務所名.
    pub welfare_office: Option<String>,
    /// 医療扶助: the first 医療券 / 調剤券's 交付番号.
    pub ticket_issue_number: Option<String>,
    /// 医療扶助: its 有効開始日 YYYYMMDD.
    pub ticket_valid_from: Option<String>,
    /// 医療扶助: its 有効終了日 YYYYMMDD.
    pub ticket_valid_until: Option<String>,
    /// 処方箋発行形態 code (OQSCD017: 1 電子, 2 紙), when the patient chose one.
    pub prescription_issue: Option<String>,
}

// Personal data never reaches a log through `{:?}`.
impl std::fmt::Debug for Person {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Person(**)")
    }
}

/// One check to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckRecord {
    pub at: OffsetDateTime,
    pub method: Method,
    pub outcome: Outcome,
    /// A short code for the outcome: 資格喪失事由 code, `not-found`, `multiple`, the centre's
    /// error code, or the client's trouble (`unreachable`, `timed-out`, ...): a
    /// [`Reason::code`], read back with [`CheckRecord::reason`]. Kept as the stored string so
    /// the JSON of `onshi history` and the database stay as they are.
    pub reason_code: Option<String>,
    /// The centre's message, shown to the clerk unchanged.
    pub reason_message: Option<String>,
    pub person: Person,
    pub consents: Vec<Consent>,
}

impl CheckRecord {
    /// The stored reason, read as a [`Reason`].
    pub fn reason(&self) -> Option<Reason> {
        self.reason_code.as_deref().map(Reason::from_code)
    }
}

/// A stored check with its row id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub id: i64,
    pub check: CheckRecord,
}

/// What a search asks for; empty parts match everything. Newest first, at most `limit`.
/// Its Debug says whether a kana prefix is given, not which (the start of a name).
#[derive(Clone, PartialEq, Eq)]
pub struct Query {
    /// Start of the name in kana (half- or full-width katakana or hiragana).
    pub kana_prefix: Option<String>,
    /// First and last day (in Japan), both included.
    pub from: Option<Date>,
    pub to: Option<Date>,
    pub outcome: Option<Outcome>,
    pub limit: usize,
}

impl std::fmt::Debug for Query {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Query")
            .field("kana_prefix", &self.kana_prefix.as_ref().map(|_| "**"))
            .field("from", &self.from)
            .field("to", &self.to)
            .field("outcome", &self.outcome)
            .field("limit", &self.limit)
            .finish()
    }
}

impl Default for Query {
    fn default() -> Query {
        Query {
            kana_prefix: None,
            from: None,
            to: None,
            outcome: None,
            limit: 500,
        }
    }
}

impl Query {
    /// Every check of one day.
    pub fn day(d: Date) -> Query {
        Query {
            from: Some(d),
            to: Some(d),
            ..Query::default()
        }
    }
}

/// Whose data was viewed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Viewed {
    /// 薬剤情報.
    Drug,
    /// 特定健診情報.
    Checkup,
    /// 診療情報.
    Diagnosis,
    /// 手術情報.
    Surgery,
}

impl Viewed {
    pub const ALL: [Viewed; 4] = [
        Viewed::Drug,
        Viewed::Checkup,
        Viewed::Diagnosis,
        Viewed::Surgery,
    ];
    pub fn code(self) -> &'static str {
        match self {
            Viewed::Drug => "drug",
            Viewed::Checkup => "checkup",
            Viewed::Diagnosis => "diagnosis",
            Viewed::Surgery => "surgery",
        }
    }
    pub fn from_code(s: &str) -> Option<Viewed> {
        Viewed::ALL.into_iter().find(|v| v.code() == s)
    }
}

/// One view of a patient's medical data.
#[derive(Clone, PartialEq, Eq)]
pub struct AuditRecord {
    pub at: OffsetDateTime,
    /// The staff account's id.
    pub staff: String,
    /// The check the view was made under, if any (none in 災害時 without a card check).
    pub check_id: Option<i64>,
    /// The patient by their insurance numbers (always given, so a view stays traceable even
    /// when the check row is not at hand).
    pub insurer_number: String,
    pub card_symbol: Option<String>,
    pub card_number: String,
    pub branch: Option<String>,
    pub what: Viewed,
    /// Viewed under 災害時 rules, without a card check.
    pub disaster: bool,
}

impl std::fmt::Debug for AuditRecord {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AuditRecord")
            .field("at", &self.at)
            .field("check_id", &self.check_id)
            .field("what", &self.what)
            .field("disaster", &self.disaster)
            .finish_non_exhaustive()
    }
}

/// The default history file (see [`crate::paths`]).
pub fn default_path() -> PathBuf {
    crate::paths::history()
}

/// The day in Japan of a moment.
pub fn day_in_japan(t: OffsetDateTime) -> Date {
    t.to_offset(JST).date()
}

/// The open history database.
pub struct History {
    conn: Connection,
}

/// The steps from each schema version to the next; `MIGRATIONS[n]` takes version n to n+1.
const MIGRATIONS: [&str; SCHEMA_VERSION as usize] = [
    r#"
CREATE TABLE checks (
    id INTEGER PRIMARY KEY,
    at_ms INTEGER NOT NULL,          -- Unix time in milliseconds
    day TEXT NOT NULL,               -- YYYY-MM-DD in Japan (for a person reading the file)
    method TEXT NOT NULL,
    outcome TEXT NOT NULL,
    reason_code TEXT,
    reason_message TEXT,
    name TEXT,
    name_kana TEXT,
    kana_key TEXT NOT NULL,          -- kana::search_key(name_kana)
    birth_date TEXT,
    sex TEXT,
    insurer_number TEXT,
    insurer_name TEXT,
    card_symbol TEXT,
    card_number TEXT,
    branch TEXT,
    personal_family TEXT,
    contribution_ratio TEXT,
    valid_until TEXT,
    limit_category TEXT
);
-- outcome in the kana index: "ｽｽﾞｷ, 無効" is answered from the index before any row is read.
CREATE INDEX checks_kana ON checks(kana_key, outcome, at_ms);
CREATE INDEX checks_outcome ON checks(outcome, at_ms);
CREATE INDEX checks_at ON checks(at_ms);
CREATE INDEX checks_insured ON checks(insurer_number, card_number);
CREATE TABLE consents (
    check_id INTEGER NOT NULL REFERENCES checks(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    agreed INTEGER NOT NULL,
    at_ms INTEGER,
    PRIMARY KEY (check_id, kind)
) WITHOUT ROWID;
CREATE TABLE audit (
    id INTEGER PRIMARY KEY,
    at_ms INTEGER NOT NULL,
    staff TEXT NOT NULL,
    check_id INTEGER REFERENCES checks(id),
    insurer_number TEXT NOT NULL,
    card_symbol TEXT,
    card_number TEXT NOT NULL,
    branch TEXT,
    what TEXT NOT NULL,
    disaster INTEGER NOT NULL
);
CREATE INDEX audit_at ON audit(at_ms);
CREATE INDEX audit_staff ON audit(staff, at_ms);
CREATE INDEX audit_patient ON audit(insurer_number, card_number, at_ms);
"#,
    AUDIT_CHAIN,
    WELFARE,
    CARD_LEFT,
    PRESCRIPTION,
];

/// Version 4: one row per card left on the reader after its visit (no patient data: the
/// visit's own check row, if it reached the centre, is stored as before). Older files have
/// none; their rows are untouched.
const CARD_LEFT: &str = r#"
CREATE TABLE card_left (
    id INTEGER PRIMARY KEY,
    at_ms INTEGER NOT NULL,          -- when the desk called it left behind
    day TEXT NOT NULL                -- YYYY-MM-DD in Japan
);
CREATE INDEX card_left_at ON card_left(at_ms);
"#;

/// Version 5: the patient's 処方箋発行形態 (`PrescriptionIssueSelect`). Older rows have none:
/// NULL, as a visit where nobody was asked.
const PRESCRIPTION: &str = r#"
ALTER TABLE checks ADD COLUMN prescription_issue TEXT;
"#;

/// Version 3: the 医療扶助 part of a result (公費負担者番号, 受給者番号, 福祉事務所, and the
/// 医療券's 交付番号 and dates). Older rows have none: NULL.
const WELFARE: &str = r#"
ALTER TABLE checks ADD COLUMN public_expense_number TEXT;
ALTER TABLE checks ADD COLUMN beneficiary_number TEXT;
ALTER TABLE checks ADD COLUMN welfare_office TEXT;
ALTER TABLE checks ADD COLUMN ticket_issue_number TEXT;
ALTER TABLE checks ADD COLUMN ticket_valid_from TEXT;
ALTER TABLE checks ADD COLUMN ticket_valid_until TEXT;
"#;

/// Version 2: the audit table records staff events too (the patient columns become optional,
/// `event` says what happened) and each row carries its link of the hash chain
/// ([`audit`]); the rows already there are chained by [`migrate`] in the same step.
const AUDIT_CHAIN: &str = r#"
CREATE TABLE audit_v2 (
    id INTEGER PRIMARY KEY,
    at_ms INTEGER NOT NULL,
    event TEXT NOT NULL,             -- audit::Event code: view, login, login-failed, ...
    staff TEXT NOT NULL,             -- role/name of the account acting (or the name typed)
    subject TEXT,                    -- the account an administrator acted on
    detail TEXT,
    check_id INTEGER REFERENCES checks(id),
    insurer_number TEXT,
    card_symbol TEXT,
    card_number TEXT,
    branch TEXT,
    what TEXT,
    disaster INTEGER NOT NULL DEFAULT 0,
    hash BLOB                        -- SHA-256 link of the chain (audit.rs)
);
INSERT INTO audit_v2 (id, at_ms, event, staff, check_id, insurer_number, card_symbol, card_number, branch, what, disaster)
    SELECT id, at_ms, 'view', staff, check_id, insurer_number, card_symbol, card_number, branch, what, disaster FROM audit;
DROP TABLE audit;
ALTER TABLE audit_v2 RENAME TO audit;
CREATE INDEX audit_at ON audit(at_ms);
CREATE INDEX audit_staff ON audit(staff, at_ms);
CREATE INDEX audit_patient ON audit(insurer_number, card_number, at_ms);
"#;

fn ms(t: OffsetDateTime) -> i64 {
    (t.unix_timestamp_nanos() / 1_000_000) as i64
}

fn from_ms(v: i64) -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp_nanos(i128::from(v) * 1_000_000)
        .unwrap_or(OffsetDateTime::UNIX_EPOCH)
        .to_offset(JST)
}

/// Midnight in Japan at the start of `d`, as at_ms.
fn day_start_ms(d: Date) -> i64 {
    ms(time::PrimitiveDateTime::new(d, time::Time::MIDNIGHT).assume_offset(JST))
}

fn iso(d: Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

/// Brings `conn` to [`SCHEMA_VERSION`], one transaction per step; refuses a newer file.
pub fn migrate(conn: &mut Connection, path: &Path) -> Result<(), HistoryError> {
    let found: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if found > SCHEMA_VERSION {
        return Err(HistoryError::Newer {
            path: path.to_path_buf(),
            found,
        });
    }
    // A negative version is not ours to interpret: start from an empty schema's view.
    for v in found.max(0)..SCHEMA_VERSION {
        let tx = conn.transaction()?;
        tx.execute_batch(MIGRATIONS[v as usize])?;
        if v + 1 == 2 {
            audit::chain_existing(&tx)?;
        }
        // PRAGMA takes no parameters; `v + 1` is our own integer.
        tx.execute_batch(&format!("PRAGMA user_version = {}", v + 1))?;
        tx.commit()?;
        tracing::info!(from = v, to = v + 1, "history schema migrated");
    }
    Ok(())
}

impl History {
    /// Opens (creating the folder and file if needed) and migrates the history at `path`.
    pub fn open(path: &Path) -> Result<History, HistoryError> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            crate::private::create_dir_all(dir).map_err(|source| HistoryError::Folder {
                path: dir.to_path_buf(),
                source,
            })?;
        }
        let open_err = |source| HistoryError::Open {
            path: path.to_path_buf(),
            source,
        };
        crate::private::prepare_sqlite(path).map_err(open_err)?;
        let mut conn = Connection::open(path).map_err(open_err)?;
        // The console and a CLI run may write at once: wait for the other's commit.
        conn.busy_timeout(std::time::Duration::from_secs(5))
            .map_err(open_err)?;
        let mode: String = conn
            .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
            .map_err(open_err)?;
        if !mode.eq_ignore_ascii_case("wal") {
            tracing::warn!(mode, "history database is not in WAL mode");
        }
        conn.execute_batch("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;")
            .map_err(open_err)?;
        migrate(&mut conn, path)?;
        Ok(History { conn })
    }

    /// The underlying connection (tests and the bench use it for PRAGMAs).
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    /// Stores one check and its consents in one transaction; returns its row id.
    pub fn record(&mut self, c: &CheckRecord) -> Result<i64, HistoryError> {
        let tx = self.conn.transaction()?;
        let id = insert_check(&tx, c)?;
        tx.commit()?;
        Ok(id)
    }

    /// Stores many checks in one transaction (a 一括照会 result): all or none.
    pub fn record_all(&mut self, cs: &[CheckRecord]) -> Result<Vec<i64>, HistoryError> {
        let tx = self.conn.transaction()?;
        let ids = cs
            .iter()
            .map(|c| insert_check(&tx, c))
            .collect::<Result<Vec<_>, _>>()?;
        tx.commit()?;
        Ok(ids)
    }

    /// Counts one card left on the reader after its visit, at `at`.
    pub fn record_card_left(&mut self, at: OffsetDateTime) -> Result<i64, HistoryError> {
        self.conn.execute(
            "INSERT INTO card_left (at_ms, day) VALUES (?1, ?2)",
            params![ms(at), iso(day_in_japan(at))],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    /// How many cards were left on the reader on `day` (in Japan).
    pub fn cards_left_on(&self, day: Date) -> Result<u32, HistoryError> {
        let start = day_start_ms(day);
        let end = day.next_day().map_or(i64::MAX, day_start_ms);
        Ok(self.conn.query_row(
            "SELECT COUNT(*) FROM card_left WHERE at_ms >= ?1 AND at_ms < ?2",
            params![start, end],
            |r| r.get(0),
        )?)
    }

    /// One stored check.
    pub fn get(&self, id: i64) -> Result<Option<Entry>, HistoryError> {
        let mut st = self
            .conn
            .prepare_cached(&format!("SELECT {COLUMNS} FROM checks WHERE id = ?1"))?;
        let mut found: Vec<Entry> = st
            .query_row([id], read_row)
            .optional()?
            .into_iter()
            .collect();
        self.fill_consents(&mut found)?;
        Ok(found.pop())
    }

    /// The checks of `day` (in Japan), newest first.
    pub fn day(&self, day: Date) -> Result<Vec<Entry>, HistoryError> {
        self.search(&Query::day(day))
    }

    /// Today's checks (in Japan), newest first.
    pub fn today(&self) -> Result<Vec<Entry>, HistoryError> {
        self.day(day_in_japan(OffsetDateTime::now_utc()))
    }

    /// The checks matching `q`, newest first.
    pub fn search(&self, q: &Query) -> Result<Vec<Entry>, HistoryError> {
        let (sql, args) = search_sql(q);
        let mut st = self.conn.prepare_cached(&sql)?;
        let mut out = st
            .query_map(rusqlite::params_from_iter(args), read_row)?
            .collect::<Result<Vec<_>, _>>()?;
        self.fill_consents(&mut out)?;
        Ok(out)
    }

    /// The checks whose patient agreed to `kind` at or after `since` (the centre's consent
    /// time, or the check's time when the centre gave none), newest first: the data viewer
    /// asks "a check of this patient within 24 h with drug / checkup consent" by filtering
    /// these on the insurance numbers. A refused consent never matches.
    pub fn consented_since(
        &self,
        kind: ConsentKind,
        since: OffsetDateTime,
    ) -> Result<Vec<Entry>, HistoryError> {
        let cols = COLUMNS
            .split(", ")
            .map(|c| format!("checks.{c}"))
            .collect::<Vec<_>>()
            .join(", ");
        let mut st = self.conn.prepare_cached(&format!(
            "SELECT {cols} FROM checks JOIN consents ON consents.check_id = checks.id
             WHERE consents.kind = ?1 AND consents.agreed = 1
               AND COALESCE(consents.at_ms, checks.at_ms) >= ?2
             ORDER BY checks.at_ms DESC, checks.id DESC"
        ))?;
        let mut out = st
            .query_map(params![kind.code(), ms(since)], read_row)?
            .collect::<Result<Vec<_>, _>>()?;
        self.fill_consents(&mut out)?;
        Ok(out)
    }

    /// SQLite's plan for `q` (EXPLAIN QUERY PLAN details), for the bench and the tests.
    pub fn plan(&self, q: &Query) -> Result<Vec<String>, HistoryError> {
        let (sql, args) = search_sql(q);
        let mut st = self.conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}"))?;
        let rows = st.query_map(rusqlite::params_from_iter(args), |r| r.get::<_, String>(3))?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }
}

/// The SQL and parameters of a search.
fn search_sql(q: &Query) -> (String, Vec<rusqlite::types::Value>) {
    let mut sql = format!("SELECT {COLUMNS} FROM checks WHERE 1");
    let mut args: Vec<rusqlite::types::Value> = Vec::new();
    let kana = q
        .kana_prefix
        .as_deref()
        .map(kana::search_key)
        .filter(|p| !p.is_empty());
    // With a name, the kana index is the selective one (a name is a few rows in 100,000, an
    // outcome or a year thousands); without statistics SQLite would pick the outcome index.
    // A unary `+` keeps a column out of index choice; checks_kana still filters on it.
    let other = if kana.is_some() { "+" } else { "" };
    if let Some(p) = kana {
        // A range on the key, not LIKE: it uses the index and has no wildcards to
        // escape. U+10FFFF sorts after every character in UTF-8 byte order.
        sql.push_str(" AND kana_key >= ? AND kana_key < ?");
        args.push(format!("{p}\u{10FFFF}").into());
        args.insert(args.len() - 1, p.into());
    }
    // Days as a range of at_ms: the newest-first scan of checks_at then needs no sort and
    // stops at the limit.
    if let Some(d) = q.from {
        sql.push_str(&format!(" AND {other}at_ms >= ?"));
        args.push(day_start_ms(d).into());
    }
    if let Some(d) = q.to {
        sql.push_str(&format!(" AND {other}at_ms < ?"));
        args.push(day_start_ms(d.next_day().unwrap_or(d)).into());
    }
    if let Some(o) = q.outcome {
        sql.push_str(&format!(" AND {other}outcome = ?"));
        args.push(o.code().to_string().into());
    }
    sql.push_str(" ORDER BY at_ms DESC, id DESC LIMIT ?");
    args.push((q.limit.min(i64::MAX as usize) as i64).into());
    (sql, args)
}

impl History {
    /// The consents of many checks with one query per 500 (not one per check).
    fn fill_consents(&self, entries: &mut [Entry]) -> Result<(), HistoryError> {
        for chunk in entries.chunks_mut(500) {
            let marks = vec!["?"; chunk.len()].join(",");
            let mut st = self.conn.prepare_cached(&format!(
                "SELECT check_id, kind, agreed, at_ms FROM consents WHERE check_id IN ({marks})"
            ))?;
            let ids = chunk.iter().map(|e| e.id);
            let rows = st.query_map(rusqlite::params_from_iter(ids), |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, bool>(2)?,
                    r.get::<_, Option<i64>>(3)?,
                ))
            })?;
            let mut by_id: std::collections::HashMap<i64, Vec<Consent>> =
                std::collections::HashMap::new();
            for row in rows {
                let (id, kind, agreed, at) = row?;
                if let Some(kind) = ConsentKind::from_code(&kind) {
                    by_id.entry(id).or_default().push(Consent {
                        kind,
                        agreed,
                        at: at.map(from_ms),
                    });
                }
            }
            for e in chunk.iter_mut() {
                let mut v = by_id.remove(&e.id).unwrap_or_default();
                v.sort_by_key(|c| ConsentKind::ALL.iter().position(|k| *k == c.kind));
                e.check.consents = v;
            }
        }
        Ok(())
    }

    /// The views in the audit between two moments (inclusive), oldest first.
    pub fn audit_between(
        &self,
        from: OffsetDateTime,
        to: OffsetDateTime,
    ) -> Result<Vec<(i64, AuditRecord)>, HistoryError> {
        let mut st = self.conn.prepare_cached(
            "SELECT id, at_ms, staff, check_id, insurer_number, card_symbol, card_number, branch, what, disaster
             FROM audit WHERE event = 'view' AND at_ms >= ?1 AND at_ms <= ?2 ORDER BY at_ms, id",
        )?;
        let rows = st.query_map([ms(from), ms(to)], |r| {
            let what: String = r.get(8)?;
            Ok((
                r.get::<_, i64>(0)?,
                AuditRecord {
                    at: from_ms(r.get(1)?),
                    staff: r.get(2)?,
                    check_id: r.get(3)?,
                    insurer_number: r.get(4)?,
                    card_symbol: r.get(5)?,
                    card_number: r.get(6)?,
                    branch: r.get(7)?,
                    what: Viewed::from_code(&what).ok_or_else(|| {
                        rusqlite::Error::InvalidColumnType(
                            8,
                            "what".into(),
                            rusqlite::types::Type::Text,
                        )
                    })?,
                    disaster: r.get(9)?,
                },
            ))
        })?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }

    /// Lets SQLite refresh its statistics where they are stale, so it keeps choosing the
    /// right index as the history grows (also run when the history is closed).
    pub fn optimize(&self) -> Result<(), HistoryError> {
        self.conn.execute_batch("PRAGMA optimize")?;
        Ok(())
    }

    /// `PRAGMA integrity_check` says `ok`.
    pub fn integrity_ok(&self) -> Result<bool, HistoryError> {
        let s: String = self
            .conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        Ok(s == "ok")
    }
}

impl Drop for History {
    fn drop(&mut self) {
        // SQLite's advice: optimize before closing. A failure here changes nothing stored.
        if let Err(e) = self.optimize() {
            tracing::debug!(error = %e, "PRAGMA optimize on close failed");
        }
    }
}

const COLUMNS: &str = "id, at_ms, method, outcome, reason_code, reason_message, name, name_kana, birth_date, sex, insurer_number, insurer_name, card_symbol, card_number, branch, personal_family, contribution_ratio, valid_until, limit_category, public_expense_number, beneficiary_number, welfare_office, ticket_issue_number, ticket_valid_from, ticket_valid_until, prescription_issue";

fn bad_code(i: usize, what: &str) -> rusqlite::Error {
    rusqlite::Error::InvalidColumnType(i, what.into(), rusqlite::types::Type::Text)
}

fn read_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Entry> {
    let method: String = r.get(2)?;
    let outcome: String = r.get(3)?;
    Ok(Entry {
        id: r.get(0)?,
        check: CheckRecord {
            at: from_ms(r.get(1)?),
            method: Method::from_code(&method).ok_or_else(|| bad_code(2, "method"))?,
            outcome: Outcome::from_code(&outcome).ok_or_else(|| bad_code(3, "outcome"))?,
            reason_code: r.get(4)?,
            reason_message: r.get(5)?,
            person: Person {
                name: r.get(6)?,
                name_kana: r.get(7)?,
                birth_date: r.get(8)?,
                sex: r.get(9)?,
                insurer_number: r.get(10)?,
                insurer_name: r.get(11)?,
                card_symbol: r.get(12)?,
                card_number: r.get(13)?,
                branch: r.get(14)?,
                personal_family: r.get(15)?,
                contribution_ratio: r.get(16)?,
                valid_until: r.get(17)?,
                limit_category: r.get(18)?,
                public_expense_number: r.get(19)?,
                beneficiary_number: r.get(20)?,
                welfare_office: r.get(21)?,
                ticket_issue_number: r.get(22)?,
                ticket_valid_from: r.get(23)?,
                ticket_valid_until: r.get(24)?,
                prescription_issue: r.get(25)?,
            },
            consents: Vec::new(),
        },
    })
}

fn insert_check(tx: &rusqlite::Transaction<'_>, c: &CheckRecord) -> Result<i64, HistoryError> {
    let p = &c.person;
    let key = p
        .name_kana
        .as_deref()
        .map(kana::search_key)
        .unwrap_or_default();
    tx.prepare_cached(
        "INSERT INTO checks (at_ms, day, method, outcome, reason_code, reason_message, name, name_kana, kana_key,
            birth_date, sex, insurer_number, insurer_name, card_symbol, card_number, branch, personal_family,
            contribution_ratio, valid_until, limit_category, public_expense_number, beneficiary_number,
            welfare_office, ticket_issue_number, ticket_valid_from, ticket_valid_until, prescription_issue)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20,
            ?21, ?22, ?23, ?24, ?25, ?26, ?27)",
    )?
    .execute(params![
        ms(c.at),
        iso(day_in_japan(c.at)),
        c.method.code(),
        c.outcome.code(),
        c.reason_code,
        c.reason_message,
        p.name,
        p.name_kana,
        key,
        p.birth_date,
        p.sex,
        p.insurer_number,
        p.insurer_name,
        p.card_symbol,
        p.card_number,
        p.branch,
        p.personal_family,
        p.contribution_ratio,
        p.valid_until,
        p.limit_category,
        p.public_expense_number,
        p.beneficiary_number,
        p.welfare_office,
        p.ticket_issue_number,
        p.ticket_valid_from,
        p.ticket_valid_until,
        p.prescription_issue,
    ])?;
    let id = tx.last_insert_rowid();
    let mut st = tx.prepare_cached(
        "INSERT OR REPLACE INTO consents (check_id, kind, agreed, at_ms) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for k in &c.consents {
        st.execute(params![id, k.kind.code(), k.agreed, k.at.map(ms)])?;
    }
    Ok(id)
}

pub(crate) mod from_centre;
pub use from_centre::{error_code, from_client_error, from_eligibility};
mod reason;
pub use reason::{NEW_QUALIFICATION, Reason, UNREGISTERED};

#[cfg(test)]
mod tests;
