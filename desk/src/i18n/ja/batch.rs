//! 日本語: the words of `i18n/batch.rs` (its types and the dispatch are there).

use crate::batch::Column;
use crate::batch::import::Problem;
use crate::batch::import::SourceEncoding;
use crate::batch::store::RowOutcome;
use crate::batch::view::{ImportTrouble, JobView, Phase};
use crate::batch::{ImportError, RunError, Summary};
use crate::i18n::Label;
use crate::i18n::Lang;
use crate::i18n::batch::*;

pub(in crate::i18n) fn column(c: Column) -> &'static str {
    c.header()
}

pub(in crate::i18n) fn problem(p: &Problem, c: Column) -> String {
    match p {
        Problem::Id(e) => crate::i18n::id_error(Lang::Ja, e),
        Problem::MissingColumn => {
            format!(
                "{}の列がありません。行の区切り（カンマ）を確認してください。",
                column(c)
            )
        }
        Problem::NameTooLong { max } => {
            format!("患者氏名が長すぎます（{max}文字まで）。列がずれていないか確認してください。")
        }
        Problem::BadDate => {
            "予約日が日付として読めません。YYYY-MM-DD、YYYY/MM/DD または YYYYMMDD で入力してください。"
                .into()
        }
        Problem::PastDate => {
            "予約日が過ぎています。今日以降の日付にするか、空欄（今日）にしてください。".into()
        }
    }
}

pub(in crate::i18n) fn kind(o: &RowOutcome) -> &'static str {
    match o.kind() {
        Some(k) => crate::i18n::cli::outcome(Lang::Ja, k),
        None => "照会中",
    }
}

pub(in crate::i18n) fn reason(o: &RowOutcome) -> String {
    match o {
        RowOutcome::Valid | RowOutcome::Pending => String::new(),
        // 資格有効性 3: the list has the old card's numbers.
        RowOutcome::Invalid { reason, .. }
            if reason.as_deref() == Some(crate::history::NEW_QUALIFICATION) =>
        {
            "無効（新しい資格あり）: 保険が変わっています。受付で新しい保険証・資格確認書を確認するか、マイナ保険証で資格確認してください。".into()
        }
        RowOutcome::Invalid { lost_on, reason } => {
            let why = reason.as_deref().map(|c| {
                eligibility::codes::ReasonOfLoss::from_code(c)
                    .label(Lang::Ja)
                    .to_string()
            });
            let date = lost_on.as_deref().map(pretty_date);
            match (date, why) {
                (Some(d), Some(w)) => format!("資格喪失（{d}、{w}）。{CONFIRM_JA}"),
                (Some(d), None) => format!("資格喪失（{d}）。{CONFIRM_JA}"),
                (None, Some(w)) => format!("資格喪失（{w}）。{CONFIRM_JA}"),
                (None, None) => format!("資格喪失。{CONFIRM_JA}"),
            }
        }
        RowOutcome::NotFound => {
            format!("該当する資格がありません。保険証の記号・番号を確認してください。{CONFIRM_JA}")
        }
        RowOutcome::Multiple => {
            "複数の資格が該当しました。受付時に資格確認を行ってください。".into()
        }
        RowOutcome::Error { code, message } => {
            let msg = message.as_deref().unwrap_or("資格確認システムがエラーを返しました");
            match code {
                Some(c) => format!("{msg}（{c}）"),
                None => msg.to_string(),
            }
        }
        RowOutcome::Bad(p) => {
            let prefix = "未送信: ";
            format!("{prefix}{}", problem(&p.problem, p.column))
        }
    }
}

pub(in crate::i18n) fn confirm_date(r: &crate::batch::StoredRow) -> String {
    match (&r.outcome, r.confirm_date.as_deref()) {
        (RowOutcome::Bad(_), _) => String::new(),
        (_, Some(d)) => pretty_date(d),
        (_, None) => "当日".into(),
    }
}

pub(in crate::i18n) fn past_date(arg: &str) -> String {
    format!("--date {arg} は過ぎた日です。今日以降の日付を指定するか、省略（今日）してください。")
}

pub(in crate::i18n) fn export_header() -> [&'static str; 12] {
    [
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
    ]
}

pub(in crate::i18n) fn screen(k: Screen) -> &'static str {
    use Screen::*;
    match k {
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
    }
}

pub(in crate::i18n) fn encoding(e: SourceEncoding) -> &'static str {
    match e {
        SourceEncoding::Utf8 => "UTF-8（BOMなし）",
        SourceEncoding::Utf8Bom => "UTF-8（BOM付き）",
        SourceEncoding::ShiftJis => "Shift_JIS",
    }
}

pub(in crate::i18n) fn preview(good: usize, bad: usize, e: SourceEncoding) -> String {
    format!(
        "送信する行 {good}件、誤りのある行 {bad}件（送信しません）／文字コード {}",
        encoding(e)
    )
}

pub(in crate::i18n) fn import_trouble(t: &ImportTrouble) -> String {
    match t {
        ImportTrouble::Read(e) => match e.kind() {
            std::io::ErrorKind::NotFound => {
                "ファイルが見つかりません。パスを確認してください。".into()
            }
            std::io::ErrorKind::PermissionDenied => {
                "ファイルを読む権限がありません。ファイルの場所と権限を確認してください。".into()
            }
            _ => format!("ファイルを読めません（{e}）。パスを確認してください。"),
        }
        ImportTrouble::List(e) => match e {
            ImportError::NotText => "UTF-8でもShift_JISでもないファイルです。Excelで「CSV UTF-8」または「CSV（コンマ区切り）」で保存し直してください。".into(),
            ImportError::Empty => "患者の行がありません。見出しの下に1行以上入れてください。".into(),
            ImportError::UnclosedQuote { line } => format!(
                "{line}行目: 引用符（\"）が閉じていません。その行を確認して読み込み直してください。"
            ),
            ImportError::HeaderWithoutColumns => "見出しに保険者番号・番号・生年月日の列がありません。一括照会リストの見出し（患者氏名,保険者番号,記号,番号,枝番,生年月日）を付けてください。".into(),
        }
    }
}

pub(in crate::i18n) fn run_error(e: &RunError) -> String {
    match e {
        RunError::Centre(c) => format!(
            "{} 一括照会は保存されています。「再開」で続きから再開します。",
            crate::i18n::client_error(Lang::Ja, c)
        ),
        RunError::Store(_) => "一括照会の保存先に読み書きできません。ディスクの空きを確認して「再開」を押してください。保存済みの手順は残っています。".into(),
        RunError::Failed(w) => format!(
            "資格確認システムがこの一括照会を処理できませんでした（{w}）。リストを読み込み直して、新しい一括照会として送信してください。"
        ),
        RunError::NothingToSend => not_sendable(0, eligibility::client::BATCH_MAX),
        RunError::AlreadyDone => "この一括照会は完了しています。".into(),
    }
}

pub(in crate::i18n) fn summary(s: &Summary) -> String {
    let done = say(&Say::Done {
        valid: s.valid,
        invalid: s.invalid,
        error: s.error,
    });
    match s.bad {
        0 => done,
        b => format!("{done}（うち未送信 {b}件）"),
    }
}

pub(in crate::i18n) fn phase(p: &Phase, reception: Option<&str>) -> String {
    let r = reception.unwrap_or("-");
    match p {
        Phase::Starting => "1/4 準備しています".into(),
        Phase::Uploading { rows } => format!("2/4 {rows}件を送信しています"),
        Phase::Waiting { polls } => {
            format!("3/4 受付番号 {r}: 資格確認システムの処理を待っています（確認 {polls}回）")
        }
        Phase::Done(s) => format!("4/4 完了　{}", summary(s)),
        Phase::Stopped(_) => "中断しました（保存済み）".into(),
        Phase::Failed(_) => "失敗しました".into(),
    }
}

pub(in crate::i18n) fn phase_word(p: &Phase) -> &'static str {
    match p {
        Phase::Starting => "準備中",
        Phase::Uploading { .. } => "送信中",
        Phase::Waiting { .. } => "結果待ち",
        Phase::Done(_) => "完了",
        Phase::Stopped(_) => "中断",
        Phase::Failed(_) => "失敗",
    }
}

/// `when`: the job's creation, month/day hh:mm in Japan.
pub(in crate::i18n) fn job_line(j: &JobView, when: &str) -> String {
    let state = phase_word(&j.phase);
    format!("#{} {when}　{}件　{state}", j.id, j.rows)
}

pub(in crate::i18n) fn export_failed(path: &std::path::Path, e: &std::io::Error) -> String {
    format!(
        "{} に書き出せませんでした（{e}）。フォルダがあり書き込めるか確認して、もう一度押してください。",
        path.display()
    )
}

pub(in crate::i18n) fn store_trouble(e: &crate::batch::StoreError) -> String {
    format!(
        "一括照会の保存先を使えません。保存先のフォルダと空き容量を確認して、アプリを起動し直してください。（{e}）"
    )
}

/// `why`: the centre's failure, already in words.
pub(in crate::i18n) fn cli_centre(why: &str) -> String {
    format!(
        "{why} 一括照会は保存されています。同じコマンドをもう一度実行すると続きから再開します。"
    )
}

pub(in crate::i18n) fn count(kind: &str, n: usize) -> String {
    format!("{kind} {n}件")
}

pub(in crate::i18n) fn cli_failed(why: &str) -> String {
    format!(
        "資格確認システムがこの一括照会を処理できませんでした（{why}）。同じコマンドをもう一度実行すると、新しい一括照会として送信します。"
    )
}

pub(in crate::i18n) fn cli_store(e: &crate::batch::StoreError) -> String {
    format!(
        "一括照会の保存先を使えません（{e}）。--store のフォルダと空き容量を確認して、同じコマンドをもう一度実行してください。保存済みの手順は残っています。"
    )
}

pub(in crate::i18n) fn cli_export_failed(path: &std::path::Path, e: &std::io::Error) -> String {
    format!(
        "{} に書き出せませんでした（{e}）。フォルダがあり書き込めるか確認して、同じコマンドをもう一度実行してください。結果は保存されています。",
        path.display()
    )
}

pub(in crate::i18n) fn say(s: &Say<'_>) -> String {
    match s {
        Say::BadRow {
            line,
            column: c,
            reason,
        } => format!("{line}行目 {}: {reason}", column(*c)),
        Say::Imported { good, bad } => {
            format!("読み込み: 送信する行 {good}件、誤りのある行 {bad}件（送信しません）")
        }
        Say::Resuming { reception: Some(r) } => {
            format!("前回の一括照会（受付番号 {r}）の結果を待ちます")
        }
        Say::Resuming { reception: None } => {
            "前回送信できなかった一括照会を、同じ識別子で送り直します".into()
        }
        Say::Uploading { rows } => format!("{rows}件を送信しています"),
        Say::Accepted { reception } => format!("受付番号 {reception}"),
        Say::Waiting => "結果を待っています".into(),
        Say::Done {
            valid,
            invalid,
            error,
        } => format!("結果: 有効 {valid}件、無効 {invalid}件、エラー {error}件"),
        Say::Written { path } => {
            format!("{path} に書き出しました（UTF-8 BOM付き、Excelで開けます）")
        }
    }
}

/// No row to send (`good` 0), or more than `max`.
pub(in crate::i18n) fn not_sendable(good: usize, max: usize) -> String {
    if good == 0 {
        "送信できる行がありません。誤りのある行を直して読み込み直してください。".into()
    } else {
        format!("一括照会は{max}件までです（{good}件）。リストを分けて読み込んでください。")
    }
}

pub(in crate::i18n) fn follow_up(f: &crate::batch::store::FollowUp) -> String {
    use crate::batch::import::Column;
    let mut out = Vec::new();
    if !f.changed.is_empty() {
        let names: Vec<&str> = f
            .changed
            .iter()
            .map(|c| match c {
                Column::Insurer => "保険者番号",
                Column::Symbol => "記号",
                Column::Number => "番号",
                Column::Branch => "枝番",
                _ => "その他",
            })
            .collect();
        out.push(format!(
            "保険情報が変わっていないか確認してください（資格確認システムの{}が名簿と異なります）。",
            names.join("・")
        ));
    }
    if f.limit_changed {
        out.push(
            "限度額適用認定証の情報が変わっています（または判定できません）。受付で確認してください。"
                .to_string(),
        );
    }
    out.join("")
}
