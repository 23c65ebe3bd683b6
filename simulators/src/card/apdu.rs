//! Command APDU parsing (ISO 7816-4 cases 1-4, short and extended) and the status words the
//! virtual card answers with.

/// Status words used by the card model (meanings as in research/card-protocol.md §3.2).
pub mod sw {
    pub const OK: u16 = 0x9000;
    pub const WRONG_LENGTH: u16 = 0x6700;
    pub const SM_NOT_SUPPORTED: u16 = 0x6882;
    pub const INCOMPATIBLE_FILE: u16 = 0x6981;
    pub const SECURITY_NOT_SATISFIED: u16 = 0x6982;
    pub const BLOCKED: u16 = 0x6984;
    pub const CONDITIONS_NOT_SATISFIED: u16 = 0x6985;
    pub const NO_CURRENT_EF: u16 = 0x6986;
    pub const WRONG_DATA: u16 = 0x6A80;
    pub const FILE_NOT_FOUND: u16 = 0x6A82;
    pub const WRONG_P1P2: u16 = 0x6A86;
    pub const DATA_NOT_FOUND: u16 = 0x6A88;
    pub const OFFSET_BEYOND_END: u16 = 0x6B00;
    pub const INS_NOT_SUPPORTED: u16 = 0x6D00;
    pub const CLA_NOT_SUPPORTED: u16 = 0x6E00;
    pub const NO_PRECISE_DIAGNOSIS: u16 = 0x6F00;
    /// `63 Cx`: x tries left.
    pub const fn tries_left(n: u8) -> u16 {
        0x63C0 | (n as u16 & 0x0F)
    }
}

/// A parsed command APDU.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Command<'a> {
    pub cla: u8,
    pub ins: u8,
    pub p1: u8,
    pub p2: u8,
    pub data: &'a [u8],
    /// Expected response length Ne (256 for short `00`, 65536 for extended `00 00`); None = absent.
    pub le: Option<usize>,
    pub extended: bool,
}

impl<'a> Command<'a> {
    /// Parses `apdu`; None when its length fits no ISO 7816-4 case.
    pub fn parse(apdu: &'a [u8]) -> Option<Self> {
        if apdu.len() < 4 {
            return None;
        }
        let (cla, ins, p1, p2) = (apdu[0], apdu[1], apdu[2], apdu[3]);
        let body = &apdu[4..];
        let mk = |data, le, extended| {
            Some(Command {
                cla,
                ins,
                p1,
                p2,
                data,
                le,
                extended,
            })
        };
        let short_le = |b: u8| if b == 0 { 256 } else { usize::from(b) };
        let ext_le = |h: u8, l: u8| {
            let v = usize::from(u16::from_be_bytes([h, l]));
            if v == 0 { 65536 } else { v }
        };
        match body.len() {
            0 => mk(&[], None, false),
            1 => mk(&[], Some(short_le(body[0])), false),
            _ if body[0] != 0 => {
                let lc = usize::from(body[0]);
                match body.len() - 1 {
                    n if n == lc => mk(&body[1..], None, false),
                    n if n == lc + 1 => mk(&body[1..1 + lc], Some(short_le(body[1 + lc])), false),
                    _ => None,
                }
            }
            3 => mk(&[], Some(ext_le(body[1], body[2])), true),
            n if n >= 3 => {
                let lc = usize::from(u16::from_be_bytes([body[1], body[2]]));
                if lc == 0 {
                    return None;
                }
                match n - 3 {
                    m if m == lc => mk(&body[3..], None, true),
                    m if m == lc + 2 => mk(
                        &body[3..3 + lc],
                        Some(ext_le(body[3 + lc], body[4 + lc])),
                        true,
                    ),
                    _ => None,
                }
            }
            _ => None,
        }
    }
}

/// `data ‖ SW1 SW2`.
pub fn response(data: &[u8], sw: u16) -> Vec<u8> {
    let mut r = Vec::with_capacity(data.len() + 2);
    r.extend_from_slice(data);
    r.extend_from_slice(&sw.to_be_bytes());
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cases() {
        let c = Command::parse(&[0, 0x20, 0, 0x80]).unwrap();
        assert_eq!((c.data.len(), c.le), (0, None));
        let c = Command::parse(&[0, 0xB0, 0, 0, 0]).unwrap();
        assert_eq!(c.le, Some(256));
        let c = Command::parse(&[0, 0xB0, 0, 0, 0, 0x12, 0x34]).unwrap();
        assert_eq!((c.le, c.extended), (Some(0x1234), true));
        let c = Command::parse(&[0, 0xB0, 0, 0, 0, 0, 0]).unwrap();
        assert_eq!(c.le, Some(65536));
        let c = Command::parse(&[0x80, 0x2A, 0, 0x80, 2, 9, 9, 0]).unwrap();
        assert_eq!((c.data, c.le), (&[9u8, 9][..], Some(256)));
        let c = Command::parse(&[0x80, 0xA2, 0, 0, 0, 0, 2, 7, 7]).unwrap();
        assert_eq!((c.data, c.le, c.extended), (&[7u8, 7][..], None, true));
        assert!(Command::parse(&[0, 0xA4, 4, 0x0C, 5, 1]).is_none());
    }
}
