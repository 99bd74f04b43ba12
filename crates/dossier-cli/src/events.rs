//! Event commands: `dossier eval muc4`.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use dossier_events::EventExtractor;
use dossier_kb::{ActorKind, Kb};
use dossier_model::{EventMention, EventRole, EventStatus, Mention, MentionKind};
use rayon::prelude::*;

use crate::knowledge;

/// The MUC-4 role a Dossier role is scored as.
fn muc_role(role: EventRole) -> &'static str {
    match role {
        EventRole::PerpetratorIndividual => "PerpInd",
        EventRole::PerpetratorOrganisation => "PerpOrg",
        EventRole::Target => "Target",
        EventRole::Victim => "Victim",
        EventRole::Weapon => "Weapon",
    }
}

/// The scorer's string normalisation: lower case, no punctuation, no
/// articles, single spaces.
fn muc_norm(text: &str) -> String {
    let lower: String = text
        .to_lowercase()
        .chars()
        .filter(|c| !c.is_ascii_punctuation())
        .collect();
    lower
        .split_whitespace()
        .filter(|w| !matches!(*w, "a" | "an" | "the"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Armed institutions MUC lists as perpetrator organisations, not
/// individuals ("the armed forces", "the Salvadoran air force").
const STATE_FORCES: &[&str] = &["armed forces", "air force"];

/// Heads of armed institutions named as a whole ("the army", "the
/// national police"), as opposed to their men ("soldiers").
const INSTITUTION_HEADS: &[&str] = &["army", "forces", "force", "guard", "military", "police"];

/// Heads of people named as part of an organisation: "members of the
/// army", "elements of the FMLN".
const MEMBER_HEADS: &[&str] = &["elements", "member", "members"];

/// The organisation a "members of X" mention belongs to: the armed group or
/// armed institution named right after "of".
fn member_of<'m>(text: &str, mentions: &'m [Mention], mention: &Mention) -> Option<&'m Mention> {
    let next = mentions.iter().find(|m| {
        m.span.start() > mention.span.start() && m.span.start() <= mention.span.end() + 8
    })?;
    let before = muc_norm(&text[mention.span.start() as usize..next.span.start() as usize]);
    let mut words = before.rsplit(' ');
    if words.next() != Some("of") || !words.next().is_some_and(|w| MEMBER_HEADS.contains(&w)) {
        return None;
    }
    let next_head = muc_norm(&text[next.span]);
    let institution = next.category.as_deref() == Some("armed_actor")
        && INSTITUTION_HEADS.contains(&next_head.rsplit(' ').next().unwrap_or_default());
    (next.kind == MentionKind::Actor || institution).then_some(next)
}

/// Heads of described people MUC lists as perpetrator individuals ("armed
/// men", "unidentified individuals"); other people nouns ("people",
/// "members", "leaders") are too generic to be listed.
const PERPETRATOR_PEOPLE: &[&str] = &[
    "assassins",
    "commandos",
    "individual",
    "individuals",
    "man",
    "men",
    "persons",
    "youths",
];

/// Heads too generic to name a perpetrator ("the group", "units").
const GENERIC_PERPETRATORS: &[&str] = &[
    "group",
    "groups",
    "masterminds",
    "perpetrators",
    "squad",
    "unit",
    "units",
];

/// Perpetrator nouns that, alone and singular, mostly modify another noun
/// ("a guerrilla attack", "terrorist acts") rather than name an attacker.
const MODIFIER_PERPETRATORS: &[&str] = &[
    "extremist",
    "guerrilla",
    "insurgent",
    "rebel",
    "subversive",
    "terrorist",
];

/// Weapon heads too generic, or too much the gear of armies, to be listed
/// as an attack's weapon ("weapons", "ammunition", "artillery", "missiles",
/// "rocket launchers", "helicopter gunships"; a bullet is ammunition).
const GENERIC_WEAPONS: &[&str] = &[
    "ammunition",
    "arms",
    "artillery",
    "bullet",
    "bullets",
    "fuel",
    "gunship",
    "gunships",
    "launcher",
    "launchers",
    "mines",
    "missile",
    "missiles",
    "weapon",
    "weapons",
];

/// Target heads that are armed forces' gear: fighting them is combat, not
/// terrorism.
const MILITARY_TARGETS: &[&str] = &["aircraft", "convoy", "helicopter", "helicopters"];

/// Words that make a target an armed institution's ("the army
/// headquarters", "a naval base", "the 4th infantry brigade"): attacking
/// it is warfare, and MUC does not list it.
const ARMED_INSTITUTION_WORDS: &[&str] = &[
    "army",
    "base",
    "battalion",
    "brigade",
    "garrison",
    "military",
    "navy",
];

/// Armed institutions named in two words ("the air force headquarters").
const ARMED_INSTITUTION_PHRASES: &[&str] = &["air force", "armed forces"];

/// Target heads that name where an attack happened, not what it hit: "a
/// bomb exploded on the highway".
const ROUTE_TARGETS: &[&str] = &[
    "freeway", "highway", "highways", "road", "roads", "street", "streets",
];

/// Target names too vague to be listed on their own: "the installations",
/// "the premises" only point back to a target named before.
const VAGUE_TARGETS: &[&str] = &["installations", "premises"];

/// Whether a target name is an armed institution's or a route's, or vague.
fn unlisted_target(norm: &str, head: &str) -> bool {
    VAGUE_TARGETS.contains(&norm)
        || MILITARY_TARGETS.contains(&head)
        || ROUTE_TARGETS.contains(&head)
        || norm
            .split(' ')
            .any(|w| ARMED_INSTITUTION_WORDS.contains(&w))
        || ARMED_INSTITUTION_PHRASES
            .iter()
            .any(|p| format!(" {norm} ").contains(&format!(" {p} ")))
}

/// Leading words MUC leaves out of target and weapon names: counts,
/// quantifiers, possessives and their hedges ("two vehicles", "several
/// houses", "approximately 500 homes", "at least 30 stores", "dozens of
/// buses").
const QUANTIFIERS: &[&str] = &[
    "a",
    "about",
    "almost",
    "an",
    "another",
    "approximately",
    "around",
    "at",
    "dozens",
    "eight",
    "five",
    "four",
    "her",
    "his",
    "hundreds",
    "its",
    "least",
    "many",
    "more",
    "nearly",
    "nine",
    "numerous",
    "of",
    "one",
    "other",
    "seven",
    "several",
    "six",
    "some",
    "ten",
    "than",
    "the",
    "their",
    "three",
    "two",
    "various",
];

/// `name` without its leading counts and quantifiers.
fn strip_quantifiers(name: &str) -> &str {
    let mut rest = name.trim_start();
    while let Some((word, tail)) = rest.split_once(' ') {
        let lower = word.to_lowercase();
        if QUANTIFIERS.contains(&lower.as_str()) || word.chars().all(|c| c.is_ascii_digit()) {
            rest = tail.trim_start();
        } else {
            break;
        }
    }
    rest
}

/// People nouns that keep their count as perpetrators: "two men".
const COUNTED_PEOPLE: &[&str] = &[
    "individual",
    "individuals",
    "man",
    "men",
    "people",
    "person",
    "persons",
    "women",
];

/// Armed men described, not their institution: "soldiers", "troops".
const ARMED_PEOPLE: &[&str] = &["personnel", "soldiers", "troops"];

/// Words that make people nouns describe attackers: "unidentified people",
/// "armed persons".
const UNKNOWN_PEOPLE: &[&str] = &["armed", "hooded", "masked", "unidentified", "unknown"];

/// Words that leave a generic perpetrator noun generic: "this group".
const DEMONSTRATIVES: &[&str] = &["another", "other", "same", "that", "these", "this", "those"];

/// A bare generic perpetrator noun ("the group", "these units"), not a
/// described one ("a leftist group").
fn generic_perpetrator(norm: &str) -> bool {
    let mut words = norm.split(' ').filter(|w| !DEMONSTRATIVES.contains(w));
    words
        .next()
        .is_some_and(|w| GENERIC_PERPETRATORS.contains(&w))
        && words.next().is_none()
}

/// Head nouns that make a perpetrator an organisation, not individuals.
const ORGANISATION_HEADS: &[&str] = &[
    "cartel",
    "cartels",
    "detachment",
    "faction",
    "factions",
    "front",
    "gang",
    "gangs",
    "mafia",
    "movement",
    "organizations",
];

/// The MUC role a filler is scored as, given its mention, or none when MUC
/// would not list it: victims are named people; perpetrator individuals
/// are described attackers, not named people, armies or generic nouns.
fn muc_filler_role(
    role: EventRole,
    norm: &str,
    mention: Option<&Mention>,
    rule: &str,
    agency: bool,
) -> Option<&'static str> {
    let kind = mention.map(|m| m.kind);
    let category = mention.and_then(|m| m.category.as_deref());
    let head = norm.rsplit(' ').next().unwrap_or_default();
    match role {
        EventRole::Victim => (kind == Some(MentionKind::Person)).then_some("Victim"),
        EventRole::PerpetratorIndividual => {
            if kind == Some(MentionKind::Person)
                || generic_perpetrator(norm)
                || MODIFIER_PERPETRATORS.contains(&norm)
            {
                return None;
            }
            // "a Medellin cartel", "the guerrilla movement": an agent
            // named as an organisation is one.
            if ORGANISATION_HEADS.contains(&head) {
                return Some("PerpOrg");
            }
            let blamed = rule == "responsibility_cue";
            match category {
                Some("armed_actor") => {
                    if blamed && INSTITUTION_HEADS.contains(&head)
                        || STATE_FORCES.iter().any(|f| {
                            norm == *f
                                || norm.ends_with(&format!(" {f}")) && norm.split(' ').count() <= 3
                        })
                    {
                        Some("PerpOrg")
                    } else if !blamed && ARMED_PEOPLE.contains(&head) {
                        Some("PerpInd")
                    } else {
                        None
                    }
                }
                _ if blamed => None,
                Some("person") => (PERPETRATOR_PEOPLE.contains(&head)
                    || norm.split(' ').any(|w| UNKNOWN_PEOPLE.contains(&w)))
                .then_some("PerpInd"),
                _ => Some("PerpInd"),
            }
        }
        EventRole::Weapon => (!GENERIC_WEAPONS.contains(&head)).then_some("Weapon"),
        EventRole::Target => {
            (category != Some("organisation") && !unlisted_target(norm, head)).then_some("Target")
        }
        // Police and intelligence services act in arrests and raids; MUC
        // lists armies, not them, as perpetrator organisations.
        EventRole::PerpetratorOrganisation => (!agency).then_some("PerpOrg"),
    }
}

/// A described perpetrator without the group it is said to belong to, as
/// MUC lists it: "terrorists of the FMLN" → "terrorists", "FMLN urban
/// guerrillas" → "urban guerrillas".
fn without_group<'t>(text: &'t str, mentions: &[Mention], mention: &Mention) -> &'t str {
    let (start, end) = (mention.span.start() as usize, mention.span.end() as usize);
    let mut from = start;
    let mut to = end;
    for inner in mentions.iter().filter(|m| {
        m.span != mention.span
            && m.span.start() as usize >= start
            && m.span.end() as usize <= end
            && matches!(m.kind, MentionKind::Actor | MentionKind::Nationality)
    }) {
        let (a, b) = (inner.span.start() as usize, inner.span.end() as usize);
        if muc_norm(&text[start..a]).is_empty() && b < end {
            from = from.max(b);
        } else if let Some(of) = text[start..a].rfind(" of ") {
            to = to.min(start + of);
        }
    }
    let trimmed = text[from.min(to)..to].trim();
    if trimmed.is_empty() {
        &text[start..end]
    } else {
        trimmed
    }
}

/// Words that end an "of" phrase after a target.
const OF_PHRASE_STOPS: &[&str] = &[
    "after",
    "and",
    "are",
    "at",
    "before",
    "belonging",
    "by",
    "during",
    "for",
    "from",
    "had",
    "has",
    "in",
    "is",
    "located",
    "near",
    "on",
    "owned",
    "that",
    "to",
    "was",
    "were",
    "when",
    "where",
    "which",
    "who",
    "with",
];

/// A target with the "of" phrase that says whose it is, as MUC lists it:
/// "the residence of the ambassador", "offices of the union".
fn with_of_phrase<'t>(text: &'t str, mention: &Mention) -> &'t str {
    let (start, end) = (mention.span.start() as usize, mention.span.end() as usize);
    let rest = &text[end..];
    let Some(after) = rest.strip_prefix(" of ") else {
        return &text[start..end];
    };
    let mut to = end + 4;
    let mut words = 0;
    for word in after.split(' ') {
        let bare = word.trim_end_matches(|c: char| c.is_ascii_punctuation());
        if bare.is_empty()
            || word.starts_with(|c: char| c.is_ascii_punctuation())
            || OF_PHRASE_STOPS.contains(&bare)
            || words == 8
        {
            break;
        }
        to += bare.len();
        words += 1;
        if bare.len() != word.len() {
            break;
        }
        to += 1;
    }
    if words == 0 {
        &text[start..end]
    } else {
        text[start..to].trim_end()
    }
}

/// The fullest name of the person `mention` names: the longest person
/// mention of the text ending in its words ("romero" → "oscar arnulfo
/// romero").
fn full_name<'t>(text: &'t str, mentions: &[Mention], mention: &Mention) -> &'t str {
    let short = muc_norm(&text[mention.span]);
    mentions
        .iter()
        .filter(|m| m.kind == MentionKind::Person)
        .map(|m| &text[m.span])
        .filter(|t| {
            let n = muc_norm(t);
            n.len() > short.len()
                && n.ends_with(&short)
                && n[..n.len() - short.len()].ends_with(' ')
        })
        .max_by_key(|t| t.len())
        .unwrap_or(&text[mention.span])
}

/// Confidence an event needs to be listed.
const MIN_CONFIDENCE: f32 = 0.35;

/// Role fillers of a document's real events (main and background, not
/// hypothetical ones), as MUC lists them: one entity per role and group,
/// each named by its first mention (a person by their fullest name).
fn muc_extracts(
    kb: &Kb,
    text: &str,
    mentions: &[Mention],
    events: &[EventMention],
) -> BTreeMap<&'static str, Vec<Vec<String>>> {
    let mut extracts: BTreeMap<&'static str, Vec<Vec<String>>> =
        ["PerpInd", "PerpOrg", "Target", "Victim", "Weapon"]
            .into_iter()
            .map(|r| (r, Vec::new()))
            .collect();
    let mut fillers: Vec<_> = events
        .iter()
        .filter(|e| e.status != EventStatus::Hypothetical && e.confidence > MIN_CONFIDENCE)
        .flat_map(|e| {
            // A kidnapping's weapons are its captors' arms and its "targets"
            // the places its victims were taken from: MUC lists neither. An
            // incident told only as "an attack" names no means: what it hit
            // and used are mostly those of the fighting around it.
            let captors = matches!(e.event_type.kind.as_str(), "kidnapping" | "hostage_taking");
            let no_means = captors || e.event_type.kind == "attack";
            // Soldiers or police who seize people make an arrest, not a
            // kidnapping.
            let arrest = move |f: &&dossier_model::RoleFiller| {
                f.role == EventRole::PerpetratorIndividual
                    && mentions
                        .iter()
                        .any(|m| m.span == f.span && m.category.as_deref() == Some("armed_actor"))
            };
            // An air force that bombs flies an air raid, an act of war, not
            // a terrorist bombing.
            let air_raid = e.event_type.kind == "bombing";
            let dropped = move |f: &&dossier_model::RoleFiller| {
                (no_means && matches!(f.role, EventRole::Weapon | EventRole::Target))
                    || (captors && arrest(f))
                    || (air_raid
                        && matches!(
                            f.role,
                            EventRole::PerpetratorOrganisation | EventRole::PerpetratorIndividual
                        )
                        && f.text.to_lowercase().ends_with("air force"))
            };
            e.roles.iter().filter(move |f| !dropped(f))
        })
        .collect();
    fillers.sort_by_key(|f| (f.span.start(), f.role));
    let mut seen: BTreeSet<(&'static str, String)> = BTreeSet::new();
    for filler in fillers {
        let mut mention = mentions.iter().find(|m| m.span == filler.span);
        let mut filler_role = filler.role;
        let mut name = filler.text.as_str();
        if filler.role == EventRole::PerpetratorIndividual
            && let Some(org) = mention.and_then(|m| member_of(text, mentions, m))
        {
            mention = Some(org);
            filler_role = EventRole::PerpetratorOrganisation;
            name = &text[org.span];
        }
        if let Some(m) = mention.filter(|m| m.kind == MentionKind::Person) {
            name = full_name(text, mentions, m);
        }
        // Armed institutions keep their country ("the Salvadoran air force").
        if filler_role == EventRole::PerpetratorIndividual
            && let Some(m) = mention.filter(|m| {
                m.kind == MentionKind::Nominal && m.category.as_deref() != Some("armed_actor")
            })
        {
            name = without_group(text, mentions, m);
            // "500 guerrillas" are listed as "guerrillas"; a count stays
            // with plain people nouns, where it describes ("two men").
            let head = name.rsplit(' ').next().unwrap_or_default().to_lowercase();
            if !COUNTED_PEOPLE.contains(&head.as_str()) {
                name = strip_quantifiers(name);
            }
        }
        if filler.role == EventRole::Target
            && let Some(m) = mention.filter(|m| m.kind == MentionKind::Nominal)
        {
            name = with_of_phrase(text, m);
        }
        if matches!(filler.role, EventRole::Target | EventRole::Weapon) {
            name = strip_quantifiers(name);
        }
        let norm = muc_norm(name);
        if norm.is_empty() {
            continue;
        }
        let agency = mention
            .and_then(|m| m.entity.as_ref())
            .filter(|e| e.kind() == "actor")
            .and_then(|e| kb.actor(e.id()))
            .is_some_and(|a| a.kind == ActorKind::Agency);
        let Some(role) = muc_filler_role(filler_role, &norm, mention, &filler.rule, agency) else {
            continue;
        };
        let new_entity = mention
            .and_then(|m| m.entity.as_ref())
            .is_none_or(|e| seen.insert((role, format!("@{}", e.as_str()))));
        if !seen.insert((role, norm)) || !new_entity {
            continue;
        }
        extracts
            .get_mut(role)
            .expect("every role is listed")
            .push(vec![name.to_owned()]);
    }
    extracts
}

/// Every role filler with its event, for error analysis
/// (`DOSSIER_MUC_DEBUG=1`).
fn debug_fillers(text: &str, mentions: &[Mention], events: &[EventMention]) -> serde_json::Value {
    let mut rows = Vec::new();
    for (index, event) in events.iter().enumerate() {
        for filler in &event.roles {
            let mention = mentions.iter().find(|m| m.span == filler.span);
            rows.push(serde_json::json!({
                "role": muc_role(filler.role),
                "text": filler.text,
                "start": filler.span.start(),
                "event": index,
                "status": format!("{:?}", event.status),
                "kind": event.event_type.kind,
                "trigger": &text[event.trigger],
                "trigger_at": event.trigger.start(),
                "rule": filler.rule,
                "confidence": filler.confidence,
                "mkind": mention.map(|m| format!("{:?}", m.kind)),
                "category": mention.and_then(|m| m.category.clone()),
                "entity": filler.entity.as_ref().map(|e| e.as_str().to_owned()),
                "econf": event.confidence,
                "has_time": event.time.is_some(),
                "has_place": event.place.is_some(),
                "place": event.place.as_ref().map(|p| p.name.clone()),
                "ntrig": 1 + event.more_triggers.len(),
                "nevents": events.len(),
            }));
        }
    }
    serde_json::Value::Array(rows)
}

/// `dossier eval muc4 FILE.jsonl`: one prediction line per document, in the
/// format of `score_muc4.py`.
pub(crate) fn eval_muc4(
    kb_files: &[PathBuf],
    input: &Path,
    out: &mut dyn Write,
) -> Result<ExitCode> {
    let text = std::fs::read_to_string(input)
        .with_context(|| format!("cannot read {}", input.display()))?;
    let annotator = knowledge::annotator(kb_files)?;
    let extractor = EventExtractor::default();
    let debug = std::env::var_os("DOSSIER_MUC_DEBUG").is_some();
    let docs: Vec<(usize, &str)> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .collect();
    let lines: Vec<Result<String>> = docs
        .par_iter()
        .map(|&(number, line)| {
            let doc: serde_json::Value = serde_json::from_str(line).with_context(|| {
                format!("{}:{}: not a JSON object", input.display(), number + 1)
            })?;
            let docid = doc["docid"].as_str().unwrap_or_default();
            let doctext = doc["doctext"].as_str().unwrap_or_default();
            let annotation = annotator.annotate(doctext);
            let events = extractor.extract(annotator.kb(), doctext, &annotation, None);
            let mut line = serde_json::json!({"docid": docid, "extracts": muc_extracts(annotator.kb(), doctext, &annotation.mentions, &events)});
            if debug {
                line["debug"] = debug_fillers(doctext, &annotation.mentions, &events);
                line["per_event"] = events
                    .iter()
                    .enumerate()
                    .map(|(index, e)| {
                        serde_json::json!({
                            "event": index,
                            "econf": e.confidence,
                            "status": e.status.name(),
                            "kind": e.event_type.kind,
                            "trigger_at": e.trigger.start(),
                            "ntrig": 1 + e.more_triggers.len(),
                            "extracts": muc_extracts(annotator.kb(), doctext, &annotation.mentions, std::slice::from_ref(e)),
                        })
                    })
                    .collect();
                line["mentions"] = annotation
                    .mentions
                    .iter()
                    .map(|m| {
                        serde_json::json!([
                            &doctext[m.span],
                            format!("{:?}", m.kind),
                            m.category,
                            m.span.start()
                        ])
                    })
                    .collect();
            }
            Ok(line.to_string())
        })
        .collect();
    for line in lines {
        writeln!(out, "{}", line?)?;
    }
    Ok(ExitCode::SUCCESS)
}
