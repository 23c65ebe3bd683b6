//! English: the words of `i18n/desk_check.rs`, the same functions as `ja/desk_check.rs`.

use crate::i18n::desk_check::*;

pub(in crate::i18n) fn text(w: W) -> &'static str {
    use W::*;
    match w {
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
        RefnoLabel => "Reference number (patient ID card)",
        RefnoButton => "Register reference number",
        RefnoSending => "Registering…",
    }
}

pub(in crate::i18n) fn not_stored(why: &str) -> String {
    format!("This result is not in the history: {why}")
}

pub(in crate::i18n) fn refno_registered(number: &str) -> String {
    format!("Reference number {number} registered: it comes with every later check of this person.")
}

pub(in crate::i18n) fn writer_stopped() -> &'static str {
    "The history writer has stopped: restart the app."
}
