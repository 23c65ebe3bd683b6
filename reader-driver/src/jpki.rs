//! 公的個人認証AP (JPKI AP): what kind of token this is, the 利用者証明用 PIN's remaining tries
//! (asked with an empty VERIFY, which costs no try), one VERIFY per PIN entry, signing a SHA-256
//! DigestInfo with the user-authentication key, reading the auth certificate and its CA, and the
//! terminal authentication that stands in for 特定機関認証 in face and 目視 modes.
//!
//! Terminal authentication is OUR design (the real 特定機関認証 APDUs are not public), shared
//! with the virtual card in `simulators`:
//! 1. `00 84 00 00 10` GET CHALLENGE → 16 random bytes;
//! 2. `80 A2 00 00` with extended Lc, no Le, body `7F 21 len <terminal certificate DER>`
//!    ‖ `5F 37 len <RSASSA-PKCS1-v1_5 SHA-256 signature over the 16 challenge bytes>`;
//!    `90 00` → the auth key signs without the PIN until the card is powered off;
//!    `69 82` → the card does not trust the certificate or the signature.

use std::path::Path;

use rsa::pkcs1v15::Pkcs1v15Sign;
use rsa::pkcs8::DecodePrivateKey;
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use crate::apdu::{Command, StatusWord};
use crate::card::{App, Card};
use crate::error::{Error, Result};
use crate::transport::Transport;

const EF_TOKEN: u16 = 0x0006;
const EF_AUTH_CERT: u16 = 0x000A;
const EF_AUTH_CA: u16 = 0x000B;
const EF_AUTH_KEY: u16 = 0x0017;
const EF_AUTH_PIN: u16 = 0x0018;

/// The DER prefix of a SHA-256 DigestInfo; the card adds the PKCS#1 v1.5 padding itself.
pub const SHA256_DIGEST_INFO_PREFIX: [u8; 19] = [
    0x30, 0x31, 0x30, 0x0D, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05,
    0x00, 0x04, 0x20,
];

/// What EF 0006's label says this token is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TokenKind {
    /// The plastic My Number Card (`JPKIAPICCTOKEN2`).
    Card,
    /// スマホ用電子証明書 on an Android phone (`JPKIAPGPSETOKEN`).
    AndroidPhone,
    /// スマホ用電子証明書 on an iPhone (`JPKIAPIOSTOKEN`).
    IPhone,
    /// The old 住民基本台帳カード (`JPKIAPICCTOKEN`).
    JukiCard,
    Unknown(String),
}

impl TokenKind {
    fn from_label(label: &[u8]) -> Self {
        let text = String::from_utf8_lossy(label);
        match text.trim_end_matches([' ', '\0']) {
            "JPKIAPICCTOKEN2" => TokenKind::Card,
            "JPKIAPGPSETOKEN" => TokenKind::AndroidPhone,
            "JPKIAPIOSTOKEN" => TokenKind::IPhone,
            "JPKIAPICCTOKEN" => TokenKind::JukiCard,
            other => TokenKind::Unknown(other.chars().filter(|c| c.is_ascii_graphic()).collect()),
        }
    }
}

/// The 利用者証明用 PIN's state, as the free empty VERIFY reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PinStatus {
    TriesLeft(u8),
    /// Blocked: three wrong entries, or a 顔認証マイナンバーカード (locked at issue).
    Locked,
    /// Already verified in this power session (some cards answer 90 00).
    Verified,
}

/// A 4-digit 利用者証明用 PIN, kept in a zeroizing buffer and never printed.
pub struct AuthPin(Zeroizing<[u8; 4]>);

impl AuthPin {
    pub fn new(digits: &str) -> Result<Self> {
        let b = digits.as_bytes();
        if b.len() != 4 || !b.iter().all(u8::is_ascii_digit) {
            return Err(Error::PinFormat);
        }
        let mut out = Zeroizing::new([0u8; 4]);
        out.copy_from_slice(b);
        Ok(AuthPin(out))
    }
}

impl std::fmt::Debug for AuthPin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("AuthPin(****)")
    }
}

/// The 特定機関 terminal certificate and key that stand in for 特定機関認証.
pub struct TerminalCredentials {
    cert_der: Vec<u8>,
    key: rsa::RsaPrivateKey,
}

impl TerminalCredentials {
    /// Loads a DER certificate and a PKCS#8 PEM private key.
    pub fn load(cert_der: &Path, key_pem: &Path) -> std::io::Result<Self> {
        let cert_der = std::fs::read(cert_der)?;
        let pem = Zeroizing::new(std::fs::read_to_string(key_pem)?);
        let key = rsa::RsaPrivateKey::from_pkcs8_pem(&pem).map_err(|e| {
            std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                format!("terminal key is not a PKCS#8 RSA key: {e}"),
            )
        })?;
        Ok(TerminalCredentials { cert_der, key })
    }
}

/// The JPKI AP of a connected card.
pub struct Jpki<'c, T: Transport> {
    card: &'c mut Card<T>,
}

impl<'c, T: Transport> Jpki<'c, T> {
    pub fn new(card: &'c mut Card<T>) -> Self {
        Jpki { card }
    }

    /// Reads the token label (EF 0006, first 32 bytes).
    pub fn token_kind(&mut self) -> Result<TokenKind> {
        self.card.select_app(App::Jpki)?;
        self.card.select_ef(EF_TOKEN)?;
        let label = self.card.read_at(0, 32)?;
        Ok(TokenKind::from_label(&label))
    }

    /// Remaining tries of the 利用者証明用 PIN, without spending one.
    pub fn auth_pin_status(&mut self) -> Result<PinStatus> {
        self.card.select_app(App::Jpki)?;
        self.card.select_ef(EF_AUTH_PIN)?;
        let r = self.card.exchange(&Command::verify(None))?;
        match r.sw {
            StatusWord::TriesLeft(0) | StatusWord::Blocked => Ok(PinStatus::Locked),
            StatusWord::TriesLeft(n) => Ok(PinStatus::TriesLeft(n)),
            StatusWord::Success => Ok(PinStatus::Verified),
            sw => Err(Error::Card {
                command: "VERIFY (retry counter)",
                sw,
            }),
        }
    }

    /// Sends the PIN once. Never retried here or anywhere: each call spends at most one try.
    pub fn verify_auth_pin(&mut self, pin: &AuthPin) -> Result<()> {
        self.card.select_app(App::Jpki)?;
        self.card.select_ef(EF_AUTH_PIN)?;
        let r = self.card.exchange(&Command::verify(Some(&pin.0[..])))?;
        match r.sw {
            StatusWord::Success => Ok(()),
            StatusWord::TriesLeft(0) | StatusWord::Blocked => Err(Error::PinLocked),
            StatusWord::TriesLeft(n) => Err(Error::WrongPin { tries_left: n }),
            sw => Err(Error::Card {
                command: "VERIFY",
                sw,
            }),
        }
    }

    /// Signs a SHA-256 hash with the user-authentication key; returns the 256-byte signature.
    /// Needs the PIN verified or the terminal authenticated in this power session.
    pub fn sign_sha256(&mut self, hash: &[u8; 32]) -> Result<Vec<u8>> {
        let mut digest_info = Vec::with_capacity(51);
        digest_info.extend_from_slice(&SHA256_DIGEST_INFO_PREFIX);
        digest_info.extend_from_slice(hash);
        self.sign_digest_info(&digest_info)
    }

    /// Signs a DER DigestInfo as given (the card adds the PKCS#1 v1.5 padding): what the
    /// centre asks to be signed is its business, not the card driver's.
    pub fn sign_digest_info(&mut self, digest_info: &[u8]) -> Result<Vec<u8>> {
        if digest_info.is_empty() || digest_info.len() > 245 {
            return Err(Error::Malformed {
                what: "data to sign does not fit a 2048-bit signature",
            });
        }
        self.card.select_app(App::Jpki)?;
        self.card.select_ef(EF_AUTH_KEY)?;
        let cmd = Command::new(0x80, 0x2A, 0x00, 0x80)
            .data(digest_info)
            .le(256);
        let r = self.card.exchange(&cmd)?;
        match r.sw {
            StatusWord::Success if r.data.len() == 256 => Ok(r.data.to_vec()),
            StatusWord::Success => Err(Error::Malformed {
                what: "signature of unexpected length",
            }),
            StatusWord::SecurityNotSatisfied | StatusWord::ConditionsNotSatisfied => {
                Err(Error::NotAuthenticated)
            }
            sw => Err(Error::Card {
                command: "COMPUTE DIGITAL SIGNATURE",
                sw,
            }),
        }
    }

    /// The 利用者証明用電子証明書 (DER). Free to read.
    pub fn read_auth_certificate(&mut self) -> Result<Vec<u8>> {
        self.read_cert(EF_AUTH_CERT)
    }

    /// The CA certificate that issued the auth certificate (DER).
    pub fn read_auth_ca_certificate(&mut self) -> Result<Vec<u8>> {
        self.read_cert(EF_AUTH_CA)
    }

    fn read_cert(&mut self, ef: u16) -> Result<Vec<u8>> {
        self.card.select_app(App::Jpki)?;
        self.card.select_ef(ef)?;
        let der = self.card.read_tlv_file()?;
        if der.first() != Some(&0x30) {
            return Err(Error::Malformed {
                what: "certificate file does not hold a certificate",
            });
        }
        // Not personal: the auth certificate's subject is opaque by design.
        Ok(der.to_vec())
    }

    /// Authenticates this terminal to the card so the auth key signs without the PIN (face and
    /// 目視 modes). One GET CHALLENGE and one TERMINAL AUTHENTICATE.
    pub fn terminal_authenticate(&mut self, terminal: &TerminalCredentials) -> Result<()> {
        self.card.select_app(App::Jpki)?;
        let r = self
            .card
            .exchange(&Command::new(0x00, 0x84, 0x00, 0x00).le(16))?;
        if r.sw != StatusWord::Success || r.data.len() != 16 {
            return Err(Error::Card {
                command: "GET CHALLENGE",
                sw: r.sw,
            });
        }
        let hash = Sha256::digest(&r.data);
        let sig = terminal
            .key
            .sign(Pkcs1v15Sign::new::<Sha256>(), &hash)
            .map_err(|_| Error::TerminalRejected)?;
        let mut body = Vec::with_capacity(terminal.cert_der.len() + sig.len() + 16);
        push_tlv(&mut body, &[0x7F, 0x21], &terminal.cert_der);
        push_tlv(&mut body, &[0x5F, 0x37], &sig);
        let r = self
            .card
            .exchange(&Command::new(0x80, 0xA2, 0x00, 0x00).data(&body))?;
        match r.sw {
            StatusWord::Success => Ok(()),
            StatusWord::SecurityNotSatisfied => Err(Error::TerminalRejected),
            sw => Err(Error::Card {
                command: "TERMINAL AUTHENTICATE",
                sw,
            }),
        }
    }
}

/// Appends a BER-TLV with a definite length.
pub(crate) fn push_tlv(out: &mut Vec<u8>, tag: &[u8], value: &[u8]) {
    out.extend_from_slice(tag);
    let n = value.len();
    match n {
        0..=0x7F => out.push(n as u8),
        0x80..=0xFF => out.extend_from_slice(&[0x81, n as u8]),
        _ => out.extend_from_slice(&[0x82, (n >> 8) as u8, n as u8]),
    }
    out.extend_from_slice(value);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_labels() {
        assert_eq!(
            TokenKind::from_label(b"JPKIAPICCTOKEN2                 "),
            TokenKind::Card
        );
        assert_eq!(
            TokenKind::from_label(b"JPKIAPICCTOKEN                  "),
            TokenKind::JukiCard
        );
        assert_eq!(
            TokenKind::from_label(b"JPKIAPGPSETOKEN                 "),
            TokenKind::AndroidPhone
        );
        assert_eq!(
            TokenKind::from_label(b"JPKIAPIOSTOKEN\0\0"),
            TokenKind::IPhone
        );
        assert!(matches!(TokenKind::from_label(b"XYZ "), TokenKind::Unknown(s) if s == "XYZ"));
    }

    #[test]
    fn pin_must_be_four_digits() {
        assert!(AuthPin::new("1234").is_ok());
        for bad in ["123", "12345", "12a4", "", "１２３４"] {
            assert_eq!(AuthPin::new(bad).unwrap_err(), Error::PinFormat, "{bad}");
        }
        assert_eq!(
            format!("{:?}", AuthPin::new("1234").unwrap()),
            "AuthPin(****)"
        );
    }

    #[test]
    fn tlv_lengths() {
        let mut v = Vec::new();
        push_tlv(&mut v, &[0x5F, 0x37], &[0u8; 256]);
        assert_eq!(&v[..5], &[0x5F, 0x37, 0x82, 0x01, 0x00]);
        let mut v = Vec::new();
        push_tlv(&mut v, &[0x7F, 0x21], &[0u8; 200]);
        assert_eq!(&v[..4], &[0x7F, 0x21, 0x81, 200]);
    }
}
