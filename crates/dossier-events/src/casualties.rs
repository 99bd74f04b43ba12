//! Casualty figures: a count tied to a casualty word — "at least 133 people
//! were killed", "killing 12", "145 injured", "the death toll rose to 143",
//! "dozens dead", "five hostages". Only a stated count gives a figure:
//! "deadly" or "a civilian was killed" give none.

use dossier_model::CasualtyKind;
use dossier_nlp::quantities::{Qualifier, Quantity};

use crate::doc::Doc;

/// A casualty figure before its event and dates are known.
#[derive(Clone, Debug)]
pub(crate) struct Figure {
    pub(crate) kind: CasualtyKind,
    pub(crate) quantity: Quantity,
    pub(crate) sentence: usize,
    pub(crate) who: Option<String>,
}

fn casualty_word(word: &str) -> Option<CasualtyKind> {
    Some(match word {
        "killed" | "dead" | "died" | "deaths" | "fatalities" | "slain" | "murdered"
        | "perished" | "bodies" | "executed" | "massacred" | "lives" => CasualtyKind::Killed,
        // Russian: "137 погибших", "40 человек погибли"
        "погибших" | "погибли" | "погиб" | "погибло" | "убитых" | "убиты" | "убито" => {
            CasualtyKind::Killed
        }
        "пострадавших" | "пострадали" | "раненых" | "ранены" | "ранено" => {
            CasualtyKind::Wounded
        }
        "пропавших" => CasualtyKind::Missing,
        "заложников" | "похищенных" => CasualtyKind::Kidnapped,
        "wounded" | "injured" | "hurt" | "injuries" | "hospitalised" | "hospitalized"
        | "hospital" | "hospitals" => CasualtyKind::Wounded,
        "missing" | "unaccounted" | "disappeared" => CasualtyKind::Missing,
        "kidnapped" | "abducted" | "hostages" | "hostage" | "captive" | "captives" | "kidnaped" => {
            CasualtyKind::Kidnapped
        }
        _ => return None,
    })
}

/// Active verbs whose object is the count: "killing 12", "wounded five".
fn active_casualty_verb(word: &str) -> Option<CasualtyKind> {
    match word {
        "toll" | "dead" => None,
        _ => casualty_before(word),
    }
}

/// Verbs and nouns that take a count after them: "killing 12", "wounding
/// dozens", "the death toll rose to 143".
fn casualty_before(word: &str) -> Option<CasualtyKind> {
    Some(match word {
        "killing" | "killed" | "kill" | "kills" | "toll" | "dead" | "murdering" => {
            CasualtyKind::Killed
        }
        "wounding" | "injuring" | "wounded" | "injured" | "пострадали" | "ранены" => {
            CasualtyKind::Wounded
        }
        "погибли" | "погибло" | "убиты" => CasualtyKind::Killed,
        "kidnapping" | "abducting" | "kidnapped" | "abducted" | "seizing" => {
            CasualtyKind::Kidnapped
        }
        _ => return None,
    })
}

/// Who a count counts, when the noun says more than "people".
const WHO: &[&str] = &[
    "adults",
    "agents",
    "assailants",
    "attackers",
    "bodyguards",
    "children",
    "civilians",
    "commandos",
    "employees",
    "fighters",
    "foreigners",
    "gunmen",
    "guards",
    "guerrillas",
    "insurgents",
    "journalists",
    "members",
    "militants",
    "officers",
    "passengers",
    "peasants",
    "pilgrims",
    "police",
    "policemen",
    "rebels",
    "security",
    "soldiers",
    "spectators",
    "students",
    "terrorists",
    "tourists",
    "troops",
    "women",
    "workers",
    "worshippers",
];

/// Words that may stand between a count and its casualty word.
const FILLER: &[&str] = &[
    "people",
    "persons",
    "others",
    "more",
    "other",
    "individuals",
    "victims",
    "of",
    "them",
    "were",
    "was",
    "are",
    "is",
    "have",
    "has",
    "had",
    "been",
    "be",
    "being",
    "reported",
    "reportedly",
    "confirmed",
    "believed",
    "feared",
    "left",
    "now",
    "also",
    "being",
    "and",
    "seriously",
    "critically",
    "badly",
    "severely",
    "slightly",
    "lightly",
    "wounded",
    "those",
    "innocent",
    "unarmed",
    "russian",
    "local",
    "foreign",
    "young",
    "security",
    "people's",
    // "145 were taken to hospital", "97 were still in hospital"
    "taken",
    "to",
    "in",
    "remained",
    "remain",
    "still",
    // Russian: "139 человек", "были"
    "человек",
    "человека",
    "людей",
    "были",
    "было",
];

/// Words after a count that say it counts something other than people:
/// "risen several times", "for three days".
const UNITS: &[&str] = &[
    "days",
    "hours",
    "km",
    "kilometres",
    "kilometers",
    "metres",
    "meters",
    "miles",
    "minutes",
    "months",
    "per",
    "percent",
    "times",
    "weeks",
    "years",
    "%",
];

/// Words between a toll noun and its count: "the number of people injured in
/// the attack stands at 182".
const TOLL_VERBS: &[&str] = &[
    "climbed",
    "increased",
    "jumped",
    "reached",
    "risen",
    "rose",
    "stands",
    "stood",
    "is",
    "was",
    "возросло",
    "выросло",
    "достигло",
    "составило",
    "составляет",
    "увеличилось",
];

/// The first token index at or after byte `offset`.
fn token_at(doc: &Doc<'_>, offset: u32) -> usize {
    doc.tokens.partition_point(|t| t.span.start() < offset)
}

/// Every casualty figure of `doc`.
pub(crate) fn find(doc: &Doc<'_>, quantities: &[Quantity]) -> Vec<Figure> {
    let mut figures = Vec::new();
    for quantity in quantities {
        if quantity.value.is_none() && quantity.low.is_none() {
            continue;
        }
        // A year or a clock time is no casualty count.
        if quantity.qualifier == Qualifier::Exact
            && quantity.value.is_some_and(|v| (1900..=2100).contains(&v))
        {
            continue;
        }
        let start = token_at(doc, quantity.span.start());
        let end = token_at(doc, quantity.span.end());
        let Some(&sentence) = doc.sentence_of_token.get(start) else {
            continue;
        };
        if UNITS.contains(&doc.word(end)) {
            continue;
        }
        let (_, sentence_end) = doc.sentence_tokens[sentence];
        // After: "133 people were killed", "12 dead", "five hostages". An
        // active verb right before the count settles it first: in "killed
        // 12 soldiers and wounded five", "wounded" is the next count's.
        let mut who = None;
        let mut kind = start
            .checked_sub(1)
            .filter(|&at| doc.sentence_of_token[at] == sentence)
            .and_then(|at| active_casualty_verb(doc.word(at)));
        let mut at = end;
        while at < sentence_end && at < end + 6 {
            let word = doc.word(at);
            if let Some(k) = casualty_word(word) {
                kind.get_or_insert(k);
                break;
            }
            if WHO.contains(&word) {
                who.get_or_insert_with(|| word.to_owned());
            } else if !FILLER.contains(&word) {
                break;
            }
            at += 1;
        }
        // Before: "killing 12", "the toll rose to 143".
        if kind.is_none() {
            let mut at = start;
            for _ in 0..5 {
                if at == 0 {
                    break;
                }
                at -= 1;
                let word = doc.word(at);
                if doc.sentence_of_token[at] != sentence {
                    break;
                }
                if let Some(k) = casualty_before(word) {
                    // "toll" needs "death" or a toll verb; other words stand.
                    kind = Some(k);
                    break;
                }
                if !matches!(
                    word,
                    "to" | "at"
                        | "до"
                        | "rose"
                        | "risen"
                        | "climbed"
                        | "reached"
                        | "stood"
                        | "stands"
                        | "increased"
                        | "jumped"
                        | "has"
                        | "had"
                        | "is"
                        | "was"
                        | "now"
                        | "of"
                        | "number"
                        | "the"
                        | "death"
                        | "further"
                        | "another"
                        | "some"
                ) {
                    break;
                }
            }
        }
        // "the number of people injured in the attack stands at 182": a toll
        // verb before the count, a toll noun a few words further back.
        if kind.is_none() {
            let verb_at = (start.saturating_sub(3)..start)
                .rev()
                .find(|&at| TOLL_VERBS.contains(&doc.word(at)));
            if let Some(verb) = verb_at {
                let from = verb.saturating_sub(16).max(doc.sentence_tokens[sentence].0);
                let toll = (from..verb)
                    .any(|at| matches!(doc.word(at), "number" | "toll" | "число" | "количество"));
                if toll {
                    kind = (from..verb).find_map(|at| casualty_word(doc.word(at)));
                }
            }
        }
        // "139 killed as of 25 March, up from 137": the earlier figure of
        // the same count.
        if kind.is_none()
            && start >= 2
            && doc.word(start - 1) == "from"
            && matches!(doc.word(start - 2), "up" | "down" | "risen" | "rose")
        {
            kind = figures
                .last()
                .filter(|f: &&Figure| f.sentence == sentence)
                .map(|f| f.kind);
        }
        if let Some(kind) = kind {
            figures.push(Figure {
                kind,
                quantity: *quantity,
                sentence,
                who,
            });
        }
    }
    figures
}

/// The qualifier's snake-case name.
pub(crate) fn qualifier_name(qualifier: Qualifier) -> &'static str {
    match qualifier {
        Qualifier::Exact => "exact",
        Qualifier::AtLeast => "at_least",
        Qualifier::AtMost => "at_most",
        Qualifier::Approximately => "approximately",
        Qualifier::Range => "range",
        Qualifier::Vague => "vague",
    }
}
