//! The `claims` component: who claims, blames, denies or confirms what,
//! linked to the event mentions already on the article.

use std::sync::Arc;

use dossier_claims::ClaimExtractor;
use dossier_model::{Article, Component, ComponentError, Layer};
use dossier_nlp::Annotator;

/// Finds the claims an article reports. Runs after `events` so each claim
/// can point at the event mention it concerns.
#[derive(Debug, Clone)]
pub struct ClaimFinder {
    annotator: Arc<Annotator>,
    extractor: Arc<ClaimExtractor>,
}

impl ClaimFinder {
    /// A finder using `annotator`'s knowledge base and the built-in claim
    /// vocabulary.
    #[must_use]
    pub fn new(annotator: Arc<Annotator>) -> Self {
        Self {
            annotator,
            extractor: Arc::new(ClaimExtractor::default()),
        }
    }
}

impl Component for ClaimFinder {
    fn name(&self) -> &'static str {
        "claims"
    }

    fn requires(&self) -> &'static [Layer] {
        &[
            Layer::Text,
            Layer::Sentences,
            Layer::Mentions,
            Layer::Events,
        ]
    }

    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Claims]
    }

    fn process(&self, article: &mut Article) -> Result<(), ComponentError> {
        let annotation = super::lend_annotation(article);
        let events = article.layers.events.as_deref().unwrap_or_default();
        let claims =
            self.extractor
                .extract(self.annotator.kb(), &article.text, &annotation, events);
        super::give_back(article, annotation);
        article.layers.claims = Some(claims);
        Ok(())
    }
}
