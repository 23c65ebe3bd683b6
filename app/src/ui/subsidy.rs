//! The clerk console's 補助金 tab: the 医療情報化支援基金 estimate of `onshi subsidy` on a
//! page. The facility kind, the readers provided (a hospital's 1–3), the 総事業費 (tax
//! included) and, for a pharmacy, the path of the group's CSV (typed, or a file dropped on the
//! window); 計算 (or Enter in a field) shows the amount and every line with the rule it cites,
//! or what to fix. Keyboard-first: focus lands on the chosen kind when the tab opens, Tab moves
//! through the kinds, the readers, the cost, the path and 計算, Space or Enter picks. Needs no
//! worker: the estimate is computed at once from the form (and the list file, read then).

use super::style::WARN;
use egui::{RichText, vec2};
use onshi_desk::i18n::Lang;
use onshi_desk::i18n::subsidy::{self as words, W};
use onshi_desk::subsidy::{self, Estimate, Kind, Problem};

const HEAD: f32 = 21.0;

/// What the form holds, to see whether it changed.
type Form = (Kind, u8, String, String);

/// The tab's own state.
pub struct SubsidyScreen {
    kind: Kind,
    readers: u8,
    cost: String,
    list: String,
    result: Option<Result<Estimate, Problem>>,
    /// The form the result was computed for: a changed form clears it (no stale amount).
    computed_for: Option<Form>,
    /// The pass this tab was last drawn in: a gap means the tab was just opened.
    last_pass: Option<u64>,
}

impl Default for SubsidyScreen {
    fn default() -> Self {
        SubsidyScreen {
            kind: Kind::Clinic,
            readers: 1,
            cost: String::new(),
            list: String::new(),
            result: None,
            computed_for: None,
            last_pass: None,
        }
    }
}

impl SubsidyScreen {
    pub fn new() -> SubsidyScreen {
        SubsidyScreen::default()
    }

    /// The tab was brought to the front: its first field takes the focus.
    pub fn focus_first(&mut self) {
        self.last_pass = None;
    }

    pub fn ui(&mut self, ui: &mut egui::Ui, lang: Lang) {
        let w = |k| words::text(lang, k);
        let pass = ui.ctx().cumulative_pass_nr();
        let opened = self.last_pass.is_none_or(|p| p + 1 < pass);
        self.last_pass = Some(pass);
        // A list dropped on the window while this tab is in front is its path.
        if let Some(p) = ui.ctx().input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .find(|p| !p.as_os_str().is_empty())
        }) {
            self.list = p.display().to_string();
        }

        ui.label(RichText::new(w(W::Title)).size(HEAD).strong());
        ui.label(w(W::Hint));
        ui.add_space(4.0);
        let mut submit = false;
        let enter = |ui: &egui::Ui, r: &egui::Response| {
            r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter))
        };
        egui::Grid::new("subsidy-form")
            .num_columns(2)
            .spacing(vec2(12.0, 8.0))
            .show(ui, |ui| {
                ui.label(w(W::KindLabel));
                ui.horizontal(|ui| {
                    for k in [
                        Kind::Hospital,
                        Kind::Clinic,
                        Kind::Pharmacy,
                        Kind::ChainPharmacy,
                    ] {
                        let r = ui.radio_value(&mut self.kind, k, words::kind(lang, k));
                        if opened && k == self.kind {
                            r.request_focus();
                        }
                    }
                });
                ui.end_row();

                ui.label(w(W::ReadersLabel));
                ui.add_enabled_ui(self.kind == Kind::Hospital, |ui| {
                    ui.horizontal(|ui| {
                        for n in 1..=3u8 {
                            ui.radio_value(&mut self.readers, n, n.to_string());
                        }
                    });
                });
                ui.end_row();

                let l = ui.label(w(W::CostLabel));
                let r = ui
                    .add_sized(
                        vec2(260.0, 30.0),
                        egui::TextEdit::singleline(&mut self.cost).align(egui::Align2::LEFT_CENTER),
                    )
                    .labelled_by(l.id);
                submit |= enter(ui, &r);
                ui.end_row();

                let l = ui.label(w(W::ListLabel));
                ui.add_enabled_ui(self.kind.is_pharmacy(), |ui| {
                    ui.vertical(|ui| {
                        let r = ui
                            .add_sized(
                                vec2(640.0, 30.0),
                                egui::TextEdit::singleline(&mut self.list)
                                    .align(egui::Align2::LEFT_CENTER),
                            )
                            .labelled_by(l.id);
                        submit |= enter(ui, &r);
                        ui.label(RichText::new(w(W::ListHint)).small());
                    });
                });
                ui.end_row();
            });
        let b = egui::Button::new(RichText::new(w(W::EstimateButton)).size(19.0))
            .min_size(vec2(160.0, 40.0));
        if ui.add(b).clicked() {
            submit = true;
        }
        if submit {
            let list = self.list.trim();
            let list = (self.kind.is_pharmacy() && !list.is_empty()).then(|| list.as_ref());
            let today = onshi_desk::history::day_in_japan(time::OffsetDateTime::now_utc());
            let readers = (self.kind == Kind::Hospital).then_some(self.readers);
            self.result = Some(subsidy::estimate(
                self.kind, readers, &self.cost, list, today,
            ));
        }
        let form = (
            self.kind,
            self.readers,
            self.cost.clone(),
            self.list.clone(),
        );
        if submit {
            self.computed_for = Some(form);
        } else if self.computed_for.as_ref().is_some_and(|f| *f != form) {
            self.result = None;
            self.computed_for = None;
        }
        if !self.kind.is_pharmacy() && !self.list.trim().is_empty() {
            ui.label(RichText::new(w(W::ListNotUsed)).color(WARN));
        }
        ui.separator();
        match &self.result {
            None => {
                ui.label(w(W::NoEstimateYet));
            }
            Some(Err(p)) => {
                for m in words::problem(lang, p) {
                    ui.label(RichText::new(m).color(WARN).strong());
                }
            }
            Some(Ok(e)) => {
                ui.label(
                    RichText::new(format!(
                        "{}: {}",
                        w(W::AmountLabel),
                        words::yen(lang, e.amount)
                    ))
                    .size(28.0)
                    .strong(),
                );
                egui::ScrollArea::vertical()
                    .id_salt("subsidy-lines")
                    .show(ui, |ui| {
                        egui::Grid::new("subsidy-lines-grid")
                            .num_columns(2)
                            .spacing(vec2(16.0, 5.0))
                            .striped(true)
                            .show(ui, |ui| {
                                ui.label(RichText::new(w(W::RuleHeader)).strong());
                                ui.label(RichText::new(w(W::LineHeader)).strong());
                                ui.end_row();
                                for l in &e.lines {
                                    ui.label(words::rule(lang, l.rule));
                                    ui.add(egui::Label::new(words::line(lang, &l.fact)).wrap());
                                    ui.end_row();
                                }
                            });
                    });
            }
        }
    }
}
