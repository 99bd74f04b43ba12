use std::path::{Path, PathBuf};

use dossier_model::{
    Article, ArticleId, Attribution, ByteSpan, CasualtyKind, Claim, ClaimKind, ClaimPart,
    EntityKey, EventMention, ExtractorId, Stance,
};
use rusqlite::{Connection, OptionalExtension, params};

use crate::migrations::MIGRATIONS;
use crate::{
    ArticleSummary, BatchReport, ClaimQuery, CopyLinkRow, EntityCount, Error, EventDigestRow,
    EventQuery, EventRow, EventSummary, InputFailure, LearnedAliasRecord, LinkBatch, LinkInput,
    ListQuery, MemberRow, MentionHit, SearchHit, Sighting, Store, StoreStats, StoredClaim,
    StoredEvent, StoredFingerprint, claim_id, event_id,
};

/// The embedded default store: one SQLite file.
///
/// Opened in WAL mode with `synchronous = NORMAL`: a committed batch survives
/// a killed process (the WAL is replayed on the next open); a batch in
/// progress is rolled back as a whole.
#[derive(Debug)]
pub struct SqliteStore {
    pub(crate) conn: Connection,
    pub(crate) path: PathBuf,
}

impl SqliteStore {
    /// Opens (creating and migrating if needed) the store at `path`.
    ///
    /// # Errors
    /// [`Error::Open`] when the file is not an SQLite database,
    /// [`Error::TooNew`] when a newer Dossier wrote it.
    pub fn open(path: &Path) -> Result<Self, Error> {
        let conn = Connection::open(path).map_err(|source| Error::Open {
            path: path.to_owned(),
            source,
        })?;
        Self::init(conn, path.to_owned())
    }

    /// A store in memory, for tests and one-off runs.
    ///
    /// # Errors
    /// When SQLite cannot create it.
    pub fn open_in_memory() -> Result<Self, Error> {
        let path = PathBuf::from(":memory:");
        let conn = Connection::open_in_memory().map_err(|source| Error::Open {
            path: path.clone(),
            source,
        })?;
        Self::init(conn, path)
    }

    /// The database file.
    #[must_use]
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// A number that changes whenever another connection (in this process
    /// or another) commits to the store: how a reader knows that what it
    /// derived from the store may be stale.
    ///
    /// # Errors
    /// When SQLite fails.
    pub fn data_version(&self) -> Result<i64, Error> {
        self.conn
            .pragma_query_value(None, "data_version", |row| row.get(0))
            .map_err(self.sql_err())
    }

    fn init(conn: Connection, path: PathBuf) -> Result<Self, Error> {
        let open_err = |source| Error::Open {
            path: path.clone(),
            source,
        };
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(open_err)?;
        conn.pragma_update(None, "synchronous", "NORMAL")
            .map_err(open_err)?;
        conn.pragma_update(None, "foreign_keys", "ON")
            .map_err(open_err)?;
        // 64 MiB of page cache (the default is 2 MiB): the link tables'
        // indexes are written in random key order, and a small cache turns
        // each insert into reads from disk
        conn.pragma_update(None, "cache_size", -65_536)
            .map_err(open_err)?;
        conn.busy_timeout(std::time::Duration::from_secs(10))
            .map_err(open_err)?;
        let mut store = Self { conn, path };
        store.migrate()?;
        Ok(store)
    }

    pub(crate) fn sql_err(&self) -> impl Fn(rusqlite::Error) -> Error + '_ {
        |source| Error::Sqlite {
            path: self.path.clone(),
            source,
        }
    }

    /// The schema version this build writes.
    #[must_use]
    pub fn schema_version() -> i64 {
        i64::try_from(MIGRATIONS.len()).expect("few migrations")
    }

    fn migrate(&mut self) -> Result<(), Error> {
        let version: i64 = self
            .conn
            .pragma_query_value(None, "user_version", |row| row.get(0))
            .map_err(|source| Error::Open {
                path: self.path.clone(),
                source,
            })?;
        let supported = Self::schema_version();
        if version > supported {
            return Err(Error::TooNew {
                path: self.path.clone(),
                found: version,
                supported,
            });
        }
        let path = self.path.clone();
        let err = |source| Error::Sqlite {
            path: path.clone(),
            source,
        };
        for (index, sql) in MIGRATIONS
            .iter()
            .enumerate()
            .skip(usize::try_from(version).unwrap_or(0))
        {
            let tx = self.conn.transaction().map_err(err)?;
            tx.execute_batch(sql).map_err(err)?;
            tx.pragma_update(
                None,
                "user_version",
                i64::try_from(index + 1).unwrap_or(i64::MAX),
            )
            .map_err(err)?;
            tx.commit().map_err(err)?;
        }
        Ok(())
    }

    /// Ranks on the full-text index alone (row ids and scores), then reads
    /// the page's rows and cuts their passages (see `snippet`).
    fn run_search(&self, fts: &str, limit: usize) -> rusqlite::Result<Vec<SearchHit>> {
        let ranked: Vec<(i64, f64)> = {
            let mut stmt = self.conn.prepare_cached(
                "SELECT rowid, bm25(articles_fts) FROM articles_fts
                 WHERE articles_fts MATCH ?1
                 ORDER BY bm25(articles_fts), rowid
                 LIMIT ?2",
            )?;
            let rows = stmt.query_map(
                params![fts, i64::try_from(limit).unwrap_or(i64::MAX)],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        let terms = crate::snippet::terms(fts);
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, title, outlet, text FROM articles WHERE rowid = ?1")?;
        let mut hits = Vec::with_capacity(ranked.len());
        for (rowid, score) in ranked {
            let hit = stmt.query_row(params![rowid], |row| {
                let text: String = row.get(3)?;
                Ok(SearchHit {
                    id: parse_id(&row.get::<_, String>(0)?)?,
                    title: row.get(1)?,
                    outlet: row.get(2)?,
                    snippet: crate::snippet::snippet(&text, &terms),
                    score,
                })
            })?;
            hits.push(hit);
        }
        Ok(hits)
    }

    fn decode_record(&self, id: &str, record: &str) -> Result<Article, Error> {
        serde_json::from_str(record).map_err(|err| Error::Corrupt {
            path: self.path.clone(),
            id: id.to_owned(),
            message: err.to_string(),
        })
    }
}

/// Turns user words into a safe FTS5 query: each word quoted, all required.
/// Words without a letter or digit (`—`, `(`) are dropped: they hold no token.
fn fts_query(query: &str) -> String {
    // control characters (a NUL ends SQLite's string) are no part of a word
    let query: String = query
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    query
        .split_whitespace()
        .filter(|word| word.chars().any(char::is_alphanumeric))
        .map(|word| format!("\"{}\"", word.replace('"', "\"\"")))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A non-negative count column (SQLite integers are signed).
fn count(row: &rusqlite::Row<'_>, idx: usize) -> rusqlite::Result<u64> {
    Ok(u64::try_from(row.get::<_, i64>(idx)?).unwrap_or(0))
}

fn parse_id(text: &str) -> rusqlite::Result<ArticleId> {
    text.parse().map_err(|err| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(err))
    })
}

impl Store for SqliteStore {
    fn put_batch(&mut self, batch: &[Sighting]) -> Result<BatchReport, Error> {
        let path = self.path.clone();
        let err = |source| Error::Sqlite {
            path: path.clone(),
            source,
        };
        let mut report = BatchReport::default();
        let tx = self.conn.transaction().map_err(err)?;
        {
            let mut insert_article = tx
                .prepare_cached(
                    "INSERT OR IGNORE INTO articles
                     (id, url, outlet, title, published, language, chars, text, record)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                )
                .map_err(err)?;
            let mut insert_fts = tx
                .prepare_cached("INSERT INTO articles_fts (rowid, title, text) VALUES (?1, ?2, ?3)")
                .map_err(err)?;
            let mut insert_sighting = tx
                .prepare_cached(
                    "INSERT OR IGNORE INTO sightings (article_id, input, locator, format, url)
                     VALUES (?1, ?2, ?3, ?4, ?5)",
                )
                .map_err(err)?;
            for article in batch {
                let id = article.id.to_string();
                let record = serde_json::to_string(article).map_err(|e| Error::Corrupt {
                    path: path.clone(),
                    id: id.clone(),
                    message: e.to_string(),
                })?;
                let chars = i64::try_from(article.text.chars().count()).unwrap_or(i64::MAX);
                let published = article.published.as_ref().map(|p| p.value.as_str());
                let new_article = insert_article
                    .execute(params![
                        id,
                        article.url,
                        article.outlet,
                        article.title,
                        published,
                        article.language,
                        chars,
                        article.text,
                        record
                    ])
                    .map_err(err)?
                    == 1;
                if new_article {
                    insert_fts
                        .execute(params![tx.last_insert_rowid(), article.title, article.text])
                        .map_err(err)?;
                    insert_annotations(&tx, &id, article).map_err(err)?;
                    insert_events(&tx, article).map_err(err)?;
                    insert_claims(&tx, article).map_err(err)?;
                }
                let format = serde_json::to_value(article.source.format)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned))
                    .unwrap_or_default();
                let new_sighting = insert_sighting
                    .execute(params![
                        id,
                        article.source.input,
                        article.source.locator.as_deref().unwrap_or(""),
                        format,
                        article.url
                    ])
                    .map_err(err)?
                    == 1;
                match (new_article, new_sighting) {
                    (true, _) => report.stored += 1,
                    (false, true) => report.duplicates += 1,
                    (false, false) => report.unchanged += 1,
                }
            }
        }
        tx.commit().map_err(err)?;
        Ok(report)
    }

    fn record_failures(&mut self, failures: &[InputFailure]) -> Result<(), Error> {
        if failures.is_empty() {
            return Ok(());
        }
        let path = self.path.clone();
        let err = |source| Error::Sqlite {
            path: path.clone(),
            source,
        };
        let tx = self.conn.transaction().map_err(err)?;
        {
            let mut insert = tx
                .prepare_cached(
                    "INSERT OR IGNORE INTO failures (input, code, message) VALUES (?1, ?2, ?3)",
                )
                .map_err(err)?;
            for failure in failures {
                insert
                    .execute(params![failure.input, failure.code, failure.message])
                    .map_err(err)?;
            }
        }
        tx.commit().map_err(err)
    }

    fn get_article(&self, id: ArticleId) -> Result<Option<Article>, Error> {
        let id = id.to_string();
        let record: Option<String> = self
            .conn
            .query_row("SELECT record FROM articles WHERE id = ?1", [&id], |row| {
                row.get(0)
            })
            .optional()
            .map_err(self.sql_err())?;
        record
            .map(|record| self.decode_record(&id, &record))
            .transpose()
    }

    fn list_articles(&self, query: &ListQuery) -> Result<Vec<ArticleSummary>, Error> {
        let mut filter = Filter::default();
        if let Some(outlet) = &query.outlet {
            filter.push("a.outlet = ?", &[outlet]);
        }
        if let Some(language) = &query.language {
            filter.push("a.language = ?", &[language]);
        }
        if let Some(since) = &query.since {
            filter.push("a.published >= ?", &[since]);
        }
        if let Some(until) = &query.until {
            filter.push("a.published < ?", &[until]);
        }
        let clause = filter.where_clause();
        let values = filter.with_page(query.limit, query.offset);
        let mut stmt = self
            .conn
            .prepare_cached(&format!(
                "SELECT a.id, a.title, a.outlet, a.published, a.language, a.url, a.chars,
                        (SELECT count(*) FROM sightings s WHERE s.article_id = a.id)
                 FROM articles a
                 {clause}
                 ORDER BY a.published IS NULL, a.published DESC, a.id
                 LIMIT ? OFFSET ?"
            ))
            .map_err(self.sql_err())?;
        let rows = stmt
            .query_map(
                rusqlite::params_from_iter(values.iter().map(|v| &**v)),
                |row| {
                    Ok(ArticleSummary {
                        id: parse_id(&row.get::<_, String>(0)?)?,
                        title: row.get(1)?,
                        outlet: row.get(2)?,
                        published: row.get(3)?,
                        language: row.get(4)?,
                        url: row.get(5)?,
                        chars: count(row, 6)?,
                        sightings: count(row, 7)?,
                    })
                },
            )
            .map_err(self.sql_err())?;
        rows.collect::<Result<_, _>>().map_err(self.sql_err())
    }

    fn search(&self, query: &str, limit: usize) -> Result<Vec<SearchHit>, Error> {
        let fts = fts_query(query);
        if fts.is_empty() {
            return Ok(Vec::new());
        }
        self.run_search(&fts, limit).map_err(self.sql_err())
    }

    fn search_expression(&self, expression: &str, limit: usize) -> Result<Vec<SearchHit>, Error> {
        if expression.trim().is_empty() {
            return Ok(Vec::new());
        }
        self.run_search(expression, limit)
            .map_err(|source| match source {
                // The statement is fixed, so a generic SQL error here is the
                // expression's fault: `fts5: syntax error near …`, `no such column`.
                rusqlite::Error::SqliteFailure(ref failure, ref message)
                    if failure.code == rusqlite::ErrorCode::Unknown =>
                {
                    Error::InvalidQuery {
                        path: self.path.clone(),
                        expression: expression.to_owned(),
                        message: message.clone().unwrap_or_else(|| source.to_string()),
                    }
                }
                source => Error::Sqlite {
                    path: self.path.clone(),
                    source,
                },
            })
    }

    fn stats(&self) -> Result<StoreStats, Error> {
        self.conn
            .query_row(
                "SELECT (SELECT count(*) FROM articles),
                        (SELECT count(*) FROM sightings),
                        (SELECT count(DISTINCT outlet) FROM articles),
                        (SELECT count(*) FROM failures)",
                [],
                |row| {
                    let articles = count(row, 0)?;
                    let sightings = count(row, 1)?;
                    Ok(StoreStats {
                        articles,
                        sightings,
                        duplicates: sightings.saturating_sub(articles),
                        outlets: count(row, 2)?,
                        failures: count(row, 3)?,
                    })
                },
            )
            .map_err(self.sql_err())
    }

    fn entity_counts(&self, prefix: &str) -> Result<Vec<EntityCount>, Error> {
        let pattern = format!("{}%", prefix.replace('%', ""));
        let run = || -> rusqlite::Result<Vec<EntityCount>> {
            let mut stmt = self.conn.prepare_cached(
                "SELECT entity, count(DISTINCT article_id), count(*) FROM mentions
                 WHERE entity LIKE ?1 GROUP BY entity
                 ORDER BY count(DISTINCT article_id) DESC, count(*) DESC, entity",
            )?;
            let rows = stmt.query_map([pattern.as_str()], |row| {
                Ok(EntityCount {
                    entity: row.get(0)?,
                    articles: count(row, 1)?,
                    mentions: count(row, 2)?,
                })
            })?;
            rows.collect()
        };
        run().map_err(self.sql_err())
    }

    fn entity_mentions(&self, entity: &str, limit: usize) -> Result<Vec<MentionHit>, Error> {
        let run = || -> rusqlite::Result<Vec<MentionHit>> {
            let mut stmt = self.conn.prepare_cached(
                "SELECT m.article_id, a.title, a.outlet, a.published, m.start, m.end,
                        substr(CAST(a.text AS BLOB), m.start + 1, m.end - m.start),
                        substr(CAST(a.text AS BLOB), m.sentence_start + 1, m.sentence_end - m.sentence_start),
                        m.rule, m.confidence
                 FROM mentions m JOIN articles a ON a.id = m.article_id
                 WHERE m.entity = ?1
                 ORDER BY a.published DESC, m.article_id, m.start
                 LIMIT ?2",
            )?;
            let limit = i64::try_from(limit).unwrap_or(i64::MAX);
            let rows = stmt.query_map(params![entity, limit], |row| {
                let bytes = |i: usize| -> rusqlite::Result<String> {
                    let raw: Vec<u8> = row.get(i)?;
                    Ok(String::from_utf8_lossy(&raw).into_owned())
                };
                Ok(MentionHit {
                    article: parse_id(&row.get::<_, String>(0)?)?,
                    title: row.get(1)?,
                    outlet: row.get(2)?,
                    published: row.get(3)?,
                    span: ByteSpan::new(row.get(4)?, row.get(5)?),
                    text: bytes(6)?,
                    sentence: bytes(7)?,
                    rule: row.get(8)?,
                    confidence: row.get(9)?,
                })
            })?;
            rows.collect()
        };
        run().map_err(self.sql_err())
    }

    fn learned_aliases(&self, entity: Option<&str>) -> Result<Vec<LearnedAliasRecord>, Error> {
        let run = || -> rusqlite::Result<Vec<LearnedAliasRecord>> {
            let mut stmt = self.conn.prepare_cached(
                "SELECT l.article_id, l.alias, l.start, l.end, l.entity, l.conflict, l.pattern,
                        substr(CAST(a.text AS BLOB), l.sentence_start + 1, l.sentence_end - l.sentence_start),
                        l.confidence, l.removed
                 FROM learned_aliases l JOIN articles a ON a.id = l.article_id
                 WHERE ?1 IS NULL OR l.entity = ?1 OR instr(l.conflict, ?1) > 0
                 ORDER BY l.alias, l.article_id, l.start",
            )?;
            let rows = stmt.query_map(params![entity], |row| {
                let conflict: String = row.get(5)?;
                let sentence: Vec<u8> = row.get(7)?;
                Ok(LearnedAliasRecord {
                    article: parse_id(&row.get::<_, String>(0)?)?,
                    alias: row.get(1)?,
                    span: ByteSpan::new(row.get(2)?, row.get(3)?),
                    entity: row.get(4)?,
                    conflict: conflict
                        .split(' ')
                        .filter(|s| !s.is_empty())
                        .map(str::to_owned)
                        .collect(),
                    pattern: row.get(6)?,
                    sentence: String::from_utf8_lossy(&sentence).into_owned(),
                    confidence: row.get(8)?,
                    removed: row.get::<_, i64>(9)? != 0,
                })
            })?;
            rows.collect()
        };
        run().map_err(self.sql_err())
    }

    fn remove_learned_alias(&mut self, alias: &str, entity: Option<&str>) -> Result<usize, Error> {
        self.conn
            .execute(
                "UPDATE learned_aliases SET removed = 1
                 WHERE alias = ?1 AND (?2 IS NULL OR entity = ?2) AND removed = 0",
                params![alias, entity],
            )
            .map_err(self.sql_err())
    }

    fn list_events(&self, query: &EventQuery) -> Result<Vec<EventSummary>, Error> {
        let filter = event_mention_filter(query);
        let clause = filter.where_clause();
        let values = filter.with_page(query.limit, query.offset);
        let run = || -> rusqlite::Result<Vec<EventSummary>> {
            let mut stmt = self.conn.prepare_cached(&format!(
                "SELECT {EVENT_COLUMNS} FROM event_mentions e JOIN articles a ON a.id = e.article_id
                 {clause}
                 ORDER BY e.date IS NULL, e.date DESC, a.published DESC, e.id
                 LIMIT ? OFFSET ?"
            ))?;
            let rows = stmt.query_map(
                rusqlite::params_from_iter(values.iter().map(|v| &**v)),
                event_summary,
            )?;
            rows.collect()
        };
        run().map_err(self.sql_err())
    }

    fn find_events(&self, prefix: &str, limit: usize) -> Result<Vec<StoredEvent>, Error> {
        let run = || -> rusqlite::Result<Vec<(EventSummary, String, String)>> {
            let mut stmt = self.conn.prepare_cached(&format!(
                "SELECT {EVENT_COLUMNS}, e.record, a.text
                 FROM event_mentions e JOIN articles a ON a.id = e.article_id
                 WHERE e.id >= ?1 AND e.id < ?1 || X'FF'
                 ORDER BY e.id LIMIT ?2"
            ))?;
            let limit = i64::try_from(limit).unwrap_or(i64::MAX);
            let rows = stmt.query_map(params![prefix, limit], |row| {
                Ok((event_summary(row)?, row.get(14)?, row.get(15)?))
            })?;
            rows.collect()
        };
        run()
            .map_err(self.sql_err())?
            .into_iter()
            .map(|(summary, record, text)| {
                let record: EventMention =
                    serde_json::from_str(&record).map_err(|e| Error::Corrupt {
                        path: self.path.clone(),
                        id: summary.id.clone(),
                        message: e.to_string(),
                    })?;
                Ok(StoredEvent {
                    summary,
                    record,
                    text,
                })
            })
            .collect()
    }

    fn list_claims(&self, query: &ClaimQuery) -> Result<Vec<StoredClaim>, Error> {
        let mut filter = Filter::default();
        if let Some(event) = &query.event {
            filter.push("c.event_id = ?", &[event]);
        }
        if let Some(actor) = &query.actor {
            filter.push(
                "(c.speaker_entity = ? OR c.about_entity = ?)",
                &[actor, actor],
            );
        }
        if let Some(speaker) = &query.speaker {
            filter.push(
                "instr(c.speaker_folded, ?) > 0",
                &[speaker.to_lowercase().as_str()],
            );
        }
        if let Some(kind) = query.kind {
            filter.push("c.kind = ?", &[kind.name()]);
        }
        // unfiltered, walk articles newest first (their index) and each
        // one's claims; filtered, start from the claims' indexes
        let join = if filter.is_empty() {
            "articles a CROSS JOIN claims c ON c.article_id = a.id"
        } else {
            "claims c JOIN articles a ON a.id = c.article_id"
        };
        let clause = filter.where_clause();
        let values = filter.with_page(query.limit, query.offset);
        let run = || -> rusqlite::Result<Vec<Result<StoredClaim, (String, String)>>> {
            let mut stmt = self.conn.prepare_cached(&format!(
                "SELECT {CLAIM_COLUMNS} FROM {join}
                 {clause}
                 ORDER BY a.published IS NULL, a.published DESC, a.id, c.ordinal
                 LIMIT ? OFFSET ?"
            ))?;
            let rows = stmt.query_map(
                rusqlite::params_from_iter(values.iter().map(|v| &**v)),
                stored_claim,
            )?;
            rows.collect()
        };
        run()
            .map_err(self.sql_err())?
            .into_iter()
            .map(|claim| {
                claim.map_err(|(id, message)| Error::Corrupt {
                    path: self.path.clone(),
                    id,
                    message,
                })
            })
            .collect()
    }

    fn pending_links(&self, limit: usize) -> Result<Vec<ArticleId>, Error> {
        crate::links::pending_links(self, limit)
    }

    fn link_inputs(&self, ids: &[ArticleId]) -> Result<Vec<LinkInput>, Error> {
        crate::links::link_inputs(self, ids)
    }

    fn copy_candidates(
        &self,
        bands: &[u64],
        sentence_hashes: &[u64],
    ) -> Result<Vec<StoredFingerprint>, Error> {
        crate::links::copy_candidates(self, bands, sentence_hashes)
    }

    fn has_fingerprints(&self) -> Result<bool, Error> {
        crate::links::has_fingerprints(self)
    }

    fn event_sketches(&self, first: i32, last: i32) -> Result<Vec<String>, Error> {
        crate::links::event_sketches(self, first, last)
    }

    fn commit_links(&mut self, batch: &LinkBatch) -> Result<(), Error> {
        crate::links::commit_links(self, batch)
    }

    fn list_linked_events(&self, query: &EventQuery) -> Result<Vec<EventRow>, Error> {
        crate::links::list_linked_events(self, query)
    }

    fn count_linked_events(&self) -> Result<u64, Error> {
        self.conn
            .query_row("SELECT count(*) FROM events", [], |row| {
                row.get::<_, i64>(0)
            })
            .map(|n| u64::try_from(n).unwrap_or(0))
            .map_err(self.sql_err())
    }

    fn undigested_events(&self, limit: usize) -> Result<Vec<String>, Error> {
        crate::links::undigested_events(self, limit)
    }

    fn put_event_digests(&mut self, digests: &[EventDigestRow]) -> Result<(), Error> {
        crate::links::put_event_digests(self, digests)
    }

    fn find_linked_events(&self, prefix: &str, limit: usize) -> Result<Vec<EventRow>, Error> {
        crate::links::find_linked_events(self, prefix, limit)
    }

    fn event_members(&self, event: &str) -> Result<Vec<MemberRow>, Error> {
        crate::links::event_members(self, event)
    }

    fn event_of_mention(&self, mention: &str) -> Result<Option<String>, Error> {
        crate::links::event_of_mention(self, mention)
    }

    fn copy_links(&self, articles: &[ArticleId]) -> Result<Vec<CopyLinkRow>, Error> {
        crate::links::copy_links(self, articles)
    }

    fn sightings_of(&self, article: ArticleId) -> Result<Vec<String>, Error> {
        crate::links::sightings_of(self, article)
    }
}

/// The conditions of a listing that are set, with their values in order.
/// Only the filters given go into the statement: `?1 IS NULL OR …` would
/// keep SQLite from its indexes and scan the table.
#[derive(Default)]
pub(crate) struct Filter {
    conditions: Vec<String>,
    values: Vec<Box<dyn rusqlite::ToSql>>,
}

impl Filter {
    /// Adds `condition`, whose `?`s take `values` in order.
    pub(crate) fn push(&mut self, condition: impl Into<String>, values: &[&str]) {
        self.conditions.push(condition.into());
        for value in values {
            self.values.push(Box::new((*value).to_owned()));
        }
    }

    /// Whether no condition is set.
    pub(crate) fn is_empty(&self) -> bool {
        self.conditions.is_empty()
    }

    /// The conditions joined by AND (empty when none).
    pub(crate) fn conditions(&self) -> String {
        self.conditions.join(" AND ")
    }

    /// `WHERE …`, or nothing.
    pub(crate) fn where_clause(&self) -> String {
        if self.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", self.conditions())
        }
    }

    /// The values, then `limit` and `offset` for a trailing `LIMIT ? OFFSET ?`.
    pub(crate) fn with_page(
        mut self,
        limit: usize,
        offset: usize,
    ) -> Vec<Box<dyn rusqlite::ToSql>> {
        self.values
            .push(Box::new(i64::try_from(limit).unwrap_or(i64::MAX)));
        self.values
            .push(Box::new(i64::try_from(offset).unwrap_or(i64::MAX)));
        self.values
    }

    /// Adds a condition that holds `inner` (a subquery's WHERE): `wrap`
    /// gets `inner`'s conditions, and `inner`'s values follow in order.
    pub(crate) fn push_nested(&mut self, inner: Filter, wrap: impl FnOnce(&str) -> String) {
        self.conditions.push(wrap(&inner.conditions()));
        self.values.extend(inner.values);
    }
}

/// SQL conditions on an event mention `e` for the [`EventQuery`] filters
/// that are set; shared by the mention listing and the listing of events
/// across articles.
pub(crate) fn event_mention_filter(query: &EventQuery) -> Filter {
    let mut filter = Filter::default();
    if let Some(since) = &query.since {
        filter.push("e.date >= ?", &[since]);
    }
    if let Some(until) = &query.until {
        // a day, month or year prefix: "2024-03" takes the whole month
        filter.push(
            "(e.date <= ? OR substr(e.date, 1, length(?)) = ?)",
            &[until, until, until],
        );
    }
    if let Some(country) = &query.country {
        filter.push("e.country = ?", &[country]);
    }
    if let Some(place) = &query.place {
        filter.push("e.place_name LIKE '%' || ? || '%'", &[place]);
    }
    if let Some(actor) = &query.actor {
        filter.push(
            "e.id IN (SELECT r.event_id FROM event_roles r WHERE r.entity = ?)",
            &[actor],
        );
    }
    if let Some(kind) = &query.kind {
        filter.push("e.kind = ?", &[kind]);
    }
    if let Some(status) = &query.status {
        filter.push("e.status = ?", &[status]);
    }
    filter
}

const EVENT_COLUMNS: &str = "e.id, e.article_id, a.title, a.outlet, a.published, e.kind, e.status,
     e.date, e.date_precision, e.place_name, e.country, e.killed, e.wounded, e.ordinal";

fn event_summary(row: &rusqlite::Row<'_>) -> rusqlite::Result<EventSummary> {
    let figure = |i: usize| -> rusqlite::Result<Option<u64>> {
        Ok(row
            .get::<_, Option<i64>>(i)?
            .and_then(|v| u64::try_from(v).ok()))
    };
    Ok(EventSummary {
        id: row.get(0)?,
        article: parse_id(&row.get::<_, String>(1)?)?,
        title: row.get(2)?,
        outlet: row.get(3)?,
        published: row.get(4)?,
        kind: row.get(5)?,
        status: row.get(6)?,
        date: row.get(7)?,
        date_precision: row.get(8)?,
        place: row.get(9)?,
        country: row.get(10)?,
        killed: figure(11)?,
        wounded: figure(12)?,
    })
}

/// The least the latest figure of `kind` allows ("at least 133" → 133,
/// "dozens" → 24): latest by as-of date, then the largest of one date (a
/// total over a partial count), then by place in the text; an
/// undated earlier figure ("up from 137") comes before every dated one.
fn latest_figure(event: &EventMention, kind: CasualtyKind) -> Option<i64> {
    event
        .casualties
        .iter()
        .enumerate()
        .filter(|(_, c)| c.kind == kind)
        .max_by_key(|(index, c)| (c.as_of.clone(), c.value.or(c.low), *index))
        .and_then(|(_, c)| c.value.or(c.low))
        .and_then(|v| i64::try_from(v).ok())
}

fn snake(value: impl serde::Serialize) -> Option<String> {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
}

const CLAIM_COLUMNS: &str = "c.article_id, c.ordinal, a.title, a.outlet, a.published, a.text,
     c.kind, c.stance, c.speaker_start, c.speaker_end, c.speaker, c.speaker_entity,
     c.about_start, c.about_end, c.about, c.about_entity, c.event_index, c.event_id,
     c.hedges, c.channel, c.framing, c.cue, c.source_start, c.source_end, c.content,
     c.sentence_start, c.sentence_end, c.confidence, c.extractor, c.extractor_version";

/// A claim row: `Err((claim id, what is wrong))` when a stored value cannot
/// be read back, so the caller can name the claim; SQL errors stay SQL
/// errors.
fn stored_claim(
    row: &rusqlite::Row<'_>,
) -> rusqlite::Result<Result<StoredClaim, (String, String)>> {
    let article = parse_id(&row.get::<_, String>(0)?)?;
    let ordinal: i64 = row.get(1)?;
    let id = claim_id(article, usize::try_from(ordinal).unwrap_or(usize::MAX));
    let part = |start: usize| -> rusqlite::Result<Option<ClaimPart>> {
        let span: (Option<u32>, Option<u32>) = (row.get(start)?, row.get(start + 1)?);
        let text: Option<String> = row.get(start + 2)?;
        let entity: Option<String> = row.get(start + 3)?;
        Ok(match (span, text) {
            ((Some(s), Some(e)), Some(text)) if s <= e => Some(ClaimPart {
                span: ByteSpan::new(s, e),
                text,
                entity: entity.as_deref().and_then(EntityKey::parse),
            }),
            _ => None,
        })
    };
    let span = |start: usize| -> rusqlite::Result<Option<ByteSpan>> {
        let (s, e): (Option<u32>, Option<u32>) = (row.get(start)?, row.get(start + 1)?);
        Ok(match (s, e) {
            (Some(s), Some(e)) if s <= e => Some(ByteSpan::new(s, e)),
            _ => None,
        })
    };
    let speaker = part(8)?;
    let about = part(12)?;
    let event_index: Option<u32> = row.get(16)?;
    let event: Option<String> = row.get(17)?;
    let source = span(22)?;
    let sentence = span(25)?;
    let kind: String = row.get(6)?;
    let stance: String = row.get(7)?;
    let hedges: String = row.get(18)?;
    let channel: Option<String> = row.get(19)?;
    let framing: Option<String> = row.get(20)?;
    let cue: String = row.get(21)?;
    let content: String = row.get(24)?;
    let confidence: f64 = row.get(27)?;
    let extractor: String = row.get(28)?;
    let version: u32 = row.get(29)?;
    let decode = || -> Result<Claim, String> {
        fn json<T: serde::de::DeserializeOwned>(column: &str, value: &str) -> Result<T, String> {
            serde_json::from_str(value).map_err(|e| format!("claim column {column}: {e}"))
        }
        Ok(Claim {
            kind: ClaimKind::from_name(&kind).ok_or(format!("unknown claim kind {kind:?}"))?,
            attribution: Attribution {
                cue: json("cue", &cue)?,
                source,
                content: json("content", &content)?,
            },
            sentence: sentence.ok_or("claim without a sentence span")?,
            speaker,
            about,
            event: event_index,
            stance: Stance::from_name(&stance).ok_or(format!("unknown stance {stance:?}"))?,
            hedges: json("hedges", &hedges)?,
            channel: channel.as_deref().map(|c| json("channel", c)).transpose()?,
            framing: framing.as_deref().map(|f| json("framing", f)).transpose()?,
            // Stored from an f32, so the narrowing gives the value back.
            confidence: confidence as f32,
            extractor: ExtractorId::new(&extractor, version),
        })
    };
    let claim = match decode() {
        Ok(claim) => claim,
        Err(message) => return Ok(Err((id, message))),
    };
    Ok(Ok(StoredClaim {
        id,
        article,
        title: row.get(2)?,
        outlet: row.get(3)?,
        published: row.get(4)?,
        event,
        claim,
        text: row.get(5)?,
    }))
}

fn to_json(value: &impl serde::Serialize) -> rusqlite::Result<String> {
    serde_json::to_string(value).map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))
}

/// Writes an article's claims, one row each; the event a claim points at is
/// stored by its id too.
fn insert_claims(tx: &rusqlite::Transaction<'_>, article: &Article) -> rusqlite::Result<()> {
    let Some(claims) = &article.layers.claims else {
        return Ok(());
    };
    let mut insert = tx.prepare_cached(
        "INSERT OR REPLACE INTO claims
         (article_id, ordinal, kind, stance, speaker_start, speaker_end, speaker, speaker_folded,
          speaker_entity, about_start, about_end, about, about_entity, event_index, event_id,
          hedges, channel, framing, cue, source_start, source_end, content,
          sentence_start, sentence_end, confidence, extractor, extractor_version)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
                 ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27)",
    )?;
    for (ordinal, claim) in claims.iter().enumerate() {
        let speaker = claim.speaker.as_ref();
        let about = claim.about.as_ref();
        let source = claim.attribution.source;
        insert.execute(params![
            article.id.to_string(),
            i64::try_from(ordinal).unwrap_or(i64::MAX),
            claim.kind.name(),
            claim.stance.name(),
            speaker.map(|p| p.span.start()),
            speaker.map(|p| p.span.end()),
            speaker.map(|p| p.text.as_str()),
            speaker.map(|p| p.text.to_lowercase()),
            speaker.and_then(|p| p.entity.as_ref().map(EntityKey::as_str)),
            about.map(|p| p.span.start()),
            about.map(|p| p.span.end()),
            about.map(|p| p.text.as_str()),
            about.and_then(|p| p.entity.as_ref().map(EntityKey::as_str)),
            claim.event,
            claim.event.map(|e| event_id(article.id, e as usize)),
            to_json(&claim.hedges)?,
            claim.channel.as_ref().map(to_json).transpose()?,
            claim.framing.as_ref().map(to_json).transpose()?,
            to_json(&claim.attribution.cue)?,
            source.map(|s| s.start()),
            source.map(|s| s.end()),
            to_json(&claim.attribution.content)?,
            claim.sentence.start(),
            claim.sentence.end(),
            f64::from(claim.confidence),
            claim.extractor.name,
            claim.extractor.version,
        ])?;
    }
    Ok(())
}

/// Writes an article's event mentions and their role entities.
fn insert_events(tx: &rusqlite::Transaction<'_>, article: &Article) -> rusqlite::Result<()> {
    let Some(events) = &article.layers.events else {
        return Ok(());
    };
    let mut insert = tx.prepare_cached(
        "INSERT OR REPLACE INTO event_mentions
         (id, article_id, ordinal, kind, status, date, date_precision, place, place_name, country,
          killed, wounded, record)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?;
    let mut insert_role = tx.prepare_cached(
        "INSERT OR IGNORE INTO event_roles (event_id, role, entity) VALUES (?1, ?2, ?3)",
    )?;
    for (ordinal, event) in events.iter().enumerate() {
        let id = event_id(article.id, ordinal);
        let record = serde_json::to_string(event)
            .map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?;
        let time = event.time.as_ref();
        let place = event.place.as_ref();
        insert.execute(params![
            id,
            article.id.to_string(),
            i64::try_from(ordinal).unwrap_or(i64::MAX),
            event.event_type.kind,
            event.status.name(),
            time.and_then(|t| t.date.clone()),
            time.and_then(|t| snake(t.precision)),
            place.and_then(|p| p.entity.as_ref().map(|e| e.as_str().to_owned())),
            place.map(|p| p.name.clone()),
            place.and_then(|p| p.country.clone()),
            latest_figure(event, CasualtyKind::Killed),
            latest_figure(event, CasualtyKind::Wounded),
            record,
        ])?;
        for filler in &event.roles {
            if let Some(entity) = &filler.entity {
                insert_role.execute(params![id, filler.role.name(), entity.as_str()])?;
            }
        }
    }
    Ok(())
}

/// Writes an article's linked mentions and learned aliases.
fn insert_annotations(
    tx: &rusqlite::Transaction<'_>,
    id: &str,
    article: &Article,
) -> rusqlite::Result<()> {
    if let Some(mentions) = &article.layers.mentions {
        let mut insert = tx.prepare_cached(
            "INSERT OR IGNORE INTO mentions
             (article_id, start, end, entity, kind, rule, confidence, sentence_start, sentence_end)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )?;
        for mention in mentions {
            let Some(entity) = &mention.entity else {
                continue;
            };
            let kind = serde_json::to_value(mention.kind)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default();
            insert.execute(params![
                id,
                mention.span.start(),
                mention.span.end(),
                entity.as_str(),
                kind,
                mention.rule,
                f64::from(mention.confidence),
                mention.sentence.start(),
                mention.sentence.end(),
            ])?;
        }
    }
    if let Some(aliases) = &article.layers.aliases {
        let mut insert = tx.prepare_cached(
            "INSERT OR IGNORE INTO learned_aliases
             (article_id, start, end, alias, entity, conflict, pattern, confidence, sentence_start, sentence_end)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        )?;
        for alias in aliases {
            let pattern = serde_json::to_value(alias.pattern)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default();
            let conflict: Vec<&str> = alias.conflict.iter().map(|e| e.as_str()).collect();
            insert.execute(params![
                id,
                alias.span.start(),
                alias.span.end(),
                alias.alias,
                alias.entity.as_ref().map(|e| e.as_str()),
                conflict.join(" "),
                pattern,
                f64::from(alias.confidence),
                alias.sentence.start(),
                alias.sentence.end(),
            ])?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ClaimQuery, claim_id};
    use dossier_model::{
        Casualties, EventPlace, EventRole, EventStatus, EventTime, EventType, PlacePrecision,
        RoleFiller, Sentence, Source, SourceFormat, TimePrecision,
    };

    fn article(input: &str, text: &str) -> Article {
        Article::from_plain_text(Source::new(input, SourceFormat::Text), text.to_owned())
    }

    fn event(
        kind: &str,
        status: EventStatus,
        date: Option<&str>,
        place: &str,
        country: &str,
    ) -> EventMention {
        EventMention {
            trigger: ByteSpan::new(0, 7),
            sentence: ByteSpan::new(0, 40),
            more_triggers: Vec::new(),
            event_type: EventType {
                kind: kind.to_owned(),
                gtd_attack_type: 2,
                acled_event_type: "Violence against civilians".to_owned(),
                acled_sub_event_type: "Attack".to_owned(),
            },
            status,
            time: date.map(|d| EventTime {
                span: ByteSpan::new(30, 36),
                sentence: ByteSpan::new(0, 40),
                date: Some(d.to_owned()),
                precision: TimePrecision::Day,
                relative: true,
            }),
            place: Some(EventPlace {
                span: ByteSpan::new(10, 16),
                sentence: ByteSpan::new(0, 40),
                entity: Some(EntityKey::city(524_901)),
                name: place.to_owned(),
                country: Some(country.to_owned()),
                venue: None,
                precision: PlacePrecision::City,
                vicinity: false,
            }),
            casualties: vec![Casualties {
                kind: CasualtyKind::Killed,
                span: ByteSpan::new(0, 3),
                sentence: ByteSpan::new(0, 40),
                value: Some(133),
                low: Some(133),
                high: None,
                qualifier: "at_least".to_owned(),
                who: None,
                as_of: Some("2024-03-24".to_owned()),
            }],
            roles: vec![RoleFiller {
                role: EventRole::PerpetratorOrganisation,
                span: ByteSpan::new(17, 21),
                sentence: ByteSpan::new(0, 40),
                entity: Some(EntityKey::actor("islamic-state-khorasan")),
                text: "IS-K".to_owned(),
                group: 17,
                gtd_type: None,
                gtd_subtype: None,
                rule: "test".to_owned(),
                confidence: 0.7,
            }],
            suicide: false,
            confidence: 0.6,
            extractor: dossier_model::ExtractorId::new("events", 1),
        }
    }

    #[test]
    fn event_mentions_are_stored_filtered_and_found_by_prefix() {
        let mut store = SqliteStore::open_in_memory().unwrap();
        let mut report = article("a.txt", "Gunmen in Moscow: IS-K attacked on Friday.");
        report.layers.events = Some(vec![
            event(
                "shooting",
                EventStatus::Main,
                Some("2024-03-22"),
                "Moscow",
                "RU",
            ),
            event(
                "bombing",
                EventStatus::Background,
                Some("2021-08-26"),
                "Kabul",
                "AF",
            ),
        ]);
        store.put_batch(&[report.clone()]).unwrap();
        // Idempotent: the same article again adds nothing.
        store.put_batch(&[report.clone()]).unwrap();
        let all = store.list_events(&EventQuery::default()).unwrap();
        assert_eq!(all.len(), 2);
        assert_eq!(all[0].date.as_deref(), Some("2024-03-22"), "newest first");
        assert_eq!(all[0].killed, Some(133));
        let query = |q: EventQuery| store.list_events(&q).unwrap().len();
        assert_eq!(
            query(EventQuery {
                country: Some("AF".into()),
                ..EventQuery::default()
            }),
            1
        );
        assert_eq!(
            query(EventQuery {
                place: Some("mosc".into()),
                ..EventQuery::default()
            }),
            1
        );
        assert_eq!(
            query(EventQuery {
                since: Some("2024-01-01".into()),
                ..EventQuery::default()
            }),
            1
        );
        assert_eq!(
            query(EventQuery {
                until: Some("2021".into()),
                ..EventQuery::default()
            }),
            1
        );
        assert_eq!(
            query(EventQuery {
                until: Some("2024-03".into()),
                ..EventQuery::default()
            }),
            2
        );
        assert_eq!(
            query(EventQuery {
                kind: Some("bombing".into()),
                ..EventQuery::default()
            }),
            1
        );
        assert_eq!(
            query(EventQuery {
                status: Some("main".into()),
                ..EventQuery::default()
            }),
            1
        );
        let actor = Some("actor:islamic-state-khorasan".to_owned());
        assert_eq!(
            query(EventQuery {
                actor,
                ..EventQuery::default()
            }),
            2
        );
        assert_eq!(
            query(EventQuery {
                actor: Some("actor:taliban".into()),
                ..EventQuery::default()
            }),
            0
        );

        let id = event_id(report.id, 1);
        let found = store.find_events(&id, 5).unwrap();
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].record, report.layers.events.as_ref().unwrap()[1]);
        assert_eq!(found[0].text, report.text);
        let prefix = &report.id.to_string()[..6];
        assert_eq!(store.find_events(prefix, 5).unwrap().len(), 2);
        assert!(
            store.find_events("ffffffffffff", 5).unwrap().is_empty()
                || prefix.starts_with("ffffff")
        );
    }

    /// `needle`'s bytes in `text`.
    fn span_of(text: &str, needle: &str) -> ByteSpan {
        let start = text.find(needle).expect("needle in text");
        ByteSpan::from_range(start..start + needle.len())
    }

    fn part(text: &str, needle: &str, entity: Option<&str>) -> ClaimPart {
        ClaimPart {
            span: span_of(text, needle),
            text: needle.to_owned(),
            entity: entity.map(EntityKey::actor),
        }
    }

    const CLAIMS_TEXT: &str = "Kyiv denied any involvement. The Islamic State claimed \
        responsibility through its Amaq news agency, but with no evidence.";

    /// An article with two claims (a denial, a hedged responsibility claim
    /// with a channel and framing) and one event for them to point at.
    fn claims_article() -> Article {
        let text = CLAIMS_TEXT;
        let mut a = article("claims.txt", text);
        a.published = Some(dossier_model::PublishedDate {
            value: "2024-03-23".into(),
            precision: dossier_model::DatePrecision::Day,
        });
        let first = span_of(text, "Kyiv denied any involvement.");
        let second = ByteSpan::from_range(first.end() as usize + 1..text.len());
        a.layers.events = Some(vec![event(
            "shooting",
            EventStatus::Main,
            Some("2024-03-22"),
            "Moscow",
            "RU",
        )]);
        a.layers.claims = Some(vec![
            Claim {
                kind: ClaimKind::Denial,
                attribution: Attribution {
                    cue: vec![span_of(text, "denied")],
                    source: Some(span_of(text, "Kyiv")),
                    content: vec![span_of(text, "any involvement")],
                },
                sentence: first,
                speaker: Some(part(text, "Kyiv", Some("ukraine"))),
                about: Some(part(text, "Kyiv", Some("ukraine"))),
                event: Some(0),
                stance: Stance::Denies,
                hedges: Vec::new(),
                channel: None,
                framing: None,
                confidence: 0.85,
                extractor: ExtractorId::new("claims", 1),
            },
            Claim {
                kind: ClaimKind::Responsibility,
                attribution: Attribution {
                    cue: vec![span_of(text, "claimed"), span_of(text, "through")],
                    source: Some(span_of(text, "The Islamic State")),
                    content: vec![span_of(text, "responsibility")],
                },
                sentence: second,
                speaker: Some(part(text, "The Islamic State", Some("islamic-state"))),
                about: Some(part(text, "The Islamic State", Some("islamic-state"))),
                event: None,
                stance: Stance::Asserts,
                hedges: vec![part(text, "with no evidence", None)],
                channel: Some(part(text, "its Amaq news agency", None)),
                framing: Some(dossier_model::Framing {
                    span: span_of(text, "but with no evidence"),
                    stance: Stance::Disputes,
                }),
                confidence: 0.8,
                extractor: ExtractorId::new("claims", 1),
            },
        ]);
        a
    }

    #[test]
    fn claims_round_trip_and_filter() {
        let mut store = SqliteStore::open_in_memory().unwrap();
        let a = claims_article();
        // Computed and empty, and not computed: both kept apart.
        let mut empty = article("empty.txt", "Nobody said anything about the fire.");
        empty.layers.claims = Some(Vec::new());
        let unset = article("unset.txt", "An older record without the claims layer.");
        store
            .put_batch(&[a.clone(), empty.clone(), unset.clone()])
            .unwrap();
        store.put_batch(std::slice::from_ref(&a)).unwrap();
        assert_eq!(store.get_article(a.id).unwrap(), Some(a.clone()));
        let loaded = store.get_article(empty.id).unwrap().unwrap();
        assert_eq!(loaded.layers.claims, Some(Vec::new()));
        let loaded = store.get_article(unset.id).unwrap().unwrap();
        assert_eq!(loaded.layers.claims, None);

        // The table gives back every field of every claim, in text order.
        let all = store.list_claims(&ClaimQuery::default()).unwrap();
        let records: Vec<Claim> = all.iter().map(|c| c.claim.clone()).collect();
        assert_eq!(Some(records), a.layers.claims);
        assert_eq!(all[0].id, claim_id(a.id, 0));
        assert_eq!(all[0].event.as_deref(), Some(event_id(a.id, 0).as_str()));
        assert_eq!(all[1].event, None);
        assert_eq!(all[0].text, a.text);
        assert_eq!(all[0].published.as_deref(), Some("2024-03-23"));

        let ids = |q: ClaimQuery| -> Vec<String> {
            store
                .list_claims(&q)
                .unwrap()
                .into_iter()
                .map(|c| c.id)
                .collect()
        };
        let denial = vec![claim_id(a.id, 0)];
        let responsibility = vec![claim_id(a.id, 1)];
        assert_eq!(
            ids(ClaimQuery {
                event: Some(event_id(a.id, 0)),
                ..ClaimQuery::default()
            }),
            denial
        );
        assert_eq!(
            ids(ClaimQuery {
                kind: Some(ClaimKind::Responsibility),
                ..ClaimQuery::default()
            }),
            responsibility
        );
        assert_eq!(
            ids(ClaimQuery {
                actor: Some("actor:ukraine".into()),
                ..ClaimQuery::default()
            }),
            denial
        );
        assert_eq!(
            ids(ClaimQuery {
                speaker: Some("islamic STATE".into()),
                ..ClaimQuery::default()
            }),
            responsibility
        );
        assert!(
            ids(ClaimQuery {
                kind: Some(ClaimKind::Confirmation),
                ..ClaimQuery::default()
            })
            .is_empty()
        );
        assert_eq!(
            ids(ClaimQuery {
                offset: 1,
                ..ClaimQuery::default()
            }),
            responsibility
        );
    }

    #[test]
    fn claims_list_newest_article_first() {
        let mut store = SqliteStore::open_in_memory().unwrap();
        let older = claims_article();
        let mut newer = article("newer.txt", &format!("{CLAIMS_TEXT} More later."));
        newer.layers.claims.clone_from(&older.layers.claims);
        newer.published = Some(dossier_model::PublishedDate {
            value: "2024-03-25".into(),
            precision: dossier_model::DatePrecision::Day,
        });
        store.put_batch(&[older.clone(), newer.clone()]).unwrap();
        let listed: Vec<ArticleId> = store
            .list_claims(&ClaimQuery::default())
            .unwrap()
            .iter()
            .map(|c| c.article)
            .collect();
        assert_eq!(listed, [newer.id, newer.id, older.id, older.id]);
    }

    #[test]
    fn a_version_3_store_migrates_and_keeps_its_records() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v3.db");
        let old = article("old.txt", "Gunmen opened fire at Crocus City Hall.");
        {
            // The schema and one article as a build at version 3 wrote them.
            let conn = Connection::open(&path).unwrap();
            for sql in &MIGRATIONS[..3] {
                conn.execute_batch(sql).unwrap();
            }
            conn.pragma_update(None, "user_version", 3).unwrap();
            conn.execute(
                "INSERT INTO articles (id, chars, text, record) VALUES (?1, ?2, ?3, ?4)",
                params![
                    old.id.to_string(),
                    39,
                    old.text,
                    serde_json::to_string(&old).unwrap()
                ],
            )
            .unwrap();
        }
        let mut store = SqliteStore::open(&path).unwrap();
        let version: i64 = store
            .conn
            .pragma_query_value(None, "user_version", |row| row.get(0))
            .unwrap();
        assert_eq!(version, i64::try_from(MIGRATIONS.len()).unwrap());
        let kept = store.get_article(old.id).unwrap().unwrap();
        assert_eq!(kept, old);
        assert_eq!(kept.layers.claims, None, "not computed, not empty");
        assert!(
            store
                .list_claims(&ClaimQuery::default())
                .unwrap()
                .is_empty()
        );
        let new = claims_article();
        store.put_batch(std::slice::from_ref(&new)).unwrap();
        drop(store);
        let store = SqliteStore::open(&path).unwrap();
        assert_eq!(store.list_claims(&ClaimQuery::default()).unwrap().len(), 2);
        assert_eq!(store.get_article(new.id).unwrap(), Some(new));
    }

    #[test]
    fn a_corrupt_claim_row_names_the_claim() {
        let mut store = SqliteStore::open_in_memory().unwrap();
        let a = claims_article();
        store.put_batch(std::slice::from_ref(&a)).unwrap();
        store
            .conn
            .execute(
                "UPDATE claims SET hedges = 'not json' WHERE ordinal = 1",
                [],
            )
            .unwrap();
        let err = store.list_claims(&ClaimQuery::default()).unwrap_err();
        assert_eq!(err.code(), "D404", "{err}");
        assert!(err.to_string().contains(&claim_id(a.id, 1)), "{err}");
        assert!(err.to_string().contains("hedges"), "{err}");
    }

    #[test]
    fn article_round_trips_with_layers() {
        let mut store = SqliteStore::open_in_memory().unwrap();
        let mut a = article("a.txt", "Gunmen opened fire. The hall burned.");
        a.layers.sentences = Some(vec![Sentence {
            span: dossier_model::ByteSpan::new(0, 19),
        }]);
        a.title = Some("Attack".into());
        store.put_batch(&[a.clone()]).unwrap();
        assert_eq!(store.get_article(a.id).unwrap(), Some(a));
    }

    #[test]
    fn duplicates_and_reruns_are_counted_not_stored() {
        let mut store = SqliteStore::open_in_memory().unwrap();
        let first = article("a.txt", "Gunmen opened fire at Crocus City Hall.");
        let copy = article("b.txt", "Gunmen opened fire at Crocus City Hall.");
        let report = store.put_batch(&[first.clone(), copy.clone()]).unwrap();
        assert_eq!(
            (report.stored, report.duplicates, report.unchanged),
            (1, 1, 0)
        );
        let again = store.put_batch(&[first, copy]).unwrap();
        assert_eq!((again.stored, again.duplicates, again.unchanged), (0, 0, 2));
        let stats = store.stats().unwrap();
        assert_eq!(
            (stats.articles, stats.sightings, stats.duplicates),
            (1, 2, 1)
        );
    }

    #[test]
    fn searches_latin_and_cyrillic_text_safely() {
        let mut store = SqliteStore::open_in_memory().unwrap();
        store
            .put_batch(&[
                article(
                    "en.txt",
                    "Gunmen opened fire at Crocus City Hall near Moscow.",
                ),
                article("ru.txt", "Террористы открыли огонь в «Крокус Сити Холле»."),
            ])
            .unwrap();
        assert_eq!(store.search("crocus moscow", 10).unwrap().len(), 1);
        assert_eq!(store.search("Крокус", 10).unwrap().len(), 1);
        // FTS syntax in user input is taken literally, not as an error
        assert!(store.search("\"unbalanced OR (", 10).unwrap().is_empty());
        assert!(store.search("   ", 10).unwrap().is_empty());
        // punctuation-only words do not make a plain search miss
        assert_eq!(store.search("Crocus — (", 10).unwrap().len(), 1);
        let hit = &store.search("Moscow", 10).unwrap()[0];
        assert!(hit.snippet.contains("[Moscow]"), "{}", hit.snippet);
        assert!(hit.score < 0.0, "bm25 is negative for matches in SQLite");
    }

    #[test]
    fn search_expressions_use_fts_syntax_and_reject_bad_syntax_clearly() {
        let mut store = SqliteStore::open_in_memory().unwrap();
        store
            .put_batch(&[
                article("en.txt", "Gunmen opened fire at Crocus City Hall."),
                article("ru.txt", "Террористы открыли огонь в «Крокус Сити Холле»."),
            ])
            .unwrap();
        let hits = store.search_expression("gunmen OR Крок*", 10).unwrap();
        assert_eq!(hits.len(), 2);
        assert_eq!(
            store
                .search_expression("\"city hall\" NOT moscow", 10)
                .unwrap()
                .len(),
            1
        );
        for bad in ["\"unbalanced", "fire AND", "(crocus", "nosuchcolumn:fire"] {
            let err = store.search_expression(bad, 10).unwrap_err();
            assert_eq!(err.code(), "D405", "{bad}: {err}");
            let message = err.to_string();
            assert!(message.contains(":memory:"), "{message}");
            assert!(message.contains(bad), "{message}");
        }
    }

    #[test]
    fn same_text_twice_in_one_batch_is_one_article_and_a_duplicate() {
        let mut store = SqliteStore::open_in_memory().unwrap();
        let a = article("feed.xml", "Gunmen opened fire.");
        let b = article("feed.xml", "gunmen  opened fire.").clone();
        let b = Article {
            source: b.source.at("item 2"),
            ..b
        };
        let report = store.put_batch(&[a.clone(), b]).unwrap();
        assert_eq!(
            report,
            BatchReport {
                stored: 1,
                duplicates: 1,
                unchanged: 0
            }
        );
        // the first sighting's record is the one kept
        assert_eq!(store.get_article(a.id).unwrap(), Some(a));
        let listed = store.list_articles(&ListQuery::default()).unwrap();
        assert_eq!(listed[0].sightings, 2);
    }

    #[test]
    fn lists_newest_first_with_filters() {
        let mut store = SqliteStore::open_in_memory().unwrap();
        let mut old = article("old.txt", "An old report about an attack on a bus.");
        old.published = Some(dossier_model::PublishedDate {
            value: "2024-03-22".into(),
            precision: dossier_model::DatePrecision::Day,
        });
        old.outlet = Some("wire.example".into());
        let mut new = article("new.txt", "A new report about the toll rising to 133.");
        new.published = Some(dossier_model::PublishedDate {
            value: "2024-03-24".into(),
            precision: dossier_model::DatePrecision::Day,
        });
        let undated = article("undated.txt", "An undated report about the attack.");
        store
            .put_batch(&[old.clone(), undated.clone(), new.clone()])
            .unwrap();
        let all = store.list_articles(&ListQuery::default()).unwrap();
        let ids: Vec<_> = all.iter().map(|s| s.id).collect();
        assert_eq!(ids, [new.id, old.id, undated.id]);
        let wire = store
            .list_articles(&ListQuery {
                outlet: Some("wire.example".into()),
                ..ListQuery::default()
            })
            .unwrap();
        assert_eq!(wire.len(), 1);
        let since = store
            .list_articles(&ListQuery {
                since: Some("2024-03-23".into()),
                ..ListQuery::default()
            })
            .unwrap();
        assert_eq!(since.len(), 1);
    }

    #[test]
    fn failures_are_idempotent() {
        let mut store = SqliteStore::open_in_memory().unwrap();
        let failure = InputFailure {
            input: "cut.gz".into(),
            code: "D102".into(),
            message: "truncated".into(),
        };
        store
            .record_failures(std::slice::from_ref(&failure))
            .unwrap();
        store.record_failures(&[failure]).unwrap();
        assert_eq!(store.stats().unwrap().failures, 1);
        let rejected = InputFailure::rejected("empty.html", &dossier_model::RejectReason::NoText);
        assert_eq!(rejected.code, "no_text");
        store
            .record_failures(&[rejected.clone(), rejected])
            .unwrap();
        assert_eq!(store.stats().unwrap().failures, 2);
    }

    #[test]
    fn junk_file_gives_an_error_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("junk.db");
        std::fs::write(
            &path,
            b"this is not a database, just some text that is long enough",
        )
        .unwrap();
        let err = SqliteStore::open(&path).unwrap_err();
        assert_eq!(err.code(), "D401", "{err}");
        assert!(err.to_string().contains("junk.db"), "{err}");
    }

    #[test]
    fn newer_schema_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new.db");
        {
            let conn = Connection::open(&path).unwrap();
            conn.pragma_update(None, "user_version", 99).unwrap();
        }
        let err = SqliteStore::open(&path).unwrap_err();
        assert_eq!(err.code(), "D403");
        assert!(err.to_string().contains("new.db"));
    }

    #[test]
    fn migrations_set_the_schema_version() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v.db");
        let store = SqliteStore::open(&path).unwrap();
        let version: i64 = store
            .conn
            .pragma_query_value(None, "user_version", |row| row.get(0))
            .unwrap();
        assert_eq!(version, SqliteStore::schema_version());
        assert!(version >= 1);
        let mode: String = store
            .conn
            .pragma_query_value(None, "journal_mode", |row| row.get(0))
            .unwrap();
        assert_eq!(mode, "wal");
        drop(store);
        // reopening a current database runs no migration and keeps the version
        let conn = Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", version).unwrap();
        drop(conn);
        SqliteStore::open(&path).unwrap();
    }

    #[test]
    fn reopening_keeps_data_and_schema() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("d.db");
        let a = article("a.txt", "Gunmen opened fire at Crocus City Hall.");
        SqliteStore::open(&path)
            .unwrap()
            .put_batch(std::slice::from_ref(&a))
            .unwrap();
        let store = SqliteStore::open(&path).unwrap();
        assert_eq!(store.get_article(a.id).unwrap(), Some(a));
    }
}
