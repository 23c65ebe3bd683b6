//! The `central-sim` binary as xtask and the lead's tests use it: one JSON line on stdout once
//! listening, certificates in the state dir, `issue-client-cert` for another institution, faults
//! at start and through `/admin/faults`.

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

/// Starts `central-sim serve` and waits (60 s at most) for its ready line.
fn serve(state: &Path, extra: &[&str]) -> Sim {
    let mut child = Command::new(BIN)
        .args(["serve", "--listen", "127.0.0.1:0", "--state-dir"])
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
