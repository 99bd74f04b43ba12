//! Errors of the linker.

/// Something the linker cannot read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum LinkError {
    /// A date that is not `YYYY-MM-DD` (or a longer ISO 8601 timestamp).
    #[error("D711 not a YYYY-MM-DD date: {0:?}")]
    Date(String),
}

impl LinkError {
    /// The stable error code shown in messages.
    pub fn code(&self) -> &'static str {
        match self {
            LinkError::Date(_) => "D711",
        }
    }
}
