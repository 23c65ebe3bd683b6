//! The patient screen's look: its size tokens (type, buttons, pad keys, pictograms, the step
//! bar) and its colours, chosen once from `[patient] text_size` and `contrast`. The patient
//! screen draws only with these, so a larger type size or high contrast reaches every stage
//! at once, and the clerk console (same egui context in the one-window demo) is untouched:
//! [`PatientLook::apply`] changes the style of the patient's `Ui` only.

use super::{ACTION, ERROR, ON_ACTION, TEXT, TOUCH_MIN, VALID, WARN};
use egui::{Color32, Stroke, Vec2, vec2};
use onshi_desk::config::{Contrast, TextSize};

/// How large a pictogram is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PictoSize {
    /// The stage's picture beside its instruction.
    Stage,
    /// A step's mark on the step indicator.
    Step,
}

/// Size tokens and colours of the patient screen.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PatientLook {
    /// The instruction's title.
    pub title: f32,
    /// Body text.
    pub body: f32,
    /// Button labels (a row with a long word sets all its labels smaller, to fit).
    pub button: f32,
    /// Height of the answer buttons (above [`TOUCH_MIN`]).
    pub button_h: f32,
    /// A PIN pad key.
    pub key: Vec2,
    /// Height of the step indicator.
    pub step_h: f32,
    /// Step-indicator labels.
    pub step_text: f32,
    /// Side of a stage's pictogram.
    pub picto: f32,
    /// Page background.
    pub bg: Color32,
    /// Body text and the pictograms' ink.
    pub text: Color32,
    /// Quieter lines (steps still to come).
    pub muted: Color32,
    /// Warnings (last PIN try, wrong PIN); always with words.
    pub warn: Color32,
    /// Fill of the main action buttons and of the current step.
    pub action: Color32,
    /// Text on [`Self::action`].
    pub on_action: Color32,
    /// Fill of the plain buttons (やめる, the language row).
    pub plain: Color32,
    /// Outline of the plain buttons: in high contrast every control has a visible edge.
    pub outline: Stroke,
    /// Paper of the pictograms' cards and reader (light on normal, dark on high contrast).
    pub paper: Color32,
    /// Success (done, a good face frame).
    pub good: Color32,
    /// Caution (the face guide while the frame has a problem).
    pub caution: Color32,
}

impl Default for PatientLook {
    fn default() -> Self {
        PatientLook::new(TextSize::Normal, Contrast::Normal)
    }
}

impl PatientLook {
    pub fn new(size: TextSize, contrast: Contrast) -> PatientLook {
        // Large: about a quarter bigger; the keys and buttons grow so a label still fits.
        let k = match size {
            TextSize::Normal => 1.0,
            TextSize::Large => 1.25,
        };
        let base = PatientLook {
            title: 30.0 * k,
            body: 24.0 * k,
            button: 27.0 * k,
            button_h: (72.0 * k.sqrt()).round(),
            key: vec2(104.0, TOUCH_MIN.max((TOUCH_MIN * k.sqrt()).round())),
            step_h: 40.0,
            step_text: 18.0 * k.sqrt(),
            picto: 150.0,
            bg: Color32::WHITE,
            text: TEXT,
            muted: Color32::from_gray(0x5a),
            warn: WARN,
            action: ACTION,
            on_action: ON_ACTION,
            plain: Color32::from_gray(0xe6),
            outline: Stroke::new(1.0, Color32::from_gray(0x8c)),
            paper: Color32::from_rgb(0xdc, 0xe9, 0xf5),
            good: VALID,
            caution: ERROR,
        };
        match contrast {
            Contrast::Normal => base,
            // White and yellow on black (WCAG contrast well above 7:1 for every pair).
            Contrast::High => PatientLook {
                bg: Color32::BLACK,
                text: Color32::WHITE,
                muted: Color32::from_gray(0xc8),
                warn: Color32::from_rgb(0xff, 0x9e, 0x9e),
                action: Color32::from_rgb(0xff, 0xd6, 0x00),
                on_action: Color32::BLACK,
                plain: Color32::BLACK,
                outline: Stroke::new(3.0, Color32::WHITE),
                paper: Color32::from_gray(0x30),
                good: Color32::from_rgb(0x5c, 0xe6, 0x7a),
                caution: Color32::from_rgb(0xff, 0xd6, 0x00),
                ..base
            },
        }
    }

    /// Whether this is the high-contrast look.
    pub fn high_contrast(&self) -> bool {
        self.bg == Color32::BLACK
    }

    /// The line height for wrapped text of `size`: the font's own is tight for Latin
    /// descenders over the next line's capitals at these sizes.
    pub fn line(&self, size: f32) -> f32 {
        (size * 1.25).round()
    }

    /// Side of a pictogram of this size.
    pub fn picto_side(&self, size: PictoSize) -> f32 {
        match size {
            PictoSize::Stage => self.picto,
            PictoSize::Step => self.step_h - 12.0,
        }
    }

    /// Sets the patient `ui`'s colours (text, panels, the plain buttons' fill and edge).
    pub fn apply(&self, ui: &mut egui::Ui) {
        let v = &mut ui.style_mut().visuals;
        if self.high_contrast() {
            *v = egui::Visuals::dark();
        }
        v.override_text_color = Some(self.text);
        v.panel_fill = self.bg;
        v.window_fill = self.bg;
        v.extreme_bg_color = self.bg;
        for w in [
            &mut v.widgets.inactive,
            &mut v.widgets.hovered,
            &mut v.widgets.active,
        ] {
            w.weak_bg_fill = self.plain;
            w.bg_fill = self.plain;
            w.fg_stroke.color = self.text;
        }
        v.widgets.inactive.bg_stroke = self.outline;
        v.widgets.hovered.bg_stroke = Stroke::new(self.outline.width + 1.0, self.text);
        v.widgets.active.bg_stroke = Stroke::new(self.outline.width + 1.0, self.text);
        // A disabled pad key (the 5th digit) stays legible but plainly off.
        v.widgets.noninteractive.fg_stroke.color = self.muted;
        v.widgets.noninteractive.bg_stroke = Stroke::new(1.0, self.muted);
    }
}
