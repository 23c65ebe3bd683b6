//! The 一括照会 job store on a real SQLite file: what a reopened app finds after each step, and
//! the exported table's bytes.

use onshi_desk::batch::import::{Column, Problem};
use onshi_desk::batch::store::{self, JobState, Outcome, Store};
use onshi_desk::i18n::Lang;
use onshi_desk::services::export::write_csv;

const LIST: &str = "患者氏名,保険者番号,記号,番号,枝番,生年月日\n\
試験　花子,01130012,1234567,12,00,19800217\n\
\"=HYPERLINK(\"\"x\"\")\",01130012,1234567,12,00,19800217\n\
誤り,01130012,1234567,12,00,19800231\n";

#[test]
fn every_step_survives_a_reopen() {
    let dir = tempfile::tempdir().unwrap();
    let path = store::default_file(dir.path());
    let import = onshi_desk::batch::parse(LIST.as_bytes()).unwrap();
    let digest = store::digest(LIST.as_bytes());
    let (id, key) = {
        let mut st = Store::open(&path).unwrap();
        let job = st.create(&import, &digest, "1310100019").unwrap();
        assert_eq!(job.state, JobState::Imported);
        (job.id, job.key)
    };
    // Reopened before the upload: the same job, the same key, found by the file's digest.
    let mut st = Store::open(&path).unwrap();
    let job = st.unfinished(&digest, "1310100019").unwrap().unwrap();
    assert_eq!(
        (job.id, &job.key, job.reception.as_deref()),
        (id, &key, None)
    );
    assert!(st.unfinished(&digest, "1310100027").unwrap().is_none());
    st.set_reception(id, "R1").unwrap();
    drop(st);

    let mut st = Store::open(&path).unwrap();
    let job = st.job(id).unwrap();
    assert_eq!(
        (job.state, job.reception.as_deref()),
        (JobState::Uploaded, Some("R1"))
    );
    let rows = st.rows(id).unwrap();
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0].outcome, Outcome::Pending);
    // The bad row keeps its line, column and reason across the reopen.
    match &rows[2].outcome {
        Outcome::Bad(p) => {
            assert_eq!((rows[2].line, p.column), (4, Column::Birth));
            assert!(matches!(p.problem, Problem::Id(_)));
        }
        o => panic!("row 3 should be bad, is {o:?}"),
    }
    st.finish(
        id,
        &[
            (0, Outcome::Valid),
            (
                1,
                Outcome::Invalid {
                    lost_on: Some("20260901".into()),
                    reason: None,
                },
            ),
            // A result for a row that was never sent is ignored.
            (2, Outcome::Valid),
        ],
    )
    .unwrap();
    drop(st);

    let st = Store::open(&path).unwrap();
    assert_eq!(st.job(id).unwrap().state, JobState::Done);
    assert!(st.unfinished(&digest, "1310100019").unwrap().is_none());
    let rows = st.rows(id).unwrap();
    assert!(matches!(rows[2].outcome, Outcome::Bad(_)));

    let mut csv = Vec::new();
    write_csv(&rows, Lang::Ja, &mut csv).unwrap();
    let text = std::str::from_utf8(csv.strip_prefix(b"\xEF\xBB\xBF").expect("BOM")).unwrap();
    let lines: Vec<&str> = text.split("\r\n").collect();
    assert_eq!(
        lines[0],
        "行,患者氏名,保険者番号,記号,番号,枝番,生年月日,予約日,資格確認日,資格確認結果,理由,確認事項"
    );
    assert_eq!(
        lines[1],
        "2,試験　花子,01130012,1234567,12,00,19800217,,当日,有効,,"
    );
    // A cell that Excel would run as a formula is quoted and defused.
    assert!(
        lines[2].starts_with("3,\"'=HYPERLINK(\"\"x\"\")\",")
            && lines[2].contains(",無効,資格喪失（2026-09-01）"),
        "{}",
        lines[2]
    );
    assert!(
        lines[3].starts_with("4,誤り,") && lines[3].contains(",エラー,未送信: 生年月日"),
        "{}",
        lines[3]
    );
}

#[test]
fn the_store_is_in_wal_mode() {
    let dir = tempfile::tempdir().unwrap();
    let path = store::default_file(dir.path());
    drop(Store::open(&path).unwrap());
    let c = rusqlite::Connection::open(&path).unwrap();
    let mode: String = c
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
}
