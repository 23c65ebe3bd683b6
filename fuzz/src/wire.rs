//! Targets of the centre's wire format and the identifiers (crate `eligibility`): the encoding
//! declaration, every reply type as the desk reads it (bounded text, UTF-8 and Shift_JIS),
//! every request type as the simulator reads it, each identifier's `FromStr`, which must
//! also read back what it displays, and the clinic link's file names and request files.

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

/// The clinic link's file names: a name that parses displays as itself and parses again to
/// the same value; the answer's name is a `res` name of the same kind and rest.
pub fn link_name(data: &[u8]) {
    use eligibility::link::{FaceFileName, LinkFileName};
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(n) = LinkFileName::parse(s) {
        assert_eq!(n.to_string(), s, "a link name does not display as read");
        let a = n.answer();
        let back = LinkFileName::parse(&a.to_string()).expect("the answer's name reads");
        assert!(!back.request && back.prefix == n.prefix && back.rest() == n.rest());
    }
    if let Ok(f) = FaceFileName::parse(s) {
        assert_eq!(f.to_string(), s, "a face name does not display as read");
    }
}

/// A request file of the clinic link: the first byte picks the kind (its file name), the rest
/// is the file. An accepted request is written back as an error answer in both encodings (the
/// echo of its identifiers must always be writable).
pub fn link_request(data: &[u8]) {
    use eligibility::link::{self, Kind, LinkFileName, parse_request};
    let Some((&k, bytes)) = data.split_first() else {
        return;
    };
    let kind = Kind::ALL[k as usize % Kind::ALL.len()];
    let name = LinkFileName::request(kind, "fuzz").expect("a fixed name");
    match parse_request(&name, bytes) {
        Ok(p) => {
            let echo = link::Echo {
                institution: Some(p.institution.to_string()),
                file_id: p.file_id.clone(),
            };
            for enc in [xml::Encoding::Utf8, xml::Encoding::ShiftJis] {
                let err = link::LinkError::AlreadyAnswered;
                link::error_answer(&err, "x", &echo, "20261123101502", enc)
                    .expect("an error answer is always writable");
            }
        }
        Err(e) => {
            let _ = e.code();
        }
    }
    let _ = link::FaceFile::read(bytes);
}
