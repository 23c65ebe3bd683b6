//! `onshi audit verify`: checks the audit log's hash chain (in the history database) from its
//! first row, and names the first row that was changed, removed or inserted.

use super::{Io, Settings, exit};
use onshi_desk::history::{self, History};
use onshi_desk::i18n::cli as words;
use onshi_desk::i18n::staff as w;

/// `onshi audit ...`: the audit log of the history.
#[derive(Debug, clap::Subcommand)]
pub enum AuditCommand {
    /// Check the audit log's hash chain from its first row: exit 0 when intact, 12 and the
    /// first broken row when a row was changed, removed or inserted.
    Verify,
}

/// Runs `onshi audit` on the settings' history database; returns the exit status.
pub fn run(settings: &Settings, cmd: &AuditCommand, io: &mut Io<'_>) -> u8 {
    let (path, lang) = (&settings.history, settings.lang);
    match cmd {
        AuditCommand::Verify => match History::open(path).and_then(|h| h.verify_audit()) {
            Err(e) => {
                say!(io.err, "onshi: {}", words::history_error(lang, &e));
                exit::HISTORY
            }
            Ok(c) => match c.broken {
                None => {
                    say!(io.out, "{}", w::audit_intact(lang, c.rows));
                    exit::OK
                }
                Some(b) => {
                    let at = b.at.map(|t| {
                        format!(
                            "{} {:02}:{:02}:{:02}",
                            history::day_in_japan(t),
                            t.hour(),
                            t.minute(),
                            t.second()
                        )
                    });
                    say!(
                        io.err,
                        "onshi audit: {}",
                        w::audit_broken(lang, b.id, at.as_deref())
                    );
                    exit::AUDIT_BROKEN
                }
            },
        },
    }
}
