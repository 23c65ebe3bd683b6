//! `onshi`, the reception-desk app: loads the config (a wrong setting is reported here, in
//! plain words, with exit code 2), starts the card, face and centre workers, and opens the
//! patient screen and the clerk console over them. `onshi check` and `onshi history` run the
//! clerk's insurance-card check and history search headless, `onshi card info` says what the
//! card on the reader says, `onshi subsidy` estimates the 補助金 (see `onshi::cli`, whose `exit`
//! module lists the exit statuses).

use anyhow::Context as _;
use clap::Parser;
use clap::Subcommand;
use onshi::cli::{self, Io, Settings, exit};
use onshi_desk::config::{Config, EXAMPLE};
use onshi_desk::runtime::Desk;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

/// Onshi Desk (オン資デスク): the オンライン資格確認 reception desk.
#[derive(Parser)]
#[command(name = "onshi", version, after_help = exit::HELP)]
struct Args {
    /// The settings file [default: $XDG_CONFIG_HOME/onshi/config.toml].
    #[arg(long, value_name = "FILE", global = true)]
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

#[derive(Subcommand)]
enum Command {
    /// Check an insurance card (保険証) by its numbers: prints the result and stores it in the
    /// history. Give the request as JSON on standard input with --stdin (recommended: flags
    /// are visible to every user in `ps` and stay in the shell history).
    #[command(after_help = exit::HELP)]
    Check(cli::check::CheckArgs),
    /// List the checks of today, or search them by kana, dates or outcome.
    #[command(after_help = exit::HELP)]
    History(cli::history::HistoryArgs),
    /// 一括照会: check a CSV list of booked patients and write the result table.
    #[command(after_help = exit::HELP)]
    Batch(cli::batch::BatchArgs),
    /// The staff accounts: `add NAME --role admin|doctor|dentist|pharmacist|clerk [--admin
    /// ADMIN]`, `role`, `passwd`, `disable`, `enable`, `remove` (each `--admin ADMIN`), `list`.
    /// Passwords are asked without echo on a terminal; from a script, stdin gives the
    /// administrator's password on the first line, then the new password.
    #[command(subcommand, after_help = exit::HELP)]
    Staff(cli::staff::StaffCommand),
    /// The audit log: `verify` checks its hash chain.
    #[command(subcommand, after_help = exit::HELP)]
    Audit(cli::audit::AuditCommand),
    /// The My Number Card on the reader.
    #[command(subcommand)]
    Card(CardCommand),
    /// 補助金: estimate the 医療情報化支援基金 subsidy (rate, cap, amount, readers, deadlines),
    /// each line citing its rule of the 実施要領. The config is optional (its language).
    #[command(after_help = exit::HELP)]
    Subsidy(cli::subsidy::SubsidyArgs),
    /// Run the clinic link (req / res / face folders of [link]) without a screen, until
    /// SIGTERM or SIGINT: the service a clinic runs under systemd.
    #[command(after_help = exit::HELP)]
    Link(cli::link::LinkArgs),
    /// 照会番号 (the clinic's 診察券番号) registration at the centre: one, or a CSV list.
    #[command(subcommand, after_help = exit::HELP)]
    Refno(cli::refno::RefnoCommand),
}

#[derive(Subcommand)]
enum CardCommand {
    /// What the card on the reader says, read-only and without a PIN: its user certificate
    /// (issuer, serial, validity, days left, whether it chains to `[card] jpki_ca`) and the
    /// user PIN's tries left. No name, address, birth date or 個人番号. The config is optional.
    #[command(after_help = exit::HELP)]
    Info(cli::card::CardInfoArgs),
}

fn main() -> ExitCode {
    let mut args = Args::parse();
    // The headless commands keep stderr for the person's messages: only errors are logged.
    let default_log = if matches!(args.command, Some(Command::Link(_))) {
        // A service: its state changes are its log.
        "info"
    } else if args.command.is_some() {
        "error"
    } else {
        "info"
    };
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(default_log)),
        )
        .init();
    if args.example_config {
        print!("{EXAMPLE}");
        return ExitCode::SUCCESS;
    }
    // Resolved once, for whichever command runs (or the windows).
    let command = args.command.take();
    let settings = match Settings::resolve(args.config.as_deref()) {
        Ok(s) => s,
        Err(unusable) => {
            let status = unusable.report(command.is_some(), &mut std::io::stderr());
            return ExitCode::from(status);
        }
    };
    let Some(command) = command else {
        return match settings.into_config() {
            Ok(cfg) => match run(args, cfg) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("onshi: {e:#}");
                    ExitCode::from(exit::DESK)
                }
            },
            Err(unusable) => ExitCode::from(unusable.report(false, &mut std::io::stderr())),
        };
    };
    ExitCode::from(dispatch(command, &settings))
}

/// Runs one command; returns its exit status.
fn dispatch(command: Command, settings: &Settings) -> u8 {
    match command {
        // It writes to stderr itself (its progress bar redraws a line): no lock held.
        Command::Batch(b) => cli::batch::run(settings, &b),
        Command::Check(a) => {
            with_io(|io| cli::check::run(settings, &a, &mut std::io::stdin().lock(), io))
        }
        Command::History(a) => with_io(|io| cli::history::run(settings, &a, io)),
        Command::Staff(c) => with_io(|io| cli::staff::run(settings, &c, io)),
        Command::Audit(c) => with_io(|io| cli::audit::run(settings, &c, io)),
        Command::Card(CardCommand::Info(a)) => {
            with_io(|io| cli::card::run(&settings.card(), &a, io))
        }
        Command::Subsidy(a) => {
            with_io(|io| cli::subsidy::run(settings, &a, onshi_desk::time::today(), io))
        }
        Command::Refno(c) => with_io(|io| cli::refno::run(settings, &c, io)),
        // A service: it holds no lock on stdout / stderr while it runs (its log shares them).
        Command::Link(a) => cli::link::run(
            settings,
            &a,
            &mut Io {
                out: &mut std::io::stdout(),
                err: &mut std::io::stderr(),
            },
        ),
    }
}

/// Runs `f` with stdout and stderr locked for the command's output.
fn with_io(f: impl FnOnce(&mut Io<'_>) -> u8) -> u8 {
    let (mut out, mut err) = (std::io::stdout().lock(), std::io::stderr().lock());
    f(&mut Io {
        out: &mut out,
        err: &mut err,
    })
}

fn run(args: Args, cfg: Config) -> anyhow::Result<()> {
    // Workers wake the screens after each answer they queue (a no-op until the windows exist).
    #[cfg_attr(not(feature = "simulators"), expect(unused_mut))]
    let mut desk = Desk::start(&cfg, Arc::new(onshi::ui::wake)).context("starting the desk")?;
    // Config::load refuses [dev] in a build without the simulators; without the feature the
    // panel is not even wired.
    #[cfg(feature = "simulators")]
    if let Some(dev) = &cfg.dev {
        let mut controls =
            onshi_desk::dev::SimControls::new(&dev.control, &dev.feeds, desk.camera_setter())
                .context("connecting the developer panel to the simulators")?;
        // The card front's recorded views, in `front/` beside the camera feeds, when the desk
        // reads the card front.
        let fronts = dev.feeds.with_file_name("front");
        if cfg.card_front.is_some() && fronts.is_dir() {
            controls = controls
                .with_card_front(&fronts, desk.card_front_setter())
                .context("listing the card-front feeds")?;
        }
        desk.set_dev(Box::new(controls));
    }
    let opts = onshi::ui::WindowOptions {
        single_window: args.single_window,
        clerk_lang: cfg.lang,
        screenshot_to: args.screenshot,
        patient: cfg.patient,
    };
    if cfg.patient.kiosk && args.single_window {
        // One window holds both screens: a full-screen patient half would hide the console.
        tracing::warn!("[patient] kiosk is ignored with --single-window");
    }
    onshi::ui::run(Box::new(desk), opts)
        .map_err(|e| anyhow::anyhow!("the windows could not open: {e}"))
}
