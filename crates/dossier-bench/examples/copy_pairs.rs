//! The copy links and groups `CopyDetector` finds in JSON Lines files
//! (`id`/`docid`, `text`/`doctext`, optional `published`), for checking
//! precision by hand:
//! `cargo run --release -p dossier-bench --example copy_pairs -- FILE.jsonl...`.
//!
//! Prints one JSON line per link, then one per group. Sentence spans come
//! from `dossier-nlp`.

use dossier_link::{CopyDetector, CopyDoc};

fn main() {
    let mut detector = CopyDetector::new();
    for path in std::env::args().skip(1) {
        let data = match std::fs::read_to_string(&path) {
            Ok(data) => data,
            Err(err) => {
                eprintln!("copy_pairs: cannot read {path}: {err}");
                std::process::exit(1);
            }
        };
        for (n, line) in data.lines().enumerate() {
            let Ok(doc) = serde_json::from_str::<serde_json::Value>(line) else {
                eprintln!("copy_pairs: {path}:{}: not JSON", n + 1);
                continue;
            };
            let field = |names: &[&str]| {
                names
                    .iter()
                    .find_map(|name| doc.get(*name).and_then(|v| v.as_str()))
            };
            let Some(text) = field(&["text", "doctext"]) else {
                continue;
            };
            let id =
                field(&["id", "docid"]).map_or_else(|| format!("{path}:{}", n + 1), str::to_owned);
            let tokens = dossier_nlp::tokens::tokenize(text);
            let sentences = dossier_nlp::sentences::split_sentences(text, &tokens);
            for link in detector.add(&CopyDoc {
                id: &id,
                published: field(&["published"]),
                text,
                sentences: &sentences,
            }) {
                println!("{}", serde_json::json!({ "link": link }));
            }
        }
    }
    for group in &detector.groups() {
        println!("{}", serde_json::json!({ "group": group }));
    }
}
