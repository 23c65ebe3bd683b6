//! Hand-written XmlMsg files, typed from the layouts in the research notes (not produced by this
//! crate), must read into the values a clerk would see. They guard against testing the format
//! only against itself.

use eligibility::codes::*;
use eligibility::xml::{self, Encoding, text};
use eligibility::*;

fn sample(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/samples/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

#[test]
fn individual_request_matches_what_the_client_writes() {
    let raw: xml::IndividualRequestRaw =
        xml::from_xml(&sample("siquc01req_insurance_card.xml")).unwrap();
    assert_eq!(raw.header.medical_institution_code, "1310000011");
    let s = raw.body.search.unwrap();
    assert_eq!(text(&s.insured_branch_number), Some("01"));

    // The client's own request for the same card serialises to the same elements and values.
    let ours = xml::IndividualRequest {
        header: xml::RequestHeader {
            qualification_confirmation_date: Some("20261123".into()),
            medical_institution_code: "1310000011".into(),
            arbitrary_file_identifier: Some("PT000123-1123".into()),
        },
        body: xml::IndividualRequestBody {
            search: xml::SearchInfo {
                insurer_number: "06139992".parse().unwrap(),
                insured_card_symbol: Some("１２－３４".parse().unwrap()),
                insured_identification_number: "4260".parse().unwrap(),
                insured_branch_number: Some("01".parse().unwrap()),
                birthdate: "20010327".parse().unwrap(),
                limit_consent: LimitConsent::Agreed,
                arbitrary_identifier: None,
            },
        },
    };
    let bytes = xml::to_xml(&ours, Encoding::Utf8).unwrap();
    let back: xml::IndividualRequestRaw = xml::from_xml(&bytes).unwrap();
    assert_eq!(back.body.search.unwrap(), s);
}

#[test]
fn elderly_valid_result_reads_every_group() {
    let r: xml::QualificationResponse =
        xml::from_xml(&sample("siquc01res_elderly_valid.xml")).unwrap();
    assert_eq!(r.header.segment_of_result, Some(SegmentOfResult::Normal));
    assert_eq!(
        r.header.reference_classification,
        Some(ReferenceClassification::Card)
    );
    assert_eq!(
        r.body.qualification_validity,
        Some(QualificationValidity::Valid)
    );
    assert_eq!(
        r.body.prescription_issue_select,
        Some(PrescriptionIssue::Electronic)
    );
    let list = r.body.result_list.unwrap().items;
    assert_eq!(list.len(), 1);
    let q = &list[0];
    assert_eq!(q.name.as_deref(), Some("山﨑　トメ"));
    assert_eq!(q.name_kana.as_deref(), Some("ﾔﾏｻﾞｷ ﾄﾒ"));
    assert_eq!(q.sex1, Some(Sex::Female));
    assert_eq!(q.insured_card_symbol, None);
    let ins: InsurerNumber = q.insurer_number.as_deref().unwrap().parse().unwrap();
    assert!(ins.is_late_elderly());
    assert_eq!(q.insured_partial_contribution_ratio.as_deref(), Some("010"));
    let lim = q.limit_info.as_ref().unwrap();
    assert_eq!(
        lim.classification,
        Some(LimitCertificateClass::LimitAndReduction)
    );
    assert_eq!(lim.category, Some(LimitCategory::B05), "低所得Ⅱ");
    let sd = &q.specific_diseases.as_ref().unwrap().items[0];
    assert_eq!(sd.category, Some(SpecificDisease::Dialysis));
    assert_eq!(sd.self_pay.as_deref(), Some("10000"));
    assert_eq!(q.pharmacists_consent, Some(ConsentFlag::Yes));
    assert_eq!(
        q.pharmacists_available_time.as_deref(),
        Some("20261124101500")
    );
    assert_eq!(q.checkups_consent, Some(ConsentFlag::No));
}

#[test]
fn shift_jis_lost_qualification_reads_and_round_trips() {
    let bytes = sample("siquc01res_kokuho_lost_sjis.xml");
    assert_eq!(xml::detect_encoding(&bytes).unwrap(), Encoding::ShiftJis);
    let r: xml::QualificationResponse = xml::from_xml(&bytes).unwrap();
    assert_eq!(
        r.header.character_code_identifier,
        Some(CharacterCode::ShiftJis)
    );
    assert_eq!(
        r.body.qualification_validity,
        Some(QualificationValidity::InvalidNewQualification)
    );
    let q = &r.body.result_list.as_ref().unwrap().items[0];
    // A 6-digit 国保 number arrives padded with two spaces and keeps them as text.
    assert_eq!(q.insurer_number.as_deref(), Some("  138057"));
    let ins: InsurerNumber = q.insurer_number.as_deref().unwrap().parse().unwrap();
    assert_eq!(ins.digits(), "138057");
    assert_eq!(q.insured_card_symbol.as_deref(), Some("練馬"));
    let num: CardNumber = q
        .insured_identification_number
        .as_deref()
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(num.as_str(), "12345");
    assert_eq!(q.reason_of_loss, Some(ReasonOfLoss::OtherInsurance));
    assert_eq!(q.disqualification_date.as_deref(), Some("20260930"));

    // Written back in Shift_JIS, then read again: the same values, including 﨑 (Windows-31J).
    let mut r2 = r.clone();
    r2.body.result_list.as_mut().unwrap().items[0].name = Some("山﨑　次郎".into());
    let out = xml::to_xml(&r2, Encoding::ShiftJis).unwrap();
    assert!(std::str::from_utf8(&out).is_err(), "really Shift_JIS bytes");
    let back: xml::QualificationResponse = xml::from_xml(&out).unwrap();
    assert_eq!(back, r2);
}

#[test]
fn batch_result_keeps_every_row_and_totals() {
    let r: xml::BulkResult = xml::from_xml(&sample("muquc02res_batch.xml")).unwrap();
    assert_eq!(r.header.reception_number.as_deref(), Some("R2026112200001"));
    assert_eq!(r.header.number_of_processing_result.as_deref(), Some("3"));
    assert_eq!(r.header.number_of_error.as_deref(), Some("1"));
    let u = &r.body.units;
    assert_eq!(u.len(), 3);
    let ids: Vec<_> = u
        .iter()
        .map(|x| {
            x.search
                .as_ref()
                .unwrap()
                .arbitrary_identifier
                .clone()
                .unwrap()
        })
        .collect();
    assert_eq!(ids, ["P-0001", "P-0002", "P-0003"]);
    assert_eq!(
        u[0].qualification_validity,
        Some(QualificationValidity::MultipleMatches)
    );
    assert_eq!(
        u[1].qualification_validity,
        Some(QualificationValidity::NotFound)
    );
    assert_eq!(
        u[2].processing_result_status,
        Some(ProcessingResultStatus::Error)
    );
    assert_eq!(u[2].processing_result_code.as_deref(), Some("SIM-E0101"));
}
