//! 日本語: the words of `i18n/desk_check.rs` (its types and the dispatch are there).

use crate::i18n::desk_check::*;

pub(in crate::i18n) fn text(w: W) -> &'static str {
    use W::*;
    match w {
        CheckTitle => "保険証・資格確認書で資格確認",
        CheckHint => {
            "保険証または資格確認書の番号（同じ記載です）を入力して Enter で照会します（Tab で次の項目へ）。"
        }
        LimitConsent => "限度額適用認定証関連情報の提供に同意あり",
        CheckButton => "照会する",
        Checking => "照会中…",
        Clear => "クリア",
        NoAnswerYet => "まだ照会していません。",
        NotReady => "入力内容を確認してください。",
        HistoryTitle => "照会履歴",
        KanaSearch => "カナ氏名",
        From => "開始日",
        To => "終了日",
        OutcomeFilter => "結果",
        AllOutcomes => "すべて",
        TodayButton => "本日",
        SearchButton => "検索",
        ColTime => "日時",
        ColMethod => "方法",
        ColOutcome => "結果",
        ColName => "氏名",
        ColKana => "カナ氏名",
        ColInsurer => "保険者",
        NoChecks => "該当する照会履歴はありません。",
        ChooseRow => "行を選ぶと結果を表示します。",
        WhenLabel => "照会日時",
        BadDate => "日付は YYYY-MM-DD で入力してください。",
        Storing => "履歴に保存しています…",
        HistoryIdLabel => "履歴番号",
        DateLabel => "資格確認日",
        DateToday => "空欄なら本日",
        AsOfLabel => "資格確認日",
        RefnoLabel => "照会番号（診察券番号）",
        RefnoButton => "照会番号を登録",
        RefnoSending => "登録しています…",
    }
}

pub(in crate::i18n) fn not_stored(why: &str) -> String {
    format!("この照会結果は履歴に保存されていません: {why}")
}

pub(in crate::i18n) fn refno_registered(number: &str) -> String {
    format!("照会番号 {number} を登録しました。この方の以後の資格確認の結果に付きます。")
}

pub(in crate::i18n) fn writer_stopped() -> &'static str {
    "照会履歴の書き込みが止まっています。アプリを再起動してください。"
}
