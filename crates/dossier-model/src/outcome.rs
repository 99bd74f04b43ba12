use serde::{Deserialize, Serialize};

use crate::Article;

/// Why an input produced no article although it could be read.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
#[non_exhaustive]
pub enum RejectReason {
    /// Nothing was left after boilerplate removal.
    NoText,
    /// The text left is too short to be a report.
    TooShort {
        /// Characters found.
        chars: usize,
        /// The minimum.
        min: usize,
    },
    /// The input is binary data, not text or markup.
    Binary,
    /// The input is larger than the configured cap.
    TooLarge {
        /// Size in bytes (or at least this many).
        bytes: u64,
        /// The cap.
        limit: u64,
    },
    /// The input's format is not one Dossier reads (an image, a PDF).
    Unsupported {
        /// What it looked like.
        detected: String,
    },
}

impl RejectReason {
    /// A short stable key for summaries: `no_text`, `too_short`, …
    #[must_use]
    pub fn key(&self) -> &'static str {
        match self {
            RejectReason::NoText => "no_text",
            RejectReason::TooShort { .. } => "too_short",
            RejectReason::Binary => "binary",
            RejectReason::TooLarge { .. } => "too_large",
            RejectReason::Unsupported { .. } => "unsupported",
        }
    }
}

impl std::fmt::Display for RejectReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RejectReason::NoText => f.write_str("no article text after boilerplate removal"),
            RejectReason::TooShort { chars, min } => {
                write!(f, "text too short ({chars} characters, minimum {min})")
            }
            RejectReason::Binary => f.write_str("binary data, not text or HTML"),
            RejectReason::TooLarge { bytes, limit } => {
                write!(f, "too large ({bytes} bytes, limit {limit})")
            }
            RejectReason::Unsupported { detected } => {
                write!(f, "unsupported format ({detected})")
            }
        }
    }
}

/// What became of one input document. Rejection and failure are values, not
/// panics or early returns: the runner records them and goes on.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "outcome")]
pub enum Outcome {
    /// An article was produced.
    Kept(Box<Article>),
    /// The input was read but holds no article.
    Rejected {
        /// The input, named as the user gave it (plus locator).
        input: String,
        /// Why.
        reason: RejectReason,
    },
    /// The input could not be read.
    Failed {
        /// The input, named as the user gave it (plus locator).
        input: String,
        /// Stable error code (`D1xx`).
        code: String,
        /// The error, for people.
        message: String,
    },
}
