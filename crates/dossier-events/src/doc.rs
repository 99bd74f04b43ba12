//! What the event rules share about one text: lower-cased tokens, the
//! sentence of each token, and the class of each mention.

use std::borrow::Cow;

use dossier_kb::{ActorKind, Kb, NominalCategory};
use dossier_model::{ByteSpan, Mention, MentionKind};
use dossier_nlp::tokens::{Tok, TokenKind};

/// What a mention can be in an event, by its kind and category.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Class {
    /// A named armed or criminal group.
    Group,
    /// A named state force: army, police, intelligence service.
    StateForce,
    /// Another named organisation: a ministry, party, company, embassy.
    Institution,
    /// A state or government as a whole.
    State,
    /// Attackers or irregulars described: "gunmen", "guerrillas".
    Perpetrator,
    /// Soldiers, police, guards described.
    ArmedPeople,
    /// Other people, named or described.
    People,
    /// A building, vehicle or installation described.
    Thing,
    /// A weapon described.
    Weapon,
    /// A place.
    Place,
    /// Anything else: outlets, nationalities.
    Other,
}

impl Class {
    pub(crate) fn of(mention: &Mention, kb: &Kb) -> Self {
        match mention.kind {
            MentionKind::Actor => {
                let kind = mention
                    .entity
                    .as_ref()
                    .filter(|e| e.kind() == "actor")
                    .and_then(|e| kb.actor(e.id()))
                    .map(|a| a.kind);
                match kind {
                    Some(ActorKind::ArmedGroup | ActorKind::CriminalGroup) => Self::Group,
                    Some(ActorKind::Military | ActorKind::Agency) => Self::StateForce,
                    Some(ActorKind::State) => Self::State,
                    Some(ActorKind::Person) => Self::People,
                    Some(_) => Self::Institution,
                    // An unlinked organisation name: most often a group the
                    // knowledge base does not know.
                    None => Self::Group,
                }
            }
            MentionKind::Person => Self::People,
            MentionKind::Place => Self::Place,
            MentionKind::Nominal => {
                match mention
                    .category
                    .as_deref()
                    .and_then(NominalCategory::from_name)
                {
                    Some(NominalCategory::Perpetrator | NominalCategory::Collective) => {
                        Self::Perpetrator
                    }
                    Some(NominalCategory::ArmedActor) => Self::ArmedPeople,
                    Some(NominalCategory::Person) => Self::People,
                    Some(NominalCategory::Organisation) => Self::Institution,
                    Some(
                        NominalCategory::Building
                        | NominalCategory::Vehicle
                        | NominalCategory::Infrastructure,
                    ) => Self::Thing,
                    Some(NominalCategory::Weapon) => Self::Weapon,
                    None => Self::Other,
                }
            }
            MentionKind::Outlet | MentionKind::Nationality => Self::Other,
        }
    }
}

/// One text prepared for the event rules.
pub(crate) struct Doc<'a> {
    pub(crate) text: &'a str,
    pub(crate) tokens: &'a [Tok],
    /// Lower-cased token texts.
    pub(crate) lower: Vec<Cow<'a, str>>,
    pub(crate) sentences: &'a [ByteSpan],
    /// Sentence index of each token.
    pub(crate) sentence_of_token: Vec<usize>,
    /// Token range `[start, end)` of each sentence.
    pub(crate) sentence_tokens: Vec<(usize, usize)>,
    pub(crate) mentions: &'a [Mention],
    /// Class of each mention.
    pub(crate) classes: Vec<Class>,
    /// First and one-past-last token of each mention.
    pub(crate) mention_tokens: Vec<(usize, usize)>,
}

impl<'a> Doc<'a> {
    pub(crate) fn new(
        text: &'a str,
        tokens: &'a [Tok],
        sentences: &'a [ByteSpan],
        mentions: &'a [Mention],
        kb: &Kb,
    ) -> Self {
        // Most words are lower case already: borrow those.
        let lower = tokens
            .iter()
            .map(|t| {
                let word = &text[t.span];
                if word.chars().any(char::is_uppercase) {
                    Cow::Owned(word.to_lowercase())
                } else {
                    Cow::Borrowed(word)
                }
            })
            .collect();
        let mut sentence_of_token = Vec::with_capacity(tokens.len());
        let mut sentence_tokens = vec![(0, 0); sentences.len()];
        let mut current = 0;
        for (index, token) in tokens.iter().enumerate() {
            while current + 1 < sentences.len() && sentences[current].end() <= token.span.start() {
                current += 1;
            }
            sentence_of_token.push(current);
            if let Some(range) = sentence_tokens.get_mut(current) {
                if range.1 == 0 {
                    range.0 = index;
                }
                range.1 = index + 1;
            }
        }
        let classes = mentions.iter().map(|m| Class::of(m, kb)).collect();
        let mention_tokens = mentions
            .iter()
            .map(|m| {
                // The recogniser may match inside a token ("aka" in
                // "a'aka"): start at the token that holds the mention's first
                // byte, and never past the last token.
                let last = tokens.len().saturating_sub(1);
                let start = tokens
                    .partition_point(|t| t.span.end() <= m.span.start())
                    .min(last);
                let end = tokens.partition_point(|t| t.span.start() < m.span.end());
                (start, end.max(start))
            })
            .collect();
        Self {
            text,
            tokens,
            lower,
            sentences,
            sentence_of_token,
            sentence_tokens,
            mentions,
            classes,
            mention_tokens,
        }
    }

    /// The lower-cased word at `index`, or "" past the end.
    pub(crate) fn word(&self, index: usize) -> &str {
        self.lower.get(index).map_or("", |w| w)
    }

    /// Whether token `index` is a word or number (not punctuation).
    pub(crate) fn is_word(&self, index: usize) -> bool {
        self.tokens
            .get(index)
            .is_some_and(|t| t.kind != TokenKind::Punct)
    }

    /// The sentence span of sentence `index`.
    pub(crate) fn sentence(&self, index: usize) -> ByteSpan {
        self.sentences.get(index).copied().unwrap_or_default()
    }

    /// Indices of the mentions lying inside sentence `index`.
    pub(crate) fn mentions_in(&self, sentence: usize) -> impl Iterator<Item = usize> + '_ {
        let span = self.sentence(sentence);
        let first = self
            .mentions
            .partition_point(|m| m.span.start() < span.start());
        (first..self.mentions.len())
            .take_while(move |&i| self.mentions[i].span.start() < span.end())
    }
}
