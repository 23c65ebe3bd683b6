//! Spoken guidance's words and the rule of when they are said. Each patient stage has at most
//! one instruction ([`Cue`]); [`Prompter`] turns the flow's stage, frame after frame, into a
//! [`Spoken`] sentence only when the patient needs to hear something new: on entering a
//! stage, when a wrong PIN leaves fewer tries, when the face guidance changes to something
//! not yet said in this attempt, or when the patient switches language. Short waits on a
//! worker (reading the card, checking the PIN, asking the centre) say nothing: they are over
//! before a sentence would be.
//!
//! The sentences are `&'static str` from `<lang>/speech.rs`, never built from values: a PIN
//! digit, a name or anything else of the patient cannot reach the speech engine, because no
//! value of the visit goes into a sentence. Counts (PIN tries left) are whole sentences of
//! their own, written out in words.
//!
//! Japanese is written in kana, with a space between phrases, in ONE form for both engines:
//! eSpeak NG reads kana but not kanji, and Open JTalk reads kana as well as kanji. A second,
//! kanji form for Open JTalk would be a second catalogue to keep in step for an engine whose
//! voice Debian ships outside main (see the `voice` crate); kana costs Open JTalk only a little
//! pitch accent.
//!
//! # Adding a language
//!
//! Copy `en/speech.rs` to `<code>/speech.rs`, translate every sentence in the script eSpeak NG
//! reads for that language (zh: 简体 characters, ko: Hangul, vi and pt: Latin with accents),
//! declare it in `<code>/mod.rs`, and map the language to its voice in `runtime/voice.rs`;
//! the test that renders every cue through the real engine then covers it. A new [`Stage`]
//! needs an arm in [`cue`] (the match is exhaustive on purpose: every screen decides whether
//! it speaks).

use super::{Lang, per_lang};
use crate::flow::{Question, Stage};
use face_match::Guidance;

/// One sentence of spoken guidance, by what it tells the patient.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Cue {
    /// 「マイナンバーカードを置いてください」.
    PlaceCard,
    /// The last visit ended early: ask the staff, or place the card again.
    VisitEnded,
    /// Choose face or PIN (`pin: false`: the PIN cannot be used with this card).
    ChooseMethod {
        pin: bool,
    },
    /// Enter the 4-digit PIN; the tries left are said before entry (3, 2 or 1; else none).
    Pin {
        tries_left: u8,
    },
    /// The PIN was wrong; enter it again, with the tries left.
    PinWrong {
        tries_left: u8,
    },
    /// One try left: a wrong entry locks the card.
    PinLastTry,
    PinLocked,
    /// The staff checks the card front (照合番号B); wait with the card in place.
    FaceNumber,
    /// Look at the camera.
    FaceLive,
    /// The face worker's hint, said once per attempt.
    FaceGuidance(Guidance),
    FaceFailed,
    FaceUnavailable,
    /// 目視: the staff compares the photo with the patient.
    Visual,
    Consent(Question),
    /// 電子処方箋 or 紙の処方箋.
    Prescription,
    RegisterOffer,
    /// The staff keys the insurance card numbers.
    RegisterDetails,
    /// Done: take the card.
    TakeCard,
    /// Ended without a result: take the card and ask the staff.
    TakeCardTrouble,
}

/// A sentence to say, in the patient's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spoken {
    pub lang: Lang,
    pub cue: Cue,
    pub text: &'static str,
}

/// The sentence for `cue` in `lang`.
pub fn say(lang: Lang, cue: Cue) -> Spoken {
    Spoken {
        lang,
        cue,
        text: per_lang!(lang, speech::say(cue)),
    }
}

/// The instruction a stage says on entry; `None` for the short waits on a worker.
pub fn cue(stage: &Stage) -> Option<Cue> {
    Some(match stage {
        Stage::Waiting { notice: None } => Cue::PlaceCard,
        Stage::Waiting { notice: Some(_) } => Cue::VisitEnded,
        Stage::ChooseMethod { pin, .. } => Cue::ChooseMethod { pin: *pin },
        Stage::Pin {
            tries_left,
            wrong: false,
        } => Cue::Pin {
            tries_left: *tries_left,
        },
        Stage::Pin {
            tries_left,
            wrong: true,
        } => Cue::PinWrong {
            tries_left: *tries_left,
        },
        Stage::PinLastTry { .. } => Cue::PinLastTry,
        Stage::PinLocked { .. } => Cue::PinLocked,
        Stage::FaceNumber { .. } => Cue::FaceNumber,
        Stage::FaceLive { .. } => Cue::FaceLive,
        Stage::FaceFailed { .. } => Cue::FaceFailed,
        Stage::FaceUnavailable { .. } => Cue::FaceUnavailable,
        Stage::Visual => Cue::Visual,
        Stage::Consent { question } => Cue::Consent(*question),
        Stage::Prescription => Cue::Prescription,
        // A generic reader has no patient screen: the clerk hands over the paper form.
        Stage::PaperConsent { .. } => return None,
        Stage::RegisterOffer => Cue::RegisterOffer,
        Stage::RegisterDetails => Cue::RegisterDetails,
        Stage::TakeCard { trouble: None } => Cue::TakeCard,
        Stage::TakeCard { trouble: Some(_) } => Cue::TakeCardTrouble,
        Stage::Reading
        | Stage::PinChecking
        | Stage::FacePhoto
        | Stage::Confirming
        | Stage::Querying => return None,
    })
}

/// Whether a face hint is worth saying: `Checking` means the frame is good, nothing to do.
fn spoken_guidance(stage: &Stage) -> Option<Guidance> {
    match stage {
        Stage::FaceLive {
            guidance: Some(g), ..
        } if *g != Guidance::Checking => Some(*g),
        _ => None,
    }
}

/// The rule of when something is said, fed the flow's stage after every change (or every
/// frame: asking twice about the same stage says nothing the second time).
#[derive(Debug, Default)]
pub struct Prompter {
    /// The stage instruction last said (or decided silent), and in which language.
    last: Option<(Option<Cue>, Lang)>,
    /// Face hints already said in this face attempt: a hint that comes back is not repeated,
    /// so a face at the edge of a gate does not make the desk chatter.
    hints: Vec<Guidance>,
}

impl Prompter {
    pub fn new() -> Prompter {
        Prompter::default()
    }

    /// What to say now that the patient screen shows `stage` in `lang`, if anything.
    pub fn next(&mut self, stage: &Stage, lang: Lang) -> Option<Spoken> {
        let now = cue(stage);
        if self.last != Some((now, lang)) {
            let entered = self.last.map(|(c, _)| c) != Some(now);
            self.last = Some((now, lang));
            if entered {
                self.hints.clear();
            }
            // A stage entered with a hint already (or a language switch during one) says the
            // stage's instruction first; the hint is said at the next call.
            return now.map(|c| say(lang, c));
        }
        let hint = spoken_guidance(stage)?;
        if self.hints.contains(&hint) {
            return None;
        }
        self.hints.push(hint);
        Some(say(lang, Cue::FaceGuidance(hint)))
    }
}

/// Every sentence `lang` can say (tests: each is speech; none holds a digit).
pub fn all(lang: Lang) -> Vec<Spoken> {
    let mut cues = vec![
        Cue::PlaceCard,
        Cue::VisitEnded,
        Cue::ChooseMethod { pin: true },
        Cue::ChooseMethod { pin: false },
        Cue::PinLastTry,
        Cue::PinLocked,
        Cue::FaceNumber,
        Cue::FaceLive,
        Cue::FaceFailed,
        Cue::FaceUnavailable,
        Cue::Visual,
        Cue::Prescription,
        Cue::RegisterOffer,
        Cue::RegisterDetails,
        Cue::TakeCard,
        Cue::TakeCardTrouble,
    ];
    for n in 0..=4 {
        cues.push(Cue::Pin { tries_left: n });
        cues.push(Cue::PinWrong { tries_left: n });
    }
    cues.extend(
        [
            Question::DrugAndDiagnosis,
            Question::Checkup,
            Question::Surgery,
            Question::Limit,
            Question::Comprehensive,
        ]
        .map(Cue::Consent),
    );
    cues.extend(
        [
            Guidance::NoFace,
            Guidance::OnePersonOnly,
            Guidance::MoveCloser,
            Guidance::MoveBack,
            Guidance::CentreFace,
            Guidance::LookStraight,
            Guidance::TooDark,
            Guidance::TooBright,
            Guidance::HoldStill,
        ]
        .map(Cue::FaceGuidance),
    );
    cues.into_iter().map(|c| say(lang, c)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::flow::Trouble;

    fn live(g: Option<Guidance>) -> Stage {
        Stage::FaceLive { guidance: g }
    }

    #[test]
    fn a_stage_is_said_once_on_entry_not_every_frame() {
        let mut p = Prompter::new();
        let waiting = Stage::Waiting { notice: None };
        let first = p.next(&waiting, Lang::Ja).unwrap();
        assert_eq!(first.cue, Cue::PlaceCard);
        assert_eq!(first.text, "マイナンバーカードを おいて ください。");
        // Sixty frames of the same screen: silence.
        for _ in 0..60 {
            assert_eq!(p.next(&waiting, Lang::Ja), None);
        }
        // A short wait on the card says nothing, and does not make the next stage silent.
        assert_eq!(p.next(&Stage::Reading, Lang::Ja), None);
        let choose = Stage::ChooseMethod {
            pin: true,
            face: true,
            visual: false,
        };
        assert_eq!(
            p.next(&choose, Lang::Ja).map(|s| s.cue),
            Some(Cue::ChooseMethod { pin: true })
        );
        // The patient switches language on the same screen: said again, in the new one.
        let en = p.next(&choose, Lang::En).unwrap();
        assert_eq!(en.lang, Lang::En);
        assert!(en.text.starts_with("Please choose"), "{}", en.text);
        assert_eq!(p.next(&choose, Lang::En), None);
    }

    #[test]
    fn a_wrong_pin_is_said_with_the_tries_left_and_the_end_asks_for_the_card() {
        let mut p = Prompter::new();
        let pin = |tries_left, wrong| Stage::Pin { tries_left, wrong };
        assert_eq!(
            p.next(&pin(3, false), Lang::Ja).unwrap().text,
            "あんしょうばんごう よんけたを にゅうりょく して ください。あと さんかい にゅうりょく できます。"
        );
        assert_eq!(p.next(&Stage::PinChecking, Lang::Ja), None);
        let wrong = p.next(&pin(2, true), Lang::Ja).unwrap();
        assert_eq!(wrong.cue, Cue::PinWrong { tries_left: 2 });
        assert!(wrong.text.contains("にかい"), "{}", wrong.text);
        assert_eq!(p.next(&Stage::PinChecking, Lang::En), None);
        let again = p.next(&pin(1, true), Lang::En).unwrap();
        assert_eq!(again.text, "The PIN is wrong. You have one try left.");
        let done = p
            .next(&Stage::TakeCard { trouble: None }, Lang::En)
            .unwrap();
        assert_eq!(done.cue, Cue::TakeCard);
        let pulled = Stage::TakeCard {
            trouble: Some(Trouble::TimedOut),
        };
        assert_eq!(
            p.next(&pulled, Lang::En).map(|s| s.cue),
            Some(Cue::TakeCardTrouble)
        );
    }

    #[test]
    fn face_hints_are_said_once_each_per_attempt_and_checking_is_silent() {
        let mut p = Prompter::new();
        // Entering the live view with a hint already: the instruction first.
        assert_eq!(
            p.next(&live(Some(Guidance::MoveCloser)), Lang::Ja)
                .map(|s| s.cue),
            Some(Cue::FaceLive)
        );
        assert_eq!(
            p.next(&live(Some(Guidance::MoveCloser)), Lang::Ja)
                .map(|s| s.cue),
            Some(Cue::FaceGuidance(Guidance::MoveCloser))
        );
        // A face at the edge of the gate: the hint flickers; it is not said again.
        for g in [None, Some(Guidance::MoveCloser), Some(Guidance::Checking)] {
            assert_eq!(p.next(&live(g), Lang::Ja), None, "{g:?}");
        }
        assert_eq!(
            p.next(&live(Some(Guidance::HoldStill)), Lang::Ja)
                .map(|s| s.cue),
            Some(Cue::FaceGuidance(Guidance::HoldStill))
        );
        // The attempt fails and the patient retries: a new attempt hears its hints again.
        let failed = Stage::FaceFailed {
            outcome: face_match::Outcome::NoMatch,
            attempts_left: 2,
            pin: true,
            visual: false,
        };
        assert_eq!(
            p.next(&failed, Lang::Ja).map(|s| s.cue),
            Some(Cue::FaceFailed)
        );
        assert_eq!(
            p.next(&live(None), Lang::Ja).map(|s| s.cue),
            Some(Cue::FaceLive)
        );
        assert_eq!(
            p.next(&live(Some(Guidance::MoveCloser)), Lang::Ja)
                .map(|s| s.cue),
            Some(Cue::FaceGuidance(Guidance::MoveCloser))
        );
    }

    #[test]
    fn every_sentence_is_its_own_and_holds_no_digit_in_every_language() {
        for lang in Lang::ALL {
            for s in all(lang) {
                assert!(!s.text.trim().is_empty(), "{lang:?} {:?}", s.cue);
                // No digit of any script: a PIN (or any number of the patient's) cannot be
                // in a sentence, and counts are words the engines read alike.
                assert!(
                    !s.text.chars().any(char::is_numeric),
                    "{lang:?} {:?}: {}",
                    s.cue,
                    s.text
                );
                if lang == Lang::Ja {
                    // eSpeak NG reads kana, not kanji.
                    assert!(
                        !s.text
                            .chars()
                            .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                        "kanji in {:?}: {}",
                        s.cue,
                        s.text
                    );
                }
            }
            // Each consent question and each stage of the method choice says something of
            // its own.
            let consent: std::collections::HashSet<_> = all(lang)
                .into_iter()
                .filter(|s| matches!(s.cue, Cue::Consent(_)))
                .map(|s| s.text)
                .collect();
            assert_eq!(consent.len(), 5, "{lang:?}");
        }
    }
}
