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
        if (first..identified).any(|at| HARMED.contains(&doc.word(at))) {
            picks.push(Pick {
                mention,
                role: EventRole::Victim,
                rule: "identified_as",
                confidence: IDENTIFIED_CONFIDENCE,
            });
        }
    }
}
