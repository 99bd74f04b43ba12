//! `http(s)://` inputs, fetched with timeouts, a body cap, bounded redirects
//! and a `User-Agent`. The `Content-Type` header decides feed, HTML or text;
//! its charset goes to [`charset::decode`].

use std::io::Read;

use dossier_model::{Diagnostic, RejectReason, SourceFormat};
use ureq::ResponseExt;

use super::detect::{self, Kind};
use super::{Ctx, Meta, emit_document};
use crate::{Body, Error, charset};

/// A fetched response body.
pub(crate) struct Fetched {
    pub(crate) final_url: String,
    pub(crate) content_type: Option<String>,
    pub(crate) bytes: Vec<u8>,
    pub(crate) fetched: String,
}

/// A fetched page, decoded.
pub(crate) struct Page {
    pub(crate) final_url: String,
    pub(crate) body: Body,
    pub(crate) fetched: String,
    pub(crate) diagnostics: Vec<Diagnostic>,
}

pub(crate) fn read_url(url: &str, ctx: &mut Ctx<'_>) {
    let fetched = match fetch(url, ctx) {
        Ok(fetched) => fetched,
        Err(error) => return ctx.fail(error),
    };
    let Some(kind) = kind_of(fetched.content_type.as_deref(), &fetched.bytes) else {
        let detected = fetched.content_type.unwrap_or_default();
        return ctx.reject(url, None, RejectReason::Unsupported { detected });
    };
    if let Some(reason) = detect::binary_reason(&fetched.bytes) {
        return ctx.reject(url, None, reason);
    }
    let meta = Meta {
        locator: None,
        url: Some(fetched.final_url),
        fetched: Some(fetched.fetched),
        declared: fetched.content_type,
        format: (kind != Kind::Feed).then_some(SourceFormat::Http),
    };
    emit_document(url, kind, &fetched.bytes, meta, ctx);
}

/// Fetches and decodes a page a feed item links to.
pub(crate) fn fetch_page(url: &str, ctx: &mut Ctx<'_>) -> Result<Page, Error> {
    let fetched = fetch(url, ctx)?;
    let kind = kind_of(fetched.content_type.as_deref(), &fetched.bytes);
    let decoded = charset::decode(&fetched.bytes, fetched.content_type.as_deref());
    let body = match kind {
        Some(Kind::Text) => Body::Text(decoded.text),
        Some(Kind::Html) => Body::Html(decoded.text),
        _ => {
            return Err(fetch_error(
                url,
                format!(
                    "not a page: {}",
                    fetched
                        .content_type
                        .as_deref()
                        .unwrap_or("unknown content type")
                ),
            ));
        }
    };
    Ok(Page {
        final_url: fetched.final_url,
        body,
        fetched: fetched.fetched,
        diagnostics: decoded.diagnostics,
    })
}

fn fetch_error(url: &str, message: impl Into<String>) -> Error {
    Error::Fetch {
        url: url.to_owned(),
        message: message.into(),
    }
}

/// What a `Content-Type` (or, failing that, the body) says the response is.
/// `None`: not something Dossier reads.
fn kind_of(content_type: Option<&str>, bytes: &[u8]) -> Option<Kind> {
    let Some(ct) = content_type else {
        return Some(detect::sniff(bytes))
            .filter(|kind| matches!(kind, Kind::Html | Kind::Text | Kind::Feed));
    };
    let mime = ct
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    Some(match mime.as_str() {
        m if m.contains("rss") || m.contains("atom") => Kind::Feed,
        m if m.contains("html") => Kind::Html,
        m if m.ends_with("xml") => {
            if detect::looks_like_feed(bytes) {
                Kind::Feed
            } else {
                Kind::Html
            }
        }
        "text/plain" => Kind::Text,
        "" | "application/octet-stream" => match detect::sniff(bytes) {
            kind @ (Kind::Html | Kind::Text | Kind::Feed) => kind,
            _ => return None,
        },
        m if m.starts_with("text/") => Kind::Text,
        _ => return None,
    })
}

fn agent(ctx: &mut Ctx<'_>) -> ureq::Agent {
    let options = ctx.options;
    ctx.agent
        .get_or_insert_with(|| {
            ureq::Agent::config_builder()
                .timeout_global(Some(options.fetch_timeout))
                .timeout_connect(Some(options.connect_timeout))
                .max_redirects(options.max_redirects)
                .user_agent(options.user_agent.as_str())
                .http_status_as_error(false)
                .build()
                .into()
        })
        .clone()
}

/// GETs a URL: status >= 400, timeouts, too many redirects and bodies over
/// `max_document_bytes` are errors naming the URL.
pub(crate) fn fetch(url: &str, ctx: &mut Ctx<'_>) -> Result<Fetched, Error> {
    let limit = ctx.options.max_document_bytes;
    let agent = agent(ctx);
    let mut response = agent
        .get(url)
        .call()
        .map_err(|err| fetch_error(url, describe(&err, limit)))?;
    let status = response.status();
    if status.as_u16() >= 400 {
        return Err(fetch_error(url, format!("HTTP {status}")));
    }
    if status.is_redirection() {
        return Err(fetch_error(
            url,
            format!("HTTP {status}: redirect not followed"),
        ));
    }
    let final_url = response.get_uri().to_string();
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|value| value.to_str().ok())
        .map(str::to_owned);
    if let Some(length) = response
        .headers()
        .get("content-length")
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.trim().parse::<u64>().ok())
        .filter(|&length| length > limit)
    {
        return Err(fetch_error(
            url,
            format!("body of {length} bytes exceeds the {limit}-byte cap"),
        ));
    }
    let mut bytes = Vec::new();
    response
        .body_mut()
        .as_reader()
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|err| fetch_error(url, format!("reading body: {err}")))?;
    if bytes.len() as u64 > limit {
        return Err(fetch_error(
            url,
            format!("body exceeds the {limit}-byte cap"),
        ));
    }
    Ok(Fetched {
        final_url,
        content_type,
        bytes,
        fetched: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
    })
}

fn describe(err: &ureq::Error, limit: u64) -> String {
    match err {
        ureq::Error::TooManyRedirects => "too many redirects".to_owned(),
        ureq::Error::Timeout(what) => format!("timed out ({what})"),
        ureq::Error::BodyExceedsLimit(_) => format!("body exceeds the {limit}-byte cap"),
        other => other.to_string(),
    }
}
