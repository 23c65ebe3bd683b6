//! The seam between the screens and whatever runs the flow: the real [`crate::runtime`]
//! (card, face and centre workers) in the app and the end-to-end tests, or a scripted flow in
//! the screen tests. The screens only see this trait.

use crate::flow::{Event, Flow};
use std::sync::Arc;

/// One camera frame for the patient's live view: RGB, already scaled for display. Frames
/// are replaced, never queued or stored, and hold no more than the camera shows.
pub struct PreviewFrame {
    pub width: usize,
    pub height: usize,
    /// `width * height * 3` bytes, RGB.
    pub rgb: Vec<u8>,
    /// Increases with every frame, so the screen re-uploads a texture only when it changed.
    pub seq: u64,
}

/// What the screens drive.
pub trait Backend {
    /// The flow as it is now.
    fn flow(&self) -> &Flow;
    /// Input from the patient or the clerk.
    fn send(&mut self, event: Event);
    /// Called once per screen frame: takes in the workers' answers and the clock.
    fn pump(&mut self);
    /// The latest camera frame while a face check runs.
    fn preview(&self) -> Option<Arc<PreviewFrame>>;
    /// The developer panel's controls (only with the simulators).
    fn dev(&mut self) -> Option<&mut dyn DevControls> {
        None
    }
    /// The insurance-card check and the history.
    fn checks(&mut self) -> Option<&mut dyn crate::services::check::Checks> {
        None
    }
    /// The 一括照会 screen's job.
    fn batches(&mut self) -> Option<&mut dyn crate::services::batch::Batches> {
        None
    }
    /// Staff login and the data viewer (with 災害時 mode).
    fn viewer(&mut self) -> Option<&mut dyn crate::services::viewer::Viewer> {
        None
    }
    /// The clinic link's state, when `[link]` is set and enabled.
    fn link(&self) -> Option<crate::link::LinkView> {
        None
    }
}

/// What the developer panel can do to the simulators: put a persona's card on the virtual
/// reader, take it off, and choose what the virtual camera shows.
pub trait DevControls {
    /// (id, label in Japanese, label in English) of each persona.
    fn personas(&self) -> &[(String, String, String)];
    /// The persona whose card is on the reader, if any.
    fn inserted(&self) -> Option<&str>;
    fn insert(&mut self, id: &str) -> Result<(), DevError>;
    fn remove(&mut self) -> Result<(), DevError>;
    /// The camera feeds (e.g. "genuine", "impostor", "noface").
    fn feeds(&self) -> &[String];
    fn feed(&self) -> &str;
    fn set_feed(&mut self, name: &str) -> Result<(), DevError>;
    /// What the card-front camera may be shown (one image sequence each, e.g. "adult",
    /// "adult-glare", "empty"); none: this desk keys 照合番号B or has no recorded fronts.
    fn front_feeds(&self) -> &[String] {
        &[]
    }
    fn front_feed(&self) -> &str {
        ""
    }
    fn set_front_feed(&mut self, name: &str) -> Result<(), DevError> {
        Err(DevError::Unknown(name.to_string()))
    }
}

/// Why a developer-panel action failed.
#[derive(Debug, thiserror::Error)]
pub enum DevError {
    #[error("the virtual card does not answer ({0}): restart `cargo xtask demo`")]
    Simulator(String),
    #[error("no such persona or feed: {0}")]
    Unknown(String),
}
