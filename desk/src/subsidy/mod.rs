//! The 補助金 estimator (医療情報化支援基金, the seed's 導入の手引き ４ and 実施要領): what a
//! facility may get for bringing in オンライン資格確認. [`rules`] holds the rules (pure, no
//! words), [`list`] reads a pharmacy group's CSV, [`cli`] is `onshi subsidy`, and the console's
//! 補助金 tab (`ui::subsidy`) draws the same [`Estimate`]; `i18n::subsidy` says every line.
//!
//! PROPOSED (the choices made where the seed is silent or says two things; one place):
//! 1. Exactly 40,000 a month is not a large chain: 第4 says 「４万回を超える」, the 手引き and
//!    第3の2 say 「月４万回以上」; 第4 is the rule for the count and is followed, and the output
//!    says so when the sum is exactly 40,000.
//! 2. Each pharmacy's monthly count is kept exact (a fraction with denominator up to 12), not
//!    rounded, and the group's sum is compared with 40,000 exactly.
//! 3. A pharmacy designated on or after 当年2月1日 is not counted: 第4(1) and (2) cover
//!    designations up to 当年1月末日 and no whole month after its designation is left to count.
//! 4. The judgment February is the last month of the list, whose month columns must be the 12
//!    months from 前年3月 to 当年2月. A month that 第4 counts for a pharmacy must be filled in
//!    (0 if none): a blank there refuses the list rather than counting as 0.
//! 5. 第4(3): a row with a 遡及前指定日 is judged from that earlier date, its counts across the
//!    change of 開設者 all counted.
//! 6. With a list, the list's verdict chooses between 別表2 and 別表3 even when the declared
//!    kind (`chain-pharmacy` / `pharmacy`) says otherwise, and a line says so; without one, the
//!    declared kind is taken as it is.
//! 7. A hospital must say how many readers it is provided (1–3, 別表1-1..1-3, the 手引き's 「3台
//!    まで」); other facilities are provided one and give no reader count.
//! 8. The caps are taken as the 別表 state them (105万円, 100.1万円, 95.1万円, 21.4万円, 32.1万円),
//!    not as the ceiling × rate (210.1万円 × 1/2 = 105.05万円): after the rounding down to 1,000
//!    yen of 第3の4(2) both give the same amount for every cost (tested).
//! 9. The ¥99,000 per-reader limit and the condition that the provided reader be brought in are
//!    stated, not computed: the 総事業費 given is taken as eligible.
//! 10. The application period is shown as the seed states it (第14, which allows it to be
//!     changed); a deadline is said to have passed by the day in Japan.

pub mod list;
pub mod rules;

pub use list::ListError;
pub use rules::{Estimate, EstimateError, Input, Kind};

use std::path::Path;
use time::Date;

/// Why the estimate could not be made, by who can fix it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Problem {
    /// The cost is not an amount in yen.
    #[error("the 総事業費 must be an amount in yen, tax included (e.g. 429000 or 429,000)")]
    BadCost,
    /// The arguments do not fit together.
    #[error(transparent)]
    Input(rules::InputError),
    /// The pharmacies list cannot be used.
    #[error(transparent)]
    List(#[from] ListError),
    /// The list was read but a pharmacy cannot be judged.
    #[error(transparent)]
    Group(rules::GroupError),
}

impl From<EstimateError> for Problem {
    fn from(e: EstimateError) -> Problem {
        match e {
            EstimateError::Input(e) => Problem::Input(e),
            EstimateError::Group(e) => Problem::Group(e),
        }
    }
}

/// An amount in yen as typed: digits (full-width too), `,` separators, an optional `¥` before
/// or `円` after.
pub fn parse_yen(s: &str) -> Option<u64> {
    let s: String = s
        .trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '，' => ',',
            '￥' => '¥',
            _ => c,
        })
        .collect();
    let s = s.trim_start_matches('¥').trim_end_matches('円').trim();
    if s.is_empty() || s.starts_with(',') || s.ends_with(',') {
        return None;
    }
    if !s.bytes().all(|b| b.is_ascii_digit() || b == b',') {
        return None;
    }
    // Separators only between thousands: "42,9000" is a typo, not 429,000.
    let mut groups = s.split(',');
    let first = groups.next().unwrap_or("");
    if s.contains(',') && (first.len() > 3 || groups.any(|g| g.len() != 3)) {
        return None;
    }
    s.replace(',', "").parse().ok()
}

/// The estimate for a form (the console's tab and the command share it): the list, if any, is
/// read from `list`.
pub fn estimate(
    kind: Kind,
    readers: Option<u8>,
    cost: &str,
    list: Option<&Path>,
    today: Date,
) -> Result<Estimate, Problem> {
    let cost = parse_yen(cost).ok_or(Problem::BadCost)?;
    if list.is_some() && !kind.is_pharmacy() {
        return Err(Problem::Input(rules::InputError::ListNotPharmacy));
    }
    let group = list.map(list::load).transpose()?;
    Ok(rules::estimate(&Input {
        kind,
        readers,
        cost,
        group,
        today,
    })?)
}

#[cfg(test)]
mod tests;
