//! `{:?}` of the app's types that hold a patient's data shows none of it: a stray
//! `tracing::debug!(?row)` or an `expect` message cannot put a name, an insurance number, a
//! birth date or a drug / checkup value into a log. One sample person, every type that can
//! hold them, and a search of the Debug text for each personal value.

use onshi_desk::batch::import::{Import, Row, SourceEncoding};
use onshi_desk::batch::store::{Outcome, StoredRow};
use onshi_desk::history::{CheckRecord, Entry, Method, Person, Query, Viewed};
use onshi_desk::numbers::CheckForm;
use onshi_desk::services::viewer::{
    Answer, CheckupRow, Consented, Data, DrugRow, Out, Range, Subject,
};

const NAME: &str = "秘密　花子";
const KANA: &str = "ﾋﾐﾂ ﾊﾅｺ";
const INSURER: &str = "01130012";
const SYMBOL: &str = "7654321";
const NUMBER: &str = "98765";
const BIRTH: &str = "19800217";
const DRUG: &str = "ロキソプロフェン錠";
const DOSE: &str = "3錠";
const VALUE: &str = "137.5";
const ITEM: &str = "収縮期血圧";

fn form() -> CheckForm {
    CheckForm {
        insurer: INSURER.into(),
        symbol: SYMBOL.into(),
        number: NUMBER.into(),
        branch: "00".into(),
        birth: BIRTH.into(),
        limit_consent: true,
        date: "2026-04-01".into(),
    }
}

fn cells() -> [String; 7] {
    [NAME, INSURER, SYMBOL, NUMBER, "00", BIRTH, "2026-12-24"].map(String::from)
}

#[test]
fn debug_of_every_type_holding_personal_data_shows_none_of_it() {
    let search = form().search().unwrap_or_else(|_| panic!("a good sample"));
    let row = Row {
        line: 2,
        cells: cells(),
        parsed: Ok(search.clone()),
    };
    let import = Import {
        encoding: SourceEncoding::Utf8,
        had_header: true,
        rows: vec![row.clone()],
    };
    let stored = StoredRow {
        seq: 0,
        line: 2,
        cells: cells(),
        outcome: Outcome::Valid,
        follow_up: Default::default(),
        confirm_date: Some("20261224".into()),
    };
    let person = Person {
        name: Some(NAME.into()),
        name_kana: Some(KANA.into()),
        birth_date: Some(BIRTH.into()),
        insurer_number: Some(INSURER.into()),
        card_symbol: Some(SYMBOL.into()),
        card_number: Some(NUMBER.into()),
        ..Person::default()
    };
    let entry = Entry {
        id: 1,
        check: CheckRecord {
            at: time::OffsetDateTime::UNIX_EPOCH,
            method: Method::InsuranceCard,
            outcome: onshi_desk::history::Outcome::Valid,
            reason_code: None,
            reason_message: None,
            person,
            consents: vec![],
        },
    };
    let consented = Consented {
        check_id: 1,
        at: time::OffsetDateTime::UNIX_EPOCH,
        name: NAME.into(),
        drug_until: None,
        checkup_until: None,
    };
    let drug = DrugRow {
        date: "2026-11-01".into(),
        institution: "試験クリニック".into(),
        drug: DRUG.into(),
        dose: DOSE.into(),
        usage: "1日3回毎食後".into(),
        days: "14日分".into(),
    };
    let checkup = CheckupRow {
        date: "2026-04-01".into(),
        item: ITEM.into(),
        value: VALUE.into(),
        unit: "mmHg".into(),
        range: Some(Range::Below(130.0)),
        out: Some(Out::High),
    };
    let shown = Answer::Shown {
        what: Viewed::Drug,
        disaster: false,
        data: Data::Drugs(vec![drug.clone()]),
    };
    let query = Query {
        kana_prefix: Some(KANA.into()),
        ..Query::default()
    };

    let samples: Vec<(&str, String)> = vec![
        ("CheckForm", format!("{:?}", form())),
        ("SearchInfo", format!("{search:?}")),
        ("Row", format!("{row:?}")),
        ("Import", format!("{import:?}")),
        ("StoredRow", format!("{stored:?}")),
        ("Entry", format!("{entry:?}")),
        ("Consented", format!("{consented:?}")),
        (
            "Subject",
            format!("{:?}", Subject::Disaster(search.clone())),
        ),
        ("DrugRow", format!("{drug:?}")),
        ("CheckupRow", format!("{checkup:?}")),
        (
            "Data",
            format!("{:?}", Data::Checkups(vec![checkup.clone()])),
        ),
        ("Answer", format!("{shown:?}")),
        ("Query", format!("{query:?}")),
    ];
    // The 保険者番号 names the insurer (an organisation), which eligibility's Debug shows on
    // purpose; the person's own 記号 and 番号 are searched for.
    let personal = [
        NAME, "秘密", KANA, SYMBOL, NUMBER, BIRTH, "1980", DRUG, DOSE, VALUE, ITEM,
    ];
    let leaks: Vec<String> = samples
        .iter()
        .flat_map(|(ty, text)| {
            personal
                .iter()
                .filter(|v| text.contains(*v))
                .map(move |v| format!("{ty} shows {v:?}: {text}"))
        })
        .collect();
    assert!(leaks.is_empty(), "{}", leaks.join("\n"));
    // Still useful for debugging: the row's line and the check's outcome show.
    assert!(samples[2].1.contains("line: 2"), "{}", samples[2].1);
    assert!(samples[5].1.contains("Valid"), "{}", samples[5].1);
}
