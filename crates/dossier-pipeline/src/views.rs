//! Read-side views of the record that more than one interface shows: a
//! claim with its quotes, an actor with its aliases and their evidence. The
//! CLI's `--json` and the HTTP API print the same shapes.

use std::collections::BTreeSet;

use dossier_kb::{Actor, Kb};
use dossier_model::{ArticleId, ByteSpan, Claim, EntityKey};
use dossier_nlp::normalize::fold_str;
use dossier_store::{MentionHit, Store, StoredClaim};
use serde::Serialize;

use crate::PipelineError;

/// The text of `span`, whitespace runs folded to one space.
#[must_use]
pub fn quote(text: &str, span: ByteSpan) -> String {
    text.get(span.start() as usize..span.end() as usize)
        .unwrap_or_default()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Pieces of text, in order, joined by an ellipsis.
#[must_use]
pub fn quote_pieces(text: &str, spans: &[ByteSpan]) -> String {
    spans
        .iter()
        .map(|s| quote(text, *s))
        .collect::<Vec<_>>()
        .join(" … ")
}

/// A claim as shown to readers: the record, where it comes from, and its
/// pieces of text so a reader needs no article at hand.
#[derive(Clone, Debug, Serialize)]
pub struct ClaimView<'a> {
    /// `ARTICLE.cN`.
    pub id: &'a str,
    /// The article.
    pub article: ArticleId,
    /// Its headline.
    pub title: Option<&'a str>,
    /// Its outlet.
    pub outlet: Option<&'a str>,
    /// Its publication date.
    pub published: Option<&'a str>,
    /// The event mention's id (`event` is its index in the article).
    pub event_id: Option<&'a str>,
    /// The record.
    #[serde(flatten)]
    pub claim: &'a Claim,
    /// Its pieces of text.
    pub quotes: ClaimQuotes,
}

/// A claim's pieces of text.
#[derive(Clone, Debug, Serialize)]
pub struct ClaimQuotes {
    /// The cue ("said", "claimed responsibility").
    pub cue: String,
    /// What is said.
    pub content: String,
    /// The sentence.
    pub sentence: String,
    /// The article's framing of it, when any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub framing: Option<String>,
}

impl<'a> ClaimView<'a> {
    /// The view of a stored claim.
    #[must_use]
    pub fn new(stored: &'a StoredClaim) -> Self {
        let claim = &stored.claim;
        let text = &stored.text;
        Self {
            id: &stored.id,
            article: stored.article,
            title: stored.title.as_deref(),
            outlet: stored.outlet.as_deref(),
            published: stored.published.as_deref(),
            event_id: stored.event.as_deref(),
            claim,
            quotes: ClaimQuotes {
                cue: quote_pieces(text, &claim.attribution.cue),
                content: quote_pieces(text, &claim.attribution.content),
                sentence: quote(text, claim.sentence),
                framing: claim.framing.as_ref().map(|f| quote(text, f.span)),
            },
        }
    }
}

/// Actors whose id, name, alias or metonym is `name` (case and accents
/// folded).
#[must_use]
pub fn find_actors<'k>(kb: &'k Kb, name: &str) -> Vec<&'k Actor> {
    if let Some(actor) = kb.actor(name) {
        return vec![actor];
    }
    let folded = fold_str(name);
    kb.actors
        .iter()
        .filter(|a| {
            std::iter::once(&a.name)
                .chain(&a.aliases)
                .chain(&a.metonyms)
                .any(|n| fold_str(n) == folded)
        })
        .collect()
}

/// One alias of an actor and why it is one.
#[derive(Clone, Debug, Serialize)]
pub struct AliasEvidence {
    /// The alias.
    pub alias: String,
    /// Where it comes from (`built-in knowledge base`, `learned (short_for)`).
    pub evidence: String,
    /// The article defining it, when learned.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub article: Option<String>,
    /// Its bytes there.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub span: Option<[u32; 2]>,
    /// The defining sentence.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sentence: Option<String>,
    /// Removed by a user.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub removed: bool,
    /// For a conflicting definition: the entities each side names.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub conflict: Vec<String>,
}

/// A relation of an actor to another.
#[derive(Clone, Debug, Serialize)]
pub struct RelationView {
    /// `out` (this actor → other) or `in`.
    pub direction: &'static str,
    /// `province_of`, `member_of`, `holds_office`, …
    pub kind: &'static str,
    /// The other actor's id.
    pub actor: String,
    /// Its name.
    pub name: String,
}

/// An actor with its aliases and their evidence, relations, places, and
/// the stored sentences that mention it.
#[derive(Clone, Debug, Serialize)]
pub struct ActorProfile<'a> {
    /// The knowledge-base record.
    #[serde(flatten)]
    pub actor: &'a Actor,
    /// Every alias with its evidence.
    pub alias_evidence: Vec<AliasEvidence>,
    /// Relations both ways.
    pub related: Vec<RelationView>,
    /// Country and areas, named.
    pub places: Vec<String>,
    /// Stored mentions, newest article first.
    pub articles: Vec<MentionHit>,
}

/// The profile of `actor`, with at most `mentions` stored mentions when a
/// store is given.
///
/// # Errors
/// When the store fails.
pub fn actor_profile<'k>(
    kb: &'k Kb,
    actor: &'k Actor,
    store: Option<&dyn Store>,
    mentions: usize,
) -> Result<ActorProfile<'k>, PipelineError> {
    let key = EntityKey::actor(&actor.id);
    let (learned, articles) = match store {
        Some(store) => (
            store.learned_aliases(Some(key.as_str()))?,
            store.entity_mentions(key.as_str(), mentions)?,
        ),
        None => (Vec::new(), Vec::new()),
    };
    let mut alias_evidence: Vec<AliasEvidence> = actor
        .aliases
        .iter()
        .map(|alias| AliasEvidence {
            alias: alias.clone(),
            evidence: "built-in knowledge base".to_owned(),
            article: None,
            span: None,
            sentence: None,
            removed: false,
            conflict: Vec::new(),
        })
        .collect();
    for record in learned {
        alias_evidence.push(AliasEvidence {
            alias: record.alias,
            evidence: if record.entity.is_some() {
                format!("learned ({})", record.pattern)
            } else {
                format!("conflicting definition ({}), not merged", record.pattern)
            },
            article: Some(record.article.to_string()),
            span: Some([record.span.start(), record.span.end()]),
            sentence: Some(record.sentence),
            removed: record.removed,
            conflict: record.conflict,
        });
    }
    let mut related = Vec::new();
    for relation in &actor.relations {
        if let Some(target) = kb.actor(&relation.target) {
            related.push(RelationView {
                direction: "out",
                kind: relation.kind.name(),
                actor: target.id.clone(),
                name: target.name.clone(),
            });
        }
    }
    for other in &kb.actors {
        for relation in other.relations.iter().filter(|r| r.target == actor.id) {
            related.push(RelationView {
                direction: "in",
                kind: relation.kind.name(),
                actor: other.id.clone(),
                name: other.name.clone(),
            });
        }
        for role in other.roles.iter().filter(|r| r.of == actor.id) {
            related.push(RelationView {
                direction: "in",
                kind: "holds_office",
                actor: other.id.clone(),
                name: format!(
                    "{} ({} {}–{})",
                    other.name,
                    role.title,
                    role.from,
                    role.to.map(|t| t.to_string()).unwrap_or_default()
                ),
            });
        }
    }
    let places: Vec<String> = actor
        .country
        .iter()
        .chain(&actor.areas)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .map(|code| {
            kb.country(code)
                .map_or_else(|| code.clone(), |c| format!("{} ({code})", c.name))
        })
        .collect();
    Ok(ActorProfile {
        actor,
        alias_evidence,
        related,
        places,
        articles,
    })
}

/// An event across articles with everything said about it: the resolved
/// record, its digest, its reports and every claim about it. What the API's
/// event page and the JSON Lines export print.
#[derive(Clone, Debug)]
pub struct EventDossier {
    /// The event, its reports and resolved record.
    pub linked: crate::LinkedEvent,
    /// The record in brief.
    pub digest: crate::EventDigest,
    /// The claims about any of its mentions, report by report.
    pub claims: Vec<StoredClaim>,
}

impl serde::Serialize for EventDossier {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Shape<'a> {
            #[serde(flatten)]
            linked: &'a crate::LinkedEvent,
            digest: &'a crate::EventDigest,
            claims: Vec<ClaimView<'a>>,
        }
        Shape {
            linked: &self.linked,
            digest: &self.digest,
            claims: self.claims.iter().map(ClaimView::new).collect(),
        }
        .serialize(serializer)
    }
}

/// The dossier of event `id` (`ev…`), if stored.
///
/// # Errors
/// When the store fails or a stored record cannot be read.
pub fn event_dossier(
    store: &dyn Store,
    kb: &Kb,
    id: &str,
) -> Result<Option<EventDossier>, PipelineError> {
    let Some(linked) = crate::linked_event(store, kb, id)? else {
        return Ok(None);
    };
    let mut claims: Vec<StoredClaim> = Vec::new();
    for report in &linked.reports {
        claims.extend(store.list_claims(&dossier_store::ClaimQuery {
            event: Some(report.mention.clone()),
            limit: usize::MAX >> 1,
            ..dossier_store::ClaimQuery::default()
        })?);
    }
    let digest = crate::EventDigest::of(&linked);
    Ok(Some(EventDossier {
        linked,
        digest,
        claims,
    }))
}
