//! The dates and ratios of a result that the seed does not store but a real result carries,
//! derived by one rule each from the qualification, the birth date and the day the result is
//! for. These are the simulator's choices (PROPOSED: the real centre's data is the insurers'):
//!
//! - **Card dates** (`InsuredCardValidDate`, `InsuredCardExpirationDate`,
//!   `InsuredCertificateIssuanceDate`). 後期高齢 (法別 39) and 国保 (6-digit insurer) cards are
//!   renewed every year for the 1 August – 31 July period: the card of the period holding the
//!   result's day is valid from 1 August (or the qualification date, if later) to 31 July and
//!   was issued on 15 July before it (or on the qualification date for a first card). Other
//!   cards (社保) are valid from the qualification date, issued on it, with no expiry.
//! - **`InsuredPartialContributionRatio`** (被保険者証一部負担金割合) only where the card states
//!   a ratio: every 後期高齢 card, and a 国保 card that is also the 高齢受給者証 (70–74). Other
//!   results carry no ratio: the clinic derives 3割 / 2割 (未就学) itself, and a 70–74 社保
//!   patient's ratio is `ElderlyRecipientContributionRatio`. Consumers such as myclinic-ts
//!   read this element as the 後期高齢 ratio.
//! - **高齢受給者証** (`ElderlyRecipientCertificateInfo`): entitled from the first day of the
//!   month after the 70th birthday (that month's first day when born on a 1st) until the day
//!   before the 75th birthday (then 後期高齢); the certificate of the 1 August – 31 July period
//!   holding the result's day, clipped to that entitlement and to the qualification; issued on
//!   its first day.
//! - **限度額適用認定証**: the certificate of the 1 August – 31 July period holding the
//!   result's day, from the qualification date if later; issued on its first day.

use time::{Date, Month};

fn ymd(s: &str) -> Option<Date> {
    eligibility::ids::parse_yyyymmdd(s)
}

fn wire(d: Date) -> String {
    eligibility::ids::format_yyyymmdd(d)
}

fn date(y: i32, m: Month, d: u8) -> Option<Date> {
    Date::from_calendar_date(y, m, d).ok()
}

/// The 1 August – 31 July period holding `day`.
fn august_period(day: Date) -> Option<(Date, Date)> {
    let y = if day.month() >= Month::August {
        day.year()
    } else {
        day.year() - 1
    };
    Some((date(y, Month::August, 1)?, date(y + 1, Month::July, 31)?))
}

/// The day a result is about: the day asked for, or the day before the loss when the
/// qualification was lost by then.
fn reference_day(since: &str, lost: &str, day: &str) -> Option<Date> {
    let day = ymd(day)?;
    let since = ymd(since)?;
    let day = match ymd(lost) {
        Some(l) if day >= l => l.previous_day()?,
        _ => day,
    };
    Some(day.max(since))
}

/// 法別 39.
pub fn is_late_elderly(insurer: &str) -> bool {
    insurer.len() == 8 && insurer.starts_with("39")
}

/// 国保 (6-digit insurer numbers).
pub fn is_kokuho(insurer: &str) -> bool {
    insurer.len() == 6
}

/// Card dates: (valid from, valid until, issued), YYYYMMDD; until is empty for no expiry.
pub fn card(insurer: &str, since: &str, lost: &str, day: &str) -> Option<(String, String, String)> {
    let start = ymd(since)?;
    if !(is_late_elderly(insurer) || is_kokuho(insurer)) {
        return Some((wire(start), String::new(), wire(start)));
    }
    let (from, to) = august_period(reference_day(since, lost, day)?)?;
    if start >= from {
        return Some((wire(start), wire(to), wire(start)));
    }
    let issued = date(from.year(), Month::July, 15)?;
    Some((wire(from), wire(to), wire(issued)))
}

/// 高齢受給者証: (issued, valid from, valid until), YYYYMMDD, for someone born `birth`.
pub fn elderly(
    birth: &str,
    since: &str,
    lost: &str,
    day: &str,
) -> Option<(String, String, String)> {
    let b = ymd(birth)?;
    let at70 = date(b.year() + 70, b.month(), 1)?;
    let entitled = if b.day() == 1 {
        at70
    } else {
        // The first day of the next month.
        let last = at70.month().length(at70.year());
        date(at70.year(), at70.month(), last)?.next_day()?
    };
    // The day before the 75th birthday (29 February births: 28 February in a common year).
    let at75 =
        date(b.year() + 75, b.month(), b.day()).or_else(|| date(b.year() + 75, Month::March, 1))?;
    let until75 = at75.previous_day()?;
    let (from, to) = august_period(reference_day(since, lost, day)?.max(entitled))?;
    let start = from.max(entitled).max(ymd(since)?);
    let end = to.min(until75);
    Some((wire(start), wire(start), wire(end)))
}

/// 限度額適用認定証: (issued, valid from, valid until), YYYYMMDD.
pub fn limit(since: &str, lost: &str, day: &str) -> Option<(String, String, String)> {
    let (from, to) = august_period(reference_day(since, lost, day)?)?;
    let start = from.max(ymd(since)?);
    Some((wire(start), wire(start), wire(to)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_70_year_old_s_certificate_starts_after_the_birthday_not_at_the_qualification() {
        // 中村 正: born 1954-06-15, insured since 1977; on 2026-11-23 the certificate of the
        // 2026 period.
        assert_eq!(
            elderly("19540615", "19770401", "", "20261123"),
            Some(("20260801".into(), "20260801".into(), "20270731".into()))
        );
        // In his first period: from 2024-07-01, the month after his 70th birthday.
        assert_eq!(
            elderly("19540615", "19770401", "", "20240720"),
            Some(("20240701".into(), "20240701".into(), "20240731".into()))
        );
        // Born on a 1st: entitled from that month; ends the day before the 75th birthday.
        assert_eq!(
            elderly("19520801", "19770401", "", "20261123"),
            Some(("20260801".into(), "20260801".into(), "20270731".into()))
        );
        assert_eq!(
            elderly("19520301", "19770401", "", "20261123"),
            Some(("20260801".into(), "20260801".into(), "20270228".into()))
        );
    }

    #[test]
    fn card_and_limit_periods_follow_the_august_renewal() {
        // 社保: from the qualification, no expiry.
        assert_eq!(
            card("01130012", "20030401", "", "20261123"),
            Some(("20030401".into(), String::new(), "20030401".into()))
        );
        // 後期高齢 since 2019: this period's card, issued in July.
        assert_eq!(
            card("39261003", "20190310", "", "20261123"),
            Some(("20260801".into(), "20270731".into(), "20260715".into()))
        );
        // 国保 first card in the period: from the qualification date.
        assert_eq!(
            card("138057", "20260901", "", "20261123"),
            Some(("20260901".into(), "20270731".into(), "20260901".into()))
        );
        // Lost on 2026-07-10: the card of the period that held its last day.
        assert_eq!(
            card("138057", "20100401", "20260710", "20261123"),
            Some(("20250801".into(), "20260731".into(), "20250715".into()))
        );
        assert_eq!(
            limit("20030401", "", "20260320"),
            Some(("20250801".into(), "20250801".into(), "20260731".into()))
        );
    }
}
