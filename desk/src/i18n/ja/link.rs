//! 日本語: the words of `i18n/link.rs` about the link itself (`onshi link`, the console).

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
