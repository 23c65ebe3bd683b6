//! The clerk console's tab for today's checks and the search by name kana, date and outcome.
//! SKELETON: to be built (issue 6).

use crate::backend::Backend;
use crate::i18n::Lang;

/// The tab's own state.
#[derive(Default)]
pub struct HistoryScreen {}

impl HistoryScreen {
    pub fn new() -> HistoryScreen {
        HistoryScreen::default()
    }

    pub fn ui(&mut self, ui: &mut egui::Ui, _lang: Lang, _backend: &mut dyn Backend) {
        ui.label("TODO");
    }
}
