//! The audit log's hash chain through the built `onshi` binary and a real SQLite file: an
//! audit table written by the first schema (no chain) is chained when the desk opens it,
//! `onshi audit verify` says it is intact, and after someone edits, deletes or inserts a row
//! it names the first broken row and exits with its own status. The desk's settings are left
//! out (as on a desk being set up), so the history is `$XDG_DATA_HOME/onshi/history.sqlite`.

use onshi::cli::exit;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The first schema's audit table, as a desk of that version wrote it (and the checks it
/// names), with three views.
fn old_desk(data: &Path) -> PathBuf {
    let dir = data.join("onshi");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("history.sqlite");
    let c = rusqlite::Connection::open(&path).unwrap();
    c.execute_batch(
        "CREATE TABLE checks (id INTEGER PRIMARY KEY, at_ms INTEGER NOT NULL, day TEXT NOT NULL,
            method TEXT NOT NULL, outcome TEXT NOT NULL, reason_code TEXT, reason_message TEXT,
            name TEXT, name_kana TEXT, kana_key TEXT NOT NULL, birth_date TEXT, sex TEXT,
            insurer_number TEXT, insurer_name TEXT, card_symbol TEXT, card_number TEXT,
            branch TEXT, personal_family TEXT, contribution_ratio TEXT, valid_until TEXT,
            limit_category TEXT);
         CREATE TABLE consents (check_id INTEGER NOT NULL REFERENCES checks(id) ON DELETE CASCADE,
            kind TEXT NOT NULL, agreed INTEGER NOT NULL, at_ms INTEGER,
            PRIMARY KEY (check_id, kind)) WITHOUT ROWID;
         CREATE TABLE audit (id INTEGER PRIMARY KEY, at_ms INTEGER NOT NULL, staff TEXT NOT NULL,
            check_id INTEGER REFERENCES checks(id), insurer_number TEXT NOT NULL,
            card_symbol TEXT, card_number TEXT NOT NULL, branch TEXT, what TEXT NOT NULL,
            disaster INTEGER NOT NULL);
         INSERT INTO checks (id, at_ms, day, method, outcome, kana_key)
            VALUES (1, 1795395600000, '2026-11-23', 'card-pin', 'valid', '');
         INSERT INTO audit VALUES (1, 1795395660000, 'doctor/yamada', 1, '01130012', '1234567', '12', '00', 'drug', 0);
         INSERT INTO audit VALUES (2, 1795395720000, 'doctor/yamada', 1, '01130012', '1234567', '12', '00', 'checkup', 0);
         INSERT INTO audit VALUES (3, 1795395780000, 'dentist/sato', NULL, '01130012', '1234567', '12', '00', 'drug', 1);
         PRAGMA user_version = 1;",
    )
    .unwrap();
    path
}

struct Run {
    code: u8,
    out: String,
    err: String,
}

fn onshi(home: &Path, args: &[&str]) -> Run {
    let o = Command::new(env!("CARGO_BIN_EXE_onshi"))
        .args(args)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("LANG", "C")
        .env_remove("LC_ALL")
        .env_remove("RUST_LOG")
        .output()
        .unwrap();
    Run {
        code: u8::try_from(o.status.code().expect("exited, not killed")).unwrap(),
        out: String::from_utf8(o.stdout).unwrap(),
        err: String::from_utf8(o.stderr).unwrap(),
    }
}

fn sql(path: &Path, s: &str) {
    rusqlite::Connection::open(path)
        .unwrap()
        .execute_batch(s)
        .unwrap();
}

#[test]
fn an_old_audit_is_chained_and_verify_says_it_is_intact() {
    let home = tempfile::tempdir().unwrap();
    let path = old_desk(&home.path().join("data"));
    let r = onshi(home.path(), &["audit", "verify"]);
    assert_eq!(r.code, exit::OK, "{}{}", r.out, r.err);
    assert!(r.out.contains("3 rows"), "{}", r.out);
    // The rows written before the chain are kept as they were.
    let staff: Vec<String> = rusqlite::Connection::open(&path)
        .unwrap()
        .prepare("SELECT staff FROM audit ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(staff, ["doctor/yamada", "doctor/yamada", "dentist/sato"]);
}

#[test]
fn an_edited_row_is_named_by_verify_with_its_own_exit_status() {
    let home = tempfile::tempdir().unwrap();
    let path = old_desk(&home.path().join("data"));
    assert_eq!(onshi(home.path(), &["audit", "verify"]).code, exit::OK);
    // Someone blames another doctor for the second view.
    sql(
        &path,
        "UPDATE audit SET staff = 'doctor/tanaka' WHERE id = 2",
    );
    let r = onshi(home.path(), &["audit", "verify"]);
    assert_eq!(r.code, exit::AUDIT_BROKEN, "{}{}", r.out, r.err);
    assert!(r.err.contains("row 2"), "{}", r.err);
}

#[test]
fn a_deleted_or_inserted_row_breaks_the_chain_where_it_was() {
    let home = tempfile::tempdir().unwrap();
    let path = old_desk(&home.path().join("data"));
    assert_eq!(onshi(home.path(), &["audit", "verify"]).code, exit::OK);
    sql(&path, "DELETE FROM audit WHERE id = 2");
    let r = onshi(home.path(), &["audit", "verify"]);
    assert_eq!(r.code, exit::AUDIT_BROKEN, "{}{}", r.out, r.err);
    assert!(r.err.contains("row 3"), "the row after the gap: {}", r.err);

    let home = tempfile::tempdir().unwrap();
    let path = old_desk(&home.path().join("data"));
    assert_eq!(onshi(home.path(), &["audit", "verify"]).code, exit::OK);
    // A row slipped in with a copied hash.
    sql(
        &path,
        "INSERT INTO audit (id, at_ms, event, staff, insurer_number, card_number, what, disaster, hash)
         SELECT 4, at_ms, 'view', 'doctor/yamada', '01130012', '12', 'drug', 0, hash FROM audit WHERE id = 3",
    );
    let r = onshi(home.path(), &["audit", "verify"]);
    assert_eq!(r.code, exit::AUDIT_BROKEN, "{}{}", r.out, r.err);
    assert!(r.err.contains("row 4"), "{}", r.err);
}
