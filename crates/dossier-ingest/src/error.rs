use std::path::PathBuf;
use std::sync::Arc;

/// Stable codes for ingest errors, shown in messages and listed in the docs.
pub trait ErrorCode {
    /// `D1xx`.
    fn code(&self) -> &'static str;
}

/// Why an input could not be read. Every variant names its input.
#[derive(Debug, Clone, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The file or directory could not be read.
    #[error("{path}: cannot read: {source}")]
    Io {
        /// The input.
        path: PathBuf,
        /// The underlying error.
        source: Arc<std::io::Error>,
    },
    /// A compressed input ended early or is corrupt; what came before was kept.
    #[error("{input}: truncated or corrupt compressed data: {message}")]
    Compression {
        /// The input.
        input: String,
        /// Details.
        message: String,
    },
    /// A WARC file is malformed at some record; earlier records were kept.
    #[error("{input}: bad WARC data at {locator}: {message}")]
    Warc {
        /// The input.
        input: String,
        /// Record number or offset.
        locator: String,
        /// Details.
        message: String,
    },
    /// A feed could not be parsed.
    #[error("{input}: not a readable RSS/Atom feed: {message}")]
    Feed {
        /// The input.
        input: String,
        /// Details.
        message: String,
    },
    /// A JSON Lines record is not a valid document.
    #[error("{input}: line {line}: {message}")]
    JsonLine {
        /// The input.
        input: String,
        /// 1-based line number.
        line: usize,
        /// Details.
        message: String,
    },
    /// An HTTP fetch failed.
    #[error("{url}: fetch failed: {message}")]
    Fetch {
        /// The URL.
        url: String,
        /// Details.
        message: String,
    },
}

impl ErrorCode for Error {
    fn code(&self) -> &'static str {
        match self {
            Error::Io { .. } => "D101",
            Error::Compression { .. } => "D102",
            Error::Warc { .. } => "D103",
            Error::Feed { .. } => "D104",
            Error::JsonLine { .. } => "D105",
            Error::Fetch { .. } => "D106",
        }
    }
}

impl Error {
    /// The input the error is about, as the user named it.
    #[must_use]
    pub fn input(&self) -> String {
        match self {
            Error::Io { path, .. } => path.display().to_string(),
            Error::Compression { input, .. }
            | Error::Warc { input, .. }
            | Error::Feed { input, .. }
            | Error::JsonLine { input, .. } => input.clone(),
            Error::Fetch { url, .. } => url.clone(),
        }
    }

    /// Wraps an I/O error with the path it concerns.
    #[must_use]
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source: Arc::new(source),
        }
    }
}
