//! Bytes to UTF-8: BOM, HTTP header, `<meta charset>`, then sniffing.
//!
//! PLACEHOLDER: replaced by the real decoder (see issue #2).

use dossier_model::Diagnostic;

/// Decoded text and how it was decoded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded {
    /// The text.
    pub text: String,
    /// The encoding used (WHATWG name).
    pub encoding: &'static str,
    /// Fallbacks and replacements, if any.
    pub diagnostics: Vec<Diagnostic>,
}

/// Decodes a document's bytes. `declared` is a charset named by the
/// transport (an HTTP `Content-Type` header), if any.
#[must_use]
pub fn decode(bytes: &[u8], _declared: Option<&str>) -> Decoded {
    Decoded {
        text: String::from_utf8_lossy(bytes).into_owned(),
        encoding: "UTF-8",
        diagnostics: Vec::new(),
    }
}
