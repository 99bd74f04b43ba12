//! Crash safety: an ingest killed with SIGKILL mid-run, then re-run, leaves
//! exactly the database an uninterrupted run leaves.
//!
//! The test binary re-executes itself: with `DOSSIER_CRASH_CHILD` set, the
//! `child_writer` test becomes a writer process that the parent kills after
//! it has committed some batches.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};

use dossier_model::{Article, Source, SourceFormat};
use dossier_store::{InputFailure, SqliteStore, Store};

const BATCHES: usize = 400;
const BATCH_SIZE: usize = 25;
const KILL_AFTER: usize = 15;

/// The deterministic corpus: every seventh document repeats an earlier text
/// from another input (a duplicate sighting).
fn batch(index: usize) -> Vec<Article> {
    (0..BATCH_SIZE)
        .map(|k| {
            let n = index * BATCH_SIZE + k;
            let text_n = if n % 7 == 6 { n - 3 } else { n };
            let text = format!(
                "Report {text_n}: gunmen opened fire at a concert hall; officials gave a toll of {} killed. {}",
                text_n % 150,
                "The attackers fled in a white car and were detained later. ".repeat(8)
            );
            Article::from_plain_text(
                Source::new(format!("input-{}.jsonl", n / 100), SourceFormat::Jsonl)
                    .at(format!("line {}", n % 100 + 1)),
                text,
            )
        })
        .collect()
}

fn ingest_all(path: &Path, on_batch: &mut dyn FnMut(usize)) {
    let mut store = SqliteStore::open(path).unwrap();
    for index in 0..BATCHES {
        store.put_batch(&batch(index)).unwrap();
        if index % 50 == 0 {
            store
                .record_failures(&[InputFailure {
                    input: format!("broken-{index}.warc.gz"),
                    code: "D103".into(),
                    message: "truncated".into(),
                }])
                .unwrap();
        }
        on_batch(index);
    }
}

/// Every row of every table, in a fixed order.
fn dump(path: &Path) -> Vec<String> {
    let conn = rusqlite::Connection::open(path).unwrap();
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |row| row.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    let mut rows = Vec::new();
    for sql in [
        "SELECT id || '|' || record FROM articles ORDER BY id",
        "SELECT article_id || '|' || input || '|' || locator || '|' || format FROM sightings ORDER BY 1",
        "SELECT input || '|' || code || '|' || message FROM failures ORDER BY 1",
        "SELECT count(*) || '' FROM articles_fts WHERE articles_fts MATCH 'gunmen'",
    ] {
        let mut stmt = conn.prepare(sql).unwrap();
        let column: Vec<String> = stmt
            .query_map([], |row| row.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        rows.extend(column);
    }
    rows
}

#[test]
fn child_writer() {
    let Some(path) = std::env::var_os("DOSSIER_CRASH_CHILD") else {
        return; // only a writer when the parent runs it
    };
    ingest_all(Path::new(&path), &mut |index| println!("committed {index}"));
}

#[test]
fn killed_ingest_resumes_to_the_same_database() {
    let dir = tempfile::tempdir().unwrap();
    let killed = dir.path().join("killed.db");
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "child_writer", "--nocapture", "--test-threads=1"])
        .env("DOSSIER_CRASH_CHILD", &killed)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let mut committed = 0;
    for line in BufReader::new(stdout).lines() {
        if line.unwrap().starts_with("committed ") {
            committed += 1;
            if committed == KILL_AFTER {
                break;
            }
        }
    }
    child.kill().unwrap(); // SIGKILL on Unix
    let status = child.wait().unwrap();
    assert!(
        !status.success(),
        "the writer must have been killed mid-run"
    );

    // The killed file opens, holds whole batches only, and resuming by
    // running the same ingest again completes it.
    let stats = SqliteStore::open(&killed).unwrap().stats().unwrap();
    assert!(
        stats.sightings >= (KILL_AFTER * BATCH_SIZE) as u64,
        "{stats:?}"
    );
    assert_eq!(
        stats.sightings % BATCH_SIZE as u64,
        0,
        "a torn batch: {stats:?}"
    );
    let partial = dump(&killed);
    assert!(!partial.is_empty());
    ingest_all(&killed, &mut |_| {});

    let clean = dir.path().join("clean.db");
    ingest_all(&clean, &mut |_| {});
    let resumed = dump(&killed);
    assert!(partial.len() < resumed.len(), "the kill must land mid-run");
    assert_eq!(resumed, dump(&clean));
}
