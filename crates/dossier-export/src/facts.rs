//! What the dataset exports (GTD, ACLED, UCDP) need from one event dossier,
//! worked out once: the date and its precision, the place and its level,
//! attack, target and weapon types from the event vocabulary, the
//! perpetrators with their claims, and the sources.
//!
//! Each dataset then only spells these facts in its own codes
//! (`datasets.rs`).

use std::collections::{BTreeSet, HashMap};

use chrono::{Datelike, NaiveDate};
use dossier_events::{EventLexicon, WeaponType};
use dossier_kb::{ActorKind, Kb, RelationKind};
use dossier_link::record::{ActorStanding, FieldRecord, Standing, TollRecord};
use dossier_model::{ClaimKind, Stance};
use dossier_pipeline::views::{EventDossier, find_actors};

/// Per-country codes and regions of the three datasets.
#[derive(Clone, Debug, Default)]
pub(crate) struct CountryCodes {
    pub iso2: String,
    pub iso3: String,
    pub iso_numeric: Option<u16>,
    pub gw: Option<u16>,
    pub gtd: Option<(u16, String)>,
    pub gtd_region: Option<u8>,
    pub acled_region: String,
    pub ucdp_region: String,
}

const COUNTRIES: &str = include_str!("../data/countries.tsv");

/// The country table, by ISO alpha-2 code.
pub(crate) fn countries() -> HashMap<String, CountryCodes> {
    let number = |s: &str| s.parse().ok();
    COUNTRIES
        .lines()
        .filter(|l| !l.starts_with('#'))
        .skip(1)
        .filter_map(|line| {
            let f: Vec<&str> = line.split('\t').collect();
            let [
                iso2,
                iso3,
                numeric,
                gw,
                gtd,
                gtd_txt,
                gtd_region,
                acled,
                ucdp,
            ] = f[..]
            else {
                return None;
            };
            Some((
                iso2.to_owned(),
                CountryCodes {
                    iso2: iso2.to_owned(),
                    iso3: iso3.to_owned(),
                    iso_numeric: number(numeric),
                    gw: number(gw),
                    gtd: number(gtd).map(|code| (code, gtd_txt.to_owned())),
                    gtd_region: gtd_region.parse().ok(),
                    acled_region: acled.to_owned(),
                    ucdp_region: ucdp.to_owned(),
                },
            ))
        })
        .collect()
}

/// How exactly the date is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum DatePrecision {
    /// One day.
    Day,
    /// A span of two to six days (rival dates in the reports).
    Days,
    /// A span within one month, or only the month.
    Month,
    /// Only the year, or a longer span.
    Year,
}

/// When it happened.
#[derive(Clone, Debug)]
pub(crate) struct When {
    /// Earliest possible day.
    pub start: NaiveDate,
    /// Latest possible day.
    pub end: NaiveDate,
    /// How exactly.
    pub precision: DatePrecision,
    /// No report dates the event: `start`–`end` is the month up to the
    /// earliest report's publication.
    pub from_publication: bool,
}

/// The level the place is known at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum PlaceLevel {
    /// A city or town of the gazetteer, with its coordinates.
    City,
    /// A first-order region; coordinates are its representative point.
    Region,
    /// Only the country; coordinates are its centroid.
    Country,
}

/// Where it happened.
#[derive(Clone, Debug, Default)]
pub(crate) struct Where {
    pub level: Option<PlaceLevel>,
    /// City (or region, or country) name as the gazetteer has it.
    pub name: Option<String>,
    /// The first-order region's name, when the place is one.
    pub region: Option<String>,
    /// The place as the reports wrote it.
    pub written: Option<String>,
    pub coords: Option<(f64, f64)>,
    pub country: Option<CountryCodes>,
    pub country_name: Option<String>,
}

/// An actor named as perpetrator.
#[derive(Clone, Debug)]
pub(crate) struct Perpetrator {
    /// The knowledge base's name, or the name as written.
    pub name: String,
    /// Its kind, when the knowledge base knows it.
    pub kind: Option<ActorKind>,
    pub standing: Standing,
    /// Supported only by hedged statements, or contested.
    pub uncertain: bool,
    /// It (or its family) claimed the attack.
    pub claimed: bool,
    /// Channels its claims came through, as written.
    pub channels: Vec<String>,
}

/// One independent source's first report.
#[derive(Clone, Debug)]
pub(crate) struct SourceReport {
    /// The outlet's name; `None` for a page with no known outlet.
    pub outlet: Option<String>,
    pub outlet_country: Option<String>,
    pub title: Option<String>,
    pub published: Option<NaiveDate>,
    pub url: Option<String>,
}

/// Everything the dataset rows are spelled from.
pub(crate) struct Facts<'d> {
    pub dossier: &'d EventDossier,
    pub when: Option<When>,
    pub place: Where,
    /// Event kinds by precedence, most specific first, each once.
    pub kinds: Vec<&'d str>,
    /// Targets (as written) with their GTD target type, most corroborated
    /// first.
    pub targets: Vec<(String, Option<u8>)>,
    /// Weapons (as written) with their GTD type.
    pub weapons: Vec<(String, WeaponType)>,
    /// Perpetrators, best supported first; those only denied are left out.
    pub perpetrators: Vec<Perpetrator>,
    pub sources: Vec<SourceReport>,
    /// Speakers of claims and attributions ("US officials", "Amaq").
    pub speakers: Vec<String>,
}

impl Facts<'_> {
    pub(crate) fn killed(&self) -> Option<&TollRecord> {
        self.dossier.linked.record.killed.as_ref()
    }

    pub(crate) fn wounded(&self) -> Option<&TollRecord> {
        self.dossier.linked.record.wounded.as_ref()
    }

    pub(crate) fn id(&self) -> &str {
        &self.dossier.linked.event.id
    }
}

/// Works out [`Facts`]; holds the vocabulary and caches shared by every
/// event of an export.
pub(crate) struct FactFinder<'k> {
    kb: &'k Kb,
    lexicon: EventLexicon,
    countries: HashMap<String, CountryCodes>,
    actors: HashMap<String, Option<(String, ActorKind, bool)>>,
}

fn field<'r>(dossier: &'r EventDossier, name: &str) -> Option<&'r FieldRecord> {
    dossier
        .linked
        .record
        .fields
        .iter()
        .find(|f| f.field == name)
}

/// A date as written in the record (`2024-03-22`, `2024-03`, `2024`) as
/// the days it may stand for.
fn date_range(value: &str) -> Option<(NaiveDate, NaiveDate)> {
    let parts: Vec<&str> = value.get(..value.len().min(10))?.split('-').collect();
    let year: i32 = parts.first()?.parse().ok()?;
    match parts[..] {
        [_, m, d] => {
            let day = NaiveDate::from_ymd_opt(year, m.parse().ok()?, d.parse().ok()?)?;
            Some((day, day))
        }
        [_, m] => {
            let first = NaiveDate::from_ymd_opt(year, m.parse().ok()?, 1)?;
            let next = first.checked_add_months(chrono::Months::new(1))?;
            Some((first, next.pred_opt()?))
        }
        [_] => Some((
            NaiveDate::from_ymd_opt(year, 1, 1)?,
            NaiveDate::from_ymd_opt(year, 12, 31)?,
        )),
        _ => None,
    }
}

fn day_of(iso: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(iso.get(..10)?, "%Y-%m-%d").ok()
}

fn precision_of(start: NaiveDate, end: NaiveDate) -> DatePrecision {
    let days = (end - start).num_days();
    if days == 0 {
        DatePrecision::Day
    } else if days <= 6 {
        DatePrecision::Days
    } else if start.year() == end.year() && start.month() == end.month() {
        DatePrecision::Month
    } else {
        DatePrecision::Year
    }
}

/// The weapon type an event kind implies when no weapon is named.
fn implied_weapon(kind: &str) -> Option<WeaponType> {
    let (code, subtype) = match kind {
        "shooting" | "massacre" => (5, None),
        "bombing" | "explosion" | "ied" | "grenade_attack" | "suicide_bombing" => (6, None),
        "car_bomb" => (6, Some("Vehicle")),
        "air_strike" | "drone_strike" | "missile_strike" | "shelling" => {
            (6, Some("Projectile (rockets, mortars, RPGs, etc.)"))
        }
        "arson" => (8, None),
        "stabbing" => (9, None),
        "vehicle_ramming" => (10, None),
        _ => return None,
    };
    Some(WeaponType {
        code,
        subtype: subtype.map(str::to_owned),
    })
}

impl<'k> FactFinder<'k> {
    pub(crate) fn new(kb: &'k Kb) -> Self {
        Self {
            kb,
            lexicon: EventLexicon::builtin(),
            countries: countries(),
            actors: HashMap::new(),
        }
    }

    pub(crate) fn lexicon(&self) -> &EventLexicon {
        &self.lexicon
    }

    /// The knowledge base's name and kind for a name as written, and
    /// whether the actor belongs to a larger one (a province, a wing).
    fn actor(&mut self, name: &str) -> Option<(String, ActorKind, bool)> {
        let kb = self.kb;
        self.actors
            .entry(name.to_owned())
            .or_insert_with(|| match find_actors(kb, name).as_slice() {
                [one] => Some((
                    one.name.clone(),
                    one.kind,
                    one.relations.iter().any(|r| {
                        matches!(
                            r.kind,
                            RelationKind::ProvinceOf
                                | RelationKind::FactionOf
                                | RelationKind::WingOf
                                | RelationKind::PartOf
                                | RelationKind::AffiliateOf
                        )
                    }),
                )),
                _ => None,
            })
            .clone()
    }

    pub(crate) fn facts<'d>(&mut self, dossier: &'d EventDossier) -> Facts<'d> {
        let when = self.when(dossier);
        let place = self.place(dossier);
        let mut kinds: Vec<&str> = field(dossier, "type")
            .map(|f| f.values.iter().map(|v| v.value.as_str()).collect())
            .unwrap_or_default();
        kinds.push(dossier.linked.event.kind.as_str());
        let precedence = |k: &str| self.lexicon.kind(k).map_or(0, |k| k.precedence);
        // stable: equal precedence keeps the record's order (most corroborated first)
        kinds.sort_by_key(|k| std::cmp::Reverse(precedence(k)));
        let mut seen = BTreeSet::new();
        kinds.retain(|k| seen.insert(*k));
        let targets = field(dossier, "target")
            .map(|f| {
                f.values
                    .iter()
                    .map(|v| (v.label.clone(), self.lexicon.target_type(&v.value)))
                    .collect()
            })
            .unwrap_or_default();
        let mut weapons: Vec<(String, WeaponType)> = field(dossier, "weapon")
            .map(|f| {
                f.values
                    .iter()
                    .filter_map(|v| {
                        self.lexicon
                            .weapon_type(&v.value)
                            .map(|w| (v.label.clone(), w.clone()))
                    })
                    .collect()
            })
            .unwrap_or_default();
        if weapons.is_empty()
            && let Some(weapon) = kinds.iter().find_map(|k| implied_weapon(k))
        {
            weapons.push((String::new(), weapon));
        }
        let perpetrators = self.perpetrators(&dossier.linked.record.perpetrator.actors);
        let sources = self.sources(dossier);
        let mut speakers: Vec<String> = Vec::new();
        for standing in &dossier.linked.record.perpetrator.actors {
            for claim in standing.claims.iter().chain(&standing.attributions) {
                if let Some(speaker) = &claim.speaker
                    && !speakers.contains(speaker)
                {
                    speakers.push(speaker.clone());
                }
            }
        }
        Facts {
            dossier,
            when,
            place,
            kinds,
            targets,
            weapons,
            perpetrators,
            sources,
            speakers,
        }
    }

    fn when(&self, dossier: &EventDossier) -> Option<When> {
        if let Some(date) = field(dossier, "date") {
            let values: Vec<&str> = if date.contested {
                date.values.iter().map(|v| v.value.as_str()).collect()
            } else {
                date.values
                    .first()
                    .map(|v| v.value.as_str())
                    .into_iter()
                    .collect()
            };
            let ranges: Vec<(NaiveDate, NaiveDate)> =
                values.iter().filter_map(|v| date_range(v)).collect();
            if let (Some(start), Some(end)) = (
                ranges.iter().map(|r| r.0).min(),
                ranges.iter().map(|r| r.1).max(),
            ) {
                return Some(When {
                    start,
                    end,
                    precision: precision_of(start, end),
                    from_publication: false,
                });
            }
        }
        if let Some(start) = dossier.linked.event.date.as_deref().and_then(day_of) {
            return Some(When {
                start,
                end: start,
                precision: DatePrecision::Day,
                from_publication: false,
            });
        }
        // undated: on or before the first report, in its month at best
        let published = dossier
            .linked
            .reports
            .iter()
            .filter_map(|r| r.published.as_deref().and_then(day_of))
            .min()?;
        Some(When {
            start: published.with_day(1)?,
            end: published,
            precision: DatePrecision::Month,
            from_publication: true,
        })
    }

    fn place(&self, dossier: &EventDossier) -> Where {
        let kb = self.kb;
        let mut place = Where::default();
        let event = &dossier.linked.event;
        let mut iso2 = event.country.clone();
        if let Some(field) = field(dossier, "place") {
            place.written = field.values.first().map(|v| v.label.clone());
            for value in &field.values {
                let key = value.value.as_str();
                if let Some(city) = key
                    .strip_prefix("city:")
                    .and_then(|id| id.parse().ok())
                    .and_then(|id| kb.city(id))
                {
                    place.level = Some(PlaceLevel::City);
                    place.name = Some(city.name.clone());
                    place.coords = Some((city.lat, city.lon));
                    iso2.get_or_insert_with(|| city.country.clone());
                    break;
                }
                if let Some(region) = key.strip_prefix("region:").and_then(|c| kb.region(c)) {
                    place.level = Some(PlaceLevel::Region);
                    place.name = Some(region.name.clone());
                    place.region = Some(region.name.clone());
                    place.coords = region.lat.zip(region.lon);
                    iso2.get_or_insert_with(|| region.country.clone());
                    break;
                }
            }
        }
        if let Some(country) = iso2.as_deref().and_then(|c| kb.country(c)) {
            if place.level.is_none() {
                place.level = Some(PlaceLevel::Country);
                place.name = Some(country.name.clone());
                place.coords = country.lat.zip(country.lon);
            }
            place.country_name = Some(country.name.clone());
        }
        place.country = iso2.and_then(|c| self.countries.get(&c).cloned());
        place
    }

    fn perpetrators(&mut self, standings: &[ActorStanding]) -> Vec<Perpetrator> {
        let mut out = Vec::new();
        for standing in standings {
            if standing.standing == Standing::Denied {
                continue;
            }
            // the most specific member of the family the reports name:
            // IS-K rather than the Islamic State when both are named
            let mut best: Option<(String, ActorKind, bool, usize)> = None;
            for name in &standing.names {
                if let Some((kb_name, kind, member)) = self.actor(name) {
                    let count = standing
                        .names
                        .iter()
                        .filter(|n| self.actor(n).is_some_and(|a| a.0 == kb_name))
                        .count();
                    let better = best.as_ref().is_none_or(|b| (member, count) > (b.2, b.3));
                    if better {
                        best = Some((kb_name, kind, member, count));
                    }
                }
            }
            let (name, kind) = match best {
                Some((name, kind, ..)) => (name, Some(kind)),
                None => match standing
                    .actor
                    .strip_prefix("actor:")
                    .and_then(|id| self.kb.actor(id))
                {
                    Some(actor) => (actor.name.clone(), Some(actor.kind)),
                    None => (
                        standing
                            .names
                            .first()
                            .cloned()
                            .unwrap_or_else(|| standing.actor.clone()),
                        None,
                    ),
                },
            };
            let claims: Vec<_> = standing
                .claims
                .iter()
                .filter(|c| c.kind == ClaimKind::Responsibility && c.stance == Stance::Asserts)
                .collect();
            let mut channels: Vec<String> = Vec::new();
            for channel in claims.iter().filter_map(|c| c.channel.clone()) {
                if !channels.contains(&channel) {
                    channels.push(channel);
                }
            }
            out.push(Perpetrator {
                name,
                kind,
                standing: standing.standing,
                uncertain: standing.hedged || standing.standing == Standing::Contested,
                claimed: !claims.is_empty(),
                channels,
            });
        }
        out
    }

    fn sources(&self, dossier: &EventDossier) -> Vec<SourceReport> {
        let mut seen = BTreeSet::new();
        dossier
            .linked
            .reports
            .iter()
            .filter(|r| seen.insert(r.source.clone()))
            .map(|r| {
                let outlet = r
                    .outlet
                    .as_deref()
                    .and_then(|d| self.kb.outlet_for_domain(d));
                SourceReport {
                    outlet: outlet.map(|o| o.name.clone()).or_else(|| r.outlet.clone()),
                    outlet_country: outlet.and_then(|o| o.country.clone()),
                    title: r.title.clone(),
                    published: r.published.as_deref().and_then(day_of),
                    url: r.seen_at.iter().find(|u| u.starts_with("http")).cloned(),
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partial_dates_stand_for_their_days() {
        let day = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert_eq!(
            date_range("2024-03-22"),
            Some((day("2024-03-22"), day("2024-03-22")))
        );
        assert_eq!(
            date_range("2024-02"),
            Some((day("2024-02-01"), day("2024-02-29")))
        );
        assert_eq!(
            date_range("2023"),
            Some((day("2023-01-01"), day("2023-12-31")))
        );
        assert_eq!(date_range("soon"), None);
        assert_eq!(
            precision_of(day("2024-03-22"), day("2024-03-24")),
            DatePrecision::Days
        );
        assert_eq!(
            precision_of(day("2024-03-01"), day("2024-03-31")),
            DatePrecision::Month
        );
        assert_eq!(
            precision_of(day("2024-03-30"), day("2024-04-12")),
            DatePrecision::Year
        );
    }

    #[test]
    fn the_country_table_has_every_dataset_code() {
        let table = countries();
        assert!(table.len() > 240);
        let ru = &table["RU"];
        assert_eq!(ru.iso3, "RUS");
        assert_eq!(ru.iso_numeric, Some(643));
        assert_eq!(ru.gw, Some(365));
        assert_eq!(ru.gtd, Some((167, "Russia".to_owned())));
        assert_eq!(ru.gtd_region, Some(9));
        assert_eq!(ru.acled_region, "Europe");
        assert_eq!(ru.ucdp_region, "Europe");
        let af = &table["AF"];
        assert_eq!(
            (af.gtd_region, af.iso_numeric, af.gw),
            (Some(6), Some(4), Some(700))
        );
        assert_eq!(table["IQ"].ucdp_region, "Middle East");
        assert_eq!(table["GB"].gtd, Some((603, "United Kingdom".to_owned())));
    }
}
