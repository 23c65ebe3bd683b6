//! The one test double of the [`Backend`] the screens drive (cargo feature `testing`, for the
//! app's screen tests and its screenshots example only). [`Scripted`] runs a real reception
//! [`Flow`] with the workers played by the test, which reads the effects the flow asked for
//! and answers with events, on a wall clock or on a stepped one (so log times and snapshots
//! do not depend on how fast the test runs); or it wraps a running desk and plays the
//! patient's side from a pump hook. The clerk's services (checks, batches, viewer, developer
//! controls) are optional slots holding either a scripted double ([`ScriptedChecks`],
//! [`ScriptedViewer`], [`ScriptedDev`]) or a real service; a test reads its double back by
//! type with [`Scripted::double`].

use crate::flow::InstitutionKind;
use crate::flow::VisitResult;
use crate::flow::{Effect, Event, Flow};
use crate::history::Viewed;
use crate::history::{self, Entry, Query};
use crate::port::{Backend, DevControls, PreviewFrame};
use crate::services::batch::Batches;
use crate::services::check::{CheckState, Checks};
use crate::services::viewer::{
    Answer, CheckupRow, Consented, Data, Disaster, DrugRow, LoginState, Subject, Viewer,
    ViewerError,
};
use crate::staff::{Role, Staff};
use eligibility::xml::SearchInfo;
use std::any::Any;
use std::sync::Arc;
use std::time::{Duration, Instant};
use zeroize::Zeroizing;

/// A service held by [`Scripted`], kept as its own type so the test can read it back.
struct Slot<D: ?Sized> {
    held: Box<dyn Any + Send>,
    as_service: fn(&mut (dyn Any + Send)) -> &mut D,
}

impl<D: ?Sized> Slot<D> {
    fn new<T: Any + Send>(held: T, as_service: fn(&mut (dyn Any + Send)) -> &mut D) -> Self {
        Slot {
            held: Box::new(held),
            as_service,
        }
    }
    fn service(&mut self) -> &mut D {
        (self.as_service)(self.held.as_mut())
    }
}

/// What answers `flow`, `send`, `pump` and `preview`.
enum Driven {
    /// A flow of the test's own: events go straight in, effects are kept for the test.
    Flow {
        // Boxed: a flow is large beside a desk's pointer.
        flow: Box<Flow>,
        effects: Vec<Effect>,
        preview: Option<Arc<PreviewFrame>>,
        /// The flow's clock: `None` for the wall clock, or the step each event adds.
        step: Option<Duration>,
        now: Instant,
    },
    /// A running desk (the real workers).
    Desk(Box<dyn Backend + Send>),
}

/// Runs every frame after the driven backend's own pump (e.g. the patient's touches).
type PumpHook = Box<dyn FnMut(&mut dyn Backend) + Send>;

/// The scripted backend. Built with [`Scripted::new`] (a flow) or [`Scripted::over`] (a
/// running desk), then `with_*` for the services the screen under test needs.
pub struct Scripted {
    driven: Driven,
    on_pump: Option<PumpHook>,
    checks: Option<Slot<dyn Checks>>,
    batches: Option<Slot<dyn Batches>>,
    viewer: Option<Slot<dyn Viewer>>,
    dev: Option<Slot<dyn DevControls>>,
    link: Option<crate::link::LinkView>,
}

impl Scripted {
    /// A flow whose events are handled at the wall clock's time.
    pub fn new(flow: Flow) -> Scripted {
        Scripted::with_driven(Driven::Flow {
            flow: Box::new(flow),
            effects: Vec::new(),
            preview: None,
            step: None,
            now: Instant::now(),
        })
    }

    /// A running desk; the screens see its flow, its camera frames and nothing else unless a
    /// `with_*` adds a service.
    pub fn over(desk: Box<dyn Backend + Send>) -> Scripted {
        Scripted::with_driven(Driven::Desk(desk))
    }

    fn with_driven(driven: Driven) -> Scripted {
        Scripted {
            driven,
            on_pump: None,
            checks: None,
            batches: None,
            viewer: None,
            dev: None,
            link: None,
        }
    }

    /// The clinic link's state the console shows (the desk's own, for a desk driven by it).
    pub fn with_link(mut self, view: crate::link::LinkView) -> Scripted {
        self.link = Some(view);
        self
    }

    /// Each event moves the flow's clock on by `step` from now, instead of the wall clock.
    pub fn stepped(mut self, by: Duration) -> Scripted {
        if let Driven::Flow { step, .. } = &mut self.driven {
            *step = Some(by);
        }
        self
    }

    /// Runs `hook` on every pump, after the driven backend's own.
    pub fn on_pump(mut self, hook: impl FnMut(&mut dyn Backend) + Send + 'static) -> Scripted {
        self.on_pump = Some(Box::new(hook));
        self
    }

    pub fn with_checks<T: Checks + Send + 'static>(mut self, checks: T) -> Scripted {
        self.checks = Some(Slot::new(checks, |a| held::<T>(a)));
        self
    }

    /// A real check service.
    pub fn with_checks_service(mut self, checks: Box<dyn Checks + Send>) -> Scripted {
        self.checks = Some(Slot::new(checks, |a| {
            held::<Box<dyn Checks + Send>>(a).as_mut()
        }));
        self
    }

    /// A real 一括照会 service.
    pub fn with_batches_service(mut self, batches: Box<dyn Batches + Send>) -> Scripted {
        self.batches = Some(Slot::new(batches, |a| {
            held::<Box<dyn Batches + Send>>(a).as_mut()
        }));
        self
    }

    pub fn with_viewer<T: Viewer + Send + 'static>(mut self, viewer: T) -> Scripted {
        self.viewer = Some(Slot::new(viewer, |a| held::<T>(a)));
        self
    }

    pub fn with_dev<T: DevControls + Send + 'static>(mut self, dev: T) -> Scripted {
        self.dev = Some(Slot::new(dev, |a| held::<T>(a)));
        self
    }

    /// The double (or service) of type `T` the test put in.
    ///
    /// # Panics
    /// When no slot holds a `T`: a mistake in the test.
    pub fn double<T: 'static>(&self) -> &T {
        self.slots()
            .find_map(|held| held.downcast_ref::<T>())
            .expect("no service of this type in the scripted backend")
    }

    /// The double (or service) of type `T` the test put in, to script its next answer.
    ///
    /// # Panics
    /// When no slot holds a `T`: a mistake in the test.
    pub fn double_mut<T: 'static>(&mut self) -> &mut T {
        let slots = [
            self.checks.as_mut().map(|s| &mut s.held),
            self.batches.as_mut().map(|s| &mut s.held),
            self.viewer.as_mut().map(|s| &mut s.held),
            self.dev.as_mut().map(|s| &mut s.held),
        ];
        slots
            .into_iter()
            .flatten()
            .find_map(|held| held.downcast_mut::<T>())
            .expect("no service of this type in the scripted backend")
    }

    fn slots(&self) -> impl Iterator<Item = &(dyn Any + Send)> {
        [
            self.checks.as_ref().map(|s| s.held.as_ref()),
            self.batches.as_ref().map(|s| s.held.as_ref()),
            self.viewer.as_ref().map(|s| s.held.as_ref()),
            self.dev.as_ref().map(|s| s.held.as_ref()),
        ]
        .into_iter()
        .flatten()
    }

    /// The effects the flow asked for since the last call (the workers' to-do list).
    pub fn take_effects(&mut self) -> Vec<Effect> {
        match &mut self.driven {
            Driven::Flow { effects, .. } => std::mem::take(effects),
            Driven::Desk(_) => Vec::new(),
        }
    }

    /// What the camera shows the patient (`None`: nothing).
    pub fn set_preview(&mut self, frame: Option<Arc<PreviewFrame>>) {
        if let Driven::Flow { preview, .. } = &mut self.driven {
            *preview = frame;
        }
    }
}

/// The slot's content as the type it was put in as.
fn held<T: 'static>(a: &mut (dyn Any + Send)) -> &mut T {
    a.downcast_mut::<T>()
        .expect("a slot holds the type it was made with")
}

impl Backend for Scripted {
    fn flow(&self) -> &Flow {
        match &self.driven {
            Driven::Flow { flow, .. } => flow,
            Driven::Desk(desk) => desk.flow(),
        }
    }

    fn send(&mut self, event: Event) {
        match &mut self.driven {
            Driven::Flow {
                flow,
                effects,
                step,
                now,
                ..
            } => {
                *now = match step {
                    Some(step) => *now + *step,
                    None => Instant::now(),
                };
                effects.extend(flow.handle(event, *now));
            }
            Driven::Desk(desk) => desk.send(event),
        }
    }

    fn pump(&mut self) {
        if let Driven::Desk(desk) = &mut self.driven {
            desk.pump();
        }
        if let Some(mut hook) = self.on_pump.take() {
            hook(self);
            self.on_pump = Some(hook);
        }
    }

    fn preview(&self) -> Option<Arc<PreviewFrame>> {
        match &self.driven {
            Driven::Flow { preview, .. } => preview.clone(),
            Driven::Desk(desk) => desk.preview(),
        }
    }

    fn dev(&mut self) -> Option<&mut dyn DevControls> {
        let held: &mut dyn DevControls = self.dev.as_mut()?.service();
        Some(held)
    }

    fn checks(&mut self) -> Option<&mut dyn Checks> {
        let held: &mut dyn Checks = self.checks.as_mut()?.service();
        Some(held)
    }

    fn batches(&mut self) -> Option<&mut dyn Batches> {
        let held: &mut dyn Batches = self.batches.as_mut()?.service();
        Some(held)
    }

    fn viewer(&mut self) -> Option<&mut dyn Viewer> {
        let held: &mut dyn Viewer = self.viewer.as_mut()?.service();
        Some(held)
    }

    fn link(&self) -> Option<crate::link::LinkView> {
        match &self.driven {
            Driven::Desk(desk) if self.link.is_none() => desk.link(),
            _ => self.link.clone(),
        }
    }
}

/// The insurance-card check service played by a test: it records what was sent and shows
/// whatever state the test puts in; the history is the rows the test stores, searched by the
/// start of the kana name as the real store does.
#[derive(Default)]
pub struct ScriptedChecks {
    pub sent: Vec<SearchInfo>,
    /// The 資格確認日 of each sent check.
    pub dates: Vec<Option<time::Date>>,
    pub state: CheckState,
    pub stored: Vec<Entry>,
    pub generation: u64,
}

impl Checks for ScriptedChecks {
    fn submit(&mut self, search: SearchInfo, date: Option<time::Date>) -> bool {
        if matches!(self.state, CheckState::Checking) {
            return false;
        }
        self.sent.push(search);
        self.dates.push(date);
        self.state = CheckState::Checking;
        true
    }
    fn state(&mut self) -> &CheckState {
        &self.state
    }
    fn clear(&mut self) {
        self.state = CheckState::Idle;
    }
    fn record_visit(&mut self, _: &VisitResult) {}
    fn visit_store_problem(&mut self) -> Option<String> {
        None
    }
    fn search(&mut self, q: &Query) -> Result<Vec<Entry>, String> {
        let key = q.kana_prefix.as_deref().map(history::kana::search_key);
        Ok(self
            .stored
            .iter()
            .filter(|e| {
                key.as_deref().is_none_or(|k| {
                    e.check
                        .person
                        .name_kana
                        .as_deref()
                        .is_some_and(|n| history::kana::search_key(n).starts_with(k))
                })
            })
            .cloned()
            .collect())
    }
    fn generation(&mut self) -> u64 {
        self.generation
    }
}

/// The data viewer played by a test: fixed accounts and consented checks; each `view` is a
/// request to the centre, counted in `requests`, and answered at once with the scripted
/// rows. Roles are judged by the service's own rule, at a clinic.
#[derive(Default)]
pub struct ScriptedViewer {
    pub accounts: Vec<(&'static str, &'static str, Role)>,
    pub staff: Option<Staff>,
    pub login: LoginState,
    pub patients: Vec<Consented>,
    pub disaster: Option<Disaster>,
    pub answer: Option<Arc<Answer>>,
    pub requests: Vec<(i64, Viewed)>,
    pub audit_broken: Option<crate::history::audit::BrokenLink>,
    pub audit_unchecked: bool,
    pub no_admin: bool,
    /// Every login waits this long (after wrong passwords), if set.
    pub wait_secs: Option<u64>,
    /// The answer to a 薬剤情報 request.
    pub drugs: Vec<DrugRow>,
    /// The answer to a 特定健診 request.
    pub checkups: Vec<CheckupRow>,
}

impl Viewer for ScriptedViewer {
    fn staff(&mut self) -> Option<Staff> {
        self.staff.clone()
    }
    fn login(&mut self, name: &str, password: &Zeroizing<String>) {
        if let Some(wait_secs) = self.wait_secs {
            self.login = LoginState::Refused(ViewerError::Throttled { wait_secs });
            return;
        }
        let s = self
            .accounts
            .iter()
            .find(|(n, p, _)| *n == name && *p == password.as_str())
            .map(|(n, _, r)| Staff {
                name: n.to_string(),
                role: *r,
            });
        self.login = match &s {
            Some(_) => LoginState::Idle,
            None => LoginState::Refused(ViewerError::WrongLogin),
        };
        self.staff = s;
    }
    fn login_state(&mut self) -> LoginState {
        self.login.clone()
    }
    fn logout(&mut self) {
        self.staff = None;
        self.answer = None;
    }
    fn touch(&mut self) {}
    fn patients(&mut self) -> Result<Vec<Consented>, ViewerError> {
        match &self.staff {
            Some(s) if s.role.may_view() => Ok(self.patients.clone()),
            Some(_) => Err(ViewerError::NotQualified),
            None => Err(ViewerError::NotLoggedIn),
        }
    }
    fn view(&mut self, who: Subject, what: Viewed) -> Result<(), ViewerError> {
        let id = match who {
            Subject::Check(id) => id,
            Subject::Disaster(_) => -1,
        };
        self.requests.push((id, what));
        let data = match what {
            Viewed::Drug => Data::Drugs(self.drugs.clone()),
            _ => Data::Checkups(self.checkups.clone()),
        };
        self.answer = Some(Arc::new(Answer::Shown {
            what,
            disaster: id < 0,
            data,
        }));
        Ok(())
    }
    fn answer(&self) -> Option<Arc<Answer>> {
        self.answer.clone()
    }
    /// The service's own rule, at a clinic.
    fn may_view(&mut self, what: Viewed) -> bool {
        self.staff.as_ref().is_some_and(|s| {
            crate::services::viewer::role_may_view(s.role, what, InstitutionKind::Medical, false)
                .is_ok()
        })
    }
    fn disaster(&self) -> Option<Disaster> {
        self.disaster.clone()
    }
    fn audit_broken(&self) -> Option<crate::history::audit::BrokenLink> {
        self.audit_broken.clone()
    }
    fn audit_unchecked(&self) -> bool {
        self.audit_unchecked
    }
    fn no_admin(&self) -> bool {
        self.no_admin
    }
}

/// The developer panel's controls played by a test: the personas and feeds it offers, and
/// what the panel last asked for (the card inserted, the feed chosen).
#[derive(Default)]
pub struct ScriptedDev {
    pub personas: Vec<(String, String, String)>,
    pub inserted: Option<String>,
    pub feeds: Vec<String>,
    pub feed: String,
}

impl DevControls for ScriptedDev {
    fn personas(&self) -> &[(String, String, String)] {
        &self.personas
    }
    fn inserted(&self) -> Option<&str> {
        self.inserted.as_deref()
    }
    fn insert(&mut self, id: &str) -> Result<(), crate::port::DevError> {
        self.inserted = Some(id.to_string());
        Ok(())
    }
    fn remove(&mut self) -> Result<(), crate::port::DevError> {
        self.inserted = None;
        Ok(())
    }
    fn feeds(&self) -> &[String] {
        &self.feeds
    }
    fn feed(&self) -> &str {
        &self.feed
    }
    fn set_feed(&mut self, name: &str) -> Result<(), crate::port::DevError> {
        self.feed = name.to_string();
        Ok(())
    }
}
