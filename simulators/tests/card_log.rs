//! The APDU log masks PINs and 照合番号, writes no response data, and `privacy_violations`
//! finds every forbidden operation in a log.

use crate::card_common;

use card_common::*;
use simulators::card::{ApduLog, CardModel, Event, masked_cmd, privacy_violations};

fn logged(log: &ApduLog, card: &mut CardModel, apdu: &str) -> u16 {
    let bytes = hexb(apdu);
    let ex = card.transmit(&bytes);
    log.exchange(card.persona_id(), &bytes, &ex);
    ex.sw()
}

#[test]
fn verify_data_is_masked_and_responses_are_not_logged() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("apdu.jsonl");
    let log = ApduLog::open(&path).unwrap();
    let (p, mut c) = card("adult");
    log.event("adult", Event::Insert);
    logged(&log, &mut c, SELECT_JPKI);
    logged(&log, &mut c, "00 A4 02 0C 02 00 18");
    assert_eq!(logged(&log, &mut c, "00 20 00 80 04 31 32 33 34"), 0x9000);
    logged(&log, &mut c, "00 24 01 80 04 39 38 37 36");
    logged(&log, &mut c, "00 20 00 98 04 39 38 37 36");
    logged(&log, &mut c, "00 A4 02 0C 02 00 0A");
    logged(&log, &mut c, "00 B0 00 00 00");
    logged(&log, &mut c, SELECT_KENMEN);
    logged(&log, &mut c, "00 A4 02 0C 02 00 12");
    let b = hex::encode_upper(p.verification_number_b());
    assert_eq!(logged(&log, &mut c, &format!("00 20 00 80 0E {b}")), 0x9000);
    logged(&log, &mut c, "00 B0 82 00 00");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        !text.contains("31323334") && !text.contains("39383736"),
        "PIN bytes in the log:\n{text}"
    );
    assert!(!text.contains(&b), "照合番号B in the log");
    assert!(
        text.starts_with("{\"seq\":1,\"persona\":\"adult\",\"event\":\"insert\"}\n"),
        "{text}"
    );
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines[0]["event"], "insert");
    let verify = &lines[3];
    assert_eq!(
        (
            verify["cmd"].as_str(),
            verify["df"].as_str(),
            verify["ef"].as_str()
        ),
        (Some("0020008004********"), Some("jpki"), Some("0018"))
    );
    assert_eq!(verify["sw"], "9000");
    assert_eq!(lines[4]["cmd"], "0024018004********");
    assert_eq!(lines[5]["ef"], "0018", "SFI form resolved");
    let read = &lines[7];
    assert_eq!(
        (read["ef"].as_str(), read["rsp_len"].as_u64()),
        (Some("000A"), Some(256))
    );
    assert_eq!(lines[11]["ef"], "0002", "SFI READ BINARY resolved");
    assert!(
        lines
            .iter()
            .all(|l| l.get("rsp").is_none() && l.get("data").is_none())
    );
    let seqs: Vec<u64> = lines.iter().map(|l| l["seq"].as_u64().unwrap()).collect();
    assert!(seqs.windows(2).all(|w| w[1] == w[0] + 1));
    assert_eq!(
        privacy_violations(&text),
        Vec::<String>::new(),
        "a clinic-style session is clean"
    );
}

#[test]
fn privacy_violations_finds_each_forbidden_operation() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("apdu.jsonl");
    let log = ApduLog::open(&path).unwrap();
    let (p, mut c) = card("adult");
    let number = hex::encode_upper(p.synthetic_individual_number());
    logged(&log, &mut c, SELECT_KENMEN);
    logged(&log, &mut c, "00 A4 02 0C 02 00 13");
    logged(&log, &mut c, &format!("00 20 00 80 0C {number}")); // 照合番号A
    logged(&log, &mut c, "00 A4 02 0C 02 00 05");
    logged(&log, &mut c, "00 B0 00 00 00"); // 個人番号 image
    logged(&log, &mut c, SELECT_HOJO);
    logged(&log, &mut c, "00 A4 02 0C 02 00 11");
    logged(&log, &mut c, "00 20 00 80"); // even an empty VERIFY in the 入力補助AP
    let mut text = std::fs::read_to_string(&path).unwrap();
    assert!(!text.contains(&number), "照合番号A masked");
    // A line from some other tool that did not mask.
    text.push_str(r#"{"seq":99,"persona":"adult","df":"jpki","ef":"0018","cmd":"002000800431323334","sw":"9000","rsp_len":0}"#);
    text.push('\n');
    let found = privacy_violations(&text);
    assert_eq!(found.len(), 5, "{found:#?}");
    assert!(found[0].starts_with("VERIFY of 照合番号A"));
    assert!(found[1].starts_with("READ BINARY of 券面AP EF 0005"));
    assert!(found[2].starts_with("SELECT of the 入力補助AP"));
    assert!(found[3].starts_with("VERIFY in the 入力補助AP"));
    assert!(found[4].starts_with("VERIFY / CHANGE REFERENCE DATA with unmasked data"));
}

#[test]
fn masking_covers_short_and_extended_lc() {
    assert_eq!(
        masked_cmd(&hexb("0020008004 31323334")),
        "0020008004********"
    );
    assert_eq!(
        masked_cmd(&hexb("0020008000000431323334")),
        "00200080000004********"
    );
    assert_eq!(masked_cmd(&hexb("00200080")), "00200080");
    assert_eq!(masked_cmd(&hexb("00B0000004")), "00B0000004");
}
