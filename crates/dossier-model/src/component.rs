use serde::{Deserialize, Serialize};

use crate::Article;

/// An annotation layer an article can carry.
///
/// Components declare the layers they require and assign; the pipeline checks
/// the order once, when it is built, instead of failing on the first article.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Layer {
    /// The clean text itself; every article has it.
    Text,
    /// Paragraph spans; assigned by the readers.
    Paragraphs,
    /// The text's language.
    Language,
    /// Sentence spans.
    Sentences,
    /// Token spans.
    Tokens,
    /// Mentions with their entity links, and the aliases the text defines.
    Mentions,
    /// Event mentions with their fields.
    Events,
    /// Claims: attributions with speaker, kind, stance, hedges and channel.
    Claims,
}

impl Layer {
    /// The layers every article has when it leaves ingest.
    pub const FROM_INGEST: &'static [Layer] = &[Layer::Text, Layer::Paragraphs];

    /// The layer's name in configuration and messages.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Layer::Text => "text",
            Layer::Paragraphs => "paragraphs",
            Layer::Language => "language",
            Layer::Sentences => "sentences",
            Layer::Tokens => "tokens",
            Layer::Mentions => "mentions",
            Layer::Events => "events",
            Layer::Claims => "claims",
        }
    }
}

impl std::fmt::Display for Layer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// A failure of one component on one article. The runner records it against
/// the article's input and goes on with the rest.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("component {component} failed: {message}")]
pub struct ComponentError {
    /// The component's name.
    pub component: &'static str,
    /// What went wrong.
    pub message: String,
}

/// A per-article pipeline stage: a pure function of one article (and
/// read-only knowledge), safe to run on many articles in parallel.
pub trait Component: Send + Sync {
    /// Snake-case name, as used in configuration: `language`, `sentences`.
    fn name(&self) -> &'static str;

    /// Layers that must be present before this component runs.
    fn requires(&self) -> &'static [Layer];

    /// Layers this component sets.
    fn assigns(&self) -> &'static [Layer];

    /// Annotates one article.
    ///
    /// # Errors
    /// When the article cannot be annotated; the article is then recorded as
    /// failed with the component's name.
    fn process(&self, article: &mut Article) -> Result<(), ComponentError>;

    /// Annotates many articles; the default runs [`Component::process`] on
    /// each and keeps every result.
    fn process_batch(&self, articles: &mut [Article]) -> Vec<Result<(), ComponentError>> {
        articles
            .iter_mut()
            .map(|article| self.process(article))
            .collect()
    }
}
