//! The headless commands, for integrators' scripts: `onshi check` (an insurance-card check:
//! prints the result, stores it in the history) and `onshi history` (today's checks or a
//! search). Results go to stdout (text for a person, `--json` for a script), errors to stderr
//! in the config's language, and the exit status says what happened (see [`exit`]).

use onshi_desk::numbers::{CheckForm, read_stdin_request};

pub mod batch;
pub mod card;
pub mod staff;
pub mod subsidy;
use eligibility::Lang;
use onshi_desk::config::Config;
use onshi_desk::history::{self, Entry, History, Outcome, Query};
use onshi_desk::i18n::cli::{self as words, Word};
use std::io::Write;
use std::path::Path;
use time::{Date, OffsetDateTime};

/// Exit statuses of the commands, one place for scripts to rely on.
pub mod exit {
    /// 有効 (`check`), or the command did what was asked (`history`).
    pub const OK: u8 = 0;
    /// 無効 or 該当資格なし; for `batch`, OUT.csv was written but some rows were refused at
    /// import (they are in OUT.csv as エラー).
    pub const INVALID: u8 = 1;
    /// Wrong arguments, a wrongly typed field, or settings that cannot be used (clap's own
    /// usage errors are 2 as well).
    pub const USAGE: u8 = 2;
    /// The centre could not be asked: unreachable, timed out, TLS refused, the request was
    /// refused, or its reply could not be read. Nothing was decided about the person; a
    /// `batch` is saved and the same command resumes it.
    pub const CENTRE: u8 = 3;
    /// The centre answered エラー for this person (its code and message are printed); for
    /// `batch`, the centre failed the whole batch (run again to send it as a new one).
    pub const CHECK_ERROR: u8 = 4;
    /// 複数該当: several people match; check again with the 枝番.
    pub const MULTIPLE: u8 = 5;
    /// The history database could not be opened, read or written. For `check`, the result
    /// was printed but is not in the history. For `batch`, the job store or OUT.csv.
    pub const HISTORY: u8 = 6;
    /// The same status under the name `batch` uses.
    pub const LOCAL: u8 = HISTORY;
    /// The desk (GUI) could not start: a worker or the windows failed.
    pub const DESK: u8 = 7;
    /// `batch`: the list cannot be used at all (unreadable, no rows, too many, every row bad);
    /// `subsidy`: the pharmacies list cannot be used (unreadable, malformed, a bad row, or a
    /// month 第4 counts left blank).
    pub const BAD_LIST: u8 = 8;
    /// `card info`: the card reader cannot be used: pcscd not running, no reader, the named
    /// reader not connected, another program holding it, or a reader error.
    pub const READER: u8 = 9;
    /// `card info`: no card on the reader, or it was taken off while it was read.
    pub const NO_CARD: u8 = 10;
    /// `card info`: the card is not a My Number Card (or another JPKI token, or its
    /// certificate cannot be read).
    pub const NOT_MY_NUMBER_CARD: u8 = 11;
    /// `audit verify`: the audit log's hash chain is broken (the first broken row is named);
    /// the desk shows a warning on the clerk console.
    pub const AUDIT_BROKEN: u8 = 12;
    /// `staff`: refused: the administrator's name or password is wrong, the account is not
    /// an administrator or is disabled, or the name waits after wrong passwords (the wait is
    /// printed).
    pub const REFUSED: u8 = 13;
}

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

/// Outcome filter of `onshi history`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutcomeArg {
    Valid,
    Invalid,
    Error,
}

impl From<OutcomeArg> for Outcome {
    fn from(o: OutcomeArg) -> Outcome {
        match o {
            OutcomeArg::Valid => Outcome::Valid,
            OutcomeArg::Invalid => Outcome::Invalid,
            OutcomeArg::Error => Outcome::Error,
        }
    }
}

/// `onshi history`: with no filter, today's checks.
#[derive(Debug, clap::Args)]
pub struct HistoryArgs {
    /// Only today's checks (the default when no other filter is given).
    #[arg(long, conflicts_with_all = ["from", "to"])]
    pub today: bool,
    /// Names starting with this kana (half- or full-width katakana, or hiragana).
    #[arg(long)]
    pub kana: Option<String>,
    /// From this day (YYYY-MM-DD, included).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub from: Option<String>,
    /// Up to this day (YYYY-MM-DD, included).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub to: Option<String>,
    #[arg(long, value_enum)]
    pub outcome: Option<OutcomeArg>,
    /// At most this many checks, newest first.
    #[arg(long, default_value_t = 500)]
    pub limit: usize,
    /// Print the checks as JSON (an array).
    #[arg(long)]
    pub json: bool,
}

/// Where the commands write.
pub struct Io<'a> {
    pub out: &'a mut dyn Write,
    pub err: &'a mut dyn Write,
}

// A closed pipe (`onshi history | head`) is not worth a panic: write errors are ignored.
macro_rules! say {
    ($w:expr, $($t:tt)*) => {{ let _ = writeln!($w, $($t)*); }};
}

/// Runs `onshi check` with loaded settings (the request from the flags, or with `--stdin`
/// from `input`); returns the exit status.
pub fn check(cfg: &Config, args: &CheckArgs, input: &mut dyn std::io::Read, io: &mut Io<'_>) -> u8 {
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
    let answer = ask_centre(cfg, &search, date);
    let at = OffsetDateTime::now_utc();
    let (record, status) = match &answer {
        Ok(e) => {
            let r = history::from_eligibility(at, history::Method::InsuranceCard, e, Some(&search));
            (r, verdict_status(&e.verdict))
        }
        Err(e) => {
            tracing::warn!(error = %e, "insurance-card check failed");
            say!(io.err, "onshi: {}", e.message(lang));
            (
                history::from_client_error(at, history::Method::InsuranceCard, e, Some(&search)),
                exit::CENTRE,
            )
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

/// The exit status of an answered check.
pub fn verdict_status(v: &eligibility::Verdict) -> u8 {
    match v {
        eligibility::Verdict::Valid => exit::OK,
        eligibility::Verdict::Invalid { .. } | eligibility::Verdict::NotFound => exit::INVALID,
        eligibility::Verdict::Multiple => exit::MULTIPLE,
        eligibility::Verdict::Error { .. } => exit::CHECK_ERROR,
    }
}

/// Asks the centre for `search` on `date` (today in Japan when `None`).
fn ask_centre(
    cfg: &Config,
    search: &eligibility::xml::SearchInfo,
    date: Option<Date>,
) -> Result<eligibility::Eligibility, eligibility::ClientError> {
    let client = eligibility::Client::new(cfg.centre.clone())?;
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| eligibility::ClientError::Config {
            detail: format!("no async runtime: {e}"),
        })?;
    let day = date.unwrap_or_else(|| history::day_in_japan(OffsetDateTime::now_utc()));
    rt.block_on(client.check_insurance_card(search, Some(day)))
}

/// A `--from` / `--to` value.
fn parse_day(lang: Lang, arg: &str) -> Result<Date, String> {
    eligibility::ids::parse_yyyymmdd(arg).ok_or_else(|| words::bad_date(lang, arg))
}

/// The search `onshi history` makes of its arguments (`today` is the day in Japan now).
pub fn history_query(lang: Lang, a: &HistoryArgs, today: Date) -> Result<Query, String> {
    let from = a.from.as_deref().map(|d| parse_day(lang, d)).transpose()?;
    let to = a.to.as_deref().map(|d| parse_day(lang, d)).transpose()?;
    let no_filter = a.kana.is_none() && from.is_none() && to.is_none() && a.outcome.is_none();
    let (from, to) = if a.today || no_filter {
        (Some(today), Some(today))
    } else {
        (from, to)
    };
    Ok(Query {
        kana_prefix: a.kana.clone(),
        from,
        to,
        outcome: a.outcome.map(Outcome::from),
        limit: a.limit,
    })
}

/// Runs `onshi history` on the database at `path`; returns the exit status.
pub fn history(path: &Path, lang: Lang, args: &HistoryArgs, io: &mut Io<'_>) -> u8 {
    let q = match history_query(lang, args, history::day_in_japan(OffsetDateTime::now_utc())) {
        Ok(q) => q,
        Err(msg) => {
            say!(io.err, "onshi: {msg}");
            return exit::USAGE;
        }
    };
    let found = History::open(path).and_then(|h| h.search(&q));
    let entries = match found {
        Ok(v) => v,
        Err(e) => {
            say!(io.err, "onshi: {}", words::history_error(lang, &e));
            return exit::HISTORY;
        }
    };
    if args.json {
        let v: Vec<serde_json::Value> = entries.iter().map(entry_json).collect();
        say!(io.out, "{:#}", serde_json::Value::Array(v));
    } else if entries.is_empty() {
        say!(io.out, "{}", words::word(lang, Word::NoChecks));
    } else {
        for e in &entries {
            say!(io.out, "{}", entry_line(lang, e));
        }
    }
    exit::OK
}

fn when(t: OffsetDateTime) -> String {
    let t = t.to_offset(onshi_desk::time::JST);
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}:{:02}",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

fn rfc3339(t: OffsetDateTime) -> String {
    t.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

/// YYYYMMDD as YYYY-MM-DD (anything else as it is).
/// A day as YYYY-MM-DD.
fn history_day(d: Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

fn ymd(s: &str) -> String {
    if s.len() == 8 && s.bytes().all(|b| b.is_ascii_digit()) {
        format!("{}-{}-{}", &s[..4], &s[4..6], &s[6..])
    } else {
        s.to_string()
    }
}

/// The JSON of one stored check (also the `--json` output of `check`).
pub fn entry_json(e: &Entry) -> serde_json::Value {
    let c = &e.check;
    let p = &c.person;
    serde_json::json!({
        "id": e.id,
        "at": rfc3339(c.at),
        "method": c.method.code(),
        "outcome": c.outcome.code(),
        "reason_code": c.reason_code,
        "reason_message": c.reason_message,
        "person": {
            "name": p.name,
            "name_kana": p.name_kana,
            "birth_date": p.birth_date.as_deref().map(ymd),
            "sex": p.sex,
            "insurer_number": p.insurer_number.as_deref().map(str::trim),
            "insurer_name": p.insurer_name,
            "card_symbol": p.card_symbol,
            "card_number": p.card_number,
            "branch": p.branch,
            "personal_family": p.personal_family,
            "contribution_ratio": p.contribution_ratio,
            "valid_until": p.valid_until.as_deref().map(ymd),
            "limit_category": p.limit_category,
            "public_expense_number": p.public_expense_number,
            "beneficiary_number": p.beneficiary_number,
            "welfare_office": p.welfare_office,
            "medical_ticket": p.ticket_issue_number.as_ref().map(|n| serde_json::json!({
                "issue_number": n,
                "valid_from": p.ticket_valid_from.as_deref().map(ymd),
                "valid_until": p.ticket_valid_until.as_deref().map(ymd),
            })),
        },
        "consents": c.consents.iter().map(|k| serde_json::json!({
            "kind": k.kind.code(),
            "agreed": k.agreed,
            "at": k.at.map(rfc3339),
        })).collect::<Vec<_>>(),
    })
}

fn print_entry(lang: Lang, e: &Entry, stored: bool, out: &mut dyn Write) {
    let c = &e.check;
    let p = &c.person;
    let w = |x| words::word(lang, x);
    let line = |out: &mut dyn Write, label: Word, v: Option<String>| {
        if let Some(v) = v.filter(|v| !v.is_empty()) {
            say!(out, "{}: {v}", w(label));
        }
    };
    let outcome = match c.reason_code.as_deref() {
        Some(history::NEW_QUALIFICATION) => w(Word::InvalidNew),
        Some(history::UNREGISTERED) => w(Word::ValidUnregistered),
        _ => words::outcome(lang, c.outcome),
    };
    line(out, Word::Outcome, Some(outcome.into()));
    if c.reason_code.as_deref() == Some(history::UNREGISTERED) {
        say!(out, "{}", w(Word::TicketUnregistered));
    }
    let reason = match (&c.reason_code, &c.reason_message) {
        (Some(code), Some(m)) => Some(format!("{m} ({code})")),
        (Some(code), None) => Some(code.clone()),
        (None, m) => m.clone(),
    };
    line(out, Word::Reason, reason);
    line(out, Word::When, Some(when(c.at)));
    line(out, Word::How, Some(words::method(lang, c.method).into()));
    line(out, Word::Name, p.name.clone());
    line(out, Word::Kana, p.name_kana.clone());
    line(out, Word::Birth, p.birth_date.as_deref().map(ymd));
    line(
        out,
        Word::Sex,
        p.sex.as_deref().map(|s| words::sex(lang, s)),
    );
    line(
        out,
        Word::Insurer,
        p.insurer_number.as_deref().map(|s| s.trim().to_string()),
    );
    line(out, Word::InsurerName, p.insurer_name.clone());
    line(out, Word::Symbol, p.card_symbol.clone());
    line(out, Word::Number, p.card_number.clone());
    line(out, Word::Branch, p.branch.clone());
    line(
        out,
        Word::Ratio,
        p.contribution_ratio
            .as_deref()
            .map(|r| words::ratio(lang, r)),
    );
    line(out, Word::ValidUntil, p.valid_until.as_deref().map(ymd));
    line(out, Word::LimitCategory, p.limit_category.clone());
    line(out, Word::PublicExpense, p.public_expense_number.clone());
    line(out, Word::Beneficiary, p.beneficiary_number.clone());
    line(out, Word::WelfareOffice, p.welfare_office.clone());
    line(
        out,
        Word::MedicalTicket,
        p.ticket_issue_number.as_ref().map(|n| {
            words::ticket(
                lang,
                n,
                p.ticket_valid_from.as_deref().map(ymd).as_deref(),
                p.ticket_valid_until.as_deref().map(ymd).as_deref(),
            )
        }),
    );
    if !c.consents.is_empty() {
        let list: Vec<String> = c
            .consents
            .iter()
            .map(|k| {
                let a = w(if k.agreed {
                    Word::Agreed
                } else {
                    Word::NotAgreed
                });
                match k.at {
                    Some(t) => format!("{} {a} ({})", words::consent(lang, k.kind), when(t)),
                    None => format!("{} {a}", words::consent(lang, k.kind)),
                }
            })
            .collect();
        line(out, Word::Consents, Some(list.join(", ")));
    }
    if stored {
        line(out, Word::HistoryId, Some(e.id.to_string()));
    }
}

/// One line of `onshi history`: id, time, outcome, method, kana, name, insurer and numbers.
fn entry_line(lang: Lang, e: &Entry) -> String {
    let c = &e.check;
    let p = &c.person;
    let s = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".into());
    let numbers = format!(
        "{} {} {} {}",
        p.insurer_number.as_deref().map(str::trim).unwrap_or("-"),
        s(&p.card_symbol),
        s(&p.card_number),
        s(&p.branch)
    );
    let reason = c
        .reason_code
        .as_deref()
        .map(|r| format!(" ({r})"))
        .unwrap_or_default();
    format!(
        "{}\t{}\t{}{reason}\t{}\t{}\t{}\t{numbers}",
        e.id,
        when(c.at),
        words::outcome(lang, c.outcome),
        words::method(lang, c.method),
        s(&p.name_kana),
        s(&p.name),
    )
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
    use eligibility::Verdict;
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

    // central-sim answers a per-person エラー only for identifiers the client refuses to send,
    // so `onshi check` cannot be driven to exit 4 end to end; the mapping is tested here.
    #[test]
    fn each_verdict_has_its_exit_status() {
        assert_eq!(verdict_status(&Verdict::Valid), exit::OK);
        assert_eq!(
            verdict_status(&Verdict::Invalid { reason: None }),
            exit::INVALID
        );
        assert_eq!(verdict_status(&Verdict::NotFound), exit::INVALID);
        assert_eq!(verdict_status(&Verdict::Multiple), exit::MULTIPLE);
        assert_eq!(
            verdict_status(&Verdict::Error {
                code: Some("E1".into()),
                message: None
            }),
            exit::CHECK_ERROR
        );
    }
}

/// `onshi audit ...`: the audit log of the history.
#[derive(Debug, clap::Subcommand)]
pub enum AuditCommand {
    /// Check the audit log's hash chain from its first row: exit 0 when intact, 12 and the
    /// first broken row when a row was changed, removed or inserted.
    Verify,
}

/// Runs `onshi audit` on the history at `path`; returns the exit status.
pub fn audit(path: &Path, lang: Lang, cmd: &AuditCommand, io: &mut Io<'_>) -> u8 {
    use onshi_desk::i18n::staff as w;
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
