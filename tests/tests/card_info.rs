//! `onshi card info` against the real pcscd, the vpcd driver and the virtual card: what it
//! prints for each persona (certificate facts, PIN tries left, locked PINs, an expired
//! certificate), that neither its text nor its JSON holds anything personal, and the exit
//! status and message of each failure (no card, card pulled mid-read, not a My Number Card,
//! unknown or busy reader, pcscd down). The command's library entry (`onshi::cli::card::run`,
//! which `main` calls after loading the settings) runs in this process, so the fixture's
//! private pcscd is the one it talks to. Each test's APDU log passes the fixture's privacy
//! check, and here also shows that no VERIFY ever carried data. Every test leaves the reader
//! empty, as pcscd reports it: a card left in would reach the next test's watcher as a stale
//! insertion.

use onshi::cli::card::{CardInfoArgs, run};
use onshi::cli::{Io, exit};
use onshi_desk::card::Setup;
use onshi_desk::i18n::Lang;
use onshi_tests::{Desk, workspace_file};
use reader_driver::ReaderEvent;
use serde_json::Value;
use std::path::Path;

struct Run {
    code: u8,
    out: String,
    err: String,
}

fn auth_ca() -> Vec<u8> {
    std::fs::read(workspace_file("assets/pki/jpki-auth-ca.crt.der")).unwrap()
}

/// A desk's settings: the language, and the JPKI CA as `[card] jpki_ca` gives it.
fn setup(lang: Lang) -> Setup {
    Setup {
        lang,
        reader: None,
        jpki_cas: vec![auth_ca()],
    }
}

fn card_info(setup: &Setup, json: bool, reader: Option<&str>) -> Run {
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let args = CardInfoArgs {
        json,
        reader: reader.map(str::to_owned),
    };
    let code = run(
        setup,
        &args,
        &mut Io {
            out: &mut out,
            err: &mut err,
        },
    );
    Run {
        code,
        out: String::from_utf8(out).unwrap(),
        err: String::from_utf8(err).unwrap(),
    }
}

fn json(r: &Run) -> Value {
    serde_json::from_str(&r.out).unwrap_or_else(|e| panic!("{e}: {}", r.out))
}

/// Everything personal the card or its persona holds, in the forms it could leak in: name,
/// kana (whole and each part), birth date (several spellings and the 和暦 YYMMDD), address,
/// municipality code, 照合番号B and the certificate's subject.
fn personal_strings(personas: &Path, id: &str) -> Vec<String> {
    let p = simulators::card::persona(personas, id).unwrap();
    let t = &p.toml;
    let b = p.birth_date;
    let mut v = vec![
        t.name.clone(),
        t.kana.clone(),
        t.address.clone(),
        t.municipality_code.clone(),
        b.yyyymmdd(),
        format!("{:04}-{:02}-{:02}", b.year, b.month, b.day),
        format!("{:04}/{:02}/{:02}", b.year, b.month, b.day),
        format!("{:02}{:02}{:02}", b.wareki_year(), b.month, b.day),
        format!(
            "{:02}{:02}{:02}{:04}{}",
            b.wareki_year(),
            b.month,
            b.day,
            p.card_expiry.year,
            t.security_code
        ),
    ];
    v.extend(t.name.split('\u{3000}').map(str::to_owned));
    v.extend(t.kana.split('\u{3000}').map(str::to_owned));
    use x509_parser::prelude::{FromDer, X509Certificate};
    let (_, c) = X509Certificate::from_der(&p.auth_cert_der).unwrap();
    v.push(c.subject().to_string());
    for cn in c.subject().iter_common_name() {
        v.push(cn.as_str().unwrap().to_owned());
    }
    v
}

fn assert_nothing_personal(r: &Run, personas: &Path, id: &str) {
    for s in personal_strings(personas, id) {
        assert!(
            !r.out.contains(&s) && !r.err.contains(&s),
            "{id}: card info printed a personal field ({} chars)",
            s.chars().count()
        );
    }
}

/// The command only ever asks for the PIN's tries: every VERIFY it sent is the empty one.
fn assert_only_empty_verify(desk: &Desk) {
    let log = desk.apdu_log();
    let mut verifies = 0;
    for line in log.lines() {
        let v: Value = serde_json::from_str(line).unwrap();
        if let Some(cmd) = v["cmd"].as_str()
            && cmd.get(2..4) == Some("20")
        {
            verifies += 1;
            assert_eq!(cmd, "00200080", "a VERIFY with data was sent");
            assert_eq!(v["df"], "jpki");
            assert_eq!(v["ef"], "0018");
        }
    }
    assert!(verifies > 0, "the PIN's tries were never asked");
    for line in log.lines() {
        let v: Value = serde_json::from_str(line).unwrap();
        assert_ne!(v["df"], "kenmen", "card info must not touch the 券面AP");
    }
}

#[test]
fn adult_card_shows_certificate_facts_and_tries_left_in_japanese() {
    let mut desk = Desk::start();
    desk.insert("adult");
    let r = card_info(&setup(Lang::Ja), false, None);
    assert_eq!(r.code, exit::OK, "{}", r.err);
    assert_eq!(r.err, "");
    for line in [
        "カードリーダー: Virtual PCD 00 00",
        "カード: マイナンバーカード",
        "利用者証明用電子証明書",
        "発行者: C=JP, O=JPKI-TEST, OU=JPKI for user authentication",
        "シリアル番号: 1001",
        "有効期間の開始: 2025-04-01 00:00:00 UTC",
        "有効期間の満了: 2030-02-17 23:59:59 UTC",
        "JPKI 認証局: 設定の認証局が発行した、有効な証明書です",
        "利用者証明用暗証番号: あと 3 回入力できます",
    ] {
        assert!(r.out.contains(line), "missing {line:?} in:\n{}", r.out);
    }
    assert!(r.out.contains("残り日数: ") && r.out.contains(" 日\n"));
    assert!(!r.out.contains("ロック"), "{}", r.out);
    assert_nothing_personal(&r, &workspace_file("assets/personas"), "adult");
    assert_only_empty_verify(&desk);
    desk.remove();

    // The tries are the card's, not a constant: one wrong entry already on this card.
    desk.insert("two-tries");
    let r = card_info(&setup(Lang::En), false, None);
    assert_eq!(r.code, exit::OK, "{}", r.err);
    assert!(
        r.out
            .contains("User PIN (利用者証明用暗証番号): 2 tries left"),
        "{}",
        r.out
    );
    assert!(
        r.out
            .contains("JPKI CA: issued by the configured CA, valid")
    );
    desk.remove();
}

#[test]
fn json_has_the_facts_and_nothing_personal_for_every_persona() {
    let mut desk = Desk::start();
    let personas = workspace_file("assets/personas");
    let ids = desk.card.persona_ids();
    assert!(ids.len() >= 9, "{ids:?}");
    for id in &ids {
        desk.insert(id);
        let now = time::OffsetDateTime::now_utc();
        let r = card_info(&setup(Lang::Ja), true, Some(&desk.reader.clone()));
        assert_eq!(r.code, exit::OK, "{id}: {}", r.err);
        let v = json(&r);
        assert_eq!(v["reader"], "Virtual PCD 00 00");
        assert_eq!(v["card_present"], true);
        assert_eq!(v["card"], "my_number_card");
        let mut keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
        keys.sort();
        assert_eq!(
            keys,
            ["card", "card_present", "certificate", "pin", "reader"],
            "{id}"
        );
        let c = &v["certificate"];
        let mut ckeys: Vec<&str> = c.as_object().unwrap().keys().map(String::as_str).collect();
        ckeys.sort();
        assert_eq!(
            ckeys,
            [
                "chain",
                "days_left",
                "expired",
                "expires_soon",
                "issuer",
                "kind",
                "not_after",
                "not_before",
                "serial"
            ],
            "{id}: no subject, no personal field"
        );
        // The facts are the certificate's own.
        let p = simulators::card::persona(&personas, id).unwrap();
        let info = reader_driver::cert::CertificateInfo::parse(&p.auth_cert_der).unwrap();
        assert_eq!(c["serial"], info.serial.as_str(), "{id}");
        assert_eq!(c["issuer"], info.issuer.as_str(), "{id}");
        let days = (info.not_after - now).whole_days();
        let got = c["days_left"].as_i64().unwrap();
        assert!((days - 1..=days).contains(&got), "{id}: {got} vs {days}");
        assert_eq!(c["expired"], now > info.not_after, "{id}");
        assert_nothing_personal(&r, &personas, id);
        assert_only_empty_verify(&desk);
        desk.remove();
    }
}

#[test]
fn locked_pins_are_shown_as_locked() {
    let mut desk = Desk::start();
    // Locked by three wrong entries (69 84), and locked at issue on a 顔認証 card.
    for id in ["pin-locked", "face-only"] {
        desk.insert(id);
        let r = card_info(&setup(Lang::Ja), true, None);
        assert_eq!(r.code, exit::OK, "{id}: {}", r.err);
        let v = json(&r);
        assert_eq!(v["pin"]["locked"], true, "{id}");
        assert_eq!(v["pin"]["tries_left"], 0, "{id}");

        let r = card_info(&setup(Lang::Ja), false, None);
        assert!(
            r.out.contains("利用者証明用暗証番号: ロック中"),
            "{}",
            r.out
        );
        assert!(r.out.contains("顔認証または目視"), "{}", r.out);
        let r = card_info(&setup(Lang::En), false, None);
        assert!(
            r.out.contains("User PIN (利用者証明用暗証番号): locked"),
            "{}",
            r.out
        );
        desk.remove();
    }
    assert_only_empty_verify(&desk);
}

#[test]
fn expired_certificate_is_shown_with_what_to_do() {
    let mut desk = Desk::start();
    desk.insert("expired");
    let r = card_info(&setup(Lang::Ja), false, None);
    assert_eq!(r.code, exit::OK, "{}", r.err);
    assert!(
        r.out.contains("有効期間の満了: 2026-06-12 23:59:59 UTC"),
        "{}",
        r.out
    );
    assert!(r.out.contains("残り日数: 期限切れ（"), "{}", r.out);
    assert!(r.out.contains("有効期間外"), "{}", r.out);
    assert!(r.out.contains("市区町村の窓口で更新"), "{}", r.out);
    let v = json(&card_info(&setup(Lang::Ja), true, None));
    assert_eq!(v["certificate"]["expired"], true);
    assert_eq!(v["certificate"]["expires_soon"], false);
    assert_eq!(v["certificate"]["chain"], "out_of_validity");
    assert!(v["certificate"]["days_left"].as_i64().unwrap() < 0);
    desk.remove();
}

#[test]
fn without_a_config_the_chain_is_not_checked() {
    let mut desk = Desk::start();
    desk.insert("adult");
    let r = card_info(&Setup::without_config(Lang::En), true, None);
    assert_eq!(r.code, exit::OK, "{}", r.err);
    assert_eq!(json(&r)["certificate"]["chain"], "not_checked");
    desk.remove();
}

#[test]
fn no_card_on_the_reader() {
    let desk = Desk::start();
    let r = card_info(&setup(Lang::Ja), false, Some(&desk.reader));
    assert_eq!(r.code, exit::NO_CARD);
    assert_eq!(r.out, "");
    assert!(
        r.err
            .contains("カードリーダーにカードが置かれていません。マイナンバーカードを置いて"),
        "{}",
        r.err
    );
    let r = card_info(&setup(Lang::En), true, Some(&desk.reader));
    assert_eq!(r.code, exit::NO_CARD);
    let v = json(&r);
    assert_eq!(v["card_present"], false);
    assert_eq!(v["error"], "no_card");
    assert_eq!(v["reader"], "Virtual PCD 00 00");
    assert!(r.err.contains("no card is on the reader"), "{}", r.err);
}

#[test]
fn card_pulled_mid_read() {
    let mut desk = Desk::start();
    // After the token and the PIN's tries, while the certificate is read.
    for answered in [1, 4, 6] {
        desk.insert("adult");
        desk.card.remove_after_apdus(answered);
        let r = card_info(&setup(Lang::Ja), false, None);
        assert_eq!(
            r.code,
            exit::NO_CARD,
            "after {answered}: {} {}",
            r.out,
            r.err
        );
        assert_eq!(r.out, "");
        assert!(
            r.err.contains("読み取りの途中でカードが外されました"),
            "after {answered}: {}",
            r.err
        );
        // The virtual card sometimes still counts itself inserted after the pull, and then
        // pcscd never sees it go (tests/tests/card.rs's pull test shows the same): take it
        // off for sure. pcscd reports one removal either way.
        desk.remove();
    }
}

#[test]
fn unknown_and_busy_readers() {
    let mut desk = Desk::start();
    let r = card_info(&setup(Lang::Ja), false, Some("ACME Reader 00 00"));
    assert_eq!(r.code, exit::READER);
    assert!(
        r.err
            .contains("カードリーダー「ACME Reader 00 00」が見つかりません")
            && r.err.contains("Virtual PCD 00 00")
            && r.err.contains("--reader"),
        "{}",
        r.err
    );
    // The configured reader is used when no --reader is given.
    let mut s = setup(Lang::En);
    s.reader = Some("ACME Reader 00 00".into());
    let r = card_info(&s, true, None);
    assert_eq!(r.code, exit::READER);
    assert_eq!(json(&r)["error"], "reader_not_found");
    // --reader wins over the settings.
    desk.insert("adult");
    let r = card_info(&s, true, Some(&desk.reader.clone()));
    assert_eq!(r.code, exit::OK, "{}", r.err);

    // Another program (the desk's own card worker, say) holds the card exclusively.
    let held = desk.connect().unwrap();
    let r = card_info(&setup(Lang::Ja), false, None);
    assert_eq!(r.code, exit::READER, "{}", r.err);
    assert!(
        r.err
            .contains("ほかのプログラムがカードリーダーを使用中です"),
        "{}",
        r.err
    );
    drop(held);
    desk.remove();
}

#[test]
fn pcscd_down() {
    let mut desk = Desk::start();
    desk.insert("adult");
    desk.pcscd().stop();
    desk.wait_for(|e| *e == ReaderEvent::ServiceDown);
    let r = card_info(&setup(Lang::Ja), false, None);
    assert_eq!(r.code, exit::READER);
    assert!(
        r.err
            .contains("カードリーダーのサービス（pcscd）が動いていません。pcscd を起動して"),
        "{}",
        r.err
    );
    let r = card_info(&setup(Lang::En), true, None);
    assert_eq!(r.code, exit::READER);
    assert_eq!(json(&r)["error"], "service_down");
    assert!(r.err.contains("pcscd) is not running"), "{}", r.err);

    // Leave the fixture as found: pcscd back, the reader listed, the card reinserted.
    desk.pcscd().restart().expect("pcscd restarts");
    desk.wait_for(|e| *e == ReaderEvent::ServiceUp);
    let reader = desk.reader.clone();
    desk.wait_for(|e| *e == ReaderEvent::ReaderAdded(reader.clone()));
    desk.card.remove();
    desk.insert("adult");
    let r = card_info(&setup(Lang::Ja), false, None);
    assert_eq!(r.code, exit::OK, "{}", r.err);
    desk.remove();
}

/// A copy of the adult persona whose JPKI token label is `token`.
fn persona_with_token(root: &Path, id: &str, token: &str) {
    let from = workspace_file("assets/personas/adult");
    let to = root.join(id);
    std::fs::create_dir_all(&to).unwrap();
    for f in ["auth.crt.der", "auth.key.pem", "photo.jp2"] {
        std::fs::copy(from.join(f), to.join(f)).unwrap();
    }
    let text = std::fs::read_to_string(from.join("persona.toml"))
        .unwrap()
        .replace("id = \"adult\"", &format!("id = \"{id}\""))
        .replace("\"JPKIAPICCTOKEN2\"", &format!("{token:?}"));
    std::fs::write(to.join("persona.toml"), text).unwrap();
}

/// Replaces persona `id`'s auth certificate by one for its own key, valid from now for
/// `days` days, issued by the test JPKI auth CA, or self-signed when `by_ca` is false.
fn reissue_auth_cert(root: &Path, id: &str, days: u32, by_ca: bool) {
    let dir = root.join(id);
    let key = dir.join("auth.key.pem");
    let run = |args: &[&str]| {
        let o = std::process::Command::new("openssl")
            .args(args)
            .output()
            .expect("openssl");
        assert!(
            o.status.success(),
            "openssl {args:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
    };
    let csr = dir.join("auth.csr.pem");
    let (key, csr_s, out) = (
        key.to_str().unwrap(),
        csr.to_str().unwrap(),
        dir.join("auth.crt.der"),
    );
    let days = days.to_string();
    // An opaque subject, as a real auth certificate has (no name).
    run(&[
        "req",
        "-new",
        "-key",
        key,
        "-subj",
        "/C=JP/CN=99999TESTRENEW0000000",
        "-out",
        csr_s,
    ]);
    let ca = workspace_file("assets/pki/jpki-auth-ca.crt.pem");
    let ca_key = workspace_file("assets/pki/jpki-auth-ca.key.pem");
    let mut args = vec!["x509", "-req", "-in", csr_s, "-days", &days, "-sha256"];
    if by_ca {
        args.extend([
            "-CA",
            ca.to_str().unwrap(),
            "-CAkey",
            ca_key.to_str().unwrap(),
            "-set_serial",
            "0x2001",
        ]);
    } else {
        args.extend(["-key", key]);
    }
    args.extend(["-outform", "DER", "-out", out.to_str().unwrap()]);
    run(&args);
}

#[test]
fn a_certificate_near_its_end_or_from_another_ca_is_flagged() {
    let dir = tempfile::tempdir().unwrap();
    persona_with_token(dir.path(), "renew-soon", "JPKIAPICCTOKEN2");
    reissue_auth_cert(dir.path(), "renew-soon", 40, true);
    persona_with_token(dir.path(), "self-signed", "JPKIAPICCTOKEN2");
    reissue_auth_cert(dir.path(), "self-signed", 400, false);
    let mut desk = Desk::start_with_personas(dir.path());

    desk.insert("renew-soon");
    let r = card_info(&setup(Lang::Ja), false, None);
    assert_eq!(r.code, exit::OK, "{}", r.err);
    assert!(r.out.contains("シリアル番号: 2001"), "{}", r.out);
    assert!(
        r.out.contains("設定の認証局が発行した、有効な証明書です"),
        "{}",
        r.out
    );
    assert!(
        r.out.contains("電子証明書の有効期限が3か月以内です"),
        "{}",
        r.out
    );
    let v = json(&card_info(&setup(Lang::En), true, None));
    assert_eq!(v["certificate"]["expires_soon"], true);
    assert_eq!(v["certificate"]["expired"], false);
    let days = v["certificate"]["days_left"].as_i64().unwrap();
    assert!((39..=40).contains(&days), "{days}");
    desk.remove();

    desk.insert("self-signed");
    let r = card_info(&setup(Lang::En), false, None);
    assert_eq!(r.code, exit::OK, "{}", r.err);
    assert!(
        r.out.contains("JPKI CA: not issued by the configured CA"),
        "{}",
        r.out
    );
    assert!(!r.out.contains("within three months"), "{}", r.out);
    let v = json(&card_info(&setup(Lang::En), true, None));
    assert_eq!(v["certificate"]["chain"], "unknown_issuer");
    assert_eq!(v["certificate"]["expires_soon"], false);
    desk.remove();
}

#[test]
fn cards_that_are_not_my_number_cards() {
    let dir = tempfile::tempdir().unwrap();
    persona_with_token(dir.path(), "juki", "JPKIAPICCTOKEN");
    persona_with_token(dir.path(), "other", "ACMEPAYTOKEN");
    let mut desk = Desk::start_with_personas(dir.path());

    desk.insert("juki");
    let r = card_info(&setup(Lang::Ja), false, None);
    assert_eq!(r.code, exit::NOT_MY_NUMBER_CARD);
    assert!(
        r.err
            .contains("このカードは住基カードで、マイナンバーカードではありません"),
        "{}",
        r.err
    );
    assert_eq!(r.out, "");
    desk.remove();

    desk.insert("other");
    let r = card_info(&setup(Lang::En), true, None);
    assert_eq!(r.code, exit::NOT_MY_NUMBER_CARD);
    let v = json(&r);
    assert_eq!(v["error"], "not_my_number_card");
    assert_eq!(v["card_present"], true);
    assert!(
        r.err.contains("this card is not a My Number Card"),
        "{}",
        r.err
    );
    desk.remove();
}
