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
    "a", "an", "another", "her", "his", "its", "our", "some", "that", "the", "their", "these",
    "this", "those",
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
    "several",
    "seven",
    "seventeen",
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

pub(crate) fn mention(
    lexicon: &Lexicon,
    doc: &Doc<'_>,
    head: ByteSpan,
    category: NominalCategory,
) -> Mention {
    let head_token = doc.token_at(head.start());
    let mut start = head.start();
    let mut index = head_token;
    let mut taken = 0;
    while index > 0 && taken < MAX_MODIFIERS {
        let token = doc.tokens[index - 1];
        if doc.text[token.span.end() as usize..start as usize].contains('\n') {
            break;
        }
        let word = doc.text[token.span].to_lowercase();
        let include = match token.kind {
            TokenKind::Number => true,
            TokenKind::Punct => false,
            TokenKind::Word | TokenKind::Abbreviation => {
                if DETERMINERS.binary_search(&word.as_str()).is_ok() {
                    start = token.span.start();
                    break;
                }
                QUANTITIES.binary_search(&word.as_str()).is_ok()
                    || lexicon.is_modifier(&word)
                    || (word.ends_with("ly") && start != head.start())
                    || (!doc.lower_case && token.capitalised && !doc.starts_sentence(index - 1))
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
