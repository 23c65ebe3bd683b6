//! `onshi card info`: what the My Number Card on the reader says (see [`onshi_desk::card`]),
//! printed for a person or as JSON for a script, with the command's exit status.

use super::{Io, exit};
use eligibility::Lang;
use onshi_desk::card::{CardFacts, CardInfo, CardInfoError, Setup, read};
use onshi_desk::i18n::card_info::{self as words, Word};
use reader_driver::PinStatus;
use std::io::Write;
use time::OffsetDateTime;

/// `onshi card info`.
#[derive(Debug, Default, clap::Args)]
pub struct CardInfoArgs {
    /// Print the facts as JSON.
    #[arg(long)]
    pub json: bool,
    /// The reader to use [default: `[reader] name` of the config, else the first reader
    /// holding a card, else the first reader].
    #[arg(long, value_name = "NAME")]
    pub reader: Option<String>,
}

/// The exit status of `onshi card info` for this failure.
pub fn exit_status(e: &CardInfoError) -> u8 {
    use CardInfoError as E;
    match e {
        E::ServiceDown | E::NoReader | E::ReaderNotFound { .. } | E::ReaderBusy | E::Reader(_) => {
            exit::READER
        }
        E::NoCard | E::CardRemoved => exit::NO_CARD,
        E::NotMyNumberCard | E::UnsupportedToken(_) | E::Unreadable(_) => exit::NOT_MY_NUMBER_CARD,
    }
}

// A closed pipe is not worth a panic: write errors are ignored.
macro_rules! say {
    ($w:expr, $($t:tt)*) => {{ let _ = writeln!($w, $($t)*); }};
}

/// Runs `onshi card info`; returns the exit status (see [`crate::cli::exit`]).
pub fn run(setup: &Setup, args: &CardInfoArgs, io: &mut Io<'_>) -> u8 {
    let wanted = args.reader.as_deref().or(setup.reader.as_deref());
    let info = read(wanted, &setup.jpki_cas, OffsetDateTime::now_utc());
    print(setup.lang, &info, args.json, io)
}

/// Prints `info` (stdout: the facts; stderr: what went wrong) and returns the exit status.
pub fn print(lang: Lang, info: &CardInfo, json: bool, io: &mut Io<'_>) -> u8 {
    match &info.result {
        Ok(facts) => {
            let reader = info.reader.as_deref().unwrap_or_default();
            if json {
                say!(io.out, "{:#}", facts_json(reader, facts));
            } else {
                print_facts(lang, reader, facts, io.out);
            }
            exit::OK
        }
        Err(e) => {
            if json {
                let v = serde_json::json!({
                    "reader": info.reader,
                    "card_present": e.card_present(),
                    "error": e.code(),
                });
                say!(io.out, "{v:#}");
            }
            say!(io.err, "onshi: {}", e.message(lang));
            exit_status(e)
        }
    }
}

fn utc(t: OffsetDateTime) -> String {
    let t = t.to_offset(time::UtcOffset::UTC);
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}:{:02} UTC",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

fn rfc3339(t: OffsetDateTime) -> String {
    t.to_offset(time::UtcOffset::UTC)
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

/// The `--json` document of a card that was read.
pub fn facts_json(reader: &str, f: &CardFacts) -> serde_json::Value {
    let c = &f.certificate;
    let (tries_left, locked) = match f.pin {
        PinStatus::TriesLeft(n) => (Some(n), false),
        PinStatus::Locked => (Some(0), true),
        PinStatus::Verified => (None, false),
    };
    serde_json::json!({
        "reader": reader,
        "card_present": true,
        "card": "my_number_card",
        "certificate": {
            "kind": "user_authentication",
            "issuer": c.issuer,
            "serial": c.serial,
            "not_before": rfc3339(c.not_before),
            "not_after": rfc3339(c.not_after),
            "days_left": f.days_left,
            "expired": f.expired,
            "expires_soon": f.expires_soon,
            "chain": f.chain.code(),
        },
        "pin": {
            "kind": "user_authentication",
            "tries_left": tries_left,
            "locked": locked,
        },
    })
}

fn print_facts(lang: Lang, reader: &str, f: &CardFacts, out: &mut dyn Write) {
    let w = |x| words::word(lang, x);
    let c = &f.certificate;
    say!(out, "{}: {reader}", w(Word::Reader));
    say!(out, "{}: {}", w(Word::Card), w(Word::MyNumberCard));
    say!(out, "{}", w(Word::AuthCertificate));
    say!(out, "  {}: {}", w(Word::Issuer), c.issuer);
    say!(out, "  {}: {}", w(Word::Serial), c.serial);
    say!(out, "  {}: {}", w(Word::NotBefore), utc(c.not_before));
    say!(out, "  {}: {}", w(Word::NotAfter), utc(c.not_after));
    say!(
        out,
        "  {}: {}",
        w(Word::DaysLeft),
        words::days_left(lang, f.days_left)
    );
    say!(out, "  {}: {}", w(Word::Chain), words::chain(lang, f.chain));
    say!(out, "{}: {}", w(Word::AuthPin), words::pin(lang, f.pin));
    if f.expired {
        say!(out, "{}", w(Word::ExpiredAdvice));
    } else if f.expires_soon {
        say!(out, "{}", w(Word::RenewSoon));
    }
    if f.pin == PinStatus::Locked {
        say!(out, "{}", w(Word::LockedAdvice));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use onshi_desk::card::OtherToken;

    #[test]
    fn every_failure_has_a_status_outside_the_other_commands() {
        let all = [
            CardInfoError::ServiceDown,
            CardInfoError::NoReader,
            CardInfoError::ReaderNotFound {
                name: "x".into(),
                known: vec![],
            },
            CardInfoError::ReaderBusy,
            CardInfoError::NoCard,
            CardInfoError::CardRemoved,
            CardInfoError::NotMyNumberCard,
            CardInfoError::UnsupportedToken(OtherToken::Juki),
            CardInfoError::Unreadable("x".into()),
            CardInfoError::Reader("x".into()),
        ];
        for e in all {
            assert!(exit_status(&e) > exit::BAD_LIST, "{e:?}");
            for lang in [Lang::Ja, Lang::En] {
                assert!(!e.message(lang).is_empty());
            }
        }
    }
}
