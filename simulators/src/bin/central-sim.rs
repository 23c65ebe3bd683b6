//! `central-sim`: the central eligibility service simulator. `serve` prints one JSON line on
//! stdout once it accepts connections (url, CA and default client certificate paths), so
//! scripts wait on that line instead of sleeping. `issue-client-cert` makes a client
//! certificate for another 医療機関.

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use simulators::centre::{Config, Faults, Server};
use std::io::Write;
use std::path::PathBuf;

#[derive(Parser)]
#[command(
    name = "central-sim",
    about = "Simulator of the オンライン資格確認 central service"
)]
struct Cli {
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Serve HTTPS (client certificates required) until killed.
    Serve {
        #[arg(long, default_value = "127.0.0.1:0")]
        listen: std::net::SocketAddr,
        /// SQLite file (default: STATE_DIR/centre.sqlite); seeded when empty.
        #[arg(long)]
        db: Option<PathBuf>,
        #[arg(long)]
        state_dir: PathBuf,
        /// Seed folder (default: the repository's assets/sim).
        #[arg(long)]
        seed: Option<PathBuf>,
        /// Persona folder whose auth certificates are linked (default: assets/personas).
        #[arg(long)]
        personas: Option<PathBuf>,
        /// Test JPKI auth CA (DER) and CRL (DER); default: assets/pki.
        #[arg(long)]
        jpki_ca: Option<PathBuf>,
        #[arg(long)]
        jpki_crl: Option<PathBuf>,
        /// Fixed clock, RFC 3339 (e.g. 2026-11-23T10:00:00+09:00).
        #[arg(long)]
        now: Option<String>,
        /// Faults: latency_ms=..,error_rate=..,malformed_rate=..,drop_rate=..,drop_after_rate=..
        #[arg(long, default_value = "")]
        faults: String,
        /// Allow 特定健診 to pharmacies (PROPOSED policy switch; default off).
        #[arg(long)]
        checkup_viewable_by_pharmacy: bool,
        #[arg(long, default_value_t = 2)]
        workers: usize,
    },
    /// Issue a client certificate for a 医療機関コード into STATE_DIR/clients/.
    IssueClientCert {
        #[arg(long)]
        institution: String,
        #[arg(long)]
        state_dir: PathBuf,
    },
}

fn main() -> Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "warn".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    match Cli::parse().cmd {
        Cmd::Serve {
            listen,
            db,
            state_dir,
            seed,
            personas,
            jpki_ca,
            jpki_crl,
            now,
            faults,
            checkup_viewable_by_pharmacy,
            workers,
        } => {
            let mut cfg = Config::new(&state_dir);
            cfg.listen = listen;
            if let Some(d) = db {
                cfg.db = d;
            }
            if let Some(s) = seed {
                cfg.personas_dir = s.join("../personas");
                cfg.seed_dir = s;
            }
            if let Some(p) = personas {
                cfg.personas_dir = p;
            }
            if let Some(p) = jpki_ca {
                cfg.jpki_ca = p;
            }
            if let Some(p) = jpki_crl {
                cfg.jpki_crl = Some(p);
            }
            if let Some(n) = now {
                cfg.now = Some(
                    time::OffsetDateTime::parse(&n, &time::format_description::well_known::Rfc3339)
                        .context("--now must be RFC 3339")?,
                );
            }
            cfg.faults = Faults::parse_query(&faults, Faults::default())?;
            cfg.checkup_viewable_by_pharmacy = checkup_viewable_by_pharmacy;
            cfg.workers = workers;
            let running = Server::start(cfg)?;
            let mut out = std::io::stdout().lock();
            writeln!(out, "{}", running.ready_line())?;
            out.flush()?;
            drop(out);
            running.wait();
            Ok(())
        }
        Cmd::IssueClientCert {
            institution,
            state_dir,
        } => {
            let f = Server::issue_client_cert(&state_dir, &institution)?;
            println!(
                "{}",
                serde_json::json!({"client_cert": f.cert, "client_key": f.key, "ca": state_dir.join("centre-ca.pem")})
            );
            Ok(())
        }
    }
}
