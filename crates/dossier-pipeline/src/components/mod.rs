//! Built-in per-article components, one file each.

mod claims;
mod events;
mod language;

pub use claims::ClaimFinder;
pub use events::EventDetector;
pub use language::LanguageDetector;

use dossier_model::Article;
use dossier_nlp::Annotation;
use dossier_nlp::tokens::tokenize;

/// The annotation the extractors read, rebuilt from the article's layers.
/// The mentions are moved out, not copied (articles can hold thousands):
/// hand them back with [`give_back`] once the extractor is done.
fn lend_annotation(article: &mut Article) -> Annotation {
    Annotation {
        sentences: article
            .layers
            .sentences
            .as_deref()
            .unwrap_or_default()
            .iter()
            .map(|s| s.span)
            .collect(),
        tokens: tokenize(&article.text),
        mentions: article.layers.mentions.take().unwrap_or_default(),
        aliases: Vec::new(),
    }
}

/// Puts the mentions lent by [`lend_annotation`] back on the article.
fn give_back(article: &mut Article, annotation: Annotation) {
    article.layers.mentions = Some(annotation.mentions);
}
