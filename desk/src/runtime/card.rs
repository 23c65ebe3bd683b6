//! The card worker: a watcher thread that turns pcscd's reader and card events for the desk's
//! reader into flow events, and a card thread that carries out the flow's card effects on
//! one exclusive connection per visit (read, one VERIFY per PIN entry, the card photo via
//! 照合番号B, the signature of the centre's nonce) and closes it powered off when the visit
//! ends, so no verified PIN outlives the visit. Only the auth certificate is kept between
//! steps (it goes with the signature); the rest of the card face is dropped as soon as the
//! photo is taken out of it.

use super::{Post, StartError};
use crate::config::Config;
use crate::flow::{
    CardPhoto, CardSummary, CardTrouble, Event, Method, PinAnswer, ReaderStatus, VisitId,
};
use eligibility::client::CardProof;
use reader_driver::cert::{CertError, CertificateInfo};
use reader_driver::{
    AuthPin, Card, Error as DriverError, Jpki, Kenmen, KenmenIssuer, Pcsc, PcscCard, ReaderEvent,
    TerminalCredentials, TokenKind, VerificationNumberB, Watcher,
};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Work for the card thread.
pub(crate) enum Job {
    Read(VisitId),
    VerifyPin(VisitId, AuthPin),
    ReadPhoto(VisitId, VerificationNumberB),
    Sign {
        visit: VisitId,
        nonce: String,
        method: Method,
    },
    End(VisitId),
}

/// Pauses before the further attempts of the (free) card read while pcscd is still powering
/// the card up: 1.5 s in all, several times what pcscd needs.
const READ_RETRY_PAUSES: [Duration; 5] = [
    Duration::from_millis(50),
    Duration::from_millis(100),
    Duration::from_millis(200),
    Duration::from_millis(400),
    Duration::from_millis(750),
];

/// The reader the desk uses, as the watcher last chose it.
type ReaderSlot = Arc<Mutex<Option<String>>>;

pub(crate) struct CardWorker {
    jobs: Sender<Job>,
    // Dropped after `jobs`: stops the watcher, whose thread ends the mapping thread.
    _watcher: Watcher,
}

impl CardWorker {
    pub(crate) fn start(cfg: &Config, post: Post) -> Result<CardWorker, StartError> {
        let slot: ReaderSlot = Arc::new(Mutex::new(None));
        let (reader_tx, reader_rx) = mpsc::channel();
        {
            let post = post.clone();
            let slot = slot.clone();
            let wanted = cfg.reader.clone();
            std::thread::Builder::new()
                .name("desk-reader".into())
                .spawn(move || map_reader_events(reader_rx, wanted, slot, post))
                .map_err(StartError::Thread)?;
        }
        let watcher = Watcher::spawn(reader_tx);
        let (jobs, rx) = mpsc::channel();
        let ctx = CardThread {
            post,
            slot,
            cas: cfg.jpki_cas.clone(),
            terminal: cfg.terminal.clone(),
            kenmen_issuer: cfg.kenmen_issuer.clone(),
            session: None,
        };
        std::thread::Builder::new()
            .name("desk-card".into())
            .spawn(move || ctx.run(rx))
            .map_err(StartError::Thread)?;
        Ok(CardWorker {
            jobs,
            _watcher: watcher,
        })
    }

    pub(crate) fn send(&self, job: Job) {
        if self.jobs.send(job).is_err() {
            tracing::error!("the card thread has stopped");
        }
    }
}

/// Follows pcscd's events for the desk's reader: the configured one, else the first listed.
fn map_reader_events(
    rx: Receiver<ReaderEvent>,
    wanted: Option<String>,
    slot: ReaderSlot,
    post: Post,
) {
    let mut known: Vec<String> = Vec::new();
    let set = |name: Option<String>| *slot.lock().unwrap_or_else(|e| e.into_inner()) = name;
    let chosen = || slot.lock().unwrap_or_else(|e| e.into_inner()).clone();
    while let Ok(ev) = rx.recv() {
        let sent = match ev {
            ReaderEvent::ServiceUp => {
                // The watcher lists the readers next as ReaderAdded; say "no reader" now only
                // if ours is not among them.
                let readers = Pcsc::establish()
                    .and_then(|p| p.readers())
                    .unwrap_or_default();
                let ours = match &wanted {
                    Some(w) => readers.contains(w),
                    None => !readers.is_empty(),
                };
                if ours {
                    true
                } else {
                    tracing::info!(configured = wanted.is_some(), "card reader not connected");
                    post.send(Event::Reader(ReaderStatus::NoReader))
                }
            }
            ReaderEvent::ServiceDown => {
                known.clear();
                set(None);
                tracing::warn!("pcscd is not running");
                post.send(Event::Reader(ReaderStatus::ServiceDown))
            }
            ReaderEvent::ReaderAdded(name) => {
                known.push(name.clone());
                let take = match &wanted {
                    Some(w) => *w == name,
                    None => chosen().is_none(),
                };
                if take {
                    tracing::info!(reader = %name, "card reader ready");
                    set(Some(name.clone()));
                    post.send(Event::Reader(ReaderStatus::Ready { name }))
                } else {
                    true
                }
            }
            ReaderEvent::ReaderRemoved(name) => {
                known.retain(|k| *k != name);
                if chosen().as_deref() == Some(name.as_str()) {
                    tracing::warn!(reader = %name, "card reader removed");
                    let next = if wanted.is_none() {
                        known.first().cloned()
                    } else {
                        None
                    };
                    set(next.clone());
                    match next {
                        Some(name) => post.send(Event::Reader(ReaderStatus::Ready { name })),
                        None => post.send(Event::Reader(ReaderStatus::NoReader)),
                    }
                } else {
                    true
                }
            }
            ReaderEvent::CardInserted { reader, .. } => {
                if chosen().as_deref() == Some(reader.as_str()) {
                    tracing::info!("card inserted");
                    post.send(Event::CardInserted)
                } else {
                    true
                }
            }
            ReaderEvent::CardRemoved { reader } => {
                if chosen().as_deref() == Some(reader.as_str()) {
                    tracing::info!("card removed");
                    post.send(Event::CardRemoved)
                } else {
                    true
                }
            }
        };
        if !sent {
            return;
        }
    }
}

/// The connection of the visit in progress.
struct Session {
    visit: VisitId,
    card: Card<PcscCard>,
    /// The 利用者証明用電子証明書 (DER): not personal data (its subject is opaque), sent with
    /// the signature.
    certificate: Vec<u8>,
}

struct CardThread {
    post: Post,
    slot: ReaderSlot,
    cas: Vec<Vec<u8>>,
    terminal: Arc<TerminalCredentials>,
    kenmen_issuer: Option<KenmenIssuer>,
    session: Option<Session>,
}

impl CardThread {
    fn run(mut self, rx: Receiver<Job>) {
        while let Ok(job) = rx.recv() {
            let alive = match job {
                Job::Read(v) => {
                    self.end();
                    let mut r = self.read(v);
                    // pcscd reports a card as present before it has powered it up, and a
                    // connection in that moment is refused as reset / unpowered. Reading spends
                    // nothing (no VERIFY with a PIN), so it is tried again after a short pause;
                    // pcscd offers no event for "powered" to wait on instead.
                    for pause in READ_RETRY_PAUSES {
                        if r != Err(CardTrouble::Reset) {
                            break;
                        }
                        tracing::debug!(?pause, "card not powered yet: reading again");
                        std::thread::sleep(pause);
                        r = self.read(v);
                    }
                    if let Err(t) = &r {
                        tracing::info!(trouble = ?t, "card not usable");
                    }
                    self.post.send(Event::CardRead(v, r))
                }
                Job::VerifyPin(v, pin) => {
                    let answer = match self.session_for(v) {
                        Ok(s) => verify_pin(&mut s.card, &pin),
                        Err(t) => PinAnswer::Trouble(t),
                    };
                    drop(pin);
                    tracing::info!(answer = ?answer, "PIN checked");
                    self.post.send(Event::PinChecked(v, answer))
                }
                Job::ReadPhoto(v, number) => {
                    let issuer = self.kenmen_issuer.clone();
                    let r = self.session_for(v).and_then(|s| match &issuer {
                        Some(issuer) => read_photo(&mut s.card, &number, issuer),
                        // Config refuses a camera without the issuer; never read around it.
                        None => Err(CardTrouble::CardFaceInvalid),
                    });
                    drop(number);
                    if let Err(t) = &r {
                        tracing::info!(trouble = ?t, "card photo not read");
                    }
                    self.post.send(Event::PhotoRead(v, r))
                }
                Job::Sign {
                    visit,
                    nonce,
                    method,
                } => {
                    let terminal = self.terminal.clone();
                    let r = self
                        .session_for(visit)
                        .and_then(|s| sign(s, &terminal, nonce, method));
                    if let Err(t) = &r {
                        tracing::warn!(trouble = ?t, "card did not sign");
                    }
                    self.post.send(Event::Signed(visit, r))
                }
                Job::End(v) => {
                    if self.session.as_ref().is_some_and(|s| s.visit == v) {
                        self.end();
                    }
                    true
                }
            };
            if !alive {
                break;
            }
        }
        self.end();
    }

    /// Disconnects with UnpowerCard and forgets the certificate.
    fn end(&mut self) {
        if let Some(s) = self.session.take()
            && let Err(e) = s.card.into_transport().unpower()
        {
            // Usually the card is gone already, which powers it off all the same.
            tracing::debug!(error = %e, "unpower at the end of a visit");
        }
    }

    fn session_for(&mut self, v: VisitId) -> Result<&mut Session, CardTrouble> {
        match &mut self.session {
            Some(s) if s.visit == v => Ok(s),
            // The connection failed earlier in this visit, or the visit is over.
            _ => Err(CardTrouble::Removed),
        }
    }

    fn read(&mut self, v: VisitId) -> Result<CardSummary, CardTrouble> {
        let reader = self
            .slot
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
            .ok_or(CardTrouble::ReaderGone)?;
        let trouble = |step: &'static str| {
            move |e: DriverError| {
                tracing::info!(step, error = %e, "card read failed");
                CardTrouble::from_driver(&e)
            }
        };
        let pcsc = Pcsc::establish().map_err(trouble("pcscd"))?;
        let mut card = Card::new(pcsc.connect(&reader).map_err(trouble("connect"))?);
        let mut jpki = Jpki::new(&mut card);
        match jpki.token_kind().map_err(trouble("token"))? {
            TokenKind::Card => {}
            TokenKind::Unknown(_) => return Err(CardTrouble::NotMyNumberCard),
            _ => return Err(CardTrouble::UnsupportedToken),
        }
        // The connection power-cycled the card, so a PIN verified by other software is gone;
        // a card that still says "verified" gets no PIN mode from the flow.
        let pin = jpki.auth_pin_status().map_err(trouble("PIN status"))?;
        if pin == reader_driver::PinStatus::Verified {
            tracing::warn!("the card reports its PIN verified before any entry");
        }
        let certificate = jpki
            .read_auth_certificate()
            .map_err(trouble("certificate"))?;
        let now = time::OffsetDateTime::now_utc();
        reader_driver::cert::check_chain(&certificate, &self.cas, now).map_err(|e| match e {
            CertError::Expired(_) => CardTrouble::CertificateExpired,
            _ => CardTrouble::CertificateInvalid,
        })?;
        let info =
            CertificateInfo::parse(&certificate).map_err(|_| CardTrouble::CertificateInvalid)?;
        let summary = CardSummary {
            pin,
            certificate_expires_soon: info.expires_within_three_months(now),
        };
        tracing::info!(pin = ?summary.pin, expires_soon = summary.certificate_expires_soon, "card read");
        self.session = Some(Session {
            visit: v,
            card,
            certificate,
        });
        Ok(summary)
    }
}

/// Exactly one VERIFY; a wrong PIN is reported, never retried.
fn verify_pin(card: &mut Card<PcscCard>, pin: &AuthPin) -> PinAnswer {
    match Jpki::new(card).verify_auth_pin(pin) {
        Ok(()) => PinAnswer::Verified,
        Err(DriverError::WrongPin { tries_left }) => PinAnswer::Wrong { tries_left },
        Err(DriverError::PinLocked) => PinAnswer::Locked,
        Err(e) => PinAnswer::Trouble(CardTrouble::from_driver(&e)),
    }
}

/// The card face via 照合番号B, checked against the 券面AP issuer; only the photo leaves, the
/// rest is dropped (and wiped: its buffers are zeroizing) here.
fn read_photo(
    card: &mut Card<PcscCard>,
    number: &VerificationNumberB,
    issuer: &KenmenIssuer,
) -> Result<CardPhoto, CardTrouble> {
    let face = Kenmen::new(card)
        .read_card_face(number, issuer)
        .map_err(|e| {
            tracing::info!(error = %e, "card face not read");
            CardTrouble::from_driver(&e)
        })?;
    let reader_driver::CardFace { photo_jp2, .. } = face;
    Ok(CardPhoto(photo_jp2))
}

/// Signs the centre's nonce: the PIN was verified already; face and 目視 authenticate the
/// terminal first.
fn sign(
    s: &mut Session,
    terminal: &TerminalCredentials,
    nonce: String,
    method: Method,
) -> Result<CardProof, CardTrouble> {
    let trouble = |e: DriverError| CardTrouble::from_driver(&e);
    let digest = eligibility::card::digest_info(&nonce).map_err(|_| {
        tracing::warn!("the centre's nonce is malformed");
        CardTrouble::Failed
    })?;
    let mut jpki = Jpki::new(&mut s.card);
    if method != Method::Pin {
        jpki.terminal_authenticate(terminal).map_err(trouble)?;
    }
    let signature = jpki.sign_digest_info(&digest).map_err(trouble)?;
    Ok(CardProof {
        certificate_der: s.certificate.clone(),
        nonce,
        signature,
        method: method.wire(),
    })
}
