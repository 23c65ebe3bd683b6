//! Entry points for the fuzz targets (feature `fuzzing`): each runs one parser of card bytes on
//! arbitrary input the way the driver runs it, and must return without panicking whatever the
//! input. The keys and the CA are the committed test ones (`assets/pki`), fixed so that a
//! crash found once is found again.

use std::sync::OnceLock;

use time::macros::datetime;

use crate::apdu::{Response, StatusWord};
use crate::card::Card;
use crate::kenmen::{self, KenmenIssuer};
use crate::transport::{Apdu, Transport};
use crate::{cert, tlv};

/// BER length and TLV walk, including the nesting bound.
pub fn tlv(data: &[u8]) {
    let _ = tlv::total_len(data);
    let _ = tlv::well_formed(data);
    if let Some(o) = tlv::object_at(data, 0) {
        let _ = tlv::siblings(data, o.end - o.value.len(), o.end);
    }
}

fn test_ap_key() -> &'static rsa::RsaPublicKey {
    static KEY: OnceLock<rsa::RsaPublicKey> = OnceLock::new();
    KEY.get_or_init(|| {
        use rsa::pkcs8::DecodePublicKey;
        rsa::RsaPublicKey::from_public_key_der(include_bytes!("../../assets/pki/kenmen-ap.pub.der"))
            .expect("committed test key")
    })
}

fn test_issuer() -> &'static KenmenIssuer {
    static KEY: OnceLock<KenmenIssuer> = OnceLock::new();
    KEY.get_or_init(|| {
        KenmenIssuer::from_der(include_bytes!("../../assets/pki/kenmen-issuer.pub.der"))
            .expect("committed test key")
    })
}

/// 券面 parse and signed-range check (EF 0002), and the EF 0004 key certificate.
pub fn card_face(data: &[u8]) {
    let _ = kenmen::parse_and_check(data, test_ap_key());
    let _ = kenmen::ap_public_key(data, test_issuer());
}

/// A transport that answers every command with the fuzz input, so the response loop (61 xx,
/// 6C xx, 6F 00) runs on it as on a card.
struct Echo<'a> {
    answer: &'a [u8],
    sent: usize,
}

impl Transport for Echo<'_> {
    fn transmit(&mut self, _command: Apdu<'_>) -> crate::Result<zeroize::Zeroizing<Vec<u8>>> {
        self.sent += 1;
        Ok(zeroize::Zeroizing::new(self.answer.to_vec()))
    }
}

/// APDU response split and status words, and the exchange loop on a card that answers `data`.
pub fn response(data: &[u8]) {
    if let Some(r) = Response::parse(data) {
        let sw = r.sw.to_u16();
        assert_eq!(StatusWord::from_u16(sw), r.sw);
    }
    let mut echo = Echo {
        answer: data,
        sent: 0,
    };
    let mut card = Card::new(&mut echo);
    let _ = crate::Jpki::new(&mut card).auth_pin_status();
    let _ = crate::Jpki::new(&mut card).read_auth_certificate();
}

fn test_ca() -> &'static [Vec<u8>] {
    static CA: OnceLock<Vec<Vec<u8>>> = OnceLock::new();
    CA.get_or_init(|| vec![include_bytes!("../../assets/pki/jpki-auth-ca.crt.der").to_vec()])
}

/// Certificate facts and the chain check against the test JPKI auth CA.
pub fn certificate(data: &[u8]) {
    if let Ok(info) = cert::CertificateInfo::parse(data) {
        let now = datetime!(2026-11-23 12:00 UTC);
        let _ = info.check_validity(now);
        let _ = info.expires_within_three_months(now);
    }
    let _ = cert::check_chain(data, test_ca(), datetime!(2026-11-23 12:00 UTC));
}

#[cfg(test)]
mod tests {
    #[test]
    fn entry_points_take_garbage() {
        for input in [
            &[][..],
            &[0x90, 0x00],
            &[0x61, 0x00],
            &[0x6C, 0x00],
            &[0xFF, 0x20, 0x83, 0xFF, 0xFF, 0xFF],
            &[0x7F, 0x21, 0x00],
            &[0x30, 0x82, 0x01],
        ] {
            super::tlv(input);
            super::card_face(input);
            super::response(input);
            super::certificate(input);
        }
    }
}
