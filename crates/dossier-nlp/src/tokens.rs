//! Tokens with byte spans: words (with inner hyphens and apostrophes),
//! numbers ("1,500", "3.5"), abbreviations and initialisms with their dots
//! ("U.S.", "Gen.", "a.m.", "No."), and single punctuation marks.
//!
//! Hand-written rather than built on UAX#29 word boundaries, which split
//! "U.S." and "Gen." into pieces; the abbreviation rules are the point.

use dossier_model::ByteSpan;

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters, possibly with inner hyphens, apostrophes or digits.
    Word,
    /// Digits, possibly with inner commas and dots.
    Number,
    /// An abbreviation or initialism ending in a dot: "U.S.", "Gen.".
    Abbreviation,
    /// One punctuation or symbol character.
    Punct,
}

/// A token of a text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tok {
    /// Its bytes.
    pub span: ByteSpan,
    /// What it is.
    pub kind: TokenKind,
    /// It starts with an upper-case letter.
    pub capitalised: bool,
}

impl Tok {
    /// Its text in `text`.
    #[must_use]
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        &text[self.span]
    }
}

/// Words that take a dot without ending a sentence (lower case, no dot).
const ABBREVIATIONS: &[&str] = &[
    "adm", "approx", "apr", "assn", "aug", "ave", "blvd", "brig", "capt", "cdr", "cmdr", "co",
    "col", "corp", "cpl", "dec", "dept", "dr", "e.g", "eng", "est", "etc", "feb", "fig", "fr",
    "gen", "gov", "govt", "hon", "i.e", "inc", "insp", "jan", "jr", "jul", "jun", "lt", "ltd",
    "maj", "mar", "messrs", "mr", "mrs", "ms", "msgr", "mt", "no", "nos", "nov", "oct", "op",
    "pres", "prof", "pvt", "rep", "rev", "sen", "sep", "sept", "sgt", "sr", "st", "supt", "vs",
];

/// Abbreviations that are titles: never the end of a sentence.
const TITLE_ABBREVIATIONS: &[&str] = &[
    "adm", "brig", "capt", "cdr", "cmdr", "col", "cpl", "dr", "fr", "gen", "gov", "hon", "insp",
    "lt", "maj", "messrs", "mr", "mrs", "ms", "msgr", "mt", "no", "nos", "pres", "prof", "pvt",
    "rep", "rev", "sen", "sgt", "st", "supt",
];

/// Abbreviations that take a dot only before a number ("No. 3", "Mar. 22"):
/// elsewhere "no." ends a sentence.
const NUMBERED: &[&str] = &[
    "apr", "aug", "dec", "feb", "fig", "jan", "jul", "jun", "mar", "no", "nos", "nov", "oct", "op",
    "sep", "sept",
];

fn digit_follows(text: &str, from: usize) -> bool {
    text[from..]
        .trim_start()
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_digit())
}

pub(crate) fn is_title_abbreviation(word: &str) -> bool {
    let bare = word.trim_end_matches('.').to_ascii_lowercase();
    TITLE_ABBREVIATIONS.binary_search(&bare.as_str()).is_ok()
}

/// Splits `text` into tokens.
#[must_use]
pub fn tokenize(text: &str) -> Vec<Tok> {
    let bytes = text.as_bytes();
    let mut tokens = Vec::with_capacity(text.len() / 5);
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        if !c.is_alphanumeric() {
            tokens.push(Tok {
                span: crate::span(start, start + c.len_utf8()),
                kind: TokenKind::Punct,
                capitalised: false,
            });
            continue;
        }
        // A run of alphanumerics joined by inner connectors.
        let mut end = start + c.len_utf8();
        let mut digits_only = c.is_ascii_digit();
        while let Some(&(offset, next)) = chars.peek() {
            if next.is_alphanumeric() {
                digits_only &= next.is_ascii_digit();
                end = offset + next.len_utf8();
                chars.next();
                continue;
            }
            let connector = matches!(next, '-' | '\'' | '\u{2019}' | '\u{2010}' | '\u{2011}')
                || (digits_only && matches!(next, ',' | '.'))
                || (next == '.' && is_initial_dot(text, start, offset));
            let joins = connector && {
                let after = offset + next.len_utf8();
                text[after..].chars().next().is_some_and(|c| {
                    if digits_only {
                        c.is_ascii_digit()
                    } else {
                        c.is_alphanumeric()
                    }
                })
            };
            if !joins {
                break;
            }
            chars.next();
            end = offset + next.len_utf8();
        }
        let mut kind = if digits_only {
            TokenKind::Number
        } else {
            TokenKind::Word
        };
        // A trailing dot belongs to an initialism or a known abbreviation.
        if bytes.get(end) == Some(&b'.') && kind == TokenKind::Word {
            let word = &text[start..end];
            let initialism = word.contains('.') || word.chars().count() == 1;
            let lower = word.to_ascii_lowercase();
            let known = ABBREVIATIONS.binary_search(&lower.as_str()).is_ok()
                && (!NUMBERED.contains(&lower.as_str()) || digit_follows(text, end + 1));
            if initialism || known {
                chars.next();
                end += 1;
                kind = TokenKind::Abbreviation;
            }
        }
        tokens.push(Tok {
            span: crate::span(start, end),
            kind,
            capitalised: c.is_uppercase(),
        });
    }
    tokens
}

/// Whether the dot at `dot` continues an initialism that began at `start`
/// ("U.S", "a.m"): every piece so far is one letter.
fn is_initial_dot(text: &str, start: usize, dot: usize) -> bool {
    text[start..dot]
        .split('.')
        .all(|piece| piece.chars().count() == 1 && piece.chars().all(char::is_alphabetic))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text).iter().map(|t| t.text(text)).collect()
    }

    #[test]
    fn abbreviations_keep_their_dots() {
        assert_eq!(
            words("The U.S. Embassy and Gen. Smith at 9 a.m. on No. 3."),
            [
                "The", "U.S.", "Embassy", "and", "Gen.", "Smith", "at", "9", "a.m.", "on", "No.",
                "3", "."
            ]
        );
    }

    #[test]
    fn numbers_and_hyphens_stay_whole() {
        assert_eq!(
            words("1,500 people; IS-K's high-voltage 3.5"),
            ["1,500", "people", ";", "IS-K's", "high-voltage", "3.5"]
        );
    }

    #[test]
    fn sentence_dots_are_their_own_tokens() {
        assert_eq!(words("in Moscow. Then"), ["in", "Moscow", ".", "Then"]);
    }
}
