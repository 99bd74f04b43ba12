//! Which reports are copies of one another, which describe the same real
//! incident, and what do independent sources agree or disagree on?
//!
//! The per-article stages read one report at a time; this crate works
//! across reports. Everything here is deterministic: the same articles give
//! the same groups, events and consensus, whatever order they arrived in
//! beyond the tie-breaks each module documents.
#![warn(missing_docs)]

pub mod copies;
pub mod dates;
pub mod events;
pub mod groups;
pub mod lsh;
pub mod minhash;
pub mod record;
pub mod shingle;
pub mod sources;

pub use copies::{
    CopyDetector, CopyDoc, CopyKind, CopyLink, CopyMatch, Fingerprint, Fingerprinter, compare,
};
pub use events::{EventIndex, EventSketch, MentionFacts, Placement};
pub use groups::{CopyGroup, CopyGroups};
pub use lsh::{LshIndex, band_keys};
pub use minhash::{Signature, SignatureLengthError};
pub use record::{EventRecord, MemberReport, PerpetratorStatus, Resolver, Standing};
