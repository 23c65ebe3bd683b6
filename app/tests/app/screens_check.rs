//! The insurance-card check tab and the history tab as a clerk uses them (egui_kittest,
//! headless wgpu, the 1280×800 clerk console): a bad check digit is named beside its field and
//! nothing can be sent; a good form is checked and shows 有効 with the name; the history tab
//! lists the check and the kana search filters it. Once with a scripted service (answers
//! chosen by the test) and once with the real service against central-sim over TLS and a real
//! SQLite history file (typed → checked → stored → listed), waiting on the service's repaint
//! signal, never on a sleep.

use crate::common;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use eligibility::client::{Eligibility, Verdict};
use eligibility::xml::{ResultOfQualificationConfirmation, SearchInfo};
use onshi::ui::clerk::Tab;
use onshi::ui::{CLERK_SIZE, ClerkConsole};
use onshi_desk::flow::{Consents, Flow, InstitutionKind, Settings, VisitResult};
use onshi_desk::history::{self, Entry, Query};
use onshi_desk::port::Backend;
use onshi_desk::services::check::{Answer, CheckState, Checks, RefnoState};
use onshi_desk::testing::{Scripted, ScriptedChecks};
use std::cell::RefCell;
use std::path::Path;
use std::rc::Rc;
use std::sync::Arc;
use std::sync::mpsc;
use std::time::{Duration, Instant};
use time::OffsetDateTime;

type Shared = Rc<RefCell<Scripted>>;

/// An idle reception flow and the scripted check service.
fn scripted(checks: ScriptedChecks) -> Scripted {
    Scripted::new(Flow::new(Settings::new(InstitutionKind::Medical))).with_checks(checks)
}

fn console(backend: Scripted) -> (Shared, Harness<'static, (ClerkConsole, Shared)>) {
    let b = Rc::new(RefCell::new(backend));
    let mut c = ClerkConsole::new(onshi_desk::Lang::Ja);
    c.set_tab(Tab::Check);
    let h = Harness::builder()
        .with_size(CLERK_SIZE)
        // The history grid takes a few passes to size its columns.
        .with_max_steps(16)
        .with_context_setup(|ctx| {
            onshi::ui::install_fonts(ctx);
            onshi::ui::install_style(ctx);
        })
        .build_ui_state(
            |ui, (console, b): &mut (ClerkConsole, Shared)| {
                egui::CentralPanel::default().show(ui, |ui| console.ui(ui, &mut *b.borrow_mut()));
            },
            (c, b.clone()),
        );
    (b, h)
}

fn field<'a>(
    h: &'a Harness<'static, (ClerkConsole, Shared)>,
    label: &'a str,
) -> egui_kittest::Node<'a> {
    h.get_by_role_and_label(Role::TextInput, label)
}

/// Types `text` into the field labelled `label`.
fn type_into(h: &mut Harness<'static, (ClerkConsole, Shared)>, label: &str, text: &str) {
    field(h, label).focus();
    h.run();
    field(h, label).type_text(text);
    h.run();
}

/// The good form for 試験 花子 of the simulator's people.
fn fill_adult(h: &mut Harness<'static, (ClerkConsole, Shared)>) {
    type_into(h, "保険者番号", "01130012");
    type_into(h, "記号", "1234567");
    type_into(h, "番号", "12");
    type_into(h, "枝番", "00");
    type_into(h, "生年月日", "1980-02-17");
}

fn hanako() -> ResultOfQualificationConfirmation {
    ResultOfQualificationConfirmation {
        name: Some("試験　花子".into()),
        name_kana: Some("ｼｹﾝ ﾊﾅｺ".into()),
        birthdate: Some("19800217".into()),
        insurer_number: Some("01130012".into()),
        insurer_name: Some("全国健康保険協会".into()),
        insured_card_symbol: Some("1234567".into()),
        insured_identification_number: Some("12".into()),
        insured_branch_number: Some("00".into()),
        insured_partial_contribution_ratio: Some("030".into()),
        ..Default::default()
    }
}

fn valid(q: ResultOfQualificationConfirmation) -> Eligibility {
    Eligibility {
        verdict: Verdict::Valid,
        validity: Some(eligibility::codes::QualificationValidity::Valid),
        results: vec![q],
        response: eligibility::xml::XmlMsg {
            header: Default::default(),
            body: Default::default(),
        },
    }
}

#[test]
fn a_bad_check_digit_is_named_beside_the_field_and_nothing_can_be_sent() {
    let (b, mut h) = console(scripted(ScriptedChecks::default()));
    h.run();
    assert!(
        field(&h, "保険者番号").is_focused(),
        "the first field has the focus when the tab opens"
    );
    fill_adult(&mut h);
    assert!(
        !h.get_by_label("照会する").accesskit_node().is_disabled(),
        "a good form can be sent"
    );
    // 01130013: the check digit of 0113001 is 2.
    field(&h, "保険者番号").focus();
    h.run();
    h.key_press(egui::Key::Backspace);
    h.run();
    field(&h, "保険者番号").type_text("3");
    h.run();
    let reason = h.get_by_label_contains("保険者番号の検証番号が一致しません");
    let input = field(&h, "保険者番号").rect();
    let r = reason.rect();
    assert!(
        r.left() >= input.right() && r.center().y > input.top() && r.center().y < input.bottom(),
        "the reason is beside the field: {r:?} vs {input:?}"
    );
    assert!(
        h.get_by_label("照会する").accesskit_node().is_disabled(),
        "the check button is disabled"
    );
    // Enter in the last field sends nothing either.
    field(&h, "生年月日").focus();
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
    assert!(
        b.borrow().double::<ScriptedChecks>().sent.is_empty(),
        "nothing was sent"
    );
    assert!(matches!(
        b.borrow().double::<ScriptedChecks>().state,
        CheckState::Idle
    ));
}

fn stored(id: i64, e: &Eligibility, search: &SearchInfo) -> Entry {
    Entry {
        id,
        // A fixed time keeps the snapshot stable (the double lists it whatever the day).
        check: history::from_eligibility(
            time::macros::datetime!(2026-11-23 10:15:30 +09:00),
            history::Method::InsuranceCard,
            e,
            Some(search),
        ),
    }
}

#[test]
fn a_good_form_is_checked_shows_valid_and_the_history_lists_and_filters_it() {
    let (b, mut h) = console(scripted(ScriptedChecks::default()));
    h.run();
    fill_adult(&mut h);
    h.get_by_label("限度額適用認定証関連情報の提供に同意あり")
        .click();
    h.run();
    // Enter in a field sends the check.
    field(&h, "生年月日").focus();
    h.run();
    h.key_press(egui::Key::Enter);
    // The spinner repaints while checking: fixed steps, not "until settled".
    h.run_steps(3);
    let search = {
        let b = b.borrow();
        assert_eq!(b.double::<ScriptedChecks>().sent.len(), 1, "one check sent");
        b.double::<ScriptedChecks>().sent[0].clone()
    };
    assert_eq!(search.insurer_number.digits(), "01130012");
    assert_eq!(search.birthdate.wire(), "19800217");
    assert_eq!(
        search.limit_consent,
        eligibility::codes::LimitConsent::Agreed
    );
    // While checking: the button is disabled and says so; a second Enter sends nothing.
    assert!(
        h.get_by_role_and_label(Role::Button, "照会中…")
            .accesskit_node()
            .is_disabled()
    );
    h.key_press(egui::Key::Enter);
    h.run_steps(3);
    assert_eq!(
        b.borrow().double::<ScriptedChecks>().sent.len(),
        1,
        "no double submit"
    );

    // Another person is in the history already.
    let other = valid(ResultOfQualificationConfirmation {
        name: Some("山田　太郎".into()),
        name_kana: Some("ﾔﾏﾀﾞ ﾀﾛｳ".into()),
        ..hanako()
    });
    let e = valid(hanako());
    {
        let mut b = b.borrow_mut();
        b.double_mut::<ScriptedChecks>().stored =
            vec![stored(2, &e, &search), stored(1, &other, &search)];
        b.double_mut::<ScriptedChecks>().generation = 1;
        b.double_mut::<ScriptedChecks>().state = CheckState::Done(Box::new(Answer {
            result: VisitResult {
                method: None,
                consents: Consents {
                    limit: Some(true),
                    ..Consents::default()
                },
                outcome: Ok(Box::new(e.clone())),
                certificate_expires_soon: false,
            },
            stored: Some(Ok(2)),
            as_of: None,
        }));
    }
    h.run();
    assert!(h.query_by_label("有効").is_some(), "the 有効 badge");
    assert!(h.query_by_label("試験　花子").is_some(), "the name");
    assert_eq!(
        field(&h, "番号").value().as_deref(),
        Some("12"),
        "the fields keep their text"
    );
    h.snapshot("check_tab_valid");

    // The history tab: both, then the kana search keeps only 花子.
    h.state_mut().0.set_tab(Tab::History);
    h.run();
    assert!(h.query_by_label("試験　花子").is_some());
    assert!(h.query_by_label("山田　太郎").is_some());
    type_into(&mut h, "カナ氏名", "しけん");
    assert!(
        h.query_by_label("試験　花子").is_some(),
        "found by hiragana"
    );
    assert!(h.query_by_label("山田　太郎").is_none(), "filtered out");
    // Choosing the row shows it in the result view.
    h.get_by_label("試験　花子").click();
    h.run();
    assert!(
        h.query_by_label("照会日時").is_some(),
        "the chosen check is shown"
    );
    assert_eq!(
        h.query_all_by_label("ｼｹﾝ ﾊﾅｺ").count(),
        2,
        "the kana in the list and in the result view"
    );
    h.snapshot("history_tab");
}

// ------------------------------------------------------------ the real service

fn config(dir: &Path, centre: &simulators::centre::RunningCentre) -> onshi_desk::config::Config {
    common::load_config(dir, centre, &common::Desk::default())
}

#[test]
fn the_real_service_checks_against_central_sim_stores_in_sqlite_and_lists_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut ccfg = simulators::centre::Config::new(dir.path().join("centre"));
    // The seed's qualifications are valid on this day (the check asks for today in Japan,
    // and the simulator answers for its own clock).
    ccfg.now = Some(time::macros::datetime!(2026-11-23 10:00 +09:00));
    let centre = simulators::centre::Server::start(ccfg).unwrap();
    let cfg = config(dir.path(), &centre);
    let history_path = cfg.history.clone();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let client = Arc::new(eligibility::Client::new(cfg.centre.clone()).unwrap());
    let (tx, rx) = mpsc::channel::<()>();
    let tx = std::sync::Mutex::new(tx);
    let service = onshi_desk::services::check::start(&onshi_desk::services::Ctx {
        cfg,
        client,
        rt: rt.handle().clone(),
        notify: Arc::new(move || {
            let _ = tx.lock().unwrap().send(());
        }),
    });
    let (b, mut h) = console(real(service));
    h.run();
    fill_adult(&mut h);
    field(&h, "生年月日").focus();
    h.run();
    h.key_press(egui::Key::Enter);
    h.run_steps(3);
    // Wait on the service's repaint signal until the answer is stored.
    let end = Instant::now() + Duration::from_secs(30);
    loop {
        h.run_steps(2);
        let done = matches!(
            b.borrow_mut().checks().unwrap().state(),
            CheckState::Done(a) if a.stored.is_some()
        );
        if done {
            break;
        }
        let left = end.saturating_duration_since(Instant::now());
        assert!(!left.is_zero(), "no answer from central-sim within 30 s");
        let _ = rx.recv_timeout(left);
    }
    h.run();
    assert!(h.query_by_label("有効").is_some(), "the 有効 badge");
    assert!(
        h.query_by_label("試験　花子").is_some(),
        "the centre's name"
    );
    let id = match b.borrow_mut().checks().unwrap().state() {
        CheckState::Done(a) => *a.stored.as_ref().unwrap().as_ref().expect("stored"),
        _ => unreachable!(),
    };
    // In the SQLite file, as another reader sees it.
    let file = onshi_desk::history::History::open(&history_path).unwrap();
    let row = file.get(id).unwrap().expect("the row");
    assert_eq!(row.check.method, history::Method::InsuranceCard);
    assert_eq!(row.check.outcome, history::Outcome::Valid);
    assert_eq!(row.check.person.name.as_deref(), Some("試験　花子"));
    // And on the history tab.
    h.state_mut().0.set_tab(Tab::History);
    h.run();
    assert!(h.query_by_label("試験　花子").is_some(), "listed today");
}

/// The real service over `cfg`, with its repaint signal.
fn real_service(
    cfg: onshi_desk::config::Config,
    rt: &tokio::runtime::Runtime,
) -> (Box<dyn Checks + Send>, mpsc::Receiver<()>) {
    let client = Arc::new(eligibility::Client::new(cfg.centre.clone()).unwrap());
    let (tx, rx) = mpsc::channel::<()>();
    let tx = std::sync::Mutex::new(tx);
    let s = onshi_desk::services::check::start(&onshi_desk::services::Ctx {
        cfg,
        client,
        rt: rt.handle().clone(),
        notify: Arc::new(move || {
            let _ = tx.lock().unwrap().send(());
        }),
    });
    (s, rx)
}

/// Waits on the service's signal until `pred` holds (30 s at most).
fn wait(s: &mut dyn Checks, rx: &mpsc::Receiver<()>, pred: impl Fn(&mut dyn Checks) -> bool) {
    let end = Instant::now() + Duration::from_secs(30);
    while !pred(s) {
        let left = end.saturating_duration_since(Instant::now());
        assert!(!left.is_zero(), "the service did not answer within 30 s");
        let _ = rx.recv_timeout(left);
    }
}

#[test]
fn a_card_visit_is_stored_with_its_method_and_consent_times_and_a_failed_write_is_shown() {
    use onshi_desk::flow::Method as FlowMethod;
    let dir = tempfile::tempdir().unwrap();
    let centre = simulators::centre::Server::start(simulators::centre::Config::new(
        dir.path().join("centre"),
    ))
    .unwrap();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let cfg = config(dir.path(), &centre);
    let path = cfg.history.clone();
    let (mut s, rx) = real_service(cfg.clone(), &rt);
    let before = OffsetDateTime::now_utc() - time::Duration::seconds(1);
    let visit = VisitResult {
        method: Some(FlowMethod::Face),
        consents: Consents {
            drug: Some(true),
            checkup: Some(false),
            ..Consents::default()
        },
        outcome: Ok(Box::new(valid(hanako()))),
        certificate_expires_soon: false,
    };
    s.record_visit(&visit);
    wait(s.as_mut(), &rx, |s| s.generation() > 0);
    assert_eq!(s.visit_store_problem(), None);
    // What the data viewer asks: a check with drug consent in the last 24 h.
    let h = onshi_desk::history::History::open(&path).unwrap();
    let found = h
        .consented_since(onshi_desk::history::ConsentKind::Drug, before)
        .unwrap();
    assert_eq!(found.len(), 1);
    let c = &found[0].check;
    assert_eq!(c.method, history::Method::CardFace);
    assert_eq!(c.person.name.as_deref(), Some("試験　花子"));
    assert!(
        c.consents.iter().all(|k| k.at.is_some()),
        "each consent has its time"
    );
    assert!(
        h.consented_since(onshi_desk::history::ConsentKind::Checkup, before)
            .unwrap()
            .is_empty(),
        "the refused checkup consent does not count"
    );
    // A cancelled visit is not a check.
    s.record_visit(&VisitResult {
        outcome: Err(onshi_desk::flow::Trouble::CancelledByPatient),
        ..visit.clone()
    });
    // Writes are in order: once the next visit is stored, a stored cancel would be too.
    s.record_visit(&visit);
    wait(s.as_mut(), &rx, |s| s.generation() > 1);
    assert_eq!(
        h.today().unwrap().len(),
        2,
        "two checks, no cancelled visit"
    );

    // A history that cannot be written: the failure is kept for the console.
    let blocker = dir.path().join("blocker");
    std::fs::write(&blocker, b"").unwrap();
    let bad = onshi_desk::config::Config {
        history: blocker.join("history.sqlite"),
        ..cfg
    };
    let (mut s, rx) = real_service(bad, &rt);
    s.record_visit(&visit);
    wait(s.as_mut(), &rx, |s| s.visit_store_problem().is_some());
    let why = s.visit_store_problem().unwrap();
    assert!(why.contains("照会履歴のフォルダー"), "{why}");
    assert!(
        s.search(&Query::default()).is_err(),
        "and the list says so too"
    );
}

#[test]
fn an_unreachable_centre_shows_an_error_with_what_to_do_and_keeps_the_fields() {
    let (b, mut h) = console(scripted(ScriptedChecks::default()));
    h.run();
    fill_adult(&mut h);
    h.get_by_label("照会する").click();
    h.run_steps(3);
    assert_eq!(b.borrow().double::<ScriptedChecks>().sent.len(), 1);
    b.borrow_mut().double_mut::<ScriptedChecks>().state = CheckState::Done(Box::new(Answer {
        result: VisitResult {
            method: None,
            consents: Consents::default(),
            outcome: Err(onshi_desk::flow::Trouble::Centre(
                onshi_desk::flow::CentreTrouble::Unreachable,
            )),
            certificate_expires_soon: false,
        },
        stored: Some(Err("ディスクがいっぱいです".into())),
        as_of: None,
    }));
    h.run();
    assert!(h.query_by_label("エラー").is_some(), "the エラー badge");
    assert!(
        h.query_by_label_contains("理由").is_some(),
        "the reason beside the badge"
    );
    assert!(
        h.query_by_label_contains("履歴に保存されていません")
            .is_some(),
        "a result not in the history says so"
    );
    assert_eq!(
        field(&h, "保険者番号").value().as_deref(),
        Some("01130012"),
        "the fields keep their text after a failure"
    );
    assert!(
        !h.get_by_label("照会する").accesskit_node().is_disabled(),
        "and the check can be sent again"
    );
}

// ------------------------------------------------------------ the keyboard

/// Whether the row's label `name` is drawn as the highlighted (selected) one.
fn highlighted(h: &Harness<'static, (ClerkConsole, Shared)>, name: &str) -> bool {
    h.get_by_label(name).accesskit_node().toggled() == Some(egui::accesskit::Toggled::True)
}

/// Function keys bring each tab to the front and the focus lands in its first field: what is
/// typed next is in that field, without the mouse.
#[test]
fn function_keys_switch_tabs_and_land_in_the_first_field() {
    let (_b, mut h) = console(scripted(ScriptedChecks::default()));
    h.state_mut().0.set_tab(Tab::Reception);
    h.run();
    for label in [
        "受付 F1",
        "保険証で確認 F2",
        "一括照会 F3",
        "履歴 F4",
        "補助金 F6",
    ] {
        assert!(
            h.query_by_label(label).is_some(),
            "the tab shows its key: {label}"
        );
    }

    h.key_press(egui::Key::F2);
    h.run();
    assert_eq!(h.state().0.tab(), Tab::Check);
    h.event(egui::Event::Text("0113".into()));
    h.run();
    assert_eq!(field(&h, "保険者番号").value().as_deref(), Some("0113"));

    h.key_press(egui::Key::F4);
    h.run();
    assert_eq!(h.state().0.tab(), Tab::History);
    h.event(egui::Event::Text("しけん".into()));
    h.run();
    assert_eq!(field(&h, "カナ氏名").value().as_deref(), Some("しけん"));

    h.key_press(egui::Key::F6);
    h.run();
    assert_eq!(h.state().0.tab(), Tab::Subsidy);
    assert!(
        h.get_by_label("診療所").is_focused(),
        "the facility kind has the focus"
    );

    // Back to 保険証で確認: the focus is on its first field again, what was typed is kept.
    h.key_press(egui::Key::F2);
    h.run();
    assert!(field(&h, "保険者番号").is_focused());
    h.event(egui::Event::Text("0012".into()));
    h.run();
    assert_eq!(field(&h, "保険者番号").value().as_deref(), Some("01130012"));
}

/// The history table by key: Down/Up/End/Home/PageDown move the highlight (scrolled into
/// view), Enter shows the highlighted check in the result view as a click does.
#[test]
fn arrow_keys_move_through_the_history_and_enter_opens_a_row() {
    let search =
        eligibility::Client::search_from_text("01130012", "1234567", "12", "00", "19800217", false)
            .expect("a good form");
    let names = ["試験　一郎", "試験　二郎", "試験　三郎", "試験　四郎"];
    let stored_rows: Vec<Entry> = names
        .iter()
        .enumerate()
        .map(|(i, n)| {
            let e = valid(ResultOfQualificationConfirmation {
                name: Some((*n).into()),
                ..hanako()
            });
            stored(100 + i as i64, &e, &search)
        })
        .collect();
    let (_b, mut h) = console(scripted(ScriptedChecks {
        stored: stored_rows,
        generation: 1,
        ..ScriptedChecks::default()
    }));
    h.key_press(egui::Key::F4);
    h.run();
    assert!(field(&h, "カナ氏名").is_focused());
    assert!(h.query_by_label("履歴番号").is_none(), "nothing opened yet");

    h.key_press(egui::Key::ArrowDown);
    h.run();
    assert!(highlighted(&h, names[0]), "Down picks the first row");
    h.key_press(egui::Key::ArrowDown);
    h.run();
    assert!(highlighted(&h, names[1]));
    assert!(!highlighted(&h, names[0]));
    h.key_press(egui::Key::Enter);
    h.run();
    assert!(
        h.query_by_label("履歴番号").is_some(),
        "Enter opens the row"
    );
    assert!(
        h.query_by_label("101").is_some(),
        "the second check (id 101) is shown"
    );

    // The kana field gave up the focus on Enter: Home and End belong to the table now.
    h.key_press(egui::Key::End);
    h.run();
    assert!(highlighted(&h, names[3]), "End: the last row");
    h.key_press(egui::Key::ArrowDown);
    h.run();
    assert!(highlighted(&h, names[3]), "Down stays on the last row");
    h.key_press(egui::Key::Home);
    h.run();
    assert!(highlighted(&h, names[0]), "Home: the first row");
    h.key_press(egui::Key::PageDown);
    h.run();
    assert!(
        highlighted(&h, names[3]),
        "PageDown: a page on, at most the last"
    );
    h.key_press(egui::Key::ArrowUp);
    h.run();
    assert!(highlighted(&h, names[2]));
    assert!(
        h.query_by_label("101").is_some(),
        "moving alone opens nothing"
    );
    h.key_press(egui::Key::Enter);
    h.run();
    assert!(
        h.query_by_label("102").is_some(),
        "Enter opens the third check"
    );
    assert!(h.query_by_label("101").is_none());
}

/// A long history: End and Home scroll the highlighted row into view.
#[test]
fn end_and_home_scroll_the_highlighted_history_row_into_view() {
    let search =
        eligibility::Client::search_from_text("01130012", "1234567", "12", "00", "19800217", false)
            .expect("a good form");
    let name = |i: usize| format!("試験　{i:02}");
    let rows: Vec<Entry> = (0..60)
        .map(|i| {
            let e = valid(ResultOfQualificationConfirmation {
                name: Some(name(i)),
                ..hanako()
            });
            stored(1000 + i as i64, &e, &search)
        })
        .collect();
    let (_b, mut h) = console(scripted(ScriptedChecks {
        stored: rows,
        generation: 1,
        ..ScriptedChecks::default()
    }));
    h.key_press(egui::Key::F4);
    h.run();
    let on_screen = |h: &Harness<'static, (ClerkConsole, Shared)>, n: &str| {
        let r = h.get_by_label(n).rect();
        r.min.y >= 0.0 && r.max.y <= CLERK_SIZE.y
    };
    assert!(on_screen(&h, &name(0)));
    assert!(
        !on_screen(&h, &name(59)),
        "the last row is below the window"
    );
    // Enter leaves the kana field; End then goes to the last row and shows it.
    h.key_press(egui::Key::Enter);
    h.run();
    h.key_press(egui::Key::End);
    h.run();
    assert!(highlighted(&h, &name(59)));
    assert!(
        on_screen(&h, &name(59)),
        "End scrolled the last row into view"
    );
    assert!(!on_screen(&h, &name(0)));
    h.key_press(egui::Key::Home);
    h.run();
    assert!(highlighted(&h, &name(0)));
    assert!(
        on_screen(&h, &name(0)),
        "Home scrolled back to the first row"
    );
}

#[test]
fn the_check_form_asks_for_a_chosen_day_and_says_a_changed_insurer_as_such() {
    let dir = tempfile::tempdir().unwrap();
    let (_centre, _rt, rx, b, mut h) = console_on_2026_11_23(dir.path());
    h.run();
    assert!(
        h.query_by_label("保険証・資格確認書で資格確認").is_some(),
        "the form is for both documents"
    );
    // 伊藤 誠's old 国保 card: he joined 協会けんぽ on 2026-04-01.
    type_into(&mut h, "保険者番号", "011015");
    type_into(&mut h, "記号", "札中");
    type_into(&mut h, "番号", "2201");
    type_into(&mut h, "枝番", "00");
    type_into(&mut h, "生年月日", "1975-09-30");
    send_and_wait(&b, &mut h, &rx, 0);
    assert!(
        h.query_by_label("無効（新しい資格あり）").is_some(),
        "validity 3 is said as such"
    );
    assert!(
        h.query_by_label_contains("新しい保険証・資格確認書")
            .is_some(),
        "with what to do"
    );

    // A wrong day is named and nothing is sent.
    type_into(&mut h, "資格確認日", "2026-02-30");
    h.get_by_label("照会する").click();
    h.run_steps(3);
    assert!(
        h.query_by_label("日付は YYYY-MM-DD で入力してください。")
            .is_some()
    );

    // The same card on a day of March: 有効, 札幌市, and the day is shown with the result.
    field(&h, "資格確認日").focus();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.run();
    field(&h, "資格確認日").type_text("2026-03-31");
    h.run();
    send_and_wait(&b, &mut h, &rx, 1);
    assert!(h.query_by_label("有効").is_some(), "the 有効 badge");
    assert!(
        h.query_by_label("2026-03-31").is_some(),
        "the day asked for"
    );
    assert!(
        h.query_by_label_contains("札幌市").is_some(),
        "the old insurer"
    );
}

#[test]
fn a_medical_assistance_result_shows_the_welfare_part_and_an_unregistered_ticket() {
    let dir = tempfile::tempdir().unwrap();
    let (_centre, _rt, rx, b, mut h) = console_on_2026_11_23(dir.path());
    h.run();
    // 石井 和子: 医療扶助, the 医療券 not registered yet.
    type_into(&mut h, "保険者番号", "12131017");
    type_into(&mut h, "番号", "7654320");
    type_into(&mut h, "生年月日", "1958-12-24");
    type_into(&mut h, "資格確認日", "2026-11-23");
    send_and_wait(&b, &mut h, &rx, 0);
    assert!(
        h.query_by_label("有効（未登録）").is_some(),
        "validity 6 in words"
    );
    assert!(
        h.query_by_label_contains("未委託・未登録").is_some(),
        "what it means"
    );
    assert!(
        h.query_by_label("千代田区福祉事務所").is_some(),
        "the welfare office"
    );
    assert_eq!(
        h.query_all_by_label("7654320").count(),
        2,
        "the 番号 and the 受給者番号"
    );

    // 岡田 守: 医療扶助 with this month's 医療券.
    h.get_by_label("クリア").click();
    h.run();
    type_into(&mut h, "保険者番号", "12271011");
    type_into(&mut h, "番号", "1234566");
    type_into(&mut h, "生年月日", "1970-07-07");
    type_into(&mut h, "資格確認日", "2026-11-23");
    send_and_wait(&b, &mut h, &rx, 1);
    assert!(h.query_by_label("有効").is_some(), "the 有効 badge");
    assert!(h.query_by_label("12271011").is_some(), "the 公費負担者番号");
    assert!(
        h.query_by_label("大阪市北区保健福祉センター").is_some(),
        "the welfare office"
    );
    assert!(
        h.query_by_label_contains("0001234  2026/11/01").is_some(),
        "the 医療券 and its period"
    );
    h.snapshot("check_tab_medical_assistance");

    // The history tab shows the stored check the same way.
    h.state_mut().0.set_tab(Tab::History);
    h.run();
    h.get_by_label("岡田　守").click();
    h.run();
    assert!(
        h.query_by_label_contains("0001234  2026/11/01").is_some(),
        "the 医療券 from the history"
    );
}

/// Sends the form with Enter from the 資格確認日 field and waits until the real service has
/// answered and stored the check.
fn send_and_wait(
    b: &Shared,
    h: &mut Harness<'static, (ClerkConsole, Shared)>,
    rx: &mpsc::Receiver<()>,
    before: usize,
) {
    field(h, "資格確認日").focus();
    h.run();
    h.key_press(egui::Key::Enter);
    h.run_steps(3);
    let end = Instant::now() + Duration::from_secs(30);
    loop {
        h.run_steps(2);
        let done = matches!(
            b.borrow_mut().checks().unwrap().state(),
            CheckState::Done(a) if matches!(a.stored, Some(Ok(id)) if id as usize > before)
        );
        if done {
            break;
        }
        let left = end.saturating_duration_since(Instant::now());
        assert!(!left.is_zero(), "no answer from central-sim within 30 s");
        let _ = rx.recv_timeout(left);
    }
    h.run();
}

/// An idle reception flow and the real check service, as the desk holds it.
fn real(service: Box<dyn Checks + Send>) -> Scripted {
    Scripted::new(Flow::new(Settings::new(InstitutionKind::Medical))).with_checks_service(service)
}

/// The console over the real check service and a central-sim whose day is 2026-11-23 (the
/// seeded people's dates are fixed); the centre and the runtime must outlive the console.
#[allow(clippy::type_complexity)]
fn console_on_2026_11_23(
    dir: &std::path::Path,
) -> (
    simulators::centre::RunningCentre,
    tokio::runtime::Runtime,
    mpsc::Receiver<()>,
    Shared,
    Harness<'static, (ClerkConsole, Shared)>,
) {
    let mut ccfg = simulators::centre::Config::new(dir.join("centre"));
    ccfg.now = Some(time::macros::datetime!(2026-11-23 10:00 +09:00));
    let centre = simulators::centre::Server::start(ccfg).unwrap();
    let cfg = config(dir, &centre);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let (service, rx) = real_service(cfg, &rt);
    let (b, h) = console(real(service));
    (centre, rt, rx, b, h)
}

#[test]
fn a_reference_number_typed_under_a_result_is_registered_and_comes_back_with_the_next_check() {
    let dir = tempfile::tempdir().unwrap();
    let (_centre, _rt, rx, b, mut h) = console_on_2026_11_23(dir.path());
    h.run();
    fill_adult(&mut h);
    send_and_wait(&b, &mut h, &rx, 0);
    // The row shows under a found result; the button waits for a number.
    let f = field(&h, "照会番号（診察券番号）");
    f.focus();
    f.type_text("K-77");
    h.run();
    h.key_press(egui::Key::Enter);
    h.run_steps(3);
    let end = Instant::now() + Duration::from_secs(30);
    loop {
        h.run_steps(2);
        let state = b.borrow_mut().checks().unwrap().refno();
        match state {
            RefnoState::Registered { ref number } => {
                assert_eq!(number, "K-77");
                break;
            }
            RefnoState::Refused { .. } | RefnoState::Failed(_) => panic!("{state:?}"),
            RefnoState::Idle | RefnoState::Sending => {}
        }
        let left = end.saturating_duration_since(Instant::now());
        assert!(!left.is_zero(), "no answer from central-sim within 30 s");
        let _ = rx.recv_timeout(left);
    }
    h.run();
    assert!(
        h.query_by_label_contains("照会番号 K-77 を登録しました")
            .is_some(),
        "the clerk is told"
    );
    // The next check of the same person carries the clinic's number.
    send_and_wait(&b, &mut h, &rx, 1);
    let carried = match b.borrow_mut().checks().unwrap().state() {
        CheckState::Done(a) => match &a.result.outcome {
            Ok(e) => e.results.first().and_then(|q| q.reference_number.clone()),
            Err(t) => panic!("{t:?}"),
        },
        _ => unreachable!(),
    };
    assert_eq!(carried.as_deref(), Some("K-77"));
    // A new check forgets the registration's line.
    assert!(h.query_by_label_contains("を登録しました").is_none());
}
