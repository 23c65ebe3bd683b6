//! The patient screen (the reader's touch display, about 800x480): one instruction per stage
//! of the flow in large type, big buttons, the PIN pad and the live camera view. The PIN digits
//! live only here, in a zeroizing buffer, until 「確定」 turns them into an [`AuthPin`]; the
//! camera texture is dropped as soon as the face check is over.

use crate::ui::kit::{ACTION, ON_ACTION, TEXT, TOUCH_MIN, WARN};
use crate::ui::kit::{
    PATIENT_BODY as BODY, PATIENT_BUTTON as BUTTON, PATIENT_BUTTON_H as BUTTON_H,
    PATIENT_TITLE as TITLE,
};
use egui::{Align, Color32, Layout, RichText, Stroke, Vec2, vec2};
use onshi_desk::flow::{
    Event, FrontReading, Method, PrescriptionForm, Question, ReaderStatus, Stage,
};
use onshi_desk::i18n::{self, Lang, Text};
use onshi_desk::port::Backend;
use reader_driver::AuthPin;
use zeroize::{Zeroize, Zeroizing};

/// A key of the PIN pad: a touch target.
const KEY: Vec2 = vec2(104.0, TOUCH_MIN);

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

/// What one stage shows, for the common layout (title, lines, buttons).
struct View {
    title: String,
    lines: Vec<(String, Color32)>,
    buttons: Vec<(&'static str, Act)>,
    cancel: bool,
}

/// The patient screen's own state.
pub struct PatientScreen {
    /// The PIN digits typed so far (at most 4), wiped when sent or when the pad closes.
    pin: Zeroizing<String>,
    /// The camera texture and the frame number it shows.
    preview: Option<(u64, egui::TextureHandle)>,
}

impl Default for PatientScreen {
    fn default() -> Self {
        Self::new()
    }
}

impl PatientScreen {
    pub fn new() -> PatientScreen {
        PatientScreen {
            pin: Zeroizing::new(String::with_capacity(4)),
            preview: None,
        }
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
        let stage = flow.stage().clone();
        if !matches!(stage, Stage::Pin { .. }) {
            self.pin.zeroize();
        }
        if !matches!(stage, Stage::FaceLive { .. }) {
            self.preview = None;
        }
        let view = self.view(backend, lang, &stage);
        let mut events = Vec::new();
        // The whole patient screen, before the panels take their parts of it.
        let area = ui.max_rect();
        let card_left = flow.card_left_behind();

        ui.style_mut().visuals.override_text_color = Some(TEXT);
        super::fonts::use_for(ui.style_mut(), lang);
        egui::Panel::top("patient-top")
            .resizable(false)
            .show_separator_line(false)
            .show(ui, |ui| {
                ui.add_space(4.0);
                ui.horizontal(|ui| {
                    let other = lang.other();
                    let lang_w = 130.0;
                    let title_w = ui.available_width() - lang_w - 12.0;
                    ui.allocate_ui_with_layout(
                        vec2(title_w, TOUCH_MIN),
                        Layout::left_to_right(Align::Center),
                        |ui| {
                            ui.add(
                                egui::Label::new(RichText::new(&view.title).size(TITLE).strong())
                                    .wrap(),
                            );
                        },
                    );
                    ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
                        let b = egui::Button::new(
                            RichText::new(i18n::text(lang, Text::OtherLanguage)).size(22.0),
                        )
                        .min_size(vec2(lang_w, TOUCH_MIN));
                        if ui.add(b).clicked() {
                            events.push(Event::Language(other));
                        }
                    });
                });
                ui.add_space(4.0);
            });
        if !view.buttons.is_empty() || view.cancel {
            egui::Panel::bottom("patient-buttons")
                .resizable(false)
                .show_separator_line(false)
                .show(ui, |ui| {
                    ui.add_space(6.0);
                    button_row_ui(ui, lang, &view, &mut events);
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
                for (line, colour) in &view.lines {
                    ui.add(egui::Label::new(RichText::new(line).size(BODY).color(*colour)).wrap());
                    ui.add_space(8.0);
                }
            }
        });
        card_left_flash(ui, area, card_left);
        let touched = !events.is_empty();
        for e in events {
            backend.send(e);
        }
        touched
    }

    fn view(&self, backend: &dyn Backend, lang: Lang, stage: &Stage) -> View {
        let t = |k: Text| i18n::text(lang, k);
        let s = |k: Text| t(k).to_string();
        let plain = |k: Text| (s(k), TEXT);
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
                    ReaderStatus::NoReader | ReaderStatus::ServiceDown => WARN,
                    ReaderStatus::Starting | ReaderStatus::Ready { .. } => TEXT,
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
                        WARN,
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
                    v.lines.push((s(Text::PinWrong), WARN));
                }
                v.lines.push((s(Text::LastTryBody), WARN));
                v.buttons.push((t(Text::LastTryGo), Act::LastTry));
                v.cancel = true;
            }
            Stage::PinChecking => v = wait(Text::CheckingTitle),
            Stage::PinLocked { face, visual } => {
                v.title = s(Text::PinLockedTitle);
                v.lines.push((s(Text::PinLockedBody), WARN));
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
                    Some(p) => (i18n::front_problem(lang, *p).to_string(), WARN),
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
                    .push((i18n::face_outcome(lang, *outcome).to_string(), WARN));
                if *attempts_left > 0 {
                    v.lines
                        .push((i18n::face_attempts_left(lang, *attempts_left), TEXT));
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
                v.lines.push((body.to_string(), TEXT));
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
            Stage::Prescription => v = prescription_view(lang),
            // A generic reader has no patient screen; the clerk has the form.
            Stage::PaperConsent { .. } => v = wait(Text::AskStaff),
            Stage::TakeCard { trouble } => {
                v.title = s(Text::TakeCardTitle);
                match trouble {
                    None => v.lines.push(plain(Text::TakeCardDone)),
                    Some(tr) => v.lines.push((i18n::trouble_patient(lang, tr), WARN)),
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
        ui.horizontal_top(|ui| {
            // Left: what is typed (masked) and how many tries are left, before any entry.
            let left_w = ui.available_width() - (KEY.x * 3.0 + 16.0) - 8.0;
            ui.allocate_ui_with_layout(
                vec2(left_w, ui.available_height()),
                Layout::top_down(Align::Min),
                |ui| {
                    let dots: String = (0..4)
                        .map(|i| if i < self.pin.len() { '●' } else { '○' })
                        .collect();
                    ui.label(RichText::new(dots).size(52.0));
                    ui.add_space(8.0);
                    let tries_colour = if tries_left <= 1 { WARN } else { TEXT };
                    ui.add(
                        egui::Label::new(
                            RichText::new(i18n::pin_tries_left(lang, tries_left))
                                .size(BODY)
                                .color(tries_colour),
                        )
                        .wrap(),
                    );
                    if wrong {
                        ui.add_space(6.0);
                        ui.add(
                            egui::Label::new(
                                RichText::new(i18n::text(lang, Text::PinWrong))
                                    .size(BODY)
                                    .color(WARN)
                                    .strong(),
                            )
                            .wrap(),
                        );
                    }
                },
            );
            // Right: the pad.
            let full = self.pin.len() >= 4;
            egui::Grid::new("pin-pad")
                .spacing(vec2(8.0, 6.0))
                .show(ui, |ui| {
                    for row in [["1", "2", "3"], ["4", "5", "6"], ["7", "8", "9"]] {
                        for d in row {
                            if ui.add_enabled(!full, key(d, false)).clicked() {
                                self.pin.push_str(d);
                            }
                        }
                        ui.end_row();
                    }
                    if ui
                        .add_enabled(
                            !self.pin.is_empty(),
                            key(i18n::text(lang, Text::PinClear), false),
                        )
                        .clicked()
                    {
                        self.pin.zeroize();
                    }
                    if ui.add_enabled(!full, key("0", false)).clicked() {
                        self.pin.push('0');
                    }
                    let confirm = key(i18n::text(lang, Text::PinConfirm), full);
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
        ui.horizontal_top(|ui| {
            let view = vec2(360.0, 270.0);
            let (rect, _) = ui.allocate_exact_size(view, egui::Sense::hover());
            let painter = ui.painter_at(rect);
            painter.rect_filled(rect, 8.0, Color32::from_gray(40));
            if let Some((_, tex)) = &self.preview {
                let size = tex.size_vec2();
                let scale = (view.x / size.x).min(view.y / size.y);
                let img_rect = egui::Rect::from_center_size(rect.center(), size * scale);
                painter.image(
                    tex.id(),
                    img_rect,
                    egui::Rect::from_min_max(egui::pos2(0.0, 0.0), egui::pos2(1.0, 1.0)),
                    Color32::WHITE,
                );
            }
            // The face guide: an oval where the face should be.
            painter.add(egui::Shape::ellipse_stroke(
                rect.center(),
                vec2(view.y * 0.30, view.y * 0.40),
                Stroke::new(4.0, Color32::WHITE),
            ));
            painter.add(egui::Shape::ellipse_stroke(
                rect.center(),
                vec2(view.y * 0.30 + 3.0, view.y * 0.40 + 3.0),
                Stroke::new(2.0, ACTION),
            ));
            ui.add_space(16.0);
            ui.vertical(|ui| {
                let hint = guidance
                    .map(|g| i18n::guidance(lang, g))
                    .unwrap_or(i18n::text(lang, Text::FaceLiveTitle));
                ui.add(egui::Label::new(RichText::new(hint).size(BODY + 3.0).strong()).wrap());
            });
        });
    }
}

/// The card was left on the reader after its visit: a thick frame around the whole patient
/// screen blinks twice a second until the card is taken, to catch the eye of a patient who
/// is already turning away (the chime is the flow's [`onshi_desk::flow::Effect::Chime`]).
fn card_left_flash(ui: &egui::Ui, area: egui::Rect, left: bool) {
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
            Stroke::new(18.0, WARN),
            egui::StrokeKind::Inside,
        );
    }
    // Blinking needs frames even when nothing else changes.
    ctx.request_repaint_after(std::time::Duration::from_millis(250));
}

/// One PIN pad key; the 確定 key is filled once four digits are in.
fn key(label: &str, primary: bool) -> egui::Button<'static> {
    let text = RichText::new(label.to_string()).size(BUTTON + 3.0);
    let b = if primary {
        egui::Button::new(text.color(ON_ACTION)).fill(ACTION)
    } else {
        egui::Button::new(text)
    };
    b.min_size(KEY)
}

/// The stage's buttons in one row, same width each; 「やめる」 first, in the plain style.
fn button_row_ui(ui: &mut egui::Ui, lang: Lang, view: &View, events: &mut Vec<Event>) {
    let mut all: Vec<(&str, Act, bool)> = Vec::new();
    if view.cancel {
        all.push((i18n::text(lang, Text::Cancel), Act::Cancel, false));
    }
    for (label, act) in &view.buttons {
        all.push((label, *act, true));
    }
    let gap = 10.0;
    let n = all.len().max(1) as f32;
    let w = ((ui.available_width() - gap * (n - 1.0)) / n).min(300.0);
    // One type size for the row, as large as lets the longest word fit its button.
    let widest = all
        .iter()
        .map(|(label, _, _)| {
            let font = egui::FontId::proportional(BUTTON);
            ui.painter()
                .layout_no_wrap(label.to_string(), font, TEXT)
                .size()
                .x
        })
        .fold(0.0_f32, f32::max);
    let size = (BUTTON * ((w - 24.0) / widest).min(1.0)).max(16.0).floor();
    ui.horizontal(|ui| {
        ui.spacing_mut().item_spacing.x = gap;
        for (label, act, primary) in all {
            let text = RichText::new(label).size(size);
            let b = if primary {
                egui::Button::new(text.color(ON_ACTION)).fill(ACTION)
            } else {
                egui::Button::new(text)
            };
            if ui.add(b.min_size(vec2(w, BUTTON_H))).clicked() {
                events.push(act.event());
            }
        }
    });
}

/// 処方箋発行形態: 電子処方箋 or 紙の処方箋, as the readers ask it.
fn prescription_view(lang: Lang) -> View {
    let t = |k: Text| i18n::text(lang, k);
    View {
        title: t(Text::PrescriptionTitle).to_string(),
        lines: vec![(t(Text::PrescriptionBody).to_string(), TEXT)],
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
