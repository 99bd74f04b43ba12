//! Event extraction: each incident an article reports or recalls, with its
//! type (GTD attack type, ACLED event and sub-event type), time, place,
//! casualty figures, role fillers and status, every field pointing at the
//! sentence that states it.
//!
//! Rules over the mentions of `dossier-nlp`, driven by the plain-text
//! vocabulary under `data/`: triggers, event kinds, weapon and target
//! types. No model is trained, so nothing depends on one evaluation corpus.

mod as_of;
mod casualties;
mod doc;
mod error;
mod extract;
pub mod gtd;
mod identified;
mod lexicon;
mod owners;
mod relevance;
mod roles;
mod triggers;

pub use error::EventError;
pub use extract::{COMBAT_CONFIDENCE, EXTRACTOR, EXTRACTOR_VERSION, EventExtractor};
pub use lexicon::{EventLexicon, Kind, Patient, Pos, Trigger, WeaponType};

pub(crate) fn span(start: u32, end: u32) -> dossier_model::ByteSpan {
    dossier_model::ByteSpan::from_range(start as usize..end as usize)
}
