//! Background word frequencies: how surprising a word is in general
//! English or Russian text, from a table shipped in the binary.
//!
//! Weighting words by a fixed table instead of by document frequency in the
//! store makes the similarity of two reports a function of those two reports
//! alone: linking then does not depend on which articles arrived first or
//! how many there are. The table is `data/word_frequencies.tsv.gz` (CC BY-SA
//! 4.0, from wordfreq; see `data/README.md`).

use std::collections::HashMap;
use std::io::Read;
use std::sync::OnceLock;

static DATA: &[u8] = include_bytes!("../data/word_frequencies.tsv.gz");

/// Word → cost (`-log10` of its frequency), for English and Russian.
#[derive(Debug)]
pub struct Background {
    costs: HashMap<Box<str>, f32>,
    max_cost: f32,
}

impl Background {
    /// The built-in table, decoded once per process.
    ///
    /// # Panics
    /// If the embedded file is corrupt, which the crate's tests rule out.
    pub fn builtin() -> &'static Background {
        static TABLE: OnceLock<Background> = OnceLock::new();
        TABLE.get_or_init(|| {
            let mut text = String::new();
            flate2::read::GzDecoder::new(DATA)
                .read_to_string(&mut text)
                .expect("the embedded word-frequency table is gzipped UTF-8");
            Background::parse(&text)
        })
    }

    /// Reads `LANG<TAB>WORD<TAB>CENTIBELS` lines; a word listed in two
    /// languages keeps its higher frequency.
    ///
    /// # Panics
    /// On a malformed line (the input is the crate's own data file).
    fn parse(text: &str) -> Background {
        let mut costs: HashMap<Box<str>, f32> = HashMap::new();
        let mut max_cost = 0.0f32;
        for line in text.lines() {
            let mut fields = line.split('\t');
            let (Some(_lang), Some(word), Some(cb)) = (fields.next(), fields.next(), fields.next())
            else {
                panic!("word-frequency line without three fields: {line:?}");
            };
            let cb: u16 = cb.parse().expect("centibels are an integer");
            let cost = f32::from(cb) / 100.0;
            max_cost = max_cost.max(cost);
            costs
                .entry(word.into())
                .and_modify(|c| *c = c.min(cost))
                .or_insert(cost);
        }
        Background { costs, max_cost }
    }

    /// `-log10 p` of a lower-cased word (`the` ≈ 1.3, `explosion` ≈ 4.6);
    /// a word not in the table gets [`Background::max_cost`]: names and
    /// rare words are what tell two incidents apart.
    pub fn cost(&self, word: &str) -> f32 {
        self.costs.get(word).copied().unwrap_or(self.max_cost)
    }

    /// Whether the table lists the word.
    pub fn contains(&self, word: &str) -> bool {
        self.costs.contains_key(word)
    }

    /// The cost of the rarest listed word, given to unlisted ones.
    pub fn max_cost(&self) -> f32 {
        self.max_cost
    }

    /// Number of words listed.
    pub fn len(&self) -> usize {
        self.costs.len()
    }

    /// Whether the table is empty (never, for the built-in one).
    pub fn is_empty(&self) -> bool {
        self.costs.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_table_loads_both_languages() {
        let table = Background::builtin();
        assert!(table.len() > 90_000, "{}", table.len());
        assert!(table.cost("the") < 1.5);
        assert!(table.cost("в") < 1.5);
        assert!(table.cost("explosion") > table.cost("police"));
        assert!(table.max_cost() > 6.0);
        assert!((table.cost("qwxzyplorb") - table.max_cost()).abs() < f32::EPSILON);
    }
}
