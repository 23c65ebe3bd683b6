//! The data viewer's rules and what it shows, without the service that fetches: who may view
//! what ([`role_may_view`]: roles, the 24-hour consent window, the pharmacy policy), the rows
//! of 薬剤情報 and 特定健診 with their reference ranges, and why a view is refused. The
//! service that logs staff in and asks the centre is [`crate::services::viewer`].

use crate::history::Viewed;
use crate::staff::Role;
use eligibility::InstitutionKind;
use eligibility::xml::SearchInfo;
use std::time::Duration;
use time::OffsetDateTime;

/// Viewing is allowed for this long after the patient's consent (S7, FAQ Q3).
pub const CONSENT_WINDOW: time::Duration = time::Duration::hours(24);
/// How often the centre is asked whether 災害時 mode is active (and once at start): an
/// activation is announced hours ahead and lasts days, so minutes of delay cost nothing.
pub const DISASTER_POLL: Duration = Duration::from_secs(3 * 60);
/// How often the patient list is read again from the history while the tab shows it.
pub const LIST_REFRESH: Duration = Duration::from_secs(2);
/// Years of 薬剤情報 asked for.
pub const DRUG_YEARS: i32 = 3;
/// Years of 特定健診 shown.
pub const CHECKUP_YEARS: i32 = 5;

/// Which role may view which kind of data: the one place this rule is written.
///
/// - 薬剤情報: 医師, 歯科医師, 薬剤師 (seed: 「薬剤情報は医師、歯科医師、薬剤師等」).
/// - 特定健診情報: 医師, 歯科医師 (seed: 「特定健診情報は医師、歯科医師等」). A 薬剤師 may view it
///   only at a pharmacy whose `[viewer] pharmacy_checkup` is on: that setting is the desk's
///   opt-in to MHLW's 2020-11-12 decision that pharmacies may view 特定健診 with consent
///   (research: eligibility-interface.md §5.2), and a pharmacy's viewers are its pharmacists.
///   At a 医科 / 歯科 institution a 薬剤師 never sees it, whatever the setting; at a pharmacy
///   with the setting off nobody does ([`ViewerError::PharmacyCheckup`]).
/// - 診療情報 and 手術情報: PROPOSED 医師, 歯科医師, 薬剤師. The notes do not name the roles; they
///   put 「手術・診療・薬剤情報閲覧」 on one screen of the terminal's doctor/pharmacist login
///   (eligibility-interface.md §4), and the reader asks 診療 together with 薬剤 as 「診療・お薬の
///   情報を、医師・薬剤師などが見る」 (clinic-link-and-2026.md §1.3), so they follow 薬剤.
///   This desk does not fetch them yet ([`ViewerError::NotOffered`]).
/// - 事務 and 管理者: nothing ([`Role::may_view`]).
///
/// Checked by [`Service::view`] before anything is sent; the screen only hides what this
/// refuses.
pub fn role_may_view(
    role: Role,
    what: Viewed,
    kind: InstitutionKind,
    pharmacy_checkup: bool,
) -> Result<(), ViewerError> {
    if !role.may_view() {
        return Err(ViewerError::NotQualified);
    }
    let ok = match what {
        Viewed::Drug | Viewed::Diagnosis | Viewed::Surgery => true,
        Viewed::Checkup => match role {
            Role::Doctor | Role::Dentist => true,
            Role::Pharmacist => kind == InstitutionKind::Pharmacy && pharmacy_checkup,
            Role::Admin | Role::Clerk => false,
        },
    };
    if ok {
        Ok(())
    } else {
        Err(ViewerError::RoleKind { role, what })
    }
}

/// A check whose consent allows viewing now. Its Debug leaves the name out.
#[derive(Clone, PartialEq, Eq)]
pub struct Consented {
    pub check_id: i64,
    /// When the check was made.
    pub at: OffsetDateTime,
    /// 氏名 as the centre gave it (empty if none).
    pub name: String,
    /// Until when 薬剤情報 may be viewed, if consented.
    pub drug_until: Option<OffsetDateTime>,
    /// Until when 特定健診 may be viewed, if consented.
    pub checkup_until: Option<OffsetDateTime>,
}

impl std::fmt::Debug for Consented {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Consented")
            .field("check_id", &self.check_id)
            .field("at", &self.at)
            .field("drug_until", &self.drug_until)
            .field("checkup_until", &self.checkup_until)
            .finish_non_exhaustive()
    }
}

/// Whose data to view.
#[derive(Debug, Clone)]
pub enum Subject {
    /// The patient of a check in the history (consent gated).
    Check(i64),
    /// 災害時: a patient by their insurance-card numbers, without a card check.
    Disaster(SearchInfo),
}

/// One dispensing in the drug table. Its Debug shows nothing of it (medical data).
#[derive(Clone, PartialEq, Eq)]
pub struct DrugRow {
    /// 調剤日 YYYY-MM-DD.
    pub date: String,
    pub institution: String,
    pub drug: String,
    /// 数量 and unit.
    pub dose: String,
    /// 用法.
    pub usage: String,
    /// 日数 / 回数.
    pub days: String,
}

impl std::fmt::Debug for DrugRow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DrugRow(**)")
    }
}

/// A reference range (特定健診 保健指導判定値, MHLW 標準的な健診・保健指導プログラム).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Range {
    /// Normal below the value.
    Below(f64),
    /// Normal up to the value.
    AtMost(f64),
    /// Normal from the value up.
    AtLeast(f64),
}

impl Range {
    /// Whether `v` is out of range, and which way.
    pub fn check(self, v: f64) -> Option<Out> {
        match self {
            Range::Below(b) if v >= b => Some(Out::High),
            Range::AtMost(b) if v > b => Some(Out::High),
            Range::AtLeast(b) if v < b => Some(Out::Low),
            _ => None,
        }
    }
}

/// Out of the reference range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Out {
    High,
    Low,
}

/// One measurement of a 特定健診. Its Debug shows only whether it is out of range.
#[derive(Clone, PartialEq)]
pub struct CheckupRow {
    /// 実施日 YYYY-MM-DD.
    pub date: String,
    pub item: String,
    pub value: String,
    pub unit: String,
    pub range: Option<Range>,
    pub out: Option<Out>,
}

impl std::fmt::Debug for CheckupRow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CheckupRow")
            .field("out", &self.out)
            .finish_non_exhaustive()
    }
}

/// The reference range of a 特定健診 item, by its JLAC10 code's first five characters or
/// its name. Items without one (身長, 体重, ...) have none.
pub fn reference_range(code: &str, name: &str) -> Option<Range> {
    let by_code = match code.get(..5).unwrap_or("") {
        "9A751" | "9A752" | "9A755" => Some(Range::Below(130.0)),
        "9A761" | "9A762" | "9A765" => Some(Range::Below(85.0)),
        "3D046" => Some(Range::Below(5.6)),
        "3D010" => Some(Range::Below(100.0)),
        "3F015" => Some(Range::Below(150.0)),
        "3F070" => Some(Range::AtLeast(40.0)),
        "3F077" => Some(Range::Below(120.0)),
        "3B035" => Some(Range::AtMost(30.0)),
        "3B045" => Some(Range::AtMost(30.0)),
        "3B090" => Some(Range::AtMost(50.0)),
        "9N011" => Some(Range::Below(25.0)),
        _ => None,
    };
    by_code.or(match name {
        "収縮期血圧" => Some(Range::Below(130.0)),
        "拡張期血圧" => Some(Range::Below(85.0)),
        "HbA1c" => Some(Range::Below(5.6)),
        "空腹時血糖" => Some(Range::Below(100.0)),
        "中性脂肪" => Some(Range::Below(150.0)),
        "HDLコレステロール" => Some(Range::AtLeast(40.0)),
        "LDLコレステロール" => Some(Range::Below(120.0)),
        "BMI" => Some(Range::Below(25.0)),
        _ => None,
    })
}

/// The data of one view.
#[derive(Debug, Clone, PartialEq)]
pub enum Data {
    Drugs(Vec<DrugRow>),
    Checkups(Vec<CheckupRow>),
}

/// What the last view request came to.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    /// Sent; the centre has not answered yet.
    Waiting { what: Viewed },
    /// Audited and ready to show.
    Shown {
        what: Viewed,
        disaster: bool,
        data: Data,
    },
    /// Nothing to show, and why.
    Failed { what: Viewed, error: ViewerError },
}

/// An active 災害時 activation for this institution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Disaster {
    /// 市区町村コード (or its prefix).
    pub area: String,
    /// YYYY-MM-DD HH:MM (Japan).
    pub from: String,
    pub until: String,
}

/// Why the viewer shows nothing; [`crate::i18n::viewer::error`] words it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ViewerError {
    #[error("log in first")]
    NotLoggedIn,
    #[error("this role may not view patient data")]
    NotQualified,
    /// The role may view some kinds but not this one ([`role_may_view`]).
    #[error("a {role:?} may not view {what:?}")]
    RoleKind { role: Role, what: Viewed },
    /// A kind this desk does not fetch from the centre yet (診療 / 手術).
    #[error("this desk does not fetch {0:?}")]
    NotOffered(Viewed),
    #[error("the name or the password is wrong")]
    WrongLogin,
    /// Too many wrong passwords for this name: wait this long before the next try.
    #[error("too many wrong passwords: wait {wait_secs} s")]
    Throttled { wait_secs: u64 },
    #[error("this account is disabled")]
    Disabled,
    #[error("the staff accounts cannot be used: {0}")]
    Staff(String),
    #[error("the patient did not consent to this at the check")]
    NoConsent,
    #[error("the consent was given more than 24 hours ago")]
    ConsentExpired,
    #[error("the check is not in the history")]
    NoSuchCheck,
    #[error("a pharmacy may not view 特定健診 under this desk's policy")]
    PharmacyCheckup,
    #[error("災害時 mode is not active for this institution")]
    NoDisaster,
    #[error("the check's insurance numbers cannot be used for a request")]
    BadNumbers,
    #[error("the history cannot be used: {0}")]
    History(String),
    #[error("the audit log could not be written ({0}): the data is not shown")]
    Audit(String),
    #[error("{en}")]
    Centre { ja: String, en: String },
}

/// The login being checked.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum LoginState {
    #[default]
    Idle,
    Checking,
    Refused(ViewerError),
}
