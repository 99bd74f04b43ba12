//! Counts as news writes them: "133", "1,500", "forty", "at least 133",
//! "more than 60", "dozens", "over a hundred", "up to five", "between 40 and
//! 60", "nearly 140". Each becomes a [`Quantity`]: a value when one is
//! stated, lower and upper bounds, and the qualifier that set them. A vague
//! word gives bounds, never an invented value ("dozens" → 24.., no value).
//!
//! Casualty counts (#4) are built on these; a quantity alone says nothing
//! about what is counted.

use std::borrow::Cow;

use dossier_model::ByteSpan;

use crate::mentions::lowercase;

use crate::tokens::{Tok, TokenKind};

/// How the text qualifies a count.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Qualifier {
    /// A plain number: "133".
    Exact,
    /// "at least", "more than", "over", "upwards of": a lower bound.
    AtLeast,
    /// "up to", "at most", "fewer than", "less than": an upper bound.
    AtMost,
    /// "about", "around", "nearly", "almost", "some", "roughly".
    Approximately,
    /// "between 40 and 60", "40 to 60", "40-60".
    Range,
    /// "dozens", "hundreds", "scores": bounds without a value.
    Vague,
}

/// A count found in text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Quantity {
    /// Its bytes, qualifier included.
    pub span: ByteSpan,
    /// The stated number, when there is one.
    pub value: Option<u64>,
    /// The least it can be.
    pub low: Option<u64>,
    /// The most it can be.
    pub high: Option<u64>,
    /// How it is qualified.
    pub qualifier: Qualifier,
}

const UNITS: &[(&str, u64)] = &[
    ("eight", 8),
    ("eighteen", 18),
    ("eleven", 11),
    ("fifteen", 15),
    ("five", 5),
    ("four", 4),
    ("fourteen", 14),
    ("nine", 9),
    ("nineteen", 19),
    ("one", 1),
    ("seven", 7),
    ("seventeen", 17),
    ("six", 6),
    ("sixteen", 16),
    ("ten", 10),
    ("thirteen", 13),
    ("three", 3),
    ("twelve", 12),
    ("two", 2),
];

const TENS: &[(&str, u64)] = &[
    ("eighty", 80),
    ("fifty", 50),
    ("forty", 40),
    ("ninety", 90),
    ("seventy", 70),
    ("sixty", 60),
    ("thirty", 30),
    ("twenty", 20),
];

const VAGUE: &[(&str, u64, Option<u64>)] = &[
    ("dozens", 24, Some(199)),
    ("hundreds", 200, Some(1999)),
    ("scores", 40, Some(199)),
    ("several", 3, Some(9)),
    ("thousands", 2000, None),
    ("tens", 20, Some(99)),
];

fn lookup(table: &[(&str, u64)], word: &str) -> Option<u64> {
    table.iter().find(|(w, _)| *w == word).map(|&(_, n)| n)
}

/// The value of a number written in words or digits, and how many tokens it
/// took: "1,500" → 1500; "forty-five" → 45; "a hundred" → 100; "two
/// hundred and ten" → 210.
fn number_at(lower: &[Cow<'_, str>], tokens: &[Tok], index: usize) -> Option<(u64, usize)> {
    let word = |i: usize| lower.get(i).map(|w| &**w);
    let first = word(index)?;
    let token = tokens[index];
    if token.kind == TokenKind::Number {
        let digits: String = first.chars().filter(char::is_ascii_digit).collect();
        if first.contains('.') {
            return None;
        }
        let mut value: u64 = digits.parse().ok()?;
        let mut used = 1;
        if let Some(scale) = word(index + 1).and_then(scale_of) {
            value *= scale;
            used += 1;
        }
        return Some((value, used));
    }
    let mut value = 0u64;
    let mut used = 0;
    let mut i = index;
    let mut any = false;
    while let Some(w) = word(i) {
        if let Some((tens, unit)) = w.split_once('-') {
            if let (Some(t), Some(u)) = (lookup(TENS, tens), lookup(UNITS, unit)) {
                value += t + u;
                any = true;
                i += 1;
                used = i - index;
                continue;
            }
        }
        if let Some(n) = lookup(UNITS, w).or_else(|| lookup(TENS, w)) {
            value += n;
        } else if let Some(scale) = scale_of(w) {
            value = value.max(1) * scale;
        } else if (w == "a" || w == "an")
            && !any
            && word(i + 1).is_some_and(|n| scale_of(n).is_some())
        {
            value = 1;
        } else if w == "and"
            && any
            && word(i + 1).is_some_and(|n| lookup(UNITS, n).is_some() || lookup(TENS, n).is_some())
        {
            // "two hundred and ten"
        } else {
            break;
        }
        any |= w != "a" && w != "an";
        i += 1;
        used = i - index;
    }
    (any && used > 0).then_some((value, used))
}

fn scale_of(word: &str) -> Option<u64> {
    match word {
        "hundred" => Some(100),
        "thousand" => Some(1000),
        _ => None,
    }
}

/// Every count in `text`, in order, not overlapping.
#[must_use]
pub fn find_quantities(text: &str, tokens: &[Tok]) -> Vec<Quantity> {
    let lower: Vec<Cow<'_, str>> = tokens.iter().map(|t| lowercase(&text[t.span])).collect();
    let word = |i: usize| lower.get(i).map(|w| &**w);
    let span = |from: usize, to: usize| {
        ByteSpan::from_range(tokens[from].span.start() as usize..tokens[to].span.end() as usize)
    };
    let mut out = Vec::new();
    let mut index = 0;
    while index < tokens.len() {
        let w = word(index).unwrap_or_default();
        // Qualifier words before the number.
        let (qualifier, skip) = match (w, word(index + 1)) {
            ("at", Some("least")) | ("more", Some("than")) | ("upwards", Some("of")) => {
                (Some(Qualifier::AtLeast), 2)
            }
            ("over" | "above" | "exceeding", _) => (Some(Qualifier::AtLeast), 1),
            ("up", Some("to")) | ("at", Some("most")) | ("fewer" | "less", Some("than")) => {
                (Some(Qualifier::AtMost), 2)
            }
            ("as", Some("many")) if word(index + 2) == Some("as") => (Some(Qualifier::AtMost), 3),
            (
                "about" | "around" | "nearly" | "almost" | "roughly" | "approximately" | "some",
                _,
            ) => (Some(Qualifier::Approximately), 1),
            ("between", _) => (Some(Qualifier::Range), 1),
            _ => (None, 0),
        };
        let start = index;
        let at = index + skip;
        // Vague words: "dozens", "hundreds".
        if let Some(&(_, low, high)) = VAGUE.iter().find(|(v, _, _)| Some(*v) == word(at)) {
            out.push(Quantity {
                span: span(start, at),
                value: None,
                low: Some(low),
                high,
                qualifier: Qualifier::Vague,
            });
            index = at + 1;
            continue;
        }
        let Some((value, used)) = number_at(&lower, tokens, at) else {
            index += 1;
            continue;
        };
        let mut end = at + used - 1;
        // A range: "between 40 and 60", "40 to 60", "40-60".
        let connector = word(end + 1);
        if matches!(connector, Some("and" | "to" | "-" | "–")) {
            if let Some((high, more)) =
                number_at(&lower, tokens, end + 2).filter(|(h, _)| *h > value)
            {
                if qualifier.is_none() || qualifier == Some(Qualifier::Range) {
                    end = end + 1 + more;
                    out.push(Quantity {
                        span: span(start, end),
                        value: None,
                        low: Some(value),
                        high: Some(high),
                        qualifier: Qualifier::Range,
                    });
                    index = end + 1;
                    continue;
                }
            }
        }
        let quantity = match qualifier {
            None | Some(Qualifier::Range) => Quantity {
                span: span(at, end),
                value: Some(value),
                low: Some(value),
                high: Some(value),
                qualifier: Qualifier::Exact,
            },
            Some(q @ Qualifier::AtLeast) => Quantity {
                span: span(start, end),
                value: Some(value),
                low: Some(if matches!(w, "more" | "over" | "above" | "exceeding") {
                    value + 1
                } else {
                    value
                }),
                high: None,
                qualifier: q,
            },
            Some(q @ Qualifier::AtMost) => Quantity {
                span: span(start, end),
                value: Some(value),
                low: None,
                high: Some(if matches!(w, "fewer" | "less") {
                    value.saturating_sub(1)
                } else {
                    value
                }),
                qualifier: q,
            },
            Some(q) => Quantity {
                span: span(start, end),
                value: Some(value),
                low: None,
                high: None,
                qualifier: q,
            },
        };
        out.push(quantity);
        index = end + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokens::tokenize;

    /// (text, value, low, high, qualifier)
    type Found = (String, Option<u64>, Option<u64>, Option<u64>, Qualifier);

    fn quantities(text: &str) -> Vec<Found> {
        find_quantities(text, &tokenize(text))
            .into_iter()
            .map(|q| (text[q.span].to_owned(), q.value, q.low, q.high, q.qualifier))
            .collect()
    }

    #[test]
    fn plain_and_qualified_numbers() {
        assert_eq!(
            quantities("at least 133 killed and more than 60 wounded; 1,500 fled"),
            [
                (
                    "at least 133".to_owned(),
                    Some(133),
                    Some(133),
                    None,
                    Qualifier::AtLeast
                ),
                (
                    "more than 60".to_owned(),
                    Some(60),
                    Some(61),
                    None,
                    Qualifier::AtLeast
                ),
                (
                    "1,500".to_owned(),
                    Some(1500),
                    Some(1500),
                    Some(1500),
                    Qualifier::Exact
                ),
            ]
        );
    }

    #[test]
    fn words_vague_counts_and_ranges() {
        assert_eq!(
            quantities(
                "over a hundred dead, dozens hurt, up to five missing, between 40 and 60 held, forty-five freed"
            ),
            [
                (
                    "over a hundred".to_owned(),
                    Some(100),
                    Some(101),
                    None,
                    Qualifier::AtLeast
                ),
                (
                    "dozens".to_owned(),
                    None,
                    Some(24),
                    Some(199),
                    Qualifier::Vague
                ),
                (
                    "up to five".to_owned(),
                    Some(5),
                    None,
                    Some(5),
                    Qualifier::AtMost
                ),
                (
                    "between 40 and 60".to_owned(),
                    None,
                    Some(40),
                    Some(60),
                    Qualifier::Range
                ),
                (
                    "forty-five".to_owned(),
                    Some(45),
                    Some(45),
                    Some(45),
                    Qualifier::Exact
                ),
            ]
        );
    }

    #[test]
    fn deadly_is_not_a_number() {
        assert!(
            quantities("a deadly attack, one of the worst")
                .iter()
                .all(|q| q.0 != "deadly")
        );
        assert_eq!(quantities("two hundred and ten")[0].1, Some(210));
        assert_eq!(quantities("nearly 140")[0].4, Qualifier::Approximately);
    }
}
