//! The clinic link at work: takes the requests a clinic's system drops into `req/`, answers
//! each through the centre with a file of the same name (`req` → `res`) in `res/`, and writes
//! the face file of every card visit into `face/`. One [`Link`] per folder (it holds the
//! folder's lock); [`Link::step`] does one round (write what waits, take what is ready, ask the
//! centre, write the answers), so the GUI desk and `onshi link` drive the same code at their
//! own pace and tests drive it round by round. A request the desk cannot read gets an error
//! answer and moves to `req/error/`; a request the centre cannot be asked now stays queued in
//! the journal and is answered in a later round, also after a restart.

use crate::i18n::{self, Lang};
use crate::link::journal::Taken;
use crate::link::{Accepted, FolderLock, Journal, LinkFolders, LockError, Mode, Watcher, scan};
pub use crate::link::{LinkState, LinkView, NotRun};
use eligibility::client::{BatchKey, BatchStatus, MedicalInfoAnswer};
use eligibility::codes::SegmentOfResult;
use eligibility::link::{
    self, Echo, FaceFile, Kind, LinkError, LinkFileName, LinkRequest, ParsedRequest,
};
use eligibility::xml::{self, Encoding};
use eligibility::{Client, ClientError, InstitutionCode};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;
use time::OffsetDateTime;

/// The link's settings (`[link]`).
#[derive(Debug, Clone)]
pub struct LinkSettings {
    /// The root holding `req`, `res` and `face`.
    pub folder: PathBuf,
    /// Encoding of answers and face files (`CharacterCodeIdentifier` follows it).
    pub encoding: Encoding,
    /// Who may read the files.
    pub mode: Mode,
    /// The language of error answers' messages.
    pub lang: Lang,
    /// Identical sightings before a request is read (see `link::scan`).
    pub stable_scans: u32,
}

impl LinkSettings {
    /// The settings of `[link]`.
    pub fn from_config(c: &crate::config::LinkConfig, lang: Lang) -> LinkSettings {
        LinkSettings {
            folder: c.folder.clone(),
            encoding: if c.shift_jis {
                Encoding::ShiftJis
            } else {
                Encoding::Utf8
            },
            mode: c.group.map_or(Mode::Private, Mode::Group),
            lang,
            stable_scans: 2,
        }
    }
}

/// Why the link cannot run.
#[derive(Debug, thiserror::Error)]
pub enum LinkStartError {
    #[error(transparent)]
    Lock(#[from] LockError),
    #[error("the link folder cannot be used: {0}")]
    Folder(std::io::Error),
    #[error("the link journal cannot be opened: {0}")]
    Journal(#[from] rusqlite::Error),
}

impl LinkStartError {
    /// What the person is told (`onshi link`, the console).
    pub fn not_run(&self) -> NotRun {
        match self {
            LinkStartError::Lock(LockError::Busy { pid }) => NotRun::Busy { pid: *pid },
            LinkStartError::Lock(LockError::Io(e)) | LinkStartError::Folder(e) => {
                NotRun::Unusable(e.to_string())
            }
            LinkStartError::Journal(e) => NotRun::Unusable(e.to_string()),
        }
    }
}

/// One round's work.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Round {
    /// Requests taken from `req/`.
    pub taken: usize,
    /// Answers written into `res/` and face files into `face/`.
    pub written: usize,
    /// Requests refused (error answer, moved to `req/error/`).
    pub refused: usize,
}

/// The running link of one folder.
pub struct Link {
    folders: LinkFolders,
    journal: Journal,
    watcher: Watcher,
    _lock: FolderLock,
    answerer: Answerer,
    institution: InstitutionCode,
    settings: LinkSettings,
    last_error: Option<String>,
}

/// Requests asked of the centre at the same time (a burst is answered this many at once, in
/// request order).
pub const IN_FLIGHT: usize = 8;

/// What answering a request needs: the centre and the settings of the answers. Cloned into
/// each request's task.
#[derive(Clone)]
struct Answerer {
    client: Arc<Client>,
    lang: Lang,
    encoding: Encoding,
}

/// What an answer of the centre becomes.
enum Outcome {
    Answer(Vec<u8>),
    /// Try again in a later round.
    Later(String),
}

fn now_text(now: OffsetDateTime) -> String {
    crate::time::centre_time_text(now)
}

impl Link {
    /// Takes the folder (refused if another desk has it), makes the folders and opens the
    /// journal.
    pub fn start(
        settings: LinkSettings,
        journal: &std::path::Path,
        client: Arc<Client>,
        institution: InstitutionCode,
    ) -> Result<Link, LinkStartError> {
        let folders =
            LinkFolders::open(&settings.folder, settings.mode).map_err(LinkStartError::Folder)?;
        let lock = FolderLock::take(&settings.folder)?;
        crate::private::create_parent(journal).map_err(LinkStartError::Folder)?;
        Ok(Link {
            folders,
            journal: Journal::open(journal)?,
            watcher: Watcher::new(settings.stable_scans),
            _lock: lock,
            answerer: Answerer {
                client,
                lang: settings.lang,
                encoding: settings.encoding,
            },
            institution,
            settings,
            last_error: None,
        })
    }

    pub fn folders(&self) -> &LinkFolders {
        &self.folders
    }

    /// The link's state for the console.
    pub fn state(&self) -> LinkState {
        let (queued, unwritten) = self.journal.counts().unwrap_or((0, 0));
        LinkState {
            queued,
            unwritten,
            arriving: self.watcher.waiting(),
            last_error: self.last_error.clone(),
        }
    }

    /// Queues the face files of a card visit's result and writes them if the folder takes
    /// them. Returns their names.
    pub fn face(
        &mut self,
        faces: Vec<FaceFile>,
        now: OffsetDateTime,
    ) -> Result<Vec<String>, rusqlite::Error> {
        let at = crate::time::jst(now);
        let at = time::PrimitiveDateTime::new(at.date(), at.time());
        let mut names = Vec::new();
        for f in faces {
            let name = link::FaceFileName::random(self.institution.clone(), at).to_string();
            match f.to_bytes(self.settings.encoding) {
                Ok(b) => self.journal.add_face(&name, &b, &now_text(now))?,
                Err(e) => tracing::error!(error = %e, "a face file could not be written"),
            }
            names.push(name);
        }
        self.flush();
        Ok(names)
    }

    /// One round: write what waits, take the requests that are ready, ask the centre for the
    /// queued ones, write the answers.
    pub async fn step(&mut self, now: OffsetDateTime) -> Round {
        let mut round = Round::default();
        let mut trouble = None;
        round.written += self.flush();
        match scan::list(&self.folders.req()) {
            Ok(seen) => {
                let ready = self.watcher.observe(&seen);
                if !ready.is_empty() {
                    match self.take(&ready, now) {
                        Ok((taken, refused)) => {
                            round.taken += taken;
                            round.refused += refused;
                        }
                        Err(e) => trouble = Some(format!("req: {e}")),
                    }
                }
            }
            Err(e) => trouble = Some(format!("req: {e}")),
        }
        let queued = match self.journal.queued() {
            Ok(q) => q,
            Err(e) => {
                self.last_error = Some(format!("journal: {e}"));
                return round;
            }
        };
        // IN_FLIGHT at a time; each answer is journaled and written as soon as its group is
        // back, so a burst's first answers do not wait for its last.
        for group in queued.chunks(IN_FLIGHT) {
            let mut tasks = Vec::with_capacity(group.len());
            for q in group {
                let Ok(name) = LinkFileName::parse(&q.name) else {
                    continue;
                };
                let a = self.answerer.clone();
                let bytes = q.bytes.clone();
                let task_name = name.clone();
                let task = tokio::spawn(async move { a.answer(&task_name, &bytes, now).await });
                tasks.push((q.name.clone(), name, task));
            }
            for (file, name, task) in tasks {
                let outcome = task
                    .await
                    .unwrap_or_else(|e| Outcome::Later(format!("task: {e}")));
                match outcome {
                    Outcome::Answer(bytes) => {
                        if let Err(e) = self.journal.answered(
                            &file,
                            &name.answer().to_string(),
                            &bytes,
                            &now_text(now),
                        ) {
                            trouble = Some(format!("journal: {e}"));
                        }
                    }
                    Outcome::Later(why) => {
                        tracing::info!(kind = ?name.kind(), "link request stays queued: centre not reached");
                        let _ = self.journal.retry_later(&file, &why);
                        trouble = Some(why);
                    }
                }
            }
            round.written += self.flush();
        }
        round.written += self.flush();
        if let Some(t) = trouble {
            self.last_error = Some(t);
        } else if self.journal.counts().is_ok_and(|(_, o)| o == 0) {
            self.last_error = None;
        }
        round
    }

    /// Writes the files waiting in the journal; returns how many were written. A folder that
    /// refuses (full, read-only) keeps them for the next round.
    fn flush(&mut self) -> usize {
        let Ok(pending) = self.journal.pending() else {
            return 0;
        };
        let mut n = 0;
        for p in pending {
            let dir = if p.folder == "face" {
                self.folders.face()
            } else {
                self.folders.res()
            };
            match self.folders.write_new(&dir, &p.name, &p.bytes) {
                Ok(()) => n += 1,
                // An answer of that name is there already: never a second one.
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    tracing::warn!(folder = %p.folder, "an answer of this name exists: not written again");
                }
                Err(e) => {
                    self.last_error = Some(format!("{}: {e}", p.folder));
                    // Keep the order: later files wait behind this one.
                    break;
                }
            }
            if let Err(e) = self.journal.written(p.id) {
                self.last_error = Some(format!("journal: {e}"));
                break;
            }
        }
        n
    }

    /// Takes the ready requests of a round into the journal (one transaction), then removes
    /// their files; a request that cannot be read gets its error answer and moves to
    /// `req/error/`, as does one whose name was used before. Returns (taken, refused).
    fn take(&mut self, files: &[String], now: OffsetDateTime) -> std::io::Result<(usize, usize)> {
        let at = now_text(now);
        struct Item {
            file: String,
            name: LinkFileName,
            bytes: Vec<u8>,
            answer_name: String,
            refused: Option<Vec<u8>>,
        }
        let mut items = Vec::with_capacity(files.len());
        for file in files {
            let Ok(name) = LinkFileName::parse(file) else {
                continue;
            };
            let bytes = match std::fs::read(self.folders.req().join(file)) {
                Ok(b) => b,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                Err(e) => return Err(e),
            };
            let refused = match link::parse_request(&name, &bytes)
                .and_then(|p| p.check_institution(&self.institution))
            {
                Ok(()) => None,
                Err(e) => Some(self.answerer.error_answer(&name, &e, &bytes, &at)),
            };
            items.push(Item {
                file: file.clone(),
                answer_name: file_answer(&name),
                name,
                bytes,
                refused,
            });
        }
        let taken: Vec<Taken<'_>> = items
            .iter()
            .map(|i| Taken {
                name: &i.file,
                bytes: &i.bytes,
                refused: i
                    .refused
                    .as_ref()
                    .map(|b| (i.answer_name.as_str(), b.as_slice())),
            })
            .collect();
        let accepted = self
            .journal
            .accept_many(&taken, &at)
            .map_err(std::io::Error::other)?;
        let (mut ok, mut refused) = (Vec::new(), 0);
        for (item, a) in items.iter().zip(accepted) {
            match (a, item.refused.is_some()) {
                (Accepted::New, false) | (Accepted::Again, _) => ok.push(item.file.as_str()),
                (Accepted::New, true) => {
                    tracing::info!(kind = ?item.name.kind(), "link request refused: moved to req/error");
                    self.folders.move_to_error(&item.file)?;
                    refused += 1;
                }
                (Accepted::NameUsed, _) => {
                    tracing::warn!(kind = ?item.name.kind(), "link request name already answered: moved to req/error");
                    self.folders.move_to_error(&item.file)?;
                    refused += 1;
                }
            }
        }
        self.folders.remove_requests(&ok)?;
        Ok((ok.len(), refused))
    }
}

/// How often the running link looks at `req/` when nothing else wakes it.
pub const PACE: Duration = Duration::from_millis(200);

/// What drives a running link from outside: when to stop, the card visits' face files, and who
/// hears of each change of its state (the console's line, a service's log).
pub struct Control {
    /// Set to `true` to stop: the round under way is finished first.
    pub stop: tokio::sync::watch::Receiver<bool>,
    /// The face files of card visits, written in the order they come.
    pub faces: Option<tokio::sync::mpsc::UnboundedReceiver<Vec<FaceFile>>>,
    /// Told the state after the first round and after every round that changed it.
    pub on_state: Box<dyn FnMut(&LinkState) + Send>,
    /// The time between rounds when nothing happens (normally [`PACE`]).
    pub pace: Duration,
}

/// Runs the link round after round until `control.stop` says so: the loop of the GUI desk and
/// of `onshi link`. State changes are logged (counts and the error's kind of place, never a
/// request's content).
pub async fn serve(mut link: Link, mut control: Control) {
    let mut tick = tokio::time::interval(control.pace);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut last: Option<LinkState> = None;
    tracing::info!("clinic link running");
    loop {
        let round = link.step(crate::time::now()).await;
        if round != Round::default() {
            tracing::info!(
                taken = round.taken,
                written = round.written,
                refused = round.refused,
                "link round"
            );
        }
        let state = link.state();
        if last.as_ref() != Some(&state) {
            match &state.last_error {
                Some(e) => tracing::warn!(
                    queued = state.queued,
                    unwritten = state.unwritten,
                    error = %e,
                    "link state"
                ),
                None => tracing::info!(
                    queued = state.queued,
                    unwritten = state.unwritten,
                    "link state"
                ),
            }
            (control.on_state)(&state);
            last = Some(state);
        }
        if *control.stop.borrow() {
            break;
        }
        let face = async {
            match control.faces.as_mut() {
                Some(rx) => rx.recv().await,
                None => std::future::pending().await,
            }
        };
        tokio::select! {
            _ = tick.tick() => {}
            changed = control.stop.changed() => {
                // A dropped sender stops the link as a stop does.
                if changed.is_err() {
                    break;
                }
            }
            f = face => match f {
                Some(faces) => {
                    if let Err(e) = link.face(faces, crate::time::now()) {
                        tracing::error!(error = %e, "a face file could not be journaled");
                    }
                }
                None => control.faces = None,
            },
        }
    }
    tracing::info!("clinic link stopped");
}

impl Answerer {
    /// The error answer of a request that cannot be read, in the layout of its kind.
    fn error_answer(&self, name: &LinkFileName, e: &LinkError, bytes: &[u8], at: &str) -> Vec<u8> {
        let echo = echo_of(bytes);
        let msg = i18n::link::error_message(e, self.lang);
        let enc = self.encoding;
        let r = match name.kind() {
            Some(Kind::Drug | Kind::Checkup) => link::medical_error_answer(e, &msg, &echo, at, enc),
            _ => link::error_answer(e, &msg, &echo, at, enc),
        };
        r.unwrap_or_default()
    }

    /// Asks the centre for a queued request's answer.
    async fn answer(&self, name: &LinkFileName, bytes: &[u8], now: OffsetDateTime) -> Outcome {
        let at = now_text(now);
        let enc = self.encoding;
        // Parsed again from the journal's bytes: it was read when it was taken.
        let p = match link::parse_request(name, bytes) {
            Ok(p) => p,
            Err(e) => return Outcome::Answer(self.error_answer(name, &e, bytes, &at)),
        };
        let echo = Echo {
            institution: Some(p.institution.to_string()),
            file_id: p.file_id.clone(),
        };
        let refused = |e: ClientError, medical: bool| -> Outcome {
            if e.is_transient() {
                return Outcome::Later(format!("centre: {e}"));
            }
            let (code, msg) = match e {
                ClientError::Rejected { code, message } => (code, message),
                _ => (
                    "LNK-E0030".to_string(),
                    i18n::link::centre_unreadable(self.lang),
                ),
            };
            let b = if medical {
                link::medical_refusal_answer(&code, &msg, &echo, &at, enc)
            } else {
                link::refusal_answer(&code, &msg, &echo, &at, enc)
            };
            Outcome::Answer(b.unwrap_or_default())
        };
        let encoded = |r: Result<Vec<u8>, xml::XmlError>| Outcome::Answer(r.unwrap_or_default());
        let ParsedRequest {
            request, file_id, ..
        } = p.clone();
        match request {
            LinkRequest::Individual { date, search } => {
                match self.client.check_insurance_card(&search, date).await {
                    Ok(e) => {
                        let mut r = e.response;
                        r.header.arbitrary_file_identifier = file_id;
                        encoded(link::encode_answer(r, enc))
                    }
                    Err(e) => refused(e, false),
                }
            }
            LinkRequest::BulkUpload { date, rows } => {
                // The request's name is the upload's idempotency key: a retry after a lost
                // reply, or after a restart, gets the same 受付番号.
                let key = batch_key(name);
                match self.client.batch_upload(&rows, date, &key).await {
                    Ok(reception) => encoded(link::encode_answer(
                        xml::BulkReceipt {
                            header: xml::ResponseHeader {
                                process_execution_time: Some(at.clone()),
                                medical_institution_code: echo.institution.clone(),
                                arbitrary_file_identifier: file_id,
                                segment_of_result: Some(SegmentOfResult::Normal),
                                ..Default::default()
                            },
                            body: xml::BulkReceiptBody {
                                reception_number: Some(reception),
                                reception_date_time: Some(at.clone()),
                            },
                        },
                        enc,
                    )),
                    Err(e) => refused(e, false),
                }
            }
            LinkRequest::BulkDownload { reception } => {
                match self.client.batch_poll(&reception).await {
                    Ok(BatchStatus::Done(r)) => encoded(link::encode_answer(*r, enc)),
                    Ok(BatchStatus::Processing) => encoded(link::encode_answer(
                        xml::BulkResult {
                            header: xml::ResponseHeader {
                                process_execution_time: Some(at.clone()),
                                medical_institution_code: echo.institution.clone(),
                                reception_number: Some(reception),
                                segment_of_result: Some(SegmentOfResult::Processing),
                                ..Default::default()
                            },
                            body: Default::default(),
                        },
                        enc,
                    )),
                    Err(e) => refused(e, false),
                }
            }
            LinkRequest::MedicalInfo(q) => {
                match self
                    .client
                    .medical_info_for_link(&q, file_id.as_deref())
                    .await
                {
                    Ok(MedicalInfoAnswer::Drug(d)) => encoded(link::encode_answer(d, enc)),
                    Ok(MedicalInfoAnswer::Checkup(c)) => encoded(link::encode_answer(c, enc)),
                    Err(e) => refused(e, true),
                }
            }
            LinkRequest::RefNo { rows } => {
                let bulk = name.kind() == Some(Kind::RefNoBulk);
                match self
                    .client
                    .register_reference_numbers(&rows, bulk, file_id.as_deref())
                    .await
                {
                    Ok(r) => encoded(link::encode_answer(r, enc)),
                    Err(e) => refused(e, false),
                }
            }
        }
    }
}

/// The answer's file name of a request.
fn file_answer(name: &LinkFileName) -> String {
    name.answer().to_string()
}

/// The batch key of a 一括照会 upload: derived from its request's name (SHA-256, 32 hex
/// digits), so it stays the same across retries and restarts.
fn batch_key(name: &LinkFileName) -> BatchKey {
    use sha2::{Digest, Sha256};
    let h = hex::encode(Sha256::digest(name.to_string().as_bytes()));
    h[..32].parse().unwrap_or_default()
}

/// What an error answer can echo of a request it could not read: its institution code and
/// file identifier, when the header reads.
pub(crate) fn echo_of(bytes: &[u8]) -> Echo {
    #[derive(serde::Deserialize)]
    struct H {
        #[serde(rename = "MedicalInstitutionCode", default)]
        code: Option<String>,
        #[serde(rename = "ArbitraryFileIdentifier", default)]
        file_id: Option<String>,
    }
    #[derive(serde::Deserialize)]
    struct M {
        #[serde(rename = "MessageHeader")]
        header: H,
    }
    match xml::from_xml::<M>(bytes) {
        Ok(m) => Echo {
            institution: xml::text(&m.header.code)
                .filter(|c| c.len() == 10 && c.bytes().all(|b| b.is_ascii_digit()))
                .map(str::to_string),
            file_id: xml::text(&m.header.file_id).map(|s| s.chars().take(64).collect()),
        },
        Err(_) => Echo::default(),
    }
}

/// The link inside the GUI desk: the same [`serve`] loop as `onshi link`, on a thread of its
/// own with its own centre connection, fed the face files of the desk's card visits. Dropping
/// it stops the loop (the round under way is finished) and waits for the thread.
pub struct DeskLink {
    view: Arc<std::sync::Mutex<LinkView>>,
    faces: Option<tokio::sync::mpsc::UnboundedSender<Vec<FaceFile>>>,
    counter: Option<xml::DeskCounter>,
    stop: Option<tokio::sync::watch::Sender<bool>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl DeskLink {
    /// Starts the link of `cfg`'s `[link]`; `None` when there is none or it is disabled. A link
    /// that cannot take its folder (another desk has it) is returned not running, so that the
    /// console says why. `notify` wakes the screens after each change of state.
    pub fn start(
        cfg: &crate::config::Config,
        notify: Arc<dyn Fn() + Send + Sync>,
    ) -> Option<DeskLink> {
        let lc = cfg.link.as_ref().filter(|l| l.enabled)?;
        let counter = lc.counter.clone().map(|counter_id| xml::DeskCounter {
            counter_id,
            reader_name: cfg.reader.clone(),
        });
        let not_running = |why: NotRun| {
            tracing::warn!(why = ?why, "clinic link not started");
            DeskLink {
                view: Arc::new(std::sync::Mutex::new(LinkView::NotRunning(why))),
                faces: None,
                counter: None,
                stop: None,
                thread: None,
            }
        };
        let client = match Client::new(cfg.centre.clone()) {
            Ok(c) => Arc::new(c),
            Err(e) => return Some(not_running(NotRun::Unusable(e.to_string()))),
        };
        let settings = LinkSettings::from_config(lc, cfg.lang);
        let link = match Link::start(settings, &lc.journal, client, cfg.institution.clone()) {
            Ok(l) => l,
            Err(e) => return Some(not_running(e.not_run())),
        };
        let view = Arc::new(std::sync::Mutex::new(LinkView::Running(link.state())));
        let (faces, faces_rx) = tokio::sync::mpsc::unbounded_channel();
        let (stop, stop_rx) = tokio::sync::watch::channel(false);
        let shown = view.clone();
        let control = Control {
            stop: stop_rx,
            faces: Some(faces_rx),
            on_state: Box::new(move |s| {
                if let Ok(mut v) = shown.lock() {
                    *v = LinkView::Running(s.clone());
                }
                notify();
            }),
            pace: PACE,
        };
        let thread = std::thread::Builder::new()
            .name("clinic-link".into())
            .spawn(move || {
                match tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                {
                    Ok(rt) => rt.block_on(serve(link, control)),
                    Err(e) => {
                        tracing::error!(error = %e, "the clinic link's runtime did not start")
                    }
                }
            });
        match thread {
            Ok(t) => Some(DeskLink {
                view,
                faces: Some(faces),
                counter,
                stop: Some(stop),
                thread: Some(t),
            }),
            Err(e) => Some(not_running(NotRun::Unusable(e.to_string()))),
        }
    }

    /// What the console shows.
    pub fn view(&self) -> LinkView {
        self.view
            .lock()
            .map(|v| v.clone())
            .unwrap_or_else(|e| e.into_inner().clone())
    }

    /// Hands a finished card visit to the link: a visit that reached the centre (有効, 無効,
    /// エラー) gets its face files; one that did not (card pulled, centre unreachable) none.
    pub fn visit(&self, result: &crate::flow::VisitResult) {
        let (Some(faces), Ok(e)) = (&self.faces, &result.outcome) else {
            return;
        };
        let mut response = e.response.clone();
        // The clinic's system switches to 電子 / 紙 from this element: a centre that did not
        // echo the patient's choice still gets it written, from the visit itself.
        if response.body.prescription_issue_select.is_none() {
            response.body.prescription_issue_select = result
                .consents
                .prescription
                .map(crate::flow::PrescriptionForm::wire);
        }
        let files = FaceFile::from_result(response, self.counter.clone());
        if faces.send(files).is_err() {
            tracing::error!("the clinic link has stopped: a face file was not written");
        }
    }
}

impl Drop for DeskLink {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(true);
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}
