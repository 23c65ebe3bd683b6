//! Every transition of the reception flow, driven by the events the workers, the patient, the
//! clerk and the clock would send, and checked by what the screens would show and what work
//! would reach the card, the camera and the centre.

use super::*;
use eligibility::codes::{AuthMethod, ConsentFlag, LimitConsent, PrescriptionIssue};
use eligibility::xml::XmlMsg;
use reader_driver::PinStatus;

struct T {
    flow: Flow,
    now: Instant,
}

impl T {
    fn new(settings: Settings) -> T {
        let mut t = T {
            flow: Flow::new(settings),
            now: Instant::now(),
        };
        t.ev(Event::Reader(ReaderStatus::Ready {
            name: "Virtual PCD 00 00".into(),
        }));
        t
    }
    fn clinic() -> T {
        T::new(Settings::new(InstitutionKind::Medical))
    }
    fn ev(&mut self, e: Event) -> Vec<Effect> {
        self.flow.handle(e, self.now)
    }
    fn stage(&self) -> Stage {
        self.flow.stage().clone()
    }
    fn visit(&self) -> VisitId {
        self.flow.visit_id().expect("a visit is in progress")
    }
    fn later(&mut self, d: Duration) -> Vec<Effect> {
        self.now += d;
        self.ev(Event::Tick)
    }
    /// A card in, read with this PIN status.
    fn card(&mut self, pin: PinStatus) {
        let fx = self.ev(Event::CardInserted);
        assert!(matches!(fx[..], [Effect::ReadCard(_)]), "{fx:?}");
        assert_eq!(self.stage(), Stage::Reading);
        let v = self.visit();
        self.ev(Event::CardRead(
            v,
            Ok(CardSummary {
                pin,
                certificate_expires_soon: false,
            }),
        ));
    }
    /// PIN 1234 entered and verified.
    fn pin_ok(&mut self) {
        self.ev(Event::Choose(Method::Pin));
        let fx = self.ev(Event::PinEntered(pin()));
        assert!(matches!(fx[..], [Effect::VerifyPin(..)]), "{fx:?}");
        let v = self.visit();
        self.ev(Event::PinChecked(v, PinAnswer::Verified));
    }
    /// Answers every consent question with `yes` until the flow asks for a nonce.
    fn answer_all(&mut self, yes: bool) -> Vec<Question> {
        let mut asked = Vec::new();
        loop {
            match self.stage() {
                Stage::Consent { question } => {
                    asked.push(question);
                    let fx = self.ev(Event::Answer(question, yes));
                    if let [Effect::FetchNonce(_)] = fx[..] {
                        return asked;
                    }
                    assert!(fx.is_empty(), "{fx:?}");
                }
                other => panic!("expected a consent question, got {other:?}"),
            }
        }
    }
    /// Nonce and signature; returns the effect the signature leads to.
    fn sign(&mut self, method: Method) -> Vec<Effect> {
        assert_eq!(self.stage(), Stage::Confirming);
        let v = self.visit();
        let fx = self.ev(Event::Nonce(v, Ok("bm9uY2U=".into())));
        match &fx[..] {
            [
                Effect::Sign {
                    method: m, nonce, ..
                },
            ] => {
                assert_eq!(*m, method);
                assert_eq!(nonce, "bm9uY2U=");
            }
            other => panic!("{other:?}"),
        }
        self.ev(Event::Signed(v, Ok(proof(method))))
    }
    fn face_to_live(&mut self) {
        assert_eq!(self.ev(Event::Choose(Method::Face)).len(), 0);
        assert_eq!(
            self.stage(),
            Stage::FaceNumber {
                wrong_tries_left: None,
                front: FrontReading::Off,
            }
        );
        let fx = self.ev(Event::VerificationNumber(number_b()));
        assert!(matches!(fx[..], [Effect::ReadPhoto(..)]), "{fx:?}");
        assert_eq!(self.stage(), Stage::FacePhoto);
        let v = self.visit();
        let fx = self.ev(Event::PhotoRead(v, Ok(photo())));
        assert!(matches!(fx[..], [Effect::StartFace(..)]), "{fx:?}");
        assert_eq!(self.stage(), Stage::FaceLive { guidance: None });
    }
    fn face_result(&mut self, outcome: Outcome, attempts_left: u32) -> Vec<Effect> {
        let v = self.visit();
        self.ev(Event::FaceDone(
            v,
            FaceResult {
                outcome,
                score: Some(0.1),
                attempts_left,
            },
        ))
    }
}

fn pin() -> AuthPin {
    AuthPin::new("1234").unwrap()
}
fn number_b() -> VerificationNumberB {
    VerificationNumberB::new("55021720351234").unwrap()
}
/// What the clerk would be shown of `number_b()` read from the card front: born 昭和55年2月17日,
/// card valid until 2035 (security code 1234, not in the view).
fn shown() -> MaskedReading {
    let birth = time::Date::from_calendar_date(1980, time::Month::February, 17).unwrap();
    MaskedReading::new(Calendar::Era(Era::Showa), birth, 2035)
}
fn photo() -> CardPhoto {
    CardPhoto(Zeroizing::new(vec![0, 0, 0, 12]))
}
fn proof(method: Method) -> CardProof {
    CardProof {
        certificate_der: vec![0x30],
        nonce: "bm9uY2U=".into(),
        signature: vec![1; 256],
        method: method.wire(),
    }
}
fn eligibility(verdict: eligibility::Verdict) -> Box<Eligibility> {
    Box::new(Eligibility {
        verdict,
        validity: None,
        results: Vec::new(),
        response: XmlMsg {
            header: Default::default(),
            body: Default::default(),
        },
    })
}
fn valid() -> Box<Eligibility> {
    eligibility(eligibility::Verdict::Valid)
}
fn not_registered() -> Box<Eligibility> {
    eligibility(eligibility::Verdict::Error {
        code: Some(NOT_REGISTERED_CODE.into()),
        message: Some("not registered".into()),
    })
}
fn search() -> Box<SearchInfo> {
    Box::new(SearchInfo {
        insurer_number: "06139992".parse().unwrap(),
        insured_card_symbol: Some("60".parse().unwrap()),
        insured_identification_number: "1205".parse().unwrap(),
        insured_branch_number: Some("00".parse().unwrap()),
        birthdate: "19880125".parse().unwrap(),
        limit_consent: LimitConsent::NotAgreed,
        arbitrary_identifier: None,
    })
}
fn query_consent(fx: &[Effect]) -> ConsentInfo {
    match fx {
        [Effect::Query { consent, .. }] => consent.clone(),
        other => panic!("expected the query, got {other:?}"),
    }
}
fn ends_visit(fx: &[Effect]) -> bool {
    fx.iter().any(|e| matches!(e, Effect::EndVisit(_)))
}

#[test]
fn pin_path_asks_consents_then_signs_queries_and_waits_for_the_card() {
    let mut t = T::clinic();
    assert_eq!(t.stage(), Stage::Waiting { notice: None });
    t.card(PinStatus::TriesLeft(3));
    assert_eq!(
        t.stage(),
        Stage::ChooseMethod {
            pin: true,
            face: true,
            visual: false
        }
    );
    t.ev(Event::Choose(Method::Pin));
    // The tries left are on screen before the first digit.
    assert_eq!(
        t.stage(),
        Stage::Pin {
            tries_left: 3,
            wrong: false
        }
    );
    let fx = t.ev(Event::PinEntered(pin()));
    assert!(matches!(fx[..], [Effect::VerifyPin(..)]));
    // A second 確定 while the card works sends nothing: one VERIFY per entry.
    assert!(t.ev(Event::PinEntered(pin())).is_empty());
    assert_eq!(t.stage(), Stage::PinChecking);
    let v = t.visit();
    assert!(t.ev(Event::PinChecked(v, PinAnswer::Verified)).is_empty());
    let asked = t.answer_all(true);
    assert_eq!(
        asked,
        [
            Question::DrugAndDiagnosis,
            Question::Checkup,
            Question::Limit
        ],
        "a clinic's defaults: 薬剤, 特定健診, 限度額; 手術 and 診療 off"
    );
    let fx = t.sign(Method::Pin);
    assert_eq!(t.stage(), Stage::Querying);
    let c = query_consent(&fx);
    assert_eq!(c.pharmacists, Some(ConsentFlag::Yes));
    assert_eq!(c.checkups, Some(ConsentFlag::Yes));
    assert_eq!(c.diagnosis, None);
    assert_eq!(c.operation, None);
    assert_eq!(c.limit, Some(LimitConsent::Agreed));
    let fx = t.ev(Event::Checked(v, Ok(valid())));
    assert!(
        ends_visit(&fx),
        "the card is released once the result is in"
    );
    assert_eq!(t.stage(), Stage::TakeCard { trouble: None });
    let r = t.flow.last_result().expect("the clerk sees the result");
    assert_eq!(r.method, Some(Method::Pin));
    assert!(matches!(&r.outcome, Ok(e) if e.verdict == eligibility::Verdict::Valid));
    // 「カードをお取りください」 stays however long the card stays.
    t.later(Duration::from_secs(3600));
    assert_eq!(t.stage(), Stage::TakeCard { trouble: None });
    assert!(t.ev(Event::CardRemoved).is_empty());
    assert_eq!(t.stage(), Stage::Waiting { notice: None });
    assert!(
        t.flow.last_result().is_some(),
        "the result stays on the clerk console"
    );
}

#[test]
fn wrong_pins_show_tries_left_warn_before_the_last_and_lock_offers_face() {
    let mut t = T::clinic();
    t.card(PinStatus::TriesLeft(3));
    t.ev(Event::Choose(Method::Pin));
    t.ev(Event::PinEntered(pin()));
    let v = t.visit();
    t.ev(Event::PinChecked(v, PinAnswer::Wrong { tries_left: 2 }));
    assert_eq!(
        t.stage(),
        Stage::Pin {
            tries_left: 2,
            wrong: true
        }
    );
    t.ev(Event::PinEntered(pin()));
    t.ev(Event::PinChecked(v, PinAnswer::Wrong { tries_left: 1 }));
    assert_eq!(t.stage(), Stage::PinLastTry { wrong: true });
    // The pad does not take a PIN until the patient has read the warning.
    assert!(t.ev(Event::PinEntered(pin())).is_empty());
    t.ev(Event::LastTryConfirmed);
    assert_eq!(
        t.stage(),
        Stage::Pin {
            tries_left: 1,
            wrong: true
        }
    );
    t.ev(Event::PinEntered(pin()));
    t.ev(Event::PinChecked(v, PinAnswer::Wrong { tries_left: 0 }));
    assert_eq!(
        t.stage(),
        Stage::PinLocked {
            face: true,
            visual: false
        }
    );
    assert!(t.flow.log().iter().any(|l| l.entry == LogEntry::PinLocked));
    // PIN is gone as a choice; the face is offered.
    assert!(t.ev(Event::Choose(Method::Pin)).is_empty());
    assert!(matches!(t.stage(), Stage::PinLocked { .. }));
    t.face_to_live();
}

#[test]
fn a_card_read_with_one_try_left_warns_before_the_pad() {
    let mut t = T::clinic();
    t.card(PinStatus::TriesLeft(1));
    t.ev(Event::Choose(Method::Pin));
    assert_eq!(t.stage(), Stage::PinLastTry { wrong: false });
    t.ev(Event::LastTryConfirmed);
    assert_eq!(
        t.stage(),
        Stage::Pin {
            tries_left: 1,
            wrong: false
        }
    );
}

#[test]
fn the_card_answering_locked_to_a_pin_goes_to_the_lock_screen() {
    let mut t = T::clinic();
    t.card(PinStatus::TriesLeft(2));
    t.ev(Event::Choose(Method::Pin));
    t.ev(Event::PinEntered(pin()));
    let v = t.visit();
    t.ev(Event::PinChecked(v, PinAnswer::Locked));
    assert!(matches!(t.stage(), Stage::PinLocked { face: true, .. }));
}

#[test]
fn face_card_offers_face_only_and_the_clerks_visual_switch_adds_visual() {
    let mut t = T::clinic();
    t.card(PinStatus::Locked);
    assert_eq!(
        t.stage(),
        Stage::ChooseMethod {
            pin: false,
            face: true,
            visual: false
        }
    );
    assert!(t.ev(Event::Choose(Method::Pin)).is_empty());
    assert!(t.ev(Event::Choose(Method::Visual)).is_empty());
    assert!(matches!(t.stage(), Stage::ChooseMethod { .. }));
    t.ev(Event::VisualMode(true));
    assert_eq!(
        t.stage(),
        Stage::ChooseMethod {
            pin: false,
            face: true,
            visual: true
        }
    );
    t.ev(Event::Choose(Method::Visual));
    assert_eq!(t.stage(), Stage::Visual);
    t.ev(Event::VisualConfirmed);
    t.answer_all(true);
    let fx = t.sign(Method::Visual);
    assert!(matches!(fx[..], [Effect::Query { .. }]));
}

#[test]
fn face_match_goes_on_to_the_consents_and_signs_as_face() {
    let mut t = T::clinic();
    t.card(PinStatus::Locked);
    t.face_to_live();
    let v = t.visit();
    t.ev(Event::FaceGuidance(v, Guidance::MoveCloser));
    assert_eq!(
        t.stage(),
        Stage::FaceLive {
            guidance: Some(Guidance::MoveCloser)
        }
    );
    let fx = t.face_result(Outcome::Match, 2);
    assert!(matches!(fx[..], [Effect::StopFace(_)]), "{fx:?}");
    assert!(matches!(t.stage(), Stage::Consent { .. }));
    t.answer_all(false);
    let fx = t.sign(Method::Face);
    assert!(matches!(fx[..], [Effect::Query { .. }]));
    t.ev(Event::Checked(v, Ok(valid())));
    assert_eq!(t.flow.last_result().unwrap().method, Some(Method::Face));
}

#[test]
fn face_failures_offer_retry_then_the_pin_when_none_are_left() {
    let mut t = T::clinic();
    t.card(PinStatus::TriesLeft(3));
    t.face_to_live();
    t.face_result(Outcome::NoMatch, 2);
    assert_eq!(
        t.stage(),
        Stage::FaceFailed {
            outcome: Outcome::NoMatch,
            attempts_left: 2,
            pin: true,
            visual: false
        }
    );
    let fx = t.ev(Event::RetryFace);
    assert!(matches!(fx[..], [Effect::RetryFace(_)]));
    t.face_result(Outcome::TimedOut, 0);
    assert!(matches!(
        t.stage(),
        Stage::FaceFailed {
            attempts_left: 0,
            pin: true,
            ..
        }
    ));
    // No attempts left: retry does nothing, the PIN stops the camera and opens the pad.
    assert!(t.ev(Event::RetryFace).is_empty());
    let fx = t.ev(Event::Choose(Method::Pin));
    assert!(matches!(fx[..], [Effect::StopFace(_)]), "{fx:?}");
    assert_eq!(
        t.stage(),
        Stage::Pin {
            tries_left: 3,
            wrong: false
        }
    );
}

#[test]
fn face_card_without_attempts_left_waits_for_the_clerk_to_switch_on_visual() {
    let mut t = T::clinic();
    t.card(PinStatus::Locked);
    t.face_to_live();
    t.face_result(Outcome::AttackSuspected(face_match::Attack::FrozenFeed), 0);
    assert!(matches!(
        t.stage(),
        Stage::FaceFailed {
            pin: false,
            visual: false,
            ..
        }
    ));
    t.ev(Event::VisualMode(true));
    assert!(matches!(t.stage(), Stage::FaceFailed { visual: true, .. }));
    let fx = t.ev(Event::Choose(Method::Visual));
    assert!(matches!(fx[..], [Effect::StopFace(_)]));
    assert_eq!(t.stage(), Stage::Visual);
}

#[test]
fn wrong_verification_number_asks_the_clerk_again_and_a_blocked_one_offers_the_pin() {
    let mut t = T::clinic();
    t.card(PinStatus::TriesLeft(3));
    t.ev(Event::Choose(Method::Face));
    t.ev(Event::VerificationNumber(number_b()));
    let v = t.visit();
    t.ev(Event::PhotoRead(
        v,
        Err(CardTrouble::WrongVerificationNumber { tries_left: 9 }),
    ));
    assert_eq!(
        t.stage(),
        Stage::FaceNumber {
            wrong_tries_left: Some(9),
            front: FrontReading::Off,
        }
    );
    t.ev(Event::VerificationNumber(number_b()));
    t.ev(Event::PhotoRead(
        v,
        Err(CardTrouble::VerificationNumberLocked),
    ));
    assert_eq!(
        t.stage(),
        Stage::FaceUnavailable {
            trouble: FaceTrouble::NumberLocked,
            pin: true,
            visual: false
        }
    );
    t.ev(Event::Choose(Method::Pin));
    assert!(matches!(t.stage(), Stage::Pin { .. }));
}

/// A clinic desk with a card-front source.
fn front_desk() -> T {
    let mut s = Settings::new(InstitutionKind::Medical);
    s.card_front = true;
    T::new(s)
}

/// Face chosen on a desk with a card-front source: the worker is asked to read.
fn face_reading(t: &mut T) -> VisitId {
    t.card(PinStatus::TriesLeft(3));
    let fx = t.ev(Event::Choose(Method::Face));
    let v = t.visit();
    assert!(matches!(fx[..], [Effect::ReadFront(w)] if w == v), "{fx:?}");
    assert_eq!(
        t.stage(),
        Stage::FaceNumber {
            wrong_tries_left: None,
            front: FrontReading::Reading { problem: None },
        }
    );
    v
}

#[test]
fn a_certain_reading_of_the_card_front_is_verified_once_without_the_clerk() {
    let mut t = front_desk();
    let v = face_reading(&mut t);
    let fx = t.ev(Event::FrontRead(
        v,
        FrontUpdate::Certain(number_b(), shown()),
    ));
    assert!(
        matches!(fx[..], [Effect::ReadPhoto(w, _)] if w == v),
        "{fx:?}"
    );
    assert_eq!(t.stage(), Stage::FacePhoto);
    assert!(
        t.flow
            .log()
            .iter()
            .any(|l| l.entry == LogEntry::FrontCertain)
    );
    // A second certain reading (or the clerk's late keying) sends no second VERIFY.
    assert!(
        t.ev(Event::FrontRead(
            v,
            FrontUpdate::Certain(number_b(), shown())
        ))
        .is_empty()
    );
    assert!(t.ev(Event::VerificationNumber(number_b())).is_empty());
    let fx = t.ev(Event::PhotoRead(v, Ok(photo())));
    assert!(matches!(fx[..], [Effect::StartFace(..)]), "{fx:?}");
    assert_eq!(t.stage(), Stage::FaceLive { guidance: None });
}

#[test]
fn frame_problems_become_the_patients_guidance_and_do_not_extend_the_time() {
    let mut t = front_desk();
    let v = face_reading(&mut t);
    let deadline = t.flow.deadline();
    for p in [
        FrameProblem::NoCard,
        FrameProblem::Blurred,
        FrameProblem::TooDark,
        FrameProblem::Glare,
        FrameProblem::Unreadable(Field::SecurityCode),
    ] {
        t.now += Duration::from_secs(1);
        assert!(
            t.ev(Event::FrontRead(v, FrontUpdate::Problem(Some(p))))
                .is_empty()
        );
        assert_eq!(
            t.stage(),
            Stage::FaceNumber {
                wrong_tries_left: None,
                front: FrontReading::Reading { problem: Some(p) },
            }
        );
        assert_eq!(t.flow.deadline(), deadline);
    }
    t.ev(Event::FrontRead(v, FrontUpdate::Problem(None)));
    assert_eq!(
        t.stage(),
        Stage::FaceNumber {
            wrong_tries_left: None,
            front: FrontReading::Reading { problem: None },
        }
    );
    // A reading for an earlier visit is dropped.
    let old = VisitId(v.0 - 1);
    assert!(
        t.ev(Event::FrontRead(
            old,
            FrontUpdate::Certain(number_b(), shown())
        ))
        .is_empty()
    );
    assert!(matches!(t.stage(), Stage::FaceNumber { .. }));
}

#[test]
fn a_refused_reading_stops_automatic_reading_for_the_card_and_the_clerk_keys_it() {
    let mut t = front_desk();
    let v = face_reading(&mut t);
    t.ev(Event::FrontRead(
        v,
        FrontUpdate::Certain(number_b(), shown()),
    ));
    let fx = t.ev(Event::PhotoRead(
        v,
        Err(CardTrouble::WrongVerificationNumber { tries_left: 9 }),
    ));
    assert!(fx.is_empty(), "{fx:?}");
    let refused = Stage::FaceNumber {
        wrong_tries_left: Some(9),
        front: FrontReading::Refused,
    };
    assert_eq!(t.stage(), refused);
    assert!(
        t.flow
            .log()
            .iter()
            .any(|l| l.entry == LogEntry::FrontRefused { tries_left: 9 })
    );
    // No second automatic VERIFY, even if a reading still arrives.
    assert!(
        t.ev(Event::FrontRead(
            v,
            FrontUpdate::Certain(number_b(), shown())
        ))
        .is_empty()
    );
    assert_eq!(t.stage(), refused);
    // The clerk keys it: one VERIFY, no card-front worker to stop.
    let fx = t.ev(Event::VerificationNumber(number_b()));
    assert!(
        matches!(fx[..], [Effect::ReadPhoto(w, _)] if w == v),
        "{fx:?}"
    );
    // Wrong again: still the clerk's keying, tries left shown.
    t.ev(Event::PhotoRead(
        v,
        Err(CardTrouble::WrongVerificationNumber { tries_left: 8 }),
    ));
    assert_eq!(
        t.stage(),
        Stage::FaceNumber {
            wrong_tries_left: Some(8),
            front: FrontReading::Refused,
        }
    );
}

#[test]
fn the_clerk_sees_the_refused_reading_masked_until_the_visit_ends() {
    let mut t = front_desk();
    let v = face_reading(&mut t);
    assert!(t.flow.refused_reading().is_none());
    let certain = Event::FrontRead(v, FrontUpdate::Certain(number_b(), shown()));
    let certain_debug = format!("{certain:?}");
    t.ev(certain);
    // Waiting for the card's answer: nothing to show yet.
    assert!(t.flow.refused_reading().is_none());
    t.ev(Event::PhotoRead(
        v,
        Err(CardTrouble::WrongVerificationNumber { tries_left: 9 }),
    ));
    let view = t
        .flow
        .refused_reading()
        .expect("the refused reading is shown");
    assert_eq!(view.calendar(), Calendar::Era(Era::Showa));
    assert_eq!(view.birth(), (55, 2, 17));
    assert_eq!(view.expiry_year(), 2035);
    // No Debug shows a digit of the number: not the event, the stage, the view or the log.
    let debug = format!(
        "{certain_debug} {:?} {view:?} {:?}",
        t.stage(),
        t.flow.log().iter().map(|l| &l.entry).collect::<Vec<_>>()
    );
    for part in ["1234", "2035", "55", "0217", "17"] {
        assert!(!debug.contains(part), "{part} in {debug}");
    }
    // Still there while the clerk's keyed numbers are refused.
    t.ev(Event::VerificationNumber(number_b()));
    assert!(t.flow.refused_reading().is_none(), "the card is checking");
    t.ev(Event::PhotoRead(
        v,
        Err(CardTrouble::WrongVerificationNumber { tries_left: 8 }),
    ));
    assert_eq!(t.flow.refused_reading(), Some(&shown()));
    // Gone when the visit ends, and the next visit starts without it.
    t.ev(Event::CardRemoved);
    assert!(t.flow.refused_reading().is_none());
    let w = face_reading(&mut t);
    assert_ne!(v, w);
    assert!(t.flow.refused_reading().is_none());
    t.ev(Event::VerificationNumber(number_b()));
    t.ev(Event::PhotoRead(
        w,
        Err(CardTrouble::WrongVerificationNumber { tries_left: 7 }),
    ));
    assert!(
        t.flow.refused_reading().is_none(),
        "a keyed number shows no reading"
    );
}

#[test]
fn the_clerks_keying_stops_the_card_front_reading() {
    let mut t = front_desk();
    let v = face_reading(&mut t);
    t.ev(Event::FrontRead(
        v,
        FrontUpdate::Problem(Some(FrameProblem::Glare)),
    ));
    let fx = t.ev(Event::VerificationNumber(number_b()));
    assert!(
        matches!(fx[..], [Effect::StopFront(a), Effect::ReadPhoto(b, _)] if a == v && b == v),
        "{fx:?}"
    );
    // A keyed number the card refuses is keyed again (no automatic reading restarts).
    t.ev(Event::PhotoRead(
        v,
        Err(CardTrouble::WrongVerificationNumber { tries_left: 9 }),
    ));
    assert_eq!(
        t.stage(),
        Stage::FaceNumber {
            wrong_tries_left: Some(9),
            front: FrontReading::Off,
        }
    );
}

#[test]
fn a_card_front_reader_that_cannot_run_leaves_the_keying_to_the_clerk() {
    let mut t = front_desk();
    let v = face_reading(&mut t);
    assert!(
        t.ev(Event::FrontRead(v, FrontUpdate::Unavailable))
            .is_empty()
    );
    assert_eq!(
        t.stage(),
        Stage::FaceNumber {
            wrong_tries_left: None,
            front: FrontReading::Unavailable,
        }
    );
    assert!(
        t.flow
            .log()
            .iter()
            .any(|l| l.entry == LogEntry::FrontUnavailable)
    );
    let fx = t.ev(Event::VerificationNumber(number_b()));
    assert!(matches!(fx[..], [Effect::ReadPhoto(..)]), "{fx:?}");
}

#[test]
fn a_patient_leaving_while_the_front_is_read_ends_the_visit_for_every_worker() {
    let mut t = front_desk();
    let v = face_reading(&mut t);
    let fx = t.ev(Event::PatientCancel);
    assert!(matches!(fx[..], [Effect::EndVisit(w)] if w == v), "{fx:?}");
    // The worker's late answer finds no visit.
    assert!(
        t.ev(Event::FrontRead(
            v,
            FrontUpdate::Certain(number_b(), shown())
        ))
        .is_empty()
    );
}

#[test]
fn a_camera_that_fails_offers_the_other_ways() {
    let mut t = T::clinic();
    t.card(PinStatus::TriesLeft(3));
    t.face_to_live();
    let v = t.visit();
    t.ev(Event::FaceFailed(v, FaceTrouble::Camera));
    assert_eq!(
        t.stage(),
        Stage::FaceUnavailable {
            trouble: FaceTrouble::Camera,
            pin: true,
            visual: false
        }
    );
}

#[test]
fn a_desk_without_camera_offers_no_face() {
    let mut s = Settings::new(InstitutionKind::Medical);
    s.face_available = false;
    let mut t = T::new(s);
    t.card(PinStatus::TriesLeft(3));
    assert_eq!(
        t.stage(),
        Stage::ChooseMethod {
            pin: true,
            face: false,
            visual: false
        }
    );
    assert!(t.ev(Event::Choose(Method::Face)).is_empty());
}

#[test]
fn refused_consents_are_not_requested() {
    let mut t = T::clinic();
    t.card(PinStatus::TriesLeft(3));
    t.pin_ok();
    t.answer_all(false);
    let c = query_consent(&t.sign(Method::Pin));
    assert_eq!(c.pharmacists, Some(ConsentFlag::No));
    assert_eq!(c.checkups, Some(ConsentFlag::No));
    assert_eq!(c.limit, Some(LimitConsent::NotAgreed));
}

#[test]
fn a_pharmacy_does_not_ask_for_checkups_by_default() {
    let mut t = T::new(Settings::new(InstitutionKind::Pharmacy));
    t.card(PinStatus::TriesLeft(3));
    t.pin_ok();
    assert_eq!(
        t.answer_all(true),
        [Question::DrugAndDiagnosis, Question::Limit]
    );
    let c = query_consent(&t.sign(Method::Pin));
    assert_eq!(c.checkups, None);
    assert_eq!(c.pharmacists, Some(ConsentFlag::Yes));
}

#[test]
fn every_offered_question_is_asked_in_order_and_drug_covers_diagnosis() {
    let mut s = Settings::new(InstitutionKind::Medical);
    s.offer = ConsentOffer {
        drug: true,
        diagnosis: true,
        checkup: true,
        surgery: true,
        limit: true,
    };
    let mut t = T::new(s);
    t.card(PinStatus::TriesLeft(3));
    t.pin_ok();
    // 薬剤・診療: yes; 特定健診: no (answered one by one below); 手術 yes; 限度額 yes.
    assert_eq!(
        t.stage(),
        Stage::Consent {
            question: Question::DrugAndDiagnosis
        }
    );
    // An answer to a question not on screen is ignored.
    t.ev(Event::Answer(Question::Surgery, true));
    t.ev(Event::Answer(Question::DrugAndDiagnosis, true));
    t.ev(Event::Answer(Question::Checkup, false));
    t.ev(Event::Answer(Question::Surgery, true));
    t.ev(Event::Answer(Question::Limit, true));
    let c = query_consent(&t.sign(Method::Pin));
    assert_eq!(c.pharmacists, Some(ConsentFlag::Yes));
    assert_eq!(c.diagnosis, Some(ConsentFlag::Yes));
    assert_eq!(c.checkups, Some(ConsentFlag::No));
    assert_eq!(c.operation, Some(ConsentFlag::Yes));
}

/// The effect of a signature for a registration: with the numbers, or agreement only (`None`).
fn registration(fx: &[Effect]) -> Option<&SearchInfo> {
    match fx {
        [Effect::Register { search, .. }] => search.as_deref(),
        other => panic!("expected a registration, got {other:?}"),
    }
}

fn cannot_find_the_person() -> CentreTrouble {
    CentreTrouble::Rejected {
        code: REGISTRATION_NOT_FOUND_CODE.into(),
        message: "not in the insurers' records".into(),
    }
}

#[test]
fn agreeing_to_registration_registers_without_numbers_and_reaches_the_result() {
    let mut t = T::clinic();
    t.card(PinStatus::TriesLeft(3));
    t.pin_ok();
    t.answer_all(true);
    t.sign(Method::Pin);
    let v = t.visit();
    assert!(t.ev(Event::Checked(v, Ok(not_registered()))).is_empty());
    assert_eq!(t.stage(), Stage::RegisterOffer);
    // The patient's 「登録する」 is the whole registration: no numbers form, a fresh signature.
    let fx = t.ev(Event::Register(true));
    assert!(matches!(fx[..], [Effect::FetchNonce(_)]), "{fx:?}");
    assert_eq!(t.stage(), Stage::Confirming);
    let fx = t.sign(Method::Pin);
    assert!(registration(&fx).is_none(), "agreement only: {fx:?}");
    let fx = t.ev(Event::Registered(v, Ok(())));
    assert!(matches!(fx[..], [Effect::FetchNonce(_)]));
    let c = query_consent(&t.sign(Method::Pin));
    assert_eq!(c.pharmacists, Some(ConsentFlag::Yes));
    let fx = t.ev(Event::Checked(v, Ok(valid())));
    assert!(ends_visit(&fx));
    assert_eq!(t.stage(), Stage::TakeCard { trouble: None });
    let r = t.flow.last_result().unwrap();
    assert!(matches!(&r.outcome, Ok(e) if e.verdict == eligibility::Verdict::Valid));
    assert!(t.flow.log().iter().any(|l| l.entry == LogEntry::Registered));
    assert!(
        !t.flow
            .log()
            .iter()
            .any(|l| l.entry == LogEntry::RegistrationNeedsNumbers)
    );
}

#[test]
fn when_the_centre_cannot_find_the_person_the_clerk_keys_the_numbers() {
    let mut t = T::clinic();
    t.card(PinStatus::TriesLeft(3));
    t.pin_ok();
    t.answer_all(true);
    t.sign(Method::Pin);
    let v = t.visit();
    t.ev(Event::Checked(v, Ok(not_registered())));
    t.ev(Event::Register(true));
    t.sign(Method::Pin);
    assert!(
        t.ev(Event::Registered(v, Err(cannot_find_the_person())))
            .is_empty()
    );
    // The visit goes on: the numbers form, and the clerk is told why.
    assert_eq!(t.stage(), Stage::RegisterDetails);
    assert_eq!(
        t.flow.log().last().map(|l| &l.entry),
        Some(&LogEntry::RegistrationNeedsNumbers)
    );
    let fx = t.ev(Event::RegistrationDetails(search()));
    assert!(matches!(fx[..], [Effect::FetchNonce(_)]));
    let fx = t.sign(Method::Pin);
    assert_eq!(
        registration(&fx).map(|s| s.insured_identification_number.to_string()),
        Some("1205".to_string())
    );
    let fx = t.ev(Event::Registered(v, Ok(())));
    assert!(matches!(fx[..], [Effect::FetchNonce(_)]));
    // The query goes again with the consents already given: no second round of questions.
    let c = query_consent(&t.sign(Method::Pin));
    assert_eq!(c.pharmacists, Some(ConsentFlag::Yes));
    // Registration is offered once: a second "not registered" is shown as the centre's error.
    t.ev(Event::Checked(v, Ok(not_registered())));
    assert_eq!(t.stage(), Stage::TakeCard { trouble: None });
    assert!(matches!(
        &t.flow.last_result().unwrap().outcome,
        Ok(e) if matches!(e.verdict, eligibility::Verdict::Error { .. })
    ));
}

#[test]
fn declining_registration_ends_the_visit_saying_so() {
    let mut t = T::clinic();
    t.card(PinStatus::TriesLeft(3));
    t.pin_ok();
    t.answer_all(true);
    t.sign(Method::Pin);
    let v = t.visit();
    t.ev(Event::Checked(v, Ok(not_registered())));
    let fx = t.ev(Event::Register(false));
    assert!(ends_visit(&fx));
    assert_eq!(
        t.stage(),
        Stage::TakeCard {
            trouble: Some(Trouble::NotRegistered)
        }
    );
}

#[test]
fn a_refused_registration_is_an_error_for_the_clerk() {
    let mut t = T::clinic();
    t.card(PinStatus::TriesLeft(3));
    t.pin_ok();
    t.answer_all(true);
    t.sign(Method::Pin);
    let v = t.visit();
    t.ev(Event::Checked(v, Ok(not_registered())));
    t.ev(Event::Register(true));
    t.sign(Method::Pin);
    t.ev(Event::Registered(v, Err(cannot_find_the_person())));
    t.ev(Event::RegistrationDetails(search()));
    t.sign(Method::Pin);
    // A "not found" answer to the numbers is not sent back to the form: the clerk sees it.
    let refused = cannot_find_the_person();
    t.ev(Event::Registered(v, Err(refused.clone())));
    assert_eq!(
        t.stage(),
        Stage::TakeCard {
            trouble: Some(Trouble::Centre(refused))
        }
    );
}

#[test]
fn a_centre_failure_ends_the_visit_with_the_reason_for_the_clerk() {
    let mut t = T::clinic();
    t.card(PinStatus::TriesLeft(3));
    t.pin_ok();
    t.answer_all(true);
    let v = t.visit();
    let fx = t.ev(Event::Nonce(v, Err(CentreTrouble::Unreachable)));
    assert!(ends_visit(&fx));
    let want = Trouble::Centre(CentreTrouble::Unreachable);
    assert_eq!(
        t.stage(),
        Stage::TakeCard {
            trouble: Some(want.clone())
        }
    );
    assert!(matches!(&t.flow.last_result().unwrap().outcome, Err(e) if *e == want));
}

#[test]
fn a_card_the_worker_cannot_use_ends_the_visit_with_its_reason() {
    for trouble in [
        CardTrouble::CertificateExpired,
        CardTrouble::NotMyNumberCard,
        CardTrouble::UnsupportedToken,
    ] {
        let mut t = T::clinic();
        t.ev(Event::CardInserted);
        let v = t.visit();
        let fx = t.ev(Event::CardRead(v, Err(trouble.clone())));
        assert!(ends_visit(&fx));
        assert_eq!(
            t.stage(),
            Stage::TakeCard {
                trouble: Some(Trouble::Card(trouble))
            }
        );
    }
}

/// Drives a fresh flow to each stage a visit can be in, by the events that lead there.
fn every_visit_stage() -> Vec<(&'static str, T)> {
    let mut all = Vec::new();
    let mut t = T::clinic();
    t.ev(Event::CardInserted);
    all.push(("reading", t));

    let mut t = T::clinic();
    t.card(PinStatus::TriesLeft(3));
    all.push(("choose", t));

    let mut t = T::clinic();
    t.card(PinStatus::TriesLeft(3));
    t.ev(Event::Choose(Method::Pin));
    all.push(("pin", t));

    let mut t = T::clinic();
    t.card(PinStatus::TriesLeft(1));
    t.ev(Event::Choose(Method::Pin));
    all.push(("pin last try", t));

    let mut t = T::clinic();
    t.card(PinStatus::TriesLeft(3));
    t.ev(Event::Choose(Method::Pin));
    t.ev(Event::PinEntered(pin()));
    all.push(("pin checking", t));

    let mut t = T::clinic();
    t.card(PinStatus::TriesLeft(1));
    t.ev(Event::Choose(Method::Pin));
    t.ev(Event::LastTryConfirmed);
    t.ev(Event::PinEntered(pin()));
    let v = t.visit();
    t.ev(Event::PinChecked(v, PinAnswer::Wrong { tries_left: 0 }));
    all.push(("pin locked", t));

    let mut t = T::clinic();
    t.card(PinStatus::Locked);
    t.ev(Event::Choose(Method::Face));
    all.push(("face number", t));

    let mut t = T::clinic();
    t.card(PinStatus::Locked);
    t.ev(Event::Choose(Method::Face));
    t.ev(Event::VerificationNumber(number_b()));
    all.push(("face photo", t));

    let mut t = T::clinic();
    t.card(PinStatus::Locked);
    t.face_to_live();
    all.push(("face live", t));

    let mut t = T::clinic();
    t.card(PinStatus::Locked);
    t.face_to_live();
    t.face_result(Outcome::NoMatch, 2);
    all.push(("face failed", t));

    let mut t = T::clinic();
    t.card(PinStatus::Locked);
    t.face_to_live();
    let v = t.visit();
    t.ev(Event::FaceFailed(v, FaceTrouble::Models));
    all.push(("face unavailable", t));

    let mut t = T::clinic();
    t.ev(Event::VisualMode(true));
    t.card(PinStatus::Locked);
    t.ev(Event::Choose(Method::Visual));
    all.push(("visual", t));

    let mut t = T::clinic();
    t.card(PinStatus::TriesLeft(3));
    t.pin_ok();
    all.push(("consent", t));

    let mut t = T::clinic();
    t.card(PinStatus::TriesLeft(3));
    t.pin_ok();
    t.answer_all(true);
    all.push(("confirming", t));

    let mut t = T::clinic();
    t.card(PinStatus::TriesLeft(3));
    t.pin_ok();
    t.answer_all(true);
    t.sign(Method::Pin);
    all.push(("querying", t));

    let mut t = T::new(prescribing(InstitutionKind::Medical));
    t.card(PinStatus::TriesLeft(3));
    t.pin_ok();
    answer_until_prescription(&mut t);
    all.push(("prescription", t));

    let mut t = T::new(generic());
    t.card(PinStatus::TriesLeft(3));
    t.pin_ok();
    all.push(("paper consent", t));

    let mut t = T::clinic();
    t.card(PinStatus::TriesLeft(3));
    t.pin_ok();
    t.answer_all(true);
    t.sign(Method::Pin);
    let v = t.visit();
    t.ev(Event::Checked(v, Ok(not_registered())));
    all.push(("register offer", t));

    let mut t = T::clinic();
    t.card(PinStatus::TriesLeft(3));
    t.pin_ok();
    t.answer_all(true);
    t.sign(Method::Pin);
    let v = t.visit();
    t.ev(Event::Checked(v, Ok(not_registered())));
    t.ev(Event::Register(true));
    t.sign(Method::Pin);
    t.ev(Event::Registered(v, Err(cannot_find_the_person())));
    all.push(("register details", t));
    all
}

#[test]
fn every_stage_has_been_reached() {
    let names: Vec<_> = every_visit_stage()
        .into_iter()
        .map(|(name, t)| (name, std::mem::discriminant(t.flow.stage())))
        .collect();
    let distinct: std::collections::HashSet<_> = names.iter().map(|(_, d)| *d).collect();
    assert_eq!(
        distinct.len(),
        names.len(),
        "one stage per entry: {names:?}"
    );
}

#[test]
fn pulling_the_card_in_any_stage_ends_the_visit_with_a_notice_that_fades() {
    for (name, mut t) in every_visit_stage() {
        let fx = t.ev(Event::CardRemoved);
        assert!(ends_visit(&fx), "{name}: the workers are released");
        assert_eq!(
            t.stage(),
            Stage::Waiting {
                notice: Some(Trouble::CardPulled)
            },
            "{name}"
        );
        assert!(
            matches!(
                &t.flow.last_result().unwrap().outcome,
                Err(Trouble::CardPulled)
            ),
            "{name}: the clerk sees why"
        );
        assert_eq!(t.flow.visit_id(), None, "{name}");
        t.later(Duration::from_secs(11));
        assert_eq!(t.stage(), Stage::Waiting { notice: None }, "{name}");
    }
}

#[test]
fn every_stage_times_out_to_take_the_card_and_not_before() {
    for (name, mut t) in every_visit_stage() {
        let before = t.stage();
        let deadline = t
            .flow
            .deadline()
            .unwrap_or_else(|| panic!("{name}: no time-out"));
        let almost = deadline - t.now - Duration::from_millis(1);
        assert!(t.later(almost).is_empty(), "{name}");
        assert_eq!(t.stage(), before, "{name}: nothing happens early");
        let fx = t.later(Duration::from_millis(1));
        assert!(ends_visit(&fx), "{name}");
        assert_eq!(
            t.stage(),
            Stage::TakeCard {
                trouble: Some(Trouble::TimedOut)
            },
            "{name}"
        );
        t.ev(Event::CardRemoved);
        assert_eq!(t.stage(), Stage::Waiting { notice: None }, "{name}");
    }
}

#[test]
fn the_clerk_can_end_the_visit_in_any_stage_and_the_patient_on_their_screens() {
    for (name, mut t) in every_visit_stage() {
        let fx = t.ev(Event::ClerkCancel);
        assert!(ends_visit(&fx), "{name}");
        assert_eq!(
            t.stage(),
            Stage::TakeCard {
                trouble: Some(Trouble::CancelledByClerk)
            },
            "{name}"
        );
    }
    for (name, mut t) in every_visit_stage() {
        let fx = t.ev(Event::PatientCancel);
        if name == "reading" {
            assert!(fx.is_empty(), "nothing to cancel while the card is read");
            continue;
        }
        assert!(ends_visit(&fx), "{name}");
        assert_eq!(
            t.stage(),
            Stage::TakeCard {
                trouble: Some(Trouble::CancelledByPatient)
            },
            "{name}"
        );
    }
}

#[test]
fn losing_the_reader_mid_visit_ends_it_and_says_so() {
    for (name, mut t) in every_visit_stage() {
        let fx = t.ev(Event::Reader(ReaderStatus::ServiceDown));
        assert!(ends_visit(&fx), "{name}");
        assert_eq!(
            t.stage(),
            Stage::Waiting {
                notice: Some(Trouble::Card(CardTrouble::ReaderGone))
            },
            "{name}"
        );
        assert_eq!(t.flow.reader(), &ReaderStatus::ServiceDown);
    }
}

#[test]
fn an_answer_for_a_visit_that_ended_is_dropped() {
    let mut t = T::clinic();
    t.card(PinStatus::TriesLeft(3));
    t.ev(Event::Choose(Method::Pin));
    t.ev(Event::PinEntered(pin()));
    let old = t.visit();
    t.ev(Event::CardRemoved);
    t.card(PinStatus::TriesLeft(3));
    t.ev(Event::Choose(Method::Pin));
    t.ev(Event::PinEntered(pin()));
    // The first card's late answer must not unlock the second patient.
    assert!(t.ev(Event::PinChecked(old, PinAnswer::Verified)).is_empty());
    assert_eq!(t.stage(), Stage::PinChecking);
    assert!(
        t.flow
            .log()
            .iter()
            .any(|l| l.entry == LogEntry::StaleAnswerDropped)
    );
    // Likewise a late photo is dropped (and wiped) rather than started.
    assert!(t.ev(Event::PhotoRead(old, Ok(photo()))).is_empty());
}

#[test]
fn a_second_card_seen_without_a_removal_starts_a_new_visit() {
    let mut t = T::clinic();
    t.card(PinStatus::TriesLeft(3));
    let first = t.visit();
    let fx = t.ev(Event::CardInserted);
    assert!(
        matches!(fx[..], [Effect::EndVisit(v), Effect::ReadCard(w)] if v == first && w != first)
    );
    assert_eq!(t.stage(), Stage::Reading);
}

#[test]
fn the_patients_language_lasts_one_visit() {
    let mut t = T::clinic();
    t.ev(Event::Language(Lang::En));
    t.card(PinStatus::TriesLeft(3));
    assert_eq!(t.flow.lang(), Lang::En);
    t.pin_ok();
    t.ev(Event::ClerkCancel);
    assert_eq!(t.flow.lang(), Lang::En, "still the patient at the counter");
    t.ev(Event::CardRemoved);
    assert_eq!(
        t.flow.lang(),
        Lang::Ja,
        "the next patient starts in Japanese"
    );
}

#[test]
fn a_language_chosen_by_someone_who_walks_away_returns_to_the_default() {
    let mut t = T::clinic();
    t.ev(Event::Language(Lang::En));
    assert_eq!(t.flow.lang(), Lang::En);
    t.later(Duration::from_secs(59));
    assert_eq!(t.flow.lang(), Lang::En, "still within the patient's time");
    t.later(Duration::from_secs(2));
    assert_eq!(
        t.flow.lang(),
        Lang::Ja,
        "no card came: back for the next patient"
    );
    assert_eq!(t.stage(), Stage::Waiting { notice: None });
    assert_eq!(t.flow.deadline(), None, "idle again: no timer left");
}

#[test]
fn a_card_that_says_its_pin_is_verified_before_any_entry_gets_no_pin_mode() {
    // Verified by other software, not by this patient: never counted as the patient's PIN.
    let mut t = T::clinic();
    t.card(PinStatus::Verified);
    assert!(
        matches!(t.stage(), Stage::ChooseMethod { pin: false, .. }),
        "{:?}",
        t.stage()
    );
    let fx = t.ev(Event::Choose(Method::Pin));
    assert!(fx.is_empty(), "{fx:?}");
    assert!(
        matches!(t.stage(), Stage::ChooseMethod { .. }),
        "no consent without a PIN: {:?}",
        t.stage()
    );
    assert!(t.flow.last_result().is_none());
}

#[test]
fn a_card_face_that_fails_its_issuer_check_offers_the_pin_and_visual_check() {
    let mut t = T::clinic();
    t.card(PinStatus::TriesLeft(3));
    t.ev(Event::Choose(Method::Face));
    t.ev(Event::VerificationNumber(number_b()));
    let v = t.visit();
    let fx = t.ev(Event::PhotoRead(v, Err(CardTrouble::CardFaceInvalid)));
    assert!(
        !fx.iter().any(|e| matches!(e, Effect::StartFace(..))),
        "{fx:?}"
    );
    assert!(
        matches!(
            t.stage(),
            Stage::FaceUnavailable {
                trouble: FaceTrouble::CardFaceInvalid,
                pin: true,
                ..
            }
        ),
        "{:?}",
        t.stage()
    );
    t.ev(Event::Choose(Method::Pin));
    assert!(matches!(t.stage(), Stage::Pin { .. }));
}

#[test]
fn a_certificate_near_expiry_is_reported_with_the_result() {
    let mut t = T::clinic();
    t.ev(Event::CardInserted);
    let v = t.visit();
    t.ev(Event::CardRead(
        v,
        Ok(CardSummary {
            pin: PinStatus::TriesLeft(3),
            certificate_expires_soon: true,
        }),
    ));
    t.pin_ok();
    t.answer_all(true);
    t.sign(Method::Pin);
    t.ev(Event::Checked(v, Ok(valid())));
    assert!(t.flow.last_result().unwrap().certificate_expires_soon);
}

/// A PIN visit to its result, the card still on the reader.
fn visit_done(t: &mut T) {
    t.card(PinStatus::TriesLeft(3));
    t.pin_ok();
    t.answer_all(true);
    t.sign(Method::Pin);
    let v = t.visit();
    t.ev(Event::Checked(v, Ok(valid())));
    assert_eq!(t.stage(), Stage::TakeCard { trouble: None });
}

fn alerts(fx: &[Effect]) -> bool {
    fx.iter().any(|e| matches!(e, Effect::Chime))
        && fx.iter().any(|e| matches!(e, Effect::CountCardLeft))
}

fn left_behind_lines(t: &T) -> usize {
    t.flow
        .log()
        .iter()
        .filter(|l| l.entry == LogEntry::CardLeftBehind)
        .count()
}

#[test]
fn a_card_left_on_the_reader_after_the_set_time_raises_the_alert_once() {
    let mut settings = Settings::new(InstitutionKind::Medical);
    settings.timeouts.card_left = Duration::from_secs(20);
    let mut t = T::new(settings);
    visit_done(&mut t);
    assert!(!t.flow.card_left_behind());
    // Not a moment before the set time.
    assert!(t.later(Duration::from_millis(19_999)).is_empty());
    assert!(!t.flow.card_left_behind());
    let fx = t.later(Duration::from_millis(1));
    assert!(alerts(&fx), "a chime and a count: {fx:?}");
    assert!(t.flow.card_left_behind());
    // The patient is still asked to take the card; the alert comes on top.
    assert_eq!(t.stage(), Stage::TakeCard { trouble: None });
    assert_eq!(left_behind_lines(&t), 1);
    // However long it stays: one chime, one count.
    for _ in 0..5 {
        assert!(t.later(Duration::from_secs(60)).is_empty());
        assert!(t.flow.card_left_behind());
    }
    assert_eq!(left_behind_lines(&t), 1);
    // Taken: the alert is gone with the card.
    assert!(t.ev(Event::CardRemoved).is_empty());
    assert!(!t.flow.card_left_behind());
    assert_eq!(t.stage(), Stage::Waiting { notice: None });
}

#[test]
fn a_card_taken_in_time_raises_no_alert() {
    let mut t = T::clinic();
    visit_done(&mut t);
    t.later(Duration::from_secs(5));
    t.ev(Event::CardRemoved);
    let fx = t.later(Duration::from_secs(60));
    assert!(!alerts(&fx), "{fx:?}");
    assert!(!t.flow.card_left_behind());
    assert_eq!(left_behind_lines(&t), 0);
}

#[test]
fn a_visit_that_ended_early_also_counts_its_card_left_behind() {
    let mut t = T::clinic();
    t.card(PinStatus::TriesLeft(3));
    t.ev(Event::PatientCancel);
    assert_eq!(
        t.stage(),
        Stage::TakeCard {
            trouble: Some(Trouble::CancelledByPatient)
        }
    );
    let fx = t.later(Timeouts::default().card_left);
    assert!(alerts(&fx), "{fx:?}");
    assert!(t.flow.card_left_behind());
}

#[test]
fn the_next_card_starts_without_the_alert_and_can_be_counted_again() {
    let mut t = T::clinic();
    visit_done(&mut t);
    assert!(alerts(&t.later(Duration::from_secs(20))));
    t.ev(Event::CardRemoved);
    // The next patient's card: no alert while their visit runs, however long it takes.
    t.card(PinStatus::TriesLeft(3));
    assert!(!t.flow.card_left_behind());
    t.pin_ok();
    t.answer_all(true);
    t.sign(Method::Pin);
    let v = t.visit();
    t.ev(Event::Checked(v, Ok(valid())));
    assert!(!t.flow.card_left_behind());
    assert!(alerts(&t.later(Duration::from_secs(20))));
    assert!(t.flow.card_left_behind());
}

// --- issue 16: the current flow, 処方箋発行形態, the face lock, the generic reader ---

fn current() -> Settings {
    Settings {
        flow: FlowKind::Current,
        ..Settings::new(InstitutionKind::Medical)
    }
}
fn prescribing(kind: InstitutionKind) -> Settings {
    Settings {
        prescriptions: true,
        ..Settings::new(kind)
    }
}
fn generic() -> Settings {
    Settings {
        reader: ReaderKind::Generic,
        face_available: false,
        ..Settings::new(InstitutionKind::Medical)
    }
}
/// Answers every consent question with yes until the prescription choice shows.
fn answer_until_prescription(t: &mut T) {
    while let Stage::Consent { question } = t.stage() {
        assert!(t.ev(Event::Answer(question, true)).is_empty());
    }
    assert_eq!(t.stage(), Stage::Prescription);
}

#[test]
fn the_current_flow_asks_one_comprehensive_consent_then_checkups_and_no_limit_screen() {
    for yes in [true, false] {
        let mut t = T::new(current());
        t.card(PinStatus::TriesLeft(3));
        t.pin_ok();
        let asked = t.answer_all(yes);
        assert_eq!(asked, [Question::Comprehensive, Question::Checkup]);
        let c = query_consent(&t.sign(Method::Pin));
        let flag = Some(if yes {
            ConsentFlag::Yes
        } else {
            ConsentFlag::No
        });
        // One answer for 薬剤, 診療 and 手術 together.
        assert_eq!(c.pharmacists, flag);
        assert_eq!(c.diagnosis, flag);
        assert_eq!(c.operation, flag);
        assert_eq!(c.checkups, flag);
        // Nobody was asked about 限度額: the flag the centre gets is the documented one.
        let documented = if LIMIT_WITHOUT_SCREEN {
            LimitConsent::Agreed
        } else {
            LimitConsent::NotAgreed
        };
        assert_eq!(c.limit, Some(documented));
        assert!(
            t.flow
                .log()
                .iter()
                .any(|l| l.entry == LogEntry::LimitWithoutScreen)
        );
    }
}

#[test]
fn both_flows_end_in_the_same_query_signed_the_same_way() {
    for settings in [Settings::new(InstitutionKind::Medical), current()] {
        let mut t = T::new(settings);
        t.card(PinStatus::TriesLeft(3));
        t.pin_ok();
        t.answer_all(true);
        let fx = t.sign(Method::Pin);
        assert!(
            matches!(&fx[..], [Effect::Query { proof, .. }] if proof.method == AuthMethod::Pin),
            "{fx:?}"
        );
        let v = t.visit();
        t.ev(Event::Checked(v, Ok(valid())));
        assert_eq!(t.stage(), Stage::TakeCard { trouble: None });
    }
}

#[test]
fn the_current_flow_at_a_pharmacy_asks_only_the_comprehensive_consent() {
    let mut t = T::new(Settings {
        flow: FlowKind::Current,
        ..Settings::new(InstitutionKind::Pharmacy)
    });
    t.card(PinStatus::TriesLeft(3));
    t.pin_ok();
    assert_eq!(t.answer_all(true), [Question::Comprehensive]);
}

#[test]
fn a_clinic_issuing_prescriptions_asks_electronic_or_paper_and_sends_the_choice() {
    for (kind, form, wire) in [
        (
            InstitutionKind::Medical,
            PrescriptionForm::Electronic,
            PrescriptionIssue::Electronic,
        ),
        (
            InstitutionKind::Dental,
            PrescriptionForm::Paper,
            PrescriptionIssue::Paper,
        ),
    ] {
        let mut t = T::new(prescribing(kind));
        t.card(PinStatus::TriesLeft(3));
        t.pin_ok();
        answer_until_prescription(&mut t);
        let fx = t.ev(Event::Prescription(form));
        assert!(matches!(fx[..], [Effect::FetchNonce(_)]), "{fx:?}");
        let c = query_consent(&t.sign(Method::Pin));
        assert_eq!(c.prescription_issue, Some(wire));
        let v = t.visit();
        t.ev(Event::Checked(v, Ok(valid())));
        let r = t.flow.last_result().unwrap();
        assert_eq!(
            r.consents.prescription,
            Some(form),
            "the clerk sees the choice"
        );
    }
}

#[test]
fn a_pharmacy_or_a_clinic_without_the_setting_never_asks_about_prescriptions() {
    for settings in [
        prescribing(InstitutionKind::Pharmacy),
        Settings::new(InstitutionKind::Medical),
    ] {
        let mut t = T::new(settings);
        t.card(PinStatus::TriesLeft(3));
        t.pin_ok();
        t.answer_all(true);
        assert_eq!(t.stage(), Stage::Confirming);
        assert_eq!(query_consent(&t.sign(Method::Pin)).prescription_issue, None);
    }
}

#[test]
fn ten_failed_face_matches_lock_the_face_path_and_offer_the_pin_or_visual() {
    let mut t = T::clinic();
    t.card(PinStatus::TriesLeft(3));
    t.face_to_live();
    for failed in 1..FACE_ATTEMPTS {
        // The worker's session counts the same way.
        t.face_result(Outcome::NoMatch, FACE_ATTEMPTS - failed);
        assert_eq!(t.flow.face_failures(), Some(failed));
        assert_eq!(
            t.stage(),
            Stage::FaceFailed {
                outcome: Outcome::NoMatch,
                attempts_left: FACE_ATTEMPTS - failed,
                pin: true,
                visual: false,
            }
        );
        let fx = t.ev(Event::RetryFace);
        assert!(matches!(fx[..], [Effect::RetryFace(_)]), "{fx:?}");
    }
    t.face_result(Outcome::NoMatch, 0);
    assert_eq!(t.flow.face_failures(), Some(FACE_ATTEMPTS));
    // The readers' way: no more face, the PIN or the clerk's 目視 (switch on or not).
    assert_eq!(
        t.stage(),
        Stage::FaceFailed {
            outcome: Outcome::NoMatch,
            attempts_left: 0,
            pin: true,
            visual: true,
        }
    );
    assert!(t.flow.log().iter().any(|l| l.entry == LogEntry::FaceLocked));
    assert!(t.ev(Event::RetryFace).is_empty());
    assert!(t.ev(Event::Choose(Method::Face)).is_empty());
    // The PIN, then locked by three wrong entries: face stays closed for this visit.
    t.ev(Event::Choose(Method::Pin));
    assert_eq!(
        t.stage(),
        Stage::Pin {
            tries_left: 3,
            wrong: false
        }
    );
    t.ev(Event::PinEntered(pin()));
    let v = t.visit();
    t.ev(Event::PinChecked(v, PinAnswer::Locked));
    assert_eq!(
        t.stage(),
        Stage::PinLocked {
            face: false,
            visual: true
        }
    );
    // The next visit starts afresh.
    t.ev(Event::CardRemoved);
    t.card(PinStatus::TriesLeft(3));
    assert_eq!(t.flow.face_failures(), Some(0));
    assert!(matches!(t.stage(), Stage::ChooseMethod { face: true, .. }));
}

#[test]
fn the_visit_counts_face_failures_across_the_workers_sessions() {
    let mut t = T::new(Settings {
        card_front: false,
        ..Settings::new(InstitutionKind::Medical)
    });
    t.ev(Event::VisualMode(true));
    t.card(PinStatus::Locked);
    t.face_to_live();
    // A worker that says many attempts are left cannot lift the visit's limit.
    for _ in 0..FACE_ATTEMPTS - 1 {
        t.face_result(Outcome::NoMatch, 50);
        t.ev(Event::RetryFace);
    }
    t.face_result(Outcome::NoMatch, 50);
    assert_eq!(
        t.stage(),
        Stage::FaceFailed {
            outcome: Outcome::NoMatch,
            attempts_left: 0,
            pin: false,
            visual: true,
        }
    );
}

#[test]
fn a_generic_reader_offers_the_pin_keypad_or_visual_and_no_face() {
    let mut t = T::new(generic());
    t.card(PinStatus::TriesLeft(3));
    assert_eq!(
        t.stage(),
        Stage::ChooseMethod {
            pin: true,
            face: false,
            visual: true
        }
    );
    assert!(t.ev(Event::Choose(Method::Face)).is_empty());
    t.ev(Event::Choose(Method::Pin));
    assert_eq!(
        t.stage(),
        Stage::Pin {
            tries_left: 3,
            wrong: false
        }
    );
    let fx = t.ev(Event::PinEntered(pin()));
    assert!(matches!(fx[..], [Effect::VerifyPin(..)]), "{fx:?}");
    assert!(
        t.ev(Event::PinEntered(pin())).is_empty(),
        "one VERIFY per entry"
    );
    let v = t.visit();
    t.ev(Event::PinChecked(v, PinAnswer::Wrong { tries_left: 2 }));
    assert_eq!(
        t.stage(),
        Stage::Pin {
            tries_left: 2,
            wrong: true
        },
        "the tries left show before the next entry, and nothing is retried"
    );
}

#[test]
fn a_generic_reader_takes_the_consents_from_the_signed_paper_form() {
    let mut t = T::new(Settings {
        prescriptions: true,
        ..generic()
    });
    t.card(PinStatus::Locked);
    t.ev(Event::Choose(Method::Visual));
    t.ev(Event::VisualConfirmed);
    let questions = vec![
        Question::DrugAndDiagnosis,
        Question::Checkup,
        Question::Limit,
    ];
    assert_eq!(
        t.stage(),
        Stage::PaperConsent {
            questions: questions.clone(),
            prescription: true
        }
    );
    // A form recorded without every answer changes nothing.
    let partial = PaperAnswers {
        answers: vec![(Question::DrugAndDiagnosis, true)],
        prescription: Some(PrescriptionForm::Paper),
    };
    assert!(t.ev(Event::PaperConsent(partial)).is_empty());
    let no_prescription = PaperAnswers {
        answers: questions.iter().map(|q| (*q, true)).collect(),
        prescription: None,
    };
    assert!(t.ev(Event::PaperConsent(no_prescription)).is_empty());
    assert!(matches!(t.stage(), Stage::PaperConsent { .. }));
    // Reading and signing a printed form takes longer than a screen's question: the clerk's
    // three minutes pass and the form is still awaited.
    t.later(Timeouts::default().clerk + Duration::from_secs(60));
    assert!(matches!(t.stage(), Stage::PaperConsent { .. }));
    let signed = PaperAnswers {
        answers: vec![
            (Question::DrugAndDiagnosis, true),
            (Question::Checkup, false),
            (Question::Limit, true),
        ],
        prescription: Some(PrescriptionForm::Paper),
    };
    let fx = t.ev(Event::PaperConsent(signed));
    assert!(matches!(fx[..], [Effect::FetchNonce(_)]), "{fx:?}");
    let c = query_consent(&t.sign(Method::Visual));
    assert_eq!(c.pharmacists, Some(ConsentFlag::Yes));
    assert_eq!(c.checkups, Some(ConsentFlag::No));
    assert_eq!(c.limit, Some(LimitConsent::Agreed));
    assert_eq!(c.prescription_issue, Some(PrescriptionIssue::Paper));
}

#[test]
fn a_paper_form_never_recorded_ends_the_visit_after_its_own_time() {
    let mut t = T::new(generic());
    t.card(PinStatus::TriesLeft(3));
    t.pin_ok();
    assert!(matches!(t.stage(), Stage::PaperConsent { .. }));
    t.later(Timeouts::default().paper - Duration::from_secs(1));
    assert!(matches!(t.stage(), Stage::PaperConsent { .. }));
    t.later(Duration::from_secs(1));
    assert_eq!(
        t.stage(),
        Stage::TakeCard {
            trouble: Some(Trouble::TimedOut)
        }
    );
}

#[test]
fn a_generic_reader_in_the_current_flow_puts_the_comprehensive_consent_on_paper() {
    let mut t = T::new(Settings {
        flow: FlowKind::Current,
        ..generic()
    });
    t.card(PinStatus::TriesLeft(3));
    t.pin_ok();
    assert_eq!(
        t.stage(),
        Stage::PaperConsent {
            questions: vec![Question::Comprehensive, Question::Checkup],
            prescription: false
        }
    );
}
