//! `onshi staff ...`: the staff accounts from a terminal or a script (the rules and the store
//! are [`onshi_desk::staff`]); secrets are read without echo on a terminal.

use onshi_desk::staff::*;
use std::path::Path;
/// Reads a secret from stdin: without echo when stdin is a terminal (asked twice when
/// `confirm`), else the next line. The buffer is wiped when dropped.
pub fn read_secret(
    prompt: &str,
    again: &str,
    confirm: bool,
) -> std::io::Result<zeroize::Zeroizing<String>> {
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
    if !confirm {
        return Ok(first);
    }
    write!(err, "{again}: ")?;
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

/// `onshi staff ...`: manage the accounts. Every change but the desk's first account needs
/// `--admin NAME` and that administrator's password.
#[derive(Debug, clap::Subcommand)]
pub enum StaffCommand {
    /// Add an account. The first account of a desk must be an administrator (`--role admin`)
    /// and needs no approval; after that `--admin NAME` is required.
    Add {
        name: String,
        /// admin (管理者), doctor (医師), dentist (歯科医師), pharmacist (薬剤師) or clerk (事務).
        #[arg(long, value_parser = ROLES)]
        role: String,
        /// The approving administrator.
        #[arg(long, value_name = "NAME")]
        admin: Option<String>,
    },
    /// Change an account's role.
    Role {
        name: String,
        #[arg(long, value_parser = ROLES)]
        role: String,
        #[arg(long, value_name = "NAME")]
        admin: String,
    },
    /// Set an account's password (also ends its wait after wrong passwords).
    Passwd {
        name: String,
        #[arg(long, value_name = "NAME")]
        admin: String,
    },
    /// Disable an account: it can no longer log in (its audit trail stays).
    Disable {
        name: String,
        #[arg(long, value_name = "NAME")]
        admin: String,
    },
    /// Enable a disabled account.
    Enable {
        name: String,
        #[arg(long, value_name = "NAME")]
        admin: String,
    },
    /// List the accounts (name, role, and `disabled` for a disabled one).
    List,
    /// Remove an account.
    Remove {
        name: String,
        #[arg(long, value_name = "NAME")]
        admin: String,
    },
}

const ROLES: [&str; 5] = ["admin", "doctor", "dentist", "pharmacist", "clerk"];

/// Where the accounts and the audit log are.
pub struct Files<'a> {
    pub staff: &'a Path,
    pub history: &'a Path,
}

/// Runs a staff command; returns the exit status ([`crate::cli::exit`]: 0 done, 2 a wrong
/// name, role or password or a missing `--admin`, 6 the staff file or the audit log, 13 the
/// administrator's login refused or waiting).
///
/// Standard input, when it is not a terminal (scripts): first the administrator's password
/// (every command that takes `--admin`), then the account's new password (`add`, `passwd`),
/// one per line. On a terminal both are asked without echo, the new one twice.
pub fn run_cli(
    files: &Files<'_>,
    lang: onshi_desk::i18n::Lang,
    cmd: &StaffCommand,
    io: &mut crate::cli::Io<'_>,
) -> u8 {
    use crate::cli::exit;
    use onshi_desk::i18n::staff as words;
    let report = |io: &mut crate::cli::Io<'_>, e: &StaffError| {
        let _ = writeln!(io.err, "onshi staff: {}", words::error(lang, e));
        match e {
            StaffError::Open { .. }
            | StaffError::Folder { .. }
            | StaffError::Newer { .. }
            | StaffError::Sql(_)
            | StaffError::Audit(_)
            | StaffError::Random => exit::HISTORY,
            StaffError::WrongLogin
            | StaffError::Throttled { .. }
            | StaffError::Disabled
            | StaffError::NotAdmin => exit::REFUSED,
            _ => exit::USAGE,
        }
    };
    let read = |io: &mut crate::cli::Io<'_>, prompt: words::Prompt, confirm: bool| {
        read_secret(
            words::prompt(lang, prompt),
            words::prompt(lang, words::Prompt::Again),
            confirm,
        )
        .map_err(|e| {
            let _ = writeln!(
                io.err,
                "onshi staff: {}",
                words::unreadable(lang, &e.to_string())
            );
            exit::USAGE
        })
    };
    let mut acc = match Accounts::open(files.staff, files.history) {
        Ok(a) => a,
        Err(e) => return report(io, &e),
    };
    // The approving administrator: their password is the first line.
    let approve = |acc: &Accounts, io: &mut crate::cli::Io<'_>, admin: &str| -> Result<Admin, u8> {
        let pw = read(io, words::Prompt::Admin, false)?;
        acc.admin(admin, pw.as_bytes()).map_err(|e| report(io, &e))
    };
    let done = |io: &mut crate::cli::Io<'_>,
                r: Result<(), StaffError>,
                what: words::Done,
                name: &str| match r {
        Ok(()) => {
            let _ = writeln!(io.out, "{}", words::done(lang, what, name.trim()));
            exit::OK
        }
        Err(e) => report(io, &e),
    };
    let role_of = |io: &mut crate::cli::Io<'_>, code: &str| {
        Role::from_code(code).ok_or_else(|| {
            let _ = writeln!(io.err, "onshi staff: {}", words::unknown_role(lang, code));
            exit::USAGE
        })
    };
    let r: Result<u8, u8> = (|| match cmd {
        StaffCommand::Add { name, role, admin } => {
            let role = role_of(io, role)?;
            let first = match acc.has_admin() {
                Ok(has) => !has,
                Err(e) => return Err(report(io, &e)),
            };
            let by = if first {
                if role != Role::Admin {
                    return Err(report(io, &StaffError::FirstMustBeAdmin));
                }
                None
            } else {
                let Some(admin) = admin else {
                    let _ = writeln!(io.err, "onshi staff: {}", words::admin_needed(lang));
                    return Err(exit::USAGE);
                };
                Some(approve(&acc, io, admin)?)
            };
            let pw = read(io, words::Prompt::New, true)?;
            let r = match by {
                None => acc.add_first_admin(name, pw.as_bytes()).map(|_| ()),
                Some(by) => acc.add(&by, name, role, pw.as_bytes()),
            };
            Ok(done(io, r, words::Done::Added(role), name))
        }
        StaffCommand::Role { name, role, admin } => {
            let role = role_of(io, role)?;
            let by = approve(&acc, io, admin)?;
            Ok(done(
                io,
                acc.set_role(&by, name, role),
                words::Done::RoleSet(role),
                name,
            ))
        }
        StaffCommand::Passwd { name, admin } => {
            let by = approve(&acc, io, admin)?;
            let pw = read(io, words::Prompt::New, true)?;
            Ok(done(
                io,
                acc.set_password(&by, name, pw.as_bytes()),
                words::Done::PasswordSet,
                name,
            ))
        }
        StaffCommand::Disable { name, admin } => {
            let by = approve(&acc, io, admin)?;
            Ok(done(
                io,
                acc.set_disabled(&by, name, true),
                words::Done::Disabled,
                name,
            ))
        }
        StaffCommand::Enable { name, admin } => {
            let by = approve(&acc, io, admin)?;
            Ok(done(
                io,
                acc.set_disabled(&by, name, false),
                words::Done::Enabled,
                name,
            ))
        }
        StaffCommand::Remove { name, admin } => {
            let by = approve(&acc, io, admin)?;
            Ok(done(io, acc.remove(&by, name), words::Done::Removed, name))
        }
        StaffCommand::List => match acc.list() {
            Ok(list) => {
                for a in list {
                    let off = if a.disabled { "\tdisabled" } else { "" };
                    let _ = writeln!(io.out, "{}\t{}{off}", a.name, a.role.code());
                }
                Ok(exit::OK)
            }
            Err(e) => Err(report(io, &e)),
        },
    })();
    r.unwrap_or_else(|code| code)
}
