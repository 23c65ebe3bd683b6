//! Requests the clinic's system drops into `req/`, read into checked values. Shift_JIS is the
//! norm and UTF-8 is accepted (the crate's encoding detection decides); every identifier is
//! checked as the desk's own client checks what a clerk types, so a request the centre would
//! refuse is answered at once with a link error code. Never panics, whatever the bytes.

use super::name::{Kind, LinkFileName, Prefix};
use crate::codes::{LimitConsent, MedicalTreatmentFlag};
use crate::ids::{
    BirthDate, BranchNumber, CardNumber, CardSymbol, IdError, InstitutionCode, InsurerNumber,
    Reason,
};
use crate::xml::{self, Encoding, SearchInfo, SearchInfoRaw, XmlError, text};

/// Largest request file read (a 一括照会 of 10,000 rows is about 5 MB).
pub const REQUEST_MAX_BYTES: usize = 32 * 1024 * 1024;
/// Most rows of a 一括照会 upload (the centre's limit).
pub const BULK_MAX: usize = 10_000;
/// Most rows of a bulk 照会番号 registration (PROPOSED: the 一括照会 limit).
pub const REFNO_BULK_MAX: usize = 10_000;
/// Most characters of a 照会番号.
pub const REFNO_MAX_CHARS: usize = 50;

/// Why a request gets an error answer instead of the centre's. [`LinkError::code`] is the
/// code the answer carries; the desk chooses the message text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LinkError {
    /// The name has a request's shape but names a kind the desk does not answer.
    #[error("the desk does not answer this kind of request: use one of the kinds in the README")]
    UnknownKind,
    /// The file is larger than [`REQUEST_MAX_BYTES`].
    #[error("the request is larger than {max} bytes: split it")]
    TooLarge { max: usize },
    /// Neither UTF-8 nor Shift_JIS, or bytes that are not in the declared encoding.
    #[error(
        "the request is not Shift_JIS or UTF-8 as its declaration says: write it again in Shift_JIS"
    )]
    Encoding,
    /// Not well-formed XML, or not an XmlMsg with MessageHeader and MessageBody.
    #[error("the request is not well-formed XmlMsg: check the layout")]
    Malformed,
    /// A required element is absent or empty.
    #[error("the request lacks <{element}>{}: add it", row_text(*row))]
    Missing {
        element: &'static str,
        row: Option<usize>,
    },
    /// An element holds a value the centre would refuse.
    #[error("<{element}>{} holds a value that is not allowed: correct it", row_text(*row))]
    Invalid {
        element: &'static str,
        row: Option<usize>,
        /// For identifiers, what is wrong with the value.
        reason: Option<Reason>,
    },
    /// A bulk file with no rows or more than allowed.
    #[error("the file has {got} rows; send 1 to {max}")]
    Rows { max: usize, got: usize },
    /// A value the desk does not answer (e.g. a PDF instead of XML).
    #[error("<{element}> asks for something the desk does not answer: ask for XML")]
    Unsupported { element: &'static str },
    /// The 医療機関コード is not this desk's.
    #[error("the request names another medical institution: use this clinic's code")]
    OtherInstitution,
    /// An answer with this name was already written.
    #[error("a request of this name was already answered: use a new name")]
    AlreadyAnswered,
}

fn row_text(row: Option<usize>) -> String {
    row.map(|r| format!(" in row {r}")).unwrap_or_default()
}

impl LinkError {
    /// The code written into the error answer (PROPOSED, see `crate::link`).
    pub fn code(&self) -> &'static str {
        match self {
            LinkError::UnknownKind => "LNK-E0002",
            LinkError::TooLarge { .. } => "LNK-E0009",
            LinkError::Encoding => "LNK-E0010",
            LinkError::Malformed => "LNK-E0011",
            LinkError::Missing { .. } => "LNK-E0012",
            LinkError::Invalid { .. } => "LNK-E0013",
            LinkError::Rows { .. } => "LNK-E0016",
            LinkError::Unsupported { .. } => "LNK-E0018",
            LinkError::OtherInstitution => "LNK-E0020",
            LinkError::AlreadyAnswered => "LNK-E0021",
        }
    }
}

/// 照会番号: the clinic's own patient number (診察券番号), 1 to 50 characters, no control
/// characters, outer spaces trimmed.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct ReferenceNumber(String);

impl ReferenceNumber {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::str::FromStr for ReferenceNumber {
    type Err = Reason;
    fn from_str(s: &str) -> Result<Self, Reason> {
        let t = s.trim_matches([' ', '\u{3000}']);
        if t.is_empty() {
            return Err(Reason::Empty);
        }
        if let Some(c) = t.chars().find(|c| c.is_control()) {
            return Err(Reason::BadCharacter(c));
        }
        let n = t.chars().count();
        if n > REFNO_MAX_CHARS {
            return Err(Reason::TooLong {
                max_bytes: REFNO_MAX_CHARS,
                got: n,
            });
        }
        Ok(ReferenceNumber(t.to_string()))
    }
}

impl std::fmt::Display for ReferenceNumber {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::fmt::Debug for ReferenceNumber {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ReferenceNumber(**)")
    }
}

/// 薬剤 or 特定健診.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MedicalInfoKind {
    Drug,
    Checkup,
}

/// A YZK / TKK request, checked.
#[derive(Clone, PartialEq)]
pub struct MedicalInfoQuery {
    pub kind: MedicalInfoKind,
    pub insurer: InsurerNumber,
    pub symbol: Option<CardSymbol>,
    pub number: CardNumber,
    pub branch: Option<BranchNumber>,
    /// PROPOSED: optional.
    pub birth: Option<BirthDate>,
    /// 診療年月 from / to, YYYYMM (drug only; `None` for all).
    pub months: Option<(String, String)>,
    /// 4 asks for 薬剤 + 診療 (drug only).
    pub with_treatments: bool,
    pub treatment: MedicalTreatmentFlag,
}

/// One row of a 照会番号 registration, checked.
#[derive(Clone, PartialEq)]
pub struct RefNoRow {
    pub reference_number: ReferenceNumber,
    pub insurer: InsurerNumber,
    pub symbol: Option<CardSymbol>,
    pub number: CardNumber,
    pub branch: Option<BranchNumber>,
    pub birth: Option<BirthDate>,
}

/// What a request asks for.
#[derive(Clone, PartialEq)]
pub enum LinkRequest {
    /// OQSsiquc01req: one person by insurance-card numbers, on `date` (today when `None`).
    Individual {
        date: Option<time::Date>,
        search: SearchInfo,
    },
    /// OQSmuquc01req.
    BulkUpload {
        date: Option<time::Date>,
        rows: Vec<SearchInfo>,
    },
    /// OQSmuquc02req.
    BulkDownload { reception: String },
    /// YZKsiquc01req / TKKsiquc01req.
    MedicalInfo(MedicalInfoQuery),
    /// OQSsiimm01req (one row) / OQSmuimm01req.
    RefNo { rows: Vec<RefNoRow> },
}

/// A request file read and checked.
#[derive(Clone, PartialEq)]
pub struct ParsedRequest {
    pub kind: Kind,
    /// The encoding the file was written in.
    pub encoding: Encoding,
    pub institution: InstitutionCode,
    /// 任意のファイル識別子, echoed in the answer.
    pub file_id: Option<String>,
    pub request: LinkRequest,
}

impl ParsedRequest {
    /// [`LinkError::OtherInstitution`] unless the request is for `ours`.
    pub fn check_institution(&self, ours: &InstitutionCode) -> Result<(), LinkError> {
        if &self.institution == ours {
            Ok(())
        } else {
            Err(LinkError::OtherInstitution)
        }
    }
}

crate::ids::debug_showing!(ParsedRequest {
    kind,
    encoding,
    institution
});
crate::ids::debug_showing!(MedicalInfoQuery {
    kind,
    months,
    treatment
});
crate::ids::debug_showing!(RefNoRow {});

impl std::fmt::Debug for LinkRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LinkRequest::Individual { .. } => f.write_str("Individual(..)"),
            LinkRequest::BulkUpload { rows, .. } => write!(f, "BulkUpload({} rows)", rows.len()),
            LinkRequest::BulkDownload { .. } => f.write_str("BulkDownload(..)"),
            LinkRequest::MedicalInfo(q) => write!(f, "MedicalInfo({q:?})"),
            LinkRequest::RefNo { rows } => write!(f, "RefNo({} rows)", rows.len()),
        }
    }
}

fn read<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Result<T, LinkError> {
    xml::from_xml(bytes).map_err(|e| match e {
        XmlError::UnknownEncoding(_) => LinkError::Encoding,
        XmlError::Malformed(m) if m.starts_with("declared") => LinkError::Encoding,
        _ => LinkError::Malformed,
    })
}

fn id<T>(
    v: Option<&str>,
    element: &'static str,
    row: Option<usize>,
    parse: impl FnOnce(&str) -> Result<T, IdError>,
) -> Result<T, LinkError> {
    let v = v.ok_or(LinkError::Missing { element, row })?;
    parse(v).map_err(|e| LinkError::Invalid {
        element,
        row,
        reason: Some(e.reason),
    })
}

fn opt_id<T>(
    v: Option<&str>,
    element: &'static str,
    row: Option<usize>,
    parse: impl FnOnce(&str) -> Result<T, IdError>,
) -> Result<Option<T>, LinkError> {
    v.map(|v| id(Some(v), element, row, parse)).transpose()
}

fn date(v: &Option<String>, element: &'static str) -> Result<Option<time::Date>, LinkError> {
    text(v)
        .map(|s| {
            crate::ids::parse_yyyymmdd(s).ok_or(LinkError::Invalid {
                element,
                row: None,
                reason: Some(Reason::NotADate),
            })
        })
        .transpose()
}

fn search(s: &SearchInfoRaw, row: Option<usize>) -> Result<SearchInfo, LinkError> {
    let limit = match text(&s.limit_consent) {
        None | Some("0") => LimitConsent::NotAgreed,
        Some("1") => LimitConsent::Agreed,
        Some(_) => {
            return Err(LinkError::Invalid {
                element: "LimitApplicationCertificateRelatedConsFlg",
                row,
                reason: None,
            });
        }
    };
    Ok(SearchInfo {
        insurer_number: id(text(&s.insurer_number), "InsurerNumber", row, str::parse)?,
        insured_card_symbol: opt_id(
            text(&s.insured_card_symbol),
            "InsuredCardSymbol",
            row,
            str::parse,
        )?,
        insured_identification_number: id(
            text(&s.insured_identification_number),
            "InsuredIdentificationNumber",
            row,
            str::parse,
        )?,
        insured_branch_number: opt_id(
            text(&s.insured_branch_number),
            "InsuredBranchNumber",
            row,
            str::parse,
        )?,
        birthdate: id(text(&s.birthdate), "Birthdate", row, str::parse)?,
        limit_consent: limit,
        arbitrary_identifier: text(&s.arbitrary_identifier).map(str::to_string),
    })
}

fn institution(code: &str) -> Result<InstitutionCode, LinkError> {
    id(
        Some(code).filter(|c| !c.trim().is_empty()),
        "MedicalInstitutionCode",
        None,
        str::parse,
    )
}

fn rows_in(n: usize, max: usize) -> Result<(), LinkError> {
    if n == 0 || n > max {
        return Err(LinkError::Rows { max, got: n });
    }
    Ok(())
}

fn month(v: &Option<String>, element: &'static str) -> Result<Option<String>, LinkError> {
    text(v)
        .map(|s| {
            let ok = s.len() == 6
                && s.bytes().all(|b| b.is_ascii_digit())
                && matches!(s[4..].parse::<u8>(), Ok(1..=12));
            if ok {
                Ok(s.to_string())
            } else {
                Err(LinkError::Invalid {
                    element,
                    row: None,
                    reason: Some(Reason::NotADate),
                })
            }
        })
        .transpose()
}

fn medical(
    req: xml::MedicalInfoRequest,
    kind: MedicalInfoKind,
) -> Result<MedicalInfoQuery, LinkError> {
    let h = &req.header;
    let b = &req.body;
    let with_treatments = match (kind, text(&b.file_category)) {
        (_, None | Some("2")) => false,
        (MedicalInfoKind::Drug, Some("4")) => true,
        (_, Some("1" | "3")) => {
            return Err(LinkError::Unsupported {
                element: "FileCategory",
            });
        }
        _ => {
            return Err(LinkError::Invalid {
                element: "FileCategory",
                row: None,
                reason: None,
            });
        }
    };
    let treatment = match &b.medical_treatment_flag {
        None => MedicalTreatmentFlag::Outpatient,
        Some(MedicalTreatmentFlag::Unknown(c)) if c.trim().is_empty() => {
            MedicalTreatmentFlag::Outpatient
        }
        Some(MedicalTreatmentFlag::Unknown(_)) => {
            return Err(LinkError::Invalid {
                element: "MedicalTreatmentFlag",
                row: None,
                reason: None,
            });
        }
        Some(f) => f.clone(),
    };
    let months = match kind {
        MedicalInfoKind::Checkup => None,
        MedicalInfoKind::Drug => {
            match (
                month(&b.start_date, "StartDate")?,
                month(&b.end_date, "EndDate")?,
            ) {
                (None, None) => None,
                (Some(f), Some(t)) if f <= t => Some((f, t)),
                (Some(_), Some(_)) => {
                    return Err(LinkError::Invalid {
                        element: "EndDate",
                        row: None,
                        reason: Some(Reason::OutOfRange),
                    });
                }
                (None, Some(_)) => {
                    return Err(LinkError::Missing {
                        element: "StartDate",
                        row: None,
                    });
                }
                (Some(_), None) => {
                    return Err(LinkError::Missing {
                        element: "EndDate",
                        row: None,
                    });
                }
            }
        }
    };
    Ok(MedicalInfoQuery {
        kind,
        insurer: id(text(&h.insurer_number), "InsurerNumber", None, str::parse)?,
        symbol: opt_id(
            text(&h.insurance_card_symbol),
            "InsuranceCardSymbol",
            None,
            str::parse,
        )?,
        number: id(
            text(&h.insured_person_identification_number),
            "InsuredPersonIdentificationNumber",
            None,
            str::parse,
        )?,
        branch: opt_id(text(&h.branch_number), "BranchNumber", None, str::parse)?,
        birth: opt_id(text(&h.birthdate), "Birthdate", None, str::parse)?,
        months,
        with_treatments,
        treatment,
    })
}

fn refno_row(r: &xml::RefNoInfo, row: Option<usize>) -> Result<RefNoRow, LinkError> {
    let reference_number = text(&r.reference_number)
        .ok_or(LinkError::Missing {
            element: "ReferenceNumber",
            row,
        })?
        .parse()
        .map_err(|reason| LinkError::Invalid {
            element: "ReferenceNumber",
            row,
            reason: Some(reason),
        })?;
    Ok(RefNoRow {
        reference_number,
        // The insurer number comes space-padded to 8 characters: `text` trims it.
        insurer: id(text(&r.insurer_number), "InsurerNumber", row, str::parse)?,
        symbol: opt_id(
            text(&r.insured_card_symbol),
            "InsuredCardSymbol",
            row,
            str::parse,
        )?,
        number: id(
            text(&r.insured_identification_number),
            "InsuredIdentificationNumber",
            row,
            str::parse,
        )?,
        branch: opt_id(
            text(&r.insured_branch_number),
            "InsuredBranchNumber",
            row,
            str::parse,
        )?,
        birth: opt_id(text(&r.birthdate), "Birthdate", row, str::parse)?,
    })
}

/// Reads the request `bytes` of the file `name` (a `req` name). Rows are numbered from 1 in
/// errors.
pub fn parse_request(name: &LinkFileName, bytes: &[u8]) -> Result<ParsedRequest, LinkError> {
    let kind = match (&name.prefix, name.request) {
        (Prefix::Known(k), true) => *k,
        _ => return Err(LinkError::UnknownKind),
    };
    if bytes.len() > REQUEST_MAX_BYTES {
        return Err(LinkError::TooLarge {
            max: REQUEST_MAX_BYTES,
        });
    }
    let encoding = xml::detect_encoding(bytes).map_err(|_| LinkError::Encoding)?;
    let row = |i: usize| Some(i + 1);
    let (header, request) = match kind {
        Kind::Individual => {
            let m: xml::IndividualRequestRaw = read(bytes)?;
            let s = m.body.search.as_ref().ok_or(LinkError::Missing {
                element: "QualificationConfirmSearchInfo",
                row: None,
            })?;
            let req = LinkRequest::Individual {
                date: date(
                    &m.header.qualification_confirmation_date,
                    "QualificationConfirmationDate",
                )?,
                search: search(s, None)?,
            };
            (m.header, req)
        }
        Kind::BulkUpload => {
            let m: xml::BulkUploadRequestRaw = read(bytes)?;
            rows_in(m.body.items.len(), BULK_MAX)?;
            let rows = m
                .body
                .items
                .iter()
                .enumerate()
                .map(|(i, s)| search(s, row(i)))
                .collect::<Result<_, _>>()?;
            let req = LinkRequest::BulkUpload {
                date: date(
                    &m.header.qualification_confirmation_date,
                    "QualificationConfirmationDate",
                )?,
                rows,
            };
            (m.header, req)
        }
        Kind::BulkDownload => {
            let m: xml::BulkDownloadRequest = read(bytes)?;
            let rec = m.body.reception_number.trim();
            if rec.is_empty() {
                return Err(LinkError::Missing {
                    element: "ReceptionNumber",
                    row: None,
                });
            }
            if rec.len() > 64 || !rec.bytes().all(|b| b.is_ascii_alphanumeric()) {
                return Err(LinkError::Invalid {
                    element: "ReceptionNumber",
                    row: None,
                    reason: None,
                });
            }
            let req = LinkRequest::BulkDownload {
                reception: rec.to_string(),
            };
            (m.header, req)
        }
        Kind::Drug | Kind::Checkup => {
            let m: xml::MedicalInfoRequest = read(bytes)?;
            let header = xml::RequestHeader {
                qualification_confirmation_date: None,
                medical_institution_code: m.header.medical_institution_code.clone(),
                arbitrary_file_identifier: m.header.arbitrary_file_identifier.clone(),
            };
            let k = if kind == Kind::Drug {
                MedicalInfoKind::Drug
            } else {
                MedicalInfoKind::Checkup
            };
            (header, LinkRequest::MedicalInfo(medical(m, k)?))
        }
        Kind::RefNoSingle | Kind::RefNoBulk => {
            let m: xml::RefNoRequest = read(bytes)?;
            let single = kind == Kind::RefNoSingle;
            if single {
                rows_in(m.body.items.len(), 1)?;
            } else {
                rows_in(m.body.items.len(), REFNO_BULK_MAX)?;
            }
            let rows = m
                .body
                .items
                .iter()
                .enumerate()
                .map(|(i, r)| refno_row(r, if single { None } else { row(i) }))
                .collect::<Result<_, _>>()?;
            (m.header, LinkRequest::RefNo { rows })
        }
    };
    Ok(ParsedRequest {
        kind,
        encoding,
        institution: institution(&header.medical_institution_code)?,
        file_id: text(&header.arbitrary_file_identifier).map(str::to_string),
        request,
    })
}
