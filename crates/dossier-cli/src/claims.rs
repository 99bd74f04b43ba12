//! Claim commands: `dossier eval attribution`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use dossier_claims::ClaimExtractor;
use dossier_model::ByteSpan;
use rayon::prelude::*;

use crate::knowledge;

/// Character offset of every byte offset that starts a character, so byte
/// spans can be printed as the code-point offsets Python indexes by.
struct CharOffsets(Vec<u32>);

impl CharOffsets {
    fn new(text: &str) -> Self {
        let mut offsets = vec![0; text.len() + 1];
        let mut chars = 0;
        for (byte, c) in text.char_indices() {
            for slot in &mut offsets[byte..byte + c.len_utf8()] {
                *slot = chars;
            }
            chars += 1;
        }
        offsets[text.len()] = chars;
        Self(offsets)
    }

    fn span(&self, span: ByteSpan) -> [u32; 2] {
        [self.0[span.start() as usize], self.0[span.end() as usize]]
    }

    /// One span as `[s, e]`, several as `[[s, e], …]`.
    fn pieces(&self, spans: &[ByteSpan]) -> serde_json::Value {
        match spans {
            [one] => serde_json::json!(self.span(*one)),
            many => serde_json::json!(many.iter().map(|s| self.span(*s)).collect::<Vec<_>>()),
        }
    }
}

/// `dossier eval attribution FILE.docs.jsonl`: one `{"id", "attributions"}`
/// line per document, spans in character offsets, for `score_attribution.py`.
pub(crate) fn eval_attribution(
    kb_files: &[PathBuf],
    input: &Path,
    out: &mut dyn Write,
) -> Result<ExitCode> {
    let text = std::fs::read_to_string(input)
        .with_context(|| format!("cannot read {}", input.display()))?;
    let annotator = knowledge::annotator(kb_files)?;
    let extractor = ClaimExtractor::default();
    let docs: Vec<(usize, &str)> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .collect();
    let lines: Vec<Result<String>> = docs
        .par_iter()
        .map(|&(number, line)| {
            let doc: serde_json::Value = serde_json::from_str(line).with_context(|| {
                format!("{}:{}: not a JSON object", input.display(), number + 1)
            })?;
            let id = doc["id"].as_str().unwrap_or_default();
            let doctext = doc["text"].as_str().with_context(|| {
                format!("{}:{}: no \"text\" string", input.display(), number + 1)
            })?;
            let annotation = annotator.annotate(doctext);
            let chars = CharOffsets::new(doctext);
            let attributions: Vec<serde_json::Value> = extractor
                .attributions(doctext, &annotation)
                .iter()
                .map(|a| {
                    serde_json::json!({
                        "cue": chars.pieces(&a.cue),
                        "source": a.source.map(|s| chars.span(s)),
                        "content": chars.pieces(&a.content),
                    })
                })
                .collect();
            Ok(serde_json::json!({"id": id, "attributions": attributions}).to_string())
        })
        .collect();
    for line in lines {
        writeln!(out, "{}", line?)?;
    }
    Ok(ExitCode::SUCCESS)
}
