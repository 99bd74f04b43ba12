//! Which reports are independent of one another?
//!
//! Two reports count as two sources only if neither is a copy of the other,
//! their outlets do not share an owner group, and neither takes the fact from
//! the other ("according to Reuters"). Each fact therefore gets a *source
//! key*: the cited outlet when its sentence cites one, else the owner group
//! of the outlet that first published the text, else that outlet, else the
//! original article. Facts sharing a key are one source however many pages
//! repeat them.

use dossier_model::{ByteSpan, Mention};

/// How to name an outlet's owner group: a lookup into the knowledge base.
pub type OwnerOf<'a> = &'a dyn Fn(&str) -> Option<String>;

/// The independent source an article's own statements belong to.
///
/// `origin` is the first article of its copy group (itself when it is no
/// copy) and `origin_outlet` that article's outlet domain.
#[must_use]
pub fn source_key(origin: &str, origin_outlet: Option<&str>, owner_of: OwnerOf<'_>) -> String {
    match origin_outlet {
        Some(domain) => outlet_key(domain, owner_of),
        None => format!("article:{origin}"),
    }
}

/// The source key of an outlet: its owner group when the knowledge base
/// knows one, else its domain.
#[must_use]
pub fn outlet_key(domain: &str, owner_of: OwnerOf<'_>) -> String {
    match owner_of(domain) {
        Some(owner) => format!("owner:{owner}"),
        None => format!("outlet:{domain}"),
    }
}

/// Words before an outlet's name that make it the sentence's source.
const CITING_BEFORE: &[&str] = &[
    "according to",
    "citing",
    "cited by",
    "quoted by",
    "reported by",
    "told",
    "said to",
    "по данным",
    "по сообщению",
    "сообщает",
    "сообщил",
    "передает",
    "передаёт",
];

/// Words after an outlet's name that make it the sentence's source.
const CITING_AFTER: &[&str] = &[
    "reported",
    "reports",
    "said",
    "says",
    "cited",
    "quoted",
    "news agency reported",
    "сообщает",
    "сообщило",
    "передает",
    "передаёт",
];

/// A sentence that takes its facts from an outlet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Citation {
    /// The sentence.
    pub sentence: ByteSpan,
    /// The cited outlet's domain.
    pub outlet: String,
}

fn ends_with_phrase(before: &str, phrases: &[&str]) -> bool {
    let before = before
        .trim_end_matches(|c: char| c.is_whitespace() || c == ',' || c == '(')
        .to_lowercase();
    let before = before
        .strip_suffix(" the")
        .or_else(|| before.strip_suffix(" agency"))
        .unwrap_or(&before);
    phrases.iter().any(|p| {
        before.ends_with(p)
            && before[..before.len() - p.len()]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric())
    })
}

fn starts_with_phrase(after: &str, phrases: &[&str]) -> bool {
    let after = after
        .trim_start_matches(|c: char| c.is_whitespace() || c == ',' || c == ')' || c == '\'')
        .to_lowercase();
    let after = after
        .strip_prefix("news agency ")
        .or_else(|| after.strip_prefix("agency "))
        .unwrap_or(&after);
    phrases.iter().any(|p| {
        after.starts_with(p)
            && after[p.len()..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric())
    })
}

/// Sentences of `text` that cite an outlet as their source, from the
/// article's linked mentions; `own_outlet` (the article's) is no citation.
#[must_use]
pub fn citations(text: &str, mentions: &[Mention], own_outlet: Option<&str>) -> Vec<Citation> {
    let mut found = Vec::new();
    for mention in mentions {
        let Some(entity) = mention.entity.as_ref().filter(|e| e.kind() == "outlet") else {
            continue;
        };
        if Some(entity.id()) == own_outlet {
            continue;
        }
        let (start, end) = (mention.span.start() as usize, mention.span.end() as usize);
        let sentence_start = (mention.sentence.start() as usize).min(start);
        let sentence_end = (mention.sentence.end() as usize).max(end);
        let (Some(before), Some(after)) = (
            text.get(sentence_start..start),
            text.get(end..sentence_end.min(text.len())),
        ) else {
            continue;
        };
        if ends_with_phrase(before, CITING_BEFORE) || starts_with_phrase(after, CITING_AFTER) {
            let citation = Citation {
                sentence: mention.sentence,
                outlet: entity.id().to_owned(),
            };
            if !found.contains(&citation) {
                found.push(citation);
            }
        }
    }
    found
}

/// The outlet a statement at `span` takes its facts from, if its sentence
/// cites one.
#[must_use]
pub fn cited_in(citations: &[Citation], span: ByteSpan) -> Option<&str> {
    citations
        .iter()
        .find(|c| c.sentence.start() <= span.start() && span.end() <= c.sentence.end())
        .map(|c| c.outlet.as_str())
}

#[cfg(test)]
mod tests {
    use dossier_model::{EntityKey, MentionKind};

    use super::*;

    fn outlet_mention(text: &str, name: &str, domain: &str) -> Mention {
        let start = text.find(name).unwrap();
        Mention {
            span: ByteSpan::new(start as u32, (start + name.len()) as u32),
            sentence: ByteSpan::new(0, text.len() as u32),
            kind: MentionKind::Outlet,
            category: None,
            entity: Some(EntityKey::outlet(domain)),
            candidates: Vec::new(),
            confidence: 0.9,
            rule: "gazetteer".to_owned(),
        }
    }

    #[test]
    fn according_to_and_reported_are_citations() {
        let owner = |_: &str| None;
        for (text, name) in [
            ("At least 60 people died, according to Reuters.", "Reuters"),
            ("Reuters reported that 60 people died.", "Reuters"),
            (
                "At least 60 died, the Reuters news agency reported.",
                "Reuters",
            ),
            ("60 people died, citing Reuters.", "Reuters"),
        ] {
            let mentions = [outlet_mention(text, name, "reuters.com")];
            let found = citations(text, &mentions, None);
            assert_eq!(found.len(), 1, "{text}");
            assert_eq!(outlet_key(&found[0].outlet, &owner), "outlet:reuters.com");
        }
    }

    #[test]
    fn naming_an_outlet_is_not_citing_it() {
        let text = "Reuters journalists were among the crowd.";
        let mentions = [outlet_mention(text, "Reuters", "reuters.com")];
        assert!(citations(text, &mentions, None).is_empty());
        let text = "According to Reuters, 60 died.";
        let mentions = [outlet_mention(text, "Reuters", "reuters.com")];
        assert!(citations(text, &mentions, Some("reuters.com")).is_empty());
    }

    #[test]
    fn owners_merge_outlets() {
        let owner = |d: &str| (d == "cnn.com").then(|| "Warner Bros. Discovery".to_owned());
        assert_eq!(
            source_key("a1", Some("cnn.com"), &owner),
            "owner:Warner Bros. Discovery"
        );
        assert_eq!(source_key("a1", None, &owner), "article:a1");
    }
}
