//! The clerk's desk beyond the reception flow: the insurance-card check and the history
//! ([`check`]), the 一括照会 screen's job ([`batch`]) and the qualified staff's data viewer with
//! 災害時 mode ([`viewer`]). Each is a trait the screens call (and the screen tests script)
//! and a real implementation over the centre connection, the SQLite history and the batch
//! store. Real services never block the caller: work runs on the centre worker's tokio
//! runtime or a thread, and answers are taken on the next frame (`notify` repaints).

pub mod batch;
pub mod check;
pub mod export;
pub mod link;
pub mod paper;
pub mod refno;
pub mod viewer;

use crate::config::Config;
use std::sync::Arc;

/// What the real services share: the settings, the centre client and the runtime it runs
/// on, and the screens' repaint.
#[derive(Clone)]
pub struct Ctx {
    pub cfg: Config,
    pub client: Arc<eligibility::Client>,
    pub rt: tokio::runtime::Handle,
    pub notify: Arc<dyn Fn() + Send + Sync>,
}

/// The real services of a running desk.
pub struct Services {
    pub checks: Box<dyn check::Checks + Send>,
    pub batches: Box<dyn batch::Batches + Send>,
    pub viewer: Box<dyn viewer::Viewer + Send>,
    /// The clinic link, when `[link]` is set and enabled.
    pub link: Option<link::DeskLink>,
}

impl Services {
    pub fn start(ctx: &Ctx) -> Services {
        Services {
            checks: check::start(ctx),
            batches: batch::start(ctx),
            viewer: viewer::start(ctx),
            link: link::DeskLink::start(&ctx.cfg, ctx.notify.clone()),
        }
    }
}
