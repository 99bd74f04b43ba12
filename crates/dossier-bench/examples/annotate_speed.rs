//! Documents per second for sentence splitting + mention linking on one
//! core, over the texts of a JSON Lines file (`doctext` or `text` field):
//! `cargo run --release -p dossier-bench --example annotate_speed -- FILE.jsonl [ROUNDS]`.
//! Prints one JSON line; `scripts/bench_mentions_peers.sh` runs it beside spaCy.

use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .expect("usage: annotate_speed FILE.jsonl [ROUNDS]");
    let rounds: usize = args
        .next()
        .map_or(5, |r| r.parse().expect("ROUNDS is a number"));
    let texts = {
        let data = std::fs::read_to_string(&path).expect("readable JSON Lines");
        data.lines()
            .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
            .filter_map(|doc| {
                doc.get("doctext")
                    .or_else(|| doc.get("text"))
                    .and_then(|t| t.as_str().map(str::to_owned))
            })
            .collect::<Vec<_>>()
    };
    let load = Instant::now();
    let annotator = dossier_bench::annotator();
    let load_secs = load.elapsed().as_secs_f64();
    let bytes: usize = texts.iter().map(String::len).sum();
    let mut mentions = 0usize;
    let start = Instant::now();
    for _ in 0..rounds {
        for text in &texts {
            mentions += annotator.annotate(text).mentions.len();
        }
    }
    let secs = start.elapsed().as_secs_f64();
    let docs = (texts.len() * rounds) as f64;
    println!(
        "{{\"system\":\"dossier\",\"docs\":{},\"rounds\":{rounds},\"seconds\":{secs:.3},\"docs_per_sec\":{:.0},\"mb_per_sec\":{:.2},\"mentions_per_doc\":{:.1},\"kb_load_seconds\":{load_secs:.3}}}",
        texts.len(),
        docs / secs,
        (bytes * rounds) as f64 / secs / 1e6,
        mentions as f64 / docs
    );
}
