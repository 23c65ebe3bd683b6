//! The 情報閲覧 tab driven as staff would, by the labels on screen (egui_kittest, headless
//! wgpu), over a scripted viewer that counts the requests it is asked to send: 事務 sees no
//! patient list and no data; a 薬剤師 gets no 特定健診 button; a 医師 opens the drug and
//! 特定健診 tables of a consented check (out-of-range values marked with a word, not colour
//! alone); without consent (or after 24 h, which the service leaves out of the list) the tab
//! says so and nothing is requested; a wrong password says so; the 災害時 banner shows above
//! every tab. Snapshots of the drug table, the checkup view (one year, and five years drawn
//! as charts per item with the reference range as a band) and the banner are in
//! tests/snapshots/.

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use onshi::ui::clerk::Tab;
use onshi::ui::{CLERK_SIZE, ClerkConsole};
use onshi_desk::flow::{Event, Flow, InstitutionKind, Settings};
use onshi_desk::history::Viewed;
use onshi_desk::port::{Backend, PreviewFrame};
use onshi_desk::services::viewer::{
    Answer, CheckupRow, Consented, Data, Disaster, DrugRow, LoginState, Range, Subject, Viewer,
    ViewerError,
};
use onshi_desk::staff::{Role, Staff};
use std::sync::Arc;
use time::OffsetDateTime;
use zeroize::Zeroizing;

/// The viewer played by the test: fixed accounts and consented checks; each `view` is a
/// request to the centre, counted, and answered at once with the scripted rows.
#[derive(Default)]
struct ScriptedViewer {
    accounts: Vec<(&'static str, &'static str, Role)>,
    staff: Option<Staff>,
    login: LoginState,
    patients: Vec<Consented>,
    disaster: Option<Disaster>,
    answer: Option<Arc<Answer>>,
    requests: Vec<(i64, Viewed)>,
    audit_broken: Option<onshi_desk::history::audit::BrokenLink>,
    audit_unchecked: bool,
    no_admin: bool,
    /// Every login waits this long (after wrong passwords), if set.
    wait_secs: Option<u64>,
    /// The 特定健診 answer, if not [`checkups`].
    checkup_rows: Option<Vec<CheckupRow>>,
}

fn t0() -> OffsetDateTime {
    time::macros::datetime!(2026-11-23 10:05 +09:00)
}

fn drugs() -> Vec<DrugRow> {
    [
        (
            "2026-11-02",
            "アムロジピン錠５ｍｇ",
            "1錠",
            "1日1回朝食後",
            "28",
        ),
        (
            "2026-10-05",
            "メトホルミン塩酸塩錠２５０ｍｇ",
            "2錠",
            "1日2回朝夕食後",
            "28",
        ),
        (
            "2026-08-21",
            "ロキソプロフェンナトリウム錠６０ｍｇ",
            "3錠",
            "1日3回毎食後",
            "14",
        ),
    ]
    .into_iter()
    .map(|(date, drug, dose, usage, days)| DrugRow {
        date: date.into(),
        institution: "オン資デスク試験クリニック".into(),
        drug: drug.into(),
        dose: dose.into(),
        usage: usage.into(),
        days: days.into(),
    })
    .collect()
}

fn checkups() -> Vec<CheckupRow> {
    let row = |item: &str, value: &str, unit: &str, range: Option<Range>| CheckupRow {
        date: "2025-06-12".into(),
        item: item.into(),
        value: value.into(),
        unit: unit.into(),
        range,
        out: range.and_then(|r| r.check(value.parse().unwrap())),
    };
    vec![
        row("身長", "162", "cm", None),
        row("体重", "58", "kg", None),
        row("収縮期血圧", "142", "mmHg", Some(Range::Below(130.0))),
        row("HbA1c", "5.4", "%", Some(Range::Below(5.6))),
    ]
}

impl Viewer for ScriptedViewer {
    fn staff(&mut self) -> Option<Staff> {
        self.staff.clone()
    }
    fn login(&mut self, name: &str, password: &Zeroizing<String>) {
        if let Some(wait_secs) = self.wait_secs {
            self.login = LoginState::Refused(ViewerError::Throttled { wait_secs });
            return;
        }
        let s = self
            .accounts
            .iter()
            .find(|(n, p, _)| *n == name && *p == password.as_str())
            .map(|(n, _, r)| Staff {
                name: n.to_string(),
                role: *r,
            });
        self.login = match &s {
            Some(_) => LoginState::Idle,
            None => LoginState::Refused(ViewerError::WrongLogin),
        };
        self.staff = s;
    }
    fn login_state(&mut self) -> LoginState {
        self.login.clone()
    }
    fn logout(&mut self) {
        self.staff = None;
        self.answer = None;
    }
    fn touch(&mut self) {}
    fn patients(&mut self) -> Result<Vec<Consented>, ViewerError> {
        match &self.staff {
            Some(s) if s.role.may_view() => Ok(self.patients.clone()),
            Some(_) => Err(ViewerError::NotQualified),
            None => Err(ViewerError::NotLoggedIn),
        }
    }
    fn view(&mut self, who: Subject, what: Viewed) -> Result<(), ViewerError> {
        let id = match who {
            Subject::Check(id) => id,
            Subject::Disaster(_) => -1,
        };
        self.requests.push((id, what));
        let data = match what {
            Viewed::Drug => Data::Drugs(drugs()),
            _ => Data::Checkups(self.checkup_rows.clone().unwrap_or_else(checkups)),
        };
        self.answer = Some(Arc::new(Answer::Shown {
            what,
            disaster: id < 0,
            data,
        }));
        Ok(())
    }
    fn answer(&self) -> Option<Arc<Answer>> {
        self.answer.clone()
    }
    /// The service's own rule, at a clinic.
    fn may_view(&mut self, what: Viewed) -> bool {
        self.staff.as_ref().is_some_and(|s| {
            onshi_desk::services::viewer::role_may_view(
                s.role,
                what,
                InstitutionKind::Medical,
                false,
            )
            .is_ok()
        })
    }
    fn disaster(&self) -> Option<Disaster> {
        self.disaster.clone()
    }
    fn audit_broken(&self) -> Option<onshi_desk::history::audit::BrokenLink> {
        self.audit_broken.clone()
    }
    fn audit_unchecked(&self) -> bool {
        self.audit_unchecked
    }
    fn no_admin(&self) -> bool {
        self.no_admin
    }
}

/// A backend with an idle reception flow and the scripted viewer.
struct Scripted {
    flow: Flow,
    viewer: ScriptedViewer,
}

impl Backend for Scripted {
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
        Some(&mut self.viewer)
    }
}

type State = (ClerkConsole, Scripted);

fn console(viewer: ScriptedViewer, tab: Tab) -> Harness<'static, State> {
    let mut console = ClerkConsole::new(eligibility::Lang::Ja);
    console.set_tab(tab);
    let backend = Scripted {
        flow: Flow::new(Settings::new(InstitutionKind::Medical)),
        viewer,
    };
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
            (console, backend),
        );
    h.run();
    h
}

fn staff() -> Vec<(&'static str, &'static str, Role)> {
    vec![
        ("suzuki", "clerk-pass-1", Role::Clerk),
        ("tanaka", "doctor-pass-1", Role::Doctor),
    ]
}

fn consented() -> Vec<Consented> {
    vec![Consented {
        check_id: 7,
        at: t0(),
        name: "試験　花子".into(),
        drug_until: Some(t0() + time::Duration::hours(24)),
        checkup_until: Some(t0() + time::Duration::hours(24)),
    }]
}

fn login(h: &mut Harness<'static, State>, name: &str, password: &str) {
    let f = h.get_by_label("職員名");
    f.focus();
    f.type_text(name);
    h.run();
    let f = h.get_by_label("パスワード");
    f.focus();
    f.type_text(password);
    h.run();
    assert!(
        h.query_by_value(password).is_none(),
        "the password is masked"
    );
    h.get_by_label("ログイン").click();
    h.run();
}

fn requests(h: &Harness<'static, State>) -> usize {
    h.state().1.viewer.requests.len()
}

#[test]
fn a_clerk_sees_no_patient_list_and_no_viewer() {
    let mut h = console(
        ScriptedViewer {
            accounts: staff(),
            patients: consented(),
            ..Default::default()
        },
        Tab::Viewer,
    );
    login(&mut h, "suzuki", "clerk-pass-1");
    assert!(h.query_by_label_contains("ログイン中").is_some());
    assert!(h.query_by_label("この役割では閲覧できません").is_some());
    assert!(h.query_by_label("試験　花子").is_none(), "no patient list");
    assert!(h.query_by_label("薬剤情報").is_none(), "no viewer");
    assert_eq!(requests(&h), 0);
}

#[test]
fn a_wrong_password_says_so_without_saying_which_part() {
    let mut h = console(
        ScriptedViewer {
            accounts: staff(),
            patients: consented(),
            ..Default::default()
        },
        Tab::Viewer,
    );
    login(&mut h, "tanaka", "clerk-pass-1");
    assert!(
        h.query_by_label("職員名またはパスワードが違います。")
            .is_some()
    );
    assert!(h.query_by_label("試験　花子").is_none());
    assert_eq!(requests(&h), 0);
}

#[test]
fn a_doctor_opens_the_drug_and_checkup_tables_of_a_consented_check() {
    let mut h = console(
        ScriptedViewer {
            accounts: staff(),
            patients: consented(),
            ..Default::default()
        },
        Tab::Viewer,
    );
    login(&mut h, "tanaka", "doctor-pass-1");
    assert!(h.query_by_label("試験　花子").is_some(), "the patient list");
    assert!(
        h.query_by_label("薬剤情報・特定健診").is_some(),
        "what was consented"
    );
    assert!(h.query_by_label("11/24 10:05").is_some(), "until when");

    h.get_by_label("薬剤情報").click();
    h.run();
    assert_eq!(h.state().1.viewer.requests, vec![(7, Viewed::Drug)]);
    assert!(h.query_by_label_contains("薬剤情報（過去3年）").is_some());
    assert!(h.query_by_label("アムロジピン錠５ｍｇ").is_some());
    assert!(h.query_by_label("1日2回朝夕食後").is_some());
    h.snapshot("viewer_drugs");

    h.get_by_label("特定健診").click();
    h.run();
    assert_eq!(requests(&h), 2);
    assert!(
        h.query_by_label_contains("特定健診情報（過去5年）")
            .is_some()
    );
    assert!(h.query_by_label("130未満").is_some(), "the reference range");
    assert_eq!(
        h.query_all_by_label("▲ 高値").count(),
        1,
        "142 mmHg is marked in words, 5.4 % is not"
    );
    h.snapshot("viewer_checkups");
}

/// Five yearly checkups, newest first as the service gives them.
fn five_years() -> Vec<CheckupRow> {
    let mut rows = Vec::new();
    for (date, sbp, hba1c, hdl, weight) in [
        ("2025-06-12", "142", "5.9", "38", "61"),
        ("2024-06-03", "136", "5.7", "41", "60"),
        ("2023-05-29", "131", "5.5", "44", "59"),
        ("2022-06-20", "126", "5.4", "47", "58"),
        ("2021-12-01", "122", "5.2", "52", "57"),
    ] {
        for (item, value, unit, range) in [
            ("収縮期血圧", sbp, "mmHg", Some(Range::Below(130.0))),
            ("HbA1c", hba1c, "%", Some(Range::Below(5.6))),
            (
                "HDLコレステロール",
                hdl,
                "mg/dL",
                Some(Range::AtLeast(40.0)),
            ),
            ("体重", weight, "kg", None),
            ("尿糖", "(-)", "", None),
        ] {
            rows.push(CheckupRow {
                date: date.into(),
                item: item.into(),
                value: value.into(),
                unit: unit.into(),
                range,
                out: range.and_then(|r| value.parse().ok().and_then(|v| r.check(v))),
            });
        }
    }
    rows
}

#[test]
fn five_years_of_checkups_are_drawn_per_item_with_the_reference_band_beside_the_table() {
    let mut h = console(
        ScriptedViewer {
            accounts: staff(),
            patients: consented(),
            checkup_rows: Some(five_years()),
            ..Default::default()
        },
        Tab::Viewer,
    );
    login(&mut h, "tanaka", "doctor-pass-1");
    h.get_by_label("特定健診").click();
    h.run();
    assert_eq!(h.state().1.viewer.requests, vec![(7, Viewed::Checkup)]);
    // A chart for each numeric item, titled with its unit, and what its band means.
    for title in [
        "収縮期血圧の推移（mmHg）",
        "HbA1cの推移（%）",
        "HDLコレステロールの推移（mg/dL）",
        "体重の推移（kg）",
    ] {
        assert!(h.query_by_label(title).is_some(), "chart {title}");
    }
    assert!(
        h.query_by_label("尿糖の推移").is_none(),
        "no chart of a word"
    );
    assert!(h.query_by_label("緑の帯：基準範囲（130未満）").is_some());
    assert!(h.query_by_label("緑の帯：基準範囲（40以上）").is_some());
    assert_eq!(
        h.query_all_by_label_contains("緑の帯：基準範囲（").count(),
        3,
        "a band for each item with a range, none for 体重"
    );
    // The table beside it keeps every value, 尿糖 included.
    assert_eq!(h.query_all_by_label("(-)").count(), 5, "尿糖 of each year");
    assert_eq!(
        h.query_all_by_label("▲ 高値").count(),
        5,
        "142, 136 and 131 mmHg, 5.9 and 5.7 %"
    );
    assert_eq!(h.query_all_by_label("▼ 低値").count(), 1, "HDL 38");
    h.snapshot("viewer_checkup_chart");
}

#[test]
fn a_pharmacist_at_a_clinic_gets_the_drug_button_but_no_checkup_button() {
    let mut accounts = staff();
    accounts.push(("sato", "pharm-pass-1", Role::Pharmacist));
    let mut h = console(
        ScriptedViewer {
            accounts,
            patients: consented(),
            ..Default::default()
        },
        Tab::Viewer,
    );
    login(&mut h, "sato", "pharm-pass-1");
    assert!(
        h.query_by_label("薬剤情報・特定健診").is_some(),
        "what the patient consented to"
    );
    assert!(h.query_by_label("特定健診").is_none(), "no checkup button");
    h.get_by_label("薬剤情報").click();
    h.run();
    assert_eq!(h.state().1.viewer.requests, vec![(7, Viewed::Drug)]);
}

#[test]
fn without_consent_the_tab_says_so_and_requests_nothing() {
    // The service lists only checks whose consent is less than 24 h old: a check without
    // consent, or an older one, is not in the list.
    let mut h = console(
        ScriptedViewer {
            accounts: staff(),
            patients: Vec::new(),
            ..Default::default()
        },
        Tab::Viewer,
    );
    login(&mut h, "tanaka", "doctor-pass-1");
    assert!(
        h.query_by_label_contains(
            "同意がない、または同意から24時間を過ぎた患者の情報は閲覧できません"
        )
        .is_some()
    );
    assert!(h.query_by_label("薬剤情報").is_none());
    assert!(h.query_by_label("特定健診").is_none());
    assert_eq!(requests(&h), 0);
}

#[test]
fn the_disaster_banner_shows_above_every_tab_and_allows_a_lookup() {
    let mut h = console(
        ScriptedViewer {
            accounts: staff(),
            disaster: Some(Disaster {
                area: "13".into(),
                from: "2026-11-23 09:00".into(),
                until: "2026-11-30 10:00".into(),
            }),
            ..Default::default()
        },
        Tab::Reception,
    );
    let text = "災害時モード（地域 13、2026-11-23 09:00〜2026-11-30 10:00）";
    assert!(
        h.query_by_label_contains(text).is_some(),
        "on the reception tab"
    );
    h.snapshot("viewer_banner");

    h.state_mut().0.set_tab(Tab::Viewer);
    h.run();
    assert!(
        h.query_by_label_contains(text).is_some(),
        "on the viewer tab"
    );
    login(&mut h, "tanaka", "doctor-pass-1");
    for (label, typed) in [
        ("保険者番号", "01130012"),
        ("記号", "1234567"),
        ("番号", "12"),
        ("枝番", "00"),
        ("生年月日", "19800217"),
    ] {
        let f = h.get_by_label(label);
        f.focus();
        f.type_text(typed);
        h.run();
    }
    h.get_by_label("災害時モードでの閲覧 薬剤情報").click();
    h.run();
    assert_eq!(h.state().1.viewer.requests, vec![(-1, Viewed::Drug)]);
    assert!(h.query_by_label_contains("薬剤情報（過去3年）").is_some());
    assert!(h.query_by_label("アムロジピン錠５ｍｇ").is_some());
}

#[test]
fn a_broken_audit_chain_puts_a_warning_above_every_tab() {
    let h = console(ScriptedViewer::default(), Tab::Reception);
    let warning = "警告：監査ログが改ざんされている可能性があります";
    assert!(
        h.query_by_label_contains(warning).is_none(),
        "an intact chain"
    );

    let mut h2 = console(
        ScriptedViewer {
            audit_broken: Some(onshi_desk::history::audit::BrokenLink { id: 42, at: None }),
            ..Default::default()
        },
        Tab::Reception,
    );
    assert!(
        h2.query_by_label_contains(warning).is_some(),
        "on the reception tab"
    );
    assert!(
        h2.query_by_label_contains("row 42").is_some(),
        "names the row"
    );
    h2.state_mut().0.set_tab(Tab::History);
    h2.run();
    assert!(
        h2.query_by_label_contains(warning).is_some(),
        "on the history tab"
    );
}

#[test]
fn an_unchecked_audit_log_and_a_missing_administrator_are_warned_above_every_tab() {
    let h = console(ScriptedViewer::default(), Tab::Reception);
    let unchecked = "警告：監査ログを確認できませんでした";
    let no_admin = "警告：有効な管理者アカウントがありません";
    assert!(h.query_by_label_contains(unchecked).is_none());
    assert!(h.query_by_label_contains(no_admin).is_none());

    let mut h = console(
        ScriptedViewer {
            audit_unchecked: true,
            no_admin: true,
            ..Default::default()
        },
        Tab::Reception,
    );
    assert!(h.query_by_label_contains(unchecked).is_some());
    assert!(h.query_by_label_contains(no_admin).is_some());
    h.state_mut().0.set_tab(Tab::History);
    h.run();
    assert!(h.query_by_label_contains(unchecked).is_some());
    assert!(h.query_by_label_contains(no_admin).is_some());
}

#[test]
fn after_wrong_passwords_the_login_screen_says_how_long_to_wait() {
    let mut h = console(
        ScriptedViewer {
            accounts: staff(),
            patients: consented(),
            wait_secs: Some(90),
            ..Default::default()
        },
        Tab::Viewer,
    );
    login(&mut h, "tanaka", "doctor-pass-1");
    assert!(
        h.query_by_label_contains("1分30秒待ってからもう一度お試しください")
            .is_some()
    );
    assert!(h.query_by_label("試験　花子").is_none());
    assert!(h.query_by_label("職員名").is_some(), "the login form stays");
}

/// F5 brings 情報閲覧 to the front with the focus in the login name; logged in during 災害時
/// mode, in the lookup's 保険者番号. What is typed next lands there, without the mouse.
#[test]
fn f5_lands_in_the_login_name_then_in_the_lookup() {
    let mut h = console(
        ScriptedViewer {
            accounts: staff(),
            disaster: Some(Disaster {
                area: "13".into(),
                from: "2026-11-23 09:00".into(),
                until: "2026-11-30 10:00".into(),
            }),
            ..Default::default()
        },
        Tab::Reception,
    );
    assert!(
        h.query_by_label("情報閲覧 F5").is_some(),
        "the tab shows its key"
    );
    h.key_press(egui::Key::F5);
    h.run();
    assert_eq!(h.state().0.tab(), Tab::Viewer);
    h.event(egui::Event::Text("tanaka".into()));
    h.run();
    let name = h.get_by_role_and_label(egui::accesskit::Role::TextInput, "職員名");
    assert_eq!(name.value().as_deref(), Some("tanaka"));

    let f = h.get_by_label("パスワード");
    f.focus();
    f.type_text("doctor-pass-1");
    h.run();
    h.get_by_label("ログイン").click();
    h.run();
    assert!(h.query_by_label("ログアウト").is_some(), "logged in");
    h.key_press(egui::Key::F1);
    h.run();
    h.key_press(egui::Key::F5);
    h.run();
    h.event(egui::Event::Text("01130012".into()));
    h.run();
    let insurer = h.get_by_role_and_label(egui::accesskit::Role::TextInput, "保険者番号");
    assert_eq!(insurer.value().as_deref(), Some("01130012"));
}
