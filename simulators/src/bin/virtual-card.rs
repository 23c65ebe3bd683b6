//! `virtual-card`: the virtual My Number Card as a process, for people and scripts. It connects
//! to a vpcd slot of pcscd when a persona is inserted and takes line commands on an optional
//! Unix control socket (`insert ID`, `remove`, `remove-after N`, `delay-ms N`,
//! `first-6f00 on|off`, `status`, `personas`, `quit`). Exits cleanly on SIGTERM, SIGINT or `quit`.
//!
//! `virtual-card check-log FILE` checks an APDU log against the privacy rules instead (exit 1
//! and one line per violation): `cargo xtask test` runs it over the whole suite's log.

use std::io::{BufRead, BufReader, Write};
use std::net::SocketAddr;
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use clap::Parser;
use simulators::card::{CardConfig, VirtualCard};

#[derive(Parser, Debug)]
#[command(about = "Virtual My Number Card for pcscd's vpcd driver (test personas only)")]
struct Args {
    /// vpcd slot address, e.g. 127.0.0.1:35963
    #[arg(long)]
    vpcd: SocketAddr,
    /// Personas directory (assets/personas)
    #[arg(long)]
    personas: PathBuf,
    /// Test PKI directory (assets/pki)
    #[arg(long)]
    pki: PathBuf,
    /// Insert this persona at start
    #[arg(long)]
    persona: Option<String>,
    /// Unix socket for line commands
    #[arg(long)]
    control: Option<PathBuf>,
    /// APDU log (JSON lines); default $ONSHI_APDU_LOG
    #[arg(long)]
    log: Option<PathBuf>,
}

fn check_log(path: &std::path::Path) -> anyhow::Result<()> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("reading the APDU log {}", path.display()))?;
    let exchanges = text.lines().filter(|l| l.contains("\"cmd\"")).count();
    if exchanges == 0 {
        anyhow::bail!(
            "{} holds no APDU: the suite ran no card test",
            path.display()
        );
    }
    let bad = simulators::card::privacy_violations(&text);
    for b in &bad {
        println!("privacy violation: {b}");
    }
    if !bad.is_empty() {
        anyhow::bail!("{} privacy violations in {}", bad.len(), path.display());
    }
    println!(
        "APDU log clean: {exchanges} exchanges, no 入力補助AP, no 照合番号A, no EF 0005, no unmasked PIN"
    );
    Ok(())
}

fn main() -> anyhow::Result<()> {
    let raw: Vec<String> = std::env::args().collect();
    if raw.get(1).map(String::as_str) == Some("check-log") {
        let Some(file) = raw.get(2) else {
            anyhow::bail!("usage: virtual-card check-log FILE");
        };
        return check_log(std::path::Path::new(file));
    }
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::from_default_env())
        .with_writer(std::io::stderr)
        .init();
    let args = Args::parse();
    // Block SIGTERM/SIGINT in every thread; the main thread waits for them with sigwait, and
    // `quit` raises SIGTERM, so both ways end in the same clean shutdown.
    let signals = block_signals();
    let card = Arc::new(
        VirtualCard::start(CardConfig {
            vpcd: args.vpcd,
            personas_dir: args.personas.clone(),
            pki_dir: args.pki.clone(),
            apdu_log: args.log.clone(),
        })
        .context("starting the virtual card")?,
    );
    if let Some(id) = &args.persona {
        card.insert(id)
            .with_context(|| format!("inserting persona {id}"))?;
    }
    if let Some(path) = &args.control {
        let _ = std::fs::remove_file(path);
        let listener = UnixListener::bind(path)
            .with_context(|| format!("binding control socket {}", path.display()))?;
        let card = Arc::clone(&card);
        std::thread::spawn(move || {
            for conn in listener.incoming().flatten() {
                let card = Arc::clone(&card);
                std::thread::spawn(move || serve(conn, &card));
            }
        });
    }
    eprintln!(
        "virtual-card ready: vpcd {} personas {}",
        args.vpcd,
        card.persona_ids().join(" ")
    );
    let mut sig: libc::c_int = 0;
    // SAFETY: `signals` is an initialised sigset; `sig` is a valid out pointer.
    unsafe { libc::sigwait(&signals, &mut sig) };
    // Other threads may still hold the card, so take it out explicitly before exiting.
    card.remove_and_wait();
    if let Some(path) = &args.control {
        let _ = std::fs::remove_file(path);
    }
    Ok(())
}

fn block_signals() -> libc::sigset_t {
    // SAFETY: plain libc signal-mask calls on a local, initialised sigset.
    unsafe {
        let mut set: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut set);
        libc::sigaddset(&mut set, libc::SIGTERM);
        libc::sigaddset(&mut set, libc::SIGINT);
        libc::pthread_sigmask(libc::SIG_BLOCK, &set, std::ptr::null_mut());
        set
    }
}

fn serve(conn: UnixStream, card: &VirtualCard) {
    let Ok(mut out) = conn.try_clone() else {
        return;
    };
    for line in BufReader::new(conn).lines() {
        let Ok(line) = line else { return };
        let reply = command(card, line.trim());
        // One write per reply, so a client that reads one chunk and hangs up gets all of it.
        let written = out.write_all(format!("{reply}\n").as_bytes());
        if line.trim() == "quit" {
            // Even if the client is already gone. SAFETY: sends SIGTERM to our own process,
            // whose main thread waits for it in sigwait.
            unsafe { libc::kill(libc::getpid(), libc::SIGTERM) };
            return;
        }
        if written.is_err() {
            return;
        }
    }
}

fn command(card: &VirtualCard, line: &str) -> String {
    let mut words = line.split_whitespace();
    let verb = words.next().unwrap_or("");
    let arg = words.next();
    match (verb, arg) {
        ("insert", Some(id)) => match card.insert(id) {
            Ok(()) => "ok".into(),
            Err(e) => format!("err {e}"),
        },
        ("remove", None) => {
            card.remove();
            "ok".into()
        }
        ("remove-after", Some(n)) => match n.parse() {
            Ok(n) => {
                card.remove_after_apdus(n);
                "ok".into()
            }
            Err(_) => "err remove-after takes a number of APDUs".into(),
        },
        ("delay-ms", Some(n)) => match n.parse() {
            Ok(ms) => {
                card.set_apdu_delay(Duration::from_millis(ms));
                "ok".into()
            }
            Err(_) => "err delay-ms takes milliseconds".into(),
        },
        ("first-6f00", Some(v @ ("on" | "off"))) => {
            card.set_first_apdu_6f00(v == "on");
            "ok".into()
        }
        ("status", None) => {
            format!(
                "ok inserted={} apdus={}",
                card.inserted().unwrap_or_else(|| "none".into()),
                card.apdus_seen()
            )
        }
        ("personas", None) => format!("ok {}", card.persona_ids().join(" ")),
        ("quit", None) => "ok".into(),
        _ => format!(
            "err unknown command `{line}`: insert ID | remove | remove-after N | delay-ms N | first-6f00 on|off | status | personas | quit"
        ),
    }
}
