//! English: the words of `i18n/cli.rs`, the same functions as `ja/cli.rs`.

use crate::history::{ConsentKind, HistoryError, Method, Outcome};
use crate::i18n::cli::*;

pub(in crate::i18n) fn word(w: Word) -> &'static str {
    use Word::*;
    match w {
        Outcome => "Outcome",
        Reason => "Reason",
        When => "When",
        How => "Method",
        Name => "Name",
        Kana => "Name (kana)",
        Birth => "Date of birth",
        Sex => "Sex",
        Insurer => "Insurer number",
        InsurerName => "Insurer",
        Symbol => "Symbol",
        Number => "Number",
        Branch => "Branch",
        Ratio => "Co-payment",
        ValidUntil => "Valid until",
        LimitCategory => "Limit category",
        Consents => "Consents",
        Agreed => "agreed",
        NotAgreed => "not agreed",
        NoChecks => "No checks match.",
        NotFound => {
            "No qualification found: compare the numbers and the birth date with the insurance card."
        }
        Multiple => "Several people match: enter the branch number and check again.",
        NotStored => "The result could not be saved in the history",
        HistoryId => "History id",
        InvalidNew => "invalid (a newer qualification exists)",
        NewQualification => {
            "The patient changed insurer: ask for the new insurance card or eligibility certificate, or check with the My Number card."
        }
        AsOf => "Eligibility as of",
        ValidUnregistered => "valid (not registered)",
        TicketUnregistered => {
            "Medical assistance: the welfare office has not registered the medical ticket yet (they do about the 15th of each month). Ask the welfare office, or check again later."
        }
        PublicExpense => "Public expense payer number",
        Beneficiary => "Recipient number",
        WelfareOffice => "Welfare office",
        MedicalTicket => "Medical ticket",
    }
}

pub(in crate::i18n) fn outcome(o: Outcome) -> &'static str {
    match o {
        Outcome::Valid => "valid",
        Outcome::Invalid => "invalid",
        Outcome::Error => "error",
    }
}

pub(in crate::i18n) fn method(m: Method) -> &'static str {
    match m {
        Method::CardPin => "My Number card (PIN)",
        Method::CardFace => "My Number card (face)",
        Method::CardVisual => "My Number card (staff check)",
        Method::InsuranceCard => "insurance card",
        Method::Batch => "batch",
    }
}

pub(in crate::i18n) fn consent(k: ConsentKind) -> &'static str {
    match k {
        ConsentKind::Limit => "limit certificate",
        ConsentKind::SpecificDiseases => "specific diseases",
        ConsentKind::Drug => "drug information",
        ConsentKind::Checkup => "health checkups",
        ConsentKind::Diagnosis => "diagnosis information",
        ConsentKind::Surgery => "surgery information",
    }
}

pub(in crate::i18n) fn sex(code: &str) -> String {
    match code {
        "1" => "male".into(),
        "2" => "female".into(),
        other => other.into(),
    }
}

pub(in crate::i18n) fn ratio(code: &str) -> String {
    match code.trim().parse::<u32>() {
        Ok(p) => format!("{p}%"),
        Err(_) => code.into(),
    }
}

pub(in crate::i18n) fn config_error(detail: &str) -> String {
    format!("the settings cannot be used: {detail}")
}

pub(in crate::i18n) fn history_error(e: &HistoryError) -> String {
    e.to_string()
}

pub(in crate::i18n) fn stdin_problem(p: &crate::numbers::StdinProblem) -> String {
    use crate::numbers::{STDIN_MAX, StdinProblem as P};
    match p {
        P::Read => "standard input cannot be read.".into(),
        P::TooLong => format!(
            "standard input is too long (at most {STDIN_MAX} bytes): give one JSON object with the request."
        ),
        P::NotJson { line, column } => format!(
            "standard input is not a JSON object (line {line}, column {column}): see the example in `onshi check --help`."
        ),
        P::UnknownKey(k) => format!(
            "the JSON on standard input has an unknown key \"{k}\": the keys are insurer, symbol, number, branch, birth, limit_consent."
        ),
        P::MissingKey(k) => {
            format!("the JSON on standard input has no \"{k}\" key.")
        }
        P::WrongType { line, column } => format!(
            "a value in the JSON on standard input has the wrong type (line {line}, column {column}): give every value as a string in quotes (\"01130012\"), limit_consent as true or false."
        ),
    }
}

pub(in crate::i18n) fn bad_date(arg: &str) -> String {
    format!("{arg} is not a date: write it YYYY-MM-DD.")
}

/// `span`: the validity, `from〜until`, or empty.
pub(in crate::i18n) fn ticket(issue: &str, span: &str) -> String {
    if span.is_empty() {
        format!("issue number {issue}")
    } else {
        format!("issue number {issue} ({span})")
    }
}
