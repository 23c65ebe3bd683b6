//! Match sessions fed through the virtual camera (PNG sequences read by OpenCV's VideoCapture)
//! with frames built from public-domain photos: what the patient would see and what the app
//! would get as a verdict.

use crate::common;

use common::*;
use face_match::{Attack, Guidance, MatchConfig, MatchSession, Outcome};

fn session_for(engine: &mut face_match::FaceEngine, card_photo: &str) -> MatchSession {
    let jp2 = card_jp2(engine, card_photo, 300, 20);
    let card = engine.card_face(&jp2).expect("card photo gives a face");
    MatchSession::new(card, MatchConfig::default())
}

#[test]
fn same_person_matches_from_a_greyscale_card_within_the_time_limit() {
    let mut engine = engine();
    for (card, live) in [
        ("obama.jpg", "obama2.jpg"),
        ("obama.jpg", "obama3.jpg"),
        ("obama3.jpg", "obama2.jpg"),
    ] {
        let mut session = session_for(&mut engine, card);
        let frames = sequence(&mut engine, live, &live_shots(20));
        let run = run(&mut engine, &mut session, &frames, 10);
        let v = run
            .verdict
            .unwrap_or_else(|| panic!("{card} vs {live}: no verdict, guidance {:?}", run.guidance));
        assert_eq!(v.outcome, Outcome::Match, "{card} vs {live}: {v:?}");
        assert!(v.score.unwrap() >= session.config().threshold);
        assert!(run.elapsed.unwrap() < session.config().time_limit);
        assert_eq!(v.failures, 0);
    }
}

#[test]
fn a_small_card_photo_still_matches() {
    let mut engine = engine();
    let jp2 = card_jp2(&mut engine, "obama.jpg", 120, 10);
    let card = engine.card_face(&jp2).unwrap();
    let mut session = MatchSession::new(card, MatchConfig::default());
    let frames = sequence(&mut engine, "obama2.jpg", &live_shots(20));
    let v = run(&mut engine, &mut session, &frames, 10)
        .verdict
        .expect("a verdict");
    assert_eq!(v.outcome, Outcome::Match, "{v:?}");
}

#[test]
fn a_different_person_never_matches_and_each_failure_is_counted() {
    let mut engine = engine();
    let mut session = session_for(&mut engine, "obama.jpg");
    for (n, impostor) in ["biden.jpg", "astronaut.png"].into_iter().enumerate() {
        let frames = sequence(&mut engine, impostor, &live_shots(20));
        let run = run(&mut engine, &mut session, &frames, 10);
        let v = run
            .verdict
            .unwrap_or_else(|| panic!("{impostor}: no verdict, guidance {:?}", run.guidance));
        assert_eq!(v.outcome, Outcome::NoMatch, "{impostor}: {v:?}");
        assert!(v.score.unwrap() < session.config().threshold);
        assert_eq!(v.failures, n as u32 + 1);
        assert_eq!(session.failures(), n as u32 + 1);
        session.retry().expect("attempts are left");
    }
    // The other way round: the impostor's card against the genuine person's frames.
    let mut session = session_for(&mut engine, "biden.jpg");
    let frames = sequence(&mut engine, "obama2.jpg", &live_shots(20));
    let v = run(&mut engine, &mut session, &frames, 10)
        .verdict
        .expect("a verdict");
    assert_eq!(v.outcome, Outcome::NoMatch, "{v:?}");
}

#[test]
fn failures_are_capped() {
    let mut engine = engine();
    let mut session = session_for(&mut engine, "obama.jpg");
    let frames = sequence(&mut engine, "biden.jpg", &live_shots(12));
    let max = session.config().max_failures;
    for attempt in 1..=max {
        let v = run(&mut engine, &mut session, &frames, 10)
            .verdict
            .expect("a verdict");
        assert_eq!(v.outcome, Outcome::NoMatch);
        assert_eq!(v.attempts_left, max - attempt);
        if attempt < max {
            session.retry().expect("attempts left");
        }
    }
    let err = session.retry().expect_err("no attempt after the cap");
    assert!(matches!(err, face_match::FaceError::TooManyFailures { failures } if failures == max));
}

#[test]
fn no_face_asks_to_face_the_camera_and_gives_no_verdict() {
    let mut engine = engine();
    let mut session = session_for(&mut engine, "obama.jpg");
    let frames = sequence_of_scene("coffee.png", 10);
    let run = run(&mut engine, &mut session, &frames, 10);
    assert!(run.verdict.is_none(), "{:?}", run.verdict);
    assert_eq!(run.guidance, vec![Guidance::NoFace; 10]);
}

#[test]
fn two_faces_ask_for_one_person_and_give_no_verdict() {
    let mut engine = engine();
    let mut session = session_for(&mut engine, "obama.jpg");
    let frames = two_people(&mut engine, "obama2.jpg", "biden.jpg", 10);
    let run = run(&mut engine, &mut session, &frames, 10);
    assert!(run.verdict.is_none(), "{:?}", run.verdict);
    assert_eq!(run.guidance, vec![Guidance::OnePersonOnly; 10]);
}

#[test]
fn a_tiny_face_asks_to_come_closer_and_gives_no_verdict() {
    let mut engine = engine();
    let mut session = session_for(&mut engine, "obama.jpg");
    let shots: Vec<Shot> = live_shots(10)
        .into_iter()
        .map(|s| Shot {
            face_frac: 0.09,
            blur: 0.0,
            gain: 1.0,
            ..s
        })
        .collect();
    let frames = sequence(&mut engine, "obama2.jpg", &shots);
    let run = run(&mut engine, &mut session, &frames, 10);
    assert!(run.verdict.is_none(), "{:?}", run.verdict);
    assert_eq!(run.guidance, vec![Guidance::MoveCloser; 10]);
}

#[test]
fn a_dark_face_asks_for_light() {
    let mut engine = engine();
    let mut session = session_for(&mut engine, "obama.jpg");
    let shots: Vec<Shot> = live_shots(6)
        .into_iter()
        .map(|s| Shot {
            gain: 0.22,
            blur: 0.0,
            ..s
        })
        .collect();
    let frames = sequence(&mut engine, "obama2.jpg", &shots);
    let run = run(&mut engine, &mut session, &frames, 10);
    assert!(run.verdict.is_none(), "{:?}", run.verdict);
    assert_eq!(run.guidance, vec![Guidance::TooDark; 6]);
}

#[test]
fn a_frozen_feed_of_the_right_person_is_refused() {
    let mut engine = engine();
    let mut session = session_for(&mut engine, "obama.jpg");
    let one = sequence(&mut engine, "obama2.jpg", &[Shot::default()]).remove(0);
    let frames = vec![one; 12];
    let run = run(&mut engine, &mut session, &frames, 10);
    let v = run.verdict.expect("a verdict");
    assert_eq!(
        v.outcome,
        Outcome::AttackSuspected(Attack::FrozenFeed),
        "{v:?}"
    );
    assert_eq!(v.failures, 1);
}

#[test]
fn a_still_photo_of_the_right_person_with_sensor_flicker_is_refused() {
    let mut engine = engine();
    let mut session = session_for(&mut engine, "obama.jpg");
    // The same framing every time, only the light flickers: pixels change, the face does not move.
    let shots: Vec<Shot> = (0..45)
        .map(|i| Shot {
            offset: if i % 2 == 0 { 3.0 } else { -3.0 },
            ..Shot::default()
        })
        .collect();
    let frames = sequence(&mut engine, "obama2.jpg", &shots);
    let run = run(&mut engine, &mut session, &frames, 10);
    let v = run.verdict.expect("a verdict");
    assert_eq!(
        v.outcome,
        Outcome::AttackSuspected(Attack::NoMotion),
        "{v:?}"
    );
}

#[test]
fn the_time_limit_ends_an_attempt_and_counts_as_a_failure() {
    let mut engine = engine();
    let mut session = session_for(&mut engine, "obama.jpg");
    // One frame a second of an empty counter, for longer than the limit.
    let secs = session.config().time_limit.as_secs() as usize + 2;
    let frames = sequence_of_scene("coffee.png", secs);
    let run = run(&mut engine, &mut session, &frames, 1);
    let v = run.verdict.expect("a verdict");
    assert_eq!(v.outcome, Outcome::TimedOut);
    assert_eq!(v.score, None);
    assert_eq!(v.failures, 1);
}

/// Guidance for `shots` of the genuine person: every frame must give `expected` and no verdict.
fn guidance_for(shots: Vec<Shot>, expected: Guidance) {
    let mut engine = engine();
    let mut session = session_for(&mut engine, "obama.jpg");
    let n = shots.len();
    let frames = sequence(&mut engine, "obama2.jpg", &shots);
    let run = run(&mut engine, &mut session, &frames, 10);
    assert!(run.verdict.is_none(), "{:?}", run.verdict);
    assert_eq!(run.guidance, vec![expected; n]);
}

#[test]
fn a_tilted_head_asks_to_look_straight() {
    let shots = live_shots(6)
        .into_iter()
        .map(|s| Shot { roll: 35.0, ..s })
        .collect();
    guidance_for(shots, Guidance::LookStraight);
}

#[test]
fn a_face_at_the_edge_asks_to_centre_it() {
    let shots = live_shots(6)
        .into_iter()
        .map(|s| Shot {
            dx: 0.9 + s.dx,
            ..s
        })
        .collect();
    guidance_for(shots, Guidance::CentreFace);
}

#[test]
fn a_face_too_close_asks_to_move_back() {
    let shots = live_shots(6)
        .into_iter()
        .map(|s| Shot {
            face_frac: 0.95,
            ..s
        })
        .collect();
    guidance_for(shots, Guidance::MoveBack);
}

#[test]
fn a_camera_that_stops_sending_frames_still_times_out() {
    let mut engine = engine();
    let mut session = session_for(&mut engine, "obama.jpg");
    let frames = sequence_of_scene("coffee.png", 2);
    let t0 = std::time::Instant::now();
    for (i, f) in frames.iter().enumerate() {
        let at = t0 + std::time::Duration::from_millis(100 * i as u64);
        assert_eq!(
            session.feed(&mut engine, f, at).unwrap(),
            face_match::Step::Guidance(Guidance::NoFace)
        );
    }
    let limit = session.config().time_limit;
    assert_eq!(session.check_time_limit(t0 + limit / 2), None);
    let v = session
        .check_time_limit(t0 + limit + std::time::Duration::from_secs(1))
        .expect("timed out");
    assert_eq!((v.outcome, v.failures), (Outcome::TimedOut, 1));
}
