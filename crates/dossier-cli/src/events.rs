//! Event commands: `dossier eval muc4`.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use dossier_events::EventExtractor;
use dossier_model::{EventMention, EventRole, EventStatus};
use rayon::prelude::*;

use crate::knowledge;

/// The MUC-4 role a Dossier role is scored as.
fn muc_role(role: EventRole) -> &'static str {
    match role {
        EventRole::PerpetratorIndividual => "PerpInd",
        EventRole::PerpetratorOrganisation => "PerpOrg",
        EventRole::Target => "Target",
        EventRole::Victim => "Victim",
        EventRole::Weapon => "Weapon",
    }
}

/// The scorer's string normalisation: lower case, no punctuation, no
/// articles, single spaces.
fn muc_norm(text: &str) -> String {
    let lower: String = text
        .to_lowercase()
        .chars()
        .filter(|c| !c.is_ascii_punctuation())
        .collect();
    lower
        .split_whitespace()
        .filter(|w| !matches!(*w, "a" | "an" | "the"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Role fillers of a document's real events (main and background, not
/// hypothetical ones), one entity per role and group, each entity named by
/// its first mention.
fn muc_extracts(events: &[EventMention]) -> BTreeMap<&'static str, Vec<Vec<String>>> {
    let mut extracts: BTreeMap<&'static str, Vec<Vec<String>>> =
        ["PerpInd", "PerpOrg", "Target", "Victim", "Weapon"]
            .into_iter()
            .map(|r| (r, Vec::new()))
            .collect();
    let mut seen: BTreeMap<&'static str, Vec<String>> = BTreeMap::new();
    let mut fillers: Vec<_> = events
        .iter()
        .filter(|e| e.status != EventStatus::Hypothetical)
        .flat_map(|e| &e.roles)
        .collect();
    fillers.sort_by_key(|f| (f.span.start(), f.role));
    let mut groups: BTreeMap<(EventRole, String), ()> = BTreeMap::new();
    for filler in fillers {
        let role = muc_role(filler.role);
        let norm = muc_norm(&filler.text);
        let key = filler
            .entity
            .as_ref()
            .map_or_else(|| norm.clone(), |e| e.as_str().to_owned());
        if norm.is_empty() || groups.insert((filler.role, key), ()).is_some() {
            continue;
        }
        let names = seen.entry(role).or_default();
        if names.contains(&norm) {
            continue;
        }
        names.push(norm);
        extracts
            .get_mut(role)
            .expect("every role is listed")
            .push(vec![filler.text.clone()]);
    }
    extracts
}

/// `dossier eval muc4 FILE.jsonl`: one prediction line per document, in the
/// format of `score_muc4.py`.
pub(crate) fn eval_muc4(
    kb_files: &[PathBuf],
    input: &Path,
    out: &mut dyn Write,
) -> Result<ExitCode> {
    let text = std::fs::read_to_string(input)
        .with_context(|| format!("cannot read {}", input.display()))?;
    let annotator = knowledge::annotator(kb_files)?;
    let extractor = EventExtractor::default();
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
            let docid = doc["docid"].as_str().unwrap_or_default();
            let doctext = doc["doctext"].as_str().unwrap_or_default();
            let annotation = annotator.annotate(doctext);
            let events = extractor.extract(annotator.kb(), doctext, &annotation, None);
            let line = serde_json::json!({"docid": docid, "extracts": muc_extracts(&events)});
            Ok(line.to_string())
        })
        .collect();
    for line in lines {
        writeln!(out, "{}", line?)?;
    }
    Ok(ExitCode::SUCCESS)
}
