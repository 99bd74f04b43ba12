//! Properties of event extraction over generated news-like text: no panic,
//! spans inside the text on character boundaries, bounds in order, no
//! relative date resolved without a publication date, same input → same
//! records.

use std::sync::{Arc, OnceLock};

use chrono::NaiveDate;
use dossier_events::EventExtractor;
use dossier_nlp::Annotator;
use proptest::prelude::*;

fn tools() -> &'static (Annotator, EventExtractor) {
    static TOOLS: OnceLock<(Annotator, EventExtractor)> = OnceLock::new();
    TOOLS.get_or_init(|| {
        let kb = dossier_kb::KbBuilder::with_builtin()
            .and_then(dossier_kb::KbBuilder::build)
            .expect("built-in knowledge base");
        (Annotator::new(Arc::new(kb)), EventExtractor::default())
    })
}

const PIECES: &[&str] = &[
    "Gunmen",
    "the FMLN",
    "IS-K",
    "guerrillas",
    "attacked",
    "bombed",
    "killed",
    "kidnapped",
    "set fire to",
    "a car bomb exploded",
    "was killed by",
    "the embassy",
    "a bus",
    "at least 133 people",
    "dozens",
    "more than 60",
    "were wounded",
    "the death toll rose to",
    "143",
    "on Friday",
    "last week",
    "in 2021",
    "on 22 March",
    "in Moscow",
    "near the Afghan border",
    "in Krasnogorsk, outside Moscow",
    "threatened to",
    "police said",
    "claimed responsibility",
    ",",
    ".",
    "\n\n",
    "Крокус",
    "é",
    "🙂",
];

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..40).prop_map(|p| p.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn records_are_well_formed_and_deterministic(text in text(), dated in any::<bool>()) {
        let (annotator, extractor) = tools();
        let annotation = annotator.annotate(&text);
        let published = dated.then(|| NaiveDate::from_ymd_opt(2024, 3, 24).unwrap());
        let events = extractor.extract(annotator.kb(), &text, &annotation, published);
        for event in &events {
            prop_assert!(event.trigger.is_valid_for(&text));
            prop_assert!(event.sentence.is_valid_for(&text));
            for filler in &event.roles {
                prop_assert!(filler.span.is_valid_for(&text));
                prop_assert_eq!(&text.as_str()[filler.span], filler.text.as_str());
            }
            for figure in &event.casualties {
                prop_assert!(figure.span.is_valid_for(&text));
                if let (Some(low), Some(high)) = (figure.low, figure.high) {
                    prop_assert!(low <= high);
                }
            }
            if let Some(time) = &event.time {
                prop_assert!(time.span.is_valid_for(&text));
                prop_assert!(published.is_some() || !time.relative || time.date.is_none());
            }
        }
        prop_assert_eq!(events, extractor.extract(annotator.kb(), &text, &annotation, published));
    }
}

/// Found by `cargo fuzz run events`: the recogniser matched a place ("aka")
/// inside the last token ("a'aka"), and the rules indexed one past the
/// token list.
#[test]
fn mention_inside_the_last_token_does_not_panic() {
    let (annotator, extractor) = tools();
    for text in ["\0hit,a'aka", "Gunmen attacked a'aka", "hit,a'aka."] {
        let annotation = annotator.annotate(text);
        let published = NaiveDate::from_ymd_opt(2024, 3, 24);
        let events = extractor.extract(annotator.kb(), text, &annotation, published);
        assert!(events.iter().all(|e| e.trigger.is_valid_for(text)));
    }
}
