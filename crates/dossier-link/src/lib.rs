//! Which reports are copies of one another, which describe the same real
//! incident, and what do independent sources agree or disagree on?
//!
//! The per-article stages read one report at a time; this crate works
//! across reports. Everything here is deterministic: the same articles give
//! the same groups, events and consensus, whatever order they arrived in
//! beyond the tie-breaks each module documents.
#![warn(missing_docs)]

pub mod dates;
pub mod events;
pub mod record;
pub mod sources;

pub use events::{EventIndex, EventSketch, MentionFacts, Placement};
pub use record::{EventRecord, MemberReport, PerpetratorStatus, Resolver, Standing};
