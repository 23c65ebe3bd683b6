//! Issue 16's reception on the screens, driven as a clerk and a patient would, by the labels on
//! the buttons: a generic card reader's visit from the clerk console alone (the keypad dialog
//! with the tries left, one VERIFY per 確定, 目視 offered, the paper consent form made 0600 and
//! removed once recorded, the ticks becoming the query's consents), the readers' current flow
//! with the 処方箋 choice on the patient screen, and the console's count of failed face
//! matches. The workers are played by the test through the scripted backend.

use egui_kittest::kittest::Queryable;
use eligibility::client::CardProof;
use eligibility::codes::{AuthMethod, ConsentFlag, LimitConsent, PrescriptionIssue};
use face_match::Outcome;
use onshi_desk::flow::{
    CardPhoto, Effect, Event, FaceResult, FlowKind, InstitutionKind, Method, PinAnswer, Question,
    ReaderKind, Settings, Stage,
};
use reader_driver::{PinStatus, VerificationNumberB};
use zeroize::Zeroizing;

use crate::screens::Desk;

/// What these tests ask of the shared desk beyond `screens`' own.
impl Desk {
    fn clerk_shows(&self, text: &str) -> bool {
        self.clerk
            .query_all_by_label_contains(text)
            .next()
            .is_some()
    }

    /// Nonce and signature as the workers give them; returns the query the flow sent.
    fn sign(&mut self, method: AuthMethod) -> Effect {
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
                method,
            }),
        ));
        let mut fx = self.take_effects();
        assert_eq!(fx.len(), 1, "one query");
        fx.remove(0)
    }
}

fn generic_clinic() -> Settings {
    Settings {
        reader: ReaderKind::Generic,
        face_available: false,
        prescriptions: true,
        ..Settings::new(InstitutionKind::Medical)
    }
}

#[test]
fn a_generic_readers_visit_is_driven_from_the_console_with_the_keypad_and_paper() {
    // The forms folder is the desk's data folder: a private one for this test.
    let data = tempfile::tempdir().unwrap();
    // SAFETY: nextest runs each test in a process of its own, and no other thread of this
    // test exists yet to read the environment.
    unsafe { std::env::set_var("XDG_DATA_HOME", data.path()) };

    let mut d = Desk::new(generic_clinic());
    d.insert(PinStatus::TriesLeft(3));
    assert!(d.clerk_shows("汎用カードリーダー"));
    d.clerk_tap("暗証番号（患者さんがキーパッドで入力）");
    // The tries left are on the dialog before the first digit.
    assert!(d.clerk_shows("あと3回まで入力できます"));
    d.clerk.snapshot("clerk_generic_keypad");
    for k in ["1", "2", "3", "4"] {
        d.clerk_tap(k);
    }
    d.clerk_tap("確定");
    let fx = d.take_effects();
    assert!(
        matches!(fx[..], [Effect::VerifyPin(..)]),
        "one VERIFY: {fx:?}"
    );
    assert_eq!(d.stage(), Stage::PinChecking);
    let v = d.visit();
    d.worker(Event::PinChecked(v, PinAnswer::Wrong { tries_left: 2 }));
    assert!(d.clerk_shows("暗証番号が違います"));
    assert!(d.clerk_shows("あと2回まで入力できます"));
    assert!(
        d.take_effects().is_empty(),
        "nothing is retried by the desk"
    );
    for k in ["4", "3", "2", "1"] {
        d.clerk_tap(k);
    }
    d.clerk_tap("確定");
    assert!(matches!(d.take_effects()[..], [Effect::VerifyPin(..)]));
    d.worker(Event::PinChecked(v, PinAnswer::Verified));

    // Consent on paper: the form with the name, then what the patient signed.
    assert!(matches!(d.stage(), Stage::PaperConsent { .. }));
    d.clerk_tap("患者さんの氏名（同意書に印字）");
    d.clerk
        .get_by_label("患者さんの氏名（同意書に印字）")
        .type_text("山田　花子");
    d.run();
    d.clerk_tap("診療・薬剤情報");
    d.clerk_tap("紙の処方箋");
    d.clerk.snapshot("clerk_generic_paper_consent");
    d.clerk_tap("同意書を作成して開く");
    let forms: Vec<_> = std::fs::read_dir(data.path().join("onshi/forms"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(forms.len(), 1, "one form for the visit");
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&forms[0]).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "the form holds the patient's name");
    }
    assert!(std::fs::read(&forms[0]).unwrap().starts_with(b"%PDF-"));
    assert!(d.clerk_shows("同意書を作成しました"));
    d.clerk_tap("記録して照会する");
    assert!(
        !forms[0].exists(),
        "the form is removed once the answers are recorded"
    );

    let Effect::Query { consent, .. } = d.sign(AuthMethod::Pin) else {
        panic!("the card query");
    };
    assert_eq!(consent.pharmacists, Some(ConsentFlag::Yes));
    assert_eq!(consent.checkups, Some(ConsentFlag::No));
    assert_eq!(consent.limit, Some(LimitConsent::NotAgreed));
    assert_eq!(consent.prescription_issue, Some(PrescriptionIssue::Paper));
}

#[test]
fn a_generic_reader_comes_to_the_front_and_offers_visual_when_the_pin_is_locked() {
    let mut d = Desk::new(generic_clinic());
    // The clerk is on another tab when the card comes: the reception tab comes to the front.
    d.clerk_tap("保険証で確認 F2");
    assert!(!d.clerk_shows("目視確認モード"));
    d.insert(PinStatus::Locked);
    assert!(d.clerk_shows("このカードでは暗証番号は使えません"));
    d.clerk_tap("目視で本人確認");
    assert_eq!(d.stage(), Stage::Visual);
}

#[test]
fn the_current_flow_asks_the_comprehensive_consent_and_the_prescription_on_the_patient_screen() {
    let mut d = Desk::new(Settings {
        flow: FlowKind::Current,
        prescriptions: true,
        ..Settings::new(InstitutionKind::Medical)
    });
    d.insert(PinStatus::TriesLeft(3));
    d.tap("暗証番号");
    for k in ["1", "2", "3", "4", "確定"] {
        d.tap(k);
    }
    let v = d.visit();
    d.take_effects();
    d.worker(Event::PinChecked(v, PinAnswer::Verified));
    assert_eq!(
        d.stage(),
        Stage::Consent {
            question: Question::Comprehensive
        }
    );
    assert!(
        d.patient
            .query_all_by_label_contains("手術")
            .next()
            .is_some(),
        "one question covers 薬剤, 診療 and 手術"
    );
    d.tap("同意する");
    d.tap("同意しない");
    assert_eq!(d.stage(), Stage::Prescription);
    d.tap("電子処方箋");
    let Effect::Query { consent, .. } = d.sign(AuthMethod::Pin) else {
        panic!("the card query");
    };
    assert_eq!(consent.operation, Some(ConsentFlag::Yes));
    assert_eq!(consent.checkups, Some(ConsentFlag::No));
    assert_eq!(
        consent.prescription_issue,
        Some(PrescriptionIssue::Electronic)
    );
}

#[test]
fn the_console_counts_failed_face_matches_against_the_limit() {
    let mut d = Desk::new(Settings::new(InstitutionKind::Medical));
    d.insert(PinStatus::TriesLeft(3));
    d.worker(Event::Choose(Method::Face));
    d.worker(Event::VerificationNumber(
        VerificationNumberB::new("55021720351234").unwrap(),
    ));
    let v = d.visit();
    d.worker(Event::PhotoRead(
        v,
        Ok(CardPhoto(Zeroizing::new(vec![0, 0, 0, 12]))),
    ));
    for left in [9, 8, 7] {
        d.worker(Event::FaceDone(
            v,
            FaceResult {
                outcome: Outcome::NoMatch,
                score: Some(0.1),
                attempts_left: left,
            },
        ));
        if left > 7 {
            d.worker(Event::RetryFace);
        }
    }
    assert!(d.clerk_shows("顔認証 失敗 3/10"));
}

#[test]
fn the_keypad_dialog_can_end_the_visit_and_forgets_the_digits() {
    let mut d = Desk::new(generic_clinic());
    d.insert(PinStatus::TriesLeft(3));
    d.clerk_tap("暗証番号（患者さんがキーパッドで入力）");
    d.clerk_tap("5");
    d.clerk_tap("受付を中止");
    assert!(matches!(d.stage(), Stage::TakeCard { .. }));
    assert!(
        !d.take_effects()
            .iter()
            .any(|e| matches!(e, Effect::VerifyPin(..))),
        "no VERIFY for an entry that was not confirmed"
    );
}
