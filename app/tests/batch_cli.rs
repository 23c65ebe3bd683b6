//! `onshi batch` end to end: the real binary, a real settings file, a real `batches.sqlite`,
//! and central-sim in this process over TLS with the institution's client certificate. The
//! tests assert what a script or a clerk would see: the exit code, the lines on stderr, the
//! exported table; and, for the resume, that the centre holds one batch only.

mod common;

use simulators::centre::{Faults, RunningCentre, Server};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

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
    let mut cfg = simulators::centre::Config::new(dir);
    // A fixed day, as the other end-to-end tests, so the seed's dates keep their meaning.
    cfg.now = Some(time::macros::datetime!(2026-11-23 10:00 +09:00));
    cfg.hold_batches = hold;
    Server::start(cfg).unwrap()
}

/// The desk's settings file for this centre (the same file `onshi` opens its windows with).
fn config(dir: &Path, centre: &RunningCentre) -> PathBuf {
    common::write_config(dir, centre, &common::Desk::default())
}

fn batch(dir: &Path, input: &Path, out: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_onshi"));
    c.arg("--config")
        .arg(dir.join("config.toml"))
        .arg("batch")
        .arg(input)
        .arg("-o")
        .arg(out)
        .arg("--store")
        .arg(dir.join("batches.sqlite"))
        .args(["--poll-secs", "0.05", "--wait-secs", "120"])
        .env_remove("RUST_LOG");
    c
}

fn run(cmd: &mut Command) -> (i32, String) {
    let o = cmd.output().unwrap();
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    (o.status.code().unwrap_or(-1), err)
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

#[test]
fn a_shift_jis_list_with_a_bad_row_is_checked_and_exported() {
    let dir = tempfile::tempdir().unwrap();
    let c = centre(dir.path(), false);
    config(dir.path(), &c);
    let list = format!("{HEADER}\r\n{}\r\n", ROWS.join("\r\n"));
    let (sjis, _, lossy) = encoding_rs::SHIFT_JIS.encode(&list);
    assert!(!lossy);
    let input = dir.path().join("予約.csv");
    std::fs::write(&input, &sjis).unwrap();
    let out = dir.path().join("結果.csv");

    let (code, err) = run(&mut batch(dir.path(), &input, &out));
    // Exit 1: the table is written, and one row was refused at import.
    assert_eq!(code, 1, "stderr:\n{err}");
    assert!(
        err.contains("6行目 保険者番号: 保険者番号の検証番号が一致しません"),
        "the bad row is named by line and column:\n{err}"
    );
    assert!(err.contains("送信する行 4件、誤りのある行 1件"), "{err}");
    assert!(
        err.contains("結果: 有効 2件、無効 2件、エラー 1件"),
        "{err}"
    );
    for r in ROWS {
        let name = r.split(',').next().unwrap();
        assert!(!err.contains(name), "no patient name on stderr:\n{err}");
    }

    let t = table(&out);
    assert_eq!(t[0][..2], ["行", "患者氏名"]);
    assert_eq!(
        t[0][7..],
        ["予約日", "資格確認日", "資格確認結果", "理由", "確認事項"]
    );
    assert_eq!(t.len(), 6, "{t:?}");
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
    assert_eq!(
        t[1][1], "試験　花子",
        "the name comes back as read from Shift_JIS"
    );
    assert!(t[3][10].starts_with("資格喪失（2026-09-01"), "{:?}", t[3]);
    assert!(t[4][10].contains("該当する資格がありません"), "{:?}", t[4]);
    assert!(t[5][10].starts_with("未送信: "), "{:?}", t[5]);
    assert_eq!(
        c.batch_receptions(c.default_institution()).unwrap().len(),
        1
    );
}

#[test]
fn a_batch_killed_after_its_upload_resumes_with_the_same_reception() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("list.csv");
    // UTF-8 with a BOM and no header, as another clinic system writes it.
    let good: Vec<&str> = ROWS[..4].to_vec();
    std::fs::write(&input, format!("\u{FEFF}{}\n", good.join("\n"))).unwrap();
    let out = dir.path().join("out.csv");

    // The centre accepts the list but holds its processing, so the command is still
    // waiting for the result when it is killed.
    let reception = {
        let held = centre(dir.path(), true);
        config(dir.path(), &held);
        let mut child = batch(dir.path(), &input, &out)
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
        let reception = loop {
            // Ends with the pipe if the child dies first (then the test fails below).
            let line = lines
                .next()
                .expect("the command ended before printing its 受付番号")
                .unwrap();
            if let Some(r) = line.strip_prefix("受付番号 ") {
                break r.trim().to_string();
            }
        };
        child.kill().unwrap(); // SIGKILL
        let status = child.wait().unwrap();
        assert!(!status.success());
        assert!(!out.exists(), "no table from a killed run");
        assert_eq!(
            held.batch_receptions(held.default_institution()).unwrap(),
            std::slice::from_ref(&reception)
        );
        reception
    };

    // The centre starts again on its own database and finishes the held batch; the same
    // command resumes the saved job instead of sending the list again.
    let c = centre(dir.path(), false);
    config(dir.path(), &c);
    let (code, err) = run(&mut batch(dir.path(), &input, &out));
    assert_eq!(code, 0, "stderr:\n{err}");
    assert!(
        err.contains(&format!("前回の一括照会（受付番号 {reception}）")),
        "{err}"
    );
    assert_eq!(
        c.batch_receptions(c.default_institution()).unwrap(),
        [reception],
        "no second batch at the centre"
    );
    let t = table(&out);
    assert_eq!(t.len(), 5, "header and every row: {t:?}");
    let kinds: Vec<_> = t[1..].iter().map(|r| r[9].as_str()).collect();
    assert_eq!(kinds, ["有効", "有効", "無効", "無効"]);
    assert_eq!(t[1][0], "1", "line numbers of a file without a header");

    // The same file again, now that its job is done, is a new batch (e.g. the next day).
    let (code, err) = run(&mut batch(dir.path(), &input, &out));
    assert_eq!(code, 0, "stderr:\n{err}");
    assert_eq!(
        c.batch_receptions(c.default_institution()).unwrap().len(),
        2
    );
}

#[test]
fn a_centre_out_of_reach_exits_3_and_the_next_run_sends_the_saved_job() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("list.csv");
    std::fs::write(&input, format!("{}\n", ROWS[0])).unwrap();
    let out = dir.path().join("out.csv");
    {
        // Settings that name a centre which has stopped: nothing listens on its port.
        let gone = centre(dir.path(), false);
        config(dir.path(), &gone);
    }
    let (code, err) = run(&mut batch(dir.path(), &input, &out));
    assert_eq!(code, 3, "stderr:\n{err}");
    assert!(err.contains("資格確認システムに接続できません"), "{err}");
    assert!(err.contains("続きから再開します"), "{err}");
    assert!(!out.exists());

    let c = centre(dir.path(), false);
    config(dir.path(), &c);
    let (code, err) = run(&mut batch(dir.path(), &input, &out));
    assert_eq!(code, 0, "stderr:\n{err}");
    assert!(err.contains("同じ識別子で送り直します"), "{err}");
    assert_eq!(table(&out)[1][9], "有効");
}

#[test]
fn lists_that_cannot_be_used_exit_8_and_send_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let c = centre(dir.path(), false);
    config(dir.path(), &c);
    let out = dir.path().join("out.csv");
    let missing = dir.path().join("none.csv");
    let (code, _) = run(&mut batch(dir.path(), &missing, &out));
    assert_eq!(code, 8);
    let all_bad = dir.path().join("bad.csv");
    std::fs::write(&all_bad, format!("{HEADER}\n{}\n", ROWS[4])).unwrap();
    let (code, err) = run(&mut batch(dir.path(), &all_bad, &out));
    assert_eq!(code, 8, "{err}");
    assert!(err.contains("2行目 保険者番号"), "{err}");
    assert!(!out.exists());
    assert!(
        c.batch_receptions(c.default_institution())
            .unwrap()
            .is_empty()
    );
}

#[test]
fn a_batch_the_centre_fails_exits_4_and_the_same_command_sends_it_anew() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("list.csv");
    std::fs::write(&input, format!("{}\n{}\n", ROWS[0], ROWS[1])).unwrap();
    let out = dir.path().join("out.csv");
    let c = centre(dir.path(), false);
    config(dir.path(), &c);
    c.set_faults(Faults {
        batch_fail_rate: 1.0,
        ..Faults::default()
    });
    let (code, err) = run(&mut batch(dir.path(), &input, &out));
    assert_eq!(code, 4, "stderr:\n{err}");
    assert!(err.contains("SIM-E0303"), "the centre's code:\n{err}");
    assert!(
        err.contains("新しい一括照会として送信します"),
        "what to do, in the config's language:\n{err}"
    );
    assert!(!out.exists());

    // The centre works again: the same command sends the list as a second batch.
    c.set_faults(Faults::default());
    let (code, err) = run(&mut batch(dir.path(), &input, &out));
    assert_eq!(code, 0, "stderr:\n{err}");
    assert_eq!(
        c.batch_receptions(c.default_institution()).unwrap().len(),
        2
    );
    assert_eq!(table(&out)[1][9], "有効");
}

#[test]
fn a_person_the_centre_answers_error_for_is_an_error_row_with_its_code() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("list.csv");
    std::fs::write(&input, format!("{}\n", ROWS[0])).unwrap();
    let out = dir.path().join("out.csv");
    let c = centre(dir.path(), false);
    config(dir.path(), &c);
    c.set_faults(Faults {
        person_error_rate: 1.0,
        ..Faults::default()
    });
    let (code, err) = run(&mut batch(dir.path(), &input, &out));
    // The batch itself went through: an エラー answer is a result.
    assert_eq!(code, 0, "stderr:\n{err}");
    let t = table(&out);
    assert_eq!(t[1][9], "エラー", "{t:?}");
    assert!(t[1].iter().any(|c| c.contains("SIM-E0199")), "{t:?}");
}

#[test]
fn a_changed_insurer_and_every_invalid_row_say_what_to_do_at_reception_in_the_export() {
    // 伊藤 誠's old 国保 card (he joined 協会けんぽ on 2026-04-01), and a lost qualification.
    let t = answered_table(&["伊藤　誠,011015,札中,2201,00,1975-09-30", ROWS[2]]);
    assert_eq!(t.len(), 3, "{t:?}");
    assert_eq!(t[1][9], "無効");
    assert!(
        t[1][10].starts_with("無効（新しい資格あり）: 保険が変わっています"),
        "{:?}",
        t[1]
    );
    // The centre's numbers are the new insurer's: the list's differ, and the row says which.
    assert_eq!(
        t[1][11],
        "保険情報が変わっていないか確認してください（資格確認システムの保険者番号・記号・番号が名簿と異なります）。",
        "{:?}",
        t[1]
    );
    assert_eq!(t[2][11], "", "the same numbers: nothing to follow up");
    assert_eq!(t[2][9], "無効");
    assert!(t[2][10].starts_with("資格喪失（2026-09-01"), "{:?}", t[2]);
    assert!(
        t[2][10].ends_with("来院時に受付で資格を確認してください。"),
        "{:?}",
        t[2]
    );
}

fn dashed(d: time::Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

/// central-sim on a copy of the seed in which 岡田 守 (lost-welfare) loses his 国保 on `lost`
/// instead of the seed's day (already past by the real clock, and past days are refused).
fn centre_with_loss_on(dir: &Path, lost: time::Date) -> RunningCentre {
    let seed = dir.join("seed");
    std::fs::create_dir_all(&seed).unwrap();
    let assets = Path::new(env!("CARGO_MANIFEST_DIR")).join("../assets/sim");
    for e in std::fs::read_dir(&assets).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), seed.join(e.file_name())).unwrap();
    }
    let people = std::fs::read_to_string(seed.join("people.toml")).unwrap();
    let seeded = "lost = \"2026-09-01\"";
    assert_eq!(
        people.matches(seeded).count(),
        1,
        "岡田 守's loss in the seed"
    );
    std::fs::write(
        seed.join("people.toml"),
        people.replace(seeded, &format!("lost = \"{}\"", dashed(lost))),
    )
    .unwrap();
    let mut cfg = simulators::centre::Config::new(dir);
    cfg.seed_dir = seed;
    Server::start(cfg).unwrap()
}

#[test]
fn each_row_is_checked_for_its_appointment_day_one_upload_per_day() {
    let dir = tempfile::tempdir().unwrap();
    let today = onshi_desk::time::today();
    let day = time::Duration::days(1);
    let before: time::Date = today + day;
    let lost: time::Date = today + day * 3;
    let after: time::Date = today + day * 5;
    let c = centre_with_loss_on(dir.path(), lost);
    config(dir.path(), &c);
    let okada = "岡田　守,271015,北,9001,00,1970-07-07";
    let list = format!(
        "{HEADER},予約日\n\
         {okada},{}\n\
         {okada},{}\n\
         {},\n\
         {},{}\n\
         {},2026/13/01\n",
        dashed(before),
        after.to_string().replace('-', "/"),
        ROWS[0],
        ROWS[1],
        dashed(today - day),
        ROWS[0],
    );
    let input = dir.path().join("予約.csv");
    std::fs::write(&input, list).unwrap();
    let out = dir.path().join("結果.csv");
    let mut cmd = batch(dir.path(), &input, &out);
    cmd.args(["--date", &dashed(after)]);
    let (code, err) = run(&mut cmd);
    // Two rows refused at import (a past day, a day that does not exist): exit 1.
    assert_eq!(code, 1, "stderr:\n{err}");
    assert!(err.contains("5行目 予約日: 予約日が過ぎています"), "{err}");
    assert!(
        err.contains("6行目 予約日: 予約日が日付として読めません"),
        "{err}"
    );
    // One upload per 資格確認日: the day before the loss, and the day after it.
    assert_eq!(
        c.batch_receptions(c.default_institution()).unwrap().len(),
        2,
        "{err}"
    );
    let t = table(&out);
    assert_eq!(t.len(), 6, "{t:?}");
    let seen: Vec<_> = t[1..]
        .iter()
        .map(|r| (r[8].as_str(), r[9].as_str()))
        .collect();
    let (b, a) = (dashed(before), dashed(after));
    assert_eq!(
        seen,
        [
            (b.as_str(), "有効"),
            (a.as_str(), "無効"),
            // No 予約日 of its own: the --date day.
            (a.as_str(), "有効"),
            ("", "エラー"),
            ("", "エラー"),
        ],
        "{t:?}"
    );
    assert!(
        t[2][10].starts_with(&format!("資格喪失（{}", dashed(lost))),
        "{:?}",
        t[2]
    );

    // A --date already past is refused before anything is read or sent.
    let mut cmd = batch(dir.path(), &input, &out);
    cmd.args(["--date", &dashed(today - day)]);
    let (code, err) = run(&mut cmd);
    assert_eq!(code, 2, "stderr:\n{err}");
    assert!(err.contains("過ぎた日"), "{err}");
    assert_eq!(
        c.batch_receptions(c.default_institution()).unwrap().len(),
        2
    );
}

#[test]
fn a_two_day_batch_killed_after_its_first_upload_resumes_it_and_sends_the_other_day() {
    let dir = tempfile::tempdir().unwrap();
    let day = time::Duration::days(1);
    let (first, second) = (
        onshi_desk::time::today() + day,
        onshi_desk::time::today() + day * 2,
    );
    let input = dir.path().join("list.csv");
    std::fs::write(
        &input,
        format!(
            "{HEADER},予約日\n{},{}\n{},{}\n",
            ROWS[0],
            dashed(second),
            ROWS[1],
            dashed(first)
        ),
    )
    .unwrap();
    let out = dir.path().join("out.csv");
    // The centre holds the first day's batch, so the command waits on it and is killed.
    let reception = {
        let held = centre(dir.path(), true);
        config(dir.path(), &held);
        let mut child = batch(dir.path(), &input, &out)
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
        let reception = loop {
            let line = lines
                .next()
                .expect("the command ended before printing its 受付番号")
                .unwrap();
            if let Some(r) = line.strip_prefix("受付番号 ") {
                break r.trim().to_string();
            }
        };
        child.kill().unwrap();
        child.wait().unwrap();
        assert_eq!(
            held.batch_receptions(held.default_institution()).unwrap(),
            std::slice::from_ref(&reception),
            "one day sent before the kill"
        );
        reception
    };
    let c = centre(dir.path(), false);
    config(dir.path(), &c);
    let (code, err) = run(&mut batch(dir.path(), &input, &out));
    assert_eq!(code, 0, "stderr:\n{err}");
    assert!(
        err.contains(&format!("前回の一括照会（受付番号 {reception}）")),
        "{err}"
    );
    let receptions = c.batch_receptions(c.default_institution()).unwrap();
    assert_eq!(receptions.len(), 2, "the other day only: {receptions:?}");
    assert!(receptions.contains(&reception));
    let t = table(&out);
    let seen: Vec<_> = t[1..]
        .iter()
        .map(|r| (r[8].clone(), r[9].as_str()))
        .collect();
    assert_eq!(
        seen,
        [(dashed(second), "有効"), (dashed(first), "有効")],
        "{t:?}"
    );
}

#[test]
fn a_row_whose_limit_certificate_changed_says_to_check_it_and_the_others_do_not() {
    // 山﨑 トメ: central-sim says her 限度額適用認定証 information changed.
    let t = answered_table(&["山﨑　トメ,39261003,,00012345,,1944-03-10", ROWS[0]]);
    assert_eq!(t.len(), 3, "{t:?}");
    assert_eq!(t[1][9], "有効", "{:?}", t[1]);
    assert_eq!(
        t[1][11],
        "限度額適用認定証の情報が変わっています（または判定できません）。受付で確認してください。",
        "{:?}",
        t[1]
    );
    assert_eq!(t[2][9], "有効", "{:?}", t[2]);
    assert_eq!(t[2][11], "", "no change: nothing to follow up");
}

/// Sends a list with these rows (after the header) through `onshi batch` against a fresh
/// central-sim, expects it to finish, and returns the exported table.
fn answered_table(rows: &[&str]) -> Vec<Vec<String>> {
    let dir = tempfile::tempdir().unwrap();
    let c = centre(dir.path(), false);
    config(dir.path(), &c);
    let input = dir.path().join("予約.csv");
    std::fs::write(&input, format!("{HEADER}\n{}\n", rows.join("\n"))).unwrap();
    let out = dir.path().join("結果.csv");
    let (code, err) = run(&mut batch(dir.path(), &input, &out));
    assert_eq!(code, 0, "stderr:\n{err}");
    table(&out)
}
