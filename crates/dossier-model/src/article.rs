use serde::{Deserialize, Serialize};

use crate::{ArticleId, ByteSpan, Layer, SpanMap};

/// Where an article came from: the input named the way a user would find it
/// again (a path, a URL, `-` for stdin) plus a locator inside it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    /// Path, URL or `-`.
    pub input: String,
    /// Position inside the input: `line 12` of a JSON Lines file, `record 3`
    /// of a WARC file, `item 2` of a feed. `None` for single-document inputs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locator: Option<String>,
    /// How the input was read.
    pub format: SourceFormat,
}

impl Source {
    /// A source without a locator.
    #[must_use]
    pub fn new(input: impl Into<String>, format: SourceFormat) -> Self {
        Self {
            input: input.into(),
            locator: None,
            format,
        }
    }

    /// The same source with a locator.
    #[must_use]
    pub fn at(mut self, locator: impl Into<String>) -> Self {
        self.locator = Some(locator.into());
        self
    }
}

impl std::fmt::Display for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.locator {
            Some(locator) => write!(f, "{} ({locator})", self.input),
            None => f.write_str(&self.input),
        }
    }
}

/// The kind of input an article was read from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum SourceFormat {
    /// An HTML page from a file.
    Html,
    /// A plain-text file.
    Text,
    /// One line of a JSON Lines file.
    Jsonl,
    /// A response record of a WARC file.
    Warc,
    /// An item of an RSS or Atom feed.
    Feed,
    /// A page fetched over HTTP.
    Http,
}

/// How precisely a date is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DatePrecision {
    /// Date and time of day.
    Time,
    /// A calendar day.
    Day,
    /// A month.
    Month,
    /// A year.
    Year,
}

/// A publication date with its precision.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublishedDate {
    /// ISO 8601: `2024-03-22T18:05:00+03:00`, `2024-03-22`, `2024-03` or
    /// `2024`, as precise as the page said and no more.
    pub value: String,
    /// How much of `value` is known.
    pub precision: DatePrecision,
}

/// A soft problem met while reading an input: recorded, not fatal.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    /// Stable code (`D1xx` ingest, `D2xx` nlp, …), listed in the docs.
    pub code: String,
    /// What happened, for people.
    pub message: String,
}

impl Diagnostic {
    /// A diagnostic with a code and a message.
    #[must_use]
    pub fn new(code: &str, message: impl Into<String>) -> Self {
        Self {
            code: code.to_owned(),
            message: message.into(),
        }
    }
}

/// A sentence of the clean text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    /// The sentence's bytes in the article text.
    pub span: ByteSpan,
}

/// A token of the clean text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Token {
    /// The token's bytes in the article text.
    pub span: ByteSpan,
}

/// The annotation layers of an article. `None`: not computed; `Some(empty)`:
/// computed and nothing found.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Layers {
    /// Body paragraphs, in reading order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paragraphs: Option<Vec<ByteSpan>>,
    /// Sentences, in order, not overlapping.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sentences: Option<Vec<Sentence>>,
    /// Tokens, in order, not overlapping.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tokens: Option<Vec<Token>>,
    /// Mentions of actors, people, places and things, in text order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mentions: Option<Vec<crate::Mention>>,
    /// Aliases the text defines ("IS-K, short for Islamic State-Khorasan");
    /// computed with the mentions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aliases: Option<Vec<crate::LearnedAlias>>,
    /// Event mentions: the incidents the article reports or recalls.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub events: Option<Vec<crate::EventMention>>,
    /// Claims: who asserts what, with stance, hedges and channel.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claims: Option<Vec<crate::Claim>>,
}

/// One news report: clean text with its metadata, annotation layers and the
/// way back to the page it came from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// Content hash of the normalised text.
    pub id: ArticleId,
    /// The input it was read from.
    pub source: Source,
    /// The URL it was published at, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The page's canonical URL (`<link rel=canonical>`, `og:url`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub canonical_url: Option<String>,
    /// The outlet's domain, lower case, without `www.`: `reuters.com`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    /// The site's own name for itself: `Reuters`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site_name: Option<String>,
    /// The headline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Author line as printed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub byline: Option<String>,
    /// Publication date, as precise as the page said.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<PublishedDate>,
    /// When it was fetched (RFC 3339), for fetched inputs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fetched: Option<String>,
    /// ISO 639-1 code of the text's language (`en`, `ru`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// The clean body text. Paragraphs are separated by `"\n\n"`.
    pub text: String,
    /// Maps spans of `text` back to the decoded source document.
    pub span_map: SpanMap,
    /// Annotation layers over `text`.
    pub layers: Layers,
    /// Soft problems met while reading it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub diagnostics: Vec<Diagnostic>,
}

impl Article {
    /// An article with the given clean text, span map and paragraphs, and no
    /// metadata yet. The id is derived from the text.
    #[must_use]
    pub fn new(source: Source, text: String, span_map: SpanMap, paragraphs: Vec<ByteSpan>) -> Self {
        Self {
            id: ArticleId::from_text(&text),
            source,
            url: None,
            canonical_url: None,
            outlet: None,
            site_name: None,
            title: None,
            byline: None,
            published: None,
            fetched: None,
            language: None,
            text,
            span_map,
            layers: Layers {
                paragraphs: Some(paragraphs),
                ..Layers::default()
            },
            diagnostics: Vec::new(),
        }
    }

    /// An article whose text is already clean: it is its own source, and
    /// paragraphs are the blank-line-separated blocks.
    #[must_use]
    pub fn from_plain_text(source: Source, text: String) -> Self {
        let len = u32::try_from(text.len()).expect("article text exceeds u32");
        let paragraphs = paragraph_spans(&text);
        Self::new(source, text, SpanMap::identity(len), paragraphs)
    }

    /// The text of a span.
    ///
    /// # Panics
    /// If the span is not valid for the text (a broken invariant).
    #[must_use]
    pub fn slice(&self, span: ByteSpan) -> &str {
        &self.text.as_str()[span]
    }

    /// The paragraphs' texts, in order (empty if not computed).
    pub fn paragraph_texts(&self) -> impl Iterator<Item = &str> {
        self.layers
            .paragraphs
            .iter()
            .flatten()
            .map(|span| &self.text.as_str()[*span])
    }

    /// Whether a layer has been computed.
    #[must_use]
    pub fn has_layer(&self, layer: Layer) -> bool {
        match layer {
            Layer::Text => true,
            Layer::Paragraphs => self.layers.paragraphs.is_some(),
            Layer::Language => self.language.is_some(),
            Layer::Sentences => self.layers.sentences.is_some(),
            Layer::Tokens => self.layers.tokens.is_some(),
            Layer::Mentions => self.layers.mentions.is_some(),
            Layer::Events => self.layers.events.is_some(),
            Layer::Claims => self.layers.claims.is_some(),
        }
    }
}

/// Spans of the non-blank blocks of `text` separated by blank lines, trimmed.
#[must_use]
pub(crate) fn paragraph_spans(text: &str) -> Vec<ByteSpan> {
    let mut spans = Vec::new();
    let mut offset = 0;
    for block in text.split("\n\n") {
        let start = offset + (block.len() - block.trim_start().len());
        let end = offset + block.trim_end().len();
        if end > start {
            spans.push(ByteSpan::from_range(start..end));
        }
        offset += block.len() + 2;
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::SourceFormat;

    #[test]
    fn plain_text_paragraphs_are_blank_line_blocks() {
        let article = Article::from_plain_text(
            Source::new("x.txt", SourceFormat::Text),
            "First para.\n\n  Second\npara. \n\n\n\nThird.".to_owned(),
        );
        let paras: Vec<_> = article.paragraph_texts().collect();
        assert_eq!(paras, ["First para.", "Second\npara.", "Third."]);
    }

    #[test]
    fn not_computed_differs_from_empty() {
        let mut article =
            Article::from_plain_text(Source::new("-", SourceFormat::Text), "x".to_owned());
        assert!(!article.has_layer(Layer::Sentences));
        article.layers.sentences = Some(Vec::new());
        assert!(article.has_layer(Layer::Sentences));
        let json = serde_json::to_string(&article).unwrap();
        let back: Article = serde_json::from_str(&json).unwrap();
        assert_eq!(back.layers.sentences, Some(Vec::new()));
        assert_eq!(back.layers.tokens, None);
    }
}
