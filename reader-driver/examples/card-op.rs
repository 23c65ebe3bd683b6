//! `card-op read-cert | pin-sign | card-face`: one card operation per process, the same three
//! that `cargo xtask bench card` times for jpki-cli, so the two CLIs are compared like for like.
//! The PIN or 照合番号B is read from the terminal (one line), never from the command line.

use std::io::{BufRead, Write};

use anyhow::{Result, bail};
use reader_driver::{AuthPin, Card, Jpki, Kenmen, KenmenIssuer, Pcsc, VerificationNumberB};
use zeroize::Zeroizing;

/// Reads one line from the terminal with echo off, as a PIN prompt should.
fn secret() -> Result<Zeroizing<String>> {
    use std::os::fd::AsRawFd;
    let fd = std::io::stdin().as_raw_fd();
    // SAFETY: tcgetattr / tcsetattr on stdin with a struct they fill; restored below.
    let mut saved: libc::termios = unsafe { std::mem::zeroed() };
    // SAFETY: stdin's descriptor, and a termios the call writes into.
    let is_tty = unsafe { libc::tcgetattr(fd, &mut saved) } == 0;
    if is_tty {
        let mut quiet = saved;
        quiet.c_lflag &= !libc::ECHO;
        // SAFETY: the settings just read, with echo off, on the same descriptor.
        unsafe { libc::tcsetattr(fd, libc::TCSANOW, &quiet) };
    }
    eprint!("card-op secret: ");
    std::io::stderr().flush()?;
    let mut line = Zeroizing::new(String::new());
    let read = std::io::stdin().lock().read_line(&mut line);
    if is_tty {
        // SAFETY: restores the settings read above on the same descriptor.
        unsafe { libc::tcsetattr(fd, libc::TCSANOW, &saved) };
    }
    read?;
    Ok(Zeroizing::new(line.trim().to_string()))
}

fn main() -> Result<()> {
    let op = std::env::args().nth(1).unwrap_or_default();
    let pcsc = Pcsc::establish()?;
    let reader = pcsc.pick_reader(None)?;
    let mut card = Card::new(pcsc.connect(&reader)?);
    match op.as_str() {
        "read-cert" => {
            let der = Jpki::new(&mut card).read_auth_certificate()?;
            std::io::stdout().write_all(&der)?;
        }
        "pin-sign" => {
            let pin = AuthPin::new(&secret()?)?;
            let mut j = Jpki::new(&mut card);
            j.verify_auth_pin(&pin)?;
            std::io::stdout().write_all(&j.sign_sha256(&[5; 32])?)?;
        }
        "card-face" => {
            let b = VerificationNumberB::new(&secret()?)?;
            // The simulator's test issuer: this example runs against the virtual card.
            let issuer =
                KenmenIssuer::from_der(include_bytes!("../../assets/pki/kenmen-issuer.pub.der"))
                    .expect("committed test key");
            let face = Kenmen::new(&mut card).read_card_face(&b, &issuer)?;
            std::io::stdout().write_all(&face.photo_jp2)?;
        }
        other => bail!("usage: card-op read-cert | pin-sign | card-face (not '{other}')"),
    }
    card.into_transport().unpower()?;
    Ok(())
}
