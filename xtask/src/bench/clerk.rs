//! `cargo xtask bench clerk`: the clerk's two bulk jobs, timed in release builds, in one table.
//! 一括照会 of 10,000 booked patients end to end, as a script runs it: the release `onshi batch`
//! reads a Shift_JIS list (header, 10,000 rows of the simulator's seed people, 1 % with a
//! wrong insurer check digit, which stay local), saves the job in a fresh `batches.sqlite`,
//! uploads it over TLS to the release `central-sim` binary, polls every 0.2 s, saves the
//! results and writes the UTF-8 table. Each phase is timed from the moment the command's
//! stderr line for it arrives (read as it is written), so the table says where the time goes.
//! Then history search over 100,000 checks: the release `history_bench` example fills a fresh
//! SQLite history and times the clerk's searches (goal ≤ 50 ms a search); its rows join the
//! table. Extra arguments: `--runs N` (default 3), `--rows N` (list rows), `--history-rows N`
//! (default 100,000); `--debug` runs debug builds instead (quick to build, to check the bench
//! itself; the table says so and its numbers are not the product's).

use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

use crate::{cargo, run_ok, sim, target_dir};

/// Seed people of `assets/sim/people.toml` (numbers as on the card): cycled through the list.
const PEOPLE: [&str; 4] = [
    "01130012,1234567,12,00,19800217",
    "06139992,55,301,02,20150820",
    "271015,北,9001,00,19700707",
    "06139992,55,301,00,19820401",
];
/// A wrong check digit: refused at import, never sent.
const BAD: &str = "01130013,1234567,12,00,19800217";

pub fn run(args: &[String]) -> Result<()> {
    let runs = arg(args, "--runs").unwrap_or(3).max(1);
    let rows = arg(args, "--rows").unwrap_or(10_000).max(1);
    let history_rows = arg(args, "--history-rows").unwrap_or(100_000).max(1);
    let debug = args.iter().any(|a| a == "--debug");
    // The app and the history example in one build, so their dependencies are built once.
    let app_build = [
        "-q",
        "-p",
        "onshi",
        "--bin",
        "onshi",
        "--example",
        "history_bench",
    ];
    let (centre_bin, app, history_bin) = if debug {
        let build = ["build", "-q", "-p", "simulators", "--bin", "central-sim"];
        run_ok(&mut cargo(&build), "building central-sim (debug)")?;
        let mut build = vec!["build"];
        build.extend(app_build);
        run_ok(
            &mut cargo(&build),
            "building onshi and history_bench (debug)",
        )?;
        let d = target_dir().join("debug");
        (
            d.join("central-sim"),
            d.join("onshi"),
            d.join("examples/history_bench"),
        )
    } else {
        let centre = sim::build_simulators()?.join("central-sim");
        let mut build = vec!["build", "--release"];
        build.extend(app_build);
        run_ok(
            &mut cargo(&build),
            "building onshi and history_bench (release)",
        )?;
        let d = target_dir().join("release");
        (centre, d.join("onshi"), d.join("examples/history_bench"))
    };
    let dir = testbed::workspace_root().join(".onshi/bench-clerk");
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir)?;

    let (mut centre, ready) = start_centre(&centre_bin, &dir.join("centre"))?;
    let result = (|| {
        let config = write_config(&dir, &ready)?;
        let input = dir.join("list.csv");
        let bad = write_list(&input, rows)?;
        let mut all = Vec::new();
        for i in 0..runs {
            let out = dir.join(format!("out-{i}.csv"));
            let store = dir.join(format!("batches-{i}.sqlite"));
            all.push(one_run(&app, &config, &input, &out, &store)?);
            let written = fs::read_to_string(&out)?.lines().count();
            if written != rows + 1 {
                bail!("the table has {written} lines, expected {}", rows + 1);
            }
        }
        Ok((bad, all))
    })();
    let _ = centre.kill();
    let _ = centre.wait();
    let (bad, all) = result?;
    let history = history(&history_bin, history_rows)?;
    print_table(rows, bad, debug, &all, &history);
    Ok(())
}

/// What `history_bench` printed: its notes (size, fill) and its table's rows.
struct History {
    rows: usize,
    notes: Vec<String>,
    /// (search, found, median ms, worst ms)
    searches: Vec<(String, String, f64, f64)>,
}

/// Runs the history example and reads its table (`| search | found | median ms | worst ms |`).
fn history(bin: &Path, rows: usize) -> Result<History> {
    let out = Command::new(bin)
        .arg(rows.to_string())
        .stderr(Stdio::inherit())
        .output()
        .with_context(|| format!("starting {}", bin.display()))?;
    let text = String::from_utf8_lossy(&out.stdout);
    if !out.status.success() {
        bail!("history_bench ended with {}:\n{text}", out.status);
    }
    let mut h = History {
        rows,
        notes: Vec::new(),
        searches: Vec::new(),
    };
    for line in text.lines() {
        let cells: Vec<&str> = line
            .trim()
            .trim_matches('|')
            .split('|')
            .map(str::trim)
            .collect();
        if line.starts_with('|') && cells.len() == 4 {
            if let (Ok(med), Ok(worst)) = (cells[2].parse(), cells[3].parse()) {
                h.searches
                    .push((cells[0].to_string(), cells[1].to_string(), med, worst));
            }
        } else if !line.trim().is_empty() && !line.starts_with('|') {
            h.notes.push(line.trim().to_string());
        }
    }
    if h.searches.is_empty() {
        bail!("history_bench printed no searches:\n{text}");
    }
    Ok(h)
}

fn arg(args: &[String], name: &str) -> Option<usize> {
    let i = args.iter().position(|a| a == name)?;
    args.get(i + 1)?.parse().ok()
}

/// Starts `central-sim serve` and waits for its ready line (JSON).
fn start_centre(bin: &Path, state: &Path) -> Result<(std::process::Child, String)> {
    fs::create_dir_all(state)?;
    let mut child = Command::new(bin)
        .args(["serve", "--now", "2026-11-23T10:00:00+09:00", "--state-dir"])
        .arg(state)
        .stdout(Stdio::piped())
        .stderr(fs::File::create(state.join("central-sim.log"))?)
        .spawn()
        .context("starting central-sim")?;
    let mut line = String::new();
    BufReader::new(child.stdout.take().context("central-sim stdout")?).read_line(&mut line)?;
    if line.trim().is_empty() {
        let _ = child.kill();
        bail!(
            "central-sim ended before it was ready: see {}",
            state.join("central-sim.log").display()
        );
    }
    Ok((child, line))
}

fn write_config(dir: &Path, ready: &str) -> Result<PathBuf> {
    let v: serde_json::Value = serde_json::from_str(ready).context("central-sim's ready line")?;
    let field = |k: &str| v[k].as_str().unwrap_or_default().to_string();
    let pki = testbed::workspace_root().join("assets/pki");
    let text = format!(
        "lang = \"ja\"\n[card]\njpki_ca = {:?}\nterminal_cert = {:?}\nterminal_key = {:?}\nkenmen_issuer = {:?}\n\
         [centre]\nurl = {:?}\nca = {:?}\nclient_cert = {:?}\nclient_key = {:?}\n\
         [institution]\ncode = {:?}\n",
        pki.join("jpki-auth-ca.crt.der"),
        pki.join("tokutei-terminal.crt.der"),
        crate::demo::private_terminal_key(dir)?,
        pki.join("kenmen-issuer.pub.der"),
        field("url"),
        field("ca"),
        field("client_cert"),
        field("client_key"),
        field("institution"),
    );
    let path = dir.join("config.toml");
    fs::write(&path, text)?;
    Ok(path)
}

/// A Shift_JIS list with a header; returns how many rows are bad.
fn write_list(path: &Path, rows: usize) -> Result<usize> {
    let mut text = String::from("患者氏名,保険者番号,記号,番号,枝番,生年月日\r\n");
    let mut bad = 0;
    for i in 0..rows {
        let numbers = if i % 100 == 99 {
            bad += 1;
            BAD
        } else {
            PEOPLE[i % PEOPLE.len()]
        };
        text.push_str(&format!("予約　患者{i},{numbers}\r\n"));
    }
    let (bytes, _, lossy) = encoding_rs::SHIFT_JIS.encode(&text);
    if lossy {
        bail!("the bench list does not fit Shift_JIS");
    }
    fs::File::create(path)?.write_all(&bytes)?;
    Ok(bad)
}

/// How one phase's time is read from a run.
type Phase = fn(&Run) -> Duration;

/// Times of one run, from the process start.
struct Run {
    imported: Duration,
    accepted: Duration,
    result: Duration,
    written: Duration,
    total: Duration,
}

fn one_run(app: &Path, config: &Path, input: &Path, out: &Path, store: &Path) -> Result<Run> {
    let start = Instant::now();
    let mut child = Command::new(app)
        .arg("--config")
        .arg(config)
        .arg("batch")
        .arg(input)
        .arg("-o")
        .arg(out)
        .arg("--store")
        .arg(store)
        .args(["--poll-secs", "0.2"])
        .stderr(Stdio::piped())
        .spawn()
        .context("starting onshi batch")?;
    let (mut imported, mut accepted, mut result, mut written) = (None, None, None, None);
    let mut lines = Vec::new();
    for line in BufReader::new(child.stderr.take().context("stderr")?).lines() {
        let line = line?;
        let at = start.elapsed();
        if line.starts_with("読み込み") {
            imported.get_or_insert(at);
        } else if line.starts_with("受付番号") {
            accepted.get_or_insert(at);
        } else if line.starts_with("結果:") {
            result.get_or_insert(at);
        } else if line.contains("に書き出しました") {
            written.get_or_insert(at);
        }
        lines.push(line);
    }
    let status = child.wait()?;
    let total = start.elapsed();
    // Exit 1: the table is written and the bad rows were not sent, as planned.
    if status.code() != Some(1) {
        bail!("onshi batch ended with {status}:\n{}", lines.join("\n"));
    }
    let get = |d: Option<Duration>, what: &str| {
        d.with_context(|| format!("no '{what}' line from onshi batch:\n{}", lines.join("\n")))
    };
    Ok(Run {
        imported: get(imported, "読み込み")?,
        accepted: get(accepted, "受付番号")?,
        result: get(result, "結果")?,
        written: get(written, "書き出しました")?,
        total,
    })
}

fn ms(d: Duration) -> String {
    format!("{:.0}", d.as_secs_f64() * 1000.0)
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn print_table(rows: usize, bad: usize, debug: bool, runs: &[Run], history: &History) {
    let col = |f: &dyn Fn(&Run) -> Duration| {
        let v: Vec<Duration> = runs.iter().map(f).collect();
        let min = *v.iter().min().unwrap_or(&Duration::ZERO);
        (ms(median(v.clone())), ms(min))
    };
    let phases: [(&str, Phase); 5] = [
        (
            "start → list read and validated (Shift_JIS)",
            |r: &Run| r.imported,
        ),
        ("→ job saved, uploaded, 受付番号 saved", |r: &Run| {
            r.accepted - r.imported
        }),
        (
            "→ result ready at the centre and saved (0.2 s polls)",
            |r: &Run| r.result - r.accepted,
        ),
        ("→ table exported (UTF-8 BOM)", |r: &Run| {
            r.written - r.result
        }),
        ("total (process start → exit)", |r: &Run| r.total),
    ];
    let build = if debug {
        "DEBUG builds (not representative)"
    } else {
        "release builds"
    };
    println!();
    println!(
        "clerk bench, {build}. 一括照会: `onshi batch` and central-sim over TLS, {rows} rows ({bad} refused at import), n={}. History: {} checks in a fresh SQLite file, n=21 per search.",
        runs.len(),
        history.rows,
    );
    for note in &history.notes {
        match note.starts_with("history") {
            true => println!("{note}"),
            false => println!("history {note}"),
        }
    }
    println!();
    println!("| part | step | median ms | min (一括照会) / worst (history) ms |");
    println!("| --- | --- | ---: | ---: |");
    for (name, f) in phases {
        let (med, min) = col(&f);
        println!("| 一括照会 {rows} | {name} | {med} | {min} |");
    }
    let total = median(runs.iter().map(|r| r.total).collect());
    println!(
        "| 一括照会 {rows} | rows per second, end to end | {:.0} | |",
        rows as f64 / total.as_secs_f64().max(1e-9)
    );
    let mut slowest: f64 = 0.0;
    for (name, found, med, worst) in &history.searches {
        slowest = slowest.max(*med);
        println!(
            "| history {} | search: {name} ({found} found) | {med:.2} | {worst:.2} |",
            history.rows
        );
    }
    println!();
    println!(
        "history search goal ≤ 50 ms: slowest median {slowest:.2} ms, {}",
        if slowest <= 50.0 { "met" } else { "NOT met" }
    );
}
