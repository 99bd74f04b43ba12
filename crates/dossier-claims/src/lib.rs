//! Claim extraction: who says what about whom.
//!
//! Two layers. [`ClaimExtractor::attributions`] finds every attribution
//! relation — cue, source, content — in the manner of PolNeAR and PARC.
//! [`ClaimExtractor::extract`] turns those that bear on an attack into
//! [`Claim`](dossier_model::Claim)s: claims of responsibility, attributions,
//! denials, confirmations, with the actor they are about, the event mention
//! they concern, the speaker's stance, hedges, the channel, and the article's
//! own framing. The article's unattributed assertions ("IS-K, believed to be
//! responsible") become claims with the article as speaker.
//!
//! Rules over tokens and mentions, driven by the vocabulary under `data/`;
//! no model is trained, so nothing depends on one evaluation corpus.

mod attribution;
mod claims;
mod error;
mod lexicon;

pub use claims::{ClaimExtractor, EXTRACTOR, EXTRACTOR_VERSION};
pub use error::ClaimError;
pub use lexicon::{ClaimLexicon, Cue, Frame};
