//! The clerk console's tab for the history: today's checks newest first (time, method,
//! 有効 / 無効 / エラー in colour and words, name, kana, insurer), a search by the start of the
//! name in kana, a day range and the outcome, and the chosen check in the same result view as
//! a card check. The list is read again when a new check is stored or a filter changes, not
//! every frame. Only what the history holds can show: no PIN, 照合番号B or photo is stored.

use crate::ui::kit::{CLERK_HEAD, WARN, inline_badge, result_panel_ui, table_ui};
use egui::{RichText, vec2};
use onshi_desk::history::view::ResultView;
use onshi_desk::history::{Entry, Outcome, Query};
use onshi_desk::i18n::Lang;
use onshi_desk::i18n::cli as cli_words;
use onshi_desk::i18n::desk_check::{self as words, W};
use onshi_desk::port::Backend;
use time::OffsetDateTime;

use onshi_desk::time::JST;

/// The tab's own state.
#[derive(Default)]
pub struct HistoryScreen {
    kana: String,
    from: String,
    to: String,
    outcome: Option<Outcome>,
    entries: Vec<Entry>,
    problem: Option<String>,
    /// The row shown in the result view (a click, or Enter on the highlighted row).
    selected: Option<i64>,
    /// The highlighted row, moved by the arrow keys.
    cursor: Option<i64>,
    /// The tab was just brought to the front: the kana search takes the focus.
    focus: bool,
    /// The store's generation the list was read at; `None` reads again.
    read_at: Option<u64>,
    /// The filters the list was read with.
    read_with: Option<Query>,
}

fn hhmm(t: OffsetDateTime, with_day: bool) -> String {
    let t = t.to_offset(JST);
    if with_day {
        format!(
            "{:02}/{:02} {:02}:{:02}",
            u8::from(t.month()),
            t.day(),
            t.hour(),
            t.minute()
        )
    } else {
        format!("{:02}:{:02}:{:02}", t.hour(), t.minute(), t.second())
    }
}

impl super::Room for HistoryScreen {
    /// The tab was brought to the front: the kana search takes the focus.
    fn focus_first(&mut self) {
        self.focus = true;
    }

    fn ui(&mut self, ui: &mut egui::Ui, lang: Lang, backend: &mut dyn Backend) {
        let w = |k| words::text(lang, k);
        let Some(checks) = backend.checks() else {
            ui.label(w(W::NoChecks));
            return;
        };
        ui.label(RichText::new(w(W::HistoryTitle)).size(CLERK_HEAD).strong());
        ui.horizontal(|ui| {
            let l = ui.label(w(W::KanaSearch));
            let r = ui
                .add(egui::TextEdit::singleline(&mut self.kana).desired_width(180.0))
                .labelled_by(l.id);
            if std::mem::take(&mut self.focus) {
                r.request_focus();
            }
            let l = ui.label(w(W::From));
            ui.add(
                egui::TextEdit::singleline(&mut self.from)
                    .hint_text("YYYY-MM-DD")
                    .desired_width(140.0),
            )
            .labelled_by(l.id);
            let l = ui.label(w(W::To));
            ui.add(
                egui::TextEdit::singleline(&mut self.to)
                    .hint_text("YYYY-MM-DD")
                    .desired_width(140.0),
            )
            .labelled_by(l.id);
            let l = ui.label(w(W::OutcomeFilter));
            egui::ComboBox::from_id_salt("history-outcome")
                .selected_text(match self.outcome {
                    Some(o) => cli_words::outcome(lang, o),
                    None => w(W::AllOutcomes),
                })
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.outcome, None, w(W::AllOutcomes));
                    for o in Outcome::ALL {
                        ui.selectable_value(
                            &mut self.outcome,
                            Some(o),
                            cli_words::outcome(lang, o),
                        );
                    }
                })
                .response
                .labelled_by(l.id);
            if ui.button(w(W::TodayButton)).clicked() {
                self.kana.clear();
                self.from.clear();
                self.to.clear();
                self.outcome = None;
            }
        });

        // Read again when a check was stored or a filter changed.
        let generation = checks.generation();
        match self.query() {
            Err(()) => {
                ui.label(RichText::new(w(W::BadDate)).color(WARN));
            }
            Ok(q) => {
                if self.read_at != Some(generation) || self.read_with.as_ref() != Some(&q) {
                    match checks.search(&q) {
                        Ok(v) => {
                            self.entries = v;
                            self.problem = None;
                        }
                        Err(e) => self.problem = Some(e),
                    }
                    self.read_at = Some(generation);
                    self.read_with = Some(q);
                }
            }
        }
        if let Some(p) = &self.problem {
            ui.label(RichText::new(p).color(WARN));
        }
        ui.separator();

        // The keys: arrows move the highlight, Enter shows the highlighted row.
        let at = self
            .cursor
            .and_then(|id| self.entries.iter().position(|e| e.id == id));
        let moved = crate::ui::table_keys::moved(ui, self.entries.len(), at, 10);
        if let Some(i) = moved {
            self.cursor = Some(self.entries[i].id);
        }
        if self.cursor.is_some()
            && (at.is_some() || moved.is_some())
            && ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Enter))
        {
            self.selected = self.cursor;
        }
        let today = onshi_desk::history::day_in_japan(OffsetDateTime::now_utc());
        let height = ui.available_height();
        ui.horizontal_top(|ui| {
            ui.allocate_ui(vec2(720.0, height), |ui| {
                if self.entries.is_empty() {
                    ui.label(w(W::NoChecks));
                    return;
                }
                egui::ScrollArea::vertical()
                    .id_salt("history-list")
                    .show(ui, |ui| {
                        let heads = [
                            W::ColTime,
                            W::ColMethod,
                            W::ColOutcome,
                            W::ColName,
                            W::ColKana,
                            W::ColInsurer,
                        ]
                        .map(w);
                        table_ui(ui, "history-table", &heads, vec2(10.0, 6.0), |ui| {
                            for e in &self.entries {
                                let c = &e.check;
                                let p = &c.person;
                                let chosen = self.cursor.or(self.selected) == Some(e.id);
                                let other_day = onshi_desk::history::day_in_japan(c.at) != today;
                                let first = ui.selectable_label(chosen, hhmm(c.at, other_day));
                                if chosen && moved.is_some() {
                                    first.scroll_to_me(None);
                                }
                                let mut pick = first.clicked();
                                ui.label(cli_words::method(lang, c.method));
                                ui.label(inline_badge(
                                    cli_words::outcome(lang, c.outcome),
                                    c.outcome.into(),
                                ));
                                pick |= ui
                                    .selectable_label(
                                        chosen,
                                        p.name.clone().unwrap_or_else(|| "—".into()),
                                    )
                                    .clicked();
                                ui.label(p.name_kana.clone().unwrap_or_default());
                                ui.label(
                                    p.insurer_name
                                        .clone()
                                        .or_else(|| p.insurer_number.clone())
                                        .unwrap_or_default(),
                                );
                                ui.end_row();
                                if pick {
                                    self.selected = Some(e.id);
                                    self.cursor = Some(e.id);
                                }
                            }
                        });
                    });
            });
            ui.separator();
            ui.vertical(|ui| {
                let chosen = self
                    .selected
                    .and_then(|id| self.entries.iter().find(|e| e.id == id));
                match chosen {
                    None => {
                        ui.label(w(W::ChooseRow));
                    }
                    Some(e) => {
                        let c = &e.check;
                        let t = c.at.to_offset(JST);
                        let shown = ResultView::of_entry(e);
                        let mut extra = vec![
                            (
                                w(W::WhenLabel).to_string(),
                                onshi_desk::time::write(t, onshi_desk::time::Style::Slashed),
                            ),
                            (w(W::HistoryIdLabel).to_string(), e.id.to_string()),
                        ];
                        // A card check's method is a row of the result view already.
                        if shown.method.is_none() {
                            extra.push((
                                w(W::ColMethod).to_string(),
                                cli_words::method(lang, c.method).to_string(),
                            ));
                        }
                        egui::ScrollArea::vertical()
                            .id_salt("history-result")
                            .show(ui, |ui| {
                                result_panel_ui(ui, lang, &shown, &extra, None);
                            });
                    }
                }
            });
        });
    }
}

impl HistoryScreen {
    pub fn new() -> HistoryScreen {
        HistoryScreen::default()
    }

    /// The search the filters ask for, or why a date cannot be read.
    fn query(&self) -> Result<Query, ()> {
        let day = |s: &str| -> Result<Option<time::Date>, ()> {
            let s = s.trim();
            if s.is_empty() {
                return Ok(None);
            }
            eligibility::ids::parse_yyyymmdd(s).map(Some).ok_or(())
        };
        let (from, to) = (day(&self.from)?, day(&self.to)?);
        let kana = Some(self.kana.trim().to_string()).filter(|k| !k.is_empty());
        let today = onshi_desk::history::day_in_japan(OffsetDateTime::now_utc());
        // No filter: today's checks, as the desk opens.
        let (from, to) = if kana.is_none() && from.is_none() && to.is_none() {
            (Some(today), Some(today))
        } else {
            (from, to)
        };
        Ok(Query {
            kana_prefix: kana,
            from,
            to,
            outcome: self.outcome,
            ..Query::default()
        })
    }
}
