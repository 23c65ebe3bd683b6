//! One patient's face check, fed frame by frame: quality gates that turn each frame into guidance
//! the patient can follow, a decision from several good frames, a presentation-attack check,
//! a time limit, and a failure count the app shows and caps. No frame is kept past the call
//! that received it; only scores, landmark positions and one small grey thumbnail (for the
//! frozen-feed check) live between calls.

use crate::FaceError;
use crate::detect::Face;
use crate::engine::{CardFace, FaceEngine};
use opencv::core::{self, Mat, Rect, Size};
use opencv::imgproc;
use opencv::prelude::*;
use std::time::{Duration, Instant};

/// Every threshold of a session. The defaults are documented on each field.
#[derive(Debug, Clone, PartialEq)]
pub struct MatchConfig {
    /// Cosine similarity at or above which a frame counts as "same person". Default 0.363,
    /// OpenCV's SFace threshold (FAR 0.1 % on LFW per upstream); our own small set had
    /// genuine pairs at 0.6-0.8 and impostors at or below 0.26.
    pub threshold: f32,
    /// Frames wider than this are scaled down to it for detection (alignment and features
    /// still use the full frame). Default 640: full resolution. 320 makes detection about four
    /// times faster with the same score spreads on the test set, but it found false faces in a
    /// scene without any and misjudged the tilt of a turned head (the guidance tests fail), so
    /// it is not the default.
    pub detect_width: i32,
    /// Good frames at or above the threshold needed for a match. Default 3.
    pub match_frames: u32,
    /// Good frames below the threshold that end the attempt as no match. Default 6.
    pub reject_frames: u32,
    /// Time from the first frame of an attempt to giving up. Default 20 s.
    pub time_limit: Duration,
    /// Failed attempts after which the session refuses to go on. Default 3.
    pub max_failures: u32,
    /// Smallest face width as a fraction of the frame height (the short side). Default 0.20
    /// (96 px at 640x480).
    pub min_face_width: f32,
    /// Largest face width as a fraction of the frame height. Default 0.75 (360 px at 640x480).
    pub max_face_width: f32,
    /// Largest distance of the face centre from the frame centre, as a fraction of the frame
    /// width (horizontally) and height (vertically). Default 0.22.
    pub max_offcentre: f32,
    /// Largest yaw proxy: nose offset from the eye midpoint over the eye distance. Default 0.30.
    pub max_yaw: f32,
    /// Largest tilt of the eye line, degrees. Default 20.
    pub max_roll_deg: f32,
    /// Mean grey level of the face below which it is too dark. Default 50 (of 255).
    pub min_brightness: f64,
    /// Mean grey level of the face above which it is washed out. Default 215.
    pub max_brightness: f64,
    /// Variance of the Laplacian of the face (scaled to 128 px wide) below which it is too
    /// blurred. Default 20.
    pub min_sharpness: f64,
    /// Consecutive frames with (almost) no pixel change that make the feed "frozen". Default 5.
    pub frozen_frames: u32,
    /// Mean absolute grey difference between consecutive frames below which they count as
    /// identical. Camera sensor noise alone stays above it. Default 0.4.
    pub frozen_diff: f64,
    /// Smallest movement of the landmarks over the attempt, in face widths, that counts as a
    /// live face. Default 0.05: YuNet's landmarks alone jitter by up to about 0.03 face widths
    /// between two frames of a still picture (measured with a light flicker of 3 grey levels).
    pub min_motion: f32,
    /// A face that matches but has not moved by `min_motion` is refused once its good frames
    /// span this long (and number at least `still_frames`). Default 3 s: long enough for a
    /// person standing still to sway or blink their head a little, short next to the time limit.
    pub still_time: Duration,
    /// See `still_time`. Default 10.
    pub still_frames: u32,
}

impl Default for MatchConfig {
    fn default() -> Self {
        Self {
            threshold: 0.363,
            detect_width: 640,
            match_frames: 3,
            reject_frames: 6,
            time_limit: Duration::from_secs(20),
            max_failures: 3,
            min_face_width: 0.20,
            max_face_width: 0.75,
            max_offcentre: 0.22,
            max_yaw: 0.30,
            max_roll_deg: 20.0,
            min_brightness: 50.0,
            max_brightness: 215.0,
            min_sharpness: 20.0,
            frozen_frames: 5,
            frozen_diff: 0.4,
            min_motion: 0.05,
            still_time: Duration::from_secs(3),
            still_frames: 10,
        }
    }
}

/// What to tell the patient after a frame, as a kind: the words are the desk's
/// (`onshi_desk::i18n::guidance`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Guidance {
    /// No face in the frame.
    NoFace,
    /// More than one face.
    OnePersonOnly,
    /// The face is too small.
    MoveCloser,
    /// The face is too large.
    MoveBack,
    /// The face is away from the middle of the frame.
    CentreFace,
    /// The head is turned or tilted.
    LookStraight,
    /// The face is too dark.
    TooDark,
    /// The face is washed out.
    TooBright,
    /// The face is blurred.
    HoldStill,
    /// The frame was good and is being compared: keep still.
    Checking,
}

/// Why the presentation-attack check refused the attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attack {
    /// Consecutive frames were identical: a still image injected as a camera, or a frozen camera.
    FrozenFeed,
    /// The face matched but did not move at all over many frames: a fixed photo or screen.
    NoMotion,
}

/// How an attempt ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The person is the card holder.
    Match,
    /// Good frames, but of someone else.
    NoMatch,
    /// The time limit passed without a decision.
    TimedOut,
    /// Refused by the presentation-attack check.
    AttackSuspected(Attack),
}

/// The end of an attempt. Every outcome but `Match` counts as a failure.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Verdict {
    pub outcome: Outcome,
    /// For a match, the median score of the frames that matched; otherwise the best score of
    /// the attempt; `None` when no good frame was seen.
    pub score: Option<f32>,
    /// Good frames compared in this attempt.
    pub good_frames: u32,
    /// Failed attempts so far in this session, this one included.
    pub failures: u32,
    /// Further attempts allowed by `max_failures` (0 means: offer the PIN or 目視 instead).
    pub attempts_left: u32,
}

impl Verdict {
    pub fn is_match(&self) -> bool {
        self.outcome == Outcome::Match
    }
}

/// The answer to one frame.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Step {
    /// Keep going; show this to the patient.
    Guidance(Guidance),
    /// The attempt is over.
    Verdict(Verdict),
}

/// Per-attempt state; reset by [`MatchSession::retry`].
#[derive(Default)]
struct Attempt {
    started: Option<Instant>,
    matched: Vec<f32>,
    rejected: u32,
    best: Option<f32>,
    good_frames: u32,
    /// Landmarks of the first good frame, in pixels, and the largest movement since (in face
    /// widths).
    first_landmarks: Option<[(f32, f32); 5]>,
    first_good: Option<Instant>,
    motion: f32,
    last_thumb: Option<Mat>,
    still_run: u32,
    verdict: Option<Verdict>,
}

/// One patient's face check against one card photo. The app feeds it frames from its own
/// thread, with the engine it loaded once, and shows the guidance; see the crate docs.
pub struct MatchSession {
    card: CardFace,
    config: MatchConfig,
    attempt: Attempt,
    failures: u32,
}

impl MatchSession {
    pub fn new(card: CardFace, config: MatchConfig) -> Self {
        Self {
            card,
            config,
            attempt: Attempt::default(),
            failures: 0,
        }
    }

    pub fn config(&self) -> &MatchConfig {
        &self.config
    }

    /// Failed attempts so far.
    pub fn failures(&self) -> u32 {
        self.failures
    }

    /// The verdict of the current attempt, once there is one.
    pub fn verdict(&self) -> Option<Verdict> {
        self.attempt.verdict
    }

    /// Starts a new attempt after a failed one. Refused once `max_failures` is reached, and
    /// after a match (there is nothing left to check).
    pub fn retry(&mut self) -> Result<(), FaceError> {
        if self.failures >= self.config.max_failures {
            return Err(FaceError::TooManyFailures {
                failures: self.failures,
            });
        }
        if self.attempt.verdict.is_some_and(|v| v.is_match()) {
            return Ok(());
        }
        self.attempt = Attempt::default();
        Ok(())
    }

    /// Ends the attempt as timed out if its time limit has passed by `now`, for an app whose
    /// camera stops sending frames (frames alone only check the limit when they arrive).
    pub fn check_time_limit(&mut self, now: Instant) -> Option<Verdict> {
        if let Some(v) = self.attempt.verdict {
            return Some(v);
        }
        let started = self.attempt.started?;
        if now.saturating_duration_since(started) > self.config.time_limit {
            return match self.finish(Outcome::TimedOut) {
                Step::Verdict(v) => Some(v),
                Step::Guidance(_) => None,
            };
        }
        None
    }

    /// Takes one BGR frame captured at `at` (any size; the working size is 640x480, see
    /// [`crate::fit_frame`]). After a verdict, further frames return the same verdict.
    pub fn feed(
        &mut self,
        engine: &mut FaceEngine,
        frame: &Mat,
        at: Instant,
    ) -> Result<Step, FaceError> {
        if let Some(v) = self.attempt.verdict {
            return Ok(Step::Verdict(v));
        }
        let started = *self.attempt.started.get_or_insert(at);
        if at.saturating_duration_since(started) > self.config.time_limit {
            return Ok(self.finish(Outcome::TimedOut));
        }

        let grey = to_grey(frame)?;
        if self.frozen(&grey)? {
            return Ok(self.finish(Outcome::AttackSuspected(Attack::FrozenFeed)));
        }

        let faces = engine.detect_scaled(frame, self.config.detect_width)?;
        let face = match self.gate(&grey, &faces)? {
            Ok(face) => face,
            Err(guidance) => {
                tracing::trace!(?guidance, "face frame not usable");
                return Ok(Step::Guidance(guidance));
            }
        };

        let score = engine.feature(frame, &face)?.cosine(&self.card.feature);
        let a = &mut self.attempt;
        a.good_frames += 1;
        a.first_good.get_or_insert(at);
        a.best = Some(a.best.map_or(score, |b| b.max(score)));
        self.track_motion(&face);
        let a = &mut self.attempt;
        if score >= self.config.threshold {
            a.matched.push(score);
        } else {
            a.rejected += 1;
        }
        tracing::debug!(score, good = a.good_frames, "face frame compared");

        let live = a.motion >= self.config.min_motion;
        if a.matched.len() as u32 >= self.config.match_frames && live {
            return Ok(self.finish(Outcome::Match));
        }
        if a.rejected >= self.config.reject_frames {
            return Ok(self.finish(Outcome::NoMatch));
        }
        let first_good = a.first_good.unwrap_or(at);
        if !live
            && a.good_frames >= self.config.still_frames
            && at.saturating_duration_since(first_good) >= self.config.still_time
        {
            return Ok(self.finish(Outcome::AttackSuspected(Attack::NoMotion)));
        }
        Ok(Step::Guidance(Guidance::Checking))
    }

    fn finish(&mut self, outcome: Outcome) -> Step {
        let a = &self.attempt;
        let score = if outcome == Outcome::Match {
            let mut m = a.matched.clone();
            m.sort_by(f32::total_cmp);
            m.get(m.len() / 2).copied()
        } else {
            a.best
        };
        if outcome != Outcome::Match {
            self.failures += 1;
        }
        let verdict = Verdict {
            outcome,
            score,
            good_frames: a.good_frames,
            failures: self.failures,
            attempts_left: self.config.max_failures.saturating_sub(self.failures),
        };
        tracing::info!(?outcome, ?score, failures = self.failures, "face verdict");
        self.attempt.verdict = Some(verdict);
        Step::Verdict(verdict)
    }

    /// Frozen-feed check on a 64x48 thumbnail: identical consecutive frames, which no real
    /// sensor produces, several times in a row.
    fn frozen(&mut self, grey: &Mat) -> Result<bool, FaceError> {
        let mut thumb = Mat::default();
        imgproc::resize(
            grey,
            &mut thumb,
            Size::new(64, 48),
            0.0,
            0.0,
            imgproc::INTER_AREA,
        )?;
        let a = &mut self.attempt;
        if let Some(prev) = &a.last_thumb {
            let mut diff = Mat::default();
            core::absdiff(prev, &thumb, &mut diff)?;
            if core::mean_def(&diff)?[0] < self.config.frozen_diff {
                a.still_run += 1;
            } else {
                a.still_run = 0;
            }
        }
        a.last_thumb = Some(thumb);
        Ok(a.still_run + 1 >= self.config.frozen_frames)
    }

    /// Largest mean landmark displacement since the first good frame, in face widths.
    fn track_motion(&mut self, face: &Face) {
        let a = &mut self.attempt;
        match a.first_landmarks {
            None => a.first_landmarks = Some(face.landmarks),
            Some(first) => {
                let d: f32 = first
                    .iter()
                    .zip(&face.landmarks)
                    .map(|(p, q)| ((p.0 - q.0).powi(2) + (p.1 - q.1).powi(2)).sqrt())
                    .sum::<f32>()
                    / 5.0;
                a.motion = a.motion.max(d / face.w.max(1.0));
            }
        }
    }

    /// The quality gates, in the order a patient would fix them.
    fn gate(&self, grey: &Mat, faces: &[Face]) -> Result<Result<Face, Guidance>, FaceError> {
        let c = &self.config;
        let Some(largest) = faces
            .iter()
            .copied()
            .max_by(|a, b| (a.w * a.h).total_cmp(&(b.w * b.h)))
        else {
            return Ok(Err(Guidance::NoFace));
        };
        // A face much smaller than the main one is someone far behind; anything else is a
        // second person at the counter.
        if faces.iter().filter(|f| f.w >= largest.w / 3.0).count() > 1 {
            return Ok(Err(Guidance::OnePersonOnly));
        }
        let (fw, fh) = (grey.cols() as f32, grey.rows() as f32);
        let rel = largest.w / fh.min(fw);
        if rel < c.min_face_width {
            return Ok(Err(Guidance::MoveCloser));
        }
        if rel > c.max_face_width {
            return Ok(Err(Guidance::MoveBack));
        }
        let (cx, cy) = largest.centre();
        if (cx - fw / 2.0).abs() > c.max_offcentre * fw
            || (cy - fh / 2.0).abs() > c.max_offcentre * fh
        {
            return Ok(Err(Guidance::CentreFace));
        }
        let [re, le, nose, _, _] = largest.landmarks;
        let eye_dist = ((le.0 - re.0).powi(2) + (le.1 - re.1).powi(2))
            .sqrt()
            .max(1.0);
        let yaw = (nose.0 - (re.0 + le.0) / 2.0) / eye_dist;
        let roll = (le.1 - re.1).atan2(le.0 - re.0).to_degrees();
        if yaw.abs() > c.max_yaw || roll.abs() > c.max_roll_deg {
            return Ok(Err(Guidance::LookStraight));
        }
        let roi = clamp_rect(&largest, grey.cols(), grey.rows());
        if roi.width < 8 || roi.height < 8 {
            return Ok(Err(Guidance::MoveCloser));
        }
        let face_px = grey.roi(roi)?;
        let brightness = core::mean_def(&face_px)?[0];
        if brightness < c.min_brightness {
            return Ok(Err(Guidance::TooDark));
        }
        if brightness > c.max_brightness {
            return Ok(Err(Guidance::TooBright));
        }
        if sharpness(&face_px)? < c.min_sharpness {
            return Ok(Err(Guidance::HoldStill));
        }
        Ok(Ok(largest))
    }
}

fn to_grey(frame: &Mat) -> Result<Mat, FaceError> {
    if frame.channels() == 1 {
        return Ok(frame.clone());
    }
    let mut g = Mat::default();
    imgproc::cvt_color_def(frame, &mut g, imgproc::COLOR_BGR2GRAY)?;
    Ok(g)
}

fn clamp_rect(f: &Face, cols: i32, rows: i32) -> Rect {
    let x0 = (f.x.max(0.0) as i32).min(cols - 1);
    let y0 = (f.y.max(0.0) as i32).min(rows - 1);
    let x1 = ((f.x + f.w) as i32).clamp(x0 + 1, cols);
    let y1 = ((f.y + f.h) as i32).clamp(y0 + 1, rows);
    Rect::new(x0, y0, x1 - x0, y1 - y0)
}

/// Variance of the Laplacian at a fixed face scale, so near and far faces compare alike.
pub(crate) fn sharpness(
    face_grey: &(impl MatTraitConst + core::ToInputArray),
) -> Result<f64, FaceError> {
    let w = face_grey.cols().max(1) as f64;
    let f = 128.0 / w;
    let mut scaled = Mat::default();
    imgproc::resize(
        face_grey,
        &mut scaled,
        Size::default(),
        f,
        f,
        imgproc::INTER_AREA,
    )?;
    let mut lap = Mat::default();
    imgproc::laplacian_def(&scaled, &mut lap, core::CV_64F)?;
    let (mut mean, mut std) = (Mat::default(), Mat::default());
    core::mean_std_dev_def(&lap, &mut mean, &mut std)?;
    let s = *std.at::<f64>(0)?;
    Ok(s * s)
}
