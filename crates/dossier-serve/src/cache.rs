//! Answers to repeated reads, kept until the record changes.
//!
//! The record changes only through ingest, so a GET's answer stays right
//! until the next ingest, which empties the cache. Full-text ranking of a
//! common word scores every matching article (tens of milliseconds on 100,000
//! articles) and a large event's page gathers thousands of assertions: the
//! second asker should not pay again. Bounded by bytes; the oldest entries go
//! first.

use std::collections::{HashMap, VecDeque};
use std::sync::{Mutex, PoisonError};

use axum::body::{Body, Bytes, to_bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::App;

/// Largest answer kept.
const MAX_ENTRY_BYTES: usize = 16 * 1024 * 1024;

/// Cached answers by path and query.
pub(crate) struct ResponseCache {
    budget: usize,
    state: Mutex<Entries>,
}

#[derive(Default)]
struct Entries {
    /// The store's data version the entries were read at.
    version: i64,
    by_uri: HashMap<String, Bytes>,
    order: VecDeque<String>,
    bytes: usize,
}

impl ResponseCache {
    /// A cache of at most `budget` bytes; 0 keeps nothing.
    pub(crate) fn new(budget: usize) -> Self {
        Self {
            budget,
            state: Mutex::new(Entries::default()),
        }
    }

    /// The answer to `uri` read at store version `version`; a newer version
    /// empties the cache.
    fn get(&self, uri: &str, version: i64) -> Option<Bytes> {
        let mut entries = self.lock();
        if entries.version != version {
            *entries = Entries {
                version,
                ..Entries::default()
            };
            return None;
        }
        entries.by_uri.get(uri).cloned()
    }

    fn put(&self, uri: String, body: Bytes, version: i64) {
        if body.len() > MAX_ENTRY_BYTES.min(self.budget) {
            return;
        }
        let mut entries = self.lock();
        // entries of one version only; a get at another version empties
        // them, so an answer kept here under an older one is never served
        if entries.version != version {
            *entries = Entries {
                version,
                ..Entries::default()
            };
        }
        if entries.by_uri.contains_key(&uri) {
            return;
        }
        while entries.bytes + body.len() > self.budget {
            let Some(oldest) = entries.order.pop_front() else {
                break;
            };
            if let Some(evicted) = entries.by_uri.remove(&oldest) {
                entries.bytes -= evicted.len();
            }
        }
        entries.bytes += body.len();
        entries.order.push_back(uri.clone());
        entries.by_uri.insert(uri, body);
    }

    /// Forgets everything: the record changed.
    pub(crate) fn clear(&self) {
        *self.lock() = Entries::default();
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Entries> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// Middleware over the read routes of the API: answers from the cache, or
/// asks the handler and keeps a successful JSON answer.
pub(crate) async fn cached(State(app): State<App>, request: Request, next: Next) -> Response {
    let cache = &app.cache;
    if request.method() != Method::GET || cache.budget == 0 {
        return next.run(request).await;
    }
    let uri = request.uri().to_string();
    let Ok(version) = app.pool.data_version() else {
        return next.run(request).await;
    };
    if let Some(body) = cache.get(&uri, version) {
        return json_response(body, "hit");
    }
    let response = next.run(request).await;
    if response.status() != StatusCode::OK {
        return response;
    }
    let (parts, body) = response.into_parts();
    match to_bytes(body, MAX_ENTRY_BYTES).await {
        Ok(bytes) => {
            // kept under the version read before the handler ran: a commit
            // meanwhile makes it unreachable, never wrongly fresh
            cache.put(uri, bytes.clone(), version);
            let mut response = Response::from_parts(parts, Body::from(bytes));
            response
                .headers_mut()
                .insert("x-cache", HeaderValue::from_static("miss"));
            response
        }
        // too large to keep: nothing to keep, and the body is gone
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

fn json_response(body: Bytes, cache: &'static str) -> Response {
    let mut response = ([(header::CONTENT_TYPE, "application/json")], body).into_response();
    response
        .headers_mut()
        .insert("x-cache", HeaderValue::from_static(cache));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_within_its_budget_oldest_out_first() {
        let cache = ResponseCache::new(10);
        cache.put("a".into(), Bytes::from_static(b"1234"), 0);
        cache.put("b".into(), Bytes::from_static(b"1234"), 0);
        assert!(cache.get("a", 0).is_some());
        cache.put("c".into(), Bytes::from_static(b"1234"), 0);
        assert!(cache.get("a", 0).is_none());
        assert!(cache.get("b", 0).is_some() && cache.get("c", 0).is_some());
        // larger than the whole budget: not kept
        cache.put("d".into(), Bytes::from_static(b"12345678901"), 0);
        assert!(cache.get("d", 0).is_none());
        cache.clear();
        assert!(cache.get("b", 0).is_none());
    }

    #[test]
    fn a_commit_to_the_store_empties_it() {
        let cache = ResponseCache::new(100);
        cache.put("a".into(), Bytes::from_static(b"old"), 1);
        assert!(cache.get("a", 1).is_some());
        assert!(cache.get("a", 2).is_none());
        // an answer read before the commit is never served after it
        cache.put("a".into(), Bytes::from_static(b"old"), 1);
        assert!(cache.get("a", 2).is_none());
        assert!(cache.get("a", 1).is_none());
    }

    #[test]
    fn a_zero_budget_keeps_nothing() {
        let cache = ResponseCache::new(0);
        cache.put("a".into(), Bytes::from_static(b"1"), 0);
        assert!(cache.get("a", 0).is_none());
    }
}
