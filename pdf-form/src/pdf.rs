//! The PDF objects of laid-out pages. The font is embedded whole (FontFile2, compressed) as a
//! CIDFontType2 under a Type0 font with Identity-H, so a glyph id is the code written in the
//! content stream; /W gives each used glyph's advance and a ToUnicode map gives each glyph's
//! character back, so the printed form's text is also searchable and copyable.

use crate::layout::{Line, Mark, PAGE_H, PAGE_W, Page};
use pdf_writer::types::{CidFontType, FontFlags, SystemInfo};
use pdf_writer::{Content, Filter, Finish, Name, Pdf, Rect, Ref, Str};
use std::collections::BTreeMap;
use ttf_parser::{Face, GlyphId};

const FONT: Name<'static> = Name(b"F1");

pub(crate) fn write(pages: &[Page], face: &Face<'_>, font: &[u8]) -> Vec<u8> {
    let mut next = 1;
    let mut id = || {
        let r = Ref::new(next);
        next += 1;
        r
    };
    let (catalog, tree, type0, cid, descriptor, file, to_unicode) =
        (id(), id(), id(), id(), id(), id(), id());
    let page_ids: Vec<(Ref, Ref)> = pages.iter().map(|_| (id(), id())).collect();

    let mut pdf = Pdf::new();
    pdf.catalog(catalog).pages(tree);
    pdf.pages(tree)
        .kids(page_ids.iter().map(|(p, _)| *p))
        .count(i32::try_from(pages.len()).unwrap_or(i32::MAX));

    // Every glyph used, with its character and advance (in 1/1000 em).
    let units = f32::from(face.units_per_em().max(1));
    let mut used: BTreeMap<u16, char> = BTreeMap::new();
    for line in pages.iter().flat_map(|p| &p.lines) {
        for (g, c) in &line.glyphs {
            used.entry(*g).or_insert(*c);
        }
    }

    let base = Name(b"OnshiFormFont");
    let info = SystemInfo {
        registry: Str(b"Adobe"),
        ordering: Str(b"Identity"),
        supplement: 0,
    };
    pdf.type0_font(type0)
        .base_font(base)
        .encoding_predefined(Name(b"Identity-H"))
        .descendant_font(cid)
        .to_unicode(to_unicode);
    let mut c = pdf.cid_font(cid);
    c.subtype(CidFontType::Type2)
        .base_font(base)
        .system_info(info)
        .font_descriptor(descriptor)
        .default_width(1000.0)
        .cid_to_gid_map_predefined(Name(b"Identity"));
    {
        let mut w = c.widths();
        for g in used.keys() {
            let adv = f32::from(face.glyph_hor_advance(GlyphId(*g)).unwrap_or(0));
            w.consecutive(*g, [adv * 1000.0 / units]);
        }
    }
    c.finish();

    let bbox = face.global_bounding_box();
    let scale = |v: i16| f32::from(v) * 1000.0 / units;
    pdf.font_descriptor(descriptor)
        .name(base)
        .flags(FontFlags::NON_SYMBOLIC)
        .bbox(Rect::new(
            scale(bbox.x_min),
            scale(bbox.y_min),
            scale(bbox.x_max),
            scale(bbox.y_max),
        ))
        .italic_angle(0.0)
        .ascent(scale(face.ascender()))
        .descent(scale(face.descender()))
        .cap_height(scale(face.capital_height().unwrap_or(face.ascender())))
        .stem_v(80.0)
        .font_file2(file);
    let packed = miniz_oxide::deflate::compress_to_vec_zlib(font, 6);
    pdf.stream(file, &packed).filter(Filter::FlateDecode).pair(
        Name(b"Length1"),
        i32::try_from(font.len()).unwrap_or(i32::MAX),
    );

    let mut cmap = pdf_writer::types::UnicodeCmap::new(Name(b"Onshi-UCS"), info);
    for (g, ch) in &used {
        cmap.pair(*g, *ch);
    }
    pdf.cmap(to_unicode, &cmap.finish());

    for (page, (page_id, content_id)) in pages.iter().zip(&page_ids) {
        let mut p = pdf.page(*page_id);
        p.media_box(Rect::new(0.0, 0.0, PAGE_W, PAGE_H))
            .parent(tree)
            .contents(*content_id);
        p.resources().fonts().pair(FONT, type0);
        p.finish();
        let content = content_of(page);
        pdf.stream(*content_id, &content);
    }
    pdf.finish()
}

fn content_of(page: &Page) -> Vec<u8> {
    let mut c = Content::new();
    c.set_line_width(0.8);
    for m in &page.marks {
        match *m {
            Mark::Box { x, y, side } => {
                c.rect(x, y, side, side);
                c.stroke();
            }
            Mark::Rule { x, y, to } => {
                c.move_to(x, y);
                c.line_to(to, y);
                c.stroke();
            }
        }
    }
    for line in &page.lines {
        text(&mut c, line);
    }
    c.finish().to_vec()
}

fn text(c: &mut Content, line: &Line) {
    let codes: Vec<u8> = line
        .glyphs
        .iter()
        .flat_map(|(g, _)| g.to_be_bytes())
        .collect();
    c.begin_text();
    c.set_font(FONT, line.size);
    c.next_line(line.x, line.y);
    c.show(Str(&codes));
    c.end_text();
}
