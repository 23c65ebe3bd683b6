//! What the app's examples share: central-sim started in this process and the app's config
//! pointing at it, the private pcscd's first vpcd slot and the test PKI.

use onshi::config::Config;
use simulators::centre::{RunningCentre, Server};
use std::path::Path;

/// Starts central-sim with its state under `dir` and loads an app config (written to `dir`)
/// for the simulated desk. Keep the centre alive as long as the desk runs.
pub fn simulated_desk(dir: &Path) -> anyhow::Result<(RunningCentre, Config)> {
    let root = testbed::workspace_root();
    let centre = Server::start(simulators::centre::Config::new(dir.join("centre")))?;
    let config = dir.join("config.toml");
    let file = |rel: &str| root.join(rel).display().to_string();
    std::fs::write(
        &config,
        format!(
            "[reader]\nname = \"{}\"\n\
             [card]\njpki_ca = \"{}\"\nterminal_cert = \"{}\"\nterminal_key = \"{}\"\n\
             [centre]\nurl = \"{}\"\nca = \"{}\"\nclient_cert = \"{}\"\nclient_key = \"{}\"\n\
             [institution]\ncode = \"{}\"\n\
             [history]\npath = \"history.sqlite\"\n",
            testbed::READER_SLOT0,
            file("assets/pki/jpki-auth-ca.crt.der"),
            file("assets/pki/tokutei-terminal.crt.der"),
            file("assets/pki/tokutei-terminal.key.pem"),
            centre.url(),
            centre.ca_path().display(),
            centre.client_cert_path().display(),
            centre.client_key_path().display(),
            centre.default_institution(),
        ),
    )?;
    let cfg = Config::load(&config)?;
    Ok((centre, cfg))
}
