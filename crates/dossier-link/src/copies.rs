//! Which reports are copies of one another: near-duplicates (syndicated wire
//! copies with their own intro and tail, lightly edited reposts) and
//! rewrites (a report that keeps a few sentences of another and paraphrases
//! the rest). See issue #6.
//!
//! Two signals, because each misses what the other catches:
//! - **Shingle Jaccard** from the MinHash [`Signature`] over word 5-shingles.
//!   A wire copy with a new first paragraph and the outlet's boilerplate at
//!   the end keeps most of its shingles; a rewrite keeps few.
//! - **Shared distinctive sentences**: hashes of the normalised words of each
//!   sentence of at least [`MIN_SENTENCE_WORDS`] words that is not mostly a
//!   quotation. Independent outlets quoting the same official statement are
//!   not copying each other, so quoted sentences do not count; short
//!   sentences ("Police said.") coincide by chance.
//!
//! Members of a copy group add reach, not corroboration (DESIGN §5.1):
//! grouping is in [`groups`](crate::groups).

use std::collections::HashMap;

use dossier_model::ByteSpan;
use serde::{Deserialize, Serialize};

use crate::lsh::{KeyMap, LshIndex, band_keys};
use crate::minhash::Signature;
use crate::shingle::{Shingler, combine, for_each_word};

/// Estimated Jaccard from which two reports are near-duplicates. Wire copies
/// with a replaced intro and an added tail measure 0.55–0.9 on the fixtures
/// and on the AP copies in ECB+; the best-matching independent reports of
/// one incident stay under 0.25.
pub const NEAR_DUPLICATE_JACCARD: f32 = 0.5;

/// Estimated Jaccard from which one shared distinctive sentence makes a
/// rewrite.
pub const REWRITE_JACCARD: f32 = 0.2;

/// Shared distinctive sentences that, with [`REWRITE_SHARE`], make a
/// rewrite whatever the Jaccard.
pub const REWRITE_SENTENCES: u32 = 2;

/// Share of the shorter report's distinctive sentences that, shared, lets
/// [`REWRITE_SENTENCES`] count below [`REWRITE_SENTENCES_JACCARD`]: a brief
/// that keeps two sentences of a long wire story has a low Jaccard because
/// the story is long. Long reports of one outlet repeat its boilerplate
/// (newsletter sign-ups, editor's notes, candidate lists): two such lines
/// among thirty are not a rewrite, two of a six-sentence brief are.
pub const REWRITE_SHARE: f32 = 0.25;

/// Estimated Jaccard below which shared sentences never make a rewrite:
/// reports that share nothing but a few fixed lines are an outlet's
/// boilerplate (0.00 and 0.008 for two HuffPost pairs in PolNeAR).
pub const REWRITE_MIN_JACCARD: f32 = 0.01;

/// Estimated Jaccard that lets [`REWRITE_SENTENCES`] count below
/// [`REWRITE_SHARE`]. A report that carries sentences of another also
/// carries other runs of its words (names, figures, set phrases): the AP
/// sentences inside ECB+ rewrites came with 0.06–0.09, shared boilerplate
/// alone with 0.00–0.03.
pub const REWRITE_SENTENCES_JACCARD: f32 = 0.05;

/// Line breaks after which a quotation that is still open is taken to have
/// ended (see `quoted_ranges`).
const MAX_QUOTE_LINES: usize = 3;

/// Sentences shorter than this (in words) are not distinctive.
pub const MIN_SENTENCE_WORDS: usize = 8;

/// A sentence hash held by more documents than this is boilerplate (a
/// newsletter line, a standard disclaimer): it is no longer used to find
/// candidates, which also keeps a long run linear.
pub const MAX_SENTENCE_POSTINGS: usize = 64;

/// A report as copy detection needs it.
#[derive(Debug, Clone, Copy)]
pub struct CopyDoc<'a> {
    /// The article id.
    pub id: &'a str,
    /// When it was published: an ISO 8601 date or date-time.
    pub published: Option<&'a str>,
    /// The main text.
    pub text: &'a str,
    /// Sentence spans into `text` (spans that are not valid for `text` are
    /// skipped). Empty when no sentence layer exists: then only
    /// near-duplicates are found.
    pub sentences: &'a [ByteSpan],
}

/// What copy detection keeps of a report: enough to compare it with any
/// other, and small enough to store (512 bytes plus 8 per sentence).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fingerprint {
    /// MinHash over the text's word 5-shingles.
    pub signature: Signature,
    /// Hashes of the distinctive sentences, sorted, without repeats.
    pub sentences: Vec<u64>,
}

impl Fingerprint {
    /// The fingerprint of `doc` (allocates scratch space: prefer a
    /// [`Fingerprinter`] in loops).
    #[must_use]
    pub fn new(doc: &CopyDoc<'_>) -> Self {
        Fingerprinter::new().fingerprint(doc)
    }
}

/// Builds [`Fingerprint`]s, reusing its buffers across documents.
#[derive(Debug, Default, Clone)]
pub struct Fingerprinter {
    shingler: Shingler,
    buf: Vec<u8>,
    words: Vec<u64>,
    quotes: Vec<(usize, usize)>,
}

impl Fingerprinter {
    /// A fingerprinter with empty buffers.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// The fingerprint of `doc`.
    pub fn fingerprint(&mut self, doc: &CopyDoc<'_>) -> Fingerprint {
        let signature = Signature::from_shingles(self.shingler.shingles(doc.text));
        quoted_ranges(doc.text, &mut self.quotes);
        let mut sentences = Vec::new();
        for &span in doc.sentences {
            let Some(sentence) = doc.text.get(span.range()) else {
                continue;
            };
            let offset = span.range().start;
            let quotes = &self.quotes;
            let words = &mut self.words;
            words.clear();
            let mut quoted = 0usize;
            for_each_word(sentence, &mut self.buf, |start, hash| {
                words.push(hash);
                quoted += usize::from(in_ranges(quotes, offset + start));
            });
            if words.len() >= MIN_SENTENCE_WORDS && quoted * 2 <= words.len() {
                sentences.push(combine(words));
            }
        }
        sentences.sort_unstable();
        sentences.dedup();
        Fingerprint {
            signature,
            sentences,
        }
    }
}

/// Byte ranges of `text` inside quotation marks: “…”, «…», „…“ and "…".
///
/// A quotation may run over several sentences and lines (ECB+ and some
/// extractors put one sentence per line). One still open ends at a blank
/// line, at a line break before a line that opens a quotation (news style
/// leaves a quote that runs on to the next paragraph unclosed and reopens
/// it there), or at its [`MAX_QUOTE_LINES`]th line break, so that a stray
/// or reversed mark (“…” rebuilt as ”…“) does not hide the rest of a text.
fn quoted_ranges(text: &str, ranges: &mut Vec<(usize, usize)>) {
    ranges.clear();
    let mut open: Option<usize> = None;
    let mut lines = 0;
    for (index, c) in text.char_indices() {
        match (c, open) {
            ('“' | '«' | '„' | '"', None) => {
                open = Some(index + c.len_utf8());
                lines = 0;
            }
            ('”' | '»' | '"' | '“', Some(start)) => {
                ranges.push((start, index));
                open = None;
            }
            ('\n', Some(start)) => {
                let next = text[index + 1..].trim_start_matches([' ', '\t', '\r']);
                lines += 1;
                if lines >= MAX_QUOTE_LINES || next.starts_with(['\n', '“', '«', '„', '"']) {
                    ranges.push((start, index));
                    open = None;
                }
            }
            _ => {}
        }
    }
    if let Some(start) = open {
        ranges.push((start, text.len()));
    }
}

/// Whether `offset` lies in one of the sorted, disjoint `ranges`.
fn in_ranges(ranges: &[(usize, usize)], offset: usize) -> bool {
    let after = ranges.partition_point(|&(start, _)| start <= offset);
    after > 0 && offset < ranges[after - 1].1
}

/// How one report copies another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum CopyKind {
    /// Most of the text is the same: a syndicated or reposted copy.
    NearDuplicate,
    /// Distinctive sentences are shared, the rest is reworded or new.
    Rewrite,
}

/// The result of [`compare`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct CopyMatch {
    /// Near-duplicate or rewrite.
    pub kind: CopyKind,
    /// Estimated Jaccard similarity of the word 5-shingle sets.
    pub similarity: f32,
    /// Distinctive sentences the two share.
    pub shared_sentences: u32,
}

/// Whether, and how, two reports copy each other. Symmetric: the order of
/// the arguments does not matter.
#[must_use]
pub fn compare(a: &Fingerprint, b: &Fingerprint) -> Option<CopyMatch> {
    if a.signature.is_empty() || b.signature.is_empty() {
        return None;
    }
    let similarity = a.signature.jaccard(&b.signature);
    let shared_sentences = shared(&a.sentences, &b.sentences);
    let kind = if similarity >= NEAR_DUPLICATE_JACCARD {
        CopyKind::NearDuplicate
    } else if (shared_sentences >= REWRITE_SENTENCES
        && (similarity >= REWRITE_SENTENCES_JACCARD
            || (similarity >= REWRITE_MIN_JACCARD
                && shared_sentences as f32
                    >= REWRITE_SHARE * a.sentences.len().min(b.sentences.len()) as f32)))
        || (shared_sentences >= 1 && similarity >= REWRITE_JACCARD)
    {
        CopyKind::Rewrite
    } else {
        return None;
    };
    Some(CopyMatch {
        kind,
        similarity,
        shared_sentences,
    })
}

/// Size of the intersection of two sorted, repeat-free lists.
fn shared(a: &[u64], b: &[u64]) -> u32 {
    let (mut i, mut j, mut count) = (0, 0, 0u32);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                count += 1;
                i += 1;
                j += 1;
            }
        }
    }
    count
}

/// A copy relation found by [`CopyDetector::add`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CopyLink {
    /// The report just added.
    pub article: String,
    /// The earlier-added report it copies or is copied by (which is the
    /// origin is decided by [`CopyGroups`](crate::groups::CopyGroups)).
    pub other: String,
    /// Near-duplicate or rewrite.
    pub kind: CopyKind,
    /// Estimated Jaccard similarity of the word 5-shingle sets.
    pub similarity: f32,
    /// Distinctive sentences the two share.
    pub shared_sentences: u32,
}

/// One report the detector holds.
#[derive(Debug, Clone)]
struct Entry {
    id: String,
    published: Option<String>,
    fingerprint: Fingerprint,
}

/// Incremental, in-memory copy detection: each added report is compared
/// with the earlier ones that share an LSH band or a distinctive sentence.
///
/// Which pairs are linked does not depend on the order reports are added
/// in (candidates and [`compare`] are symmetric), except that a sentence
/// held by more than [`MAX_SENTENCE_POSTINGS`] reports stops producing
/// candidates once it reaches that count.
#[derive(Debug, Default)]
pub struct CopyDetector {
    fingerprinter: Fingerprinter,
    entries: Vec<Entry>,
    ids: HashMap<String, u32>,
    lsh: LshIndex,
    postings: KeyMap<Vec<u32>>,
    links: Vec<CopyLink>,
}

impl CopyDetector {
    /// An empty detector.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds `doc` and returns its links to reports added before, sorted by
    /// the other report's id. A report whose id was already added is
    /// ignored (no links).
    pub fn add(&mut self, doc: &CopyDoc<'_>) -> Vec<CopyLink> {
        if self.ids.contains_key(doc.id) {
            return Vec::new();
        }
        let fingerprint = self.fingerprinter.fingerprint(doc);
        self.add_fingerprint(doc.id, doc.published, fingerprint)
    }

    /// [`add`](Self::add) with a fingerprint already computed (for example
    /// read back from the store).
    pub fn add_fingerprint(
        &mut self,
        id: &str,
        published: Option<&str>,
        fingerprint: Fingerprint,
    ) -> Vec<CopyLink> {
        if self.ids.contains_key(id) {
            return Vec::new();
        }
        let Ok(number) = u32::try_from(self.entries.len()) else {
            return Vec::new();
        };
        let mut links = Vec::new();
        if !fingerprint.signature.is_empty() {
            let keys = band_keys(&fingerprint.signature);
            let mut candidates = self.lsh.candidates_for_keys(&keys);
            for sentence in &fingerprint.sentences {
                if let Some(docs) = self.postings.get(sentence) {
                    if docs.len() < MAX_SENTENCE_POSTINGS {
                        candidates.extend_from_slice(docs);
                    }
                }
            }
            candidates.sort_unstable();
            candidates.dedup();
            for candidate in candidates {
                let other = &self.entries[candidate as usize];
                if let Some(found) = compare(&fingerprint, &other.fingerprint) {
                    links.push(CopyLink {
                        article: id.to_owned(),
                        other: other.id.clone(),
                        kind: found.kind,
                        similarity: found.similarity,
                        shared_sentences: found.shared_sentences,
                    });
                }
            }
            self.lsh.insert_keys(number, &keys);
            for &sentence in &fingerprint.sentences {
                let docs = self.postings.entry(sentence).or_default();
                if docs.len() < MAX_SENTENCE_POSTINGS {
                    docs.push(number);
                }
            }
        }
        links.sort_by(|a, b| a.other.cmp(&b.other));
        self.ids.insert(id.to_owned(), number);
        self.entries.push(Entry {
            id: id.to_owned(),
            published: published.map(str::to_owned),
            fingerprint,
        });
        self.links.extend_from_slice(&links);
        links
    }

    /// Every link found so far, in the order found.
    #[must_use]
    pub fn links(&self) -> &[CopyLink] {
        &self.links
    }

    /// Number of reports added.
    #[must_use]
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether no report was added.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The fingerprint of an added report.
    #[must_use]
    pub fn fingerprint(&self, id: &str) -> Option<&Fingerprint> {
        let &number = self.ids.get(id)?;
        Some(&self.entries[number as usize].fingerprint)
    }

    /// The copy groups of the reports added so far.
    #[must_use]
    pub fn groups(&self) -> crate::groups::CopyGroups {
        crate::groups::CopyGroups::build(
            self.entries
                .iter()
                .map(|entry| (entry.id.as_str(), entry.published.as_deref())),
            &self.links,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Sentence spans at ". " and line breaks: enough for hand-written text.
    fn sentences(text: &str) -> Vec<ByteSpan> {
        let mut spans = Vec::new();
        let mut start = 0;
        for (index, c) in text.char_indices() {
            let end = index + c.len_utf8();
            let boundary = c == '\n' || (c == '.' && text[end..].starts_with(' '));
            if boundary {
                if text[start..end].trim().len() > 1 {
                    spans.push(ByteSpan::from_range(start..end));
                }
                start = end;
            }
        }
        if text[start..].trim().len() > 1 {
            spans.push(ByteSpan::from_range(start..text.len()));
        }
        spans
    }

    fn fingerprint(text: &str) -> Fingerprint {
        let spans = sentences(text);
        Fingerprint::new(&CopyDoc {
            id: "x",
            published: None,
            text,
            sentences: &spans,
        })
    }

    #[test]
    fn quoted_sentences_and_short_sentences_are_not_distinctive() {
        let print = fingerprint(
            "Police said. “We will find those responsible for this terrible crime,” the governor said. \
             The attackers fled in a white car towards the ring road after the shooting.",
        );
        assert_eq!(print.sentences.len(), 1);
    }

    #[test]
    fn quotation_ranges_close_at_line_breaks() {
        let mut ranges = Vec::new();
        // Closed at the blank line; "d" opens again on the next line.
        quoted_ranges("a “b c\n\nd «e» \"f\"", &mut ranges);
        assert_eq!(ranges.len(), 3);
        assert!(in_ranges(&ranges, 5));
        assert!(!in_ranges(&ranges, 10));
        // One sentence per line: the quotation goes on.
        quoted_ranges("\"First sentence.\nSecond one,\" she said.", &mut ranges);
        assert_eq!(ranges, vec![(1, 28)]);
        // Unclosed paragraph, reopened on the next line.
        quoted_ranges("\"One.\n\"Two.\" x", &mut ranges);
        assert_eq!(ranges, vec![(1, 5), (7, 11)]);
    }

    #[test]
    fn invalid_spans_are_skipped() {
        let text = "Short text é";
        let spans = [ByteSpan::new(0, 100), ByteSpan::new(11, 12)];
        let print = Fingerprint::new(&CopyDoc {
            id: "x",
            published: None,
            text,
            sentences: &spans,
        });
        assert!(print.sentences.is_empty());
    }

    #[test]
    fn empty_texts_copy_nothing() {
        assert_eq!(compare(&fingerprint(""), &fingerprint("")), None);
    }

    #[test]
    fn two_shared_sentences_make_a_rewrite() {
        let a = fingerprint(
            "The gunmen opened fire on the crowd at the entrance to the hall. \
             Emergency services said the fire spread to the roof within twenty minutes. \
             Several buses of riot police were sent from the city centre.",
        );
        let b = fingerprint(
            "Witnesses described scenes of panic as people ran for the exits. \
             Emergency services said the fire spread to the roof within twenty minutes. \
             The gunmen opened fire on the crowd at the entrance to the hall.",
        );
        let found = compare(&a, &b);
        assert_eq!(
            found.map(|m| (m.kind, m.shared_sentences)),
            Some((CopyKind::Rewrite, 2))
        );
        assert_eq!(compare(&b, &a), found);
    }

    #[test]
    fn detector_links_to_earlier_reports_and_ignores_repeated_ids() {
        let text = "The attack began shortly before eight in the evening, when four men \
                    in camouflage entered the foyer and began shooting at visitors.";
        let spans = sentences(text);
        let mut detector = CopyDetector::new();
        let doc = |id| CopyDoc {
            id,
            published: None,
            text,
            sentences: &spans,
        };
        assert!(detector.add(&doc("b")).is_empty());
        let links = detector.add(&doc("a"));
        assert_eq!(links.len(), 1);
        assert_eq!(
            (links[0].article.as_str(), links[0].other.as_str()),
            ("a", "b")
        );
        assert_eq!(links[0].kind, CopyKind::NearDuplicate);
        assert!(detector.add(&doc("a")).is_empty());
        assert_eq!(detector.len(), 2);
        let json = serde_json::to_string(&links[0]).unwrap_or_default();
        assert!(json.contains("\"near_duplicate\""), "{json}");
    }
}
