//! Round trips that must hold for every value, not just the examples: an identifier reads back
//! from what it displays, and a message the desk or the centre writes reads back to the same
//! message, in UTF-8 and in Shift_JIS (proptest).

use eligibility::client::BatchKey;
use eligibility::codes::*;
use eligibility::ids::check_digit;
use eligibility::xml::{self, Encoding};
use eligibility::{
    BirthDate, BranchNumber, CardNumber, CardSymbol, InstitutionCode, InsurerNumber,
};
use proptest::prelude::*;
use std::fmt::Display;
use std::str::FromStr;

fn reads_back<T: FromStr + Display + PartialEq + std::fmt::Debug>(
    v: &T,
) -> Result<(), TestCaseError>
where
    T::Err: std::fmt::Debug,
{
    let back: T = v
        .to_string()
        .parse()
        .map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
    prop_assert_eq!(&back, v);
    Ok(())
}

fn with_check(body: String) -> String {
    let c = check_digit(&body);
    format!("{body}{c}")
}

/// Text a person or the centre may write: letters, digits, kana, kanji (also ones outside
/// Windows-31J, which Shift_JIS output writes as character references), XML's special
/// characters and inner spaces.
fn any_text() -> impl Strategy<Value = String> {
    proptest::string::string_regex("[A-Za-z0-9ぁ-んァ-ヶ亜-腕𠮷髙﨑<>&\"' ・ー－]{0,40}")
        .unwrap()
        .prop_map(|s| s.trim().to_string())
}

proptest! {
    #[test]
    fn insurer_numbers_read_back(body in "[0-9]{5}|[1-9][0-9]{6}|0[1-9][0-9]{5}") {
        let v: InsurerNumber = with_check(body).parse().unwrap();
        reads_back(&v)?;
        // The centre's padded form reads to the same number.
        prop_assert_eq!(v.padded().parse::<InsurerNumber>().unwrap(), v);
    }

    #[test]
    fn institution_codes_read_back(body in "[0-9]{9}") {
        reads_back(&with_check(body).parse::<InstitutionCode>().unwrap())?;
    }

    #[test]
    fn card_symbols_and_numbers_read_back(s in "[A-Za-z0-9ぁ-んァ-ヶ亜-腕０-９Ａ-Ｚー－-]{1,19}") {
        if let Ok(v) = s.parse::<CardSymbol>() {
            reads_back(&v)?;
        }
        if let Ok(v) = s.parse::<CardNumber>() {
            reads_back(&v)?;
        }
    }

    #[test]
    fn branches_birth_dates_and_batch_keys_read_back(
        b in "[0-9]{2}",
        days in 0i64..(320 * 366),
        key in "[A-Za-z0-9_-]{1,40}",
    ) {
        reads_back(&b.parse::<BranchNumber>().unwrap())?;
        let d = time::macros::date!(1880 - 01 - 01) + time::Duration::days(days);
        if let Ok(birth) = BirthDate::from_date(d) {
            reads_back(&birth)?;
        }
        let k: BatchKey = key.parse().unwrap();
        prop_assert_eq!(k.to_string().parse::<BatchKey>().unwrap(), k);
    }

    /// Whatever a clerk types, an identifier that was accepted reads back from its display.
    #[test]
    fn any_accepted_text_reads_back(s in "\\PC{0,24}") {
        if let Ok(v) = s.parse::<InsurerNumber>() { reads_back(&v)?; }
        if let Ok(v) = s.parse::<InstitutionCode>() { reads_back(&v)?; }
        if let Ok(v) = s.parse::<CardSymbol>() { reads_back(&v)?; }
        if let Ok(v) = s.parse::<CardNumber>() { reads_back(&v)?; }
        if let Ok(v) = s.parse::<BranchNumber>() { reads_back(&v)?; }
        if let Ok(v) = s.parse::<BirthDate>() { reads_back(&v)?; }
    }

    /// A reply as the centre writes it reads back the same, plainly and through the bounded
    /// reader the client uses.
    #[test]
    fn a_reply_reads_back_in_both_encodings(
        code in any_text(),
        message in any_text(),
        ident in proptest::option::of(any_text()),
        abnormal in any::<bool>(),
        sjis in any::<bool>(),
    ) {
        let msg = xml::OutcomeResponse {
            header: xml::ResponseHeader {
                process_execution_time: Some("20261123101502".into()),
                medical_institution_code: Some("1310000011".into()),
                arbitrary_file_identifier: ident,
                segment_of_result: Some(if abnormal { SegmentOfResult::Abnormal } else { SegmentOfResult::Normal }),
                error_code: Some(code.clone()),
                error_message: Some(message.clone()),
                ..Default::default()
            },
            body: xml::OutcomeBody {
                processing_result_status: Some(ProcessingResultStatus::Error),
                processing_result_code: Some(code),
                processing_result_message: Some(message),
            },
        };
        let enc = if sjis { Encoding::ShiftJis } else { Encoding::Utf8 };
        let bytes = xml::to_xml(&msg, enc).unwrap();
        prop_assert_eq!(xml::detect_encoding(&bytes).unwrap(), enc);
        let back: xml::OutcomeResponse = xml::from_xml(&bytes).unwrap();
        prop_assert_eq!(&back, &msg);
        let bounded: xml::OutcomeResponse = xml::from_reply(&bytes).unwrap();
        prop_assert_eq!(&bounded, &msg);
    }

    /// A request as the desk writes it reads, as the centre reads it, to the same fields.
    #[test]
    fn a_request_reads_back_in_both_encodings(
        insurer in "[1-9][0-9]{6}",
        symbol in proptest::option::of("[0-9ぁ-ん－]{1,10}"),
        number in "[0-9A-Z]{1,12}",
        branch in proptest::option::of("[0-9]{2}"),
        birth in "(19[0-9]{2}|20[0-2][0-9])(0[1-9]|1[0-2])(0[1-9]|1[0-9]|2[0-8])",
        ident in proptest::option::of("[A-Za-z0-9-]{1,20}"),
        sjis in any::<bool>(),
    ) {
        let mut search = eligibility::Client::search_from_text(
            &with_check(insurer),
            symbol.as_deref().unwrap_or(""),
            &number,
            branch.as_deref().unwrap_or(""),
            &birth,
            sjis,
        ).unwrap();
        search.arbitrary_identifier = ident;
        let msg = xml::IndividualRequest {
            header: xml::RequestHeader {
                qualification_confirmation_date: Some("20261123".into()),
                medical_institution_code: "1310000011".into(),
                arbitrary_file_identifier: None,
            },
            body: xml::IndividualRequestBody { search: search.clone() },
        };
        let enc = if sjis { Encoding::ShiftJis } else { Encoding::Utf8 };
        let raw: xml::IndividualRequestRaw = xml::from_xml(&xml::to_xml(&msg, enc).unwrap()).unwrap();
        prop_assert_eq!(raw.header, msg.header);
        let s = raw.body.search.unwrap();
        prop_assert_eq!(s.insurer_number, Some(search.insurer_number.padded()));
        prop_assert_eq!(s.insured_card_symbol, search.insured_card_symbol.map(|x| x.to_string()));
        prop_assert_eq!(s.insured_identification_number, Some(search.insured_identification_number.to_string()));
        prop_assert_eq!(s.insured_branch_number, search.insured_branch_number.map(|x| x.to_string()));
        prop_assert_eq!(s.birthdate, Some(search.birthdate.wire()));
        prop_assert_eq!(s.arbitrary_identifier, search.arbitrary_identifier);
    }
}
