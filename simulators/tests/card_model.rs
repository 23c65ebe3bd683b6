//! The card model driven with raw APDUs, in process (no pcscd): files, PINs, signatures,
//! terminal authentication, the 券面AP face record and its signature, and the odd corners of
//! READ BINARY.

use crate::card_common;

use card_common::*;
use rsa::pkcs8::{DecodePrivateKey, DecodePublicKey};
use rsa::traits::PublicKeyParts;
use rsa::{BigUint, Pkcs1v15Sign, RsaPrivateKey, RsaPublicKey};
use sha2::{Digest, Sha256};
use simulators::card::{persona_ids, terminal};

const DIGEST_INFO_PREFIX: &str = "3031300D060960864801650304020105000420";

fn sha256_digest_info(msg: &[u8]) -> Vec<u8> {
    let mut v = hexb(DIGEST_INFO_PREFIX);
    v.extend(Sha256::digest(msg));
    v
}

fn sign_apdu(p2: u8, digest_info: &[u8]) -> Vec<u8> {
    let mut a = vec![0x80, 0x2A, 0x00, p2, digest_info.len() as u8];
    a.extend_from_slice(digest_info);
    a.push(0x00);
    a
}

fn verify_apdu(secret: &str) -> Vec<u8> {
    let mut a = vec![0x00, 0x20, 0x00, 0x80, secret.len() as u8];
    a.extend_from_slice(secret.as_bytes());
    a
}

fn cert_key(der: &[u8]) -> RsaPublicKey {
    terminal::Certificate::parse(der)
        .and_then(|c| c.public_key())
        .expect("RSA certificate")
}

#[test]
fn every_persona_reads_back_its_certificates_token_and_photo() {
    let ids = persona_ids(&personas_dir()).unwrap();
    assert!(ids.len() >= 6, "personas: {ids:?}");
    let pki = pki();
    for id in ids {
        let p = load(&id);
        let mut c = simulators::card::CardModel::new(&p, &pki);
        ok(&mut c, SELECT_JPKI);
        assert_eq!(select_ef(&mut c, 0x0006), 0x9000);
        let token = read_all(&mut c);
        assert_eq!(token.len(), 160, "{id}");
        assert_eq!(
            String::from_utf8_lossy(&token[..32]).trim_end(),
            p.toml.jpki.token,
            "{id}"
        );
        assert_eq!(select_ef(&mut c, 0x000A), 0x9000);
        // Header first, as the desk reads it: 30 82 HH LL.
        let head = ok(&mut c, "00 B0 00 00 04");
        assert_eq!(
            u16::from_be_bytes([head[2], head[3]]) as usize + 4,
            p.auth_cert_der.len(),
            "{id}"
        );
        assert_eq!(read_all(&mut c), p.auth_cert_der, "{id} auth cert");
        assert_eq!(select_ef(&mut c, 0x000B), 0x9000);
        assert_eq!(
            read_all(&mut c),
            std::fs::read(pki_dir().join("jpki-auth-ca.crt.der")).unwrap()
        );
        assert_eq!(select_ef(&mut c, 0x0008), 0x9000);
        let avail = read_all(&mut c);
        assert_eq!(
            avail[0] == 0x8F,
            p.sign_cert_der.is_some() && !p.toml.jpki.face_card,
            "{id} EF 0008 {avail:02X?}"
        );
        assert_eq!(avail[1], 0x8F);

        ok(&mut c, SELECT_KENMEN);
        assert_eq!(select_ef(&mut c, 0x0012), 0x9000);
        ok(
            &mut c,
            &hex::encode(verify_apdu(&p.verification_number_b())),
        );
        assert_eq!(select_ef(&mut c, 0x0002), 0x9000);
        let face = read_all(&mut c);
        let outer = tlvs(&face, 0);
        assert_eq!(outer[0].0, vec![0xFF, 0x20]);
        let inner = tlvs(&outer[0].1, face.len() - outer[0].1.len());
        let photo = inner.iter().find(|t| t.0 == [0xDF, 0x27]).expect("DF27");
        assert_eq!(photo.1, p.photo, "{id} photo");
        assert_eq!(
            &photo.1[..12],
            &hexb("0000000C6A5020200D0A870A"),
            "{id}: JP2 signature"
        );
    }
}

#[test]
fn wrong_wrong_right_pin_resets_the_counter() {
    let (_, mut c) = card("adult");
    ok(&mut c, SELECT_JPKI);
    select_ef(&mut c, 0x0018);
    assert_eq!(txb(&mut c, &verify_apdu("0000")).1, 0x63C2);
    assert_eq!(txb(&mut c, &verify_apdu("9999")).1, 0x63C1);
    assert_eq!(txb(&mut c, &verify_apdu("1234")).1, 0x9000);
    assert_eq!(tx(&mut c, "00 20 00 80").1, 0x63C3, "counter back to 3");
}

#[test]
fn three_wrong_pins_lock_the_card_for_good() {
    let (_, mut c) = card("adult");
    ok(&mut c, SELECT_JPKI);
    select_ef(&mut c, 0x0018);
    for expect in [0x63C2, 0x63C1, 0x63C0] {
        assert_eq!(txb(&mut c, &verify_apdu("0000")).1, expect);
    }
    assert_eq!(
        txb(&mut c, &verify_apdu("1234")).1,
        0x6984,
        "right PIN refused once blocked"
    );
    assert_eq!(tx(&mut c, "00 20 00 80").1, 0x63C0);
    c.reset(); // power cycle does not unblock
    ok(&mut c, SELECT_JPKI);
    assert_eq!(
        tx(&mut c, "00 20 00 98 04 31 32 33 34").1,
        0x6984,
        "SFI form, after power cycle"
    );
}

#[test]
fn empty_verify_costs_nothing() {
    let (_, mut c) = card("two-tries");
    ok(&mut c, SELECT_JPKI);
    select_ef(&mut c, 0x0018);
    for _ in 0..5 {
        assert_eq!(tx(&mut c, "00 20 00 80").1, 0x63C2);
    }
    let (_, mut locked) = card("pin-locked");
    ok(&mut locked, SELECT_JPKI);
    select_ef(&mut locked, 0x0018);
    assert_eq!(tx(&mut locked, "00 20 00 80").1, 0x63C0);
}

#[test]
fn face_card_is_blocked_and_has_no_signature_certificate() {
    let (_, mut c) = card("face-only");
    ok(&mut c, SELECT_JPKI);
    assert_eq!(select_ef(&mut c, 0x0018), 0x9000);
    assert_eq!(tx(&mut c, "00 20 00 80").1, 0x63C0);
    assert_eq!(
        txb(&mut c, &verify_apdu("")).1,
        0x63C0,
        "Case 1 with Lc 0 is still a query"
    );
    assert_eq!(txb(&mut c, &verify_apdu("0000")).1, 0x6984);
    assert_eq!(
        select_ef(&mut c, 0x0001),
        0x6A82,
        "no signature certificate"
    );
    assert_eq!(select_ef(&mut c, 0x001A), 0x6A82);
    assert_eq!(
        select_ef(&mut c, 0x001B),
        0x9000,
        "password EF present, never set"
    );
    assert_eq!(tx(&mut c, "00 20 00 80").1, 0x63C0);
    assert_eq!(select_ef(&mut c, 0x0017), 0x9000);
    assert_eq!(
        txb(&mut c, &sign_apdu(0x80, &sha256_digest_info(b"x"))).1,
        0x6982
    );
}

#[test]
fn auth_signature_verifies_with_the_certificate_key_and_needs_the_pin() {
    let (p, mut c) = card("adult");
    let di = sha256_digest_info(b"nonce from the centre");
    ok(&mut c, SELECT_JPKI);
    select_ef(&mut c, 0x0017);
    assert_eq!(txb(&mut c, &sign_apdu(0x80, &di)).1, 0x6982, "no PIN yet");
    select_ef(&mut c, 0x0018);
    ok(&mut c, &hex::encode(verify_apdu("1234")));
    select_ef(&mut c, 0x0017);
    let (sig, sw) = txb(&mut c, &sign_apdu(0x80, &di));
    assert_eq!(sw, 0x9000);
    assert_eq!(sig.len(), 256);
    let key = cert_key(&p.auth_cert_der);
    key.verify(
        Pkcs1v15Sign::new::<Sha256>(),
        &Sha256::digest(b"nonce from the centre"),
        &sig,
    )
    .expect("signature verifies with the auth certificate's key");
    // SFI form gives the same bytes (PKCS#1 v1.5 is deterministic); state survives re-selection.
    ok(&mut c, SELECT_KENMEN);
    ok(&mut c, SELECT_JPKI);
    let (sig2, sw) = txb(&mut c, &sign_apdu(0x97, &di));
    assert_eq!((sw, sig2), (0x9000, sig));
    // Power cycle forgets the PIN.
    c.reset();
    ok(&mut c, SELECT_JPKI);
    assert_eq!(txb(&mut c, &sign_apdu(0x97, &di)).1, 0x6982);
    // The sign key wants the sign password, not the auth PIN.
    select_ef(&mut c, 0x0018);
    ok(&mut c, &hex::encode(verify_apdu("1234")));
    assert_eq!(txb(&mut c, &sign_apdu(0x9A, &di)).1, 0x6982);
    assert_eq!(select_ef(&mut c, 0x0001), 0x9000);
    assert_eq!(
        tx(&mut c, "00 B0 00 00 04").1,
        0x6982,
        "sign certificate needs the password"
    );
    select_ef(&mut c, 0x001B);
    ok(&mut c, &hex::encode(verify_apdu("ABC123")));
    let (sig3, sw) = txb(&mut c, &sign_apdu(0x9A, &di));
    assert_eq!(sw, 0x9000);
    cert_key(p.sign_cert_der.as_ref().unwrap())
        .verify(
            Pkcs1v15Sign::new::<Sha256>(),
            &Sha256::digest(b"nonce from the centre"),
            &sig3,
        )
        .expect("sign key matches the sign certificate");
}

fn terminal_key() -> RsaPrivateKey {
    RsaPrivateKey::read_pkcs8_pem_file(pki_dir().join("tokutei-terminal.key.pem")).unwrap()
}

fn ta_apdu(cert: &[u8], sig: &[u8]) -> Vec<u8> {
    fn tlv(tag: &[u8], v: &[u8]) -> Vec<u8> {
        let mut o = tag.to_vec();
        o.push(0x82);
        o.extend_from_slice(&(v.len() as u16).to_be_bytes());
        o.extend_from_slice(v);
        o
    }
    let mut data = tlv(&[0x7F, 0x21], cert);
    data.extend(tlv(&[0x5F, 0x37], sig));
    let mut a = vec![0x80, 0xA2, 0x00, 0x00, 0x00];
    a.extend_from_slice(&(data.len() as u16).to_be_bytes());
    a.extend(data);
    a
}

fn sign_challenge(key: &RsaPrivateKey, chal: &[u8]) -> Vec<u8> {
    key.sign(Pkcs1v15Sign::new::<Sha256>(), &Sha256::digest(chal))
        .unwrap()
}

#[test]
fn terminal_authentication_unlocks_the_auth_key_without_pin() {
    let (p, mut c) = card("face-only");
    let cert = std::fs::read(pki_dir().join("tokutei-terminal.crt.der")).unwrap();
    let key = terminal_key();
    ok(&mut c, SELECT_JPKI);
    // No challenge yet.
    assert_eq!(txb(&mut c, &ta_apdu(&cert, &[0; 256])).1, 0x6985);
    // Wrong P1/P2.
    let mut bad = ta_apdu(&cert, &[0; 256]);
    bad[3] = 0x01;
    assert_eq!(txb(&mut c, &bad).1, 0x6A86);
    // Bad signature: signed something else; the challenge is consumed.
    let chal = ok(&mut c, "00 84 00 00 10");
    assert_eq!(chal.len(), 16);
    assert_eq!(
        txb(
            &mut c,
            &ta_apdu(&cert, &sign_challenge(&key, b"not the challenge"))
        )
        .1,
        0x6982
    );
    assert_eq!(
        txb(&mut c, &ta_apdu(&cert, &sign_challenge(&key, &chal))).1,
        0x6985,
        "consumed"
    );
    // Bad certificate: a JPKI certificate (not from the 特定機関 CA) with its own key.
    let chal = ok(&mut c, "00 84 00 00 10");
    let other_key = p.auth_key.clone();
    assert_eq!(
        txb(
            &mut c,
            &ta_apdu(&p.auth_cert_der, &sign_challenge(&other_key, &chal))
        )
        .1,
        0x6982
    );
    // Malformed data.
    ok(&mut c, "00 84 00 00 10");
    assert_eq!(tx(&mut c, "80 A2 00 00 00 00 03 01 02 03").1, 0x6A80);
    // Good.
    select_ef(&mut c, 0x0017);
    let di = sha256_digest_info(b"centre nonce");
    assert_eq!(txb(&mut c, &sign_apdu(0x80, &di)).1, 0x6982);
    let chal = ok(&mut c, "00 84 00 00 10");
    assert_eq!(
        txb(&mut c, &ta_apdu(&cert, &sign_challenge(&key, &chal))).1,
        0x9000
    );
    let (sig, sw) = txb(&mut c, &sign_apdu(0x80, &di));
    assert_eq!(
        sw, 0x9000,
        "auth key signs without PIN after terminal authentication"
    );
    cert_key(&p.auth_cert_der)
        .verify(
            Pkcs1v15Sign::new::<Sha256>(),
            &Sha256::digest(b"centre nonce"),
            &sig,
        )
        .unwrap();
    c.reset();
    ok(&mut c, SELECT_JPKI);
    assert_eq!(
        txb(&mut c, &sign_apdu(0x97, &di)).1,
        0x6982,
        "gone after power-off"
    );
}

#[test]
fn kenmen_face_needs_number_b_and_its_signature_verifies() {
    let (p, mut c) = card("elderly");
    ok(&mut c, SELECT_KENMEN);
    assert_eq!(select_ef(&mut c, 0x0002), 0x9000);
    assert_eq!(
        tx(&mut c, "00 B0 00 00 07").1,
        0x6982,
        "locked before 照合番号B"
    );
    assert_eq!(select_ef(&mut c, 0x0012), 0x9000);
    let b = p.verification_number_b();
    assert_eq!(b.len(), 14);
    assert!(
        b.starts_with("190310") && b.ends_with(&p.toml.security_code),
        "昭和19年 DOB prefix"
    );
    let mut wrong = b.clone().into_bytes();
    wrong[13] = if wrong[13] == b'0' { b'1' } else { b'0' };
    let (_, sw) = txb(&mut c, &verify_apdu(std::str::from_utf8(&wrong).unwrap()));
    assert_eq!(sw & 0xFFF0, 0x63C0);
    ok(&mut c, &hex::encode(verify_apdu(&b)));
    select_ef(&mut c, 0x0002);
    let face = read_all(&mut c);
    assert_eq!(&face[..3], &[0xFF, 0x20, 0x82]);
    assert_eq!(
        u16::from_be_bytes([face[3], face[4]]) as usize + 5,
        face.len()
    );
    let objs = tlvs(&face[5..], 5);
    let tags: Vec<u8> = objs.iter().map(|t| t.0[1]).collect();
    assert_eq!(
        tags,
        vec![0x21, 0x22, 0x23, 0x24, 0x25, 0x26, 0x27, 0x28, 0x29, 0x2A]
    );
    // DF21: offsets from byte 0 of the file of each following object.
    let table = &objs[0].1;
    assert_eq!(table.len(), 18);
    for (i, obj) in objs[1..].iter().enumerate() {
        assert_eq!(
            u16::from_be_bytes([table[2 * i], table[2 * i + 1]]) as usize,
            obj.2,
            "offset of DF{:02X}",
            obj.0[1]
        );
    }
    let value = |tag: u8| &objs.iter().find(|t| t.0[1] == tag).unwrap().1;
    assert_eq!(value(0x22), b"19440310");
    assert_eq!(value(0x23), p.toml.sex.to_string().as_bytes());
    assert_eq!(value(0x29), p.card_expiry.yyyymmdd().as_bytes());
    assert_eq!(&value(0x25)[1..4], b"PNG");
    // DF28 with the key of EF 0004, which kenmen-issuer signed.
    select_ef(&mut c, 0x0004);
    let cv = read_all(&mut c);
    assert_eq!(cv.len(), 568);
    let cv_outer = tlvs(&cv, 0);
    let parts = tlvs(&cv_outer[0].1, 5);
    assert_eq!(
        (parts[0].0.clone(), parts[1].0.clone()),
        (vec![0x5F, 0x4E], vec![0x5F, 0x37])
    );
    let body = &parts[0].1;
    assert_eq!(&body[..7], b"6000023");
    let key_tlvs = tlvs(&body[32..], 0);
    let ap_key = RsaPublicKey::new(
        BigUint::from_bytes_be(&key_tlvs[1].1),
        BigUint::from_bytes_be(&key_tlvs[0].1),
    )
    .unwrap();
    let issuer = RsaPrivateKey::read_pkcs8_pem_file(pki_dir().join("kenmen-issuer.key.pem"))
        .unwrap()
        .to_public_key();
    let signed_5f4e = &cv[5..5 + 5 + body.len()];
    issuer
        .verify(
            Pkcs1v15Sign::new::<Sha256>(),
            &Sha256::digest(signed_5f4e),
            &parts[1].1,
        )
        .expect("EF 0004 signed by the 券面AP issuer over the 5F 4E TLV");
    let raw = |tag: u8| {
        let o = objs.iter().find(|t| t.0[1] == tag).unwrap();
        let next = objs
            .iter()
            .find(|t| t.2 > o.2)
            .map(|t| t.2)
            .unwrap_or(face.len());
        face[o.2..next].to_vec()
    };
    let mut digests = Vec::new();
    digests.extend(Sha256::digest([raw(0x22), raw(0x23), raw(0x24)].concat()));
    digests.extend(Sha256::digest([raw(0x25), raw(0x26)].concat()));
    digests.extend(Sha256::digest(raw(0x27)));
    let mut di = hexb("3071300D0609608648016503040201050004 60");
    di.extend(digests);
    ap_key
        .verify(Pkcs1v15Sign::new_unprefixed(), &di, value(0x28))
        .expect("DF28 verifies");
    let public_from_pem = RsaPrivateKey::read_pkcs8_pem_file(pki_dir().join("kenmen-ap.key.pem"))
        .unwrap()
        .to_public_key();
    assert_eq!(ap_key.n(), public_from_pem.n());
    let _ = RsaPublicKey::from_public_key_der; // keep the trait import meaningful for readers
}

#[test]
fn read_binary_edges_past_end_extended_le_and_sfi() {
    let (p, mut c) = card("adult");
    ok(&mut c, SELECT_JPKI);
    select_ef(&mut c, 0x000A);
    let n = p.auth_cert_der.len();
    let [h, l] = (n as u16).to_be_bytes();
    assert_eq!(
        txb(&mut c, &[0x00, 0xB0, h, l, 0x10]).1,
        0x6B00,
        "offset == length"
    );
    let [h, l] = ((n - 3) as u16).to_be_bytes();
    assert_eq!(
        txb(&mut c, &[0x00, 0xB0, h, l, 0x00]).0.len(),
        3,
        "short answer at the end"
    );
    // Extended Le: whole file in one exchange.
    let (all, sw) = tx(&mut c, "00 B0 00 00 00 00 00");
    assert_eq!((sw, all.as_slice()), (0x9000, p.auth_cert_der.as_slice()));
    let (part, _) = tx(&mut c, "00 B0 00 10 00 01 2C");
    assert_eq!(part, p.auth_cert_der[0x10..0x10 + 300]);
    // SFI form selects EF 000B implicitly.
    let (d, sw) = tx(&mut c, "00 B0 8B 00 04");
    assert_eq!((sw, d[0]), (0x9000, 0x30));
    assert_eq!(ok(&mut c, "00 B0 00 00 04"), d, "000B is now current");
    // Unknown file, unknown INS, MF select after reset.
    assert_eq!(select_ef(&mut c, 0x0042), 0x6A82);
    assert_eq!(tx(&mut c, "00 EE 00 00").1, 0x6D00);
    c.reset();
    assert_eq!(tx(&mut c, "00 A4 00 00").1, 0x6A86);
    ok(&mut c, SELECT_JPKI);
    assert_eq!(tx(&mut c, "00 A4 00 00").1, 0x9000);
    assert_eq!(select_ef(&mut c, 0x0006), 0x9000, "still in the JPKI AP");
}

#[test]
fn pin_change_and_counters_persist_across_power_cycles() {
    let (_, mut c) = card("two-tries");
    ok(&mut c, SELECT_JPKI);
    select_ef(&mut c, 0x0018);
    assert_eq!(txb(&mut c, &verify_apdu("0000")).1, 0x63C1);
    c.reset();
    ok(&mut c, SELECT_JPKI);
    select_ef(&mut c, 0x0018);
    assert_eq!(
        tx(&mut c, "00 20 00 80").1,
        0x63C1,
        "a wrong entry carries over"
    );
    assert_eq!(
        tx(&mut c, "00 24 01 80 04 34 33 32 31").1,
        0x6982,
        "change needs VERIFY first"
    );
    ok(&mut c, &hex::encode(verify_apdu("1357")));
    ok(&mut c, "00 24 01 80 04 34 33 32 31");
    c.reset();
    ok(&mut c, SELECT_JPKI);
    select_ef(&mut c, 0x0018);
    ok(&mut c, &hex::encode(verify_apdu("4321")));
}

#[test]
fn age_record_opens_with_the_wareki_birth_key() {
    let (p, mut c) = card("child");
    ok(&mut c, SELECT_KENMEN);
    select_ef(&mut c, 0x0001);
    assert_eq!(tx(&mut c, "00 B0 00 00 00").1, 0x6982);
    select_ef(&mut c, 0x0011);
    assert_eq!(p.birth_key(), "270820", "2015-08-20 = 平成27年");
    assert_eq!(
        txb(&mut c, &verify_apdu("20150820")).1 & 0xFFF0,
        0x63C0,
        "Gregorian is wrong"
    );
    ok(&mut c, &hex::encode(verify_apdu("270820")));
    select_ef(&mut c, 0x0001);
    let rec = read_all(&mut c);
    assert_eq!(&rec[..5], &hexb("FF1082021E"));
    let inner = tlvs(&rec[5..], 5);
    assert_eq!(inner[0].1, b"20150820");
    let ap = RsaPrivateKey::read_pkcs8_pem_file(pki_dir().join("kenmen-ap.key.pem"))
        .unwrap()
        .to_public_key();
    let signed = &rec[5..inner[2].2];
    ap.verify(
        Pkcs1v15Sign::new::<Sha256>(),
        &Sha256::digest(signed),
        &inner[2].1,
    )
    .expect("DF13 verifies");
}

#[test]
fn text_helper_ap_follows_its_own_access_rules() {
    // The desk never does this (privacy_violations flags it); the model still has to be right.
    let (p, mut c) = card("adult");
    ok(&mut c, SELECT_HOJO);
    select_ef(&mut c, 0x0002);
    assert_eq!(tx(&mut c, "00 B0 00 00 00").1, 0x6982);
    select_ef(&mut c, 0x0015);
    ok(
        &mut c,
        &hex::encode(verify_apdu(&p.verification_number_b())),
    );
    select_ef(&mut c, 0x0001);
    assert_eq!(
        tx(&mut c, "00 B0 00 00 11").1,
        0x6982,
        "照合番号B does not open the number"
    );
    select_ef(&mut c, 0x0002);
    let rec = read_all(&mut c);
    let outer = tlvs(&rec, 0);
    let hdr = rec.len() - outer[0].1.len();
    let inner = tlvs(&outer[0].1, hdr);
    let table = &inner[0].1;
    assert_eq!(table.len(), 8);
    for (i, obj) in inner[1..].iter().enumerate() {
        assert_eq!(
            u16::from_be_bytes([table[2 * i], table[2 * i + 1]]) as usize,
            obj.2
        );
    }
    assert_eq!(String::from_utf8(inner[1].1.clone()).unwrap(), p.toml.name);
    assert_eq!(inner[3].1, b"19800217");
    select_ef(&mut c, 0x0011);
    ok(&mut c, &hex::encode(verify_apdu("1234")));
    select_ef(&mut c, 0x0001);
    let num = read_all(&mut c);
    assert_eq!(
        (num.len(), &num[..3], &num[15..]),
        (17, &[0xFF, 0x10, 0x0C][..], &[0xFF, 0xFF][..])
    );
    assert_eq!(&num[3..15], p.synthetic_individual_number().as_bytes());
    select_ef(&mut c, 0x0012);
    assert_eq!(
        tx(&mut c, "00 20 00 80").1,
        0x63C0,
        "EF 0012 is a blocked key"
    );
}
