use dossier_model::{Article, Diagnostic, Outcome, PublishedDate, RejectReason, Source};

use crate::date::parse_published;
use crate::extract::{self, Extraction};

/// The body of a document as an input delivered it, already decoded to UTF-8.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Body {
    /// An HTML page (or fragment, as in a feed item's content).
    Html(String),
    /// Plain text.
    Text(String),
}

/// One document as an input delivered it, before main-text extraction.
///
/// Inputs that carry metadata of their own (a JSON Lines record, a feed item,
/// a WARC header, an HTTP response) fill the optional fields; those win over
/// what the page itself says, because they come from the publisher's feed or
/// the user's own records.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RawDocument {
    /// Where it came from.
    pub source: Source,
    /// Its content.
    pub body: Body,
    /// The URL it was published at.
    pub url: Option<String>,
    /// The outlet, as the input named it (a domain or a name).
    pub outlet: Option<String>,
    /// Headline given by the input.
    pub title: Option<String>,
    /// Publication date as the input gave it (any common format).
    pub published: Option<String>,
    /// When it was fetched (RFC 3339).
    pub fetched: Option<String>,
    /// Soft problems met while reading it (charset fallbacks, …).
    pub diagnostics: Vec<Diagnostic>,
}

impl RawDocument {
    /// A document with just a source and a body.
    #[must_use]
    pub fn new(source: Source, body: Body) -> Self {
        Self {
            source,
            body,
            url: None,
            outlet: None,
            title: None,
            published: None,
            fetched: None,
            diagnostics: Vec::new(),
        }
    }
}

/// Fewest characters of clean text an article must have. Shorter leftovers
/// are navigation stubs, consent walls or error pages, not reports.
pub const MIN_ARTICLE_CHARS: usize = 40;

/// Extracts the main text of a document and merges its metadata into an
/// [`Article`], or says why there is none.
#[must_use]
pub fn build_article(raw: RawDocument) -> Outcome {
    let extraction = match &raw.body {
        Body::Html(html) => extract::extract_html(html, raw.url.as_deref()),
        Body::Text(text) => extract::clean_plain_text(text),
    };
    let chars = extraction.text.chars().count();
    let input = raw.source.to_string();
    if chars == 0 {
        return Outcome::Rejected {
            input,
            reason: RejectReason::NoText,
        };
    }
    if chars < MIN_ARTICLE_CHARS {
        return Outcome::Rejected {
            input,
            reason: RejectReason::TooShort {
                chars,
                min: MIN_ARTICLE_CHARS,
            },
        };
    }
    Outcome::Kept(Box::new(merge(raw, extraction)))
}

fn merge(raw: RawDocument, extraction: Extraction) -> Article {
    let Extraction {
        text,
        paragraphs,
        span_map,
        metadata,
        diagnostics,
    } = extraction;
    let mut article = Article::new(raw.source, text, span_map, paragraphs);
    article.url = raw.url.or(metadata.url.clone());
    article.canonical_url = metadata.canonical_url;
    article.title = non_blank(raw.title).or(metadata.title);
    article.byline = metadata.byline;
    article.site_name = metadata.site_name;
    article.published = raw
        .published
        .as_deref()
        .and_then(parse_published)
        .or(metadata.published)
        .or_else(|| article.url.as_deref().and_then(date_from_url));
    article.fetched = raw.fetched;
    article.language = metadata.language;
    article.outlet = raw
        .outlet
        .and_then(|outlet| non_blank(Some(outlet)))
        .map(|outlet| domain_of(&outlet).unwrap_or(outlet))
        .or_else(|| article.url.as_deref().and_then(domain_of))
        .or_else(|| article.canonical_url.as_deref().and_then(domain_of));
    article.diagnostics = raw.diagnostics;
    article.diagnostics.extend(diagnostics);
    article
}

fn non_blank(value: Option<String>) -> Option<String> {
    value.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty())
}

fn date_from_url(url: &str) -> Option<PublishedDate> {
    crate::date::date_in_url(url)
}

/// The registrable-looking host of a URL or bare domain, lower case, without
/// `www.`: `https://www.Reuters.com/world/x` → `reuters.com`.
#[must_use]
pub fn domain_of(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let host = host
        .split(':')
        .next()?
        .trim_end_matches('.')
        .to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    let valid = host.contains('.')
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-');
    valid.then(|| host.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use dossier_model::SourceFormat;

    #[test]
    fn domain_of_strips_scheme_www_port_and_path() {
        assert_eq!(
            domain_of("https://www.Reuters.com:443/world/europe/x?y=1").as_deref(),
            Some("reuters.com")
        );
        assert_eq!(domain_of("tass.ru").as_deref(), Some("tass.ru"));
        assert_eq!(domain_of("Reuters"), None);
    }

    #[test]
    fn input_metadata_wins_over_page_metadata() {
        let html = "<html><head><title>Page title</title></head><body><article>\
            <p>Gunmen opened fire at a concert hall near Moscow on Friday evening, officials said.</p>\
            </article></body></html>";
        let mut raw = RawDocument::new(
            Source::new("x.jsonl", SourceFormat::Jsonl),
            Body::Html(html.into()),
        );
        raw.title = Some("Feed title".into());
        raw.url = Some("https://www.example.com/2024/03/22/attack".into());
        raw.published = Some("2024-03-23".into());
        let Outcome::Kept(article) = build_article(raw) else {
            panic!("expected an article");
        };
        assert_eq!(article.title.as_deref(), Some("Feed title"));
        assert_eq!(article.outlet.as_deref(), Some("example.com"));
        assert_eq!(article.published.unwrap().value, "2024-03-23");
    }

    #[test]
    fn empty_text_is_rejected_not_failed() {
        let raw = RawDocument::new(
            Source::new("e.txt", SourceFormat::Text),
            Body::Text("  \n".into()),
        );
        assert!(matches!(
            build_article(raw),
            Outcome::Rejected {
                reason: RejectReason::NoText,
                ..
            }
        ));
    }
}
