//! 日本語: the words of `i18n/cli.rs` (its types and the dispatch are there).

use crate::history::{ConsentKind, HistoryError, Method, Outcome};
use crate::i18n::cli::*;

pub(in crate::i18n) fn word(w: Word) -> &'static str {
    use Word::*;
    match w {
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
    }
}

pub(in crate::i18n) fn outcome(o: Outcome) -> &'static str {
    match o {
        Outcome::Valid => "有効",
        Outcome::Invalid => "無効",
        Outcome::Error => "エラー",
    }
}

pub(in crate::i18n) fn method(m: Method) -> &'static str {
    match m {
        Method::CardPin => "マイナ保険証（暗証番号）",
        Method::CardFace => "マイナ保険証（顔認証）",
        Method::CardVisual => "マイナ保険証（目視）",
        Method::InsuranceCard => "保険証",
        Method::Batch => "一括照会",
    }
}

pub(in crate::i18n) fn consent(k: ConsentKind) -> &'static str {
    match k {
        ConsentKind::Limit => "限度額",
        ConsentKind::SpecificDiseases => "特定疾病",
        ConsentKind::Drug => "薬剤情報",
        ConsentKind::Checkup => "特定健診",
        ConsentKind::Diagnosis => "診療情報",
        ConsentKind::Surgery => "手術情報",
    }
}

pub(in crate::i18n) fn sex(code: &str) -> String {
    match code {
        "1" => "男".into(),
        "2" => "女".into(),
        other => other.into(),
    }
}

pub(in crate::i18n) fn ratio(code: &str) -> String {
    match code.trim().parse::<u32>() {
        Ok(p) if p % 10 == 0 => format!("{}割", p / 10),
        Ok(p) => format!("{p}%"),
        Err(_) => code.into(),
    }
}

pub(in crate::i18n) fn config_error(detail: &str) -> String {
    format!("設定ファイルを使えません。内容を確認してください。\n  {detail}")
}

pub(in crate::i18n) fn history_error(e: &HistoryError) -> String {
    match e {
        HistoryError::Open { path, .. } => format!(
            "照会履歴のデータベース {} を開けません。フォルダーが書き込み可能か確認するか、設定の [history] path を変更してください。（{e}）",
            path.display()
        ),
        HistoryError::Folder { path, .. } => format!(
            "照会履歴のフォルダー {} を作成できません。権限を確認してください。",
            path.display()
        ),
        HistoryError::Newer { path, found } => format!(
            "照会履歴のデータベース {} は新しい版のオン資デスクで作られています（スキーマ {found}）。アプリを更新してください。",
            path.display()
        ),
        HistoryError::Sql(_) => format!(
            "照会履歴の読み書きに失敗しました。ディスクの空き容量を確認してください。繰り返す場合は管理者に連絡してください。（{e}）"
        ),
    }
}

pub(in crate::i18n) fn stdin_problem(p: &crate::numbers::StdinProblem) -> String {
    use crate::numbers::{STDIN_MAX, StdinProblem as P};
    match p {
        P::Read => "標準入力を読めません。".into(),
        P::TooLong => format!(
            "標準入力が長すぎます（{STDIN_MAX} バイトまで）。照会内容の JSON オブジェクトを 1 つだけ渡してください。"
        ),
        P::NotJson { line, column } => format!(
            "標準入力が JSON オブジェクトではありません（{line} 行 {column} 文字目）。`onshi check --help` の例の形で渡してください。"
        ),
        P::UnknownKey(k) => format!(
            "標準入力の JSON に知らないキー「{k}」があります。使えるキーは insurer, symbol, number, branch, birth, limit_consent です。"
        ),
        P::MissingKey(k) => {
            format!("標準入力の JSON にキー「{k}」がありません。")
        }
        P::WrongType { line, column } => format!(
            "標準入力の JSON の値の型が違います（{line} 行 {column} 文字目）。値はすべて文字列（\"01130012\" のように引用符付き）、limit_consent だけは true か false で書いてください。"
        ),
    }
}

pub(in crate::i18n) fn bad_date(arg: &str) -> String {
    format!("{arg} は日付ではありません。YYYY-MM-DD の形で指定してください。")
}

/// `span`: the validity, `from〜until`, or empty.
pub(in crate::i18n) fn ticket(issue: &str, span: &str) -> String {
    if span.is_empty() {
        format!("交付番号 {issue}")
    } else {
        format!("交付番号 {issue}（{span}）")
    }
}
