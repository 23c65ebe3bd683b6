//! `onshi`, the reception-desk app: loads the config (a wrong setting is reported here, in
//! plain words, with exit code 2), starts the card, face and centre workers, and opens the
//! patient screen and the clerk console over them. `onshi check` and `onshi history` run the
//! clerk's insurance-card check and history search headless, `onshi card info` says what the
//! card on the reader says, `onshi subsidy` estimates the 補助金 (see `onshi::cli`, whose `exit`
//! module lists the exit statuses).

use anyhow::Context as _;
use clap::Parser;
use clap::Subcommand;
use onshi::cli::{self, CheckArgs, HistoryArgs, exit};
use onshi_desk::config::{Config, ConfigError, EXAMPLE};
use onshi_desk::runtime::Desk;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

/// Onshi Desk (オン資デスク): the オンライン資格確認 reception desk.
#[derive(Parser)]
#[command(name = "onshi", version, after_help = EXIT_HELP)]
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
    #[command(after_help = EXIT_HELP)]
    Check(CheckArgs),
    /// List the checks of today, or search them by kana, dates or outcome.
    #[command(after_help = EXIT_HELP)]
    History(HistoryArgs),
    /// 一括照会: check a CSV list of booked patients and write the result table.
    #[command(after_help = EXIT_HELP)]
    Batch(BatchArgs),
    /// The staff accounts: `add NAME --role admin|doctor|dentist|pharmacist|clerk [--admin
    /// ADMIN]`, `role`, `passwd`, `disable`, `enable`, `remove` (each `--admin ADMIN`), `list`.
    /// Passwords are asked without echo on a terminal; from a script, stdin gives the
    /// administrator's password on the first line, then the new password.
    #[command(subcommand, after_help = EXIT_HELP)]
    Staff(onshi::cli::staff::StaffCommand),
    /// The audit log: `verify` checks its hash chain.
    #[command(subcommand, after_help = EXIT_HELP)]
    Audit(cli::AuditCommand),
    /// The My Number Card on the reader.
    #[command(subcommand)]
    Card(CardCommand),
    /// 補助金: estimate the 医療情報化支援基金 subsidy (rate, cap, amount, readers, deadlines),
    /// each line citing its rule of the 実施要領. The config is optional (its language).
    #[command(after_help = EXIT_HELP)]
    Subsidy(onshi::cli::subsidy::SubsidyArgs),
}

#[derive(Subcommand)]
enum CardCommand {
    /// What the card on the reader says, read-only and without a PIN: its user certificate
    /// (issuer, serial, validity, days left, whether it chains to `[card] jpki_ca`) and the
    /// user PIN's tries left. No name, address, birth date or 個人番号. The config is optional.
    #[command(after_help = EXIT_HELP)]
    Info(onshi::cli::card::CardInfoArgs),
}

/// `onshi batch IN.csv -o OUT.csv` (exit codes: see `onshi::cli::batch`).
#[derive(clap::Args)]
struct BatchArgs {
    /// The list: 患者氏名,保険者番号,記号,番号,枝番,生年月日[,予約日] (UTF-8 or Shift_JIS; header
    /// optional; 予約日 = the row's 資格確認日).
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
    /// 資格確認日 (YYYY-MM-DD) of the rows without their own 予約日 column [default: today].
    #[arg(long, value_name = "YYYY-MM-DD")]
    date: Option<String>,
}

const EXIT_HELP: &str = "Exit status (every command): 0 有効 or done, 1 無効 / 該当資格なし \
(batch: some rows refused), 2 usage or settings (also a private key other accounts can read, or \
[dev] outside a simulators build on the virtual reader), 3 centre unreachable, refused or not finished \
(batch: run again to resume), 4 the centre answered エラー (batch: failed), 5 複数該当 (give the \
枝番), 6 history, staff file, job store or output file, 7 the desk could not start, 8 the list cannot be used, \
9 card reader (pcscd not running, no or unknown reader, reader busy), 10 no card on the reader \
(or taken off while read), 11 not a My Number Card (or its certificate cannot be read), \
12 the audit log's chain is broken (audit verify), 13 refused: administrator login wrong, not an \
administrator, or waiting after wrong passwords.";

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
    let mut args = Args::parse();
    // The headless commands keep stderr for the person's messages: only errors are logged.
    let default_log = if args.command.is_some() {
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
    let explicit = args.config.is_some();
    let path = args.config.clone().unwrap_or_else(default_config_path);
    let (mut out, mut err) = (std::io::stdout().lock(), std::io::stderr().lock());
    let mut io = cli::Io {
        out: &mut out,
        err: &mut err,
    };
    match args.command.take() {
        Some(Command::Check(a)) => match Config::load(&path) {
            Ok(cfg) => {
                let mut input = std::io::stdin().lock();
                ExitCode::from(cli::check(&cfg, &a, &mut input, &mut io))
            }
            Err(e) => config_failed(&e, explicit, &path, true),
        },
        Some(Command::History(a)) => match Config::load(&path) {
            Ok(cfg) => ExitCode::from(cli::history(&cfg.history, cfg.lang, &a, &mut io)),
            // A desk whose settings are not written yet may still have a history to read.
            Err(ConfigError::Missing { .. }) if !explicit => {
                let path = onshi_desk::history::default_path();
                ExitCode::from(cli::history(&path, cli::lang_from_env(), &a, &mut io))
            }
            Err(e) => config_failed(&e, explicit, &path, true),
        },
        Some(Command::Staff(c)) => match Config::load(&path) {
            Ok(cfg) => {
                let files = onshi::cli::staff::Files {
                    staff: &cfg.staff,
                    history: &cfg.history,
                };
                ExitCode::from(onshi::cli::staff::run_cli(&files, cfg.lang, &c, &mut io))
            }
            // Accounts can be made before the desk's settings are written.
            Err(ConfigError::Missing { .. }) if !explicit => {
                let (staff, history) = (
                    onshi_desk::staff::default_path(),
                    onshi_desk::history::default_path(),
                );
                let files = onshi::cli::staff::Files {
                    staff: &staff,
                    history: &history,
                };
                ExitCode::from(onshi::cli::staff::run_cli(
                    &files,
                    cli::lang_from_env(),
                    &c,
                    &mut io,
                ))
            }
            Err(e) => config_failed(&e, explicit, &path, true),
        },
        Some(Command::Audit(c)) => match Config::load(&path) {
            Ok(cfg) => ExitCode::from(cli::audit(&cfg.history, cfg.lang, &c, &mut io)),
            Err(ConfigError::Missing { .. }) if !explicit => {
                let path = onshi_desk::history::default_path();
                ExitCode::from(cli::audit(&path, cli::lang_from_env(), &c, &mut io))
            }
            Err(e) => config_failed(&e, explicit, &path, true),
        },
        Some(Command::Batch(b)) => match Config::load(&path) {
            Ok(cfg) => {
                drop((out, err));
                let opts = onshi::cli::batch::Options {
                    input: b.input,
                    output: b.output,
                    store: b.store,
                    poll_interval: std::time::Duration::from_secs_f64(b.poll_secs.max(0.01)),
                    wait: std::time::Duration::from_secs_f64(b.wait_secs.max(0.0)),
                    date: b.date,
                };
                ExitCode::from(onshi::cli::batch::run(&opts, &cfg))
            }
            Err(e) => config_failed(&e, explicit, &path, true),
        },
        Some(Command::Card(CardCommand::Info(a))) => {
            let setup = match Config::load(&path) {
                Ok(cfg) => onshi_desk::card::Setup::from_config(&cfg),
                // Reading a card needs no settings: any reader, no CA check.
                Err(ConfigError::Missing { .. }) if !explicit => {
                    onshi_desk::card::Setup::without_config(cli::lang_from_env())
                }
                Err(e) => return config_failed(&e, explicit, &path, true),
            };
            ExitCode::from(onshi::cli::card::run(&setup, &a, &mut io))
        }
        Some(Command::Subsidy(a)) => {
            let lang = match Config::load(&path) {
                Ok(cfg) => cfg.lang,
                Err(ConfigError::Missing { .. }) if !explicit => cli::lang_from_env(),
                Err(e) => return config_failed(&e, explicit, &path, true),
            };
            let today = onshi_desk::history::day_in_japan(time::OffsetDateTime::now_utc());
            ExitCode::from(onshi::cli::subsidy::run(lang, &a, today, &mut io))
        }
        None => {
            // The windows' own logging must not wait on these locks.
            drop((out, err));
            match Config::load(&path) {
                Ok(cfg) => match run(args, cfg) {
                    Ok(()) => ExitCode::SUCCESS,
                    Err(e) => {
                        eprintln!("onshi: {e:#}");
                        ExitCode::from(exit::DESK)
                    }
                },
                Err(e) => config_failed(&e, explicit, &path, false),
            }
        }
    }
}

/// Reports settings that cannot be used (exit status 2). A command's message starts in the
/// language of the environment, as the config's own language is unknown.
fn config_failed(
    e: &ConfigError,
    explicit: bool,
    path: &std::path::Path,
    command: bool,
) -> ExitCode {
    if command {
        let lang = cli::lang_from_env();
        eprintln!(
            "onshi: {}",
            onshi_desk::i18n::cli::config_error(lang, &e.to_string())
        );
    } else {
        eprintln!("onshi: {e}");
    }
    if matches!(e, ConfigError::Missing { .. }) && !explicit {
        eprintln!(
            "\nonshi: no --config was given and {} does not exist. Create it from this example (or run `onshi --example-config > {}`) and edit it:\n\n{EXAMPLE}",
            path.display(),
            path.display()
        );
    }
    ExitCode::from(exit::USAGE)
}

fn run(args: Args, cfg: Config) -> anyhow::Result<()> {
    // Workers wake the screens after each answer they queue (a no-op until the windows exist).
    #[cfg_attr(not(feature = "simulators"), expect(unused_mut))]
    let mut desk = Desk::start(&cfg, Arc::new(onshi::ui::wake)).context("starting the desk")?;
    // Config::load refuses [dev] in a build without the simulators; without the feature the
    // panel is not even wired.
    #[cfg(feature = "simulators")]
    if let Some(dev) = &cfg.dev {
        let controls =
            onshi_desk::dev::SimControls::new(&dev.control, &dev.feeds, desk.camera_setter())
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
