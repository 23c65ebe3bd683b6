//! `centre-bench`: timings of central-sim through the real eligibility client over TLS on
//! loopback: individual checks per second with 1, 8 and 64 concurrent clients (p50 / p99), and
//! the time of a 10,000-patient 一括照会 from upload to the full result. Prints a markdown
//! table; `cargo xtask bench centre` builds it in release mode and runs it.

use anyhow::Result;
use eligibility::client::BatchKey;
use eligibility::{Client, ClientConfig, xml};
use simulators::centre::{Config, Server};
use std::time::{Duration, Instant};

const PEOPLE: &[(&str, &str, &str, &str, &str)] = &[
    ("01130012", "1234567", "12", "00", "19800217"),
    ("011015", "札中", "2201", "00", "19750930"),
    ("06270011", "8", "515", "", "20101010"),
    ("39261003", "", "00012345", "", "19440310"),
    ("01130012", "9999999", "1", "00", "19800101"),
];

fn rows(n: usize) -> Result<Vec<xml::SearchInfo>> {
    (0..n)
        .map(|i| {
            let p = PEOPLE[i % PEOPLE.len()];
            let mut s = Client::search_from_text(p.0, p.1, p.2, p.3, p.4, i % 2 == 0)?;
            s.arbitrary_identifier = Some(format!("B{i:05}"));
            Ok(s)
        })
        .collect()
}

fn pct(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

async fn run_level(
    client: &Client,
    concurrency: usize,
    dur: Duration,
) -> Result<(usize, Vec<Duration>, Duration)> {
    let searches = rows(PEOPLE.len())?;
    let start = Instant::now();
    let mut tasks = Vec::new();
    for w in 0..concurrency {
        let cl = client.clone();
        let searches = searches.clone();
        tasks.push(tokio::spawn(async move {
            let mut lat = Vec::new();
            let mut i = w;
            while start.elapsed() < dur {
                let t = Instant::now();
                cl.check_insurance_card(&searches[i % searches.len()], None)
                    .await?;
                lat.push(t.elapsed());
                i += 1;
            }
            Ok::<_, eligibility::ClientError>(lat)
        }));
    }
    let mut all = Vec::new();
    for t in tasks {
        all.extend(t.await??);
    }
    let wall = start.elapsed();
    all.sort();
    Ok((all.len(), all, wall))
}

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let secs: f64 = args
        .iter()
        .position(|a| a == "--seconds")
        .and_then(|i| args.get(i + 1))
        .and_then(|s| s.parse().ok())
        .unwrap_or(3.0);
    let dir = tempfile::tempdir()?;
    let mut cfg = Config::new(dir.path());
    cfg.workers = std::thread::available_parallelism().map_or(2, |n| n.get());
    let centre = Server::start(cfg)?;
    let mut ccfg = ClientConfig::from_files(
        centre.url(),
        centre.ca_path(),
        centre.client_cert_path(),
        centre.client_key_path(),
        centre.default_institution().parse()?,
    )?;
    ccfg.timeout = Duration::from_secs(30);
    let client = Client::new(ccfg)?;
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    println!("## centre (central-sim over TLS on loopback, release build)\n");
    println!("| clients | checks | checks/s | p50 ms | p99 ms |");
    println!("| ---: | ---: | ---: | ---: | ---: |");
    rt.block_on(async {
        // Warm up connections and caches.
        run_level(&client, 8, Duration::from_millis(300)).await?;
        for c in [1usize, 8, 64] {
            let (n, lat, wall) = run_level(&client, c, Duration::from_secs_f64(secs)).await?;
            println!(
                "| {c} | {n} | {:.0} | {:.2} | {:.2} |",
                n as f64 / wall.as_secs_f64(),
                pct(&lat, 0.50).as_secs_f64() * 1e3,
                pct(&lat, 0.99).as_secs_f64() * 1e3
            );
        }
        let batch = rows(10_000)?;
        let t = Instant::now();
        let rec = client.batch_upload(&batch, None, &BatchKey::new()).await?;
        let upload = t.elapsed();
        // batch_wait bounds the wait: a stuck batch ends the bench with BatchPending.
        let result = client
            .batch_wait(&rec, Duration::from_millis(20), Duration::from_secs(120))
            .await?;
        let total = t.elapsed();
        anyhow::ensure!(result.body.units.len() == 10_000, "batch lost rows");
        println!();
        println!("| 一括照会 rows | upload + receipt ms | upload → full result s |");
        println!("| ---: | ---: | ---: |");
        println!(
            "| {} | {:.0} | {:.2} |",
            result.body.units.len(),
            upload.as_secs_f64() * 1e3,
            total.as_secs_f64()
        );
        println!("\nGoals: ≥ 5,000 checks/s; ≤ 5 s for 10,000 rows.");
        Ok::<_, anyhow::Error>(())
    })?;
    drop(client);
    drop(centre);
    Ok(())
}
