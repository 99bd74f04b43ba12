//! Sentence boundaries over tokens.
//!
//! A sentence ends at a line break, or after `.`, `!`, `?` or `…` (with any
//! closing quotes and brackets) when the next token can start a sentence:
//! a capital, a digit or an opening quote — or anything at all in an
//! all-lower-case text, where capitals carry no signal. Abbreviation dots
//! are inside their tokens ("Gen.", "U.S."), so they never end a sentence,
//! except that an initialism followed by a capitalised function word ("in
//! the U.S. The next day") does.

use dossier_model::ByteSpan;

use crate::tokens::{Tok, TokenKind, is_title_abbreviation};

/// Whether the text has (almost) no capitals: then case cannot signal
/// sentence starts or names.
#[must_use]
pub fn is_lower_case(text: &str) -> bool {
    let mut letters = 0usize;
    let mut upper = 0usize;
    for &byte in text.as_bytes() {
        if byte.is_ascii_alphabetic() {
            letters += 1;
            upper += usize::from(byte.is_ascii_uppercase());
        }
    }
    if !text.is_ascii() {
        for c in text.chars().filter(|c| !c.is_ascii() && c.is_alphabetic()) {
            letters += 1;
            upper += usize::from(c.is_uppercase());
        }
    }
    letters > 0 && upper * 200 < letters
}

/// Sentence spans of `text`, trimmed, in order, not overlapping.
#[must_use]
pub fn split_sentences(text: &str, tokens: &[Tok]) -> Vec<ByteSpan> {
    let lower_case = is_lower_case(text);
    let mut sentences = Vec::new();
    let mut start: Option<usize> = None;
    let mut index = 0;
    while index < tokens.len() {
        let token = tokens[index];
        let first = *start.get_or_insert(index);
        let mut end_here = false;
        let mut last = index;
        let terminal = matches!(token.kind, TokenKind::Punct)
            && matches!(&text[token.span], "." | "!" | "?" | "…");
        if terminal {
            // Take closing quotes, brackets and repeated marks.
            while last + 1 < tokens.len()
                && tokens[last + 1].kind == TokenKind::Punct
                && is_closer(&text[tokens[last + 1].span])
                && no_space_between(tokens[last], tokens[last + 1])
            {
                last += 1;
            }
            end_here = tokens
                .get(last + 1)
                .is_none_or(|next| can_start_sentence(text, *next, lower_case));
        } else if token.kind == TokenKind::Abbreviation
            && !is_title_abbreviation(&text[token.span])
            && text[token.span].matches('.').count() >= 2
        {
            end_here = tokens
                .get(index + 1)
                .is_some_and(|next| next.capitalised && is_function_word(&text[next.span]));
        }
        // A line break always ends a sentence.
        if !end_here {
            if let Some(next) = tokens.get(last + 1) {
                end_here = text[tokens[last].span.end() as usize..next.span.start() as usize]
                    .contains('\n');
            }
        }
        if end_here || last + 1 == tokens.len() {
            sentences.push(crate::span(
                tokens[first].span.start() as usize,
                tokens[last].span.end() as usize,
            ));
            start = None;
        }
        index = last + 1;
    }
    sentences
}

fn is_closer(mark: &str) -> bool {
    matches!(
        mark,
        "\"" | "'" | "”" | "’" | "»" | ")" | "]" | "." | "!" | "?" | "…"
    )
}

fn no_space_between(a: Tok, b: Tok) -> bool {
    a.span.end() == b.span.start()
}

fn can_start_sentence(text: &str, next: Tok, lower_case: bool) -> bool {
    if lower_case {
        return true;
    }
    match next.kind {
        TokenKind::Number => true,
        TokenKind::Punct => matches!(
            &text[next.span],
            "\"" | "“" | "'" | "‘" | "«" | "(" | "[" | "-" | "—" | "–" | "•"
        ),
        TokenKind::Word | TokenKind::Abbreviation => next.capitalised,
    }
}

/// Common capitalised sentence openers that are not names.
fn is_function_word(word: &str) -> bool {
    matches!(
        word,
        "The"
            | "A"
            | "An"
            | "He"
            | "She"
            | "It"
            | "They"
            | "We"
            | "I"
            | "In"
            | "On"
            | "At"
            | "But"
            | "And"
            | "This"
            | "That"
            | "These"
            | "Those"
            | "There"
            | "Its"
            | "His"
            | "Her"
            | "Their"
            | "When"
            | "After"
            | "As"
            | "If"
            | "Meanwhile"
            | "However"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokens::tokenize;

    fn sentences(text: &str) -> Vec<&str> {
        split_sentences(text, &tokenize(text))
            .into_iter()
            .map(|span| &text[span])
            .collect()
    }

    #[test]
    fn abbreviations_do_not_end_sentences() {
        assert_eq!(
            sentences(
                "The U.S. Embassy condemned the bombing. Mr. Ali said 14 were killed. Dr. J. Smith arrived at 9 a.m. on Friday."
            ),
            [
                "The U.S. Embassy condemned the bombing.",
                "Mr. Ali said 14 were killed.",
                "Dr. J. Smith arrived at 9 a.m. on Friday."
            ]
        );
    }

    #[test]
    fn quotes_and_headlines() {
        assert_eq!(
            sentences("Gunmen Storm Concert Hall\n\nHe said: \"We will win.\" Then he left."),
            [
                "Gunmen Storm Concert Hall",
                "He said: \"We will win.\"",
                "Then he left."
            ]
        );
    }

    #[test]
    fn lower_case_text_splits_on_stops() {
        assert_eq!(
            sentences(
                "the army denied it. guerrillas attacked the farm in the u.s. embassy area. col isaacs said no."
            ),
            [
                "the army denied it.",
                "guerrillas attacked the farm in the u.s. embassy area.",
                "col isaacs said no."
            ]
        );
    }

    #[test]
    fn initialism_at_the_end_of_a_sentence() {
        assert_eq!(
            sentences("Sanctions were imposed by the U.S. The next day talks began."),
            [
                "Sanctions were imposed by the U.S.",
                "The next day talks began."
            ]
        );
    }
}
