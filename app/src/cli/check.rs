//! `onshi check`: the insurance-card check of a script, asked on standard input as JSON
//! (recommended: the numbers stay out of `ps` and the shell history) or with the flags. The
//! form is the desk's ([`onshi_desk::numbers`]), the check is the desk's
//! ([`onshi_desk::services::check::check_blocking`]); the result is printed (text, or
//! `--json`) and stored in the history, and the exit status says what the centre answered.

use super::history::{entry_json, history_day, print_entry};
use super::{Io, Settings, exit};
use onshi_desk::history::{self, Entry, History};
use onshi_desk::i18n::Message as _;
use onshi_desk::i18n::cli::{self as words, Word};
use onshi_desk::numbers::{CheckForm, read_stdin_request};
use onshi_desk::services::check::{Checked, check_blocking};

/// `onshi check`: the insurance-card check, asked either on standard input (recommended) or
/// with the flags. Its Debug shows no number.
#[derive(clap::Args)]
pub struct CheckArgs {
    /// Read the request as one JSON object from standard input (recommended: the numbers and
    /// the birth date then stay out of `ps` and the shell history).
    ///
    /// Every value a string:
    ///   insurer        保険者番号 (required)
    ///   symbol         記号 (optional)
    ///   number         番号 (required)
    ///   branch         枝番 (optional)
    ///   birth          生年月日 YYYY-MM-DD or YYYYMMDD (required)
    ///   limit_consent  true or false (optional; the same as --limit-consent)
    ///   date           資格確認日 YYYY-MM-DD (optional; the same as --date)
    /// Example:
    ///   printf '%s' '{"insurer":"01130012","symbol":"1234567","number":"12","branch":"00","birth":"1980-02-17"}' | onshi check --stdin
    #[arg(
        long,
        verbatim_doc_comment,
        conflicts_with_all = ["insurer", "symbol", "number", "branch", "birth"]
    )]
    pub stdin: bool,
    /// 保険者番号 (6 or 8 digits). Visible to other users in `ps`: prefer --stdin.
    #[arg(long, required_unless_present = "stdin")]
    pub insurer: Option<String>,
    /// 記号 (may be left out).
    #[arg(long)]
    pub symbol: Option<String>,
    /// 番号.
    #[arg(long, required_unless_present = "stdin")]
    pub number: Option<String>,
    /// 枝番 (2 digits; may be left out).
    #[arg(long)]
    pub branch: Option<String>,
    /// 生年月日, YYYY-MM-DD (or YYYYMMDD).
    #[arg(long, value_name = "YYYY-MM-DD", required_unless_present = "stdin")]
    pub birth: Option<String>,
    /// The patient agreed to give the 限度額 (limit certificate) information.
    #[arg(long)]
    pub limit_consent: bool,
    /// 資格確認日: the eligibility on this day (YYYY-MM-DD) instead of today, e.g. the day
    /// of the visit of a returned claim (「レセプト請求時の資格情報」).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,
    /// Print the result as JSON.
    #[arg(long)]
    pub json: bool,
}

impl std::fmt::Debug for CheckArgs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CheckArgs")
            .field("stdin", &self.stdin)
            .field("limit_consent", &self.limit_consent)
            .field("date", &self.date)
            .field("json", &self.json)
            .finish_non_exhaustive()
    }
}

/// Runs `onshi check` (the request from the flags, or with `--stdin` from `input`); returns
/// the exit status. It needs a settings file: the centre and the institution are in it.
pub fn run(
    settings: &Settings,
    args: &CheckArgs,
    input: &mut dyn std::io::Read,
    io: &mut Io<'_>,
) -> u8 {
    let cfg = match settings.config() {
        Ok(cfg) => cfg,
        Err(unusable) => return unusable.report(true, io.err),
    };
    let lang = cfg.lang;
    let form = if args.stdin {
        match read_stdin_request(input) {
            Ok(mut f) => {
                f.limit_consent |= args.limit_consent;
                if let Some(d) = &args.date {
                    f.date = d.clone();
                }
                f
            }
            Err(p) => {
                say!(io.err, "onshi: {}", words::stdin_problem(lang, &p));
                return exit::USAGE;
            }
        }
    } else {
        let text = |v: &Option<String>| v.clone().unwrap_or_default();
        CheckForm {
            insurer: text(&args.insurer),
            symbol: text(&args.symbol),
            number: text(&args.number),
            branch: text(&args.branch),
            birth: text(&args.birth),
            limit_consent: args.limit_consent,
            date: text(&args.date),
        }
    };
    // Before the numbers: a wrong day is said even when a number is wrong too.
    let date = match form.confirmation_date() {
        Ok(d) => d,
        Err(onshi_desk::numbers::BadDate) => {
            say!(io.err, "onshi: {}", words::bad_date(lang, form.date.trim()));
            return exit::USAGE;
        }
    };
    let search = match form.search() {
        Ok(s) => s,
        Err(errors) => {
            for e in errors {
                say!(io.err, "onshi: {}", e.message(lang));
            }
            return exit::USAGE;
        }
    };
    // Opened before asking the centre: a check that cannot be recorded is not made.
    let mut store = match History::open(&cfg.history) {
        Ok(h) => h,
        Err(e) => {
            say!(io.err, "onshi: {}", words::history_error(lang, &e));
            return exit::HISTORY;
        }
    };
    let Checked { at, answer, record } = check_blocking(cfg, &search, date);
    let status = match &answer {
        Ok(e) => exit::verdict(&e.verdict),
        Err(e) => {
            say!(io.err, "onshi: {}", e.message(lang));
            exit::CENTRE
        }
    };
    let stored = store.record(&record);
    let entry = Entry {
        id: *stored.as_ref().unwrap_or(&0),
        check: record,
    };
    if answer.is_ok() {
        if args.json {
            let mut v = entry_json(&entry);
            if stored.is_err() {
                v["id"] = serde_json::Value::Null;
            }
            // The day the centre answered for, and its 資格有効性 code (3: a newer
            // qualification exists), for scripts that tell 無効 cases apart.
            let day = date.unwrap_or_else(|| history::day_in_japan(at));
            v["as_of"] = history_day(day).into();
            if let Ok(e) = &answer {
                v["validity"] = e.validity.as_ref().map(|x| x.code().to_string()).into();
            }
            say!(io.out, "{v:#}");
        } else {
            print_entry(lang, &entry, stored.is_ok(), io.out);
            if let Ok(e) = &answer {
                match e.verdict {
                    eligibility::Verdict::NotFound => {
                        say!(io.out, "{}", words::word(lang, Word::NotFound))
                    }
                    eligibility::Verdict::Multiple => {
                        say!(io.out, "{}", words::word(lang, Word::Multiple))
                    }
                    _ if e.validity
                        == Some(
                            eligibility::codes::QualificationValidity::InvalidNewQualification,
                        ) =>
                    {
                        say!(io.out, "{}", words::word(lang, Word::NewQualification))
                    }
                    _ => {}
                }
                if let Some(d) = date {
                    say!(
                        io.out,
                        "{}: {}",
                        words::word(lang, Word::AsOf),
                        history_day(d)
                    );
                }
            }
        }
    }
    match stored {
        Ok(id) => {
            tracing::info!(id, outcome = entry.check.outcome.code(), "check stored");
            status
        }
        Err(e) => {
            say!(
                io.err,
                "onshi: {}: {}",
                words::word(lang, Word::NotStored),
                words::history_error(lang, &e)
            );
            exit::HISTORY
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use onshi_desk::Lang;
    use onshi_desk::numbers::{STDIN_MAX, StdinProblem};

    #[test]
    fn a_stdin_request_fills_the_form_and_its_problems_never_quote_a_value() {
        let read = |s: &str| read_stdin_request(&mut s.as_bytes());
        let f = read(r#"{"insurer":"01130012","number":"12","birth":"19800217"}"#).unwrap();
        assert_eq!((f.insurer.as_str(), f.number.as_str()), ("01130012", "12"));
        assert_eq!((f.symbol.as_str(), f.limit_consent), ("", false));
        assert_eq!(
            read(r#"{"insurer":"01130012","numbr":"12","birth":"19800217"}"#).err(),
            Some(StdinProblem::UnknownKey("numbr".into()))
        );
        assert_eq!(
            read(r#"{"insurer":"01130012","birth":"19800217"}"#).err(),
            Some(StdinProblem::MissingKey("number".into()))
        );
        let wrong = read(r#"{"insurer":"01130012","number":98765,"birth":"19800217"}"#);
        assert!(
            matches!(wrong, Err(StdinProblem::WrongType { line: 1, .. })),
            "{:?}",
            wrong.err()
        );
        for lang in [Lang::Ja, Lang::En] {
            let said = words::stdin_problem(lang, &wrong.clone().unwrap_err());
            assert!(!said.contains("98765"), "{said}");
        }
        assert!(matches!(
            read("insurer=1"),
            Err(StdinProblem::NotJson { .. })
        ));
        assert!(matches!(read(""), Err(StdinProblem::NotJson { .. })));
        let long = format!("{{\"insurer\":\"{}\"}}", "1".repeat(STDIN_MAX));
        assert_eq!(read(&long).err(), Some(StdinProblem::TooLong));
    }
}
