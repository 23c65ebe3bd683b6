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
    #[command(subcommand)]
    command: Option<Command>,
}

/// Headless commands (no window).
#[derive(clap::Subcommand)]
enum Command {
    /// 一括照会: check a CSV list of booked patients and write the result table.
    Batch(BatchArgs),
}

/// `onshi batch IN.csv -o OUT.csv` (exit codes: see `onshi::batch::cli`).
#[derive(clap::Args)]
struct BatchArgs {
    /// The list: 患者氏名,保険者番号,記号,番号,枝番,生年月日 (UTF-8 or Shift_JIS; header optional).
    input: PathBuf,
    /// The result table (CSV, UTF-8 with BOM for Excel).
    #[arg(short, long, value_name = "OUT.csv")]
    output: PathBuf,
    /// The job store [default: $XDG_DATA_HOME/onshi/batches.sqlite].
    #[arg(long, value_name = "FILE")]
    store: Option<PathBuf>,
    /// Seconds between asks for the result.
    #[arg(long, default_value_t = 2.0)]
    poll_secs: f64,
    /// Stop waiting after this many seconds (exit 4; the same command resumes).
    #[arg(long, default_value_t = 600.0)]
    wait_secs: f64,
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
                // A headless command keeps stderr for its own lines (and the progress bar).
                .unwrap_or_else(|_| {
                    tracing_subscriber::EnvFilter::new(if args.command.is_some() {
                        "warn"
                    } else {
                        "info"
                    })
                }),
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
    if let Some(Command::Batch(b)) = &args.command {
        let opts = onshi::batch::cli::Options {
            input: b.input.clone(),
            output: b.output.clone(),
            store: b.store.clone(),
            poll_interval: std::time::Duration::from_secs_f64(b.poll_secs.max(0.01)),
            wait: std::time::Duration::from_secs_f64(b.wait_secs.max(0.0)),
        };
        return ExitCode::from(onshi::batch::cli::run(&opts, &cfg));
    }
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
