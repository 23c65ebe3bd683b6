//! The `central-sim` binary as xtask and the lead's tests use it: one JSON line on stdout once
//! listening, certificates in the state dir, `issue-client-cert` for another institution, faults
//! at start and through `/admin/faults`.

use eligibility::client::BatchKey;
use eligibility::{Client, ClientConfig, ClientError, Verdict};
use rustls_pki_types::pem::PemObject;
use rustls_pki_types::{CertificateDer, PrivateKeyDer, ServerName};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const BIN: &str = env!("CARGO_BIN_EXE_central-sim");

struct Sim {
    child: Child,
    ready: serde_json::Value,
}

impl Drop for Sim {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The centre's clock: the seed's dates and the test certificates' validity are fixed.
const NOW: &str = "2026-11-23T10:00:00+09:00";

/// Starts `central-sim serve` and waits (60 s at most) for its ready line.
fn serve(state: &Path, extra: &[&str]) -> Sim {
    let mut child = Command::new(BIN)
        .args([
            "serve",
            "--listen",
            "127.0.0.1:0",
            "--now",
            NOW,
            "--state-dir",
        ])
        .arg(state)
        .args(extra)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let out = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut line = String::new();
        let _ = BufReader::new(out).read_line(&mut line);
        let _ = tx.send(line);
    });
    let line = rx
        .recv_timeout(Duration::from_secs(60))
        .expect("central-sim printed its ready line");
    let ready: serde_json::Value = serde_json::from_str(line.trim()).unwrap();
    Sim { child, ready }
}

fn path(v: &serde_json::Value, k: &str) -> PathBuf {
    PathBuf::from(v[k].as_str().unwrap())
}

fn client(sim: &Sim, cert: &Path, key: &Path, code: &str) -> Client {
    let cfg = ClientConfig::from_files(
        sim.ready["url"].as_str().unwrap(),
        &path(&sim.ready, "ca"),
        cert,
        key,
        code.parse().unwrap(),
    )
    .unwrap();
    Client::new(cfg).unwrap()
}

fn adult() -> eligibility::xml::SearchInfo {
    Client::search_from_text("01130012", "1234567", "12", "00", "19800217", false).unwrap()
}

/// A bare HTTPS POST with the default client certificate (the admin endpoint has no client
/// method in the app's crate, on purpose).
async fn admin_post(sim: &Sim, path_and_query: &str) -> String {
    let mut roots = rustls::RootCertStore::empty();
    roots
        .add(CertificateDer::from_pem_file(path(&sim.ready, "ca")).unwrap())
        .unwrap();
    let certs: Vec<CertificateDer<'static>> =
        CertificateDer::pem_file_iter(path(&sim.ready, "client_cert"))
            .unwrap()
            .map(|c| c.unwrap())
            .collect();
    let key = PrivateKeyDer::from_pem_file(path(&sim.ready, "client_key")).unwrap();
    let cfg = rustls::ClientConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .unwrap()
    .with_root_certificates(roots)
    .with_client_auth_cert(certs, key)
    .unwrap();
    let url = sim.ready["url"].as_str().unwrap();
    let addr = url.trim_start_matches("https://");
    let tcp = tokio::net::TcpStream::connect(addr).await.unwrap();
    let mut tls = tokio_rustls::TlsConnector::from(Arc::new(cfg))
        .connect(ServerName::try_from("127.0.0.1").unwrap(), tcp)
        .await
        .unwrap();
    let req = format!(
        "POST {path_and_query} HTTP/1.1\r\nHost: {addr}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    );
    tls.write_all(req.as_bytes()).await.unwrap();
    let mut out = String::new();
    let _ = tls.read_to_string(&mut out).await;
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn serve_prints_ready_line_and_issue_client_cert_works() {
    let state = tempfile::tempdir().unwrap();
    let sim = serve(state.path(), &[]);
    assert!(
        sim.ready["url"]
            .as_str()
            .unwrap()
            .starts_with("https://127.0.0.1:")
    );
    for k in ["ca", "client_cert", "client_key"] {
        assert!(path(&sim.ready, k).exists(), "{k} written");
    }
    let code = sim.ready["institution"].as_str().unwrap().to_string();
    let cl = client(
        &sim,
        &path(&sim.ready, "client_cert"),
        &path(&sim.ready, "client_key"),
        &code,
    );
    assert_eq!(
        cl.check_insurance_card(&adult(), None)
            .await
            .unwrap()
            .verdict,
        Verdict::Valid
    );

    // A certificate for the pharmacy, made by the CLI from the same state dir.
    let out = Command::new(BIN)
        .args([
            "issue-client-cert",
            "--institution",
            "1340100013",
            "--state-dir",
        ])
        .arg(state.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    let issued: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let pharmacy = client(
        &sim,
        &path(&issued, "client_cert"),
        &path(&issued, "client_key"),
        "1340100013",
    );
    assert_eq!(
        pharmacy
            .check_insurance_card(&adult(), None)
            .await
            .unwrap()
            .verdict,
        Verdict::Valid
    );

    // A bad 医療機関コード is refused by the CLI.
    let out = Command::new(BIN)
        .args([
            "issue-client-cert",
            "--institution",
            "1340100014",
            "--state-dir",
        ])
        .arg(state.path())
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("check digit"));

    // Faults through the admin endpoint.
    let resp = admin_post(&sim, "/admin/faults?error_rate=1").await;
    assert!(resp.starts_with("HTTP/1.1 200"), "{resp}");
    assert!(matches!(
        cl.check_insurance_card(&adult(), None).await.unwrap_err(),
        ClientError::Unavailable { status: 503 }
    ));
    let resp = admin_post(&sim, "/admin/faults?error_rate=0").await;
    assert!(resp.starts_with("HTTP/1.1 200"), "{resp}");
    assert!(cl.check_insurance_card(&adult(), None).await.is_ok());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn faults_can_be_set_at_start() {
    let state = tempfile::tempdir().unwrap();
    let sim = serve(state.path(), &["--faults", "malformed_rate=1"]);
    let code = sim.ready["institution"].as_str().unwrap().to_string();
    let cl = client(
        &sim,
        &path(&sim.ready, "client_cert"),
        &path(&sim.ready, "client_key"),
        &code,
    );
    assert!(matches!(
        cl.check_insurance_card(&adult(), None).await.unwrap_err(),
        ClientError::Malformed { .. }
    ));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reply_dropped_after_the_upload_is_recovered_with_the_same_key() {
    let state = tempfile::tempdir().unwrap();
    let sim = serve(state.path(), &["--faults", "drop_after_rate=1"]);
    let code = sim.ready["institution"].as_str().unwrap().to_string();
    let cl = client(
        &sim,
        &path(&sim.ready, "client_cert"),
        &path(&sim.ready, "client_key"),
        &code,
    );
    let rows: Vec<_> = (0..5)
        .map(|i| {
            let mut s = adult();
            s.arbitrary_identifier = Some(format!("P{i}"));
            s
        })
        .collect();
    let key = BatchKey::new();
    let err = cl.batch_upload(&rows, None, &key).await.unwrap_err();
    assert!(matches!(err, ClientError::Unreachable { .. }), "{err:?}");
    let resp = admin_post(&sim, "/admin/faults?drop_after_rate=0").await;
    assert!(resp.starts_with("HTTP/1.1 200"), "{resp}");
    let rec = cl.batch_upload(&rows, None, &key).await.unwrap();
    assert_eq!(cl.batch_upload(&rows, None, &key).await.unwrap(), rec);
    let r = cl
        .batch_wait(&rec, Duration::from_millis(20), Duration::from_secs(60))
        .await
        .unwrap();
    let tags: Vec<_> = r
        .body
        .units
        .iter()
        .map(|u| {
            u.search
                .as_ref()
                .unwrap()
                .arbitrary_identifier
                .clone()
                .unwrap()
        })
        .collect();
    assert_eq!(tags, ["P0", "P1", "P2", "P3", "P4"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn admin_endpoints_name_the_parameter_at_fault() {
    let state = tempfile::tempdir().unwrap();
    let sim = serve(state.path(), &[]);
    let resp = admin_post(&sim, "/admin/faults?drop_after_rat=1").await;
    assert!(resp.starts_with("HTTP/1.1 400"), "{resp}");
    assert!(resp.contains("'drop_after_rat'"), "{resp}");
    let resp = admin_post(&sim, "/admin/faults?error_rate=2").await;
    assert!(resp.starts_with("HTTP/1.1 400"), "{resp}");
    assert!(
        resp.contains("'error_rate'") && resp.contains("0.0 to 1.0"),
        "{resp}"
    );

    let resp = admin_post(
        &sim,
        "/admin/disaster?area=26&start=2026-11-23&end=20261130000000",
    )
    .await;
    assert!(resp.starts_with("HTTP/1.1 400"), "{resp}");
    assert!(
        resp.contains("'start'") && resp.contains("YYYYMMDDHHmmss"),
        "{resp}"
    );
    let resp = admin_post(
        &sim,
        "/admin/disaster?area=26&start=20261123000000&end=20261322000000",
    )
    .await;
    assert!(
        resp.starts_with("HTTP/1.1 400") && resp.contains("'end'"),
        "{resp}"
    );
    let resp = admin_post(&sim, "/admin/disaster?area=26&start=20261123000000").await;
    assert!(
        resp.starts_with("HTTP/1.1 400") && resp.contains("'end'"),
        "{resp}"
    );
    let resp = admin_post(
        &sim,
        "/admin/disaster?area=26&start=20261123000000&end=20261130000000",
    )
    .await;
    assert!(resp.starts_with("HTTP/1.1 200"), "{resp}");
}
