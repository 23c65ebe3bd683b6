//! `cargo xtask fuzz [--seconds N] [TARGET...]`: runs the coverage-guided fuzz targets of `fuzz/`
//! under AFL++ (cargo-afl, stable toolchain), each for N seconds (default 10), starting from
//! its committed seeds (`fuzz/corpus/<target>/`). Installs cargo-afl 0.18 under
//! `.onshi/tools` when missing and builds AFL++ with it once. A crash fails the run and its
//! input is copied to `fuzz/regressions/<target>/`, which the ordinary test suite replays.
//! Prints one row per target (executions, executions per second, coverage, crashes, hangs)
//! and writes the same table as JSON to `target/onshi-fuzz/summary.json`.

use anyhow::{Context, Result, bail};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const CARGO_AFL_VERSION: &str = "^0.18";

/// Every target and its harness binary; the replay test of `fuzz/` checks this table against
/// the crate's own.
const TARGETS: &[(&str, &str)] = &[
    ("xml_encoding", "fuzz-eligibility"),
    ("xml_reply", "fuzz-eligibility"),
    ("xml_request", "fuzz-eligibility"),
    ("ids", "fuzz-eligibility"),
    ("link_name", "fuzz-eligibility"),
    ("link_request", "fuzz-eligibility"),
    ("card_tlv", "fuzz-card"),
    ("card_face", "fuzz-card"),
    ("card_response", "fuzz-card"),
    ("card_certificate", "fuzz-card"),
    ("photo_jp2", "fuzz-face"),
    ("front_text", "fuzz-front"),
    ("front_image", "fuzz-front"),
    ("csv_import", "fuzz-app"),
    ("kana", "fuzz-app"),
    ("centre_time", "fuzz-app"),
    ("link_echo", "fuzz-app"),
    ("speech_wav", "fuzz-app"),
    ("sim_apdu", "fuzz-sim"),
    ("sim_vpcd", "fuzz-sim"),
    ("sim_terminal_der", "fuzz-sim"),
    ("sim_admin_query", "fuzz-sim"),
];

/// The crate feature that brings a harness's dependencies in.
fn feature(binary: &str) -> Option<&'static str> {
    match binary {
        "fuzz-card" => Some("card"),
        "fuzz-face" => Some("face"),
        "fuzz-front" => Some("front"),
        "fuzz-app" => Some("app"),
        "fuzz-sim" => Some("sim"),
        _ => None,
    }
}

/// One row of the table.
struct Row {
    name: &'static str,
    execs: u64,
    execs_per_sec: f64,
    /// AFL's bitmap_cvg (share of the coverage map hit), in percent.
    coverage: f64,
    edges_found: u64,
    total_edges: u64,
    crashes: u64,
    hangs: u64,
}

pub fn run(args: &[String]) -> Result<()> {
    let mut seconds = 10u64;
    let mut only: Vec<String> = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--seconds" => {
                seconds = it
                    .next()
                    .and_then(|s| s.parse().ok())
                    .filter(|&s| s > 0)
                    .context("--seconds takes a whole number of seconds above 0")?;
            }
            name if !name.starts_with('-') => only.push(name.to_string()),
            other => bail!("usage: cargo xtask fuzz [--seconds N] [TARGET...] (not {other:?})"),
        }
    }
    let chosen: Vec<(&str, &str)> = TARGETS
        .iter()
        .copied()
        .filter(|(n, _)| only.is_empty() || only.iter().any(|o| o == n))
        .collect();
    if let Some(unknown) = only
        .iter()
        .find(|o| !TARGETS.iter().any(|t| t.0 == o.as_str()))
    {
        let names: Vec<&str> = TARGETS.iter().map(|t| t.0).collect();
        bail!("no fuzz target {unknown:?}: one of {}", names.join(", "));
    }

    let afl = ensure_cargo_afl()?;
    let root = testbed::workspace_root();
    let out_root = crate::target_dir().join("onshi-fuzz");
    std::fs::create_dir_all(&out_root)?;
    let afl_target = out_root.join("build");

    let mut built = BTreeMap::new();
    for (_, bin) in &chosen {
        if built.contains_key(bin) {
            continue;
        }
        eprintln!("== building {bin} with AFL++ instrumentation");
        let mut features = String::from("afl");
        if let Some(f) = feature(bin) {
            features.push(',');
            features.push_str(f);
        }
        let mut b = afl_command(&afl);
        b.args(["afl", "build", "-p", "onshi-fuzz", "--no-default-features"])
            .args(["--features", &features, "--bin", bin, "--target-dir"])
            .arg(&afl_target)
            .current_dir(&root);
        crate::run_ok(&mut b, &format!("cargo afl build --bin {bin}"))?;
        built.insert(*bin, afl_target.join("debug").join(bin));
    }

    let mut rows = Vec::new();
    let mut crashed = Vec::new();
    for (name, bin) in &chosen {
        eprintln!("== fuzzing {name} for {seconds} s");
        let out = out_root.join(name);
        let _ = std::fs::remove_dir_all(&out);
        let mut f = afl_command(&afl);
        f.args(["afl", "fuzz", "-i"])
            .arg(root.join("fuzz/corpus").join(name))
            .arg("-o")
            .arg(&out)
            .args(["-V", &seconds.to_string(), "--"])
            .arg(&built[bin])
            .env("ONSHI_FUZZ_TARGET", name)
            .env("AFL_NO_UI", "1")
            // Other builds share this machine's cores: do not pin, do not wait for a free one.
            .env("AFL_NO_AFFINITY", "1")
            .env("AFL_SKIP_CPUFREQ", "1")
            .env("AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES", "1")
            .env("AFL_FAST_CAL", "1")
            .current_dir(&root)
            .stdout(Stdio::null());
        let log = out_root.join(format!("{name}.log"));
        f.stderr(std::fs::File::create(&log)?);
        let st = f.status().context("cannot start cargo afl fuzz")?;
        let stats = out.join("default").join("fuzzer_stats");
        if !stats.exists() {
            bail!(
                "cargo afl fuzz {name} did not run (exit {st}): see {}",
                log.display()
            );
        }
        let row = read_stats(name, &stats)?;
        let kept = keep_crashes(name, &out.join("default").join("crashes"), &root)?;
        if row.crashes > 0 || !kept.is_empty() {
            crashed.push((*name, kept));
        }
        rows.push(row);
    }

    print_table(&rows);
    let summary = out_root.join("summary.json");
    std::fs::write(&summary, summary_json(&rows)?)?;
    eprintln!("summary: {}", summary.display());
    if !crashed.is_empty() {
        for (name, files) in &crashed {
            for f in files {
                eprintln!("crash in {name}: kept as {}", f.display());
            }
        }
        bail!(
            "fuzzing found crashes in {}: the inputs are in fuzz/regressions/; fix the parser and commit them",
            crashed.iter().map(|c| c.0).collect::<Vec<_>>().join(", ")
        );
    }
    Ok(())
}

/// cargo-afl as `cargo afl` would run it: it calls back the cargo named in `CARGO`, here the
/// one a developer's shell finds (the rustup proxy), so that `cargo afl build` typed by hand
/// and this command share the instrumented build instead of redoing it.
fn afl_command(bin: &Path) -> Command {
    let on_path = std::env::var_os("PATH").and_then(|p| {
        std::env::split_paths(&p)
            .map(|d| d.join("cargo"))
            .find(|c| c.is_file())
    });
    let mut c = Command::new(bin);
    c.env(
        "CARGO",
        on_path.unwrap_or_else(|| PathBuf::from(env!("CARGO"))),
    );
    c
}

/// The cargo-afl binary (installed under `.onshi/tools` when missing), with AFL++ built.
fn ensure_cargo_afl() -> Result<PathBuf> {
    let tools = testbed::workspace_root().join(".onshi").join("tools");
    let bin = tools.join("bin").join("cargo-afl");
    if !bin.exists() {
        eprintln!("fuzz: installing cargo-afl {CARGO_AFL_VERSION} from crates.io");
        let mut install = crate::cargo(&["install", "--quiet", "--locked", "cargo-afl"]);
        install
            .args(["--version", CARGO_AFL_VERSION, "--root"])
            .arg(&tools);
        crate::run_ok(&mut install, "cargo install cargo-afl")?;
    }
    // `cargo afl config --build` compiles AFL++ once into cargo-afl's data folder; after that
    // it refuses, saying it was already built.
    let out = afl_command(&bin)
        .args(["afl", "config", "--build"])
        .output()
        .context("cannot start cargo afl config")?;
    let said = String::from_utf8_lossy(&out.stderr);
    if !out.status.success() && !said.contains("already built") {
        bail!("cargo afl config --build failed:\n{said}");
    }
    Ok(bin)
}

fn read_stats(name: &'static str, path: &Path) -> Result<Row> {
    let text = std::fs::read_to_string(path)?;
    let map: BTreeMap<&str, &str> = text
        .lines()
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim(), v.trim()))
        .collect();
    let num = |k: &str| map.get(k).and_then(|v| v.parse::<u64>().ok()).unwrap_or(0);
    let execs = num("execs_done");
    let run_time = num("run_time").max(1);
    Ok(Row {
        name,
        execs,
        execs_per_sec: execs as f64 / run_time as f64,
        coverage: map
            .get("bitmap_cvg")
            .and_then(|v| v.trim_end_matches('%').parse().ok())
            .unwrap_or(0.0),
        edges_found: num("edges_found"),
        total_edges: num("total_edges"),
        crashes: num("saved_crashes").max(num("unique_crashes")),
        hangs: num("saved_hangs").max(num("unique_hangs")),
    })
}

/// Copies each crashing input to `fuzz/regressions/<target>/crash-<sha256 prefix>`.
fn keep_crashes(name: &str, dir: &Path, root: &Path) -> Result<Vec<PathBuf>> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(Vec::new());
    };
    let dest = root.join("fuzz/regressions").join(name);
    let mut kept = Vec::new();
    for e in entries.filter_map(Result::ok) {
        if !e.file_name().to_string_lossy().starts_with("id:") {
            continue; // AFL's README.txt
        }
        let data = std::fs::read(e.path())?;
        std::fs::create_dir_all(&dest)?;
        let file = dest.join(format!(
            "crash-{}",
            &hex::encode(Sha256::digest(&data))[..16]
        ));
        std::fs::write(&file, &data)?;
        kept.push(file);
    }
    Ok(kept)
}

fn print_table(rows: &[Row]) {
    println!(
        "{:<18} {:>12} {:>10} {:>9} {:>13} {:>8} {:>6}",
        "target", "executions", "execs/s", "coverage", "edges", "crashes", "hangs"
    );
    for r in rows {
        println!(
            "{:<18} {:>12} {:>10.0} {:>8.2}% {:>13} {:>8} {:>6}",
            r.name,
            r.execs,
            r.execs_per_sec,
            r.coverage,
            format!("{}/{}", r.edges_found, r.total_edges),
            r.crashes,
            r.hangs
        );
    }
}

/// The table as JSON: an array with one object per target (name, execs, execs_per_sec,
/// coverage in percent of AFL's map, edges_found, total_edges, crashes, hangs).
fn summary_json(rows: &[Row]) -> Result<String> {
    let v: Vec<serde_json::Value> = rows
        .iter()
        .map(|r| {
            serde_json::json!({
                "name": r.name,
                "execs": r.execs,
                "execs_per_sec": r.execs_per_sec,
                "coverage": r.coverage,
                "edges_found": r.edges_found,
                "total_edges": r.total_edges,
                "crashes": r.crashes,
                "hangs": r.hangs,
            })
        })
        .collect();
    Ok(serde_json::to_string_pretty(&v)?)
}
