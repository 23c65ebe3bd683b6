//! The fonts every screen draws with, and which of them a patient's language reads in. The
//! bundled BIZ UDPGothic stays first for Japanese and English (names from the centre can hold
//! rare kanji, and the screens look the same on every machine). Chinese, Korean and Vietnamese
//! need glyphs it lacks (simplified hanzi, Hangul, Vietnamese letters such as ơ, ư, ế): those
//! come from Noto Sans CJK of the Debian package `fonts-noto-cjk`, read once from the system at
//! start-up rather than bundled (it is 19 MB, and the distribution keeps it up to date). Its
//! Simplified Chinese and Korean faces also get a family of their own, so a patient screen in
//! Chinese, Korean or Vietnamese draws every letter of a sentence from one face instead of
//! mixing two. Without the package the desk still runs: Japanese and English are unchanged, a
//! warning names the package, and the other languages show missing glyphs.

use egui::{FontData, FontDefinitions, FontFamily, Style, TextStyle};
use onshi_desk::Lang;
use std::path::Path;
use std::sync::{Arc, OnceLock};

/// BIZ UDPGothic Regular, OFL (assets/fonts/README.md).
static JP_FONT: &[u8] = include_bytes!("../../../assets/fonts/BIZUDPGothic-Regular.ttf");

/// The font the printed forms embed: the screens' own, so paper reads as the console does.
pub fn form_font() -> &'static [u8] {
    JP_FONT
}

/// Where Debian's `fonts-noto-cjk` puts the sans-serif collection.
pub const NOTO_CJK_PATH: &str = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";
/// The Debian package that holds it (installed by `cargo xtask setup`).
pub const NOTO_CJK_PACKAGE: &str = "fonts-noto-cjk";

/// The faces of the collection this desk uses (its order: JP, KR, SC, TC, HK).
const FACE_KR: u32 = 1;
const FACE_SC: u32 = 2;

const JP: &str = "biz-udpgothic";
const SC: &str = "noto-sans-cjk-sc";
const KR: &str = "noto-sans-cjk-kr";

/// The collection's bytes, read once per process: every screen test installs the fonts, and
/// the faces share one copy. Kept for the life of the process, as the fonts are.
fn noto_cjk() -> Option<&'static [u8]> {
    static BYTES: OnceLock<Option<&'static [u8]>> = OnceLock::new();
    *BYTES.get_or_init(|| match std::fs::read(Path::new(NOTO_CJK_PATH)) {
        Ok(b) => Some(Vec::leak(b)),
        Err(e) => {
            tracing::warn!(
                path = NOTO_CJK_PATH,
                package = NOTO_CJK_PACKAGE,
                error = %e,
                "Chinese, Korean and Vietnamese fonts missing: install the package \
                 (cargo xtask setup); those languages will show missing glyphs"
            );
            None
        }
    })
}

/// Whether Chinese, Korean and Vietnamese can be drawn on this machine.
pub fn patient_languages_drawable() -> bool {
    noto_cjk().is_some()
}

/// Puts BIZ UDPGothic first for proportional text and behind egui's own monospace font, with
/// Noto Sans CJK behind both for what it lacks, and one family per language whose letters
/// are better drawn by Noto (see [`use_for`]).
pub fn install_fonts(ctx: &egui::Context) {
    let mut fonts = FontDefinitions::default();
    fonts
        .font_data
        .insert(JP.into(), Arc::new(FontData::from_static(JP_FONT)));
    let defaults = fonts
        .families
        .get(&FontFamily::Proportional)
        .cloned()
        .unwrap_or_default();
    let mut proportional = vec![JP.to_string()];
    proportional.extend(defaults.iter().cloned());
    let mut monospace = fonts
        .families
        .get(&FontFamily::Monospace)
        .cloned()
        .unwrap_or_default();
    monospace.push(JP.into());
    if let Some(bytes) = noto_cjk() {
        for (name, face) in [(SC, FACE_SC), (KR, FACE_KR)] {
            fonts.font_data.insert(
                name.into(),
                Arc::new(FontData::from_blob(Arc::new(bytes), face)),
            );
        }
        // Behind BIZ UDPGothic: Japanese and English keep their look, and a Hangul syllable
        // or a simplified hanzi in a name still draws.
        proportional.push(SC.into());
        monospace.push(SC.into());
        // Latin-script patient languages too: BIZ UDPGothic's Latin descenders (p, q, y, g)
        // come out cut at the patient screen's sizes, Noto's do not.
        for (lang, first) in [
            (Lang::Zh, SC),
            (Lang::Ko, KR),
            (Lang::Vi, SC),
            (Lang::En, SC),
            (Lang::Pt, SC),
        ] {
            // Noto first, then the Japanese face and egui's own for anything else.
            let mut family = vec![first.to_string(), JP.to_string()];
            family.extend(defaults.iter().cloned());
            fonts.families.insert(own_family(lang), family);
        }
    }
    fonts
        .families
        .insert(FontFamily::Proportional, proportional);
    fonts.families.insert(FontFamily::Monospace, monospace);
    ctx.set_fonts(fonts);
}

/// The named family of a language drawn by Noto first.
fn own_family(lang: Lang) -> FontFamily {
    FontFamily::Name(lang.code().into())
}

/// The family a patient's language reads best in: its own where it has one (Chinese shapes
/// for shared characters, Vietnamese letters from one face, whole descenders for English and
/// Portuguese), else the proportional one (Japanese: BIZ UDPGothic).
pub fn family(lang: Lang) -> FontFamily {
    match lang {
        Lang::Zh | Lang::Ko | Lang::Vi | Lang::En | Lang::Pt if patient_languages_drawable() => {
            own_family(lang)
        }
        _ => FontFamily::Proportional,
    }
}

/// Makes every proportional text style of `style` (a patient screen's, not the whole
/// context's: the clerk console keeps its own) use `lang`'s family. Sizes are untouched.
pub fn use_for(style: &mut Style, lang: Lang) {
    let family = family(lang);
    for (text_style, font) in style.text_styles.iter_mut() {
        if *text_style != TextStyle::Monospace {
            font.family = family.clone();
        }
    }
}
