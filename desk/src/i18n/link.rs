//! The clinic link's words: the message of an error answer the desk writes into `res/` for
//! the clinic's system (its staff read it in their own software), Japanese first and English
//! complete. Never quotes a value of the request. Also what `onshi link` and the console say
//! of the link itself (the words in `ja/link.rs` and `en/link.rs`).

use super::{Lang, per_lang};
use crate::link::LinkView;
pub use crate::link::NotRun;
use crate::link::refno::{ListProblem, RowProblem};
use eligibility::link::LinkError;

/// The `ErrorMessage` of an error answer.
pub fn error_message(e: &LinkError, lang: Lang) -> String {
    // Japanese or English only: the clinic's system and its staff read these, not a patient,
    // so every other desk language answers in English.
    let row = |r: &Option<usize>, lang| match (r, lang) {
        (Some(n), Lang::Ja) => format!("{n}件目の"),
        (Some(n), _) => format!(" in row {n}"),
        (None, _) => String::new(),
    };
    match (e, lang) {
        (LinkError::UnknownKind, Lang::Ja) => {
            "この種類の要求にはお答えできません。ファイル名の種別を確認してください。".into()
        }
        (LinkError::UnknownKind, _) => {
            "The desk does not answer this kind of request: check the file name's kind.".into()
        }
        (LinkError::TooLarge { max }, Lang::Ja) => {
            format!("要求ファイルが大きすぎます（{max}バイトまで）。分けて送ってください。")
        }
        (LinkError::TooLarge { max }, _) => {
            format!("The request is larger than {max} bytes: split it.")
        }
        (LinkError::Encoding, Lang::Ja) => {
            "文字コードが読めません。Shift_JIS または UTF-8 で、XML宣言と一致させてください。"
                .into()
        }
        (LinkError::Encoding, _) => {
            "The text encoding cannot be read: use Shift_JIS or UTF-8, as the XML declaration says."
                .into()
        }
        (LinkError::Malformed, Lang::Ja) => {
            "XMLの形式が正しくありません。レイアウトを確認してください。".into()
        }
        (LinkError::Malformed, _) => "The XML is not well-formed: check the layout.".into(),
        (LinkError::Missing { element, row: r }, Lang::Ja) => {
            format!("{}{element}がありません。", row(r, lang))
        }
        (LinkError::Missing { element, row: r }, _) => {
            format!("<{element}> is missing{}.", row(r, lang))
        }
        (
            LinkError::Invalid {
                element, row: r, ..
            },
            Lang::Ja,
        ) => {
            format!("{}{element}の値が正しくありません。", row(r, lang))
        }
        (
            LinkError::Invalid {
                element, row: r, ..
            },
            _,
        ) => {
            format!(
                "<{element}>{} holds a value that is not allowed.",
                row(r, lang)
            )
        }
        (LinkError::Rows { max, got }, Lang::Ja) => {
            format!("件数が{got}件です。1件以上{max}件以下で送ってください。")
        }
        (LinkError::Rows { max, got }, _) => {
            format!("The file has {got} rows: send 1 to {max}.")
        }
        (LinkError::Unsupported { element }, Lang::Ja) => {
            format!("{element}の指定にはお答えできません。XMLを指定してください。")
        }
        (LinkError::Unsupported { element }, _) => {
            format!("<{element}> asks for something the desk does not answer: ask for XML.")
        }
        (LinkError::OtherInstitution, Lang::Ja) => {
            "医療機関コードがこの端末の医療機関と一致しません。".into()
        }
        (LinkError::OtherInstitution, _) => {
            "The medical institution code is not this desk's.".into()
        }
        (LinkError::AlreadyAnswered, Lang::Ja) => {
            "同じ名前の要求には回答済みです。新しい名前で送ってください。".into()
        }
        (LinkError::AlreadyAnswered, _) => {
            "A request of this name was already answered: send it under a new name.".into()
        }
    }
}

/// The centre answered something the desk cannot read (passed on as an error answer).
pub fn centre_unreadable(lang: Lang) -> String {
    // As in `error_message`: English for every language but Japanese.
    match lang {
        Lang::Ja => "オンライン資格確認等システムの回答を読み取れませんでした。".into(),
        _ => "The centre's answer could not be read.".into(),
    }
}

/// The sentence for a link that does not run.
pub fn not_run(lang: Lang, why: &NotRun) -> String {
    per_lang!(lang, link::not_run(why))
}

/// `onshi link`'s first line: which folder it serves and how to stop it.
pub fn serving(lang: Lang, folder: &str) -> String {
    per_lang!(lang, link::serving(folder))
}

/// `onshi link`'s last line, after a stop signal.
pub fn stopped(lang: Lang) -> &'static str {
    per_lang!(lang, link::stopped())
}

/// The console's one line on the link: running with its counts and last error, or why not.
pub fn state_line(lang: Lang, view: &LinkView) -> String {
    per_lang!(lang, link::state_line(view))
}

/// A 照会番号 row that cannot be sent (`line` of the list, none when typed).
pub fn refno_row(lang: Lang, line: Option<usize>, p: &RowProblem) -> String {
    per_lang!(lang, link::refno_row(line, p))
}

/// A 照会番号 list that cannot be used (each bad row is said with [`refno_row`]).
pub fn refno_list(lang: Lang, p: &ListProblem) -> String {
    per_lang!(lang, link::refno_list(p))
}

/// How many numbers the centre registered.
pub fn refno_done(lang: Lang, registered: usize, sent: usize) -> String {
    per_lang!(lang, link::refno_done(registered, sent))
}

/// A row the centre did not register: the clinic's number, the centre's code and message.
pub fn refno_refused(lang: Lang, number: &str, code: &str, message: &str) -> String {
    per_lang!(lang, link::refno_refused(number, code, message))
}
