//! The headless commands as a script runs them: the built `onshi` binary against central-sim
//! over real TLS on loopback, with a real history file. Each exit status of `onshi::cli::exit`
//! that a check or a search can give is produced here once, with what the person reads.

use crate::common;

use onshi::cli::exit;
use simulators::centre::{Faults, RunningCentre, Server};
use std::path::{Path, PathBuf};
use std::process::Command;

fn centre(dir: &Path) -> RunningCentre {
    let mut cfg = simulators::centre::Config::new(dir.join("centre"));
    // The seed's dates (qualifications lost on 2026-10-01) keep their meaning on a fixed day.
    cfg.now = Some(time::macros::datetime!(2026-11-23 10:00 +09:00));
    Server::start(cfg).unwrap()
}

/// A config for `centre` (or `url` instead of its address) with the history in `dir`.
fn config(dir: &Path, centre: &RunningCentre, lang: &str, url: Option<&str>) -> PathBuf {
    let file = format!("config-{lang}.toml");
    let desk = common::Desk {
        lang,
        file: &file,
        url,
        ..Default::default()
    };
    common::write_config(dir, centre, &desk)
}

struct Run {
    code: u8,
    out: String,
    err: String,
}

fn onshi(config: &Path, args: &[&str]) -> Run {
    let o = Command::new(env!("CARGO_BIN_EXE_onshi"))
        .arg("--config")
        .arg(config)
        .args(args)
        .env_remove("RUST_LOG")
        .output()
        .unwrap();
    Run {
        code: u8::try_from(o.status.code().expect("exited, not killed")).unwrap(),
        out: String::from_utf8(o.stdout).unwrap(),
        err: String::from_utf8(o.stderr).unwrap(),
    }
}

const ADULT: &[&str] = &[
    "check",
    "--insurer",
    "01130012",
    "--symbol",
    "1234567",
    "--number",
    "12",
    "--branch",
    "00",
    "--birth",
    "1980-02-17",
];

fn json(s: &str) -> serde_json::Value {
    serde_json::from_str(s).unwrap_or_else(|e| panic!("not JSON ({e}): {s}"))
}

#[test]
fn a_valid_card_prints_the_person_exits_0_and_is_in_todays_history() {
    let dir = tempfile::tempdir().unwrap();
    let c = centre(dir.path());
    let cfg = config(dir.path(), &c, "ja", None);

    let r = onshi(&cfg, &[ADULT, &["--limit-consent"]].concat());
    assert_eq!(r.code, exit::OK, "stdout: {}\nstderr: {}", r.out, r.err);
    assert!(r.out.contains("結果: 有効"), "{}", r.out);
    assert!(r.out.contains("氏名: 試験　花子"), "{}", r.out);
    assert!(r.out.contains("負担割合: 3割"), "{}", r.out);
    assert!(r.out.contains("限度額適用区分: A03"), "{}", r.out);
    assert!(r.out.contains("限度額 同意あり"), "{}", r.out);
    assert!(r.err.is_empty(), "nothing on stderr: {}", r.err);

    // The same check as JSON, then both in today's history, newest first.
    let r = onshi(&cfg, &[ADULT, &["--json"]].concat());
    assert_eq!(r.code, exit::OK, "{}", r.err);
    let v = json(&r.out);
    assert_eq!(v["outcome"], "valid");
    assert_eq!(v["method"], "insurance-card");
    assert_eq!(v["person"]["name_kana"], "ｼｹﾝ ﾊﾅｺ");
    assert_eq!(v["person"]["birth_date"], "1980-02-17");
    assert!(
        v["person"]["limit_category"].is_null(),
        "no 限度額 without consent"
    );
    let second_id = v["id"].as_i64().unwrap();

    let r = onshi(&cfg, &["history", "--json"]);
    assert_eq!(r.code, exit::OK, "{}", r.err);
    let list = json(&r.out);
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(list[0]["id"].as_i64(), Some(second_id));
    assert_eq!(list[1]["person"]["limit_category"], "A03");

    // By kana, in hiragana; by outcome; the file is where the config says.
    let r = onshi(&cfg, &["history", "--kana", "しけん", "--outcome", "valid"]);
    assert_eq!(r.code, exit::OK, "{}", r.err);
    assert_eq!(r.out.lines().count(), 2, "{}", r.out);
    assert!(
        r.out.contains("試験　花子") && r.out.contains("有効"),
        "{}",
        r.out
    );
    let r = onshi(&cfg, &["history", "--kana", "すずき"]);
    assert_eq!(r.out.trim(), "該当する照会履歴はありません。");
    assert!(dir.path().join("history.sqlite").is_file());
}

#[test]
fn invalid_not_found_and_multiple_have_their_exit_statuses() {
    let dir = tempfile::tempdir().unwrap();
    let c = centre(dir.path());
    let cfg = config(dir.path(), &c, "ja", None);
    let check = |ins: &str, sym: &str, num: &str, br: &str, birth: &str| {
        onshi(
            &cfg,
            &[
                "check",
                "--insurer",
                ins,
                "--symbol",
                sym,
                "--number",
                num,
                "--branch",
                br,
                "--birth",
                birth,
            ],
        )
    };

    // Lost at 生活保護受給開始: 無効.
    let r = check("271015", "北", "9001", "00", "1970-07-07");
    assert_eq!(r.code, exit::INVALID, "{}\n{}", r.out, r.err);
    assert!(r.out.contains("結果: 無効"), "{}", r.out);
    // Right numbers, wrong birth date: 該当資格なし, also 1, with what to do.
    let r = check("01130012", "1234567", "12", "00", "1980-02-18");
    assert_eq!(r.code, exit::INVALID, "{}\n{}", r.out, r.err);
    assert!(r.out.contains("該当資格なし"), "{}", r.out);
    // Twins without 枝番: 複数該当.
    let r = check("06270011", "8", "515", "", "2010-10-10");
    assert_eq!(r.code, exit::MULTIPLE, "{}\n{}", r.out, r.err);
    assert!(r.out.contains("枝番を入力"), "{}", r.out);

    let r = onshi(&cfg, &["history", "--outcome", "invalid", "--json"]);
    let v = json(&r.out);
    let reasons: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["reason_code"].as_str().unwrap())
        .collect();
    assert_eq!(reasons.len(), 2, "{v:#}");
    assert_eq!(reasons[0], "not-found");
    assert!(reasons[1].starts_with("loss-"), "{reasons:?}");
    let r = onshi(&cfg, &["history", "--outcome", "error", "--json"]);
    assert_eq!(json(&r.out)[0]["reason_code"], "multiple");
}

#[test]
fn a_bad_check_digit_is_a_usage_error_named_in_the_configs_language_and_not_sent() {
    let dir = tempfile::tempdir().unwrap();
    let c = centre(dir.path());
    let ja = config(dir.path(), &c, "ja", None);
    let en = config(dir.path(), &c, "en", None);
    let mut args = ADULT.to_vec();
    args[2] = "01130013";

    let r = onshi(&ja, &args);
    assert_eq!(r.code, exit::USAGE);
    assert!(
        r.err.contains("保険者番号の検証番号が一致しません"),
        "{}",
        r.err
    );
    assert!(r.out.is_empty());
    let r = onshi(&en, &args);
    assert_eq!(r.code, exit::USAGE);
    assert!(
        r.err
            .contains("insurer number's check digit does not match"),
        "{}",
        r.err
    );

    // Nothing was asked, so nothing was stored.
    let r = onshi(&ja, &["history", "--json"]);
    assert_eq!(json(&r.out), serde_json::json!([]));
}

#[test]
fn an_unreachable_centre_exits_3_and_the_attempt_is_stored_as_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let c = centre(dir.path());
    // A port that was free a moment ago: nothing listens there.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let url = format!("https://127.0.0.1:{port}");
    let cfg = config(dir.path(), &c, "ja", Some(&url));
    let r = onshi(&cfg, ADULT);
    assert_eq!(r.code, exit::CENTRE, "{}\n{}", r.out, r.err);
    assert!(
        r.err.contains("資格確認システムに接続できません"),
        "{}",
        r.err
    );
    let r = onshi(&cfg, &["history", "--outcome", "error", "--json"]);
    let v = json(&r.out);
    assert_eq!(v[0]["reason_code"], "unreachable", "{v:#}");
    // The typed numbers are kept so the clerk sees which check failed.
    assert_eq!(v[0]["person"]["card_number"], "12");
    assert!(v[0]["person"]["name"].is_null());
}

#[test]
fn usage_config_and_history_troubles_have_their_exit_statuses() {
    let dir = tempfile::tempdir().unwrap();
    let c = centre(dir.path());
    let cfg = config(dir.path(), &c, "ja", None);

    let r = onshi(&cfg, &["history", "--from", "2026-13-01"]);
    assert_eq!(r.code, exit::USAGE);
    assert!(
        r.err.contains("2026-13-01 は日付ではありません"),
        "{}",
        r.err
    );
    let r = onshi(&cfg, &["history", "--today", "--from", "2026-11-01"]);
    assert_eq!(
        r.code,
        exit::USAGE,
        "--today and --from conflict: {}",
        r.err
    );
    let r = onshi(&cfg, &["check", "--insurer", "01130012"]);
    assert_eq!(r.code, exit::USAGE, "missing arguments: {}", r.err);

    let missing = dir.path().join("nowhere.toml");
    let r = onshi(&missing, &["history"]);
    assert_eq!(r.code, exit::USAGE);
    assert!(r.err.contains("nowhere.toml"), "{}", r.err);

    // A history path under a plain file cannot be created.
    let blocker = dir.path().join("blocker");
    std::fs::write(&blocker, b"").unwrap();
    let text = std::fs::read_to_string(&cfg).unwrap().replace(
        "path = \"history.sqlite\"",
        "path = \"blocker/history.sqlite\"",
    );
    let bad = dir.path().join("bad-history.toml");
    std::fs::write(&bad, text).unwrap();
    let r = onshi(&bad, &["history"]);
    assert_eq!(r.code, exit::HISTORY, "{}", r.err);
    assert!(r.err.contains("照会履歴のフォルダー"), "{}", r.err);
    let r = onshi(&bad, ADULT);
    assert_eq!(
        r.code,
        exit::HISTORY,
        "a check that cannot be recorded is not made"
    );
    assert!(r.out.is_empty(), "{}", r.out);

    // Dates: the day range includes both ends.
    let r = onshi(&cfg, ADULT);
    assert_eq!(r.code, exit::OK, "{}", r.err);
    let r = onshi(
        &cfg,
        &[
            "history",
            "--from",
            "2000-01-01",
            "--to",
            "2000-12-31",
            "--json",
        ],
    );
    assert_eq!(json(&r.out), serde_json::json!([]));
    let r = onshi(&cfg, &["history", "--from", "2000-01-01", "--json"]);
    assert_eq!(json(&r.out).as_array().unwrap().len(), 1);
}

#[test]
fn a_check_the_centre_refuses_exits_3_with_its_code_and_is_stored_as_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let c = centre(dir.path());
    // The clinic's certificate, but another institution's code in the request: the centre
    // refuses it (SIM-E0003) instead of answering for the person.
    let cfg = config(dir.path(), &c, "ja", None);
    let other = "1340100013";
    assert_ne!(c.default_institution(), other);
    let text = std::fs::read_to_string(&cfg).unwrap().replace(
        &format!("code = {:?}", c.default_institution()),
        &format!("code = {other:?}"),
    );
    let cfg = dir.path().join("refused.toml");
    std::fs::write(&cfg, text).unwrap();
    let r = onshi(&cfg, ADULT);
    assert_eq!(r.code, exit::CENTRE, "{}\n{}", r.out, r.err);
    assert!(
        r.err
            .contains("資格確認システムが要求を受け付けませんでした")
            && r.err.contains("SIM-E0003"),
        "{}",
        r.err
    );
    let r = onshi(&cfg, &["history", "--outcome", "error", "--json"]);
    assert_eq!(r.code, exit::OK, "{}", r.err);
    let v = json(&r.out);
    assert_eq!(v[0]["reason_code"], "SIM-E0003", "{v:#}");
    assert_eq!(v[0]["method"], "insurance-card");
}

#[test]
fn a_person_the_centre_answers_error_for_exits_4_with_its_code_and_message() {
    let dir = tempfile::tempdir().unwrap();
    let c = centre(dir.path());
    // The request is fine; the centre cannot read this one person's record.
    c.set_faults(Faults {
        person_error_rate: 1.0,
        ..Faults::default()
    });
    let cfg = config(dir.path(), &c, "ja", None);
    let r = onshi(&cfg, ADULT);
    assert_eq!(r.code, exit::CHECK_ERROR, "{}\n{}", r.out, r.err);
    let said = format!("{}{}", r.out, r.err);
    assert!(
        said.contains("SIM-E0199") && said.contains("資格情報を読み出せませんでした"),
        "{said}"
    );
    let r = onshi(&cfg, &["history", "--outcome", "error", "--json"]);
    let v = json(&r.out);
    assert_eq!(v[0]["reason_code"], "SIM-E0199", "{v:#}");
}

/// `onshi ARGS` with `input` on its standard input.
fn onshi_stdin(config: &Path, args: &[&str], input: &str) -> Run {
    use std::io::Write as _;
    let mut child = Command::new(env!("CARGO_BIN_EXE_onshi"))
        .arg("--config")
        .arg(config)
        .args(args)
        .env_remove("RUST_LOG")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // A command that refuses its arguments may exit before reading: a closed pipe is fine.
    let _ = child.stdin.take().unwrap().write_all(input.as_bytes());
    let o = child.wait_with_output().unwrap();
    Run {
        code: u8::try_from(o.status.code().expect("exited, not killed")).unwrap(),
        out: String::from_utf8(o.stdout).unwrap(),
        err: String::from_utf8(o.stderr).unwrap(),
    }
}

const ADULT_JSON: &str = r#"{"insurer": "01130012", "symbol": "1234567", "number": "12",
  "branch": "00", "birth": "1980-02-17", "limit_consent": true}"#;

#[test]
fn check_stdin_reads_the_request_as_json_so_no_number_is_on_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let c = centre(dir.path());
    let cfg = config(dir.path(), &c, "ja", None);

    let r = onshi_stdin(&cfg, &["check", "--stdin", "--json"], ADULT_JSON);
    assert_eq!(r.code, exit::OK, "stdout: {}\nstderr: {}", r.out, r.err);
    let v = json(&r.out);
    assert_eq!(v["outcome"], "valid");
    assert_eq!(v["person"]["name_kana"], "ｼｹﾝ ﾊﾅｺ");
    assert_eq!(
        v["person"]["limit_category"], "A03",
        "limit_consent was read"
    );
    // 記号 and 枝番 may be left out, as with the flags; the text output works too.
    let r = onshi_stdin(
        &cfg,
        &["check", "--stdin"],
        r#"{"insurer":"06270011","symbol":"8","number":"515","birth":"20101010"}"#,
    );
    assert_eq!(r.code, exit::MULTIPLE, "{}\n{}", r.out, r.err);

    // What is wrong with the request is said, and nothing is sent or stored.
    let r = onshi_stdin(&cfg, &["check", "--stdin"], "insurer=01130012");
    assert_eq!(r.code, exit::USAGE, "{}", r.err);
    assert!(r.err.contains("JSON"), "{}", r.err);
    let r = onshi_stdin(
        &cfg,
        &["check", "--stdin"],
        &ADULT_JSON.replace("\"number\"", "\"numbr\""),
    );
    assert_eq!(r.code, exit::USAGE, "{}", r.err);
    assert!(
        r.err.contains("numbr"),
        "the unknown key is named: {}",
        r.err
    );
    let r = onshi_stdin(
        &cfg,
        &["check", "--stdin"],
        &ADULT_JSON.replace("\"12\"", "12"),
    );
    assert_eq!(
        r.code,
        exit::USAGE,
        "a number where text belongs: {}",
        r.err
    );
    let r = onshi_stdin(
        &cfg,
        &["check", "--stdin"],
        &ADULT_JSON.replace("01130012", "01130013"),
    );
    assert_eq!(r.code, exit::USAGE);
    assert!(
        r.err.contains("保険者番号の検証番号が一致しません"),
        "{}",
        r.err
    );
    // Either the flags or stdin, not both.
    let r = onshi_stdin(&cfg, &["check", "--stdin", "--number", "12"], ADULT_JSON);
    assert_eq!(r.code, exit::USAGE, "{}", r.err);
    let r = onshi(&cfg, &["history", "--json"]);
    assert_eq!(json(&r.out).as_array().unwrap().len(), 2, "{}", r.out);

    // The help recommends it, lists its keys and keeps the one exit-status table.
    let r = onshi(&cfg, &["check", "--help"]);
    for want in ["--stdin", "recommended", "limit_consent", "Exit status"] {
        assert!(r.out.contains(want), "{want}: {}", r.out);
    }
}

#[test]
fn a_dev_section_outside_the_simulators_stops_the_desk_before_any_window() {
    let dir = tempfile::tempdir().unwrap();
    let c = centre(dir.path());
    std::fs::create_dir(dir.path().join("feeds")).unwrap();
    // A production desk's reader, and a [dev] section that would point the face check at
    // recorded frames.
    let desk = common::Desk {
        file: "dev.toml",
        extra: "[reader]\nname = \"ACS ACR1252 1S CL Reader [ACR1252 Reader] 00 00\"\n\
                [dev]\ncontrol = \"card.sock\"\nfeeds = \"feeds\"\n",
        ..Default::default()
    };
    let cfg = common::write_config(dir.path(), &c, &desk);
    // No subcommand: the desk itself. No display is needed to be refused.
    let o = Command::new(env!("CARGO_BIN_EXE_onshi"))
        .arg("--config")
        .arg(&cfg)
        .env_remove("RUST_LOG")
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(exit::USAGE.into()), "{err}");
    assert!(err.contains("[dev]") && err.contains("dev.toml"), "{err}");
    // The commands share the settings: they refuse them too.
    let r = onshi(&cfg, ADULT);
    assert_eq!(r.code, exit::USAGE, "{}", r.err);
    assert!(r.err.contains("[dev]"), "{}", r.err);
}

/// 伊藤 誠's old 国保 card (札幌市), lost on 2026-04-01 when he joined 協会けんぽ.
const OLD_CARD: &[&str] = &[
    "check",
    "--insurer",
    "011015",
    "--symbol",
    "札中",
    "--number",
    "2201",
    "--branch",
    "00",
    "--birth",
    "1975-09-30",
];

#[test]
fn check_date_asks_for_the_eligibility_on_that_day_and_a_changed_insurer_is_said_as_such() {
    let dir = tempfile::tempdir().unwrap();
    let c = centre(dir.path());
    let cfg = config(dir.path(), &c, "ja", None);

    // Today the old card is 無効（新しい資格あり）, with what to do about it.
    let r = onshi(&cfg, OLD_CARD);
    assert_eq!(r.code, exit::INVALID, "{}\n{}", r.out, r.err);
    assert!(r.out.contains("結果: 無効（新しい資格あり）"), "{}", r.out);
    assert!(r.out.contains("新しい保険証・資格確認書"), "{}", r.out);
    assert!(
        !r.out.contains("資格確認日"),
        "today is not announced: {}",
        r.out
    );
    // On a day before the change (a returned claim of March) it was 有効.
    let r = onshi(&cfg, &[OLD_CARD, &["--date", "2026-03-31"]].concat());
    assert_eq!(r.code, exit::OK, "{}\n{}", r.out, r.err);
    assert!(r.out.contains("結果: 有効"), "{}", r.out);
    assert!(r.out.contains("保険者名: 札幌市"), "{}", r.out);
    assert!(r.out.contains("資格確認日: 2026-03-31"), "{}", r.out);
    // The day the new qualification starts, the old card is no longer valid.
    let r = onshi(
        &cfg,
        &[OLD_CARD, &["--date", "2026-04-01", "--json"]].concat(),
    );
    assert_eq!(r.code, exit::INVALID, "{}", r.err);
    let v = json(&r.out);
    assert_eq!(v["validity"], "3", "{v:#}");
    assert_eq!(v["as_of"], "2026-04-01");
    assert_eq!(v["reason_code"], "new-qualification");

    // 岡田 守 lost his 国保 on 2026-09-01 (生活保護): 有効 the day before, by --stdin's date.
    let okada = r#"{"insurer":"271015","symbol":"北","number":"9001","branch":"00","birth":"1970-07-07","date":"2026-08-31"}"#;
    let r = onshi_stdin(&cfg, &["check", "--stdin", "--json"], okada);
    assert_eq!(r.code, exit::OK, "{}\n{}", r.out, r.err);
    assert_eq!(json(&r.out)["as_of"], "2026-08-31");
    let r = onshi_stdin(
        &cfg,
        &["check", "--stdin"],
        &okada.replace("2026-08-31", "2026-09-01"),
    );
    assert_eq!(r.code, exit::INVALID, "{}\n{}", r.out, r.err);
    assert!(r.out.contains("結果: 無効"), "{}", r.out);
    assert!(!r.out.contains("新しい資格あり"), "no newer one: {}", r.out);

    // A day that is not one is a usage error, said, and nothing is sent or stored.
    let before = json(&onshi(&cfg, &["history", "--json"]).out)
        .as_array()
        .unwrap()
        .len();
    let r = onshi(&cfg, &[OLD_CARD, &["--date", "2026-02-30"]].concat());
    assert_eq!(r.code, exit::USAGE, "{}", r.err);
    assert!(
        r.err.contains("2026-02-30 は日付ではありません"),
        "{}",
        r.err
    );
    let after = json(&onshi(&cfg, &["history", "--json"]).out)
        .as_array()
        .unwrap()
        .len();
    assert_eq!(before, 5);
    assert_eq!(after, before, "a refused check is not stored");
    // The history keeps the new-qualification outcome in its words.
    let r = onshi(&cfg, &["history", "--kana", "いとう"]);
    assert!(r.out.contains("無効"), "{}", r.out);

    let r = onshi(&cfg, &["check", "--help"]);
    assert!(r.out.contains("--date"), "{}", r.out);
    assert!(r.out.contains("date           資格確認日"), "{}", r.out);
}

#[test]
fn a_medical_assistance_check_prints_and_stores_the_welfare_part_and_an_unregistered_ticket_is_said()
 {
    let dir = tempfile::tempdir().unwrap();
    let c = centre(dir.path());
    let cfg = config(dir.path(), &c, "ja", None);
    let check = |ins: &str, num: &str, birth: &str, more: &[&str]| {
        let args = [
            &[
                "check",
                "--insurer",
                ins,
                "--number",
                num,
                "--birth",
                birth,
                "--date",
                "2026-11-23",
            ][..],
            more,
        ]
        .concat();
        onshi(&cfg, &args)
    };

    // 岡田 守 on 医療扶助 since 2026-09-01, this month's 医療券 registered.
    let r = check("12271011", "1234566", "1970-07-07", &[]);
    assert_eq!(r.code, exit::OK, "{}\n{}", r.out, r.err);
    assert!(r.out.contains("結果: 有効"), "{}", r.out);
    assert!(r.out.contains("公費負担者番号: 12271011"), "{}", r.out);
    assert!(r.out.contains("受給者番号: 1234566"), "{}", r.out);
    assert!(
        r.out.contains("福祉事務所: 大阪市北区保健福祉センター"),
        "{}",
        r.out
    );
    assert!(
        r.out
            .contains("医療券: 交付番号 0001234（2026-11-01〜2026-11-30）"),
        "{}",
        r.out
    );
    // Stored: the history gives the same back.
    let r = onshi(&cfg, &["history", "--kana", "おかだ", "--json"]);
    let v = json(&r.out);
    let p = &v[0]["person"];
    assert_eq!(p["public_expense_number"], "12271011", "{v:#}");
    assert_eq!(p["beneficiary_number"], "1234566");
    assert_eq!(p["welfare_office"], "大阪市北区保健福祉センター");
    assert_eq!(p["medical_ticket"]["issue_number"], "0001234");
    assert_eq!(p["medical_ticket"]["valid_until"], "2026-11-30");

    // 石井 和子: the 福祉事務所 has not registered her 医療券 yet.
    let r = check("12131017", "7654320", "1958-12-24", &[]);
    assert_eq!(r.code, exit::OK, "{}\n{}", r.out, r.err);
    assert!(r.out.contains("結果: 有効（未登録）"), "{}", r.out);
    assert!(r.out.contains("未委託・未登録"), "{}", r.out);
    assert!(
        r.out.contains("福祉事務所: 千代田区福祉事務所"),
        "{}",
        r.out
    );
    assert!(!r.out.contains("医療券: "), "no ticket: {}", r.out);
    let r = check("12131017", "7654320", "1958-12-24", &["--json"]);
    let v = json(&r.out);
    assert_eq!(v["validity"], "6");
    assert_eq!(v["reason_code"], "unregistered");
    assert!(v["person"]["medical_ticket"].is_null(), "{v:#}");
}

#[test]
fn the_history_json_carries_the_patients_prescription_choice() {
    use onshi_desk::history::{CheckRecord, History, Method, Outcome, Person};
    let dir = tempfile::tempdir().unwrap();
    let c = centre(dir.path());
    let cfg = config(dir.path(), &c, "ja", None);
    // A card visit where the patient chose 電子処方箋, as the desk stores it.
    History::open(&dir.path().join("history.sqlite"))
        .unwrap()
        .record(&CheckRecord {
            at: time::macros::datetime!(2026-12-05 10:00 +09:00),
            method: Method::CardPin,
            outcome: Outcome::Valid,
            reason_code: None,
            reason_message: None,
            person: Person {
                name: Some("試験　花子".into()),
                prescription_issue: Some("1".into()),
                ..Person::default()
            },
            consents: Vec::new(),
        })
        .unwrap();
    let r = onshi(&cfg, &["history", "--json"]);
    assert_eq!(r.code, exit::OK, "{}", r.err);
    // 1 = 電子処方箋, as in the centre's and the face file's PrescriptionIssueSelect.
    assert_eq!(json(&r.out)[0]["person"]["prescription_issue"], "1");
}
