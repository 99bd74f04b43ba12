//! The built-in components by name: the one place that knows them all.

use dossier_model::Component;

use crate::PipelineError;
use crate::components::LanguageDetector;

/// Names of the built-in components, in the default order.
pub const DEFAULT_COMPONENTS: &[&str] = &["language"];

/// A built-in component by its snake-case name.
#[must_use]
pub fn component(name: &str) -> Option<Box<dyn Component>> {
    match name {
        "language" => Some(Box::new(LanguageDetector)),
        _ => None,
    }
}

/// Builds components from names.
///
/// # Errors
/// [`PipelineError::UnknownComponent`] for a name that is not built in.
pub fn components(names: &[&str]) -> Result<Vec<Box<dyn Component>>, PipelineError> {
    names
        .iter()
        .map(|name| {
            component(name).ok_or_else(|| PipelineError::UnknownComponent {
                name: (*name).to_owned(),
                known: DEFAULT_COMPONENTS.join(", "),
            })
        })
        .collect()
}
