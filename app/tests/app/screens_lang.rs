//! The first patient screen in each of the six patient languages at the reader's 800×480:
//! the patient's words are on it (found by their label, as assistive technology reads them),
//! every letter of the patient's sentences has a glyph in the fonts the screen draws that
//! language with (a Hangul syllable or a Vietnamese ế without one would show as an empty box),
//! and a snapshot per language keeps the look.

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use face_match::{Guidance, Outcome};
use onshi::ui::fonts;
use onshi::ui::{PATIENT_SIZE, PatientScreen};
use onshi_desk::Lang;
use onshi_desk::flow::{
    CardTrouble, CentreTrouble, ConsentOffer, Event, Flow, FrameProblem, InstitutionKind, Question,
    Settings, Trouble,
};
use onshi_desk::i18n::{self, Text};
use onshi_desk::port::Backend as _;
use onshi_desk::testing::Scripted;
use std::cell::RefCell;
use std::rc::Rc;

type Shared = Rc<RefCell<Scripted>>;

fn patient_screen(lang: Lang) -> Harness<'static, (PatientScreen, Shared)> {
    let b = Rc::new(RefCell::new(Scripted::new(Flow::new(Settings::new(
        InstitutionKind::Medical,
    )))));
    // The patient chose the language on the first screen, before placing the card.
    b.borrow_mut().send(Event::Language(lang));
    let mut h = Harness::builder()
        .with_size(PATIENT_SIZE)
        .with_context_setup(|ctx| {
            onshi::ui::install_fonts(ctx);
            onshi::ui::install_style(ctx);
        })
        .build_ui_state(
            |ui, (screen, b): &mut (PatientScreen, Shared)| {
                egui::CentralPanel::default()
                    .frame(egui::Frame::NONE)
                    .show(ui, |ui| screen.ui(ui, &mut *b.borrow_mut()));
            },
            (PatientScreen::new(), b),
        );
    h.run();
    h
}

/// What a patient can read in `lang`: the fixed strings of the patient screen and the
/// sentences with values (tries left, consent questions, face guidance, card-front problems,
/// why a visit ended).
fn patient_sentences(lang: Lang) -> Vec<String> {
    let mut all: Vec<String> = Text::PATIENT
        .iter()
        .map(|t| i18n::text(lang, *t).to_string())
        .collect();
    all.push(i18n::pin_tries_left(lang, 3));
    all.push(i18n::face_attempts_left(lang, 2));
    let offer = ConsentOffer::defaults(InstitutionKind::Medical);
    for q in [
        Question::DrugAndDiagnosis,
        Question::Checkup,
        Question::Surgery,
        Question::Limit,
    ] {
        let (title, body) = i18n::question(lang, q, &offer);
        all.extend([title.to_string(), body.to_string()]);
    }
    for g in [
        Guidance::NoFace,
        Guidance::OnePersonOnly,
        Guidance::MoveCloser,
        Guidance::MoveBack,
        Guidance::CentreFace,
        Guidance::LookStraight,
        Guidance::TooDark,
        Guidance::TooBright,
        Guidance::HoldStill,
        Guidance::Checking,
    ] {
        all.push(i18n::guidance(lang, g).into());
    }
    for o in [Outcome::Match, Outcome::NoMatch, Outcome::TimedOut] {
        all.push(i18n::face_outcome(lang, o).into());
    }
    for p in [
        FrameProblem::NoCard,
        FrameProblem::TooDark,
        FrameProblem::Glare,
        FrameProblem::Blurred,
        FrameProblem::NotMyNumberCard,
    ] {
        all.push(i18n::front_problem(lang, p).into());
    }
    for t in [
        Trouble::CardPulled,
        Trouble::PinLocked,
        Trouble::FaceFailed,
        Trouble::TimedOut,
        Trouble::CancelledByPatient,
        Trouble::CancelledByClerk,
        Trouble::NotRegistered,
        Trouble::Card(CardTrouble::NotMyNumberCard),
        Trouble::Card(CardTrouble::CertificateExpired),
        Trouble::Centre(CentreTrouble::Unreachable),
    ] {
        all.push(i18n::trouble_patient(lang, &t));
    }
    all
}

#[test]
fn the_first_screen_in_each_language_shows_its_words_in_glyphs_it_has() {
    assert!(
        fonts::patient_languages_drawable(),
        "{} is missing: install {} (cargo xtask setup)",
        fonts::NOTO_CJK_PATH,
        fonts::NOTO_CJK_PACKAGE
    );
    let mut failed = Vec::new();
    for lang in Lang::ALL {
        let mut h = patient_screen(lang);
        for key in [Text::WaitingTitle, Text::WaitingHint] {
            let words = i18n::text(lang, key);
            assert!(
                h.query_all_by_label_contains(words).next().is_some(),
                "{}: the first screen should show {key:?} 「{words}」",
                lang.code()
            );
        }
        // Not just this screen's words: every sentence a patient can meet in this language.
        let family = fonts::family(lang);
        let missing: Vec<char> = h.ctx.fonts_mut(|f| {
            let font = egui::FontId::new(20.0, family.clone());
            let mut missing: Vec<char> = patient_sentences(lang)
                .iter()
                .flat_map(|s| s.chars())
                .filter(|c| !c.is_whitespace() && !f.has_glyph(&font, *c))
                .collect();
            missing.sort_unstable();
            missing.dedup();
            missing
        });
        assert!(
            missing.is_empty(),
            "{}: no glyph for {missing:?}",
            lang.code()
        );
        h.snapshot(format!("patient_waiting_{}", lang.code()));
        failed.extend(
            h.take_snapshot_results()
                .into_inner()
                .iter()
                .map(ToString::to_string),
        );
    }
    assert!(
        failed.is_empty(),
        "snapshots differ:\n{}",
        failed.join("\n")
    );
}
