//! The voice worker: the patient screen's spoken guidance. It owns a [`voice::Player`] (one
//! thread that synthesises and plays, the newest sentence first) and, after every change of
//! the flow, asks the words' rule ([`Prompter`]) whether the patient needs to hear something
//! new; if so it hands the sentence to the player and returns. The screens' thread only sends
//! a message: synthesis and sound never hold up a frame. The same player plays the desk's
//! chime ([`Voice::chime`]), so a chime and a sentence never sound over each other.

use crate::config::VoiceConfig;
use crate::flow::Flow;
use crate::i18n::speech::{Prompter, Spoken};
use crate::lang::Lang;
use std::sync::mpsc::Receiver;
use voice::player::Report;
use voice::{Language, Player, Wav};

/// The voice of a language in the voice brick. Exhaustive: a new [`Lang`] does not compile
/// until it has a voice.
pub fn language(lang: Lang) -> Language {
    match lang {
        Lang::Ja => Language::Ja,
        Lang::En => Language::En,
        Lang::Zh => Language::Zh,
        Lang::Ko => Language::Ko,
        Lang::Vi => Language::Vi,
        Lang::Pt => Language::Pt,
    }
}

/// Spoken guidance for one desk; silent (no thread) when `[voice]` is off.
pub struct Voice {
    player: Option<Player>,
    /// What became of each sentence, drained on every call unless taken by
    /// [`Voice::take_reports`] (the bench, the tests).
    reports: Option<Receiver<Report>>,
    prompter: Prompter,
    chime: Wav,
}

impl Voice {
    /// Starts the player thread when spoken guidance is on.
    pub fn start(cfg: &VoiceConfig) -> Voice {
        let (player, reports) = if cfg.enabled {
            let (p, r) = Player::start(cfg.settings(), cfg.output.clone());
            (Some(p), Some(r))
        } else {
            (None, None)
        };
        tracing::info!(
            enabled = cfg.enabled,
            volume = cfg.volume,
            open_jtalk = cfg.open_jtalk.is_some(),
            "spoken guidance"
        );
        Voice {
            player,
            reports,
            prompter: Prompter::new(),
            chime: Wav::chime(),
        }
    }

    /// Whether anything is said at all.
    pub fn enabled(&self) -> bool {
        self.player.is_some()
    }

    /// Says what the flow's new state calls for, if anything, and returns it with the
    /// player's number for it. Called after every event; a call that finds nothing new
    /// returns `None` without touching the player.
    pub fn follow(&mut self, flow: &Flow) -> Option<(Spoken, u64)> {
        self.drain();
        let player = self.player.as_mut()?;
        let spoken = self.prompter.next(flow.stage(), flow.lang())?;
        // The cue names the instruction (and a count of PIN tries), never a value of the
        // patient's: it is safe in a log line.
        tracing::debug!(cue = ?spoken.cue, lang = ?spoken.lang, "spoken guidance");
        let seq = player.say(language(spoken.lang), spoken.text);
        Some((spoken, seq))
    }

    /// Plays the chime (the card left on the reader), cutting any sentence; `None` when
    /// spoken guidance is off.
    pub fn chime(&mut self) -> Option<u64> {
        self.drain();
        let player = self.player.as_mut()?;
        Some(player.play(self.chime.clone()))
    }

    /// The player's reports, for a caller that measures them; from then on they are not
    /// drained here.
    pub fn take_reports(&mut self) -> Option<Receiver<Report>> {
        self.reports.take()
    }

    /// Empties the report channel so it does not grow over a day of visits; the player has
    /// logged any failure already.
    fn drain(&mut self) {
        if let Some(r) = &self.reports {
            while r.try_recv().is_ok() {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::flow::{
        CardSummary, Event, InstitutionKind, Method, PinAnswer, ReaderStatus, Settings, Stage,
    };
    use crate::i18n::speech::{self, Cue};
    use eligibility::client::{CardProof, Eligibility};
    use std::collections::HashSet;
    use std::path::Path;
    use std::time::Instant;

    /// Spoken guidance on, its sound written to files in `dir` (no sound card in a test).
    fn on(dir: &std::path::Path) -> VoiceConfig {
        VoiceConfig {
            enabled: true,
            output: voice::Output::Files(dir.into()),
            ..VoiceConfig::off()
        }
    }

    #[test]
    fn every_sentence_of_every_language_is_speech_from_the_real_engine() {
        let settings = on(Path::new("/nonexistent")).settings();
        for lang in Lang::ALL {
            for s in speech::all(lang) {
                let wav = settings
                    .synthesize(language(lang), s.text)
                    .unwrap_or_else(|e| panic!("{lang:?} {:?}: {e}", s.cue));
                let (len, voiced) = (wav.duration_ms(), wav.speech_ms());
                // Long enough to be words, short enough to be heard out before the patient
                // moves on (eSpeak NG at the desk's slower rate).
                assert!(
                    (400..=15_000).contains(&len),
                    "{lang:?} {:?}: {len} ms",
                    s.cue
                );
                // Speech, not silence or hiss: a third of it voiced at least.
                assert!(
                    voiced * 3 >= len && voiced >= 200,
                    "{lang:?} {:?}: {voiced} of {len} ms voiced",
                    s.cue
                );
            }
        }
    }

    const PIN: &str = "1234";
    const NAME: &str = "山田 花子";
    const KANA: &str = "ヤマダ ハナコ";

    fn proof() -> Box<CardProof> {
        Box::new(CardProof {
            certificate_der: vec![0x30],
            nonce: "bm9uY2U=".into(),
            signature: vec![1; 256],
            method: Method::Pin.wire(),
        })
    }

    /// The centre's answer, with the patient's name in it as a real one has.
    fn named_result() -> Box<Eligibility> {
        Box::new(Eligibility {
            verdict: eligibility::Verdict::Valid,
            validity: None,
            results: vec![eligibility::xml::ResultOfQualificationConfirmation {
                name: Some(NAME.into()),
                name_kana: Some(KANA.into()),
                ..Default::default()
            }],
            response: eligibility::xml::QualificationResponse {
                header: Default::default(),
                body: Default::default(),
            },
        })
    }

    /// One PIN visit (a wrong PIN first, then the right one, every consent, the centre's
    /// answer with a name, the card taken) in `lang`, the voice shown the flow after every
    /// event as the runtime does; returns what was handed to the player.
    fn visit(lang: Lang, voice: &mut Voice) -> Vec<Spoken> {
        let mut flow = Flow::new(Settings::new(InstitutionKind::Medical));
        let now = Instant::now();
        let mut said = Vec::new();
        let mut ev = |flow: &mut Flow, e: Event| {
            flow.handle(e, now);
            if let Some((s, _)) = voice.follow(flow) {
                said.push(s);
            }
        };
        ev(&mut flow, Event::Language(lang));
        ev(
            &mut flow,
            Event::Reader(ReaderStatus::Ready {
                name: "Virtual PCD 00 00".into(),
            }),
        );
        ev(&mut flow, Event::CardInserted);
        let v = flow.visit_id().unwrap();
        ev(
            &mut flow,
            Event::CardRead(
                v,
                Ok(CardSummary {
                    pin: reader_driver::PinStatus::TriesLeft(3),
                    certificate_expires_soon: false,
                }),
            ),
        );
        ev(&mut flow, Event::Choose(Method::Pin));
        ev(
            &mut flow,
            Event::PinEntered(reader_driver::AuthPin::new("9876").unwrap()),
        );
        ev(
            &mut flow,
            Event::PinChecked(v, PinAnswer::Wrong { tries_left: 2 }),
        );
        ev(
            &mut flow,
            Event::PinEntered(reader_driver::AuthPin::new(PIN).unwrap()),
        );
        ev(&mut flow, Event::PinChecked(v, PinAnswer::Verified));
        while let Stage::Consent { question } = flow.stage().clone() {
            ev(&mut flow, Event::Answer(question, true));
        }
        ev(&mut flow, Event::Nonce(v, Ok("bm9uY2U=".into())));
        ev(&mut flow, Event::Signed(v, Ok(*proof())));
        ev(&mut flow, Event::Checked(v, Ok(named_result())));
        assert_eq!(flow.stage(), &Stage::TakeCard { trouble: None });
        ev(&mut flow, Event::CardRemoved);
        said
    }

    #[test]
    fn a_visit_hands_speech_only_catalogue_sentences_never_the_pin_or_the_name() {
        let dir = tempfile::tempdir().unwrap();
        let mut voice = Voice::start(&on(dir.path()));
        assert!(voice.enabled());
        for lang in Lang::ALL {
            let catalogue: HashSet<&str> = speech::all(lang).iter().map(|s| s.text).collect();
            let said = visit(lang, &mut voice);
            let cues: Vec<Cue> = said.iter().map(|s| s.cue).collect();
            // The stages a PIN visit goes through, each said once, the wrong PIN with its
            // tries left; the short waits (reading, checking, asking the centre) silent.
            use crate::flow::Question::*;
            assert_eq!(
                cues,
                [
                    Cue::PlaceCard,
                    Cue::ChooseMethod { pin: true },
                    Cue::Pin { tries_left: 3 },
                    Cue::PinWrong { tries_left: 2 },
                    Cue::Consent(DrugAndDiagnosis),
                    Cue::Consent(Checkup),
                    Cue::Consent(Limit),
                    Cue::TakeCard,
                    Cue::PlaceCard,
                ]
            );
            // The visit is in the patient's language; once the card is taken the desk is
            // back in its own (the next patient's start).
            let (waiting, visit) = said.split_last().unwrap();
            assert!(visit.iter().all(|s| s.lang == lang), "{said:?}");
            assert_eq!(waiting.lang, Lang::Ja);
            let desk: HashSet<&str> = speech::all(Lang::Ja).iter().map(|s| s.text).collect();
            for s in &said {
                let catalogue = if s.lang == lang { &catalogue } else { &desk };
                assert!(
                    catalogue.contains(s.text),
                    "not from the catalogue: {}",
                    s.text
                );
                for secret in [PIN, "9876", NAME, KANA, "山田", "ヤマダ", "やまだ"] {
                    assert!(!s.text.contains(secret), "{secret:?} in {}", s.text);
                }
            }
        }
    }

    #[test]
    fn off_says_nothing_and_starts_no_player() {
        let mut voice = Voice::start(&VoiceConfig::off());
        assert!(!voice.enabled());
        assert!(visit(Lang::Ja, &mut voice).is_empty());
        assert_eq!(voice.chime(), None);
        assert!(voice.take_reports().is_none());
    }
}
