//! The clerk console's tab for the history: today's checks newest first (time, method,
//! 有効 / 無効 / エラー in colour and words, name, kana, insurer), a search by the start of the
//! name in kana, a day range and the outcome, and the chosen check in the same result view as
//! a card check. The list is read again when a new check is stored or a filter changes, not
//! every frame. Only what the history holds can show: no PIN, 照合番号B or photo is stored.

use super::style::{ERROR, INVALID, VALID, WARN};
use egui::{Color32, RichText, vec2};
use eligibility::Verdict;
use eligibility::codes::{LimitCategory, PersonalFamily, ReasonOfLoss, Sex};
use eligibility::xml::{LimitApplicationCertificateRelatedInfo, ResultOfQualificationConfirmation};
use onshi_desk::flow::{CentreTrouble, Consents, Trouble, VisitResult};
use onshi_desk::history::{ConsentKind, Entry, Method, Outcome, Query};
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

/// The outcome as a badge: colour and words.
fn badge(lang: Lang, o: Outcome) -> RichText {
    let (fill, on) = match o {
        Outcome::Valid => (VALID, Color32::WHITE),
        Outcome::Invalid => (INVALID, Color32::WHITE),
        Outcome::Error => (ERROR, Color32::BLACK),
    };
    RichText::new(format!(" {} ", cli_words::outcome(lang, o)))
        .background_color(fill)
        .color(on)
        .strong()
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

/// A stored check in the shape of a visit's result, for the shared result view.
pub(crate) fn visit_result_of(e: &Entry) -> VisitResult {
    let c = &e.check;
    let p = &c.person;
    let method = match c.method {
        Method::CardPin => Some(onshi_desk::flow::Method::Pin),
        Method::CardFace => Some(onshi_desk::flow::Method::Face),
        Method::CardVisual => Some(onshi_desk::flow::Method::Visual),
        Method::InsuranceCard | Method::Batch => None,
    };
    let mut consents = Consents::default();
    let mut q = ResultOfQualificationConfirmation {
        name: p.name.clone(),
        name_kana: p.name_kana.clone(),
        birthdate: p.birth_date.clone(),
        sex1: p.sex.as_deref().map(Sex::from_code),
        insurer_number: p.insurer_number.clone(),
        insurer_name: p.insurer_name.clone(),
        insured_card_symbol: p.card_symbol.clone(),
        insured_identification_number: p.card_number.clone(),
        insured_branch_number: p.branch.clone(),
        personal_family_classification: p.personal_family.as_deref().map(PersonalFamily::from_code),
        insured_partial_contribution_ratio: p.contribution_ratio.clone(),
        insured_card_expiration_date: p.valid_until.clone(),
        limit_info: p
            .limit_category
            .as_deref()
            .map(|l| LimitApplicationCertificateRelatedInfo {
                category: Some(LimitCategory::from_code(l)),
                ..Default::default()
            }),
        public_expense_number: p.public_expense_number.clone(),
        beneficiary_number: p.beneficiary_number.clone(),
        welfare_office_name: p.welfare_office.clone(),
        medical_tickets: p.ticket_issue_number.as_ref().map(|n| {
            eligibility::xml::PublicExpenseResultList {
                items: vec![eligibility::xml::MedicalTicketInfo {
                    issue_number: Some(n.clone()),
                    valid_date: p.ticket_valid_from.clone(),
                    expiration_date: p.ticket_valid_until.clone(),
                    ..Default::default()
                }],
            }
        }),
        ..Default::default()
    };
    for k in &c.consents {
        let at = k.at.map(onshi_desk::time::centre_time_text);
        match k.kind {
            ConsentKind::Limit => consents.limit = Some(k.agreed),
            ConsentKind::Drug => {
                consents.drug = Some(k.agreed);
                q.pharmacists_consent_time = at;
            }
            ConsentKind::Checkup => {
                consents.checkup = Some(k.agreed);
                q.checkups_consent_time = at;
            }
            ConsentKind::Diagnosis => {
                consents.diagnosis = Some(k.agreed);
                q.diagnosis_consent_time = at;
            }
            ConsentKind::Surgery => {
                consents.surgery = Some(k.agreed);
                q.operation_consent_time = at;
            }
            ConsentKind::SpecificDiseases => {}
        }
    }
    let code = c.reason_code.clone().unwrap_or_default();
    let trouble = |t| Err(Trouble::Centre(t));
    let verdict = match (c.outcome, code.as_str()) {
        (Outcome::Valid, _) => Ok(Verdict::Valid),
        (Outcome::Invalid, "not-found") => Ok(Verdict::NotFound),
        (Outcome::Invalid, onshi_desk::history::NEW_QUALIFICATION) => Ok(Verdict::Invalid {
            reason: Some(ReasonOfLoss::from_code("03")),
        }),
        (Outcome::Invalid, r) => Ok(Verdict::Invalid {
            reason: r.strip_prefix("loss-").map(ReasonOfLoss::from_code),
        }),
        (Outcome::Error, "multiple") => Ok(Verdict::Multiple),
        (Outcome::Error, "unreachable") => trouble(CentreTrouble::Unreachable),
        (Outcome::Error, "timed-out") => trouble(CentreTrouble::TimedOut),
        (Outcome::Error, "tls-refused") => trouble(CentreTrouble::Certificate),
        (Outcome::Error, "unavailable") => trouble(CentreTrouble::Unavailable),
        (Outcome::Error, r) if r.starts_with("http-") => trouble(CentreTrouble::Unavailable),
        (Outcome::Error, "malformed") => trouble(CentreTrouble::Malformed),
        (Outcome::Error, "config") => trouble(CentreTrouble::Config),
        (Outcome::Error, _) => Ok(Verdict::Error {
            code: c.reason_code.clone(),
            message: c.reason_message.clone(),
        }),
    };
    let outcome = verdict.map(|verdict| {
        Box::new(eligibility::Eligibility {
            verdict,
            // The 資格有効性 codes the result view words apart from their verdict.
            validity: match code.as_str() {
                onshi_desk::history::NEW_QUALIFICATION => {
                    Some(eligibility::codes::QualificationValidity::InvalidNewQualification)
                }
                onshi_desk::history::UNREGISTERED => {
                    Some(eligibility::codes::QualificationValidity::ValidUnregistered)
                }
                _ => None,
            },
            results: vec![q],
            response: eligibility::xml::XmlMsg {
                header: Default::default(),
                body: Default::default(),
            },
        })
    });
    VisitResult {
        method,
        consents,
        outcome,
        certificate_expires_soon: false,
    }
}

impl HistoryScreen {
    pub fn new() -> HistoryScreen {
        HistoryScreen::default()
    }

    /// The tab was brought to the front: the kana search takes the focus.
    pub fn focus_first(&mut self) {
        self.focus = true;
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

    pub fn ui(&mut self, ui: &mut egui::Ui, lang: Lang, backend: &mut dyn Backend) {
        let w = |k| words::text(lang, k);
        let Some(checks) = backend.checks() else {
            ui.label(w(W::NoChecks));
            return;
        };
        ui.label(RichText::new(w(W::HistoryTitle)).size(21.0).strong());
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
        let moved = super::table_keys::moved(ui, self.entries.len(), at, 10);
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
                        egui::Grid::new("history-table")
                            .num_columns(6)
                            .spacing(vec2(10.0, 6.0))
                            .striped(true)
                            .show(ui, |ui| {
                                for h in [
                                    W::ColTime,
                                    W::ColMethod,
                                    W::ColOutcome,
                                    W::ColName,
                                    W::ColKana,
                                    W::ColInsurer,
                                ] {
                                    ui.label(RichText::new(w(h)).strong());
                                }
                                ui.end_row();
                                for e in &self.entries {
                                    let c = &e.check;
                                    let p = &c.person;
                                    let chosen = self.cursor.or(self.selected) == Some(e.id);
                                    let other_day =
                                        onshi_desk::history::day_in_japan(c.at) != today;
                                    let first = ui.selectable_label(chosen, hhmm(c.at, other_day));
                                    if chosen && moved.is_some() {
                                        first.scroll_to_me(None);
                                    }
                                    let mut pick = first.clicked();
                                    ui.label(cli_words::method(lang, c.method));
                                    ui.label(badge(lang, c.outcome));
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
                        let shown = visit_result_of(e);
                        let mut extra = vec![
                            (
                                w(W::WhenLabel).to_string(),
                                format!(
                                    "{:04}/{:02}/{:02} {:02}:{:02}:{:02}",
                                    t.year(),
                                    u8::from(t.month()),
                                    t.day(),
                                    t.hour(),
                                    t.minute(),
                                    t.second()
                                ),
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
                                super::clerk::result_view(ui, lang, &shown, &extra, None);
                            });
                    }
                }
            });
        });
    }
}
