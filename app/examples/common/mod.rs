//! What the app's examples share: central-sim started in this process and the app's config
//! pointing at it, the private pcscd's first vpcd slot and the test PKI.

// The tests' settings writer: one place for the simulated desk's config text.
#[path = "../../tests/common/mod.rs"]
mod settings;

use onshi_desk::config::Config;
use simulators::centre::{RunningCentre, Server};
use std::path::Path;

/// Starts central-sim with its state under `dir` and loads an app config (written to `dir`)
/// for the simulated desk. Keep the centre alive as long as the desk runs.
pub fn simulated_desk(dir: &Path) -> anyhow::Result<(RunningCentre, Config)> {
    let centre = Server::start(simulators::centre::Config::new(dir.join("centre")))?;
    let reader = format!("[reader]\nname = {:?}\n", testbed::READER_SLOT0);
    let desk = settings::Desk {
        extra: &reader,
        ..Default::default()
    };
    let config = settings::write_config(dir, &centre, &desk);
    let cfg = Config::load(&config)?;
    Ok((centre, cfg))
}
