//! Dossier's text annotation: sentences, tokens, and mentions of actors,
//! people, places, outlets and things, linked to the knowledge base.
//!
//! ```
//! use std::sync::Arc;
//! use dossier_nlp::Annotator;
//!
//! let kb = dossier_kb::KbBuilder::with_builtin().unwrap().build().unwrap();
//! let annotator = Annotator::new(Arc::new(kb));
//! let text = "Moscow blamed Kyiv. IS-K, short for Islamic State-Khorasan, claimed it.";
//! let annotation = annotator.annotate(text);
//! assert_eq!(annotation.sentences.len(), 2);
//! let isk = annotation.mentions.iter().find(|m| &text[m.span] == "IS-K").unwrap();
//! assert_eq!(isk.entity.as_ref().unwrap().as_str(), "actor:islamic-state-khorasan");
//! ```
#![warn(missing_docs)]

mod component;
mod gazetteer;
mod mentions;
pub mod normalize;
pub mod quantities;
mod render;
pub mod sentences;
pub mod timex;
pub mod tokens;

pub use component::{MentionLinker, SentenceSplitter};
pub use gazetteer::{Entry, Gazetteer, Target};
pub use mentions::{Annotation, Annotator};
pub use render::render_mentions;

/// A span from `usize` offsets.
pub(crate) fn span(start: usize, end: usize) -> dossier_model::ByteSpan {
    dossier_model::ByteSpan::from_range(start..end)
}
