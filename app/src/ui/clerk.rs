//! The clerk console (1280x800, keyboard-first): the reader and what the patient is doing
//! now, 「受付を中止」, the 目視 switch and confirm, the 照合番号B entry and the 保険証利用登録
//! form when the flow waits for them, the result of the last visit (有効 / 無効 / エラー in
//! colour and words, then the qualification's fields) and the visit's message log.
//! 照合番号B is typed into masked, zeroizing buffers that are wiped once sent. Keys: the
//! function keys of [`TABS`] switch tabs (landing in the tab's first field), F9 confirms 目視,
//! Esc asks before cancelling a visit; the history and 一括照会 tables take the arrows.

use super::style::{ERROR, INVALID, TEXT, VALID, WARN};
use egui::{Color32, RichText, vec2};
use eligibility::Verdict;
use eligibility::codes::QualificationValidity;
use eligibility::xml::{ResultOfQualificationConfirmation, text as xml_text};
use onshi_desk::flow::{Event, Stage, VisitResult};
use onshi_desk::i18n::{self, Lang, Text};
use onshi_desk::port::Backend;
use reader_driver::VerificationNumberB;
use zeroize::{Zeroize, Zeroizing};

const BODY: f32 = 17.0;
const HEAD: f32 = 21.0;

/// The 保険証利用登録 form's fields, as typed.
#[derive(Default)]
struct RegisterForm {
    insurer: String,
    symbol: String,
    number: String,
    branch: String,
    birth: String,
}

impl RegisterForm {
    fn wipe(&mut self) {
        for f in [
            &mut self.insurer,
            &mut self.symbol,
            &mut self.number,
            &mut self.branch,
            &mut self.birth,
        ] {
            f.zeroize();
        }
    }
}

/// The clerk console's own state.
pub struct ClerkConsole {
    lang: Lang,
    /// 照合番号B by its parts (birth date, expiry year, code) instead of 14 digits.
    by_parts: bool,
    number14: Zeroizing<String>,
    birth: Zeroizing<String>,
    expiry: Zeroizing<String>,
    code: Zeroizing<String>,
    number_error: bool,
    register: RegisterForm,
    register_error: Option<String>,
    /// The stage the forms were last drawn for: focus moves to a form when it appears.
    form_stage: Option<std::mem::Discriminant<Stage>>,
    tab: Tab,
    check: super::check::CheckScreen,
    batch: super::batch::BatchScreen,
    history: super::history::HistoryScreen,
    viewer: super::viewer::ViewerScreen,
    subsidy: super::subsidy::SubsidyScreen,
    /// Esc was pressed during a visit: the 「受付を中止しますか」 dialog is open.
    confirm_cancel: bool,
}

/// The ONE table of the console's tabs, in their order on screen: the tab, its label and the
/// function key that brings it to the front (shown on the tab).
const TABS: [(Tab, Text, egui::Key); 6] = [
    (Tab::Reception, Text::TabReception, egui::Key::F1),
    (Tab::Check, Text::TabCheck, egui::Key::F2),
    (Tab::Batch, Text::TabBatch, egui::Key::F3),
    (Tab::History, Text::TabHistory, egui::Key::F4),
    (Tab::Viewer, Text::TabViewer, egui::Key::F5),
    (Tab::Subsidy, Text::TabSubsidy, egui::Key::F6),
];

/// Confirms 目視 while the flow waits for it (shown on the button).
const VISUAL_KEY: egui::Key = egui::Key::F9;

/// The console's tabs: the reception flow, then the clerk's own work.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Reception,
    Check,
    Batch,
    History,
    Viewer,
    Subsidy,
}

impl ClerkConsole {
    pub fn new(lang: Lang) -> ClerkConsole {
        ClerkConsole {
            lang,
            by_parts: false,
            number14: Zeroizing::new(String::new()),
            birth: Zeroizing::new(String::new()),
            expiry: Zeroizing::new(String::new()),
            code: Zeroizing::new(String::new()),
            number_error: false,
            register: RegisterForm::default(),
            register_error: None,
            form_stage: None,
            tab: Tab::Reception,
            check: super::check::CheckScreen::new(),
            batch: super::batch::BatchScreen::new(),
            history: super::history::HistoryScreen::new(),
            viewer: super::viewer::ViewerScreen::new(),
            subsidy: super::subsidy::SubsidyScreen::new(),
            confirm_cancel: false,
        }
    }

    /// The tab in front.
    pub fn tab(&self) -> Tab {
        self.tab
    }

    /// Brings a tab to the front (keyboard shortcut, tests).
    pub fn set_tab(&mut self, tab: Tab) {
        if tab != self.tab {
            self.focus_first(tab);
        }
        self.tab = tab;
    }

    /// The tab's first field takes the focus the next time the tab is drawn.
    fn focus_first(&mut self, tab: Tab) {
        match tab {
            Tab::Reception => {}
            Tab::Check => self.check.focus_first(),
            Tab::Batch => self.batch.focus_first(),
            Tab::History => self.history.focus_first(),
            Tab::Viewer => self.viewer.focus_first(),
            Tab::Subsidy => self.subsidy.focus_first(),
        }
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }

    fn t(&self, k: Text) -> &'static str {
        i18n::text(self.lang, k)
    }

    /// Draws the console and sends what the clerk did.
    pub fn ui(&mut self, ui: &mut egui::Ui, backend: &mut dyn Backend) {
        let lang = self.lang;
        let stage = backend.flow().stage().clone();
        let entered = Some(std::mem::discriminant(&stage)) != self.form_stage;
        self.form_stage = Some(std::mem::discriminant(&stage));
        if !matches!(stage, Stage::FaceNumber { .. }) {
            self.wipe_number();
        }
        if !matches!(stage, Stage::RegisterDetails) {
            self.register.wipe();
            self.register_error = None;
        }
        let mut events = Vec::new();
        ui.style_mut().visuals.override_text_color = Some(TEXT);
        for (_, font) in ui.style_mut().text_styles.iter_mut() {
            font.size = font.size.max(BODY);
        }

        // Top: the reader, what the patient is doing, the 目視 switch and 「受付を中止」.
        let flow = backend.flow();
        ui.horizontal(|ui| {
            ui.label(RichText::new(self.t(Text::ClerkTitle)).size(HEAD).strong());
            ui.separator();
            ui.label(i18n::labelled(
                lang,
                self.t(Text::ReaderLabel),
                &i18n::reader_status(lang, flow.reader()),
            ));
            ui.separator();
            ui.label(
                RichText::new(i18n::labelled(
                    lang,
                    self.t(Text::PatientNowLabel),
                    &i18n::stage_clerk(lang, &stage),
                ))
                .strong(),
            );
        });
        // The tabs. When the reception flow waits for the clerk, its tab comes to the front.
        if entered
            && matches!(
                stage,
                Stage::Visual | Stage::FaceNumber { .. } | Stage::RegisterDetails
            )
        {
            self.tab = Tab::Reception;
        }
        // A function key brings its tab to the front, whatever has the focus.
        let pressed = TABS
            .iter()
            .find(|(_, _, key)| ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, *key)));
        if let Some((tab, _, _)) = pressed {
            self.set_tab(*tab);
        }
        let before = self.tab;
        ui.horizontal(|ui| {
            for (tab, text, key) in TABS {
                let label = RichText::new(format!("{} {}", self.t(text), key.name())).size(HEAD);
                ui.selectable_value(&mut self.tab, tab, label);
            }
        });
        if self.tab != before {
            self.focus_first(self.tab);
        }
        super::viewer::banner(ui, lang, backend);
        ui.separator();

        if self.tab == Tab::Reception {
            let flow = backend.flow();
            // Esc asks before cancelling a visit; the dialog's keys answer it.
            if flow.visit_id().is_none() {
                self.confirm_cancel = false;
            }
            if self.confirm_cancel {
                match self.cancel_dialog(ui) {
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
            });
            ui.separator();

            ui.columns(2, |cols| {
                let (left, right) = cols.split_at_mut(1);
                let left = &mut left[0];
                let right = &mut right[0];
                // Left: what the flow waits for from the clerk, then the log.
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
                    Stage::FaceNumber { wrong_tries_left } => {
                        self.number_form(left, *wrong_tries_left, entered, &mut events);
                        left.separator();
                    }
                    Stage::RegisterDetails => {
                        let limit = backend
                            .flow()
                            .consents()
                            .and_then(|c| c.limit)
                            .unwrap_or(false);
                        self.register_form(left, limit, entered, &mut events);
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
                    Some(result) => result_view(right, lang, result, &[], not_stored.as_deref()),
                }
            });
        } else {
            match self.tab {
                Tab::Check => self.check.ui(ui, lang, backend),
                Tab::Batch => self.batch.ui(ui, lang, backend),
                Tab::History => self.history.ui(ui, lang, backend),
                Tab::Viewer => self.viewer.ui(ui, lang, backend),
                Tab::Subsidy => self.subsidy.ui(ui, lang),
                Tab::Reception => {}
            }
        }

        for e in events {
            backend.send(e);
        }
    }

    /// The 「受付を中止しますか」 dialog: `Some(true)` cancels the visit (Enter / Y or the
    /// button), `Some(false)` keeps it (Esc / N or the button), `None` while it waits.
    fn cancel_dialog(&mut self, ui: &mut egui::Ui) -> Option<bool> {
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

    fn number_form(
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

    fn register_form(
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
        let labels = [
            Text::InsurerNumberLabel,
            Text::SymbolLabel,
            Text::CardNumberLabel,
            Text::BranchLabel,
            Text::BirthDateLabel,
        ];
        let f = &mut self.register;
        let fields = [
            &mut f.insurer,
            &mut f.symbol,
            &mut f.number,
            &mut f.branch,
            &mut f.birth,
        ];
        egui::Grid::new("register-form")
            .num_columns(2)
            .spacing(vec2(12.0, 6.0))
            .show(ui, |ui| {
                for (i, (label, buf)) in labels.iter().zip(fields).enumerate() {
                    let l = ui.label(i18n::text(lang, *label));
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
            let f = &self.register;
            match eligibility::Client::search_from_text(
                &f.insurer,
                &f.symbol,
                &f.number,
                &f.branch,
                &f.birth,
                limit_consent,
            ) {
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

/// The result view of a check, shared by the reception tab (a card visit), the check tab (an
/// insurance-card check) and the history tab (a stored check): the 有効 / 無効 / エラー badge
/// in colour and words with the reason, then `extra` rows (e.g. when and how it was
/// checked), the method, the qualification's fields and the consents. `warning` is a line
/// the clerk must not miss (e.g. the check could not be stored in the history).
pub(crate) fn result_view(
    ui: &mut egui::Ui,
    lang: Lang,
    result: &VisitResult,
    extra: &[(String, String)],
    warning: Option<&str>,
) {
    {
        let t = |k| i18n::text(lang, k);
        // The badge: colour AND words.
        let (word, fill, on, why): (&str, Color32, Color32, Option<String>) = match &result.outcome
        {
            Ok(e) => match &e.verdict {
                Verdict::Valid if e.validity == Some(QualificationValidity::ValidUnregistered) => (
                    t(Text::VerdictValidUnregistered),
                    VALID,
                    Color32::WHITE,
                    Some(t(Text::TicketUnregisteredAdvice).to_string()),
                ),
                Verdict::Valid => (t(Text::VerdictValid), VALID, Color32::WHITE, None),
                Verdict::Invalid { .. }
                    if e.validity == Some(QualificationValidity::InvalidNewQualification) =>
                {
                    (
                        t(Text::VerdictInvalidNew),
                        INVALID,
                        Color32::WHITE,
                        Some(t(Text::NewQualificationAdvice).to_string()),
                    )
                }
                Verdict::Invalid { reason } => (
                    t(Text::VerdictInvalid),
                    INVALID,
                    Color32::WHITE,
                    reason.as_ref().map(|r| r.label(lang).to_string()),
                ),
                Verdict::NotFound => (t(Text::VerdictNotFound), INVALID, Color32::WHITE, None),
                Verdict::Multiple => (t(Text::VerdictMultiple), ERROR, Color32::BLACK, None),
                Verdict::Error { code, message } => (
                    t(Text::VerdictError),
                    ERROR,
                    Color32::BLACK,
                    Some(format!(
                        "{} {}",
                        code.as_deref().unwrap_or(""),
                        message.as_deref().unwrap_or("")
                    )),
                ),
            },
            Err(trouble) => (
                t(Text::VerdictError),
                ERROR,
                Color32::BLACK,
                Some(i18n::trouble_clerk(lang, trouble)),
            ),
        };
        egui::Frame::new()
            .fill(fill)
            .corner_radius(6.0)
            .inner_margin(egui::Margin::symmetric(24, 10))
            .show(ui, |ui| {
                ui.label(RichText::new(word).size(40.0).strong().color(on));
            });
        if let Some(why) = why {
            ui.label(
                RichText::new(i18n::labelled(lang, t(Text::ReasonLabel), why.trim())).strong(),
            );
        }
        if let Some(w) = warning {
            ui.label(RichText::new(w).color(WARN).strong());
        }
        if result.certificate_expires_soon {
            ui.label(RichText::new(t(Text::CertExpiresSoon)).color(WARN));
        }
        ui.add_space(6.0);
        // The same qualification the verdict (and its reason) was read from.
        let q = result.outcome.as_ref().ok().and_then(|e| e.results.first());
        egui::Grid::new("clerk-result")
            .num_columns(2)
            .spacing(vec2(16.0, 5.0))
            .striped(true)
            .show(ui, |ui| {
                for (label, value) in extra {
                    ui.label(RichText::new(label).strong());
                    ui.add(egui::Label::new(value).wrap());
                    ui.end_row();
                }
                let mut row = |label: Text, value: String| {
                    ui.label(RichText::new(t(label)).strong());
                    ui.add(egui::Label::new(value).wrap());
                    ui.end_row();
                };
                if let Some(m) = result.method {
                    row(Text::MethodLabel, i18n::method(lang, m).to_string());
                }
                if let Some(q) = q {
                    qualification_rows(lang, q, &mut row);
                }
                let c = &result.consents;
                let until = |time: Option<&Option<String>>| {
                    time.and_then(|v| xml_text(v)).and_then(i18n::consent_until)
                };
                let answer = |limit: bool, a: Option<bool>, time: Option<&Option<String>>| {
                    i18n::consent_answer(lang, limit, a, until(time).as_deref())
                };
                // A card visit asks these; an insurance-card check does not.
                let card = result.method.is_some();
                if card || c.drug.is_some() {
                    row(
                        Text::ConsentDrug,
                        answer(false, c.drug, q.map(|q| &q.pharmacists_consent_time)),
                    );
                }
                if c.diagnosis.is_some() {
                    row(
                        Text::ConsentDiagnosis,
                        answer(false, c.diagnosis, q.map(|q| &q.diagnosis_consent_time)),
                    );
                }
                if card || c.checkup.is_some() {
                    row(
                        Text::ConsentCheckup,
                        answer(false, c.checkup, q.map(|q| &q.checkups_consent_time)),
                    );
                }
                if c.surgery.is_some() {
                    row(
                        Text::ConsentSurgery,
                        answer(false, c.surgery, q.map(|q| &q.operation_consent_time)),
                    );
                }
                row(Text::ConsentLimit, answer(true, c.limit, None));
            });
    }
}

/// The qualification's fields, one row each.
fn qualification_rows(
    lang: Lang,
    q: &ResultOfQualificationConfirmation,
    row: &mut impl FnMut(Text, String),
) {
    let none = || i18n::text(lang, Text::NoneGiven).to_string();
    let s = |v: &Option<String>| xml_text(v).unwrap_or("").to_string();
    let d = |v: &Option<String>| xml_text(v).map(i18n::date).unwrap_or_default();
    row(Text::NameLabel, s(&q.name));
    row(Text::KanaLabel, s(&q.name_kana));
    row(Text::BirthDateLabel, d(&q.birthdate));
    row(
        Text::SexLabel,
        q.sex1
            .as_ref()
            .map(|x| x.label(lang).to_string())
            .unwrap_or_default(),
    );
    row(
        Text::InsurerLabel,
        format!("{}  {}", s(&q.insurer_number), s(&q.insurer_name)),
    );
    let parts: Vec<String> = [
        &q.insured_card_symbol,
        &q.insured_identification_number,
        &q.insured_branch_number,
    ]
    .iter()
    .map(|v| s(v))
    .filter(|v| !v.is_empty())
    .collect();
    row(Text::SymbolNumberBranchLabel, parts.join("・"));
    row(
        Text::PersonalFamilyLabel,
        q.personal_family_classification
            .as_ref()
            .map(|x| x.label(lang).to_string())
            .unwrap_or_default(),
    );
    row(Text::QualificationDateLabel, d(&q.qualification_date));
    // No 有効期限 on the card is common (社保): say so rather than leave a blank.
    row(
        Text::ValidUntilLabel,
        xml_text(&q.insured_card_expiration_date)
            .map(i18n::date)
            .unwrap_or_else(none),
    );
    row(
        Text::RatioLabel,
        xml_text(&q.insured_partial_contribution_ratio)
            .map(|r| i18n::ratio(lang, r))
            .unwrap_or_default(),
    );
    row(
        Text::ElderlyLabel,
        match &q.elderly_recipient {
            Some(e) => format!(
                "{}  {}–{}",
                xml_text(&e.contribution_ratio)
                    .map(|r| i18n::ratio(lang, r))
                    .unwrap_or_default(),
                d(&e.valid_start_date),
                d(&e.valid_end_date)
            ),
            None => none(),
        },
    );
    row(
        Text::LimitLabel,
        match &q.limit_info {
            // The period on its own line: the certificate's name is long.
            Some(l) => format!(
                "{}  {}\n{}–{}",
                l.category.as_ref().map(|c| c.label(lang)).unwrap_or(""),
                l.classification
                    .as_ref()
                    .map(|c| c.label(lang))
                    .unwrap_or(""),
                d(&l.valid_start_date),
                d(&l.valid_end_date)
            ),
            None => none(),
        },
    );
    let diseases: Vec<String> = q
        .specific_diseases
        .as_ref()
        .map(|l| {
            l.items
                .iter()
                .filter_map(|i| i.category.as_ref().map(|c| c.label(lang).to_string()))
                .collect()
        })
        .unwrap_or_default();
    row(
        Text::DiseaseLabel,
        if diseases.is_empty() {
            none()
        } else {
            diseases.join("、")
        },
    );
    // 医療扶助 only: the 福祉事務所's part, and the 医療券 when it is registered.
    if q.public_expense_number.is_some() || q.welfare_office_name.is_some() {
        row(Text::PublicExpenseLabel, s(&q.public_expense_number));
        row(Text::BeneficiaryLabel, s(&q.beneficiary_number));
        row(Text::WelfareOfficeLabel, s(&q.welfare_office_name));
        let ticket = q.medical_tickets.as_ref().and_then(|l| l.items.first());
        row(
            Text::MedicalTicketLabel,
            match ticket {
                Some(t) => format!(
                    "{}  {}–{}",
                    s(&t.issue_number),
                    d(&t.valid_date),
                    d(&t.expiration_date)
                ),
                None => none(),
            },
        );
    }
}
