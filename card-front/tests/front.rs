//! The card-front reader against the virtual card front: every persona's front, drawn by the
//! simulator and captured by the virtual camera, read through the real Tesseract to the
//! 照合番号B the virtual card holds; every kind of trouble answered with its problem and never
//! with a certain reading that is wrong; the agreement rules on readings made by hand; the
//! image-file and image-sequence sources.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use card_front::{
    Agreement, AgreementRules, Calendar, Confidence, FrameProblem, FrameRead, FrontParts,
    FrontReader, FrontReading, FrontSource, ImageFront, Mat, Progress, ReaderConfig, VideoFront,
    parse,
};
use opencv::core::Vector;
use opencv::imgcodecs;
use simulators::front::{self, BirthStyle, Font, FrontFace, Trouble};
use time::macros::date;
use zeroize::Zeroizing;

/// The day the tests read cards on (fixed, so the expiry range does not move under them).
const TODAY: time::Date = date!(2026 - 12 - 05);

fn assets() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../assets")
}

fn font() -> &'static Font {
    static FONT: OnceLock<Font> = OnceLock::new();
    FONT.get_or_init(|| front::load_font(&assets()).expect("assets/fonts"))
}

/// One reader for the whole binary: Tesseract takes a while to load.
fn reader() -> std::sync::MutexGuard<'static, FrontReader> {
    static READER: OnceLock<Mutex<FrontReader>> = OnceLock::new();
    READER
        .get_or_init(|| {
            Mutex::new(FrontReader::new(ReaderConfig::default()).unwrap_or_else(|e| panic!("{e}")))
        })
        .lock()
        .unwrap_or_else(|p| p.into_inner())
}

fn persona_ids() -> Vec<String> {
    simulators::card::persona_ids(&assets().join("personas")).expect("personas")
}

fn face(id: &str) -> FrontFace {
    let p = simulators::card::persona(&assets().join("personas"), id).expect("persona");
    FrontFace::from_persona(&p)
}

struct Outcome {
    /// The digits of the first certain reading, if any.
    certain: Option<Zeroizing<[u8; 14]>>,
    calendar: Option<Calendar>,
    problems: Vec<FrameProblem>,
}

/// Feeds captures `seeds` of `face` with `trouble` through the reader and the agreement until
/// a reading is certain or the captures run out.
fn run(face: &FrontFace, trouble: Trouble, seeds: std::ops::Range<u64>) -> Outcome {
    let card = front::render_front(face, font()).expect("render");
    let other = front::render_other_card(face, font()).expect("render");
    let mut agreement = Agreement::new(AgreementRules::new(TODAY));
    let mut problems = Vec::new();
    let mut reader = reader();
    for seed in seeds {
        let frame = front::capture(&card, &other, trouble, seed).expect("capture");
        match agreement.feed(reader.read(&frame).expect("read")) {
            Progress::Certain(parts) => {
                return Outcome {
                    certain: Some(parts.digits()),
                    calendar: Some(parts.calendar),
                    problems,
                };
            }
            Progress::Problem(p) => problems.push(p),
            Progress::Reading { .. } | Progress::Doubtful(_) => {}
        }
    }
    Outcome {
        certain: None,
        calendar: None,
        problems,
    }
}

fn digits(d: &Zeroizing<[u8; 14]>) -> String {
    String::from_utf8(d.to_vec()).unwrap()
}

#[test]
fn every_persona_front_reads_to_the_cards_verification_number_b() {
    let ids = persona_ids();
    assert!(ids.len() >= 9, "personas missing: {ids:?}");
    for id in ids {
        let f = face(&id);
        let out = run(&f, Trouble::Clean, 0..8);
        let got = out
            .certain
            .unwrap_or_else(|| panic!("{id}: no certain reading; problems {:?}", out.problems));
        assert_eq!(digits(&got), f.expected_b(), "{id}");
        assert!(matches!(out.calendar, Some(Calendar::Era(_))), "{id}");
    }
}

#[test]
fn a_foreign_residents_front_in_seireki_reads_too() {
    let mut f = face("unregistered");
    f.name = "SMITH JANE".into();
    f.birth_style = BirthStyle::Seireki;
    let out = run(&f, Trouble::Clean, 0..8);
    let got = out.certain.expect("certain reading");
    assert_eq!(out.calendar, Some(Calendar::Gregorian));
    // PROPOSED (lib.rs, FrontParts::digits): the birth part stays 和暦 YYMMDD.
    assert_eq!(digits(&got), f.expected_b());
}

#[test]
fn mild_trouble_is_still_read_right() {
    let f = face("adult");
    for trouble in [
        Trouble::Tilted,
        Trouble::SoftFocus,
        Trouble::Dim,
        Trouble::GlareAside,
        Trouble::UpsideDown,
    ] {
        let out = run(&f, trouble, 100..110);
        let got = out.certain.unwrap_or_else(|| {
            panic!(
                "{}: no certain reading; problems {:?}",
                trouble.name(),
                out.problems
            )
        });
        assert_eq!(digits(&got), f.expected_b(), "{}", trouble.name());
    }
}

#[test]
fn each_trouble_gives_its_problem_and_never_a_reading() {
    let f = face("elderly");
    for (trouble, expected) in [
        (Trouble::Blurred, FrameProblem::Blurred),
        (Trouble::Dark, FrameProblem::TooDark),
        (Trouble::Glare, FrameProblem::Glare),
        (Trouble::OtherCard, FrameProblem::NotMyNumberCard),
        (Trouble::NoCard, FrameProblem::NoCard),
    ] {
        let out = run(&f, trouble, 200..206);
        assert!(
            out.certain.is_none(),
            "{}: a certain reading from a troubled frame",
            trouble.name()
        );
        assert_eq!(
            out.problems.len(),
            6,
            "{}: {:?}",
            trouble.name(),
            out.problems
        );
        assert!(
            out.problems.iter().all(|p| *p == expected),
            "{}: {:?}",
            trouble.name(),
            out.problems
        );
    }
}

fn hand_read(text: &str, year: u16, code: &[u8; 4], least: u8) -> FrameRead {
    FrameRead::Read(FrontReading {
        parts: FrontParts::new(
            parse::birth_line(text).expect("a birth line"),
            year,
            Zeroizing::new(*code),
        ),
        confidence: Confidence {
            birth: 90,
            expiry: 90,
            security_code: least,
        },
        turned: false,
    })
}

#[test]
fn readings_that_differ_or_are_unsure_never_become_certain() {
    let mut a = Agreement::new(AgreementRules::new(TODAY));
    // Alternating readings never reach three in a row.
    for i in 0..10 {
        let code = if i % 2 == 0 { b"2285" } else { b"2265" };
        let p = a.feed(hand_read("昭和55年2月17日生", 2035, code, 95));
        assert!(!matches!(p, Progress::Certain(_)), "frame {i}");
    }
    assert_eq!(a.disagreements(), 9);
    // Unsure readings do not count, whatever they say.
    let mut a = Agreement::new(AgreementRules::new(TODAY));
    for _ in 0..5 {
        let p = a.feed(hand_read("昭和55年2月17日生", 2035, b"2285", 20));
        assert!(matches!(
            p,
            Progress::Doubtful(card_front::Doubt::LowConfidence)
        ));
    }
    // An expiry no card in use can have, or a birth after today, is not counted.
    let p = a.feed(hand_read("昭和55年2月17日生", 2095, b"2285", 95));
    assert!(matches!(
        p,
        Progress::Doubtful(card_front::Doubt::ExpiryOutOfRange)
    ));
    let p = a.feed(hand_read("令和8年12月24日生", 2035, b"2285", 95));
    assert!(matches!(
        p,
        Progress::Doubtful(card_front::Doubt::BornInFuture)
    ));
    // The card taken away between frames starts the count again.
    let mut a = Agreement::new(AgreementRules::new(TODAY));
    a.feed(hand_read("昭和55年2月17日生", 2035, b"2285", 95));
    a.feed(hand_read("昭和55年2月17日生", 2035, b"2285", 95));
    a.feed(FrameRead::Problem(FrameProblem::NoCard));
    let p = a.feed(hand_read("昭和55年2月17日生", 2035, b"2285", 95));
    assert!(matches!(
        p,
        Progress::Reading {
            agreeing: 1,
            needed: 3
        }
    ));
    a.feed(hand_read("昭和55年2月17日生", 2035, b"2285", 95));
    let p = a.feed(hand_read("昭和55年2月17日生", 2035, b"2285", 95));
    let Progress::Certain(parts) = p else {
        panic!("three agreeing frames are certain")
    };
    assert_eq!(&*parts.digits(), b"55021720352285");
}

fn write_png(path: &Path, m: &Mat) {
    imgcodecs::imwrite(path.to_str().unwrap(), m, &Vector::new()).expect("imwrite");
}

#[test]
fn image_file_and_image_sequence_sources_feed_the_reader() {
    let f = face("child");
    let card = front::render_front(&f, font()).unwrap();
    let other = front::render_other_card(&f, font()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    for i in 0..3u64 {
        let frame = front::capture(&card, &other, Trouble::Clean, 300 + i).unwrap();
        write_png(&dir.path().join(format!("f_{i:03}.png")), &frame);
    }
    // A sequence: three frames, then the end.
    let pattern = dir.path().join("f_%03d.png");
    let mut seq = VideoFront::open(pattern.to_str().unwrap()).expect("sequence");
    let mut agreement = Agreement::new(AgreementRules::new(TODAY));
    let mut certain = None;
    while let Some(frame) = seq.next_frame().unwrap() {
        if let Progress::Certain(p) = agreement.feed(reader().read(&frame).unwrap()) {
            certain = Some(p.digits());
        }
    }
    assert_eq!(
        digits(&certain.expect("certain from the sequence")),
        f.expected_b()
    );
    // A scanner's file: the same image each time.
    let mut file = ImageFront::new(&dir.path().join("f_001.png"));
    let frame = file.next_frame().unwrap().expect("a frame");
    assert!(matches!(reader().read(&frame).unwrap(), FrameRead::Read(_)));
    // Not an image: an error that names the file, not a panic.
    std::fs::write(dir.path().join("bad.png"), b"not a png").unwrap();
    let err = ImageFront::new(&dir.path().join("bad.png"))
        .next_frame()
        .unwrap_err();
    assert!(err.to_string().contains("bad.png"), "{err}");
}

/// A log writer that keeps what was written, to look for the card's digits in it.
#[derive(Clone, Default)]
struct Captured(std::sync::Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn reading_a_card_logs_none_of_its_digits_even_at_trace_level() {
    let f = face("two-tries");
    let log = Captured::default();
    let writer = log.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(move || writer.clone())
        .with_ansi(false)
        // A timestamp's digits could hold the code's four by chance.
        .without_time()
        .finish();
    let out = tracing::subscriber::with_default(subscriber, || run(&f, Trouble::Clean, 400..408));
    let got = out.certain.expect("certain reading");
    assert_eq!(digits(&got), f.expected_b());
    let text = String::from_utf8(log.0.lock().unwrap().clone()).unwrap();
    assert!(
        text.contains("card front"),
        "the reader logged nothing: {text}"
    );
    let b = f.expected_b();
    for secret in [&b[..], &b[0..6], &b[6..10], &b[10..14], "1975", "昭和"] {
        assert!(!text.contains(secret), "the log holds {secret:?}");
    }
}
