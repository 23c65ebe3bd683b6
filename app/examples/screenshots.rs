//! The README's screenshots from a real run: both windows of the app (the real screens over
//! the real `runtime::Desk`, a private pcscd with the virtual card, central-sim over TLS in
//! this process). Two visits of the same patient: the first in Japanese, the second in
//! Chinese (chosen with one tap on the first screen, as a patient would). The patient screen
//! is photographed at each stage a patient meets (`docs/patient-<lang>-<stage>.png`); once the
//! first visit has reached its result both windows are photographed as well: the patient
//! screen asks for the card back, the clerk console shows 有効 and the insurance details. The
//! patient's touches (暗証番号, the PIN, 同意する) are played from the pump hook of the scripted
//! port over the desk (`onshi_desk::testing::Scripted::over`), sending the same events the
//! screen's buttons send, and wait while a stage is being photographed. Run under an X server:
//!
//! `xvfb-run -a -s "-screen 0 1280x800x24" cargo run -p onshi --example screenshots -- OUT_DIR`
//! (`cargo xtask screenshots` does this and writes `docs/patient*.png`, `docs/clerk.png`).

#[path = "common/mod.rs"]
mod common;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use onshi::ui::{CLERK_SIZE, OnshiApp, WindowOptions};
use onshi_desk::Lang;
use onshi_desk::flow::{Event, Method, ReaderStatus, Stage};
use onshi_desk::port::Backend;
use onshi_desk::runtime::Desk;
use onshi_desk::testing::Scripted;
use reader_driver::AuthPin;
use simulators::card::{CardConfig, VirtualCard};

/// The persona shown: 後期高齢者 with the rare kanji 﨑 in the name (the bundled font's test).
const PERSONA: &str = "elderly";

/// The stages photographed on the patient screen, by the file name they get.
fn stage_name(stage: &Stage) -> Option<&'static str> {
    Some(match stage {
        Stage::Waiting { notice: None } => "1-waiting",
        Stage::ChooseMethod { .. } => "2-choose-method",
        Stage::Pin { .. } => "3-pin",
        Stage::Consent { .. } => "4-consent",
        Stage::TakeCard { trouble: None } => "5-take-card",
        _ => return None,
    })
}

/// The visits: the desk's language first, then the one a patient taps.
const VISITS: [Lang; 2] = [Lang::Ja, Lang::Zh];

/// What the patient and the camera share: the stage waiting to be photographed (the
/// patient does not touch until it is taken) and the ones already taken.
#[derive(Default)]
struct Album {
    /// `patient-<lang>-<stage>` waiting for its picture.
    wanted: Option<String>,
    taken: Vec<String>,
}

/// The patient's touches, played as the stages come: insert the card once the reader is
/// ready, choose 暗証番号, enter the PIN, agree to every question, take the card at 「カード
/// をお取りください」; the second visit taps its language on the first screen.
struct Patient {
    card: VirtualCard,
    pin: String,
    visit: usize,
    inserted: bool,
    album: Arc<Mutex<Album>>,
    /// The first visit's result is on both screens.
    first_done: Arc<AtomicBool>,
    all_done: Arc<AtomicBool>,
}

impl Patient {
    fn touch(&mut self, desk: &mut dyn Backend) {
        let Some(&lang) = VISITS.get(self.visit) else {
            return;
        };
        let stage = desk.flow().stage().clone();
        let ready = matches!(desk.flow().reader(), ReaderStatus::Ready { .. });
        if let Stage::Waiting { .. } = stage
            && !self.inserted
            && desk.flow().lang() != lang
        {
            desk.send(Event::Language(lang));
            return;
        }
        // Each stage once per visit, photographed before the patient moves on.
        if let Some(name) = stage_name(&stage)
            && desk.flow().lang() == lang
            && desk.flow().card_present() == self.inserted
            && (ready || !matches!(stage, Stage::Waiting { .. }))
        {
            let file = format!("patient-{}-{name}", lang.code());
            let mut album = self.album.lock().unwrap();
            if !album.taken.contains(&file) {
                album.wanted = Some(file);
                return;
            }
        }
        match stage {
            Stage::Waiting { .. } if !self.inserted && ready => {
                self.card
                    .insert(PERSONA)
                    .expect("insert the persona's card");
                self.inserted = true;
            }
            Stage::ChooseMethod { .. } => desk.send(Event::Choose(Method::Pin)),
            Stage::Pin { .. } => {
                let pin = AuthPin::new(&self.pin).expect("a 4-digit PIN");
                desk.send(Event::PinEntered(pin));
            }
            Stage::Consent { question } => desk.send(Event::Answer(question, true)),
            Stage::TakeCard { .. } if self.inserted => {
                if self.visit == 0 && !self.first_done.swap(true, Ordering::SeqCst) {
                    // Both windows are photographed with the result before the card goes.
                    return;
                }
                if self.visit == 0
                    && !self
                        .album
                        .lock()
                        .unwrap()
                        .taken
                        .iter()
                        .any(|t| t == "clerk")
                {
                    return;
                }
                self.card.remove();
                self.inserted = false;
                self.visit += 1;
                if self.visit == VISITS.len() {
                    self.all_done.store(true, Ordering::SeqCst);
                }
            }
            _ => {}
        }
    }
}

type Shot = Arc<Mutex<Option<Arc<egui::ColorImage>>>>;

/// The app's own eframe app, photographing the patient screen at each wanted stage and
/// both windows once the first visit is done.
struct Shooter {
    app: OnshiApp,
    album: Arc<Mutex<Album>>,
    first_done: Arc<AtomicBool>,
    all_done: Arc<AtomicBool>,
    out: PathBuf,
    /// Frames drawn since the wanted picture was asked for (both windows settle first).
    settle: u32,
    patient: Shot,
    clerk: Shot,
    requested: bool,
}

impl Shooter {
    fn ask(&self, ctx: &egui::Context, viewport: egui::ViewportId, into: &Shot) {
        let (s, r) = (into.clone(), ctx.clone());
        ctx.send_viewport_cmd_to(
            viewport,
            egui::ViewportCommand::Screenshot(egui::ScreenshotCallback::new(move |img| {
                *s.lock().unwrap() = Some(img);
                r.request_repaint();
            })),
        );
    }
}

impl eframe::App for Shooter {
    fn logic(&mut self, ctx: &egui::Context, frame: &mut eframe::Frame) {
        self.app.logic(ctx, frame);
    }

    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        self.app.ui(ui, frame);
        let ctx = ui.ctx().clone();
        ctx.request_repaint_after(std::time::Duration::from_millis(50));
        let patient_view = egui::ViewportId::from_hash_of("onshi-patient");
        let wanted = self.album.lock().unwrap().wanted.clone();
        if let Some(file) = wanted {
            self.settle += 1;
            if self.settle == 5 && !self.requested {
                self.requested = true;
                self.ask(&ctx, patient_view, &self.patient.clone());
            }
            if let Some(img) = self.patient.lock().unwrap().take() {
                write_png(&self.out.join(format!("{file}.png")), &img);
                let mut album = self.album.lock().unwrap();
                album.taken.push(file);
                album.wanted = None;
                self.settle = 0;
                self.requested = false;
            }
            return;
        }
        let clerk_taken = self
            .album
            .lock()
            .unwrap()
            .taken
            .iter()
            .any(|t| t == "clerk");
        if self.first_done.load(Ordering::SeqCst) && !clerk_taken {
            // The first visit's result: both windows, a few frames after it arrived.
            self.settle += 1;
            if self.settle == 5 && !self.requested {
                self.requested = true;
                self.ask(&ctx, egui::ViewportId::ROOT, &self.clerk.clone());
                self.ask(&ctx, patient_view, &self.patient.clone());
            }
            let clerk = self.clerk.lock().unwrap().clone();
            let patient = self.patient.lock().unwrap().clone();
            if let (Some(p), Some(c)) = (patient, clerk) {
                write_png(&self.out.join("patient.png"), &p);
                write_png(&self.out.join("clerk.png"), &c);
                *self.patient.lock().unwrap() = None;
                self.album.lock().unwrap().taken.push("clerk".into());
                self.settle = 0;
                self.requested = false;
            }
            return;
        }
        if self.all_done.load(Ordering::SeqCst) {
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }
}

fn write_png(path: &Path, img: &egui::ColorImage) {
    let [w, h] = img.size;
    let bytes: Vec<u8> = img.pixels.iter().flat_map(|c| c.to_array()).collect();
    let file = std::io::BufWriter::new(std::fs::File::create(path).expect("create PNG"));
    let mut enc = png::Encoder::new(file, w as u32, h as u32);
    enc.set_color(png::ColorType::Rgba);
    enc.set_depth(png::BitDepth::Eight);
    let mut wr = enc.write_header().expect("PNG header");
    wr.write_image_data(&bytes).expect("PNG data");
    println!("{}", path.display());
}

fn main() -> anyhow::Result<()> {
    let out = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "docs".to_string()),
    );
    std::fs::create_dir_all(&out)?;
    let root = testbed::workspace_root();
    let personas = root.join("assets/personas");
    let pin = simulators::card::persona(&personas, PERSONA)?
        .toml
        .jpki
        .auth_pin
        .clone();
    let pcscd = testbed::Pcscd::start()?;
    pcscd.export_env();
    let card = VirtualCard::start(CardConfig {
        vpcd: pcscd.vpcd_addr(),
        personas_dir: personas,
        pki_dir: root.join("assets/pki"),
        apdu_log: None,
    })?;
    let dir = tempfile::tempdir()?;
    let (_centre, cfg) = common::simulated_desk(dir.path())?;
    // The shooter repaints every 50 ms until the result is in: no wake-up needed.
    let desk = Desk::start(&cfg, Arc::new(|| {}))?;
    let album = Arc::new(Mutex::new(Album::default()));
    let (first_done, all_done) = (
        Arc::new(AtomicBool::new(false)),
        Arc::new(AtomicBool::new(false)),
    );
    let mut patient = Patient {
        card,
        pin,
        visit: 0,
        inserted: false,
        album: album.clone(),
        first_done: first_done.clone(),
        all_done: all_done.clone(),
    };
    // The real desk, with the patient's touches played after each pump.
    let desk = Scripted::over(Box::new(desk)).on_pump(move |desk| patient.touch(desk));
    let opts = WindowOptions {
        clerk_lang: cfg.lang,
        ..Default::default()
    };
    let native = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Onshi Desk — clerk")
            .with_inner_size(CLERK_SIZE),
        ..Default::default()
    };
    eframe::run_native(
        "onshi-screenshots",
        native,
        Box::new(move |cc| {
            onshi::ui::install_fonts(&cc.egui_ctx);
            onshi::ui::install_style(&cc.egui_ctx);
            Ok(Box::new(Shooter {
                app: OnshiApp::new(Box::new(desk), opts),
                album,
                first_done,
                all_done,
                out,
                settle: 0,
                patient: Shot::default(),
                clerk: Shot::default(),
                requested: false,
            }))
        }),
    )
    .map_err(|e| anyhow::anyhow!("the window could not open: {e}"))?;
    Ok(())
}
