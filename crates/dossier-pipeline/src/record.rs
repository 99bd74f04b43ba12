//! One event across articles, assembled from the store: its member
//! mentions, the articles and copies behind them, the claims about it, and
//! the resolved record (assertions, consensus, contested flags, perpetrator
//! status). The CLI and the HTTP API show the same thing.

use std::collections::{BTreeMap, BTreeSet};

use dossier_kb::Kb;
use dossier_link::record::MemberReport;
use dossier_link::sources::{Citation, citations, source_key};
use dossier_link::{EventRecord, Resolver};
use dossier_model::{ArticleId, Claim};
use dossier_store::{ClaimQuery, EventRow, Store, StoredClaim, StoredEvent};
use serde::Serialize;

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
