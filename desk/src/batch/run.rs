//! Driving one stored job through the centre: upload (with the job's key) unless a 受付番号 is
//! already saved, save the 受付番号, poll until the result is ready, save every row's result.
//! Each step is committed before the next request, so the same call on a job left half-way
//! (app closed, network lost, process killed) carries on from where it stopped and never
//! makes a second batch at the centre. The centre takes one 資格確認日 per upload, so a job
//! whose rows are checked for several days is sent as one upload per day, each with its own
//! key and 受付番号, saved and resumed on its own.

use super::store::{FollowUp, Job, JobState, Outcome, Store, StoreError};
use eligibility::client::{BatchStatus, ClientError};
use eligibility::codes::QualificationValidity;
use eligibility::xml::{BulkConfirmUnit, BulkResult, text};
use eligibility::{Client, Verdict};
use std::time::Duration;

/// What the caller may show while a job runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Progress {
    /// Sending `rows` rows.
    Uploading { rows: usize },
    /// The centre holds the list under this 受付番号; `resumed` when it was saved before.
    Accepted { reception: String, resumed: bool },
    /// The result is not ready yet (`polls` asked so far).
    Waiting { polls: u32 },
    /// Every row has its result.
    Done(Summary),
}

/// Counts of a finished job, in the result table's three kinds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    /// 有効
    pub valid: usize,
    /// 無効 (including 該当資格なし)
    pub invalid: usize,
    /// エラー from the centre, 複数該当, and rows refused at import
    pub error: usize,
    /// Of `error`, the rows refused at import (never sent).
    pub bad: usize,
}

impl Summary {
    pub fn of(rows: &[super::store::StoredRow]) -> Summary {
        let mut s = Summary::default();
        for r in rows {
            match r.outcome {
                Outcome::Valid => s.valid += 1,
                Outcome::Invalid { .. } | Outcome::NotFound => s.invalid += 1,
                Outcome::Bad(_) => {
                    s.error += 1;
                    s.bad += 1
                }
                Outcome::Error { .. } | Outcome::Multiple | Outcome::Pending => s.error += 1,
            }
        }
        s
    }
}

/// Why a job stopped before its result.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    #[error("{0}")]
    Store(#[from] StoreError),
    /// Network or centre trouble: the job is saved; running it again resumes it.
    #[error("{0}: the list is saved and resumes when you run it again")]
    Centre(ClientError),
    #[error(
        "the centre could not process the 一括照会 ({0}): import the list again to send it as a new batch"
    )]
    Failed(String),
    #[error("every row of the list was refused at import: correct the rows and import it again")]
    NothingToSend,
    #[error("the job is already finished")]
    AlreadyDone,
}

/// How often to ask for the result.
#[derive(Debug, Clone, Copy)]
pub struct Polling {
    pub interval: Duration,
}

impl Default for Polling {
    fn default() -> Self {
        Polling {
            interval: Duration::from_secs(2),
        }
    }
}

/// Runs (or resumes) job `id` to its result. `progress` is called at each step.
pub async fn run(
    client: &Client,
    store: &mut Store,
    id: i64,
    polling: Polling,
    progress: &mut dyn FnMut(Progress),
) -> Result<Summary, RunError> {
    let job = store.job(id)?;
    match job.state {
        JobState::Done => return Err(RunError::AlreadyDone),
        JobState::Failed => return Err(RunError::Failed(job.failure.unwrap_or_default())),
        _ => {}
    }
    // One upload per 資格確認日 (the header carries one date per upload), in date order; an
    // upload whose rows all have their result is finished and skipped on a resume.
    let rows = store.rows(id)?;
    let mut dates: Vec<String> = rows
        .iter()
        .filter(|r| r.outcome == Outcome::Pending)
        .map(|r| r.confirm_date.clone().unwrap_or_default())
        .collect();
    dates.sort();
    dates.dedup();
    if dates.is_empty() && !rows.iter().any(|r| !matches!(r.outcome, Outcome::Bad(_))) {
        return Err(RunError::NothingToSend);
    }
    for date in &dates {
        run_one(client, store, &job, date, polling, progress).await?;
    }
    store.set_done(id)?;
    let summary = Summary::of(&store.rows(id)?);
    tracing::info!(
        job = id,
        uploads = dates.len(),
        valid = summary.valid,
        invalid = summary.invalid,
        error = summary.error,
        "一括照会 result saved"
    );
    progress(Progress::Done(summary));
    Ok(summary)
}

/// Uploads (or resumes) the rows of one 資格確認日 (`""`: none sent) and saves their result.
async fn run_one(
    client: &Client,
    store: &mut Store,
    job: &Job,
    date: &str,
    polling: Polling,
    progress: &mut dyn FnMut(Progress),
) -> Result<(), RunError> {
    let id = job.id;
    let reception = match store.upload_reception(job, date)? {
        Some(r) => {
            tracing::info!(job = id, "一括照会 resumed from its saved 受付番号");
            progress(Progress::Accepted {
                reception: r.clone(),
                resumed: true,
            });
            r
        }
        None => upload(client, store, job, date, progress).await?,
    };
    let mut polls = 0;
    let result = loop {
        polls += 1;
        match client.batch_poll(&reception).await {
            Ok(BatchStatus::Done(r)) => break *r,
            Ok(BatchStatus::Processing) => {
                progress(Progress::Waiting { polls });
                tokio::time::sleep(polling.interval).await;
            }
            Err(ClientError::Rejected { code, message }) if failed_code(&code) => {
                let words = format!("{message} ({code})");
                store.set_failed(id, &words)?;
                return Err(RunError::Failed(words));
            }
            Err(e) => return Err(RunError::Centre(e)),
        }
    };
    let results = outcomes(&result);
    // The day the centre answered for, kept on rows sent without one.
    let answered_for = text(&result.header.qualification_confirmation_date)
        .filter(|d| d.len() == 8 && d.bytes().all(|b| b.is_ascii_digit()));
    store.save_results(id, &results, &follow_ups(&result), answered_for)?;
    Ok(())
}

/// SIM-E0303: the centre failed the batch (send again with a new key). A real centre's code
/// for this is not public (PROPOSED, as the simulator's).
fn failed_code(code: &str) -> bool {
    code.ends_with("E0303")
}

async fn upload(
    client: &Client,
    store: &mut Store,
    job: &Job,
    date: &str,
    progress: &mut dyn FnMut(Progress),
) -> Result<String, RunError> {
    let rows = store.rows(job.id)?;
    let searches: Vec<_> = rows
        .iter()
        .filter(|r| r.outcome == Outcome::Pending)
        .filter(|r| r.confirm_date.as_deref().unwrap_or("") == date)
        .filter_map(|r| {
            r.search().map(|mut s| {
                // The row's place in the list comes back with its result.
                s.arbitrary_identifier = Some(r.seq.to_string());
                s
            })
        })
        .collect();
    if searches.is_empty() {
        return Err(RunError::NothingToSend);
    }
    progress(Progress::Uploading {
        rows: searches.len(),
    });
    // Each date's upload has its own key (the job's, with the date after it), so the centre
    // tells them apart yet answers a repeated upload of one date with its 受付番号.
    let (day, key) = if date.is_empty() {
        (None, job.key.clone())
    } else {
        let day = eligibility::ids::parse_yyyymmdd(date);
        let key = format!("{}{date}", job.key)
            .parse()
            .unwrap_or_else(|_| job.key.clone());
        (day, key)
    };
    let reception = client
        .batch_upload(&searches, day, &key)
        .await
        .map_err(RunError::Centre)?;
    store.set_upload_reception(job.id, date, &reception)?;
    tracing::info!(job = job.id, "一括照会 accepted; 受付番号 saved");
    progress(Progress::Accepted {
        reception: reception.clone(),
        resumed: false,
    });
    Ok(reception)
}

/// The follow-ups of each answered unit: the centre's numbers against the list's (as sent,
/// echoed back), and LimitApplicationCertificateChanged.
fn follow_ups(r: &BulkResult) -> Vec<(usize, FollowUp)> {
    use super::import::Column;
    r.body
        .units
        .iter()
        .filter_map(|u| {
            let s = u.search.as_ref()?;
            let seq = s
                .arbitrary_identifier
                .as_deref()
                .and_then(|v| v.trim().parse::<usize>().ok())?;
            let q = u.result.as_ref()?;
            let norm = |v: &Option<String>| text(v).map(|x| x.trim().to_string());
            let mut f = FollowUp::default();
            let pairs = [
                (Column::Insurer, &s.insurer_number, &q.insurer_number),
                (
                    Column::Symbol,
                    &s.insured_card_symbol,
                    &q.insured_card_symbol,
                ),
                (
                    Column::Number,
                    &s.insured_identification_number,
                    &q.insured_identification_number,
                ),
                (
                    Column::Branch,
                    &s.insured_branch_number,
                    &q.insured_branch_number,
                ),
            ];
            for (col, listed, centre) in pairs {
                // A cell the list left blank is not a difference.
                if let (Some(a), Some(b)) = (norm(listed), norm(centre))
                    && a != b
                {
                    f.changed.push(col);
                }
            }
            f.limit_changed = text(&q.limit_certificate_changed) == Some("1");
            (!f.is_empty()).then_some((seq, f))
        })
        .collect()
}

/// Each unit's outcome, keyed by the row's place (its echoed ArbitraryIdentifier).
fn outcomes(r: &BulkResult) -> Vec<(usize, Outcome)> {
    r.body
        .units
        .iter()
        .filter_map(|u| {
            let seq = u
                .search
                .as_ref()
                .and_then(|s| s.arbitrary_identifier.as_deref())
                .and_then(|s| s.trim().parse::<usize>().ok());
            if seq.is_none() {
                tracing::warn!("a 一括照会 result unit without a usable row tag was skipped");
            }
            Some((seq?, outcome(u)))
        })
        .collect()
}

fn outcome(u: &BulkConfirmUnit) -> Outcome {
    let first = u.result.as_ref();
    match eligibility::client::verdict(
        &u.processing_result_status,
        &u.qualification_validity,
        &u.processing_result_code,
        &u.processing_result_message,
        first,
    ) {
        Verdict::Valid => Outcome::Valid,
        // 無効（新しい資格あり） is kept as its own reason, so the table can say the insurer
        // changed rather than only that the old card was lost.
        Verdict::Invalid { .. }
            if u.qualification_validity == Some(QualificationValidity::InvalidNewQualification) =>
        {
            Outcome::Invalid {
                lost_on: first.and_then(|r| text(&r.disqualification_date).map(str::to_string)),
                reason: Some(crate::history::NEW_QUALIFICATION.to_string()),
            }
        }
        Verdict::Invalid { reason } => Outcome::Invalid {
            lost_on: first.and_then(|r| text(&r.disqualification_date).map(str::to_string)),
            reason: reason.map(|r| r.code().to_string()),
        },
        Verdict::NotFound => Outcome::NotFound,
        Verdict::Multiple => Outcome::Multiple,
        Verdict::Error { code, message } => Outcome::Error { code, message },
    }
}
