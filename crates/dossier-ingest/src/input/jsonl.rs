//! JSON Lines: one document per line,
//! `{"url", "outlet", "title", "published", "text" | "html"}`.
//!
//! Streams line by line, so a big file is never held in memory; each line is
//! capped at `max_document_bytes`.

use std::io::{BufRead, Read};

use dossier_model::{Source, SourceFormat};
use serde::Deserialize;

use super::{Ctx, InputEvent, read_error};
use crate::{Body, Error, RawDocument, charset};

#[derive(Deserialize)]
struct Record {
    url: Option<String>,
    outlet: Option<String>,
    title: Option<String>,
    published: Option<String>,
    text: Option<String>,
    html: Option<String>,
}

pub(crate) fn read(
    input: &str,
    mut reader: Box<dyn BufRead + '_>,
    compressed: bool,
    ctx: &mut Ctx<'_>,
) {
    let limit = ctx.options.max_document_bytes;
    let mut line_no = 0usize;
    let mut buf = Vec::new();
    loop {
        buf.clear();
        line_no += 1;
        let read = (&mut reader)
            .take(limit.saturating_add(1))
            .read_until(b'\n', &mut buf);
        match read {
            Ok(0) => return,
            Ok(_) => {}
            Err(err) => {
                // The partial line is dropped: it is the truncation, not a bad record.
                return ctx.fail(read_error(input, compressed, err));
            }
        }
        if buf.len() as u64 > limit && buf.last() != Some(&b'\n') {
            ctx.reject(
                input,
                Some(&format!("line {line_no}")),
                ctx.too_large(buf.len() as u64),
            );
            if let Err(err) = skip_line(&mut reader) {
                return ctx.fail(read_error(input, compressed, err));
            }
            continue;
        }
        if buf.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let line = if let Ok(text) = std::str::from_utf8(&buf) {
            std::borrow::Cow::Borrowed(text)
        } else {
            std::borrow::Cow::Owned(charset::decode(&buf, None).text)
        };
        let line = line.trim().trim_start_matches('\u{FEFF}');
        match parse_line(input, line_no, line) {
            Ok(raw) => ctx.emit(InputEvent::Document(raw)),
            Err(message) => ctx.fail(Error::JsonLine {
                input: input.to_owned(),
                line: line_no,
                message,
            }),
        }
    }
}

fn parse_line(input: &str, line_no: usize, line: &str) -> Result<RawDocument, String> {
    let record: Record = serde_json::from_str(line).map_err(|err| err.to_string())?;
    let body = match (record.html, record.text) {
        (Some(html), _) => Body::Html(html),
        (None, Some(text)) => Body::Text(text),
        (None, None) => return Err("record has neither \"text\" nor \"html\"".to_owned()),
    };
    let source = Source::new(input, SourceFormat::Jsonl).at(format!("line {line_no}"));
    let mut raw = RawDocument::new(source, body);
    raw.url = record.url;
    raw.outlet = record.outlet;
    raw.title = record.title;
    raw.published = record.published;
    Ok(raw)
}

/// Skips to just past the next newline without holding the line in memory.
fn skip_line(reader: &mut dyn BufRead) -> std::io::Result<()> {
    loop {
        let buf = reader.fill_buf()?;
        if buf.is_empty() {
            return Ok(());
        }
        if let Some(pos) = memchr::memchr(b'\n', buf) {
            reader.consume(pos + 1);
            return Ok(());
        }
        let len = buf.len();
        reader.consume(len);
    }
}
