//! The clerk console's tab for the insurance-card check (a 保険証 or a 資格確認書: the same
//! printed numbers): 保険者番号, 記号, 番号, 枝番, 生年月日, the 資格確認日 (empty: today) and
//! the 限度額 consent, keyboard only (focus on the first field when the tab opens, Tab
//! between fields, Enter checks once the form is right). Each field is validated as it is
//! typed ([`CheckForm::state`]) with the reason beside it in words; while the centre is asked
//! the button is disabled, so one press sends one check. The answer shows below in the same
//! result view as a card check, with a line if it could not be stored in the history. The
//! typed fields stay after any answer, so a mistyped number is corrected, not retyped.

use crate::ui::kit::{CLERK_BUTTON, CLERK_HEAD, FORM_SPACING, WARN, result_panel_ui};
use egui::{RichText, vec2};
use onshi_desk::history::view::ResultView;
use onshi_desk::i18n::Message as _;
use onshi_desk::i18n::desk_check::{self as words, W};
use onshi_desk::i18n::{self, Lang};
use onshi_desk::link::refno::RowText;
use onshi_desk::numbers::{CheckForm, FIELDS, FieldState};
use onshi_desk::port::Backend;
use onshi_desk::services::check::{CheckState, RefnoState};

/// The tab's own state.
#[derive(Default)]
pub struct CheckScreen {
    form: CheckForm,
    /// The clerk tried to send an unfinished form: name every field's problem, not only the
    /// ones that are wrong already.
    tried: bool,
    /// The pass this tab was last drawn in: a gap means the tab was just opened.
    last_pass: Option<u64>,
    /// The 照会番号 (診察券番号) typed under a result, to register for the numbers checked.
    refno: String,
    /// Why the typed 照会番号 cannot be sent, in words.
    refno_problem: Option<String>,
}

impl super::Room for CheckScreen {
    /// The tab was brought to the front: its first field takes the focus.
    fn focus_first(&mut self) {
        self.last_pass = None;
    }

    fn ui(&mut self, ui: &mut egui::Ui, lang: Lang, backend: &mut dyn Backend) {
        let w = |k| words::text(lang, k);
        let pass = ui.ctx().cumulative_pass_nr();
        let opened = self.last_pass.is_none_or(|p| p + 1 < pass);
        self.last_pass = Some(pass);
        let Some(checks) = backend.checks() else {
            ui.label(w(W::NoAnswerYet));
            return;
        };
        let checking = matches!(checks.state(), CheckState::Checking);

        ui.label(RichText::new(w(W::CheckTitle)).size(CLERK_HEAD).strong());
        ui.label(w(W::CheckHint));
        ui.add_space(4.0);
        let mut submit = false;
        let submit_errors = if self.tried {
            self.form.submit_errors()
        } else {
            Vec::new()
        };
        egui::Grid::new("check-form")
            .num_columns(3)
            .spacing(FORM_SPACING)
            .show(ui, |ui| {
                for (i, field) in FIELDS.into_iter().enumerate() {
                    let l = ui.label(i18n::text(lang, super::field_label(field)));
                    let Some(buf) = self.form.value_mut(field) else {
                        continue;
                    };
                    // Sized, not desired_width: a grid cell would clip the field to last frame's column.
                    let r = ui
                        .add_enabled_ui(!checking, |ui| {
                            ui.add_sized(
                                vec2(260.0, 30.0),
                                egui::TextEdit::singleline(buf).align(egui::Align2::LEFT_CENTER),
                            )
                        })
                        .inner
                        .labelled_by(l.id);
                    if opened && i == 0 {
                        r.request_focus();
                    }
                    if r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                        submit = true;
                    }
                    // The reason beside the field: wrong now, or (after a try) not finished.
                    let why = match self.form.state(field) {
                        FieldState::Bad(e) => Some(e.message(lang)),
                        _ => submit_errors
                            .iter()
                            .find(|e| e.field == field)
                            .map(|e| e.message(lang)),
                    };
                    match why {
                        Some(m) => ui.label(RichText::new(m).color(WARN)),
                        None => ui.label(""),
                    };
                    ui.end_row();
                }
                // 資格確認日: empty is today; another day for a returned claim.
                let l = ui.label(w(W::DateLabel));
                let r = ui
                    .add_enabled_ui(!checking, |ui| {
                        ui.add_sized(
                            vec2(260.0, 30.0),
                            egui::TextEdit::singleline(&mut self.form.date)
                                .hint_text(w(W::DateToday))
                                .align(egui::Align2::LEFT_CENTER),
                        )
                    })
                    .inner
                    .labelled_by(l.id);
                if r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                    submit = true;
                }
                let bad_date =
                    self.form.confirmation_date().is_err() && (self.tried || !r.has_focus());
                if bad_date {
                    ui.label(RichText::new(w(W::BadDate)).color(WARN));
                } else {
                    ui.label("");
                }
                ui.end_row();
            });
        ui.add_enabled(
            !checking,
            egui::Checkbox::new(&mut self.form.limit_consent, w(W::LimitConsent)),
        );
        ui.add_space(4.0);
        let ready = self.form.ready() && self.form.confirmation_date().is_ok();
        ui.horizontal(|ui| {
            let text = if checking {
                w(W::Checking)
            } else {
                w(W::CheckButton)
            };
            let b = egui::Button::new(RichText::new(text).size(CLERK_BUTTON))
                .min_size(vec2(160.0, 40.0));
            if ui.add_enabled(ready && !checking, b).clicked() {
                submit = true;
            }
            let c = egui::Button::new(RichText::new(w(W::Clear)).size(CLERK_BUTTON))
                .min_size(vec2(120.0, 40.0));
            if ui.add_enabled(!checking, c).clicked() {
                self.form = CheckForm::default();
                self.refno.clear();
                self.refno_problem = None;
                self.tried = false;
                self.last_pass = None;
                checks.clear();
            }
        });
        if submit && !checking {
            match (self.form.search(), self.form.confirmation_date()) {
                (Ok(search), Ok(date)) => {
                    self.tried = false;
                    checks.submit(search, date);
                }
                _ => self.tried = true,
            }
        }
        if self.tried && !ready {
            ui.label(RichText::new(w(W::NotReady)).color(WARN));
        }
        ui.separator();
        match checks.state() {
            CheckState::Idle => {
                ui.label(w(W::NoAnswerYet));
            }
            CheckState::Checking => {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label(RichText::new(w(W::Checking)).size(CLERK_BUTTON));
                });
            }
            CheckState::Done(a) => {
                let warning = match &a.stored {
                    Some(Err(why)) => Some(words::not_stored(lang, why)),
                    _ => None,
                };
                let mut extra = match &a.stored {
                    Some(Ok(id)) => vec![(w(W::HistoryIdLabel).to_string(), id.to_string())],
                    None => vec![(w(W::HistoryIdLabel).to_string(), w(W::Storing).into())],
                    Some(Err(_)) => Vec::new(),
                };
                if let Some(d) = a.as_of {
                    extra.push((
                        w(W::AsOfLabel).to_string(),
                        format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day()),
                    ));
                }
                let found = a.result.outcome.is_ok();
                let view = ResultView::of_visit(&a.result);
                egui::ScrollArea::vertical()
                    .id_salt("check-result")
                    .show(ui, |ui| {
                        // The verdict first; the clinic's number after it, for a found person.
                        result_panel_ui(ui, lang, &view, &extra, warning.as_deref());
                        if found {
                            ui.separator();
                            self.refno_ui(ui, lang, checks);
                        }
                    });
            }
        }
    }
}

impl CheckScreen {
    pub fn new() -> CheckScreen {
        CheckScreen::default()
    }

    /// The 照会番号 row under a found result: the clinic's 診察券番号, registered for the numbers
    /// just checked, so the centre returns it in every later result of this person.
    fn refno_ui(
        &mut self,
        ui: &mut egui::Ui,
        lang: Lang,
        checks: &mut dyn onshi_desk::services::check::Checks,
    ) {
        let w = |k| words::text(lang, k);
        let state = checks.refno();
        let sending = state == RefnoState::Sending;
        ui.horizontal(|ui| {
            let l = ui.label(w(W::RefnoLabel));
            let r = ui
                .add_enabled_ui(!sending, |ui| {
                    ui.add_sized(
                        vec2(200.0, 30.0),
                        egui::TextEdit::singleline(&mut self.refno)
                            .align(egui::Align2::LEFT_CENTER),
                    )
                })
                .inner
                .labelled_by(l.id);
            // Enter registers, as Enter checks in the form above: the keyboard is enough.
            let entered = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            let text = if sending {
                w(W::RefnoSending)
            } else {
                w(W::RefnoButton)
            };
            let b = egui::Button::new(RichText::new(text).size(CLERK_BUTTON))
                .min_size(vec2(160.0, 36.0));
            let ready = !sending && !self.refno.trim().is_empty();
            if ui.add_enabled(ready, b).clicked() || (ready && entered) {
                let row = RowText {
                    reference_number: self.refno.trim().to_string(),
                    insurer: self.form.insurer.clone(),
                    symbol: self.form.symbol.clone(),
                    number: self.form.number.clone(),
                    branch: self.form.branch.clone(),
                    birth: self.form.birth.clone(),
                }
                .row();
                match row {
                    Ok(r) => {
                        self.refno_problem = None;
                        checks.register_refno(r);
                    }
                    Err(p) => {
                        self.refno_problem = Some(i18n::link::refno_row(lang, None, &p));
                    }
                }
            }
        });
        let said = match (&self.refno_problem, &state) {
            (Some(p), _) => Some((p.clone(), true)),
            (None, RefnoState::Registered { number }) => {
                Some((words::refno_registered(lang, number), false))
            }
            (
                None,
                RefnoState::Refused {
                    number,
                    code,
                    message,
                },
            ) => Some((i18n::link::refno_refused(lang, number, code, message), true)),
            (None, RefnoState::Failed(t)) => Some((i18n::centre_trouble(lang, t), true)),
            _ => None,
        };
        if let Some((text, warn)) = said {
            let t = RichText::new(text);
            ui.label(if warn { t.color(WARN) } else { t });
        }
    }
}
