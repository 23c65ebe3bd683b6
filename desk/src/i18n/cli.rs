//! The words of the headless commands (`onshi check`, `onshi history`): field labels of a
//! printed result, outcome and method names, and the errors they print on stderr, in Japanese
//! and English. One exhaustive `match` per language, as for the screens.

use super::Lang;
use crate::history::{ConsentKind, HistoryError, Method, Outcome};

/// Fixed words of the commands' output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Word {
    Outcome,
    Reason,
    When,
    How,
    Name,
    Kana,
    Birth,
    Sex,
    Insurer,
    InsurerName,
    Symbol,
    Number,
    Branch,
    Ratio,
    ValidUntil,
    LimitCategory,
    Consents,
    Agreed,
    NotAgreed,
    NoChecks,
    NotFound,
    Multiple,
    NotStored,
    HistoryId,
    /// The outcome of a 資格有効性 3.
    InvalidNew,
    /// What to do about it.
    NewQualification,
    /// 資格確認日 of a check asked for another day than today.
    AsOf,
    /// 資格有効性 6 (医療扶助): 有効（未登録）.
    ValidUnregistered,
    /// What 「未委託・未登録」 means and what to do.
    TicketUnregistered,
    PublicExpense,
    Beneficiary,
    WelfareOffice,
    MedicalTicket,
}

pub fn word(lang: Lang, w: Word) -> &'static str {
    use Word::*;
    match lang {
        Lang::Ja => match w {
            Outcome => "結果",
            Reason => "理由",
            When => "日時",
            How => "方法",
            Name => "氏名",
            Kana => "カナ氏名",
            Birth => "生年月日",
            Sex => "性別",
            Insurer => "保険者番号",
            InsurerName => "保険者名",
            Symbol => "記号",
            Number => "番号",
            Branch => "枝番",
            Ratio => "負担割合",
            ValidUntil => "有効期限",
            LimitCategory => "限度額適用区分",
            Consents => "同意",
            Agreed => "同意あり",
            NotAgreed => "同意なし",
            NoChecks => "該当する照会履歴はありません。",
            NotFound => "該当資格なし: 入力した番号と生年月日を保険証と見比べてください。",
            Multiple => "複数該当: 枝番を入力して、もう一度照会してください。",
            NotStored => "照会結果を履歴に保存できませんでした",
            HistoryId => "履歴番号",
            InvalidNew => "無効（新しい資格あり）",
            NewQualification => {
                "保険が変わっています: 新しい保険証・資格確認書を確認するか、マイナ保険証で資格確認してください。"
            }
            AsOf => "資格確認日",
            ValidUnregistered => "有効（未登録）",
            TicketUnregistered => {
                "医療扶助: 医療券が未委託・未登録です（福祉事務所の登録は毎月15日ごろ）。福祉事務所に確認するか、後日あらためて資格確認してください。"
            }
            PublicExpense => "公費負担者番号",
            Beneficiary => "受給者番号",
            WelfareOffice => "福祉事務所",
            MedicalTicket => "医療券",
        },
        Lang::En => match w {
            Outcome => "Outcome",
            Reason => "Reason",
            When => "When",
            How => "Method",
            Name => "Name",
            Kana => "Name (kana)",
            Birth => "Date of birth",
            Sex => "Sex",
            Insurer => "Insurer number",
            InsurerName => "Insurer",
            Symbol => "Symbol",
            Number => "Number",
            Branch => "Branch",
            Ratio => "Co-payment",
            ValidUntil => "Valid until",
            LimitCategory => "Limit category",
            Consents => "Consents",
            Agreed => "agreed",
            NotAgreed => "not agreed",
            NoChecks => "No checks match.",
            NotFound => {
                "No qualification found: compare the numbers and the birth date with the insurance card."
            }
            Multiple => "Several people match: enter the branch number and check again.",
            NotStored => "The result could not be saved in the history",
            HistoryId => "History id",
            InvalidNew => "invalid (a newer qualification exists)",
            NewQualification => {
                "The patient changed insurer: ask for the new insurance card or eligibility certificate, or check with the My Number card."
            }
            AsOf => "Eligibility as of",
            ValidUnregistered => "valid (not registered)",
            TicketUnregistered => {
                "Medical assistance: the welfare office has not registered the medical ticket yet (they do about the 15th of each month). Ask the welfare office, or check again later."
            }
            PublicExpense => "Public expense payer number",
            Beneficiary => "Recipient number",
            WelfareOffice => "Welfare office",
            MedicalTicket => "Medical ticket",
        },
    }
}

pub fn outcome(lang: Lang, o: Outcome) -> &'static str {
    match (lang, o) {
        (Lang::Ja, Outcome::Valid) => "有効",
        (Lang::Ja, Outcome::Invalid) => "無効",
        (Lang::Ja, Outcome::Error) => "エラー",
        (Lang::En, Outcome::Valid) => "valid",
        (Lang::En, Outcome::Invalid) => "invalid",
        (Lang::En, Outcome::Error) => "error",
    }
}

pub fn method(lang: Lang, m: Method) -> &'static str {
    match (lang, m) {
        (Lang::Ja, Method::CardPin) => "マイナ保険証（暗証番号）",
        (Lang::Ja, Method::CardFace) => "マイナ保険証（顔認証）",
        (Lang::Ja, Method::CardVisual) => "マイナ保険証（目視）",
        (Lang::Ja, Method::InsuranceCard) => "保険証",
        (Lang::Ja, Method::Batch) => "一括照会",
        (Lang::En, Method::CardPin) => "My Number card (PIN)",
        (Lang::En, Method::CardFace) => "My Number card (face)",
        (Lang::En, Method::CardVisual) => "My Number card (staff check)",
        (Lang::En, Method::InsuranceCard) => "insurance card",
        (Lang::En, Method::Batch) => "batch",
    }
}

pub fn consent(lang: Lang, k: ConsentKind) -> &'static str {
    match (lang, k) {
        (Lang::Ja, ConsentKind::Limit) => "限度額",
        (Lang::Ja, ConsentKind::SpecificDiseases) => "特定疾病",
        (Lang::Ja, ConsentKind::Drug) => "薬剤情報",
        (Lang::Ja, ConsentKind::Checkup) => "特定健診",
        (Lang::Ja, ConsentKind::Diagnosis) => "診療情報",
        (Lang::Ja, ConsentKind::Surgery) => "手術情報",
        (Lang::En, ConsentKind::Limit) => "limit certificate",
        (Lang::En, ConsentKind::SpecificDiseases) => "specific diseases",
        (Lang::En, ConsentKind::Drug) => "drug information",
        (Lang::En, ConsentKind::Checkup) => "health checkups",
        (Lang::En, ConsentKind::Diagnosis) => "diagnosis information",
        (Lang::En, ConsentKind::Surgery) => "surgery information",
    }
}

/// 性別 code to a word.
pub fn sex(lang: Lang, code: &str) -> String {
    match (lang, code) {
        (Lang::Ja, "1") => "男".into(),
        (Lang::Ja, "2") => "女".into(),
        (Lang::En, "1") => "male".into(),
        (Lang::En, "2") => "female".into(),
        (_, other) => other.into(),
    }
}

/// A 3-digit 負担割合 (030) as 3割 / 30%.
pub fn ratio(lang: Lang, code: &str) -> String {
    match (lang, code.trim().parse::<u32>()) {
        (Lang::Ja, Ok(p)) if p % 10 == 0 => format!("{}割", p / 10),
        (Lang::Ja, Ok(p)) => format!("{p}%"),
        (Lang::En, Ok(p)) => format!("{p}%"),
        (_, Err(_)) => code.into(),
    }
}

/// The config could not be loaded: its own message (English, it names the file and key)
/// after a line in the person's language.
pub fn config_error(lang: Lang, detail: &str) -> String {
    match lang {
        Lang::Ja => format!("設定ファイルを使えません。内容を確認してください。\n  {detail}"),
        Lang::En => format!("the settings cannot be used: {detail}"),
    }
}

pub fn history_error(lang: Lang, e: &HistoryError) -> String {
    match (lang, e) {
        (Lang::En, e) => e.to_string(),
        (Lang::Ja, HistoryError::Open { path, .. }) => format!(
            "照会履歴のデータベース {} を開けません。フォルダーが書き込み可能か確認するか、設定の [history] path を変更してください。（{e}）",
            path.display()
        ),
        (Lang::Ja, HistoryError::Folder { path, .. }) => format!(
            "照会履歴のフォルダー {} を作成できません。権限を確認してください。",
            path.display()
        ),
        (Lang::Ja, HistoryError::Newer { path, found }) => format!(
            "照会履歴のデータベース {} は新しい版のオン資デスクで作られています（スキーマ {found}）。アプリを更新してください。",
            path.display()
        ),
        (Lang::Ja, HistoryError::Sql(_)) => format!(
            "照会履歴の読み書きに失敗しました。ディスクの空き容量を確認してください。繰り返す場合は管理者に連絡してください。（{e}）"
        ),
    }
}

/// Why `onshi check --stdin` cannot use its input (never quotes a value).
pub fn stdin_problem(lang: Lang, p: &crate::numbers::StdinProblem) -> String {
    use crate::numbers::{STDIN_MAX, StdinProblem as P};
    match (lang, p) {
        (Lang::Ja, P::Read) => "標準入力を読めません。".into(),
        (Lang::Ja, P::TooLong) => format!(
            "標準入力が長すぎます（{STDIN_MAX} バイトまで）。照会内容の JSON オブジェクトを 1 つだけ渡してください。"
        ),
        (Lang::Ja, P::NotJson { line, column }) => format!(
            "標準入力が JSON オブジェクトではありません（{line} 行 {column} 文字目）。`onshi check --help` の例の形で渡してください。"
        ),
        (Lang::Ja, P::UnknownKey(k)) => format!(
            "標準入力の JSON に知らないキー「{k}」があります。使えるキーは insurer, symbol, number, branch, birth, limit_consent です。"
        ),
        (Lang::Ja, P::MissingKey(k)) => {
            format!("標準入力の JSON にキー「{k}」がありません。")
        }
        (Lang::Ja, P::WrongType { line, column }) => format!(
            "標準入力の JSON の値の型が違います（{line} 行 {column} 文字目）。値はすべて文字列（\"01130012\" のように引用符付き）、limit_consent だけは true か false で書いてください。"
        ),
        (Lang::En, P::Read) => "standard input cannot be read.".into(),
        (Lang::En, P::TooLong) => format!(
            "standard input is too long (at most {STDIN_MAX} bytes): give one JSON object with the request."
        ),
        (Lang::En, P::NotJson { line, column }) => format!(
            "standard input is not a JSON object (line {line}, column {column}): see the example in `onshi check --help`."
        ),
        (Lang::En, P::UnknownKey(k)) => format!(
            "the JSON on standard input has an unknown key \"{k}\": the keys are insurer, symbol, number, branch, birth, limit_consent."
        ),
        (Lang::En, P::MissingKey(k)) => {
            format!("the JSON on standard input has no \"{k}\" key.")
        }
        (Lang::En, P::WrongType { line, column }) => format!(
            "a value in the JSON on standard input has the wrong type (line {line}, column {column}): give every value as a string in quotes (\"01130012\"), limit_consent as true or false."
        ),
    }
}

/// A date argument that is not a date.
pub fn bad_date(lang: Lang, arg: &str) -> String {
    match lang {
        Lang::Ja => format!("{arg} は日付ではありません。YYYY-MM-DD の形で指定してください。"),
        Lang::En => format!("{arg} is not a date: write it YYYY-MM-DD."),
    }
}

/// A 医療券 line: its 交付番号 and, when given, its validity.
pub fn ticket(lang: Lang, issue: &str, from: Option<&str>, until: Option<&str>) -> String {
    let span = match (from, until) {
        (Some(f), Some(u)) => format!("{f}〜{u}"),
        (Some(f), None) => format!("{f}〜"),
        (None, Some(u)) => format!("〜{u}"),
        (None, None) => String::new(),
    };
    match (lang, span.is_empty()) {
        (Lang::Ja, true) => format!("交付番号 {issue}"),
        (Lang::Ja, false) => format!("交付番号 {issue}（{span}）"),
        (Lang::En, true) => format!("issue number {issue}"),
        (Lang::En, false) => format!("issue number {issue} ({span})"),
    }
}
