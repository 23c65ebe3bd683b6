//! The settings a command runs with, resolved once for every subcommand and for the windows:
//! `--config FILE`, else `$XDG_CONFIG_HOME/onshi/config.toml`. When that default file is not
//! written yet, the commands that need no centre (history, audit, staff, card info, subsidy)
//! still run, in the language of the environment and on the desk's default files; the others
//! say why they cannot (exit 2), with the example file to start from. A `--config` that is
//! missing, or any file that cannot be used, stops every command.

use super::exit;
use onshi_desk::Lang;
use onshi_desk::card::Setup;
use onshi_desk::config::{Config, ConfigError, EXAMPLE};
use std::io::Write;
use std::path::{Path, PathBuf};

/// What every command takes its settings from.
pub struct Settings {
    /// The settings' language, else the environment's ([`lang_from_env`]).
    pub lang: Lang,
    /// The history database (with the audit log).
    pub history: PathBuf,
    /// The staff accounts.
    pub staff: PathBuf,
    /// The loaded file, or why there is none (only a default file not written yet).
    config: Result<Config, Unusable>,
}

/// Settings that cannot be used: why, and where they were looked for.
#[derive(Debug)]
pub struct Unusable {
    error: ConfigError,
    path: PathBuf,
    /// Given with `--config` (else the default file).
    explicit: bool,
}

impl Settings {
    /// Loads `config` (`--config`), else the default file; fails when the file cannot be used,
    /// except a default file that does not exist yet (see [`Settings::config`]).
    pub fn resolve(config: Option<&Path>) -> Result<Settings, Unusable> {
        let explicit = config.is_some();
        let path = config.map_or_else(default_config_path, Path::to_path_buf);
        match Config::load(&path) {
            Ok(cfg) => Ok(Settings {
                lang: cfg.lang,
                history: cfg.history.clone(),
                staff: cfg.staff.clone(),
                config: Ok(cfg),
            }),
            // A desk whose settings are not written yet may still have a history to read,
            // accounts to make (before the settings), a card to read (any reader, no CA
            // check) and a subsidy to estimate.
            Err(error @ ConfigError::Missing { .. }) if !explicit => Ok(Settings {
                lang: lang_from_env(),
                history: onshi_desk::history::default_path(),
                staff: onshi_desk::staff::default_path(),
                config: Err(Unusable {
                    error,
                    path,
                    explicit,
                }),
            }),
            Err(error) => Err(Unusable {
                error,
                path,
                explicit,
            }),
        }
    }

    /// The loaded file, for the commands that need one (the centre's address, the
    /// institution).
    pub fn config(&self) -> Result<&Config, &Unusable> {
        self.config.as_ref()
    }

    /// The loaded file, for the windows.
    pub fn into_config(self) -> Result<Config, Unusable> {
        self.config
    }

    /// What `card info` reads with: the configured reader and JPKI CA, else any reader and
    /// no CA check.
    pub fn card(&self) -> Setup {
        match &self.config {
            Ok(cfg) => Setup::from_config(cfg),
            Err(_) => Setup::without_config(self.lang),
        }
    }
}

impl Unusable {
    /// Says why on `err` and returns the exit status (2). A command's message starts in the
    /// language of the environment, as the settings' own language is unknown; the windows
    /// print the error as it is. A default file that does not exist yet is followed by the
    /// example to create it from.
    pub fn report(&self, command: bool, err: &mut dyn Write) -> u8 {
        let e = &self.error;
        // Write errors are ignored: nothing is left to tell them to.
        let _ = if command {
            writeln!(
                err,
                "onshi: {}",
                onshi_desk::i18n::cli::config_error(lang_from_env(), &e.to_string())
            )
        } else {
            writeln!(err, "onshi: {e}")
        };
        if matches!(e, ConfigError::Missing { .. }) && !self.explicit {
            let path = self.path.display();
            let _ = writeln!(
                err,
                "\nonshi: no --config was given and {path} does not exist. Create it from this example (or run `onshi --example-config > {path}`) and edit it:\n\n{EXAMPLE}"
            );
        }
        exit::USAGE
    }
}

/// `$XDG_CONFIG_HOME/onshi/config.toml`, `$XDG_CONFIG_HOME` defaulting to `~/.config`.
fn default_config_path() -> PathBuf {
    let base = std::env::var_os("XDG_CONFIG_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")))
        .unwrap_or_else(|| PathBuf::from("."));
    base.join("onshi").join("config.toml")
}

/// The language for messages when no settings could be read: `LANG` / `LC_ALL` starting with
/// `ja` gives Japanese, anything else English.
pub fn lang_from_env() -> Lang {
    let v = std::env::var("LC_ALL")
        .ok()
        .filter(|v| !v.is_empty())
        .or_else(|| std::env::var("LANG").ok())
        .unwrap_or_default();
    if v.starts_with("ja") {
        Lang::Ja
    } else {
        Lang::En
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn said(u: &Unusable, command: bool) -> (u8, String) {
        let mut buf = Vec::new();
        let status = u.report(command, &mut buf);
        (status, String::from_utf8(buf).unwrap())
    }

    #[test]
    fn a_missing_config_given_with_the_flag_stops_every_command_without_the_example() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        let Err(u) = Settings::resolve(Some(&path)) else {
            panic!("a --config that does not exist must not be replaced by defaults");
        };
        for command in [true, false] {
            let (status, text) = said(&u, command);
            assert_eq!(status, exit::USAGE);
            assert!(text.starts_with("onshi: "), "{text}");
            assert!(!text.contains("no --config was given"), "{text}");
        }
    }

    #[test]
    fn a_default_file_not_written_yet_runs_on_defaults_and_says_how_to_start_one() {
        let path = PathBuf::from("/nonexistent/onshi/config.toml");
        let settings = Settings {
            lang: Lang::En,
            history: onshi_desk::history::default_path(),
            staff: onshi_desk::staff::default_path(),
            config: Err(Unusable {
                error: ConfigError::Missing { path: path.clone() },
                path,
                explicit: false,
            }),
        };
        let card = settings.card();
        assert!(card.reader.is_none() && card.jpki_cas.is_empty());
        let Err(u) = settings.config() else {
            panic!("no file was loaded")
        };
        let (status, text) = said(u, true);
        assert_eq!(status, exit::USAGE);
        assert!(
            text.contains(
                "no --config was given and /nonexistent/onshi/config.toml does not exist"
            )
        );
        assert!(text.ends_with(&format!("{EXAMPLE}\n")), "{text}");
    }
}
