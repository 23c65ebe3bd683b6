//! The HTTPS client of the centre: rustls with the institution's client certificate and the
//! centre's CA pinned (no system roots), timeouts, retries only for requests that are safe to
//! repeat (look-ups, polls and 一括照会 uploads, which carry an idempotency key; never a card
//! query or a registration), and typed
//! errors that say what the clerk can do. Endpoint paths are the simulator's (PROPOSED).

use crate::codes::*;
use crate::ids::{IdError, InstitutionCode, format_yyyymmdd};
use crate::xml::{self, Encoding, text};
use std::path::Path;
use std::time::Duration;

/// How to reach the centre.
#[derive(Clone)]
pub struct ClientConfig {
    /// e.g. `https://127.0.0.1:8443`
    pub base_url: String,
    /// The centre's CA certificate (PEM): the only trusted root.
    pub ca_pem: Vec<u8>,
    /// Client certificate and its private key (PEM). `None` only to test the refusal.
    pub identity_pem: Option<Vec<u8>>,
    /// This desk's 医療機関コード (must match the client certificate).
    pub institution: InstitutionCode,
    /// Whole-request timeout.
    pub timeout: Duration,
    pub connect_timeout: Duration,
    /// Extra attempts for safe requests.
    pub retries: u32,
    /// Encoding of the requests we send (the centre answers in the same).
    pub encoding: Encoding,
    /// Largest reply body read; a longer one is refused ([`ClientError::ReplyTooLarge`]).
    /// Default [`REPLY_MAX_BYTES`].
    pub max_reply_bytes: usize,
}

impl ClientConfig {
    /// Reads the PEM files; defaults: 10 s timeout, 3 s connect, 2 retries, UTF-8.
    pub fn from_files(
        base_url: &str,
        ca: &Path,
        cert: &Path,
        key: &Path,
        institution: InstitutionCode,
    ) -> Result<ClientConfig, ClientError> {
        let read = |p: &Path| {
            std::fs::read(p).map_err(|e| ClientError::Config {
                detail: format!("{}: {e}", p.display()),
            })
        };
        let mut identity = read(cert)?;
        identity.push(b'\n');
        identity.extend(read(key)?);
        Ok(ClientConfig {
            base_url: base_url.trim_end_matches('/').to_string(),
            ca_pem: read(ca)?,
            identity_pem: Some(identity),
            institution,
            timeout: Duration::from_secs(10),
            connect_timeout: Duration::from_secs(3),
            retries: 2,
            encoding: Encoding::Utf8,
            max_reply_bytes: REPLY_MAX_BYTES,
        })
    }
}

/// Most patients in one 一括照会 upload.
pub const BATCH_MAX: usize = 10_000;

/// Default bound on one reply of the centre (32 MiB): a 一括照会 result of [`BATCH_MAX`]
/// patients is a few MiB, so this only stops a broken or hostile peer from filling memory.
/// Bodies are read piece by piece and dropped as soon as they pass the bound.
pub const REPLY_MAX_BYTES: usize = 32 * 1024 * 1024;

/// How much of the body of an HTTP error reply is read for its message (which is then cut to
/// [`xml::CENTRE_TEXT_MAX`] characters).
const ERROR_BODY_MAX_BYTES: usize = 4096;

/// What went wrong talking to the centre.
#[derive(Debug, thiserror::Error)]
pub enum ClientError {
    #[error("invalid input: {0}")]
    InvalidInput(#[from] IdError),
    #[error("the centre cannot be reached ({detail}): check the network line and try again")]
    Unreachable { detail: String },
    #[error("the centre did not answer in time: try again")]
    TimedOut,
    #[error(
        "the secure connection was refused ({detail}): check the institution's client certificate and the centre CA"
    )]
    TlsRefused { detail: String },
    #[error("the centre refused the request: {message} ({code})")]
    Rejected { code: String, message: String },
    #[error("the centre is temporarily unavailable (HTTP {status}): try again in a moment")]
    Unavailable { status: u16 },
    #[error("the centre's reply could not be read ({detail}): try again; report it if it repeats")]
    Malformed { detail: String },
    #[error("the client is not configured correctly: {detail}")]
    Config { detail: String },
    #[error("a 一括照会 holds 1 to {max} patients ({got} given): split the list")]
    BatchSize { max: usize, got: usize },
    /// The centre has the batch but has not finished it: poll again with the same 受付番号.
    #[error(
        "the 一括照会 {reception} is still being processed: poll again later with this reception number; do not upload the list again"
    )]
    BatchPending { reception: String },
    #[error(
        "a batch key is 1 to {max} ASCII letters, digits, '-' or '_': make it with BatchKey::new"
    )]
    BadBatchKey { max: usize },
    /// The reply passed [`ClientConfig::max_reply_bytes`]; it was not read further.
    #[error(
        "the centre's reply is larger than {max} bytes and was not read: try again; report it if it repeats"
    )]
    ReplyTooLarge { max: usize },
}

impl ClientError {
    /// Worth repeating for a request that is safe to repeat.
    /// Worth trying again later (the centre could not be reached or answered garbage): a
    /// queued request stays queued.
    pub fn is_transient(&self) -> bool {
        self.transient()
    }

    fn transient(&self) -> bool {
        matches!(
            self,
            ClientError::Unreachable { .. }
                | ClientError::TimedOut
                | ClientError::Unavailable { .. }
                | ClientError::Malformed { .. }
        )
    }
}

fn classify(e: reqwest::Error) -> ClientError {
    if e.is_timeout() {
        return ClientError::TimedOut;
    }
    let mut chain = String::new();
    let mut src: Option<&dyn std::error::Error> = Some(&e);
    while let Some(s) = src {
        chain.push_str(&s.to_string());
        chain.push_str(": ");
        src = s.source();
    }
    let lower = chain.to_lowercase();
    if lower.contains("certificate") || lower.contains("alert") || lower.contains("handshake") {
        return ClientError::TlsRefused { detail: chain };
    }
    ClientError::Unreachable { detail: chain }
}

/// Reads a reply body of at most `max` bytes, chunk by chunk: a longer one is refused (or, when
/// `truncate`, its first `max` bytes are kept) without reading the rest.
async fn read_body(
    mut resp: reqwest::Response,
    max: usize,
    truncate: bool,
) -> Result<Vec<u8>, ClientError> {
    let too_large = ClientError::ReplyTooLarge { max };
    if !truncate && resp.content_length().is_some_and(|n| n > max as u64) {
        return Err(too_large);
    }
    let mut body = Vec::new();
    while let Some(chunk) = resp.chunk().await.map_err(classify)? {
        if body.len() + chunk.len() > max {
            if truncate {
                body.extend_from_slice(&chunk[..max - body.len()]);
                return Ok(body);
            }
            return Err(too_large);
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// The 有効 / 無効 / エラー reading of one person's result (PROPOSED mapping of the notes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// 有効
    Valid,
    /// 無効 (validity 2 or 3), with 資格喪失事由 when given.
    Invalid { reason: Option<ReasonOfLoss> },
    /// 該当資格なし
    NotFound,
    /// 複数該当: the clerk must choose.
    Multiple,
    /// エラー: show the centre's code and message.
    Error {
        code: Option<String>,
        message: Option<String>,
    },
}

/// A person's eligibility as the centre answered it.
#[derive(Clone)]
pub struct Eligibility {
    pub verdict: Verdict,
    pub validity: Option<QualificationValidity>,
    pub results: Vec<xml::ResultOfQualificationConfirmation>,
    pub response: xml::QualificationResponse,
}

impl Eligibility {
    fn from_response(r: xml::QualificationResponse) -> Eligibility {
        let b = &r.body;
        let results = b.result_list.clone().map(|l| l.items).unwrap_or_default();
        let verdict = verdict(
            &b.processing_result_status,
            &b.qualification_validity,
            &b.processing_result_code,
            &b.processing_result_message,
            results.first(),
        );
        Eligibility {
            verdict,
            validity: b.qualification_validity.clone(),
            results,
            response: r,
        }
    }
}

/// The verdict of a per-person status + validity (also used for 一括照会 rows).
pub fn verdict(
    status: &Option<ProcessingResultStatus>,
    validity: &Option<QualificationValidity>,
    code: &Option<String>,
    message: &Option<String>,
    first: Option<&xml::ResultOfQualificationConfirmation>,
) -> Verdict {
    if *status != Some(ProcessingResultStatus::Normal) {
        return Verdict::Error {
            code: code.clone(),
            message: message.clone(),
        };
    }
    match validity {
        Some(QualificationValidity::Valid | QualificationValidity::ValidUnregistered) => {
            Verdict::Valid
        }
        Some(QualificationValidity::Invalid | QualificationValidity::InvalidNewQualification) => {
            Verdict::Invalid {
                reason: first.and_then(|r| r.reason_of_loss.clone()),
            }
        }
        Some(QualificationValidity::NotFound) => Verdict::NotFound,
        Some(QualificationValidity::MultipleMatches) => Verdict::Multiple,
        _ => Verdict::Error {
            code: code.clone(),
            message: message.clone(),
        },
    }
}

/// The 一部負担金割合 of a result on `on` (3-digit percent, `030` = 3割), as the clinic must
/// apply it. The centre states a ratio only where the card does (`InsuredPartialContributionRatio`
/// on 後期高齢 cards and 国保 cards that are also the 高齢受給者証; see `simulators::centre`'s
/// `dates.rs`) and on the 高齢受給者証 (`ElderlyRecipientContributionRatio`); otherwise the law's
/// rule applies: 0割 for 医療扶助 on its own, 2割 before school (`PreschoolClassification` 1),
/// 3割 from then to 69. `None`
/// when the result says nothing and the patient is 70 or older (the certificate is missing:
/// the clerk must ask).
pub fn copay_ratio(r: &xml::ResultOfQualificationConfirmation, on: time::Date) -> Option<String> {
    if let Some(v) = text(&r.insured_partial_contribution_ratio) {
        return Some(v.to_string());
    }
    if let Some(v) = r
        .elderly_recipient
        .as_ref()
        .and_then(|e| text(&e.contribution_ratio))
    {
        return Some(v.to_string());
    }
    // 医療扶助 on its own: the public expense pays all (the 本人支払額, if any, is on the
    // 医療券, not a ratio).
    if r.insured_card_classification == Some(InsuredCardClassification::MedicalAssistance) {
        return Some("000".into());
    }
    if text(&r.preschool_classification) == Some("1") {
        return Some("020".into());
    }
    let birth = crate::ids::parse_yyyymmdd(text(&r.birthdate)?)?;
    let mut age = on.year() - birth.year();
    if (on.month(), on.day()) < (birth.month(), birth.day()) {
        age -= 1;
    }
    (0..70).contains(&age).then(|| "030".into())
}

/// The card's part of a card query, made by the reader flow (see `crate::card`).
#[derive(Clone)]
pub struct CardProof {
    pub certificate_der: Vec<u8>,
    /// The nonce exactly as [`Client::card_nonce`] returned it.
    pub nonce: String,
    /// PKCS#1 v1.5 signature over the SHA-256 DigestInfo of the decoded nonce.
    pub signature: Vec<u8>,
    pub method: AuthMethod,
}

impl CardProof {
    fn wire(&self) -> xml::CardAuthenticationInfo {
        xml::CardAuthenticationInfo {
            user_certificate: crate::card::b64(&self.certificate_der),
            nonce: self.nonce.clone(),
            signature: crate::card::b64(&self.signature),
            auth_method: self.method.clone(),
        }
    }
}

/// Which person drug / checkup information is asked for.
#[derive(Clone)]
pub struct Patient {
    pub insurer_number: crate::InsurerNumber,
    pub card_symbol: Option<crate::CardSymbol>,
    pub card_number: crate::CardNumber,
    pub branch: Option<crate::BranchNumber>,
    pub birth_date: crate::BirthDate,
}

/// The centre's answer to a 薬剤 or 特定健診 request of the clinic link.
#[derive(Debug, Clone, PartialEq)]
pub enum MedicalInfoAnswer {
    Drug(xml::DrugResult),
    Checkup(xml::CheckupResult),
}

/// Most characters in a [`BatchKey`].
pub const BATCH_KEY_MAX: usize = 40;

/// The idempotency key of one 一括照会 upload, sent as its ArbitraryFileIdentifier. The centre
/// answers the same 受付番号 to every upload with the same key (and the same rows), so an
/// upload whose reply was lost can be sent again without making a second batch. Keep the key
/// with the list until the result is downloaded.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct BatchKey(String);

impl BatchKey {
    /// A fresh random key (128 bits, hex).
    pub fn new() -> BatchKey {
        let bytes: [u8; 16] = rand::random();
        BatchKey(bytes.iter().map(|b| format!("{b:02x}")).collect())
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Default for BatchKey {
    fn default() -> Self {
        BatchKey::new()
    }
}

impl std::str::FromStr for BatchKey {
    type Err = ClientError;
    /// A key kept from an earlier upload (e.g. stored with the list).
    fn from_str(s: &str) -> Result<BatchKey, ClientError> {
        let ok = !s.is_empty()
            && s.len() <= BATCH_KEY_MAX
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        if ok {
            Ok(BatchKey(s.to_string()))
        } else {
            Err(ClientError::BadBatchKey { max: BATCH_KEY_MAX })
        }
    }
}

impl std::fmt::Display for BatchKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// 一括照会 state.
#[derive(Debug, Clone)]
pub enum BatchStatus {
    /// 処理中: poll again later.
    Processing,
    Done(Box<xml::BulkResult>),
}

/// Client of the centre. Cheap to clone.
#[derive(Clone)]
pub struct Client {
    http: reqwest::Client,
    cfg: ClientConfig,
}

impl Client {
    pub fn new(cfg: ClientConfig) -> Result<Client, ClientError> {
        let conf = |e: reqwest::Error| ClientError::Config {
            detail: e.to_string(),
        };
        let mut b = reqwest::Client::builder()
            .use_rustls_tls()
            .tls_built_in_root_certs(false)
            .add_root_certificate(reqwest::Certificate::from_pem(&cfg.ca_pem).map_err(conf)?)
            .https_only(true)
            .timeout(cfg.timeout)
            .connect_timeout(cfg.connect_timeout)
            .pool_idle_timeout(Duration::from_secs(30));
        if let Some(id) = &cfg.identity_pem {
            b = b.identity(reqwest::Identity::from_pem(id).map_err(conf)?);
        }
        Ok(Client {
            http: b.build().map_err(conf)?,
            cfg,
        })
    }

    pub fn config(&self) -> &ClientConfig {
        &self.cfg
    }

    fn header(&self, date: Option<time::Date>) -> xml::RequestHeader {
        xml::RequestHeader {
            qualification_confirmation_date: date.map(format_yyyymmdd),
            medical_institution_code: self.cfg.institution.to_string(),
            arbitrary_file_identifier: None,
        }
    }

    async fn post_once(&self, path: &str, body: &[u8]) -> Result<Vec<u8>, ClientError> {
        let ct = match self.cfg.encoding {
            Encoding::Utf8 => "application/xml; charset=UTF-8",
            Encoding::ShiftJis => "application/xml; charset=Shift_JIS",
        };
        let resp = self
            .http
            .post(format!("{}{path}", self.cfg.base_url))
            .header(reqwest::header::CONTENT_TYPE, ct)
            .body(body.to_vec())
            .send()
            .await
            .map_err(classify)?;
        let status = resp.status();
        if status.as_u16() == 503 || status.as_u16() == 502 || status.as_u16() == 504 {
            return Err(ClientError::Unavailable {
                status: status.as_u16(),
            });
        }
        if !status.is_success() {
            // Only the start of an error page, as text cut like any centre text.
            let message = match read_body(resp, ERROR_BODY_MAX_BYTES, true).await {
                Ok(b) => xml::clip_centre_text(String::from_utf8_lossy(&b).trim()),
                Err(_) => String::new(),
            };
            return Err(ClientError::Rejected {
                code: format!("HTTP {}", status.as_u16()),
                message,
            });
        }
        read_body(resp, self.cfg.max_reply_bytes, false).await
    }

    /// Sends `msg`, reads the reply as `R`; repeats transient failures when `safe`.
    async fn call<T: serde::Serialize, R: serde::de::DeserializeOwned>(
        &self,
        path: &str,
        msg: &T,
        safe: bool,
    ) -> Result<R, ClientError> {
        let body = xml::to_xml(msg, self.cfg.encoding).map_err(|e| ClientError::Config {
            detail: e.to_string(),
        })?;
        let attempts = if safe { self.cfg.retries + 1 } else { 1 };
        let mut last = None;
        for i in 0..attempts {
            if i > 0 {
                tracing::debug!(path, attempt = i + 1, "retrying a safe centre request");
                tokio::time::sleep(Duration::from_millis(100 * u64::from(i))).await;
            }
            let r = self.post_once(path, &body).await.and_then(|bytes| {
                xml::from_reply::<R>(&bytes).map_err(|e| ClientError::Malformed {
                    detail: e.to_string(),
                })
            });
            match r {
                Ok(v) => return Ok(v),
                Err(e) if e.transient() => last = Some(e),
                Err(e) => return Err(e),
            }
        }
        Err(last.unwrap_or(ClientError::TimedOut))
    }

    fn check_header(h: &xml::ResponseHeader) -> Result<(), ClientError> {
        if h.segment_of_result == Some(SegmentOfResult::Abnormal) {
            return Err(ClientError::Rejected {
                code: text(&h.error_code).unwrap_or("").to_string(),
                message: text(&h.error_message).unwrap_or("").to_string(),
            });
        }
        Ok(())
    }

    /// 資格確認 by insurance-card numbers (照会区分 2) for `date` (today when `None`).
    pub async fn check_insurance_card(
        &self,
        search: &xml::SearchInfo,
        date: Option<time::Date>,
    ) -> Result<Eligibility, ClientError> {
        let msg = xml::IndividualRequest {
            header: self.header(date),
            body: xml::IndividualRequestBody {
                search: search.clone(),
            },
        };
        let r: xml::QualificationResponse = self.call("/oqs/siquc01", &msg, true).await?;
        Self::check_header(&r.header)?;
        Ok(Eligibility::from_response(r))
    }

    /// Builds the search from what the clerk typed: every field is validated before any request.
    pub fn search_from_text(
        insurer: &str,
        symbol: &str,
        number: &str,
        branch: &str,
        birth: &str,
        limit_consent: bool,
    ) -> Result<xml::SearchInfo, ClientError> {
        Ok(xml::SearchInfo {
            insurer_number: insurer.parse()?,
            insured_card_symbol: if symbol.trim().is_empty() {
                None
            } else {
                Some(symbol.parse()?)
            },
            insured_identification_number: number.parse()?,
            insured_branch_number: if branch.trim().is_empty() {
                None
            } else {
                Some(branch.parse()?)
            },
            birthdate: birth.parse()?,
            limit_consent: if limit_consent {
                LimitConsent::Agreed
            } else {
                LimitConsent::NotAgreed
            },
            arbitrary_identifier: None,
        })
    }

    /// A fresh single-use nonce for the card to sign.
    pub async fn card_nonce(&self) -> Result<String, ClientError> {
        let msg = xml::NonceRequest {
            header: self.header(None),
            body: xml::EmptyBody {},
        };
        let r: xml::NonceResponse = self.call("/oqs/card/nonce", &msg, true).await?;
        Self::check_header(&r.header)?;
        Ok(r.body.nonce)
    }

    /// 資格確認 by My Number Card (照会区分 1). Not repeated: the nonce is single-use.
    pub async fn check_card(
        &self,
        proof: &CardProof,
        consent: &xml::ConsentInfo,
        date: Option<time::Date>,
    ) -> Result<Eligibility, ClientError> {
        let msg = xml::CardQueryRequest {
            header: self.header(date),
            body: xml::CardQueryBody {
                auth: proof.wire(),
                consent: consent.clone(),
            },
        };
        let r: xml::QualificationResponse = self.call("/oqs/card/siquc01", &msg, false).await?;
        Self::check_header(&r.header)?;
        Ok(Eligibility::from_response(r))
    }

    /// 保険証利用登録 with the patient's agreement only: the centre links the card's
    /// certificate to the person the insurers' records name (layout: [`crate::xml`]). A centre
    /// that finds no one refuses with `SIM-E0233`: register with the numbers then
    /// ([`Client::register_card`]).
    pub async fn register_card_agreed(&self, proof: &CardProof) -> Result<(), ClientError> {
        self.register(proof, None).await
    }

    /// 保険証利用登録: links the card's certificate to the qualification on `search`.
    pub async fn register_card(
        &self,
        proof: &CardProof,
        search: &xml::SearchInfo,
    ) -> Result<(), ClientError> {
        let raw = xml::SearchInfoRaw {
            insurer_number: Some(search.insurer_number.padded()),
            insured_card_symbol: search.insured_card_symbol.as_ref().map(|s| s.to_string()),
            insured_identification_number: Some(search.insured_identification_number.to_string()),
            insured_branch_number: search.insured_branch_number.as_ref().map(|s| s.to_string()),
            birthdate: Some(search.birthdate.wire()),
            ..Default::default()
        };
        self.register(proof, Some(raw)).await
    }

    async fn register(
        &self,
        proof: &CardProof,
        search: Option<xml::SearchInfoRaw>,
    ) -> Result<(), ClientError> {
        let msg = xml::RegistrationRequest {
            header: self.header(None),
            body: xml::RegistrationBody {
                auth: proof.wire(),
                search,
            },
        };
        let r: xml::OutcomeResponse = self.call("/oqs/registration", &msg, false).await?;
        Self::check_header(&r.header)?;
        if r.body.processing_result_status != Some(ProcessingResultStatus::Normal) {
            return Err(ClientError::Rejected {
                code: text(&r.body.processing_result_code)
                    .unwrap_or("")
                    .to_string(),
                message: text(&r.body.processing_result_message)
                    .unwrap_or("")
                    .to_string(),
            });
        }
        Ok(())
    }

    /// 一括照会 upload (at most 10,000 rows): returns the 受付番号. `key` identifies this list:
    /// the centre answers the same 受付番号 to a re-sent upload with the same key, so transient
    /// failures are retried here, and a caller that still gets an error (e.g. the reply was
    /// lost) may call again with the same rows and key without making a second batch. Use a
    /// new key only for a new list.
    pub async fn batch_upload(
        &self,
        rows: &[xml::SearchInfo],
        date: Option<time::Date>,
        key: &BatchKey,
    ) -> Result<String, ClientError> {
        if rows.is_empty() || rows.len() > BATCH_MAX {
            return Err(ClientError::BatchSize {
                max: BATCH_MAX,
                got: rows.len(),
            });
        }
        let mut header = self.header(date);
        header.arbitrary_file_identifier = Some(key.as_str().to_string());
        let msg = xml::BulkUploadRequest {
            header,
            body: xml::BulkUploadBody {
                items: rows.to_vec(),
            },
        };
        let r: xml::BulkReceipt = self.call("/oqs/muquc01", &msg, true).await?;
        Self::check_header(&r.header)?;
        text(&r.body.reception_number)
            .map(str::to_string)
            .ok_or(ClientError::Malformed {
                detail: "receipt without ReceptionNumber".into(),
            })
    }

    /// Asks for a batch result once.
    pub async fn batch_poll(&self, reception: &str) -> Result<BatchStatus, ClientError> {
        let msg = xml::BulkDownloadRequest {
            header: self.header(None),
            body: xml::BulkDownloadBody {
                reception_number: reception.to_string(),
            },
        };
        let r: xml::BulkResult = self.call("/oqs/muquc02", &msg, true).await?;
        Self::check_header(&r.header)?;
        if r.header.segment_of_result == Some(SegmentOfResult::Processing) {
            return Ok(BatchStatus::Processing);
        }
        Ok(BatchStatus::Done(Box::new(r)))
    }

    /// Polls every `interval` until the batch is done or `deadline` passes; then
    /// [`ClientError::BatchPending`]: poll again later, do not upload again.
    pub async fn batch_wait(
        &self,
        reception: &str,
        interval: Duration,
        deadline: Duration,
    ) -> Result<xml::BulkResult, ClientError> {
        let until = tokio::time::Instant::now() + deadline;
        loop {
            if let BatchStatus::Done(r) = self.batch_poll(reception).await? {
                return Ok(*r);
            }
            if tokio::time::Instant::now() + interval > until {
                return Err(ClientError::BatchPending {
                    reception: reception.to_string(),
                });
            }
            tokio::time::sleep(interval).await;
        }
    }

    fn medical_request(
        &self,
        p: &Patient,
        from: Option<&str>,
        to: Option<&str>,
        disaster: bool,
    ) -> xml::MedicalInfoRequest {
        xml::MedicalInfoRequest {
            header: xml::MedicalInfoRequestHeader {
                medical_institution_code: self.cfg.institution.to_string(),
                insurer_number: Some(p.insurer_number.padded()),
                insurance_card_symbol: p.card_symbol.as_ref().map(|s| s.to_string()),
                insured_person_identification_number: Some(p.card_number.to_string()),
                branch_number: p.branch.as_ref().map(|s| s.to_string()),
                birthdate: Some(p.birth_date.wire()),
                arbitrary_file_identifier: None,
            },
            body: xml::MedicalInfoRequestBody {
                start_date: from.map(str::to_string),
                end_date: to.map(str::to_string),
                file_category: Some("2".into()),
                pr_di_inf_classification: Some("1".into()),
                medical_treatment_flag: Some(MedicalTreatmentFlag::Outpatient),
                disaster_mode: disaster.then(|| "1".to_string()),
            },
        }
    }

    fn check_medical(h: &xml::MedicalInfoResponseHeader) -> Result<(), ClientError> {
        if text(&h.result_code) != Some("1") {
            return Err(ClientError::Rejected {
                code: format!("ResultCode {}", text(&h.result_code).unwrap_or("?")),
                message: text(&h.message_contents).unwrap_or("").to_string(),
            });
        }
        Ok(())
    }

    /// 薬剤情報 (YZK) for 診療年月 `from`..`to` (YYYYMM). Needs this visit's consent, or an
    /// active 災害時 mode when `disaster`.
    pub async fn drug_info(
        &self,
        p: &Patient,
        from: &str,
        to: &str,
        disaster: bool,
    ) -> Result<xml::DrugResult, ClientError> {
        let msg = self.medical_request(p, Some(from), Some(to), disaster);
        let r: xml::DrugResult = self.call("/oqs/yzk", &msg, true).await?;
        Self::check_medical(&r.header)?;
        Ok(r)
    }

    /// 特定健診情報 (TKK).
    pub async fn checkup_info(
        &self,
        p: &Patient,
        disaster: bool,
    ) -> Result<xml::CheckupResult, ClientError> {
        let msg = self.medical_request(p, None, None, disaster);
        let r: xml::CheckupResult = self.call("/oqs/tkk", &msg, true).await?;
        Self::check_medical(&r.header)?;
        Ok(r)
    }

    /// 照会番号 registration (PROPOSED layout, see `crate::link`): one row through
    /// `OQSsiimm01` (`bulk` false) or up to 10,000 through `OQSmuimm01`. Each row's outcome is
    /// in the answer's units; only a refusal of the whole file is an error. Safe to repeat: a
    /// registration replaces the institution's earlier number for that person.
    pub async fn register_reference_numbers(
        &self,
        rows: &[crate::link::RefNoRow],
        bulk: bool,
        file_id: Option<&str>,
    ) -> Result<xml::RefNoResponse, ClientError> {
        let max = if bulk {
            crate::link::request::REFNO_BULK_MAX
        } else {
            1
        };
        if rows.is_empty() || rows.len() > max {
            return Err(ClientError::BatchSize {
                max,
                got: rows.len(),
            });
        }
        let mut header = self.header(None);
        header.qualification_confirmation_date = None;
        header.arbitrary_file_identifier = file_id.map(str::to_string);
        let msg = xml::RefNoRequest {
            header,
            body: xml::RefNoBody {
                items: rows
                    .iter()
                    .map(|r| xml::RefNoInfo {
                        reference_number: Some(r.reference_number.to_string()),
                        insurer_number: Some(r.insurer.padded()),
                        insured_card_symbol: r.symbol.as_ref().map(|s| s.to_string()),
                        insured_identification_number: Some(r.number.to_string()),
                        insured_branch_number: r.branch.as_ref().map(|b| b.to_string()),
                        birthdate: r.birth.map(|b| b.wire()),
                    })
                    .collect(),
            },
        };
        let path = if bulk { "/oqs/muimm01" } else { "/oqs/siimm01" };
        let r: xml::RefNoResponse = self.call(path, &msg, true).await?;
        Self::check_header(&r.header)?;
        Ok(r)
    }

    /// 薬剤 / 特定健診 for a clinic link request, answered as the centre answered: a refusal
    /// (no consent, a pharmacy asking for checkups) is in the answer's `ResultCode` and
    /// `MessageContents`, for the clinic's system to read, not an error here.
    pub async fn medical_info_for_link(
        &self,
        q: &crate::link::MedicalInfoQuery,
        file_id: Option<&str>,
    ) -> Result<MedicalInfoAnswer, ClientError> {
        use crate::link::MedicalInfoKind;
        let (from, to) = match &q.months {
            Some((f, t)) => (Some(f.clone()), Some(t.clone())),
            None => (None, None),
        };
        let msg = xml::MedicalInfoRequest {
            header: xml::MedicalInfoRequestHeader {
                medical_institution_code: self.cfg.institution.to_string(),
                insurer_number: Some(q.insurer.padded()),
                insurance_card_symbol: q.symbol.as_ref().map(|s| s.to_string()),
                insured_person_identification_number: Some(q.number.to_string()),
                branch_number: q.branch.as_ref().map(|s| s.to_string()),
                birthdate: q.birth.map(|b| b.wire()),
                arbitrary_file_identifier: file_id.map(str::to_string),
            },
            body: xml::MedicalInfoRequestBody {
                start_date: from,
                end_date: to,
                file_category: Some(if q.with_treatments { "4" } else { "2" }.into()),
                pr_di_inf_classification: Some("1".into()),
                medical_treatment_flag: Some(q.treatment.clone()),
                disaster_mode: None,
            },
        };
        Ok(match q.kind {
            MedicalInfoKind::Drug => {
                MedicalInfoAnswer::Drug(self.call("/oqs/yzk", &msg, true).await?)
            }
            MedicalInfoKind::Checkup => {
                MedicalInfoAnswer::Checkup(self.call("/oqs/tkk", &msg, true).await?)
            }
        })
    }

    /// Whether 災害時 look-up is active for this institution now.
    pub async fn disaster_status(&self) -> Result<xml::DisasterStatusBody, ClientError> {
        let msg = xml::DisasterStatusRequest {
            header: self.header(None),
            body: xml::EmptyBody {},
        };
        let r: xml::DisasterStatusResponse = self.call("/oqs/disaster", &msg, true).await?;
        Self::check_header(&r.header)?;
        Ok(r.body)
    }
}

// Personal data (names, numbers, birth dates, the card's certificate) stays out of Debug.
crate::ids::debug_showing!(Eligibility { verdict, validity });
crate::ids::debug_showing!(CardProof { method });
crate::ids::debug_showing!(Patient { insurer_number });
