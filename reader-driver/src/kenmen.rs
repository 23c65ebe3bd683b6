//! 券面事項確認AP (券面AP): opens the card face with 照合番号B and reads EF 0002 (birth date,
//! sex, expiry, the face photo as JP2, the name / address / security-code images), checks that
//! the AP key in EF 0004 is certified by the configured 券面AP issuer, then checks the DF28
//! signature with that key. Only 照合番号B is supported: no operation here verifies 照合番号A
//! (the 個人番号) or reads EF 0005 (its image).
//!
//! Every signed value is taken from inside the byte ranges the signature covers, found by
//! walking the file object by object: EF 0002 must be exactly `FF 20` { DF21 … DF2A }, each
//! tag once, in order, where the offset table says. A second DF27, a DF27 moved after DF28 or
//! bytes spliced between the objects make the card face refused, not read around. DF29 (expiry)
//! and DF2A (security-code image) are not covered by the card's signature at all (research
//! notes §5.3); they are read from their fixed places after DF28 and the desk uses neither.

use rsa::BigUint;
use rsa::pkcs1v15::Pkcs1v15Sign;
use rsa::pkcs8::DecodePublicKey;
use sha2::{Digest, Sha256};
use time::{Date, Month};
use zeroize::Zeroizing;

use crate::apdu::StatusWord;
use crate::card::{App, Card};
use crate::error::{Error, Result};
use crate::tlv;
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
    /// DF25 / DF26 / DF2A: PNG images as printed on the card. DF2A is not signed by the card.
    pub name_png: Zeroizing<Vec<u8>>,
    pub address_png: Zeroizing<Vec<u8>>,
    pub security_code_png: Zeroizing<Vec<u8>>,
}

/// The public key of the 券面AP issuer (the CA key that is not on the card), which certifies
/// the AP key in EF 0004: `[card] kenmen_issuer`.
#[derive(Clone, PartialEq, Eq)]
pub struct KenmenIssuer(rsa::RsaPublicKey);

impl std::fmt::Debug for KenmenIssuer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("KenmenIssuer(..)")
    }
}

impl KenmenIssuer {
    /// From an RSA public key as DER SubjectPublicKeyInfo (`openssl pkey -pubout -outform DER`).
    pub fn from_der(der: &[u8]) -> Option<Self> {
        rsa::RsaPublicKey::from_public_key_der(der)
            .ok()
            .map(KenmenIssuer)
    }
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
        let r = self
            .card
            .exchange(&crate::apdu::Command::verify(Some(&number.0[..])))?;
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

    /// Verifies 照合番号B, reads the card face and checks it: EF 0004's key certified by
    /// `issuer`, the DF28 signature by that key, every value from the signed ranges.
    pub fn read_card_face(
        &mut self,
        number: &VerificationNumberB,
        issuer: &KenmenIssuer,
    ) -> Result<CardFace> {
        self.verify_b(number)?;
        self.card.select_ef(EF_FACE)?;
        let raw = self.card.read_tlv_file()?;
        self.card.select_ef(EF_AP_CERT)?;
        let cert = self.card.read_tlv_file()?;
        let key = ap_public_key(&cert, issuer)?;
        parse_and_check(&raw, &key)
    }
}

/// The RSA public key that EF 0004 certifies: `7F 21` { `5F 4E` issuer key id (16) ‖ subject
/// key id (16) ‖ `90` e ‖ `91` n, `5F 37` signature }, the signature PKCS#1 v1.5 SHA-256 by the
/// issuer over the whole `5F 4E` object. Nothing else may be in the file.
pub(crate) fn ap_public_key(ef0004: &[u8], issuer: &KenmenIssuer) -> Result<rsa::RsaPublicKey> {
    const BAD: Error = Error::CardFaceKeyNotCertified;
    if !tlv::well_formed(ef0004) {
        return Err(BAD);
    }
    let outer = tlv::object_at(ef0004, 0).ok_or(BAD)?;
    if outer.tag != [0x7F, 0x21] || outer.end != ef0004.len() {
        return Err(BAD);
    }
    let kids = tlv::siblings(ef0004, outer.end - outer.value.len(), outer.end).ok_or(BAD)?;
    let [body, sig] = kids.as_slice() else {
        return Err(BAD);
    };
    if body.tag != [0x5F, 0x4E] || sig.tag != [0x5F, 0x37] {
        return Err(BAD);
    }
    issuer
        .0
        .verify(
            Pkcs1v15Sign::new::<Sha256>(),
            &Sha256::digest(&ef0004[body.start..body.end]),
            sig.value,
        )
        .map_err(|_| BAD)?;
    // Signed: now read the key out of the signed object only.
    let key_area = body.value.get(32..).ok_or(BAD)?;
    let fields = tlv::siblings(key_area, 0, key_area.len()).ok_or(BAD)?;
    let [e, n] = fields.as_slice() else {
        return Err(BAD);
    };
    if e.tag != [0x90] || n.tag != [0x91] {
        return Err(BAD);
    }
    rsa::RsaPublicKey::new(
        BigUint::from_bytes_be(n.value),
        BigUint::from_bytes_be(e.value),
    )
    .map_err(|_| BAD)
}

/// Parses EF 0002 and checks the DF28 signature: SHA-256 over (DF22 DF23 DF24), (DF25 DF26)
/// and (DF27) as raw TLV bytes, the three digests in one DigestInfo (research notes §5.3).
/// The file must be exactly `FF 20` { DF21, DF22 … DF2A }, each once and in order, at the
/// offsets DF21 gives; each value handed out is the one inside its signed range.
pub(crate) fn parse_and_check(raw: &[u8], key: &rsa::RsaPublicKey) -> Result<CardFace> {
    const ALTERED: Error = Error::CardFaceSignatureInvalid;
    const BAD: Error = Error::Malformed {
        what: "card face (EF 0002)",
    };
    // A file that is not the card face's shape is treated as altered, like a bad signature:
    // nothing in it can be trusted, and the visit goes on with the PIN or 目視.
    if !tlv::well_formed(raw) {
        return Err(ALTERED);
    }
    let outer = tlv::object_at(raw, 0).ok_or(ALTERED)?;
    if outer.tag != [0xFF, 0x20] || outer.end != raw.len() {
        return Err(ALTERED);
    }
    let kids = tlv::siblings(raw, outer.end - outer.value.len(), outer.end).ok_or(ALTERED)?;
    // DF21, then DF22 … DF2A: ten objects, each its own tag, nothing between or after.
    if kids.len() != 10 {
        return Err(ALTERED);
    }
    for (i, o) in kids.iter().enumerate() {
        if o.tag != [0xDF, 0x21 + i as u8] {
            return Err(ALTERED);
        }
    }
    let table = kids[0].value;
    if table.len() != 18 {
        return Err(ALTERED);
    }
    // The offset table must say where the objects really are: it is what the card's signer
    // used, and a table that disagrees with the file means the file was edited.
    for (entry, o) in table.chunks(2).zip(&kids[1..]) {
        if u16::from_be_bytes([entry[0], entry[1]]) as usize != o.start {
            return Err(ALTERED);
        }
    }
    let obj = |tag: u8| &kids[usize::from(tag - 0x21)];
    let range = |from: u8, to: u8| &raw[obj(from).start..obj(to).end];
    let mut digest_info = vec![
        0x30, 0x71, 0x30, 0x0D, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01,
        0x05, 0x00, 0x04, 0x60,
    ];
    digest_info.extend_from_slice(&Sha256::digest(range(0x22, 0x24)));
    digest_info.extend_from_slice(&Sha256::digest(range(0x25, 0x26)));
    digest_info.extend_from_slice(&Sha256::digest(range(0x27, 0x27)));
    key.verify(
        Pkcs1v15Sign::new_unprefixed(),
        &digest_info,
        obj(0x28).value,
    )
    .map_err(|_| ALTERED)?;

    let photo = obj(0x27).value;
    if !photo.starts_with(&JP2_SIGNATURE) {
        return Err(Error::Malformed {
            what: "face photo is not JPEG 2000",
        });
    }
    Ok(CardFace {
        birth_date: yyyymmdd(obj(0x22).value).ok_or(BAD)?,
        sex: match obj(0x23).value {
            b"1" => Sex::Male,
            b"2" => Sex::Female,
            b"9" => Sex::NotApplicable,
            _ => Sex::Unknown,
        },
        expiry: yyyymmdd(obj(0x29).value).ok_or(BAD)?,
        photo_jp2: Zeroizing::new(photo.to_vec()),
        name_png: Zeroizing::new(obj(0x25).value.to_vec()),
        address_png: Zeroizing::new(obj(0x26).value.to_vec()),
        security_code_png: Zeroizing::new(obj(0x2A).value.to_vec()),
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
    use rsa::RsaPrivateKey;
    use rsa::pkcs8::DecodePrivateKey;
    use rsa::traits::PublicKeyParts;
    use time::macros::date;

    fn key(pem: &str) -> RsaPrivateKey {
        RsaPrivateKey::from_pkcs8_pem(pem).unwrap()
    }

    fn ap_key() -> RsaPrivateKey {
        key(include_str!("../../assets/pki/kenmen-ap.key.pem"))
    }

    fn issuer_key() -> RsaPrivateKey {
        key(include_str!("../../assets/pki/kenmen-issuer.key.pem"))
    }

    fn obj(tag: &[u8], value: &[u8]) -> Vec<u8> {
        let mut v = Vec::new();
        crate::jpki::push_tlv(&mut v, tag, value);
        v
    }

    fn photo(marker: u8) -> Vec<u8> {
        let mut p = JP2_SIGNATURE.to_vec();
        p.extend_from_slice(&[marker; 40]);
        p
    }

    /// `FF 20` { DF21 table, `objects` } with the table pointing at each of `objects`.
    fn face_file(objects: &[Vec<u8>]) -> Vec<u8> {
        let body_len = 3 + 18 + objects.iter().map(Vec::len).sum::<usize>();
        let head = obj(&[0xFF, 0x20], &vec![0; body_len]).len() - body_len;
        let mut at = head + 3 + 18;
        let mut table = Vec::new();
        for o in objects {
            table.extend_from_slice(&(at as u16).to_be_bytes());
            at += o.len();
        }
        table.truncate(18);
        let mut body = obj(&[0xDF, 0x21], &table);
        for o in objects {
            body.extend_from_slice(o);
        }
        obj(&[0xFF, 0x20], &body)
    }

    /// The nine objects of a genuine card face, DF28 signing the three groups.
    fn genuine(photo_bytes: &[u8]) -> Vec<Vec<u8>> {
        let ap = ap_key();
        let df = |t: u8, v: &[u8]| obj(&[0xDF, t], v);
        let (d22, d23, d24) = (df(0x22, b"19800217"), df(0x23, b"2"), df(0x24, b"key"));
        let (d25, d26, d27) = (
            df(0x25, b"name"),
            df(0x26, b"address"),
            df(0x27, photo_bytes),
        );
        let mut info = vec![
            0x30, 0x71, 0x30, 0x0D, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02,
            0x01, 0x05, 0x00, 0x04, 0x60,
        ];
        info.extend(Sha256::digest([d22.as_slice(), &d23, &d24].concat()));
        info.extend(Sha256::digest([d25.as_slice(), &d26].concat()));
        info.extend(Sha256::digest(&d27));
        let sig = ap.sign(Pkcs1v15Sign::new_unprefixed(), &info).unwrap();
        vec![
            d22,
            d23,
            d24,
            d25,
            d26,
            d27,
            df(0x28, &sig),
            df(0x29, b"20350217"),
            df(0x2A, b"code"),
        ]
    }

    #[test]
    fn a_genuine_card_face_is_read_from_its_signed_objects() {
        let face =
            parse_and_check(&face_file(&genuine(&photo(1))), &ap_key().to_public_key()).unwrap();
        assert_eq!(&face.photo_jp2[..], &photo(1)[..]);
        assert_eq!(face.birth_date, date!(1980 - 02 - 17));
        assert_eq!(face.sex, Sex::Female);
        assert_eq!(&face.name_png[..], b"name");
    }

    #[test]
    fn a_photo_spliced_before_the_signed_objects_is_refused() {
        // The table points at the genuine objects, so the signature over its ranges verifies;
        // the forged DF27 sits outside them, first in the file.
        let objects = genuine(&photo(1));
        let fake = obj(&[0xDF, 0x27], &photo(9));
        let body_len = 3 + 18 + fake.len() + objects.iter().map(Vec::len).sum::<usize>();
        let head = obj(&[0xFF, 0x20], &vec![0; body_len]).len() - body_len;
        let mut at = head + 3 + 18 + fake.len();
        let mut table = Vec::new();
        for o in &objects {
            table.extend_from_slice(&(at as u16).to_be_bytes());
            at += o.len();
        }
        let mut body = obj(&[0xDF, 0x21], &table);
        body.extend_from_slice(&fake);
        for o in &objects {
            body.extend_from_slice(o);
        }
        let file = obj(&[0xFF, 0x20], &body);
        assert_eq!(
            parse_and_check(&file, &ap_key().to_public_key()).map(|f| f.photo_jp2[20]),
            Err(Error::CardFaceSignatureInvalid)
        );
    }

    #[test]
    fn a_second_photo_after_the_signed_objects_is_refused() {
        let mut objects = genuine(&photo(1));
        objects.push(obj(&[0xDF, 0x27], &photo(9)));
        assert_eq!(
            parse_and_check(&face_file(&objects), &ap_key().to_public_key()).map(drop),
            Err(Error::CardFaceSignatureInvalid)
        );
    }

    #[test]
    fn a_card_face_nested_deeper_than_the_bound_is_refused_without_walking_it() {
        // A constructed object in place of DF22, nested far past the bound.
        let mut deep = obj(&[0x04], b"x");
        for _ in 0..50 {
            deep = obj(&[0x30], &deep);
        }
        let mut objects = genuine(&photo(1));
        objects[0] = deep;
        assert_eq!(
            parse_and_check(&face_file(&objects), &ap_key().to_public_key()).map(drop),
            Err(Error::CardFaceSignatureInvalid)
        );
    }

    #[test]
    fn damaged_card_faces_and_key_certificates_give_errors_not_panics() {
        let key = ap_key().to_public_key();
        let issuer = KenmenIssuer(issuer_key().to_public_key());
        let face = face_file(&genuine(&photo(1)));
        let cert = ap_certificate(&issuer_key(), &[]);
        for (file, is_face) in [(&face, true), (&cert, false)] {
            for cut in 0..file.len() {
                let f = &file[..cut];
                assert!(parse_and_check(f, &key).is_err() && ap_public_key(f, &issuer).is_err());
            }
            for i in 0..file.len().min(300) {
                for v in [0x00, 0x1F, 0x7F, 0x80, 0x81, 0x82, 0x83, 0xFF] {
                    let mut f = file.clone();
                    f[i] = v;
                    if is_face {
                        let _ = parse_and_check(&f, &key);
                    } else {
                        let _ = ap_public_key(&f, &issuer);
                    }
                }
            }
        }
    }

    #[test]
    fn a_photo_changed_in_place_fails_the_signature() {
        let mut objects = genuine(&photo(1));
        objects[5] = obj(&[0xDF, 0x27], &photo(9));
        assert_eq!(
            parse_and_check(&face_file(&objects), &ap_key().to_public_key()).map(drop),
            Err(Error::CardFaceSignatureInvalid)
        );
    }

    fn ap_certificate(signer: &RsaPrivateKey, extra: &[u8]) -> Vec<u8> {
        let ap = ap_key().to_public_key();
        let mut body = [7u8; 32].to_vec();
        body.extend(obj(&[0x90], &ap.e().to_bytes_be()));
        body.extend(obj(&[0x91], &ap.n().to_bytes_be()));
        let signed = obj(&[0x5F, 0x4E], &body);
        let sig = signer
            .sign(Pkcs1v15Sign::new::<Sha256>(), &Sha256::digest(&signed))
            .unwrap();
        let mut value = signed;
        value.extend(obj(&[0x5F, 0x37], &sig));
        value.extend_from_slice(extra);
        obj(&[0x7F, 0x21], &value)
    }

    #[test]
    fn the_ap_key_counts_only_when_the_configured_issuer_certified_it() {
        let issuer = KenmenIssuer(issuer_key().to_public_key());
        let good = ap_certificate(&issuer_key(), &[]);
        assert_eq!(
            ap_public_key(&good, &issuer).unwrap(),
            ap_key().to_public_key()
        );
        // Self-certified by the AP key: the forger's way.
        let own = ap_certificate(&ap_key(), &[]);
        assert_eq!(
            ap_public_key(&own, &issuer),
            Err(Error::CardFaceKeyNotCertified)
        );
        let padded = ap_certificate(&issuer_key(), &obj(&[0x5F, 0x4E], &[0; 40]));
        assert_eq!(
            ap_public_key(&padded, &issuer),
            Err(Error::CardFaceKeyNotCertified)
        );
    }

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
