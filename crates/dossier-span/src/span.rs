use std::fmt;
use std::ops::{Index, Range};

use serde::{Deserialize, Serialize};

/// A half-open byte range `start..end` into a text.
///
/// Stored as two `u32`s because Dossier keeps millions of spans and no article
/// text approaches 4 GiB (inputs are capped far below that at ingest).
/// Serialises as `[start, end]`.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct ByteSpan {
    start: u32,
    end: u32,
}

impl ByteSpan {
    /// Creates the span `start..end`.
    ///
    /// # Panics
    /// If `start > end`: a reversed span is a bug in the code that made it.
    #[must_use]
    pub fn new(start: u32, end: u32) -> Self {
        assert!(start <= end, "reversed span {start}..{end}");
        Self { start, end }
    }

    /// Creates a span from `usize` offsets.
    ///
    /// # Panics
    /// If `start > end` or an offset does not fit in `u32`.
    #[must_use]
    pub fn from_range(range: Range<usize>) -> Self {
        let start = u32::try_from(range.start).expect("span start exceeds u32");
        let end = u32::try_from(range.end).expect("span end exceeds u32");
        Self::new(start, end)
    }

    /// The empty span at `offset`.
    #[must_use]
    pub fn empty_at(offset: u32) -> Self {
        Self::new(offset, offset)
    }

    /// First byte of the span.
    #[must_use]
    pub fn start(self) -> u32 {
        self.start
    }

    /// One past the last byte of the span.
    #[must_use]
    pub fn end(self) -> u32 {
        self.end
    }

    /// Length in bytes.
    #[must_use]
    pub fn len(self) -> u32 {
        self.end - self.start
    }

    /// Whether the span covers no bytes.
    #[must_use]
    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// The span as a `usize` range, for slicing.
    #[must_use]
    pub fn range(self) -> Range<usize> {
        self.start as usize..self.end as usize
    }

    /// Whether `other` lies entirely inside `self`.
    #[must_use]
    pub fn contains(self, other: ByteSpan) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// The smallest span covering both.
    #[must_use]
    pub fn cover(self, other: ByteSpan) -> ByteSpan {
        ByteSpan::new(self.start.min(other.start), self.end.max(other.end))
    }

    /// The overlap of two spans, if they share at least one byte.
    #[must_use]
    pub fn intersect(self, other: ByteSpan) -> Option<ByteSpan> {
        let start = self.start.max(other.start);
        let end = self.end.min(other.end);
        (start < end).then(|| ByteSpan::new(start, end))
    }

    /// The span moved right by `delta` bytes.
    #[must_use]
    pub fn shift(self, delta: u32) -> ByteSpan {
        ByteSpan::new(self.start + delta, self.end + delta)
    }

    /// Whether the span is valid for `text`: inside it and on char boundaries.
    #[must_use]
    pub fn is_valid_for(self, text: &str) -> bool {
        (self.end as usize) <= text.len()
            && text.is_char_boundary(self.start as usize)
            && text.is_char_boundary(self.end as usize)
    }
}

impl fmt::Debug for ByteSpan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{}", self.start, self.end)
    }
}

impl fmt::Display for ByteSpan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{}", self.start, self.end)
    }
}

impl From<ByteSpan> for Range<usize> {
    fn from(span: ByteSpan) -> Self {
        span.range()
    }
}

impl Index<ByteSpan> for str {
    type Output = str;

    fn index(&self, span: ByteSpan) -> &str {
        &self[span.range()]
    }
}

impl Index<ByteSpan> for [u8] {
    type Output = [u8];

    fn index(&self, span: ByteSpan) -> &[u8] {
        &self[span.range()]
    }
}

impl Serialize for ByteSpan {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        [self.start, self.end].serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for ByteSpan {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let [start, end] = <[u32; 2]>::deserialize(deserializer)?;
        if start > end {
            return Err(serde::de::Error::custom(format!(
                "reversed span {start}..{end}"
            )));
        }
        Ok(ByteSpan { start, end })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn debug_prints_range() {
        assert_eq!(format!("{:?}", ByteSpan::new(12, 40)), "12..40");
    }

    #[test]
    #[should_panic(expected = "reversed span")]
    fn reversed_span_panics() {
        let _ = ByteSpan::new(5, 4);
    }

    #[test]
    fn slices_str() {
        let text = "Crocus City Hall";
        assert_eq!(&text[ByteSpan::new(7, 11)], "City");
    }

    #[test]
    fn rejects_reversed_json() {
        assert!(serde_json::from_str::<ByteSpan>("[4,2]").is_err());
    }

    proptest! {
        #[test]
        fn serde_round_trips(a in 0u32..1_000_000, len in 0u32..1_000_000) {
            let span = ByteSpan::new(a, a + len);
            let json = serde_json::to_string(&span).unwrap();
            prop_assert_eq!(serde_json::from_str::<ByteSpan>(&json).unwrap(), span);
        }

        #[test]
        fn intersect_is_symmetric_and_contained(a in 0u32..100, b in 0u32..100, c in 0u32..100, d in 0u32..100) {
            let x = ByteSpan::new(a.min(b), a.max(b));
            let y = ByteSpan::new(c.min(d), c.max(d));
            prop_assert_eq!(x.intersect(y), y.intersect(x));
            if let Some(i) = x.intersect(y) {
                prop_assert!(x.contains(i) && y.contains(i));
            }
            prop_assert!(x.cover(y).contains(x) && x.cover(y).contains(y));
        }
    }
}
