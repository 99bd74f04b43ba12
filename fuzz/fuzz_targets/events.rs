//! Event extraction on arbitrary text, with and without a publication date:
//! no panic, every span on character boundaries of the text, and the same
//! text gives the same records.
#![no_main]

use std::sync::{Arc, OnceLock};

use chrono::NaiveDate;
use dossier_events::EventExtractor;
use dossier_nlp::Annotator;
use libfuzzer_sys::fuzz_target;

fn tools() -> &'static (Annotator, EventExtractor) {
    static TOOLS: OnceLock<(Annotator, EventExtractor)> = OnceLock::new();
    TOOLS.get_or_init(|| {
        let kb = dossier_kb::KbBuilder::with_builtin().unwrap().build().unwrap();
        (Annotator::new(Arc::new(kb)), EventExtractor::default())
    })
}

fuzz_target!(|data: &[u8]| {
    let (annotator, extractor) = tools();
    let text = String::from_utf8_lossy(data);
    let annotation = annotator.annotate(&text);
    let published = NaiveDate::from_ymd_opt(2024, 3, 24);
    for date in [None, published] {
        let events = extractor.extract(annotator.kb(), &text, &annotation, date);
        for event in &events {
            assert!(event.trigger.is_valid_for(&text));
            assert!(event.sentence.is_valid_for(&text));
            for filler in &event.roles {
                assert!(filler.span.is_valid_for(&text));
            }
            for figure in &event.casualties {
                assert!(figure.span.is_valid_for(&text));
                if let (Some(low), Some(high)) = (figure.low, figure.high) {
                    assert!(low <= high);
                }
            }
            if let Some(time) = &event.time {
                assert!(time.span.is_valid_for(&text));
                assert!(date.is_some() || !time.relative || time.date.is_none());
            }
            if let Some(place) = &event.place {
                assert!(place.span.is_valid_for(&text));
            }
        }
        assert_eq!(events, extractor.extract(annotator.kb(), &text, &annotation, date));
    }
});
