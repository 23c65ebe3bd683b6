//! Turning what the centre answered (or why it did not) into the [`CheckRecord`] the history
//! stores: the verdict into 有効 / 無効 / エラー with a reason code, the first qualification's
//! fields the clerk sees, and the consents with the centre's times.

use super::{CheckRecord, Consent, ConsentKind, Method, Outcome, Person, Reason};
use crate::time::centre_time;
use eligibility::client::Verdict;
use eligibility::codes::{ConsentFlag, LimitConsent, QualificationValidity};
use eligibility::xml::{ResultOfQualificationConfirmation, SearchInfo, text};
use eligibility::{ClientError, Eligibility};
use time::OffsetDateTime;

fn own(s: &Option<String>) -> Option<String> {
    text(s)
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

/// The typed numbers, for a check the centre could not answer.
fn person_of_search(s: &SearchInfo) -> Person {
    Person {
        birth_date: Some(s.birthdate.wire()),
        insurer_number: Some(s.insurer_number.digits().to_string()),
        card_symbol: s
            .insured_card_symbol
            .as_ref()
            .map(|v| v.as_str().to_string()),
        card_number: Some(s.insured_identification_number.as_str().to_string()),
        branch: s
            .insured_branch_number
            .as_ref()
            .map(|v| v.as_str().to_string()),
        ..Person::default()
    }
}

/// The person of a result checked for the day `on` (the ratio depends on the day: the
/// centre states one only where the card does, see `eligibility::client::copay_ratio`).
fn person_of_result(r: &ResultOfQualificationConfirmation, on: time::Date) -> Person {
    let ticket = r.medical_tickets.as_ref().and_then(|l| l.items.first());
    Person {
        name: own(&r.name),
        name_kana: own(&r.name_kana),
        birth_date: own(&r.birthdate),
        sex: r.sex1.as_ref().map(|s| s.code().to_string()),
        insurer_number: own(&r.insurer_number),
        insurer_name: own(&r.insurer_name),
        card_symbol: own(&r.insured_card_symbol),
        card_number: own(&r.insured_identification_number),
        branch: own(&r.insured_branch_number),
        personal_family: r
            .personal_family_classification
            .as_ref()
            .map(|p| p.code().to_string()),
        contribution_ratio: eligibility::client::copay_ratio(r, on),
        valid_until: own(&r.insured_card_expiration_date),
        limit_category: r
            .limit_info
            .as_ref()
            .and_then(|l| l.category.as_ref())
            .map(|c| c.code().to_string()),
        public_expense_number: own(&r.public_expense_number),
        beneficiary_number: own(&r.beneficiary_number),
        welfare_office: own(&r.welfare_office_name),
        ticket_issue_number: ticket.and_then(|t| own(&t.issue_number)),
        ticket_valid_from: ticket.and_then(|t| own(&t.valid_date)),
        ticket_valid_until: ticket.and_then(|t| own(&t.expiration_date)),
        prescription_issue: None,
    }
}

fn consents_of_result(r: &ResultOfQualificationConfirmation) -> Vec<Consent> {
    let flag = |kind, f: &Option<ConsentFlag>, at: &Option<String>| {
        f.as_ref().map(|f| Consent {
            kind,
            agreed: *f == ConsentFlag::Yes,
            at: centre_time(at),
        })
    };
    let limit = r.limit_consent.as_ref().map(|f| Consent {
        kind: ConsentKind::Limit,
        agreed: *f == LimitConsent::Agreed,
        at: centre_time(&r.limit_consent_time),
    });
    [
        limit,
        flag(
            ConsentKind::SpecificDiseases,
            &r.specific_diseases_consent,
            &r.specific_diseases_consent_time,
        ),
        flag(
            ConsentKind::Drug,
            &r.pharmacists_consent,
            &r.pharmacists_consent_time,
        ),
        flag(
            ConsentKind::Checkup,
            &r.checkups_consent,
            &r.checkups_consent_time,
        ),
        flag(
            ConsentKind::Diagnosis,
            &r.diagnosis_consent,
            &r.diagnosis_consent_time,
        ),
        flag(
            ConsentKind::Surgery,
            &r.operation_consent,
            &r.operation_consent_time,
        ),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// The record of an answered check. `asked` is the typed search of an insurance-card check:
/// its numbers fill in a record the centre returned no person for (無効 / 該当なし / エラー).
pub fn from_eligibility(
    at: OffsetDateTime,
    method: Method,
    e: &Eligibility,
    asked: Option<&SearchInfo>,
) -> CheckRecord {
    let (outcome, reason_code, reason_message) = match &e.verdict {
        // 医療扶助 whose 医療券 is not registered yet (「未委託・未登録」): 有効, said apart.
        Verdict::Valid if e.validity == Some(QualificationValidity::ValidUnregistered) => {
            (Outcome::Valid, Some(Reason::Unregistered), None)
        }
        Verdict::Valid => (Outcome::Valid, None, None),
        // 無効（新しい資格あり）: the patient changed insurer; the clerk asks for the new one.
        Verdict::Invalid { .. }
            if e.validity == Some(QualificationValidity::InvalidNewQualification) =>
        {
            (Outcome::Invalid, Some(Reason::NewQualification), None)
        }
        Verdict::Invalid { reason } => (
            Outcome::Invalid,
            Some(reason.clone().map_or(Reason::Invalid, Reason::Loss)),
            None,
        ),
        Verdict::NotFound => (Outcome::Invalid, Some(Reason::NotFound), None),
        Verdict::Multiple => (Outcome::Error, Some(Reason::Multiple), None),
        Verdict::Error { code, message } => (
            Outcome::Error,
            Some(code.clone().map_or(Reason::CentreError, Reason::Centre)),
            message.clone(),
        ),
    };
    // 複数該当 lists several people: the record keeps only what was asked, not a guess.
    let first = (e.verdict != Verdict::Multiple)
        .then(|| e.results.first())
        .flatten();
    let (person, consents) = match (first, asked) {
        (Some(r), _) => {
            let on = text(&e.response.header.qualification_confirmation_date)
                .and_then(eligibility::ids::parse_yyyymmdd)
                .unwrap_or_else(|| crate::time::day_of(at));
            (person_of_result(r, on), consents_of_result(r))
        }
        (None, Some(s)) => (person_of_search(s), Vec::new()),
        (None, None) => (Person::default(), Vec::new()),
    };
    // The patient's 処方箋発行形態 as the centre echoes it (the body, not a qualification).
    let person = Person {
        prescription_issue: e
            .response
            .body
            .prescription_issue_select
            .as_ref()
            .map(|p| p.code().to_string()),
        ..person
    };
    CheckRecord {
        at,
        method,
        outcome,
        reason_code: reason_code.map(|r| r.code()),
        reason_message,
        person,
        consents,
    }
}

/// The short code of a client error, stored as the エラー's reason.
pub fn error_code(e: &ClientError) -> String {
    Reason::of_client_error(e).code()
}

/// The record of a check the centre did not answer (an エラー).
pub fn from_client_error(
    at: OffsetDateTime,
    method: Method,
    e: &ClientError,
    asked: Option<&SearchInfo>,
) -> CheckRecord {
    let reason_message = match e {
        ClientError::Rejected { message, .. } if !message.is_empty() => Some(message.clone()),
        _ => None,
    };
    CheckRecord {
        at,
        method,
        outcome: Outcome::Error,
        reason_code: Some(error_code(e)),
        reason_message,
        person: asked.map(person_of_search).unwrap_or_default(),
        consents: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use crate::time::{centre_time, centre_time_text};

    #[test]
    fn centre_times_are_japan_time() {
        let t = centre_time(&Some("20261123101502".into())).unwrap();
        assert_eq!(t, time::macros::datetime!(2026-11-23 01:15:02 UTC));
        assert_eq!(centre_time(&Some("2026112310".into())), None);
        assert_eq!(centre_time(&Some("20261332101502".into())), None);
        assert_eq!(centre_time_text(t), "20261123101502");
    }
}
