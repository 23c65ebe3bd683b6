//! `onshi batch IN.csv -o OUT.csv`: the 一括照会 from a script. Reads the list, reports bad rows
//! on stderr (line, column, reason; never the cell), saves the job, sends it (or resumes the
//! saved job of the same file: same key, same 受付番号), waits for the result with a progress
//! bar when stderr is a terminal (plain step lines otherwise), and writes the result table
//! (UTF-8 with BOM). Messages are in the config's language. `--date` is the 資格確認日 of rows
//! without their own 予約日 (a day not yet past; none: the day the centre receives the list).
//!
//! Exit codes (scripts may rely on them):
//!
//! | code | meaning |
//! | --- | --- |
//! | 0 | OUT.csv written; every row was sent and answered (無効 and エラー answers are results) |
//! | 1 | OUT.csv written; some rows were refused at import and not sent (in OUT.csv as エラー) |
//! | 2 | bad command line or settings file (nothing done) |
//! | 3 | the centre could not be reached, refused, or had not finished: the job is saved, run the same command again to resume |
//! | 4 | the centre failed the batch: run the same command again to send it as a new batch |
//! | 6 | the local job store or OUT.csv could not be written |
//! | 8 | the list cannot be used (unreadable, not text, no rows, more than 10,000, all rows bad): nothing sent |

use onshi_desk::batch::run::{Polling, Progress, RunError};
use onshi_desk::batch::store::{self, Store};
use onshi_desk::i18n::Lang;
use onshi_desk::i18n::batch::{self as words, Say, say};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::time::Duration;

/// Exit codes of `onshi batch`: the one table of every command ([`crate::cli::exit`]).
pub mod exit {
    pub use crate::cli::exit::{
        BAD_LIST, CENTRE, CHECK_ERROR as FAILED, INVALID as SOME_ROWS_BAD, LOCAL, OK, USAGE,
    };
}

/// What `onshi batch` was asked to do (the settings file is loaded by the caller).
#[derive(Debug, Clone)]
pub struct Options {
    pub input: PathBuf,
    pub output: PathBuf,
    /// `batches.sqlite`; default: [`onshi_desk::batch::default_data_dir`].
    pub store: Option<PathBuf>,
    pub poll_interval: Duration,
    /// Stop waiting after this long (exit 4; run again to resume).
    pub wait: Duration,
    /// `--date`: the 資格確認日 of the rows without a 予約日 (YYYY-MM-DD, YYYY/MM/DD or
    /// YYYYMMDD); `None`: the day the centre receives the list.
    pub date: Option<String>,
}

/// Runs the command; returns the exit code. Errors go to stderr in `lang`'s words where the
/// catalogue has them, else the error's own English text.
pub fn run(opts: &Options, cfg: &onshi_desk::config::Config) -> u8 {
    let lang = cfg.lang;
    let mut out = Out::new(lang);
    let today = onshi_desk::time::today();
    let date = match opts
        .date
        .as_deref()
        .map(str::trim)
        .filter(|d| !d.is_empty())
    {
        None => None,
        Some(d) => match eligibility::ids::parse_yyyymmdd(d) {
            None => {
                out.error(&onshi_desk::i18n::cli::bad_date(lang, d));
                return exit::USAGE;
            }
            Some(day) if day < today => {
                out.error(&words::past_date(d, lang));
                return exit::USAGE;
            }
            Some(day) => Some(day),
        },
    };
    let bytes = match std::fs::read(&opts.input) {
        Ok(b) => b,
        Err(e) => {
            let t = onshi_desk::services::batch::ImportTrouble::Read(e);
            out.error(&format!(
                "{}: {}",
                opts.input.display(),
                words::import_trouble(&t, lang)
            ));
            return exit::BAD_LIST;
        }
    };
    let import = match onshi_desk::batch::import::parse_on(&bytes, today) {
        Ok(i) => i,
        Err(e) => {
            let t = onshi_desk::services::batch::ImportTrouble::List(e);
            out.error(&format!(
                "{}: {}",
                opts.input.display(),
                words::import_trouble(&t, lang)
            ));
            return exit::BAD_LIST;
        }
    };
    let bad = import.rows.len() - import.good();
    for r in import.bad() {
        if let Err(p) = &r.parsed {
            out.line(&say(
                &Say::BadRow {
                    line: r.line,
                    column: p.column,
                    reason: p.message(lang),
                },
                lang,
            ));
        }
    }
    out.line(&say(
        &Say::Imported {
            good: import.good(),
            bad,
        },
        lang,
    ));
    if import.good() == 0 {
        out.error(&RunError::NothingToSend.to_string());
        return exit::BAD_LIST;
    }
    if import.good() > eligibility::client::BATCH_MAX {
        out.error(
            &eligibility::ClientError::BatchSize {
                max: eligibility::client::BATCH_MAX,
                got: import.good(),
            }
            .to_string(),
        );
        return exit::BAD_LIST;
    }
    let store_path = opts
        .store
        .clone()
        .unwrap_or_else(|| store::default_file(&onshi_desk::batch::default_data_dir()));
    if let Some(dir) = store_path.parent().filter(|d| !d.as_os_str().is_empty()) {
        // A failure shows as the store's own error just below.
        let _ = onshi_desk::private::create_dir_all(dir);
    }
    let mut st = match Store::open(&store_path) {
        Ok(s) => s,
        Err(e) => {
            out.error(&words::cli_store(&e, lang));
            return exit::LOCAL;
        }
    };
    // The same file for another --date is another job (its rows are asked for another day).
    let digest = match date {
        None => store::digest(&bytes),
        Some(d) => format!("{}@{}", store::digest(&bytes), store::wire_date(d)),
    };
    let institution = cfg.institution.to_string();
    let job = match st.unfinished(&digest, &institution) {
        Ok(Some(j)) => {
            out.line(&say(
                &Say::Resuming {
                    reception: j.reception.as_deref(),
                },
                lang,
            ));
            j
        }
        Ok(None) => match st.create_for(&import, &digest, &institution, date) {
            Ok(j) => j,
            Err(e) => {
                out.error(&words::cli_store(&e, lang));
                return exit::LOCAL;
            }
        },
        Err(e) => {
            out.error(&words::cli_store(&e, lang));
            return exit::LOCAL;
        }
    };
    let rt = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            out.error(&format!("cannot start the network runtime: {e}"));
            return exit::LOCAL;
        }
    };
    let client = match eligibility::Client::new(cfg.centre.clone()) {
        Ok(c) => c,
        Err(e) => {
            out.error(&e.message(lang));
            return exit::USAGE;
        }
    };
    let polling = Polling {
        interval: opts.poll_interval,
    };
    let result = rt.block_on(async {
        let mut on = |p: Progress| out.progress(&p);
        tokio::time::timeout(
            opts.wait,
            onshi_desk::batch::run::run(&client, &mut st, job.id, polling, &mut on),
        )
        .await
    });
    out.finish_bar();
    match result {
        Ok(Ok(_)) => {}
        Err(_elapsed) => {
            let reception = st.job(job.id).ok().and_then(|j| j.reception);
            let e = eligibility::ClientError::BatchPending {
                reception: reception.unwrap_or_default(),
            };
            out.error(&e.message(lang));
            return exit::CENTRE;
        }
        Ok(Err(RunError::Centre(e))) => {
            out.error(&format!(
                "{} {}",
                e.message(lang),
                match lang {
                    Lang::Ja => "一括照会は保存されています。同じコマンドをもう一度実行すると続きから再開します。",
                    Lang::En => "The 一括照会 is saved: run the same command again to resume it.",
                }
            ));
            return exit::CENTRE;
        }
        Ok(Err(RunError::Failed(why))) => {
            out.error(&words::cli_failed(&why, lang));
            return exit::FAILED;
        }
        Ok(Err(e @ RunError::NothingToSend)) => {
            out.error(&words::run_error(&e, lang));
            return exit::BAD_LIST;
        }
        Ok(Err(RunError::Store(e))) => {
            out.error(&words::cli_store(&e, lang));
            return exit::LOCAL;
        }
        Ok(Err(e @ RunError::AlreadyDone)) => {
            out.error(&words::run_error(&e, lang));
            return exit::LOCAL;
        }
    }
    let rows = match st.rows(job.id) {
        Ok(r) => r,
        Err(e) => {
            out.error(&words::cli_store(&e, lang));
            return exit::LOCAL;
        }
    };
    if let Err(e) = onshi_desk::services::export::write_file(&rows, lang, &opts.output) {
        out.error(&words::cli_export_failed(&opts.output, &e, lang));
        return exit::LOCAL;
    }
    let bad_now = onshi_desk::batch::run::Summary::of(&rows).bad;
    out.line(&say(
        &Say::Written {
            path: &opts.output.display().to_string(),
        },
        lang,
    ));
    if bad_now > 0 {
        exit::SOME_ROWS_BAD
    } else {
        exit::OK
    }
}

/// stderr: a one-line progress bar on a terminal, plain lines otherwise.
struct Out {
    lang: Lang,
    tty: bool,
    bar_shown: bool,
    step: usize,
    status: String,
}

const STEPS: usize = 4;

impl Out {
    fn new(lang: Lang) -> Out {
        Out {
            lang,
            tty: std::io::stderr().is_terminal(),
            bar_shown: false,
            step: 1,
            status: String::new(),
        }
    }

    fn line(&mut self, s: &str) {
        self.finish_bar();
        eprintln!("{s}");
    }

    fn error(&mut self, s: &str) {
        self.finish_bar();
        eprintln!("onshi batch: {s}");
    }

    fn progress(&mut self, p: &Progress) {
        let lang = self.lang;
        let (step, text, new) = match p {
            Progress::Uploading { rows } => (2, say(&Say::Uploading { rows: *rows }, lang), true),
            Progress::Accepted { reception, .. } => {
                (3, say(&Say::Accepted { reception }, lang), true)
            }
            Progress::Waiting { polls } if self.tty => {
                (3, format!("{} ({polls})", say(&Say::Waiting, lang)), true)
            }
            Progress::Waiting { polls } => (3, say(&Say::Waiting, lang), *polls == 1),
            Progress::Done(s) => (
                4,
                say(
                    &Say::Done {
                        valid: s.valid,
                        invalid: s.invalid,
                        error: s.error,
                    },
                    lang,
                ),
                true,
            ),
        };
        self.step = step;
        if self.tty {
            self.status = text;
            self.draw();
        } else if new {
            // Scripts and logs get each step once (the test reads the 受付番号 line).
            eprintln!("{text}");
        }
    }

    fn draw(&mut self) {
        const WIDTH: usize = 24;
        let filled = WIDTH * self.step / STEPS;
        let bar: String = "█".repeat(filled) + &"░".repeat(WIDTH - filled);
        let mut e = std::io::stderr().lock();
        let _ = write!(e, "\r\x1b[2K一括照会 [{bar}] {}", self.status);
        let _ = e.flush();
        self.bar_shown = true;
    }

    fn finish_bar(&mut self) {
        if self.bar_shown {
            eprintln!();
            self.bar_shown = false;
        }
    }
}

/// The default store file (shown in `--help`).
pub fn default_store() -> PathBuf {
    store::default_file(&onshi_desk::batch::default_data_dir())
}
