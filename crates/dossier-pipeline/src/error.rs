use dossier_model::Layer;

/// A pipeline that cannot be built or run. Codes `D3xx`.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PipelineError {
    /// A component would run before a layer it requires is assigned.
    #[error(
        "D301: component `{component}` requires layer `{layer}`, which no earlier component assigns; move it after a component that assigns `{layer}`"
    )]
    MissingLayer {
        /// The component.
        component: &'static str,
        /// The layer it lacks.
        layer: Layer,
    },
    /// A configuration names a component that does not exist.
    #[error("D302: unknown component `{name}`; known components: {known}")]
    UnknownComponent {
        /// The name given.
        name: String,
        /// The names that exist, comma-separated.
        known: String,
    },
    /// The store failed; the batch in progress was not committed.
    #[error(transparent)]
    Store(#[from] dossier_store::Error),
}

impl PipelineError {
    /// Stable error code.
    #[must_use]
    pub fn code(&self) -> &'static str {
        match self {
            PipelineError::MissingLayer { .. } => "D301",
            PipelineError::UnknownComponent { .. } => "D302",
            PipelineError::Store(err) => err.code(),
        }
    }
}
