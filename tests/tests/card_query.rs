//! A card check from end to end, every part real: the virtual card behind a private pcscd, the
//! reader-driver (PIN, or terminal authentication for a face card), and the eligibility client
//! over TLS with a client certificate against central-sim. What the clerk would see: the right
//! person found, or the centre's refusal.

use eligibility::client::CardProof;
use eligibility::codes::{AuthMethod, ConsentFlag, LimitConsent};
use eligibility::{Client, ClientConfig, ClientError, Verdict, xml};
use onshi_tests::{Desk, workspace_file};
use reader_driver::jpki::TerminalCredentials;
use reader_driver::{AuthPin, Jpki};
use simulators::centre::{Config, RunningCentre, Server};

struct Centre {
    centre: RunningCentre,
    client: Client,
    rt: tokio::runtime::Runtime,
    _dir: tempfile::TempDir,
}

fn centre() -> Centre {
    let dir = tempfile::tempdir().unwrap();
    let mut cfg = Config::new(dir.path());
    // A fixed day, so the personas' certificate validity and the seed's dates keep their meaning.
    cfg.now = Some(time::macros::datetime!(2026-11-23 10:00 +09:00));
    let centre = Server::start(cfg).unwrap();
    let cfg = ClientConfig::from_files(
        centre.url(),
        centre.ca_path(),
        centre.client_cert_path(),
        centre.client_key_path(),
        centre.default_institution().parse().unwrap(),
    )
    .unwrap();
    Centre {
        client: Client::new(cfg).unwrap(),
        centre,
        rt: tokio::runtime::Runtime::new().unwrap(),
        _dir: dir,
    }
}

fn persona(id: &str) -> simulators::card::Persona {
    simulators::card::persona(&workspace_file("assets/personas"), id).unwrap()
}

fn consent() -> xml::ConsentInfo {
    xml::ConsentInfo {
        pharmacists: Some(ConsentFlag::Yes),
        checkups: Some(ConsentFlag::No),
        limit: Some(LimitConsent::Agreed),
        ..Default::default()
    }
}

/// The card part of a visit: authenticate the way `method` says, then sign the centre's nonce.
fn card_proof(desk: &Desk, c: &Centre, id: &str, method: AuthMethod) -> CardProof {
    let mut card = desk.connect().unwrap();
    let mut jpki = Jpki::new(&mut card);
    let certificate_der = jpki.read_auth_certificate().unwrap();
    match method {
        AuthMethod::Pin => jpki
            .verify_auth_pin(&AuthPin::new(&persona(id).toml.jpki.auth_pin).unwrap())
            .unwrap(),
        _ => jpki
            .terminal_authenticate(
                &TerminalCredentials::load(
                    &workspace_file("assets/pki/tokutei-terminal.crt.der"),
                    &workspace_file("assets/pki/tokutei-terminal.key.pem"),
                )
                .unwrap(),
            )
            .unwrap(),
    }
    let nonce = c.rt.block_on(c.client.card_nonce()).unwrap();
    let digest_info = eligibility::card::digest_info(&nonce).unwrap();
    let signature = jpki.sign_digest_info(&digest_info).unwrap();
    CardProof {
        certificate_der,
        nonce,
        signature,
        method,
    }
}

#[test]
fn pin_path_finds_the_card_holder_with_the_consents_given() {
    let c = centre();
    let mut desk = Desk::start();
    desk.insert("adult");
    let proof = card_proof(&desk, &c, "adult", AuthMethod::Pin);
    let e =
        c.rt.block_on(c.client.check_card(&proof, &consent(), None))
            .unwrap();
    assert_eq!(e.verdict, Verdict::Valid);
    let r = &e.results[0];
    assert_eq!(r.name.as_deref(), Some(persona("adult").toml.name.as_str()));
    assert_eq!(r.pharmacists_consent, Some(ConsentFlag::Yes));
    assert_eq!(r.checkups_consent, Some(ConsentFlag::No));
}

#[test]
fn face_card_path_signs_after_terminal_authentication_and_is_found() {
    let c = centre();
    let mut desk = Desk::start();
    desk.insert("face-only");
    let proof = card_proof(&desk, &c, "face-only", AuthMethod::Face);
    let e =
        c.rt.block_on(c.client.check_card(&proof, &consent(), None))
            .unwrap();
    assert_eq!(e.verdict, Verdict::Valid);
    assert_eq!(
        e.results[0].name.as_deref(),
        Some(persona("face-only").toml.name.as_str())
    );
}

#[test]
fn revoked_certificate_is_refused_by_the_centre_even_with_the_right_pin() {
    let c = centre();
    let mut desk = Desk::start();
    desk.insert("revoked");
    let proof = card_proof(&desk, &c, "revoked", AuthMethod::Pin);
    let err =
        c.rt.block_on(c.client.check_card(&proof, &consent(), None))
            .unwrap_err();
    assert!(matches!(err, ClientError::Rejected { .. }), "{err:?}");
    drop(c.centre);
}

#[test]
fn unregistered_card_is_told_to_register_for_insurance_use() {
    let c = centre();
    let mut desk = Desk::start();
    desk.insert("unregistered");
    let proof = card_proof(&desk, &c, "unregistered", AuthMethod::Pin);
    let e =
        c.rt.block_on(c.client.check_card(&proof, &consent(), None))
            .unwrap();
    assert!(
        matches!(&e.verdict, Verdict::Error { code: Some(code), .. } if code == "SIM-E0220"),
        "{:?}",
        e.verdict
    );
}
