//! Event mentions: one article's account of one incident — what happened,
//! when, where, how many were hurt, by whom, to whom, with what — each field
//! pointing at the sentence that states it.
//!
//! Dates are ISO 8601 strings (`2024-03-22`) so the model needs no calendar
//! crate; their precision says how much of the date is known.

use serde::{Deserialize, Serialize};

use crate::{ByteSpan, EntityKey, ExtractorId};

/// Whether the event is what the article reports, or something it recalls or
/// fears.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventStatus {
    /// The incident the article is about.
    Main,
    /// An older incident recalled for context.
    Background,
    /// A threat, warning, plan or foiled plot: it has not happened.
    Hypothetical,
}

impl EventStatus {
    /// The snake-case name.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Main => "main",
            Self::Background => "background",
            Self::Hypothetical => "hypothetical",
        }
    }
}

/// How the event is classified in the datasets users compare with.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventType {
    /// Dossier's kind: `shooting`, `car_bomb`, `kidnapping`.
    pub kind: String,
    /// GTD `attacktype1` code (1–9).
    pub gtd_attack_type: u8,
    /// ACLED `event_type`.
    pub acled_event_type: String,
    /// ACLED `sub_event_type`.
    pub acled_sub_event_type: String,
}

/// How precise a date is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TimePrecision {
    /// One day.
    Day,
    /// A week (the date is its Monday).
    Week,
    /// A month (the date is its first day).
    Month,
    /// A year (the date is 1 January).
    Year,
}

/// When the event happened, as the text says it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventTime {
    /// The time expression ("on Friday", "in 2021").
    pub span: ByteSpan,
    /// The sentence holding it.
    pub sentence: ByteSpan,
    /// The date (ISO), when it could be resolved; `None` for a relative
    /// expression in an article without a publication date.
    pub date: Option<String>,
    /// How precise the date or expression is.
    pub precision: TimePrecision,
    /// Whether it was read relative to the publication date.
    pub relative: bool,
}

/// How precisely a place is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlacePrecision {
    /// A named building or site inside a known city.
    Venue,
    /// A city or town.
    City,
    /// A first-order region (oblast, state, department).
    Region,
    /// A country only.
    Country,
}

/// Where the event happened.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventPlace {
    /// The place mention.
    pub span: ByteSpan,
    /// The sentence holding it.
    pub sentence: ByteSpan,
    /// The place it is linked to (`city:524901`), when it is linked.
    pub entity: Option<EntityKey>,
    /// The place's name as written.
    pub name: String,
    /// ISO 3166-1 alpha-2 code of the country it lies in, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// The venue named beside the place, when one is ("Crocus City Hall").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub venue: Option<String>,
    /// How precise it is.
    pub precision: PlacePrecision,
    /// The text places the event near it, not in it ("outside Moscow",
    /// "near the Afghan border").
    #[serde(default)]
    pub vicinity: bool,
}

/// What a casualty figure counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CasualtyKind {
    /// Dead.
    Killed,
    /// Wounded or injured.
    Wounded,
    /// Missing.
    Missing,
    /// Kidnapped or held hostage.
    Kidnapped,
}

impl CasualtyKind {
    /// The snake-case name.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Killed => "killed",
            Self::Wounded => "wounded",
            Self::Missing => "missing",
            Self::Kidnapped => "kidnapped",
        }
    }
}

/// One stated casualty figure.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Casualties {
    /// What is counted.
    pub kind: CasualtyKind,
    /// The count as written, qualifier included ("at least 133").
    pub span: ByteSpan,
    /// The sentence holding it.
    pub sentence: ByteSpan,
    /// The stated number, when there is one.
    pub value: Option<u64>,
    /// The least it can be.
    pub low: Option<u64>,
    /// The most it can be.
    pub high: Option<u64>,
    /// `exact`, `at_least`, `at_most`, `approximately`, `range`, `vague`.
    pub qualifier: String,
    /// Whom it counts, when stated ("civilians", "attackers").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub who: Option<String>,
    /// The date the figure is as of (ISO): the sentence's own date or the
    /// publication date; `None` when neither is known.
    pub as_of: Option<String>,
}

/// The part an entity plays in an event.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventRole {
    /// An organisation that carried it out.
    PerpetratorOrganisation,
    /// People who carried it out ("gunmen", a named suspect).
    PerpetratorIndividual,
    /// People harmed.
    Victim,
    /// Buildings, vehicles, installations or institutions attacked.
    Target,
    /// What it was done with.
    Weapon,
}

impl EventRole {
    /// The snake-case name.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::PerpetratorOrganisation => "perpetrator_organisation",
            Self::PerpetratorIndividual => "perpetrator_individual",
            Self::Victim => "victim",
            Self::Target => "target",
            Self::Weapon => "weapon",
        }
    }
}

/// One mention filling one role.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RoleFiller {
    /// The role.
    pub role: EventRole,
    /// The mention's bytes.
    pub span: ByteSpan,
    /// The sentence holding it.
    pub sentence: ByteSpan,
    /// The entity the mention is linked to, when it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity: Option<EntityKey>,
    /// The mention as written.
    pub text: String,
    /// Fillers sharing a group refer to the same thing ("the FMLN", "the
    /// front"): the smallest span start among them.
    pub group: u32,
    /// GTD target type (`targtype`) for targets and victims, weapon type
    /// (`weaptype`) for weapons.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gtd_type: Option<u8>,
    /// GTD weapon subtype label, for weapons.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gtd_subtype: Option<String>,
    /// How the filler was found (`agent_of_trigger`, `claim_cue`).
    pub rule: String,
    /// Confidence, 0–1.
    pub confidence: f32,
}

/// One article's account of one incident.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EventMention {
    /// The word or phrase that reports it ("bombed", "car bomb").
    pub trigger: ByteSpan,
    /// The sentence holding the trigger.
    pub sentence: ByteSpan,
    /// Other triggers the article uses for the same incident.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub more_triggers: Vec<ByteSpan>,
    /// Its type.
    #[serde(rename = "type")]
    pub event_type: EventType,
    /// Main, background or hypothetical.
    pub status: EventStatus,
    /// When.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<EventTime>,
    /// Where.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<EventPlace>,
    /// Casualty figures, in text order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub casualties: Vec<Casualties>,
    /// Role fillers, in text order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<RoleFiller>,
    /// Whether the attack was a suicide attack.
    #[serde(default)]
    pub suicide: bool,
    /// Confidence that this is a real event mention, 0–1.
    pub confidence: f32,
    /// What extracted it.
    pub extractor: ExtractorId,
}
