//! Entry points for the fuzz targets of the desk's own parsers (`fuzz/`, feature `fuzzing`):
//! the 一括照会 CSV import, kana search keys, the centre's times and what the clinic link
//! echoes of a request it cannot read. Errors are the expected
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

/// A request file of the clinic link that could not be read: what its error answer echoes
/// (医療機関コード of 10 digits, file identifier of at most 64 characters) and the error answer
/// itself are always made.
pub fn link_echo(data: &[u8]) {
    let echo = crate::services::link::echo_of(data);
    if let Some(c) = &echo.institution {
        assert!(c.len() == 10 && c.bytes().all(|b| b.is_ascii_digit()));
    }
    assert!(
        echo.file_id
            .as_ref()
            .is_none_or(|f| f.chars().count() <= 64)
    );
    let e = eligibility::link::LinkError::Malformed;
    for enc in [
        eligibility::xml::Encoding::Utf8,
        eligibility::xml::Encoding::ShiftJis,
    ] {
        eligibility::link::error_answer(&e, "x", &echo, "20261123101502", enc)
            .expect("an error answer is always writable");
    }
}
