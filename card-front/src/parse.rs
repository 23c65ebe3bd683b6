//! What the OCR's text means: the birth line (era, year, month, day, 生), the card's expiry line
//! (西暦 year, month, day, まで有効), the four digits of the security code and the card's title.
//! The text comes from a camera through Tesseract, so it is outside data: every function here
//! takes any string, returns `None` for anything that is not exactly the expected shape, and
//! never panics (fuzz target `front_text`). A real date, and an era that held on that date, are
//! part of the shape: 昭和65年 or 平成31年5月1日 parse to nothing.

use time::{Date, Month};
use zeroize::Zeroizing;

/// A Japanese era (元号) a living card holder can be born in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Era {
    Taisho,
    Showa,
    Heisei,
    Reiwa,
}

impl Era {
    const ALL: [Era; 4] = [Era::Taisho, Era::Showa, Era::Heisei, Era::Reiwa];

    /// The two characters printed on the card.
    pub fn kanji(self) -> &'static str {
        match self {
            Era::Taisho => "大正",
            Era::Showa => "昭和",
            Era::Heisei => "平成",
            Era::Reiwa => "令和",
        }
    }

    /// First day of the era (its 元年).
    pub fn first_day(self) -> Date {
        let (y, m, d) = match self {
            Era::Taisho => (1912, Month::July, 30),
            Era::Showa => (1926, Month::December, 25),
            Era::Heisei => (1989, Month::January, 8),
            Era::Reiwa => (2019, Month::May, 1),
        };
        Date::from_calendar_date(y, m, d).expect("era start dates are real dates")
    }

    /// The day after the era's last day, if it has ended.
    fn end(self) -> Option<Date> {
        match self {
            Era::Taisho => Some(Era::Showa.first_day()),
            Era::Showa => Some(Era::Heisei.first_day()),
            Era::Heisei => Some(Era::Reiwa.first_day()),
            Era::Reiwa => None,
        }
    }

    /// The era a Gregorian date falls in (None before 大正).
    pub fn of(date: Date) -> Option<Era> {
        Era::ALL.into_iter().rev().find(|e| date >= e.first_day())
    }

    /// The Gregorian date of `year` (era year, 1 = 元年) / `month` / `day` of this era, if the
    /// era held on that day.
    pub fn date(self, year: u16, month: u8, day: u8) -> Option<Date> {
        if year == 0 || year > 99 {
            return None;
        }
        let g = self.first_day().year() + i32::from(year) - 1;
        let date = Date::from_calendar_date(g, Month::try_from(month).ok()?, day).ok()?;
        let in_era = date >= self.first_day() && self.end().is_none_or(|end| date < end);
        in_era.then_some(date)
    }
}

/// How the card prints the birth year: in an era (Japanese nationals) or in 西暦 (foreign
/// residents).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Calendar {
    Era(Era),
    Gregorian,
}

/// The birth line as read: how it was printed and the date it names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BirthLine {
    pub calendar: Calendar,
    pub date: Date,
}

/// Full-width digits to ASCII and whitespace (of any width) dropped: what Tesseract may give
/// for the same print.
fn normalise(text: &str) -> Zeroizing<String> {
    let mut out = Zeroizing::new(String::with_capacity(text.len()));
    for c in text.chars() {
        match c {
            '０'..='９' => out.push(char::from(b'0' + (c as u32 - '０' as u32) as u8)),
            c if c.is_whitespace() => {}
            c => out.push(c),
        }
    }
    out
}

/// Splits a run of 1..=max ASCII digits off the front.
fn number(s: &str, max: usize) -> Option<(u16, &str)> {
    let n = s.bytes().take_while(u8::is_ascii_digit).count();
    if n == 0 || n > max {
        return None;
    }
    Some((s[..n].parse().ok()?, &s[n..]))
}

/// `Y年M月D日` at the front (year up to `year_digits` digits, or 元 when `gan` is allowed);
/// returns the numbers and the rest.
fn ymd(s: &str, year_digits: usize, gan: bool) -> Option<(u16, u8, u8, &str)> {
    let (year, s) = match s.strip_prefix('元') {
        Some(rest) if gan => (1, rest),
        _ => number(s, year_digits)?,
    };
    let s = s.strip_prefix('年')?;
    let (month, s) = number(s, 2)?;
    let s = s.strip_prefix('月')?;
    let (day, s) = number(s, 2)?;
    let s = s.strip_prefix('日')?;
    Some((year, u8::try_from(month).ok()?, u8::try_from(day).ok()?, s))
}

/// `昭和55年2月17日生` or, for foreign residents, `1985年7月4日生`.
pub fn birth_line(text: &str) -> Option<BirthLine> {
    let s = normalise(text);
    let era = Era::ALL.into_iter().find(|e| s.starts_with(e.kanji()));
    let (calendar, date, rest) = match era {
        Some(era) => {
            let (y, m, d, rest) = ymd(&s[era.kanji().len()..], 2, true)?;
            (Calendar::Era(era), era.date(y, m, d)?, rest)
        }
        None => {
            let (y, m, d, rest) = ymd(&s, 4, false)?;
            if y < 1900 {
                return None;
            }
            let date = Date::from_calendar_date(i32::from(y), Month::try_from(m).ok()?, d).ok()?;
            (Calendar::Gregorian, date, rest)
        }
    };
    (rest == "生").then_some(BirthLine { calendar, date })
}

/// The card's own expiry line, `2035年2月17日まで有効`: its year (the one 照合番号B takes).
pub fn expiry_line(text: &str) -> Option<u16> {
    let s = normalise(text);
    let (y, m, d, rest) = ymd(&s, 4, false)?;
    if !(2000..=2099).contains(&y) {
        return None;
    }
    Date::from_calendar_date(i32::from(y), Month::try_from(m).ok()?, d).ok()?;
    (rest == "まで有効").then_some(y)
}

/// Exactly four digits: the セキュリティコード printed under the photo.
pub fn security_code(text: &str) -> Option<Zeroizing<[u8; 4]>> {
    let s = normalise(text);
    let b = s.as_bytes();
    if b.len() != 4 || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let mut out = Zeroizing::new([0u8; 4]);
    out.copy_from_slice(b);
    Some(out)
}

/// Whether a line reads as the My Number Card's title 「個人番号カード」: at least five of its
/// seven characters, in order (the OCR may drop or change one or two).
pub fn is_card_title(text: &str) -> bool {
    const TITLE: [char; 7] = ['個', '人', '番', '号', 'カ', 'ー', 'ド'];
    let s = normalise(text);
    // Longest common subsequence with the title, O(len × 7).
    let mut row = [0usize; 8];
    for c in s.chars().take(64) {
        let mut prev_diag = 0;
        for (j, t) in TITLE.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if c == *t {
                prev_diag + 1
            } else {
                row[j + 1].max(row[j])
            };
            prev_diag = above;
        }
    }
    row[7] >= 5
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn birth_lines() {
        let b = birth_line("昭和55年 2月17日生").unwrap();
        assert_eq!(b.calendar, Calendar::Era(Era::Showa));
        assert_eq!(b.date, date!(1980 - 02 - 17));
        assert_eq!(
            birth_line("平成元年１月８日生").unwrap().date,
            date!(1989 - 01 - 08)
        );
        assert_eq!(
            birth_line("1985年 7月 4日生").unwrap().calendar,
            Calendar::Gregorian
        );
        // The era must have held on the day.
        assert!(birth_line("昭和64年1月8日生").is_none());
        assert!(birth_line("平成31年5月1日生").is_none());
        assert!(birth_line("令和元年4月30日生").is_none());
        assert!(birth_line("昭和55年2月30日生").is_none());
        assert!(birth_line("昭和55年2月17日").is_none());
        assert!(birth_line("昭和555年2月17日生").is_none());
    }

    #[test]
    fn expiry_and_code() {
        assert_eq!(expiry_line("2035年 2月17日まで有効"), Some(2035));
        assert_eq!(expiry_line("2035年2月30日まで有効"), None);
        assert_eq!(expiry_line("2035年2月17日"), None);
        assert_eq!(&*security_code(" 2285\n").unwrap(), b"2285");
        assert!(security_code("228").is_none());
        assert!(security_code("22855").is_none());
        assert!(is_card_title("個人番号カード"));
        assert!(is_card_title("個人番号力ード"));
        assert!(!is_card_title("健康保険被保険者証"));
    }
}
