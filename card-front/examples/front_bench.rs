//! The card-front bench (`cargo xtask bench card-front [--captures N] [--frames N]`): every
//! persona × every trouble of the virtual card-front camera × N captures (a card placed once,
//! then frames until the reading is certain or the frame budget runs out). Prints, per trouble,
//! how many captures were read right, refused (asked again), and read wrong with certainty
//! (a wrong VERIFY the desk would send), the time from the first frame to the certain
//! 照合番号B (the reader's time; a camera delivers frames faster than they are read), and the
//! time to read one frame, both as wall time and as the CPU time the process spent (on a
//! machine shared with other builds the wall time includes waiting for a core; the CPU time
//! is what the reading itself costs). Frames are made by the simulator outside the timed part.

use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use card_front::{Agreement, AgreementRules, FrameProblem, FrontReader, Progress, ReaderConfig};
use simulators::front::{self, FrontFace, Trouble};

/// CPU time of the whole process (all threads: OpenCV's pool too).
fn cpu_now() -> Duration {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: a valid clock id and a timespec to write into.
    unsafe { libc::clock_gettime(libc::CLOCK_PROCESS_CPUTIME_ID, &mut ts) };
    Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}

#[derive(Default)]
struct Row {
    captures: usize,
    correct: usize,
    refused: usize,
    wrong: usize,
    to_certain: Vec<Duration>,
    to_certain_cpu: Vec<Duration>,
    per_frame: Vec<Duration>,
    per_frame_cpu: Vec<Duration>,
    problems: Vec<FrameProblem>,
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let i = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted[i]
}

fn ms(d: Duration) -> String {
    format!("{:.0}", d.as_secs_f64() * 1000.0)
}

fn most_common(problems: &[FrameProblem]) -> String {
    let mut counts: Vec<(FrameProblem, usize)> = Vec::new();
    for p in problems {
        match counts.iter_mut().find(|(q, _)| q == p) {
            Some((_, n)) => *n += 1,
            None => counts.push((*p, 1)),
        }
    }
    counts.sort_by_key(|c| std::cmp::Reverse(c.1));
    counts
        .iter()
        .take(2)
        .map(|(p, n)| format!("{p:?} {n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn arg(args: &[String], name: &str, default: usize) -> Result<usize> {
    match args.iter().position(|a| a == name) {
        Some(i) => args
            .get(i + 1)
            .with_context(|| format!("{name} takes a number"))?
            .parse()
            .with_context(|| format!("{name} takes a number")),
        None => Ok(default),
    }
}

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let captures = arg(&args, "--captures", 20)?;
    let budget = arg(&args, "--frames", 6)?;
    let assets = Path::new(env!("CARGO_MANIFEST_DIR")).join("../assets");
    let personas_dir = assets.join("personas");
    let font = front::load_font(&assets)?;
    let today = time::OffsetDateTime::now_utc().date();
    let rules = AgreementRules::new(today);
    let t0 = Instant::now();
    let mut reader = FrontReader::new(ReaderConfig::default())?;
    let load = t0.elapsed();

    let ids = simulators::card::persona_ids(&personas_dir)?;
    let mut rows: Vec<(Trouble, Row)> = Trouble::ALL.iter().map(|t| (*t, Row::default())).collect();
    for (pi, id) in ids.iter().enumerate() {
        let p = simulators::card::persona(&personas_dir, id)?;
        let face = FrontFace::from_persona(&p);
        let expected = face.expected_b();
        let card = front::render_front(&face, &font)?;
        let other = front::render_other_card(&face, &font)?;
        for (ti, (trouble, row)) in rows.iter_mut().enumerate() {
            for c in 0..captures {
                row.captures += 1;
                let mut agreement = Agreement::new(rules);
                let mut spent = Duration::ZERO;
                let mut spent_cpu = Duration::ZERO;
                let mut outcome = None;
                for f in 0..budget {
                    let seed = (((pi * 100 + ti) * 1000 + c) * 100 + f) as u64;
                    let frame = front::capture(&card, &other, *trouble, seed)?;
                    let (start, start_cpu) = (Instant::now(), cpu_now());
                    let read = reader.read(&frame)?;
                    let (took, took_cpu) = (start.elapsed(), cpu_now() - start_cpu);
                    spent += took;
                    spent_cpu += took_cpu;
                    row.per_frame.push(took);
                    row.per_frame_cpu.push(took_cpu);
                    match agreement.feed(read) {
                        Progress::Certain(parts) => {
                            outcome = Some(parts.digits().as_slice() == expected.as_bytes());
                            break;
                        }
                        Progress::Problem(p) => row.problems.push(p),
                        _ => {}
                    }
                }
                match outcome {
                    Some(true) => {
                        row.correct += 1;
                        row.to_certain.push(spent);
                        row.to_certain_cpu.push(spent_cpu);
                    }
                    Some(false) => row.wrong += 1,
                    None => row.refused += 1,
                }
            }
        }
    }

    println!(
        "\n## card-front: {} personas × {} troubles × {captures} captures, at most {budget} frames each, {} agreeing frames needed (Tesseract loaded in {} ms)\n",
        ids.len(),
        Trouble::ALL.len(),
        rules.frames,
        ms(load)
    );
    println!(
        "| trouble | captures | correct | refused | wrong certain (wrong VERIFY) | to certain median / p95 ms (wall) | (CPU) | per frame median / p95 ms (wall) | (CPU) | frame problems (most seen) |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|");
    let mut readable = Row::default();
    let mut total_wrong = 0;
    for (trouble, row) in rows.iter_mut() {
        row.to_certain.sort();
        row.to_certain_cpu.sort();
        row.per_frame.sort();
        row.per_frame_cpu.sort();
        total_wrong += row.wrong;
        if trouble.readable() {
            readable.captures += row.captures;
            readable.correct += row.correct;
            readable.to_certain.extend(row.to_certain.iter().copied());
            readable
                .to_certain_cpu
                .extend(row.to_certain_cpu.iter().copied());
        }
        println!(
            "| {}{} | {} | {} | {} | {} | {} / {} | {} / {} | {} / {} | {} / {} | {} |",
            trouble.name(),
            if trouble.readable() {
                ""
            } else {
                " (must refuse)"
            },
            row.captures,
            row.correct,
            row.refused,
            row.wrong,
            ms(percentile(&row.to_certain, 0.5)),
            ms(percentile(&row.to_certain, 0.95)),
            ms(percentile(&row.to_certain_cpu, 0.5)),
            ms(percentile(&row.to_certain_cpu, 0.95)),
            ms(percentile(&row.per_frame, 0.5)),
            ms(percentile(&row.per_frame, 0.95)),
            ms(percentile(&row.per_frame_cpu, 0.5)),
            ms(percentile(&row.per_frame_cpu, 0.95)),
            most_common(&row.problems),
        );
    }
    readable.to_certain.sort();
    readable.to_certain_cpu.sort();
    println!("\n| summary | value | goal |");
    println!("|---|---|---|");
    println!(
        "| wrong certain readings (would-be wrong VERIFYs), all captures | {total_wrong} | 0 |"
    );
    println!(
        "| correct on clean and mild trouble | {}/{} ({:.1} %) | ≥ 95 % |",
        readable.correct,
        readable.captures,
        100.0 * readable.correct as f64 / readable.captures.max(1) as f64
    );
    println!(
        "| first frame to certain 照合番号B, clean and mild, wall: median / p95 | {} / {} ms | median ≤ 300 ms |",
        ms(percentile(&readable.to_certain, 0.5)),
        ms(percentile(&readable.to_certain, 0.95))
    );
    println!(
        "| the same in CPU time (what the reading costs without other builds' load) | {} / {} ms | |",
        ms(percentile(&readable.to_certain_cpu, 0.5)),
        ms(percentile(&readable.to_certain_cpu, 0.95))
    );
    println!(
        "| load average (1 min) at the end | {} | |",
        std::fs::read_to_string("/proc/loadavg")
            .ok()
            .and_then(|l| l.split_whitespace().next().map(str::to_owned))
            .unwrap_or_default()
    );
    Ok(())
}
