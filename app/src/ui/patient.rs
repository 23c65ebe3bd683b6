//! The patient screen (the reader's touch display, about 800x480): a step indicator (カード →
//! 本人確認 → 同意 → 完了), one instruction per stage of the flow in large type beside a
//! pictogram, big buttons, the PIN pad and the live camera view in an oval guide. Sizes and
//! colours come from the kit's [`PatientLook`] (`[patient] text_size` / `contrast`). The PIN
//! digits live only here, in a zeroizing buffer, until 「確定」 turns them into an
//! [`AuthPin`]; the camera texture is dropped as soon as the face check is over.

use crate::ui::kit::TOUCH_MIN;
use crate::ui::kit::look::{PatientLook, PictoSize};
use crate::ui::kit::pictogram::{self, pictogram_ui};
use egui::{Align, Color32, Layout, Rect, RichText, Sense, Stroke, Vec2, pos2, vec2};
use onshi_desk::flow::{
    Event, FrontReading, Method, PrescriptionForm, Question, ReaderStatus, Stage, Step,
};
use onshi_desk::i18n::patient::{self as words, Picture};
use onshi_desk::i18n::{self, Lang, Text};
use onshi_desk::port::Backend;
use reader_driver::AuthPin;
use zeroize::{Zeroize, Zeroizing};

/// What a patient's button does.
#[derive(Clone, Copy)]
enum Act {
    Choose(Method),
    LastTry,
    RetryFace,
    Answer(Question, bool),
    Register(bool),
    Prescription(PrescriptionForm),
    Cancel,
}

impl Act {
    fn event(self) -> Event {
        match self {
            Act::Choose(m) => Event::Choose(m),
            Act::LastTry => Event::LastTryConfirmed,
            Act::RetryFace => Event::RetryFace,
            Act::Answer(q, yes) => Event::Answer(q, yes),
            Act::Register(yes) => Event::Register(yes),
            Act::Prescription(form) => Event::Prescription(form),
            Act::Cancel => Event::PatientCancel,
        }
    }
}

/// What one stage shows, for the common layout (steps, title, picture and lines, buttons).
struct View {
    title: String,
    lines: Vec<(String, Color32)>,
    buttons: Vec<(&'static str, Act)>,
    cancel: bool,
}

/// The picture beside a stage's instruction. A screen decision (which picture explains this
/// instruction best), exhaustive so a new stage gets one chosen.
fn picture(stage: &Stage) -> Picture {
    match stage {
        Stage::Waiting { .. } | Stage::Reading => Picture::CardOnReader,
        Stage::ChooseMethod { .. }
        | Stage::Consent { .. }
        | Stage::Prescription
        | Stage::RegisterOffer => Picture::Question,
        Stage::Pin { .. } | Stage::PinLastTry { .. } | Stage::PinLocked { .. } => Picture::PinPad,
        Stage::FaceNumber { .. }
        | Stage::FacePhoto
        | Stage::FaceLive { .. }
        | Stage::FaceFailed { .. }
        | Stage::FaceUnavailable { .. } => Picture::Face,
        Stage::PinChecking
        | Stage::Visual
        | Stage::Confirming
        | Stage::RegisterDetails
        | Stage::PaperConsent { .. }
        | Stage::Querying => Picture::Wait,
        Stage::TakeCard { trouble: None } => Picture::Done,
        Stage::TakeCard { trouble: Some(_) } => Picture::TakeCard,
    }
}

/// The patient screen's own state.
pub struct PatientScreen {
    /// The PIN digits typed so far (at most 4), wiped when sent or when the pad closes.
    pin: Zeroizing<String>,
    /// The camera texture and the frame number it shows.
    preview: Option<(u64, egui::TextureHandle)>,
    /// Sizes and colours (`[patient] text_size`, `contrast`).
    look: PatientLook,
}

impl Default for PatientScreen {
    fn default() -> Self {
        Self::new()
    }
}

impl PatientScreen {
    pub fn new() -> PatientScreen {
        PatientScreen::with_look(PatientLook::default())
    }

    /// The screen in a chosen look (type size, contrast).
    pub fn with_look(look: PatientLook) -> PatientScreen {
        PatientScreen {
            pin: Zeroizing::new(String::with_capacity(4)),
            preview: None,
            look,
        }
    }

    /// The page colour, for the window or panel that holds the screen (its margins too).
    pub fn background(&self) -> Color32 {
        self.look.bg
    }

    /// Whether a camera frame is held (only while the live view is on screen).
    pub fn holds_camera_frame(&self) -> bool {
        self.preview.is_some()
    }

    /// How many PIN digits are typed (never the digits).
    pub fn pin_len(&self) -> usize {
        self.pin.len()
    }

    /// Draws the screen for the flow's stage and sends what the patient pressed; true when
    /// something was sent.
    pub fn ui(&mut self, ui: &mut egui::Ui, backend: &mut dyn Backend) -> bool {
        let flow = backend.flow();
        let lang = flow.lang();
        let home = flow.settings().lang;
        let stage = flow.stage().clone();
        if !matches!(stage, Stage::Pin { .. }) {
            self.pin.zeroize();
        }
        if !matches!(stage, Stage::FaceLive { .. }) {
            self.preview = None;
        }
        let view = self.view(backend, lang, &stage);
        let look = self.look;
        let mut events = Vec::new();
        // The whole patient screen, before the panels take their parts of it.
        let area = ui.max_rect();
        let card_left = flow.card_left_behind();

        look.apply(ui);
        // Each language's own font first, so a word is drawn from one face (zh, ko, vi).
        super::fonts::use_for(ui.style_mut(), lang);
        // The whole area given to the screen, margins included (the clip rect, not the max rect).
        ui.painter().rect_filled(ui.clip_rect(), 0.0, look.bg);
        let first = matches!(stage, Stage::Waiting { .. });
        egui::Panel::top("patient-top")
            .resizable(false)
            .show_separator_line(false)
            .show(ui, |ui| {
                ui.add_space(4.0);
                step_indicator_ui(ui, &look, lang, stage.step());
                ui.add_space(4.0);
                ui.horizontal(|ui| {
                    // Later screens: one button back to the desk's language (or to English
                    // from it); the first screen has the whole row of languages below.
                    let lang_w = if first { 0.0 } else { 150.0 };
                    let title_w = ui.available_width() - lang_w - 12.0;
                    ui.allocate_ui_with_layout(
                        vec2(title_w, TOUCH_MIN),
                        Layout::left_to_right(Align::Center),
                        |ui| {
                            ui.add(
                                egui::Label::new(
                                    RichText::new(&view.title)
                                        .size(look.title)
                                        .line_height(Some(look.line(look.title)))
                                        .strong(),
                                )
                                .wrap(),
                            );
                        },
                    );
                    if !first {
                        let other = lang.toggle(home);
                        ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
                            let b = egui::Button::new(
                                RichText::new(other.native_name())
                                    .size(look.step_text + 4.0)
                                    .family(super::fonts::family(other)),
                            )
                            .min_size(vec2(lang_w, TOUCH_MIN));
                            if ui.add(b).clicked() {
                                events.push(Event::Language(other));
                            }
                        });
                    }
                });
                ui.add_space(2.0);
            });
        let pad = matches!(stage, Stage::Pin { .. });
        if first {
            egui::Panel::bottom("patient-languages")
                .resizable(false)
                .show_separator_line(false)
                .show(ui, |ui| {
                    ui.add_space(6.0);
                    language_row_ui(ui, &look, lang, &mut events);
                    ui.add_space(6.0);
                });
        } else if !pad && (!view.buttons.is_empty() || view.cancel) {
            egui::Panel::bottom("patient-buttons")
                .resizable(false)
                .show_separator_line(false)
                .show(ui, |ui| {
                    ui.add_space(6.0);
                    button_row_ui(ui, &look, lang, &view, &mut events);
                    ui.add_space(6.0);
                });
        }
        egui::CentralPanel::default().show(ui, |ui| match &stage {
            Stage::Pin { tries_left, wrong } => {
                self.pin_pad_ui(ui, lang, *tries_left, *wrong, &mut events)
            }
            Stage::FaceLive { guidance } => {
                self.face_live_ui(ui, backend, lang, *guidance);
            }
            _ => {
                ui.horizontal_top(|ui| {
                    let p = picture(&stage);
                    pictogram_ui(ui, &look, p, PictoSize::Stage, words::picture(lang, p));
                    if p == Picture::Done {
                        // Done, and what is still to do: the card is on the reader.
                        let t = Picture::TakeCard;
                        pictogram_ui(ui, &look, t, PictoSize::Stage, words::picture(lang, t));
                    }
                    ui.add_space(16.0);
                    ui.vertical(|ui| {
                        for (line, colour) in &view.lines {
                            ui.add(
                                egui::Label::new(
                                    RichText::new(line)
                                        .size(look.body)
                                        .line_height(Some(look.line(look.body)))
                                        .color(*colour),
                                )
                                .wrap(),
                            );
                            ui.add_space(8.0);
                        }
                    });
                });
            }
        });
        card_left_flash(ui, &look, area, card_left);
        let touched = !events.is_empty();
        for e in events {
            backend.send(e);
        }
        touched
    }

    fn view(&self, backend: &dyn Backend, lang: Lang, stage: &Stage) -> View {
        let (text, warn) = (self.look.text, self.look.warn);
        let t = |k: Text| i18n::text(lang, k);
        let s = |k: Text| t(k).to_string();
        let plain = |k: Text| (s(k), text);
        let mut v = View {
            title: String::new(),
            lines: Vec::new(),
            buttons: Vec::new(),
            cancel: false,
        };
        let wait = |title: Text| View {
            title: s(title),
            lines: vec![plain(Text::PleaseWait)],
            buttons: Vec::new(),
            cancel: true,
        };
        let alternatives = |v: &mut View, pin: bool, face: bool, visual: bool| {
            if face {
                v.buttons
                    .push((t(Text::UseFace), Act::Choose(Method::Face)));
            }
            if pin {
                v.buttons.push((t(Text::UsePin), Act::Choose(Method::Pin)));
            }
            if visual {
                v.buttons
                    .push((t(Text::UseVisual), Act::Choose(Method::Visual)));
            }
        };
        match stage {
            Stage::Waiting { notice } => {
                v.title = s(Text::WaitingTitle);
                v.lines.push(plain(Text::WaitingHint));
                let reader = backend.flow().reader();
                let colour = match reader {
                    ReaderStatus::NoReader | ReaderStatus::ServiceDown => warn,
                    ReaderStatus::Starting | ReaderStatus::Ready { .. } => text,
                };
                v.lines.push((
                    i18n::labelled(
                        lang,
                        t(Text::ReaderLabel),
                        &i18n::reader_status(lang, reader),
                    ),
                    colour,
                ));
                if let Some(trouble) = notice {
                    v.lines.push((
                        i18n::labelled(
                            lang,
                            t(Text::LastVisitEnded),
                            &i18n::trouble_patient(lang, trouble),
                        ),
                        warn,
                    ));
                }
            }
            Stage::Reading => {
                v.title = s(Text::ReadingTitle);
                v.lines.push(plain(Text::KeepCardStill));
            }
            Stage::ChooseMethod { pin, face, visual } => {
                v.title = s(Text::ChooseTitle);
                if *face {
                    v.buttons
                        .push((t(Text::ChooseFace), Act::Choose(Method::Face)));
                }
                if *pin {
                    v.buttons
                        .push((t(Text::ChoosePin), Act::Choose(Method::Pin)));
                } else {
                    v.lines.push(plain(Text::PinNotUsable));
                }
                if *visual {
                    v.buttons
                        .push((t(Text::ChooseVisual), Act::Choose(Method::Visual)));
                }
                v.cancel = true;
            }
            Stage::Pin { .. } => {
                v.title = s(Text::PinTitle);
                v.cancel = true;
            }
            Stage::PinLastTry { wrong } => {
                v.title = s(Text::LastTryTitle);
                if *wrong {
                    v.lines.push((s(Text::PinWrong), warn));
                }
                v.lines.push((s(Text::LastTryBody), warn));
                v.buttons.push((t(Text::LastTryGo), Act::LastTry));
                v.cancel = true;
            }
            Stage::PinChecking => v = wait(Text::CheckingTitle),
            Stage::PinLocked { face, visual } => {
                v.title = s(Text::PinLockedTitle);
                v.lines.push((s(Text::PinLockedBody), warn));
                v.lines.push(plain(if *face || *visual {
                    Text::ChooseOther
                } else {
                    Text::AskStaff
                }));
                alternatives(&mut v, false, *face, *visual);
                v.cancel = true;
            }
            Stage::FaceNumber {
                front: FrontReading::Reading { problem },
                ..
            } => {
                v = wait(Text::FrontReadingTitle);
                v.lines = vec![match problem {
                    Some(p) => (i18n::front_problem(lang, *p).to_string(), warn),
                    None => plain(Text::KeepCardStill),
                }];
            }
            Stage::FaceNumber { .. } => {
                v = wait(Text::FaceNumberTitle);
                v.lines = vec![plain(Text::FaceNumberBody)];
            }
            Stage::FacePhoto => {
                v = wait(Text::FacePhotoTitle);
                v.lines = vec![plain(Text::KeepCardStill)];
            }
            Stage::FaceLive { .. } => {
                v.title = s(Text::FaceLiveTitle);
                v.cancel = true;
            }
            Stage::FaceFailed {
                outcome,
                attempts_left,
                pin,
                visual,
            } => {
                v.title = s(Text::FaceFailedTitle);
                v.lines
                    .push((i18n::face_outcome(lang, *outcome).to_string(), warn));
                if *attempts_left > 0 {
                    v.lines
                        .push((i18n::face_attempts_left(lang, *attempts_left), text));
                    v.buttons.push((t(Text::FaceRetry), Act::RetryFace));
                } else if *pin || *visual {
                    v.lines.push(plain(Text::ChooseOther));
                } else {
                    v.lines.push(plain(Text::AskStaff));
                }
                alternatives(&mut v, *pin, false, *visual);
                v.cancel = true;
            }
            Stage::FaceUnavailable { pin, visual, .. } => {
                v.title = s(Text::FaceUnavailableTitle);
                v.lines.push(plain(if *pin || *visual {
                    Text::ChooseOther
                } else {
                    Text::AskStaff
                }));
                alternatives(&mut v, *pin, false, *visual);
                v.cancel = true;
            }
            Stage::Visual => {
                v = wait(Text::VisualTitle);
                v.lines = vec![plain(Text::VisualBody)];
            }
            Stage::Confirming => v = wait(Text::ConfirmingTitle),
            Stage::Consent { question } => {
                let (title, body) =
                    i18n::question(lang, *question, &backend.flow().settings().offer);
                v.title = title.to_string();
                v.lines.push((body.to_string(), text));
                let (yes, no) = if *question == Question::Limit {
                    (Text::Provide, Text::NotProvide)
                } else {
                    (Text::Agree, Text::Disagree)
                };
                v.buttons.push((t(yes), Act::Answer(*question, true)));
                v.buttons.push((t(no), Act::Answer(*question, false)));
                v.cancel = true;
            }
            Stage::RegisterOffer => {
                v.title = s(Text::RegisterOfferTitle);
                v.lines.push(plain(Text::RegisterOfferBody));
                v.buttons.push((t(Text::RegisterYes), Act::Register(true)));
                v.buttons.push((t(Text::RegisterNo), Act::Register(false)));
                v.cancel = true;
            }
            Stage::RegisterDetails => {
                v = wait(Text::RegisterDetailsTitle);
                v.lines = vec![plain(Text::RegisterDetailsBody)];
            }
            Stage::Querying => v = wait(Text::QueryingTitle),
            Stage::Prescription => v = prescription_view(lang, &self.look),
            // A generic reader has no patient screen; the clerk has the form.
            Stage::PaperConsent { .. } => v = wait(Text::AskStaff),
            Stage::TakeCard { trouble } => {
                v.title = s(Text::TakeCardTitle);
                match trouble {
                    None => v.lines.push(plain(Text::TakeCardDone)),
                    Some(tr) => v.lines.push((i18n::trouble_patient(lang, tr), warn)),
                }
            }
        }
        v
    }

    fn pin_pad_ui(
        &mut self,
        ui: &mut egui::Ui,
        lang: Lang,
        tries_left: u8,
        wrong: bool,
        events: &mut Vec<Event>,
    ) {
        let look = self.look;
        let key_size = look.key;
        ui.horizontal_top(|ui| {
            // Left: what is typed (masked), how many tries are left (before any entry) and
            // 「やめる」 at the bottom: the pad takes the height a button row would.
            let pad_w = key_size.x * 3.0 + 16.0;
            let left_w = ui.available_width() - pad_w - 8.0;
            let h = ui.available_height();
            ui.allocate_ui_with_layout(vec2(left_w, h), Layout::top_down(Align::Min), |ui| {
                // Take the whole column, so the pad sits at the right edge.
                ui.set_min_size(vec2(left_w, h));
                let dots: String = (0..4)
                    .map(|i| if i < self.pin.len() { '●' } else { '○' })
                    .collect();
                ui.label(RichText::new(dots).size(look.title * 1.6));
                ui.add_space(6.0);
                let tries_colour = if tries_left <= 1 {
                    look.warn
                } else {
                    look.text
                };
                ui.add(
                    egui::Label::new(
                        RichText::new(i18n::pin_tries_left(lang, tries_left))
                            .size(look.body)
                            .color(tries_colour),
                    )
                    .wrap(),
                );
                if wrong {
                    ui.add_space(6.0);
                    ui.add(
                        egui::Label::new(
                            RichText::new(i18n::text(lang, Text::PinWrong))
                                .size(look.body)
                                .color(look.warn)
                                .strong(),
                        )
                        .wrap(),
                    );
                }
                ui.with_layout(Layout::bottom_up(Align::Center), |ui| {
                    let cancel = egui::Button::new(
                        RichText::new(i18n::text(lang, Text::Cancel)).size(look.button),
                    )
                    .min_size(vec2(left_w.min(260.0), look.button_h));
                    if ui.add(cancel).clicked() {
                        events.push(Event::PatientCancel);
                    }
                });
            });
            // Right: the pad.
            let full = self.pin.len() >= 4;
            egui::Grid::new("pin-pad")
                .spacing(vec2(8.0, 6.0))
                .show(ui, |ui| {
                    for row in [["1", "2", "3"], ["4", "5", "6"], ["7", "8", "9"]] {
                        for d in row {
                            if ui.add_enabled(!full, key(ui, &look, d, false)).clicked() {
                                self.pin.push_str(d);
                            }
                        }
                        ui.end_row();
                    }
                    if ui
                        .add_enabled(
                            !self.pin.is_empty(),
                            key(ui, &look, i18n::text(lang, Text::PinClear), false),
                        )
                        .clicked()
                    {
                        self.pin.zeroize();
                    }
                    if ui.add_enabled(!full, key(ui, &look, "0", false)).clicked() {
                        self.pin.push('0');
                    }
                    let confirm = key(ui, &look, i18n::text(lang, Text::PinConfirm), full);
                    if ui.add_enabled(full, confirm).clicked() {
                        // The only place the digits leave this buffer; wiped right after.
                        if let Ok(pin) = AuthPin::new(&self.pin) {
                            events.push(Event::PinEntered(pin));
                        }
                        self.pin.zeroize();
                    }
                    ui.end_row();
                });
        });
    }

    fn face_live_ui(
        &mut self,
        ui: &mut egui::Ui,
        backend: &dyn Backend,
        lang: Lang,
        guidance: Option<face_match::Guidance>,
    ) {
        if let Some(frame) = backend.preview() {
            let fresh = self
                .preview
                .as_ref()
                .is_none_or(|(seq, _)| *seq != frame.seq);
            if fresh && frame.rgb.len() == frame.width * frame.height * 3 {
                let img = egui::ColorImage::from_rgb([frame.width, frame.height], &frame.rgb);
                match &mut self.preview {
                    Some((seq, tex)) => {
                        tex.set(img, egui::TextureOptions::LINEAR);
                        *seq = frame.seq;
                    }
                    None => {
                        let tex = ui.ctx().load_texture(
                            "onshi-camera",
                            img,
                            egui::TextureOptions::LINEAR,
                        );
                        self.preview = Some((frame.seq, tex));
                    }
                }
            }
        }
        let look = self.look;
        // The guide's colour says how the frame is going, next to the words beside it: plain
        // while nothing is known, caution while the frame has a problem, good while checking.
        let guide = match guidance {
            None => look.action,
            Some(face_match::Guidance::Checking) => look.good,
            Some(_) => look.caution,
        };
        ui.horizontal_top(|ui| {
            // 4:3 as the camera, as large as the panel allows (smaller on the reader's screen).
            let h = ui.available_height().min(300.0);
            let view = vec2(h * 4.0 / 3.0, h);
            let (rect, response) = ui.allocate_exact_size(view, Sense::hover());
            let name = words::picture(lang, Picture::CameraView).to_string();
            response.widget_info(|| {
                egui::WidgetInfo::labeled(egui::accesskit::Role::Image, true, &name)
            });
            let painter = ui.painter_at(rect);
            if let Some((_, tex)) = &self.preview {
                painter.rect_filled(rect, 0.0, Color32::from_gray(40));
                // Fill the view (cropping the camera's edges): the face is in the middle.
                let size = tex.size_vec2();
                let scale = (view.x / size.x).max(view.y / size.y);
                let img_rect = Rect::from_center_size(rect.center(), size * scale);
                painter.image(
                    tex.id(),
                    img_rect,
                    Rect::from_min_max(pos2(0.0, 0.0), pos2(1.0, 1.0)),
                    Color32::WHITE,
                );
            } else {
                // No frame yet: the face pictogram shows where to look.
                painter.rect_filled(rect, 0.0, look.paper);
                let side = view.y * 0.6;
                let r = Rect::from_center_size(rect.center(), vec2(side, side));
                pictogram::paint(&painter, r, &look, Picture::Face);
            }
            let radii = vec2(view.y * 0.32, view.y * 0.42);
            oval_mask(&painter, rect, radii, look.bg);
            painter.add(egui::Shape::ellipse_stroke(
                rect.center(),
                radii,
                Stroke::new(6.0, guide),
            ));
            ui.add_space(16.0);
            ui.vertical(|ui| {
                let hint = guidance
                    .map(|g| i18n::guidance(lang, g))
                    .unwrap_or(i18n::text(lang, Text::FaceLiveTitle));
                let colour = match guidance {
                    None | Some(face_match::Guidance::Checking) => look.text,
                    Some(_) => look.warn,
                };
                ui.add(
                    egui::Label::new(
                        RichText::new(hint)
                            .size(look.body + 3.0)
                            .strong()
                            .color(colour),
                    )
                    .wrap(),
                );
            });
        });
        // 「やめる」 stays in the button row below.
    }
}

/// The card was left on the reader after its visit: a thick frame around the whole patient
/// screen blinks twice a second until the card is taken, to catch the eye of a patient who
/// is already turning away (the chime is the flow's [`onshi_desk::flow::Effect::Chime`]).
fn card_left_flash(ui: &egui::Ui, look: &PatientLook, area: egui::Rect, left: bool) {
    if !left {
        return;
    }
    let ctx = ui.ctx();
    let on = ((ctx.input(|i| i.time) * 2.0).floor() as u64).is_multiple_of(2);
    if on {
        // Painted last, so over the panels drawn before it.
        ui.painter().with_clip_rect(area).rect_stroke(
            area,
            0.0,
            Stroke::new(18.0, look.warn),
            egui::StrokeKind::Inside,
        );
    }
    // Blinking needs frames even when nothing else changes.
    ctx.request_repaint_after(std::time::Duration::from_millis(250));
}

/// Covers everything of `rect` outside the ellipse (centre of `rect`, `radii`) with `fill`,
/// so the patient sees only the oval their face belongs in. egui has no shapes with holes:
/// the mask is a ring of quads between the ellipse and the rectangle along rays from the
/// centre, with rays through the four corners so every quad has its outer edge on one side.
fn oval_mask(painter: &egui::Painter, rect: Rect, radii: Vec2, fill: Color32) {
    use std::f32::consts::TAU;
    let c = rect.center();
    let half = rect.size() / 2.0;
    let corner = half.y.atan2(half.x);
    let mut angles: Vec<f32> = (0..96).map(|i| i as f32 / 96.0 * TAU).collect();
    angles.extend([corner, std::f32::consts::PI - corner]);
    angles.extend([std::f32::consts::PI + corner, TAU - corner]);
    angles.sort_by(f32::total_cmp);
    let ray = |a: f32| {
        let d = vec2(a.cos(), a.sin());
        let inner = c + vec2(radii.x * d.x, radii.y * d.y);
        let t = (half.x / d.x.abs().max(1e-6)).min(half.y / d.y.abs().max(1e-6));
        (inner, c + d * t)
    };
    let mut mesh = egui::Mesh::default();
    for (i, a) in angles.iter().enumerate() {
        let (inner, outer) = ray(*a);
        mesh.colored_vertex(inner, fill);
        mesh.colored_vertex(outer, fill);
        let n = angles.len() as u32;
        let (k, next) = (i as u32 * 2, ((i as u32 + 1) % n) * 2);
        mesh.add_triangle(k, k + 1, next + 1);
        mesh.add_triangle(k, next + 1, next);
    }
    painter.add(egui::Shape::mesh(mesh));
}

/// One PIN pad key; the 確定 key is filled once four digits are in. A word longer than the
/// key is set smaller rather than widening the pad off the screen (large type, English).
fn key(ui: &egui::Ui, look: &PatientLook, label: &str, primary: bool) -> egui::Button<'static> {
    let size = look.button + 3.0;
    let width = ui
        .painter()
        .layout_no_wrap(
            label.to_string(),
            egui::FontId::proportional(size),
            look.text,
        )
        .size()
        .x;
    let room = look.key.x - 2.0 * ui.spacing().button_padding.x - 4.0;
    let size = (size * (room / width.max(1.0)).min(1.0)).floor();
    let text = RichText::new(label.to_string()).size(size);
    let b = if primary {
        egui::Button::new(text.color(look.on_action)).fill(look.action)
    } else {
        egui::Button::new(text)
    };
    b.min_size(look.key)
}

/// The stage's buttons in one row, same width each; 「やめる」 first, in the plain style.
fn button_row_ui(
    ui: &mut egui::Ui,
    look: &PatientLook,
    lang: Lang,
    view: &View,
    events: &mut Vec<Event>,
) {
    let mut all: Vec<(&str, Act, bool)> = Vec::new();
    if view.cancel {
        all.push((i18n::text(lang, Text::Cancel), Act::Cancel, false));
    }
    for (label, act) in &view.buttons {
        all.push((label, *act, true));
    }
    let labels: Vec<&str> = all.iter().map(|(l, _, _)| *l).collect();
    let (w, size) = row_fit(ui, look, &labels, 300.0);
    ui.horizontal(|ui| {
        ui.spacing_mut().item_spacing.x = ROW_GAP;
        for (label, act, primary) in all {
            let text = RichText::new(label).size(size);
            let b = if primary {
                egui::Button::new(text.color(look.on_action)).fill(look.action)
            } else {
                egui::Button::new(text)
            };
            // A label still too long at the smallest type size wraps inside its button
            // rather than pushing the row off the screen (a long word in some languages).
            if ui.add_sized(vec2(w, look.button_h), b.wrap()).clicked() {
                events.push(act.event());
            }
        }
    });
}

/// 処方箋発行形態: 電子処方箋 or 紙の処方箋, as the readers ask it.
fn prescription_view(lang: Lang, look: &PatientLook) -> View {
    let t = |k: Text| i18n::text(lang, k);
    View {
        title: t(Text::PrescriptionTitle).to_string(),
        lines: vec![(t(Text::PrescriptionBody).to_string(), look.text)],
        buttons: vec![
            (
                t(Text::PrescriptionElectronic),
                Act::Prescription(PrescriptionForm::Electronic),
            ),
            (
                t(Text::PrescriptionPaper),
                Act::Prescription(PrescriptionForm::Paper),
            ),
        ],
        cancel: true,
    }
}

/// Gap between the buttons of a row.
const ROW_GAP: f32 = 10.0;

/// The width of each of `labels`' buttons in one row (at most `max_w`) and one type size for
/// the row, as large as lets the longest word fit its button.
fn row_fit(ui: &egui::Ui, look: &PatientLook, labels: &[&str], max_w: f32) -> (f32, f32) {
    let n = labels.len().max(1) as f32;
    let w = ((ui.available_width() - ROW_GAP * (n - 1.0)) / n).min(max_w);
    let widest = labels
        .iter()
        .map(|label| {
            let font = egui::FontId::proportional(look.button);
            ui.painter()
                .layout_no_wrap(label.to_string(), font, look.text)
                .size()
                .x
        })
        .fold(1.0_f32, f32::max);
    // Never below 16 px: smaller than that is hard to read at arm's length.
    let size = (look.button * ((w - 24.0) / widest).min(1.0))
        .max(16.0)
        .floor();
    (w, size)
}

/// The first screen's languages: one button each, named in its own script, the current one
/// filled. One tap switches; nothing to open first.
fn language_row_ui(ui: &mut egui::Ui, look: &PatientLook, lang: Lang, events: &mut Vec<Event>) {
    let labels: Vec<&str> = Lang::ALL.iter().map(|l| l.native_name()).collect();
    let (w, size) = row_fit(ui, look, &labels, 220.0);
    let row = ui.horizontal(|ui| {
        ui.spacing_mut().item_spacing.x = ROW_GAP;
        for l in &Lang::ALL {
            let text = RichText::new(l.native_name())
                .size(size)
                .family(super::fonts::family(*l));
            let b = if *l == lang {
                egui::Button::new(text.color(look.on_action)).fill(look.action)
            } else {
                egui::Button::new(text)
            };
            let r = ui.add(b.selected(*l == lang).min_size(vec2(w, look.button_h)));
            if r.clicked() && *l != lang {
                events.push(Event::Language(*l));
            }
        }
    });
    let name = words::language_row(lang).to_string();
    row.response
        .widget_info(|| egui::WidgetInfo::labeled(egui::accesskit::Role::Group, true, &name));
}

/// カード → 本人確認 → 同意 → 完了, the current step filled, steps done ticked: where the
/// patient is and how much is left. One widget for assistive technology ("step 2 of 4:
/// identity"); it is not a control, so it takes no touch.
fn step_indicator_ui(ui: &mut egui::Ui, look: &PatientLook, lang: Lang, current: Step) {
    let w = ui.available_width();
    let (rect, response) = ui.allocate_exact_size(vec2(w, look.step_h), Sense::hover());
    let name = words::step_of(lang, current);
    response.widget_info(|| egui::WidgetInfo::labeled(egui::accesskit::Role::Label, true, &name));
    if !ui.is_rect_visible(rect) {
        return;
    }
    let p = ui.painter();
    let n = Step::ALL.len() as f32;
    let arrow_w = 22.0;
    let chip_w = (w - arrow_w * (n - 1.0)) / n;
    let font = egui::FontId::proportional(look.step_text);
    for (i, step) in Step::ALL.iter().enumerate() {
        let x = rect.left() + i as f32 * (chip_w + arrow_w);
        let chip = Rect::from_min_size(pos2(x, rect.top()), vec2(chip_w, look.step_h));
        let (fill, ink, edge) = match step.cmp(&current) {
            std::cmp::Ordering::Equal => (look.action, look.on_action, Stroke::NONE),
            std::cmp::Ordering::Less => (look.paper, look.text, Stroke::NONE),
            std::cmp::Ordering::Greater => (look.bg, look.muted, Stroke::new(1.5, look.muted)),
        };
        p.rect(
            chip,
            look.step_h / 2.0,
            fill,
            edge,
            egui::StrokeKind::Inside,
        );
        // A tick for a step done, the number for the others (not colour alone).
        let mark = Rect::from_center_size(
            pos2(chip.left() + look.step_h * 0.55, chip.center().y),
            vec2(look.step_h * 0.6, look.step_h * 0.6),
        );
        if *step < current {
            let tick = vec![
                mark.lerp_inside(vec2(0.1, 0.55)),
                mark.lerp_inside(vec2(0.4, 0.85)),
                mark.lerp_inside(vec2(0.9, 0.2)),
            ];
            p.add(egui::Shape::line(tick, Stroke::new(3.0, look.good)));
        } else {
            p.circle_stroke(mark.center(), mark.width() / 2.0, Stroke::new(1.5, ink));
            p.text(
                mark.center(),
                egui::Align2::CENTER_CENTER,
                step.number().to_string(),
                egui::FontId::proportional(look.step_text * 0.8),
                ink,
            );
        }
        // One line always: a long step name (some languages) is set smaller, not wrapped.
        let room = chip.right() - mark.right() - 12.0;
        let name = words::step(lang, *step).to_string();
        let mut label = p.layout_no_wrap(name.clone(), font.clone(), ink);
        if label.size().x > room {
            let size = (look.step_text * room / label.size().x).max(10.0);
            label = p.layout_no_wrap(name, egui::FontId::proportional(size), ink);
        }
        let at = pos2(mark.right() + 6.0, chip.center().y - label.size().y / 2.0);
        p.galley(at, label, ink);
        if i + 1 < Step::ALL.len() {
            let a = pos2(chip.right() + 6.0, chip.center().y);
            let tri = vec![a + vec2(0.0, -7.0), a + vec2(10.0, 0.0), a + vec2(0.0, 7.0)];
            p.add(egui::Shape::convex_polygon(tri, look.muted, Stroke::NONE));
        }
    }
}
