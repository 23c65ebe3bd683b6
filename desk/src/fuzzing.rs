//! Entry points for the fuzz targets of the desk's own parsers (`fuzz/`, feature `fuzzing`):
//! the 一括照会 CSV import, kana search keys and the centre's times. Errors are the expected
//! outcome; a panic is a bug. Not an API: hidden from the docs.

/// A 一括照会 list file as the clinic drops it (UTF-8 or Shift_JIS CSV).
pub fn csv_import(data: &[u8]) {
    if let Ok(import) = crate::batch::parse(data) {
        assert!(!import.rows.is_empty(), "an accepted list has rows");
        for problem in import.bad().filter_map(|r| r.parsed.as_ref().err()) {
            let _ = problem.message(crate::i18n::Lang::Ja);
        }
    }
}

/// A kana name as the centre or a clerk writes it: its search key is stable.
pub fn kana(data: &[u8]) {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    let key = crate::history::kana::search_key(s);
    assert_eq!(
        crate::history::kana::search_key(&key),
        key,
        "a key is its own key"
    );
}

/// A time as the centre writes it (`YYYYMMDDhhmmss`, Japan): what reads writes back the same.
pub fn centre_time(data: &[u8]) {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    let s = Some(s.to_string());
    if let Some(t) = crate::time::centre_time(&s) {
        let text = crate::time::centre_time_text(t);
        assert_eq!(crate::time::centre_time(&Some(text)), Some(t));
    }
}
