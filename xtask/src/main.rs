//! `cargo xtask`: the only entry points of the project (setup, test, sim, demo, bench), so that a
//! fresh Debian 12 machine needs nothing but `cargo xtask demo` and `cargo xtask test`.

mod bench;
mod faces;
mod models;
mod setup;
mod sim;
mod test;

use anyhow::{Result, bail};

const USAGE: &str =
    "usage: cargo xtask <setup | test [nextest args] | demo | sim ... | bench [card|centre|face]>";

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(cmd) = args.first() else {
        bail!("{USAGE}");
    };
    match cmd.as_str() {
        "setup" => setup::run(),
        "test" => test::run(&args[1..]),
        "sim" => sim::run(&args[1..]),
        "demo" => demo(),
        "bench" => bench::run(&args[1..]),
        _ => bail!("{USAGE}"),
    }
}

/// For now the demo is the simulated desk with the adult persona's card on the reader; the app
/// issue turns it into the app itself.
fn demo() -> Result<()> {
    sim::start(Some("adult"))
}
