//! Choosing what a matched name refers to.
//!
//! Each reading of a name gets a weight: its prior (a city's grows with its
//! population; a government metonym starts low), multiplied by what the
//! context says — a speech or agent verb after the name ("Moscow blamed",
//! "Kyiv denied") or a blaming verb before it ("blamed Kyiv") favours the
//! government; a locative preposition ("in Moscow") favours the place; a
//! country named elsewhere in the text favours its cities; "Paris, Texas"
//! settles it. Weights are normalised into confidences; the best reading is
//! linked only when its confidence reaches [`LINK_THRESHOLD`], otherwise
//! the mention keeps its candidates and no link.

use std::collections::BTreeSet;

use dossier_kb::{ActorKind, Kb};
use dossier_model::{ByteSpan, Candidate, EntityKey, Mention, MentionKind};

use super::Doc;
use super::scan::{Found, Reading};
use crate::gazetteer::{Gazetteer, Target};

/// The least confidence at which a mention is linked to its best reading.
pub(crate) const LINK_THRESHOLD: f32 = 0.55;

/// The weight of "none of these": a weak sole reading (a village that shares
/// its name with a brand) does not reach the threshold on its own.
const NONE_OF_THESE: f32 = 0.1;

/// Words after a name that make it a region ("Kabul province").
const REGION_WORDS: &[&str] = &[
    "department",
    "district",
    "governorate",
    "krai",
    "oblast",
    "province",
    "region",
    "state",
];

/// Document-level evidence: the countries the text is clearly about.
pub(crate) struct Context {
    countries: BTreeSet<String>,
}

impl Context {
    pub(crate) fn of(kb: &Kb, gazetteer: &Gazetteer, matches: &[Found]) -> Self {
        let mut countries = BTreeSet::new();
        for found in matches.iter().filter(|f| f.reading == Reading::Entity) {
            let entries = gazetteer.entries(found.pattern);
            let mut codes = found
                .entries
                .iter()
                .filter_map(|&i| country_of(kb, entries[i as usize].target));
            if let Some(first) = codes.next() {
                if codes.all(|code| code == first) {
                    countries.insert(first.to_owned());
                }
            }
        }
        Self { countries }
    }
}

pub(crate) fn country_of(kb: &Kb, target: Target) -> Option<&str> {
    match target {
        Target::Actor(i) | Target::Metonym(i) => kb.actors[i as usize].country.as_deref(),
        Target::Country(i) | Target::Demonym(i) => Some(kb.countries[i as usize].iso2.as_str()),
        Target::Region(i) => Some(kb.regions[i as usize].country.as_str()),
        Target::City(i) => Some(kb.cities[i as usize].country.as_str()),
        Target::Outlet(i) => kb.outlets[i as usize].country.as_deref(),
        Target::Nominal(_) | Target::Title(_) => None,
    }
}

fn key_of(kb: &Kb, target: Target) -> Option<(EntityKey, MentionKind)> {
    Some(match target {
        Target::Actor(i) => {
            let actor = &kb.actors[i as usize];
            let kind = if actor.kind == ActorKind::Person {
                MentionKind::Person
            } else {
                MentionKind::Actor
            };
            (EntityKey::actor(&actor.id), kind)
        }
        Target::Metonym(i) => (
            EntityKey::actor(&kb.actors[i as usize].id),
            MentionKind::Actor,
        ),
        Target::Country(i) => (
            EntityKey::country(&kb.countries[i as usize].iso2),
            MentionKind::Place,
        ),
        Target::Demonym(i) => (
            EntityKey::country(&kb.countries[i as usize].iso2),
            MentionKind::Nationality,
        ),
        Target::Region(i) => (
            EntityKey::region(&kb.regions[i as usize].code),
            MentionKind::Place,
        ),
        Target::City(i) => (
            EntityKey::city(kb.cities[i as usize].geonameid),
            MentionKind::Place,
        ),
        Target::Outlet(i) => (
            EntityKey::outlet(&kb.outlets[i as usize].domain),
            MentionKind::Outlet,
        ),
        Target::Nominal(_) | Target::Title(_) => return None,
    })
}

/// Verbs of speaking and acting that make a place name its government.
const AGENT_VERBS: &[&str] = &[
    "accuse",
    "accused",
    "accuses",
    "agreed",
    "alleged",
    "alleges",
    "announced",
    "announces",
    "believes",
    "blame",
    "blamed",
    "blames",
    "claimed",
    "claims",
    "condemned",
    "condemns",
    "confirmed",
    "confirms",
    "declared",
    "demanded",
    "demands",
    "denied",
    "denies",
    "deny",
    "dismissed",
    "dismisses",
    "insisted",
    "insists",
    "ordered",
    "pointed",
    "rejected",
    "rejects",
    "responded",
    "retaliated",
    "said",
    "say",
    "says",
    "sent",
    "signed",
    "stated",
    "threatened",
    "urged",
    "urges",
    "vowed",
    "vows",
    "warned",
    "warns",
];

/// Words that may stand between a government metonym and its verb.
const AUXILIARIES: &[&str] = &[
    "again",
    "also",
    "has",
    "have",
    "had",
    "immediately",
    "later",
    "promptly",
    "quickly",
    "swiftly",
    "then",
];

/// Verbs whose object is a blamed party ("blamed Kyiv", "accused Ukraine").
const BLAME_VERBS: &[&str] = &[
    "accuse",
    "accused",
    "accuses",
    "accusing",
    "blame",
    "blamed",
    "blames",
    "blaming",
    "implicated",
    "implicates",
    "implicating",
];

const LOCATIVES: &[&str] = &[
    "across",
    "at",
    "from",
    "in",
    "inside",
    "into",
    "near",
    "outside",
    "through",
    "to",
    // Russian: в/во "in", под "near", из "from", около/возле/близ "near".
    "близ",
    "в",
    "во",
    "возле",
    "из",
    "около",
    "под",
];

pub(crate) fn is_agentive(doc: &Doc<'_>, span: ByteSpan) -> bool {
    let first = doc.token_at(span.start());
    let mut next = doc.token_at(span.end());
    // Skip a possessive mark left as its own token.
    for _ in 0..3 {
        let Some(word) = doc.lower(next) else { break };
        if AGENT_VERBS.binary_search(&word.as_ref()).is_ok() {
            return true;
        }
        if AUXILIARIES.contains(&word.as_ref()) || word == "'s" {
            next += 1;
            continue;
        }
        break;
    }
    if first >= 2 {
        let before = (doc.lower(first - 2), doc.lower(first - 1));
        if matches!(before, (Some(a), Some(b)) if a == "according" && b == "to") {
            return true;
        }
    }
    first >= 1
        && (1..=2).any(|back| {
            first >= back
                && doc
                    .lower(first - back)
                    .is_some_and(|w| BLAME_VERBS.binary_search(&w.as_ref()).is_ok())
        })
}

fn is_locative(doc: &Doc<'_>, span: ByteSpan) -> bool {
    let first = doc.token_at(span.start());
    first >= 1
        && doc
            .lower(first - 1)
            .is_some_and(|w| LOCATIVES.binary_search(&w.as_ref()).is_ok())
}

/// The country named right after a comma, directly or through one of its
/// regions ("Paris, Texas" → US).
fn qualifier(kb: &Kb, gazetteer: &Gazetteer, doc: &Doc<'_>, span: ByteSpan) -> Option<String> {
    let next = doc.token_at(span.end());
    let comma = doc.tokens.get(next)?;
    if &doc.text[comma.span] != "," {
        return None;
    }
    let after = doc.tokens.get(next + 1)?;
    let rest = &doc.text[after.span.start() as usize..];
    let mut cut = rest.len().min(40);
    while !rest.is_char_boundary(cut) {
        cut -= 1;
    }
    let folded = crate::normalize::fold_str(&rest[..cut]);
    let (_, pattern) = gazetteer.longest_at(&folded, 0)?;
    for entry in gazetteer.entries(pattern) {
        match entry.target {
            Target::Country(i) => return Some(kb.countries[i as usize].iso2.clone()),
            Target::Region(i) => {
                let region = &kb.regions[i as usize];
                return Some(region.country.clone());
            }
            _ => {}
        }
    }
    None
}

/// The weight of one reading before normalisation.
fn reading_weight(kb: &Kb, target: Target, prior: f32) -> f32 {
    match target {
        Target::City(i) => {
            let population = kb.cities[i as usize].population.max(1000) as f32;
            ((population.log10() - 3.5).powi(2) / 13.0).clamp(0.02, 1.0)
        }
        _ => prior,
    }
}

pub(crate) fn mention(
    kb: &Kb,
    gazetteer: &Gazetteer,
    doc: &Doc<'_>,
    context: &Context,
    found: &Found,
) -> Option<Mention> {
    let entries = gazetteer.entries(found.pattern);
    let locative = is_locative(doc, found.span);
    // "Officials in Georgia said": the place is not the speaker.
    let agentive = !locative && is_agentive(doc, found.span);
    let place_qualifier = qualifier(kb, gazetteer, doc, found.span);
    let region_word_follows = doc
        .lower(doc.token_at(found.span.end()))
        .is_some_and(|w| REGION_WORDS.binary_search(&w.as_ref()).is_ok());
    let mut weighted: Vec<(EntityKey, MentionKind, f32)> = Vec::new();
    let mut add = |key: EntityKey, kind: MentionKind, weight: f32| {
        if let Some(existing) = weighted.iter_mut().find(|(k, _, _)| *k == key) {
            existing.2 = existing.2.max(weight);
        } else {
            weighted.push((key, kind, weight));
        }
    };
    let has_place_reading = found.entries.iter().any(|&i| {
        matches!(
            entries[i as usize].target,
            Target::Country(_) | Target::City(_) | Target::Region(_)
        )
    });
    for &index in &found.entries {
        let entry = &entries[index as usize];
        let Some((key, kind)) = key_of(kb, entry.target) else {
            continue;
        };
        let mut weight = reading_weight(kb, entry.target, entry.prior);
        let is_place = kind == MentionKind::Place;
        let country = country_of(kb, entry.target);
        if matches!(entry.target, Target::Region(_)) && region_word_follows {
            weight *= 10.0;
        }
        if matches!(entry.target, Target::City(_) | Target::Region(_)) {
            if country.is_some_and(|c| context.countries.contains(c)) {
                weight *= 3.0;
            }
            // GeoNames region codes are not ISO 3166-2, so "Paris, Texas"
            // settles the country, not the region.
            if place_qualifier
                .as_deref()
                .is_some_and(|q| country == Some(q))
            {
                weight *= 10.0;
            }
        }
        if let Target::City(i) = entry.target {
            // A small town needs a clue: "in Ilopango", "Paris, Texas".
            let small = if entry.alternate { 300_000 } else { 100_000 };
            if kb.cities[i as usize].population < small && !locative && place_qualifier.is_none() {
                weight *= 0.3;
            }
            if entry.alternate {
                weight *= 0.3;
            }
        }
        let government = match entry.target {
            Target::Metonym(_) => true,
            Target::Actor(i) => kb.actors[i as usize].kind == ActorKind::State,
            _ => false,
        };
        if government && !agentive && has_place_reading {
            weight *= 0.3;
        }
        if agentive {
            weight *= if is_place { 0.3 } else { 6.0 };
        }
        if locative {
            weight *= if is_place { 2.0 } else { 0.3 };
        }
        add(key, kind, weight);
        // A country is also its state, the actor.
        if let Target::Country(i) = entry.target {
            if let Some(state) = kb.state_of(&kb.countries[i as usize].iso2) {
                let mut weight = 0.4;
                if agentive {
                    weight *= 6.0;
                } else {
                    weight *= 0.3;
                }
                if locative {
                    weight *= 0.3;
                }
                add(EntityKey::actor(&state.id), MentionKind::Actor, weight);
            }
        }
    }
    // A region named like a city of its country is that city unless the
    // text says region ("Kabul" the city, "Kabul province").
    if !region_word_follows {
        let city_countries: Vec<String> = weighted
            .iter()
            .filter(|(key, _, _)| key.kind() == "city")
            .filter_map(|(key, _, _)| key.id().parse().ok().and_then(|id| kb.city(id)))
            .map(|city| city.country.clone())
            .collect();
        weighted.retain(|(key, _, _)| {
            key.kind() != "region"
                || kb
                    .region(key.id())
                    .is_none_or(|region| !city_countries.contains(&region.country))
        });
    }
    if weighted.is_empty() {
        return None;
    }
    let total: f32 = weighted.iter().map(|(_, _, w)| w).sum::<f32>() + NONE_OF_THESE;
    weighted.sort_by(|a, b| b.2.total_cmp(&a.2).then_with(|| a.0.cmp(&b.0)));
    weighted.truncate(5);
    let candidates: Vec<Candidate> = weighted
        .iter()
        .map(|(entity, _, weight)| Candidate {
            entity: entity.clone(),
            confidence: round(weight / total),
        })
        .collect();
    let best = &candidates[0];
    let linked = best.confidence >= LINK_THRESHOLD;
    Some(Mention {
        span: found.span,
        sentence: doc.sentence_of(found.span.start()),
        kind: weighted[0].1,
        category: None,
        entity: linked.then(|| best.entity.clone()),
        confidence: best.confidence,
        candidates: if candidates.len() > 1 || !linked {
            candidates
        } else {
            Vec::new()
        },
        rule: "gazetteer".to_owned(),
    })
}

pub(crate) fn round(value: f32) -> f32 {
    (value * 1000.0).round() / 1000.0
}

/// Nouns that, after a nationality, make the phrase the state itself:
/// "Russian authorities", "US officials".
const AUTHORITY_NOUNS: &[&str] = &[
    "administration",
    "authorities",
    "authority",
    "diplomats",
    "forces",
    "government",
    "intelligence",
    "investigators",
    "leader",
    "leadership",
    "military",
    "ministry",
    "officials",
    "president",
    "prosecutors",
    "regime",
    "security",
    "troops",
];

/// Turns "Russian authorities" (a nationality before an authority noun)
/// into a mention of the state.
pub(crate) fn authorities(kb: &Kb, doc: &Doc<'_>, mentions: &mut [Mention]) {
    for mention in mentions.iter_mut() {
        if mention.kind != MentionKind::Nationality {
            continue;
        }
        let Some(country) = mention.entity.as_ref().map(|e| e.id().to_owned()) else {
            continue;
        };
        let next = doc.token_at(mention.span.end());
        let Some(word) = doc.lower(next) else {
            continue;
        };
        if AUTHORITY_NOUNS.binary_search(&word.as_ref()).is_err() {
            continue;
        }
        let Some(state) = kb.state_of(&country) else {
            continue;
        };
        let end = doc.tokens[next].span.end() as usize;
        mention.span = crate::span(mention.span.start() as usize, end);
        mention.kind = MentionKind::Actor;
        mention.entity = Some(EntityKey::actor(&state.id));
        mention.category = Some(word.into_owned());
        mention.candidates.clear();
        mention.confidence = round(mention.confidence * 0.9);
        mention.rule = "nationality_authority".to_owned();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_lists_are_sorted() {
        for list in [
            AGENT_VERBS,
            BLAME_VERBS,
            LOCATIVES,
            AUTHORITY_NOUNS,
            REGION_WORDS,
        ] {
            let mut sorted = list.to_vec();
            sorted.sort_unstable();
            assert_eq!(sorted, list);
        }
    }
}
