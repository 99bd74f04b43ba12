//! Finding mentions and linking them to knowledge-base entities.
//!
//! One pass of the gazetteer automaton over the folded text finds every
//! known name, title and nominal head; rules then decide what each match is:
//! - [`scan`]: word boundaries and case (a case-sensitive alias must keep
//!   its capitals; in mixed-case text a name must have one);
//! - [`link`]: which of a name's readings it is — Moscow the city or the
//!   government, Paris in France or Texas — from priors and context, each
//!   with a confidence; a mention whose best reading is not clearly ahead
//!   keeps its candidates and no link;
//! - [`persons`]: people announced by titles ("police spokesman Ahmed
//!   Ali") or by name shape before a speech verb, and their later short
//!   forms ("Putin");
//! - [`nominals`]: descriptions built on a head noun ("heavily armed men");
//! - [`aliases`]: aliases the text defines ("IS-K, short for Islamic
//!   State-Khorasan"), applied to the rest of the text and kept with their
//!   evidence.

mod aliases;
mod link;
mod nominals;
mod persons;
mod scan;

use std::borrow::Cow;
use std::collections::HashSet;
use std::sync::Arc;

use dossier_kb::Kb;
use dossier_model::{ByteSpan, LearnedAlias, Mention};

use crate::gazetteer::Gazetteer;
use crate::normalize::fold;
use crate::sentences::{is_lower_case, split_sentences};
use crate::tokens::{Tok, tokenize};

/// `word` in lower case, borrowed when it already is (most words).
pub(crate) fn lowercase(word: &str) -> Cow<'_, str> {
    if word
        .bytes()
        .any(|b| b.is_ascii_uppercase() || !b.is_ascii())
    {
        Cow::Owned(word.to_lowercase())
    } else {
        Cow::Borrowed(word)
    }
}

/// The mention finder and linker over one knowledge base.
pub struct Annotator {
    kb: Arc<Kb>,
    gazetteer: Gazetteer,
    lexicon: Lexicon,
}

/// Word sets the rules consult, built once from the knowledge base.
pub(crate) struct Lexicon {
    /// Lower-case single words that may modify a nominal head: listed
    /// adjectives, nominal nouns, nationality words.
    modifiers: HashSet<String>,
    /// Lower-case single-word titles.
    titles: HashSet<String>,
    /// Common given names, lower case and unaccented.
    given_names: HashSet<&'static str>,
}

/// Common given names, one a line, `#` comments.
const GIVEN_NAMES: &str = include_str!("../../data/given_names.txt");

impl Lexicon {
    fn of(kb: &Kb) -> Self {
        let mut modifiers: HashSet<String> = ADJECTIVES.iter().map(|&w| w.to_owned()).collect();
        for nominal in &kb.nominals {
            if !nominal.form.contains(' ') {
                modifiers.insert(nominal.form.clone());
            }
        }
        for country in &kb.countries {
            for demonym in &country.demonyms {
                if !demonym.contains(' ') {
                    modifiers.insert(demonym.to_lowercase());
                }
            }
        }
        let titles = kb
            .titles
            .iter()
            .filter(|t| !t.title.contains(' '))
            .map(|t| t.title.trim_end_matches('.').to_owned())
            .collect();
        let given_names = GIVEN_NAMES
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect();
        Self {
            modifiers,
            titles,
            given_names,
        }
    }

    pub(crate) fn is_given_name(&self, word: &str) -> bool {
        self.given_names.contains(word)
    }

    pub(crate) fn is_modifier(&self, word: &str) -> bool {
        self.modifiers.contains(word)
    }

    pub(crate) fn is_title(&self, word: &str) -> bool {
        self.titles.contains(word.trim_end_matches('.'))
    }
}

/// Adjectives common before the heads of attack news ("heavily armed men",
/// "unidentified gunmen", "urban guerrillas").
const ADJECTIVES: &[&str] = &[
    "&str] = &[",
    "agrarian",
    "agricultural",
    "alleged",
    "armed",
    "business",
    "civilian",
    "clandestine",
    "cocaine",
    "commercial",
    "communist",
    "criminal",
    "dead",
    "diplomatic",
    "drug",
    "drug-trafficking",
    "educational",
    "elderly",
    "electric",
    "electrical",
    "electricity",
    "elite",
    "energy",
    "extreme",
    "extremist",
    "financial",
    "foreign",
    "former",
    "gasoline",
    "government",
    "guerrilla",
    "heavily",
    "high-tension",
    "high-voltage",
    "hired",
    "hooded",
    "humanitarian",
    "hydroelectric",
    "industrial",
    "infantry",
    "injured",
    "innocent",
    "islamist",
    "jihadist",
    "labor",
    "labour",
    "left-wing",
    "leftist",
    "leftwing",
    "local",
    "maoist",
    "marxist",
    "masked",
    "military",
    "municipal",
    "national",
    "nearby",
    "off-duty",
    "oil",
    "paid",
    "paramilitary",
    "parked",
    "political",
    "power",
    "presidential",
    "presumed",
    "private",
    "public",
    "radical",
    "religious",
    "residential",
    "retired",
    "right-wing",
    "rightist",
    "rightwing",
    "rural",
    "senior",
    "special",
    "state-owned",
    "steel",
    "subversive",
    "suspected",
    "telephone",
    "terrorist",
    "trafficking",
    "unarmed",
    "unidentified",
    "uniformed",
    "unknown",
    "urban",
    "water",
    "wounded",
    "young",
];

impl std::fmt::Debug for Annotator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Annotator")
            .field("gazetteer", &self.gazetteer)
            .finish_non_exhaustive()
    }
}

/// Everything the annotator found in one text.
#[derive(Debug, Clone, Default)]
pub struct Annotation {
    /// Sentence spans.
    pub sentences: Vec<ByteSpan>,
    /// Tokens.
    pub tokens: Vec<Tok>,
    /// Mentions in text order (a nominal may contain a named mention).
    pub mentions: Vec<Mention>,
    /// Aliases the text defines.
    pub aliases: Vec<LearnedAlias>,
}

/// What the rules share about one text.
pub(crate) struct Doc<'t> {
    pub(crate) text: &'t str,
    pub(crate) tokens: Vec<Tok>,
    pub(crate) sentences: Vec<ByteSpan>,
    pub(crate) lower_case: bool,
}

impl<'t> Doc<'t> {
    /// The sentence holding byte `offset` (an empty span when none does).
    pub(crate) fn sentence_of(&self, offset: u32) -> ByteSpan {
        let index = self.sentences.partition_point(|s| s.end() <= offset);
        self.sentences
            .get(index)
            .copied()
            .filter(|s| s.start() <= offset)
            .unwrap_or_else(|| crate::span(offset as usize, offset as usize))
    }

    /// Index of the first token starting at or after `offset`.
    pub(crate) fn token_at(&self, offset: u32) -> usize {
        self.tokens.partition_point(|t| t.span.start() < offset)
    }

    /// Lower-cased text of token `index`, if it exists.
    pub(crate) fn lower(&self, index: usize) -> Option<Cow<'t, str>> {
        self.tokens
            .get(index)
            .map(|t| lowercase(&self.text[t.span]))
    }

    /// Whether token `index` starts its sentence.
    pub(crate) fn starts_sentence(&self, index: usize) -> bool {
        let Some(token) = self.tokens.get(index) else {
            return false;
        };
        self.sentence_of(token.span.start()).start() == token.span.start()
    }
}

impl Annotator {
    /// Compiles the gazetteer of `kb`.
    #[must_use]
    pub fn new(kb: Arc<Kb>) -> Self {
        let gazetteer = Gazetteer::build(&kb);
        let lexicon = Lexicon::of(&kb);
        Self {
            kb,
            gazetteer,
            lexicon,
        }
    }

    /// The knowledge base.
    #[must_use]
    pub fn kb(&self) -> &Kb {
        &self.kb
    }

    /// The compiled gazetteer.
    #[must_use]
    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gazetteer
    }

    /// Splits `text` into sentences and finds its mentions.
    #[must_use]
    pub fn annotate(&self, text: &str) -> Annotation {
        let tokens = tokenize(text);
        let sentences = split_sentences(text, &tokens);
        self.annotate_tokens(text, tokens, sentences)
    }

    /// Finds the mentions of `text`, whose sentences are already known.
    #[must_use]
    pub fn annotate_with_sentences(&self, text: &str, sentences: Vec<ByteSpan>) -> Annotation {
        self.annotate_tokens(text, tokenize(text), sentences)
    }

    fn annotate_tokens(
        &self,
        text: &str,
        tokens: Vec<Tok>,
        sentences: Vec<ByteSpan>,
    ) -> Annotation {
        let doc = Doc {
            text,
            tokens,
            sentences,
            lower_case: is_lower_case(text),
        };
        let folded = fold(text);
        let matches = scan::scan(&self.gazetteer, &doc, &folded);
        let context = link::Context::of(&self.kb, &self.gazetteer, &matches);
        let mut mentions = Vec::new();
        let mut titles = Vec::new();
        for found in &matches {
            match found.reading {
                scan::Reading::Title(title) => {
                    titles.push((found.span, self.kb.titles[title as usize].title.clone()));
                }
                scan::Reading::Nominal(category) => {
                    mentions.push(nominals::mention(
                        &self.lexicon,
                        &doc,
                        &mentions,
                        found.span,
                        category,
                    ));
                }
                scan::Reading::Entity => {
                    if let Some(mention) =
                        link::mention(&self.kb, &self.gazetteer, &doc, &context, found)
                    {
                        mentions.push(mention);
                    }
                }
            }
        }
        link::authorities(&self.kb, &doc, &mut mentions);
        nominals::attach_of_phrases(&doc, &mut mentions);
        persons::titled(&self.lexicon, &doc, &titles, &mut mentions);
        persons::name_shaped(&doc, &mut mentions);
        persons::lower_case_names(&self.lexicon, &doc, &mut mentions);
        persons::repeated_names(&doc, &mut mentions);
        persons::short_forms(&doc, &mut mentions);
        let learned = aliases::learn(&doc, &folded, &mut mentions);
        let mentions = resolve_overlaps(text, mentions);
        Annotation {
            sentences: doc.sentences,
            tokens: doc.tokens,
            mentions,
            aliases: learned,
        }
    }
}

/// Keeps mentions in text order without partial overlaps: a nominal may
/// contain named mentions; otherwise the longer (then the linked, then the
/// earlier-found) mention wins.
fn resolve_overlaps(text: &str, mut mentions: Vec<Mention>) -> Vec<Mention> {
    use dossier_model::MentionKind;
    mentions.sort_by(|a, b| {
        let len = |m: &Mention| m.span.end() - m.span.start();
        len(b)
            .cmp(&len(a))
            .then(b.entity.is_some().cmp(&a.entity.is_some()))
            .then(a.span.start().cmp(&b.span.start()))
    });
    let mut kept: Vec<Mention> = Vec::with_capacity(mentions.len());
    for mention in mentions {
        let clashes = kept.iter().any(|k| {
            let overlap =
                k.span.start() < mention.span.end() && mention.span.start() < k.span.end();
            if !overlap {
                return false;
            }
            let nested =
                k.span.start() <= mention.span.start() && mention.span.end() <= k.span.end();
            // A name inside a description stays ("the U.S. embassy"); a
            // description only inside the "of" phrase of another
            // ("members of the salvadoran army").
            let of_phrase = || {
                let between = &text[k.span.start() as usize..mention.span.start() as usize];
                let between = between.trim_end().to_lowercase();
                between.ends_with(" of") || between.ends_with(" of the")
            };
            // An institution modifying a description stays too: "army
            // troops", "armed forces officers".
            let institution = || {
                matches!(
                    mention.category.as_deref(),
                    Some("organisation" | "armed_actor")
                )
            };
            !(nested
                && k.kind == MentionKind::Nominal
                && (mention.kind != MentionKind::Nominal || of_phrase() || institution()))
        });
        if !clashes {
            kept.push(mention);
        }
    }
    kept.sort_by_key(|m| (m.span.start(), std::cmp::Reverse(m.span.end())));
    kept
}
