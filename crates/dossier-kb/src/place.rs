//! Places: countries, first-order regions and cities (GeoNames, CC BY 4.0).

use serde::{Deserialize, Serialize};

/// A country or territory.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Country {
    /// ISO 3166-1 alpha-2.
    pub iso2: String,
    /// ISO 3166-1 alpha-3.
    pub iso3: String,
    /// English short name.
    pub name: String,
    /// A representative point (population-weighted centre of its cities).
    pub lat: Option<f64>,
    /// Longitude of that point.
    pub lon: Option<f64>,
    /// Population.
    pub population: u64,
    /// Continent code.
    pub continent: String,
    /// Capital's name.
    pub capital: String,
    /// Other names, in Latin and Cyrillic script.
    pub aliases: Vec<String>,
    /// Nationality nouns and adjectives.
    pub demonyms: Vec<String>,
}

/// A first-order administrative region (ISO 3166-2).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Region {
    /// ISO 3166-2 code: `RU-MOS`.
    pub code: String,
    /// ISO alpha-2 country.
    pub country: String,
    /// Name.
    pub name: String,
    /// "Oblast", "State", "Department".
    pub kind: String,
    /// Other names.
    pub aliases: Vec<String>,
    /// A representative point, when known.
    pub lat: Option<f64>,
    /// Longitude of that point.
    pub lon: Option<f64>,
}

/// A city of 15,000+ people.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct City {
    /// GeoNames id.
    pub geonameid: u32,
    /// Name.
    pub name: String,
    /// ISO alpha-2 country.
    pub country: String,
    /// GeoNames first-order region code.
    pub admin1: String,
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
    /// Population.
    pub population: u64,
    /// Alternate names in Latin and Cyrillic script.
    pub aliases: Vec<String>,
    /// The name or an alias is also an ordinary English word ("Reading"):
    /// the matcher wants it capitalised.
    pub common_word: bool,
}
