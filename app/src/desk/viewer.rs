//! The desk's service for staff login and roles, the drug / 特定健診 viewer with its consent gating, 災害時 mode and the audit.
//! SKELETON: to be built (issue 6).

use super::Ctx;

/// What the screen asks of the service.
pub trait Viewer {}

struct Real;

impl Viewer for Real {}

/// The real service of a running desk.
pub fn start(_ctx: &Ctx) -> Box<dyn Viewer + Send> {
    Box::new(Real)
}
