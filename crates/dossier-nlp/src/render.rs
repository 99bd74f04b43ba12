//! Mentions rendered as plain text, one per line, for people and for
//! snapshot tests.

use std::fmt::Write;

use dossier_model::{LearnedAlias, Mention};

/// One line per mention — `12..16 actor "IS-K" → actor:islamic-state-khorasan
/// 1.000 [gazetteer]` — then one per learned alias.
#[must_use]
pub fn render_mentions(text: &str, mentions: &[Mention], aliases: &[LearnedAlias]) -> String {
    let mut out = String::new();
    for mention in mentions {
        let kind = serde_kind(&mention.kind);
        let _ = write!(
            out,
            "{:?} {kind}{} {:?}",
            mention.span,
            mention
                .category
                .as_ref()
                .map(|c| format!("/{c}"))
                .unwrap_or_default(),
            &text[mention.span]
        );
        match &mention.entity {
            Some(entity) => {
                let _ = write!(out, " → {entity} {:.3}", mention.confidence);
            }
            None if !mention.candidates.is_empty() => {
                let _ = write!(out, " → ?");
            }
            None => {}
        }
        if mention.candidates.len() > 1 {
            let list: Vec<String> = mention
                .candidates
                .iter()
                .map(|c| format!("{} {:.3}", c.entity, c.confidence))
                .collect();
            let _ = write!(out, " ({})", list.join(" | "));
        }
        let _ = writeln!(out, " [{}]", mention.rule);
    }
    for alias in aliases {
        let target = alias.entity.as_ref().map_or_else(
            || {
                format!(
                    "conflict {:?}",
                    alias
                        .conflict
                        .iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                )
            },
            ToString::to_string,
        );
        let _ = writeln!(
            out,
            "alias {:?} {:?} → {target} ({}, in {:?})",
            alias.span,
            alias.alias,
            serde_kind(&alias.pattern),
            alias.sentence
        );
    }
    out
}

fn serde_kind(value: &impl serde::Serialize) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}
