//! The gazetteer: every name, alias, metonym, demonym, title and nominal
//! head of the knowledge base, folded, in one Aho-Corasick automaton.
//!
//! Built once from a [`Kb`] (a few hundred milliseconds for ~250,000
//! names), then shared by every thread.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, Anchored, Input, MatchKind, StartKind};
use dossier_kb::{ActorKind, Kb, NominalCategory};
use rust_stemmers::{Algorithm, Stemmer};

use crate::normalize::fold_str;

/// What a matched name stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// An actor, by index in [`Kb::actors`].
    Actor(u32),
    /// A state actor used as a government metonym ("the Kremlin").
    Metonym(u32),
    /// A nationality: the country index in [`Kb::countries`].
    Demonym(u32),
    /// A country, by index.
    Country(u32),
    /// A region, by index.
    Region(u32),
    /// A city, by index.
    City(u32),
    /// An outlet, by index.
    Outlet(u32),
    /// A nominal head.
    Nominal(NominalCategory),
    /// A title before a person's name, by index in [`Kb::titles`].
    Title(u32),
}

/// One reading of a folded pattern.
#[derive(Clone, Debug)]
pub struct Entry {
    /// What it stands for.
    pub target: Target,
    /// Prior weight before context, 0..=1.
    pub prior: f32,
    /// Counts only when written with the alias's capitals.
    pub case_sensitive: bool,
    /// The alias as written in the knowledge base (for case checks).
    pub alias: String,
    /// The name is also an ordinary word: wants a capital in mixed-case text.
    pub common_word: bool,
    /// An alternate name of a place, not its main one: GeoNames lists
    /// nicknames and old names ("Google" for Topeka) that weigh less.
    pub alternate: bool,
}

/// The compiled gazetteer.
pub struct Gazetteer {
    automaton: AhoCorasick,
    /// Readings of each pattern, by pattern id.
    entries: Vec<Vec<Entry>>,
    /// One-word Cyrillic names by their Snowball stem and as written:
    /// Russian declines place names ("в Москве", "из России", "в
    /// Красногорске"), so an inflected word is looked up by its stem.
    inflected: HashMap<String, usize>,
    russian: Stemmer,
}

impl std::fmt::Debug for Gazetteer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Gazetteer")
            .field("patterns", &self.entries.len())
            .finish_non_exhaustive()
    }
}

/// Lower-case words that are never names on their own, whatever a data file
/// says: a short stop-list guarding the matcher against "is", "us", "it".
pub(crate) const FUNCTION_WORDS: &[&str] = &[
    "a",
    "about",
    "across",
    "after",
    "again",
    "against",
    "all",
    "also",
    "although",
    "am",
    "amid",
    "among",
    "an",
    "and",
    "any",
    "are",
    "around",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "despite",
    "did",
    "do",
    "does",
    "down",
    "during",
    "each",
    "even",
    "few",
    "for",
    "from",
    "had",
    "has",
    "have",
    "he",
    "her",
    "here",
    "him",
    "his",
    "how",
    "however",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "just",
    "me",
    "meanwhile",
    "more",
    "moreover",
    "most",
    "my",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "on",
    "once",
    "one",
    "only",
    "or",
    "other",
    "our",
    "out",
    "over",
    "own",
    "per",
    "said",
    "same",
    "she",
    "should",
    "since",
    "so",
    "some",
    "still",
    "such",
    "than",
    "that",
    "the",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "though",
    "through",
    "to",
    "too",
    "toward",
    "towards",
    "two",
    "under",
    "unless",
    "until",
    "up",
    "upon",
    "us",
    "very",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "whether",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "will",
    "with",
    "within",
    "without",
    "would",
    "yet",
    "you",
    "your",
];

/// Words that some small place is named after but that news text uses for
/// something else: never matched as a city or region name.
const NOT_PLACE_NAMES: &[&str] = &[
    "africa",
    "america",
    "april",
    "asia",
    "august",
    "capital",
    "car",
    "cars",
    "center",
    "central",
    "centre",
    "coast",
    "december",
    "east",
    "eastern",
    "europe",
    "february",
    "friday",
    "january",
    "july",
    "june",
    "lakes",
    "lower",
    "march",
    "may",
    "middle east",
    "monday",
    "north",
    "northern",
    "november",
    "oceania",
    "october",
    "saturday",
    "september",
    "shot",
    "south",
    "southern",
    "sunday",
    "thursday",
    "tuesday",
    "upper",
    "wednesday",
    "west",
    "western",
];

/// Nationality words that are also ordinary nouns ("poles", "a swede"):
/// read as nationalities only when capitalised, and not in lower-case text.
const COMMON_NOUN_DEMONYMS: &[&str] = &["pole", "poles", "swede", "swedes"];

fn is_place_target(target: Target) -> bool {
    matches!(target, Target::City(_) | Target::Region(_))
}

pub(crate) fn is_function_word(folded: &str) -> bool {
    FUNCTION_WORDS.binary_search(&folded).is_ok()
}

impl Gazetteer {
    /// Compiles every name of `kb`.
    ///
    /// # Panics
    /// Never in practice: the automaton is built with default limits that
    /// hold for millions of patterns.
    #[must_use]
    pub fn build(kb: &Kb) -> Self {
        let mut builder = PatternSet::default();
        for (index, actor) in kb.actors.iter().enumerate() {
            let index = index as u32;
            let prior = match actor.kind {
                ActorKind::Person => 0.9,
                // The country's own place reading carries "Russia"; the
                // state wins it only from context ("Russia blamed").
                ActorKind::State => 0.4,
                _ => 1.0,
            };
            for name in std::iter::once(&actor.name).chain(&actor.aliases) {
                builder.add(
                    name,
                    Entry {
                        target: Target::Actor(index),
                        prior,
                        case_sensitive: actor.is_case_sensitive(name),
                        alias: name.clone(),
                        common_word: false,
                        alternate: false,
                    },
                );
            }
            for name in &actor.metonyms {
                builder.add(
                    name,
                    Entry {
                        target: Target::Metonym(index),
                        prior: 0.35,
                        case_sensitive: actor.is_case_sensitive(name),
                        alias: name.clone(),
                        common_word: false,
                        alternate: false,
                    },
                );
            }
        }
        for (index, country) in kb.countries.iter().enumerate() {
            let index = index as u32;
            for name in std::iter::once(&country.name).chain(&country.aliases) {
                builder.add(
                    name,
                    Entry {
                        target: Target::Country(index),
                        prior: 1.0,
                        case_sensitive: false,
                        alias: name.clone(),
                        common_word: false,
                        alternate: false,
                    },
                );
            }
            for name in &country.demonyms {
                builder.add(
                    name,
                    Entry {
                        target: Target::Demonym(index),
                        prior: 1.0,
                        case_sensitive: false,
                        alias: name.clone(),
                        common_word: COMMON_NOUN_DEMONYMS.contains(&name.to_lowercase().as_str()),
                        alternate: false,
                    },
                );
            }
        }
        for (index, region) in kb.regions.iter().enumerate() {
            for name in std::iter::once(&region.name).chain(&region.aliases) {
                builder.add(
                    name,
                    Entry {
                        target: Target::Region(index as u32),
                        prior: 0.2,
                        case_sensitive: false,
                        alias: name.clone(),
                        common_word: false,
                        alternate: false,
                    },
                );
            }
        }
        for (index, city) in kb.cities.iter().enumerate() {
            let prior = city_prior(city.population);
            for name in std::iter::once(&city.name).chain(&city.aliases) {
                builder.add(
                    name,
                    Entry {
                        target: Target::City(index as u32),
                        prior,
                        case_sensitive: false,
                        alias: name.clone(),
                        common_word: city.common_word,
                        alternate: name != &city.name,
                    },
                );
            }
        }
        for (index, outlet) in kb.outlets.iter().enumerate() {
            for name in std::iter::once(&outlet.name).chain(&outlet.aliases) {
                builder.add(
                    name,
                    Entry {
                        target: Target::Outlet(index as u32),
                        prior: 0.9,
                        case_sensitive: false,
                        alias: name.clone(),
                        common_word: false,
                        alternate: false,
                    },
                );
            }
        }
        for nominal in &kb.nominals {
            builder.add(
                &nominal.form,
                Entry {
                    target: Target::Nominal(nominal.category),
                    prior: 1.0,
                    case_sensitive: false,
                    alias: nominal.form.clone(),
                    common_word: false,
                    alternate: false,
                },
            );
        }
        for (index, title) in kb.titles.iter().enumerate() {
            builder.add(
                &title.title,
                Entry {
                    target: Target::Title(index as u32),
                    prior: 1.0,
                    case_sensitive: false,
                    alias: title.title.clone(),
                    common_word: false,
                    alternate: false,
                },
            );
        }
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            // Names start at word starts, so every search is anchored there:
            // no failure transitions to build or follow.
            .start_kind(StartKind::Anchored)
            .build(&builder.patterns)
            .expect("gazetteer patterns compile");
        let russian = Stemmer::create(Algorithm::Russian);
        let inflected = inflection_index(&russian, &builder.patterns, &builder.entries);
        Self {
            automaton,
            entries: builder.entries,
            inflected,
            russian,
        }
    }

    /// The number of distinct folded patterns.
    #[must_use]
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether it has no patterns.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The longest name starting exactly at byte `at` of `hay`:
    /// `(end, pattern)`.
    pub(crate) fn longest_at(&self, hay: &str, at: usize) -> Option<(usize, usize)> {
        self.automaton
            .find(Input::new(hay).span(at..hay.len()).anchored(Anchored::Yes))
            .map(|m| (m.end(), m.pattern().as_usize()))
    }

    /// A one-word Cyrillic name declined in `hay` at byte `at` ("москве"
    /// for "москва"): `(end of the word, pattern)`. Only words of four
    /// letters or more, whose stem keeps at least four, are tried.
    pub(crate) fn inflected_at(&self, hay: &str, at: usize) -> Option<(usize, usize)> {
        let rest = &hay[at..];
        if !rest.chars().next().is_some_and(is_cyrillic) {
            return None;
        }
        let end = rest
            .char_indices()
            .find(|&(_, c)| !c.is_alphanumeric())
            .map_or(rest.len(), |(i, _)| i);
        let word = &rest[..end];
        if word.chars().count() < MIN_INFLECTED_LETTERS || !word.chars().all(is_cyrillic) {
            return None;
        }
        let stem = self.russian.stem(word);
        if stem.chars().count() < MIN_INFLECTED_LETTERS {
            return None;
        }
        self.inflected
            .get(stem.as_ref())
            .map(|&pattern| (at + end, pattern))
    }

    pub(crate) fn entries(&self, pattern: usize) -> &[Entry] {
        &self.entries[pattern]
    }
}

/// Shorter stems are too often another word's.
const MIN_INFLECTED_LETTERS: usize = 4;

fn is_cyrillic(c: char) -> bool {
    matches!(c, '\u{0400}'..='\u{04FF}')
}

/// Stem → pattern for the one-word Cyrillic place and actor names, each
/// also under its own spelling (Snowball cuts some names shorter than their
/// declined forms: "киев" → "ки", but "киеве" → "киев"). Where two names
/// share a key the one with the higher prior keeps it, the first on a tie.
fn inflection_index(
    stemmer: &Stemmer,
    patterns: &[String],
    entries: &[Vec<Entry>],
) -> HashMap<String, usize> {
    let mut index: HashMap<String, (usize, f32)> = HashMap::new();
    for (pattern, (name, readings)) in patterns.iter().zip(entries).enumerate() {
        let named = readings
            .iter()
            .filter(|e| !matches!(e.target, Target::Nominal(_) | Target::Title(_)))
            .map(|e| e.prior)
            .reduce(f32::max);
        let Some(prior) = named else { continue };
        if name.chars().count() < MIN_INFLECTED_LETTERS || !name.chars().all(is_cyrillic) {
            continue;
        }
        let stem = stemmer.stem(name);
        for key in [name.as_str(), stem.as_ref()] {
            if key.chars().count() < MIN_INFLECTED_LETTERS {
                continue;
            }
            index
                .entry(key.to_owned())
                .and_modify(|held| {
                    if prior > held.1 {
                        *held = (pattern, prior);
                    }
                })
                .or_insert((pattern, prior));
        }
    }
    index
        .into_iter()
        .map(|(key, (pattern, _))| (key, pattern))
        .collect()
}

/// Population 15,000 → 0.6; 1 million → 0.86; 10 million → 1.0.
fn city_prior(population: u64) -> f32 {
    let log = (population.max(1000) as f32).log10();
    (0.6 + (log - 4.18) * 0.14).clamp(0.3, 1.0)
}

#[derive(Default)]
struct PatternSet {
    patterns: Vec<String>,
    entries: Vec<Vec<Entry>>,
    by_pattern: HashMap<String, usize>,
}

impl PatternSet {
    fn add(&mut self, name: &str, entry: Entry) {
        let folded = fold_str(name.trim());
        // One letter, or a bare function word, is never a name by itself.
        if folded.chars().count() < 2 || (!entry.case_sensitive && is_function_word(&folded)) {
            return;
        }
        if is_place_target(entry.target) && NOT_PLACE_NAMES.binary_search(&folded.as_str()).is_ok()
        {
            return;
        }
        let index = *self.by_pattern.entry(folded.clone()).or_insert_with(|| {
            self.patterns.push(folded);
            self.entries.push(Vec::new());
            self.entries.len() - 1
        });
        let readings = &mut self.entries[index];
        // The same target under two spellings that fold together counts once.
        if let Some(existing) = readings.iter_mut().find(|e| e.target == entry.target) {
            existing.case_sensitive &= entry.case_sensitive;
            existing.common_word |= entry.common_word;
            existing.alternate &= entry.alternate;
            return;
        }
        readings.push(entry);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_lists_are_sorted() {
        for list in [FUNCTION_WORDS, NOT_PLACE_NAMES] {
            let mut sorted = list.to_vec();
            sorted.sort_unstable();
            assert_eq!(sorted, list);
        }
    }

    #[test]
    fn bigger_cities_weigh_more() {
        assert!(city_prior(2_000_000) > city_prior(25_000));
        assert!((0.3..=1.0).contains(&city_prior(15_000)));
    }
}
