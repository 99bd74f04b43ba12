//! Copy groups: the connected components of the copy links, each with the
//! report the others are taken to derive from.
//!
//! A group is a connected component of the link graph, so it depends only
//! on which links exist, never on the order the links or reports arrived
//! in; the origin is chosen by a total order on the members (earliest
//! `published`, undated after dated, ties to the smallest id) and groups
//! are listed in that same order of their origins. The same links therefore
//! always give the same groups, origins and listing (property-tested below).

use std::cmp::Ordering;
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::copies::CopyLink;

/// Reports that copy one another, with the one they derive from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CopyGroup {
    /// The earliest report (see the module doc for ties and undated ones).
    pub origin: String,
    /// Every report of the group, the origin included, sorted by id.
    pub members: Vec<String>,
}

/// All copy groups of a set of reports; a report without links is in none.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CopyGroups {
    groups: Vec<CopyGroup>,
    group_of: BTreeMap<String, usize>,
}

impl CopyGroups {
    /// Groups the reports joined by `links`. `articles` gives publication
    /// dates (ISO 8601 date or date-time); a report that only appears in
    /// links is undated, and of two dates given for one report the earlier
    /// counts. Dates that do not parse count as undated.
    #[must_use]
    pub fn build<'a>(
        articles: impl IntoIterator<Item = (&'a str, Option<&'a str>)>,
        links: &[CopyLink],
    ) -> Self {
        // Number the linked ids in sorted order, so nothing below depends
        // on input order.
        let mut numbers: BTreeMap<&str, usize> = BTreeMap::new();
        for link in links {
            numbers.insert(&link.article, 0);
            numbers.insert(&link.other, 0);
        }
        for (number, slot) in numbers.values_mut().enumerate() {
            *slot = number;
        }
        let ids: Vec<&str> = numbers.keys().copied().collect();
        let mut published: Vec<Option<i64>> = vec![None; ids.len()];
        for (id, date) in articles {
            if let (Some(&number), Some(seconds)) = (numbers.get(id), date.and_then(timestamp)) {
                let slot = &mut published[number];
                *slot = Some(slot.map_or(seconds, |old| old.min(seconds)));
            }
        }
        let mut sets = DisjointSets::new(ids.len());
        for link in links {
            sets.union(numbers[link.article.as_str()], numbers[link.other.as_str()]);
        }
        let mut components: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for number in 0..ids.len() {
            components
                .entry(sets.find(number))
                .or_default()
                .push(number);
        }
        let earlier = |a: usize, b: usize| -> Ordering {
            let key = |n: usize| (published[n].is_none(), published[n], ids[n]);
            key(a).cmp(&key(b))
        };
        let mut ordered: Vec<(usize, Vec<usize>)> = components
            .into_values()
            .filter_map(|members| {
                let origin = members.iter().copied().min_by(|&a, &b| earlier(a, b))?;
                Some((origin, members))
            })
            .collect();
        ordered.sort_by(|a, b| earlier(a.0, b.0));
        let mut groups = Vec::with_capacity(ordered.len());
        let mut group_of = BTreeMap::new();
        for (index, (origin, members)) in ordered.into_iter().enumerate() {
            // Members are numbered in id order already.
            let members: Vec<String> = members.iter().map(|&n| ids[n].to_owned()).collect();
            for member in &members {
                group_of.insert(member.clone(), index);
            }
            groups.push(CopyGroup {
                origin: ids[origin].to_owned(),
                members,
            });
        }
        Self { groups, group_of }
    }

    /// The group holding `id`, if it has any copy link.
    #[must_use]
    pub fn group_of(&self, id: &str) -> Option<&CopyGroup> {
        self.group_of.get(id).map(|&index| &self.groups[index])
    }

    /// The groups, in the order of their origins.
    pub fn iter(&self) -> std::slice::Iter<'_, CopyGroup> {
        self.groups.iter()
    }

    /// Number of groups.
    #[must_use]
    pub fn len(&self) -> usize {
        self.groups.len()
    }

    /// Whether there are no groups.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }
}

impl<'a> IntoIterator for &'a CopyGroups {
    type Item = &'a CopyGroup;
    type IntoIter = std::slice::Iter<'a, CopyGroup>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

/// Union-find with path halving and union by size.
struct DisjointSets {
    parent: Vec<usize>,
    size: Vec<usize>,
}

impl DisjointSets {
    fn new(len: usize) -> Self {
        Self {
            parent: (0..len).collect(),
            size: vec![1; len],
        }
    }

    fn find(&mut self, mut node: usize) -> usize {
        while self.parent[node] != node {
            self.parent[node] = self.parent[self.parent[node]];
            node = self.parent[node];
        }
        node
    }

    fn union(&mut self, a: usize, b: usize) {
        let (mut a, mut b) = (self.find(a), self.find(b));
        if a == b {
            return;
        }
        if self.size[a] < self.size[b] {
            std::mem::swap(&mut a, &mut b);
        }
        self.parent[b] = a;
        self.size[a] += self.size[b];
    }
}

/// Seconds since 1970-01-01T00:00Z of an ISO 8601 date (`2024-03-23`, taken
/// as its last second in UTC: a report dated only by day cannot be shown to
/// precede a timed report of the same day) or date-time (`2024-03-23T08:05`, optional seconds,
/// fraction and `Z` / `±hh:mm` / `±hhmm` offset; no offset means UTC).
fn timestamp(text: &str) -> Option<i64> {
    let text = text.trim();
    let number = |s: &str| -> Option<i64> {
        if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        s.parse().ok()
    };
    let year = number(text.get(0..4)?)?;
    let month = number(text.get(5..7)?)?;
    let day = number(text.get(8..10)?)?;
    if text.get(4..5)? != "-"
        || text.get(7..8)? != "-"
        || !(1..=12).contains(&month)
        || !(1..=31).contains(&day)
    {
        return None;
    }
    let mut seconds = days_from_civil(year, month, day) * 86_400;
    let rest = &text[10..];
    if rest.is_empty() {
        return Some(seconds + 86_399);
    }
    let rest = rest.strip_prefix(['T', 't', ' '])?;
    let hour = number(rest.get(0..2)?)?;
    let minute = number(rest.get(3..5)?)?;
    if rest.get(2..3)? != ":" || hour > 23 || minute > 59 {
        return None;
    }
    seconds += hour * 3600 + minute * 60;
    let mut rest = &rest[5..];
    if let Some(after) = rest.strip_prefix(':') {
        seconds += number(after.get(0..2)?)?;
        rest = &after[2..];
        if let Some(fraction) = rest.strip_prefix(['.', ',']) {
            rest = fraction.trim_start_matches(|c: char| c.is_ascii_digit());
        }
    }
    match rest {
        "" | "Z" | "z" => Some(seconds),
        _ => {
            let sign = match rest.as_bytes()[0] {
                b'+' => 1,
                b'-' => -1,
                _ => return None,
            };
            let offset = rest[1..].replace(':', "");
            if offset.len() != 4 {
                return None;
            }
            let hours = number(&offset[..2])?;
            let minutes = number(&offset[2..])?;
            Some(seconds - sign * (hours * 3600 + minutes * 60))
        }
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (eras of 400 years).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let shifted_month = (month + 9) % 12; // March = 0
    let day_of_year = (153 * shifted_month + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::copies::CopyKind;

    fn link(article: &str, other: &str) -> CopyLink {
        CopyLink {
            article: article.to_owned(),
            other: other.to_owned(),
            kind: CopyKind::NearDuplicate,
            similarity: 0.9,
            shared_sentences: 0,
        }
    }

    #[test]
    fn timestamps_parse_dates_and_date_times_with_offsets() {
        assert_eq!(timestamp("1970-01-01"), Some(86_399));
        assert_eq!(timestamp("1970-01-01T00:00"), Some(0));
        assert_eq!(timestamp("2024-03-23"), Some(1_711_152_000 + 86_399));
        assert_eq!(
            timestamp("2024-03-23T08:05:00+01:00"),
            Some(1_711_152_000 + 7 * 3600 + 300)
        );
        assert_eq!(
            timestamp("2024-03-23T07:05Z"),
            timestamp("2024-03-23T08:05:00.5+0100")
        );
        assert_eq!(timestamp("2000-02-29T00:00:00Z"), Some(951_782_400));
        assert_eq!(timestamp("23 March 2024"), None);
        assert_eq!(timestamp("2024-13-01"), None);
        assert_eq!(timestamp("2024-03-23T08"), None);
    }

    #[test]
    fn origin_is_the_earliest_then_dated_then_smallest_id() {
        let links = [link("c", "a"), link("b", "c"), link("x", "y")];
        let articles = [
            ("a", Some("2024-03-24")),
            ("b", Some("2024-03-23T23:00:00-02:00")),
            ("c", Some("2024-03-24T00:30:00Z")),
        ];
        let groups = CopyGroups::build(articles, &links);
        assert_eq!(groups.len(), 2);
        // "a" is dated by day only, so the timed "c" of that day comes first;
        // "b" is 01:00 UTC once its offset is applied.
        let first = groups.group_of("a").cloned();
        assert_eq!(first.as_ref().map(|g| g.origin.as_str()), Some("c"));
        assert_eq!(
            first.map(|g| g.members),
            Some(vec!["a".into(), "b".into(), "c".into()])
        );
        assert_eq!(groups.group_of("y").map(|g| g.origin.as_str()), Some("x"));
        assert_eq!(groups.group_of("z"), None);
        let origins: Vec<&str> = groups.iter().map(|g| g.origin.as_str()).collect();
        assert_eq!(origins, vec!["c", "x"]);
    }

    proptest! {
        #[test]
        fn groups_do_not_depend_on_order(
            edges in proptest::collection::vec((0u8..12, 0u8..12), 0..20),
            dates in proptest::collection::vec(proptest::option::of(0u8..5), 12),
            seed in any::<u64>(),
        ) {
            let links: Vec<CopyLink> = edges
                .iter()
                .map(|&(a, b)| link(&format!("d{a}"), &format!("d{b}")))
                .collect();
            let names: Vec<String> = (0..12).map(|n| format!("d{n}")).collect();
            let stamps: Vec<Option<String>> = dates
                .iter()
                .map(|d| d.map(|day| format!("2024-03-2{day}")))
                .collect();
            let articles = || names.iter().map(String::as_str).zip(stamps.iter().map(Option::as_deref));
            let expected = CopyGroups::build(articles(), &links);

            // A deterministic shuffle of links and articles, and links reversed.
            let mut shuffled = links.clone();
            let mut state = seed;
            for i in (1..shuffled.len()).rev() {
                state = crate::shingle::finish(state.wrapping_add(i as u64));
                shuffled.swap(i, (state % (i as u64 + 1)) as usize);
            }
            for l in &mut shuffled {
                if state & 1 == 1 {
                    std::mem::swap(&mut l.article, &mut l.other);
                }
                state = crate::shingle::finish(state);
            }
            let mut reordered: Vec<_> = articles().collect();
            reordered.rotate_left((seed % 12) as usize);
            let again = CopyGroups::build(reordered, &shuffled);
            prop_assert_eq!(&again, &expected);

            // Every linked pair shares a group.
            for l in &links {
                prop_assert_eq!(expected.group_of(&l.article), expected.group_of(&l.other));
            }
            let members: usize = expected.iter().map(|g| g.members.len()).sum();
            prop_assert!(members <= 12);
        }
    }
}
