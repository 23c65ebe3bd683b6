//! The clerk console (1280x800, keyboard-first): the reader and what the patient is doing
//! now, the tabs of `TABS` and the room in front. Each tab is a room of its own, one file
//! each (reception, check, batch, history, viewer, subsidy) with its own state behind the
//! [`Room`] trait, as in egui's demo app; this module only keeps the bar, the one tab table
//! and the keys. The function keys of `TABS` switch tabs (landing in the tab's first
//! field); when the reception flow waits for the clerk (目視, 照合番号B, 保険証利用登録), its
//! tab comes to the front. The history and 一括照会 tables take the arrows.

pub mod batch;
pub mod check;
pub mod generic;
pub mod history;
pub mod reception;
pub mod subsidy;
pub mod viewer;

use super::kit::{CLERK_BODY, CLERK_HEAD as HEAD, TEXT};
use egui::RichText;
use eligibility::Field;
use onshi_desk::flow::Stage;
use onshi_desk::i18n::{self, Lang, Text};
use onshi_desk::port::Backend;

/// One room of the console: what a tab draws, with its own state.
pub trait Room {
    /// The tab was brought to the front: its first field takes the focus when next drawn.
    fn focus_first(&mut self) {}
    /// Draws the room and does what the clerk asked.
    fn ui(&mut self, ui: &mut egui::Ui, lang: Lang, backend: &mut dyn Backend);
}

/// The label of a field of the insurance-card numbers form (the check tab's and the
/// reception's 保険証利用登録 form).
fn field_label(f: Field) -> Text {
    match f {
        Field::InsurerNumber => Text::InsurerNumberLabel,
        Field::CardSymbol => Text::SymbolLabel,
        Field::CardNumber => Text::CardNumberLabel,
        Field::BranchNumber => Text::BranchLabel,
        Field::BirthDate | Field::InstitutionCode => Text::BirthDateLabel,
    }
}

/// The clerk console's own state.
pub struct ClerkConsole {
    lang: Lang,
    tab: Tab,
    reception: reception::Reception,
    check: check::CheckScreen,
    batch: batch::BatchScreen,
    history: history::HistoryScreen,
    viewer: viewer::ViewerScreen,
    subsidy: subsidy::SubsidyScreen,
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
            tab: Tab::Reception,
            reception: reception::Reception::new(lang),
            check: check::CheckScreen::new(),
            batch: batch::BatchScreen::new(),
            history: history::HistoryScreen::new(),
            viewer: viewer::ViewerScreen::new(),
            subsidy: subsidy::SubsidyScreen::new(),
        }
    }

    /// The tab in front.
    pub fn tab(&self) -> Tab {
        self.tab
    }

    /// Brings a tab to the front (keyboard shortcut, tests).
    pub fn set_tab(&mut self, tab: Tab) {
        if tab != self.tab {
            self.room(tab).focus_first();
        }
        self.tab = tab;
    }

    /// The room behind a tab.
    fn room(&mut self, tab: Tab) -> &mut dyn Room {
        match tab {
            Tab::Reception => &mut self.reception,
            Tab::Check => &mut self.check,
            Tab::Batch => &mut self.batch,
            Tab::History => &mut self.history,
            Tab::Viewer => &mut self.viewer,
            Tab::Subsidy => &mut self.subsidy,
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
        // Every frame, whatever tab is in front: the reception forms forget what the flow no
        // longer asks for.
        let entered = self.reception.observe(&stage);
        ui.style_mut().visuals.override_text_color = Some(TEXT);
        for (_, font) in ui.style_mut().text_styles.iter_mut() {
            font.size = font.size.max(CLERK_BODY);
        }

        // Top: the reader and what the patient is doing.
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
            // Until the card is taken: the clerk can call the patient back.
            if flow.card_left_behind() {
                ui.separator();
                ui.label(
                    RichText::new(self.t(Text::CardLeftBehind))
                        .color(crate::ui::kit::WARN)
                        .strong(),
                );
            }
            // The clinic link, when this desk runs one: its counts and last error, or why not.
            if let Some(link) = backend.link() {
                ui.separator();
                let line = i18n::link::state_line(lang, &link);
                let trouble = match &link {
                    onshi_desk::link::LinkView::Running(s) => s.last_error.is_some(),
                    onshi_desk::link::LinkView::NotRunning(_) => true,
                };
                if trouble {
                    ui.label(RichText::new(line).color(crate::ui::kit::WARN));
                } else {
                    ui.label(line);
                }
            }
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
        // At a generic reader the clerk drives the whole visit from the reception tab.
        if entered
            && backend.flow().settings().reader == onshi_desk::flow::ReaderKind::Generic
            && matches!(
                stage,
                Stage::ChooseMethod { .. }
                    | Stage::Pin { .. }
                    | Stage::PinLastTry { .. }
                    | Stage::PinLocked { .. }
                    | Stage::PaperConsent { .. }
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
            let tab = self.tab;
            self.room(tab).focus_first();
        }
        viewer::banner_ui(ui, lang, backend);
        ui.separator();

        let tab = self.tab;
        self.room(tab).ui(ui, lang, backend);
    }
}
