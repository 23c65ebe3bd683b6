//! The clinic link's files in types: the names of the files a clinic's own system (レセコン /
//! 電子カルテ) drops into `req/` and finds in `res/` and `face/` ([`name`]), the requests read
//! into checked values ([`request`]), and the answers and face files written in UTF-8 or
//! Shift_JIS with `CharacterCodeIdentifier` set to match ([`answer`]). It holds no folder, clock
//! or words: the desk watches the folders, picks the encoding from its settings and chooses the
//! message text of an error answer; this module gives it names, typed requests, error codes and
//! bytes. Layouts follow `research/clinic-link-and-2026.md` §2 and
//! `research/eligibility-interface.md` §1.
//!
//! # PROPOSED choices of the link (the one list; the README points here)
//!
//! Where the real 資格確認端末's layout is not public, the link chooses, and says so here:
//!
//! 1. **Counter and reader in face files.** A face file names the counter and the reader that
//!    produced it in `MessageHeader/OnshiDeskCounter/{CounterId, ReaderName}`, the header's last
//!    element. Readers that do not know it skip it (they look elements up by name; myclinic-ts's
//!    parser checks only the elements it knows). Left out when the desk has no counter set.
//! 2. **The 20 characters of a face file name** after the 医療機関コード are 20 lowercase hex
//!    digits (10 random bytes): unique per file, nothing personal. The real example has 20
//!    characters of the same alphabet; their meaning is not public.
//! 3. **Error answers.** A request the desk cannot answer (malformed, unknown kind, a value the
//!    centre would refuse anyway, another institution's code, a name already answered) gets
//!    the header-level refusal layout the centre itself uses: `SegmentOfResult` 9, `ErrorCode`,
//!    `ErrorMessage`, an empty `MessageBody`; YZK / TKK requests get their own layout's
//!    `ResultCode` 2 and `MessageContents`. The codes are the link's own, `LNK-Ennnn`
//!    ([`request::LinkError::code`]); the real terminal's codes (別紙6-1) are not public.
//! 4. **照会番号 registration body.** `ReferenceNumberRegistrationInfo/{ReferenceNumber,
//!    InsurerNumber, InsuredCardSymbol, InsuredIdentificationNumber, InsuredBranchNumber}` as in
//!    the research notes, plus an optional `Birthdate` (needed only when several family members
//!    share the numbers and no 枝番 is given). `ReferenceNumber`: 1 to 50 characters, no control
//!    characters. A later registration for the same person at the same institution replaces
//!    the earlier number.
//! 5. **照会番号 registration answer.** `MessageBody/{ProcessingResultStatus,
//!    ReferenceNumberRegistrationResult*/{ReferenceNumber, ProcessingResultStatus,
//!    ProcessingResultCode, ProcessingResultMessage}}`, one unit per row in request order; the
//!    body status is 1 when every row was registered. Bulk registration (`OQSmuimm01req_`) is
//!    answered in one step by `OQSmuimm01res_` (the real terminal's two-step `02req` download
//!    is not implemented).
//! 6. **YZK / TKK requests** may carry `Birthdate` in the header (the desk's own client sends
//!    it; OQSDrug2's requests do not, and the desk answers them too). Only XML is answered:
//!    `FileCategory` 2 (and 4 for YZK); a PDF request (1, 3) is refused with `LNK-E0018`.
//! 7. **Face file of an エラー visit** (the centre answered but found no qualification to give)
//!    has no `ResultList`; every other face file has exactly one
//!    `ResultOfQualificationConfirmation`: a reply with several (複数該当) is written as several
//!    face files. A visit the centre refused as a whole (card certificate expired or revoked,
//!    bad signature) gets a face file too: the centre's `ErrorCode` / `ErrorMessage` with
//!    `SegmentOfResult` 9, and `ProcessingResultStatus` 2 in the body so that readers that
//!    require the body status (myclinic-ts) still read it.
//! 8. **Request names.** `<kind>req_<rest>.xml` where `<kind>` is three capitals, five small
//!    letters and two digits; `<rest>` is 1 to 200 bytes with no path separator, control
//!    character or `<>:"|?*`. A name of that shape whose kind the desk does not answer gets an
//!    error answer (`LNK-E0002`) under the same name with `req` → `res`; a file of any other
//!    name is not a request and gets no answer.
//!
//! The central simulator's own PROPOSED choices (card dates, which results carry
//! `InsuredPartialContributionRatio`, 限度額 and 高齢受給者 periods) are listed in
//! `simulators::centre`.

pub mod answer;
pub mod name;
pub mod request;

pub use answer::{
    Answer, Echo, FaceFile, encode_answer, error_answer, medical_error_answer,
    medical_refusal_answer, refusal_answer,
};
pub use name::{FaceFileName, Kind, LinkFileName, NameError, Prefix};
pub use request::{
    LinkError, LinkRequest, MedicalInfoKind, MedicalInfoQuery, ParsedRequest, RefNoRow,
    ReferenceNumber, parse_request,
};
