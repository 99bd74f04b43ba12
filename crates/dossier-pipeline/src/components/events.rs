//! The `events` component: event mentions from the sentences and mentions
//! already on the article.

use std::sync::Arc;

use chrono::NaiveDate;
use dossier_events::EventExtractor;
use dossier_model::{Article, Component, ComponentError, DatePrecision, Layer};
use dossier_nlp::Annotator;

/// Finds the incidents an article reports or recalls.
#[derive(Debug, Clone)]
pub struct EventDetector {
    annotator: Arc<Annotator>,
    extractor: Arc<EventExtractor>,
}

impl EventDetector {
    /// A detector using `annotator`'s knowledge base and the built-in event
    /// vocabulary.
    #[must_use]
    pub fn new(annotator: Arc<Annotator>) -> Self {
        Self {
            annotator,
            extractor: Arc::new(EventExtractor::default()),
        }
    }
}

/// The publication day, when the article states one.
pub(crate) fn published_day(article: &Article) -> Option<NaiveDate> {
    let published = article.published.as_ref()?;
    if !matches!(
        published.precision,
        DatePrecision::Time | DatePrecision::Day
    ) {
        return None;
    }
    NaiveDate::parse_from_str(published.value.get(..10)?, "%Y-%m-%d").ok()
}

impl Component for EventDetector {
    fn name(&self) -> &'static str {
        "events"
    }

    fn requires(&self) -> &'static [Layer] {
        &[Layer::Text, Layer::Sentences, Layer::Mentions]
    }

    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Events]
    }

    fn process(&self, article: &mut Article) -> Result<(), ComponentError> {
        let annotation = super::lend_annotation(article);
        let kb = self.annotator.kb();
        // The extractor fills each place's country from the knowledge base.
        let events = self
            .extractor
            .extract(kb, &article.text, &annotation, published_day(article));
        super::give_back(article, annotation);
        article.layers.events = Some(events);
        Ok(())
    }
}
