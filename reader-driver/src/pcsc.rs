//! PC/SC: the readers pcscd knows, a watcher that turns SCardGetStatusChange into desk events
//! (card in, card out, reader added or removed, pcscd gone and back), and the card connection
//! used as a `Transport`. A connection is always closed with UnpowerCard, because verified PIN
//! state on this card survives everything but a power cycle.

use std::ffi::CString;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::Sender;
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use pcsc::{Context, Disposition, Protocols, ReaderState, Scope, ShareMode, State};
use zeroize::{Zeroize, Zeroizing};

use crate::error::{Error, Result};
use crate::transport::{Apdu, Transport};

/// Maps a PC/SC error to what the desk can do about it.
pub(crate) fn map_err(e: pcsc::Error) -> Error {
    use pcsc::Error as E;
    match e {
        E::NoService | E::ServiceStopped | E::CommError | E::Shutdown => Error::ServiceDown,
        E::NoReadersAvailable | E::ReaderUnavailable | E::UnknownReader => Error::NoReader,
        E::RemovedCard | E::NoSmartcard | E::NotTransacted => Error::CardRemoved,
        // The card is still there but was reset or powered down under us (pcscd's power
        // management, another program): whatever was verified is gone.
        E::ResetCard | E::UnpoweredCard => Error::CardReset,
        E::SharingViolation => Error::ReaderBusy,
        E::UnresponsiveCard | E::UnsupportedCard => Error::NotAMyNumberCard,
        other => Error::Transport(format!("{other}")),
    }
}

/// A PC/SC context: lists readers and connects to the card in one of them.
pub struct Pcsc {
    ctx: Context,
}

impl Pcsc {
    pub fn establish() -> Result<Self> {
        Ok(Pcsc {
            ctx: Context::establish(Scope::User).map_err(map_err)?,
        })
    }

    /// Reader names, in pcscd's order.
    pub fn readers(&self) -> Result<Vec<String>> {
        match self.ctx.list_readers_owned() {
            Ok(names) => Ok(names
                .into_iter()
                .map(|n| n.to_string_lossy().into_owned())
                .collect()),
            Err(pcsc::Error::NoReadersAvailable) => Ok(Vec::new()),
            Err(e) => Err(map_err(e)),
        }
    }

    /// The reader to use: the configured one, or the first reader that holds a card, or the first.
    pub fn pick_reader(&self, wanted: Option<&str>) -> Result<String> {
        let readers = self.readers()?;
        if let Some(w) = wanted {
            return readers
                .into_iter()
                .find(|r| r == w)
                .ok_or_else(|| Error::ReaderNotFound(w.to_string()));
        }
        let mut states: Vec<ReaderState> = readers
            .iter()
            .map(|r| ReaderState::new(cstring(r), State::UNAWARE))
            .collect();
        if states.is_empty() {
            return Err(Error::NoReader);
        }
        self.ctx
            .get_status_change(Duration::ZERO, &mut states)
            .map_err(map_err)?;
        let with_card = states
            .iter()
            .position(|s| s.event_state().contains(State::PRESENT));
        Ok(readers[with_card.unwrap_or(0)].clone())
    }

    /// Connects to the card in `reader` with T=1, exclusively (no other program may talk to the
    /// card while a PIN may be verified on it), and power-cycles it first: another program may
    /// have left the PIN verified, and on this card only a power cycle clears that (a warm
    /// reset does not), so every conversation starts from a fresh security state.
    pub fn connect(&self, reader: &str) -> Result<PcscCard> {
        let mut card = self
            .ctx
            .connect(&cstring(reader), ShareMode::Exclusive, Protocols::T1)
            .map_err(|e| match e {
                pcsc::Error::NoSmartcard | pcsc::Error::RemovedCard => Error::NoCard,
                other => map_err(other),
            })?;
        card.reconnect(
            ShareMode::Exclusive,
            Protocols::T1,
            Disposition::UnpowerCard,
        )
        .map_err(|e| match e {
            pcsc::Error::NoSmartcard | pcsc::Error::RemovedCard => Error::NoCard,
            other => map_err(other),
        })?;
        Ok(PcscCard {
            card: Some(card),
            buf: Zeroizing::new(vec![0; pcsc::MAX_BUFFER_SIZE_EXTENDED]),
        })
    }
}

fn cstring(s: &str) -> CString {
    CString::new(s.replace('\0', "")).expect("NUL removed")
}

/// A connected card. Dropping it disconnects with UnpowerCard.
pub struct PcscCard {
    card: Option<pcsc::Card>,
    /// pcsc's receive buffer: it may hold certificate or photo bytes, so it is wiped after
    /// each answer and when the connection goes.
    buf: Zeroizing<Vec<u8>>,
}

impl PcscCard {
    /// Disconnects and powers the card down, clearing any verified state on it.
    pub fn unpower(mut self) -> Result<()> {
        self.disconnect()
    }

    fn disconnect(&mut self) -> Result<()> {
        if let Some(card) = self.card.take()
            && let Err((card, e)) = card.disconnect(Disposition::UnpowerCard)
        {
            // The handle is stale when the card or pcscd is gone; nothing left to power down.
            drop(card);
            tracing::debug!(error = %e, "unpower on disconnect failed");
            return Err(map_err(e));
        }
        Ok(())
    }
}

impl Drop for PcscCard {
    fn drop(&mut self) {
        let _ = self.disconnect();
    }
}

impl Transport for PcscCard {
    fn transmit(&mut self, command: Apdu<'_>) -> Result<Zeroizing<Vec<u8>>> {
        let card = self.card.as_ref().ok_or(Error::CardRemoved)?;
        let out = card
            .transmit(command.bytes(), &mut self.buf)
            .map(|out| Zeroizing::new(out.to_vec()))
            .map_err(map_err);
        self.buf.zeroize();
        self.buf.resize(pcsc::MAX_BUFFER_SIZE_EXTENDED, 0);
        let v = out?;
        if v.len() < 2 {
            // No status word: vpcd (and some readers) report success when the card vanished
            // before answering; pcscd's presence poll may not have noticed yet, so asking the
            // reader for the card's status does not help. A present card always sends SW1 SW2.
            return Err(Error::CardRemoved);
        }
        Ok(v)
    }
}

/// What the watcher reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReaderEvent {
    /// pcscd answers (at start, or again after it was gone); the readers it lists follow as `ReaderAdded`.
    ServiceUp,
    /// pcscd is not running or went away; the watcher keeps trying.
    ServiceDown,
    ReaderAdded(String),
    ReaderRemoved(String),
    CardInserted {
        reader: String,
        atr: Vec<u8>,
    },
    CardRemoved {
        reader: String,
    },
}

/// A background thread that watches pcscd and its readers. Dropping it stops the thread.
pub struct Watcher {
    stop: Arc<AtomicBool>,
    ctx: Arc<Mutex<Option<Context>>>,
    thread: Option<JoinHandle<()>>,
}

/// How long to wait between attempts to reach pcscd while it is down.
const SERVICE_RETRY: Duration = Duration::from_millis(200);

impl Watcher {
    pub fn spawn(events: Sender<ReaderEvent>) -> Watcher {
        let stop = Arc::new(AtomicBool::new(false));
        let ctx = Arc::new(Mutex::new(None));
        let thread = {
            let stop = stop.clone();
            let ctx = ctx.clone();
            std::thread::Builder::new()
                .name("pcsc-watcher".into())
                .spawn(move || watch(events, stop, ctx))
                .expect("spawn watcher thread")
        };
        Watcher {
            stop,
            ctx,
            thread: Some(thread),
        }
    }
}

impl Drop for Watcher {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(c) = self.ctx.lock().unwrap().as_ref() {
            let _ = c.cancel();
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn watch(events: Sender<ReaderEvent>, stop: Arc<AtomicBool>, slot: Arc<Mutex<Option<Context>>>) {
    let mut announced_down = false;
    while !stop.load(Ordering::SeqCst) {
        let ctx = match Context::establish(Scope::User) {
            Ok(c) => c,
            Err(_) => {
                if !announced_down {
                    announced_down = true;
                    if events.send(ReaderEvent::ServiceDown).is_err() {
                        return;
                    }
                }
                std::thread::sleep(SERVICE_RETRY);
                continue;
            }
        };
        *slot.lock().unwrap() = Some(ctx.clone());
        if events.send(ReaderEvent::ServiceUp).is_err() {
            return;
        }
        let result = watch_service(&ctx, &events, &stop);
        *slot.lock().unwrap() = None;
        match result {
            WatchEnd::Stopped => return,
            WatchEnd::ServiceLost => {
                announced_down = true;
                if events.send(ReaderEvent::ServiceDown).is_err() {
                    return;
                }
            }
        }
    }
}

enum WatchEnd {
    Stopped,
    ServiceLost,
}

struct Known {
    name: String,
    card: bool,
    /// pcscd's insertion/removal counter for this reader, when known.
    events: Option<u32>,
}

/// The watcher no longer knows what is in the readers: whatever it reported as there is gone
/// as far as the desk is concerned (a visit in progress must end), and is reported again once
/// pcscd answers.
fn lose_track(known: Vec<Known>, events: &Sender<ReaderEvent>) -> WatchEnd {
    for k in known {
        if k.card {
            let _ = events.send(ReaderEvent::CardRemoved {
                reader: k.name.clone(),
            });
        }
        let _ = events.send(ReaderEvent::ReaderRemoved(k.name));
    }
    WatchEnd::ServiceLost
}

fn watch_service(ctx: &Context, events: &Sender<ReaderEvent>, stop: &AtomicBool) -> WatchEnd {
    let mut known: Vec<Known> = Vec::new();
    // Slot 0 is the plug-and-play pseudo reader: it changes when a reader comes or goes.
    let mut states = vec![ReaderState::new(pcsc::PNP_NOTIFICATION(), State::UNAWARE)];
    let mut refresh = true;
    loop {
        if stop.load(Ordering::SeqCst) {
            return WatchEnd::Stopped;
        }
        if refresh {
            refresh = false;
            let names: Vec<String> = match ctx.list_readers_owned() {
                Ok(n) => n
                    .into_iter()
                    .map(|c| c.to_string_lossy().into_owned())
                    .collect(),
                Err(pcsc::Error::NoReadersAvailable) => Vec::new(),
                Err(_) => return lose_track(known, events),
            };
            for gone in known.iter().filter(|k| !names.contains(&k.name)) {
                if gone.card {
                    let _ = events.send(ReaderEvent::CardRemoved {
                        reader: gone.name.clone(),
                    });
                }
                let _ = events.send(ReaderEvent::ReaderRemoved(gone.name.clone()));
            }
            known.retain(|k| names.contains(&k.name));
            states.truncate(1);
            for n in &names {
                if !known.iter().any(|k| &k.name == n) {
                    let _ = events.send(ReaderEvent::ReaderAdded(n.clone()));
                    known.push(Known {
                        name: n.clone(),
                        card: false,
                        events: None,
                    });
                }
                states.push(ReaderState::new(cstring(n), State::UNAWARE));
            }
        }
        match ctx.get_status_change(Duration::from_millis(1000), &mut states) {
            Ok(()) => {}
            Err(pcsc::Error::Timeout) => continue,
            Err(pcsc::Error::Cancelled) => return WatchEnd::Stopped,
            Err(pcsc::Error::UnknownReader) => {
                refresh = true;
                continue;
            }
            Err(e) => {
                tracing::debug!(error = %e, "lost pcscd");
                return lose_track(known, events);
            }
        }
        if ctx.is_valid().is_err() {
            return lose_track(known, events);
        }
        for (i, rs) in states.iter_mut().enumerate() {
            let ev = rs.event_state();
            if !ev.contains(State::CHANGED) {
                continue;
            }
            if i == 0 {
                refresh = true;
            } else if let Some(k) = known
                .iter_mut()
                .find(|k| rs.name().to_str() == Ok(k.name.as_str()))
            {
                let present = ev.contains(State::PRESENT) && !ev.contains(State::MUTE);
                // A card taken off and put back between two of our calls leaves the state
                // PRESENT both times; pcscd's counter still moved, by two. Report both events
                // so the desk does not carry the old card's session over to the new card.
                let swapped = k.card
                    && present
                    && k.events
                        .is_some_and(|before| rs.event_count() >= before + 2);
                k.events = Some(rs.event_count());
                if ev.intersects(State::UNKNOWN | State::UNAVAILABLE | State::IGNORE) {
                    refresh = true;
                } else if swapped {
                    let _ = events.send(ReaderEvent::CardRemoved {
                        reader: k.name.clone(),
                    });
                    let _ = events.send(ReaderEvent::CardInserted {
                        reader: k.name.clone(),
                        atr: rs.atr().to_vec(),
                    });
                } else if present && !k.card {
                    k.card = true;
                    let _ = events.send(ReaderEvent::CardInserted {
                        reader: k.name.clone(),
                        atr: rs.atr().to_vec(),
                    });
                } else if !present && k.card {
                    k.card = false;
                    let _ = events.send(ReaderEvent::CardRemoved {
                        reader: k.name.clone(),
                    });
                }
            }
            rs.sync_current_state();
        }
    }
}
