//! The data viewer's real service against central-sim over real TLS on loopback, a real
//! SQLite history and a real staff file: a consented card check opens the drug table and
//! writes one audit row; without consent or after 24 h the gate refuses without asking the
//! centre (its client points at a closed port, so a request would say "unreachable");
//! 災害時 mode lets qualified staff view by insurance numbers, audited with the flag; a
//! pharmacy's 特定健診 is refused by the desk's policy, or by the centre's when the desk
//! allows it; accounts: add, login, wrong password, roles, and `onshi staff`; the roles per
//! kind as a table (clinic and pharmacy, `pharmacy_checkup` off and on); the 3- and 5-year
//! windows against a centre holding older records; more than 500 consented checks listed.

mod common;

use common::workspace;
use eligibility::Client;
use eligibility::client::CardProof;
use eligibility::codes::{AuthMethod, ConsentFlag};
use eligibility::xml::{self, SearchInfo};
use onshi_desk::config::Config;
use onshi_desk::history::{self, Consent, ConsentKind, History, Method, Viewed};
use onshi_desk::services::Ctx;
use onshi_desk::services::viewer::{
    Answer, Data, LoginState, Options, Service, Subject, Viewer, ViewerError,
};
use onshi_desk::staff::{Accounts, Role, Staff};
use rsa::pkcs8::DecodePrivateKey;
use rsa::{Pkcs1v15Sign, RsaPrivateKey};
use sha2::{Digest, Sha256};
use simulators::centre::{RunningCentre, Server};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use time::OffsetDateTime;
use zeroize::Zeroizing;

/// The centre's fixed clock (the seed's dates keep their meaning) and the service's.
fn t0() -> OffsetDateTime {
    time::macros::datetime!(2026-11-23 10:00 +09:00)
}

fn centre(dir: &Path) -> RunningCentre {
    let mut cfg = simulators::centre::Config::new(dir.join("centre"));
    cfg.now = Some(t0());
    Server::start(cfg).unwrap()
}

struct Inst<'a> {
    url: &'a str,
    code: &'a str,
    cert: PathBuf,
    key: PathBuf,
}

fn default_inst(c: &RunningCentre) -> Inst<'_> {
    Inst {
        url: c.url(),
        code: c.default_institution(),
        cert: c.client_cert_path().to_path_buf(),
        key: c.client_key_path().to_path_buf(),
    }
}

/// A config for the desk at `inst`, history and staff files in `dir`.
fn config(dir: &Path, c: &RunningCentre, inst: &Inst<'_>, extra: &str) -> Config {
    let extra = format!("[staff]\npath = \"staff.sqlite\"\n{extra}");
    let desk = common::Desk {
        url: Some(inst.url),
        institution: Some((inst.code, &inst.cert, &inst.key)),
        extra: &extra,
        ..Default::default()
    };
    common::load_config(dir, c, &desk)
}

/// The service on its own runtime; `rx` hears each answer (the screens' repaint).
struct Running {
    svc: Service,
    rx: mpsc::Receiver<()>,
    _rt: tokio::runtime::Runtime,
}

fn service(cfg: &Config, now: OffsetDateTime) -> Running {
    service_with(cfg, now, |_| {})
}

fn service_with(cfg: &Config, now: OffsetDateTime, f: impl FnOnce(&mut Options)) -> Running {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let (tx, rx) = mpsc::channel();
    let tx = Mutex::new(tx);
    let ctx = Ctx {
        cfg: cfg.clone(),
        client: Arc::new(Client::new(cfg.centre.clone()).unwrap()),
        rt: rt.handle().clone(),
        notify: Arc::new(move || {
            let _ = tx.lock().unwrap().send(());
        }),
    };
    let mut opts = Options::from_config(cfg);
    opts.now = Arc::new(move || now);
    f(&mut opts);
    Running {
        svc: Service::start(&ctx, opts),
        rx,
        _rt: rt,
    }
}

impl Running {
    /// Waits (on the service's notifications, at most 30 s) until `done` holds.
    fn until<T>(&mut self, mut done: impl FnMut(&mut Service) -> Option<T>) -> T {
        let deadline = std::time::Instant::now() + Duration::from_secs(30);
        loop {
            if let Some(v) = done(&mut self.svc) {
                return v;
            }
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            assert!(!left.is_zero(), "the service did not answer in 30 s");
            let _ = self.rx.recv_timeout(left);
        }
    }

    /// Logs in and waits for the password check.
    fn log_in(&mut self, name: &str, password: &Zeroizing<String>) -> Result<Staff, ViewerError> {
        self.svc.login(name, password);
        match self.until(|s| match s.login_state() {
            LoginState::Checking => None,
            other => Some(other),
        }) {
            LoginState::Refused(e) => Err(e),
            _ => self.svc.staff().ok_or(ViewerError::NotLoggedIn),
        }
    }

    /// The answer once the centre has replied.
    fn settled(&mut self) -> Arc<Answer> {
        self.until(|s| {
            s.answer()
                .filter(|a| !matches!(**a, Answer::Waiting { .. }))
        })
    }
}

const ADMIN_PW: &[u8] = b"admin pass 1";

/// Adds an account with the password `correct horse`, approved by the desk's administrator
/// `kanri` (made first on a fresh desk).
fn add(cfg: &Config, name: &str, role: Role) {
    let mut a = Accounts::open(&cfg.staff, &cfg.history).unwrap();
    let by = if a.has_admin().unwrap() {
        a.admin("kanri", ADMIN_PW).unwrap()
    } else {
        a.add_first_admin("kanri", ADMIN_PW).unwrap()
    };
    a.add(&by, name, role, b"correct horse").unwrap();
}

fn pw(s: &str) -> Zeroizing<String> {
    Zeroizing::new(s.to_string())
}

fn persona(id: &str, file: &str) -> PathBuf {
    workspace("assets/personas").join(id).join(file)
}

/// The card's part of a card check: the persona's key signs the centre's nonce.
async fn proof(cl: &Client, id: &str) -> CardProof {
    let nonce = cl.card_nonce().await.unwrap();
    let key = RsaPrivateKey::from_pkcs8_pem(
        &std::fs::read_to_string(persona(id, "auth.key.pem")).unwrap(),
    )
    .unwrap();
    let msg = eligibility::card::signed_message(&nonce).unwrap();
    let signature = key
        .sign(Pkcs1v15Sign::new::<Sha256>(), &Sha256::digest(&msg))
        .unwrap();
    CardProof {
        certificate_der: std::fs::read(persona(id, "auth.crt.der")).unwrap(),
        signature,
        nonce,
        method: AuthMethod::Pin,
    }
}

/// A card check of persona `id` at the desk of `cfg` with these consents, stored in the
/// history as the reception flow stores it; returns the check's id.
fn card_check(cfg: &Config, id: &str, drug: bool, checkup: bool) -> i64 {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let cl = Client::new(cfg.centre.clone()).unwrap();
    let flag = |b| Some(if b { ConsentFlag::Yes } else { ConsentFlag::No });
    let consent = xml::ConsentInfo {
        pharmacists: flag(drug),
        checkups: flag(checkup),
        ..Default::default()
    };
    let e = rt.block_on(async {
        let p = proof(&cl, id).await;
        cl.check_card(&p, &consent, None).await.unwrap()
    });
    let rec = history::from_eligibility(t0(), Method::CardPin, &e, None);
    History::open(&cfg.history).unwrap().record(&rec).unwrap()
}

fn adult() -> SearchInfo {
    Client::search_from_text("01130012", "1234567", "12", "00", "19800217", false).unwrap()
}

fn audit_rows(cfg: &Config) -> Vec<history::AuditRecord> {
    History::open(&cfg.history)
        .unwrap()
        .audit_between(
            t0() - time::Duration::days(2),
            t0() + time::Duration::days(2),
        )
        .unwrap()
        .into_iter()
        .map(|(_, a)| a)
        .collect()
}

#[test]
fn a_consented_check_shows_three_years_of_drugs_and_writes_one_audit_row() {
    let dir = tempfile::tempdir().unwrap();
    let c = centre(dir.path());
    let cfg = config(dir.path(), &c, &default_inst(&c), "");
    let check = card_check(&cfg, "adult", true, false);
    add(&cfg, "yamada", Role::Doctor);

    let mut r = service(&cfg, t0() + time::Duration::hours(2));
    assert_eq!(r.svc.patients(), Err(ViewerError::NotLoggedIn));
    let s = r.log_in("yamada", &pw("correct horse")).unwrap();
    assert_eq!(s.role, Role::Doctor);

    let list = r.svc.patients().unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].check_id, check);
    assert_eq!(list[0].name, "試験　花子");
    assert_eq!(list[0].drug_until, Some(t0() + time::Duration::hours(24)));
    assert_eq!(list[0].checkup_until, None, "no checkup consent");

    r.svc.view(Subject::Check(check), Viewed::Drug).unwrap();
    let a = r.settled();
    let Answer::Shown {
        what: Viewed::Drug,
        disaster: false,
        data: Data::Drugs(rows),
    } = &*a
    else {
        panic!("expected the drug table, got {a:?}");
    };
    assert!(rows.len() > 5, "three years of dispensings: {}", rows.len());
    assert!(
        rows.iter().all(|r| r.date.as_str() >= "2023-11-01"),
        "3 years"
    );
    assert!(
        rows.iter()
            .all(|r| !r.drug.is_empty() && !r.days.is_empty())
    );
    assert_eq!(rows[0].institution, "オン資デスク試験クリニック");

    let audit = audit_rows(&cfg);
    assert_eq!(audit.len(), 1, "one view, one audit row");
    assert_eq!(audit[0].staff, "doctor/yamada");
    assert_eq!(audit[0].check_id, Some(check));
    assert_eq!(audit[0].what, Viewed::Drug);
    assert!(!audit[0].disaster);
    assert_eq!(audit[0].insurer_number, "01130012");
    assert_eq!(audit[0].card_number, "12");

    // The checkup was not consented to: refused here, nothing sent, nothing audited.
    assert_eq!(
        r.svc.view(Subject::Check(check), Viewed::Checkup),
        Err(ViewerError::NoConsent)
    );
    assert_eq!(audit_rows(&cfg).len(), 1);

    // Logging out forgets the data on screen.
    r.svc.logout();
    assert!(r.svc.answer().is_none());
    assert_eq!(r.svc.staff(), None);
}

#[test]
fn without_consent_or_after_24_hours_nothing_is_sent() {
    let dir = tempfile::tempdir().unwrap();
    let c = centre(dir.path());
    // A closed port: any request would come back "unreachable".
    let closed = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        format!("https://{}", l.local_addr().unwrap())
    };
    let inst = Inst {
        url: &closed,
        ..default_inst(&c)
    };
    let cfg = config(dir.path(), &c, &inst, "");
    let mut h = History::open(&cfg.history).unwrap();
    let person = history::Person {
        name: Some("試験　花子".into()),
        insurer_number: Some("01130012".into()),
        card_symbol: Some("1234567".into()),
        card_number: Some("12".into()),
        branch: Some("00".into()),
        birth_date: Some("19800217".into()),
        ..Default::default()
    };
    let record = |at: OffsetDateTime, agreed: bool| history::CheckRecord {
        at,
        method: Method::CardPin,
        outcome: history::Outcome::Valid,
        reason_code: None,
        reason_message: None,
        person: person.clone(),
        consents: vec![Consent {
            kind: ConsentKind::Drug,
            agreed,
            at: Some(at),
        }],
    };
    let refused = h.record(&record(t0(), false)).unwrap();
    let old = h
        .record(&record(t0() - time::Duration::hours(25), true))
        .unwrap();
    let fresh = h
        .record(&record(t0() - time::Duration::hours(1), true))
        .unwrap();
    add(&cfg, "sato", Role::Pharmacist);

    let mut r = service(&cfg, t0());
    r.log_in("sato", &pw("correct horse")).unwrap();
    let list = r.svc.patients().unwrap();
    assert_eq!(
        list.iter().map(|p| p.check_id).collect::<Vec<_>>(),
        vec![fresh],
        "only the check with consent less than 24 h old is listed"
    );
    assert_eq!(
        r.svc.view(Subject::Check(refused), Viewed::Drug),
        Err(ViewerError::NoConsent)
    );
    assert_eq!(
        r.svc.view(Subject::Check(old), Viewed::Drug),
        Err(ViewerError::ConsentExpired)
    );
    assert!(r.svc.answer().is_none(), "nothing was asked");
    assert!(audit_rows(&cfg).is_empty());

    // The same service with consent does send, and the closed port answers.
    r.svc.view(Subject::Check(fresh), Viewed::Drug).unwrap();
    let a = r.settled();
    match &*a {
        Answer::Failed {
            error: ViewerError::Centre { ja, .. },
            ..
        } => assert!(ja.contains("接続できません"), "{ja}"),
        other => panic!("expected unreachable, got {other:?}"),
    }
    assert!(audit_rows(&cfg).is_empty(), "no data, no audit row");
}

#[test]
fn disaster_mode_lets_qualified_staff_view_without_a_card_check_audited() {
    let dir = tempfile::tempdir().unwrap();
    let c = centre(dir.path());
    let cfg = config(dir.path(), &c, &default_inst(&c), "");
    add(&cfg, "dentist", Role::Dentist);

    // Before an activation the status is inactive and the look-up is refused here.
    let mut r = service(&cfg, t0());
    r.log_in("dentist", &pw("correct horse")).unwrap();
    assert_eq!(
        r.svc.view(Subject::Disaster(adult()), Viewed::Drug),
        Err(ViewerError::NoDisaster)
    );
    drop(r);

    c.activate_disaster(
        "13",
        t0() - time::Duration::hours(1),
        t0() + time::Duration::days(7),
    )
    .unwrap();
    let mut r = service(&cfg, t0());
    let d = r.until(|s| s.disaster());
    assert_eq!(d.area, "13");
    assert_eq!(d.until, "2026-11-30 10:00");
    r.log_in("dentist", &pw("correct horse")).unwrap();
    r.svc
        .view(Subject::Disaster(adult()), Viewed::Drug)
        .unwrap();
    let a = r.settled();
    assert!(
        matches!(&*a, Answer::Shown { disaster: true, data: Data::Drugs(rows), .. } if !rows.is_empty()),
        "{a:?}"
    );
    let audit = audit_rows(&cfg);
    assert_eq!(audit.len(), 1);
    assert!(audit[0].disaster, "audited as a 災害時 view");
    assert_eq!(audit[0].check_id, None, "no card check");
    assert_eq!(audit[0].staff, "dentist/dentist");
}

#[test]
fn a_pharmacy_gets_no_checkup_by_its_policy_and_hears_the_centres_refusal_when_it_asks() {
    let dir = tempfile::tempdir().unwrap();
    let c = centre(dir.path());
    let f = c.issue_client_cert("1340100013").unwrap();
    let inst = Inst {
        url: c.url(),
        code: "1340100013",
        cert: f.cert.clone(),
        key: f.key.clone(),
    };
    let cfg = config(dir.path(), &c, &inst, "");
    let check = card_check(&cfg, "elderly", true, true);
    add(&cfg, "kusuri", Role::Pharmacist);

    let mut r = service(&cfg, t0());
    r.log_in("kusuri", &pw("correct horse")).unwrap();
    assert_eq!(
        r.svc.view(Subject::Check(check), Viewed::Checkup),
        Err(ViewerError::PharmacyCheckup)
    );
    assert!(r.svc.answer().is_none(), "nothing was asked");
    drop(r);

    // The desk's policy allows it: the centre's own policy refuses, and the screen says so.
    let cfg2 = config(dir.path(), &c, &inst, "[viewer]\npharmacy_checkup = true\n");
    assert!(cfg2.pharmacy_checkup);
    let mut r = service(&cfg2, t0());
    r.log_in("kusuri", &pw("correct horse")).unwrap();
    r.svc.view(Subject::Check(check), Viewed::Checkup).unwrap();
    let a = r.settled();
    match &*a {
        Answer::Failed {
            what: Viewed::Checkup,
            error: ViewerError::Centre { ja, .. },
        } => assert!(ja.contains("薬局では特定健診情報を閲覧できません"), "{ja}"),
        other => panic!("expected the centre's refusal, got {other:?}"),
    }
    assert!(audit_rows(&cfg2).is_empty());
}

#[test]
fn staff_accounts_login_wrong_password_and_roles() {
    let dir = tempfile::tempdir().unwrap();
    let c = centre(dir.path());
    let cfg = config(dir.path(), &c, &default_inst(&c), "");
    let check = card_check(&cfg, "adult", true, true);

    // `onshi staff` as an administrator runs it: the password on stdin.
    let onshi = |args: &[&str], stdin: &str| {
        use std::io::Write;
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_onshi"))
            .arg("--config")
            .arg(&cfg.path)
            .arg("staff")
            .args(args)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(stdin.as_bytes())
            .unwrap();
        let o = child.wait_with_output().unwrap();
        (
            o.status.code().unwrap(),
            String::from_utf8(o.stdout).unwrap(),
            String::from_utf8(o.stderr).unwrap(),
        )
    };
    let (code, _, err) = onshi(&["add", "kanri", "--role", "admin"], "admin pass 1\n");
    assert_eq!(code, 0, "{err}");
    let admin = |pw: &str| format!("admin pass 1\n{pw}\n");
    let by = ["--admin", "kanri"];
    let (code, _, err) = onshi(
        &["add", "suzuki", "--role", "clerk", by[0], by[1]],
        &admin("correct horse"),
    );
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = onshi(
        &["add", "tanaka", "--role", "doctor", by[0], by[1]],
        &admin("battery staple"),
    );
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = onshi(
        &["add", "tanaka", "--role", "doctor", by[0], by[1]],
        &admin("battery staple"),
    );
    assert_eq!(code, 2, "a second account of one name");
    assert!(err.contains("同じ名前のアカウントがあります"), "{err}");
    let (code, _, err) = onshi(
        &["add", "kato", "--role", "nurse", by[0], by[1]],
        &admin("battery staple"),
    );
    assert_eq!(code, 2, "{err}");
    let (code, _, _) = onshi(
        &["add", "kato", "--role", "doctor", by[0], by[1]],
        &admin("short"),
    );
    assert_eq!(code, 2, "a short password");
    let (code, out, _) = onshi(&["list"], "");
    assert_eq!(code, 0);
    assert_eq!(out, "kanri\tadmin\nsuzuki\tclerk\ntanaka\tdoctor\n");
    assert!(!out.contains("battery"), "no password is printed");
    let raw = std::fs::read(&cfg.staff).unwrap();
    assert!(
        !raw.windows(7).any(|w| w == b"battery"),
        "no password is stored"
    );

    let mut r = service(&cfg, t0());
    // Wrong password and unknown name read the same.
    assert_eq!(
        r.log_in("tanaka", &pw("correct horse")),
        Err(ViewerError::WrongLogin)
    );
    assert_eq!(
        r.log_in("nobody", &pw("battery staple")),
        Err(ViewerError::WrongLogin)
    );
    assert_eq!(r.svc.staff(), None);

    // 事務 logs in but may not view, and nothing is asked.
    let s = r.log_in("suzuki", &pw("correct horse")).unwrap();
    assert_eq!(s.role, Role::Clerk);
    assert_eq!(r.svc.patients(), Err(ViewerError::NotQualified));
    assert_eq!(
        r.svc.view(Subject::Check(check), Viewed::Drug),
        Err(ViewerError::NotQualified)
    );
    assert!(r.svc.answer().is_none());

    // 管理者 logs in but may not view either.
    r.svc.logout();
    let s = r.log_in("kanri", &pw("admin pass 1")).unwrap();
    assert_eq!(s.role, Role::Admin);
    assert_eq!(r.svc.patients(), Err(ViewerError::NotQualified));

    // 医師 may.
    r.log_in("tanaka", &pw("battery staple")).unwrap();
    assert_eq!(r.svc.patients().unwrap().len(), 1);

    // A disabled account cannot log in.
    r.svc.logout();
    let (code, _, err) = onshi(&["disable", "tanaka", by[0], by[1]], "admin pass 1\n");
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        r.log_in("tanaka", &pw("battery staple")),
        Err(ViewerError::Disabled)
    );

    let (code, out, _) = onshi(&["remove", "tanaka", by[0], by[1]], "admin pass 1\n");
    assert_eq!((code, out.as_str()), (0, "tanaka を削除しました\n"));
    let (code, _, _) = onshi(&["remove", "tanaka", by[0], by[1]], "admin pass 1\n");
    assert_eq!(code, 2, "no such account");
    r.svc.logout();
    assert_eq!(
        r.log_in("tanaka", &pw("battery staple")),
        Err(ViewerError::WrongLogin)
    );
}

#[test]
fn when_the_audit_row_cannot_be_written_the_data_is_not_shown() {
    let dir = tempfile::tempdir().unwrap();
    let c = centre(dir.path());
    let cfg = config(dir.path(), &c, &default_inst(&c), "");
    let check = card_check(&cfg, "adult", true, false);
    add(&cfg, "yamada", Role::Doctor);
    // The database refuses every view's audit row, as a full disk would (the login's row is
    // let through, so the view is reached).
    rusqlite::Connection::open(&cfg.history)
        .unwrap()
        .execute_batch(
            "CREATE TRIGGER refuse_audit BEFORE INSERT ON audit WHEN NEW.event = 'view' BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END;",
        )
        .unwrap();

    let mut r = service(&cfg, t0());
    r.log_in("yamada", &pw("correct horse")).unwrap();
    r.svc.view(Subject::Check(check), Viewed::Drug).unwrap();
    let a = r.settled();
    match &*a {
        Answer::Failed {
            error: ViewerError::Audit(detail),
            ..
        } => assert!(detail.contains("disk is full"), "{detail}"),
        other => panic!("expected the audit failure, got {other:?}"),
    }
    let text =
        onshi_desk::i18n::viewer::error(eligibility::Lang::Ja, &ViewerError::Audit(String::new()));
    assert!(text.contains("情報を表示しません"), "{text}");
}

#[test]
fn an_idle_login_is_logged_out() {
    let dir = tempfile::tempdir().unwrap();
    let c = centre(dir.path());
    let cfg = config(dir.path(), &c, &default_inst(&c), "");
    let check = card_check(&cfg, "adult", true, false);
    add(&cfg, "yamada", Role::Doctor);

    // The default idle time keeps a working login.
    let mut r = service(&cfg, t0());
    r.log_in("yamada", &pw("correct horse")).unwrap();
    r.svc.view(Subject::Check(check), Viewed::Drug).unwrap();
    assert!(matches!(*r.settled(), Answer::Shown { .. }));
    assert!(r.svc.staff().is_some());
    drop(r);

    // With no idle time allowed, the next look finds nobody logged in: nothing may be listed
    // or asked for.
    let mut r = service_with(&cfg, t0(), |o| o.idle_logout = Duration::ZERO);
    assert_eq!(
        r.log_in("yamada", &pw("correct horse")),
        Err(ViewerError::NotLoggedIn),
        "accepted, then logged out at the first look"
    );
    assert_eq!(
        r.svc.login_state(),
        LoginState::Idle,
        "the password was right"
    );
    assert_eq!(r.svc.staff(), None);
    assert_eq!(r.svc.patients(), Err(ViewerError::NotLoggedIn));
    assert_eq!(
        r.svc.view(Subject::Check(check), Viewed::Drug),
        Err(ViewerError::NotLoggedIn)
    );
}

/// A monotonic clock the test moves on by hand (the idle logout's, never slept on).
#[derive(Clone)]
struct HandClock {
    base: std::time::Instant,
    secs: Arc<std::sync::atomic::AtomicU64>,
}

impl HandClock {
    fn new() -> HandClock {
        HandClock {
            base: std::time::Instant::now(),
            secs: Arc::default(),
        }
    }
    fn advance(&self, d: Duration) {
        self.secs
            .fetch_add(d.as_secs(), std::sync::atomic::Ordering::SeqCst);
    }
    fn install(&self, o: &mut Options) {
        let c = self.clone();
        o.ticks = Arc::new(move || {
            c.base + Duration::from_secs(c.secs.load(std::sync::atomic::Ordering::SeqCst))
        });
    }
}

#[test]
fn an_expired_login_stays_logged_out_even_when_touched_before_anyone_looks() {
    let dir = tempfile::tempdir().unwrap();
    let c = centre(dir.path());
    let cfg = config(dir.path(), &c, &default_inst(&c), "");
    let check = card_check(&cfg, "adult", true, false);
    add(&cfg, "yamada", Role::Doctor);
    let clock = HandClock::new();
    let mut r = service_with(&cfg, t0(), |o| clock.install(o));
    r.log_in("yamada", &pw("correct horse")).unwrap();
    r.svc.view(Subject::Check(check), Viewed::Drug).unwrap();
    assert!(matches!(*r.settled(), Answer::Shown { .. }));

    // Input within the idle time keeps the login.
    clock.advance(Duration::from_secs(9 * 60));
    r.svc.touch();
    clock.advance(Duration::from_secs(9 * 60));
    assert!(r.svc.staff().is_some(), "touched 9 minutes ago");

    // Nobody looks at the tab for 11 minutes; then the click that reopens it is the first
    // thing the service hears. The old doctor and the old patient's table must not come back.
    clock.advance(Duration::from_secs(11 * 60));
    r.svc.touch();
    assert_eq!(
        r.svc.staff(),
        None,
        "an expired login is not revived by input"
    );
    assert!(r.svc.answer().is_none(), "the patient's table is gone");
    assert_eq!(r.svc.patients(), Err(ViewerError::NotLoggedIn));
    assert_eq!(
        r.svc.view(Subject::Check(check), Viewed::Drug),
        Err(ViewerError::NotLoggedIn)
    );
}

#[test]
fn the_viewer_tab_after_the_idle_time_shows_the_login_not_the_last_patient() {
    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable;
    use onshi::ui::clerk::Tab;
    use onshi::ui::{CLERK_SIZE, ClerkConsole};
    use onshi_desk::flow::{Event, Flow, InstitutionKind, Settings};
    use onshi_desk::port::{Backend, PreviewFrame};

    /// The clerk console over the real viewer service (reception flow idle).
    struct Real {
        flow: Flow,
        viewer: Running,
    }
    impl Backend for Real {
        fn flow(&self) -> &Flow {
            &self.flow
        }
        fn send(&mut self, e: Event) {
            let _ = self.flow.handle(e, std::time::Instant::now());
        }
        fn pump(&mut self) {}
        fn preview(&self) -> Option<Arc<PreviewFrame>> {
            None
        }
        fn viewer(&mut self) -> Option<&mut dyn Viewer> {
            Some(&mut self.viewer.svc)
        }
    }

    let dir = tempfile::tempdir().unwrap();
    let c = centre(dir.path());
    let cfg = config(dir.path(), &c, &default_inst(&c), "");
    card_check(&cfg, "adult", true, true);
    add(&cfg, "yamada", Role::Doctor);
    let clock = HandClock::new();
    let running = service_with(&cfg, t0() + time::Duration::hours(2), |o| clock.install(o));
    let mut console = ClerkConsole::new(eligibility::Lang::Ja);
    console.set_tab(Tab::Viewer);
    type State = (ClerkConsole, Real);
    let mut h = Harness::builder()
        .with_size(CLERK_SIZE)
        .with_context_setup(|ctx| {
            onshi::ui::install_fonts(ctx);
            onshi::ui::install_style(ctx);
        })
        .build_ui_state(
            |ui, (console, b): &mut State| {
                egui::CentralPanel::default().show(ui, |ui| console.ui(ui, b));
            },
            (
                console,
                Real {
                    flow: Flow::new(Settings::new(InstitutionKind::Medical)),
                    viewer: running,
                },
            ),
        );
    h.run();
    /// Runs frames until `done` holds, waiting on the service's notifications (30 s at most).
    fn settle(h: &mut Harness<'static, State>, done: impl Fn(&Harness<'static, State>) -> bool) {
        let deadline = std::time::Instant::now() + Duration::from_secs(30);
        loop {
            // One frame at a time: a spinner repaints for as long as the service works.
            h.step();
            h.step();
            if done(h) {
                return;
            }
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            assert!(!left.is_zero(), "the screen did not settle in 30 s");
            let _ = h.state().1.viewer.rx.recv_timeout(left);
        }
    }
    let f = h.get_by_label("職員名");
    f.focus();
    f.type_text("yamada");
    h.run();
    let f = h.get_by_label("パスワード");
    f.focus();
    f.type_text("correct horse");
    h.run();
    h.get_by_label("ログイン").click();
    settle(&mut h, |h| h.query_by_label("試験　花子").is_some());
    h.get_by_label("薬剤情報").click();
    settle(&mut h, |h| {
        h.query_by_label_contains("薬剤情報（過去3年）").is_some()
    });
    assert!(h.query_by_label_contains("ログイン中").is_some());

    // The clerk goes to the reception tab; nobody looks at the viewer for eleven minutes;
    // then the click on the 情報閲覧 tab is the first input the viewer hears.
    h.get_by_label("受付 F1").click();
    h.run();
    assert!(h.query_by_label_contains("薬剤情報（過去3年）").is_none());
    clock.advance(Duration::from_secs(11 * 60));
    h.get_by_label("情報閲覧 F5").click();
    h.run();
    assert!(
        h.query_by_label("職員名").is_some(),
        "the login form is back"
    );
    assert!(
        h.query_by_label_contains("ログイン中").is_none(),
        "nobody is logged in"
    );
    assert!(h.query_by_label("試験　花子").is_none(), "no patient list");
    assert!(
        h.query_by_label_contains("薬剤情報（過去3年）").is_none(),
        "no drug table"
    );
}

#[test]
fn five_wrong_passwords_make_the_next_login_wait_even_after_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let c = centre(dir.path());
    let cfg = config(dir.path(), &c, &default_inst(&c), "");
    add(&cfg, "yamada", Role::Doctor);
    // The desk's wall clock, moved on by hand.
    let wall = Arc::new(Mutex::new(t0()));
    let start = || {
        let w = wall.clone();
        service_with(&cfg, t0(), move |o| {
            o.now = Arc::new(move || *w.lock().unwrap());
        })
    };
    let mut r = start();
    for i in 1..=4 {
        assert_eq!(
            r.log_in("yamada", &pw("a wrong guess")),
            Err(ViewerError::WrongLogin),
            "try {i}"
        );
    }
    assert_eq!(
        r.log_in("yamada", &pw("a wrong guess")),
        Err(ViewerError::Throttled { wait_secs: 30 }),
        "the fifth failure says how long to wait"
    );
    assert_eq!(
        r.log_in("yamada", &pw("correct horse")),
        Err(ViewerError::Throttled { wait_secs: 30 }),
        "the right password is not even checked while waiting"
    );
    drop(r);

    // The desk restarts 20 s later: still waiting.
    *wall.lock().unwrap() += time::Duration::seconds(20);
    let mut r = start();
    let refused = r.log_in("yamada", &pw("correct horse"));
    assert_eq!(refused, Err(ViewerError::Throttled { wait_secs: 10 }));
    let text = onshi_desk::i18n::viewer::error(eligibility::Lang::Ja, &refused.unwrap_err());
    assert!(text.contains("10秒待って"), "{text}");

    // After the wait the right password logs in, and the count starts again.
    *wall.lock().unwrap() += time::Duration::seconds(11);
    assert_eq!(
        r.log_in("yamada", &pw("correct horse")).unwrap().role,
        Role::Doctor
    );
    r.svc.logout();
    assert_eq!(
        r.log_in("yamada", &pw("a wrong guess")),
        Err(ViewerError::WrongLogin)
    );

    // Each failure, each refused try, the login and the logout are in the audit log (the
    // logout's row is written off the UI thread: wait for its notification).
    use onshi_desk::history::audit::Event;
    let events = r.until(|_| {
        let events: Vec<_> = History::open(&cfg.history)
            .unwrap()
            .staff_events_between(
                t0() - time::Duration::days(1),
                t0() + time::Duration::days(1),
            )
            .unwrap()
            .into_iter()
            .map(|e| (e.actor, e.event))
            .collect();
        events
            .iter()
            .any(|(_, e)| *e == Event::Logout)
            .then_some(events)
    });
    let count = |ev: Event| events.iter().filter(|(_, e)| *e == ev).count();
    assert_eq!(count(Event::LoginFailed), 6, "{events:?}");
    assert_eq!(count(Event::LoginThrottled), 2, "{events:?}");
    assert!(events.contains(&("doctor/yamada".into(), Event::Login)));
    assert!(events.contains(&("doctor/yamada".into(), Event::Logout)));
}

#[test]
fn a_broken_audit_chain_is_found_when_the_desk_starts() {
    let dir = tempfile::tempdir().unwrap();
    let c = centre(dir.path());
    let cfg = config(dir.path(), &c, &default_inst(&c), "");
    add(&cfg, "yamada", Role::Doctor);
    assert_eq!(
        History::open(&cfg.history)
            .unwrap()
            .verify_audit()
            .unwrap()
            .broken,
        None,
        "intact before"
    );

    // Someone rewrites who added the doctor.
    rusqlite::Connection::open(&cfg.history)
        .unwrap()
        .execute_batch("UPDATE audit SET staff = 'admin/someone' WHERE id = 2")
        .unwrap();
    let mut r = service(&cfg, t0());
    let broken = r.until(|s| s.audit_broken());
    assert_eq!(broken.id, 2);
    let text = onshi_desk::i18n::staff::audit_banner(eligibility::Lang::Ja, broken.id);
    assert!(text.contains("監査ログが改ざんされている可能性"), "{text}");
}

/// What a view request came to in the role table.
#[derive(Debug, PartialEq)]
enum Got {
    /// Sent, answered and shown (one audit row).
    Shown,
    /// Refused by the desk before anything was sent.
    Refused(ViewerError),
}

/// Asks for `what` and waits for the answer; a refusal by the gate comes back at once.
fn try_view(r: &mut Running, check: i64, what: Viewed) -> Got {
    match r.svc.view(Subject::Check(check), what) {
        Err(e) => Got::Refused(e),
        Ok(()) => match &*r.settled() {
            Answer::Shown { what: w, .. } if *w == what => Got::Shown,
            other => panic!("{what:?}: expected it shown, got {other:?}"),
        },
    }
}

/// The roles per kind (seed: 薬剤情報は医師、歯科医師、薬剤師等。特定健診情報は医師、歯科医師等), by
/// the real service against central-sim over TLS, at a clinic and at a pharmacy with
/// `[viewer] pharmacy_checkup` off and on. The centre here lets pharmacies have 特定健診, so
/// every refusal in the table is the desk's own; each shown view is one audit row, each
/// refusal none.
#[test]
fn each_role_views_only_the_kinds_the_seed_gives_it_at_a_clinic_and_at_a_pharmacy() {
    use Got::*;
    use Viewed::{Checkup, Diagnosis, Drug, Surgery};
    let dir = tempfile::tempdir().unwrap();
    let mut ccfg = simulators::centre::Config::new(dir.path().join("centre"));
    ccfg.now = Some(t0());
    ccfg.checkup_viewable_by_pharmacy = true;
    let c = Server::start(ccfg).unwrap();
    let f = c.issue_client_cert("1340100013").unwrap();
    let pharmacy = Inst {
        url: c.url(),
        code: "1340100013",
        cert: f.cert.clone(),
        key: f.key.clone(),
    };
    let role_kind = |role, what| Refused(ViewerError::RoleKind { role, what });
    let not_offered = |what| Refused(ViewerError::NotOffered(what));
    let unqualified = || Refused(ViewerError::NotQualified);
    // (desk, role, [薬剤, 特定健診, 診療, 手術])
    let table: Vec<(&str, Role, [Got; 4])> = vec![
        (
            "clinic",
            Role::Doctor,
            [Shown, Shown, not_offered(Diagnosis), not_offered(Surgery)],
        ),
        (
            "clinic",
            Role::Dentist,
            [Shown, Shown, not_offered(Diagnosis), not_offered(Surgery)],
        ),
        (
            "clinic",
            Role::Pharmacist,
            [
                Shown,
                role_kind(Role::Pharmacist, Checkup),
                not_offered(Diagnosis),
                not_offered(Surgery),
            ],
        ),
        (
            "clinic",
            Role::Clerk,
            [unqualified(), unqualified(), unqualified(), unqualified()],
        ),
        (
            "clinic",
            Role::Admin,
            [unqualified(), unqualified(), unqualified(), unqualified()],
        ),
        (
            "pharmacy",
            Role::Pharmacist,
            [
                Shown,
                Refused(ViewerError::PharmacyCheckup),
                not_offered(Diagnosis),
                not_offered(Surgery),
            ],
        ),
        (
            "pharmacy",
            Role::Doctor,
            [
                Shown,
                Refused(ViewerError::PharmacyCheckup),
                not_offered(Diagnosis),
                not_offered(Surgery),
            ],
        ),
        (
            "pharmacy-checkup",
            Role::Pharmacist,
            [Shown, Shown, not_offered(Diagnosis), not_offered(Surgery)],
        ),
        (
            "pharmacy-checkup",
            Role::Clerk,
            [unqualified(), unqualified(), unqualified(), unqualified()],
        ),
    ];
    let mut desks = std::collections::BTreeMap::new();
    for (desk, inst, persona, extra) in [
        ("clinic", default_inst(&c), "adult", ""),
        ("pharmacy", pharmacy, "elderly", ""),
    ] {
        let d = dir.path().join(desk);
        std::fs::create_dir_all(&d).unwrap();
        let cfg = config(&d, &c, &inst, extra);
        let check = card_check(&cfg, persona, true, true);
        for role in [Role::Doctor, Role::Dentist, Role::Pharmacist, Role::Clerk] {
            add(&cfg, role.code(), role);
        }
        let on = config(&d, &c, &inst, "[viewer]\npharmacy_checkup = true\n");
        assert!(on.pharmacy_checkup);
        desks.insert(desk.to_string(), (cfg.clone(), check));
        desks.insert(format!("{desk}-checkup"), (on, check));
    }
    for (desk, role, want) in table {
        let (cfg, check) = &desks[desk];
        let mut r = service(cfg, t0() + time::Duration::hours(1));
        let (name, password) = match role {
            Role::Admin => ("kanri", pw("admin pass 1")),
            _ => (role.code(), pw("correct horse")),
        };
        r.log_in(name, &password).unwrap();
        for (what, want) in [Drug, Checkup, Diagnosis, Surgery].into_iter().zip(want) {
            let before = audit_rows(cfg).len();
            let got = try_view(&mut r, *check, what);
            assert_eq!(got, want, "{desk}: {role:?} asking for {what:?}");
            let logged = audit_rows(cfg).len() - before;
            assert_eq!(
                logged,
                usize::from(got == Shown),
                "{desk}: {role:?} {what:?} audit rows"
            );
            // The screen offers a button exactly where the service would send.
            let offered = r.svc.may_view(what);
            let sent = got == Shown || matches!(got, Refused(ViewerError::NotOffered(_)));
            assert_eq!(offered, sent, "{desk}: {role:?} {what:?} button");
        }
    }
}

/// The 3-year (薬剤) and 5-year (特定健診) windows against a centre that holds older records:
/// the centre answers whatever months it is asked for and sends every checkup it has, so the
/// desk's own windows are what keep the older ones off the screen. The checkup view runs
/// against central-sim end to end, with its reference ranges.
#[test]
fn the_drug_and_checkup_windows_leave_out_the_centres_older_records() {
    let dir = tempfile::tempdir().unwrap();
    let c = centre(dir.path());
    let cfg = config(dir.path(), &c, &default_inst(&c), "");
    let check = card_check(&cfg, "adult", true, true);
    add(&cfg, "yamada", Role::Doctor);

    // What the centre holds for this patient, asked without any window.
    let (all_drugs, all_checkups) = {
        let rt = tokio::runtime::Runtime::new().unwrap();
        let cl = Client::new(cfg.centre.clone()).unwrap();
        let who = eligibility::client::Patient {
            insurer_number: adult().insurer_number,
            card_symbol: adult().insured_card_symbol,
            card_number: adult().insured_identification_number,
            branch: adult().insured_branch_number,
            birth_date: adult().birthdate,
        };
        rt.block_on(async {
            let d = cl.drug_info(&who, "000000", "999999", false).await.unwrap();
            let k = cl.checkup_info(&who, false).await.unwrap();
            let dates: Vec<String> = d
                .body
                .months
                .iter()
                .flat_map(|m| m.dates.as_ref().unwrap().items.clone())
                .map(|x| x.di_date.unwrap())
                .collect();
            let checkups: Vec<String> = k
                .body
                .checkups
                .iter()
                .map(|c| c.effective_time.clone().unwrap())
                .collect();
            (dates, checkups)
        })
    };
    // 3 years before 2026-11-23 asks from 2023-11; 5 years keeps checkups from 2021-11-23.
    let old_drugs = all_drugs.iter().filter(|d| d.as_str() < "20231101").count();
    let recent_drugs = all_drugs.len() - old_drugs;
    assert!(
        old_drugs > 0,
        "the centre holds dispensings older than 3 years"
    );
    let old_checkups = all_checkups
        .iter()
        .filter(|d| d.as_str() < "20211123")
        .count();
    assert!(
        old_checkups > 0,
        "the centre holds checkups older than 5 years"
    );
    let recent_checkups = all_checkups.len() - old_checkups;
    assert!(recent_checkups >= 4, "four yearly checkups in the window");

    let mut r = service(&cfg, t0() + time::Duration::hours(1));
    r.log_in("yamada", &pw("correct horse")).unwrap();
    r.svc.view(Subject::Check(check), Viewed::Drug).unwrap();
    let a = r.settled();
    let Answer::Shown {
        data: Data::Drugs(rows),
        ..
    } = &*a
    else {
        panic!("expected the drug table, got {a:?}");
    };
    let oldest = rows.iter().map(|r| r.date.as_str()).min().unwrap();
    assert!(
        oldest >= "2023-11-01",
        "a dispensing of {oldest} is older than 3 years"
    );
    assert_eq!(
        rows.len(),
        recent_drugs,
        "every dispensing of the 3 years is shown"
    );

    r.svc.view(Subject::Check(check), Viewed::Checkup).unwrap();
    let a = r.settled();
    let Answer::Shown {
        what: Viewed::Checkup,
        data: Data::Checkups(rows),
        ..
    } = &*a
    else {
        panic!("expected the checkup table, got {a:?}");
    };
    let mut dates: Vec<&str> = rows.iter().map(|r| r.date.as_str()).collect();
    dates.dedup();
    assert_eq!(
        dates.len(),
        recent_checkups,
        "one checkup a year in the 5 years: {dates:?}"
    );
    assert!(
        dates.iter().all(|d| *d >= "2021-11-23"),
        "a checkup older than 5 years is shown: {dates:?}"
    );
    let bp: Vec<_> = rows.iter().filter(|r| r.item == "収縮期血圧").collect();
    assert_eq!(bp.len(), recent_checkups, "blood pressure each year");
    assert!(bp.iter().all(|r| r.unit == "mmHg" && r.range.is_some()));
    assert_eq!(audit_rows(&cfg).len(), 2, "two views, two audit rows");
}

/// A busy day: more than 500 checks with consent in the last 24 h are all in the list (the
/// history search's default cap would leave the oldest out).
#[test]
fn more_than_500_consented_checks_are_all_listed() {
    let dir = tempfile::tempdir().unwrap();
    let c = centre(dir.path());
    let cfg = config(dir.path(), &c, &default_inst(&c), "");
    let first = card_check(&cfg, "adult", true, false);
    add(&cfg, "yamada", Role::Doctor);
    {
        let mut h = History::open(&cfg.history).unwrap();
        let e = h.get(first).unwrap().unwrap();
        for i in 1..=520 {
            let mut rec = e.check.clone();
            rec.at = t0() + time::Duration::seconds(i);
            rec.person.name = Some(format!("患者{i}"));
            h.record(&rec).unwrap();
        }
    }
    let mut r = service(&cfg, t0() + time::Duration::hours(2));
    r.log_in("yamada", &pw("correct horse")).unwrap();
    let list = r.svc.patients().unwrap();
    assert_eq!(list.len(), 521, "every consented check of the day");
    assert_eq!(
        list.last().unwrap().check_id,
        first,
        "the day's first check too"
    );
    assert_eq!(list[0].name, "患者520", "newest first");
    // The oldest can be viewed from the list.
    r.svc.view(Subject::Check(first), Viewed::Drug).unwrap();
    assert!(matches!(&*r.settled(), Answer::Shown { .. }));
}

#[test]
fn closing_the_desk_while_logged_in_audits_a_logout() {
    let dir = tempfile::tempdir().unwrap();
    let c = centre(dir.path());
    let cfg = config(dir.path(), &c, &default_inst(&c), "");
    add(&cfg, "yamada", Role::Doctor);
    let mut r = service(&cfg, t0());
    r.log_in("yamada", &pw("correct horse")).unwrap();
    drop(r);
    use onshi_desk::history::audit::Event;
    let rows: Vec<_> = History::open(&cfg.history)
        .unwrap()
        .staff_events_between(
            t0() - time::Duration::days(1),
            t0() + time::Duration::days(1),
        )
        .unwrap()
        .into_iter()
        .map(|e| (e.actor, e.event, e.detail))
        .collect();
    assert!(
        rows.iter().any(|(a, e, d)| a == "doctor/yamada"
            && *e == Event::Logout
            && d.as_deref() == Some("desk-closed")),
        "{rows:?}"
    );
}

#[test]
fn an_audit_log_that_cannot_be_checked_at_start_is_warned_about() {
    let dir = tempfile::tempdir().unwrap();
    let c = centre(dir.path());
    let cfg = config(dir.path(), &c, &default_inst(&c), "");
    std::fs::write(
        &cfg.history,
        b"this is not a database, nothing can be verified here",
    )
    .unwrap();
    let mut r = service(&cfg, t0());
    r.until(|s| s.audit_unchecked().then_some(()));
    let text = onshi_desk::i18n::staff::audit_unchecked_banner(eligibility::Lang::Ja);
    assert!(text.contains("監査ログを確認できません"), "{text}");
}

#[test]
fn staff_without_an_enabled_administrator_is_warned_about() {
    let dir = tempfile::tempdir().unwrap();
    let c = centre(dir.path());
    let cfg = config(dir.path(), &c, &default_inst(&c), "");
    add(&cfg, "yamada", Role::Doctor);
    let mut r = service(&cfg, t0());
    r.until(|s| s.audit_checked().then_some(()));
    assert!(!r.svc.no_admin(), "an administrator exists");
    drop(r);
    // As on a desk upgraded from a release without administrators.
    rusqlite::Connection::open(&cfg.staff)
        .unwrap()
        .execute_batch("UPDATE accounts SET disabled = 1 WHERE role = 'admin'")
        .unwrap();
    let mut r = service(&cfg, t0());
    r.until(|s| s.no_admin().then_some(()));
    let text = onshi_desk::i18n::staff::no_admin_banner(eligibility::Lang::Ja);
    assert!(text.contains("管理者"), "{text}");
}
