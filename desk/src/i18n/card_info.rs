//! The words of `onshi card info`: labels of the certificate facts, the PIN state, the advice
//! lines, and the errors it prints on stderr (each says what to do), in Japanese and English.
//! One exhaustive `match` per language, as for the screens.

use super::Lang;
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
    use Word::*;
    match lang {
        Lang::Ja => match w {
            Reader => "カードリーダー",
            Card => "カード",
            MyNumberCard => "マイナンバーカード",
            AuthCertificate => "利用者証明用電子証明書",
            Issuer => "発行者",
            Serial => "シリアル番号",
            NotBefore => "有効期間の開始",
            NotAfter => "有効期間の満了",
            DaysLeft => "残り日数",
            Chain => "JPKI 認証局",
            AuthPin => "利用者証明用暗証番号",
            RenewSoon => {
                "電子証明書の有効期限が3か月以内です。市区町村の窓口で更新するよう患者さんにお伝えください。"
            }
            ExpiredAdvice => {
                "電子証明書の有効期限が切れています。このカードでは資格確認できません。市区町村の窓口で更新するよう患者さんにお伝えください。"
            }
            LockedAdvice => {
                "暗証番号はロックされています。今日は顔認証または目視で確認できます。ロックの解除は市区町村の窓口で行えます。"
            }
        },
        Lang::En => match w {
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
        },
    }
}

/// Days left on the certificate (negative: expired that many days ago).
pub fn days_left(lang: Lang, days: i64) -> String {
    match (lang, days) {
        (Lang::Ja, d) if d < 0 => format!("期限切れ（{} 日前）", -d),
        (Lang::Ja, d) => format!("{d} 日"),
        (Lang::En, d) if d < 0 => format!("expired ({} days ago)", -d),
        (Lang::En, 1) => "1 day".into(),
        (Lang::En, d) => format!("{d} days"),
    }
}

pub fn chain(lang: Lang, c: Chain) -> &'static str {
    match (lang, c) {
        (Lang::Ja, Chain::NotChecked) => "未確認（設定ファイルに [card] jpki_ca がありません）",
        (Lang::Ja, Chain::Trusted) => "設定の認証局が発行した、有効な証明書です",
        (Lang::Ja, Chain::OutOfValidity) => {
            "設定の認証局が発行していますが、証明書または認証局が有効期間外です"
        }
        (Lang::Ja, Chain::UnknownIssuer) => {
            "設定の認証局が発行した証明書ではありません（設定の jpki_ca を確認してください。正規のカードでない可能性があります）"
        }
        (Lang::Ja, Chain::BadSignature) => {
            "署名を検証できません（正規のカードでない可能性があります）"
        }
        (Lang::En, Chain::NotChecked) => "not checked (no [card] jpki_ca in the settings)",
        (Lang::En, Chain::Trusted) => "issued by the configured CA, valid",
        (Lang::En, Chain::OutOfValidity) => {
            "issued by the configured CA, but the certificate or the CA is out of its validity"
        }
        (Lang::En, Chain::UnknownIssuer) => {
            "not issued by the configured CA (check jpki_ca in the settings; the card may not be genuine)"
        }
        (Lang::En, Chain::BadSignature) => {
            "the signature does not verify (the card may not be genuine)"
        }
    }
}

pub fn pin(lang: Lang, p: PinStatus) -> String {
    match (lang, p) {
        (Lang::Ja, PinStatus::TriesLeft(n)) => format!("あと {n} 回入力できます"),
        (Lang::Ja, PinStatus::Locked) => "ロック中".into(),
        (Lang::Ja, PinStatus::Verified) => "この接続で照合済み".into(),
        (Lang::En, PinStatus::TriesLeft(1)) => "1 try left".into(),
        (Lang::En, PinStatus::TriesLeft(n)) => format!("{n} tries left"),
        (Lang::En, PinStatus::Locked) => "locked".into(),
        (Lang::En, PinStatus::Verified) => "already verified on this connection".into(),
    }
}

fn token_ja(t: OtherToken) -> &'static str {
    match t {
        OtherToken::Juki => "住基カード",
        OtherToken::Phone => "スマホ用電子証明書",
        OtherToken::Other => "マイナンバーカード以外の公的個人認証トークン",
    }
}

/// What went wrong and what to do about it.
pub fn error(lang: Lang, e: &CardInfoError) -> String {
    use CardInfoError as E;
    match (lang, e) {
        (Lang::En, e) => e.to_string(),
        (Lang::Ja, E::ServiceDown) => {
            "カードリーダーのサービス（pcscd）が動いていません。pcscd を起動してから、もう一度実行してください。".into()
        }
        (Lang::Ja, E::NoReader) => {
            "カードリーダーが接続されていません。リーダーのケーブルを確認して、もう一度実行してください。".into()
        }
        (Lang::Ja, E::ReaderNotFound { name, known }) => format!(
            "カードリーダー「{name}」が見つかりません。接続されているリーダー: {}。--reader で別のリーダーを指定するか、設定ファイルの [reader] name を直してください。",
            known.join("、")
        ),
        (Lang::Ja, E::ReaderBusy) => {
            "ほかのプログラムがカードリーダーを使用中です。そのプログラム（起動中のオン資デスクなど）を終了してから、もう一度実行してください。".into()
        }
        (Lang::Ja, E::NoCard) => {
            "カードリーダーにカードが置かれていません。マイナンバーカードを置いて、もう一度実行してください。".into()
        }
        (Lang::Ja, E::CardRemoved) => {
            "読み取りの途中でカードが外されました。カードを置き直し、終わるまで動かさずにもう一度実行してください。".into()
        }
        (Lang::Ja, E::NotMyNumberCard) => {
            "このカードはマイナンバーカードではありません。マイナンバーカードを置いてください。".into()
        }
        (Lang::Ja, E::UnsupportedToken(t)) => format!(
            "このカードは{}で、マイナンバーカードではありません。マイナンバーカードを置いてください。",
            token_ja(*t)
        ),
        (Lang::Ja, E::Unreadable(detail)) => format!(
            "カードの電子証明書を読み取れません（{detail}）。カードの点検を市区町村の窓口で受けるよう、持ち主にお伝えください。"
        ),
        (Lang::Ja, E::Reader(detail)) => format!(
            "カードリーダーのエラーです（{detail}）。カードを置き直してもう一度実行してください。続く場合はリーダーを接続し直してください。"
        ),
    }
}

// The words of a lower layer's type live here (the card module knows no language).
impl crate::card::CardInfoError {
    /// What the person reads, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        error(lang, self)
    }
}
