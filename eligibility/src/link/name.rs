//! File names of the clinic link: `<kind>req_<rest>.xml` in `req/`, the same name with `req` →
//! `res` in `res/`, and `OQSsiquc01res_face_<医療機関コード><20 chars>_<yyyyMMddHHmmss>.xml` in
//! `face/`. Parsing is strict about the shape and refuses anything that could leave the folder
//! (separators, `..`), because the answer's name is built from the request's.

use crate::ids::InstitutionCode;
use std::fmt;

/// A request kind the desk answers, by the 10-character prefix of its file name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// `OQSsiquc01`: 資格確認 by insurance-card numbers.
    Individual,
    /// `OQSmuquc01`: 一括照会 upload.
    BulkUpload,
    /// `OQSmuquc02`: 一括照会 download.
    BulkDownload,
    /// `YZKsiquc01`: 薬剤情報.
    Drug,
    /// `TKKsiquc01`: 特定健診情報.
    Checkup,
    /// `OQSsiimm01`: 照会番号 registration, one person.
    RefNoSingle,
    /// `OQSmuimm01`: 照会番号 registration, many.
    RefNoBulk,
}

impl Kind {
    pub const ALL: [Kind; 7] = [
        Kind::Individual,
        Kind::BulkUpload,
        Kind::BulkDownload,
        Kind::Drug,
        Kind::Checkup,
        Kind::RefNoSingle,
        Kind::RefNoBulk,
    ];

    /// The 10 characters before `req_` / `res_`.
    pub fn prefix(self) -> &'static str {
        match self {
            Kind::Individual => "OQSsiquc01",
            Kind::BulkUpload => "OQSmuquc01",
            Kind::BulkDownload => "OQSmuquc02",
            Kind::Drug => "YZKsiquc01",
            Kind::Checkup => "TKKsiquc01",
            Kind::RefNoSingle => "OQSsiimm01",
            Kind::RefNoBulk => "OQSmuimm01",
        }
    }

    fn from_prefix(p: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.prefix() == p)
    }
}

/// The kind part of a name: one the desk answers, or another of the same shape.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Prefix {
    Known(Kind),
    /// Three capitals, five small letters, two digits (e.g. `OQSmuhvq01`), not answered.
    Unknown(String),
}

impl Prefix {
    pub fn as_str(&self) -> &str {
        match self {
            Prefix::Known(k) => k.prefix(),
            Prefix::Unknown(s) => s,
        }
    }
}

/// Why a name is not a link file name.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NameError {
    #[error("not <kind>req_<rest>.xml / <kind>res_<rest>.xml")]
    Shape,
    #[error(
        "the part after req_ / res_ is empty, longer than 200 bytes or has a forbidden character"
    )]
    Rest,
    #[error("not OQSsiquc01res_face_<institution code><20 characters>_<yyyyMMddHHmmss>.xml")]
    Face,
}

/// Most bytes of the part between `req_` and `.xml`.
pub const REST_MAX: usize = 200;

/// `<prefix>req_<rest>.xml` or `<prefix>res_<rest>.xml`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct LinkFileName {
    pub prefix: Prefix,
    /// `true` for `req`, `false` for `res`.
    pub request: bool,
    rest: String,
    /// The extension as written (`xml`, `XML`, …), kept so the answer matches the request.
    ext: String,
}

fn prefix_shaped(p: &str) -> bool {
    let b = p.as_bytes();
    b.len() == 10
        && b[..3].iter().all(u8::is_ascii_uppercase)
        && b[3..8].iter().all(u8::is_ascii_lowercase)
        && b[8..].iter().all(u8::is_ascii_digit)
}

fn rest_ok(r: &str) -> bool {
    !r.is_empty()
        && r.len() <= REST_MAX
        && r != "."
        && !r.contains("..")
        && !r.chars().any(|c| {
            c.is_control() || matches!(c, '/' | '\\' | '<' | '>' | ':' | '"' | '|' | '?' | '*')
        })
}

impl LinkFileName {
    /// Reads a file name (no folder part).
    pub fn parse(name: &str) -> Result<LinkFileName, NameError> {
        let (stem, ext) = name.rsplit_once('.').ok_or(NameError::Shape)?;
        if !ext.eq_ignore_ascii_case("xml") {
            return Err(NameError::Shape);
        }
        let prefix = stem.get(..10).ok_or(NameError::Shape)?;
        if !prefix_shaped(prefix) {
            return Err(NameError::Shape);
        }
        let request = match stem.get(10..14) {
            Some("req_") => true,
            Some("res_") => false,
            _ => return Err(NameError::Shape),
        };
        let rest = &stem[14..];
        if !rest_ok(rest) {
            return Err(NameError::Rest);
        }
        Ok(LinkFileName {
            prefix: Kind::from_prefix(prefix)
                .map(Prefix::Known)
                .unwrap_or_else(|| Prefix::Unknown(prefix.to_string())),
            request,
            rest: rest.to_string(),
            ext: ext.to_string(),
        })
    }

    /// A request name of a known kind (for tests and the desk's own requests).
    pub fn request(kind: Kind, rest: &str) -> Result<LinkFileName, NameError> {
        if !rest_ok(rest) {
            return Err(NameError::Rest);
        }
        Ok(LinkFileName {
            prefix: Prefix::Known(kind),
            request: true,
            rest: rest.to_string(),
            ext: "xml".into(),
        })
    }

    pub fn kind(&self) -> Option<Kind> {
        match self.prefix {
            Prefix::Known(k) => Some(k),
            Prefix::Unknown(_) => None,
        }
    }

    /// The part between `req_` / `res_` and the extension.
    pub fn rest(&self) -> &str {
        &self.rest
    }

    /// The answer's name: the same with `req` → `res`.
    pub fn answer(&self) -> LinkFileName {
        LinkFileName {
            request: false,
            ..self.clone()
        }
    }
}

impl fmt::Display for LinkFileName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let dir = if self.request { "req" } else { "res" };
        write!(
            f,
            "{}{dir}_{}.{}",
            self.prefix.as_str(),
            self.rest,
            self.ext
        )
    }
}

const FACE_PREFIX: &str = "OQSsiquc01res_face_";

/// `OQSsiquc01res_face_<医療機関コード><20 chars>_<yyyyMMddHHmmss>.xml`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct FaceFileName {
    pub institution: InstitutionCode,
    /// 20 characters, `[0-9A-Za-z]` (ours: lowercase hex, PROPOSED).
    id: String,
    /// yyyyMMddHHmmss, the terminal's local time of the result.
    at: String,
}

impl FaceFileName {
    /// A new name: `id` is 10 bytes (written as 20 hex digits), `at` the time of the result.
    pub fn new(
        institution: InstitutionCode,
        id: [u8; 10],
        at: time::PrimitiveDateTime,
    ) -> FaceFileName {
        let id = id.iter().map(|b| format!("{b:02x}")).collect();
        let at = format!(
            "{:04}{:02}{:02}{:02}{:02}{:02}",
            at.year(),
            u8::from(at.month()),
            at.day(),
            at.hour(),
            at.minute(),
            at.second()
        );
        FaceFileName {
            institution,
            id,
            at,
        }
    }

    /// A new name with a random id.
    pub fn random(institution: InstitutionCode, at: time::PrimitiveDateTime) -> FaceFileName {
        FaceFileName::new(institution, rand::random(), at)
    }

    pub fn parse(name: &str) -> Result<FaceFileName, NameError> {
        let bad = || NameError::Face;
        let body = name
            .strip_prefix(FACE_PREFIX)
            .and_then(|s| s.strip_suffix(".xml"))
            .ok_or_else(bad)?;
        let (head, at) = body.rsplit_once('_').ok_or_else(bad)?;
        if head.len() != 30 || !head.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return Err(bad());
        }
        if at.len() != 14 || !at.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        let institution: InstitutionCode = head[..10].parse().map_err(|_| bad())?;
        let (y, mo, d) = (&at[..4], &at[4..6], &at[6..8]);
        let (h, mi, s) = (&at[8..10], &at[10..12], &at[12..]);
        let num = |x: &str| x.parse::<u8>().map_err(|_| bad());
        let date = time::Date::from_calendar_date(
            y.parse().map_err(|_| bad())?,
            time::Month::try_from(num(mo)?).map_err(|_| bad())?,
            num(d)?,
        )
        .map_err(|_| bad())?;
        time::Time::from_hms(num(h)?, num(mi)?, num(s)?).map_err(|_| bad())?;
        let _ = date;
        Ok(FaceFileName {
            institution,
            id: head[10..].to_string(),
            at: at.to_string(),
        })
    }

    /// The 20 characters after the 医療機関コード.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// yyyyMMddHHmmss.
    pub fn at(&self) -> &str {
        &self.at
    }
}

impl fmt::Display for FaceFileName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{FACE_PREFIX}{}{}_{}.xml",
            self.institution, self.id, self.at
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_reads_back_and_answers_with_res() {
        for k in Kind::ALL {
            let n = format!("{}req_20261123PT0001.xml", k.prefix());
            let p = LinkFileName::parse(&n).unwrap();
            assert_eq!(p.kind(), Some(k));
            assert!(p.request);
            assert_eq!(p.to_string(), n);
            assert_eq!(
                p.answer().to_string(),
                format!("{}res_20261123PT0001.xml", k.prefix())
            );
        }
    }

    #[test]
    fn names_that_could_leave_the_folder_or_are_not_requests_are_refused() {
        for bad in [
            "OQSsiquc01req_.xml",
            "OQSsiquc01req_../x.xml",
            "OQSsiquc01req_a/b.xml",
            "OQSsiquc01req_a\\b.xml",
            "OQSsiquc01req_a\u{0}.xml",
            "OQSsiquc01req_x.txt",
            "oqssiquc01req_x.xml",
            "OQSsiquc01rex_x.xml",
            "OQSsiquc1req_x.xml",
            "x.xml",
            "",
        ] {
            assert!(LinkFileName::parse(bad).is_err(), "{bad:?} accepted");
        }
        let long = format!("OQSsiquc01req_{}.xml", "a".repeat(REST_MAX + 1));
        assert_eq!(LinkFileName::parse(&long), Err(NameError::Rest));
        let other = LinkFileName::parse("OQSmuhvq01req_2026112300001.xml").unwrap();
        assert_eq!(other.prefix, Prefix::Unknown("OQSmuhvq01".into()));
        assert_eq!(
            other.answer().to_string(),
            "OQSmuhvq01res_2026112300001.xml"
        );
    }

    #[test]
    fn face_names_read_back_and_match_the_real_shape() {
        let real = "OQSsiquc01res_face_27142063864da5260a16de5a3d3ad7_20260929160112.xml";
        let n = FaceFileName::parse(real).unwrap();
        assert_eq!(n.institution.as_str(), "2714206386");
        assert_eq!(n.id(), "4da5260a16de5a3d3ad7");
        assert_eq!(n.at(), "20260929160112");
        assert_eq!(n.to_string(), real);
        let at = time::macros::datetime!(2026-11-23 09:05:07);
        let ours = FaceFileName::new("2714206386".parse().unwrap(), [0xab; 10], at);
        assert_eq!(
            ours.to_string(),
            "OQSsiquc01res_face_2714206386abababababababababab_20261123090507.xml"
        );
        assert_eq!(FaceFileName::parse(&ours.to_string()).unwrap(), ours);
        for bad in [
            "OQSsiquc01res_face_27142063864da5260a16de5a3d3ad7_20261329160112.xml",
            "OQSsiquc01res_face_2714206386_20260929160112.xml",
            "OQSsiquc01res_face_27142063854da5260a16de5a3d3ad7_20260929160112.xml",
        ] {
            assert!(FaceFileName::parse(bad).is_err(), "{bad}");
        }
    }
}
