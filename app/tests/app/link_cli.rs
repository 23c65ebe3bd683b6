//! `onshi link` as systemd runs it: the built binary as a child process against central-sim over
//! real TLS and a real link folder. A request dropped into `req/` is answered in `res/`; SIGTERM
//! stops it with exit 0; a second `onshi link` on the same folder is refused with its own exit
//! status and says why; a desk without `[link]`, or with it disabled, is refused the same way.

use crate::common;

use onshi::cli::exit;
use simulators::centre::{RunningCentre, Server};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

const REQ: &str = "OQSsiquc01req_202611230001.xml";
const RES: &str = "OQSsiquc01res_202611230001.xml";

fn centre(dir: &Path) -> RunningCentre {
    let mut cfg = simulators::centre::Config::new(dir.join("centre"));
    cfg.now = Some(time::macros::datetime!(2026-11-23 10:00 +09:00));
    Server::start(cfg).unwrap()
}

fn config(dir: &Path, c: &RunningCentre, link: &str) -> PathBuf {
    common::write_config(
        dir,
        c,
        &common::Desk {
            lang: "en",
            extra: link,
            ..Default::default()
        },
    )
}

/// An individual query (照会 by the insurance-card numbers) as a clinic's system writes it.
fn request(mic: &str) -> Vec<u8> {
    let text = format!(
        "<?xml version=\"1.0\" encoding=\"Shift_JIS\" standalone=\"no\"?>\n\
         <XmlMsg><MessageHeader><QualificationConfirmationDate>20261123</QualificationConfirmationDate>\
         <MedicalInstitutionCode>{mic}</MedicalInstitutionCode>\
         <ArbitraryFileIdentifier>000001</ArbitraryFileIdentifier></MessageHeader>\
         <MessageBody><QualificationConfirmSearchInfo><InsurerNumber>01130012</InsurerNumber>\
         <InsuredCardSymbol>1234567</InsuredCardSymbol>\
         <InsuredIdentificationNumber>12</InsuredIdentificationNumber>\
         <InsuredBranchNumber>00</InsuredBranchNumber><Birthdate>19800217</Birthdate>\
         </QualificationConfirmSearchInfo></MessageBody></XmlMsg>"
    );
    encoding_rs::SHIFT_JIS.encode(&text).0.into_owned()
}

fn onshi_link(config: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_onshi"));
    c.arg("--config")
        .arg(config)
        .arg("link")
        .env_remove("RUST_LOG");
    c
}

/// Starts `onshi link` and returns once it says it serves the folder (its stderr's first
/// line), with the rest of its stderr collected by a thread.
fn start(config: &Path) -> (Child, std::thread::JoinHandle<String>) {
    let mut child = onshi_link(config)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut err = BufReader::new(child.stderr.take().unwrap());
    let mut said = String::new();
    loop {
        let mut line = String::new();
        let n = err.read_line(&mut line).unwrap();
        assert!(
            n > 0,
            "onshi link ended before it served the folder: {said}"
        );
        said.push_str(&line);
        if line.contains("The clinic link serves") {
            break;
        }
    }
    let rest = std::thread::spawn(move || {
        let mut s = said;
        let _ = std::io::Read::read_to_string(&mut err, &mut s);
        s
    });
    (child, rest)
}

/// Waits (bounded) for `path` to appear.
fn wait_for(path: &Path) -> bool {
    common::until(|| path.exists().then_some(())).is_some()
}

#[test]
fn onshi_link_answers_a_request_stops_on_sigterm_and_refuses_a_second_one_on_its_folder() {
    let dir = tempfile::tempdir().unwrap();
    let c = centre(dir.path());
    let cfg = config(
        dir.path(),
        &c,
        "[link]\nfolder = \"OQS\"\nencoding = \"UTF-8\"\n",
    );
    let root = dir.path().join("OQS");
    let (mut child, said) = start(&cfg);

    std::fs::write(root.join("req").join(REQ), request(c.default_institution())).unwrap();
    let res = root.join("res").join(RES);
    assert!(wait_for(&res), "no answer in res/");
    let answer = String::from_utf8(std::fs::read(&res).unwrap()).unwrap();
    assert!(
        answer.contains("<ProcessingResultStatus>1</ProcessingResultStatus>"),
        "{answer}"
    );
    assert!(
        !root.join("req").join(REQ).exists(),
        "the request was taken"
    );

    // A second service on the same folder: refused, with the lock's exit status.
    let second = onshi_link(&cfg).output().unwrap();
    let err = String::from_utf8(second.stderr).unwrap();
    assert_eq!(second.status.code(), Some(exit::LINK.into()), "{err}");
    assert!(err.contains("Another desk"), "{err}");
    assert!(err.contains(&format!("pid {}", child.id())), "{err}");

    // SIGTERM: the round is finished and the service exits 0.
    let pid = libc::pid_t::try_from(child.id()).unwrap();
    // SAFETY: a plain kill(2) of our own child.
    assert_eq!(unsafe { libc::kill(pid, libc::SIGTERM) }, 0);
    let status = child.wait().unwrap();
    let said = said.join().unwrap();
    assert_eq!(status.code(), Some(0), "{said}");
    assert!(said.contains("The clinic link stopped."), "{said}");
    // Nothing of the person in its log.
    for personal in ["01130012", "1234567", "19800217"] {
        assert!(!said.contains(personal), "{personal} in the log: {said}");
    }
}

#[test]
fn onshi_link_without_link_or_with_it_disabled_is_refused_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let c = centre(dir.path());
    for (extra, says) in [
        ("", "The settings have no [link]"),
        (
            "[link]\nfolder = \"OQS\"\nenabled = false\n",
            "enabled = false",
        ),
    ] {
        let cfg = config(dir.path(), &c, extra);
        let o = onshi_link(&cfg).output().unwrap();
        let err = String::from_utf8(o.stderr).unwrap();
        assert_eq!(o.status.code(), Some(exit::LINK.into()), "{err}");
        assert!(err.contains(says), "{err}");
    }
    assert!(
        !dir.path().join("OQS").exists(),
        "a disabled link makes no folders"
    );
}
