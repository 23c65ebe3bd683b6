//! `onshi`, the reception-desk app: loads the config (a wrong setting is reported here, in
//! plain words, with exit code 2), starts the card, face and centre workers, and opens the
//! patient screen and the clerk console over them.

use anyhow::Context as _;
use clap::Parser;
use onshi::config::{Config, ConfigError, EXAMPLE};
use onshi::runtime::Desk;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

/// Onshi Desk (オン資デスク): the オンライン資格確認 reception desk.
#[derive(Parser)]
#[command(name = "onshi", version)]
struct Args {
    /// The settings file [default: $XDG_CONFIG_HOME/onshi/config.toml].
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Patient screen and clerk console side by side in one window.
    #[arg(long)]
    single_window: bool,
    /// Write a PNG of each window once the waiting screen shows (`PATH-patient.png`,
    /// `PATH-clerk.png`), then quit.
    #[arg(long, value_name = "PATH")]
    screenshot: Option<PathBuf>,
    /// Print an example settings file and quit.
    #[arg(long)]
    example_config: bool,
}

/// `$XDG_CONFIG_HOME/onshi/config.toml`, `$XDG_CONFIG_HOME` defaulting to `~/.config`.
fn default_config_path() -> PathBuf {
    let base = std::env::var_os("XDG_CONFIG_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")))
        .unwrap_or_else(|| PathBuf::from("."));
    base.join("onshi").join("config.toml")
}

fn main() -> ExitCode {
    let args = Args::parse();
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .init();
    if args.example_config {
        print!("{EXAMPLE}");
        return ExitCode::SUCCESS;
    }
    let explicit = args.config.is_some();
    let path = args.config.clone().unwrap_or_else(default_config_path);
    let cfg = match Config::load(&path) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("onshi: {e}");
            if matches!(e, ConfigError::Missing { .. }) && !explicit {
                eprintln!(
                    "\nonshi: no --config was given and {} does not exist. Create it from this example (or run `onshi --example-config > {}`) and edit it:\n\n{EXAMPLE}",
                    path.display(),
                    path.display()
                );
            }
            return ExitCode::from(2);
        }
    };
    match run(args, cfg) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("onshi: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: Args, cfg: Config) -> anyhow::Result<()> {
    // Workers wake the screens after each answer they queue (a no-op until the windows exist).
    let mut desk = Desk::start(&cfg, Arc::new(onshi::ui::wake)).context("starting the desk")?;
    if let Some(dev) = &cfg.dev {
        let controls = onshi::dev::SimControls::new(&dev.control, &dev.feeds, desk.camera_setter())
            .context("connecting the developer panel to the simulators")?;
        desk.set_dev(Box::new(controls));
    }
    let opts = onshi::ui::WindowOptions {
        single_window: args.single_window,
        clerk_lang: cfg.lang,
        screenshot_to: args.screenshot,
    };
    onshi::ui::run(Box::new(desk), opts)
        .map_err(|e| anyhow::anyhow!("the windows could not open: {e}"))
}
