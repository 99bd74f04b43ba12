//! One event across articles, assembled from the store: its member
//! mentions, the articles and copies behind them, the claims about it, and
//! the resolved record (assertions, consensus, contested flags, perpetrator
//! status). The CLI and the HTTP API show the same thing.

use std::collections::{BTreeMap, BTreeSet};

use dossier_kb::Kb;
use dossier_link::events::EventSketch;
use dossier_link::record::MemberReport;
use dossier_link::record::{Standing, TollRecord};
use dossier_link::sources::{Citation, citations, source_key};
use dossier_link::{EventRecord, Resolver};
use dossier_model::{ArticleId, Claim};
use dossier_store::{ClaimQuery, EventDigestRow, EventRow, Store, StoredClaim, StoredEvent};
use serde::{Deserialize, Serialize};

use crate::PipelineError;
use crate::link::LinkKb;

/// One report of the event.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Report {
    /// The event mention.
    pub mention: String,
    /// Its article.
    pub article: ArticleId,
    /// The article's title.
    pub title: Option<String>,
    /// Its outlet.
    pub outlet: Option<String>,
    /// Its publication date.
    pub published: Option<String>,
    /// Main or background in that article.
    pub status: String,
    /// The independent source it counts for.
    pub source: String,
    /// The article it copies, when it is a copy (near-duplicate or rewrite).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub copy_of: Option<ArticleId>,
    /// How it copies (`near_duplicate`, `rewrite`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub copy_kind: Option<String>,
    /// Every page the same text was seen at (exact copies): reach.
    pub seen_at: Vec<String>,
}

/// An event across articles with everything said about it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LinkedEvent {
    /// The stored row.
    pub event: EventRow,
    /// Its reports, grouped by independent source (sources in order of
    /// first report).
    pub reports: Vec<Report>,
    /// The resolved record.
    pub record: EventRecord,
}

/// Copy groups among `articles` and the articles they link to: each
/// article's origin (the earliest published; undated after dated; then
/// the smallest id) and how it is linked.
fn copy_origins(
    store: &dyn Store,
    articles: &[ArticleId],
) -> Result<BTreeMap<ArticleId, (ArticleId, String)>, PipelineError> {
    let links = store.copy_links(articles)?;
    let mut parent: BTreeMap<ArticleId, ArticleId> = BTreeMap::new();
    fn root(parent: &BTreeMap<ArticleId, ArticleId>, mut a: ArticleId) -> ArticleId {
        while let Some(&p) = parent.get(&a) {
            if p == a {
                break;
            }
            a = p;
        }
        a
    }
    let mut kind_of: BTreeMap<ArticleId, String> = BTreeMap::new();
    for link in &links {
        let (a, b) = (root(&parent, link.article), root(&parent, link.other));
        if a != b {
            parent.insert(a.max(b), a.min(b));
        }
        kind_of
            .entry(link.article)
            .or_insert_with(|| link.kind.clone());
        kind_of
            .entry(link.other)
            .or_insert_with(|| link.kind.clone());
    }
    let mut groups: BTreeMap<ArticleId, Vec<ArticleId>> = BTreeMap::new();
    for &article in kind_of.keys() {
        groups
            .entry(root(&parent, article))
            .or_default()
            .push(article);
    }
    let mut origins = BTreeMap::new();
    for members in groups.values() {
        let mut dated: Vec<(bool, String, ArticleId)> = Vec::new();
        for &id in members {
            let published = store
                .get_article(id)?
                .and_then(|a| a.published.map(|p| p.value));
            dated.push((published.is_none(), published.unwrap_or_default(), id));
        }
        dated.sort();
        let Some(&(_, _, origin)) = dated.first() else {
            continue;
        };
        for &id in members {
            if id != origin {
                origins.insert(id, (origin, kind_of[&id].clone()));
            }
        }
    }
    Ok(origins)
}

/// The event `id` with its reports and resolved record, if stored.
///
/// # Errors
/// When the store fails or a stored record cannot be read.
pub fn linked_event(
    store: &dyn Store,
    kb: &Kb,
    id: &str,
) -> Result<Option<LinkedEvent>, PipelineError> {
    let Some(event) = store
        .find_linked_events(id, 2)?
        .into_iter()
        .find(|e| e.id == id)
    else {
        return Ok(None);
    };
    let lkb = LinkKb::new(kb);
    let members = store.event_members(id)?;
    let mut stored: Vec<StoredEvent> = Vec::new();
    for member in &members {
        if let Some(e) = store
            .find_events(&member.mention, 2)?
            .into_iter()
            .find(|e| e.summary.id == member.mention)
        {
            stored.push(e);
        }
    }
    let articles: Vec<ArticleId> = stored
        .iter()
        .map(|e| e.summary.article)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let origins = copy_origins(store, &articles)?;
    let owner_of = |domain: &str| lkb.owner_of(domain);
    let family_of = |key: &str| lkb.family_of(key);
    let coords = |key: &str| lkb.coords(key);
    let mut outlets: BTreeMap<ArticleId, Option<String>> = BTreeMap::new();
    let mut citations_of: BTreeMap<ArticleId, Vec<Citation>> = BTreeMap::new();
    for &article in articles.iter().chain(origins.values().map(|(o, _)| o)) {
        if outlets.contains_key(&article) {
            continue;
        }
        let record = store.get_article(article)?;
        let outlet = record.as_ref().and_then(|a| a.outlet.clone());
        if let Some(a) = &record {
            let mentions = a.layers.mentions.as_deref().unwrap_or_default();
            citations_of.insert(article, citations(&a.text, mentions, outlet.as_deref()));
        }
        outlets.insert(article, outlet);
    }
    let mut claims: Vec<Vec<StoredClaim>> = Vec::new();
    for e in &stored {
        claims.push(store.list_claims(&ClaimQuery {
            event: Some(e.summary.id.clone()),
            limit: 1000,
            ..ClaimQuery::default()
        })?);
    }
    let mut reports = Vec::new();
    let mut sources = Vec::new();
    for e in &stored {
        let article = e.summary.article;
        let (origin, copy_kind) = match origins.get(&article) {
            Some((origin, kind)) => (*origin, Some(kind.clone())),
            None => (article, None),
        };
        let origin_outlet = outlets.get(&origin).cloned().flatten();
        let source = source_key(&origin.to_string(), origin_outlet.as_deref(), &owner_of);
        sources.push(source.clone());
        reports.push(Report {
            mention: e.summary.id.clone(),
            article,
            title: e.summary.title.clone(),
            outlet: e.summary.outlet.clone(),
            published: e.summary.published.clone(),
            status: e.record.status.name().to_owned(),
            source,
            copy_of: (origin != article).then_some(origin),
            copy_kind,
            seen_at: store.sightings_of(article)?,
        });
    }
    let article_ids: Vec<String> = stored
        .iter()
        .map(|e| e.summary.article.to_string())
        .collect();
    let member_reports: Vec<MemberReport<'_>> = stored
        .iter()
        .zip(&claims)
        .zip(&sources)
        .zip(&article_ids)
        .map(|(((e, claims), source), article)| MemberReport {
            mention_id: &e.summary.id,
            article,
            outlet: e.summary.outlet.as_deref(),
            published: e.summary.published.as_deref(),
            text: &e.text,
            mention: &e.record,
            claims: claims
                .iter()
                .map(|c| (c.id.clone(), &c.claim))
                .collect::<Vec<(String, &Claim)>>(),
            source: source.clone(),
            copy_of: origins.get(&e.summary.article).map(|(o, _)| o.to_string()),
            citations: citations_of
                .get(&e.summary.article)
                .cloned()
                .unwrap_or_default(),
        })
        .collect();
    let resolver = Resolver {
        owner_of: &owner_of,
        family_of: &family_of,
        coords: &coords,
    };
    let record = resolver.resolve(&member_reports);
    // reports grouped by source, sources in order of their first report
    reports.sort_by_key(|r| {
        (
            r.published.is_none(),
            r.published.clone(),
            r.mention.clone(),
        )
    });
    let order: Vec<String> = {
        let mut seen = Vec::new();
        for r in &reports {
            if !seen.contains(&r.source) {
                seen.push(r.source.clone());
            }
        }
        seen
    };
    reports.sort_by_key(|r| {
        (
            order.iter().position(|s| s == &r.source),
            r.published.is_none(),
            r.published.clone(),
            r.mention.clone(),
        )
    });
    Ok(Some(LinkedEvent {
        event,
        reports,
        record,
    }))
}

/// A casualty figure in brief: the UCDP-style range over each independent
/// source's current figure.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TollBrief {
    /// The lowest current figure.
    pub low: u64,
    /// The median of the current figures.
    pub best: u64,
    /// The highest current figure.
    pub high: u64,
    /// The day the figures are as of.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<String>,
    /// Independent sources gave figures that cannot both hold.
    pub contested: bool,
}

impl TollBrief {
    fn of(toll: &TollRecord) -> Self {
        Self {
            low: toll.consensus.ucdp_low,
            best: toll.consensus.ucdp_best,
            high: toll.consensus.ucdp_high,
            as_of: toll.consensus.as_of.clone(),
            contested: toll.contested,
        }
    }
}

/// An event's resolved record in brief: what a listing, a timeline or a map
/// shows, and what the contested filter reads. Kept in the store beside the
/// event and recomputed whenever the event changes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EventDigest {
    /// The headline of its earliest main report (else earliest report).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Latitude and longitude of its most precise known place.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coords: Option<(f32, f32)>,
    /// Independent sources reporting it.
    pub sources: usize,
    /// Killed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub killed: Option<TollBrief>,
    /// Wounded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wounded: Option<TollBrief>,
    /// The fields whose values disagree across independent sources
    /// (`date`, `place`, `killed`, `perpetrator`, …).
    pub contested: Vec<String>,
    /// Perpetrator status: claimed, attributed, contested or unknown.
    pub perpetrator: String,
    /// Names of the actors claimed, attributed or contested, best supported
    /// first.
    pub perpetrators: Vec<String>,
}

impl EventDigest {
    /// The digest of a linked event.
    #[must_use]
    pub fn of(event: &LinkedEvent) -> Self {
        let record = &event.record;
        let title = event
            .reports
            .iter()
            .filter(|r| r.status == "main")
            .chain(&event.reports)
            .min_by_key(|r| {
                (
                    r.status != "main",
                    r.published.is_none(),
                    r.published.clone(),
                )
            })
            .and_then(|r| r.title.clone());
        let coords = serde_json::from_str::<EventSketch>(&event.event.sketch)
            .ok()
            .and_then(|sketch| {
                // the place most reports name, exact cities counting double,
                // as the event's listed place is chosen
                let mut votes: BTreeMap<&str, (usize, (f32, f32))> = BTreeMap::new();
                for place in &sketch.places {
                    if let Some(coords) = place.coords {
                        let vote = votes.entry(place.key.as_str()).or_insert((0, coords));
                        vote.0 += usize::from(place.exact_city) + 1;
                    }
                }
                votes.values().max_by_key(|(v, _)| *v).map(|(_, c)| *c)
            });
        let mut contested: Vec<String> = record
            .fields
            .iter()
            .filter(|f| f.contested)
            .map(|f| f.field.to_owned())
            .collect();
        for toll in record.killed.iter().chain(&record.wounded) {
            if toll.contested {
                contested.push(toll.field.to_owned());
            }
        }
        let perpetrator = serde_json::to_value(record.perpetrator.status)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default();
        if perpetrator == "contested" && !contested.iter().any(|f| f == "perpetrator") {
            contested.push("perpetrator".to_owned());
        }
        let perpetrators = record
            .perpetrator
            .actors
            .iter()
            .filter(|a| a.standing != Standing::Denied)
            .filter_map(|a| a.names.first().cloned())
            .collect();
        Self {
            title,
            coords,
            sources: record.sources.len(),
            killed: record.killed.as_ref().map(TollBrief::of),
            wounded: record.wounded.as_ref().map(TollBrief::of),
            contested,
            perpetrator,
            perpetrators,
        }
    }
}

/// Events whose digest is computed per store round.
const DIGEST_CHUNK: usize = 256;

/// Computes the digest of every event that has none (new or changed since
/// its last digest); returns how many it wrote.
///
/// # Errors
/// When the store fails or a stored record cannot be read.
pub fn refresh_digests(store: &mut dyn Store, kb: &Kb) -> Result<u64, PipelineError> {
    let mut written = 0;
    let mut previous: Vec<String> = Vec::new();
    loop {
        let ids = store.undigested_events(DIGEST_CHUNK)?;
        // an event that vanished under us would come back every round
        if ids.is_empty() || ids == previous {
            break;
        }
        let mut rows = Vec::with_capacity(ids.len());
        for id in &ids {
            if let Some(event) = linked_event(store, kb, id)? {
                let digest = EventDigest::of(&event);
                rows.push(EventDigestRow {
                    event: id.clone(),
                    contested: !digest.contested.is_empty(),
                    // plain data: serialising it cannot fail
                    digest: serde_json::to_string(&digest).unwrap_or_default(),
                });
            }
        }
        written += rows.len() as u64;
        store.put_event_digests(&rows)?;
        previous = ids;
    }
    Ok(written)
}
