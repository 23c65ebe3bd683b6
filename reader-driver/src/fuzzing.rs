//! Entry points for the fuzz targets (`fuzz/`, feature `fuzzing`): each takes bytes as a card
//! could send them and runs them through the driver's parsers, for coverage-guided fuzzing.
//! Errors are the expected outcome; a panic is a bug. Not an API: hidden from the docs.

use crate::apdu::{Response, StatusWord};
use std::sync::OnceLock;

/// BER-TLV lengths and the 券面AP key certificate (EF 0004).
pub fn tlv(data: &[u8]) {
    let _ = crate::card::ber_total_len(data);
    let _ = crate::kenmen::ap_public_key(data);
}

/// The card face record (EF 0002) with its signature check, against a fixed key.
pub fn card_face(data: &[u8]) {
    static KEY: OnceLock<rsa::RsaPublicKey> = OnceLock::new();
    let key = KEY.get_or_init(|| {
        let mut n = vec![0xC7u8; 256];
        n[255] |= 1;
        rsa::RsaPublicKey::new(rsa::BigUint::from_bytes_be(&n), 65537u32.into())
            .expect("a 2048-bit modulus and e = 65537 make a key")
    });
    let _ = crate::kenmen::parse_and_check(data, key);
    let _ = crate::kenmen::yyyymmdd(data);
}

/// A response APDU: data and status word.
pub fn response(data: &[u8]) {
    if let Some(r) = Response::parse(data) {
        let sw = r.sw.to_u16();
        assert_eq!(StatusWord::from_u16(sw), r.sw, "a status word reads back");
        let _ = r.sw.is_success();
        let _ = format!("{:?}", r);
    }
}

/// An X.509 certificate as read from EF 000A: its facts, and a chain check against itself.
pub fn certificate(data: &[u8]) {
    let now = time::OffsetDateTime::UNIX_EPOCH + time::Duration::days(20_000);
    if let Ok(info) = crate::cert::CertificateInfo::parse(data) {
        let _ = info.check_validity(now);
        let _ = info.expires_within_three_months(now);
    }
    let _ = crate::cert::check_chain(data, &[data.to_vec()], now);
}
