//! The 一括照会 words (import problems, the result table's kinds and reasons, the export's
//! header, the CLI's lines), Japanese first and English complete. Kept in their own module
//! so the batch screen and the CLI share them; each function matches every language.

use super::Lang;
use crate::batch::Column;
use crate::batch::import::Problem;
use crate::batch::store::Outcome;

/// A column's name as the clerk reads it.
pub fn column(c: Column, lang: Lang) -> &'static str {
    match lang {
        Lang::Ja => c.header(),
        Lang::En => match c {
            Column::Name => "patient name",
            Column::Insurer => "insurer number",
            Column::Symbol => "card symbol",
            Column::Number => "card number",
            Column::Branch => "branch number",
            Column::Birth => "date of birth",
        },
    }
}

/// Why a row was refused (never quotes the cell).
pub fn problem(p: &Problem, c: Column, lang: Lang) -> String {
    match (p, lang) {
        (Problem::Id(e), l) => e.message(l),
        (Problem::MissingColumn, Lang::Ja) => {
            format!(
                "{}の列がありません。行の区切り（カンマ）を確認してください。",
                column(c, lang)
            )
        }
        (Problem::MissingColumn, Lang::En) => format!(
            "The {} column is missing: check the commas on this line.",
            column(c, lang)
        ),
        (Problem::NameTooLong { max }, Lang::Ja) => {
            format!("患者氏名が長すぎます（{max}文字まで）。列がずれていないか確認してください。")
        }
        (Problem::NameTooLong { max }, Lang::En) => format!(
            "The patient name is too long (at most {max} characters): check that the columns are not shifted."
        ),
    }
}

/// The result table's kind of a row: 有効 / 無効 / エラー (or 照会中 while pending).
pub fn kind(o: &Outcome, lang: Lang) -> &'static str {
    match (o, lang) {
        (Outcome::Valid, Lang::Ja) => "有効",
        (Outcome::Valid, Lang::En) => "valid",
        (Outcome::Invalid { .. } | Outcome::NotFound, Lang::Ja) => "無効",
        (Outcome::Invalid { .. } | Outcome::NotFound, Lang::En) => "invalid",
        (Outcome::Error { .. } | Outcome::Multiple | Outcome::Bad(_), Lang::Ja) => "エラー",
        (Outcome::Error { .. } | Outcome::Multiple | Outcome::Bad(_), Lang::En) => "error",
        (Outcome::Pending, Lang::Ja) => "照会中",
        (Outcome::Pending, Lang::En) => "pending",
    }
}

/// The reason beside the kind (empty for 有効).
pub fn reason(o: &Outcome, lang: Lang) -> String {
    match (o, lang) {
        (Outcome::Valid | Outcome::Pending, _) => String::new(),
        (Outcome::Invalid { lost_on, reason }, l) => {
            let why = reason.as_deref().map(|c| {
                eligibility::codes::ReasonOfLoss::from_code(c)
                    .label(l)
                    .to_string()
            });
            let date = lost_on.as_deref().map(pretty_date);
            match (l, date, why) {
                (Lang::Ja, Some(d), Some(w)) => format!("資格喪失（{d}、{w}）"),
                (Lang::Ja, Some(d), None) => format!("資格喪失（{d}）"),
                (Lang::Ja, None, Some(w)) => format!("資格喪失（{w}）"),
                (Lang::Ja, None, None) => "資格喪失".into(),
                (Lang::En, Some(d), Some(w)) => format!("qualification lost ({d}, {w})"),
                (Lang::En, Some(d), None) => format!("qualification lost ({d})"),
                (Lang::En, None, Some(w)) => format!("qualification lost ({w})"),
                (Lang::En, None, None) => "qualification lost".into(),
            }
        }
        (Outcome::NotFound, Lang::Ja) => {
            "該当する資格がありません。保険証の記号・番号を確認してください。".into()
        }
        (Outcome::NotFound, Lang::En) => {
            "No qualification matches: check the numbers on the insurance card.".into()
        }
        (Outcome::Multiple, Lang::Ja) => {
            "複数の資格が該当しました。受付時に資格確認を行ってください。".into()
        }
        (Outcome::Multiple, Lang::En) => {
            "Several qualifications match: check this patient at the desk.".into()
        }
        (Outcome::Error { code, message }, l) => {
            let msg = message.as_deref().unwrap_or(match l {
                Lang::Ja => "資格確認システムがエラーを返しました",
                Lang::En => "the centre answered an error",
            });
            match code {
                Some(c) => format!("{msg}（{c}）"),
                None => msg.to_string(),
            }
        }
        (Outcome::Bad(p), l) => {
            let prefix = match l {
                Lang::Ja => "未送信: ",
                Lang::En => "not sent: ",
            };
            format!("{prefix}{}", problem(&p.problem, p.column, l))
        }
    }
}

fn pretty_date(yyyymmdd: &str) -> String {
    if yyyymmdd.len() == 8 && yyyymmdd.bytes().all(|b| b.is_ascii_digit()) {
        format!("{}-{}-{}", &yyyymmdd[..4], &yyyymmdd[4..6], &yyyymmdd[6..])
    } else {
        yyyymmdd.to_string()
    }
}

/// The export's header row.
pub fn export_header(lang: Lang) -> [&'static str; 9] {
    match lang {
        Lang::Ja => [
            "行",
            "患者氏名",
            "保険者番号",
            "記号",
            "番号",
            "枝番",
            "生年月日",
            "資格確認結果",
            "理由",
        ],
        Lang::En => [
            "line",
            "patient name",
            "insurer number",
            "card symbol",
            "card number",
            "branch number",
            "date of birth",
            "result",
            "reason",
        ],
    }
}

/// CLI lines (stderr).
pub enum Say<'a> {
    BadRow {
        line: usize,
        column: Column,
        reason: String,
    },
    Imported {
        good: usize,
        bad: usize,
    },
    Resuming {
        reception: Option<&'a str>,
    },
    Uploading {
        rows: usize,
    },
    Accepted {
        reception: &'a str,
    },
    Waiting,
    Done {
        valid: usize,
        invalid: usize,
        error: usize,
    },
    Written {
        path: &'a str,
    },
}

pub fn say(s: &Say<'_>, lang: Lang) -> String {
    match (s, lang) {
        (
            Say::BadRow {
                line,
                column: c,
                reason,
            },
            Lang::Ja,
        ) => {
            format!("{line}行目 {}: {reason}", column(*c, lang))
        }
        (
            Say::BadRow {
                line,
                column: c,
                reason,
            },
            Lang::En,
        ) => {
            format!("line {line}, {}: {reason}", column(*c, lang))
        }
        (Say::Imported { good, bad }, Lang::Ja) => {
            format!("読み込み: 送信する行 {good}件、誤りのある行 {bad}件（送信しません）")
        }
        (Say::Imported { good, bad }, Lang::En) => {
            format!("read: {good} rows to send, {bad} rows with errors (not sent)")
        }
        (Say::Resuming { reception: Some(r) }, Lang::Ja) => {
            format!("前回の一括照会（受付番号 {r}）の結果を待ちます")
        }
        (Say::Resuming { reception: Some(r) }, Lang::En) => {
            format!("resuming the earlier 一括照会 (reception number {r})")
        }
        (Say::Resuming { reception: None }, Lang::Ja) => {
            "前回送信できなかった一括照会を、同じ識別子で送り直します".into()
        }
        (Say::Resuming { reception: None }, Lang::En) => {
            "re-sending the earlier 一括照会 with the same key".into()
        }
        (Say::Uploading { rows }, Lang::Ja) => format!("{rows}件を送信しています"),
        (Say::Uploading { rows }, Lang::En) => format!("sending {rows} rows"),
        (Say::Accepted { reception }, Lang::Ja) => format!("受付番号 {reception}"),
        (Say::Accepted { reception }, Lang::En) => format!("reception number {reception}"),
        (Say::Waiting, Lang::Ja) => "結果を待っています".into(),
        (Say::Waiting, Lang::En) => "waiting for the result".into(),
        (
            Say::Done {
                valid,
                invalid,
                error,
            },
            Lang::Ja,
        ) => format!("結果: 有効 {valid}件、無効 {invalid}件、エラー {error}件"),
        (
            Say::Done {
                valid,
                invalid,
                error,
            },
            Lang::En,
        ) => format!("result: {valid} valid, {invalid} invalid, {error} errors"),
        (Say::Written { path }, Lang::Ja) => {
            format!("{path} に書き出しました（UTF-8 BOM付き、Excelで開けます）")
        }
        (Say::Written { path }, Lang::En) => {
            format!("wrote {path} (UTF-8 with BOM, opens in Excel)")
        }
    }
}
