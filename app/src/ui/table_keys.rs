//! Moving a selection through a table by key, shared by the history and 一括照会 tables:
//! Up/Down one row, PageUp/PageDown one page, Home/End the first and last row. Home and End
//! belong to a text field while one has the focus; the arrows and page keys always move the
//! table (the console's fields are single-line, where they mean nothing). Also keeps the
//! selected row in view of a scroll area.

use egui::{Key, Modifiers};

/// The row the keys pressed this frame move `cursor` to among `len` rows (`page` rows a
/// page), or `None` when no key moved it. With no row chosen yet, any key picks the first.
pub(crate) fn moved(
    ui: &egui::Ui,
    len: usize,
    cursor: Option<usize>,
    page: usize,
) -> Option<usize> {
    if len == 0 {
        return None;
    }
    let typing = ui.ctx().text_edit_focused();
    let last = len - 1;
    let page = page.max(1);
    let at = cursor.map(|c| c.min(last));
    let mut to = None;
    ui.input_mut(|i| {
        let mut key = |k| i.consume_key(Modifiers::NONE, k);
        if key(Key::ArrowDown) {
            to = Some(at.map_or(0, |c| (c + 1).min(last)));
        } else if key(Key::ArrowUp) {
            to = Some(at.map_or(0, |c| c.saturating_sub(1)));
        } else if key(Key::PageDown) {
            to = Some(at.map_or(0, |c| (c + page).min(last)));
        } else if key(Key::PageUp) {
            to = Some(at.map_or(0, |c| c.saturating_sub(page)));
        } else if !typing && key(Key::Home) {
            to = Some(0);
        } else if !typing && key(Key::End) {
            to = Some(last);
        }
    });
    if to.is_some() {
        // egui would also move the keyboard focus with the arrows: the key was the table's.
        ui.memory_mut(|m| m.move_focus(egui::FocusDirection::None));
    }
    to
}

/// The scroll offset that shows row `row` (of height `row_h`, spacing included) in a viewport
/// `view_h` high now scrolled to `offset`: unchanged when the row is in view already.
pub(crate) fn offset_showing(row: usize, row_h: f32, view_h: f32, offset: f32) -> f32 {
    let top = row as f32 * row_h;
    if top < offset {
        top
    } else if top + row_h > offset + view_h {
        (top + row_h - view_h).max(0.0)
    } else {
        offset
    }
}
