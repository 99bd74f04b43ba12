//! `dossier eval cluster`: group reports by the incident they describe,
//! without a store (the clustering kit's format).

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result};
use dossier_link::{Day, DocFeatures, DocInput, FeatureConfig, cluster};
use rayon::prelude::*;
use serde::Deserialize;

/// One input line: `{"id", "text", "title"?, "published"?, ...}`.
#[derive(Deserialize)]
struct Row {
    id: String,
    text: String,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    published: Option<String>,
}

/// Reads `{"id", "text", "title"?, "published"?}` lines and prints one
/// `{"id", "cluster"}` line per report, in input order.
pub(crate) fn eval_cluster(input: &Path, out: &mut dyn Write) -> Result<ExitCode> {
    let text = std::fs::read_to_string(input)
        .with_context(|| format!("cannot read {}", input.display()))?;
    let mut rows = Vec::new();
    for (number, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let at = || format!("{}:{}", input.display(), number + 1);
        let row: Row = serde_json::from_str(line).with_context(|| {
            format!(
                "{}: not a JSON object with \"id\" and \"text\" strings",
                at()
            )
        })?;
        let published = match row.published.as_deref() {
            Some(p) => Some(p.parse::<Day>().with_context(at)?),
            None => None,
        };
        rows.push((row, published));
    }
    let config = FeatureConfig::default();
    let docs: Vec<DocFeatures> = rows
        .par_iter()
        .map(|(row, published)| {
            let doc = DocInput {
                id: &row.id,
                title: row.title.as_deref(),
                text: &row.text,
                published: *published,
            };
            DocFeatures::new(&doc, &config)
        })
        .collect();
    let labels = cluster(&docs);
    for ((row, _), label) in rows.iter().zip(labels) {
        writeln!(
            out,
            "{}",
            serde_json::json!({"id": row.id, "cluster": label})
        )?;
    }
    Ok(ExitCode::SUCCESS)
}
