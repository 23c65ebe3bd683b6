//! Laying the form out: each item becomes lines of glyphs at a size and a height on the page,
//! broken to the printable width by the font's advances (at a space when the line has one,
//! anywhere in Japanese, which has none), and a new A4 page starts when one is full.

use crate::FormError;
use ttf_parser::{Face, GlyphId};

/// A4 in points.
pub(crate) const PAGE_W: f32 = 595.0;
pub(crate) const PAGE_H: f32 = 842.0;
const MARGIN: f32 = 56.0;
const WIDTH: f32 = PAGE_W - 2.0 * MARGIN;

/// What goes on the paper, top to bottom.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form {
    pub items: Vec<Item>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    /// Large and bold-looking heading.
    Title(String),
    /// A paragraph.
    Text(String),
    /// `label: value`, e.g. the patient's name and the date.
    Field { label: String, value: String },
    /// An empty box to tick, and what ticking it means.
    Checkbox(String),
    /// A line to sign on, with its label before it.
    Signature(String),
    /// A blank line.
    Gap,
}

/// One laid-out line: glyph ids and where they start.
#[derive(Debug, Clone)]
pub(crate) struct Line {
    pub x: f32,
    pub y: f32,
    pub size: f32,
    pub glyphs: Vec<(u16, char)>,
}

/// What is drawn besides text.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Mark {
    Box { x: f32, y: f32, side: f32 },
    Rule { x: f32, y: f32, to: f32 },
}

#[derive(Debug, Default, Clone)]
pub(crate) struct Page {
    pub lines: Vec<Line>,
    pub marks: Vec<Mark>,
}

struct Writer<'f> {
    face: &'f Face<'f>,
    pages: Vec<Page>,
    y: f32,
    missing: usize,
}

impl Writer<'_> {
    fn glyphs(&mut self, text: &str) -> Vec<(u16, char)> {
        text.chars()
            .filter(|c| !c.is_control())
            .map(|c| {
                let g = self.face.glyph_index(c).map(|g| g.0);
                if g.is_none() {
                    self.missing += 1;
                }
                (g.unwrap_or(0), c)
            })
            .collect()
    }

    fn advance(&self, g: u16, size: f32) -> f32 {
        let units = f32::from(self.face.units_per_em().max(1));
        f32::from(self.face.glyph_hor_advance(GlyphId(g)).unwrap_or(0)) * size / units
    }

    /// Makes room for `height` points, starting a page when this one is full.
    fn room(&mut self, height: f32) -> f32 {
        if self.pages.is_empty() || self.y - height < MARGIN {
            self.pages.push(Page::default());
            self.y = PAGE_H - MARGIN;
        }
        self.y -= height;
        self.y
    }

    fn page(&mut self) -> &mut Page {
        self.pages.last_mut().expect("room() made a page")
    }

    /// `text` at `size` from `x`, wrapped to the right margin.
    fn paragraph(&mut self, text: &str, size: f32, x: f32) {
        let glyphs = self.glyphs(text);
        let width = MARGIN + WIDTH - x;
        let mut rest: &[(u16, char)] = &glyphs;
        while !rest.is_empty() {
            let mut used = 0.0;
            let mut fit = 0;
            for (i, (g, _)) in rest.iter().enumerate() {
                let w = self.advance(*g, size);
                if used + w > width && i > 0 {
                    break;
                }
                used += w;
                fit = i + 1;
            }
            // Break after the last space when the rest does not fit (a word is not split).
            if fit < rest.len()
                && let Some(sp) = rest[..fit].iter().rposition(|(_, c)| *c == ' ')
                && sp > 0
            {
                fit = sp + 1;
            }
            let y = self.room(size * 1.5);
            let line = Line {
                x,
                y,
                size,
                glyphs: rest[..fit].to_vec(),
            };
            self.page().lines.push(line);
            rest = &rest[fit..];
        }
    }
}

/// Lays the form out on pages.
pub(crate) fn pages(form: &Form, face: &Face<'_>) -> Result<Vec<Page>, FormError> {
    let mut w = Writer {
        face,
        pages: Vec::new(),
        y: PAGE_H - MARGIN,
        missing: 0,
    };
    w.room(0.0);
    for item in &form.items {
        match item {
            Item::Title(t) => {
                w.paragraph(t, 18.0, MARGIN);
                w.room(8.0);
            }
            Item::Text(t) => w.paragraph(t, 11.0, MARGIN),
            Item::Field { label, value } => w.paragraph(&format!("{label}: {value}"), 12.0, MARGIN),
            Item::Checkbox(t) => {
                let side = 11.0;
                let y = w.room(4.0);
                w.page().marks.push(Mark::Box {
                    x: MARGIN,
                    y: y - side - 1.0,
                    side,
                });
                w.y += 4.0;
                w.paragraph(t, 11.0, MARGIN + side + 8.0);
                w.room(4.0);
            }
            Item::Signature(label) => {
                w.room(12.0);
                w.paragraph(label, 11.0, MARGIN);
                let y = w.y - 2.0;
                w.page().marks.push(Mark::Rule {
                    x: MARGIN + 120.0,
                    y,
                    to: MARGIN + WIDTH,
                });
            }
            Item::Gap => {
                w.room(12.0);
            }
        }
    }
    if w.missing > 0 {
        return Err(FormError::MissingGlyphs { count: w.missing });
    }
    Ok(w.pages)
}
