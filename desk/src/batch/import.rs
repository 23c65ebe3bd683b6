//! Reading a 一括照会リスト (the clinic's CSV of booked patients) into rows the centre can be
//! asked about. Columns, in the seed document's order: 患者氏名, 保険者番号, 記号, 番号, 枝番,
//! 生年月日 (YYYYMMDD, YYYY-MM-DD or YYYY/MM/DD), and optionally a 7th, 予約日 (the appointment
//! day the row is checked for, its 資格確認日; same spellings; empty: the job's date). A 予約日
//! that is not a day, or a day already past in Japan, refuses the row. The bytes may be UTF-8 (with or without a BOM)
//! or Shift_JIS (Windows-31J, what Excel writes on a Japanese desktop): a file that is valid
//! UTF-8 is read as UTF-8, anything else as Shift_JIS, and a file that is neither is refused.
//! The header row is optional: the first row is a header when one of its cells is a column
//! name (so columns may then come in any order, unknown columns are ignored); otherwise every
//! row is data in the order above. Every data row is validated with `eligibility::ids` and
//! either becomes a [`eligibility::xml::SearchInfo`] or is reported with its line number, the
//! column and the reason. Nothing here logs a cell's content.

use eligibility::IdError;
use eligibility::xml::SearchInfo;

/// The columns of a 一括照会リスト row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Column {
    Name,
    Insurer,
    Symbol,
    Number,
    Branch,
    Birth,
    /// 予約日: the row's 資格確認日 (optional).
    Date,
}

impl Column {
    /// In the seed document's order (and the order of a file without a header).
    pub const ALL: [Column; 7] = [
        Column::Name,
        Column::Insurer,
        Column::Symbol,
        Column::Number,
        Column::Branch,
        Column::Birth,
        Column::Date,
    ];

    /// The header cell that names this column (Japanese, as in the seed document).
    pub fn header(self) -> &'static str {
        match self {
            Column::Name => "患者氏名",
            Column::Insurer => "保険者番号",
            Column::Symbol => "記号",
            Column::Number => "番号",
            Column::Branch => "枝番",
            Column::Birth => "生年月日",
            Column::Date => "予約日",
        }
    }

    /// Header cells accepted for this column (Japanese and English spellings).
    fn aliases(self) -> &'static [&'static str] {
        match self {
            Column::Name => &["患者氏名", "氏名", "name", "patient", "patient name"],
            Column::Insurer => &["保険者番号", "insurer", "insurer number"],
            Column::Symbol => &["記号", "symbol", "card symbol"],
            Column::Number => &["番号", "number", "card number"],
            Column::Branch => &["枝番", "branch", "branch number"],
            Column::Birth => &["生年月日", "birth", "birth date", "date of birth"],
            Column::Date => &[
                "予約日",
                "資格確認日",
                "appointment",
                "appointment date",
                "date",
            ],
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// The encoding a file was read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceEncoding {
    Utf8,
    Utf8Bom,
    ShiftJis,
}

/// Why a row cannot be sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// An identifier was refused (check digit, width, date…).
    Id(IdError),
    /// The row has fewer cells than the columns it needs.
    MissingColumn,
    /// A name longer than a person's name can be (probably a shifted row).
    NameTooLong { max: usize },
    /// The 予約日 is not a calendar day.
    BadDate,
    /// The 予約日 is already past (the centre answers for today or later).
    PastDate,
}

/// A row that will not be sent: where (1-based line of the file, column) and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowProblem {
    pub column: Column,
    pub problem: Problem,
}

/// One data row of the list, kept as read (trimmed) for the result table and the export.
/// Its Debug shows the line and whether it can be sent, never a cell.
#[derive(Clone, PartialEq)]
pub struct Row {
    /// 1-based line of the file (the header, if any, is line 1).
    pub line: usize,
    /// The cells in [`Column::ALL`] order, trimmed; empty when absent.
    pub cells: [String; 7],
    /// The validated query, or why there is none.
    pub parsed: Result<SearchInfo, RowProblem>,
}

impl std::fmt::Debug for Row {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut d = f.debug_struct("Row");
        d.field("line", &self.line);
        match &self.parsed {
            Ok(_) => d.field("parsed", &"ok"),
            Err(p) => d.field("refused", &p.column),
        };
        d.finish_non_exhaustive()
    }
}

impl Row {
    pub fn cell(&self, c: Column) -> &str {
        &self.cells[c.index()]
    }
    /// The row's own 資格確認日 (its 予約日 cell), `None` when empty or not a day.
    pub fn date(&self) -> Option<time::Date> {
        row_date(&self.cells)
    }
}

/// The 予約日 cell as a day, `None` when empty or not a day.
pub fn row_date(cells: &[String; 7]) -> Option<time::Date> {
    eligibility::ids::parse_yyyymmdd(&cells[Column::Date.index()])
}

/// A whole list: every data row, good or bad, in file order.
#[derive(Debug, Clone)]
pub struct Import {
    pub encoding: SourceEncoding,
    pub had_header: bool,
    pub rows: Vec<Row>,
}

impl Import {
    pub fn good(&self) -> usize {
        self.rows.iter().filter(|r| r.parsed.is_ok()).count()
    }
    pub fn bad(&self) -> impl Iterator<Item = &Row> {
        self.rows.iter().filter(|r| r.parsed.is_err())
    }
}

/// Why a file cannot be read as a list at all.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error(
        "the list is neither UTF-8 nor Shift_JIS text: save it from Excel as \"CSV UTF-8\" or \"CSV (comma delimited)\" and import it again"
    )]
    NotText,
    #[error("the list has no patient rows: add at least one row below the header")]
    Empty,
    #[error(
        "line {line}: a quoted cell is not closed: check the quotation marks on that line and import again"
    )]
    UnclosedQuote { line: usize },
    #[error(
        "the header names no 保険者番号 / 番号 / 生年月日 column: name them as in the 一括照会リスト (患者氏名,保険者番号,記号,番号,枝番,生年月日)"
    )]
    HeaderWithoutColumns,
}

/// Most characters of a 患者氏名 cell.
pub const NAME_MAX: usize = 100;

/// Reads a list from its bytes (see the module doc for the rules), today being today in Japan.
pub fn parse(bytes: &[u8]) -> Result<Import, ImportError> {
    parse_on(bytes, crate::time::today())
}

/// [`parse`] with `today` given (a 予約日 before it refuses its row).
pub fn parse_on(bytes: &[u8], today: time::Date) -> Result<Import, ImportError> {
    let (text, encoding) = decode(bytes)?;
    let records = split_records(&text)?;
    let mut records = records
        .into_iter()
        .filter(|(_, cells)| cells.iter().any(|c| !c.trim().is_empty()))
        .peekable();
    // Map a header's columns to ours, or take the fixed order.
    let mut map: [Option<usize>; 7] = [
        Some(0),
        Some(1),
        Some(2),
        Some(3),
        Some(4),
        Some(5),
        Some(6),
    ];
    let mut had_header = false;
    if let Some((_, first)) = records.peek() {
        let found = header_map(first);
        if found.iter().any(Option::is_some) {
            if found[Column::Insurer.index()].is_none()
                || found[Column::Number.index()].is_none()
                || found[Column::Birth.index()].is_none()
            {
                return Err(ImportError::HeaderWithoutColumns);
            }
            map = found;
            had_header = true;
            records.next();
        }
    }
    let rows: Vec<Row> = records
        .map(|(line, cells)| row(line, &cells, &map, today))
        .collect();
    if rows.is_empty() {
        return Err(ImportError::Empty);
    }
    Ok(Import {
        encoding,
        had_header,
        rows,
    })
}

pub(crate) fn decode(bytes: &[u8]) -> Result<(String, SourceEncoding), ImportError> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return std::str::from_utf8(rest)
            .map(|s| (s.to_string(), SourceEncoding::Utf8Bom))
            .map_err(|_| ImportError::NotText);
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok((s.to_string(), SourceEncoding::Utf8));
    }
    let (s, had_errors) = encoding_rs::SHIFT_JIS.decode_without_bom_handling(bytes);
    if had_errors {
        return Err(ImportError::NotText);
    }
    Ok((s.into_owned(), SourceEncoding::ShiftJis))
}

/// RFC 4180 records (quotes, doubled quotes, CRLF or LF; a quoted cell may span lines), each
/// with the 1-based line it starts on.
pub(crate) fn split_records(text: &str) -> Result<Vec<(usize, Vec<String>)>, ImportError> {
    let mut out = Vec::new();
    let mut cells = Vec::new();
    let mut cell = String::new();
    let mut line = 1;
    let mut start = 1;
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    cell.push('"');
                }
                '"' => quoted = false,
                '\n' => {
                    line += 1;
                    cell.push('\n');
                }
                _ => cell.push(c),
            }
            continue;
        }
        match c {
            '"' if cell.trim().is_empty() => {
                cell.clear();
                quoted = true;
            }
            ',' => cells.push(std::mem::take(&mut cell)),
            '\r' => {}
            '\n' => {
                cells.push(std::mem::take(&mut cell));
                out.push((start, std::mem::take(&mut cells)));
                line += 1;
                start = line;
            }
            _ => cell.push(c),
        }
    }
    if quoted {
        return Err(ImportError::UnclosedQuote { line: start });
    }
    if !cell.is_empty() || !cells.is_empty() {
        cells.push(cell);
        out.push((start, cells));
    }
    Ok(out)
}

fn header_map(cells: &[String]) -> [Option<usize>; 7] {
    let mut map = [None; 7];
    for (i, cell) in cells.iter().enumerate() {
        let name = cell.trim().to_lowercase();
        for col in Column::ALL {
            if map[col.index()].is_none() && col.aliases().contains(&name.as_str()) {
                map[col.index()] = Some(i);
            }
        }
    }
    map
}

fn row(line: usize, cells: &[String], map: &[Option<usize>; 7], today: time::Date) -> Row {
    let mut ours: [String; 7] = Default::default();
    let mut missing = None;
    for col in Column::ALL {
        match map[col.index()].and_then(|i| cells.get(i)) {
            Some(v) => ours[col.index()] = v.trim().to_string(),
            // Only the required cells make a short row bad; 記号 / 枝番 / 氏名 may be left off.
            None if matches!(col, Column::Insurer | Column::Number | Column::Birth)
                && missing.is_none() =>
            {
                missing = Some(col)
            }
            None => {}
        }
    }
    let parsed = match missing {
        Some(column) => Err(RowProblem {
            column,
            problem: Problem::MissingColumn,
        }),
        None => validate(&ours).and_then(|s| match row_date(&ours) {
            Some(d) if d < today => Err(RowProblem {
                column: Column::Date,
                problem: Problem::PastDate,
            }),
            _ => Ok(s),
        }),
    };
    Row {
        line,
        cells: ours,
        parsed,
    }
}

/// Checks a row's cells (a 予約日 only for being a day: whether it is past depends on when).
pub(crate) fn validate(cells: &[String; 7]) -> Result<SearchInfo, RowProblem> {
    let at = |column: Column| {
        move |e: IdError| RowProblem {
            column,
            problem: Problem::Id(e),
        }
    };
    if cells[Column::Name.index()].chars().count() > NAME_MAX {
        return Err(RowProblem {
            column: Column::Name,
            problem: Problem::NameTooLong { max: NAME_MAX },
        });
    }
    let opt = |s: &str| (!s.trim().is_empty()).then_some(());
    if opt(&cells[Column::Date.index()]).is_some() && row_date(cells).is_none() {
        return Err(RowProblem {
            column: Column::Date,
            problem: Problem::BadDate,
        });
    }
    Ok(SearchInfo {
        insurer_number: cells[1].parse().map_err(at(Column::Insurer))?,
        insured_card_symbol: match opt(&cells[2]) {
            Some(()) => Some(cells[2].parse().map_err(at(Column::Symbol))?),
            None => None,
        },
        insured_identification_number: cells[3].parse().map_err(at(Column::Number))?,
        insured_branch_number: match opt(&cells[4]) {
            Some(()) => Some(cells[4].parse().map_err(at(Column::Branch))?),
            None => None,
        },
        birthdate: cells[5].parse().map_err(at(Column::Birth))?,
        // A batch asks for eligibility only: 限度額 needs the patient's consent at the desk.
        limit_consent: eligibility::codes::LimitConsent::NotAgreed,
        arbitrary_identifier: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use eligibility::Lang;

    const GOOD: &str = "試験　花子,01130012,1234567,12,00,19800217";

    #[test]
    fn a_list_without_header_in_seed_order() {
        let i =
            parse(format!("{GOOD}\r\n鈴木　さくら,06139992,55,301,02,2015-08-20\r\n").as_bytes())
                .unwrap();
        assert!(!i.had_header);
        assert_eq!(i.encoding, SourceEncoding::Utf8);
        assert_eq!(i.good(), 2);
        assert_eq!(i.rows[1].line, 2);
        assert_eq!(i.rows[1].cell(Column::Name), "鈴木　さくら");
    }

    #[test]
    fn a_header_may_reorder_columns_and_a_bom_is_skipped() {
        let text = "\u{FEFF}生年月日,保険者番号,番号,記号,患者氏名,メモ\n19800217,01130012,12,1234567,試験　花子,x\n";
        let i = parse(text.as_bytes()).unwrap();
        assert!(i.had_header);
        assert_eq!(i.encoding, SourceEncoding::Utf8Bom);
        assert_eq!(i.good(), 1);
        let r = &i.rows[0];
        assert_eq!(r.line, 2);
        assert_eq!(r.cell(Column::Symbol), "1234567");
        assert_eq!(r.cell(Column::Branch), "");
    }

    #[test]
    fn shift_jis_is_read() {
        let text = format!("患者氏名,保険者番号,記号,番号,枝番,生年月日\n{GOOD}\n");
        let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode(&text);
        let i = parse(&sjis).unwrap();
        assert_eq!(i.encoding, SourceEncoding::ShiftJis);
        assert_eq!(i.rows[0].cell(Column::Name), "試験　花子");
        assert_eq!(i.good(), 1);
    }

    #[test]
    fn bad_rows_name_line_column_and_reason() {
        let text = format!(
            "{GOOD}\n試験,01130013,1234567,12,00,19800217\n試験,01130012,1234567,12,00,19800231\n試験,01130012\n"
        );
        let i = parse(text.as_bytes()).unwrap();
        let bad: Vec<_> = i.bad().collect();
        assert_eq!(bad.len(), 3);
        let p = bad[0].parsed.as_ref().unwrap_err();
        assert_eq!((bad[0].line, p.column), (2, Column::Insurer));
        assert!(
            p.message(Lang::Ja).contains("検証番号"),
            "{}",
            p.message(Lang::Ja)
        );
        let p = bad[1].parsed.as_ref().unwrap_err();
        assert_eq!((bad[1].line, p.column), (3, Column::Birth));
        let p = bad[2].parsed.as_ref().unwrap_err();
        assert_eq!((bad[2].line, p.column), (4, Column::Number));
        assert_eq!(p.problem, Problem::MissingColumn);
        // The message never quotes the cell.
        assert!(!p.message(Lang::En).contains("01130012"));
    }

    #[test]
    fn quoted_cells_and_blank_lines() {
        let text = "\"試験, 花子\",\"01130012\",1234567,12,00,19800217\n\n,,,,,\n";
        let i = parse(text.as_bytes()).unwrap();
        assert_eq!(i.rows.len(), 1);
        assert_eq!(i.rows[0].cell(Column::Name), "試験, 花子");
        assert!(matches!(
            parse(b"\"abc,1\n"),
            Err(ImportError::UnclosedQuote { line: 1 })
        ));
    }

    #[test]
    fn not_text_and_empty_are_refused() {
        assert!(matches!(
            parse(&[0x82, 0xFF, 0xFF]),
            Err(ImportError::NotText)
        ));
        assert!(matches!(
            parse("患者氏名,保険者番号,記号,番号,枝番,生年月日\n".as_bytes()),
            Err(ImportError::Empty)
        ));
        assert!(matches!(
            parse("患者氏名,メモ\nx,y\n".as_bytes()),
            Err(ImportError::HeaderWithoutColumns)
        ));
    }

    #[test]
    fn an_appointment_date_column_is_read_and_a_past_or_impossible_day_refuses_its_row() {
        let today = time::macros::date!(2026 - 12 - 05);
        let text = format!(
            "患者氏名,保険者番号,記号,番号,枝番,生年月日,予約日\n\
             {GOOD},2026/12/24\n{GOOD},20261205\n{GOOD},\n{GOOD},2026-12-04\n{GOOD},2026-02-30\n"
        );
        let i = parse_on(text.as_bytes(), today).unwrap();
        assert_eq!(i.rows[0].date(), Some(time::macros::date!(2026 - 12 - 24)));
        assert_eq!(i.rows[1].date(), Some(today), "today is not past");
        assert_eq!(i.rows[2].date(), None, "empty: the job's date");
        assert_eq!(i.good(), 3);
        let why: Vec<_> = i
            .bad()
            .map(|r| {
                let p = r.parsed.as_ref().unwrap_err();
                (r.line, p.column, p.problem.clone())
            })
            .collect();
        assert_eq!(
            why,
            [
                (5, Column::Date, Problem::PastDate),
                (6, Column::Date, Problem::BadDate)
            ]
        );
        // Without a header the 7th cell is the 予約日 too; an English header names it as well.
        let i = parse_on(format!("{GOOD},2026-12-24\n").as_bytes(), today).unwrap();
        assert_eq!(i.rows[0].cell(Column::Date), "2026-12-24");
        let en = "appointment date,insurer,number,birth\n20261224,01130012,12,19800217\n";
        let i = parse_on(en.as_bytes(), today).unwrap();
        assert_eq!(i.rows[0].date(), Some(time::macros::date!(2026 - 12 - 24)));
    }
}
