//! The 補助金 estimator's words: each rule's citation, each line of an estimate, the problems
//! (each says what to do) and the console tab's labels, Japanese first and English complete.
//! Shared by `onshi subsidy` and the 補助金 tab; every function matches every language.

use super::Lang;
use crate::subsidy::Problem;
use crate::subsidy::list::{Column, ListError, Problem as RowProblem};
use crate::subsidy::rules::{
    Average, Basis, Counted, Fact, GroupError, InputError, Kind, Month, Period, Rate, Rule, Table,
};
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
    use W::*;
    match lang {
        Lang::Ja => match w {
            Title => "補助金の見込み（医療情報化支援基金）",
            Hint => {
                "施設の種類、総事業費（税込み）を入れて Enter。薬局は、グループの薬局一覧（CSV）を指定すると大型チェーン薬局かどうかを実施要領 第4 により判定します。"
            }
            KindLabel => "施設の種類",
            ReadersLabel => "カードリーダーの提供台数",
            CostLabel => "総事業費（税込み・円）",
            ListLabel => "薬局一覧（CSV のパス）",
            ListHint => {
                "薬局ID,指定日,遡及前指定日,前年3月〜当年2月の12か月（例 2020-03 … 2021-02）"
            }
            EstimateButton => "計算",
            NoEstimateYet => "まだ計算していません。",
            AmountLabel => "補助額の見込み",
            RuleHeader => "根拠",
            LineHeader => "内容",
            ListNotUsed => "薬局一覧は薬局の場合だけ使います（病院・診療所では使いません）。",
        },
        Lang::En => match w {
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
        },
    }
}

/// The facility kind's name.
pub fn kind(lang: Lang, k: Kind) -> &'static str {
    match (lang, k) {
        (Lang::Ja, Kind::Hospital) => "病院",
        (Lang::Ja, Kind::ChainPharmacy) => "大型チェーン薬局",
        (Lang::Ja, Kind::Clinic) => "診療所",
        (Lang::Ja, Kind::Pharmacy) => "薬局（大型チェーン以外）",
        (Lang::En, Kind::Hospital) => "hospital (病院)",
        (Lang::En, Kind::ChainPharmacy) => "large-chain pharmacy (大型チェーン薬局)",
        (Lang::En, Kind::Clinic) => "clinic (診療所)",
        (Lang::En, Kind::Pharmacy) => "other pharmacy (薬局)",
    }
}

/// Where a line comes from, as the seed names it.
pub fn rule(lang: Lang, r: Rule) -> &'static str {
    let ja = match r {
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
    };
    match lang {
        Lang::Ja => ja,
        // The seed's own names: an English reader looks them up in the same document.
        Lang::En => match r {
            Rule::TableNote => "実施要領 別表 ※ (tables, note)",
            _ => ja,
        },
    }
}

fn table_name(t: Table) -> &'static str {
    match t {
        Table::T1_1 => "別表1-1",
        Table::T1_2 => "別表1-2",
        Table::T1_3 => "別表1-3",
        Table::T2 => "別表2",
        Table::T3 => "別表3",
    }
}

fn grouped(n: u128) -> String {
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
    match lang {
        Lang::Ja => format!("{}円", grouped(n.into())),
        Lang::En => format!("¥{}", grouped(n.into())),
    }
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

fn rate(r: Rate) -> String {
    format!("{}/{}", r.num, r.den)
}

fn month(m: Month) -> String {
    format!("{}-{:02}", m.year, m.month)
}

fn day(d: Date) -> String {
    format!("{}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

/// 令和 for the seed's dates (all after 2019-05-01).
fn reiwa(lang: Lang, d: Date, with_day: bool) -> String {
    let (y, m, dd) = (d.year(), u8::from(d.month()), d.day());
    match (lang, with_day) {
        (Lang::Ja, true) => format!("令和{}年（{y}年）{m}月{dd}日", y - 2018),
        (Lang::Ja, false) => format!("令和{}年（{y}年）{m}月", y - 2018),
        (Lang::En, true) => format!("{} (令和{}年{m}月{dd}日)", day(d), y - 2018),
        (Lang::En, false) => format!("{y}-{m:02} (令和{}年{m}月)", y - 2018),
    }
}

fn pharmacy(lang: Lang, c: &Counted) -> String {
    let span = c
        .months
        .map(|(a, b)| match lang {
            Lang::Ja => format!("{}〜{}", month(a), month(b)),
            Lang::En => format!("{} to {}", month(a), month(b)),
        })
        .unwrap_or_default();
    let (total, n, avg) = (grouped(c.total.into()), c.month_count, average(c.average));
    let how = match (lang, c.basis) {
        (Lang::Ja, Basis::Continuing) => format!(
            "前年2月末日以前から指定。{span} の {total}回 ÷ 12 = 月 {avg}回"
        ),
        (Lang::Ja, Basis::New) => format!(
            "前年3月1日〜当年1月末日の新規指定。指定の翌月から {span} の {total}回 ÷ {n}か月 = 月 {avg}回"
        ),
        (Lang::Ja, Basis::NotCounted) => {
            "当年2月1日以降の指定のため数えません（PROPOSED: 第4(1)(2) の範囲外、要領に定めなし）"
                .into()
        }
        (Lang::En, Basis::Continuing) => format!(
            "designated since before the previous February's end: {span}, {total} ÷ 12 = {avg} a month"
        ),
        (Lang::En, Basis::New) => format!(
            "newly designated (previous 1 March – this 31 January): the months after designation, {span}, {total} ÷ {n} = {avg} a month"
        ),
        (Lang::En, Basis::NotCounted) => {
            "designated on or after this 1 February: not counted (PROPOSED: outside 第4(1)(2), the guidelines are silent)".into()
        }
    };
    let from = day(c.from);
    match (lang, c.earlier_record) {
        (Lang::Ja, false) => format!("薬局 {}（指定日 {from}）: {how}", c.id),
        (Lang::Ja, true) => format!(
            "薬局 {}: 開設者の変更で遡及指定。変更前の実績で判定（変更前の指定日 {from}）: {how}",
            c.id
        ),
        (Lang::En, false) => format!("pharmacy {} (designated {from}): {how}", c.id),
        (Lang::En, true) => format!(
            "pharmacy {}: change of 開設者 with retroactive designation, judged on the earlier record (designated {from} before the change): {how}",
            c.id
        ),
    }
}

/// One line of an estimate.
pub fn line(lang: Lang, f: &Fact) -> String {
    let y = |n| yen(lang, n);
    match (lang, f) {
        (Lang::Ja, Fact::Table { kind: k, table }) => match table {
            Table::T1_1 | Table::T1_2 | Table::T1_3 => format!(
                "{}（カードリーダー {}台の提供）: {} を適用",
                kind(lang, *k),
                table.readers_free(),
                table_name(*table)
            ),
            Table::T2 => format!("大型チェーン薬局: {} を適用", table_name(*table)),
            Table::T3 => format!(
                "{}: {}（診療所又は大型チェーン薬局以外の薬局）を適用",
                kind(lang, *k),
                table_name(*table)
            ),
        },
        (Lang::En, Fact::Table { kind: k, table }) => format!(
            "{}: {} applies ({} reader(s) provided)",
            kind(lang, *k),
            table_name(*table),
            table.readers_free()
        ),
        (Lang::Ja, Fact::Declared { large: true }) => {
            "申告どおり大型チェーン薬局として計算（薬局一覧を指定すると第4により判定します）".into()
        }
        (Lang::Ja, Fact::Declared { large: false }) => {
            "申告どおり大型チェーン薬局以外の薬局として計算（薬局一覧を指定すると第4により判定します）"
                .into()
        }
        (Lang::En, Fact::Declared { large }) => format!(
            "taken as declared: {} (a pharmacies list lets 第4 decide)",
            if *large {
                "a large chain"
            } else {
                "not a large chain"
            }
        ),
        (_, Fact::Pharmacy(c)) => pharmacy(lang, c),
        (Lang::Ja, Fact::GroupSum {
            sum,
            large,
            judged_at,
        }) => format!(
            "グループの1か月当たり処方箋受付回数の合計（{} 時点）: {}回。{}",
            day(*judged_at),
            average(*sum),
            if *large {
                "４万回を超えるため大型チェーン薬局です"
            } else {
                "４万回を超えないため大型チェーン薬局ではありません"
            }
        ),
        (Lang::En, Fact::GroupSum {
            sum,
            large,
            judged_at,
        }) => format!(
            "the group's monthly prescriptions at {}: {} in all; {}",
            day(*judged_at),
            average(*sum),
            if *large {
                "over 40,000: a large chain"
            } else {
                "not over 40,000: not a large chain"
            }
        ),
        (Lang::Ja, Fact::AtTheLine) => {
            "合計はちょうど４万回です。導入の手引きと第3の2は「月４万回以上」ですが、第4は「４万回を超えるか否か」で判定すると定めているため、第4に従い大型チェーン薬局ではないとしました。"
                .into()
        }
        (Lang::En, Fact::AtTheLine) => {
            "the sum is exactly 40,000: the guide and 第3の2 say \"40,000 or more\" (以上), but 第4 judges \"over 40,000\" (超える); 第4 is followed, so not a large chain"
                .into()
        }
        (Lang::Ja, Fact::ListOverrides { declared }) => match declared {
            Kind::ChainPharmacy => {
                "大型チェーン薬局と指定されましたが、薬局一覧の合計が４万回を超えないため別表3で計算します".into()
            }
            _ => "大型チェーン以外の薬局と指定されましたが、薬局一覧の合計が４万回を超えるため別表2で計算します".into(),
        },
        (Lang::En, Fact::ListOverrides { declared }) => match declared {
            Kind::ChainPharmacy => {
                "declared a large chain, but the list's sum is not over 40,000: 別表3 is used".into()
            }
            _ => "declared not a large chain, but the list's sum is over 40,000: 別表2 is used".into(),
        },
        (Lang::Ja, Fact::TaxIncluded { cost }) => {
            format!("総事業費（税込み）: {}。別表の金額はいずれも税込みです", y(*cost))
        }
        (Lang::En, Fact::TaxIncluded { cost }) => format!(
            "total project cost, tax included: {} (every amount of the tables includes tax)",
            y(*cost)
        ),
        (Lang::Ja, Fact::Rate { rate: r }) => format!("補助率: {}", rate(*r)),
        (Lang::En, Fact::Rate { rate: r }) => format!("rate: {}", rate(*r)),
        (Lang::Ja, Fact::Cap {
            cap,
            ceiling,
            rate: r,
        }) => format!(
            "補助限度額: {}（事業額 {} に補助率 {} を乗じた額）",
            y(*cap),
            y(*ceiling),
            rate(*r)
        ),
        (Lang::En, Fact::Cap {
            cap,
            ceiling,
            rate: r,
        }) => format!(
            "cap: {} (a project of {} times the rate {})",
            y(*cap),
            y(*ceiling),
            rate(*r)
        ),
        (Lang::Ja, Fact::CostTimesRate {
            cost,
            rate: r,
            value,
        }) => format!(
            "総事業費 × 補助率: {} × {} = {}",
            y(*cost),
            rate(*r),
            y(*value)
        ),
        (Lang::En, Fact::CostTimesRate {
            cost,
            rate: r,
            value,
        }) => format!("cost × rate: {} × {} = {}", y(*cost), rate(*r), y(*value)),
        (Lang::Ja, Fact::Amount {
            amount,
            capped,
            before_rounding,
        }) => format!(
            "補助額: {}（{} {} {}。1,000円未満切り捨て）",
            y(*amount),
            if *capped {
                "補助限度額"
            } else {
                "総事業費 × 補助率"
            },
            y(*before_rounding),
            if *capped {
                "の方が少ないためその額"
            } else {
                "が限度額以下のためその額"
            },
        ),
        (Lang::En, Fact::Amount {
            amount,
            capped,
            before_rounding,
        }) => format!(
            "subsidy: {} (the lesser, {} = {}, rounded down to 1,000 yen)",
            y(*amount),
            if *capped { "the cap" } else { "cost × rate" },
            y(*before_rounding)
        ),
        (Lang::Ja, Fact::ReadersFree { readers }) => format!(
            "顔認証付きカードリーダー {readers}台を無償で提供（支払基金が調達・提供。１台あたり9.9万円までのもの）"
        ),
        (Lang::En, Fact::ReadersFree { readers }) => format!(
            "{readers} face-recognition card reader(s) provided free (bought and provided by 支払基金, up to ¥99,000 each)"
        ),
        (Lang::Ja, Fact::ReaderPriceLimit { yen: v }) => format!(
            "カードリーダーを購入する費用は、１台 {} 以下のものに限り補助の対象です",
            y(*v)
        ),
        (Lang::En, Fact::ReaderPriceLimit { yen: v }) => format!(
            "a reader bought as part of the project counts only if it costs {} or less",
            y(*v)
        ),
        (Lang::Ja, Fact::OnlyWithReader) => {
            "補助金は、提供された顔認証付きカードリーダーを導入した場合に限り交付されます".into()
        }
        (Lang::En, Fact::OnlyWithReader) => {
            "the subsidy is paid only where the provided reader is brought into use".into()
        }
        (Lang::Ja, Fact::ApplyAfterWork) => {
            "補助金の申請は、すべての事業が完了した後に行います（精算払い）".into()
        }
        (Lang::En, Fact::ApplyAfterWork) => {
            "apply once all the work is finished (paid afterwards)".into()
        }
        (_, Fact::Period { period, passed }) => {
            let when = reiwa(lang, period.date(), !period.is_month());
            let what = match (lang, period) {
                (Lang::Ja, Period::ReaderApplicationsFrom) => {
                    format!("顔認証付きカードリーダーの提供申請: {when}から")
                }
                (Lang::Ja, Period::SubsidyApplicationsFrom) => {
                    format!("補助金の交付申請: {when}から")
                }
                (Lang::Ja, Period::WorkDoneBy) => format!("事業の完了: {when}まで"),
                (Lang::Ja, Period::ApplyBy) => format!("補助金の申請: {when}まで"),
                (Lang::En, Period::ReaderApplicationsFrom) => {
                    format!("reader applications: from {when}")
                }
                (Lang::En, Period::SubsidyApplicationsFrom) => {
                    format!("subsidy applications: from {when}")
                }
                (Lang::En, Period::WorkDoneBy) => format!("work finished by {when}"),
                (Lang::En, Period::ApplyBy) => format!("apply by {when}"),
            };
            match (lang, passed) {
                (_, false) => what,
                (Lang::Ja, true) => format!("{what}（この期限は過ぎています）"),
                (Lang::En, true) => format!("{what} (this date has passed)"),
            }
        }
        (Lang::Ja, Fact::PeriodMayChange) => {
            "この期間は医療介護連携政策課長が支払基金の理事長と協議して変更できます。最新の期間は医療機関等向けポータルサイトで確認してください".into()
        }
        (Lang::En, Fact::PeriodMayChange) => {
            "these dates may be changed (第14, proviso): check the current ones on the 医療機関等向けポータルサイト".into()
        }
    }
}

fn column(lang: Lang, c: Column) -> &'static str {
    match lang {
        Lang::Ja => c.header(),
        Lang::En => match c {
            Column::Id => "薬局ID (pharmacy id)",
            Column::Designated => "指定日 (designation date)",
            Column::Earlier => "遡及前指定日 (earlier designation)",
        },
    }
}

fn row(lang: Lang, line: usize, p: &RowProblem) -> String {
    match (lang, p) {
        (Lang::Ja, RowProblem::NoId) => format!("{line}行目: 薬局IDがありません"),
        (Lang::Ja, RowProblem::DuplicateId { first_line }) => {
            format!("{line}行目: 薬局IDが{first_line}行目と同じです（同じ薬局を二度数えないため）")
        }
        (Lang::Ja, RowProblem::BadDate { column: c }) => format!(
            "{line}行目: {}が日付ではありません（YYYY-MM-DD で書いてください）",
            column(lang, *c)
        ),
        (Lang::Ja, RowProblem::BadCount { month: m }) => format!(
            "{line}行目: {} の処方箋受付回数が数字ではありません（数字だけで書いてください）",
            month(*m)
        ),
        (Lang::Ja, RowProblem::TooManyCells) => {
            format!("{line}行目: 見出しより列が多くなっています。カンマを確認してください")
        }
        (Lang::En, RowProblem::NoId) => format!("line {line}: no pharmacy id"),
        (Lang::En, RowProblem::DuplicateId { first_line }) => format!(
            "line {line}: the same pharmacy id as line {first_line} (a pharmacy is counted once)"
        ),
        (Lang::En, RowProblem::BadDate { column: c }) => format!(
            "line {line}: {} is not a date (write YYYY-MM-DD)",
            column(lang, *c)
        ),
        (Lang::En, RowProblem::BadCount { month: m }) => format!(
            "line {line}: the count for {} is not a number (digits only)",
            month(*m)
        ),
        (Lang::En, RowProblem::TooManyCells) => {
            format!("line {line}: more cells than the header has columns: check the commas")
        }
    }
}

/// What went wrong, one message a line, each saying what to do.
pub fn problem(lang: Lang, p: &Problem) -> Vec<String> {
    if let (Problem::List(ListError::Rows(rows)), _) = (p, lang) {
        let mut out = vec![match lang {
            Lang::Ja => format!(
                "薬局一覧の{}行が使えません。直してからもう一度実行してください:",
                rows.len()
            ),
            Lang::En => format!(
                "{} rows of the pharmacies list cannot be used; correct them and try again:",
                rows.len()
            ),
        }];
        out.extend(rows.iter().map(|r| row(lang, r.line, &r.problem)));
        return out;
    }
    if lang == Lang::En {
        return vec![p.to_string()];
    }
    let s = match p {
        Problem::BadCost => {
            "総事業費は円の金額で入れてください（税込み。例: 429000 または 429,000）".into()
        }
        Problem::Input(InputError::HospitalReaders) => {
            "病院は、顔認証付きカードリーダーの提供台数を 1〜3 で指定してください（別表1-1〜1-3。コマンドでは --readers）".into()
        }
        Problem::Input(InputError::ReadersNotHospital) => {
            "提供台数を選ぶのは病院だけです。診療所・薬局は1台の提供です（別表2・別表3）。--readers を外してください".into()
        }
        Problem::Input(InputError::ListNotPharmacy) => {
            "薬局一覧は薬局のグループの判定（実施要領 第4）に使います。病院・診療所では指定しないでください".into()
        }
        Problem::Input(InputError::NotFebruary) | Problem::List(ListError::NotMarchToFebruary) => {
            "月の列は、前年3月から当年2月までの12か月にしてください（第4 は当年2月末日時点で判定します）".into()
        }
        Problem::List(ListError::Unreadable { detail }) => {
            format!("薬局一覧を読み込めません（{detail}）。パスを確認してください")
        }
        Problem::List(ListError::TooBig) => {
            "薬局一覧が 16 MiB を超えています。ファイルを確認してください".into()
        }
        Problem::List(ListError::NotText) => {
            "薬局一覧が UTF-8 でも Shift_JIS でもありません。Excel で「CSV UTF-8」または「CSV（コンマ区切り）」で保存してください".into()
        }
        Problem::List(ListError::UnclosedQuote { line }) => {
            format!("薬局一覧の{line}行目: 引用符（\"）が閉じていません。その行を確認してください")
        }
        Problem::List(ListError::Empty) => {
            "薬局一覧が空です。見出しの行と、薬局ごとに1行を書いてください".into()
        }
        Problem::List(ListError::MissingColumn { column: c }) => format!(
            "薬局一覧の見出しに「{}」の列がありません（見出し: 薬局ID,指定日,遡及前指定日,2020-03,…,2021-02）",
            c.header()
        ),
        Problem::List(ListError::UnknownColumn { name }) => format!(
            "薬局一覧の見出し「{name}」は一覧の列ではありません。README のとおりの名前にしてください"
        ),
        Problem::List(ListError::DuplicateColumn { name }) => {
            format!("薬局一覧の見出し「{name}」が二度あります")
        }
        Problem::List(ListError::NotTwelveMonths { found }) => format!(
            "薬局一覧の月の列が{found}個です。前年3月から当年2月までの12か月にしてください（例: 2020-03 … 2021-02）"
        ),
        Problem::List(ListError::NoPharmacies) => {
            "薬局一覧に薬局の行がありません。見出しの下に薬局ごとに1行書いてください".into()
        }
        Problem::List(ListError::TooMany { max }) => {
            format!("薬局一覧の薬局が{max}を超えています")
        }
        Problem::List(ListError::Rows(_)) => String::new(),
        Problem::Group(GroupError::MissingCount { id, month: m }) => format!(
            "薬局 {id} の {} の処方箋受付回数が空欄です。第4 で数える月なので、記入してください（なければ 0）",
            month(*m)
        ),
        Problem::Group(GroupError::EarlierNotBefore { id }) => format!(
            "薬局 {id} の遡及前指定日が指定日より前になっていません。日付を確認してください"
        ),
    };
    vec![s]
}
