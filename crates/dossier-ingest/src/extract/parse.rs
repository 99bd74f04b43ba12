//! Single-pass HTML tokenizer that turns a page into text blocks.
//!
//! No DOM is built: a bounded stack of open elements gives each block its
//! container, and a flat element table (parent links, subtree ends, flags)
//! lets the region chooser reason about ancestry afterwards. Everything is
//! linear in the input; nesting deeper than [`MAX_DEPTH`] is flattened.

use memchr::memchr;

use super::boilerplate::{
    CLASS_SUBSTRINGS, CLASS_TOKENS, CONTENT_TOKENS, NEVER_CONTENT_SUBSTRINGS,
};
use super::entities::{DecodedRef, decode_all, decode_at};

/// Deepest nesting tracked; deeper start tags are not pushed.
const MAX_DEPTH: usize = 512;
/// No element: the parent of top-level elements.
pub(crate) const NONE: u32 = u32::MAX;

/// Element flags.
pub(crate) const F_BOILER: u8 = 1;
pub(crate) const F_CONTENT: u8 = 2;
pub(crate) const F_ARTICLE: u8 = 4;
pub(crate) const F_HEADING: u8 = 8;
pub(crate) const F_LIST: u8 = 16;
/// Boilerplate by class/id/role alone (not by tag name or hiding).
pub(crate) const F_BOILER_CLASS: u8 = 32;

/// One element of the page.
#[derive(Clone, Debug)]
pub(crate) struct Elem {
    pub(crate) parent: u32,
    /// Id of the last element in this element's subtree.
    pub(crate) end: u32,
    pub(crate) flags: u8,
    /// Nearest element at or above this one flagged boilerplate, or [`NONE`].
    pub(crate) boiler_anc: u32,
    pub(crate) tag: &'static str,
    /// Byte offset of the start tag in the page.
    pub(crate) src: u32,
}

/// A run of block text and the source bytes it stands for.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Seg {
    pub(crate) clean: u32,
    pub(crate) clean_len: u32,
    pub(crate) src: u32,
    pub(crate) src_len: u32,
    pub(crate) copied: bool,
}

/// Text between two block-level boundaries.
#[derive(Clone, Debug, Default)]
pub(crate) struct Block {
    pub(crate) text: String,
    pub(crate) segs: Vec<Seg>,
    pub(crate) link_bytes: usize,
    /// Innermost element open when the block started.
    pub(crate) elem: u32,
    /// Innermost block-level tag around the text.
    pub(crate) tag: &'static str,
}

/// Metadata gathered while tokenizing.
#[derive(Clone, Debug, Default)]
pub(crate) struct RawMeta {
    pub(crate) title: Option<String>,
    /// `(name|property|itemprop lower-cased, content)`.
    pub(crate) metas: Vec<(String, String)>,
    pub(crate) ld_json: Vec<String>,
    pub(crate) canonical: Option<String>,
    pub(crate) lang: Option<String>,
    pub(crate) time_datetime: Option<String>,
}

/// The tokenized page.
#[derive(Debug, Default)]
pub(crate) struct Parsed {
    pub(crate) elems: Vec<Elem>,
    pub(crate) blocks: Vec<Block>,
    pub(crate) meta: RawMeta,
}

const KNOWN_TAGS: &[&str] = &[
    "a",
    "p",
    "div",
    "span",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "tr",
    "td",
    "th",
    "tbody",
    "thead",
    "tfoot",
    "blockquote",
    "section",
    "article",
    "header",
    "footer",
    "nav",
    "aside",
    "main",
    "figure",
    "figcaption",
    "form",
    "pre",
    "dd",
    "dt",
    "dl",
    "hr",
    "address",
    "details",
    "summary",
    "img",
    "meta",
    "link",
    "input",
    "button",
    "select",
    "option",
    "label",
    "script",
    "style",
    "noscript",
    "template",
    "iframe",
    "textarea",
    "svg",
    "math",
    "object",
    "title",
    "html",
    "head",
    "body",
    "time",
    "b",
    "i",
    "em",
    "strong",
    "small",
    "sup",
    "sub",
    "u",
    "font",
    "center",
    "area",
    "base",
    "col",
    "embed",
    "param",
    "source",
    "track",
    "wbr",
    "menu",
    "dialog",
    "fieldset",
    "legend",
    "caption",
    "video",
    "audio",
    "canvas",
    "picture",
    "cite",
    "q",
    "abbr",
    "code",
    "mark",
];

fn intern(name: &[u8]) -> &'static str {
    let mut buf = [0u8; 12];
    if name.len() > buf.len() {
        return "";
    }
    for (d, s) in buf.iter_mut().zip(name) {
        *d = s.to_ascii_lowercase();
    }
    let lower = &buf[..name.len()];
    KNOWN_TAGS
        .iter()
        .copied()
        .find(|t| t.as_bytes() == lower)
        .unwrap_or("")
}

fn is_void(tag: &str) -> bool {
    matches!(
        tag,
        "br" | "img"
            | "meta"
            | "link"
            | "input"
            | "hr"
            | "area"
            | "base"
            | "col"
            | "embed"
            | "param"
            | "source"
            | "track"
            | "wbr"
    )
}

fn is_raw(tag: &str) -> bool {
    matches!(
        tag,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "iframe"
            | "textarea"
            | "svg"
            | "math"
            | "object"
            | "title"
            | "select"
            | "video"
            | "audio"
            | "canvas"
    )
}

pub(crate) fn is_block(tag: &str) -> bool {
    matches!(
        tag,
        "p" | "div"
            | "li"
            | "ul"
            | "ol"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "table"
            | "tr"
            | "td"
            | "th"
            | "tbody"
            | "thead"
            | "tfoot"
            | "blockquote"
            | "section"
            | "article"
            | "header"
            | "footer"
            | "nav"
            | "aside"
            | "main"
            | "figure"
            | "figcaption"
            | "form"
            | "pre"
            | "dd"
            | "dt"
            | "dl"
            | "hr"
            | "address"
            | "details"
            | "summary"
            | "html"
            | "head"
            | "body"
            | "center"
            | "menu"
            | "dialog"
            | "fieldset"
            | "legend"
            | "caption"
            | "button"
            | "label"
            | "option"
    )
}

fn boiler_tag(tag: &str) -> bool {
    matches!(
        tag,
        "nav"
            | "aside"
            | "footer"
            | "header"
            | "form"
            | "button"
            | "menu"
            | "dialog"
            | "label"
            | "figcaption"
            | "fieldset"
            | "option"
            | "address"
    )
}

fn has_token(value: &str, list: &[&str]) -> bool {
    value
        .split_ascii_whitespace()
        .any(|tok| list.contains(&tok))
}

/// Boilerplate and content signals of a class/id/role string (lower-cased).
fn class_flags(value: &str) -> u8 {
    let mut flags = 0;
    if value.is_empty() {
        return 0;
    }
    if has_token(value, CLASS_TOKENS) || CLASS_SUBSTRINGS.iter().any(|s| value.contains(s)) {
        flags |= F_BOILER;
    }
    if has_token(value, CONTENT_TOKENS) {
        flags |= F_CONTENT;
    }
    flags
}

struct Attr<'a> {
    name: &'a [u8],
    value: &'a str,
}

struct Parser<'h> {
    html: &'h str,
    out: Parsed,
    stack: Vec<u32>,
    skipped_depth: usize,
    link_depth: usize,
    cur: Block,
    pending_ws: Option<(u32, u32)>,
    attrs: Vec<(usize, usize, usize, usize)>,
}

/// Tokenizes `html` into blocks, elements and raw metadata.
pub(crate) fn parse(html: &str) -> Parsed {
    let mut p = Parser {
        html,
        out: Parsed::default(),
        stack: Vec::new(),
        skipped_depth: 0,
        link_depth: 0,
        cur: Block::default(),
        pending_ws: None,
        attrs: Vec::new(),
    };
    p.run();
    p.out
}

impl<'h> Parser<'h> {
    fn run(&mut self) {
        let bytes = self.html.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let Some(lt) = memchr(b'<', &bytes[i..]).map(|k| i + k) else {
                self.text(i, bytes.len());
                break;
            };
            if lt > i {
                self.text(i, lt);
            }
            i = self.markup(lt);
        }
        self.flush();
        let last = self.out.elems.len().saturating_sub(1) as u32;
        for id in std::mem::take(&mut self.stack) {
            self.out.elems[id as usize].end = last;
        }
    }

    /// Handles markup at `lt` (a `<`); returns where to continue.
    fn markup(&mut self, lt: usize) -> usize {
        let bytes = self.html.as_bytes();
        let rest = &bytes[lt..];
        if rest.starts_with(b"<!--") {
            return memchr::memmem::find(&rest[4..], b"-->")
                .map_or(bytes.len(), |k| lt + 4 + k + 3);
        }
        let next = rest.get(1).copied().unwrap_or(0);
        if next == b'!' || next == b'?' {
            return memchr(b'>', rest).map_or(bytes.len(), |k| lt + k + 1);
        }
        let closing = next == b'/';
        let name_start = lt + 1 + usize::from(closing);
        let name_len = bytes[name_start..]
            .iter()
            .position(|b| !(b.is_ascii_alphanumeric() || *b == b'-' || *b == b':'))
            .unwrap_or(bytes.len() - name_start);
        if name_len == 0 || !bytes[name_start].is_ascii_alphabetic() {
            if closing {
                return memchr(b'>', rest).map_or(bytes.len(), |k| lt + k + 1);
            }
            // A stray `<`: text.
            self.text(lt, lt + 1);
            return lt + 1;
        }
        let tag = intern(&bytes[name_start..name_start + name_len]);
        let (tag_end, self_closing) = self.read_attrs(name_start + name_len);
        if closing {
            self.end_tag(tag);
            return tag_end;
        }
        self.start_tag(tag, lt, tag_end, self_closing)
    }

    /// Reads attributes from `i` up to the closing `>`; records them in
    /// `self.attrs`; returns the offset after `>` and whether it was `/>`.
    fn read_attrs(&mut self, mut i: usize) -> (usize, bool) {
        let bytes = self.html.as_bytes();
        self.attrs.clear();
        let n = bytes.len();
        let mut self_closing = false;
        loop {
            while i < n && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
                self_closing = bytes[i] == b'/';
                i += 1;
            }
            if i >= n {
                return (n, false);
            }
            if bytes[i] == b'>' {
                return (i + 1, self_closing);
            }
            self_closing = false;
            let ns = i;
            while i < n
                && !matches!(
                    bytes[i],
                    b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'=' | b'>' | b'/'
                )
            {
                i += 1;
            }
            let ne = i;
            while i < n && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            if i < n && bytes[i] == b'=' {
                i += 1;
                while i < n && bytes[i].is_ascii_whitespace() {
                    i += 1;
                }
                if i < n && (bytes[i] == b'"' || bytes[i] == b'\'') {
                    let q = bytes[i];
                    let vs = i + 1;
                    let ve = memchr(q, &bytes[vs..]).map_or(n, |k| vs + k);
                    if self.attrs.len() < 64 {
                        self.attrs.push((ns, ne, vs, ve));
                    }
                    i = (ve + 1).min(n);
                } else {
                    let vs = i;
                    while i < n && !bytes[i].is_ascii_whitespace() && bytes[i] != b'>' {
                        i += 1;
                    }
                    if self.attrs.len() < 64 {
                        self.attrs.push((ns, ne, vs, i));
                    }
                }
            } else if ne > ns && self.attrs.len() < 64 {
                self.attrs.push((ns, ne, ne, ne));
            }
            if i == ns {
                i += 1;
            }
        }
    }

    fn attr(&self, name: &str) -> Option<&'h str> {
        let html = self.html;
        self.attrs.iter().find_map(|&(ns, ne, vs, ve)| {
            let a = Attr {
                name: &html.as_bytes()[ns..ne],
                value: html.get(vs..ve).unwrap_or(""),
            };
            a.name
                .eq_ignore_ascii_case(name.as_bytes())
                .then_some(a.value)
        })
    }

    fn start_tag(
        &mut self,
        tag: &'static str,
        lt: usize,
        tag_end: usize,
        self_closing: bool,
    ) -> usize {
        match tag {
            "meta" => self.meta_tag(),
            "link" => {
                if let (Some(rel), Some(href)) = (self.attr("rel"), self.attr("href"))
                    && rel.eq_ignore_ascii_case("canonical")
                    && self.out.meta.canonical.is_none()
                {
                    self.out.meta.canonical = Some(decode_all(href.trim()));
                }
            }
            "html" => {
                if let Some(lang) = self.attr("lang").or_else(|| self.attr("xml:lang")) {
                    self.out
                        .meta
                        .lang
                        .get_or_insert_with(|| lang.trim().to_owned());
                }
            }
            "time" => {
                if self.out.meta.time_datetime.is_none()
                    && let Some(dt) = self.attr("datetime")
                {
                    self.out.meta.time_datetime = Some(dt.trim().to_owned());
                }
            }
            "br" => {
                if !self.cur.text.is_empty() {
                    self.pending_ws = Some((lt as u32, (tag_end - lt) as u32));
                }
                return tag_end;
            }
            _ => {}
        }
        if is_raw(tag) {
            let is_ld = tag == "script"
                && self
                    .attr("type")
                    .is_some_and(|t| t.eq_ignore_ascii_case("application/ld+json"));
            if self_closing {
                return tag_end;
            }
            let close = find_close(self.html.as_bytes(), tag_end, tag);
            let inner = self.html.get(tag_end..close).unwrap_or("");
            if tag == "title" && self.out.meta.title.is_none() {
                self.out.meta.title = Some(decode_all(inner));
            } else if is_ld && self.out.meta.ld_json.len() < 16 {
                self.out.meta.ld_json.push(inner.to_owned());
            }
            let after = memchr(b'>', &self.html.as_bytes()[close..])
                .map_or(self.html.len(), |k| close + k + 1);
            return after;
        }
        if tag.is_empty() && self_closing {
            return tag_end;
        }
        if is_void(tag) {
            if tag == "hr" {
                self.flush();
            }
            return tag_end;
        }
        let block = is_block(tag);
        if block {
            self.flush();
            // Implicit closes.
            self.implicit_close(tag);
        }
        if self.stack.len() >= MAX_DEPTH {
            self.skipped_depth += 1;
            return tag_end;
        }
        let mut flags = 0u8;
        let mut sig = String::new();
        for name in ["class", "id", "role", "itemprop"] {
            if let Some(v) = self.attr(name) {
                sig.push_str(&v.to_ascii_lowercase());
                sig.push(' ');
            }
        }
        if !sig.is_empty() && !matches!(tag, "html" | "body" | "main" | "article") {
            flags |= class_flags(&sig);
            if flags & F_CONTENT != 0 {
                flags &= !F_BOILER;
            }
            // Comment threads, cookie banners and newsletter boxes stay
            // boilerplate however much prose they hold.
            if flags & F_BOILER != 0 && !NEVER_CONTENT_SUBSTRINGS.iter().any(|c| sig.contains(c)) {
                flags |= F_BOILER_CLASS;
            }
            if sig.contains("articlebody") || sig.contains("main ") || sig.contains("main-content")
            {
                flags |= F_CONTENT;
                flags &= !(F_BOILER | F_BOILER_CLASS);
            }
        }
        if self.attr("hidden").is_some()
            || self
                .attr("aria-hidden")
                .is_some_and(|v| v.eq_ignore_ascii_case("true"))
            || self.attr("style").is_some_and(|v| {
                v.replace(' ', "")
                    .to_ascii_lowercase()
                    .contains("display:none")
            })
        {
            flags |= F_BOILER;
        }
        if boiler_tag(tag) {
            flags |= F_BOILER;
        }
        if matches!(tag, "article" | "main") {
            flags |= F_ARTICLE;
        }
        if matches!(tag, "h1" | "h2" | "h3" | "h4" | "h5" | "h6") {
            flags |= F_HEADING;
        }
        if matches!(tag, "ul" | "ol" | "dl" | "li") {
            flags |= F_LIST;
        }
        let parent = self.stack.last().copied().unwrap_or(NONE);
        let id = self.out.elems.len() as u32;
        let boiler_anc = if flags & F_BOILER != 0 {
            id
        } else if parent == NONE {
            NONE
        } else {
            self.out.elems[parent as usize].boiler_anc
        };
        self.out.elems.push(Elem {
            parent,
            end: id,
            flags,
            boiler_anc,
            tag,
            src: lt as u32,
        });
        if self_closing && !block {
            return tag_end;
        }
        self.stack.push(id);
        if tag == "a" {
            self.link_depth += 1;
        }
        tag_end
    }

    fn implicit_close(&mut self, tag: &str) {
        let scope: &[&str] = match tag {
            "li" => &["li"],
            "dt" | "dd" => &["dt", "dd"],
            "tr" => &["tr", "td", "th"],
            "td" | "th" => &["td", "th"],
            "option" => &["option"],
            _ => &[],
        };
        if let Some(&top) = self.stack.last()
            && self.out.elems[top as usize].tag == "p"
        {
            self.pop_to(self.stack.len() - 1);
        }
        if scope.is_empty() {
            return;
        }
        let len = self.stack.len();
        for k in (len.saturating_sub(4)..len).rev() {
            let t = self.out.elems[self.stack[k] as usize].tag;
            if scope.contains(&t) {
                self.pop_to(k);
                return;
            }
            if matches!(t, "ul" | "ol" | "table" | "dl") {
                return;
            }
        }
    }

    fn pop_to(&mut self, k: usize) {
        let last = self.out.elems.len().saturating_sub(1) as u32;
        while self.stack.len() > k {
            if let Some(id) = self.stack.pop() {
                let e = &mut self.out.elems[id as usize];
                e.end = last;
                if e.tag == "a" {
                    self.link_depth = self.link_depth.saturating_sub(1);
                }
            }
        }
    }

    fn end_tag(&mut self, tag: &'static str) {
        if is_block(tag) {
            self.flush();
        }
        if self.skipped_depth > 0 {
            self.skipped_depth -= 1;
            return;
        }
        let len = self.stack.len();
        for k in (len.saturating_sub(48)..len).rev() {
            if self.out.elems[self.stack[k] as usize].tag == tag {
                self.pop_to(k);
                return;
            }
        }
    }

    fn meta_tag(&mut self) {
        let key = self
            .attr("property")
            .or_else(|| self.attr("name"))
            .or_else(|| self.attr("itemprop"))
            .or_else(|| self.attr("http-equiv"));
        if let (Some(key), Some(content)) = (key, self.attr("content"))
            && self.out.meta.metas.len() < 256
        {
            self.out
                .meta
                .metas
                .push((key.trim().to_ascii_lowercase(), decode_all(content.trim())));
        }
    }

    fn flush(&mut self) {
        self.pending_ws = None;
        if self.cur.text.is_empty() {
            self.cur.segs.clear();
            self.cur.link_bytes = 0;
            return;
        }
        let block = std::mem::take(&mut self.cur);
        self.out.blocks.push(block);
    }

    fn start_block_if_needed(&mut self) {
        if self.cur.text.is_empty() {
            let elem = self.stack.last().copied().unwrap_or(NONE);
            self.cur.elem = elem;
            let mut tag = "";
            for &id in self.stack.iter().rev().take(8) {
                let t = self.out.elems[id as usize].tag;
                if is_block(t) {
                    tag = t;
                    break;
                }
            }
            self.cur.tag = tag;
        }
    }

    fn emit_pending(&mut self) {
        if let Some((src, len)) = self.pending_ws.take()
            && !self.cur.text.is_empty()
        {
            let clean = self.cur.text.len() as u32;
            self.cur.text.push(' ');
            let copied = len == 1 && self.html.as_bytes().get(src as usize) == Some(&b' ');
            self.cur.segs.push(Seg {
                clean,
                clean_len: 1,
                src,
                src_len: len,
                copied,
            });
        }
    }

    fn push_copy(&mut self, s: usize, e: usize) {
        self.start_block_if_needed();
        self.emit_pending();
        let clean = self.cur.text.len() as u32;
        self.cur.text.push_str(&self.html[s..e]);
        if self.link_depth > 0 {
            self.cur.link_bytes += e - s;
        }
        if let Some(last) = self.cur.segs.last_mut()
            && last.copied
            && last.clean + last.clean_len == clean
            && last.src + last.src_len == s as u32
        {
            last.clean_len += (e - s) as u32;
            last.src_len += (e - s) as u32;
            return;
        }
        self.cur.segs.push(Seg {
            clean,
            clean_len: (e - s) as u32,
            src: s as u32,
            src_len: (e - s) as u32,
            copied: true,
        });
    }

    fn push_synthetic(&mut self, value: &str, s: usize, e: usize) {
        self.start_block_if_needed();
        self.emit_pending();
        let clean = self.cur.text.len() as u32;
        self.cur.text.push_str(value);
        if self.link_depth > 0 {
            self.cur.link_bytes += value.len();
        }
        self.cur.segs.push(Seg {
            clean,
            clean_len: value.len() as u32,
            src: s as u32,
            src_len: (e - s) as u32,
            copied: false,
        });
    }

    fn whitespace(&mut self, s: usize, e: usize) {
        if self.cur.text.is_empty() {
            return;
        }
        match &mut self.pending_ws {
            Some((ps, pl)) if (*ps + *pl) as usize == s => *pl += (e - s) as u32,
            Some(_) => {}
            None => self.pending_ws = Some((s as u32, (e - s) as u32)),
        }
    }

    /// Text node `html[s..e]`.
    fn text(&mut self, s: usize, e: usize) {
        let bytes = self.html.as_bytes();
        let mut i = s;
        while i < e {
            let b = bytes[i];
            if is_ws(bytes, i) {
                let mut j = i;
                while j < e && is_ws(bytes, j) {
                    j += if bytes[j] == 0xC2 { 2 } else { 1 };
                }
                let j = j.min(e);
                self.whitespace(i, j);
                i = j;
            } else if b == b'&' {
                match decode_at(&self.html[i..e]) {
                    Some((decoded, used)) => {
                        let mut buf = [0u8; 4];
                        let value: &str = match decoded {
                            DecodedRef::Char(c) => c.encode_utf8(&mut buf),
                            DecodedRef::Str(v) => v,
                        };
                        if value.is_empty() {
                            // soft hyphen and friends: dropped
                        } else if value.chars().all(char::is_whitespace) {
                            self.whitespace(i, i + used);
                        } else {
                            self.push_synthetic(value, i, i + used);
                        }
                        i += used;
                    }
                    None => {
                        self.push_copy(i, i + 1);
                        i += 1;
                    }
                }
            } else {
                let mut j = i + 1;
                while j < e && !is_ws(bytes, j) && bytes[j] != b'&' {
                    j += 1;
                }
                // `j` stops at ASCII or at a 0xC2 lead byte: a char boundary.
                self.push_copy(i, j);
                i = j;
            }
        }
    }
}

fn is_ws(bytes: &[u8], i: usize) -> bool {
    match bytes[i] {
        b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' => true,
        0xC2 => bytes.get(i + 1) == Some(&0xA0),
        _ => false,
    }
}

/// Offset of the `</tag` closing a raw-text element opened before `from`
/// (or the end of input).
fn find_close(bytes: &[u8], from: usize, tag: &str) -> usize {
    let mut i = from;
    let t = tag.as_bytes();
    while let Some(k) = memchr(b'<', &bytes[i.min(bytes.len())..]) {
        let at = i + k;
        if bytes.get(at + 1) == Some(&b'/')
            && bytes.len() >= at + 2 + t.len()
            && bytes[at + 2..at + 2 + t.len()].eq_ignore_ascii_case(t)
        {
            return at;
        }
        i = at + 1;
    }
    bytes.len()
}
