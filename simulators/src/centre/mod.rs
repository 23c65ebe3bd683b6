//! The central eligibility service simulator (central-sim): HTTPS with rustls that requires a
//! client certificate from its own institution CA, an SQLite store seeded from `assets/sim/`,
//! and the XmlMsg endpoints the desk uses (individual and card queries, 一括照会, drug and
//! checkup information, 保険証利用登録, 災害時 status) with the centre-side rules (consent
//! window, pharmacy policy, disaster areas). Faults (latency, errors, malformed replies,
//! dropped connections) can be set at start or through `/admin/faults`. Start it in-process
//! with [`Server::start`] or as the `central-sim` binary.
//!
//! Endpoints (PROPOSED: the real centre's URLs are not public; every body is an XmlMsg in
//! UTF-8 or Shift_JIS and the reply uses the request's encoding):
//!
//! | path | request → reply |
//! | --- | --- |
//! | `POST /oqs/siquc01` | `IndividualRequest` → `QualificationResponse` (照会区分 2) |
//! | `POST /oqs/card/nonce` | `NonceRequest` → `NonceResponse` (single use, 5 min, per institution) |
//! | `POST /oqs/card/siquc01` | `CardQueryRequest` → `QualificationResponse` (照会区分 1) |
//! | `POST /oqs/registration` | `RegistrationRequest` → `OutcomeResponse` (保険証利用登録) |
//! | `POST /oqs/muquc01` / `muquc02` | 一括照会 upload → 受付番号; download → `BulkResult` or 処理中 |
//! | `POST /oqs/yzk` / `tkk` | `MedicalInfoRequest` → `DrugResult` / `CheckupResult` |
//! | `POST /oqs/disaster` | `DisasterStatusRequest` → `DisasterStatusResponse` |
//! | `POST /oqs/siimm01` / `muimm01` | `RefNoRequest` (one row / up to 10,000) → `RefNoResponse` (照会番号 registration) |
//! | `POST /admin/faults?latency_ms=&error_rate=&malformed_rate=&drop_rate=&drop_after_rate=&person_error_rate=&batch_fail_rate=` | plain text |
//! | `POST /admin/disaster?area=&start=&end=` | plain text (times YYYYMMDDHHmmss JST) |
//! | `GET /admin/requests` | plain text, one line `PATH COUNT` per `/oqs/*` path received so far |
//!
//! Error codes are `SIM-Ennnn` (PROPOSED, 別紙6-1 is not public): 0001 malformed XML, 0003
//! institution code ≠ client certificate, 0101–0105 bad identifier (per person), 0201 nonce,
//! 0210–0214 card certificate / signature, 0220 card not registered, 0231–0233 registration
//! (0231 already registered, 0232 the numbers name no valid qualification, 0233 agreement only
//! and the insurers' records name no one: send the numbers),
//! 0301–0304 batch (0301 size, 0302 unknown 受付番号, 0303 processing failed: send the list
//! again with a new key, 0304 key already used for other rows), 0401–0404 照会番号
//! registration (0401 bad 照会番号, 0402 no such person, 0403 several people: add 枝番 or
//! 生年月日, 0404 row count).
//!
//! A 照会番号 is stored per institution and person and comes back as `ReferenceNumber` in
//! every later result of that person to that institution: queries by numbers, card visits and
//! 一括照会 rows. YZK / TKK requests may leave out the birth date (as real レセコン do) when the
//! numbers name one person. The dates and ratios a result derives (card dates, which results
//! carry `InsuredPartialContributionRatio`, 高齢受給者 and 限度額 periods) are the rules of
//! `dates.rs`, written down there.
//!
//! 一括照会 is durable: the upload is stored with its batch in one SQLite transaction before
//! the 受付番号 is answered, processed from the database, and batches left unfinished by a stop
//! are processed again at the next start. An upload's ArbitraryFileIdentifier is its
//! idempotency key: the same key and rows get the same 受付番号 again.

pub mod cardauth;
mod dates;
pub mod db;
mod error;
pub mod pki;
pub(crate) mod service;

pub use error::CentreError;
use error::Result;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use time::OffsetDateTime;

/// Faults injected into `/oqs/*` replies, for testing clients.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Faults {
    /// Added to every reply.
    pub latency_ms: u64,
    /// Share of requests answered HTTP 503.
    pub error_rate: f64,
    /// Share of replies that are cut-off XML.
    pub malformed_rate: f64,
    /// Share of requests whose connection is closed without a reply, before the handler runs.
    pub drop_rate: f64,
    /// Share of requests whose connection is closed after the handler ran: the work is done
    /// (e.g. a batch accepted) but the reply is lost.
    pub drop_after_rate: f64,
    /// Share of people (an insurance-card check, or a row of a 一括照会) answered エラー
    /// SIM-E0199: the request was fine, this one person's record could not be read.
    pub person_error_rate: f64,
    /// Share of 一括照会 the centre fails while processing (answered SIM-E0303).
    pub batch_fail_rate: f64,
}

impl Faults {
    /// Parses `latency_ms=..&error_rate=..&malformed_rate=..&drop_rate=..&drop_after_rate=..&person_error_rate=..&batch_fail_rate=..`
    /// (any subset); an error names the key at fault.
    pub fn parse_query(q: &str, mut base: Faults) -> Result<Faults> {
        for kv in q.split(['&', ',']).filter(|s| !s.is_empty()) {
            let fault = |detail: &str| CentreError::Fault {
                key: kv.split('=').next().unwrap_or(kv).to_string(),
                detail: detail.to_string(),
            };
            let (k, v) = kv.split_once('=').ok_or_else(|| fault("no value"))?;
            let rate = |v: &str| {
                v.parse::<f64>()
                    .ok()
                    .filter(|r| (0.0..=1.0).contains(r))
                    .ok_or_else(|| fault("not a rate from 0.0 to 1.0"))
            };
            match k {
                "latency_ms" => {
                    base.latency_ms = v.parse().map_err(|_| fault("not a whole number of ms"))?
                }
                "error_rate" => base.error_rate = rate(v)?,
                "malformed_rate" => base.malformed_rate = rate(v)?,
                "drop_rate" => base.drop_rate = rate(v)?,
                "drop_after_rate" => base.drop_after_rate = rate(v)?,
                "person_error_rate" => base.person_error_rate = rate(v)?,
                "batch_fail_rate" => base.batch_fail_rate = rate(v)?,
                _ => return Err(fault("unknown fault")),
            }
        }
        Ok(base)
    }
}

/// How to run the centre.
#[derive(Debug, Clone)]
pub struct Config {
    /// Where to listen, e.g. `127.0.0.1:0`.
    pub listen: SocketAddr,
    /// SQLite file (created and seeded when empty).
    pub db: PathBuf,
    /// Institution CA, server and client certificates live here.
    pub state_dir: PathBuf,
    /// `assets/sim`.
    pub seed_dir: PathBuf,
    /// `assets/personas` (their auth certificates are linked at seed time).
    pub personas_dir: PathBuf,
    /// Test JPKI auth CA (DER) and its CRL (DER).
    pub jpki_ca: PathBuf,
    pub jpki_crl: Option<PathBuf>,
    /// Fixed clock for tests; `None` = the real clock.
    pub now: Option<OffsetDateTime>,
    pub faults: Faults,
    /// PROPOSED policy switch `checkupViewableByPharmacy` (default false, as the seed asks).
    pub checkup_viewable_by_pharmacy: bool,
    /// Tokio worker threads.
    pub workers: usize,
    /// Tests only: accept 一括照会 uploads but do not process them, as if the centre stopped
    /// right after answering the 受付番号 (a later start without it resumes them).
    pub hold_batches: bool,
}

fn repo_assets() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../assets")
}

impl Config {
    /// Defaults for this repository: seed and PKI from `assets/`, database in the state dir.
    pub fn new(state_dir: impl Into<PathBuf>) -> Config {
        let state_dir = state_dir.into();
        let assets = repo_assets();
        Config {
            listen: "127.0.0.1:0".parse().expect("literal address"),
            db: state_dir.join("centre.sqlite"),
            state_dir,
            seed_dir: assets.join("sim"),
            personas_dir: assets.join("personas"),
            jpki_ca: assets.join("pki/jpki-auth-ca.crt.der"),
            jpki_crl: Some(assets.join("pki/jpki-auth-ca.crl.der")),
            now: None,
            faults: Faults::default(),
            checkup_viewable_by_pharmacy: false,
            workers: 2,
            hold_batches: false,
        }
    }
}

/// A running centre; shuts down when dropped.
pub struct RunningCentre {
    url: String,
    addr: SocketAddr,
    ca: PathBuf,
    client: pki::ClientFiles,
    default_institution: String,
    state: Arc<service::State>,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl RunningCentre {
    /// `https://127.0.0.1:PORT`
    pub fn url(&self) -> &str {
        &self.url
    }
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }
    /// The institution CA (PEM) the client must pin.
    pub fn ca_path(&self) -> &Path {
        &self.ca
    }
    /// Client certificate / key (PEM) of the default institution.
    pub fn client_cert_path(&self) -> &Path {
        &self.client.cert
    }
    pub fn client_key_path(&self) -> &Path {
        &self.client.key
    }
    /// 医療機関コード of the default institution (first of `institutions.toml`).
    pub fn default_institution(&self) -> &str {
        &self.default_institution
    }
    /// A client certificate for another institution.
    pub fn issue_client_cert(&self, code: &str) -> Result<pki::ClientFiles> {
        self.state.issue_client(code)
    }
    /// Changes the faults at once (same effect as `/admin/faults`).
    pub fn set_faults(&self, f: Faults) {
        *self.state.faults.write().expect("faults lock") = f;
    }
    /// Sets the centre's clock (`None` = the real clock), e.g. to let a consent run out.
    pub fn set_now(&self, now: Option<OffsetDateTime>) {
        *self.state.now.write().expect("clock lock") = now;
    }
    /// Activates 災害時 look-up for an area (市区町村コード or its prefix) between two times.
    pub fn activate_disaster(
        &self,
        area: &str,
        start: OffsetDateTime,
        end: OffsetDateTime,
    ) -> Result<()> {
        self.state.activate_disaster(area, start, end)
    }
    /// The `/oqs/*` requests received so far, per path (counted on arrival, before any
    /// fault): what a client really sent, for tests that claim it sent nothing.
    pub fn requests(&self) -> std::collections::BTreeMap<String, u64> {
        self.state.requests()
    }
    /// 受付番号 of every 一括照会 an institution has sent (tests check that a re-sent upload
    /// made no second batch).
    pub fn batch_receptions(&self, institution: &str) -> Result<Vec<String>> {
        self.state.receptions(institution)
    }
    /// The machine-readable line `central-sim serve` prints once listening.
    pub fn ready_line(&self) -> String {
        serde_json::json!({
            "url": self.url,
            "ca": self.ca,
            "client_cert": self.client.cert,
            "client_key": self.client.key,
            "institution": self.default_institution,
        })
        .to_string()
    }
    /// Blocks until the server stops (never, unless it fails).
    pub fn wait(mut self) {
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

impl Drop for RunningCentre {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// Entry point of the simulator.
pub struct Server;

impl Server {
    /// Seeds the database if empty, writes the PKI into the state dir, listens, and returns once
    /// the socket accepts connections.
    pub fn start(config: Config) -> Result<RunningCentre> {
        let state = Arc::new(service::State::open(&config)?);
        let default_institution = state.default_institution.clone();
        let client = state.issue_client(&default_institution)?;
        let ca = state.ca.pem_path.clone();
        let tls = state.tls_config()?;
        // The runtime lives on its own thread, so that callers inside another runtime (async
        // tests) can start and drop the centre.
        let (tx, rx) = tokio::sync::oneshot::channel();
        let (ready_tx, ready_rx) = std::sync::mpsc::channel::<Result<SocketAddr>>();
        let st = state.clone();
        let workers = config.workers.max(1);
        let listen = config.listen;
        let thread = std::thread::Builder::new()
            .name("central-sim".into())
            .spawn(move || {
                let rt = match tokio::runtime::Builder::new_multi_thread()
                    .worker_threads(workers)
                    .enable_all()
                    .build()
                {
                    Ok(rt) => rt,
                    Err(e) => {
                        let _ = ready_tx.send(Err(CentreError::Io(e)));
                        return;
                    }
                };
                let listener = match rt.block_on(tokio::net::TcpListener::bind(listen)) {
                    Ok(l) => l,
                    Err(e) => {
                        let _ = ready_tx.send(Err(CentreError::Listen {
                            addr: listen,
                            source: e,
                        }));
                        return;
                    }
                };
                let addr = listener.local_addr().map_err(CentreError::Io);
                // Batches a previous run accepted but did not finish.
                let addr = addr.and_then(|a| {
                    let _guard = rt.enter();
                    st.resume_batches().map(|_| a)
                });
                let ok = addr.is_ok();
                let _ = ready_tx.send(addr);
                if ok {
                    rt.block_on(service::serve(listener, tls, st, rx));
                }
                rt.shutdown_timeout(std::time::Duration::from_secs(2));
            })?;
        let addr = ready_rx.recv().map_err(|_| CentreError::Stopped)??;
        tracing::info!(%addr, "central-sim listening");
        Ok(RunningCentre {
            url: format!("https://{addr}"),
            addr,
            ca,
            client,
            default_institution,
            state,
            shutdown: Some(tx),
            thread: Some(thread),
        })
    }

    /// `central-sim issue-client-cert`: a client certificate for an institution, signed by the
    /// state dir's CA (made if missing).
    pub fn issue_client_cert(state_dir: &Path, code: &str) -> Result<pki::ClientFiles> {
        let code: eligibility::InstitutionCode = code.parse()?;
        let ca = pki::Ca::open_or_create(state_dir)?;
        ca.issue_client(state_dir, code.as_str(), "central-sim institution")
    }
}
