//! The desk's service for the insurance-card check and the history: it sends a typed check
//! (保険者番号, 記号, 番号, 枝番, 生年月日, 限度額 consent) on the centre worker's runtime, keeps
//! the answer for the check tab, stores every check (insurance card or a reception visit's
//! card check) in the SQLite history on its own writer thread, and reads today's list and
//! searches for the history tab. Nothing here waits on the network or an fsync on the
//! caller's thread; reads are indexed SQLite queries (well under a frame on 100,000 rows), so
//! they run where they are asked. A check that could not be stored is said on the screen and
//! logged without personal data, never dropped silently.

use super::Ctx;
use crate::flow::{CentreTrouble, Consents, Trouble, VisitResult};
use crate::history::{
    self, CheckRecord, Consent, ConsentKind, Entry, History, Method, Outcome, Query, Reason,
};
use crate::i18n::Lang;
use crate::i18n::desk_check::writer_stopped;
use eligibility::xml::SearchInfo;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender};
use time::OffsetDateTime;

/// The insurance-card check as the check tab shows it.
#[derive(Clone, Default)]
pub enum CheckState {
    /// Nothing sent (or cleared).
    #[default]
    Idle,
    /// Sent; the answer is awaited (the button stays disabled).
    Checking,
    /// The centre answered, or why it could not.
    Done(Box<Answer>),
}

/// An answered insurance-card check.
#[derive(Clone)]
pub struct Answer {
    /// In the shape of a card visit's result, so the same result view shows it (no
    /// [`VisitResult::method`]: it was typed from a 保険証).
    pub result: VisitResult,
    /// `None` while the history write is under way; then the row id, or why it failed (in
    /// the desk's language, for the clerk).
    pub stored: Option<Result<i64, String>>,
    /// The 資格確認日 asked for, when it was not today.
    pub as_of: Option<time::Date>,
}

/// A 照会番号 registration asked from the check tab, as it stands.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum RefnoState {
    /// Nothing asked since the last check.
    #[default]
    Idle,
    /// Sent; the answer is awaited (the button stays disabled).
    Sending,
    /// The centre registered it: later results of this person carry it.
    Registered { number: String },
    /// The centre refused it (its code and message).
    Refused {
        number: String,
        code: String,
        message: String,
    },
    /// The centre could not be asked.
    Failed(CentreTrouble),
}

/// What the check and history tabs ask of the desk.
pub trait Checks {
    /// Sends an insurance-card check for the eligibility on `date` (資格確認日; today in
    /// Japan when `None`). Refused (false) while one is in flight.
    fn submit(&mut self, search: SearchInfo, date: Option<time::Date>) -> bool;
    /// The check sent last, as it stands now.
    fn state(&mut self) -> &CheckState;
    /// Forgets the shown answer (the clear button).
    fn clear(&mut self);
    /// Stores a reception visit's result (a card check) with its method and consents. Only
    /// visits that reached the centre are checks: a cancelled or card-pulled visit is not
    /// stored. Returns at once; a failure shows in [`Checks::visit_store_problem`].
    fn record_visit(&mut self, result: &VisitResult);
    /// Counts a card left on the reader after its visit in the history. Returns at once; a
    /// failure is logged (the count is a statistic, the clerk already saw the alert).
    fn record_card_left(&mut self) {}
    /// Why the last card check could not be stored, if it could not.
    fn visit_store_problem(&mut self) -> Option<String>;
    /// Today's checks (in Japan), newest first.
    fn today(&mut self) -> Result<Vec<Entry>, String> {
        self.search(&Query::day(
            history::day_in_japan(OffsetDateTime::now_utc()),
        ))
    }
    /// The checks matching `q`, newest first; an error is the reason in words.
    fn search(&mut self, q: &Query) -> Result<Vec<Entry>, String>;
    /// Increases each time the history stores a check (or counts a card left behind), so a
    /// list knows to read again.
    fn generation(&mut self) -> u64;
    /// Registers a 照会番号 (the clinic's 診察券番号) for the numbers of `row` (the ones the
    /// clerk just checked). Refused (false) while one is in flight, or where the desk has no
    /// centre to ask (a scripted double).
    fn register_refno(&mut self, row: eligibility::link::RefNoRow) -> bool {
        let _ = row;
        false
    }
    /// The registration asked last, as it stands.
    fn refno(&mut self) -> RefnoState {
        RefnoState::Idle
    }
}

/// Which check a history write belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tag {
    /// The insurance-card check with this sequence number.
    Check(u64),
    /// A reception visit's card check.
    Visit,
    /// A card left on the reader after its visit.
    CardLeft,
}

enum Msg {
    Refno(RefnoState),
    Answer {
        seq: u64,
        result: Box<VisitResult>,
        as_of: Option<time::Date>,
    },
    Stored {
        tag: Tag,
        result: Result<i64, String>,
    },
}

/// What the history writer thread does next.
enum Job {
    Check(Box<Write>),
    /// A card left on the reader after its visit, at this time.
    CardLeft(OffsetDateTime),
}

struct Write {
    tag: Tag,
    record: CheckRecord,
}

struct Real {
    lang: Lang,
    ctx: Ctx,
    /// The UI thread's read connection (WAL: reads never wait for the writer).
    reader: Result<History, String>,
    writer: Sender<Job>,
    tx: Sender<Msg>,
    rx: Receiver<Msg>,
    state: CheckState,
    seq: u64,
    generation: u64,
    visit_problem: Option<String>,
    refno: RefnoState,
}

/// The real service of a running desk: opens the history at `ctx.cfg.history` (a failure is
/// shown on the tabs and on every check, not a start error) and starts its writer thread.
pub fn start(ctx: &Ctx) -> Box<dyn Checks + Send> {
    let lang = ctx.cfg.lang;
    let path = ctx.cfg.history.clone();
    // Opened (and migrated) here first, so the writer's open never races a migration.
    let reader = History::open(&path).map_err(|e| {
        tracing::warn!(error = %e, "history cannot be opened");
        crate::i18n::cli::history_error(lang, &e)
    });
    let (tx, rx) = mpsc::channel();
    let (writer, jobs) = mpsc::channel::<Job>();
    let replies = tx.clone();
    let notify = ctx.notify.clone();
    let spawned = std::thread::Builder::new()
        .name("history-writer".into())
        .spawn(move || write_loop(&path, lang, jobs, replies, notify));
    if let Err(e) = spawned {
        // Without the thread every write fails and says so; the checks themselves still work.
        tracing::error!(error = %e, "history writer thread could not start");
    }
    Box::new(Real {
        lang,
        ctx: ctx.clone(),
        reader,
        writer,
        tx,
        rx,
        state: CheckState::Idle,
        seq: 0,
        generation: 0,
        visit_problem: None,
        refno: RefnoState::Idle,
    })
}

/// The writer thread: one connection, one commit (fsync) per check, replies with the row id.
fn write_loop(
    path: &std::path::Path,
    lang: Lang,
    jobs: Receiver<Job>,
    replies: Sender<Msg>,
    notify: Arc<dyn Fn() + Send + Sync>,
) {
    let mut store = History::open(path);
    for job in jobs {
        if store.is_err() {
            // The folder may have been fixed since: try again for each check.
            store = History::open(path);
        }
        let job = match job {
            Job::Check(w) => w,
            Job::CardLeft(at) => {
                let result = match &mut store {
                    Ok(h) => h.record_card_left(at).map_err(|e| {
                        tracing::error!(error = %e, "card left behind not counted in the history");
                        crate::i18n::cli::history_error(lang, &e)
                    }),
                    Err(e) => {
                        tracing::error!(error = %e, "card left behind not counted: history cannot be opened");
                        Err(crate::i18n::cli::history_error(lang, e))
                    }
                };
                let tag = Tag::CardLeft;
                if replies.send(Msg::Stored { tag, result }).is_err() {
                    return;
                }
                notify();
                continue;
            }
        };
        let result = match &mut store {
            Ok(h) => h.record(&job.record).map_err(|e| {
                tracing::error!(error = %e, method = job.record.method.code(), "check not stored in the history");
                crate::i18n::cli::history_error(lang, &e)
            }),
            Err(e) => {
                tracing::error!(error = %e, method = job.record.method.code(), "check not stored: history cannot be opened");
                Err(crate::i18n::cli::history_error(lang, e))
            }
        };
        if replies
            .send(Msg::Stored {
                tag: job.tag,
                result,
            })
            .is_err()
        {
            return;
        }
        notify();
    }
}

/// Adds the consents the patient gave at the desk that the centre's reply did not echo,
/// timed `at`; and dates an echoed consent without the centre's time at `at`.
fn merge_consents(record: &mut CheckRecord, given: &Consents, at: OffsetDateTime) {
    let asked = [
        (ConsentKind::Limit, given.limit),
        (ConsentKind::Drug, given.drug),
        (ConsentKind::Checkup, given.checkup),
        (ConsentKind::Diagnosis, given.diagnosis),
        (ConsentKind::Surgery, given.surgery),
    ];
    for c in &mut record.consents {
        c.at.get_or_insert(at);
    }
    for (kind, answer) in asked {
        if let Some(agreed) = answer
            && !record.consents.iter().any(|c| c.kind == kind)
        {
            record.consents.push(Consent {
                kind,
                agreed,
                at: Some(at),
            });
        }
    }
    record
        .consents
        .sort_by_key(|c| ConsentKind::ALL.iter().position(|k| *k == c.kind));
}

/// The stored reason of a centre trouble (as [`history::error_code`] gives for the client's).
fn trouble_code(t: &CentreTrouble) -> (String, Option<String>) {
    let message = match t {
        CentreTrouble::Rejected { message, .. } if !message.is_empty() => Some(message.clone()),
        _ => None,
    };
    (Reason::of_trouble(t).code(), message)
}

/// The history record of a reception visit, if the visit was a check (reached the centre).
pub fn visit_record(result: &VisitResult, at: OffsetDateTime) -> Option<CheckRecord> {
    let method = Method::from(result.method?);
    let mut record = match &result.outcome {
        Ok(e) => history::from_eligibility(at, method, e, None),
        Err(Trouble::Centre(t)) => {
            let (code, message) = trouble_code(t);
            CheckRecord {
                at,
                method,
                outcome: Outcome::Error,
                reason_code: Some(code),
                reason_message: message,
                person: history::Person::default(),
                consents: Vec::new(),
            }
        }
        Err(_) => return None,
    };
    merge_consents(&mut record, &result.consents, at);
    // The patient's choice is the desk's own record, whether or not the centre echoed it.
    if let Some(form) = result.consents.prescription {
        record.person.prescription_issue = Some(form.wire().code().to_string());
    }
    Some(record)
}

impl Real {
    /// Takes in the answers and the writer's replies.
    fn pump(&mut self) {
        while let Ok(msg) = self.rx.try_recv() {
            match msg {
                Msg::Refno(r) => {
                    if self.refno == RefnoState::Sending {
                        self.refno = r;
                    }
                }
                Msg::Answer { seq, result, as_of } => {
                    if seq == self.seq && matches!(self.state, CheckState::Checking) {
                        self.state = CheckState::Done(Box::new(Answer {
                            result: *result,
                            stored: None,
                            as_of,
                        }));
                    }
                }
                Msg::Stored { tag, result } => {
                    if result.is_ok() {
                        self.generation += 1;
                    }
                    match tag {
                        Tag::Visit => self.visit_problem = result.err(),
                        // A statistic: its failure is logged by the writer, not shown.
                        Tag::CardLeft => {}
                        Tag::Check(seq) => {
                            if let CheckState::Done(a) = &mut self.state
                                && seq == self.seq
                            {
                                a.stored = Some(result);
                            }
                        }
                    }
                }
            }
        }
    }

    fn write(&mut self, tag: Tag, record: CheckRecord) {
        if self
            .writer
            .send(Job::Check(Box::new(Write { tag, record })))
            .is_err()
        {
            let _ = self.tx.send(Msg::Stored {
                tag,
                result: Err(writer_stopped(self.lang).into()),
            });
        }
    }
}

impl Checks for Real {
    fn submit(&mut self, search: SearchInfo, date: Option<time::Date>) -> bool {
        self.pump();
        if self.refno != RefnoState::Sending {
            self.refno = RefnoState::Idle;
        }
        if matches!(self.state, CheckState::Checking) {
            return false;
        }
        self.seq += 1;
        self.state = CheckState::Checking;
        let seq = self.seq;
        let client = self.ctx.client.clone();
        let notify = self.ctx.notify.clone();
        let tx = self.tx.clone();
        let writer = self.writer.clone();
        let lang = self.lang;
        let limit = search.limit_consent == eligibility::codes::LimitConsent::Agreed;
        self.ctx.rt.spawn(async move {
            let day = date.unwrap_or_else(crate::time::today);
            let answer = client.check_insurance_card(&search, Some(day)).await;
            let at = OffsetDateTime::now_utc();
            let given = Consents {
                limit: Some(limit),
                ..Consents::default()
            };
            let (mut record, outcome) = match answer {
                Ok(e) => (
                    history::from_eligibility(at, Method::InsuranceCard, &e, Some(&search)),
                    Ok(Box::new(e)),
                ),
                Err(e) => {
                    tracing::warn!(error = %e, "insurance-card check failed");
                    (
                        history::from_client_error(at, Method::InsuranceCard, &e, Some(&search)),
                        Err(Trouble::Centre(CentreTrouble::from_client(&e))),
                    )
                }
            };
            merge_consents(&mut record, &given, at);
            let result = VisitResult {
                method: None,
                consents: given,
                outcome,
                certificate_expires_soon: false,
            };
            // The answer first: the writer's reply must not overtake it on the channel.
            let _ = tx.send(Msg::Answer {
                seq,
                result: Box::new(result),
                as_of: date,
            });
            if writer
                .send(Job::Check(Box::new(Write {
                    tag: Tag::Check(seq),
                    record,
                })))
                .is_err()
            {
                let _ = tx.send(Msg::Stored {
                    tag: Tag::Check(seq),
                    result: Err(writer_stopped(lang).into()),
                });
            }
            notify();
        });
        true
    }

    fn state(&mut self) -> &CheckState {
        self.pump();
        &self.state
    }

    fn clear(&mut self) {
        self.pump();
        // A check in flight stays in flight: its answer still arrives and is stored.
        if !matches!(self.state, CheckState::Checking) {
            self.state = CheckState::Idle;
        }
        if self.refno != RefnoState::Sending {
            self.refno = RefnoState::Idle;
        }
    }

    fn record_visit(&mut self, result: &VisitResult) {
        if let Some(record) = visit_record(result, OffsetDateTime::now_utc()) {
            self.write(Tag::Visit, record);
        }
    }

    fn record_card_left(&mut self) {
        if self
            .writer
            .send(Job::CardLeft(OffsetDateTime::now_utc()))
            .is_err()
        {
            tracing::error!("card left behind not counted: the history writer has stopped");
        }
    }

    fn visit_store_problem(&mut self) -> Option<String> {
        self.pump();
        self.visit_problem.clone()
    }

    fn search(&mut self, q: &Query) -> Result<Vec<Entry>, String> {
        let lang = self.lang;
        if self.reader.is_err() {
            // Retry the open: the clerk may have fixed the folder.
            self.reader = History::open(&self.ctx.cfg.history)
                .map_err(|e| crate::i18n::cli::history_error(lang, &e));
        }
        match &self.reader {
            Ok(h) => h.search(q).map_err(|e| {
                tracing::warn!(error = %e, "history search failed");
                crate::i18n::cli::history_error(lang, &e)
            }),
            Err(e) => Err(e.clone()),
        }
    }

    fn generation(&mut self) -> u64 {
        self.pump();
        self.generation
    }

    fn register_refno(&mut self, row: eligibility::link::RefNoRow) -> bool {
        self.pump();
        if self.refno == RefnoState::Sending {
            return false;
        }
        self.refno = RefnoState::Sending;
        let client = self.ctx.client.clone();
        let notify = self.ctx.notify.clone();
        let tx = self.tx.clone();
        self.ctx.rt.spawn(async move {
            let number = row.reference_number.to_string();
            let state = match client
                .register_reference_numbers(std::slice::from_ref(&row), false, None)
                .await
            {
                Ok(answer) => match answer.body.units.first().map(super::refno::unit_outcome) {
                    Some(Ok(())) => RefnoState::Registered { number },
                    Some(Err((code, message))) => RefnoState::Refused {
                        number,
                        code,
                        message,
                    },
                    None => RefnoState::Refused {
                        number,
                        code: String::new(),
                        message: String::new(),
                    },
                },
                Err(e) => {
                    tracing::warn!(error = %e, "reference number not registered");
                    RefnoState::Failed(CentreTrouble::from_client(&e))
                }
            };
            if tx.send(Msg::Refno(state)).is_ok() {
                notify();
            }
        });
        true
    }

    fn refno(&mut self) -> RefnoState {
        self.pump();
        self.refno.clone()
    }
}

/// An insurance-card check made on the caller's thread: what the centre answered (or why it
/// could not be asked) and the history record of it.
pub struct Checked {
    /// When the answer came.
    pub at: OffsetDateTime,
    pub answer: Result<eligibility::Eligibility, eligibility::ClientError>,
    pub record: CheckRecord,
}

/// The insurance-card check for a caller without a screen (`onshi check`): asks the centre
/// configured in `cfg` for `search` on `date` (資格確認日; today in Japan when `None`), on a
/// runtime of its own, and waits. The record is the one the check tab stores (without the
/// tab's consent merge: a command's consents are the centre's echo only). Storing it is the
/// caller's, so that a check which cannot be recorded is not made.
pub fn check_blocking(
    cfg: &crate::config::Config,
    search: &SearchInfo,
    date: Option<time::Date>,
) -> Checked {
    let answer = ask_centre_blocking(cfg, search, date);
    let at = OffsetDateTime::now_utc();
    let record = match &answer {
        Ok(e) => history::from_eligibility(at, Method::InsuranceCard, e, Some(search)),
        Err(e) => {
            tracing::warn!(error = %e, "insurance-card check failed");
            history::from_client_error(at, Method::InsuranceCard, e, Some(search))
        }
    };
    Checked { at, answer, record }
}

fn ask_centre_blocking(
    cfg: &crate::config::Config,
    search: &SearchInfo,
    date: Option<time::Date>,
) -> Result<eligibility::Eligibility, eligibility::ClientError> {
    let client = eligibility::Client::new(cfg.centre.clone())?;
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| eligibility::ClientError::Config {
            detail: format!("no async runtime: {e}"),
        })?;
    let day = date.unwrap_or_else(crate::time::today);
    rt.block_on(client.check_insurance_card(search, Some(day)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::flow::Method as FlowMethod;

    fn at() -> OffsetDateTime {
        time::macros::datetime!(2026-11-24 01:00 UTC)
    }

    #[test]
    fn a_cancelled_visit_is_not_a_check_and_a_centre_failure_is_an_error_with_its_method() {
        let cancelled = VisitResult {
            method: Some(FlowMethod::Pin),
            consents: Consents::default(),
            outcome: Err(Trouble::CancelledByPatient),
            certificate_expires_soon: false,
        };
        assert!(visit_record(&cancelled, at()).is_none());
        let refused = VisitResult {
            method: Some(FlowMethod::Face),
            consents: Consents {
                drug: Some(true),
                checkup: Some(false),
                ..Consents::default()
            },
            outcome: Err(Trouble::Centre(CentreTrouble::Rejected {
                code: "SIM-E0201".into(),
                message: "nonce".into(),
            })),
            certificate_expires_soon: false,
        };
        let r = visit_record(&refused, at()).unwrap();
        assert_eq!(r.method, Method::CardFace);
        assert_eq!(r.outcome, Outcome::Error);
        assert_eq!(r.reason_code.as_deref(), Some("SIM-E0201"));
        assert_eq!(
            r.consents,
            vec![
                Consent {
                    kind: ConsentKind::Drug,
                    agreed: true,
                    at: Some(at())
                },
                Consent {
                    kind: ConsentKind::Checkup,
                    agreed: false,
                    at: Some(at())
                },
            ],
            "the patient's answers are kept with their time"
        );
    }
}
