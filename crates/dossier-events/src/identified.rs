//! Victims named in an identification: "the victims were identified as
//! X", "the dead men were identified as X and Y", "the wounded person was
//! identified as X". Without a word of harm before "identified" the name
//! may be a suspect's or a soldier's, and it is left alone.

use dossier_model::{EventRole, MentionKind};

use crate::doc::Doc;
use crate::roles::Pick;

/// Words of harm that make the people identified victims.
const HARMED: &[&str] = &[
    "body", "bodies", "dead", "injured", "killed", "murdered", "victim", "victims", "wounded",
];

/// How many words (a title: "opposition leader") may stand between
/// "including" and the name it introduces.
const INCLUDING_REACH: usize = 4;

/// Confidence of a victim named in an identification.
const IDENTIFIED_CONFIDENCE: f32 = 0.6;

/// Victim picks for the people named after "identified ... as" in
/// `sentence`, when a word of harm comes before "identified".
pub(crate) fn victims(doc: &Doc<'_>, sentence: usize, picks: &mut Vec<Pick>) {
    let (first, _) = doc.sentence_tokens[sentence];
    for mention in doc.mentions_in(sentence) {
        if doc.mentions[mention].kind != MentionKind::Person {
            continue;
        }
        let start = doc.mention_tokens[mention].0;
        // "as" right before the name, or before its title.
        let Some(as_at) = (start.saturating_sub(3).max(first)..start)
            .rev()
            .find(|&at| doc.word(at) == "as")
        else {
            continue;
        };
        let Some(identified) =
            (as_at.saturating_sub(5).max(first)..as_at).find(|&at| doc.word(at) == "identified")
        else {
            continue;
        };
        if !(first..identified).any(|at| HARMED.contains(&doc.word(at))) {
            continue;
        }
        let mut named = mention;
        loop {
            picks.push(Pick {
                mention: named,
                role: EventRole::Victim,
                rule: "identified_as",
                confidence: IDENTIFIED_CONFIDENCE,
            });
            match next_listed(doc, sentence, named) {
                Some(next) => named = next,
                None => break,
            }
        }
    }
}

/// Extends each victim pick through the names listed right after it
/// ("killing X, 42; Y, 19"; "engineers X, Y, and Z were kidnapped"): a
/// rule that reaches the head of a list reaches only its first item. Only
/// from a named victim: after "the six priests;" a new list may begin.
pub(crate) fn extend_lists(doc: &Doc<'_>, picks: &mut Vec<Pick>) {
    let mut added = Vec::new();
    // "ten union members were killed, including opposition leader X": the
    // person named after "including" is one of the victims before it.
    for pick in picks.iter().filter(|p| p.role == EventRole::Victim) {
        let (_, end) = doc.mention_tokens[pick.mention];
        let sentence = doc.sentence_of_token[end.saturating_sub(1)];
        let Some(including) =
            (end..doc.sentence_tokens[sentence].1).find(|&at| doc.word(at) == "including")
        else {
            continue;
        };
        let Some(next) = doc
            .mentions_in(sentence)
            .find(|&m| doc.mention_tokens[m].0 > including)
        else {
            continue;
        };
        if doc.mentions[next].kind == MentionKind::Person
            && doc.mention_tokens[next].0 <= including + INCLUDING_REACH
            && !picks
                .iter()
                .chain(added.iter())
                .any(|p: &Pick| p.mention == next)
        {
            added.push(Pick {
                mention: next,
                role: EventRole::Victim,
                rule: "including",
                confidence: pick.confidence,
            });
        }
    }
    for pick in picks.iter().chain(added.clone().iter()).filter(|p| {
        p.role == EventRole::Victim && doc.mentions[p.mention].kind == MentionKind::Person
    }) {
        let sentence = doc.sentence_of_token[doc.mention_tokens[pick.mention].0];
        let mut named = pick.mention;
        while let Some(next) = next_listed(doc, sentence, named) {
            if !picks
                .iter()
                .chain(added.iter())
                .any(|p: &Pick| p.mention == next && p.role == EventRole::Victim)
            {
                added.push(Pick {
                    mention: next,
                    role: EventRole::Victim,
                    rule: "listed",
                    confidence: pick.confidence,
                });
            }
            named = next;
        }
    }
    picks.extend(added);
}

/// The person named next in the list after mention `at` ("X, 38, and Y,
/// 42"; "X and sergeant Y"): only commas, "and", ages and the next
/// name's title stand between them.
fn next_listed(doc: &Doc<'_>, sentence: usize, at: usize) -> Option<usize> {
    let end = doc.mention_tokens[at].1;
    let next = doc
        .mentions_in(sentence)
        .find(|&m| doc.mention_tokens[m].0 >= end)?;
    let mention = &doc.mentions[next];
    let title = mention.category.as_deref().unwrap_or_default();
    let gap = end..doc.mention_tokens[next].0;
    (mention.kind == MentionKind::Person
        && gap
            .clone()
            .any(|t| matches!(doc.word(t), "," | ";" | "and"))
        && gap.clone().all(|t| {
            let word = doc.word(t);
            matches!(word, "," | ";" | "and")
                || word.bytes().all(|b| b.is_ascii_digit())
                || title.split(' ').any(|w| w == word)
        }))
    .then_some(next)
}
