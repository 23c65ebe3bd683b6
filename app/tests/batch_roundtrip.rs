//! The exported result table reads back as the list it came from (proptest): every row, in
//! order, with each of the six cells as the clerk's list had them, whatever they hold (commas,
//! quotes, line breaks, kana and kanji), and its 予約日 (none, or a day to come), with the
//! header in either language, whatever 資格確認日 the centre answered for.

use onshi_desk::batch::store::{Outcome, StoredRow};
use onshi_desk::i18n::Lang;
use onshi_desk::services::export::write_csv;
use proptest::prelude::*;

/// A cell of a booked patient's list: no space at either end (the import trims) and no
/// leading = + - @ (the export makes those inert for Excel with a leading ').
fn cell() -> impl Strategy<Value = String> {
    proptest::string::string_regex("[A-Za-z0-9ぁ-んァ-ヶ亜-腕 ,\"\n/・]{0,20}")
        .unwrap()
        .prop_map(|s| s.trim().to_string())
}

fn outcome() -> impl Strategy<Value = Outcome> {
    prop_oneof![
        Just(Outcome::Valid),
        Just(Outcome::Pending),
        Just(Outcome::NotFound),
        (
            proptest::option::of("[0-9]{8}"),
            proptest::option::of("[0-9]")
        )
            .prop_map(|(lost_on, reason)| Outcome::Invalid { lost_on, reason }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn an_exported_table_imports_as_the_same_rows(
        rows in proptest::collection::vec(
            (
                proptest::array::uniform6(cell()),
                proptest::option::of(1i64..400),
                outcome(),
                proptest::option::of("20[0-9]{2}(0[1-9]|1[0-2])(0[1-9]|1[0-9]|2[0-8])"),
            ),
            1..12,
        ),
        english in any::<bool>(),
    ) {
        // A row the clerk's list had: at least the required cells are not empty.
        let rows: Vec<StoredRow> = rows
            .into_iter()
            .enumerate()
            .map(|(seq, (six, ahead, outcome, confirm_date))| {
                let mut cells: [String; 7] = Default::default();
                for (i, c) in six.into_iter().enumerate() {
                    cells[i] = if c.is_empty() && [1, 3, 5].contains(&i) { "1".into() } else { c };
                }
                // The appointment day: none, or a day to come (a past one is refused on import).
                if let Some(days) = ahead {
                    let day = time::OffsetDateTime::now_utc().date() + time::Duration::days(days);
                    cells[6] = format!("{day}");
                }
                StoredRow {
                    seq,
                    line: seq + 2,
                    cells,
                    outcome,
                    follow_up: Default::default(),
                    confirm_date,
                }
            })
            .collect();
        let lang = if english { Lang::En } else { Lang::Ja };
        let mut csv = Vec::new();
        write_csv(&rows, lang, &mut csv).unwrap();
        let back = onshi_desk::batch::parse(&csv).unwrap();
        prop_assert!(back.had_header);
        prop_assert_eq!(back.rows.len(), rows.len());
        for (got, want) in back.rows.iter().zip(&rows) {
            prop_assert_eq!(&got.cells, &want.cells);
        }
    }
}
