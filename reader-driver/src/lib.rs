//! The My Number Card as the reception desk needs it, over PC/SC. Layers, bottom up: `apdu`
//! (typed commands and status words), `transport` (the trait a card sits behind) and `pcsc`
//! (readers, the watcher, the real connection), `card` (one conversation: selection state,
//! file reads), then one module per card application: `jpki` (token, PIN, signature, auth
//! certificate, terminal authentication) and `kenmen` (card face via 照合番号B). `cert` checks
//! the auth certificate.
//!
//! Privacy by construction: nothing here can select the 券面事項入力補助AP, verify 照合番号A or
//! read 券面AP EF 0005; PINs and 照合番号B live in zeroizing buffers and are never printed.

pub mod apdu;
pub mod card;
pub mod cert;
pub mod error;
#[cfg(feature = "fuzzing")]
#[doc(hidden)]
pub mod fuzzing;
pub mod jpki;
pub mod kenmen;
pub mod pcsc;
pub mod transport;

pub use card::Card;
pub use error::{Error, Result};
pub use jpki::{AuthPin, Jpki, PinStatus, TerminalCredentials, TokenKind};
pub use kenmen::{CardFace, Kenmen, Sex, VerificationNumberB};
pub use pcsc::{Pcsc, PcscCard, ReaderEvent, Watcher};
pub use transport::Transport;
