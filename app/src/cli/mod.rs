//! The headless commands, for integrators' scripts and the clinic's terminal: `onshi check`,
//! `history`, `batch`, `card info`, `staff`, `audit verify`, `subsidy`, `link` (the clinic link as a service) and `refno`
//! (照会番号 registration), one module each. A
//! command parses its arguments, calls the desk's rules or services and prints: results on
//! stdout (text for a person, `--json` for a script), problems on stderr in the settings'
//! language. The settings are resolved once for all of them ([`settings`]), and one table
//! says which exit status each outcome gives ([`exit`]).

// A closed pipe (`onshi history | head`) is not worth a panic: write errors are ignored.
// (Declared before the modules, so that each of them can say.)
macro_rules! say {
    ($w:expr, $($t:tt)*) => {{ let _ = writeln!($w, $($t)*); }};
}

pub mod audit;
pub mod batch;
pub mod card;
pub mod check;
pub mod exit;
pub mod history;
pub mod link;
pub mod refno;
pub mod settings;
pub mod staff;
pub mod subsidy;

pub use settings::{Settings, lang_from_env};

/// Where the commands write.
pub struct Io<'a> {
    pub out: &'a mut dyn std::io::Write,
    pub err: &'a mut dyn std::io::Write,
}

/// `YYYY-MM-DD hh:mm:ss` of `t` at its own offset: how the commands print a moment (history
/// in Japan time, a card's validity in UTC).
fn clock(t: time::OffsetDateTime) -> String {
    onshi_desk::time::write(t, onshi_desk::time::Style::Dashed)
}
