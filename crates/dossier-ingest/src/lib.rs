//! Here is an input, give me articles: clean main text, metadata, and where
//! each byte came from.
//!
//! Reading happens in three steps, each usable on its own:
//! 1. [`input`] turns what a user has (files, directories, `.gz`, stdin, JSON
//!    Lines, WARC, RSS/Atom, URLs) into [`RawDocument`]s, decoding charsets
//!    with [`charset`];
//! 2. [`extract`] turns a page's HTML into main text with a span map back to
//!    the page, plus metadata (title, byline, date, site, canonical URL);
//! 3. [`build_article`] merges what the input said about a document with what
//!    the page says, and yields an [`Outcome`](dossier_model::Outcome).
//!
//! ```
//! use dossier_ingest::extract::extract_html;
//!
//! let html = "<html><head><title>Attack - Example News</title></head><body>\
//!   <nav><a href='/'>Home</a></nav><article><h1>Attack</h1>\
//!   <p>Gunmen opened fire at a concert hall near Moscow on Friday evening, officials said.</p>\
//!   </article></body></html>";
//! let page = extract_html(html, None);
//! assert!(page.text.contains("Gunmen opened fire"));
//! assert!(!page.text.contains("Home"));
//! ```
#![warn(missing_docs)]

pub mod charset;
pub mod date;
mod document;
mod error;
pub mod extract;
pub mod input;

pub use document::{Body, MIN_ARTICLE_CHARS, RawDocument, build_article, domain_of};
pub use error::{Error, ErrorCode};
