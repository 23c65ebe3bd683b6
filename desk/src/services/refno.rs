//! 照会番号 registration for the commands (`onshi refno add` and `onshi refno import`): the rows
//! checked by `link::refno` registered at the centre through the same client call the link uses
//! for `OQSsiimm01` / `OQSmuimm01` (`Client::register_reference_numbers`). The centre then
//! returns the number as `ReferenceNumber` in every later result for that person at this clinic.

use eligibility::codes::ProcessingResultStatus;
use eligibility::link::RefNoRow;
use eligibility::xml::RefNoResponse;
use eligibility::{Client, ClientError};

/// Registers `rows` at the centre on the caller's thread: one row as a single registration,
/// more as a bulk one. Each row's outcome is in the answer's units.
pub fn register_blocking(
    cfg: &crate::config::Config,
    rows: &[RefNoRow],
) -> Result<RefNoResponse, ClientError> {
    let client = Client::new(cfg.centre.clone())?;
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| ClientError::Config {
            detail: format!("no async runtime: {e}"),
        })?;
    rt.block_on(client.register_reference_numbers(rows, rows.len() > 1, None))
}

/// Whether the centre registered this row: `Err((code, message))` with its refusal.
pub fn unit_outcome(u: &eligibility::xml::RefNoResultUnit) -> Result<(), (String, String)> {
    if u.processing_result_status == Some(ProcessingResultStatus::Normal) {
        return Ok(());
    }
    Err((
        u.processing_result_code.clone().unwrap_or_default(),
        u.processing_result_message.clone().unwrap_or_default(),
    ))
}
