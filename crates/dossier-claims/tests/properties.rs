//! Properties of attribution and claim extraction over generated news-like
//! text: no panic, every span inside the text on character boundaries,
//! content pieces in order and apart from the cue, same input → same records.

use std::sync::{Arc, OnceLock};

use dossier_claims::ClaimExtractor;
use dossier_events::EventExtractor;
use dossier_nlp::Annotator;
use proptest::prelude::*;

fn tools() -> &'static (Annotator, EventExtractor, ClaimExtractor) {
    static TOOLS: OnceLock<(Annotator, EventExtractor, ClaimExtractor)> = OnceLock::new();
    TOOLS.get_or_init(|| {
        let kb = dossier_kb::KbBuilder::with_builtin()
            .and_then(dossier_kb::KbBuilder::build)
            .expect("built-in knowledge base");
        (
            Annotator::new(Arc::new(kb)),
            EventExtractor::default(),
            ClaimExtractor::default(),
        )
    })
}

const PIECES: &[&str] = &[
    "US officials",
    "the Kremlin",
    "he",
    "IS-K",
    "said",
    "told reporters",
    "according to",
    "denied",
    "claimed responsibility",
    "is believed to be",
    "has been attributed to",
    "despite attempts by",
    "to attribute",
    "that",
    "the attack",
    "gunmen killed 40 people",
    "through its Amaq news agency",
    "may",
    "reportedly",
    "without providing evidence",
    ",",
    ".",
    ":",
    "“",
    "”",
    "\"",
    "\n\n",
    "Украина отрицает",
    "взяло на себя",
    "é",
    "🙂",
];

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..40).prop_map(|p| p.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn records_are_well_formed_and_deterministic(text in text()) {
        let (annotator, events, extractor) = tools();
        let annotation = annotator.annotate(&text);
        for attribution in extractor.attributions(&text, &annotation) {
            prop_assert!(!attribution.cue.is_empty());
            prop_assert!(!attribution.content.is_empty());
            for span in attribution.cue.iter().chain(&attribution.content).chain(&attribution.source) {
                prop_assert!(span.is_valid_for(&text));
                prop_assert!(span.start() < span.end());
            }
            for pair in attribution.content.windows(2) {
                prop_assert!(pair[0].end() <= pair[1].start());
            }
        }
        let found = events.extract(annotator.kb(), &text, &annotation, None);
        let claims = extractor.extract(annotator.kb(), &text, &annotation, &found);
        for claim in &claims {
            prop_assert!(claim.sentence.is_valid_for(&text));
            for part in claim.speaker.iter().chain(&claim.about).chain(&claim.hedges).chain(&claim.channel) {
                prop_assert!(part.span.is_valid_for(&text));
                prop_assert_eq!(&text.as_str()[part.span], part.text.as_str());
            }
            if let Some(event) = claim.event {
                prop_assert!((event as usize) < found.len());
            }
            prop_assert!((0.0..=1.0).contains(&claim.confidence));
        }
        prop_assert_eq!(claims, extractor.extract(annotator.kb(), &text, &annotation, &found));
    }
}
