//! Words and word shingles: the units copy detection compares.
//!
//! A word is a run of Unicode alphanumeric characters, lower-cased, so
//! punctuation, quote styles, spacing and capitals do not hide a copy. Each
//! word is hashed with xxh3 straight from a reused lower-casing buffer (no
//! allocation per word; ASCII bytes take a fast path), and shingles of
//! [`SHINGLE_WORDS`] consecutive words are hashed by combining the word
//! hashes. Five words is long enough that two independent reports rarely
//! share a shingle by chance, and short enough that a light edit only
//! removes the few shingles that cover it.

use xxhash_rust::xxh3::xxh3_64;

/// Words per shingle.
pub const SHINGLE_WORDS: usize = 5;

/// Odd multiplier of the order-sensitive word-hash combination (the golden
/// ratio in 64 bits).
const COMBINE: u64 = 0x9e37_79b9_7f4a_7c15;

/// Calls `f(start, hash)` for every word of `text`, in order: `start` is the
/// word's byte offset in `text`, `hash` the xxh3 of its lower-cased UTF-8.
///
/// `buf` is scratch space, reused across calls so words allocate nothing.
pub(crate) fn for_each_word(text: &str, buf: &mut Vec<u8>, mut f: impl FnMut(usize, u64)) {
    let bytes = text.as_bytes();
    buf.clear();
    let mut word_start = 0;
    let mut index = 0;
    while index < bytes.len() {
        let byte = bytes[index];
        if byte.is_ascii() {
            if byte.is_ascii_alphanumeric() {
                if buf.is_empty() {
                    word_start = index;
                }
                buf.push(byte.to_ascii_lowercase());
            } else if !buf.is_empty() {
                f(word_start, xxh3_64(buf));
                buf.clear();
            }
            index += 1;
            continue;
        }
        // Non-ASCII: decode one char (index is on a char boundary, since
        // only whole chars are ever skipped).
        let Some(c) = text[index..].chars().next() else {
            break;
        };
        if c.is_alphanumeric() {
            if buf.is_empty() {
                word_start = index;
            }
            for lower in c.to_lowercase() {
                let mut utf8 = [0u8; 4];
                buf.extend_from_slice(lower.encode_utf8(&mut utf8).as_bytes());
            }
        } else if !buf.is_empty() {
            f(word_start, xxh3_64(buf));
            buf.clear();
        }
        index += c.len_utf8();
    }
    if !buf.is_empty() {
        f(word_start, xxh3_64(buf));
        buf.clear();
    }
}

/// Order-sensitive hash of a sequence of word hashes: a multiply-rotate
/// chain with a final avalanche, so "a b c" and "c b a" differ and the
/// result is well mixed for MinHash and banding.
#[must_use]
pub(crate) fn combine(words: &[u64]) -> u64 {
    let mut hash = words.len() as u64;
    for &word in words {
        hash = (hash.rotate_left(23) ^ word).wrapping_mul(COMBINE);
    }
    finish(hash)
}

/// The splitmix64 finaliser: every input bit affects every output bit.
#[must_use]
pub(crate) fn finish(mut x: u64) -> u64 {
    x ^= x >> 30;
    x = x.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x ^= x >> 27;
    x = x.wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// Reusable shingler: holds the scratch buffers so that shingling many
/// documents allocates only when a document is larger than any before.
#[derive(Debug, Default, Clone)]
pub struct Shingler {
    buf: Vec<u8>,
    shingles: Vec<u64>,
}

impl Shingler {
    /// A shingler with empty buffers.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// The hashes of `text`'s word [`SHINGLE_WORDS`]-shingles, in text
    /// order (with repeats). A text with fewer words than that gets one
    /// shingle of all its words; a text without words gets none.
    pub fn shingles(&mut self, text: &str) -> &[u64] {
        let mut window = [0u64; SHINGLE_WORDS];
        let mut words = 0usize;
        let shingles = &mut self.shingles;
        shingles.clear();
        for_each_word(text, &mut self.buf, |_, hash| {
            // The window is a ring: the oldest word sits at `words % N`.
            window[words % SHINGLE_WORDS] = hash;
            words += 1;
            if words >= SHINGLE_WORDS {
                let oldest = words % SHINGLE_WORDS;
                let mut hash = SHINGLE_WORDS as u64;
                for offset in 0..SHINGLE_WORDS {
                    let word = window[(oldest + offset) % SHINGLE_WORDS];
                    hash = (hash.rotate_left(23) ^ word).wrapping_mul(COMBINE);
                }
                shingles.push(finish(hash));
            }
        });
        if (1..SHINGLE_WORDS).contains(&words) {
            shingles.push(combine(&window[..words]));
        }
        &self.shingles
    }
}

/// The shingle hashes of `text` (see [`Shingler::shingles`]); allocates
/// fresh buffers, so prefer a [`Shingler`] in loops.
#[must_use]
pub fn shingles(text: &str) -> Vec<u64> {
    Shingler::new().shingles(text).to_vec()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<(usize, u64)> {
        let mut out = Vec::new();
        for_each_word(text, &mut Vec::new(), |start, hash| out.push((start, hash)));
        out
    }

    #[test]
    fn words_are_alphanumeric_runs_lower_cased() {
        let found = words("Crocus City-Hall, 2024!");
        let starts: Vec<usize> = found.iter().map(|w| w.0).collect();
        assert_eq!(starts, vec![0, 7, 12, 18]);
        assert_eq!(found[0].1, xxh3_64(b"crocus"));
        assert_eq!(found[3].1, xxh3_64(b"2024"));
    }

    #[test]
    fn non_ascii_words_are_lower_cased_and_kept_whole() {
        let found = words("«Крокус Сити Холл» — Ünïcode");
        assert_eq!(found.len(), 4);
        assert_eq!(found[0], (2, xxh3_64("крокус".as_bytes())));
        assert_eq!(found[3].1, xxh3_64("ünïcode".as_bytes()));
    }

    #[test]
    fn case_and_punctuation_do_not_change_shingles() {
        let a = shingles("Gunmen opened fire on people at the concert.");
        let b = shingles("GUNMEN opened fire -- on people, at “the” concert");
        assert_eq!(a, b);
        assert_eq!(a.len(), 8 - SHINGLE_WORDS + 1);
    }

    #[test]
    fn word_order_matters() {
        assert_ne!(shingles("a b c d e"), shingles("e d c b a"));
        assert_ne!(shingles("a b"), shingles("b a"));
    }

    #[test]
    fn short_texts_get_one_shingle_and_empty_texts_none() {
        assert_eq!(shingles("two words").len(), 1);
        assert_eq!(shingles("one two three four five").len(), 1);
        assert!(shingles(" -- !! ").is_empty());
    }

    #[test]
    fn shingles_are_stable_across_versions() {
        // Signatures are stored: a change here invalidates stored ones.
        assert_eq!(
            shingles("the attack on crocus city hall")[0],
            2_853_076_829_108_158_798
        );
    }
}
