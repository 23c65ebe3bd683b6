//! The estimator against the seed's own figures: each 別表's cap, the rounding of 第3の4(2),
//! the 40,000 edge of 第4, a new pharmacy (第4(2)), a change of 開設者 (第4(3)), and the list.

use super::list::{self, ListError, Problem as RowProblem};
use super::rules::*;
use super::{Problem, parse_yen};
use std::collections::BTreeMap;
use time::Date;
use time::macros::date;

const TODAY: Date = date!(2026 - 12 - 04);

fn input(kind: Kind, readers: Option<u8>, cost: u64) -> Input {
    Input {
        kind,
        readers,
        cost,
        group: None,
        today: TODAY,
    }
}

fn amount_for(kind: Kind, readers: Option<u8>, cost: u64) -> u64 {
    estimate(&input(kind, readers, cost)).unwrap().amount
}

fn rules_of(e: &Estimate) -> Vec<Rule> {
    e.lines.iter().map(|l| l.rule).collect()
}

#[test]
fn each_table_caps_at_the_seeds_figure_and_rate() {
    // (kind, readers, 別表, rate, 補助限度額, 事業額, readers provided), as the 別表 print them.
    let cases = [
        (
            Kind::Hospital,
            Some(1),
            Table::T1_1,
            (1, 2),
            1_050_000,
            2_101_000,
            1,
        ),
        (
            Kind::Hospital,
            Some(2),
            Table::T1_2,
            (1, 2),
            1_001_000,
            2_002_000,
            2,
        ),
        (
            Kind::Hospital,
            Some(3),
            Table::T1_3,
            (1, 2),
            951_000,
            1_903_000,
            3,
        ),
        (
            Kind::ChainPharmacy,
            None,
            Table::T2,
            (1, 2),
            214_000,
            429_000,
            1,
        ),
        (Kind::Clinic, None, Table::T3, (3, 4), 321_000, 429_000, 1),
        (Kind::Pharmacy, None, Table::T3, (3, 4), 321_000, 429_000, 1),
    ];
    for (kind, readers, table, (num, den), cap, ceiling, free) in cases {
        let e = estimate(&input(kind, readers, 10_000_000)).unwrap();
        assert_eq!(e.table, table, "{kind:?} {readers:?}");
        assert_eq!(e.rate, Rate { num, den });
        assert_eq!((e.cap, e.ceiling), (cap, ceiling));
        assert_eq!(e.amount, cap, "a cost far over the ceiling gets the cap");
        assert!(e.capped);
        assert_eq!(e.readers_free, free);
        assert_eq!(e.reader_price_limit, 99_000);
        // At exactly the 事業額 of the 別表, the amount is the cap too.
        assert_eq!(
            amount_for(kind, readers, ceiling),
            cap,
            "{table:?} at its ceiling"
        );
        let r = rules_of(&e);
        assert!(r.contains(&table.rule()) && r.contains(&Rule::Art3_4_2));
    }
}

#[test]
fn each_cap_is_its_ceiling_times_the_rate_rounded_down_to_1000_yen() {
    // PROPOSED 8: the stated cap and "ceiling × rate" give the same amount for every cost.
    for t in Table::ALL {
        let r = t.rate();
        let product = t.ceiling() * r.num / r.den;
        assert_eq!(t.cap(), product / 1_000 * 1_000, "{t:?}");
        for cost in (0..=t.ceiling() + 20_000).step_by(997) {
            let by_product = (cost * r.num / r.den).min(product) / 1_000 * 1_000;
            assert_eq!(amount(t, cost).1, by_product, "{t:?} {cost}");
        }
    }
}

#[test]
fn the_amount_is_cost_times_rate_rounded_down_to_1000_yen_below_the_cap() {
    // (kind, readers, cost, cost × rate, amount)
    let cases = [
        (Kind::Clinic, None, 100_000, 75_000, 75_000),
        (Kind::Clinic, None, 101_999, 76_499, 76_000),
        (Kind::Pharmacy, None, 427_999, 320_999, 320_000),
        (Kind::ChainPharmacy, None, 427_999, 213_999, 213_000),
        (Kind::Hospital, Some(1), 2_099_999, 1_049_999, 1_049_000),
        (Kind::Hospital, Some(3), 1_901_999, 950_999, 950_000),
        (Kind::Hospital, Some(2), 1_999, 999, 0),
        (Kind::Clinic, None, 0, 0, 0),
    ];
    for (kind, readers, cost, times, want) in cases {
        let e = estimate(&input(kind, readers, cost)).unwrap();
        assert_eq!(e.cost_times_rate, times, "{kind:?} {cost}");
        assert_eq!(e.amount, want, "{kind:?} {cost}");
        assert!(!e.capped);
    }
}

/// 12 months from March 2020 to February 2021, each `n`.
fn year_of(n: u64) -> BTreeMap<Month, u64> {
    let mut m = Month::new(2020, 3).unwrap();
    let mut out = BTreeMap::new();
    for _ in 0..12 {
        out.insert(m, n);
        m = m.next();
    }
    out
}

fn pharmacy(id: &str, designated: Date, counts: BTreeMap<Month, u64>) -> Pharmacy {
    Pharmacy {
        id: id.into(),
        designated,
        earlier_designation: None,
        counts,
    }
}

fn group(pharmacies: Vec<Pharmacy>) -> Group {
    Group {
        february: Month::new(2021, 2).unwrap(),
        pharmacies,
    }
}

fn with_group(kind: Kind, g: Group) -> Result<Estimate, EstimateError> {
    estimate(&Input {
        group: Some(g),
        ..input(kind, None, 1_000_000)
    })
}

#[test]
fn exactly_40000_is_not_a_large_chain_under_art4_and_the_output_says_so() {
    let old = date!(2010 - 04 - 01);
    let e = with_group(
        Kind::ChainPharmacy,
        group(vec![
            pharmacy("A", old, year_of(25_000)),
            pharmacy("B", old, year_of(15_000)),
        ]),
    )
    .unwrap();
    let v = e.chain.as_ref().unwrap();
    assert!(!v.large && v.at_line);
    assert_eq!((v.sum.floor(), v.sum.exact_to_hundredths()), (40_000, true));
    assert_eq!(e.table, Table::T3, "not a large chain: 別表3");
    assert_eq!(e.amount, 321_000);
    assert!(e.lines.contains(&Line {
        rule: Rule::Art4,
        fact: Fact::AtTheLine
    }));
    // Declared a chain, the list says otherwise: said too.
    assert!(e.lines.iter().any(|l| matches!(
        l.fact,
        Fact::ListOverrides {
            declared: Kind::ChainPharmacy
        }
    )));
}

#[test]
fn forty_thousand_and_one_is_a_large_chain() {
    let mut counts = year_of(40_000);
    counts.insert(Month::new(2021, 2).unwrap(), 40_012); // 480,012 / 12 = 40,001
    let e = with_group(
        Kind::Pharmacy,
        group(vec![pharmacy("A", date!(2019 - 01 - 10), counts)]),
    )
    .unwrap();
    let v = e.chain.as_ref().unwrap();
    assert!(v.large && !v.at_line);
    assert_eq!(v.sum.floor(), 40_001);
    assert_eq!(e.table, Table::T2);
    assert_eq!(e.amount, 214_000);
    assert!(!e.lines.iter().any(|l| l.fact == Fact::AtTheLine));
    assert!(e.lines.iter().any(|l| matches!(
        l.fact,
        Fact::ListOverrides {
            declared: Kind::Pharmacy
        }
    )));
    // A sum a fraction over 40,000 is over it too (no rounding of the averages).
    let mut counts = year_of(40_000);
    counts.insert(Month::new(2021, 2).unwrap(), 40_001); // 40,000.08…
    let e = with_group(
        Kind::Pharmacy,
        group(vec![pharmacy("A", date!(2019 - 01 - 10), counts)]),
    )
    .unwrap();
    assert!(e.chain.unwrap().large);
}

#[test]
fn a_new_pharmacy_counts_the_months_after_its_designation() {
    // Designated 2020-10-15 (第4(2)): November to February, 4 months; October not counted.
    let mut counts = BTreeMap::new();
    counts.insert(Month::new(2020, 10).unwrap(), 99_999);
    for (m, n) in [(11, 1_000), (12, 2_000), (1, 3_000), (2, 4_000)] {
        let y = if m >= 11 { 2020 } else { 2021 };
        counts.insert(Month::new(y, m).unwrap(), n);
    }
    let new = pharmacy("N", date!(2020 - 10 - 15), counts.clone());
    let old = pharmacy("O", date!(2001 - 01 - 01), year_of(37_500));
    let e = with_group(Kind::ChainPharmacy, group(vec![old.clone(), new])).unwrap();
    let v = e.chain.as_ref().unwrap();
    let n = &v.pharmacies[1];
    assert_eq!(n.basis, Basis::New);
    assert_eq!(
        (n.month_count, n.total, n.average.floor()),
        (4, 10_000, 2_500)
    );
    assert_eq!(
        n.months,
        Some((Month::new(2020, 11).unwrap(), Month::new(2021, 2).unwrap()))
    );
    assert_eq!(v.sum.floor(), 40_000);
    assert!(!v.large && v.at_line);
    // One more prescription in February tips the group over.
    counts.insert(Month::new(2021, 2).unwrap(), 4_004);
    let e = with_group(
        Kind::ChainPharmacy,
        group(vec![old, pharmacy("N", date!(2020 - 10 - 15), counts)]),
    )
    .unwrap();
    assert!(e.chain.unwrap().large);
    assert_eq!(e.amount, 214_000);
}

#[test]
fn the_earlier_record_counts_after_a_change_of_kaisetsusha() {
    // B changed 開設者 and was re-designated 2020-11-01 retroactively; its earlier record
    // (designated 2012-04-01) counts: 8 months of 6,000 and 4 of 2,000, over 12.
    let mut b = year_of(6_000);
    for (y, m) in [(2020, 11), (2020, 12), (2021, 1), (2021, 2)] {
        b.insert(Month::new(y, m).unwrap(), 2_000);
    }
    let a = pharmacy("A", date!(2005 - 05 - 01), year_of(36_000));
    let changed = Pharmacy {
        earlier_designation: Some(date!(2012 - 04 - 01)),
        ..pharmacy("B", date!(2020 - 11 - 01), b.clone())
    };
    let e = with_group(Kind::ChainPharmacy, group(vec![a.clone(), changed])).unwrap();
    let v = e.chain.as_ref().unwrap();
    let c = &v.pharmacies[1];
    assert!(c.earlier_record);
    assert_eq!(
        (c.basis, c.month_count, c.total),
        (Basis::Continuing, 12, 56_000)
    );
    assert_eq!(v.sum.floor(), 40_666);
    assert!(v.large);
    assert!(
        e.lines
            .iter()
            .any(|l| l.rule == Rule::Art4_3 && matches!(l.fact, Fact::Pharmacy(_)))
    );
    // Without the earlier record B would be new: 6,000 / 3 months (Dec–Feb), not large.
    let e = with_group(
        Kind::ChainPharmacy,
        group(vec![a, pharmacy("B", date!(2020 - 11 - 01), b)]),
    )
    .unwrap();
    let v = e.chain.unwrap();
    assert_eq!(v.pharmacies[1].basis, Basis::New);
    assert_eq!(v.pharmacies[1].month_count, 3);
    assert!(!v.large);
}

#[test]
fn a_pharmacy_designated_in_february_is_not_counted_and_a_blank_month_refuses() {
    let late = pharmacy("L", date!(2021 - 02 - 01), BTreeMap::new());
    let e = with_group(Kind::Pharmacy, group(vec![late])).unwrap();
    let c = &e.chain.unwrap().pharmacies[0];
    assert_eq!((c.basis, c.month_count), (Basis::NotCounted, 0));

    let mut holes = year_of(100);
    holes.remove(&Month::new(2020, 7).unwrap());
    let err = with_group(
        Kind::Pharmacy,
        group(vec![pharmacy("H", date!(2001 - 01 - 01), holes)]),
    )
    .unwrap_err();
    assert_eq!(
        err,
        EstimateError::Group(GroupError::MissingCount {
            id: "H".into(),
            month: Month::new(2020, 7).unwrap()
        })
    );
}

#[test]
fn arguments_that_do_not_fit_are_refused() {
    let e = |k, r| estimate(&input(k, r, 1_000)).unwrap_err();
    assert_eq!(
        e(Kind::Hospital, None),
        EstimateError::Input(InputError::HospitalReaders)
    );
    assert_eq!(
        e(Kind::Hospital, Some(4)),
        EstimateError::Input(InputError::HospitalReaders)
    );
    assert_eq!(
        e(Kind::Clinic, Some(1)),
        EstimateError::Input(InputError::ReadersNotHospital)
    );
    let err = with_group(Kind::Clinic, group(vec![])).unwrap_err();
    assert_eq!(err, EstimateError::Input(InputError::ListNotPharmacy));
}

#[test]
fn deadlines_as_the_seed_states_them_and_whether_they_passed() {
    let passed = |today| {
        let e = estimate(&Input {
            today,
            ..input(Kind::Clinic, None, 1)
        })
        .unwrap();
        e.lines
            .iter()
            .filter_map(|l| match l.fact {
                Fact::Period { period, passed } => {
                    assert_eq!(l.rule, Rule::Art14);
                    Some((period, period.date(), passed))
                }
                _ => None,
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(
        passed(date!(2023 - 06 - 30)),
        vec![
            (Period::ReaderApplicationsFrom, date!(2020 - 08 - 01), false),
            (
                Period::SubsidyApplicationsFrom,
                date!(2020 - 11 - 01),
                false
            ),
            (Period::WorkDoneBy, date!(2023 - 03 - 31), true),
            (Period::ApplyBy, date!(2023 - 06 - 30), false),
        ]
    );
    assert!(passed(date!(2023 - 07 - 01))[3].2);
}

#[test]
fn costs_as_typed() {
    for (s, want) in [
        ("429000", Some(429_000)),
        ("429,000", Some(429_000)),
        ("４２９，０００円", Some(429_000)),
        ("¥1,050,000", Some(1_050_000)),
        (" 0 ", Some(0)),
        ("", None),
        ("-5", None),
        ("12.5", None),
        ("1,", None),
        ("42,9000", None),
        ("4290,00", None),
        ("1,050,000円", Some(1_050_000)),
        ("abc", None),
    ] {
        assert_eq!(parse_yen(s), want, "{s:?}");
    }
}

const HEADER: &str = "薬局ID,指定日,遡及前指定日,2020-03,2020-04,2020-05,2020-06,2020-07,2020-08,2020-09,2020-10,2020-11,2020-12,2021-01,2021-02";

#[test]
fn a_list_is_read_with_its_months_and_earlier_designation() {
    let text = format!(
        "{HEADER}\nA001,2015-04-01,,1,2,3,4,5,6,7,8,9,10,11,12\nB002,20201101,2012/04/01,6000,6000,6000,6000,6000,6000,6000,6000,2000,2000,2000,2000\nC003,2020-10-15,,,,,,,,,,1000,2000,3000,4000\n"
    );
    let g = list::parse(text.as_bytes()).unwrap();
    assert_eq!(g.february, Month::new(2021, 2).unwrap());
    assert_eq!(g.pharmacies.len(), 3);
    assert_eq!(g.pharmacies[0].counts.values().sum::<u64>(), 78);
    assert_eq!(
        g.pharmacies[1].earlier_designation,
        Some(date!(2012 - 04 - 01))
    );
    assert_eq!(g.pharmacies[2].counts.len(), 4);
    // Shift_JIS, months as 年月 and in another order, no 遡及前指定日 column.
    let months: Vec<String> = (0..12)
        .rev()
        .map(|i| {
            let m = Month::new(2020, 3).unwrap();
            let m = (0..i).fold(m, |m, _| m.next());
            format!("{}年{}月", m.year, m.month)
        })
        .collect();
    let text = format!(
        "薬局ID,指定日,{}\r\n本店,2001-01-01,{}\r\n",
        months.join(","),
        ["100"; 12].join(",")
    );
    let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode(&text);
    let g = list::parse(&sjis).unwrap();
    assert_eq!(g.pharmacies[0].id, "本店");
    assert_eq!(g.pharmacies[0].counts.len(), 12);
}

#[test]
fn a_bad_list_names_what_to_fix() {
    let parse = |s: &str| list::parse(s.as_bytes()).unwrap_err();
    assert_eq!(
        parse("薬局ID,指定日,2020-03,2020-04\nA,2020-01-01,1,2\n"),
        ListError::NotTwelveMonths { found: 2 }
    );
    let shifted = HEADER.replace("2020-03", "2021-03");
    assert_eq!(
        parse(&format!("{shifted}\n")),
        ListError::NotMarchToFebruary
    );
    assert_eq!(
        parse(&HEADER.replace("指定日", "開店日")),
        ListError::UnknownColumn {
            name: "開店日".into()
        }
    );
    assert_eq!(parse(&format!("{HEADER}\n")), ListError::NoPharmacies);
    let rows = format!(
        "{HEADER}\nA,2015-04-01,,1,2,3,4,5,6,7,8,9,10,11,12\nA,2015-04-01,,1,2,3,4,5,6,7,8,9,10,11,12\nB,2015-13-01,,1,2,3,4,5,6,7,8,9,10,11,12\nC,2015-04-01,,1,2,x,4,5,6,7,8,9,10,11,12\n,2015-04-01,,1\n"
    );
    let ListError::Rows(problems) = parse(&rows) else {
        panic!("rows refused");
    };
    let got: Vec<(usize, RowProblem)> = problems.into_iter().map(|p| (p.line, p.problem)).collect();
    assert_eq!(
        got,
        vec![
            (3, RowProblem::DuplicateId { first_line: 2 }),
            (
                4,
                RowProblem::BadDate {
                    column: list::Column::Designated
                }
            ),
            (
                5,
                RowProblem::BadCount {
                    month: Month::new(2020, 5).unwrap()
                }
            ),
            (6, RowProblem::NoId),
        ]
    );
    assert_eq!(list::parse(b"\xff\xfe\x00"), Err(ListError::NotText));
}

#[test]
fn every_line_is_said_in_both_languages_with_its_citation() {
    use crate::i18n::{Lang, subsidy as words};
    let mut counts = year_of(40_000);
    counts.insert(Month::new(2021, 2).unwrap(), 40_001);
    let e = with_group(
        Kind::Pharmacy,
        group(vec![
            pharmacy("A", date!(2001 - 01 - 01), counts),
            pharmacy("L", date!(2021 - 02 - 10), BTreeMap::new()),
        ]),
    )
    .unwrap();
    for lang in [Lang::Ja, Lang::En] {
        for l in &e.lines {
            assert!(!words::rule(lang, l.rule).is_empty());
            assert!(!words::line(lang, &l.fact).is_empty());
        }
    }
    let ja: Vec<String> = e
        .lines
        .iter()
        .map(|l| words::line(Lang::Ja, &l.fact))
        .collect();
    assert!(ja.iter().any(|l| l.contains("40,000.08…回")), "{ja:#?}");
    assert!(
        ja.iter().any(|l| l.contains("補助額: 214,000円")),
        "{ja:#?}"
    );
    let p = Problem::from(EstimateError::Input(InputError::HospitalReaders));
    assert!(words::problem(Lang::Ja, &p)[0].contains("1〜3"));
}
