//! From triggers to event mentions: each trigger takes the time expressions
//! and places nearest to it in its sentence; triggers that agree on time and
//! place gather into one event mention; each mention then gets its type,
//! roles, casualty figures and status.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use dossier_kb::Kb;
use dossier_model::{
    Casualties, EntityKey, EventMention, EventPlace, EventRole, EventStatus, EventTime,
    ExtractorId, PlacePrecision, RoleFiller, TimePrecision,
};
use dossier_nlp::quantities::find_quantities;
use dossier_nlp::timex::{Precision, TimeExpression, find_time_expressions};

use crate::casualties::{self, Figure, qualifier_name};
use crate::doc::{Class, Doc};
use crate::lexicon::EventLexicon;
use crate::roles::{self, Pick};
use crate::triggers::{self, Found};

/// Words before a trigger that make its event a threat, plan or fear.
const HYPOTHETICAL: &[&str] = &[
    "avert",
    "averted",
    "could",
    "fear",
    "feared",
    "fears",
    "foil",
    "foiled",
    "future",
    "intend",
    "intended",
    "might",
    "plan",
    "planned",
    "planning",
    "plans",
    "plot",
    "plotted",
    "plotting",
    "possible",
    "potential",
    "prevent",
    "prevented",
    "threat",
    "threaten",
    "threatened",
    "threatening",
    "threatens",
    "threats",
    "thwarted",
    "warn",
    "warned",
    "warning",
    "warnings",
    "warns",
    "will",
    "would",
];

/// Words before a trigger that recall an older event.
const BACKGROUND: &[&str] = &[
    "anniversary",
    "earlier",
    "former",
    "history",
    "numerous",
    "past",
    "previous",
    "previously",
    "prior",
    "series",
    "similar",
    "various",
];

/// Units of time that, before "after", measure the lapse since another
/// incident.
const LAPSES: &[&str] = &[
    "day", "days", "hours", "month", "months", "week", "weeks", "year", "years",
];

/// Words after which a time expression dates the report, not the event:
/// "said on Saturday".
const REPORTING: &[&str] = &[
    "announced",
    "reported",
    "said",
    "says",
    "stated",
    "told",
    "added",
    "confirmed",
];

/// Words after which a place is a vicinity: "near Moscow".
const VICINITY: &[&str] = &[
    "near",
    "outside",
    "outskirts",
    "close",
    "nearby",
    // Russian: под, около, возле, близ.
    "под",
    "около",
    "возле",
    "близ",
];

/// Heads of venue names: "Crocus City Hall", "Serena Hotel".
const VENUE_HEADS: &[&str] = &[
    "Airport",
    "Arena",
    "Cathedral",
    "Center",
    "Centre",
    "Church",
    "Embassy",
    "Hall",
    "Hospital",
    "Hotel",
    "Mall",
    "Market",
    "Mosque",
    "Museum",
    "Palace",
    "Plaza",
    "School",
    "Shrine",
    "Square",
    "Stadium",
    "Station",
    "Synagogue",
    "Temple",
    "Theater",
    "Theatre",
    "University",
];

/// Heads and modifiers of mentions that name armed forces' units, posts and
/// gear: "a paratrooper battalion", "the garrison", "an army convoy".
const MILITARY: &[&str] = &[
    "army",
    "barracks",
    "battalion",
    "battalions",
    "brigade",
    "convoy",
    "garrison",
    "garrisons",
    "military",
    "navy",
    "outpost",
    "outposts",
    "paratrooper",
    "patrol",
    "positions",
    "soldiers",
    "troops",
];

/// Confidence of an event whose only patients are soldiers or military
/// posts: fighting between armed forces, still reported, but not an attack
/// on the defenceless.
pub const COMBAT_CONFIDENCE: f32 = 0.3;

/// The extractor's name and version in provenance.
pub const EXTRACTOR: &str = "events";
/// Bumped whenever the rules change what they extract.
pub const EXTRACTOR_VERSION: u32 = 3;

/// One trigger with what lies nearest to it.
struct Anchor<'l> {
    found: Found<'l>,
    hypothetical: bool,
    background_cue: bool,
    /// Told as the time since another incident: "weeks after a teacher was
    /// beheaded".
    lapse: bool,
    time: Option<TimeExpression>,
    places: Vec<usize>,
}

/// An event mention being gathered.
struct Draft {
    anchors: Vec<usize>,
    hypothetical: bool,
    background_cue: bool,
    time: Option<TimeExpression>,
    place: Option<usize>,
    sentences: Vec<usize>,
    picks: Vec<Pick>,
}

/// Reads event mentions from annotated text.
#[derive(Debug, Clone)]
pub struct EventExtractor {
    lexicon: EventLexicon,
}

impl Default for EventExtractor {
    fn default() -> Self {
        Self::new(EventLexicon::builtin())
    }
}

impl EventExtractor {
    /// An extractor with `lexicon`.
    #[must_use]
    pub fn new(lexicon: EventLexicon) -> Self {
        Self { lexicon }
    }

    /// The vocabulary.
    #[must_use]
    pub fn lexicon(&self) -> &EventLexicon {
        &self.lexicon
    }

    /// The event mentions of `text`, given its annotation (sentences,
    /// tokens, mentions) and publication date.
    #[must_use]
    pub fn extract(
        &self,
        kb: &Kb,
        text: &str,
        annotation: &dossier_nlp::Annotation,
        published: Option<NaiveDate>,
    ) -> Vec<EventMention> {
        let doc = Doc::new(
            text,
            &annotation.tokens,
            &annotation.sentences,
            &annotation.mentions,
            kb,
        );
        let found = triggers::find(&doc, &self.lexicon);
        if found.is_empty() {
            return Vec::new();
        }
        let all_times = find_time_expressions(text, doc.tokens, published);
        let times: Vec<TimeExpression> = all_times
            .iter()
            .filter(|t| !dates_report(&doc, t))
            .copied()
            .collect();
        let (anchors, dateline) = self.anchors(&doc, found, &times);
        let mut drafts = gather(&doc, kb, &anchors);
        // "PESHAWAR, Pakistan (Reuters) -": where the report was filed, the
        // scene of its main event when the text names no other.
        if let Some(main) = drafts
            .iter_mut()
            .find(|d| !d.hypothetical && !d.background_cue)
            && main.place.is_none()
        {
            main.place = dateline.first().copied();
        }
        for (index, anchor) in anchors.iter().enumerate() {
            let draft = drafts
                .iter_mut()
                .find(|d| d.anchors.contains(&index))
                .expect("every anchor is in a draft");
            roles::fill(&doc, &anchor.found, &mut draft.picks);
        }
        // Sentences that assign responsibility feed the event before them.
        for sentence in 0..doc.sentences.len() {
            let mut picks = Vec::new();
            roles::responsibility(&doc, sentence, &mut picks);
            crate::identified::victims(&doc, sentence, &mut picks);
            if picks.is_empty() {
                continue;
            }
            if let Some(draft) = owner(&drafts, &anchors, sentence) {
                drafts[draft].picks.extend(picks);
            }
        }
        for draft in &mut drafts {
            crate::identified::extend_lists(&doc, &mut draft.picks);
            crate::owners::drop_owners(&doc, &mut draft.picks);
        }
        let quantities = find_quantities(text, doc.tokens);
        let figures = casualties::find(&doc, &quantities);
        let mut events: Vec<EventMention> = drafts
            .iter()
            .map(|draft| self.build(&doc, kb, &anchors, draft, &dateline))
            .collect();
        for figure in &figures {
            if let Some(draft) = owner(&drafts, &anchors, figure.sentence) {
                events[draft]
                    .casualties
                    .push(casualty(&doc, figure, &all_times, published));
            }
        }
        assign_status(&doc, kb, &mut events, &drafts, published);
        crate::relevance::judge(&doc, &mut events);
        events
    }

    /// The triggers with their nearest times and places, and the places of
    /// the article's dateline, which set no single trigger's scene.
    fn anchors<'l>(
        &self,
        doc: &Doc<'_>,
        found: Vec<Found<'l>>,
        times: &[TimeExpression],
    ) -> (Vec<Anchor<'l>>, Vec<usize>) {
        let mut anchors: Vec<Anchor<'l>> = found
            .into_iter()
            .map(|found| {
                let (sentence_start, _) = doc.sentence_tokens[found.sentence];
                let look_back = found.start.saturating_sub(6).max(sentence_start);
                let words = || (look_back..found.start).map(|at| doc.word(at));
                // "its lethal attacks": a record of incidents, not one.
                let record = found.pos == crate::lexicon::Pos::Noun
                    && doc.word(found.end - 1).ends_with('s')
                    && (found.start.saturating_sub(2).max(sentence_start)..found.start)
                        .any(|at| matches!(doc.word(at), "its" | "their"));
                // "two weeks after a teacher was beheaded": another,
                // earlier incident.
                let lapse = (look_back + 1..found.start).any(|at| {
                    matches!(doc.word(at), "after" | "since") && LAPSES.contains(&doc.word(at - 1))
                });
                Anchor {
                    hypothetical: words().any(|w| HYPOTHETICAL.contains(&w)),
                    background_cue: record || lapse || words().any(|w| BACKGROUND.contains(&w)),
                    lapse,
                    found,
                    time: None,
                    places: Vec::new(),
                }
            })
            .collect();
        // Each time expression and place goes to the nearest trigger of its
        // sentence.
        let nearest = |anchors: &[Anchor<'_>], token: usize| -> Option<usize> {
            let sentence = doc.sentence_of_token.get(token)?;
            anchors
                .iter()
                .enumerate()
                .filter(|(_, a)| a.found.sentence == *sentence)
                .min_by_key(|(_, a)| {
                    let (from, to, distance) = if token >= a.found.end {
                        (a.found.end, token, token - a.found.end)
                    } else {
                        (token, a.found.start, a.found.start - token)
                    };
                    // A comma or semicolon between them puts them in
                    // different phrases: "bombings ... in 2021, targeting".
                    let apart = (from..to).any(|at| matches!(doc.word(at), "," | ";"));
                    distance + if apart { 12 } else { 0 }
                })
                // Far away and in another phrase, it belongs to no trigger
                // ("ISIS-K, formed in 2015 and active in Afghanistan, has
                // been linked to the attack").
                .filter(|(_, a)| {
                    let (from, to) = if token >= a.found.end {
                        (a.found.end, token)
                    } else {
                        (token, a.found.start)
                    };
                    // After the trigger a setting may trail an apposition
                    // ("attacked the hall, a venue in Krasnogorsk"); before
                    // it, a comma-fenced phrase is usually about someone
                    // else.
                    // The only trigger of its sentence takes a setting from
                    // further on ("abducted … from a school in Jangebe,
                    // Zamfara state, early on Friday").
                    let alone = anchors
                        .iter()
                        .filter(|b| b.found.sentence == a.found.sentence)
                        .count()
                        == 1;
                    let reach = match (token >= a.found.end, alone) {
                        (true, true) => 24,
                        (true, false) => 14,
                        (false, _) => 8,
                    };
                    (to - from <= reach
                        || !(from..to).any(|at| matches!(doc.word(at), "," | ";")))
                        // "detained in Bryansk after the attack": the place
                        // belongs to the clause the trigger only dates.
                        && !(token < a.found.start
                            && (from..to).any(|at| {
                                matches!(
                                    doc.word(at),
                                    "after" | "before" | "following" | "since" | "until"
                                )
                            }))
                })
                .map(|(i, _)| i)
        };
        for time in times {
            let token = doc
                .tokens
                .partition_point(|t| t.span.start() < time.span.start());
            if let Some(index) = nearest(&anchors, token)
                && anchors[index].time.is_none()
            {
                anchors[index].time = Some(*time);
            }
        }
        let dateline = dateline(doc);
        for (mention, class) in doc.classes.iter().enumerate() {
            if dateline.contains(&mention) {
                continue;
            }
            let place = *class == Class::Place || is_border(doc, mention);
            // A one-word "place" read as a trigger ("shot") is no place.
            let (first, _) = doc.mention_tokens[mention];
            let trigger = anchors
                .get(anchors.partition_point(|a| a.found.start < first))
                .is_some_and(|a| (a.found.start, a.found.end) == doc.mention_tokens[mention]);
            if place
                && !trigger
                && is_scene(doc, mention, &anchors)
                && let Some(index) = nearest(&anchors, doc.mention_tokens[mention].0)
            {
                anchors[index].places.push(mention);
            }
        }
        (anchors, dateline)
    }

    fn build(
        &self,
        doc: &Doc<'_>,
        kb: &Kb,
        anchors: &[Anchor<'_>],
        draft: &Draft,
        dateline: &[usize],
    ) -> EventMention {
        let first = &anchors[draft.anchors[0]].found;
        let roles = self.fillers(doc, &draft.picks);
        let kind = self.kind_of(draft, anchors);
        // "Police shot the suspect" in a knife attack: the weapons say
        // which armed assault it was.
        let weapon_types: Vec<u8> = roles
            .iter()
            .filter(|r| r.role == EventRole::Weapon)
            .filter_map(|r| r.gtd_type)
            .collect();
        let kind = match kind.event_type.kind.as_str() {
            "shooting" if weapon_types.contains(&MELEE) && !weapon_types.contains(&FIREARMS) => {
                self.lexicon.kind("stabbing").unwrap_or(kind)
            }
            _ => kind,
        };
        let suicide = kind.event_type.kind == "suicide_bombing"
            || draft.anchors.iter().any(|&i| {
                let f = &anchors[i].found;
                (f.start.saturating_sub(2)..f.end).any(|at| doc.word(at) == "suicide")
            });
        let time = draft.time.map(|t| {
            let token = doc
                .tokens
                .partition_point(|tok| tok.span.start() < t.span.start());
            EventTime {
                span: t.span,
                sentence: doc.sentence(doc.sentence_of_token[token]),
                date: t.date.map(|d| d.format("%Y-%m-%d").to_string()),
                precision: match t.precision {
                    Precision::Day => TimePrecision::Day,
                    Precision::Week => TimePrecision::Week,
                    Precision::Month => TimePrecision::Month,
                    Precision::Year => TimePrecision::Year,
                },
                relative: t.relative,
            }
        });
        let place = draft
            .place
            .map(|m| self.place(doc, kb, m, draft, anchors, dateline));
        EventMention {
            trigger: first.span,
            sentence: doc.sentence(first.sentence),
            more_triggers: draft.anchors[1..]
                .iter()
                .map(|&i| anchors[i].found.span)
                .collect(),
            event_type: kind.event_type.clone(),
            status: EventStatus::Main,
            time,
            place,
            casualties: Vec::new(),
            roles,
            suicide,
            confidence: if military_only(doc, draft) {
                COMBAT_CONFIDENCE
            } else {
                0.6
            },
            extractor: ExtractorId::new(EXTRACTOR, EXTRACTOR_VERSION),
        }
    }

    /// The kind naming an incident told with several triggers: the attack
    /// type most of its triggers report (generic "attack" words vote only
    /// when nothing else does), and within it the most specific kind ("car
    /// bomb" over "explosion"). One "abducted" in a bombing report does not
    /// make the bombing a kidnapping.
    fn kind_of(&self, draft: &Draft, anchors: &[Anchor<'_>]) -> &crate::lexicon::Kind {
        let kinds: Vec<&crate::lexicon::Kind> = draft
            .anchors
            .iter()
            .map(|&i| &self.lexicon.kinds[anchors[i].found.trigger.kind])
            .collect();
        // Calling a killing an assassination says who the victim was: a
        // figure killed for their position, whatever weapon killed them.
        if let Some(assassination) = kinds.iter().find(|k| k.event_type.gtd_attack_type == 1) {
            return assassination;
        }
        let mut votes: BTreeMap<u8, (usize, u8)> = BTreeMap::new();
        for kind in &kinds {
            let vote = votes.entry(kind.event_type.gtd_attack_type).or_default();
            vote.0 += 1;
            vote.1 = vote.1.max(kind.precedence);
        }
        let specific = votes.keys().any(|&code| code != 9);
        let family = votes
            .iter()
            .filter(|(code, _)| !specific || **code != 9)
            .max_by_key(|(code, vote)| (vote.0, vote.1, std::cmp::Reverse(**code)))
            .map(|(code, _)| *code);
        kinds
            .into_iter()
            .filter(|k| Some(k.event_type.gtd_attack_type) == family)
            .max_by_key(|k| k.precedence)
            .expect("a draft has an anchor")
    }

    fn place(
        &self,
        doc: &Doc<'_>,
        kb: &Kb,
        mention: usize,
        draft: &Draft,
        anchors: &[Anchor<'_>],
        dateline: &[usize],
    ) -> EventPlace {
        let m = &doc.mentions[mention];
        let border = is_border(doc, mention);
        let (start, _) = doc.mention_tokens[mention];
        let key = m
            .entity
            .clone()
            .or_else(|| m.candidates.first().map(|c| c.entity.clone()));
        let precision = match key.as_ref().map(EntityKey::kind) {
            _ if border => PlacePrecision::Region,
            Some("region") => PlacePrecision::Region,
            Some("country" | "actor") => PlacePrecision::Country,
            _ => PlacePrecision::City,
        };
        let vicinity = (start.saturating_sub(3)..start).any(|at| VICINITY.contains(&doc.word(at)))
            || m.kind == dossier_model::MentionKind::Nationality;
        let venue = venue(doc, draft);
        // A border has two sides: the country is the one the text is set
        // in ("PESHAWAR, Pakistan - … near the Afghan border"), if any.
        let country = if border {
            let own = doc.mentions[mention]
                .entity
                .as_ref()
                .map(|e| e.id().to_owned());
            draft
                .anchors
                .iter()
                .flat_map(|&a| anchors[a].places.iter())
                .chain(dateline)
                .filter_map(|&other| country_of(doc, kb, other))
                .find(|c| Some(c) != own.as_ref())
        } else {
            country_of(doc, kb, mention)
        };
        let name = if border {
            let (_, end) = doc.mention_tokens[mention];
            doc.text[crate::span(m.span.start(), doc.tokens[end].span.end())].to_owned()
        } else {
            doc.text[m.span].to_owned()
        };
        EventPlace {
            span: m.span,
            sentence: m.sentence,
            entity: m.entity.clone(),
            name,
            country,
            precision: if venue.is_some() && precision == PlacePrecision::City {
                PlacePrecision::Venue
            } else {
                precision
            },
            venue,
            vicinity,
        }
    }

    fn fillers(&self, doc: &Doc<'_>, picks: &[Pick]) -> Vec<RoleFiller> {
        // One role per mention: the first, most confident pick.
        let mut chosen: BTreeMap<usize, Pick> = BTreeMap::new();
        for pick in picks {
            chosen
                .entry(pick.mention)
                .and_modify(|p| {
                    if pick.confidence > p.confidence {
                        *p = *pick;
                    }
                })
                .or_insert(*pick);
        }
        let mut fillers: Vec<RoleFiller> = chosen
            .values()
            .map(|pick| {
                let m = &doc.mentions[pick.mention];
                let text = doc.text[m.span].to_owned();
                let phrase = strip_determiner(&text.to_lowercase());
                let (gtd_type, gtd_subtype) = match pick.role {
                    EventRole::Weapon => self
                        .lexicon
                        .weapon_type(&phrase)
                        .map_or((None, None), |w| (Some(w.code), w.subtype.clone())),
                    EventRole::Target => (self.lexicon.target_type(&phrase), None),
                    EventRole::Victim => (
                        Some(
                            m.category
                                .as_deref()
                                .and_then(|c| self.lexicon.target_type(c))
                                .or_else(|| self.lexicon.target_type(&phrase))
                                .unwrap_or(14),
                        ),
                        None,
                    ),
                    _ => (None, None),
                };
                RoleFiller {
                    role: pick.role,
                    span: m.span,
                    sentence: m.sentence,
                    entity: m.entity.clone(),
                    text,
                    group: m.span.start(),
                    gtd_type,
                    gtd_subtype,
                    rule: pick.rule.to_owned(),
                    confidence: pick.confidence,
                }
            })
            .collect();
        // Fillers of one role naming one thing share a group.
        let mut first: BTreeMap<(EventRole, String), u32> = BTreeMap::new();
        for filler in &mut fillers {
            let key = filler.entity.as_ref().map_or_else(
                || strip_determiner(&filler.text.to_lowercase()),
                |e| e.as_str().to_owned(),
            );
            filler.group = *first
                .entry((filler.role, key))
                .or_insert(filler.span.start());
        }
        fillers
    }
}

/// Whether every patient of a draft (victims, targets) is military, and it
/// has at least one.
fn military_only(doc: &Doc<'_>, draft: &Draft) -> bool {
    let mut any = false;
    for pick in &draft.picks {
        if !matches!(pick.role, EventRole::Victim | EventRole::Target) {
            continue;
        }
        let (start, end) = doc.mention_tokens[pick.mention];
        let military = matches!(
            doc.classes[pick.mention],
            Class::ArmedPeople | Class::StateForce
        ) || (start..end).any(|at| MILITARY.contains(&doc.word(at)));
        if !military {
            return false;
        }
        any = true;
    }
    any
}

/// Words before a place that make it where something happened: "in Kabul",
/// "near Moscow", "outside the capital".
const LOCATIVE: &[&str] = &[
    "across",
    "around",
    "at",
    "in",
    "inside",
    "into",
    "near",
    "outside",
    "throughout",
    // Russian: в/во "in", на "on/in", под "near", около/возле/близ "by".
    "в",
    "во",
    "на",
    "под",
    "около",
    "возле",
    "близ",
];

/// Directions and parts that may stand between a locative and its place.
const COMPASS: &[&str] = &[
    "central",
    "east",
    "eastern",
    "north",
    "northeast",
    "northeastern",
    "northern",
    "northwest",
    "northwestern",
    "south",
    "southeast",
    "southeastern",
    "southern",
    "southwest",
    "southwestern",
    "west",
    "western",
];

/// Words before "of" that make the place a scene: "the city of Flores",
/// "the outskirts of Moscow", "north of Kabul".
const LOCATIVE_OF: &[&str] = &[
    "city",
    "department",
    "district",
    "east",
    "edge",
    "municipality",
    "north",
    "northeast",
    "northwest",
    "outskirts",
    "province",
    "region",
    "south",
    "southeast",
    "southwest",
    "suburbs",
    "town",
    "village",
    "west",
];

/// Whether a place mention says where something happened — after a
/// locative preposition, as a modifier of a trigger ("the Moscow attack",
/// "Kabul airport bombing"), or as a dateline ("Moscow, Russia – …") —
/// rather than naming a government, a destination or a topic ("a link to
/// Ukraine", "Russia's officials").
fn is_scene(doc: &Doc<'_>, mention: usize, anchors: &[Anchor<'_>]) -> bool {
    let (start, end) = doc.mention_tokens[mention];
    let (sentence_start, _) = doc.sentence_tokens[doc.sentence_of_token[start]];
    let mut before = start;
    // "in the north of", "in northwest Nigeria", "in central Berlin".
    while before > sentence_start
        && (matches!(doc.word(before - 1), "the" | "a") || COMPASS.contains(&doc.word(before - 1)))
    {
        before -= 1;
    }
    if before > sentence_start {
        let word = doc.word(before - 1);
        if LOCATIVE.contains(&word)
            || (word == "of" && before >= 2 && LOCATIVE_OF.contains(&doc.word(before - 2)))
            || (word == ","
                && before >= 2
                && doc
                    .classes
                    .iter()
                    .zip(&doc.mention_tokens)
                    .any(|(class, range)| *class == Class::Place && range.1 == before - 1))
            // "in Jangebe, Zamfara state": a village the knowledge base does
            // not know, then its region.
            || (word == ","
                && before >= 3
                && doc.tokens[before - 2].capitalised
                && LOCATIVE.contains(&doc.word(before - 3)))
        {
            return true;
        }
    }
    // A modifier: a trigger starts within three words after it.
    if anchors
        .iter()
        .any(|a| a.found.start >= end && a.found.start <= end + 3)
    {
        return true;
    }
    // A dateline: the first words of a sentence, followed by a comma or dash.
    start == sentence_start && matches!(doc.word(end), "," | "–" | "—" | "-")
        || doc.mentions[mention].kind == dossier_model::MentionKind::Nationality
}

/// "the Afghan border": a nationality before "border" names a border area.
fn is_border(doc: &Doc<'_>, mention: usize) -> bool {
    doc.mentions[mention].kind == dossier_model::MentionKind::Nationality
        && doc.word(doc.mention_tokens[mention].1) == "border"
}

/// The place mentions of the article's dateline: the first of its first
/// three sentences that opens with a place followed by a comma, a dash or
/// a parenthesis ("PESHAWAR, Pakistan (Reuters) -", "Moscow —"), with the
/// places that qualify it after a comma.
fn dateline(doc: &Doc<'_>) -> Vec<usize> {
    let is_place = |m: usize| doc.classes[m] == Class::Place;
    for sentence in 0..doc.sentence_tokens.len().min(3) {
        let (start, end) = doc.sentence_tokens[sentence];
        let first = doc
            .mention_tokens
            .iter()
            .position(|&(from, _)| from == start)
            .filter(|&m| is_place(m));
        let Some(mut mention) = first else { continue };
        let mut places = Vec::new();
        loop {
            places.push(mention);
            let after = doc.mention_tokens[mention].1;
            match doc.word(after) {
                "," => {
                    let next = doc
                        .mention_tokens
                        .iter()
                        .position(|&(from, _)| from == after + 1)
                        .filter(|&m| is_place(m) && doc.mention_tokens[m].1 < end);
                    match next {
                        Some(next) => mention = next,
                        None => break,
                    }
                }
                _ => break,
            }
        }
        let closing = doc.mention_tokens[*places.last().expect("one place")].1;
        if matches!(doc.word(closing), "," | "–" | "—" | "-" | "(") {
            return places;
        }
    }
    Vec::new()
}

/// A time expression right after a reporting verb dates the report ("said
/// on Sunday"); one after "until" a deadline ("held until 22 May"): neither
/// dates the event.
fn dates_report(doc: &Doc<'_>, time: &TimeExpression) -> bool {
    let token = doc
        .tokens
        .partition_point(|t| t.span.start() < time.span.start());
    let before = |n: usize| token.checked_sub(n).map_or("", |at| doc.word(at));
    // "as of 25 March" dates a figure, not the event.
    (before(1) == "of" && before(2) == "as")
        || (before(1) == "на" && before(2) == "состоянию")
        || (token.saturating_sub(2)..token).any(|at| REPORTING.contains(&doc.word(at)))
        || (token.saturating_sub(3)..token)
            .any(|at| matches!(doc.word(at), "until" | "till" | "pending"))
}

/// Whether two time expressions name different times: resolved dates that
/// cannot agree, or unresolved ones written differently ("Tuesday", "last
/// week").
fn distinct_times(doc: &Doc<'_>, a: &TimeExpression, b: &TimeExpression) -> bool {
    match (a.date, b.date) {
        (Some(_), Some(_)) => !same_time(a, b),
        (None, None) => {
            a.precision != b.precision
                || (a.relative
                    && b.relative
                    && !doc.text[a.span].eq_ignore_ascii_case(&doc.text[b.span]))
        }
        _ => false,
    }
}

/// Whether two dates could name the same day.
fn same_time(a: &TimeExpression, b: &TimeExpression) -> bool {
    match (a.date, b.date) {
        (Some(x), Some(y)) => {
            let coarse = a.precision.max(b.precision);
            match coarse {
                Precision::Day => x == y,
                Precision::Week => (x - y).num_days().abs() < 7,
                Precision::Month => {
                    chrono::Datelike::year(&x) == chrono::Datelike::year(&y)
                        && chrono::Datelike::month(&x) == chrono::Datelike::month(&y)
                }
                Precision::Year => chrono::Datelike::year(&x) == chrono::Datelike::year(&y),
            }
        }
        // Unresolved relative expressions ("Friday") are the article's
        // own time frame; an absolute year is another.
        (None, None) => true,
        _ => a.relative && b.relative,
    }
}

/// The country a place mention lies in.
fn country_of(doc: &Doc<'_>, kb: &Kb, mention: usize) -> Option<String> {
    if is_border(doc, mention) {
        return None;
    }
    let key = doc.mentions[mention].entity.as_ref()?;
    match key.kind() {
        "country" => Some(key.id().to_owned()),
        "region" => kb.region(key.id()).map(|r| r.country.clone()),
        "city" => key
            .id()
            .parse()
            .ok()
            .and_then(|id| kb.city(id))
            .map(|c| c.country.clone()),
        "actor" => kb.actor(key.id()).and_then(|a| a.country.clone()),
        _ => None,
    }
}

/// Whether two places could be the same scene: the same entity, or one
/// inside the other as far as the links tell.
fn same_place(doc: &Doc<'_>, kb: &Kb, a: usize, b: usize) -> bool {
    // A border lies in either country it divides.
    if is_border(doc, a) || is_border(doc, b) {
        return true;
    }
    let (x, y) = (&doc.mentions[a], &doc.mentions[b]);
    if doc.text[x.span].eq_ignore_ascii_case(&doc.text[y.span]) {
        return true;
    }
    let linked = match (&x.entity, &y.entity) {
        (Some(p), Some(q)) => {
            p == q
                || p.kind() != q.kind()
                    && (p.id().starts_with(q.id()) || q.id().starts_with(p.id()))
        }
        _ => false,
    };
    if linked {
        return true;
    }
    // A country holds its places; a vicinity ("outside Moscow") is fuzzy
    // enough to hold any place of its country ("in Krasnogorsk, outside
    // Moscow").
    let is_country = |m: usize| {
        doc.mentions[m]
            .entity
            .as_ref()
            .is_some_and(|e| e.kind() == "country")
    };
    let vicinity = |m: usize| {
        let (start, _) = doc.mention_tokens[m];
        (start.saturating_sub(3)..start).any(|at| VICINITY.contains(&doc.word(at)))
    };
    let same_country = country_of(doc, kb, a).is_some_and(|c| Some(c) == country_of(doc, kb, b));
    // Near a city is within a day's drive of it, not anywhere in its
    // country: "near Paris" is not Nice.
    let close = match (city_at(doc, kb, a), city_at(doc, kb, b)) {
        (Some(p), Some(q)) => distance_km(p, q) <= VICINITY_KM,
        _ => true,
    };
    same_country && (is_country(a) || is_country(b) || ((vicinity(a) || vicinity(b)) && close))
}

/// GTD weapon types.
const FIREARMS: u8 = 5;
const MELEE: u8 = 9;

/// How fine a place is: a city before a region before a country.
fn place_rank(doc: &Doc<'_>, mention: usize) -> u8 {
    match doc.mentions[mention].entity.as_ref().map(EntityKey::kind) {
        Some("city") => 0,
        Some("region") => 1,
        Some("country") => 2,
        _ => 3,
    }
}

/// How far "near X" or "outside X" reaches.
const VICINITY_KM: f64 = 100.0;

/// The coordinates of the city a place mention is linked to.
fn city_at(doc: &Doc<'_>, kb: &Kb, mention: usize) -> Option<(f64, f64)> {
    let key = doc.mentions[mention].entity.as_ref()?;
    if key.kind() != "city" {
        return None;
    }
    let city = kb.city(key.id().parse().ok()?)?;
    Some((city.lat, city.lon))
}

/// Great-circle distance in kilometres.
fn distance_km((lat1, lon1): (f64, f64), (lat2, lon2): (f64, f64)) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let h = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0 * h.sqrt().asin()
}

/// Gathers anchors into drafts: an anchor joins the latest draft whose time
/// and place agree with its own, else opens a new one.
fn gather(doc: &Doc<'_>, kb: &Kb, anchors: &[Anchor<'_>]) -> Vec<Draft> {
    let mut drafts: Vec<Draft> = Vec::new();
    for (index, anchor) in anchors.iter().enumerate() {
        // An anchor without a setting of its own takes its sentence's: a
        // sentence tells one incident ("A roadside bomb killed four soldiers
        // near the border last week").
        // An incident recalled in passing ("two weeks after a teacher was
        // beheaded near Paris") lends its setting to no other trigger.
        let in_sentence = || {
            anchors
                .iter()
                .filter(|a| a.found.sentence == anchor.found.sentence)
                .filter(|a| a.lapse == anchor.lapse)
                .filter(|a| !listed_apart(doc, a, anchor) && !listed_apart(doc, anchor, a))
        };
        let time = anchor.time.or_else(|| in_sentence().find_map(|a| a.time));
        let places: &[usize] = if anchor.places.is_empty() {
            in_sentence()
                .find(|a| !a.places.is_empty())
                .map_or(&[], |a| a.places.as_slice())
        } else {
            &anchor.places
        };
        let place = places
            .iter()
            .copied()
            .min_by_key(|&m| (place_rank(doc, m), doc.mentions[m].span.start()));
        let last_sentence = |draft: &Draft| {
            anchors[*draft.anchors.last().expect("non-empty")]
                .found
                .sentence
        };
        // The article's first real event gathers freely: a report states
        // its place in one sentence and its time in the next.
        let first_real = drafts
            .iter()
            .find(|d| !d.hypothetical && !d.background_cue)
            .map(|d| d.anchors[0]);
        let joins = |draft: &Draft| {
            draft.hypothetical == anchor.hypothetical
                && match (&draft.time, &time) {
                    (Some(a), Some(b)) => !distinct_times(doc, a, b),
                    _ => true,
                }
                && match (draft.place, place) {
                    (Some(a), Some(b)) => {
                        same_place(doc, kb, a, b)
                            || places.iter().any(|&p| same_place(doc, kb, a, p))
                    }
                    _ => true,
                }
                // An anchor with a setting of its own joins a draft in
                // another sentence only if they share a stated field: a
                // place alone does not continue an event known only by its
                // date ("in 2021 …" then "a bombing in Kerman").
                && (anchor.found.sentence == last_sentence(draft)
                    || Some(draft.anchors[0]) == first_real
                    || !(time.is_some() || place.is_some())
                    || !(draft.time.is_some() || draft.place.is_some())
                    || (time.is_some() && draft.time.is_some())
                    || (place.is_some() && draft.place.is_some()))
                // "previous attacks", "its lethal attacks" recall others;
                // an incident told after them is not one of them unless
                // the same sentence says so ("in a previous attack, gunmen
                // killed twelve").
                && (!anchor.background_cue || draft.background_cue)
                && (anchor.background_cue
                    || !draft.background_cue
                    || anchor.found.sentence == last_sentence(draft))
                && !listed_apart(doc, &anchors[*draft.anchors.last().expect("non-empty")], anchor)
        };
        let sentence = anchor.found.sentence;
        // A trigger with no setting of its own continues the incident told
        // in its sentence or the one before; further on, "the attack" is
        // the article's main event, not the last one recalled.
        let latest = drafts.iter().rposition(&joins);
        let chosen = if time.is_none() && place.is_none() {
            drafts
                .iter()
                .rposition(|d| joins(d) && sentence <= last_sentence(d) + 1)
                .or_else(|| {
                    drafts
                        .iter()
                        .position(|d| !d.hypothetical && !d.background_cue)
                        .filter(|&main| joins(&drafts[main]) && !anchor.hypothetical)
                })
                .or(latest)
        } else {
            latest
        };
        match chosen.map(|index| &mut drafts[index]) {
            Some(draft) => {
                draft.anchors.push(index);
                draft.time = draft.time.or(time);
                // "in northwest Nigeria", then "in Jangebe, Zamfara state":
                // the finer place of the same scene.
                draft.place = match (draft.place, place) {
                    (Some(old), Some(new)) if place_rank(doc, new) < place_rank(doc, old) => {
                        Some(new)
                    }
                    (old, new) => old.or(new),
                };
                if !draft.sentences.contains(&sentence) {
                    draft.sentences.push(sentence);
                }
            }
            None => drafts.push(Draft {
                anchors: vec![index],
                hypothetical: anchor.hypothetical,
                background_cue: anchor.background_cue,
                time,
                place,
                sentences: vec![sentence],
                picks: Vec::new(),
            }),
        }
    }
    drafts
}

/// Two triggers of one sentence, a comma apart, each with its own time or
/// place, are items of a list of incidents: "suicide bombings at Kabul
/// airport in 2021, targeting the Russian embassy in Kabul, and …".
fn listed_apart(doc: &Doc<'_>, earlier: &Anchor<'_>, later: &Anchor<'_>) -> bool {
    let own = |a: &Anchor<'_>| a.time.is_some() || !a.places.is_empty();
    // "…, killing at least 133": a result of the same incident.
    let result = later.found.pos == crate::lexicon::Pos::Verb
        && later.found.trigger.patient == crate::lexicon::Patient::Victim
        && doc.word(later.found.end - 1).ends_with("ing");
    !result
        && earlier.found.sentence == later.found.sentence
        && own(earlier)
        && own(later)
        && (earlier.found.end..later.found.start).any(|at| matches!(doc.word(at), "," | ";"))
}

/// The draft a sentence without its own trigger belongs to: the one with a
/// trigger in it, else the latest one before it, else the first.
fn owner(drafts: &[Draft], anchors: &[Anchor<'_>], sentence: usize) -> Option<usize> {
    if let Some(index) = drafts.iter().position(|d| d.sentences.contains(&sentence)) {
        return Some(index);
    }
    let mut best: Option<(usize, usize)> = None;
    for (index, draft) in drafts.iter().enumerate() {
        for &anchor in &draft.anchors {
            let at = anchors[anchor].found.sentence;
            if at < sentence && best.is_none_or(|(s, _)| at >= s) {
                best = Some((at, index));
            }
        }
    }
    best.map(|(_, index)| index)
        .or((!drafts.is_empty()).then_some(0))
}

fn casualty(
    doc: &Doc<'_>,
    figure: &Figure,
    all_times: &[TimeExpression],
    published: Option<NaiveDate>,
) -> Casualties {
    let sentence = doc.sentence(figure.sentence);
    let q = &figure.quantity;
    let token = doc
        .tokens
        .partition_point(|t| t.span.start() < q.span.start());
    let as_of = crate::as_of::as_of(doc, token, figure.sentence, all_times, published);
    Casualties {
        kind: figure.kind,
        span: q.span,
        sentence,
        value: q.value,
        low: q.low,
        high: q.high,
        qualifier: qualifier_name(q.qualifier).to_owned(),
        who: figure.who.clone(),
        as_of: as_of.map(|d| d.format("%Y-%m-%d").to_string()),
    }
}

/// Main, background or hypothetical: threats and plans are hypothetical; the
/// first other event is the main one; a later event is background when its
/// date, a recall cue or its country sets it apart from the main event.
/// Several incidents of one day in one country are all main events.
fn assign_status(
    doc: &Doc<'_>,
    kb: &Kb,
    events: &mut [EventMention],
    drafts: &[Draft],
    published: Option<NaiveDate>,
) {
    let main = drafts
        .iter()
        .position(|d| !d.hypothetical && !d.background_cue)
        .or_else(|| drafts.iter().position(|d| !d.hypothetical));
    let main_draft = main.map(|m| &drafts[m]);
    let main_country = main_draft
        .and_then(|d| d.place)
        .and_then(|p| country_of(doc, kb, p));
    for (index, (event, draft)) in events.iter_mut().zip(drafts).enumerate() {
        event.status = if draft.hypothetical {
            EventStatus::Hypothetical
        } else if Some(index) == main {
            EventStatus::Main
        } else {
            let old = match (draft.time, published) {
                (Some(t), Some(p)) => t.date.is_some_and(|d| (p - d).num_days() > 31),
                // Without a publication date, an absolute date beside a main
                // event told in relative terms ("Friday") is another time.
                (Some(t), None) => {
                    !t.relative && main_draft.and_then(|m| m.time).is_none_or(|m| m.relative)
                }
                _ => false,
            };
            let elsewhere = match (
                &main_country,
                draft.place.and_then(|p| country_of(doc, kb, p)),
            ) {
                (Some(a), Some(b)) => *a != b,
                _ => false,
            };
            // Another day than the main event's: "on Tuesday" beside "last
            // week".
            let another_day = match (draft.time, main_draft.and_then(|m| m.time)) {
                (Some(a), Some(b)) => distinct_times(doc, &a, &b),
                _ => false,
            };
            if old || draft.background_cue || elsewhere || another_day {
                EventStatus::Background
            } else {
                EventStatus::Main
            }
        };
    }
}

/// A named venue in the draft's sentences: capitalised words ending in a
/// venue head ("Crocus City Hall").
fn venue(doc: &Doc<'_>, draft: &Draft) -> Option<String> {
    for &sentence in &draft.sentences {
        let (start, end) = doc.sentence_tokens[sentence];
        // A headline in title case capitalises every word: no name shows.
        let words = (start..end).filter(|&at| doc.is_word(at)).count();
        let capitals = (start..end)
            .filter(|&at| doc.tokens[at].capitalised)
            .count();
        if words >= 4 && capitals * 10 >= words * 6 {
            continue;
        }
        for at in start..end {
            let token = doc.tokens[at];
            if !token.capitalised || !VENUE_HEADS.contains(&&doc.text[token.span]) {
                continue;
            }
            let mut first = at;
            while first > start
                && doc.tokens[first - 1].capitalised
                && doc.tokens[first - 1].kind == dossier_nlp::tokens::TokenKind::Word
                && first - 1 != start
            {
                first -= 1;
            }
            if first < at {
                return Some(
                    doc.text[crate::span(doc.tokens[first].span.start(), token.span.end())]
                        .to_owned(),
                );
            }
        }
    }
    None
}

/// `text` without a leading article or determiner.
pub(crate) fn strip_determiner(text: &str) -> String {
    let mut rest = text.trim();
    for determiner in ["the ", "a ", "an ", "this ", "that ", "these ", "those "] {
        if let Some(r) = rest.strip_prefix(determiner) {
            rest = r;
            break;
        }
    }
    rest.to_owned()
}
