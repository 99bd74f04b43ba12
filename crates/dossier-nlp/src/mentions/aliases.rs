//! Aliases the text defines: "Islamic State Khorasan Province (ISKP)",
//! "IS-K, short for Islamic State-Khorasan", "X, also known as Y",
//! "X, formerly Y".
//!
//! One side of the definition must be a linked actor; the other side, if
//! it names nothing known, becomes a learned alias of that actor, kept with
//! the sentence that defines it and applied to the rest of the text. When
//! both sides name different known actors, nothing is merged: the
//! definition is recorded as a conflict.

use dossier_model::{AliasPattern, ByteSpan, EntityKey, LearnedAlias, Mention, MentionKind};

use super::Doc;
use super::link::round;
use crate::gazetteer::is_function_word;
use crate::normalize::{Folded, fold_str};
use crate::tokens::TokenKind;

/// Folded cue phrases between the two sides, with the pattern they mark.
const CUES: &[(&str, AliasPattern)] = &[
    (", short for ", AliasPattern::ShortFor),
    (", which stands for ", AliasPattern::ShortFor),
    (", an acronym for ", AliasPattern::ShortFor),
    (", also known as ", AliasPattern::AlsoKnownAs),
    (" also known as ", AliasPattern::AlsoKnownAs),
    (" (also known as ", AliasPattern::AlsoKnownAs),
    (", aka ", AliasPattern::AlsoKnownAs),
    (", also called ", AliasPattern::AlsoKnownAs),
    (", formerly known as ", AliasPattern::Formerly),
    (", previously known as ", AliasPattern::Formerly),
    (", formerly ", AliasPattern::Formerly),
];

const MAX_PHRASE_TOKENS: usize = 7;

/// One side of a definition.
#[derive(Clone, Debug)]
struct Side {
    span: ByteSpan,
    entity: Option<EntityKey>,
    kind: Option<MentionKind>,
}

fn actor_like(kind: Option<MentionKind>) -> bool {
    matches!(kind, Some(MentionKind::Actor | MentionKind::Person))
}

pub(crate) fn learn(
    doc: &Doc<'_>,
    folded: &Folded,
    mentions: &mut Vec<Mention>,
) -> Vec<LearnedAlias> {
    let mut learned = Vec::new();
    // Most texts define nothing: one scan for the cues' shared words first.
    let any_cue = [
        "short for",
        "stands for",
        "acronym for",
        "known as",
        "aka",
        "also called",
        "formerly",
    ]
    .iter()
    .any(|word| folded.text.contains(word));
    for &(cue, pattern) in CUES.iter().filter(|_| any_cue) {
        for (at, _) in folded.text.match_indices(cue) {
            let (cue_start, cue_end) = folded.source_range(at, at + cue.len());
            let left = side_ending_at(doc, mentions, cue_start as u32);
            let right = side_starting_at(doc, mentions, cue_end as u32);
            if let (Some(left), Some(right)) = (left, right) {
                define(doc, left, right, pattern, &mut learned);
            }
        }
    }
    // "Long Name (ACR)" and "ACR (Long Name)".
    for (index, token) in doc.tokens.iter().enumerate() {
        if &doc.text[token.span] != "(" {
            continue;
        }
        let Some(close) = (index + 1..doc.tokens.len().min(index + 2 + MAX_PHRASE_TOKENS))
            .find(|&j| &doc.text[doc.tokens[j].span] == ")")
        else {
            continue;
        };
        if close == index + 1 {
            continue;
        }
        let inner_span = crate::span(
            doc.tokens[index + 1].span.start() as usize,
            doc.tokens[close - 1].span.end() as usize,
        );
        let inner = side_for_span(mentions, inner_span);
        let Some(outer) = side_ending_at(doc, mentions, token.span.start()) else {
            continue;
        };
        // Only an acronym-like inner part names the outer one.
        let inner_text = &doc.text[inner_span];
        let acronym_like = !inner_text.contains(' ')
            && inner_text.chars().filter(|c| c.is_uppercase()).count() >= 2;
        if inner.entity.is_none() && !acronym_like {
            continue;
        }
        define(doc, outer, inner, AliasPattern::Parenthetical, &mut learned);
    }
    learned.sort_by_key(|alias| (alias.span.start(), alias.span.end()));
    learned.dedup_by(|a, b| a.span == b.span);
    apply(doc, folded, &learned, mentions);
    learned
}

fn define(
    doc: &Doc<'_>,
    left: Side,
    right: Side,
    pattern: AliasPattern,
    learned: &mut Vec<LearnedAlias>,
) {
    let sentence = doc.sentence_of(left.span.start());
    match (&left.entity, &right.entity) {
        (Some(a), Some(b)) if a != b && actor_like(left.kind) && actor_like(right.kind) => {
            learned.push(LearnedAlias {
                alias: doc.text[left.span].to_owned(),
                span: left.span,
                sentence,
                entity: None,
                conflict: vec![a.clone(), b.clone()],
                pattern,
                confidence: 0.5,
            });
        }
        (Some(_), Some(_)) | (None, None) => {}
        (Some(entity), None) | (None, Some(entity)) => {
            let (known, new) = if left.entity.is_some() {
                (&left, &right)
            } else {
                (&right, &left)
            };
            if !actor_like(known.kind) {
                return;
            }
            let alias = &doc.text[new.span];
            let folded = fold_str(alias);
            if folded.chars().filter(|c| c.is_alphanumeric()).count() < 2
                || is_function_word(&folded)
            {
                return;
            }
            learned.push(LearnedAlias {
                alias: alias.to_owned(),
                span: new.span,
                sentence,
                entity: Some(entity.clone()),
                conflict: Vec::new(),
                pattern,
                confidence: 0.8,
            });
        }
    }
}

fn side_for_span(mentions: &[Mention], span: ByteSpan) -> Side {
    let exact = mentions
        .iter()
        .find(|m| m.span == span && m.kind != MentionKind::Nominal);
    Side {
        span,
        entity: exact.and_then(|m| m.entity.clone()),
        kind: exact.map(|m| m.kind),
    }
}

/// The named mention, or else the capitalised phrase, ending right before
/// byte `at` (spaces aside).
fn side_ending_at(doc: &Doc<'_>, mentions: &[Mention], at: u32) -> Option<Side> {
    let end = doc.text[..at as usize].trim_end().len() as u32;
    if let Some(m) = mentions
        .iter()
        .filter(|m| m.kind != MentionKind::Nominal)
        .find(|m| m.span.end() == end)
    {
        return Some(Side {
            span: m.span,
            entity: m.entity.clone(),
            kind: Some(m.kind),
        });
    }
    let last = doc.token_at(end).checked_sub(1)?;
    let mut first = last;
    while first > 0
        && last - first + 1 < MAX_PHRASE_TOKENS
        && is_name_word(doc, first - 1, first - 1 == last)
    {
        first -= 1;
    }
    if !is_name_word(doc, last, true) {
        return None;
    }
    while first < last && !doc.tokens[first].capitalised {
        first += 1;
    }
    let span = crate::span(
        doc.tokens[first].span.start() as usize,
        doc.tokens[last].span.end() as usize,
    );
    (!doc.text[span].contains('\n')).then_some(Side {
        span,
        entity: None,
        kind: None,
    })
}

/// The named mention, or else the capitalised phrase, starting at byte
/// `at`.
fn side_starting_at(doc: &Doc<'_>, mentions: &[Mention], at: u32) -> Option<Side> {
    if let Some(m) = mentions
        .iter()
        .filter(|m| m.kind != MentionKind::Nominal)
        .find(|m| m.span.start() == at)
    {
        return Some(Side {
            span: m.span,
            entity: m.entity.clone(),
            kind: Some(m.kind),
        });
    }
    let first = doc.token_at(at);
    if !is_name_word(doc, first, true) {
        return None;
    }
    let mut last = first;
    while last + 1 < doc.tokens.len()
        && last + 1 - first < MAX_PHRASE_TOKENS
        && is_name_word(doc, last + 1, false)
    {
        last += 1;
    }
    while last > first && !doc.tokens[last].capitalised {
        last -= 1;
    }
    let span = crate::span(
        doc.tokens[first].span.start() as usize,
        doc.tokens[last].span.end() as usize,
    );
    (!doc.text[span].contains('\n')).then_some(Side {
        span,
        entity: None,
        kind: None,
    })
}

/// A word that can be part of a name: capitalised, or a linking word inside
/// one ("of", "the", "for", "and"), or anything but a function word in
/// lower-case text.
fn is_name_word(doc: &Doc<'_>, index: usize, edge: bool) -> bool {
    let Some(token) = doc.tokens.get(index) else {
        return false;
    };
    if !matches!(token.kind, TokenKind::Word | TokenKind::Abbreviation) {
        return false;
    }
    if doc.lower_case {
        return !is_function_word(&super::lowercase(&doc.text[token.span]));
    }
    token.capitalised
        || (!edge
            && matches!(
                &doc.text[token.span],
                "of" | "the" | "for" | "and" | "al" | "de"
            ))
}

/// Marks every occurrence of each learned alias as a mention of its actor.
fn apply(doc: &Doc<'_>, folded: &Folded, learned: &[LearnedAlias], mentions: &mut Vec<Mention>) {
    for alias in learned {
        let Some(entity) = &alias.entity else {
            continue;
        };
        let kind = if entity.kind() == "actor" {
            MentionKind::Actor
        } else {
            MentionKind::Person
        };
        let needle = fold_str(&alias.alias);
        for (at, _) in folded.text.match_indices(needle.as_str()) {
            let end = at + needle.len();
            let bounded = !folded.text[..at]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric)
                && !folded.text[end..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphanumeric);
            if !bounded {
                continue;
            }
            let (start, stop) = folded.source_range(at, end);
            let span = crate::span(start, stop);
            // An ambiguous mention the definition settles: "CSIS" after
            // "Center for Strategic and International Studies (CSIS)".
            if let Some(ambiguous) = mentions.iter_mut().find(|m| {
                m.span == span
                    && m.entity.is_none()
                    && m.candidates.iter().any(|c| &c.entity == entity)
            }) {
                ambiguous.entity = Some(entity.clone());
                ambiguous.confidence = round(alias.confidence * 0.95);
                ambiguous.rule = "learned_alias".to_owned();
                continue;
            }
            let taken = mentions.iter().any(|m| {
                m.kind != MentionKind::Nominal
                    && m.span.start() < span.end()
                    && span.start() < m.span.end()
            });
            if taken {
                continue;
            }
            mentions.push(Mention {
                span,
                sentence: doc.sentence_of(span.start()),
                kind,
                category: None,
                entity: Some(entity.clone()),
                candidates: Vec::new(),
                confidence: round(alias.confidence * 0.95),
                rule: "learned_alias".to_owned(),
            });
        }
    }
}
