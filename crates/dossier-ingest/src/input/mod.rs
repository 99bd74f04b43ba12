//! What a user has, turned into [`RawDocument`](crate::RawDocument)s.
//!
//! PLACEHOLDER: replaced by the real readers (see issue #2).

use dossier_model::{RejectReason, Source, SourceFormat};

use crate::{Body, Error, RawDocument};

/// Limits and switches for reading inputs.
#[derive(Clone, Debug)]
pub struct ReadOptions {
    /// Largest document accepted, in bytes (after decompression).
    pub max_document_bytes: u64,
}

impl Default for ReadOptions {
    fn default() -> Self {
        Self {
            max_document_bytes: 32 * 1024 * 1024,
        }
    }
}

/// One thing that came out of reading an input.
#[derive(Debug)]
pub enum InputEvent {
    /// A document to extract.
    Document(RawDocument),
    /// Something read but not a document (binary, too large).
    Rejected {
        /// The input, with locator.
        input: String,
        /// Why.
        reason: RejectReason,
    },
    /// Something that could not be read; the run goes on.
    Failed(Error),
}

/// Reads one input named by the user: a file, a directory (recursively),
/// `-` for stdin, or an `http(s)://` URL. Every document, rejection and
/// failure goes to `sink`, in a deterministic order.
pub fn read_input(input: &str, _options: &ReadOptions, sink: &mut dyn FnMut(InputEvent)) {
    match std::fs::read_to_string(input) {
        Ok(text) => sink(InputEvent::Document(RawDocument::new(
            Source::new(input, SourceFormat::Text),
            Body::Text(text),
        ))),
        Err(err) => sink(InputEvent::Failed(Error::io(input, err))),
    }
}
