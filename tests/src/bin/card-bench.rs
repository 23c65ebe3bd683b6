//! `cargo xtask bench card`: APDU count and median wall time of the three card operations of a
//! visit (read the auth certificate, PIN + signature, read the card face), for our driver and
//! for jpki-cli on the same virtual card behind the same private pcscd. Both are timed as whole
//! processes (start, PC/SC context, connect, operation, disconnect), which is how jpki-cli can
//! be timed at all; our driver is also timed in-process, as the app uses it.

use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use onshi_tests::{Desk, jpki_cli, run_on_pty, workspace_file};
use reader_driver::{AuthPin, Card, Jpki, Kenmen, Pcsc, VerificationNumberB};

const OPS: [&str; 3] = ["read-cert", "pin-sign", "card-face"];
const PERSONA: &str = "adult";

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let [flag, op] = args.as_slice()
        && flag == "--one"
    {
        return one(op);
    }
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

/// One operation through our driver, from a fresh PC/SC context.
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
            drop(Kenmen::new(&mut card).read_card_face(&b)?);
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
                &[&b, &b],
            );
            if !st.success() || std::fs::metadata(&out)?.len() == 0 {
                bail!("jpki-cli surface: {screen}");
            }
        }
        _ => unreachable!(),
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
    let me = std::env::current_exe()?;
    let dir = testbed::unique_dir("onshi-bench")?;
    println!(
        "card bench: persona '{PERSONA}', {runs} runs each, private pcscd + vpcd + virtual card\n"
    );
    println!(
        "| operation | APDUs (ours) | APDUs (jpki-cli) | ours in-process | ours as process | jpki-cli process | jpki-cli / ours (process) |"
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
            let st = Command::new(&me).args(["--one", op]).status()?;
            ours.push(t.elapsed());
            if !st.success() {
                bail!("our driver failed on {op}");
            }

            let before = desk.card.apdus_seen();
            let t = Instant::now();
            jpki_cli_once(op, &p, &dir).with_context(|| format!("jpki-cli {op}"))?;
            theirs.push(t.elapsed());
            their_apdus = desk.card.apdus_seen() - before;
        }
        let (a, b, c) = (median(&mut inproc), median(&mut ours), median(&mut theirs));
        println!(
            "| {op} | {ours_apdus} | {their_apdus} | {} | {} | {} | {:.2}x |",
            ms(a),
            ms(b),
            ms(c),
            c.as_secs_f64() / b.as_secs_f64()
        );
    }
    println!(
        "\njpki-cli times include script(1), the pseudo-terminal it needs for PIN prompts, on pin-sign and card-face."
    );
    let _ = std::fs::remove_dir_all(dir);
    Ok(())
}
