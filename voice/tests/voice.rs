//! The voice brick against the real eSpeak NG of the distribution (installed by `cargo xtask
//! setup`): every patient language is said as speech, volume and a missing engine behave as
//! a desk needs, and the player says the newest sentence.

use std::time::Duration;
use voice::player::Report;
use voice::{Engine, Language, Output, Player, Settings, VoiceError};

/// A short instruction in each language, as the patient screen's first step says it (the
/// desk's words choose the real sentences; these only need to be speech in that language).
fn sample(lang: Language) -> &'static str {
    match lang {
        Language::Ja => "かーどを どくとりきに おいて ください",
        Language::En => "Please place your card on the reader.",
        Language::Zh => "请把卡放在读卡器上。",
        Language::Ko => "카드를 리더기에 올려 주세요.",
        Language::Vi => "Vui lòng đặt thẻ lên đầu đọc.",
        Language::Pt => "Por favor, coloque o cartão no leitor.",
    }
}

#[test]
fn every_patient_language_is_said_as_speech() {
    let s = Settings::default();
    for lang in Language::ALL {
        assert_eq!(s.engine_for(lang), Engine::EspeakNg);
        let wav = s.synthesize(lang, sample(lang)).unwrap();
        assert!(
            wav.duration_ms() >= 1000,
            "{lang:?}: {} ms",
            wav.duration_ms()
        );
        // Speech, not silence: at least a third of it is voiced.
        assert!(
            wav.speech_ms() * 3 >= wav.duration_ms(),
            "{lang:?}: {} of {} ms voiced",
            wav.speech_ms(),
            wav.duration_ms()
        );
    }
}

#[test]
fn a_slower_rate_takes_longer_and_volume_zero_is_silent() {
    let fast = Settings {
        words_per_minute: 220,
        ..Settings::default()
    };
    let slow = Settings {
        words_per_minute: 110,
        ..Settings::default()
    };
    let text = sample(Language::En);
    let (f, s) = (
        fast.synthesize(Language::En, text).unwrap(),
        slow.synthesize(Language::En, text).unwrap(),
    );
    assert!(
        s.duration_ms() > f.duration_ms() * 3 / 2,
        "{s:?} {f:?}",
        s = s.duration_ms(),
        f = f.duration_ms()
    );
    let mute = Settings {
        volume: 0,
        ..Settings::default()
    };
    let m = mute.synthesize(Language::En, text).unwrap();
    assert!(m.duration_ms() > 0);
    assert_eq!(m.speech_ms(), 0);
}

#[test]
fn a_missing_engine_is_named_and_nothing_is_said() {
    let s = Settings {
        espeak: "/nonexistent/espeak-ng".into(),
        ..Settings::default()
    };
    match s.synthesize(Language::Ja, sample(Language::Ja)) {
        Err(VoiceError::EngineMissing { engine, program }) => {
            assert_eq!(engine, Engine::EspeakNg);
            assert!(program.contains("espeak-ng"));
        }
        other => panic!("{other:?}"),
    }
}

fn next(reports: &std::sync::mpsc::Receiver<Report>) -> Report {
    reports
        .recv_timeout(Duration::from_secs(30))
        .expect("the player reports within 30 s")
}

#[test]
fn the_player_says_the_newest_sentence_and_reports_the_others_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let (mut player, reports) =
        Player::start(Settings::default(), Output::Files(dir.path().into()));
    // Three stages in a row before the engine has said the first: only the last matters.
    let a = player.say(Language::Ja, sample(Language::Ja));
    let b = player.say(Language::En, sample(Language::En));
    let c = player.say(Language::Pt, sample(Language::Pt));
    let mut finished = Vec::new();
    let mut replaced = Vec::new();
    while !finished.contains(&c) {
        match next(&reports) {
            Report::Finished { seq } => finished.push(seq),
            Report::Replaced { seq } => replaced.push(seq),
            Report::Started { .. } => {}
            Report::Failed { seq, error } => panic!("{seq}: {error}"),
        }
    }
    // The first may have been said before the others arrived; the middle one never is.
    assert!(!finished.contains(&b), "finished {finished:?}");
    assert!(replaced.contains(&b), "{replaced:?}");
    let said: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert!(said.contains(&format!("{c:04}.wav")), "{said:?}");
    assert!(!said.contains(&format!("{b:04}.wav")), "{said:?}");
    assert!(finished.contains(&a) || replaced.contains(&a));
}

#[test]
fn a_failing_engine_is_reported_and_the_player_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let broken = Settings {
        espeak: "/nonexistent/espeak-ng".into(),
        ..Settings::default()
    };
    let (mut player, reports) = Player::start(broken, Output::Files(dir.path().into()));
    let seq = player.say(Language::En, sample(Language::En));
    match next(&reports) {
        Report::Failed {
            seq: s,
            error: VoiceError::EngineMissing { .. },
        } => assert_eq!(s, seq),
        other => panic!("{other:?}"),
    }
    let again = player.say(Language::En, sample(Language::En));
    assert!(matches!(next(&reports), Report::Failed { seq, .. } if seq == again));
}

#[test]
fn the_chime_is_a_short_sound_and_plays_through_the_player_at_its_volume() {
    let chime = voice::Wav::chime();
    assert!(
        (400..=1000).contains(&chime.duration_ms()),
        "{} ms",
        chime.duration_ms()
    );
    // A tone, not silence: most of it is above the speech floor.
    assert!(
        chime.speech_ms() * 2 >= chime.duration_ms(),
        "{} of {} ms",
        chime.speech_ms(),
        chime.duration_ms()
    );
    let dir = tempfile::tempdir().unwrap();
    let quiet = Settings {
        volume: 50,
        ..Settings::default()
    };
    let (mut player, reports) = Player::start(quiet, Output::Files(dir.path().into()));
    let seq = player.play(chime.clone());
    loop {
        match next(&reports) {
            Report::Finished { seq: s } if s == seq => break,
            Report::Failed { error, .. } => panic!("{error}"),
            _ => {}
        }
    }
    let played = std::fs::read(dir.path().join(format!("{seq:04}.wav"))).unwrap();
    assert_eq!(voice::Wav::parse(&played).unwrap(), chime.scaled(50));
}

/// A stand-in for eSpeak NG that holds each synthesis until the test lets it go: it says on
/// `entered` (a FIFO) that it runs, waits for a line on `release` (a FIFO), then runs the real
/// engine. The test and the engine meet on pipes, never on a clock.
fn held_engine(dir: &std::path::Path) -> (std::path::PathBuf, std::path::PathBuf) {
    use std::os::unix::fs::PermissionsExt;
    let entered = dir.join("entered");
    let release = dir.join("release");
    for fifo in [&entered, &release] {
        let ok = std::process::Command::new("mkfifo")
            .arg(fifo)
            .status()
            .unwrap()
            .success();
        assert!(ok, "mkfifo {}", fifo.display());
    }
    let script = dir.join("held-espeak");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\necho entered > '{}'\nread line < '{}'\nexec espeak-ng \"$@\"\n",
            entered.display(),
            release.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    (script, dir.to_path_buf())
}

#[test]
fn say_returns_while_the_engine_is_still_working() {
    let dir = tempfile::tempdir().unwrap();
    let (script, fifos) = held_engine(dir.path());
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    let held = Settings {
        espeak: script,
        ..Settings::default()
    };
    let (mut player, reports) = Player::start(held, Output::Files(out.clone()));
    let seq = player.say(Language::En, sample(Language::En));
    // `say` has returned. Now the engine announces itself: it is running and holding.
    let entered = std::fs::read_to_string(fifos.join("entered")).unwrap();
    assert_eq!(entered.trim(), "entered");
    // The caller goes on while the engine holds: nothing has been started or finished.
    assert!(
        matches!(
            reports.try_recv(),
            Err(std::sync::mpsc::TryRecvError::Empty)
        ),
        "the player reported before the engine was let go"
    );
    // A second stage change while the first is held is taken at once too.
    let newer = player.say(Language::Ja, sample(Language::Ja));
    assert!(newer > seq);
    std::fs::write(fifos.join("release"), "go\n").unwrap();
    // The held sentence is dropped for the newer one, which the engine (held again) says
    // once released.
    let entered = std::fs::read_to_string(fifos.join("entered")).unwrap();
    assert_eq!(entered.trim(), "entered");
    std::fs::write(fifos.join("release"), "go\n").unwrap();
    let mut replaced = Vec::new();
    loop {
        match next(&reports) {
            Report::Finished { seq: s } if s == newer => break,
            Report::Replaced { seq: s } => replaced.push(s),
            Report::Failed { seq, error } => panic!("{seq}: {error}"),
            _ => {}
        }
    }
    assert_eq!(replaced, vec![seq]);
    assert!(out.join(format!("{newer:04}.wav")).is_file());
    assert!(!out.join(format!("{seq:04}.wav")).exists());
}
