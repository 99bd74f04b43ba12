//! People: announced by a title ("President Vladimir Putin", "police
//! spokesman Ahmed Ali", "col isaacs"), shaped like a name before a speech
//! verb ("Ahmed Ali said"), and later short forms of a name already seen
//! ("Putin").

use std::collections::HashMap;

use dossier_model::{ByteSpan, EntityKey, Mention, MentionKind};

use super::{Doc, Lexicon};
use crate::gazetteer::is_function_word;
use crate::tokens::TokenKind;

/// Lower-case particles inside names: "Abu Bakr al-Baghdadi", "Luis de la Cruz".
const PARTICLES: &[&str] = &[
    "al", "bin", "da", "de", "del", "der", "di", "dos", "du", "el", "ibn", "la", "van", "von", "y",
];

const SPEECH_VERBS: &[&str] = &[
    "added",
    "explained",
    "noted",
    "said",
    "says",
    "stated",
    "told",
    "wrote",
];

const MAX_NAME_TOKENS: usize = 4;

/// A mention that a person's name may swallow: a place or a nationality.
fn is_place_like(mention: &Mention) -> bool {
    matches!(mention.kind, MentionKind::Place | MentionKind::Nationality)
}

/// Covered by a mention that is not place-like.
fn covered_by_name(mentions: &[Mention], span: ByteSpan) -> bool {
    mentions
        .iter()
        .any(|m| !is_place_like(m) && m.span.start() < span.end() && span.start() < m.span.end())
}

fn covered(mentions: &[Mention], span: ByteSpan) -> bool {
    mentions
        .iter()
        .any(|m| m.span.start() < span.end() && span.start() < m.span.end())
}

/// People announced by titles.
pub(crate) fn titled(
    lexicon: &Lexicon,
    doc: &Doc<'_>,
    titles: &[(ByteSpan, String)],
    mentions: &mut Vec<Mention>,
) {
    for (title_span, title) in titles {
        let first = doc.token_at(title_span.end());
        let Some(first_token) = doc.tokens.get(first) else {
            continue;
        };
        // A known person right after the title: give it the title.
        if let Some(known) = mentions
            .iter_mut()
            .find(|m| m.span.start() == first_token.span.start() && m.kind == MentionKind::Person)
        {
            known.category = Some(title.clone());
            known.confidence = known.confidence.max(0.9);
            continue;
        }
        let mut end = None;
        let mut index = first;
        while index < doc.tokens.len() && index < first + MAX_NAME_TOKENS {
            let token = doc.tokens[index];
            if !matches!(token.kind, TokenKind::Word | TokenKind::Abbreviation) {
                break;
            }
            let gap = &doc.text
                [doc.tokens[index.max(1) - 1].span.end() as usize..token.span.start() as usize];
            if index > first && gap.contains('\n') {
                break;
            }
            let word = super::lowercase(&doc.text[token.span]);
            let is_name = if doc.lower_case {
                !is_function_word(&word) && !lexicon.is_modifier(&word) && !lexicon.is_title(&word)
            } else {
                token.capitalised || (PARTICLES.contains(&word.as_ref()) && end.is_some())
            };
            if !is_name || covered_by_name(mentions, token.span) {
                break;
            }
            if doc.lower_case || token.capitalised {
                end = Some(token.span.end());
            }
            index += 1;
        }
        let Some(end) = end else { continue };
        let span = crate::span(first_token.span.start() as usize, end as usize);
        // Place names inside a person's name ("Ahmed Ali", "Luis Trujillo")
        // were the person's.
        mentions.retain(|m| {
            !(is_place_like(m) && span.start() <= m.span.start() && m.span.end() <= span.end())
        });
        let name = crate::normalize::fold_str(&doc.text[span]);
        mentions.push(Mention {
            span,
            sentence: doc.sentence_of(span.start()),
            kind: MentionKind::Person,
            category: Some(title.clone()),
            entity: Some(EntityKey::person(&name)),
            candidates: Vec::new(),
            confidence: 0.8,
            rule: "title_cue".to_owned(),
        });
    }
}

/// Capitalised two- to four-word names right before a speech verb, or
/// after "according to", in mixed-case text.
pub(crate) fn name_shaped(doc: &Doc<'_>, mentions: &mut Vec<Mention>) {
    if doc.lower_case {
        return;
    }
    let tokens = &doc.tokens;
    let mut index = 0;
    while index < tokens.len() {
        let mut end = index;
        while end < tokens.len()
            && end - index < MAX_NAME_TOKENS
            && tokens[end].kind == TokenKind::Word
            && tokens[end].capitalised
            && !is_function_word(&doc.text[tokens[end].span].to_lowercase())
        {
            end += 1;
        }
        let length = end - index;
        if length >= 2 {
            let span = crate::span(
                tokens[index].span.start() as usize,
                tokens[end - 1].span.end() as usize,
            );
            let before_speech = doc
                .lower(end)
                .is_some_and(|w| SPEECH_VERBS.contains(&w.as_ref()));
            let after_according = index >= 2
                && doc.lower(index - 2).as_deref() == Some("according")
                && doc.lower(index - 1).as_deref() == Some("to");
            let same_line = !doc.text[span].contains('\n');
            if (before_speech || after_according) && same_line && !covered(mentions, span) {
                let name = crate::normalize::fold_str(&doc.text[span]);
                mentions.push(Mention {
                    span,
                    sentence: doc.sentence_of(span.start()),
                    kind: MentionKind::Person,
                    category: None,
                    entity: Some(EntityKey::person(&name)),
                    candidates: Vec::new(),
                    confidence: 0.6,
                    rule: "name_shape".to_owned(),
                });
            }
        }
        index = end.max(index + 1);
    }
}

/// Later mentions of a person by surname alone.
pub(crate) fn short_forms(doc: &Doc<'_>, mentions: &mut Vec<Mention>) {
    let mut surnames: HashMap<String, (EntityKey, u32)> = HashMap::new();
    for mention in mentions.iter().filter(|m| m.kind == MentionKind::Person) {
        let text = &doc.text[mention.span];
        let mut words = text.split_whitespace();
        let (Some(_), Some(last)) = (words.next(), words.next_back()) else {
            continue;
        };
        if let Some(entity) = &mention.entity {
            let surname = crate::normalize::fold_str(last);
            if surname.chars().count() >= 3 && !is_function_word(&surname) {
                surnames
                    .entry(surname)
                    .or_insert((entity.clone(), mention.span.end()));
            }
        }
    }
    if surnames.is_empty() {
        return;
    }
    let mut found = Vec::new();
    for token in &doc.tokens {
        if token.kind != TokenKind::Word || (!doc.lower_case && !token.capitalised) {
            continue;
        }
        let word = doc.text[token.span]
            .trim_end_matches("'s")
            .trim_end_matches("’s");
        let Some((entity, first_seen)) = surnames.get(&crate::normalize::fold_str(word)) else {
            continue;
        };
        let span = crate::span(
            token.span.start() as usize,
            token.span.start() as usize + word.len(),
        );
        if span.start() < *first_seen || covered_by_name(mentions, span) {
            continue;
        }
        found.push(Mention {
            span,
            sentence: doc.sentence_of(span.start()),
            kind: MentionKind::Person,
            category: None,
            entity: Some(entity.clone()),
            candidates: Vec::new(),
            confidence: 0.75,
            rule: "short_form".to_owned(),
        });
    }
    // A place that is a known person's surname was the person ("Ali added").
    mentions.retain(|m| !(is_place_like(m) && found.iter().any(|f| f.span == m.span)));
    mentions.extend(found);
}
