//! `cargo xtask bench voice` (second table): spoken guidance as the desk runs it, from a stage
//! change to the start of its sound. A reception flow is driven through PIN visits (method,
//! PIN, a wrong PIN, the consents, take the card, waiting) in each language; after every event
//! the runtime's voice worker is shown the flow, as `Desk::apply` does, and the time from its
//! `say` (right after the flow changed stage) to the player's output start is taken from the
//! player's reports. The sound goes to files (a bench machine has no sound card): output start
//! is the WAV handed to its output, as `aplay` would be started on a desk. Each sentence is
//! waited out before the next event, so none is cut. Prints a markdown table.

use eligibility::client::{CardProof, Eligibility};
use onshi_desk::Lang;
use onshi_desk::config::VoiceConfig;
use onshi_desk::flow::{
    CardSummary, Event, Flow, InstitutionKind, Method, PinAnswer, ReaderStatus, Settings, Stage,
};
use onshi_desk::runtime::voice::Voice;
use std::sync::mpsc::Receiver;
use std::time::{Duration, Instant};
use voice::player::Report;

fn pct(v: &mut [Duration], p: usize) -> f64 {
    v.sort();
    let i = (v.len() * p)
        .div_ceil(100)
        .saturating_sub(1)
        .min(v.len() - 1);
    v[i].as_secs_f64() * 1000.0
}

/// Waits for the sentence `seq` to be heard out; its latency to sound.
fn heard(reports: &Receiver<Report>, seq: u64) -> Duration {
    let mut latency = None;
    loop {
        match reports.recv_timeout(Duration::from_secs(30)) {
            Ok(Report::Started { seq: s, latency: l }) if s == seq => latency = Some(l),
            Ok(Report::Finished { seq: s }) if s == seq => {
                return latency.expect("a sentence starts before it finishes");
            }
            Ok(Report::Failed { error, .. }) => panic!("spoken guidance failed: {error}"),
            Ok(_) => {}
            Err(e) => panic!("no report from the voice worker ({e})"),
        }
    }
}

/// One PIN visit in `lang`; every sentence's latency pushed to `out`.
fn visit(lang: Lang, voice: &mut Voice, reports: &Receiver<Report>, out: &mut Vec<Duration>) {
    let mut flow = Flow::new(Settings::new(InstitutionKind::Medical));
    let now = Instant::now();
    let mut ev = |flow: &mut Flow, e: Event| {
        flow.handle(e, now);
        if let Some((spoken, seq)) = voice.follow(flow) {
            let latency = heard(reports, seq);
            // The waiting screen after the visit is in the desk's own language: not this
            // language's row.
            if spoken.lang == lang {
                out.push(latency);
            }
        }
    };
    ev(&mut flow, Event::Language(lang));
    ev(
        &mut flow,
        Event::Reader(ReaderStatus::Ready {
            name: "Virtual PCD 00 00".into(),
        }),
    );
    ev(&mut flow, Event::CardInserted);
    let v = flow.visit_id().expect("a visit");
    let summary = CardSummary {
        pin: reader_driver::PinStatus::TriesLeft(3),
        certificate_expires_soon: false,
    };
    ev(&mut flow, Event::CardRead(v, Ok(summary)));
    ev(&mut flow, Event::Choose(Method::Pin));
    let pin = || reader_driver::AuthPin::new("0000").expect("a 4-digit PIN");
    ev(&mut flow, Event::PinEntered(pin()));
    ev(
        &mut flow,
        Event::PinChecked(v, PinAnswer::Wrong { tries_left: 2 }),
    );
    ev(&mut flow, Event::PinEntered(pin()));
    ev(&mut flow, Event::PinChecked(v, PinAnswer::Verified));
    while let Stage::Consent { question } = flow.stage().clone() {
        ev(&mut flow, Event::Answer(question, true));
    }
    ev(&mut flow, Event::Nonce(v, Ok("bm9uY2U=".into())));
    let proof = CardProof {
        certificate_der: vec![0x30],
        nonce: "bm9uY2U=".into(),
        signature: vec![1; 256],
        method: Method::Pin.wire(),
    };
    ev(&mut flow, Event::Signed(v, Ok(proof)));
    let result = Box::new(Eligibility {
        verdict: eligibility::Verdict::Valid,
        validity: None,
        results: Vec::new(),
        response: eligibility::xml::QualificationResponse {
            header: Default::default(),
            body: Default::default(),
        },
    });
    ev(&mut flow, Event::Checked(v, Ok(result)));
    ev(&mut flow, Event::CardRemoved);
}

fn main() {
    let visits: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(5);
    let dir = tempfile::tempdir().expect("a folder for the bench's sound files");
    let cfg = VoiceConfig {
        enabled: true,
        output: voice::Output::Files(dir.path().into()),
        ..VoiceConfig::off()
    };
    println!(
        "spoken guidance in the desk: stage change → sound, eSpeak NG, {visits} PIN visits per language, sound to files"
    );
    println!("| language | sentences | stage change → sound p50 ms | p95 ms | max ms |");
    println!("|---|---:|---:|---:|---:|");
    for lang in Lang::ALL {
        let mut voice = Voice::start(&cfg);
        let reports = voice.take_reports().expect("the voice is on");
        let mut lat = Vec::new();
        for _ in 0..visits {
            visit(lang, &mut voice, &reports, &mut lat);
        }
        let max = lat.iter().max().copied().unwrap_or_default();
        println!(
            "| {lang:?} | {} | {:.0} | {:.0} | {:.0} |",
            lat.len(),
            pct(&mut lat, 50),
            pct(&mut lat, 95),
            max.as_secs_f64() * 1000.0
        );
    }
}
