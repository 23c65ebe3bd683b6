//! The desk's service for the data viewer: staff login with roles (accounts in
//! [`crate::staff`]), the patients this desk may view now (checks in the history whose drug /
//! 特定健診 consent was answered yes less than 24 h ago), the 薬剤情報 (3 years) and 特定健診
//! (5 years) requests on the centre worker's runtime, 災害時 mode (the centre's status asked at
//! start and every [`DISASTER_POLL`]) and the audit. The gate runs before any request: without
//! a login of a qualified role, without consent, after 24 h, or for 特定健診 at a pharmacy
//! whose policy does not allow it, nothing is sent. Every view is written to the audit log
//! before its data is handed to the screen; if that write fails the data is dropped.
//! The check helper's history query for consented checks had not landed: the list is built
//! here from `History::search` over yesterday and today.

use super::Ctx;
use crate::history::audit::{BrokenLink, Event, StaffEvent};
use crate::history::{AuditRecord, ConsentKind, Entry, History, Query, Viewed, day_in_japan};
use crate::staff::{Accounts, IDLE_LOGOUT, Staff};
pub use crate::viewer::{
    Answer, CHECKUP_YEARS, CONSENT_WINDOW, CheckupRow, Consented, DISASTER_POLL, DRUG_YEARS, Data,
    Disaster, DrugRow, LIST_REFRESH, LoginState, Out, Range, Subject, ViewerError, reference_range,
    role_may_view,
};
use eligibility::InstitutionKind;
use eligibility::client::Patient;
use eligibility::xml::{self, SearchInfo};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use time::OffsetDateTime;
use zeroize::Zeroizing;

/// What the screen asks of the service.
pub trait Viewer {
    /// Who is logged in (after an idle logout: nobody).
    fn staff(&mut self) -> Option<Staff>;
    /// Starts checking a login (the slow password hash runs off the UI thread); the outcome
    /// shows in [`Viewer::staff`] or [`Viewer::login_state`]. A wrong name or password gives
    /// [`ViewerError::WrongLogin`] either way.
    fn login(&mut self, name: &str, password: &Zeroizing<String>);
    /// Whether a login is being checked, or why the last one was refused.
    fn login_state(&mut self) -> LoginState;
    /// Logs out and forgets the data on screen.
    fn logout(&mut self);
    /// The staff member did something: the idle logout starts again.
    fn touch(&mut self);
    /// The checks whose consent allows a view now, newest first (qualified staff only).
    fn patients(&mut self) -> Result<Vec<Consented>, ViewerError>;
    /// Checks the gate and, if it passes, asks the centre; the answer comes in [`Viewer::answer`].
    /// A refusal here means nothing was sent.
    fn view(&mut self, who: Subject, what: Viewed) -> Result<(), ViewerError>;
    /// The last request's answer.
    fn answer(&self) -> Option<Arc<Answer>>;
    /// Whether the logged-in staff member's role may view `what` here ([`role_may_view`]);
    /// the screen shows only those buttons. [`Viewer::view`] checks it again.
    fn may_view(&mut self, what: Viewed) -> bool {
        let _ = what;
        self.staff().is_some_and(|s| s.role.may_view())
    }
    /// 災害時 mode, while the centre reports it active for this institution.
    fn disaster(&self) -> Option<Disaster>;
    /// The audit log's first broken link, as checked when the desk started (none: intact,
    /// or not checked yet).
    fn audit_broken(&self) -> Option<BrokenLink> {
        None
    }
    /// Whether the audit chain check at start failed (the chain cannot be confirmed).
    fn audit_unchecked(&self) -> bool {
        false
    }
    /// Whether, at start, staff accounts existed but no enabled administrator (a desk
    /// upgraded from a release without administrators: the first admin is open to anyone).
    fn no_admin(&self) -> bool {
        false
    }
}

/// The wall clock (tests set the centre's fixed time).
pub type Clock = Arc<dyn Fn() -> OffsetDateTime + Send + Sync>;
/// The monotonic clock of the idle logout (tests move it on instead of waiting).
pub type Ticks = Arc<dyn Fn() -> Instant + Send + Sync>;

/// The service's settings.
#[derive(Clone)]
pub struct Options {
    pub history: PathBuf,
    pub staff: PathBuf,
    pub kind: InstitutionKind,
    /// `[viewer] pharmacy_checkup`.
    pub pharmacy_checkup: bool,
    pub now: Clock,
    pub disaster_poll: Duration,
    pub idle_logout: Duration,
    pub ticks: Ticks,
}

impl Options {
    pub fn from_config(cfg: &crate::config::Config) -> Options {
        Options {
            history: cfg.history.clone(),
            staff: cfg.staff.clone(),
            kind: cfg.institution.kind(),
            pharmacy_checkup: cfg.pharmacy_checkup,
            now: Arc::new(OffsetDateTime::now_utc),
            disaster_poll: DISASTER_POLL,
            idle_logout: IDLE_LOGOUT,
            ticks: Arc::new(Instant::now),
        }
    }
}

/// The real service.
pub struct Service {
    opts: Options,
    client: Arc<eligibility::Client>,
    rt: tokio::runtime::Handle,
    notify: Arc<dyn Fn() + Send + Sync>,
    history: Arc<Mutex<Option<History>>>,
    /// A login's outcome, put there by the thread that checked it.
    login_done: Arc<Mutex<Option<Result<Staff, ViewerError>>>>,
    login: LoginState,
    session: Option<(Staff, Instant)>,
    /// The list as last read: the screen asks every frame, SQLite is asked every
    /// [`LIST_REFRESH`].
    listed: Option<(Instant, Vec<Consented>)>,
    answer: Arc<Mutex<Option<Arc<Answer>>>>,
    /// Bumped by each request and by logout: a late answer of an older one is dropped.
    generation: Arc<AtomicU64>,
    disaster: Arc<Mutex<Option<Disaster>>>,
    poller: tokio::task::JoinHandle<()>,
    /// The audit chain's first broken link, found by the check at start.
    audit_broken: Arc<Mutex<Option<BrokenLink>>>,
    /// The checks at start: done, the audit could not be checked, no enabled administrator.
    start_checks: Arc<StartChecks>,
}

#[derive(Default)]
struct StartChecks {
    done: AtomicBool,
    audit_unchecked: AtomicBool,
    no_admin: AtomicBool,
}

/// The real service of a running desk.
pub fn start(ctx: &Ctx) -> Box<dyn Viewer + Send> {
    Box::new(Service::start(ctx, Options::from_config(&ctx.cfg)))
}

/// `YYYYMMDDhhmmss` (the centre's JST) as `YYYY-MM-DD HH:MM`.
fn centre_time(s: &str) -> String {
    if s.len() >= 12 && s.is_ascii() {
        format!(
            "{}-{}-{} {}:{}",
            &s[..4],
            &s[4..6],
            &s[6..8],
            &s[8..10],
            &s[10..12]
        )
    } else {
        s.to_string()
    }
}

fn ymd(s: &str) -> String {
    if s.len() == 8 && s.is_ascii() {
        format!("{}-{}-{}", &s[..4], &s[4..6], &s[6..8])
    } else {
        s.to_string()
    }
}

impl Service {
    /// Starts the 災害時 status poll on `ctx.rt`; nothing else is opened until used.
    pub fn start(ctx: &Ctx, opts: Options) -> Service {
        let disaster = Arc::new(Mutex::new(None));
        let poller = {
            let client = ctx.client.clone();
            let disaster = disaster.clone();
            let notify = ctx.notify.clone();
            let every = opts.disaster_poll;
            ctx.rt.spawn(async move {
                loop {
                    let now = match client.disaster_status().await {
                        Ok(b) if b.active == "1" => Some(Disaster {
                            area: xml::text(&b.area_code).unwrap_or("").to_string(),
                            from: centre_time(xml::text(&b.start_time).unwrap_or("")),
                            until: centre_time(xml::text(&b.end_time).unwrap_or("")),
                        }),
                        Ok(_) => None,
                        Err(e) => {
                            // Keep the last known status: a short outage does not end a disaster.
                            tracing::warn!(error = %e, "災害時 status could not be asked");
                            disaster.lock().map(|d| d.clone()).unwrap_or(None)
                        }
                    };
                    let changed = {
                        let mut d = disaster.lock().unwrap_or_else(|p| p.into_inner());
                        let changed = *d != now;
                        *d = now;
                        changed
                    };
                    if changed {
                        tracing::info!("災害時 status changed");
                    }
                    notify();
                    tokio::time::sleep(every).await;
                }
            })
        };
        // The audit chain is checked once at start, off the UI thread; a broken chain puts a
        // warning on the clerk console.
        let history = Arc::new(Mutex::new(None));
        let audit_broken = Arc::new(Mutex::new(None));
        let start_checks = Arc::new(StartChecks::default());
        {
            let (history, path, slot) =
                (history.clone(), opts.history.clone(), audit_broken.clone());
            let (checks, staff) = (start_checks.clone(), opts.staff.clone());
            let notify = ctx.notify.clone();
            ctx.rt.spawn_blocking(move || {
                match with_history(&history, &path, |h| h.verify_audit()) {
                    Ok(c) => {
                        if let Some(b) = c.broken {
                            tracing::error!(row = b.id, "the audit log's hash chain is broken");
                            *slot.lock().unwrap_or_else(|p| p.into_inner()) = Some(b);
                            notify();
                        }
                    }
                    Err(e) => {
                        tracing::error!(error = %e, "the audit log could not be checked");
                        checks.audit_unchecked.store(true, Ordering::SeqCst);
                    }
                }
                // Only an existing staff file: the check must not create one.
                if staff.exists() {
                    match Accounts::open(&staff, &path)
                        .and_then(|a| Ok(!a.list()?.is_empty() && !a.has_admin()?))
                    {
                        Ok(none) => checks.no_admin.store(none, Ordering::SeqCst),
                        Err(e) => {
                            tracing::error!(error = %e, "the staff accounts could not be checked")
                        }
                    }
                }
                checks.done.store(true, Ordering::SeqCst);
                notify();
            });
        }
        Service {
            opts,
            client: ctx.client.clone(),
            rt: ctx.rt.clone(),
            notify: ctx.notify.clone(),
            history,
            login_done: Arc::new(Mutex::new(None)),
            login: LoginState::Idle,
            session: None,
            listed: None,
            answer: Arc::new(Mutex::new(None)),
            generation: Arc::new(AtomicU64::new(0)),
            disaster,
            poller,
            audit_broken,
            start_checks,
        }
    }

    fn with_history<T>(
        &self,
        f: impl FnOnce(&mut History) -> Result<T, crate::history::HistoryError>,
    ) -> Result<T, ViewerError> {
        with_history(&self.history, &self.opts.history, f)
            .map_err(|e| ViewerError::History(e.to_string()))
    }

    fn qualified(&mut self) -> Result<Staff, ViewerError> {
        let s = self.staff().ok_or(ViewerError::NotLoggedIn)?;
        if !s.role.may_view() {
            return Err(ViewerError::NotQualified);
        }
        Ok(s)
    }

    fn set_answer(&self, a: Option<Answer>) {
        *self.answer.lock().unwrap_or_else(|p| p.into_inner()) = a.map(Arc::new);
    }
}

impl Service {
    /// Whether the login has gone without input for the idle time.
    fn expired(&self) -> bool {
        self.session.as_ref().is_some_and(|(_, last)| {
            (self.opts.ticks)().saturating_duration_since(*last) >= self.opts.idle_logout
        })
    }

    /// Ends an expired login for good: the data on screen is dropped and a new login is
    /// needed.
    fn expire(&mut self) {
        if self.expired() {
            tracing::info!("viewer logged out after idle time");
            self.end_session(Event::IdleLogout);
        }
    }

    /// Forgets the login and the data on screen, and audits the logout (off the UI thread;
    /// a failed write is logged, the logout happens anyway).
    fn end_session(&mut self, event: Event) {
        let ended = self.session.take();
        self.listed = None;
        self.generation.fetch_add(1, Ordering::SeqCst);
        self.set_answer(None);
        let Some((staff, _)) = ended else {
            return;
        };
        let e = StaffEvent {
            at: (self.opts.now)(),
            actor: staff.audit_name(),
            event,
            subject: None,
            detail: None,
        };
        let (history, path) = (self.history.clone(), self.opts.history.clone());
        let notify = self.notify.clone();
        self.rt.spawn_blocking(move || {
            if let Err(err) = with_history(&history, &path, |h| h.audit_staff(&e)) {
                tracing::error!(error = %err, "audit of a logout failed");
            }
            notify();
        });
    }

    /// Takes in a finished login check.
    fn take_login(&mut self) {
        let done = self
            .login_done
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .take();
        match done {
            None => {}
            Some(Ok(s)) => {
                tracing::info!(role = s.role.code(), "viewer login");
                self.set_answer(None);
                self.listed = None;
                self.login = LoginState::Idle;
                self.session = Some((s, (self.opts.ticks)()));
            }
            Some(Err(e)) => {
                tracing::info!("viewer login refused");
                self.login = LoginState::Refused(e);
            }
        }
    }
}

fn with_history<T>(
    slot: &Mutex<Option<History>>,
    path: &std::path::Path,
    f: impl FnOnce(&mut History) -> Result<T, crate::history::HistoryError>,
) -> Result<T, crate::history::HistoryError> {
    let mut g = slot.lock().unwrap_or_else(|p| p.into_inner());
    if g.is_none() {
        *g = Some(History::open(path)?);
    }
    let h = g.as_mut().expect("just opened");
    f(h)
}

impl Service {
    /// Whether the checks at start (audit chain, administrator) have finished.
    pub fn audit_checked(&self) -> bool {
        self.start_checks.done.load(Ordering::SeqCst)
    }
}

impl Drop for Service {
    fn drop(&mut self) {
        self.poller.abort();
        // Closing the desk ends the login: audit it here and now (the runtime may be gone
        // before a spawned write would run).
        if let Some((staff, _)) = self.session.take() {
            let e = StaffEvent {
                at: (self.opts.now)(),
                actor: staff.audit_name(),
                event: Event::Logout,
                subject: None,
                detail: Some("desk-closed".into()),
            };
            if let Err(err) = with_history(&self.history, &self.opts.history, |h| h.audit_staff(&e))
            {
                tracing::error!(error = %err, "audit of the logout at close failed");
            }
        }
    }
}

/// When consent `kind` of a check allows viewing until, if it was given.
fn consent_until(e: &Entry, kind: ConsentKind) -> Option<OffsetDateTime> {
    e.check
        .consents
        .iter()
        .find(|c| c.kind == kind && c.agreed)
        .map(|c| c.at.unwrap_or(e.check.at) + CONSENT_WINDOW)
}

fn patient_of(e: &Entry) -> Result<Patient, ViewerError> {
    let p = &e.check.person;
    let s = eligibility::Client::search_from_text(
        p.insurer_number.as_deref().unwrap_or(""),
        p.card_symbol.as_deref().unwrap_or(""),
        p.card_number.as_deref().unwrap_or(""),
        p.branch.as_deref().unwrap_or(""),
        p.birth_date.as_deref().unwrap_or(""),
        false,
    )
    .map_err(|_| ViewerError::BadNumbers)?;
    Ok(patient_of_search(&s))
}

fn patient_of_search(s: &SearchInfo) -> Patient {
    Patient {
        insurer_number: s.insurer_number.clone(),
        card_symbol: s.insured_card_symbol.clone(),
        card_number: s.insured_identification_number.clone(),
        branch: s.insured_branch_number.clone(),
        birth_date: s.birthdate,
    }
}

fn drug_rows(r: &xml::DrugResult) -> Vec<DrugRow> {
    let mut out = Vec::new();
    for m in &r.body.months {
        let institution = m
            .institution_name
            .clone()
            .or_else(|| m.pharmacy_name.clone())
            .unwrap_or_default();
        let dates = m.dates.as_ref().map(|d| d.items.as_slice()).unwrap_or(&[]);
        let drugs = m.drugs.as_ref().map(|d| d.items.as_slice()).unwrap_or(&[]);
        for (i, d) in drugs.iter().enumerate() {
            // The date list runs beside the drug list; a shorter one gives its last date,
            // none gives the month.
            let date = dates
                .get(i)
                .or(dates.last())
                .and_then(|x| x.di_date.as_deref().or(x.pr_date.as_deref()))
                .map(ymd)
                .or_else(|| m.month.clone())
                .unwrap_or_default();
            out.push(DrugRow {
                date,
                institution: institution.clone(),
                drug: d.name.clone().unwrap_or_default(),
                dose: format!(
                    "{}{}",
                    d.quantity.as_deref().unwrap_or(""),
                    d.unit.as_deref().unwrap_or("")
                ),
                usage: d.usage.clone().unwrap_or_default(),
                days: d.times.clone().unwrap_or_default(),
            });
        }
    }
    // Newest first: the doctor reads the current medication first.
    out.sort_by(|a, b| b.date.cmp(&a.date));
    out
}

fn checkup_rows(r: &xml::CheckupResult, since: &str) -> Vec<CheckupRow> {
    let mut out = Vec::new();
    for c in &r.body.checkups {
        let date = c.effective_time.clone().unwrap_or_default();
        if date.as_str() < since {
            continue;
        }
        for it in c.items.as_ref().map(|i| i.items.as_slice()).unwrap_or(&[]) {
            let code = it.item_code.as_deref().unwrap_or("");
            let item = it.item_name.clone().unwrap_or_default();
            let value = it.data_value.clone().unwrap_or_default();
            let range = reference_range(code, &item);
            let out_of = match (range, value.trim().parse::<f64>()) {
                (Some(r), Ok(v)) => r.check(v),
                _ => None,
            };
            out.push(CheckupRow {
                date: ymd(&date),
                item,
                value,
                unit: it.unit.clone().unwrap_or_default(),
                range,
                out: out_of,
            });
        }
    }
    out.sort_by(|a, b| b.date.cmp(&a.date));
    out
}

fn month_of(t: OffsetDateTime) -> String {
    let t = t.to_offset(crate::time::JST);
    format!("{:04}{:02}", t.year(), u8::from(t.month()))
}

fn years_before(t: OffsetDateTime, years: i32) -> OffsetDateTime {
    let d = t.date();
    let y = d.year() - years;
    // 29 February becomes 28 February in a year without it.
    let back = time::Date::from_calendar_date(y, d.month(), d.day())
        .or_else(|_| time::Date::from_calendar_date(y, d.month(), 28))
        .unwrap_or(d);
    t.replace_date(back)
}

impl Viewer for Service {
    fn staff(&mut self) -> Option<Staff> {
        self.take_login();
        self.expire();
        self.session.as_ref().map(|(s, _)| s.clone())
    }

    fn login(&mut self, name: &str, password: &Zeroizing<String>) {
        let (name, password) = (name.to_string(), password.clone());
        let path = self.opts.staff.clone();
        let history = self.opts.history.clone();
        let clock = self.opts.now.clone();
        let done = self.login_done.clone();
        let notify = self.notify.clone();
        self.login = LoginState::Checking;
        // PBKDF2 takes a noticeable moment on purpose: not on the UI thread.
        self.rt.spawn_blocking(move || {
            use crate::staff::StaffError;
            let r = Accounts::open(&path, &history)
                .and_then(|a| a.with_clock(clock).login(&name, password.as_bytes()))
                .map_err(|e| match e {
                    StaffError::WrongLogin => ViewerError::WrongLogin,
                    StaffError::Throttled { wait_secs } => ViewerError::Throttled { wait_secs },
                    StaffError::Disabled => ViewerError::Disabled,
                    e => ViewerError::Staff(e.to_string()),
                });
            *done.lock().unwrap_or_else(|p| p.into_inner()) = Some(r);
            notify();
        });
    }

    fn login_state(&mut self) -> LoginState {
        self.take_login();
        self.login.clone()
    }

    fn logout(&mut self) {
        self.end_session(Event::Logout);
    }

    fn touch(&mut self) {
        // An expired login ends here, before the input could count as activity: the click
        // that reopens the tab must not bring the last staff member's session back.
        self.take_login();
        self.expire();
        let now = (self.opts.ticks)();
        if let Some((_, last)) = &mut self.session {
            *last = now;
        }
    }

    fn patients(&mut self) -> Result<Vec<Consented>, ViewerError> {
        self.qualified()?;
        if let Some((at, list)) = &self.listed
            && at.elapsed() < LIST_REFRESH
        {
            return Ok(list.clone());
        }
        let now = (self.opts.now)();
        // Every check of the window, not the history search's default 500: on a busy day
        // (or after an 一括照会 of the morning's patients) a cap would silently drop the
        // oldest consented patients from the list.
        let q = Query {
            from: Some(day_in_japan(now - CONSENT_WINDOW)),
            to: Some(day_in_japan(now)),
            limit: usize::MAX,
            ..Query::default()
        };
        let entries = self.with_history(|h| h.search(&q))?;
        let list: Vec<Consented> = entries
            .iter()
            .filter_map(|e| {
                let open = |k| consent_until(e, k).filter(|u| *u > now);
                let (drug_until, checkup_until) =
                    (open(ConsentKind::Drug), open(ConsentKind::Checkup));
                (drug_until.is_some() || checkup_until.is_some()).then(|| Consented {
                    check_id: e.id,
                    at: e.check.at,
                    name: e.check.person.name.clone().unwrap_or_default(),
                    drug_until,
                    checkup_until,
                })
            })
            .collect();
        self.listed = Some((Instant::now(), list.clone()));
        Ok(list)
    }

    fn view(&mut self, who: Subject, what: Viewed) -> Result<(), ViewerError> {
        let staff = self.qualified()?;
        self.touch();
        if what == Viewed::Checkup
            && self.opts.kind == InstitutionKind::Pharmacy
            && !self.opts.pharmacy_checkup
        {
            return Err(ViewerError::PharmacyCheckup);
        }
        role_may_view(staff.role, what, self.opts.kind, self.opts.pharmacy_checkup)?;
        if !matches!(what, Viewed::Drug | Viewed::Checkup) {
            return Err(ViewerError::NotOffered(what));
        }
        let now = (self.opts.now)();
        let (patient, check_id, disaster) = match who {
            Subject::Check(id) => {
                let e = self
                    .with_history(|h| h.get(id))?
                    .ok_or(ViewerError::NoSuchCheck)?;
                let kind = match what {
                    Viewed::Drug => ConsentKind::Drug,
                    _ => ConsentKind::Checkup,
                };
                match consent_until(&e, kind) {
                    None => return Err(ViewerError::NoConsent),
                    Some(u) if u <= now => return Err(ViewerError::ConsentExpired),
                    Some(_) => {}
                }
                (patient_of(&e)?, Some(id), false)
            }
            Subject::Disaster(s) => {
                if self.disaster().is_none() {
                    return Err(ViewerError::NoDisaster);
                }
                (patient_of_search(&s), None, true)
            }
        };
        let gen_now = self.generation.fetch_add(1, Ordering::SeqCst) + 1;
        self.set_answer(Some(Answer::Waiting { what }));
        let client = self.client.clone();
        let slot = self.answer.clone();
        let generation = self.generation.clone();
        let notify = self.notify.clone();
        let history = self.history.clone();
        let history_path = self.opts.history.clone();
        let clock = self.opts.now.clone();
        let audit = AuditRecord {
            at: now,
            // The role travels with the name: an account can be removed or changed later.
            staff: staff.audit_name(),
            check_id,
            insurer_number: patient.insurer_number.to_string(),
            card_symbol: patient.card_symbol.as_ref().map(|s| s.to_string()),
            card_number: patient.card_number.to_string(),
            branch: patient.branch.as_ref().map(|s| s.to_string()),
            what,
            disaster,
        };
        self.rt.spawn(async move {
            let got: Result<Data, eligibility::ClientError> = match what {
                Viewed::Drug => client
                    .drug_info(
                        &patient,
                        &month_of(years_before(now, DRUG_YEARS)),
                        &month_of(now),
                        disaster,
                    )
                    .await
                    .map(|r| Data::Drugs(drug_rows(&r))),
                _ => client.checkup_info(&patient, disaster).await.map(|r| {
                    let since = years_before(now, CHECKUP_YEARS)
                        .to_offset(crate::time::JST)
                        .date();
                    let since = format!(
                        "{:04}{:02}{:02}",
                        since.year(),
                        u8::from(since.month()),
                        since.day()
                    );
                    Data::Checkups(checkup_rows(&r, &since))
                }),
            };
            let answer = match got {
                Err(e) => {
                    tracing::info!(what = what.code(), error = %e, "view refused or failed");
                    Answer::Failed {
                        what,
                        error: ViewerError::Centre {
                            ja: e.message(eligibility::Lang::Ja),
                            en: e.message(eligibility::Lang::En),
                        },
                    }
                }
                Ok(data) => {
                    // The audit row first: a view that is not logged is not shown.
                    let mut a = audit;
                    a.at = clock();
                    let written = tokio::task::spawn_blocking(move || {
                        with_history(&history, &history_path, |h| h.audit(&a))
                    })
                    .await;
                    match written {
                        Ok(Ok(_)) => {
                            tracing::info!(what = what.code(), disaster, "view audited");
                            Answer::Shown {
                                what,
                                disaster,
                                data,
                            }
                        }
                        Ok(Err(e)) => {
                            tracing::error!(error = %e, "audit write failed: data not shown");
                            Answer::Failed {
                                what,
                                error: ViewerError::Audit(e.to_string()),
                            }
                        }
                        Err(e) => Answer::Failed {
                            what,
                            error: ViewerError::Audit(e.to_string()),
                        },
                    }
                }
            };
            if generation.load(Ordering::SeqCst) == gen_now {
                *slot.lock().unwrap_or_else(|p| p.into_inner()) = Some(Arc::new(answer));
            }
            notify();
        });
        Ok(())
    }

    fn answer(&self) -> Option<Arc<Answer>> {
        if self.session.is_none() || self.expired() {
            return None;
        }
        self.answer
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    fn may_view(&mut self, what: Viewed) -> bool {
        let (kind, pc) = (self.opts.kind, self.opts.pharmacy_checkup);
        self.staff().is_some_and(|s| {
            role_may_view(s.role, what, kind, pc).is_ok()
                && !(what == Viewed::Checkup && kind == InstitutionKind::Pharmacy && !pc)
        })
    }

    fn disaster(&self) -> Option<Disaster> {
        self.disaster
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    fn audit_broken(&self) -> Option<BrokenLink> {
        self.audit_broken
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    fn audit_unchecked(&self) -> bool {
        self.start_checks.audit_unchecked.load(Ordering::SeqCst)
    }

    fn no_admin(&self) -> bool {
        self.start_checks.no_admin.load(Ordering::SeqCst)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_mark_high_and_low_values() {
        let bp = reference_range("9A751000000000001", "収縮期血圧").unwrap();
        assert_eq!(bp.check(129.0), None);
        assert_eq!(bp.check(130.0), Some(Out::High));
        let hdl = reference_range("", "HDLコレステロール").unwrap();
        assert_eq!(hdl.check(39.0), Some(Out::Low));
        assert_eq!(reference_range("9N001000000000001", "身長"), None);
        assert_eq!(Range::AtMost(30.0).check(30.0), None);
    }

    #[test]
    fn three_years_back_handles_29_february() {
        let t = time::macros::datetime!(2028-02-29 12:00 UTC);
        assert_eq!(
            years_before(t, 3).date(),
            time::macros::date!(2025 - 02 - 28)
        );
        assert_eq!(
            month_of(time::macros::datetime!(2026-11-23 20:00 UTC)),
            "202611"
        );
    }
}
