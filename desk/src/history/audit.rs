//! The audit log's hash chain: every row of the `audit` table (views of patient data, staff
//! logins, failed and throttled logins, logouts, account changes) carries a SHA-256 over a
//! canonical encoding of all its columns and the previous row's hash, so an edited, deleted
//! or inserted row breaks the chain at that row and [`History::verify_audit`] names it. Rows
//! are appended in one IMMEDIATE transaction (read the last link, write the next), so the
//! console and a command writing at once still make one chain. The chain shows tampering
//! by someone who edits the file without recomputing every later hash; it cannot stop a
//! person who can write the file from rewriting the whole chain or cutting its tail, which
//! only a copy kept elsewhere (the clinic's backup) can show.

use super::{AuditRecord, History, HistoryError, JST, ms};
use rusqlite::{Connection, OptionalExtension, Transaction, TransactionBehavior, params};
use sha2::{Digest, Sha256};
use time::OffsetDateTime;

/// The previous hash of the first row.
pub const GENESIS: [u8; 32] = [0; 32];
/// Domain separation of the chain's hash (a version, should the encoding ever change).
const DOMAIN: &[u8] = b"onshi-audit-v1\0";

/// What an audit row records (its stored code is stable: it is on disk and hashed).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Event {
    /// A view of patient data ([`AuditRecord`]).
    View,
    /// A staff login that succeeded.
    Login,
    /// A wrong name or password.
    LoginFailed,
    /// A try refused unchecked while the account waits after repeated failures.
    LoginThrottled,
    /// The staff member logged out.
    Logout,
    /// The login ended after the idle time.
    IdleLogout,
    /// An administrator added an account (detail: its role).
    AccountAdded,
    /// An administrator changed an account's role (detail: the new role).
    RoleChanged,
    /// An administrator set an account's password.
    PasswordChanged,
    /// An administrator disabled an account.
    AccountDisabled,
    /// An administrator enabled a disabled account.
    AccountEnabled,
    /// An administrator removed an account.
    AccountRemoved,
}

impl Event {
    pub const ALL: [Event; 12] = [
        Event::View,
        Event::Login,
        Event::LoginFailed,
        Event::LoginThrottled,
        Event::Logout,
        Event::IdleLogout,
        Event::AccountAdded,
        Event::RoleChanged,
        Event::PasswordChanged,
        Event::AccountDisabled,
        Event::AccountEnabled,
        Event::AccountRemoved,
    ];
    pub fn code(self) -> &'static str {
        match self {
            Event::View => "view",
            Event::Login => "login",
            Event::LoginFailed => "login-failed",
            Event::LoginThrottled => "login-throttled",
            Event::Logout => "logout",
            Event::IdleLogout => "idle-logout",
            Event::AccountAdded => "account-added",
            Event::RoleChanged => "role-changed",
            Event::PasswordChanged => "password-changed",
            Event::AccountDisabled => "account-disabled",
            Event::AccountEnabled => "account-enabled",
            Event::AccountRemoved => "account-removed",
        }
    }
    pub fn from_code(s: &str) -> Option<Event> {
        Event::ALL.into_iter().find(|e| e.code() == s)
    }
}

/// A staff event (no patient): who did it, what, to which account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffEvent {
    pub at: OffsetDateTime,
    /// `role/name` of the account acting, or the name as typed for a failed login.
    pub actor: String,
    pub event: Event,
    /// The account acted on (account changes).
    pub subject: Option<String>,
    /// A role code for account changes, the wait in seconds for a throttled login.
    pub detail: Option<String>,
}

/// The first row whose hash does not follow from the rows before it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokenLink {
    pub id: i64,
    /// The row's time as stored (which may itself be what was changed), if readable.
    pub at: Option<OffsetDateTime>,
}

/// What [`History::verify_audit`] found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainCheck {
    /// Rows read.
    pub rows: u64,
    /// The first broken link, if any.
    pub broken: Option<BrokenLink>,
}

/// Every hashed column of one row, in the stored order.
struct Row {
    id: i64,
    at_ms: i64,
    event: String,
    staff: String,
    subject: Option<String>,
    detail: Option<String>,
    check_id: Option<i64>,
    insurer_number: Option<String>,
    card_symbol: Option<String>,
    card_number: Option<String>,
    branch: Option<String>,
    what: Option<String>,
    disaster: i64,
}

const COLUMNS: &str = "id, at_ms, event, staff, subject, detail, check_id, insurer_number, card_symbol, card_number, branch, what, disaster";

impl Row {
    fn read(r: &rusqlite::Row<'_>) -> rusqlite::Result<Row> {
        Ok(Row {
            id: r.get(0)?,
            at_ms: r.get(1)?,
            event: r.get(2)?,
            staff: r.get(3)?,
            subject: r.get(4)?,
            detail: r.get(5)?,
            check_id: r.get(6)?,
            insurer_number: r.get(7)?,
            card_symbol: r.get(8)?,
            card_number: r.get(9)?,
            branch: r.get(10)?,
            what: r.get(11)?,
            disaster: r.get(12)?,
        })
    }

    /// SHA-256 over the domain, the previous hash and each column tagged by type and
    /// length-prefixed, so no two different rows encode alike.
    fn hash(&self, prev: &[u8; 32]) -> [u8; 32] {
        let mut h = Sha256::new();
        h.update(DOMAIN);
        h.update(prev);
        let int = |h: &mut Sha256, v: Option<i64>| match v {
            None => h.update([0u8]),
            Some(v) => {
                h.update([1u8]);
                h.update(v.to_be_bytes());
            }
        };
        let text = |h: &mut Sha256, v: Option<&str>| match v {
            None => h.update([0u8]),
            Some(s) => {
                h.update([2u8]);
                h.update((s.len() as u64).to_be_bytes());
                h.update(s.as_bytes());
            }
        };
        int(&mut h, Some(self.id));
        int(&mut h, Some(self.at_ms));
        text(&mut h, Some(&self.event));
        text(&mut h, Some(&self.staff));
        text(&mut h, self.subject.as_deref());
        text(&mut h, self.detail.as_deref());
        int(&mut h, self.check_id);
        text(&mut h, self.insurer_number.as_deref());
        text(&mut h, self.card_symbol.as_deref());
        text(&mut h, self.card_number.as_deref());
        text(&mut h, self.branch.as_deref());
        text(&mut h, self.what.as_deref());
        int(&mut h, Some(self.disaster));
        h.finalize().into()
    }
}

/// The last row's id and hash (a missing or malformed hash counts as the genesis: the
/// verification reports that row anyway).
fn last_link(conn: &Connection) -> rusqlite::Result<(i64, [u8; 32])> {
    let last: Option<(i64, Option<Vec<u8>>)> = conn
        .query_row(
            "SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    Ok(match last {
        None => (0, GENESIS),
        Some((id, h)) => (
            id,
            h.and_then(|h| <[u8; 32]>::try_from(h.as_slice()).ok())
                .unwrap_or(GENESIS),
        ),
    })
}

/// Appends `row` (its id is taken from the chain) in `tx`; returns the id.
fn append(tx: &Transaction<'_>, mut row: Row) -> rusqlite::Result<i64> {
    let (last, prev) = last_link(tx)?;
    row.id = last + 1;
    let hash = row.hash(&prev);
    tx.execute(
        &format!("INSERT INTO audit ({COLUMNS}, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)"),
        params![
            row.id,
            row.at_ms,
            row.event,
            row.staff,
            row.subject,
            row.detail,
            row.check_id,
            row.insurer_number,
            row.card_symbol,
            row.card_number,
            row.branch,
            row.what,
            row.disaster,
            &hash[..],
        ],
    )?;
    Ok(row.id)
}

/// Hashes every row of the table in id order (the migration that adds the chain).
pub(super) fn chain_existing(tx: &Transaction<'_>) -> rusqlite::Result<()> {
    let rows = {
        let mut st = tx.prepare(&format!("SELECT {COLUMNS} FROM audit ORDER BY id"))?;
        st.query_map([], Row::read)?
            .collect::<rusqlite::Result<Vec<_>>>()?
    };
    let mut prev = GENESIS;
    let mut st = tx.prepare("UPDATE audit SET hash = ?1 WHERE id = ?2")?;
    for r in &rows {
        prev = r.hash(&prev);
        st.execute(params![&prev[..], r.id])?;
    }
    Ok(())
}

impl History {
    /// Appends one view row to the chain; returns its id.
    pub fn audit(&mut self, a: &AuditRecord) -> Result<i64, HistoryError> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let id = append(
            &tx,
            Row {
                id: 0,
                at_ms: ms(a.at),
                event: Event::View.code().into(),
                staff: a.staff.clone(),
                subject: None,
                detail: None,
                check_id: a.check_id,
                insurer_number: Some(a.insurer_number.clone()),
                card_symbol: a.card_symbol.clone(),
                card_number: Some(a.card_number.clone()),
                branch: a.branch.clone(),
                what: Some(a.what.code().into()),
                disaster: i64::from(a.disaster),
            },
        )?;
        tx.commit()?;
        Ok(id)
    }

    /// Appends one staff event to the chain; returns its id.
    pub fn audit_staff(&mut self, e: &StaffEvent) -> Result<i64, HistoryError> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let id = append(
            &tx,
            Row {
                id: 0,
                at_ms: ms(e.at),
                event: e.event.code().into(),
                staff: e.actor.clone(),
                subject: e.subject.clone(),
                detail: e.detail.clone(),
                check_id: None,
                insurer_number: None,
                card_symbol: None,
                card_number: None,
                branch: None,
                what: None,
                disaster: 0,
            },
        )?;
        tx.commit()?;
        Ok(id)
    }

    /// The staff events (not views) between two moments (inclusive), oldest first.
    pub fn staff_events_between(
        &self,
        from: OffsetDateTime,
        to: OffsetDateTime,
    ) -> Result<Vec<StaffEvent>, HistoryError> {
        let mut st = self.conn.prepare_cached(
            "SELECT at_ms, staff, event, subject, detail FROM audit
             WHERE event <> 'view' AND at_ms >= ?1 AND at_ms <= ?2 ORDER BY at_ms, id",
        )?;
        let rows = st.query_map([ms(from), ms(to)], |r| {
            let code: String = r.get(2)?;
            Ok(StaffEvent {
                at: super::from_ms(r.get(0)?),
                actor: r.get(1)?,
                event: Event::from_code(&code).ok_or_else(|| {
                    rusqlite::Error::InvalidColumnType(
                        2,
                        "event".into(),
                        rusqlite::types::Type::Text,
                    )
                })?,
                subject: r.get(3)?,
                detail: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }

    /// Walks the whole chain from the first row: how many rows, and the first whose stored
    /// hash does not follow from its columns and the row before it.
    pub fn verify_audit(&self) -> Result<ChainCheck, HistoryError> {
        let mut st = self
            .conn
            .prepare(&format!("SELECT {COLUMNS}, hash FROM audit ORDER BY id"))?;
        let mut rows = st.query([])?;
        let mut prev = GENESIS;
        let mut n = 0u64;
        while let Some(r) = rows.next()? {
            n += 1;
            // A value of the wrong type (a text where a time was) is a broken link too.
            let read = Row::read(r).and_then(|row| Ok((row, r.get::<_, Option<Vec<u8>>>(13)?)));
            let (row, stored) = match read {
                Ok(x) => x,
                Err(_) => {
                    return Ok(ChainCheck {
                        rows: n,
                        broken: Some(BrokenLink {
                            id: r.get(0).unwrap_or(-1),
                            at: None,
                        }),
                    });
                }
            };
            let want = row.hash(&prev);
            if stored.as_deref() != Some(&want[..]) {
                return Ok(ChainCheck {
                    rows: n,
                    broken: Some(BrokenLink {
                        id: row.id,
                        at: Some(super::from_ms(row.at_ms).to_offset(JST)),
                    }),
                });
            }
            prev = want;
        }
        Ok(ChainCheck {
            rows: n,
            broken: None,
        })
    }
}
