//! The reception tab of the clerk console: what the reception flow waits for from the clerk
//! (the 目視 confirm, the 照合番号B entry, the 保険証利用登録 form), 「受付を中止」 with its
//! Esc dialog, the visit's message log and the result of the last visit in the kit's result
//! panel. 照合番号B is typed into masked, zeroizing buffers that are wiped once sent or as
//! soon as the flow stops asking; F9 confirms 目視.

use crate::ui::kit::{CLERK_BODY as BODY, CLERK_HEAD as HEAD, WARN, result_panel_ui};
use egui::{RichText, vec2};
use onshi_desk::flow::{Event, FACE_ATTEMPTS, ReaderKind, Stage};
use onshi_desk::history::view::ResultView;
use onshi_desk::i18n::Message as _;
use onshi_desk::i18n::{self, Lang, Text};
use onshi_desk::numbers::{CheckForm, FIELDS};
use onshi_desk::port::Backend;
use reader_driver::VerificationNumberB;
use zeroize::{Zeroize, Zeroizing};

/// Confirms 目視 while the flow waits for it (shown on the button).
const VISUAL_KEY: egui::Key = egui::Key::F9;

/// The reception tab's own state: the forms the flow asks the clerk for.
pub struct Reception {
    lang: Lang,
    /// 照合番号B by its parts (birth date, expiry year, code) instead of 14 digits.
    by_parts: bool,
    number14: Zeroizing<String>,
    birth: Zeroizing<String>,
    expiry: Zeroizing<String>,
    code: Zeroizing<String>,
    number_error: bool,
    /// The 保険証利用登録 form: the same numbers form as the check tab's.
    register: CheckForm,
    register_error: Option<String>,
    /// The stage the forms were last drawn for: focus moves to a form when it appears.
    form_stage: Option<std::mem::Discriminant<Stage>>,
    /// The flow entered its stage this frame (see [`Reception::observe`]).
    entered: bool,
    /// Esc was pressed during a visit: the 「受付を中止しますか」 dialog is open.
    confirm_cancel: bool,
    /// A generic reader's visit, driven from here.
    generic: super::generic::Generic,
}

impl Reception {
    pub fn new(lang: Lang) -> Reception {
        Reception {
            lang,
            by_parts: false,
            number14: Zeroizing::new(String::new()),
            birth: Zeroizing::new(String::new()),
            expiry: Zeroizing::new(String::new()),
            code: Zeroizing::new(String::new()),
            number_error: false,
            register: CheckForm::default(),
            register_error: None,
            form_stage: None,
            entered: false,
            confirm_cancel: false,
            generic: super::generic::Generic::default(),
        }
    }

    fn t(&self, k: Text) -> &'static str {
        i18n::text(self.lang, k)
    }

    /// Called every frame whatever tab is in front: wipes the secrets the flow no longer asks
    /// for, and says whether the flow has just entered a new stage.
    pub fn observe(&mut self, stage: &Stage) -> bool {
        let entered = Some(std::mem::discriminant(stage)) != self.form_stage;
        self.form_stage = Some(std::mem::discriminant(stage));
        if !matches!(stage, Stage::FaceNumber { .. }) {
            self.wipe_number();
        }
        if !matches!(stage, Stage::RegisterDetails) {
            self.register.wipe();
            self.register_error = None;
        }
        self.generic.observe(stage);
        self.entered = entered;
        entered
    }
}

impl super::Room for Reception {
    /// Draws the tab and sends what the clerk did.
    fn ui(&mut self, ui: &mut egui::Ui, lang: Lang, backend: &mut dyn Backend) {
        self.lang = lang;
        let entered = self.entered;
        let stage = backend.flow().stage().clone();
        let mut events = Vec::new();
        let flow = backend.flow();
        // Esc asks before cancelling a visit; the dialog's keys answer it.
        if flow.visit_id().is_none() {
            self.confirm_cancel = false;
        }
        if self.confirm_cancel {
            match self.cancel_dialog_ui(ui) {
                Some(true) => {
                    self.confirm_cancel = false;
                    events.push(Event::ClerkCancel);
                }
                Some(false) => self.confirm_cancel = false,
                None => {}
            }
        } else if flow.visit_id().is_some()
            && ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Escape))
        {
            self.confirm_cancel = true;
        }
        let visual_key = matches!(stage, Stage::Visual)
            && !self.confirm_cancel
            && ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, VISUAL_KEY));
        ui.horizontal(|ui| {
            let mut visual = flow.visual_mode();
            if ui
                .checkbox(&mut visual, self.t(Text::VisualModeSwitch))
                .changed()
            {
                events.push(Event::VisualMode(visual));
            }
            ui.separator();
            let cancel = egui::Button::new(
                RichText::new(format!("{} (Esc)", self.t(Text::ClerkCancel))).color(WARN),
            )
            .min_size(vec2(160.0, 36.0));
            if ui.add_enabled(flow.visit_id().is_some(), cancel).clicked() {
                events.push(Event::ClerkCancel);
            }
            // The visit's failed face matches against the readers' limit: at the limit the
            // patient is offered the PIN or 目視, and the clerk should know why.
            if let Some(n) = flow.face_failures().filter(|n| *n > 0) {
                ui.separator();
                let line = RichText::new(i18n::face_failures(lang, n, FACE_ATTEMPTS)).strong();
                ui.label(if n >= FACE_ATTEMPTS {
                    line.color(WARN)
                } else {
                    line
                });
            }
        });
        ui.separator();

        ui.columns(2, |cols| {
            let (left, right) = cols.split_at_mut(1);
            let left = &mut left[0];
            let right = &mut right[0];
            // Left: what the flow waits for from the clerk, then the log.
            if backend.flow().settings().reader == ReaderKind::Generic {
                self.generic
                    .generic_ui(left, lang, backend.flow(), &mut events);
            }
            match &stage {
                Stage::Visual => {
                    left.label(RichText::new(self.t(Text::VisualHint)).size(BODY));
                    let b = egui::Button::new(
                        RichText::new(format!(
                            "{} ({})",
                            self.t(Text::VisualConfirm),
                            VISUAL_KEY.name()
                        ))
                        .size(HEAD),
                    )
                    .min_size(vec2(240.0, 48.0));
                    let r = left.add(b);
                    if entered {
                        r.request_focus();
                    }
                    if r.clicked() || visual_key {
                        events.push(Event::VisualConfirmed);
                    }
                    left.separator();
                }
                Stage::FaceNumber {
                    wrong_tries_left,
                    front,
                } => {
                    if let Some(line) = i18n::front_reading_clerk(lang, *front) {
                        left.label(line);
                    }
                    // The refused reading, to check against the card (security code masked).
                    if let Some(read) = backend.flow().refused_reading() {
                        let line = i18n::front_refused_reading(lang, read);
                        left.label(RichText::new(line.as_str()).strong());
                    }
                    self.number_form_ui(left, *wrong_tries_left, entered, &mut events);
                    left.separator();
                }
                Stage::RegisterDetails => {
                    let limit = backend
                        .flow()
                        .consents()
                        .and_then(|c| c.limit)
                        .unwrap_or(false);
                    self.register_form_ui(left, limit, entered, &mut events);
                    left.separator();
                }
                _ => {}
            }
            left.label(RichText::new(self.t(Text::LogTitle)).size(HEAD).strong());
            let log = backend.flow().log();
            let start = log.first().map(|l| l.at);
            egui::ScrollArea::vertical()
                .id_salt("clerk-log")
                .max_height(left.available_height())
                .stick_to_bottom(true)
                .show(left, |ui| {
                    for line in log {
                        let secs = start
                            .map(|s| line.at.saturating_duration_since(s).as_secs_f32())
                            .unwrap_or(0.0);
                        ui.label(format!(
                            "{secs:>6.1} s  {}",
                            i18n::log_entry(lang, &line.entry)
                        ));
                    }
                });

            // Right: the result of the last visit.
            right.label(RichText::new(self.t(Text::ResultTitle)).size(HEAD).strong());
            // A card check that could not be stored in the history says so here.
            let not_stored = backend.checks().and_then(|c| c.visit_store_problem());
            match backend.flow().last_result() {
                None => {
                    right.label(self.t(Text::NoResultYet));
                }
                Some(result) => result_panel_ui(
                    right,
                    lang,
                    &ResultView::of_visit(result),
                    &[],
                    not_stored.as_deref(),
                ),
            }
        });

        for e in events {
            backend.send(e);
        }
    }
}

impl Reception {
    /// The 「受付を中止しますか」 dialog: `Some(true)` cancels the visit (Enter / Y or the
    /// button), `Some(false)` keeps it (Esc / N or the button), `None` while it waits.
    fn cancel_dialog_ui(&mut self, ui: &mut egui::Ui) -> Option<bool> {
        use egui::{Key, Modifiers};
        let mut answer = ui.input_mut(|i| {
            if i.consume_key(Modifiers::NONE, Key::Enter) || i.consume_key(Modifiers::NONE, Key::Y)
            {
                Some(true)
            } else if i.consume_key(Modifiers::NONE, Key::Escape)
                || i.consume_key(Modifiers::NONE, Key::N)
            {
                Some(false)
            } else {
                None
            }
        });
        egui::Modal::new(ui.scope_id().with("clerk-cancel-confirm")).show(ui.ctx(), |ui| {
            ui.set_width(420.0);
            ui.label(
                RichText::new(self.t(Text::CancelConfirmTitle))
                    .size(HEAD)
                    .strong(),
            );
            ui.label(self.t(Text::CancelConfirmBody));
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                let yes =
                    egui::Button::new(RichText::new(self.t(Text::CancelConfirmYes)).color(WARN))
                        .min_size(vec2(180.0, 36.0));
                if ui.add(yes).clicked() {
                    answer = Some(true);
                }
                let no =
                    egui::Button::new(self.t(Text::CancelConfirmNo)).min_size(vec2(180.0, 36.0));
                if ui.add(no).clicked() {
                    answer = Some(false);
                }
            });
        });
        answer
    }

    fn wipe_number(&mut self) {
        self.number14.zeroize();
        self.birth.zeroize();
        self.expiry.zeroize();
        self.code.zeroize();
    }

    fn number_form_ui(
        &mut self,
        ui: &mut egui::Ui,
        wrong_tries_left: Option<u8>,
        entered: bool,
        events: &mut Vec<Event>,
    ) {
        let lang = self.lang;
        ui.label(RichText::new(self.t(Text::NumberTitle)).size(HEAD).strong());
        if let Some(n) = wrong_tries_left {
            ui.label(RichText::new(i18n::number_tries_left(lang, n)).color(WARN));
        }
        let (by14, by_parts) = (self.t(Text::NumberBy14), self.t(Text::NumberByParts));
        ui.horizontal(|ui| {
            ui.radio_value(&mut self.by_parts, false, by14);
            ui.radio_value(&mut self.by_parts, true, by_parts);
        });
        let mut submit = false;
        let mut secret =
            |ui: &mut egui::Ui, label: &str, buf: &mut String, max: usize, focus: bool| {
                ui.horizontal(|ui| {
                    let l = ui.label(label);
                    let r = ui
                        .add(
                            egui::TextEdit::singleline(buf)
                                .password(true)
                                .char_limit(max)
                                .desired_width(200.0),
                        )
                        .labelled_by(l.id);
                    // egui keeps an undo history of every text field: none for secrets.
                    if let Some(mut st) = egui::text_edit::TextEditState::load(ui.ctx(), r.id) {
                        st.clear_undoer();
                        st.store(ui.ctx(), r.id);
                    }
                    if focus {
                        r.request_focus();
                    }
                    if r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                        submit = true;
                    }
                });
            };
        if self.by_parts {
            secret(
                ui,
                i18n::text(lang, Text::NumberBirthLabel),
                &mut self.birth,
                10,
                entered,
            );
            secret(
                ui,
                i18n::text(lang, Text::NumberExpiryLabel),
                &mut self.expiry,
                4,
                false,
            );
            secret(
                ui,
                i18n::text(lang, Text::NumberCodeLabel),
                &mut self.code,
                4,
                false,
            );
        } else {
            secret(
                ui,
                i18n::text(lang, Text::Number14Label),
                &mut self.number14,
                14,
                entered,
            );
        }
        if self.number_error {
            ui.label(RichText::new(i18n::number_format(lang)).color(WARN));
        }
        if ui
            .add(egui::Button::new(self.t(Text::Send)).min_size(vec2(120.0, 36.0)))
            .clicked()
        {
            submit = true;
        }
        if submit {
            let number = if self.by_parts {
                let birth = eligibility::ids::parse_yyyymmdd(&self.birth);
                let year = self.expiry.trim().parse::<u16>().ok();
                match (birth, year) {
                    (Some(b), Some(y)) => {
                        VerificationNumberB::from_parts(b, y, self.code.trim()).ok()
                    }
                    _ => None,
                }
            } else {
                VerificationNumberB::new(self.number14.trim()).ok()
            };
            self.number_error = number.is_none();
            if let Some(n) = number {
                events.push(Event::VerificationNumber(n));
            }
            self.wipe_number();
        }
    }

    fn register_form_ui(
        &mut self,
        ui: &mut egui::Ui,
        limit_consent: bool,
        entered: bool,
        events: &mut Vec<Event>,
    ) {
        let lang = self.lang;
        ui.label(
            RichText::new(self.t(Text::RegisterFormTitle))
                .size(HEAD)
                .strong(),
        );
        let mut submit = false;
        egui::Grid::new("register-form")
            .num_columns(2)
            .spacing(vec2(12.0, 6.0))
            .show(ui, |ui| {
                for (i, field) in FIELDS.into_iter().enumerate() {
                    let l = ui.label(i18n::text(lang, super::field_label(field)));
                    let Some(buf) = self.register.value_mut(field) else {
                        continue;
                    };
                    let r = ui
                        .add(egui::TextEdit::singleline(buf).desired_width(260.0))
                        .labelled_by(l.id);
                    if entered && i == 0 {
                        r.request_focus();
                    }
                    if r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) && i == 4 {
                        submit = true;
                    }
                    ui.end_row();
                }
            });
        if let Some(e) = &self.register_error {
            ui.label(RichText::new(e).color(WARN));
        }
        if ui
            .add(egui::Button::new(self.t(Text::Send)).min_size(vec2(120.0, 36.0)))
            .clicked()
        {
            submit = true;
        }
        if submit {
            match self.register.registration(limit_consent) {
                Ok(search) => {
                    self.register_error = None;
                    self.register.wipe();
                    events.push(Event::RegistrationDetails(Box::new(search)));
                }
                Err(e) => self.register_error = Some(e.message(lang)),
            }
        }
    }
}
