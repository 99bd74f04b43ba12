//! Bytes to UTF-8: BOM, HTTP header, `<meta charset>`, then sniffing.
//!
//! Order of evidence, strongest first:
//! 1. a byte-order mark (UTF-8, UTF-16LE, UTF-16BE);
//! 2. UTF-16 without a BOM, recognised by its NUL-byte pattern;
//! 3. the charset the transport declared (an HTTP `Content-Type` value);
//! 4. `<meta charset>` / `<meta http-equiv content="…charset=…">` or an XML
//!    declaration in the first 4 KB;
//! 5. valid UTF-8 is UTF-8;
//! 6. otherwise [`chardetng`] guesses.
//!
//! Labels lie (Russian pages in windows-1251 or KOI8-R labelled UTF-8 are
//! common), so a label is checked against the bytes: a UTF-8 label on invalid
//! UTF-8, a legacy label on bytes that are valid multi-byte UTF-8, or a label
//! whose decoding is full of replacement characters falls back to sniffing and
//! records diagnostic `D110`. Replacement characters left in the final text
//! are recorded as `D111`.

use dossier_model::Diagnostic;
use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE};

/// Diagnostic code: the declared or `<meta>` charset was wrong and another
/// was used.
pub const CHARSET_FALLBACK: &str = "D110";
/// Diagnostic code: bytes that are invalid in the chosen charset were replaced
/// with U+FFFD.
pub const REPLACEMENT_CHARS: &str = "D111";

/// How far into a document `<meta charset>` is looked for.
const META_SCAN_BYTES: usize = 4096;

/// Decoded text and how it was decoded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded {
    /// The text.
    pub text: String,
    /// The encoding used (WHATWG name).
    pub encoding: &'static str,
    /// Fallbacks and replacements, if any.
    pub diagnostics: Vec<Diagnostic>,
}

/// Decodes a document's bytes. `declared` is a charset named by the
/// transport (an HTTP `Content-Type` header value such as
/// `text/html; charset=windows-1251`, or a bare label), if any.
#[must_use]
pub fn decode(bytes: &[u8], declared: Option<&str>) -> Decoded {
    let mut diagnostics = Vec::new();

    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        return finish(encoding, &bytes[bom_len..], diagnostics);
    }
    if let Some(encoding) = utf16_without_bom(bytes) {
        return finish(encoding, bytes, diagnostics);
    }

    let label = declared
        .and_then(|value| label_from_content_type(value).map(|l| (l, "declared")))
        .or_else(|| meta_charset(bytes).map(|l| (l, "<meta>")));
    if let Some((label, whence)) = label {
        if let Some(encoding) = Encoding::for_label(label.trim().as_bytes()) {
            // A page labelled UTF-16 but not looking like it (no NUL pattern,
            // no BOM) is ASCII-compatible: WHATWG reads it as UTF-8.
            let encoding = if encoding == UTF_16LE || encoding == UTF_16BE {
                UTF_8
            } else {
                encoding
            };
            match check_label(encoding, bytes) {
                LabelCheck::Fits => return finish(encoding, bytes, diagnostics),
                LabelCheck::Wrong(why) => {
                    let sniffed = sniff(bytes);
                    diagnostics.push(Diagnostic::new(
                        CHARSET_FALLBACK,
                        format!(
                            "{whence} charset {} does not fit the bytes ({why}); decoded as {}",
                            encoding.name(),
                            sniffed.name()
                        ),
                    ));
                    return finish(sniffed, bytes, diagnostics);
                }
            }
        }
        diagnostics.push(Diagnostic::new(
            CHARSET_FALLBACK,
            format!("{whence} charset {label:?} is unknown; charset was sniffed"),
        ));
    }

    if std::str::from_utf8(bytes).is_ok() {
        return finish(UTF_8, bytes, diagnostics);
    }
    finish(sniff(bytes), bytes, diagnostics)
}

/// Whether the bytes look like UTF-16 without a BOM: in a mostly-ASCII text,
/// every other byte is NUL. Returns the byte order.
pub(crate) fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(1024) & !1];
    if sample.len() < 8 {
        return None;
    }
    let pairs = sample.len() / 2;
    let even_nul = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd_nul = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|&&b| b == 0)
        .count();
    // Cyrillic UTF-16 has 0x04 rather than NUL in the high byte; count it too.
    let even_hi = sample.iter().step_by(2).filter(|&&b| b <= 0x04).count();
    let odd_hi = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|&&b| b <= 0x04)
        .count();
    let other_clean = |nul_side_hi: usize, other_nul: usize| {
        nul_side_hi * 10 >= pairs * 9 && other_nul * 20 <= pairs
    };
    if odd_nul * 2 >= pairs / 2 && other_clean(odd_hi, even_nul) {
        Some(UTF_16LE)
    } else if even_nul * 2 >= pairs / 2 && other_clean(even_hi, odd_nul) {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// The charset named in a `Content-Type` value, or the value itself when it
/// is a bare label.
fn label_from_content_type(value: &str) -> Option<&str> {
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    if !value.contains(';') && !value.contains('/') && !value.contains('=') {
        return Some(value);
    }
    let lower = value.to_ascii_lowercase();
    let at = lower.find("charset")?;
    let rest = value[at + "charset".len()..].trim_start();
    let rest = rest.strip_prefix('=')?.trim_start();
    let rest = rest.trim_start_matches(['"', '\'']);
    let end = rest
        .find(|c: char| c == ';' || c == '"' || c == '\'' || c.is_whitespace())
        .unwrap_or(rest.len());
    let label = &rest[..end];
    (!label.is_empty()).then_some(label)
}

/// The charset a `<meta>` tag or XML declaration names in the first 4 KB.
fn meta_charset(bytes: &[u8]) -> Option<&'static str> {
    let head = &bytes[..bytes.len().min(META_SCAN_BYTES)];
    let lower: Vec<u8> = head.to_ascii_lowercase();
    // XML declaration first: it can only be at the very start.
    if lower.starts_with(b"<?xml") {
        let end = memchr::memmem::find(&lower, b"?>")?;
        if let Some(label) = attr_after(&lower[..end], b"encoding") {
            return Some(label);
        }
    }
    let mut from = 0;
    while let Some(pos) = memchr::memmem::find(&lower[from..], b"<meta") {
        let start = from + pos;
        let end = memchr::memchr(b'>', &lower[start..]).map_or(lower.len(), |e| start + e);
        if let Some(label) = attr_after(&lower[start..end], b"charset") {
            return Some(label);
        }
        from = end;
    }
    None
}

/// The value after `name=` (quoted or not) inside a lower-cased `tag`.
fn attr_after(tag: &[u8], name: &[u8]) -> Option<&'static str> {
    let at = memchr::memmem::find(tag, name)?;
    let mut i = at + name.len();
    while i < tag.len() && tag[i].is_ascii_whitespace() {
        i += 1;
    }
    if tag.get(i) != Some(&b'=') {
        return None;
    }
    i += 1;
    while i < tag.len() && (tag[i].is_ascii_whitespace() || tag[i] == b'"' || tag[i] == b'\'') {
        i += 1;
    }
    let start = i;
    while i < tag.len() && (tag[i].is_ascii_alphanumeric() || b"-_:.".contains(&tag[i])) {
        i += 1;
    }
    let label = std::str::from_utf8(&tag[start..i]).ok()?;
    (!label.is_empty()).then(|| static_label(label))
}

/// Maps a label onto a `'static` canonical spelling via encoding_rs.
fn static_label(label: &str) -> &'static str {
    Encoding::for_label(label.as_bytes()).map_or("unknown-label", Encoding::name)
}

enum LabelCheck {
    Fits,
    Wrong(&'static str),
}

fn check_label(encoding: &'static Encoding, bytes: &[u8]) -> LabelCheck {
    let valid_utf8 = std::str::from_utf8(bytes).is_ok();
    if encoding == UTF_8 {
        return if valid_utf8 {
            LabelCheck::Fits
        } else {
            LabelCheck::Wrong("invalid UTF-8")
        };
    }
    // Non-ASCII bytes that happen to form valid UTF-8 sequences are, in
    // practice, UTF-8: legacy single-byte text almost never does.
    if valid_utf8 && encoding.is_ascii_compatible() && non_ascii_count(bytes) >= 4 {
        return LabelCheck::Wrong("the bytes are valid UTF-8");
    }
    let (text, _) = encoding.decode_without_bom_handling(bytes);
    let replaced = text.chars().filter(|&c| c == '\u{FFFD}').count();
    if replaced > 8 || replaced * 100 > text.chars().count() {
        return LabelCheck::Wrong("many replacement characters");
    }
    LabelCheck::Fits
}

fn non_ascii_count(bytes: &[u8]) -> usize {
    bytes.iter().filter(|b| !b.is_ascii()).count()
}

/// chardetng's guess; valid UTF-8 is UTF-8.
fn sniff(bytes: &[u8]) -> &'static Encoding {
    if std::str::from_utf8(bytes).is_ok() {
        return UTF_8;
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    detector.guess(None, chardetng::Utf8Detection::Allow)
}

fn finish(encoding: &'static Encoding, bytes: &[u8], mut diagnostics: Vec<Diagnostic>) -> Decoded {
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    if had_errors {
        let replaced = text.chars().filter(|&c| c == '\u{FFFD}').count();
        diagnostics.push(Diagnostic::new(
            REPLACEMENT_CHARS,
            format!(
                "{replaced} invalid byte sequence(s) in {} replaced with U+FFFD",
                encoding.name()
            ),
        ));
    }
    Decoded {
        text: text.into_owned(),
        encoding: encoding.name(),
        diagnostics,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_value_charset_is_parsed() {
        assert_eq!(
            label_from_content_type("text/html; charset=\"windows-1251\""),
            Some("windows-1251")
        );
        assert_eq!(label_from_content_type("koi8-r"), Some("koi8-r"));
        assert_eq!(label_from_content_type("text/html"), None);
    }

    #[test]
    fn meta_http_equiv_is_found() {
        let page =
            b"<html><head><META http-equiv=\"Content-Type\" content=\"text/html; charset=KOI8-R\">";
        assert_eq!(meta_charset(page), Some("KOI8-R"));
        assert_eq!(meta_charset(b"<meta charset='utf-8'>"), Some("UTF-8"));
    }

    #[test]
    fn bom_wins() {
        let decoded = decode(b"\xEF\xBB\xBFhello", Some("windows-1251"));
        assert_eq!(decoded.text, "hello");
        assert_eq!(decoded.encoding, "UTF-8");
    }

    #[test]
    fn utf16_without_bom_is_detected() {
        let bytes: Vec<u8> = "Крокус Сити Холл, concert hall"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let decoded = decode(&bytes, None);
        assert_eq!(decoded.encoding, "UTF-16LE");
        assert!(decoded.text.starts_with("Крокус"));
    }
}
