//! What kind of input a name or a few bytes suggest.

use dossier_model::RejectReason;

use crate::charset;

/// How an input is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Html,
    Text,
    Jsonl,
    Warc,
    Feed,
    /// `.xml`: a feed if it looks like one, else unsupported.
    Xml,
    Gzip,
}

/// The kind a file name says, lower-cased extension only.
pub(crate) fn kind_from_name(name: &str) -> Option<Kind> {
    let lower = name.to_ascii_lowercase();
    let ext = lower.rsplit_once('.').map(|(_, ext)| ext)?;
    Some(match ext {
        "html" | "htm" | "xhtml" | "shtml" => Kind::Html,
        "txt" | "md" | "text" => Kind::Text,
        "jsonl" | "ndjson" => Kind::Jsonl,
        "warc" => Kind::Warc,
        "rss" | "atom" => Kind::Feed,
        "xml" => Kind::Xml,
        "gz" | "gzip" => Kind::Gzip,
        _ => return None,
    })
}

/// The name with a compression suffix removed: `a.warc.gz` → `a.warc`.
pub(crate) fn strip_gz(name: &str) -> &str {
    let lower = name.to_ascii_lowercase();
    for suffix in [".gz", ".gzip"] {
        if lower.ends_with(suffix) {
            return &name[..name.len() - suffix.len()];
        }
    }
    name
}

/// Known binary formats, by magic number.
pub(crate) fn magic(head: &[u8]) -> Option<&'static str> {
    const MAGICS: &[(&[u8], &str)] = &[
        (b"\x89PNG\r\n\x1a\n", "PNG image"),
        (b"%PDF-", "PDF document"),
        (b"PK\x03\x04", "ZIP archive"),
        (b"PK\x05\x06", "ZIP archive"),
        (b"\xFF\xD8\xFF", "JPEG image"),
        (b"GIF87a", "GIF image"),
        (b"GIF89a", "GIF image"),
        (b"BZh", "bzip2 data"),
        (b"\xFD7zXZ\x00", "xz data"),
        (b"\x28\xB5\x2F\xFD", "zstd data"),
        (b"7z\xBC\xAF\x27\x1C", "7-Zip archive"),
        (b"\x7FELF", "ELF executable"),
        (b"\xD0\xCF\x11\xE0", "OLE document (old Word/Excel)"),
    ];
    if head.len() >= 12 && &head[..4] == b"RIFF" && &head[8..12] == b"WEBP" {
        return Some("WebP image");
    }
    MAGICS
        .iter()
        .find(|(sig, _)| head.starts_with(sig))
        .map(|&(_, what)| what)
}

/// Whether the bytes start a gzip stream.
pub(crate) fn is_gzip(head: &[u8]) -> bool {
    head.starts_with(&[0x1f, 0x8b])
}

/// Rejects binary data: known magic numbers, NUL bytes (outside UTF-16), or
/// many control characters.
pub(crate) fn binary_reason(head: &[u8]) -> Option<RejectReason> {
    if let Some(what) = magic(head) {
        return Some(RejectReason::Unsupported {
            detected: what.to_owned(),
        });
    }
    if encoding_rs::Encoding::for_bom(head).is_some() || charset::utf16_without_bom(head).is_some()
    {
        return None;
    }
    let sample = &head[..head.len().min(8192)];
    if sample.is_empty() {
        return None;
    }
    if memchr::memchr(0, sample).is_some() {
        return Some(RejectReason::Binary);
    }
    let control = sample
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    (control * 10 > sample.len()).then_some(RejectReason::Binary)
}

/// The kind the content suggests when the name says nothing.
pub(crate) fn sniff(head: &[u8]) -> Kind {
    if is_gzip(head) {
        return Kind::Gzip;
    }
    if head.starts_with(b"WARC/") {
        return Kind::Warc;
    }
    let text = String::from_utf8_lossy(&head[..head.len().min(4096)]);
    let trimmed = text.trim_start_matches('\u{FEFF}').trim_start();
    if trimmed.starts_with('{') {
        return Kind::Jsonl;
    }
    if looks_like_feed(head) {
        return Kind::Feed;
    }
    let lower = trimmed.to_ascii_lowercase();
    if trimmed.starts_with('<') || lower.contains("<html") || lower.contains("<body") {
        return Kind::Html;
    }
    Kind::Text
}

/// Whether the first element of an XML document is `<rss`, `<feed` or
/// `<rdf:RDF`.
pub(crate) fn looks_like_feed(head: &[u8]) -> bool {
    let text = String::from_utf8_lossy(&head[..head.len().min(4096)]);
    let mut rest = text.trim_start_matches('\u{FEFF}').trim_start();
    // Skip the XML declaration, processing instructions, comments, doctype.
    loop {
        if rest.starts_with("<?") {
            let Some(end) = rest.find("?>") else {
                return false;
            };
            rest = rest[end + 2..].trim_start();
        } else if rest.starts_with("<!--") {
            let Some(end) = rest.find("-->") else {
                return false;
            };
            rest = rest[end + 3..].trim_start();
        } else if rest.starts_with("<!") {
            let Some(end) = rest.find('>') else {
                return false;
            };
            rest = rest[end + 1..].trim_start();
        } else {
            break;
        }
    }
    let lower = rest
        .get(..rest.len().min(16))
        .unwrap_or("")
        .to_ascii_lowercase();
    ["<rss", "<feed", "<rdf:rdf"]
        .iter()
        .any(|tag| lower.starts_with(tag))
}
