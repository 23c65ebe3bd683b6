//! The face worker: one thread that loads the face models once (in the background, so start-up
//! stays fast), and for a face check turns the card photo into a feature (the photo is dropped
//! right after), opens the camera, feeds its frames to a [`MatchSession`] and posts guidance
//! when it changes and the verdict at the end of each attempt. It also publishes each frame,
//! as RGB, for the patient's live view; frames are replaced, never kept. A file camera (video
//! or image sequence, the developers' virtual camera) is read at a camera-like pace and starts
//! over when it runs out, so a demo can run as long as it likes.

use super::{Post, PreviewSlot, StartError};
use crate::config::Config;
use crate::flow::{CardPhoto, Event, FaceResult, FaceTrouble, VisitId};
use crate::port::PreviewFrame;
use face_match::{
    FaceEngine, FaceError, Fit, FrameSource, Guidance, Mat, MatchConfig, MatchSession, ModelPaths,
    Step, VideoSource,
};
use opencv::prelude::*;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

/// Pace of a file camera: a webcam's usual rate, and no busier than needed.
const FILE_FRAME_INTERVAL: Duration = Duration::from_millis(66);

pub(crate) enum Job {
    Start(VisitId, CardPhoto),
    Retry(VisitId),
    Stop(VisitId),
    SetCamera(String),
}

pub(crate) struct FaceWorker {
    jobs: Sender<Job>,
}

impl FaceWorker {
    pub(crate) fn start(
        cfg: &Config,
        post: Post,
        preview: PreviewSlot,
    ) -> Result<FaceWorker, StartError> {
        let (jobs, rx) = mpsc::channel();
        let t = FaceThread {
            post,
            preview,
            camera: cfg.camera.clone(),
            models_dir: cfg.models_dir.clone(),
            engine: None,
            active: None,
            seq: 0,
        };
        std::thread::Builder::new()
            .name("desk-face".into())
            .spawn(move || t.run(rx))
            .map_err(StartError::Thread)?;
        Ok(FaceWorker { jobs })
    }

    pub(crate) fn send(&self, job: Job) {
        if self.jobs.send(job).is_err() {
            tracing::error!("the face thread has stopped");
        }
    }

    pub(crate) fn set_camera(&self, spec: &str) {
        self.send(Job::SetCamera(spec.to_string()));
    }

    pub(crate) fn camera_setter(&self) -> Arc<dyn Fn(&str) + Send + Sync> {
        let jobs = self.jobs.clone();
        Arc::new(move |spec: &str| {
            let _ = jobs.send(Job::SetCamera(spec.to_string()));
        })
    }
}

/// A face check in progress.
struct Active {
    visit: VisitId,
    session: MatchSession,
    source: VideoSource,
    /// The camera it was opened with (a changed setting is picked up at the next attempt).
    spec: String,
    is_file: bool,
    /// Frames read since the source was (re)opened: an empty file is a broken camera.
    frames_since_open: u64,
    last_guidance: Option<Guidance>,
    /// False between a verdict and the retry: no frames are read.
    running: bool,
    next_due: Instant,
}

struct FaceThread {
    post: Post,
    preview: PreviewSlot,
    camera: Option<String>,
    models_dir: Option<PathBuf>,
    engine: Option<Result<FaceEngine, FaceError>>,
    active: Option<Active>,
    seq: u64,
}

fn load_engine(dir: Option<&PathBuf>) -> Result<FaceEngine, FaceError> {
    let started = Instant::now();
    let paths = match dir {
        Some(d) => ModelPaths::in_dir(d)?,
        None => ModelPaths::locate()?,
    };
    let engine = FaceEngine::load(&paths)?;
    tracing::info!(
        ms = started.elapsed().as_millis() as u64,
        "face models loaded"
    );
    Ok(engine)
}

fn open(spec: &str) -> Result<VideoSource, FaceError> {
    VideoSource::open(spec, Fit::Letterbox)
}

impl FaceThread {
    fn run(mut self, rx: Receiver<Job>) {
        if self.camera.is_some() {
            self.engine = Some(load_engine(self.models_dir.as_ref()));
            if let Some(Err(e)) = &self.engine {
                tracing::error!(error = %e, "face models not usable: face matching is off");
            }
        }
        loop {
            let running = self.active.as_ref().filter(|a| a.running);
            let job = match running {
                None => match rx.recv() {
                    Ok(j) => Some(j),
                    Err(_) => break,
                },
                Some(a) => {
                    // A file camera waits for its next frame time here, so that a job (stop,
                    // retry) is taken at once; a real camera paces itself in `next_frame`.
                    let wait = if a.is_file {
                        a.next_due.saturating_duration_since(Instant::now())
                    } else {
                        Duration::ZERO
                    };
                    match rx.recv_timeout(wait) {
                        Ok(j) => Some(j),
                        Err(RecvTimeoutError::Timeout) => None,
                        Err(RecvTimeoutError::Disconnected) => break,
                    }
                }
            };
            match job {
                Some(j) => self.handle(j),
                None => self.step(),
            }
        }
        self.stop();
    }

    fn handle(&mut self, job: Job) {
        match job {
            Job::Start(v, photo) => self.start(v, photo),
            Job::Retry(v) => self.retry(v),
            Job::Stop(v) => {
                if self.active.as_ref().is_some_and(|a| a.visit == v) {
                    self.stop();
                }
            }
            Job::SetCamera(spec) => {
                tracing::info!("camera changed for the next face attempt");
                self.camera = Some(spec);
            }
        }
    }

    fn fail(&mut self, v: VisitId, trouble: FaceTrouble, e: &dyn std::fmt::Display) {
        tracing::warn!(?trouble, error = %e, "face check cannot run");
        self.stop();
        self.post.send(Event::FaceFailed(v, trouble));
    }

    fn start(&mut self, v: VisitId, photo: CardPhoto) {
        self.stop();
        let Some(spec) = self.camera.clone() else {
            self.fail(v, FaceTrouble::Camera, &"no camera is configured");
            return;
        };
        if self.engine.is_none() {
            self.engine = Some(load_engine(self.models_dir.as_ref()));
        }
        let engine = match self.engine.as_mut() {
            Some(Ok(e)) => e,
            Some(Err(e)) => {
                let msg = e.to_string();
                self.fail(v, FaceTrouble::Models, &msg);
                return;
            }
            None => unreachable!("loaded above"),
        };
        let card = engine.card_face(&photo.0);
        // The photo is needed no longer than its feature.
        drop(photo);
        let card = match card {
            Ok(c) => c,
            Err(e) => {
                self.fail(v, FaceTrouble::Photo, &e);
                return;
            }
        };
        let source = match open(&spec) {
            Ok(s) => s,
            Err(e) => {
                self.fail(v, FaceTrouble::Camera, &e);
                return;
            }
        };
        tracing::info!("face check started");
        self.active = Some(Active {
            visit: v,
            // The readers' limit per visit, which the flow also counts.
            session: MatchSession::new(
                card,
                MatchConfig {
                    max_failures: crate::flow::FACE_ATTEMPTS,
                    ..MatchConfig::default()
                },
            ),
            source,
            is_file: spec.parse::<i32>().is_err(),
            spec,
            frames_since_open: 0,
            last_guidance: None,
            running: true,
            next_due: Instant::now(),
        });
    }

    fn retry(&mut self, v: VisitId) {
        let Some(a) = self.active.as_mut().filter(|a| a.visit == v) else {
            return;
        };
        if let Err(e) = a.session.retry() {
            tracing::info!(error = %e, "no face attempt left");
            let result = FaceResult {
                outcome: a
                    .session
                    .verdict()
                    .map_or(face_match::Outcome::TimedOut, |v| v.outcome),
                score: None,
                attempts_left: 0,
            };
            self.post.send(Event::FaceDone(v, result));
            return;
        }
        if let Some(spec) = self.camera.clone()
            && spec != a.spec
        {
            match open(&spec) {
                Ok(s) => {
                    a.source = s;
                    a.is_file = spec.parse::<i32>().is_err();
                    a.spec = spec;
                    a.frames_since_open = 0;
                }
                Err(e) => {
                    self.fail(v, FaceTrouble::Camera, &e);
                    return;
                }
            }
        }
        a.last_guidance = None;
        a.running = true;
        a.next_due = Instant::now();
    }

    fn stop(&mut self) {
        if self.active.take().is_some() {
            tracing::debug!("camera closed");
        }
        if let Ok(mut p) = self.preview.lock() {
            *p = None;
        }
    }

    /// Reads and judges one frame.
    fn step(&mut self) {
        let Some(a) = self.active.as_mut() else {
            return;
        };
        let v = a.visit;
        let now = Instant::now();
        a.next_due = (a.next_due + FILE_FRAME_INTERVAL).max(now);
        let frame = match a.source.next_frame() {
            Ok(Some(f)) => f,
            Ok(None) if a.frames_since_open > 0 => {
                // The virtual camera ran out: start it over.
                match open(&a.spec) {
                    Ok(s) => {
                        a.source = s;
                        a.frames_since_open = 0;
                        return;
                    }
                    Err(e) => return self.fail(v, FaceTrouble::Camera, &e),
                }
            }
            Ok(None) => {
                return self.fail(v, FaceTrouble::Camera, &"the camera file holds no frames");
            }
            Err(e) => return self.fail(v, FaceTrouble::Camera, &e),
        };
        a.frames_since_open += 1;
        self.seq += 1;
        match to_preview(&frame, self.seq) {
            Ok(p) => {
                if let Ok(mut slot) = self.preview.lock() {
                    *slot = Some(Arc::new(p));
                }
            }
            Err(e) => tracing::debug!(error = %e, "no preview for this frame"),
        }
        let Some(Ok(engine)) = self.engine.as_mut() else {
            return self.fail(v, FaceTrouble::Models, &"face models not loaded");
        };
        let step = a.session.feed(engine, &frame, Instant::now());
        drop(frame);
        match step {
            Ok(Step::Guidance(g)) => {
                if a.last_guidance != Some(g) {
                    a.last_guidance = Some(g);
                    self.post.send(Event::FaceGuidance(v, g));
                }
            }
            Ok(Step::Verdict(verdict)) => {
                a.running = false;
                self.post.send(Event::FaceDone(
                    v,
                    FaceResult {
                        outcome: verdict.outcome,
                        score: verdict.score,
                        attempts_left: verdict.attempts_left,
                    },
                ));
            }
            Err(e) => self.fail(v, FaceTrouble::Camera, &e),
        }
    }
}

/// The frame as RGB for the screen (frames are 640x480 already: no scaling needed).
fn to_preview(bgr: &Mat, seq: u64) -> opencv::Result<PreviewFrame> {
    let owned;
    let m = if bgr.is_continuous() {
        bgr
    } else {
        owned = bgr.try_clone()?;
        &owned
    };
    let (width, height) = (m.cols() as usize, m.rows() as usize);
    let bytes = m.data_bytes()?;
    if m.channels() != 3 || bytes.len() != width * height * 3 {
        return Err(opencv::Error::new(
            opencv::core::StsBadArg,
            "preview needs a 3-channel 8-bit frame",
        ));
    }
    let mut rgb = Vec::with_capacity(bytes.len());
    for px in bytes.chunks_exact(3) {
        rgb.extend_from_slice(&[px[2], px[1], px[0]]);
    }
    Ok(PreviewFrame {
        width,
        height,
        rgb,
        seq,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_preview_is_the_frame_in_rgb_order() {
        // One pixel: blue 10, green 20, red 30 (OpenCV keeps BGR).
        let bgr = Mat::new_rows_cols_with_default(
            2,
            3,
            opencv::core::CV_8UC3,
            opencv::core::Scalar::new(10.0, 20.0, 30.0, 0.0),
        )
        .unwrap();
        let p = to_preview(&bgr, 7).unwrap();
        assert_eq!((p.width, p.height, p.seq), (3, 2, 7));
        assert_eq!(p.rgb.len(), 3 * 2 * 3);
        assert!(p.rgb.chunks(3).all(|px| px == [30, 20, 10]));
    }
}
