//! The built-in components by name: the one place that knows them all.

use std::sync::Arc;

use dossier_model::Component;
use dossier_nlp::{Annotator, MentionLinker, SentenceSplitter};

use crate::PipelineError;
use crate::components::{ClaimFinder, EventDetector, LanguageDetector};

/// Names of the built-in components, in the default order.
pub const DEFAULT_COMPONENTS: &[&str] = &["language", "sentences", "mentions", "events", "claims"];

/// A built-in component by its snake-case name; `mentions`, `events` and
/// `claims` share `annotator` (the compiled knowledge base).
#[must_use]
pub fn component(name: &str, annotator: &Arc<Annotator>) -> Option<Box<dyn Component>> {
    match name {
        "language" => Some(Box::new(LanguageDetector)),
        "sentences" => Some(Box::new(SentenceSplitter)),
        "mentions" => Some(Box::new(MentionLinker::new(Arc::clone(annotator)))),
        "events" => Some(Box::new(EventDetector::new(Arc::clone(annotator)))),
        "claims" => Some(Box::new(ClaimFinder::new(Arc::clone(annotator)))),
        _ => None,
    }
}

/// Builds components from names.
///
/// # Errors
/// [`PipelineError::UnknownComponent`] for a name that is not built in.
pub fn components(
    names: &[&str],
    annotator: &Arc<Annotator>,
) -> Result<Vec<Box<dyn Component>>, PipelineError> {
    names
        .iter()
        .map(|name| {
            component(name, annotator).ok_or_else(|| PipelineError::UnknownComponent {
                name: (*name).to_owned(),
                known: DEFAULT_COMPONENTS.join(", "),
            })
        })
        .collect()
}
