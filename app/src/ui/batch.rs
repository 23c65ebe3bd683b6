//! The clerk console's tab for 一括照会: the list's path (typed, or a file dropped on the
//! window) and 読み込む, the rows that will not be sent with their line, column and reason,
//! 送信, the batches with a progress bar in words and 再開 for one stopped by the network, the
//! result table (有効 / 無効 / エラー in colour and words, with the reason), and the export
//! path with 書き出す and where the table was written. Keyboard-first: focus starts on the
//! path, Enter reads it, focus then moves to 送信 and, once a result is in, to 書き出す. No
//! spinner or animation: the service repaints when an answer arrives, so an idle tab costs
//! nothing.

use super::style::{ERROR, INVALID, VALID, WARN};
use egui::{Color32, RichText, vec2};
use onshi_desk::batch::store::Outcome;
use onshi_desk::batch::{StoredRow, Summary};
use onshi_desk::i18n::Lang;
use onshi_desk::i18n::batch::{self as words, Screen};
use onshi_desk::port::Backend;
use onshi_desk::services::batch::{BatchView, Batches, Export, JobView, Phase, Preview};
use std::path::Path;
use std::sync::Arc;

const HEAD: f32 = 21.0;
/// Table column widths (1280-wide console).
const W_LINE: f32 = 56.0;
const W_NAME: f32 = 210.0;
const W_COLUMN: f32 = 130.0;
const W_KIND: f32 = 96.0;
const W_DATE: f32 = 136.0;

/// The tab's own state.
#[derive(Default)]
pub struct BatchScreen {
    path: String,
    export_path: String,
    /// The job `export_path` was filled in for.
    export_for: Option<i64>,
    /// Focus has been put on the path field once.
    focused: bool,
    /// The preview focus last moved to 送信 for (by address: a new read is a new preview).
    preview_seen: usize,
    /// The job whose result focus last moved to 書き出す for.
    result_seen: Option<i64>,
    /// The highlighted row of the result table (moved by the arrow keys) and its job.
    cursor: Option<(i64, usize)>,
    /// The result table's scroll offset last frame.
    results_offset: f32,
    /// The 資格確認日 typed for rows without a 予約日 (empty: today).
    date: String,
}

impl BatchScreen {
    pub fn new() -> BatchScreen {
        BatchScreen::default()
    }

    /// The tab was brought to the front: its first field takes the focus.
    pub fn focus_first(&mut self) {
        self.focused = false;
    }

    pub fn ui(&mut self, ui: &mut egui::Ui, lang: Lang, backend: &mut dyn Backend) {
        let t = |k| words::screen(k, lang);
        let Some(svc) = backend.batches() else {
            ui.label(t(Screen::Unavailable));
            return;
        };
        // A list dropped on the window is read at once (egui has no file dialog).
        let dropped = ui.ctx().input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .find(|p| !p.as_os_str().is_empty())
        });
        if let Some(p) = dropped {
            self.path = p.display().to_string();
            svc.import(&p);
        }
        let v = svc.view();

        self.source_row(ui, lang, svc, &v);
        if v.preview.is_some() || v.saving {
            ui.separator();
            self.preview(ui, lang, svc, &v);
        }
        ui.separator();
        jobs(ui, lang, svc, &v);
        ui.separator();
        match v.selected_job() {
            Some(j) => self.job(ui, lang, svc, j),
            None => {
                ui.label(RichText::new(t(Screen::NothingSelected)).weak());
            }
        }
    }

    /// The path, 読み込む, and what became of the last read.
    fn source_row(&mut self, ui: &mut egui::Ui, lang: Lang, svc: &mut dyn Batches, v: &BatchView) {
        let t = |k| words::screen(k, lang);
        let mut read = false;
        ui.horizontal(|ui| {
            let l = ui.label(RichText::new(t(Screen::ListLabel)).strong());
            let r = ui
                .add(egui::TextEdit::singleline(&mut self.path).desired_width(640.0))
                .labelled_by(l.id);
            if !self.focused {
                r.request_focus();
                self.focused = true;
            }
            read |= r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            let b = egui::Button::new(RichText::new(t(Screen::Read)).size(HEAD))
                .min_size(vec2(120.0, 36.0));
            read |= ui
                .add_enabled(!self.path.trim().is_empty() && v.importing.is_none(), b)
                .clicked();
        });
        if read && !self.path.trim().is_empty() {
            svc.import(Path::new(self.path.trim()));
        }
        ui.label(RichText::new(t(Screen::DropHint)).weak());
        if v.importing.is_some() {
            ui.label(t(Screen::Reading));
        }
        if let Some((path, e)) = &v.import_error {
            ui.label(
                RichText::new(format!(
                    "{}: {}",
                    file_name(path),
                    words::import_trouble(e, lang)
                ))
                .color(WARN),
            );
        }
        if let Some(e) = &v.store_error {
            ui.label(RichText::new(words::store_trouble(e, lang)).color(WARN));
        }
    }

    /// The list as read: counts, the bad rows, 送信 / 取り消す.
    fn preview(&mut self, ui: &mut egui::Ui, lang: Lang, svc: &mut dyn Batches, v: &BatchView) {
        let t = |k| words::screen(k, lang);
        let Some(p) = &v.preview else {
            if v.saving {
                ui.label(t(Screen::Saving));
            }
            return;
        };
        ui.horizontal(|ui| {
            ui.label(RichText::new(file_name(&p.path)).strong());
            ui.label(words::preview(p.good, p.bad.len(), p.encoding, lang));
        });
        ui.label(RichText::new(t(Screen::BadRowsTitle)).strong());
        if p.bad.is_empty() {
            ui.label(t(Screen::NoBadRows));
        } else {
            bad_rows(ui, lang, p);
        }
        if let Some(why) = words::not_sendable(p.good, lang) {
            ui.label(RichText::new(why).color(WARN));
        }
        ui.horizontal(|ui| {
            let l = ui.label(RichText::new(t(Screen::DateLabel)).strong());
            ui.add(egui::TextEdit::singleline(&mut self.date).desired_width(130.0))
                .labelled_by(l.id);
            ui.label(RichText::new(t(Screen::DateHint)).weak());
        });
        let date = typed_date(&self.date);
        if let Err(k) = date {
            ui.label(RichText::new(t(k)).color(WARN));
        }
        ui.horizontal(|ui| {
            let send = egui::Button::new(RichText::new(t(Screen::Send)).size(HEAD))
                .min_size(vec2(140.0, 40.0));
            let r = ui.add_enabled(p.sendable() && !v.saving && date.is_ok(), send);
            let id = Arc::as_ptr(p) as usize;
            if self.preview_seen != id {
                self.preview_seen = id;
                r.request_focus();
            }
            if r.clicked()
                && let Ok(d) = date
            {
                svc.send(d);
            }
            let discard = egui::Button::new(t(Screen::Discard)).min_size(vec2(100.0, 40.0));
            if ui.add(discard).clicked() {
                svc.discard();
            }
        });
    }

    /// The selected job: progress in words, why it stopped (with 再開), the result and export.
    fn job(&mut self, ui: &mut egui::Ui, lang: Lang, svc: &mut dyn Batches, j: &JobView) {
        let t = |k| words::screen(k, lang);
        ui.horizontal(|ui| {
            ui.label(
                RichText::new(format!("{} #{}", t(Screen::ResultTitle), j.id))
                    .size(HEAD)
                    .strong(),
            );
            if j.resumed && !matches!(j.phase, Phase::Done(_)) {
                ui.label(t(Screen::ResumedNote));
            }
        });
        let fraction = match j.phase {
            Phase::Starting => 0.1,
            Phase::Uploading { .. } => 0.35,
            Phase::Waiting { .. } => 0.65,
            Phase::Done(_) => 1.0,
            Phase::Stopped(_) | Phase::Failed(_) => 0.0,
        };
        ui.add(
            egui::ProgressBar::new(fraction)
                .desired_height(26.0)
                .text(words::phase(&j.phase, j.reception.as_deref(), lang)),
        );
        match &j.phase {
            Phase::Stopped(e) => {
                ui.horizontal(|ui| {
                    let b = egui::Button::new(RichText::new(t(Screen::Resume)).size(HEAD))
                        .min_size(vec2(120.0, 36.0));
                    if ui.add(b).clicked() {
                        svc.resume(j.id);
                    }
                    ui.add(
                        egui::Label::new(RichText::new(words::run_error(e, lang)).color(WARN))
                            .wrap(),
                    );
                });
            }
            Phase::Failed(e) => {
                ui.label(RichText::new(words::run_error(e, lang)).color(WARN));
            }
            _ => {}
        }
        let (Phase::Done(summary), Some(rows)) = (&j.phase, &j.results) else {
            return;
        };
        summary_badges(ui, lang, summary);
        // The table takes what the export row leaves.
        let table_h = (ui.available_height() - 56.0).max(80.0);
        let at = self.cursor.filter(|(id, _)| *id == j.id).map(|(_, i)| i);
        let page = (table_h / row_height(ui)).floor() as usize;
        let moved = super::table_keys::moved(ui, rows.len(), at, page.saturating_sub(1));
        if let Some(i) = moved {
            self.cursor = Some((j.id, i));
        }
        let scroll = moved.map(|i| (i, self.results_offset));
        let (offset, clicked) = results(ui, lang, rows, table_h, moved.or(at), scroll);
        self.results_offset = offset;
        if let Some(i) = clicked {
            self.cursor = Some((j.id, i));
        }
        self.export_row(ui, lang, svc, j);
    }

    fn export_row(&mut self, ui: &mut egui::Ui, lang: Lang, svc: &mut dyn Batches, j: &JobView) {
        let t = |k| words::screen(k, lang);
        if self.export_for != Some(j.id) {
            self.export_for = Some(j.id);
            self.export_path = j.suggested_export.display().to_string();
        }
        ui.horizontal(|ui| {
            let l = ui.label(RichText::new(t(Screen::ExportLabel)).strong());
            let r = ui
                .add(egui::TextEdit::singleline(&mut self.export_path).desired_width(520.0))
                .labelled_by(l.id);
            let enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            let writing = matches!(j.export, Some(Export::Writing(_)));
            let b = egui::Button::new(RichText::new(t(Screen::Export)).size(HEAD))
                .min_size(vec2(120.0, 36.0));
            let b = ui.add_enabled(!writing && !self.export_path.trim().is_empty(), b);
            if self.result_seen != Some(j.id) {
                self.result_seen = Some(j.id);
                b.request_focus();
            }
            if (b.clicked() || enter) && !self.export_path.trim().is_empty() {
                svc.export(j.id, Path::new(self.export_path.trim()), lang);
            }
            match &j.export {
                None => {}
                Some(Export::Writing(_)) => {
                    ui.label(t(Screen::Writing));
                }
                Some(Export::Written(p)) => {
                    ui.add(egui::Label::new(words::written(p, lang)).truncate());
                }
                Some(Export::Failed(p, e)) => {
                    ui.add(
                        egui::Label::new(
                            RichText::new(words::export_failed(p, e, lang)).color(WARN),
                        )
                        .truncate(),
                    );
                }
            }
        });
    }
}

/// The list of batches: one line each, 表示 to show it, 再開 for a stopped one.
fn jobs(ui: &mut egui::Ui, lang: Lang, svc: &mut dyn Batches, v: &BatchView) {
    let t = |k| words::screen(k, lang);
    ui.label(RichText::new(t(Screen::JobsTitle)).strong());
    if v.jobs.is_empty() {
        ui.label(t(Screen::NoJobs));
        return;
    }
    egui::ScrollArea::vertical()
        .id_salt("batch-jobs")
        .max_height(100.0)
        .show(ui, |ui| {
            for j in &v.jobs {
                ui.horizontal(|ui| {
                    let line = words::job_line(j, lang);
                    if ui
                        .selectable_label(v.selected == Some(j.id), line)
                        .clicked()
                    {
                        svc.select(j.id);
                    }
                    if matches!(j.phase, Phase::Stopped(_))
                        && ui.button(t(Screen::Resume)).clicked()
                    {
                        svc.resume(j.id);
                        svc.select(j.id);
                    }
                });
            }
        });
}

/// The rows that will not be sent: line, column, reason (never the cell itself).
fn bad_rows(ui: &mut egui::Ui, lang: Lang, p: &Preview) {
    let t = |k| words::screen(k, lang);
    let row_h = ui.text_style_height(&egui::TextStyle::Body) + 2.0;
    ui.horizontal(|ui| {
        cell(ui, W_LINE, RichText::new(t(Screen::ColLine)).strong());
        cell(ui, W_COLUMN, RichText::new(t(Screen::ColColumn)).strong());
        ui.label(RichText::new(t(Screen::ColReason)).strong());
    });
    egui::ScrollArea::vertical()
        .id_salt("batch-bad-rows")
        .max_height(140.0)
        .show_rows(ui, row_h, p.bad.len(), |ui, range| {
            for b in &p.bad[range] {
                ui.horizontal(|ui| {
                    cell(ui, W_LINE, RichText::new(b.line.to_string()));
                    cell(
                        ui,
                        W_COLUMN,
                        RichText::new(words::column(b.problem.column, lang)),
                    );
                    ui.add(egui::Label::new(b.problem.message(lang)).truncate());
                });
            }
        });
}

/// 有効 / 無効 / エラー counts as badges.
fn summary_badges(ui: &mut egui::Ui, lang: Lang, s: &Summary) {
    let valid = Outcome::Valid;
    let invalid = Outcome::NotFound;
    let error = Outcome::Multiple;
    ui.horizontal(|ui| {
        for (o, n) in [(&valid, s.valid), (&invalid, s.invalid), (&error, s.error)] {
            let (fill, on) = colours(o);
            let text = match lang {
                Lang::Ja => format!("{} {n}件", words::kind(o, lang)),
                Lang::En => format!("{} {n}", words::kind(o, lang)),
            };
            badge(ui, RichText::new(text).size(HEAD).strong(), fill, on, 12);
        }
    });
}

fn row_height(ui: &egui::Ui) -> f32 {
    ui.text_style_height(&egui::TextStyle::Body) + 6.0
}

/// The result table: line, name, 資格確認日, result badge, follow-ups and reason; only the visible rows are laid out.
/// `cursor` is the highlighted row; `scroll` (the row moved to and last frame's offset)
/// scrolls that row into view. Returns the table's scroll offset and the row clicked.
fn results(
    ui: &mut egui::Ui,
    lang: Lang,
    rows: &[StoredRow],
    height: f32,
    cursor: Option<usize>,
    scroll: Option<(usize, f32)>,
) -> (f32, Option<usize>) {
    let t = |k| words::screen(k, lang);
    let row_h = row_height(ui);
    ui.horizontal(|ui| {
        cell(ui, W_LINE, RichText::new(t(Screen::ColLine)).strong());
        cell(ui, W_NAME, RichText::new(t(Screen::ColName)).strong());
        cell(ui, W_DATE, RichText::new(t(Screen::ColDate)).strong());
        cell(ui, W_KIND, RichText::new(t(Screen::ColResult)).strong());
        ui.label(RichText::new(t(Screen::ColReason)).strong());
    });
    let mut area = egui::ScrollArea::vertical()
        .id_salt("batch-results")
        .max_height(height)
        .auto_shrink([false, true]);
    if let Some((row, offset)) = scroll {
        let step = row_h + ui.spacing().item_spacing.y;
        area = area
            .vertical_scroll_offset(super::table_keys::offset_showing(row, step, height, offset));
    }
    let out = area.show_rows(ui, row_h, rows.len(), |ui, range| {
        let first = range.start;
        let mut clicked = None;
        for (n, r) in rows[range].iter().enumerate() {
            ui.horizontal(|ui| {
                ui.set_height(row_h);
                if cursor == Some(first + n) {
                    // The highlighted row: the selection colour behind the whole line.
                    let full = egui::Rect::from_min_size(
                        ui.max_rect().min,
                        vec2(ui.max_rect().width(), row_h),
                    );
                    ui.painter()
                        .rect_filled(full, 2.0, ui.visuals().selection.bg_fill);
                }
                // The line as a selectable label: the highlight is also told to a screen
                // reader, and a click moves it.
                let line = ui
                    .allocate_ui(vec2(W_LINE, row_h), |ui| {
                        ui.set_width(W_LINE);
                        ui.selectable_label(cursor == Some(first + n), r.line.to_string())
                    })
                    .inner;
                if line.clicked() {
                    clicked = Some(first + n);
                }
                cell(
                    ui,
                    W_NAME,
                    RichText::new(r.cell(onshi_desk::batch::Column::Name)),
                );
                cell(ui, W_DATE, RichText::new(words::confirm_date(r, lang)));
                ui.allocate_ui(vec2(W_KIND, row_h), |ui| {
                    let (fill, on) = colours(&r.outcome);
                    badge(
                        ui,
                        RichText::new(words::kind(&r.outcome, lang)).strong(),
                        fill,
                        on,
                        6,
                    );
                });
                // The follow-ups first: on an 有効 row they are all there is to read.
                let follow = words::follow_up(&r.follow_up, lang);
                if !follow.is_empty() {
                    ui.add(egui::Label::new(RichText::new(follow).color(WARN)).truncate());
                }
                ui.add(egui::Label::new(words::reason(&r.outcome, lang)).truncate());
            });
        }
        clicked
    });
    (out.state.clamped_offset().y, out.inner)
}

/// The 資格確認日 field: `None` when empty (today), or what is wrong with it.
fn typed_date(typed: &str) -> Result<Option<time::Date>, Screen> {
    if typed.trim().is_empty() {
        return Ok(None);
    }
    match eligibility::ids::parse_yyyymmdd(typed) {
        None => Err(Screen::DateBad),
        Some(d) if d < onshi_desk::time::today() => Err(Screen::DatePast),
        Some(d) => Ok(Some(d)),
    }
}

/// A fixed-width cell (text cut with … when longer).
fn cell(ui: &mut egui::Ui, width: f32, text: RichText) {
    let h = ui.text_style_height(&egui::TextStyle::Body);
    ui.allocate_ui_with_layout(
        vec2(width, h),
        egui::Layout::left_to_right(egui::Align::Center),
        |ui| {
            ui.set_width(width);
            ui.add(egui::Label::new(text).truncate());
        },
    );
}

/// Colour AND words: the fill and the text colour of a result's badge.
fn colours(o: &Outcome) -> (Color32, Color32) {
    match o {
        Outcome::Valid => (VALID, Color32::WHITE),
        Outcome::Invalid { .. } | Outcome::NotFound => (INVALID, Color32::WHITE),
        Outcome::Pending => (Color32::from_gray(0xdd), Color32::BLACK),
        Outcome::Error { .. } | Outcome::Multiple | Outcome::Bad(_) => (ERROR, Color32::BLACK),
    }
}

fn badge(ui: &mut egui::Ui, text: RichText, fill: Color32, on: Color32, margin_x: i8) {
    egui::Frame::new()
        .fill(fill)
        .corner_radius(4.0)
        .inner_margin(egui::Margin::symmetric(margin_x, 1))
        .show(ui, |ui| {
            ui.label(text.color(on));
        });
}

fn file_name(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| p.display().to_string())
}
