//! What the linker keeps of one report: a sparse weighted term vector, the
//! publication day and the years the text names.
//!
//! Terms are lower-cased, stemmed words (English or Russian Snowball by
//! script) and numbers. A word's weight grows with its background cost
//! ([`Background`]), so `the` and `said` weigh nothing and a surname the
//! table has never seen weighs most; words written with a capital inside a
//! sentence (names of people, places, ships, teams) weigh more again,
//! because names are what differ between two incidents of the same kind.
//! A term counts once however often it occurs (see
//! [`FeatureConfig::log_tf`]). Nothing here looks at other reports, so the
//! features of a report never change once computed.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use rust_stemmers::{Algorithm, Stemmer};
use xxhash_rust::xxh3::xxh3_64;

use crate::background::Background;
use crate::day::Day;

/// One report as the linker reads it.
#[derive(Clone, Copy, Debug)]
pub struct DocInput<'a> {
    /// A stable identifier: it breaks ties, so that clustering does not
    /// depend on input order.
    pub id: &'a str,
    /// The headline, when known.
    pub title: Option<&'a str>,
    /// The body text.
    pub text: &'a str,
    /// The publication day, when known.
    pub published: Option<Day>,
}

/// How term weights are derived from term counts.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FeatureConfig {
    /// Words cheaper than this (`-log10 p`; 3.0 = more often than once in
    /// a thousand words) are stopwords and dropped.
    pub stop_cost: f32,
    /// A word's IDF-like weight is `cost - idf_floor` (so a word just above
    /// the stopword cut weighs little).
    pub idf_floor: f32,
    /// Factor on words seen capitalised inside a sentence.
    pub name_boost: f32,
    /// Cost given to a number of two or more digits (`-log10 p`).
    pub number_cost: f32,
    /// How many times a title word counts (headlines state the incident).
    pub title_weight: f32,
    /// Weigh repeated terms by `1 + ln tf` instead of presence only.
    /// Presence measured better: a report's protagonist, named in every
    /// sentence, otherwise outweighs the details that tell incidents apart.
    pub log_tf: bool,
    /// Exponent on the IDF-like weight: above 1, rare words dominate more.
    pub idf_power: f32,
    /// Factor on terms of the lead: the title and the first
    /// [`FeatureConfig::lead_words`] words of the text. The lead names the
    /// incident (who, where, how many); the body drifts into background
    /// shared with look-alike incidents.
    pub lead_boost: f32,
    /// How many words of the text count as lead.
    pub lead_words: usize,
}

impl Default for FeatureConfig {
    fn default() -> Self {
        FeatureConfig {
            stop_cost: 3.0,
            idf_floor: 2.0,
            name_boost: 1.5,
            number_cost: 4.5,
            title_weight: 2.0,
            idf_power: 1.0,
            log_tf: false,
            lead_boost: 2.0,
            lead_words: 80,
        }
    }
}

/// The linker's view of one report.
#[derive(Clone, Debug, PartialEq)]
pub struct DocFeatures {
    /// Hash of the id: the order-free tie-break.
    pub(crate) key: u64,
    /// `(term id, weight)`, sorted by term id, L2-normalised.
    pub(crate) terms: Vec<(u64, f32)>,
    /// The publication day, when known.
    pub(crate) published: Option<Day>,
    /// Distinct years (1900–2099) written in the title or text, sorted.
    pub(crate) years: Vec<u16>,
}

impl DocFeatures {
    /// Features weighted by the built-in background frequencies: a function
    /// of this report alone.
    pub fn new(doc: &DocInput<'_>, config: &FeatureConfig) -> DocFeatures {
        let counts = TermCounts::new(doc, config);
        counts.weighted(doc, config, |term| term.cost - config.idf_floor)
    }

    /// Features for a batch with classic corpus IDF (`ln(N / df)` over the
    /// batch) instead of background costs, for comparison: unlike
    /// [`DocFeatures::new`] the result for one report depends on the others.
    pub fn with_corpus_idf(docs: &[DocInput<'_>], config: &FeatureConfig) -> Vec<DocFeatures> {
        let counts: Vec<TermCounts> = docs.iter().map(|d| TermCounts::new(d, config)).collect();
        let mut df: BTreeMap<u64, u32> = BTreeMap::new();
        for c in &counts {
            for t in &c.terms {
                *df.entry(t.id).or_default() += 1;
            }
        }
        #[allow(clippy::cast_precision_loss)]
        let n = docs.len() as f32;
        counts
            .iter()
            .zip(docs)
            .map(|(c, d)| {
                #[allow(clippy::cast_precision_loss)]
                c.weighted(d, config, |term| (n / df[&term.id] as f32).ln())
            })
            .collect()
    }

    /// The identifier hash used to break ties.
    pub fn key(&self) -> u64 {
        self.key
    }

    /// The number of distinct terms kept.
    pub fn term_count(&self) -> usize {
        self.terms.len()
    }
}

/// One distinct term of a report before weighting.
#[derive(Clone, Debug)]
struct TermCount {
    id: u64,
    /// Occurrences (title occurrences count `title_weight` each).
    tf: f32,
    /// Background cost of its most frequent surface form.
    cost: f32,
    /// Seen capitalised inside a sentence.
    name: bool,
    /// Seen in the title or the first words of the text.
    lead: bool,
}

struct TermCounts {
    terms: Vec<TermCount>,
    years: Vec<u16>,
}

impl TermCounts {
    fn new(doc: &DocInput<'_>, config: &FeatureConfig) -> TermCounts {
        let mut terms: BTreeMap<u64, TermCount> = BTreeMap::new();
        let mut years = Vec::new();
        let background = Background::builtin();
        let mut add = |text: &str, weight: f32, lead_words: usize| {
            for (n, token) in tokens(text).enumerate() {
                let Some((id, cost)) = term_of(token.word, background, config, &mut years) else {
                    continue;
                };
                let entry = terms.entry(id).or_insert(TermCount {
                    id,
                    tf: 0.0,
                    cost,
                    name: false,
                    lead: false,
                });
                entry.tf += weight;
                entry.cost = entry.cost.min(cost);
                entry.name |= token.capitalised && !token.initial && weight <= 1.0;
                entry.lead |= n < lead_words;
            }
        };
        if let Some(title) = doc.title {
            add(title, config.title_weight, usize::MAX);
        }
        add(doc.text, 1.0, config.lead_words);
        years.sort_unstable();
        years.dedup();
        TermCounts {
            terms: terms.into_values().collect(),
            years,
        }
    }

    fn weighted(
        &self,
        doc: &DocInput<'_>,
        config: &FeatureConfig,
        idf: impl Fn(&TermCount) -> f32,
    ) -> DocFeatures {
        let mut terms: Vec<(u64, f32)> = self
            .terms
            .iter()
            .filter_map(|t| {
                let mut boost = if t.name { config.name_boost } else { 1.0 };
                if t.lead {
                    boost *= config.lead_boost;
                }
                let tf = if config.log_tf { 1.0 + t.tf.ln() } else { 1.0 };
                let w = tf * idf(t).max(0.0).powf(config.idf_power) * boost;
                (w > 0.0).then_some((t.id, w))
            })
            .collect();
        let norm = terms.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
        if norm > 0.0 {
            for (_, w) in &mut terms {
                *w /= norm;
            }
        }
        DocFeatures {
            key: xxh3_64(doc.id.as_bytes()),
            terms,
            published: doc.published,
            years: self.years.clone(),
        }
    }
}

/// A word or number of the text with where it stands.
struct Token<'a> {
    word: &'a str,
    /// Starts with an upper-case letter.
    capitalised: bool,
    /// First word of a line or sentence, where capitals say nothing.
    initial: bool,
}

/// Runs of letters and digits; one-character runs (the `s` of `'s`) are
/// dropped.
fn tokens(text: &str) -> impl Iterator<Item = Token<'_>> {
    let mut initial = true;
    let mut rest = text;
    std::iter::from_fn(move || {
        loop {
            let start = rest.find(char::is_alphanumeric)?;
            let gap = &rest[..start];
            if gap.contains(['.', '!', '?', '\n', ':', '"', '“', '«']) {
                initial = true;
            }
            let word_len = word_length(&rest[start..]);
            let word = &rest[start..start + word_len];
            rest = &rest[start + word_len..];
            let was_initial = initial;
            initial = false;
            if word.chars().nth(1).is_none() {
                continue;
            }
            return Some(Token {
                word,
                capitalised: word.chars().next().is_some_and(char::is_uppercase),
                initial: was_initial,
            });
        }
    })
}

/// Length of the word at the start of `text`: a run of letters and digits,
/// where a number goes on across a `.` or `,` between digits, so that a
/// magnitude (`5.6`), a score or a sum (`27.5`, `120,000`) stays one term:
/// split, its one-digit halves would be dropped or match any other number.
fn word_length(text: &str) -> usize {
    let mut len = 0;
    let mut chars = text.char_indices().peekable();
    let mut digits = true;
    while let Some((at, c)) = chars.next() {
        if c.is_alphanumeric() {
            digits &= c.is_ascii_digit();
            len = at + c.len_utf8();
            continue;
        }
        let joins = digits
            && len > 0
            && matches!(c, '.' | ',')
            && chars.peek().is_some_and(|&(_, n)| n.is_ascii_digit());
        if !joins {
            break;
        }
    }
    len
}

/// The term id and cost of a token, or `None` for a stopword; records years.
fn term_of(
    word: &str,
    background: &Background,
    config: &FeatureConfig,
    years: &mut Vec<u16>,
) -> Option<(u64, f32)> {
    if word.chars().any(|c| c.is_ascii_digit()) {
        if word.len() == 4
            && let Ok(year) = word.parse::<u16>()
            && (1900..2100).contains(&year)
        {
            years.push(year);
        }
        let mut key = Vec::with_capacity(word.len() + 1);
        key.push(b'#');
        key.extend(word.to_lowercase().bytes().filter(|&b| b != b','));
        return Some((xxh3_64(&key), config.number_cost));
    }
    let lower = word.to_lowercase();
    let cost = background.cost(&lower);
    if cost < config.stop_cost {
        return None;
    }
    let stem = stemmer_for(&lower).stem(&lower);
    Some((xxh3_64(stem.as_bytes()), cost))
}

/// Russian Snowball for Cyrillic words, English otherwise.
fn stemmer_for(word: &str) -> &'static Stemmer {
    static ENGLISH: OnceLock<Stemmer> = OnceLock::new();
    static RUSSIAN: OnceLock<Stemmer> = OnceLock::new();
    if word.chars().any(|c| ('\u{400}'..='\u{4ff}').contains(&c)) {
        RUSSIAN.get_or_init(|| Stemmer::create(Algorithm::Russian))
    } else {
        ENGLISH.get_or_init(|| Stemmer::create(Algorithm::English))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> DocFeatures {
        DocFeatures::new(
            &DocInput {
                id: "x",
                title: None,
                text,
                published: None,
            },
            &FeatureConfig::default(),
        )
    }

    #[test]
    fn stopwords_weigh_nothing_and_vectors_are_unit_length() {
        let f = doc("The police said that the gunman fled.");
        assert!(f.terms.windows(2).all(|w| w[0].0 < w[1].0));
        let norm: f32 = f.terms.iter().map(|(_, w)| w * w).sum();
        assert!((norm - 1.0).abs() < 1e-4);
        assert!(doc("the of and said that").terms.is_empty());
    }

    #[test]
    fn inflections_share_a_stem_and_years_are_kept() {
        let a = doc("Gunmen attacked the banks in 2008.");
        let b = doc("A gunman attacks a bank.");
        assert_eq!(a.years, vec![2008]);
        let shared = a
            .terms
            .iter()
            .filter(|(t, _)| b.terms.iter().any(|(u, _)| u == t));
        assert_eq!(shared.count(), 2, "attack, bank");
    }

    #[test]
    fn decimals_and_grouped_numbers_stay_one_term() {
        let words: Vec<_> = tokens("A 5.6 quake, 120,000 people. Ends 2005.")
            .map(|t| t.word)
            .collect();
        assert_eq!(words, ["5.6", "quake", "120,000", "people", "Ends", "2005"]);
        assert_eq!(doc("in 2005.").years, vec![2005]);
    }

    #[test]
    fn capitals_inside_a_sentence_mark_names() {
        let tokens: Vec<_> = tokens("Police said. Then Nichols fled\nAt dawn").collect();
        let flags: Vec<_> = tokens
            .iter()
            .map(|t| (t.word, t.capitalised && !t.initial))
            .collect();
        assert_eq!(
            flags,
            [
                ("Police", false),
                ("said", false),
                ("Then", false),
                ("Nichols", true),
                ("fled", false),
                ("At", false),
                ("dawn", false)
            ]
        );
    }
}
