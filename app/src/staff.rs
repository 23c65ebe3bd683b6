//! Local staff accounts for the data viewer: a name, a role (医師, 歯科医師, 薬剤師, 事務) and a
//! password hash, in one SQLite file beside the history (`[staff] path`, default
//! `$XDG_DATA_HOME/onshi/staff.sqlite`). Passwords are hashed with PBKDF2-HMAC-SHA256 from
//! `ring` (already in the build through rustls, so no second crypto stack; a slow, salted KDF
//! that NIST SP 800-132 accepts), 600,000 iterations (OWASP's 2023 figure for this hash), a
//! random 16-byte salt per account, and the iteration count stored with each hash so it can
//! be raised later. Only 医師, 歯科医師 and 薬剤師 may view drug and 特定健診 data; 事務 may
//! log in but sees nothing. A wrong name and a wrong password give the same answer (and cost
//! the same time), so a login never tells which part was wrong. Passwords arrive in
//! zeroizing buffers and are never logged or stored.

use ring::pbkdf2;
use ring::rand::{SecureRandom, SystemRandom};
use rusqlite::{Connection, OptionalExtension, params};
use std::num::NonZeroU32;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// PBKDF2 iterations for new hashes.
pub const ITERATIONS: u32 = 600_000;
/// A logged-in viewer is logged out after this long without input (the one place it is set).
pub const IDLE_LOGOUT: Duration = Duration::from_secs(10 * 60);
/// Longest account name, in characters.
pub const NAME_MAX: usize = 64;

const SALT_LEN: usize = 16;
const HASH_LEN: usize = 32;
static ALG: pbkdf2::Algorithm = pbkdf2::PBKDF2_HMAC_SHA256;

/// A staff member's role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
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
    pub const ALL: [Role; 4] = [Role::Doctor, Role::Dentist, Role::Pharmacist, Role::Clerk];

    /// The stored code, also the CLI's `--role` value.
    pub fn code(self) -> &'static str {
        match self {
            Role::Doctor => "doctor",
            Role::Dentist => "dentist",
            Role::Pharmacist => "pharmacist",
            Role::Clerk => "clerk",
        }
    }

    pub fn from_code(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.code() == s)
    }

    /// 医師, 歯科医師 and 薬剤師 may view a patient's drug and 特定健診 data; 事務 may not.
    pub fn may_view(self) -> bool {
        !matches!(self, Role::Clerk)
    }
}

/// Who is logged in (or an account of the list).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Staff {
    pub name: String,
    pub role: Role,
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
    #[error("the staff file failed ({0}): check the free disk space and the file's permissions")]
    Sql(#[from] rusqlite::Error),
    #[error("an account with this name exists already: remove it first or choose another name")]
    Exists,
    #[error("there is no account with this name: `onshi staff list` shows the accounts")]
    NoSuchAccount,
    #[error("an account name is 1 to {NAME_MAX} characters without control characters")]
    BadName,
    #[error("the password is empty: give at least {min} characters")]
    ShortPassword { min: usize },
    /// The name or the password is wrong (on purpose, not which).
    #[error("the name or the password is wrong: try again")]
    WrongLogin,
    #[error("the system's random source failed: the account was not created; try again")]
    Random,
}

/// Shortest password accepted.
pub const PASSWORD_MIN: usize = 8;

/// `$XDG_DATA_HOME/onshi/staff.sqlite` (the history's folder).
pub fn default_path() -> PathBuf {
    crate::history::default_path().with_file_name("staff.sqlite")
}

/// The open staff file.
pub struct Accounts {
    conn: Connection,
    rng: SystemRandom,
    /// For a login with an unknown name: the same work as a real check.
    decoy: ([u8; SALT_LEN], [u8; HASH_LEN]),
}

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS accounts (
    name TEXT PRIMARY KEY,
    role TEXT NOT NULL,
    iterations INTEGER NOT NULL,
    salt BLOB NOT NULL,
    hash BLOB NOT NULL,
    created_ms INTEGER NOT NULL
);
";

fn check_name(name: &str) -> Result<&str, StaffError> {
    let n = name.trim();
    if n.is_empty() || n.chars().count() > NAME_MAX || n.chars().any(char::is_control) {
        return Err(StaffError::BadName);
    }
    Ok(n)
}

impl Accounts {
    /// Opens (creating the folder and file if needed) the staff file at `path`.
    pub fn open(path: &Path) -> Result<Accounts, StaffError> {
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
        let conn = Connection::open(path).map_err(open_err)?;
        conn.busy_timeout(Duration::from_secs(5))
            .map_err(open_err)?;
        conn.execute_batch("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;")
            .map_err(open_err)?;
        conn.execute_batch(SCHEMA).map_err(open_err)?;
        let rng = SystemRandom::new();
        let mut decoy = ([0u8; SALT_LEN], [0u8; HASH_LEN]);
        rng.fill(&mut decoy.0).map_err(|_| StaffError::Random)?;
        Ok(Accounts { conn, rng, decoy })
    }

    /// Adds an account; the name must be new.
    pub fn add(&mut self, name: &str, role: Role, password: &[u8]) -> Result<(), StaffError> {
        let name = check_name(name)?;
        if password.len() < PASSWORD_MIN {
            return Err(StaffError::ShortPassword { min: PASSWORD_MIN });
        }
        let mut salt = [0u8; SALT_LEN];
        self.rng.fill(&mut salt).map_err(|_| StaffError::Random)?;
        let mut hash = [0u8; HASH_LEN];
        pbkdf2::derive(ALG, iterations(ITERATIONS), &salt, password, &mut hash);
        let now = time::OffsetDateTime::now_utc().unix_timestamp() * 1000;
        let r = self.conn.execute(
            "INSERT INTO accounts (name, role, iterations, salt, hash, created_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![name, role.code(), ITERATIONS, &salt[..], &hash[..], now],
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

    /// Every account, by name.
    pub fn list(&self) -> Result<Vec<Staff>, StaffError> {
        let mut st = self
            .conn
            .prepare_cached("SELECT name, role FROM accounts ORDER BY name")?;
        let rows = st.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        let mut out = Vec::new();
        for row in rows {
            let (name, role) = row?;
            // A role this build does not know views nothing: leave it out of the list.
            if let Some(role) = Role::from_code(&role) {
                out.push(Staff { name, role });
            }
        }
        Ok(out)
    }

    /// Removes an account.
    pub fn remove(&mut self, name: &str) -> Result<(), StaffError> {
        let n = self
            .conn
            .execute("DELETE FROM accounts WHERE name = ?1", [name.trim()])?;
        if n == 0 {
            return Err(StaffError::NoSuchAccount);
        }
        tracing::info!("staff account removed");
        Ok(())
    }

    /// Checks a name and password: the account, or [`StaffError::WrongLogin`] whichever part
    /// was wrong.
    pub fn login(&self, name: &str, password: &[u8]) -> Result<Staff, StaffError> {
        type Row = (String, String, u32, Vec<u8>, Vec<u8>);
        let row: Option<Row> = self
            .conn
            .prepare_cached(
                "SELECT name, role, iterations, salt, hash FROM accounts WHERE name = ?1",
            )?
            .query_row([name.trim()], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })
            .optional()?;
        match row {
            Some((name, role, n, salt, hash)) => {
                let ok = pbkdf2::verify(ALG, iterations(n), &salt, password, &hash).is_ok();
                match (ok, Role::from_code(&role)) {
                    (true, Some(role)) => Ok(Staff { name, role }),
                    _ => Err(StaffError::WrongLogin),
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
                Err(StaffError::WrongLogin)
            }
        }
    }
}

fn iterations(n: u32) -> NonZeroU32 {
    NonZeroU32::new(n.max(1)).unwrap_or(NonZeroU32::MIN)
}

/// Reads a password from stdin: without echo when stdin is a terminal (asking twice), else
/// the first line. The buffer is wiped when dropped.
pub fn read_password(prompt: &str) -> std::io::Result<zeroize::Zeroizing<String>> {
    use std::io::{BufRead, IsTerminal, Write};
    let stdin = std::io::stdin();
    let tty = stdin.is_terminal();
    let read_line = || -> std::io::Result<zeroize::Zeroizing<String>> {
        let mut s = zeroize::Zeroizing::new(String::new());
        stdin.lock().read_line(&mut s)?;
        while s.ends_with('\n') || s.ends_with('\r') {
            s.pop();
        }
        Ok(s)
    };
    if !tty {
        return read_line();
    }
    let _echo = NoEcho::new();
    let mut err = std::io::stderr();
    write!(err, "{prompt}: ")?;
    err.flush()?;
    let first = read_line()?;
    writeln!(err)?;
    write!(err, "{prompt} (again): ")?;
    err.flush()?;
    let second = read_line()?;
    writeln!(err)?;
    if *first != *second {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "the two passwords differ",
        ));
    }
    Ok(first)
}

/// Turns terminal echo off on stdin until dropped.
struct NoEcho(Option<libc::termios>);

impl NoEcho {
    fn new() -> NoEcho {
        // SAFETY: tcgetattr/tcsetattr on fd 0 with a zeroed termios the call fills in.
        unsafe {
            let mut t: libc::termios = std::mem::zeroed();
            if libc::tcgetattr(0, &mut t) != 0 {
                return NoEcho(None);
            }
            let old = t;
            t.c_lflag &= !libc::ECHO;
            if libc::tcsetattr(0, libc::TCSANOW, &t) != 0 {
                return NoEcho(None);
            }
            NoEcho(Some(old))
        }
    }
}

impl Drop for NoEcho {
    fn drop(&mut self) {
        if let Some(old) = self.0 {
            // SAFETY: restores the settings read in `new` on the same fd.
            unsafe {
                libc::tcsetattr(0, libc::TCSANOW, &old);
            }
        }
    }
}

/// `onshi staff ...`: manage the viewer's accounts.
#[derive(Debug, clap::Subcommand)]
pub enum StaffCommand {
    /// Add an account; the password is read from stdin (asked twice, not echoed, on a
    /// terminal).
    Add {
        name: String,
        /// doctor (医師), dentist (歯科医師), pharmacist (薬剤師) or clerk (事務).
        #[arg(long, value_parser = ["doctor", "dentist", "pharmacist", "clerk"])]
        role: String,
    },
    /// List the accounts (name and role).
    List,
    /// Remove an account.
    Remove { name: String },
}

/// Runs a staff command on the file at `path`; returns the exit status
/// ([`crate::cli::exit`]: 0 done, 2 a wrong name, role or password, 6 the staff file).
pub fn run_cli(path: &Path, cmd: &StaffCommand, io: &mut crate::cli::Io<'_>) -> u8 {
    use crate::cli::exit;
    let report = |io: &mut crate::cli::Io<'_>, e: &StaffError| {
        let _ = writeln!(io.err, "onshi staff: {e}");
        match e {
            StaffError::Open { .. }
            | StaffError::Folder { .. }
            | StaffError::Sql(_)
            | StaffError::Random => exit::HISTORY,
            _ => exit::USAGE,
        }
    };
    let mut acc = match Accounts::open(path) {
        Ok(a) => a,
        Err(e) => return report(io, &e),
    };
    match cmd {
        StaffCommand::Add { name, role } => {
            let Some(role) = Role::from_code(role) else {
                let _ = writeln!(io.err, "onshi staff: unknown role {role}");
                return exit::USAGE;
            };
            let pw = match read_password("password") {
                Ok(p) => p,
                Err(e) => {
                    let _ = writeln!(io.err, "onshi staff: the password could not be read: {e}");
                    return exit::USAGE;
                }
            };
            match acc.add(name, role, pw.as_bytes()) {
                Ok(()) => {
                    let _ = writeln!(io.out, "added {} ({})", name.trim(), role.code());
                    exit::OK
                }
                Err(e) => report(io, &e),
            }
        }
        StaffCommand::List => match acc.list() {
            Ok(list) => {
                for s in list {
                    let _ = writeln!(io.out, "{}\t{}", s.name, s.role.code());
                }
                exit::OK
            }
            Err(e) => report(io, &e),
        },
        StaffCommand::Remove { name } => match acc.remove(name) {
            Ok(()) => {
                let _ = writeln!(io.out, "removed {}", name.trim());
                exit::OK
            }
            Err(e) => report(io, &e),
        },
    }
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
    }

    #[test]
    fn names_are_checked() {
        assert!(check_name("  ").is_err());
        assert!(check_name("a\nb").is_err());
        assert_eq!(check_name(" 山田 ").unwrap(), "山田");
    }
}
