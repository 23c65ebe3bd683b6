//! `onshi history`: today's checks, or a search by kana, dates or outcome, from the history
//! database; one line per check for a person, or `--json` (an array) for a script. Also how a
//! stored check is printed, which `onshi check` shares for the check it has just stored.

use super::{Io, Settings, exit};
use onshi_desk::Lang;
use onshi_desk::history::{self, Entry, History, Outcome, Query};
use onshi_desk::i18n::cli::{self as words, Word};
use std::io::Write;
use time::{Date, OffsetDateTime};

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

/// Runs `onshi history` on the settings' history database; returns the exit status.
pub fn run(settings: &Settings, args: &HistoryArgs, io: &mut Io<'_>) -> u8 {
    let (path, lang) = (&settings.history, settings.lang);
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

/// A moment in Japan time.
fn when(t: OffsetDateTime) -> String {
    super::clock(onshi_desk::time::jst(t))
}

fn rfc3339(t: OffsetDateTime) -> String {
    t.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

/// A day as YYYY-MM-DD.
pub(super) fn history_day(d: Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

/// YYYYMMDD as YYYY-MM-DD (anything else as it is).
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
            "prescription_issue": p.prescription_issue,
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

pub(super) fn print_entry(lang: Lang, e: &Entry, stored: bool, out: &mut dyn Write) {
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
