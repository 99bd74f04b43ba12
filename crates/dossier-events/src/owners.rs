//! Named people an attack report mentions for the group they lead or the
//! relative who was hit, not as victims: "leaders of the Cristiani
//! administration were threatened", "the driver of X was killed". (An
//! owner, "X's residence was bombed", stays: the attack aimed at X.)

use dossier_model::{EventRole, MentionKind};

use crate::doc::Doc;
use crate::roles::Pick;

/// Nouns after a name that make it stand for a group: "the Cristiani
/// administration".
const GROUP_NOUNS: &[&str] = &["administration", "faction", "government", "regime"];

/// Relations before "of NAME" that make the relative the victim: "the
/// driver of X".
const RELATIONS: &[&str] = &[
    "bodyguard",
    "bodyguards",
    "brother",
    "children",
    "daughter",
    "driver",
    "escort",
    "escorts",
    "father",
    "husband",
    "mother",
    "nephew",
    "niece",
    "relatives",
    "sister",
    "son",
    "widow",
    "wife",
];

/// Drops victim picks of named people who only lead or are related to the
/// event's real patient.
pub(crate) fn drop_owners(doc: &Doc<'_>, picks: &mut Vec<Pick>) {
    picks.retain(|p| {
        p.role != EventRole::Victim
            || doc.mentions[p.mention].kind != MentionKind::Person
            || !owner(doc, p.mention)
    });
}

/// Whether the named person of mention `index` names a group ("the X
/// government") or the person whose relative is meant ("the son of X").
fn owner(doc: &Doc<'_>, index: usize) -> bool {
    let span = doc.mentions[index].span;
    let after: String = doc.text[span.end() as usize..]
        .chars()
        .take(40)
        .collect::<String>()
        .to_lowercase();
    let first_word = |text: &str| -> String {
        text.split_whitespace()
            .next()
            .unwrap_or_default()
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_owned()
    };
    if after.starts_with(' ') && GROUP_NOUNS.contains(&first_word(&after).as_str()) {
        return true;
    }
    let start = span.start() as usize;
    let mut from = start.saturating_sub(40);
    while !doc.text.is_char_boundary(from) {
        from -= 1;
    }
    let before: Vec<String> = doc.text[from..start]
        .to_lowercase()
        .split_whitespace()
        .rev()
        .take(3)
        .map(str::to_owned)
        .collect();
    let relation = match before.as_slice() {
        [of, relation, ..] if of == "of" => relation,
        [the, of, relation] if the == "the" && of == "of" => relation,
        _ => return false,
    };
    RELATIONS.contains(&relation.as_str())
}
