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
//! let pipeline = Pipeline::new(vec![registry::component("language").unwrap()]).unwrap();
//! assert_eq!(pipeline.component_names(), ["language"]);
//! ```
#![warn(missing_docs)]

pub mod components;
mod error;
pub mod ingest;
mod pipeline;
pub mod registry;
mod runner;

pub use error::PipelineError;
pub use ingest::{IngestOptions, IngestSummary, InputProblem, ingest};
pub use pipeline::Pipeline;
pub use runner::Runner;
