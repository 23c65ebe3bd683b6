//! The 補助金 rules themselves, as the seed states them (導入の手引き ４ and the
//! 医療提供体制設備整備交付金実施要領): which 別表 applies to a facility, the large-chain
//! pharmacy test of 第4 on the group's 処方箋受付回数, the rate, the cap, the amount of 第3の4
//! and the facts around it (readers provided free, the ¥99,000 per-reader limit, the
//! application period of 第14). Pure: no I/O, no clock (the day is an input), no words: every
//! output line is a [`Fact`] with the [`Rule`] it comes from, and `i18n::subsidy` says it.
//! The choices made where the seed is silent are listed in the parent module's doc (PROPOSED).

use std::collections::BTreeMap;
use time::{Date, Month as TMonth};

/// 4万回: the large-chain line of 第4 (and of 第3の2 / the 手引き, which say 以上).
pub const CHAIN_LINE: u64 = 40_000;
/// 9.9万円: the most a reader may cost (別表 第2の1(1), 第2の1(2)).
pub const READER_PRICE_LIMIT: u64 = 99_000;
/// lcm(1..=12): every monthly average of 第4 (a total over 1 to 12 months) is an exact
/// multiple of 1/27720, so sums and the comparison with 4万 are exact.
const DENOM: u64 = 27_720;

/// Where a line of the estimate comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Rule {
    /// 実施要領 第2の1(2): the costs the subsidy is for, readers bought at 9.9万円 or less.
    Art2_1_2,
    /// 実施要領 第3の1: hospitals → 別表1-1..1-3.
    Art3_1,
    /// 実施要領 第3の2: large-chain pharmacies → 別表2.
    Art3_2,
    /// 実施要領 第3の3: clinics and other pharmacies → 別表3.
    Art3_3,
    /// 実施要領 第3の4(1): 総事業費 × rate.
    Art3_4_1,
    /// 実施要領 第3の4(2): the lesser of that and the cap, 1,000円未満切り捨て.
    Art3_4_2,
    /// 実施要領 第4: the group's sum at 当年2月末日, 「４万回を超えるか否か」.
    Art4,
    /// 実施要領 第4(1): designated since 前年2月末日 → 12 months / 12.
    Art4_1,
    /// 実施要領 第4(2): newly designated 前年3月1日..当年1月末日 → months after designation.
    Art4_2,
    /// 実施要領 第4(3): change of 開設者 with 遡及指定 → the earlier record.
    Art4_3,
    /// 実施要領 第8の1: apply once all the work is done.
    Art8_1,
    /// 実施要領 第14: the application period.
    Art14,
    Table1_1,
    Table1_2,
    Table1_3,
    Table2,
    Table3,
    /// 実施要領 別表 ※: every amount includes tax.
    TableNote,
}

impl Rule {
    /// A stable name for scripts (`--json`).
    pub fn code(self) -> &'static str {
        match self {
            Rule::Art2_1_2 => "art-2-1-2",
            Rule::Art3_1 => "art-3-1",
            Rule::Art3_2 => "art-3-2",
            Rule::Art3_3 => "art-3-3",
            Rule::Art3_4_1 => "art-3-4-1",
            Rule::Art3_4_2 => "art-3-4-2",
            Rule::Art4 => "art-4",
            Rule::Art4_1 => "art-4-1",
            Rule::Art4_2 => "art-4-2",
            Rule::Art4_3 => "art-4-3",
            Rule::Art8_1 => "art-8-1",
            Rule::Art14 => "art-14",
            Rule::Table1_1 => "table-1-1",
            Rule::Table1_2 => "table-1-2",
            Rule::Table1_3 => "table-1-3",
            Rule::Table2 => "table-2",
            Rule::Table3 => "table-3",
            Rule::TableNote => "table-note",
        }
    }
}

/// The kind of facility, as the applicant says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Hospital,
    ChainPharmacy,
    Clinic,
    Pharmacy,
}

impl Kind {
    pub fn is_pharmacy(self) -> bool {
        matches!(self, Kind::ChainPharmacy | Kind::Pharmacy)
    }
    pub fn code(self) -> &'static str {
        match self {
            Kind::Hospital => "hospital",
            Kind::ChainPharmacy => "chain-pharmacy",
            Kind::Clinic => "clinic",
            Kind::Pharmacy => "pharmacy",
        }
    }
}

/// One 別表: what it provides and pays.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Table {
    /// 病院, 1 reader provided.
    T1_1,
    /// 病院, 2 readers.
    T1_2,
    /// 病院, 3 readers.
    T1_3,
    /// 大型チェーン薬局.
    T2,
    /// 診療所又は大型チェーン薬局以外の薬局.
    T3,
}

/// A rate as a fraction (1/2, 3/4).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rate {
    pub num: u64,
    pub den: u64,
}

impl Table {
    pub const ALL: [Table; 5] = [Table::T1_1, Table::T1_2, Table::T1_3, Table::T2, Table::T3];

    pub fn rule(self) -> Rule {
        match self {
            Table::T1_1 => Rule::Table1_1,
            Table::T1_2 => Rule::Table1_2,
            Table::T1_3 => Rule::Table1_3,
            Table::T2 => Rule::Table2,
            Table::T3 => Rule::Table3,
        }
    }

    /// 「第２の１（１）の事業 … 顔認証付きカードリーダーをN台提供」.
    pub fn readers_free(self) -> u8 {
        match self {
            Table::T1_2 => 2,
            Table::T1_3 => 3,
            _ => 1,
        }
    }

    /// 「第２の１（２）の事業 補助率」.
    pub fn rate(self) -> Rate {
        match self {
            Table::T3 => Rate { num: 3, den: 4 },
            _ => Rate { num: 1, den: 2 },
        }
    }

    /// 「補助限度額は、…万円まで」, in yen, tax included.
    pub fn cap(self) -> u64 {
        match self {
            Table::T1_1 => 1_050_000,
            Table::T1_2 => 1_001_000,
            Table::T1_3 => 951_000,
            Table::T2 => 214_000,
            Table::T3 => 321_000,
        }
    }

    /// 「（…万円に左欄の補助率を乗じた額）」: the 事業額 the cap is reckoned from.
    pub fn ceiling(self) -> u64 {
        match self {
            Table::T1_1 => 2_101_000,
            Table::T1_2 => 2_002_000,
            Table::T1_3 => 1_903_000,
            Table::T2 | Table::T3 => 429_000,
        }
    }
}

/// A calendar month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    pub year: i32,
    /// 1..=12.
    pub month: u8,
}

impl Month {
    pub fn new(year: i32, month: u8) -> Option<Month> {
        (1..=12).contains(&month).then_some(Month { year, month })
    }
    pub fn of(d: Date) -> Month {
        Month {
            year: d.year(),
            month: u8::from(d.month()),
        }
    }
    pub fn next(self) -> Month {
        if self.month == 12 {
            Month {
                year: self.year + 1,
                month: 1,
            }
        } else {
            Month {
                year: self.year,
                month: self.month + 1,
            }
        }
    }
    pub fn prev(self) -> Month {
        if self.month == 1 {
            Month {
                year: self.year - 1,
                month: 12,
            }
        } else {
            Month {
                year: self.year,
                month: self.month - 1,
            }
        }
    }
    fn first_day(self) -> Option<Date> {
        Date::from_calendar_date(self.year, TMonth::try_from(self.month).ok()?, 1).ok()
    }
    fn last_day(self) -> Option<Date> {
        self.next().first_day()?.previous_day()
    }
}

/// One pharmacy of the group, as listed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pharmacy {
    /// The group's own name or code for it (not personal data).
    pub id: String,
    /// 保険薬局の指定日 (after a change of 開設者, the new one).
    pub designated: Date,
    /// 第4(3): the designation before a change of 開設者 whose new designation was made
    /// retroactive (遡及指定); its record counts.
    pub earlier_designation: Option<Date>,
    /// 処方箋受付回数 by month (months with no record are absent).
    pub counts: BTreeMap<Month, u64>,
}

/// The group's pharmacies, judged at the end of `february`'s month (当年2月末日).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// 当年2月 (its `month` is 2).
    pub february: Month,
    pub pharmacies: Vec<Pharmacy>,
}

/// What the estimate is asked about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    pub kind: Kind,
    /// Readers provided to a hospital (1–3); `None` elsewhere (one is provided).
    pub readers: Option<u8>,
    /// 総事業費 in yen, tax included.
    pub cost: u64,
    /// For a pharmacy: the group's pharmacies, to judge 第4.
    pub group: Option<Group>,
    /// The day in Japan, to say whether a deadline has passed.
    pub today: Date,
}

/// Why the input cannot be estimated.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InputError {
    #[error(
        "a hospital must say how many face-recognition readers it is provided: --readers 1, 2 or 3 (別表1-1 to 1-3)"
    )]
    HospitalReaders,
    #[error(
        "only a hospital chooses how many readers it is provided (1 to 3); a clinic or pharmacy is provided one (別表2, 別表3): leave --readers out"
    )]
    ReadersNotHospital,
    #[error(
        "the pharmacies list is for a pharmacy's group (実施要領 第4): leave it out for a hospital or a clinic"
    )]
    ListNotPharmacy,
    #[error(
        "the list's last month must be a February (第4 counts at 当年2月末日): give the 12 months from March to February"
    )]
    NotFebruary,
}

/// Why the group's list cannot be judged.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GroupError {
    #[error(
        "pharmacy {id} has no count for {}-{:02}, a month 第4 counts for it: fill it in (0 if there were none) and try again", month.year, month.month
    )]
    MissingCount { id: String, month: Month },
    #[error(
        "pharmacy {id}: the designation before the change of 開設者 must be earlier than the designation date"
    )]
    EarlierNotBefore { id: String },
}

/// An exact 1-month average (or a sum of them): `numer / 27720`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Average {
    numer: u128,
}

impl Average {
    fn of(total: u64, months: u8) -> Average {
        Average {
            numer: u128::from(total) * u128::from(DENOM / u64::from(months.max(1))),
        }
    }
    fn whole(n: u64) -> Average {
        Average {
            numer: u128::from(n) * u128::from(DENOM),
        }
    }
    /// The whole part.
    pub fn floor(self) -> u128 {
        self.numer / u128::from(DENOM)
    }
    /// The first two decimals, cut (not rounded).
    pub fn hundredths(self) -> u8 {
        ((self.numer % u128::from(DENOM)) * 100 / u128::from(DENOM)) as u8
    }
    /// No digits beyond [`Average::floor`] and [`Average::hundredths`].
    pub fn exact_to_hundredths(self) -> bool {
        ((self.numer % u128::from(DENOM)) * 100).is_multiple_of(u128::from(DENOM))
    }
    /// As a float, for scripts.
    pub fn as_f64(self) -> f64 {
        self.numer as f64 / DENOM as f64
    }
}

impl std::ops::Add for Average {
    type Output = Average;
    fn add(self, o: Average) -> Average {
        Average {
            numer: self.numer + o.numer,
        }
    }
}

/// How one pharmacy's monthly count was taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Basis {
    /// 第4(1): 前年3月..当年2月, divided by 12.
    Continuing,
    /// 第4(2): the months after designation up to 当年2月, divided by their number.
    New,
    /// Designated on or after 当年2月1日: no month to count (PROPOSED: left out).
    NotCounted,
}

/// One pharmacy's monthly count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Counted {
    pub id: String,
    pub basis: Basis,
    /// The date the basis was judged from: the designation, or the earlier one (第4(3)).
    pub from: Date,
    /// 第4(3) applied: the earlier designation's record counted.
    pub earlier_record: bool,
    /// The months counted (`None` when not counted).
    pub months: Option<(Month, Month)>,
    pub month_count: u8,
    pub total: u64,
    pub average: Average,
}

/// The large-chain test of 第4.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainVerdict {
    /// 当年2月末日.
    pub judged_at: Date,
    pub pharmacies: Vec<Counted>,
    pub sum: Average,
    /// 「４万回を超える」.
    pub large: bool,
    /// The sum is exactly 40,000: large under the 手引き / 第3の2 (以上), not under 第4.
    pub at_line: bool,
}

/// A deadline or start of 第14.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    /// 顔認証付きカードリーダーの提供申請: from 令和2年8月.
    ReaderApplicationsFrom,
    /// 補助金交付申請: from 令和2年11月.
    SubsidyApplicationsFrom,
    /// 交付対象事業を令和5年3月31日までに完了.
    WorkDoneBy,
    /// 令和5年6月30日までに申請.
    ApplyBy,
}

impl Period {
    pub const ALL: [Period; 4] = [
        Period::ReaderApplicationsFrom,
        Period::SubsidyApplicationsFrom,
        Period::WorkDoneBy,
        Period::ApplyBy,
    ];
    /// The day (the first of the month for a start given as a month).
    pub fn date(self) -> Date {
        use time::macros::date;
        match self {
            Period::ReaderApplicationsFrom => date!(2020 - 08 - 01),
            Period::SubsidyApplicationsFrom => date!(2020 - 11 - 01),
            Period::WorkDoneBy => date!(2023 - 03 - 31),
            Period::ApplyBy => date!(2023 - 06 - 30),
        }
    }
    /// A start is given as a month, an end as a day.
    pub fn is_month(self) -> bool {
        matches!(
            self,
            Period::ReaderApplicationsFrom | Period::SubsidyApplicationsFrom
        )
    }
    pub fn code(self) -> &'static str {
        match self {
            Period::ReaderApplicationsFrom => "reader-applications-from",
            Period::SubsidyApplicationsFrom => "subsidy-applications-from",
            Period::WorkDoneBy => "work-done-by",
            Period::ApplyBy => "apply-by",
        }
    }
}

/// One line of the estimate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fact {
    /// The facility's table.
    Table {
        kind: Kind,
        table: Table,
    },
    /// A pharmacy's kind taken as declared (no list given).
    Declared {
        large: bool,
    },
    /// One pharmacy of the group.
    Pharmacy(Counted),
    /// The group's sum and the verdict.
    GroupSum {
        sum: Average,
        large: bool,
        judged_at: Date,
    },
    /// Exactly 40,000: 第4 is followed.
    AtTheLine,
    /// The list's verdict differs from the declared kind; the list is followed.
    ListOverrides {
        declared: Kind,
    },
    /// 総事業費 is taken with tax.
    TaxIncluded {
        cost: u64,
    },
    Rate {
        rate: Rate,
    },
    Cap {
        cap: u64,
        ceiling: u64,
        rate: Rate,
    },
    /// 総事業費 × rate (yen, fractions cut).
    CostTimesRate {
        cost: u64,
        rate: Rate,
        value: u64,
    },
    /// The amount: the lesser, cut to 1,000 yen.
    Amount {
        amount: u64,
        capped: bool,
        before_rounding: u64,
    },
    ReadersFree {
        readers: u8,
    },
    ReaderPriceLimit {
        yen: u64,
    },
    /// The subsidy is paid only where the provided reader is brought in.
    OnlyWithReader,
    /// Apply once all the work is done (paid afterwards).
    ApplyAfterWork,
    Period {
        period: Period,
        passed: bool,
    },
    /// 第14 ただし書き: the period may be changed.
    PeriodMayChange,
}

/// A line and the rule it comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub rule: Rule,
    pub fact: Fact,
}

/// The estimate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Estimate {
    pub kind: Kind,
    pub table: Table,
    pub rate: Rate,
    pub cap: u64,
    pub ceiling: u64,
    pub cost: u64,
    /// 総事業費 × rate, yen fractions cut.
    pub cost_times_rate: u64,
    /// The cap was the lesser.
    pub capped: bool,
    /// The subsidy in yen.
    pub amount: u64,
    pub readers_free: u8,
    pub reader_price_limit: u64,
    pub chain: Option<ChainVerdict>,
    pub lines: Vec<Line>,
}

/// 第3の4: min(総事業費 × rate, cap), 1,000円未満切り捨て. Returns (cost × rate, amount).
pub fn amount(table: Table, cost: u64) -> (u64, u64) {
    let r = table.rate();
    let times = u128::from(cost) * u128::from(r.num) / u128::from(r.den);
    let times = u64::try_from(times).unwrap_or(u64::MAX);
    let lesser = times.min(table.cap());
    (times, lesser / 1_000 * 1_000)
}

/// 第4 for one pharmacy; `february` is 当年2月.
fn count(p: &Pharmacy, february: Month) -> Result<Counted, GroupError> {
    let from = match p.earlier_designation {
        Some(e) if e >= p.designated => {
            return Err(GroupError::EarlierNotBefore { id: p.id.clone() });
        }
        Some(e) => e,
        None => p.designated,
    };
    let last_feb_prev = Month {
        year: february.year - 1,
        month: 2,
    };
    let end_prev = last_feb_prev.last_day();
    let jan_end = Month {
        year: february.year,
        month: 1,
    }
    .last_day();
    let (basis, first) = if end_prev.is_some_and(|d| from <= d) {
        (Basis::Continuing, last_feb_prev.next())
    } else if jan_end.is_some_and(|d| from <= d) {
        (Basis::New, Month::of(from).next())
    } else {
        (Basis::NotCounted, february.next())
    };
    let mut total = 0u64;
    let mut n = 0u8;
    let mut m = first;
    while m <= february {
        let c = p.counts.get(&m).ok_or_else(|| GroupError::MissingCount {
            id: p.id.clone(),
            month: m,
        })?;
        total = total.saturating_add(*c);
        n += 1;
        m = m.next();
    }
    Ok(Counted {
        id: p.id.clone(),
        basis,
        from,
        earlier_record: p.earlier_designation.is_some(),
        months: (n > 0).then_some((first, february)),
        month_count: n,
        total,
        average: if n == 0 {
            Average::default()
        } else {
            Average::of(total, n)
        },
    })
}

/// 第4: the group's sum at 当年2月末日 and whether it is over 4万.
pub fn judge(group: &Group) -> Result<ChainVerdict, EstimateError> {
    let judged_at = (group.february.month == 2)
        .then(|| group.february.last_day())
        .flatten()
        .ok_or(InputError::NotFebruary)?;
    let mut pharmacies = Vec::with_capacity(group.pharmacies.len());
    let mut sum = Average::default();
    for p in &group.pharmacies {
        let c = count(p, group.february)?;
        sum = sum + c.average;
        pharmacies.push(c);
    }
    let line = Average::whole(CHAIN_LINE);
    Ok(ChainVerdict {
        judged_at,
        pharmacies,
        sum,
        large: sum > line,
        at_line: sum == line,
    })
}

/// Why an estimate could not be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EstimateError {
    #[error(transparent)]
    Input(#[from] InputError),
    #[error(transparent)]
    Group(#[from] GroupError),
}

/// The estimate for `input`.
pub fn estimate(input: &Input) -> Result<Estimate, EstimateError> {
    let kind = input.kind;
    let readers = match (kind, input.readers) {
        (Kind::Hospital, Some(n @ 1..=3)) => n,
        (Kind::Hospital, _) => return Err(InputError::HospitalReaders.into()),
        (_, None) => 1,
        (_, Some(_)) => return Err(InputError::ReadersNotHospital.into()),
    };
    if input.group.is_some() && !kind.is_pharmacy() {
        return Err(InputError::ListNotPharmacy.into());
    }
    let mut lines = Vec::new();
    let mut push = |rule, fact| lines.push(Line { rule, fact });

    let chain = match &input.group {
        Some(g) => Some(judge(g)?),
        None => None,
    };
    let table = match kind {
        Kind::Hospital => match readers {
            1 => Table::T1_1,
            2 => Table::T1_2,
            _ => Table::T1_3,
        },
        Kind::Clinic => Table::T3,
        Kind::ChainPharmacy | Kind::Pharmacy => {
            let large = match &chain {
                Some(v) => v.large,
                None => kind == Kind::ChainPharmacy,
            };
            if large { Table::T2 } else { Table::T3 }
        }
    };
    let table_rule = match table {
        Table::T1_1 | Table::T1_2 | Table::T1_3 => Rule::Art3_1,
        Table::T2 => Rule::Art3_2,
        Table::T3 => Rule::Art3_3,
    };
    match &chain {
        Some(v) => {
            for c in &v.pharmacies {
                let rule = if c.earlier_record {
                    Rule::Art4_3
                } else {
                    match c.basis {
                        Basis::Continuing => Rule::Art4_1,
                        Basis::New | Basis::NotCounted => Rule::Art4_2,
                    }
                };
                push(rule, Fact::Pharmacy(c.clone()));
            }
            push(
                Rule::Art4,
                Fact::GroupSum {
                    sum: v.sum,
                    large: v.large,
                    judged_at: v.judged_at,
                },
            );
            if v.at_line {
                push(Rule::Art4, Fact::AtTheLine);
            }
            if v.large != (kind == Kind::ChainPharmacy) {
                push(Rule::Art4, Fact::ListOverrides { declared: kind });
            }
        }
        None if kind.is_pharmacy() => push(
            table_rule,
            Fact::Declared {
                large: kind == Kind::ChainPharmacy,
            },
        ),
        None => {}
    }
    push(table_rule, Fact::Table { kind, table });
    push(Rule::TableNote, Fact::TaxIncluded { cost: input.cost });
    let rate = table.rate();
    push(table.rule(), Fact::Rate { rate });
    push(
        table.rule(),
        Fact::Cap {
            cap: table.cap(),
            ceiling: table.ceiling(),
            rate,
        },
    );
    let (times, amount) = amount(table, input.cost);
    push(
        Rule::Art3_4_1,
        Fact::CostTimesRate {
            cost: input.cost,
            rate,
            value: times,
        },
    );
    let capped = times > table.cap();
    push(
        Rule::Art3_4_2,
        Fact::Amount {
            amount,
            capped,
            before_rounding: times.min(table.cap()),
        },
    );
    push(
        table.rule(),
        Fact::ReadersFree {
            readers: table.readers_free(),
        },
    );
    push(
        Rule::Art2_1_2,
        Fact::ReaderPriceLimit {
            yen: READER_PRICE_LIMIT,
        },
    );
    push(Rule::Art2_1_2, Fact::OnlyWithReader);
    push(Rule::Art8_1, Fact::ApplyAfterWork);
    for period in Period::ALL {
        let passed = !period.is_month() && input.today > period.date();
        push(Rule::Art14, Fact::Period { period, passed });
    }
    push(Rule::Art14, Fact::PeriodMayChange);
    Ok(Estimate {
        kind,
        table,
        rate,
        cap: table.cap(),
        ceiling: table.ceiling(),
        cost: input.cost,
        cost_times_rate: times,
        capped,
        amount,
        readers_free: table.readers_free(),
        reader_price_limit: READER_PRICE_LIMIT,
        chain,
        lines,
    })
}
