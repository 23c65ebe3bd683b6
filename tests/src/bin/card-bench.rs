//! `cargo xtask bench card`: APDU count and median wall time of the three card operations of a
//! visit (read the auth certificate, PIN + signature, read the card face), for our driver and
//! for jpki-cli on the same virtual card behind the same private pcscd. The CLIs are compared
//! like for like: our `card-op` example and jpki-cli, each one process per operation (start,
//! PC/SC context, connect, operation, disconnect), both fed their PIN / 照合番号B through the same
//! pseudo-terminal harness. Our driver is also timed in-process, as the app uses it.

use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use onshi_tests::{Desk, jpki_cli, run_on_pty, workspace_file};
use reader_driver::{AuthPin, Card, Jpki, Kenmen, Pcsc, VerificationNumberB};

const OPS: [&str; 3] = ["read-cert", "pin-sign", "card-face"];
const PERSONA: &str = "adult";

fn main() -> Result<()> {
    let runs: usize = std::env::var("BENCH_RUNS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(15);
    bench(runs)
}

fn persona() -> Result<simulators::card::Persona> {
    Ok(simulators::card::persona(
        &workspace_file("assets/personas"),
        PERSONA,
    )?)
}

/// One operation through our driver in this process, from a fresh PC/SC context.
fn one(op: &str) -> Result<()> {
    let p = persona()?;
    let pcsc = Pcsc::establish()?;
    let reader = pcsc.pick_reader(None)?;
    let mut card = Card::new(pcsc.connect(&reader)?);
    match op {
        "read-cert" => drop(Jpki::new(&mut card).read_auth_certificate()?),
        "pin-sign" => {
            let mut j = Jpki::new(&mut card);
            j.verify_auth_pin(&AuthPin::new(&p.toml.jpki.auth_pin)?)?;
            drop(j.sign_sha256(&[5; 32])?);
        }
        "card-face" => {
            let b = VerificationNumberB::new(&p.verification_number_b())?;
            let issuer = onshi_tests::kenmen_issuer();
            drop(Kenmen::new(&mut card).read_card_face(&b, &issuer)?);
        }
        other => bail!("unknown op {other}"),
    }
    card.into_transport().unpower()?;
    Ok(())
}

fn jpki_cli_once(op: &str, p: &simulators::card::Persona, dir: &std::path::Path) -> Result<()> {
    let cli = jpki_cli();
    match op {
        "read-cert" => {
            let out = Command::new(&cli)
                .args(["crypto", "--auth", "read-certificate"])
                .output()?;
            if out.stdout.is_empty() {
                bail!(
                    "jpki-cli read-certificate: {}",
                    String::from_utf8_lossy(&out.stderr)
                );
            }
        }
        "pin-sign" => {
            let sig = dir.join("sig");
            let _ = std::fs::remove_file(&sig);
            // jpki-cli reads the data from stdin and then the PIN from the same terminal:
            // type the data, end it with Ctrl-D, then answer the prompt.
            let (st, screen) = run_on_pty(
                &format!("{} crypto --auth sign {}", cli.display(), sig.display()),
                "bench\n\x04",
                "pin_hint",
                &[&p.toml.jpki.auth_pin],
            );
            if !st.success() || !sig.exists() {
                bail!("jpki-cli sign: {screen}");
            }
        }
        "card-face" => {
            let b = p.verification_number_b();
            let out = dir.join("photo");
            let (st, screen) = run_on_pty(
                &format!("{} surface get photo > {}", cli.display(), out.display()),
                "",
                "pin_hint",
                &[&b],
            );
            if !st.success() || std::fs::metadata(&out)?.len() == 0 {
                bail!("jpki-cli surface: {screen}");
            }
        }
        _ => unreachable!(),
    }
    Ok(())
}

/// Our CLI, `card-op`, driven exactly like jpki-cli.
fn card_op_once(card_op: &std::path::Path, op: &str, p: &simulators::card::Persona) -> Result<()> {
    let cmd = format!("{} {op} > /dev/null", card_op.display());
    let answer = match op {
        "read-cert" => {
            let st = Command::new(card_op)
                .arg(op)
                .stdout(std::process::Stdio::null())
                .status()?;
            if !st.success() {
                bail!("card-op {op} failed");
            }
            return Ok(());
        }
        "pin-sign" => p.toml.jpki.auth_pin.clone(),
        _ => p.verification_number_b(),
    };
    let (st, screen) = run_on_pty(&cmd, "", "card-op secret", &[&answer]);
    if !st.success() {
        bail!("card-op {op}: {screen}");
    }
    Ok(())
}

fn median(v: &mut [Duration]) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1e3)
}

fn bench(runs: usize) -> Result<()> {
    let p = persona()?;
    let mut desk = Desk::start_for_peers();
    desk.insert(PERSONA);
    // Built next to this binary by `cargo xtask bench card`.
    let card_op = std::env::current_exe()?
        .parent()
        .context("bench binary folder")?
        .join("examples/card-op");
    if !card_op.exists() {
        bail!(
            "{} missing: run through `cargo xtask bench card`",
            card_op.display()
        );
    }
    let dir = testbed::unique_dir("onshi-bench")?;
    println!(
        "card bench: persona '{PERSONA}', {runs} runs each, private pcscd + vpcd + virtual card\n"
    );
    println!(
        "| operation | APDUs (ours) | APDUs (jpki-cli) | ours in-process | ours, CLI | jpki-cli, CLI | ours / jpki-cli (CLI) |"
    );
    println!("|---|---|---|---|---|---|---|");
    for op in OPS {
        let (mut inproc, mut ours, mut theirs) = (vec![], vec![], vec![]);
        let (mut ours_apdus, mut their_apdus) = (0, 0);
        for _ in 0..runs {
            let before = desk.card.apdus_seen();
            let t = Instant::now();
            one(op)?;
            inproc.push(t.elapsed());
            ours_apdus = desk.card.apdus_seen() - before;

            let t = Instant::now();
            card_op_once(&card_op, op, &p)?;
            ours.push(t.elapsed());

            let before = desk.card.apdus_seen();
            let t = Instant::now();
            jpki_cli_once(op, &p, &dir).with_context(|| format!("jpki-cli {op}"))?;
            theirs.push(t.elapsed());
            their_apdus = desk.card.apdus_seen() - before;
        }
        let (a, b, c) = (median(&mut inproc), median(&mut ours), median(&mut theirs));
        println!(
            "| {op} | {ours_apdus} | {their_apdus} | {} | {} | {} | {:.2} |",
            ms(a),
            ms(b),
            ms(c),
            b.as_secs_f64() / c.as_secs_f64()
        );
    }
    println!(
        "\njpki-cli times include script(1), the pseudo-terminal it needs for PIN prompts, on pin-sign and card-face."
    );
    let _ = std::fs::remove_dir_all(dir);
    Ok(())
}
