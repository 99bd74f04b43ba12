//! The data that flows through Dossier.
//!
//! An [`Article`] owns its clean text; everything else about it (paragraphs,
//! sentences, mentions, later events and claims) is a layer of
//! [`ByteSpan`](dossier_span::ByteSpan)s into that text. A layer that was not
//! computed (`None`) is different from one computed and found empty
//! (`Some(vec![])`). Pipeline stages are [`Component`]s that declare which
//! [`Layer`]s they require and assign, so a pipeline can check its order once,
//! when it is built.
//!
//! Ids are content hashes ([`ArticleId::from_text`]), so the same input gives
//! the same ids on every run and every machine.
//!
//! ```
//! use dossier_model::{Article, ArticleId, Layer, Source, SourceFormat};
//!
//! let article = Article::from_plain_text(
//!     Source::new("stdin", SourceFormat::Text),
//!     "Gunmen opened fire at Crocus City Hall.".to_owned(),
//! );
//! assert_eq!(article.id, ArticleId::from_text("Gunmen opened fire at Crocus City Hall."));
//! assert!(article.has_layer(Layer::Paragraphs));
//! assert!(!article.has_layer(Layer::Sentences));
//! ```
#![warn(missing_docs)]

mod article;
mod claim;
mod component;
mod event;
mod id;
mod mention;
mod outcome;
mod provenance;

pub use article::{
    Article, DatePrecision, Diagnostic, Layers, PublishedDate, Sentence, Source, SourceFormat,
    Token,
};
pub use claim::{Attribution, Claim, ClaimKind, ClaimPart, Framing, Stance};
pub use component::{Component, ComponentError, Layer};
pub use event::{
    Casualties, CasualtyKind, EventMention, EventPlace, EventRole, EventStatus, EventTime,
    EventType, PlacePrecision, RoleFiller, TimePrecision,
};
pub use id::{ArticleId, ParseIdError, normalize_for_hash};
pub use mention::{AliasPattern, Candidate, EntityKey, LearnedAlias, Mention, MentionKind};
pub use outcome::{Outcome, RejectReason};
pub use provenance::{ExtractorId, Provenance};

pub use dossier_span::{ByteSpan, SpanMap, SpanMapBuilder};
