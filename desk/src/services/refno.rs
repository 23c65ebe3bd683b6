//! 照会番号 registration for the commands (`onshi refno add` and `onshi refno import`): the rows
//! checked by `link::refno` registered at the centre through the same client call the link uses
//! for `OQSsiimm01` / `OQSmuimm01` (`Client::register_reference_numbers`). The centre then
//! returns the number as `ReferenceNumber` in every later result for that person at this clinic.

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
