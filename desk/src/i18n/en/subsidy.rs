//! English: the words of `i18n/subsidy.rs`, the same functions as `ja/subsidy.rs`.

use crate::i18n::Lang;
use crate::i18n::subsidy::*;
use crate::subsidy::Problem;
use crate::subsidy::list::{Column, ListError, Problem as RowProblem};
use crate::subsidy::rules::{Basis, Counted, Fact, Kind, Period, Rule};
use time::Date;

pub(in crate::i18n) fn text(w: W) -> &'static str {
    use W::*;
    match w {
        Title => "Subsidy estimate (医療情報化支援基金)",
        Hint => {
            "Choose the facility, type the total project cost (tax included) and press Enter. For a pharmacy, a list of the group's pharmacies (CSV) lets the large-chain test of 実施要領 第4 decide."
        }
        KindLabel => "Facility",
        ReadersLabel => "Readers provided",
        CostLabel => "Total project cost (tax incl., yen)",
        ListLabel => "Pharmacies list (CSV path)",
        ListHint => {
            "薬局ID,指定日,遡及前指定日, then the 12 months March to February (e.g. 2020-03 … 2021-02)"
        }
        EstimateButton => "Estimate",
        NoEstimateYet => "Nothing estimated yet.",
        AmountLabel => "Estimated subsidy",
        RuleHeader => "Rule",
        LineHeader => "Line",
        ListNotUsed => {
            "The pharmacies list is only for pharmacies (not used for a hospital or clinic)."
        }
    }
}

pub(in crate::i18n) fn kind(k: Kind) -> &'static str {
    match k {
        Kind::Hospital => "hospital (病院)",
        Kind::ChainPharmacy => "large-chain pharmacy (大型チェーン薬局)",
        Kind::Clinic => "clinic (診療所)",
        Kind::Pharmacy => "other pharmacy (薬局)",
    }
}

pub(in crate::i18n) fn rule(r: Rule) -> &'static str {
    match r {
        Rule::TableNote => "実施要領 別表 ※ (tables, note)",
        _ => rule_name(r),
    }
}

pub(in crate::i18n) fn yen(n: u64) -> String {
    format!("¥{}", grouped(n.into()))
}

pub(in crate::i18n) fn reiwa(d: Date, with_day: bool) -> String {
    let (y, m, dd) = (d.year(), u8::from(d.month()), d.day());
    match with_day {
        true => format!("{} (令和{}年{m}月{dd}日)", day(d), y - 2018),
        false => format!("{y}-{m:02} (令和{}年{m}月)", y - 2018),
    }
}

pub(in crate::i18n) fn pharmacy(c: &Counted) -> String {
    let span = c
        .months
        .map(|(a, b)| format!("{} to {}", month(a), month(b)))
        .unwrap_or_default();
    let (total, n, avg) = (grouped(c.total.into()), c.month_count, average(c.average));
    let how = match c.basis {
        Basis::Continuing => format!(
            "designated since before the previous February's end: {span}, {total} ÷ 12 = {avg} a month"
        ),
        Basis::New => format!(
            "newly designated (previous 1 March – this 31 January): the months after designation, {span}, {total} ÷ {n} = {avg} a month"
        ),
        Basis::NotCounted => {
            "designated on or after this 1 February: not counted (PROPOSED: outside 第4(1)(2), the guidelines are silent)".into()
        },
    };
    let from = day(c.from);
    match c.earlier_record {
        false => format!("pharmacy {} (designated {from}): {how}", c.id),
        true => format!(
            "pharmacy {}: change of 開設者 with retroactive designation, judged on the earlier record (designated {from} before the change): {how}",
            c.id
        ),
    }
}

pub(in crate::i18n) fn line(f: &Fact) -> String {
    let y = |n| yen(n);
    match f {
        Fact::Table { kind: k, table } => format!(
            "{}: {} applies ({} reader(s) provided)",
            kind(*k),
            table_name(*table),
            table.readers_free()
        ),
        Fact::Declared { large } => format!(
            "taken as declared: {} (a pharmacies list lets 第4 decide)",
            if *large {
                "a large chain"
            } else {
                "not a large chain"
            }
        ),
        Fact::Pharmacy(c) => pharmacy(c),
        Fact::GroupSum {
            sum,
            large,
            judged_at,
        } => format!(
            "the group's monthly prescriptions at {}: {} in all; {}",
            day(*judged_at),
            average(*sum),
            if *large {
                "over 40,000: a large chain"
            } else {
                "not over 40,000: not a large chain"
            }
        ),
        Fact::AtTheLine => {
            "the sum is exactly 40,000: the guide and 第3の2 say \"40,000 or more\" (以上), but 第4 judges \"over 40,000\" (超える); 第4 is followed, so not a large chain"
                .into()
        }
        Fact::ListOverrides { declared } => match declared {
            Kind::ChainPharmacy => {
                "declared a large chain, but the list's sum is not over 40,000: 別表3 is used".into()
            }
            _ => "declared not a large chain, but the list's sum is over 40,000: 別表2 is used".into(),
        }
        Fact::TaxIncluded { cost } => format!(
            "total project cost, tax included: {} (every amount of the tables includes tax)",
            y(*cost)
        ),
        Fact::Rate { rate: r } => format!("rate: {}", rate(*r)),
        Fact::Cap {
            cap,
            ceiling,
            rate: r,
        } => format!(
            "cap: {} (a project of {} times the rate {})",
            y(*cap),
            y(*ceiling),
            rate(*r)
        ),
        Fact::CostTimesRate {
            cost,
            rate: r,
            value,
        } => format!("cost × rate: {} × {} = {}", y(*cost), rate(*r), y(*value)),
        Fact::Amount {
            amount,
            capped,
            before_rounding,
        } => format!(
            "subsidy: {} (the lesser, {} = {}, rounded down to 1,000 yen)",
            y(*amount),
            if *capped { "the cap" } else { "cost × rate" },
            y(*before_rounding)
        ),
        Fact::ReadersFree { readers } => format!(
            "{readers} face-recognition card reader(s) provided free (bought and provided by 支払基金, up to ¥99,000 each)"
        ),
        Fact::ReaderPriceLimit { yen: v } => format!(
            "a reader bought as part of the project counts only if it costs {} or less",
            y(*v)
        ),
        Fact::OnlyWithReader => {
            "the subsidy is paid only where the provided reader is brought into use".into()
        }
        Fact::ApplyAfterWork => {
            "apply once all the work is finished (paid afterwards)".into()
        }
        Fact::Period { period, passed } => {
            let when = crate::i18n::subsidy::reiwa(Lang::En, period.date(), !period.is_month());
            let what = match period {
                Period::ReaderApplicationsFrom => {
                    format!("reader applications: from {when}")
                }
                Period::SubsidyApplicationsFrom => {
                    format!("subsidy applications: from {when}")
                }
                Period::WorkDoneBy => format!("work finished by {when}"),
                Period::ApplyBy => format!("apply by {when}"),
            };
            match passed {
                false => what,
                true => format!("{what} (this date has passed)"),
            }
        }
        Fact::PeriodMayChange => {
            "these dates may be changed (第14, proviso): check the current ones on the 医療機関等向けポータルサイト".into()
        }
    }
}

pub(in crate::i18n) fn column(c: Column) -> &'static str {
    match c {
        Column::Id => "薬局ID (pharmacy id)",
        Column::Designated => "指定日 (designation date)",
        Column::Earlier => "遡及前指定日 (earlier designation)",
    }
}

pub(in crate::i18n) fn row(line: usize, p: &RowProblem) -> String {
    match p {
        RowProblem::NoId => format!("line {line}: no pharmacy id"),
        RowProblem::DuplicateId { first_line } => format!(
            "line {line}: the same pharmacy id as line {first_line} (a pharmacy is counted once)"
        ),
        RowProblem::BadDate { column: c } => format!(
            "line {line}: {} is not a date (write YYYY-MM-DD)",
            column(*c)
        ),
        RowProblem::BadCount { month: m } => format!(
            "line {line}: the count for {} is not a number (digits only)",
            month(*m)
        ),
        RowProblem::TooManyCells => {
            format!("line {line}: more cells than the header has columns: check the commas")
        }
    }
}

pub(in crate::i18n) fn problem(p: &Problem) -> Vec<String> {
    if let Problem::List(ListError::Rows(rows)) = p {
        let mut out = vec![format!(
            "{} rows of the pharmacies list cannot be used; correct them and try again:",
            rows.len()
        )];
        out.extend(rows.iter().map(|r| row(r.line, &r.problem)));
        return out;
    }
    // The English of a problem is its Display, which already says what to do.
    vec![p.to_string()]
}
