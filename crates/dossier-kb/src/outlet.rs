//! News outlets: who publishes, who owns them, whether a state controls them.

use serde::{Deserialize, Serialize};

/// How far a state controls an outlet.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StateAffiliation {
    /// Under a government's editorial control (RT, TASS, CGTN).
    StateControlled,
    /// Publicly funded, editorially independent by charter (BBC, DW).
    StateFunded,
    /// Neither.
    None,
}

/// What sort of publisher.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OutletKind {
    /// A news agency selling copy to others (Reuters, AP, TASS).
    Wire,
    /// A newspaper and its site.
    Newspaper,
    /// Television or radio.
    Broadcaster,
    /// Online-only.
    Online,
    /// A magazine.
    Magazine,
    /// A propaganda or press agency of an actor (Amaq).
    Agency,
}

/// One news outlet.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Outlet {
    /// Registrable domain, lowercase.
    pub domain: String,
    /// Name.
    pub name: String,
    /// Names it is cited by.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// ISO alpha-2 country.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// Owner group; outlets with one owner are not independent sources.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// State control.
    pub state_affiliation: StateAffiliation,
    /// What sort of publisher.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<OutletKind>,
    /// Other domains of the same outlet.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub other_domains: Vec<String>,
}
