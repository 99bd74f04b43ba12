//! One pass of the gazetteer over the folded text, keeping the matches
//! that respect word boundaries and case.

use dossier_kb::NominalCategory;
use dossier_model::ByteSpan;

use super::Doc;
use crate::gazetteer::{Entry, Gazetteer, Target, is_function_word};
use crate::normalize::Folded;
use crate::tokens::TokenKind;

/// What a match is taken as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Reading {
    /// A name of one or more entities (`Found::entries`).
    Entity,
    /// A nominal head.
    Nominal(NominalCategory),
    /// A title announcing a name, by index in `Kb::titles`.
    Title(u32),
}

/// A match kept by the scan.
#[derive(Clone, Debug)]
pub(crate) struct Found {
    /// Original bytes.
    pub(crate) span: ByteSpan,
    /// The gazetteer pattern.
    pub(crate) pattern: usize,
    /// How it is read.
    pub(crate) reading: Reading,
    /// For entity readings: the indices of the readings that passed.
    pub(crate) entries: Vec<u16>,
}

pub(crate) fn scan(gazetteer: &Gazetteer, doc: &Doc<'_>, folded: &Folded) -> Vec<Found> {
    let hay = folded.text.as_str();
    let mut out = Vec::new();
    let mut start = first_word_start(hay);
    while start < hay.len() {
        let kept = gazetteer
            .longest_at(hay, start)
            .filter(|&(end, _)| at_word_boundaries(hay, start, end))
            .or_else(|| gazetteer.inflected_at(hay, start))
            .and_then(|(end, pattern)| {
                judge(gazetteer, doc, folded, start, end, pattern).map(|found| (found, end))
            });
        let Some((found, end)) = kept else {
            start = next_word_start(hay, start);
            continue;
        };
        // Leftmost-longest prefers "The Center" (a village) over the longer
        // name starting one word later ("Center for Strategic and
        // International Studies"): take the longer one.
        let inner = next_word_start(hay, start);
        let longer = (inner < end)
            .then(|| gazetteer.longest_at(hay, inner))
            .flatten()
            .filter(|&(e, _)| {
                e > end && e - inner > end - start && at_word_boundaries(hay, inner, e)
            })
            .and_then(|(e, p)| judge(gazetteer, doc, folded, inner, e, p).map(|f| (f, e)));
        let (found, end) = longer.unwrap_or((found, end));
        out.push(found);
        start = next_word_start(hay, end);
    }
    out
}

fn first_word_start(hay: &str) -> usize {
    hay.char_indices()
        .find(|(_, c)| c.is_alphanumeric())
        .map_or(hay.len(), |(i, _)| i)
}

fn at_word_boundaries(hay: &str, start: usize, end: usize) -> bool {
    let before = hay[..start].chars().next_back();
    if before.is_some_and(char::is_alphanumeric) {
        return false;
    }
    let mut after = hay[end..].chars();
    match after.next() {
        None => true,
        // A possessive: "IS-K's", "ISIS'".
        Some('\'') => match after.next() {
            Some('s') => !after.next().is_some_and(char::is_alphanumeric),
            Some(c) => !c.is_alphanumeric(),
            None => true,
        },
        Some(c) => !c.is_alphanumeric(),
    }
}

fn next_word_start(hay: &str, from: usize) -> usize {
    let mut in_word = true;
    for (offset, c) in hay[from..].char_indices() {
        let alnum = c.is_alphanumeric();
        if alnum && !in_word {
            return from + offset;
        }
        in_word = alnum;
    }
    hay.len()
}

fn judge(
    gazetteer: &Gazetteer,
    doc: &Doc<'_>,
    folded: &Folded,
    start: usize,
    end: usize,
    pattern: usize,
) -> Option<Found> {
    let (source_start, mut source_end) = folded.source_range(start, end);
    // The last dot of an initialism is dropped by folding: "U.S." keeps it.
    if doc.text[source_start..source_end].contains('.') && doc.text[source_end..].starts_with('.') {
        source_end += 1;
    }
    let original = &doc.text[source_start..source_end];
    let span = crate::span(source_start, source_end);
    let entries = gazetteer.entries(pattern);
    let token = doc.token_at(span.start());
    let sentence_initial = doc.starts_sentence(token);
    let capitalised = original.chars().any(char::is_uppercase);

    let mut passing = Vec::new();
    let mut nominal = None;
    let mut title = None;
    for (index, entry) in entries.iter().enumerate() {
        match entry.target {
            Target::Nominal(category) => nominal = Some(category),
            Target::Title(title_index) => title = Some(title_index),
            Target::City(_)
                if sentence_initial && entry.prior < 0.75 && !original.contains(' ') =>
            {
                // "Since the fall…": a small town's one-word name opening a
                // sentence is more likely an ordinary word.
            }
            _ => {
                if entity_case_ok(doc, entry, original, capitalised, sentence_initial) {
                    passing.push(index as u16);
                }
            }
        }
    }
    let reading = if !passing.is_empty() {
        Reading::Entity
    } else if let Some(title) = title.filter(|_| name_follows(doc, span.end())) {
        Reading::Title(title)
    } else if let Some(category) = nominal {
        Reading::Nominal(category)
    } else {
        return None;
    };
    Some(Found {
        span,
        pattern,
        reading,
        entries: passing,
    })
}

fn entity_case_ok(
    doc: &Doc<'_>,
    entry: &Entry,
    original: &str,
    capitalised: bool,
    sentence_initial: bool,
) -> bool {
    if entry.case_sensitive {
        // In lower-case text only a dotted initialism ("u.s.") is unambiguous.
        if doc.lower_case {
            return original.contains('.') && entry.alias.contains('.');
        }
        return same_letters(original, &entry.alias);
    }
    if doc.lower_case {
        // Without capitals a one-word outlet name ("Libération", "Mash") is
        // too often an ordinary word.
        let one_word_outlet =
            matches!(entry.target, Target::Outlet(_)) && !entry.alias.contains(' ');
        return !entry.common_word && !one_word_outlet;
    }
    capitalised && !(entry.common_word && sentence_initial)
}

/// The letters of `a` and `b` are the same, case included ("U.S." = "US").
fn same_letters(a: &str, b: &str) -> bool {
    a.chars()
        .filter(|c| c.is_alphabetic())
        .eq(b.chars().filter(|c| c.is_alphabetic()))
}

/// Whether a name could start right after byte `end`: a capitalised word in
/// mixed-case text, any content word in lower-case text.
fn name_follows(doc: &Doc<'_>, end: u32) -> bool {
    let index = doc.token_at(end);
    let Some(next) = doc.tokens.get(index) else {
        return false;
    };
    if doc.text[end as usize..next.span.start() as usize].contains('\n') {
        return false;
    }
    if !matches!(next.kind, TokenKind::Word | TokenKind::Abbreviation) {
        return false;
    }
    if doc.lower_case {
        let word = super::lowercase(&doc.text[next.span]);
        !is_function_word(&word)
    } else {
        next.capitalised
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boundaries() {
        assert!(at_word_boundaries("the is k's men", 4, 8));
        assert!(!at_word_boundaries("crisis kills", 2, 8));
        assert!(at_word_boundaries("isis' caliphate", 0, 4));
        assert!(!at_word_boundaries("parisian", 0, 5));
        assert_eq!(next_word_start("crisis kills", 2), 7);
    }

    #[test]
    fn letters_compare_with_case() {
        assert!(same_letters("U.S.", "US"));
        assert!(!same_letters("us", "US"));
        assert!(same_letters("IS", "IS"));
    }
}
