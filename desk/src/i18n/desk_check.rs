//! The words of the insurance-card check tab and the history tab, Japanese first and English
//! complete: one exhaustive `match` per language, as for the screens. Outcome and method names
//! and the history's errors come from [`super::cli`], so the console and the CLI say the same.

use super::Lang;

/// Fixed strings of the two tabs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum W {
    CheckTitle,
    CheckHint,
    LimitConsent,
    CheckButton,
    Checking,
    Clear,
    NoAnswerYet,
    NotReady,
    HistoryTitle,
    KanaSearch,
    From,
    To,
    OutcomeFilter,
    AllOutcomes,
    TodayButton,
    SearchButton,
    ColTime,
    ColMethod,
    ColOutcome,
    ColName,
    ColKana,
    ColInsurer,
    NoChecks,
    ChooseRow,
    WhenLabel,
    BadDate,
    Storing,
    HistoryIdLabel,
    /// 資格確認日 field of the check form.
    DateLabel,
    /// Beside it while empty.
    DateToday,
    /// The result row of a check asked for another day.
    AsOfLabel,
}

pub fn text(lang: Lang, w: W) -> &'static str {
    use W::*;
    match lang {
        Lang::Ja => match w {
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
        },
        Lang::En => match w {
            CheckTitle => "Check by insurance card or eligibility certificate",
            CheckHint => {
                "Type the numbers of the insurance card or the eligibility certificate (資格確認書, the same numbers) and press Enter to check (Tab for the next field)."
            }
            LimitConsent => "The patient agrees to share the limit certificate information",
            CheckButton => "Check",
            Checking => "Checking…",
            Clear => "Clear",
            NoAnswerYet => "Nothing checked yet.",
            NotReady => "Check the fields marked above.",
            HistoryTitle => "Check history",
            KanaSearch => "Name (kana)",
            From => "From",
            To => "To",
            OutcomeFilter => "Outcome",
            AllOutcomes => "all",
            TodayButton => "Today",
            SearchButton => "Search",
            ColTime => "Time",
            ColMethod => "Method",
            ColOutcome => "Outcome",
            ColName => "Name",
            ColKana => "Kana",
            ColInsurer => "Insurer",
            NoChecks => "No checks match.",
            ChooseRow => "Choose a row to see its result.",
            WhenLabel => "Checked at",
            BadDate => "Type dates as YYYY-MM-DD.",
            Storing => "Saving to the history…",
            HistoryIdLabel => "History id",
            DateLabel => "Eligibility on",
            DateToday => "empty: today",
            AsOfLabel => "Eligibility as of",
        },
    }
}

/// The line under a result that could not be stored.
pub fn not_stored(lang: Lang, why: &str) -> String {
    match lang {
        Lang::Ja => format!("この照会結果は履歴に保存されていません: {why}"),
        Lang::En => format!("This result is not in the history: {why}"),
    }
}

/// The history writer thread is gone (it could not start, or stopped).
pub fn writer_stopped(lang: Lang) -> &'static str {
    match lang {
        Lang::Ja => "照会履歴の書き込みが止まっています。アプリを再起動してください。",
        Lang::En => "The history writer has stopped: restart the app.",
    }
}
