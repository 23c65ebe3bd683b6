//! The card as the desk sees it, through the real pcscd and vpcd driver and the virtual card:
//! certificates, PIN counting and locking, signatures, the card face, terminal authentication,
//! a card pulled at every step, and pcscd dying under the watcher.

use onshi_tests::{Desk, workspace_file};
use reader_driver::cert::{CertError, check_chain};
use reader_driver::jpki::TerminalCredentials;
use reader_driver::{
    AuthPin, Card, Error, Jpki, Kenmen, PcscCard, PinStatus, ReaderEvent, TokenKind,
    VerificationNumberB,
};
use rsa::pkcs1v15::Pkcs1v15Sign;
use rsa::pkcs8::DecodePublicKey;
use sha2::{Digest, Sha256};
use time::macros::datetime;

const PERSONAS: [&str; 9] = [
    "adult",
    "face-only",
    "child",
    "pin-locked",
    "expired",
    "two-tries",
    "unregistered",
    "elderly",
    "revoked",
];

fn persona(id: &str) -> simulators::card::Persona {
    simulators::card::persona(&workspace_file("assets/personas"), id).expect("persona")
}

fn auth_ca() -> Vec<u8> {
    std::fs::read(workspace_file("assets/pki/jpki-auth-ca.crt.der")).unwrap()
}

fn terminal() -> TerminalCredentials {
    TerminalCredentials::load(
        &workspace_file("assets/pki/tokutei-terminal.crt.der"),
        &workspace_file("assets/pki/tokutei-terminal.key.pem"),
    )
    .unwrap()
}

fn cert_key(der: &[u8]) -> rsa::RsaPublicKey {
    use x509_parser::prelude::{FromDer, X509Certificate};
    let (_, c) = X509Certificate::from_der(der).unwrap();
    rsa::RsaPublicKey::from_public_key_der(c.public_key().raw).unwrap()
}

fn pin(s: &str) -> AuthPin {
    AuthPin::new(s).unwrap()
}

/// The PIN stored for a persona, from its TOML so the test does not repeat it.
fn persona_pin(id: &str) -> AuthPin {
    pin(&persona(id).toml.jpki.auth_pin)
}

fn wrong_pin_for(id: &str) -> AuthPin {
    let right = persona(id).toml.jpki.auth_pin;
    pin(if right == "0000" { "1111" } else { "0000" })
}

fn date(d: &simulators::card::persona::Date) -> time::Date {
    time::Date::from_calendar_date(
        d.year as i32,
        time::Month::try_from(d.month).unwrap(),
        d.day,
    )
    .unwrap()
}

/// 照合番号B as the clerk would key it: the driver turns the 西暦 birth date into 和暦 itself,
/// a second reading of the rule that the virtual card implements on its side.
fn number_b(p: &simulators::card::Persona) -> VerificationNumberB {
    VerificationNumberB::from_parts(
        date(&p.birth_date),
        p.card_expiry.year,
        &p.toml.security_code,
    )
    .unwrap()
}

#[test]
fn every_persona_shows_its_token_pin_state_and_certificate() {
    let mut desk = Desk::start();
    let now = datetime!(2026-11-23 12:00 UTC);
    for id in PERSONAS {
        desk.insert(id);
        let mut card = desk.connect().unwrap();
        let mut jpki = Jpki::new(&mut card);
        assert_eq!(jpki.token_kind().unwrap(), TokenKind::Card, "{id}");
        let expected_pin = match id {
            "face-only" | "pin-locked" => PinStatus::Locked,
            "two-tries" => PinStatus::TriesLeft(2),
            _ => PinStatus::TriesLeft(3),
        };
        assert_eq!(jpki.auth_pin_status().unwrap(), expected_pin, "{id}");
        let der = jpki.read_auth_certificate().unwrap();
        assert_eq!(
            der,
            std::fs::read(workspace_file(&format!(
                "assets/personas/{id}/auth.crt.der"
            )))
            .unwrap(),
            "{id}"
        );
        let ca = jpki.read_auth_ca_certificate().unwrap();
        assert_eq!(ca, auth_ca(), "{id}: CA cert on the card");
        let chain = check_chain(&der, &[auth_ca()], now);
        if id == "expired" {
            assert!(
                matches!(chain, Err(CertError::Expired(d)) if d.to_string() == "2026-06-12"),
                "{chain:?}"
            );
        } else {
            assert_eq!(chain, Ok(()), "{id}");
        }
        drop(card);
        desk.remove();
    }
}

#[test]
fn cert_reading_takes_the_fewest_apdus() {
    let mut desk = Desk::start();
    desk.insert("adult");
    let mut card = desk.connect().unwrap();
    let der = Jpki::new(&mut card).read_auth_certificate().unwrap();
    // SELECT AP + SELECT EF + one READ per started 256 bytes (the first carries the header).
    let expected = 2 + der.len().div_ceil(256) as u32;
    assert_eq!(card.apdu_count(), expected);
    assert_eq!(desk.card.apdus_seen(), expected as u64);
}

#[test]
fn wrong_wrong_right_resets_the_counter_and_each_entry_is_one_verify() {
    let mut desk = Desk::start();
    desk.insert("adult");
    let mut card = desk.connect().unwrap();
    let mut jpki = Jpki::new(&mut card);
    assert_eq!(jpki.auth_pin_status().unwrap(), PinStatus::TriesLeft(3));
    let before = desk.card.apdus_seen();
    assert_eq!(
        jpki.verify_auth_pin(&wrong_pin_for("adult")),
        Err(Error::WrongPin { tries_left: 2 })
    );
    assert_eq!(
        desk.card.apdus_seen() - before,
        1,
        "one VERIFY, nothing else, no retry"
    );
    assert_eq!(
        jpki.verify_auth_pin(&wrong_pin_for("adult")),
        Err(Error::WrongPin { tries_left: 1 })
    );
    jpki.verify_auth_pin(&persona_pin("adult")).unwrap();
    drop(card);
    // A new power session: the counter is back to 3, the verified state is gone.
    desk.remove();
    desk.insert("adult");
    let mut card = desk.connect().unwrap();
    let mut jpki = Jpki::new(&mut card);
    assert_eq!(jpki.auth_pin_status().unwrap(), PinStatus::TriesLeft(3));
    assert_eq!(
        jpki.sign_sha256(&[0; 32]),
        Err(Error::NotAuthenticated),
        "unpowered → PIN needed again"
    );
}

#[test]
fn three_wrong_pins_lock_the_card_with_69_84() {
    let mut desk = Desk::start();
    desk.insert("adult");
    let mut card = desk.connect().unwrap();
    let mut jpki = Jpki::new(&mut card);
    let wrong = wrong_pin_for("adult");
    assert_eq!(
        jpki.verify_auth_pin(&wrong),
        Err(Error::WrongPin { tries_left: 2 })
    );
    assert_eq!(
        jpki.verify_auth_pin(&wrong),
        Err(Error::WrongPin { tries_left: 1 })
    );
    assert_eq!(jpki.verify_auth_pin(&wrong), Err(Error::PinLocked));
    assert_eq!(jpki.auth_pin_status().unwrap(), PinStatus::Locked);
    // Even the right PIN is refused now, with 69 84.
    assert_eq!(
        jpki.verify_auth_pin(&persona_pin("adult")),
        Err(Error::PinLocked)
    );
    let log = desk.apdu_log();
    let last_verify = log
        .lines()
        .rfind(|l| l.contains("\"cmd\":\"0020008004"))
        .unwrap();
    assert!(last_verify.contains("\"sw\":\"6984\""), "{last_verify}");
    assert!(
        !log.contains("\"cmd\":\"002000800431"),
        "PIN digits must be masked in the log"
    );
}

#[test]
fn two_tries_persona_counts_down_from_two() {
    let mut desk = Desk::start();
    desk.insert("two-tries");
    let mut card = desk.connect().unwrap();
    let mut jpki = Jpki::new(&mut card);
    assert_eq!(jpki.auth_pin_status().unwrap(), PinStatus::TriesLeft(2));
    assert_eq!(
        jpki.verify_auth_pin(&wrong_pin_for("two-tries")),
        Err(Error::WrongPin { tries_left: 1 })
    );
    jpki.verify_auth_pin(&persona_pin("two-tries")).unwrap();
}

#[test]
fn pin_then_signature_verifies_with_the_certificate_key() {
    let mut desk = Desk::start();
    desk.insert("adult");
    let mut card = desk.connect().unwrap();
    let mut jpki = Jpki::new(&mut card);
    let der = jpki.read_auth_certificate().unwrap();
    assert_eq!(
        jpki.sign_sha256(&[7; 32]),
        Err(Error::NotAuthenticated),
        "no PIN yet"
    );
    jpki.verify_auth_pin(&persona_pin("adult")).unwrap();
    let nonce = b"centre nonce 2026-11-23";
    let hash: [u8; 32] = Sha256::digest(nonce).into();
    let sig = jpki.sign_sha256(&hash).unwrap();
    cert_key(&der)
        .verify(Pkcs1v15Sign::new::<Sha256>(), &hash, &sig)
        .expect("signature verifies with the auth certificate's key");
}

#[test]
fn face_card_is_pin_blocked_and_signs_after_terminal_authentication() {
    let mut desk = Desk::start();
    desk.insert("face-only");
    let mut card = desk.connect().unwrap();
    let mut jpki = Jpki::new(&mut card);
    assert_eq!(jpki.auth_pin_status().unwrap(), PinStatus::Locked);
    assert_eq!(jpki.sign_sha256(&[1; 32]), Err(Error::NotAuthenticated));
    jpki.terminal_authenticate(&terminal()).unwrap();
    let der = jpki.read_auth_certificate().unwrap();
    let hash = [9u8; 32];
    let sig = jpki.sign_sha256(&hash).unwrap();
    cert_key(&der)
        .verify(Pkcs1v15Sign::new::<Sha256>(), &hash, &sig)
        .unwrap();
}

#[test]
fn terminal_with_a_certificate_from_another_ca_is_rejected() {
    let mut desk = Desk::start();
    desk.insert("face-only");
    let mut card = desk.connect().unwrap();
    // A JPKI auth certificate and key are real, but not from the 特定機関 CA.
    let impostor = TerminalCredentials::load(
        &workspace_file("assets/personas/adult/auth.crt.der"),
        &workspace_file("assets/personas/adult/auth.key.pem"),
    )
    .unwrap();
    let mut jpki = Jpki::new(&mut card);
    assert_eq!(
        jpki.terminal_authenticate(&impostor),
        Err(Error::TerminalRejected)
    );
    assert_eq!(jpki.sign_sha256(&[1; 32]), Err(Error::NotAuthenticated));
}

#[test]
fn card_face_opens_with_verification_number_b_and_carries_the_photo() {
    let mut desk = Desk::start();
    desk.insert("adult");
    let p = persona("adult");
    let mut card = desk.connect().unwrap();
    let mut kenmen = Kenmen::new(&mut card);
    let wrong = VerificationNumberB::new("00000000000000").unwrap();
    assert!(matches!(
        kenmen.verify_b(&wrong),
        Err(Error::WrongVerificationNumber { .. })
    ));
    let face = kenmen
        .read_card_face(&number_b(&p), &onshi_tests::kenmen_issuer())
        .unwrap();
    assert_eq!(&face.photo_jp2[..], &p.photo[..]);
    assert_eq!(face.birth_date, date(&p.birth_date));
    assert_eq!(face.expiry, date(&p.card_expiry));
    assert_eq!(face.sex, reader_driver::Sex::Female);
    assert!(face.name_png.starts_with(b"\x89PNG"));
}

/// Runs one desk operation from a fresh connection.
fn run_op(desk: &Desk, op: &str) -> reader_driver::Result<()> {
    let mut card: Card<PcscCard> = desk.connect()?;
    match op {
        "read auth cert" => Jpki::new(&mut card).read_auth_certificate().map(drop),
        "PIN + sign" => {
            let mut j = Jpki::new(&mut card);
            j.verify_auth_pin(&persona_pin("adult"))?;
            j.sign_sha256(&[3; 32]).map(drop)
        }
        "read card face" => Kenmen::new(&mut card)
            .read_card_face(&number_b(&persona("adult")), &onshi_tests::kenmen_issuer())
            .map(drop),
        _ => unreachable!(),
    }
}

#[test]
fn card_pulled_at_every_apdu_of_every_operation_says_card_removed() {
    let mut desk = Desk::start();
    for op in ["read auth cert", "PIN + sign", "read card face"] {
        desk.insert("adult");
        let before = desk.card.apdus_seen();
        run_op(&desk, op).unwrap();
        let n = desk.card.apdus_seen() - before;
        desk.remove();
        for i in 0..n {
            eprintln!("{op}: card pulled before APDU {}", i + 1);
            desk.insert("adult");
            desk.card.remove_after_apdus(i as u32);
            let r = run_op(&desk, op);
            assert_eq!(
                r,
                Err(Error::CardRemoved),
                "{op}: card pulled before APDU {}",
                i + 1
            );
            // pcscd sees the pull by itself: nothing takes the card off for it.
            desk.wait_card_gone();
            assert_eq!(
                desk.card.inserted(),
                None,
                "{op}: the card still counts itself inserted after the pull before APDU {}",
                i + 1
            );
        }
        // The next card works as if nothing happened.
        desk.insert("adult");
        run_op(&desk, op).unwrap_or_else(|e| panic!("{op} after the pulls: {e}"));
        desk.remove();
    }
}

#[test]
fn first_apdu_answered_6f00_after_power_on_is_survived() {
    let mut desk = Desk::start();
    desk.card.set_first_apdu_6f00(true);
    desk.insert("adult");
    let mut card = desk.connect().unwrap();
    assert_eq!(Jpki::new(&mut card).token_kind().unwrap(), TokenKind::Card);
    // The card really answered 6F 00 to the first command after power-on, and the driver
    // sent that same command once more, which the card then answered 90 00.
    let log = desk.apdu_log();
    let lines: Vec<serde_json::Value> = log
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON log line"))
        .collect();
    let powered = lines
        .iter()
        .rposition(|v| v["event"] == "power_on")
        .expect("pcscd powered the card on");
    let exchanges: Vec<&serde_json::Value> = lines[powered..]
        .iter()
        .filter(|v| v["cmd"].is_string())
        .collect();
    assert!(exchanges.len() >= 2, "{log}");
    assert_eq!(
        exchanges[0]["sw"], "6F00",
        "first APDU after power-on: {log}"
    );
    assert_eq!(
        exchanges[1]["cmd"], exchanges[0]["cmd"],
        "the same command sent again: {log}"
    );
    assert_eq!(exchanges[1]["sw"], "9000", "{log}");
    assert_eq!(
        u64::from(card.apdu_count()),
        exchanges.len() as u64,
        "the driver counted the 6F 00 exchange too"
    );
}

#[test]
fn watcher_recovers_when_pcscd_dies_and_comes_back() {
    let mut desk = Desk::start();
    desk.insert("adult");
    desk.pcscd().kill();
    desk.wait_for(|e| *e == ReaderEvent::ServiceDown);
    assert_eq!(desk.connect().err(), Some(Error::ServiceDown));
    desk.pcscd().restart().expect("pcscd restarts");
    desk.wait_for(|e| *e == ReaderEvent::ServiceUp);
    let reader = desk.reader.clone();
    desk.wait_for(|e| *e == ReaderEvent::ReaderAdded(reader.clone()));
    // The card's connection died with pcscd: put it back.
    desk.card.remove();
    desk.insert("adult");
    let mut card = desk.connect().unwrap();
    assert_eq!(Jpki::new(&mut card).token_kind().unwrap(), TokenKind::Card);
}
