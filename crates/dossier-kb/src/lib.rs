//! Dossier's knowledge base: who and where news reports can name.
//!
//! Built-in data (places from GeoNames, actors, outlets, lexicons) is compiled
//! into the binary, gzip-compressed, from the plain files under `data/`; a
//! user's own files in the same formats extend or override it
//! ([`KbBuilder::add_file`]). [`check_file`] validates such a file without
//! loading it into anything.
//!
//! ```
//! let kb = dossier_kb::Kb::builtin().expect("built-in data is valid");
//! let russia = kb.actor("russia").expect("every state is an actor");
//! assert!(russia.metonyms.iter().any(|m| m == "the Kremlin"));
//! ```
#![warn(missing_docs)]

mod actor;
mod error;
mod lexicon;
mod load;
mod outlet;
mod place;

use std::collections::HashMap;
use std::path::Path;
use std::sync::OnceLock;

pub use actor::{Actor, ActorKind, Relation, RelationKind, Role};
pub use error::KbError;
pub use lexicon::{Nominal, NominalCategory, Title};
pub use outlet::{Outlet, OutletKind, StateAffiliation};
pub use place::{City, Country, Region};

mod builtin {
    include!(concat!(env!("OUT_DIR"), "/builtin.rs"));
}

/// How bad a [`Problem`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The entry cannot be used as written.
    Error,
    /// Probably a mistake, but usable.
    Warning,
}

/// Something wrong with an entry of a data file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// How bad.
    pub severity: Severity,
    /// The file (path or built-in name).
    pub file: String,
    /// The entry (actor id, outlet domain), when there is one.
    pub entry: String,
    /// What is wrong.
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{severity}: {}", self.file)?;
        if !self.entry.is_empty() {
            write!(f, " [{}]", self.entry)?;
        }
        write!(f, ": {}", self.message)
    }
}

/// Entries read from one file, remembered with the file's name.
#[derive(Default)]
struct Contents {
    actors: Vec<(String, Actor)>,
    outlets: Vec<(String, Outlet)>,
    countries: Vec<Country>,
    regions: Vec<Region>,
    cities: Vec<City>,
    nominals: Vec<Nominal>,
    titles: Vec<Title>,
}

/// The knowledge base: every table, with indexes by id.
#[derive(Debug, Default)]
pub struct Kb {
    /// Actors, in load order.
    pub actors: Vec<Actor>,
    /// Outlets, in load order.
    pub outlets: Vec<Outlet>,
    /// Countries.
    pub countries: Vec<Country>,
    /// First-order regions.
    pub regions: Vec<Region>,
    /// Cities.
    pub cities: Vec<City>,
    /// Nominal head words.
    pub nominals: Vec<Nominal>,
    /// Person titles.
    pub titles: Vec<Title>,
    /// Problems found while building (warnings; errors stop the build).
    pub problems: Vec<Problem>,
    actor_index: HashMap<String, usize>,
    outlet_index: HashMap<String, usize>,
    country_index: HashMap<String, usize>,
    region_index: HashMap<String, usize>,
    city_index: HashMap<u32, usize>,
    state_index: HashMap<String, usize>,
}

impl Kb {
    /// The built-in knowledge base, parsed once per process.
    ///
    /// # Errors
    /// When the built-in data is broken (a bug, caught by the tests).
    pub fn builtin() -> Result<&'static Kb, KbError> {
        static BUILTIN: OnceLock<Result<Kb, String>> = OnceLock::new();
        BUILTIN
            .get_or_init(|| {
                KbBuilder::with_builtin()
                    .and_then(KbBuilder::build)
                    .map_err(|error| error.to_string())
            })
            .as_ref()
            .map_err(|message| KbError::Parse {
                file: "built-in".to_owned(),
                line: 0,
                message: message.clone(),
            })
    }

    /// An actor by id.
    #[must_use]
    pub fn actor(&self, id: &str) -> Option<&Actor> {
        self.actor_index.get(id).map(|&index| &self.actors[index])
    }

    /// The state actor whose `country` is `iso2`.
    #[must_use]
    pub fn state_of(&self, iso2: &str) -> Option<&Actor> {
        self.state_index.get(iso2).map(|&index| &self.actors[index])
    }

    /// A country by ISO alpha-2 code.
    #[must_use]
    pub fn country(&self, iso2: &str) -> Option<&Country> {
        self.country_index
            .get(iso2)
            .map(|&index| &self.countries[index])
    }

    /// A region by ISO 3166-2 code.
    #[must_use]
    pub fn region(&self, code: &str) -> Option<&Region> {
        self.region_index
            .get(code)
            .map(|&index| &self.regions[index])
    }

    /// A city by GeoNames id.
    #[must_use]
    pub fn city(&self, geonameid: u32) -> Option<&City> {
        self.city_index
            .get(&geonameid)
            .map(|&index| &self.cities[index])
    }

    /// The outlet publishing at `domain` or one of its parent domains
    /// (`edition.cnn.com` → `cnn.com`).
    #[must_use]
    pub fn outlet_for_domain(&self, domain: &str) -> Option<&Outlet> {
        let domain = domain.trim_start_matches("www.").to_ascii_lowercase();
        let mut rest = domain.as_str();
        loop {
            if let Some(&index) = self.outlet_index.get(rest) {
                return Some(&self.outlets[index]);
            }
            let (_, parent) = rest.split_once('.')?;
            if !parent.contains('.') {
                return None;
            }
            rest = parent;
        }
    }
}

/// Collects data files, then validates and indexes them into a [`Kb`].
#[derive(Default)]
pub struct KbBuilder {
    contents: Contents,
}

impl KbBuilder {
    /// An empty builder.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// A builder holding the built-in data.
    ///
    /// # Errors
    /// When a built-in file does not parse (a bug).
    pub fn with_builtin() -> Result<Self, KbError> {
        let mut builder = Self::new();
        for (name, gz) in builtin::BUILTIN_FILES {
            let mut text = String::new();
            std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(*gz), &mut text)
                .map_err(|error| KbError::Parse {
                    file: (*name).to_owned(),
                    line: 0,
                    message: format!("built-in data does not decompress: {error}"),
                })?;
            builder.add_text(name, &text)?;
        }
        Ok(builder)
    }

    /// Adds a user's data file; its kind is told from its name and contents.
    ///
    /// # Errors
    /// When it cannot be read or parsed.
    pub fn add_file(&mut self, path: &Path) -> Result<&mut Self, KbError> {
        let text = std::fs::read_to_string(path).map_err(|source| KbError::Read {
            path: path.to_owned(),
            source,
        })?;
        let name = path.display().to_string();
        if !is_known_kind(&name, &text) {
            return Err(KbError::UnknownKind {
                path: path.to_owned(),
            });
        }
        self.add_text(&name, &text)?;
        Ok(self)
    }

    /// Adds data from text; `name` tells its kind (`…countries.tsv`,
    /// `…regions.tsv`, `…cities.tsv`, `…nominals.tsv`, `…titles.tsv`, or
    /// `….toml`).
    ///
    /// # Errors
    /// When it does not parse.
    pub fn add_text(&mut self, name: &str, text: &str) -> Result<&mut Self, KbError> {
        let contents = &mut self.contents;
        if name.ends_with(".toml") {
            let file = load::parse_toml(name, text)?;
            contents
                .actors
                .extend(file.actor.into_iter().map(|a| (name.to_owned(), a)));
            contents
                .outlets
                .extend(file.outlet.into_iter().map(|o| (name.to_owned(), o)));
        } else if name.ends_with("countries.tsv") {
            contents
                .countries
                .extend(load::parse_countries(name, text)?);
        } else if name.ends_with("regions.tsv") {
            contents.regions.extend(load::parse_regions(name, text)?);
        } else if name.ends_with("cities.tsv") {
            contents.cities.extend(load::parse_cities(name, text)?);
        } else if name.ends_with("nominals.tsv") {
            contents.nominals.extend(load::parse_nominals(name, text)?);
        } else if name.ends_with("titles.tsv") {
            contents.titles.extend(load::parse_titles(name, text)?);
        } else {
            return Err(KbError::UnknownKind { path: name.into() });
        }
        Ok(self)
    }

    /// Validates and indexes. A later entry with an earlier entry's id
    /// replaces it (so a user file can correct the built-in data), with a
    /// warning.
    ///
    /// # Errors
    /// [`KbError::Invalid`] listing every error-level problem.
    pub fn build(self) -> Result<Kb, KbError> {
        let (kb, problems) = self.build_with_problems();
        let errors: Vec<Problem> = problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .cloned()
            .collect();
        if !errors.is_empty() {
            return Err(KbError::Invalid(errors));
        }
        Ok(kb)
    }

    /// Validates and indexes, returning every problem alongside whatever
    /// could be built.
    #[must_use]
    pub fn build_with_problems(self) -> (Kb, Vec<Problem>) {
        let contents = self.contents;
        let mut problems = Vec::new();
        let mut kb = Kb::default();

        for country in contents.countries {
            if let Some(&index) = kb.country_index.get(&country.iso2) {
                kb.countries[index] = country;
            } else {
                kb.country_index
                    .insert(country.iso2.clone(), kb.countries.len());
                kb.countries.push(country);
            }
        }
        for region in contents.regions {
            if let Some(&index) = kb.region_index.get(&region.code) {
                kb.regions[index] = region;
            } else {
                kb.region_index
                    .insert(region.code.clone(), kb.regions.len());
                kb.regions.push(region);
            }
        }
        for city in contents.cities {
            if let Some(&index) = kb.city_index.get(&city.geonameid) {
                kb.cities[index] = city;
            } else {
                kb.city_index.insert(city.geonameid, kb.cities.len());
                kb.cities.push(city);
            }
        }
        let mut actor_files = Vec::new();
        for (file, actor) in contents.actors {
            if let Some(&index) = kb.actor_index.get(&actor.id) {
                let earlier: &String = &actor_files[index];
                let (severity, message) = if *earlier == file {
                    (Severity::Error, "id defined twice in this file".to_owned())
                } else {
                    (
                        Severity::Warning,
                        format!("id also defined in {earlier}; this entry replaces it"),
                    )
                };
                problems.push(Problem {
                    severity,
                    file: file.clone(),
                    entry: actor.id.clone(),
                    message,
                });
                kb.actors[index] = actor;
                actor_files[index] = file;
            } else {
                kb.actor_index.insert(actor.id.clone(), kb.actors.len());
                kb.actors.push(actor);
                actor_files.push(file);
            }
        }
        let mut outlet_files: Vec<String> = Vec::new();
        for (file, outlet) in contents.outlets {
            let domain = outlet.domain.clone();
            if let Some(&index) = kb.outlet_index.get(&domain) {
                problems.push(Problem {
                    severity: if outlet_files[index] == file {
                        Severity::Error
                    } else {
                        Severity::Warning
                    },
                    file: file.clone(),
                    entry: domain.clone(),
                    message: format!(
                        "domain also defined in {}; this entry replaces it",
                        outlet_files[index]
                    ),
                });
                kb.outlets[index] = outlet;
                outlet_files[index] = file;
            } else {
                let index = kb.outlets.len();
                for other in std::iter::once(&domain).chain(&outlet.other_domains) {
                    kb.outlet_index.insert(other.clone(), index);
                }
                kb.outlets.push(outlet);
                outlet_files.push(file);
            }
        }
        kb.nominals = contents.nominals;
        kb.titles = contents.titles;

        for (index, actor) in kb.actors.iter().enumerate() {
            check_actor(&kb, actor, &actor_files[index], &mut problems);
            if actor.kind == ActorKind::State {
                if let Some(country) = &actor.country {
                    kb.state_index.insert(country.clone(), index);
                }
            }
        }
        for (index, outlet) in kb.outlets.iter().enumerate() {
            check_outlet(&kb, outlet, &outlet_files[index], &mut problems);
        }
        kb.problems = problems.clone();
        (kb, problems)
    }
}

fn is_known_kind(name: &str, text: &str) -> bool {
    if name.ends_with(".toml") {
        return text.contains("[[actor]]") || text.contains("[[outlet]]");
    }
    [
        "countries.tsv",
        "regions.tsv",
        "cities.tsv",
        "nominals.tsv",
        "titles.tsv",
    ]
    .iter()
    .any(|suffix| name.ends_with(suffix))
}

fn is_slug(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

fn check_country_code(kb: &Kb, code: &str) -> Option<String> {
    if kb.countries.is_empty() || kb.country(code).is_some() {
        None
    } else {
        Some(format!("unknown country code `{code}`"))
    }
}

fn check_actor(kb: &Kb, actor: &Actor, file: &str, problems: &mut Vec<Problem>) {
    let mut report = |severity, message: String| {
        problems.push(Problem {
            severity,
            file: file.to_owned(),
            entry: actor.id.clone(),
            message,
        });
    };
    if !is_slug(&actor.id) {
        report(
            Severity::Error,
            "id must be lowercase ASCII letters, digits and '-'".to_owned(),
        );
    }
    if actor.name.trim().is_empty() {
        report(Severity::Error, "name is empty".to_owned());
    }
    if actor.aliases.iter().any(|alias| alias.trim().is_empty()) {
        report(Severity::Error, "an alias is empty".to_owned());
    }
    for alias in &actor.case_sensitive {
        if alias != &actor.name && !actor.aliases.contains(alias) && !actor.metonyms.contains(alias)
        {
            report(
                Severity::Warning,
                format!("case_sensitive `{alias}` is not one of its names"),
            );
        }
    }
    if actor.kind == ActorKind::State && actor.country.is_none() {
        report(Severity::Error, "a state needs `country`".to_owned());
    }
    for code in actor.country.iter().chain(&actor.areas) {
        if let Some(message) = check_country_code(kb, code) {
            report(Severity::Warning, message);
        }
    }
    for relation in &actor.relations {
        if kb.actor(&relation.target).is_none() {
            report(
                Severity::Error,
                format!(
                    "relation {} targets unknown actor `{}`",
                    relation.kind.name(),
                    relation.target
                ),
            );
        }
    }
    for role in &actor.roles {
        if kb.actor(&role.of).is_none() {
            report(
                Severity::Error,
                format!("role {} of unknown actor `{}`", role.title, role.of),
            );
        }
        if role.to.is_some_and(|to| to < role.from) {
            report(
                Severity::Error,
                format!("role {} ends before it starts", role.title),
            );
        }
    }
    if !actor.roles.is_empty() && actor.kind != ActorKind::Person {
        report(Severity::Warning, "only people hold roles".to_owned());
    }
}

fn check_outlet(kb: &Kb, outlet: &Outlet, file: &str, problems: &mut Vec<Problem>) {
    let mut report = |severity, message: String| {
        problems.push(Problem {
            severity,
            file: file.to_owned(),
            entry: outlet.domain.clone(),
            message,
        });
    };
    for domain in std::iter::once(&outlet.domain).chain(&outlet.other_domains) {
        let well_formed = domain.contains('.')
            && domain
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'.' || b == b'-');
        if !well_formed {
            report(
                Severity::Error,
                format!("`{domain}` is not a lowercase domain name"),
            );
        }
    }
    if let Some(code) = &outlet.country {
        if let Some(message) = check_country_code(kb, code) {
            report(Severity::Warning, message);
        }
    }
}

/// Validates a user's data file against the built-in knowledge base: it must
/// parse, and its entries must keep the rules (unique ids, known relation
/// targets, known country codes). Returns every problem found.
///
/// # Errors
/// When the file cannot be read or parsed at all.
pub fn check_file(path: &Path) -> Result<Vec<Problem>, KbError> {
    let mut builder = KbBuilder::with_builtin()?;
    let name = path.display().to_string();
    builder.add_file(path)?;
    let (_, problems) = builder.build_with_problems();
    // Built-in problems are the project's to fix; the user sees their file's.
    Ok(problems.into_iter().filter(|p| p.file == name).collect())
}
