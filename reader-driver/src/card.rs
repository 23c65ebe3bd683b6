//! One conversation with one card: sends typed commands over a `Transport`, follows 61 xx and
//! 6C xx, remembers which application and file are selected so that no SELECT is sent twice, and
//! reads whole files with the fewest READ BINARY commands (256-byte chunks, length from the BER
//! header in the first chunk). Card applications (`jpki`, `kenmen`) are built on this.

use crate::apdu::{Command, Response, StatusWord};
use crate::error::{Error, Result};
use crate::transport::Transport;

/// The applications this driver is allowed to select. The 券面事項入力補助AP, which holds the
/// 個人番号, is deliberately not representable here (privacy rule: never selected).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum App {
    Jpki,
    Kenmen,
}

impl App {
    pub fn aid(self) -> &'static [u8] {
        match self {
            App::Jpki => &[0xD3, 0x92, 0xF0, 0x00, 0x26, 0x01, 0x00, 0x00, 0x00, 0x01],
            App::Kenmen => &[0xD3, 0x92, 0x10, 0x00, 0x31, 0x00, 0x01, 0x01, 0x04, 0x02],
        }
    }
}

/// Largest chunk of a short READ BINARY (Le = 00).
const CHUNK: usize = 256;
/// READ BINARY offsets are 15 bits.
const MAX_OFFSET: usize = 0x7FFF;

pub struct Card<T: Transport> {
    transport: T,
    app: Option<App>,
    ef: Option<u16>,
    apdus: u32,
    powered_fresh: bool,
}

impl<T: Transport> Card<T> {
    /// Wraps a freshly connected card.
    pub fn new(transport: T) -> Self {
        Card {
            transport,
            app: None,
            ef: None,
            apdus: 0,
            powered_fresh: true,
        }
    }

    /// How many command APDUs went to the card so far (for benchmarks and tests).
    pub fn apdu_count(&self) -> u32 {
        self.apdus
    }

    pub fn into_transport(self) -> T {
        self.transport
    }

    pub fn transport_mut(&mut self) -> &mut T {
        &mut self.transport
    }

    /// Sends one command, following 61 xx (GET RESPONSE) and 6C xx (resend with the right Le).
    pub fn exchange(&mut self, cmd: &Command) -> Result<Response> {
        let mut resp = self.raw(cmd)?;
        if resp.sw == StatusWord::NoPreciseDiagnosis && self.powered_fresh && is_idempotent(cmd) {
            // Some cards answer 6F 00 to the first command after power-up; a SELECT or READ is
            // safe to send again. Never a VERIFY: a PIN try is not ours to repeat.
            resp = self.raw(cmd)?;
        }
        self.powered_fresh = false;
        if let StatusWord::WrongLe(le) = resp.sw {
            let mut again = cmd.clone();
            again.le = Some(if le == 0 { 256 } else { le as usize });
            resp = self.raw(&again)?;
        }
        let mut data = std::mem::take(&mut resp.data);
        while let StatusWord::MoreData(n) = resp.sw {
            let get =
                Command::new(0x00, 0xC0, 0x00, 0x00).le(if n == 0 { 256 } else { n as usize });
            resp = self.raw(&get)?;
            data.extend_from_slice(&resp.data);
        }
        Ok(Response { data, sw: resp.sw })
    }

    fn raw(&mut self, cmd: &Command) -> Result<Response> {
        let wire = cmd.encode();
        self.apdus += 1;
        let raw = self
            .transport
            .transmit(&wire)
            .inspect_err(|_| self.forget())?;
        Response::parse(&raw).ok_or(Error::Malformed {
            what: "response shorter than a status word",
        })
    }

    /// After an error the card's selection state is unknown.
    pub(crate) fn forget(&mut self) {
        self.app = None;
        self.ef = None;
    }

    /// Selects an application unless it is already selected.
    pub fn select_app(&mut self, app: App) -> Result<()> {
        if self.app == Some(app) {
            return Ok(());
        }
        let r = self.exchange(&Command::select_df(app.aid()))?;
        match r.sw {
            StatusWord::Success => {
                self.app = Some(app);
                self.ef = None;
                Ok(())
            }
            StatusWord::FileNotFound
            | StatusWord::InsNotSupported
            | StatusWord::ClaNotSupported
            | StatusWord::WrongP1P2 => {
                self.forget();
                Err(Error::NotAMyNumberCard)
            }
            sw => {
                self.forget();
                Err(Error::Card {
                    command: "SELECT application",
                    sw,
                })
            }
        }
    }

    /// Selects an EF of the current application unless it is already selected.
    pub fn select_ef(&mut self, fid: u16) -> Result<()> {
        if self.ef == Some(fid) {
            return Ok(());
        }
        let r = self.exchange(&Command::select_ef(fid))?;
        match r.sw {
            StatusWord::Success => {
                self.ef = Some(fid);
                Ok(())
            }
            StatusWord::FileNotFound => {
                self.ef = None;
                Err(Error::Malformed {
                    what: "a file the card should have is missing",
                })
            }
            sw => {
                self.ef = None;
                Err(Error::Card {
                    command: "SELECT file",
                    sw,
                })
            }
        }
    }

    /// Reads `len` bytes at `offset` of the selected EF (short APDU, at most 256).
    pub fn read_at(&mut self, offset: usize, len: usize) -> Result<Vec<u8>> {
        if offset > MAX_OFFSET {
            return Err(Error::Malformed {
                what: "file longer than the card can address",
            });
        }
        let r = self.exchange(&Command::read_binary(offset as u16, len.min(CHUNK)))?;
        match r.sw {
            s if s.is_success() => Ok(r.data),
            StatusWord::OffsetOutOfRange => Ok(Vec::new()),
            StatusWord::SecurityNotSatisfied => Err(Error::NotAuthenticated),
            sw => Err(Error::Card {
                command: "READ BINARY",
                sw,
            }),
        }
    }

    /// Reads a whole BER-TLV object from the selected EF: the first 256-byte chunk carries the
    /// header (so no separate header read is spent), the rest follows in 256-byte chunks.
    pub fn read_tlv_file(&mut self) -> Result<Vec<u8>> {
        let mut data = self.read_at(0, CHUNK)?;
        let total = ber_total_len(&data).ok_or(Error::Malformed {
            what: "file does not start with a BER-TLV header",
        })?;
        data.truncate(total.min(data.len()));
        while data.len() < total {
            let chunk = self.read_at(data.len(), (total - data.len()).min(CHUNK))?;
            if chunk.is_empty() {
                return Err(Error::Malformed {
                    what: "file ends before the length its header declares",
                });
            }
            data.extend_from_slice(&chunk);
        }
        data.truncate(total);
        Ok(data)
    }
}

fn is_idempotent(cmd: &Command) -> bool {
    matches!(cmd.ins, 0xA4 | 0xB0) || (cmd.ins == 0x20 && cmd.data_len() == 0)
}

/// Total length (header + value) of the BER-TLV object that starts `data`, if the header is there.
pub fn ber_total_len(data: &[u8]) -> Option<usize> {
    let mut i = 0;
    let first = *data.first()?;
    i += 1;
    if first & 0x1F == 0x1F {
        // Multi-byte tag: continuation bytes have bit 8 set.
        while *data.get(i)? & 0x80 != 0 {
            i += 1;
        }
        i += 1;
    }
    let l = *data.get(i)?;
    i += 1;
    let len = match l {
        0x00..=0x7F => l as usize,
        0x81 => {
            i += 1;
            *data.get(i - 1)? as usize
        }
        0x82 => {
            i += 2;
            u16::from_be_bytes([*data.get(i - 2)?, *data.get(i - 1)?]) as usize
        }
        0x83 => {
            i += 3;
            let b = data.get(i - 3..i)?;
            ((b[0] as usize) << 16) | ((b[1] as usize) << 8) | b[2] as usize
        }
        _ => return None,
    };
    Some(i + len)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ber_lengths() {
        assert_eq!(ber_total_len(&[0x30, 0x82, 0x06, 0x2B]), Some(4 + 0x062B));
        assert_eq!(
            ber_total_len(&[0xFF, 0x20, 0x82, 0x01, 0x00]),
            Some(5 + 256)
        );
        assert_eq!(ber_total_len(&[0x7F, 0x21, 0x82, 0x02, 0x33]), Some(568));
        assert_eq!(ber_total_len(&[0xFF, 0x20, 0x65]), Some(3 + 0x65));
        assert_eq!(ber_total_len(&[0x30, 0x81, 0x80]), Some(3 + 0x80));
        assert_eq!(ber_total_len(&[0x30]), None);
        assert_eq!(ber_total_len(&[0x30, 0x84, 0, 0, 0, 1]), None);
    }
}
