//! The centre's SQLite store: schema, seeding from `assets/sim/` (fixed people, institutions,
//! persona certificate links, plus a deterministic synthetic population with drug history and
//! checkups), and the look-ups the handlers need. Connections are pooled because rusqlite
//! connections cannot be shared between threads.

use super::error::{CentreError, Result};
use eligibility::ids::{CardNumber, CardSymbol, InsurerNumber};
use rusqlite::{Connection, OptionalExtension, params};
use serde::Deserialize;
use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// One qualification row.
#[derive(Clone)]
pub struct Qual {
    pub id: i64,
    pub key: String,
    pub insurer: String,
    pub insurer_name: String,
    pub symbol: String,
    pub number: String,
    pub branch: String,
    pub name: String,
    pub kana: String,
    pub sex: u8,
    pub birth: String,
    pub family: u8,
    pub since: String,
    pub lost: String,
    pub reason: String,
    pub ratio: String,
    pub elderly_ratio: String,
    pub limit_class: String,
    pub limit_cat: String,
    pub disease_cat: String,
    pub disease_selfpay: String,
    pub preschool: bool,
    pub insured_name: String,
    pub address: String,
    pub post: String,
    /// 医療扶助 (生活保護): the welfare office's part, when this qualification is one.
    pub welfare: Option<Welfare>,
    /// Its 限度額適用認定証 information changed (the 一括照会 flag).
    pub limit_changed: bool,
    /// The 照会番号 the asking institution registered for this person, once looked up
    /// ([`fill_reference_numbers`]).
    pub reference_number: Option<String>,
}

/// A 医療扶助 qualification's 福祉事務所 data. The qualification's insurer is the
/// 公費負担者番号 (法別 12) and its number the 受給者番号.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Welfare {
    /// 自治体福祉事務所名.
    pub office: String,
    /// The 福祉事務所 has registered this month's 医療券 / 調剤券 (false: the centre answers
    /// 有効（未登録）, 「未委託・未登録」, as before about the 15th of a month).
    pub ticket: bool,
    /// 交付番号 of the 医療券.
    pub issue_number: String,
    /// 本人支払額 in yen (empty: none).
    pub self_pay: String,
}

/// Names, numbers, birth date and address stay out of Debug (DESIGN.md privacy rules).
impl std::fmt::Debug for Qual {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Qual")
            .field("id", &self.id)
            .field("insurer", &self.insurer)
            .field("family", &self.family)
            .field("since", &self.since)
            .field("lost", &self.lost)
            .field("reason", &self.reason)
            .field("ratio", &self.ratio)
            .field("limit_class", &self.limit_class)
            .finish_non_exhaustive()
    }
}

impl Qual {
    /// Valid on `date` (YYYYMMDD): acquired on or before, not yet lost.
    pub fn valid_on(&self, date: &str) -> bool {
        self.since.as_str() <= date && (self.lost.is_empty() || date < self.lost.as_str())
    }
}

const SCHEMA: &str = "
PRAGMA journal_mode = WAL;
PRAGMA synchronous = NORMAL;
CREATE TABLE IF NOT EXISTS quals (
  id INTEGER PRIMARY KEY, key TEXT NOT NULL, insurer TEXT NOT NULL, insurer_name TEXT NOT NULL,
  symbol TEXT NOT NULL, number TEXT NOT NULL, branch TEXT NOT NULL, name TEXT NOT NULL,
  kana TEXT NOT NULL, sex INTEGER NOT NULL, birth TEXT NOT NULL, family INTEGER NOT NULL,
  since TEXT NOT NULL, lost TEXT NOT NULL, reason TEXT NOT NULL, ratio TEXT NOT NULL,
  elderly_ratio TEXT NOT NULL, limit_class TEXT NOT NULL, limit_cat TEXT NOT NULL,
  disease_cat TEXT NOT NULL, disease_selfpay TEXT NOT NULL, preschool INTEGER NOT NULL,
  insured_name TEXT NOT NULL, address TEXT NOT NULL, post TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS quals_card ON quals(insurer, number, symbol);
CREATE INDEX IF NOT EXISTS quals_key ON quals(key);
CREATE TABLE IF NOT EXISTS institutions (code TEXT PRIMARY KEY, name TEXT NOT NULL, area TEXT NOT NULL);
-- PROPOSED lookup rule: a card is linked by its auth certificate's serial (lowercase hex) and
-- issuer DN (RFC 4514 text); see simulators::centre::cardauth.
CREATE TABLE IF NOT EXISTS cert_links (serial TEXT NOT NULL, issuer TEXT NOT NULL,
  key TEXT NOT NULL, linked_at TEXT NOT NULL, PRIMARY KEY (serial, issuer));
-- The insurers' records of who holds a card not yet registered (links.toml [known], refreshed
-- at every start): the stand-in for the 個人番号 the insurers register, which the simulator
-- never holds. A registration with the patient's agreement only links from here.
CREATE TABLE IF NOT EXISTS cert_known (serial TEXT NOT NULL, issuer TEXT NOT NULL,
  key TEXT NOT NULL, PRIMARY KEY (serial, issuer));
CREATE TABLE IF NOT EXISTS consents (key TEXT NOT NULL, institution TEXT NOT NULL,
  kind TEXT NOT NULL, given_at TEXT NOT NULL, until TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS consents_key ON consents(key, institution, kind);
CREATE TABLE IF NOT EXISTS drugs (key TEXT NOT NULL, month TEXT NOT NULL, di_date TEXT NOT NULL,
  institution TEXT NOT NULL, institution_name TEXT NOT NULL, code TEXT NOT NULL,
  name TEXT NOT NULL, ingredient TEXT NOT NULL, quantity TEXT NOT NULL, unit TEXT NOT NULL,
  usage TEXT NOT NULL, times TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS drugs_key ON drugs(key);
CREATE TABLE IF NOT EXISTS checkups (key TEXT NOT NULL, date TEXT NOT NULL, item_code TEXT NOT NULL,
  item_name TEXT NOT NULL, value TEXT NOT NULL, unit TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS checkups_key ON checkups(key);
-- 一括照会: the upload itself is stored with the batch when it is accepted, so a batch
-- survives a restart; file_id is the client's idempotency key (ArbitraryFileIdentifier) and
-- digest the SHA-256 of its rows. state: 0 accepted, 1 done, 2 failed.
CREATE TABLE IF NOT EXISTS bulk (reception TEXT PRIMARY KEY, institution TEXT NOT NULL,
  file_id TEXT, digest TEXT NOT NULL, received_at TEXT NOT NULL, request BLOB NOT NULL,
  state INTEGER NOT NULL, result BLOB);
CREATE UNIQUE INDEX IF NOT EXISTS bulk_file_id ON bulk(institution, file_id)
  WHERE file_id IS NOT NULL;
CREATE TABLE IF NOT EXISTS disaster (area TEXT NOT NULL, start TEXT NOT NULL, end TEXT NOT NULL);
-- 医療扶助: the 福祉事務所's part of a qualification (quals.id); ticket 1 = 医療券 registered.
CREATE TABLE IF NOT EXISTS welfare (qual INTEGER PRIMARY KEY, office TEXT NOT NULL,
  ticket INTEGER NOT NULL, issue_number TEXT NOT NULL, self_pay TEXT NOT NULL);
-- Qualifications (quals.id) whose 限度額適用認定証 information changed: their 一括照会 rows say
-- LimitApplicationCertificateChanged = 1 (a seed flag: the simulator keeps no earlier answers).
CREATE TABLE IF NOT EXISTS limit_changes (qual INTEGER PRIMARY KEY);
-- 照会番号: an institution's own number for a person (quals.key), returned in every later
-- result of that person to that institution. One per person and institution: a new
-- registration replaces the old number.
CREATE TABLE IF NOT EXISTS refnos (institution TEXT NOT NULL, key TEXT NOT NULL,
  refno TEXT NOT NULL, registered_at TEXT NOT NULL, PRIMARY KEY (institution, key));
";

/// A small pool of connections to one database file.
pub struct Db {
    conns: Vec<Mutex<Connection>>,
    next: AtomicUsize,
}

impl Db {
    pub fn open(path: &Path, pool: usize) -> Result<Db> {
        let mut conns = Vec::new();
        for _ in 0..pool.max(1) {
            let c = Connection::open(path)?;
            c.busy_timeout(std::time::Duration::from_secs(10))?;
            c.execute_batch(SCHEMA)?;
            conns.push(Mutex::new(c));
        }
        Ok(Db {
            conns,
            next: AtomicUsize::new(0),
        })
    }

    /// Runs `f` on a free connection (round robin, then wait on the chosen one).
    pub fn with<T>(&self, f: impl FnOnce(&mut Connection) -> Result<T>) -> Result<T> {
        let n = self.conns.len();
        let start = self.next.fetch_add(1, Ordering::Relaxed);
        for i in 0..n {
            if let Ok(mut c) = self.conns[(start + i) % n].try_lock() {
                return f(&mut c);
            }
        }
        // A panic while holding a connection leaves SQLite consistent (transactions roll
        // back when dropped), so a poisoned lock is still usable.
        let mut c = self.conns[start % n]
            .lock()
            .unwrap_or_else(|p| p.into_inner());
        f(&mut c)
    }
}

const QUAL_COLS: &str = "id, key, insurer, insurer_name, symbol, number, branch, name, kana, sex, birth, family, since, lost, reason, ratio, elderly_ratio, limit_class, limit_cat, disease_cat, disease_selfpay, preschool, insured_name, address, post";

fn qual_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Qual> {
    Ok(Qual {
        id: r.get(0)?,
        key: r.get(1)?,
        insurer: r.get(2)?,
        insurer_name: r.get(3)?,
        symbol: r.get(4)?,
        number: r.get(5)?,
        branch: r.get(6)?,
        name: r.get(7)?,
        kana: r.get(8)?,
        sex: r.get(9)?,
        birth: r.get(10)?,
        family: r.get(11)?,
        since: r.get(12)?,
        lost: r.get(13)?,
        reason: r.get(14)?,
        ratio: r.get(15)?,
        elderly_ratio: r.get(16)?,
        limit_class: r.get(17)?,
        limit_cat: r.get(18)?,
        disease_cat: r.get(19)?,
        disease_selfpay: r.get(20)?,
        preschool: r.get(21)?,
        insured_name: r.get(22)?,
        address: r.get(23)?,
        post: r.get(24)?,
        welfare: None,
        limit_changed: false,
        reference_number: None,
    })
}

/// Fills in the 医療扶助 part of the rows that have one.
fn with_welfare(c: &Connection, mut rows: Vec<Qual>) -> Result<Vec<Qual>> {
    let mut st = c.prepare_cached(
        "SELECT office, ticket, issue_number, self_pay FROM welfare WHERE qual = ?1",
    )?;
    for q in &mut rows {
        q.welfare = st
            .query_row(params![q.id], |r| {
                Ok(Welfare {
                    office: r.get(0)?,
                    ticket: r.get(1)?,
                    issue_number: r.get(2)?,
                    self_pay: r.get(3)?,
                })
            })
            .optional()?;
    }
    let mut st = c.prepare_cached("SELECT 1 FROM limit_changes WHERE qual = ?1")?;
    for q in &mut rows {
        q.limit_changed = st.exists(params![q.id])?;
    }
    Ok(rows)
}

/// Sets each row's 照会番号 as registered by `institution`.
pub fn fill_reference_numbers(c: &Connection, institution: &str, rows: &mut [Qual]) -> Result<()> {
    let mut st =
        c.prepare_cached("SELECT refno FROM refnos WHERE institution = ?1 AND key = ?2")?;
    for q in rows {
        q.reference_number = st
            .query_row(params![institution, q.key], |r| r.get(0))
            .optional()?;
    }
    Ok(())
}

/// Registers (or replaces) `institution`'s 照会番号 for the person `key`.
pub fn set_reference_number(
    c: &Connection,
    institution: &str,
    key: &str,
    refno: &str,
    at: &str,
) -> Result<()> {
    c.prepare_cached(
        "INSERT INTO refnos (institution, key, refno, registered_at) VALUES (?1, ?2, ?3, ?4) \
         ON CONFLICT (institution, key) DO UPDATE SET refno = ?3, registered_at = ?4",
    )?
    .execute(params![institution, key, refno, at])?;
    Ok(())
}

/// Qualifications with this card's insurer, symbol and number (normalised forms).
pub fn quals_by_card(
    c: &Connection,
    insurer: &str,
    symbol: &str,
    number: &str,
) -> Result<Vec<Qual>> {
    let mut st = c.prepare_cached(&format!(
        "SELECT {QUAL_COLS} FROM quals WHERE insurer = ?1 AND number = ?2 AND symbol = ?3 \
         ORDER BY since, id"
    ))?;
    let rows = st.query_map(params![insurer, number, symbol], qual_from_row)?;
    with_welfare(c, rows.collect::<rusqlite::Result<_>>()?)
}

pub fn quals_by_key(c: &Connection, key: &str) -> Result<Vec<Qual>> {
    let mut st = c.prepare_cached(&format!(
        "SELECT {QUAL_COLS} FROM quals WHERE key = ?1 ORDER BY since, id"
    ))?;
    let rows = st.query_map(params![key], qual_from_row)?;
    with_welfare(c, rows.collect::<rusqlite::Result<_>>()?)
}

/// The person key a certificate is linked to, if registered.
pub fn linked_key(c: &Connection, serial: &str, issuer: &str) -> Result<Option<String>> {
    Ok(
        c.prepare_cached("SELECT key FROM cert_links WHERE serial = ?1 AND issuer = ?2")?
            .query_row(params![serial, issuer], |r| r.get(0))
            .optional()?,
    )
}

/// Whether this person already has a linked certificate.
pub fn key_has_link(c: &Connection, key: &str) -> Result<bool> {
    Ok(c.prepare_cached("SELECT 1 FROM cert_links WHERE key = ?1")?
        .query_row(params![key], |_| Ok(()))
        .optional()?
        .is_some())
}

/// The person the insurers' records name as this certificate's holder, for a registration
/// with the patient's agreement only.
pub fn known_key(c: &Connection, serial: &str, issuer: &str) -> Result<Option<String>> {
    Ok(
        c.prepare_cached("SELECT key FROM cert_known WHERE serial = ?1 AND issuer = ?2")?
            .query_row(params![serial, issuer], |r| r.get(0))
            .optional()?,
    )
}

pub fn link(c: &Connection, serial: &str, issuer: &str, key: &str, at: &str) -> Result<()> {
    c.execute(
        "INSERT INTO cert_links (serial, issuer, key, linked_at) VALUES (?1, ?2, ?3, ?4)",
        params![serial, issuer, key, at],
    )?;
    Ok(())
}

/// Institution name and area.
pub fn institution(c: &Connection, code: &str) -> Result<Option<(String, String)>> {
    Ok(
        c.prepare_cached("SELECT name, area FROM institutions WHERE code = ?1")?
            .query_row(params![code], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?,
    )
}

pub fn add_consent(
    c: &Connection,
    key: &str,
    inst: &str,
    kind: &str,
    at: &str,
    until: &str,
) -> Result<()> {
    c.prepare_cached(
        "INSERT INTO consents (key, institution, kind, given_at, until) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![key, inst, kind, at, until])?;
    Ok(())
}

/// Latest consent of `kind` given at this institution that is still open at `now`.
pub fn open_consent(
    c: &Connection,
    key: &str,
    inst: &str,
    kind: &str,
    now: &str,
) -> Result<Option<(String, String)>> {
    Ok(c.prepare_cached(
        "SELECT given_at, until FROM consents WHERE key = ?1 AND institution = ?2 AND kind = ?3 \
             AND given_at <= ?4 AND until > ?4 ORDER BY given_at DESC LIMIT 1",
    )?
    .query_row(params![key, inst, kind, now], |r| {
        Ok((r.get(0)?, r.get(1)?))
    })
    .optional()?)
}

/// States of a stored 一括照会.
pub const BULK_ACCEPTED: i64 = 0;
pub const BULK_DONE: i64 = 1;
pub const BULK_FAILED: i64 = 2;

/// What accepting an upload did.
#[derive(Debug, PartialEq, Eq)]
pub enum Accepted {
    /// Stored as a new batch with this 受付番号.
    New(String),
    /// The same key and rows were accepted before: that batch's 受付番号.
    Again(String),
    /// The key was used before for different rows.
    KeyReused,
}

/// A batch to accept: stored with its request in one transaction.
pub struct NewBulk<'a> {
    pub reception: &'a str,
    pub institution: &'a str,
    pub file_id: Option<&'a str>,
    pub digest: &'a str,
    pub at: &'a str,
    pub request: &'a [u8],
}

pub fn bulk_accept(c: &mut Connection, b: &NewBulk<'_>) -> Result<Accepted> {
    let tx = c.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    if let Some(id) = b.file_id {
        let old: Option<(String, String)> = tx
            .prepare_cached(
                "SELECT reception, digest FROM bulk WHERE institution = ?1 AND file_id = ?2",
            )?
            .query_row(params![b.institution, id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        if let Some((reception, digest)) = old {
            return Ok(if digest == b.digest {
                Accepted::Again(reception)
            } else {
                Accepted::KeyReused
            });
        }
    }
    tx.execute(
        "INSERT INTO bulk (reception, institution, file_id, digest, received_at, request, state) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            b.reception,
            b.institution,
            b.file_id,
            b.digest,
            b.at,
            b.request,
            BULK_ACCEPTED
        ],
    )?;
    tx.commit()?;
    Ok(Accepted::New(b.reception.to_string()))
}

/// The stored upload of a batch and when it was received (YYYYMMDDHHmmss JST).
pub fn bulk_request(c: &Connection, reception: &str) -> Result<Option<(Vec<u8>, String)>> {
    Ok(
        c.prepare_cached("SELECT request, received_at FROM bulk WHERE reception = ?1")?
            .query_row(params![reception], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?,
    )
}

/// Records the outcome: the result document (done) or `None` (failed).
pub fn bulk_finish(c: &Connection, reception: &str, result: Option<&[u8]>) -> Result<()> {
    let state = if result.is_some() {
        BULK_DONE
    } else {
        BULK_FAILED
    };
    c.execute(
        "UPDATE bulk SET state = ?2, result = ?3 WHERE reception = ?1",
        params![reception, state, result],
    )?;
    Ok(())
}

/// Batches accepted but not finished (to resume at start-up), oldest first.
pub fn bulk_unfinished(c: &Connection) -> Result<Vec<String>> {
    let mut st = c.prepare_cached(
        "SELECT reception FROM bulk WHERE state = ?1 ORDER BY received_at, reception",
    )?;
    let rows = st.query_map(params![BULK_ACCEPTED], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// State and result of a batch of this institution.
pub fn bulk_get(
    c: &Connection,
    reception: &str,
    institution: &str,
) -> Result<Option<(i64, Option<Vec<u8>>)>> {
    Ok(c.prepare_cached(
        "SELECT state, result FROM bulk WHERE reception = ?1 AND institution = ?2",
    )?
    .query_row(params![reception, institution], |r| {
        Ok((r.get(0)?, r.get(1)?))
    })
    .optional()?)
}

/// 受付番号 of every batch an institution has sent.
pub fn bulk_receptions(c: &Connection, institution: &str) -> Result<Vec<String>> {
    let mut st = c.prepare_cached(
        "SELECT reception FROM bulk WHERE institution = ?1 ORDER BY received_at, reception",
    )?;
    let rows = st.query_map(params![institution], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Drug rows: (month, di_date, inst, inst_name, code, name, ingredient, qty, unit, usage, times).
pub type DrugRow = [String; 11];

pub fn drugs(c: &Connection, key: &str, from: &str, to: &str) -> Result<Vec<DrugRow>> {
    let mut st = c.prepare_cached(
        "SELECT month, di_date, institution, institution_name, code, name, ingredient, quantity, unit, usage, times \
         FROM drugs WHERE key = ?1 AND month >= ?2 AND month <= ?3 ORDER BY di_date",
    )?;
    let rows = st.query_map(params![key, from, to], |r| {
        let mut a: DrugRow = Default::default();
        for (i, v) in a.iter_mut().enumerate() {
            *v = r.get(i)?;
        }
        Ok(a)
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Checkup rows: (date, item_code, item_name, value, unit).
pub fn checkups(c: &Connection, key: &str) -> Result<Vec<[String; 5]>> {
    let mut st = c.prepare_cached(
        "SELECT date, item_code, item_name, value, unit FROM checkups WHERE key = ?1 ORDER BY date, item_code",
    )?;
    let rows = st.query_map(params![key], |r| {
        Ok([r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?])
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

// ---------------------------------------------------------------- seeding

#[derive(Deserialize)]
struct PeopleFile {
    generate: Option<Generate>,
    #[serde(default)]
    person: Vec<PersonSeed>,
}

#[derive(Deserialize)]
struct Generate {
    households: usize,
    seed: u64,
}

#[derive(Deserialize, Clone, Default)]
struct PersonSeed {
    key: String,
    insurer: String,
    insurer_name: String,
    #[serde(default)]
    symbol: String,
    number: String,
    #[serde(default)]
    branch: String,
    name: String,
    kana: String,
    sex: u8,
    birth: String,
    family: u8,
    since: String,
    #[serde(default)]
    lost: String,
    #[serde(default)]
    reason: String,
    ratio: String,
    #[serde(default)]
    elderly_ratio: String,
    #[serde(default)]
    limit: Vec<String>,
    #[serde(default)]
    disease: Vec<String>,
    #[serde(default)]
    preschool: bool,
    #[serde(default)]
    insured_name: String,
    #[serde(default)]
    address: String,
    #[serde(default)]
    post: String,
    #[serde(default)]
    drugs: bool,
    #[serde(default)]
    checkups: bool,
    /// 医療扶助: the 福祉事務所's part.
    #[serde(default)]
    welfare: Option<WelfareSeed>,
    /// The 限度額適用認定証 information changed: 一括照会 says so.
    #[serde(default)]
    limit_changed: bool,
}

#[derive(Deserialize, Clone)]
struct WelfareSeed {
    office: String,
    #[serde(default)]
    ticket: bool,
    #[serde(default)]
    issue_number: String,
    #[serde(default)]
    self_pay: String,
}

#[derive(Deserialize)]
struct InstitutionsFile {
    institution: Vec<InstitutionSeed>,
}

#[derive(Deserialize, Clone)]
pub struct InstitutionSeed {
    pub code: String,
    pub name: String,
    pub area: String,
}

#[derive(Deserialize)]
struct LinksFile {
    links: std::collections::BTreeMap<String, String>,
    /// Persona → person key the insurers know as the card's holder (not registered yet).
    #[serde(default)]
    known: std::collections::BTreeMap<String, String>,
}

/// Reads the institutions of the seed (the first is the default clinic).
pub fn read_institutions(seed_dir: &Path) -> Result<Vec<InstitutionSeed>> {
    let p = seed_dir.join("institutions.toml");
    let f: InstitutionsFile =
        toml::from_str(&std::fs::read_to_string(&p).map_err(CentreError::file(&p))?)
            .map_err(|e| CentreError::seed(format!("institutions.toml: {e}")))?;
    for i in &f.institution {
        i.code
            .parse::<eligibility::InstitutionCode>()
            .map_err(|_| CentreError::seed(format!("bad institution code {}", i.code)))?;
    }
    Ok(f.institution)
}

fn ymd(s: &str) -> String {
    s.replace('-', "")
}

/// `linked_at` of the links made from `links.toml` (told apart from real registrations).
const SEED_LINK_TIME: &str = "20250401000000";

/// Seeds an empty database; on a seeded one, only refreshes the persona links.
pub fn seed(db: &Db, seed_dir: &Path, personas_dir: &Path) -> Result<()> {
    let insts = read_institutions(seed_dir)?;
    let read = |name: &str| {
        let p = seed_dir.join(name);
        std::fs::read_to_string(&p).map_err(CentreError::file(&p))
    };
    let pf: PeopleFile = toml::from_str(&read("people.toml")?)
        .map_err(|e| CentreError::seed(format!("people.toml: {e}")))?;
    let lf: LinksFile = toml::from_str(&read("links.toml")?)
        .map_err(|e| CentreError::seed(format!("links.toml: {e}")))?;
    db.with(|c| {
        let n: i64 = c.query_row("SELECT COUNT(*) FROM quals", [], |r| r.get(0))?;
        let tx = c.transaction()?;
        // Persona links are refreshed at every start: regenerating the test PKI changes the
        // certificates' serials. Registrations made through the centre are kept.
        tx.execute(
            "DELETE FROM cert_links WHERE linked_at = ?1",
            params![SEED_LINK_TIME],
        )?;
        let cert_of = |persona: &str| {
            let p = personas_dir.join(persona).join("auth.crt.der");
            let der = std::fs::read(&p).map_err(CentreError::file(&p))?;
            super::cardauth::link_key(&der)
        };
        for (persona, key) in &lf.links {
            let (serial, issuer) = cert_of(persona)?;
            tx.execute(
                "INSERT OR REPLACE INTO cert_links (serial, issuer, key, linked_at) VALUES (?1, ?2, ?3, ?4)",
                params![serial, issuer, key, SEED_LINK_TIME],
            )?;
        }
        // Like the persona links, from the seed alone (the serials change with the PKI).
        tx.execute("DELETE FROM cert_known", [])?;
        for (persona, key) in &lf.known {
            let (serial, issuer) = cert_of(persona)?;
            tx.execute(
                "INSERT INTO cert_known (serial, issuer, key) VALUES (?1, ?2, ?3)",
                params![serial, issuer, key],
            )?;
        }
        if n > 0 {
            tx.commit()?;
            return Ok(());
        }
        for i in &insts {
            tx.execute(
                "INSERT INTO institutions (code, name, area) VALUES (?1, ?2, ?3)",
                params![i.code, i.name, i.area],
            )?;
        }
        let mut people = pf.person.clone();
        if let Some(g) = &pf.generate {
            people.extend(generate(g.households, g.seed));
        }
        let mut rng = Lcg(pf.generate.as_ref().map_or(1, |g| g.seed) ^ 0x5eed);
        for p in &people {
            insert_person(&tx, p)?;
            if p.drugs {
                insert_drugs(&tx, &p.key, &mut rng, &insts[0])?;
            }
            if p.checkups {
                insert_checkups(&tx, &p.key, &mut rng)?;
            }
        }
        tx.commit()?;
        Ok(())
    })
}

fn insert_person(tx: &rusqlite::Transaction<'_>, p: &PersonSeed) -> Result<()> {
    let ins: InsurerNumber = p
        .insurer
        .parse()
        .map_err(|e| CentreError::seed(format!("person {}: {}", p.key, e)))?;
    let symbol = if p.symbol.is_empty() {
        String::new()
    } else {
        p.symbol.parse::<CardSymbol>()?.to_string()
    };
    let number = p.number.parse::<CardNumber>()?.to_string();
    if eligibility::ids::parse_yyyymmdd(&p.birth).is_none() {
        return Err(CentreError::seed(format!(
            "person {}: bad birth date",
            p.key
        )));
    }
    tx.prepare_cached(&format!(
        "INSERT INTO quals ({}) VALUES (NULL, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24)",
        QUAL_COLS
    ))?
    .execute(params![
        p.key,
        ins.digits(),
        p.insurer_name,
        symbol,
        number,
        p.branch,
        p.name,
        p.kana,
        p.sex,
        ymd(&p.birth),
        p.family,
        ymd(&p.since),
        ymd(&p.lost),
        p.reason,
        p.ratio,
        p.elderly_ratio,
        p.limit.first().cloned().unwrap_or_default(),
        p.limit.get(1).cloned().unwrap_or_default(),
        p.disease.first().cloned().unwrap_or_default(),
        p.disease.get(1).cloned().unwrap_or_default(),
        p.preschool,
        p.insured_name,
        p.address,
        p.post,
    ])?;
    let qual = tx.last_insert_rowid();
    if p.limit_changed {
        tx.prepare_cached("INSERT INTO limit_changes (qual) VALUES (?1)")?
            .execute(params![qual])?;
    }
    if let Some(w) = &p.welfare {
        tx.prepare_cached(
            "INSERT INTO welfare (qual, office, ticket, issue_number, self_pay) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?
        .execute(params![
            qual,
            w.office,
            w.ticket,
            w.issue_number,
            w.self_pay
        ])?;
    }
    Ok(())
}

/// Deterministic pseudo-random numbers (the population must be the same on every machine).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const DRUGS: &[(&str, &str, &str, &str, &str)] = &[
    (
        "620004372",
        "アムロジピン錠５ｍｇ",
        "アムロジピンベシル酸塩",
        "錠",
        "1日1回朝食後",
    ),
    (
        "620008680",
        "ロキソプロフェンＮａ錠６０ｍｇ",
        "ロキソプロフェンナトリウム水和物",
        "錠",
        "1日3回毎食後",
    ),
    (
        "621387301",
        "メトホルミン塩酸塩錠２５０ｍｇ",
        "メトホルミン塩酸塩",
        "錠",
        "1日2回朝夕食後",
    ),
    (
        "620002615",
        "ファモチジン錠２０ｍｇ",
        "ファモチジン",
        "錠",
        "1日2回朝夕食後",
    ),
    (
        "622224401",
        "ロスバスタチン錠２．５ｍｇ",
        "ロスバスタチンカルシウム",
        "錠",
        "1日1回夕食後",
    ),
];

fn insert_drugs(
    tx: &rusqlite::Transaction<'_>,
    key: &str,
    rng: &mut Lcg,
    inst: &InstitutionSeed,
) -> Result<()> {
    // About one dispensing a month over the last three years (2023-12 .. 2026-11).
    for m in 0..36 {
        if rng.below(3) == 0 {
            continue;
        }
        let (y, mo) = (2023 + (11 + m) / 12, (11 + m) % 12 + 1);
        let month = format!("{y:04}{mo:02}");
        let day = 1 + rng.below(27);
        let d = DRUGS[rng.below(DRUGS.len())];
        tx.prepare_cached(
            "INSERT INTO drugs VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        )?
        .execute(params![
            key,
            month,
            format!("{month}{day:02}"),
            inst.code,
            inst.name,
            d.0,
            d.1,
            d.2,
            format!("{}", 1 + rng.below(3)),
            d.3,
            d.4,
            format!("{}", 14 + 14 * rng.below(3)),
        ])?;
    }
    insert_old_drugs(tx, key, inst)
}

/// Dispensings older than the desk's 3-year window (2021-09, where the centre's drug
/// history starts per the research notes, to 2023-10): the centre serves the months a request
/// asks for, so only the desk's `StartDate` keeps these off the screen. Deterministic and
/// without the shared generator, so the rest of the seeded population stays as it was.
fn insert_old_drugs(
    tx: &rusqlite::Transaction<'_>,
    key: &str,
    inst: &InstitutionSeed,
) -> Result<()> {
    for (i, m) in (0..26).step_by(3).enumerate() {
        let (y, mo) = (2021 + (8 + m) / 12, (8 + m) % 12 + 1);
        let month = format!("{y:04}{mo:02}");
        let d = DRUGS[i % DRUGS.len()];
        tx.prepare_cached(
            "INSERT INTO drugs VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        )?
        .execute(params![
            key,
            month,
            format!("{month}{:02}", 10 + i),
            inst.code,
            inst.name,
            d.0,
            d.1,
            d.2,
            "1",
            d.3,
            d.4,
            "28",
        ])?;
    }
    Ok(())
}

fn insert_checkups(tx: &rusqlite::Transaction<'_>, key: &str, rng: &mut Lcg) -> Result<()> {
    // One 特定健診 a year for five years (2021..2025), in May to October: the 2021 one is
    // older than the desk's 5-year window of any day from 2026-11 on (the centre sends every
    // checkup it holds; the desk drops the older ones).
    for y in 2021..2026 {
        let date = format!("{y}{:02}{:02}", 5 + rng.below(6), 1 + rng.below(27));
        let items = [
            (
                "9N001000000000001",
                "身長",
                format!("{}", 150 + rng.below(30)),
                "cm",
            ),
            (
                "9N006000000000001",
                "体重",
                format!("{}", 45 + rng.below(40)),
                "kg",
            ),
            (
                "9A751000000000001",
                "収縮期血圧",
                format!("{}", 105 + rng.below(50)),
                "mmHg",
            ),
            (
                "3D046000001906202",
                "HbA1c",
                format!("5.{}", rng.below(10)),
                "%",
            ),
        ];
        for (code, name, value, unit) in items {
            tx.prepare_cached("INSERT INTO checkups VALUES (?1, ?2, ?3, ?4, ?5, ?6)")?
                .execute(params![key, date, code, name, value, unit])?;
        }
    }
    Ok(())
}

const FAMILY: &[(&str, &str)] = &[
    ("佐々木", "ｻｻｷ"),
    ("山本", "ﾔﾏﾓﾄ"),
    ("中島", "ﾅｶｼﾞﾏ"),
    ("小川", "ｵｶﾞﾜ"),
    ("石井", "ｲｼｲ"),
    ("藤田", "ﾌｼﾞﾀ"),
    ("前田", "ﾏｴﾀﾞ"),
    ("清水", "ｼﾐｽﾞ"),
];
const MALE: &[(&str, &str)] = &[
    ("大輔", "ﾀﾞｲｽｹ"),
    ("翔太", "ｼｮｳﾀ"),
    ("浩", "ﾋﾛｼ"),
    ("悠真", "ﾕｳﾏ"),
];
const FEMALE: &[(&str, &str)] = &[
    ("陽菜", "ﾋﾅ"),
    ("恵子", "ｹｲｺ"),
    ("結衣", "ﾕｲ"),
    ("直美", "ﾅｵﾐ"),
];
/// (insurer, name, has symbol): 協会けんぽ, 健保組合, 国保 (6 digits), 共済, 後期高齢.
const INSURERS: &[(&str, &str, bool)] = &[
    ("01130012", "全国健康保険協会東京支部", true),
    ("06230015", "オン資愛知健康保険組合", true),
    ("138057", "練馬区", true),
    ("34140012", "オン資私学共済", true),
    ("39130018", "東京都後期高齢者医療広域連合", false),
];

/// A synthetic population: households of 本人 + 家族 across insurer kinds; some lost
/// qualifications with 喪失事由, 限度額, 高齢受給者, 特定疾病, drug and checkup history.
fn generate(households: usize, seed: u64) -> Vec<PersonSeed> {
    let mut rng = Lcg(seed);
    let mut out = Vec::new();
    for h in 0..households {
        let (fam, fam_k) = FAMILY[rng.below(FAMILY.len())];
        let elderly = rng.below(6) == 0;
        let (ins, ins_name, has_symbol) = if elderly {
            INSURERS[4]
        } else {
            INSURERS[rng.below(4)]
        };
        let head_year = if elderly {
            1935 + rng.below(15)
        } else {
            1955 + rng.below(45)
        };
        let members = if elderly { 1 } else { 1 + rng.below(4) };
        let symbol = if has_symbol {
            format!("{}", 100 + h)
        } else {
            String::new()
        };
        let number = format!("{}", 5000 + h);
        let lost = rng.below(10) == 0;
        let mut head_name = String::new();
        for m in 0..members {
            let male = if m == 0 {
                rng.below(2) == 0
            } else {
                rng.below(2) == 1
            };
            let (given, given_k) = if male {
                MALE[rng.below(MALE.len())]
            } else {
                FEMALE[rng.below(FEMALE.len())]
            };
            let year = if m == 0 {
                head_year
            } else if m == 1 {
                head_year + rng.below(4)
            } else {
                (head_year + 25 + rng.below(10)).min(2025)
            };
            let age = 2026 - year;
            let ratio = if elderly {
                ["010", "020", "030"][rng.below(3)]
            } else if !(6..70).contains(&age) {
                "020"
            } else {
                "030"
            };
            out.push(PersonSeed {
                key: format!("gen-{h:04}-{m}"),
                insurer: ins.into(),
                insurer_name: ins_name.into(),
                symbol: symbol.clone(),
                number: if elderly {
                    format!("{:08}", 100000 + h)
                } else {
                    number.clone()
                },
                branch: if elderly {
                    String::new()
                } else {
                    format!("{m:02}")
                },
                name: {
                    let n = format!("{fam}\u{3000}{given}");
                    if m == 0 {
                        head_name = n.clone();
                    }
                    n
                },
                kana: format!("{fam_k} {given_k}"),
                sex: if male { 1 } else { 2 },
                birth: format!(
                    "{year:04}-{:02}-{:02}",
                    1 + rng.below(12),
                    1 + rng.below(28)
                ),
                family: if m == 0 { 1 } else { 2 },
                since: format!("{}-04-01", (year + 20).clamp(2000, 2024)),
                lost: if lost {
                    "2026-10-01".into()
                } else {
                    String::new()
                },
                reason: if lost {
                    ["01", "02", "03", "99"][rng.below(4)].into()
                } else {
                    String::new()
                },
                ratio: ratio.into(),
                elderly_ratio: if (70..75).contains(&age) {
                    ratio.into()
                } else {
                    String::new()
                },
                limit: if rng.below(5) == 0 {
                    vec![
                        "01".into(),
                        if elderly { "B09".into() } else { "A04".into() },
                    ]
                } else {
                    vec![]
                },
                disease: if rng.below(40) == 0 {
                    vec!["1".into(), "10000".into()]
                } else {
                    vec![]
                },
                preschool: age < 6,
                insured_name: if m == 0 {
                    String::new()
                } else {
                    head_name.clone()
                },
                address: "東京都練馬区豊玉北６丁目１２番１号".into(),
                post: "176-8501".into(),
                drugs: rng.below(3) == 0,
                checkups: age >= 40 && rng.below(2) == 0,
                welfare: None,
                limit_changed: false,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{Db, Qual, quals_by_card};

    #[test]
    fn a_card_s_qualifications_come_oldest_first_whatever_the_insert_order() {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(&dir.path().join("t.sqlite"), 1).unwrap();
        let rows = db
            .with(|c| {
                // The newer qualification is stored first (lower id), as a re-seed can do.
                for (key, since, lost) in [("p", "20240401", ""), ("p", "20100401", "20240331")] {
                    c.execute(
                        "INSERT INTO quals VALUES (NULL, ?1, '01130012', 'x', '1', '2', '00', \
                         'n', 'k', 1, '19800101', 1, ?2, ?3, '', '030', '', '', '', '', '', 0, \
                         '', '', '')",
                        rusqlite::params![key, since, lost],
                    )?;
                }
                quals_by_card(c, "01130012", "1", "2")
            })
            .unwrap();
        let since: Vec<&str> = rows.iter().map(|q| q.since.as_str()).collect();
        assert_eq!(
            since,
            ["20100401", "20240401"],
            "judge takes the last as newest"
        );
    }

    #[test]
    fn qual_debug_shows_codes_not_the_person() {
        let s = |v: &str| v.to_string();
        let q = Qual {
            id: 7,
            key: s("p-1"),
            insurer: s("01130012"),
            insurer_name: s("全国健康保険協会東京支部"),
            symbol: s("1234567"),
            number: s("765432"),
            branch: s("03"),
            name: s("試験　花子"),
            kana: s("ｼｹﾝ ﾊﾅｺ"),
            sex: 2,
            birth: s("19800217"),
            family: 1,
            since: s("20200401"),
            lost: String::new(),
            reason: String::new(),
            ratio: s("030"),
            elderly_ratio: String::new(),
            limit_class: s("01"),
            limit_cat: s("A03"),
            disease_cat: String::new(),
            disease_selfpay: String::new(),
            preschool: false,
            insured_name: s("試験　太郎"),
            address: s("東京都練馬区"),
            post: s("176-8501"),
            welfare: None,
            limit_changed: false,
            reference_number: Some(s("K-000123")),
        };
        let dbg = format!("{q:?}");
        for secret in [
            "花子",
            "ﾊﾅｺ",
            "太郎",
            "1234567",
            "765432",
            "19800217",
            "練馬",
            "176-8501",
            "K-000123",
        ] {
            assert!(!dbg.contains(secret), "{secret} printed in {dbg}");
        }
        assert!(dbg.contains("030") && dbg.contains("01130012"), "{dbg}");
    }
}
