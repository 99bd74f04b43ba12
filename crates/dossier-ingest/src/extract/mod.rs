//! Main text from a news page: the body paragraphs without navigation,
//! share bars, related-story lists and comment forms, with a span map back to
//! the page, plus the page's metadata.
//!
//! PLACEHOLDER: replaced by the real extractor (see issue #2).

use dossier_model::{ByteSpan, Diagnostic, PublishedDate, SpanMap, SpanMapBuilder};

/// What the page says about itself.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PageMetadata {
    /// Headline.
    pub title: Option<String>,
    /// Author line.
    pub byline: Option<String>,
    /// Publication date.
    pub published: Option<PublishedDate>,
    /// The site's name for itself.
    pub site_name: Option<String>,
    /// `<link rel=canonical>`.
    pub canonical_url: Option<String>,
    /// `og:url`, when different from the canonical URL.
    pub url: Option<String>,
    /// ISO 639-1 language code (declared by the page or detected).
    pub language: Option<String>,
}

/// The result of main-text extraction.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Extraction {
    /// Body paragraphs joined by `"\n\n"`.
    pub text: String,
    /// The paragraphs' spans in `text`.
    pub paragraphs: Vec<ByteSpan>,
    /// Maps spans of `text` to spans of the input HTML (or text).
    pub span_map: SpanMap,
    /// Page metadata.
    pub metadata: PageMetadata,
    /// Soft problems met.
    pub diagnostics: Vec<Diagnostic>,
}

/// Extracts the main text and metadata of an HTML page.
#[must_use]
pub fn extract_html(html: &str, _url: Option<&str>) -> Extraction {
    let mut text = String::new();
    let mut builder = SpanMapBuilder::new();
    let mut paragraphs = Vec::new();
    for (start, _) in html.match_indices("<p>") {
        let body_start = start + 3;
        if let Some(len) = html[body_start..].find("</p>") {
            if !text.is_empty() {
                text.push_str("\n\n");
            }
            let clean_start = text.len();
            text.push_str(&html[body_start..body_start + len]);
            builder.copied(clean_start as u32, body_start as u32, len as u32);
            paragraphs.push(ByteSpan::from_range(clean_start..text.len()));
        }
    }
    Extraction {
        text,
        paragraphs,
        span_map: builder.build(),
        ..Extraction::default()
    }
}

/// Cleans a plain-text report: drops boilerplate lines, keeps paragraphs.
#[must_use]
pub fn clean_plain_text(text: &str) -> Extraction {
    let trimmed = text.trim();
    let start = text.len() - text.trim_start().len();
    let mut builder = SpanMapBuilder::new();
    builder.copied(0, start as u32, trimmed.len() as u32);
    let article = dossier_model::Article::from_plain_text(
        dossier_model::Source::new("-", dossier_model::SourceFormat::Text),
        trimmed.to_owned(),
    );
    Extraction {
        text: trimmed.to_owned(),
        paragraphs: article.layers.paragraphs.unwrap_or_default(),
        span_map: builder.build(),
        ..Extraction::default()
    }
}
