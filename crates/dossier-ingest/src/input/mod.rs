//! What a user has, turned into [`RawDocument`](crate::RawDocument)s.
//!
//! [`read_input`] takes a file, a directory (walked recursively, entries in
//! name order, dot-files skipped), `-` for stdin, or an `http(s)://` URL.
//! Formats are chosen by extension, else by content: HTML, plain text, JSON
//! Lines, WARC, RSS/Atom, and any of them gzip-compressed. Every event names
//! the input as the user gave it, plus a locator (`line 3`, `record 2`,
//! `item 1`) inside multi-document inputs.

mod detect;
mod feed;
mod http;
mod jsonl;
mod warc;

use std::fs::File;
use std::io::{self, BufRead, BufReader, Cursor, Read};
use std::path::Path;
use std::time::Duration;

use dossier_model::{RejectReason, Source, SourceFormat};
use flate2::bufread::MultiGzDecoder;

use crate::{Body, Error, RawDocument, charset};
use detect::Kind;

/// Limits and switches for reading inputs.
#[derive(Clone, Debug)]
pub struct ReadOptions {
    /// Largest document accepted, in bytes (after decompression). For JSON
    /// Lines and WARC inputs it applies to each line or record, so big
    /// archives stream without being held in memory.
    pub max_document_bytes: u64,
    /// Time allowed to open an HTTP connection (DNS, TCP, TLS).
    pub connect_timeout: Duration,
    /// Time allowed for a whole HTTP fetch, redirects and body included, so a
    /// slow server cannot stall a run.
    pub fetch_timeout: Duration,
    /// Most HTTP redirects followed before giving up.
    pub max_redirects: u32,
    /// `User-Agent` sent with HTTP requests, so publishers can tell who asks.
    pub user_agent: String,
    /// Fetch the page each feed item links to instead of using the item's own
    /// content/summary. Off by default: one feed URL must not silently turn
    /// into hundreds of requests.
    pub follow_feed_links: bool,
}

impl Default for ReadOptions {
    fn default() -> Self {
        Self {
            max_document_bytes: 32 * 1024 * 1024,
            connect_timeout: Duration::from_secs(20),
            fetch_timeout: Duration::from_secs(20),
            max_redirects: 5,
            user_agent: "dossier/0.1".to_owned(),
            follow_feed_links: false,
        }
    }
}

/// One thing that came out of reading an input.
#[derive(Debug)]
pub enum InputEvent {
    /// A document to extract.
    Document(RawDocument),
    /// Something read but not a document (binary, too large).
    Rejected {
        /// The input, with locator.
        input: String,
        /// Why.
        reason: RejectReason,
    },
    /// Something that could not be read; the run goes on.
    Failed(Error),
}

/// Reads one input named by the user: a file, a directory (recursively),
/// `-` for stdin, or an `http(s)://` URL. Every document, rejection and
/// failure goes to `sink`, in a deterministic order.
pub fn read_input(input: &str, options: &ReadOptions, sink: &mut dyn FnMut(InputEvent)) {
    let mut ctx = Ctx {
        options,
        sink,
        agent: None,
    };
    let lower = input.get(..8).unwrap_or(input).to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") {
        http::read_url(input, &mut ctx);
    } else if input == "-" {
        let stdin = io::stdin();
        let reader = BufReader::new(stdin.lock());
        read_stream(input, input, Box::new(reader), false, 0, &mut ctx);
    } else {
        read_path(input, Path::new(input), 0, &mut ctx);
    }
}

/// Reads documents from bytes already in memory (an upload), telling their
/// format from their content (and from `name`'s extension, as for a file);
/// `name` names the input in records and errors.
pub fn read_bytes(
    name: &str,
    bytes: Vec<u8>,
    options: &ReadOptions,
    sink: &mut dyn FnMut(InputEvent),
) {
    let mut ctx = Ctx {
        options,
        sink,
        agent: None,
    };
    let reader = io::Cursor::new(bytes);
    read_stream(name, name, Box::new(reader), false, 0, &mut ctx);
}

/// Deepest directory nesting walked; guards against symlink loops.
const MAX_DEPTH: usize = 32;
/// Bytes looked at to sniff a format.
const HEAD_BYTES: usize = 8192;

pub(crate) struct Ctx<'a> {
    pub(crate) options: &'a ReadOptions,
    sink: &'a mut dyn FnMut(InputEvent),
    agent: Option<ureq::Agent>,
}

impl Ctx<'_> {
    pub(crate) fn emit(&mut self, event: InputEvent) {
        (self.sink)(event);
    }

    pub(crate) fn fail(&mut self, error: Error) {
        self.emit(InputEvent::Failed(error));
    }

    pub(crate) fn reject(&mut self, input: &str, locator: Option<&str>, reason: RejectReason) {
        let input = match locator {
            Some(locator) => format!("{input} ({locator})"),
            None => input.to_owned(),
        };
        self.emit(InputEvent::Rejected { input, reason });
    }

    fn too_large(&self, bytes: u64) -> RejectReason {
        RejectReason::TooLarge {
            bytes,
            limit: self.options.max_document_bytes,
        }
    }
}

fn read_path(name: &str, path: &Path, depth: usize, ctx: &mut Ctx<'_>) {
    let meta = match std::fs::metadata(path) {
        Ok(meta) => meta,
        Err(err) => return ctx.fail(Error::io(name, err)),
    };
    if meta.is_dir() {
        if depth >= MAX_DEPTH {
            return ctx.fail(Error::io(
                name,
                io::Error::other(format!("directories nested deeper than {MAX_DEPTH}")),
            ));
        }
        let entries =
            match std::fs::read_dir(path).and_then(|dir| dir.collect::<Result<Vec<_>, _>>()) {
                Ok(entries) => entries,
                Err(err) => return ctx.fail(Error::io(name, err)),
            };
        let mut names: Vec<_> = entries
            .into_iter()
            .map(|entry| entry.file_name())
            .filter(|file| !file.to_string_lossy().starts_with('.'))
            .collect();
        names.sort();
        for file in names {
            let child = path.join(&file);
            let child_name = child.display().to_string();
            read_path(&child_name, &child, depth + 1, ctx);
        }
        return;
    }
    let kind = detect::kind_from_name(name);
    let inner = detect::kind_from_name(detect::strip_gz(name));
    let streams = matches!(kind, Some(Kind::Jsonl | Kind::Warc))
        || (kind == Some(Kind::Gzip) && matches!(inner, Some(Kind::Jsonl | Kind::Warc)));
    if !streams && meta.len() > ctx.options.max_document_bytes {
        return ctx.reject(name, None, ctx.too_large(meta.len()));
    }
    match File::open(path) {
        Ok(file) => read_stream(
            name,
            name,
            Box::new(BufReader::new(file)),
            false,
            depth,
            ctx,
        ),
        Err(err) => ctx.fail(Error::io(name, err)),
    }
}

/// Maps a read error to the right failure: I/O for plain files, compression
/// for decompressed streams.
pub(crate) fn read_error(input: &str, compressed: bool, err: io::Error) -> Error {
    if compressed {
        Error::Compression {
            input: input.to_owned(),
            message: err.to_string(),
        }
    } else {
        Error::io(input, err)
    }
}

/// Reads up to `limit` bytes; stops early at end of input. A read error is
/// returned beside what was read before it, so a truncated `.gz` keeps its
/// first bytes.
fn read_head(reader: &mut dyn BufRead, limit: usize) -> (Vec<u8>, Option<io::Error>) {
    let mut head = Vec::with_capacity(limit.min(HEAD_BYTES));
    let error = reader.take(limit as u64).read_to_end(&mut head).err();
    (head, error)
}

/// A reader that fails with a stored error: replays a read error at the
/// position it happened, after the sniffed head.
struct Fails(Option<io::Error>);

impl Read for Fails {
    fn read(&mut self, _: &mut [u8]) -> io::Result<usize> {
        Err(self
            .0
            .take()
            .unwrap_or_else(|| io::Error::other("read failed earlier")))
    }
}

/// Reads one input's bytes: sniffs, decompresses, dispatches. `name` is what
/// events report; `kind_name` is the name formats are chosen by (the inner
/// name of a `.gz`).
fn read_stream(
    name: &str,
    kind_name: &str,
    mut reader: Box<dyn BufRead + '_>,
    compressed: bool,
    depth: usize,
    ctx: &mut Ctx<'_>,
) {
    let (head, error) = read_head(&mut reader, HEAD_BYTES);
    let rest: Box<dyn Read + '_> = match error {
        Some(err) if head.is_empty() => return ctx.fail(read_error(name, compressed, err)),
        Some(err) => Box::new(Fails(Some(err))),
        None => Box::new(reader),
    };
    if head.is_empty() {
        return ctx.reject(name, None, RejectReason::NoText);
    }
    let kind = match detect::kind_from_name(kind_name) {
        Some(Kind::Gzip) if !detect::is_gzip(&head) => {
            return ctx.fail(Error::Compression {
                input: name.to_owned(),
                message: "named .gz but not gzip data".to_owned(),
            });
        }
        Some(kind) if !detect::is_gzip(&head) || kind == Kind::Gzip => kind,
        _ => detect::sniff(&head),
    };
    let reader: Box<dyn BufRead + '_> =
        Box::new(BufReader::new(Cursor::new(head.clone()).chain(rest)));
    match kind {
        Kind::Gzip => {
            if compressed || depth > MAX_DEPTH {
                return ctx.reject(
                    name,
                    None,
                    RejectReason::Unsupported {
                        detected: "nested gzip data".to_owned(),
                    },
                );
            }
            let inner = detect::strip_gz(kind_name).to_owned();
            let decoder = BufReader::new(MultiGzDecoder::new(reader));
            read_stream(name, &inner, Box::new(decoder), true, depth + 1, ctx);
        }
        Kind::Jsonl => jsonl::read(name, reader, compressed, ctx),
        Kind::Warc => warc::read(name, reader, compressed, ctx),
        Kind::Html | Kind::Text | Kind::Feed | Kind::Xml => {
            if let Some(reason) = detect::binary_reason(&head) {
                return ctx.reject(name, None, reason);
            }
            let limit = ctx.options.max_document_bytes;
            let mut bytes = Vec::new();
            match reader.take(limit.saturating_add(1)).read_to_end(&mut bytes) {
                Ok(_) if bytes.len() as u64 > limit => {
                    ctx.reject(name, None, ctx.too_large(bytes.len() as u64));
                }
                Ok(_) => emit_document(name, kind, &bytes, Meta::default(), ctx),
                Err(err) => ctx.fail(read_error(name, compressed, err)),
            }
        }
    }
}

/// What a transport knew about a document besides its bytes.
#[derive(Clone, Debug, Default)]
pub(crate) struct Meta {
    pub(crate) locator: Option<String>,
    pub(crate) url: Option<String>,
    pub(crate) fetched: Option<String>,
    /// A `Content-Type` value or charset label.
    pub(crate) declared: Option<String>,
    /// Overrides the format the kind implies (`Http`, `Warc`).
    pub(crate) format: Option<SourceFormat>,
}

/// Emits one single-document body (or a feed's items).
pub(crate) fn emit_document(name: &str, kind: Kind, bytes: &[u8], meta: Meta, ctx: &mut Ctx<'_>) {
    let locator = meta.locator.as_deref();
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return ctx.reject(name, locator, RejectReason::NoText);
    }
    match kind {
        Kind::Feed => return feed::read(name, bytes, &meta, ctx),
        Kind::Xml if detect::looks_like_feed(bytes) => return feed::read(name, bytes, &meta, ctx),
        Kind::Xml => {
            return ctx.reject(
                name,
                locator,
                RejectReason::Unsupported {
                    detected: "XML document that is not an RSS/Atom feed".to_owned(),
                },
            );
        }
        _ => {}
    }
    let decoded = charset::decode(bytes, meta.declared.as_deref());
    if decoded.text.trim().is_empty() {
        return ctx.reject(name, locator, RejectReason::NoText);
    }
    let (body, format) = match kind {
        Kind::Text => (Body::Text(decoded.text), SourceFormat::Text),
        _ => (Body::Html(decoded.text), SourceFormat::Html),
    };
    let mut source = Source::new(name, meta.format.unwrap_or(format));
    source.locator = meta.locator;
    let mut raw = RawDocument::new(source, body);
    raw.url = meta.url;
    raw.fetched = meta.fetched;
    raw.diagnostics = decoded.diagnostics;
    ctx.emit(InputEvent::Document(raw));
}
