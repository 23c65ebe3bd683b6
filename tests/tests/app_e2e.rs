//! The app's desk end to end, headless: `onshi_desk::runtime::Desk` built from a config file, with
//! its real workers against the private pcscd and the virtual card, central-sim over TLS with
//! the client certificate, and (for the face path) a real face check on an image-sequence
//! camera. The test plays the patient and the clerk by sending the events the screens would
//! send, and asserts what the clerk console would show. Every wait is on the desk's own
//! worker messages, with a time-out.

// The app's tests' settings writer (one place for a simulated desk's config text).
#[path = "../../app/tests/common/mod.rs"]
mod common;

use eligibility::Verdict;
use eligibility::codes::ConsentFlag;
use onshi_desk::config::CardFrontSource;
use onshi_desk::config::Config;
use onshi_desk::flow::{
    Event, Flow, FrontReading, LogEntry, Method, Question, ReaderStatus, Stage, Trouble,
};
use onshi_desk::port::Backend;
use onshi_desk::runtime::Desk as AppDesk;
use onshi_tests::{Desk, face_personas, workspace_file};
use reader_driver::{AuthPin, VerificationNumberB};
use simulators::centre::{RunningCentre, Server};
use std::path::Path;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

/// Card reads, TLS and face matching in a debug build on a busy machine.
const STEP: Duration = Duration::from_secs(30);

fn centre(dir: &Path) -> RunningCentre {
    let mut cfg = simulators::centre::Config::new(dir);
    // A fixed day, as in card_query.rs, so the seed's dates keep their meaning.
    cfg.now = Some(time::macros::datetime!(2026-11-23 10:00 +09:00));
    Server::start(cfg).unwrap()
}

/// Writes a config for this desk into `dir` and loads it as `onshi --config` would.
fn config(dir: &Path, centre: &RunningCentre, reader: &str, camera: Option<&str>) -> Config {
    let mut cfg = config_with(dir, centre, reader, "");
    // The recorded feed stands in for a live camera. `[camera] source` accepts a recording
    // only in a simulators build (config.rs tests that); set it after loading so this test
    // does not turn the feature on for the whole workspace's build.
    cfg.camera = camera.map(str::to_string);
    cfg
}

/// The same with `more` settings after the reader's name: keys of `[reader]` itself, or whole
/// sections (`[reception]`, `[link]`, ...).
fn config_with(dir: &Path, centre: &RunningCentre, reader: &str, more: &str) -> Config {
    let extra = format!("[reader]\nname = {reader:?}\n{more}");
    let desk = common::Desk {
        extra: &extra,
        ..Default::default()
    };
    common::load_config(dir, centre, &desk)
}

/// Starts the desk; the receiver gets one message per wake-up of the screens (a worker or
/// the history writer has an answer).
fn start(cfg: &Config) -> (AppDesk, Receiver<()>) {
    // The desk's log (no personal data by design) shows with a failed test.
    let _ = tracing_subscriber::fmt()
        .with_test_writer()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .try_init();
    let (tx, wake) = mpsc::channel();
    let mut app = AppDesk::start(
        cfg,
        Arc::new(move || {
            let _ = tx.send(());
        }),
    )
    .unwrap();
    assert!(
        app.wait_for(|f| matches!(f.reader(), ReaderStatus::Ready { .. }), STEP),
        "the desk never saw the reader: {:?}",
        app.flow().reader()
    );
    (app, wake)
}

/// Waits, on the desk's wake-ups, until the history has stored `n` checks of this desk.
fn wait_stored(app: &mut AppDesk, wake: &Receiver<()>, n: u64) {
    let end = Instant::now() + STEP;
    loop {
        let stored = app.checks().expect("the desk's check service").generation();
        if stored >= n {
            return;
        }
        let left = end.saturating_duration_since(Instant::now());
        assert!(!left.is_zero(), "the history stored {stored} of {n} checks");
        let _ = wake.recv_timeout(left);
    }
}

/// The face files the link has renamed into `face` (its temporary `.` files left out), once
/// there is one or the step's time is up; the desk's wake-ups end each wait early.
fn face_files(face: &Path, wake: &Receiver<()>) -> Vec<String> {
    let end = Instant::now() + STEP;
    loop {
        let names: Vec<String> = std::fs::read_dir(face)
            .unwrap()
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().into_string().unwrap())
            .filter(|n| !n.starts_with('.'))
            .collect();
        if !names.is_empty() || Instant::now() > end {
            return names;
        }
        let _ = wake.recv_timeout(Duration::from_millis(50));
    }
}

fn wait(app: &mut AppDesk, what: &str, pred: impl Fn(&Flow) -> bool) {
    assert!(
        app.wait_for(&pred, STEP),
        "waited for {what}; the patient screen shows {:?}",
        app.flow().stage()
    );
}

/// The default clinic asks 薬剤・診療, 特定健診 and 限度額: the patient agrees to the drug
/// information and 限度額, and refuses the checkups.
fn answer_consents(app: &mut AppDesk) {
    for (q, yes) in [
        (Question::DrugAndDiagnosis, true),
        (Question::Checkup, false),
        (Question::Limit, true),
    ] {
        wait(
            app,
            "a consent question",
            |f| matches!(f.stage(), Stage::Consent { question } if *question == q),
        );
        app.send(Event::Answer(q, yes));
    }
}

/// The clerk's result view after the patient took the card: 有効, the card holder's name,
/// the method and the consents as given (and as the centre recorded them).
fn assert_valid_result(app: &AppDesk, name: &str, method: Method) {
    let r = app.flow().last_result().expect("a result for the clerk");
    assert_eq!(r.method, Some(method));
    let e = r
        .outcome
        .as_ref()
        .unwrap_or_else(|t| panic!("the visit ended with {t:?}"));
    assert_eq!(e.verdict, Verdict::Valid);
    assert_eq!(e.results[0].name.as_deref(), Some(name));
    assert_eq!(r.consents.drug, Some(true));
    assert_eq!(r.consents.checkup, Some(false));
    assert_eq!(r.consents.limit, Some(true));
    assert_eq!(e.results[0].pharmacists_consent, Some(ConsentFlag::Yes));
    assert_eq!(e.results[0].checkups_consent, Some(ConsentFlag::No));
}

/// What the centre received about patients: every `/oqs/*` request except the 災害時 status,
/// which the console asks for by itself (at start and every few minutes).
fn patient_requests(c: &RunningCentre) -> std::collections::BTreeMap<String, u64> {
    let mut r = c.requests();
    r.remove("/oqs/disaster");
    r
}

/// Places `id`'s card and confirms the holder by PIN as the patient would: the method choice,
/// 暗証番号, the persona's own PIN. Returns the persona for the result's checks.
fn pin_in(app: &mut AppDesk, desk: &mut Desk, id: &str) -> simulators::card::Persona {
    let holder = persona(&workspace_file("assets/personas"), id);
    desk.insert(id);
    wait(app, "the method choice", |f| {
        matches!(f.stage(), Stage::ChooseMethod { pin: true, .. })
    });
    app.send(Event::Choose(Method::Pin));
    app.send(Event::PinEntered(
        AuthPin::new(&holder.toml.jpki.auth_pin).unwrap(),
    ));
    holder
}

fn persona(dir: &Path, id: &str) -> simulators::card::Persona {
    simulators::card::persona(dir, id).unwrap()
}

#[test]
fn pin_path_shows_the_card_holder_and_returns_to_waiting_when_the_card_is_taken() {
    let tmp = tempfile::tempdir().unwrap();
    let c = centre(&tmp.path().join("centre"));
    let mut desk = Desk::start();
    let cfg = config(tmp.path(), &c, &desk.reader, None);
    let (mut app, wake) = start(&cfg);
    let adult = persona(&workspace_file("assets/personas"), "adult");

    desk.insert("adult");
    wait(&mut app, "the method choice", |f| {
        matches!(f.stage(), Stage::ChooseMethod { pin: true, .. })
    });
    app.send(Event::Choose(Method::Pin));
    assert_eq!(
        *app.flow().stage(),
        Stage::Pin {
            tries_left: 3,
            wrong: false
        }
    );
    app.send(Event::PinEntered(
        AuthPin::new(&adult.toml.jpki.auth_pin).unwrap(),
    ));
    answer_consents(&mut app);
    wait(&mut app, "「カードをお取りください」", |f| {
        matches!(f.stage(), Stage::TakeCard { trouble: None })
    });
    assert_valid_result(&app, &adult.toml.name, Method::Pin);
    // One signed nonce, one card query: what the centre really received for this visit.
    assert_eq!(
        patient_requests(&c),
        [
            ("/oqs/card/nonce".to_string(), 1),
            ("/oqs/card/siquc01".to_string(), 1)
        ]
        .into(),
        "the centre's request count for one card visit"
    );

    desk.remove();
    wait(&mut app, "the waiting screen", |f| {
        matches!(f.stage(), Stage::Waiting { notice: None })
    });
    assert!(!app.flow().card_present());

    // The visit is in the desk's history (SQLite on disk) with its method, outcome, holder
    // and the consents as given.
    wait_stored(&mut app, &wake, 1);
    let history = onshi_desk::history::History::open(&cfg.history).unwrap();
    let today = history
        .search(&onshi_desk::history::Query::default())
        .unwrap();
    assert_eq!(today.len(), 1, "one visit, one stored check");
    let check = &today[0].check;
    assert_eq!(check.method, onshi_desk::history::Method::CardPin);
    assert_eq!(check.outcome, onshi_desk::history::Outcome::Valid);
    assert_eq!(check.person.name.as_deref(), Some(adult.toml.name.as_str()));
    let agreed = |k| {
        check
            .consents
            .iter()
            .find(|c| c.kind == k)
            .map(|c| c.agreed)
    };
    assert_eq!(agreed(onshi_desk::history::ConsentKind::Drug), Some(true));
    assert_eq!(
        agreed(onshi_desk::history::ConsentKind::Checkup),
        Some(false)
    );
}

#[test]
fn a_card_pulled_during_the_pin_entry_ends_the_visit_with_a_notice() {
    let tmp = tempfile::tempdir().unwrap();
    let c = centre(&tmp.path().join("centre"));
    let mut desk = Desk::start();
    let cfg = config(tmp.path(), &c, &desk.reader, None);
    let (mut app, _wake) = start(&cfg);

    desk.insert("adult");
    wait(&mut app, "the method choice", |f| {
        matches!(f.stage(), Stage::ChooseMethod { .. })
    });
    app.send(Event::Choose(Method::Pin));
    assert!(matches!(app.flow().stage(), Stage::Pin { .. }));
    desk.remove();
    wait(&mut app, "the waiting screen with a notice", |f| {
        matches!(
            f.stage(),
            Stage::Waiting {
                notice: Some(Trouble::CardPulled)
            }
        )
    });
    let r = app.flow().last_result().expect("a result for the clerk");
    assert_eq!(r.outcome.as_ref().err(), Some(&Trouble::CardPulled));

    // Nothing was spent: the next visit sees all three tries.
    desk.insert("adult");
    wait(&mut app, "the method choice", |f| {
        matches!(f.stage(), Stage::ChooseMethod { .. })
    });
    app.send(Event::Choose(Method::Pin));
    assert_eq!(
        *app.flow().stage(),
        Stage::Pin {
            tries_left: 3,
            wrong: false
        }
    );
}

#[test]
fn face_path_matches_the_live_camera_against_the_card_photo() {
    let faces = face_personas("face-only", "obama.jpg", "obama2.jpg", 40);
    let tmp = tempfile::tempdir().unwrap();
    let c = centre(&tmp.path().join("centre"));
    let mut desk = Desk::start_with_personas(&faces.personas);
    let cfg = config(tmp.path(), &c, &desk.reader, Some(&faces.feed));
    let (mut app, _wake) = start(&cfg);
    let holder = persona(&faces.personas, "face-only");

    desk.insert("face-only");
    // A 顔認証マイナンバーカード: its PIN is locked at issue, so only the face is offered.
    wait(&mut app, "the method choice", |f| {
        matches!(
            f.stage(),
            Stage::ChooseMethod {
                pin: false,
                face: true,
                ..
            }
        )
    });
    app.send(Event::Choose(Method::Face));
    assert!(matches!(app.flow().stage(), Stage::FaceNumber { .. }));
    app.send(Event::VerificationNumber(
        VerificationNumberB::new(&holder.verification_number_b()).unwrap(),
    ));
    wait(&mut app, "the live camera view", |f| {
        matches!(f.stage(), Stage::FaceLive { .. })
    });
    answer_consents(&mut app);
    wait(&mut app, "「カードをお取りください」", |f| {
        matches!(f.stage(), Stage::TakeCard { trouble: None })
    });
    assert_valid_result(&app, &holder.toml.name, Method::Face);

    desk.remove();
    wait(&mut app, "the waiting screen", |f| {
        matches!(f.stage(), Stage::Waiting { notice: None })
    });
}

/// The card-front camera's view of persona `p`'s card lying on the reader: `n` captures of the
/// simulator's rendered front (slight tilt, light and noise differ per seed), as the image
/// sequence `[card_front] images` names.
fn card_front_frames(dir: &Path, p: &simulators::card::Persona, n: u64) -> std::path::PathBuf {
    use simulators::front::{self, Trouble};
    let font = front::load_font(&workspace_file("assets")).expect("assets/fonts");
    let card = front::persona_front(p, &font).expect("render the front");
    let face = front::FrontFace::from_persona(p);
    let other = front::render_other_card(&face, &font).expect("render a 保険証");
    std::fs::create_dir_all(dir).unwrap();
    for i in 0..n {
        let frame = front::capture(&card, &other, Trouble::Clean, 900 + i).expect("capture");
        let path = dir.join(format!("f_{i:03}.png"));
        assert!(opencv::imgcodecs::imwrite_def(&path, &frame).expect("imwrite"));
    }
    dir.join("f_%03d.png")
}

#[test]
fn face_path_reads_the_card_front_and_reaches_valid_without_the_clerk_typing() {
    let faces = face_personas("face-only", "obama.jpg", "obama2.jpg", 40);
    let tmp = tempfile::tempdir().unwrap();
    let c = centre(&tmp.path().join("centre"));
    let mut desk = Desk::start_with_personas(&faces.personas);
    let holder = persona(&faces.personas, "face-only");
    let mut cfg = config(tmp.path(), &c, &desk.reader, Some(&faces.feed));
    // Set after loading, as the camera is (a recorded front is accepted by any build; the
    // face camera's recording is not).
    cfg.card_front = Some(CardFrontSource::Images(card_front_frames(
        &tmp.path().join("front"),
        &holder,
        6,
    )));
    let (mut app, _wake) = start(&cfg);

    desk.insert("face-only");
    wait(&mut app, "the method choice", |f| {
        matches!(f.stage(), Stage::ChooseMethod { face: true, .. })
    });
    app.send(Event::Choose(Method::Face));
    assert!(
        matches!(
            app.flow().stage(),
            Stage::FaceNumber {
                front: FrontReading::Reading { .. },
                ..
            }
        ),
        "{:?}",
        app.flow().stage()
    );
    // Nobody keys 照合番号B: the card front is read, the card accepts it, the photo is read.
    wait(&mut app, "the live camera view", |f| {
        matches!(f.stage(), Stage::FaceLive { .. })
    });
    let log: Vec<_> = app.flow().log().iter().map(|l| l.entry.clone()).collect();
    assert!(log.contains(&LogEntry::FrontCertain), "{log:?}");
    answer_consents(&mut app);
    wait(&mut app, "「カードをお取りください」", |f| {
        matches!(f.stage(), Stage::TakeCard { trouble: None })
    });
    assert_valid_result(&app, &holder.toml.name, Method::Face);
    desk.remove();
    wait(&mut app, "the waiting screen", |f| {
        matches!(f.stage(), Stage::Waiting { notice: None })
    });
}

#[test]
fn another_cards_front_costs_one_verify_then_the_clerk_keys_the_number() {
    let faces = face_personas("face-only", "obama.jpg", "obama2.jpg", 40);
    let tmp = tempfile::tempdir().unwrap();
    let c = centre(&tmp.path().join("centre"));
    let mut desk = Desk::start_with_personas(&faces.personas);
    let holder = persona(&faces.personas, "face-only");
    let mut cfg = config(tmp.path(), &c, &desk.reader, Some(&faces.feed));
    // The card-front camera sees another patient's card: a real card, read right, but not
    // the one on the reader.
    let other = persona(&faces.personas, "adult");
    cfg.card_front = Some(CardFrontSource::Images(card_front_frames(
        &tmp.path().join("front"),
        &other,
        6,
    )));
    let (mut app, _wake) = start(&cfg);

    desk.insert("face-only");
    wait(&mut app, "the method choice", |f| {
        matches!(f.stage(), Stage::ChooseMethod { face: true, .. })
    });
    app.send(Event::Choose(Method::Face));
    wait(&mut app, "the refused automatic reading", |f| {
        matches!(
            f.stage(),
            Stage::FaceNumber {
                front: FrontReading::Refused,
                ..
            }
        )
    });
    // One try spent, shown to the clerk; no second automatic VERIFY.
    let Stage::FaceNumber {
        wrong_tries_left: Some(left),
        ..
    } = *app.flow().stage()
    else {
        panic!("{:?}", app.flow().stage());
    };
    let log: Vec<_> = app.flow().log().iter().map(|l| l.entry.clone()).collect();
    assert_eq!(
        log.iter()
            .filter(|e| matches!(e, LogEntry::FrontRefused { .. }))
            .count(),
        1,
        "{log:?}"
    );
    assert!(
        log.contains(&LogEntry::FrontRefused { tries_left: left }),
        "{log:?}"
    );
    // The clerk keys the holder's number from the card: the face path goes on to 有効.
    app.send(Event::VerificationNumber(
        VerificationNumberB::new(&holder.verification_number_b()).unwrap(),
    ));
    wait(&mut app, "the live camera view", |f| {
        matches!(f.stage(), Stage::FaceLive { .. })
    });
    answer_consents(&mut app);
    wait(&mut app, "「カードをお取りください」", |f| {
        matches!(f.stage(), Stage::TakeCard { trouble: None })
    });
    assert_valid_result(&app, &holder.toml.name, Method::Face);
}

#[test]
fn someone_else_in_front_of_the_camera_is_not_matched_and_may_try_again() {
    let faces = face_personas("face-only", "obama.jpg", "biden.jpg", 40);
    let tmp = tempfile::tempdir().unwrap();
    let c = centre(&tmp.path().join("centre"));
    let mut desk = Desk::start_with_personas(&faces.personas);
    let cfg = config(tmp.path(), &c, &desk.reader, Some(&faces.feed));
    let (mut app, _wake) = start(&cfg);
    let holder = persona(&faces.personas, "face-only");

    desk.insert("face-only");
    wait(&mut app, "the method choice", |f| {
        matches!(f.stage(), Stage::ChooseMethod { face: true, .. })
    });
    app.send(Event::Choose(Method::Face));
    app.send(Event::VerificationNumber(
        VerificationNumberB::new(&holder.verification_number_b()).unwrap(),
    ));
    wait(&mut app, "a failed face attempt", |f| {
        matches!(f.stage(), Stage::FaceFailed { .. })
    });
    assert!(
        matches!(
            app.flow().stage(),
            Stage::FaceFailed {
                outcome: face_match::Outcome::NoMatch,
                // 10 a visit, as at the readers (onshi_desk::flow::FACE_ATTEMPTS).
                attempts_left: 9,
                pin: false,
                ..
            }
        ),
        "{:?}",
        app.flow().stage()
    );
    // Another attempt runs on the same camera and fails the same way, one try fewer.
    app.send(Event::RetryFace);
    assert!(matches!(app.flow().stage(), Stage::FaceLive { .. }));
    wait(&mut app, "the second failed attempt", |f| {
        matches!(
            f.stage(),
            Stage::FaceFailed {
                attempts_left: 8,
                ..
            }
        )
    });
    // The clerk ends it: the clerk sees why.
    app.send(Event::ClerkCancel);
    assert!(matches!(
        app.flow().stage(),
        Stage::TakeCard {
            trouble: Some(Trouble::CancelledByClerk)
        }
    ));
    desk.remove();
    wait(&mut app, "the waiting screen", |f| {
        matches!(f.stage(), Stage::Waiting { .. })
    });
    // Nothing about this patient reached the centre: no nonce, no card query.
    assert_eq!(
        patient_requests(&c),
        Default::default(),
        "the centre received requests for a patient whose face did not match"
    );
}

#[test]
fn a_card_check_of_a_patient_who_changed_insurer_shows_the_new_insurer_not_the_old_card() {
    let tmp = tempfile::tempdir().unwrap();
    let c = centre(&tmp.path().join("centre"));
    let mut desk = Desk::start();
    let cfg = config(tmp.path(), &c, &desk.reader, None);
    let (mut app, wake) = start(&cfg);
    // 伊藤 誠 left 札幌市's 国保 for 協会けんぽ on 2026-04-01 (assets/sim/people.toml).
    let ito = pin_in(&mut app, &mut desk, "two-tries");
    answer_consents(&mut app);
    wait(&mut app, "「カードをお取りください」", |f| {
        matches!(f.stage(), Stage::TakeCard { trouble: None })
    });
    assert_valid_result(&app, &ito.toml.name, Method::Pin);
    let r = app.flow().last_result().unwrap();
    let q = &r.outcome.as_ref().unwrap().results[0];
    assert_eq!(
        q.insurer_name.as_deref(),
        Some("全国健康保険協会東京支部"),
        "the card finds the current qualification, not the old 国保"
    );
    assert_eq!(q.insured_card_symbol.as_deref(), Some("3456789"));
    desk.remove();

    // Stored with the new insurer's numbers; the old card typed at the desk is 無効（新しい
    // 資格あり）, the same person seen from his old 保険証.
    wait_stored(&mut app, &wake, 1);
    let history = onshi_desk::history::History::open(&cfg.history).unwrap();
    let stored = history
        .search(&onshi_desk::history::Query::default())
        .unwrap();
    assert_eq!(
        stored[0].check.person.insurer_number.as_deref(),
        Some("01130012")
    );
    let client = eligibility::Client::new(cfg.centre.clone()).unwrap();
    let old =
        eligibility::Client::search_from_text("011015", "札中", "2201", "00", "19750930", false)
            .unwrap();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let e = rt
        .block_on(client.check_insurance_card(&old, Some(time::macros::date!(2026 - 11 - 23))))
        .unwrap();
    assert_eq!(
        e.validity,
        Some(eligibility::codes::QualificationValidity::InvalidNewQualification)
    );
}

/// With `[link]`, the running desk runs the clinic link on its own thread: the PIN visit's
/// result reaches the clinic's system as a face file in `face/` (with this counter and
/// reader), and the console's link line says it runs with nothing waiting.
#[test]
fn a_card_visit_of_a_desk_with_link_writes_its_face_file() {
    let tmp = tempfile::tempdir().unwrap();
    let c = centre(&tmp.path().join("centre"));
    let mut desk = Desk::start();
    let cfg = config_with(
        tmp.path(),
        &c,
        &desk.reader,
        "[link]\nfolder = \"OQS\"\nencoding = \"UTF-8\"\ncounter = \"1\"\n",
    );
    let (mut app, wake) = start(&cfg);
    assert!(
        matches!(app.link(), Some(onshi_desk::link::LinkView::Running(_))),
        "{:?}",
        app.link()
    );
    let adult = pin_in(&mut app, &mut desk, "adult");
    answer_consents(&mut app);
    wait(&mut app, "「カードをお取りください」", |f| {
        matches!(f.stage(), Stage::TakeCard { trouble: None })
    });
    assert_valid_result(&app, &adult.toml.name, Method::Pin);
    desk.remove();
    wait(&mut app, "the waiting screen", |f| {
        matches!(f.stage(), Stage::Waiting { notice: None })
    });
    wait_stored(&mut app, &wake, 1);

    // The face file: a bounded wait on its appearance in face/.
    let face = tmp.path().join("OQS").join("face");
    let names = face_files(&face, &wake);
    assert_eq!(names.len(), 1, "one visit, one face file: {names:?}");
    let bytes = std::fs::read(face.join(&names[0])).unwrap();
    let f = eligibility::link::FaceFile::read(&bytes).unwrap();
    let counter = f.header().desk_counter.clone().expect("the counter");
    assert_eq!(counter.counter_id, "1");
    assert_eq!(counter.reader_name.as_deref(), Some(desk.reader.as_str()));
    assert!(String::from_utf8(bytes).unwrap().contains(&adult.toml.name));
}

#[test]
fn an_unregistered_card_is_registered_by_the_patients_yes_alone_and_reaches_valid() {
    let tmp = tempfile::tempdir().unwrap();
    let c = centre(&tmp.path().join("centre"));
    let mut desk = Desk::start();
    let cfg = config(tmp.path(), &c, &desk.reader, None);
    let (mut app, wake) = start(&cfg);
    let holder = pin_in(&mut app, &mut desk, "unregistered");
    answer_consents(&mut app);
    wait(&mut app, "the registration offer", |f| {
        matches!(f.stage(), Stage::RegisterOffer)
    });
    // The patient taps 「登録する」 and nothing else: no one keys the insurance card's numbers.
    app.send(Event::Register(true));
    wait(&mut app, "「カードをお取りください」", |f| {
        matches!(f.stage(), Stage::TakeCard { .. }) || matches!(f.stage(), Stage::RegisterDetails)
    });
    assert_eq!(
        *app.flow().stage(),
        Stage::TakeCard { trouble: None },
        "the visit ended with {:?}",
        app.flow().last_result().map(|r| r.outcome.as_ref().err())
    );
    assert_valid_result(&app, &holder.toml.name, Method::Pin);
    assert!(
        app.flow()
            .log()
            .iter()
            .any(|l| l.entry == LogEntry::Registered),
        "the clerk's log says the card was registered"
    );
    // The first query, the registration (agreement only), the query again: each with its
    // own signed nonce.
    assert_eq!(
        patient_requests(&c),
        [
            ("/oqs/card/nonce".to_string(), 3),
            ("/oqs/card/siquc01".to_string(), 2),
            ("/oqs/registration".to_string(), 1),
        ]
        .into(),
        "what the centre received for a visit with registration"
    );

    desk.remove();
    wait(&mut app, "the waiting screen", |f| {
        matches!(f.stage(), Stage::Waiting { notice: None })
    });
    // The visit is stored as 有効 in the desk's history.
    wait_stored(&mut app, &wake, 1);
    let history = onshi_desk::history::History::open(&cfg.history).unwrap();
    let today = history
        .search(&onshi_desk::history::Query::default())
        .unwrap();
    assert_eq!(today.len(), 1, "one visit, one stored check");
    assert_eq!(today[0].check.outcome, onshi_desk::history::Outcome::Valid);
}

#[test]
fn a_card_left_on_the_reader_is_called_out_and_counted_in_the_history() {
    let tmp = tempfile::tempdir().unwrap();
    let c = centre(&tmp.path().join("centre"));
    let mut desk = Desk::start();
    // The shortest setting, so the test waits one second on the desk's own deadline.
    let cfg = config_with(
        tmp.path(),
        &c,
        &desk.reader,
        "[reception]\ncard_left_after_s = 1\n",
    );
    let (mut app, wake) = start(&cfg);
    pin_in(&mut app, &mut desk, "adult");
    answer_consents(&mut app);
    wait(&mut app, "「カードをお取りください」", |f| {
        matches!(f.stage(), Stage::TakeCard { trouble: None })
    });
    assert!(!app.flow().card_left_behind());
    // The patient walks away without the card.
    wait(&mut app, "the card-left alert", Flow::card_left_behind);
    // The visit's check and the card left behind, both in the history on disk.
    wait_stored(&mut app, &wake, 2);
    let history = onshi_desk::history::History::open(&cfg.history).unwrap();
    let today = onshi_desk::history::day_in_japan(time::OffsetDateTime::now_utc());
    assert_eq!(history.cards_left_on(today).unwrap(), 1);
    assert_eq!(
        history
            .search(&onshi_desk::history::Query::default())
            .unwrap()
            .len(),
        1,
        "the visit is one check, stored as before"
    );

    desk.remove();
    wait(&mut app, "the waiting screen", |f| {
        matches!(f.stage(), Stage::Waiting { notice: None }) && !f.card_left_behind()
    });
}

#[test]
fn when_the_insurers_do_not_know_the_holder_the_clerk_keys_the_numbers_and_the_visit_reaches_valid()
{
    let tmp = tempfile::tempdir().unwrap();
    // The seed without the insurers' record of the `unregistered` card's holder.
    let mut cc = simulators::centre::Config::new(tmp.path().join("centre"));
    cc.now = Some(time::macros::datetime!(2026-11-23 10:00 +09:00));
    let seed = tmp.path().join("seed");
    std::fs::create_dir(&seed).unwrap();
    for f in ["institutions.toml", "people.toml", "links.toml"] {
        let text = std::fs::read_to_string(cc.seed_dir.join(f)).unwrap();
        let text = text.replace("[known]\nunregistered = \"unregistered\"", "");
        std::fs::write(seed.join(f), text).unwrap();
    }
    cc.seed_dir = seed;
    let c = Server::start(cc).unwrap();
    let mut desk = Desk::start();
    let cfg = config(tmp.path(), &c, &desk.reader, None);
    let (mut app, _wake) = start(&cfg);
    let holder = pin_in(&mut app, &mut desk, "unregistered");
    answer_consents(&mut app);
    wait(&mut app, "the registration offer", |f| {
        matches!(f.stage(), Stage::RegisterOffer)
    });
    app.send(Event::Register(true));
    wait(&mut app, "the numbers form", |f| {
        matches!(f.stage(), Stage::RegisterDetails)
    });
    assert!(
        app.flow()
            .log()
            .iter()
            .any(|l| l.entry == LogEntry::RegistrationNeedsNumbers),
        "the clerk's log says why the numbers are asked for"
    );
    // The clerk keys the insurance card of the patient at the counter.
    app.send(Event::RegistrationDetails(Box::new(
        eligibility::xml::SearchInfo {
            insurer_number: "06139992".parse().unwrap(),
            insured_card_symbol: Some("60".parse().unwrap()),
            insured_identification_number: "1205".parse().unwrap(),
            insured_branch_number: Some("00".parse().unwrap()),
            birthdate: "19880125".parse().unwrap(),
            limit_consent: eligibility::codes::LimitConsent::NotAgreed,
            arbitrary_identifier: None,
        },
    )));
    wait(&mut app, "「カードをお取りください」", |f| {
        matches!(f.stage(), Stage::TakeCard { .. })
    });
    assert_valid_result(&app, &holder.toml.name, Method::Pin);
    // Two registrations (the patient's yes, then the numbers) and the two queries.
    assert_eq!(
        patient_requests(&c),
        [
            ("/oqs/card/nonce".to_string(), 4),
            ("/oqs/card/siquc01".to_string(), 2),
            ("/oqs/registration".to_string(), 2),
        ]
        .into(),
        "what the centre received"
    );
}

#[test]
fn the_current_flow_with_an_electronic_prescription_reaches_the_centre_history_and_face_file() {
    let tmp = tempfile::tempdir().unwrap();
    let c = centre(&tmp.path().join("centre"));
    let mut desk = Desk::start();
    let mut cfg = config_with(
        tmp.path(),
        &c,
        &desk.reader,
        "[reception]\nflow = \"current\"\n[link]\nfolder = \"OQS\"\nencoding = \"UTF-8\"\n",
    );
    // `[institution] prescriptions = true` (common writes the [institution] table itself).
    cfg.prescriptions = true;
    let (mut app, wake) = start(&cfg);
    pin_in(&mut app, &mut desk, "adult");
    // One 包括同意, the 特定健診 question, no 限度額 screen, then 電子 or 紙.
    for (q, yes) in [(Question::Comprehensive, true), (Question::Checkup, false)] {
        wait(
            &mut app,
            "a consent question",
            |f| matches!(f.stage(), Stage::Consent { question } if *question == q),
        );
        app.send(Event::Answer(q, yes));
    }
    assert_eq!(*app.flow().stage(), Stage::Prescription);
    app.send(Event::Prescription(
        onshi_desk::flow::PrescriptionForm::Electronic,
    ));
    wait(&mut app, "「カードをお取りください」", |f| {
        matches!(f.stage(), Stage::TakeCard { trouble: None })
    });
    let r = app.flow().last_result().expect("a result for the clerk");
    let e = r.outcome.as_ref().expect("有効");
    assert_eq!(e.verdict, Verdict::Valid);
    // The centre recorded 薬剤・診療・手術 from the one answer, and 限度額 without a screen.
    assert_eq!(e.results[0].pharmacists_consent, Some(ConsentFlag::Yes));
    assert_eq!(e.results[0].operation_consent, Some(ConsentFlag::Yes));
    assert_eq!(r.consents.limit, Some(true));
    assert_eq!(
        e.response.body.prescription_issue_select,
        Some(eligibility::codes::PrescriptionIssue::Electronic),
        "the centre echoes the patient's choice"
    );
    desk.remove();
    wait(&mut app, "the waiting screen", |f| {
        matches!(f.stage(), Stage::Waiting { notice: None })
    });
    wait_stored(&mut app, &wake, 1);
    let history = onshi_desk::history::History::open(&cfg.history).unwrap();
    let stored = history
        .search(&onshi_desk::history::Query::default())
        .unwrap();
    assert_eq!(
        stored[0].check.person.prescription_issue.as_deref(),
        Some("1")
    );

    let face = tmp.path().join("OQS").join("face");
    let names = face_files(&face, &wake);
    assert_eq!(names.len(), 1, "{names:?}");
    let f =
        eligibility::link::FaceFile::read(&std::fs::read(face.join(&names[0])).unwrap()).unwrap();
    assert_eq!(
        f.body().prescription_issue_select,
        Some(eligibility::codes::PrescriptionIssue::Electronic)
    );
}

#[test]
fn a_generic_readers_visit_sends_the_same_query_with_the_papers_answers() {
    let tmp = tempfile::tempdir().unwrap();
    let c = centre(&tmp.path().join("centre"));
    let mut desk = Desk::start();
    let cfg = config_with(tmp.path(), &c, &desk.reader, "kind = \"generic\"\n");
    let (mut app, _wake) = start(&cfg);
    let adult = persona(&workspace_file("assets/personas"), "adult");

    desk.insert("adult");
    wait(&mut app, "the clerk's method choice", |f| {
        matches!(
            f.stage(),
            Stage::ChooseMethod {
                pin: true,
                face: false,
                visual: true
            }
        )
    });
    app.send(Event::Choose(Method::Pin));
    app.send(Event::PinEntered(
        AuthPin::new(&adult.toml.jpki.auth_pin).unwrap(),
    ));
    wait(&mut app, "the paper consent", |f| {
        matches!(f.stage(), Stage::PaperConsent { .. })
    });
    app.send(Event::PaperConsent(onshi_desk::flow::PaperAnswers {
        answers: vec![
            (Question::DrugAndDiagnosis, true),
            (Question::Checkup, false),
            (Question::Limit, true),
        ],
        prescription: None,
    }));
    wait(&mut app, "「カードをお取りください」", |f| {
        matches!(f.stage(), Stage::TakeCard { trouble: None })
    });
    // The same result and consents as the face reader's PIN path.
    assert_valid_result(&app, &adult.toml.name, Method::Pin);
    assert_eq!(
        patient_requests(&c),
        [
            ("/oqs/card/nonce".to_string(), 1),
            ("/oqs/card/siquc01".to_string(), 1)
        ]
        .into()
    );
}
