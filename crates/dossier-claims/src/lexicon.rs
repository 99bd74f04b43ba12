//! The claim vocabulary: attribution cues, hedges and channels, read from the
//! plain-text files under `data/` so they can be reviewed and extended
//! without touching the rules.

use std::collections::{BTreeMap, HashMap};

use dossier_model::{ClaimKind, Stance};

use crate::ClaimError;

/// How a cue arranges its speaker and content.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Frame {
    /// "X said (that) C", "C, X said", "C, said X".
    Speech,
    /// Like speech, with a hearer after the cue: "X told reporters C".
    Tell,
    /// "according to X, C", "C, according to X".
    According,
    /// No speaker in the clause: "it is believed", "was attributed to".
    Passive,
}

/// One cue form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cue {
    /// Its words, lower case.
    pub words: Vec<String>,
    /// How it arranges speaker and content.
    pub frame: Frame,
    /// The claim kind it makes by itself.
    pub kind: ClaimKind,
    /// The speaker's stance it expresses.
    pub stance: Stance,
}

/// Attribution cues, hedges and channels.
#[derive(Clone, Debug)]
pub struct ClaimLexicon {
    /// Cue forms by first word; longest first (built sorted, then hashed
    /// for the per-token lookup).
    cues: HashMap<String, Vec<Cue>>,
    /// Hedge phrases by first word; longest first.
    hedges: HashMap<String, Vec<Vec<String>>>,
    /// Channel phrases by first word; longest first.
    channels: HashMap<String, Vec<Vec<String>>>,
    /// Words that turn an assertion around when they come before the cue or
    /// its content ("despite attempts", "without evidence").
    pub(crate) framings: Vec<(Vec<String>, Stance)>,
}

const CUES: &str = include_str!("../data/cues.tsv");
const HEDGES: &str = include_str!("../data/hedges.tsv");
const CHANNELS: &str = include_str!("../data/channels.tsv");
const FRAMINGS: &str = include_str!("../data/framings.tsv");

impl Default for ClaimLexicon {
    fn default() -> Self {
        Self::builtin()
    }
}

fn words(phrase: &str) -> Vec<String> {
    phrase.split_whitespace().map(str::to_lowercase).collect()
}

/// Rows of a TSV file: its non-empty, non-comment lines split on tabs.
fn rows(text: &str) -> impl Iterator<Item = (usize, Vec<&str>)> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|(n, l)| (n + 1, l.split('\t').map(str::trim).collect()))
}

fn by_first_word(
    phrases: impl IntoIterator<Item = Vec<String>>,
) -> BTreeMap<String, Vec<Vec<String>>> {
    let mut map: BTreeMap<String, Vec<Vec<String>>> = BTreeMap::new();
    for phrase in phrases {
        if let Some(first) = phrase.first() {
            map.entry(first.clone()).or_default().push(phrase);
        }
    }
    for list in map.values_mut() {
        list.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
    }
    map
}

impl ClaimLexicon {
    /// The built-in vocabulary.
    ///
    /// # Panics
    /// Never for the shipped files; a test parses them.
    #[must_use]
    pub fn builtin() -> Self {
        Self::parse(CUES, HEDGES, CHANNELS, FRAMINGS).expect("built-in claim lexicon parses")
    }

    /// A vocabulary from the texts of the four files.
    ///
    /// # Errors
    /// A line with a missing column or an unknown frame, kind or stance,
    /// named by file and line.
    pub fn parse(
        cues: &str,
        hedges: &str,
        channels: &str,
        framings: &str,
    ) -> Result<Self, ClaimError> {
        let mut cue_map: BTreeMap<String, Vec<Cue>> = BTreeMap::new();
        for (line, cols) in rows(cues) {
            let bad = |why: &str| ClaimError::Lexicon {
                file: "cues.tsv",
                line,
                why: why.to_owned(),
            };
            let [forms, frame, kind, stance] = cols[..] else {
                return Err(bad("expected 4 tab-separated columns"));
            };
            let frame = match frame {
                "speech" => Frame::Speech,
                "tell" => Frame::Tell,
                "according" => Frame::According,
                "passive" => Frame::Passive,
                other => return Err(bad(&format!("unknown frame {other:?}"))),
            };
            let kind =
                ClaimKind::from_name(kind).ok_or_else(|| bad(&format!("unknown kind {kind:?}")))?;
            let stance = match stance {
                "asserts" => Stance::Asserts,
                "denies" => Stance::Denies,
                "disputes" => Stance::Disputes,
                other => return Err(bad(&format!("unknown stance {other:?}"))),
            };
            for form in forms.split(',').map(str::trim).filter(|f| !f.is_empty()) {
                let words = words(form);
                cue_map.entry(words[0].clone()).or_default().push(Cue {
                    words,
                    frame,
                    kind,
                    stance,
                });
            }
        }
        for list in cue_map.values_mut() {
            list.sort_by(|a, b| {
                b.words
                    .len()
                    .cmp(&a.words.len())
                    .then_with(|| a.words.cmp(&b.words))
            });
        }
        let phrase_list = |text: &str| {
            rows(text)
                .map(|(_, cols)| words(cols[0]))
                .collect::<Vec<_>>()
        };
        let mut framing_list = Vec::new();
        for (line, cols) in rows(framings) {
            let stance = match cols.get(1).copied() {
                Some("denies") => Stance::Denies,
                Some("disputes") => Stance::Disputes,
                Some("asserts") => Stance::Asserts,
                other => {
                    return Err(ClaimError::Lexicon {
                        file: "framings.tsv",
                        line,
                        why: format!("unknown stance {other:?}"),
                    });
                }
            };
            framing_list.push((words(cols[0]), stance));
        }
        Ok(Self {
            cues: cue_map.into_iter().collect(),
            hedges: by_first_word(phrase_list(hedges)).into_iter().collect(),
            channels: by_first_word(phrase_list(channels)).into_iter().collect(),
            framings: framing_list,
        })
    }

    /// The longest cue starting at `words[0]`.
    pub(crate) fn cue_at(&self, words: &[&str]) -> Option<&Cue> {
        let first = words.first()?;
        self.cues.get(*first)?.iter().find(|c| {
            c.words.len() <= words.len() && c.words.iter().zip(words).all(|(a, b)| a == b)
        })
    }

    /// The length of the longest hedge starting at `words[0]`.
    pub(crate) fn hedge_at(&self, words: &[&str]) -> Option<usize> {
        longest(&self.hedges, words)
    }

    /// The length of the longest channel phrase starting at `words[0]`.
    pub(crate) fn channel_at(&self, words: &[&str]) -> Option<usize> {
        longest(&self.channels, words)
    }
}

fn longest(map: &HashMap<String, Vec<Vec<String>>>, words: &[&str]) -> Option<usize> {
    let first = words.first()?;
    map.get(*first)?
        .iter()
        .find(|p| p.len() <= words.len() && p.iter().zip(words).all(|(a, b)| a == b))
        .map(Vec::len)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_files_parse() {
        let lexicon = ClaimLexicon::builtin();
        let cue = lexicon.cue_at(&["according", "to", "officials"]).unwrap();
        assert_eq!(cue.frame, Frame::According);
        assert_eq!(cue.words.len(), 2);
        assert_eq!(
            lexicon.cue_at(&["denied", "it"]).unwrap().stance,
            Stance::Denies
        );
        assert_eq!(lexicon.hedge_at(&["believed", "to", "be", "x"]), Some(3));
    }

    #[test]
    fn a_bad_line_is_named() {
        let err = ClaimLexicon::parse("said\tspeech\tnonsense\tasserts\n", "", "", "").unwrap_err();
        assert!(err.to_string().contains("cues.tsv") && err.to_string().contains("line 1"));
    }
}
