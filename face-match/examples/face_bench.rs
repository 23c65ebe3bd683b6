//! `cargo xtask bench face` runs this in release: per-frame timings on 640x480 frames, the time
//! from the first good frame to the verdict, and the genuine / impostor score spreads with FAR
//! and FRR at the default threshold on the test set built from the fetched public-domain photos.

#[path = "../tests/common/mod.rs"]
mod common;

use common::*;
use face_match::{FaceEngine, Mat, MatchConfig, MatchSession, Outcome, Step};
use std::time::{Duration, Instant};

/// People and their photos: each photo of a person is in turn the card and the live feed.
const PEOPLE: &[(&str, &[&str])] = &[
    ("A", &["obama.jpg", "obama2.jpg", "obama3.jpg"]),
    ("B", &["biden.jpg"]),
    ("C", &["astronaut.png"]),
];
/// Card variants: width in px and JPEG 2000 compression ratio, all greyscale.
const CARDS: &[(i32, i32)] = &[(300, 20), (180, 20), (120, 10)];
const LIVE_FRAMES: usize = 20;

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn stats(v: &mut [f64]) -> (f64, f64, f64, f64) {
    v.sort_by(f64::total_cmp);
    let q = |p: f64| v[((v.len() - 1) as f64 * p).round() as usize];
    (q(0.0), q(0.5), q(0.95), q(1.0))
}

fn main() {
    let t = Instant::now();
    let mut engine = engine();
    let load = t.elapsed();
    // `--detect-width N` tries detection on frames scaled down to N pixels wide.
    let argv: Vec<String> = std::env::args().collect();
    let mut cfg = MatchConfig::default();
    if let Some(i) = argv.iter().position(|a| a == "--detect-width") {
        cfg.detect_width = argv[i + 1].parse().expect("--detect-width N");
    }
    println!(
        "detection on frames {} px wide\n",
        cfg.detect_width.min(640)
    );

    // 1. Per-frame timings on a live 640x480 sequence.
    let jp2 = card_jp2(&mut engine, "obama.jpg", 300, 20);
    let t = Instant::now();
    let card = engine.card_face(&jp2).unwrap();
    let card_time = t.elapsed();
    let frames = sequence(&mut engine, "obama2.jpg", &live_shots(60));
    let (mut det, mut feat, mut step) = (Vec::new(), Vec::new(), Vec::new());
    for f in &frames {
        let t = Instant::now();
        let faces = engine.detect_scaled(f, cfg.detect_width).unwrap();
        det.push(ms(t.elapsed()));
        if let Some(face) = faces.first() {
            let t = Instant::now();
            let _ = engine.feature(f, face).unwrap();
            feat.push(ms(t.elapsed()));
        }
    }
    // The whole step: a session fed the same frames (restarted after each verdict).
    let mut session = MatchSession::new(card.clone(), cfg.clone());
    let t0 = Instant::now();
    for (i, f) in frames.iter().enumerate() {
        let at = t0 + Duration::from_millis(100 * i as u64);
        let t = Instant::now();
        let s = session.feed(&mut engine, f, at).unwrap();
        step.push(ms(t.elapsed()));
        if matches!(s, Step::Verdict(_)) {
            session = MatchSession::new(card.clone(), cfg.clone());
        }
    }
    println!(
        "## face-match timings (release, {} threads)\n",
        opencv::core::get_num_threads().unwrap()
    );
    // Other work on the machine slows every number here: say how busy it was.
    let loadavg = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let loadavg: Vec<&str> = loadavg.split_whitespace().take(3).collect();
    println!(
        "load average (1/5/15 min) after the timing runs: {} on {} cores\n",
        loadavg.join(" "),
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );
    println!(
        "model load (sha256 check + YuNet + SFace): {:.0} ms; card photo JP2 300x400 -> feature: {:.1} ms\n",
        ms(load),
        ms(card_time)
    );
    println!("| per 640x480 frame | n | min ms | median ms | p95 ms | max ms |");
    println!("|---|---|---|---|---|---|");
    for (name, v) in [
        ("detection (YuNet)", &mut det),
        ("alignment + feature (SFace)", &mut feat),
        ("whole session step", &mut step),
    ] {
        let (lo, med, p95, hi) = stats(v);
        println!(
            "| {name} | {} | {lo:.1} | {med:.1} | {p95:.1} | {hi:.1} |",
            v.len()
        );
    }

    // 2. Time from the first good frame to the verdict, frames fed as fast as they are processed.
    let mut to_verdict = Vec::new();
    let mut frames_to_verdict = Vec::new();
    for live in ["obama2.jpg", "obama3.jpg"] {
        let frames = sequence(&mut engine, live, &live_shots(LIVE_FRAMES));
        for _ in 0..5 {
            let mut session = MatchSession::new(card.clone(), cfg.clone());
            let mut first_good: Option<(Instant, usize)> = None;
            for (i, f) in frames.iter().enumerate() {
                let t = Instant::now();
                match session.feed(&mut engine, f, t).unwrap() {
                    Step::Guidance(face_match::Guidance::Checking) => {
                        first_good.get_or_insert((t, i));
                    }
                    Step::Verdict(_) => {
                        let (t1, i1) = first_good.unwrap_or((t, i));
                        to_verdict.push(ms(t1.elapsed()));
                        frames_to_verdict.push((i + 1 - i1) as f64);
                        break;
                    }
                    Step::Guidance(_) => {}
                }
            }
        }
    }
    let (lo, med, p95, hi) = stats(&mut to_verdict);
    let (_, fmed, _, fhi) = stats(&mut frames_to_verdict);
    println!(
        "\n| first good frame -> verdict (genuine, frames back to back) | n | min | median | p95 | max |"
    );
    println!("|---|---|---|---|---|---|");
    println!(
        "| wall time, ms | {} | {lo:.0} | {med:.0} | {p95:.0} | {hi:.0} |",
        to_verdict.len()
    );
    println!(
        "| frames | {} | | {fmed:.0} | | {fhi:.0} |",
        frames_to_verdict.len()
    );

    // 3. Score spreads, FAR and FRR at the default threshold.
    let mut genuine_frames = Vec::new();
    let mut impostor_frames = Vec::new();
    let (mut gen_sessions, mut gen_rejects, mut imp_sessions, mut imp_accepts) = (0, 0, 0, 0);
    let live: Vec<(&str, &str, Vec<Mat>)> = PEOPLE
        .iter()
        .flat_map(|(who, photos)| photos.iter().map(move |p| (*who, *p)))
        .map(|(who, p)| (who, p, sequence(&mut engine, p, &live_shots(LIVE_FRAMES))))
        .collect();
    for (card_who, card_photos) in PEOPLE {
        for card_photo in *card_photos {
            for &(w, ratio) in CARDS {
                let jp2 = card_jp2(&mut engine, card_photo, w, ratio);
                let card = engine.card_face(&jp2).unwrap();
                for (live_who, live_photo, frames) in &live {
                    if live_photo == card_photo {
                        continue; // the same photo is not an independent sample
                    }
                    let genuine = live_who == card_who;
                    for f in frames {
                        if let Some(face) =
                            engine.detect_scaled(f, cfg.detect_width).unwrap().first()
                        {
                            let s = engine.feature(f, face).unwrap().cosine(&card.feature) as f64;
                            if genuine {
                                genuine_frames.push(s)
                            } else {
                                impostor_frames.push(s)
                            }
                        }
                    }
                    let mut session = MatchSession::new(card.clone(), cfg.clone());
                    let t0 = Instant::now();
                    let mut outcome = None;
                    for (i, f) in frames.iter().enumerate() {
                        let at = t0 + Duration::from_millis(100 * i as u64);
                        if let Step::Verdict(v) = session.feed(&mut engine, f, at).unwrap() {
                            outcome = Some(v.outcome);
                            break;
                        }
                    }
                    if genuine {
                        gen_sessions += 1;
                        if outcome != Some(Outcome::Match) {
                            gen_rejects += 1
                        }
                    } else {
                        imp_sessions += 1;
                        if outcome == Some(Outcome::Match) {
                            imp_accepts += 1
                        }
                    }
                }
            }
        }
    }
    let thr = cfg.threshold as f64;
    let far_f = impostor_frames.iter().filter(|s| **s >= thr).count();
    let frr_f = genuine_frames.iter().filter(|s| **s < thr).count();
    let (gn, inn) = (genuine_frames.len(), impostor_frames.len());
    let (glo, gmed, _, ghi) = stats(&mut genuine_frames);
    let g5 = genuine_frames[(gn as f64 * 0.05) as usize];
    let (ilo, imed, ip95, ihi) = stats(&mut impostor_frames);
    println!("\n## scores (cosine, threshold {thr:.3})\n");
    println!(
        "Test set: 3 people (A: 3 photos, B: 1, C: 1), each photo in turn a greyscale JP2 card at {CARDS:?} (width px, ratio) against the other photos as {LIVE_FRAMES}-frame live sequences (letterboxed, brightness 0.75-1.2x, blur up to sigma 1.2, small shifts). Very small: indicative only.\n"
    );
    println!("| set | frames | min | p5 / p95 | median | max | at/above threshold |");
    println!("|---|---|---|---|---|---|---|");
    println!(
        "| genuine (frames) | {gn} | {glo:.3} | p5 {g5:.3} | {gmed:.3} | {ghi:.3} | {} |",
        gn - frr_f
    );
    println!(
        "| impostor (frames) | {inn} | {ilo:.3} | p95 {ip95:.3} | {imed:.3} | {ihi:.3} | {far_f} |"
    );
    println!("\n| rate at the default threshold | per frame | per session (verdict) |");
    println!("|---|---|---|");
    println!(
        "| FRR (genuine refused) | {frr_f}/{gn} = {:.1} % | {gen_rejects}/{gen_sessions} = {:.1} % |",
        100.0 * frr_f as f64 / gn as f64,
        100.0 * gen_rejects as f64 / gen_sessions.max(1) as f64
    );
    println!(
        "| FAR (impostor accepted) | {far_f}/{inn} = {:.1} % | {imp_accepts}/{imp_sessions} = {:.1} % |",
        100.0 * far_f as f64 / inn as f64,
        100.0 * imp_accepts as f64 / imp_sessions.max(1) as f64
    );
    let _ = FaceEngine::load_default; // keeps the import honest for readers of the example
}
