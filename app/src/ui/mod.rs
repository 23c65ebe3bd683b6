//! The screens: the patient screen (the reader's touch display), the clerk console (one room
//! per tab under `clerk/`) and the developer panel, drawn with egui from [`Backend::flow`]
//! with the widgets and size tokens of `kit`, and turning touches and keys into
//! [`onshi_desk::flow::Event`]s. [`OnshiApp`] puts them into two OS windows (egui viewports)
//! or side by side in one, pumps the backend once per frame and asks for the next frame only
//! while a visit or a camera preview needs it, so an idle desk does not spin.

pub mod clerk;
pub mod dev;
pub mod fonts;
pub mod kit;
pub mod patient;
mod table_keys;

pub use clerk::ClerkConsole;
pub use fonts::install_fonts;
pub use kit::install_style;
pub use patient::PatientScreen;

use onshi_desk::Lang;
use onshi_desk::config::PatientConfig;
use onshi_desk::port::Backend;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

/// Size of the patient screen (the reader's display).
pub const PATIENT_SIZE: egui::Vec2 = egui::vec2(800.0, 480.0);
/// Size of the clerk console.
pub const CLERK_SIZE: egui::Vec2 = egui::vec2(1280.0, 800.0);

/// How the app opens its windows.
#[derive(Debug, Clone)]
pub struct WindowOptions {
    /// Both screens side by side in one window instead of two windows.
    pub single_window: bool,
    /// The clerk console's language.
    pub clerk_lang: Lang,
    /// Take an in-process screenshot of each window once it shows the waiting screen, write
    /// `<path>-patient.png` and `<path>-clerk.png`, then close.
    pub screenshot_to: Option<PathBuf>,
    /// `[patient]`: the patient screen's type size and contrast, and whether its window is a
    /// kiosk on a named monitor (two-window mode only).
    pub patient: PatientConfig,
}

impl Default for WindowOptions {
    fn default() -> Self {
        WindowOptions {
            single_window: false,
            clerk_lang: Lang::Ja,
            screenshot_to: None,
            patient: PatientConfig::default(),
        }
    }
}

/// The running app's egui context, for [`wake`].
static CONTEXT: OnceLock<egui::Context> = OnceLock::new();

/// Asks the screens for a new frame now (from any thread): the workers call it after they
/// queued an answer for the flow, so the answer shows without polling. Does nothing before
/// [`run`] has opened the windows.
pub fn wake() {
    if let Some(ctx) = CONTEXT.get() {
        // The root window pumps the backend and then repaints the patient's window.
        ctx.request_repaint_of(egui::ViewportId::ROOT);
    }
}

/// Opens the windows and runs until they are closed.
pub fn run(backend: Box<dyn Backend + Send>, opts: WindowOptions) -> Result<(), eframe::Error> {
    let size = if opts.single_window {
        egui::vec2(PATIENT_SIZE.x + CLERK_SIZE.x, CLERK_SIZE.y)
    } else {
        CLERK_SIZE
    };
    let title = if opts.single_window {
        "Onshi Desk"
    } else {
        "Onshi Desk — clerk"
    };
    let native = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title(title)
            .with_app_id("onshi-desk")
            .with_inner_size(size),
        ..Default::default()
    };
    eframe::run_native(
        "onshi-desk",
        native,
        Box::new(move |cc| {
            install_fonts(&cc.egui_ctx);
            install_style(&cc.egui_ctx);
            let _ = CONTEXT.set(cc.egui_ctx.clone());
            Ok(Box::new(OnshiApp::new(backend, opts)))
        }),
    )
}

/// Screenshots taken so far (filled by egui's callbacks, which may run later in the frame).
#[derive(Default)]
struct Shots {
    patient: Option<Arc<egui::ColorImage>>,
    clerk: Option<Arc<egui::ColorImage>>,
}

/// What both windows draw from: the patient window is a deferred viewport (its own OS
/// window, painted on its own), so it reaches the backend through a lock.
struct Shared {
    backend: Box<dyn Backend + Send>,
    patient: PatientScreen,
}

fn lock(shared: &Mutex<Shared>) -> std::sync::MutexGuard<'_, Shared> {
    // A panic while drawing leaves nothing half-changed that matters: keep going.
    shared.lock().unwrap_or_else(|e| e.into_inner())
}

/// The eframe app: the backend and both screens.
pub struct OnshiApp {
    shared: Arc<Mutex<Shared>>,
    clerk: ClerkConsole,
    opts: WindowOptions,
    frames: u64,
    shots: Arc<Mutex<Shots>>,
    shots_requested: bool,
}

impl OnshiApp {
    pub fn new(backend: Box<dyn Backend + Send>, opts: WindowOptions) -> OnshiApp {
        OnshiApp {
            shared: Arc::new(Mutex::new(Shared {
                backend,
                patient: PatientScreen::with_look(kit::look::PatientLook::new(
                    opts.patient.text_size,
                    opts.patient.contrast,
                )),
            })),
            clerk: ClerkConsole::new(opts.clerk_lang),
            opts,
            frames: 0,
            shots: Arc::default(),
            shots_requested: false,
        }
    }

    /// The next frame is needed by a timer or a live view only while something is under way;
    /// an idle desk waits for input or [`wake`] (and looks again every 5 s, in case the
    /// backend has no way to wake us).
    fn schedule_repaint(&self, ctx: &egui::Context, backend: &dyn Backend) {
        let flow = backend.flow();
        let until_deadline = flow.deadline().map(|d| {
            d.saturating_duration_since(Instant::now())
                .max(Duration::from_millis(100))
        });
        let after = if backend.preview().is_some() {
            Duration::from_millis(66)
        } else if flow.visit_id().is_some() {
            // A visit: answers and time-outs are due; the backend's wake-up usually comes first.
            until_deadline
                .unwrap_or(Duration::from_millis(200))
                .min(Duration::from_millis(200))
        } else if let Some(d) = until_deadline {
            // The waiting screen's notice goes away at its deadline.
            d
        } else {
            // Idle (also with a card left on the reader): input and [`wake`] bring the next
            // frame; this slow look is only a safety net for a backend that cannot wake us.
            Duration::from_secs(5)
        };
        ctx.request_repaint_after(after);
    }

    /// Whether the desk has a patient screen: a generic card reader has none (the clerk drives
    /// the visit from the console).
    fn patient_screen(&self) -> bool {
        lock(&self.shared).backend.flow().settings().reader == onshi_desk::flow::ReaderKind::Face
    }

    /// Screenshot mode: once the waiting screen has been drawn a few times, grab each window,
    /// then write the PNGs and close.
    fn screenshots(&mut self, ctx: &egui::Context, waiting: bool) {
        let Some(path) = self.opts.screenshot_to.clone() else {
            return;
        };
        if !self.shots_requested && waiting && self.frames >= 3 {
            self.shots_requested = true;
            let shots = self.shots.clone();
            let c = ctx.clone();
            ctx.request_screenshot(move |img| {
                shots.lock().expect("screenshot lock").clerk = Some(img);
                c.request_repaint();
            });
            if !self.opts.single_window && self.patient_screen() {
                let shots = self.shots.clone();
                let c = ctx.clone();
                ctx.send_viewport_cmd_to(
                    patient_viewport(),
                    egui::ViewportCommand::Screenshot(egui::ScreenshotCallback::new(move |img| {
                        shots.lock().expect("screenshot lock").patient = Some(img);
                        c.request_repaint();
                    })),
                );
            }
        }
        if self.shots_requested {
            let need_patient = !self.opts.single_window && self.patient_screen();
            let shots = self.shots.lock().expect("screenshot lock");
            if shots.clerk.is_some() && (!need_patient || shots.patient.is_some()) {
                let name = |suffix: &str| {
                    let mut p = path.clone().into_os_string();
                    p.push(suffix);
                    PathBuf::from(p)
                };
                if let Some(img) = &shots.clerk {
                    write_png(&name("-clerk.png"), img);
                    if self.opts.single_window {
                        // One window holds both screens: the patient half is cut from it.
                        write_png(&name("-patient.png"), &crop_left(img, PATIENT_SIZE));
                    }
                }
                if let Some(img) = &shots.patient {
                    write_png(&name("-patient.png"), img);
                }
                ctx.send_viewport_cmd_to(egui::ViewportId::ROOT, egui::ViewportCommand::Close);
            } else {
                ctx.request_repaint_after(Duration::from_millis(50));
            }
        }
    }
}

/// The patient's window. A kiosk (`[patient] kiosk`, a real desk): borderless full screen
/// on the monitor `[patient] display` names, no frame and so no close button, and always on
/// top so nothing of the desktop shows through; a close request (Alt+F4) is refused where
/// the window is drawn. Otherwise an ordinary fixed-size window, as the demo and a
/// developer's desk want it.
pub fn patient_viewport_builder(patient: &PatientConfig) -> egui::ViewportBuilder {
    let b = egui::ViewportBuilder::default()
        .with_title("Onshi Desk — patient")
        .with_app_id("onshi-desk-patient");
    if !patient.kiosk {
        return b.with_inner_size(PATIENT_SIZE).with_resizable(false);
    }
    let b = b
        .with_decorations(false)
        .with_fullscreen(true)
        .with_resizable(false)
        .with_window_level(egui::WindowLevel::AlwaysOnTop);
    match patient.display {
        Some(index) => b.with_monitor(index),
        None => b,
    }
}

fn patient_viewport() -> egui::ViewportId {
    egui::ViewportId::from_hash_of("onshi-patient")
}

/// The left `size` of an image (in points; screenshots are in pixels at 1:1 here, and the
/// crop is clamped to the image).
fn crop_left(img: &egui::ColorImage, size: egui::Vec2) -> egui::ColorImage {
    let [w, h] = img.size;
    let cw = (size.x as usize).min(w);
    let ch = (size.y as usize).min(h);
    let mut pixels = Vec::with_capacity(cw * ch);
    for y in 0..ch {
        pixels.extend_from_slice(&img.pixels[y * w..y * w + cw]);
    }
    egui::ColorImage::new([cw, ch], pixels)
}

/// Writes an RGBA PNG; a failure is logged (the path is not personal data).
fn write_png(path: &std::path::Path, img: &egui::ColorImage) {
    let [w, h] = img.size;
    let bytes: Vec<u8> = img.pixels.iter().flat_map(|c| c.to_array()).collect();
    // The patient screen may show a name: the picture is as private as the history.
    let result = onshi_desk::private::create_file(path)
        .map_err(|e| e.to_string())
        .and_then(|f| {
            let mut enc = png::Encoder::new(std::io::BufWriter::new(f), w as u32, h as u32);
            enc.set_color(png::ColorType::Rgba);
            enc.set_depth(png::BitDepth::Eight);
            enc.write_header()
                .and_then(|mut wr| wr.write_image_data(&bytes))
                .map_err(|e| e.to_string())
        });
    match result {
        Ok(()) => tracing::info!(path = %path.display(), "screenshot written"),
        Err(e) => tracing::error!(path = %path.display(), error = %e, "screenshot not written"),
    }
}

impl eframe::App for OnshiApp {
    fn logic(&mut self, _ctx: &egui::Context, _frame: &mut eframe::Frame) {
        lock(&self.shared).backend.pump();
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.frames += 1;
        let ctx = ui.ctx().clone();
        let patient_screen = self.patient_screen();
        let waiting = {
            let mut guard = lock(&self.shared);
            let s = &mut *guard;
            if s.backend.dev().is_some() {
                egui::Panel::bottom("onshi-dev")
                    .resizable(false)
                    .show(ui, |ui| {
                        dev::dev_panel_ui(ui, s.backend.as_mut(), self.clerk.lang())
                    });
            }
            if self.opts.single_window && patient_screen {
                // The patient screen at its real size in the top-left corner (the screenshot
                // crops it from there).
                egui::Panel::left("onshi-patient-side")
                    .exact_size(PATIENT_SIZE.x)
                    .resizable(false)
                    .frame(egui::Frame::NONE.fill(egui::Color32::from_gray(64)))
                    .show(ui, |ui| {
                        let rect = egui::Rect::from_min_size(ui.max_rect().min, PATIENT_SIZE);
                        let fill = s.patient.background();
                        ui.scope_builder(egui::UiBuilder::new().max_rect(rect), |ui| {
                            egui::CentralPanel::default()
                                .frame(egui::Frame::NONE.fill(fill))
                                .show(ui, |ui| s.patient.ui(ui, s.backend.as_mut()));
                        });
                    });
            }
            egui::CentralPanel::default().show(ui, |ui| self.clerk.ui(ui, s.backend.as_mut()));
            self.schedule_repaint(&ctx, s.backend.as_ref());
            matches!(
                s.backend.flow().stage(),
                onshi_desk::flow::Stage::Waiting { .. }
            )
        };
        if !self.opts.single_window && patient_screen {
            let shared = self.shared.clone();
            let kiosk = self.opts.patient.kiosk;
            ctx.show_viewport_deferred(
                patient_viewport(),
                patient_viewport_builder(&self.opts.patient),
                move |ui, _class| {
                    if kiosk && ui.input(|i| i.viewport().close_requested()) {
                        // Nothing on the patient's screen closes the app or leaves it.
                        ui.ctx()
                            .send_viewport_cmd(egui::ViewportCommand::CancelClose);
                    }
                    let mut guard = lock(&shared);
                    let s = &mut *guard;
                    let mut touched = false;
                    egui::CentralPanel::default()
                        .frame(egui::Frame::NONE.fill(s.patient.background()))
                        .show(ui, |ui| touched = s.patient.ui(ui, s.backend.as_mut()));
                    if touched {
                        // The clerk's window shows what the patient just did.
                        ui.ctx().request_repaint_of(egui::ViewportId::ROOT);
                    }
                },
            );
            // Whatever moved the flow for the clerk's window moved it for the patient's too.
            ctx.request_repaint_of(patient_viewport());
        }
        self.screenshots(&ctx, waiting);
    }
}
