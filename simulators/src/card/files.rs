//! Contents of the card's elementary files, built from a persona and the test PKI: the JPKI
//! token and certificates, the 券面AP TLV records with their offset table and signatures, and
//! the 入力補助AP records. Layouts follow research/card-protocol.md §4-§6.

use std::path::Path;

use rsa::traits::PublicKeyParts;
use rsa::{Pkcs1v15Sign, RsaPrivateKey, RsaPublicKey};
use sha2::{Digest, Sha256};

use super::CardSimError;
use super::persona::{Persona, read_key};
use super::png;
use super::terminal;

/// DigestInfo prefix of SHA-256 (19 bytes).
pub const SHA256_DIGEST_INFO_PREFIX: [u8; 19] = [
    0x30, 0x31, 0x30, 0x0D, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05,
    0x00, 0x04, 0x20,
];

/// Issuer key id of the 券面AP certificate (EF 0004), JPKI-test style `6000023`.
pub const KENMEN_ISSUER_KEY_ID: [u8; 16] = *b"6000023\x08\x05001\0\0\0\0";
/// Subject key id of the 券面AP key in EF 0004 (ours).
pub const KENMEN_AP_KEY_ID: [u8; 16] = *b"6000023\x08\x05101\0\0\0\0";
/// Issuer key id of the 入力補助AP certificate (EF 0004), `6000033`.
pub const HOJO_ISSUER_KEY_ID: [u8; 16] = *b"6000033\x08\x05001\0\0\0\0";
/// Subject key id of the 入力補助AP key (ours; the same test key as the 券面AP key).
pub const HOJO_AP_KEY_ID: [u8; 16] = *b"6000033\x08\x05101\0\0\0\0";

/// The test PKI the card needs (assets/pki).
#[derive(Debug, Clone)]
pub struct Pki {
    pub jpki_auth_ca_der: Vec<u8>,
    pub jpki_sign_ca_der: Vec<u8>,
    /// The 特定機関 test CA key that terminal certificates must be signed by.
    pub tokutei_ca: RsaPublicKey,
    pub kenmen_issuer: RsaPrivateKey,
    pub kenmen_ap: RsaPrivateKey,
    pub kenmen_card: RsaPrivateKey,
}

impl Pki {
    pub fn load(dir: &Path) -> Result<Self, CardSimError> {
        let read = |name: &str| {
            let path = dir.join(name);
            std::fs::read(&path).map_err(|source| CardSimError::Io { path, source })
        };
        let tokutei_der = read("tokutei-ca.crt.der")?;
        let tokutei_ca = terminal::Certificate::parse(&tokutei_der)
            .and_then(|c| c.public_key())
            .ok_or_else(|| CardSimError::Key {
                path: dir.join("tokutei-ca.crt.der"),
                reason: "not an RSA X.509 certificate".into(),
            })?;
        Ok(Pki {
            jpki_auth_ca_der: read("jpki-auth-ca.crt.der")?,
            jpki_sign_ca_der: read("jpki-sign-ca.crt.der")?,
            tokutei_ca,
            kenmen_issuer: read_key(&dir.join("kenmen-issuer.key.pem"))?,
            kenmen_ap: read_key(&dir.join("kenmen-ap.key.pem"))?,
            kenmen_card: read_key(&dir.join("kenmen-card.key.pem"))?,
        })
    }
}

/// BER TLV with a definite length (short, `81 xx` or `82 xx xx`).
pub fn tlv(tag: &[u8], value: &[u8]) -> Vec<u8> {
    let mut out = tag.to_vec();
    let n = value.len();
    if n < 0x80 {
        out.push(n as u8);
    } else if n <= 0xFF {
        out.extend_from_slice(&[0x81, n as u8]);
    } else {
        out.push(0x82);
        out.extend_from_slice(&(n as u16).to_be_bytes());
    }
    out.extend_from_slice(value);
    out
}

/// `90 03 <e>` ‖ `91 82 01 00 <n>`: an RSA-2048 public key as the 券面AP stores it.
pub fn key_tlvs(key: &RsaPublicKey) -> Vec<u8> {
    let mut n = key.n().to_bytes_be();
    while n.len() < 256 {
        n.insert(0, 0);
    }
    let mut out = tlv(&[0x90], &key.e().to_bytes_be());
    out.extend(tlv(&[0x91], &n));
    out
}

/// PKCS#1 v1.5 signature over a caller-built DigestInfo (what the card's signing keys do).
pub fn sign_digest_info(key: &RsaPrivateKey, digest_info: &[u8]) -> Vec<u8> {
    key.sign(Pkcs1v15Sign::new_unprefixed(), digest_info)
        .expect("DigestInfo fits an RSA-2048 block")
}

/// RSASSA-PKCS1-v1_5 with SHA-256 over `data`.
pub fn sign_sha256(key: &RsaPrivateKey, data: &[u8]) -> Vec<u8> {
    key.sign(Pkcs1v15Sign::new::<Sha256>(), &Sha256::digest(data))
        .expect("RSA-2048 signs SHA-256")
}

/// Card-verifiable certificate (EF 0004 of the 券面AP and 入力補助AP):
/// `7F 21` { `5F 4E` issuer key id ‖ subject key id ‖ key (`90`/`91`), `5F 37` signature }.
/// The signature is ours (PROPOSED): PKCS#1 v1.5 SHA-256 by the issuer key over the whole
/// `5F 4E` TLV (tag, length and value).
pub fn cv_certificate(
    issuer: &RsaPrivateKey,
    issuer_id: &[u8; 16],
    subject_id: &[u8; 16],
    subject: &RsaPublicKey,
) -> Vec<u8> {
    let mut body = issuer_id.to_vec();
    body.extend_from_slice(subject_id);
    body.extend(key_tlvs(subject));
    let signed = tlv(&[0x5F, 0x4E], &body);
    let sig = sign_sha256(issuer, &signed);
    let mut value = signed;
    value.extend(tlv(&[0x5F, 0x37], &sig));
    tlv(&[0x7F, 0x21], &value)
}

/// JPKI EF 0006: a 160-byte PKCS#11 CK_TOKEN_INFO whose first 32 bytes are the label.
pub fn jpki_token(label: &str, persona_id: &str) -> Vec<u8> {
    fn padded(s: &str, n: usize) -> Vec<u8> {
        let mut v = s.as_bytes().to_vec();
        v.resize(n, b' ');
        v.truncate(n);
        v
    }
    let mut out = padded(label, 32);
    out.extend(padded("J-LIS TEST (Onshi Desk sim)", 32));
    out.extend(padded("VIRTUAL-CARD", 16));
    let serial = hex::encode_upper(&Sha256::digest(persona_id.as_bytes())[..8]);
    out.extend(padded(&serial, 16));
    // flags (CKF_LOGIN_REQUIRED | CKF_USER_PIN_INITIALIZED | CKF_TOKEN_INITIALIZED), then counts.
    let ints: [u32; 11] = [0x0000_040C, 0, 0, 0, 0, 16, 4, 0, 0, 0, 0];
    for i in ints {
        out.extend_from_slice(&i.to_be_bytes());
    }
    out.extend_from_slice(b"0301");
    out.extend(padded("", 16));
    debug_assert_eq!(out.len(), 160);
    out
}

/// 券面AP EF 0002 (card face) and the pieces tests compare against.
pub struct CardFace {
    pub file: Vec<u8>,
}

/// Builds 券面AP EF 0002: `FF 20` { DF21 offset table, DF22 … DF2A }, DF28 signing the SHA-256
/// of (DF22 DF23 DF24), (DF25 DF26), (DF27) in one DigestInfo by the 券面AP key.
pub fn kenmen_face(p: &Persona, pki: &Pki) -> CardFace {
    let t = &p.toml;
    let df22 = tlv(&[0xDF, 0x22], p.birth_date.yyyymmdd().as_bytes());
    let df23 = tlv(&[0xDF, 0x23], t.sex.to_string().as_bytes());
    let df24 = tlv(&[0xDF, 0x24], &key_tlvs(&pki.kenmen_card.to_public_key()));
    let df25 = tlv(&[0xDF, 0x25], &png::render_text(&t.name, 24, 24));
    let df26 = tlv(&[0xDF, 0x26], &png::render_text(&t.address, 16, 16));
    let df27 = tlv(&[0xDF, 0x27], &p.photo);
    let mut digests = Vec::with_capacity(96);
    digests.extend(Sha256::digest([df22.as_slice(), &df23, &df24].concat()));
    digests.extend(Sha256::digest([df25.as_slice(), &df26].concat()));
    digests.extend(Sha256::digest(&df27));
    let df28 = tlv(
        &[0xDF, 0x28],
        &sign_digest_info(&pki.kenmen_ap, &digest_info_96(&digests)),
    );
    let df29 = tlv(&[0xDF, 0x29], p.card_expiry.yyyymmdd().as_bytes());
    let df2a = tlv(&[0xDF, 0x2A], &png::render_text(&t.security_code, 6, 12));
    let objects = [df22, df23, df24, df25, df26, df27, df28, df29, df2a];
    let body_len: usize = 2 + 1 + 18 + objects.iter().map(Vec::len).sum::<usize>();
    let header_len = tlv(&[0xFF, 0x20], &vec![0; body_len]).len() - body_len;
    let mut offset = header_len + 3 + 18;
    let mut table = Vec::with_capacity(18);
    for o in &objects {
        table.extend_from_slice(&(offset as u16).to_be_bytes());
        offset += o.len();
    }
    let mut body = tlv(&[0xDF, 0x21], &table);
    for o in &objects {
        body.extend_from_slice(o);
    }
    CardFace {
        file: tlv(&[0xFF, 0x20], &body),
    }
}

/// `30 71 30 0D 06 09 <sha256> 05 00 04 60 <96 bytes>`: the DigestInfo DF28 signs.
pub fn digest_info_96(digests: &[u8]) -> Vec<u8> {
    let mut v = vec![
        0x30, 0x71, 0x30, 0x0D, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01,
        0x05, 0x00, 0x04, 0x60,
    ];
    v.extend_from_slice(digests);
    v
}

/// 券面AP EF 0001 (age record): `FF 10` { DF11 DOB, DF12 card key, DF13 signature }.
pub fn kenmen_age(p: &Persona, pki: &Pki) -> Vec<u8> {
    let mut body = tlv(&[0xDF, 0x11], p.birth_date.yyyymmdd().as_bytes());
    body.extend(tlv(
        &[0xDF, 0x12],
        &key_tlvs(&pki.kenmen_card.to_public_key()),
    ));
    let sig = sign_sha256(&pki.kenmen_ap, &body);
    body.extend(tlv(&[0xDF, 0x13], &sig));
    tlv(&[0xFF, 0x10], &body)
}

/// 券面AP EF 0003 (basic information).
pub fn kenmen_basic(p: &Persona) -> Vec<u8> {
    let mut body = tlv(&[0xDF, 0x31], &[0x06, 0x03, 0x0E, 0x01]);
    body.extend(tlv(&[0xDF, 0x32], &KENMEN_AP_KEY_ID));
    body.extend(tlv(&[0xDF, 0x33], &[0x01]));
    body.extend(tlv(&[0xDF, 0x34], p.toml.municipality_code.as_bytes()));
    // DF35: key id + 256 opaque bytes (content unknown on real cards; ours is a hash stream).
    let mut opaque = KENMEN_AP_KEY_ID.to_vec();
    for i in 0u8..8 {
        opaque.extend(Sha256::digest(
            [p.toml.id.as_bytes(), b"df35", &[i]].concat(),
        ));
    }
    body.extend(tlv(&[0xDF, 0x35], &opaque));
    tlv(&[0xFF, 0x30], &body)
}

/// 券面AP EF 0005 (rendered 個人番号): `FF 40` { DF41 PNG 72x12, DF42 card key, DF43 signature }.
pub fn kenmen_number_image(p: &Persona, pki: &Pki) -> Vec<u8> {
    let mut body = tlv(
        &[0xDF, 0x41],
        &png::render_text(&p.synthetic_individual_number(), 6, 12),
    );
    body.extend(tlv(
        &[0xDF, 0x42],
        &key_tlvs(&pki.kenmen_card.to_public_key()),
    ));
    let sig = sign_sha256(&pki.kenmen_ap, &body);
    body.extend(tlv(&[0xDF, 0x43], &sig));
    tlv(&[0xFF, 0x40], &body)
}

/// 入力補助AP files 0001-0003 and 0005-0007 (0004 is the shared certificate).
pub struct HojoFiles {
    pub ef0001: Vec<u8>,
    pub ef0002: Vec<u8>,
    pub ef0003: Vec<u8>,
    pub ef0005: Vec<u8>,
    pub ef0006: Vec<u8>,
    pub ef0007: Vec<u8>,
}

pub fn hojo(p: &Persona, pki: &Pki) -> HojoFiles {
    let mut ef0001 = tlv(&[0xFF, 0x10], p.synthetic_individual_number().as_bytes());
    ef0001.extend_from_slice(&[0xFF, 0xFF]);
    let objects = [
        tlv(&[0xDF, 0x22], p.toml.name.as_bytes()),
        tlv(&[0xDF, 0x23], p.toml.address.as_bytes()),
        tlv(&[0xDF, 0x24], p.birth_date.yyyymmdd().as_bytes()),
        tlv(&[0xDF, 0x25], p.toml.sex.to_string().as_bytes()),
    ];
    let body_len = 3 + 8 + objects.iter().map(Vec::len).sum::<usize>();
    let header_len = tlv(&[0xFF, 0x20], &vec![0; body_len]).len() - body_len;
    let mut offset = header_len + 3 + 8;
    let mut table = Vec::new();
    for o in &objects {
        table.extend_from_slice(&(offset as u16).to_be_bytes());
        offset += o.len();
    }
    let mut body = tlv(&[0xDF, 0x21], &table);
    let after_table: Vec<u8> = objects.concat();
    body.extend_from_slice(&after_table);
    let ef0002 = tlv(&[0xFF, 0x20], &body);
    let mut integrity = tlv(&[0xDF, 0x31], &Sha256::digest(&ef0001));
    integrity.extend(tlv(&[0xDF, 0x32], &Sha256::digest(&after_table)));
    let sig = sign_sha256(&pki.kenmen_ap, &integrity);
    integrity.extend(tlv(&[0xDF, 0x33], &sig));
    let ef0003 = tlv(&[0xFF, 0x30], &integrity);
    let mut basic = tlv(&[0xDF, 0x41], &[0x01, 0x03, 0x0E, 0x01]);
    basic.extend(tlv(&[0xDF, 0x42], &HOJO_AP_KEY_ID));
    basic.extend(tlv(&[0xDF, 0x43], &[0u8; 128]));
    let mut ef0005 = tlv(&[0xFF, 0x40], &basic);
    ef0005.resize(256, 0xFF);
    let ef0006 = tlv(&[0xA1], &key_tlvs(&pki.kenmen_card.to_public_key()));
    let card_key = tlv(&[0xDF, 0x51], &key_tlvs(&pki.kenmen_card.to_public_key()));
    let sig = sign_sha256(&pki.kenmen_ap, &card_key);
    let mut signed = card_key;
    signed.extend(tlv(&[0xDF, 0x52], &sig));
    let ef0007 = tlv(&[0xFF, 0x50], &signed);
    HojoFiles {
        ef0001,
        ef0002,
        ef0003,
        ef0005,
        ef0006,
        ef0007,
    }
}

/// A forged card face (see `CardModel::splice_card_face_photo`): `FF 20` { DF21 rewritten,
/// DF27 `photo`, then the genuine DF22 … DF2A unchanged }. Every signed byte is still there and
/// the rewritten table points at it; only an object outside the signed ranges was added.
pub fn splice_photo_first(ef0002: &[u8], photo: &[u8]) -> Vec<u8> {
    // Our own layout (built by `kenmen_face`): header, DF21 (2 + 1 + 18 bytes), the objects.
    let header = 2 + match ef0002[2] {
        0x81 => 2,
        0x82 => 3,
        0x83 => 4,
        _ => 1,
    };
    let table_at = header;
    let objects_at = table_at + 3 + 18;
    let genuine = &ef0002[objects_at..];
    let fake = tlv(&[0xDF, 0x27], photo);
    let old_table = &ef0002[table_at + 3..objects_at];
    let shift =
        |old: u16, new_header: usize| (usize::from(old) - header + new_header + fake.len()) as u16;
    // The header may grow with the body: compute it from the final length.
    let body_len = 3 + 18 + fake.len() + genuine.len();
    let new_header = tlv(&[0xFF, 0x20], &vec![0; body_len]).len() - body_len;
    let mut table = Vec::with_capacity(18);
    for c in old_table.chunks(2) {
        table.extend_from_slice(&shift(u16::from_be_bytes([c[0], c[1]]), new_header).to_be_bytes());
    }
    let mut body = tlv(&[0xDF, 0x21], &table);
    body.extend_from_slice(&fake);
    body.extend_from_slice(genuine);
    tlv(&[0xFF, 0x20], &body)
}
