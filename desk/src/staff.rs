//! Local staff accounts: a name, a role (管理者, 医師, 歯科医師, 薬剤師, 事務) and a password
//! hash, in one SQLite file beside the history (`[staff] path`, default
//! `$XDG_DATA_HOME/onshi/staff.sqlite`). Passwords are hashed with PBKDF2-HMAC-SHA256 from
//! `ring` (already in the build through rustls, so no second crypto stack; a slow, salted KDF
//! that NIST SP 800-132 accepts), 600,000 iterations (OWASP's 2023 figure for this hash), a
//! random 16-byte salt per account, and the iteration count stored with each hash so it can
//! be raised later. Only 医師, 歯科医師 and 薬剤師 may view drug and 特定健診 data; 事務 and
//! 管理者 may log in but see nothing (an administrator who is also a doctor has two
//! accounts, so managing staff and viewing patients stay apart). The first account of a desk
//! must be an administrator; every later change (add, role, password, disable, remove) needs
//! an administrator's name and password, checked here ([`Admin`] can only be had from a
//! successful administrator login). A wrong name and a wrong password give the same answer
//! (and cost the same time). After [`THROTTLE_AFTER`] wrong passwords for a name, the next
//! try waits ([`throttle_wait`], growing with each failure, kept in the file so a restart
//! does not reset it). Logins, failed and throttled logins and account changes are written
//! to the audit log of the history ([`crate::history::audit`]). Passwords arrive in zeroizing
//! buffers and are never logged or stored.

use crate::history::History;
use crate::history::audit::{Event, StaffEvent};
use ring::pbkdf2;
use ring::rand::{SecureRandom, SystemRandom};
use rusqlite::{Connection, OptionalExtension, params};
use std::num::NonZeroU32;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;
use time::OffsetDateTime;

/// PBKDF2 iterations for new hashes.
pub const ITERATIONS: u32 = 600_000;
/// A logged-in viewer is logged out after this long without input (the one place it is set).
pub const IDLE_LOGOUT: Duration = Duration::from_secs(10 * 60);
/// Longest account name, in characters.
pub const NAME_MAX: usize = 64;
/// Wrong passwords for one name before the next try has to wait.
pub const THROTTLE_AFTER: u32 = 5;
/// The first wait; each further failure doubles it, up to [`THROTTLE_MAX`].
pub const THROTTLE_FIRST: Duration = Duration::from_secs(30);
/// The longest wait between tries.
pub const THROTTLE_MAX: Duration = Duration::from_secs(60 * 60);

const SALT_LEN: usize = 16;
const HASH_LEN: usize = 32;
static ALG: pbkdf2::Algorithm = pbkdf2::PBKDF2_HMAC_SHA256;

/// How long a name waits after `failures` wrong passwords in a row (zero below
/// [`THROTTLE_AFTER`]).
pub fn throttle_wait(failures: u32) -> Duration {
    if failures < THROTTLE_AFTER {
        return Duration::ZERO;
    }
    let doublings = (failures - THROTTLE_AFTER).min(16);
    THROTTLE_FIRST
        .saturating_mul(1u32 << doublings)
        .min(THROTTLE_MAX)
}

/// A staff member's role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// 管理者: manages the accounts, views nothing.
    Admin,
    /// 医師
    Doctor,
    /// 歯科医師
    Dentist,
    /// 薬剤師
    Pharmacist,
    /// 事務
    Clerk,
}

impl Role {
    pub const ALL: [Role; 5] = [
        Role::Admin,
        Role::Doctor,
        Role::Dentist,
        Role::Pharmacist,
        Role::Clerk,
    ];

    /// The stored code, also the CLI's `--role` value.
    pub fn code(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Doctor => "doctor",
            Role::Dentist => "dentist",
            Role::Pharmacist => "pharmacist",
            Role::Clerk => "clerk",
        }
    }

    pub fn from_code(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.code() == s)
    }

    /// 医師, 歯科医師 and 薬剤師 may view a patient's drug and 特定健診 data; 事務 and 管理者
    /// may not.
    pub fn may_view(self) -> bool {
        matches!(self, Role::Doctor | Role::Dentist | Role::Pharmacist)
    }
}

/// Who is logged in (or an account of the list).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Staff {
    pub name: String,
    pub role: Role,
}

impl Staff {
    /// `role/name`, as the audit log names the one acting.
    pub fn audit_name(&self) -> String {
        format!("{}/{}", self.role.code(), self.name)
    }
}

/// An account of the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    pub name: String,
    pub role: Role,
    pub disabled: bool,
}

/// An administrator who has just given their password: what every account change needs.
/// Only [`Accounts::admin`] and [`Accounts::add_first_admin`] make one.
#[derive(Debug)]
pub struct Admin(Staff);

impl Admin {
    pub fn staff(&self) -> &Staff {
        &self.0
    }
}

/// Why an account action failed; each says what to do.
#[derive(Debug, thiserror::Error)]
pub enum StaffError {
    #[error(
        "the staff file {} cannot be opened ({source}): check that its folder exists and is writable, or set [staff] path in the config",
        path.display()
    )]
    Open {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error("the staff folder {} cannot be created ({source}): check its permissions", path.display())]
    Folder {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "the staff file {} was written by a newer Onshi Desk (schema {found}): update the app",
        path.display()
    )]
    Newer { path: PathBuf, found: i64 },
    #[error("the staff file failed ({0}): check the free disk space and the file's permissions")]
    Sql(#[from] rusqlite::Error),
    #[error("an account with this name exists already: remove it first or choose another name")]
    Exists,
    #[error("there is no account with this name: `onshi staff list` shows the accounts")]
    NoSuchAccount,
    #[error("an account name is 1 to {NAME_MAX} characters without control characters")]
    BadName,
    #[error("the password is too short: give at least {min} characters")]
    ShortPassword { min: usize },
    /// The name or the password is wrong (on purpose, not which).
    #[error("the name or the password is wrong: try again")]
    WrongLogin,
    /// Too many wrong passwords for this name: nothing was checked.
    #[error("too many wrong passwords for this name: wait {wait_secs} s, then try again")]
    Throttled { wait_secs: u64 },
    #[error("this account is disabled: ask an administrator")]
    Disabled,
    #[error("this account is not an administrator: staff changes need an administrator")]
    NotAdmin,
    #[error(
        "there is no administrator yet: the first account of a desk must be one (--role admin)"
    )]
    FirstMustBeAdmin,
    #[error("this is the last active administrator: add another administrator first")]
    LastAdmin,
    #[error("the audit log could not be written ({0}): nothing was changed")]
    Audit(String),
    #[error("the system's random source failed: the account was not created; try again")]
    Random,
}

/// Shortest password accepted.
pub const PASSWORD_MIN: usize = 8;

/// `$XDG_DATA_HOME/onshi/staff.sqlite` (the history's folder).
pub fn default_path() -> PathBuf {
    crate::paths::staff()
}

/// The wall clock of the login throttle (tests move it on).
pub type Clock = Arc<dyn Fn() -> OffsetDateTime + Send + Sync>;

/// The open staff file, with the history whose audit log it writes to.
pub struct Accounts {
    conn: Connection,
    rng: SystemRandom,
    /// For a login with an unknown name: the same work as a real check.
    decoy: ([u8; SALT_LEN], [u8; HASH_LEN]),
    history: PathBuf,
    now: Clock,
}

/// The staff file's schema steps; `MIGRATIONS[n]` takes `user_version` n to n+1. Version 0
/// is also a file of the first release (no `user_version`, the accounts table only).
const MIGRATIONS: [&str; 2] = [
    "
CREATE TABLE IF NOT EXISTS accounts (
    name TEXT PRIMARY KEY,
    role TEXT NOT NULL,
    iterations INTEGER NOT NULL,
    salt BLOB NOT NULL,
    hash BLOB NOT NULL,
    created_ms INTEGER NOT NULL
);
",
    "
ALTER TABLE accounts ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0;
-- Wrong passwords in a row per name typed (known or not, so the wait tells nothing).
CREATE TABLE login_failures (
    name TEXT PRIMARY KEY,
    failures INTEGER NOT NULL,
    last_ms INTEGER NOT NULL
);
",
];

fn check_name(name: &str) -> Result<&str, StaffError> {
    let n = name.trim();
    if n.is_empty() || n.chars().count() > NAME_MAX || n.chars().any(char::is_control) {
        return Err(StaffError::BadName);
    }
    Ok(n)
}

fn ms(t: OffsetDateTime) -> i64 {
    (t.unix_timestamp_nanos() / 1_000_000) as i64
}

impl Accounts {
    /// Opens (creating the folder and file if needed, and bringing an older file up to date)
    /// the staff file at `path`; its events go to the audit log of the history at `history`.
    pub fn open(path: &Path, history: &Path) -> Result<Accounts, StaffError> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            crate::private::create_dir_all(dir).map_err(|source| StaffError::Folder {
                path: dir.to_path_buf(),
                source,
            })?;
        }
        let open_err = |source| StaffError::Open {
            path: path.to_path_buf(),
            source,
        };
        crate::private::prepare_sqlite(path).map_err(open_err)?;
        let mut conn = Connection::open(path).map_err(open_err)?;
        conn.busy_timeout(Duration::from_secs(5))
            .map_err(open_err)?;
        conn.execute_batch("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;")
            .map_err(open_err)?;
        let found: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(open_err)?;
        if found > MIGRATIONS.len() as i64 {
            return Err(StaffError::Newer {
                path: path.to_path_buf(),
                found,
            });
        }
        for (v, step) in MIGRATIONS.iter().enumerate().skip(found.max(0) as usize) {
            let tx = conn.transaction()?;
            tx.execute_batch(step)?;
            tx.execute_batch(&format!("PRAGMA user_version = {}", v + 1))?;
            tx.commit()?;
        }
        let rng = SystemRandom::new();
        let mut decoy = ([0u8; SALT_LEN], [0u8; HASH_LEN]);
        rng.fill(&mut decoy.0).map_err(|_| StaffError::Random)?;
        Ok(Accounts {
            conn,
            rng,
            decoy,
            history: history.to_path_buf(),
            now: Arc::new(OffsetDateTime::now_utc),
        })
    }

    /// The same, with another clock for the login throttle and the audit times.
    pub fn with_clock(mut self, now: Clock) -> Accounts {
        self.now = now;
        self
    }

    fn audit(
        &self,
        actor: String,
        event: Event,
        subject: Option<&str>,
        detail: Option<String>,
    ) -> Result<(), StaffError> {
        let e = StaffEvent {
            at: (self.now)(),
            actor,
            event,
            subject: subject.map(str::to_string),
            detail,
        };
        History::open(&self.history)
            .and_then(|mut h| h.audit_staff(&e))
            .map(|_| ())
            .map_err(|e| StaffError::Audit(e.to_string()))
    }

    /// Whether an enabled administrator account exists.
    pub fn has_admin(&self) -> Result<bool, StaffError> {
        Ok(self.active_admins()? > 0)
    }

    fn active_admins(&self) -> Result<i64, StaffError> {
        Ok(self.conn.query_row(
            "SELECT count(*) FROM accounts WHERE role = 'admin' AND disabled = 0",
            [],
            |r| r.get(0),
        )?)
    }

    fn hash(&self, password: &[u8]) -> Result<([u8; SALT_LEN], [u8; HASH_LEN]), StaffError> {
        if password.len() < PASSWORD_MIN {
            return Err(StaffError::ShortPassword { min: PASSWORD_MIN });
        }
        let mut salt = [0u8; SALT_LEN];
        self.rng.fill(&mut salt).map_err(|_| StaffError::Random)?;
        let mut hash = [0u8; HASH_LEN];
        pbkdf2::derive(ALG, iterations(ITERATIONS), &salt, password, &mut hash);
        Ok((salt, hash))
    }

    fn insert(&mut self, name: &str, role: Role, password: &[u8]) -> Result<(), StaffError> {
        let (salt, hash) = self.hash(password)?;
        let r = self.conn.execute(
            "INSERT INTO accounts (name, role, iterations, salt, hash, created_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![name, role.code(), ITERATIONS, &salt[..], &hash[..], ms((self.now)())],
        );
        match r {
            Ok(_) => {
                tracing::info!(role = role.code(), "staff account added");
                Ok(())
            }
            Err(rusqlite::Error::SqliteFailure(e, _))
                if e.code == rusqlite::ErrorCode::ConstraintViolation =>
            {
                Err(StaffError::Exists)
            }
            Err(e) => Err(e.into()),
        }
    }

    fn exists(&self, name: &str) -> Result<bool, StaffError> {
        Ok(self
            .conn
            .query_row("SELECT 1 FROM accounts WHERE name = ?1", [name], |_| Ok(()))
            .optional()?
            .is_some())
    }

    /// Makes the desk's first administrator: only while no enabled administrator exists
    /// (a fresh desk, or one from before administrators). Audited as its own act.
    pub fn add_first_admin(&mut self, name: &str, password: &[u8]) -> Result<Admin, StaffError> {
        let name = check_name(name)?;
        if self.has_admin()? {
            return Err(StaffError::NotAdmin);
        }
        if self.exists(name)? {
            return Err(StaffError::Exists);
        }
        self.hash(password)?;
        let staff = Staff {
            name: name.to_string(),
            role: Role::Admin,
        };
        // The audit row first: a change that is not logged is not made.
        self.audit(
            staff.audit_name(),
            Event::AccountAdded,
            Some(name),
            Some(Role::Admin.code().into()),
        )?;
        self.insert(name, Role::Admin, password)?;
        Ok(Admin(staff))
    }

    /// An administrator's login: [`Accounts::login`], then the role must be 管理者.
    pub fn admin(&self, name: &str, password: &[u8]) -> Result<Admin, StaffError> {
        let s = self.login(name, password)?;
        if s.role != Role::Admin {
            return Err(StaffError::NotAdmin);
        }
        Ok(Admin(s))
    }

    /// Adds an account, approved by `by`; the name must be new.
    pub fn add(
        &mut self,
        by: &Admin,
        name: &str,
        role: Role,
        password: &[u8],
    ) -> Result<(), StaffError> {
        let name = check_name(name)?;
        if self.exists(name)? {
            return Err(StaffError::Exists);
        }
        self.hash(password)?;
        self.audit(
            by.0.audit_name(),
            Event::AccountAdded,
            Some(name),
            Some(role.code().into()),
        )?;
        self.insert(name, role, password)
    }

    fn role_of(&self, name: &str) -> Result<(Role, bool), StaffError> {
        let row: Option<(String, bool)> = self
            .conn
            .query_row(
                "SELECT role, disabled FROM accounts WHERE name = ?1",
                [name.trim()],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let (role, disabled) = row.ok_or(StaffError::NoSuchAccount)?;
        // A role this build does not know: treat as the least (it views nothing).
        Ok((Role::from_code(&role).unwrap_or(Role::Clerk), disabled))
    }

    /// Whether taking `name` out of the active administrators leaves none.
    fn would_leave_no_admin(&self, name: &str) -> Result<bool, StaffError> {
        let (role, disabled) = self.role_of(name)?;
        Ok(role == Role::Admin && !disabled && self.active_admins()? <= 1)
    }

    /// Changes an account's role.
    pub fn set_role(&mut self, by: &Admin, name: &str, role: Role) -> Result<(), StaffError> {
        let name = name.trim();
        if role != Role::Admin && self.would_leave_no_admin(name)? {
            return Err(StaffError::LastAdmin);
        }
        self.role_of(name)?;
        self.audit(
            by.0.audit_name(),
            Event::RoleChanged,
            Some(name),
            Some(role.code().into()),
        )?;
        self.conn.execute(
            "UPDATE accounts SET role = ?1 WHERE name = ?2",
            params![role.code(), name],
        )?;
        Ok(())
    }

    /// Sets an account's password (and clears its wrong-password count).
    pub fn set_password(
        &mut self,
        by: &Admin,
        name: &str,
        password: &[u8],
    ) -> Result<(), StaffError> {
        let name = name.trim();
        self.role_of(name)?;
        let (salt, hash) = self.hash(password)?;
        self.audit(by.0.audit_name(), Event::PasswordChanged, Some(name), None)?;
        self.conn.execute(
            "UPDATE accounts SET iterations = ?1, salt = ?2, hash = ?3 WHERE name = ?4",
            params![ITERATIONS, &salt[..], &hash[..], name],
        )?;
        self.conn
            .execute("DELETE FROM login_failures WHERE name = ?1", [name])?;
        Ok(())
    }

    /// Disables (or enables again) an account: a disabled account cannot log in.
    pub fn set_disabled(
        &mut self,
        by: &Admin,
        name: &str,
        disabled: bool,
    ) -> Result<(), StaffError> {
        let name = name.trim();
        if disabled && self.would_leave_no_admin(name)? {
            return Err(StaffError::LastAdmin);
        }
        self.role_of(name)?;
        let event = if disabled {
            Event::AccountDisabled
        } else {
            Event::AccountEnabled
        };
        self.audit(by.0.audit_name(), event, Some(name), None)?;
        self.conn.execute(
            "UPDATE accounts SET disabled = ?1 WHERE name = ?2",
            params![disabled, name],
        )?;
        Ok(())
    }

    /// Removes an account.
    pub fn remove(&mut self, by: &Admin, name: &str) -> Result<(), StaffError> {
        let name = name.trim();
        if self.would_leave_no_admin(name)? {
            return Err(StaffError::LastAdmin);
        }
        self.audit(by.0.audit_name(), Event::AccountRemoved, Some(name), None)?;
        self.conn
            .execute("DELETE FROM accounts WHERE name = ?1", [name])?;
        tracing::info!("staff account removed");
        Ok(())
    }

    /// Every account, by name.
    pub fn list(&self) -> Result<Vec<Account>, StaffError> {
        let mut st = self
            .conn
            .prepare_cached("SELECT name, role, disabled FROM accounts ORDER BY name")?;
        let rows = st.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, bool>(2)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (name, role, disabled) = row?;
            // A role this build does not know views nothing: leave it out of the list.
            if let Some(role) = Role::from_code(&role) {
                out.push(Account {
                    name,
                    role,
                    disabled,
                });
            }
        }
        Ok(out)
    }

    /// How long `name` must still wait before a try, if at all.
    fn wait_left(&self, name: &str, now: OffsetDateTime) -> Result<Option<Duration>, StaffError> {
        let row: Option<(u32, i64)> = self
            .conn
            .query_row(
                "SELECT failures, last_ms FROM login_failures WHERE name = ?1",
                [name],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let Some((failures, last_ms)) = row else {
            return Ok(None);
        };
        let until = last_ms.saturating_add(throttle_wait(failures).as_millis() as i64);
        let left = until.saturating_sub(ms(now));
        Ok((left > 0).then(|| Duration::from_millis(left as u64)))
    }

    /// Counts one more wrong password for `name`; returns the count.
    fn count_failure(&self, name: &str, now: OffsetDateTime) -> Result<u32, StaffError> {
        Ok(self.conn.query_row(
            "INSERT INTO login_failures (name, failures, last_ms) VALUES (?1, 1, ?2)
             ON CONFLICT(name) DO UPDATE SET failures = failures + 1, last_ms = ?2
             RETURNING failures",
            params![name, ms(now)],
            |r| r.get(0),
        )?)
    }

    /// Checks a name and password: the account, or [`StaffError::WrongLogin`] whichever part
    /// was wrong. While the name waits after repeated failures the password is not checked
    /// ([`StaffError::Throttled`] says how long). Every outcome is audited; a login whose
    /// audit row cannot be written is refused.
    pub fn login(&self, name: &str, password: &[u8]) -> Result<Staff, StaffError> {
        // A name that cannot be an account's is still counted (as typed, cut to length).
        let key: String = check_name(name).map(str::to_string).unwrap_or_else(|_| {
            name.trim()
                .chars()
                .filter(|c| !c.is_control())
                .take(NAME_MAX)
                .collect()
        });
        let now = (self.now)();
        // Check the wait and count this try as a failure in one write transaction, before the
        // password is checked: parallel logins (other desks, `onshi` commands) on the same
        // file then see each other's tries, so no more passwords are checked than counted.
        // The lock is held only for these two statements, not for the slow hash.
        let tx = rusqlite::Transaction::new_unchecked(
            &self.conn,
            rusqlite::TransactionBehavior::Immediate,
        )?;
        let waiting = self.wait_left(&key, now)?;
        let failures = match waiting {
            Some(_) => 0,
            None => self.count_failure(&key, now)?,
        };
        tx.commit()?;
        if let Some(left) = waiting {
            let wait_secs = left.as_secs() + u64::from(left.subsec_nanos() > 0);
            tracing::info!(
                wait_secs,
                "staff login refused while waiting after failures"
            );
            if let Err(e) = self.audit(
                key.clone(),
                Event::LoginThrottled,
                None,
                Some(wait_secs.to_string()),
            ) {
                tracing::error!(error = %e, "audit of a throttled login failed");
            }
            return Err(StaffError::Throttled { wait_secs });
        }
        type Row = (String, String, u32, Vec<u8>, Vec<u8>, bool);
        let row: Option<Row> = self
            .conn
            .prepare_cached(
                "SELECT name, role, iterations, salt, hash, disabled FROM accounts WHERE name = ?1",
            )?
            .query_row([key.as_str()], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                ))
            })
            .optional()?;
        let found = match row {
            Some((name, role, n, salt, hash, disabled)) => {
                let ok = pbkdf2::verify(ALG, iterations(n), &salt, password, &hash).is_ok();
                match (ok, Role::from_code(&role)) {
                    (true, Some(role)) => Some((Staff { name, role }, disabled)),
                    _ => None,
                }
            }
            None => {
                // Same work as a real account, so the time does not tell a missing name.
                let _ = pbkdf2::verify(
                    ALG,
                    iterations(ITERATIONS),
                    &self.decoy.0,
                    password,
                    &self.decoy.1,
                );
                None
            }
        };
        match found {
            Some((s, false)) => {
                self.audit(s.audit_name(), Event::Login, None, None)?;
                self.conn
                    .execute("DELETE FROM login_failures WHERE name = ?1", [key.as_str()])?;
                Ok(s)
            }
            Some((s, true)) => {
                // A disabled account's right password is no guess: take the try back.
                self.conn.execute(
                    "UPDATE login_failures SET failures = failures - 1 WHERE name = ?1 AND failures > 0",
                    [key.as_str()],
                )?;
                if let Err(e) = self.audit(
                    s.audit_name(),
                    Event::LoginFailed,
                    None,
                    Some("disabled".into()),
                ) {
                    tracing::error!(error = %e, "audit of a failed login failed");
                }
                Err(StaffError::Disabled)
            }
            None => {
                if let Err(e) = self.audit(key.clone(), Event::LoginFailed, None, None) {
                    tracing::error!(error = %e, "audit of a failed login failed");
                }
                let wait = throttle_wait(failures);
                if wait.is_zero() {
                    Err(StaffError::WrongLogin)
                } else {
                    Err(StaffError::Throttled {
                        wait_secs: wait.as_secs(),
                    })
                }
            }
        }
    }
}

fn iterations(n: u32) -> NonZeroU32 {
    NonZeroU32::new(n.max(1)).unwrap_or(NonZeroU32::MIN)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_codes_round_trip_and_only_qualified_roles_view() {
        for r in Role::ALL {
            assert_eq!(Role::from_code(r.code()), Some(r));
        }
        assert!(Role::Doctor.may_view() && Role::Dentist.may_view());
        assert!(Role::Pharmacist.may_view());
        assert!(!Role::Clerk.may_view());
        assert!(
            !Role::Admin.may_view(),
            "an administrator manages staff, views nothing"
        );
    }

    #[test]
    fn the_wait_starts_at_the_fifth_failure_and_doubles_up_to_an_hour() {
        assert_eq!(throttle_wait(4), Duration::ZERO);
        assert_eq!(throttle_wait(5), THROTTLE_FIRST);
        assert_eq!(throttle_wait(6), THROTTLE_FIRST * 2);
        assert_eq!(throttle_wait(7), THROTTLE_FIRST * 4);
        assert_eq!(throttle_wait(40), THROTTLE_MAX);
        assert_eq!(throttle_wait(u32::MAX), THROTTLE_MAX);
    }

    #[test]
    fn a_staff_file_of_the_first_release_keeps_its_accounts_and_takes_a_first_admin() {
        let dir = tempfile::tempdir().unwrap();
        let (path, history) = (dir.path().join("staff.sqlite"), dir.path().join("h.sqlite"));
        // The first release's file: the accounts table only, no user_version.
        let salt = [7u8; SALT_LEN];
        let mut hash = [0u8; HASH_LEN];
        pbkdf2::derive(ALG, iterations(1000), &salt, b"correct horse", &mut hash);
        let c = Connection::open(&path).unwrap();
        c.execute_batch(MIGRATIONS[0]).unwrap();
        c.execute(
            "INSERT INTO accounts VALUES ('yamada', 'doctor', 1000, ?1, ?2, 0)",
            params![&salt[..], &hash[..]],
        )
        .unwrap();
        drop(c);
        let mut a = Accounts::open(&path, &history).unwrap();
        assert_eq!(
            a.login("yamada", b"correct horse").unwrap().role,
            Role::Doctor
        );
        assert!(!a.has_admin().unwrap(), "no administrator yet");
        let by = a.add_first_admin("kanri", b"admin pass 1").unwrap();
        assert!(matches!(
            a.add_first_admin("other", b"admin pass 2"),
            Err(StaffError::NotAdmin)
        ));
        a.add(&by, "sato", Role::Pharmacist, b"pharma pass")
            .unwrap();
        let names: Vec<_> = a.list().unwrap().into_iter().map(|x| x.name).collect();
        assert_eq!(names, ["kanri", "sato", "yamada"]);
    }

    #[test]
    fn names_are_checked() {
        assert!(check_name("  ").is_err());
        assert!(check_name("a\nb").is_err());
        assert_eq!(check_name(" 山田 ").unwrap(), "山田");
    }
}
