//! Locality-sensitive hashing over MinHash signatures: which earlier
//! documents are worth comparing with this one?
//!
//! The [`PERMUTATIONS`] lanes are cut into [`BANDS`] bands of [`ROWS`]; two
//! documents become candidates when all rows of at least one band agree.
//! For Jaccard `s` that happens with probability `1 − (1 − s⁴)³²`:
//!
//! | s    | 0.2  | 0.3  | 0.4  | 0.5  | 0.6  | 0.7  | 0.8  |
//! |------|------|------|------|------|------|------|------|
//! | P    | 0.05 | 0.23 | 0.56 | 0.87 | 0.99 | 1.00 | 1.00 |
//!
//! The curve's midpoint `(1/32)^(1/4) ≈ 0.42` sits just under the
//! near-duplicate threshold of [`copies`](crate::copies) (0.5), so copies
//! are found almost surely from 0.6 up, while pairs under 0.3 (independent
//! reports of one incident share boilerplate and quotes, rarely more)
//! seldom cost a comparison. Rewrites, whose Jaccard is lower, are found
//! through their shared sentences instead.
//!
//! Each band key mixes in the band index, so one flat table (in memory here,
//! a single indexed SQLite column in the store) holds all bands.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use xxhash_rust::xxh3::xxh3_64_with_seed;

use crate::minhash::{PERMUTATIONS, Signature};

/// Bands per signature.
pub const BANDS: usize = 32;
/// Lanes per band.
pub const ROWS: usize = PERMUTATIONS / BANDS;

/// The key of each band of `signature`: xxh3 of the band's lanes
/// (little-endian), seeded with the band index.
#[must_use]
pub fn band_keys(signature: &Signature) -> [u64; BANDS] {
    let mut keys = [0u64; BANDS];
    for (band, (key, lanes)) in keys
        .iter_mut()
        .zip(signature.lanes().chunks_exact(ROWS))
        .enumerate()
    {
        let mut bytes = [0u8; ROWS * 4];
        for (chunk, lane) in bytes.chunks_exact_mut(4).zip(lanes) {
            chunk.copy_from_slice(&lane.to_le_bytes());
        }
        *key = xxh3_64_with_seed(&bytes, band as u64);
    }
    keys
}

/// Hasher for keys that are already uniform 64-bit hashes: uses them as is.
#[derive(Default)]
pub(crate) struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(byte)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        }
    }

    fn write_u64(&mut self, value: u64) {
        self.0 = value;
    }
}

/// A map keyed by precomputed hashes.
pub(crate) type KeyMap<V> = HashMap<u64, V, BuildHasherDefault<KeyHasher>>;

/// The documents under one band key. Almost every key holds one document,
/// so that case allocates nothing (a `Vec` per key cost a third of the
/// time at 100,000 documents).
#[derive(Debug, Clone)]
enum Bucket {
    One(u32),
    Many(Vec<u32>),
}

impl Bucket {
    fn push(&mut self, doc: u32) {
        match self {
            Bucket::One(first) => *self = Bucket::Many(vec![*first, doc]),
            Bucket::Many(docs) => docs.push(doc),
        }
    }

    fn docs(&self) -> &[u32] {
        match self {
            Bucket::One(doc) => std::slice::from_ref(doc),
            Bucket::Many(docs) => docs,
        }
    }
}

/// In-memory LSH table: band key → documents, documents being the caller's
/// dense `u32` numbers.
#[derive(Debug, Default, Clone)]
pub struct LshIndex {
    buckets: KeyMap<Bucket>,
}

impl LshIndex {
    /// An empty index.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Files `doc` under every band of `signature`.
    pub fn insert(&mut self, doc: u32, signature: &Signature) {
        self.insert_keys(doc, &band_keys(signature));
    }

    /// [`insert`](Self::insert) with keys already computed.
    pub fn insert_keys(&mut self, doc: u32, keys: &[u64; BANDS]) {
        for &key in keys {
            self.buckets
                .entry(key)
                .and_modify(|bucket| bucket.push(doc))
                .or_insert(Bucket::One(doc));
        }
    }

    /// Documents sharing at least one band with `signature`, sorted and
    /// without repeats, so callers see them in a deterministic order.
    #[must_use]
    pub fn candidates(&self, signature: &Signature) -> Vec<u32> {
        self.candidates_for_keys(&band_keys(signature))
    }

    /// [`candidates`](Self::candidates) with keys already computed.
    #[must_use]
    pub fn candidates_for_keys(&self, keys: &[u64; BANDS]) -> Vec<u32> {
        let mut found = Vec::new();
        for key in keys {
            if let Some(bucket) = self.buckets.get(key) {
                found.extend_from_slice(bucket.docs());
            }
        }
        found.sort_unstable();
        found.dedup();
        found
    }

    /// Number of distinct band keys held.
    #[must_use]
    pub fn len(&self) -> usize {
        self.buckets.len()
    }

    /// Whether nothing was inserted.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.buckets.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::shingle::finish;

    fn signature(range: std::ops::Range<u64>) -> Signature {
        Signature::from_shingles(&range.map(finish).collect::<Vec<_>>())
    }

    #[test]
    fn the_same_lanes_in_another_band_give_another_key() {
        let keys = band_keys(&Signature::from_shingles(&[]));
        assert_ne!(keys[0], keys[1]);
    }

    #[test]
    fn similar_documents_are_candidates_and_dissimilar_ones_are_not() {
        let mut index = LshIndex::new();
        index.insert(7, &signature(0..1000));
        index.insert(3, &signature(50..1050));
        index.insert(9, &signature(5000..6000));
        assert_eq!(index.candidates(&signature(0..1000)), vec![3, 7]);
        assert_eq!(
            index.candidates(&signature(20_000..21_000)),
            Vec::<u32>::new()
        );
    }

    #[test]
    fn candidates_are_sorted_and_unique() {
        let mut index = LshIndex::new();
        for doc in [5, 1, 4, 1] {
            index.insert(doc, &signature(0..100));
        }
        assert_eq!(index.candidates(&signature(0..100)), vec![1, 4, 5]);
        assert_eq!(index.len(), BANDS);
    }
}
