//! The catalogue test: every fixed string and every sentence the patient can be shown, in
//! every language, read as a patient would meet it. The compiler already refuses a catalogue
//! that lacks a key or a function; this test catches what compiles but would leave a patient
//! stuck: an empty string, a sentence left in Japanese or English in another language's
//! catalogue, a Japanese-only character form in the Chinese, a placeholder, a format slot
//! never filled. Each failure names the language, the key and the text.

use super::*;
use crate::flow::{Field as FrontField, FrameProblem};
use face_match::{Attack, Guidance, Outcome};

/// Japanese names a non-Japanese catalogue may quote as printed, so a patient can match
/// them with the card and the posters at the counter (e.g. 个人编号卡（マイナンバーカード）).
const JAPANESE_PROPER_NOUNS: &[&str] = &["マイナンバーカード", "マイナ保険証"];

/// Character forms Japanese writes and Simplified Chinese never does (Simplified has 证, 险,
/// 读, ...): one in the Chinese catalogue means a Japanese word was pasted in.
const JAPANESE_ONLY_KANJI: &str = "証険読認確続済払関顔録報診療薬剤縁働様円";

/// Words that say a sentence was never written.
const PLACEHOLDERS: &[&str] = &["TODO", "FIXME", "XXX", "TBD", "lorem", "???"];

/// One sentence a person can be shown: where it comes from (for the failure message), the
/// language, the text, and whether a patient reads it (then it must be in the patient's
/// language, not left in English).
struct Said {
    lang: Lang,
    key: String,
    text: String,
    patient: bool,
}

fn is_kana(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30FF}' | '\u{31F0}'..='\u{31FF}' | '\u{FF65}'..='\u{FF9F}')
}

fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}')
}

/// Every trouble that ends a visit, each card and face trouble among them.
fn troubles() -> Vec<Trouble> {
    let card = [
        CardTrouble::Removed,
        CardTrouble::Reset,
        CardTrouble::NotMyNumberCard,
        CardTrouble::UnsupportedToken,
        CardTrouble::CertificateExpired,
        CardTrouble::CertificateInvalid,
        CardTrouble::TerminalRejected,
        CardTrouble::WrongVerificationNumber { tries_left: 2 },
        CardTrouble::VerificationNumberLocked,
        CardTrouble::CardFaceInvalid,
        CardTrouble::ReaderGone,
        CardTrouble::Failed,
    ];
    let face = [
        FaceTrouble::Camera,
        FaceTrouble::Models,
        FaceTrouble::Photo,
        FaceTrouble::NumberLocked,
        FaceTrouble::CardFaceInvalid,
    ];
    let centre = [
        CentreTrouble::Unreachable,
        CentreTrouble::TimedOut,
        CentreTrouble::Certificate,
        CentreTrouble::Unavailable,
        CentreTrouble::Malformed,
        CentreTrouble::Rejected {
            code: "E001".into(),
            message: "rejected".into(),
        },
        CentreTrouble::Config,
    ];
    let mut all = vec![
        Trouble::CardPulled,
        Trouble::PinLocked,
        Trouble::FaceFailed,
        Trouble::TimedOut,
        Trouble::CancelledByPatient,
        Trouble::CancelledByClerk,
        Trouble::NotRegistered,
    ];
    all.extend(card.into_iter().map(Trouble::Card));
    all.extend(face.into_iter().map(Trouble::Face));
    all.extend(centre.into_iter().map(Trouble::Centre));
    all
}

/// Everything said in `lang`: every `Text` key, and every sentence of the patient's
/// functions for each value they can be called with.
fn said(lang: Lang) -> Vec<Said> {
    let mut out = Vec::new();
    let mut say = |key: String, text: String, patient: bool| {
        out.push(Said {
            lang,
            key,
            text,
            patient,
        })
    };
    for t in Text::ALL {
        say(
            format!("Text::{t:?}"),
            text(lang, *t).into(),
            Text::PATIENT.contains(t),
        );
    }
    for n in [1, 2, 3] {
        say(
            format!("pin_tries_left({n})"),
            pin_tries_left(lang, n),
            true,
        );
        say(
            format!("face_attempts_left({n})"),
            face_attempts_left(lang, n.into()),
            true,
        );
    }
    let offers =
        [(true, true), (false, true), (true, false)].map(|(drug, diagnosis)| ConsentOffer {
            drug,
            diagnosis,
            checkup: true,
            surgery: true,
            limit: true,
        });
    for offer in &offers {
        for q in [
            Question::DrugAndDiagnosis,
            Question::Checkup,
            Question::Surgery,
            Question::Limit,
        ] {
            let (title, body) = question(lang, q, offer);
            let key = format!(
                "question({q:?}, drug {}, diagnosis {})",
                offer.drug, offer.diagnosis
            );
            say(format!("{key}.title"), title.into(), true);
            say(format!("{key}.body"), body.into(), true);
        }
    }
    for t in troubles() {
        say(
            format!("trouble_patient({t:?})"),
            trouble_patient(lang, &t),
            true,
        );
        say(
            format!("trouble_clerk({t:?})"),
            trouble_clerk(lang, &t),
            false,
        );
    }
    for o in [
        Outcome::Match,
        Outcome::NoMatch,
        Outcome::TimedOut,
        Outcome::AttackSuspected(Attack::FrozenFeed),
    ] {
        say(
            format!("face_outcome({o:?})"),
            face_outcome(lang, o).into(),
            true,
        );
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
        say(format!("guidance({g:?})"), guidance(lang, g).into(), true);
    }
    for p in [
        FrameProblem::NoCard,
        FrameProblem::TooDark,
        FrameProblem::Glare,
        FrameProblem::Blurred,
        FrameProblem::NotMyNumberCard,
        FrameProblem::Unreadable(FrontField::BirthDate),
    ] {
        say(
            format!("front_problem({p:?})"),
            front_problem(lang, p).into(),
            true,
        );
    }
    for m in [Method::Pin, Method::Face, Method::Visual] {
        say(format!("method({m:?})"), method(lang, m).into(), false);
    }
    // The centre's words the console shows: each field, a refused number of each kind, and
    // the labels of the result's main code tables.
    for f in [
        Field::InsurerNumber,
        Field::InstitutionCode,
        Field::CardSymbol,
        Field::CardNumber,
        Field::BranchNumber,
        Field::BirthDate,
    ] {
        say(format!("field({f:?})"), field(lang, f).into(), false);
    }
    use eligibility::{BirthDate, BranchNumber, InsurerNumber};
    let refused = [
        "".parse::<InsurerNumber>().unwrap_err(),
        "1234567".parse::<InsurerNumber>().unwrap_err(),
        "33120016".parse::<InsurerNumber>().unwrap_err(),
        "1a".parse::<BranchNumber>().unwrap_err(),
        "20010230".parse::<BirthDate>().unwrap_err(),
    ];
    for e in &refused {
        say(format!("id_error({e:?})"), id_error(lang, e), false);
    }
    for code in ["0", "1", "2", "3", "4", "5", "6", "7"] {
        let q = eligibility::codes::QualificationValidity::from_code(code);
        say(format!("{q:?}.label"), q.label(lang).into(), false);
    }
    for code in ["1", "2", "3", "9"] {
        let s = eligibility::codes::Sex::from_code(code);
        say(format!("{s:?}.label"), s.label(lang).into(), false);
    }
    out
}

/// What is wrong with one sentence, if anything.
fn problem(s: &Said) -> Option<String> {
    let text = s.text.trim();
    if text.is_empty() {
        return Some("empty".into());
    }
    if let Some(p) = PLACEHOLDERS.iter().find(|p| text.contains(**p)) {
        return Some(format!("placeholder {p:?}"));
    }
    if text.contains(['{', '}']) {
        return Some("a format slot left unfilled".into());
    }
    if s.lang == Lang::Ja {
        return None;
    }
    let mut rest = text.to_string();
    for noun in JAPANESE_PROPER_NOUNS {
        rest = rest.replace(noun, "");
    }
    if rest.chars().any(is_kana) {
        return Some("Japanese (kana) left in".into());
    }
    if s.lang == Lang::Zh {
        if let Some(c) = rest.chars().find(|c| JAPANESE_ONLY_KANJI.contains(*c)) {
            return Some(format!(
                "Japanese character form {c:?} instead of Simplified Chinese"
            ));
        }
    } else if let Some(c) = rest.chars().find(|c| is_han(*c)) {
        return Some(format!(
            "Chinese character {c:?} in a language that does not write them"
        ));
    }
    if s.patient && s.lang != Lang::En {
        let en = said(Lang::En)
            .into_iter()
            .find(|e| e.key == s.key)
            .map(|e| e.text);
        if en.as_deref() == Some(text) && text.chars().any(|c| c.is_ascii_alphabetic()) {
            return Some("left in English".into());
        }
    }
    None
}

#[test]
fn every_language_says_everything_in_its_own_words() {
    let failures: Vec<String> = Lang::ALL
        .into_iter()
        .flat_map(said)
        .filter_map(|s| {
            problem(&s).map(|p| format!("{} {}: {p}: {:?}", s.lang.code(), s.key, s.text))
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} sentence(s) a patient or clerk would trip on:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn each_patient_screen_key_is_worded_once_per_language() {
    // Two patient keys with the same words in a language where they differ in Japanese
    // would show the patient the same sentence for two different things (a copy slip).
    let ja: Vec<&str> = Text::PATIENT.iter().map(|t| text(Lang::Ja, *t)).collect();
    for lang in Lang::ALL {
        for (i, a) in Text::PATIENT.iter().enumerate() {
            for (j, b) in Text::PATIENT.iter().enumerate().skip(i + 1) {
                if ja[i] != ja[j] && text(lang, *a) == text(lang, *b) {
                    // Short button words may coincide where Japanese is more precise.
                    let allowed = matches!(
                        (a, b),
                        (Text::ChooseVisual, Text::UseVisual)
                            | (Text::CheckingTitle, Text::ConfirmingTitle)
                    );
                    assert!(
                        allowed,
                        "{}: {a:?} and {b:?} both say {:?}",
                        lang.code(),
                        text(lang, *a)
                    );
                }
            }
        }
    }
}

#[test]
fn the_test_catches_what_it_is_for() {
    // The checks themselves, on sentences a careless edit would leave behind.
    let bad = |lang, text: &str| Said {
        lang,
        key: "Text::WaitingTitle".into(),
        text: text.into(),
        patient: true,
    };
    assert_eq!(problem(&bad(Lang::Ko, "  ")).as_deref(), Some("empty"));
    assert!(problem(&bad(Lang::Vi, "カードを置いてください")).is_some());
    assert!(problem(&bad(Lang::Zh, "请放置保険証")).is_some());
    assert!(problem(&bad(Lang::Pt, "TODO")).is_some());
    assert!(problem(&bad(Lang::Pt, "Restam {n} tentativas")).is_some());
    assert!(problem(&bad(Lang::Vi, "Please place your My Number Card")).is_some());
    assert_eq!(
        problem(&bad(Lang::Zh, "请放置您的个人编号卡（マイナンバーカード）")),
        None
    );
}
