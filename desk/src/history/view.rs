//! The one model of a check result as the clerk sees it: the verdict (有効 / 無効 / エラー
//! and the case it is said as), how the patient was confirmed, the qualification's fields and
//! the consents. It is built from a centre reply (a card visit or an insurance-card check
//! just answered) and from a history row (a check read back), so the result panel, the
//! history tab and the 一括照会 rows draw one shape instead of the history rebuilding a fake
//! centre reply. Typed fields and no words: the screens word them through `i18n`.

use super::{ConsentKind, Entry, Method as StoredMethod, Outcome, Reason};
use crate::flow::{Method, Trouble, VisitResult};
use eligibility::Verdict;
use eligibility::codes::{
    LimitCategory, LimitCertificateClass, PersonalFamily, PrescriptionIssue, QualificationValidity,
    ReasonOfLoss, Sex, SpecificDisease,
};
use eligibility::xml::{ResultOfQualificationConfirmation, text};

/// The colour family of a result: what a badge is filled with. Every result kind of the desk
/// (a verdict, a stored outcome, a 一括照会 row) falls into one of these.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Valid,
    Invalid,
    Error,
    /// Not answered yet (a 一括照会 row still waiting).
    Pending,
}

impl From<Outcome> for Tone {
    fn from(o: Outcome) -> Tone {
        match o {
            Outcome::Valid => Tone::Valid,
            Outcome::Invalid => Tone::Invalid,
            Outcome::Error => Tone::Error,
        }
    }
}

/// The verdict in the cases the clerk is told apart.
#[derive(Debug, Clone, PartialEq)]
pub enum Shown {
    Valid,
    /// 有効（未登録）: 医療扶助 whose 医療券 the 福祉事務所 has not registered yet.
    ValidUnregistered,
    /// 無効（新しい資格あり）: a newer qualification exists.
    InvalidNew,
    /// 無効, with the 資格喪失事由 when the centre gave one.
    Invalid(Option<ReasonOfLoss>),
    /// 該当資格なし.
    NotFound,
    /// 複数該当.
    Multiple,
    /// The centre answered with an error (its code and message as sent).
    CentreError {
        code: Option<String>,
        message: Option<String>,
    },
    /// No answer: why.
    Trouble(Trouble),
}

impl Shown {
    pub fn tone(&self) -> Tone {
        match self {
            Shown::Valid | Shown::ValidUnregistered => Tone::Valid,
            Shown::InvalidNew | Shown::Invalid(_) | Shown::NotFound => Tone::Invalid,
            Shown::Multiple | Shown::CentreError { .. } | Shown::Trouble(_) => Tone::Error,
        }
    }
}

/// 高齢受給者証: 負担割合 (3 digits) and its period (YYYYMMDD).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Elderly {
    pub ratio: Option<String>,
    pub from: Option<String>,
    pub until: Option<String>,
}

/// 限度額適用認定証: its category and class, and its period (YYYYMMDD).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Limit {
    pub category: Option<LimitCategory>,
    pub class: Option<LimitCertificateClass>,
    pub from: Option<String>,
    pub until: Option<String>,
}

/// The first 医療券 / 調剤券: 交付番号 and its period (YYYYMMDD).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Ticket {
    pub issue_number: Option<String>,
    pub from: Option<String>,
    pub until: Option<String>,
}

/// 医療扶助's part: the 福祉事務所 and the 医療券.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Welfare {
    pub public_expense_number: Option<String>,
    pub beneficiary_number: Option<String>,
    pub office: Option<String>,
    pub ticket: Option<Ticket>,
}

/// The qualification's fields. Text is trimmed, and `None` where the centre (or the row)
/// has nothing; dates are YYYYMMDD as the centre writes them.
#[derive(Clone, Default, PartialEq)]
pub struct Qualification {
    pub name: Option<String>,
    pub kana: Option<String>,
    pub birth_date: Option<String>,
    pub sex: Option<Sex>,
    pub insurer_number: Option<String>,
    pub insurer_name: Option<String>,
    pub symbol: Option<String>,
    pub number: Option<String>,
    pub branch: Option<String>,
    pub personal_family: Option<PersonalFamily>,
    pub qualification_date: Option<String>,
    /// 有効終了年月日 (none is common: 社保 cards).
    pub valid_until: Option<String>,
    /// 負担割合, 3 digits (030 = 3割).
    pub ratio: Option<String>,
    pub elderly: Option<Elderly>,
    pub limit: Option<Limit>,
    pub diseases: Vec<SpecificDisease>,
    /// Only for 医療扶助.
    pub welfare: Option<Welfare>,
}

// Personal data never reaches a log through `{:?}`.
impl std::fmt::Debug for Qualification {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Qualification(**)")
    }
}

/// One consent: the patient's answer (`None`: not asked) and the centre's time of it
/// (YYYYMMDDhhmmss, when the centre reports one).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ConsentShown {
    pub answer: Option<bool>,
    pub at: Option<String>,
}

/// The consents of the check.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ConsentsShown {
    pub drug: ConsentShown,
    pub diagnosis: ConsentShown,
    pub checkup: ConsentShown,
    pub surgery: ConsentShown,
    pub limit: Option<bool>,
}

/// A check result as the clerk sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct ResultView {
    pub shown: Shown,
    /// How the card holder was confirmed; `None` for an insurance-card or 一括 check.
    pub method: Option<Method>,
    /// The qualification the verdict was read from (none when there was no answer).
    pub qualification: Option<Qualification>,
    pub consents: ConsentsShown,
    /// 処方箋発行形態 the patient chose (`None`: not asked).
    pub prescription: Option<PrescriptionIssue>,
    /// The card's 利用者証明用電子証明書 expires within three months.
    pub certificate_expires_soon: bool,
}

fn own(v: &Option<String>) -> Option<String> {
    text(v).map(str::to_string)
}

impl Qualification {
    fn of_centre(q: &ResultOfQualificationConfirmation) -> Qualification {
        Qualification {
            name: own(&q.name),
            kana: own(&q.name_kana),
            birth_date: own(&q.birthdate),
            sex: q.sex1.clone(),
            insurer_number: own(&q.insurer_number),
            insurer_name: own(&q.insurer_name),
            symbol: own(&q.insured_card_symbol),
            number: own(&q.insured_identification_number),
            branch: own(&q.insured_branch_number),
            personal_family: q.personal_family_classification.clone(),
            qualification_date: own(&q.qualification_date),
            valid_until: own(&q.insured_card_expiration_date),
            // The centre states a ratio only where the card does: the rest is the law's rule.
            ratio: eligibility::client::copay_ratio(q, crate::time::today()),
            elderly: q.elderly_recipient.as_ref().map(|e| Elderly {
                ratio: own(&e.contribution_ratio),
                from: own(&e.valid_start_date),
                until: own(&e.valid_end_date),
            }),
            limit: q.limit_info.as_ref().map(|l| Limit {
                category: l.category.clone(),
                class: l.classification.clone(),
                from: own(&l.valid_start_date),
                until: own(&l.valid_end_date),
            }),
            diseases: q
                .specific_diseases
                .as_ref()
                .map(|l| l.items.iter().filter_map(|i| i.category.clone()).collect())
                .unwrap_or_default(),
            // The centre sends the 医療扶助 part only for 医療扶助 (even when empty).
            welfare: (q.public_expense_number.is_some() || q.welfare_office_name.is_some()).then(
                || Welfare {
                    public_expense_number: own(&q.public_expense_number),
                    beneficiary_number: own(&q.beneficiary_number),
                    office: own(&q.welfare_office_name),
                    ticket: q
                        .medical_tickets
                        .as_ref()
                        .and_then(|l| l.items.first())
                        .map(|t| Ticket {
                            issue_number: own(&t.issue_number),
                            from: own(&t.valid_date),
                            until: own(&t.expiration_date),
                        }),
                },
            ),
        }
    }
}

impl ResultView {
    /// A visit's (or an insurance-card check's) result as the centre answered it.
    pub fn of_visit(r: &VisitResult) -> ResultView {
        let shown = match &r.outcome {
            Err(t) => Shown::Trouble(t.clone()),
            Ok(e) => match &e.verdict {
                Verdict::Valid if e.validity == Some(QualificationValidity::ValidUnregistered) => {
                    Shown::ValidUnregistered
                }
                Verdict::Valid => Shown::Valid,
                Verdict::Invalid { .. }
                    if e.validity == Some(QualificationValidity::InvalidNewQualification) =>
                {
                    Shown::InvalidNew
                }
                Verdict::Invalid { reason } => Shown::Invalid(reason.clone()),
                Verdict::NotFound => Shown::NotFound,
                Verdict::Multiple => Shown::Multiple,
                Verdict::Error { code, message } => Shown::CentreError {
                    code: code.clone(),
                    message: message.clone(),
                },
            },
        };
        // The same qualification the verdict (and its reason) was read from.
        let q = r.outcome.as_ref().ok().and_then(|e| e.results.first());
        let at = |pick: fn(&ResultOfQualificationConfirmation) -> &Option<String>| {
            q.and_then(|q| own(pick(q)))
        };
        let c = &r.consents;
        ResultView {
            shown,
            method: r.method,
            qualification: q.map(Qualification::of_centre),
            consents: ConsentsShown {
                drug: ConsentShown {
                    answer: c.drug,
                    at: at(|q| &q.pharmacists_consent_time),
                },
                diagnosis: ConsentShown {
                    answer: c.diagnosis,
                    at: at(|q| &q.diagnosis_consent_time),
                },
                checkup: ConsentShown {
                    answer: c.checkup,
                    at: at(|q| &q.checkups_consent_time),
                },
                surgery: ConsentShown {
                    answer: c.surgery,
                    at: at(|q| &q.operation_consent_time),
                },
                limit: c.limit,
            },
            // The patient's own choice; the centre only echoes it.
            prescription: c.prescription.map(crate::flow::PrescriptionForm::wire),
            certificate_expires_soon: r.certificate_expires_soon,
        }
    }

    /// A stored check read back from the history: what the history holds, no more (no
    /// 資格取得日, 高齢受給者証 or 特定疾病 are stored).
    pub fn of_entry(e: &Entry) -> ResultView {
        let c = &e.check;
        let p = &c.person;
        let method = match c.method {
            StoredMethod::CardPin => Some(Method::Pin),
            StoredMethod::CardFace => Some(Method::Face),
            StoredMethod::CardVisual => Some(Method::Visual),
            StoredMethod::InsuranceCard | StoredMethod::Batch => None,
        };
        let trouble = |t| Shown::Trouble(Trouble::Centre(t));
        let shown = match (c.outcome, c.reason()) {
            (Outcome::Valid, Some(Reason::Unregistered)) => Shown::ValidUnregistered,
            (Outcome::Valid, _) => Shown::Valid,
            (Outcome::Invalid, Some(Reason::NotFound)) => Shown::NotFound,
            (Outcome::Invalid, Some(Reason::NewQualification)) => Shown::InvalidNew,
            (Outcome::Invalid, Some(Reason::Loss(r))) => Shown::Invalid(Some(r)),
            (Outcome::Invalid, _) => Shown::Invalid(None),
            (Outcome::Error, Some(Reason::Multiple)) => Shown::Multiple,
            // A failure to reach the centre reads as the reception console words it.
            (Outcome::Error, r) => match r.as_ref().and_then(Reason::centre_trouble) {
                Some(t) => trouble(t),
                None => Shown::CentreError {
                    code: c.reason_code.clone(),
                    message: c.reason_message.clone(),
                },
            },
        };
        let mut consents = ConsentsShown::default();
        for k in &c.consents {
            let shown = ConsentShown {
                answer: Some(k.agreed),
                at: k.at.map(crate::time::centre_time_text),
            };
            match k.kind {
                ConsentKind::Limit => consents.limit = Some(k.agreed),
                ConsentKind::Drug => consents.drug = shown,
                ConsentKind::Checkup => consents.checkup = shown,
                ConsentKind::Diagnosis => consents.diagnosis = shown,
                ConsentKind::Surgery => consents.surgery = shown,
                ConsentKind::SpecificDiseases => {}
            }
        }
        // A check with no answer has no qualification to show.
        let qualification = (!matches!(shown, Shown::Trouble(_))).then(|| Qualification {
            name: own(&p.name),
            kana: own(&p.name_kana),
            birth_date: own(&p.birth_date),
            sex: p.sex.as_deref().map(Sex::from_code),
            insurer_number: own(&p.insurer_number),
            insurer_name: own(&p.insurer_name),
            symbol: own(&p.card_symbol),
            number: own(&p.card_number),
            branch: own(&p.branch),
            personal_family: p.personal_family.as_deref().map(PersonalFamily::from_code),
            qualification_date: None,
            valid_until: own(&p.valid_until),
            ratio: own(&p.contribution_ratio),
            elderly: None,
            limit: p.limit_category.as_deref().map(|l| Limit {
                category: Some(LimitCategory::from_code(l)),
                ..Limit::default()
            }),
            diseases: Vec::new(),
            welfare: (p.public_expense_number.is_some() || p.welfare_office.is_some()).then(|| {
                Welfare {
                    public_expense_number: own(&p.public_expense_number),
                    beneficiary_number: own(&p.beneficiary_number),
                    office: own(&p.welfare_office),
                    ticket: p.ticket_issue_number.as_ref().map(|_| Ticket {
                        issue_number: own(&p.ticket_issue_number),
                        from: own(&p.ticket_valid_from),
                        until: own(&p.ticket_valid_until),
                    }),
                }
            }),
        });
        ResultView {
            shown,
            method,
            qualification,
            consents,
            prescription: p
                .prescription_issue
                .as_deref()
                .map(PrescriptionIssue::from_code),
            certificate_expires_soon: false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::flow::{CentreTrouble, Consents};
    use crate::history::from_centre::from_eligibility;
    use time::macros::datetime;

    fn answered(verdict: Verdict, validity: Option<QualificationValidity>) -> VisitResult {
        let q = ResultOfQualificationConfirmation {
            name: Some("山田　花子".into()),
            name_kana: Some("ﾔﾏﾀﾞ ﾊﾅｺ".into()),
            birthdate: Some("19850412".into()),
            insurer_number: Some("06139999".into()),
            insured_card_expiration_date: Some("20300331".into()),
            pharmacists_consent_time: Some("20261205093000".into()),
            ..Default::default()
        };
        VisitResult {
            method: Some(Method::Face),
            consents: Consents {
                drug: Some(true),
                limit: Some(false),
                ..Consents::default()
            },
            outcome: Ok(Box::new(eligibility::Eligibility {
                verdict,
                validity,
                results: vec![q],
                response: eligibility::xml::XmlMsg {
                    header: Default::default(),
                    body: Default::default(),
                },
            })),
            certificate_expires_soon: false,
        }
    }

    /// What a card visit showed is what its history row shows again (for what the history
    /// keeps), for each case the clerk is told apart.
    #[test]
    fn a_stored_check_reads_back_as_the_visit_showed_it() {
        let cases = [
            (Verdict::Valid, None),
            (
                Verdict::Valid,
                Some(QualificationValidity::ValidUnregistered),
            ),
            (
                Verdict::Invalid { reason: None },
                Some(QualificationValidity::InvalidNewQualification),
            ),
            (
                Verdict::Invalid {
                    reason: Some(ReasonOfLoss::from_code("01")),
                },
                None,
            ),
            (Verdict::NotFound, None),
            (Verdict::Multiple, None),
        ];
        for (verdict, validity) in cases {
            let verdict_kept_person = verdict != Verdict::Multiple;
            let visit = answered(verdict, validity);
            let Ok(e) = &visit.outcome else {
                unreachable!()
            };
            let at = datetime!(2026-12-05 00:30 UTC);
            let mut record = from_eligibility(at, StoredMethod::CardFace, e, None);
            record.consents.push(super::super::Consent {
                kind: ConsentKind::Drug,
                agreed: true,
                at: crate::time::centre_time(&Some("20261205093000".into())),
            });
            let entry = Entry {
                id: 1,
                check: record,
            };
            let (now, back) = (ResultView::of_visit(&visit), ResultView::of_entry(&entry));
            assert_eq!(back.shown, now.shown);
            assert_eq!(back.method, now.method);
            assert_eq!(back.consents.drug, now.consents.drug);
            assert_eq!(now.shown.tone(), Tone::from(entry.check.outcome));
            // 複数該当 lists several people: the history keeps none of them.
            if verdict_kept_person {
                let (a, b) = (now.qualification.unwrap(), back.qualification.unwrap());
                assert_eq!(
                    (a.name, a.kana, a.birth_date, a.valid_until),
                    (b.name, b.kana, b.birth_date, b.valid_until)
                );
            }
        }
    }

    #[test]
    fn the_prescription_choice_shows_now_and_in_the_history_as_the_centre_echoed_it() {
        use crate::flow::PrescriptionForm;
        let mut visit = answered(Verdict::Valid, None);
        visit.consents.prescription = Some(PrescriptionForm::Paper);
        if let Ok(e) = &mut visit.outcome {
            e.response.body.prescription_issue_select = Some(PrescriptionIssue::Paper);
        }
        let Ok(e) = &visit.outcome else {
            unreachable!()
        };
        let record = from_eligibility(
            datetime!(2026-12-05 00:30 UTC),
            StoredMethod::CardPin,
            e,
            None,
        );
        assert_eq!(record.person.prescription_issue.as_deref(), Some("2"));
        let entry = Entry {
            id: 1,
            check: record,
        };
        let (now, back) = (ResultView::of_visit(&visit), ResultView::of_entry(&entry));
        assert_eq!(now.prescription, Some(PrescriptionIssue::Paper));
        assert_eq!(back.prescription, now.prescription);
        // Not asked: nothing shown.
        let plain = answered(Verdict::Valid, None);
        assert_eq!(ResultView::of_visit(&plain).prescription, None);
    }

    #[test]
    fn a_centre_failure_shows_no_qualification() {
        let visit = VisitResult {
            method: None,
            consents: Consents::default(),
            outcome: Err(Trouble::Centre(CentreTrouble::Unreachable)),
            certificate_expires_soon: false,
        };
        let v = ResultView::of_visit(&visit);
        assert_eq!(v.shown.tone(), Tone::Error);
        assert!(v.qualification.is_none());
    }
}
