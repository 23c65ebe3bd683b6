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

use super::{Settings, exit};
use onshi_desk::batch::run::{Polling, Progress, RunError};
use onshi_desk::batch::store::{self, Store};
use onshi_desk::i18n::Lang;
use onshi_desk::i18n::Message as _;
use onshi_desk::i18n::batch::{self as words, Say, say};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::time::Duration;

/// `onshi batch IN.csv -o OUT.csv` (exit codes: see `onshi::cli::batch`).
#[derive(clap::Args)]
pub struct BatchArgs {
    /// The list: 患者氏名,保険者番号,記号,番号,枝番,生年月日[,予約日] (UTF-8 or Shift_JIS; header
    /// optional; 予約日 = the row's 資格確認日).
    pub input: PathBuf,
    /// The result table (CSV, UTF-8 with BOM for Excel).
    #[arg(short, long, value_name = "OUT.csv")]
    pub output: PathBuf,
    /// The job store [default: $XDG_DATA_HOME/onshi/batches.sqlite].
    #[arg(long, value_name = "FILE")]
    pub store: Option<PathBuf>,
    /// Seconds between asks for the result.
    #[arg(long, default_value_t = 2.0)]
    pub poll_secs: f64,
    /// Stop waiting after this many seconds (exit 4; the same command resumes).
    #[arg(long, default_value_t = 600.0)]
    pub wait_secs: f64,
    /// 資格確認日 (YYYY-MM-DD) of the rows without their own 予約日 column [default: today].
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,
}

/// Runs the command; returns the exit code. It needs a settings file (the centre, the
/// institution). Errors go to stderr in the settings' words where the catalogue has them, else
/// the error's own English text. It writes to stderr itself: the progress bar redraws one line.
pub fn run(settings: &Settings, opts: &BatchArgs) -> u8 {
    let cfg = match settings.config() {
        Ok(cfg) => cfg,
        Err(unusable) => return unusable.report(true, &mut std::io::stderr()),
    };
    let lang = cfg.lang;
    let poll_interval = Duration::from_secs_f64(opts.poll_secs.max(0.01));
    let wait = Duration::from_secs_f64(opts.wait_secs.max(0.0));
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
    // The same file (and --date) carries its unfinished job on: same key, same 受付番号.
    let institution = cfg.institution.to_string();
    let job = match st.save_or_resume(&import, &store::digest(&bytes), &institution, date) {
        Ok(saved) => {
            if saved.resumed {
                out.line(&say(
                    &Say::Resuming {
                        reception: saved.job.reception.as_deref(),
                    },
                    lang,
                ));
            }
            saved.job
        }
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
        interval: poll_interval,
    };
    let result = rt.block_on(async {
        let mut on = |p: Progress| out.progress(&p);
        tokio::time::timeout(
            wait,
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
        Ok(Err(e)) => {
            out.error(&match &e {
                RunError::Centre(c) => words::cli_centre(c, lang),
                RunError::Failed(why) => words::cli_failed(why, lang),
                RunError::Store(s) => words::cli_store(s, lang),
                RunError::NothingToSend | RunError::AlreadyDone => words::run_error(&e, lang),
            });
            return exit::batch(&e);
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
        // Some rows were refused at import: they are in OUT.csv as エラー.
        exit::INVALID
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
