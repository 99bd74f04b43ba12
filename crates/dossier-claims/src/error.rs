//! Errors of the claim extractor.

/// What can go wrong building the claim vocabulary.
#[derive(Debug, thiserror::Error)]
pub enum ClaimError {
    /// A lexicon line that cannot be read.
    #[error("claim lexicon {file}, line {line}: {why}")]
    Lexicon {
        /// The file.
        file: &'static str,
        /// Its 1-based line.
        line: usize,
        /// What is wrong.
        why: String,
    },
}
