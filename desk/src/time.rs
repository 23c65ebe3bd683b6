//! Japan time, in one place: the centre, the history and the clerk all speak of the day in
//! JST (UTC+9, no daylight saving), whatever the machine's own time zone is.

use ::time::{Date, Month, OffsetDateTime, PrimitiveDateTime, Time, UtcOffset};
use eligibility::xml::text;

/// Japan Standard Time.
pub const JST: UtcOffset = match UtcOffset::from_hms(9, 0, 0) {
    Ok(o) => o,
    Err(_) => UtcOffset::UTC,
};

/// `t` seen in Japan.
pub fn jst(t: OffsetDateTime) -> OffsetDateTime {
    t.to_offset(JST)
}

/// Now, in Japan.
pub fn now() -> OffsetDateTime {
    jst(OffsetDateTime::now_utc())
}

/// The day it is in Japan at `t`.
pub fn day_of(t: OffsetDateTime) -> Date {
    jst(t).date()
}

/// Today in Japan.
pub fn today() -> Date {
    day_of(OffsetDateTime::now_utc())
}

/// The centre's `YYYYMMDDhhmmss` (Japan time).
pub fn centre_time(s: &Option<String>) -> Option<OffsetDateTime> {
    let s = text(s)?.trim();
    if s.len() != 14 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n = |r: std::ops::Range<usize>| s[r].parse::<u32>().ok();
    let date = Date::from_calendar_date(
        n(0..4)? as i32,
        Month::try_from(n(4..6)? as u8).ok()?,
        n(6..8)? as u8,
    )
    .ok()?;
    let t = Time::from_hms(n(8..10)? as u8, n(10..12)? as u8, n(12..14)? as u8).ok()?;
    Some(PrimitiveDateTime::new(date, t).assume_offset(JST))
}

/// A time as the centre writes it: `YYYYMMDDhhmmss` in Japan (the inverse of
/// [`centre_time`], for showing a stored check where a centre's answer is expected).
pub fn centre_time_text(t: OffsetDateTime) -> String {
    let t = t.to_offset(JST);
    format!(
        "{:04}{:02}{:02}{:02}{:02}{:02}",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use ::time::macros::{date, datetime};

    #[test]
    fn the_day_turns_at_midnight_in_japan_not_at_utc() {
        assert_eq!(
            day_of(datetime!(2026-12-04 14:59:59 UTC)),
            date!(2026 - 12 - 04)
        );
        assert_eq!(
            day_of(datetime!(2026-12-04 15:00:00 UTC)),
            date!(2026 - 12 - 05)
        );
    }
}
