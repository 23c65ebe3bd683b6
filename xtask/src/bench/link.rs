//! `cargo xtask bench link`: builds the desk's `link_bench` example (release, or debug with
//! `--debug`) and runs it: central-sim in-process over TLS, the clinic link on a fresh folder,
//! request → answer times one at a time and in a burst (with lost / answered-twice counts), and
//! card result → face file. Other arguments go to the bench (`--n`, `--interval-ms`).

use anyhow::Result;
use std::process::Command;

use crate::{cargo, run_ok, target_dir};

pub fn run(args: &[String]) -> Result<()> {
    let debug = args.iter().any(|a| a == "--debug");
    let mut build = vec!["build", "-q", "-p", "onshi-desk", "--example", "link_bench"];
    if !debug {
        build.push("--release");
    }
    run_ok(&mut cargo(&build), "building link_bench")?;
    let bin = target_dir()
        .join(if debug { "debug" } else { "release" })
        .join("examples/link_bench");
    let rest: Vec<&String> = args.iter().filter(|a| *a != "--debug").collect();
    run_ok(Command::new(&bin).args(rest), "link_bench")
}
