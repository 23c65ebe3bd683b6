//! 券面事項確認AP (券面AP): opens the card face with 照合番号B and reads EF 0002 (birth date,
//! sex, expiry, the face photo as JP2, the name / address / security-code images), then checks
//! the DF28 signature with the AP key that EF 0004 carries. Only 照合番号B is supported: no
//! operation here verifies 照合番号A (the 個人番号) or reads EF 0005 (its image).
//!
//! EF 0004's own signature by the issuer (CA key not on the card) is not checked here.

use iso7816_tlv::ber::{Tlv, Value};
use rsa::BigUint;
use rsa::pkcs1v15::Pkcs1v15Sign;
use sha2::{Digest, Sha256};
use time::{Date, Month};
use zeroize::Zeroizing;

use crate::apdu::{Command, StatusWord};
use crate::card::{App, Card};
use crate::error::{Error, Result};
use crate::transport::Transport;

const EF_FACE: u16 = 0x0002;
const EF_AP_CERT: u16 = 0x0004;
const EF_KEY_B: u16 = 0x0012;

/// The JP2 container signature every DF27 photo starts with.
const JP2_SIGNATURE: [u8; 12] = [
    0x00, 0x00, 0x00, 0x0C, 0x6A, 0x50, 0x20, 0x20, 0x0D, 0x0A, 0x87, 0x0A,
];

/// 照合番号B: birth date (和暦 YYMMDD for Japanese nationals) + expiry year + security code,
/// 14 ASCII digits, zeroized on drop and never printed.
pub struct VerificationNumberB(Zeroizing<[u8; 14]>);

impl VerificationNumberB {
    /// From the 14 digits as printed / keyed.
    pub fn new(digits: &str) -> Result<Self> {
        let b = digits.as_bytes();
        if b.len() != 14 || !b.iter().all(u8::is_ascii_digit) {
            return Err(Error::VerificationNumberFormat);
        }
        let mut out = Zeroizing::new([0u8; 14]);
        out.copy_from_slice(b);
        Ok(VerificationNumberB(out))
    }

    /// From the parts a clerk reads off the card front, the birth date given in 西暦 and
    /// converted to 和暦 as the card stores it for Japanese nationals. (For foreign residents
    /// the card prints 西暦 and the stored form is not public: key the 14 digits instead.)
    pub fn from_parts(birth: Date, expiry_year: u16, security_code: &str) -> Result<Self> {
        let yy = wareki_year(birth).ok_or(Error::VerificationNumberFormat)?;
        let s = Zeroizing::new(format!(
            "{:02}{:02}{:02}{:04}{}",
            yy,
            u8::from(birth.month()),
            birth.day(),
            expiry_year,
            security_code
        ));
        Self::new(&s)
    }
}

impl std::fmt::Debug for VerificationNumberB {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("VerificationNumberB(**************)")
    }
}

/// The year within its Japanese era (令和, 平成, 昭和, 大正, 明治) for a Gregorian date.
pub fn wareki_year(d: Date) -> Option<i32> {
    let on_or_after = |y: i32, m: Month, day: u8| d >= Date::from_calendar_date(y, m, day).unwrap();
    let y = d.year();
    let era_year = if on_or_after(2019, Month::May, 1) {
        y - 2018
    } else if on_or_after(1989, Month::January, 8) {
        y - 1988
    } else if on_or_after(1926, Month::December, 25) {
        y - 1925
    } else if on_or_after(1912, Month::July, 30) {
        y - 1911
    } else if on_or_after(1868, Month::January, 25) {
        y - 1867
    } else {
        return None;
    };
    (1..=99).contains(&era_year).then_some(era_year)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sex {
    Male,
    Female,
    NotApplicable,
    Unknown,
}

/// What the card face holds. Personal data: keep it in memory only as long as needed.
pub struct CardFace {
    pub birth_date: Date,
    pub sex: Sex,
    pub expiry: Date,
    /// DF27: JPEG 2000 (JP2 container), greyscale.
    pub photo_jp2: Zeroizing<Vec<u8>>,
    /// DF25 / DF26 / DF2A: PNG images as printed on the card.
    pub name_png: Vec<u8>,
    pub address_png: Vec<u8>,
    pub security_code_png: Vec<u8>,
}

impl std::fmt::Debug for CardFace {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "CardFace {{ photo {} bytes, .. }}", self.photo_jp2.len())
    }
}

/// The 券面AP of a connected card.
pub struct Kenmen<'c, T: Transport> {
    card: &'c mut Card<T>,
}

impl<'c, T: Transport> Kenmen<'c, T> {
    pub fn new(card: &'c mut Card<T>) -> Self {
        Kenmen { card }
    }

    /// Sends 照合番号B once (one try at most).
    pub fn verify_b(&mut self, number: &VerificationNumberB) -> Result<()> {
        self.card.select_app(App::Kenmen)?;
        self.card.select_ef(EF_KEY_B)?;
        let r = self.card.exchange(&Command::verify(Some(&number.0[..])))?;
        match r.sw {
            StatusWord::Success => Ok(()),
            StatusWord::TriesLeft(0) | StatusWord::Blocked => Err(Error::VerificationNumberLocked),
            StatusWord::TriesLeft(n) => Err(Error::WrongVerificationNumber { tries_left: n }),
            sw => Err(Error::Card {
                command: "VERIFY 照合番号B",
                sw,
            }),
        }
    }

    /// Verifies 照合番号B, reads the card face and checks its signature.
    pub fn read_card_face(&mut self, number: &VerificationNumberB) -> Result<CardFace> {
        self.verify_b(number)?;
        self.card.select_ef(EF_FACE)?;
        let raw = Zeroizing::new(self.card.read_tlv_file()?);
        self.card.select_ef(EF_AP_CERT)?;
        let cert = self.card.read_tlv_file()?;
        let key = ap_public_key(&cert)?;
        parse_and_check(&raw, &key)
    }
}

/// The RSA public key certified by EF 0004 (`7F 21` { `5F 4E` ids + `90` e + `91` n, `5F 37` }).
pub fn ap_public_key(ef0004: &[u8]) -> Result<rsa::RsaPublicKey> {
    const BAD: Error = Error::Malformed {
        what: "券面AP key certificate (EF 0004)",
    };
    let tlv = Tlv::from_bytes(ef0004).map_err(|_| BAD)?;
    if tlv.tag().to_bytes() != [0x7F, 0x21] {
        return Err(BAD);
    }
    let body = children(&tlv)
        .iter()
        .find(|t| t.tag().to_bytes() == [0x5F, 0x4E])
        .and_then(|t| primitive(t))
        .ok_or(BAD)?;
    // 16-byte issuer key id, 16-byte subject key id, then the key as `90` (e) and `91` (n).
    let mut rest = body.get(32..).ok_or(BAD)?;
    let (mut e, mut n) = (None, None);
    while !rest.is_empty() {
        let (t, r) = Tlv::parse(rest);
        let t = t.map_err(|_| BAD)?;
        match t.tag().to_bytes() {
            [0x90] => e = primitive(&t).map(BigUint::from_bytes_be),
            [0x91] => n = primitive(&t).map(BigUint::from_bytes_be),
            _ => {}
        }
        rest = r;
    }
    rsa::RsaPublicKey::new(n.ok_or(BAD)?, e.ok_or(BAD)?).map_err(|_| BAD)
}

fn children(t: &Tlv) -> &[Tlv] {
    match t.value() {
        Value::Constructed(c) => c,
        Value::Primitive(_) => &[],
    }
}

fn primitive(t: &Tlv) -> Option<&[u8]> {
    match t.value() {
        Value::Primitive(v) => Some(v),
        Value::Constructed(_) => None,
    }
}

/// Parses EF 0002 and checks the DF28 signature: SHA-256 over (DF22 DF23 DF24), (DF25 DF26)
/// and (DF27) as raw TLV bytes located by the DF21 offset table, the three digests in one
/// DigestInfo (research notes §5.3).
pub fn parse_and_check(raw: &[u8], key: &rsa::RsaPublicKey) -> Result<CardFace> {
    const BAD: Error = Error::Malformed {
        what: "card face (EF 0002)",
    };
    let tlv = Tlv::from_bytes(raw).map_err(|_| BAD)?;
    if tlv.tag().to_bytes() != [0xFF, 0x20] {
        return Err(BAD);
    }
    let kids = children(&tlv);
    let get = |tag: u8| {
        kids.iter()
            .find(|t| t.tag().to_bytes() == [0xDF, tag])
            .and_then(|t| primitive(t))
    };
    let table = get(0x21).ok_or(BAD)?;
    if table.len() != 18 {
        return Err(BAD);
    }
    let offsets: Vec<usize> = table
        .chunks(2)
        .map(|c| u16::from_be_bytes([c[0], c[1]]) as usize)
        .collect();
    // Each offset must point at its own tag (DF22 … DF2A), in order.
    for (i, &o) in offsets.iter().enumerate() {
        if raw.get(o..o + 2) != Some(&[0xDF, 0x22 + i as u8][..]) {
            return Err(BAD);
        }
    }
    let range = |a: usize, b: usize| raw.get(offsets[a]..offsets[b]).ok_or(BAD);
    let mut digest_info = vec![
        0x30, 0x71, 0x30, 0x0D, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01,
        0x05, 0x00, 0x04, 0x60,
    ];
    digest_info.extend_from_slice(&Sha256::digest(range(0, 3)?));
    digest_info.extend_from_slice(&Sha256::digest(range(3, 5)?));
    digest_info.extend_from_slice(&Sha256::digest(range(5, 6)?));
    let signature = get(0x28).ok_or(BAD)?;
    key.verify(Pkcs1v15Sign::new_unprefixed(), &digest_info, signature)
        .map_err(|_| Error::CardFaceSignatureInvalid)?;

    let photo = get(0x27).ok_or(BAD)?;
    if !photo.starts_with(&JP2_SIGNATURE) {
        return Err(Error::Malformed {
            what: "face photo is not JPEG 2000",
        });
    }
    Ok(CardFace {
        birth_date: yyyymmdd(get(0x22).ok_or(BAD)?).ok_or(BAD)?,
        sex: match get(0x23).ok_or(BAD)? {
            b"1" => Sex::Male,
            b"2" => Sex::Female,
            b"9" => Sex::NotApplicable,
            _ => Sex::Unknown,
        },
        expiry: yyyymmdd(get(0x29).ok_or(BAD)?).ok_or(BAD)?,
        photo_jp2: Zeroizing::new(photo.to_vec()),
        name_png: get(0x25).ok_or(BAD)?.to_vec(),
        address_png: get(0x26).ok_or(BAD)?.to_vec(),
        security_code_png: get(0x2A).ok_or(BAD)?.to_vec(),
    })
}

/// `YYYYMMDD` in ASCII → a date.
pub fn yyyymmdd(b: &[u8]) -> Option<Date> {
    let s = std::str::from_utf8(b).ok()?;
    if s.len() != 8 || !s.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let y: i32 = s[0..4].parse().ok()?;
    let m: u8 = s[4..6].parse().ok()?;
    let d: u8 = s[6..8].parse().ok()?;
    Date::from_calendar_date(y, Month::try_from(m).ok()?, d).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn wareki_years() {
        assert_eq!(wareki_year(date!(1980 - 02 - 17)), Some(55)); // 昭和55
        assert_eq!(wareki_year(date!(1989 - 01 - 07)), Some(64)); // 昭和64
        assert_eq!(wareki_year(date!(1989 - 01 - 08)), Some(1)); // 平成元年
        assert_eq!(wareki_year(date!(2019 - 04 - 30)), Some(31)); // 平成31
        assert_eq!(wareki_year(date!(2019 - 05 - 01)), Some(1)); // 令和元年
        assert_eq!(wareki_year(date!(1926 - 12 - 25)), Some(1)); // 昭和元年
    }

    #[test]
    fn verification_number_from_parts_matches_the_notes_example() {
        // Notes §5.2: 1980-02-17, expiry 2035, code 2285 → 55021720352285.
        let b = VerificationNumberB::from_parts(date!(1980 - 02 - 17), 2035, "2285").unwrap();
        assert_eq!(&b.0[..], b"55021720352285");
        assert_eq!(format!("{b:?}"), "VerificationNumberB(**************)");
        assert!(VerificationNumberB::new("5502172035228").is_err());
        assert!(VerificationNumberB::from_parts(date!(1980 - 02 - 17), 2035, "22a5").is_err());
    }

    #[test]
    fn dates() {
        assert_eq!(yyyymmdd(b"20350217"), Some(date!(2035 - 02 - 17)));
        assert_eq!(yyyymmdd(b"20351317"), None);
        assert_eq!(yyyymmdd(b"2035021"), None);
    }
}
