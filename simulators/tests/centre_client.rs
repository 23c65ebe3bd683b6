//! The eligibility client against central-sim over real TLS on loopback: what a clerk sees for
//! each kind of person, card queries signed with the personas' keys (a stand-in for the card),
//! consent enforcement, TLS refusals, 一括照会, Shift_JIS, faults and 災害時.

use eligibility::client::{BatchKey, CardProof, Patient};
use eligibility::codes::*;
use eligibility::xml::{self, Encoding, text};
use eligibility::{Client, ClientConfig, ClientError, Field, Verdict};
use rsa::pkcs8::DecodePrivateKey;
use rsa::{Pkcs1v15Sign, RsaPrivateKey};
use sha2::{Digest, Sha256};
use simulators::centre::{Config, Faults, RunningCentre, Server};
use std::path::PathBuf;
use std::time::Duration;

/// The centre's clock in every test: the seed's dates (qualifications lost on 2026-10-01,
/// drug history up to 2026-11) and the test certificates' validity are fixed, so the real
/// clock would make these tests break as time passes.
fn t0() -> time::OffsetDateTime {
    time::macros::datetime!(2026-11-23 10:00 +09:00)
}

fn config_at(dir: &std::path::Path) -> Config {
    let mut cfg = Config::new(dir);
    cfg.now = Some(t0());
    cfg
}

fn start() -> (RunningCentre, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let centre = Server::start(config_at(dir.path())).unwrap();
    (centre, dir)
}

fn config(c: &RunningCentre) -> ClientConfig {
    ClientConfig::from_files(
        c.url(),
        c.ca_path(),
        c.client_cert_path(),
        c.client_key_path(),
        c.default_institution().parse().unwrap(),
    )
    .unwrap()
}

fn client(c: &RunningCentre) -> Client {
    Client::new(config(c)).unwrap()
}

fn client_for(c: &RunningCentre, code: &str) -> Client {
    let f = c.issue_client_cert(code).unwrap();
    let cfg =
        ClientConfig::from_files(c.url(), c.ca_path(), &f.cert, &f.key, code.parse().unwrap())
            .unwrap();
    Client::new(cfg).unwrap()
}

fn persona(id: &str, file: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../assets/personas")
        .join(id)
        .join(file)
}

/// What the card does: PKCS#1 v1.5 over the SHA-256 DigestInfo of the decoded nonce.
fn sign(key_pem: &std::path::Path, nonce: &str) -> Vec<u8> {
    let key = RsaPrivateKey::from_pkcs8_pem(&std::fs::read_to_string(key_pem).unwrap()).unwrap();
    let msg = eligibility::card::signed_message(nonce).unwrap();
    key.sign(Pkcs1v15Sign::new::<Sha256>(), &Sha256::digest(&msg))
        .unwrap()
}

async fn proof(cl: &Client, id: &str) -> CardProof {
    let nonce = cl.card_nonce().await.unwrap();
    CardProof {
        certificate_der: std::fs::read(persona(id, "auth.crt.der")).unwrap(),
        signature: sign(&persona(id, "auth.key.pem"), &nonce),
        nonce,
        method: AuthMethod::Pin,
    }
}

fn search(ins: &str, sym: &str, num: &str, br: &str, birth: &str, limit: bool) -> xml::SearchInfo {
    Client::search_from_text(ins, sym, num, br, birth, limit).unwrap()
}

fn patient(s: &xml::SearchInfo) -> Patient {
    Patient {
        insurer_number: s.insurer_number.clone(),
        card_symbol: s.insured_card_symbol.clone(),
        card_number: s.insured_identification_number.clone(),
        branch: s.insured_branch_number.clone(),
        birth_date: s.birthdate,
    }
}

fn adult() -> xml::SearchInfo {
    search("01130012", "1234567", "12", "00", "19800217", true)
}

fn rejected_code(e: ClientError) -> String {
    match e {
        ClientError::Rejected { code, .. } => code,
        other => panic!("expected a refusal by the centre, got {other:?}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_kind_of_person_gives_the_right_fields() {
    let (centre, _d) = start();
    let cl = client(&centre);

    let e = cl.check_insurance_card(&adult(), None).await.unwrap();
    assert_eq!(e.verdict, Verdict::Valid);
    let r = &e.results[0];
    assert_eq!(r.name.as_deref(), Some("試験　花子"));
    // A 社保 card states no ratio: the centre sends none (see simulators::centre::dates).
    assert_eq!(r.insured_partial_contribution_ratio, None);
    assert_eq!(
        r.limit_info.as_ref().unwrap().category,
        Some(LimitCategory::A03),
        "限度額 is given with its consent"
    );
    // Without the 限度額 consent, no 限度額 information.
    let no_limit = search("01130012", "1234567", "12", "00", "19800217", false);
    let e = cl.check_insurance_card(&no_limit, None).await.unwrap();
    assert!(e.results[0].limit_info.is_none());

    // 伊藤 誠's old 国保 card: 無効（新しい資格あり）, lost for 医療保険等の資格取得.
    let old = search("011015", "札中", "2201", "00", "19750930", false);
    let e = cl.check_insurance_card(&old, None).await.unwrap();
    assert_eq!(
        e.validity,
        Some(QualificationValidity::InvalidNewQualification)
    );
    assert_eq!(
        e.verdict,
        Verdict::Invalid {
            reason: Some(ReasonOfLoss::OtherInsurance)
        }
    );
    assert_eq!(e.results[0].insurer_number.as_deref(), Some("  011015"));

    // Lost at 生活保護受給開始 with nothing newer: 無効.
    let lost = search("271015", "北", "9001", "00", "19700707", false);
    let e = cl.check_insurance_card(&lost, None).await.unwrap();
    assert_eq!(e.validity, Some(QualificationValidity::Invalid));
    assert_eq!(
        e.verdict,
        Verdict::Invalid {
            reason: Some(ReasonOfLoss::WelfareStarted)
        }
    );

    // Right numbers, wrong birth date: 該当資格なし.
    let wrong = search("01130012", "1234567", "12", "00", "19800218", false);
    assert_eq!(
        cl.check_insurance_card(&wrong, None).await.unwrap().verdict,
        Verdict::NotFound
    );

    // Twins without 枝番: 複数該当 with both; with 枝番: one.
    let twins = search("06270011", "8", "515", "", "20101010", false);
    let e = cl.check_insurance_card(&twins, None).await.unwrap();
    assert_eq!(e.verdict, Verdict::Multiple);
    assert_eq!(e.results.len(), 2);
    let twin_b = search("06270011", "8", "515", "02", "20101010", false);
    let e = cl.check_insurance_card(&twin_b, None).await.unwrap();
    assert_eq!(e.verdict, Verdict::Valid);
    assert_eq!(e.results[0].name.as_deref(), Some("森　海"));

    // 高齢受給者 and 未就学.
    let er = search("01270016", "7654321", "8", "00", "19540615", false);
    let e = cl.check_insurance_card(&er, None).await.unwrap();
    let eri = e.results[0].elderly_recipient.as_ref().unwrap();
    assert_eq!(eri.contribution_ratio.as_deref(), Some("020"));
    let ps = search("06139992", "55", "301", "03", "20220202", false);
    let e = cl.check_insurance_card(&ps, None).await.unwrap();
    assert_eq!(e.results[0].preschool_classification.as_deref(), Some("1"));
    assert_eq!(
        e.results[0].personal_family_classification,
        Some(PersonalFamily::Family)
    );
}

#[test]
fn a_bad_check_digit_is_refused_before_any_request() {
    // The typed search cannot hold a bad number, so no request can even be built.
    let err =
        Client::search_from_text("01130013", "1234567", "12", "00", "19800217", false).unwrap_err();
    match err {
        ClientError::InvalidInput(e) => {
            assert_eq!(e.field, Field::InsurerNumber);
            assert!(
                matches!(e.reason, eligibility::Reason::CheckDigit { .. }),
                "{e}"
            );
        }
        other => panic!("expected InvalidInput, got {other:?}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn card_query_with_pin_and_consents_opens_drug_info_only() {
    let (centre, _d) = start();
    let cl = client(&centre);
    let p = proof(&cl, "adult").await;
    let consent = xml::ConsentInfo {
        pharmacists: Some(ConsentFlag::Yes),
        checkups: Some(ConsentFlag::No),
        limit: Some(LimitConsent::Agreed),
        prescription_issue: Some(PrescriptionIssue::Electronic),
        ..Default::default()
    };
    let e = cl.check_card(&p, &consent, None).await.unwrap();
    assert_eq!(e.verdict, Verdict::Valid);
    assert_eq!(
        e.response.header.reference_classification,
        Some(ReferenceClassification::Card)
    );
    let r = &e.results[0];
    assert_eq!(r.name.as_deref(), Some("試験　花子"));
    assert_eq!(r.pharmacists_consent, Some(ConsentFlag::Yes));
    assert_eq!(r.checkups_consent, Some(ConsentFlag::No));
    assert!(r.pharmacists_available_time.is_some());
    assert!(r.limit_info.is_some());

    let who = patient(&adult());
    let drugs = cl.drug_info(&who, "202312", "202611", false).await.unwrap();
    assert!(!drugs.body.months.is_empty(), "three years of drug history");
    assert_eq!(
        drugs.header.qua_inf.unwrap().name.as_deref(),
        Some("試験　花子")
    );
    // No checkup consent in this visit: refused by the centre.
    let err = cl.checkup_info(&who, false).await.unwrap_err();
    assert_eq!(rejected_code(err), "ResultCode 2");
    // Another clinic has no consent from this patient either.
    let other = client_for(&centre, "2610100014");
    assert!(
        other
            .drug_info(&who, "202312", "202611", false)
            .await
            .is_err()
    );

    // The nonce is single-use.
    let err = cl.check_card(&p, &consent, None).await.unwrap_err();
    assert_eq!(rejected_code(err), "SIM-E0201");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn checkups_need_consent_and_are_refused_to_pharmacies() {
    let (centre, _d) = start();
    let clinic = client(&centre);
    let consent = xml::ConsentInfo {
        pharmacists: Some(ConsentFlag::Yes),
        checkups: Some(ConsentFlag::Yes),
        ..Default::default()
    };
    let p = proof(&clinic, "elderly").await;
    let e = clinic.check_card(&p, &consent, None).await.unwrap();
    assert_eq!(e.verdict, Verdict::Valid);
    let elderly = search("39261003", "", "00012345", "", "19440310", false);
    let c = clinic
        .checkup_info(&patient(&elderly), false)
        .await
        .unwrap();
    assert_eq!(c.body.checkups.len(), 5, "five years of 特定健診");

    let pharmacy = client_for(&centre, "1340100013");
    let p = proof(&pharmacy, "elderly").await;
    pharmacy.check_card(&p, &consent, None).await.unwrap();
    pharmacy
        .drug_info(&patient(&elderly), "202312", "202611", false)
        .await
        .unwrap();
    let err = pharmacy
        .checkup_info(&patient(&elderly), false)
        .await
        .unwrap_err();
    match err {
        ClientError::Rejected { message, .. } => assert!(message.contains("薬局")),
        other => panic!("{other:?}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_cards_are_refused() {
    let (centre, _d) = start();
    let cl = client(&centre);
    let consent = xml::ConsentInfo::default();

    // Signature over another nonce.
    let mut p = proof(&cl, "adult").await;
    let other_nonce = cl.card_nonce().await.unwrap();
    p.signature = sign(&persona("adult", "auth.key.pem"), &other_nonce);
    let err = cl.check_card(&p, &consent, None).await.unwrap_err();
    assert_eq!(rejected_code(err), "SIM-E0214");

    // Expired and revoked certificates.
    let p = proof(&cl, "expired").await;
    assert_eq!(
        rejected_code(cl.check_card(&p, &consent, None).await.unwrap_err()),
        "SIM-E0212"
    );
    let p = proof(&cl, "revoked").await;
    assert_eq!(
        rejected_code(cl.check_card(&p, &consent, None).await.unwrap_err()),
        "SIM-E0213"
    );

    // A certificate from another CA (the 特定機関 terminal's).
    let pki = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../assets/pki");
    let nonce = cl.card_nonce().await.unwrap();
    let p = CardProof {
        certificate_der: std::fs::read(pki.join("tokutei-terminal.crt.der")).unwrap(),
        signature: vec![0; 256],
        nonce,
        method: AuthMethod::Face,
    };
    assert_eq!(
        rejected_code(cl.check_card(&p, &consent, None).await.unwrap_err()),
        "SIM-E0211"
    );

    // A valid card not registered for 保険証利用.
    let p = proof(&cl, "unregistered").await;
    let e = cl.check_card(&p, &consent, None).await.unwrap();
    assert!(
        matches!(&e.verdict, Verdict::Error { code: Some(c), .. } if c == "SIM-E0220"),
        "{:?}",
        e.verdict
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn registration_links_a_certificate_once() {
    let (centre, _d) = start();
    let cl = client(&centre);
    let card = search("06139992", "60", "1205", "00", "19880125", false);
    let p = proof(&cl, "unregistered").await;
    cl.register_card(&p, &card).await.unwrap();

    let p = proof(&cl, "unregistered").await;
    let e = cl
        .check_card(&p, &xml::ConsentInfo::default(), None)
        .await
        .unwrap();
    assert_eq!(e.verdict, Verdict::Valid);
    assert_eq!(e.results[0].name.as_deref(), Some("渡邉　陽子"));

    let p = proof(&cl, "unregistered").await;
    let err = cl.register_card(&p, &card).await.unwrap_err();
    assert_eq!(rejected_code(err), "SIM-E0231");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn registration_with_agreement_only_links_the_holder_the_insurers_know() {
    let (centre, _d) = start();
    let cl = client(&centre);
    let p = proof(&cl, "unregistered").await;
    let e = cl
        .check_card(&p, &xml::ConsentInfo::default(), None)
        .await
        .unwrap();
    assert!(
        matches!(&e.verdict, Verdict::Error { code: Some(c), .. } if c == "SIM-E0220"),
        "not registered before: {:?}",
        e.verdict
    );

    // The patient only agrees: no numbers are sent.
    let p = proof(&cl, "unregistered").await;
    cl.register_card_agreed(&p).await.unwrap();

    let p = proof(&cl, "unregistered").await;
    let e = cl
        .check_card(&p, &xml::ConsentInfo::default(), None)
        .await
        .unwrap();
    assert_eq!(e.verdict, Verdict::Valid);
    assert_eq!(e.results[0].name.as_deref(), Some("渡邉　陽子"));

    // Once is enough, whichever way it is asked.
    let p = proof(&cl, "unregistered").await;
    assert_eq!(
        rejected_code(cl.register_card_agreed(&p).await.unwrap_err()),
        "SIM-E0231"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn agreement_only_for_a_holder_the_insurers_do_not_know_asks_for_the_numbers() {
    // The seed without the insurers' record of the `unregistered` card's holder.
    let dir = tempfile::tempdir().unwrap();
    let mut cfg = config_at(dir.path());
    let seed = dir.path().join("seed");
    std::fs::create_dir(&seed).unwrap();
    for f in ["institutions.toml", "people.toml", "links.toml"] {
        let text = std::fs::read_to_string(cfg.seed_dir.join(f)).unwrap();
        let text = match f {
            "links.toml" => text.replace("[known]\nunregistered = \"unregistered\"", ""),
            _ => text,
        };
        std::fs::write(seed.join(f), text).unwrap();
    }
    cfg.seed_dir = seed;
    let centre = Server::start(cfg).unwrap();
    let cl = client(&centre);

    let p = proof(&cl, "unregistered").await;
    assert_eq!(
        rejected_code(cl.register_card_agreed(&p).await.unwrap_err()),
        "SIM-E0233"
    );
    // Nothing was linked: the card is still not registered.
    let p = proof(&cl, "unregistered").await;
    let e = cl
        .check_card(&p, &xml::ConsentInfo::default(), None)
        .await
        .unwrap();
    assert!(
        matches!(&e.verdict, Verdict::Error { code: Some(c), .. } if c == "SIM-E0220"),
        "{:?}",
        e.verdict
    );
    // The numbers still register it.
    let card = search("06139992", "60", "1205", "00", "19880125", false);
    let p = proof(&cl, "unregistered").await;
    cl.register_card(&p, &card).await.unwrap();
    let p = proof(&cl, "unregistered").await;
    let e = cl
        .check_card(&p, &xml::ConsentInfo::default(), None)
        .await
        .unwrap();
    assert_eq!(e.verdict, Verdict::Valid);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tls_refuses_clients_without_our_certificate() {
    let (centre, _d) = start();
    let mut cfg = config(&centre);
    cfg.identity_pem = None;
    let err = Client::new(cfg)
        .unwrap()
        .check_insurance_card(&adult(), None)
        .await
        .unwrap_err();
    assert!(
        matches!(err, ClientError::TlsRefused { .. }),
        "no client certificate: {err:?}"
    );

    // A certificate from another CA, for the same institution code.
    let other = tempfile::tempdir().unwrap();
    let f = Server::issue_client_cert(other.path(), centre.default_institution()).unwrap();
    let cfg = ClientConfig::from_files(
        centre.url(),
        centre.ca_path(),
        &f.cert,
        &f.key,
        centre.default_institution().parse().unwrap(),
    )
    .unwrap();
    let err = Client::new(cfg)
        .unwrap()
        .check_insurance_card(&adult(), None)
        .await
        .unwrap_err();
    assert!(
        matches!(err, ClientError::TlsRefused { .. }),
        "foreign client certificate: {err:?}"
    );
}

fn mixed_rows(n: usize) -> Vec<xml::SearchInfo> {
    let kinds = [
        adult(),
        search("011015", "札中", "2201", "00", "19750930", false),
        search("06270011", "8", "515", "", "20101010", false),
        search("01130012", "9999999", "1", "00", "19800101", false),
    ];
    (0..n)
        .map(|i| {
            let mut s = kinds[i % kinds.len()].clone();
            s.arbitrary_identifier = Some(format!("P{i:05}"));
            s
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn batch_of_1000_returns_every_row_with_totals() {
    let (centre, _d) = start();
    let cl = client(&centre);
    let err = cl
        .batch_upload(&mixed_rows(10_001), None, &BatchKey::new())
        .await
        .unwrap_err();
    assert!(matches!(
        err,
        ClientError::BatchSize {
            max: 10_000,
            got: 10_001
        }
    ));
    let rows = mixed_rows(1000);
    let rec = cl
        .batch_upload(&rows, None, &BatchKey::new())
        .await
        .unwrap();
    assert_eq!(rows.len(), 1000, "the clerk's list is still there");
    let r = cl
        .batch_wait(&rec, Duration::from_millis(20), Duration::from_secs(60))
        .await
        .unwrap();
    assert_eq!(r.header.reception_number.as_deref(), Some(rec.as_str()));
    assert_eq!(r.body.units.len(), 1000);
    for (i, u) in r.body.units.iter().enumerate() {
        let id = u.search.as_ref().unwrap().arbitrary_identifier.clone();
        assert_eq!(
            id,
            Some(format!("P{i:05}")),
            "rows keep their order and tag"
        );
    }
    let count = |v: QualificationValidity| {
        r.body
            .units
            .iter()
            .filter(|u| u.qualification_validity.as_ref() == Some(&v))
            .count()
    };
    assert_eq!(count(QualificationValidity::Valid), 250);
    assert_eq!(count(QualificationValidity::InvalidNewQualification), 250);
    assert_eq!(count(QualificationValidity::MultipleMatches), 250);
    assert_eq!(count(QualificationValidity::NotFound), 250);
    assert_eq!(
        r.header.number_of_processing_result.as_deref(),
        Some("1000")
    );
    assert_eq!(r.header.number_of_error.as_deref(), Some("0"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shift_jis_round_trip_keeps_rare_kanji() {
    let (centre, _d) = start();
    let mut cfg = config(&centre);
    cfg.encoding = Encoding::ShiftJis;
    let cl = Client::new(cfg).unwrap();
    let elderly = search("39261003", "", "00012345", "", "19440310", false);
    let e = cl.check_insurance_card(&elderly, None).await.unwrap();
    assert_eq!(
        e.response.header.character_code_identifier,
        Some(CharacterCode::ShiftJis)
    );
    assert_eq!(e.results[0].name.as_deref(), Some("山﨑　トメ"));
    assert_eq!(e.results[0].name_kana.as_deref(), Some("ﾔﾏｻﾞｷ ﾄﾒ"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn faults_give_typed_errors() {
    let (centre, _d) = start();
    let mut cfg = config(&centre);
    cfg.timeout = Duration::from_millis(300);
    cfg.retries = 1;
    let cl = Client::new(cfg).unwrap();

    centre.set_faults(Faults {
        latency_ms: 2_000,
        ..Default::default()
    });
    assert!(matches!(
        cl.check_insurance_card(&adult(), None).await.unwrap_err(),
        ClientError::TimedOut
    ));

    centre.set_faults(Faults {
        drop_rate: 1.0,
        ..Default::default()
    });
    let err = cl.check_insurance_card(&adult(), None).await.unwrap_err();
    assert!(
        matches!(err, ClientError::Unreachable { .. }),
        "dropped: {err:?}"
    );

    centre.set_faults(Faults {
        malformed_rate: 1.0,
        ..Default::default()
    });
    assert!(matches!(
        cl.check_insurance_card(&adult(), None).await.unwrap_err(),
        ClientError::Malformed { .. }
    ));

    centre.set_faults(Faults {
        error_rate: 1.0,
        ..Default::default()
    });
    assert!(matches!(
        cl.check_insurance_card(&adult(), None).await.unwrap_err(),
        ClientError::Unavailable { status: 503 }
    ));
}

/// Every row of a batch, by its tag, exactly once and in order.
fn assert_every_row(r: &xml::BulkResult, n: usize) {
    let tags: Vec<String> = r
        .body
        .units
        .iter()
        .map(|u| {
            u.search
                .as_ref()
                .and_then(|s| s.arbitrary_identifier.clone())
                .unwrap_or_default()
        })
        .collect();
    let want: Vec<String> = (0..n).map(|i| format!("P{i:05}")).collect();
    assert_eq!(tags, want, "every row once, in order");
    assert_eq!(
        r.header.number_of_processing_result.as_deref(),
        Some(n.to_string().as_str())
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lost_upload_reply_loses_no_batch_row_and_makes_no_duplicate() {
    let (centre, _d) = start();
    let cl = client(&centre);
    let rows = mixed_rows(200);
    let key = BatchKey::new();

    // The centre stores the batch, then the line drops before the 受付番号 arrives (the
    // client's own retries meet the same fault).
    centre.set_faults(Faults {
        drop_after_rate: 1.0,
        ..Default::default()
    });
    let err = cl.batch_upload(&rows, None, &key).await.unwrap_err();
    assert!(
        matches!(err, ClientError::Unreachable { .. }),
        "reply lost: {err:?}"
    );
    let inst = centre.default_institution().to_string();
    assert_eq!(
        centre.batch_receptions(&inst).unwrap().len(),
        1,
        "the centre did accept the batch whose reply was lost"
    );

    // The clerk sends the same list again with the same key: the same batch, not a second.
    centre.set_faults(Faults::default());
    let rec = cl.batch_upload(&rows, None, &key).await.unwrap();
    assert_eq!(centre.batch_receptions(&inst).unwrap(), vec![rec.clone()]);
    let r = cl
        .batch_wait(&rec, Duration::from_millis(20), Duration::from_secs(60))
        .await
        .unwrap();
    assert_every_row(&r, 200);

    // Polls dropped before the handler are retried and then reported, never a lost batch.
    centre.set_faults(Faults {
        drop_rate: 1.0,
        ..Default::default()
    });
    assert!(matches!(
        cl.batch_poll(&rec).await.unwrap_err(),
        ClientError::Unreachable { .. }
    ));
    centre.set_faults(Faults::default());
    assert_every_row(
        &cl.batch_wait(&rec, Duration::from_millis(20), Duration::from_secs(60))
            .await
            .unwrap(),
        200,
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_resent_batch_key_gives_the_same_reception_and_other_rows_are_refused() {
    let (centre, _d) = start();
    let cl = client(&centre);
    let rows = mixed_rows(8);
    let key = BatchKey::new();
    let first = cl.batch_upload(&rows, None, &key).await.unwrap();
    let again = cl.batch_upload(&rows, None, &key).await.unwrap();
    assert_eq!(first, again);
    // A new key is a new batch.
    let other = cl
        .batch_upload(&rows, None, &BatchKey::new())
        .await
        .unwrap();
    assert_ne!(first, other);
    // The same key for another list is refused, not answered with the first list's result.
    let err = cl
        .batch_upload(&mixed_rows(9), None, &key)
        .await
        .unwrap_err();
    assert_eq!(rejected_code(err), "SIM-E0304");
    assert_eq!(
        centre
            .batch_receptions(centre.default_institution())
            .unwrap()
            .len(),
        2
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_batch_accepted_before_a_restart_is_finished_after_it() {
    let dir = tempfile::tempdir().unwrap();
    let rows = mixed_rows(300);
    let (rec, cfg) = {
        // This run answers the 受付番号 and stops before processing anything.
        let mut c = config_at(dir.path());
        c.hold_batches = true;
        let centre = Server::start(c).unwrap();
        let cfg = config(&centre);
        let cl = Client::new(cfg.clone()).unwrap();
        let rec = cl
            .batch_upload(&rows, None, &BatchKey::new())
            .await
            .unwrap();
        // Still 処理中 when waiting runs out: poll again later, never upload again.
        let err = cl
            .batch_wait(&rec, Duration::from_millis(10), Duration::from_millis(50))
            .await
            .unwrap_err();
        match &err {
            ClientError::BatchPending { reception } => assert_eq!(reception, &rec),
            other => panic!("expected BatchPending, got {other:?}"),
        }
        assert!(err.to_string().contains("do not upload"), "{err}");
        (rec, cfg)
    };
    // Started again three days later: the batch is finished, judged on the day it came in.
    let mut later = config_at(dir.path());
    later.now = Some(t0() + time::Duration::days(3));
    let centre = Server::start(later).unwrap();
    let mut cfg = cfg;
    cfg.base_url = centre.url().to_string();
    let cl = Client::new(cfg).unwrap();
    let r = cl
        .batch_wait(&rec, Duration::from_millis(20), Duration::from_secs(60))
        .await
        .unwrap();
    assert_eq!(r.header.reception_number.as_deref(), Some(rec.as_str()));
    assert_eq!(
        r.header.qualification_confirmation_date.as_deref(),
        Some("20261123")
    );
    assert_every_row(&r, 300);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_batch_that_cannot_be_processed_is_refused_not_left_processing() {
    let dir = tempfile::tempdir().unwrap();
    let (rec, cfg) = {
        let mut c = config_at(dir.path());
        c.hold_batches = true;
        let centre = Server::start(c).unwrap();
        let cfg = config(&centre);
        let cl = Client::new(cfg.clone()).unwrap();
        let rec = cl
            .batch_upload(&mixed_rows(3), None, &BatchKey::new())
            .await
            .unwrap();
        (rec, cfg)
    };
    // The stored upload is damaged while the centre is down (a disk fault, say).
    let db = rusqlite::Connection::open(dir.path().join("centre.sqlite")).unwrap();
    let n = db
        .execute(
            "UPDATE bulk SET request = x'3c586d6c4d7367' WHERE reception = ?1",
            [&rec],
        )
        .unwrap();
    assert_eq!(n, 1);
    drop(db);
    let centre = Server::start(config_at(dir.path())).unwrap();
    let mut cfg = cfg;
    cfg.base_url = centre.url().to_string();
    let cl = Client::new(cfg).unwrap();
    let err = cl
        .batch_wait(&rec, Duration::from_millis(20), Duration::from_secs(60))
        .await
        .unwrap_err();
    match err {
        ClientError::Rejected { code, message } => {
            assert_eq!(code, "SIM-E0303");
            assert!(message.contains("新しい"), "{message}");
        }
        other => panic!("expected the centre's refusal, got {other:?}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn disaster_lookup_only_inside_an_active_area() {
    let (centre, _d) = start();
    let kyoto = client_for(&centre, "2610100014");
    let tokyo = client(&centre);
    let who = patient(&adult());

    assert_eq!(kyoto.disaster_status().await.unwrap().active, "0");
    assert!(
        kyoto
            .drug_info(&who, "202312", "202611", true)
            .await
            .is_err()
    );

    let now = t0();
    centre
        .activate_disaster(
            "26",
            now - time::Duration::hours(1),
            now + time::Duration::days(7),
        )
        .unwrap();
    let st = kyoto.disaster_status().await.unwrap();
    assert_eq!(st.active, "1");
    assert_eq!(text(&st.area_code), Some("26"));
    let d = kyoto
        .drug_info(&who, "202312", "202611", true)
        .await
        .unwrap();
    assert!(!d.body.months.is_empty());

    // Tokyo is outside the area.
    assert_eq!(tokyo.disaster_status().await.unwrap().active, "0");
    assert!(
        tokyo
            .drug_info(&who, "202312", "202611", true)
            .await
            .is_err()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn batch_results_are_served_only_to_their_institution() {
    let (centre, _d) = start();
    let cl = client(&centre);
    let rec = cl
        .batch_upload(&mixed_rows(4), None, &BatchKey::new())
        .await
        .unwrap();
    let r = cl
        .batch_wait(&rec, Duration::from_millis(10), Duration::from_secs(30))
        .await
        .unwrap();
    assert_eq!(r.body.units.len(), 4);
    // Someone else's 受付番号 is not served.
    let other = client_for(&centre, "2610100014");
    assert_eq!(
        rejected_code(other.batch_poll(&rec).await.unwrap_err()),
        "SIM-E0302"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn drug_consent_lasts_24_hours() {
    let (centre, _d) = start();
    let cl = client(&centre);
    let t0 = t0();
    centre.set_now(Some(t0));
    let consent = xml::ConsentInfo {
        pharmacists: Some(ConsentFlag::Yes),
        ..Default::default()
    };
    let p = proof(&cl, "adult").await;
    cl.check_card(&p, &consent, None).await.unwrap();
    let who = patient(&adult());

    centre.set_now(Some(t0 + time::Duration::hours(23)));
    assert!(cl.drug_info(&who, "202312", "202611", false).await.is_ok());

    centre.set_now(Some(t0 + time::Duration::hours(25)));
    let err = cl
        .drug_info(&who, "202312", "202611", false)
        .await
        .unwrap_err();
    match err {
        ClientError::Rejected { message, .. } => assert!(message.contains("24時間")),
        other => panic!("{other:?}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_restart_keeps_registrations_and_client_certificates() {
    let dir = tempfile::tempdir().unwrap();
    let card = search("06139992", "60", "1205", "00", "19880125", false);
    let cfg = {
        let centre = Server::start(config_at(dir.path())).unwrap();
        let cfg = config(&centre);
        let cl = Client::new(cfg.clone()).unwrap();
        let p = proof(&cl, "unregistered").await;
        cl.register_card(&p, &card).await.unwrap();
        cfg
    };
    let centre = Server::start(config_at(dir.path())).unwrap();
    let mut cfg = cfg;
    cfg.base_url = centre.url().to_string();
    let cl = Client::new(cfg).unwrap();
    let p = proof(&cl, "unregistered").await;
    let e = cl
        .check_card(&p, &xml::ConsentInfo::default(), None)
        .await
        .unwrap();
    assert_eq!(e.verdict, Verdict::Valid);
    let p = proof(&cl, "adult").await;
    let e = cl
        .check_card(&p, &xml::ConsentInfo::default(), None)
        .await
        .unwrap();
    assert_eq!(e.results[0].name.as_deref(), Some("試験　花子"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_card_signing_the_digest_info_raw_is_accepted() {
    // The real card gets `card::digest_info` and pads it itself (no hash inside the card).
    let (centre, _d) = start();
    let cl = client(&centre);
    let nonce = cl.card_nonce().await.unwrap();
    let key = RsaPrivateKey::from_pkcs8_pem(
        &std::fs::read_to_string(persona("child", "auth.key.pem")).unwrap(),
    )
    .unwrap();
    let di = eligibility::card::digest_info(&nonce).unwrap();
    let signature = key.sign(Pkcs1v15Sign::new_unprefixed(), &di).unwrap();
    let p = CardProof {
        certificate_der: std::fs::read(persona("child", "auth.crt.der")).unwrap(),
        nonce,
        signature,
        method: AuthMethod::Face,
    };
    let e = cl
        .check_card(&p, &xml::ConsentInfo::default(), None)
        .await
        .unwrap();
    assert_eq!(e.verdict, Verdict::Valid);
    let r = &e.results[0];
    assert_eq!(r.name.as_deref(), Some("鈴木　さくら"));
    assert_eq!(
        r.personal_family_classification,
        Some(PersonalFamily::Family)
    );
    assert_eq!(r.insured_name.as_deref(), Some("鈴木　一郎"));
}

/// A reply larger than the client's bound is refused with its own error that the clerk can
/// read, and the same reply within the default bound reads.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reply_over_the_size_bound_is_refused_not_read() {
    let (centre, _d) = start();
    let mut cfg = config(&centre);
    assert_eq!(cfg.max_reply_bytes, eligibility::client::REPLY_MAX_BYTES);
    let fits = Client::new(cfg.clone()).unwrap();
    assert_eq!(
        fits.check_insurance_card(&adult(), None)
            .await
            .unwrap()
            .verdict,
        Verdict::Valid
    );
    cfg.max_reply_bytes = 256;
    let small = Client::new(cfg).unwrap();
    let err = small
        .check_insurance_card(&adult(), None)
        .await
        .unwrap_err();
    assert!(
        matches!(err, ClientError::ReplyTooLarge { max: 256 }),
        "{err:?}"
    );
}

fn refno(
    no: &str,
    ins: &str,
    sym: &str,
    num: &str,
    br: &str,
    birth: &str,
) -> eligibility::link::RefNoRow {
    fn opt(v: &str) -> Option<&str> {
        (!v.is_empty()).then_some(v)
    }
    eligibility::link::RefNoRow {
        reference_number: no.parse().unwrap(),
        insurer: ins.parse().unwrap(),
        symbol: opt(sym).map(|v| v.parse().unwrap()),
        number: num.parse().unwrap(),
        branch: opt(br).map(|v| v.parse().unwrap()),
        birth: opt(birth).map(|v| v.parse().unwrap()),
    }
}

/// What myclinic-ts needs of a result to register a patient's insurance, and what it reads as
/// the 後期高齢 ratio: card dates on every result, `InsuredPartialContributionRatio` only
/// where the card states one, 高齢受給者 and 限度額 periods of their own, the 限度額 consent
/// time of a query by numbers.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn results_carry_card_dates_and_ratios_and_periods_where_they_apply() {
    let (centre, _d) = start();
    let cl = client(&centre);

    // 社保 adult since 2003: the card is valid from then, issued then, no expiry, no ratio.
    let e = cl.check_insurance_card(&adult(), None).await.unwrap();
    let r = &e.results[0];
    assert_eq!(r.insured_card_valid_date.as_deref(), Some("20030401"));
    assert_eq!(
        r.insured_certificate_issuance_date.as_deref(),
        Some("20030401")
    );
    assert_eq!(r.insured_card_expiration_date, None);
    assert_eq!(r.insured_partial_contribution_ratio, None);
    // 限度額: this year's certificate, not one from her qualification date; consent at the
    // query's time (the centre's clock: 2026-11-23 10:00 JST).
    let l = r.limit_info.as_ref().unwrap();
    assert_eq!(l.valid_start_date.as_deref(), Some("20260801"));
    assert_eq!(l.valid_end_date.as_deref(), Some("20270731"));
    assert_eq!(r.limit_consent, Some(LimitConsent::Agreed));
    assert_eq!(r.limit_consent_time.as_deref(), Some("20261123100000"));
    let no_limit = search("01130012", "1234567", "12", "00", "19800217", false);
    let e = cl.check_insurance_card(&no_limit, None).await.unwrap();
    assert_eq!(e.results[0].limit_consent_time, None);

    // 後期高齢 山﨑 トメ: her ratio, this year's card (renewed 1 August, issued in July).
    let tome = search("39261003", "", "00012345", "", "19440310", true);
    let e = cl.check_insurance_card(&tome, None).await.unwrap();
    let r = &e.results[0];
    assert_eq!(r.insured_partial_contribution_ratio.as_deref(), Some("010"));
    assert_eq!(r.insured_card_valid_date.as_deref(), Some("20260801"));
    assert_eq!(r.insured_card_expiration_date.as_deref(), Some("20270731"));
    assert_eq!(
        r.insured_certificate_issuance_date.as_deref(),
        Some("20260715")
    );

    // 中村 正, born 1954-06-15, insured since 1977: a 社保 card (no ratio on it) and a
    // 高齢受給者証 of this year, not one from 1977.
    let er = search("01270016", "7654321", "8", "00", "19540615", false);
    let e = cl.check_insurance_card(&er, None).await.unwrap();
    let r = &e.results[0];
    assert_eq!(r.insured_partial_contribution_ratio, None);
    let eri = r.elderly_recipient.as_ref().unwrap();
    assert_eq!(eri.contribution_ratio.as_deref(), Some("020"));
    assert_eq!(eri.valid_start_date.as_deref(), Some("20260801"));
    assert_eq!(eri.valid_end_date.as_deref(), Some("20270731"));
    assert_eq!(eri.date.as_deref(), Some("20260801"));
    // Asked for a day in his first year at 70: from the month after his birthday.
    let d = time::macros::date!(2024 - 07 - 20);
    let e = cl.check_insurance_card(&er, Some(d)).await.unwrap();
    let eri = e.results[0].elderly_recipient.as_ref().unwrap();
    assert_eq!(eri.valid_start_date.as_deref(), Some("20240701"));
    assert_eq!(eri.valid_end_date.as_deref(), Some("20240731"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_registered_reference_number_comes_back_in_every_later_result_of_that_clinic() {
    let (centre, _d) = start();
    let cl = client(&centre);
    let before = cl.check_insurance_card(&adult(), None).await.unwrap();
    assert_eq!(before.results[0].reference_number, None);

    let r = cl
        .register_reference_numbers(
            &[refno("K-000123", "01130012", "1234567", "12", "00", "")],
            false,
            Some("REG-1"),
        )
        .await
        .unwrap();
    assert_eq!(
        r.body.processing_result_status,
        Some(ProcessingResultStatus::Normal)
    );
    assert_eq!(r.body.units.len(), 1);
    assert_eq!(r.header.arbitrary_file_identifier.as_deref(), Some("REG-1"));

    // Query by numbers.
    let e = cl.check_insurance_card(&adult(), None).await.unwrap();
    assert_eq!(e.results[0].reference_number.as_deref(), Some("K-000123"));
    // Card visit.
    let p = proof(&cl, "adult").await;
    let e = cl
        .check_card(&p, &xml::ConsentInfo::default(), None)
        .await
        .unwrap();
    assert_eq!(e.results[0].reference_number.as_deref(), Some("K-000123"));
    // 一括照会: in the row and in its result.
    let rec = cl
        .batch_upload(&[adult()], None, &BatchKey::new())
        .await
        .unwrap();
    let b = cl
        .batch_wait(&rec, Duration::from_millis(20), Duration::from_secs(60))
        .await
        .unwrap();
    let u = &b.body.units[0];
    assert_eq!(u.reference_number.as_deref(), Some("K-000123"));
    assert_eq!(
        u.result.as_ref().unwrap().reference_number.as_deref(),
        Some("K-000123")
    );
    // Another clinic does not see this clinic's number.
    let other = client_for(&centre, "2610100014");
    let e = other.check_insurance_card(&adult(), None).await.unwrap();
    assert_eq!(e.results[0].reference_number, None);

    // A new registration replaces the number.
    cl.register_reference_numbers(
        &[refno("K-999", "01130012", "1234567", "12", "00", "")],
        false,
        None,
    )
    .await
    .unwrap();
    let e = cl.check_insurance_card(&adult(), None).await.unwrap();
    assert_eq!(e.results[0].reference_number.as_deref(), Some("K-999"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bulk_reference_registration_answers_each_row() {
    let (centre, _d) = start();
    let cl = client(&centre);
    let rows = [
        refno("A1", "01130012", "1234567", "12", "00", ""),
        // No such person.
        refno("A2", "01130012", "9999999", "1", "00", ""),
        // Twins without 枝番 or birth date: two people, refused.
        refno("A3", "06270011", "8", "515", "", ""),
        // The same twins told apart by 枝番.
        refno("A4", "06270011", "8", "515", "02", ""),
        // A 6-digit 国保 number goes out space-padded to 8 and is found (伊藤 誠's old card).
        refno("A5", "011015", "札中", "2201", "00", "19750930"),
    ];
    let r = cl
        .register_reference_numbers(&rows, true, Some("REG-BULK"))
        .await
        .unwrap();
    let codes: Vec<Option<&str>> = r
        .body
        .units
        .iter()
        .map(|u| u.processing_result_code.as_deref())
        .collect();
    assert_eq!(
        codes,
        [None, Some("SIM-E0402"), Some("SIM-E0403"), None, None]
    );
    assert_eq!(
        r.body.processing_result_status,
        Some(ProcessingResultStatus::Error)
    );
    assert_eq!(r.header.number_of_processing_result.as_deref(), Some("5"));
    assert_eq!(r.header.number_of_error.as_deref(), Some("2"));
    let twin_b = search("06270011", "8", "515", "02", "20101010", false);
    let e = cl.check_insurance_card(&twin_b, None).await.unwrap();
    assert_eq!(e.results[0].reference_number.as_deref(), Some("A4"));
    // A single registration with two rows is refused by the client before any request.
    assert!(matches!(
        cl.register_reference_numbers(&rows[..2], false, None).await,
        Err(ClientError::BatchSize { max: 1, got: 2 })
    ));
}

/// Real レセコン requests for 薬剤 / 特定健診 (OQSDrug2's) carry no birth date: the centre
/// answers them when the numbers name one person, and refuses in the answer otherwise.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn drug_and_checkup_requests_without_birth_date_are_answered() {
    use eligibility::client::MedicalInfoAnswer;
    use eligibility::link::{MedicalInfoKind, MedicalInfoQuery};
    let (centre, _d) = start();
    let cl = client(&centre);
    let p = proof(&cl, "adult").await;
    let consent = xml::ConsentInfo {
        pharmacists: Some(ConsentFlag::Yes),
        checkups: Some(ConsentFlag::Yes),
        ..Default::default()
    };
    cl.check_card(&p, &consent, None).await.unwrap();
    let q = MedicalInfoQuery {
        kind: MedicalInfoKind::Drug,
        insurer: "01130012".parse().unwrap(),
        symbol: Some("1234567".parse().unwrap()),
        number: "12".parse().unwrap(),
        branch: Some("00".parse().unwrap()),
        birth: None,
        months: Some(("202312".into(), "202611".into())),
        with_treatments: false,
        treatment: MedicalTreatmentFlag::Outpatient,
    };
    let MedicalInfoAnswer::Drug(d) = cl.medical_info_for_link(&q, Some("000123")).await.unwrap()
    else {
        panic!("a drug answer")
    };
    assert_eq!(d.header.result_code.as_deref(), Some("1"));
    assert!(!d.body.months.is_empty());
    let checkup = MedicalInfoQuery {
        kind: MedicalInfoKind::Checkup,
        months: None,
        ..q.clone()
    };
    let MedicalInfoAnswer::Checkup(c) = cl.medical_info_for_link(&checkup, None).await.unwrap()
    else {
        panic!("a checkup answer")
    };
    assert_eq!(c.header.result_code.as_deref(), Some("1"));
    assert!(!c.body.checkups.is_empty());
    // Twins without 枝番: two people, refused in the answer, not as an error.
    let twins = MedicalInfoQuery {
        symbol: Some("8".parse().unwrap()),
        number: "515".parse().unwrap(),
        insurer: "06270011".parse().unwrap(),
        branch: None,
        ..q
    };
    let MedicalInfoAnswer::Drug(d) = cl.medical_info_for_link(&twins, None).await.unwrap() else {
        panic!("a drug answer")
    };
    assert_eq!(d.header.result_code.as_deref(), Some("2"));
    assert!(d.body.months.is_empty());
}

/// What a clinic's system requires of a face file to read it (myclinic-ts's face parser
/// checks these elements; its insurance registration needs `InsuredCardValidDate`).
fn assert_readable_face(kind: &str, bytes: &[u8], enc: Encoding) {
    use eligibility::link::FaceFile;
    // `<` is never the second byte of a Shift_JIS character: the bytes can be searched.
    let tag = b"<ResultOfQualificationConfirmation>";
    let n = bytes.windows(tag.len()).filter(|w| w == tag).count();
    assert!(n <= 1, "{kind}: {n} results");
    let f = FaceFile::read(bytes).unwrap();
    let h = f.header();
    assert!(h.process_execution_time.is_some(), "{kind}");
    assert!(h.qualification_confirmation_date.is_some(), "{kind}");
    assert!(h.medical_institution_code.is_some(), "{kind}");
    assert!(h.segment_of_result.is_some(), "{kind}");
    assert_eq!(
        h.reference_classification,
        Some(ReferenceClassification::Card),
        "{kind}"
    );
    assert_eq!(h.character_code_identifier, Some(enc.code()), "{kind}");
    assert!(f.body().processing_result_status.is_some(), "{kind}");
    if let Some(r) = f.result() {
        assert!(r.insured_card_classification.is_some(), "{kind}");
        assert!(
            r.name.is_some() && r.sex1.is_some() && r.birthdate.is_some(),
            "{kind}"
        );
        assert!(r.insurer_name.is_some(), "{kind}");
        assert!(
            r.insured_card_valid_date.is_some(),
            "{kind}: no InsuredCardValidDate"
        );
    }
}

/// The face file of each card persona's visit (PIN, face, 目視, registration, 有効, 無効,
/// エラー, refused certificates), written into a real folder in both encodings, each read as
/// a clinic's system reads it. `ONSHI_FACE_DUMP=<dir>` keeps a copy (to feed other readers).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_face_file_of_every_card_persona_is_readable_by_a_clinic_system() {
    use eligibility::link::{FaceFile, FaceFileName};
    let (centre, _d) = start();
    let cl = client(&centre);
    let out = tempfile::tempdir().unwrap();
    let dump = std::env::var_os("ONSHI_FACE_DUMP").map(PathBuf::from);
    let counter = xml::DeskCounter {
        counter_id: "1".into(),
        reader_name: Some("Virtual PCD 00 00".into()),
    };
    let consent = xml::ConsentInfo {
        pharmacists: Some(ConsentFlag::Yes),
        checkups: Some(ConsentFlag::Yes),
        limit: Some(LimitConsent::Agreed),
        specific_diseases: Some(ConsentFlag::Yes),
        prescription_issue: Some(PrescriptionIssue::Paper),
        ..Default::default()
    };
    let mut faces: Vec<(String, FaceFile)> = Vec::new();
    let visits = [
        ("adult-pin", "adult", AuthMethod::Pin, None),
        ("child-pin", "child", AuthMethod::Pin, None),
        ("elderly-pin", "elderly", AuthMethod::Pin, None),
        ("face-only-face", "face-only", AuthMethod::Face, None),
        ("pin-locked-visual", "pin-locked", AuthMethod::Visual, None),
        ("two-tries-new-insurer", "two-tries", AuthMethod::Pin, None),
        (
            "adult-invalid",
            "adult",
            AuthMethod::Pin,
            Some(time::macros::date!(2000 - 01 - 01)),
        ),
        ("unregistered-error", "unregistered", AuthMethod::Pin, None),
    ];
    for (kind, who, method, date) in visits {
        let mut p = proof(&cl, who).await;
        p.method = method;
        let e = cl.check_card(&p, &consent, date).await.unwrap();
        let mut f = FaceFile::from_result(e.response, Some(counter.clone()));
        assert_eq!(f.len(), 1, "{kind}");
        faces.push((kind.to_string(), f.remove(0)));
    }
    // Registration at the reader, then the visit.
    let p = proof(&cl, "unregistered").await;
    cl.register_card(
        &p,
        &search("06139992", "60", "1205", "00", "19880125", false),
    )
    .await
    .unwrap();
    let p = proof(&cl, "unregistered").await;
    let e = cl.check_card(&p, &consent, None).await.unwrap();
    faces.push((
        "unregistered-after-registration".into(),
        FaceFile::from_result(e.response, Some(counter.clone())).remove(0),
    ));
    // Certificates the centre refuses as a whole.
    for (kind, who, code) in [
        ("expired-certificate", "expired", "SIM-E0212"),
        ("revoked-certificate", "revoked", "SIM-E0213"),
    ] {
        let p = proof(&cl, who).await;
        let ClientError::Rejected { code: c, message } =
            cl.check_card(&p, &consent, None).await.unwrap_err()
        else {
            panic!("{kind}: a refusal")
        };
        assert_eq!(c, code);
        faces.push((
            kind.into(),
            FaceFile::refusal(
                centre.default_institution(),
                "20261123",
                "20261123100000",
                &c,
                &message,
                Some(counter.clone()),
            ),
        ));
    }
    let at = time::macros::datetime!(2026-11-23 10:00:00);
    let mut with_result = 0;
    for (kind, f) in &faces {
        for enc in [Encoding::Utf8, Encoding::ShiftJis] {
            let name = FaceFileName::random(centre.default_institution().parse().unwrap(), at);
            let path = out.path().join(name.to_string());
            std::fs::write(&path, f.to_bytes(enc).unwrap()).unwrap();
            let bytes = std::fs::read(&path).unwrap();
            assert_readable_face(kind, &bytes, enc);
            if let Some(d) = &dump {
                std::fs::create_dir_all(d).unwrap();
                let tag = if enc == Encoding::Utf8 {
                    "utf8"
                } else {
                    "sjis"
                };
                std::fs::write(d.join(format!("{kind}.{tag}.xml")), &bytes).unwrap();
            }
        }
        with_result += usize::from(f.result().is_some());
    }
    assert_eq!(faces.len(), 11);
    assert_eq!(
        with_result, 8,
        "every visit that found a qualification has one"
    );
    // 後期高齢 results carry their ratio, the others none.
    for (kind, f) in &faces {
        if let Some(r) = f.result() {
            let late = r
                .insurer_number
                .as_deref()
                .is_some_and(|n| n.starts_with("39"));
            assert_eq!(
                r.insured_partial_contribution_ratio.is_some(),
                late,
                "{kind}"
            );
        }
    }
}
