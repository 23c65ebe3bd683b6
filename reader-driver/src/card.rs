//! One conversation with one card: sends typed commands over a `Transport`, follows 61 xx and
//! 6C xx (boundedly, and never by sending a secret twice), remembers which application and file
//! are selected so that no SELECT is sent twice, and reads whole files with the fewest READ
//! BINARY commands (256-byte chunks, length from the BER header in the first chunk). Card
//! applications (`jpki`, `kenmen`) are built on this. Everything here but the constructor and
//! the counters is private to the driver: outside code has only the named operations.
//!
//! ```compile_fail
//! // Outside the driver no file can be chosen by its id ...
//! # fn f(card: &mut reader_driver::Card<reader_driver::PcscCard>) {
//! let _ = card.select_ef(0x0005);
//! # }
//! ```
//!
//! ```compile_fail
//! // ... no file read raw ...
//! # fn f(card: &mut reader_driver::Card<reader_driver::PcscCard>) {
//! let _ = card.read_tlv_file();
//! # }
//! ```
//!
//! ```compile_fail
//! // ... no command built and exchanged ...
//! # fn f(card: &mut reader_driver::Card<reader_driver::PcscCard>) {
//! let _ = card.exchange(&reader_driver::apdu::Command::new(0x00, 0xB0, 0x85, 0x00));
//! # }
//! ```
//!
//! ```compile_fail
//! // ... and no bytes sent through the connection under the card.
//! use reader_driver::Transport;
//! # fn f(card: &mut reader_driver::PcscCard) {
//! let _ = card.transmit(reader_driver::transport::Apdu::new(&[0x00, 0xB0, 0x85, 0x00, 0x00]));
//! # }
//! ```
//!
//! ```
//! // The named operations are what outside code has.
//! # fn f(card: &mut reader_driver::Card<reader_driver::PcscCard>) -> reader_driver::Result<()> {
//! let _label = reader_driver::Jpki::new(card).token_kind()?;
//! # Ok(()) }
//! ```

use zeroize::Zeroizing;

use crate::apdu::{Command, Response, StatusWord};
use crate::error::{Error, Result};
use crate::tlv;
use crate::transport::{Apdu, Transport};

/// The applications this driver is allowed to select. The 券面事項入力補助AP, which holds the
/// 個人番号, is deliberately not representable here (privacy rule: never selected).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum App {
    Jpki,
    Kenmen,
}

impl App {
    pub(crate) fn aid(self) -> &'static [u8] {
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
/// The largest file this driver can read: the last addressable offset plus one chunk.
const MAX_FILE: usize = MAX_OFFSET + CHUNK;
/// GET RESPONSE rounds one command may take: enough for the largest file, and a card that
/// keeps answering `61 xx` beyond that is not answering, it is looping.
const MAX_GET_RESPONSES: usize = MAX_FILE.div_ceil(CHUNK);

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

    /// The connection, to close it (`PcscCard::unpower`).
    pub fn into_transport(self) -> T {
        self.transport
    }

    /// Sends one command, following 61 xx (GET RESPONSE, bounded) and 6C xx (resend with the
    /// right Le, unless the command carries a secret: a PIN try is never spent twice).
    pub(crate) fn exchange(&mut self, cmd: &Command) -> Result<Response> {
        let mut resp = self.raw(cmd)?;
        if resp.sw == StatusWord::NoPreciseDiagnosis
            && self.powered_fresh
            && is_idempotent(cmd)
            && !cmd.must_not_resend()
        {
            // Some cards answer 6F 00 to the first command after power-up; a SELECT or READ is
            // safe to send again. Never a VERIFY: a PIN try is not ours to repeat.
            resp = self.raw(cmd)?;
        }
        self.powered_fresh = false;
        if let StatusWord::WrongLe(le) = resp.sw
            && !cmd.must_not_resend()
        {
            let mut again = cmd.clone();
            again.le = Some(if le == 0 { 256 } else { le as usize });
            resp = self.raw(&again)?;
        }
        let mut data = std::mem::take(&mut resp.data);
        let mut rounds = 0;
        while let StatusWord::MoreData(n) = resp.sw {
            rounds += 1;
            if rounds > MAX_GET_RESPONSES || data.len() > MAX_FILE {
                self.forget();
                return Err(Error::Malformed {
                    what: "the card keeps announcing more data",
                });
            }
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
            .transmit(Apdu::new(&wire))
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
    pub(crate) fn select_app(&mut self, app: App) -> Result<()> {
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
    pub(crate) fn select_ef(&mut self, fid: u16) -> Result<()> {
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
    pub(crate) fn read_at(&mut self, offset: usize, len: usize) -> Result<Zeroizing<Vec<u8>>> {
        if offset > MAX_OFFSET {
            return Err(Error::Malformed {
                what: "file longer than the card can address",
            });
        }
        let r = self.exchange(&Command::read_binary(offset as u16, len.min(CHUNK)))?;
        match r.sw {
            s if s.is_success() => Ok(r.data),
            StatusWord::OffsetOutOfRange => Ok(Zeroizing::new(Vec::new())),
            StatusWord::SecurityNotSatisfied => Err(Error::NotAuthenticated),
            sw => Err(Error::Card {
                command: "READ BINARY",
                sw,
            }),
        }
    }

    /// Reads a whole BER-TLV object from the selected EF: the first 256-byte chunk carries the
    /// header (so no separate header read is spent), the rest follows in 256-byte chunks.
    pub(crate) fn read_tlv_file(&mut self) -> Result<Zeroizing<Vec<u8>>> {
        let mut data = self.read_at(0, CHUNK)?;
        let total = tlv::total_len(&data).ok_or(Error::Malformed {
            what: "file does not start with a BER-TLV header",
        })?;
        if total > MAX_FILE {
            return Err(Error::Malformed {
                what: "file longer than the card can address",
            });
        }
        let first = total.min(data.len());
        data.truncate(first);
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

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::collections::VecDeque;

    /// A scripted card: answers each command with the next canned response and records what
    /// it was sent. For unit tests of this module only; the real card is tested end to end.
    pub(crate) struct Script {
        pub answers: VecDeque<Vec<u8>>,
        /// When the script runs out, every further command gets this.
        pub forever: Option<Vec<u8>>,
        pub sent: Vec<Vec<u8>>,
    }

    impl Script {
        pub(crate) fn new(answers: &[&[u8]]) -> Self {
            Script {
                answers: answers.iter().map(|a| a.to_vec()).collect(),
                forever: None,
                sent: Vec::new(),
            }
        }
    }

    impl Transport for Script {
        fn transmit(&mut self, command: Apdu<'_>) -> Result<Zeroizing<Vec<u8>>> {
            self.sent.push(command.bytes().to_vec());
            if self.sent.len() > 10_000 {
                panic!("the driver did not stop sending");
            }
            match self.answers.pop_front().or_else(|| self.forever.clone()) {
                Some(a) => Ok(Zeroizing::new(a)),
                None => Err(Error::CardRemoved),
            }
        }
    }

    #[test]
    fn a_card_that_answers_61xx_forever_is_given_up_on() {
        let mut script = Script::new(&[]);
        script.forever = Some(vec![0xAA, 0x61, 0x00]);
        let mut card = Card::new(script);
        let r = card.exchange(&Command::read_binary(0, 256));
        assert!(matches!(r, Err(Error::Malformed { .. })), "{r:?}");
        let script = card.into_transport();
        assert!(
            script.sent.len() <= MAX_GET_RESPONSES + 1,
            "{} commands sent",
            script.sent.len()
        );
    }

    #[test]
    fn get_response_collects_the_rest() {
        let script = Script::new(&[&[1, 2, 0x61, 0x02], &[3, 4, 0x90, 0x00]]);
        let mut card = Card::new(script);
        let r = card.exchange(&Command::read_binary(0, 256)).unwrap();
        assert_eq!(&r.data[..], &[1, 2, 3, 4]);
        assert_eq!(r.sw, StatusWord::Success);
        let script = card.into_transport();
        assert_eq!(script.sent[1], vec![0x00, 0xC0, 0x00, 0x00, 0x02]);
    }

    #[test]
    fn a_6cxx_answer_to_a_verify_is_never_answered_by_sending_the_pin_again() {
        let script = Script::new(&[&[0x6C, 0x00], &[0x90, 0x00]]);
        let mut card = Card::new(script);
        let r = card.exchange(&Command::verify(Some(b"1234"))).unwrap();
        assert_eq!(r.sw, StatusWord::WrongLe(0));
        let script = card.into_transport();
        assert_eq!(script.sent.len(), 1, "exactly one VERIFY went to the card");
    }

    #[test]
    fn a_6cxx_answer_to_a_read_is_resent_with_the_right_le() {
        let mut script = Script::new(&[&[0x6C, 0x10], &[7; 18]]);
        script.answers[1][16..].copy_from_slice(&[0x90, 0x00]);
        let mut card = Card::new(script);
        let r = card.exchange(&Command::read_binary(0, 256)).unwrap();
        assert_eq!(r.data.len(), 16);
        let script = card.into_transport();
        assert_eq!(script.sent[1], vec![0x00, 0xB0, 0x00, 0x00, 0x10]);
    }

    #[test]
    fn a_6f00_answer_to_the_first_verify_is_not_retried() {
        let script = Script::new(&[&[0x6F, 0x00], &[0x90, 0x00]]);
        let mut card = Card::new(script);
        let r = card.exchange(&Command::verify(Some(b"1234"))).unwrap();
        assert_eq!(r.sw, StatusWord::NoPreciseDiagnosis);
        let script = card.into_transport();
        assert_eq!(script.sent.len(), 1);
    }

    #[test]
    fn a_header_declaring_more_than_the_card_can_address_is_refused_before_reading_it() {
        let mut first = vec![0xFF, 0x20, 0x83, 0x01, 0x00, 0x00];
        first.resize(256, 0);
        first.extend_from_slice(&[0x90, 0x00]);
        let script = Script::new(&[&first]);
        let mut card = Card::new(script);
        assert!(matches!(card.read_tlv_file(), Err(Error::Malformed { .. })));
        let script = card.into_transport();
        assert_eq!(script.sent.len(), 1);
    }
}
