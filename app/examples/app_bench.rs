//! The headless half of `cargo xtask bench app`: card-in to the result on the clerk console
//! with the PIN typed by the bench, through every real part but the window: a private pcscd
//! with the virtual card (persona `adult`), central-sim over TLS in this process, and the
//! app's own `runtime::Desk` (card, face and centre workers and the reception flow) driven by
//! the events the screens would send. Prints markdown table rows (min / median / p95 / max)
//! for `cargo xtask bench app`, which prints the header and the window rows. Also: card placed
//! → the first patient screen drawn, and each patient stage's draw time at 800x480 (a
//! scripted flow held at each stage, the camera stage with a new 640x480 frame every draw).
//! A draw here is the CPU's part of a frame: egui's layout of the patient screen and its
//! tessellation into triangles; the GPU's part (llvmpipe on a desk without a graphics card)
//! comes on top and is not measured here.
//!
//! `cargo run --release -p onshi --example app_bench -- [--runs N | --draw-only]`

#[path = "common/mod.rs"]
mod common;

use std::sync::Arc;
use std::time::{Duration, Instant};

use eligibility::Verdict;
use face_match::{Guidance, Outcome};
use onshi::ui::{PATIENT_SIZE, PatientScreen};
use onshi_desk::flow::{
    CardPhoto, CardSummary, Event, FaceResult, Flow, InstitutionKind, Method, PinAnswer,
    ReaderStatus, Settings, Stage,
};
use onshi_desk::port::{Backend, PreviewFrame};
use onshi_desk::runtime::Desk;
use onshi_desk::testing::Scripted;
use reader_driver::AuthPin;
use reader_driver::{PinStatus, VerificationNumberB};
use simulators::card::{CardConfig, VirtualCard};
use zeroize::Zeroizing;

/// One step may wait this long (the flow's own time-outs are longer).
const STEP: Duration = Duration::from_secs(30);

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let runs: usize = match args.as_slice() {
        [] => 20,
        [flag, n] if flag == "--runs" => n.parse()?,
        // Only the stages' draw times: no pcscd, card or centre needed.
        [flag] if flag == "--draw-only" => {
            stage_draw_rows();
            return Ok(());
        }
        _ => anyhow::bail!("usage: app_bench [--runs N | --draw-only]"),
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
    let mut first_drawn = Vec::new();
    let mut screen = Screen::new();
    // One visit more than measured: the first warms the TLS session and the caches.
    for i in 0..=runs {
        let t0 = Instant::now();
        card.insert("adult")?;
        // The first screen the patient sees after placing the card (reading, or already the
        // method screen), laid out and tessellated.
        step(&mut desk, "the first visit screen", |s, _| {
            !matches!(s, Stage::Waiting { .. })
        })?;
        screen.draw(&mut desk);
        let t_first = Instant::now();
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
            first_drawn.push(t_first - t0);
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
    row(
        "card placed → first patient screen drawn (layout + tessellation)",
        &mut first_drawn,
        "≤ 300 ms",
    );
    stage_draw_rows();
    Ok(())
}

/// The patient screen in a headless egui context of the reader's size, with the app's fonts
/// and style.
struct Screen {
    ctx: egui::Context,
    patient: PatientScreen,
}

impl Screen {
    fn new() -> Screen {
        let ctx = egui::Context::default();
        onshi::ui::install_fonts(&ctx);
        onshi::ui::install_style(&ctx);
        Screen {
            ctx,
            patient: PatientScreen::new(),
        }
    }

    /// One frame: layout of the patient screen, then its tessellation.
    fn draw(&mut self, backend: &mut dyn Backend) {
        let input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, PATIENT_SIZE)),
            ..Default::default()
        };
        let patient = &mut self.patient;
        let mut out = self.ctx.run_ui(input, |ui| {
            egui::CentralPanel::default()
                .frame(egui::Frame::NONE.fill(patient.background()))
                .show(ui, |ui| {
                    patient.ui(ui, backend);
                });
        });
        let shapes = self.ctx.tessellate(out.shapes, out.pixels_per_point);
        std::hint::black_box(shapes);
        // No GPU here: the font atlas and camera uploads go nowhere (their copy is counted).
        std::hint::black_box(&out.textures_delta);
        out.textures_delta.clear();
    }
}

/// A camera frame of the size a USB camera gives, new each time (a new texture upload).
fn camera_frame(seq: u64) -> Arc<PreviewFrame> {
    let (w, h) = (640, 480);
    let rgb = (0..w * h)
        .flat_map(|i| [((i % w) * 255 / w) as u8, (seq % 255) as u8, 160])
        .collect();
    Arc::new(PreviewFrame {
        width: w,
        height: h,
        rgb,
        seq,
    })
}

/// Each patient stage held still and drawn again and again: one row per stage.
fn stage_draw_rows() {
    const WARM: usize = 5;
    const DRAWS: usize = 60;
    let mut settings = Settings::new(InstitutionKind::Medical);
    settings.offer.diagnosis = true;
    settings.offer.surgery = true;
    let mut b = Scripted::new(Flow::new(settings)).stepped(Duration::from_millis(100));
    let mut screen = Screen::new();
    b.send(Event::Reader(ReaderStatus::Ready {
        name: "Virtual PCD 00 00".into(),
    }));
    b.send(Event::VisualMode(true));
    let mut seq = 0;
    let mut measure = |b: &mut Scripted, name: &str| {
        let live = matches!(b.flow().stage(), Stage::FaceLive { .. });
        let mut times = Vec::with_capacity(DRAWS);
        for i in 0..WARM + DRAWS {
            if live {
                seq += 1;
                b.set_preview(Some(camera_frame(seq)));
            }
            let t = Instant::now();
            screen.draw(b);
            if i >= WARM {
                times.push(t.elapsed());
            }
        }
        b.set_preview(None);
        row(&format!("draw at 800×480: {name}"), &mut times, "≤ 16 ms");
    };
    let visit = |b: &Scripted| b.flow().visit_id().expect("a visit");
    measure(&mut b, "waiting");
    b.send(Event::CardInserted);
    measure(&mut b, "reading");
    let v = visit(&b);
    b.send(Event::CardRead(
        v,
        Ok(CardSummary {
            pin: PinStatus::TriesLeft(2),
            certificate_expires_soon: false,
        }),
    ));
    measure(&mut b, "choose method");
    b.send(Event::Choose(Method::Pin));
    measure(&mut b, "PIN pad");
    b.send(Event::PinEntered(AuthPin::new("5555").expect("4 digits")));
    measure(&mut b, "PIN checking");
    b.send(Event::PinChecked(v, PinAnswer::Wrong { tries_left: 1 }));
    measure(&mut b, "PIN last try");
    b.send(Event::LastTryConfirmed);
    b.send(Event::PinEntered(AuthPin::new("5555").expect("4 digits")));
    b.send(Event::PinChecked(v, PinAnswer::Locked));
    measure(&mut b, "PIN locked");
    b.send(Event::Choose(Method::Face));
    measure(&mut b, "face: number");
    b.send(Event::VerificationNumber(
        VerificationNumberB::new("55021720352285").expect("14 digits"),
    ));
    measure(&mut b, "face: photo");
    b.send(Event::PhotoRead(
        v,
        Ok(CardPhoto(Zeroizing::new(vec![0; 16]))),
    ));
    b.send(Event::FaceGuidance(v, Guidance::MoveCloser));
    measure(
        &mut b,
        "face: live camera in the oval (new 640×480 frame each draw)",
    );
    b.send(Event::FaceDone(
        v,
        FaceResult {
            outcome: Outcome::NoMatch,
            score: Some(0.1),
            attempts_left: 1,
        },
    ));
    measure(&mut b, "face failed");
    b.send(Event::Choose(Method::Visual));
    measure(&mut b, "目視");
    b.send(Event::VisualConfirmed);
    let mut n = 0;
    while let Stage::Consent { question } = b.flow().stage().clone() {
        n += 1;
        measure(&mut b, &format!("consent {n}"));
        b.send(Event::Answer(question, true));
    }
    measure(&mut b, "confirming");
    b.send(Event::ClerkCancel);
    measure(&mut b, "take the card");
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
    // Draw times in release are tenths of a millisecond: two decimals below 1 ms, one below 10.
    let ms = |d: Duration| {
        let ms = d.as_secs_f64() * 1000.0;
        if ms < 1.0 {
            format!("{ms:.2} ms")
        } else if ms < 10.0 {
            format!("{ms:.1} ms")
        } else {
            format!("{ms:.0} ms")
        }
    };
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
