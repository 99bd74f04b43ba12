//! Threshold sweep for the incident clustering on a kit with gold labels.
//!
//! ```sh
//! K=../shared/eval/clustering
//! cargo run --release -p dossier-link --example cluster_sweep -- \
//!     $K/dev.docs.jsonl $K/dev.gold.jsonl [corpus] [name=value ...]
//! ```
//! Prints pairwise and B-cubed F1 (the kit's definitions) for thresholds
//! around the default, so that the stability of the chosen one shows.
//! `corpus` weights terms by IDF over the input instead of the background
//! table; `name=value` sets a `FeatureConfig` or `ClusterConfig` field
//! (`name_boost=1.5`, `probe_terms=16`, ...). With `SWEEP_PREDICTIONS=FILE`
//! the clustering at the given threshold is written there as JSON Lines.
#![allow(clippy::print_stdout, missing_docs)]

use std::collections::HashMap;
use std::time::Instant;

use dossier_link::{ClusterConfig, DocFeatures, DocInput, FeatureConfig, cluster_with};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let docs_text = std::fs::read_to_string(&args[0]).expect("docs file");
    let gold_text = std::fs::read_to_string(&args[1]).expect("gold file");
    let mut features = FeatureConfig::default();
    let mut clustering = ClusterConfig::default();
    let mut corpus = false;
    for arg in &args[2..] {
        if arg == "corpus" {
            corpus = true;
            continue;
        }
        let (name, value) = arg.split_once('=').expect("name=value");
        let v: f32 = value.parse().expect("a number");
        match name {
            "stop_cost" => features.stop_cost = v,
            "idf_floor" => features.idf_floor = v,
            "name_boost" => features.name_boost = v,
            "number_cost" => features.number_cost = v,
            "title_weight" => features.title_weight = v,
            "idf_power" => features.idf_power = v,
            "log_tf" => features.log_tf = v > 0.0,
            "lead_boost" => features.lead_boost = v,
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            "lead_words" => features.lead_words = v as usize,
            "threshold" => clustering.threshold = v,
            "min_similarity" => clustering.min_similarity = v,
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            "neighbours" => clustering.neighbours = v as usize,
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            "probe_terms" => clustering.probe_terms = v as usize,
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            "max_postings" => clustering.max_postings = v as usize,
            _ => panic!("unknown parameter {name}"),
        }
    }
    let rows: Vec<serde_json::Value> = docs_text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("JSON"))
        .collect();
    let gold: HashMap<String, (String, String)> = gold_text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("JSON");
            let s = |k: &str| v[k].as_str().unwrap_or_default().to_owned();
            (s("id"), (s("cluster"), s("topic")))
        })
        .collect();
    let inputs: Vec<DocInput<'_>> = rows
        .iter()
        .map(|r| DocInput {
            id: r["id"].as_str().expect("id"),
            title: r["title"].as_str(),
            text: r["text"].as_str().expect("text"),
            published: r["published"].as_str().and_then(|p| p.parse().ok()),
        })
        .collect();
    let start = Instant::now();
    let docs: Vec<DocFeatures> = if corpus {
        DocFeatures::with_corpus_idf(&inputs, &features)
    } else {
        inputs
            .iter()
            .map(|d| DocFeatures::new(d, &features))
            .collect()
    };
    let featured = start.elapsed();
    let labels = cluster_with(&docs, &clustering);
    println!(
        "{} docs: features {:.0} ms, clustering {:.0} ms",
        docs.len(),
        featured.as_secs_f64() * 1e3,
        (start.elapsed() - featured).as_secs_f64() * 1e3
    );
    if let Ok(path) = std::env::var("SWEEP_PREDICTIONS") {
        let lines: String = inputs
            .iter()
            .zip(&labels)
            .map(|(d, l)| format!("{}\n", serde_json::json!({"id": d.id, "cluster": l})))
            .collect();
        std::fs::write(path, lines).expect("write predictions");
    }
    let gold_of = |field: usize| -> Vec<String> {
        inputs
            .iter()
            .map(|d| {
                let g = &gold[d.id];
                if field == 0 { g.0.clone() } else { g.1.clone() }
            })
            .collect()
    };
    let (incident, topic) = (gold_of(0), gold_of(1));
    let base = clustering.threshold;
    for step in -6i8..=6 {
        let t = base + f32::from(step) * 0.01;
        if t <= 0.0 {
            continue;
        }
        let config = ClusterConfig {
            threshold: t,
            ..clustering
        };
        let labels = if step == 0 {
            labels.clone()
        } else {
            cluster_with(&docs, &config)
        };
        let (pp, pr, pf, bf, n) = score(&incident, &labels);
        let (_, _, tf, _, _) = score(&topic, &labels);
        println!(
            "{}threshold {t:.2}  pairwise P {pp:.3} R {pr:.3} F1 {pf:.3}  B3 F1 {bf:.3}  topic F1 {tf:.3}  clusters {n}",
            if step == 0 { "* " } else { "  " }
        );
    }
}

/// Pairwise P, R, F1, B-cubed F1 and the number of predicted clusters.
#[allow(clippy::cast_precision_loss)]
fn score(gold: &[String], pred: &[u32]) -> (f64, f64, f64, f64, usize) {
    let mut cells: HashMap<(u32, &str), f64> = HashMap::new();
    let mut size_p: HashMap<u32, f64> = HashMap::new();
    let mut size_g: HashMap<&str, f64> = HashMap::new();
    for (g, &p) in gold.iter().zip(pred) {
        *cells.entry((p, g)).or_default() += 1.0;
        *size_p.entry(p).or_default() += 1.0;
        *size_g.entry(g).or_default() += 1.0;
    }
    let pairs = |n: f64| n * (n - 1.0) / 2.0;
    let tp: f64 = cells.values().map(|&n| pairs(n)).sum();
    let pp: f64 = size_p.values().map(|&n| pairs(n)).sum();
    let gp: f64 = size_g.values().map(|&n| pairs(n)).sum();
    let (p, r) = (tp / pp.max(1.0), tp / gp.max(1.0));
    let n = gold.len() as f64;
    let b3p: f64 = cells
        .iter()
        .map(|(&(pl, _), &c)| c * c / size_p[&pl])
        .sum::<f64>()
        / n;
    let b3r: f64 = cells
        .iter()
        .map(|(&(_, gl), &c)| c * c / size_g[gl])
        .sum::<f64>()
        / n;
    let f = |p: f64, r: f64| {
        if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        }
    };
    (p, r, f(p, r), f(b3p, b3r), size_p.len())
}
