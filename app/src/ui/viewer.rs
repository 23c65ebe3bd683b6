//! The clerk console's 情報閲覧 tab: staff login (name and a masked password, Enter logs
//! in), then for 医師 / 歯科医師 / 薬剤師 the patients of checks with consent in the last 24 h
//! (time, name, what was consented, until when) with a button per consented kind, and the
//! drug table or the 特定健診 table (units, reference ranges, out-of-range values in colour
//! AND a mark and a word); 事務 sees only that the role may not view. While the centre reports
//! 災害時 mode, [`banner`] shows above every tab and qualified staff can look a patient up by
//! insurance-card numbers. Input in the tab keeps the login alive; the service logs out
//! after the idle time.

use super::style::{ACTION, ERROR, INVALID, ON_ACTION, TEXT, WARN};
use crate::backend::Backend;
use crate::check::{CheckForm, FIELDS};
use crate::desk::viewer::{Answer, Consented, Data, LoginState, Subject, Viewer, ViewerError};
use crate::history::Viewed;
use crate::i18n::Lang;
use crate::i18n::viewer::{self as t, W};
use egui::{Color32, RichText, vec2};
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
}

fn hm(t: OffsetDateTime) -> String {
    let t = t.to_offset(time::macros::offset!(+9));
    format!("{:02}:{:02}", t.hour(), t.minute())
}

fn mdhm(t: OffsetDateTime) -> String {
    let t = t.to_offset(time::macros::offset!(+9));
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
                        RichText::new(t::idle_note(lang, crate::staff::IDLE_LOGOUT.as_secs() / 60))
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
                                    self.patient_row(ui, lang, p, &mut ask);
                                }
                            });
                    });
            }
        }
        if v.disaster().is_some() {
            ui.separator();
            self.disaster_lookup(ui, lang, &mut ask);
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
                (p.drug_until.is_some(), Viewed::Drug, W::Drug),
                (p.checkup_until.is_some(), Viewed::Checkup, W::Checkup),
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
        ask: &mut Option<(Subject, Viewed, String)>,
    ) {
        ui.label(
            RichText::new(t::w(lang, W::DisasterLookup))
                .strong()
                .color(WARN),
        );
        ui.label(t::w(lang, W::DisasterNote));
        ui.horizontal_wrapped(|ui| {
            for f in FIELDS {
                let l = ui.label(f.label(lang));
                if let Some(buf) = self.lookup.value_mut(f) {
                    ui.add(egui::TextEdit::singleline(buf).desired_width(110.0))
                        .labelled_by(l.id);
                }
            }
        });
        for (_, st) in self.lookup.states() {
            if let Some(m) = st.message(lang) {
                ui.label(RichText::new(m).color(INVALID));
            }
        }
        ui.horizontal(|ui| {
            for (what, w) in [(Viewed::Drug, W::Drug), (Viewed::Checkup, W::Checkup)] {
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
                        Data::Checkups(rows) => checkup_table(ui, lang, rows),
                    });
            }
        }
    }
}

fn drug_table(ui: &mut egui::Ui, lang: Lang, rows: &[crate::desk::viewer::DrugRow]) {
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

fn checkup_table(ui: &mut egui::Ui, lang: Lang, rows: &[crate::desk::viewer::CheckupRow]) {
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

/// The banners above every tab: the audit log's broken chain (found at start), and 災害時
/// while the centre reports an active disaster.
pub fn banner(ui: &mut egui::Ui, lang: Lang, backend: &mut dyn Backend) {
    // Every frame of every tab asks who is logged in, so an idle login ends on time even
    // while nobody looks at the viewer tab; a repaint is asked for by then.
    if let Some(v) = backend.viewer()
        && v.staff().is_some()
    {
        ui.ctx().request_repaint_after(crate::staff::IDLE_LOGOUT);
    }
    if let Some(b) = backend.viewer().and_then(|v| v.audit_broken()) {
        egui::Frame::new()
            .fill(WARN)
            .inner_margin(egui::Margin::symmetric(12, 8))
            .corner_radius(4.0)
            .show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.label(
                    RichText::new(crate::i18n::staff::audit_banner(lang, b.id))
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
