//! The virtual card speaks the vpcd protocol: a plain TCP listener stands in for vpcd (the
//! real pcscd + vpcd tests live in the end-to-end suite). Frames, control codes, ATR, the 6F 00
//! option, power-off forgetting the PIN, removal after N APDUs, and the event log.

use crate::card_common;

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};

use card_common::*;
use simulators::card::{ATR, CardConfig, VirtualCard};

/// Sends one message the way Debian 12's vpcd does: length and payload in two writes.
fn send(s: &mut TcpStream, payload: &[u8]) {
    s.write_all(&(payload.len() as u16).to_be_bytes()).unwrap();
    s.write_all(payload).unwrap();
}

fn recv(s: &mut TcpStream) -> Vec<u8> {
    let mut len = [0u8; 2];
    s.read_exact(&mut len).unwrap();
    let mut buf = vec![0u8; u16::from_be_bytes(len) as usize];
    s.read_exact(&mut buf).unwrap();
    buf
}

fn apdu(s: &mut TcpStream, hex_apdu: &str) -> Vec<u8> {
    send(s, &hexb(hex_apdu));
    recv(s)
}

/// vpcd's presence poll on a fresh connection: GET ATR. `None` when the other side closes
/// instead of answering (an empty slot).
fn poll(s: &mut TcpStream) -> Option<Vec<u8>> {
    send(s, &[0x04]);
    let mut len = [0u8; 2];
    s.read_exact(&mut len).ok()?;
    let mut buf = vec![0u8; u16::from_be_bytes(len) as usize];
    s.read_exact(&mut buf).ok()?;
    Some(buf)
}

/// Inserts `id` while this side accepts and sends vpcd's first message (GET ATR). After a
/// removal, the slot's own connection comes first and answers the poll as an empty slot;
/// returns the card's connection and how many polls found the slot empty.
fn insert_counting(card: &VirtualCard, listener: &TcpListener, id: &str) -> (TcpStream, u32) {
    std::thread::scope(|scope| {
        let inserting = scope.spawn(|| card.insert(id));
        let mut empty = 0;
        let s = loop {
            let (mut s, _) = listener.accept().unwrap();
            s.set_read_timeout(Some(std::time::Duration::from_secs(10)))
                .unwrap();
            match poll(&mut s) {
                Some(atr) => {
                    assert_eq!(atr, ATR);
                    break s;
                }
                None => empty += 1,
            }
        };
        inserting
            .join()
            .unwrap()
            .expect("insert returns once vpcd spoke");
        (s, empty)
    })
}

fn insert(card: &VirtualCard, listener: &TcpListener, id: &str) -> TcpStream {
    insert_counting(card, listener, id).0
}

#[test]
fn speaks_vpcd_frames_and_control_codes() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let log_path = dir.path().join("apdu.jsonl");
    let card = VirtualCard::start(CardConfig {
        vpcd: listener.local_addr().unwrap(),
        personas_dir: personas_dir(),
        pki_dir: pki_dir(),
        apdu_log: Some(log_path.clone()),
    })
    .unwrap();
    assert!(card.persona_ids().contains(&"adult".to_string()));
    assert!(card.insert("nobody").is_err());
    assert_eq!(card.inserted(), None);

    let mut s = insert(&card, &listener, "adult");
    assert_eq!(card.inserted().as_deref(), Some("adult"));
    send(&mut s, &[0x01]); // power on: no reply; the next reply must be the APDU's
    assert_eq!(
        apdu(&mut s, "00 A4 00 00"),
        [0x6A, 0x86],
        "SELECT MF right after power-on"
    );
    assert_eq!(apdu(&mut s, SELECT_JPKI), [0x90, 0x00]);
    assert_eq!(apdu(&mut s, "00 A4 02 0C 02 00 18"), [0x90, 0x00]);
    assert_eq!(apdu(&mut s, "00 20 00 80 04 31 32 33 34"), [0x90, 0x00]);
    assert_eq!(
        apdu(&mut s, "00 B0 00 00 04"),
        [0x69, 0x81],
        "a PIN EF is no transparent file"
    );
    assert_eq!(apdu(&mut s, "00 A4 02 0C 02 00 0A"), [0x90, 0x00]);
    let cert = apdu(&mut s, "00 B0 00 00 00 00 00");
    assert_eq!(
        &cert[..cert.len() - 2],
        load("adult").auth_cert_der.as_slice(),
        "extended Le over vpcd"
    );

    // Power off/on forgets the PIN; with the option on, the first APDU after power-on is 6F 00.
    card.set_first_apdu_6f00(true);
    send(&mut s, &[0x00]);
    send(&mut s, &[0x01]);
    assert_eq!(apdu(&mut s, SELECT_JPKI), [0x6F, 0x00]);
    assert_eq!(apdu(&mut s, SELECT_JPKI), [0x90, 0x00]);
    assert_eq!(apdu(&mut s, "00 A4 02 0C 02 00 18"), [0x90, 0x00]);
    assert_eq!(apdu(&mut s, "00 20 00 80"), [0x63, 0xC3]);
    assert_eq!(apdu(&mut s, "00 A4 02 0C 02 00 17"), [0x90, 0x00]);
    let mut sign = hexb("80 2A 00 80 33 3031300D060960864801650304020105000420");
    sign.extend([7u8; 32]);
    sign.push(0);
    send(&mut s, &sign);
    assert_eq!(recv(&mut s), [0x69, 0x82], "PIN forgotten at power-off");
    card.set_first_apdu_6f00(false);
    send(&mut s, &[0x02]); // reset
    send(&mut s, &[0x04]);
    assert_eq!(recv(&mut s), ATR);
    let seen = card.apdus_seen();
    assert_eq!(seen, 13);

    // Remove after 1 more APDU: the first is answered, the second finds the socket closed.
    card.remove_after_apdus(1);
    assert_eq!(apdu(&mut s, SELECT_JPKI), [0x90, 0x00]);
    send(&mut s, &hexb(SELECT_JPKI));
    let mut byte = [0u8; 1];
    assert_eq!(
        s.read(&mut byte).unwrap(),
        0,
        "card gone: socket closed without a reply"
    );

    // Re-insert another persona, then remove from our side. The pulled card's slot answered
    // a poll as empty before the next card went in: pcscd's poller saw the removal.
    // How many polls come before the insertion asks the slot to end depends on scheduling
    // (this side polls as fast as it accepts); at least one must, and each was counted.
    let (mut s2, empty) = insert_counting(&card, &listener, "child");
    assert!(empty >= 1, "a poll of the empty slot before the next card");
    assert_eq!(card.empty_polls(), u64::from(empty));
    assert_eq!(card.inserted().as_deref(), Some("child"));
    send(&mut s2, &[0x01]);
    assert_eq!(apdu(&mut s2, SELECT_JPKI), [0x90, 0x00]);
    card.remove();
    assert_eq!(card.inserted(), None);
    assert_eq!(s2.read(&mut byte).unwrap(), 0, "remove closes the socket");

    // The adult's counters survived: the PIN is still at 3 tries, and it works.
    let mut s3 = insert(&card, &listener, "adult");
    send(&mut s3, &[0x01]);
    apdu(&mut s3, SELECT_JPKI);
    apdu(&mut s3, "00 A4 02 0C 02 00 18");
    assert_eq!(apdu(&mut s3, "00 20 00 80 04 30 30 30 30"), [0x63, 0xC2]);
    drop(card); // removes the card
    assert_eq!(s3.read(&mut byte).unwrap(), 0);

    let text = std::fs::read_to_string(&log_path).unwrap();
    let events: Vec<String> = text
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| {
            v["event"]
                .as_str()
                .map(|e| format!("{}:{e}", v["persona"].as_str().unwrap()))
        })
        .collect();
    assert_eq!(
        events,
        [
            "adult:insert",
            "adult:power_on",
            "adult:power_off",
            "adult:power_on",
            "adult:reset",
            "adult:remove",
            "child:insert",
            "child:power_on",
            "child:remove",
            "adult:insert",
            "adult:power_on",
            "adult:remove"
        ]
    );
    assert!(!text.contains("31323334"), "PIN masked in the log");
    assert!(text.contains(r#""sw":"6F00""#));
}

#[test]
fn virtual_card_can_be_shared_between_threads() {
    fn shareable<T: Send + Sync>() {}
    shareable::<VirtualCard>();
}

#[test]
fn insert_without_vpcd_says_so() {
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let card = VirtualCard::start(CardConfig {
        vpcd: port, // the listener is gone: nothing accepts here
        personas_dir: personas_dir(),
        pki_dir: pki_dir(),
        apdu_log: None,
    })
    .unwrap();
    let err = card.insert("adult").unwrap_err();
    assert!(
        err.to_string().contains("start pcscd with the vpcd driver"),
        "{err}"
    );
    assert_eq!(card.inserted(), None);
}
