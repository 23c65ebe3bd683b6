//! `cargo run -p reader-driver --example card-info [READER]`: what the card in the reader says
//! about itself, with no personal data: token kind, auth PIN tries left (asked for free),
//! and the auth certificate's serial, issuer and validity. Point it at the simulated reader
//! with the lines of `cargo xtask sim env`.

use anyhow::{Context, Result};
use reader_driver::cert::{CertificateInfo, check_chain};
use reader_driver::{Card, Jpki, Pcsc, PinStatus};

fn main() -> Result<()> {
    let wanted = std::env::args().nth(1);
    let pcsc = Pcsc::establish().context("PC/SC")?;
    let reader = pcsc.pick_reader(wanted.as_deref())?;
    println!("reader:        {reader}");
    let mut card = Card::new(pcsc.connect(&reader)?);
    let mut jpki = Jpki::new(&mut card);
    println!("token:         {:?}", jpki.token_kind()?);
    match jpki.auth_pin_status()? {
        PinStatus::TriesLeft(n) => println!("auth PIN:      {n} tries left"),
        PinStatus::Locked => println!("auth PIN:      locked"),
        PinStatus::Verified => println!("auth PIN:      verified in this session"),
    }
    let der = jpki.read_auth_certificate()?;
    let ca = jpki.read_auth_ca_certificate()?;
    let info = CertificateInfo::parse(&der)?;
    let now = time::OffsetDateTime::now_utc();
    println!("cert serial:   {}", info.serial);
    println!("cert issuer:   {}", info.issuer);
    println!("valid from:    {}", info.not_before.date());
    println!("valid until:   {}", info.not_after.date());
    let state = match check_chain(&der, &[ca], now) {
        Ok(()) if info.expires_within_three_months(now) => "valid, expires within 3 months".into(),
        Ok(()) => "valid (chains to the CA certificate on the card)".to_string(),
        Err(e) => e.to_string(),
    };
    println!("state:         {state}");
    println!("APDUs sent:    {}", card.apdu_count());
    Ok(())
}
