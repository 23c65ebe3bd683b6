//! 日本語: the words of `i18n/link.rs` about the link itself (`onshi link`, the console).

use crate::i18n::Lang;
use crate::link::refno::{ListProblem, RowProblem};
use crate::link::{LinkView, NotRun};

pub(in crate::i18n) fn not_run(why: &NotRun) -> String {
    match why {
        NotRun::NotSet => {
            "設定ファイルに [link] がありません。[link] に folder（req・res・face を置くフォルダ）を書いてください。".into()
        }
        NotRun::Disabled => {
            "[link] が enabled = false のため連携は動きません。動かすには enabled = true にしてください。".into()
        }
        NotRun::Busy { pid: Some(pid) } => format!(
            "このフォルダは別の端末（pid {pid}）が連携に使っています。そちらを止めるか、別のフォルダを指定してください。"
        ),
        NotRun::Busy { pid: None } => {
            "このフォルダは別の端末が連携に使っています。そちらを止めるか、別のフォルダを指定してください。".into()
        }
        NotRun::Unusable(e) => format!(
            "連携フォルダまたはジャーナルが使えません（{e}）。フォルダの場所と権限を確認してください。"
        ),
    }
}

pub(in crate::i18n) fn serving(folder: &str) -> String {
    format!("{folder} で連携を開始しました。SIGTERM（systemctl stop）で止まります。")
}

pub(in crate::i18n) fn stopped() -> &'static str {
    "連携を停止しました。"
}

pub(in crate::i18n) fn state_line(view: &LinkView) -> String {
    match view {
        LinkView::Running(s) => {
            let mut line = format!(
                "連携: 動作中・回答待ち {}件・書き込み待ち {}件",
                s.queued, s.unwritten
            );
            if let Some(e) = &s.last_error {
                line.push_str(&format!("・直近のエラー: {e}"));
            }
            line
        }
        LinkView::NotRunning(why) => format!("連携: 停止中（{}）", not_run(why)),
    }
}

pub(in crate::i18n) fn refno_row(line: Option<usize>, p: &RowProblem) -> String {
    let at = line.map(|n| format!("{n}行目: ")).unwrap_or_default();
    let what = match p {
        RowProblem::ReferenceNumber(_) => {
            "照会番号が使えません。1〜50文字で、制御文字を含めないでください。".to_string()
        }
        RowProblem::Id(e) => crate::i18n::Message::message(e, Lang::Ja),
        RowProblem::Columns { got } => format!(
            "列が{got}個あります。照会番号,保険者番号,記号,番号,枝番,生年月日 の6列にしてください。"
        ),
    };
    format!("{at}{what}")
}

pub(in crate::i18n) fn refno_list(p: &ListProblem) -> String {
    match p {
        ListProblem::Unreadable(e) => {
            format!("一覧を読めません（{e}）。ファイルの場所を確認してください。")
        }
        ListProblem::Encoding => {
            "一覧の文字コードが読めません。UTF-8 か Shift_JIS で保存してください。".into()
        }
        ListProblem::Empty => "一覧に行がありません。".into(),
        ListProblem::TooMany { max, got } => {
            format!("一覧が{got}行あります。一度に{max}行までにしてください。")
        }
        ListProblem::Rows(rows) => format!(
            "送れない行が{}行あるため、何も登録していません。直してからもう一度実行してください。",
            rows.len()
        ),
    }
}

pub(in crate::i18n) fn refno_done(registered: usize, sent: usize) -> String {
    format!("照会番号を{sent}件中{registered}件登録しました。")
}

pub(in crate::i18n) fn refno_refused(number: &str, code: &str, message: &str) -> String {
    format!("照会番号 {number} は登録されませんでした: {code} {message}")
}
