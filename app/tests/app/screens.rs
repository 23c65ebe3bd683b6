//! The screens driven as a patient and a clerk would, by the labels on the buttons
//! (egui_kittest, headless wgpu): the PIN path to an 有効 result on the clerk console, the face
//! path, a PIN lock, a refused consent, and a snapshot of every patient stage in Japanese
//! (kittest fails on a missing glyph, so a font regression shows here). The workers are played
//! by the test: a scripted backend holds a real `Flow`, records its effects, and the test
//! answers them with the events the workers would send.

use egui::{Rect, Role, pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use eligibility::client::{CardProof, Eligibility};
use eligibility::codes::{AuthMethod, ConsentFlag, LimitConsent};
use eligibility::xml::QualificationResponse;
use face_match::{Guidance, Outcome};
use onshi::ui::{CLERK_SIZE, ClerkConsole, PATIENT_SIZE, PatientScreen};
use onshi_desk::flow::{
    CardPhoto, CardSummary, CentreTrouble, Effect, Event, FaceResult, FaceTrouble, Flow,
    InstitutionKind, PinAnswer, Settings, Stage, Trouble, VisitId,
};
use onshi_desk::port::{Backend, PreviewFrame};
use onshi_desk::testing::{Scripted, ScriptedDev};
use reader_driver::PinStatus;
use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;
use std::time::Duration;
use zeroize::Zeroizing;

pub(crate) type Shared = Rc<RefCell<Scripted>>;

/// Both screens over one scripted flow (also the other screen modules' desk).
pub(crate) struct Desk {
    pub(crate) b: Shared,
    pub(crate) patient: Harness<'static, (PatientScreen, Shared)>,
    pub(crate) clerk: Harness<'static, (ClerkConsole, Shared)>,
}

fn setup(ctx: &egui::Context) {
    onshi::ui::install_fonts(ctx);
    onshi::ui::install_style(ctx);
}

impl Desk {
    pub(crate) fn new(settings: Settings) -> Desk {
        // The flow's clock: 100 ms per event, so the log's times (and the snapshots) do not
        // depend on how fast the test runs.
        let b = Rc::new(RefCell::new(
            Scripted::new(Flow::new(settings)).stepped(Duration::from_millis(100)),
        ));
        let patient = Harness::builder()
            .with_size(PATIENT_SIZE)
            .with_context_setup(setup)
            .build_ui_state(
                |ui, (screen, b): &mut (PatientScreen, Shared)| {
                    // As `OnshiApp` shows it in its own window.
                    egui::CentralPanel::default()
                        .frame(egui::Frame::NONE)
                        .show(ui, |ui| {
                            screen.ui(ui, &mut *b.borrow_mut());
                        });
                },
                (PatientScreen::new(), b.clone()),
            );
        let clerk = Harness::builder()
            .with_size(CLERK_SIZE)
            .with_context_setup(setup)
            .build_ui_state(
                |ui, (console, b): &mut (ClerkConsole, Shared)| {
                    egui::CentralPanel::default()
                        .show(ui, |ui| console.ui(ui, &mut *b.borrow_mut()));
                },
                (ClerkConsole::new(onshi_desk::Lang::Ja), b.clone()),
            );
        let mut d = Desk { b, patient, clerk };
        d.worker(Event::Reader(onshi_desk::flow::ReaderStatus::Ready {
            name: "Virtual PCD 00 00".into(),
        }));
        d
    }

    fn medical() -> Desk {
        Desk::new(Settings::new(InstitutionKind::Medical))
    }

    /// A worker's answer (or the card watcher), then both screens redrawn.
    pub(crate) fn worker(&mut self, e: Event) {
        self.b.borrow_mut().send(e);
        self.run();
    }

    /// Redraws both screens; the patient's again, as the clerk's input may have moved the flow.
    pub(crate) fn run(&mut self) {
        self.patient.run();
        self.clerk.run();
        self.patient.run();
    }

    /// The clerk presses a button (or ticks a box) by its label.
    pub(crate) fn clerk_tap(&mut self, label: &str) {
        self.clerk.get_by_label(label).click();
        self.run();
    }

    pub(crate) fn stage(&self) -> Stage {
        self.b.borrow().flow().stage().clone()
    }

    pub(crate) fn visit(&self) -> VisitId {
        self.b.borrow().flow().visit_id().expect("a visit")
    }

    pub(crate) fn take_effects(&mut self) -> Vec<Effect> {
        self.b.borrow_mut().take_effects()
    }

    /// The patient presses a button by its label.
    pub(crate) fn tap(&mut self, label: &str) {
        self.patient.get_by_label(label).click();
        self.run();
    }

    /// Puts a card with this PIN state on the reader and lets the card worker read it.
    pub(crate) fn insert(&mut self, pin: PinStatus) {
        self.worker(Event::CardInserted);
        assert!(matches!(
            self.take_effects().last(),
            Some(Effect::ReadCard(_))
        ));
        let v = self.visit();
        self.worker(Event::CardRead(
            v,
            Ok(CardSummary {
                pin,
                certificate_expires_soon: false,
            }),
        ));
    }

    fn type_pin(&mut self, digits: &str) {
        for d in digits.chars() {
            self.tap(&d.to_string());
        }
        self.tap("確定");
    }

    /// The patient agreed to 保険証利用登録: nonce and signature as the workers give them, the
    /// registration (agreement only) sent, and the centre's answer to it.
    fn register_agreed(&mut self, answer: Result<(), CentreTrouble>) {
        let v = self.visit();
        assert!(matches!(
            self.take_effects().as_slice(),
            [Effect::FetchNonce(_)]
        ));
        self.worker(Event::Nonce(v, Ok("bm9uY2U".into())));
        self.take_effects();
        self.worker(Event::Signed(
            v,
            Ok(CardProof {
                certificate_der: vec![0x30],
                nonce: "bm9uY2U".into(),
                signature: vec![1; 256],
                method: AuthMethod::Pin,
            }),
        ));
        assert!(
            matches!(
                self.take_effects().as_slice(),
                [Effect::Register { search: None, .. }]
            ),
            "the patient's yes alone goes to the centre"
        );
        self.worker(Event::Registered(v, answer));
    }

    /// Nonce, signature and the centre's answer, as the workers give them.
    fn sign_and_answer(&mut self, answer: Result<Box<Eligibility>, CentreTrouble>) -> Effect {
        let v = self.visit();
        assert!(matches!(
            self.take_effects().as_slice(),
            [Effect::FetchNonce(_)]
        ));
        self.worker(Event::Nonce(v, Ok("bm9uY2U".into())));
        self.take_effects();
        self.worker(Event::Signed(
            v,
            Ok(CardProof {
                certificate_der: vec![0x30],
                nonce: "bm9uY2U".into(),
                signature: vec![1; 256],
                method: AuthMethod::Pin,
            }),
        ));
        let mut fx = self.take_effects();
        assert_eq!(fx.len(), 1, "one query");
        let query = fx.remove(0);
        self.worker(Event::Checked(v, answer));
        query
    }

    fn assert_patient_shows(&self, text: &str) {
        assert!(
            self.patient
                .query_all_by_label_contains(text)
                .next()
                .is_some(),
            "the patient screen should show 「{text}」 at {:?}",
            self.stage()
        );
    }

    /// Every button on the patient screen lies inside the 800x480 window.
    fn assert_buttons_inside(&self) {
        let window = Rect::from_min_size(pos2(0.0, 0.0), PATIENT_SIZE);
        let buttons: Vec<_> = self.patient.query_all_by_role(Role::Button).collect();
        assert!(!buttons.is_empty(), "the language button at least");
        for b in buttons {
            let r = b.rect();
            assert!(
                window.expand(0.5).contains_rect(r),
                "button {b:?} at {r:?} is cut off at {:?}",
                self.stage()
            );
            assert!(
                r.height() >= 63.5,
                "button {b:?} is only {} px high",
                r.height()
            );
        }
    }

    /// No two buttons on the patient screen overlap (a pad key under the button row, say).
    fn assert_buttons_apart(&self) {
        let rects: Vec<(String, Rect)> = self
            .patient
            .query_all_by_role(Role::Button)
            .map(|b| (format!("{b:?}"), b.rect()))
            .collect();
        for (i, (a, ra)) in rects.iter().enumerate() {
            for (b, rb) in &rects[i + 1..] {
                assert!(
                    !ra.shrink(0.5).intersects(rb.shrink(0.5)),
                    "{a} and {b} overlap at {:?}",
                    self.stage()
                );
            }
        }
    }

    fn snap(&mut self, name: &str) {
        self.assert_buttons_apart();
        self.assert_buttons_inside();
        self.patient.snapshot(format!("patient_{name}"));
    }
}

/// Both harnesses' snapshot results as one, so a failed snapshot fails the test once.
impl Drop for Desk {
    fn drop(&mut self) {
        let mut all = self.patient.take_snapshot_results();
        all.extend(self.clerk.take_snapshot_results());
        let errors = all.into_inner();
        if !errors.is_empty() && !std::thread::panicking() {
            let list: Vec<String> = errors.iter().map(ToString::to_string).collect();
            panic!("snapshots differ:\n{}", list.join("\n"));
        }
    }
}

/// A 有効 answer of the centre (後期高齢者, 1割, 限度額 低所得Ⅱ, 特定疾病), read with the
/// eligibility crate's own parser.
pub(crate) fn valid_answer() -> Box<Eligibility> {
    const XML: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<XmlMsg><MessageHeader><ProcessExecutionTime>20261123101502</ProcessExecutionTime>
<QualificationConfirmationDate>20261123</QualificationConfirmationDate>
<MedicalInstitutionCode>1310000011</MedicalInstitutionCode><ReferenceClassification>1</ReferenceClassification>
<SegmentOfResult>1</SegmentOfResult><CharacterCodeIdentifier>0</CharacterCodeIdentifier></MessageHeader>
<MessageBody><ResultList><ResultOfQualificationConfirmation>
<InsuredCardClassification>01</InsuredCardClassification><InsurerNumber>39261003</InsurerNumber>
<InsuredIdentificationNumber>00012345</InsuredIdentificationNumber>
<PersonalFamilyClassification>1</PersonalFamilyClassification><Name>山﨑　トメ</Name>
<NameKana>ﾔﾏｻﾞｷ ﾄﾒ</NameKana><Sex1>2</Sex1><Birthdate>19440310</Birthdate>
<QualificationDate>20190310</QualificationDate><InsuredCardValidDate>20260801</InsuredCardValidDate>
<InsuredCardExpirationDate>20270731</InsuredCardExpirationDate>
<InsuredPartialContributionRatio>010</InsuredPartialContributionRatio>
<InsurerName>京都府後期高齢者医療広域連合</InsurerName>
<LimitApplicationCertificateRelatedConsFlg>1</LimitApplicationCertificateRelatedConsFlg>
<LimitApplicationCertificateRelatedConsTime>20261123101500</LimitApplicationCertificateRelatedConsTime>
<LimitApplicationCertificateRelatedInfo>
<LimitApplicationCertificateClassification>02</LimitApplicationCertificateClassification>
<LimitApplicationCertificateClassificationFlag>B05</LimitApplicationCertificateClassificationFlag>
<LimitApplicationCertificateValidStartDate>20260801</LimitApplicationCertificateValidStartDate>
<LimitApplicationCertificateValidEndDate>20270731</LimitApplicationCertificateValidEndDate>
</LimitApplicationCertificateRelatedInfo>
<SpecificDiseasesCertificateRelatedConsFlg>1</SpecificDiseasesCertificateRelatedConsFlg>
<SpecificDiseasesCertificateList><SpecificDiseasesCertificateInfo>
<SpecificDiseasesDiseaseCategory>1</SpecificDiseasesDiseaseCategory>
</SpecificDiseasesCertificateInfo></SpecificDiseasesCertificateList>
<PharmacistsInfoConsFlg>1</PharmacistsInfoConsFlg><PharmacistsInfoConsTime>20261123101500</PharmacistsInfoConsTime>
<SpecificHealthCheckupsInfoConsFlg>1</SpecificHealthCheckupsInfoConsFlg>
<SpecificHealthCheckupsInfoConsTime>20261123101500</SpecificHealthCheckupsInfoConsTime>
</ResultOfQualificationConfirmation></ResultList>
<ProcessingResultStatus>1</ProcessingResultStatus><QualificationValidity>1</QualificationValidity>
</MessageBody></XmlMsg>"#;
    let r: QualificationResponse = eligibility::xml::from_xml(XML.as_bytes()).expect("sample");
    let b = &r.body;
    let results = b.result_list.clone().map(|l| l.items).unwrap_or_default();
    let verdict = eligibility::client::verdict(
        &b.processing_result_status,
        &b.qualification_validity,
        &b.processing_result_code,
        &b.processing_result_message,
        results.first(),
    );
    Box::new(Eligibility {
        verdict,
        validity: b.qualification_validity.clone(),
        results,
        response: r,
    })
}

#[test]
fn pin_path_ends_with_a_valid_result_on_the_clerk_console() {
    let mut d = Desk::medical();
    d.assert_patient_shows("マイナンバーカードを置いてください");
    d.insert(PinStatus::TriesLeft(3));
    d.assert_patient_shows("本人確認の方法を選んでください");
    d.tap("暗証番号");
    // Tries left are shown before anything is typed.
    d.assert_patient_shows("あと3回まで入力できます");
    assert!(d.patient.query_by_label("●●○○").is_none());
    d.tap("1");
    d.tap("2");
    d.assert_patient_shows("●●○○");
    d.tap("訂正");
    d.assert_patient_shows("○○○○");
    d.type_pin("1234");
    assert_eq!(d.patient.state().0.pin_len(), 0, "digits wiped once sent");
    let fx = d.take_effects();
    assert!(
        matches!(fx.as_slice(), [Effect::VerifyPin(..)]),
        "one VERIFY: {fx:?}"
    );
    assert!(matches!(d.stage(), Stage::PinChecking));
    let v = d.visit();
    d.worker(Event::PinChecked(v, PinAnswer::Verified));
    // 医科 defaults: 薬剤, 特定健診, then 限度額.
    d.assert_patient_shows("お薬の情報");
    d.tap("同意する");
    d.assert_patient_shows("健診結果");
    d.tap("同意する");
    d.assert_patient_shows("限度額適用認定証");
    d.tap("提供する");
    let query = d.sign_and_answer(Ok(valid_answer()));
    let Effect::Query { consent, .. } = query else {
        panic!("expected the query, got {query:?}");
    };
    assert_eq!(consent.pharmacists, Some(ConsentFlag::Yes));
    assert_eq!(consent.limit, Some(LimitConsent::Agreed));
    d.assert_patient_shows("カードをお取りください");
    d.assert_patient_shows("受付が完了しました");

    // The clerk's view: the badge in words, and the qualification's fields.
    assert!(
        d.clerk.query_by_label("有効").is_some(),
        "the badge says 有効"
    );
    for text in [
        "山﨑　トメ",
        "ﾔﾏｻﾞｷ ﾄﾒ",
        "1944/03/10",
        "女",
        "京都府後期高齢者医療広域連合",
        "本人",
        "2019/03/10",
        "2027/07/31",
        "1割",
        "低所得Ⅱ",
        "人工透析を要する慢性腎不全",
        "同意あり（2026/11/24 10:15まで）",
        "提供する",
        "暗証番号を確認しました",
    ] {
        assert!(
            d.clerk.query_all_by_label_contains(text).next().is_some(),
            "the clerk console should show 「{text}」"
        );
    }
    d.clerk.snapshot("clerk_result_valid");

    d.worker(Event::CardRemoved);
    d.assert_patient_shows("マイナンバーカードを置いてください");
}

#[test]
fn face_path_from_the_clerks_number_to_the_live_view_and_a_retry() {
    let mut d = Desk::medical();
    // A 顔認証マイナンバーカード: its PIN is locked at issue.
    d.insert(PinStatus::Locked);
    d.assert_patient_shows("このカードでは暗証番号は使えません");
    assert!(
        d.patient.query_by_label("暗証番号").is_none(),
        "no PIN button"
    );
    d.tap("顔認証");
    d.assert_patient_shows("職員がカードの券面を確認します");
    assert!(
        d.clerk
            .query_by_label_contains("照合番号Bの入力を待っています")
            .is_some()
    );

    // The clerk keys 照合番号B (masked) and sends it with Enter.
    let field = d.clerk.get_by_label("照合番号B（14桁）");
    field.focus();
    field.type_text("55021720352285");
    d.clerk.run();
    assert!(
        d.clerk.query_by_value("55021720352285").is_none(),
        "the number is masked"
    );
    d.clerk_tap("送信");
    let fx = d.take_effects();
    assert!(matches!(fx.as_slice(), [Effect::ReadPhoto(..)]), "{fx:?}");
    let v = d.visit();
    d.worker(Event::PhotoRead(
        v,
        Ok(CardPhoto(Zeroizing::new(vec![0; 16]))),
    ));
    assert!(matches!(
        d.take_effects().as_slice(),
        [Effect::StartFace(..)]
    ));

    // The live view: a camera frame and the face worker's hint.
    let (w, h) = (160, 120);
    let mut rgb = vec![0u8; w * h * 3];
    for (i, px) in rgb.chunks_mut(3).enumerate() {
        let x = i % w;
        px.copy_from_slice(&[(x * 255 / w) as u8, 120, 160]);
    }
    d.b.borrow_mut().set_preview(Some(Arc::new(PreviewFrame {
        width: w,
        height: h,
        rgb,
        seq: 1,
    })));
    d.worker(Event::FaceGuidance(v, Guidance::MoveCloser));
    d.assert_patient_shows("近づいてください");
    assert!(d.patient.state().0.holds_camera_frame());
    d.snap("face_live");

    d.worker(Event::FaceDone(
        v,
        FaceResult {
            outcome: Outcome::NoMatch,
            score: Some(0.1),
            attempts_left: 2,
        },
    ));
    d.assert_patient_shows("顔認証ができませんでした");
    d.assert_patient_shows("顔認証はあと2回できます");
    d.tap("もう一度");
    assert!(matches!(
        d.take_effects().as_slice(),
        [Effect::RetryFace(_)]
    ));
    d.worker(Event::FaceDone(
        v,
        FaceResult {
            outcome: Outcome::Match,
            score: Some(0.6),
            attempts_left: 2,
        },
    ));
    d.assert_patient_shows("お薬の情報");
    assert!(
        !d.patient.state().0.holds_camera_frame(),
        "the camera frame is dropped once the face check is over"
    );
    d.b.borrow_mut().set_preview(None);
}

#[test]
fn a_pin_lock_warns_before_the_last_try_and_offers_face() {
    let mut d = Desk::medical();
    d.insert(PinStatus::TriesLeft(1));
    d.tap("暗証番号");
    d.assert_patient_shows("暗証番号の入力は、あと1回です");
    d.assert_patient_shows("市区町村の窓口");
    assert!(
        d.patient.query_by_label("1").is_none(),
        "no pad before the warning is read"
    );
    d.tap("入力する");
    d.assert_patient_shows("あと1回まで入力できます");
    d.type_pin("9999");
    let v = d.visit();
    d.worker(Event::PinChecked(v, PinAnswer::Locked));
    d.assert_patient_shows("暗証番号がロックされています");
    d.tap("顔認証にする");
    assert!(matches!(d.stage(), Stage::FaceNumber { .. }));
}

#[test]
fn a_refused_consent_is_not_requested_from_the_centre() {
    let mut d = Desk::medical();
    d.insert(PinStatus::TriesLeft(3));
    d.tap("暗証番号");
    d.type_pin("1234");
    let v = d.visit();
    d.take_effects();
    d.worker(Event::PinChecked(v, PinAnswer::Verified));
    d.tap("同意しない");
    d.tap("同意しない");
    d.tap("提供しない");
    let Effect::Query { consent, .. } = d.sign_and_answer(Ok(valid_answer())) else {
        panic!("expected the query");
    };
    assert_eq!(consent.pharmacists, Some(ConsentFlag::No));
    assert_eq!(consent.checkups, Some(ConsentFlag::No));
    assert_eq!(consent.limit, Some(LimitConsent::NotAgreed));
    // The result's consent rows (the log says it too, in longer lines).
    assert_eq!(d.clerk.query_all_by_label("同意しない").count(), 2);
    assert_eq!(d.clerk.query_all_by_label("提供しない").count(), 1);
}

#[test]
fn the_clerk_confirms_a_visual_check_and_cancels_a_visit() {
    let mut d = Desk::medical();
    d.clerk_tap("目視確認モード");
    assert!(d.b.borrow().flow().visual_mode());
    d.insert(PinStatus::Locked);
    d.tap("職員が確認");
    d.clerk_tap("本人確認しました (F9)");
    d.assert_patient_shows("お薬の情報");
    d.clerk_tap("受付を中止 (Esc)");
    d.assert_patient_shows("カードをお取りください");
    d.assert_patient_shows("職員が受付を中止しました");
    assert!(
        d.clerk.query_by_label("エラー").is_some(),
        "the badge says エラー"
    );
    assert!(
        d.clerk
            .query_all_by_label_contains("職員が受付を中止しました")
            .next()
            .is_some(),
        "and why"
    );
    d.clerk.snapshot("clerk_result_cancelled");
}

#[test]
fn the_patient_switches_to_english_and_back() {
    let mut d = Desk::medical();
    d.tap("English");
    d.assert_patient_shows("Please place your My Number Card");
    d.insert(PinStatus::TriesLeft(3));
    d.tap("PIN");
    d.assert_patient_shows("3 tries left");
    d.tap("日本語");
    d.assert_patient_shows("あと3回まで入力できます");
}

#[test]
fn the_clerk_keys_the_numbers_when_the_centre_cannot_register_by_the_patients_yes() {
    let mut d = Desk::medical();
    d.insert(PinStatus::TriesLeft(3));
    d.tap("暗証番号");
    d.type_pin("1234");
    let v = d.visit();
    d.take_effects();
    d.worker(Event::PinChecked(v, PinAnswer::Verified));
    d.tap("同意する");
    d.tap("同意する");
    d.tap("提供する");
    let mut not_registered = *valid_answer();
    not_registered.verdict = eligibility::Verdict::Error {
        code: Some(onshi_desk::flow::NOT_REGISTERED_CODE.into()),
        message: None,
    };
    d.sign_and_answer(Ok(Box::new(not_registered)));
    d.assert_patient_shows("健康保険証として登録されていません");
    d.snap("register_offer");
    d.tap("登録する");
    d.register_agreed(Err(CentreTrouble::Rejected {
        code: onshi_desk::flow::REGISTRATION_NOT_FOUND_CODE.into(),
        message: String::new(),
    }));
    d.assert_patient_shows("職員が保険証の番号を入力します");
    // The console says why the numbers are asked for.
    d.clerk
        .get_by_label_contains("保険者の記録でご本人が見つかりませんでした");
    for (label, value) in [
        ("保険者番号", "39261003"),
        ("番号", "00012345"),
        ("生年月日", "19440310"),
    ] {
        let f = d.clerk.get_by_label(label);
        f.focus();
        f.type_text(value);
        d.clerk.run();
    }
    d.clerk_tap("送信");
    assert!(matches!(d.stage(), Stage::Confirming), "{:?}", d.stage());
    assert!(matches!(
        d.take_effects().as_slice(),
        [Effect::FetchNonce(_)]
    ));
}

/// One snapshot of every patient stage, in Japanese, each checked for cut-off buttons.
#[test]
fn every_patient_stage_in_japanese() {
    // Every question offered, so each consent screen shows up.
    let mut settings = Settings::new(InstitutionKind::Medical);
    settings.offer.diagnosis = true;
    settings.offer.surgery = true;
    let mut d = Desk::new(settings);
    d.snap("waiting");
    d.worker(Event::CardInserted);
    d.snap("reading");
    let v = d.visit();
    d.worker(Event::CardRead(
        v,
        Ok(CardSummary {
            pin: PinStatus::TriesLeft(2),
            certificate_expires_soon: true,
        }),
    ));
    d.snap("choose_method");
    d.tap("暗証番号");
    d.tap("5");
    d.snap("pin");
    d.tap("5");
    d.tap("5");
    d.tap("5");
    d.tap("確定");
    d.snap("pin_checking");
    d.worker(Event::PinChecked(v, PinAnswer::Wrong { tries_left: 1 }));
    d.snap("pin_last_try");
    d.tap("入力する");
    d.snap("pin_wrong");
    d.type_pin("5555");
    d.worker(Event::PinChecked(v, PinAnswer::Locked));
    d.snap("pin_locked");
    d.tap("顔認証にする");
    d.snap("face_number");
    d.b.borrow_mut().send(Event::VerificationNumber(
        reader_driver::VerificationNumberB::new("55021720352285").unwrap(),
    ));
    d.run();
    d.snap("face_photo");
    d.worker(Event::PhotoRead(
        v,
        Ok(CardPhoto(Zeroizing::new(vec![0; 16]))),
    ));
    d.snap("face_live_no_camera");
    d.worker(Event::FaceDone(
        v,
        FaceResult {
            outcome: Outcome::TimedOut,
            score: None,
            attempts_left: 0,
        },
    ));
    d.snap("face_failed");
    d.worker(Event::Tick);
    // Another visit for the remaining stages, with 目視 switched on.
    d.worker(Event::CardRemoved);
    d.snap("waiting_notice");
    d.b.borrow_mut().send(Event::VisualMode(true));
    d.insert(PinStatus::TriesLeft(3));
    d.tap("顔認証");
    d.b.borrow_mut().send(Event::VerificationNumber(
        reader_driver::VerificationNumberB::new("55021720352285").unwrap(),
    ));
    let v = d.visit();
    d.worker(Event::PhotoRead(
        v,
        Ok(CardPhoto(Zeroizing::new(vec![0; 16]))),
    ));
    d.worker(Event::FaceFailed(v, FaceTrouble::Camera));
    d.snap("face_unavailable");
    d.tap("職員が確認する");
    d.snap("visual");
    d.b.borrow_mut().send(Event::VisualConfirmed);
    d.run();
    d.snap("consent_drug_diagnosis");
    d.tap("同意する");
    d.snap("consent_checkup");
    d.tap("同意する");
    d.snap("consent_surgery");
    d.tap("同意しない");
    d.snap("consent_limit");
    d.tap("提供する");
    d.snap("confirming");
    d.take_effects();
    d.worker(Event::Nonce(v, Ok("bm9uY2U".into())));
    d.worker(Event::Signed(
        v,
        Ok(CardProof {
            certificate_der: vec![0x30],
            nonce: "bm9uY2U".into(),
            signature: vec![1; 256],
            method: AuthMethod::Visual,
        }),
    ));
    d.snap("querying");
    let mut not_registered = *valid_answer();
    not_registered.verdict = eligibility::Verdict::Error {
        code: Some(onshi_desk::flow::NOT_REGISTERED_CODE.into()),
        message: None,
    };
    d.worker(Event::Checked(v, Ok(Box::new(not_registered))));
    d.take_effects();
    d.tap("登録する");
    d.register_agreed(Err(CentreTrouble::Rejected {
        code: onshi_desk::flow::REGISTRATION_NOT_FOUND_CODE.into(),
        message: String::new(),
    }));
    d.snap("register_details");
    d.b.borrow_mut().send(Event::ClerkCancel);
    d.run();
    d.snap("take_card_cancelled");
    assert!(matches!(
        d.stage(),
        Stage::TakeCard {
            trouble: Some(Trouble::CancelledByClerk)
        }
    ));
    d.worker(Event::CardRemoved);
    d.insert(PinStatus::TriesLeft(3));
    d.tap("暗証番号");
    d.type_pin("1234");
    let v = d.visit();
    d.take_effects();
    d.worker(Event::PinChecked(v, PinAnswer::Verified));
    for _ in 0..3 {
        d.tap("同意する");
    }
    d.tap("提供する");
    d.sign_and_answer(Ok(valid_answer()));
    d.snap("take_card_done");
}

#[test]
fn english_buttons_fit_the_patient_screen() {
    let mut d = Desk::medical();
    d.clerk_tap("目視確認モード");
    d.tap("English");
    d.assert_buttons_inside();
    d.insert(PinStatus::TriesLeft(3));
    // Stop + face + PIN + staff: the widest row.
    d.assert_patient_shows("How would you like to confirm who you are?");
    d.assert_buttons_inside();
    d.tap("Face recognition");
    d.b.borrow_mut().send(Event::VerificationNumber(
        reader_driver::VerificationNumberB::new("55021720352285").unwrap(),
    ));
    let v = d.visit();
    d.worker(Event::PhotoRead(
        v,
        Ok(CardPhoto(Zeroizing::new(vec![0; 16]))),
    ));
    d.worker(Event::FaceDone(
        v,
        FaceResult {
            outcome: Outcome::NoMatch,
            score: Some(0.1),
            attempts_left: 1,
        },
    ));
    d.assert_patient_shows("Your face did not match the card photo");
    d.assert_buttons_inside();
    d.tap("Check by staff");
    d.clerk_tap("本人確認しました (F9)");
    d.assert_buttons_inside();
    d.tap("I do not agree");
    d.tap("I do not agree");
    d.assert_patient_shows("ceiling");
    d.assert_buttons_inside();
    d.tap("Do not provide");
    assert!(matches!(d.stage(), Stage::Confirming));
}

#[test]
fn the_clerk_keys_number_b_by_its_parts_after_a_wrong_number() {
    let mut d = Desk::medical();
    d.insert(PinStatus::Locked);
    d.tap("顔認証");
    let v = d.visit();
    d.b.borrow_mut().send(Event::VerificationNumber(
        reader_driver::VerificationNumberB::new("00000000000000").unwrap(),
    ));
    d.take_effects();
    d.worker(Event::PhotoRead(
        v,
        Err(onshi_desk::flow::CardTrouble::WrongVerificationNumber { tries_left: 2 }),
    ));
    assert!(
        d.clerk
            .query_by_label_contains("あと2回まで入力できます")
            .is_some(),
        "the clerk sees the tries left"
    );
    d.clerk_tap("生年月日・有効期限・セキュリティコードで入力");
    for (label, value) in [
        ("生年月日（西暦 YYYYMMDD）", "19800217"),
        ("有効期限の年（西暦4桁）", "2035"),
        ("セキュリティコード（4桁）", "2285"),
    ] {
        let f = d.clerk.get_by_label(label);
        f.focus();
        f.type_text(value);
        d.clerk.run();
    }
    d.clerk_tap("送信");
    let fx = d.take_effects();
    assert!(matches!(fx.as_slice(), [Effect::ReadPhoto(..)]), "{fx:?}");
    assert!(matches!(d.stage(), Stage::FacePhoto));
}

#[test]
fn the_developer_panel_inserts_removes_and_switches_the_feed() {
    let backend =
        Scripted::new(Flow::new(Settings::new(InstitutionKind::Medical))).with_dev(ScriptedDev {
            personas: vec![
                (
                    "tome".into(),
                    "山﨑トメ（後期高齢）".into(),
                    "Tome (elderly)".into(),
                ),
                (
                    "face".into(),
                    "顔認証カード".into(),
                    "Face-only card".into(),
                ),
            ],
            inserted: None,
            feeds: vec!["genuine".into(), "impostor".into(), "noface".into()],
            feed: "genuine".into(),
        });
    let mut h = Harness::builder()
        .with_size(egui::vec2(1280.0, 80.0))
        .with_context_setup(setup)
        .build_ui_state(
            |ui, b: &mut Scripted| onshi::ui::dev::dev_panel_ui(ui, b, onshi_desk::Lang::Ja),
            backend,
        );
    h.run();
    h.get_by_label("山﨑トメ（後期高齢）").click();
    h.run();
    assert_eq!(
        h.state().double::<ScriptedDev>().inserted.as_deref(),
        Some("tome")
    );
    h.get_by_label("impostor").click();
    h.run();
    assert_eq!(h.state().double::<ScriptedDev>().feed, "impostor");
    h.get_by_label("カードを取り出す").click();
    h.run();
    assert_eq!(h.state().double::<ScriptedDev>().inserted, None);
}

#[test]
fn a_mistyped_number_b_is_refused_on_the_console_and_not_sent() {
    let mut d = Desk::medical();
    d.insert(PinStatus::Locked);
    d.tap("顔認証");
    d.take_effects();
    let field = d.clerk.get_by_label("照合番号B（14桁）");
    field.focus();
    field.type_text("5502172035228");
    d.clerk.run();
    d.clerk_tap("送信");
    assert!(d.take_effects().is_empty(), "nothing goes to the card");
    assert!(
        d.clerk
            .query_by_label_contains("照合番号Bの形式が違います")
            .is_some()
    );
    assert!(matches!(d.stage(), Stage::FaceNumber { .. }));
}

#[test]
fn the_clerk_console_reads_in_english_too() {
    let mut d = Desk::medical();
    let b = d.b.clone();
    let mut clerk = Harness::builder()
        .with_size(CLERK_SIZE)
        .with_context_setup(setup)
        .build_ui_state(
            move |ui, console: &mut ClerkConsole| {
                egui::CentralPanel::default().show(ui, |ui| console.ui(ui, &mut *b.borrow_mut()));
            },
            ClerkConsole::new(onshi_desk::Lang::En),
        );
    d.insert(PinStatus::TriesLeft(3));
    d.tap("暗証番号");
    d.type_pin("1234");
    let v = d.visit();
    d.take_effects();
    d.worker(Event::PinChecked(v, PinAnswer::Verified));
    d.tap("同意する");
    d.tap("同意する");
    d.tap("提供する");
    d.sign_and_answer(Ok(valid_answer()));
    clerk.run();
    for text in [
        "VALID",
        "Co-payment",
        "10 %",
        "low income II",
        "given (until 2026/11/24 10:15)",
    ] {
        assert!(
            clerk.query_all_by_label_contains(text).next().is_some(),
            "the English console should show {text:?}"
        );
    }
}

/// The reception tab by key: F9 confirms 目視 when the flow waits for it; Esc asks before
/// cancelling, and Esc / N keep the visit while Enter / Y cancel it, as the button does.
#[test]
fn the_clerk_confirms_visual_and_cancels_a_visit_by_key() {
    let mut d = Desk::medical();
    d.clerk_tap("目視確認モード");
    d.insert(PinStatus::Locked);
    // F9 before the flow waits for 目視 does nothing.
    d.clerk.key_press(egui::Key::F9);
    d.run();
    assert!(!matches!(d.stage(), Stage::Visual));
    d.tap("職員が確認");
    assert!(matches!(d.stage(), Stage::Visual));
    d.clerk.key_press(egui::Key::F9);
    d.run();
    d.assert_patient_shows("お薬の情報");
    let consenting = d.stage();

    // Esc asks; Esc again keeps the visit.
    let dialog = "受付を中止しますか？";
    assert!(d.clerk.query_by_label(dialog).is_none());
    d.clerk.key_press(egui::Key::Escape);
    d.run();
    assert!(d.clerk.query_by_label(dialog).is_some(), "Esc asks first");
    assert_eq!(d.stage(), consenting, "nothing cancelled yet");
    d.clerk.key_press(egui::Key::Escape);
    d.run();
    assert!(d.clerk.query_by_label(dialog).is_none());
    assert_eq!(d.stage(), consenting, "Esc in the dialog keeps the visit");
    // N keeps it too.
    d.clerk.key_press(egui::Key::Escape);
    d.run();
    d.clerk.key_press(egui::Key::N);
    d.run();
    assert!(d.clerk.query_by_label(dialog).is_none());
    assert_eq!(d.stage(), consenting, "N keeps the visit");
    d.assert_patient_shows("お薬の情報");

    // Enter cancels: the flow gets the clerk's cancel, as from the button.
    d.clerk.key_press(egui::Key::Escape);
    d.run();
    assert!(d.clerk.query_by_label(dialog).is_some());
    d.clerk.key_press(egui::Key::Enter);
    d.run();
    assert_eq!(
        d.stage(),
        Stage::TakeCard {
            trouble: Some(Trouble::CancelledByClerk)
        }
    );
    d.assert_patient_shows("職員が受付を中止しました");
    assert!(d.clerk.query_by_label(dialog).is_none());

    // The next visit, cancelled with Y.
    d.worker(Event::CardRemoved);
    d.insert(PinStatus::TriesLeft(3));
    assert!(d.b.borrow().flow().visit_id().is_some());
    d.clerk.key_press(egui::Key::Escape);
    d.run();
    d.clerk.key_press(egui::Key::Y);
    d.run();
    assert_eq!(
        d.stage(),
        Stage::TakeCard {
            trouble: Some(Trouble::CancelledByClerk)
        }
    );
}

/// Issue 13: the card refused a number read from the card front. The console shows what was
/// read next to the keying field, to check against the card in hand (birth date as printed,
/// expiry year, the security code masked), with the tries left; the patient screen shows none
/// of it, and it is gone with the visit.
#[test]
fn a_refused_card_front_reading_is_shown_masked_next_to_the_keying() {
    use onshi_desk::flow::{Calendar, CardTrouble, Era, FrontUpdate, MaskedReading};
    let mut settings = Settings::new(InstitutionKind::Medical);
    settings.card_front = true;
    let mut d = Desk::new(settings);
    d.insert(PinStatus::Locked);
    d.tap("顔認証");
    let v = d.visit();
    assert!(matches!(d.take_effects()[..], [Effect::ReadFront(w)] if w == v));
    let number = reader_driver::VerificationNumberB::new("55021720311234").unwrap();
    let born = time::Date::from_calendar_date(1980, time::Month::February, 17).unwrap();
    let shown = MaskedReading::new(Calendar::Era(Era::Showa), born, 2031);
    d.worker(Event::FrontRead(v, FrontUpdate::Certain(number, shown)));
    assert!(matches!(d.take_effects()[..], [Effect::ReadPhoto(..)]));
    d.worker(Event::PhotoRead(
        v,
        Err(CardTrouble::WrongVerificationNumber { tries_left: 9 }),
    ));
    let line = "読み取った内容（カードと照合してください）: 生年月日 昭和55年2月17日 / \
                有効期限 2031年 / セキュリティコード ●●●●";
    assert!(
        d.clerk.query_by_label(line).is_some(),
        "the console should show the masked reading"
    );
    assert!(
        d.clerk
            .query_by_label_contains("あと9回まで入力できます")
            .is_some(),
        "with the tries left"
    );
    // Next to the keying field (`get_by_label` fails the test if it is not there).
    d.clerk.get_by_label("照合番号B（14桁）");
    for secret in ["1234", "55021720311234"] {
        assert!(
            d.clerk.query_all_by_label_contains(secret).next().is_none(),
            "{secret} on the console"
        );
    }
    assert!(
        d.patient
            .query_all_by_label_contains("昭和55年")
            .next()
            .is_none(),
        "the patient screen shows nothing of the reading"
    );
    d.worker(Event::CardRemoved);
    assert!(
        d.clerk
            .query_all_by_label_contains("読み取った内容")
            .next()
            .is_none()
    );
}

#[test]
fn a_card_left_after_the_visit_is_called_out_on_the_console_until_it_is_taken() {
    let mut settings = Settings::new(InstitutionKind::Medical);
    // The scripted clock moves 100 ms per event: a short wait keeps the test short.
    settings.timeouts.card_left = Duration::from_millis(500);
    let mut d = Desk::new(settings);
    d.insert(PinStatus::TriesLeft(3));
    d.tap("暗証番号");
    d.type_pin("1234");
    let v = d.visit();
    d.take_effects();
    d.worker(Event::PinChecked(v, PinAnswer::Verified));
    d.tap("同意する");
    d.tap("同意する");
    d.tap("提供する");
    d.sign_and_answer(Ok(valid_answer()));
    assert!(matches!(d.stage(), Stage::TakeCard { trouble: None }));
    assert!(d.clerk.query_by_label("カードが残っています").is_none());
    for _ in 0..5 {
        d.worker(Event::Tick);
    }
    d.clerk.get_by_label("カードが残っています");
    assert!(
        d.take_effects().iter().any(|e| matches!(e, Effect::Chime)),
        "a chime"
    );
    d.assert_patient_shows("カードをお取りください");
    d.worker(Event::CardRemoved);
    assert!(d.clerk.query_by_label("カードが残っています").is_none());
}
