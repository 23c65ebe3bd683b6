//! What can go wrong between the desk and the card, each variant phrased as what the person at
//! the desk can do about it. No variant carries a PIN, a 照合番号 or personal data.

use crate::apdu::StatusWord;

#[derive(Debug, thiserror::Error, Clone, PartialEq, Eq)]
pub enum Error {
    #[error("the card reader service (pcscd) is not running: start it or reconnect the reader")]
    ServiceDown,
    #[error("no card reader is connected: connect the reader and check its cable")]
    NoReader,
    #[error("the card reader '{0}' is not connected")]
    ReaderNotFound(String),
    #[error("no card is on the reader: place the card on the reader")]
    NoCard,
    #[error(
        "the card was removed or stopped answering: place the card on the reader again and keep it there until the end"
    )]
    CardRemoved,
    #[error(
        "the card was reset by the reader while in use: start the check again from the beginning"
    )]
    CardReset,
    #[error("another program is using the card reader: close it and try again")]
    ReaderBusy,
    #[error("this is not a My Number Card: place a My Number Card on the reader")]
    NotAMyNumberCard,
    #[error("this token ({0}) is not supported here: use the plastic My Number Card")]
    UnsupportedToken(String),
    #[error("wrong PIN: {tries_left} tries left")]
    WrongPin { tries_left: u8 },
    #[error(
        "the PIN is locked: the card holder can unlock it at the city office; use face or visual check today"
    )]
    PinLocked,
    #[error("a PIN is 4 digits")]
    PinFormat,
    #[error(
        "the verification number does not match the card: check the birth date, expiry year and security code ({tries_left} tries left)"
    )]
    WrongVerificationNumber { tries_left: u8 },
    #[error("the card refuses the verification number (blocked): use the PIN or a visual check")]
    VerificationNumberLocked,
    #[error("照合番号B is 14 digits: birth date YYMMDD (和暦), expiry year, security code")]
    VerificationNumberFormat,
    #[error("the card needs the PIN or terminal authentication before it signs")]
    NotAuthenticated,
    #[error("the card refused this terminal's certificate: check the terminal certificate setting")]
    TerminalRejected,
    #[error(
        "the card face signature does not verify: the card may be altered; check the card by eye and send the holder to the city office"
    )]
    CardFaceSignatureInvalid,
    #[error(
        "the card face key is not certified by the configured card-face issuer: the card may be altered; use the PIN or the clerk's visual check, and check the kenmen_issuer setting"
    )]
    CardFaceKeyNotCertified,
    #[error(
        "the card data is damaged or not as expected ({what}): ask the card holder to have the card checked at the city office"
    )]
    Malformed { what: &'static str },
    #[error("the card answered {sw} to {command}: remove the card and try again")]
    Card {
        command: &'static str,
        sw: StatusWord,
    },
    #[error(
        "card reader error ({0}): remove the card and try again; if it persists, reconnect the reader"
    )]
    Transport(String),
}

pub type Result<T> = std::result::Result<T, Error>;
