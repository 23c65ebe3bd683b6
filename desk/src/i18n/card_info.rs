//! The words of `onshi card info`: labels of the certificate facts, the PIN state, the advice
//! lines, and the errors it prints on stderr (each says what to do). This file holds the keys
//! and the public functions; the words are in `ja/card_info.rs` and `en/card_info.rs`.

use super::{Lang, per_lang};
use crate::card::{CardInfoError, Chain, OtherToken};
use reader_driver::PinStatus;

/// Fixed words of the command's output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Word {
    Reader,
    Card,
    MyNumberCard,
    AuthCertificate,
    Issuer,
    Serial,
    NotBefore,
    NotAfter,
    DaysLeft,
    Chain,
    AuthPin,
    RenewSoon,
    ExpiredAdvice,
    LockedAdvice,
}

pub fn word(lang: Lang, w: Word) -> &'static str {
    per_lang!(lang, card_info::word(w))
}

/// Days left on the certificate (negative: expired that many days ago).
pub fn days_left(lang: Lang, days: i64) -> String {
    per_lang!(lang, card_info::days_left(days))
}

pub fn chain(lang: Lang, c: Chain) -> &'static str {
    per_lang!(lang, card_info::chain(c))
}

pub fn pin(lang: Lang, p: PinStatus) -> String {
    per_lang!(lang, card_info::pin(p))
}

pub(in crate::i18n) fn token_ja(t: OtherToken) -> &'static str {
    match t {
        OtherToken::Juki => "住基カード",
        OtherToken::Phone => "スマホ用電子証明書",
        OtherToken::Other => "マイナンバーカード以外の公的個人認証トークン",
    }
}

/// What went wrong and what to do about it.
pub fn error(lang: Lang, e: &CardInfoError) -> String {
    per_lang!(lang, card_info::error(e))
}

// The words of a lower layer's type live here (the card module knows no language).
impl crate::card::CardInfoError {
    /// What the person reads, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        error(lang, self)
    }
}
