//! Reading a pharmacy group's list (CSV) into the [`Group`] that 第4 judges. The format:
//!
//! ```text
//! 薬局ID,指定日,遡及前指定日,2020-03,2020-04,2020-05,...,2021-01,2021-02
//! A001,2015-04-01,,3400,3390,3410,...,3380,3300
//! B007,2020-09-15,,,,,,,,4010,4050,...
//! C003,2020-10-01,2009-06-01,2900,2950,...
//! ```
//!
//! A header row is required. `薬局ID` (or `pharmacy_id`) is the group's own code for the
//! pharmacy, unique in the list; `指定日` (`designation`) the 保険薬局 designation date
//! (YYYY-MM-DD, YYYYMMDD or YYYY/MM/DD); `遡及前指定日` (`earlier_designation`, optional
//! column, may be blank) the designation before a change of 開設者 whose new designation was
//! made retroactive (第4(3): the earlier record counts, so that row's counts run on across the
//! change). Then exactly 12 month columns, `YYYY-MM` (or `YYYY/MM`, `YYYY年M月`), the 12
//! months from 前年3月 to 当年2月 in any order: the last of them is the February at whose end
//! 第4 judges. A cell is that month's 処方箋受付回数 (digits; blank = no record, e.g. before a
//! new pharmacy opened). Bytes are UTF-8 (BOM or not) or Shift_JIS, as for the 一括照会 list.
//! Any problem refuses the whole list (a sum with a pharmacy left out would be wrong), with
//! every bad row named by its line.

use super::rules::{Group, Month, Pharmacy};
use crate::batch::import::{self, ImportError};
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

/// Most pharmacies in one list.
pub const MAX_PHARMACIES: usize = 20_000;
/// Largest file read.
pub const MAX_BYTES: u64 = 16 * 1024 * 1024;

/// A column of the list other than the months.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Id,
    Designated,
    Earlier,
}

impl Column {
    /// The header cell (as in the docs).
    pub fn header(self) -> &'static str {
        match self {
            Column::Id => "薬局ID",
            Column::Designated => "指定日",
            Column::Earlier => "遡及前指定日",
        }
    }
    fn named(cell: &str) -> Option<Column> {
        let c = cell.trim().to_lowercase();
        match c.as_str() {
            "薬局id" | "薬局ｉｄ" | "pharmacy_id" | "pharmacy id" | "id" => Some(Column::Id),
            "指定日" | "designation" | "designated" | "designation_date" => {
                Some(Column::Designated)
            }
            "遡及前指定日" | "earlier_designation" => Some(Column::Earlier),
            _ => None,
        }
    }
}

/// What is wrong with one row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    NoId,
    DuplicateId { first_line: usize },
    BadDate { column: Column },
    BadCount { month: Month },
    TooManyCells,
}

/// A bad row: its line and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowProblem {
    pub line: usize,
    pub problem: Problem,
}

/// Why a list cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ListError {
    #[error("the pharmacies list cannot be read ({detail}): check the path and try again")]
    Unreadable { detail: String },
    #[error("the pharmacies list is larger than 16 MiB: is it the right file?")]
    TooBig,
    #[error(
        "the pharmacies list is neither UTF-8 nor Shift_JIS text: save it from Excel as \"CSV UTF-8\" or \"CSV (comma delimited)\""
    )]
    NotText,
    #[error("line {line}: a quoted cell is not closed: check the quotation marks on that line")]
    UnclosedQuote { line: usize },
    #[error("the pharmacies list is empty: write the header row and one row per pharmacy")]
    Empty,
    #[error(
        "the header needs the columns 薬局ID and 指定日 (and the 12 months YYYY-MM from March to February)"
    )]
    MissingColumn { column: Column },
    #[error("the header's column {name:?} is not a column of the list: name it as in the README")]
    UnknownColumn { name: String },
    #[error("the header names a column twice: {name:?}")]
    DuplicateColumn { name: String },
    #[error(
        "the header has {found} month columns: give the 12 months from 前年3月 to 当年2月 (e.g. 2020-03 … 2021-02)"
    )]
    NotTwelveMonths { found: usize },
    #[error(
        "the month columns must be the 12 months from a March to the next February (第4 counts at 当年2月末日)"
    )]
    NotMarchToFebruary,
    #[error("the list has no pharmacy rows: add one row per pharmacy below the header")]
    NoPharmacies,
    #[error("the list has more than {max} pharmacies")]
    TooMany { max: usize },
    #[error("{} rows cannot be used", .0.len())]
    Rows(Vec<RowProblem>),
}

/// Reads and parses the list at `path`.
pub fn load(path: &Path) -> Result<Group, ListError> {
    use std::io::Read as _;
    let f = std::fs::File::open(path).map_err(|e| ListError::Unreadable {
        detail: e.kind().to_string(),
    })?;
    let mut bytes = Vec::new();
    f.take(MAX_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| ListError::Unreadable {
            detail: e.kind().to_string(),
        })?;
    if bytes.len() as u64 > MAX_BYTES {
        return Err(ListError::TooBig);
    }
    parse(&bytes)
}

/// A month header: `YYYY-MM`, `YYYY/MM` or `YYYY年M月` (full-width digits allowed).
pub fn month_header(cell: &str) -> Option<Month> {
    let s: String = cell
        .trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '／' | '－' => '-',
            _ => c,
        })
        .collect();
    let (y, m) = if let Some(rest) = s.strip_suffix('月') {
        rest.split_once('年')?
    } else {
        s.split_once(['-', '/'])?
    };
    if y.len() != 4 || !(1..=2).contains(&m.len()) {
        return None;
    }
    if !y.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit()) {
        return None;
    }
    Month::new(y.parse().ok()?, m.parse().ok()?)
}

/// Parses a list from its bytes (see the module doc).
pub fn parse(bytes: &[u8]) -> Result<Group, ListError> {
    let (text, _) = import::decode(bytes).map_err(|_| ListError::NotText)?;
    let records = import::split_records(&text).map_err(|e| match e {
        ImportError::UnclosedQuote { line } => ListError::UnclosedQuote { line },
        _ => ListError::NotText,
    })?;
    let mut records = records
        .into_iter()
        .filter(|(_, cells)| cells.iter().any(|c| !c.trim().is_empty()));
    let (_, header) = records.next().ok_or(ListError::Empty)?;

    // The header: which cell is which column.
    let mut fixed: [Option<usize>; 3] = [None; 3];
    let mut months: Vec<(usize, Month)> = Vec::new();
    for (i, cell) in header.iter().enumerate() {
        if cell.trim().is_empty() {
            continue;
        }
        if let Some(c) = Column::named(cell) {
            let slot = &mut fixed[c as usize];
            if slot.is_some() {
                return Err(ListError::DuplicateColumn {
                    name: cell.trim().into(),
                });
            }
            *slot = Some(i);
        } else if let Some(m) = month_header(cell) {
            if months.iter().any(|(_, x)| *x == m) {
                return Err(ListError::DuplicateColumn {
                    name: cell.trim().into(),
                });
            }
            months.push((i, m));
        } else {
            return Err(ListError::UnknownColumn {
                name: cell.trim().chars().take(40).collect(),
            });
        }
    }
    let [Some(id_at), Some(designated_at), earlier_at] = fixed else {
        let column = if fixed[0].is_none() {
            Column::Id
        } else {
            Column::Designated
        };
        return Err(ListError::MissingColumn { column });
    };
    if months.len() != 12 {
        return Err(ListError::NotTwelveMonths {
            found: months.len(),
        });
    }
    months.sort_by_key(|(_, m)| *m);
    let first = months[0].1;
    let last = months[11].1;
    let consecutive = months.windows(2).all(|w| w[0].1.next() == w[1].1);
    if !consecutive || first.month != 3 || last.month != 2 {
        return Err(ListError::NotMarchToFebruary);
    }

    let mut pharmacies = Vec::new();
    let mut problems = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    let width = header.len();
    for (line, cells) in records {
        if pharmacies.len() + problems.len() >= MAX_PHARMACIES {
            return Err(ListError::TooMany {
                max: MAX_PHARMACIES,
            });
        }
        let cell = |i: usize| cells.get(i).map(|s| s.trim()).unwrap_or("");
        let mut bad = |problem| problems.push(RowProblem { line, problem });
        if cells.len() > width && cells[width..].iter().any(|c| !c.trim().is_empty()) {
            bad(Problem::TooManyCells);
            continue;
        }
        let id = cell(id_at);
        if id.is_empty() {
            bad(Problem::NoId);
            continue;
        }
        if let Some(first_line) = seen.get(id) {
            bad(Problem::DuplicateId {
                first_line: *first_line,
            });
            continue;
        }
        seen.insert(id.to_string(), line);
        let Some(designated) = eligibility::ids::parse_yyyymmdd(cell(designated_at)) else {
            bad(Problem::BadDate {
                column: Column::Designated,
            });
            continue;
        };
        let earlier = match earlier_at.map(cell).filter(|s| !s.is_empty()) {
            None => None,
            Some(s) => match eligibility::ids::parse_yyyymmdd(s) {
                Some(d) => Some(d),
                None => {
                    bad(Problem::BadDate {
                        column: Column::Earlier,
                    });
                    continue;
                }
            },
        };
        let mut counts = BTreeMap::new();
        let mut count_problem = None;
        for (i, m) in &months {
            let c = cell(*i);
            if c.is_empty() {
                continue;
            }
            match c.parse::<u64>() {
                Ok(n) if c.bytes().all(|b| b.is_ascii_digit()) => {
                    counts.insert(*m, n);
                }
                _ => {
                    count_problem = Some(*m);
                    break;
                }
            }
        }
        if let Some(month) = count_problem {
            bad(Problem::BadCount { month });
            continue;
        }
        pharmacies.push(Pharmacy {
            id: id.to_string(),
            designated,
            earlier_designation: earlier,
            counts,
        });
    }
    if !problems.is_empty() {
        return Err(ListError::Rows(problems));
    }
    if pharmacies.is_empty() {
        return Err(ListError::NoPharmacies);
    }
    Ok(Group {
        february: last,
        pharmacies,
    })
}
