//! Typed command and response APDUs (ISO/IEC 7816-4) and the status words this card uses. The
//! command body is held in a `Zeroizing` buffer because VERIFY bodies carry PINs and 照合番号B,
//! and so is the response body (certificates, the card face). Commands and responses are
//! private to the driver: outside code reaches the card only through the named operations of
//! `jpki` and `kenmen`, so no caller can build a command that reads another file.

use zeroize::Zeroizing;

/// A command APDU. Short form is used whenever it fits; extended form otherwise.
#[derive(Clone)]
pub(crate) struct Command {
    pub(crate) cla: u8,
    pub(crate) ins: u8,
    pub(crate) p1: u8,
    pub(crate) p2: u8,
    data: Zeroizing<Vec<u8>>,
    /// The body is a secret (PIN, 照合番号B): such a command is sent once and never again.
    secret: bool,
    /// Expected response length: `None` = no Le, `Some(256)` = short Le `00`.
    pub(crate) le: Option<usize>,
}

impl std::fmt::Debug for Command {
    // Never print the body: it may hold a PIN.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Command {{ {:02X} {:02X} {:02X} {:02X}, {} data bytes, le {:?} }}",
            self.cla,
            self.ins,
            self.p1,
            self.p2,
            self.data.len(),
            self.le
        )
    }
}

impl Command {
    pub(crate) fn new(cla: u8, ins: u8, p1: u8, p2: u8) -> Self {
        Command {
            cla,
            ins,
            p1,
            p2,
            data: Zeroizing::new(Vec::new()),
            secret: false,
            le: None,
        }
    }

    pub(crate) fn data(mut self, data: &[u8]) -> Self {
        self.data = Zeroizing::new(data.to_vec());
        self
    }

    pub(crate) fn le(mut self, le: usize) -> Self {
        self.le = Some(le);
        self
    }

    /// SELECT a DF by its full AID (P2 0C: no FCI, so no Le).
    pub(crate) fn select_df(aid: &[u8]) -> Self {
        Command::new(0x00, 0xA4, 0x04, 0x0C).data(aid)
    }

    /// SELECT an EF under the current DF by its 2-byte file identifier.
    pub(crate) fn select_ef(fid: u16) -> Self {
        Command::new(0x00, 0xA4, 0x02, 0x0C).data(&fid.to_be_bytes())
    }

    /// READ BINARY of the current EF at a 15-bit offset.
    pub(crate) fn read_binary(offset: u16, le: usize) -> Self {
        debug_assert!(offset <= 0x7FFF);
        Command::new(0x00, 0xB0, (offset >> 8) as u8, offset as u8).le(le)
    }

    /// VERIFY against the current key EF; an empty body asks for the retry counter for free.
    pub(crate) fn verify(secret: Option<&[u8]>) -> Self {
        let c = Command::new(0x00, 0x20, 0x00, 0x80);
        match secret {
            Some(s) => {
                let mut c = c.data(s);
                c.secret = true;
                c
            }
            None => c,
        }
    }

    /// Whether sending this command a second time could cost or repeat something that is not
    /// ours to repeat: a body with a secret, any VERIFY / CHANGE REFERENCE DATA / RESET RETRY
    /// COUNTER with a body (each spends a try), whatever built it.
    pub(crate) fn must_not_resend(&self) -> bool {
        self.secret || (matches!(self.ins, 0x20 | 0x24 | 0x2C) && !self.data.is_empty())
    }

    pub(crate) fn data_len(&self) -> usize {
        self.data.len()
    }

    /// The bytes on the wire. Zeroized when dropped.
    pub(crate) fn encode(&self) -> Zeroizing<Vec<u8>> {
        let mut out = Zeroizing::new(Vec::with_capacity(self.data.len() + 9));
        out.extend_from_slice(&[self.cla, self.ins, self.p1, self.p2]);
        let extended = self.data.len() > 255 || self.le.is_some_and(|le| le > 256);
        if extended {
            out.push(0x00);
            if !self.data.is_empty() {
                out.extend_from_slice(&(self.data.len() as u16).to_be_bytes());
                out.extend_from_slice(&self.data);
            }
            if let Some(le) = self.le {
                // 65536 is written as 00 00.
                out.extend_from_slice(&((le % 65536) as u16).to_be_bytes());
            }
        } else {
            if !self.data.is_empty() {
                out.push(self.data.len() as u8);
                out.extend_from_slice(&self.data);
            }
            if let Some(le) = self.le {
                out.push((le % 256) as u8);
            }
        }
        out
    }
}

/// Status words, named by what they mean on the My Number Card (research notes §3.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusWord {
    Success,
    /// 63 Cx: verification failed or counter query; `x` tries left (0 = this try exhausted it).
    TriesLeft(u8),
    /// 63 00: a key without retry limit.
    NoCounter,
    /// 62 82: end of file reached before Le bytes.
    EndOfFile,
    /// 61 xx: more data available through GET RESPONSE.
    MoreData(u8),
    WrongLength,
    /// 6C xx: wrong Le, xx is the right one.
    WrongLe(u8),
    IncompatibleFile,
    SecurityNotSatisfied,
    /// 69 84: the key is blocked.
    Blocked,
    ConditionsNotSatisfied,
    WrongData,
    FileNotFound,
    WrongP1P2,
    DataObjectNotFound,
    OffsetOutOfRange,
    InsNotSupported,
    ClaNotSupported,
    /// 6F 00: no precise diagnosis; seen on the first command after power-up.
    NoPreciseDiagnosis,
    Other(u16),
}

impl StatusWord {
    pub fn from_u16(sw: u16) -> Self {
        use StatusWord::*;
        match sw {
            0x9000 => Success,
            0x6300 => NoCounter,
            x if x & 0xFFF0 == 0x63C0 => TriesLeft((x & 0x0F) as u8),
            0x6282 => EndOfFile,
            x if x & 0xFF00 == 0x6100 => MoreData(x as u8),
            0x6700 => WrongLength,
            x if x & 0xFF00 == 0x6C00 => WrongLe(x as u8),
            0x6981 => IncompatibleFile,
            0x6982 => SecurityNotSatisfied,
            0x6984 => Blocked,
            0x6985 => ConditionsNotSatisfied,
            0x6A80 => WrongData,
            0x6A82 => FileNotFound,
            0x6A86 => WrongP1P2,
            0x6A88 => DataObjectNotFound,
            0x6B00 => OffsetOutOfRange,
            0x6D00 => InsNotSupported,
            0x6E00 => ClaNotSupported,
            0x6F00 => NoPreciseDiagnosis,
            x => Other(x),
        }
    }

    pub fn to_u16(self) -> u16 {
        use StatusWord::*;
        match self {
            Success => 0x9000,
            NoCounter => 0x6300,
            TriesLeft(n) => 0x63C0 | n as u16,
            EndOfFile => 0x6282,
            MoreData(n) => 0x6100 | n as u16,
            WrongLength => 0x6700,
            WrongLe(n) => 0x6C00 | n as u16,
            IncompatibleFile => 0x6981,
            SecurityNotSatisfied => 0x6982,
            Blocked => 0x6984,
            ConditionsNotSatisfied => 0x6985,
            WrongData => 0x6A80,
            FileNotFound => 0x6A82,
            WrongP1P2 => 0x6A86,
            DataObjectNotFound => 0x6A88,
            OffsetOutOfRange => 0x6B00,
            InsNotSupported => 0x6D00,
            ClaNotSupported => 0x6E00,
            NoPreciseDiagnosis => 0x6F00,
            Other(x) => x,
        }
    }

    pub fn is_success(self) -> bool {
        matches!(self, StatusWord::Success | StatusWord::EndOfFile)
    }
}

impl std::fmt::Display for StatusWord {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let sw = self.to_u16();
        write!(f, "{:02X} {:02X}", sw >> 8, sw & 0xFF)
    }
}

/// A response APDU split into data and status word. The data may be personal (the card face,
/// its photo): it is wiped when dropped.
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct Response {
    pub(crate) data: Zeroizing<Vec<u8>>,
    pub(crate) sw: StatusWord,
}

impl std::fmt::Debug for Response {
    // Response data is personal (certificates, photos): print only its size.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Response {{ {} data bytes, sw {} }}",
            self.data.len(),
            self.sw
        )
    }
}

impl Response {
    /// Splits raw bytes; `None` when fewer than the two SW bytes came back.
    pub(crate) fn parse(raw: &[u8]) -> Option<Self> {
        if raw.len() < 2 {
            return None;
        }
        let (data, sw) = raw.split_at(raw.len() - 2);
        Some(Response {
            data: Zeroizing::new(data.to_vec()),
            sw: StatusWord::from_u16(u16::from_be_bytes([sw[0], sw[1]])),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_forms_encode_as_the_notes_show() {
        let aid = [0xD3, 0x92, 0xF0, 0x00, 0x26, 0x01, 0x00, 0x00, 0x00, 0x01];
        assert_eq!(
            &Command::select_df(&aid).encode()[..],
            &[
                0x00, 0xA4, 0x04, 0x0C, 0x0A, 0xD3, 0x92, 0xF0, 0x00, 0x26, 0x01, 0x00, 0x00, 0x00,
                0x01
            ]
        );
        assert_eq!(
            &Command::read_binary(0x0100, 256).encode()[..],
            &[0x00, 0xB0, 0x01, 0x00, 0x00]
        );
        assert_eq!(
            &Command::verify(None).encode()[..],
            &[0x00, 0x20, 0x00, 0x80]
        );
        let sign = Command::new(0x80, 0x2A, 0x00, 0x80)
            .data(&[0xAA; 51])
            .le(256);
        let wire = sign.encode();
        assert_eq!(wire[4], 0x33);
        assert_eq!(wire.len(), 4 + 1 + 51 + 1);
        assert_eq!(*wire.last().unwrap(), 0x00);
    }

    #[test]
    fn extended_forms_when_short_does_not_fit() {
        let big = Command::new(0x80, 0xA2, 0x00, 0x00).data(&[1u8; 300]);
        let wire = big.encode();
        assert_eq!(&wire[4..7], &[0x00, 0x01, 0x2C]);
        assert_eq!(wire.len(), 7 + 300);
        let read_all = Command::read_binary(0, 65536).encode();
        assert_eq!(&read_all[..], &[0x00, 0xB0, 0x00, 0x00, 0x00, 0x00, 0x00]);
    }

    #[test]
    fn status_words_round_trip() {
        for sw in [
            0x9000, 0x63C2, 0x63C0, 0x6984, 0x6982, 0x6B00, 0x6A82, 0x6F00, 0x6123, 0x1234,
        ] {
            assert_eq!(StatusWord::from_u16(sw).to_u16(), sw);
        }
        assert_eq!(StatusWord::from_u16(0x63C1), StatusWord::TriesLeft(1));
        assert_eq!(StatusWord::from_u16(0x6984).to_string(), "69 84");
    }

    #[test]
    fn commands_with_a_secret_are_marked_never_to_resend() {
        assert!(Command::verify(Some(b"1234")).must_not_resend());
        assert!(
            !Command::verify(None).must_not_resend(),
            "the free retry query"
        );
        assert!(
            Command::new(0x00, 0x20, 0x00, 0x81)
                .data(b"1234")
                .must_not_resend()
        );
        assert!(
            Command::new(0x00, 0x24, 0x01, 0x80)
                .data(b"12345678")
                .must_not_resend()
        );
        assert!(!Command::read_binary(0, 256).must_not_resend());
        assert!(!Command::select_ef(0x0018).must_not_resend());
    }

    #[test]
    fn debug_never_shows_a_pin() {
        let c = Command::verify(Some(b"1234"));
        let shown = format!("{c:?}");
        assert!(!shown.contains("31") && !shown.contains("1234"), "{shown}");
    }
}
