//! How do I get the record into my own tools?
//!
//! Exports walk the events across articles that match a filter (the same
//! filters as `dossier events` and the API), newest first, one event in
//! memory at a time, and write them in a format other tools read.
//!
//! - [`Format::Jsonl`]: one JSON object per event — the resolved record with
//!   every assertion's provenance (article, sentence span and text, outlet,
//!   independent source, copy, extractor, confidence), the casualty series
//!   and consensus, the perpetrator status with its claims, the reports and
//!   every claim — the shape the API's event page has.
#![warn(missing_docs)]

use std::io::Write;

use dossier_kb::Kb;
use dossier_pipeline::views::event_dossier;
use dossier_store::{EventQuery, Store};

/// An export format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// JSON Lines: one event dossier per line.
    Jsonl,
}

impl Format {
    /// Every format, in the order `--help` lists them.
    pub const ALL: [Format; 1] = [Format::Jsonl];

    /// The name users type (`jsonl`).
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Format::Jsonl => "jsonl",
        }
    }

    /// The format named `name`.
    #[must_use]
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.name() == name)
    }
}

/// What an export wrote.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct ExportSummary {
    /// Events written.
    pub events: u64,
}

/// Why an export stopped.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ExportError {
    /// The store failed or holds a record that cannot be read.
    #[error(transparent)]
    Pipeline(#[from] dossier_pipeline::PipelineError),
    /// The store failed.
    #[error(transparent)]
    Store(#[from] dossier_store::Error),
    /// Writing the output failed.
    #[error("D601: cannot write the export: {0}")]
    Io(#[from] std::io::Error),
}

/// Events read from the store per listing page.
const PAGE: usize = 256;

/// Writes every event matching `query` (its paging ignored) in `format`.
///
/// # Errors
/// When the store fails or the output cannot be written; what was written
/// before stays written.
pub fn export(
    store: &dyn Store,
    kb: &Kb,
    query: &EventQuery,
    format: Format,
    out: &mut dyn Write,
) -> Result<ExportSummary, ExportError> {
    let mut summary = ExportSummary::default();
    let mut offset = 0;
    loop {
        let page = store.list_linked_events(&EventQuery {
            limit: PAGE,
            offset,
            ..query.clone()
        })?;
        for row in &page {
            let Some(dossier) = event_dossier(store, kb, &row.id)? else {
                continue;
            };
            match format {
                Format::Jsonl => {
                    serde_json::to_writer(&mut *out, &dossier).map_err(std::io::Error::from)?;
                    out.write_all(b"\n")?;
                }
            }
            summary.events += 1;
        }
        if page.len() < PAGE {
            break;
        }
        offset += PAGE;
    }
    out.flush()?;
    Ok(summary)
}
