//! Helpers shared by the card tests: asset paths, a fresh card per persona, raw APDU exchange
//! and a small BER-TLV reader written independently of the card code.
#![allow(dead_code)]

use std::path::PathBuf;

use simulators::card::{CardModel, Persona, Pki, persona};

pub fn assets() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../assets")
}

pub fn personas_dir() -> PathBuf {
    assets().join("personas")
}

pub fn pki_dir() -> PathBuf {
    assets().join("pki")
}

pub fn load(id: &str) -> Persona {
    persona(&personas_dir(), id).expect("persona loads")
}

pub fn pki() -> Pki {
    Pki::load(&pki_dir()).expect("pki loads")
}

pub fn card(id: &str) -> (Persona, CardModel) {
    let p = load(id);
    let c = CardModel::new(&p, &pki());
    (p, c)
}

pub fn hexb(s: &str) -> Vec<u8> {
    hex::decode(s.replace(' ', "")).expect("hex")
}

/// Sends `apdu` (hex with spaces allowed); returns (data, SW).
pub fn tx(card: &mut CardModel, apdu: &str) -> (Vec<u8>, u16) {
    txb(card, &hexb(apdu))
}

pub fn txb(card: &mut CardModel, apdu: &[u8]) -> (Vec<u8>, u16) {
    let r = card.transmit(apdu).response;
    let n = r.len();
    (
        r[..n - 2].to_vec(),
        u16::from_be_bytes([r[n - 2], r[n - 1]]),
    )
}

pub const SELECT_JPKI: &str = "00 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01";
pub const SELECT_KENMEN: &str = "00 A4 04 0C 0A D3 92 10 00 31 00 01 01 04 02";
pub const SELECT_HOJO: &str = "00 A4 04 0C 0A D3 92 10 00 31 00 01 01 04 08";

pub fn select_ef(card: &mut CardModel, fid: u16) -> u16 {
    let [h, l] = fid.to_be_bytes();
    txb(card, &[0x00, 0xA4, 0x02, 0x0C, 0x02, h, l]).1
}

pub fn ok(card: &mut CardModel, apdu: &str) -> Vec<u8> {
    let (d, sw) = tx(card, apdu);
    assert_eq!(sw, 0x9000, "{apdu} answered {sw:04X}");
    d
}

/// Reads the whole selected EF the way a careful host does: 256-byte chunks until 6B 00 or a
/// short answer.
pub fn read_all(card: &mut CardModel) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let [h, l] = (out.len() as u16).to_be_bytes();
        let (d, sw) = txb(card, &[0x00, 0xB0, h, l, 0x00]);
        if sw == 0x6B00 {
            return out;
        }
        assert_eq!(sw, 0x9000);
        let n = d.len();
        out.extend(d);
        if n < 256 {
            return out;
        }
    }
}

/// Splits BER-TLVs: (tag bytes, value, offset of the TLV in `buf` + `base`).
pub fn tlvs(buf: &[u8], base: usize) -> Vec<(Vec<u8>, Vec<u8>, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < buf.len() {
        let start = i;
        let mut tag = vec![buf[i]];
        if buf[i] & 0x1F == 0x1F {
            i += 1;
            tag.push(buf[i]);
        }
        i += 1;
        let (len, hdr) = match buf[i] {
            n @ 0..=0x7F => (n as usize, 1),
            0x81 => (buf[i + 1] as usize, 2),
            0x82 => (u16::from_be_bytes([buf[i + 1], buf[i + 2]]) as usize, 3),
            b => panic!("length byte {b:02X}"),
        };
        i += hdr;
        out.push((tag, buf[i..i + len].to_vec(), base + start));
        i += len;
    }
    out
}
