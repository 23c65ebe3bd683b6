//! `onshi refno add` and `onshi refno import`: 照会番号 registration (the clinic's 診察券番号
//! against a patient's insurance numbers), one number typed or a CSV list, through the desk's
//! client ([`onshi_desk::services::refno`]). Each row the centre did not register is printed
//! with its code and message. Exit statuses from [`super::exit`]: 0 every row registered, 2 a
//! typed field that cannot be used, 8 a list that cannot be used (nothing is sent), 3 the centre
//! could not be asked or refused the whole file, 15 the centre refused some rows.

use super::{Io, Settings, exit};

use onshi_desk::i18n::link as words;
use onshi_desk::link::refno::{ListProblem, RowText, read_list};
use onshi_desk::services::refno::{register_blocking, unit_outcome};
use std::path::PathBuf;

/// `onshi refno`.
#[derive(Debug, clap::Subcommand)]
pub enum RefnoCommand {
    /// Register one 照会番号 (診察券番号) against a patient's insurance numbers.
    #[command(after_help = super::exit::HELP)]
    Add(AddArgs),
    /// Register the 照会番号 of a CSV list: 照会番号,保険者番号,記号,番号,枝番,生年月日 per line
    /// (記号, 枝番 and 生年月日 may be empty), UTF-8 or Shift_JIS, an optional header line.
    #[command(after_help = super::exit::HELP)]
    Import {
        /// The list.
        #[arg(value_name = "FILE.csv")]
        file: PathBuf,
    },
}

/// `onshi refno add`. Its Debug shows no number.
#[derive(clap::Args)]
pub struct AddArgs {
    /// 保険者番号 (6 or 8 digits).
    #[arg(long)]
    pub insurer: String,
    /// 番号.
    #[arg(long)]
    pub number: String,
    /// 記号.
    #[arg(long)]
    pub symbol: Option<String>,
    /// 枝番.
    #[arg(long)]
    pub branch: Option<String>,
    /// 生年月日, YYYY-MM-DD (or YYYYMMDD).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub birth: Option<String>,
    /// The 照会番号 (the clinic's 診察券番号, 1 to 50 characters).
    #[arg(value_name = "REFNO")]
    pub refno: String,
}

impl std::fmt::Debug for AddArgs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AddArgs").finish_non_exhaustive()
    }
}

/// Runs `onshi refno ...`; returns the exit status.
pub fn run(settings: &Settings, command: &RefnoCommand, io: &mut Io<'_>) -> u8 {
    let cfg = match settings.config() {
        Ok(cfg) => cfg,
        Err(unusable) => return unusable.report(true, io.err),
    };
    let lang = cfg.lang;
    let rows = match command {
        RefnoCommand::Add(a) => {
            let text = RowText {
                reference_number: a.refno.clone(),
                insurer: a.insurer.clone(),
                symbol: a.symbol.clone().unwrap_or_default(),
                number: a.number.clone(),
                branch: a.branch.clone().unwrap_or_default(),
                birth: a.birth.clone().unwrap_or_default(),
            };
            match text.row() {
                Ok(r) => vec![r],
                Err(p) => {
                    say!(io.err, "onshi: {}", words::refno_row(lang, None, &p));
                    return exit::USAGE;
                }
            }
        }
        RefnoCommand::Import { file } => match read_list(file) {
            Ok(rows) => rows,
            Err(p) => {
                if let ListProblem::Rows(rows) = &p {
                    for (line, problem) in rows {
                        say!(
                            io.err,
                            "onshi: {}",
                            words::refno_row(lang, Some(*line), problem)
                        );
                    }
                }
                say!(io.err, "onshi: {}", words::refno_list(lang, &p));
                return exit::BAD_LIST;
            }
        },
    };
    let answer = match register_blocking(cfg, &rows) {
        Ok(a) => a,
        Err(e) => {
            tracing::warn!(error = %e, "reference numbers not registered");
            say!(io.err, "onshi: {e}");
            return exit::CENTRE;
        }
    };
    let mut registered = 0;
    for u in &answer.body.units {
        match unit_outcome(u) {
            Ok(()) => registered += 1,
            Err((code, message)) => say!(
                io.err,
                "onshi: {}",
                words::refno_refused(
                    lang,
                    u.reference_number.as_deref().unwrap_or("-"),
                    &code,
                    &message,
                )
            ),
        }
    }
    say!(
        io.out,
        "{}",
        words::refno_done(lang, registered, rows.len())
    );
    if registered == rows.len() {
        exit::OK
    } else {
        exit::REFNO_REFUSED
    }
}
