//! The clerk console's tab for 一括照会: import a list, its bad rows, send, progress, the result table, export.
//! SKELETON: to be built (issue 6).

use crate::backend::Backend;
use crate::i18n::Lang;

/// The tab's own state.
#[derive(Default)]
pub struct BatchScreen {}

impl BatchScreen {
    pub fn new() -> BatchScreen {
        BatchScreen::default()
    }

    pub fn ui(&mut self, ui: &mut egui::Ui, _lang: Lang, _backend: &mut dyn Backend) {
        ui.label("TODO");
    }
}
