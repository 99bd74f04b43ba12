//! Which reports are copies of one another, which describe the same real
//! incident, and what do independent sources agree or disagree on?
//!
//! The per-article stages read one report at a time; this crate works
//! across reports. Everything here is deterministic: the same articles give
//! the same groups, events and consensus, whatever order they arrived in
//! beyond the tie-breaks each module documents.
//!
//! Grouping reports by incident:
//!
//! ```
//! use dossier_link::{DocFeatures, DocInput, FeatureConfig, cluster};
//!
//! let texts = [
//!     "A gunman opened fire at the Riverside mall in Dayton on Friday, killing three.",
//!     "Three people died when a man opened fire inside Dayton's Riverside mall.",
//!     "Floods swept through villages in Assam, displacing thousands.",
//! ];
//! let docs: Vec<DocFeatures> = texts
//!     .iter()
//!     .enumerate()
//!     .map(|(i, text)| {
//!         let id = i.to_string();
//!         let doc = DocInput { id: &id, title: None, text, published: None };
//!         DocFeatures::new(&doc, &FeatureConfig::default())
//!     })
//!     .collect();
//! assert_eq!(cluster(&docs), vec![0, 0, 1]);
//! ```
#![warn(missing_docs)]

mod background;
mod cluster;
pub mod copies;
pub mod dates;
mod day;
mod error;
pub mod events;
mod features;
pub mod groups;
pub mod lsh;
pub mod minhash;
pub mod record;
pub mod shingle;
pub mod sources;

pub use background::Background;
pub use cluster::{
    ClusterConfig, MAX_DAYS_APART, cluster, cluster_with, dates_compatible, similarity,
};
pub use copies::{
    CopyDetector, CopyDoc, CopyKind, CopyLink, CopyMatch, Fingerprint, Fingerprinter, compare,
};
pub use day::Day;
pub use error::LinkError;
pub use events::{EventIndex, EventSketch, MentionFacts, Placement};
pub use features::{DocFeatures, DocInput, FeatureConfig};
pub use groups::{CopyGroup, CopyGroups};
pub use lsh::{LshIndex, band_keys};
pub use minhash::{Signature, SignatureLengthError};
pub use record::{EventRecord, MemberReport, PerpetratorStatus, Resolver, Standing};
