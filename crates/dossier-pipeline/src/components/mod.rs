//! Built-in per-article components, one file each.

mod events;
mod language;

pub use events::EventDetector;
pub use language::LanguageDetector;
