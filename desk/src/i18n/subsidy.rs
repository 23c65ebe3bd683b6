//! The 補助金 estimator's words: each rule's citation, each line of an estimate, the problems
//! (each says what to do) and the console tab's labels, shared by `onshi subsidy` and the
//! 補助金 tab. This file holds the keys, the public functions and what is written the same in
//! every language (the 実施要領's article names, amounts); the words are in `ja/subsidy.rs`
//! and `en/subsidy.rs`.

use super::{Lang, per_lang};
use crate::subsidy::Problem;
use crate::subsidy::rules::{Average, Fact, Kind, Month, Rate, Rule, Table};
use time::Date;

/// Fixed words of the tab and the command.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum W {
    Title,
    Hint,
    KindLabel,
    ReadersLabel,
    CostLabel,
    ListLabel,
    ListHint,
    EstimateButton,
    NoEstimateYet,
    AmountLabel,
    RuleHeader,
    LineHeader,
    ListNotUsed,
}

pub fn text(lang: Lang, w: W) -> &'static str {
    per_lang!(lang, subsidy::text(w))
}

/// The facility kind's name.
pub fn kind(lang: Lang, k: Kind) -> &'static str {
    per_lang!(lang, subsidy::kind(k))
}

/// Where a line comes from, as the seed names it.
pub fn rule(lang: Lang, r: Rule) -> &'static str {
    per_lang!(lang, subsidy::rule(r))
}

/// The 実施要領's own name of a rule's article: a proper name, the same in every language.
pub(in crate::i18n) fn rule_name(r: Rule) -> &'static str {
    match r {
        Rule::Art2_1_2 => "実施要領 第2の1(2)",
        Rule::Art3_1 => "実施要領 第3の1",
        Rule::Art3_2 => "実施要領 第3の2",
        Rule::Art3_3 => "実施要領 第3の3",
        Rule::Art3_4_1 => "実施要領 第3の4(1)",
        Rule::Art3_4_2 => "実施要領 第3の4(2)",
        Rule::Art4 => "実施要領 第4",
        Rule::Art4_1 => "実施要領 第4(1)",
        Rule::Art4_2 => "実施要領 第4(2)",
        Rule::Art4_3 => "実施要領 第4(3)",
        Rule::Art8_1 => "実施要領 第8の1",
        Rule::Art14 => "実施要領 第14",
        Rule::Table1_1 => "実施要領 別表1-1",
        Rule::Table1_2 => "実施要領 別表1-2",
        Rule::Table1_3 => "実施要領 別表1-3",
        Rule::Table2 => "実施要領 別表2",
        Rule::Table3 => "実施要領 別表3",
        Rule::TableNote => "実施要領 別表 ※",
    }
}

pub(in crate::i18n) fn table_name(t: Table) -> &'static str {
    match t {
        Table::T1_1 => "別表1-1",
        Table::T1_2 => "別表1-2",
        Table::T1_3 => "別表1-3",
        Table::T2 => "別表2",
        Table::T3 => "別表3",
    }
}

pub(in crate::i18n) fn grouped(n: u128) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// An amount in yen.
pub fn yen(lang: Lang, n: u64) -> String {
    per_lang!(lang, subsidy::yen(n))
}

/// A monthly count: whole, or with two decimals and「…」when more digits follow.
pub fn average(a: Average) -> String {
    let whole = grouped(a.floor());
    if a.hundredths() == 0 && a.exact_to_hundredths() {
        whole
    } else if a.exact_to_hundredths() {
        format!("{whole}.{:02}", a.hundredths())
    } else {
        format!("{whole}.{:02}…", a.hundredths())
    }
}

pub(in crate::i18n) fn rate(r: Rate) -> String {
    format!("{}/{}", r.num, r.den)
}

pub(in crate::i18n) fn month(m: Month) -> String {
    format!("{}-{:02}", m.year, m.month)
}

pub(in crate::i18n) fn day(d: Date) -> String {
    format!("{}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

/// 令和 for the seed's dates (all after 2019-05-01).
pub(in crate::i18n) fn reiwa(lang: Lang, d: Date, with_day: bool) -> String {
    per_lang!(lang, subsidy::reiwa(d, with_day))
}

/// One line of an estimate.
pub fn line(lang: Lang, f: &Fact) -> String {
    per_lang!(lang, subsidy::line(f))
}

/// What went wrong, one message a line, each saying what to do.
pub fn problem(lang: Lang, p: &Problem) -> Vec<String> {
    per_lang!(lang, subsidy::problem(p))
}
