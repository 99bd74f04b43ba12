//! RSS and Atom feeds: one document per item, its content or summary as the
//! body. With `follow_feed_links` the page an item links to is fetched
//! instead.

use dossier_model::{Source, SourceFormat};

use super::{Ctx, InputEvent, Meta, http};
use crate::{Body, Error, RawDocument};

pub(crate) fn read(input: &str, bytes: &[u8], meta: &Meta, ctx: &mut Ctx<'_>) {
    // feed-rs honours the XML declaration's encoding itself. Its XML layer
    // (quick-xml 0.42) can panic on some malformed encoding declarations
    // (found by the `feed_read` fuzz target); a bad feed must cost only
    // itself, so the parse is isolated and a panic becomes a named failure.
    let parsed = match std::panic::catch_unwind(|| feed_rs::parser::parse(bytes)) {
        Ok(result) => result.map_err(|err| err.to_string()),
        Err(_) => Err(
            "the XML parser gave up on this feed (malformed declaration or encoding)".to_owned(),
        ),
    };
    let feed = match parsed {
        Ok(feed) => feed,
        Err(message) => {
            return ctx.fail(Error::Feed {
                input: input.to_owned(),
                message,
            });
        }
    };
    for (index, entry) in feed.entries.into_iter().enumerate() {
        let locator = format!("item {}", index + 1);
        let link = entry
            .links
            .iter()
            .find(|link| link.rel.as_deref().is_none_or(|rel| rel == "alternate"))
            .or(entry.links.first())
            .map(|link| link.href.clone());
        let body = entry
            .content
            .and_then(|content| content.body)
            .or_else(|| entry.summary.map(|summary| summary.content))
            .unwrap_or_default();
        let mut raw = RawDocument::new(
            Source::new(input, SourceFormat::Feed).at(locator.clone()),
            Body::Html(body),
        );
        raw.title = entry.title.map(|title| title.content);
        raw.published = entry
            .published
            .or(entry.updated)
            .map(|date| date.to_rfc3339());
        raw.url = link.or_else(|| meta.url.clone());
        raw.fetched.clone_from(&meta.fetched);
        let follow = raw.url.clone().filter(|_| ctx.options.follow_feed_links);
        if let Some(url) = follow {
            match http::fetch_page(&url, ctx) {
                Ok(page) => {
                    raw.body = page.body;
                    raw.url = Some(page.final_url);
                    raw.fetched = Some(page.fetched);
                    raw.diagnostics = page.diagnostics;
                }
                Err(mut error) => {
                    if let Error::Fetch { message, .. } = &mut error {
                        *message = format!("{message} ({locator} of {input})");
                    }
                    ctx.fail(error);
                    continue;
                }
            }
        }
        ctx.emit(InputEvent::Document(raw));
    }
}
