//! `onshi refno add` and `onshi refno import` as a script runs them: the built binary against
//! central-sim over real TLS. A registered 照会番号 comes back as `ReferenceNumber` in a later
//! check of that person; a list's rows the centre refuses are printed with its code (exit 15); a
//! list with a row that cannot be sent sends nothing (exit 8); a typed field that cannot be used
//! is refused before the centre is asked (exit 2).

use crate::common;

use eligibility::Client;
use onshi::cli::exit;
use onshi_desk::config::Config;
use onshi_desk::services::check::check_blocking;
use simulators::centre::Server;
use std::path::Path;
use std::process::Command;

fn onshi(config: &Path, args: &[&str]) -> (u8, String, String) {
    let o = Command::new(env!("CARGO_BIN_EXE_onshi"))
        .arg("--config")
        .arg(config)
        .args(args)
        .env_remove("RUST_LOG")
        .output()
        .unwrap();
    (
        u8::try_from(o.status.code().unwrap()).unwrap(),
        String::from_utf8(o.stdout).unwrap(),
        String::from_utf8(o.stderr).unwrap(),
    )
}

/// The 照会番号 the centre returns now for 試験 花子.
fn refno_now(config: &Path) -> Option<String> {
    let cfg = Config::load(config).unwrap();
    let search =
        Client::search_from_text("01130012", "1234567", "12", "00", "19800217", false).unwrap();
    let e = check_blocking(&cfg, &search, None).answer.unwrap();
    e.results[0].reference_number.clone()
}

#[test]
fn a_registered_reference_number_comes_back_in_a_later_check() {
    let dir = tempfile::tempdir().unwrap();
    let mut ccfg = simulators::centre::Config::new(dir.path().join("centre"));
    ccfg.now = Some(time::macros::datetime!(2026-11-23 10:00 +09:00));
    let c = Server::start(ccfg).unwrap();
    let cfg = common::write_config(
        dir.path(),
        &c,
        &common::Desk {
            lang: "en",
            ..Default::default()
        },
    );
    assert_eq!(refno_now(&cfg), None);

    let (code, out, err) = onshi(
        &cfg,
        &[
            "refno",
            "add",
            "--insurer",
            "01130012",
            "--symbol",
            "1234567",
            "--number",
            "12",
            "--branch",
            "00",
            "K-0001",
        ],
    );
    assert_eq!(code, exit::OK, "{out}{err}");
    assert!(out.contains("1 of 1 reference numbers registered"), "{out}");
    assert_eq!(refno_now(&cfg).as_deref(), Some("K-0001"));

    // A list in Shift_JIS with a header: the known person gets the new number, the unknown
    // one is refused by the centre with its code.
    let list = dir.path().join("refno.csv");
    let text = "照会番号,保険者番号,記号,番号,枝番,生年月日\r\n\
                K-0002,01130012,1234567,12,00,1980-02-17\r\n\
                K-0003,01130012,1234567,99999,00,\r\n";
    std::fs::write(&list, encoding_rs::SHIFT_JIS.encode(text).0).unwrap();
    let (code, out, err) = onshi(&cfg, &["refno", "import", list.to_str().unwrap()]);
    assert_eq!(code, exit::REFNO_REFUSED, "{out}{err}");
    assert!(out.contains("1 of 2 reference numbers registered"), "{out}");
    assert!(
        err.contains("Reference number K-0003 was not registered: SIM-E0402"),
        "{err}"
    );
    assert_eq!(refno_now(&cfg).as_deref(), Some("K-0002"));

    // A row that cannot be sent: nothing is sent, the line is named.
    std::fs::write(
        &list,
        "K-0004,01130012,1234567,12,00,\nK-0005,0113001X,1234567,12,00,\n",
    )
    .unwrap();
    let (code, _, err) = onshi(&cfg, &["refno", "import", list.to_str().unwrap()]);
    assert_eq!(code, exit::BAD_LIST, "{err}");
    assert!(err.contains("line 2: "), "{err}");
    assert!(err.contains("nothing was registered"), "{err}");
    assert_eq!(refno_now(&cfg).as_deref(), Some("K-0002"));

    // A typed insurer number that cannot be used: refused before the centre.
    let (code, _, err) = onshi(
        &cfg,
        &["refno", "add", "--insurer", "0113", "--number", "12", "K-9"],
    );
    assert_eq!(code, exit::USAGE, "{err}");
    assert_eq!(refno_now(&cfg).as_deref(), Some("K-0002"));
}
