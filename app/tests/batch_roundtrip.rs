//! The exported result table reads back as the list it came from (proptest): every row, in
//! order, with each of the six cells as the clerk's list had them, whatever they hold (commas,
//! quotes, line breaks, kana and kanji), with the header in either language.

use onshi::batch::export::write_csv;
use onshi::batch::store::{Outcome, StoredRow};
use onshi::i18n::Lang;
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
            (proptest::array::uniform6(cell()), outcome()),
            1..12,
        ),
        english in any::<bool>(),
    ) {
        // A row the clerk's list had: at least the required cells are not empty.
        let rows: Vec<StoredRow> = rows
            .into_iter()
            .enumerate()
            .map(|(seq, (mut cells, outcome))| {
                for i in [1, 3, 5] {
                    if cells[i].is_empty() {
                        cells[i] = "1".into();
                    }
                }
                StoredRow { seq, line: seq + 2, cells, outcome }
            })
            .collect();
        let lang = if english { Lang::En } else { Lang::Ja };
        let mut csv = Vec::new();
        write_csv(&rows, lang, &mut csv).unwrap();
        let back = onshi::batch::parse(&csv).unwrap();
        prop_assert!(back.had_header);
        prop_assert_eq!(back.rows.len(), rows.len());
        for (got, want) in back.rows.iter().zip(&rows) {
            prop_assert_eq!(&got.cells, &want.cells);
        }
    }
}
