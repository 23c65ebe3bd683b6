//! The README's screenshots from a real run: both windows of the app (the real screens over
//! the real `runtime::Desk`, a private pcscd with the virtual card, central-sim over TLS in
//! this process), photographed once a visit has reached its result: the patient screen asks
//! for the card back, the clerk console shows 有効 and the insurance details. The patient's
//! touches (暗証番号, the PIN, 同意する) are played by a thin wrapper around the desk that sends
//! the same events the screen's buttons send. Run under an X server:
//!
//! `xvfb-run -a -s "-screen 0 1280x800x24" cargo run -p onshi --example screenshots -- OUT_DIR`
//! (`cargo xtask screenshots` does this and writes `docs/patient.png`, `docs/clerk.png`).

#[path = "common/mod.rs"]
mod common;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use onshi::ui::{CLERK_SIZE, OnshiApp, WindowOptions};
use onshi_desk::flow::{Event, Flow, Method, ReaderStatus, Stage};
use onshi_desk::port::{Backend, DevControls, PreviewFrame};
use onshi_desk::runtime::Desk;
use reader_driver::AuthPin;
use simulators::card::{CardConfig, VirtualCard};

/// The persona shown: 後期高齢者 with the rare kanji 﨑 in the name (the bundled font's test).
const PERSONA: &str = "elderly";

/// The desk plus the patient's touches, played as the stages come.
struct Patient {
    desk: Desk,
    card: VirtualCard,
    pin: String,
    inserted: bool,
    done: Arc<AtomicBool>,
}

impl Backend for Patient {
    fn flow(&self) -> &Flow {
        self.desk.flow()
    }
    fn send(&mut self, event: Event) {
        self.desk.send(event);
    }
    fn pump(&mut self) {
        self.desk.pump();
        let stage = self.desk.flow().stage().clone();
        match stage {
            Stage::Waiting { .. }
                if !self.inserted
                    && matches!(self.desk.flow().reader(), ReaderStatus::Ready { .. }) =>
            {
                self.card
                    .insert(PERSONA)
                    .expect("insert the persona's card");
                self.inserted = true;
            }
            Stage::ChooseMethod { .. } => self.desk.send(Event::Choose(Method::Pin)),
            Stage::Pin { .. } => {
                let pin = AuthPin::new(&self.pin).expect("a 4-digit PIN");
                self.desk.send(Event::PinEntered(pin));
            }
            Stage::Consent { question } => self.desk.send(Event::Answer(question, true)),
            Stage::TakeCard { .. } => self.done.store(true, Ordering::SeqCst),
            _ => {}
        }
    }
    fn preview(&self) -> Option<Arc<PreviewFrame>> {
        self.desk.preview()
    }
    fn dev(&mut self) -> Option<&mut dyn DevControls> {
        None
    }
}

type Shot = Arc<Mutex<Option<Arc<egui::ColorImage>>>>;

/// The app's own eframe app, photographed once the visit is done.
struct Shooter {
    app: OnshiApp,
    done: Arc<AtomicBool>,
    out: PathBuf,
    frames_after: u32,
    patient: Shot,
    clerk: Shot,
    requested: bool,
    written: bool,
}

impl eframe::App for Shooter {
    fn logic(&mut self, ctx: &egui::Context, frame: &mut eframe::Frame) {
        self.app.logic(ctx, frame);
    }

    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        self.app.ui(ui, frame);
        let ctx = ui.ctx().clone();
        if !self.done.load(Ordering::SeqCst) {
            ctx.request_repaint_after(std::time::Duration::from_millis(50));
            return;
        }
        // A few frames after the result, so both windows have drawn it.
        self.frames_after += 1;
        if self.frames_after == 5 && !self.requested {
            self.requested = true;
            let (c, r) = (self.clerk.clone(), ctx.clone());
            ctx.send_viewport_cmd_to(
                egui::ViewportId::ROOT,
                egui::ViewportCommand::Screenshot(egui::ScreenshotCallback::new(move |img| {
                    *c.lock().unwrap() = Some(img);
                    r.request_repaint();
                })),
            );
            let (p, r) = (self.patient.clone(), ctx.clone());
            ctx.send_viewport_cmd_to(
                egui::ViewportId::from_hash_of("onshi-patient"),
                egui::ViewportCommand::Screenshot(egui::ScreenshotCallback::new(move |img| {
                    *p.lock().unwrap() = Some(img);
                    r.request_repaint();
                })),
            );
        }
        let clerk = self.clerk.lock().unwrap().clone();
        let patient = self.patient.lock().unwrap().clone();
        match (patient, clerk) {
            (Some(p), Some(c)) if !self.written => {
                self.written = true;
                write_png(&self.out.join("patient.png"), &p);
                write_png(&self.out.join("clerk.png"), &c);
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
            (Some(_), Some(_)) => {}
            _ => ctx.request_repaint_after(std::time::Duration::from_millis(50)),
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
    let done = Arc::new(AtomicBool::new(false));
    let patient = Patient {
        desk,
        card,
        pin,
        inserted: false,
        done: done.clone(),
    };
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
                app: OnshiApp::new(Box::new(patient), opts),
                done,
                out,
                frames_after: 0,
                patient: Shot::default(),
                clerk: Shot::default(),
                requested: false,
                written: false,
            }))
        }),
    )
    .map_err(|e| anyhow::anyhow!("the window could not open: {e}"))?;
    Ok(())
}
