//! English: the words of `i18n/viewer.rs`, the same functions as `ja/viewer.rs`.

use crate::history::Viewed;
use crate::i18n::Lang;
use crate::i18n::viewer::*;
use crate::staff::Role;
use crate::viewer::{Out, Range, ViewerError};

pub(in crate::i18n) fn w(k: W) -> &'static str {
    use W::*;
    match k {
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
    }
}

pub(in crate::i18n) fn idle_note(minutes: u64) -> String {
    format!("You are logged out after {minutes} minutes without input.")
}

pub(in crate::i18n) fn role(r: Role) -> &'static str {
    match r {
        Role::Admin => "administrator",
        Role::Doctor => "doctor",
        Role::Dentist => "dentist",
        Role::Pharmacist => "pharmacist",
        Role::Clerk => "clerk",
    }
}

pub(in crate::i18n) fn viewed(v: Viewed) -> &'static str {
    match v {
        Viewed::Drug => "drug information",
        Viewed::Checkup => "checkup information",
        Viewed::Diagnosis => "care information",
        Viewed::Surgery => "surgery information",
    }
}

pub(in crate::i18n) fn banner(area: &str, from: &str, until: &str) -> String {
    format!(
        "Disaster mode: area {area} ({from} until {until}). Drug and checkup data may be viewed without a card check (views are logged)."
    )
}

pub(in crate::i18n) fn range(r: Range) -> String {
    match r {
        Range::Below(v) => format!("< {}", bound(v)),
        Range::AtMost(v) => format!("≤ {}", bound(v)),
        Range::AtLeast(v) => format!("≥ {}", bound(v)),
    }
}

pub(in crate::i18n) fn trend_title(item: &str, unit: &str) -> String {
    match unit.is_empty() {
        false => format!("{item} over the years ({unit})"),
        true => format!("{item} over the years"),
    }
}

pub(in crate::i18n) fn band_note(r: Range) -> String {
    format!("green band: reference range ({})", range(r))
}

pub(in crate::i18n) fn out(o: Option<Out>) -> &'static str {
    match o {
        Some(Out::High) => "▲ high",
        Some(Out::Low) => "▼ low",
        None => "",
    }
}

pub(in crate::i18n) fn error(e: &ViewerError) -> String {
    use ViewerError::*;
    match e {
        Throttled { wait_secs } => crate::i18n::staff::wait(Lang::En, *wait_secs),
        NotLoggedIn => "Log in first.".into(),
        NotQualified => "This role may not view patient data".into(),
        RoleKind { role, what } => format!("A {} may not view {} (nothing was asked).", crate::i18n::viewer::role(Lang::En, *role), viewed(*what)),
        NotOffered(what) => format!("This desk cannot show {} yet (nothing was asked).", viewed(*what)),
        WrongLogin => "The name or the password is wrong.".into(),
        Disabled => "This account is disabled: call the administrator.".into(),
        Staff(d) => format!("The staff accounts file cannot be used ({d}): call the administrator."),
        NoConsent => "The patient did not consent to this: it cannot be viewed (nothing was asked of the centre).".into(),
        ConsentExpired => "The consent is more than 24 hours old: it cannot be viewed (nothing was asked). Check the patient again.".into(),
        NoSuchCheck => "This check is not in the history.".into(),
        PharmacyCheckup => "A pharmacy may not view checkup information (setting [viewer] pharmacy_checkup). Nothing was asked.".into(),
        NoDisaster => "Disaster mode is not active: check the patient first.".into(),
        BadNumbers => "This check's insurance numbers are incomplete: it cannot be asked for.".into(),
        History(d) => format!("The history cannot be used ({d})."),
        Audit(d) => format!("The view could not be logged, so the data is not shown ({d}). Check the free disk space."),
        Centre(t) => crate::i18n::centre_trouble(Lang::En, t),
    }
}
