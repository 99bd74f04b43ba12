//! Documents per second for copy detection on one core, over the texts of a
//! JSON Lines file (`text` or `doctext` field; `id`/`docid` for ids):
//! `taskset -c 0 cargo run --release -p dossier-bench --example near_dup_speed -- FILE.jsonl [ROUNDS]`.
//!
//! Times, each over all documents in file order (best of ROUNDS):
//! - `minhash_lsh`: shingles + MinHash signature + LSH query + LSH insert, the
//!   work the Python peers in `bench/near_dup_peers.py` do;
//! - `detector`: [`CopyDetector::add`] (also distinctive-sentence hashes,
//!   the sentence index and comparisons), with sentence spans computed
//!   beforehand by `dossier-nlp` (not timed).
//!
//! Prints one JSON line. Peak memory: run it under `/usr/bin/time -v`.

use std::time::Instant;

use dossier_link::{CopyDetector, CopyDoc, LshIndex, Signature, shingle::Shingler};

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: near_dup_speed FILE.jsonl [ROUNDS]");
        std::process::exit(2);
    };
    let rounds: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(3);
    let data = match std::fs::read_to_string(&path) {
        Ok(data) => data,
        Err(err) => {
            eprintln!("near_dup_speed: cannot read {path}: {err}");
            std::process::exit(1);
        }
    };
    let docs: Vec<(String, String)> = data
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .enumerate()
        .filter_map(|(n, doc)| {
            let text = doc.get("text").or_else(|| doc.get("doctext"))?.as_str()?;
            let id = doc
                .get("id")
                .or_else(|| doc.get("docid"))
                .and_then(|id| id.as_str())
                .map_or_else(|| format!("line-{n}"), str::to_owned);
            Some((id, text.to_owned()))
        })
        .collect();
    let bytes: usize = docs.iter().map(|(_, text)| text.len()).sum();

    let mut best_lsh = f64::MAX;
    let mut candidates = 0usize;
    for _ in 0..rounds {
        let start = Instant::now();
        let mut shingler = Shingler::new();
        let mut index = LshIndex::new();
        candidates = 0;
        for (number, (_, text)) in (0u32..).zip(&docs) {
            let signature = Signature::from_shingles(shingler.shingles(text));
            candidates += index.candidates(&signature).len();
            index.insert(number, &signature);
        }
        best_lsh = best_lsh.min(start.elapsed().as_secs_f64());
    }

    let spans: Vec<_> = docs
        .iter()
        .map(|(_, text)| {
            let tokens = dossier_nlp::tokens::tokenize(text);
            dossier_nlp::sentences::split_sentences(text, &tokens)
        })
        .collect();
    let mut best_detector = f64::MAX;
    let mut links = 0usize;
    for _ in 0..rounds {
        let start = Instant::now();
        let mut detector = CopyDetector::new();
        links = 0;
        for ((id, text), sentences) in docs.iter().zip(&spans) {
            links += detector
                .add(&CopyDoc {
                    id,
                    published: None,
                    text,
                    sentences,
                })
                .len();
        }
        best_detector = best_detector.min(start.elapsed().as_secs_f64());
    }
    let n = docs.len() as f64;
    println!(
        "{{\"system\":\"dossier\",\"docs\":{},\"mean_bytes\":{:.0},\"rounds\":{rounds},\"minhash_lsh_seconds\":{best_lsh:.4},\"minhash_lsh_docs_per_sec\":{:.0},\"candidates\":{candidates},\"detector_seconds\":{best_detector:.4},\"detector_docs_per_sec\":{:.0},\"links\":{links}}}",
        docs.len(),
        bytes as f64 / n.max(1.0),
        n / best_lsh,
        n / best_detector,
    );
}
