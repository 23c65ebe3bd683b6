//! The XmlMsg wire format: envelope, header and body types of every message the desk exchanges
//! with the centre, and reading / writing them in UTF-8 or Shift_JIS. Element names follow the
//! research notes (eligibility-interface.md); messages marked PROPOSED are the simulator's own,
//! since the official layout of those is not public. Optional elements are `Option`s and are
//! left out when `None`; an empty element reads as `Some("")`, so use [`text`] to read them.
//!
//! # 保険証利用登録 (PROPOSED: the one place its layout is written down)
//!
//! The real message between a reader and the centre is not public (eligibility-interface.md
//! §1.3: not public; the research names only the result: the certificate's serial becomes the
//! key of the person's qualification). Ours, `POST /oqs/registration`
//! ([`RegistrationRequest`] → [`OutcomeResponse`]):
//!
//! ```xml
//! <XmlMsg><MessageHeader>…the request header…</MessageHeader><MessageBody>
//!   <CardAuthenticationInfo>…a fresh signed nonce, as for a card query…</CardAuthenticationInfo>
//!   <!-- only in the fallback, when the centre could not find the person: -->
//!   <QualificationConfirmSearchInfo>…the insurance card's numbers…</QualificationConfirmSearchInfo>
//! </MessageBody></XmlMsg>
//! ```
//!
//! - **Agreement only** (no `QualificationConfirmSearchInfo`): what a reader sends when the
//!   patient taps 「登録する」. Sending it is the patient's agreement; the centre links the
//!   certificate to the person the insurers' records name for this card holder (the real
//!   system finds them through the 個人番号 the insurer registered; the desk never sends or
//!   sees one). When the records name no one, the centre answers `ProcessingResultStatus` 2
//!   with code `SIM-E0233`: the desk then asks the clerk for the card's numbers.
//! - **With the numbers** (`QualificationConfirmSearchInfo` as in an individual query): the
//!   centre links the certificate to the one valid qualification those numbers name
//!   (`SIM-E0232` when they name none).
//! - Either way a certificate already linked is refused with `SIM-E0231`, and success is
//!   `ProcessingResultStatus` 1 with no other element; the desk then queries again.

use crate::codes::*;
use crate::ids::{BirthDate, BranchNumber, CardNumber, CardSymbol, InsurerNumber};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

/// The root element `XmlMsg`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct XmlMsg<H, B> {
    #[serde(rename = "MessageHeader")]
    pub header: H,
    #[serde(rename = "MessageBody")]
    pub body: B,
}

/// Character encoding of a message file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    ShiftJis,
}

impl Encoding {
    /// The `CharacterCodeIdentifier` value (OQSCD005) for this encoding.
    pub fn code(self) -> CharacterCode {
        match self {
            Encoding::Utf8 => CharacterCode::Utf8,
            Encoding::ShiftJis => CharacterCode::ShiftJis,
        }
    }
}

/// A message that could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum XmlError {
    #[error("the message is not well-formed XmlMsg: {0}")]
    Malformed(String),
    #[error("the message declares an encoding we do not read: {0}")]
    UnknownEncoding(String),
    #[error("the message could not be written: {0}")]
    Write(String),
}

/// Reads an optional text element: `None` when absent or empty, trimmed otherwise.
pub fn text(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// Writes a message with its XML declaration. Shift_JIS output writes characters outside
/// Windows-31J as numeric character references, which every XML reader understands.
pub fn to_xml<T: Serialize>(msg: &T, enc: Encoding) -> Result<Vec<u8>, XmlError> {
    let body = quick_xml::se::to_string_with_root("XmlMsg", msg)
        .map_err(|e| XmlError::Write(e.to_string()))?;
    Ok(match enc {
        Encoding::Utf8 => {
            format!("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n{body}")
                .into_bytes()
        }
        Encoding::ShiftJis => {
            let s =
                format!("<?xml version=\"1.0\" encoding=\"Shift_JIS\" standalone=\"no\"?>\n{body}");
            encoding_rs::SHIFT_JIS.encode(&s).0.into_owned()
        }
    })
}

/// Which encoding the bytes declare (BOM or XML declaration); UTF-8 when nothing is declared.
/// Works on bytes, never on a decoded copy: the declaration comes from the centre and may be
/// cut off or hold any byte, which is an error here, never a panic.
pub fn detect_encoding(bytes: &[u8]) -> Result<Encoding, XmlError> {
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        return Ok(Encoding::Utf8);
    }
    let Some(decl) = bytes.strip_prefix(b"<?xml") else {
        return Ok(Encoding::Utf8);
    };
    let decl = &decl[..decl.iter().position(|&b| b == b'>').unwrap_or(decl.len())];
    let Some(at) = decl
        .windows(8)
        .position(|w| w.eq_ignore_ascii_case(b"encoding"))
    else {
        return Ok(Encoding::Utf8);
    };
    // `encoding` S? `=` S? quote name quote (XML 1.0 §4.3.3)
    let rest = decl[at + 8..].trim_ascii_start();
    let cut = || XmlError::Malformed("the XML declaration's encoding is cut off".into());
    let rest = rest.strip_prefix(b"=").ok_or_else(cut)?.trim_ascii_start();
    let (&quote, rest) = rest.split_first().ok_or_else(cut)?;
    if quote != b'"' && quote != b'\'' {
        return Err(cut());
    }
    let name = &rest[..rest.iter().position(|&b| b == quote).ok_or_else(cut)?];
    match name.to_ascii_lowercase().as_slice() {
        b"utf-8" | b"utf8" => Ok(Encoding::Utf8),
        b"shift_jis" | b"shift-jis" | b"sjis" | b"windows-31j" | b"cp932" | b"ms932" => {
            Ok(Encoding::ShiftJis)
        }
        // Only a short, printable part of a name we do not know goes into the message.
        other => Err(XmlError::UnknownEncoding(
            String::from_utf8_lossy(other)
                .chars()
                .filter(|c| !c.is_control())
                .take(32)
                .collect(),
        )),
    }
}

/// Reads a message in UTF-8 or Shift_JIS (as its declaration says). For what comes back from
/// the centre use [`from_reply`], which also bounds the text.
pub fn from_xml<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, XmlError> {
    quick_xml::de::from_str(&decode(bytes)?).map_err(|e| XmlError::Malformed(describe(&e)))
}

/// Most characters of one text of a centre reply that reach the desk (its screens, history,
/// exports and logs). No real field comes near it (the longest are names and messages); a
/// text this long or longer is cut to this many characters, the last being `…`, so the clerk
/// sees it was cut. [`from_reply`] is the one place that applies it to replies.
pub const CENTRE_TEXT_MAX: usize = 256;

/// Reads a reply of the centre: as [`from_xml`], but every element's text is first cut to
/// [`CENTRE_TEXT_MAX`] characters (see [`clip_centre_text`]).
pub fn from_reply<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, XmlError> {
    let bounded = bound_text(&decode(bytes)?)?;
    quick_xml::de::from_str(&bounded).map_err(|e| XmlError::Malformed(describe(&e)))
}

/// A text the centre sent outside XML (e.g. the body of an HTTP error), cut like the text of
/// a reply: at most [`CENTRE_TEXT_MAX`] characters, ending in `…` when cut; control
/// characters other than line breaks and tabs become spaces.
pub fn clip_centre_text(s: &str) -> String {
    let clean = |c: char| {
        if c.is_control() && c != '\n' && c != '\t' {
            ' '
        } else {
            c
        }
    };
    if s.chars().count() < CENTRE_TEXT_MAX {
        return s.chars().map(clean).collect();
    }
    let mut out: String = s.chars().take(CENTRE_TEXT_MAX - 1).map(clean).collect();
    out.push('…');
    out
}

/// The message as text, from the encoding its BOM or declaration names.
fn decode(bytes: &[u8]) -> Result<String, XmlError> {
    Ok(match detect_encoding(bytes)? {
        Encoding::Utf8 => {
            let b = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
            std::str::from_utf8(b)
                .map_err(|_| XmlError::Malformed("declared UTF-8 but is not".into()))?
                .to_string()
        }
        Encoding::ShiftJis => {
            let (s, _, bad) = encoding_rs::SHIFT_JIS.decode(bytes);
            if bad {
                return Err(XmlError::Malformed("declared Shift_JIS but is not".into()));
            }
            s.into_owned()
        }
    })
}

/// Rewrites `doc` with each element's text (plain text, entity references and CDATA, counted
/// as the characters they stand for) cut to [`CENTRE_TEXT_MAX`] characters. Works on the
/// event stream, so a cut never splits a character or an entity reference.
fn bound_text(doc: &str) -> Result<String, XmlError> {
    use quick_xml::events::{BytesCData, BytesText, Event};
    let bad = |_| XmlError::Malformed("not well-formed XML".into());
    let mut reader = quick_xml::Reader::from_str(doc);
    let mut writer = quick_xml::Writer::new(Vec::with_capacity(doc.len()));
    // Characters of the current element's text written so far; `None` once it was cut.
    let mut used = Some(0usize);
    let keep = CENTRE_TEXT_MAX - 1;
    loop {
        let event = reader.read_event().map_err(bad)?;
        let out = match event {
            Event::Eof => break,
            Event::Start(_) | Event::End(_) | Event::Empty(_) => {
                used = Some(0);
                Some(event)
            }
            Event::Text(t) => {
                let raw = t
                    .decode()
                    .map_err(|_| XmlError::Malformed("bad text".into()))?;
                take(&mut used, &raw, keep)
                    .map(|s| Event::Text(BytesText::from_escaped(s.to_string())))
            }
            Event::CData(c) => {
                let raw = c
                    .decode()
                    .map_err(|_| XmlError::Malformed("bad CDATA".into()))?;
                take(&mut used, &raw, keep).map(|s| Event::CData(BytesCData::new(s.to_string())))
            }
            // A reference stands for one character: written whole or not at all.
            Event::GeneralRef(_) => take(&mut used, "&", keep)
                .filter(|s| !s.is_empty())
                .map(|_| event),
            other => Some(other),
        };
        if let Some(e) = out {
            writer
                .write_event(e)
                .map_err(|_| XmlError::Malformed("cannot rewrite".into()))?;
        }
        // The cut is marked once, right where it happened.
        if used == Some(usize::MAX) {
            writer
                .write_event(Event::Text(BytesText::new("…")))
                .map_err(|_| XmlError::Malformed("cannot rewrite".into()))?;
            used = None;
        }
    }
    String::from_utf8(writer.into_inner()).map_err(|_| XmlError::Malformed("not UTF-8".into()))
}

/// The part of `text` that still fits in the element's budget. Sets `used` to `usize::MAX`
/// when this piece had to be cut (the caller then writes the mark), `None` after that.
fn take<'t>(used: &mut Option<usize>, text: &'t str, keep: usize) -> Option<&'t str> {
    let n = (*used)?;
    let len = text.chars().count();
    if n + len <= keep {
        *used = Some(n + len);
        return Some(text);
    }
    let fits = keep - n;
    let end = text.char_indices().nth(fits).map_or(text.len(), |(i, _)| i);
    *used = Some(usize::MAX);
    Some(&text[..end])
}

/// What is wrong with a message, naming elements only: the parser's own text quotes the
/// offending values, which may be a patient's name or numbers (DESIGN.md privacy rules).
fn describe(e: &quick_xml::DeError) -> String {
    use quick_xml::DeError as D;
    match e {
        D::Custom(m) => {
            for kind in ["missing field", "duplicate field", "unknown field"] {
                if let Some(rest) = m.strip_prefix(kind).and_then(|r| r.strip_prefix(" `"))
                    && let Some(name) = rest.split('`').next()
                {
                    return format!("{kind} <{name}>");
                }
            }
            "an element holds a value of the wrong form".into()
        }
        D::UnexpectedStart(name) => {
            format!(
                "unexpected element <{}>",
                String::from_utf8_lossy(name)
                    .chars()
                    .take(64)
                    .collect::<String>()
            )
        }
        D::UnexpectedEof => "the message ends before its last element closes".into(),
        _ => "not well-formed XML".into(),
    }
}

/// Individual query by insurance-card numbers (OQSsiquc01req).
pub type IndividualRequest = XmlMsg<RequestHeader, IndividualRequestBody>;
/// The same request as the centre reads it.
pub type IndividualRequestRaw = XmlMsg<RequestHeader, IndividualRequestBodyRaw>;
/// Result of an individual or card query (OQSsiquc01res).
pub type QualificationResponse = XmlMsg<ResponseHeader, QualificationResultBody>;
/// PROPOSED: card-based query.
pub type CardQueryRequest = XmlMsg<RequestHeader, CardQueryBody>;
/// PROPOSED: nonce request (empty body) and reply.
pub type NonceRequest = XmlMsg<RequestHeader, EmptyBody>;
pub type NonceResponse = XmlMsg<ResponseHeader, NonceBody>;
/// 一括照会 upload (OQSmuquc01req) and its receipt (OQSmuquc01res).
pub type BulkUploadRequest = XmlMsg<RequestHeader, BulkUploadBody>;
pub type BulkUploadRequestRaw = XmlMsg<RequestHeader, BulkUploadBodyRaw>;
pub type BulkReceipt = XmlMsg<ResponseHeader, BulkReceiptBody>;
/// 一括照会 download request (OQSmuquc02req) and result (OQSmuquc02res).
pub type BulkDownloadRequest = XmlMsg<RequestHeader, BulkDownloadBody>;
pub type BulkResult = XmlMsg<ResponseHeader, BulkResultBody>;
/// 薬剤情報 (YZK) and 特定健診 (TKK) requests and results.
pub type MedicalInfoRequest = XmlMsg<MedicalInfoRequestHeader, MedicalInfoRequestBody>;
pub type DrugResult = XmlMsg<MedicalInfoResponseHeader, DrugResultBody>;
pub type CheckupResult = XmlMsg<MedicalInfoResponseHeader, CheckupResultBody>;
/// PROPOSED: 保険証利用登録.
pub type RegistrationRequest = XmlMsg<RequestHeader, RegistrationBody>;
pub type OutcomeResponse = XmlMsg<ResponseHeader, OutcomeBody>;
/// 照会番号 registration, single (OQSsiimm01req) and bulk (OQSmuimm01req); PROPOSED body
/// beyond the confirmed `ReferenceNumberRegistrationInfo` wrapper (see `crate::link`).
pub type RefNoRequest = XmlMsg<RequestHeader, RefNoBody>;
/// PROPOSED: the answer to a 照会番号 registration (OQSsiimm01res / OQSmuimm01res).
pub type RefNoResponse = XmlMsg<ResponseHeader, RefNoResultBody>;
/// PROPOSED: 災害時 status.
pub type DisasterStatusRequest = XmlMsg<RequestHeader, EmptyBody>;
pub type DisasterStatusResponse = XmlMsg<ResponseHeader, DisasterStatusBody>;

/// A body with nothing in it.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct EmptyBody {}

/// Header of a request (individual, card, batch, registration, disaster).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct RequestHeader {
    /// 資格確認日 YYYYMMDD.
    #[serde(
        rename = "QualificationConfirmationDate",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub qualification_confirmation_date: Option<String>,
    /// 医療機関コード (10 digits).
    #[serde(rename = "MedicalInstitutionCode")]
    pub medical_institution_code: String,
    /// 任意のファイル識別子, echoed back.
    #[serde(
        rename = "ArbitraryFileIdentifier",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub arbitrary_file_identifier: Option<String>,
}

/// Header of every reply of the centre.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ResponseHeader {
    /// 処理実行日時 YYYYMMDDHHmmss.
    #[serde(
        rename = "ProcessExecutionTime",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub process_execution_time: Option<String>,
    #[serde(
        rename = "QualificationConfirmationDate",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub qualification_confirmation_date: Option<String>,
    #[serde(
        rename = "MedicalInstitutionCode",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub medical_institution_code: Option<String>,
    #[serde(
        rename = "ArbitraryFileIdentifier",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub arbitrary_file_identifier: Option<String>,
    #[serde(
        rename = "ReferenceClassification",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub reference_classification: Option<ReferenceClassification>,
    /// 受付番号 (batch result).
    #[serde(
        rename = "ReceptionNumber",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub reception_number: Option<String>,
    /// 処理結果区分: 1 done, 2 processing, 9 failed.
    #[serde(
        rename = "SegmentOfResult",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub segment_of_result: Option<SegmentOfResult>,
    /// Set when SegmentOfResult is not 1.
    #[serde(rename = "ErrorCode", default, skip_serializing_if = "Option::is_none")]
    pub error_code: Option<String>,
    /// Show it to the clerk unchanged.
    #[serde(
        rename = "ErrorMessage",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub error_message: Option<String>,
    /// 総件数 (batch).
    #[serde(
        rename = "NumberOfProcessingResult",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub number_of_processing_result: Option<String>,
    /// 正常件数 (batch).
    #[serde(
        rename = "NumberOfNormalProcessing",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub number_of_normal_processing: Option<String>,
    /// エラー件数 (batch).
    #[serde(
        rename = "NumberOfError",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub number_of_error: Option<String>,
    /// Encoding of this reply.
    #[serde(
        rename = "CharacterCodeIdentifier",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub character_code_identifier: Option<CharacterCode>,
    /// PROPOSED (clinic link): which counter and reader produced a face file. Not in the real
    /// layout; the last element of the header, so readers that do not know it skip it (see
    /// `crate::link`). The centre never sends it.
    #[serde(
        rename = "OnshiDeskCounter",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub desk_counter: Option<DeskCounter>,
}

/// PROPOSED (clinic link): the counter and card reader a face file comes from.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct DeskCounter {
    /// The counter's identifier as set in the desk's settings (e.g. `1`, `uketsuke-2`).
    #[serde(rename = "CounterId")]
    pub counter_id: String,
    /// The PC/SC name of the reader the card was read in.
    #[serde(
        rename = "ReaderName",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub reader_name: Option<String>,
}

/// 照会条件 as the client builds it: every identifier already validated.
#[derive(Clone, PartialEq, Serialize)]
pub struct SearchInfo {
    #[serde(rename = "InsurerNumber")]
    pub insurer_number: InsurerNumber,
    #[serde(
        rename = "InsuredCardSymbol",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub insured_card_symbol: Option<CardSymbol>,
    #[serde(rename = "InsuredIdentificationNumber")]
    pub insured_identification_number: CardNumber,
    #[serde(
        rename = "InsuredBranchNumber",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub insured_branch_number: Option<BranchNumber>,
    #[serde(rename = "Birthdate")]
    pub birthdate: BirthDate,
    #[serde(rename = "LimitApplicationCertificateRelatedConsFlg")]
    pub limit_consent: LimitConsent,
    /// Per-patient tag, echoed in batch results.
    #[serde(
        rename = "ArbitraryIdentifier",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub arbitrary_identifier: Option<String>,
}

/// 照会条件 as text, as the centre receives and echoes it (validated row by row).
#[derive(Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct SearchInfoRaw {
    #[serde(
        rename = "InsurerNumber",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub insurer_number: Option<String>,
    #[serde(
        rename = "InsuredCardSymbol",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub insured_card_symbol: Option<String>,
    #[serde(
        rename = "InsuredIdentificationNumber",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub insured_identification_number: Option<String>,
    #[serde(
        rename = "InsuredBranchNumber",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub insured_branch_number: Option<String>,
    #[serde(rename = "Birthdate", default, skip_serializing_if = "Option::is_none")]
    pub birthdate: Option<String>,
    #[serde(
        rename = "LimitApplicationCertificateRelatedConsFlg",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub limit_consent: Option<String>,
    #[serde(
        rename = "ArbitraryIdentifier",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub arbitrary_identifier: Option<String>,
}

/// Body of OQSsiquc01req (照会区分 2).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndividualRequestBody {
    #[serde(rename = "QualificationConfirmSearchInfo")]
    pub search: SearchInfo,
}

/// Body of OQSsiquc01req as received.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct IndividualRequestBodyRaw {
    #[serde(
        rename = "QualificationConfirmSearchInfo",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub search: Option<SearchInfoRaw>,
}

/// Body of OQSsiquc01res (individual and card queries).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct QualificationResultBody {
    #[serde(
        rename = "ResultList",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub result_list: Option<ResultList>,
    /// 1 done, 2 error (per person).
    #[serde(
        rename = "ProcessingResultStatus",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub processing_result_status: Option<ProcessingResultStatus>,
    /// Error or notice code.
    #[serde(
        rename = "ProcessingResultCode",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub processing_result_code: Option<String>,
    /// Show it to the clerk unchanged.
    #[serde(
        rename = "ProcessingResultMessage",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub processing_result_message: Option<String>,
    #[serde(
        rename = "QualificationValidity",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub qualification_validity: Option<QualificationValidity>,
    #[serde(
        rename = "PrescriptionIssueSelect",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub prescription_issue_select: Option<PrescriptionIssue>,
    /// Echo of the query (insurance-card queries).
    #[serde(
        rename = "QualificationConfirmSearchInfo",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub search: Option<SearchInfoRaw>,
    /// 照会番号 registered by the institution.
    #[serde(
        rename = "ReferenceNumber",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub reference_number: Option<String>,
}

/// 0..n results; more than one when validity is 5 (複数該当).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ResultList {
    #[serde(
        rename = "ResultOfQualificationConfirmation",
        default,
        skip_serializing_if = "Vec::is_empty"
    )]
    pub items: Vec<ResultOfQualificationConfirmation>,
}

/// 資格確認結果 for one qualification.
#[derive(Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ResultOfQualificationConfirmation {
    #[serde(
        rename = "InsuredCardClassification",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub insured_card_classification: Option<InsuredCardClassification>,
    /// 8 characters; a 6-digit number comes with two leading spaces.
    #[serde(
        rename = "InsurerNumber",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub insurer_number: Option<String>,
    #[serde(
        rename = "InsuredCardSymbol",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub insured_card_symbol: Option<String>,
    #[serde(
        rename = "InsuredIdentificationNumber",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub insured_identification_number: Option<String>,
    #[serde(
        rename = "InsuredBranchNumber",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub insured_branch_number: Option<String>,
    #[serde(
        rename = "PersonalFamilyClassification",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub personal_family_classification: Option<PersonalFamily>,
    /// 被保険者氏名(世帯主氏名).
    #[serde(
        rename = "InsuredName",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub insured_name: Option<String>,
    /// 氏名, full-width, family and given name separated by U+3000.
    #[serde(rename = "Name", default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(
        rename = "NameOfOther",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub name_of_other: Option<String>,
    /// Half-width katakana.
    #[serde(rename = "NameKana", default, skip_serializing_if = "Option::is_none")]
    pub name_kana: Option<String>,
    #[serde(
        rename = "NameOfOtherKana",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub name_of_other_kana: Option<String>,
    #[serde(rename = "Sex1", default, skip_serializing_if = "Option::is_none")]
    pub sex1: Option<Sex>,
    #[serde(rename = "Sex2", default, skip_serializing_if = "Option::is_none")]
    pub sex2: Option<Sex>,
    #[serde(rename = "Birthdate", default, skip_serializing_if = "Option::is_none")]
    pub birthdate: Option<String>,
    #[serde(rename = "Address", default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    #[serde(
        rename = "PostNumber",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub post_number: Option<String>,
    /// 資格取得年月日.
    #[serde(
        rename = "QualificationDate",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub qualification_date: Option<String>,
    /// 資格喪失年月日.
    #[serde(
        rename = "DisqualificationDate",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub disqualification_date: Option<String>,
    #[serde(
        rename = "InsuredCertificateIssuanceDate",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub insured_certificate_issuance_date: Option<String>,
    #[serde(
        rename = "InsuredCardValidDate",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub insured_card_valid_date: Option<String>,
    #[serde(
        rename = "InsuredCardExpirationDate",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub insured_card_expiration_date: Option<String>,
    /// 3-digit percent: 030 = 3割.
    #[serde(
        rename = "InsuredPartialContributionRatio",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub insured_partial_contribution_ratio: Option<String>,
    /// 1 未就学.
    #[serde(
        rename = "PreschoolClassification",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub preschool_classification: Option<String>,
    #[serde(
        rename = "ReasonOfLoss",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub reason_of_loss: Option<ReasonOfLoss>,
    #[serde(
        rename = "InsurerName",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub insurer_name: Option<String>,
    /// 高齢受給者証情報.
    #[serde(
        rename = "ElderlyRecipientCertificateInfo",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub elderly_recipient: Option<ElderlyRecipientCertificateInfo>,
    #[serde(
        rename = "LimitApplicationCertificateRelatedConsFlg",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub limit_consent: Option<LimitConsent>,
    #[serde(
        rename = "LimitApplicationCertificateRelatedConsTime",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub limit_consent_time: Option<String>,
    /// Only with the 限度額 consent.
    #[serde(
        rename = "LimitApplicationCertificateRelatedInfo",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub limit_info: Option<LimitApplicationCertificateRelatedInfo>,
    #[serde(
        rename = "SpecificDiseasesCertificateRelatedConsFlg",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub specific_diseases_consent: Option<ConsentFlag>,
    #[serde(
        rename = "SpecificDiseasesCertificateRelatedConsTime",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub specific_diseases_consent_time: Option<String>,
    #[serde(
        rename = "SpecificDiseasesCertificateList",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub specific_diseases: Option<SpecificDiseasesCertificateList>,
    /// 医療扶助 only.
    #[serde(
        rename = "PublicExpenseResultList",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub medical_tickets: Option<PublicExpenseResultList>,
    #[serde(
        rename = "SpecificHealthCheckupsInfoConsFlg",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub checkups_consent: Option<ConsentFlag>,
    #[serde(
        rename = "SpecificHealthCheckupsInfoConsTime",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub checkups_consent_time: Option<String>,
    #[serde(
        rename = "SpecificHealthCheckupsInfoAvailableTime",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub checkups_available_time: Option<String>,
    #[serde(
        rename = "PharmacistsInfoConsFlg",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub pharmacists_consent: Option<ConsentFlag>,
    #[serde(
        rename = "PharmacistsInfoConsTime",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub pharmacists_consent_time: Option<String>,
    #[serde(
        rename = "PharmacistsInfoAvailableTime",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub pharmacists_available_time: Option<String>,
    #[serde(
        rename = "DiagnosisInfoConsFlg",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub diagnosis_consent: Option<ConsentFlag>,
    #[serde(
        rename = "DiagnosisInfoConsTime",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub diagnosis_consent_time: Option<String>,
    #[serde(
        rename = "DiagnosisInfoAvailableTime",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub diagnosis_available_time: Option<String>,
    #[serde(
        rename = "OperationInfoConsFlg",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub operation_consent: Option<ConsentFlag>,
    #[serde(
        rename = "OperationInfoConsTime",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub operation_consent_time: Option<String>,
    #[serde(
        rename = "OperationInfoAvailableTime",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub operation_available_time: Option<String>,
    #[serde(
        rename = "ReferenceNumber",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub reference_number: Option<String>,
    /// 限度額適用認定証情報変更有無 (OQSCD014): `0` 変更なし, `1` 変更あり または 判定不能.
    /// Sent in 一括照会 results.
    #[serde(
        rename = "LimitApplicationCertificateChanged",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub limit_certificate_changed: Option<String>,
    /// 医療扶助: 公費負担者番号 (法別 12).
    #[serde(
        rename = "PublicExpenseNumber",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub public_expense_number: Option<String>,
    /// 医療扶助: 受給者番号.
    #[serde(
        rename = "BeneficiaryNumber",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub beneficiary_number: Option<String>,
    /// 医療扶助: 自治体福祉事務所名.
    #[serde(
        rename = "WelfareOfficeName",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub welfare_office_name: Option<String>,
}

/// 高齢受給者証情報.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ElderlyRecipientCertificateInfo {
    #[serde(
        rename = "ElderlyRecipientCertificateDate",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub date: Option<String>,
    #[serde(
        rename = "ElderlyRecipientValidStartDate",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub valid_start_date: Option<String>,
    #[serde(
        rename = "ElderlyRecipientValidEndDate",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub valid_end_date: Option<String>,
    /// 3-digit percent.
    #[serde(
        rename = "ElderlyRecipientContributionRatio",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub contribution_ratio: Option<String>,
}

/// 限度額適用認定証関連情報.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct LimitApplicationCertificateRelatedInfo {
    #[serde(
        rename = "LimitApplicationCertificateClassification",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub classification: Option<LimitCertificateClass>,
    #[serde(
        rename = "LimitApplicationCertificateClassificationFlag",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub category: Option<LimitCategory>,
    #[serde(
        rename = "LimitApplicationCertificateDate",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub date: Option<String>,
    #[serde(
        rename = "LimitApplicationCertificateValidStartDate",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub valid_start_date: Option<String>,
    #[serde(
        rename = "LimitApplicationCertificateValidEndDate",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub valid_end_date: Option<String>,
    #[serde(
        rename = "LimitApplicationCertificateLongTermDate",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub long_term_date: Option<String>,
}

/// 特定疾病療養受療証 list.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct SpecificDiseasesCertificateList {
    #[serde(
        rename = "SpecificDiseasesCertificateInfo",
        default,
        skip_serializing_if = "Vec::is_empty"
    )]
    pub items: Vec<SpecificDiseasesCertificateInfo>,
}

/// 特定疾病療養受療証情報.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct SpecificDiseasesCertificateInfo {
    #[serde(
        rename = "SpecificDiseasesDiseaseCategory",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub category: Option<SpecificDisease>,
    #[serde(
        rename = "SpecificDiseasesCertificateDate",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub date: Option<String>,
    #[serde(
        rename = "SpecificDiseasesValidStartDate",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub valid_start_date: Option<String>,
    #[serde(
        rename = "SpecificDiseasesValidEndDate",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub valid_end_date: Option<String>,
    /// 月額自己負担限度額 (yen).
    #[serde(
        rename = "SpecificDiseasesSelfPay",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub self_pay: Option<String>,
}

/// 医療扶助 医療券・調剤券.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct PublicExpenseResultList {
    #[serde(
        rename = "MedicalTicketInfo",
        default,
        skip_serializing_if = "Vec::is_empty"
    )]
    pub items: Vec<MedicalTicketInfo>,
}

/// One 医療券 or 調剤券 (main fields only).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct MedicalTicketInfo {
    /// 01 医療券, 02 調剤券.
    #[serde(
        rename = "TicketType",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub ticket_type: Option<String>,
    #[serde(
        rename = "MedicalTicketValidDate",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub valid_date: Option<String>,
    #[serde(
        rename = "MedicalTicketExpirationDate",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub expiration_date: Option<String>,
    #[serde(
        rename = "IssueNumber",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub issue_number: Option<String>,
    #[serde(
        rename = "MedicalTreatmentMonth",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub treatment_month: Option<String>,
    #[serde(
        rename = "DesignatedMedicalInstitutionCode",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub designated_institution_code: Option<String>,
    #[serde(
        rename = "SelfPayAmount",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub self_pay_amount: Option<String>,
}

/// PROPOSED (simulator): who the card says the patient is.
#[derive(Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct CardAuthenticationInfo {
    /// Base64 DER of the 利用者証明用電子証明書.
    #[serde(rename = "UserCertificate")]
    pub user_certificate: String,
    /// The centre's nonce, base64, as received.
    #[serde(rename = "Nonce")]
    pub nonce: String,
    /// Base64 PKCS#1 v1.5 signature, see crate::card.
    #[serde(rename = "Signature")]
    pub signature: String,
    /// 1 PIN, 2 顔認証, 3 目視.
    #[serde(rename = "AuthMethod")]
    pub auth_method: AuthMethod,
}

/// PROPOSED (simulator): consents chosen on the reader in this visit.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ConsentInfo {
    #[serde(
        rename = "LimitApplicationCertificateRelatedConsFlg",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub limit: Option<LimitConsent>,
    #[serde(
        rename = "SpecificDiseasesCertificateRelatedConsFlg",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub specific_diseases: Option<ConsentFlag>,
    /// 薬剤情報.
    #[serde(
        rename = "PharmacistsInfoConsFlg",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub pharmacists: Option<ConsentFlag>,
    /// 特定健診情報.
    #[serde(
        rename = "SpecificHealthCheckupsInfoConsFlg",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub checkups: Option<ConsentFlag>,
    /// 診療情報.
    #[serde(
        rename = "DiagnosisInfoConsFlg",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub diagnosis: Option<ConsentFlag>,
    /// 手術情報.
    #[serde(
        rename = "OperationInfoConsFlg",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub operation: Option<ConsentFlag>,
    #[serde(
        rename = "PrescriptionIssueSelect",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub prescription_issue: Option<PrescriptionIssue>,
}

/// PROPOSED (simulator): body of the card-based query (照会区分 1).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct CardQueryBody {
    #[serde(rename = "CardAuthenticationInfo")]
    pub auth: CardAuthenticationInfo,
    #[serde(rename = "ConsentInfo")]
    pub consent: ConsentInfo,
}

/// PROPOSED (simulator): the centre's reply to a nonce request.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct NonceBody {
    /// base64 of 32 random bytes.
    #[serde(rename = "Nonce")]
    pub nonce: String,
    /// YYYYMMDDHHmmss; single use.
    #[serde(rename = "NonceExpiryTime")]
    pub expiry_time: String,
}

/// Body of OQSmuquc01req: up to 10,000 patients.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BulkUploadBody {
    #[serde(
        rename = "QualificationConfirmSearchInfo",
        default,
        skip_serializing_if = "Vec::is_empty"
    )]
    pub items: Vec<SearchInfo>,
}

/// Body of OQSmuquc01req as received.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct BulkUploadBodyRaw {
    #[serde(
        rename = "QualificationConfirmSearchInfo",
        default,
        skip_serializing_if = "Vec::is_empty"
    )]
    pub items: Vec<SearchInfoRaw>,
}

/// Body of OQSmuquc01res.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct BulkReceiptBody {
    /// 受付番号.
    #[serde(
        rename = "ReceptionNumber",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub reception_number: Option<String>,
    #[serde(
        rename = "ReceptionDateTime",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub reception_date_time: Option<String>,
}

/// Body of OQSmuquc02req.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct BulkDownloadBody {
    #[serde(rename = "ReceptionNumber")]
    pub reception_number: String,
}

/// Body of OQSmuquc02res.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct BulkResultBody {
    #[serde(
        rename = "BulkConfirmUnit",
        default,
        skip_serializing_if = "Vec::is_empty"
    )]
    pub units: Vec<BulkConfirmUnit>,
}

/// One patient of a batch result.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct BulkConfirmUnit {
    /// Echo, with ArbitraryIdentifier.
    #[serde(
        rename = "QualificationConfirmSearchInfo",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub search: Option<SearchInfoRaw>,
    #[serde(
        rename = "ProcessingResultStatus",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub processing_result_status: Option<ProcessingResultStatus>,
    #[serde(
        rename = "ProcessingResultCode",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub processing_result_code: Option<String>,
    #[serde(
        rename = "ProcessingResultMessage",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub processing_result_message: Option<String>,
    #[serde(
        rename = "QualificationValidity",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub qualification_validity: Option<QualificationValidity>,
    #[serde(
        rename = "ResultOfQualificationConfirmation",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub result: Option<ResultOfQualificationConfirmation>,
    #[serde(
        rename = "ReferenceNumber",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub reference_number: Option<String>,
}

/// Header of YZKsiquc01req / TKKsiquc01req (names differ from the qualification query).
#[derive(Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct MedicalInfoRequestHeader {
    #[serde(rename = "MedicalInstitutionCode")]
    pub medical_institution_code: String,
    #[serde(
        rename = "InsurerNumber",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub insurer_number: Option<String>,
    #[serde(
        rename = "InsuranceCardSymbol",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub insurance_card_symbol: Option<String>,
    #[serde(
        rename = "InsuredPersonIdentificationNumber",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub insured_person_identification_number: Option<String>,
    #[serde(
        rename = "BranchNumber",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub branch_number: Option<String>,
    /// PROPOSED: needed to tell family members apart.
    #[serde(rename = "Birthdate", default, skip_serializing_if = "Option::is_none")]
    pub birthdate: Option<String>,
    #[serde(
        rename = "ArbitraryFileIdentifier",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub arbitrary_file_identifier: Option<String>,
}

/// Body of YZK / TKK requests.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct MedicalInfoRequestBody {
    /// YZK only: 診療年月 YYYYMM.
    #[serde(rename = "StartDate", default, skip_serializing_if = "Option::is_none")]
    pub start_date: Option<String>,
    #[serde(rename = "EndDate", default, skip_serializing_if = "Option::is_none")]
    pub end_date: Option<String>,
    /// 2 = XML.
    #[serde(
        rename = "FileCategory",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub file_category: Option<String>,
    #[serde(
        rename = "PrDiInfClassification",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub pr_di_inf_classification: Option<String>,
    #[serde(
        rename = "MedicalTreatmentFlag",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub medical_treatment_flag: Option<MedicalTreatmentFlag>,
    /// PROPOSED: 1 = 災害時 look-up without a card consent.
    #[serde(
        rename = "DisasterMode",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub disaster_mode: Option<String>,
}

/// Header of YZK / TKK results.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct MedicalInfoResponseHeader {
    #[serde(
        rename = "ProcessExecutionTime",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub process_execution_time: Option<String>,
    #[serde(
        rename = "MedicalInstitutionCode",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub medical_institution_code: Option<String>,
    /// 1 = success.
    #[serde(
        rename = "ResultCode",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub result_code: Option<String>,
    /// Why it was refused; show unchanged.
    #[serde(
        rename = "MessageContents",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub message_contents: Option<String>,
    /// YZK: who.
    #[serde(rename = "QuaInf", default, skip_serializing_if = "Option::is_none")]
    pub qua_inf: Option<QuaInf>,
    /// TKK: who.
    #[serde(
        rename = "QualificationsInfo",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub qualifications_info: Option<QualificationsInfo>,
}

/// Person in a drug result header.
#[derive(Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct QuaInf {
    #[serde(rename = "Name", default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(rename = "KanaName", default, skip_serializing_if = "Option::is_none")]
    pub kana_name: Option<String>,
    #[serde(rename = "Birth", default, skip_serializing_if = "Option::is_none")]
    pub birth: Option<String>,
    #[serde(
        rename = "AdmGendCode",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub adm_gend_code: Option<String>,
}

/// Person in a checkup result header.
#[derive(Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct QualificationsInfo {
    #[serde(rename = "Name", default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(rename = "KanasName", default, skip_serializing_if = "Option::is_none")]
    pub kanas_name: Option<String>,
    #[serde(rename = "Birthday", default, skip_serializing_if = "Option::is_none")]
    pub birthday: Option<String>,
    #[serde(
        rename = "AdministrativeGenderCode",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub administrative_gender_code: Option<String>,
}

/// Body of YZKsiquc01res (レセプト由来 months only in the simulator).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct DrugResultBody {
    #[serde(
        rename = "MeTrMonthInf",
        default,
        skip_serializing_if = "Vec::is_empty"
    )]
    pub months: Vec<MeTrMonthInf>,
}

/// One month of drug information.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct MeTrMonthInf {
    /// YYYYMM.
    #[serde(rename = "MeTrMonth", default, skip_serializing_if = "Option::is_none")]
    pub month: Option<String>,
    /// 医療機関コード.
    #[serde(rename = "MeTrDiHCd", default, skip_serializing_if = "Option::is_none")]
    pub institution_code: Option<String>,
    /// 薬局コード.
    #[serde(rename = "PrlsHCd", default, skip_serializing_if = "Option::is_none")]
    pub pharmacy_code: Option<String>,
    #[serde(rename = "MeTrDiHNm", default, skip_serializing_if = "Option::is_none")]
    pub institution_name: Option<String>,
    #[serde(rename = "PrlsHNm", default, skip_serializing_if = "Option::is_none")]
    pub pharmacy_name: Option<String>,
    #[serde(
        rename = "DiDateInfs",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub dates: Option<DiDateInfs>,
    #[serde(rename = "DrugInfs", default, skip_serializing_if = "Option::is_none")]
    pub drugs: Option<DrugInfs>,
}

/// Dispensing dates.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct DiDateInfs {
    #[serde(rename = "DiDateInf", default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<DiDateInf>,
}

/// One dispensing.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct DiDateInf {
    /// 調剤日.
    #[serde(rename = "DiDate", default, skip_serializing_if = "Option::is_none")]
    pub di_date: Option<String>,
    /// 処方日.
    #[serde(rename = "PrDate", default, skip_serializing_if = "Option::is_none")]
    pub pr_date: Option<String>,
}

/// Drugs of a month.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct DrugInfs {
    #[serde(rename = "DrugInf", default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<DrugInf>,
}

/// One drug.
#[derive(Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct DrugInf {
    /// 医薬品コード.
    #[serde(rename = "DrugC", default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    #[serde(rename = "DrugN", default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(rename = "IngreN", default, skip_serializing_if = "Option::is_none")]
    pub ingredient: Option<String>,
    #[serde(rename = "Qua1", default, skip_serializing_if = "Option::is_none")]
    pub quantity: Option<String>,
    #[serde(rename = "Unit", default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    #[serde(rename = "UsageN", default, skip_serializing_if = "Option::is_none")]
    pub usage: Option<String>,
    #[serde(rename = "Times", default, skip_serializing_if = "Option::is_none")]
    pub times: Option<String>,
}

/// Body of TKKsiquc01res.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct CheckupResultBody {
    #[serde(
        rename = "SpecificHealthCheckupInfo",
        default,
        skip_serializing_if = "Vec::is_empty"
    )]
    pub checkups: Vec<SpecificHealthCheckupInfo>,
}

/// One 特定健診.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct SpecificHealthCheckupInfo {
    /// 実施日 YYYYMMDD.
    #[serde(
        rename = "EffectiveTime",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub effective_time: Option<String>,
    #[serde(
        rename = "HealthCheckupResultAndQuestionInfos",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub items: Option<HealthCheckupItems>,
}

/// Items of a checkup.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct HealthCheckupItems {
    #[serde(
        rename = "HealthCheckupResultAndQuestionInfo",
        default,
        skip_serializing_if = "Vec::is_empty"
    )]
    pub items: Vec<HealthCheckupItem>,
}

/// One result or question.
#[derive(Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct HealthCheckupItem {
    #[serde(rename = "ItemCode", default, skip_serializing_if = "Option::is_none")]
    pub item_code: Option<String>,
    #[serde(rename = "ItemName", default, skip_serializing_if = "Option::is_none")]
    pub item_name: Option<String>,
    #[serde(rename = "DataType", default, skip_serializing_if = "Option::is_none")]
    pub data_type: Option<String>,
    #[serde(rename = "DataValue", default, skip_serializing_if = "Option::is_none")]
    pub data_value: Option<String>,
    #[serde(rename = "Unit", default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
}

/// PROPOSED (simulator): 保険証利用登録: link the card's certificate to a qualification, with
/// the patient's agreement only (`search` left out) or with the insurance card's numbers
/// (the layout and its codes: the module documentation).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct RegistrationBody {
    #[serde(rename = "CardAuthenticationInfo")]
    pub auth: CardAuthenticationInfo,
    #[serde(
        rename = "QualificationConfirmSearchInfo",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub search: Option<SearchInfoRaw>,
}

/// Body of replies that only say done or not (registration, admin).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct OutcomeBody {
    #[serde(
        rename = "ProcessingResultStatus",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub processing_result_status: Option<ProcessingResultStatus>,
    #[serde(
        rename = "ProcessingResultCode",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub processing_result_code: Option<String>,
    #[serde(
        rename = "ProcessingResultMessage",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub processing_result_message: Option<String>,
}

/// Body of a 照会番号 registration: one `ReferenceNumberRegistrationInfo` (single) or many
/// (bulk).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct RefNoBody {
    #[serde(
        rename = "ReferenceNumberRegistrationInfo",
        default,
        skip_serializing_if = "Vec::is_empty"
    )]
    pub items: Vec<RefNoInfo>,
}

/// One 照会番号 to register: the clinic's number and the insurance numbers it stands for.
#[derive(Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct RefNoInfo {
    /// 照会番号 (the clinic's 診察券番号), at most 50 characters.
    #[serde(
        rename = "ReferenceNumber",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub reference_number: Option<String>,
    /// 8 characters; a 6-digit 国保 number is left-padded with spaces.
    #[serde(
        rename = "InsurerNumber",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub insurer_number: Option<String>,
    #[serde(
        rename = "InsuredCardSymbol",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub insured_card_symbol: Option<String>,
    #[serde(
        rename = "InsuredIdentificationNumber",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub insured_identification_number: Option<String>,
    #[serde(
        rename = "InsuredBranchNumber",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub insured_branch_number: Option<String>,
    /// PROPOSED, optional: tells family members without 枝番 apart.
    #[serde(rename = "Birthdate", default, skip_serializing_if = "Option::is_none")]
    pub birthdate: Option<String>,
}

/// PROPOSED: body of the answer to a 照会番号 registration: the file's status and one unit
/// per registered row, in the order of the request.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct RefNoResultBody {
    /// 1 when every row was registered, 2 otherwise.
    #[serde(
        rename = "ProcessingResultStatus",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub processing_result_status: Option<ProcessingResultStatus>,
    #[serde(
        rename = "ReferenceNumberRegistrationResult",
        default,
        skip_serializing_if = "Vec::is_empty"
    )]
    pub units: Vec<RefNoResultUnit>,
}

/// PROPOSED: the outcome of one row of a 照会番号 registration.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct RefNoResultUnit {
    #[serde(
        rename = "ReferenceNumber",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub reference_number: Option<String>,
    #[serde(
        rename = "ProcessingResultStatus",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub processing_result_status: Option<ProcessingResultStatus>,
    #[serde(
        rename = "ProcessingResultCode",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub processing_result_code: Option<String>,
    #[serde(
        rename = "ProcessingResultMessage",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub processing_result_message: Option<String>,
}

/// PROPOSED (simulator): 災害時 status for the asking institution.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct DisasterStatusBody {
    /// 1 active for this institution now, 0 not.
    #[serde(rename = "DisasterActive")]
    pub active: String,
    #[serde(rename = "AreaCode", default, skip_serializing_if = "Option::is_none")]
    pub area_code: Option<String>,
    #[serde(rename = "StartTime", default, skip_serializing_if = "Option::is_none")]
    pub start_time: Option<String>,
    #[serde(rename = "EndTime", default, skip_serializing_if = "Option::is_none")]
    pub end_time: Option<String>,
}

// Personal data stays out of Debug (DESIGN.md privacy rules); PartialEq still compares all.
crate::ids::debug_showing!(SearchInfo {
    insurer_number,
    limit_consent
});
crate::ids::debug_showing!(SearchInfoRaw {
    insurer_number,
    limit_consent
});
crate::ids::debug_showing!(ResultOfQualificationConfirmation {
    insured_card_classification,
    insurer_number,
    insurer_name,
    personal_family_classification,
    qualification_date,
    disqualification_date,
    insured_partial_contribution_ratio,
    reason_of_loss,
    elderly_recipient,
    limit_consent,
    limit_info,
    specific_diseases_consent,
    checkups_consent,
    pharmacists_consent,
    diagnosis_consent,
    operation_consent,
});
crate::ids::debug_showing!(QuaInf { adm_gend_code });
crate::ids::debug_showing!(RefNoInfo { insurer_number });
crate::ids::debug_showing!(QualificationsInfo {
    administrative_gender_code
});
crate::ids::debug_showing!(CardAuthenticationInfo { auth_method });
crate::ids::debug_showing!(MedicalInfoRequestHeader {
    medical_institution_code,
    insurer_number
});
crate::ids::debug_showing!(DrugInf {});
crate::ids::debug_showing!(HealthCheckupItem {
    item_code,
    item_name,
    data_type,
    unit
});
