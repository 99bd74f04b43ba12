//! Read connections to the store, one per blocking worker at a time.
//!
//! SQLite in WAL mode lets many readers work beside one writer, but a
//! connection serves one thread at a time; queries are blocking calls. The
//! pool hands a connection to a `spawn_blocking` task and takes it back, so
//! the async workers never wait on SQLite.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use dossier_store::SqliteStore;
use tokio::sync::Semaphore;

use crate::error::ApiError;

/// A fixed number of read connections, and one that watches for commits.
pub(crate) struct StorePool {
    path: PathBuf,
    idle: Mutex<Vec<SqliteStore>>,
    permits: Semaphore,
    watch: Mutex<SqliteStore>,
}

impl StorePool {
    /// Opens `size` connections to the store at `path`.
    pub(crate) fn open(path: &Path, size: usize) -> Result<Self, dossier_store::Error> {
        let size = size.max(1);
        let stores = (0..size)
            .map(|_| SqliteStore::open(path))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Self {
            path: path.to_owned(),
            idle: Mutex::new(stores),
            permits: Semaphore::new(size),
            watch: Mutex::new(SqliteStore::open(path)?),
        })
    }

    /// Changes whenever anything commits to the store (this server's ingest
    /// or another process): what was derived from it before may be stale.
    /// A pragma read, microseconds.
    pub(crate) fn data_version(&self) -> Result<i64, ApiError> {
        Ok(self
            .watch
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .data_version()?)
    }

    /// Runs `job` on a connection in a blocking worker.
    pub(crate) async fn run<T, F>(self: &Arc<Self>, job: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&SqliteStore) -> Result<T, ApiError> + Send + 'static,
    {
        let _permit = self
            .permits
            .acquire()
            .await
            .map_err(|_| ApiError::internal("the store pool is closed"))?;
        let pool = Arc::clone(self);
        tokio::task::spawn_blocking(move || {
            let taken = pool
                .idle
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .pop();
            // a job that panicked took its connection with it: open another
            let store = match taken {
                Some(store) => store,
                None => SqliteStore::open(&pool.path)?,
            };
            let result = job(&store);
            pool.idle
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .push(store);
            result
        })
        .await
        .map_err(|err| ApiError::internal(format!("a query failed: {err}")))?
    }
}
