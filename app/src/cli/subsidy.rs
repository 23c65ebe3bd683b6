//! `onshi subsidy`: the estimate on stdout (one line per rule, `[citation] text`, or `--json`
//! for scripts, an object whose `amount` is the subsidy in yen), problems on stderr in the
//! settings' language. Exit statuses from `crate::cli::exit`: 0 done, 2 arguments that do not
//! fit (no or bad cost, readers for a non-hospital, a list for a hospital or clinic), 8 the
//! pharmacies list cannot be used (unreadable, malformed, or a month it must count left blank).

use crate::cli::{Io, exit};
use onshi_desk::i18n::Lang;
use onshi_desk::i18n::subsidy as words;
use onshi_desk::subsidy::rules::{Basis, Estimate, Fact, Kind};
use onshi_desk::subsidy::{Problem, estimate};
use std::path::PathBuf;
use time::Date;

/// The facility kind as typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FacilityArg {
    /// 病院 (give --readers 1, 2 or 3).
    Hospital,
    /// 大型チェーン薬局.
    ChainPharmacy,
    /// 診療所.
    Clinic,
    /// 薬局 other than a large chain.
    Pharmacy,
}

impl From<FacilityArg> for Kind {
    fn from(f: FacilityArg) -> Kind {
        match f {
            FacilityArg::Hospital => Kind::Hospital,
            FacilityArg::ChainPharmacy => Kind::ChainPharmacy,
            FacilityArg::Clinic => Kind::Clinic,
            FacilityArg::Pharmacy => Kind::Pharmacy,
        }
    }
}

/// `onshi subsidy`.
#[derive(Debug, clap::Args)]
pub struct SubsidyArgs {
    /// The kind of facility.
    #[arg(long, value_enum)]
    pub facility: FacilityArg,
    /// Readers provided to a hospital: 1, 2 or 3 (別表1-1 to 1-3).
    #[arg(long, value_name = "N")]
    pub readers: Option<u8>,
    /// 総事業費 in yen, tax included (429000 or 429,000).
    #[arg(long, value_name = "YEN")]
    pub cost: String,
    /// A pharmacy group's list for the large-chain test of 第4: 薬局ID,指定日,遡及前指定日 and
    /// the 12 months YYYY-MM from March to February (UTF-8 or Shift_JIS; see the README).
    #[arg(long, value_name = "FILE.csv")]
    pub pharmacies: Option<PathBuf>,
    /// Print the estimate as JSON (`amount` is the subsidy in yen).
    #[arg(long)]
    pub json: bool,
}

macro_rules! say {
    ($w:expr, $($t:tt)*) => {{ let _ = writeln!($w, $($t)*); }};
}

/// Runs the command; `today` is the day in Japan. Returns the exit status.
pub fn run(lang: Lang, args: &SubsidyArgs, today: Date, io: &mut Io<'_>) -> u8 {
    let result = estimate(
        args.facility.into(),
        args.readers,
        &args.cost,
        args.pharmacies.as_deref(),
        today,
    );
    match result {
        Ok(e) => {
            if args.json {
                say!(io.out, "{:#}", json(lang, &e));
            } else {
                say!(
                    io.out,
                    "{}: {}",
                    words::text(lang, words::W::AmountLabel),
                    words::yen(lang, e.amount)
                );
                for l in &e.lines {
                    say!(
                        io.out,
                        "[{}] {}",
                        words::rule(lang, l.rule),
                        words::line(lang, &l.fact)
                    );
                }
            }
            exit::OK
        }
        Err(p) => {
            for m in words::problem(lang, &p) {
                say!(io.err, "onshi: {m}");
            }
            match p {
                Problem::BadCost | Problem::Input(_) => exit::USAGE,
                Problem::List(_) | Problem::Group(_) => exit::BAD_LIST,
            }
        }
    }
}

fn basis(b: Basis) -> &'static str {
    match b {
        Basis::Continuing => "continuing",
        Basis::New => "new",
        Basis::NotCounted => "not-counted",
    }
}

/// The `--json` object.
pub fn json(lang: Lang, e: &Estimate) -> serde_json::Value {
    let chain = e.chain.as_ref().map(|v| {
        serde_json::json!({
            "large": v.large,
            "sum": v.sum.as_f64(),
            "sum_text": words::average(v.sum),
            "exactly_40000": v.at_line,
            "judged_at": v.judged_at.to_string(),
            "pharmacies": v.pharmacies.iter().map(|c| serde_json::json!({
                "id": c.id,
                "basis": basis(c.basis),
                "earlier_record": c.earlier_record,
                "from": c.from.to_string(),
                "months": c.month_count,
                "total": c.total,
                "average": c.average.as_f64(),
            })).collect::<Vec<_>>(),
        })
    });
    serde_json::json!({
        "amount": e.amount,
        "facility": e.kind.code(),
        "table": e.table.rule().code(),
        "rate": { "numerator": e.rate.num, "denominator": e.rate.den },
        "cap": e.cap,
        "ceiling": e.ceiling,
        "cost": e.cost,
        "cost_times_rate": e.cost_times_rate,
        "capped": e.capped,
        "readers_provided": e.readers_free,
        "reader_price_limit": e.reader_price_limit,
        "large_chain": chain,
        "deadlines": e.lines.iter().filter_map(|l| match l.fact {
            Fact::Period { period, passed } => Some(serde_json::json!({
                "what": period.code(),
                "date": period.date().to_string(),
                "passed": passed,
            })),
            _ => None,
        }).collect::<Vec<_>>(),
        "lines": e.lines.iter().map(|l| serde_json::json!({
            "rule": l.rule.code(),
            "citation": words::rule(lang, l.rule),
            "text": words::line(lang, &l.fact),
        })).collect::<Vec<_>>(),
    })
}
