//! Spoken guidance for the patient screen: a sentence in one of the patient languages becomes
//! speech through a speech engine of the distribution, and a player thread says the latest one
//! without ever holding up the caller. The brick speaks in types: it knows languages, engines,
//! sound and why a sentence could not be said, never what the sentences mean (the desk's words
//! choose them).
//!
//! ```text
//! player   Player: one thread, the newest sentence (or ready sound) wins, the one being said is cut
//! engine   Engine: eSpeak NG (every language) or Open JTalk (Japanese, when a voice is set)
//! wav      Wav: the engine's RIFF/WAVE output read, its length and how much of it is speech;
//!          the desk's chime, generated
//! ```
//!
//! Why eSpeak NG by default: it is in Debian main for all six patient languages (ja, en, zh,
//! ko, vi, pt). Open JTalk sounds far more natural in Japanese, but Debian 12's only HTS voice
//! (`hts-voice-nitech-jp-atr503-m001`) is outside main, so it is used only when the settings
//! name an installed voice. eSpeak NG reads Japanese kana but not kanji: the desk gives it the
//! spoken form of each sentence (kana), not the screen's text.

pub mod engine;
pub mod player;
pub mod wav;

#[cfg(feature = "fuzzing")]
#[doc(hidden)]
pub mod fuzzing;

pub use engine::{Engine, Language, Settings, VoiceError};
pub use player::{Output, Player};
pub use wav::{Wav, WavError};
