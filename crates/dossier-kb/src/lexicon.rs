//! Word lists for mentions that are not names: "gunmen", "the embassy",
//! "car bomb", and the titles that announce a person's name.

use serde::{Deserialize, Serialize};

/// What a nominal head word denotes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NominalCategory {
    /// Attackers and irregular armed people ("gunmen", "guerrillas").
    Perpetrator,
    /// A collective noun heading a group ("column", "commando").
    Collective,
    /// Soldiers, police, guards.
    ArmedActor,
    /// Institutions and organised bodies named by a common noun ("the
    /// government", "the armed forces", "the Medellin cartel" without the
    /// name).
    Organisation,
    /// Other people ("civilians", "a priest").
    Person,
    /// Buildings and venues.
    Building,
    /// Vehicles.
    Vehicle,
    /// Infrastructure ("power pylons").
    Infrastructure,
    /// Weapons.
    Weapon,
}

impl NominalCategory {
    /// Parses the snake-case name used in the data files.
    #[must_use]
    pub fn from_name(name: &str) -> Option<Self> {
        Some(match name {
            "perpetrator" => Self::Perpetrator,
            "collective" => Self::Collective,
            "armed_actor" => Self::ArmedActor,
            "organisation" => Self::Organisation,
            "person" => Self::Person,
            "building" => Self::Building,
            "vehicle" => Self::Vehicle,
            "infrastructure" => Self::Infrastructure,
            "weapon" => Self::Weapon,
            _ => return None,
        })
    }

    /// The snake-case name.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Perpetrator => "perpetrator",
            Self::Collective => "collective",
            Self::ArmedActor => "armed_actor",
            Self::Organisation => "organisation",
            Self::Person => "person",
            Self::Building => "building",
            Self::Vehicle => "vehicle",
            Self::Infrastructure => "infrastructure",
            Self::Weapon => "weapon",
        }
    }

    /// Whether the category denotes people.
    #[must_use]
    pub fn is_human(self) -> bool {
        matches!(
            self,
            Self::Perpetrator
                | Self::Collective
                | Self::ArmedActor
                | Self::Organisation
                | Self::Person
        )
    }
}

/// A head word or phrase of a nominal mention.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Nominal {
    /// Lower-case form as written ("gunmen", "car bomb").
    pub form: String,
    /// What it denotes.
    pub category: NominalCategory,
}

/// A title that comes before a person's name ("President", "police spokesman").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Title {
    /// Lower-case form.
    pub title: String,
    /// Political, military, religious, civil, role.
    pub kind: String,
}
