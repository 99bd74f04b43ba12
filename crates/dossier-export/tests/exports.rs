//! Exports of the bundled sample. JSON Lines: one line per event across
//! articles, each the event's whole dossier, read back equal to the record,
//! the same bytes on every run, every assertion with its provenance.
//! Parquet: five tables read back with the parquet crate's own reader
//! (`.ci/parquet_readback.py` reads them with DuckDB and pyarrow).

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

#[test]
fn parquet_tables_read_back() {
    use arrow_array::cast::AsArray;
    use arrow_array::types::UInt64Type;
    use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

    let dir = tempfile::tempdir().unwrap();
    let (store, kb) = sample_store(dir.path());
    let out = dir.path().join("tables");
    let counts = dossier_export::export_parquet(&store, &kb, &EventQuery::default(), &out).unwrap();
    assert_eq!(counts.events, store.count_linked_events().unwrap());
    let read = |name: &str| {
        let file = std::fs::File::open(out.join(format!("{name}.parquet"))).unwrap();
        let reader = ParquetRecordBatchReaderBuilder::try_new(file)
            .unwrap()
            .build()
            .unwrap();
        reader.map(Result::unwrap).collect::<Vec<_>>()
    };
    let rows = |batches: &[arrow_array::RecordBatch]| -> u64 {
        batches.iter().map(|b| b.num_rows() as u64).sum()
    };
    for (name, expected) in [
        ("events", counts.events),
        ("assertions", counts.assertions),
        ("claims", counts.claims),
        ("articles", counts.articles),
        ("actors", counts.actors),
    ] {
        assert!(expected > 0, "{name} is empty");
        assert_eq!(rows(&read(name)), expected, "{name}");
    }
    // the Crocus event's consensus toll reads back as the record has it
    let events = read("events");
    let batch = &events[0];
    let ids = batch.column_by_name("id").unwrap().as_string::<i32>();
    let best = batch
        .column_by_name("killed_best")
        .unwrap()
        .as_primitive::<UInt64Type>();
    let members = batch
        .column_by_name("reports")
        .unwrap()
        .as_primitive::<arrow_array::types::UInt32Type>();
    let crocus = (0..batch.num_rows())
        .max_by_key(|&i| members.value(i))
        .unwrap();
    let dossier = event_dossier(&store, &kb, ids.value(crocus))
        .unwrap()
        .unwrap();
    assert_eq!(
        best.value(crocus),
        dossier.digest.killed.as_ref().unwrap().best
    );
    // every assertion row keeps its provenance
    let assertions = read("assertions");
    for batch in &assertions {
        for column in ["article_id", "quote", "extractor", "source"] {
            assert_eq!(
                batch.column_by_name(column).unwrap().null_count(),
                0,
                "{column}"
            );
        }
    }
    // the same store gives the same files
    let again = dir.path().join("again");
    dossier_export::export_parquet(&store, &kb, &EventQuery::default(), &again).unwrap();
    for name in ["events", "assertions", "claims", "articles", "actors"] {
        let file = format!("{name}.parquet");
        assert_eq!(
            std::fs::read(out.join(&file)).unwrap(),
            std::fs::read(again.join(&file)).unwrap(),
            "{name}"
        );
    }
}

#[test]
fn stix_bundle_holds_together() {
    use std::collections::BTreeSet;

    let dir = tempfile::tempdir().unwrap();
    let (store, kb) = sample_store(dir.path());
    let mut out = Vec::new();
    let summary = export(&store, &kb, &EventQuery::default(), Format::Stix, &mut out).unwrap();
    assert_eq!(summary.events, store.count_linked_events().unwrap());
    let bundle: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(bundle["type"], "bundle");
    let objects = bundle["objects"].as_array().unwrap();
    let ids: BTreeSet<&str> = objects.iter().map(|o| o["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), objects.len(), "an object written twice");
    let of_type = |t: &'static str| objects.iter().filter(move |o| o["type"] == t);
    assert_eq!(of_type("incident").count() as u64, summary.events);
    for object in objects {
        let kind = object["type"].as_str().unwrap();
        assert!(
            object["id"]
                .as_str()
                .unwrap()
                .starts_with(&format!("{kind}--"))
        );
        assert_eq!(object["spec_version"], "2.1", "{object}");
        assert!(object["created"].as_str().unwrap().ends_with('Z'));
        // every reference points into the bundle
        for key in ["source_ref", "target_ref", "created_by_ref"] {
            if let Some(target) = object[key].as_str() {
                assert!(ids.contains(target), "{key} {target} dangles");
            }
        }
        for target in object["object_refs"].as_array().into_iter().flatten() {
            assert!(
                ids.contains(target.as_str().unwrap()),
                "object_ref {target} dangles"
            );
        }
    }
    // opinions use the closed vocabulary
    let vocabulary = [
        "strongly-disagree",
        "disagree",
        "neutral",
        "agree",
        "strongly-agree",
    ];
    let opinions: Vec<&str> = of_type("opinion")
        .map(|o| o["opinion"].as_str().unwrap())
        .collect();
    assert!(opinions.iter().all(|o| vocabulary.contains(o)));
    assert!(opinions.contains(&"strongly-agree") && opinions.contains(&"strongly-disagree"));
    // IS-K as a threat actor with its aliases, attributed the Crocus incident
    let isk = of_type("threat-actor")
        .find(|a| a["name"] == "Islamic State Khorasan Province")
        .expect("IS-K");
    let aliases: Vec<&str> = isk["aliases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_str().unwrap())
        .collect();
    assert!(
        aliases.contains(&"ISIS-K") && aliases.contains(&"ISKP"),
        "{aliases:?}"
    );
    let attributed = of_type("relationship")
        .find(|r| r["relationship_type"] == "attributed-to" && r["target_ref"] == isk["id"])
        .expect("attributed-to IS-K");
    let incident = objects
        .iter()
        .find(|o| o["id"] == attributed["source_ref"])
        .unwrap();
    let extension = incident["extensions"]
        .as_object()
        .unwrap()
        .values()
        .next()
        .unwrap();
    assert_eq!(extension["extension_type"], "property-extension");
    assert_eq!(extension["killed"]["ucdp_best"], 139);
    // the same store gives the same bundle
    let mut again = Vec::new();
    export(
        &store,
        &kb,
        &EventQuery::default(),
        Format::Stix,
        &mut again,
    )
    .unwrap();
    assert_eq!(out, again);
}
