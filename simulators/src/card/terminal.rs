//! Terminal authentication, OUR stand-in for 特定機関認証 (whose APDUs are not public), and the
//! small DER walk it needs to check an X.509 terminal certificate (sha256WithRSAEncryption
//! signed by the 特定機関 test CA). The exchange is documented in the `card` module doc.

use rsa::pkcs8::DecodePublicKey;
use rsa::{Pkcs1v15Sign, RsaPublicKey};
use sha2::{Digest, Sha256};

/// OID 1.2.840.113549.1.1.11 (sha256WithRSAEncryption), DER content bytes.
const SHA256_WITH_RSA: [u8; 9] = [0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x0B];

/// One DER element: tag byte, full encoding and content.
struct Der<'a> {
    tag: u8,
    raw: &'a [u8],
    content: &'a [u8],
}

/// Reads the DER element at the start of `buf`; returns it and the rest.
fn der(buf: &[u8]) -> Option<(Der<'_>, &[u8])> {
    let (&tag, rest) = buf.split_first()?;
    if tag & 0x1F == 0x1F {
        return None; // multi-byte tags do not occur in certificates' structure
    }
    let (len, hdr) = ber_length(rest)?;
    let total = 1 + hdr + len;
    if buf.len() < total {
        return None;
    }
    Some((
        Der {
            tag,
            raw: &buf[..total],
            content: &buf[1 + hdr..total],
        },
        &buf[total..],
    ))
}

/// BER definite length at the start of `buf`: (length, number of length bytes).
pub fn ber_length(buf: &[u8]) -> Option<(usize, usize)> {
    let &first = buf.first()?;
    match first {
        0x00..=0x7F => Some((usize::from(first), 1)),
        0x81 => Some((usize::from(*buf.get(1)?), 2)),
        0x82 => Some((
            usize::from(u16::from_be_bytes([*buf.get(1)?, *buf.get(2)?])),
            3,
        )),
        0x83 => Some((
            (usize::from(*buf.get(1)?) << 16)
                | (usize::from(*buf.get(2)?) << 8)
                | usize::from(*buf.get(3)?),
            4,
        )),
        _ => None,
    }
}

/// The parts of an X.509 certificate the card checks.
pub struct Certificate<'a> {
    tbs: &'a [u8],
    sig_alg_oid: &'a [u8],
    signature: &'a [u8],
    spki: &'a [u8],
}

impl<'a> Certificate<'a> {
    pub fn parse(der_bytes: &'a [u8]) -> Option<Self> {
        let (cert, rest) = der(der_bytes)?;
        if cert.tag != 0x30 || !rest.is_empty() {
            return None;
        }
        let (tbs, rest) = der(cert.content)?;
        let (alg, rest) = der(rest)?;
        let (sig, _) = der(rest)?;
        if tbs.tag != 0x30 || alg.tag != 0x30 || sig.tag != 0x03 {
            return None;
        }
        let (oid, _) = der(alg.content)?;
        let (&unused, signature) = sig.content.split_first()?;
        if oid.tag != 0x06 || unused != 0 {
            return None;
        }
        // tbsCertificate: [0] version?, serial, signature, issuer, validity, subject, spki, ...
        let mut items = tbs.content;
        let mut fields = Vec::new();
        while !items.is_empty() && fields.len() < 7 {
            let (item, rest) = der(items)?;
            fields.push(item);
            items = rest;
        }
        let skip = usize::from(fields.first()?.tag == 0xA0);
        let spki = fields.get(skip + 5)?;
        if spki.tag != 0x30 {
            return None;
        }
        Some(Certificate {
            tbs: tbs.raw,
            sig_alg_oid: oid.content,
            signature,
            spki: spki.raw,
        })
    }

    /// The certificate's RSA public key.
    pub fn public_key(&self) -> Option<RsaPublicKey> {
        RsaPublicKey::from_public_key_der(self.spki).ok()
    }

    /// True when `issuer` signed this certificate with sha256WithRSAEncryption.
    pub fn signed_by(&self, issuer: &RsaPublicKey) -> bool {
        self.sig_alg_oid == SHA256_WITH_RSA
            && issuer
                .verify(
                    Pkcs1v15Sign::new::<Sha256>(),
                    &Sha256::digest(self.tbs),
                    self.signature,
                )
                .is_ok()
    }
}

/// Why TERMINAL AUTHENTICATE failed.
#[derive(Debug, PartialEq, Eq)]
pub enum TaError {
    /// The data is not `7F 21 <cert>` ‖ `5F 37 <signature>` (→ 6A 80).
    Malformed,
    /// Certificate not by the 特定機関 CA, or challenge signature wrong (→ 69 82).
    Rejected,
}

/// Checks TERMINAL AUTHENTICATE data against the challenge the card gave out.
pub fn check(data: &[u8], challenge: &[u8], tokutei_ca: &RsaPublicKey) -> Result<(), TaError> {
    let (cert_der, rest) = take_tlv(data, &[0x7F, 0x21]).ok_or(TaError::Malformed)?;
    let (sig, rest) = take_tlv(rest, &[0x5F, 0x37]).ok_or(TaError::Malformed)?;
    if !rest.is_empty() {
        return Err(TaError::Malformed);
    }
    let cert = Certificate::parse(cert_der).ok_or(TaError::Rejected)?;
    if !cert.signed_by(tokutei_ca) {
        return Err(TaError::Rejected);
    }
    let key = cert.public_key().ok_or(TaError::Rejected)?;
    key.verify(
        Pkcs1v15Sign::new::<Sha256>(),
        &Sha256::digest(challenge),
        sig,
    )
    .map_err(|_| TaError::Rejected)
}

/// Splits a TLV with the two-byte `tag` off the front of `buf`: (value, rest).
pub fn take_tlv<'a>(buf: &'a [u8], tag: &[u8]) -> Option<(&'a [u8], &'a [u8])> {
    let rest = buf.strip_prefix(tag)?;
    let (len, hdr) = ber_length(rest)?;
    let value = rest.get(hdr..hdr + len)?;
    Some((value, &rest[hdr + len..]))
}
