//! The desk's service for the insurance-card check and the history (today's list, search).
//! SKELETON: to be built (issue 6).

use super::Ctx;

/// What the screen asks of the service.
pub trait Checks {}

struct Real;

impl Checks for Real {}

/// The real service of a running desk.
pub fn start(_ctx: &Ctx) -> Box<dyn Checks + Send> {
    Box::new(Real)
}
