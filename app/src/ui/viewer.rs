//! The clerk console's 情報閲覧 tab: staff login (name and a masked password, Enter logs
//! in), then for 医師 / 歯科医師 / 薬剤師 the patients of checks with consent in the last 24 h
//! (time, name, what was consented, until when) with a button per consented kind, and the
//! drug table or the 特定健診 view (a chart per item over the years with the reference range
//! as a band, beside the table of units, reference ranges, out-of-range values in colour AND
//! a mark and a word); 事務 sees only that the role may not view. While the centre reports
//! 災害時 mode, [`banner`] shows above every tab and qualified staff can look a patient up by
//! insurance-card numbers. Input in the tab keeps the login alive; the service logs out
//! after the idle time.

use super::style::{ACTION, ERROR, INVALID, ON_ACTION, TEXT, WARN};
use egui::{Color32, RichText, vec2};
use onshi_desk::history::Viewed;
use onshi_desk::i18n::Lang;
use onshi_desk::i18n::viewer::{self as t, W};
use onshi_desk::numbers::{CheckForm, FIELDS};
use onshi_desk::port::Backend;
use onshi_desk::services::viewer::{
    Answer, CheckupRow, Consented, Data, LoginState, Out, Range, Subject, Viewer, ViewerError,
};
use time::OffsetDateTime;
use zeroize::{Zeroize, Zeroizing};

const HEAD: f32 = 21.0;

/// The tab's own state.
#[derive(Default)]
pub struct ViewerScreen {
    name: String,
    password: Zeroizing<String>,
    /// The login form was drawn last frame (focus goes to the name when it appears).
    login_shown: bool,
    /// A refusal of the last view request by the gate (nothing was sent).
    refusal: Option<ViewerError>,
    /// Whose data is on screen (name for the table's title).
    showing: Option<String>,
    lookup: CheckForm,
    /// The tab was just brought to the front: the 災害時 lookup's first field takes the focus.
    focus_lookup: bool,
}

fn hm(t: OffsetDateTime) -> String {
    let t = t.to_offset(onshi_desk::time::JST);
    format!("{:02}:{:02}", t.hour(), t.minute())
}

fn mdhm(t: OffsetDateTime) -> String {
    let t = t.to_offset(onshi_desk::time::JST);
    format!(
        "{}/{} {:02}:{:02}",
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute()
    )
}

impl ViewerScreen {
    pub fn new() -> ViewerScreen {
        ViewerScreen::default()
    }

    /// The tab was brought to the front: its first field takes the focus.
    pub fn focus_first(&mut self) {
        self.login_shown = false;
        self.focus_lookup = true;
    }

    /// Drops what the last login left on the tab (whose data, refusals, typed numbers).
    fn forget(&mut self) {
        self.showing = None;
        self.refusal = None;
        if self.lookup != CheckForm::default() {
            self.lookup = CheckForm::default();
        }
    }

    pub fn ui(&mut self, ui: &mut egui::Ui, lang: Lang, backend: &mut dyn Backend) {
        let Some(v) = backend.viewer() else {
            ui.label(t::w(lang, W::Unavailable));
            return;
        };
        // Who is logged in is asked before the input counts as activity: after the idle
        // time the service has logged out, and this frame's click must not undo that.
        let staff = v.staff();
        // Only for this frame: a lookup that appears later does not steal the focus.
        let focus_lookup = std::mem::take(&mut self.focus_lookup);
        if staff.is_some()
            && ui.input(|i| {
                i.events
                    .iter()
                    .any(|e| !matches!(e, egui::Event::PointerMoved(_)))
            })
        {
            v.touch();
        }
        match staff {
            None => {
                self.forget();
                self.login(ui, lang, v);
            }
            Some(s) => {
                self.login_shown = false;
                self.name.zeroize();
                ui.horizontal(|ui| {
                    ui.label(
                        RichText::new(format!(
                            "{}: {}（{}）",
                            t::w(lang, W::LoggedInAs),
                            s.name,
                            t::role(lang, s.role)
                        ))
                        .size(HEAD)
                        .strong(),
                    );
                    if ui.button(t::w(lang, W::Logout)).clicked() {
                        v.logout();
                    }
                    ui.label(
                        RichText::new(t::idle_note(
                            lang,
                            onshi_desk::staff::IDLE_LOGOUT.as_secs() / 60,
                        ))
                        .small(),
                    );
                });
                ui.separator();
                if !s.role.may_view() {
                    ui.label(
                        RichText::new(t::w(lang, W::RoleMayNotView))
                            .size(HEAD)
                            .color(WARN),
                    );
                    return;
                }
                self.focus_lookup = focus_lookup;
                self.qualified(ui, lang, v);
            }
        }
    }

    fn login(&mut self, ui: &mut egui::Ui, lang: Lang, v: &mut dyn Viewer) {
        let entered = !self.login_shown;
        self.login_shown = true;
        ui.label(RichText::new(t::w(lang, W::LoginTitle)).size(HEAD).strong());
        let mut submit = false;
        egui::Grid::new("viewer-login")
            .num_columns(2)
            .spacing(vec2(12.0, 8.0))
            .show(ui, |ui| {
                let l = ui.label(t::w(lang, W::Name));
                let r = ui
                    .add(egui::TextEdit::singleline(&mut self.name).desired_width(260.0))
                    .labelled_by(l.id);
                if entered {
                    r.request_focus();
                }
                if r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                    submit = true;
                }
                ui.end_row();
                let l = ui.label(t::w(lang, W::Password));
                let r = ui
                    .add(
                        egui::TextEdit::singleline(&mut *self.password)
                            .password(true)
                            .desired_width(260.0),
                    )
                    .labelled_by(l.id);
                // No undo history for a password.
                if let Some(mut st) = egui::text_edit::TextEditState::load(ui.ctx(), r.id) {
                    st.clear_undoer();
                    st.store(ui.ctx(), r.id);
                }
                if r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                    submit = true;
                }
                ui.end_row();
            });
        let b = egui::Button::new(RichText::new(t::w(lang, W::Login)).color(ON_ACTION))
            .fill(ACTION)
            .min_size(vec2(160.0, 40.0));
        if ui.add(b).clicked() {
            submit = true;
        }
        let state = v.login_state();
        if submit && state != LoginState::Checking {
            v.login(&self.name, &self.password);
            self.password.zeroize();
        }
        match v.login_state() {
            LoginState::Idle => {}
            LoginState::Checking => {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label(t::w(lang, W::Checking));
                });
            }
            LoginState::Refused(e) => {
                ui.label(RichText::new(t::error(lang, &e)).color(INVALID).strong());
            }
        }
    }

    fn qualified(&mut self, ui: &mut egui::Ui, lang: Lang, v: &mut dyn Viewer) {
        let focus_lookup = std::mem::take(&mut self.focus_lookup);
        let mut ask: Option<(Subject, Viewed, String)> = None;
        ui.label(
            RichText::new(t::w(lang, W::PatientsTitle))
                .size(HEAD)
                .strong(),
        );
        match v.patients() {
            Err(e) => {
                ui.label(RichText::new(t::error(lang, &e)).color(INVALID));
            }
            Ok(list) if list.is_empty() => {
                ui.label(RichText::new(t::w(lang, W::NoPatients)).color(WARN));
            }
            Ok(list) => {
                // Only the kinds this role may view get a button (the service refuses the
                // others anyway).
                let may = [v.may_view(Viewed::Drug), v.may_view(Viewed::Checkup)];
                egui::ScrollArea::vertical()
                    .id_salt("viewer-patients")
                    .max_height(170.0)
                    .show(ui, |ui| {
                        egui::Grid::new("viewer-patient-grid")
                            .num_columns(5)
                            .striped(true)
                            .spacing(vec2(18.0, 6.0))
                            .show(ui, |ui| {
                                for k in [W::Time, W::Patient, W::Consented, W::Until] {
                                    ui.label(RichText::new(t::w(lang, k)).strong());
                                }
                                ui.label("");
                                ui.end_row();
                                for p in &list {
                                    self.patient_row(ui, lang, p, may, &mut ask);
                                }
                            });
                    });
            }
        }
        if v.disaster().is_some() {
            ui.separator();
            let may = [v.may_view(Viewed::Drug), v.may_view(Viewed::Checkup)];
            self.focus_lookup = focus_lookup;
            self.disaster_lookup(ui, lang, may, &mut ask);
        }
        if let Some((who, what, name)) = ask {
            match v.view(who, what) {
                Ok(()) => {
                    self.refusal = None;
                    self.showing = Some(name);
                }
                Err(e) => {
                    self.refusal = Some(e);
                    self.showing = None;
                }
            }
        }
        ui.separator();
        if let Some(e) = &self.refusal {
            ui.label(RichText::new(t::error(lang, e)).color(INVALID).strong());
            return;
        }
        if let Some(a) = v.answer() {
            self.answer(ui, lang, &a);
        }
    }

    fn patient_row(
        &self,
        ui: &mut egui::Ui,
        lang: Lang,
        p: &Consented,
        may: [bool; 2],
        ask: &mut Option<(Subject, Viewed, String)>,
    ) {
        ui.label(hm(p.at));
        ui.label(&p.name);
        let kinds: Vec<&str> = [
            p.drug_until.map(|_| t::w(lang, W::Drug)),
            p.checkup_until.map(|_| t::w(lang, W::Checkup)),
        ]
        .into_iter()
        .flatten()
        .collect();
        ui.label(kinds.join("・"));
        let until = [p.drug_until, p.checkup_until]
            .into_iter()
            .flatten()
            .max()
            .map(mdhm)
            .unwrap_or_default();
        ui.label(until);
        ui.horizontal(|ui| {
            for (open, what, w) in [
                (p.drug_until.is_some() && may[0], Viewed::Drug, W::Drug),
                (
                    p.checkup_until.is_some() && may[1],
                    Viewed::Checkup,
                    W::Checkup,
                ),
            ] {
                if open {
                    let b = ui.add(egui::Button::new(t::w(lang, w)));
                    if b.clicked() {
                        *ask = Some((Subject::Check(p.check_id), what, p.name.clone()));
                    }
                }
            }
        });
        ui.end_row();
    }

    fn disaster_lookup(
        &mut self,
        ui: &mut egui::Ui,
        lang: Lang,
        may: [bool; 2],
        ask: &mut Option<(Subject, Viewed, String)>,
    ) {
        ui.label(
            RichText::new(t::w(lang, W::DisasterLookup))
                .strong()
                .color(WARN),
        );
        ui.label(t::w(lang, W::DisasterNote));
        let focus = std::mem::take(&mut self.focus_lookup);
        ui.horizontal_wrapped(|ui| {
            for (i, f) in FIELDS.into_iter().enumerate() {
                let l = ui.label(f.label(lang));
                if let Some(buf) = self.lookup.value_mut(f) {
                    let r = ui
                        .add(egui::TextEdit::singleline(buf).desired_width(110.0))
                        .labelled_by(l.id);
                    if focus && i == 0 {
                        r.request_focus();
                    }
                }
            }
        });
        for (_, st) in self.lookup.states() {
            if let Some(m) = st.message(lang) {
                ui.label(RichText::new(m).color(INVALID));
            }
        }
        ui.horizontal(|ui| {
            for (what, w, _) in [
                (Viewed::Drug, W::Drug, may[0]),
                (Viewed::Checkup, W::Checkup, may[1]),
            ]
            .into_iter()
            .filter(|x| x.2)
            {
                let label = format!("{} {}", t::w(lang, W::DisasterView), t::w(lang, w));
                if ui
                    .add_enabled(self.lookup.ready(), egui::Button::new(label))
                    .clicked()
                    && let Ok(s) = self.lookup.search()
                {
                    *ask = Some((Subject::Disaster(s), what, String::new()));
                }
            }
        });
    }

    fn answer(&self, ui: &mut egui::Ui, lang: Lang, a: &Answer) {
        match a {
            Answer::Waiting { .. } => {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label(t::w(lang, W::Waiting));
                });
            }
            Answer::Failed { what, error } => {
                ui.label(
                    RichText::new(format!(
                        "{}: {}",
                        t::viewed(lang, *what),
                        t::error(lang, error)
                    ))
                    .color(INVALID)
                    .strong(),
                );
            }
            Answer::Shown { disaster, data, .. } => {
                let title = match data {
                    Data::Drugs(_) => t::w(lang, W::DrugTitle),
                    Data::Checkups(_) => t::w(lang, W::CheckupTitle),
                };
                ui.horizontal(|ui| {
                    let who = self.showing.as_deref().unwrap_or("");
                    ui.label(RichText::new(format!("{title}　{who}")).size(HEAD).strong());
                    if *disaster {
                        ui.label(
                            RichText::new(t::w(lang, W::DisasterView))
                                .color(WARN)
                                .strong(),
                        );
                    }
                    ui.label(RichText::new(t::w(lang, W::AuditedNote)).small());
                });
                egui::ScrollArea::vertical()
                    .id_salt("viewer-data")
                    .auto_shrink([false, true])
                    .show(ui, |ui| match data {
                        Data::Drugs(rows) => drug_table(ui, lang, rows),
                        Data::Checkups(rows) => checkups(ui, lang, rows),
                    });
            }
        }
    }
}

fn drug_table(ui: &mut egui::Ui, lang: Lang, rows: &[onshi_desk::services::viewer::DrugRow]) {
    let heads = [
        W::Date,
        W::Institution,
        W::DrugName,
        W::Dose,
        W::Usage,
        W::Days,
    ];
    table(ui, lang, "viewer-drugs", rows, &heads, |ui| {
        for r in rows {
            ui.label(&r.date);
            ui.label(&r.institution);
            ui.label(&r.drug);
            ui.label(&r.dose);
            ui.label(&r.usage);
            ui.label(&r.days);
            ui.end_row();
        }
    });
}

/// The 特定健診 view: a chart per item over the years (reference range as a band) with the
/// table beside it, for the doctor who would rather look than read.
fn checkups(ui: &mut egui::Ui, lang: Lang, rows: &[CheckupRow]) {
    if rows.is_empty() {
        ui.label(t::w(lang, W::NoRows));
        return;
    }
    ui.horizontal_top(|ui| {
        ui.vertical(|ui| {
            ui.set_width(CHART_W);
            for s in series(rows) {
                chart(ui, lang, &s);
            }
        });
        ui.add_space(16.0);
        ui.vertical(|ui| checkup_table(ui, lang, rows));
    });
}

const CHART_W: f32 = 470.0;
const CHART_H: f32 = 96.0;
/// The band of the reference range (light green, under the line).
const BAND: Color32 = Color32::from_rgba_premultiplied(34, 78, 42, 60);

/// One item's values over the years, oldest first.
struct Series<'a> {
    item: &'a str,
    unit: &'a str,
    range: Option<Range>,
    /// (date, value, out of range).
    points: Vec<(&'a str, f64, bool)>,
}

/// The numeric items of the rows, in the table's order of first appearance; a value that is
/// not a number is left to the table.
fn series(rows: &[CheckupRow]) -> Vec<Series<'_>> {
    let mut out: Vec<Series<'_>> = Vec::new();
    for r in rows {
        let Ok(v) = r.value.trim().parse::<f64>() else {
            continue;
        };
        if !v.is_finite() {
            continue;
        }
        let i = match out.iter().position(|s| s.item == r.item) {
            Some(i) => i,
            None => {
                out.push(Series {
                    item: &r.item,
                    unit: &r.unit,
                    range: r.range,
                    points: Vec::new(),
                });
                out.len() - 1
            }
        };
        out[i].points.push((&r.date, v, r.out.is_some()));
    }
    for s in &mut out {
        s.points.sort_by(|a, b| a.0.cmp(b.0));
    }
    out
}

fn chart(ui: &mut egui::Ui, lang: Lang, s: &Series<'_>) {
    ui.horizontal(|ui| {
        ui.label(RichText::new(t::trend_title(lang, s.item, s.unit)).strong());
        if let Some(r) = s.range {
            ui.label(RichText::new(t::band_note(lang, r)).small());
        }
    });
    let (rect, _) = ui.allocate_exact_size(vec2(CHART_W, CHART_H), egui::Sense::hover());
    let p = ui.painter_at(rect);
    p.rect_stroke(
        rect,
        2.0,
        egui::Stroke::new(1.0, Color32::from_gray(190)),
        egui::StrokeKind::Inside,
    );
    let edge = s.range.map(|r| match r {
        Range::Below(b) | Range::AtMost(b) | Range::AtLeast(b) => b,
    });
    let (mut lo, mut hi) = s
        .points
        .iter()
        .fold((f64::MAX, f64::MIN), |(l, h), p| (l.min(p.1), h.max(p.1)));
    if let Some(b) = edge {
        lo = lo.min(b);
        hi = hi.max(b);
    }
    let pad = ((hi - lo) * 0.15).max(hi.abs() * 0.02).max(0.5);
    let (lo, hi) = (lo - pad, hi + pad);
    // Room on the left for the axis values, below for the years.
    let plot = egui::Rect::from_min_max(rect.min + vec2(40.0, 22.0), rect.max - vec2(8.0, 20.0));
    let y = |v: f64| plot.bottom() - ((v - lo) / (hi - lo)) as f32 * plot.height();
    let n = s.points.len();
    // The points stay clear of the edges, so their value labels (and a mark) fit.
    let (x0, x1) = (plot.left() + 26.0, plot.right() - 46.0);
    let x = |i: usize| {
        if n <= 1 {
            (x0 + x1) / 2.0
        } else {
            x0 + (x1 - x0) * i as f32 / (n - 1) as f32
        }
    };
    let small = egui::FontId::proportional(11.0);
    if let (Some(r), Some(b)) = (s.range, edge) {
        let band = match r {
            Range::Below(_) | Range::AtMost(_) => {
                egui::Rect::from_min_max(egui::pos2(plot.left(), y(b)), plot.right_bottom())
            }
            Range::AtLeast(_) => {
                egui::Rect::from_min_max(plot.left_top(), egui::pos2(plot.right(), y(b)))
            }
        };
        p.rect_filled(band, 0.0, BAND);
        p.text(
            egui::pos2(plot.left() - 4.0, y(b)),
            egui::Align2::RIGHT_CENTER,
            number(b),
            small.clone(),
            TEXT,
        );
    }
    let pts: Vec<egui::Pos2> = s
        .points
        .iter()
        .enumerate()
        .map(|(i, pt)| egui::pos2(x(i), y(pt.1)))
        .collect();
    if pts.len() > 1 {
        p.add(egui::Shape::line(
            pts.clone(),
            egui::Stroke::new(2.0, ACTION),
        ));
    }
    for (pos, (date, v, out)) in pts.iter().zip(&s.points) {
        let colour = if *out { INVALID } else { ACTION };
        p.circle_filled(*pos, 4.0, colour);
        // Out of range: a mark beside the value, not the colour alone.
        let label = if *out {
            format!("{} {}", number(*v), t::out(lang, Some(out_of(s.range, *v))))
        } else {
            number(*v)
        };
        p.text(
            *pos + vec2(0.0, -7.0),
            egui::Align2::CENTER_BOTTOM,
            label,
            small.clone(),
            colour,
        );
        p.text(
            egui::pos2(pos.x, plot.bottom() + 4.0),
            egui::Align2::CENTER_TOP,
            date.get(..4).unwrap_or(date),
            small.clone(),
            TEXT,
        );
    }
    ui.add_space(6.0);
}

/// Which way a value marked out of range is out.
fn out_of(range: Option<Range>, v: f64) -> Out {
    range.and_then(|r| r.check(v)).unwrap_or(Out::High)
}

fn number(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v}")
    }
}

fn checkup_table(ui: &mut egui::Ui, lang: Lang, rows: &[CheckupRow]) {
    let heads = [
        W::Date,
        W::Item,
        W::Value,
        W::Unit,
        W::RefRange,
        W::Judgement,
    ];
    table(ui, lang, "viewer-checkups", rows, &heads, |ui| {
        for r in rows {
            let colour = if r.out.is_some() { INVALID } else { TEXT };
            ui.label(&r.date);
            ui.label(&r.item);
            let value = RichText::new(&r.value).color(colour);
            ui.label(if r.out.is_some() {
                value.strong()
            } else {
                value
            });
            ui.label(&r.unit);
            ui.label(r.range.map(|x| t::range(lang, x)).unwrap_or_default());
            ui.label(RichText::new(t::out(lang, r.out)).color(colour).strong());
            ui.end_row();
        }
    });
}

/// A striped table with a bold header row, or "no rows" when `rows` is empty.
fn table<T>(
    ui: &mut egui::Ui,
    lang: Lang,
    id: &str,
    rows: &[T],
    heads: &[W],
    body: impl FnOnce(&mut egui::Ui),
) {
    if rows.is_empty() {
        ui.label(t::w(lang, W::NoRows));
        return;
    }
    egui::Grid::new(id)
        .num_columns(heads.len())
        .striped(true)
        .spacing(vec2(18.0, 4.0))
        .show(ui, |ui| {
            for k in heads {
                ui.label(RichText::new(t::w(lang, *k)).strong());
            }
            ui.end_row();
            body(ui);
        });
}

/// The banners above every tab: the audit log's broken or uncheckable chain and a missing
/// administrator (found at start), and 災害時
/// while the centre reports an active disaster.
pub fn banner(ui: &mut egui::Ui, lang: Lang, backend: &mut dyn Backend) {
    // Every frame of every tab asks who is logged in, so an idle login ends on time even
    // while nobody looks at the viewer tab; a repaint is asked for by then.
    if let Some(v) = backend.viewer()
        && v.staff().is_some()
    {
        ui.ctx()
            .request_repaint_after(onshi_desk::staff::IDLE_LOGOUT);
    }
    let mut warnings = Vec::new();
    if let Some(v) = backend.viewer() {
        if let Some(b) = v.audit_broken() {
            warnings.push(onshi_desk::i18n::staff::audit_banner(lang, b.id));
        } else if v.audit_unchecked() {
            warnings.push(onshi_desk::i18n::staff::audit_unchecked_banner(lang));
        }
        if v.no_admin() {
            warnings.push(onshi_desk::i18n::staff::no_admin_banner(lang));
        }
    }
    for text in warnings {
        egui::Frame::new()
            .fill(WARN)
            .inner_margin(egui::Margin::symmetric(12, 8))
            .corner_radius(4.0)
            .show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.label(
                    RichText::new(text)
                        .color(Color32::BLACK)
                        .strong()
                        .size(18.0),
                );
            });
    }
    let Some(d) = backend.viewer().and_then(|v| v.disaster()) else {
        return;
    };
    egui::Frame::new()
        .fill(ERROR)
        .inner_margin(egui::Margin::symmetric(12, 8))
        .corner_radius(4.0)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(
                RichText::new(t::banner(lang, &d.area, &d.from, &d.until))
                    .color(Color32::BLACK)
                    .strong()
                    .size(18.0),
            );
        });
}
