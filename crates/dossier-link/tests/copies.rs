//! Copy detection over hand-written wire-style reports of one incident
//! (issue #6): an original, a syndicated copy with its own intro and
//! boilerplate tail, a verbatim undated repost, a rewrite that keeps three
//! sentences, an independent report that shares only a quoted official
//! statement, and an unrelated report.

use dossier_link::{CopyDetector, CopyDoc, CopyKind, CopyLink, Fingerprint, compare};
use dossier_model::ByteSpan;

struct Report {
    id: String,
    published: Option<String>,
    text: String,
}

fn reports() -> Vec<Report> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/copies.jsonl");
    let data = std::fs::read_to_string(path).expect("fixture file");
    data.lines()
        .map(|line| {
            let value: serde_json::Value = serde_json::from_str(line).expect("JSON line");
            let field = |name: &str| value.get(name).and_then(|v| v.as_str()).map(str::to_owned);
            Report {
                id: field("id").expect("id"),
                published: field("published"),
                text: field("text").expect("text"),
            }
        })
        .collect()
}

/// Sentence spans at ". " and line breaks: enough for these texts (the
/// pipeline's sentence layer does this properly).
fn sentences(text: &str) -> Vec<ByteSpan> {
    let mut spans = Vec::new();
    let mut start = 0;
    for (index, c) in text.char_indices() {
        let end = index + c.len_utf8();
        if c == '\n' || (c == '.' && text[end..].starts_with(' ')) {
            if !text[start..end].trim().is_empty() {
                spans.push(ByteSpan::from_range(start..end));
            }
            start = end;
        }
    }
    if !text[start..].trim().is_empty() {
        spans.push(ByteSpan::from_range(start..text.len()));
    }
    spans
}

fn detect(order: &[usize]) -> (CopyDetector, Vec<CopyLink>) {
    let reports = reports();
    let mut detector = CopyDetector::new();
    let mut links = Vec::new();
    for &index in order {
        let report = &reports[index];
        let spans = sentences(&report.text);
        links.extend(detector.add(&CopyDoc {
            id: &report.id,
            published: report.published.as_deref(),
            text: &report.text,
            sentences: &spans,
        }));
    }
    (detector, links)
}

fn pair(links: &[CopyLink], a: &str, b: &str) -> Option<CopyLink> {
    links
        .iter()
        .find(|l| (l.article == a && l.other == b) || (l.article == b && l.other == a))
        .cloned()
}

#[test]
fn syndicated_copy_and_repost_are_near_duplicates() {
    let (_, links) = detect(&[0, 1, 2, 3, 4, 5]);
    let wire = "wire-example.crocus-dozens-dead";
    let syndicated =
        pair(&links, wire, "capital-observer.crocus-syndicated").expect("syndicated copy found");
    assert_eq!(syndicated.kind, CopyKind::NearDuplicate);
    assert!(syndicated.similarity > 0.6, "{syndicated:?}");
    let repost = pair(&links, wire, "mirror-news.crocus-copy").expect("repost found");
    assert_eq!(repost.kind, CopyKind::NearDuplicate);
    assert!(repost.similarity > 0.99);
}

#[test]
fn rewrite_is_found_through_shared_sentences() {
    let (_, links) = detect(&[0, 1, 2, 3, 4, 5]);
    let rewrite = pair(
        &links,
        "wire-example.crocus-dozens-dead",
        "evening-ledger.crocus-rewrite",
    )
    .expect("rewrite found");
    assert_eq!(rewrite.kind, CopyKind::Rewrite);
    assert_eq!(rewrite.shared_sentences, 3);
    assert!(rewrite.similarity < 0.5, "{rewrite:?}");
}

#[test]
fn a_shared_quotation_and_an_unrelated_report_are_not_copies() {
    let (_, links) = detect(&[0, 1, 2, 3, 4, 5]);
    for link in &links {
        for id in [
            "volga-regional.crocus-independent",
            "harbour-gazette.port-strike",
        ] {
            assert!(link.article != id && link.other != id, "{link:?}");
        }
    }
}

#[test]
fn groups_have_the_earliest_report_as_origin_in_any_order() {
    let expected_members = vec![
        "capital-observer.crocus-syndicated".to_owned(),
        "evening-ledger.crocus-rewrite".to_owned(),
        "mirror-news.crocus-copy".to_owned(),
        "wire-example.crocus-dozens-dead".to_owned(),
    ];
    for order in [[0, 1, 2, 3, 4, 5], [5, 4, 3, 2, 1, 0], [2, 4, 1, 5, 0, 3]] {
        let (detector, _) = detect(&order);
        let groups = detector.groups();
        assert_eq!(groups.len(), 1, "{order:?}");
        let group = groups.group_of("mirror-news.crocus-copy").expect("grouped");
        // The undated repost comes after every dated report, and the
        // day-only date of the rewrite after the timed wire report.
        assert_eq!(group.origin, "wire-example.crocus-dozens-dead");
        assert_eq!(group.members, expected_members);
        assert!(
            groups
                .group_of("volga-regional.crocus-independent")
                .is_none()
        );
    }
}

#[test]
fn fingerprints_round_trip_through_storage() {
    let reports = reports();
    let spans = sentences(&reports[0].text);
    let fingerprint = Fingerprint::new(&CopyDoc {
        id: &reports[0].id,
        published: None,
        text: &reports[0].text,
        sentences: &spans,
    });
    let json = serde_json::to_string(&fingerprint).expect("serialise");
    let back: Fingerprint = serde_json::from_str(&json).expect("deserialise");
    assert_eq!(back, fingerprint);
    let bytes = fingerprint.signature.to_bytes();
    assert_eq!(
        dossier_link::Signature::from_bytes(&bytes).ok(),
        Some(fingerprint.signature.clone())
    );
    assert!(compare(&back, &fingerprint).is_some());
}
