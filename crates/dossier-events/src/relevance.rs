//! Relevance: how sure we are that an event mention reports a real attack
//! on people or property worth listing, as opposed to fighting between
//! armed forces, a court case, a political statement or an incident
//! recalled from years ago.
//!
//! Each event keeps its place in the output; only its confidence moves
//! (and an event dated years before the article becomes background, and
//! victims and targets told in sentences dated years back leave it). The
//! cues are general news vocabulary: combat words around the trigger, who
//! the victims and targets are, judicial and old-date context, how often
//! the article comes back to the incident, and how military the whole
//! article reads.

use dossier_model::{EventMention, EventRole, EventStatus};

use crate::doc::{Class, Doc};

/// Words that report fighting between armed forces, not an attack on the
/// defenceless.
const COMBAT: &[&str] = &[
    "ambush",
    "ambushed",
    "battle",
    "battles",
    "clash",
    "clashed",
    "clashes",
    "combat",
    "combats",
    "counteroffensive",
    "engagement",
    "engagements",
    "fighting",
    "firefight",
    "fought",
    "offensive",
    "skirmish",
    "skirmishes",
];

/// Words of armies and their units: many of them, and no civilian victim,
/// make a war report.
const MILITARY: &[&str] = &[
    "army",
    "barracks",
    "battalion",
    "battalions",
    "brigade",
    "garrison",
    "military",
    "patrol",
    "positions",
    "regiment",
    "soldiers",
    "troops",
    "unit",
    "units",
];

/// Event kinds whose triggers are general words ("attack", "killed",
/// "assassination") that articles also use for violence in general.
const GENERIC_KINDS: &[&str] = &["assassination", "attack", "killing"];

/// Armed men in numbers: "troops", "soldiers".
const TROOPS: &[&str] = &["soldiers", "troops"];

/// Ranks and posts that make a named victim a member of the armed forces.
const RANKS: &[&str] = &[
    "captain",
    "colonel",
    "commander",
    "corporal",
    "general",
    "lieutenant",
    "major",
    "officer",
    "private",
    "sergeant",
    "soldier",
];

/// Words of warplanes: an incident told with them is an air raid by armed
/// forces, which terrorism reports do not list.
const AIRCRAFT: &[&str] = &[
    "aircraft",
    "airplanes",
    "bombers",
    "helicopter",
    "helicopters",
    "planes",
    "warplanes",
];

/// Event kinds that warplanes carry out.
const AIR_KINDS: &[&str] = &["air_strike", "bombing", "shelling"];

/// Army units: the object of "attacked" ("attacked the 4th infantry
/// brigade", "attacked a group of paratroopers") makes the incident a
/// battle, whatever else was hit.
const UNITS: &[&str] = &[
    "barracks",
    "battalion",
    "battalions",
    "brigade",
    "garrison",
    "garrisons",
    "paratroopers",
    "regiment",
    "troops",
];

/// How many words after the trigger may name what it hit.
const OBJECT_WINDOW: usize = 6;

/// Adverbs that make "attacked" words, not violence ("harshly attacked
/// the president").
const VERBAL: &[&str] = &["bitterly", "harshly", "sharply", "strongly", "verbally"];

/// Words of court cases: the trigger then names what someone is tried for.
const JUDICIAL: &[&str] = &["trial"];

/// GTD weapon type of explosives.
const EXPLOSIVES: u8 = 6;

/// Confidence moves per cue.
const COMBAT_PENALTY: f32 = 0.3;
const JUDICIAL_PENALTY: f32 = 0.3;
const OLD_PENALTY: f32 = 0.3;
const WAR_REPORT_PENALTY: f32 = 0.3;
/// A general trigger ("attack", "killing") in an article with no civilian
/// victim anywhere.
const GENERIC_PENALTY: f32 = 0.3;
/// Troops in the sentence that tells the incident, and no civilian victim.
const TROOPS_PENALTY: f32 = 0.15;
/// Warplanes or an air force in the sentence that tells the incident.
const AIR_RAID_PENALTY: f32 = 0.3;
/// A trigger told as criticism.
const VERBAL_PENALTY: f32 = 0.5;

/// Sets each event's confidence from the cues of the module doc.
pub(crate) fn judge(doc: &Doc<'_>, events: &mut [EventMention]) {
    if events.is_empty() {
        return;
    }
    let military_words = doc
        .lower
        .iter()
        .filter(|w| MILITARY.contains(&&***w) || COMBAT.contains(&&***w))
        .count();
    let latest_year = doc.lower.iter().filter_map(|w| year(w)).max();
    let civilian: Vec<bool> = events.iter().map(|e| civilian_patient(doc, e)).collect();
    let civilian_doc = civilian.iter().any(|&c| c);
    let war_report = military_words >= 5 && !civilian_doc;
    for (event, civilian) in events.iter_mut().zip(civilian) {
        let sentences = event_sentences(doc, event);
        // The sentence where the incident is first told.
        let (first, last) = sentences
            .first()
            .map_or((0, 0), |&s| doc.sentence_tokens[s]);
        let first_words = || (first..last).map(|at| doc.word(at));
        let mut confidence = event.confidence;
        if !civilian && first_words().any(|w| COMBAT.contains(&w)) {
            confidence -= COMBAT_PENALTY;
        }
        if first_words().any(|w| JUDICIAL.contains(&w)) {
            confidence -= JUDICIAL_PENALTY;
        }
        let old_in = |words: Vec<&str>| {
            years_ago(&words)
                || latest_year.is_some_and(|latest| {
                    words
                        .iter()
                        .filter_map(|w| year(w))
                        .max()
                        .is_some_and(|y| y + 1 < latest)
                })
        };
        if old_in(first_words().collect()) {
            confidence -= OLD_PENALTY;
            if event.status == EventStatus::Main {
                event.status = EventStatus::Background;
            }
        }
        if !civilian_doc && GENERIC_KINDS.contains(&event.event_type.kind.as_str()) {
            confidence -= GENERIC_PENALTY;
        }
        if !civilian && first_words().any(|w| TROOPS.contains(&w)) {
            confidence -= TROOPS_PENALTY;
        }
        let air_force = first_words()
            .zip(first_words().skip(1))
            .any(|pair| pair == ("air", "force"));
        if (air_force || first_words().any(|w| AIRCRAFT.contains(&w)))
            && AIR_KINDS.contains(&event.event_type.kind.as_str())
        {
            confidence -= AIR_RAID_PENALTY;
        }
        let at = doc
            .tokens
            .partition_point(|t| t.span.start() < event.trigger.start());
        if (at + 1..at + 1 + OBJECT_WINDOW)
            .take_while(|&i| doc.is_word(i))
            .any(|i| UNITS.contains(&doc.word(i)))
        {
            confidence -= COMBAT_PENALTY;
        }
        if (at.saturating_sub(2)..at).any(|i| VERBAL.contains(&doc.word(i))) {
            confidence -= VERBAL_PENALTY;
        }
        if war_report {
            confidence -= WAR_REPORT_PENALTY;
        }
        event.confidence = confidence.clamp(0.05, 0.95);
        // A victim or target told in a sentence dated years back ("the
        // assassination of X in 1984") belongs to an older incident.
        event.roles.retain(|filler| {
            !matches!(filler.role, EventRole::Victim | EventRole::Target)
                || !old_sentence(doc, filler.sentence, latest_year)
        });
    }
}

/// Whether the sentence at `span` says "N years ago" or "last year", or
/// names a year more than one year before the article's latest.
fn old_sentence(doc: &Doc<'_>, span: dossier_model::ByteSpan, latest: Option<u32>) -> bool {
    let Some(sentence) = doc.sentences.iter().position(|s| *s == span) else {
        return false;
    };
    let (first, last) = doc.sentence_tokens[sentence];
    let words: Vec<&str> = (first..last).map(|at| doc.word(at)).collect();
    years_ago(&words)
        || words.windows(2).any(|w| w == ["last", "year"])
        || latest.is_some_and(|latest| {
            words
                .iter()
                .filter_map(|w| year(w))
                .max()
                .is_some_and(|y| y + 1 < latest)
        })
}

/// Whether the words say "N years ago".
fn years_ago(words: &[&str]) -> bool {
    words.windows(2).any(|w| w == ["years", "ago"])
}

/// A four-digit year of the last century or this one.
fn year(word: &str) -> Option<u32> {
    if word.len() != 4 || !word.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let y: u32 = word.parse().ok()?;
    (1900..2100).contains(&y).then_some(y)
}

/// The sentences of the event's triggers.
fn event_sentences(doc: &Doc<'_>, event: &EventMention) -> Vec<usize> {
    let mut sentences: Vec<usize> = std::iter::once(event.trigger)
        .chain(event.more_triggers.iter().copied())
        .filter_map(|span| {
            let token = doc
                .tokens
                .partition_point(|t| t.span.start() < span.start());
            doc.sentence_of_token.get(token).copied()
        })
        .collect();
    sentences.sort_unstable();
    sentences.dedup();
    sentences
}

/// Whether the event harms a civilian: a victim who is not a soldier or
/// ranked officer, or a target that is a building, vehicle or installation.
fn civilian_patient(doc: &Doc<'_>, event: &EventMention) -> bool {
    event.roles.iter().any(|filler| {
        // Explosives are the tool of attacks on the defenceless.
        if filler.role == EventRole::Weapon && filler.gtd_type == Some(EXPLOSIVES) {
            return true;
        }
        if !matches!(filler.role, EventRole::Victim | EventRole::Target) {
            return false;
        }
        let Some(mention) = mention_at(doc, filler.span) else {
            return false;
        };
        let (first, last) = doc.mention_tokens[mention];
        let ranked = (first.saturating_sub(2)..last).any(|at| RANKS.contains(&doc.word(at)))
            || (first..last).any(|at| MILITARY.contains(&doc.word(at)));
        match (filler.role, doc.classes[mention]) {
            (EventRole::Victim, Class::People) => !ranked,
            (EventRole::Target, Class::Thing) => !ranked,
            _ => false,
        }
    })
}

/// The index of the mention with `span`.
fn mention_at(doc: &Doc<'_>, span: dossier_model::ByteSpan) -> Option<usize> {
    let first = doc
        .mentions
        .partition_point(|m| m.span.start() < span.start());
    (first..doc.mentions.len())
        .take_while(|&i| doc.mentions[i].span.start() == span.start())
        .find(|&i| doc.mentions[i].span == span)
}
