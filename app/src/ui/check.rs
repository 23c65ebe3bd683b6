//! The clerk console's tab for the insurance-card check form (保険者番号, 記号, 番号, 枝番, 生年月日, 限度額 consent), validated as typed, with the result in the card check's result view.
//! SKELETON: to be built (issue 6).

use crate::backend::Backend;
use crate::i18n::Lang;

/// The tab's own state.
#[derive(Default)]
pub struct CheckScreen {}

impl CheckScreen {
    pub fn new() -> CheckScreen {
        CheckScreen::default()
    }

    pub fn ui(&mut self, ui: &mut egui::Ui, _lang: Lang, _backend: &mut dyn Backend) {
        ui.label("TODO");
    }
}
