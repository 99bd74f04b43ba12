//! Actors: armed groups, states and their bodies, organisations, people.

use serde::{Deserialize, Serialize};

/// What sort of actor an entry is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActorKind {
    /// A non-state armed group.
    ArmedGroup,
    /// A cartel or other criminal organisation.
    CriminalGroup,
    /// A sovereign state (its government when used as an actor).
    State,
    /// A ministry, presidency, parliament or other state body.
    GovernmentBody,
    /// Police, security or intelligence service.
    Agency,
    /// Armed forces or one of their branches.
    Military,
    /// An intergovernmental organisation.
    InternationalOrg,
    /// An NGO, think tank, company or party.
    Organisation,
    /// A person.
    Person,
}

impl ActorKind {
    /// The snake-case name used in the data files.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            ActorKind::ArmedGroup => "armed_group",
            ActorKind::CriminalGroup => "criminal_group",
            ActorKind::State => "state",
            ActorKind::GovernmentBody => "government_body",
            ActorKind::Agency => "agency",
            ActorKind::Military => "military",
            ActorKind::InternationalOrg => "international_org",
            ActorKind::Organisation => "organisation",
            ActorKind::Person => "person",
        }
    }
}

/// How one actor stands to another.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RelationKind {
    /// A province of (IS-K of the Islamic State).
    ProvinceOf,
    /// An affiliate of.
    AffiliateOf,
    /// A faction of.
    FactionOf,
    /// Split from.
    SplinterOf,
    /// Took over from.
    SuccessorOf,
    /// An armed or political wing of.
    WingOf,
    /// An agency, army or branch of a state or body.
    PartOf,
    /// A member of an organisation or alliance.
    MemberOf,
    /// Allied with.
    AlliedWith,
    /// Leads.
    LeaderOf,
}

impl RelationKind {
    /// The snake-case name used in the data files.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            RelationKind::ProvinceOf => "province_of",
            RelationKind::AffiliateOf => "affiliate_of",
            RelationKind::FactionOf => "faction_of",
            RelationKind::SplinterOf => "splinter_of",
            RelationKind::SuccessorOf => "successor_of",
            RelationKind::WingOf => "wing_of",
            RelationKind::PartOf => "part_of",
            RelationKind::MemberOf => "member_of",
            RelationKind::AlliedWith => "allied_with",
            RelationKind::LeaderOf => "leader_of",
        }
    }
}

/// A relation from one actor to another.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Relation {
    /// How they stand.
    pub kind: RelationKind,
    /// The other actor's id.
    pub target: String,
    /// First year, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<i32>,
    /// Last year, when it ended.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<i32>,
}

/// An office a person held.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Role {
    /// "President", "Prime Minister".
    pub title: String,
    /// The actor id of the state or body.
    pub of: String,
    /// First year in office.
    pub from: i32,
    /// Last year in office; `None` while still in office.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<i32>,
}

/// One actor of the knowledge base.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Actor {
    /// Unique slug: `islamic-state-khorasan`.
    pub id: String,
    /// Canonical name.
    pub name: String,
    /// What sort of actor.
    pub kind: ActorKind,
    /// Other names it goes by.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// Aliases that count only when written in exactly this case.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub case_sensitive: Vec<String>,
    /// States: words standing for the government ("the Kremlin", "Moscow").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub metonyms: Vec<String>,
    /// States: nationality nouns and adjectives ("Russian").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub demonyms: Vec<String>,
    /// ISO 3166-1 alpha-2 home country.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// ISO alpha-2 areas of operation.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub areas: Vec<String>,
    /// Active years: "2015-", "1980-1992".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub active: Option<String>,
    /// Relations to other actors.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub relations: Vec<Relation>,
    /// People: offices held.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<Role>,
    /// Free text: sources, doubts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Actor {
    /// Whether `alias` is listed as case-sensitive.
    #[must_use]
    pub fn is_case_sensitive(&self, alias: &str) -> bool {
        self.case_sensitive.iter().any(|a| a == alias)
    }
}
