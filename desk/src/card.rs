//! `onshi card info`: what the My Number Card on the reader says, for a person at a desk or a
//! script, without a PIN and without personal data. It reads only the JPKI AP: the token label
//! (is this a My Number Card), the 利用者証明用 PIN's tries left by an empty VERIFY (costs no
//! try; never a real VERIFY), and the 利用者証明用電子証明書, of which it shows issuer, serial,
//! validity, days left and whether it chains to the configured JPKI CA. The certificate's
//! subject is left out on purpose: it is an opaque per-holder identifier whose first digits are
//! the holder's municipality code. The card is powered off afterwards.

use crate::config::Config;
use eligibility::Lang;
use reader_driver::cert::{CertError, CertificateInfo};
use reader_driver::{Card, Error as DriverError, Jpki, Pcsc, PinStatus, TokenKind};
use time::OffsetDateTime;

/// What the command takes from the settings (the config is optional for this command).
#[derive(Debug, Clone)]
pub struct Setup {
    pub lang: Lang,
    /// `[reader] name`.
    pub reader: Option<String>,
    /// `[card] jpki_ca`: the certificate is checked against these (DER); empty: not checked.
    pub jpki_cas: Vec<Vec<u8>>,
}

impl Setup {
    pub fn from_config(cfg: &Config) -> Setup {
        Setup {
            lang: cfg.lang,
            reader: cfg.reader.clone(),
            jpki_cas: cfg.jpki_cas.clone(),
        }
    }

    /// No config: any reader, no CA to check against.
    pub fn without_config(lang: Lang) -> Setup {
        Setup {
            lang,
            reader: None,
            jpki_cas: Vec::new(),
        }
    }
}

/// A JPKI token that is not the plastic My Number Card.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OtherToken {
    /// The old 住民基本台帳カード.
    Juki,
    /// スマホ用電子証明書.
    Phone,
    Other,
}

impl std::fmt::Display for OtherToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            OtherToken::Juki => "a Basic Resident Registry card (住基カード)",
            OtherToken::Phone => "a smartphone certificate",
            OtherToken::Other => "another kind of JPKI token",
        })
    }
}

/// Why the card could not be read; each maps to one exit status and a message saying what
/// to do (in the person's language: [`CardInfoError::message`]).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CardInfoError {
    #[error(
        "the card reader service (pcscd) is not running: start it (e.g. `pcscd`) and try again"
    )]
    ServiceDown,
    #[error("no card reader is connected: connect the reader and check its cable")]
    NoReader,
    #[error(
        "the card reader {name:?} is not connected (readers: {known:?}): give another --reader or fix `[reader] name`"
    )]
    ReaderNotFound { name: String, known: Vec<String> },
    #[error("another program is using the card reader: close it (or stop the desk) and try again")]
    ReaderBusy,
    #[error("no card is on the reader: place the My Number Card on the reader and try again")]
    NoCard,
    #[error(
        "the card was taken off the reader while it was read: place it again and leave it until the command ends"
    )]
    CardRemoved,
    #[error("this card is not a My Number Card: place a My Number Card on the reader")]
    NotMyNumberCard,
    #[error("this is {0}, not a My Number Card: place a My Number Card on the reader")]
    UnsupportedToken(OtherToken),
    #[error(
        "the card's certificate cannot be read ({0}): ask the holder to have the card checked at the city office"
    )]
    Unreadable(String),
    #[error(
        "card reader error ({0}): take the card off, put it back and try again; if it persists, reconnect the reader"
    )]
    Reader(String),
}

impl CardInfoError {
    fn from_driver(e: DriverError) -> Self {
        match e {
            DriverError::ServiceDown => CardInfoError::ServiceDown,
            DriverError::NoReader => CardInfoError::NoReader,
            DriverError::ReaderNotFound(name) => CardInfoError::ReaderNotFound {
                name,
                known: Vec::new(),
            },
            DriverError::ReaderBusy => CardInfoError::ReaderBusy,
            DriverError::NoCard => CardInfoError::NoCard,
            DriverError::CardRemoved | DriverError::CardReset => CardInfoError::CardRemoved,
            DriverError::NotAMyNumberCard => CardInfoError::NotMyNumberCard,
            DriverError::UnsupportedToken(_) => CardInfoError::UnsupportedToken(OtherToken::Other),
            e @ (DriverError::Malformed { .. } | DriverError::Card { .. }) => {
                CardInfoError::Unreadable(e.to_string())
            }
            other => CardInfoError::Reader(other.to_string()),
        }
    }

    /// A stable name for scripts (`--json`'s `error`).
    pub fn code(&self) -> &'static str {
        use CardInfoError as E;
        match self {
            E::ServiceDown => "service_down",
            E::NoReader => "no_reader",
            E::ReaderNotFound { .. } => "reader_not_found",
            E::ReaderBusy => "reader_busy",
            E::NoCard => "no_card",
            E::CardRemoved => "card_removed",
            E::NotMyNumberCard => "not_my_number_card",
            E::UnsupportedToken(_) => "unsupported_token",
            E::Unreadable(_) => "unreadable",
            E::Reader(_) => "reader_error",
        }
    }

    /// Whether a card was on the reader when this happened (`None`: not known).
    pub fn card_present(&self) -> Option<bool> {
        use CardInfoError as E;
        match self {
            E::ServiceDown | E::NoReader | E::ReaderNotFound { .. } | E::ReaderBusy => None,
            E::NoCard | E::CardRemoved => Some(false),
            E::NotMyNumberCard | E::UnsupportedToken(_) | E::Unreadable(_) | E::Reader(_) => {
                Some(true)
            }
        }
    }
}

/// Whether the certificate chains to the configured JPKI CA.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Chain {
    /// No `[card] jpki_ca` (no config).
    NotChecked,
    /// Signed by a configured CA, and both are valid now.
    Trusted,
    /// Signed by a configured CA, but it or the CA is expired (or not yet valid).
    OutOfValidity,
    /// Not issued by any configured CA.
    UnknownIssuer,
    /// Issued in the name of a configured CA, but the signature does not verify.
    BadSignature,
}

impl Chain {
    pub fn code(self) -> &'static str {
        match self {
            Chain::NotChecked => "not_checked",
            Chain::Trusted => "trusted",
            Chain::OutOfValidity => "out_of_validity",
            Chain::UnknownIssuer => "unknown_issuer",
            Chain::BadSignature => "bad_signature",
        }
    }
}

/// The facts `card info` shows. No name, address, birth date, 個人番号, photo or subject.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardFacts {
    pub certificate: CertificateInfo,
    /// Whole days from now to the end of validity (negative once expired).
    pub days_left: i64,
    pub expired: bool,
    /// Valid, but ends within three calendar months (the console's renewal warning).
    pub expires_soon: bool,
    pub chain: Chain,
    pub pin: PinStatus,
}

/// The outcome of one `card info`: the reader used (when one was chosen) and the facts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardInfo {
    pub reader: Option<String>,
    pub result: Result<CardFacts, CardInfoError>,
}

/// Reads the card in `wanted` (or the reader [`Pcsc::pick_reader`] picks) at time `now`.
pub fn read(wanted: Option<&str>, cas: &[Vec<u8>], now: OffsetDateTime) -> CardInfo {
    let pcsc = match Pcsc::establish() {
        Ok(p) => p,
        Err(e) => {
            return CardInfo {
                reader: None,
                result: Err(CardInfoError::from_driver(e)),
            };
        }
    };
    let reader = match pcsc.pick_reader(wanted) {
        Ok(r) => r,
        Err(DriverError::ReaderNotFound(name)) => {
            let known = pcsc.readers().unwrap_or_default();
            let result = Err(if known.is_empty() {
                CardInfoError::NoReader
            } else {
                CardInfoError::ReaderNotFound { name, known }
            });
            return CardInfo {
                reader: None,
                result,
            };
        }
        Err(e) => {
            return CardInfo {
                reader: None,
                result: Err(CardInfoError::from_driver(e)),
            };
        }
    };
    let mut result = read_card(&pcsc, &reader, cas, now);
    if matches!(result, Err(Failure::Driver(DriverError::CardReset))) {
        // Right after an insertion pcscd may still be powering the card up, which resets a
        // connection made in between. Nothing was verified and nothing is written: read again.
        tracing::debug!("card reset under card info; reading once more");
        result = read_card(&pcsc, &reader, cas, now);
    }
    let result = result.map_err(Failure::into_info);
    if let Err(e) = &result {
        tracing::info!(code = e.code(), "card info: card not read");
    }
    CardInfo {
        reader: Some(reader),
        result,
    }
}

/// A failure of one read: the driver's own (kept, so a reset can be told apart) or ours.
enum Failure {
    Driver(DriverError),
    Info(CardInfoError),
}

impl Failure {
    fn into_info(self) -> CardInfoError {
        match self {
            Failure::Driver(e) => CardInfoError::from_driver(e),
            Failure::Info(e) => e,
        }
    }
}

fn read_card(
    pcsc: &Pcsc,
    reader: &str,
    cas: &[Vec<u8>],
    now: OffsetDateTime,
) -> Result<CardFacts, Failure> {
    let e = Failure::Driver;
    let mut card = Card::new(pcsc.connect(reader).map_err(e)?);
    let facts = (|| {
        let mut jpki = Jpki::new(&mut card);
        match jpki.token_kind().map_err(e)? {
            TokenKind::Card => {}
            TokenKind::JukiCard => {
                return Err(Failure::Info(CardInfoError::UnsupportedToken(
                    OtherToken::Juki,
                )));
            }
            TokenKind::AndroidPhone | TokenKind::IPhone => {
                return Err(Failure::Info(CardInfoError::UnsupportedToken(
                    OtherToken::Phone,
                )));
            }
            TokenKind::Unknown(_) => return Err(Failure::Info(CardInfoError::NotMyNumberCard)),
        }
        let pin = jpki.auth_pin_status().map_err(e)?;
        let der = jpki.read_auth_certificate().map_err(e)?;
        facts_of(&der, cas, pin, now).map_err(Failure::Info)
    })();
    // Powered off whatever happened: nothing was verified, but leave no session behind.
    if let Err(err) = card.into_transport().unpower() {
        tracing::debug!(error = %err, "unpower after card info");
    }
    facts
}

/// The facts of an auth certificate `der` read with PIN state `pin`.
pub fn facts_of(
    der: &[u8],
    cas: &[Vec<u8>],
    pin: PinStatus,
    now: OffsetDateTime,
) -> Result<CardFacts, CardInfoError> {
    let certificate = CertificateInfo::parse(der)
        .map_err(|_| CardInfoError::Unreadable("not an X.509 certificate".into()))?;
    let chain = if cas.is_empty() {
        Chain::NotChecked
    } else {
        match reader_driver::cert::check_chain(der, cas, now) {
            Ok(()) => Chain::Trusted,
            Err(CertError::Expired(_) | CertError::NotYetValid(_)) => Chain::OutOfValidity,
            Err(CertError::UnknownIssuer) => Chain::UnknownIssuer,
            Err(CertError::BadSignature) => Chain::BadSignature,
            Err(CertError::Unreadable) => {
                return Err(CardInfoError::Unreadable("certificate".into()));
            }
        }
    };
    Ok(CardFacts {
        days_left: (certificate.not_after - now).whole_days(),
        expired: now > certificate.not_after,
        expires_soon: certificate.expires_within_three_months(now),
        chain,
        pin,
        certificate,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    fn adult_cert() -> Vec<u8> {
        std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../assets/personas/adult/auth.crt.der"
        ))
        .unwrap()
    }

    fn ca() -> Vec<u8> {
        std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../assets/pki/jpki-auth-ca.crt.der"
        ))
        .unwrap()
    }

    #[test]
    fn days_left_and_warning_follow_the_clock() {
        // The adult's certificate ends 2030-02-17 23:59:59 UTC.
        let der = adult_cert();
        let now = datetime!(2029-12-01 00:00 UTC);
        let f = facts_of(&der, &[ca()], PinStatus::TriesLeft(3), now).unwrap();
        assert_eq!(f.days_left, 78);
        assert!(f.expires_soon && !f.expired);
        assert_eq!(f.chain, Chain::Trusted);
        let later = datetime!(2030-03-01 00:00 UTC);
        let f = facts_of(&der, &[ca()], PinStatus::Locked, later).unwrap();
        assert!(f.expired && !f.expires_soon);
        assert!(f.days_left < 0);
        assert_eq!(f.chain, Chain::OutOfValidity);
        let f = facts_of(&der, &[], PinStatus::Locked, later).unwrap();
        assert_eq!(f.chain, Chain::NotChecked);
        // A CA that did not issue it: the adult's own certificate stands in.
        let f = facts_of(&der, std::slice::from_ref(&der), PinStatus::Locked, now).unwrap();
        assert_eq!(f.chain, Chain::UnknownIssuer);
    }
}
