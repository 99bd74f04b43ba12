//! Time expressions resolved against the publication date: "Friday" in a
//! Sunday report is the Friday before; "last week", "yesterday", "on 22
//! March", "March 22, 2024", "in 2021". Each keeps its precision (day,
//! week, month, year). Without a publication date a relative expression is
//! kept and left unresolved — never guessed.

use std::borrow::Cow;

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use dossier_model::ByteSpan;

use crate::mentions::lowercase;
use crate::tokens::{Tok, TokenKind};

/// How precise a resolved date is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Precision {
    /// One day.
    Day,
    /// A week (the date is its Monday).
    Week,
    /// A month (the date is its first day).
    Month,
    /// A year (the date is 1 January).
    Year,
}

/// A time expression in text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TimeExpression {
    /// Its bytes.
    pub span: ByteSpan,
    /// The date it names, when it can be resolved.
    pub date: Option<NaiveDate>,
    /// The precision of `date` (or of the expression, when unresolved).
    pub precision: Precision,
    /// It needs the publication date to be resolved ("Friday", "last week").
    pub relative: bool,
}

const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Russian month names in the genitive, as dates write them ("22 марта").
const RUSSIAN_MONTHS: &[&str] = &[
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
];

fn month_of(word: &str) -> Option<u32> {
    // Every month name or abbreviation has three letters or more.
    if word.len() < 3 || !word.as_bytes()[0].is_ascii_alphabetic() && word.is_ascii() {
        return None;
    }
    if let Some(index) = RUSSIAN_MONTHS.iter().position(|m| *m == word) {
        return Some(index as u32 + 1);
    }
    let word = word.trim_end_matches('.');
    MONTHS
        .iter()
        .position(|m| {
            *m == word
                || (word.len() >= 3 && m.starts_with(word) && word != "may" && word.len() <= 4)
        })
        .map(|i| i as u32 + 1)
        .or_else(|| (word == "may").then_some(5))
}

fn weekday_of(word: &str) -> Option<Weekday> {
    Some(match word {
        "monday" => Weekday::Mon,
        "tuesday" => Weekday::Tue,
        "wednesday" => Weekday::Wed,
        "thursday" => Weekday::Thu,
        "friday" => Weekday::Fri,
        "saturday" => Weekday::Sat,
        "sunday" => Weekday::Sun,
        // Russian, as "в пятницу" writes them
        "понедельник" => Weekday::Mon,
        "вторник" => Weekday::Tue,
        "среду" => Weekday::Wed,
        "четверг" => Weekday::Thu,
        "пятницу" => Weekday::Fri,
        "субботу" => Weekday::Sat,
        "воскресенье" => Weekday::Sun,
        _ => return None,
    })
}

fn year_of(word: &str) -> Option<i32> {
    (word.len() == 4 && word.bytes().all(|b| b.is_ascii_digit()))
        .then(|| word.parse().ok())
        .flatten()
        .filter(|y| (1900..=2100).contains(y))
}

fn day_of(word: &str) -> Option<u32> {
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    (digits.len() <= 2 && !digits.is_empty())
        .then(|| digits.parse().ok())
        .flatten()
        .filter(|d| (1..=31).contains(d))
}

/// The most recent `weekday` on or before `published`: a bare "Friday" in a
/// Friday report is that day; "last Friday" (`strictly`) is a week earlier.
fn previous_weekday(published: NaiveDate, weekday: Weekday, strictly: bool) -> NaiveDate {
    let back = (7 + published.weekday().num_days_from_monday() as i64
        - weekday.num_days_from_monday() as i64)
        % 7;
    published - Duration::days(if back == 0 && strictly { 7 } else { back })
}

/// Every time expression of `text`, resolved against `published` when given.
#[must_use]
pub fn find_time_expressions(
    text: &str,
    tokens: &[Tok],
    published: Option<NaiveDate>,
) -> Vec<TimeExpression> {
    let lower: Vec<Cow<'_, str>> = tokens
        .iter()
        .map(|t| {
            let word = &text[t.span];
            let bare = word
                .strip_suffix("'s")
                .or_else(|| word.strip_suffix("’s"))
                .unwrap_or(word);
            lowercase(bare)
        })
        .collect();
    let word = |i: usize| lower.get(i).map(|w| &**w);
    let span = |from: usize, to: usize| {
        ByteSpan::from_range(tokens[from].span.start() as usize..tokens[to].span.end() as usize)
    };
    let lower_case = crate::sentences::is_lower_case(text);
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let w = word(i).unwrap_or_default();
        let next = word(i + 1);
        // "22 March 2024", "22 March"
        if let (Some(day), Some(month)) = (day_of(w), next.and_then(month_of)) {
            if tokens[i].kind == TokenKind::Number
                || w.ends_with("th")
                || w.ends_with("st")
                || w.ends_with("nd")
                || w.ends_with("rd")
            {
                let year = word(i + 2).and_then(year_of);
                let end = if year.is_some() { i + 2 } else { i + 1 };
                let year = year.or_else(|| published.map(|p| year_before(p, month, day)));
                out.push(TimeExpression {
                    span: span(i, end),
                    date: year.and_then(|y| NaiveDate::from_ymd_opt(y, month, day)),
                    precision: Precision::Day,
                    relative: false,
                });
                i = end + 1;
                continue;
            }
        }
        if let Some(month) = month_of(w).filter(|_| tokens[i].capitalised || lower_case) {
            // "March 22, 2024", "March 22", "March 2024"
            if let Some(day) = next.and_then(day_of).filter(|_| {
                tokens
                    .get(i + 1)
                    .is_some_and(|t| t.kind == TokenKind::Number)
            }) {
                let mut end = i + 1;
                let mut year = None;
                if word(i + 2) == Some(",") {
                    if let Some(y) = word(i + 3).and_then(year_of) {
                        year = Some(y);
                        end = i + 3;
                    }
                } else if let Some(y) = word(i + 2).and_then(year_of) {
                    year = Some(y);
                    end = i + 2;
                }
                let year = year.or_else(|| published.map(|p| year_before(p, month, day)));
                out.push(TimeExpression {
                    span: span(i, end),
                    date: year.and_then(|y| NaiveDate::from_ymd_opt(y, month, day)),
                    precision: Precision::Day,
                    relative: false,
                });
                i = end + 1;
                continue;
            }
            if let Some(year) = next.and_then(year_of) {
                out.push(TimeExpression {
                    span: span(i, i + 1),
                    date: NaiveDate::from_ymd_opt(year, month, 1),
                    precision: Precision::Month,
                    relative: false,
                });
                i += 2;
                continue;
            }
        }
        // "Friday", "last Friday", "on Friday"
        let at = if w == "last" && next.and_then(weekday_of).is_some() {
            i + 1
        } else {
            i
        };
        if let Some(weekday) = word(at).and_then(weekday_of) {
            let whole = span(i, at);
            let written = &text[whole];
            let bare = written.trim_end_matches("'s").trim_end_matches("’s");
            out.push(TimeExpression {
                span: ByteSpan::from_range(
                    whole.start() as usize..whole.start() as usize + bare.len(),
                ),
                date: published.map(|p| previous_weekday(p, weekday, at != i)),
                precision: Precision::Day,
                relative: true,
            });
            i = at + 1;
            continue;
        }
        match (w, next) {
            ("yesterday", _) | ("today", _) | ("tonight", _) => {
                let back = i64::from(w == "yesterday");
                out.push(TimeExpression {
                    span: span(i, i),
                    date: published.map(|p| p - Duration::days(back)),
                    precision: Precision::Day,
                    relative: true,
                });
                i += 1;
                continue;
            }
            ("last", Some(unit @ ("week" | "month" | "year" | "night"))) => {
                let date = published.map(|p| match unit {
                    "night" => p - Duration::days(1),
                    "week" => {
                        let monday =
                            p - Duration::days(i64::from(p.weekday().num_days_from_monday()));
                        monday - Duration::days(7)
                    }
                    "month" => {
                        let (y, m) = if p.month() == 1 {
                            (p.year() - 1, 12)
                        } else {
                            (p.year(), p.month() - 1)
                        };
                        NaiveDate::from_ymd_opt(y, m, 1).unwrap_or(p)
                    }
                    _ => NaiveDate::from_ymd_opt(p.year() - 1, 1, 1).unwrap_or(p),
                });
                let precision = match unit {
                    "night" => Precision::Day,
                    "week" => Precision::Week,
                    "month" => Precision::Month,
                    _ => Precision::Year,
                };
                out.push(TimeExpression {
                    span: span(i, i + 1),
                    date,
                    precision,
                    relative: true,
                });
                i += 2;
                continue;
            }
            ("in" | "since" | "during", Some(y))
                if year_of(y).is_some()
                    && tokens
                        .get(i + 1)
                        .is_some_and(|t| t.kind == TokenKind::Number) =>
            {
                let year = year_of(y).unwrap_or_default();
                out.push(TimeExpression {
                    span: span(i + 1, i + 1),
                    date: NaiveDate::from_ymd_opt(year, 1, 1),
                    precision: Precision::Year,
                    relative: false,
                });
                i += 2;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    out
}

/// The year that puts `month`/`day` on or before `published` (a report in
/// January about "28 December" means the December before).
fn year_before(published: NaiveDate, month: u32, day: u32) -> i32 {
    let this_year = NaiveDate::from_ymd_opt(published.year(), month, day);
    match this_year {
        Some(date) if date > published + Duration::days(1) => published.year() - 1,
        _ => published.year(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokens::tokenize;

    fn resolve(text: &str, published: Option<&str>) -> Vec<(String, Option<String>, Precision)> {
        let published = published.map(|p| NaiveDate::parse_from_str(p, "%Y-%m-%d").unwrap());
        find_time_expressions(text, &tokenize(text), published)
            .into_iter()
            .map(|t| {
                (
                    text[t.span].to_owned(),
                    t.date.map(|d| d.to_string()),
                    t.precision,
                )
            })
            .collect()
    }

    #[test]
    fn friday_in_a_friday_report_is_that_day_and_last_friday_the_week_before() {
        let found = resolve(
            "Gunmen opened fire on Friday, a week after last Friday's warning.",
            Some("2024-03-22"),
        );
        assert_eq!(found[0].1.as_deref(), Some("2024-03-22"));
        assert_eq!(found[1].0, "last Friday");
        assert_eq!(found[1].1.as_deref(), Some("2024-03-15"));
    }

    #[test]
    fn russian_dates_and_weekdays() {
        let found = resolve(
            "Нападение произошло вечером в пятницу, 22 марта.",
            Some("2024-03-26"),
        );
        assert_eq!(
            found,
            [
                (
                    "пятницу".to_owned(),
                    Some("2024-03-22".to_owned()),
                    Precision::Day
                ),
                (
                    "22 марта".to_owned(),
                    Some("2024-03-22".to_owned()),
                    Precision::Day
                ),
            ]
        );
    }

    #[test]
    fn friday_in_a_sunday_report_is_the_friday_before() {
        assert_eq!(
            resolve("The attack on Friday killed many.", Some("2024-03-24")),
            [(
                "Friday".to_owned(),
                Some("2024-03-22".to_owned()),
                Precision::Day
            )]
        );
    }

    #[test]
    fn without_a_publication_date_relative_expressions_stay_unresolved() {
        assert_eq!(
            resolve("Friday’s deadly attack", None),
            [("Friday".to_owned(), None, Precision::Day)]
        );
    }

    #[test]
    fn absolute_dates_weeks_months_years() {
        assert_eq!(
            resolve(
                "On 22 March 2024, after bombings in 2021 and a raid last week, March 7 and March 2023.",
                Some("2024-03-24")
            ),
            [
                (
                    "22 March 2024".to_owned(),
                    Some("2024-03-22".to_owned()),
                    Precision::Day
                ),
                (
                    "2021".to_owned(),
                    Some("2021-01-01".to_owned()),
                    Precision::Year
                ),
                (
                    "last week".to_owned(),
                    Some("2024-03-11".to_owned()),
                    Precision::Week
                ),
                (
                    "March 7".to_owned(),
                    Some("2024-03-07".to_owned()),
                    Precision::Day
                ),
                (
                    "March 2023".to_owned(),
                    Some("2023-03-01".to_owned()),
                    Precision::Month
                ),
            ]
        );
        assert_eq!(
            resolve("on 28 December", Some("2024-01-03"))[0]
                .1
                .as_deref(),
            Some("2023-12-28")
        );
    }
}
