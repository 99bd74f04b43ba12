//! What do the sources say about one event, and where do they agree?
//!
//! Every field of an event is the list of its **assertions**: a value, the
//! article and sentence stating it, the outlet, the time, and the
//! independent source it counts for ([`crate::sources`]). From them this
//! module derives, and never stores as the only truth:
//! - per value, its **corroboration**: how many independent sources state it;
//! - a **contested** flag where independent sources disagree — two dates days
//!   apart, two far-apart places, tolls that cannot both be true at one time
//!   (a toll that rises from one day to the next is an update, kept as a
//!   series with as-of dates, not a contradiction);
//! - casualty **consensus** under the conventions users code to: UCDP
//!   low/best/high, ACLED most-conservative, GTD most-recent;
//! - the perpetrator's **status** from the claims: claimed, attributed,
//!   contested or unknown, with each actor's standing and the claims behind it.

use std::collections::{BTreeMap, BTreeSet};

use dossier_model::{
    ByteSpan, CasualtyKind, Claim, ClaimKind, EventMention, EventRole, Stance, TimePrecision,
};
use serde::Serialize;

use crate::dates::parse_iso;
use crate::sources::{Citation, OwnerOf, cited_in, outlet_key};

/// One member of an event, as the resolver reads it.
#[derive(Clone, Debug)]
pub struct MemberReport<'a> {
    /// The event mention's id (`ARTICLE.N`).
    pub mention_id: &'a str,
    /// Its article.
    pub article: &'a str,
    /// The article's outlet domain.
    pub outlet: Option<&'a str>,
    /// The article's publication date (ISO).
    pub published: Option<&'a str>,
    /// The article's text, which spans point into.
    pub text: &'a str,
    /// The mention.
    pub mention: &'a EventMention,
    /// The article's claims about this mention, with their ids.
    pub claims: Vec<(String, &'a Claim)>,
    /// The source the article's own statements count for.
    pub source: String,
    /// The article it copies, when it is a copy.
    pub copy_of: Option<String>,
    /// Sentences citing another outlet.
    pub citations: Vec<Citation>,
}

/// One value of one field as one article states it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Assertion {
    /// The value as written.
    pub text: String,
    /// The article.
    pub article: String,
    /// The event mention.
    pub mention: String,
    /// The outlet.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    /// The article's publication date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    /// The value's bytes in the article.
    pub span: ByteSpan,
    /// The sentence stating it.
    pub sentence: ByteSpan,
    /// That sentence as written, so a reader needs no article at hand.
    pub quote: String,
    /// The independent source it counts for.
    pub source: String,
    /// The article this one copies, when it is a copy: it adds reach, not
    /// corroboration.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub copy_of: Option<String>,
    /// What extracted it (`events` and its version).
    pub extractor: String,
    /// The extractor's confidence in it, 0–1 (a role filler's own, else the
    /// event mention's).
    pub confidence: f32,
}

/// One distinct value of a field, with who states it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ValueRecord {
    /// The normalised value (an entity key, an ISO date, a kind).
    pub value: String,
    /// How it reads (the first assertion's text, or the date).
    pub label: String,
    /// Independent sources stating it.
    pub sources: Vec<String>,
    /// `sources.len()`: the corroboration count.
    pub corroboration: usize,
    /// Every assertion of it.
    pub assertions: Vec<Assertion>,
}

/// One field of an event.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FieldRecord {
    /// `date`, `place`, `type`, `perpetrator`, `target`, `weapon`.
    pub field: &'static str,
    /// Its values, best corroborated first.
    pub values: Vec<ValueRecord>,
    /// The value most independent sources state (ties: the earliest
    /// stated); for list fields (targets, weapons) every value counts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub consensus: Option<String>,
    /// Independent sources disagree.
    pub contested: bool,
}

/// One casualty figure in the series.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TollPoint {
    /// The day the figure is as of (ISO), when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub as_of: Option<String>,
    /// The least it can be.
    pub low: u64,
    /// The most it can be; `None` for "at least".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub high: Option<u64>,
    /// How it reads ("at least 133").
    pub label: String,
    /// Independent sources stating it.
    pub sources: Vec<String>,
    /// `sources.len()`.
    pub corroboration: usize,
    /// Every assertion of it.
    pub assertions: Vec<Assertion>,
}

/// A casualty figure under the conventions of the datasets users code to.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct TollConsensus {
    /// UCDP `low`: the lowest current figure.
    pub ucdp_low: u64,
    /// UCDP `best`: the median of the current figures, one per source.
    pub ucdp_best: u64,
    /// UCDP `high`: the highest current figure.
    pub ucdp_high: u64,
    /// ACLED `fatalities` convention: the most conservative current figure.
    pub acled: u64,
    /// GTD convention: the most recent figure, the better corroborated on
    /// a tie.
    pub gtd: u64,
    /// The day the current figures are as of.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub as_of: Option<String>,
}

/// Killed or wounded across sources.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TollRecord {
    /// `killed` or `wounded`.
    pub field: &'static str,
    /// The figures in time order (as-of day, then value).
    pub series: Vec<TollPoint>,
    /// Derived consensus.
    pub consensus: TollConsensus,
    /// Independent sources gave figures that cannot both hold at one time.
    pub contested: bool,
    /// What the contested flag rests on.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<String>,
}

/// Where an actor stands as the perpetrator.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Standing {
    /// It (or its parent or province) claimed the attack.
    Claimed,
    /// Others attribute it, nobody disputes.
    Attributed,
    /// Attributed or claimed, and denied or disputed.
    Contested,
    /// Only denials.
    Denied,
}

/// The perpetrator status of an event.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PerpetratorStatus {
    /// One group (with its parent or provinces) claimed it, undisputed.
    Claimed,
    /// Attributed to one group, unclaimed, undisputed.
    Attributed,
    /// Rival attributions, or an attribution denied or disputed.
    Contested,
    /// Nobody is named.
    Unknown,
}

/// A claim, as the perpetrator record cites it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ClaimRef {
    /// The claim's id (`ARTICLE.cN`).
    pub id: String,
    /// Who says it; `None` is the article itself.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub speaker: Option<String>,
    /// The claim's kind.
    pub kind: ClaimKind,
    /// Its stance.
    pub stance: Stance,
    /// Hedges as written.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub hedges: Vec<String>,
    /// The channel, when stated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub channel: Option<String>,
    /// The article.
    pub article: String,
    /// The sentence.
    pub sentence: ByteSpan,
    /// That sentence as written.
    pub quote: String,
    /// The independent source it counts for.
    pub source: String,
}

/// One actor (with its parent or provinces) as a possible perpetrator.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ActorStanding {
    /// The actor: the family's root entity key, or the name as written.
    pub actor: String,
    /// Names it goes by in the claims.
    pub names: Vec<String>,
    /// Where it stands.
    pub standing: Standing,
    /// Independent sources claiming or attributing it.
    pub sources: Vec<String>,
    /// Every claim or attribution supporting it is hedged ("believed to
    /// be", "speculate").
    pub hedged: bool,
    /// Claims of responsibility.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub claims: Vec<ClaimRef>,
    /// Attributions and confirmations.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub attributions: Vec<ClaimRef>,
    /// Denials and disputes.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub disputes: Vec<ClaimRef>,
}

/// The perpetrator across sources.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PerpetratorRecord {
    /// The status.
    pub status: PerpetratorStatus,
    /// Every actor named, the best supported first.
    pub actors: Vec<ActorStanding>,
}

/// An event across articles, field by field.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EventRecord {
    /// Independent sources reporting it.
    pub sources: Vec<String>,
    /// Date, place, type, perpetrator, target, weapon.
    pub fields: Vec<FieldRecord>,
    /// Killed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub killed: Option<TollRecord>,
    /// Wounded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub wounded: Option<TollRecord>,
    /// Perpetrator status from the claims.
    pub perpetrator: PerpetratorRecord,
}

/// What the resolver needs from the knowledge base.
pub struct Resolver<'a> {
    /// An outlet's owner group.
    pub owner_of: OwnerOf<'a>,
    /// An actor's family root (`actor:islamic-state` for IS-K): actors of one
    /// family do not contest each other.
    pub family_of: &'a dyn Fn(&str) -> String,
    /// A place's coordinates.
    pub coords: &'a dyn Fn(&str) -> Option<(f32, f32)>,
}

fn slice(text: &str, span: ByteSpan) -> String {
    text.get(span.start() as usize..span.end() as usize)
        .unwrap_or_default()
        .to_owned()
}

impl Resolver<'_> {
    fn assertion(
        &self,
        member: &MemberReport<'_>,
        span: ByteSpan,
        sentence: ByteSpan,
    ) -> Assertion {
        let source = cited_in(&member.citations, sentence)
            .map_or_else(|| member.source.clone(), |o| outlet_key(o, self.owner_of));
        Assertion {
            text: slice(member.text, span),
            article: member.article.to_owned(),
            mention: member.mention_id.to_owned(),
            outlet: member.outlet.map(str::to_owned),
            published: member.published.map(str::to_owned),
            span,
            sentence,
            quote: slice(member.text, sentence),
            source,
            copy_of: member.copy_of.clone(),
            extractor: member.mention.extractor.to_string(),
            confidence: member.mention.confidence,
        }
    }

    /// The record of an event gathering `members`.
    #[must_use]
    pub fn resolve(&self, members: &[MemberReport<'_>]) -> EventRecord {
        let mut fields = Vec::new();
        let mut dates = Vec::new();
        let mut places = Vec::new();
        let mut kinds = Vec::new();
        let mut perpetrators = Vec::new();
        let mut targets = Vec::new();
        let mut weapons = Vec::new();
        for member in members {
            let m = member.mention;
            if let Some(time) = &m.time
                && let Some(date) = &time.date
            {
                let value = match time.precision {
                    TimePrecision::Day => date.clone(),
                    TimePrecision::Month => date.get(..7).unwrap_or(date).to_owned(),
                    TimePrecision::Year => date.get(..4).unwrap_or(date).to_owned(),
                    TimePrecision::Week => format!("week of {date}"),
                };
                dates.push((value, self.assertion(member, time.span, time.sentence)));
            }
            if let Some(place) = &m.place {
                let value = place
                    .entity
                    .as_ref()
                    .map_or_else(|| place.name.to_lowercase(), |e| e.as_str().to_owned());
                places.push((value, self.assertion(member, place.span, place.sentence)));
            }
            let mut kind = self.assertion(member, m.trigger, m.sentence);
            kind.text = m.event_type.kind.clone();
            kinds.push((m.event_type.kind.clone(), kind));
            for filler in &m.roles {
                let value = filler
                    .entity
                    .as_ref()
                    .map_or_else(|| normalise(&filler.text), |e| e.as_str().to_owned());
                let mut assertion = self.assertion(member, filler.span, filler.sentence);
                assertion.confidence = filler.confidence;
                match filler.role {
                    EventRole::PerpetratorOrganisation | EventRole::PerpetratorIndividual => {
                        perpetrators.push((value, assertion));
                    }
                    EventRole::Target | EventRole::Victim => targets.push((value, assertion)),
                    EventRole::Weapon => weapons.push((value, assertion)),
                }
            }
        }
        let mut date = field("date", dates);
        date.contested = self.dates_contested(&date);
        fields.push(date);
        let mut place = field("place", places);
        place.contested = self.places_contested(&place);
        fields.push(place);
        fields.push(field("type", kinds));
        let perpetrator = self.perpetrator(members);
        let mut perp_field = field("perpetrator", perpetrators);
        perp_field.contested = perpetrator.status == PerpetratorStatus::Contested;
        fields.push(perp_field);
        for (name, list) in [("target", targets), ("weapon", weapons)] {
            let mut f = field(name, list);
            f.consensus = (!f.values.is_empty()).then(|| {
                f.values
                    .iter()
                    .map(|v| v.label.as_str())
                    .collect::<Vec<_>>()
                    .join("; ")
            });
            fields.push(f);
        }
        let sources: BTreeSet<String> = members.iter().map(|m| m.source.clone()).collect();
        EventRecord {
            sources: sources.into_iter().collect(),
            fields,
            killed: self.toll(members, CasualtyKind::Killed),
            wounded: self.toll(members, CasualtyKind::Wounded),
            perpetrator,
        }
    }

    fn dates_contested(&self, field: &FieldRecord) -> bool {
        // day-precision dates more than a day apart, each from its own sources
        let days: Vec<(i32, &ValueRecord)> = field
            .values
            .iter()
            .filter(|v| v.value.len() == 10)
            .filter_map(|v| parse_iso(&v.value).map(|d| (d.first, v)))
            .collect();
        days.iter().any(|(a, va)| {
            days.iter().any(|(b, vb)| {
                (a - b).abs() > 1 && va.sources.iter().any(|s| !vb.sources.contains(s))
            })
        })
    }

    fn places_contested(&self, field: &FieldRecord) -> bool {
        let placed: Vec<(&ValueRecord, (f32, f32))> = field
            .values
            .iter()
            .filter(|v| v.value.starts_with("city:"))
            .filter_map(|v| (self.coords)(&v.value).map(|c| (v, c)))
            .collect();
        placed.iter().any(|(va, a)| {
            placed.iter().any(|(vb, b)| {
                crate::events::km_between(*a, *b) > crate::events::NEAR_KM
                    && va.sources.iter().any(|s| !vb.sources.contains(s))
            })
        })
    }

    fn toll(&self, members: &[MemberReport<'_>], kind: CasualtyKind) -> Option<TollRecord> {
        // (as_of, low, high) → assertions
        let mut points: BTreeMap<(Option<String>, u64, Option<u64>), Vec<Assertion>> =
            BTreeMap::new();
        for member in members {
            for c in member.mention.casualties.iter().filter(|c| c.kind == kind) {
                if c.who.as_deref() == Some("attackers") {
                    continue;
                }
                let Some(low) = c.low.or(c.value) else {
                    continue;
                };
                let high = match c.qualifier.as_str() {
                    "at_least" => None,
                    _ => c.high.or(c.value),
                };
                // `None`: an earlier figure whose date the text does not give
                let as_of = c.as_of.clone();
                points
                    .entry((as_of, low, high))
                    .or_default()
                    .push(self.assertion(member, c.span, c.sentence));
            }
        }
        if points.is_empty() {
            return None;
        }
        let series: Vec<TollPoint> = points
            .into_iter()
            .map(|((as_of, low, high), assertions)| {
                let sources: BTreeSet<String> =
                    assertions.iter().map(|a| a.source.clone()).collect();
                TollPoint {
                    label: assertions
                        .first()
                        .map(|a| a.text.clone())
                        .unwrap_or_default(),
                    as_of,
                    low,
                    high,
                    corroboration: sources.len(),
                    sources: sources.into_iter().collect(),
                    assertions,
                }
            })
            .collect();
        let (contested, conflicts) = toll_conflicts(&series);
        Some(TollRecord {
            field: kind.name(),
            consensus: toll_consensus(&series),
            series,
            contested,
            conflicts,
        })
    }

    fn perpetrator(&self, members: &[MemberReport<'_>]) -> PerpetratorRecord {
        #[derive(Default)]
        struct Family {
            names: BTreeSet<String>,
            sources: BTreeSet<String>,
            claims: Vec<ClaimRef>,
            attributions: Vec<ClaimRef>,
            disputes: Vec<ClaimRef>,
            firm: bool,
        }
        let mut families: BTreeMap<String, Family> = BTreeMap::new();
        for member in members {
            for (id, claim) in &member.claims {
                let Some(about) = &claim.about else {
                    continue;
                };
                // a denial bears on the perpetrator only when it denies a
                // part in the attack, not "reports that explosives were found"
                if claim.kind == ClaimKind::Denial
                    && !denies_involvement(member.text, &claim.attribution.content)
                {
                    continue;
                }

                let key = about
                    .entity
                    .as_ref()
                    .map_or_else(|| normalise(&about.text), |e| (self.family_of)(e.as_str()));
                let source = match &claim.speaker {
                    // a speaker is a source of its own, whoever relays it
                    Some(speaker) => speaker.entity.as_ref().map_or_else(
                        || format!("speaker:{}", normalise(&speaker.text)),
                        |e| format!("speaker:{e}"),
                    ),
                    None => cited_in(&member.citations, claim.sentence)
                        .map_or_else(|| member.source.clone(), |o| outlet_key(o, self.owner_of)),
                };
                let reference = ClaimRef {
                    id: id.clone(),
                    speaker: claim.speaker.as_ref().map(|s| s.text.clone()),
                    kind: claim.kind,
                    stance: claim.stance,
                    hedges: claim.hedges.iter().map(|h| h.text.clone()).collect(),
                    channel: claim.channel.as_ref().map(|c| c.text.clone()),
                    article: member.article.to_owned(),
                    sentence: claim.sentence,
                    quote: slice(member.text, claim.sentence),
                    source: source.clone(),
                };
                let family = families.entry(key).or_default();
                family.names.insert(about.text.clone());
                let firm = claim.hedges.is_empty();
                let disputes = claim.kind == ClaimKind::Denial
                    || claim.stance == Stance::Denies
                    || (claim.stance == Stance::Disputes && claim.kind != ClaimKind::Confirmation);
                if disputes {
                    family.disputes.push(reference);
                } else if claim.stance == Stance::Disputes {
                    // "had not confirmed": no support, no denial either
                } else if claim.kind == ClaimKind::Responsibility {
                    family.sources.insert(source);
                    family.claims.push(reference);
                    family.firm |= firm;
                } else if matches!(claim.kind, ClaimKind::Attribution | ClaimKind::Confirmation) {
                    family.sources.insert(source);
                    family.attributions.push(reference);
                    family.firm |= firm;
                }
            }
        }
        let mut actors: Vec<ActorStanding> = families
            .into_iter()
            .filter(|(_, f)| {
                !f.claims.is_empty() || !f.attributions.is_empty() || !f.disputes.is_empty()
            })
            .map(|(actor, f)| {
                let supported = !f.claims.is_empty() || !f.attributions.is_empty();
                let standing = match (supported, f.disputes.is_empty()) {
                    (true, false) => Standing::Contested,
                    (true, true) if !f.claims.is_empty() => Standing::Claimed,
                    (true, true) => Standing::Attributed,
                    (false, _) => Standing::Denied,
                };
                ActorStanding {
                    actor,
                    names: f.names.into_iter().collect(),
                    standing,
                    hedged: supported && !f.firm,
                    sources: f.sources.into_iter().collect(),
                    claims: f.claims,
                    attributions: f.attributions,
                    disputes: f.disputes,
                }
            })
            .collect();
        actors.sort_by(|a, b| {
            (a.standing, std::cmp::Reverse(a.sources.len()), &a.actor).cmp(&(
                b.standing,
                std::cmp::Reverse(b.sources.len()),
                &b.actor,
            ))
        });
        let mut supported: Vec<&ActorStanding> = actors
            .iter()
            .filter(|a| a.standing != Standing::Denied)
            .collect();
        // speculation alone does not contest a firm attribution
        if supported.iter().any(|a| !a.hedged) {
            supported.retain(|a| !a.hedged);
        }
        let status = match supported.as_slice() {
            [] => PerpetratorStatus::Unknown,
            [one] => match one.standing {
                Standing::Claimed => PerpetratorStatus::Claimed,
                Standing::Attributed => PerpetratorStatus::Attributed,
                _ => PerpetratorStatus::Contested,
            },
            _ => PerpetratorStatus::Contested,
        };
        PerpetratorRecord { status, actors }
    }
}

/// Words of a denial's content that make it a denial of a part in the
/// attack.
const INVOLVEMENT: &[&str] = &[
    "involve",
    "responsib",
    "behind",
    "link",
    "role",
    "part in",
    "carried out",
    "carry out",
    "organis",
    "organiz",
    "complicit",
    "attack",
    "причаст",
    "ответствен",
    "связ",
    "участ",
];

fn denies_involvement(text: &str, content: &[ByteSpan]) -> bool {
    content.is_empty()
        || content.iter().any(|span| {
            let words = slice(text, *span).to_lowercase();
            INVOLVEMENT.iter().any(|w| words.contains(w))
        })
}

/// Lower case, leading article dropped: "The Taliban" and "the Taliban"
/// are one value.
fn normalise(text: &str) -> String {
    let lower = text.trim().to_lowercase();
    lower
        .strip_prefix("the ")
        .map_or(lower.clone(), str::to_owned)
}

fn field(name: &'static str, assertions: Vec<(String, Assertion)>) -> FieldRecord {
    let mut by_value: BTreeMap<String, Vec<Assertion>> = BTreeMap::new();
    let mut first_seen: Vec<String> = Vec::new();
    for (value, assertion) in assertions {
        if !by_value.contains_key(&value) {
            first_seen.push(value.clone());
        }
        by_value.entry(value).or_default().push(assertion);
    }
    let mut values: Vec<ValueRecord> = by_value
        .into_iter()
        .map(|(value, assertions)| {
            let sources: BTreeSet<String> = assertions.iter().map(|a| a.source.clone()).collect();
            let label = if name == "date" || name == "type" {
                value.clone()
            } else {
                assertions
                    .first()
                    .map(|a| a.text.clone())
                    .unwrap_or_default()
            };
            ValueRecord {
                value,
                label,
                corroboration: sources.len(),
                sources: sources.into_iter().collect(),
                assertions,
            }
        })
        .collect();
    let order = |v: &ValueRecord| first_seen.iter().position(|f| f == &v.value);
    values.sort_by(|a, b| {
        (std::cmp::Reverse(a.corroboration), order(a))
            .cmp(&(std::cmp::Reverse(b.corroboration), order(b)))
    });
    FieldRecord {
        field: name,
        consensus: values.first().map(|v| v.label.clone()),
        values,
        contested: false,
    }
}

/// Figures that cannot both hold: on one as-of day, independent sources
/// whose ranges do not overlap — unless the higher comes from a later
/// report, which is the toll rising during the day.
fn toll_conflicts(series: &[TollPoint]) -> (bool, Vec<String>) {
    let mut conflicts = Vec::new();
    for (i, a) in series.iter().enumerate() {
        for b in &series[i + 1..] {
            if a.as_of != b.as_of || a.as_of.is_none() {
                continue;
            }
            let (lo, hi) = if a.low <= b.low { (a, b) } else { (b, a) };
            let overlap = lo.high.is_none_or(|h| h >= hi.low);
            if overlap || lo.sources.iter().all(|s| hi.sources.contains(s)) {
                continue;
            }
            let latest = |p: &TollPoint| {
                p.assertions
                    .iter()
                    .filter_map(|a| a.published.as_deref().and_then(moment))
                    .max()
            };
            let earliest = |p: &TollPoint| {
                p.assertions
                    .iter()
                    .filter_map(|a| a.published.as_deref().and_then(moment))
                    .min()
            };
            let rising = matches!((latest(lo), earliest(hi)), (Some(l), Some(h)) if l < h);
            if !rising {
                conflicts.push(format!(
                    "{} ({}) vs {} ({}) as of {}",
                    lo.label,
                    lo.sources.join(", "),
                    hi.label,
                    hi.sources.join(", "),
                    lo.as_of.as_deref().unwrap_or("?")
                ));
            }
        }
    }
    (!conflicts.is_empty(), conflicts)
}

/// When a report was published, in seconds (UTC); a bare date counts as
/// its last second, so a timed report that day is never taken as later.
fn moment(published: &str) -> Option<i64> {
    if let Ok(time) = chrono::DateTime::parse_from_rfc3339(published) {
        return Some(time.timestamp());
    }
    let days = parse_iso(published)?;
    Some(i64::from(days.last) * 86_400 + 86_399)
}

/// Figures within this many days of the latest as-of day are current.
const CURRENT_DAYS: i32 = 1;

fn toll_consensus(series: &[TollPoint]) -> TollConsensus {
    let day = |p: &TollPoint| p.as_of.as_deref().and_then(parse_iso).map(|d| d.first);
    let latest_day = series.iter().filter_map(day).max();
    let current: Vec<&TollPoint> = series
        .iter()
        .filter(|p| match (latest_day, day(p)) {
            (Some(latest), Some(d)) => latest - d <= CURRENT_DAYS,
            (Some(_), None) => false,
            (None, _) => true,
        })
        .collect();
    // one figure per source: its highest current one (partial counts such
    // as "97 in hospital" beside "182 injured" are not the source's total)
    let mut per_source: BTreeMap<&str, (u64, u64)> = BTreeMap::new();
    for point in &current {
        for source in &point.sources {
            let entry = per_source.entry(source).or_default();
            if point.low >= entry.0 {
                *entry = (point.low, point.high.unwrap_or(point.low).max(point.low));
            }
        }
    }
    let mut lows: Vec<u64> = per_source.values().map(|v| v.0).collect();
    lows.sort_unstable();
    let low = lows.first().copied().unwrap_or_default();
    let high = per_source.values().map(|v| v.1).max().unwrap_or_default();
    let best = lows
        .get(lows.len().saturating_sub(1) / 2)
        .copied()
        .unwrap_or(low);
    // GTD: the most recent figure, preferring one independent sources agree on
    let gtd = current
        .iter()
        .max_by_key(|p| (p.corroboration > 1, day(p), p.corroboration, p.low))
        .map_or(low, |p| p.low);
    TollConsensus {
        ucdp_low: low,
        ucdp_best: best,
        ucdp_high: high,
        acled: low,
        gtd,
        as_of: latest_day.map(crate::dates::iso),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point(
        as_of: Option<&str>,
        low: u64,
        high: Option<u64>,
        sources: &[(&str, &str)],
    ) -> TollPoint {
        TollPoint {
            as_of: as_of.map(str::to_owned),
            low,
            high,
            label: low.to_string(),
            sources: sources.iter().map(|(s, _)| (*s).to_owned()).collect(),
            corroboration: sources.len(),
            assertions: sources
                .iter()
                .map(|(source, published)| Assertion {
                    text: low.to_string(),
                    article: format!("a-{source}"),
                    mention: format!("a-{source}.0"),
                    outlet: None,
                    published: Some((*published).to_owned()),
                    span: ByteSpan::new(0, 1),
                    sentence: ByteSpan::new(0, 1),
                    quote: String::new(),
                    source: (*source).to_owned(),
                    copy_of: None,
                    extractor: "events v3".to_owned(),
                    confidence: 0.9,
                })
                .collect(),
        }
    }

    #[test]
    fn a_toll_rising_during_the_day_is_an_update() {
        let series = [
            point(
                Some("2024-03-23"),
                40,
                Some(40),
                &[("wire", "2024-03-23T07:05:00+00:00")],
            ),
            point(
                Some("2024-03-23"),
                61,
                None,
                &[("observer", "2024-03-23T10:15:00+00:00")],
            ),
        ];
        assert_eq!(toll_conflicts(&series), (false, Vec::new()));
    }

    #[test]
    fn a_lower_figure_reported_later_is_a_contradiction() {
        let series = [
            point(
                Some("2024-03-23"),
                40,
                Some(40),
                &[("wire", "2024-03-23T12:00:00+00:00")],
            ),
            point(
                Some("2024-03-23"),
                61,
                Some(61),
                &[("observer", "2024-03-23T10:15:00+00:00")],
            ),
        ];
        let (contested, conflicts) = toll_conflicts(&series);
        assert!(contested);
        assert_eq!(conflicts.len(), 1);
        // overlapping ranges ("at least 40", 61) agree
        let series = [
            point(
                Some("2024-03-23"),
                40,
                None,
                &[("wire", "2024-03-23T12:00:00+00:00")],
            ),
            point(
                Some("2024-03-23"),
                61,
                Some(61),
                &[("observer", "2024-03-23T10:15:00+00:00")],
            ),
        ];
        assert!(!toll_conflicts(&series).0);
        // one source disagreeing with itself is no contradiction between sources
        let series = [
            point(
                Some("2024-03-23"),
                40,
                Some(40),
                &[("wire", "2024-03-23T12:00:00+00:00")],
            ),
            point(
                Some("2024-03-23"),
                61,
                Some(61),
                &[("wire", "2024-03-23T10:15:00+00:00")],
            ),
        ];
        assert!(!toll_conflicts(&series).0);
    }

    #[test]
    fn consensus_follows_each_convention() {
        let series = [
            point(None, 137, Some(137), &[("sk", "2024-03-26")]),
            point(Some("2024-03-22"), 40, Some(40), &[("wire", "2024-03-22")]),
            point(
                Some("2024-03-25"),
                139,
                Some(139),
                &[("sk", "2024-03-26"), ("hub", "2024-03-26")],
            ),
            point(Some("2024-03-26"), 150, Some(150), &[("hub", "2024-03-26")]),
            point(Some("2024-03-26"), 99, Some(99), &[("hub", "2024-03-26")]),
        ];
        let c = toll_consensus(&series);
        assert_eq!(c.as_of.as_deref(), Some("2024-03-26"));
        // per source its highest current figure: sk 139, hub 150; the old
        // 40 and the undated "earlier 137" are not current, hub's partial 99
        // is not its total
        assert_eq!((c.ucdp_low, c.ucdp_best, c.ucdp_high), (139, 139, 150));
        assert_eq!(c.acled, 139);
        // GTD: the most recent figure that independent sources agree on
        assert_eq!(c.gtd, 139);
    }

    #[test]
    fn published_moments_order_across_time_zones() {
        let a = moment("2024-03-22T23:40:00+03:00").unwrap();
        let b = moment("2024-03-22T21:00:00+00:00").unwrap();
        assert!(a < b);
        // a bare date is the end of its day
        assert!(moment("2024-03-23").unwrap() > moment("2024-03-23T10:15:00+00:00").unwrap());
    }

    #[test]
    fn denials_of_other_things_do_not_dispute_the_perpetrator() {
        let text =
            "Kyiv denied any involvement. The committee denied reports that explosives were found.";
        assert!(denies_involvement(text, &[ByteSpan::new(12, 27)]));
        assert!(!denies_involvement(text, &[ByteSpan::new(55, 86)]));
    }
}
