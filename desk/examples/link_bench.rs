//! `cargo xtask bench link`: the clinic link's timings, printed as a table. central-sim runs
//! in-process over real TLS; the desk's link serves a fresh folder and is driven as the
//! running desk drives it, one round every `--interval-ms` (default 10). Measured: the centre
//! alone (the same individual query straight through the client), a request dropped into
//! `req/` until its answer is in `res/` (one at a time, `--n`, default 1,000), a burst of
//! `--n` requests dropped at once (and whether any was lost or answered twice), and a card
//! visit's result until its face file is written. A request counts as dropped when its file
//! is complete; it is read only after two identical sightings, so one round interval is part
//! of every answer's time.

use eligibility::link::FaceFile;
use eligibility::xml::{self, Encoding};
use eligibility::{Client, ClientConfig};
use onshi_desk::link::Mode;
use onshi_desk::services::link::{Link, LinkSettings};
use simulators::centre::{Config, Server};
use std::sync::Arc;
use std::time::{Duration, Instant};

const MIC: &str = "1310100019";

fn arg(name: &str, default: u64) -> u64 {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn request(id: &str) -> Vec<u8> {
    let body = format!(
        "<?xml version=\"1.0\" encoding=\"Shift_JIS\" standalone=\"no\"?>\n<XmlMsg><MessageHeader>\
         <MedicalInstitutionCode>{MIC}</MedicalInstitutionCode>\
         <ArbitraryFileIdentifier>{id}</ArbitraryFileIdentifier></MessageHeader><MessageBody>\
         <QualificationConfirmSearchInfo><InsurerNumber>01130012</InsurerNumber>\
         <InsuredCardSymbol>1234567</InsuredCardSymbol><InsuredIdentificationNumber>12\
         </InsuredIdentificationNumber><InsuredBranchNumber>00</InsuredBranchNumber>\
         <Birthdate>19800217</Birthdate><LimitApplicationCertificateRelatedConsFlg>1\
         </LimitApplicationCertificateRelatedConsFlg></QualificationConfirmSearchInfo>\
         </MessageBody></XmlMsg>"
    );
    encoding_rs::SHIFT_JIS.encode(&body).0.into_owned()
}

struct Stats {
    name: String,
    ms: Vec<f64>,
}

impl Stats {
    fn row(&mut self) -> String {
        self.ms.sort_by(f64::total_cmp);
        let n = self.ms.len();
        let at = |q: f64| self.ms[((n as f64 - 1.0) * q).round() as usize];
        format!(
            "| {:<44} | {:>5} | {:>8.1} | {:>8.1} | {:>8.1} |",
            self.name,
            n,
            at(0.5),
            at(0.95),
            self.ms[n - 1]
        )
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let n = arg("--n", 1000) as usize;
    let interval = Duration::from_millis(arg("--interval-ms", 10));
    let dir = tempfile::tempdir().unwrap();
    let mut cfg = Config::new(dir.path().join("centre"));
    cfg.now = Some(time::macros::datetime!(2026-11-23 10:00 +09:00));
    let centre = Server::start(cfg).unwrap();
    let client = Arc::new(
        Client::new(
            ClientConfig::from_files(
                centre.url(),
                centre.ca_path(),
                centre.client_cert_path(),
                centre.client_key_path(),
                MIC.parse().unwrap(),
            )
            .unwrap(),
        )
        .unwrap(),
    );
    let root = dir.path().join("OQS");
    let settings = LinkSettings {
        folder: root.clone(),
        encoding: Encoding::ShiftJis,
        mode: Mode::Private,
        lang: onshi_desk::Lang::Ja,
        stable_scans: 2,
    };
    let mut link = Link::start(
        settings,
        &dir.path().join("link.sqlite"),
        client.clone(),
        MIC.parse().unwrap(),
    )
    .unwrap();
    let now = onshi_desk::time::now;
    let search =
        Client::search_from_text("01130012", "1234567", "12", "00", "19800217", true).unwrap();

    // The centre alone.
    let mut centre_ms = Stats {
        name: "centre alone: siquc01 over TLS".into(),
        ms: vec![],
    };
    for _ in 0..n.min(300) {
        let t = Instant::now();
        client.check_insurance_card(&search, None).await.unwrap();
        centre_ms.ms.push(ms(t.elapsed()));
    }

    // One at a time.
    let mut one = Stats {
        name: "req dropped → res renamed in (1 at a time)".into(),
        ms: vec![],
    };
    let req = root.join("req");
    let res = root.join("res");
    for i in 0..n {
        let name = format!("OQSsiquc01req_one{i:05}.xml");
        std::fs::write(req.join(&name), request(&name)).unwrap();
        let t = Instant::now();
        let answer = res.join(name.replace("req_", "res_"));
        while !answer.exists() {
            link.step(now()).await;
            if !answer.exists() {
                tokio::time::sleep(interval).await;
            }
        }
        one.ms.push(ms(t.elapsed()));
    }

    // A burst.
    let mut burst = Stats {
        name: format!("req dropped → res renamed in (burst of {n})"),
        ms: vec![],
    };
    let names: Vec<String> = (0..n)
        .map(|i| format!("OQSsiquc01req_burst{i:05}.xml"))
        .collect();
    for name in &names {
        std::fs::write(req.join(name), request(name)).unwrap();
    }
    let t0 = Instant::now();
    // Each answer's time is its file's modification time (set when it was written, just
    // before its rename into res/), so answers written within one round are told apart.
    let t0_sys = std::time::SystemTime::now();
    let mut left: Vec<&String> = names.iter().collect();
    while !left.is_empty() {
        link.step(now()).await;
        left.retain(|name| {
            let answer = res.join(name.replace("req_", "res_"));
            match std::fs::metadata(&answer).and_then(|m| m.modified()) {
                Ok(at) => {
                    burst
                        .ms
                        .push(ms(at.duration_since(t0_sys).unwrap_or_default()));
                    false
                }
                Err(_) => true,
            }
        });
        if !left.is_empty() {
            tokio::time::sleep(interval).await;
        }
    }
    let burst_total = t0.elapsed();
    for _ in 0..3 {
        link.step(now()).await;
    }
    // Lost or answered twice: every answer must be there once and be its own request's.
    let mut lost = 0;
    let mut wrong = 0;
    for name in &names {
        match std::fs::read(res.join(name.replace("req_", "res_"))) {
            Ok(b) => {
                let r: xml::QualificationResponse = xml::from_xml(&b).unwrap();
                if r.header.arbitrary_file_identifier.as_deref() != Some(name.as_str()) {
                    wrong += 1;
                }
            }
            Err(_) => lost += 1,
        }
    }
    let files = std::fs::read_dir(&res).unwrap().count();
    let errors = std::fs::read_dir(root.join("req/error")).unwrap().count();

    // Card visit result → face file.
    let reply = client
        .check_insurance_card(&search, None)
        .await
        .unwrap()
        .response;
    let mut face = Stats {
        name: "card result → face file written".into(),
        ms: vec![],
    };
    for _ in 0..n {
        let t = Instant::now();
        link.face(FaceFile::from_result(reply.clone(), None), now())
            .unwrap();
        face.ms.push(ms(t.elapsed()));
    }

    let build = if cfg!(debug_assertions) {
        "debug build: not the product's numbers"
    } else {
        "release build"
    };
    println!(
        "\nclinic link ({build}; a round every {} ms; read after 2 identical sightings)\n",
        interval.as_millis()
    );
    println!("| measure | n | p50 ms | p95 ms | max ms |");
    println!("|---|---:|---:|---:|---:|");
    for s in [&mut centre_ms, &mut one, &mut burst, &mut face] {
        println!("{}", s.row());
    }
    println!(
        "\nburst of {n}: all answered in {:.1} s; lost {lost}, answered twice {}, answer of another request {wrong}, refused {errors}",
        burst_total.as_secs_f64(),
        files.saturating_sub(2 * n)
    );
}
