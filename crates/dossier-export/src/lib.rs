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
//! - [`Format::Stix`]: one STIX 2.1 bundle — incidents with casualty ranges
//!   in a property extension, locations, threat actors with aliases joined
//!   by `attributed-to`, a report per article, identities for outlets, an
//!   opinion per claim, a note with each casualty ledger.
//! - [`Format::Parquet`]: five tables in a folder (see [`export_parquet`]):
//!   `events`, `assertions`, `claims`, `articles`, `actors`.
//! - [`Format::GtdCsv`], [`Format::AcledCsv`], [`Format::UcdpCsv`]: one row
//!   per event in each dataset's columns, codes, unknown sentinels and
//!   casualty convention, with the event id and contested fields appended.
#![warn(missing_docs)]

mod datasets;
mod facts;
mod stix;
mod tables;

pub use tables::TableCounts;

use std::io::Write;

use dossier_kb::Kb;
use dossier_pipeline::views::event_dossier;
use dossier_store::{EventQuery, Store};

/// An export format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// JSON Lines: one event dossier per line.
    Jsonl,
    /// Parquet: a folder of tables.
    Parquet,
    /// STIX 2.1: one bundle.
    Stix,
    /// GTD's CSV columns and codes: one row per event.
    GtdCsv,
    /// ACLED's CSV columns and codes: one row per event.
    AcledCsv,
    /// UCDP GED's CSV columns and codes: one row per event.
    UcdpCsv,
}

impl Format {
    /// Every format, in the order `--help` lists them.
    pub const ALL: [Format; 6] = [
        Format::Jsonl,
        Format::Parquet,
        Format::Stix,
        Format::GtdCsv,
        Format::AcledCsv,
        Format::UcdpCsv,
    ];

    /// The name users type (`jsonl`).
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Format::Jsonl => "jsonl",
            Format::Parquet => "parquet",
            Format::Stix => "stix",
            Format::GtdCsv => "gtd-csv",
            Format::AcledCsv => "acled-csv",
            Format::UcdpCsv => "ucdp-csv",
        }
    }

    /// Whether it writes a folder of files rather than one stream.
    #[must_use]
    pub fn is_folder(self) -> bool {
        matches!(self, Format::Parquet)
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
    #[error("D901: cannot write the export: {0}")]
    Io(#[from] std::io::Error),
    /// The Parquet writer failed.
    #[error("D902: cannot write Parquet: {0}")]
    Parquet(#[from] parquet::errors::ParquetError),
    /// A table could not be assembled.
    #[error("D903: cannot build a table: {0}")]
    Arrow(#[from] arrow_schema::ArrowError),
    /// The format writes a folder, not a stream (or the reverse).
    #[error("D904: {0}")]
    Usage(String),
}

/// Events read from the store per listing page.
const PAGE: usize = 256;

/// Calls `each` with the dossier of every event matching `query` (its paging
/// ignored), newest first; returns how many.
fn for_each_event(
    store: &dyn Store,
    kb: &Kb,
    query: &EventQuery,
    each: &mut dyn FnMut(&dossier_pipeline::views::EventDossier) -> Result<(), ExportError>,
) -> Result<u64, ExportError> {
    let mut events = 0;
    let mut offset = 0;
    loop {
        let page = store.list_linked_events(&EventQuery {
            limit: PAGE,
            offset,
            ..query.clone()
        })?;
        for row in &page {
            if let Some(dossier) = event_dossier(store, kb, &row.id)? {
                each(&dossier)?;
                events += 1;
            }
        }
        if page.len() < PAGE {
            return Ok(events);
        }
        offset += PAGE;
    }
}

/// Writes every event matching `query` (its paging ignored) to `out` in a
/// stream format.
///
/// # Errors
/// When the store fails or the output cannot be written (what was written
/// before stays written); [`ExportError::Usage`] for a folder format.
pub fn export(
    store: &dyn Store,
    kb: &Kb,
    query: &EventQuery,
    format: Format,
    out: &mut dyn Write,
) -> Result<ExportSummary, ExportError> {
    if format.is_folder() {
        return Err(ExportError::Usage(format!(
            "{} writes a folder of tables: give one with -o DIR",
            format.name()
        )));
    }
    let events = match format {
        Format::Stix => {
            let mut bundle = stix::Bundle::open(out)?;
            let events = for_each_event(store, kb, query, &mut |dossier| bundle.add(dossier, kb))?;
            bundle.close()?;
            events
        }
        Format::GtdCsv | Format::AcledCsv | Format::UcdpCsv => {
            let dataset = match format {
                Format::GtdCsv => datasets::Dataset::Gtd,
                Format::AcledCsv => datasets::Dataset::Acled,
                _ => datasets::Dataset::Ucdp,
            };
            let mut writer = datasets::DatasetWriter::open(dataset, kb, out)?;
            let events = for_each_event(store, kb, query, &mut |dossier| writer.add(dossier))?;
            writer.close()?;
            events
        }
        Format::Jsonl | Format::Parquet => {
            let events = for_each_event(store, kb, query, &mut |dossier| {
                serde_json::to_writer(&mut *out, dossier).map_err(std::io::Error::from)?;
                out.write_all(b"\n")?;
                Ok(())
            })?;
            out.flush()?;
            events
        }
    };
    Ok(ExportSummary { events })
}

/// Writes every event matching `query` as Parquet tables into `dir`
/// (created if missing): `events.parquet`, `assertions.parquet`,
/// `claims.parquet`, `articles.parquet`, `actors.parquet`.
///
/// # Errors
/// When the store fails or a file cannot be written.
pub fn export_parquet(
    store: &dyn Store,
    kb: &Kb,
    query: &EventQuery,
    dir: &std::path::Path,
) -> Result<TableCounts, ExportError> {
    let mut tables = tables::Tables::create(dir)?;
    for_each_event(store, kb, query, &mut |dossier| tables.add(dossier))?;
    tables.finish(kb)
}
