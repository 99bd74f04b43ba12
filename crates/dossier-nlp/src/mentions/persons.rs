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

/// Participles that, after "was"/"were", say something happened to a
/// person: a name may end right before "was murdered".
const PERSON_PASSIVES: &[&str] = &[
    "abducted",
    "assassinated",
    "injured",
    "kidnapped",
    "killed",
    "murdered",
    "shot",
    "slain",
    "wounded",
];

/// Words that stand next to a name in lower-case text without being part
/// of it: verbs, time words and the like (sorted).
const NOT_NAME_WORDS: &[&str] = &[
    "&str] = &[",
    "afternoon",
    "ago",
    "already",
    "always",
    "apparently",
    "came",
    "cannot",
    "conference",
    "dawn",
    "day",
    "days",
    "evening",
    "gave",
    "had",
    "herself",
    "himself",
    "hours",
    "itself",
    "last",
    "later",
    "left",
    "made",
    "may",
    "met",
    "midnight",
    "minutes",
    "month",
    "months",
    "morning",
    "must",
    "never",
    "news",
    "night",
    "noon",
    "often",
    "shot",
    "themselves",
    "today",
    "told",
    "tomorrow",
    "tonight",
    "took",
    "week",
    "weekend",
    "weeks",
    "went",
    "whose",
    "year",
    "years",
    "yesterday",
];

/// Names ending like a verb form ("Ahmed").
const ED_NAMES: &[&str] = &[
    "ahmed", "mahmoud", "mohamed", "mohammed", "muhammed", "reed", "ted",
];

/// Names ending like an adjective ("Eric").
const IC_NAMES: &[&str] = &["dominic", "eric", "frederic", "ludovic", "vic"];

/// Whether a lower-case `word` may be part of a person's name in
/// lower-case text: not a function word, title, listed modifier or
/// nominal noun, time word, or verb-shaped word.
pub(crate) fn is_lower_name_word(lexicon: &Lexicon, word: &str) -> bool {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    if letters < 2 || word.chars().any(|c| c.is_ascii_digit()) {
        return false;
    }
    if is_function_word(word)
        || lexicon.is_modifier(word)
        || lexicon.is_title(word)
        || NOT_NAME_WORDS.binary_search(&word).is_ok()
        || SPEECH_VERBS.contains(&word)
        || super::nominals::is_calendar_word(word)
        || word.ends_with("'s")
        || word.ends_with("’s")
    {
        return false;
    }
    let verb_like = (word.ends_with("ed") && letters > 4 && !ED_NAMES.contains(&word))
        || (word.ends_with("ing") && letters > 5)
        || (word.ends_with("ly") && letters > 4)
        || (word.ends_with("ic") && !IC_NAMES.contains(&word))
        || [
            "tion", "sion", "ment", "ity", "ness", "ism", "ous", "ive", "ence", "ance", "ship",
        ]
        .iter()
        .any(|suffix| word.ends_with(suffix));
    !verb_like
}

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
                is_lower_name_word(lexicon, &word)
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

/// The name words of a lower-case text that run from token `first`
/// forwards (`step` 1) or backwards (`step` -1): up to
/// [`MAX_NAME_TOKENS`], on one line, none inside another mention that is
/// not a place. Returns the index of the last one, or None when fewer than
/// two are found or the run goes on past the limit.
fn lower_name_run(
    lexicon: &Lexicon,
    doc: &Doc<'_>,
    mentions: &[Mention],
    first: usize,
    forwards: bool,
) -> Option<usize> {
    let mut last = None;
    let mut index = first;
    let mut count = 0;
    while let Some(token) = doc.tokens.get(index) {
        if token.kind != TokenKind::Word {
            break;
        }
        if let Some(prev) = last {
            let (a, b): (usize, usize) = if forwards {
                (prev, index)
            } else {
                (index, prev)
            };
            let gap =
                &doc.text[doc.tokens[a].span.end() as usize..doc.tokens[b].span.start() as usize];
            if gap.contains('\n') {
                break;
            }
        }
        let word = super::lowercase(&doc.text[token.span]);
        if !is_lower_name_word(lexicon, &word) || covered_by_name(mentions, token.span) {
            break;
        }
        count += 1;
        if count > MAX_NAME_TOKENS {
            return None;
        }
        last = Some(index);
        if forwards {
            index += 1;
        } else if index == 0 {
            break;
        } else {
            index -= 1;
        }
    }
    last.filter(|_| count >= 2)
}

/// Whether a person's role ends with token `index` in a lower-case text:
/// a singular person description ("landowner", "presidential candidate"),
/// whose ends are `role_ends` (sorted), or, when `title` allows, a title.
fn role_ends_at(
    lexicon: &Lexicon,
    doc: &Doc<'_>,
    role_ends: &[u32],
    index: usize,
    title: bool,
) -> bool {
    let Some(token) = doc.tokens.get(index) else {
        return false;
    };
    if role_ends.binary_search(&token.span.end()).is_ok() {
        return !doc.text[token.span].ends_with('s');
    }
    title
        && token.kind == TokenKind::Word
        && lexicon.is_title(&super::lowercase(&doc.text[token.span]))
}

/// A person's role starting at token `index`, after an apposition's
/// comma: "a priest", "the leader of ...", "leader", "55,".
fn role_starts_at(lexicon: &Lexicon, doc: &Doc<'_>, mentions: &[Mention], index: usize) -> bool {
    let Some(token) = doc.tokens.get(index) else {
        return false;
    };
    // An age: "maria pulido, 42;".
    if token.kind == TokenKind::Number {
        return doc
            .tokens
            .get(index + 1)
            .is_some_and(|t| matches!(&doc.text[t.span], "," | ";" | "." | ")"));
    }
    let mut index = index;
    if matches!(doc.lower(index).as_deref(), Some("a" | "an" | "the")) {
        index += 1;
    }
    let Some(token) = doc.tokens.get(index) else {
        return false;
    };
    let word = super::lowercase(&doc.text[token.span]);
    if lexicon.is_title(&word) {
        return true;
    }
    mentions.iter().any(|m| {
        m.kind == MentionKind::Nominal
            && m.category.as_deref() == Some("person")
            && m.span.start() <= token.span.start()
            && token.span.start() < m.span.end()
    })
}

/// Whether the token before `first` lets a name start there: none, a
/// punctuation mark, or a word that is neither a determiner nor part of
/// another description or name ("a news conference", "child care center").
fn name_may_start_after(doc: &Doc<'_>, mentions: &[Mention], first: usize) -> bool {
    let Some(before) = first.checked_sub(1) else {
        return true;
    };
    let token = doc.tokens[before];
    if token.kind == TokenKind::Punct || doc.starts_sentence(first) {
        return true;
    }
    let word = super::lowercase(&doc.text[token.span]);
    !DETERMINERS.contains(&word.as_ref()) && !covered_by_name(mentions, token.span)
}

const DETERMINERS: &[&str] = &[
    "a", "an", "any", "each", "every", "her", "his", "its", "my", "no", "our", "some", "that",
    "the", "their", "these", "this", "those", "whose", "your",
];

/// People in lower-case text, where no capital marks a name: two to four
/// name words right after a person's role ("landowner samuel plazas",
/// "the candidate, luis carlos galan,") or before an apposition that gives
/// one ("hector oqueli colindres, a leader of ...", "maria pulido, 42,"),
/// or after "identified as". The run of words must stop at a function
/// word, verb or punctuation.
pub(crate) fn lower_case_names(lexicon: &Lexicon, doc: &Doc<'_>, mentions: &mut Vec<Mention>) {
    if !doc.lower_case {
        return;
    }
    let mut found: Vec<ByteSpan> = Vec::new();
    let tokens = &doc.tokens;
    let mut role_ends: Vec<u32> = mentions
        .iter()
        .filter(|m| m.kind == MentionKind::Nominal && m.category.as_deref() == Some("person"))
        .map(|m| m.span.end())
        .collect();
    role_ends.sort_unstable();
    for index in 0..tokens.len() {
        if tokens[index].kind != TokenKind::Word {
            continue;
        }
        let mut candidate = None;
        // Forwards from a role, or a role and a comma, or "identified as".
        let after_role = index.checked_sub(1).is_some_and(|b| {
            let previous = &doc.text[tokens[b].span];
            if previous == "," {
                b > 0 && role_ends_at(lexicon, doc, &role_ends, b - 1, true)
            } else if previous.eq_ignore_ascii_case("as") {
                b > 0 && matches!(doc.lower(b - 1).as_deref(), Some("identified" | "named"))
            } else {
                role_ends_at(lexicon, doc, &role_ends, b, false)
            }
        });
        if after_role {
            if let Some(last) = lower_name_run(lexicon, doc, mentions, index, true) {
                candidate = Some((index, last));
            }
        }
        // Forwards from a common given name: "pedro lopez and ...".
        if candidate.is_none()
            && lexicon.is_given_name(&folded_word(&doc.text[tokens[index].span]))
            && name_may_start_after(doc, mentions, index)
        {
            if let Some(last) = lower_name_run(lexicon, doc, mentions, index, true) {
                candidate = Some((index, last));
            }
        }
        // Backwards from a passive verb that only people undergo: "hector
        // oqueli colindres was murdered".
        if candidate.is_none()
            && matches!(doc.lower(index + 1).as_deref(), Some("was" | "were"))
            && doc
                .lower(index + 2)
                .is_some_and(|w| PERSON_PASSIVES.contains(&w.as_ref()))
        {
            if let Some(first) = lower_name_run(lexicon, doc, mentions, index, false)
                .filter(|&first| name_may_start_after(doc, mentions, first))
            {
                candidate = Some((first, index));
            }
        }
        // Backwards from an apposition's comma.
        if candidate.is_none()
            && doc
                .tokens
                .get(index + 1)
                .is_some_and(|t| &doc.text[t.span] == ",")
            && role_starts_at(lexicon, doc, mentions, index + 2)
        {
            if let Some(first) = lower_name_run(lexicon, doc, mentions, index, false)
                .filter(|&first| name_may_start_after(doc, mentions, first))
            {
                candidate = Some((first, index));
            }
        }
        let Some((first, last)) = candidate else {
            continue;
        };
        let span = crate::span(
            tokens[first].span.start() as usize,
            tokens[last].span.end() as usize,
        );
        // A place's own name is not a person's ("in san salvador, a soldier"),
        // nor is a run that cuts through one ("santa maria ...").
        if mentions.iter().any(|m| {
            is_place_like(m)
                && (m.span == span
                    || (m.span.start() < span.start() && span.start() < m.span.end())
                    || (m.span.start() < span.end() && span.end() < m.span.end()))
        }) || found
            .iter()
            .any(|f| f.start() < span.end() && span.start() < f.end())
        {
            continue;
        }
        found.push(span);
    }
    for span in found {
        if covered_by_name(mentions, span) {
            continue;
        }
        mentions.retain(|m| {
            !(is_place_like(m) && span.start() <= m.span.start() && m.span.end() <= span.end())
        });
        let name = crate::normalize::fold_str(&doc.text[span]);
        mentions.push(Mention {
            span,
            sentence: doc.sentence_of(span.start()),
            kind: MentionKind::Person,
            category: None,
            entity: Some(EntityKey::person(&name)),
            candidates: Vec::new(),
            confidence: 0.6,
            rule: "lower_case_name".to_owned(),
        });
    }
}

/// `word` folded as names are: lower case, accents removed.
fn folded_word(word: &str) -> std::borrow::Cow<'_, str> {
    if word.bytes().all(|b| b.is_ascii_alphanumeric()) {
        super::lowercase(word)
    } else {
        std::borrow::Cow::Owned(crate::normalize::fold_str(word))
    }
}

/// Later and earlier mentions of a person by a full name of two or more
/// words already found ("luis carlos galan" after "candidate luis carlos
/// galan").
pub(crate) fn repeated_names(doc: &Doc<'_>, mentions: &mut Vec<Mention>) {
    let mut names: Vec<(Vec<String>, EntityKey)> = Vec::new();
    for mention in mentions.iter().filter(|m| m.kind == MentionKind::Person) {
        let words: Vec<String> = doc.text[mention.span]
            .split_whitespace()
            .map(crate::normalize::fold_str)
            .collect();
        if words.len() >= 2 && !names.iter().any(|(w, _)| *w == words) {
            if let Some(entity) = &mention.entity {
                names.push((words, entity.clone()));
            }
        }
    }
    if names.is_empty() {
        return;
    }
    let tokens = &doc.tokens;
    let mut found = Vec::new();
    for index in 0..tokens.len() {
        for (words, entity) in &names {
            let end = index + words.len();
            if end > tokens.len() {
                continue;
            }
            let matches = (0..words.len()).all(|k| {
                let token = tokens[index + k];
                token.kind == TokenKind::Word
                    && (doc.lower_case || token.capitalised)
                    && folded_word(&doc.text[token.span]) == words[k].as_str()
            });
            if !matches {
                continue;
            }
            let span = crate::span(
                tokens[index].span.start() as usize,
                tokens[end - 1].span.end() as usize,
            );
            if doc.text[span].contains('\n') || covered_by_name(mentions, span) {
                continue;
            }
            if found.iter().any(|(f, _): &(ByteSpan, EntityKey)| {
                f.start() < span.end() && span.start() < f.end()
            }) {
                continue;
            }
            found.push((span, entity.clone()));
        }
    }
    for (span, entity) in found {
        mentions.retain(|m| {
            !(is_place_like(m) && span.start() <= m.span.start() && m.span.end() <= span.end())
        });
        mentions.push(Mention {
            span,
            sentence: doc.sentence_of(span.start()),
            kind: MentionKind::Person,
            category: None,
            entity: Some(entity),
            candidates: Vec::new(),
            confidence: 0.7,
            rule: "repeated_name".to_owned(),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn not_name_words_are_sorted() {
        let mut sorted = NOT_NAME_WORDS.to_vec();
        sorted.sort_unstable();
        assert_eq!(sorted, NOT_NAME_WORDS);
    }
}
