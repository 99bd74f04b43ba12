//! The passage of a search hit around its matches, with each match in
//! `[` `]`: about sixteen words, `…` where the text goes on.
//!
//! SQLite's `snippet()` gives the same, but it re-reads and re-tokenises every
//! matching row inside the ranking query; on a store of 100,000 articles a
//! common word then costs five times the ranking itself. Here the ranking
//! query returns row ids only and the page's few passages are cut from the
//! text afterwards. Words are compared as the full-text index compares them
//! (`unicode61 remove_diacritics`): lower case, accents stripped.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Words in a passage.
const WINDOW: usize = 16;
/// Words of context kept before the first match.
const LEAD: usize = 3;

/// A query term: a folded word, or a prefix (`croc*`).
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Term {
    folded: String,
    prefix: bool,
}

/// `word` lower-cased with accents stripped.
fn fold(word: &str) -> String {
    word.nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// The words of a plain query or an FTS5 expression (operators, column
/// names and quotes left out).
pub(crate) fn terms(query: &str) -> Vec<Term> {
    let mut terms: Vec<Term> = Vec::new();
    let mut rest = query;
    // the word after NOT is what a hit does not contain
    let mut negated = false;
    while let Some(start) = rest.find(|c: char| c.is_alphanumeric()) {
        let tail = &rest[start..];
        let end = tail
            .find(|c: char| !c.is_alphanumeric())
            .unwrap_or(tail.len());
        let word = &tail[..end];
        let after = &tail[end..];
        rest = after;
        if word == "NOT" {
            negated = true;
            continue;
        }
        if matches!(word, "OR" | "AND" | "NEAR") || after.starts_with(':') {
            continue;
        }
        if std::mem::take(&mut negated) {
            continue;
        }
        let term = Term {
            folded: fold(word),
            prefix: after.starts_with('*'),
        };
        if !terms.contains(&term) {
            terms.push(term);
        }
    }
    terms
}

/// The best passage of `text` for `terms`: the window of [`WINDOW`] words
/// holding the most distinct terms, earliest on a tie; the opening words
/// when none occurs (the title matched).
pub(crate) fn snippet(text: &str, terms: &[Term]) -> String {
    let mut words: Vec<(usize, usize, Option<usize>)> = Vec::new();
    let mut at = 0;
    for piece in text.split(|c: char| !c.is_alphanumeric()) {
        if !piece.is_empty() {
            let folded = fold(piece);
            let hit = terms.iter().position(|t| {
                if t.prefix {
                    folded.starts_with(&t.folded)
                } else {
                    folded == t.folded
                }
            });
            words.push((at, at + piece.len(), hit));
        }
        at += piece.len()
            + text[at + piece.len()..]
                .chars()
                .next()
                .map_or(0, char::len_utf8);
    }
    if words.is_empty() {
        return String::new();
    }
    let mut best = (0usize, 0usize);
    for (i, word) in words.iter().enumerate() {
        if word.2.is_none() {
            continue;
        }
        let start = i
            .saturating_sub(LEAD)
            .min(words.len().saturating_sub(WINDOW));
        let mut seen: Vec<usize> = words[start..(start + WINDOW).min(words.len())]
            .iter()
            .filter_map(|w| w.2)
            .collect();
        seen.sort_unstable();
        seen.dedup();
        if seen.len() > best.1 {
            best = (start, seen.len());
        }
    }
    let (start, _) = best;
    let end = (start + WINDOW).min(words.len());
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    let mut cursor = words[start].0;
    for &(from, to, hit) in &words[start..end] {
        out.push_str(&text[cursor..from]);
        if hit.is_some() {
            out.push('[');
            out.push_str(&text[from..to]);
            out.push(']');
        } else {
            out.push_str(&text[from..to]);
        }
        cursor = to;
    }
    if end < words.len() {
        out.push('…');
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_matches_as_the_index_compares_words() {
        let text = "Gunmen opened fire at Crocus City Hall in Krasnogorsk. Officials said the Crocus attack killed 40.";
        let s = snippet(text, &terms("crocus KILLED"));
        assert!(s.contains("[Crocus]") && s.contains("[killed]"), "{s}");
        // accents and case folded as unicode61 remove_diacritics does
        let s = snippet(
            "Le président Macron a condamné l'attaque.",
            &terms("PRESIDENT"),
        );
        assert!(s.contains("[président]"), "{s}");
        let s = snippet("Атака на «Крокус Сити Холл»", &terms("крокус"));
        assert!(s.contains("[Крокус]"), "{s}");
    }

    #[test]
    fn cuts_a_window_with_ellipses() {
        let words: Vec<String> = (0..60).map(|i| format!("w{i}")).collect();
        let mut text = words.join(" ");
        text.push_str(" target end");
        let s = snippet(&text, &terms("target"));
        // near the end the window still holds its sixteen words
        assert!(s.starts_with('…') && s.contains("[target]"), "{s}");
        assert!(s.ends_with("end"), "{s}");
        assert_eq!(s.split_whitespace().count(), 16);
        let s = snippet(&text, &terms("w1"));
        assert!(s.starts_with("[w1]") || s.starts_with("w0 [w1]"), "{s}");
        assert!(s.ends_with('…'));
    }

    #[test]
    fn reads_fts5_expressions() {
        let t = terms("\"city hall\" OR croc* NOT title:kyiv");
        let folded: Vec<(&str, bool)> = t.iter().map(|t| (t.folded.as_str(), t.prefix)).collect();
        assert_eq!(folded, [("city", false), ("hall", false), ("croc", true)]);
        let s = snippet("The Crocus attack", &t);
        assert!(s.contains("[Crocus]"), "{s}");
    }

    #[test]
    fn no_match_in_the_text_gives_the_opening() {
        let s = snippet("First words of the article go here.", &terms("headline"));
        assert_eq!(s, "First words of the article go here");
        assert_eq!(snippet("", &terms("x")), "");
    }
}
