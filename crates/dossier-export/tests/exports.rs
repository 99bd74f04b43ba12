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

/// A CSV export read back: the header and the rows as maps.
fn dataset_rows(
    store: &SqliteStore,
    kb: &Kb,
    format: Format,
) -> (Vec<String>, Vec<std::collections::HashMap<String, String>>) {
    let mut out = Vec::new();
    let summary = export(store, kb, &EventQuery::default(), format, &mut out).unwrap();
    let mut again = Vec::new();
    export(store, kb, &EventQuery::default(), format, &mut again).unwrap();
    assert_eq!(out, again, "{} is not deterministic", format.name());
    let mut reader = csv::Reader::from_reader(out.as_slice());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    let rows: Vec<_> = reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            assert_eq!(r.len(), header.len(), "a row of the wrong width");
            header
                .iter()
                .cloned()
                .zip(r.iter().map(str::to_owned))
                .collect()
        })
        .collect();
    assert_eq!(rows.len() as u64, summary.events);
    (header, rows)
}

fn code_in(row: &std::collections::HashMap<String, String>, column: &str, allowed: &[&str]) {
    let value = &row[column];
    assert!(
        allowed.contains(&value.as_str()),
        "{column} = {value:?} is not one of {allowed:?}"
    );
}

fn codes(range: std::ops::RangeInclusive<u32>) -> Vec<String> {
    range.map(|c| c.to_string()).collect()
}

fn as_str(codes: &[String]) -> Vec<&str> {
    codes.iter().map(String::as_str).collect()
}

#[test]
fn dataset_csvs_read_back_with_each_datasets_codes_and_the_ledgers_figures() {
    let dir = tempfile::tempdir().unwrap();
    let (store, kb) = sample_store(dir.path());
    let dossiers: std::collections::HashMap<String, Value> =
        jsonl(&store, &kb, &EventQuery::default())
            .split(|&b| b == b'\n')
            .filter(|l| !l.is_empty())
            .map(|l| serde_json::from_slice::<Value>(l).unwrap())
            .map(|v| (v["event"]["id"].as_str().unwrap().to_owned(), v))
            .collect();
    let consensus = |id: &str, field: &str, key: &str| {
        dossiers[id]["record"][field]["consensus"][key]
            .as_u64()
            .map(|n| n.to_string())
    };
    let crocus = dossiers
        .values()
        .max_by_key(|d| d["reports"].as_array().unwrap().len())
        .unwrap()["event"]["id"]
        .as_str()
        .unwrap()
        .to_owned();

    let (header, rows) = dataset_rows(&store, &kb, Format::GtdCsv);
    assert_eq!(header.len(), 135 + 3);
    assert_eq!(&header[..4], ["eventid", "iyear", "imonth", "iday"]);
    assert_eq!(header[134], "related");
    let (attack, target, weapon) = (codes(1..=9), codes(1..=22), codes(1..=13));
    let (specificity, region, mode) = (codes(1..=5), codes(1..=12), codes(1..=10));
    let mut ids = std::collections::BTreeSet::new();
    for row in &rows {
        let id = &row["dossier_event_id"];
        assert!(ids.insert(id.clone()), "event {id} written twice");
        assert_eq!(row["eventid"].len(), 12, "GTD ids are YYYYMMDD + 4 digits");
        assert!(row["iyear"].is_empty() || row["eventid"].starts_with(&row["iyear"]));
        code_in(row, "attacktype1", &as_str(&attack));
        code_in(row, "targtype1", &as_str(&target));
        code_in(row, "weaptype1", &as_str(&weapon));
        code_in(row, "specificity", &as_str(&specificity));
        for yes_no in ["claimed", "property", "INT_ANY", "doubtterr"] {
            code_in(row, yes_no, &["1", "0", "-9"]);
        }
        for zero_one in ["extended", "multiple", "suicide", "individual", "ishostkid"] {
            code_in(row, zero_one, &["1", "0"]);
        }
        if !row["region"].is_empty() {
            code_in(row, "region", &as_str(&region));
        }
        if row["claimed"] == "1" {
            code_in(row, "claimmode", &as_str(&mode));
        }
        // GTD leaves an unknown toll blank, never -99 or 0
        assert_eq!(
            Some(row["nkill"].clone()).filter(|s| !s.is_empty()),
            consensus(id, "killed", "gtd"),
            "nkill of {id}"
        );
        assert_eq!(
            Some(row["nwound"].clone()).filter(|s| !s.is_empty()),
            consensus(id, "wounded", "gtd")
        );
        assert_eq!(row["dbsource"], "Dossier");
    }
    assert_eq!(ids.len(), dossiers.len());
    let row = rows
        .iter()
        .find(|r| r["dossier_event_id"] == crocus)
        .unwrap();
    assert_eq!(
        (&*row["iyear"], &*row["imonth"], &*row["iday"]),
        ("2024", "3", "22")
    );
    assert_eq!((&*row["country"], &*row["country_txt"]), ("167", "Russia"));
    assert_eq!((&*row["region"], &*row["city"]), ("9", "Krasnogorsk"));
    assert_eq!((&*row["attacktype1"], &*row["weaptype1"]), ("2", "5"));
    assert_eq!(
        row["targtype1"], "14",
        "people killed make private citizens the target"
    );
    assert_eq!(row["gname"], "Islamic State Khorasan Province");
    assert_eq!((&*row["claimed"], &*row["claimmode"]), ("1", "7"));
    assert_eq!(row["compclaim"], "0", "one group claimed");
    assert_eq!(row["guncertain1"], "0");
    assert_eq!(row["dossier_contested"], "perpetrator");
    assert!(row["scite1"].contains("March 22, 2024"));

    let (header, rows) = dataset_rows(&store, &kb, Format::AcledCsv);
    assert_eq!(header.len(), 31 + 3);
    assert_eq!(header[0], "event_id_cnty");
    let inter = [
        "State forces",
        "Rebel group",
        "Political militia",
        "Identity militia",
        "Rioters",
        "Protesters",
        "Civilians",
        "External/Other forces",
    ];
    for row in &rows {
        let id = &row["dossier_event_id"];
        code_in(row, "time_precision", &["1", "2", "3"]);
        code_in(row, "geo_precision", &["1", "2", "3"]);
        code_in(row, "inter1", &inter);
        code_in(row, "inter2", &inter);
        code_in(
            row,
            "event_type",
            &[
                "Battles",
                "Explosions/Remote violence",
                "Violence against civilians",
                "Strategic developments",
            ],
        );
        // ACLED writes 0 for an unknown toll
        assert_eq!(
            row["fatalities"],
            consensus(id, "killed", "acled").unwrap_or_else(|| "0".into())
        );
        let (a, b) = row["interaction"].split_once('-').unwrap();
        let rank = |x: &str| inter.iter().position(|i| *i == x).unwrap();
        assert!(rank(a) <= rank(b), "interaction names the lower type first");
    }
    let row = rows
        .iter()
        .find(|r| r["dossier_event_id"] == crocus)
        .unwrap();
    assert_eq!((&*row["iso"], &*row["country"]), ("643", "Russia"));
    assert_eq!(row["region"], "Europe");
    assert!(row["event_id_cnty"].starts_with("RUS"));
    assert_eq!(row["event_date"], "2024-03-22");
    assert_eq!(row["actor1"], "Islamic State Khorasan Province");
    assert_eq!(row["interaction"], "Rebel group-Civilians");
    assert_eq!(row["civilian_targeting"], "Civilians targeted");

    let (header, rows) = dataset_rows(&store, &kb, Format::UcdpCsv);
    assert_eq!(header.len(), 49 + 3);
    assert_eq!(&header[46..49], ["low", "gwnoa", "gwnob"]);
    for row in &rows {
        let id = &row["dossier_event_id"];
        assert_eq!(&row["relid"], id);
        code_in(row, "type_of_violence", &["1", "2", "3"]);
        code_in(row, "date_prec", &["1", "2", "3", "4", "5"]);
        if !row["where_prec"].is_empty() {
            code_in(row, "where_prec", &["1", "2", "3", "4", "5", "6", "7"]);
        }
        assert!(row["date_start"] <= row["date_end"]);
        for (column, key) in [
            ("best", "ucdp_best"),
            ("low", "ucdp_low"),
            ("high", "ucdp_high"),
        ] {
            assert_eq!(
                Some(row[column].clone()).filter(|s| !s.is_empty()),
                consensus(id, "killed", key),
                "{column} of {id}"
            );
        }
    }
    let row = rows
        .iter()
        .find(|r| r["dossier_event_id"] == crocus)
        .unwrap();
    assert_eq!(
        row["type_of_violence"], "3",
        "one-sided: an armed group against civilians"
    );
    assert_eq!((&*row["side_b"], &*row["country_id"]), ("Civilians", "365"));
    assert_eq!((&*row["where_prec"], &*row["date_prec"]), ("1", "1"));
    assert_eq!(row["priogrid_gid"], "209955");
    assert_eq!(row["number_of_sources"], "9");
}
