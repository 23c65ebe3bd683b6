//! The widget kit every screen draws with (its fonts are in `fonts.rs`): a light theme with
//! dark text for contrast, the size tokens (type sizes, spacing, the patient's 64 px touch
//! minimum), the few colours that carry meaning (always next to words, never alone), and the drawing functions more than one screen needs: the
//! 有効 / 無効 / エラー badge in its three sizes, the striped table with its header row and
//! the result panel of a check; the patient screen's look (`look`: its tokens after
//! `[patient] text_size` and `contrast`) and pictograms (`pictogram`). A screen that wants a
//! badge, a table or a result asks here, so the same result looks the same on every tab.

use egui::{Color32, RichText, vec2};
use eligibility::xml::text as xml_text;
use onshi_desk::history::view::{ConsentShown, Qualification, ResultView, Shown, Tone};
use onshi_desk::i18n::Label as _;
use onshi_desk::i18n::{self, Lang, Text};
pub mod look;
pub mod pictogram;

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

/// Body text of the clerk console (the console's fonts are never smaller).
pub const CLERK_BODY: f32 = 17.0;
/// Headings and main buttons of the clerk console.
pub const CLERK_HEAD: f32 = 21.0;
/// Secondary buttons and the 照会中 line of the clerk console.
pub const CLERK_BUTTON: f32 = 19.0;
/// The verdict word on the result panel's badge.
pub const VERDICT: f32 = 40.0;
/// Gaps between the cells of a form (column, row).
pub const FORM_SPACING: egui::Vec2 = vec2(12.0, 6.0);
/// Patient screen: the instruction's title.
pub const PATIENT_TITLE: f32 = 32.0;
/// Patient screen: body text.
pub const PATIENT_BODY: f32 = 25.0;
/// Patient screen: button labels.
pub const PATIENT_BUTTON: f32 = 27.0;
/// Patient screen: touch targets are at least this high.
pub const TOUCH_MIN: f32 = 64.0;
/// Patient screen: the height of the answer buttons (above [`TOUCH_MIN`]).
pub const PATIENT_BUTTON_H: f32 = 72.0;

/// The fill of a result's badge and the colour of the words on it.
pub fn tone_colours(tone: Tone) -> (Color32, Color32) {
    match tone {
        Tone::Valid => (VALID, Color32::WHITE),
        Tone::Invalid => (INVALID, Color32::WHITE),
        Tone::Error => (ERROR, Color32::BLACK),
        Tone::Pending => (Color32::from_gray(0xdd), Color32::BLACK),
    }
}

/// How large a badge is drawn.
#[derive(Clone, Copy)]
pub enum BadgeSize {
    /// The result panel's verdict.
    Verdict,
    /// A count above a table (一括照会's 有効 n件).
    Count,
    /// A cell of a table row.
    Row,
}

/// A result's badge: the words on their colour, in a frame.
pub fn badge_ui(ui: &mut egui::Ui, words: RichText, tone: Tone, size: BadgeSize) {
    let (fill, on) = tone_colours(tone);
    let (radius, margin) = match size {
        BadgeSize::Verdict => (6.0, egui::Margin::symmetric(24, 10)),
        BadgeSize::Count => (4.0, egui::Margin::symmetric(12, 1)),
        BadgeSize::Row => (4.0, egui::Margin::symmetric(6, 1)),
    };
    egui::Frame::new()
        .fill(fill)
        .corner_radius(radius)
        .inner_margin(margin)
        .show(ui, |ui| {
            ui.label(words.color(on));
        });
}

/// A result's badge inside a line of text (a grid cell that holds only a label).
pub fn inline_badge(words: &str, tone: Tone) -> RichText {
    let (fill, on) = tone_colours(tone);
    RichText::new(format!(" {words} "))
        .background_color(fill)
        .color(on)
        .strong()
}

/// A striped table with a bold header row (one column a heading); `body` draws the rows,
/// each ended with `ui.end_row()`. `spacing` is the gap between cells (column, row).
pub fn table_ui(
    ui: &mut egui::Ui,
    id: &str,
    heads: &[&str],
    spacing: egui::Vec2,
    body: impl FnOnce(&mut egui::Ui),
) {
    egui::Grid::new(id)
        .num_columns(heads.len())
        .striped(true)
        .spacing(spacing)
        .show(ui, |ui| {
            for h in heads {
                ui.label(RichText::new(*h).strong());
            }
            ui.end_row();
            body(ui);
        });
}

/// The verdict's word and, when there is one, the reason beside it.
fn verdict_words(lang: Lang, shown: &Shown) -> (&'static str, Option<String>) {
    let t = |k| i18n::text(lang, k);
    match shown {
        Shown::ValidUnregistered => (
            t(Text::VerdictValidUnregistered),
            Some(t(Text::TicketUnregisteredAdvice).to_string()),
        ),
        Shown::Valid => (t(Text::VerdictValid), None),
        Shown::InvalidNew => (
            t(Text::VerdictInvalidNew),
            Some(t(Text::NewQualificationAdvice).to_string()),
        ),
        Shown::Invalid(reason) => (
            t(Text::VerdictInvalid),
            reason.as_ref().map(|r| r.label(lang).to_string()),
        ),
        Shown::NotFound => (t(Text::VerdictNotFound), None),
        Shown::Multiple => (t(Text::VerdictMultiple), None),
        Shown::CentreError { code, message } => (
            t(Text::VerdictError),
            Some(format!(
                "{} {}",
                code.as_deref().unwrap_or(""),
                message.as_deref().unwrap_or("")
            )),
        ),
        Shown::Trouble(trouble) => (
            t(Text::VerdictError),
            Some(i18n::trouble_clerk(lang, trouble)),
        ),
    }
}

/// The result panel of a check, shared by the reception tab (a card visit), the check tab (an
/// insurance-card check) and the history tab (a stored check): the 有効 / 無効 / エラー badge
/// in colour and words with the reason, then `extra` rows (e.g. when and how it was
/// checked), the method, the qualification's fields and the consents. `warning` is a line
/// the clerk must not miss (e.g. the check could not be stored in the history).
pub fn result_panel_ui(
    ui: &mut egui::Ui,
    lang: Lang,
    result: &ResultView,
    extra: &[(String, String)],
    warning: Option<&str>,
) {
    let t = |k| i18n::text(lang, k);
    // The badge: colour AND words.
    let (word, why) = verdict_words(lang, &result.shown);
    badge_ui(
        ui,
        RichText::new(word).size(VERDICT).strong(),
        result.shown.tone(),
        BadgeSize::Verdict,
    );
    if let Some(why) = why {
        ui.label(RichText::new(i18n::labelled(lang, t(Text::ReasonLabel), why.trim())).strong());
    }
    if let Some(w) = warning {
        ui.label(RichText::new(w).color(WARN).strong());
    }
    if result.certificate_expires_soon {
        ui.label(RichText::new(t(Text::CertExpiresSoon)).color(WARN));
    }
    ui.add_space(6.0);
    let q = result.qualification.as_ref();
    egui::Grid::new("clerk-result")
        .num_columns(2)
        .spacing(vec2(16.0, 5.0))
        .striped(true)
        .show(ui, |ui| {
            for (label, value) in extra {
                ui.label(RichText::new(label).strong());
                ui.add(egui::Label::new(value).wrap());
                ui.end_row();
            }
            let mut row = |label: Text, value: String| {
                ui.label(RichText::new(t(label)).strong());
                ui.add(egui::Label::new(value).wrap());
                ui.end_row();
            };
            if let Some(m) = result.method {
                row(Text::MethodLabel, i18n::method(lang, m).to_string());
            }
            if let Some(q) = q {
                qualification_rows(lang, q, &mut row);
            }
            let c = &result.consents;
            let answer = |limit: bool, c: &ConsentShown| {
                let until = c.at.as_deref().and_then(i18n::consent_until);
                i18n::consent_answer(lang, limit, c.answer, until.as_deref())
            };
            // A card visit asks these; an insurance-card check does not.
            let card = result.method.is_some();
            if card || c.drug.answer.is_some() {
                row(Text::ConsentDrug, answer(false, &c.drug));
            }
            if c.diagnosis.answer.is_some() {
                row(Text::ConsentDiagnosis, answer(false, &c.diagnosis));
            }
            if card || c.checkup.answer.is_some() {
                row(Text::ConsentCheckup, answer(false, &c.checkup));
            }
            if c.surgery.answer.is_some() {
                row(Text::ConsentSurgery, answer(false, &c.surgery));
            }
            let limit = ConsentShown {
                answer: c.limit,
                at: None,
            };
            row(Text::ConsentLimit, answer(true, &limit));
            if let Some(p) = &result.prescription {
                row(Text::PrescriptionLabel, p.label(lang).to_string());
            }
        });
}

/// The qualification's fields, one row each.
fn qualification_rows(lang: Lang, q: &Qualification, row: &mut impl FnMut(Text, String)) {
    let none = || i18n::text(lang, Text::NoneGiven).to_string();
    let s = |v: &Option<String>| xml_text(v).unwrap_or("").to_string();
    let d = |v: &Option<String>| xml_text(v).map(i18n::date).unwrap_or_default();
    let ratio = |v: &Option<String>| {
        xml_text(v)
            .map(|r| i18n::ratio(lang, r))
            .unwrap_or_default()
    };
    row(Text::NameLabel, s(&q.name));
    row(Text::KanaLabel, s(&q.kana));
    row(Text::BirthDateLabel, d(&q.birth_date));
    row(
        Text::SexLabel,
        q.sex
            .as_ref()
            .map(|x| x.label(lang).to_string())
            .unwrap_or_default(),
    );
    row(
        Text::InsurerLabel,
        format!("{}  {}", s(&q.insurer_number), s(&q.insurer_name)),
    );
    let parts: Vec<String> = [&q.symbol, &q.number, &q.branch]
        .iter()
        .map(|v| s(v))
        .filter(|v| !v.is_empty())
        .collect();
    row(Text::SymbolNumberBranchLabel, parts.join("・"));
    row(
        Text::PersonalFamilyLabel,
        q.personal_family
            .as_ref()
            .map(|x| x.label(lang).to_string())
            .unwrap_or_default(),
    );
    row(Text::QualificationDateLabel, d(&q.qualification_date));
    // No 有効期限 on the card is common (社保): say so rather than leave a blank.
    row(
        Text::ValidUntilLabel,
        xml_text(&q.valid_until)
            .map(i18n::date)
            .unwrap_or_else(none),
    );
    row(Text::RatioLabel, ratio(&q.ratio));
    row(
        Text::ElderlyLabel,
        match &q.elderly {
            Some(e) => format!("{}  {}–{}", ratio(&e.ratio), d(&e.from), d(&e.until)),
            None => none(),
        },
    );
    row(
        Text::LimitLabel,
        match &q.limit {
            // The period on its own line: the certificate's name is long.
            Some(l) => format!(
                "{}  {}\n{}–{}",
                l.category.as_ref().map(|c| c.label(lang)).unwrap_or(""),
                l.class.as_ref().map(|c| c.label(lang)).unwrap_or(""),
                d(&l.from),
                d(&l.until)
            ),
            None => none(),
        },
    );
    let diseases: Vec<String> = q
        .diseases
        .iter()
        .map(|c| c.label(lang).to_string())
        .collect();
    row(
        Text::DiseaseLabel,
        if diseases.is_empty() {
            none()
        } else {
            diseases.join("、")
        },
    );
    // 医療扶助 only: the 福祉事務所's part, and the 医療券 when it is registered.
    if let Some(w) = &q.welfare {
        row(Text::PublicExpenseLabel, s(&w.public_expense_number));
        row(Text::BeneficiaryLabel, s(&w.beneficiary_number));
        row(Text::WelfareOfficeLabel, s(&w.office));
        row(
            Text::MedicalTicketLabel,
            match &w.ticket {
                Some(t) => format!("{}  {}–{}", s(&t.issue_number), d(&t.from), d(&t.until)),
                None => none(),
            },
        );
    }
}
