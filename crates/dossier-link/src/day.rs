//! Calendar days as plain integers, so date gaps are a subtraction.

use std::fmt;
use std::str::FromStr;

use crate::error::LinkError;

/// A day of the proleptic Gregorian calendar, counted from 1970-01-01.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day(i32);

impl Day {
    /// The day of a valid calendar date, or `None`.
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Option<Day> {
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
        let month_len = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        if day == 0 || day > month_len {
            return None;
        }
        // Days from civil (H. Hinnant's algorithm): years start in March so
        // the leap day is last.
        let y = if month <= 2 { year - 1 } else { year };
        let era = y.div_euclid(400);
        let yoe = y.rem_euclid(400);
        let m = i32::try_from(month).ok()?;
        let d = i32::try_from(day).ok()?;
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        Some(Day(era * 146_097 + doe - 719_468))
    }

    /// Days since 1970-01-01 (negative before).
    pub fn days_since_epoch(self) -> i32 {
        self.0
    }

    /// The calendar year.
    pub fn year(self) -> i32 {
        // Inverse of `from_ymd`'s shift: 0000-03-01 is day -719468.
        let z = self.0 + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let year = yoe + era * 400;
        if mp >= 10 { year + 1 } else { year }
    }
}

impl FromStr for Day {
    type Err = LinkError;

    /// `YYYY-MM-DD`, optionally followed by a time (`2013-05-03T10:00Z`).
    fn from_str(s: &str) -> Result<Day, LinkError> {
        let bad = || LinkError::Date(s.to_owned());
        let date = s.get(..10).ok_or_else(bad)?;
        if s.len() > 10 && !s[10..].starts_with(['T', ' ']) {
            return Err(bad());
        }
        let mut parts = date.split('-');
        let (Some(y), Some(m), Some(d), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(bad());
        };
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return Err(bad());
        }
        let (y, m, d) = (
            y.parse().map_err(|_| bad())?,
            m.parse().map_err(|_| bad())?,
            d.parse().map_err(|_| bad())?,
        );
        Day::from_ymd(y, m, d).ok_or_else(bad)
    }
}

impl fmt::Debug for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Day({})", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_counts_days() {
        let a: Day = "1970-01-01".parse().unwrap();
        assert_eq!(a.days_since_epoch(), 0);
        let b: Day = "2013-05-03T12:00:00Z".parse().unwrap();
        let c: Day = "2012-05-03".parse().unwrap();
        assert_eq!(b.days_since_epoch() - c.days_since_epoch(), 365);
        assert_eq!(b.year(), 2013);
        assert_eq!("2000-02-29".parse::<Day>().unwrap().year(), 2000);
        assert_eq!("1999-12-31".parse::<Day>().unwrap().year(), 1999);
        assert_eq!("2001-01-01".parse::<Day>().unwrap().year(), 2001);
        for bad in [
            "2013-02-29",
            "2013-13-01",
            "May 3",
            "2013-5-3",
            "2013-05-03x",
        ] {
            assert!(bad.parse::<Day>().is_err(), "{bad}");
        }
    }
}
