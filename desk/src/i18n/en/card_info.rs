//! English: the words of `i18n/card_info.rs`, the same functions as `ja/card_info.rs`.

use crate::card::{CardInfoError, Chain};
use crate::i18n::card_info::*;
use reader_driver::PinStatus;

pub(in crate::i18n) fn word(w: Word) -> &'static str {
    use Word::*;
    match w {
        Reader => "Card reader",
        Card => "Card",
        MyNumberCard => "My Number Card",
        AuthCertificate => "User certificate (利用者証明用電子証明書)",
        Issuer => "Issuer",
        Serial => "Serial number",
        NotBefore => "Valid from",
        NotAfter => "Valid until",
        DaysLeft => "Days left",
        Chain => "JPKI CA",
        AuthPin => "User PIN (利用者証明用暗証番号)",
        RenewSoon => {
            "The certificate expires within three months: ask the patient to renew it at the city office."
        }
        ExpiredAdvice => {
            "The certificate has expired: this card cannot be used for checks until the patient renews it at the city office."
        }
        LockedAdvice => {
            "The PIN is locked: use face or visual check today; the city office can unlock it."
        }
    }
}

pub(in crate::i18n) fn days_left(days: i64) -> String {
    match days {
        d if d < 0 => format!("expired ({} days ago)", -d),
        1 => "1 day".into(),
        d => format!("{d} days"),
    }
}

pub(in crate::i18n) fn chain(c: Chain) -> &'static str {
    match c {
        Chain::NotChecked => "not checked (no [card] jpki_ca in the settings)",
        Chain::Trusted => "issued by the configured CA, valid",
        Chain::OutOfValidity => {
            "issued by the configured CA, but the certificate or the CA is out of its validity"
        }
        Chain::UnknownIssuer => {
            "not issued by the configured CA (check jpki_ca in the settings; the card may not be genuine)"
        }
        Chain::BadSignature => "the signature does not verify (the card may not be genuine)",
    }
}

pub(in crate::i18n) fn pin(p: PinStatus) -> String {
    match p {
        PinStatus::TriesLeft(1) => "1 try left".into(),
        PinStatus::TriesLeft(n) => format!("{n} tries left"),
        PinStatus::Locked => "locked".into(),
        PinStatus::Verified => "already verified on this connection".into(),
    }
}

pub(in crate::i18n) fn error(e: &CardInfoError) -> String {
    e.to_string()
}
