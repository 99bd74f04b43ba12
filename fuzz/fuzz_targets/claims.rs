//! Attribution and claim extraction on arbitrary text: no panic, every span
//! on character boundaries of the text, and the same text gives the same
//! records.
#![no_main]

use std::sync::{Arc, OnceLock};

use dossier_claims::ClaimExtractor;
use dossier_events::EventExtractor;
use dossier_nlp::Annotator;
use libfuzzer_sys::fuzz_target;

fn tools() -> &'static (Annotator, EventExtractor, ClaimExtractor) {
    static TOOLS: OnceLock<(Annotator, EventExtractor, ClaimExtractor)> = OnceLock::new();
    TOOLS.get_or_init(|| {
        let kb = dossier_kb::KbBuilder::with_builtin().unwrap().build().unwrap();
        (
            Annotator::new(Arc::new(kb)),
            EventExtractor::default(),
            ClaimExtractor::default(),
        )
    })
}

fuzz_target!(|data: &[u8]| {
    let (annotator, events, extractor) = tools();
    let text = String::from_utf8_lossy(data);
    let annotation = annotator.annotate(&text);
    for attribution in extractor.attributions(&text, &annotation) {
        for span in attribution.cue.iter().chain(&attribution.content).chain(&attribution.source) {
            assert!(span.is_valid_for(&text));
        }
    }
    let found = events.extract(annotator.kb(), &text, &annotation, None);
    let claims = extractor.extract(annotator.kb(), &text, &annotation, &found);
    for claim in &claims {
        for part in claim.speaker.iter().chain(&claim.about).chain(&claim.hedges).chain(&claim.channel) {
            assert!(part.span.is_valid_for(&text));
        }
        if let Some(event) = claim.event {
            assert!((event as usize) < found.len());
        }
    }
    assert_eq!(claims, extractor.extract(annotator.kb(), &text, &annotation, &found));
});
