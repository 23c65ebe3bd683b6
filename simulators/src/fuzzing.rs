//! Entry points for the fuzz targets of the simulators' own parsers (`fuzz/`, feature
//! `fuzzing`): command APDUs, the vpcd byte stream driving a card, terminal-authentication
//! DER and the admin endpoints' query strings. Errors and error status words are the expected
//! outcome; a panic is a bug. Not an API: hidden from the docs.

use crate::card::{CardModel, Pki, persona};
use std::path::PathBuf;
use std::sync::OnceLock;

/// A command APDU (ISO 7816-4 cases 1-4, short and extended).
pub fn apdu(data: &[u8]) {
    if let Some(c) = crate::card::Command::parse(data) {
        assert!(c.data.len() <= data.len(), "data inside the APDU");
    }
}

fn card() -> &'static CardModel {
    static CARD: OnceLock<CardModel> = OnceLock::new();
    CARD.get_or_init(|| {
        let assets = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../assets");
        let p = persona(&assets.join("personas"), "adult").expect("the adult persona loads");
        let pki = Pki::load(&assets.join("pki")).expect("the test PKI loads");
        CardModel::new(&p, &pki)
    })
}

/// The vpcd stream as pcscd sends it (`[len u16 BE][payload]` frames), each frame handled as
/// the virtual card does: 1 byte is a power / reset / ATR request, more is an APDU for a
/// fresh card of the `adult` persona.
pub fn vpcd(data: &[u8]) {
    let mut card = card().clone();
    let mut stream = data;
    while let Ok(msg) = crate::card::vpcd::read_frame(&mut stream, |_| {}) {
        match msg.as_slice() {
            [] => {}
            [0x00..=0x02] => card.reset(),
            [_] => {}
            apdu => {
                let ex = card.transmit(apdu);
                assert!(ex.response.len() >= 2, "every answer ends in a status word");
            }
        }
    }
}

/// The data of TERMINAL AUTHENTICATE (certificate and signature TLVs), and a certificate alone.
pub fn terminal(data: &[u8]) {
    let ca = &card_pki().tokutei_ca;
    let _ = crate::card::terminal::check(data, &[0u8; 16], ca);
    if let Some(c) = crate::card::terminal::Certificate::parse(data) {
        let _ = c.public_key();
        let _ = c.signed_by(ca);
    }
    let _ = crate::card::terminal::ber_length(data);
}

fn card_pki() -> &'static Pki {
    static PKI: OnceLock<Pki> = OnceLock::new();
    PKI.get_or_init(|| {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../assets/pki");
        Pki::load(&dir).expect("the test PKI loads")
    })
}

/// The query strings of `POST /admin/faults` and `POST /admin/disaster`.
pub fn admin_query(data: &[u8]) {
    let Ok(q) = std::str::from_utf8(data) else {
        return;
    };
    let _ = crate::centre::Faults::parse_query(q, Default::default());
    let _ = crate::centre::service::disaster_query(q);
}
