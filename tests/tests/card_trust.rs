//! The card as an adversary, through the real pcscd, vpcd and the virtual card: a PIN left
//! verified by other software, a card face with a photo spliced outside its signed range, a
//! card that answers "more data" for ever, and one that answers "wrong Le" to a PIN.

use onshi_tests::{Desk, kenmen_issuer, workspace_file};
use reader_driver::{
    AuthPin, Error, Jpki, Kenmen, PinStatus, TokenKind, VerificationNumberB, apdu::StatusWord,
};
use simulators::card::Quirk;

fn persona(id: &str) -> simulators::card::Persona {
    simulators::card::persona(&workspace_file("assets/personas"), id).expect("persona")
}

fn pin_of(id: &str) -> AuthPin {
    AuthPin::new(&persona(id).toml.jpki.auth_pin).unwrap()
}

/// Another program on the same machine (a マイナポータル client, say) verifies the auth PIN
/// and leaves the card as it is; returns what the card answers to a free retry query after.
fn other_software_verifies_the_pin(desk: &Desk, pin: &str) -> Vec<u8> {
    let ctx = pcsc::Context::establish(pcsc::Scope::User).unwrap();
    let reader = std::ffi::CString::new(desk.reader.clone()).unwrap();
    let card = ctx
        .connect(&reader, pcsc::ShareMode::Shared, pcsc::Protocols::T1)
        .unwrap();
    let mut buf = [0u8; 300];
    let mut send = |apdu: &[u8]| card.transmit(apdu, &mut buf).unwrap().to_vec();
    let jpki = [0xD3, 0x92, 0xF0, 0x00, 0x26, 0x01, 0x00, 0x00, 0x00, 0x01];
    assert_eq!(
        send(&[&[0x00, 0xA4, 0x04, 0x0C, 0x0A][..], &jpki].concat()),
        [0x90, 0x00]
    );
    assert_eq!(
        send(&[0x00, 0xA4, 0x02, 0x0C, 0x02, 0x00, 0x18]),
        [0x90, 0x00]
    );
    let verify = [&[0x00, 0x20, 0x00, 0x80, 0x04][..], pin.as_bytes()].concat();
    assert_eq!(
        send(&verify),
        [0x90, 0x00],
        "the other program's PIN is right"
    );
    let after = send(&[0x00, 0x20, 0x00, 0x80]);
    card.disconnect(pcsc::Disposition::LeaveCard)
        .map_err(|(_, e)| e)
        .unwrap();
    after
}

#[test]
fn a_pin_left_verified_by_other_software_is_not_the_patients_pin() {
    let mut desk = Desk::start();
    desk.card.set_quirk(Some(Quirk::EmptyVerifyReportsVerified));
    desk.insert("adult");
    let pin = persona("adult").toml.jpki.auth_pin;
    assert_eq!(
        other_software_verifies_the_pin(&desk, &pin),
        [0x90, 0x00],
        "the card left verified says so to an empty VERIFY"
    );
    let mut card = desk.connect().unwrap();
    let mut jpki = Jpki::new(&mut card);
    assert_eq!(
        jpki.auth_pin_status().unwrap(),
        PinStatus::TriesLeft(3),
        "the desk's connection starts from a fresh card: the patient must type the PIN"
    );
    assert_eq!(
        jpki.sign_sha256(&[1; 32]),
        Err(Error::NotAuthenticated),
        "nothing verified carries over into the visit"
    );
    jpki.verify_auth_pin(&pin_of("adult")).unwrap();
    jpki.sign_sha256(&[1; 32]).unwrap();
}

#[test]
fn a_card_face_with_a_photo_spliced_outside_the_signed_range_is_refused() {
    let mut desk = Desk::start();
    let adult = persona("adult");
    let impostor = persona("elderly").photo;
    assert_ne!(impostor, adult.photo);
    desk.card
        .splice_card_face_photo("adult", &impostor)
        .unwrap();
    desk.insert("adult");
    let mut card = desk.connect().unwrap();
    let number = VerificationNumberB::new(&adult.verification_number_b()).unwrap();
    let r = Kenmen::new(&mut card).read_card_face(&number, &kenmen_issuer());
    assert_eq!(
        r.map(|f| f.photo_jp2.to_vec() == impostor),
        Err(Error::CardFaceSignatureInvalid)
    );
}

#[test]
fn a_card_face_key_from_another_issuer_is_refused() {
    let mut desk = Desk::start();
    desk.insert("adult");
    let adult = persona("adult");
    let mut card = desk.connect().unwrap();
    let number = VerificationNumberB::new(&adult.verification_number_b()).unwrap();
    // The 券面AP's own key stands in for an issuer the desk was not given.
    let der = std::fs::read(workspace_file("assets/pki/kenmen-ap.pub.der")).unwrap();
    let other = reader_driver::KenmenIssuer::from_der(&der).unwrap();
    assert_eq!(
        Kenmen::new(&mut card)
            .read_card_face(&number, &other)
            .map(drop),
        Err(Error::CardFaceKeyNotCertified)
    );
    // The configured issuer opens the same card.
    let face = Kenmen::new(&mut card)
        .read_card_face(&number, &kenmen_issuer())
        .unwrap();
    assert_eq!(&face.photo_jp2[..], &adult.photo[..]);
}

#[test]
fn a_card_that_answers_more_data_for_ever_is_given_up_on() {
    let mut desk = Desk::start();
    desk.insert("adult");
    let mut card = desk.connect().unwrap();
    desk.card.set_quirk(Some(Quirk::MoreDataForever));
    let before = desk.card.apdus_seen();
    let r = Jpki::new(&mut card).token_kind();
    assert!(matches!(r, Err(Error::Malformed { .. })), "{r:?}");
    let sent = desk.card.apdus_seen() - before;
    // One SELECT, then GET RESPONSE for at most a whole file's worth of chunks.
    assert!(sent <= 1 + 0x8100 / 256 + 1, "{sent} APDUs");
    // The card behaves again: the desk goes on with it.
    desk.card.set_quirk(None);
    drop(card);
    let mut card = desk.connect().unwrap();
    assert_eq!(Jpki::new(&mut card).token_kind().unwrap(), TokenKind::Card);
}

#[test]
fn a_wrong_le_answer_to_a_pin_never_sends_the_pin_again() {
    let mut desk = Desk::start();
    desk.insert("adult");
    let mut card = desk.connect().unwrap();
    let mut jpki = Jpki::new(&mut card);
    assert_eq!(jpki.auth_pin_status().unwrap(), PinStatus::TriesLeft(3));
    desk.card.set_quirk(Some(Quirk::WrongLeToVerify));
    let before = desk.card.apdus_seen();
    assert_eq!(
        jpki.verify_auth_pin(&pin_of("adult")),
        Err(Error::Card {
            command: "VERIFY",
            sw: StatusWord::WrongLe(0)
        })
    );
    assert_eq!(desk.card.apdus_seen() - before, 1, "exactly one VERIFY");
    let verifies = desk
        .apdu_log()
        .lines()
        .filter(|l| l.contains("\"cmd\":\"0020008004"))
        .count();
    assert_eq!(verifies, 1, "one PIN on the wire");
}
