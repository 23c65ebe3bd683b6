//! A first-time patient walked through every stage of the patient screen, in each patient
//! language, on the reader's small screen (800x480) and on a larger touch screen (1280x800),
//! in the normal look and in large type with high contrast: at every stage nothing is drawn
//! outside the screen, nothing overlaps, every control is at least the 64 px touch minimum and
//! every control and picture has a name for assistive technology. The buttons are found by
//! the desk's own words, so a new language is walked by adding it to the list. A few stages
//! are kept as snapshots: English at 800x480, Japanese on the larger screen and in large type
//! with high contrast; the Japanese 800x480 snapshots of every stage are in `screens`. The kiosk window's settings are checked here
//! too, as they are the patient screen's.

use crate::layout::{assert_fits, assert_touchable_and_named};
use crate::screens::valid_answer;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use eligibility::client::CardProof;
use eligibility::codes::AuthMethod;
use face_match::{Guidance, Outcome};
use onshi::ui::kit::TOUCH_MIN;
use onshi::ui::kit::look::PatientLook;
use onshi::ui::{PATIENT_SIZE, PatientScreen, patient_viewport_builder};
use onshi_desk::config::{Contrast, PatientConfig, TextSize};
use onshi_desk::flow::{
    CardPhoto, CardSummary, Event, FaceResult, FaceTrouble, Flow, FlowKind, InstitutionKind,
    PinAnswer, ReaderStatus, Settings, Stage,
};
use onshi_desk::i18n::{self, Lang, Text};
use onshi_desk::port::{Backend, PreviewFrame};
use onshi_desk::testing::Scripted;
use reader_driver::{PinStatus, VerificationNumberB};
use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;
use std::time::Duration;
use zeroize::Zeroizing;

type Shared = Rc<RefCell<Scripted>>;

/// The larger touch screen some desks put in front of the patient.
const LARGE_SCREEN: egui::Vec2 = egui::vec2(1280.0, 800.0);

/// The languages walked (each found by its own words): every language of the first screen.
const LANGS: &[Lang] = &Lang::ALL;

/// One patient screen over a scripted flow; the workers and the clerk are played by events.
struct Walk {
    b: Shared,
    h: Harness<'static, (PatientScreen, Shared)>,
    size: egui::Vec2,
    lang: Lang,
    /// Which stages to keep as snapshots, and under which prefix.
    snap: Option<(&'static str, &'static [&'static str])>,
    /// Stages checked so far.
    seen: Vec<String>,
}

impl Walk {
    fn new(size: egui::Vec2, look: PatientLook, lang: Lang) -> Walk {
        let mut settings = Settings::new(InstitutionKind::Medical);
        // Every question offered, so each consent screen shows up.
        settings.offer.diagnosis = true;
        settings.offer.surgery = true;
        Walk::with_settings(size, look, lang, settings)
    }

    fn with_settings(size: egui::Vec2, look: PatientLook, lang: Lang, settings: Settings) -> Walk {
        let b = Rc::new(RefCell::new(
            Scripted::new(Flow::new(settings)).stepped(Duration::from_millis(100)),
        ));
        let h = Harness::builder()
            .with_size(size)
            .with_context_setup(|ctx| {
                onshi::ui::install_fonts(ctx);
                onshi::ui::install_style(ctx);
            })
            .build_ui_state(
                |ui, (screen, b): &mut (PatientScreen, Shared)| {
                    // As `OnshiApp` shows it in its own window.
                    egui::CentralPanel::default()
                        .frame(egui::Frame::NONE.fill(screen.background()))
                        .show(ui, |ui| {
                            screen.ui(ui, &mut *b.borrow_mut());
                        });
                },
                (PatientScreen::with_look(look), b.clone()),
            );
        let mut w = Walk {
            b,
            h,
            size,
            lang,
            snap: None,
            seen: Vec::new(),
        };
        w.event(Event::Reader(ReaderStatus::Ready {
            name: "Virtual PCD 00 00".into(),
        }));
        w
    }

    fn event(&mut self, e: Event) {
        self.b.borrow_mut().send(e);
        self.h.run();
    }

    fn stage(&self) -> Stage {
        self.b.borrow().flow().stage().clone()
    }

    fn visit(&self) -> onshi_desk::flow::VisitId {
        self.b.borrow().flow().visit_id().expect("a visit")
    }

    /// The patient taps the button the desk's words name.
    fn tap(&mut self, label: &str) {
        self.h.get_by_label(label).click();
        self.h.run();
    }

    fn tap_text(&mut self, t: Text) {
        self.tap(i18n::text(self.lang, t));
    }

    fn type_pin(&mut self, digits: &str) {
        for d in digits.chars() {
            self.tap(&d.to_string());
        }
        self.tap_text(Text::PinConfirm);
    }

    /// The checks every stage must pass, and its snapshot when asked for.
    fn check(&mut self, name: &str) {
        let at = format!(
            "{name} ({:?}, {:?}, {:?})",
            self.lang,
            self.size,
            self.stage()
        );
        assert_fits(&self.h, self.size, &at);
        assert_touchable_and_named(&self.h, TOUCH_MIN, &at);
        // The second visit meets some stages again: the first meeting is the picture.
        let first = !self.seen.iter().any(|s| s == name);
        self.seen.push(name.to_string());
        if let Some((prefix, names)) = self.snap
            && first
            && names.contains(&name)
        {
            self.h.snapshot(format!("{prefix}_{name}"));
        }
    }

    fn card(&mut self, pin: PinStatus) {
        self.event(Event::CardInserted);
        let v = self.visit();
        self.event(Event::CardRead(
            v,
            Ok(CardSummary {
                pin,
                certificate_expires_soon: false,
            }),
        ));
    }

    /// Answers every consent question yes (限度額: provide), checking each screen.
    fn consents(&mut self) {
        let mut n = 0;
        while let Stage::Consent { question } = self.stage() {
            n += 1;
            self.check(&format!("consent_{n}"));
            let yes = if question == onshi_desk::flow::Question::Limit {
                Text::Provide
            } else {
                Text::Agree
            };
            self.tap_text(yes);
        }
        let least = match self.b.borrow().flow().settings().flow {
            FlowKind::Seed => 4,
            FlowKind::Current => 2,
        };
        assert!(n >= least, "consent screens of the flow: {n}");
    }

    /// The readers' flow since 2024-10 at a clinic that prescribes: one 包括同意, 特定健診,
    /// no 限度額 screen, then 電子 / 紙 処方箋, then the result.
    fn current_flow_with_prescription(&mut self) {
        let lang = self.lang;
        if lang != Lang::Ja {
            self.tap(lang.native_name());
        }
        self.card(PinStatus::TriesLeft(3));
        self.tap_text(Text::ChoosePin);
        self.type_pin("1234");
        let v = self.visit();
        self.event(Event::PinChecked(v, PinAnswer::Verified));
        assert!(
            matches!(
                self.stage(),
                Stage::Consent {
                    question: onshi_desk::flow::Question::Comprehensive
                }
            ),
            "{lang:?}: 包括同意 first, got {:?}",
            self.stage()
        );
        self.consents();
        assert_eq!(self.stage(), Stage::Prescription, "{lang:?}");
        self.check("prescription");
        self.tap_text(Text::PrescriptionElectronic);
        self.sign_and_answer(valid_answer());
        assert!(matches!(self.stage(), Stage::TakeCard { trouble: None }));
        self.check("take_card_done");
    }

    fn sign_and_answer(&mut self, answer: Box<eligibility::client::Eligibility>) {
        let v = self.visit();
        self.b.borrow_mut().take_effects();
        self.event(Event::Nonce(v, Ok("bm9uY2U".into())));
        self.event(Event::Signed(
            v,
            Ok(CardProof {
                certificate_der: vec![0x30],
                nonce: "bm9uY2U".into(),
                signature: vec![1; 256],
                method: AuthMethod::Pin,
            }),
        ));
        self.check("querying");
        self.event(Event::Checked(v, Ok(answer)));
    }

    /// Every stage of the patient screen, as a first-time patient meets them.
    fn every_stage(&mut self) {
        let lang = self.lang;
        self.event(Event::VisualMode(true));
        self.check("waiting");
        if lang != Lang::Ja {
            self.tap(lang.native_name());
            assert_eq!(self.b.borrow().flow().lang(), lang);
            self.check("waiting_chosen");
        }
        self.event(Event::CardInserted);
        self.check("reading");
        let v = self.visit();
        self.event(Event::CardRead(
            v,
            Ok(CardSummary {
                pin: PinStatus::TriesLeft(2),
                certificate_expires_soon: false,
            }),
        ));
        self.check("choose_method");
        self.tap_text(Text::ChoosePin);
        self.tap("5");
        self.check("pin");
        self.type_pin("555");
        self.check("pin_checking");
        self.event(Event::PinChecked(v, PinAnswer::Wrong { tries_left: 1 }));
        self.check("pin_last_try");
        self.tap_text(Text::LastTryGo);
        self.check("pin_wrong");
        self.type_pin("5555");
        self.event(Event::PinChecked(v, PinAnswer::Locked));
        self.check("pin_locked");
        self.tap_text(Text::UseFace);
        self.check("face_number");
        self.event(Event::VerificationNumber(
            VerificationNumberB::new("55021720352285").unwrap(),
        ));
        self.check("face_photo");
        self.event(Event::PhotoRead(
            v,
            Ok(CardPhoto(Zeroizing::new(vec![0; 16]))),
        ));
        self.check("face_live_no_camera");
        let (w, h) = (160, 120);
        let rgb = (0..w * h)
            .flat_map(|i| [((i % w) * 255 / w) as u8, 120, 160])
            .collect();
        self.b.borrow_mut().set_preview(Some(Arc::new(PreviewFrame {
            width: w,
            height: h,
            rgb,
            seq: 1,
        })));
        self.event(Event::FaceGuidance(v, Guidance::MoveCloser));
        self.check("face_live");
        self.event(Event::FaceGuidance(v, Guidance::Checking));
        self.check("face_live_checking");
        self.event(Event::FaceDone(
            v,
            FaceResult {
                outcome: Outcome::NoMatch,
                score: Some(0.1),
                attempts_left: 1,
            },
        ));
        self.b.borrow_mut().set_preview(None);
        self.check("face_failed");
        self.tap_text(Text::UseVisual);
        self.check("visual");
        self.event(Event::VisualConfirmed);
        self.consents();
        self.check("confirming");
        let mut unknown = *valid_answer();
        unknown.verdict = eligibility::Verdict::Error {
            code: Some(onshi_desk::flow::NOT_REGISTERED_CODE.into()),
            message: None,
        };
        self.sign_and_answer(Box::new(unknown));
        self.check("register_offer");
        self.tap_text(Text::RegisterYes);
        self.check("register_details");
        self.event(Event::ClerkCancel);
        self.check("take_card_cancelled");
        self.event(Event::CardRemoved);
        self.check("waiting_notice");

        // A second visit: the face check cannot run, the PIN goes through, a valid answer.
        if lang != Lang::Ja {
            self.tap(lang.native_name());
        }
        self.card(PinStatus::TriesLeft(3));
        self.tap_text(Text::ChooseFace);
        self.event(Event::VerificationNumber(
            VerificationNumberB::new("55021720352285").unwrap(),
        ));
        let v = self.visit();
        self.event(Event::PhotoRead(
            v,
            Ok(CardPhoto(Zeroizing::new(vec![0; 16]))),
        ));
        self.event(Event::FaceFailed(v, FaceTrouble::Camera));
        self.check("face_unavailable");
        self.tap_text(Text::UsePin);
        self.type_pin("1234");
        self.event(Event::PinChecked(v, PinAnswer::Verified));
        self.consents();
        self.sign_and_answer(valid_answer());
        assert!(matches!(self.stage(), Stage::TakeCard { trouble: None }));
        self.check("take_card_done");
        self.event(Event::CardRemoved);
        assert!(matches!(self.stage(), Stage::Waiting { .. }));
    }
}

impl Drop for Walk {
    fn drop(&mut self) {
        let errors = self.h.take_snapshot_results().into_inner();
        if !errors.is_empty() && !std::thread::panicking() {
            let list: Vec<String> = errors.iter().map(ToString::to_string).collect();
            panic!("snapshots differ:\n{}", list.join("\n"));
        }
    }
}

/// The stages kept as pictures outside the reader's own size.
const SNAPPED: &[&str] = &[
    "waiting",
    "choose_method",
    "pin",
    "face_live",
    "consent_1",
    "take_card_done",
];

/// The same for a language chosen on the first screen (which opens in the desk's language).
const SNAPPED_CHOSEN: &[&str] = &[
    "waiting_chosen",
    "choose_method",
    "pin",
    "face_live",
    "consent_1",
    "take_card_done",
];

#[test]
fn a_first_time_patient_gets_through_every_stage_on_the_readers_screen() {
    for &lang in LANGS {
        let mut w = Walk::new(PATIENT_SIZE, PatientLook::default(), lang);
        match lang {
            Lang::En => w.snap = Some(("patient_en", SNAPPED_CHOSEN)),
            // The longest method labels: one wraps inside its button.
            Lang::Pt => w.snap = Some(("patient_pt", &["choose_method"])),
            _ => {}
        }
        w.every_stage();
        assert!(w.seen.len() >= 28, "{lang:?}: {:?}", w.seen);
    }
}

#[test]
fn a_first_time_patient_gets_through_every_stage_on_a_larger_screen() {
    for &lang in LANGS {
        let mut w = Walk::new(LARGE_SCREEN, PatientLook::default(), lang);
        if lang == Lang::Ja {
            w.snap = Some(("patient_1280", SNAPPED));
        }
        w.every_stage();
    }
}

#[test]
fn large_type_and_high_contrast_fit_the_readers_screen() {
    let look = PatientLook::new(TextSize::Large, Contrast::High);
    for &lang in LANGS {
        let mut w = Walk::new(PATIENT_SIZE, look, lang);
        if lang == Lang::Ja {
            w.snap = Some(("patient_large_high", SNAPPED));
        }
        w.every_stage();
    }
}

#[test]
fn the_current_flow_and_the_prescription_choice_fit_the_readers_screen_in_every_language() {
    for &lang in LANGS {
        let settings = Settings {
            flow: FlowKind::Current,
            prescriptions: true,
            ..Settings::new(InstitutionKind::Medical)
        };
        let mut w = Walk::with_settings(PATIENT_SIZE, PatientLook::default(), lang, settings);
        match lang {
            Lang::Ja => w.snap = Some(("patient_current", &["consent_1", "prescription"])),
            Lang::Zh => w.snap = Some(("patient_current_zh", &["consent_1", "prescription"])),
            _ => {}
        }
        w.current_flow_with_prescription();
        assert!(
            w.seen.iter().any(|s| s == "prescription"),
            "{lang:?}: {:?}",
            w.seen
        );
    }
}

#[test]
fn large_type_alone_fits_the_readers_screen() {
    let look = PatientLook::new(TextSize::Large, Contrast::Normal);
    for &lang in LANGS {
        Walk::new(PATIENT_SIZE, look, lang).every_stage();
    }
}

#[test]
fn the_first_screen_offers_every_language_with_one_tap() {
    let mut w = Walk::new(PATIENT_SIZE, PatientLook::default(), Lang::Ja);
    for &lang in LANGS.iter().rev() {
        w.tap(lang.native_name());
        assert_eq!(w.b.borrow().flow().lang(), lang, "one tap on {lang:?}");
        assert!(
            w.h.query_by_label(i18n::text(lang, Text::WaitingTitle))
                .is_some(),
            "the first screen reads in {lang:?}"
        );
    }
}

#[test]
fn the_step_indicator_and_pictures_are_named_for_assistive_technology() {
    let mut w = Walk::new(PATIENT_SIZE, PatientLook::default(), Lang::Ja);
    assert!(w.h.query_by_label("手順 1 / 4: カード").is_some());
    assert!(
        w.h.query_by_label("カードリーダーにカードを置く絵")
            .is_some()
    );
    w.card(PinStatus::TriesLeft(3));
    assert!(w.h.query_by_label("手順 2 / 4: 本人確認").is_some());
}

#[test]
fn a_kiosk_is_borderless_full_screen_on_the_named_monitor_and_the_demo_a_window() {
    let window = patient_viewport_builder(&PatientConfig::default());
    assert_eq!(window.fullscreen, None);
    assert_ne!(window.decorations, Some(false));
    assert_eq!(window.inner_size, Some(PATIENT_SIZE));

    let kiosk = patient_viewport_builder(&PatientConfig {
        kiosk: true,
        display: Some(1),
        ..PatientConfig::default()
    });
    assert_eq!(kiosk.fullscreen, Some(true));
    assert_eq!(
        kiosk.decorations,
        Some(false),
        "no frame, so no close button"
    );
    assert_eq!(kiosk.monitor, Some(1));
    assert_eq!(kiosk.window_level, Some(egui::WindowLevel::AlwaysOnTop));
}

/// The clock runs on, one tick a 100 ms step, with nobody touching the screen.
fn idle(w: &mut Walk, secs: u64) {
    for _ in 0..secs * 10 {
        w.b.borrow_mut().send(Event::Tick);
    }
    w.h.run();
}

#[test]
fn an_idle_visit_and_an_idle_language_return_to_the_start() {
    let mut w = Walk::new(PATIENT_SIZE, PatientLook::default(), Lang::Ja);
    // Someone taps English and walks away: the next patient finds Japanese.
    w.tap(Lang::En.native_name());
    idle(&mut w, 61);
    assert_eq!(w.b.borrow().flow().lang(), Lang::Ja);
    assert!(
        w.h.query_by_label(i18n::text(Lang::Ja, Text::WaitingTitle))
            .is_some()
    );
    // A patient leaves in the middle of a visit: the visit ends, and the screen starts over
    // once the card is taken.
    w.tap(Lang::En.native_name());
    w.card(PinStatus::TriesLeft(3));
    idle(&mut w, 61);
    assert!(matches!(w.stage(), Stage::TakeCard { trouble: Some(_) }));
    w.check("take_card_timed_out");
    w.event(Event::CardRemoved);
    assert!(matches!(w.stage(), Stage::Waiting { .. }));
    assert_eq!(w.b.borrow().flow().lang(), Lang::Ja);
}

#[test]
fn the_camera_view_is_masked_to_the_oval_and_its_guide_follows_the_guidance() {
    let look = PatientLook::default();
    let mut w = Walk::new(PATIENT_SIZE, look, Lang::Ja);
    // A 顔認証マイナンバーカード (PIN locked at issue) goes straight to face.
    w.card(PinStatus::Locked);
    w.tap_text(Text::ChooseFace);
    w.event(Event::VerificationNumber(
        VerificationNumberB::new("55021720352285").unwrap(),
    ));
    let v = w.visit();
    w.event(Event::PhotoRead(
        v,
        Ok(CardPhoto(Zeroizing::new(vec![0; 16]))),
    ));
    // One plain colour from the camera, so what shows of it is easy to tell.
    let camera = [30u8, 160, 60];
    let (cw, ch) = (64, 48);
    w.b.borrow_mut().set_preview(Some(Arc::new(PreviewFrame {
        width: cw,
        height: ch,
        rgb: camera.repeat(cw * ch),
        seq: 1,
    })));
    let near = |got: [u8; 4], want: [u8; 3]| (0..3).all(|i| got[i].abs_diff(want[i]) <= 12);
    let rgb = |c: egui::Color32| [c.r(), c.g(), c.b()];
    let name = i18n::patient::picture(Lang::Ja, i18n::patient::Picture::CameraView);
    for (guidance, guide) in [
        (Guidance::MoveCloser, look.caution),
        (Guidance::Checking, look.good),
    ] {
        w.event(Event::FaceGuidance(v, guidance));
        let view = w.h.get_by_label(name).rect();
        let img = w.h.render().expect("rendered");
        let px = |p: egui::Pos2| img.get_pixel(p.x.round() as u32, p.y.round() as u32).0;
        let c = view.center();
        assert!(near(px(c), camera), "the face area shows the camera");
        for corner in [view.left_top(), view.right_bottom() - egui::vec2(1.0, 1.0)] {
            let inside = corner + (c - corner).normalized() * 3.0;
            assert!(
                near(px(inside), rgb(look.bg)),
                "outside the oval is masked: {:?}",
                px(inside)
            );
        }
        // Up from the centre, the first pixel that is not the camera is the guide's ring
        // (its stroke is a few pixels thick; the edge pixels are blended).
        let edge = (view.top() as u32..c.y as u32)
            .rev()
            .find(|y| !near(px(egui::pos2(c.x, *y as f32)), camera))
            .expect("the oval ends above the centre");
        let ring: Vec<[u8; 4]> = (edge.saturating_sub(6)..=edge)
            .map(|y| px(egui::pos2(c.x, y as f32)))
            .collect();
        assert!(
            ring.iter().any(|p| near(*p, rgb(guide))),
            "{guidance:?}: the guide is {ring:?}, not {guide:?}"
        );
    }
    w.b.borrow_mut().set_preview(None);
}
