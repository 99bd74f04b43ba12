//! Descriptions built on a head noun: "gunmen", "four heavily armed men",
//! "the U.S. embassy", "two power pylons", "a car bomb".
//!
//! The head comes from the nominal lexicon; the mention grows leftwards
//! over modifiers — numbers and quantity words, listed adjectives, adverbs
//! before them, nationality words, other lexicon nouns, and capitalised
//! words in mixed-case text — and stops after a determiner.

use dossier_kb::NominalCategory;
use dossier_model::{ByteSpan, Mention, MentionKind};

use super::{Doc, Lexicon};
use crate::tokens::TokenKind;

const DETERMINERS: &[&str] = &[
    "a", "an", "another", "her", "his", "its", "our", "some", "the", "their", "these", "this",
    "those",
];

const QUANTITIES: &[&str] = &[
    "dozens",
    "eight",
    "eighteen",
    "eleven",
    "fifteen",
    "fifty",
    "five",
    "forty",
    "four",
    "fourteen",
    "hundreds",
    "many",
    "nine",
    "nineteen",
    "numerous",
    "one",
    "other",
    "seven",
    "seventeen",
    "several",
    "six",
    "sixteen",
    "ten",
    "thirteen",
    "thirty",
    "thousands",
    "three",
    "twelve",
    "twenty",
    "two",
];

const MAX_MODIFIERS: usize = 5;

pub(crate) fn is_calendar_word(word: &str) -> bool {
    matches!(
        word,
        "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "january"
            | "february"
            | "march"
            | "april"
            | "may"
            | "june"
            | "july"
            | "august"
            | "september"
            | "october"
            | "november"
            | "december"
    )
}

pub(crate) fn mention(
    lexicon: &Lexicon,
    doc: &Doc<'_>,
    named: &[Mention],
    head: ByteSpan,
    category: NominalCategory,
) -> Mention {
    let head_token = doc.token_at(head.start());
    let mut start = head.start();
    let mut index = head_token;
    let mut taken = 0;
    while index > 0 && taken < MAX_MODIFIERS {
        let token = doc.tokens[index - 1];
        // A name that began inside a token ("anti-Moscow") ends the growth.
        if token.span.end() > start {
            break;
        }
        if doc.text[token.span.end() as usize..start as usize].contains('\n') {
            break;
        }
        let word = super::lowercase(&doc.text[token.span]);
        // A name right before the head modifies it: "the u.s. embassy",
        // "Crocus City Hall".
        // So does an organisation's description before a building: "the
        // labor union headquarters".
        if let Some(name) = named.iter().rev().find(|m| {
            m.span.end() == token.span.end()
                && (m.kind != MentionKind::Nominal
                    || (category == NominalCategory::Building
                        && m.category.as_deref() == Some("organisation")))
        }) {
            // A place before a weapon is where it was, not what: "a bogota
            // dynamite attack".
            if category == NominalCategory::Weapon && name.kind == MentionKind::Place {
                break;
            }
            start = name.span.start();
            index = doc.token_at(start);
            taken += 1;
            if name.kind == MentionKind::Nominal {
                break;
            }
            continue;
        }
        let possessive = word.ends_with("'s") || word.ends_with("’s");
        let include = match token.kind {
            TokenKind::Number => true,
            TokenKind::Punct => false,
            TokenKind::Word | TokenKind::Abbreviation => {
                if DETERMINERS.binary_search(&word.as_ref()).is_ok() {
                    // Only an article belongs to the description: "its
                    // armed forces" → "armed forces", "these houses" →
                    // "houses".
                    if matches!(word.as_ref(), "a" | "an" | "the") {
                        start = token.span.start();
                    }
                    break;
                }
                QUANTITIES.binary_search(&word.as_ref()).is_ok()
                    || lexicon.is_modifier(&word)
                    || (word.ends_with("ly") && start != head.start())
                    || (!doc.lower_case
                        && token.capitalised
                        && !possessive
                        && !is_calendar_word(&word)
                        && !doc.starts_sentence(index - 1))
            }
        };
        if !include {
            break;
        }
        start = token.span.start();
        index -= 1;
        taken += 1;
    }
    let span = crate::span(start as usize, head.end() as usize);
    Mention {
        span,
        sentence: doc.sentence_of(span.start()),
        kind: MentionKind::Nominal,
        category: Some(category.name().to_owned()),
        entity: None,
        candidates: Vec::new(),
        confidence: 0.7,
        rule: "nominal".to_owned(),
    }
}

/// Grows a description over an "of" phrase that names or describes
/// something: "members of the salvadoran army", "the headquarters of the
/// national police". The inner mention stays, nested.
pub(crate) fn attach_of_phrases(doc: &Doc<'_>, mentions: &mut [Mention]) {
    let mut starts: Vec<(u32, u32)> = mentions
        .iter()
        .map(|m| (m.span.start(), m.span.end()))
        .collect();
    starts.sort_unstable();
    for mention in mentions
        .iter_mut()
        .filter(|m| m.kind == MentionKind::Nominal)
    {
        let of = doc.token_at(mention.span.end());
        if doc.lower(of).as_deref() != Some("of") {
            continue;
        }
        let Some(after) = doc.tokens.get(of + 1) else {
            continue;
        };
        let mut candidates = vec![after.span.start()];
        if matches!(doc.lower(of + 1).as_deref(), Some("the" | "a" | "an")) {
            if let Some(next) = doc.tokens.get(of + 2) {
                candidates.push(next.span.start());
            }
        }
        let inner_end = candidates.iter().find_map(|&start| {
            let index = starts.partition_point(|&(s, _)| s < start);
            starts
                .get(index)
                .filter(|&&(s, _)| s == start)
                .map(|&(_, end)| end)
        });
        if let Some(end) = inner_end {
            if !doc.text[mention.span.end() as usize..end as usize].contains('\n') {
                mention.span = crate::span(mention.span.start() as usize, end as usize);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_sorted() {
        for list in [DETERMINERS, QUANTITIES] {
            let mut sorted = list.to_vec();
            sorted.sort_unstable();
            assert_eq!(sorted, list);
        }
    }
}
