use std::path::PathBuf;

/// A store failure. Every variant names the database file. Codes `D4xx`.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The file could not be opened as an SQLite database.
    #[error("D401: cannot open store {path}: {source}; is it a Dossier database file?")]
    Open {
        /// The database file.
        path: PathBuf,
        /// The SQLite error.
        source: rusqlite::Error,
    },
    /// A query or write failed.
    #[error("D402: store {path}: {source}")]
    Sqlite {
        /// The database file.
        path: PathBuf,
        /// The SQLite error.
        source: rusqlite::Error,
    },
    /// The file was written by a newer Dossier.
    #[error(
        "D403: store {path} has schema version {found}, newer than this dossier knows ({supported}); upgrade dossier"
    )]
    TooNew {
        /// The database file.
        path: PathBuf,
        /// Its version.
        found: i64,
        /// The newest version this build knows.
        supported: i64,
    },
    /// A stored record cannot be read back.
    #[error("D404: store {path}: corrupt record for article {id}: {message}")]
    Corrupt {
        /// The database file.
        path: PathBuf,
        /// The article.
        id: String,
        /// Details.
        message: String,
    },
    /// A search expression is not valid query syntax.
    #[error(
        "D405: store {path}: invalid search expression {expression:?}: {message}; quote words or use plain search"
    )]
    InvalidQuery {
        /// The database file.
        path: PathBuf,
        /// The expression as given.
        expression: String,
        /// What the query parser said.
        message: String,
    },
}

impl Error {
    /// Stable error code.
    #[must_use]
    pub fn code(&self) -> &'static str {
        match self {
            Error::Open { .. } => "D401",
            Error::Sqlite { .. } => "D402",
            Error::TooNew { .. } => "D403",
            Error::Corrupt { .. } => "D404",
            Error::InvalidQuery { .. } => "D405",
        }
    }
}
