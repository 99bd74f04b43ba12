//! Here are components and inputs: check the order once, run every article
//! through, store the results and say what happened to each input.
//!
//! - [`Pipeline`] holds per-article [`Component`](dossier_model::Component)s
//!   and refuses, when built, an order in which a component would run before
//!   a layer it requires exists.
//! - [`registry`] names the built-in components, so a configuration can list
//!   them as strings.
//! - [`Runner`] turns batches of raw documents into
//!   [`Outcome`](dossier_model::Outcome)s in parallel (rayon), keeping input
//!   order so output is deterministic.
//! - [`ingest`] drives reading → extraction → components → store, batch by
//!   batch, and returns an [`IngestSummary`].
//!
//! ```
//! use dossier_pipeline::{Pipeline, registry};
//!
//! use std::sync::Arc;
//! let kb = dossier_kb::KbBuilder::new().build().unwrap();
//! let annotator = Arc::new(dossier_nlp::Annotator::new(Arc::new(kb)));
//! let components = registry::components(&["language", "sentences", "mentions"], &annotator).unwrap();
//! let pipeline = Pipeline::new(components).unwrap();
//! assert_eq!(pipeline.component_names(), ["language", "sentences", "mentions"]);
//! ```
#![warn(missing_docs)]

pub mod components;
mod error;
pub mod ingest;
pub mod link;
pub mod load;
mod pipeline;
pub mod record;
pub mod registry;
mod runner;
pub mod views;

pub use error::PipelineError;
pub use ingest::{IngestOptions, IngestSummary, InputProblem, ingest, ingest_bytes};
pub use link::{LinkSummary, link_pending};
pub use load::load;
pub use pipeline::Pipeline;
pub use record::{EventDigest, LinkedEvent, Report, TollBrief, linked_event, refresh_digests};
pub use runner::Runner;
