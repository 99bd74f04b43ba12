//! Main text from a news page: the body paragraphs without navigation,
//! share bars, related-story lists and comment forms, with a span map back to
//! the page, plus the page's metadata.
//!
//! # Design
//!
//! Extraction must run at well over 1,000 pages/s on one core, which rules out
//! building a full DOM per page (html5ever alone takes milliseconds on a
//! 140 KB page). Instead:
//!
//! 1. [`parse`] is a single-pass, hand-written tokenizer (memchr-driven) that
//!    skips `script`/`style`/`noscript`/`svg`/`template`/`iframe` contents and
//!    comments, keeps a bounded stack of open elements with per-element
//!    boilerplate/content signals from tag names and class/id/role, and emits
//!    *text blocks* at block-level boundaries. Each block carries its text, a
//!    segment list back to the source (copied runs exact; decoded entities and
//!    collapsed whitespace synthetic), its link-text share and its container.
//! 2. The main region is chosen boilerpipe/trafilatura style: blocks that look
//!    like prose (long, few links, outside boilerplate containers, not in the
//!    [`boilerplate`] lexicon) vote with their length for every ancestor; the
//!    region is the deepest element that still holds most of those votes.
//! 3. Within the region, blocks pass unless they sit in a boilerplate
//!    container below the region, are link lists, lexicon lines, or repeat the
//!    headline.
//!
//! Everything is linear in the input; nesting deeper than a fixed bound is
//! flattened, so no input can blow the stack or panic.

mod boilerplate;
mod entities;
mod metadata;
mod parse;

use dossier_model::{ByteSpan, Diagnostic, PublishedDate, SpanMap, SpanMapBuilder};

use parse::{Block, F_BOILER, F_BOILER_CLASS, NONE, Parsed};

/// What the page says about itself.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PageMetadata {
    /// Headline.
    pub title: Option<String>,
    /// Author line.
    pub byline: Option<String>,
    /// Publication date.
    pub published: Option<PublishedDate>,
    /// The site's name for itself.
    pub site_name: Option<String>,
    /// `<link rel=canonical>`.
    pub canonical_url: Option<String>,
    /// `og:url`, when different from the canonical URL.
    pub url: Option<String>,
    /// ISO 639-1 language code (declared by the page or detected).
    pub language: Option<String>,
}

/// The result of main-text extraction.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Extraction {
    /// Body paragraphs joined by `"\n\n"`.
    pub text: String,
    /// The paragraphs' spans in `text`.
    pub paragraphs: Vec<ByteSpan>,
    /// Maps spans of `text` to spans of the input HTML (or text).
    pub span_map: SpanMap,
    /// Page metadata.
    pub metadata: PageMetadata,
    /// Soft problems met.
    pub diagnostics: Vec<Diagnostic>,
}

/// Normalised form of a line for lexicon lookups.
fn norm_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out.to_lowercase()
}

/// Whether a line/block is boilerplate by the lexicon.
fn is_boilerplate_line(s: &str) -> bool {
    if s.len() > 400 {
        return false;
    }
    let n = norm_line(s);
    let trimmed = n.trim_end_matches([':', '.', '!', '›', '»', '>', ' ']);
    boilerplate::EXACT_LINES
        .iter()
        .any(|l| *l == n || *l == trimmed)
        || boilerplate::LINE_PREFIXES.iter().any(|p| n.starts_with(p))
}

/// Whether a short block is a photo credit or a call to action ("subscribe
/// to our newsletter", "follow us on", "4 min read").
fn is_credit_or_promo(s: &str) -> bool {
    if s.len() > boilerplate::PROMO_MAX.max(boilerplate::CREDIT_MAX) {
        return false;
    }
    let n = s.to_lowercase();
    let caption = || {
        let t = n.trim_start();
        boilerplate::CAPTION_LABELS.iter().any(|l| {
            t.strip_prefix(l).is_some_and(|rest| {
                rest.trim_start_matches(|c: char| c.is_ascii_digit() || c == ' ')
                    .starts_with(':')
            })
        })
    };
    (s.len() <= boilerplate::CREDIT_MAX
        && (boilerplate::CREDIT_MARKERS.iter().any(|m| n.contains(m)) || caption()))
        || (s.len() <= boilerplate::PROMO_MAX
            && boilerplate::PROMO_PHRASES.iter().any(|m| n.contains(m)))
}

fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Whether `line` repeats (or rewords) `title`: most of its words are in it.
fn is_duplicate_title(line: &str, title: &str) -> bool {
    let lw = words(line);
    let tw = words(title);
    if lw.is_empty() || tw.is_empty() || line.len() > title.len() * 2 + 20 {
        return false;
    }
    let shared = lw.iter().filter(|w| tw.contains(w)).count();
    shared * 10 >= lw.len() * 7
}

fn is_heading(tag: &str) -> bool {
    matches!(tag, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

/// Non-link bytes of a block when it looks like prose, else 0.
fn prose_weight(b: &Block, parsed: &Parsed) -> usize {
    let boiler = b.elem != NONE && parsed.elems[b.elem as usize].boiler_anc != NONE;
    raw_prose_weight(b, boiler)
}

/// [`prose_weight`] with the container's boilerplate signal given.
fn raw_prose_weight(b: &Block, boiler: bool) -> usize {
    let len = b.text.len();
    if len < 60 || b.link_bytes * 3 > len || is_heading(b.tag) {
        return 0;
    }
    if is_boilerplate_line(&b.text) {
        return 0;
    }
    let len = if boiler { len / 5 } else { len };
    let punct = b
        .text
        .bytes()
        .filter(|c| matches!(c, b'.' | b',' | b'!' | b'?' | b';'))
        .count();
    if punct == 0 {
        return len / 4;
    }
    len.saturating_sub(b.link_bytes)
}

/// Clears the class-based boilerplate signal of elements that hold most of
/// the page's prose: a layout wrapper named after its sidebar or a page
/// builder's "widget" container is not boilerplate when the article is in it.
fn relax_boilerplate(parsed: &mut Parsed) {
    // (prose bytes, prose blocks) per element.
    let mut weight = vec![(0usize, 0usize); parsed.elems.len()];
    let mut total = 0usize;
    for b in &parsed.blocks {
        // Text in a container flagged by more than its class (a footer, a
        // cookie banner, a comment thread) keeps its discount.
        let anc = if b.elem == NONE {
            NONE
        } else {
            parsed.elems[b.elem as usize].boiler_anc
        };
        let fixed = anc != NONE && parsed.elems[anc as usize].flags & F_BOILER_CLASS == 0;
        let w = raw_prose_weight(b, fixed);
        if w == 0 {
            continue;
        }
        total += w;
        let mut e = b.elem;
        while e != NONE {
            weight[e as usize].0 += w;
            weight[e as usize].1 += 1;
            e = parsed.elems[e as usize].parent;
        }
    }
    let mut changed = false;
    for (e, &(w, n)) in parsed.elems.iter_mut().zip(&weight) {
        if e.flags & F_BOILER_CLASS != 0
            && w * 10 >= total * RELAX_SHARE
            && w >= RELAX_MIN
            && n >= RELAX_BLOCKS
        {
            e.flags &= !(F_BOILER | F_BOILER_CLASS);
            changed = true;
        }
    }
    if changed {
        for id in 0..parsed.elems.len() {
            let e = &parsed.elems[id];
            let anc = if e.flags & F_BOILER != 0 {
                id as u32
            } else if e.parent == NONE {
                NONE
            } else {
                parsed.elems[e.parent as usize].boiler_anc
            };
            parsed.elems[id].boiler_anc = anc;
        }
    }
}

/// Share of the page's prose (in tenths) that clears a boilerplate class.
const RELAX_SHARE: usize = 5;
/// Fewest prose blocks that clear a boilerplate class (one long text widget
/// does not).
const RELAX_BLOCKS: usize = 3;
/// Least prose (bytes) that clears a boilerplate class.
const RELAX_MIN: usize = 400;

/// Picks the main-content element (or [`NONE`] for the whole page).
fn choose_region(parsed: &Parsed) -> (u32, usize) {
    let mut weight = vec![0usize; parsed.elems.len()];
    let mut total = 0usize;
    for b in &parsed.blocks {
        let w = prose_weight(b, parsed);
        if w == 0 {
            continue;
        }
        total += w;
        let mut e = b.elem;
        while e != NONE {
            weight[e as usize] += w;
            e = parsed.elems[e as usize].parent;
        }
    }
    if total == 0 {
        return (NONE, 0);
    }
    // The elements holding >= 75% of the votes form a chain; take the deepest.
    let mut region = NONE;
    for (id, w) in weight.iter().enumerate() {
        if *w * 100 >= total * 75 {
            region = id as u32;
        }
    }
    (region, total)
}

/// Whether a short line is only a date (and time): `23.10.2018`,
/// `05. Februar 2020, 14:30 Uhr`, `Aktualisiert: 3 March 2020`.
fn is_date_line(s: &str) -> bool {
    if s.len() > 48 || !s.bytes().any(|c| c.is_ascii_digit()) {
        return false;
    }
    const WORDS: &[&str] = &[
        "jan",
        "feb",
        "mär",
        "mar",
        "apr",
        "mai",
        "may",
        "jun",
        "jul",
        "aug",
        "sep",
        "okt",
        "oct",
        "nov",
        "dez",
        "dec",
        "januar",
        "january",
        "februar",
        "february",
        "märz",
        "march",
        "april",
        "juni",
        "june",
        "juli",
        "july",
        "august",
        "september",
        "oktober",
        "october",
        "november",
        "dezember",
        "december",
        "uhr",
        "am",
        "um",
        "on",
        "at",
        "updated",
        "published",
        "aktualisiert",
        "veröffentlicht",
        "stand",
        "montag",
        "dienstag",
        "mittwoch",
        "donnerstag",
        "freitag",
        "samstag",
        "sonntag",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "pm",
        "am",
        "mez",
        "cet",
    ];
    s.split(|c: char| !c.is_alphanumeric()).all(|w| {
        w.is_empty()
            || w.bytes().all(|c| c.is_ascii_digit())
            || WORDS.contains(&w.to_lowercase().as_str())
    })
}

/// Whether a short line is a post's date line: "Published: 26 September
/// 2020", "Posted on May 3, 2021 by ...", "Veröffentlicht am 3. Mai 2022".
fn is_dateline(s: &str) -> bool {
    if s.len() > boilerplate::DATELINE_MAX || !s.bytes().any(|c| c.is_ascii_digit()) {
        return false;
    }
    let n = s.trim_start().to_lowercase();
    boilerplate::DATELINE_PREFIXES.iter().any(|p| {
        let Some(rest) = n.strip_prefix(p) else {
            return false;
        };
        // "Published: ...", "Published 3 May", "Veröffentlicht am ...", not
        // "Published research shows ...".
        let rest = rest.trim_start();
        rest.starts_with([':', '|', '-', '–'])
            || rest.starts_with(|c: char| c.is_ascii_digit())
            || ["am ", "on ", "le ", "el "]
                .iter()
                .any(|w| rest.starts_with(w))
    })
}

/// Whether a short line opens the after-body (related stories, sources, tags).
fn is_cut_line(s: &str) -> bool {
    if s.len() > 60 {
        return false;
    }
    let n = norm_line(s);
    boilerplate::CUT_PREFIXES.iter().any(|p| {
        n.starts_with(p)
            && n[p.len()..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric() || p.ends_with(' '))
    })
}

/// Ends the body at a "related stories" / "sources" line in its second half:
/// marks that line and every kept block after it.
fn cut_at_stop_heading(parsed: &Parsed, why: &mut [Option<&'static str>]) {
    let total: usize = kept_iter(parsed, why).map(|(_, b)| b.text.len()).sum();
    let mut before = 0;
    let mut cut = None;
    for (i, b) in kept_iter(parsed, why) {
        if before * 2 >= total && is_cut_line(&b.text) {
            cut = Some(i);
            break;
        }
        before += b.text.len();
    }
    if let Some(c) = cut {
        for w in why[c..].iter_mut().filter(|w| w.is_none()) {
            *w = Some("cut");
        }
    }
}

fn kept_iter<'p, 'w>(
    parsed: &'p Parsed,
    why: &'w [Option<&'static str>],
) -> impl Iterator<Item = (usize, &'p Block)> + use<'p, 'w> {
    parsed
        .blocks
        .iter()
        .enumerate()
        .filter(move |(i, _)| why.get(*i).is_some_and(Option::is_none))
}

/// Which blocks count as inside the region: those in its subtree, plus
/// prose blocks right before it (lead paragraphs that the page put in a
/// sibling container), across at most [`MAX_GAP`] non-prose blocks in a row
/// holding at most [`MAX_GAP_BYTES`] of text (byline, date, share bar, an ad
/// label; these stay out).
fn inside_blocks(parsed: &Parsed, region: u32) -> Vec<bool> {
    let n = parsed.blocks.len();
    if region == NONE {
        return vec![true; n];
    }
    let r = &parsed.elems[region as usize];
    let mut inside: Vec<bool> = parsed
        .blocks
        .iter()
        .map(|b| b.elem != NONE && b.elem >= region && b.elem <= r.end)
        .collect();
    let Some(first) = inside.iter().position(|&x| x) else {
        return inside;
    };
    let (mut gap, mut gap_bytes) = (0, 0);
    for i in (0..first).rev() {
        let b = &parsed.blocks[i];
        let boiler = b.elem == NONE || parsed.elems[b.elem as usize].boiler_anc != NONE;
        if !boiler && prose_weight(b, parsed) > 0 {
            inside[i] = true;
            (gap, gap_bytes) = (0, 0);
            continue;
        }
        // A byline, a date, a share bar or an ad label between lead and body
        // is a gap; it stays out itself.
        gap += 1;
        gap_bytes += b.text.len();
        if gap > MAX_GAP || gap_bytes > MAX_GAP_BYTES {
            break;
        }
    }
    inside
}

const MAX_GAP: usize = 6;
const MAX_GAP_BYTES: usize = 240;

/// Whether block `b` belongs to the body; `Err` names the reason it does not.
fn decide(
    b: &Block,
    inside: bool,
    parsed: &Parsed,
    region: u32,
    total: usize,
    title: Option<&str>,
    first: bool,
) -> Result<(), &'static str> {
    if !inside {
        return Err("outside");
    }
    let boiler_anc = if b.elem == NONE {
        NONE
    } else {
        parsed.elems[b.elem as usize].boiler_anc
    };
    let below_region_boiler = boiler_anc != NONE && (region == NONE || boiler_anc > region);
    if below_region_boiler {
        return Err("boiler-container");
    }
    if total == 0 && b.text.len() < 40 {
        return Err("no-region-short");
    }
    let len = b.text.len();
    if b.link_bytes * 2 > len && !(b.link_bytes == len && len > 10 && b.text.contains("://")) {
        return Err("links");
    }
    if is_boilerplate_line(&b.text) {
        return Err("lexicon");
    }
    if is_date_line(&b.text) || is_dateline(&b.text) {
        return Err("date");
    }
    if is_credit_or_promo(&b.text) {
        return Err("credit-promo");
    }
    if first
        && let Some(t) = title
        && (is_heading(b.tag) || b.text.len() < 200)
        && is_duplicate_title(&b.text, t)
    {
        return Err("title");
    }
    if b.tag == "h1" && title.is_some_and(|t| is_duplicate_title(&b.text, t)) {
        return Err("title");
    }
    Ok(())
}

/// Why each block is left out of the body (`None`: kept).
fn select(
    parsed: &Parsed,
    region: u32,
    total: usize,
    title: Option<&str>,
) -> Vec<Option<&'static str>> {
    let inside = inside_blocks(parsed, region);
    let mut why = Vec::with_capacity(parsed.blocks.len());
    let mut first = true;
    for (b, &ins) in parsed.blocks.iter().zip(&inside) {
        let r = decide(b, ins, parsed, region, total, title, first);
        if r.is_ok() {
            first = false;
        }
        why.push(r.err());
    }
    cut_at_stop_heading(parsed, &mut why);
    // A "related stories" line in the first half does not end the body, but
    // is no part of it either.
    for (b, w) in parsed.blocks.iter().zip(why.iter_mut()) {
        if w.is_none() && is_cut_line(&b.text) {
            *w = Some("cut-line");
        }
    }
    // Trailing headings and short lines close the body, not open the next one.
    for (b, w) in parsed.blocks.iter().zip(why.iter_mut()).rev() {
        if w.is_some() {
            continue;
        }
        if is_heading(b.tag) || b.text.len() < 25 {
            *w = Some("trailing");
        } else {
            break;
        }
    }
    why
}

/// The words of a byline's first name, case kept ("Von Max Muster und Eva
/// Beispiel" gives "Max Muster").
fn byline_name(byline: &str) -> Vec<String> {
    let first = byline
        .split([',', '|', '/', '&', ';'])
        .next()
        .unwrap_or_default();
    let first = first.split(" und ").next().unwrap_or_default();
    let first = first.split(" and ").next().unwrap_or_default();
    cased_words(first)
        .filter(|w| !matches!(w.as_str(), "Von" | "von" | "By" | "by" | "par" | "por"))
        .collect()
}

/// Words of `s`, case kept.
fn cased_words(s: &str) -> impl Iterator<Item = String> + '_ {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
}

/// Leaves out a short author bio closing the body: one of the last two kept
/// blocks that names the byline's author (same case) in its first words.
fn drop_author_bio(parsed: &Parsed, why: &mut [Option<&'static str>], byline: &str) {
    let name = byline_name(byline);
    if name.len() < 2 || name.len() > 4 {
        return;
    }
    let last: Vec<usize> = kept_iter(parsed, why).map(|(i, _)| i).collect();
    if last.len() < 3 {
        return;
    }
    for &i in last.iter().rev().take(2) {
        let b = &parsed.blocks[i];
        if b.text.len() > BIO_MAX {
            continue;
        }
        let head: Vec<String> = cased_words(&b.text).take(name.len() + 2).collect();
        if head.windows(name.len()).any(|w| w == name.as_slice()) {
            why[i] = Some("author-bio");
        }
    }
}

/// Longest block (bytes) taken as an author bio.
const BIO_MAX: usize = 500;

/// What extraction decided about a page: every block's fate (`None` =
/// kept, otherwise why it was dropped), the main region and the metadata.
struct Decisions {
    parsed: Parsed,
    region: u32,
    metadata: PageMetadata,
    why: Vec<Option<&'static str>>,
}

fn decide_page(html: &str) -> Decisions {
    let mut parsed = parse::parse(html);
    relax_boilerplate(&mut parsed);
    let (region, total) = choose_region(&parsed);
    let h1 = parsed
        .blocks
        .iter()
        .find(|b| b.tag == "h1")
        .map(|b| b.text.as_str());
    let metadata = metadata::build(&parsed.meta, h1, None);
    let mut why = select(&parsed, region, total, metadata.title.as_deref());
    if let Some(by) = metadata.byline.as_deref() {
        drop_author_bio(&parsed, &mut why, by);
    }
    Decisions {
        parsed,
        region,
        metadata,
        why,
    }
}

/// Extracts the main text and metadata of an HTML page.
#[must_use]
pub fn extract_html(html: &str, _url: Option<&str>) -> Extraction {
    let Decisions {
        parsed,
        mut metadata,
        why,
        ..
    } = decide_page(html);
    let kept: Vec<&Block> = kept_iter(&parsed, &why).map(|(_, b)| b).collect();

    let mut text = String::new();
    let mut builder = SpanMapBuilder::new();
    let mut paragraphs = Vec::with_capacity(kept.len());
    let mut prev_end = 0u32;
    for b in kept {
        if !text.is_empty() {
            builder.synthetic(text.len() as u32, 2, prev_end, 0);
            text.push_str("\n\n");
        }
        let base = text.len() as u32;
        text.push_str(&b.text);
        for s in &b.segs {
            if s.copied {
                builder.copied(base + s.clean, s.src, s.clean_len);
            } else {
                builder.synthetic(base + s.clean, s.clean_len, s.src, s.src_len);
            }
        }
        prev_end = b.segs.last().map_or(prev_end, |s| s.src + s.src_len);
        paragraphs.push(ByteSpan::from_range(base as usize..text.len()));
    }
    if metadata.language.is_none() {
        metadata.language = metadata::detect_lang(&text);
    }
    let diagnostics = Vec::new();
    Extraction {
        text,
        paragraphs,
        span_map: builder.build(),
        metadata,
        diagnostics,
    }
}

/// Cleans a plain-text report: drops boilerplate lines, keeps paragraphs.
///
/// A short first line without a final full stop is taken as the title and
/// dropped from the body, with any following lines that repeat or reword it.
#[must_use]
pub fn clean_plain_text(text: &str) -> Extraction {
    // Lines with their byte offsets.
    let mut lines: Vec<(usize, &str)> = Vec::new();
    let mut off = 0;
    for line in text.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        lines.push((off, body));
        off += line.len();
    }
    let mut title = None;
    let mut start = 0;
    if let Some(k) = lines.iter().position(|(_, l)| !l.trim().is_empty()) {
        let first = lines[k].1.trim();
        let next_blank = lines.get(k + 1).is_none_or(|(_, l)| l.trim().is_empty());
        if first.chars().count() <= 200
            && !first.ends_with(['.', ',', ';'])
            && next_blank
            && lines.len() > k + 2
        {
            title = Some(first.to_owned());
            start = k + 1;
            // Drop rewordings of the headline right after it.
            let mut j = start;
            while j < lines.len() {
                let l = lines[j].1.trim();
                if l.is_empty() {
                    j += 1;
                    continue;
                }
                if l.chars().count() <= 200 && !l.ends_with('.') && is_duplicate_title(l, first) {
                    start = j + 1;
                    j += 1;
                    continue;
                }
                break;
            }
        }
    }
    // Paragraphs: runs of non-blank, non-boilerplate lines.
    let mut out = String::new();
    let mut builder = SpanMapBuilder::new();
    let mut paragraphs = Vec::new();
    let mut para_start: Option<usize> = None;
    let mut prev_src_end = 0u32;
    let close = |para_start: &mut Option<usize>, out: &String, paragraphs: &mut Vec<ByteSpan>| {
        if let Some(s) = para_start.take() {
            paragraphs.push(ByteSpan::from_range(s..out.len()));
        }
    };
    for &(off, line) in &lines[start..] {
        let t = line.trim();
        if t.is_empty() || is_boilerplate_line(t) {
            close(&mut para_start, &out, &mut paragraphs);
            continue;
        }
        let lead = line.len() - line.trim_start().len();
        let src = (off + lead) as u32;
        if para_start.is_some() {
            builder.synthetic(out.len() as u32, 1, prev_src_end, src - prev_src_end);
            out.push('\n');
        } else {
            if !out.is_empty() {
                builder.synthetic(out.len() as u32, 2, prev_src_end, 0);
                out.push_str("\n\n");
            }
            para_start = Some(out.len());
        }
        builder.copied(out.len() as u32, src, t.len() as u32);
        out.push_str(t);
        prev_src_end = src + t.len() as u32;
    }
    close(&mut para_start, &out, &mut paragraphs);
    let metadata = PageMetadata {
        title,
        language: metadata::detect_lang(&out),
        ..PageMetadata::default()
    };
    Extraction {
        text: out,
        paragraphs,
        span_map: builder.build(),
        metadata,
        diagnostics: Vec::new(),
    }
}

/// Each block's fate — the same decisions `extract_html` makes — with its
/// container and text (development aid for `examples/extract_explain.rs`).
#[doc(hidden)]
#[must_use]
pub fn explain_blocks(html: &str) -> Vec<(&'static str, String, String)> {
    let Decisions {
        parsed,
        region,
        why,
        ..
    } = decide_page(html);
    parsed
        .blocks
        .iter()
        .zip(&why)
        .map(|(b, w)| {
            let (boiler, flags) = if b.elem == NONE {
                (NONE, 0)
            } else {
                let e = &parsed.elems[b.elem as usize];
                (e.boiler_anc, e.flags)
            };
            let open_tag = |id: u32| {
                if id == NONE {
                    return String::new();
                }
                let at = parsed.elems[id as usize].src as usize;
                let end = html[at..].find('>').map_or(html.len(), |k| at + k + 1);
                String::from_utf8_lossy(&html.as_bytes()[at..end.min(at + 160)]).into_owned()
            };
            let info = format!(
                "tag={} elem={} region={region} {} boiler_anc={boiler} {} flags={flags} w={} link={}/{}",
                b.tag,
                b.elem,
                open_tag(region),
                open_tag(boiler),
                prose_weight(b, &parsed),
                b.link_bytes,
                b.text.len()
            );
            (w.unwrap_or("KEEP"), info, b.text.clone())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datelines() {
        assert!(is_dateline("Publiziert: 03.04.2020, 12:35"));
        assert!(is_dateline("Posted on September 21, 2020 by Adi Tzlil"));
        assert!(is_dateline("Veröffentlicht am 3. Mai 2022"));
        assert!(!is_dateline("Published research shows 40% fewer cases."));
        assert!(!is_dateline("Standards for 2020 were raised in March."));
        assert!(!is_dateline("Posted"));
    }

    #[test]
    fn author_bio() {
        assert_eq!(
            byline_name("Von Max Muster und Eva Beispiel"),
            ["Max", "Muster"]
        );
        let p = "<p>The council met on Monday to discuss the new bridge over the river.</p>";
        let html = format!(
            "<html><head><meta name=author content=\"Alice Wu\"></head><body><article>\
             {p}{p}{p}<p>Alice Wu is a columnist who has covered city politics for ten years.</p>\
             </article></body></html>"
        );
        let e = extract_html(&html, None);
        assert!(e.text.contains("council"));
        assert!(!e.text.contains("columnist"));
    }

    #[test]
    fn credits_and_promos() {
        assert!(is_credit_or_promo(
            "Bild: Gregory Batardon/Theater St. Gallen"
        ));
        assert!(is_credit_or_promo("(Credit: Clayton Aldern / Grist)"));
        assert!(is_credit_or_promo("Subscribe now to our eNATION edition."));
        assert!(is_credit_or_promo("4 Min Read"));
        assert!(is_credit_or_promo(
            "Abbildung 4: klassische Schwachschicht."
        ));
        assert!(!is_credit_or_promo("Abbildungen zeigen: es wird wärmer."));
        assert!(!is_credit_or_promo(
            "The council will vote on the new bridge in spring, the mayor said."
        ));
    }
}
