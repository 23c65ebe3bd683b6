//! The data viewer's words (login, roles, the patient list, the drug and 特定健診 tables, the
//! 災害時 banner, every refusal), Japanese first and English complete. Each function matches
//! every language, so a missing translation does not compile.

use super::Lang;
use crate::history::Viewed;
use crate::staff::Role;
use crate::viewer::{Out, Range, ViewerError};

/// Fixed words of the viewer tab.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum W {
    LoginTitle,
    Name,
    Password,
    Login,
    Logout,
    Checking,
    LoggedInAs,
    RoleMayNotView,
    PatientsTitle,
    NoPatients,
    Time,
    Patient,
    Consented,
    Until,
    Drug,
    Checkup,
    Waiting,
    DrugTitle,
    CheckupTitle,
    Date,
    Institution,
    DrugName,
    Dose,
    Usage,
    Days,
    Item,
    Value,
    Unit,
    RefRange,
    Judgement,
    NoRows,
    DisasterLookup,
    DisasterNote,
    Unavailable,
    AuditedNote,
    DisasterView,
}

pub fn w(lang: Lang, k: W) -> &'static str {
    use W::*;
    match lang {
        Lang::Ja => match k {
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
        },
        Lang::En => match k {
            LoginTitle => "Data viewer login",
            Name => "Staff name",
            Password => "Password",
            Login => "Log in",
            Logout => "Log out",
            Checking => "Checking…",
            LoggedInAs => "Logged in",
            RoleMayNotView => "This role may not view patient data",
            PatientsTitle => "Patients you may view (checks with consent in the last 24 h)",
            NoPatients => {
                "No check with consent. Without consent, or 24 hours after it, a patient's data cannot be viewed."
            }
            Time => "Checked",
            Patient => "Name",
            Consented => "Consent",
            Until => "Viewable until",
            Drug => "Drugs",
            Checkup => "Checkups",
            Waiting => "Asking the centre…",
            DrugTitle => "Drug information (last 3 years)",
            CheckupTitle => "Specific health checkups (last 5 years)",
            Date => "Date",
            Institution => "Clinic / pharmacy",
            DrugName => "Drug",
            Dose => "Quantity",
            Usage => "Usage",
            Days => "Days / times",
            Item => "Item",
            Value => "Result",
            Unit => "Unit",
            RefRange => "Reference range",
            Judgement => "Flag",
            NoRows => "No information found.",
            DisasterLookup => "Disaster mode: look up by insurance-card numbers",
            DisasterNote => "Viewing without a card check. The view is logged.",
            Unavailable => "The data viewer is not available at this desk.",
            AuditedNote => "This view has been logged.",
            DisasterView => "Viewed in disaster mode",
        },
    }
}

/// The idle logout note ([`crate::staff::IDLE_LOGOUT`]).
pub fn idle_note(lang: Lang, minutes: u64) -> String {
    match lang {
        Lang::Ja => format!("{minutes}分間操作がないと自動でログアウトします。"),
        Lang::En => format!("You are logged out after {minutes} minutes without input."),
    }
}

pub fn role(lang: Lang, r: Role) -> &'static str {
    match (lang, r) {
        (Lang::Ja, Role::Admin) => "管理者",
        (Lang::Ja, Role::Doctor) => "医師",
        (Lang::Ja, Role::Dentist) => "歯科医師",
        (Lang::Ja, Role::Pharmacist) => "薬剤師",
        (Lang::Ja, Role::Clerk) => "事務",
        (Lang::En, Role::Admin) => "administrator",
        (Lang::En, Role::Doctor) => "doctor",
        (Lang::En, Role::Dentist) => "dentist",
        (Lang::En, Role::Pharmacist) => "pharmacist",
        (Lang::En, Role::Clerk) => "clerk",
    }
}

pub fn viewed(lang: Lang, v: Viewed) -> &'static str {
    match (lang, v) {
        (Lang::Ja, Viewed::Drug) => "薬剤情報",
        (Lang::Ja, Viewed::Checkup) => "特定健診情報",
        (Lang::Ja, Viewed::Diagnosis) => "診療情報",
        (Lang::Ja, Viewed::Surgery) => "手術情報",
        (Lang::En, Viewed::Drug) => "drug information",
        (Lang::En, Viewed::Checkup) => "checkup information",
        (Lang::En, Viewed::Diagnosis) => "care information",
        (Lang::En, Viewed::Surgery) => "surgery information",
    }
}

/// The 災害時 banner's line.
pub fn banner(lang: Lang, area: &str, from: &str, until: &str) -> String {
    match lang {
        Lang::Ja => format!(
            "災害時モード（地域 {area}、{from}〜{until}）：資格確認なしで薬剤・特定健診情報を閲覧できます。閲覧は記録されます。"
        ),
        Lang::En => format!(
            "Disaster mode: area {area} ({from} until {until}). Drug and checkup data may be viewed without a card check (views are logged)."
        ),
    }
}

pub fn range(lang: Lang, r: Range) -> String {
    let n = |v: f64| {
        if v.fract() == 0.0 {
            format!("{v:.0}")
        } else {
            format!("{v}")
        }
    };
    match (lang, r) {
        (Lang::Ja, Range::Below(v)) => format!("{}未満", n(v)),
        (Lang::Ja, Range::AtMost(v)) => format!("{}以下", n(v)),
        (Lang::Ja, Range::AtLeast(v)) => format!("{}以上", n(v)),
        (Lang::En, Range::Below(v)) => format!("< {}", n(v)),
        (Lang::En, Range::AtMost(v)) => format!("≤ {}", n(v)),
        (Lang::En, Range::AtLeast(v)) => format!("≥ {}", n(v)),
    }
}

/// The title of one 特定健診 item's chart.
pub fn trend_title(lang: Lang, item: &str, unit: &str) -> String {
    match (lang, unit.is_empty()) {
        (Lang::Ja, false) => format!("{item}の推移（{unit}）"),
        (Lang::Ja, true) => format!("{item}の推移"),
        (Lang::En, false) => format!("{item} over the years ({unit})"),
        (Lang::En, true) => format!("{item} over the years"),
    }
}

/// What the shaded band of a chart is.
pub fn band_note(lang: Lang, r: Range) -> String {
    match lang {
        Lang::Ja => format!("緑の帯：基準範囲（{}）", range(lang, r)),
        Lang::En => format!("green band: reference range ({})", range(lang, r)),
    }
}

/// The judgement of a value: a mark and a word, never the colour alone.
pub fn out(lang: Lang, o: Option<Out>) -> &'static str {
    match (lang, o) {
        (Lang::Ja, Some(Out::High)) => "▲ 高値",
        (Lang::Ja, Some(Out::Low)) => "▼ 低値",
        (Lang::Ja, None) => "",
        (Lang::En, Some(Out::High)) => "▲ high",
        (Lang::En, Some(Out::Low)) => "▼ low",
        (Lang::En, None) => "",
    }
}

pub fn error(lang: Lang, e: &ViewerError) -> String {
    use ViewerError::*;
    match (lang, e) {
        (Lang::Ja, NotLoggedIn) => "ログインしてください。".into(),
        (Lang::Ja, NotQualified) => "この役割では閲覧できません".into(),
        (Lang::Ja, RoleKind { role, what }) => format!("{}は{}を閲覧できません（照会はしていません）。", self::role(lang, *role), viewed(lang, *what)),
        (Lang::Ja, NotOffered(what)) => format!("{}の閲覧にはまだ対応していません（照会はしていません）。", viewed(lang, *what)),
        (Lang::Ja, WrongLogin) => "職員名またはパスワードが違います。".into(),
        (_, Throttled { wait_secs }) => super::staff::wait(lang, *wait_secs),
        (Lang::Ja, Disabled) => "このアカウントは無効です。管理者に連絡してください。".into(),
        (Lang::Ja, Staff(d)) => format!("職員アカウントのファイルを使えません（{d}）。管理者に連絡してください。"),
        (Lang::Ja, NoConsent) => "この患者からは閲覧の同意がありません。閲覧できません（照会はしていません）。".into(),
        (Lang::Ja, ConsentExpired) => "同意から24時間を過ぎたため閲覧できません（照会はしていません）。もう一度資格確認をしてください。".into(),
        (Lang::Ja, NoSuchCheck) => "この資格確認は履歴にありません。".into(),
        (Lang::Ja, PharmacyCheckup) => "薬局では特定健診情報を閲覧できません（設定 [viewer] pharmacy_checkup）。照会はしていません。".into(),
        (Lang::Ja, NoDisaster) => "災害時モードは有効ではありません。資格確認をしてから閲覧してください。".into(),
        (Lang::Ja, BadNumbers) => "この資格確認の保険者番号などが不完全なため照会できません。".into(),
        (Lang::Ja, History(d)) => format!("履歴を使えません（{d}）。"),
        (Lang::Ja, Audit(d)) => format!("閲覧記録を書き込めなかったため、情報を表示しません（{d}）。空き容量を確認してください。"),
        (Lang::Ja, Centre { ja, .. }) => ja.clone(),
        (Lang::En, NotLoggedIn) => "Log in first.".into(),
        (Lang::En, NotQualified) => "This role may not view patient data".into(),
        (Lang::En, RoleKind { role, what }) => format!("A {} may not view {} (nothing was asked).", self::role(lang, *role), viewed(lang, *what)),
        (Lang::En, NotOffered(what)) => format!("This desk cannot show {} yet (nothing was asked).", viewed(lang, *what)),
        (Lang::En, WrongLogin) => "The name or the password is wrong.".into(),
        (Lang::En, Disabled) => "This account is disabled: call the administrator.".into(),
        (Lang::En, Staff(d)) => format!("The staff accounts file cannot be used ({d}): call the administrator."),
        (Lang::En, NoConsent) => "The patient did not consent to this: it cannot be viewed (nothing was asked of the centre).".into(),
        (Lang::En, ConsentExpired) => "The consent is more than 24 hours old: it cannot be viewed (nothing was asked). Check the patient again.".into(),
        (Lang::En, NoSuchCheck) => "This check is not in the history.".into(),
        (Lang::En, PharmacyCheckup) => "A pharmacy may not view checkup information (setting [viewer] pharmacy_checkup). Nothing was asked.".into(),
        (Lang::En, NoDisaster) => "Disaster mode is not active: check the patient first.".into(),
        (Lang::En, BadNumbers) => "This check's insurance numbers are incomplete: it cannot be asked for.".into(),
        (Lang::En, History(d)) => format!("The history cannot be used ({d})."),
        (Lang::En, Audit(d)) => format!("The view could not be logged, so the data is not shown ({d}). Check the free disk space."),
        (Lang::En, Centre { en, .. }) => en.clone(),
    }
}
