//! The virtual My Number Card: an independent model of the card, written from
//! research/card-protocol.md (§10 is its specification) without any code shared with
//! `reader-driver`, served to the real pcscd through Debian's vpcd driver. It holds the JPKI AP,
//! the 券面事項確認AP (券面AP) and the 券面事項入力補助AP of a synthetic persona, answers status
//! words as real cards do, signs with real RSA keys, and logs every exchange with PIN and
//! 照合番号 bytes masked.
//!
//! # What is ours (not from any card specification)
//!
//! **Terminal authentication**, standing in for 特定機関認証 (whose APDUs are not public):
//! 1. With the JPKI AP selected, GET CHALLENGE `00 84 00 00 10` → 16 random bytes + `90 00`. The
//!    challenge stays pending until used, replaced by a new GET CHALLENGE, or power-off/reset.
//! 2. TERMINAL AUTHENTICATE `80 A2 00 00`, extended Lc (`80 A2 00 00 00 HH LL <data>`, no Le;
//!    short Lc is accepted too), data = `7F 21 <BER len> <X.509 terminal certificate DER>` ‖
//!    `5F 37 <BER len> <signature>`, signature = RSASSA-PKCS1-v1_5 with SHA-256 over the challenge
//!    by the terminal key. The card checks that the certificate is signed (sha256WithRSA) by the
//!    特定機関 test CA (`assets/pki/tokutei-ca.crt.der`) and the signature by the certificate's key.
//!    Checks in this order: P1/P2 ≠ `00 00` → `6A 86`; JPKI AP not selected or no pending challenge
//!    → `69 85`; (the challenge is consumed from here on) data not the two TLVs above → `6A 80`;
//!    certificate unreadable / not by the CA / bad signature → `69 82`; else `90 00` and the auth
//!    key EF 0017 signs without PIN until power-off or reset.
//!
//! **Card-verifiable certificates** (EF 0004 of the 券面AP and 入力補助AP):
//! `7F 21` { `5F 4E` issuer key id (16) ‖ subject key id (16) ‖ `90 03 e` ‖ `91 82 01 00 n`,
//! `5F 37` signature }, the signature being PKCS#1 v1.5 SHA-256 by `kenmen-issuer.key.pem` over
//! the whole `5F 4E` TLV (tag, length and value) — PROPOSED, no public source says how the real
//! issuer signs. Issuer ids `6000023…` (券面AP) / `6000033…` (入力補助AP), as on JPKI test cards.
//! The subject key is `kenmen-ap.key.pem`, which signs DF28 (one DigestInfo `30 71 … 04 60` with
//! SHA-256 of (DF22 DF23 DF24), (DF25 DF26), (DF27)), the age record DF13, EF 0005 DF43 and the
//! 入力補助AP records. DF24 / DF12 / DF42 hold `kenmen-card.key.pem`'s public key; `80 2A 00 00`
//! in the 券面AP signs with it without a credential.
//!
//! **Values no source gives**: retry limit 10 for the 券面AP keys 0011/0012/0013 and the
//! 入力補助AP 照合番号 keys; the 入力補助AP PIN equals the auth PIN (blocked on a face card);
//! 照合番号A / the 個人番号 is a synthetic 12-digit number derived from the persona id (never
//! printed); name, address and security-code images are 1-bit PNGs of pseudo-glyphs (block
//! patterns per character), not real glyphs. Empty VERIFY always answers `63 Cx` (also when
//! verified) unless a test switches on [`Quirk::EmptyVerifyReportsVerified`]; the other quirks
//! (`61 xx` for ever, `6C xx` to a VERIFY) and a forged card face
//! ([`CardModel::splice_card_face_photo`]) exist only for the tests of the desk's defences. Without a signature certificate, JPKI EF 0001 and key 001A are absent and the password
//! EF 001B is blocked. COMPUTE DIGITAL SIGNATURE models P1 = `00` only (others `6A 86`). The 住基AP,
//! 共通カードAP and GP ISD can be selected but hold no files; GET DATA at MF level answers tags
//! `00F0` (municipality code) and `00F2` (expiry) only.

mod apdu;
pub mod files;
pub mod log;
pub mod model;
pub mod persona;
mod png;
pub mod terminal;
pub(crate) mod vpcd;

use std::net::SocketAddr;
use std::path::PathBuf;

pub use apdu::{Command, sw};
pub use files::Pki;
pub use log::{ApduLog, Event, LOG_ENV, masked_cmd, privacy_violations};
pub use model::{CardModel, Df, Exchange, Quirk};
pub use persona::{Persona, persona, persona_ids};
pub use vpcd::{ATR, CardConfig, VirtualCard, read_msg, write_msg};

/// What went wrong with the virtual card, and what to do about it.
#[derive(Debug, thiserror::Error)]
pub enum CardSimError {
    #[error("no persona `{id}` in {dir}: add {dir}/{id}/persona.toml or pick an existing id")]
    PersonaNotFound { id: String, dir: PathBuf },
    #[error("unknown persona `{id}`; known personas: {known}")]
    UnknownPersona { id: String, known: String },
    #[error("{path}: {reason}; fix the persona file (schema in assets/personas/README.md)")]
    PersonaInvalid { path: PathBuf, reason: String },
    #[error("cannot read {path}: {source}; check the assets directory")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: {reason}; restore it from git (assets/pki/regenerate.sh made it)")]
    Key { path: PathBuf, reason: String },
    #[error(
        "cannot connect to vpcd at {addr} ({reason}): start pcscd with the vpcd driver on that port"
    )]
    VpcdUnreachable { addr: SocketAddr, reason: String },
    #[error(
        "vpcd at {addr} accepted the connection but never spoke: another virtual card holds the slot; remove it or use another port"
    )]
    SlotBusy { addr: SocketAddr },
    #[error("the insertion was cancelled by a removal")]
    Interrupted,
    #[error("cannot start the card thread: {source}")]
    Thread {
        #[source]
        source: std::io::Error,
    },
}
