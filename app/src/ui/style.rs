//! Fonts and colours shared by the screens: the bundled BIZ UDPGothic (so Japanese names
//! render the same on every machine and a missing glyph fails the screen tests instead of
//! showing tofu), a light theme with dark text for contrast, and the few colours that carry
//! meaning (always next to words, never alone).

use egui::{Color32, FontData, FontDefinitions, FontFamily};
use std::sync::Arc;

/// BIZ UDPGothic Regular, OFL (assets/fonts/README.md).
static JP_FONT: &[u8] = include_bytes!("../../../assets/fonts/BIZUDPGothic-Regular.ttf");

/// Puts BIZ UDPGothic first for proportional text and behind egui's own monospace font.
pub fn install_fonts(ctx: &egui::Context) {
    let mut fonts = FontDefinitions::default();
    fonts.font_data.insert(
        "biz-udpgothic".into(),
        Arc::new(FontData::from_static(JP_FONT)),
    );
    fonts
        .families
        .entry(FontFamily::Proportional)
        .or_default()
        .insert(0, "biz-udpgothic".into());
    fonts
        .families
        .entry(FontFamily::Monospace)
        .or_default()
        .push("biz-udpgothic".into());
    ctx.set_fonts(fonts);
}

/// A light theme: dark text on white reads best on a reader's display and at a counter.
pub fn install_style(ctx: &egui::Context) {
    ctx.set_visuals(egui::Visuals::light());
}

/// Fill of the main action buttons (white text on it: contrast above 7:1).
pub const ACTION: Color32 = Color32::from_rgb(0x0b, 0x4f, 0x8a);
/// Text on [`ACTION`].
pub const ON_ACTION: Color32 = Color32::WHITE;
/// Body text.
pub const TEXT: Color32 = Color32::from_rgb(0x1a, 0x1a, 0x1a);
/// Warnings (last PIN try, wrong PIN): dark red on white.
pub const WARN: Color32 = Color32::from_rgb(0xa5, 0x00, 0x00);
/// Verdict badges: green, red and amber fills with white or black words.
pub const VALID: Color32 = Color32::from_rgb(0x1b, 0x6e, 0x2a);
pub const INVALID: Color32 = Color32::from_rgb(0xb0, 0x00, 0x20);
pub const ERROR: Color32 = Color32::from_rgb(0xf2, 0xa9, 0x00);
