//! Calendar helpers of exchange v1 part C. Pure functions: the as-of date is always an argument.

use chrono::{DateTime, Datelike, Days, FixedOffset, NaiveDate, TimeZone};
use core::fmt;
use core::str::FromStr;

/// UTC+08:00, the offset at which the *local date* of a datetime is taken.
pub fn china_offset() -> FixedOffset {
    #[allow(clippy::expect_used)] // 28,800 s lies within ±86,400 s: this never fails
    FixedOffset::east_opt(8 * 3600).expect("UTC+8 is a valid offset")
}

/// The local date (UTC+08:00) of a datetime.
pub fn local_date(dt: &DateTime<FixedOffset>) -> NaiveDate {
    dt.with_timezone(&china_offset()).date_naive()
}

/// The first instant after the end of `d` at UTC+08:00 (the next local midnight).
pub fn end_of_local_day(d: NaiveDate) -> Option<DateTime<FixedOffset>> {
    let next = d.checked_add_days(Days::new(1))?;
    china_offset()
        .from_local_datetime(&next.and_hms_opt(0, 0, 0)?)
        .single()
}

/// `date + n` years; 29 February lands on 28 February in a common year.
pub fn add_years(date: NaiveDate, n: i32) -> Option<NaiveDate> {
    let y = date.year().checked_add(n)?;
    NaiveDate::from_ymd_opt(y, date.month(), date.day())
        .or_else(|| NaiveDate::from_ymd_opt(y, date.month(), date.day() - 1))
}

/// Whole years from `a` to `d`, counting anniversaries; 0 when `a` is after `d`.
pub fn whole_years(a: NaiveDate, d: NaiveDate) -> u32 {
    if a > d {
        return 0;
    }
    let mut n = (d.year() - a.year()).max(0);
    while n > 0 {
        match add_years(a, n) {
            Some(x) if x <= d => break,
            _ => n -= 1,
        }
    }
    n as u32
}

/// `d - days`, or the minimum date when out of range.
pub fn minus_days(d: NaiveDate, days: u32) -> NaiveDate {
    d.checked_sub_days(Days::new(u64::from(days)))
        .unwrap_or(NaiveDate::MIN)
}

/// `d + days`, or the maximum date when out of range.
pub fn plus_days(d: NaiveDate, days: u32) -> NaiveDate {
    d.checked_add_days(Days::new(u64::from(days)))
        .unwrap_or(NaiveDate::MAX)
}

/// Whether `date` lies in the `days` days ending on `d`: `(d - days, d]`.
pub fn in_days_ending(date: NaiveDate, d: NaiveDate, days: u32) -> bool {
    date <= d && date > minus_days(d, days)
}

/// Why a text is not a `YYYY-MM` month.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("月份应为 YYYY-MM，实为 `{0}`")]
pub struct MonthError(pub String);

/// A calendar month `YYYY-MM`.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct YearMonth {
    /// Months since year 0 (year × 12 + month − 1).
    index: i32,
}

impl YearMonth {
    /// The month `year-month` (month 1..=12).
    pub fn new(year: i32, month: u32) -> Option<YearMonth> {
        if !(1..=12).contains(&month) || !(0..=9999).contains(&year) {
            return None;
        }
        Some(YearMonth {
            index: year * 12 + month as i32 - 1,
        })
    }
    /// The month a date is in.
    pub fn of(d: NaiveDate) -> YearMonth {
        YearMonth {
            index: d.year() * 12 + d.month0() as i32,
        }
    }
    /// The year.
    pub fn year(self) -> i32 {
        self.index.div_euclid(12)
    }
    /// The month, 1..=12.
    pub fn month(self) -> u32 {
        self.index.rem_euclid(12) as u32 + 1
    }
    /// The month `n` months earlier (n may be negative).
    pub fn minus(self, n: i32) -> YearMonth {
        YearMonth {
            index: self.index - n,
        }
    }
    /// The first day of the month.
    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year(), self.month(), 1).unwrap_or(NaiveDate::MIN)
    }
}

impl FromStr for YearMonth {
    type Err = MonthError;
    fn from_str(s: &str) -> Result<Self, MonthError> {
        let b = s.as_bytes();
        let digits = |r: core::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
        if b.len() != 7 || b[4] != b'-' || !digits(0..4) || !digits(5..7) {
            return Err(MonthError(s.to_owned()));
        }
        let y: i32 = s[..4].parse().map_err(|_| MonthError(s.to_owned()))?;
        let m: u32 = s[5..].parse().map_err(|_| MonthError(s.to_owned()))?;
        YearMonth::new(y, m).ok_or_else(|| MonthError(s.to_owned()))
    }
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year(), self.month())
    }
}

impl fmt::Debug for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "YearMonth({self})")
    }
}

/// Parses a strict `YYYY-MM-DD` date.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

/// Parses an RFC 3339 datetime with an explicit offset (`Z` accepted).
pub fn parse_datetime(s: &str) -> Option<DateTime<FixedOffset>> {
    DateTime::parse_from_rfc3339(s).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        parse_date(s).unwrap()
    }

    #[test]
    fn anniversaries() {
        assert_eq!(whole_years(d("2019-12-01"), d("2024-11-30")), 4);
        assert_eq!(whole_years(d("2019-12-01"), d("2024-12-01")), 5);
        assert_eq!(whole_years(d("2025-01-01"), d("2024-12-01")), 0);
        assert_eq!(whole_years(d("2020-02-29"), d("2021-02-27")), 0);
        assert_eq!(whole_years(d("2020-02-29"), d("2021-02-28")), 1);
        assert_eq!(add_years(d("2024-02-29"), 3), Some(d("2027-02-28")));
        assert_eq!(add_years(d("2024-02-29"), 4), Some(d("2028-02-29")));
    }

    #[test]
    fn window_is_half_open() {
        let dd = d("2024-11-30");
        assert!(!in_days_ending(d("2023-12-01"), dd, 365));
        assert!(in_days_ending(d("2023-12-02"), dd, 365));
        assert!(in_days_ending(dd, dd, 365));
        assert!(!in_days_ending(d("2024-12-01"), dd, 365));
    }

    #[test]
    fn local_date_and_midnight() {
        let t = parse_datetime("2024-03-10T17:00:00+00:00").unwrap();
        assert_eq!(local_date(&t), d("2024-03-11"));
        let end = end_of_local_day(d("2024-11-30")).unwrap();
        assert_eq!(end, parse_datetime("2024-11-30T16:00:00Z").unwrap());
    }

    #[test]
    fn months() {
        let m: YearMonth = "2024-01".parse().unwrap();
        assert_eq!(m.minus(1).to_string(), "2023-12");
        assert_eq!(m.first_day(), d("2024-01-01"));
        assert!("2024-13".parse::<YearMonth>().is_err());
        assert!("2024-1".parse::<YearMonth>().is_err());
        assert!(parse_date("2024-02-30").is_none());
        assert!(parse_date("2024-2-03").is_none());
    }
}
