//! The 一括照会 words (import problems, the result table's kinds and reasons, the export's
//! header, the CLI's lines, the batch screen's words), Japanese first and English complete. Kept in their own module
//! so the batch screen and the CLI share them; each function matches every language.

use super::Lang;
use crate::batch::Column;
use crate::batch::import::Problem;
use crate::batch::import::SourceEncoding;
use crate::batch::store::Outcome;
use crate::batch::view::{ImportTrouble, JobView, Phase};
use crate::batch::{ImportError, RunError, Summary};

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
            Column::Date => "appointment date",
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
        (Problem::BadDate, Lang::Ja) => {
            "予約日が日付として読めません。YYYY-MM-DD、YYYY/MM/DD または YYYYMMDD で入力してください。"
                .into()
        }
        (Problem::BadDate, Lang::En) => {
            "The appointment date is not a date: write it as YYYY-MM-DD, YYYY/MM/DD or YYYYMMDD."
                .into()
        }
        (Problem::PastDate, Lang::Ja) => {
            "予約日が過ぎています。今日以降の日付にするか、空欄（今日）にしてください。".into()
        }
        (Problem::PastDate, Lang::En) => {
            "The appointment date has passed: give today or a later day, or leave it empty (today)."
                .into()
        }
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

/// The advice after every 無効 row's reason: the list was checked ahead, the desk checks again.
const CONFIRM_JA: &str = "来院時に受付で資格を確認してください。";
const CONFIRM_EN: &str = "Confirm the eligibility at reception when the patient comes.";

/// The reason beside the kind (empty for 有効).
pub fn reason(o: &Outcome, lang: Lang) -> String {
    match (o, lang) {
        (Outcome::Valid | Outcome::Pending, _) => String::new(),
        // 資格有効性 3: the list has the old card's numbers.
        (Outcome::Invalid { reason, .. }, Lang::Ja)
            if reason.as_deref() == Some(crate::history::NEW_QUALIFICATION) =>
        {
            "無効（新しい資格あり）: 保険が変わっています。受付で新しい保険証・資格確認書を確認するか、マイナ保険証で資格確認してください。".into()
        }
        (Outcome::Invalid { reason, .. }, Lang::En)
            if reason.as_deref() == Some(crate::history::NEW_QUALIFICATION) =>
        {
            "Invalid (a newer qualification exists): the patient changed insurer. At reception ask for the new insurance card or eligibility certificate, or check with the My Number card.".into()
        }
        (Outcome::Invalid { lost_on, reason }, l) => {
            let why = reason.as_deref().map(|c| {
                eligibility::codes::ReasonOfLoss::from_code(c)
                    .label(l)
                    .to_string()
            });
            let date = lost_on.as_deref().map(pretty_date);
            match (l, date, why) {
                (Lang::Ja, Some(d), Some(w)) => format!("資格喪失（{d}、{w}）。{CONFIRM_JA}"),
                (Lang::Ja, Some(d), None) => format!("資格喪失（{d}）。{CONFIRM_JA}"),
                (Lang::Ja, None, Some(w)) => format!("資格喪失（{w}）。{CONFIRM_JA}"),
                (Lang::Ja, None, None) => format!("資格喪失。{CONFIRM_JA}"),
                (Lang::En, Some(d), Some(w)) => {
                    format!("qualification lost ({d}, {w}). {CONFIRM_EN}")
                }
                (Lang::En, Some(d), None) => format!("qualification lost ({d}). {CONFIRM_EN}"),
                (Lang::En, None, Some(w)) => format!("qualification lost ({w}). {CONFIRM_EN}"),
                (Lang::En, None, None) => format!("qualification lost. {CONFIRM_EN}"),
            }
        }
        (Outcome::NotFound, Lang::Ja) => {
            format!("該当する資格がありません。保険証の記号・番号を確認してください。{CONFIRM_JA}")
        }
        (Outcome::NotFound, Lang::En) => {
            format!("No qualification matches: check the numbers on the insurance card. {CONFIRM_EN}")
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

/// A row's 資格確認日 as the table and the export show it (YYYY-MM-DD), what stands for it
/// before the centre has answered a row sent without one, and nothing for a row never sent.
pub fn confirm_date(r: &crate::batch::StoredRow, lang: Lang) -> String {
    match (&r.outcome, r.confirm_date.as_deref(), lang) {
        (Outcome::Bad(_), _, _) => String::new(),
        (_, Some(d), _) => pretty_date(d),
        (_, None, Lang::Ja) => "当日".into(),
        (_, None, Lang::En) => "today".into(),
    }
}

fn pretty_date(yyyymmdd: &str) -> String {
    if yyyymmdd.len() == 8 && yyyymmdd.bytes().all(|b| b.is_ascii_digit()) {
        format!("{}-{}-{}", &yyyymmdd[..4], &yyyymmdd[4..6], &yyyymmdd[6..])
    } else {
        yyyymmdd.to_string()
    }
}

/// `onshi batch --date` names a day already past.
pub fn past_date(arg: &str, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!(
            "--date {arg} は過ぎた日です。今日以降の日付を指定するか、省略（今日）してください。"
        ),
        Lang::En => {
            format!("--date {arg} has passed: give today or a later day, or leave it out (today).")
        }
    }
}

/// The export's header row.
pub fn export_header(lang: Lang) -> [&'static str; 12] {
    match lang {
        Lang::Ja => [
            "行",
            "患者氏名",
            "保険者番号",
            "記号",
            "番号",
            "枝番",
            "生年月日",
            "予約日",
            "資格確認日",
            "資格確認結果",
            "理由",
            "確認事項",
        ],
        Lang::En => [
            "line",
            "patient name",
            "insurer number",
            "card symbol",
            "card number",
            "branch number",
            "date of birth",
            "appointment date",
            "confirmation date",
            "result",
            "reason",
            "follow-up",
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

// --- the batch screen (ui/batch.rs) ---

/// Fixed words of the batch screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    ListLabel,
    Read,
    DropHint,
    Reading,
    BadRowsTitle,
    NoBadRows,
    ColLine,
    ColColumn,
    ColReason,
    ColName,
    ColResult,
    Send,
    Discard,
    Saving,
    JobsTitle,
    NoJobs,
    Resume,
    Show,
    ResultTitle,
    NothingSelected,
    ExportLabel,
    Export,
    Writing,
    ResumedNote,
    Unavailable,
    ColDate,
    DateLabel,
    DateHint,
    DateBad,
    DatePast,
}

pub fn screen(k: Screen, lang: Lang) -> &'static str {
    use Screen::*;
    match lang {
        Lang::Ja => match k {
            ListLabel => "一括照会リスト（CSV）",
            Read => "読み込む",
            DropHint => "CSVファイルをこの画面にドロップしても読み込めます。",
            Reading => "読み込んでいます…",
            BadRowsTitle => "誤りのある行（送信しません）",
            NoBadRows => "誤りのある行はありません。",
            ColLine => "行",
            ColColumn => "列",
            ColReason => "理由",
            ColName => "患者氏名",
            ColResult => "結果",
            Send => "送信",
            Discard => "取り消す",
            Saving => "一括照会を保存しています…",
            JobsTitle => "一括照会の状況",
            NoJobs => "まだ一括照会はありません。",
            Resume => "再開",
            Show => "表示",
            ResultTitle => "照会結果",
            NothingSelected => "一括照会を選ぶと、進み具合と結果がここに出ます。",
            ExportLabel => "書き出し先",
            Export => "書き出す",
            Writing => "書き出しています…",
            ResumedNote => "前回終わっていなかった一括照会です。続きから再開しました。",
            Unavailable => "この画面は、資格確認システムにつながる設定で起動したときに使えます。",
            ColDate => "資格確認日",
            DateLabel => "資格確認日",
            DateHint => "予約日の列がない行はこの日で照会します（空欄: 当日）。",
            DateBad => "資格確認日は YYYY-MM-DD の形で入力してください。",
            DatePast => {
                "資格確認日が過ぎています。今日以降の日付にするか、空欄（当日）にしてください。"
            }
        },
        Lang::En => match k {
            ListLabel => "Batch list (CSV)",
            Read => "Read",
            DropHint => "You can also drop a CSV file on this window.",
            Reading => "Reading…",
            BadRowsTitle => "Rows with errors (not sent)",
            NoBadRows => "No rows with errors.",
            ColLine => "Line",
            ColColumn => "Column",
            ColReason => "Reason",
            ColName => "Patient name",
            ColResult => "Result",
            Send => "Send",
            Discard => "Discard",
            Saving => "Saving the batch…",
            JobsTitle => "Batches",
            NoJobs => "No batch yet.",
            Resume => "Resume",
            Show => "Show",
            ResultTitle => "Results",
            NothingSelected => "Choose a batch to see its progress and results here.",
            ExportLabel => "Export to",
            Export => "Export",
            Writing => "Writing…",
            ResumedNote => "This batch was not finished last time: it was carried on.",
            Unavailable => "This tab works when the desk runs with its centre settings.",
            ColDate => "Checked for",
            DateLabel => "Confirmation date",
            DateHint => {
                "Rows without their own appointment date are checked for this day (empty: today)."
            }
            DateBad => "Type the confirmation date as YYYY-MM-DD.",
            DatePast => {
                "The confirmation date has passed: give today or a later day, or leave it empty (today)."
            }
        },
    }
}

pub fn encoding(e: SourceEncoding, lang: Lang) -> &'static str {
    match (e, lang) {
        (SourceEncoding::Utf8, Lang::Ja) => "UTF-8（BOMなし）",
        (SourceEncoding::Utf8, Lang::En) => "UTF-8 (no BOM)",
        (SourceEncoding::Utf8Bom, Lang::Ja) => "UTF-8（BOM付き）",
        (SourceEncoding::Utf8Bom, Lang::En) => "UTF-8 (with BOM)",
        (SourceEncoding::ShiftJis, _) => "Shift_JIS",
    }
}

/// The preview's summary line.
pub fn preview(good: usize, bad: usize, e: SourceEncoding, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!(
            "送信する行 {good}件、誤りのある行 {bad}件（送信しません）／文字コード {}",
            encoding(e, lang)
        ),
        Lang::En => format!(
            "{good} rows to send, {bad} rows with errors (not sent); encoding {}",
            encoding(e, lang)
        ),
    }
}

/// Why the previewed list cannot be sent, if it cannot.
pub fn not_sendable(good: usize, lang: Lang) -> Option<String> {
    let max = eligibility::client::BATCH_MAX;
    match lang {
        _ if good > 0 && good <= max => None,
        Lang::Ja if good == 0 => {
            Some("送信できる行がありません。誤りのある行を直して読み込み直してください。".into())
        }
        Lang::En if good == 0 => {
            Some("No row can be sent: correct the rows with errors and read the list again.".into())
        }
        Lang::Ja => Some(format!(
            "一括照会は{max}件までです（{good}件）。リストを分けて読み込んでください。"
        )),
        Lang::En => Some(format!(
            "A batch holds at most {max} patients ({good} here): split the list."
        )),
    }
}

pub fn import_trouble(t: &ImportTrouble, lang: Lang) -> String {
    match (t, lang) {
        (ImportTrouble::Read(e), Lang::Ja) => match e.kind() {
            std::io::ErrorKind::NotFound => {
                "ファイルが見つかりません。パスを確認してください。".into()
            }
            std::io::ErrorKind::PermissionDenied => {
                "ファイルを読む権限がありません。ファイルの場所と権限を確認してください。".into()
            }
            _ => format!("ファイルを読めません（{e}）。パスを確認してください。"),
        },
        (ImportTrouble::Read(_), Lang::En) => t.to_string(),
        (ImportTrouble::List(e), Lang::Ja) => match e {
            ImportError::NotText => "UTF-8でもShift_JISでもないファイルです。Excelで「CSV UTF-8」または「CSV（コンマ区切り）」で保存し直してください。".into(),
            ImportError::Empty => "患者の行がありません。見出しの下に1行以上入れてください。".into(),
            ImportError::UnclosedQuote { line } => format!(
                "{line}行目: 引用符（\"）が閉じていません。その行を確認して読み込み直してください。"
            ),
            ImportError::HeaderWithoutColumns => "見出しに保険者番号・番号・生年月日の列がありません。一括照会リストの見出し（患者氏名,保険者番号,記号,番号,枝番,生年月日）を付けてください。".into(),
        },
        (ImportTrouble::List(e), Lang::En) => {
            let s = e.to_string();
            let mut c = s.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect())
                .unwrap_or_default()
        }
    }
}

/// Why a job stopped or failed, and what to do.
pub fn run_error(e: &RunError, lang: Lang) -> String {
    match (e, lang) {
        (RunError::Centre(c), Lang::Ja) => format!(
            "{} 一括照会は保存されています。「再開」で続きから再開します。",
            c.message(lang)
        ),
        (RunError::Centre(c), Lang::En) => format!(
            "{} The batch is saved: press Resume to carry it on.",
            c.message(lang)
        ),
        (RunError::Store(_), Lang::Ja) => "一括照会の保存先に読み書きできません。ディスクの空きを確認して「再開」を押してください。保存済みの手順は残っています。".into(),
        (RunError::Store(_), Lang::En) => "The batch store cannot be read or written: check free disk space and press Resume. Every saved step is kept.".into(),
        (RunError::Failed(w), Lang::Ja) => format!(
            "資格確認システムがこの一括照会を処理できませんでした（{w}）。リストを読み込み直して、新しい一括照会として送信してください。"
        ),
        (RunError::Failed(w), Lang::En) => format!(
            "The centre could not process this batch ({w}): read the list again and send it as a new batch."
        ),
        (RunError::NothingToSend, l) => not_sendable(0, l).unwrap_or_default(),
        (RunError::AlreadyDone, Lang::Ja) => "この一括照会は完了しています。".into(),
        (RunError::AlreadyDone, Lang::En) => "This batch is already finished.".into(),
    }
}

/// The counts of a finished job.
pub fn summary(s: &Summary, lang: Lang) -> String {
    let done = say(
        &Say::Done {
            valid: s.valid,
            invalid: s.invalid,
            error: s.error,
        },
        lang,
    );
    match (s.bad, lang) {
        (0, _) => done,
        (b, Lang::Ja) => format!("{done}（うち未送信 {b}件）"),
        (b, Lang::En) => format!("{done} ({b} not sent)"),
    }
}

/// The progress bar's words: the step out of four, then what happens.
pub fn phase(p: &Phase, reception: Option<&str>, lang: Lang) -> String {
    let r = reception.unwrap_or("-");
    match (p, lang) {
        (Phase::Starting, Lang::Ja) => "1/4 準備しています".into(),
        (Phase::Starting, Lang::En) => "1/4 getting ready".into(),
        (Phase::Uploading { rows }, Lang::Ja) => format!("2/4 {rows}件を送信しています"),
        (Phase::Uploading { rows }, Lang::En) => format!("2/4 sending {rows} rows"),
        (Phase::Waiting { polls }, Lang::Ja) => {
            format!("3/4 受付番号 {r}: 資格確認システムの処理を待っています（確認 {polls}回）")
        }
        (Phase::Waiting { polls }, Lang::En) => {
            format!("3/4 reception number {r}: waiting for the centre ({polls} checks so far)")
        }
        (Phase::Done(s), Lang::Ja) => format!("4/4 完了　{}", summary(s, lang)),
        (Phase::Done(s), Lang::En) => format!("4/4 finished: {}", summary(s, lang)),
        (Phase::Stopped(_), Lang::Ja) => "中断しました（保存済み）".into(),
        (Phase::Stopped(_), Lang::En) => "stopped (saved)".into(),
        (Phase::Failed(_), Lang::Ja) => "失敗しました".into(),
        (Phase::Failed(_), Lang::En) => "failed".into(),
    }
}

/// A short word for a job's state in the list.
fn phase_word(p: &Phase, lang: Lang) -> &'static str {
    match (p, lang) {
        (Phase::Starting, Lang::Ja) => "準備中",
        (Phase::Starting, Lang::En) => "starting",
        (Phase::Uploading { .. }, Lang::Ja) => "送信中",
        (Phase::Uploading { .. }, Lang::En) => "sending",
        (Phase::Waiting { .. }, Lang::Ja) => "結果待ち",
        (Phase::Waiting { .. }, Lang::En) => "waiting",
        (Phase::Done(_), Lang::Ja) => "完了",
        (Phase::Done(_), Lang::En) => "finished",
        (Phase::Stopped(_), Lang::Ja) => "中断",
        (Phase::Stopped(_), Lang::En) => "stopped",
        (Phase::Failed(_), Lang::Ja) => "失敗",
        (Phase::Failed(_), Lang::En) => "failed",
    }
}

/// One line of the job list: number, when (Japan time), rows, state.
pub fn job_line(j: &JobView, lang: Lang) -> String {
    let when = time::OffsetDateTime::parse(
        &j.created_at,
        &time::format_description::well_known::Rfc3339,
    )
    .map(|t| {
        let t = t.to_offset(crate::time::JST);
        format!(
            "{}/{} {:02}:{:02}",
            u8::from(t.month()),
            t.day(),
            t.hour(),
            t.minute()
        )
    })
    .unwrap_or_default();
    let state = phase_word(&j.phase, lang);
    match lang {
        Lang::Ja => format!("#{} {when}　{}件　{state}", j.id, j.rows),
        Lang::En => format!("#{} {when}  {} rows  {state}", j.id, j.rows),
    }
}

pub fn written(path: &std::path::Path, lang: Lang) -> String {
    say(
        &Say::Written {
            path: &path.display().to_string(),
        },
        lang,
    )
}

pub fn export_failed(path: &std::path::Path, e: &std::io::Error, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!(
            "{} に書き出せませんでした（{e}）。フォルダがあり書き込めるか確認して、もう一度押してください。",
            path.display()
        ),
        Lang::En => format!(
            "{} could not be written ({e}): check that the folder exists and is writable, then press Export again.",
            path.display()
        ),
    }
}

pub fn store_trouble(e: &crate::batch::StoreError, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!(
            "一括照会の保存先を使えません。保存先のフォルダと空き容量を確認して、アプリを起動し直してください。（{e}）"
        ),
        Lang::En => format!("{e}: restart the app once fixed."),
    }
}

/// `onshi batch`: the centre failed the batch; the same command sends the list again as a
/// new batch (a failed job is never resumed).
pub fn cli_failed(why: &str, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!(
            "資格確認システムがこの一括照会を処理できませんでした（{why}）。同じコマンドをもう一度実行すると、新しい一括照会として送信します。"
        ),
        Lang::En => format!(
            "The centre could not process this batch ({why}): run the same command again to send it as a new batch."
        ),
    }
}

/// `onshi batch`: the job store cannot be used.
pub fn cli_store(e: &crate::batch::StoreError, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!(
            "一括照会の保存先を使えません（{e}）。--store のフォルダと空き容量を確認して、同じコマンドをもう一度実行してください。保存済みの手順は残っています。"
        ),
        Lang::En => format!(
            "The batch store cannot be used ({e}): check the --store folder and free disk space, then run the same command again. Every saved step is kept."
        ),
    }
}

/// `onshi batch`: OUT.csv could not be written; the result is kept in the store.
pub fn cli_export_failed(path: &std::path::Path, e: &std::io::Error, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!(
            "{} に書き出せませんでした（{e}）。フォルダがあり書き込めるか確認して、同じコマンドをもう一度実行してください。結果は保存されています。",
            path.display()
        ),
        Lang::En => format!(
            "{} could not be written ({e}): check that the folder exists and is writable, then run the same command again; the result is kept.",
            path.display()
        ),
    }
}

/// The follow-ups of an answered row in words (empty when there are none): which of the
/// list's numbers the centre's differ from (「保険情報が変わっていないか」) and a changed
/// 限度額. No comma, so a script splitting the export on commas keeps its columns.
pub fn follow_up(f: &crate::batch::store::FollowUp, lang: Lang) -> String {
    use crate::batch::import::Column;
    let mut out = Vec::new();
    if !f.changed.is_empty() {
        let names: Vec<&str> = f
            .changed
            .iter()
            .map(|c| match (c, lang) {
                (Column::Insurer, Lang::Ja) => "保険者番号",
                (Column::Symbol, Lang::Ja) => "記号",
                (Column::Number, Lang::Ja) => "番号",
                (Column::Branch, Lang::Ja) => "枝番",
                (Column::Insurer, Lang::En) => "insurer number",
                (Column::Symbol, Lang::En) => "symbol",
                (Column::Number, Lang::En) => "number",
                (Column::Branch, Lang::En) => "branch",
                (_, Lang::Ja) => "その他",
                (_, Lang::En) => "other",
            })
            .collect();
        out.push(match lang {
            Lang::Ja => format!(
                "保険情報が変わっていないか確認してください（資格確認システムの{}が名簿と異なります）。",
                names.join("・")
            ),
            Lang::En => format!(
                "Check whether the insurance changed: the centre's {} differ from the list.",
                names.join(" / ")
            ),
        });
    }
    if f.limit_changed {
        out.push(match lang {
            Lang::Ja => "限度額適用認定証の情報が変わっています（または判定できません）。受付で確認してください。".into(),
            Lang::En => "The limit certificate information changed (or cannot be told): check it at reception.".into(),
        });
    }
    out.join(match lang {
        Lang::Ja => "",
        Lang::En => " ",
    })
}

// The words of a lower layer's type live here, beside the other words (the type's own
// module knows no language).
impl crate::batch::RowProblem {
    /// What to fix, in the clerk's language (never quotes the cell).
    pub fn message(&self, lang: Lang) -> String {
        problem(&self.problem, self.column, lang)
    }
}
