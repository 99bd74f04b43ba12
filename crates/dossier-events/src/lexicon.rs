//! The event vocabulary: kinds with their dataset codes, trigger words, and
//! the GTD types of weapons and targets. Plain TSV files under `data/`,
//! compiled into the binary; `EventLexicon::parse` reads the same format
//! from a user's files.

use std::collections::HashMap;

use dossier_model::EventType;

use crate::EventError;

/// What a trigger's event acts on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Patient {
    /// People ("killed", "kidnapped").
    Victim,
    /// Things ("bombed", "set fire to").
    Target,
    /// Either, by what the filler is ("attacked").
    Any,
    /// Nothing: an explosion happens at a place.
    None,
}

/// Part of speech of a trigger.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pos {
    /// A verb; may be passive.
    Verb,
    /// A noun.
    Noun,
}

/// One trigger form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Trigger {
    /// Index into [`EventLexicon::kinds`].
    pub kind: usize,
    /// Verb or noun.
    pub pos: Pos,
    /// What it acts on.
    pub patient: Patient,
}

/// One event kind.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Kind {
    /// Its type record.
    pub event_type: EventType,
    /// Which kind names an incident described by several triggers.
    pub precedence: u8,
}

/// A weapon form's GTD type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WeaponType {
    /// GTD `weaptype` code.
    pub code: u8,
    /// GTD `weapsubtype` label, when one applies.
    pub subtype: Option<String>,
}

/// The compiled vocabulary.
#[derive(Clone, Debug, Default)]
pub struct EventLexicon {
    /// Event kinds.
    pub kinds: Vec<Kind>,
    /// Trigger forms, lower case, words joined by one space.
    pub triggers: HashMap<String, Trigger>,
    /// The most words in one trigger form.
    pub max_trigger_words: usize,
    /// For each first word of a trigger form, the most words a form starting
    /// with it has: one lookup rules out most tokens.
    pub first_words: HashMap<String, usize>,
    /// Weapon forms.
    pub weapons: HashMap<String, WeaponType>,
    /// Target forms and their GTD `targtype`.
    pub targets: HashMap<String, u8>,
}

const KINDS: &str = include_str!("../data/event_kinds.tsv");
const TRIGGERS: &str = include_str!("../data/triggers.tsv");
const WEAPONS: &str = include_str!("../data/weapons.tsv");
const TARGETS: &str = include_str!("../data/targets.tsv");

/// The data rows of a TSV file: comments and the header skipped, each row
/// split on tabs and checked for `columns` fields.
fn rows<'t>(
    file: &'static str,
    text: &'t str,
    columns: usize,
) -> impl Iterator<Item = Result<(usize, Vec<&'t str>), EventError>> + 't {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.starts_with('#') && !l.trim().is_empty())
        .skip(1)
        .map(move |(n, line)| {
            let fields: Vec<&str> = line.split('\t').collect();
            if fields.len() == columns {
                Ok((n + 1, fields))
            } else {
                Err(EventError::Lexicon {
                    file,
                    line: n + 1,
                    message: format!("expected {columns} tab-separated fields"),
                })
            }
        })
}

impl EventLexicon {
    /// The built-in vocabulary.
    ///
    /// # Panics
    /// Never in a released build: the built-in files are checked by tests.
    #[must_use]
    pub fn builtin() -> Self {
        Self::parse(KINDS, TRIGGERS, WEAPONS, TARGETS).expect("built-in event lexicon is valid")
    }

    /// Parses the four files.
    ///
    /// # Errors
    /// A row with the wrong number of fields, an unknown kind, part of
    /// speech or patient, or a code that is not a number.
    pub fn parse(
        kinds: &str,
        triggers: &str,
        weapons: &str,
        targets: &str,
    ) -> Result<Self, EventError> {
        let mut lexicon = Self::default();
        let error = |file, line, message: String| EventError::Lexicon {
            file,
            line,
            message,
        };
        let mut kind_index = HashMap::new();
        for row in rows("event_kinds.tsv", kinds, 5) {
            let (line, f) = row?;
            let code = |s: &str| {
                s.parse::<u8>()
                    .map_err(|_| error("event_kinds.tsv", line, format!("`{s}` is not a code")))
            };
            kind_index.insert(f[0].to_owned(), lexicon.kinds.len());
            lexicon.kinds.push(Kind {
                event_type: EventType {
                    kind: f[0].to_owned(),
                    gtd_attack_type: code(f[1])?,
                    acled_event_type: f[2].to_owned(),
                    acled_sub_event_type: f[3].to_owned(),
                },
                precedence: code(f[4])?,
            });
        }
        for row in rows("triggers.tsv", triggers, 4) {
            let (line, f) = row?;
            let kind = *kind_index
                .get(f[1])
                .ok_or_else(|| error("triggers.tsv", line, format!("unknown kind `{}`", f[1])))?;
            let pos = match f[2] {
                "verb" => Pos::Verb,
                "noun" => Pos::Noun,
                other => {
                    return Err(error(
                        "triggers.tsv",
                        line,
                        format!("unknown part of speech `{other}`"),
                    ));
                }
            };
            let patient = match f[3] {
                "victim" => Patient::Victim,
                "target" => Patient::Target,
                "any" => Patient::Any,
                "none" => Patient::None,
                other => {
                    return Err(error(
                        "triggers.tsv",
                        line,
                        format!("unknown patient `{other}`"),
                    ));
                }
            };
            let form = f[0].split_whitespace().collect::<Vec<_>>().join(" ");
            let words = form.split(' ').count();
            lexicon.max_trigger_words = lexicon.max_trigger_words.max(words);
            let first = form.split(' ').next().unwrap_or_default().to_owned();
            let longest = lexicon.first_words.entry(first).or_default();
            *longest = (*longest).max(words);
            lexicon
                .triggers
                .insert(form, Trigger { kind, pos, patient });
        }
        for row in rows("weapons.tsv", weapons, 3) {
            let (line, f) = row?;
            let code = f[1]
                .parse()
                .map_err(|_| error("weapons.tsv", line, format!("`{}` is not a code", f[1])))?;
            lexicon.weapons.insert(
                f[0].to_owned(),
                WeaponType {
                    code,
                    subtype: (!f[2].is_empty()).then(|| f[2].to_owned()),
                },
            );
        }
        for row in rows("targets.tsv", targets, 2) {
            let (line, f) = row?;
            let code = f[1]
                .parse()
                .map_err(|_| error("targets.tsv", line, format!("`{}` is not a code", f[1])))?;
            lexicon.targets.insert(f[0].to_owned(), code);
        }
        Ok(lexicon)
    }

    /// The kind named `name`.
    #[must_use]
    pub fn kind(&self, name: &str) -> Option<&Kind> {
        self.kinds.iter().find(|k| k.event_type.kind == name)
    }

    /// The GTD weapon type of a weapon phrase: the longest known form that
    /// ends the phrase ("two sticks of dynamite" → dynamite).
    #[must_use]
    pub fn weapon_type(&self, phrase: &str) -> Option<&WeaponType> {
        suffixes(phrase).find_map(|s| self.weapons.get(s))
    }

    /// The GTD target type of a target phrase, by its longest known ending
    /// ("the U.S. embassy" → embassy → 7).
    #[must_use]
    pub fn target_type(&self, phrase: &str) -> Option<u8> {
        suffixes(phrase).find_map(|s| self.targets.get(s).copied())
    }
}

/// `phrase` and each shorter word-suffix of it, longest first.
fn suffixes(phrase: &str) -> impl Iterator<Item = &str> {
    std::iter::once(phrase).chain(
        phrase
            .char_indices()
            .filter(|(_, c)| *c == ' ')
            .map(move |(i, _)| &phrase[i + 1..]),
    )
}
