//! The clinic link inside the GUI desk: the desk's link (`services::link::DeskLink`, the same
//! loop as `onshi link`) writes the face file of a card visit that reached the centre into a
//! real `face/` folder, with the counter of the settings, and writes none for a visit that did
//! not; a second desk on the same folder shows the link not running and why. The clerk
//! console's top bar shows the link's line: queued requests, files waiting and the last error.

use crate::common;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use eligibility::Client;
use eligibility::link::{FaceFile, FaceFileName};
use onshi::ui::{CLERK_SIZE, ClerkConsole};
use onshi_desk::flow::{
    Consents, Flow, InstitutionKind, Method, PrescriptionForm, Settings, Trouble, VisitResult,
};
use onshi_desk::link::{LinkState, LinkView, NotRun};
use onshi_desk::services::check::check_blocking;
use onshi_desk::services::link::DeskLink;
use onshi_desk::testing::Scripted;
use simulators::centre::Server;
use std::path::Path;
use std::sync::Arc;

/// The names in `dir`, once there are `n` of them (a bounded wait on their appearance);
/// whatever is there when the time runs out.
fn files_once(dir: &Path, n: usize) -> Vec<String> {
    let names = || {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .map(|r| {
                r.filter_map(|e| e.ok())
                    .filter(|e| e.path().is_file())
                    .map(|e| e.file_name().into_string().unwrap())
                    // not the temporary file a write renames from
                    .filter(|n| !n.starts_with('.'))
                    .collect()
            })
            .unwrap_or_default();
        names.sort();
        names
    };
    common::until(|| Some(names()).filter(|v| v.len() >= n)).unwrap_or_else(names)
}

#[test]
fn a_card_visit_that_reached_the_centre_becomes_a_face_file_with_its_counter() {
    let dir = tempfile::tempdir().unwrap();
    let mut ccfg = simulators::centre::Config::new(dir.path().join("centre"));
    ccfg.now = Some(time::macros::datetime!(2026-11-23 10:00 +09:00));
    let centre = Server::start(ccfg).unwrap();
    let cfg = common::load_config(
        dir.path(),
        &centre,
        &common::Desk {
            extra: "[link]\nfolder = \"OQS\"\nencoding = \"UTF-8\"\ncounter = \"uketsuke-2\"\n",
            ..Default::default()
        },
    );
    let link = DeskLink::start(&cfg, Arc::new(|| {})).expect("[link] is enabled");
    assert!(
        matches!(link.view(), LinkView::Running(_)),
        "{:?}",
        link.view()
    );

    // A second desk on the same folder: the console says another desk has it.
    let second = DeskLink::start(&cfg, Arc::new(|| {})).unwrap();
    assert!(
        matches!(second.view(), LinkView::NotRunning(NotRun::Busy { .. })),
        "{:?}",
        second.view()
    );
    drop(second);

    let search =
        Client::search_from_text("01130012", "1234567", "12", "00", "19800217", false).unwrap();
    let e = check_blocking(&cfg, &search, None).answer.unwrap();
    let visit = VisitResult {
        method: Some(Method::Pin),
        consents: Consents {
            prescription: Some(PrescriptionForm::Electronic),
            ..Consents::default()
        },
        outcome: Ok(Box::new(e)),
        certificate_expires_soon: false,
    };
    // A visit that never reached the centre writes nothing; the one that did, its file.
    link.visit(&VisitResult {
        outcome: Err(Trouble::CancelledByPatient),
        ..visit.clone()
    });
    link.visit(&visit);
    let face = dir.path().join("OQS").join("face");
    let names = files_once(&face, 1);
    assert_eq!(names.len(), 1, "{names:?}");
    FaceFileName::parse(&names[0]).unwrap();
    let bytes = std::fs::read(face.join(&names[0])).unwrap();
    let f = FaceFile::read(&bytes).unwrap();
    let counter = f
        .header()
        .desk_counter
        .clone()
        .expect("the counter is named");
    assert_eq!(counter.counter_id, "uketsuke-2");
    assert_eq!(
        f.body().prescription_issue_select,
        Some(eligibility::codes::PrescriptionIssue::Electronic),
        "the patient's 電子処方箋 reaches the clinic's system"
    );
    let text = String::from_utf8(bytes).unwrap();
    assert!(
        text.contains("試験　花子"),
        "the visit's person is in the file"
    );
    drop(link);
    // Stopped: the folder is free for the next desk.
    let again = DeskLink::start(&cfg, Arc::new(|| {})).unwrap();
    assert!(matches!(again.view(), LinkView::Running(_)));
}

fn console(view: LinkView, lang: onshi_desk::Lang) -> Harness<'static, ClerkConsole> {
    console_of(
        Scripted::new(Flow::new(Settings::new(InstitutionKind::Medical))).with_link(view),
        lang,
    )
}

fn console_of(b: Scripted, lang: onshi_desk::Lang) -> Harness<'static, ClerkConsole> {
    let b = std::cell::RefCell::new(b);
    let mut h = Harness::builder()
        .with_size(CLERK_SIZE)
        .with_context_setup(|ctx| {
            onshi::ui::install_fonts(ctx);
            onshi::ui::install_style(ctx);
        })
        .build_ui_state(
            move |ui, console: &mut ClerkConsole| {
                egui::CentralPanel::default().show(ui, |ui| console.ui(ui, &mut *b.borrow_mut()));
            },
            ClerkConsole::new(lang),
        );
    h.run();
    h
}

#[test]
fn the_clerk_console_shows_the_links_queue_and_last_error_in_its_top_bar() {
    let view = LinkView::Running(LinkState {
        queued: 3,
        unwritten: 1,
        arriving: 0,
        last_error: Some("res: Read-only file system (os error 30)".into()),
    });
    let ja = console(view.clone(), onshi_desk::Lang::Ja);
    for text in [
        "連携: 動作中",
        "回答待ち 3件",
        "書き込み待ち 1件",
        "直近のエラー: res: Read-only",
    ] {
        assert!(
            ja.query_all_by_label_contains(text).next().is_some(),
            "the console should show {text:?}"
        );
    }
    let en = console(view, onshi_desk::Lang::En);
    for text in [
        "Link: running",
        "3 queued",
        "1 waiting to be written",
        "last error: res:",
    ] {
        assert!(
            en.query_all_by_label_contains(text).next().is_some(),
            "the English console should show {text:?}"
        );
    }
    // A link that could not take its folder says why.
    let busy = console(
        LinkView::NotRunning(NotRun::Busy { pid: Some(4242) }),
        onshi_desk::Lang::Ja,
    );
    assert!(
        busy.query_all_by_label_contains("連携: 停止中")
            .next()
            .is_some()
    );
    assert!(
        busy.query_all_by_label_contains("pid 4242")
            .next()
            .is_some()
    );
    // A desk without a link shows no line.
    let none = console_of(
        Scripted::new(Flow::new(Settings::new(InstitutionKind::Medical))),
        onshi_desk::Lang::Ja,
    );
    assert!(none.query_all_by_label_contains("連携").next().is_none());
}
