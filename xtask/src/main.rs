//! `cargo xtask`: the only entry points of the project (setup, test, sim, demo, bench), so that a
//! fresh Debian 12 machine needs nothing but `cargo xtask demo` and `cargo xtask test`.

mod bench;
mod setup;

use anyhow::{Result, bail};

const USAGE: &str = "usage: cargo xtask <setup | test | sim ... | demo | bench [card|centre|face]>";

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(cmd) = args.first() else {
        bail!("{USAGE}");
    };
    match cmd.as_str() {
        "setup" => setup::run(),
        "bench" => bench::run(&args[1..]),
        _ => bail!("{USAGE}"),
    }
}
