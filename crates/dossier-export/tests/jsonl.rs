//! JSON Lines export of the bundled sample: one line per event across
//! articles, each the event's whole dossier, read back equal to the record,
//! the same bytes on every run, every assertion with its provenance.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use dossier_export::{Format, export};
use dossier_kb::{Kb, KbBuilder};
use dossier_nlp::Annotator;
use dossier_pipeline::views::event_dossier;
use dossier_pipeline::{IngestOptions, Pipeline, Runner, ingest, link_pending, registry};
use dossier_store::{EventQuery, SqliteStore, Store};
use serde_json::Value;

fn sample_store(dir: &Path) -> (SqliteStore, Arc<Kb>) {
    let kb = Arc::new(KbBuilder::with_builtin().unwrap().build().unwrap());
    let mut store = SqliteStore::open(&dir.join("sample.db")).unwrap();
    let annotator = Arc::new(Annotator::new(Arc::clone(&kb)));
    let components = registry::components(registry::DEFAULT_COMPONENTS, &annotator).unwrap();
    let runner = Runner::new(Pipeline::new(components).unwrap());
    let sample: PathBuf = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../sample");
    let inputs = [sample.to_str().unwrap().to_owned()];
    ingest(
        &inputs,
        &runner,
        &mut store,
        &IngestOptions::default(),
        &mut |_| {},
    )
    .unwrap();
    link_pending(&mut store, &kb, &mut |_| {}).unwrap();
    (store, kb)
}

fn jsonl(store: &SqliteStore, kb: &Kb, query: &EventQuery) -> Vec<u8> {
    let mut out = Vec::new();
    let summary = export(store, kb, query, Format::Jsonl, &mut out).unwrap();
    assert_eq!(
        summary.events as usize,
        out.iter().filter(|&&b| b == b'\n').count()
    );
    out
}

/// Every object under `value` that has an `extractor` (assertions, claims).
fn provenance_holders<'v>(value: &'v Value, found: &mut Vec<&'v Value>) {
    match value {
        Value::Object(map) => {
            if map.contains_key("extractor") && map.contains_key("article") {
                found.push(value);
            }
            map.values().for_each(|v| provenance_holders(v, found));
        }
        Value::Array(items) => items.iter().for_each(|v| provenance_holders(v, found)),
        _ => {}
    }
}

#[test]
fn every_event_is_one_line_read_back_equal_with_provenance() {
    let dir = tempfile::tempdir().unwrap();
    let (store, kb) = sample_store(dir.path());
    let bytes = jsonl(&store, &kb, &EventQuery::default());
    let lines: Vec<Value> = bytes
        .split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .map(|l| serde_json::from_slice(l).unwrap())
        .collect();
    assert_eq!(lines.len() as u64, store.count_linked_events().unwrap());
    let mut ids: Vec<&str> = lines
        .iter()
        .map(|l| l["event"]["id"].as_str().unwrap())
        .collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), lines.len(), "an event written twice");
    for line in &lines {
        let id = line["event"]["id"].as_str().unwrap();
        // read back, the line is the event's dossier
        let dossier = event_dossier(&store, &kb, id).unwrap().unwrap();
        // (through text: f32 confidences print shortest, as in the file)
        let expected: Value =
            serde_json::from_str(&serde_json::to_string(&dossier).unwrap()).unwrap();
        assert_eq!(line, &expected, "{id}");
        // every assertion and claim names its article, sentence, extractor
        // and confidence
        let mut holders = Vec::new();
        provenance_holders(line, &mut holders);
        for holder in holders {
            assert!(holder["sentence"].is_array(), "{holder}");
            assert!(holder["confidence"].is_number(), "{holder}");
        }
    }
    // the Crocus event: its toll series and perpetrator status travel with it
    let crocus = lines
        .iter()
        .max_by_key(|l| l["event"]["members"].as_u64())
        .unwrap();
    assert!(
        crocus["record"]["killed"]["series"]
            .as_array()
            .unwrap()
            .len()
            >= 3
    );
    assert_eq!(crocus["record"]["perpetrator"]["status"], "contested");
    assert!(crocus["claims"].as_array().unwrap().len() >= 10);
    // the same store gives the same bytes
    assert_eq!(bytes, jsonl(&store, &kb, &EventQuery::default()));
}

#[test]
fn filters_choose_the_events() {
    let dir = tempfile::tempdir().unwrap();
    let (store, kb) = sample_store(dir.path());
    let all = jsonl(&store, &kb, &EventQuery::default());
    let contested = jsonl(
        &store,
        &kb,
        &EventQuery {
            contested: true,
            ..EventQuery::default()
        },
    );
    let count = |b: &[u8]| b.iter().filter(|&&c| c == b'\n').count();
    assert!(count(&contested) >= 1 && count(&contested) < count(&all));
    for line in contested.split(|&b| b == b'\n').filter(|l| !l.is_empty()) {
        let value: Value = serde_json::from_slice(line).unwrap();
        assert!(!value["digest"]["contested"].as_array().unwrap().is_empty());
    }
    let none = jsonl(
        &store,
        &kb,
        &EventQuery {
            since: Some("2030".to_owned()),
            ..EventQuery::default()
        },
    );
    assert!(none.is_empty());
}
