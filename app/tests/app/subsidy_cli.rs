//! `onshi subsidy` as a script runs it: the built binary, real CSV files on disk, no settings
//! file (the language comes from `LANG`). Each exit status it can give (0, 2, 8) is produced
//! here, with what the person reads and the `--json` a script reads.

use onshi::cli::exit;
use std::path::Path;
use std::process::Command;

struct Run {
    code: u8,
    out: String,
    err: String,
}

fn onshi(home: &Path, lang: &str, args: &[&str]) -> Run {
    let o = Command::new(env!("CARGO_BIN_EXE_onshi"))
        .arg("subsidy")
        .args(args)
        // No settings file: the command needs none.
        .env("XDG_CONFIG_HOME", home)
        .env("HOME", home)
        .env_remove("LC_ALL")
        .env("LANG", lang)
        .env_remove("RUST_LOG")
        .output()
        .unwrap();
    Run {
        code: u8::try_from(o.status.code().expect("exited, not killed")).unwrap(),
        out: String::from_utf8(o.stdout).unwrap(),
        err: String::from_utf8(o.stderr).unwrap(),
    }
}

fn json(s: &str) -> serde_json::Value {
    serde_json::from_str(s).unwrap_or_else(|e| panic!("not JSON ({e}): {s}"))
}

const HEADER: &str = "薬局ID,指定日,遡及前指定日,2020-03,2020-04,2020-05,2020-06,2020-07,2020-08,2020-09,2020-10,2020-11,2020-12,2021-01,2021-02";

/// A group of two pharmacies designated long ago whose monthly counts sum to `sum` (the
/// second pharmacy takes 10,000 a month; `sum - 10,000` is spread over the first's 12 months).
fn group_csv(dir: &Path, name: &str, sum_times_12: u64) -> std::path::PathBuf {
    let first = sum_times_12 - 120_000;
    let mut months = [first / 12; 12];
    months[11] += first % 12;
    let cells: Vec<String> = months.iter().map(u64::to_string).collect();
    let text = format!(
        "{HEADER}\r\n本店,2010-04-01,,{}\r\n駅前,2012-06-15,,{}\r\n",
        cells.join(","),
        ["10000"; 12].join(",")
    );
    let path = dir.join(name);
    // Shift_JIS, as Excel saves a CSV on a Japanese desktop.
    let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode(&text);
    std::fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn a_clinic_prints_the_amount_and_every_line_with_its_rule() {
    let home = tempfile::tempdir().unwrap();
    let r = onshi(
        home.path(),
        "ja_JP.UTF-8",
        &["--facility", "clinic", "--cost", "429,000"],
    );
    assert_eq!(r.code, exit::OK, "stdout: {}\nstderr: {}", r.out, r.err);
    assert_eq!(r.out.lines().next(), Some("補助額の見込み: 321,000円"));
    for line in [
        "[実施要領 第3の3] 診療所: 別表3（診療所又は大型チェーン薬局以外の薬局）を適用",
        "[実施要領 別表3] 補助率: 3/4",
        "[実施要領 別表3] 補助限度額: 321,000円（事業額 429,000円 に補助率 3/4 を乗じた額）",
        "[実施要領 第3の4(1)] 総事業費 × 補助率: 429,000円 × 3/4 = 321,750円",
        "[実施要領 別表3] 顔認証付きカードリーダー 1台を無償で提供",
        "[実施要領 第2の1(2)] カードリーダーを購入する費用は、１台 99,000円 以下のものに限り補助の対象です",
        "[実施要領 第14] 補助金の申請: 令和5年（2023年）6月30日まで",
    ] {
        assert!(r.out.contains(line), "{line}\n{}", r.out);
    }
    assert!(r.err.is_empty(), "{}", r.err);
}

#[test]
fn json_gives_scripts_the_amount_in_yen() {
    let home = tempfile::tempdir().unwrap();
    let r = onshi(
        home.path(),
        "C",
        &[
            "--facility",
            "hospital",
            "--readers",
            "3",
            "--cost",
            "1901999",
            "--json",
        ],
    );
    assert_eq!(r.code, exit::OK, "{}", r.err);
    let v = json(&r.out);
    assert_eq!(
        v["amount"], 950_000,
        "1,901,999 × 1/2 = 950,999.5, cut to 950,000"
    );
    assert_eq!(v["table"], "table-1-3");
    assert_eq!(v["cap"], 951_000);
    assert_eq!(v["readers_provided"], 3);
    assert_eq!(v["reader_price_limit"], 99_000);
    assert_eq!(v["capped"], false);
    assert!(v["large_chain"].is_null());
    let apply_by = &v["deadlines"].as_array().unwrap()[3];
    assert_eq!(apply_by["what"], "apply-by");
    assert_eq!(apply_by["date"], "2023-06-30");
    let lines = v["lines"].as_array().unwrap();
    assert!(
        lines
            .iter()
            .all(|l| l["citation"].as_str().is_some_and(|c| !c.is_empty()))
    );
    assert!(lines.iter().any(|l| l["rule"] == "art-3-4-2"
        && l["text"].as_str().unwrap().starts_with("subsidy: ¥950,000")));
}

#[test]
fn the_groups_list_decides_and_exactly_40000_is_not_a_large_chain() {
    let home = tempfile::tempdir().unwrap();
    let at = group_csv(home.path(), "at.csv", 480_000);
    let over = group_csv(home.path(), "over.csv", 480_012);
    let run = |list: &Path, json: bool| {
        let mut a = vec![
            "--facility",
            "chain-pharmacy",
            "--cost",
            "429000",
            "--pharmacies",
            list.to_str().unwrap(),
        ];
        if json {
            a.push("--json");
        }
        onshi(home.path(), "ja_JP.UTF-8", &a)
    };
    let r = run(&at, false);
    assert_eq!(r.code, exit::OK, "{}", r.err);
    assert_eq!(r.out.lines().next(), Some("補助額の見込み: 321,000円"));
    assert!(
        r.out.contains("[実施要領 第4] 合計はちょうど４万回です"),
        "{}",
        r.out
    );
    assert!(
        r.out
            .contains("[実施要領 第4(1)] 薬局 本店（指定日 2010-04-01）")
    );

    let v = json(&run(&at, true).out);
    assert_eq!(v["amount"], 321_000);
    assert_eq!(v["large_chain"]["large"], false);
    assert_eq!(v["large_chain"]["exactly_40000"], true);

    let v = json(&run(&over, true).out);
    assert_eq!(v["amount"], 214_000, "40,001 a month: 別表2");
    assert_eq!(v["large_chain"]["large"], true);
    assert_eq!(v["large_chain"]["sum"], 40_001.0);
    assert_eq!(v["table"], "table-2");
}

#[test]
fn a_bad_list_exits_8_naming_the_line() {
    let home = tempfile::tempdir().unwrap();
    let bad = home.path().join("bad.csv");
    std::fs::write(
        &bad,
        format!("{HEADER}\n本店,2010-04-01,,1,2,3,4,5,6,7,8,9,10,11,12\n駅前,2010-4-31,,1\n"),
    )
    .unwrap();
    let holes = home.path().join("holes.csv");
    std::fs::write(
        &holes,
        format!("{HEADER}\n本店,2010-04-01,,1,2,3,4,,6,7,8,9,10,11,12\n"),
    )
    .unwrap();
    let months = home.path().join("months.csv");
    std::fs::write(
        &months,
        "薬局ID,指定日,2021-01,2021-02\n本店,2010-04-01,1,2\n",
    )
    .unwrap();
    let args = |p: &Path| {
        vec![
            "--facility".to_string(),
            "pharmacy".into(),
            "--cost".into(),
            "100000".into(),
            "--pharmacies".into(),
            p.display().to_string(),
        ]
    };
    let run = |p: &Path, lang| {
        let a = args(p);
        let a: Vec<&str> = a.iter().map(String::as_str).collect();
        onshi(home.path(), lang, &a)
    };
    let r = run(&bad, "ja_JP.UTF-8");
    assert_eq!(r.code, exit::BAD_LIST);
    assert!(r.out.is_empty(), "no estimate: {}", r.out);
    assert!(
        r.err.contains("3行目: 指定日が日付ではありません"),
        "{}",
        r.err
    );
    let r = run(&holes, "C");
    assert_eq!(r.code, exit::BAD_LIST);
    assert!(
        r.err.contains("pharmacy 本店 has no count for 2020-07"),
        "{}",
        r.err
    );
    let r = run(&months, "ja_JP.UTF-8");
    assert_eq!(r.code, exit::BAD_LIST);
    assert!(r.err.contains("月の列が2個です"), "{}", r.err);
    let r = run(&home.path().join("missing.csv"), "C");
    assert_eq!(r.code, exit::BAD_LIST);
    assert!(r.err.contains("cannot be read"), "{}", r.err);
}

#[test]
fn arguments_that_do_not_fit_exit_2() {
    let home = tempfile::tempdir().unwrap();
    let list = group_csv(home.path(), "g.csv", 480_000);
    for (args, says) in [
        (
            vec!["--facility", "hospital", "--cost", "1000000"],
            "提供台数を 1〜3 で指定してください",
        ),
        (
            vec!["--facility", "hospital", "--readers", "4", "--cost", "1"],
            "提供台数を 1〜3 で指定してください",
        ),
        (
            vec!["--facility", "clinic", "--readers", "2", "--cost", "1"],
            "--readers を外してください",
        ),
        (
            vec!["--facility", "clinic", "--cost", "四十万"],
            "総事業費は円の金額で入れてください",
        ),
        (
            vec![
                "--facility",
                "clinic",
                "--cost",
                "1",
                "--pharmacies",
                list.to_str().unwrap(),
            ],
            "病院・診療所では指定しないでください",
        ),
    ] {
        let r = onshi(home.path(), "ja_JP.UTF-8", &args);
        assert_eq!(r.code, exit::USAGE, "{args:?}: {}", r.err);
        assert!(r.err.contains(says), "{args:?}: {}", r.err);
        assert!(r.out.is_empty());
    }
    // clap's own refusal of an unknown kind is a usage error too.
    let r = onshi(
        home.path(),
        "C",
        &["--facility", "dispensary", "--cost", "1"],
    );
    assert_eq!(r.code, exit::USAGE);
}
