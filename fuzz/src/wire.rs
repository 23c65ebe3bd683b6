//! Targets of the centre's wire format and the identifiers (crate `eligibility`): the encoding
//! declaration, every reply type as the desk reads it (bounded text, UTF-8 and Shift_JIS),
//! every request type as the simulator reads it, and each identifier's `FromStr`, which must
//! also read back what it displays.

use eligibility::client::BatchKey;
use eligibility::xml::{self, XmlError};
use eligibility::{
    BirthDate, BranchNumber, CardNumber, CardSymbol, InstitutionCode, InsurerNumber,
};
use serde::de::DeserializeOwned;
use std::fmt::Display;
use std::str::FromStr;

/// `detect_encoding`: an encoding or an error, whatever the bytes.
pub fn encoding(data: &[u8]) {
    let _ = xml::detect_encoding(data);
}

fn read<T: DeserializeOwned>(data: &[u8], bounded: bool) -> Result<T, XmlError> {
    if bounded {
        xml::from_reply(data)
    } else {
        xml::from_xml(data)
    }
}

/// Every reply of the centre, read as the client reads it (and unbounded, as tests do).
pub fn reply(data: &[u8]) {
    for bounded in [true, false] {
        let _ = read::<xml::QualificationResponse>(data, bounded);
        let _ = read::<xml::NonceResponse>(data, bounded);
        let _ = read::<xml::BulkReceipt>(data, bounded);
        let _ = read::<xml::BulkResult>(data, bounded);
        let _ = read::<xml::DrugResult>(data, bounded);
        let _ = read::<xml::CheckupResult>(data, bounded);
        let _ = read::<xml::OutcomeResponse>(data, bounded);
        let _ = read::<xml::DisasterStatusResponse>(data, bounded);
    }
    // Nothing longer than the bound comes out of a bounded read.
    if let Ok(r) = xml::from_reply::<xml::QualificationResponse>(data) {
        for s in [&r.header.error_message, &r.body.processing_result_message] {
            let n = s.as_deref().map_or(0, |s| s.chars().count());
            assert!(n <= xml::CENTRE_TEXT_MAX, "a text of {n} characters");
        }
    }
}

/// Every request, read as the simulated centre reads it.
pub fn request(data: &[u8]) {
    let _ = xml::from_xml::<xml::IndividualRequestRaw>(data);
    let _ = xml::from_xml::<xml::CardQueryRequest>(data);
    let _ = xml::from_xml::<xml::NonceRequest>(data);
    let _ = xml::from_xml::<xml::BulkUploadRequestRaw>(data);
    let _ = xml::from_xml::<xml::BulkDownloadRequest>(data);
    let _ = xml::from_xml::<xml::MedicalInfoRequest>(data);
    let _ = xml::from_xml::<xml::RegistrationRequest>(data);
}

/// A value that parses displays as text that parses to the same value.
fn round_trip<T: FromStr + Display + PartialEq>(s: &str) {
    if let Ok(v) = s.parse::<T>() {
        let shown = v.to_string();
        let back = shown.parse::<T>().ok();
        assert!(
            back.as_ref() == Some(&v),
            "{} does not read back",
            std::any::type_name::<T>()
        );
    }
}

/// Each identifier's `FromStr` (on the bytes as UTF-8), and parse(display(x)) == x.
pub fn ids(data: &[u8]) {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    round_trip::<InsurerNumber>(s);
    round_trip::<InstitutionCode>(s);
    round_trip::<CardSymbol>(s);
    round_trip::<CardNumber>(s);
    round_trip::<BranchNumber>(s);
    round_trip::<BirthDate>(s);
    round_trip::<BatchKey>(s);
    let _ = eligibility::ids::parse_yyyymmdd(s);
}
