//! Where does the record live, and how do I get it back?
//!
//! [`Store`] is the interface the pipeline writes through; [`SqliteStore`] is
//! the embedded default: one SQLite file (bundled SQLite, WAL journal,
//! versioned migrations, FTS5 over title and text). A server backend can
//! implement the same trait later.
//!
//! Articles are keyed by their content-hash id; a *sighting* — the article
//! seen in one input at one locator — is unique. Writing the same batch twice
//! therefore changes nothing, the same text from another input counts as a
//! duplicate, and a killed ingest resumes by running it again: each batch is
//! one transaction, so the file always holds whole batches.
//!
//! ```
//! use dossier_model::{Article, Source, SourceFormat};
//! use dossier_store::{SqliteStore, Store};
//!
//! let mut store = SqliteStore::open_in_memory().unwrap();
//! let article = Article::from_plain_text(
//!     Source::new("a.txt", SourceFormat::Text),
//!     "Gunmen opened fire at Crocus City Hall.".to_owned(),
//! );
//! let report = store.put_batch(&[article.clone()]).unwrap();
//! assert_eq!(report.stored, 1);
//! assert_eq!(store.put_batch(&[article]).unwrap().unchanged, 1);
//! assert_eq!(store.search("crocus", 10).unwrap().len(), 1);
//! // FTS5 syntax when asked for; bad syntax is error D405, not a panic
//! assert_eq!(store.search_expression("croc* OR kyiv", 10).unwrap().len(), 1);
//! assert_eq!(store.search_expression("\"unbalanced", 10).unwrap_err().code(), "D405");
//! ```
#![warn(missing_docs)]

mod error;
mod links;
mod migrations;
mod snippet;
mod sqlite;

use dossier_model::{Article, ArticleId, ByteSpan, Claim, ClaimKind, RejectReason};
use serde::Serialize;

pub use error::Error;
pub use sqlite::SqliteStore;

/// One article as seen in one input: the article's `source` (input plus
/// locator) says where. The same text seen in two inputs is two sightings of
/// one article.
pub type Sighting = Article;

/// What writing one batch did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct BatchReport {
    /// Articles stored for the first time.
    pub stored: u64,
    /// New sightings of articles already stored (from another input).
    pub duplicates: u64,
    /// Sightings already known (the same input read again).
    pub unchanged: u64,
}

/// An input that produced no article: recorded so a user can find it later.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct InputFailure {
    /// The input, with its locator.
    pub input: String,
    /// A `Dxxx` error code or a rejection reason key.
    pub code: String,
    /// For people.
    pub message: String,
}

impl InputFailure {
    /// An input that could not be read, with its stable `Dxxx` code.
    #[must_use]
    pub fn failed(input: impl Into<String>, code: &str, message: impl Into<String>) -> Self {
        Self {
            input: input.into(),
            code: code.to_owned(),
            message: message.into(),
        }
    }

    /// An input that was read but held no article: the code is the reason's
    /// key (`no_text`, `too_short`, …).
    #[must_use]
    pub fn rejected(input: impl Into<String>, reason: &RejectReason) -> Self {
        Self {
            input: input.into(),
            code: reason.key().to_owned(),
            message: reason.to_string(),
        }
    }
}

/// Filters and paging for [`Store::list_articles`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListQuery {
    /// Only this outlet domain.
    pub outlet: Option<String>,
    /// Only this language (ISO 639-1).
    pub language: Option<String>,
    /// Only articles published on or after this ISO date/time.
    pub since: Option<String>,
    /// Only articles published before this ISO date/time.
    pub until: Option<String>,
    /// Most rows to return.
    pub limit: usize,
    /// Rows to skip.
    pub offset: usize,
}

impl Default for ListQuery {
    fn default() -> Self {
        Self {
            outlet: None,
            language: None,
            since: None,
            until: None,
            limit: 50,
            offset: 0,
        }
    }
}

/// One row of an article listing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ArticleSummary {
    /// Article id.
    pub id: ArticleId,
    /// Headline.
    pub title: Option<String>,
    /// Outlet domain.
    pub outlet: Option<String>,
    /// Publication date as stored (ISO 8601).
    pub published: Option<String>,
    /// Language code.
    pub language: Option<String>,
    /// URL.
    pub url: Option<String>,
    /// Length of the clean text in characters.
    pub chars: u64,
    /// In how many inputs it was seen.
    pub sightings: u64,
}

/// One full-text search hit.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SearchHit {
    /// Article id.
    pub id: ArticleId,
    /// Headline.
    pub title: Option<String>,
    /// Outlet domain.
    pub outlet: Option<String>,
    /// The matching passage, with matches in `[` `]`.
    pub snippet: String,
    /// BM25 score (lower is better, as SQLite reports it).
    pub score: f64,
}

/// Counts over the whole store.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct StoreStats {
    /// Distinct articles.
    pub articles: u64,
    /// Sightings (article × input × locator).
    pub sightings: u64,
    /// Sightings beyond the first of each article.
    pub duplicates: u64,
    /// Distinct outlets.
    pub outlets: u64,
    /// Recorded input failures and rejections.
    pub failures: u64,
}

/// How many stored articles mention an entity.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct EntityCount {
    /// The entity key (`actor:islamic-state-khorasan`).
    pub entity: String,
    /// Articles mentioning it.
    pub articles: u64,
    /// Mentions in all.
    pub mentions: u64,
}

/// One mention of an entity in a stored article.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MentionHit {
    /// The article.
    pub article: ArticleId,
    /// Its headline.
    pub title: Option<String>,
    /// Its outlet.
    pub outlet: Option<String>,
    /// Its publication date.
    pub published: Option<String>,
    /// The mention's bytes in the article text.
    pub span: ByteSpan,
    /// The mention as written.
    pub text: String,
    /// The sentence around it.
    pub sentence: String,
    /// The rule that found it.
    pub rule: String,
    /// Link confidence.
    pub confidence: f64,
}

/// An alias learned from an article, with its evidence.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LearnedAliasRecord {
    /// The article that defines it.
    pub article: ArticleId,
    /// The alias as written.
    pub alias: String,
    /// Its bytes in the article text.
    pub span: ByteSpan,
    /// The entity it names; `None` for a conflicting definition.
    pub entity: Option<String>,
    /// For a conflicting definition: the entities each side names.
    pub conflict: Vec<String>,
    /// How it was written (`short_for`, `parenthetical`, …).
    pub pattern: String,
    /// The defining sentence.
    pub sentence: String,
    /// Confidence.
    pub confidence: f64,
    /// Removed by a user: kept as history, no longer used.
    pub removed: bool,
}

/// Filters for listing event mentions; `None` means any.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventQuery {
    /// Events dated on or after this ISO date.
    pub since: Option<String>,
    /// Events dated on or before this ISO date (a day, month or year prefix).
    pub until: Option<String>,
    /// ISO alpha-2 country the event happened in.
    pub country: Option<String>,
    /// Text the place name contains (case-insensitive).
    pub place: Option<String>,
    /// Entity key filling any role (`actor:islamic-state-khorasan`).
    pub actor: Option<String>,
    /// Event kind (`shooting`, `car_bomb`).
    pub kind: Option<String>,
    /// `main`, `background` or `hypothetical`.
    pub status: Option<String>,
    /// Only events with a contested field (events across articles only:
    /// the linker's digest says so).
    pub contested: bool,
    /// Most rows.
    pub limit: usize,
    /// Rows to skip.
    pub offset: usize,
}

impl Default for EventQuery {
    fn default() -> Self {
        Self {
            since: None,
            until: None,
            country: None,
            place: None,
            actor: None,
            kind: None,
            status: None,
            contested: false,
            limit: 50,
            offset: 0,
        }
    }
}

/// One event mention as listed: its key fields and its article.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct EventSummary {
    /// `ARTICLE-ID.N`: the article and the mention's ordinal in it.
    pub id: String,
    /// The article.
    pub article: ArticleId,
    /// The article's title.
    pub title: Option<String>,
    /// The article's outlet.
    pub outlet: Option<String>,
    /// The article's publication date.
    pub published: Option<String>,
    /// Event kind.
    pub kind: String,
    /// Main, background or hypothetical.
    pub status: String,
    /// ISO date, when resolved.
    pub date: Option<String>,
    /// Its precision.
    pub date_precision: Option<String>,
    /// Place name as written.
    pub place: Option<String>,
    /// ISO alpha-2 country.
    pub country: Option<String>,
    /// Killed: the least the latest figure allows.
    pub killed: Option<u64>,
    /// Wounded: the least the latest figure allows.
    pub wounded: Option<u64>,
}

/// One event mention with its full record and the text its spans point into.
#[derive(Clone, Debug, PartialEq)]
pub struct StoredEvent {
    /// Its summary.
    pub summary: EventSummary,
    /// The record.
    pub record: dossier_model::EventMention,
    /// The article's text.
    pub text: String,
}

/// The id of event mention `ordinal` of `article`.
#[must_use]
pub fn event_id(article: ArticleId, ordinal: usize) -> String {
    format!("{article}.{ordinal}")
}

/// Filters for listing claims; `None` means any.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClaimQuery {
    /// Claims about this event mention (an id as [`event_id`] makes it).
    pub event: Option<String>,
    /// Entity key of the speaker or of the actor the claim is about.
    pub actor: Option<String>,
    /// Text the speaker's name contains, ignoring case.
    pub speaker: Option<String>,
    /// Claim kind.
    pub kind: Option<ClaimKind>,
    /// Most rows.
    pub limit: usize,
    /// Rows to skip.
    pub offset: usize,
}

impl Default for ClaimQuery {
    fn default() -> Self {
        Self {
            event: None,
            actor: None,
            speaker: None,
            kind: None,
            limit: 50,
            offset: 0,
        }
    }
}

/// One stored claim with its article and the text its spans point into.
#[derive(Clone, Debug, PartialEq)]
pub struct StoredClaim {
    /// `ARTICLE-ID.cN`: the article and the claim's ordinal in it.
    pub id: String,
    /// The article.
    pub article: ArticleId,
    /// The article's title.
    pub title: Option<String>,
    /// The article's outlet.
    pub outlet: Option<String>,
    /// The article's publication date.
    pub published: Option<String>,
    /// The id of the event mention it concerns, when linked.
    pub event: Option<String>,
    /// The record.
    pub claim: Claim,
    /// The article's text.
    pub text: String,
}

/// The id of claim `ordinal` of `article`. The `c` keeps it apart from the
/// article's event ids, which share the prefix.
#[must_use]
pub fn claim_id(article: ArticleId, ordinal: usize) -> String {
    format!("{article}.c{ordinal}")
}

/// What the linker reads of one article.
#[derive(Clone, Debug, PartialEq)]
pub struct LinkInput {
    /// The article.
    pub id: ArticleId,
    /// Its publication date (ISO).
    pub published: Option<String>,
    /// Its outlet domain.
    pub outlet: Option<String>,
    /// Its headline.
    pub title: Option<String>,
    /// Its text.
    pub text: String,
    /// Its sentences.
    pub sentences: Vec<ByteSpan>,
    /// Its event mentions, in ordinal order.
    pub events: Vec<dossier_model::EventMention>,
}

/// A stored copy-detection fingerprint.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredFingerprint {
    /// The article.
    pub article: ArticleId,
    /// Its publication date.
    pub published: Option<String>,
    /// The MinHash signature, as the linker serialised it.
    pub signature: Vec<u8>,
    /// The distinctive-sentence hashes, as the linker serialised them.
    pub sentences: Vec<u8>,
}

/// A fingerprint to store, with the keys it is found by.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FingerprintRow {
    /// The fingerprint.
    pub fingerprint: StoredFingerprint,
    /// LSH band keys.
    pub bands: Vec<u64>,
    /// Distinctive-sentence hashes.
    pub sentence_hashes: Vec<u64>,
}

/// Two articles found to be copies (or a rewrite) of one another.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CopyLinkRow {
    /// The later-linked article.
    pub article: ArticleId,
    /// The article it copies or is copied from.
    pub other: ArticleId,
    /// `near_duplicate` or `rewrite`.
    pub kind: String,
    /// Estimated Jaccard similarity of their word shingles.
    pub similarity: f32,
    /// Distinctive sentences they share.
    pub shared: u32,
}

/// An event across articles, as stored.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EventRow {
    /// `ev…` id.
    pub id: String,
    /// The most reported kind.
    pub kind: String,
    /// First day of its date window (ISO), when dated.
    pub date: Option<String>,
    /// ISO country.
    pub country: Option<String>,
    /// A place name.
    pub place: Option<String>,
    /// First day of its window (day number), for candidate lookup.
    #[serde(skip)]
    pub first_day: Option<i32>,
    /// Last day of its window.
    #[serde(skip)]
    pub last_day: Option<i32>,
    /// Event mentions it gathers.
    pub members: u32,
    /// Articles they come from.
    pub articles: u32,
    /// The linker's summary (JSON).
    #[serde(skip)]
    pub sketch: String,
    /// The resolved record in brief (JSON), once computed.
    #[serde(skip)]
    pub digest: Option<String>,
}

/// An event's resolved record in brief, for listings and filters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventDigestRow {
    /// The event.
    pub event: String,
    /// Whether some field is contested.
    pub contested: bool,
    /// The digest (JSON).
    pub digest: String,
}

/// One event mention placed in an event.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MemberRow {
    /// The event mention (`ARTICLE.N`).
    pub mention: String,
    /// The event.
    pub event: String,
    /// The mention's article.
    pub article: ArticleId,
    /// Its linking score (0 when it opened the event).
    pub score: f32,
    /// Whether it opened the event.
    pub opened: bool,
}

/// What one linking step writes, in one transaction.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LinkBatch {
    /// Articles now linked.
    pub articles: Vec<ArticleId>,
    /// Their fingerprints.
    pub fingerprints: Vec<FingerprintRow>,
    /// Copies found.
    pub copy_links: Vec<CopyLinkRow>,
    /// Events opened or changed (replaced whole).
    pub events: Vec<EventRow>,
    /// Event mentions placed.
    pub members: Vec<MemberRow>,
    /// Events found to be one incident with another: `(absorbed, into)`;
    /// applied after `members`, in order.
    pub merged: Vec<(String, String)>,
}

/// The record's storage: one implementation per backend.
pub trait Store {
    /// Writes a batch of articles, each with the sighting its `source` names,
    /// in one transaction.
    ///
    /// # Errors
    /// When the backend fails; then nothing of the batch is written.
    fn put_batch(&mut self, batch: &[Sighting]) -> Result<BatchReport, Error>;

    /// Records inputs that produced no article; idempotent by (input, code).
    ///
    /// # Errors
    /// When the backend fails.
    fn record_failures(&mut self, failures: &[InputFailure]) -> Result<(), Error>;

    /// One article with all its layers, if stored.
    ///
    /// # Errors
    /// When the backend fails or the stored record is corrupt.
    fn get_article(&self, id: ArticleId) -> Result<Option<Article>, Error>;

    /// Stored articles, newest first (undated last), then by id.
    ///
    /// # Errors
    /// When the backend fails.
    fn list_articles(&self, query: &ListQuery) -> Result<Vec<ArticleSummary>, Error>;

    /// Full-text search for plain words: every word of `query` must occur (in
    /// title or text). Search syntax in `query` is taken literally, so user
    /// input can never make it fail; best hits first.
    ///
    /// # Errors
    /// When the backend fails.
    fn search(&self, query: &str, limit: usize) -> Result<Vec<SearchHit>, Error>;

    /// Full-text search with the backend's query syntax (for SQLite, FTS5:
    /// `"exact phrase"`, `OR`, `NOT`, `prefix*`, `NEAR(a b)`); best hits first.
    ///
    /// # Errors
    /// [`Error::InvalidQuery`] when `expression` is not valid syntax; otherwise
    /// when the backend fails.
    fn search_expression(&self, expression: &str, limit: usize) -> Result<Vec<SearchHit>, Error>;

    /// Counts over the whole store.
    ///
    /// # Errors
    /// When the backend fails.
    fn stats(&self) -> Result<StoreStats, Error>;

    /// Per entity: how many articles and mentions link to it, most
    /// mentioned first; only keys starting with `prefix` (`actor:`).
    ///
    /// # Errors
    /// When the backend fails.
    fn entity_counts(&self, prefix: &str) -> Result<Vec<EntityCount>, Error>;

    /// Mentions linked to `entity`, newest article first.
    ///
    /// # Errors
    /// When the backend fails.
    fn entity_mentions(&self, entity: &str, limit: usize) -> Result<Vec<MentionHit>, Error>;

    /// Learned aliases of `entity` (all when `None`), including conflicting
    /// definitions that name it and removed ones.
    ///
    /// # Errors
    /// When the backend fails.
    fn learned_aliases(&self, entity: Option<&str>) -> Result<Vec<LearnedAliasRecord>, Error>;

    /// Marks learned alias `alias` (of `entity`, or of any entity) removed;
    /// returns how many definitions it removed.
    ///
    /// # Errors
    /// When the backend fails.
    fn remove_learned_alias(&mut self, alias: &str, entity: Option<&str>) -> Result<usize, Error>;

    /// Event mentions matching `query`, newest event date first.
    ///
    /// # Errors
    /// When the backend fails.
    fn list_events(&self, query: &EventQuery) -> Result<Vec<EventSummary>, Error>;

    /// The event mentions whose id starts with `prefix` (at most `limit`).
    ///
    /// # Errors
    /// When the backend fails or a stored record cannot be read.
    fn find_events(&self, prefix: &str, limit: usize) -> Result<Vec<StoredEvent>, Error>;

    /// Claims matching `query`, newest article first, then in text order.
    ///
    /// # Errors
    /// When the backend fails or a stored claim cannot be read.
    fn list_claims(&self, query: &ClaimQuery) -> Result<Vec<StoredClaim>, Error>;

    /// Articles not yet linked, in the linker's canonical order
    /// (publication date, undated last, then id); at most `limit`.
    ///
    /// # Errors
    /// When the backend fails.
    fn pending_links(&self, limit: usize) -> Result<Vec<ArticleId>, Error>;

    /// What the linker reads of these articles, in the order given.
    ///
    /// # Errors
    /// When the backend fails or a stored record cannot be read.
    fn link_inputs(&self, ids: &[ArticleId]) -> Result<Vec<LinkInput>, Error>;

    /// Stored fingerprints sharing an LSH band key or a distinctive
    /// sentence with the given ones, by article id.
    ///
    /// # Errors
    /// When the backend fails.
    fn copy_candidates(
        &self,
        bands: &[u64],
        sentence_hashes: &[u64],
    ) -> Result<Vec<StoredFingerprint>, Error>;

    /// Whether any copy-detection fingerprint is stored (from an earlier
    /// linking run).
    ///
    /// # Errors
    /// When the backend fails.
    fn has_fingerprints(&self) -> Result<bool, Error>;

    /// Sketches (the linker's JSON) of events whose day window meets
    /// `first..=last`, and of every event without a window.
    ///
    /// # Errors
    /// When the backend fails.
    fn event_sketches(&self, first: i32, last: i32) -> Result<Vec<String>, Error>;

    /// Writes one linking step in one transaction.
    ///
    /// # Errors
    /// When the backend fails; then nothing of the step is written.
    fn commit_links(&mut self, batch: &LinkBatch) -> Result<(), Error>;

    /// Events across articles with a member mention matching `query`,
    /// newest first.
    ///
    /// # Errors
    /// When the backend fails.
    fn list_linked_events(&self, query: &EventQuery) -> Result<Vec<EventRow>, Error>;

    /// How many events across articles are stored.
    ///
    /// # Errors
    /// When the backend fails.
    fn count_linked_events(&self) -> Result<u64, Error>;

    /// Events whose digest is missing (new or changed since), by id; at most
    /// `limit`.
    ///
    /// # Errors
    /// When the backend fails.
    fn undigested_events(&self, limit: usize) -> Result<Vec<String>, Error>;

    /// Writes event digests in one transaction; digests of events no longer
    /// stored are skipped.
    ///
    /// # Errors
    /// When the backend fails; then nothing is written.
    fn put_event_digests(&mut self, digests: &[EventDigestRow]) -> Result<(), Error>;

    /// Events across articles whose id starts with `prefix`.
    ///
    /// # Errors
    /// When the backend fails.
    fn find_linked_events(&self, prefix: &str, limit: usize) -> Result<Vec<EventRow>, Error>;

    /// The mentions an event gathers, in id order.
    ///
    /// # Errors
    /// When the backend fails.
    fn event_members(&self, event: &str) -> Result<Vec<MemberRow>, Error>;

    /// The event a mention was placed in.
    ///
    /// # Errors
    /// When the backend fails.
    fn event_of_mention(&self, mention: &str) -> Result<Option<String>, Error>;

    /// Copy links touching any of `articles`.
    ///
    /// # Errors
    /// When the backend fails.
    fn copy_links(&self, articles: &[ArticleId]) -> Result<Vec<CopyLinkRow>, Error>;

    /// Every URL (or input, when no URL) an article was seen at.
    ///
    /// # Errors
    /// When the backend fails.
    fn sightings_of(&self, article: ArticleId) -> Result<Vec<String>, Error>;
}
