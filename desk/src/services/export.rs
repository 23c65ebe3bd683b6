//! The result table as a CSV file for Excel and the clinic's own system: UTF-8 with a BOM
//! (without the BOM, Excel on a Japanese desktop reads UTF-8 as Shift_JIS and garbles the
//! names), CRLF line ends, one row per list row in list order: 行 (the line of the imported
//! file), the seven cells as imported (予約日 empty when the list had none), 資格確認日 (the
//! day the row was checked for), 資格確認結果 (有効 / 無効 / エラー), 理由 and 確認事項 (the
//! follow-ups: numbers that differ from the centre's, a changed 限度額).

use crate::batch::store::StoredRow;
use crate::i18n::{Lang, batch as words};
use std::io::Write;

/// Writes the table to `w` (header in `lang`).
pub fn write_csv(rows: &[StoredRow], lang: Lang, mut w: impl Write) -> std::io::Result<()> {
    w.write_all(b"\xEF\xBB\xBF")?;
    let mut line = String::new();
    push_record(&mut line, words::export_header(lang).iter().copied());
    w.write_all(line.as_bytes())?;
    for r in rows {
        line.clear();
        let n = r.line.to_string();
        let kind = words::kind(&r.outcome, lang);
        let reason = words::reason(&r.outcome, lang);
        let follow = words::follow_up(&r.follow_up, lang);
        let day = words::confirm_date(r, lang);
        let cells = std::iter::once(n.as_str())
            .chain(r.cells.iter().map(String::as_str))
            .chain([day.as_str(), kind, reason.as_str(), follow.as_str()]);
        push_record(&mut line, cells);
        w.write_all(line.as_bytes())?;
    }
    w.flush()
}

/// Writes the table to `path` (0600) through a private temporary file renamed into place, so
/// a reader never sees half a file and a failure leaves nothing behind
/// ([`crate::private::replace_file`]).
pub fn write_file(rows: &[StoredRow], lang: Lang, path: &std::path::Path) -> std::io::Result<()> {
    crate::private::replace_file(path, |w| write_csv(rows, lang, w))
}

fn push_record<'a>(out: &mut String, cells: impl Iterator<Item = &'a str>) {
    for (i, c) in cells.enumerate() {
        if i > 0 {
            out.push(',');
        }
        // Quote what would break the record; a leading = + - @ is quoted and prefixed so
        // that Excel does not run a cell as a formula.
        let formula = c.starts_with(['=', '+', '-', '@']);
        if formula || c.contains([',', '"', '\n', '\r']) {
            out.push('"');
            if formula {
                out.push('\'');
            }
            out.push_str(&c.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(c);
        }
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::batch::store::Outcome;

    fn rows() -> Vec<StoredRow> {
        vec![StoredRow {
            seq: 0,
            line: 2,
            cells: [
                "試験　花子".into(),
                "01130012".into(),
                "1234567".into(),
                "12".into(),
                "00".into(),
                "19800217".into(),
                String::new(),
            ],
            outcome: Outcome::Valid,
            follow_up: Default::default(),
            confirm_date: Some("20261205".into()),
        }]
    }

    fn names(dir: &std::path::Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn a_symlink_planted_at_the_old_temporary_name_is_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim.txt");
        std::fs::write(&victim, "someone else's file").unwrap();
        // The name the export used to write through: another account could plant this.
        std::os::unix::fs::symlink(&victim, dir.path().join(".結果.csv.partial")).unwrap();
        let out = dir.path().join("結果.csv");
        write_file(&rows(), Lang::Ja, &out).unwrap();
        assert_eq!(
            std::fs::read_to_string(&victim).unwrap(),
            "someone else's file"
        );
        let meta = std::fs::symlink_metadata(&out).unwrap();
        assert!(
            meta.is_file(),
            "the export is a file of its own, not a link"
        );
        let text = std::fs::read_to_string(&out).unwrap();
        assert!(
            text.contains("試験　花子") && text.contains("有効"),
            "{text}"
        );
    }

    #[test]
    fn a_failed_export_leaves_no_temporary_file_behind() {
        let dir = tempfile::tempdir().unwrap();
        // A folder that is not empty where the file should go: the final rename fails.
        let out = dir.path().join("結果.csv");
        std::fs::create_dir(&out).unwrap();
        std::fs::write(out.join("keep"), "x").unwrap();
        assert!(write_file(&rows(), Lang::Ja, &out).is_err());
        assert_eq!(names(dir.path()), ["結果.csv"]);
        assert_eq!(names(&out), ["keep"]);
    }
}
