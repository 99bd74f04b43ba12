//! Documents per second for the whole per-article analysis on one core —
//! sentences, mentions, events and claims — over the texts of a JSON Lines
//! file (`doctext` or `text` field):
//! `cargo run --release -p dossier-bench --example analysis_speed -- FILE.jsonl [ROUNDS]`.
//! Prints one JSON line with the share of time each stage took.

use std::time::Instant;

use dossier_claims::ClaimExtractor;
use dossier_events::EventExtractor;

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .expect("usage: analysis_speed FILE.jsonl [ROUNDS]");
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
    let events = EventExtractor::default();
    let claims = ClaimExtractor::default();
    let (mut annotate_secs, mut events_secs, mut claims_secs) = (0.0, 0.0, 0.0);
    let (mut event_count, mut claim_count) = (0usize, 0usize);
    let start = Instant::now();
    for _ in 0..rounds {
        for text in &texts {
            let t0 = Instant::now();
            let annotation = annotator.annotate(text);
            let t1 = Instant::now();
            let found = events.extract(annotator.kb(), text, &annotation, None);
            let t2 = Instant::now();
            claim_count += claims
                .extract(annotator.kb(), text, &annotation, &found)
                .len();
            let t3 = Instant::now();
            event_count += found.len();
            annotate_secs += (t1 - t0).as_secs_f64();
            events_secs += (t2 - t1).as_secs_f64();
            claims_secs += (t3 - t2).as_secs_f64();
        }
    }
    let secs = start.elapsed().as_secs_f64();
    let docs = (texts.len() * rounds) as f64;
    println!(
        "{{\"system\":\"dossier\",\"docs\":{},\"rounds\":{rounds},\"seconds\":{secs:.3},\"docs_per_sec\":{:.0},\"annotate_share\":{:.2},\"events_share\":{:.2},\"claims_share\":{:.2},\"events_per_doc\":{:.2},\"claims_per_doc\":{:.2}}}",
        texts.len(),
        docs / secs,
        annotate_secs / secs,
        events_secs / secs,
        claims_secs / secs,
        event_count as f64 / docs,
        claim_count as f64 / docs
    );
}
