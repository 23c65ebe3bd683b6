//! Whatever bytes come back from the centre, reading them gives a value or an error the desk
//! can show: never a panic (which kills `onshi check` with status 101 and leaves the viewer
//! and a 一括照会 job waiting on an answer that never comes).

use eligibility::xml::{self, Encoding};

/// Declarations seen from a broken or hostile centre: a cut-off `encoding=`, a non-ASCII or
/// invalid byte right after it, an unterminated quote.
const BROKEN_DECLARATIONS: &[&[u8]] = &[
    b"<?xml encoding=",
    b"<?xml version=\"1.0\" encoding=",
    b"<?xml version=\"1.0\" encoding=\xc3\xa9?><XmlMsg/>",
    b"<?xml version=\"1.0\" encoding=\xff\xfe?><XmlMsg/>",
    b"<?xml version=\"1.0\" encoding=\"\xe6\x97\xa5\"?><XmlMsg/>",
    b"<?xml version=\"1.0\" encoding=\"UTF-8",
    b"<?xml encoding='",
];

#[test]
fn a_broken_encoding_declaration_is_an_error_not_a_panic() {
    for bytes in BROKEN_DECLARATIONS {
        let shown = String::from_utf8_lossy(bytes);
        let got = std::panic::catch_unwind(|| xml::detect_encoding(bytes));
        let got = got.unwrap_or_else(|_| panic!("detect_encoding panicked on {shown:?}"));
        assert!(got.is_err(), "{shown:?} read as {got:?}");
        let read = std::panic::catch_unwind(|| {
            xml::from_xml::<xml::QualificationResponse>(bytes).map(|_| ())
        });
        let read = read.unwrap_or_else(|_| panic!("from_xml panicked on {shown:?}"));
        assert!(read.is_err(), "{shown:?} read as a reply");
    }
}

#[test]
fn a_well_formed_declaration_still_names_its_encoding() {
    let cases: &[(&[u8], Encoding)] = &[
        (
            b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
            Encoding::Utf8,
        ),
        (
            b"<?xml version='1.0' encoding='Shift_JIS'?>",
            Encoding::ShiftJis,
        ),
        (
            b"<?xml version=\"1.0\" encoding = \"windows-31j\" ?>",
            Encoding::ShiftJis,
        ),
        (b"<?xml version=\"1.0\"?><XmlMsg/>", Encoding::Utf8),
        (b"\xef\xbb\xbf<?xml version=\"1.0\"?>", Encoding::Utf8),
        (b"<XmlMsg/>", Encoding::Utf8),
    ];
    for (bytes, want) in cases {
        assert_eq!(
            xml::detect_encoding(bytes).unwrap(),
            *want,
            "{}",
            String::from_utf8_lossy(bytes)
        );
    }
    let e = xml::detect_encoding(b"<?xml version=\"1.0\" encoding=\"EUC-JP\"?>").unwrap_err();
    assert!(e.to_string().contains("euc-jp"), "{e}");
}

fn sample(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/samples/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

/// A reply whose message, name and an unknown element are far longer than any real one: what
/// reaches the desk (screen, history, logs) is cut to [`xml::CENTRE_TEXT_MAX`] characters,
/// marked as cut, and entity references are not split.
#[test]
fn overlong_centre_text_is_cut_when_the_reply_is_read() {
    let long_message = "エラー&amp;".repeat(2000);
    let doc = sample("siquc01res_elderly_valid.xml")
        .replacen(
            "<SegmentOfResult>",
            &format!("<ErrorMessage>{long_message}</ErrorMessage><SegmentOfResult>"),
            1,
        )
        .replacen(
            "<MessageBody>",
            &format!("<MessageBody><Unknown>{}</Unknown>", "x".repeat(100_000)),
            1,
        );
    assert!(doc.contains("<ErrorMessage>"), "the sample has a header");
    let r: xml::QualificationResponse = xml::from_reply(doc.as_bytes()).unwrap();
    let shown = xml::text(&r.header.error_message).unwrap();
    assert_eq!(shown.chars().count(), xml::CENTRE_TEXT_MAX);
    assert!(shown.starts_with("エラー&エラー&"), "{shown}");
    assert!(shown.ends_with('…'), "a cut text says so: {shown}");

    // Text within the bound is read unchanged, in both encodings.
    let plain: xml::QualificationResponse =
        xml::from_xml(sample("siquc01res_elderly_valid.xml").as_bytes()).unwrap();
    let bounded: xml::QualificationResponse =
        xml::from_reply(sample("siquc01res_elderly_valid.xml").as_bytes()).unwrap();
    assert_eq!(plain, bounded);
    let sjis = std::fs::read(format!(
        "{}/tests/samples/siquc01res_kokuho_lost_sjis.xml",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let a: xml::QualificationResponse = xml::from_xml(&sjis).unwrap();
    let b: xml::QualificationResponse = xml::from_reply(&sjis).unwrap();
    assert_eq!(a, b);
}

#[test]
fn a_reply_that_is_not_xml_is_an_error_from_the_bounded_reader_too() {
    for bytes in BROKEN_DECLARATIONS.iter().copied().chain([
        &b"<XmlMsg><MessageHeader></XmlMsg>"[..],
        b"\xff\xfe<",
        b"",
    ]) {
        let r = std::panic::catch_unwind(|| xml::from_reply::<xml::BulkResult>(bytes).map(|_| ()));
        assert!(r.expect("no panic").is_err());
    }
}
