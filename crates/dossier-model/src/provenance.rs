use serde::{Deserialize, Serialize};

use crate::{ArticleId, ByteSpan};

/// Which extractor produced a fact, and which version of it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct ExtractorId {
    /// Snake-case extractor name: `main_text`, `casualty_count`.
    pub name: String,
    /// Bumped whenever the extractor's output can change.
    pub version: u32,
}

impl ExtractorId {
    /// An extractor id.
    #[must_use]
    pub fn new(name: &str, version: u32) -> Self {
        Self {
            name: name.to_owned(),
            version,
        }
    }
}

impl std::fmt::Display for ExtractorId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} v{}", self.name, self.version)
    }
}

/// Where a fact comes from: every extracted fact carries one.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Provenance {
    /// The article that states it.
    pub article: ArticleId,
    /// The sentence (or, before sentence splitting, the paragraph) that states
    /// it, as a span of the article text.
    pub sentence: ByteSpan,
    /// What extracted it.
    pub extractor: ExtractorId,
    /// The extractor's confidence, 0 to 1.
    pub confidence: f32,
}
