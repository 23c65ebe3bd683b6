//! The headless half of `cargo xtask bench app`: card-in to the result on the clerk console
//! with the PIN typed by the bench, through every real part but the window: a private pcscd
//! with the virtual card (persona `adult`), central-sim over TLS in this process, and the
//! app's own `runtime::Desk` (card, face and centre workers and the reception flow) driven by
//! the events the screens would send. Prints markdown table rows (min / median / p95 / max)
//! for `cargo xtask bench app`, which prints the header and the window rows.
//!
//! `cargo run --release -p onshi --example app_bench -- [--runs N]`

#[path = "common/mod.rs"]
mod common;

use std::sync::Arc;
use std::time::{Duration, Instant};

use eligibility::Verdict;
use onshi_desk::flow::{Event, Method, ReaderStatus, Stage};
use onshi_desk::port::Backend;
use onshi_desk::runtime::Desk;
use reader_driver::AuthPin;
use simulators::card::{CardConfig, VirtualCard};

/// One step may wait this long (the flow's own time-outs are longer).
const STEP: Duration = Duration::from_secs(30);

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let runs: usize = match args.as_slice() {
        [] => 20,
        [flag, n] if flag == "--runs" => n.parse()?,
        _ => anyhow::bail!("usage: app_bench [--runs N]"),
    };
    let root = testbed::workspace_root();
    let pcscd = testbed::Pcscd::start()?;
    pcscd.export_env();
    let card = VirtualCard::start(CardConfig {
        vpcd: pcscd.vpcd_addr(),
        personas_dir: root.join("assets/personas"),
        pki_dir: root.join("assets/pki"),
        apdu_log: None,
    })?;
    let dir = tempfile::tempdir()?;
    let (_centre, cfg) = common::simulated_desk(dir.path())?;
    let mut desk = Desk::start(&cfg, Arc::new(|| {}))?;
    step(&mut desk, "the reader", |s, r| {
        matches!(r, ReaderStatus::Ready { .. }) && matches!(s, Stage::Waiting { .. })
    })?;

    let (mut total, mut detect, mut after_pin) = (Vec::new(), Vec::new(), Vec::new());
    // One visit more than measured: the first warms the TLS session and the caches.
    for i in 0..=runs {
        let t0 = Instant::now();
        card.insert("adult")?;
        step(&mut desk, "the method screen", |s, _| {
            matches!(s, Stage::ChooseMethod { .. })
        })?;
        let t1 = Instant::now();
        desk.send(Event::Choose(Method::Pin));
        step(&mut desk, "the PIN pad", |s, _| {
            matches!(s, Stage::Pin { .. })
        })?;
        let t2 = Instant::now();
        desk.send(Event::PinEntered(AuthPin::new("1234")?));
        loop {
            step(&mut desk, "a consent or the result", |s, _| {
                matches!(s, Stage::Consent { .. } | Stage::TakeCard { .. })
            })?;
            match desk.flow().stage().clone() {
                Stage::Consent { question } => desk.send(Event::Answer(question, true)),
                _ => break,
            }
        }
        let t3 = Instant::now();
        let valid = desk.flow().last_result().is_some_and(|r| {
            r.outcome
                .as_ref()
                .is_ok_and(|e| matches!(e.verdict, Verdict::Valid))
        });
        anyhow::ensure!(
            valid,
            "visit {i} did not end with 有効 on the clerk console"
        );
        card.remove();
        step(&mut desk, "the waiting screen", |s, _| {
            matches!(s, Stage::Waiting { .. })
        })?;
        if i > 0 {
            total.push(t3 - t0);
            detect.push(t1 - t0);
            // The PIN pad's own wait (a click) is not the desk's time.
            after_pin.push(t3 - t2);
        }
    }
    row(
        "card in → 有効 on the clerk console (PIN typed by the bench)",
        &mut total,
        "≤ 500 ms",
    );
    row(
        "  of which card in → method screen (pcscd poll + card read)",
        &mut detect,
        "",
    );
    row(
        "  of which PIN entered → result (VERIFY, consents, nonce, sign, query)",
        &mut after_pin,
        "",
    );
    Ok(())
}

fn step(
    desk: &mut Desk,
    what: &str,
    want: impl Fn(&Stage, &ReaderStatus) -> bool,
) -> anyhow::Result<()> {
    if desk.wait_for(|f| want(f.stage(), f.reader()), STEP) {
        Ok(())
    } else {
        anyhow::bail!(
            "waited {STEP:?} for {what}; the patient screen shows {:?}",
            desk.flow().stage()
        )
    }
}

fn row(what: &str, v: &mut [Duration], goal: &str) {
    v.sort();
    let ms = |d: Duration| format!("{:.0} ms", d.as_secs_f64() * 1000.0);
    let p = |q: f64| v[((v.len() - 1) as f64 * q).round() as usize];
    println!(
        "| {what} | n={} min {} · median {} · p95 {} · max {} | {goal} |",
        v.len(),
        ms(v[0]),
        ms(p(0.5)),
        ms(p(0.95)),
        ms(v[v.len() - 1]),
    );
}
