//! The desk's service for the 一括照会 screen's job: import, send, progress, result, export.
//! SKELETON: to be built (issue 6).

use super::Ctx;

/// What the screen asks of the service.
pub trait Batches {}

struct Real;

impl Batches for Real {}

/// The real service of a running desk.
pub fn start(_ctx: &Ctx) -> Box<dyn Batches + Send> {
    Box::new(Real)
}
