//! The player: one thread that says the newest sentence it was given. A stage change gives a
//! new sentence; the one being said is cut and any that were waiting are dropped, because a
//! patient needs the instruction of the screen in front of them, not a queue of old ones.
//! [`Player::say`] only sends a message: synthesis and sound never hold up the screen.
//! A ready sound ([`Player::play`], such as [`Wav::chime`]) goes through the same queue, so a
//! chime cuts a sentence and the next sentence cuts the chime, as the newest always wins.

use crate::engine::{Language, Settings, VoiceError};
use crate::wav::Wav;
use std::io::Write;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// Where the sound goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Output {
    /// The sound card, through ALSA's `aplay`.
    Device,
    /// Each sentence as `NNNN.wav` in this folder (tests, and machines without sound).
    Files(PathBuf),
}

/// What became of one sentence (numbered in the order [`Player::say`] was called).
#[derive(Debug)]
pub enum Report {
    /// Sound started, this long after `say`.
    Started {
        seq: u64,
        latency: Duration,
    },
    /// It was said to the end.
    Finished {
        seq: u64,
    },
    /// A newer sentence came first: not said, or cut.
    Replaced {
        seq: u64,
    },
    Failed {
        seq: u64,
        error: VoiceError,
    },
}

enum Msg {
    Say {
        seq: u64,
        lang: Language,
        text: String,
        at: Instant,
    },
    Play {
        seq: u64,
        wav: Wav,
        at: Instant,
    },
    Stop,
}

impl Msg {
    fn seq(&self) -> Option<u64> {
        match self {
            Msg::Say { seq, .. } | Msg::Play { seq, .. } => Some(*seq),
            Msg::Stop => None,
        }
    }
}

/// The speaking thread.
pub struct Player {
    tx: Sender<Msg>,
    seq: u64,
    thread: Option<JoinHandle<()>>,
}

impl Player {
    /// Starts the thread; `reports` receives what became of each sentence.
    pub fn start(settings: Settings, output: Output) -> (Player, Receiver<Report>) {
        let (tx, rx) = mpsc::channel();
        let (rtx, rrx) = mpsc::channel();
        let thread = std::thread::Builder::new()
            .name("voice".into())
            .spawn(move || speak_loop(&settings, &output, &rx, &rtx))
            .ok();
        (Player { tx, seq: 0, thread }, rrx)
    }

    /// Says `text` in `lang` as soon as the engine has it, cutting what is being said.
    /// Returns the sentence's number at once.
    pub fn say(&mut self, lang: Language, text: &str) -> u64 {
        self.seq += 1;
        let _ = self.tx.send(Msg::Say {
            seq: self.seq,
            lang,
            text: text.to_owned(),
            at: Instant::now(),
        });
        self.seq
    }

    /// Plays a ready sound (a chime) at the settings' volume, cutting what is being said.
    /// Returns its number at once.
    pub fn play(&mut self, wav: Wav) -> u64 {
        self.seq += 1;
        let _ = self.tx.send(Msg::Play {
            seq: self.seq,
            wav,
            at: Instant::now(),
        });
        self.seq
    }

    /// Cuts what is being said and drops what waits.
    pub fn stop(&self) {
        let _ = self.tx.send(Msg::Stop);
    }
}

impl Drop for Player {
    fn drop(&mut self) {
        let _ = self.tx.send(Msg::Stop);
        // Dropping the sender ends the thread's loop once it has cut the sound.
        let (tx, _) = mpsc::channel();
        drop(std::mem::replace(&mut self.tx, tx));
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// The newest message of the queue, reporting the skipped sentences as replaced.
fn newest(first: Msg, rx: &Receiver<Msg>, reports: &Sender<Report>) -> Msg {
    let mut last = first;
    while let Ok(next) = rx.try_recv() {
        if let Some(seq) = last.seq() {
            let _ = reports.send(Report::Replaced { seq });
        }
        last = next;
    }
    last
}

fn speak_loop(settings: &Settings, output: &Output, rx: &Receiver<Msg>, reports: &Sender<Report>) {
    let mut pending: Option<Msg> = None;
    loop {
        let msg = match pending.take() {
            Some(m) => m,
            None => match rx.recv() {
                Ok(m) => m,
                Err(_) => return,
            },
        };
        let (seq, wav, at) = match newest(msg, rx, reports) {
            Msg::Stop => continue,
            Msg::Play { seq, wav, at } => (seq, wav.scaled(settings.volume), at),
            Msg::Say {
                seq,
                lang,
                text,
                at,
            } => match settings.synthesize(lang, &text) {
                Ok(w) => (seq, w, at),
                Err(error) => {
                    tracing::warn!(?error, "spoken guidance failed");
                    let _ = reports.send(Report::Failed { seq, error });
                    continue;
                }
            },
        };
        // A newer sentence that came during synthesis wins over this one.
        if let Ok(next) = rx.try_recv() {
            let _ = reports.send(Report::Replaced { seq });
            pending = Some(next);
            continue;
        }
        match play(output, seq, &wav) {
            Err(error) => {
                let _ = reports.send(Report::Failed {
                    seq,
                    error: VoiceError::Io(error),
                });
            }
            Ok(None) => {
                let _ = reports.send(Report::Started {
                    seq,
                    latency: at.elapsed(),
                });
                let _ = reports.send(Report::Finished { seq });
            }
            Ok(Some(mut child)) => {
                let _ = reports.send(Report::Started {
                    seq,
                    latency: at.elapsed(),
                });
                pending = wait_or_cut(&mut child, rx, reports, seq);
            }
        }
    }
}

/// Waits for the sound to end, or cuts it when a message comes.
fn wait_or_cut(
    child: &mut Child,
    rx: &Receiver<Msg>,
    reports: &Sender<Report>,
    seq: u64,
) -> Option<Msg> {
    loop {
        // The child is checked between messages: a short wait keeps the cut prompt.
        match rx.recv_timeout(Duration::from_millis(50)) {
            Ok(m) => {
                let _ = child.kill();
                let _ = child.wait();
                let _ = reports.send(Report::Replaced { seq });
                return Some(m);
            }
            Err(RecvTimeoutError::Disconnected) => {
                let _ = child.kill();
                let _ = child.wait();
                return None;
            }
            Err(RecvTimeoutError::Timeout) => {
                if let Ok(Some(_)) = child.try_wait() {
                    let _ = reports.send(Report::Finished { seq });
                    return None;
                }
            }
        }
    }
}

/// Starts the sound; `None` when it is already done (written to a file).
fn play(output: &Output, seq: u64, wav: &Wav) -> std::io::Result<Option<Child>> {
    match output {
        Output::Files(dir) => {
            std::fs::write(dir.join(format!("{seq:04}.wav")), wav.to_bytes())?;
            Ok(None)
        }
        Output::Device => {
            let mut child = Command::new("aplay")
                .args(["-q", "-"])
                .stdin(Stdio::piped())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()?;
            let bytes = wav.to_bytes();
            if let Some(mut stdin) = child.stdin.take() {
                // aplay reads as it plays: feed it from a thread so the cut stays prompt.
                std::thread::spawn(move || {
                    let _ = stdin.write_all(&bytes);
                });
            }
            Ok(Some(child))
        }
    }
}
