//! Byte spans into text, and maps from one text's offsets to another's.
//!
//! Every annotation in Dossier is a [`ByteSpan`] into an article's clean text;
//! nothing copies strings out of it. Cleaning (boilerplate removal, whitespace
//! and quote normalisation) produces a *new* text, so a [`SpanMap`] records
//! where each run of clean bytes came from in the source (the decoded page),
//! and provenance can always point back at the bytes of the original page.
//!
//! ```
//! use dossier_span::{ByteSpan, SpanMapBuilder};
//!
//! let source = "<p>Gunmen  opened fire</p>";
//! // clean text "Gunmen opened fire": two copied runs, one collapsed space
//! let mut map = SpanMapBuilder::new();
//! map.copied(0, 3, 6); // "Gunmen"
//! map.synthetic(6, 1, 9, 2); // " " stands for the two spaces at 9..11
//! map.copied(7, 11, 11); // "opened fire"
//! let map = map.build();
//! let clean = "Gunmen opened fire";
//! let span = ByteSpan::new(7, 13);
//! assert_eq!(&clean[span], "opened");
//! assert_eq!(&source[map.to_source(span)], "opened");
//! ```
#![warn(missing_docs)]

mod span;
mod span_map;

pub use span::ByteSpan;
pub use span_map::{SpanMap, SpanMapBuilder};
