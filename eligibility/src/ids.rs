//! Identifiers printed on insurance cards and used by the centre, as types that cannot hold bad
//! values: 保険者番号 (6 or 8 digits, Luhn 2-1 check digit), 医療機関コード (10 digits, same check),
//! 記号 / 番号 (half- or full-width, normalised, at most 38 Shift_JIS bytes), 枝番 (2 digits kept
//! as a string) and 生年月日. Parsing accepts what a clerk types (full-width digits, spaces);
//! errors name the field and the reason in Japanese and English.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// `Debug` for a type holding personal data: prints the type name with `**` for the value,
/// so a `{:?}` in a log or a panic never shows a patient's numbers or birth date.
macro_rules! hidden_debug {
    ($($t:ident),*) => {$(
        impl fmt::Debug for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(concat!(stringify!($t), "(**)"))
            }
        }
    )*};
}

/// `Debug` for a struct mixing codes and personal data: shows only the listed fields (codes,
/// statuses) and ends with `..`, so fields added later stay hidden until someone lists them.
macro_rules! debug_showing {
    ($t:ty { $($f:ident),* $(,)? }) => {
        impl std::fmt::Debug for $t {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_struct(stringify!($t))
                    $(.field(stringify!($f), &self.$f))*
                    .finish_non_exhaustive()
            }
        }
    };
}
pub(crate) use debug_showing;

hidden_debug!(CardSymbol, CardNumber, BranchNumber, BirthDate);

/// Which identifier a validation error is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    InsurerNumber,
    InstitutionCode,
    CardSymbol,
    CardNumber,
    BranchNumber,
    BirthDate,
}

/// Why a value was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    Empty,
    NotDigits,
    /// `expected` lists the allowed lengths, e.g. "6 or 8".
    WrongLength {
        expected: &'static str,
        got: usize,
    },
    CheckDigit {
        expected: u8,
        got: u8,
    },
    TooLong {
        max_bytes: usize,
        got: usize,
    },
    /// A character that cannot appear in this field (e.g. a full-width space).
    BadCharacter(char),
    NotADate,
    OutOfRange,
}

/// What is wrong with a refused identifier, in logs (English, short).
impl std::fmt::Display for Reason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Reason::Empty => f.write_str("empty"),
            Reason::NotDigits => f.write_str("not digits only"),
            Reason::WrongLength { expected, got } => {
                write!(f, "{got} digits where {expected} are expected")
            }
            Reason::CheckDigit { .. } => f.write_str("check digit does not match"),
            Reason::TooLong { max_bytes, got } => {
                write!(f, "{got} bytes, more than {max_bytes}")
            }
            // The character itself is typed data: the desk's words quote it to the clerk.
            Reason::BadCharacter(_) => f.write_str("a character that is not allowed"),
            Reason::NotADate => f.write_str("not a date YYYYMMDD"),
            Reason::OutOfRange => f.write_str("out of range"),
        }
    }
}

/// A refused identifier: which field and why. `Display` is a short English line for logs; the
/// words for the clerk are the desk's (`onshi_desk::i18n::id_error`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field:?}: {reason}")]
pub struct IdError {
    pub field: Field,
    pub reason: Reason,
}

impl IdError {
    fn new(field: Field, reason: Reason) -> Self {
        IdError { field, reason }
    }
}

/// Full-width ASCII (U+FF01..U+FF5E) to half-width, ideographic space to ASCII space.
fn to_halfwidth(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            // Katakana-hiragana prolonged sound mark and dashes typed as hyphens in numbers.
            'ー' | '−' | '‐' | '―' => '-',
            _ => c,
        })
        .collect()
}

fn to_fullwidth(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '!'..='~' => char::from_u32(c as u32 + 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// Digits only (after width normalisation and trimming outer spaces).
fn digits(field: Field, raw: &str) -> Result<String, IdError> {
    let s = to_halfwidth(raw);
    let s = s.trim();
    if s.is_empty() {
        return Err(IdError::new(field, Reason::Empty));
    }
    if !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(IdError::new(field, Reason::NotDigits));
    }
    Ok(s.to_string())
}

/// The Luhn 2-1 check digit over `body` (digits before the check digit), as in 保険者番号設定要領:
/// from the rightmost digit, weights 2,1,2,1…; two-digit products are replaced by their digit
/// sum; check = (10 − sum mod 10) mod 10.
pub fn check_digit(body: &str) -> u8 {
    let sum: u32 = body
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0') * if i % 2 == 0 { 2 } else { 1 };
            if d >= 10 { d - 9 } else { d }
        })
        .sum();
    ((10 - sum % 10) % 10) as u8
}

fn verify_check(field: Field, s: &str) -> Result<(), IdError> {
    let (body, last) = s.split_at(s.len() - 1);
    let expected = check_digit(body);
    let got = last.as_bytes()[0] - b'0';
    if expected != got {
        return Err(IdError::new(field, Reason::CheckDigit { expected, got }));
    }
    Ok(())
}

macro_rules! string_serde {
    ($t:ty, $wire:ident) => {
        impl Serialize for $t {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(&self.$wire())
            }
        }
        impl<'de> Deserialize<'de> for $t {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                s.parse().map_err(serde::de::Error::custom)
            }
        }
    };
}

/// 保険者番号: 8 digits (法別2 + 都道府県2 + 保険者別3 + 検証1) or 6 digits for 国民健康保険.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct InsurerNumber(String);

impl InsurerNumber {
    /// The digits without padding (6 or 8).
    pub fn digits(&self) -> &str {
        &self.0
    }
    /// 8 characters as the centre writes them: a 6-digit 国保 number gets two leading spaces.
    pub fn padded(&self) -> String {
        format!("{:>8}", self.0)
    }
    /// 法別番号 (`01` 協会けんぽ, `39` 後期高齢者, …); `None` for 6-digit 国保 numbers.
    pub fn houbetsu(&self) -> Option<&str> {
        (self.0.len() == 8).then(|| &self.0[..2])
    }
    /// 後期高齢者医療 (法別 39).
    pub fn is_late_elderly(&self) -> bool {
        self.houbetsu() == Some("39")
    }
}

impl std::str::FromStr for InsurerNumber {
    type Err = IdError;
    fn from_str(raw: &str) -> Result<Self, IdError> {
        let f = Field::InsurerNumber;
        let mut s = digits(f, raw)?;
        // "00" + 6 digits is a zero-padded 国保 number: 法別 00 does not exist.
        if s.len() == 8 && s.starts_with("00") {
            s.drain(..2);
        }
        if s.len() != 6 && s.len() != 8 {
            return Err(IdError::new(
                f,
                Reason::WrongLength {
                    expected: "6 / 8",
                    got: s.chars().count(),
                },
            ));
        }
        verify_check(f, &s)?;
        Ok(InsurerNumber(s))
    }
}

impl fmt::Display for InsurerNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
string_serde!(InsurerNumber, padded);

/// 医療機関コード: 都道府県2 + 点数表1 + 郡市区2 + 医療機関等番号4 + 検証1.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct InstitutionCode(String);

/// 点数表番号: what kind of institution a code belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InstitutionKind {
    /// 医科 (1)
    Medical,
    /// 歯科 (3)
    Dental,
    /// 調剤 = 薬局 (4)
    Pharmacy,
    Other(u8),
}

impl InstitutionCode {
    pub fn as_str(&self) -> &str {
        &self.0
    }
    /// 都道府県番号 (2 digits).
    pub fn prefecture(&self) -> &str {
        &self.0[..2]
    }
    pub fn kind(&self) -> InstitutionKind {
        match self.0.as_bytes()[2] - b'0' {
            1 => InstitutionKind::Medical,
            3 => InstitutionKind::Dental,
            4 => InstitutionKind::Pharmacy,
            n => InstitutionKind::Other(n),
        }
    }
}

impl std::str::FromStr for InstitutionCode {
    type Err = IdError;
    fn from_str(raw: &str) -> Result<Self, IdError> {
        let f = Field::InstitutionCode;
        let s = digits(f, raw)?;
        if s.len() != 10 {
            return Err(IdError::new(
                f,
                Reason::WrongLength {
                    expected: "10",
                    got: s.len(),
                },
            ));
        }
        verify_check(f, &s)?;
        Ok(InstitutionCode(s))
    }
}

impl fmt::Display for InstitutionCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
string_serde!(InstitutionCode, to_string);

/// At most this many bytes (Shift_JIS) for 記号 and for 番号 (PROPOSED in the notes, from the
/// レセプト記録条件仕様).
pub const SYMBOL_MAX_BYTES: usize = 38;

/// Normalises a 記号 or 番号: half-width when it is plain ASCII (full-width digits, letters and
/// hyphens are folded), otherwise all full-width as the 記載要領 asks; no spaces inside.
fn normalise_card_text(field: Field, raw: &str) -> Result<String, IdError> {
    let half = to_halfwidth(raw);
    let t = half.trim();
    if t.is_empty() {
        return Err(IdError::new(field, Reason::Empty));
    }
    if let Some(c) = t.chars().find(|c| c.is_whitespace() || c.is_control()) {
        return Err(IdError::new(
            field,
            Reason::BadCharacter(if c == ' ' { '\u{3000}' } else { c }),
        ));
    }
    let norm = if t.is_ascii() {
        t.to_string()
    } else {
        to_fullwidth(t)
    };
    let (bytes, _, unmappable) = encoding_rs::SHIFT_JIS.encode(&norm);
    if unmappable {
        let c = norm
            .chars()
            .find(|c| encoding_rs::SHIFT_JIS.encode(&c.to_string()).2)
            .unwrap_or('?');
        return Err(IdError::new(field, Reason::BadCharacter(c)));
    }
    if bytes.len() > SYMBOL_MAX_BYTES {
        return Err(IdError::new(
            field,
            Reason::TooLong {
                max_bytes: SYMBOL_MAX_BYTES,
                got: bytes.len(),
            },
        ));
    }
    Ok(norm)
}

/// 被保険者証記号, normalised (see [`CardNumber`] for the rules).
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct CardSymbol(String);

impl CardSymbol {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::str::FromStr for CardSymbol {
    type Err = IdError;
    fn from_str(raw: &str) -> Result<Self, IdError> {
        normalise_card_text(Field::CardSymbol, raw).map(CardSymbol)
    }
}

impl fmt::Display for CardSymbol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
string_serde!(CardSymbol, to_string);

/// 被保険者証番号: half-width if ASCII-only, else full-width; at most 38 Shift_JIS bytes; no
/// spaces.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct CardNumber(String);

impl CardNumber {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::str::FromStr for CardNumber {
    type Err = IdError;
    fn from_str(raw: &str) -> Result<Self, IdError> {
        normalise_card_text(Field::CardNumber, raw).map(CardNumber)
    }
}

impl fmt::Display for CardNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
string_serde!(CardNumber, to_string);

/// 枝番: exactly two digits, kept as a string because the leading zero matters.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct BranchNumber(String);

impl BranchNumber {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::str::FromStr for BranchNumber {
    type Err = IdError;
    fn from_str(raw: &str) -> Result<Self, IdError> {
        let f = Field::BranchNumber;
        let s = digits(f, raw)?;
        if s.len() != 2 {
            return Err(IdError::new(
                f,
                Reason::WrongLength {
                    expected: "2",
                    got: s.len(),
                },
            ));
        }
        Ok(BranchNumber(s))
    }
}

impl fmt::Display for BranchNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
string_serde!(BranchNumber, to_string);

/// 生年月日, written YYYYMMDD on the wire.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct BirthDate(time::Date);

impl BirthDate {
    pub fn date(&self) -> time::Date {
        self.0
    }
    pub fn from_date(d: time::Date) -> Result<Self, IdError> {
        if d.year() < 1880 || d.year() > 2200 {
            return Err(IdError::new(Field::BirthDate, Reason::OutOfRange));
        }
        Ok(BirthDate(d))
    }
    /// YYYYMMDD.
    pub fn wire(&self) -> String {
        format_yyyymmdd(self.0)
    }
}

/// YYYYMMDD of a date.
pub fn format_yyyymmdd(d: time::Date) -> String {
    format!("{:04}{:02}{:02}", d.year(), u8::from(d.month()), d.day())
}

/// Parses YYYYMMDD (also accepts `YYYY-MM-DD` and `YYYY/MM/DD`).
pub fn parse_yyyymmdd(s: &str) -> Option<time::Date> {
    let s: String = to_halfwidth(s)
        .trim()
        .chars()
        .filter(|c| *c != '-' && *c != '/')
        .collect();
    if s.len() != 8 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let y: i32 = s[..4].parse().ok()?;
    let m: u8 = s[4..6].parse().ok()?;
    let d: u8 = s[6..].parse().ok()?;
    time::Date::from_calendar_date(y, time::Month::try_from(m).ok()?, d).ok()
}

impl std::str::FromStr for BirthDate {
    type Err = IdError;
    fn from_str(raw: &str) -> Result<Self, IdError> {
        if raw.trim().is_empty() {
            return Err(IdError::new(Field::BirthDate, Reason::Empty));
        }
        let d = parse_yyyymmdd(raw).ok_or(IdError::new(Field::BirthDate, Reason::NotADate))?;
        BirthDate::from_date(d)
    }
}

impl fmt::Display for BirthDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.wire())
    }
}
string_serde!(BirthDate, wire);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn insurer_check_digits_from_the_notes() {
        assert_eq!(check_digit("3312001"), 5);
        assert_eq!(check_digit("0113001"), 2);
        assert_eq!(check_digit("13805"), 7);
        assert!("33120015".parse::<InsurerNumber>().is_ok());
        assert!("01130012".parse::<InsurerNumber>().is_ok());
        let n: InsurerNumber = "138057".parse().unwrap();
        assert_eq!(n.padded(), "  138057");
        assert_eq!(n.houbetsu(), None);
    }

    #[test]
    fn insurer_accepts_padding_and_fullwidth() {
        let a: InsurerNumber = "  138057".parse().unwrap();
        let b: InsurerNumber = "00138057".parse().unwrap();
        let c: InsurerNumber = "１３８０５７".parse().unwrap();
        assert_eq!(a, b);
        assert_eq!(a, c);
        assert_eq!(a.digits(), "138057");
    }

    #[test]
    fn insurer_refusals_name_field_and_reason() {
        let e = "33120016".parse::<InsurerNumber>().unwrap_err();
        assert_eq!(e.field, Field::InsurerNumber);
        assert_eq!(
            e.reason,
            Reason::CheckDigit {
                expected: 5,
                got: 6
            }
        );
        assert!(e.to_string().contains("check digit"), "{e}");
        let e = "1234567".parse::<InsurerNumber>().unwrap_err();
        assert!(matches!(e.reason, Reason::WrongLength { got: 7, .. }));
        let e = "12a456".parse::<InsurerNumber>().unwrap_err();
        assert_eq!(e.reason, Reason::NotDigits);
        let e = "".parse::<InsurerNumber>().unwrap_err();
        assert_eq!(e.reason, Reason::Empty);
    }

    #[test]
    fn institution_code_check_digit_and_kind() {
        // The worked example of the notes: 011011371|9.
        let c: InstitutionCode = "0110113719".parse().unwrap();
        assert_eq!(c.prefecture(), "01");
        assert_eq!(c.kind(), InstitutionKind::Medical);
        let e = "0110113718".parse::<InstitutionCode>().unwrap_err();
        assert_eq!(e.field, Field::InstitutionCode);
        assert!(e.to_string().starts_with("InstitutionCode"), "{e}");
        let p = format!("134{}", "110001");
        let p = format!("{p}{}", check_digit(&p));
        assert_eq!(
            p.parse::<InstitutionCode>().unwrap().kind(),
            InstitutionKind::Pharmacy
        );
    }

    #[test]
    fn symbol_and_number_normalise_width() {
        let a: CardSymbol = "１２－３４".parse().unwrap();
        let b: CardSymbol = "12-34".parse().unwrap();
        assert_eq!(a, b);
        assert_eq!(a.as_str(), "12-34");
        // Kana forces everything full-width.
        let k: CardSymbol = "あ12".parse().unwrap();
        assert_eq!(k.as_str(), "あ１２");
        let e = "12 34".parse::<CardNumber>().unwrap_err();
        assert_eq!(e.field, Field::CardNumber);
        assert!(matches!(e.reason, Reason::BadCharacter(_)));
        let long = "1".repeat(39);
        let e = long.parse::<CardNumber>().unwrap_err();
        assert_eq!(
            e.reason,
            Reason::TooLong {
                max_bytes: 38,
                got: 39
            }
        );
        // 19 full-width characters are 38 Shift_JIS bytes: allowed; 20 are not.
        assert!("あ".repeat(19).parse::<CardNumber>().is_ok());
        assert!("あ".repeat(20).parse::<CardNumber>().is_err());
    }

    #[test]
    fn branch_is_two_digits_kept_as_text() {
        let b: BranchNumber = "01".parse().unwrap();
        assert_eq!(b.as_str(), "01");
        assert_eq!("０２".parse::<BranchNumber>().unwrap().as_str(), "02");
        let e = "1".parse::<BranchNumber>().unwrap_err();
        assert!(
            matches!(e.reason, Reason::WrongLength { got: 1, .. }),
            "{e}"
        );
    }

    #[test]
    fn birth_date_is_a_real_date() {
        let d: BirthDate = "20010327".parse().unwrap();
        assert_eq!(d.wire(), "20010327");
        assert_eq!("2001-03-27".parse::<BirthDate>().unwrap(), d);
        let e = "20010230".parse::<BirthDate>().unwrap_err();
        assert_eq!(e.reason, Reason::NotADate);
        assert_eq!(e.field, Field::BirthDate);
    }
}
