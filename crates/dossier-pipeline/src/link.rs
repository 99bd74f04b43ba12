//! The cross-article stage: stored articles not yet linked are linked, in
//! the canonical order, chunk by chunk, each chunk in one transaction.
//!
//! Linking runs after ingest and can run on its own (`dossier link`): it
//! picks up whatever is pending, so an ingest killed between storing a batch
//! and linking it loses nothing. Pending articles are taken in publication
//! order (undated last, then id), so one run over a set of articles gives the
//! same events whatever order the inputs were listed in.

use std::collections::{BTreeMap, BTreeSet};

use dossier_kb::{Kb, RelationKind};
use dossier_link::dates::iso;
use dossier_link::events::lead_terms;
use dossier_link::{
    CopyDetector, CopyDoc, EventIndex, EventSketch, Fingerprint, Fingerprinter, MentionFacts,
    Signature, band_keys, compare,
};
use dossier_link::{DocFeatures, DocInput, FeatureConfig};
use dossier_model::{ArticleId, EventStatus};
use dossier_store::{
    CopyLinkRow, EventRow, FingerprintRow, LinkBatch, LinkInput, MemberRow, Store,
    StoredFingerprint,
};
use rayon::prelude::*;
use serde::Serialize;

use crate::PipelineError;

/// Articles linked per transaction.
pub const LINK_CHUNK: usize = 2048;

/// Days around a chunk's events for which stored events are loaded: the
/// widest reach of the candidate search.
const LOAD_MARGIN: i32 = 40;

/// Words of an article's opening that give its text evidence.
const LEAD_WORDS: usize = 120;

/// What a linking run did.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct LinkSummary {
    /// Articles linked.
    pub articles: u64,
    /// Copy links found (near-duplicates and rewrites).
    pub copies: u64,
    /// Event mentions placed in events.
    pub mentions: u64,
    /// Events opened.
    pub events_opened: u64,
    /// Events folded into another when a report showed them to be one.
    pub events_merged: u64,
    /// Event digests (re)computed for events opened or changed.
    pub digests: u64,
}

/// What linking needs from the knowledge base.
pub struct LinkKb<'k> {
    kb: &'k Kb,
}

impl<'k> LinkKb<'k> {
    /// Reads `kb`.
    #[must_use]
    pub fn new(kb: &'k Kb) -> Self {
        Self { kb }
    }

    /// Coordinates of a linked city.
    #[must_use]
    pub fn coords(&self, key: &str) -> Option<(f32, f32)> {
        let id: u32 = key.strip_prefix("city:")?.parse().ok()?;
        #[allow(clippy::cast_possible_truncation)]
        self.kb.city(id).map(|c| (c.lat as f32, c.lon as f32))
    }

    /// A place's name: the gazetteer's for linked places.
    #[must_use]
    pub fn place_name(&self, key: &str, written: &str) -> String {
        if let Some(id) = key.strip_prefix("city:").and_then(|id| id.parse().ok())
            && let Some(city) = self.kb.city(id)
        {
            return city.name.clone();
        }
        if let Some(code) = key.strip_prefix("region:")
            && let Some(region) = self.kb.region(code)
        {
            return region.name.clone();
        }
        if let Some(code) = key.strip_prefix("country:")
            && let Some(country) = self.kb.country(code)
        {
            return country.name.clone();
        }
        written.to_owned()
    }

    /// An outlet's owner group.
    #[must_use]
    pub fn owner_of(&self, domain: &str) -> Option<String> {
        self.kb
            .outlet_for_domain(domain)
            .and_then(|o| o.owner.clone())
    }

    /// The root of an actor's family: provinces, factions, wings, affiliates
    /// and agencies lead to what they belong to; a country to its state.
    #[must_use]
    pub fn family_of(&self, key: &str) -> String {
        let mut id = match key.split_once(':') {
            Some(("actor", id)) => id.to_owned(),
            Some(("country", code)) => match self.kb.state_of(code) {
                Some(state) => state.id.clone(),
                None => return key.to_owned(),
            },
            _ => return key.to_owned(),
        };
        let mut seen = BTreeSet::new();
        while seen.insert(id.clone()) {
            let Some(actor) = self.kb.actor(&id) else {
                break;
            };
            let parent = actor.relations.iter().find(|r| {
                matches!(
                    r.kind,
                    RelationKind::ProvinceOf
                        | RelationKind::FactionOf
                        | RelationKind::WingOf
                        | RelationKind::AffiliateOf
                        | RelationKind::PartOf
                )
            });
            match parent {
                Some(relation) => id.clone_from(&relation.target),
                None => break,
            }
        }
        format!("actor:{id}")
    }
}

/// Links every pending article in the store.
///
/// # Errors
/// When the store fails; chunks committed before stay committed.
pub fn link_pending(
    store: &mut dyn Store,
    kb: &Kb,
    progress: &mut dyn FnMut(&LinkSummary),
) -> Result<LinkSummary, PipelineError> {
    let lkb = LinkKb::new(kb);
    let mut summary = LinkSummary::default();
    let mut index = EventIndex::new();
    let mut loaded: Option<(i32, i32)> = None;
    // copies among this run's articles are found in memory; earlier runs'
    // articles through the store's LSH and sentence tables
    let mut detector = CopyDetector::new();
    let earlier_runs = store.has_fingerprints()?;
    loop {
        let ids = store.pending_links(LINK_CHUNK)?;
        if ids.is_empty() {
            break;
        }
        let inputs = store.link_inputs(&ids)?;
        let mut batch = LinkBatch {
            articles: ids,
            ..LinkBatch::default()
        };
        link_copies(store, &inputs, &mut detector, earlier_runs, &mut batch)?;
        summary.copies += batch.copy_links.len() as u64;
        let facts: Vec<Vec<MentionFacts>> = inputs
            .par_iter()
            .map(|input| mention_facts(input, &lkb))
            .collect();
        load_events(store, &mut index, &mut loaded, &facts)?;
        for (input, article_facts) in inputs.iter().zip(&facts) {
            for f in article_facts {
                if let Some(placement) = index.link(f) {
                    summary.mentions += 1;
                    summary.events_opened += u64::from(placement.opened);
                    summary.events_merged += placement.merged.len() as u64;
                    batch.merged.extend(
                        placement
                            .merged
                            .iter()
                            .map(|absorbed| (absorbed.clone(), placement.event.clone())),
                    );
                    batch.members.push(MemberRow {
                        mention: placement.mention,
                        event: placement.event,
                        article: input.id,
                        score: placement.score,
                        opened: placement.opened,
                    });
                }
            }
        }
        batch.events = index
            .take_changed()
            .iter()
            .map(|sketch| event_row(sketch, &lkb))
            .collect();
        summary.articles += batch.articles.len() as u64;
        store.commit_links(&batch)?;
        progress(&summary);
    }
    summary.digests = crate::record::refresh_digests(store, kb)?;
    Ok(summary)
}

/// Sentence hashes as stored: little-endian u64s.
fn sentence_bytes(hashes: &[u64]) -> Vec<u8> {
    hashes.iter().flat_map(|h| h.to_le_bytes()).collect()
}

fn stored_fingerprint(stored: &StoredFingerprint) -> Option<Fingerprint> {
    let signature = Signature::from_bytes(&stored.signature).ok()?;
    let sentences = stored
        .sentences
        .chunks_exact(8)
        .map(|c| u64::from_le_bytes(c.try_into().unwrap_or_default()))
        .collect();
    Some(Fingerprint {
        signature,
        sentences,
    })
}

/// Fingerprints the chunk (in parallel) and finds each article's copies
/// among the articles linked before it.
fn link_copies(
    store: &dyn Store,
    inputs: &[LinkInput],
    detector: &mut CopyDetector,
    earlier_runs: bool,
    batch: &mut LinkBatch,
) -> Result<(), PipelineError> {
    let fingerprints: Vec<Fingerprint> = inputs
        .par_iter()
        .map_init(Fingerprinter::new, |fingerprinter, input| {
            fingerprinter.fingerprint(&CopyDoc {
                id: "",
                published: input.published.as_deref(),
                text: &input.text,
                sentences: &input.sentences,
            })
        })
        .collect();
    for (input, fingerprint) in inputs.iter().zip(fingerprints) {
        let id = input.id.to_string();
        let bands = band_keys(&fingerprint.signature).to_vec();
        let mut links: Vec<CopyLinkRow> = Vec::new();
        if earlier_runs && !fingerprint.signature.is_empty() {
            for stored in store.copy_candidates(&bands, &fingerprint.sentences)? {
                let Some(theirs) = stored_fingerprint(&stored) else {
                    continue;
                };
                if let Some(found) = compare(&fingerprint, &theirs) {
                    links.push(CopyLinkRow {
                        article: input.id,
                        other: stored.article,
                        kind: copy_kind_name(found.kind),
                        similarity: found.similarity,
                        shared: found.shared_sentences,
                    });
                }
            }
        }
        let row = FingerprintRow {
            fingerprint: StoredFingerprint {
                article: input.id,
                published: input.published.clone(),
                signature: fingerprint.signature.to_bytes().to_vec(),
                sentences: sentence_bytes(&fingerprint.sentences),
            },
            bands: if fingerprint.signature.is_empty() {
                Vec::new()
            } else {
                bands
            },
            sentence_hashes: fingerprint.sentences.clone(),
        };
        for link in detector.add_fingerprint(&id, input.published.as_deref(), fingerprint) {
            if let Ok(other) = link.other.parse::<ArticleId>() {
                links.push(CopyLinkRow {
                    article: input.id,
                    other,
                    kind: copy_kind_name(link.kind),
                    similarity: link.similarity,
                    shared: link.shared_sentences,
                });
            }
        }
        batch.fingerprints.push(row);
        batch.copy_links.extend(links);
    }
    Ok(())
}

fn copy_kind_name(kind: dossier_link::CopyKind) -> String {
    serde_json::to_value(kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

fn mention_facts(input: &LinkInput, lkb: &LinkKb<'_>) -> Vec<MentionFacts> {
    let article = input.id.to_string();
    let coords = |key: &str| lkb.coords(key);
    let has_main = input.events.iter().any(|e| e.status == EventStatus::Main);
    // the article's wording is evidence for its main event only
    let terms = if has_main {
        // the headline and the lead name the incident; the rest of a long
        // report adds cost, not evidence
        let lead_end = input
            .text
            .char_indices()
            .filter(|(_, c)| c.is_whitespace())
            .nth(LEAD_WORDS)
            .map_or(input.text.len(), |(at, _)| at);
        let features = DocFeatures::new(
            &DocInput {
                id: &article,
                title: input.title.as_deref(),
                text: &input.text[..lead_end],
                published: None,
            },
            &FeatureConfig::default(),
        );
        lead_terms(&features)
    } else {
        Vec::new()
    };
    input
        .events
        .iter()
        .enumerate()
        .map(|(ordinal, mention)| {
            let mut facts = MentionFacts::of(
                &article,
                ordinal,
                input.published.as_deref(),
                mention,
                &coords,
            );
            if mention.status == EventStatus::Main {
                facts.terms.clone_from(&terms);
            }
            facts
        })
        .collect()
}

/// Loads stored events around the chunk's days that are not in memory yet.
fn load_events(
    store: &dyn Store,
    index: &mut EventIndex,
    loaded: &mut Option<(i32, i32)>,
    facts: &[Vec<MentionFacts>],
) -> Result<(), PipelineError> {
    let days = facts
        .iter()
        .flatten()
        .filter_map(|f| f.days.or(f.proxy_days))
        .fold(None, |acc: Option<(i32, i32)>, d| {
            Some(acc.map_or((d.first, d.last), |(a, b)| (a.min(d.first), b.max(d.last))))
        });
    let Some((first, last)) = days else {
        if loaded.is_none() {
            // undated events only
            *loaded = Some((i32::MAX, i32::MIN));
            add_sketches(index, store.event_sketches(i32::MAX, i32::MIN)?);
        }
        return Ok(());
    };
    let want = (first - LOAD_MARGIN, last + LOAD_MARGIN);
    match *loaded {
        Some((a, b)) if a <= want.0 && want.1 <= b => {}
        _ => {
            add_sketches(index, store.event_sketches(want.0, want.1)?);
            *loaded = Some(loaded.map_or(want, |(a, b)| (a.min(want.0), b.max(want.1))));
        }
    }
    Ok(())
}

fn add_sketches(index: &mut EventIndex, sketches: Vec<String>) {
    for json in sketches {
        // a sketch already in memory is newer than the stored one
        if let Ok(sketch) = serde_json::from_str::<EventSketch>(&json)
            && index.get(&sketch.id).is_none()
        {
            index.insert(sketch);
        }
    }
}

fn event_row(sketch: &EventSketch, lkb: &LinkKb<'_>) -> EventRow {
    let kind = sketch
        .kinds
        .iter()
        .max_by(|a, b| (a.1, std::cmp::Reverse(a.0)).cmp(&(b.1, std::cmp::Reverse(b.0))))
        .map(|(k, _)| k.clone())
        .unwrap_or_default();
    let window = sketch.window();
    let mut place_votes: BTreeMap<&str, usize> = BTreeMap::new();
    for place in &sketch.places {
        *place_votes.entry(place.key.as_str()).or_default() += usize::from(place.exact_city) + 1;
    }
    let place = place_votes
        .iter()
        .max_by_key(|(_, v)| **v)
        .and_then(|(key, _)| sketch.places.iter().find(|p| p.key == *key))
        .map(|p| lkb.place_name(&p.key, &p.name));
    EventRow {
        id: sketch.id.clone(),
        kind,
        date: sketch.days.map(|(first, _)| iso(first)),
        country: sketch.countries.iter().next().cloned(),
        place,
        first_day: window.map(|w| w.0),
        last_day: window.map(|w| w.1),
        members: sketch.members,
        articles: u32::try_from(sketch.articles.len()).unwrap_or(u32::MAX),
        sketch: serde_json::to_string(sketch).unwrap_or_default(),
        digest: None,
    }
}
