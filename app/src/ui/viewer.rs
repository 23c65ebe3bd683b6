//! The clerk console's tab for staff login, the drug / 特定健診 viewer for qualified roles (consent and 24 h gated), 災害時 mode.
//! SKELETON: to be built (issue 6).

use crate::backend::Backend;
use crate::i18n::Lang;

/// The tab's own state.
#[derive(Default)]
pub struct ViewerScreen {}

impl ViewerScreen {
    pub fn new() -> ViewerScreen {
        ViewerScreen::default()
    }

    pub fn ui(&mut self, ui: &mut egui::Ui, _lang: Lang, _backend: &mut dyn Backend) {
        ui.label("TODO");
    }
}

/// The 災害時 banner above every tab while the centre reports an active disaster.
pub fn banner(_ui: &mut egui::Ui, _lang: Lang, _backend: &mut dyn Backend) {}
