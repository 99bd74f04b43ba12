//! Publication dates from the many formats pages, feeds and users write them
//! in, kept as precise as they were given and never more.

use chrono::{DateTime, NaiveDate, NaiveDateTime};
use dossier_model::{DatePrecision, PublishedDate};

/// Parses a publication date: RFC 3339 / ISO 8601 (with or without time or
/// zone), RFC 2822 (feeds), `YYYY-MM-DD`, `YYYY/MM/DD`, `YYYY-MM`, `YYYY`.
/// Returns `None` for anything else rather than guessing.
#[must_use]
pub fn parse_published(text: &str) -> Option<PublishedDate> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    if let Ok(dt) = DateTime::parse_from_rfc3339(text) {
        return Some(time(dt.to_rfc3339()));
    }
    if let Ok(dt) = DateTime::parse_from_rfc2822(text) {
        return Some(time(dt.to_rfc3339()));
    }
    for format in [
        "%Y-%m-%dT%H:%M:%S%.f%z",
        "%Y-%m-%dT%H:%M%z",
        "%Y-%m-%d %H:%M:%S%.f%z",
    ] {
        if let Ok(dt) = DateTime::parse_from_str(text, format) {
            return Some(time(dt.to_rfc3339()));
        }
    }
    for format in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
    ] {
        if let Ok(dt) = NaiveDateTime::parse_from_str(text, format) {
            // No zone given: keep the wall-clock time without inventing one.
            return Some(time(dt.format("%Y-%m-%dT%H:%M:%S").to_string()));
        }
    }
    let date_part = text.get(..10).unwrap_or(text);
    for format in ["%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%d.%m.%Y"] {
        if let Ok(date) = NaiveDate::parse_from_str(date_part, format) {
            return Some(day(date));
        }
    }
    year_month(text)
}

/// A date embedded in a URL path: `/2024/03/22/`, `/2024-03-22-`, `/20240322/`.
#[must_use]
pub fn date_in_url(url: &str) -> Option<PublishedDate> {
    let path = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path = path.split_once('/').map_or("", |(_, p)| p);
    let parts: Vec<&str> = path.split(['/', '-', '_', '.']).collect();
    for window in parts.windows(3) {
        if let [y, m, d] = window
            && y.len() == 4
            && (1..=2).contains(&m.len())
            && (1..=2).contains(&d.len())
            && let (Ok(y), Ok(m), Ok(d)) = (y.parse::<i32>(), m.parse::<u32>(), d.parse::<u32>())
            && (1990..=2100).contains(&y)
            && let Some(date) = NaiveDate::from_ymd_opt(y, m, d)
        {
            return Some(day(date));
        }
    }
    parts.iter().find_map(|part| {
        if part.len() != 8 || !part.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let date = NaiveDate::parse_from_str(part, "%Y%m%d").ok()?;
        (1990..=2100)
            .contains(&chrono::Datelike::year(&date))
            .then(|| day(date))
    })
}

fn time(value: String) -> PublishedDate {
    PublishedDate {
        value,
        precision: DatePrecision::Time,
    }
}

fn day(date: NaiveDate) -> PublishedDate {
    PublishedDate {
        value: date.format("%Y-%m-%d").to_string(),
        precision: DatePrecision::Day,
    }
}

fn year_month(text: &str) -> Option<PublishedDate> {
    let bytes = text.as_bytes();
    let digits = |s: &[u8]| s.iter().all(u8::is_ascii_digit);
    match bytes.len() {
        4 if digits(bytes) => Some(PublishedDate {
            value: text.to_owned(),
            precision: DatePrecision::Year,
        }),
        7 if digits(&bytes[..4]) && bytes[4] == b'-' && digits(&bytes[5..]) => {
            let month: u32 = text[5..].parse().ok()?;
            (1..=12).contains(&month).then(|| PublishedDate {
                value: text.to_owned(),
                precision: DatePrecision::Month,
            })
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_precision_it_was_given() {
        let p = parse_published("2024-03-22T20:15:00+03:00").unwrap();
        assert_eq!(
            (p.value.as_str(), p.precision),
            ("2024-03-22T20:15:00+03:00", DatePrecision::Time)
        );
        let p = parse_published("Fri, 22 Mar 2024 17:15:00 GMT").unwrap();
        assert_eq!(p.value, "2024-03-22T17:15:00+00:00");
        assert_eq!(
            parse_published("2024-03-22").unwrap().precision,
            DatePrecision::Day
        );
        assert_eq!(
            parse_published("2024-03").unwrap().precision,
            DatePrecision::Month
        );
        assert_eq!(
            parse_published("2024").unwrap().precision,
            DatePrecision::Year
        );
        assert_eq!(parse_published("last Friday"), None);
    }

    #[test]
    fn finds_dates_in_urls() {
        assert_eq!(
            date_in_url("https://x.com/world/2024/03/22/attack")
                .unwrap()
                .value,
            "2024-03-22"
        );
        assert_eq!(
            date_in_url("https://x.com/news/20240323-moscow")
                .unwrap()
                .value,
            "2024-03-23"
        );
        assert_eq!(date_in_url("https://x.com/2024/99/99/x"), None);
    }
}
