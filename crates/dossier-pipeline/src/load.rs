//! `dossier load`: store what `dossier extract` printed elsewhere.
//!
//! The per-article stage is a pure function of the document, so a cluster
//! (Spark's `rdd.pipe`, a job array) can run `dossier extract` over shards
//! and hand back its JSON Lines; loading them stores the same articles a
//! direct ingest would, without extracting again, and the caller links
//! them once. A line that is not an outcome, or whose article does not hold
//! together (an id that is not its text's, a span outside the text), is a
//! failure naming the file and line; the rest still load.

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use dossier_model::{Article, ArticleId, Outcome};
use dossier_store::Store;
use serde::Deserialize;
use serde_json::Value;

use crate::ingest::{IngestSummary, commit_articles};
use crate::{IngestOptions, PipelineError};

/// The error code of a line that cannot be loaded.
pub const BAD_OUTCOME: &str = "D107";

/// The files an input names: a file, `-` for stdin, or a folder's files in
/// name order (a Spark output folder: `part-00000`, …; names starting with
/// `_` or `.` such as `_SUCCESS` and checksums are skipped).
fn files_of(input: &str) -> std::io::Result<Vec<PathBuf>> {
    let path = Path::new(input);
    if !path.is_dir() {
        return Ok(vec![path.to_owned()]);
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(path)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.is_file()
                && p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| !n.starts_with('_') && !n.starts_with('.'))
        })
        .collect();
    files.sort();
    Ok(files)
}

fn open(path: &Path) -> std::io::Result<Box<dyn BufRead>> {
    if path.as_os_str() == "-" {
        return Ok(Box::new(BufReader::new(std::io::stdin())));
    }
    let file = File::open(path)?;
    let reader: Box<dyn Read> = if path.extension().is_some_and(|e| e == "gz") {
        Box::new(flate2::read::MultiGzDecoder::new(file))
    } else {
        Box::new(file)
    };
    Ok(Box::new(BufReader::with_capacity(1 << 20, reader)))
}

/// Every `[start, end]` pair of integers under `value`: the spans of an
/// article's layers.
fn spans(value: &Value, found: &mut Vec<(u64, u64)>) {
    match value {
        Value::Array(items) => {
            if let [Value::Number(a), Value::Number(b)] = items.as_slice()
                && let (Some(a), Some(b)) = (a.as_u64(), b.as_u64())
            {
                found.push((a, b));
                return;
            }
            items.iter().for_each(|v| spans(v, found));
        }
        Value::Object(map) => map.values().for_each(|v| spans(v, found)),
        _ => {}
    }
}

/// Why an article from elsewhere cannot be stored as it is.
fn inconsistency(article: &Article, layers: &Value) -> Option<String> {
    if ArticleId::from_text(&article.text) != article.id {
        return Some(format!(
            "article {} does not have the id of its text (edited after extraction?)",
            article.id
        ));
    }
    let mut found = Vec::new();
    spans(layers, &mut found);
    let text = &article.text;
    for (start, end) in found {
        let inside = start <= end
            && usize::try_from(end).is_ok_and(|e| e <= text.len())
            && text.is_char_boundary(usize::try_from(start).unwrap_or(usize::MAX))
            && text.is_char_boundary(usize::try_from(end).unwrap_or(usize::MAX));
        if !inside {
            return Some(format!(
                "article {} has a span [{start}, {end}] outside its {}-byte text",
                article.id,
                text.len()
            ));
        }
    }
    None
}

/// Stores the articles of `dossier extract` outcomes read from `inputs`
/// (files, folders of part files, `.gz`, `-`), batch by batch; rejections
/// and failures in them are recorded as an ingest records its own. Linking
/// is the caller's.
///
/// # Errors
/// Only when the store fails; batches committed before stay committed.
pub fn load(
    inputs: &[String],
    store: &mut dyn Store,
    options: &IngestOptions,
    progress: &mut dyn FnMut(&IngestSummary),
) -> Result<IngestSummary, PipelineError> {
    let mut summary = IngestSummary::default();
    let batch_size = options.batch_size.max(1);
    let mut batch: Vec<Article> = Vec::with_capacity(batch_size);
    for input in inputs {
        let files = match files_of(input) {
            Ok(files) => files,
            Err(err) => {
                summary.fail(input.clone(), "D101".into(), err.to_string());
                continue;
            }
        };
        for path in files {
            let name = path.display().to_string();
            let mut reader = match open(&path) {
                Ok(reader) => reader,
                Err(err) => {
                    summary.fail(name, "D101".into(), err.to_string());
                    continue;
                }
            };
            let mut line = Vec::new();
            let mut number = 0u64;
            loop {
                line.clear();
                match reader.read_until(b'\n', &mut line) {
                    Ok(0) => break,
                    Ok(_) => {}
                    Err(err) => {
                        let code = if err.kind() == std::io::ErrorKind::InvalidInput
                            || err.kind() == std::io::ErrorKind::UnexpectedEof
                        {
                            "D102"
                        } else {
                            "D101"
                        };
                        summary.fail(
                            format!("{name} line {}", number + 1),
                            code.into(),
                            err.to_string(),
                        );
                        break;
                    }
                }
                number += 1;
                if line.iter().all(u8::is_ascii_whitespace) {
                    continue;
                }
                let at = format!("{name} line {number}");
                // one parse: the outcome is read from the JSON value, whose
                // layers the span check walks
                let parsed = serde_json::from_slice::<Value>(&line)
                    .and_then(|value| Outcome::deserialize(&value).map(|o| (o, value)));
                summary.read += 1;
                match parsed {
                    Ok((Outcome::Kept(article), value)) => {
                        if let Some(problem) = inconsistency(&article, &value["layers"]) {
                            summary.fail(at, BAD_OUTCOME.into(), problem);
                            continue;
                        }
                        batch.push(*article);
                        if batch.len() >= batch_size {
                            commit_articles(std::mem::take(&mut batch), store, &mut summary)?;
                            progress(&summary);
                        }
                    }
                    Ok((Outcome::Rejected { input, reason }, _)) => summary.reject(input, &reason),
                    Ok((
                        Outcome::Failed {
                            input,
                            code,
                            message,
                        },
                        _,
                    )) => summary.fail(input, code, message),
                    Err(err) => summary.fail(
                        at,
                        BAD_OUTCOME.into(),
                        format!("not a `dossier extract` outcome: {err}"),
                    ),
                }
            }
        }
    }
    commit_articles(batch, store, &mut summary)?;
    progress(&summary);
    Ok(summary)
}
