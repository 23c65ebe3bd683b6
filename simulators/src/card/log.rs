//! The APDU log: one JSON line per exchange or card event, appended with O_APPEND in a single
//! write so that several processes can share one file. PIN and 照合番号 bytes are masked and no
//! response data is written (only its length). `privacy_violations` checks a log for the
//! operations the desk must never perform.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

use serde_json::json;

use super::CardSimError;
use super::model::Exchange;

/// Environment variable naming the log file when no path is configured.
pub const LOG_ENV: &str = "ONSHI_APDU_LOG";

/// Card events written to the log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event {
    Insert,
    Remove,
    PowerOn,
    PowerOff,
    Reset,
}

impl Event {
    fn name(self) -> &'static str {
        match self {
            Event::Insert => "insert",
            Event::Remove => "remove",
            Event::PowerOn => "power_on",
            Event::PowerOff => "power_off",
            Event::Reset => "reset",
        }
    }
}

/// An append-only JSON-lines APDU log.
#[derive(Debug)]
pub struct ApduLog {
    file: Mutex<File>,
    path: PathBuf,
    seq: AtomicU64,
}

impl ApduLog {
    pub fn open(path: &Path) -> Result<Self, CardSimError> {
        let file = OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
            .map_err(|source| CardSimError::Io {
                path: path.to_owned(),
                source,
            })?;
        Ok(ApduLog {
            file: Mutex::new(file),
            path: path.to_owned(),
            seq: AtomicU64::new(1),
        })
    }

    /// `configured`, else $ONSHI_APDU_LOG, else no log.
    pub fn from_config(configured: Option<&Path>) -> Result<Option<Self>, CardSimError> {
        match configured {
            Some(p) => Ok(Some(Self::open(p)?)),
            None => match std::env::var_os(LOG_ENV) {
                Some(p) if !p.is_empty() => Ok(Some(Self::open(Path::new(&p))?)),
                _ => Ok(None),
            },
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Writes `{"seq":N,<fields>}` as one line; fields are pre-encoded `"key":value` pairs so
    /// that the key order stays readable (seq, persona, df, ef, cmd, sw, rsp_len).
    fn write(&self, fields: &[(&str, serde_json::Value)]) {
        let seq = self.seq.fetch_add(1, Ordering::Relaxed);
        let mut line = format!("{{\"seq\":{seq}");
        for (key, value) in fields {
            line.push_str(&format!(",\"{key}\":{value}"));
        }
        line.push_str("}\n");
        let mut file = self.file.lock().unwrap_or_else(|e| e.into_inner());
        // One write per line: O_APPEND keeps lines of several writers whole.
        if let Err(e) = file.write_all(line.as_bytes()) {
            tracing::warn!(error = %e, path = %self.path.display(), "APDU log write failed");
        }
    }

    pub fn event(&self, persona: &str, event: Event) {
        self.write(&[("persona", json!(persona)), ("event", json!(event.name()))]);
    }

    pub fn exchange(&self, persona: &str, apdu: &[u8], ex: &Exchange) {
        let ef = ex.ef.map(|f| format!("{f:04X}"));
        self.write(&[
            ("persona", json!(persona)),
            ("df", json!(ex.df.name())),
            ("ef", json!(ef)),
            ("cmd", json!(masked_cmd(apdu))),
            ("sw", json!(format!("{:04X}", ex.sw()))),
            ("rsp_len", json!(ex.response.len() - 2)),
        ]);
    }
}

/// Upper-case hex of `apdu`, with the data bytes of VERIFY and CHANGE REFERENCE DATA replaced by
/// `**` per byte.
pub fn masked_cmd(apdu: &[u8]) -> String {
    let secret = apdu.len() > 5 && matches!(apdu[1], 0x20 | 0x24);
    if !secret {
        return hex::encode_upper(apdu);
    }
    // Short Lc (one byte) or extended (00 HH LL): mask everything after it.
    let header = if apdu[4] == 0 && apdu.len() > 7 { 7 } else { 5 };
    let mut s = hex::encode_upper(&apdu[..header]);
    s.push_str(&"**".repeat(apdu.len() - header));
    s
}

/// Lines of an APDU log that show an operation the desk must never perform: SELECT of the
/// 入力補助AP, any VERIFY in 券面AP EF 0013 (照合番号A) or in the 入力補助AP, READ BINARY of
/// 券面AP EF 0005, and any VERIFY / CHANGE REFERENCE DATA whose data is not masked.
pub fn privacy_violations(log_text: &str) -> Vec<String> {
    const HOJO_AID: &str = "D3921000310001010408";
    let mut out = Vec::new();
    for line in log_text.lines().filter(|l| !l.trim().is_empty()) {
        let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
            out.push(format!("not a JSON log line ({} bytes)", line.len()));
            continue;
        };
        let Some(cmd) = v["cmd"].as_str() else {
            continue;
        };
        let cmd = cmd.to_ascii_uppercase();
        let df = v["df"].as_str().unwrap_or("");
        let ef = v["ef"].as_str().unwrap_or("");
        let ins = cmd.get(2..4).unwrap_or("");
        let reason = if ins == "A4" && cmd.get(4..6) == Some("04") && cmd.contains(HOJO_AID) {
            Some("SELECT of the 入力補助AP")
        } else if ins == "20" && df == "kenmen" && ef == "0013" {
            Some("VERIFY of 照合番号A (券面AP EF 0013)")
        } else if ins == "20" && df == "hojo" {
            Some("VERIFY in the 入力補助AP")
        } else if ins == "B0" && df == "kenmen" && ef == "0005" {
            Some("READ BINARY of 券面AP EF 0005 (個人番号 image)")
        } else if matches!(ins, "20" | "24") && !data_masked(&cmd) {
            Some("VERIFY / CHANGE REFERENCE DATA with unmasked data")
        } else {
            None
        };
        if let Some(r) = reason {
            // Name the exchange by its place and command header only: the offending line
            // itself may carry the very PIN the rule protects.
            out.push(format!(
                "{r}: seq {} persona {} df {df} ef {ef} cmd {}..",
                v["seq"],
                v["persona"].as_str().unwrap_or("?"),
                cmd.get(..8).unwrap_or(&cmd)
            ));
        }
    }
    out
}

/// True when the data field of a VERIFY / CHANGE REFERENCE DATA hex string is all `*`.
fn data_masked(cmd: &str) -> bool {
    let start = if cmd.get(8..10) == Some("00") && cmd.len() > 14 {
        14
    } else {
        10
    };
    cmd.get(start..)
        .is_none_or(|d| d.bytes().all(|b| b == b'*'))
}
