//! 日本語: the words of `i18n/viewer.rs` (its types and the dispatch are there).

use crate::history::Viewed;
use crate::i18n::Lang;
use crate::i18n::viewer::*;
use crate::staff::Role;
use crate::viewer::{Out, Range, ViewerError};

pub(in crate::i18n) fn w(k: W) -> &'static str {
    use W::*;
    match k {
        LoginTitle => "情報閲覧 ログイン",
        Name => "職員名",
        Password => "パスワード",
        Login => "ログイン",
        Logout => "ログアウト",
        Checking => "確認しています…",
        LoggedInAs => "ログイン中",
        RoleMayNotView => "この役割では閲覧できません",
        PatientsTitle => "閲覧できる患者（同意から24時間以内の資格確認）",
        NoPatients => {
            "同意のある資格確認はありません。同意がない、または同意から24時間を過ぎた患者の情報は閲覧できません。"
        }
        Time => "確認時刻",
        Patient => "氏名",
        Consented => "同意",
        Until => "閲覧期限",
        Drug => "薬剤情報",
        Checkup => "特定健診",
        Waiting => "資格確認システムに照会しています…",
        DrugTitle => "薬剤情報（過去3年）",
        CheckupTitle => "特定健診情報（過去5年）",
        Date => "日付",
        Institution => "医療機関・薬局",
        DrugName => "薬剤名",
        Dose => "数量",
        Usage => "用法",
        Days => "日数・回数",
        Item => "項目",
        Value => "結果",
        Unit => "単位",
        RefRange => "基準範囲",
        Judgement => "判定",
        NoRows => "該当する情報はありません。",
        DisasterLookup => "災害時：保険証の番号で検索して閲覧",
        DisasterNote => "本人確認（カード）なしで閲覧します。閲覧は記録されます。",
        Unavailable => "情報閲覧はこの端末では利用できません。",
        AuditedNote => "この閲覧は記録されました。",
        DisasterView => "災害時モードでの閲覧",
    }
}

pub(in crate::i18n) fn idle_note(minutes: u64) -> String {
    format!("{minutes}分間操作がないと自動でログアウトします。")
}

pub(in crate::i18n) fn role(r: Role) -> &'static str {
    match r {
        Role::Admin => "管理者",
        Role::Doctor => "医師",
        Role::Dentist => "歯科医師",
        Role::Pharmacist => "薬剤師",
        Role::Clerk => "事務",
    }
}

pub(in crate::i18n) fn viewed(v: Viewed) -> &'static str {
    match v {
        Viewed::Drug => "薬剤情報",
        Viewed::Checkup => "特定健診情報",
        Viewed::Diagnosis => "診療情報",
        Viewed::Surgery => "手術情報",
    }
}

pub(in crate::i18n) fn banner(area: &str, from: &str, until: &str) -> String {
    format!(
        "災害時モード（地域 {area}、{from}〜{until}）：資格確認なしで薬剤・特定健診情報を閲覧できます。閲覧は記録されます。"
    )
}

pub(in crate::i18n) fn range(r: Range) -> String {
    match r {
        Range::Below(v) => format!("{}未満", bound(v)),
        Range::AtMost(v) => format!("{}以下", bound(v)),
        Range::AtLeast(v) => format!("{}以上", bound(v)),
    }
}

pub(in crate::i18n) fn trend_title(item: &str, unit: &str) -> String {
    match unit.is_empty() {
        false => format!("{item}の推移（{unit}）"),
        true => format!("{item}の推移"),
    }
}

pub(in crate::i18n) fn band_note(r: Range) -> String {
    format!("緑の帯：基準範囲（{}）", range(r))
}

pub(in crate::i18n) fn out(o: Option<Out>) -> &'static str {
    match o {
        Some(Out::High) => "▲ 高値",
        Some(Out::Low) => "▼ 低値",
        None => "",
    }
}

pub(in crate::i18n) fn error(e: &ViewerError) -> String {
    use ViewerError::*;
    match e {
        NotLoggedIn => "ログインしてください。".into(),
        NotQualified => "この役割では閲覧できません".into(),
        RoleKind { role, what } => format!("{}は{}を閲覧できません（照会はしていません）。", crate::i18n::viewer::role(Lang::Ja, *role), viewed(*what)),
        NotOffered(what) => format!("{}の閲覧にはまだ対応していません（照会はしていません）。", viewed(*what)),
        WrongLogin => "職員名またはパスワードが違います。".into(),
        Throttled { wait_secs } => crate::i18n::staff::wait(Lang::Ja, *wait_secs),
        Disabled => "このアカウントは無効です。管理者に連絡してください。".into(),
        Staff(d) => format!("職員アカウントのファイルを使えません（{d}）。管理者に連絡してください。"),
        NoConsent => "この患者からは閲覧の同意がありません。閲覧できません（照会はしていません）。".into(),
        ConsentExpired => "同意から24時間を過ぎたため閲覧できません（照会はしていません）。もう一度資格確認をしてください。".into(),
        NoSuchCheck => "この資格確認は履歴にありません。".into(),
        PharmacyCheckup => "薬局では特定健診情報を閲覧できません（設定 [viewer] pharmacy_checkup）。照会はしていません。".into(),
        NoDisaster => "災害時モードは有効ではありません。資格確認をしてから閲覧してください。".into(),
        BadNumbers => "この資格確認の保険者番号などが不完全なため照会できません。".into(),
        History(d) => format!("履歴を使えません（{d}）。"),
        Audit(d) => format!("閲覧記録を書き込めなかったため、情報を表示しません（{d}）。空き容量を確認してください。"),
        Centre(t) => crate::i18n::centre_trouble(Lang::Ja, t),
    }
}
