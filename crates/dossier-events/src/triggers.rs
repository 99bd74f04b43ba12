//! Finding the words that report an event: the longest trigger form at each
//! token, read as passive when a form of "be" precedes a verb or "by"
//! follows it.

use dossier_model::{ByteSpan, MentionKind};

use crate::doc::Doc;
use crate::lexicon::{EventLexicon, Pos, Trigger};

/// A trigger found in the text.
#[derive(Clone, Debug)]
pub(crate) struct Found<'l> {
    /// First token.
    pub(crate) start: usize,
    /// One past the last token.
    pub(crate) end: usize,
    /// Its bytes.
    pub(crate) span: ByteSpan,
    /// Its sentence index.
    pub(crate) sentence: usize,
    /// The lexicon entry.
    pub(crate) trigger: &'l Trigger,
    /// A verb in the passive voice ("was bombed", "killed by").
    pub(crate) passive: bool,
    /// How it is used here: a verb form after a determiner is a noun ("the
    /// attack", "last night's attack").
    pub(crate) pos: Pos,
}

/// Words after which a verb form is used as a noun.
const DETERMINERS: &[&str] = &[
    "'s", "a", "an", "another", "its", "his", "her", "that", "the", "their", "these", "this",
    "those",
];

const BE: &[&str] = &[
    "am", "are", "be", "been", "being", "get", "got", "gotten", "is", "was", "were",
];

/// Words that may sit between an auxiliary and its participle.
const BETWEEN_AUX: &[&str] = &[
    "allegedly",
    "also",
    "apparently",
    "brutally",
    "later",
    "never",
    "not",
    "partially",
    "partly",
    "reportedly",
    "seriously",
    "severely",
    "slightly",
    "subsequently",
    "then",
    "totally",
    "completely",
];

/// Every trigger of `doc`, in text order, not overlapping.
pub(crate) fn find<'l>(doc: &Doc<'_>, lexicon: &'l EventLexicon) -> Vec<Found<'l>> {
    let mut found = Vec::new();
    let mut index = 0;
    let mut key = String::new();
    // Named mentions hide the words inside them ("Attack Helicopter
    // Squadron", "Bomb Disposal Unit").
    let mut named = doc
        .mentions
        .iter()
        .zip(&doc.mention_tokens)
        .filter(|(m, _)| m.kind != MentionKind::Nominal)
        .map(|(_, &range)| range)
        .peekable();
    while index < doc.tokens.len() {
        while named.peek().is_some_and(|r| r.1 <= index) {
            named.next();
        }
        // … unless the name is one word that is a verb trigger: a
        // gazetteer's "Shot" in "was shot" is no place.
        if let Some(&range) = named.peek().filter(|r| r.0 <= index) {
            let verb = range.1 == index + 1
                && lexicon
                    .triggers
                    .get(doc.word(index))
                    .is_some_and(|t| t.pos == Pos::Verb);
            if !verb {
                index += 1;
                continue;
            }
        }
        let Some(&longest) = lexicon.first_words.get(doc.word(index)) else {
            index += 1;
            continue;
        };
        let sentence = doc.sentence_of_token[index];
        let mut best = None;
        key.clear();
        for n in 0..longest {
            let at = index + n;
            if at >= doc.tokens.len() || doc.sentence_of_token[at] != sentence || !doc.is_word(at) {
                break;
            }
            if n > 0 {
                key.push(' ');
            }
            key.push_str(doc.word(at));
            if let Some(trigger) = lexicon.triggers.get(key.as_str()) {
                best = Some((at + 1, trigger));
            }
        }
        let Some((end, trigger)) = best else {
            index += 1;
            continue;
        };
        // A participle after a determiner describes a thing ("the burned
        // venue", "a kidnapped man"): the event is told elsewhere.
        let word = doc.word(index);
        if trigger.pos == Pos::Verb
            && end == index + 1
            && index > 0
            && matches!(doc.word(index - 1), "the" | "a" | "an" | "this" | "that")
            && (word.ends_with("ed") || matches!(word, "burnt" | "slain" | "shot" | "stolen"))
        {
            index += 1;
            continue;
        }
        let pos = if trigger.pos == Pos::Verb
            && index > 0
            && (DETERMINERS.contains(&doc.word(index - 1))
                || (end == index + 1 && bare_form(doc.word(index)) && !verb_context(doc, index)))
        {
            Pos::Noun
        } else {
            trigger.pos
        };
        let passive = pos == Pos::Verb && is_passive(doc, index, end);
        found.push(Found {
            start: index,
            end,
            span: crate::span(
                doc.tokens[index].span.start(),
                doc.tokens[end - 1].span.end(),
            ),
            sentence,
            trigger,
            passive,
            pos,
        });
        index = end;
    }
    found
}

/// A one-word verb form that is also a noun: "attack", "raids", "bomb" —
/// not a participle or past form ("attacked", "shot").
fn bare_form(word: &str) -> bool {
    !(word.ends_with("ed")
        || word.ends_with("ing")
        || word.ends_with("en")
        || matches!(
            word,
            "shot" | "hit" | "struck" | "slew" | "slain" | "burnt" | "beat" | "seized"
        ))
}

/// Words before a bare form that make it a verb: "to attack", "will
/// attack", "they attack".
const VERB_BEFORE: &[&str] = &[
    "can", "could", "did", "do", "does", "he", "i", "may", "might", "must", "not", "n't", "she",
    "should", "they", "to", "we", "who", "will", "would", "you",
];

/// Whether the word before token `index` makes a bare form a verb: a modal,
/// "to", a pronoun, or the end of a plural mention of people or a group
/// ("gunmen attack the hall"). A singular noun before it makes a compound
/// ("a guerrilla attack", "rebel raids"): a verb there would agree with it.
fn verb_context(doc: &Doc<'_>, index: usize) -> bool {
    let before = doc.word(index - 1);
    if VERB_BEFORE.contains(&before) {
        return true;
    }
    let plural_subject = !doc.word(index).ends_with('s')
        && (before.ends_with('s') || PLURAL_NOUNS.contains(&before));
    plural_subject
        && doc
            .mention_tokens
            .iter()
            .zip(&doc.classes)
            .any(|(range, class)| {
                range.1 == index
                    && matches!(
                        class,
                        crate::doc::Class::Group
                            | crate::doc::Class::StateForce
                            | crate::doc::Class::Perpetrator
                            | crate::doc::Class::ArmedPeople
                            | crate::doc::Class::People
                            | crate::doc::Class::State
                    )
            })
}

/// Plurals without a final "s".
const PLURAL_NOUNS: &[&str] = &[
    "children",
    "gunmen",
    "men",
    "people",
    "personnel",
    "police",
    "women",
];

/// Participles of verbs that always take an object: with none after them
/// they report what was done to the noun before ("5 soldiers killed, 3
/// wounded").
const OBJECT_VERBS: &[&str] = &[
    "abducted",
    "assassinated",
    "injured",
    "kidnapped",
    "killed",
    "murdered",
    "wounded",
];

/// Words that cannot begin an object: punctuation, conjunctions and
/// prepositions of time and place.
const NO_OBJECT: &[&str] = &[
    "",
    ",",
    ".",
    ";",
    ":",
    ")",
    "--",
    "and",
    "or",
    "in",
    "during",
    "when",
    "while",
    "after",
    "yesterday",
    "today",
    "last",
    "on",
    "at",
    "near",
];

fn is_passive(doc: &Doc<'_>, start: usize, end: usize) -> bool {
    if doc.word(end) == "by" {
        return true;
    }
    if end == start + 1
        && OBJECT_VERBS.contains(&doc.word(start))
        && NO_OBJECT.contains(&doc.word(end))
        // "the people they have abducted": a perfect tense is active.
        && !(start > 0
            && matches!(
                doc.word(start - 1),
                "have" | "has" | "had" | "having" | "they" | "he" | "she" | "we" | "who"
            ))
        // "killed and wounded five soldiers" shares its object.
        && !(matches!(doc.word(end), "and" | "or" | ",")
            && OBJECT_VERBS.contains(&doc.word(end + 1)))
    {
        return true;
    }
    let mut at = start;
    for _ in 0..3 {
        if at == 0 {
            return false;
        }
        at -= 1;
        let word = doc.word(at);
        if BE.contains(&word) {
            return true;
        }
        if !BETWEEN_AUX.contains(&word) {
            return false;
        }
    }
    false
}
