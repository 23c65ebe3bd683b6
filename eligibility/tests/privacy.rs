//! Personal data must not leave through `Debug` (logs, panics) or through the text of a parse
//! error that the centre or the app shows (DESIGN.md privacy rules).

use eligibility::client::{CardProof, Patient};
use eligibility::codes::*;
use eligibility::xml::{self, IndividualRequestRaw};
use eligibility::{BirthDate, Client};

fn search() -> xml::SearchInfo {
    let mut s =
        Client::search_from_text("01130012", "1234567", "765432", "03", "19800217", true).unwrap();
    s.arbitrary_identifier = Some("KARTE-998877".into());
    s
}

fn assert_hidden(dbg: &str, secrets: &[&str]) {
    for s in secrets {
        assert!(!dbg.contains(s), "{s:?} printed in {dbg}");
    }
}

#[test]
fn identifiers_and_search_hide_their_values() {
    let s = search();
    let dbg = format!("{s:?}");
    assert_hidden(&dbg, &["1234567", "765432", "1980", "KARTE-998877"]);
    assert!(
        dbg.contains("01130012"),
        "the insurer code stays visible: {dbg}"
    );
    assert!(
        dbg.contains("Agreed"),
        "the consent code stays visible: {dbg}"
    );
    assert_eq!(
        format!("{:?}", s.insured_identification_number),
        "CardNumber(**)"
    );
    let b: BirthDate = "19800217".parse().unwrap();
    assert_eq!(format!("{b:?}"), "BirthDate(**)");
    // Equality still compares the values.
    assert_ne!(s.insured_identification_number, "765433".parse().unwrap());

    let p = Patient {
        insurer_number: s.insurer_number.clone(),
        card_symbol: s.insured_card_symbol.clone(),
        card_number: s.insured_identification_number.clone(),
        branch: s.insured_branch_number.clone(),
        birth_date: s.birthdate,
    };
    assert_hidden(&format!("{p:?}"), &["1234567", "765432", "1980"]);

    let raw = xml::SearchInfoRaw {
        insurer_number: Some("01130012".into()),
        insured_card_symbol: Some("1234567".into()),
        insured_identification_number: Some("765432".into()),
        birthdate: Some("19800217".into()),
        ..Default::default()
    };
    assert_hidden(&format!("{raw:?}"), &["1234567", "765432", "19800217"]);
}

#[test]
fn results_show_codes_not_the_person() {
    let r = xml::ResultOfQualificationConfirmation {
        name: Some("試験　花子".into()),
        name_kana: Some("ｼｹﾝ ﾊﾅｺ".into()),
        birthdate: Some("19800217".into()),
        address: Some("東京都練馬区豊玉北６丁目".into()),
        insured_identification_number: Some("765432".into()),
        insured_partial_contribution_ratio: Some("030".into()),
        reason_of_loss: Some(ReasonOfLoss::from_code("01")),
        ..Default::default()
    };
    let dbg = format!("{r:?}");
    assert_hidden(&dbg, &["花子", "ﾊﾅｺ", "19800217", "練馬", "765432"]);
    assert!(dbg.contains("030"), "{dbg}");

    let q = xml::QuaInf {
        name: Some("試験　花子".into()),
        birth: Some("19800217".into()),
        adm_gend_code: Some("2".into()),
        ..Default::default()
    };
    assert_hidden(&format!("{q:?}"), &["花子", "19800217"]);
    let q = xml::QualificationsInfo {
        name: Some("試験　花子".into()),
        birthday: Some("19800217".into()),
        ..Default::default()
    };
    assert_hidden(&format!("{q:?}"), &["花子", "19800217"]);

    // What someone takes and what their checkup measured are health data.
    let d = xml::DrugInf {
        code: Some("620004372".into()),
        name: Some("アムロジピン錠５ｍｇ".into()),
        ..Default::default()
    };
    assert_hidden(&format!("{d:?}"), &["620004372", "アムロジピン"]);
    let c = xml::HealthCheckupItem {
        item_name: Some("HbA1c".into()),
        data_value: Some("6.9".into()),
        ..Default::default()
    };
    let dbg = format!("{c:?}");
    assert_hidden(&dbg, &["6.9"]);
    assert!(dbg.contains("HbA1c"), "{dbg}");

    let proof = CardProof {
        certificate_der: b"CN=SHIKEN HANAKO".to_vec(),
        nonce: "bm9uY2U=".into(),
        signature: vec![1, 2, 3],
        method: AuthMethod::Pin,
    };
    assert_hidden(&format!("{proof:?}"), &["67, 78, 61", "bm9uY2U"]);
}

#[test]
fn parse_errors_name_elements_not_values() {
    // A stray '&' in a name: the parser's own message quotes the text after it.
    let doc = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><XmlMsg><MessageHeader><MedicalInstitutionCode>1</MedicalInstitutionCode></MessageHeader><MessageBody><QualificationConfirmSearchInfo><Name>試験&花子;</Name></QualificationConfirmSearchInfo></MessageBody></XmlMsg>";
    let e = xml::from_xml::<IndividualRequestRaw>(doc.as_bytes()).unwrap_err();
    assert_hidden(&e.to_string(), &["花子"]);

    let doc = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><XmlMsg><MessageHeader><QualificationConfirmationDate>19800217</QualificationConfirmationDate></MessageHeader><MessageBody/></XmlMsg>";
    let e = xml::from_xml::<IndividualRequestRaw>(doc.as_bytes()).unwrap_err();
    let msg = e.to_string();
    assert!(msg.contains("<MedicalInstitutionCode>"), "{msg}");
    assert_hidden(&msg, &["19800217"]);
}
