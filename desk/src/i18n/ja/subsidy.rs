//! 日本語: the words of `i18n/subsidy.rs` (its types and the dispatch are there).

use crate::i18n::Lang;
use crate::i18n::subsidy::*;
use crate::subsidy::Problem;
use crate::subsidy::list::{Column, ListError, Problem as RowProblem};
use crate::subsidy::rules::{
    Basis, Counted, Fact, GroupError, InputError, Kind, Period, Rule, Table,
};
use time::Date;

pub(in crate::i18n) fn text(w: W) -> &'static str {
    use W::*;
    match w {
        Title => "補助金の見込み（医療情報化支援基金）",
        Hint => {
            "施設の種類、総事業費（税込み）を入れて Enter。薬局は、グループの薬局一覧（CSV）を指定すると大型チェーン薬局かどうかを実施要領 第4 により判定します。"
        }
        KindLabel => "施設の種類",
        ReadersLabel => "カードリーダーの提供台数",
        CostLabel => "総事業費（税込み・円）",
        ListLabel => "薬局一覧（CSV のパス）",
        ListHint => "薬局ID,指定日,遡及前指定日,前年3月〜当年2月の12か月（例 2020-03 … 2021-02）",
        EstimateButton => "計算",
        NoEstimateYet => "まだ計算していません。",
        AmountLabel => "補助額の見込み",
        RuleHeader => "根拠",
        LineHeader => "内容",
        ListNotUsed => "薬局一覧は薬局の場合だけ使います（病院・診療所では使いません）。",
    }
}

pub(in crate::i18n) fn kind(k: Kind) -> &'static str {
    match k {
        Kind::Hospital => "病院",
        Kind::ChainPharmacy => "大型チェーン薬局",
        Kind::Clinic => "診療所",
        Kind::Pharmacy => "薬局（大型チェーン以外）",
    }
}

pub(in crate::i18n) fn rule(r: Rule) -> &'static str {
    rule_name(r)
}

pub(in crate::i18n) fn yen(n: u64) -> String {
    format!("{}円", grouped(n.into()))
}

pub(in crate::i18n) fn reiwa(d: Date, with_day: bool) -> String {
    let (y, m, dd) = (d.year(), u8::from(d.month()), d.day());
    match with_day {
        true => format!("令和{}年（{y}年）{m}月{dd}日", y - 2018),
        false => format!("令和{}年（{y}年）{m}月", y - 2018),
    }
}

pub(in crate::i18n) fn pharmacy(c: &Counted) -> String {
    let span = c
        .months
        .map(|(a, b)| format!("{}〜{}", month(a), month(b)))
        .unwrap_or_default();
    let (total, n, avg) = (grouped(c.total.into()), c.month_count, average(c.average));
    let how = match c.basis {
        Basis::Continuing => {
            format!("前年2月末日以前から指定。{span} の {total}回 ÷ 12 = 月 {avg}回")
        }
        Basis::New => format!(
            "前年3月1日〜当年1月末日の新規指定。指定の翌月から {span} の {total}回 ÷ {n}か月 = 月 {avg}回"
        ),
        Basis::NotCounted => {
            "当年2月1日以降の指定のため数えません（PROPOSED: 第4(1)(2) の範囲外、要領に定めなし）"
                .into()
        }
    };
    let from = day(c.from);
    match c.earlier_record {
        false => format!("薬局 {}（指定日 {from}）: {how}", c.id),
        true => format!(
            "薬局 {}: 開設者の変更で遡及指定。変更前の実績で判定（変更前の指定日 {from}）: {how}",
            c.id
        ),
    }
}

pub(in crate::i18n) fn line(f: &Fact) -> String {
    let y = |n| yen(n);
    match f {
        Fact::Table { kind: k, table } => match table {
            Table::T1_1 | Table::T1_2 | Table::T1_3 => format!(
                "{}（カードリーダー {}台の提供）: {} を適用",
                kind(*k),
                table.readers_free(),
                table_name(*table)
            ),
            Table::T2 => format!("大型チェーン薬局: {} を適用", table_name(*table)),
            Table::T3 => format!(
                "{}: {}（診療所又は大型チェーン薬局以外の薬局）を適用",
                kind(*k),
                table_name(*table)
            ),
        }
        Fact::Declared { large: true } => {
            "申告どおり大型チェーン薬局として計算（薬局一覧を指定すると第4により判定します）".into()
        }
        Fact::Declared { large: false } => {
            "申告どおり大型チェーン薬局以外の薬局として計算（薬局一覧を指定すると第4により判定します）"
                .into()
        }
        Fact::Pharmacy(c) => pharmacy(c),
        Fact::GroupSum {
            sum,
            large,
            judged_at,
        } => format!(
            "グループの1か月当たり処方箋受付回数の合計（{} 時点）: {}回。{}",
            day(*judged_at),
            average(*sum),
            if *large {
                "４万回を超えるため大型チェーン薬局です"
            } else {
                "４万回を超えないため大型チェーン薬局ではありません"
            }
        ),
        Fact::AtTheLine => {
            "合計はちょうど４万回です。導入の手引きと第3の2は「月４万回以上」ですが、第4は「４万回を超えるか否か」で判定すると定めているため、第4に従い大型チェーン薬局ではないとしました。"
                .into()
        }
        Fact::ListOverrides { declared } => match declared {
            Kind::ChainPharmacy => {
                "大型チェーン薬局と指定されましたが、薬局一覧の合計が４万回を超えないため別表3で計算します".into()
            }
            _ => "大型チェーン以外の薬局と指定されましたが、薬局一覧の合計が４万回を超えるため別表2で計算します".into(),
        }
        Fact::TaxIncluded { cost } => {
            format!("総事業費（税込み）: {}。別表の金額はいずれも税込みです", y(*cost))
        }
        Fact::Rate { rate: r } => format!("補助率: {}", rate(*r)),
        Fact::Cap {
            cap,
            ceiling,
            rate: r,
        } => format!(
            "補助限度額: {}（事業額 {} に補助率 {} を乗じた額）",
            y(*cap),
            y(*ceiling),
            rate(*r)
        ),
        Fact::CostTimesRate {
            cost,
            rate: r,
            value,
        } => format!(
            "総事業費 × 補助率: {} × {} = {}",
            y(*cost),
            rate(*r),
            y(*value)
        ),
        Fact::Amount {
            amount,
            capped,
            before_rounding,
        } => format!(
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
        Fact::ReadersFree { readers } => format!(
            "顔認証付きカードリーダー {readers}台を無償で提供（支払基金が調達・提供。１台あたり9.9万円までのもの）"
        ),
        Fact::ReaderPriceLimit { yen: v } => format!(
            "カードリーダーを購入する費用は、１台 {} 以下のものに限り補助の対象です",
            y(*v)
        ),
        Fact::OnlyWithReader => {
            "補助金は、提供された顔認証付きカードリーダーを導入した場合に限り交付されます".into()
        }
        Fact::ApplyAfterWork => {
            "補助金の申請は、すべての事業が完了した後に行います（精算払い）".into()
        }
        Fact::Period { period, passed } => {
            let when = crate::i18n::subsidy::reiwa(Lang::Ja, period.date(), !period.is_month());
            let what = match period {
                Period::ReaderApplicationsFrom => {
                    format!("顔認証付きカードリーダーの提供申請: {when}から")
                }
                Period::SubsidyApplicationsFrom => {
                    format!("補助金の交付申請: {when}から")
                }
                Period::WorkDoneBy => format!("事業の完了: {when}まで"),
                Period::ApplyBy => format!("補助金の申請: {when}まで"),
            };
            match passed {
                false => what,
                true => format!("{what}（この期限は過ぎています）"),
            }
        }
        Fact::PeriodMayChange => {
            "この期間は医療介護連携政策課長が支払基金の理事長と協議して変更できます。最新の期間は医療機関等向けポータルサイトで確認してください".into()
        }
    }
}

pub(in crate::i18n) fn column(c: Column) -> &'static str {
    c.header()
}

pub(in crate::i18n) fn row(line: usize, p: &RowProblem) -> String {
    match p {
        RowProblem::NoId => format!("{line}行目: 薬局IDがありません"),
        RowProblem::DuplicateId { first_line } => {
            format!("{line}行目: 薬局IDが{first_line}行目と同じです（同じ薬局を二度数えないため）")
        }
        RowProblem::BadDate { column: c } => format!(
            "{line}行目: {}が日付ではありません（YYYY-MM-DD で書いてください）",
            column(*c)
        ),
        RowProblem::BadCount { month: m } => format!(
            "{line}行目: {} の処方箋受付回数が数字ではありません（数字だけで書いてください）",
            month(*m)
        ),
        RowProblem::TooManyCells => {
            format!("{line}行目: 見出しより列が多くなっています。カンマを確認してください")
        }
    }
}

pub(in crate::i18n) fn problem(p: &Problem) -> Vec<String> {
    if let Problem::List(ListError::Rows(rows)) = p {
        let mut out = vec![format!(
            "薬局一覧の{}行が使えません。直してからもう一度実行してください:",
            rows.len()
        )];
        out.extend(rows.iter().map(|r| row(r.line, &r.problem)));
        return out;
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
