//! The card-front worker: one thread that owns the `[card_front]` source, card_front's
//! [`FrontReader`] (Tesseract, loaded once in the background) and, while the flow asks for it,
//! an [`Agreement`] over the frames of the card on the reader. It posts the frame's problem
//! when it changes (the patient's guidance), and a certain reading once, as
//! [`FrontUpdate::Certain`], then stops reading: the flow sends that number to the card at
//! most once. The digits go from card_front's `Zeroizing` buffer straight into the driver's
//! [`VerificationNumberB`]; neither is logged. A file source (an image sequence, the
//! developers' virtual card front) is read at a camera-like pace and starts over when it runs
//! out; one image file (a scanner's output) is read anew for every frame.

use super::{Post, StartError};
use crate::config::{CardFrontSource, Config};
use crate::flow::{Event, FrameProblem, FrontUpdate, MaskedReading, VisitId};
use card_front::{
    Agreement, AgreementRules, FrontError, FrontReader, FrontSource, ImageFront, Progress,
    ReaderConfig, VideoFront,
};
use reader_driver::VerificationNumberB;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::Duration;

/// Pace of a file source: a camera's usual rate for a card that lies still.
const FILE_FRAME_INTERVAL: Duration = Duration::from_millis(100);

pub(crate) enum Job {
    Read(VisitId),
    Stop(VisitId),
    /// The developer panel: what the card-front camera sees from the next reading on.
    SetSource(CardFrontSource),
}

pub(crate) struct FrontWorker {
    jobs: Sender<Job>,
}

impl FrontWorker {
    pub(crate) fn start(cfg: &Config, post: Post) -> Result<FrontWorker, StartError> {
        let (jobs, rx) = mpsc::channel();
        let t = FrontThread {
            post,
            source: cfg.card_front.clone(),
            reader: None,
            active: None,
        };
        std::thread::Builder::new()
            .name("desk-card-front".into())
            .spawn(move || t.run(rx))
            .map_err(StartError::Thread)?;
        Ok(FrontWorker { jobs })
    }

    pub(crate) fn send(&self, job: Job) {
        if self.jobs.send(job).is_err() {
            tracing::error!("the card-front thread has stopped");
        }
    }

    pub(crate) fn source_setter(&self) -> crate::dev::FrontSetter {
        let jobs = self.jobs.clone();
        std::sync::Arc::new(move |s: CardFrontSource| {
            let _ = jobs.send(Job::SetSource(s));
        })
    }
}

/// A reading in progress for one visit.
struct Active {
    visit: VisitId,
    source: Box<dyn FrontSource>,
    is_file: bool,
    agreement: Agreement,
    /// The problem last posted (posted again only when it changes).
    problem: Option<FrameProblem>,
    /// Frames read since the source was (re)opened: an empty sequence is a broken source.
    frames_since_open: u64,
}

struct FrontThread {
    post: Post,
    source: Option<CardFrontSource>,
    reader: Option<Result<FrontReader, FrontError>>,
    active: Option<Active>,
}

fn open(source: &CardFrontSource) -> Result<(Box<dyn FrontSource>, bool), FrontError> {
    Ok(match source {
        CardFrontSource::Device(i) => (Box::new(VideoFront::open(&i.to_string())?), false),
        s @ CardFrontSource::Images(p) if s.is_sequence() => {
            (Box::new(VideoFront::open(&p.to_string_lossy())?), true)
        }
        CardFrontSource::Images(p) => (Box::new(ImageFront::new(p)), true),
    })
}

impl FrontThread {
    fn run(mut self, rx: Receiver<Job>) {
        if self.source.is_some() {
            self.reader = Some(FrontReader::new(ReaderConfig::default()));
            if let Some(Err(e)) = &self.reader {
                tracing::error!(error = %e, "card-front OCR not usable: 照合番号B is keyed");
            }
        }
        loop {
            let job = match &self.active {
                None => match rx.recv() {
                    Ok(j) => Some(j),
                    Err(_) => break,
                },
                // A file source waits for its next frame time here, so that a job is taken at
                // once; a device paces itself in `next_frame`.
                Some(a) if a.is_file => match rx.recv_timeout(FILE_FRAME_INTERVAL) {
                    Ok(j) => Some(j),
                    Err(RecvTimeoutError::Timeout) => None,
                    Err(RecvTimeoutError::Disconnected) => break,
                },
                Some(_) => match rx.try_recv() {
                    Ok(j) => Some(j),
                    Err(mpsc::TryRecvError::Empty) => None,
                    Err(mpsc::TryRecvError::Disconnected) => break,
                },
            };
            match job {
                Some(Job::Read(v)) => self.start(v),
                Some(Job::Stop(v)) => {
                    if self.active.as_ref().is_some_and(|a| a.visit == v) {
                        self.active = None;
                    }
                }
                Some(Job::SetSource(s)) => {
                    if self.reader.is_none() {
                        self.reader = Some(FrontReader::new(ReaderConfig::default()));
                    }
                    self.source = Some(s);
                }
                None => self.step(),
            }
        }
    }

    fn start(&mut self, visit: VisitId) {
        self.active = None;
        let opened = match (&self.source, &self.reader) {
            (Some(s), Some(Ok(_))) => open(s).ok(),
            _ => None,
        };
        let Some((source, is_file)) = opened else {
            tracing::warn!("card front cannot be read: 照合番号B is keyed");
            self.post
                .send(Event::FrontRead(visit, FrontUpdate::Unavailable));
            return;
        };
        self.active = Some(Active {
            visit,
            source,
            is_file,
            agreement: Agreement::new(AgreementRules::new(crate::time::today())),
            problem: None,
            frames_since_open: 0,
        });
    }

    /// Reads one frame of the active reading.
    fn step(&mut self) {
        let (Some(a), Some(Ok(reader))) = (self.active.as_mut(), self.reader.as_mut()) else {
            return;
        };
        let visit = a.visit;
        let frame = match a.source.next_frame() {
            Ok(Some(f)) => {
                a.frames_since_open += 1;
                f
            }
            // A sequence that ran out starts over (the card still lies there); one that never
            // gave a frame is broken.
            Ok(None) if a.frames_since_open > 0 => {
                match self.source.as_ref().map(open) {
                    Some(Ok((source, _))) => {
                        a.source = source;
                        a.frames_since_open = 0;
                    }
                    _ => self.unavailable(visit),
                }
                return;
            }
            Ok(None) | Err(_) => return self.unavailable(visit),
        };
        let read = match reader.read(&frame) {
            Ok(r) => r,
            Err(e) => {
                tracing::error!(error = %e, "card-front OCR failed");
                return self.unavailable(visit);
            }
        };
        let problem = match a.agreement.feed(read) {
            Progress::Certain(parts) => {
                let digits = parts.digits();
                let shown = MaskedReading::of(&parts);
                let number = std::str::from_utf8(&digits[..])
                    .ok()
                    .and_then(|s| VerificationNumberB::new(s).ok());
                self.active = None;
                match number {
                    Some(n) => {
                        tracing::info!("照合番号B read from the card front");
                        self.post
                            .send(Event::FrontRead(visit, FrontUpdate::Certain(n, shown)));
                    }
                    None => self.unavailable(visit),
                }
                return;
            }
            Progress::Problem(p) => Some(p),
            Progress::Reading { .. } | Progress::Doubtful(_) => None,
        };
        if problem != a.problem {
            a.problem = problem;
            self.post
                .send(Event::FrontRead(visit, FrontUpdate::Problem(problem)));
        }
    }

    fn unavailable(&mut self, visit: VisitId) {
        tracing::warn!("card-front source gave no frame: 照合番号B is keyed");
        self.active = None;
        self.post
            .send(Event::FrontRead(visit, FrontUpdate::Unavailable));
    }
}

#[cfg(test)]
mod tests {
    //! The worker with its real parts: Tesseract reading the simulator's rendered card fronts
    //! from image files, as `[card_front] images` gives them.
    use super::*;
    use opencv::core::Vector;
    use opencv::imgcodecs;
    use simulators::front::{self, FrontFace, Trouble};
    use std::path::{Path, PathBuf};
    use std::sync::Arc;

    /// Long enough for Tesseract to load and read a few frames on a busy 2-core machine.
    const PATIENCE: Duration = Duration::from_secs(60);

    fn assets() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../assets")
    }

    /// Frames `f_000.png`… of persona `id`'s card front with `trouble`, in `dir`.
    fn frames(dir: &Path, id: &str, trouble: Trouble, n: u64) -> PathBuf {
        let font = front::load_font(&assets()).expect("assets/fonts");
        let p = simulators::card::persona(&assets().join("personas"), id).expect("persona");
        let face = FrontFace::from_persona(&p);
        let card = front::render_front(&face, &font).expect("render");
        let other = front::render_other_card(&face, &font).expect("render");
        for i in 0..n {
            let frame = front::capture(&card, &other, trouble, 700 + i).expect("capture");
            let path = dir.join(format!("f_{i:03}.png"));
            imgcodecs::imwrite(path.to_str().unwrap(), &frame, &Vector::new()).expect("imwrite");
        }
        dir.join("f_%03d.png")
    }

    /// A worker thread on `source`, and where its events arrive.
    fn worker(source: CardFrontSource) -> (FrontWorker, Receiver<Event>) {
        let (tx, rx) = mpsc::channel();
        let post = Post {
            tx,
            notify: Arc::new(|| {}),
        };
        let (jobs, job_rx) = mpsc::channel();
        let t = FrontThread {
            post,
            source: Some(source),
            reader: None,
            active: None,
        };
        std::thread::spawn(move || t.run(job_rx));
        (FrontWorker { jobs }, rx)
    }

    fn next(rx: &Receiver<Event>) -> (VisitId, FrontUpdate) {
        match rx
            .recv_timeout(PATIENCE)
            .expect("an answer from the worker")
        {
            Event::FrontRead(v, u) => (v, u),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_card_front_sequence_gives_one_certain_reading_and_then_the_worker_stops() {
        let dir = tempfile::tempdir().unwrap();
        let seq = frames(dir.path(), "adult", Trouble::Clean, 4);
        let (w, rx) = worker(CardFrontSource::Images(seq));
        w.send(Job::Read(VisitId(7)));
        let (v, update) = loop {
            match next(&rx) {
                (v, FrontUpdate::Problem(p)) => {
                    assert_eq!(v, VisitId(7));
                    assert!(p.is_none(), "a clean card front: {p:?}");
                }
                other => break other,
            }
        };
        assert_eq!(v, VisitId(7));
        assert!(matches!(update, FrontUpdate::Certain(..)), "{update:?}");
        // Once certain, nothing more for this visit (the sequence would go on forever).
        w.send(Job::Read(VisitId(8)));
        let (v, _) = next(&rx);
        assert_eq!(v, VisitId(8), "no second answer for visit 7");
    }

    /// A log writer that keeps what was written, to look for the card's digits in it.
    #[derive(Clone, Default)]
    struct Captured(Arc<std::sync::Mutex<Vec<u8>>>);

    impl std::io::Write for Captured {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn the_worker_logs_none_of_the_digits_it_reads_even_at_trace_level_nor_debugs_them() {
        let dir = tempfile::tempdir().unwrap();
        let seq = frames(dir.path(), "elderly", Trouble::Clean, 4);
        let log = Captured::default();
        let writer = log.clone();
        let subscriber = tracing_subscriber::fmt()
            .with_max_level(tracing::Level::TRACE)
            .with_writer(move || writer.clone())
            .with_ansi(false)
            // A timestamp's digits could hold the code's four by chance.
            .without_time()
            .finish();
        // The worker's loop runs here, under this subscriber; a helper thread takes its
        // answers and ends the loop (drops the job sender) once the reading is certain.
        let (tx, events) = mpsc::channel();
        let post = Post {
            tx,
            notify: Arc::new(|| {}),
        };
        let (jobs, job_rx) = mpsc::channel();
        jobs.send(Job::Read(VisitId(3))).unwrap();
        let helper = std::thread::spawn(move || {
            // The certain reading's Debug (the number and the clerk's masked view of it).
            let mut certain = None;
            while let Ok(Event::FrontRead(_, u)) = events.recv_timeout(PATIENCE) {
                if let FrontUpdate::Certain(_, shown) = &u {
                    assert_eq!(shown.expiry_year() / 1000, 2, "a real view: {shown:?}");
                    certain = Some(format!("{u:?}"));
                    break;
                }
            }
            drop(jobs);
            certain
        });
        let t = FrontThread {
            post,
            source: Some(CardFrontSource::Images(seq)),
            reader: None,
            active: None,
        };
        tracing::subscriber::with_default(subscriber, || t.run(job_rx));
        let debug = helper.join().unwrap().expect("no certain reading");
        let text = String::from_utf8(log.0.lock().unwrap().clone()).unwrap();
        assert!(
            text.contains("card front"),
            "the worker logged nothing: {text}"
        );
        let p = simulators::card::persona(&assets().join("personas"), "elderly").unwrap();
        let b = FrontFace::from_persona(&p).expected_b();
        for secret in [&b[..], &b[0..6], &b[6..10], &b[10..14]] {
            assert!(!text.contains(secret), "the log holds {secret:?}");
            assert!(!debug.contains(secret), "{debug} holds {secret:?}");
        }
    }

    #[test]
    fn an_empty_reader_gives_the_patients_guidance_and_never_a_reading() {
        let dir = tempfile::tempdir().unwrap();
        let seq = frames(dir.path(), "adult", Trouble::NoCard, 2);
        let (w, rx) = worker(CardFrontSource::Images(seq));
        w.send(Job::Read(VisitId(1)));
        let (v, update) = next(&rx);
        assert_eq!(v, VisitId(1));
        assert!(
            matches!(update, FrontUpdate::Problem(Some(FrameProblem::NoCard))),
            "{update:?}"
        );
        // Told once, not per frame; stopped, the worker says no more, and a source that
        // cannot be read leaves the clerk to key the number.
        w.send(Job::Stop(VisitId(1)));
        w.send(Job::SetSource(CardFrontSource::Images(
            dir.path().join("missing.png"),
        )));
        w.send(Job::Read(VisitId(2)));
        let (v, update) = next(&rx);
        assert_eq!(v, VisitId(2));
        assert!(matches!(update, FrontUpdate::Unavailable), "{update:?}");
    }
}
