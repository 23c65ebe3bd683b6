//! The developer panel (only with the simulators, when [`Backend::dev`] is `Some`): put a
//! persona's card on the virtual reader, take it off, and choose what the virtual camera shows.

use egui::RichText;
use onshi_desk::i18n::{self, Lang, Text};
use onshi_desk::port::Backend;

/// Draws the panel; does nothing when the backend has no developer controls.
pub fn dev_panel_ui(ui: &mut egui::Ui, backend: &mut dyn Backend, lang: Lang) {
    let Some(dev) = backend.dev() else {
        return;
    };
    let mut failure = None;
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(i18n::text(lang, Text::DevTitle)).strong());
        ui.separator();
        let inserted = dev.inserted().map(str::to_string);
        let personas: Vec<(String, String)> = dev
            .personas()
            .iter()
            .map(|(id, ja, en)| (id.clone(), if lang == Lang::Ja { ja } else { en }.clone()))
            .collect();
        for (id, label) in personas {
            let on = inserted.as_deref() == Some(id.as_str());
            if ui.selectable_label(on, label).clicked()
                && let Err(e) = dev.insert(&id)
            {
                failure = Some(e.to_string());
            }
        }
        if ui
            .add_enabled(
                inserted.is_some(),
                egui::Button::new(i18n::text(lang, Text::DevRemove)),
            )
            .clicked()
            && let Err(e) = dev.remove()
        {
            failure = Some(e.to_string());
        }
        ui.separator();
        ui.label(i18n::text(lang, Text::DevFeed));
        let current = dev.feed().to_string();
        for feed in dev.feeds().to_vec() {
            if ui.selectable_label(current == feed, &feed).clicked()
                && let Err(e) = dev.set_feed(&feed)
            {
                failure = Some(e.to_string());
            }
        }
        let fronts = dev.front_feeds().to_vec();
        if !fronts.is_empty() {
            ui.separator();
            ui.label(i18n::text(lang, Text::DevFront));
            let current = dev.front_feed().to_string();
            for front in fronts {
                if ui.selectable_label(current == front, &front).clicked()
                    && let Err(e) = dev.set_front_feed(&front)
                {
                    failure = Some(e.to_string());
                }
            }
        }
    });
    if let Some(e) = failure {
        // Developer tooling only: the error names the simulator, never a patient.
        tracing::warn!(error = %e, "developer panel action failed");
        ui.colored_label(super::kit::WARN, e);
    }
}
