//! The centre's HTTPS front (rustls with client certificates, hyper, axum routes, faults) and
//! its rules: how a query finds qualifications, what a card query checks, which consents
//! unlock drug and checkup data, and the background 一括照会.

use super::cardauth::{CardRefusal, JpkiTrust};
use super::dates;
use super::db::{self, Db, Qual};
use super::error::{CentreError, Result};
use super::{Config, Faults, pki};
use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{DefaultBodyLimit, Extension, RawQuery, State as AxState};
use axum::http::{Request, Response, StatusCode, header};
use axum::routing::{get, post};
use eligibility::codes::*;
use eligibility::ids::{BirthDate, BranchNumber, CardNumber, CardSymbol, InsurerNumber};
use eligibility::link::ReferenceNumber;
use eligibility::xml::{self, Encoding, text};
use eligibility::{InstitutionCode, InstitutionKind};
use rustls::server::WebPkiClientVerifier;
use rustls_pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use time::{Duration, OffsetDateTime, UtcOffset};
use tower::ServiceExt;

/// Most patients in one 一括照会 file.
pub const BATCH_MAX: usize = 10_000;
const NONCE_TTL: Duration = Duration::minutes(5);
const CONSENT_WINDOW: Duration = Duration::hours(24);
const JST: UtcOffset = match UtcOffset::from_hms(9, 0, 0) {
    Ok(o) => o,
    Err(_) => panic!("JST offset"),
};

pub struct State {
    db: Db,
    trust: JpkiTrust,
    pub(super) ca: pki::Ca,
    state_dir: std::path::PathBuf,
    pub(super) default_institution: String,
    pub(super) faults: RwLock<Faults>,
    nonces: Mutex<HashMap<String, (String, OffsetDateTime)>>,
    pub(super) now: RwLock<Option<OffsetDateTime>>,
    checkup_viewable_by_pharmacy: bool,
    batch_seq: AtomicU64,
    /// Tests: accept batches without processing them (as if stopped right after).
    hold_batches: bool,
    /// `/oqs/*` requests received per path, counted on arrival (before any fault), so that a
    /// test can tell what a client really sent.
    requests: Mutex<std::collections::BTreeMap<String, u64>>,
}

/// The institution a connection's client certificate names.
#[derive(Clone)]
struct Peer(String);

fn ymd(t: OffsetDateTime) -> String {
    let t = t.to_offset(JST);
    format!("{:04}{:02}{:02}", t.year(), u8::from(t.month()), t.day())
}

fn ymdhms(t: OffsetDateTime) -> String {
    let t = t.to_offset(JST);
    format!(
        "{}{:02}{:02}{:02}",
        ymd(t),
        t.hour(),
        t.minute(),
        t.second()
    )
}

impl State {
    pub fn open(cfg: &Config) -> Result<State> {
        let ca = pki::Ca::open_or_create(&cfg.state_dir)?;
        let db = Db::open(&cfg.db, cfg.workers.max(1) * 2)?;
        db::seed(&db, &cfg.seed_dir, &cfg.personas_dir)?;
        let insts = db::read_institutions(&cfg.seed_dir)?;
        let default_institution = insts
            .first()
            .ok_or_else(|| CentreError::seed("institutions.toml lists no institution"))?
            .code
            .clone();
        let crl = match &cfg.jpki_crl {
            Some(p) => Some(std::fs::read(p).map_err(CentreError::file(p))?),
            None => None,
        };
        let trust = JpkiTrust::load(super::cardauth::read_der(&cfg.jpki_ca)?, crl.as_deref())?;
        Ok(State {
            db,
            trust,
            ca,
            state_dir: cfg.state_dir.clone(),
            default_institution,
            faults: RwLock::new(cfg.faults),
            nonces: Mutex::new(HashMap::new()),
            now: RwLock::new(cfg.now),
            checkup_viewable_by_pharmacy: cfg.checkup_viewable_by_pharmacy,
            batch_seq: AtomicU64::new(0),
            hold_batches: cfg.hold_batches,
            requests: Mutex::new(std::collections::BTreeMap::new()),
        })
    }

    /// `/oqs/*` requests received so far, per path.
    pub fn requests(&self) -> std::collections::BTreeMap<String, u64> {
        self.requests
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    fn count_request(&self, path: &str) {
        *self
            .requests
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .entry(path.to_string())
            .or_default() += 1;
    }

    fn now(&self) -> OffsetDateTime {
        self.now
            .read()
            .expect("clock lock")
            .unwrap_or_else(OffsetDateTime::now_utc)
    }

    pub fn issue_client(&self, code: &str) -> Result<pki::ClientFiles> {
        let code: InstitutionCode = code.parse()?;
        let name = self
            .db
            .with(|c| db::institution(c, code.as_str()))?
            .map(|(n, _)| n)
            .unwrap_or_else(|| "central-sim institution".into());
        self.ca.issue_client(&self.state_dir, code.as_str(), &name)
    }

    pub fn activate_disaster(
        &self,
        area: &str,
        start: OffsetDateTime,
        end: OffsetDateTime,
    ) -> Result<()> {
        self.db.with(|c| {
            c.execute(
                "INSERT INTO disaster (area, start, end) VALUES (?1, ?2, ?3)",
                rusqlite::params![area, ymdhms(start), ymdhms(end)],
            )?;
            Ok(())
        })
    }

    pub fn tls_config(&self) -> Result<Arc<rustls::ServerConfig>> {
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let mut roots = rustls::RootCertStore::empty();
        roots.add(CertificateDer::from(self.ca.der_on_disk()?))?;
        let verifier =
            WebPkiClientVerifier::builder_with_provider(Arc::new(roots), provider.clone())
                .build()?;
        let (cert, key) = self.ca.issue_server()?;
        let mut cfg = rustls::ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()?
            .with_client_cert_verifier(verifier)
            .with_single_cert(
                vec![CertificateDer::from(cert)],
                PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key)),
            )?;
        cfg.alpn_protocols = vec![b"http/1.1".to_vec()];
        Ok(Arc::new(cfg))
    }

    fn disaster_active(&self, inst: &str, now: &str) -> Result<Option<(String, String, String)>> {
        self.db.with(|c| {
            let area = db::institution(c, inst)?.map(|(_, a)| a).unwrap_or_default();
            if area.is_empty() {
                return Ok(None);
            }
            let mut st = c.prepare_cached(
                "SELECT area, start, end FROM disaster WHERE ?1 LIKE area || '%' AND start <= ?2 AND end > ?2",
            )?;
            let r = st
                .query_map(rusqlite::params![area, now], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?))
                })?
                .next()
                .transpose()?;
            Ok(r)
        })
    }
}

// ------------------------------------------------------------------ transport

pub async fn serve(
    listener: tokio::net::TcpListener,
    tls: Arc<rustls::ServerConfig>,
    state: Arc<State>,
    mut shutdown: tokio::sync::oneshot::Receiver<()>,
) {
    let acceptor = tokio_rustls::TlsAcceptor::from(tls);
    let router = routes(state.clone());
    loop {
        let (tcp, _) = tokio::select! {
            r = listener.accept() => match r {
                Ok(x) => x,
                Err(e) => { tracing::warn!("accept failed: {e}"); continue; }
            },
            _ = &mut shutdown => break,
        };
        let _ = tcp.set_nodelay(true);
        let acceptor = acceptor.clone();
        let router = router.clone();
        let state = state.clone();
        tokio::spawn(async move {
            // A client without a certificate from our CA fails here, in the handshake.
            let tls = match acceptor.accept(tcp).await {
                Ok(t) => t,
                Err(e) => {
                    tracing::debug!("TLS handshake refused: {e}");
                    return;
                }
            };
            let peer = tls
                .get_ref()
                .1
                .peer_certificates()
                .and_then(|c| c.first())
                .and_then(|c| pki::institution_of(c))
                .unwrap_or_default();
            let svc = hyper::service::service_fn(move |mut req: Request<hyper::body::Incoming>| {
                req.extensions_mut().insert(Peer(peer.clone()));
                let router = router.clone();
                let state = state.clone();
                async move {
                    let faults = *state.faults.read().expect("faults lock");
                    let oqs = req.uri().path().starts_with("/oqs/");
                    if oqs {
                        state.count_request(req.uri().path());
                    }
                    if oqs && faults.latency_ms > 0 {
                        tokio::time::sleep(std::time::Duration::from_millis(faults.latency_ms))
                            .await;
                    }
                    if oqs && faults.drop_rate > 0.0 && rand::random::<f64>() < faults.drop_rate {
                        return Err(std::io::Error::other("fault: connection dropped"));
                    }
                    if oqs && faults.error_rate > 0.0 && rand::random::<f64>() < faults.error_rate {
                        return Ok(Response::builder()
                            .status(StatusCode::SERVICE_UNAVAILABLE)
                            .body(Body::from("fault: service unavailable"))
                            .expect("static response"));
                    }
                    let malformed = oqs
                        && faults.malformed_rate > 0.0
                        && rand::random::<f64>() < faults.malformed_rate;
                    let resp = router
                        .oneshot(req.map(Body::new))
                        .await
                        .unwrap_or_else(|e| match e {});
                    // The handler has run (a batch is stored, a consent recorded) but the
                    // reply never arrives: what a client sees when the line fails late.
                    if oqs
                        && faults.drop_after_rate > 0.0
                        && rand::random::<f64>() < faults.drop_after_rate
                    {
                        return Err(std::io::Error::other("fault: reply dropped"));
                    }
                    if malformed {
                        return Ok(xml_response(
                            b"<?xml version=\"1.0\"?><XmlMsg><MessageHeader><Segm".to_vec(),
                            Encoding::Utf8,
                        ));
                    }
                    Ok::<_, std::io::Error>(resp)
                }
            });
            let _ = hyper::server::conn::http1::Builder::new()
                .keep_alive(true)
                .serve_connection(hyper_util::rt::TokioIo::new(tls), svc)
                .await;
        });
    }
}

fn routes(state: Arc<State>) -> Router {
    Router::new()
        .route("/oqs/siquc01", post(individual))
        .route("/oqs/card/nonce", post(nonce))
        .route("/oqs/card/siquc01", post(card_query))
        .route("/oqs/muquc01", post(batch_upload))
        .route("/oqs/muquc02", post(batch_download))
        .route("/oqs/yzk", post(drug_info))
        .route("/oqs/tkk", post(checkup_info))
        .route("/oqs/registration", post(registration))
        .route("/oqs/disaster", post(disaster_status))
        .route("/oqs/siimm01", post(refno_single))
        .route("/oqs/muimm01", post(refno_bulk))
        .route("/admin/faults", post(admin_faults))
        .route("/admin/disaster", post(admin_disaster))
        .route("/admin/requests", get(admin_requests))
        .layer(DefaultBodyLimit::max(64 * 1024 * 1024))
        .with_state(state)
}

fn xml_response(bytes: Vec<u8>, enc: Encoding) -> Response<Body> {
    let ct = match enc {
        Encoding::Utf8 => "application/xml; charset=UTF-8",
        Encoding::ShiftJis => "application/xml; charset=Shift_JIS",
    };
    Response::builder()
        .header(header::CONTENT_TYPE, ct)
        .body(Body::from(bytes))
        .expect("static response")
}

fn reply<T: serde::Serialize>(msg: &T, enc: Encoding) -> Response<Body> {
    match xml::to_xml(msg, enc) {
        Ok(b) => xml_response(b, enc),
        Err(e) => Response::builder()
            .status(StatusCode::INTERNAL_SERVER_ERROR)
            .body(Body::from(e.to_string()))
            .expect("static response"),
    }
}

fn internal(e: CentreError) -> Response<Body> {
    tracing::error!("centre internal error: {e}");
    Response::builder()
        .status(StatusCode::INTERNAL_SERVER_ERROR)
        .body(Body::from("internal error"))
        .expect("static response")
}

impl State {
    fn header(&self, req: Option<&xml::RequestHeader>, enc: Encoding) -> xml::ResponseHeader {
        let now = self.now();
        xml::ResponseHeader {
            process_execution_time: Some(ymdhms(now)),
            qualification_confirmation_date: req
                .and_then(|h| text(&h.qualification_confirmation_date).map(str::to_string))
                .or_else(|| Some(ymd(now))),
            medical_institution_code: req.map(|h| h.medical_institution_code.clone()),
            arbitrary_file_identifier: req.and_then(|h| h.arbitrary_file_identifier.clone()),
            segment_of_result: Some(SegmentOfResult::Normal),
            character_code_identifier: Some(enc.code()),
            ..Default::default()
        }
    }
}

/// Header-level refusal (SegmentOfResult 9).
fn refuse<B: Default + serde::Serialize>(
    mut h: xml::ResponseHeader,
    code: &str,
    msg: &str,
    enc: Encoding,
) -> Response<Body> {
    h.segment_of_result = Some(SegmentOfResult::Abnormal);
    h.error_code = Some(code.into());
    h.error_message = Some(msg.into());
    reply(
        &xml::XmlMsg {
            header: h,
            body: B::default(),
        },
        enc,
    )
}

/// Parses the request or answers the refusal; checks the header's institution against the
/// client certificate.
fn parse<T: serde::de::DeserializeOwned>(body: &[u8]) -> Result<(T, Encoding), (String, String)> {
    let enc = xml::detect_encoding(body).unwrap_or(Encoding::Utf8);
    xml::from_xml::<T>(body).map(|m| (m, enc)).map_err(|e| {
        (
            "SIM-E0001".into(),
            format!("XMLの形式が正しくありません: {e}"),
        )
    })
}

fn check_institution(peer: &Peer, h: &xml::RequestHeader) -> Result<(), (String, String)> {
    if h.medical_institution_code.trim() != peer.0 {
        return Err((
            "SIM-E0003".into(),
            "医療機関コードがクライアント証明書と一致しません。".into(),
        ));
    }
    Ok(())
}

// ------------------------------------------------------------------ qualification rules

/// Outcome of finding a person: per-person status, code, message, validity and results.
#[derive(Default)]
struct Outcome {
    status: Option<ProcessingResultStatus>,
    code: Option<String>,
    message: Option<String>,
    validity: Option<QualificationValidity>,
    results: Vec<Qual>,
}

fn error_outcome(code: &str, msg: String) -> Outcome {
    Outcome {
        status: Some(ProcessingResultStatus::Error),
        code: Some(code.into()),
        message: Some(msg),
        ..Default::default()
    }
}

/// Normalised search keys, or the per-person error.
struct Keys {
    insurer: String,
    symbol: String,
    number: String,
    branch: Option<String>,
    /// `None` only where the birth date may be left out (YZK / TKK, 照会番号 registration).
    birth: Option<String>,
}

/// The simulated centre's words for a refused search key. The real centre words its own
/// errors; these are the simulator's (the desk words the client's refusals itself).
fn key_refusal(e: &eligibility::IdError) -> String {
    use eligibility::{Field, Reason};
    let field = match e.field {
        Field::InsurerNumber => "保険者番号",
        Field::InstitutionCode => "医療機関コード",
        Field::CardSymbol => "被保険者証記号",
        Field::CardNumber => "被保険者証番号",
        Field::BranchNumber => "被保険者証枝番",
        Field::BirthDate => "生年月日",
    };
    let why = match e.reason {
        Reason::Empty => "が指定されていません",
        Reason::NotDigits => "に数字以外の文字があります",
        Reason::WrongLength { .. } => "の桁数が正しくありません",
        Reason::CheckDigit { .. } => "の検証番号が一致しません",
        Reason::TooLong { .. } => "が長すぎます",
        Reason::BadCharacter(_) => "に使えない文字があります",
        Reason::NotADate => "が正しい日付ではありません",
        Reason::OutOfRange => "が範囲外です",
    };
    format!("{field}{why}。")
}

fn keys(s: &xml::SearchInfoRaw) -> Result<Keys, Outcome> {
    keys_with(s, true)
}

fn keys_with(s: &xml::SearchInfoRaw, birth_required: bool) -> Result<Keys, Outcome> {
    let ins: InsurerNumber = text(&s.insurer_number)
        .unwrap_or("")
        .parse()
        .map_err(|e: eligibility::IdError| error_outcome("SIM-E0101", key_refusal(&e)))?;
    let symbol = match text(&s.insured_card_symbol) {
        Some(v) => v
            .parse::<CardSymbol>()
            .map_err(|e| error_outcome("SIM-E0102", key_refusal(&e)))?
            .to_string(),
        None => String::new(),
    };
    let number = text(&s.insured_identification_number)
        .unwrap_or("")
        .parse::<CardNumber>()
        .map_err(|e| error_outcome("SIM-E0103", key_refusal(&e)))?
        .to_string();
    let branch = match text(&s.insured_branch_number) {
        Some(v) => Some(
            v.parse::<BranchNumber>()
                .map_err(|e| error_outcome("SIM-E0104", key_refusal(&e)))?
                .to_string(),
        ),
        None => None,
    };
    let birth = match text(&s.birthdate) {
        None if !birth_required => None,
        v => Some(
            v.unwrap_or("")
                .parse::<BirthDate>()
                .map_err(|e| error_outcome("SIM-E0105", key_refusal(&e)))?
                .wire(),
        ),
    };
    Ok(Keys {
        insurer: ins.digits().to_string(),
        symbol,
        number,
        branch,
        birth,
    })
}

fn find_by_numbers(c: &rusqlite::Connection, k: &Keys) -> Result<Vec<Qual>> {
    let mut rows = db::quals_by_card(c, &k.insurer, &k.symbol, &k.number)?;
    rows.retain(|q| {
        k.birth.as_ref().is_none_or(|b| &q.birth == b)
            && k.branch.as_ref().is_none_or(|b| &q.branch == b)
    });
    Ok(rows)
}

/// 資格有効性 of one person's rows on `date`.
fn judge(c: &rusqlite::Connection, rows: Vec<Qual>, date: &str) -> Result<Outcome> {
    let ok = |validity, results| Outcome {
        status: Some(ProcessingResultStatus::Normal),
        validity: Some(validity),
        results,
        ..Default::default()
    };
    let mut keys: Vec<&str> = rows.iter().map(|q| q.key.as_str()).collect();
    keys.sort();
    keys.dedup();
    if rows.is_empty() {
        return Ok(ok(QualificationValidity::NotFound, vec![]));
    }
    if keys.len() > 1 {
        return Ok(ok(QualificationValidity::MultipleMatches, rows));
    }
    if let Some(q) = rows.iter().find(|q| q.valid_on(date)) {
        return Ok(ok(valid_validity(q), vec![q.clone()]));
    }
    let q = rows.last().cloned().expect("non-empty");
    let newer = db::quals_by_key(c, &q.key)?
        .into_iter()
        .any(|o| o.id != q.id && o.valid_on(date));
    Ok(ok(
        if newer {
            QualificationValidity::InvalidNewQualification
        } else {
            QualificationValidity::Invalid
        },
        vec![q],
    ))
}

/// 有効, or for a 医療扶助 whose 医療券 the 福祉事務所 has not registered yet 有効（未登録）
/// (the 「未委託・未登録」 of the municipalities' notes).
fn valid_validity(q: &Qual) -> QualificationValidity {
    match &q.welfare {
        Some(w) if !w.ticket => QualificationValidity::ValidUnregistered,
        _ => QualificationValidity::Valid,
    }
}

/// The 医療扶助 part of a result on `date` (YYYYMMDD): 公費負担者番号, 受給者番号, 福祉事務所,
/// and the 医療券 of that month when it is registered.
fn add_welfare(r: &mut xml::ResultOfQualificationConfirmation, q: &Qual, date: &str) {
    let Some(w) = &q.welfare else {
        return;
    };
    r.insured_card_classification = Some(InsuredCardClassification::MedicalAssistance);
    r.public_expense_number = Some(q.insurer.clone());
    r.beneficiary_number = Some(q.number.clone());
    r.welfare_office_name = Some(w.office.clone());
    if w.ticket && date.len() == 8 {
        let month = &date[..6];
        let end = eligibility::ids::parse_yyyymmdd(&format!("{month}01"))
            .map(|d| {
                let last = d.month().length(d.year());
                format!("{month}{last:02}")
            })
            .unwrap_or_default();
        r.medical_tickets = Some(xml::PublicExpenseResultList {
            items: vec![xml::MedicalTicketInfo {
                ticket_type: Some("01".into()),
                valid_date: Some(format!("{month}01")),
                expiration_date: opt(&end),
                issue_number: opt(&w.issue_number),
                treatment_month: Some(month.to_string()),
                self_pay_amount: opt(&w.self_pay),
                ..Default::default()
            }],
        });
    }
}

fn qualify(c: &rusqlite::Connection, s: &xml::SearchInfoRaw, date: &str) -> Result<Outcome> {
    let k = match keys(s) {
        Ok(k) => k,
        Err(o) => return Ok(o),
    };
    let rows = find_by_numbers(c, &k)?;
    judge(c, rows, date)
}

/// [`qualify`] for an insurance-card check or a batch row, where the `person_error_rate`
/// fault may answer this one person エラー.
fn qualify_person(
    st: &State,
    c: &rusqlite::Connection,
    s: &xml::SearchInfoRaw,
    date: &str,
) -> Result<Outcome> {
    let rate = st.faults.read().expect("faults lock").person_error_rate;
    if rate > 0.0 && keys(s).is_ok() && rand::random::<f64>() < rate {
        return Ok(error_outcome(
            "SIM-E0199",
            "この方の資格情報を読み出せませんでした。時間をおいて再度照会してください。".into(),
        ));
    }
    qualify(c, s, date)
}

fn opt(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_string())
}

/// Consent given now for this visit: flag, time, available-until.
struct Given {
    at: String,
    until: String,
}

fn result_of(
    q: &Qual,
    date: &str,
    limit: bool,
    consents: &HashMap<&'static str, Given>,
    card_consent: Option<&xml::ConsentInfo>,
) -> xml::ResultOfQualificationConfirmation {
    let mut r = xml::ResultOfQualificationConfirmation {
        insured_card_classification: Some(InsuredCardClassification::General),
        insurer_number: Some(format!("{:>8}", q.insurer)),
        insured_card_symbol: opt(&q.symbol),
        insured_identification_number: Some(q.number.clone()),
        insured_branch_number: opt(&q.branch),
        personal_family_classification: Some(PersonalFamily::from_code(&q.family.to_string())),
        insured_name: opt(&q.insured_name),
        name: Some(q.name.clone()),
        name_kana: Some(q.kana.clone()),
        sex1: Some(Sex::from_code(&q.sex.to_string())),
        birthdate: Some(q.birth.clone()),
        address: opt(&q.address),
        post_number: opt(&q.post),
        qualification_date: Some(q.since.clone()),
        disqualification_date: opt(&q.lost),
        insured_partial_contribution_ratio: if dates::is_late_elderly(&q.insurer) {
            opt(&q.ratio)
        } else if dates::is_kokuho(&q.insurer) {
            opt(&q.elderly_ratio)
        } else {
            None
        },
        preschool_classification: q.preschool.then(|| "1".to_string()),
        reason_of_loss: (!q.reason.is_empty()).then(|| ReasonOfLoss::from_code(&q.reason)),
        insurer_name: Some(q.insurer_name.clone()),
        limit_consent: Some(if limit {
            LimitConsent::Agreed
        } else {
            LimitConsent::NotAgreed
        }),
        reference_number: q.reference_number.clone(),
        ..Default::default()
    };
    if let Some((from, until, issued)) = dates::card(&q.insurer, &q.since, &q.lost, date) {
        r.insured_card_valid_date = Some(from);
        r.insured_card_expiration_date = opt(&until);
        r.insured_certificate_issuance_date = Some(issued);
    }
    if !q.elderly_ratio.is_empty() {
        let d = dates::elderly(&q.birth, &q.since, &q.lost, date);
        r.elderly_recipient = Some(xml::ElderlyRecipientCertificateInfo {
            contribution_ratio: Some(q.elderly_ratio.clone()),
            date: d.as_ref().map(|d| d.0.clone()),
            valid_start_date: d.as_ref().map(|d| d.1.clone()),
            valid_end_date: d.map(|d| d.2),
        });
    }
    // 限度額 only with its consent.
    if limit && !q.limit_class.is_empty() {
        let d = dates::limit(&q.since, &q.lost, date);
        r.limit_info = Some(xml::LimitApplicationCertificateRelatedInfo {
            classification: Some(LimitCertificateClass::from_code(&q.limit_class)),
            category: Some(LimitCategory::from_code(&q.limit_cat)),
            date: d.as_ref().map(|d| d.0.clone()),
            valid_start_date: d.as_ref().map(|d| d.1.clone()),
            valid_end_date: d.map(|d| d.2),
            ..Default::default()
        });
    }
    if let Some(g) = consents.get("GND") {
        r.limit_consent_time = Some(g.at.clone());
    }
    if let Some(ci) = card_consent {
        let flag = |f: &Option<ConsentFlag>| Some(f.clone().unwrap_or(ConsentFlag::No));
        r.specific_diseases_consent = flag(&ci.specific_diseases);
        r.pharmacists_consent = flag(&ci.pharmacists);
        r.checkups_consent = flag(&ci.checkups);
        r.diagnosis_consent = flag(&ci.diagnosis);
        r.operation_consent = flag(&ci.operation);
    }
    if let Some(g) = consents.get("TSR") {
        r.specific_diseases_consent_time = Some(g.at.clone());
        if !q.disease_cat.is_empty() {
            r.specific_diseases = Some(xml::SpecificDiseasesCertificateList {
                items: vec![xml::SpecificDiseasesCertificateInfo {
                    category: Some(SpecificDisease::from_code(&q.disease_cat)),
                    self_pay: opt(&q.disease_selfpay),
                    valid_start_date: Some(q.since.clone()),
                    ..Default::default()
                }],
            });
        }
    }
    if let Some(g) = consents.get("YZK") {
        r.pharmacists_consent_time = Some(g.at.clone());
        r.pharmacists_available_time = Some(g.until.clone());
    }
    if let Some(g) = consents.get("TKK") {
        r.checkups_consent_time = Some(g.at.clone());
        r.checkups_available_time = Some(g.until.clone());
    }
    if let Some(g) = consents.get("SRJ") {
        r.diagnosis_consent_time = Some(g.at.clone());
        r.diagnosis_available_time = Some(g.until.clone());
    }
    if let Some(g) = consents.get("SHJ") {
        r.operation_consent_time = Some(g.at.clone());
        r.operation_available_time = Some(g.until.clone());
    }
    add_welfare(&mut r, q, date);
    r
}

fn body_of(
    o: Outcome,
    date: &str,
    limit: bool,
    consents: &HashMap<&'static str, Given>,
    ci: Option<&xml::ConsentInfo>,
) -> xml::QualificationResultBody {
    xml::QualificationResultBody {
        result_list: (!o.results.is_empty()).then(|| xml::ResultList {
            items: o
                .results
                .iter()
                .map(|q| result_of(q, date, limit, consents, ci))
                .collect(),
        }),
        processing_result_status: o.status,
        processing_result_code: o.code,
        processing_result_message: o.message,
        qualification_validity: o.validity,
        ..Default::default()
    }
}

// ------------------------------------------------------------------ handlers

type St = AxState<Arc<State>>;

async fn individual(
    AxState(st): St,
    Extension(peer): Extension<Peer>,
    body: Bytes,
) -> Response<Body> {
    let (req, enc) = match parse::<xml::IndividualRequestRaw>(&body) {
        Ok(x) => x,
        Err((c, m)) => {
            return refuse::<xml::QualificationResultBody>(
                st.header(None, Encoding::Utf8),
                &c,
                &m,
                Encoding::Utf8,
            );
        }
    };
    let mut h = st.header(Some(&req.header), enc);
    h.reference_classification = Some(ReferenceClassification::InsuranceCard);
    if let Err((c, m)) = check_institution(&peer, &req.header) {
        return refuse::<xml::QualificationResultBody>(h, &c, &m, enc);
    }
    let search = req.body.search.unwrap_or_default();
    let date = h
        .qualification_confirmation_date
        .clone()
        .unwrap_or_default();
    let limit = text(&search.limit_consent) == Some("1");
    let out = match st.db.with(|c| {
        let mut o = qualify_person(&st, c, &search, &date)?;
        db::fill_reference_numbers(c, &peer.0, &mut o.results)?;
        Ok(o)
    }) {
        Ok(o) => o,
        Err(e) => return internal(e),
    };
    // The clinic obtained the 限度額 consent for this query: its time is the query's.
    let given = limit_consent_now(&st, limit);
    let mut b = body_of(out, &date, limit, &given, None);
    b.search = Some(search);
    reply(&xml::XmlMsg { header: h, body: b }, enc)
}

/// The 限度額 consent of a query by numbers, given by the clinic when it sent the query.
fn limit_consent_now(st: &State, limit: bool) -> HashMap<&'static str, Given> {
    let mut given = HashMap::new();
    if limit {
        let at = ymdhms(st.now());
        given.insert(
            "GND",
            Given {
                until: at.clone(),
                at,
            },
        );
    }
    given
}

async fn nonce(AxState(st): St, Extension(peer): Extension<Peer>, body: Bytes) -> Response<Body> {
    let (req, enc) = match parse::<xml::NonceRequest>(&body) {
        Ok(x) => x,
        Err((c, m)) => {
            return refuse::<xml::NonceBody>(
                st.header(None, Encoding::Utf8),
                &c,
                &m,
                Encoding::Utf8,
            );
        }
    };
    let h = st.header(Some(&req.header), enc);
    if let Err((c, m)) = check_institution(&peer, &req.header) {
        return refuse::<xml::NonceBody>(h, &c, &m, enc);
    }
    let raw: [u8; 32] = rand::random();
    let nonce = eligibility::card::b64(&raw);
    let expiry = st.now() + NONCE_TTL;
    {
        let mut n = st.nonces.lock().expect("nonce lock");
        let now = st.now();
        n.retain(|_, (_, exp)| *exp > now);
        n.insert(nonce.clone(), (peer.0.clone(), expiry));
    }
    reply(
        &xml::XmlMsg {
            header: h,
            body: xml::NonceBody {
                nonce,
                expiry_time: ymdhms(expiry),
            },
        },
        enc,
    )
}

/// Checks nonce, certificate and signature; returns the link key or (code, message).
fn authenticate(
    st: &State,
    peer: &Peer,
    auth: &xml::CardAuthenticationInfo,
) -> Result<(String, String), (String, String)> {
    let bad_nonce = || {
        (
            "SIM-E0201".to_string(),
            "ノンスが無効か期限切れです。もう一度カードを読み取ってください。".to_string(),
        )
    };
    let entry = st
        .nonces
        .lock()
        .expect("nonce lock")
        .remove(auth.nonce.trim());
    match entry {
        Some((inst, exp)) if inst == peer.0 && exp > st.now() => {}
        _ => return Err(bad_nonce()),
    }
    let msg = eligibility::card::signed_message(&auth.nonce).map_err(|_| bad_nonce())?;
    let refusal = |r: CardRefusal| (r.code().to_string(), r.message().to_string());
    let cert = eligibility::card::unb64(&auth.user_certificate)
        .ok_or_else(|| refusal(CardRefusal::NotACertificate))?;
    let sig = eligibility::card::unb64(&auth.signature)
        .ok_or_else(|| refusal(CardRefusal::BadSignature))?;
    st.trust
        .verify(&cert, &msg, &sig, st.now().unix_timestamp())
        .map_err(refusal)
}

async fn card_query(
    AxState(st): St,
    Extension(peer): Extension<Peer>,
    body: Bytes,
) -> Response<Body> {
    let (req, enc) = match parse::<xml::CardQueryRequest>(&body) {
        Ok(x) => x,
        Err((c, m)) => {
            return refuse::<xml::QualificationResultBody>(
                st.header(None, Encoding::Utf8),
                &c,
                &m,
                Encoding::Utf8,
            );
        }
    };
    let mut h = st.header(Some(&req.header), enc);
    h.reference_classification = Some(ReferenceClassification::Card);
    if let Err((c, m)) = check_institution(&peer, &req.header) {
        return refuse::<xml::QualificationResultBody>(h, &c, &m, enc);
    }
    let (serial, issuer) = match authenticate(&st, &peer, &req.body.auth) {
        Ok(k) => k,
        Err((c, m)) => return refuse::<xml::QualificationResultBody>(h, &c, &m, enc),
    };
    let date = h
        .qualification_confirmation_date
        .clone()
        .unwrap_or_default();
    let ci = req.body.consent;
    let now = st.now();
    let result = st.db.with(|c| {
        let Some(key) = db::linked_key(c, &serial, &issuer)? else {
            return Ok((
                error_outcome(
                    "SIM-E0220",
                    "このカードは健康保険証としての利用登録がされていません。カードリーダーで利用登録をしてください。".into(),
                ),
                HashMap::new(),
            ));
        };
        let mut rows = db::quals_by_key(c, &key)?;
        db::fill_reference_numbers(c, &peer.0, &mut rows)?;
        let out = match rows.iter().find(|q| q.valid_on(&date)) {
            Some(q) => Outcome {
                status: Some(ProcessingResultStatus::Normal),
                validity: Some(valid_validity(q)),
                results: vec![q.clone()],
                ..Default::default()
            },
            None => Outcome {
                status: Some(ProcessingResultStatus::Normal),
                validity: Some(if rows.is_empty() {
                    QualificationValidity::NotFound
                } else {
                    QualificationValidity::Invalid
                }),
                results: rows.last().cloned().into_iter().collect(),
                ..Default::default()
            },
        };
        // Record this visit's consents: they open drug / checkup / … viewing for 24 h.
        let mut given = HashMap::new();
        let at = ymdhms(now);
        let until = ymdhms(now + CONSENT_WINDOW);
        let yes = |f: &Option<ConsentFlag>| *f == Some(ConsentFlag::Yes);
        let kinds: [(&'static str, bool); 6] = [
            ("GND", ci.limit == Some(LimitConsent::Agreed)),
            ("TSR", yes(&ci.specific_diseases)),
            ("YZK", yes(&ci.pharmacists)),
            ("TKK", yes(&ci.checkups)),
            ("SRJ", yes(&ci.diagnosis)),
            ("SHJ", yes(&ci.operation)),
        ];
        for (kind, on) in kinds {
            if on {
                db::add_consent(c, &key, &peer.0, kind, &at, &until)?;
                given.insert(kind, Given { at: at.clone(), until: until.clone() });
            }
        }
        Ok((out, given))
    });
    let (out, given) = match result {
        Ok(x) => x,
        Err(e) => return internal(e),
    };
    let limit = ci.limit == Some(LimitConsent::Agreed);
    let mut b = body_of(out, &date, limit, &given, Some(&ci));
    b.prescription_issue_select = ci.prescription_issue.clone();
    reply(&xml::XmlMsg { header: h, body: b }, enc)
}

async fn registration(
    AxState(st): St,
    Extension(peer): Extension<Peer>,
    body: Bytes,
) -> Response<Body> {
    let (req, enc) = match parse::<xml::RegistrationRequest>(&body) {
        Ok(x) => x,
        Err((c, m)) => {
            return refuse::<xml::OutcomeBody>(
                st.header(None, Encoding::Utf8),
                &c,
                &m,
                Encoding::Utf8,
            );
        }
    };
    let h = st.header(Some(&req.header), enc);
    if let Err((c, m)) = check_institution(&peer, &req.header) {
        return refuse::<xml::OutcomeBody>(h, &c, &m, enc);
    }
    let (serial, issuer) = match authenticate(&st, &peer, &req.body.auth) {
        Ok(k) => k,
        Err((c, m)) => return refuse::<xml::OutcomeBody>(h, &c, &m, enc),
    };
    let date = h
        .qualification_confirmation_date
        .clone()
        .unwrap_or_default();
    let at = ymdhms(st.now());
    let out = st.db.with(|c| {
        if db::linked_key(c, &serial, &issuer)?.is_some() {
            return Ok(error_outcome("SIM-E0231", "このカードは既に利用登録されています。".into()));
        }
        // Agreement only: the person the insurers' records name for this card (layout and
        // codes: eligibility::xml).
        let Some(search) = &req.body.search else {
            return Ok(match db::known_key(c, &serial, &issuer)? {
                Some(key) => {
                    db::link(c, &serial, &issuer, &key, &at)?;
                    Outcome {
                        status: Some(ProcessingResultStatus::Normal),
                        ..Default::default()
                    }
                }
                None => error_outcome(
                    "SIM-E0233",
                    "保険者の記録にこのカードの方が見つかりません。保険証の記号・番号で登録してください。".into(),
                ),
            });
        };
        let o = qualify(c, search, &date)?;
        if o.validity != Some(QualificationValidity::Valid) || o.results.len() != 1 {
            return Ok(error_outcome(
                "SIM-E0232",
                "入力された保険証の情報で有効な資格が見つかりません。保険証の記号・番号・生年月日を確認してください。".into(),
            ));
        }
        db::link(c, &serial, &issuer, &o.results[0].key, &at)?;
        Ok(Outcome {
            status: Some(ProcessingResultStatus::Normal),
            ..Default::default()
        })
    });
    match out {
        Ok(o) => reply(
            &xml::XmlMsg {
                header: h,
                body: xml::OutcomeBody {
                    processing_result_status: o.status,
                    processing_result_code: o.code,
                    processing_result_message: o.message,
                },
            },
            enc,
        ),
        Err(e) => internal(e),
    }
}

/// Most rows of a bulk 照会番号 registration.
pub const REFNO_BULK_MAX: usize = 10_000;

async fn refno_single(
    AxState(st): St,
    Extension(peer): Extension<Peer>,
    body: Bytes,
) -> Response<Body> {
    refno_register(&st, &peer, &body, 1)
}

async fn refno_bulk(
    AxState(st): St,
    Extension(peer): Extension<Peer>,
    body: Bytes,
) -> Response<Body> {
    refno_register(&st, &peer, &body, REFNO_BULK_MAX)
}

/// One row of a 照会番号 registration: the person the numbers name, or the row's error.
fn refno_row(
    c: &rusqlite::Connection,
    inst: &str,
    row: &xml::RefNoInfo,
    at: &str,
) -> Result<xml::RefNoResultUnit> {
    let refused = |code: &str, msg: String| xml::RefNoResultUnit {
        reference_number: row.reference_number.clone(),
        processing_result_status: Some(ProcessingResultStatus::Error),
        processing_result_code: Some(code.into()),
        processing_result_message: Some(msg),
    };
    let refno = match text(&row.reference_number).map(str::parse::<ReferenceNumber>) {
        Some(Ok(r)) => r,
        _ => {
            return Ok(refused(
                "SIM-E0401",
                "照会番号は1文字以上50文字以下で、制御文字を含めずに指定してください。".into(),
            ));
        }
    };
    let search = xml::SearchInfoRaw {
        insurer_number: row.insurer_number.clone(),
        insured_card_symbol: row.insured_card_symbol.clone(),
        insured_identification_number: row.insured_identification_number.clone(),
        insured_branch_number: row.insured_branch_number.clone(),
        birthdate: row.birthdate.clone(),
        ..Default::default()
    };
    let k = match keys_with(&search, false) {
        Ok(k) => k,
        Err(o) => {
            return Ok(refused(
                o.code.as_deref().unwrap_or("SIM-E0101"),
                o.message.unwrap_or_default(),
            ));
        }
    };
    let rows = find_by_numbers(c, &k)?;
    let mut people: Vec<&str> = rows.iter().map(|q| q.key.as_str()).collect();
    people.sort();
    people.dedup();
    match people.as_slice() {
        [] => Ok(refused("SIM-E0402", "該当する資格がありません。".into())),
        [key] => {
            db::set_reference_number(c, inst, key, refno.as_str(), at)?;
            Ok(xml::RefNoResultUnit {
                reference_number: Some(refno.to_string()),
                processing_result_status: Some(ProcessingResultStatus::Normal),
                ..Default::default()
            })
        }
        _ => Ok(refused(
            "SIM-E0403",
            "複数の方が該当します。枝番または生年月日を指定してください。".into(),
        )),
    }
}

/// 照会番号 registration (PROPOSED layout, see `eligibility::link`): each row is registered
/// on its own, in one transaction; the answer has one unit per row.
fn refno_register(st: &State, peer: &Peer, body: &[u8], max: usize) -> Response<Body> {
    let (req, enc) = match parse::<xml::RefNoRequest>(body) {
        Ok(x) => x,
        Err((c, m)) => {
            return refuse::<xml::RefNoResultBody>(
                st.header(None, Encoding::Utf8),
                &c,
                &m,
                Encoding::Utf8,
            );
        }
    };
    let mut h = st.header(Some(&req.header), enc);
    h.qualification_confirmation_date = None;
    if let Err((c, m)) = check_institution(peer, &req.header) {
        return refuse::<xml::RefNoResultBody>(h, &c, &m, enc);
    }
    let n = req.body.items.len();
    if n == 0 || n > max {
        return refuse::<xml::RefNoResultBody>(
            h,
            "SIM-E0404",
            &format!("照会番号の登録は1件以上{max}件以下で送信してください（{n}件）。"),
            enc,
        );
    }
    let at = ymdhms(st.now());
    let units = st.db.with(|c| {
        let tx = c.transaction()?;
        let units = req
            .body
            .items
            .iter()
            .map(|r| refno_row(&tx, &peer.0, r, &at))
            .collect::<Result<Vec<_>>>()?;
        tx.commit()?;
        Ok(units)
    });
    let units = match units {
        Ok(u) => u,
        Err(e) => return internal(e),
    };
    let errors = units
        .iter()
        .filter(|u| u.processing_result_status != Some(ProcessingResultStatus::Normal))
        .count();
    if max > 1 {
        h.number_of_processing_result = Some(n.to_string());
        h.number_of_normal_processing = Some((n - errors).to_string());
        h.number_of_error = Some(errors.to_string());
    }
    reply(
        &xml::XmlMsg {
            header: h,
            body: xml::RefNoResultBody {
                processing_result_status: Some(if errors == 0 {
                    ProcessingResultStatus::Normal
                } else {
                    ProcessingResultStatus::Error
                }),
                units,
            },
        },
        enc,
    )
}

async fn batch_upload(
    AxState(st): St,
    Extension(peer): Extension<Peer>,
    body: Bytes,
) -> Response<Body> {
    let (req, enc) = match parse::<xml::BulkUploadRequestRaw>(&body) {
        Ok(x) => x,
        Err((c, m)) => {
            return refuse::<xml::BulkReceiptBody>(
                st.header(None, Encoding::Utf8),
                &c,
                &m,
                Encoding::Utf8,
            );
        }
    };
    let h = st.header(Some(&req.header), enc);
    if let Err((c, m)) = check_institution(&peer, &req.header) {
        return refuse::<xml::BulkReceiptBody>(h, &c, &m, enc);
    }
    let n = req.body.items.len();
    if n == 0 || n > BATCH_MAX {
        return refuse::<xml::BulkReceiptBody>(
            h,
            "SIM-E0301",
            &format!("一括照会は1件以上{BATCH_MAX}件以下で送信してください（{n}件）。"),
            enc,
        );
    }
    let now = st.now();
    let seq = st.batch_seq.fetch_add(1, Ordering::Relaxed) + 1;
    let reception = format!(
        "R{}{:06}{:04}",
        ymdhms(now),
        seq,
        rand::random::<u16>() % 10000
    );
    // The key names the list, the digest its rows: the same key with other rows is refused
    // rather than silently answered with another list's result.
    let file_id = text(&req.header.arbitrary_file_identifier).map(str::to_string);
    let digest = {
        use sha2::Digest;
        let rows = xml::to_xml(&req.body, Encoding::Utf8).unwrap_or_default();
        hex::encode(sha2::Sha256::new_with_prefix(&rows).finalize())
    };
    // The upload is stored with the batch in one transaction before the 受付番号 is
    // answered: processing reads it back from the database, so a restart loses nothing.
    let accepted = st.db.with(|c| {
        db::bulk_accept(
            c,
            &db::NewBulk {
                reception: &reception,
                institution: &peer.0,
                file_id: file_id.as_deref(),
                digest: &digest,
                at: &ymdhms(now),
                request: &body,
            },
        )
    });
    let reception = match accepted {
        Err(e) => return internal(e),
        Ok(db::Accepted::KeyReused) => {
            return refuse::<xml::BulkReceiptBody>(
                h,
                "SIM-E0304",
                "この任意ファイル識別子は別の一括照会に使われています。新しい識別子で送信してください。",
                enc,
            );
        }
        Ok(db::Accepted::Again(r)) => {
            tracing::info!("一括照会 re-sent with the same key: same reception");
            r
        }
        Ok(db::Accepted::New(r)) => {
            st.spawn_batch(r.clone());
            r
        }
    };
    reply(
        &xml::XmlMsg {
            header: h,
            body: xml::BulkReceiptBody {
                reception_number: Some(reception),
                reception_date_time: Some(ymdhms(now)),
            },
        },
        enc,
    )
}

impl State {
    /// Processes a stored batch on the blocking pool (unless batches are held for a test).
    pub(super) fn spawn_batch(self: &Arc<Self>, reception: String) {
        if self.hold_batches {
            return;
        }
        let st = self.clone();
        tokio::task::spawn_blocking(move || st.run_batch(&reception));
    }

    /// Processes a batch from its stored upload; on any failure the batch is marked failed
    /// (answered SIM-E0303) instead of staying 処理中 for ever.
    fn run_batch(&self, reception: &str) {
        // A panic in processing counts as a failure too: the batch must not stay 処理中.
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            self.process_batch(reception)
        }))
        .unwrap_or_else(|_| Err(CentreError::BatchPanicked));
        if let Err(e) = outcome {
            tracing::error!(reception, "一括照会 failed: {e}");
            if let Err(e) = self.db.with(|c| db::bulk_finish(c, reception, None)) {
                tracing::error!(reception, "cannot mark the 一括照会 failed: {e}");
            }
        }
    }

    fn process_batch(&self, reception: &str) -> Result<()> {
        let fail = self.faults.read().expect("faults lock").batch_fail_rate;
        if fail > 0.0 && rand::random::<f64>() < fail {
            return Err(CentreError::BatchFault);
        }
        let (request, received_at) = self
            .db
            .with(|c| db::bulk_request(c, reception))?
            .ok_or_else(|| CentreError::Db(rusqlite::Error::QueryReturnedNoRows))?;
        let enc = xml::detect_encoding(&request).unwrap_or(Encoding::Utf8);
        let req: xml::BulkUploadRequestRaw = xml::from_xml(&request)?;
        let mut h = self.header(Some(&req.header), enc);
        h.reception_number = Some(reception.to_string());
        // Without a 資格確認日 the batch is judged on the day it was received, also when it
        // is resumed after a restart on a later day.
        if text(&req.header.qualification_confirmation_date).is_none() {
            h.qualification_confirmation_date = Some(received_at.chars().take(8).collect());
        }
        let date = h
            .qualification_confirmation_date
            .clone()
            .unwrap_or_default();
        let institution = req.header.medical_institution_code.trim().to_string();
        let units = self.db.with(|c| {
            let mut units = Vec::with_capacity(req.body.items.len());
            for s in req.body.items {
                let limit = text(&s.limit_consent) == Some("1");
                let mut o = qualify_person(self, c, &s, &date)?;
                db::fill_reference_numbers(c, &institution, &mut o.results)?;
                // PROPOSED: a batch row of an old card (無効（新しい資格あり）) carries the newer
                // qualification, so the clinic sees the new insurer before the visit.
                let newer = match (&o.validity, o.results.first()) {
                    (Some(QualificationValidity::InvalidNewQualification), Some(old)) => {
                        let mut rows = db::quals_by_key(c, &old.key)?;
                        db::fill_reference_numbers(c, &institution, &mut rows)?;
                        rows.into_iter().find(|q| q.valid_on(&date))
                    }
                    _ => None,
                };
                let given = limit_consent_now(self, limit);
                let result = newer.as_ref().or(o.results.first()).map(|q| {
                    let mut r = result_of(q, &date, limit, &given, None);
                    // 一括照会 results say whether the 限度額 information changed (OQSCD014).
                    r.limit_certificate_changed =
                        Some(if q.limit_changed { "1" } else { "0" }.into());
                    r
                });
                let reference_number = result.as_ref().and_then(|r| r.reference_number.clone());
                units.push(xml::BulkConfirmUnit {
                    search: Some(s),
                    processing_result_status: o.status,
                    processing_result_code: o.code,
                    processing_result_message: o.message,
                    qualification_validity: o.validity,
                    result,
                    reference_number,
                });
            }
            Ok(units)
        })?;
        let errors = units
            .iter()
            .filter(|u| u.processing_result_status == Some(ProcessingResultStatus::Error))
            .count();
        h.number_of_processing_result = Some(units.len().to_string());
        h.number_of_normal_processing = Some((units.len() - errors).to_string());
        h.number_of_error = Some(errors.to_string());
        let bytes = xml::to_xml(
            &xml::XmlMsg {
                header: h,
                body: xml::BulkResultBody { units },
            },
            enc,
        )?;
        self.db
            .with(|c| db::bulk_finish(c, reception, Some(&bytes)))
    }

    /// Batches accepted before a stop and never finished: processed again at start-up.
    pub(super) fn resume_batches(self: &Arc<Self>) -> Result<usize> {
        let open = self.db.with(|c| db::bulk_unfinished(c))?;
        let n = open.len();
        for r in open {
            self.spawn_batch(r);
        }
        if n > 0 {
            tracing::info!(n, "resuming 一括照会 accepted before the last stop");
        }
        Ok(n)
    }

    pub(super) fn receptions(&self, institution: &str) -> Result<Vec<String>> {
        self.db.with(|c| db::bulk_receptions(c, institution))
    }
}

async fn batch_download(
    AxState(st): St,
    Extension(peer): Extension<Peer>,
    body: Bytes,
) -> Response<Body> {
    let (req, enc) = match parse::<xml::BulkDownloadRequest>(&body) {
        Ok(x) => x,
        Err((c, m)) => {
            return refuse::<xml::BulkResultBody>(
                st.header(None, Encoding::Utf8),
                &c,
                &m,
                Encoding::Utf8,
            );
        }
    };
    let mut h = st.header(Some(&req.header), enc);
    if let Err((c, m)) = check_institution(&peer, &req.header) {
        return refuse::<xml::BulkResultBody>(h, &c, &m, enc);
    }
    let rec = req.body.reception_number.trim().to_string();
    h.reception_number = Some(rec.clone());
    match st.db.with(|c| db::bulk_get(c, &rec, &peer.0)) {
        Err(e) => internal(e),
        Ok(None) => refuse::<xml::BulkResultBody>(
            h,
            "SIM-E0302",
            "指定された受付番号の一括照会はありません。",
            enc,
        ),
        Ok(Some((db::BULK_DONE, Some(bytes)))) => {
            let stored_enc = xml::detect_encoding(&bytes).unwrap_or(Encoding::Utf8);
            xml_response(bytes, stored_enc)
        }
        Ok(Some((db::BULK_FAILED, _))) => refuse::<xml::BulkResultBody>(
            h,
            "SIM-E0303",
            "この一括照会は処理できませんでした。新しい任意ファイル識別子で一覧をもう一度送信してください。",
            enc,
        ),
        Ok(Some(_)) => {
            h.segment_of_result = Some(SegmentOfResult::Processing);
            reply(
                &xml::XmlMsg {
                    header: h,
                    body: xml::BulkResultBody::default(),
                },
                enc,
            )
        }
    }
}

/// Shared front of YZK / TKK: the person and whether viewing is allowed now.
fn medical_gate(
    st: &State,
    peer: &Peer,
    req: &xml::MedicalInfoRequest,
    kind: &str,
) -> Result<Result<Qual, String>> {
    if req.header.medical_institution_code.trim() != peer.0 {
        return Ok(Err(
            "医療機関コードがクライアント証明書と一致しません。".into()
        ));
    }
    let pharmacy = peer
        .0
        .parse::<InstitutionCode>()
        .is_ok_and(|c| c.kind() == InstitutionKind::Pharmacy);
    if kind == "TKK" && pharmacy && !st.checkup_viewable_by_pharmacy {
        return Ok(Err("薬局では特定健診情報を閲覧できません。".into()));
    }
    let h = &req.header;
    let search = xml::SearchInfoRaw {
        insurer_number: h.insurer_number.clone(),
        insured_card_symbol: h.insurance_card_symbol.clone(),
        insured_identification_number: h.insured_person_identification_number.clone(),
        insured_branch_number: h.branch_number.clone(),
        birthdate: h.birthdate.clone(),
        ..Default::default()
    };
    let now = ymdhms(st.now());
    let disaster = text(&req.body.disaster_mode) == Some("1");
    if disaster && st.disaster_active(&peer.0, &now)?.is_none() {
        return Ok(Err(
            "災害時モードは現在この医療機関では有効ではありません。".into(),
        ));
    }
    st.db.with(|c| {
        // Real レセコン requests (OQSDrug2) carry no birth date: the numbers must then name
        // one person.
        let k = match keys_with(&search, false) {
            Ok(k) => k,
            Err(o) => return Ok(Err(o.message.unwrap_or_default())),
        };
        let rows = find_by_numbers(c, &k)?;
        let mut people: Vec<&str> = rows.iter().map(|q| q.key.as_str()).collect();
        people.sort();
        people.dedup();
        if people.len() != 1 {
            return Ok(Err("該当する資格がありません。".into()));
        }
        let q = rows[0].clone();
        if !disaster && db::open_consent(c, &q.key, &peer.0, kind, &now)?.is_none() {
            return Ok(Err(match kind {
                "YZK" => "薬剤情報の閲覧に同意がありません（同意は本日の資格確認から24時間有効です）。",
                _ => "特定健診情報の閲覧に同意がありません（同意は本日の資格確認から24時間有効です）。",
            }
            .into()));
        }
        Ok(Ok(q))
    })
}

fn medical_header(
    st: &State,
    peer: &Peer,
    refusal: Option<String>,
) -> xml::MedicalInfoResponseHeader {
    xml::MedicalInfoResponseHeader {
        process_execution_time: Some(ymdhms(st.now())),
        medical_institution_code: Some(peer.0.clone()),
        result_code: Some(if refusal.is_some() { "2" } else { "1" }.into()),
        message_contents: refusal,
        ..Default::default()
    }
}

/// Parses a 薬剤 / 特定健診 request and passes it through the policy and consent gate. A refusal
/// comes back as the ready reply: the kind's result message (made by `refusal` from the
/// header) with an empty body.
fn medical_request<R: serde::Serialize>(
    st: &State,
    peer: &Peer,
    body: &[u8],
    kind: &str,
    refusal: impl Fn(xml::MedicalInfoResponseHeader) -> R,
) -> std::result::Result<(xml::MedicalInfoRequest, Encoding, Qual), Box<Response<Body>>> {
    let refuse = |m: String, enc| Box::new(reply(&refusal(medical_header(st, peer, Some(m))), enc));
    let (req, enc) =
        parse::<xml::MedicalInfoRequest>(body).map_err(|(_, m)| refuse(m, Encoding::Utf8))?;
    match medical_gate(st, peer, &req, kind) {
        Err(e) => Err(Box::new(internal(e))),
        Ok(Err(m)) => Err(refuse(m, enc)),
        Ok(Ok(q)) => Ok((req, enc, q)),
    }
}

async fn drug_info(
    AxState(st): St,
    Extension(peer): Extension<Peer>,
    body: Bytes,
) -> Response<Body> {
    let (req, enc, q) = match medical_request(&st, &peer, &body, "YZK", |header| xml::DrugResult {
        header,
        body: Default::default(),
    }) {
        Ok(x) => x,
        Err(refused) => return *refused,
    };
    let from = text(&req.body.start_date).unwrap_or("000000").to_string();
    let to = text(&req.body.end_date).unwrap_or("999999").to_string();
    let rows = match st.db.with(|c| db::drugs(c, &q.key, &from, &to)) {
        Ok(r) => r,
        Err(e) => return internal(e),
    };
    let mut months: Vec<xml::MeTrMonthInf> = Vec::new();
    for r in rows {
        if months.last().and_then(|m| m.month.as_deref()) != Some(r[0].as_str()) {
            months.push(xml::MeTrMonthInf {
                month: Some(r[0].clone()),
                institution_code: Some(r[2].clone()),
                institution_name: Some(r[3].clone()),
                dates: Some(Default::default()),
                drugs: Some(Default::default()),
                ..Default::default()
            });
        }
        let m = months.last_mut().expect("pushed");
        if let Some(d) = m.dates.as_mut() {
            d.items.push(xml::DiDateInf {
                di_date: Some(r[1].clone()),
                pr_date: Some(r[1].clone()),
            });
        }
        if let Some(d) = m.drugs.as_mut() {
            d.items.push(xml::DrugInf {
                code: Some(r[4].clone()),
                name: Some(r[5].clone()),
                ingredient: Some(r[6].clone()),
                quantity: Some(r[7].clone()),
                unit: Some(r[8].clone()),
                usage: Some(r[9].clone()),
                times: Some(r[10].clone()),
            });
        }
    }
    let mut h = medical_header(&st, &peer, None);
    h.qua_inf = Some(xml::QuaInf {
        name: Some(q.name.clone()),
        kana_name: Some(q.kana.clone()),
        birth: Some(q.birth.clone()),
        adm_gend_code: Some(q.sex.to_string()),
    });
    reply(
        &xml::DrugResult {
            header: h,
            body: xml::DrugResultBody { months },
        },
        enc,
    )
}

async fn checkup_info(
    AxState(st): St,
    Extension(peer): Extension<Peer>,
    body: Bytes,
) -> Response<Body> {
    let (_, enc, q) = match medical_request(&st, &peer, &body, "TKK", |header| xml::CheckupResult {
        header,
        body: Default::default(),
    }) {
        Ok(x) => x,
        Err(refused) => return *refused,
    };
    let rows = match st.db.with(|c| db::checkups(c, &q.key)) {
        Ok(r) => r,
        Err(e) => return internal(e),
    };
    let mut checkups: Vec<xml::SpecificHealthCheckupInfo> = Vec::new();
    for r in rows {
        if checkups.last().and_then(|c| c.effective_time.as_deref()) != Some(r[0].as_str()) {
            checkups.push(xml::SpecificHealthCheckupInfo {
                effective_time: Some(r[0].clone()),
                items: Some(Default::default()),
            });
        }
        if let Some(items) = checkups.last_mut().and_then(|c| c.items.as_mut()) {
            items.items.push(xml::HealthCheckupItem {
                item_code: Some(r[1].clone()),
                item_name: Some(r[2].clone()),
                data_type: Some("PQ".into()),
                data_value: Some(r[3].clone()),
                unit: Some(r[4].clone()),
            });
        }
    }
    let mut h = medical_header(&st, &peer, None);
    h.qualifications_info = Some(xml::QualificationsInfo {
        name: Some(q.name.clone()),
        kanas_name: Some(q.kana.clone()),
        birthday: Some(q.birth.clone()),
        administrative_gender_code: Some(q.sex.to_string()),
    });
    reply(
        &xml::CheckupResult {
            header: h,
            body: xml::CheckupResultBody { checkups },
        },
        enc,
    )
}

async fn disaster_status(
    AxState(st): St,
    Extension(peer): Extension<Peer>,
    body: Bytes,
) -> Response<Body> {
    let (req, enc) = match parse::<xml::DisasterStatusRequest>(&body) {
        Ok(x) => x,
        Err((c, m)) => {
            return refuse::<xml::DisasterStatusBody>(
                st.header(None, Encoding::Utf8),
                &c,
                &m,
                Encoding::Utf8,
            );
        }
    };
    let h = st.header(Some(&req.header), enc);
    if let Err((c, m)) = check_institution(&peer, &req.header) {
        return refuse::<xml::DisasterStatusBody>(h, &c, &m, enc);
    }
    let now = ymdhms(st.now());
    match st.disaster_active(&peer.0, &now) {
        Err(e) => internal(e),
        Ok(a) => {
            let body = match a {
                Some((area, start, end)) => xml::DisasterStatusBody {
                    active: "1".into(),
                    area_code: Some(area),
                    start_time: Some(start),
                    end_time: Some(end),
                },
                None => xml::DisasterStatusBody {
                    active: "0".into(),
                    ..Default::default()
                },
            };
            reply(&xml::XmlMsg { header: h, body }, enc)
        }
    }
}

fn plain(status: StatusCode, s: String) -> Response<Body> {
    Response::builder()
        .status(status)
        .body(Body::from(s))
        .expect("static response")
}

/// `POST /admin/faults?latency_ms=..&error_rate=..&malformed_rate=..&drop_rate=..`
async fn admin_faults(AxState(st): St, RawQuery(q): RawQuery) -> Response<Body> {
    let cur = *st.faults.read().expect("faults lock");
    match Faults::parse_query(q.as_deref().unwrap_or(""), cur) {
        Ok(f) => {
            *st.faults.write().expect("faults lock") = f;
            plain(StatusCode::OK, format!("{f:?}"))
        }
        Err(e) => plain(StatusCode::BAD_REQUEST, e.to_string()),
    }
}

/// `GET /admin/requests`: one line `PATH COUNT` per `/oqs/*` path requested so far.
async fn admin_requests(AxState(st): St) -> Response<Body> {
    let text: String = st
        .requests()
        .iter()
        .map(|(path, n)| format!("{path} {n}\n"))
        .collect();
    plain(StatusCode::OK, text)
}

/// `POST /admin/disaster?area=26100&start=YYYYMMDDHHmmss&end=YYYYMMDDHHmmss` (JST).
async fn admin_disaster(AxState(st): St, RawQuery(q): RawQuery) -> Response<Body> {
    let q = q.unwrap_or_default();
    match disaster_query(&q) {
        Err(e) => plain(StatusCode::BAD_REQUEST, e.to_string()),
        Ok((area, start, end)) => match st.db.with(|c| {
            c.execute(
                "INSERT INTO disaster (area, start, end) VALUES (?1, ?2, ?3)",
                rusqlite::params![area, start, end],
            )?;
            Ok(())
        }) {
            Ok(()) => plain(StatusCode::OK, "activated".into()),
            Err(e) => internal(e),
        },
    }
}

/// Checks `area`, `start`, `end` of an activation; the error names the parameter.
pub(crate) fn disaster_query(q: &str) -> Result<(String, String, String)> {
    let get = |k: &str| {
        q.split('&')
            .find_map(|kv| kv.strip_prefix(k).and_then(|r| r.strip_prefix('=')))
            .map(str::to_string)
            .ok_or_else(|| CentreError::Disaster {
                detail: format!("'{k}' is missing: give area, start and end"),
            })
    };
    let (area, start, end) = (get("area")?, get("start")?, get("end")?);
    if area.is_empty() || area.len() > 6 || !area.bytes().all(|b| b.is_ascii_digit()) {
        return Err(CentreError::Disaster {
            detail: "'area' must be a 市区町村コード or its prefix (1 to 6 digits)".into(),
        });
    }
    let fmt = time::macros::format_description!("[year][month][day][hour][minute][second]");
    for (k, v) in [("start", &start), ("end", &end)] {
        if v.len() != 14 || time::PrimitiveDateTime::parse(v, &fmt).is_err() {
            return Err(CentreError::Disaster {
                detail: format!("'{k}' must be a JST time YYYYMMDDHHmmss, e.g. 20261123090000"),
            });
        }
    }
    if start >= end {
        return Err(CentreError::Disaster {
            detail: "'end' must be after 'start'".into(),
        });
    }
    Ok((area, start, end))
}
