//! What every screen test may ask of a screen's layout, through the accessibility tree that
//! egui_kittest reads (what assistive technology sees, not the pixels): nothing drawn outside
//! the screen, no two widgets on top of each other, every control at least the touch minimum
//! and named. The app's screen tests include it; the examples and the end-to-end crate, which
//! have no egui_kittest, do not.

use egui::accesskit::Role;
use egui::{Rect, pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::{By, NodeT, Queryable};

/// A widget as the checks see it.
#[derive(Debug, Clone)]
pub struct Seen {
    pub role: Role,
    pub name: String,
    pub rect: Rect,
}

/// The leaves a person sees or touches: buttons, text and pictures (groups and panels, which
/// only hold them, are left out).
pub fn widgets<S>(h: &Harness<'_, S>) -> Vec<Seen> {
    h.query_all(
        By::new().predicate(|n| matches!(n.role(), Role::Button | Role::Label | Role::Image)),
    )
    .map(|n| {
        let a = n.accesskit_node();
        let name = a
            .label()
            .or_else(|| a.value())
            .unwrap_or_default()
            .to_string();
        Seen {
            role: a.role(),
            name,
            rect: n.rect(),
        }
    })
    .collect()
}

/// Everything lies inside `size` and nothing overlaps anything else; `at` says where the
/// screen was (the stage) for the message.
pub fn assert_fits<S>(h: &Harness<'_, S>, size: egui::Vec2, at: &str) {
    let screen = Rect::from_min_size(pos2(0.0, 0.0), size).expand(0.5);
    let all = widgets(h);
    for w in &all {
        assert!(
            screen.contains_rect(w.rect),
            "{at}: {:?} 「{}」 at {:?} leaves the {size:?} screen",
            w.role,
            w.name,
            w.rect
        );
    }
    for (i, a) in all.iter().enumerate() {
        for b in &all[i + 1..] {
            assert!(
                !a.rect.shrink(0.5).intersects(b.rect.shrink(0.5)),
                "{at}: 「{}」 {:?} and 「{}」 {:?} overlap",
                a.name,
                a.rect,
                b.name,
                b.rect
            );
        }
    }
}

/// Every control is at least `min` high and wide and has a name assistive technology reads
/// out; every picture has a name too.
pub fn assert_touchable_and_named<S>(h: &Harness<'_, S>, min: f32, at: &str) {
    for w in widgets(h) {
        match w.role {
            Role::Button => {
                assert!(
                    w.rect.height() >= min - 0.5 && w.rect.width() >= min - 0.5,
                    "{at}: button 「{}」 is only {:?}",
                    w.name,
                    w.rect.size()
                );
                assert!(!w.name.trim().is_empty(), "{at}: a button without a name");
            }
            Role::Image => {
                assert!(!w.name.trim().is_empty(), "{at}: a picture without a name")
            }
            _ => {}
        }
    }
}
