//! What the desk writes for the clinic's system: answers in `res/` and result files in `face/`,
//! in the encoding the clinic's settings name, with `CharacterCodeIdentifier` saying which.
//! A face file holds at most one `ResultOfQualificationConfirmation` (exactly one whenever the
//! centre found a qualification), as real ones do: consumers such as myclinic-ts read one
//! result per face file.

use super::request::LinkError;
use crate::codes::{ProcessingResultStatus, ReferenceClassification, SegmentOfResult};
use crate::xml::{
    self, DeskCounter, EmptyBody, Encoding, MedicalInfoResponseHeader, QualificationResponse,
    QualificationResultBody, ResponseHeader, ResultList, ResultOfQualificationConfirmation,
    XmlError, XmlMsg,
};

/// A message whose header can say which encoding it is written in.
pub trait Answer: serde::Serialize {
    /// Sets `CharacterCodeIdentifier` (a no-op for layouts that have none).
    fn set_encoding(&mut self, enc: Encoding);
}

impl<B: serde::Serialize> Answer for XmlMsg<ResponseHeader, B> {
    fn set_encoding(&mut self, enc: Encoding) {
        self.header.character_code_identifier = Some(enc.code());
    }
}

/// The YZK / TKK layouts have no `CharacterCodeIdentifier`: the XML declaration says it.
impl<B: serde::Serialize> Answer for XmlMsg<MedicalInfoResponseHeader, B> {
    fn set_encoding(&mut self, _: Encoding) {}
}

/// Writes an answer (any `res` layout) in `enc`, its header saying so.
pub fn encode_answer<M: Answer>(mut msg: M, enc: Encoding) -> Result<Vec<u8>, XmlError> {
    msg.set_encoding(enc);
    xml::to_xml(&msg, enc)
}

/// What an error answer echoes of the request, when it could be read that far.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Echo {
    pub institution: Option<String>,
    pub file_id: Option<String>,
}

/// The error answer of the qualification layouts (PROPOSED, see `crate::link`): the centre's
/// header-level refusal with the link's code and the desk's `message`, an empty body. `now`
/// is yyyyMMddHHmmss.
pub fn error_answer(
    err: &LinkError,
    message: &str,
    echo: &Echo,
    now: &str,
    enc: Encoding,
) -> Result<Vec<u8>, XmlError> {
    refusal_answer(err.code(), message, echo, now, enc)
}

/// [`error_answer`] with any code: the centre's own, when it refused the request as a whole.
pub fn refusal_answer(
    code: &str,
    message: &str,
    echo: &Echo,
    now: &str,
    enc: Encoding,
) -> Result<Vec<u8>, XmlError> {
    let msg = XmlMsg {
        header: ResponseHeader {
            process_execution_time: Some(now.to_string()),
            medical_institution_code: echo.institution.clone(),
            arbitrary_file_identifier: echo.file_id.clone(),
            segment_of_result: Some(SegmentOfResult::Abnormal),
            error_code: Some(code.to_string()),
            error_message: Some(message.to_string()),
            ..Default::default()
        },
        body: EmptyBody {},
    };
    encode_answer(msg, enc)
}

/// The error answer of a YZK / TKK request: that layout's `ResultCode` 2 and
/// `MessageContents` "<code> <message>" (the layout has no separate code element).
pub fn medical_error_answer(
    err: &LinkError,
    message: &str,
    echo: &Echo,
    now: &str,
    enc: Encoding,
) -> Result<Vec<u8>, XmlError> {
    medical_refusal_answer(err.code(), message, echo, now, enc)
}

/// [`medical_error_answer`] with any code.
pub fn medical_refusal_answer(
    code: &str,
    message: &str,
    echo: &Echo,
    now: &str,
    enc: Encoding,
) -> Result<Vec<u8>, XmlError> {
    let msg = XmlMsg {
        header: MedicalInfoResponseHeader {
            process_execution_time: Some(now.to_string()),
            medical_institution_code: echo.institution.clone(),
            result_code: Some("2".into()),
            message_contents: Some(format!("{code} {message}")),
            ..Default::default()
        },
        body: EmptyBody {},
    };
    encode_answer(msg, enc)
}

/// One face file: the result of a card visit, with at most one qualification.
#[derive(Debug, Clone, PartialEq)]
pub struct FaceFile {
    header: ResponseHeader,
    body: QualificationResultBody,
}

impl FaceFile {
    /// The face files of a card visit's result: one per qualification the centre returned
    /// (one file with none for an エラー), each with `ReferenceClassification` 1 and, when
    /// given, the counter it came from.
    pub fn from_result(resp: QualificationResponse, counter: Option<DeskCounter>) -> Vec<FaceFile> {
        let mut header = resp.header;
        header.reference_classification = Some(ReferenceClassification::Card);
        header.desk_counter = counter;
        let mut body = resp.body;
        let items = body.result_list.take().map(|l| l.items).unwrap_or_default();
        if items.is_empty() {
            return vec![FaceFile { header, body }];
        }
        items
            .into_iter()
            .map(|r| FaceFile {
                header: header.clone(),
                body: QualificationResultBody {
                    result_list: Some(ResultList { items: vec![r] }),
                    ..body.clone()
                },
            })
            .collect()
    }

    /// The face file of a card visit the centre refused as a whole (its header-level
    /// `ErrorCode`, e.g. an expired or revoked card certificate): `SegmentOfResult` 9 with the
    /// centre's code and message, and `ProcessingResultStatus` 2 in the body (PROPOSED, see
    /// `crate::link`). Times are yyyyMMddHHmmss / yyyyMMdd.
    pub fn refusal(
        institution: &str,
        confirmation_date: &str,
        now: &str,
        code: &str,
        message: &str,
        counter: Option<DeskCounter>,
    ) -> FaceFile {
        FaceFile {
            header: ResponseHeader {
                process_execution_time: Some(now.to_string()),
                qualification_confirmation_date: Some(confirmation_date.to_string()),
                medical_institution_code: Some(institution.to_string()),
                reference_classification: Some(ReferenceClassification::Card),
                segment_of_result: Some(SegmentOfResult::Abnormal),
                error_code: Some(code.to_string()),
                error_message: Some(message.to_string()),
                desk_counter: counter,
                ..Default::default()
            },
            body: QualificationResultBody {
                processing_result_status: Some(ProcessingResultStatus::Error),
                ..Default::default()
            },
        }
    }

    /// The one qualification of this file, if the centre found one.
    pub fn result(&self) -> Option<&ResultOfQualificationConfirmation> {
        self.body.result_list.as_ref().and_then(|l| l.items.first())
    }

    pub fn header(&self) -> &ResponseHeader {
        &self.header
    }

    pub fn body(&self) -> &QualificationResultBody {
        &self.body
    }

    /// The file's bytes in `enc`, `CharacterCodeIdentifier` set to match.
    pub fn to_bytes(&self, enc: Encoding) -> Result<Vec<u8>, XmlError> {
        encode_answer(
            XmlMsg {
                header: self.header.clone(),
                body: self.body.clone(),
            },
            enc,
        )
    }

    /// Reads a face file back (as a clinic's system would).
    pub fn read(bytes: &[u8]) -> Result<FaceFile, XmlError> {
        let m: QualificationResponse = xml::from_xml(bytes)?;
        let n = m.body.result_list.as_ref().map_or(0, |l| l.items.len());
        if n > 1 {
            return Err(XmlError::Malformed(format!(
                "a face file holds at most one ResultOfQualificationConfirmation, this one {n}"
            )));
        }
        Ok(FaceFile {
            header: m.header,
            body: m.body,
        })
    }
}
