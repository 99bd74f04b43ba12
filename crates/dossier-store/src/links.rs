//! The linker's tables in SQLite: what is linked, fingerprints and the keys
//! that find them, copy links, events across articles and their members.
//!
//! u64 keys are kept in SQLite's signed INTEGER by their bit pattern.

use dossier_model::{ArticleId, ByteSpan, EventMention, Sentence};
use rusqlite::{OptionalExtension, params};

use crate::sqlite::{Filter, event_mention_filter};
use crate::{
    CopyLinkRow, Error, EventDigestRow, EventQuery, EventRow, LinkBatch, LinkInput, MemberRow,
    SqliteStore, StoredFingerprint,
};

/// Article id, publication date, signature, sentence hashes.
type FingerprintFields = (String, Option<String>, Vec<u8>, Vec<u8>);
/// Mention, event, article, score, opened.
type MemberFields = (String, String, String, f64, bool);
/// Article, other, kind, similarity, shared sentences.
type CopyFields = (String, String, String, f64, u32);

fn signed(value: u64) -> i64 {
    i64::from_ne_bytes(value.to_ne_bytes())
}

fn parse_id(store: &SqliteStore, id: &str) -> Result<ArticleId, Error> {
    id.parse().map_err(|_| Error::Corrupt {
        path: store.path.clone(),
        id: id.to_owned(),
        message: "not an article id".to_owned(),
    })
}

pub(crate) fn pending_links(store: &SqliteStore, limit: usize) -> Result<Vec<ArticleId>, Error> {
    let ids = (|| -> rusqlite::Result<Vec<String>> {
        let mut stmt = store.conn.prepare_cached(
            "SELECT a.id FROM articles a
             WHERE NOT EXISTS (SELECT 1 FROM linked l WHERE l.article_id = a.id)
             ORDER BY a.published IS NULL, a.published, a.id LIMIT ?1",
        )?;
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let rows = stmt.query_map(params![limit], |row| row.get(0))?;
        rows.collect()
    })()
    .map_err(store.sql_err())?;
    ids.iter().map(|id| parse_id(store, id)).collect()
}

pub(crate) fn link_inputs(store: &SqliteStore, ids: &[ArticleId]) -> Result<Vec<LinkInput>, Error> {
    let corrupt = |id: &str, e: serde_json::Error| Error::Corrupt {
        path: store.path.clone(),
        id: id.to_owned(),
        message: e.to_string(),
    };
    let mut inputs = Vec::with_capacity(ids.len());
    let mut article = store
        .conn
        .prepare_cached(
            "SELECT published, outlet, text, json_extract(record, '$.layers.sentences'), title
             FROM articles WHERE id = ?1",
        )
        .map_err(store.sql_err())?;
    let mut events = store
        .conn
        .prepare_cached("SELECT record FROM event_mentions WHERE article_id = ?1 ORDER BY ordinal")
        .map_err(store.sql_err())?;
    for &id in ids {
        let key = id.to_string();
        let row = article
            .query_row(params![key], |row| {
                Ok((
                    row.get::<_, Option<String>>(0)?,
                    row.get::<_, Option<String>>(1)?,
                    row.get::<_, String>(2)?,
                    row.get::<_, Option<String>>(3)?,
                    row.get::<_, Option<String>>(4)?,
                ))
            })
            .optional()
            .map_err(store.sql_err())?;
        let Some((published, outlet, text, sentences, title)) = row else {
            continue;
        };
        let sentences: Vec<ByteSpan> = match sentences {
            Some(json) => serde_json::from_str::<Vec<Sentence>>(&json)
                .map_err(|e| corrupt(&key, e))?
                .into_iter()
                .map(|s| s.span)
                .collect(),
            None => Vec::new(),
        };
        let records: Vec<String> = events
            .query_map(params![key], |row| row.get(0))
            .and_then(Iterator::collect)
            .map_err(store.sql_err())?;
        let events = records
            .iter()
            .map(|r| serde_json::from_str::<EventMention>(r).map_err(|e| corrupt(&key, e)))
            .collect::<Result<Vec<_>, _>>()?;
        inputs.push(LinkInput {
            id,
            published,
            outlet,
            title,
            text,
            sentences,
            events,
        });
    }
    Ok(inputs)
}

pub(crate) fn copy_candidates(
    store: &SqliteStore,
    bands: &[u64],
    sentence_hashes: &[u64],
) -> Result<Vec<StoredFingerprint>, Error> {
    let run = || -> rusqlite::Result<Vec<FingerprintFields>> {
        let mut ids: Vec<String> = Vec::new();
        let mut by_band = store
            .conn
            .prepare_cached("SELECT article_id FROM lsh_bands WHERE band_key = ?1 LIMIT 256")?;
        for &band in bands {
            for id in by_band.query_map(params![signed(band)], |row| row.get::<_, String>(0))? {
                ids.push(id?);
            }
        }
        let mut by_sentence = store
            .conn
            .prepare_cached("SELECT article_id FROM sentence_hashes WHERE hash = ?1 LIMIT 64")?;
        for &hash in sentence_hashes {
            for id in by_sentence.query_map(params![signed(hash)], |row| row.get::<_, String>(0))? {
                ids.push(id?);
            }
        }
        ids.sort();
        ids.dedup();
        let mut fingerprint = store.conn.prepare_cached(
            "SELECT published, signature, sentences FROM fingerprints WHERE article_id = ?1",
        )?;
        let mut found = Vec::with_capacity(ids.len());
        for id in ids {
            let row = fingerprint
                .query_row(params![id], |row| {
                    Ok((row.get(0)?, row.get(1)?, row.get(2)?))
                })
                .optional()?;
            if let Some((published, signature, sentences)) = row {
                found.push((id, published, signature, sentences));
            }
        }
        Ok(found)
    };
    run()
        .map_err(store.sql_err())?
        .into_iter()
        .map(|(id, published, signature, sentences)| {
            Ok(StoredFingerprint {
                article: parse_id(store, &id)?,
                published,
                signature,
                sentences,
            })
        })
        .collect()
}

pub(crate) fn has_fingerprints(store: &SqliteStore) -> Result<bool, Error> {
    store
        .conn
        .query_row("SELECT EXISTS (SELECT 1 FROM fingerprints)", [], |row| {
            row.get(0)
        })
        .map_err(store.sql_err())
}

pub(crate) fn event_sketches(
    store: &SqliteStore,
    first: i32,
    last: i32,
) -> Result<Vec<String>, Error> {
    let run = || -> rusqlite::Result<Vec<String>> {
        let mut stmt = store.conn.prepare_cached(
            "SELECT sketch FROM events
             WHERE first_day IS NULL OR (first_day <= ?2 AND last_day >= ?1)
             ORDER BY id",
        )?;
        let rows = stmt.query_map(params![first, last], |row| row.get(0))?;
        rows.collect()
    };
    run().map_err(store.sql_err())
}

pub(crate) fn commit_links(store: &mut SqliteStore, batch: &LinkBatch) -> Result<(), Error> {
    let path = store.path.clone();
    let err = |source| Error::Sqlite {
        path: path.clone(),
        source,
    };
    let tx = store.conn.transaction().map_err(err)?;
    {
        let mut linked = tx
            .prepare_cached("INSERT OR IGNORE INTO linked (article_id) VALUES (?1)")
            .map_err(err)?;
        for id in &batch.articles {
            linked.execute(params![id.to_string()]).map_err(err)?;
        }
        let mut fingerprint = tx
            .prepare_cached(
                "INSERT OR REPLACE INTO fingerprints (article_id, published, signature, sentences)
                 VALUES (?1, ?2, ?3, ?4)",
            )
            .map_err(err)?;
        let mut band = tx
            .prepare_cached(
                "INSERT OR IGNORE INTO lsh_bands (band_key, article_id) VALUES (?1, ?2)",
            )
            .map_err(err)?;
        let mut sentence = tx
            .prepare_cached(
                "INSERT OR IGNORE INTO sentence_hashes (hash, article_id) VALUES (?1, ?2)",
            )
            .map_err(err)?;
        // keys are random: inserting them in key order keeps each index
        // write near the previous one instead of all over the B-tree
        let mut bands: Vec<(i64, String)> = Vec::new();
        let mut sentences: Vec<(i64, String)> = Vec::new();
        for row in &batch.fingerprints {
            let f = &row.fingerprint;
            let id = f.article.to_string();
            fingerprint
                .execute(params![id, f.published, f.signature, f.sentences])
                .map_err(err)?;
            bands.extend(row.bands.iter().map(|&k| (signed(k), id.clone())));
            sentences.extend(row.sentence_hashes.iter().map(|&h| (signed(h), id.clone())));
        }
        bands.sort_unstable();
        sentences.sort_unstable();
        for (key, id) in &bands {
            band.execute(params![key, id]).map_err(err)?;
        }
        for (hash, id) in &sentences {
            sentence.execute(params![hash, id]).map_err(err)?;
        }
        let mut copy = tx
            .prepare_cached(
                "INSERT OR REPLACE INTO copy_links (article_id, other_id, kind, similarity, shared)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )
            .map_err(err)?;
        for link in &batch.copy_links {
            copy.execute(params![
                link.article.to_string(),
                link.other.to_string(),
                link.kind,
                f64::from(link.similarity),
                link.shared
            ])
            .map_err(err)?;
        }
        let mut event = tx
            .prepare_cached(
                "INSERT OR REPLACE INTO events
                 (id, kind, date, country, place, first_day, last_day, members, articles, sketch)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            )
            .map_err(err)?;
        for e in &batch.events {
            event
                .execute(params![
                    e.id,
                    e.kind,
                    e.date,
                    e.country,
                    e.place,
                    e.first_day,
                    e.last_day,
                    e.members,
                    e.articles,
                    e.sketch
                ])
                .map_err(err)?;
        }
        let mut member = tx
            .prepare_cached(
                "INSERT OR REPLACE INTO event_members (mention_id, event_id, article_id, score, opened)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )
            .map_err(err)?;
        for m in &batch.members {
            member
                .execute(params![
                    m.mention,
                    m.event,
                    m.article.to_string(),
                    f64::from(m.score),
                    m.opened
                ])
                .map_err(err)?;
        }
        let mut repoint = tx
            .prepare_cached("UPDATE event_members SET event_id = ?2 WHERE event_id = ?1")
            .map_err(err)?;
        let mut drop_event = tx
            .prepare_cached("DELETE FROM events WHERE id = ?1")
            .map_err(err)?;
        for (absorbed, into) in &batch.merged {
            repoint.execute(params![absorbed, into]).map_err(err)?;
            drop_event.execute(params![absorbed]).map_err(err)?;
        }
        // a changed event's digest is stale: the linker writes it anew
        let mut stale = tx
            .prepare_cached("DELETE FROM event_digests WHERE event_id = ?1")
            .map_err(err)?;
        for id in batch
            .events
            .iter()
            .map(|e| &e.id)
            .chain(batch.merged.iter().flat_map(|(a, b)| [a, b]))
        {
            stale.execute(params![id]).map_err(err)?;
        }
    }
    tx.commit().map_err(err)
}

pub(crate) fn undigested_events(store: &SqliteStore, limit: usize) -> Result<Vec<String>, Error> {
    let run = || -> rusqlite::Result<Vec<String>> {
        let mut stmt = store.conn.prepare_cached(
            "SELECT ev.id FROM events ev
             WHERE NOT EXISTS (SELECT 1 FROM event_digests d WHERE d.event_id = ev.id)
             ORDER BY ev.id LIMIT ?1",
        )?;
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let rows = stmt.query_map(params![limit], |row| row.get(0))?;
        rows.collect()
    };
    run().map_err(store.sql_err())
}

pub(crate) fn put_event_digests(
    store: &mut SqliteStore,
    digests: &[EventDigestRow],
) -> Result<(), Error> {
    let path = store.path.clone();
    let err = |source| Error::Sqlite {
        path: path.clone(),
        source,
    };
    let tx = store.conn.transaction().map_err(err)?;
    {
        let mut put = tx
            .prepare_cached(
                "INSERT OR REPLACE INTO event_digests (event_id, contested, digest)
                 SELECT ?1, ?2, ?3 WHERE EXISTS (SELECT 1 FROM events WHERE id = ?1)",
            )
            .map_err(err)?;
        for d in digests {
            put.execute(params![d.event, d.contested, d.digest])
                .map_err(err)?;
        }
    }
    tx.commit().map_err(err)
}

const EVENT_ROW_COLUMNS: &str = "ev.id, ev.kind, ev.date, ev.country, ev.place, ev.first_day, ev.last_day, ev.members, ev.articles, ev.sketch,
    (SELECT d.digest FROM event_digests d WHERE d.event_id = ev.id)";

fn event_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<EventRow> {
    Ok(EventRow {
        id: row.get(0)?,
        kind: row.get(1)?,
        date: row.get(2)?,
        country: row.get(3)?,
        place: row.get(4)?,
        first_day: row.get(5)?,
        last_day: row.get(6)?,
        members: row.get(7)?,
        articles: row.get(8)?,
        sketch: row.get(9)?,
        digest: row.get(10)?,
    })
}

/// The first day an ISO date prefix covers: `2024` → `2024-01-01`. Input
/// that is no date stays as it is (SQLite's `julianday` then gives NULL and
/// nothing matches).
fn first_day_of(prefix: &str) -> String {
    match (prefix.len(), prefix.is_ascii()) {
        (4, true) => format!("{prefix}-01-01"),
        (7, true) => format!("{prefix}-01"),
        _ => prefix.get(..10).unwrap_or(prefix).to_owned(),
    }
}

/// The last day an ISO date prefix covers: `2024-02` → `2024-02-29`.
fn last_day_of(prefix: &str) -> String {
    match (prefix.len(), prefix.is_ascii()) {
        (4, true) => format!("{prefix}-12-31"),
        (7, true) => {
            let year: i32 = prefix[..4].parse().unwrap_or(1970);
            let month: u32 = prefix[5..7].parse().unwrap_or(1);
            let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
            let days = match month {
                2 if leap => 29,
                2 => 28,
                4 | 6 | 9 | 11 => 30,
                _ => 31,
            };
            format!("{prefix}-{days:02}")
        }
        _ => prefix.get(..10).unwrap_or(prefix).to_owned(),
    }
}

pub(crate) fn list_linked_events(
    store: &SqliteStore,
    query: &EventQuery,
) -> Result<Vec<EventRow>, Error> {
    // dates and country are the event's own (its members never disagree on
    // the country, and its day window covers their dates): read from the
    // event row, not from every member
    let members = event_mention_filter(&EventQuery {
        since: None,
        until: None,
        country: None,
        ..query.clone()
    });
    let mut filter = Filter::default();
    if let Some(since) = query.since.as_deref() {
        filter.push(
            "ev.last_day >= CAST(julianday(?) - 2440587.5 AS INTEGER)",
            &[&first_day_of(since)],
        );
    }
    if let Some(until) = query.until.as_deref() {
        filter.push(
            "ev.first_day <= CAST(julianday(?) - 2440587.5 AS INTEGER)",
            &[&last_day_of(until)],
        );
    }
    if let Some(country) = query.country.as_deref() {
        filter.push("ev.country = ?", &[country]);
    }
    if !members.is_empty() {
        // the matching mentions' events, found once, then checked per row
        filter.push_nested(members, |conditions| {
            format!(
                "ev.id IN (SELECT m.event_id FROM event_members m
                           JOIN event_mentions e ON e.id = m.mention_id
                           WHERE {conditions})"
            )
        });
    }
    if query.contested {
        filter.push(
            "ev.id IN (SELECT d.event_id FROM event_digests d WHERE d.contested = 1)",
            &[],
        );
    }
    let clause = filter.where_clause();
    let values = filter.with_page(query.limit, query.offset);
    let run = || -> rusqlite::Result<Vec<EventRow>> {
        // the order of the `events_listing` index: newest first, walked
        // until the page is full; only the page's rows are read whole
        let mut stmt = store.conn.prepare_cached(&format!(
            "SELECT {EVENT_ROW_COLUMNS} FROM events ev
             WHERE ev.id IN (SELECT ev.id FROM events ev {clause}
               ORDER BY ev.first_day IS NULL, ev.first_day DESC, ev.articles DESC, ev.id
               LIMIT ? OFFSET ?)
             ORDER BY ev.first_day IS NULL, ev.first_day DESC, ev.articles DESC, ev.id"
        ))?;
        let rows = stmt.query_map(
            rusqlite::params_from_iter(values.iter().map(|v| &**v)),
            event_row,
        )?;
        rows.collect()
    };
    run().map_err(store.sql_err())
}

pub(crate) fn find_linked_events(
    store: &SqliteStore,
    prefix: &str,
    limit: usize,
) -> Result<Vec<EventRow>, Error> {
    let run = || -> rusqlite::Result<Vec<EventRow>> {
        let mut stmt = store.conn.prepare_cached(&format!(
            "SELECT {EVENT_ROW_COLUMNS} FROM events ev
             WHERE ev.id >= ?1 AND ev.id < ?1 || X'FF' ORDER BY ev.id LIMIT ?2"
        ))?;
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let rows = stmt.query_map(params![prefix, limit], event_row)?;
        rows.collect()
    };
    run().map_err(store.sql_err())
}

pub(crate) fn event_members(store: &SqliteStore, event: &str) -> Result<Vec<MemberRow>, Error> {
    let run = || -> rusqlite::Result<Vec<MemberFields>> {
        let mut stmt = store.conn.prepare_cached(
            "SELECT mention_id, event_id, article_id, score, opened FROM event_members
             WHERE event_id = ?1 ORDER BY mention_id",
        )?;
        let rows = stmt.query_map(params![event], |row| {
            Ok((
                row.get(0)?,
                row.get(1)?,
                row.get(2)?,
                row.get(3)?,
                row.get(4)?,
            ))
        })?;
        rows.collect()
    };
    run()
        .map_err(store.sql_err())?
        .into_iter()
        .map(|(mention, event, article, score, opened)| {
            Ok(MemberRow {
                mention,
                event,
                article: parse_id(store, &article)?,
                #[allow(clippy::cast_possible_truncation)]
                score: score as f32,
                opened,
            })
        })
        .collect()
}

pub(crate) fn event_of_mention(
    store: &SqliteStore,
    mention: &str,
) -> Result<Option<String>, Error> {
    store
        .conn
        .query_row(
            "SELECT event_id FROM event_members WHERE mention_id = ?1",
            params![mention],
            |row| row.get(0),
        )
        .optional()
        .map_err(store.sql_err())
}

pub(crate) fn copy_links(
    store: &SqliteStore,
    articles: &[ArticleId],
) -> Result<Vec<CopyLinkRow>, Error> {
    let run = || -> rusqlite::Result<Vec<CopyFields>> {
        let mut stmt = store.conn.prepare_cached(
            "SELECT article_id, other_id, kind, similarity, shared FROM copy_links
             WHERE article_id = ?1 OR other_id = ?1",
        )?;
        let mut found = Vec::new();
        for id in articles {
            let rows = stmt.query_map(params![id.to_string()], |row| {
                Ok((
                    row.get(0)?,
                    row.get(1)?,
                    row.get(2)?,
                    row.get(3)?,
                    row.get(4)?,
                ))
            })?;
            for row in rows {
                found.push(row?);
            }
        }
        found.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
        found.dedup_by(|a, b| a.0 == b.0 && a.1 == b.1);
        Ok(found)
    };
    run()
        .map_err(store.sql_err())?
        .into_iter()
        .map(|(article, other, kind, similarity, shared)| {
            Ok(CopyLinkRow {
                article: parse_id(store, &article)?,
                other: parse_id(store, &other)?,
                kind,
                #[allow(clippy::cast_possible_truncation)]
                similarity: similarity as f32,
                shared,
            })
        })
        .collect()
}

pub(crate) fn sightings_of(store: &SqliteStore, article: ArticleId) -> Result<Vec<String>, Error> {
    let run = || -> rusqlite::Result<Vec<String>> {
        let mut stmt = store.conn.prepare_cached(
            "SELECT COALESCE(url, input || ' ' || locator) FROM sightings
             WHERE article_id = ?1 ORDER BY 1",
        )?;
        let rows = stmt.query_map(params![article.to_string()], |row| row.get(0))?;
        rows.collect()
    };
    run().map_err(store.sql_err())
}

#[cfg(test)]
mod tests {
    use dossier_model::{Article, Source, SourceFormat};

    use crate::{FingerprintRow, Store};

    use super::*;

    fn stored(store: &mut SqliteStore, text: &str) -> ArticleId {
        let article = Article::from_plain_text(
            Source::new(format!("{text}.txt"), SourceFormat::Text),
            text.to_owned(),
        );
        store.put_batch(std::slice::from_ref(&article)).unwrap();
        article.id
    }

    #[test]
    fn link_tables_round_trip() {
        let mut store = SqliteStore::open_in_memory().unwrap();
        let a = stored(
            &mut store,
            "Gunmen opened fire at a concert hall near Moscow.",
        );
        let b = stored(
            &mut store,
            "Gunmen opened fire at a concert hall near Moscow on Friday.",
        );
        let mut pending = store.pending_links(10).unwrap();
        pending.sort();
        let mut both = vec![a, b];
        both.sort();
        assert_eq!(pending, both);
        assert!(!store.has_fingerprints().unwrap());
        let batch = LinkBatch {
            articles: vec![a, b],
            fingerprints: vec![FingerprintRow {
                fingerprint: StoredFingerprint {
                    article: a,
                    published: Some("2024-03-23".to_owned()),
                    signature: vec![1, 2, 3],
                    sentences: vec![9; 8],
                },
                bands: vec![u64::MAX, 7],
                sentence_hashes: vec![42],
            }],
            copy_links: vec![CopyLinkRow {
                article: b,
                other: a,
                kind: "near_duplicate".to_owned(),
                similarity: 0.8,
                shared: 1,
            }],
            events: vec![EventRow {
                id: "ev1".to_owned(),
                kind: "shooting".to_owned(),
                date: Some("2024-03-22".to_owned()),
                country: Some("RU".to_owned()),
                place: Some("Krasnogorsk".to_owned()),
                first_day: Some(19_804),
                last_day: Some(19_804),
                members: 2,
                articles: 2,
                sketch: "{}".to_owned(),
                digest: None,
            }],
            members: vec![MemberRow {
                mention: format!("{a}.0"),
                event: "ev1".to_owned(),
                article: a,
                score: 0.0,
                opened: true,
            }],
            merged: Vec::new(),
        };
        store.commit_links(&batch).unwrap();
        assert!(store.pending_links(10).unwrap().is_empty());
        assert!(store.has_fingerprints().unwrap());
        // u64 keys survive SQLite's signed integers
        let found = store.copy_candidates(&[u64::MAX], &[]).unwrap();
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].signature, vec![1, 2, 3]);
        assert_eq!(store.copy_candidates(&[], &[42]).unwrap().len(), 1);
        assert!(store.copy_candidates(&[8], &[43]).unwrap().is_empty());
        assert_eq!(store.event_sketches(19_800, 19_810).unwrap().len(), 1);
        assert!(store.event_sketches(19_900, 19_910).unwrap().is_empty());
        assert_eq!(
            store.find_linked_events("ev", 5).unwrap()[0]
                .place
                .as_deref(),
            Some("Krasnogorsk")
        );
        assert_eq!(store.event_members("ev1").unwrap().len(), 1);
        assert_eq!(
            store
                .event_of_mention(&format!("{a}.0"))
                .unwrap()
                .as_deref(),
            Some("ev1")
        );
        let links = store.copy_links(&[a]).unwrap();
        assert_eq!(links.len(), 1);
        assert_eq!((links[0].article, links[0].other), (b, a));
        assert_eq!(store.sightings_of(a).unwrap().len(), 1);
        assert_eq!(
            (
                first_day_of("2024"),
                last_day_of("2024-02"),
                last_day_of("2023-02")
            ),
            (
                "2024-01-01".to_owned(),
                "2024-02-29".to_owned(),
                "2023-02-28".to_owned()
            )
        );
        assert_eq!(last_day_of("2024-03-22T10:00:00Z"), "2024-03-22");
        // not a date: no panic, and nothing matches
        for junk in ["É4\u{fcc51}", "ÉÉÉ", "2024-é", "abcdefghijklmnop"] {
            let _ = (first_day_of(junk), last_day_of(junk));
            let query = EventQuery {
                since: Some(junk.to_owned()),
                until: Some(junk.to_owned()),
                ..EventQuery::default()
            };
            assert!(store.list_linked_events(&query).unwrap().is_empty());
        }
        // the event's own dates and country
        for (since, until, country, found) in [
            (Some("2024-03-22"), Some("2024-03-22"), Some("RU"), 1),
            (Some("2024-03"), Some("2024"), None, 1),
            (Some("2024-03-23"), None, None, 0),
            (None, Some("2024-03-21"), None, 0),
            (None, None, Some("UA"), 0),
        ] {
            let query = EventQuery {
                since: since.map(str::to_owned),
                until: until.map(str::to_owned),
                country: country.map(str::to_owned),
                ..EventQuery::default()
            };
            assert_eq!(
                store.list_linked_events(&query).unwrap().len(),
                found,
                "{query:?}"
            );
        }
        // digests: missing until written; a change to the event drops its
        // digest; unknown events are skipped (the contested filter over
        // digests is tested end to end in dossier-serve)
        assert_eq!(store.undigested_events(10).unwrap(), ["ev1"]);
        let stored_digest = |store: &SqliteStore| {
            store.find_linked_events("ev1", 1).unwrap()[0]
                .digest
                .clone()
        };
        assert_eq!(stored_digest(&store), None);
        let digest = |event: &str| EventDigestRow {
            event: event.to_owned(),
            contested: true,
            digest: "{\"contested\":[\"perpetrator\"]}".to_owned(),
        };
        store
            .put_event_digests(&[digest("ev1"), digest("ev-gone")])
            .unwrap();
        assert!(store.undigested_events(10).unwrap().is_empty());
        assert_eq!(stored_digest(&store), Some(digest("ev1").digest));
        assert_eq!(store.count_linked_events().unwrap(), 1);
        store
            .commit_links(&LinkBatch {
                events: batch.events.clone(),
                ..LinkBatch::default()
            })
            .unwrap();
        assert_eq!(store.undigested_events(10).unwrap(), ["ev1"]);
        assert_eq!(stored_digest(&store), None);
    }
}
