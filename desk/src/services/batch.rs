//! The desk's service for the 一括照会 screen: reads a list file into a preview (rows to send,
//! bad rows with line, column and reason, the encoding seen), saves it as a job in
//! `batches.sqlite` (beside the history) before anything is sent, runs the job on its own
//! thread over the centre client's runtime (upload, 受付番号, polls, result), keeps each job's
//! progress, result rows and export for the screen to read every frame, and writes the result
//! table as the CLI does (UTF-8 with BOM). Nothing is lost to a closed app or a lost network:
//! on start the service finds the store's unfinished jobs, shows them and carries each on from
//! its saved 受付番号 (or re-sends it with its saved key); a network failure stops the job with
//! the reason and keeps it for [`Batches::resume`]. No cell of a list is ever logged.

use super::Ctx;
use crate::batch::store::{self, JobState};
pub use crate::batch::view::{BadRow, BatchView, Export, ImportTrouble, JobView, Phase, Preview};
use crate::batch::{Polling, Progress, RunError, Store};
use crate::batch::{StoreError, StoredRow, Summary};
use crate::i18n::Lang;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::JoinHandle;

/// What the screen asks of the service. Every call returns at once; answers show in
/// [`Batches::view`] on a later frame (the service repaints when one arrives).
pub trait Batches {
    /// Everything the screen shows, as it is now (cheap: the big parts are shared).
    fn view(&self) -> BatchView;
    /// Reads the list at `path` into a new preview (replacing one not yet sent).
    fn import(&mut self, path: &Path);
    /// Forgets the preview without sending it.
    fn discard(&mut self);
    /// Saves the previewed list as a job, then sends it; rows without a 予約日 of their own are
    /// checked for `date` (`None`: today). A job of the same file and date that is still
    /// unfinished is carried on instead (same key, same 受付番号: no second batch).
    fn send(&mut self, date: Option<time::Date>);
    /// Carries on a stopped job (after a network failure) from its last saved step.
    fn resume(&mut self, job: i64);
    /// Shows this job's progress and result.
    fn select(&mut self, job: i64);
    /// Writes a finished job's result table to `path` (header in `lang`).
    fn export(&mut self, job: i64, path: &Path, lang: Lang);
}

/// How the real service runs.
#[derive(Debug, Clone)]
pub struct Options {
    /// `batches.sqlite`.
    pub store: PathBuf,
    pub polling: Polling,
    /// Finished jobs shown at start (besides every unfinished one).
    pub recent: usize,
}

impl Options {
    /// The store beside the history, polls every 2 s.
    pub fn for_config(cfg: &crate::config::Config) -> Options {
        let dir = cfg
            .history
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(crate::batch::default_data_dir);
        Options {
            store: store::default_file(&dir),
            polling: Polling::default(),
            recent: 5,
        }
    }
}

/// The real service of a running desk.
pub fn start(ctx: &Ctx) -> Box<dyn Batches + Send> {
    Box::new(Service::start(ctx, Options::for_config(&ctx.cfg)))
}

/// What the threads and the screen share.
struct State {
    view: BatchView,
    /// Jobs a thread is running now (never two threads on one job).
    running: HashSet<i64>,
}

struct Inner {
    state: Mutex<State>,
    ctx: Ctx,
    opts: Options,
    /// Each thread's stop signal: true when the service is dropped (the app closes).
    stop: tokio::sync::watch::Receiver<bool>,
}

impl Inner {
    fn lock(&self) -> MutexGuard<'_, State> {
        // A thread that panicked holding the lock left a readable state: use it.
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }
    fn update(&self, f: impl FnOnce(&mut State)) {
        f(&mut self.lock());
        (self.ctx.notify)();
    }
    fn set_phase(&self, id: i64, phase: Phase) {
        self.update(|s| {
            if let Some(j) = s.view.jobs.iter_mut().find(|j| j.id == id) {
                j.phase = phase;
            }
        });
    }
    fn open_store(&self) -> Result<Store, StoreError> {
        if let Some(dir) = self
            .opts
            .store
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
        {
            let _ = crate::private::create_dir_all(dir);
        }
        Store::open(&self.opts.store)
    }
    fn institution(&self) -> String {
        self.ctx.cfg.institution.to_string()
    }
    fn suggested_export(&self, id: i64, source: Option<&Path>) -> PathBuf {
        // A hyphen, not an underscore: it stays visible in the path field.
        let name = |stem: &str| format!("{stem}-結果.csv");
        match source {
            Some(p) => {
                let stem = p.file_stem().unwrap_or_default().to_string_lossy();
                p.with_file_name(name(&stem))
            }
            None => self
                .opts
                .store
                .with_file_name(name(&format!("一括照会{id}"))),
        }
    }
}

/// The real [`Batches`].
pub struct Service {
    inner: Arc<Inner>,
    stop: tokio::sync::watch::Sender<bool>,
    threads: Vec<JoinHandle<()>>,
}

impl Service {
    /// Starts the service: finds the store's jobs (on a thread) and carries the unfinished
    /// ones on.
    pub fn start(ctx: &Ctx, opts: Options) -> Service {
        let (stop, stop_rx) = tokio::sync::watch::channel(false);
        let inner = Arc::new(Inner {
            state: Mutex::new(State {
                view: BatchView::default(),
                running: HashSet::new(),
            }),
            ctx: ctx.clone(),
            opts,
            stop: stop_rx,
        });
        let mut s = Service {
            inner,
            stop,
            threads: Vec::new(),
        };
        let inner = s.inner.clone();
        s.spawn("batch-scan", move || scan(&inner));
        s
    }

    fn spawn(&mut self, name: &str, f: impl FnOnce() + Send + 'static) {
        self.threads.retain(|t| !t.is_finished());
        match std::thread::Builder::new().name(name.into()).spawn(f) {
            Ok(t) => self.threads.push(t),
            Err(e) => tracing::error!("cannot start a 一括照会 thread: {e}"),
        }
    }
}

impl Drop for Service {
    /// Stops every job where it stands (each step is already saved) and waits for the
    /// threads, so the next start finds the store as they left it.
    fn drop(&mut self) {
        let _ = self.stop.send(true);
        for t in self.threads.drain(..) {
            let _ = t.join();
        }
    }
}

impl Batches for Service {
    fn view(&self) -> BatchView {
        self.inner.lock().view.clone()
    }

    fn import(&mut self, path: &Path) {
        let path = path.to_path_buf();
        self.inner.update(|s| {
            s.view.importing = Some(path.clone());
            s.view.import_error = None;
        });
        let inner = self.inner.clone();
        self.spawn("batch-import", move || {
            let read = std::fs::read(&path)
                .map_err(ImportTrouble::from)
                .and_then(|bytes| {
                    let import = crate::batch::parse(&bytes)?;
                    Ok((import, store::digest(&bytes)))
                });
            inner.update(|s| {
                // A newer import replaced this one while it was read.
                if s.view.importing.as_ref() != Some(&path) {
                    return;
                }
                s.view.importing = None;
                match read {
                    Ok((import, digest)) => {
                        let bad: Vec<BadRow> = import
                            .rows
                            .iter()
                            .filter_map(|r| {
                                r.parsed.as_ref().err().map(|p| BadRow {
                                    line: r.line,
                                    problem: p.clone(),
                                })
                            })
                            .collect();
                        tracing::info!(
                            rows = import.rows.len(),
                            bad = bad.len(),
                            encoding = ?import.encoding,
                            "一括照会 list read"
                        );
                        s.view.preview = Some(Arc::new(Preview {
                            path: path.clone(),
                            encoding: import.encoding,
                            rows: import.rows.len(),
                            good: import.good(),
                            bad,
                            import,
                            digest,
                        }));
                    }
                    Err(e) => {
                        tracing::info!("一括照会 list refused: {e}");
                        s.view.preview = None;
                        s.view.import_error = Some((path.clone(), Arc::new(e)));
                    }
                }
            });
        });
    }

    fn discard(&mut self) {
        self.inner.update(|s| s.view.preview = None);
    }

    fn send(&mut self, date: Option<time::Date>) {
        let preview = {
            let mut s = self.inner.lock();
            if s.view.saving {
                return;
            }
            match s.view.preview.take() {
                Some(p) if p.sendable() => {
                    s.view.saving = true;
                    p
                }
                other => {
                    s.view.preview = other;
                    return;
                }
            }
        };
        let inner = self.inner.clone();
        self.spawn("batch-job", move || {
            let saved = inner.open_store().and_then(|mut st| {
                let institution = inner.institution();
                // As `onshi batch --date`: the same file for another date is another job.
                let digest = match date {
                    None => preview.digest.clone(),
                    Some(d) => format!("{}@{}", preview.digest, store::wire_date(d)),
                };
                match st.unfinished(&digest, &institution)? {
                    Some(job) => Ok(job),
                    None => st.create_for(&preview.import, &digest, &institution, date),
                }
            });
            let job = match saved {
                Ok(job) => job,
                Err(e) => {
                    tracing::error!("一括照会 job not saved: {e}");
                    inner.update(|s| {
                        s.view.saving = false;
                        s.view.preview = Some(preview.clone());
                        s.view.store_error = Some(Arc::new(e));
                    });
                    return;
                }
            };
            let id = job.id;
            let suggested = inner.suggested_export(id, Some(&preview.path));
            let claimed = {
                let mut s = inner.lock();
                s.view.saving = false;
                s.view.selected = Some(id);
                // Not already run by another thread (e.g. resumed at start).
                let claimed = s.running.insert(id);
                if s.view.job(id).is_none() {
                    s.view.jobs.insert(
                        0,
                        JobView {
                            id,
                            created_at: job.created_at.clone(),
                            rows: preview.rows,
                            to_send: preview.good,
                            reception: job.reception.clone(),
                            phase: Phase::Starting,
                            resumed: false,
                            results: None,
                            suggested_export: suggested.clone(),
                            export: None,
                        },
                    );
                } else if let Some(j) = s.view.jobs.iter_mut().find(|j| j.id == id) {
                    j.suggested_export = suggested;
                    if claimed {
                        j.phase = Phase::Starting;
                    }
                }
                claimed
            };
            (inner.ctx.notify)();
            if claimed {
                run_job(&inner, id);
            }
        });
    }

    fn resume(&mut self, job: i64) {
        let claimed = {
            let mut s = self.inner.lock();
            let stopped = s
                .view
                .job(job)
                .is_some_and(|j| matches!(j.phase, Phase::Stopped(_)));
            stopped && s.running.insert(job)
        };
        if !claimed {
            return;
        }
        self.inner.set_phase(job, Phase::Starting);
        let inner = self.inner.clone();
        self.spawn("batch-job", move || run_job(&inner, job));
    }

    fn select(&mut self, job: i64) {
        self.inner.update(|s| s.view.selected = Some(job));
    }

    fn export(&mut self, job: i64, path: &Path, lang: Lang) {
        let path = path.to_path_buf();
        let rows = {
            let mut s = self.inner.lock();
            let Some(j) = s.view.jobs.iter_mut().find(|j| j.id == job) else {
                return;
            };
            let Some(rows) = j.results.clone() else {
                return;
            };
            if matches!(j.export, Some(Export::Writing(_))) {
                return;
            }
            j.export = Some(Export::Writing(path.clone()));
            rows
        };
        (self.inner.ctx.notify)();
        let inner = self.inner.clone();
        self.spawn("batch-export", move || {
            let written = crate::services::export::write_file(&rows, lang, &path);
            match &written {
                Ok(()) => tracing::info!(job, rows = rows.len(), "一括照会 table written"),
                Err(e) => tracing::warn!(job, "一括照会 table not written: {e}"),
            }
            inner.update(|s| {
                if let Some(j) = s.view.jobs.iter_mut().find(|j| j.id == job) {
                    j.export = Some(match written {
                        Ok(()) => Export::Written(path),
                        Err(e) => Export::Failed(path, Arc::new(e)),
                    });
                }
            });
        });
    }
}

/// At start: the unfinished jobs (carried on, each on its own thread) and the newest
/// finished ones (with their results).
fn scan(inner: &Arc<Inner>) {
    let found = inner.open_store().and_then(|st| {
        let mut views = Vec::new();
        let mut finished = 0;
        for job in st.jobs()? {
            let unfinished = matches!(job.state, JobState::Imported | JobState::Uploaded);
            if !unfinished {
                if finished >= inner.opts.recent {
                    continue;
                }
                finished += 1;
            }
            let rows = st.rows(job.id)?;
            let summary = Summary::of(&rows);
            let phase = match job.state {
                JobState::Done => Phase::Done(summary),
                JobState::Failed => Phase::Failed(Arc::new(RunError::Failed(
                    job.failure.clone().unwrap_or_default(),
                ))),
                _ => Phase::Starting,
            };
            views.push(JobView {
                id: job.id,
                created_at: job.created_at.clone(),
                rows: rows.len(),
                to_send: rows.len() - summary.bad,
                reception: job.reception.clone(),
                phase,
                resumed: unfinished,
                results: (job.state == JobState::Done).then(|| Arc::new(rows)),
                suggested_export: inner.suggested_export(job.id, None),
                export: None,
            });
        }
        Ok(views)
    });
    let views = match found {
        Ok(v) => v,
        Err(e) => {
            tracing::error!("一括照会 store not usable: {e}");
            inner.update(|s| s.view.store_error = Some(Arc::new(e)));
            return;
        }
    };
    let unfinished: Vec<i64> = views.iter().filter(|j| j.resumed).map(|j| j.id).collect();
    if !unfinished.is_empty() {
        tracing::info!(
            jobs = unfinished.len(),
            "一括照会 unfinished at start: resuming"
        );
    }
    let claimed: Vec<i64> = {
        let mut s = inner.lock();
        // Jobs sent while the store was scanned are already in the list.
        for v in views {
            if s.view.job(v.id).is_none() {
                s.view.jobs.push(v);
            }
        }
        s.view.jobs.sort_by_key(|j| std::cmp::Reverse(j.id));
        if s.view.selected.is_none() {
            s.view.selected = unfinished.first().copied();
        }
        unfinished
            .into_iter()
            .filter(|id| s.running.insert(*id))
            .collect()
    };
    (inner.ctx.notify)();
    // One job after the other: a desk rarely has more than one, and they share the line.
    for id in claimed {
        if *inner.stop.borrow() {
            break;
        }
        run_job(inner, id);
    }
}

/// Runs job `id` (claimed in `running`) to its result, a stop, or the service's end.
fn run_job(inner: &Arc<Inner>, id: i64) {
    let outcome = run_to_end(inner, id);
    let mut s = inner.lock();
    s.running.remove(&id);
    let Some(outcome) = outcome else {
        return; // the service is closing: the job stays as saved
    };
    if let Some(j) = s.view.jobs.iter_mut().find(|j| j.id == id) {
        match outcome {
            Ok((summary, rows)) => {
                j.phase = Phase::Done(summary);
                j.results = Some(Arc::new(rows));
            }
            Err(e @ (RunError::Centre(_) | RunError::Store(StoreError::Sql(_)))) => {
                tracing::warn!(job = id, "一括照会 stopped, kept for 再開: {e}");
                j.phase = Phase::Stopped(Arc::new(e));
            }
            Err(e) => {
                tracing::warn!(job = id, "一括照会 ended without a result: {e}");
                j.phase = Phase::Failed(Arc::new(e));
            }
        }
    }
    drop(s);
    (inner.ctx.notify)();
}

/// `None` when the service stopped it.
fn run_to_end(inner: &Arc<Inner>, id: i64) -> Option<Result<(Summary, Vec<StoredRow>), RunError>> {
    let mut st = match inner.open_store() {
        Ok(st) => st,
        Err(e) => return Some(Err(RunError::Store(e))),
    };
    let mut stop = inner.stop.clone();
    if *stop.borrow() {
        return None;
    }
    let client = inner.ctx.client.clone();
    let polling = inner.opts.polling;
    let mut on = |p: Progress| match p {
        Progress::Uploading { rows } => inner.set_phase(id, Phase::Uploading { rows }),
        Progress::Accepted { reception, .. } => inner.update(|s| {
            if let Some(j) = s.view.jobs.iter_mut().find(|j| j.id == id) {
                j.reception = Some(reception);
                j.phase = Phase::Waiting { polls: 0 };
            }
        }),
        Progress::Waiting { polls } => inner.set_phase(id, Phase::Waiting { polls }),
        // Set with the rows, below.
        Progress::Done(_) => {}
    };
    let ran = inner.ctx.rt.block_on(async {
        tokio::select! {
            r = crate::batch::run(&client, &mut st, id, polling, &mut on) => Some(r),
            // Changed or its sender gone: the service is closing either way.
            _ = stop.changed() => None,
        }
    })?;
    Some(ran.and_then(|summary| Ok((summary, st.rows(id)?))))
}
