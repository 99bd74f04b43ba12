//! Who did it, to whom, with what: role fillers for one trigger, read from
//! the side of the trigger each mention stands on and what the mention is.
//!
//! Shallow on purpose: an active verb's agent stands before it and its
//! patient after; a passive verb swaps them, with the agent after "by"; a
//! noun trigger takes its patient after it ("attack on the embassy") and its
//! agent from a modifier ("guerrilla attack"), a "by" phrase, or the
//! subject of a perpetration verb ("the FMLN carried out the bombing").
//! Reporting verbs ("said", "reported") close the agent side, so the speaker
//! is not read as the attacker.

use dossier_model::EventRole;

use crate::doc::{Class, Doc};
use crate::lexicon::{Patient, Pos};
use crate::triggers::Found;

/// A mention chosen for a role.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Pick {
    /// Mention index.
    pub(crate) mention: usize,
    /// Role.
    pub(crate) role: EventRole,
    /// The rule that chose it.
    pub(crate) rule: &'static str,
    /// Confidence.
    pub(crate) confidence: f32,
}

/// Words after which the agent of a later trigger is not to be looked for
/// before them: the speaker of a report stands there.
const CLAUSE_BREAKS: &[&str] = &[
    ";",
    ":",
    "--",
    "added",
    "announced",
    "called",
    "confirmed",
    "denied",
    "described",
    "disclosed",
    "explained",
    "indicated",
    "learned",
    "noted",
    "reported",
    "reports",
    "revealed",
    "said",
    "say",
    "says",
    "stated",
    "states",
    "termed",
    "that",
    "told",
    "warned",
];

/// Words that end the patient side of a trigger.
const PATIENT_STOPS: &[&str] = &[
    ";",
    ":",
    "--",
    "according",
    "after",
    "announced",
    "because",
    "before",
    "but",
    "by",
    "said",
    "says",
    "since",
    "when",
    "where",
    "which",
    "while",
    "who",
];

/// Verbs right after a mention that make it the speaker of the sentence.
const SPEAKER_VERBS: &[&str] = &[
    "added",
    "announced",
    "charged",
    "declared",
    "denied",
    "explained",
    "indicated",
    "noted",
    "reported",
    "said",
    "says",
    "stated",
    "told",
];

/// Verbs through which a subject performs a noun-named event.
const PERPETRATION: &[&str] = &[
    "behind",
    "carried",
    "carry",
    "carrying",
    "claimed",
    "committed",
    "conducted",
    "detonated",
    "executed",
    "hurled",
    "launched",
    "mounted",
    "perpetrated",
    "placed",
    "planted",
    "responsible",
    "set",
    "staged",
    "threw",
    "unleashed",
];

/// Prepositions that place a thing as the scene of an event.
const SCENE: &[&str] = &[
    "against", "at", "in", "inside", "into", "near", "on", "outside", "through",
];

/// Words that tell of arms taken or found, not used: "seized rifles".
const SEIZURE: &[&str] = &[
    "arsenal",
    "cache",
    "caches",
    "captured",
    "confiscated",
    "found",
    "seized",
    "seizure",
    "surrendered",
];

/// Words between the items of a list.
const LIST_JOINS: &[&str] = &[",", "and"];

const PATIENT_WINDOW: usize = 14;
const AGENT_WINDOW: usize = 14;

/// Role fillers of `found` among the mentions of its sentence.
pub(crate) fn fill(doc: &Doc<'_>, found: &Found<'_>, picks: &mut Vec<Pick>) {
    let (sentence_start, sentence_end) = doc.sentence_tokens[found.sentence];
    // The agent side begins after the last clause break before the trigger.
    let mut agent_from = sentence_start;
    for at in (sentence_start..found.start).rev() {
        if CLAUSE_BREAKS.contains(&doc.word(at)) {
            agent_from = at + 1;
            break;
        }
    }
    agent_from = agent_from.max(found.start.saturating_sub(AGENT_WINDOW));
    let mut patient_to = (found.end + PATIENT_WINDOW).min(sentence_end);
    for at in found.end..patient_to {
        if PATIENT_STOPS.contains(&doc.word(at)) {
            patient_to = at;
            break;
        }
    }
    // A list of patients goes on past the window: "damaged the exchange,
    // a hotel, a restaurant, two clinics and a site".
    let mut list_end: Option<usize> = None;
    for index in doc.mentions_in(found.sentence) {
        let (start, end) = doc.mention_tokens[index];
        if start < found.end || !matches!(doc.classes[index], Class::People | Class::Thing) {
            continue;
        }
        if start < patient_to {
            list_end = Some(end.max(list_end.unwrap_or(0)));
            continue;
        }
        match list_end {
            Some(previous)
                if start <= previous + 2
                    && (previous..start).all(|at| LIST_JOINS.contains(&doc.word(at))) =>
            {
                list_end = Some(end);
                patient_to = end;
            }
            _ => break,
        }
    }
    let by_phrase = (found.end..(found.end + PATIENT_WINDOW).min(sentence_end))
        .find(|&at| doc.word(at) == "by")
        .map(|at| (at + 1, (at + 8).min(sentence_end)));
    let perpetration_verb =
        (agent_from..found.start).find(|&at| PERPETRATION.contains(&doc.word(at)));

    // "… the rebels … they burned the bus": a pronoun subject stands for
    // the attackers named last before it.
    if found.pos == Pos::Verb
        && !found.passive
        && (found.start.saturating_sub(2)..found.start).any(|at| doc.word(at) == "they")
        && let Some(antecedent) = antecedent(doc, found.start)
        && let Some(role) = agent_role(doc.classes[antecedent])
    {
        picks.push(Pick {
            mention: antecedent,
            role,
            rule: "pronoun_subject",
            confidence: 0.5,
        });
    }
    // "Police shot and wounded the suspect": the response to an attack,
    // whose shooter is no perpetrator and whose target is no victim.
    if found.pos == Pos::Verb
        && !found.passive
        && doc.mentions_in(found.sentence).any(|index| {
            let (start, _) = doc.mention_tokens[index];
            start >= found.end && start < patient_to && doc.classes[index] == Class::Perpetrator
        })
        && doc.mentions_in(found.sentence).any(|index| {
            let (_, end) = doc.mention_tokens[index];
            end <= found.start
                && end >= agent_from
                && matches!(doc.classes[index], Class::StateForce | Class::ArmedPeople)
        })
    {
        return;
    }
    // Arms seized, found or handed over are not the weapons of the event.
    let seizure = (sentence_start..sentence_end).any(|at| SEIZURE.contains(&doc.word(at)));
    for index in doc.mentions_in(found.sentence) {
        let (start, end) = doc.mention_tokens[index];
        let class = doc.classes[index];
        if class == Class::Weapon && seizure {
            continue;
        }
        if class == Class::Weapon {
            picks.push(Pick {
                mention: index,
                role: EventRole::Weapon,
                rule: "weapon_in_sentence",
                confidence: 0.7,
            });
            continue;
        }
        // "…, president Cristiani said": the speaker, not a participant.
        if SPEAKER_VERBS.contains(&doc.word(end)) {
            continue;
        }
        // "a children's hospital": people owning a thing are not its
        // attackers (an owner may be a victim: "X's residence").
        let rest = &doc.text[doc.mentions[index].span.end() as usize..];
        let owner = matches!(class, Class::People | Class::ArmedPeople)
            && (rest.starts_with("'s") || rest.starts_with("’s"));
        let before = end <= found.start && start >= agent_from;
        let after = start >= found.end && start < patient_to;
        let in_by = by_phrase.is_some_and(|(from, to)| start >= from && start < to);
        let (agent, patient, rule) = match (found.pos, found.passive) {
            (Pos::Verb, false) => (before, after, "active_verb"),
            (Pos::Verb, true) => (in_by, before, "passive_verb"),
            (Pos::Noun, _) => {
                let modifier =
                    end == found.start || (end + 1 == found.start && doc.word(end) == "'s");
                let subject = before && perpetration_verb.is_some_and(|v| end <= v);
                (
                    modifier || subject || in_by,
                    after && !in_by,
                    "noun_trigger",
                )
            }
        };
        if agent && !owner {
            if let Some(role) = agent_role(class) {
                picks.push(Pick {
                    mention: index,
                    role,
                    rule,
                    confidence: 0.7,
                });
            }
        } else if patient && let Some(role) = patient_role(doc, class, found.trigger.patient, start)
        {
            picks.push(Pick {
                mention: index,
                role,
                rule,
                confidence: 0.6,
            });
        }
    }
}

/// The attackers (a group or described perpetrators) named last before
/// token `at`, in its sentence or the two before it.
fn antecedent(doc: &Doc<'_>, at: usize) -> Option<usize> {
    let sentence = doc.sentence_of_token[at];
    (sentence.saturating_sub(2)..=sentence).rev().find_map(|s| {
        doc.mentions_in(s)
            .filter(|&m| {
                doc.mention_tokens[m].1 <= at
                    && matches!(doc.classes[m], Class::Group | Class::Perpetrator)
            })
            .last()
    })
}

fn agent_role(class: Class) -> Option<EventRole> {
    match class {
        Class::Group | Class::StateForce => Some(EventRole::PerpetratorOrganisation),
        Class::Perpetrator | Class::ArmedPeople | Class::People => {
            Some(EventRole::PerpetratorIndividual)
        }
        _ => None,
    }
}

fn patient_role(doc: &Doc<'_>, class: Class, patient: Patient, start: usize) -> Option<EventRole> {
    let scene = start > 0 && SCENE.contains(&doc.word(start - 1));
    match (class, patient) {
        (Class::People | Class::ArmedPeople, Patient::Victim | Patient::Any) => {
            Some(EventRole::Victim)
        }
        (Class::Thing | Class::Institution, Patient::Target | Patient::Any) => {
            Some(EventRole::Target)
        }
        (Class::Thing | Class::Institution, Patient::None) if scene => Some(EventRole::Target),
        _ => None,
    }
}

/// Sentence-level cues that name a perpetrator wherever the trigger is:
/// "claimed responsibility", "blamed", "attributed to", "believed to
/// belong to", "linked to".
const RESPONSIBILITY: &[&str] = &[
    "accuse",
    "accused",
    "accuses",
    "accusing",
    "affiliated",
    "attributed",
    "belong",
    "belonged",
    "belonging",
    "belongs",
    "blamed",
    "blames",
    "claimed",
    "claiming",
    "claims",
    "linked",
    "perpetrated",
    "perpetrators",
    "responsibility",
    "responsible",
];

/// Words that deny what follows them.
const NEGATIONS: &[&str] = &["n't", "never", "no", "nobody", "none", "not"];

/// How many words before a responsibility cue a negation denies it ("no
/// group has yet claimed responsibility").
const NEGATION_REACH: usize = 5;

/// Responsibility cues whose subject is the accuser, not the accused.
const BLAME: &[&str] = &[
    "accuse",
    "accused",
    "accuses",
    "accusing",
    "attributed",
    "blamed",
    "blames",
];

/// Verbs of "hold X responsible": the accuser before them, the accused
/// between them and the cue.
const HOLD: &[&str] = &["hold", "holding", "holds"];

/// Perpetrators named in a sentence that assigns responsibility, for the
/// event it follows: "the FMLN claimed responsibility", "police blamed the
/// Shining Path".
pub(crate) fn responsibility(doc: &Doc<'_>, sentence: usize, picks: &mut Vec<Pick>) {
    let (start, end) = doc.sentence_tokens[sentence];
    let Some(cue) = (start..end).find(|&at| RESPONSIBILITY.contains(&doc.word(at))) else {
        return;
    };
    // Who blames or accuses speaks before the verb; the blamed follow it.
    // "No group claimed responsibility", "the Taliban have not claimed it":
    // nobody before a denied claim is named by it.
    // Only a negation close before the cue denies it: "there were no
    // casualties, for which the rebels are held responsible" names them.
    let negated = (cue.saturating_sub(NEGATION_REACH).max(start)..cue)
        .any(|at| NEGATIONS.contains(&doc.word(at)));
    let held = (cue.saturating_sub(6).max(start)..cue).find(|&at| HOLD.contains(&doc.word(at)));
    let blame = held.is_some() || BLAME.contains(&doc.word(cue));
    let accused_from = held.unwrap_or(cue);
    for index in doc.mentions_in(sentence) {
        if (blame || negated) && doc.mention_tokens[index].0 < accused_from {
            continue;
        }
        let role = match doc.classes[index] {
            Class::Group => EventRole::PerpetratorOrganisation,
            Class::StateForce if blame => EventRole::PerpetratorOrganisation,
            Class::Perpetrator => EventRole::PerpetratorIndividual,
            Class::ArmedPeople if blame => EventRole::PerpetratorIndividual,
            _ => continue,
        };
        picks.push(Pick {
            mention: index,
            role,
            rule: "responsibility_cue",
            confidence: 0.6,
        });
    }
}
