//! WARC archives: `response` records with HTML or text payloads (and
//! `resource` records holding pages directly).
//!
//! The simple WARC record format (version line, headers, blank line,
//! `Content-Length` bytes of block, CRLF CRLF) is parsed here rather than with
//! the `warc` crate: reading through our own `MultiGzDecoder` stream lets a
//! truncated `.warc.gz` keep every record before the damage and report the
//! exact record number where it broke, lets records be streamed one at a time
//! under the per-document byte cap, and lets oversized or non-HTML records be
//! skipped without holding them in memory.

use std::io::{self, BufRead, Read};

use dossier_model::SourceFormat;
use flate2::read::{MultiGzDecoder, ZlibDecoder};

use super::detect::{self, Kind};
use super::{Ctx, Meta, emit_document};
use crate::Error;

/// Longest header section accepted, WARC or HTTP.
const MAX_HEADER_BYTES: u64 = 64 * 1024;

pub(crate) fn read(
    input: &str,
    mut reader: Box<dyn BufRead + '_>,
    compressed: bool,
    ctx: &mut Ctx<'_>,
) {
    let mut record = 0usize;
    loop {
        record += 1;
        let locator = format!("record {record}");
        let fail = |message: String| Error::Warc {
            input: input.to_owned(),
            locator: format!("record {record}"),
            message,
        };
        let headers = match read_headers(&mut reader) {
            Ok(Some(headers)) => headers,
            Ok(None) => return,
            Err(err) => return ctx.fail(fail(describe(err, compressed))),
        };
        let Some(version) = headers.first().map(|(name, _)| name.as_str()) else {
            return ctx.fail(fail("empty record header".to_owned()));
        };
        if !version.starts_with("WARC/") {
            return ctx.fail(fail(format!(
                "expected a WARC/1.x version line, found {version:?}"
            )));
        }
        let get = |name: &str| {
            headers
                .iter()
                .skip(1)
                .find(|(key, _)| key.eq_ignore_ascii_case(name))
                .map(|(_, value)| value.as_str())
        };
        let Some(length) = get("Content-Length").and_then(|v| v.trim().parse::<u64>().ok()) else {
            return ctx.fail(fail("missing or bad Content-Length".to_owned()));
        };
        let warc_type = get("WARC-Type").unwrap_or("").to_ascii_lowercase();
        let meta = Meta {
            locator: Some(locator.clone()),
            url: get("WARC-Target-URI").map(|u| u.trim_matches(['<', '>']).to_owned()),
            fetched: get("WARC-Date").map(str::to_owned),
            declared: None,
            format: Some(SourceFormat::Warc),
        };
        let block_type = get("Content-Type")
            .map(str::to_ascii_lowercase)
            .unwrap_or_default();
        let wanted = match warc_type.as_str() {
            "response" => block_type.contains("application/http") || block_type.is_empty(),
            "resource" => page_kind(&block_type).is_some(),
            _ => false,
        };
        if !wanted {
            if let Err(err) = skip(&mut reader, length) {
                return ctx.fail(fail(describe(err, compressed)));
            }
            continue;
        }
        // Read the start of the block to learn what the payload is before
        // deciding whether to hold it.
        let mut block = Vec::new();
        let first = length.min(MAX_HEADER_BYTES);
        if let Err(err) = read_exactly(&mut reader, first, &mut block) {
            return ctx.fail(fail(describe(err, compressed)));
        }
        let (kind, declared, payload_at, http) = if warc_type == "response" {
            match parse_http_head(&block) {
                Some(head) => head,
                None => {
                    if let Err(err) = skip(&mut reader, length - first) {
                        return ctx.fail(fail(describe(err, compressed)));
                    }
                    continue;
                }
            }
        } else {
            (
                page_kind(&block_type),
                Some(block_type.clone()),
                0,
                HttpInfo::default(),
            )
        };
        let Some(kind) = kind else {
            if let Err(err) = skip(&mut reader, length - first) {
                return ctx.fail(fail(describe(err, compressed)));
            }
            continue;
        };
        let limit = ctx.options.max_document_bytes;
        if length - payload_at as u64 > limit {
            ctx.reject(
                input,
                Some(&locator),
                ctx.too_large(length - payload_at as u64),
            );
            if let Err(err) = skip(&mut reader, length - first) {
                return ctx.fail(fail(describe(err, compressed)));
            }
            continue;
        }
        if let Err(err) = read_exactly(&mut reader, length - first, &mut block) {
            return ctx.fail(fail(describe(err, compressed)));
        }
        let payload = match decode_payload(&block[payload_at..], &http, limit) {
            Ok(payload) => payload,
            Err(message) => {
                ctx.fail(fail(message));
                continue;
            }
        };
        if let Some(reason) = detect::binary_reason(&payload) {
            ctx.reject(input, Some(&locator), reason);
            continue;
        }
        let meta = Meta { declared, ..meta };
        emit_document(input, kind, &payload, meta, ctx);
    }
}

fn describe(err: io::Error, compressed: bool) -> String {
    match (err.kind(), compressed) {
        (io::ErrorKind::UnexpectedEof, _) => {
            "archive ends inside this record (truncated)".to_owned()
        }
        (_, true) => format!("truncated or corrupt gzip data: {err}"),
        _ => err.to_string(),
    }
}

/// The kind of a page by its media type: HTML or plain text, else `None`.
fn page_kind(content_type: &str) -> Option<Kind> {
    let lower = content_type.to_ascii_lowercase();
    if lower.contains("html") {
        Some(Kind::Html)
    } else if lower.starts_with("text/plain") {
        Some(Kind::Text)
    } else {
        None
    }
}

/// Reads a header section: lines up to a blank line. `Ok(None)` at a clean
/// end of input. The first entry's name is the version/status line.
fn read_headers(reader: &mut dyn BufRead) -> io::Result<Option<Vec<(String, String)>>> {
    let mut headers = Vec::new();
    let mut line = Vec::new();
    let mut total = 0u64;
    loop {
        line.clear();
        let n = reader.take(MAX_HEADER_BYTES).read_until(b'\n', &mut line)?;
        total += n as u64;
        if n == 0 {
            return if headers.is_empty() {
                Ok(None)
            } else {
                Err(io::Error::new(
                    io::ErrorKind::UnexpectedEof,
                    "header section cut off",
                ))
            };
        }
        if total > MAX_HEADER_BYTES {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                "header section too long",
            ));
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        if text.is_empty() {
            if headers.is_empty() {
                continue; // the CRLF CRLF between records
            }
            return Ok(Some(headers));
        }
        if headers.is_empty() {
            headers.push((text.to_owned(), String::new()));
        } else if let Some((name, value)) = text.split_once(':') {
            headers.push((name.trim().to_owned(), value.trim().to_owned()));
        }
    }
}

fn read_exactly(reader: &mut dyn BufRead, len: u64, into: &mut Vec<u8>) -> io::Result<()> {
    let got = reader.take(len).read_to_end(into)?;
    if (got as u64) < len {
        return Err(io::Error::new(
            io::ErrorKind::UnexpectedEof,
            "block cut off",
        ));
    }
    Ok(())
}

fn skip(reader: &mut dyn BufRead, len: u64) -> io::Result<()> {
    let got = io::copy(&mut reader.take(len), &mut io::sink())?;
    if got < len {
        return Err(io::Error::new(
            io::ErrorKind::UnexpectedEof,
            "block cut off",
        ));
    }
    Ok(())
}

#[derive(Default)]
struct HttpInfo {
    chunked: bool,
    encoding: Option<String>,
}

/// Parses the HTTP response head at the start of a block. `None` when it is
/// not a successful response; the kind is `None` for non-page payloads.
fn parse_http_head(block: &[u8]) -> Option<(Option<Kind>, Option<String>, usize, HttpInfo)> {
    let end = memchr::memmem::find(block, b"\r\n\r\n")
        .map(|at| at + 4)
        .or_else(|| memchr::memmem::find(block, b"\n\n").map(|at| at + 2))?;
    let head = String::from_utf8_lossy(&block[..end]);
    let mut lines = head.lines();
    let status: u16 = lines.next()?.split_whitespace().nth(1)?.parse().ok()?;
    if !(200..300).contains(&status) {
        return None;
    }
    let mut content_type = None;
    let mut info = HttpInfo::default();
    for line in lines {
        let Some((name, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.trim();
        match name.trim().to_ascii_lowercase().as_str() {
            "content-type" => content_type = Some(value.to_owned()),
            "transfer-encoding" => info.chunked = value.to_ascii_lowercase().contains("chunked"),
            "content-encoding" => info.encoding = Some(value.to_ascii_lowercase()),
            _ => {}
        }
    }
    let kind = match &content_type {
        Some(ct) => page_kind(ct),
        None => match detect::sniff(&block[end..]) {
            kind @ (Kind::Html | Kind::Text) => Some(kind),
            _ => None,
        },
    };
    Some((kind, content_type, end, info))
}

/// Undoes chunked transfer coding and gzip/deflate content coding, capped.
fn decode_payload(body: &[u8], http: &HttpInfo, limit: u64) -> Result<Vec<u8>, String> {
    let body = if http.chunked {
        dechunk(body)?
    } else {
        body.to_vec()
    };
    let mut out = Vec::new();
    let result = match http.encoding.as_deref() {
        Some("gzip" | "x-gzip") => MultiGzDecoder::new(&body[..])
            .take(limit + 1)
            .read_to_end(&mut out),
        Some("deflate") => ZlibDecoder::new(&body[..])
            .take(limit + 1)
            .read_to_end(&mut out),
        _ => return Ok(body),
    };
    result.map_err(|err| {
        format!(
            "bad {} payload: {err}",
            http.encoding.as_deref().unwrap_or("")
        )
    })?;
    if out.len() as u64 > limit {
        return Err(format!("payload inflates past {limit} bytes"));
    }
    Ok(out)
}

fn dechunk(mut body: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    loop {
        let line_end = memchr::memchr(b'\n', body).ok_or("chunked payload cut off")?;
        let size_text = String::from_utf8_lossy(&body[..line_end]);
        let size_text = size_text.trim().split(';').next().unwrap_or("");
        let size = usize::from_str_radix(size_text, 16).map_err(|_| "bad chunk size".to_owned())?;
        body = &body[line_end + 1..];
        if size == 0 {
            return Ok(out);
        }
        let chunk = body.get(..size).ok_or("chunked payload cut off")?;
        out.extend_from_slice(chunk);
        body = &body[size..];
        body = body
            .strip_prefix(b"\r\n")
            .or_else(|| body.strip_prefix(b"\n"))
            .unwrap_or(body);
    }
}
