//! The reception tab's part for a generic card reader (汎用カードリーダー): there is no patient
//! screen, so the clerk drives the visit from here. Identity by the patient's PIN, typed by the
//! patient on a keypad dialog on this console (tries left shown before entry, one VERIFY per
//! 確定, the digits in a zeroizing buffer wiped once sent or when the flow stops asking), or by
//! 目視; consent on paper: the desk makes the form with the patient's name, the clerk opens and
//! prints it, and ticks what the patient signed. The printed file goes when the visit moves on.

use crate::ui::fonts::form_font;
use crate::ui::kit::{
    ACTION, CLERK_BODY as BODY, CLERK_BUTTON, CLERK_HEAD as HEAD, ON_ACTION, WARN,
};
use egui::{RichText, vec2};
use onshi_desk::flow::{Event, Flow, PaperAnswers, PrescriptionForm, Question, Stage};
use onshi_desk::i18n::{self, Lang, Text};
use onshi_desk::paper::{self, PrintedForm};
use onshi_desk::services::paper::{ConsentRequest, print_consent};
use reader_driver::AuthPin;
use zeroize::{Zeroize, Zeroizing};

/// A key of the console's PIN keypad (large enough for a patient's finger on a touch screen).
const KEY: egui::Vec2 = vec2(88.0, 64.0);

/// The clerk's side of a generic reader's visit.
#[derive(Default)]
pub struct Generic {
    /// The PIN digits typed on the keypad (at most 4).
    pin: Zeroizing<String>,
    /// The patient's name for the form, as the clerk types it.
    name: Zeroizing<String>,
    /// The ticks of the form's questions (ticked: agrees).
    answers: Vec<(Question, bool)>,
    prescription: Option<PrescriptionForm>,
    /// The form made for this visit; its file is removed when this is dropped.
    form: Option<PrintedForm>,
    error: Option<String>,
}

impl Generic {
    /// Every frame: forgets what the flow no longer asks for (the PIN once the pad closes,
    /// the form, its file and the name once the paper stage is over).
    pub fn observe(&mut self, stage: &Stage) {
        if !matches!(stage, Stage::Pin { .. }) {
            self.pin.zeroize();
        }
        match stage {
            Stage::PaperConsent { questions, .. } => {
                if self.answers.len() != questions.len()
                    || !questions
                        .iter()
                        .zip(&self.answers)
                        .all(|(q, (a, _))| q == a)
                {
                    self.answers = questions.iter().map(|q| (*q, false)).collect();
                }
            }
            _ => {
                self.name.zeroize();
                self.answers.clear();
                self.prescription = None;
                self.form = None;
                self.error = None;
            }
        }
    }

    /// Draws what the stage asks of the clerk at a generic reader and queues the events.
    pub fn generic_ui(
        &mut self,
        ui: &mut egui::Ui,
        lang: Lang,
        flow: &Flow,
        events: &mut Vec<Event>,
    ) {
        let t = |k: Text| i18n::text(lang, k);
        match flow.stage() {
            Stage::ChooseMethod { pin, visual, .. } => {
                ui.label(RichText::new(t(Text::GenericTitle)).size(HEAD).strong());
                methods_ui(ui, lang, *pin, *visual, events);
            }
            Stage::PinLocked { visual, .. } => {
                ui.label(RichText::new(t(Text::PinLockedTitle)).color(WARN).strong());
                methods_ui(ui, lang, false, *visual, events);
            }
            Stage::Pin { tries_left, wrong } => {
                self.keypad_ui(ui, lang, *tries_left, *wrong, events)
            }
            Stage::PinLastTry { wrong } => last_try_ui(ui, lang, *wrong, events),
            Stage::PaperConsent {
                questions,
                prescription,
            } => self.paper_ui(ui, lang, flow, questions, *prescription, events),
            _ => return,
        }
        ui.separator();
    }

    /// The keypad dialog: tries left before the first digit, ● per digit, 訂正 and 確定.
    fn keypad_ui(
        &mut self,
        ui: &mut egui::Ui,
        lang: Lang,
        tries_left: u8,
        wrong: bool,
        events: &mut Vec<Event>,
    ) {
        let t = |k: Text| i18n::text(lang, k);
        egui::Modal::new(ui.scope_id().with("generic-pin-pad")).show(ui.ctx(), |ui| {
            ui.set_width(380.0);
            ui.label(RichText::new(t(Text::KeypadTitle)).size(HEAD).strong());
            ui.label(t(Text::PinTitle));
            if wrong {
                ui.label(RichText::new(t(Text::PinWrong)).color(WARN).strong());
            }
            ui.label(
                RichText::new(i18n::pin_tries_left(lang, tries_left))
                    .size(BODY)
                    .strong(),
            );
            let dots: String = (0..4)
                .map(|i| if i < self.pin.len() { '●' } else { '○' })
                .collect();
            ui.label(RichText::new(dots).size(32.0));
            egui::Grid::new("generic-pin-keys")
                .spacing(vec2(8.0, 8.0))
                .show(ui, |ui| {
                    for row in [["1", "2", "3"], ["4", "5", "6"], ["7", "8", "9"]] {
                        for d in row {
                            self.digit_ui(ui, d);
                        }
                        ui.end_row();
                    }
                    let clear =
                        egui::Button::new(RichText::new(t(Text::PinClear)).size(CLERK_BUTTON))
                            .min_size(KEY);
                    if ui.add(clear).clicked() {
                        self.pin.zeroize();
                    }
                    self.digit_ui(ui, "0");
                    let ok = egui::Button::new(
                        RichText::new(t(Text::PinConfirm))
                            .size(CLERK_BUTTON)
                            .color(ON_ACTION),
                    )
                    .fill(ACTION)
                    .min_size(KEY);
                    if ui.add_enabled(self.pin.len() == 4, ok).clicked() {
                        // One entry, one event: the flow sends exactly one VERIFY for it.
                        if let Ok(pin) = AuthPin::new(&self.pin) {
                            events.push(Event::PinEntered(pin));
                        }
                        self.pin.zeroize();
                    }
                    ui.end_row();
                });
            ui.add_space(6.0);
            // The dialog covers the console: the visit can still be ended from here.
            let stop = egui::Button::new(RichText::new(t(Text::ClerkCancel)).color(WARN))
                .min_size(vec2(160.0, 36.0));
            if ui.add(stop).clicked() {
                self.pin.zeroize();
                events.push(Event::ClerkCancel);
            }
        });
    }

    fn digit_ui(&mut self, ui: &mut egui::Ui, d: &str) {
        let key = egui::Button::new(RichText::new(d).size(28.0)).min_size(KEY);
        if ui.add(key).clicked() && self.pin.len() < 4 {
            self.pin.push_str(d);
        }
    }

    /// The paper consent: the name for the form, the form made and opened, and the ticks of
    /// what the patient signed.
    fn paper_ui(
        &mut self,
        ui: &mut egui::Ui,
        lang: Lang,
        flow: &Flow,
        questions: &[Question],
        prescription: bool,
        events: &mut Vec<Event>,
    ) {
        let t = |k: Text| i18n::text(lang, k);
        ui.label(RichText::new(t(Text::PaperTitle)).size(HEAD).strong());
        ui.horizontal(|ui| {
            let label = ui.label(t(Text::PaperNameLabel));
            ui.add(egui::TextEdit::singleline(&mut *self.name).desired_width(220.0))
                .labelled_by(label.id);
        });
        let make = egui::Button::new(RichText::new(t(Text::PaperPrint)).size(CLERK_BUTTON))
            .min_size(vec2(240.0, 40.0));
        if ui.add_enabled(!self.name.trim().is_empty(), make).clicked() {
            let req = ConsentRequest {
                name: &self.name,
                questions,
                prescription,
                offer: &flow.settings().offer,
            };
            // A new form replaces the last one, whose file goes with it.
            self.form = None;
            match print_consent(lang, &req, form_font(), &paper::folder()) {
                Ok(form) => {
                    let url = format!("file://{}", form.path().display());
                    ui.ctx().open_url(egui::OpenUrl::new_tab(url));
                    self.form = Some(form);
                    self.error = None;
                }
                Err(e) => self.error = Some(i18n::paper_error(lang, &e)),
            }
        }
        if let Some(form) = &self.form {
            ui.label(t(Text::PaperPrinted));
            ui.label(RichText::new(form.path().display().to_string()).small());
        }
        if let Some(e) = &self.error {
            ui.label(RichText::new(e).color(WARN));
        }
        ui.add_space(6.0);
        ui.label(t(Text::PaperRecordHint));
        for (q, yes) in &mut self.answers {
            ui.checkbox(yes, i18n::question_label(lang, *q));
        }
        if prescription {
            ui.horizontal(|ui| {
                ui.label(i18n::text(lang, Text::PrescriptionLabel));
                for (form, k) in [
                    (PrescriptionForm::Electronic, Text::PrescriptionElectronic),
                    (PrescriptionForm::Paper, Text::PrescriptionPaper),
                ] {
                    ui.radio_value(&mut self.prescription, Some(form), t(k));
                }
            });
        }
        let ready =
            self.answers.len() == questions.len() && (!prescription || self.prescription.is_some());
        let record = egui::Button::new(
            RichText::new(t(Text::PaperRecord))
                .size(CLERK_BUTTON)
                .color(ON_ACTION),
        )
        .fill(ACTION)
        .min_size(vec2(240.0, 44.0));
        if ui.add_enabled(ready, record).clicked() {
            events.push(Event::PaperConsent(PaperAnswers {
                answers: self.answers.clone(),
                prescription: self.prescription.filter(|_| prescription),
            }));
        }
    }
}

/// The PIN (typed by the patient on the keypad) or 目視.
fn methods_ui(ui: &mut egui::Ui, lang: Lang, pin: bool, visual: bool, events: &mut Vec<Event>) {
    use onshi_desk::flow::Method;
    let t = |k: Text| i18n::text(lang, k);
    if !pin {
        ui.label(t(Text::PinNotUsable));
    }
    ui.horizontal(|ui| {
        for (on, k, m) in [
            (pin, Text::GenericPin, Method::Pin),
            (visual, Text::GenericVisual, Method::Visual),
        ] {
            let b = egui::Button::new(RichText::new(t(k)).size(CLERK_BUTTON))
                .min_size(vec2(200.0, 44.0));
            if ui.add_enabled(on, b).clicked() {
                events.push(Event::Choose(m));
            }
        }
    });
}

/// One try left: the patient is warned before the pad opens.
fn last_try_ui(ui: &mut egui::Ui, lang: Lang, wrong: bool, events: &mut Vec<Event>) {
    let t = |k: Text| i18n::text(lang, k);
    ui.label(RichText::new(t(Text::LastTryTitle)).size(HEAD).strong());
    if wrong {
        ui.label(RichText::new(t(Text::PinWrong)).color(WARN));
    }
    ui.label(RichText::new(t(Text::LastTryBody)).color(WARN));
    let go = egui::Button::new(RichText::new(t(Text::LastTryGo)).size(CLERK_BUTTON))
        .min_size(vec2(200.0, 44.0));
    if ui.add(go).clicked() {
        events.push(Event::LastTryConfirmed);
    }
}
