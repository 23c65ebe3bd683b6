//! The history on real SQLite files: what is stored comes back, searches find what a clerk
//! asks for, the schema is versioned, and audit rows are kept.

use super::*;
use time::macros::{date, datetime};

fn person(name: &str, kana: &str) -> Person {
    Person {
        name: Some(name.into()),
        name_kana: Some(kana.into()),
        birth_date: Some("19800217".into()),
        sex: Some("2".into()),
        insurer_number: Some("01130012".into()),
        insurer_name: Some("全国健康保険協会".into()),
        card_symbol: Some("1234567".into()),
        card_number: Some("12".into()),
        branch: Some("00".into()),
        personal_family: Some("1".into()),
        contribution_ratio: Some("030".into()),
        valid_until: None,
        limit_category: Some("A03".into()),
        ..Person::default()
    }
}

fn check(at: OffsetDateTime, outcome: Outcome, name: &str, kana: &str) -> CheckRecord {
    CheckRecord {
        at,
        method: Method::InsuranceCard,
        outcome,
        reason_code: (outcome != Outcome::Valid).then(|| "not-found".into()),
        reason_message: None,
        person: person(name, kana),
        consents: vec![Consent {
            kind: ConsentKind::Limit,
            agreed: true,
            at: Some(at),
        }],
    }
}

fn open() -> (History, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let h = History::open(&dir.path().join("sub/history.sqlite")).unwrap();
    (h, dir)
}

#[test]
fn a_stored_check_comes_back_with_its_consents_in_wal_mode() {
    let (mut h, _d) = open();
    let c = check(
        datetime!(2026-11-23 10:00:01.250 +09:00),
        Outcome::Valid,
        "試験　花子",
        "ｼｹﾝ ﾊﾅｺ",
    );
    let id = h.record(&c).unwrap();
    let got = h.get(id).unwrap().unwrap();
    assert_eq!(got.check, c);
    assert_eq!(got.check.person.name.as_deref(), Some("試験　花子"));
    let mode: String = h
        .connection()
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    let sync: i64 = h
        .connection()
        .query_row("PRAGMA synchronous", [], |r| r.get(0))
        .unwrap();
    assert_eq!(sync, 2, "synchronous=FULL");
    assert!(h.get(id + 1).unwrap().is_none());
}

#[test]
fn the_day_of_a_check_is_the_day_in_japan() {
    let (mut h, _d) = open();
    // 23:30 UTC on the 22nd is 08:30 on the 23rd at the desk.
    h.record(&check(
        datetime!(2026-11-22 23:30 UTC),
        Outcome::Valid,
        "朝　一番",
        "ｱｻ ｲﾁﾊﾞﾝ",
    ))
    .unwrap();
    h.record(&check(
        datetime!(2026-11-22 14:59 UTC),
        Outcome::Valid,
        "前日　遅番",
        "ｾﾞﾝｼﾞﾂ ｵｿﾊﾞﾝ",
    ))
    .unwrap();
    let names = |v: Vec<Entry>| {
        v.into_iter()
            .map(|e| e.check.person.name.unwrap())
            .collect::<Vec<_>>()
    };
    assert_eq!(names(h.day(date!(2026 - 11 - 23)).unwrap()), ["朝　一番"]);
    assert_eq!(names(h.day(date!(2026 - 11 - 22)).unwrap()), ["前日　遅番"]);
}

#[test]
fn search_by_kana_prefix_in_any_width_date_range_and_outcome() {
    let (mut h, _d) = open();
    let rows = [
        (
            datetime!(2026-11-20 09:00 +09:00),
            Outcome::Valid,
            "試験　花子",
            "ｼｹﾝ ﾊﾅｺ",
        ),
        (
            datetime!(2026-11-21 09:00 +09:00),
            Outcome::Invalid,
            "試験　太郎",
            "ｼｹﾝ ﾀﾛｳ",
        ),
        (
            datetime!(2026-11-22 09:00 +09:00),
            Outcome::Valid,
            "伊藤　誠",
            "ｲﾄｳ ﾏｺﾄ",
        ),
        (
            datetime!(2026-11-23 09:00 +09:00),
            Outcome::Error,
            "試合　次郎",
            "ｼｱｲ ｼﾞﾛｳ",
        ),
    ];
    for (at, o, n, k) in rows {
        h.record(&check(at, o, n, k)).unwrap();
    }
    let names = |q: Query| {
        h.search(&q)
            .unwrap()
            .into_iter()
            .map(|e| e.check.person.name.unwrap())
            .collect::<Vec<_>>()
    };
    let kana = |k: &str| Query {
        kana_prefix: Some(k.into()),
        ..Query::default()
    };
    // Newest first; hiragana, full-width and half-width katakana find the same rows.
    assert_eq!(names(kana("しけん")), ["試験　太郎", "試験　花子"]);
    assert_eq!(names(kana("シケン　タ")), ["試験　太郎"]);
    assert_eq!(names(kana("ｼｹﾝﾀ")), ["試験　太郎"]);
    assert_eq!(
        names(kana("シ")),
        ["試合　次郎", "試験　太郎", "試験　花子"]
    );
    assert_eq!(names(kana("じ")), Vec::<String>::new());
    assert_eq!(
        names(Query {
            from: Some(date!(2026 - 11 - 21)),
            to: Some(date!(2026 - 11 - 22)),
            ..Query::default()
        }),
        ["伊藤　誠", "試験　太郎"]
    );
    assert_eq!(
        names(Query {
            outcome: Some(Outcome::Valid),
            ..Query::default()
        }),
        ["伊藤　誠", "試験　花子"]
    );
    assert_eq!(
        names(Query {
            kana_prefix: Some("し".into()),
            outcome: Some(Outcome::Error),
            ..Query::default()
        }),
        ["試合　次郎"]
    );
    assert_eq!(
        names(Query {
            limit: 1,
            ..Query::default()
        }),
        ["試合　次郎"]
    );
}

#[test]
fn searches_use_their_index_and_a_name_wins_over_an_outcome() {
    let (h, _d) = open();
    let plan = |q: Query| h.plan(&q).unwrap().join(" / ");
    let kana = plan(Query {
        kana_prefix: Some("すずき".into()),
        outcome: Some(Outcome::Invalid),
        from: Some(date!(2026 - 01 - 01)),
        ..Query::default()
    });
    assert!(kana.contains("checks_kana"), "plan: {kana}");
    let day = plan(Query::day(date!(2026 - 11 - 23)));
    assert!(
        day.contains("checks_at") && !day.contains("TEMP B-TREE"),
        "a day is read newest first from the time index, unsorted: {day}"
    );
    let outcome = plan(Query {
        outcome: Some(Outcome::Error),
        ..Query::default()
    });
    assert!(outcome.contains("checks_outcome"), "plan: {outcome}");
}

#[test]
fn audit_rows_are_kept_with_the_disaster_flag() {
    let (mut h, _d) = open();
    let id = h
        .record(&check(
            datetime!(2026-11-23 10:00 +09:00),
            Outcome::Valid,
            "試験　花子",
            "ｼｹﾝ ﾊﾅｺ",
        ))
        .unwrap();
    let a = AuditRecord {
        at: datetime!(2026-11-23 10:05 +09:00),
        staff: "dr-sato".into(),
        check_id: Some(id),
        insurer_number: "01130012".into(),
        card_symbol: Some("1234567".into()),
        card_number: "12".into(),
        branch: Some("00".into()),
        what: Viewed::Drug,
        disaster: false,
    };
    let b = AuditRecord {
        at: datetime!(2026-11-23 11:00 +09:00),
        check_id: None,
        what: Viewed::Checkup,
        disaster: true,
        ..a.clone()
    };
    h.audit(&a).unwrap();
    h.audit(&b).unwrap();
    let got: Vec<AuditRecord> = h
        .audit_between(
            datetime!(2026-11-23 00:00 +09:00),
            datetime!(2026-11-23 23:59 +09:00),
        )
        .unwrap()
        .into_iter()
        .map(|(_, a)| a)
        .collect();
    assert_eq!(got, [a, b]);
    // An audit row must name a real check.
    let bad = AuditRecord {
        check_id: Some(id + 100),
        ..got[0].clone()
    };
    assert!(h.audit(&bad).is_err());
}

#[test]
fn an_old_file_is_migrated_and_a_newer_one_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("h.sqlite");
    {
        let h = History::open(&path).unwrap();
        let v: i64 = h
            .connection()
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(v, SCHEMA_VERSION);
    }
    // Reopening a current file changes nothing and keeps rows.
    {
        let mut h = History::open(&path).unwrap();
        h.record(&check(
            datetime!(2026-11-23 10:00 +09:00),
            Outcome::Valid,
            "試験　花子",
            "ｼｹﾝ ﾊﾅｺ",
        ))
        .unwrap();
    }
    assert_eq!(
        History::open(&path)
            .unwrap()
            .search(&Query::default())
            .unwrap()
            .len(),
        1
    );
    {
        let c = rusqlite::Connection::open(&path).unwrap();
        c.execute_batch("PRAGMA user_version = 99").unwrap();
    }
    let e = History::open(&path)
        .err()
        .expect("a newer schema is refused");
    assert!(matches!(e, HistoryError::Newer { found: 99, .. }), "{e}");
    assert!(e.to_string().contains("update the app"));
}

#[test]
fn cards_left_behind_are_counted_per_day_and_a_version_3_file_keeps_its_checks() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("h.sqlite");
    // A file as version 3 wrote it: a check, no card-left table.
    {
        let mut h = History::open(&path).unwrap();
        h.record(&check(
            datetime!(2026-11-23 10:00 +09:00),
            Outcome::Valid,
            "試験　花子",
            "ｼｹﾝ ﾊﾅｺ",
        ))
        .unwrap();
        h.connection()
            .execute_batch(
                "DROP TABLE card_left; ALTER TABLE checks DROP COLUMN prescription_issue;
                 PRAGMA user_version = 3;",
            )
            .unwrap();
    }
    let mut h = History::open(&path).unwrap();
    assert_eq!(
        h.search(&Query::default()).unwrap().len(),
        1,
        "the check stays"
    );
    let day = time::macros::date!(2026 - 11 - 23);
    assert_eq!(h.cards_left_on(day).unwrap(), 0);
    h.record_card_left(datetime!(2026-11-23 10:01 +09:00))
        .unwrap();
    h.record_card_left(datetime!(2026-11-23 23:59 +09:00))
        .unwrap();
    // 00:30 in Japan on the 24th is still the 23rd in UTC: counted on the day at the desk.
    h.record_card_left(datetime!(2026-11-24 00:30 +09:00))
        .unwrap();
    assert_eq!(h.cards_left_on(day).unwrap(), 2);
    assert_eq!(h.cards_left_on(day.next_day().unwrap()).unwrap(), 1);
}

#[test]
fn a_folder_that_cannot_be_made_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("plain-file");
    std::fs::write(&file, b"x").unwrap();
    let e = History::open(&file.join("history.sqlite")).err().unwrap();
    assert!(matches!(e, HistoryError::Folder { .. }), "{e}");
}

#[test]
fn person_debug_shows_no_personal_data() {
    let c = check(
        datetime!(2026-11-23 10:00 +09:00),
        Outcome::Valid,
        "試験　花子",
        "ｼｹﾝ ﾊﾅｺ",
    );
    let s = format!("{c:?}");
    assert!(
        !s.contains("花子") && !s.contains("1234567") && !s.contains("19800217"),
        "{s}"
    );
}

#[test]
fn consented_since_finds_agreed_consents_in_the_window_only() {
    let (mut h, _d) = open();
    let mut old = check(
        datetime!(2026-11-22 09:00 +09:00),
        Outcome::Valid,
        "昨日　一郎",
        "ｻｸｼﾞﾂ ｲﾁﾛｳ",
    );
    old.consents = vec![Consent {
        kind: ConsentKind::Drug,
        agreed: true,
        at: Some(datetime!(2026-11-22 09:00 +09:00)),
    }];
    let mut refused = check(
        datetime!(2026-11-23 09:00 +09:00),
        Outcome::Valid,
        "拒否　二郎",
        "ｷｮﾋ ｼﾞﾛｳ",
    );
    refused.consents = vec![Consent {
        kind: ConsentKind::Drug,
        agreed: false,
        at: Some(datetime!(2026-11-23 09:00 +09:00)),
    }];
    let mut agreed = check(
        datetime!(2026-11-23 10:00 +09:00),
        Outcome::Valid,
        "同意　三郎",
        "ﾄﾞｳｲ ｻﾌﾞﾛｳ",
    );
    agreed.consents = vec![
        Consent {
            kind: ConsentKind::Drug,
            agreed: true,
            // No time from the centre: the check's time counts.
            at: None,
        },
        Consent {
            kind: ConsentKind::Checkup,
            agreed: false,
            at: None,
        },
    ];
    h.record(&old).unwrap();
    h.record(&refused).unwrap();
    let id = h.record(&agreed).unwrap();
    let since = datetime!(2026-11-22 10:00 +09:00);
    let got = h.consented_since(ConsentKind::Drug, since).unwrap();
    assert_eq!(got.iter().map(|e| e.id).collect::<Vec<_>>(), [id]);
    assert_eq!(got[0].check.consents.len(), 2, "all consents come with it");
    assert!(
        h.consented_since(ConsentKind::Checkup, since)
            .unwrap()
            .is_empty()
    );
    let earlier = datetime!(2026-11-21 10:00 +09:00);
    assert_eq!(
        h.consented_since(ConsentKind::Drug, earlier).unwrap().len(),
        2
    );
}

#[test]
fn two_writers_at_once_make_one_unbroken_audit_chain() {
    use super::audit::{Event, StaffEvent};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("h.sqlite");
    History::open(&path).unwrap();
    // The console and a command append at the same time, each through its own connection.
    let writers: Vec<_> = ["doctor/yamada", "admin/kanri"]
        .into_iter()
        .map(|who| {
            let path = path.clone();
            std::thread::spawn(move || {
                let mut h = History::open(&path).unwrap();
                for _ in 0..25 {
                    h.audit_staff(&StaffEvent {
                        at: datetime!(2026-11-23 10:00 +09:00),
                        actor: who.into(),
                        event: Event::Login,
                        subject: None,
                        detail: None,
                    })
                    .unwrap();
                }
            })
        })
        .collect();
    for w in writers {
        w.join().unwrap();
    }
    let c = History::open(&path).unwrap().verify_audit().unwrap();
    assert_eq!((c.rows, c.broken), (50, None));
}

#[test]
fn a_version_3_file_gains_the_prescription_column_and_keeps_its_rows() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("h.sqlite");
    // A file as the previous build left it: schema 3, one check stored.
    {
        let mut c = rusqlite::Connection::open(&path).unwrap();
        let tx = c.transaction().unwrap();
        for step in &MIGRATIONS[..3] {
            tx.execute_batch(step).unwrap();
        }
        tx.execute_batch("PRAGMA user_version = 3").unwrap();
        tx.execute(
            "INSERT INTO checks (at_ms, day, method, outcome, name, kana_key) VALUES (1795395600000, '2026-11-23', 'card-pin', 'valid', '試験　花子', '')",
            [],
        )
        .unwrap();
        tx.commit().unwrap();
    }
    let mut h = History::open(&path).unwrap();
    let old = h.search(&Query::default()).unwrap();
    assert_eq!(old.len(), 1, "the old row is kept");
    assert_eq!(old[0].check.person.name.as_deref(), Some("試験　花子"));
    assert_eq!(old[0].check.person.prescription_issue, None);
    // A new check keeps the patient's choice (1 電子処方箋).
    let mut c = check(
        datetime!(2026-11-23 11:00 +09:00),
        Outcome::Valid,
        "試験　太郎",
        "ｼｹﾝ ﾀﾛｳ",
    );
    c.person.prescription_issue = Some("1".into());
    let id = h.record(&c).unwrap();
    let back = h.get(id).unwrap().unwrap();
    assert_eq!(back.check.person.prescription_issue.as_deref(), Some("1"));
}
