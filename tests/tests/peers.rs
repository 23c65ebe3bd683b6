//! Independent peers read the virtual card through pcscd as they read a real one: OpenSC's
//! JPKI driver (pkcs15-tool, pkcs11-tool) and jpki-cli from crates.io. If our card model drifts
//! from the real card's layout, these programs notice.

use std::process::Command;

use onshi_tests::{Desk, jpki_cli, run_on_pty, workspace_file};
use rsa::pkcs1v15::Pkcs1v15Sign;
use rsa::pkcs8::DecodePublicKey;
use sha2::{Digest, Sha256};

/// jpki-cli 0.4.3 prints its PIN prompts as untranslated message keys.
const JPKI_CLI_PROMPT: &str = "pin_hint";
const OPENSC_PKCS11: &str = "/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so";

fn auth_cert(id: &str) -> Vec<u8> {
    std::fs::read(workspace_file(&format!(
        "assets/personas/{id}/auth.crt.der"
    )))
    .unwrap()
}

fn run(cmd: &mut Command) -> String {
    let out = cmd
        .output()
        .expect("peer tool installed (cargo xtask setup)");
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{cmd:?} failed:\n{text}");
    text
}

fn der_to_pem_body(der: &[u8]) -> String {
    let out = Command::new("openssl")
        .args(["x509", "-inform", "DER", "-outform", "PEM"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut c| {
            use std::io::Write;
            c.stdin.take().unwrap().write_all(der)?;
            c.wait_with_output()
        })
        .unwrap();
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn opensc_lists_and_reads_the_auth_certificate() {
    let mut desk = Desk::start_for_peers();
    desk.insert("adult");
    let list = run(Command::new("pkcs15-tool").arg("--list-certificates"));
    assert!(list.contains("User Authentication Certificate"), "{list}");
    let id = list
        .split("User Authentication Certificate")
        .nth(1)
        .and_then(|s| s.lines().find(|l| l.trim_start().starts_with("ID")))
        .and_then(|l| l.split(':').nth(1))
        .map(|s| s.trim().to_string())
        .expect("auth certificate ID in the listing");
    let pem = run(Command::new("pkcs15-tool").args(["--read-certificate", &id]));
    assert!(
        pem.contains(der_to_pem_body(&auth_cert("adult")).trim()),
        "{pem}"
    );
}

#[test]
fn opensc_pkcs11_logs_in_with_the_pin_and_signs() {
    let mut desk = Desk::start_for_peers();
    desk.insert("adult");
    let pin = simulators::card::persona(&workspace_file("assets/personas"), "adult")
        .unwrap()
        .toml
        .jpki
        .auth_pin;
    let dir = testbed::unique_dir("onshi-peer").unwrap();
    let (data, sig) = (dir.join("data"), dir.join("sig"));
    std::fs::write(&data, b"sign me, OpenSC").unwrap();
    let slots =
        run(Command::new("pkcs11-tool").args(["--module", OPENSC_PKCS11, "--list-token-slots"]));
    let auth_slot = slots
        .lines()
        .position(|l| l.contains("User Authentication PIN"))
        .and_then(|i| {
            slots
                .lines()
                .take(i + 1)
                .filter(|l| l.starts_with("Slot "))
                .last()
        })
        .and_then(|l| l.split("(0x").nth(1))
        .and_then(|s| s.split(')').next())
        .map(|h| format!("0x{h}"))
        .unwrap_or_else(|| panic!("a slot for the user authentication PIN in:\n{slots}"));
    run(Command::new("pkcs11-tool")
        .args([
            "--module",
            OPENSC_PKCS11,
            "--slot",
            &auth_slot,
            "--login",
            "--pin",
        ])
        .arg(&pin)
        .args(["--sign", "--mechanism", "SHA256-RSA-PKCS", "--input-file"])
        .arg(&data)
        .arg("--output-file")
        .arg(&sig));
    let key = {
        use x509_parser::prelude::{FromDer, X509Certificate};
        let der = auth_cert("adult");
        let (_, c) = X509Certificate::from_der(&der).unwrap();
        rsa::RsaPublicKey::from_public_key_der(c.public_key().raw).unwrap()
    };
    let hash = Sha256::digest(std::fs::read(&data).unwrap());
    key.verify(
        Pkcs1v15Sign::new::<Sha256>(),
        &hash,
        &std::fs::read(&sig).unwrap(),
    )
    .expect("OpenSC's signature verifies with the auth certificate");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn jpki_cli_reads_the_auth_certificate() {
    let mut desk = Desk::start_for_peers();
    desk.insert("elderly");
    let out = Command::new(jpki_cli())
        .args(["crypto", "--auth", "read-certificate"])
        .output()
        .unwrap();
    assert_eq!(
        out.stdout,
        auth_cert("elderly"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn jpki_cli_reads_the_photo_with_verification_number_b() {
    let mut desk = Desk::start_for_peers();
    desk.insert("adult");
    let p = simulators::card::persona(&workspace_file("assets/personas"), "adult").unwrap();
    let dir = testbed::unique_dir("onshi-peer").unwrap();
    let photo = dir.join("photo.jp2");
    let b = p.verification_number_b();
    // jpki-cli asks once, then reports the prompt again with [hidden]: one answer.
    let (status, screen) = run_on_pty(
        &format!(
            "{} surface get photo > {}",
            jpki_cli().display(),
            photo.display()
        ),
        "",
        JPKI_CLI_PROMPT,
        &[&b],
    );
    assert!(status.success(), "{screen}");
    assert_eq!(
        std::fs::read(&photo).unwrap(),
        p.photo,
        "jpki-cli's photo equals the persona's; terminal said:\n{screen}"
    );
    let _ = std::fs::remove_dir_all(dir);
}
