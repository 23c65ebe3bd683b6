//! The clerk console's 補助金 tab as a clerk uses it (egui_kittest, headless wgpu, the
//! 1280×800 console): by keyboard only, a hospital provided 2 readers with a ¥3,000,000 project
//! sees the 別表1-2 cap, 1,001,000円; a pharmacy whose group's list (a real CSV file) sums to
//! exactly 40,000 a month sees 別表3's 321,000円 and the line saying 第4 was followed; a list
//! with a bad row says which line and why, and no amount.

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use onshi::ui::clerk::Tab;
use onshi::ui::{CLERK_SIZE, ClerkConsole};
use onshi_desk::flow::{Event, Flow, InstitutionKind, Settings};
use onshi_desk::port::{Backend, PreviewFrame};
use std::sync::Arc;

/// The tab needs no worker: an idle desk.
struct Idle(Flow);

impl Backend for Idle {
    fn flow(&self) -> &Flow {
        &self.0
    }
    fn send(&mut self, _: Event) {}
    fn pump(&mut self) {}
    fn preview(&self) -> Option<Arc<PreviewFrame>> {
        None
    }
}

type H = Harness<'static, (ClerkConsole, Idle)>;

fn console() -> H {
    let mut c = ClerkConsole::new(eligibility::Lang::Ja);
    c.set_tab(Tab::Subsidy);
    let mut h = Harness::builder()
        .with_size(CLERK_SIZE)
        .with_max_steps(16)
        .with_context_setup(|ctx| {
            onshi::ui::install_fonts(ctx);
            onshi::ui::install_style(ctx);
        })
        .build_ui_state(
            |ui, (console, b): &mut (ClerkConsole, Idle)| {
                egui::CentralPanel::default().show(ui, |ui| console.ui(ui, b));
            },
            (c, Idle(Flow::new(Settings::new(InstitutionKind::Pharmacy)))),
        );
    h.run();
    h
}

fn radio<'a>(h: &'a H, label: &'a str) -> egui_kittest::Node<'a> {
    h.get_by_role_and_label(Role::RadioButton, label)
}

/// The radio button is the chosen one.
fn chosen(h: &H, label: &str) -> bool {
    radio(h, label).accesskit_node().toggled() == Some(egui::accesskit::Toggled::True)
}

fn press(h: &mut H, key: egui::Key) {
    h.key_press(key);
    h.run();
}

fn shows(h: &H, text: &str) -> bool {
    h.query_all_by_label_contains(text).next().is_some()
}

#[test]
fn a_hospital_with_two_readers_is_estimated_by_keyboard_alone() {
    let mut h = console();
    assert!(
        radio(&h, "診療所").is_focused(),
        "focus on the chosen kind when the tab opens"
    );
    h.key_press_modifiers(egui::Modifiers::SHIFT, egui::Key::Tab);
    h.run();
    assert!(radio(&h, "病院").is_focused());
    press(&mut h, egui::Key::Space);
    assert!(chosen(&h, "病院"));
    // 診療所, 薬局, 大型チェーン薬局, then the readers (enabled for a hospital).
    for _ in 0..4 {
        press(&mut h, egui::Key::Tab);
    }
    assert!(
        radio(&h, "1").is_focused(),
        "the readers come after the kinds"
    );
    press(&mut h, egui::Key::Tab);
    press(&mut h, egui::Key::Space);
    assert!(chosen(&h, "2"));
    press(&mut h, egui::Key::Tab);
    press(&mut h, egui::Key::Tab);
    let cost = h.get_by_role_and_label(Role::TextInput, "総事業費（税込み・円）");
    assert!(cost.is_focused(), "then the cost");
    cost.type_text("3,000,000");
    h.run();
    press(&mut h, egui::Key::Enter);

    assert!(shows(&h, "補助額の見込み: 1,001,000円"));
    assert!(shows(&h, "実施要領 別表1-2"));
    assert!(shows(
        &h,
        "補助限度額: 1,001,000円（事業額 2,002,000円 に補助率 1/2 を乗じた額）"
    ));
    assert!(shows(&h, "顔認証付きカードリーダー 2台を無償で提供"));
    assert!(shows(&h, "実施要領 第3の4(2)"));
    h.snapshot("subsidy_tab");
}

const HEADER: &str = "薬局ID,指定日,遡及前指定日,2020-03,2020-04,2020-05,2020-06,2020-07,2020-08,2020-09,2020-10,2020-11,2020-12,2021-01,2021-02";

fn pharmacy_form(h: &mut H, path: &std::path::Path) {
    radio(h, "薬局（大型チェーン以外）").click();
    h.run();
    let cost = h.get_by_role_and_label(Role::TextInput, "総事業費（税込み・円）");
    cost.focus();
    h.run();
    h.get_by_role_and_label(Role::TextInput, "総事業費（税込み・円）")
        .type_text("429,000");
    h.run();
    let list = h.get_by_role_and_label(Role::TextInput, "薬局一覧（CSV のパス）");
    list.focus();
    h.run();
    h.get_by_role_and_label(Role::TextInput, "薬局一覧（CSV のパス）")
        .type_text(&path.display().to_string());
    h.run();
    press(h, egui::Key::Enter);
}

#[test]
fn a_pharmacy_group_at_exactly_40000_is_not_a_large_chain_and_the_page_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("group.csv");
    let row = |id: &str, n: u32| format!("{id},2010-04-01,,{}", vec![n.to_string(); 12].join(","));
    std::fs::write(
        &path,
        format!(
            "{HEADER}\n{}\n{}\n",
            row("本店", 25_000),
            row("駅前", 15_000)
        ),
    )
    .unwrap();
    let mut h = console();
    pharmacy_form(&mut h, &path);

    assert!(shows(&h, "補助額の見込み: 321,000円"));
    assert!(shows(
        &h,
        "40,000回。４万回を超えないため大型チェーン薬局ではありません"
    ));
    assert!(shows(&h, "第4に従い大型チェーン薬局ではないとしました"));
    assert!(shows(&h, "薬局 本店（指定日 2010-04-01）"));
    // Another kind: the old amount goes, not shown for a form it was not computed for.
    radio(&h, "診療所").click();
    h.run();
    assert!(!shows(&h, "補助額の見込み"));
    assert!(shows(&h, "まだ計算していません"));
}

#[test]
fn a_list_with_a_bad_row_names_the_line_and_gives_no_amount() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("group.csv");
    std::fs::write(
        &path,
        format!("{HEADER}\n本店,2010-04-01,,1,2,3,4,5,6,7,8,9,10,11,十二\n"),
    )
    .unwrap();
    let mut h = console();
    pharmacy_form(&mut h, &path);
    assert!(shows(
        &h,
        "2行目: 2021-02 の処方箋受付回数が数字ではありません"
    ));
    assert!(!shows(&h, "補助額の見込み"));
}
