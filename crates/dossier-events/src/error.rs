//! Errors of the event vocabulary.

/// A problem in an event lexicon file.
#[derive(Debug, thiserror::Error)]
pub enum EventError {
    /// A row that cannot be read.
    #[error("D601 {file}:{line}: {message}")]
    Lexicon {
        /// The file.
        file: &'static str,
        /// The 1-based line.
        line: usize,
        /// What is wrong.
        message: String,
    },
}
