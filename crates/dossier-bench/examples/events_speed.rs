//! Documents per second for sentences + mentions + events on one core, over
//! the texts of a JSON Lines file (`doctext` or `text` field):
//! `cargo run --release -p dossier-bench --example events_speed -- FILE.jsonl [ROUNDS]`.
//! Prints one JSON line.

use std::time::Instant;

use dossier_events::EventExtractor;

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .expect("usage: events_speed FILE.jsonl [ROUNDS]");
    let rounds: usize = args
        .next()
        .map_or(5, |r| r.parse().expect("ROUNDS is a number"));
    let data = std::fs::read_to_string(&path).expect("readable JSON Lines");
    let texts: Vec<String> = data
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter_map(|doc| {
            doc.get("doctext")
                .or_else(|| doc.get("text"))
                .and_then(|t| t.as_str().map(str::to_owned))
        })
        .collect();
    let annotator = dossier_bench::annotator();
    let extractor = EventExtractor::default();
    let mut events = 0usize;
    let mut annotate_secs = 0.0;
    let start = Instant::now();
    for _ in 0..rounds {
        for text in &texts {
            let before = Instant::now();
            let annotation = annotator.annotate(text);
            annotate_secs += before.elapsed().as_secs_f64();
            events += extractor
                .extract(annotator.kb(), text, &annotation, None)
                .len();
        }
    }
    let secs = start.elapsed().as_secs_f64();
    let docs = (texts.len() * rounds) as f64;
    println!(
        "{{\"system\":\"dossier\",\"docs\":{},\"rounds\":{rounds},\"seconds\":{secs:.3},\"docs_per_sec\":{:.0},\"annotate_share\":{:.2},\"events_per_doc\":{:.2}}}",
        texts.len(),
        docs / secs,
        annotate_secs / secs,
        events as f64 / docs
    );
}
