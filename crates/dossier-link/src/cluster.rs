//! Which reports describe the same real-world incident: a pairwise
//! similarity, a shared-nearest-neighbour graph over it, and an order-free
//! average-link clustering of that graph.
//!
//! Two incidents of one kind (two DUI arrests of players of one team, two
//! title defences of one boxer) share most of their vocabulary, so their
//! reports are nearly as similar across incidents as within one: no
//! threshold on the cosine separates them. What does separate them is rank:
//! a report's few nearest neighbours are reports of its own incident. The
//! clustering therefore links two reports by how many of their nearest
//! neighbours they share (Jarvis–Patrick), and only when they are similar
//! enough themselves.
//!
//! Single link chains: one follow-up story that shares a place with the
//! neighbouring incident glues two incidents together. Average link asks
//! that a report resemble the whole group on average.
//!
//! Candidates come from an inverted index over each report's heaviest terms
//! (names, rare words), never from all pairs, so the cost grows with the
//! number of similar pairs rather than with its square.
//!
//! ## Known failure modes
//! - When an incident has fewer reports than [`ClusterConfig::neighbours`],
//!   ranks say little and linking falls back to "cosine at least
//!   [`ClusterConfig::min_similarity`]": two look-alike incidents with one
//!   or two reports each can merge.
//! - Follow-ups more than [`MAX_DAYS_APART`] days later that do not name
//!   the incident's year (a trial "last year") are split off.
//! - Two incidents of one kind with the same protagonist weeks apart (two
//!   offers to one free agent, two quakes on one island) still merge.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BinaryHeap, HashMap};

use rayon::prelude::*;

use crate::features::DocFeatures;

/// Clustering parameters; the defaults are the measured ones.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ClusterConfig {
    /// Two groups merge while their average shared-neighbour score is at
    /// least this. The score of a pair is the share of their
    /// `neighbours + 1`-sets (each report with its nearest neighbours) that
    /// they have in common; 0.15 means "one is among the other's nearest".
    pub threshold: f32,
    /// How many nearest neighbours each report keeps.
    pub neighbours: usize,
    /// Pairs less similar than this are never linked and are nobody's
    /// neighbours.
    pub min_similarity: f32,
    /// Each report looks for candidates through its this-many heaviest
    /// terms.
    pub probe_terms: usize,
    /// Terms held by more reports than this do not propose candidates
    /// (they still count in the similarity).
    pub max_postings: usize,
}

impl Default for ClusterConfig {
    fn default() -> Self {
        ClusterConfig {
            threshold: 0.15,
            neighbours: 5,
            min_similarity: 0.15,
            probe_terms: 16,
            max_postings: 500,
        }
    }
}

/// Reports published further apart than this describe different incidents,
/// unless the later one names the year of the earlier (a trial or an
/// anniversary recalls the incident by its year).
pub const MAX_DAYS_APART: i32 = 365;

/// How alike two reports are, in `0.0..=1.0`: the cosine of their weighted
/// term vectors (see [`DocFeatures`]), or 0 when their dates are
/// incompatible (see [`dates_compatible`]). Symmetric, and a function of the
/// two reports and the built-in word frequencies alone.
pub fn similarity(a: &DocFeatures, b: &DocFeatures) -> f32 {
    if !dates_compatible(a, b) {
        return 0.0;
    }
    cosine(&a.terms, &b.terms)
}

/// False when both reports have a publication day, they are more than
/// [`MAX_DAYS_APART`] apart, and the later report does not write the
/// earlier one's year. A report without a date is compatible with any.
pub fn dates_compatible(a: &DocFeatures, b: &DocFeatures) -> bool {
    let (Some(da), Some(db)) = (a.published, b.published) else {
        return true;
    };
    let (early, late, late_doc) = if da <= db { (da, db, b) } else { (db, da, a) };
    if late.days_since_epoch() - early.days_since_epoch() <= MAX_DAYS_APART {
        return true;
    }
    u16::try_from(early.year()).is_ok_and(|year| late_doc.years.binary_search(&year).is_ok())
}

/// Dot product of two sorted sparse vectors.
fn cosine(a: &[(u64, f32)], b: &[(u64, f32)]) -> f32 {
    let (mut i, mut j, mut dot) = (0, 0, 0.0f32);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            Ordering::Less => i += 1,
            Ordering::Greater => j += 1,
            Ordering::Equal => {
                dot += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    dot.clamp(0.0, 1.0)
}

/// Clusters reports with the default [`ClusterConfig`]; see [`cluster_with`].
pub fn cluster(docs: &[DocFeatures]) -> Vec<u32> {
    cluster_with(docs, &ClusterConfig::default())
}

/// One label per report (`labels[i]` for `docs[i]`); reports with the same
/// label describe the same incident. Labels count from 0 in order of first
/// appearance.
///
/// The partition does not depend on the order of `docs`: candidates are a
/// set, and ties between equally similar groups are broken by the hash of
/// their smallest report id. Reports with equal ids tie arbitrarily.
pub fn cluster_with(docs: &[DocFeatures], config: &ClusterConfig) -> Vec<u32> {
    let edges = candidate_edges(docs, config);
    let edges = shared_neighbours(docs, &edges, config);
    let groups = average_link(docs, &edges, config.threshold);
    // Groups are numbered below 2n; label them in order of first report.
    let mut label_of = vec![u32::MAX; 2 * docs.len()];
    let mut next = 0u32;
    let mut labels = Vec::with_capacity(docs.len());
    for root in groups {
        if label_of[root] == u32::MAX {
            label_of[root] = next;
            next += 1;
        }
        labels.push(label_of[root]);
    }
    labels
}

/// `(i, j, similarity)` for `i < j` over pairs that share a probe term and
/// are at least `min_similarity` alike. Reports are probed in parallel; the
/// result is sorted, so it does not depend on scheduling.
fn candidate_edges(docs: &[DocFeatures], config: &ClusterConfig) -> Vec<(u32, u32, f32)> {
    let mut postings: HashMap<u64, Vec<u32>> = HashMap::new();
    for (i, doc) in docs.iter().enumerate() {
        for &(term, _) in &doc.terms {
            postings.entry(term).or_default().push(index(i));
        }
    }
    let mut edges: Vec<(u32, u32, f32)> = docs
        .par_iter()
        .enumerate()
        .flat_map_iter(|(i, doc)| {
            let i = index(i);
            let mut near: Vec<u32> = Vec::new();
            for term in probe_terms(doc, config.probe_terms) {
                let list = &postings[&term];
                if list.len() <= config.max_postings {
                    near.extend(list.iter().copied().filter(|&j| j != i));
                }
            }
            near.sort_unstable();
            near.dedup();
            near.into_iter().filter_map(move |j| {
                let s = similarity(doc, &docs[j as usize]);
                (s >= config.min_similarity).then_some((i.min(j), i.max(j), s))
            })
        })
        .collect();
    edges.sort_unstable_by_key(|&(i, j, _)| (i, j));
    edges.dedup_by(|a, b| (a.0, a.1) == (b.0, b.1));
    edges
}

/// Rescores similar pairs by shared nearest neighbours: `|A ∩ B| / (k+1)`
/// where `A` is report `i` with its `k` nearest neighbours (ties by id
/// hash), `B` the same for `j`.
fn shared_neighbours(
    docs: &[DocFeatures],
    edges: &[(u32, u32, f32)],
    config: &ClusterConfig,
) -> Vec<(u32, u32, f32)> {
    let mut around: Vec<Vec<(f32, u64, u32)>> = vec![Vec::new(); docs.len()];
    for &(i, j, s) in edges {
        around[i as usize].push((s, docs[j as usize].key, j));
        around[j as usize].push((s, docs[i as usize].key, i));
    }
    let sets: Vec<Vec<u32>> = around
        .into_iter()
        .enumerate()
        .map(|(i, mut near)| {
            near.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
            let mut set: Vec<u32> = near
                .iter()
                .take(config.neighbours)
                .map(|&(_, _, j)| j)
                .collect();
            set.push(index(i));
            set.sort_unstable();
            set
        })
        .collect();
    #[allow(clippy::cast_precision_loss)]
    let size = (config.neighbours + 1) as f32;
    edges
        .iter()
        .filter_map(|&(i, j, _)| {
            #[allow(clippy::cast_precision_loss)]
            let shared = sorted_overlap(&sets[i as usize], &sets[j as usize]) as f32;
            (shared > 0.0).then_some((i, j, shared / size))
        })
        .collect()
}

/// Size of the intersection of two sorted lists.
fn sorted_overlap(a: &[u32], b: &[u32]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            Ordering::Less => i += 1,
            Ordering::Greater => j += 1,
            Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// A report's heaviest terms, ties by term id.
fn probe_terms(doc: &DocFeatures, n: usize) -> impl Iterator<Item = u64> {
    let mut terms = doc.terms.clone();
    terms.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    terms.into_iter().take(n).map(|(t, _)| t)
}

fn index(i: usize) -> u32 {
    u32::try_from(i).expect("fewer than 2^32 reports")
}

/// A merge that may happen: two live groups and their average similarity.
#[derive(Debug, PartialEq)]
struct Candidate {
    average: f64,
    /// The groups' tie-break keys, smaller first.
    keys: (u64, u64),
    a: usize,
    b: usize,
}

impl Eq for Candidate {}

impl Ord for Candidate {
    fn cmp(&self, other: &Self) -> Ordering {
        self.average
            .total_cmp(&other.average)
            .then_with(|| other.keys.cmp(&self.keys))
    }
}

impl PartialOrd for Candidate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Average-link agglomeration over a sparse similarity graph (missing
/// pairs count as 0). Returns, per report, the index of its final group.
fn average_link(docs: &[DocFeatures], edges: &[(u32, u32, f32)], threshold: f32) -> Vec<usize> {
    let n = docs.len();
    // Groups 0..n are the reports; a merge appends a new group.
    let mut size: Vec<f64> = vec![1.0; n];
    let mut key: Vec<u64> = docs.iter().map(|d| d.key).collect();
    let mut parent: Vec<usize> = (0..n).collect();
    let mut alive: Vec<bool> = vec![true; n];
    let mut sums: Vec<BTreeMap<usize, f64>> = vec![BTreeMap::new(); n];
    let mut heap = BinaryHeap::new();
    let threshold = f64::from(threshold);
    let candidate = |a: usize, b: usize, average: f64, key: &[u64]| Candidate {
        average,
        keys: (key[a].min(key[b]), key[a].max(key[b])),
        a,
        b,
    };
    for &(i, j, s) in edges {
        let (i, j, s) = (i as usize, j as usize, f64::from(s));
        sums[i].insert(j, s);
        sums[j].insert(i, s);
        if s >= threshold {
            heap.push(candidate(i, j, s, &key));
        }
    }
    while let Some(Candidate { average, a, b, .. }) = heap.pop() {
        if average < threshold {
            break;
        }
        if !alive[a] || !alive[b] {
            continue;
        }
        let c = size.len();
        alive[a] = false;
        alive[b] = false;
        alive.push(true);
        parent[a] = c;
        parent[b] = c;
        parent.push(c);
        size.push(size[a] + size[b]);
        key.push(key[a].min(key[b]));
        let mut merged = std::mem::take(&mut sums[a]);
        for (x, s) in std::mem::take(&mut sums[b]) {
            *merged.entry(x).or_insert(0.0) += s;
        }
        merged.remove(&a);
        merged.remove(&b);
        for (&x, &s) in &merged {
            let back = &mut sums[x];
            back.remove(&a);
            back.remove(&b);
            back.insert(c, s);
            let average = s / (size[c] * size[x]);
            if average >= threshold {
                heap.push(candidate(c, x, average, &key));
            }
        }
        sums.push(merged);
    }
    (0..n)
        .map(|mut i| {
            while parent[i] != i {
                i = parent[i];
            }
            i
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::{DocInput, FeatureConfig};
    use proptest::prelude::*;

    fn features(id: &str, title: &str, text: &str, published: &str) -> DocFeatures {
        DocFeatures::new(
            &DocInput {
                id,
                title: Some(title),
                text,
                published: Some(published.parse().unwrap()),
            },
            &FeatureConfig::default(),
        )
    }

    /// Two shootings in two cities in one week, two reports each, written
    /// with different wording; then two reports of a non-violent story.
    fn reports() -> Vec<DocFeatures> {
        vec![
            features(
                "memphis-1",
                "Gunman kills three at Memphis grocery store",
                "A gunman opened fire at a Kroger grocery store in Memphis on Tuesday, \
                 killing three people before police shot him dead. Police chief Cerelyn \
                 Davis said the suspect, 41, had worked at the store on Summer Avenue.",
                "2024-03-12",
            ),
            features(
                "memphis-2",
                "Three dead after shooting inside Kroger on Summer Avenue",
                "Three shoppers died when a former employee started shooting inside the \
                 Summer Avenue Kroger. Officers killed the 41-year-old attacker, Memphis \
                 police chief Cerelyn Davis told reporters.",
                "2024-03-13",
            ),
            features(
                "tulsa-1",
                "Two wounded in shooting at Tulsa high school",
                "Two students were wounded on Thursday when a teenager fired a handgun in \
                 a hallway of Booker T. Washington High School in Tulsa. Superintendent \
                 Deborah Gist said the school was locked down.",
                "2024-03-14",
            ),
            features(
                "tulsa-2",
                "Teen held after Booker T. Washington High School shooting",
                "Tulsa police arrested a 16-year-old after two classmates were hurt by \
                 gunfire at Booker T. Washington High School, and Deborah Gist praised \
                 teachers for the lockdown.",
                "2024-03-15",
            ),
            features(
                "merger-1",
                "Nippon Steel agrees to buy U.S. Steel",
                "Nippon Steel will acquire U.S. Steel for $14.1 billion, the Pittsburgh \
                 steelmaker said on Monday, ending a months-long auction.",
                "2023-12-18",
            ),
            features(
                "merger-2",
                "U.S. Steel sold to Japan's Nippon Steel",
                "Japan's Nippon Steel won the bidding for Pittsburgh-based U.S. Steel, \
                 offering $55 a share, or $14.1 billion.",
                "2023-12-19",
            ),
        ]
    }

    #[test]
    fn similarity_is_symmetric_and_bounded() {
        let docs = reports();
        for a in &docs {
            for b in &docs {
                let s = similarity(a, b);
                assert!((0.0..=1.0).contains(&s));
                assert!((s - similarity(b, a)).abs() < 1e-6);
            }
        }
    }

    #[test]
    fn two_shootings_in_one_week_stay_apart_and_each_joins_its_reports() {
        let labels = cluster(&reports());
        assert_eq!(labels, vec![0, 0, 1, 1, 2, 2]);
    }

    #[test]
    fn reports_months_apart_link_only_when_the_later_recalls_the_year() {
        let text = "Jamal Ortiz was shot dead in Hawaiian Gardens.";
        let first = features("a", "Deputy shot dead", text, "2005-06-24");
        let trial = features("b", "Killer of deputy convicted", text, "2007-05-01");
        assert!(similarity(&first, &trial) == 0.0);
        let recalled = "Jamal Ortiz was shot dead in Hawaiian Gardens in June 2005.";
        let trial = features("b", "Killer of deputy convicted", recalled, "2007-05-01");
        assert!(similarity(&first, &trial) > 0.5);
        let soon = features("c", "Deputy shot dead", text, "2005-07-20");
        assert!(similarity(&first, &soon) > 0.5);
    }

    #[test]
    fn unrelated_reports_stay_alone() {
        let docs = reports();
        let labels = cluster(&[docs[0].clone(), docs[2].clone(), docs[4].clone()]);
        assert_eq!(labels, vec![0, 1, 2]);
    }

    proptest! {
        #[test]
        fn partition_does_not_depend_on_input_order(seed in any::<u64>()) {
            let docs = reports();
            let labels = cluster(&docs);
            let mut order: Vec<usize> = (0..docs.len()).collect();
            // A seeded Fisher–Yates shuffle.
            let mut state = seed | 1;
            for i in (1..order.len()).rev() {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                order.swap(i, usize::try_from(state % (i as u64 + 1)).unwrap());
            }
            let shuffled: Vec<DocFeatures> = order.iter().map(|&i| docs[i].clone()).collect();
            let again = cluster(&shuffled);
            for a in 0..docs.len() {
                for b in 0..docs.len() {
                    prop_assert_eq!(
                        labels[order[a]] == labels[order[b]],
                        again[a] == again[b]
                    );
                }
            }
        }
    }
}
