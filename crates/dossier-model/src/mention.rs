//! Mentions: spans of text that name or describe an actor, a place, a person
//! or a thing, with the knowledge-base entity they refer to.

use serde::{Deserialize, Serialize};

use dossier_span::ByteSpan;

/// A knowledge-base entity, as `kind:id`: `actor:islamic-state-khorasan`,
/// `country:RU`, `region:RU-MOS`, `city:524901`, `outlet:rt.com`, or, for a
/// person found in the text but not in the knowledge base, `person:ahmed ali`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct EntityKey(String);

impl EntityKey {
    /// An actor by knowledge-base id.
    #[must_use]
    pub fn actor(id: &str) -> Self {
        Self(format!("actor:{id}"))
    }
    /// A country by ISO alpha-2 code.
    #[must_use]
    pub fn country(iso2: &str) -> Self {
        Self(format!("country:{iso2}"))
    }
    /// A region by ISO 3166-2 code.
    #[must_use]
    pub fn region(code: &str) -> Self {
        Self(format!("region:{code}"))
    }
    /// A city by GeoNames id.
    #[must_use]
    pub fn city(geonameid: u32) -> Self {
        Self(format!("city:{geonameid}"))
    }
    /// An outlet by domain.
    #[must_use]
    pub fn outlet(domain: &str) -> Self {
        Self(format!("outlet:{domain}"))
    }
    /// A person known only from the text, by normalised full name.
    #[must_use]
    pub fn person(name: &str) -> Self {
        Self(format!("person:{name}"))
    }
    /// Parses `kind:id`.
    #[must_use]
    pub fn parse(key: &str) -> Option<Self> {
        let (kind, id) = key.split_once(':')?;
        let known = matches!(
            kind,
            "actor" | "country" | "region" | "city" | "outlet" | "person"
        );
        (known && !id.is_empty()).then(|| Self(key.to_owned()))
    }
    /// The whole key.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
    /// The part before the colon: `actor`, `country`, …
    #[must_use]
    pub fn kind(&self) -> &str {
        self.0.split_once(':').map_or("", |(kind, _)| kind)
    }
    /// The part after the colon.
    #[must_use]
    pub fn id(&self) -> &str {
        self.0.split_once(':').map_or("", |(_, id)| id)
    }
    /// Whether it is a place (country, region or city).
    #[must_use]
    pub fn is_place(&self) -> bool {
        matches!(self.kind(), "country" | "region" | "city")
    }
}

impl std::fmt::Display for EntityKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// What a mention is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MentionKind {
    /// A named actor: group, state, agency, organisation ("IS-K", "the Kremlin").
    Actor,
    /// A person by name ("President Vladimir Putin", "Putin").
    Person,
    /// A place by name ("Moscow", "Tajikistan").
    Place,
    /// An outlet by name ("Reuters").
    Outlet,
    /// A nationality ("Tajik nationals", "Russian").
    Nationality,
    /// A description, not a name: "gunmen", "the embassy", "a car bomb".
    Nominal,
}

/// One possible referent of a mention.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Candidate {
    /// The entity.
    pub entity: EntityKey,
    /// Probability-like score in 0..=1; candidates of a mention sum to at most 1.
    pub confidence: f32,
}

/// A mention in an article's text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    /// Its bytes in the article text.
    pub span: ByteSpan,
    /// The sentence it is in.
    pub sentence: ByteSpan,
    /// What it is.
    pub kind: MentionKind,
    /// For nominals: what the head denotes (`perpetrator`, `building`,
    /// `weapon`, …); for people: the title that announced them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    /// The entity it refers to, when the link is confident enough.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity: Option<EntityKey>,
    /// Every referent considered, best first; several with no `entity` means
    /// the mention is ambiguous and was left so.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub candidates: Vec<Candidate>,
    /// Confidence in the mention and its link.
    pub confidence: f32,
    /// Which rule found it: `gazetteer`, `title_cue`, `name_shape`,
    /// `short_form`, `learned_alias`, `nominal`.
    pub rule: String,
}

/// How an alias definition was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AliasPattern {
    /// "Islamic State Khorasan Province (ISKP)".
    Parenthetical,
    /// "IS-K, short for Islamic State-Khorasan".
    ShortFor,
    /// "also known as", "a.k.a.".
    AlsoKnownAs,
    /// "formerly", "previously known as".
    Formerly,
}

/// An alias defined in an article's text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LearnedAlias {
    /// The new name, as written.
    pub alias: String,
    /// Its bytes in the text.
    pub span: ByteSpan,
    /// The sentence that defines it (the evidence).
    pub sentence: ByteSpan,
    /// The entity it names; `None` when it would join two known actors
    /// (then `conflict` lists them and nothing is merged).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity: Option<EntityKey>,
    /// For an ambiguous definition: the entities each side names.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conflict: Vec<EntityKey>,
    /// How it was written.
    pub pattern: AliasPattern,
    /// Confidence.
    pub confidence: f32,
}
