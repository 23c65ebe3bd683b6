//! Checks a card's 利用者証明用電子証明書 and its signature over the centre's nonce: issued by
//! the configured JPKI auth CA, inside its validity period, not on the CA's revocation list,
//! and the PKCS#1 v1.5 SHA-256 signature (rule in `eligibility::card`) made by its key. Also
//! defines the link key. PROPOSED lookup rule (the one place it is written): a card is linked to
//! a person by its auth certificate's **serial number** (raw DER integer bytes, lowercase hex,
//! leading zero bytes dropped) **and issuer DN** (RFC 4514 text as x509-parser prints it).

use super::error::{CentreError, Result};
use rsa::pkcs1::DecodeRsaPublicKey;
use rsa::{Pkcs1v15Sign, RsaPublicKey};
use sha2::{Digest, Sha256};
use std::collections::HashSet;
use x509_parser::prelude::*;

/// Why a card was refused; each maps to a centre error code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CardRefusal {
    NotACertificate,
    UnknownIssuer,
    Expired,
    Revoked,
    BadSignature,
}

impl CardRefusal {
    pub fn code(&self) -> &'static str {
        match self {
            CardRefusal::NotACertificate => "SIM-E0210",
            CardRefusal::UnknownIssuer => "SIM-E0211",
            CardRefusal::Expired => "SIM-E0212",
            CardRefusal::Revoked => "SIM-E0213",
            CardRefusal::BadSignature => "SIM-E0214",
        }
    }
    pub fn message(&self) -> &'static str {
        match self {
            CardRefusal::NotACertificate => "利用者証明用電子証明書を読み取れません。",
            CardRefusal::UnknownIssuer => "利用者証明用電子証明書の発行元を確認できません。",
            CardRefusal::Expired => {
                "利用者証明用電子証明書の有効期限が切れています。市区町村窓口で更新してください。"
            }
            CardRefusal::Revoked => "利用者証明用電子証明書は失効しています。",
            CardRefusal::BadSignature => {
                "カードの署名を検証できません。もう一度カードを読み取ってください。"
            }
        }
    }
}

fn serial_hex(raw: &[u8]) -> String {
    let start = raw
        .iter()
        .position(|&b| b != 0)
        .unwrap_or(raw.len().saturating_sub(1));
    hex::encode(&raw[start..])
}

/// The (serial, issuer) link key of a DER certificate.
pub fn link_key(der: &[u8]) -> Result<(String, String)> {
    let (_, c) = X509Certificate::from_der(der).map_err(|e| CentreError::Jpki {
        detail: format!("a persona auth certificate is not a certificate: {e}"),
    })?;
    Ok((serial_hex(c.raw_serial()), c.issuer().to_string()))
}

/// The trusted JPKI auth CA with its revocation list.
pub struct JpkiTrust {
    ca_der: Vec<u8>,
    revoked: HashSet<String>,
}

impl JpkiTrust {
    pub fn load(ca_der: Vec<u8>, crl_der: Option<&[u8]>) -> Result<JpkiTrust> {
        let (_, ca) = X509Certificate::from_der(&ca_der).map_err(|e| CentreError::Jpki {
            detail: format!("JPKI CA certificate: {e}"),
        })?;
        let mut revoked = HashSet::new();
        if let Some(crl) = crl_der {
            let (_, crl) = parse_x509_crl(crl).map_err(|e| CentreError::Jpki {
                detail: format!("JPKI CRL: {e}"),
            })?;
            crl.verify_signature(ca.public_key())
                .map_err(|e| CentreError::Jpki {
                    detail: format!("the CRL is not signed by the JPKI CA: {e}"),
                })?;
            for r in crl.iter_revoked_certificates() {
                revoked.insert(serial_hex(r.raw_serial()));
            }
        }
        drop(ca);
        Ok(JpkiTrust { ca_der, revoked })
    }

    /// Checks the certificate and the signature over `message`; returns the link key.
    pub fn verify(
        &self,
        cert_der: &[u8],
        message: &[u8],
        signature: &[u8],
        now_unix: i64,
    ) -> Result<(String, String), CardRefusal> {
        let (_, ca) =
            X509Certificate::from_der(&self.ca_der).map_err(|_| CardRefusal::UnknownIssuer)?;
        let (_, c) =
            X509Certificate::from_der(cert_der).map_err(|_| CardRefusal::NotACertificate)?;
        if c.issuer().as_raw() != ca.subject().as_raw()
            || c.verify_signature(Some(ca.public_key())).is_err()
        {
            return Err(CardRefusal::UnknownIssuer);
        }
        let now = ASN1Time::from_timestamp(now_unix).map_err(|_| CardRefusal::Expired)?;
        if !c.validity().is_valid_at(now) {
            return Err(CardRefusal::Expired);
        }
        let serial = serial_hex(c.raw_serial());
        if self.revoked.contains(&serial) {
            return Err(CardRefusal::Revoked);
        }
        let pk = RsaPublicKey::from_pkcs1_der(&c.public_key().subject_public_key.data)
            .map_err(|_| CardRefusal::NotACertificate)?;
        let digest = Sha256::digest(message);
        pk.verify(Pkcs1v15Sign::new::<Sha256>(), &digest, signature)
            .map_err(|_| CardRefusal::BadSignature)?;
        Ok((serial, c.issuer().to_string()))
    }
}

/// Reads a DER or PEM certificate file.
pub fn read_der(path: &std::path::Path) -> Result<Vec<u8>> {
    let b = std::fs::read(path).map_err(CentreError::file(path))?;
    Ok(b)
}
