use std::path::PathBuf;

/// Errors reading knowledge-base files. Every variant names its input.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum KbError {
    /// D501: a file could not be read.
    #[error("D501 cannot read knowledge-base file {path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// D502: a file is not valid TOML or TSV of the expected shape.
    #[error("D502 {file}:{line}: {message}")]
    Parse {
        /// The file (a path or a built-in name).
        file: String,
        /// 1-based line, 0 when unknown.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// D503: a file's kind cannot be told from its name.
    #[error(
        "D503 {path}: unknown knowledge-base file kind (expected .toml with [[actor]]/[[outlet]] tables, or a countries/regions/cities/nominals/titles .tsv)"
    )]
    UnknownKind {
        /// The file.
        path: PathBuf,
    },
    /// D504: the data loaded but breaks a rule (duplicate id, dangling relation).
    #[error("D504 knowledge base has {} problem(s); first: {}", .0.len(), .0.first().map(ToString::to_string).unwrap_or_default())]
    Invalid(Vec<crate::Problem>),
}

impl KbError {
    /// The stable error code (`D5xx`).
    #[must_use]
    pub fn code(&self) -> &'static str {
        match self {
            KbError::Read { .. } => "D501",
            KbError::Parse { .. } => "D502",
            KbError::UnknownKind { .. } => "D503",
            KbError::Invalid(_) => "D504",
        }
    }
}
