//! Dates as day numbers, so windows and gaps are integer arithmetic.
//!
//! Stored dates are ISO strings of varying precision (`2024-03-22`,
//! `2024-03-22T19:58:00+03:00`, `2024-03`, `2024`); linking needs the span of
//! days each one covers.

use chrono::{Datelike, NaiveDate};
use dossier_model::TimePrecision;

/// An inclusive range of days (days since 1970-01-01).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Days {
    /// First day.
    pub first: i32,
    /// Last day.
    pub last: i32,
}

impl Days {
    /// One day.
    #[must_use]
    pub fn day(day: i32) -> Self {
        Self {
            first: day,
            last: day,
        }
    }

    /// The days between the two ranges; 0 when they overlap.
    #[must_use]
    pub fn gap(self, other: Self) -> i32 {
        if self.last < other.first {
            other.first - self.last
        } else if other.last < self.first {
            self.first - other.last
        } else {
            0
        }
    }

    /// The smallest range holding both.
    #[must_use]
    pub fn union(self, other: Self) -> Self {
        Self {
            first: self.first.min(other.first),
            last: self.last.max(other.last),
        }
    }

    /// How many days it covers.
    #[must_use]
    pub fn len(self) -> i32 {
        self.last - self.first + 1
    }

    /// Never true: a range holds at least one day. (For clippy's `len`
    /// convention.)
    #[must_use]
    pub fn is_empty(self) -> bool {
        false
    }
}

fn epoch() -> NaiveDate {
    NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default()
}

/// The day number of a date.
#[must_use]
pub fn day_number(date: NaiveDate) -> i32 {
    i32::try_from((date - epoch()).num_days()).unwrap_or(i32::MAX)
}

/// The ISO date (`YYYY-MM-DD`) of a day number.
#[must_use]
pub fn iso(day: i32) -> String {
    (epoch() + chrono::Duration::days(i64::from(day)))
        .format("%Y-%m-%d")
        .to_string()
}

/// The days an ISO date or date-time of any precision covers: a day, a
/// month or a year. `None` when it does not parse.
#[must_use]
pub fn parse_iso(value: &str) -> Option<Days> {
    let value = value.trim();
    let date_part = value.get(..10).unwrap_or(value);
    if let Ok(date) = NaiveDate::parse_from_str(date_part, "%Y-%m-%d") {
        return Some(Days::day(day_number(date)));
    }
    if let Some((year, month)) = value.split_once('-') {
        let year: i32 = year.parse().ok()?;
        let month: u32 = month.get(..2).unwrap_or(month).parse().ok()?;
        let first = NaiveDate::from_ymd_opt(year, month, 1)?;
        let next = if month == 12 {
            NaiveDate::from_ymd_opt(year + 1, 1, 1)?
        } else {
            NaiveDate::from_ymd_opt(year, month + 1, 1)?
        };
        return Some(Days {
            first: day_number(first),
            last: day_number(next) - 1,
        });
    }
    let year: i32 = value.get(..4)?.parse().ok()?;
    Some(Days {
        first: day_number(NaiveDate::from_ymd_opt(year, 1, 1)?),
        last: day_number(NaiveDate::from_ymd_opt(year, 12, 31)?),
    })
}

/// The days an event date of the given precision covers: the date is the
/// first day of its week, month or year.
#[must_use]
pub fn event_days(date: &str, precision: TimePrecision) -> Option<Days> {
    let start = NaiveDate::parse_from_str(date.get(..10)?, "%Y-%m-%d").ok()?;
    let first = day_number(start);
    let last = match precision {
        TimePrecision::Day => first,
        TimePrecision::Week => first + 6,
        TimePrecision::Month => {
            let (y, m) = (start.year(), start.month());
            let next = if m == 12 {
                NaiveDate::from_ymd_opt(y + 1, 1, 1)
            } else {
                NaiveDate::from_ymd_opt(y, m + 1, 1)
            }?;
            day_number(next) - 1
        }
        TimePrecision::Year => day_number(NaiveDate::from_ymd_opt(start.year(), 12, 31)?),
    };
    Some(Days { first, last })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn precisions_cover_their_days() {
        let day = parse_iso("2024-03-22T19:58:00+03:00").unwrap();
        assert_eq!(day.len(), 1);
        assert_eq!(iso(day.first), "2024-03-22");
        let month = parse_iso("2024-02").unwrap();
        assert_eq!(month.len(), 29);
        let year = parse_iso("2024").unwrap();
        assert_eq!(year.len(), 366);
        assert_eq!(
            event_days("2024-03-01", TimePrecision::Month).unwrap(),
            parse_iso("2024-03").unwrap()
        );
        assert!(parse_iso("yesterday").is_none());
    }

    #[test]
    fn gaps_are_zero_on_overlap() {
        let a = Days {
            first: 10,
            last: 12,
        };
        assert_eq!(a.gap(Days::day(12)), 0);
        assert_eq!(a.gap(Days::day(15)), 3);
        assert_eq!(Days::day(5).gap(a), 5);
    }
}
