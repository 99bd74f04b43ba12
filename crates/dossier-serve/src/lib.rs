//! `dossier serve`: the record over HTTP for scripts, and a web page for
//! people, from one binary and one store file.
//!
//! - `/api/…`: JSON ([`api`]): events with filters (date range, place,
//!   actor, kind, contested only), one event with its assertions and claims,
//!   actors, claims, articles, full-text search; paged, errors as
//!   `{"error": {"code", "message"}}`. `/openapi.json` documents it.
//! - `POST /api/ingest` stores and links uploaded documents, only when a
//!   token is configured; without one the server is read-only.
//! - `/`: the page ([`web`]), offline: no CDN, the map drawn from country
//!   outlines compiled into the binary. Article text is shown as text,
//!   never as HTML, and a content-security policy forbids inline script.
//!
//! ```no_run
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! use std::sync::Arc;
//! let kb = Arc::new(dossier_kb::KbBuilder::with_builtin()?.build()?);
//! let config = dossier_serve::ServerConfig::new("dossier.db".into(), kb);
//! let app = dossier_serve::App::open(config)?;
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:8080").await?;
//! dossier_serve::serve(listener, app, std::future::pending()).await?;
//! # Ok(()) }
//! ```
#![warn(missing_docs)]

pub mod api;
mod cache;
mod error;
pub mod openapi;
mod pool;
pub mod web;

use std::collections::BTreeMap;
use std::future::Future;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError};

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::middleware;
use axum::routing::{any, get, post};
use dossier_kb::Kb;
use dossier_nlp::Annotator;
use dossier_pipeline::{IngestOptions, IngestSummary, Pipeline, Runner, registry};
use dossier_store::{SqliteStore, Store};

pub use error::ApiError;
use pool::StorePool;

/// Largest upload `POST /api/ingest` accepts.
pub const MAX_UPLOAD_BYTES: usize = 64 * 1024 * 1024;

/// How to serve.
#[derive(Clone)]
pub struct ServerConfig {
    /// The store file; it must exist.
    pub db: PathBuf,
    /// The knowledge base.
    pub kb: Arc<Kb>,
    /// Bearer token that unlocks `POST /api/ingest`; `None`: read-only.
    pub token: Option<String>,
    /// Read connections (and blocking queries at a time).
    pub readers: usize,
    /// Bytes of answers kept for repeated reads (0: none); emptied whenever
    /// the store changes.
    pub cache_bytes: usize,
}

impl ServerConfig {
    /// Read-only, with a reader per core.
    #[must_use]
    pub fn new(db: PathBuf, kb: Arc<Kb>) -> Self {
        let readers = std::thread::available_parallelism().map_or(4, |n| n.get().max(2));
        Self {
            db,
            kb,
            token: None,
            readers,
            cache_bytes: 64 * 1024 * 1024,
        }
    }
}

/// Why the server cannot start.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// No store at the path.
    #[error("D801: no store at {0} (run `dossier ingest` first, or pass --db)")]
    MissingStore(PathBuf),
    /// The store cannot be opened.
    #[error(transparent)]
    Store(#[from] dossier_store::Error),
    /// The pipeline for ingest cannot be built, or digests cannot be made.
    #[error(transparent)]
    Pipeline(#[from] dossier_pipeline::PipelineError),
    /// Listening failed.
    #[error("D802: the server failed: {0}")]
    Io(#[from] std::io::Error),
}

/// What ingest over HTTP needs: the one write connection and the pipeline.
struct Writer {
    store: Mutex<SqliteStore>,
    runner: Runner,
}

/// The shared state of every request.
#[derive(Clone)]
pub struct App {
    pool: Arc<StorePool>,
    kb: Arc<Kb>,
    token: Option<Arc<str>>,
    writer: Option<Arc<Writer>>,
    /// Articles and mentions per actor key (a scan of the mention table),
    /// with the store's data version they were counted at.
    actor_counts: Arc<Mutex<Option<CountedAt>>>,
    cache: Arc<cache::ResponseCache>,
}

type ActorCounts = BTreeMap<String, (u64, u64)>;
/// Counts and the store's data version they were taken at.
type CountedAt = (i64, Arc<ActorCounts>);
type AppState = App;

impl App {
    /// Opens the store, fills any missing event digests (a store linked by an
    /// older version), and prepares the pipeline when ingest is allowed.
    ///
    /// # Errors
    /// When the store is missing or cannot be opened.
    pub fn open(config: ServerConfig) -> Result<Self, ServeError> {
        if !config.db.exists() {
            return Err(ServeError::MissingStore(config.db));
        }
        let mut store = SqliteStore::open(&config.db)?;
        dossier_pipeline::refresh_digests(&mut store, &config.kb)?;
        let writer = match &config.token {
            Some(_) => {
                let annotator = Arc::new(Annotator::new(Arc::clone(&config.kb)));
                let components = registry::components(registry::DEFAULT_COMPONENTS, &annotator)?;
                Some(Arc::new(Writer {
                    store: Mutex::new(store),
                    runner: Runner::new(Pipeline::new(components)?),
                }))
            }
            None => None,
        };
        Ok(Self {
            pool: Arc::new(StorePool::open(&config.db, config.readers)?),
            kb: config.kb,
            token: config.token.map(Arc::from),
            writer,
            actor_counts: Arc::new(Mutex::new(None)),
            cache: Arc::new(cache::ResponseCache::new(config.cache_bytes)),
        })
    }

    /// Whether `POST /api/ingest` is open (a token is configured).
    #[must_use]
    pub fn accepts_ingest(&self) -> bool {
        self.writer.is_some()
    }

    /// The routes: the API, the OpenAPI document and the page.
    pub fn router(self) -> Router {
        let reads = Router::new()
            .route("/health", get(api::health))
            .route("/stats", get(api::stats))
            .route("/events", get(api::events))
            .route("/events/{id}", get(api::event))
            .route("/actors", get(api::actors))
            .route("/actors/{id}", get(api::actor))
            .route("/claims", get(api::claims))
            .route("/articles", get(api::articles))
            .route("/articles/{id}", get(api::article))
            .route("/search", get(api::search))
            .layer(middleware::from_fn_with_state(self.clone(), cache::cached));
        let api = reads
            .route(
                "/ingest",
                post(api::ingest).layer(DefaultBodyLimit::max(MAX_UPLOAD_BYTES)),
            )
            .fallback(any(api::no_route));
        Router::new()
            .nest("/api", api)
            .route("/openapi.json", get(openapi::handler))
            .merge(web::routes())
            .with_state(self)
    }

    async fn actor_counts(&self) -> Result<Arc<ActorCounts>, ApiError> {
        let version = self.pool.data_version()?;
        if let Some((counted_at, counts)) = self
            .actor_counts
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
            && counted_at == version
        {
            return Ok(counts);
        }
        let counts: ActorCounts = self
            .pool
            .run(|store| {
                Ok(store
                    .entity_counts("actor:")?
                    .into_iter()
                    .map(|c| (c.entity, (c.articles, c.mentions)))
                    .collect())
            })
            .await?;
        let counts = Arc::new(counts);
        *self
            .actor_counts
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = Some((version, Arc::clone(&counts)));
        Ok(counts)
    }

    /// Stores and links an upload; one ingest at a time.
    async fn ingest(&self, name: String, bytes: Vec<u8>) -> Result<IngestSummary, ApiError> {
        let Some(writer) = self.writer.clone() else {
            return Err(ApiError::internal("ingest is not configured"));
        };
        let kb = Arc::clone(&self.kb);
        let summary = tokio::task::spawn_blocking(move || -> Result<IngestSummary, ApiError> {
            let mut store = writer.store.lock().unwrap_or_else(PoisonError::into_inner);
            let mut summary = dossier_pipeline::ingest_bytes(
                &name,
                bytes,
                &writer.runner,
                &mut *store,
                &IngestOptions::default(),
                &mut |_| {},
            )?;
            summary.linked = dossier_pipeline::link_pending(&mut *store, &kb, &mut |_| {})?;
            Ok(summary)
        })
        .await
        .map_err(|err| ApiError::internal(format!("ingest failed: {err}")))??;
        // the data version moved too; this only frees the memory at once
        self.cache.clear();
        Ok(summary)
    }
}

/// Serves `app` on `listener` until `shutdown` completes.
///
/// # Errors
/// When accepting connections fails.
pub async fn serve(
    listener: tokio::net::TcpListener,
    app: App,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), ServeError> {
    axum::serve(listener, app.router())
        .with_graceful_shutdown(shutdown)
        .await?;
    Ok(())
}
