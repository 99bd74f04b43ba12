//! Which real incident does an event mention report?
//!
//! Each event across articles keeps an [`EventSketch`]: the union of what its
//! mentions say about time, place, kind and perpetrator. A new mention is
//! scored against the sketches of candidate events; it joins the best one
//! whose score reaches [`LINK_THRESHOLD`], or opens a new event.
//!
//! Hard rules come before scores, because the errors users fear most are
//! merges of look-alike incidents:
//! - two mentions from one article never share an event (an article's main
//!   event and the older attack it recalls stay apart);
//! - dates that cannot overlap (more than [`DAY_TOLERANCE`] days apart at day
//!   precision, or disjoint months and years) keep mentions apart;
//! - named cities more than [`NEAR_KM`] apart keep them apart, and so do
//!   different countries;
//! - hypothetical events (threats, foiled plots) are not linked at all.
//!
//! Tie-breaks, the only place arrival order can matter: among equally
//! scored events the one with the smaller id wins; mentions are linked in
//! the order the caller gives, which [`link_order`] makes canonical
//! (publication date, then article id, then ordinal) so the same set of
//! articles gives the same events however it was listed.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use dossier_model::{EventMention, EventRole, EventStatus, PlacePrecision};
use serde::{Deserialize, Serialize};

use crate::dates::{Days, event_days, parse_iso};

/// Score a mention needs to join an event.
pub const LINK_THRESHOLD: f32 = 2.0;

/// Score a mention needs against each of two events to show they are one
/// incident (a report that names the venue one set of reports gives and the
/// city another gives).
pub const BRIDGE_THRESHOLD: f32 = 4.0;

/// At day precision, dates further apart than this are different incidents.
pub const DAY_TOLERANCE: i32 = 2;

/// Named cities further apart than this (km) are different places.
pub const NEAR_KM: f32 = 45.0;

/// How many days before publication an undated main event is looked for:
/// news reports what happened in the last days.
pub const UNDATED_LOOKBACK: i32 = 4;

/// A place as linking sees it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlaceFacts {
    /// The linked place (`city:561667`), or the lower-cased name.
    pub key: String,
    /// The name as first written.
    #[serde(default)]
    pub name: String,
    /// Latitude and longitude, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coords: Option<(f32, f32)>,
    /// A city or a venue in it, named without "near".
    pub exact_city: bool,
    /// A city or a venue, "near" or not (not a region or a country).
    #[serde(default)]
    pub city_level: bool,
}

/// What linking reads from one event mention.
#[derive(Clone, Debug, PartialEq)]
pub struct MentionFacts {
    /// The mention's id (`ARTICLE.N`).
    pub id: String,
    /// Its article's id.
    pub article: String,
    /// Main, background or hypothetical.
    pub status: EventStatus,
    /// Event kind.
    pub kind: String,
    /// The days it happened on, when the text dates it.
    pub days: Option<Days>,
    /// For an undated main event: the days before publication.
    pub proxy_days: Option<Days>,
    /// Where, when stated.
    pub place: Option<PlaceFacts>,
    /// The venue, lower case.
    pub venue: Option<String>,
    /// ISO country.
    pub country: Option<String>,
    /// Perpetrator organisations' entity keys.
    pub perpetrators: Vec<String>,
    /// For a main event: the heaviest terms of its article (see
    /// [`lead_terms`]); empty for background events, which the article's
    /// wording is not about.
    pub terms: Vec<(u64, f32)>,
}

/// Terms kept per article and per event for text evidence.
pub const TEXT_TERMS: usize = 32;

/// The `TEXT_TERMS` heaviest terms of an article's features, sorted by term
/// and normalised: enough to tell whether two reports tell one story.
#[must_use]
pub fn lead_terms(features: &crate::DocFeatures) -> Vec<(u64, f32)> {
    top_terms(features.terms.clone())
}

fn top_terms(mut terms: Vec<(u64, f32)>) -> Vec<(u64, f32)> {
    terms.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    terms.truncate(TEXT_TERMS);
    terms.sort_by_key(|t| t.0);
    let norm = terms.iter().map(|t| t.1 * t.1).sum::<f32>().sqrt();
    if norm > 0.0 {
        for t in &mut terms {
            t.1 /= norm;
        }
    }
    terms
}

/// Cosine of two sorted, normalised term lists.
fn cosine(a: &[(u64, f32)], b: &[(u64, f32)]) -> f32 {
    let (mut i, mut j, mut dot) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                dot += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    dot
}

impl MentionFacts {
    /// The facts of `mention`, ordinal `ordinal` of `article`, published on
    /// `published` (ISO); `coords` gives a linked place's coordinates.
    #[must_use]
    pub fn of(
        article: &str,
        ordinal: usize,
        published: Option<&str>,
        mention: &EventMention,
        coords: &dyn Fn(&str) -> Option<(f32, f32)>,
    ) -> Self {
        let days = mention
            .time
            .as_ref()
            .and_then(|t| t.date.as_deref().and_then(|d| event_days(d, t.precision)));
        let proxy_days = match (days, mention.status) {
            (None, EventStatus::Main) => published.and_then(parse_iso).map(|p| Days {
                first: p.first - UNDATED_LOOKBACK,
                last: p.last,
            }),
            _ => None,
        };
        let place = mention.place.as_ref().map(|p| {
            let key = p
                .entity
                .as_ref()
                .map_or_else(|| p.name.to_lowercase(), |e| e.as_str().to_owned());
            PlaceFacts {
                coords: p.entity.as_ref().and_then(|e| coords(e.as_str())),
                exact_city: !p.vicinity
                    && matches!(p.precision, PlacePrecision::City | PlacePrecision::Venue),
                city_level: matches!(p.precision, PlacePrecision::City | PlacePrecision::Venue),
                name: p.name.clone(),
                key,
            }
        });
        let mut perpetrators: Vec<String> = mention
            .roles
            .iter()
            .filter(|r| r.role == EventRole::PerpetratorOrganisation)
            .filter_map(|r| r.entity.as_ref().map(|e| e.as_str().to_owned()))
            .collect();
        perpetrators.sort();
        perpetrators.dedup();
        Self {
            id: format!("{article}.{ordinal}"),
            article: article.to_owned(),
            status: mention.status,
            kind: mention.event_type.kind.clone(),
            days,
            proxy_days,
            venue: mention
                .place
                .as_ref()
                .and_then(|p| p.venue.as_ref())
                .map(|v| v.to_lowercase()),
            country: mention.place.as_ref().and_then(|p| p.country.clone()),
            place,
            perpetrators,
            terms: Vec::new(),
        }
    }
}

/// What an event across articles is known to be, from all its mentions.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct EventSketch {
    /// The event's id.
    pub id: String,
    /// How many mentions it gathers.
    pub members: u32,
    /// The articles they come from, sorted.
    pub articles: BTreeSet<String>,
    /// Kinds the mentions give, with counts.
    pub kinds: BTreeMap<String, u32>,
    /// Days the dated mentions cover (first, last).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days: Option<(i32, i32)>,
    /// Days before publication of undated main mentions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proxy_days: Option<(i32, i32)>,
    /// Places named, with whether each was an exact city.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub places: Vec<PlaceFacts>,
    /// Venues, lower case.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub venues: BTreeSet<String>,
    /// Countries.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub countries: BTreeSet<String>,
    /// Perpetrator organisations.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub perpetrators: BTreeSet<String>,
    /// Whether some article reports it as its main event.
    pub main: bool,
    /// The heaviest terms of its main reports, summed and normalised.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub terms: Vec<(u64, f32)>,
}

impl EventSketch {
    /// A new event opened by `facts`; its id comes from the opening mention.
    #[must_use]
    pub fn open(facts: &MentionFacts) -> Self {
        let mut sketch = Self {
            id: event_id(&facts.id),
            ..Self::default()
        };
        sketch.add(facts);
        sketch
    }

    /// Folds a mention in.
    pub fn add(&mut self, facts: &MentionFacts) {
        self.members += 1;
        self.articles.insert(facts.article.clone());
        *self.kinds.entry(facts.kind.clone()).or_default() += 1;
        let widen = |range: &mut Option<(i32, i32)>, days: Days| {
            *range = Some(match *range {
                Some((a, b)) => (a.min(days.first), b.max(days.last)),
                None => (days.first, days.last),
            });
        };
        // coarse dates (a month, a year) would blur the window; they still
        // count as evidence through `compatible_days`
        if let Some(days) = facts.days.filter(|d| d.len() <= 7) {
            widen(&mut self.days, days);
        }
        if let Some(days) = facts.proxy_days {
            widen(&mut self.proxy_days, days);
        }
        if let Some(place) = &facts.place
            && !self.places.iter().any(|p| p.key == place.key)
        {
            self.places.push(place.clone());
            self.places.sort_by(|a, b| a.key.cmp(&b.key));
        }
        if let Some(venue) = &facts.venue {
            self.venues.insert(venue.clone());
        }
        if let Some(country) = &facts.country {
            self.countries.insert(country.clone());
        }
        self.perpetrators.extend(facts.perpetrators.iter().cloned());
        self.main |= facts.status == EventStatus::Main;
        if !facts.terms.is_empty() {
            let mut summed: BTreeMap<u64, f32> = self.terms.iter().copied().collect();
            for &(term, weight) in &facts.terms {
                *summed.entry(term).or_default() += weight;
            }
            self.terms = top_terms(summed.into_iter().collect());
        }
    }

    /// Folds another event's knowledge in (the two are one incident).
    pub fn absorb(&mut self, other: &EventSketch) {
        self.members += other.members;
        self.articles.extend(other.articles.iter().cloned());
        for (kind, count) in &other.kinds {
            *self.kinds.entry(kind.clone()).or_default() += count;
        }
        let union = |a: Option<(i32, i32)>, b: Option<(i32, i32)>| match (a, b) {
            (Some(x), Some(y)) => Some((x.0.min(y.0), x.1.max(y.1))),
            (x, y) => x.or(y),
        };
        self.days = union(self.days, other.days);
        self.proxy_days = union(self.proxy_days, other.proxy_days);
        for place in &other.places {
            if !self.places.iter().any(|p| p.key == place.key) {
                self.places.push(place.clone());
            }
        }
        self.places.sort_by(|a, b| a.key.cmp(&b.key));
        self.venues.extend(other.venues.iter().cloned());
        self.countries.extend(other.countries.iter().cloned());
        self.perpetrators.extend(other.perpetrators.iter().cloned());
        self.main |= other.main;
        if !other.terms.is_empty() {
            let mut summed: BTreeMap<u64, f32> = self.terms.iter().copied().collect();
            for &(term, weight) in &other.terms {
                *summed.entry(term).or_default() += weight;
            }
            self.terms = top_terms(summed.into_iter().collect());
        }
    }

    /// The window of days candidates are looked up by: the dated days, else
    /// the publication proxy.
    #[must_use]
    pub fn window(&self) -> Option<(i32, i32)> {
        self.days.or(self.proxy_days)
    }
}

/// The id of the event a mention opens: stable for the mention.
#[must_use]
pub fn event_id(mention_id: &str) -> String {
    format!(
        "ev{:016x}",
        xxhash_rust::xxh3::xxh3_64(mention_id.as_bytes())
    )
}

fn range(days: Option<(i32, i32)>) -> Option<Days> {
    days.map(|(first, last)| Days { first, last })
}

/// Great-circle distance in km between two (latitude, longitude) points.
#[must_use]
pub fn km_between(a: (f32, f32), b: (f32, f32)) -> f32 {
    let (la1, lo1) = (a.0.to_radians(), a.1.to_radians());
    let (la2, lo2) = (b.0.to_radians(), b.1.to_radians());
    let h = ((la2 - la1) / 2.0).sin().powi(2)
        + la1.cos() * la2.cos() * ((lo2 - lo1) / 2.0).sin().powi(2);
    2.0 * 6371.0 * h.sqrt().min(1.0).asin()
}

/// Evidence from time: `None` when the dates rule the event out.
fn time_score(facts: &MentionFacts, sketch: &EventSketch) -> Option<f32> {
    match (facts.days, range(sketch.days)) {
        (Some(mine), Some(theirs)) if mine.len() == 1 && theirs.len() <= 7 => {
            let gap = mine.gap(theirs);
            if gap == 0 {
                Some(2.0)
            } else if gap <= 1 {
                Some(1.5)
            } else if gap <= DAY_TOLERANCE {
                Some(0.5)
            } else {
                None
            }
        }
        (Some(mine), Some(theirs)) => (mine.gap(theirs) == 0).then_some(0.3),
        (Some(mine), None) => match range(sketch.proxy_days) {
            Some(proxy) if mine.gap(proxy) == 0 => Some(0.5),
            Some(proxy) if mine.len() == 1 && mine.gap(proxy) > DAY_TOLERANCE => None,
            _ => Some(0.0),
        },
        (None, theirs) => match (facts.proxy_days, theirs.or(range(sketch.proxy_days))) {
            (Some(proxy), Some(theirs)) if proxy.gap(theirs) == 0 => Some(0.5),
            (Some(proxy), Some(theirs))
                if proxy.gap(theirs) > DAY_TOLERANCE && theirs.len() <= 7 =>
            {
                None
            }
            _ => Some(0.0),
        },
    }
}

/// Evidence from place: `None` when the places rule the event out.
fn place_score(facts: &MentionFacts, sketch: &EventSketch) -> Option<f32> {
    if let Some(country) = &facts.country
        && !sketch.countries.is_empty()
        && !sketch.countries.contains(country)
    {
        return None;
    }
    if let Some(venue) = &facts.venue
        && sketch.venues.contains(venue)
    {
        return Some(2.5);
    }
    let Some(place) = &facts.place else {
        return Some(0.0);
    };
    if sketch.places.iter().any(|p| p.key == place.key) {
        // one city is strong evidence, one country is weak
        return Some(if place.city_level { 2.0 } else { 1.0 });
    }
    if !place.exact_city {
        return Some(0.0);
    }
    let mut cities = sketch.places.iter().filter(|p| p.exact_city).peekable();
    if cities.peek().is_none() {
        return Some(0.0);
    }
    // near one of the event's cities (a suburb, a district), or a named
    // city elsewhere (or one that is not on the map): a different incident
    let near = cities.any(|theirs| match (place.coords, theirs.coords) {
        (Some(a), Some(b)) => km_between(a, b) <= NEAR_KM,
        _ => false,
    });
    near.then_some(1.0)
}

/// How well `facts` fits `sketch`; `None` when a hard rule keeps them apart.
#[must_use]
pub fn score(facts: &MentionFacts, sketch: &EventSketch) -> Option<f32> {
    if facts.status == EventStatus::Hypothetical {
        return None;
    }
    let time = time_score(facts, sketch)?;
    let place = place_score(facts, sketch)?;
    if sketch.articles.contains(&facts.article) {
        return None;
    }
    let similar = cosine(&facts.terms, &sketch.terms);
    let text = if similar >= 0.5 {
        2.0
    } else if similar >= 0.3 {
        1.0
    } else {
        0.0
    };
    if time <= 0.0 && place <= 0.0 && text <= 1.0 {
        return None;
    }
    let undated = facts.days.is_none() && facts.proxy_days.is_none();
    let kind = if sketch.kinds.contains_key(&facts.kind) {
        1.0
    } else {
        0.0
    };
    let actors = if facts
        .perpetrators
        .iter()
        .any(|p| sketch.perpetrators.contains(p))
    {
        1.5
    } else {
        0.0
    };
    // a background recollection must not join a breaking event on weak
    // evidence: it needs place or actor agreement on top of the date
    if facts.status == EventStatus::Background && place <= 0.0 && actors <= 0.0 {
        return None;
    }
    // with no date at all, only the same city or venue and the same kind
    // or perpetrator will do
    if undated && (place.max(text) < 2.0 || kind + actors <= 0.0) {
        return None;
    }
    Some(time + place + kind + actors + text)
}

/// Where a mention went.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Placement {
    /// The mention.
    pub mention: String,
    /// The event it joined or opened.
    pub event: String,
    /// Its score against the event (0 for an event it opened).
    pub score: f32,
    /// Whether it opened the event.
    pub opened: bool,
    /// Events this mention showed to be the same incident, folded into
    /// `event` (their members now belong to it).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub merged: Vec<String>,
}

/// Events in memory, indexed by day (and country) so candidates are found
/// without scanning: a mention is scored only against events whose window
/// lies within [`DAY_TOLERANCE`] days of its own and whose country is its
/// own or unknown.
#[derive(Debug, Default)]
pub struct EventIndex {
    sketches: Vec<EventSketch>,
    numbers: HashMap<String, u32>,
    /// (day, country) → events whose window holds the day; country "" for
    /// events without one.
    by_day: HashMap<(i32, String), Vec<u32>>,
    /// Day → every event whose window holds it, for mentions without a
    /// country.
    by_day_any: HashMap<i32, Vec<u32>>,
    /// (month, country) → events with a coarse window (a month, a year)
    /// holding a day of that month; months count from 1970.
    by_month: HashMap<(i32, String), Vec<u32>>,
    /// Events by city-level place key and venue: the only way to an event
    /// without a window.
    by_place: HashMap<String, Vec<u32>>,
    changed: BTreeSet<u32>,
    /// Events folded into another: never candidates again.
    dead: BTreeSet<u32>,
}

/// A window longer than this is not indexed day by day (a year-wide event
/// would flood the index); such events are found by country.
const MAX_INDEXED_DAYS: i32 = 62;

/// A month number (since 1970) for a day number.
fn month_of(day: i32) -> i32 {
    let date = chrono::NaiveDate::from_num_days_from_ce_opt(day + 719_163).unwrap_or_default();
    (chrono::Datelike::year(&date) - 1970) * 12
        + i32::try_from(chrono::Datelike::month0(&date)).unwrap_or(0)
}

fn push_once(list: &mut Vec<u32>, number: u32) {
    if !list.contains(&number) {
        list.push(number);
    }
}

impl EventIndex {
    /// An empty index.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds an event loaded from storage; an event already held is kept
    /// (the one in memory is the newer).
    pub fn insert(&mut self, sketch: EventSketch) {
        if self.numbers.contains_key(&sketch.id) {
            return;
        }
        let Ok(number) = u32::try_from(self.sketches.len()) else {
            return;
        };
        self.numbers.insert(sketch.id.clone(), number);
        self.sketches.push(sketch);
        self.index(number);
    }

    fn index(&mut self, number: u32) {
        let Some(sketch) = self.sketches.get(number as usize) else {
            return;
        };
        let places = sketch
            .places
            .iter()
            .filter(|p| p.city_level)
            .map(|p| &p.key)
            .chain(&sketch.venues);
        for key in places {
            push_once(self.by_place.entry(key.clone()).or_default(), number);
        }
        let countries: Vec<String> = if sketch.countries.is_empty() {
            vec![String::new()]
        } else {
            sketch.countries.iter().cloned().collect()
        };
        match sketch.window() {
            Some((first, last)) if last - first < MAX_INDEXED_DAYS => {
                for day in first..=last {
                    push_once(self.by_day_any.entry(day).or_default(), number);
                    for country in &countries {
                        push_once(
                            self.by_day.entry((day, country.clone())).or_default(),
                            number,
                        );
                    }
                }
            }
            Some((first, last)) => {
                for month in month_of(first)..=month_of(last).min(month_of(first) + 12) {
                    for country in &countries {
                        push_once(
                            self.by_month.entry((month, country.clone())).or_default(),
                            number,
                        );
                    }
                }
            }
            None => {}
        }
    }

    fn candidates(&self, facts: &MentionFacts) -> Vec<u32> {
        let mut found: Vec<u32> = Vec::new();
        let window = facts.days.or(facts.proxy_days);
        let countries: Vec<String> = match &facts.country {
            Some(country) => vec![country.clone(), String::new()],
            None => Vec::new(),
        };
        if let Some(days) = window {
            let reach = if days.len() <= 7 { DAY_TOLERANCE } else { 0 };
            let (first, last) = (days.first - reach, days.last + reach);
            if days.len() <= MAX_INDEXED_DAYS {
                for day in first..=last {
                    if countries.is_empty() {
                        if let Some(events) = self.by_day_any.get(&day) {
                            found.extend(events);
                        }
                    }
                    for country in &countries {
                        if let Some(events) = self.by_day.get(&(day, country.clone())) {
                            found.extend(events);
                        }
                    }
                }
            }
            for month in month_of(first)..=month_of(last).min(month_of(first) + 12) {
                for country in &countries {
                    if let Some(events) = self.by_month.get(&(month, country.clone())) {
                        found.extend(events);
                    }
                }
            }
        }
        let keys = facts.place.iter().map(|p| &p.key).chain(&facts.venue);
        for key in keys {
            if let Some(events) = self.by_place.get(key) {
                found.extend(events);
            }
        }
        found.sort_unstable();
        found.dedup();
        found
    }

    /// Links one mention: it joins the best-scoring event or opens one.
    /// Hypothetical mentions are not linked (`None`).
    pub fn link(&mut self, facts: &MentionFacts) -> Option<Placement> {
        if facts.status == EventStatus::Hypothetical {
            return None;
        }
        let mut qualified: Vec<(f32, u32)> = Vec::new();
        for number in self.candidates(facts) {
            if self.dead.contains(&number) {
                continue;
            }
            let Some(sketch) = self.sketches.get(number as usize) else {
                continue;
            };
            if let Some(s) = score(facts, sketch).filter(|&s| s >= LINK_THRESHOLD) {
                qualified.push((s, number));
            }
        }
        // best score first; on equal scores the smaller id
        qualified.sort_by(|a, b| {
            b.0.total_cmp(&a.0).then_with(|| {
                self.sketches[a.1 as usize]
                    .id
                    .cmp(&self.sketches[b.1 as usize].id)
            })
        });
        let best = qualified.first().copied();
        let mut merged = Vec::new();
        if let Some((_, into)) = best.filter(|(s, _)| *s >= BRIDGE_THRESHOLD) {
            for &(s, other) in qualified.iter().skip(1) {
                if s >= BRIDGE_THRESHOLD && self.mergeable(into, other) {
                    let absorbed = self.sketches[other as usize].clone();
                    self.sketches[into as usize].absorb(&absorbed);
                    self.dead.insert(other);
                    self.changed.remove(&other);
                    merged.push(absorbed.id);
                }
            }
            if !merged.is_empty() {
                self.index(into);
            }
        }
        let (number, placement) = if let Some((score, number)) = best {
            self.sketches[number as usize].add(facts);
            self.index(number);
            (
                number,
                Placement {
                    mention: facts.id.clone(),
                    event: self.sketches[number as usize].id.clone(),
                    score,
                    opened: false,
                    merged,
                },
            )
        } else {
            let sketch = EventSketch::open(facts);
            let id = sketch.id.clone();
            self.insert(sketch);
            let number = self.numbers.get(&id).copied()?;
            (
                number,
                Placement {
                    mention: facts.id.clone(),
                    event: id,
                    score: 0.0,
                    opened: true,
                    merged: Vec::new(),
                },
            )
        };
        self.changed.insert(number);
        Some(placement)
    }

    /// Whether two events can be one incident: no article in both, dates
    /// and countries that agree, named cities near each other.
    fn mergeable(&self, a: u32, b: u32) -> bool {
        let (a, b) = (&self.sketches[a as usize], &self.sketches[b as usize]);
        if a.articles.iter().any(|x| b.articles.contains(x)) {
            return false;
        }
        if let (Some(x), Some(y)) = (range(a.days), range(b.days))
            && x.gap(y) > DAY_TOLERANCE
        {
            return false;
        }
        if !a.countries.is_empty()
            && !b.countries.is_empty()
            && a.countries.is_disjoint(&b.countries)
        {
            return false;
        }
        let cities = |s: &EventSketch| -> Vec<Option<(f32, f32)>> {
            s.places
                .iter()
                .filter(|p| p.exact_city)
                .map(|p| p.coords)
                .collect()
        };
        cities(a).iter().all(|x| {
            cities(b).iter().all(|y| match (x, y) {
                (Some(x), Some(y)) => km_between(*x, *y) <= NEAR_KM,
                _ => false,
            })
        })
    }

    /// The event with this id.
    #[must_use]
    pub fn get(&self, id: &str) -> Option<&EventSketch> {
        self.numbers
            .get(id)
            .and_then(|&n| self.sketches.get(n as usize))
    }

    /// Events changed since the last call, in id order; clears the list.
    pub fn take_changed(&mut self) -> Vec<EventSketch> {
        let changed = std::mem::take(&mut self.changed);
        let mut sketches: Vec<EventSketch> = changed
            .into_iter()
            .filter(|n| !self.dead.contains(n))
            .filter_map(|n| self.sketches.get(n as usize).cloned())
            .collect();
        sketches.sort_by(|a, b| a.id.cmp(&b.id));
        sketches
    }

    /// How many events it holds.
    #[must_use]
    pub fn len(&self) -> usize {
        self.sketches.len()
    }

    /// Whether it holds none.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.sketches.is_empty()
    }
}

/// The canonical order mentions are linked in: articles by publication date
/// (undated last), then id; mentions by ordinal. Keys are
/// `(published, article, ordinal)`.
pub fn link_order(keys: &mut [(Option<String>, String, usize)]) {
    keys.sort_by(|a, b| (a.0.is_none(), &a.0, &a.1, a.2).cmp(&(b.0.is_none(), &b.0, &b.1, b.2)));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(id: &str, day: Option<&str>, place: Option<(&str, f32, f32)>) -> MentionFacts {
        MentionFacts {
            id: format!("{id}.0"),
            article: id.to_owned(),
            status: EventStatus::Main,
            kind: "shooting".to_owned(),
            days: day.and_then(parse_iso),
            proxy_days: None,
            place: place.map(|(key, lat, lon)| PlaceFacts {
                key: key.to_owned(),
                name: key.to_owned(),
                coords: Some((lat, lon)),
                exact_city: true,
                city_level: true,
            }),
            venue: None,
            country: Some("US".to_owned()),
            perpetrators: Vec::new(),
            terms: Vec::new(),
        }
    }

    #[test]
    fn same_day_same_city_joins() {
        let mut index = EventIndex::new();
        let a = index
            .link(&facts(
                "a",
                Some("2024-05-01"),
                Some(("city:1", 40.0, -75.0)),
            ))
            .unwrap();
        let b = index
            .link(&facts(
                "b",
                Some("2024-05-02"),
                Some(("city:1", 40.0, -75.0)),
            ))
            .unwrap();
        assert!(a.opened && !b.opened);
        assert_eq!(a.event, b.event);
    }

    #[test]
    fn two_shootings_in_two_cities_in_one_week_stay_apart() {
        let mut index = EventIndex::new();
        let a = index
            .link(&facts(
                "a",
                Some("2024-05-01"),
                Some(("city:1", 40.0, -75.0)),
            ))
            .unwrap();
        let b = index
            .link(&facts(
                "b",
                Some("2024-05-01"),
                Some(("city:2", 41.5, -81.7)),
            ))
            .unwrap();
        let c = index
            .link(&facts(
                "c",
                Some("2024-05-06"),
                Some(("city:1", 40.0, -75.0)),
            ))
            .unwrap();
        assert!(b.opened && c.opened);
        assert_ne!(a.event, b.event);
        assert_ne!(a.event, c.event);
        assert_eq!(index.len(), 3);
    }

    #[test]
    fn one_article_never_feeds_one_event_twice() {
        let mut index = EventIndex::new();
        let main = facts("a", Some("2024-05-01"), Some(("city:1", 40.0, -75.0)));
        let mut recalled = main.clone();
        recalled.id = "a.1".to_owned();
        recalled.status = EventStatus::Background;
        let p = index.link(&main).unwrap();
        let q = index.link(&recalled).unwrap();
        assert_ne!(p.event, q.event);
    }

    #[test]
    fn the_same_story_in_other_words_is_evidence() {
        let features = |text: &str| {
            lead_terms(&crate::DocFeatures::new(
                &crate::DocInput {
                    id: "x",
                    title: None,
                    text,
                    published: None,
                },
                &crate::FeatureConfig::default(),
            ))
        };
        // undated, unplaced reports of one day: type alone is not enough
        let report = |id: &str, text: &str| {
            let mut f = facts(id, None, None);
            f.proxy_days = parse_iso("2024-05-02").map(|d| Days {
                first: d.first - UNDATED_LOOKBACK,
                last: d.last,
            });
            f.country = None;
            f.terms = features(text);
            f
        };
        let mut index = EventIndex::new();
        let a = index
            .link(&report("a", "Gunmen stormed the Zalivnaya textile plant, killing the foreman Ilkka Varvikko and two guards."))
            .unwrap();
        let b = index
            .link(&report("b", "Foreman Ilkka Varvikko and two guards died when gunmen stormed the Zalivnaya textile plant."))
            .unwrap();
        let c = index
            .link(&report(
                "c",
                "A bus driver was shot at a checkpoint on the coastal road near the harbour.",
            ))
            .unwrap();
        assert_eq!(a.event, b.event);
        assert!(c.opened);
    }

    #[test]
    fn months_count_from_1970() {
        assert_eq!(month_of(parse_iso("1970-01-31").unwrap().first), 0);
        assert_eq!(
            month_of(parse_iso("2024-03-22").unwrap().first),
            54 * 12 + 2
        );
    }

    #[test]
    fn a_month_dated_event_is_found_from_a_day_in_it() {
        let mut index = EventIndex::new();
        let mut coarse = facts("a", None, Some(("city:1", 40.0, -75.0)));
        coarse.days = parse_iso("2024-05");
        let a = index.link(&coarse).unwrap();
        let b = index
            .link(&facts(
                "b",
                Some("2024-05-20"),
                Some(("city:1", 40.0, -75.0)),
            ))
            .unwrap();
        assert_eq!(a.event, b.event);
    }

    #[test]
    fn a_report_naming_both_sides_folds_two_events_into_one() {
        let mut index = EventIndex::new();
        // reports naming the venue only, and reports naming the city only
        let mut venue = facts("a", Some("2024-03-22"), None);
        venue.venue = Some("crocus city hall".to_owned());
        let a = index.link(&venue).unwrap();
        let mut venue2 = venue.clone();
        venue2.id = "a2.0".to_owned();
        venue2.article = "a2".to_owned();
        index.link(&venue2).unwrap();
        let city = facts("b", Some("2024-03-24"), Some(("city:1", 55.8, 37.3)));
        let b = index.link(&city).unwrap();
        assert!(
            b.opened,
            "two days apart with nothing shared: apart for now"
        );
        // a report with the venue, the city and a date between them
        let mut both = facts("c", Some("2024-03-23"), Some(("city:1", 55.8, 37.3)));
        both.venue = Some("crocus city hall".to_owned());
        let c = index.link(&both).unwrap();
        assert_eq!(c.merged.len(), 1, "{c:?}");
        let kept = index.get(&c.event).unwrap();
        assert_eq!(kept.members, 4);
        assert!(c.event == a.event || c.event == b.event);
        let gone = if c.event == a.event {
            &b.event
        } else {
            &a.event
        };
        assert_eq!(c.merged[0], *gone);
        // the folded event is no candidate any more
        let d = index
            .link(&facts(
                "d",
                Some("2024-03-24"),
                Some(("city:1", 55.8, 37.3)),
            ))
            .unwrap();
        assert_eq!(d.event, c.event);
        assert_eq!(
            index
                .take_changed()
                .iter()
                .filter(|s| s.id == *gone)
                .count(),
            0
        );
    }

    #[test]
    fn hypothetical_events_are_not_linked() {
        let mut index = EventIndex::new();
        let mut threat = facts("a", Some("2024-05-01"), None);
        threat.status = EventStatus::Hypothetical;
        assert!(index.link(&threat).is_none());
        assert!(index.is_empty());
    }

    #[test]
    fn a_suburb_is_near_its_city() {
        // Krasnogorsk lies about 20 km from central Moscow
        let mut index = EventIndex::new();
        let a = index
            .link(&facts(
                "a",
                Some("2024-03-22"),
                Some(("city:1", 55.82, 37.33)),
            ))
            .unwrap();
        let b = index
            .link(&facts(
                "b",
                Some("2024-03-22"),
                Some(("city:2", 55.75, 37.62)),
            ))
            .unwrap();
        assert_eq!(a.event, b.event);
    }

    #[test]
    fn canonical_order_puts_undated_last() {
        let mut keys = vec![
            (None, "a".to_owned(), 0),
            (Some("2024-03-23".to_owned()), "z".to_owned(), 1),
            (Some("2024-03-22".to_owned()), "y".to_owned(), 0),
            (Some("2024-03-23".to_owned()), "z".to_owned(), 0),
        ];
        link_order(&mut keys);
        let order: Vec<_> = keys.iter().map(|k| (k.1.as_str(), k.2)).collect();
        assert_eq!(order, [("y", 0), ("z", 0), ("z", 1), ("a", 0)]);
    }
}
