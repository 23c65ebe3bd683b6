//! The 一括照会 tab driven as a clerk would (egui_kittest, headless wgpu, the 1280×800 console),
//! over the REAL service: a real `batches.sqlite` in a temporary folder, the real centre
//! client over TLS with the institution's certificate, and central-sim in this process. The
//! tests read the list, see its bad row, send it, watch the progress, read the result table
//! and export it; lose the network and press 再開; and close the desk mid-batch and open it
//! again. Frames are run until what the clerk waits for shows, each step waiting for the
//! service's own repaint signal (bounded), never for a fixed time.

mod common;

use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use onshi::ui::clerk::Tab;
use onshi::ui::{CLERK_SIZE, ClerkConsole};
use onshi_desk::batch::Polling;
use onshi_desk::flow::{Event, Flow, InstitutionKind, Settings};
use onshi_desk::port::{Backend, PreviewFrame};
use onshi_desk::services::Ctx;
use onshi_desk::services::batch::{Batches, Options, Service};
use simulators::centre::{Faults, RunningCentre, Server};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

const HEADER: &str = "患者氏名,保険者番号,記号,番号,枝番,生年月日";
/// Booked patients of the simulator's seed: two insured, one whose qualification was lost
/// (2026-09-01), one whose numbers match nobody, and one with a wrong insurer check digit.
const ROWS: [&str; 5] = [
    "試験　花子,01130012,1234567,12,00,19800217",
    "鈴木　さくら,06139992,55,301,02,2015-08-20",
    "喪失　太郎,271015,北,9001,00,19700707",
    "該当　なし,01130012,1234567,99,00,19800217",
    "誤り　一郎,01130013,1234567,12,00,19800217",
];

fn centre(dir: &Path, hold: bool) -> RunningCentre {
    let mut cfg = simulators::centre::Config::new(dir.join("centre"));
    // A fixed day, as the other end-to-end tests, so the seed's dates keep their meaning.
    cfg.now = Some(time::macros::datetime!(2026-11-23 10:00 +09:00));
    cfg.hold_batches = hold;
    Server::start(cfg).unwrap()
}

/// The desk's settings for this centre, its history (and so its batch store) in `dir`.
fn config(dir: &Path, centre: &RunningCentre) -> onshi_desk::config::Config {
    common::load_config(dir, centre, &common::Desk::default())
}

/// The console's backend: an idle reception flow and the real batch service.
struct Desk {
    flow: Flow,
    batches: Box<dyn Batches + Send>,
}

impl Backend for Desk {
    fn flow(&self) -> &Flow {
        &self.flow
    }
    fn send(&mut self, _event: Event) {}
    fn pump(&mut self) {}
    fn preview(&self) -> Option<Arc<PreviewFrame>> {
        None
    }
    fn batches(&mut self) -> Option<&mut dyn Batches> {
        Some(self.batches.as_mut())
    }
}

/// The clerk console on the 一括照会 tab over a real service, and the service's repaint
/// signal (each answer it takes in sends one).
struct Console {
    h: Harness<'static, (ClerkConsole, Desk)>,
    repainted: Receiver<()>,
}

fn setup(ctx: &egui::Context) {
    onshi::ui::install_fonts(ctx);
    onshi::ui::install_style(ctx);
}

impl Console {
    fn open(dir: &Path, cfg: onshi_desk::config::Config, rt: &tokio::runtime::Runtime) -> Console {
        Console::open_in(dir, cfg, rt, eligibility::Lang::Ja)
    }

    fn open_in(
        dir: &Path,
        cfg: onshi_desk::config::Config,
        rt: &tokio::runtime::Runtime,
        lang: eligibility::Lang,
    ) -> Console {
        let (tx, repainted) = channel();
        let ctx = Ctx {
            client: Arc::new(eligibility::Client::new(cfg.centre.clone()).unwrap()),
            cfg,
            rt: rt.handle().clone(),
            notify: Arc::new(move || {
                let _ = tx.send(());
            }),
        };
        let opts = Options {
            store: dir.join("batches.sqlite"),
            polling: Polling {
                interval: Duration::from_millis(50),
            },
            recent: 5,
        };
        // The store the desk would use: beside the history.
        assert_eq!(Options::for_config(&ctx.cfg).store, opts.store);
        let desk = Desk {
            flow: Flow::new(Settings::new(InstitutionKind::Medical)),
            batches: Box::new(Service::start(&ctx, opts)),
        };
        let mut console = ClerkConsole::new(lang);
        console.set_tab(Tab::Batch);
        let h = Harness::builder()
            .with_size(CLERK_SIZE)
            .with_context_setup(setup)
            // Hover and focus fade in over a few frames.
            .with_max_steps(32)
            .build_ui_state(
                |ui, (console, desk): &mut (ClerkConsole, Desk)| {
                    egui::CentralPanel::default().show(ui, |ui| console.ui(ui, desk));
                },
                (console, desk),
            );
        let mut c = Console { h, repainted };
        c.h.run();
        c
    }

    fn shows(&self, text: &str) -> bool {
        self.h.query_all_by_label_contains(text).next().is_some()
    }

    /// Runs frames until `text` shows; between frames, waits for the service's next answer
    /// (60 s at most in all).
    fn wait_for(&mut self, text: &str) {
        let deadline = Instant::now() + Duration::from_secs(60);
        for _ in 0..10_000 {
            self.h.run();
            if self.shows(text) {
                return;
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if self.repainted.recv_timeout(left).is_err() {
                break;
            }
        }
        panic!("the batch tab never showed {text:?}");
    }

    fn click(&mut self, label: &str) {
        self.h.get_by_label(label).click();
        self.h.run();
    }

    fn read_list(&mut self, path: &Path) {
        self.h
            .get_by_label("一括照会リスト（CSV）")
            .type_text(&path.display().to_string());
        self.h.run();
        self.click("読み込む");
    }

    fn view(&self) -> onshi_desk::services::batch::BatchView {
        self.h.state().1.batches.view()
    }
}

/// The exported table: BOM checked and stripped, rows split (no cell here holds a comma).
fn table(out: &Path) -> Vec<Vec<String>> {
    let bytes = std::fs::read(out).unwrap();
    let text = std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").expect("a UTF-8 BOM"))
        .unwrap()
        .to_string();
    assert!(text.contains("\r\n"), "CRLF line ends for Excel");
    text.lines()
        .map(|l| l.split(',').map(str::to_string).collect())
        .collect()
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap()
}

fn write_sjis(path: &PathBuf, rows: &[&str]) {
    let list = format!("{HEADER}\r\n{}\r\n", rows.join("\r\n"));
    let (sjis, _, lossy) = encoding_rs::SHIFT_JIS.encode(&list);
    assert!(!lossy);
    std::fs::write(path, &sjis).unwrap();
}

#[test]
fn a_list_with_a_bad_row_is_read_sent_answered_and_exported() {
    let dir = tempfile::tempdir().unwrap();
    let c = centre(dir.path(), false);
    let rt = runtime();
    let mut con = Console::open(dir.path(), config(dir.path(), &c), &rt);
    assert!(con.shows("まだ一括照会はありません"));
    let input = dir.path().join("予約.csv");
    write_sjis(&input, &ROWS);

    // Read: the bad row by its line, column and reason, before anything is sent.
    con.read_list(&input);
    con.wait_for("誤りのある行 1件");
    assert!(con.shows("送信する行 4件"));
    assert!(con.shows("Shift_JIS"), "the encoding seen");
    assert!(con.shows("保険者番号の検証番号が一致しません"));
    assert!(
        con.h.query_by_label("6").is_some(),
        "the bad row's line (header is line 1)"
    );
    assert!(
        !con.shows("誤り　一郎"),
        "the bad row is named by line, not by its cells"
    );
    con.h.remove_cursor();
    con.h.run();
    let path = con.h.get_by_label("一括照会リスト（CSV）").rect();
    con.h.mask(path);
    con.h.snapshot("clerk_batch_preview");
    assert!(
        c.batch_receptions(c.default_institution())
            .unwrap()
            .is_empty(),
        "nothing sent before 送信"
    );

    // Send: the progress in words, then the result table.
    con.click("送信");
    con.wait_for("4/4 完了");
    assert!(con.shows("結果: 有効 2件、無効 2件、エラー 1件（うち未送信 1件）"));
    for badge in ["有効 2件", "無効 2件", "エラー 1件"] {
        assert!(
            con.h.query_by_label(badge).is_some(),
            "summary badge {badge}"
        );
    }
    assert_eq!(con.h.query_all_by_label("有効").count(), 2, "two 有効 rows");
    assert_eq!(con.h.query_all_by_label("無効").count(), 2, "two 無効 rows");
    assert_eq!(
        con.h.query_all_by_label("エラー").count(),
        1,
        "one エラー row"
    );
    assert!(con.shows("試験　花子"), "names as read from Shift_JIS");
    assert!(con.shows("資格喪失（2026-09-01"), "the 無効 row's reason");
    assert!(con.shows("該当する資格がありません"));
    assert!(con.shows("未送信: 保険者番号の検証番号が一致しません"));
    // The 資格確認日 field was left empty: each row shows the day the centre answered for.
    assert!(con.shows("2026-11-23"), "the rows' 資格確認日");
    assert_eq!(
        c.batch_receptions(c.default_institution()).unwrap().len(),
        1
    );
    // The temporary folder and the time of day change from run to run.
    con.h.remove_cursor();
    con.h.run();
    let varying = [
        con.h.get_by_label("一括照会リスト（CSV）").rect(),
        con.h.get_by_label("書き出し先").rect(),
        // Wider than the line: its width changes with the time's digits.
        {
            let r = con.h.get_by_label_contains("#1 ").rect();
            egui::Rect::from_min_size(r.min, egui::vec2(600.0, r.height()))
        },
    ];
    for r in varying {
        con.h.mask(r);
    }
    con.h.snapshot("clerk_batch_result");

    // Export: the suggested path beside the list, the written path shown, the rows in it.
    let out = dir.path().join("予約-結果.csv");
    assert!(
        con.h
            .query_all_by_value(&out.display().to_string())
            .next()
            .is_some(),
        "the export path is filled in beside the list"
    );
    con.click("書き出す");
    con.wait_for("に書き出しました");
    assert!(con.shows(&out.display().to_string()));
    let t = table(&out);
    assert_eq!(t.len(), 6, "header and every row: {t:?}");
    let kinds: Vec<_> = t[1..]
        .iter()
        .map(|r| (r[0].as_str(), r[9].as_str()))
        .collect();
    assert_eq!(
        kinds,
        [
            ("2", "有効"),
            ("3", "有効"),
            ("4", "無効"),
            ("5", "無効"),
            ("6", "エラー")
        ]
    );
    assert_eq!(t[1][1], "試験　花子");
}

#[test]
fn a_lost_network_stops_the_batch_and_resume_finishes_it() {
    let dir = tempfile::tempdir().unwrap();
    let c = centre(dir.path(), false);
    let rt = runtime();
    let mut con = Console::open(dir.path(), config(dir.path(), &c), &rt);
    let input = dir.path().join("list.csv");
    // UTF-8 with a BOM and no header, as another clinic system writes it.
    std::fs::write(&input, format!("\u{FEFF}{}\n{}\n", ROWS[0], ROWS[1])).unwrap();
    // By keyboard: the path field has the focus, Enter reads, the focus moves to 送信.
    let field = con.h.get_by_label("一括照会リスト（CSV）");
    assert!(field.is_focused(), "focus starts on the list's path");
    field.type_text(&input.display().to_string());
    con.h.key_press(egui::Key::Enter);
    con.wait_for("送信する行 2件");
    assert!(con.shows("UTF-8（BOM付き）"));
    assert!(con.shows("誤りのある行はありません"));
    assert!(
        con.h.get_by_label("送信").is_focused(),
        "focus on 送信 once read"
    );

    // Every connection to the centre is dropped: the upload fails.
    c.set_faults(Faults {
        drop_rate: 1.0,
        ..Faults::default()
    });
    con.h.key_press(egui::Key::Enter);
    con.wait_for("一括照会は保存されています");
    assert!(con.shows("中断しました（保存済み）"));
    assert!(
        con.h.query_all_by_label("再開").next().is_some(),
        "a 再開 button"
    );

    // The line is back: 再開 sends the saved job (same key) and finishes it.
    c.set_faults(Faults::default());
    con.h.get_all_by_label("再開").next().unwrap().click();
    con.wait_for("4/4 完了");
    assert!(con.shows("結果: 有効 2件、無効 0件、エラー 0件"));
    assert_eq!(
        c.batch_receptions(c.default_institution()).unwrap().len(),
        1
    );
}

#[test]
fn a_desk_closed_mid_batch_shows_it_again_and_finishes_it() {
    let dir = tempfile::tempdir().unwrap();
    let rt = runtime();
    let input = dir.path().join("予約.csv");
    write_sjis(&input, &ROWS[..4]);

    // The centre accepts the list but holds its processing: the desk waits with the
    // 受付番号 saved when it is closed.
    let reception = {
        let held = centre(dir.path(), true);
        let mut con = Console::open(dir.path(), config(dir.path(), &held), &rt);
        con.read_list(&input);
        con.wait_for("送信する行 4件");
        con.click("送信");
        con.wait_for("資格確認システムの処理を待っています");
        let reception = con.view().jobs[0].reception.clone().expect("a 受付番号");
        assert!(con.shows(&format!("受付番号 {reception}")));
        reception
        // The console (and its service) close here, then the centre stops.
    };

    // The centre starts again and finishes the held batch; a new desk on the same store
    // finds the job, shows it and carries it on from its 受付番号.
    let c = centre(dir.path(), false);
    let mut con = Console::open(dir.path(), config(dir.path(), &c), &rt);
    con.wait_for("4/4 完了");
    assert!(con.shows("#1"), "the job from before the close is listed");
    assert!(con.shows("結果: 有効 2件、無効 2件、エラー 0件"));
    let view = con.view();
    assert_eq!(view.jobs.len(), 1);
    assert!(view.jobs[0].resumed);
    assert_eq!(view.jobs[0].reception.as_deref(), Some(reception.as_str()));
    assert_eq!(
        c.batch_receptions(c.default_institution()).unwrap(),
        [reception],
        "no second batch at the centre"
    );
}

/// A file dropped on the window, as the windowing integration hands it to egui.
#[derive(Debug)]
struct Dropped(PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }
    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn a_list_dropped_on_the_english_console_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let c = centre(dir.path(), false);
    let rt = runtime();
    let cfg = config(dir.path(), &c);
    let mut con = Console::open_in(dir.path(), cfg, &rt, eligibility::Lang::En);
    let input = dir.path().join("booked.csv");
    write_sjis(&input, &ROWS[2..]);

    con.h
        .input_mut()
        .dropped_files
        .push(Arc::new(Dropped(input.clone())));
    con.wait_for("2 rows to send, 1 rows with errors (not sent)");
    assert!(con.shows("encoding Shift_JIS"));
    assert!(con.shows("The insurer number's check digit does not match"));
    assert!(
        con.h
            .query_all_by_value(&input.display().to_string())
            .next()
            .is_some(),
        "the dropped file's path is in the path field"
    );
    assert!(con.h.query_by_label("Send").is_some());
}

/// Whether the result table's row for list line `line` is the highlighted one.
fn highlighted(con: &Console, line: &str) -> bool {
    con.h.get_by_label(line).accesskit_node().toggled() == Some(egui::accesskit::Toggled::True)
}

/// 一括照会 without the mouse: F3 lands in the list's path, Enter reads it, Enter sends it,
/// then the arrow keys, Home/End and PageUp/PageDown move the highlight through the result
/// table, and the export button keeps the focus.
#[test]
fn the_batch_tab_by_key_from_f3_to_the_result_table() {
    let dir = tempfile::tempdir().unwrap();
    let c = centre(dir.path(), false);
    let rt = runtime();
    let mut con = Console::open(dir.path(), config(dir.path(), &c), &rt);
    let input = dir.path().join("予約.csv");
    write_sjis(&input, &ROWS);
    con.h.key_press(egui::Key::F1);
    con.h.run();
    assert!(con.h.query_by_label("一括照会リスト（CSV）").is_none());
    con.h.key_press(egui::Key::F3);
    con.h.run();
    assert!(con.h.get_by_label("一括照会リスト（CSV）").is_focused());
    con.h.event(egui::Event::Text(input.display().to_string()));
    con.h.run();
    con.h.key_press(egui::Key::Enter);
    con.wait_for("送信する行 4件");
    assert!(con.h.get_by_label("送信").is_focused());
    con.h.key_press(egui::Key::Enter);
    con.wait_for("4/4 完了");
    assert!(con.h.get_by_label("書き出す").is_focused());

    for l in ["2", "3", "4", "5", "6"] {
        assert!(!highlighted(&con, l), "no row highlighted yet");
    }
    let steps = [
        (egui::Key::ArrowDown, "2"),
        (egui::Key::ArrowDown, "3"),
        (egui::Key::End, "6"),
        (egui::Key::ArrowDown, "6"),
        (egui::Key::ArrowUp, "5"),
        (egui::Key::Home, "2"),
        (egui::Key::PageDown, "6"),
        (egui::Key::PageUp, "2"),
    ];
    for (key, line) in steps {
        con.h.key_press(key);
        con.h.run();
        assert!(highlighted(&con, line), "{key:?} highlights line {line}");
        let others = ["2", "3", "4", "5", "6"].iter().filter(|l| **l != line);
        for other in others {
            assert!(
                !highlighted(&con, other),
                "only one row: {other} after {key:?}"
            );
        }
    }
    assert!(
        con.h.get_by_label("書き出す").is_focused(),
        "the arrows moved the table, not the focus"
    );
}

#[test]
fn a_row_whose_insurer_changed_says_so_and_what_to_check_in_the_table() {
    let dir = tempfile::tempdir().unwrap();
    let c = centre(dir.path(), false);
    let rt = runtime();
    let mut con = Console::open(dir.path(), config(dir.path(), &c), &rt);
    let input = dir.path().join("予約.csv");
    // 伊藤 誠's old 国保 card; he joined 協会けんぽ on 2026-04-01.
    write_sjis(&input, &["伊藤　誠,011015,札中,2201,00,1975-09-30"]);
    con.read_list(&input);
    con.wait_for("送信する行 1件");
    con.click("送信");
    con.wait_for("無効（新しい資格あり）: 保険が変わっています");
    assert!(
        con.h.query_by_label("無効 1件").is_some(),
        "the summary badge"
    );
    assert!(
        con.shows("保険情報が変わっていないか確認してください"),
        "the follow-up in the table"
    );
}

#[test]
fn the_confirmation_date_field_sets_the_day_rows_are_checked_for() {
    let dir = tempfile::tempdir().unwrap();
    let c = centre(dir.path(), false);
    let rt = runtime();
    let mut con = Console::open(dir.path(), config(dir.path(), &c), &rt);
    let input = dir.path().join("list.csv");
    std::fs::write(&input, format!("{}\n{}\n", ROWS[0], ROWS[1])).unwrap();
    con.read_list(&input);
    con.wait_for("送信する行 2件");
    let jst = time::OffsetDateTime::now_utc().to_offset(time::macros::offset!(+9));
    let ymd = |d: time::Date| format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day());
    // A day already past is refused beside the field, and nothing can be sent.
    let past = ymd(jst.date() - time::Duration::days(1));
    con.h
        .get_by_role_and_label(egui::accesskit::Role::TextInput, "資格確認日")
        .focus();
    con.h.run();
    con.h
        .get_by_role_and_label(egui::accesskit::Role::TextInput, "資格確認日")
        .type_text(&past);
    con.h.run();
    assert!(con.shows("資格確認日が過ぎています"));
    for _ in 0..past.chars().count() {
        con.h.key_press(egui::Key::Backspace);
    }
    con.h.run();
    assert!(!con.shows("資格確認日が過ぎています"));
    let day = ymd(jst.date() + time::Duration::days(2));
    con.h
        .get_by_role_and_label(egui::accesskit::Role::TextInput, "資格確認日")
        .type_text(&day);
    con.h.run();
    assert!(
        !con.shows("資格確認日は YYYY-MM-DD") && !con.shows("資格確認日が過ぎています"),
        "the day typed is taken"
    );
    con.click("送信");
    con.wait_for("4/4 完了");
    assert_eq!(
        con.h.query_all_by_label(&day).count(),
        2,
        "both rows checked for the day typed"
    );
}
