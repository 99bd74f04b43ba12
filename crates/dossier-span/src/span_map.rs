use serde::{Deserialize, Serialize};

use crate::ByteSpan;

/// One run of clean text and the source bytes it stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
struct Segment {
    /// Start of the run in the clean text.
    clean: u32,
    /// Length of the run in the clean text.
    clean_len: u32,
    /// Start of the source bytes it stands for.
    source: u32,
    /// Length of those source bytes.
    source_len: u32,
    /// `true` when the run is a byte-for-byte copy (`clean_len == source_len`),
    /// so offsets inside it map exactly; `false` for synthetic runs (a decoded
    /// entity, collapsed whitespace, an inserted paragraph break), whose inner
    /// offsets snap to the run's ends.
    copied: bool,
}

/// Maps byte offsets in a clean text back to offsets in its source text.
///
/// Built once by the code that produces the clean text (see
/// [`SpanMapBuilder`]); afterwards it only answers queries. For plain-text
/// inputs where clean and source coincide, use [`SpanMap::identity`].
///
/// Clean offsets that no segment covers (a gap the producer left) map to the
/// end of the nearest preceding segment, so every query has an answer.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpanMap {
    segments: Vec<Segment>,
}

impl SpanMap {
    /// The map of a text that is its own source.
    #[must_use]
    pub fn identity(len: u32) -> Self {
        let mut builder = SpanMapBuilder::new();
        builder.copied(0, 0, len);
        builder.build()
    }

    /// Number of segments (coalesced runs) in the map.
    #[must_use]
    pub fn segment_count(&self) -> usize {
        self.segments.len()
    }

    /// Maps a clean-text span to the source span it came from.
    ///
    /// The start maps as a start and the end as an end, so a span that ends
    /// inside a synthetic run covers all of that run's source bytes.
    #[must_use]
    pub fn to_source(&self, span: ByteSpan) -> ByteSpan {
        let start = self.map_offset(span.start(), false);
        let end = self.map_offset(span.end(), true);
        if span.is_empty() {
            return ByteSpan::empty_at(start);
        }
        ByteSpan::new(start.min(end), start.max(end))
    }

    fn map_offset(&self, offset: u32, as_end: bool) -> u32 {
        // Index of the last segment starting at or before `offset` (for an
        // end offset, strictly before, so an end lands in the run it closes).
        let idx = self.segments.partition_point(|seg| {
            if as_end {
                seg.clean < offset
            } else {
                seg.clean <= offset
            }
        });
        let Some(seg) = idx.checked_sub(1).and_then(|i| self.segments.get(i)) else {
            return self.segments.first().map_or(0, |seg| seg.source);
        };
        let inside = offset - seg.clean;
        if inside >= seg.clean_len {
            return seg.source + seg.source_len;
        }
        if seg.copied {
            seg.source + inside
        } else if as_end {
            seg.source + seg.source_len
        } else {
            seg.source
        }
    }
}

/// Collects the segments of a [`SpanMap`] while a clean text is written.
///
/// Segments must be pushed in increasing clean-text order; adjacent copies
/// that are contiguous in both texts are merged, which keeps maps of long
/// paragraphs to one segment each.
#[derive(Debug, Default)]
pub struct SpanMapBuilder {
    segments: Vec<Segment>,
}

impl SpanMapBuilder {
    /// An empty builder.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Records that clean bytes `clean..clean+len` copy source bytes
    /// `source..source+len`.
    ///
    /// # Panics
    /// If `clean` lies before the end of the previous segment.
    pub fn copied(&mut self, clean: u32, source: u32, len: u32) {
        if len == 0 {
            return;
        }
        self.check_order(clean);
        if let Some(last) = self.segments.last_mut()
            && last.copied
            && last.clean + last.clean_len == clean
            && last.source + last.source_len == source
        {
            last.clean_len += len;
            last.source_len += len;
            return;
        }
        self.segments.push(Segment {
            clean,
            clean_len: len,
            source,
            source_len: len,
            copied: true,
        });
    }

    /// Records that clean bytes `clean..clean+clean_len` stand for source
    /// bytes `source..source+source_len` without copying them.
    ///
    /// # Panics
    /// If `clean` lies before the end of the previous segment.
    pub fn synthetic(&mut self, clean: u32, clean_len: u32, source: u32, source_len: u32) {
        if clean_len == 0 {
            return;
        }
        self.check_order(clean);
        self.segments.push(Segment {
            clean,
            clean_len,
            source,
            source_len,
            copied: false,
        });
    }

    fn check_order(&self, clean: u32) {
        if let Some(last) = self.segments.last() {
            assert!(
                clean >= last.clean + last.clean_len,
                "span map segment at {clean} overlaps the previous one"
            );
        }
    }

    /// Finishes the map.
    #[must_use]
    pub fn build(self) -> SpanMap {
        SpanMap {
            segments: self.segments,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn identity_maps_to_itself() {
        let map = SpanMap::identity(100);
        assert_eq!(map.to_source(ByteSpan::new(3, 70)), ByteSpan::new(3, 70));
    }

    #[test]
    fn synthetic_runs_snap_outwards() {
        // clean "a & b" from source "a &amp; b"
        let mut builder = SpanMapBuilder::new();
        builder.copied(0, 0, 2);
        builder.synthetic(2, 1, 2, 5);
        builder.copied(3, 7, 2);
        let map = builder.build();
        assert_eq!(map.to_source(ByteSpan::new(2, 3)), ByteSpan::new(2, 7));
        assert_eq!(map.to_source(ByteSpan::new(0, 5)), ByteSpan::new(0, 9));
        assert_eq!(map.to_source(ByteSpan::new(4, 5)), ByteSpan::new(8, 9));
    }

    #[test]
    fn adjacent_copies_coalesce() {
        let mut builder = SpanMapBuilder::new();
        builder.copied(0, 10, 5);
        builder.copied(5, 15, 5);
        assert_eq!(builder.build().segment_count(), 1);
    }

    proptest! {
        /// Copied runs at arbitrary source positions map every inner span exactly.
        #[test]
        fn copied_runs_map_exactly(runs in proptest::collection::vec((1u32..50, 0u32..30), 1..20)) {
            let mut builder = SpanMapBuilder::new();
            let mut clean = 0;
            let mut source = 0;
            let mut expected = Vec::new();
            for (len, gap) in &runs {
                source += gap;
                builder.copied(clean, source, *len);
                expected.push((clean, source, *len));
                clean += len;
                source += len;
            }
            let map = builder.build();
            for (c, s, len) in expected {
                for k in 0..len {
                    prop_assert_eq!(map.to_source(ByteSpan::new(c + k, c + k + 1)), ByteSpan::new(s + k, s + k + 1));
                }
            }
        }

        /// Mapping is monotone when the source order follows the clean order.
        #[test]
        fn mapping_is_monotone(runs in proptest::collection::vec((1u32..50, 0u32..30, any::<bool>()), 1..20), a in 0u32..2000, b in 0u32..2000) {
            let mut builder = SpanMapBuilder::new();
            let mut clean = 0;
            let mut source = 0;
            for (len, gap, copied) in &runs {
                source += gap;
                if *copied {
                    builder.copied(clean, source, *len);
                    source += len;
                } else {
                    builder.synthetic(clean, *len, source, gap + 1);
                    source += gap + 1;
                }
                clean += len;
            }
            let map = builder.build();
            let (lo, hi) = (a.min(b), a.max(b));
            let x = map.to_source(ByteSpan::empty_at(lo));
            let y = map.to_source(ByteSpan::empty_at(hi));
            prop_assert!(x.start() <= y.start());
            let span = map.to_source(ByteSpan::new(lo, hi));
            prop_assert!(span.start() <= span.end());
        }
    }
}
