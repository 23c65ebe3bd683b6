//! The speech engines, run as the distribution installs them: `espeak-ng` for every patient
//! language, `open_jtalk` for Japanese when the settings name its dictionary and an HTS voice.
//! A sentence goes to the engine on standard input (never on a command line other accounts can
//! read) and comes back as a WAV; nothing is kept on disk longer than one synthesis.

use crate::wav::{Wav, WavError};
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

/// The patient languages (the largest groups of foreign residents after Japanese).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Language {
    Ja,
    En,
    /// Simplified Chinese, spoken as Mandarin.
    Zh,
    Ko,
    Vi,
    /// Portuguese as spoken in Brazil: most Portuguese speakers living in Japan are Brazilian.
    Pt,
}

impl Language {
    pub const ALL: [Language; 6] = [
        Language::Ja,
        Language::En,
        Language::Zh,
        Language::Ko,
        Language::Vi,
        Language::Pt,
    ];

    /// eSpeak NG's voice for the language (`espeak-ng --voices`).
    pub fn espeak_voice(self) -> &'static str {
        match self {
            Language::Ja => "ja",
            Language::En => "en-us",
            Language::Zh => "cmn",
            Language::Ko => "ko",
            Language::Vi => "vi",
            Language::Pt => "pt-br",
        }
    }
}

/// Which engine says a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    EspeakNg,
    OpenJtalk,
}

/// How the engines are found and how they speak.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// The eSpeak NG program (default: `espeak-ng` on the PATH).
    pub espeak: PathBuf,
    /// Open JTalk for Japanese: the program, its dictionary folder and an `.htsvoice` file.
    /// `None`: Japanese is said by eSpeak NG.
    pub open_jtalk: Option<OpenJtalk>,
    /// Words per minute for eSpeak NG; slower than its 175 so that an elderly patient follows.
    pub words_per_minute: u16,
    /// Loudness, 0–100 %.
    pub volume: u8,
}

/// Where Open JTalk and its data are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenJtalk {
    pub program: PathBuf,
    pub dictionary: PathBuf,
    pub voice: PathBuf,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            espeak: PathBuf::from("espeak-ng"),
            open_jtalk: None,
            words_per_minute: 140,
            volume: 80,
        }
    }
}

/// Why a sentence could not be said.
#[derive(Debug, thiserror::Error)]
pub enum VoiceError {
    #[error(
        "the speech engine {engine:?} is not installed ({program}): install espeak-ng, or turn spoken guidance off"
    )]
    EngineMissing { engine: Engine, program: String },
    #[error("the speech engine {engine:?} failed (exit status {status:?})")]
    EngineFailed { engine: Engine, status: Option<i32> },
    #[error("the speech engine's output is not a WAV: {0}")]
    Output(#[from] WavError),
    #[error("the speech engine could not be run: {0}")]
    Io(#[from] std::io::Error),
}

impl Settings {
    /// The engine that says `lang`.
    pub fn engine_for(&self, lang: Language) -> Engine {
        match (&self.open_jtalk, lang) {
            (Some(_), Language::Ja) => Engine::OpenJtalk,
            _ => Engine::EspeakNg,
        }
    }

    /// `text` in `lang` as sound, at the settings' volume.
    pub fn synthesize(&self, lang: Language, text: &str) -> Result<Wav, VoiceError> {
        let wav = match (&self.open_jtalk, lang) {
            (Some(jt), Language::Ja) => open_jtalk(jt, text)?,
            _ => self.espeak(lang, text)?,
        };
        Ok(wav.scaled(self.volume))
    }

    fn espeak(&self, lang: Language, text: &str) -> Result<Wav, VoiceError> {
        let mut cmd = Command::new(&self.espeak);
        cmd.args(["-v", lang.espeak_voice(), "-s"])
            .arg(self.words_per_minute.clamp(80, 400).to_string())
            .arg("--stdout");
        run(Engine::EspeakNg, &self.espeak, cmd, text, None)
    }
}

fn open_jtalk(jt: &OpenJtalk, text: &str) -> Result<Wav, VoiceError> {
    let dir = tempfile_dir()?;
    let out = dir.join("say.wav");
    let mut cmd = Command::new(&jt.program);
    cmd.arg("-x")
        .arg(&jt.dictionary)
        .arg("-m")
        .arg(&jt.voice)
        .arg("-ow")
        .arg(&out);
    let wav = run(Engine::OpenJtalk, &jt.program, cmd, text, Some(&out));
    let _ = std::fs::remove_dir_all(&dir);
    wav
}

/// A private folder for Open JTalk's output file (it cannot write to a pipe).
fn tempfile_dir() -> std::io::Result<PathBuf> {
    use std::os::unix::fs::DirBuilderExt;
    let dir = std::env::temp_dir().join(format!(
        "onshi-voice-{}-{:x}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default()
    ));
    std::fs::DirBuilder::new().mode(0o700).create(&dir)?;
    Ok(dir)
}

fn run(
    engine: Engine,
    program: &std::path::Path,
    mut cmd: Command,
    text: &str,
    out_file: Option<&std::path::Path>,
) -> Result<Wav, VoiceError> {
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => VoiceError::EngineMissing {
                engine,
                program: program.display().to_string(),
            },
            _ => VoiceError::Io(e),
        })?;
    if let Some(mut stdin) = child.stdin.take() {
        // A closed pipe means the engine ended early: its exit status says why.
        let _ = stdin.write_all(text.as_bytes());
        let _ = stdin.write_all(b"\n");
    }
    let output = child.wait_with_output()?;
    if !output.status.success() {
        return Err(VoiceError::EngineFailed {
            engine,
            status: output.status.code(),
        });
    }
    let bytes = match out_file {
        Some(f) => std::fs::read(f)?,
        None => output.stdout,
    };
    Ok(Wav::parse(&bytes)?)
}
