//! Built-in per-article components, one file each.

mod language;

pub use language::LanguageDetector;
