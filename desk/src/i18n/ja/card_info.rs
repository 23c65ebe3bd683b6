//! 日本語: the words of `i18n/card_info.rs` (its types and the dispatch are there).

use crate::card::{CardInfoError, Chain};
use crate::i18n::card_info::*;
use reader_driver::PinStatus;

pub(in crate::i18n) fn word(w: Word) -> &'static str {
    use Word::*;
    match w {
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
    }
}

pub(in crate::i18n) fn days_left(days: i64) -> String {
    match days {
        d if d < 0 => format!("期限切れ（{} 日前）", -d),
        d => format!("{d} 日"),
    }
}

pub(in crate::i18n) fn chain(c: Chain) -> &'static str {
    match c {
        Chain::NotChecked => "未確認（設定ファイルに [card] jpki_ca がありません）",
        Chain::Trusted => "設定の認証局が発行した、有効な証明書です",
        Chain::OutOfValidity => {
            "設定の認証局が発行していますが、証明書または認証局が有効期間外です"
        }
        Chain::UnknownIssuer => {
            "設定の認証局が発行した証明書ではありません（設定の jpki_ca を確認してください。正規のカードでない可能性があります）"
        }
        Chain::BadSignature => "署名を検証できません（正規のカードでない可能性があります）",
    }
}

pub(in crate::i18n) fn pin(p: PinStatus) -> String {
    match p {
        PinStatus::TriesLeft(n) => format!("あと {n} 回入力できます"),
        PinStatus::Locked => "ロック中".into(),
        PinStatus::Verified => "この接続で照合済み".into(),
    }
}

pub(in crate::i18n) fn error(e: &CardInfoError) -> String {
    use CardInfoError as E;
    match e {
        E::ServiceDown => {
            "カードリーダーのサービス（pcscd）が動いていません。pcscd を起動してから、もう一度実行してください。".into()
        }
        E::NoReader => {
            "カードリーダーが接続されていません。リーダーのケーブルを確認して、もう一度実行してください。".into()
        }
        E::ReaderNotFound { name, known } => format!(
            "カードリーダー「{name}」が見つかりません。接続されているリーダー: {}。--reader で別のリーダーを指定するか、設定ファイルの [reader] name を直してください。",
            known.join("、")
        ),
        E::ReaderBusy => {
            "ほかのプログラムがカードリーダーを使用中です。そのプログラム（起動中のオン資デスクなど）を終了してから、もう一度実行してください。".into()
        }
        E::NoCard => {
            "カードリーダーにカードが置かれていません。マイナンバーカードを置いて、もう一度実行してください。".into()
        }
        E::CardRemoved => {
            "読み取りの途中でカードが外されました。カードを置き直し、終わるまで動かさずにもう一度実行してください。".into()
        }
        E::NotMyNumberCard => {
            "このカードはマイナンバーカードではありません。マイナンバーカードを置いてください。".into()
        }
        E::UnsupportedToken(t) => format!(
            "このカードは{}で、マイナンバーカードではありません。マイナンバーカードを置いてください。",
            token_ja(*t)
        ),
        E::Unreadable(detail) => format!(
            "カードの電子証明書を読み取れません（{detail}）。カードの点検を市区町村の窓口で受けるよう、持ち主にお伝えください。"
        ),
        E::Reader(detail) => format!(
            "カードリーダーのエラーです（{detail}）。カードを置き直してもう一度実行してください。続く場合はリーダーを接続し直してください。"
        ),
    }
}
