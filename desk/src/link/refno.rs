//! 照会番号 rows as a person types them or a clinic's list holds them (layer 2): a clinic's own
//! patient number (診察券番号) with the insurance numbers it stands for, checked into the
//! `RefNoRow`s the centre is sent (`services::refno` sends them), and the CSV list of
//! `onshi refno import` read (UTF-8 or Shift_JIS, every row checked before any is sent). What
//! a person reads of the problems is in `i18n::link`.

use eligibility::ids::IdError;
use eligibility::link::{RefNoRow, request::REFNO_BULK_MAX};
use std::path::Path;

/// The text of one row as typed or read: 照会番号, 保険者番号, 記号, 番号, 枝番, 生年月日.
#[derive(Default, Clone)]
pub struct RowText {
    pub reference_number: String,
    pub insurer: String,
    pub symbol: String,
    pub number: String,
    pub branch: String,
    pub birth: String,
}

/// What is wrong with a row.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum RowProblem {
    /// The 照会番号 is empty, too long or holds a control character.
    #[error("the reference number cannot be used: {0}")]
    ReferenceNumber(eligibility::ids::Reason),
    /// An insurance number or the birth date.
    #[error(transparent)]
    Id(#[from] IdError),
    /// A CSV line without the six columns.
    #[error("a line needs 6 columns (照会番号,保険者番号,記号,番号,枝番,生年月日), it has {got}")]
    Columns { got: usize },
}

/// Why a list cannot be used at all.
#[derive(Debug, thiserror::Error)]
pub enum ListProblem {
    #[error("the list cannot be read: {0}")]
    Unreadable(std::io::Error),
    #[error("the list is neither UTF-8 nor Shift_JIS")]
    Encoding,
    #[error("the list has no rows")]
    Empty,
    #[error("the list has {got} rows: at most {max} at once")]
    TooMany { max: usize, got: usize },
    /// Rows that cannot be sent (line number from 1, what is wrong); nothing was sent.
    #[error("{} rows cannot be sent", .0.len())]
    Rows(Vec<(usize, RowProblem)>),
}

impl RowText {
    /// The checked row.
    pub fn row(&self) -> Result<RefNoRow, RowProblem> {
        let opt = |s: &str| {
            let t = s.trim();
            (!t.is_empty()).then_some(t.to_string())
        };
        Ok(RefNoRow {
            reference_number: self
                .reference_number
                .parse()
                .map_err(RowProblem::ReferenceNumber)?,
            insurer: self.insurer.trim().parse()?,
            symbol: opt(&self.symbol).map(|s| s.parse()).transpose()?,
            number: self.number.trim().parse()?,
            branch: opt(&self.branch).map(|s| s.parse()).transpose()?,
            birth: opt(&self.birth)
                .map(|s| s.replace('-', "").parse())
                .transpose()?,
        })
    }
}

/// Reads a list: one row per line, `照会番号,保険者番号,記号,番号,枝番,生年月日` (記号, 枝番 and
/// 生年月日 may be empty; the birth date YYYY-MM-DD or YYYYMMDD), UTF-8 or Shift_JIS; a first
/// line starting with `照会番号` or `reference` is a header; empty lines are skipped. Every row
/// is checked before any is sent.
pub fn read_list(path: &Path) -> Result<Vec<RefNoRow>, ListProblem> {
    let bytes = std::fs::read(path).map_err(ListProblem::Unreadable)?;
    let text = match std::str::from_utf8(&bytes) {
        Ok(t) => t.trim_start_matches('\u{feff}').to_string(),
        Err(_) => {
            let (t, _, bad) = encoding_rs::SHIFT_JIS.decode(&bytes);
            if bad {
                return Err(ListProblem::Encoding);
            }
            t.into_owned()
        }
    };
    let (mut rows, mut problems) = (Vec::new(), Vec::new());
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let lower = line.to_ascii_lowercase();
        if i == 0 && (line.starts_with("照会番号") || lower.starts_with("reference")) {
            continue;
        }
        let cols: Vec<&str> = line
            .split(',')
            .map(|c| c.trim().trim_matches('"'))
            .collect();
        if cols.len() != 6 {
            problems.push((i + 1, RowProblem::Columns { got: cols.len() }));
            continue;
        }
        let t = RowText {
            reference_number: cols[0].into(),
            insurer: cols[1].into(),
            symbol: cols[2].into(),
            number: cols[3].into(),
            branch: cols[4].into(),
            birth: cols[5].into(),
        };
        match t.row() {
            Ok(r) => rows.push(r),
            Err(p) => problems.push((i + 1, p)),
        }
    }
    if !problems.is_empty() {
        return Err(ListProblem::Rows(problems));
    }
    if rows.is_empty() {
        return Err(ListProblem::Empty);
    }
    if rows.len() > REFNO_BULK_MAX {
        return Err(ListProblem::TooMany {
            max: REFNO_BULK_MAX,
            got: rows.len(),
        });
    }
    Ok(rows)
}
