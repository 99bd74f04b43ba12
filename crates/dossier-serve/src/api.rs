//! The JSON API: one handler per route, each a query on a pooled read
//! connection. Shapes are the record's own types (the CLI's `--json`
//! prints the same ones), wrapped in [`Page`] for listings; `openapi.rs`
//! documents every shape and a test holds the two together.

use std::sync::Arc;

use axum::Json;
use axum::body::Bytes;
use axum::extract::{FromRequestParts, Path, Query, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use dossier_kb::Kb;
use dossier_model::ArticleId;
use dossier_pipeline::EventDigest;
use dossier_pipeline::views::{ClaimView, actor_profile, event_dossier, find_actors};
use dossier_store::{
    ArticleSummary, ClaimQuery, EventQuery, EventRow, ListQuery, SearchHit, SqliteStore, Store,
    StoreStats, StoredClaim, claim_id, event_id,
};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::AppState;
use crate::error::ApiError;

/// Most rows one page may ask for.
pub const MAX_LIMIT: usize = 500;
/// Largest offset: past it no store has rows.
pub const MAX_OFFSET: usize = u32::MAX as usize;
/// Rows per page when not asked.
const DEFAULT_LIMIT: usize = 50;

/// A query string whose errors are answered as JSON, like every other.
pub(crate) struct ApiQuery<T>(pub(crate) T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        Query::<T>::from_request_parts(parts, state)
            .await
            .map(|Query(value)| Self(value))
            .map_err(|rejection| ApiError::bad_request(rejection.body_text()))
    }
}

/// One page of a listing.
#[derive(Debug, Serialize)]
pub(crate) struct Page<T> {
    items: Vec<T>,
    limit: usize,
    offset: usize,
    /// The offset of the next page, when there is one.
    next_offset: Option<usize>,
}

/// Paging parameters, checked.
#[derive(Clone, Copy, Debug)]
struct Paging {
    limit: usize,
    offset: usize,
}

impl Paging {
    fn new(limit: Option<usize>, offset: Option<usize>) -> Result<Self, ApiError> {
        let limit = limit.unwrap_or(DEFAULT_LIMIT);
        if limit == 0 || limit > MAX_LIMIT {
            return Err(ApiError::bad_request(format!(
                "limit must be between 1 and {MAX_LIMIT}, not {limit}"
            )));
        }
        if offset.is_some_and(|o| o > MAX_OFFSET) {
            return Err(ApiError::bad_request(format!(
                "offset must be at most {MAX_OFFSET}"
            )));
        }
        Ok(Self {
            limit,
            offset: offset.unwrap_or(0),
        })
    }

    /// A page from up to `limit + 1` rows fetched at `offset`.
    fn page<T>(self, mut rows: Vec<T>) -> Page<T> {
        let more = rows.len() > self.limit;
        rows.truncate(self.limit);
        Page {
            items: rows,
            limit: self.limit,
            offset: self.offset,
            next_offset: more.then_some(self.offset + self.limit),
        }
    }
}

/// A filter given empty (`?actor=`, as a form sends an empty field) is no
/// filter.
fn empty_is_none<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<String>, D::Error> {
    let value: Option<String> = Option::deserialize(deserializer)?;
    Ok(value.filter(|v| !v.trim().is_empty()))
}

/// A JSON response from any serialisable value.
fn json<T: Serialize>(value: &T) -> Result<Response, ApiError> {
    let body = serde_json::to_vec(value).map_err(|err| ApiError::internal(err.to_string()))?;
    Ok(([(header::CONTENT_TYPE, "application/json")], body).into_response())
}

/// The entity key of the one actor `name` names (id, name or alias).
fn actor_key(kb: &Kb, name: &str) -> Result<String, ApiError> {
    match find_actors(kb, name).as_slice() {
        [one] => Ok(format!("actor:{}", one.id)),
        [] => Err(ApiError::new(
            StatusCode::NOT_FOUND,
            "unknown_actor",
            format!("no actor named {name:?} in the knowledge base"),
        )),
        many => Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "ambiguous_actor",
            format!(
                "{name:?} names {} actors: {}; give an id",
                many.len(),
                many.iter()
                    .map(|a| a.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        )),
    }
}

/// `value` when it is an ISO date (`2024`, `2024-03`, `2024-03-22`), or, with
/// `times`, a date and time; otherwise a 400 naming the parameter.
fn iso_date(name: &str, value: Option<String>, times: bool) -> Result<Option<String>, ApiError> {
    let Some(value) = value else {
        return Ok(None);
    };
    let bytes = value.as_bytes();
    let digits = |range: std::ops::Range<usize>| {
        bytes
            .get(range)
            .is_some_and(|b| b.iter().all(u8::is_ascii_digit))
    };
    let date = digits(0..4)
        && match bytes.len() {
            4 => true,
            7 => bytes[4] == b'-' && digits(5..7),
            10 => bytes[4] == b'-' && digits(5..7) && bytes[7] == b'-' && digits(8..10),
            n => {
                times
                    && n > 10
                    && bytes[4] == b'-'
                    && digits(5..7)
                    && bytes[7] == b'-'
                    && digits(8..10)
                    && bytes[10] == b'T'
            }
        };
    if date {
        Ok(Some(value))
    } else {
        Err(ApiError::bad_request(format!(
            "{name} must be an ISO date (YYYY, YYYY-MM or YYYY-MM-DD{}), not {value:?}",
            if times { ", or a date and time" } else { "" }
        )))
    }
}

fn article_id(id: &str) -> Result<ArticleId, ApiError> {
    if id.len() != 32 || !id.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(ApiError::bad_request(format!(
            "{id:?} is not an article id (32 hex digits)"
        )));
    }
    id.parse()
        .map_err(|_| ApiError::bad_request(format!("{id:?} is not an article id (32 hex digits)")))
}

/// `GET /api/health`.
pub(crate) async fn health() -> Json<serde_json::Value> {
    Json(serde_json::json!({ "status": "ok", "version": env!("CARGO_PKG_VERSION") }))
}

/// Counts over the store, and whether the server accepts ingest.
#[derive(Debug, Serialize)]
struct Stats {
    #[serde(flatten)]
    store: StoreStats,
    events: u64,
    read_only: bool,
}

/// `GET /api/stats`.
pub(crate) async fn stats(State(state): State<AppState>) -> Result<Response, ApiError> {
    let read_only = state.token.is_none();
    let stats = state
        .pool
        .run(move |store| {
            Ok(Stats {
                store: store.stats()?,
                events: store.count_linked_events()?,
                read_only,
            })
        })
        .await?;
    json(&stats)
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct EventsParams {
    #[serde(default, deserialize_with = "empty_is_none")]
    since: Option<String>,
    #[serde(default, deserialize_with = "empty_is_none")]
    until: Option<String>,
    #[serde(default, deserialize_with = "empty_is_none")]
    country: Option<String>,
    #[serde(default, deserialize_with = "empty_is_none")]
    place: Option<String>,
    #[serde(default, deserialize_with = "empty_is_none")]
    actor: Option<String>,
    #[serde(default, deserialize_with = "empty_is_none")]
    kind: Option<String>,
    contested: Option<bool>,
    limit: Option<usize>,
    offset: Option<usize>,
}

/// An event in a listing: its stored row and its digest.
#[derive(Debug, Serialize)]
struct EventItem {
    #[serde(flatten)]
    row: EventRow,
    #[serde(flatten)]
    digest: Option<EventDigest>,
}

impl EventItem {
    fn new(row: EventRow) -> Self {
        let digest = row
            .digest
            .as_deref()
            .and_then(|d| serde_json::from_str(d).ok());
        Self { row, digest }
    }
}

fn event_items(store: &SqliteStore, query: &EventQuery) -> Result<Vec<EventItem>, ApiError> {
    Ok(store
        .list_linked_events(query)?
        .into_iter()
        .map(EventItem::new)
        .collect())
}

/// `GET /api/events`.
pub(crate) async fn events(
    State(state): State<AppState>,
    ApiQuery(params): ApiQuery<EventsParams>,
) -> Result<Response, ApiError> {
    let paging = Paging::new(params.limit, params.offset)?;
    let actor = params
        .actor
        .as_deref()
        .map(|name| actor_key(&state.kb, name))
        .transpose()?;
    let query = EventQuery {
        since: iso_date("since", params.since, false)?,
        until: iso_date("until", params.until, false)?,
        country: params
            .country
            .map(|c| {
                if c.len() == 2 && c.bytes().all(|b| b.is_ascii_alphabetic()) {
                    Ok(c.to_uppercase())
                } else {
                    Err(ApiError::bad_request(format!(
                        "country must be an ISO 3166 alpha-2 code, not {c:?}"
                    )))
                }
            })
            .transpose()?,
        place: params.place,
        actor,
        kind: params.kind,
        status: None,
        contested: params.contested.unwrap_or(false),
        limit: paging.limit + 1,
        offset: paging.offset,
    };
    let rows = state
        .pool
        .run(move |store| event_items(store, &query))
        .await?;
    json(&paging.page(rows))
}

/// `GET /api/events/{id}`.
pub(crate) async fn event(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let kb = Arc::clone(&state.kb);
    state
        .pool
        .run(move |store| match event_dossier(store, &kb, &id)? {
            Some(dossier) => json(&dossier),
            None => Err(ApiError::not_found(format!("no event {id:?}"))),
        })
        .await
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ActorsParams {
    #[serde(default, deserialize_with = "empty_is_none")]
    q: Option<String>,
    #[serde(default, deserialize_with = "empty_is_none")]
    kind: Option<String>,
    /// Also actors no stored article mentions.
    all: Option<bool>,
    limit: Option<usize>,
    offset: Option<usize>,
}

/// An actor in a listing.
#[derive(Debug, Serialize)]
struct ActorItem {
    id: String,
    kind: &'static str,
    name: String,
    aliases: Vec<String>,
    country: Option<String>,
    articles: u64,
    mentions: u64,
}

/// `GET /api/actors`: knowledge-base actors, most mentioned first.
pub(crate) async fn actors(
    State(state): State<AppState>,
    ApiQuery(params): ApiQuery<ActorsParams>,
) -> Result<Response, ApiError> {
    let paging = Paging::new(params.limit, params.offset)?;
    let counts = state.actor_counts().await?;
    let query = params.q.as_deref().map(dossier_nlp::normalize::fold_str);
    let all = params.all.unwrap_or(false) || query.is_some();
    let mut rows: Vec<ActorItem> = state
        .kb
        .actors
        .iter()
        .filter(|a| params.kind.as_deref().is_none_or(|k| a.kind.name() == k))
        .filter(|a| {
            query.as_deref().is_none_or(|q| {
                std::iter::once(&a.name)
                    .chain(&a.aliases)
                    .any(|n| dossier_nlp::normalize::fold_str(n).contains(q))
            })
        })
        .map(|a| {
            let (articles, mentions) = counts
                .get(&format!("actor:{}", a.id))
                .copied()
                .unwrap_or_default();
            ActorItem {
                id: a.id.clone(),
                kind: a.kind.name(),
                name: a.name.clone(),
                aliases: a.aliases.clone(),
                country: a.country.clone(),
                articles,
                mentions,
            }
        })
        .filter(|row| all || row.articles > 0)
        .collect();
    rows.sort_by(|a, b| {
        b.articles
            .cmp(&a.articles)
            .then(b.mentions.cmp(&a.mentions))
            .then(a.id.cmp(&b.id))
    });
    let rows: Vec<ActorItem> = rows
        .into_iter()
        .skip(paging.offset)
        .take(paging.limit + 1)
        .collect();
    json(&paging.page(rows))
}

/// `GET /api/actors/{id}`: aliases with evidence, relations, mentions and
/// the events tied to the actor.
pub(crate) async fn actor(
    State(state): State<AppState>,
    Path(name): Path<String>,
) -> Result<Response, ApiError> {
    let kb = Arc::clone(&state.kb);
    state
        .pool
        .run(move |store| {
            let found = find_actors(&kb, &name);
            let [actor] = found.as_slice() else {
                return Err(if found.is_empty() {
                    ApiError::not_found(format!("no actor {name:?}"))
                } else {
                    actor_key(&kb, &name).err().unwrap_or_else(|| {
                        ApiError::bad_request(format!("{name:?} names several actors"))
                    })
                });
            };
            let profile = actor_profile(&kb, actor, Some(store as &dyn Store), 50)?;
            let events = event_items(
                store,
                &EventQuery {
                    actor: Some(format!("actor:{}", actor.id)),
                    limit: 100,
                    ..EventQuery::default()
                },
            )?;
            #[derive(Serialize)]
            struct ActorPage<'a> {
                #[serde(flatten)]
                profile: dossier_pipeline::views::ActorProfile<'a>,
                events: Vec<EventItem>,
            }
            json(&ActorPage { profile, events })
        })
        .await
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ClaimsParams {
    #[serde(default, deserialize_with = "empty_is_none")]
    event: Option<String>,
    #[serde(default, deserialize_with = "empty_is_none")]
    actor: Option<String>,
    #[serde(default, deserialize_with = "empty_is_none")]
    speaker: Option<String>,
    #[serde(default, deserialize_with = "empty_is_none")]
    kind: Option<String>,
    limit: Option<usize>,
    offset: Option<usize>,
}

/// `GET /api/claims`. `event` is an event across articles (`ev…`) or one
/// event mention (`ARTICLE.N`).
pub(crate) async fn claims(
    State(state): State<AppState>,
    ApiQuery(params): ApiQuery<ClaimsParams>,
) -> Result<Response, ApiError> {
    let paging = Paging::new(params.limit, params.offset)?;
    let kind = params
        .kind
        .as_deref()
        .map(|name| {
            dossier_model::ClaimKind::from_name(&name.to_lowercase()).ok_or_else(|| {
                let valid: Vec<&str> = dossier_model::ClaimKind::ALL
                    .iter()
                    .map(|k| k.name())
                    .collect();
                ApiError::bad_request(format!(
                    "unknown claim kind {name:?}; valid kinds: {}",
                    valid.join(", ")
                ))
            })
        })
        .transpose()?;
    let actor = params
        .actor
        .as_deref()
        .map(|name| actor_key(&state.kb, name))
        .transpose()?;
    let base = ClaimQuery {
        event: None,
        actor,
        speaker: params.speaker,
        kind,
        limit: paging.limit + 1,
        offset: paging.offset,
    };
    let event = params.event;
    let stored = state
        .pool
        .run(move |store| match event {
            // an event across articles: the claims of all its mentions
            Some(event) if event.starts_with("ev") => {
                let mut all = Vec::new();
                for member in store.event_members(&event)? {
                    all.extend(store.list_claims(&ClaimQuery {
                        event: Some(member.mention),
                        limit: usize::MAX >> 1,
                        offset: 0,
                        ..base.clone()
                    })?);
                }
                Ok(all
                    .into_iter()
                    .skip(paging.offset)
                    .take(paging.limit + 1)
                    .collect::<Vec<_>>())
            }
            event => Ok(store.list_claims(&ClaimQuery { event, ..base })?),
        })
        .await?;
    let page = paging.page(stored.iter().map(ClaimView::new).collect());
    json(&page)
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ArticlesParams {
    #[serde(default, deserialize_with = "empty_is_none")]
    outlet: Option<String>,
    #[serde(default, deserialize_with = "empty_is_none")]
    language: Option<String>,
    #[serde(default, deserialize_with = "empty_is_none")]
    since: Option<String>,
    #[serde(default, deserialize_with = "empty_is_none")]
    until: Option<String>,
    limit: Option<usize>,
    offset: Option<usize>,
}

/// `GET /api/articles`.
pub(crate) async fn articles(
    State(state): State<AppState>,
    ApiQuery(params): ApiQuery<ArticlesParams>,
) -> Result<Response, ApiError> {
    let paging = Paging::new(params.limit, params.offset)?;
    let query = ListQuery {
        outlet: params.outlet,
        language: params.language,
        since: iso_date("since", params.since, true)?,
        until: iso_date("until", params.until, true)?,
        limit: paging.limit + 1,
        offset: paging.offset,
    };
    let rows: Vec<ArticleSummary> = state
        .pool
        .run(move |store| Ok(store.list_articles(&query)?))
        .await?;
    json(&paging.page(rows))
}

/// One event mention of an article and the event it was placed in.
#[derive(Debug, Serialize)]
struct ArticleEvent {
    mention: String,
    event: Option<String>,
    kind: String,
    status: String,
    sentence: [u32; 2],
}

/// `GET /api/articles/{id}`: the text, its sentences (byte spans), every
/// page it was seen at, its event mentions and claims.
pub(crate) async fn article(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let article_id = article_id(&id)?;
    state
        .pool
        .run(move |store| {
            let Some(article) = store.get_article(article_id)? else {
                return Err(ApiError::not_found(format!("no article {id:?}")));
            };
            let prefix = format!("{article_id}.");
            let mut events = Vec::new();
            for stored in store.find_events(&prefix, 10_000)? {
                // "A.1" is a prefix of "A.c1" too: claims are not events
                if stored.summary.article != article_id {
                    continue;
                }
                events.push(ArticleEvent {
                    event: store.event_of_mention(&stored.summary.id)?,
                    mention: stored.summary.id,
                    kind: stored.summary.kind,
                    status: stored.summary.status,
                    sentence: [stored.record.sentence.start(), stored.record.sentence.end()],
                });
            }
            // the article's own claim layer, as the store keys it
            let claims: Vec<StoredClaim> = article
                .layers
                .claims
                .as_deref()
                .unwrap_or_default()
                .iter()
                .enumerate()
                .map(|(ordinal, claim)| StoredClaim {
                    id: claim_id(article_id, ordinal),
                    article: article_id,
                    title: article.title.clone(),
                    outlet: article.outlet.clone(),
                    published: article.published.as_ref().map(|p| p.value.clone()),
                    event: claim.event.map(|e| event_id(article_id, e as usize)),
                    claim: claim.clone(),
                    text: article.text.clone(),
                })
                .collect();
            let sentences: Vec<[u32; 2]> = article
                .layers
                .sentences
                .as_deref()
                .unwrap_or_default()
                .iter()
                .map(|s| [s.span.start(), s.span.end()])
                .collect();
            #[derive(Serialize)]
            struct ArticlePage<'a> {
                id: ArticleId,
                title: Option<&'a str>,
                outlet: Option<&'a str>,
                url: Option<&'a str>,
                published: Option<&'a str>,
                language: Option<&'a str>,
                byline: Option<&'a str>,
                text: &'a str,
                sentences: Vec<[u32; 2]>,
                seen_at: Vec<String>,
                events: Vec<ArticleEvent>,
                claims: Vec<ClaimView<'a>>,
            }
            json(&ArticlePage {
                id: article.id,
                title: article.title.as_deref(),
                outlet: article.outlet.as_deref(),
                url: article.url.as_deref(),
                published: article.published.as_ref().map(|p| p.value.as_str()),
                language: article.language.as_deref(),
                byline: article.byline.as_deref(),
                text: &article.text,
                sentences,
                seen_at: store.sightings_of(article_id)?,
                events,
                claims: claims.iter().map(ClaimView::new).collect(),
            })
        })
        .await
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SearchParams {
    q: String,
    /// Read `q` as FTS5 syntax (phrases, OR, NOT, prefix*).
    syntax: Option<bool>,
    limit: Option<usize>,
    offset: Option<usize>,
}

/// `GET /api/search`: full-text search over titles and text, best first.
pub(crate) async fn search(
    State(state): State<AppState>,
    ApiQuery(params): ApiQuery<SearchParams>,
) -> Result<Response, ApiError> {
    let paging = Paging::new(params.limit, params.offset)?;
    if params.q.trim().is_empty() {
        return Err(ApiError::bad_request("q must not be empty"));
    }
    let want = paging.offset + paging.limit + 1;
    let syntax = params.syntax.unwrap_or(false);
    let q = params.q;
    let hits: Vec<SearchHit> = state
        .pool
        .run(move |store| {
            let hits = if syntax {
                store.search_expression(&q, want)?
            } else {
                store.search(&q, want)?
            };
            Ok(hits.into_iter().skip(paging.offset).collect())
        })
        .await?;
    json(&paging.page(hits))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct IngestParams {
    /// The upload's name: it names the input in records, and its
    /// extension helps tell the format (`reports.jsonl`, `page.html`).
    #[serde(default, deserialize_with = "empty_is_none")]
    name: Option<String>,
}

/// `POST /api/ingest`: stores and links the documents in the body (any
/// format `dossier ingest` reads). Only with the configured bearer token.
pub(crate) async fn ingest(
    State(state): State<AppState>,
    headers: HeaderMap,
    ApiQuery(params): ApiQuery<IngestParams>,
    body: Bytes,
) -> Result<Response, ApiError> {
    let Some(token) = state.token.as_deref() else {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "read_only",
            "this server is read-only: start it with a token to accept ingest",
        ));
    };
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    if !given.is_some_and(|g| constant_time_eq(g.as_bytes(), token.as_bytes())) {
        return Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "a valid `Authorization: Bearer TOKEN` header is required",
        ));
    }
    if body.is_empty() {
        return Err(ApiError::bad_request("the body is empty"));
    }
    let name = params.name.unwrap_or_else(|| "http-upload".to_owned());
    if name.contains(['/', '\\']) {
        return Err(ApiError::bad_request(
            "name must be a file name, not a path",
        ));
    }
    let summary = state
        .ingest(format!("upload:{name}"), body.to_vec())
        .await?;
    let status = if summary.failed() > 0 {
        StatusCode::MULTI_STATUS
    } else {
        StatusCode::OK
    };
    let mut response = json(&summary)?;
    *response.status_mut() = status;
    Ok(response)
}

/// Compares without stopping at the first difference, so the time taken
/// says nothing about the token.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Unknown API paths.
pub(crate) async fn no_route() -> ApiError {
    ApiError::not_found("no such API route; see /openapi.json")
}
