//! `cargo xtask bench [card|card-front|centre|face|app|clerk|faults|voice|link]`: timings and
//! fault counts as printed tables, never asserted in tests.

mod app;
mod card;
mod card_front;
mod centre;
mod clerk;
mod face;
mod faults;
mod link;
mod voice;

use anyhow::{Result, bail};

pub fn run(args: &[String]) -> Result<()> {
    let which = args.first().map(String::as_str);
    let rest = if args.is_empty() { &[][..] } else { &args[1..] };
    match which {
        Some("card") => card::run(rest),
        Some("card-front") => card_front::run(rest),
        Some("centre") => centre::run(rest),
        Some("face") => face::run(rest),
        Some("app") => app::run(rest),
        Some("clerk") => clerk::run(rest),
        Some("faults") => faults::run(rest),
        Some("voice") => voice::run(rest),
        Some("link") => link::run(rest),
        None => {
            card::run(rest)?;
            card_front::run(rest)?;
            centre::run(rest)?;
            face::run(rest)?;
            app::run(rest)?;
            clerk::run(rest)?;
            faults::run(rest)?;
            voice::run(rest)?;
            link::run(rest)
        }
        Some(other) => {
            bail!(
                "unknown bench '{other}': card, card-front, centre, face, app, clerk, faults, voice or link"
            )
        }
    }
}
