//! The vpcd transport and the `VirtualCard` handle: one slot of Debian's vpcd driver, reached
//! over TCP (2-byte big-endian length frames; 1-byte control codes 00 off, 01 on, 02 reset,
//! 04 get ATR), with TCP_NODELAY, one write per message and TCP_QUICKACK re-armed before every
//! read (Debian 12's vpcd sends length and payload in two writes; without QUICKACK each APDU
//! waits ~44 ms for a delayed ACK). Inserting = connecting; removing = closing the socket.
//!
//! A removal must be seen by pcscd's own poller. When a client's connection fails because the
//! card was pulled, pcscd's disconnect writes the reader state "absent" without its poller
//! knowing; clients (the desk's watcher) see the card go, and if the next card then connects
//! before the poller has looked at an empty slot, the poller finds a card as before and
//! registers neither the removal nor the insertion: the card answers vpcd, pcscd says there
//! is none. A hand cannot put a card back within one 400 ms poll, but a test can; so after a
//! card leaves, the slot answers vpcd's presence polls as empty (see [`empty_slot`]) and the
//! next insertion waits until one poll has found it so.

use std::collections::HashMap;
use std::io::{self, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpStream};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use super::CardSimError;
use super::files::Pki;
use super::log::{ApduLog, Event};
use super::model::{CardModel, Quirk};
use super::persona::{self, Persona};

/// The ATR the spike used with vpcd (T=1 negotiated by pcscd).
pub const ATR: [u8; 16] = [
    0x3B, 0x8A, 0x80, 0x01, 0x00, 0x31, 0xC1, 0x64, 0x08, 0x60, 0x32, 0x1F, 0x00, 0x00, 0x00, 0x00,
];

/// How long `insert` keeps retrying the TCP connect (pcscd may still be starting).
const CONNECT_RETRY: Duration = Duration::from_secs(2);
/// How long `insert` waits for vpcd's first message (it polls every ~400 ms).
const FIRST_MESSAGE_TIMEOUT: Duration = Duration::from_secs(5);
/// How long an insertion waits for pcscd to poll the empty slot (it polls every ~400 ms; when
/// pcscd is not running no poll comes, and the insertion goes on to report that).
const EMPTY_POLL_TIMEOUT: Duration = Duration::from_secs(5);
/// How often the empty slot looks at its stop request while it waits for vpcd.
const EMPTY_SLOT_CHECK: Duration = Duration::from_millis(50);

/// Where the virtual card connects and what it loads.
#[derive(Debug, Clone)]
pub struct CardConfig {
    /// vpcd slot address, e.g. 127.0.0.1:35963.
    pub vpcd: SocketAddr,
    pub personas_dir: PathBuf,
    pub pki_dir: PathBuf,
    /// JSON-lines APDU log; None = $ONSHI_APDU_LOG if set, else no log.
    pub apdu_log: Option<PathBuf>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum SessionState {
    Idle,
    Connecting,
    Active,
    Failed(String),
    Silent,
}

/// What the empty slot (the session thread after its card left) is asked to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum EmptyStop {
    /// Keep answering vpcd's polls as an empty slot.
    Keep,
    /// End once a poll after the request has found the slot empty (or pcscd stayed silent
    /// for [`EMPTY_POLL_TIMEOUT`]): a card is about to be inserted.
    AfterPoll { polls: u64, since: Instant },
    /// End now: the virtual card is going away.
    Now,
}

#[derive(Debug)]
struct Ctl {
    generation: u64,
    state: SessionState,
    inserted: Option<String>,
    stream: Option<TcpStream>,
    remove_after: Option<u32>,
    /// The empty slot's current connection to vpcd, to close it at once.
    empty_stream: Option<TcpStream>,
    empty_stop: EmptyStop,
    /// vpcd presence polls that found the slot empty, since start.
    empty_polls: u64,
}

#[derive(Debug)]
struct Shared {
    vpcd: SocketAddr,
    personas: HashMap<String, Persona>,
    pki: Pki,
    /// Card models, built on first insertion and kept so that PIN counters persist.
    cards: Mutex<HashMap<String, CardModel>>,
    log: Option<ApduLog>,
    ctl: Mutex<Ctl>,
    cond: Condvar,
    apdus: AtomicU64,
    delay_ns: AtomicU64,
    first_6f00: AtomicBool,
    quirk: Mutex<Option<Quirk>>,
}

impl Shared {
    fn ctl(&self) -> MutexGuard<'_, Ctl> {
        self.ctl.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// One virtual card slot. Cheap to share behind an `Arc`; dropping it removes the card.
#[derive(Debug)]
pub struct VirtualCard {
    shared: Arc<Shared>,
    thread: Mutex<Option<JoinHandle<()>>>,
}

impl VirtualCard {
    /// Loads every persona and the PKI; no card is inserted yet.
    pub fn start(config: CardConfig) -> Result<Self, CardSimError> {
        let pki = Pki::load(&config.pki_dir)?;
        let mut personas = HashMap::new();
        for id in persona::persona_ids(&config.personas_dir)? {
            let p = persona::persona(&config.personas_dir, &id)?;
            personas.insert(id, p);
        }
        let log = ApduLog::from_config(config.apdu_log.as_deref())?;
        let shared = Shared {
            vpcd: config.vpcd,
            personas,
            pki,
            cards: Mutex::new(HashMap::new()),
            log,
            ctl: Mutex::new(Ctl {
                generation: 0,
                state: SessionState::Idle,
                inserted: None,
                stream: None,
                remove_after: None,
                empty_stream: None,
                empty_stop: EmptyStop::Keep,
                empty_polls: 0,
            }),
            cond: Condvar::new(),
            apdus: AtomicU64::new(0),
            delay_ns: AtomicU64::new(0),
            first_6f00: AtomicBool::new(false),
            quirk: Mutex::new(None),
        };
        Ok(VirtualCard {
            shared: Arc::new(shared),
            thread: Mutex::new(None),
        })
    }

    /// Inserts persona `persona_id` (removing any card first); returns once vpcd has sent its
    /// first message, i.e. once pcscd can see the card.
    pub fn insert(&self, persona_id: &str) -> Result<(), CardSimError> {
        let Some(p) = self.shared.personas.get(persona_id) else {
            return Err(CardSimError::UnknownPersona {
                id: persona_id.to_owned(),
                known: self.persona_ids().join(" "),
            });
        };
        self.remove();
        // The slot must have been seen empty by pcscd's poller before the card goes in.
        self.stop_empty_slot(false);
        self.join();
        self.shared.ctl().empty_stop = EmptyStop::Keep;
        {
            let mut cards = self.shared.cards.lock().unwrap_or_else(|e| e.into_inner());
            cards
                .entry(persona_id.to_owned())
                .or_insert_with(|| CardModel::new(p, &self.shared.pki));
        }
        let generation = {
            let mut ctl = self.shared.ctl();
            ctl.generation += 1;
            ctl.state = SessionState::Connecting;
            ctl.remove_after = None;
            ctl.generation
        };
        let shared = Arc::clone(&self.shared);
        let id = persona_id.to_owned();
        let handle = std::thread::Builder::new()
            .name(format!("virtual-card-{id}"))
            .spawn(move || session(&shared, generation, &id))
            .map_err(|source| CardSimError::Thread { source })?;
        *self.thread.lock().unwrap_or_else(|e| e.into_inner()) = Some(handle);

        let deadline = Instant::now() + CONNECT_RETRY + FIRST_MESSAGE_TIMEOUT;
        let mut ctl = self.shared.ctl();
        loop {
            if ctl.generation != generation {
                return Err(CardSimError::Interrupted);
            }
            match &ctl.state {
                SessionState::Active => return Ok(()),
                SessionState::Failed(reason) => {
                    return Err(CardSimError::VpcdUnreachable {
                        addr: self.shared.vpcd,
                        reason: reason.clone(),
                    });
                }
                SessionState::Silent => {
                    return Err(CardSimError::SlotBusy {
                        addr: self.shared.vpcd,
                    });
                }
                SessionState::Connecting | SessionState::Idle => {}
            }
            let now = Instant::now();
            if now >= deadline {
                if let Some(s) = ctl.stream.take() {
                    let _ = s.shutdown(Shutdown::Both);
                }
                ctl.generation += 1;
                ctl.state = SessionState::Idle;
                return Err(CardSimError::SlotBusy {
                    addr: self.shared.vpcd,
                });
            }
            ctl = self
                .shared
                .cond
                .wait_timeout(ctl, deadline - now)
                .unwrap_or_else(|e| e.into_inner())
                .0;
        }
    }

    /// Takes the card out: closes the socket and returns at once (pcscd notices within its
    /// ~400 ms poll).
    pub fn remove(&self) {
        let mut ctl = self.shared.ctl();
        if let Some(s) = ctl.stream.take() {
            let _ = s.shutdown(Shutdown::Both);
        }
        ctl.generation += 1;
        ctl.inserted = None;
        ctl.state = SessionState::Idle;
        ctl.remove_after = None;
        self.shared.cond.notify_all();
    }

    /// `remove`, then waits until the card's thread has finished (its log lines written); the
    /// slot no longer answers vpcd afterwards.
    pub fn remove_and_wait(&self) {
        self.remove();
        self.stop_empty_slot(true);
        self.join();
    }

    /// Asks the empty slot to end: `now`, or once pcscd has polled it (before an insertion).
    fn stop_empty_slot(&self, now: bool) {
        let mut ctl = self.shared.ctl();
        ctl.empty_stop = if now {
            if let Some(s) = ctl.empty_stream.take() {
                let _ = s.shutdown(Shutdown::Both);
            }
            EmptyStop::Now
        } else {
            EmptyStop::AfterPoll {
                polls: ctl.empty_polls,
                since: Instant::now(),
            }
        };
        self.shared.cond.notify_all();
    }

    /// vpcd presence polls that found the slot empty since start (for tests).
    pub fn empty_polls(&self) -> u64 {
        self.shared.ctl().empty_polls
    }

    /// Answers `n` more APDUs, then drops the socket when the next one arrives (unanswered).
    pub fn remove_after_apdus(&self, n: u32) {
        self.shared.ctl().remove_after = Some(n);
    }

    /// Waits this long before answering each APDU.
    pub fn set_apdu_delay(&self, d: Duration) {
        self.shared.delay_ns.store(
            d.as_nanos().min(u128::from(u64::MAX)) as u64,
            Ordering::Relaxed,
        );
    }

    /// When on, the first APDU after each power-on (or after the insertion, if pcscd has not
    /// power-cycled the card since) is answered `6F 00`, as one real card does.
    pub fn set_first_apdu_6f00(&self, on: bool) {
        self.shared.first_6f00.store(on, Ordering::Relaxed);
    }

    /// Makes every card misbehave in one way from the next APDU on (`None`: behave).
    pub fn set_quirk(&self, quirk: Option<Quirk>) {
        *self.shared.quirk.lock().unwrap_or_else(|e| e.into_inner()) = quirk;
    }

    /// Forges `persona_id`'s card face: `photo` spliced in ahead of the signed objects (see
    /// [`CardModel::splice_card_face_photo`]). Lasts for the life of this virtual card.
    pub fn splice_card_face_photo(
        &self,
        persona_id: &str,
        photo: &[u8],
    ) -> Result<(), CardSimError> {
        let Some(p) = self.shared.personas.get(persona_id) else {
            return Err(CardSimError::UnknownPersona {
                id: persona_id.to_owned(),
                known: self.persona_ids().join(" "),
            });
        };
        let mut cards = self.shared.cards.lock().unwrap_or_else(|e| e.into_inner());
        cards
            .entry(persona_id.to_owned())
            .or_insert_with(|| CardModel::new(p, &self.shared.pki))
            .splice_card_face_photo(photo);
        Ok(())
    }

    /// APDUs answered (or dropped) since start.
    pub fn apdus_seen(&self) -> u64 {
        self.shared.apdus.load(Ordering::Relaxed)
    }

    /// The persona whose card is in the reader.
    pub fn inserted(&self) -> Option<String> {
        self.shared.ctl().inserted.clone()
    }

    pub fn persona_ids(&self) -> Vec<String> {
        let mut ids: Vec<String> = self.shared.personas.keys().cloned().collect();
        ids.sort();
        ids
    }

    /// Path of the APDU log, if any.
    pub fn apdu_log_path(&self) -> Option<PathBuf> {
        self.shared.log.as_ref().map(|l| l.path().to_owned())
    }

    fn join(&self) {
        let handle = self.thread.lock().unwrap_or_else(|e| e.into_inner()).take();
        if let Some(h) = handle {
            let _ = h.join();
        }
    }
}

impl Drop for VirtualCard {
    fn drop(&mut self) {
        self.remove_and_wait();
    }
}

/// Arms TCP_QUICKACK: the kernel clears it after a while, so it is set before every read.
fn quickack(s: &TcpStream) {
    use std::os::fd::AsRawFd;
    let one: libc::c_int = 1;
    // SAFETY: valid socket fd and a pointer to a c_int of the size passed.
    unsafe {
        libc::setsockopt(
            s.as_raw_fd(),
            libc::IPPROTO_TCP,
            libc::TCP_QUICKACK,
            (&one as *const libc::c_int).cast(),
            std::mem::size_of::<libc::c_int>() as libc::socklen_t,
        );
    }
}

/// Reads one `[len u16 BE][payload]` message.
pub fn read_msg(s: &mut TcpStream) -> io::Result<Vec<u8>> {
    read_frame(s, quickack)
}

/// Reads one `[len u16 BE][payload]` message from any byte stream, calling `before_read`
/// before each read (the socket re-arms its quick ACK there).
pub(crate) fn read_frame<R: Read>(s: &mut R, before_read: impl Fn(&R)) -> io::Result<Vec<u8>> {
    let mut len = [0u8; 2];
    before_read(s);
    s.read_exact(&mut len)?;
    let mut buf = vec![0u8; usize::from(u16::from_be_bytes(len))];
    before_read(s);
    s.read_exact(&mut buf)?;
    Ok(buf)
}

/// Writes one message in a single write.
pub fn write_msg(s: &mut TcpStream, payload: &[u8]) -> io::Result<()> {
    debug_assert!(
        !payload.is_empty(),
        "vpcd takes an empty reply for a removed card"
    );
    let mut out = Vec::with_capacity(payload.len() + 2);
    out.extend_from_slice(&(payload.len() as u16).to_be_bytes());
    out.extend_from_slice(payload);
    s.write_all(&out)
}

fn connect(addr: SocketAddr, shared: &Shared, generation: u64) -> Result<TcpStream, String> {
    let deadline = Instant::now() + CONNECT_RETRY;
    loop {
        match TcpStream::connect_timeout(&addr, Duration::from_millis(500)) {
            Ok(s) => return Ok(s),
            Err(e) => {
                if Instant::now() >= deadline || shared.ctl().generation != generation {
                    return Err(e.to_string());
                }
                // Retry pause while pcscd/vpcd comes up (not test synchronisation).
                std::thread::sleep(Duration::from_millis(50));
            }
        }
    }
}

/// One insertion: connect, serve vpcd until the socket closes, then mark the slot empty.
fn session(shared: &Shared, generation: u64, id: &str) {
    let set_state = |state: SessionState| {
        let mut ctl = shared.ctl();
        if ctl.generation == generation {
            ctl.state = state;
            shared.cond.notify_all();
        }
    };
    let mut stream = match connect(shared.vpcd, shared, generation) {
        Ok(s) => s,
        Err(reason) => {
            set_state(SessionState::Failed(reason));
            return;
        }
    };
    let _ = stream.set_nodelay(true);
    {
        let mut ctl = shared.ctl();
        if ctl.generation != generation {
            return; // removed while connecting
        }
        match stream.try_clone() {
            Ok(c) => ctl.stream = Some(c),
            Err(e) => {
                ctl.state = SessionState::Failed(e.to_string());
                shared.cond.notify_all();
                return;
            }
        }
    }
    {
        let mut cards = shared.cards.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(card) = cards.get_mut(id) {
            card.reset();
        }
    }
    tracing::debug!(persona = id, addr = %shared.vpcd, "virtual card connected to vpcd");
    let mut active = false;
    // True until the first APDU after a power-on; the 6F 00 option is read when that APDU comes,
    // so it can be switched on after the insertion too.
    let mut first_since_power_on = true;
    while let Ok(msg) = read_msg(&mut stream) {
        if !active {
            active = true;
            let mut ctl = shared.ctl();
            if ctl.generation != generation {
                break;
            }
            ctl.state = SessionState::Active;
            ctl.inserted = Some(id.to_owned());
            shared.cond.notify_all();
            drop(ctl);
            if let Some(log) = &shared.log {
                log.event(id, Event::Insert);
            }
        }
        match msg.as_slice() {
            [] => {}
            [code] => {
                let event = match code {
                    0x00 => Some(Event::PowerOff),
                    0x01 => Some(Event::PowerOn),
                    0x02 => Some(Event::Reset),
                    _ => None,
                };
                if *code == 0x04 && write_msg(&mut stream, &ATR).is_err() {
                    break;
                }
                if let Some(event) = event {
                    first_since_power_on = event == Event::PowerOn;
                    let mut cards = shared.cards.lock().unwrap_or_else(|e| e.into_inner());
                    if let Some(card) = cards.get_mut(id) {
                        card.reset();
                    }
                    drop(cards);
                    if let Some(log) = &shared.log {
                        log.event(id, event);
                    }
                }
            }
            apdu => {
                shared.apdus.fetch_add(1, Ordering::Relaxed);
                let drop_now = {
                    let mut ctl = shared.ctl();
                    match ctl.remove_after {
                        Some(0) => {
                            ctl.remove_after = None;
                            true
                        }
                        Some(n) => {
                            ctl.remove_after = Some(n - 1);
                            false
                        }
                        None => false,
                    }
                };
                if drop_now {
                    let _ = stream.shutdown(Shutdown::Both);
                    break;
                }
                let delay = shared.delay_ns.load(Ordering::Relaxed);
                if delay > 0 {
                    // Simulated slow card.
                    std::thread::sleep(Duration::from_nanos(delay));
                }
                let response = {
                    let mut cards = shared.cards.lock().unwrap_or_else(|e| e.into_inner());
                    let card = cards.get_mut(id).expect("card built before the session");
                    let answer_6f00 =
                        first_since_power_on && shared.first_6f00.load(Ordering::Relaxed);
                    first_since_power_on = false;
                    if answer_6f00 {
                        let ex = super::model::Exchange {
                            response: vec![0x6F, 0x00],
                            df: super::model::Df::Mf,
                            ef: None,
                        };
                        if let Some(log) = &shared.log {
                            log.exchange(id, apdu, &ex);
                        }
                        ex.response
                    } else {
                        card.set_quirk(*shared.quirk.lock().unwrap_or_else(|e| e.into_inner()));
                        let ex = card.transmit(apdu);
                        if let Some(log) = &shared.log {
                            log.exchange(id, apdu, &ex);
                        }
                        ex.response
                    }
                };
                if write_msg(&mut stream, &response).is_err() {
                    break;
                }
            }
        }
    }
    let mut ctl = shared.ctl();
    if ctl.generation == generation {
        ctl.stream = None;
        ctl.inserted = None;
        ctl.state = if active {
            SessionState::Idle
        } else {
            SessionState::Silent
        };
        shared.cond.notify_all();
    }
    drop(ctl);
    if active && let Some(log) = &shared.log {
        log.event(id, Event::Remove);
    }
    tracing::debug!(persona = id, "virtual card removed");
    if active {
        empty_slot(shared);
    }
}

/// The reader after a card left it, until the next insertion: connected to vpcd on a
/// connection of its own that closes at vpcd's first question (its presence poll asks for
/// the ATR), so each poll finds no card and counts in `empty_polls`. An insertion asks it to
/// end after one more such poll (see the module doc: pcscd's poller must see the slot empty).
fn empty_slot(shared: &Shared) {
    use std::io::ErrorKind;
    let must_end = |ctl: &Ctl| match ctl.empty_stop {
        EmptyStop::Keep => false,
        EmptyStop::Now => true,
        EmptyStop::AfterPoll { polls, since } => {
            ctl.empty_polls > polls || since.elapsed() >= EMPTY_POLL_TIMEOUT
        }
    };
    loop {
        if must_end(&shared.ctl()) {
            return;
        }
        let Ok(mut s) = TcpStream::connect_timeout(&shared.vpcd, Duration::from_millis(500)) else {
            // pcscd is not running (yet): try again until it is, or until asked to end.
            std::thread::sleep(EMPTY_SLOT_CHECK);
            continue;
        };
        let _ = s.set_read_timeout(Some(EMPTY_SLOT_CHECK));
        {
            let mut ctl = shared.ctl();
            if must_end(&ctl) {
                return;
            }
            ctl.empty_stream = s.try_clone().ok();
        }
        let mut byte = [0u8; 1];
        loop {
            match s.peek(&mut byte) {
                // vpcd asks: no card answers. Its whole question is read first, so that vpcd
                // is waiting for the answer when the connection closes, and reports the slot
                // empty.
                Ok(n) if n > 0 => {
                    let _ = s.set_read_timeout(Some(FIRST_MESSAGE_TIMEOUT));
                    let _ = read_msg(&mut s);
                    let _ = s.shutdown(Shutdown::Both);
                    let mut ctl = shared.ctl();
                    ctl.empty_polls += 1;
                    shared.cond.notify_all();
                    break;
                }
                Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {
                    if must_end(&shared.ctl()) {
                        let _ = s.shutdown(Shutdown::Both);
                        break;
                    }
                }
                Err(e) if e.kind() == ErrorKind::Interrupted => {}
                // Closed (by vpcd, or by `stop_empty_slot`).
                _ => break,
            }
        }
        shared.ctl().empty_stream = None;
    }
}
