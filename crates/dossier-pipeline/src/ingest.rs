//! The ingest loop: inputs → documents → articles → store, batch by batch.
//!
//! Reading streams: documents are gathered into batches of
//! [`IngestOptions::batch_size`], each batch is extracted in parallel and
//! committed in one store transaction, so memory stays bounded by the batch
//! and a killed run loses at most the uncommitted batch. Re-running the same
//! inputs resumes: stored articles and sightings are recognised and left
//! unchanged.

use std::collections::BTreeMap;

use dossier_ingest::input::{InputEvent, ReadOptions, read_bytes, read_input};
use dossier_ingest::{ErrorCode, RawDocument};
use dossier_model::{Article, Outcome};
use dossier_store::{InputFailure, Store};
use serde::Serialize;

use crate::{PipelineError, Runner};

/// Settings for one ingest run.
#[derive(Clone, Debug)]
pub struct IngestOptions {
    /// How inputs are read.
    pub read: ReadOptions,
    /// Documents per store transaction.
    pub batch_size: usize,
}

impl Default for IngestOptions {
    fn default() -> Self {
        Self {
            read: ReadOptions::default(),
            batch_size: 256,
        }
    }
}

/// An input that produced no article, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct InputProblem {
    /// The input, with its locator.
    pub input: String,
    /// `rejected` (read, but no article in it) or `failed` (unreadable).
    pub kind: &'static str,
    /// Stable code: the reject reason key, or a `Dxxx` error code.
    pub code: String,
    /// For people.
    pub message: String,
}

/// What an ingest run did.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct IngestSummary {
    /// Documents read from the inputs.
    pub read: u64,
    /// Articles stored for the first time.
    pub stored: u64,
    /// Documents whose text was already stored from another input.
    pub duplicates: u64,
    /// Documents already stored from this very input (a re-run).
    pub unchanged: u64,
    /// Rejected documents by reason key.
    pub rejected: BTreeMap<String, u64>,
    /// Every rejected or failed input, in the order met.
    pub problems: Vec<InputProblem>,
    /// What linking did after the ingest (filled by the caller that links).
    pub linked: crate::LinkSummary,
    /// How many of `problems` are already recorded in the store.
    #[serde(skip)]
    recorded: usize,
}

impl IngestSummary {
    /// Number of inputs that could not be read.
    #[must_use]
    pub fn failed(&self) -> usize {
        self.problems.iter().filter(|p| p.kind == "failed").count()
    }

    pub(crate) fn reject(&mut self, input: String, reason: &dossier_model::RejectReason) {
        *self.rejected.entry(reason.key().to_owned()).or_default() += 1;
        self.problems.push(InputProblem {
            input,
            kind: "rejected",
            code: reason.key().to_owned(),
            message: reason.to_string(),
        });
    }

    pub(crate) fn fail(&mut self, input: String, code: String, message: String) {
        self.problems.push(InputProblem {
            input,
            kind: "failed",
            code,
            message,
        });
    }
}

/// Reads every input, extracts and annotates its documents, and stores the
/// articles. Calls `progress` after each committed batch.
///
/// Bad inputs never stop the run: they are counted in the summary and
/// recorded in the store's failure table.
///
/// # Errors
/// Only when the store itself fails; batches committed before stay committed.
pub fn ingest(
    inputs: &[String],
    runner: &Runner,
    store: &mut dyn Store,
    options: &IngestOptions,
    progress: &mut dyn FnMut(&IngestSummary),
) -> Result<IngestSummary, PipelineError> {
    let read = &options.read;
    let mut inputs = inputs.iter();
    ingest_from(
        &mut |sink| match inputs.next() {
            Some(input) => {
                read_input(input, read, sink);
                true
            }
            None => false,
        },
        runner,
        store,
        options,
        progress,
    )
}

/// Like [`ingest`], for one input already in memory (an upload): its format
/// is told from its content and `name`'s extension.
///
/// # Errors
/// Only when the store itself fails; batches committed before stay committed.
pub fn ingest_bytes(
    name: &str,
    bytes: Vec<u8>,
    runner: &Runner,
    store: &mut dyn Store,
    options: &IngestOptions,
    progress: &mut dyn FnMut(&IngestSummary),
) -> Result<IngestSummary, PipelineError> {
    let read = &options.read;
    let mut upload = Some(bytes);
    ingest_from(
        &mut |sink| match upload.take() {
            Some(bytes) => {
                read_bytes(name, bytes, read, sink);
                true
            }
            None => false,
        },
        runner,
        store,
        options,
        progress,
    )
}

/// Something that reads the next input into a sink; `false` when none is
/// left.
type NextInput<'a> = dyn FnMut(&mut dyn FnMut(InputEvent)) -> bool + 'a;

fn ingest_from(
    next_input: &mut NextInput<'_>,
    runner: &Runner,
    store: &mut dyn Store,
    options: &IngestOptions,
    progress: &mut dyn FnMut(&IngestSummary),
) -> Result<IngestSummary, PipelineError> {
    let mut summary = IngestSummary::default();
    let mut batch: Vec<RawDocument> = Vec::with_capacity(options.batch_size);
    let mut store_error: Option<PipelineError> = None;
    let batch_size = options.batch_size.max(1);
    loop {
        let more = next_input(&mut |event| {
            if store_error.is_some() {
                return;
            }
            match event {
                InputEvent::Document(raw) => {
                    summary.read += 1;
                    batch.push(raw);
                    if batch.len() >= batch_size {
                        let full = std::mem::take(&mut batch);
                        if let Err(err) = commit(full, runner, store, &mut summary) {
                            store_error = Some(err);
                        }
                        progress(&summary);
                    }
                }
                InputEvent::Rejected { input, reason } => {
                    summary.read += 1;
                    summary.reject(input, &reason);
                }
                InputEvent::Failed(err) => {
                    summary.fail(err.input(), err.code().to_owned(), err.to_string());
                }
            }
        });
        if let Some(err) = store_error.take() {
            return Err(err);
        }
        if !more {
            break;
        }
    }
    commit(std::mem::take(&mut batch), runner, store, &mut summary)?;
    progress(&summary);
    Ok(summary)
}

fn commit(
    batch: Vec<RawDocument>,
    runner: &Runner,
    store: &mut dyn Store,
    summary: &mut IngestSummary,
) -> Result<(), PipelineError> {
    let mut articles: Vec<Article> = Vec::with_capacity(batch.len());
    for outcome in runner.process_batch(batch) {
        match outcome {
            Outcome::Kept(article) => articles.push(*article),
            Outcome::Rejected { input, reason } => summary.reject(input, &reason),
            Outcome::Failed {
                input,
                code,
                message,
            } => summary.fail(input, code, message),
        }
    }
    commit_articles(articles, store, summary)
}

/// Stores extracted articles in one transaction with the problems met since
/// the last commit.
pub(crate) fn commit_articles(
    articles: Vec<Article>,
    store: &mut dyn Store,
    summary: &mut IngestSummary,
) -> Result<(), PipelineError> {
    let failures: Vec<InputFailure> = summary.problems[summary.recorded..]
        .iter()
        .map(|p| InputFailure {
            input: p.input.clone(),
            code: p.code.clone(),
            message: p.message.clone(),
        })
        .collect();
    let report = store.put_batch(&articles)?;
    store.record_failures(&failures)?;
    summary.recorded = summary.problems.len();
    summary.stored += report.stored;
    summary.duplicates += report.duplicates;
    summary.unchanged += report.unchanged;
    Ok(())
}
