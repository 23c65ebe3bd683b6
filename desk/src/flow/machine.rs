//! The transitions of the reception flow: [`Flow::handle`] takes one event and returns the
//! effects for the workers. Input that does not fit the current stage (a double tap, a late
//! worker answer) changes nothing.

use super::*;
use reader_driver::PinStatus;

/// Why the card is being signed for.
enum Purpose {
    Query,
    /// 保険証利用登録: with the patient's agreement only (`None`), or with the numbers the
    /// clerk keyed when the centre could not find the person that way.
    Register(Option<Box<SearchInfo>>),
}

/// The visit in progress: from the card's arrival until its end (the card may still be on the
/// reader after the end, waiting to be taken).
struct Visit {
    id: VisitId,
    card: Option<CardSummary>,
    method: Option<Method>,
    consents: Consents,
    /// Questions still to ask, in order.
    questions: Vec<Question>,
    purpose: Purpose,
    /// 保険証利用登録 has been done in this visit (never offered twice).
    registered: bool,
    /// The centre could not register by agreement alone: the clerk keys the numbers (asked
    /// once; a refusal of the numbers ends the visit with the centre's reason).
    registering_by_numbers: bool,
    /// The number being checked by the card was read from the card front (not keyed): what
    /// the clerk is shown of it if the card refuses it.
    number_read: Option<MaskedReading>,
    /// The card refused a number read from its front: no more automatic reading, and the
    /// clerk checks this against the card in hand while keying (gone with the visit).
    front_refused: Option<MaskedReading>,
    /// Failed face matches in this visit, across the face worker's sessions.
    face_failures: u32,
}

impl Visit {
    /// [`FACE_ATTEMPTS`] failed matches: the face path is closed for the rest of the visit
    /// (a 目視 or a PIN does not reopen it).
    fn face_locked(&self) -> bool {
        self.face_failures >= FACE_ATTEMPTS
    }
}

/// The reception flow. See the module documentation.
pub struct Flow {
    settings: Settings,
    stage: Stage,
    visit: Option<Visit>,
    next_visit: u64,
    card_present: bool,
    reader: ReaderStatus,
    visual_mode: bool,
    lang: Lang,
    deadline: Option<Instant>,
    /// The card on the reader outlived its visit by [`Timeouts::card_left`]: the alert shows
    /// until it is taken (and is raised once per card).
    card_left: bool,
    last_result: Option<VisitResult>,
    log: Vec<LogLine>,
}

impl Flow {
    pub fn new(settings: Settings) -> Flow {
        Flow {
            lang: settings.lang,
            settings,
            stage: Stage::Waiting { notice: None },
            visit: None,
            next_visit: 1,
            card_present: false,
            reader: ReaderStatus::Starting,
            visual_mode: false,
            deadline: None,
            card_left: false,
            last_result: None,
            log: Vec::new(),
        }
    }

    pub fn stage(&self) -> &Stage {
        &self.stage
    }
    pub fn settings(&self) -> &Settings {
        &self.settings
    }
    /// The patient screen's language.
    pub fn lang(&self) -> Lang {
        self.lang
    }
    pub fn reader(&self) -> &ReaderStatus {
        &self.reader
    }
    /// The clerk's 目視 switch.
    pub fn visual_mode(&self) -> bool {
        self.visual_mode
    }
    pub fn card_present(&self) -> bool {
        self.card_present
    }
    /// The card is still on the reader well after its visit ended: the patient screen
    /// flashes and the clerk console says 「カードが残っています」 until it is taken.
    pub fn card_left_behind(&self) -> bool {
        self.card_left
    }
    /// The last finished visit, for the clerk's result view.
    pub fn last_result(&self) -> Option<&VisitResult> {
        self.last_result.as_ref()
    }
    /// The message log of the current (or last) visit.
    pub fn log(&self) -> &[LogLine] {
        &self.log
    }
    /// The visit in progress, if any.
    pub fn visit_id(&self) -> Option<VisitId> {
        self.visit.as_ref().map(|v| v.id)
    }
    /// How the patient of the visit in progress was confirmed, once they are.
    pub fn method(&self) -> Option<Method> {
        self.visit.as_ref().and_then(|v| v.method)
    }
    /// The consents given so far in the visit in progress.
    pub fn consents(&self) -> Option<Consents> {
        self.visit.as_ref().map(|v| v.consents)
    }
    /// What the clerk is shown of the card-front reading the card refused, while they key the
    /// number ([`Stage::FaceNumber`] with [`FrontReading::Refused`]); `None` at any other
    /// time, and forgotten when the visit ends.
    pub fn refused_reading(&self) -> Option<&MaskedReading> {
        match self.stage {
            Stage::FaceNumber {
                front: FrontReading::Refused,
                ..
            } => self.visit.as_ref()?.front_refused.as_ref(),
            _ => None,
        }
    }
    /// Failed face matches in the visit in progress (the clerk sees「失敗 n/10」), out of
    /// [`FACE_ATTEMPTS`]; `None` without a visit.
    pub fn face_failures(&self) -> Option<u32> {
        self.visit.as_ref().map(|v| v.face_failures)
    }
    /// When the current screen times out: send [`Event::Tick`] then (or any time after).
    pub fn deadline(&self) -> Option<Instant> {
        self.deadline
    }

    /// Takes one event at time `now` and returns the work it starts.
    pub fn handle(&mut self, event: Event, now: Instant) -> Vec<Effect> {
        let mut out = Vec::new();
        match event {
            Event::Reader(status) => self.on_reader(status, now, &mut out),
            Event::CardInserted => self.on_card_inserted(now, &mut out),
            Event::CardRemoved => self.on_card_removed(now, &mut out),
            Event::Tick => self.on_tick(now, &mut out),
            Event::Language(lang) => self.on_language(lang, now),
            Event::VisualMode(on) => self.on_visual_mode(on),
            Event::ClerkCancel => {
                if self.visit.is_some() {
                    self.end(Some(Trouble::CancelledByClerk), now, &mut out);
                }
            }
            Event::PatientCancel => {
                if self.visit.is_some() && self.patient_can_cancel() {
                    self.end(Some(Trouble::CancelledByPatient), now, &mut out);
                }
            }
            other => self.on_visit_event(other, now, &mut out),
        }
        out
    }

    fn on_reader(&mut self, status: ReaderStatus, now: Instant, out: &mut Vec<Effect>) {
        let gone = matches!(status, ReaderStatus::NoReader | ReaderStatus::ServiceDown);
        self.reader = status;
        if gone && self.card_present {
            self.card_present = false;
            self.card_left = false;
            if self.visit.is_some() {
                self.end(Some(Trouble::Card(CardTrouble::ReaderGone)), now, out);
            } else {
                self.show_waiting(None, now);
            }
        }
    }

    fn on_card_inserted(&mut self, now: Instant, out: &mut Vec<Effect>) {
        if self.visit.is_some() {
            // A swap the watcher saw as one event: the old visit cannot go on.
            self.end(Some(Trouble::CardPulled), now, out);
        }
        self.card_present = true;
        self.card_left = false;
        let id = VisitId(self.next_visit);
        self.next_visit += 1;
        self.visit = Some(Visit {
            id,
            card: None,
            method: None,
            consents: Consents::default(),
            questions: Vec::new(),
            purpose: Purpose::Query,
            registered: false,
            registering_by_numbers: false,
            number_read: None,
            front_refused: None,
            face_failures: 0,
        });
        self.log.clear();
        self.note(LogEntry::CardInserted, now);
        self.set_stage(Stage::Reading, Some(self.settings.timeouts.worker), now);
        out.push(Effect::ReadCard(id));
    }

    fn on_card_removed(&mut self, now: Instant, out: &mut Vec<Effect>) {
        self.card_present = false;
        self.card_left = false;
        self.note(LogEntry::CardRemoved, now);
        if self.visit.is_some() {
            self.end(Some(Trouble::CardPulled), now, out);
        } else if matches!(self.stage, Stage::TakeCard { .. }) {
            self.lang = self.settings.lang;
            self.show_waiting(None, now);
        }
    }

    fn on_tick(&mut self, now: Instant, out: &mut Vec<Effect>) {
        let Some(deadline) = self.deadline else {
            return;
        };
        if now < deadline {
            return;
        }
        match self.stage {
            Stage::Waiting { .. } => {
                // Also ends a language chosen by someone who then walked away.
                self.lang = self.settings.lang;
                self.show_waiting(None, now)
            }
            Stage::TakeCard { .. } => {
                // 「カードをお取りください」 stays; only the alert is added, once.
                self.deadline = None;
                if self.card_present && !self.card_left {
                    self.card_left = true;
                    self.note(LogEntry::CardLeftBehind, now);
                    out.push(Effect::Chime);
                    out.push(Effect::CountCardLeft);
                }
            }
            _ => self.end(Some(Trouble::TimedOut), now, out),
        }
    }

    /// A language tapped on the waiting screen belongs to whoever stands at the counter now:
    /// if no card follows within the patient's time-out, the screen returns to the default
    /// language for the next patient (the old notice goes too: it was not for them).
    fn on_language(&mut self, lang: Lang, now: Instant) {
        self.lang = lang;
        if matches!(self.stage, Stage::Waiting { .. }) && lang != self.settings.lang {
            self.set_stage(
                Stage::Waiting { notice: None },
                Some(self.settings.timeouts.patient),
                now,
            );
        }
    }

    fn on_visual_mode(&mut self, on: bool) {
        self.visual_mode = on;
        let on = on || self.visual_forced();
        match &mut self.stage {
            Stage::ChooseMethod { visual, .. }
            | Stage::PinLocked { visual, .. }
            | Stage::FaceFailed { visual, .. }
            | Stage::FaceUnavailable { visual, .. } => *visual = on,
            _ => {}
        }
    }

    fn patient_can_cancel(&self) -> bool {
        !matches!(
            self.stage,
            Stage::Waiting { .. } | Stage::TakeCard { .. } | Stage::Reading
        )
    }

    /// Events that belong to the visit in progress.
    fn on_visit_event(&mut self, event: Event, now: Instant, out: &mut Vec<Effect>) {
        let Some(id) = self.visit.as_ref().map(|v| v.id) else {
            if worker_visit(&event).is_some() {
                self.note(LogEntry::StaleAnswerDropped, now);
            }
            return;
        };
        if let Some(from) = worker_visit(&event)
            && from != id
        {
            self.note(LogEntry::StaleAnswerDropped, now);
            return;
        }
        let t = self.settings.timeouts;
        // A copy, so that the arms can change the stage while matching on the old one.
        let current = self.stage.clone();
        match (event, &current) {
            (Event::CardRead(_, Ok(summary)), Stage::Reading) => {
                self.note(LogEntry::CardRead, now);
                let pin = pin_usable(&summary.pin);
                self.visit_mut().card = Some(summary);
                self.set_stage(
                    Stage::ChooseMethod {
                        pin,
                        face: self.face_offered(),
                        visual: self.visual_offered(),
                    },
                    Some(t.patient),
                    now,
                );
            }
            (Event::CardRead(_, Err(trouble)), Stage::Reading) => {
                self.end(Some(Trouble::Card(trouble)), now, out)
            }

            (Event::Choose(method), stage) if self.may_choose(method, stage) => {
                self.note(LogEntry::MethodChosen(method), now);
                if matches!(
                    stage,
                    Stage::FaceFailed { .. } | Stage::FaceUnavailable { .. }
                ) {
                    out.push(Effect::StopFace(id));
                }
                match method {
                    Method::Pin => match self.pin_status() {
                        // A card that says "verified" before this patient typed anything was
                        // verified by someone else: that is not this patient's PIN.
                        PinStatus::Verified => {}
                        PinStatus::TriesLeft(1) => {
                            self.set_stage(Stage::PinLastTry { wrong: false }, Some(t.patient), now)
                        }
                        PinStatus::TriesLeft(n) => self.set_stage(
                            Stage::Pin {
                                tries_left: n,
                                wrong: false,
                            },
                            Some(t.patient),
                            now,
                        ),
                        PinStatus::Locked => {}
                    },
                    Method::Face => {
                        let front = if self.visit_ref().front_refused.is_some() {
                            FrontReading::Refused
                        } else if self.settings.card_front {
                            out.push(Effect::ReadFront(id));
                            FrontReading::Reading { problem: None }
                        } else {
                            FrontReading::Off
                        };
                        self.set_stage(
                            Stage::FaceNumber {
                                wrong_tries_left: None,
                                front,
                            },
                            Some(t.clerk),
                            now,
                        )
                    }
                    Method::Visual => self.set_stage(Stage::Visual, Some(t.clerk), now),
                }
            }

            (Event::LastTryConfirmed, Stage::PinLastTry { wrong }) => {
                let wrong = *wrong;
                self.set_stage(
                    Stage::Pin {
                        tries_left: 1,
                        wrong,
                    },
                    Some(t.patient),
                    now,
                )
            }
            (Event::PinEntered(pin), Stage::Pin { .. }) => {
                // Exactly one VERIFY per entry: the stage leaves `Pin` until the card answers.
                self.set_stage(Stage::PinChecking, Some(t.worker), now);
                out.push(Effect::VerifyPin(id, pin));
            }
            (Event::PinChecked(_, answer), Stage::PinChecking) => self.on_pin(answer, now, out),

            (Event::VerificationNumber(number), Stage::FaceNumber { front, .. }) => {
                // The clerk took over: the card front is no longer read.
                if matches!(front, FrontReading::Reading { .. }) {
                    out.push(Effect::StopFront(id));
                }
                self.visit_mut().number_read = None;
                self.set_stage(Stage::FacePhoto, Some(t.worker), now);
                out.push(Effect::ReadPhoto(id, number));
            }
            (
                Event::FrontRead(_, update),
                Stage::FaceNumber {
                    wrong_tries_left,
                    front: FrontReading::Reading { .. },
                },
            ) => match update {
                FrontUpdate::Certain(number, shown) => {
                    // One VERIFY: the stage leaves `FaceNumber` until the card answers.
                    self.note(LogEntry::FrontCertain, now);
                    self.visit_mut().number_read = Some(shown);
                    self.set_stage(Stage::FacePhoto, Some(t.worker), now);
                    out.push(Effect::ReadPhoto(id, number));
                }
                FrontUpdate::Problem(problem) => {
                    // Guidance is not input from the patient's hand: it does not extend the time.
                    self.stage = Stage::FaceNumber {
                        wrong_tries_left: *wrong_tries_left,
                        front: FrontReading::Reading { problem },
                    };
                }
                FrontUpdate::Unavailable => {
                    self.note(LogEntry::FrontUnavailable, now);
                    self.stage = Stage::FaceNumber {
                        wrong_tries_left: *wrong_tries_left,
                        front: FrontReading::Unavailable,
                    };
                }
            },
            (Event::PhotoRead(_, result), Stage::FacePhoto) => match result {
                Ok(photo) => {
                    self.note(LogEntry::FaceStarted, now);
                    self.set_stage(Stage::FaceLive { guidance: None }, Some(t.worker), now);
                    out.push(Effect::StartFace(id, photo));
                }
                Err(CardTrouble::WrongVerificationNumber { tries_left }) => {
                    // A refused reading of the front stops automatic reading for this card;
                    // a refused keyed number leaves the keying to the clerk.
                    let front = if let Some(shown) = self.visit_mut().number_read.take() {
                        self.note(LogEntry::FrontRefused { tries_left }, now);
                        self.visit_mut().front_refused = Some(shown);
                        FrontReading::Refused
                    } else if self.visit_ref().front_refused.is_some() {
                        FrontReading::Refused
                    } else {
                        FrontReading::Off
                    };
                    self.set_stage(
                        Stage::FaceNumber {
                            wrong_tries_left: Some(tries_left),
                            front,
                        },
                        Some(t.clerk),
                        now,
                    )
                }
                Err(CardTrouble::VerificationNumberLocked) => {
                    self.face_unavailable(FaceTrouble::NumberLocked, now)
                }
                // The card face does not check against its issuer: no photo to match, but
                // the PIN or 目視 can still confirm the patient.
                Err(CardTrouble::CardFaceInvalid) => {
                    self.face_unavailable(FaceTrouble::CardFaceInvalid, now)
                }
                Err(trouble) => self.end(Some(Trouble::Card(trouble)), now, out),
            },
            (Event::FaceGuidance(_, g), Stage::FaceLive { .. }) => {
                // Guidance is not input from the patient's hand: it does not extend the time.
                self.stage = Stage::FaceLive { guidance: Some(g) };
            }
            (Event::FaceDone(_, result), Stage::FaceLive { .. }) => {
                if result.outcome == Outcome::Match {
                    self.note(LogEntry::FaceMatched, now);
                    self.visit_mut().method = Some(Method::Face);
                    out.push(Effect::StopFace(id));
                    self.after_confirmed(now, out);
                } else {
                    // The visit's own count decides the lock, whatever the worker's session
                    // says (a new session after a camera failure starts from zero).
                    let visit = self.visit_mut();
                    visit.face_failures += 1;
                    let attempts_left = result
                        .attempts_left
                        .min(FACE_ATTEMPTS.saturating_sub(visit.face_failures));
                    let locked = visit.face_locked();
                    self.note(
                        LogEntry::FaceAttempt {
                            outcome: result.outcome,
                            attempts_left,
                        },
                        now,
                    );
                    if locked {
                        self.note(LogEntry::FaceLocked, now);
                    }
                    self.set_stage(
                        Stage::FaceFailed {
                            outcome: result.outcome,
                            attempts_left,
                            pin: pin_usable(&self.pin_status()),
                            visual: self.visual_offered(),
                        },
                        Some(t.patient),
                        now,
                    );
                }
            }
            (Event::FaceFailed(_, trouble), Stage::FaceLive { .. } | Stage::FacePhoto) => {
                self.face_unavailable(trouble, now)
            }
            (Event::RetryFace, Stage::FaceFailed { attempts_left, .. }) if *attempts_left > 0 => {
                self.set_stage(Stage::FaceLive { guidance: None }, Some(t.worker), now);
                out.push(Effect::RetryFace(id));
            }

            (Event::VisualConfirmed, Stage::Visual) => {
                self.note(LogEntry::VisualConfirmed, now);
                self.visit_mut().method = Some(Method::Visual);
                self.after_confirmed(now, out);
            }

            (Event::Answer(q, yes), Stage::Consent { question }) if q == *question => {
                self.answer(q, yes, now);
                self.next_question(now, out);
            }
            (Event::Prescription(form), Stage::Prescription) => {
                self.note(LogEntry::PrescriptionChosen(form), now);
                self.visit_mut().consents.prescription = Some(form);
                self.sign(now, out);
            }
            (
                Event::PaperConsent(paper),
                Stage::PaperConsent {
                    questions,
                    prescription,
                },
            ) if paper_complete(&paper, questions, *prescription) => {
                self.note(LogEntry::PaperConsentRecorded, now);
                for &(q, yes) in &paper.answers {
                    self.answer(q, yes, now);
                }
                if let Some(form) = paper.prescription {
                    self.note(LogEntry::PrescriptionChosen(form), now);
                    self.visit_mut().consents.prescription = Some(form);
                }
                self.sign(now, out);
            }

            (Event::Nonce(_, result), Stage::Confirming) => match result {
                Ok(nonce) => {
                    let method = self.visit_ref().method.unwrap_or(Method::Pin);
                    out.push(Effect::Sign {
                        visit: id,
                        nonce,
                        method,
                    });
                }
                Err(trouble) => self.end(Some(Trouble::Centre(trouble)), now, out),
            },
            (Event::Signed(_, result), Stage::Confirming) => match result {
                Ok(proof) => {
                    self.note(LogEntry::Signed, now);
                    let proof = Box::new(proof);
                    match std::mem::replace(&mut self.visit_mut().purpose, Purpose::Query) {
                        Purpose::Query => {
                            self.note(LogEntry::Querying, now);
                            self.set_stage(Stage::Querying, Some(t.worker), now);
                            out.push(Effect::Query {
                                visit: id,
                                proof,
                                consent: self.visit_ref().consents.wire(),
                            });
                        }
                        Purpose::Register(search) => out.push(Effect::Register {
                            visit: id,
                            proof,
                            search,
                        }),
                    }
                }
                Err(trouble) => self.end(Some(Trouble::Card(trouble)), now, out),
            },
            (Event::Checked(_, result), Stage::Querying) => match result {
                Ok(e) if is_not_registered(&e) && !self.visit_ref().registered => {
                    self.note(LogEntry::RegistrationAsked, now);
                    self.set_stage(Stage::RegisterOffer, Some(t.patient), now);
                }
                Ok(e) => {
                    self.note(LogEntry::ResultShown, now);
                    self.last_result = Some(VisitResult {
                        method: self.visit_ref().method,
                        consents: self.visit_ref().consents,
                        outcome: Ok(e),
                        certificate_expires_soon: self.expires_soon(),
                    });
                    self.end(None, now, out);
                }
                Err(trouble) => self.end(Some(Trouble::Centre(trouble)), now, out),
            },
            (Event::Register(yes), Stage::RegisterOffer) => {
                if yes {
                    // As at a real reader, the patient's agreement is all the centre needs:
                    // it finds the person in the insurers' records. The numbers form is the
                    // fallback for when it cannot.
                    self.visit_mut().purpose = Purpose::Register(None);
                    self.sign(now, out);
                } else {
                    self.end(Some(Trouble::NotRegistered), now, out);
                }
            }
            (Event::RegistrationDetails(search), Stage::RegisterDetails) => {
                self.visit_mut().purpose = Purpose::Register(Some(search));
                self.sign(now, out);
            }
            (Event::Registered(_, result), Stage::Confirming) => match result {
                Ok(()) => {
                    self.note(LogEntry::Registered, now);
                    self.visit_mut().registered = true;
                    self.sign(now, out);
                }
                Err(CentreTrouble::Rejected { code, .. })
                    if code == REGISTRATION_NOT_FOUND_CODE
                        && !self.visit_ref().registering_by_numbers =>
                {
                    self.note(LogEntry::RegistrationNeedsNumbers, now);
                    self.visit_mut().registering_by_numbers = true;
                    self.set_stage(Stage::RegisterDetails, Some(t.clerk), now);
                }
                Err(trouble) => self.end(Some(Trouble::Centre(trouble)), now, out),
            },
            _ => {}
        }
    }

    fn on_pin(&mut self, answer: PinAnswer, now: Instant, out: &mut Vec<Effect>) {
        let t = self.settings.timeouts;
        match answer {
            PinAnswer::Verified => {
                self.note(LogEntry::PinVerified, now);
                self.set_pin(PinStatus::Verified);
                self.visit_mut().method = Some(Method::Pin);
                self.after_confirmed(now, out);
            }
            PinAnswer::Wrong { tries_left } if tries_left > 0 => {
                self.note(LogEntry::PinWrong { tries_left }, now);
                self.set_pin(PinStatus::TriesLeft(tries_left));
                let stage = if tries_left == 1 {
                    Stage::PinLastTry { wrong: true }
                } else {
                    Stage::Pin {
                        tries_left,
                        wrong: true,
                    }
                };
                self.set_stage(stage, Some(t.patient), now);
            }
            PinAnswer::Wrong { .. } | PinAnswer::Locked => {
                self.note(LogEntry::PinLocked, now);
                self.set_pin(PinStatus::Locked);
                self.set_stage(
                    Stage::PinLocked {
                        face: self.face_offered(),
                        visual: self.visual_offered(),
                    },
                    Some(t.patient),
                    now,
                );
            }
            PinAnswer::Trouble(trouble) => self.end(Some(Trouble::Card(trouble)), now, out),
        }
    }

    /// The patient is confirmed: ask the consents, then sign and query.
    fn after_confirmed(&mut self, now: Instant, out: &mut Vec<Effect>) {
        if self.settings.flow == FlowKind::Current {
            self.note(LogEntry::LimitWithoutScreen, now);
            self.visit_mut().consents.limit = Some(LIMIT_WITHOUT_SCREEN);
        }
        let mut qs = self.settings.questions();
        if self.settings.reader == ReaderKind::Generic {
            // No patient screen: the questions go on paper, the clerk records the answers.
            let stage = Stage::PaperConsent {
                questions: qs,
                prescription: self.settings.asks_prescription(),
            };
            self.set_stage(stage, Some(self.settings.timeouts.paper), now);
            return;
        }
        qs.reverse();
        self.visit_mut().questions = qs;
        self.next_question(now, out);
    }

    fn next_question(&mut self, now: Instant, out: &mut Vec<Effect>) {
        match self.visit_mut().questions.pop() {
            Some(question) => self.set_stage(
                Stage::Consent { question },
                Some(self.settings.timeouts.patient),
                now,
            ),
            None if self.settings.asks_prescription() => self.set_stage(
                Stage::Prescription,
                Some(self.settings.timeouts.patient),
                now,
            ),
            None => self.sign(now, out),
        }
    }

    /// Records one consent answer (from the screen or from the paper form).
    fn answer(&mut self, q: Question, yes: bool, now: Instant) {
        self.note(LogEntry::ConsentAnswered(q, yes), now);
        let offer = self.settings.offer;
        let c = &mut self.visit_mut().consents;
        match q {
            Question::DrugAndDiagnosis => {
                c.drug = offer.drug.then_some(yes);
                c.diagnosis = offer.diagnosis.then_some(yes);
            }
            Question::Comprehensive => {
                c.drug = Some(yes);
                c.diagnosis = Some(yes);
                c.surgery = Some(yes);
            }
            Question::Checkup => c.checkup = Some(yes),
            Question::Surgery => c.surgery = Some(yes),
            Question::Limit => c.limit = Some(yes),
        }
    }

    /// Face matching can be offered: a camera at a face reader, and the visit's face path not
    /// locked by [`FACE_ATTEMPTS`] failures.
    fn face_offered(&self) -> bool {
        self.settings.face_available
            && self.settings.reader == ReaderKind::Face
            && !self.visit.as_ref().is_some_and(Visit::face_locked)
    }

    /// 目視 can be offered: the clerk switched it on, or it is the way left, as at the readers
    /// (the face path locked), or the clerk drives the visit anyway (generic reader).
    fn visual_offered(&self) -> bool {
        self.visual_mode || self.visual_forced()
    }
    fn visual_forced(&self) -> bool {
        self.settings.reader == ReaderKind::Generic
            || self.visit.as_ref().is_some_and(Visit::face_locked)
    }

    /// Fetch a nonce; the card signs it when it arrives.
    fn sign(&mut self, now: Instant, out: &mut Vec<Effect>) {
        let id = self.visit_ref().id;
        self.set_stage(Stage::Confirming, Some(self.settings.timeouts.worker), now);
        out.push(Effect::FetchNonce(id));
    }

    fn face_unavailable(&mut self, trouble: FaceTrouble, now: Instant) {
        self.note(LogEntry::Ended(Trouble::Face(trouble.clone())), now);
        self.set_stage(
            Stage::FaceUnavailable {
                trouble,
                pin: pin_usable(&self.pin_status()),
                visual: self.visual_mode,
            },
            Some(self.settings.timeouts.patient),
            now,
        );
    }

    /// Whether `method` is one of the choices the current stage shows.
    fn may_choose(&self, method: Method, stage: &Stage) -> bool {
        let (pin, face, visual) = match *stage {
            Stage::ChooseMethod { pin, face, visual } => (pin, face, visual),
            Stage::PinLocked { face, visual } => (false, face, visual),
            Stage::FaceFailed { pin, visual, .. } | Stage::FaceUnavailable { pin, visual, .. } => {
                (pin, false, visual)
            }
            _ => return false,
        };
        match method {
            Method::Pin => pin,
            Method::Face => face,
            Method::Visual => visual,
        }
    }

    /// Ends the visit: the clerk's result (an error unless a result was already recorded),
    /// the workers released, and the patient told to take the card (or, if it is gone,
    /// the waiting screen with the reason).
    fn end(&mut self, trouble: Option<Trouble>, now: Instant, out: &mut Vec<Effect>) {
        let Some(visit) = self.visit.take() else {
            return;
        };
        if let Some(trouble) = &trouble {
            self.note(LogEntry::Ended(trouble.clone()), now);
            self.last_result = Some(VisitResult {
                method: visit.method,
                consents: visit.consents,
                outcome: Err(trouble.clone()),
                certificate_expires_soon: visit
                    .card
                    .as_ref()
                    .is_some_and(|c| c.certificate_expires_soon),
            });
        }
        out.push(Effect::EndVisit(visit.id));
        if self.card_present {
            let left = self.settings.timeouts.card_left;
            self.set_stage(Stage::TakeCard { trouble }, Some(left), now);
        } else {
            self.lang = self.settings.lang;
            self.show_waiting(trouble, now);
        }
    }

    fn show_waiting(&mut self, notice: Option<Trouble>, now: Instant) {
        let until = notice.as_ref().map(|_| self.settings.timeouts.notice);
        self.set_stage(Stage::Waiting { notice }, until, now);
    }

    fn set_stage(&mut self, stage: Stage, timeout: Option<Duration>, now: Instant) {
        self.stage = stage;
        self.deadline = timeout.map(|d| now + d);
    }

    fn note(&mut self, entry: LogEntry, now: Instant) {
        tracing::debug!(?entry, "reception flow");
        self.log.push(LogLine { at: now, entry });
    }

    fn visit_ref(&self) -> &Visit {
        self.visit.as_ref().expect("a visit is in progress")
    }
    fn visit_mut(&mut self) -> &mut Visit {
        self.visit.as_mut().expect("a visit is in progress")
    }

    fn pin_status(&self) -> PinStatus {
        self.visit
            .as_ref()
            .and_then(|v| v.card.as_ref())
            .map_or(PinStatus::Locked, |c| c.pin)
    }
    fn set_pin(&mut self, pin: PinStatus) {
        if let Some(card) = self.visit_mut().card.as_mut() {
            card.pin = pin;
        }
    }
    fn expires_soon(&self) -> bool {
        self.visit
            .as_ref()
            .and_then(|v| v.card.as_ref())
            .is_some_and(|c| c.certificate_expires_soon)
    }
}

/// The PIN can be offered: the card counts tries left. `Verified` before any entry is not
/// usable (the card worker power-cycles the card, so it should never be seen; a card that
/// still says so gets no PIN mode rather than a PIN mode without a PIN).
fn pin_usable(pin: &PinStatus) -> bool {
    matches!(pin, PinStatus::TriesLeft(n) if *n > 0)
}

/// The paper form's answers cover exactly the form's questions (each once), and the
/// prescription form when the form asks it.
fn paper_complete(paper: &PaperAnswers, questions: &[Question], prescription: bool) -> bool {
    paper.answers.len() == questions.len()
        && questions
            .iter()
            .all(|q| paper.answers.iter().filter(|(a, _)| a == q).count() == 1)
        && paper.prescription.is_some() == prescription
}

fn is_not_registered(e: &Eligibility) -> bool {
    matches!(&e.verdict, eligibility::Verdict::Error { code: Some(c), .. } if c == NOT_REGISTERED_CODE)
}

/// The visit a worker's answer belongs to (`None` for input from people and the clock).
fn worker_visit(event: &Event) -> Option<VisitId> {
    match event {
        Event::CardRead(v, _)
        | Event::PinChecked(v, _)
        | Event::PhotoRead(v, _)
        | Event::Signed(v, _)
        | Event::FaceGuidance(v, _)
        | Event::FaceDone(v, _)
        | Event::FaceFailed(v, _)
        | Event::FrontRead(v, _)
        | Event::Nonce(v, _)
        | Event::Checked(v, _)
        | Event::Registered(v, _) => Some(*v),
        _ => None,
    }
}
