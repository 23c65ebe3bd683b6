//! Decides whether the person in front of the camera is the person on the card, as the
//! 顔認証付きカードリーダー does: the card's JPEG 2000 photo becomes an SFace feature, live frames
//! go through YuNet detection and quality gates, and a [`MatchSession`] decides from several
//! good frames, with guidance for the patient, a time limit, a failure count and a basic
//! presentation-attack check. Nothing here writes a frame or a photo anywhere.
//!
//! # Use
//!
//! ```no_run
//! use face_match::{FaceEngine, Fit, FrameSource, MatchConfig, MatchSession, Step, VideoSource};
//! # fn card_photo_bytes() -> Vec<u8> { Vec::new() }
//! let mut engine = FaceEngine::load_default()?; // once per app; Send
//! let card = engine.card_face(&card_photo_bytes())?; // JP2 bytes of 券面AP DF27
//! let mut session = MatchSession::new(card, MatchConfig::default());
//! let mut camera = VideoSource::open("0", Fit::Letterbox)?; // or "frames/f_%03d.png"
//! while let Some(frame) = camera.next_frame()? {
//!     match session.feed(&mut engine, &frame, std::time::Instant::now())? {
//!         Step::Guidance(g) => println!("{g:?}"), // the desk words it for the patient
//!         Step::Verdict(v) => {
//!             println!("{:?} score {:?}, {} attempts left", v.outcome, v.score, v.attempts_left);
//!             break; // or session.retry()? while attempts are left
//!         }
//!     }
//! }
//! # Ok::<(), face_match::FaceError>(())
//! ```
//!
//! # Models
//!
//! YuNet 2023mar and SFace 2021dec, pinned by sha256 in `assets/models/models.lock`, are looked
//! for in `$ONSHI_MODELS_DIR`, else `<workspace>/.onshi/models`, where `cargo xtask setup`
//! puts them. A missing or altered file gives [`FaceError::ModelMissing`] /
//! [`FaceError::ModelAltered`], whose messages name `cargo xtask setup`.
//!
//! # Guidance
//!
//! | [`Guidance`] | ja | en |
//! |---|---|---|
//! | `NoFace` | カメラに顔を向けてください | Please face the camera |
//! | `OnePersonOnly` | お一人でお願いします | One person at a time, please |
//! | `MoveCloser` | 近づいてください | Please come closer |
//! | `MoveBack` | 少し離れてください | Please move back a little |
//! | `CentreFace` | 枠の中央に顔を合わせてください | Please centre your face in the frame |
//! | `LookStraight` | 正面を向いてください | Please look straight at the camera |
//! | `TooDark` | 顔が暗く写っています。明るい場所でお願いします | Your face is too dark; please find better light |
//! | `TooBright` | 顔が明るすぎます。光を避けてください | Your face is too bright; please avoid direct light |
//! | `HoldStill` | 動かないでください | Please hold still |
//! | `Checking` | そのままお待ちください | Please wait a moment |
//!
//! # Decision
//!
//! A frame that passes every gate is compared with the card (cosine similarity of SFace
//! features). The attempt ends as a match after [`MatchConfig::match_frames`] frames at or
//! above [`MatchConfig::threshold`] (and some natural motion, below); as no match after
//! [`MatchConfig::reject_frames`] frames below it; as timed out after
//! [`MatchConfig::time_limit`] from its first frame. Every outcome but a match adds one to the
//! failure count; [`MatchSession::retry`] refuses once [`MatchConfig::max_failures`] is reached.
//!
//! # Presentation-attack check: what it stops and what it does not
//!
//! It refuses (as [`Attack::FrozenFeed`]) a feed whose consecutive frames are identical,
//! which is what a still image injected as a virtual camera, or a hung camera, delivers; and
//! (as [`Attack::NoMotion`]) a face that matches but whose landmarks do not move by
//! [`MatchConfig::min_motion`] face widths over [`MatchConfig::still_time`] of good frames, such
//! as a printed photo or a tablet on a stand in front of the camera. It does **not** stop a
//! photo or a screen moved by hand, a replayed video, a mask, or a deepfake: those need depth,
//! infrared or challenge-response hardware, which the certified card readers have and this
//! software check does not replace.

mod detect;
mod engine;
mod error;
mod frame;
#[cfg(feature = "fuzzing")]
#[doc(hidden)]
pub mod fuzzing;
mod models;
mod photo;
mod session;

pub use detect::Face;
pub use engine::{CardFace, FaceEngine, Feature, decode_photo};
pub use error::FaceError;
pub use frame::{FRAME_SIZE, Fit, FrameSource, VideoSource, fit_frame};
pub use models::{DETECTOR_FILE, ModelPaths, RECOGNIZER_FILE};
pub use photo::{PhotoHeader, check_photo, limits as photo_limits};
pub use session::{Attack, Guidance, MatchConfig, MatchSession, Outcome, Step, Verdict};

/// The OpenCV types frames come in, re-exported so the app needs no direct `opencv` dependency.
pub use opencv::core::Mat;

#[cfg(test)]
mod tests {
    /// The app runs the camera and the matching on its own thread.
    #[test]
    fn engine_and_session_can_move_to_another_thread() {
        fn send<T: Send>() {}
        send::<crate::FaceEngine>();
        send::<crate::MatchSession>();
        send::<crate::VideoSource>();
    }
}
