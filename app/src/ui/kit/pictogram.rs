//! The patient screen's pictures, drawn with egui shapes (no image files, so they scale to
//! any size token and follow the high-contrast colours): a card laid on the reader, a face in
//! the oval guide, the PIN pad, a card taken off the reader, a check mark, an hourglass and a
//! question bubble. Each is one widget with the picture's name for assistive technology (a
//! screen reader cannot see a drawing), sized by a [`PictoSize`] token of the look.

use super::look::{PatientLook, PictoSize};
use egui::{Color32, CornerRadius, Pos2, Rect, Sense, Shape, Stroke, StrokeKind, pos2, vec2};
use onshi_desk::i18n::patient::Picture;

/// Draws `picture` at `size`, named `name` for assistive technology.
pub fn pictogram_ui(
    ui: &mut egui::Ui,
    look: &PatientLook,
    picture: Picture,
    size: PictoSize,
    name: &str,
) -> egui::Response {
    // Never taller than the room left: on the reader's small screen with large type the
    // words matter more than the picture.
    let side = look.picto_side(size).min(ui.available_height().max(32.0));
    let (rect, response) = ui.allocate_exact_size(vec2(side, side), Sense::hover());
    let name = name.to_string();
    response.widget_info(|| egui::WidgetInfo::labeled(egui::accesskit::Role::Image, true, &name));
    if ui.is_rect_visible(rect) {
        paint(ui.painter(), rect, look, picture);
    }
    response
}

/// A point of the picture's unit square (0..1 on both axes) inside `r`.
fn at(r: Rect, x: f32, y: f32) -> Pos2 {
    pos2(r.left() + x * r.width(), r.top() + y * r.height())
}

fn unit(r: Rect, x0: f32, y0: f32, x1: f32, y1: f32) -> Rect {
    Rect::from_min_max(at(r, x0, y0), at(r, x1, y1))
}

/// Paints `picture` into `r` (also used for the small marks of the step indicator).
pub fn paint(p: &egui::Painter, r: Rect, look: &PatientLook, picture: Picture) {
    let s = r.width();
    let ink = look.text;
    let line = Stroke::new((s / 30.0).max(1.5), ink);
    let round = |v: f32| CornerRadius::same((v * s).round().clamp(0.0, 255.0) as u8);
    match picture {
        Picture::CardOnReader => {
            reader(p, r, look, line);
            card(p, unit(r, 0.22, 0.36, 0.78, 0.62), look, line);
            arrow(p, at(r, 0.5, 0.04), at(r, 0.5, 0.30), line);
        }
        Picture::TakeCard => {
            reader(p, r, look, line);
            card(p, unit(r, 0.22, 0.18, 0.78, 0.44), look, line);
            arrow(p, at(r, 0.5, 0.50), at(r, 0.5, 0.02), line);
        }
        Picture::Face | Picture::CameraView => {
            let c = at(r, 0.5, 0.5);
            p.add(Shape::ellipse_stroke(
                c,
                vec2(0.30 * s, 0.42 * s),
                Stroke::new(line.width * 1.5, look.action),
            ));
            // Eyes, nose and a smile: enough to read as a face at 28 px.
            for x in [0.40, 0.60] {
                p.circle_filled(at(r, x, 0.42), 0.035 * s, ink);
            }
            p.line_segment([at(r, 0.5, 0.47), at(r, 0.48, 0.56)], line);
            let smile: Vec<Pos2> = (0..=8)
                .map(|i| {
                    let t = i as f32 / 8.0;
                    let x = 0.40 + 0.20 * t;
                    let y = 0.64 + 0.05 * (1.0 - (2.0 * t - 1.0).powi(2));
                    at(r, x, y)
                })
                .collect();
            p.add(Shape::line(smile, line));
        }
        Picture::PinPad => {
            p.rect(
                unit(r, 0.18, 0.04, 0.82, 0.96),
                round(0.06),
                look.paper,
                line,
                StrokeKind::Inside,
            );
            for row in 0..4 {
                for col in 0..3 {
                    let x = 0.27 + col as f32 * 0.17;
                    let y = 0.13 + row as f32 * 0.20;
                    p.rect_filled(unit(r, x, y, x + 0.12, y + 0.13), round(0.02), ink);
                }
            }
        }
        Picture::Done => {
            p.circle_filled(r.center(), 0.46 * s, look.good);
            let on = if look.high_contrast() {
                Color32::BLACK
            } else {
                Color32::WHITE
            };
            let tick = vec![at(r, 0.27, 0.52), at(r, 0.44, 0.68), at(r, 0.74, 0.34)];
            p.add(Shape::line(tick, Stroke::new(s / 11.0, on)));
        }
        Picture::Wait => {
            let top = vec![at(r, 0.25, 0.08), at(r, 0.75, 0.08), at(r, 0.5, 0.5)];
            let bottom = vec![at(r, 0.5, 0.5), at(r, 0.75, 0.92), at(r, 0.25, 0.92)];
            p.add(Shape::convex_polygon(top, look.paper, line));
            p.add(Shape::convex_polygon(bottom, look.paper, line));
            // The sand: a little still above, most of it below.
            let sand = vec![at(r, 0.5, 0.60), at(r, 0.68, 0.88), at(r, 0.32, 0.88)];
            p.add(Shape::convex_polygon(sand, look.action, Stroke::NONE));
        }
        Picture::Question => {
            let bubble = unit(r, 0.08, 0.10, 0.92, 0.72);
            p.rect(bubble, round(0.12), look.paper, line, StrokeKind::Inside);
            let tail = vec![at(r, 0.30, 0.70), at(r, 0.46, 0.70), at(r, 0.26, 0.90)];
            p.add(Shape::convex_polygon(tail, look.paper, Stroke::NONE));
            p.line_segment([at(r, 0.30, 0.71), at(r, 0.26, 0.90)], line);
            p.line_segment([at(r, 0.46, 0.71), at(r, 0.26, 0.90)], line);
            // A question mark drawn as strokes, so it needs no font.
            let hook: Vec<Pos2> = (0..=10)
                .map(|i| {
                    let a = std::f32::consts::PI * (1.1 - 1.5 * i as f32 / 10.0);
                    at(r, 0.5 + 0.11 * a.cos(), 0.30 - 0.10 * a.sin())
                })
                .collect();
            let end = *hook.last().expect("points");
            p.add(Shape::line(
                hook,
                Stroke::new(line.width * 1.6, look.action),
            ));
            p.line_segment(
                [end, at(r, 0.5, 0.50)],
                Stroke::new(line.width * 1.6, look.action),
            );
            p.circle_filled(at(r, 0.5, 0.60), line.width * 1.2, look.action);
        }
    }
}

/// The reader: a box with a slot line, seen from the front, in the lower half.
fn reader(p: &egui::Painter, r: Rect, look: &PatientLook, line: Stroke) {
    let body = unit(r, 0.08, 0.58, 0.92, 0.94);
    let radius = CornerRadius::same((0.06 * r.width()) as u8);
    p.rect(body, radius, look.paper, line, StrokeKind::Inside);
    p.line_segment([at(r, 0.16, 0.70), at(r, 0.84, 0.70)], line);
    // The reader's lamp.
    p.circle_filled(at(r, 0.80, 0.84), 0.03 * r.width(), look.good);
}

/// The card: the action colour with a chip and a photo square, so it reads as a My Number
/// Card and not a plain rectangle.
fn card(p: &egui::Painter, c: Rect, look: &PatientLook, line: Stroke) {
    let radius = CornerRadius::same((0.06 * c.width()) as u8);
    p.rect(c, radius, look.action, line, StrokeKind::Inside);
    let chip = Rect::from_min_size(
        c.min + vec2(0.12 * c.width(), 0.30 * c.height()),
        vec2(0.18 * c.width(), 0.36 * c.height()),
    );
    p.rect_filled(
        chip,
        CornerRadius::same(2),
        Color32::from_rgb(0xe8, 0xc5, 0x4a),
    );
    let photo = Rect::from_min_size(
        c.min + vec2(0.66 * c.width(), 0.18 * c.height()),
        vec2(0.22 * c.width(), 0.64 * c.height()),
    );
    p.rect_filled(photo, CornerRadius::same(2), look.on_action);
}

/// An arrow from `from` to `to` with a filled head.
fn arrow(p: &egui::Painter, from: Pos2, to: Pos2, line: Stroke) {
    let dir = (to - from).normalized();
    let head = line.width * 4.0;
    let base = to - dir * head;
    let side = vec2(-dir.y, dir.x) * head * 0.7;
    p.line_segment([from, base], Stroke::new(line.width * 1.4, line.color));
    p.add(Shape::convex_polygon(
        vec![to, base + side, base - side],
        line.color,
        Stroke::NONE,
    ));
}
