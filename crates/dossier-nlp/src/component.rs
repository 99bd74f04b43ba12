//! The pipeline components: `sentences` and `mentions`.

use std::sync::Arc;

use dossier_model::{Article, Component, ComponentError, Layer, Sentence};

use crate::Annotator;
use crate::sentences::split_sentences;
use crate::tokens::tokenize;

/// Assigns sentence spans.
#[derive(Debug, Default, Clone, Copy)]
pub struct SentenceSplitter;

impl Component for SentenceSplitter {
    fn name(&self) -> &'static str {
        "sentences"
    }
    fn requires(&self) -> &'static [Layer] {
        &[Layer::Text]
    }
    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Sentences]
    }
    fn process(&self, article: &mut Article) -> Result<(), ComponentError> {
        let tokens = tokenize(&article.text);
        let sentences = split_sentences(&article.text, &tokens);
        article.layers.sentences = Some(
            sentences
                .into_iter()
                .map(|span| Sentence { span })
                .collect(),
        );
        Ok(())
    }
}

/// Finds and links mentions, and the aliases the text defines.
#[derive(Debug, Clone)]
pub struct MentionLinker {
    annotator: Arc<Annotator>,
}

impl MentionLinker {
    /// A linker sharing `annotator`.
    #[must_use]
    pub fn new(annotator: Arc<Annotator>) -> Self {
        Self { annotator }
    }
}

impl Component for MentionLinker {
    fn name(&self) -> &'static str {
        "mentions"
    }
    fn requires(&self) -> &'static [Layer] {
        &[Layer::Text, Layer::Sentences]
    }
    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Mentions]
    }
    fn process(&self, article: &mut Article) -> Result<(), ComponentError> {
        let sentences: Vec<_> = article
            .layers
            .sentences
            .as_deref()
            .unwrap_or_default()
            .iter()
            .map(|s| s.span)
            .collect();
        let annotation = self
            .annotator
            .annotate_with_sentences(&article.text, sentences);
        article.layers.mentions = Some(annotation.mentions);
        article.layers.aliases = Some(annotation.aliases);
        Ok(())
    }
}
