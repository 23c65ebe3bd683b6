//! The running desk: the reception [`Flow`] driven by real workers. A card thread owns the
//! PC/SC connection (and a watcher thread reports cards and readers), a face thread owns the
//! camera and the face models, a card-front thread owns the card-front source and its OCR,
//! a small tokio runtime owns the centre connection, and with `[link]` the clinic link runs
//! its own loop on its own thread (`services::link::DeskLink`), handed the result of every
//! visit as the history is. Workers post their answers as flow [`Event`]s on one channel and
//! call `notify` so the screens repaint; [`Desk::pump`] (once per screen frame) feeds those
//! answers and the clock into the flow and routes every [`Effect`] it returns to its worker.
//! After every event the voice worker ([`voice::Voice`]) is shown the flow and says the new
//! instruction, if any, in the patient's language.
//! Nothing here blocks the caller: the screens' thread only moves messages.

mod card;
mod centre;
mod face;
mod front;
pub mod voice;

use crate::config::Config;
use crate::flow::{Effect, Event, Flow};
use crate::port::{Backend, DevControls, PreviewFrame};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Why the desk could not start. Card reader, camera and centre problems are not start
/// errors: the screens show them (reader status, face unavailable, centre error).
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error(
        "a worker thread could not be started ({0}): the system is out of resources; close other programs and start again"
    )]
    Thread(#[source] std::io::Error),
    #[error("the centre connection could not be set up: {0}")]
    Centre(#[source] eligibility::ClientError),
}

/// How workers hand an answer to the flow: post it, then wake the screens.
#[derive(Clone)]
pub(crate) struct Post {
    tx: Sender<Event>,
    notify: Arc<dyn Fn() + Send + Sync>,
}

impl Post {
    /// False once the desk is gone (the worker may stop).
    pub(crate) fn send(&self, event: Event) -> bool {
        let ok = self.tx.send(event).is_ok();
        (self.notify)();
        ok
    }
}

/// The latest camera frame for the patient screen, shared between the face thread and
/// [`Backend::preview`].
pub(crate) type PreviewSlot = Arc<Mutex<Option<Arc<PreviewFrame>>>>;

/// The real backend of the screens: see the module documentation.
pub struct Desk {
    // Fields drop in this order: the services (whose jobs may wait on the centre's runtime)
    // stop before the centre worker's runtime shuts down.
    services: crate::services::Services,
    flow: Flow,
    events: Receiver<Event>,
    card: card::CardWorker,
    face: face::FaceWorker,
    front: front::FrontWorker,
    centre: centre::CentreWorker,
    preview: PreviewSlot,
    voice: voice::Voice,
    dev: Option<Box<dyn DevControls + Send>>,
}

impl Desk {
    /// Starts the workers for `cfg`. Returns at once: the face models load in the background
    /// and the reader status arrives as an event.
    pub fn start(cfg: &Config, notify: Arc<dyn Fn() + Send + Sync>) -> Result<Desk, StartError> {
        let (tx, events) = mpsc::channel();
        let post = Post {
            tx,
            notify: notify.clone(),
        };
        let preview: PreviewSlot = Arc::new(Mutex::new(None));
        let centre = centre::CentreWorker::start(cfg, post.clone())?;
        let card = card::CardWorker::start(cfg, post.clone())?;
        let front = front::FrontWorker::start(cfg, post.clone())?;
        let face = face::FaceWorker::start(cfg, post, preview.clone())?;
        let (client, rt) = centre.shared();
        let services = crate::services::Services::start(&crate::services::Ctx {
            cfg: cfg.clone(),
            client,
            rt,
            notify,
        });
        tracing::info!(
            face = cfg.camera.is_some(),
            card_front = cfg.card_front.is_some(),
            institution_kind = ?cfg.institution.kind(),
            "desk started"
        );
        // Printed consent forms hold a name: none outlives the run that printed it.
        crate::paper::remove_leftovers(&crate::paper::folder());
        let flow = Flow::new(cfg.settings());
        let mut voice = voice::Voice::start(&cfg.voice);
        // The waiting screen's instruction, said once at start like any stage entry.
        voice.follow(&flow);
        Ok(Desk {
            flow,
            events,
            card,
            face,
            front,
            centre,
            preview,
            voice,
            dev: None,
            services,
        })
    }

    /// The camera for the next face attempt (device number, video file or image sequence):
    /// the developer panel's feed switch.
    pub fn set_camera(&mut self, spec: &str) {
        self.face.set_camera(spec);
    }

    /// What the card-front camera sees from the next reading on: the developer panel's
    /// switch (an image sequence of the simulator's rendered front), or a test's.
    pub fn set_card_front(&mut self, source: crate::config::CardFrontSource) {
        self.front.send(front::Job::SetSource(source));
    }

    /// A handle that switches the card-front source like [`Desk::set_card_front`], for the
    /// developer panel's controls.
    pub fn card_front_setter(&self) -> crate::dev::FrontSetter {
        self.front.source_setter()
    }

    /// A handle that switches the camera like [`Desk::set_camera`], for code that does not
    /// own the desk (the developer panel's controls).
    pub fn camera_setter(&self) -> Arc<dyn Fn(&str) + Send + Sync> {
        self.face.camera_setter()
    }

    /// The developer panel's controls, returned by [`Backend::dev`].
    pub fn set_dev(&mut self, dev: Box<dyn DevControls + Send>) {
        self.dev = Some(dev);
    }

    /// Runs the flow until `pred` holds or `timeout` passes, waiting on the workers' answers
    /// (and the flow's own deadlines), never by polling. For headless tests and benches.
    pub fn wait_for(&mut self, pred: impl Fn(&Flow) -> bool, timeout: Duration) -> bool {
        let end = Instant::now() + timeout;
        loop {
            self.pump();
            if pred(&self.flow) {
                return true;
            }
            let now = Instant::now();
            if now >= end {
                return false;
            }
            let mut wait = end - now;
            if let Some(d) = self.flow.deadline() {
                wait = wait.min(d.saturating_duration_since(now));
            }
            match self.events.recv_timeout(wait) {
                Ok(ev) => self.apply(ev),
                Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => return pred(&self.flow),
            }
        }
    }

    /// Plays the desk's chime through the voice worker (nothing when `[voice]` is off).
    pub fn chime(&mut self) {
        self.voice.chime();
    }

    /// The voice worker's reports (what became of each sentence), for a bench that measures
    /// the time from a stage change to sound. `None` when `[voice]` is off or already taken.
    pub fn voice_reports(&mut self) -> Option<Receiver<::voice::player::Report>> {
        self.voice.take_reports()
    }

    fn apply(&mut self, event: Event) {
        let effects = self.flow.handle(event, Instant::now());
        // The stage (or the language) may have changed: spoken guidance follows it before the
        // workers are given their jobs, so the sentence starts as early as it can.
        self.voice.follow(&self.flow);
        let ended = effects.iter().any(|e| matches!(e, Effect::EndVisit(_)));
        for effect in effects {
            self.route(effect);
        }
        // A visit ends once, and its result is set as it ends: store it then (the history
        // writes on its own thread; a failure shows on the console, the flow goes on).
        if ended && let Some(result) = self.flow.last_result() {
            self.services.checks.record_visit(result);
            // The clinic's system gets the same result as a face file.
            if let Some(link) = &self.services.link {
                link.visit(result);
            }
        }
    }

    fn route(&mut self, effect: Effect) {
        match effect {
            Effect::ReadCard(v) => self.card.send(card::Job::Read(v)),
            Effect::VerifyPin(v, pin) => self.card.send(card::Job::VerifyPin(v, pin)),
            Effect::ReadPhoto(v, number) => self.card.send(card::Job::ReadPhoto(v, number)),
            Effect::Sign {
                visit,
                nonce,
                method,
            } => self.card.send(card::Job::Sign {
                visit,
                nonce,
                method,
            }),
            Effect::ReadFront(v) => self.front.send(front::Job::Read(v)),
            Effect::StopFront(v) => self.front.send(front::Job::Stop(v)),
            Effect::StartFace(v, photo) => self.face.send(face::Job::Start(v, photo)),
            Effect::RetryFace(v) => self.face.send(face::Job::Retry(v)),
            Effect::StopFace(v) => self.face.send(face::Job::Stop(v)),
            Effect::FetchNonce(v) => self.centre.nonce(v),
            Effect::Query {
                visit,
                proof,
                consent,
            } => self.centre.query(visit, proof, consent),
            Effect::Register {
                visit,
                proof,
                search,
            } => self.centre.register(visit, proof, search),
            Effect::EndVisit(v) => {
                self.face.send(face::Job::Stop(v));
                self.front.send(front::Job::Stop(v));
                self.card.send(card::Job::End(v));
            }
            // No sound yet: the desk has no player for a tone (spoken guidance will play it).
            Effect::Chime => {
                // Through the voice worker: a desk without `[voice]` has no sound set up and
                // only flashes the patient screen.
                tracing::info!("card left behind: chime");
                self.voice.chime();
            }
            Effect::CountCardLeft => self.services.checks.record_card_left(),
        }
    }
}

impl Backend for Desk {
    fn flow(&self) -> &Flow {
        &self.flow
    }

    fn send(&mut self, event: Event) {
        self.apply(event);
    }

    fn pump(&mut self) {
        while let Ok(ev) = self.events.try_recv() {
            self.apply(ev);
        }
        if self.flow.deadline().is_some_and(|d| Instant::now() >= d) {
            self.apply(Event::Tick);
        }
    }

    fn preview(&self) -> Option<Arc<PreviewFrame>> {
        self.preview.lock().ok().and_then(|p| p.clone())
    }

    fn dev(&mut self) -> Option<&mut dyn DevControls> {
        match &mut self.dev {
            Some(d) => Some(d.as_mut()),
            None => None,
        }
    }
    fn checks(&mut self) -> Option<&mut dyn crate::services::check::Checks> {
        Some(self.services.checks.as_mut())
    }
    fn batches(&mut self) -> Option<&mut dyn crate::services::batch::Batches> {
        Some(self.services.batches.as_mut())
    }
    fn viewer(&mut self) -> Option<&mut dyn crate::services::viewer::Viewer> {
        Some(self.services.viewer.as_mut())
    }
    fn link(&self) -> Option<crate::link::LinkView> {
        self.services.link.as_ref().map(|l| l.view())
    }
}
