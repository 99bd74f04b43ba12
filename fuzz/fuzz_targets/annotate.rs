//! Sentence splitting and mention linking on arbitrary text: no panic, and
//! every span lies on character boundaries of the text.
#![no_main]

use std::sync::{Arc, OnceLock};

use dossier_nlp::Annotator;
use libfuzzer_sys::fuzz_target;

fn annotator() -> &'static Annotator {
    static ANNOTATOR: OnceLock<Annotator> = OnceLock::new();
    ANNOTATOR.get_or_init(|| {
        let kb = dossier_kb::KbBuilder::with_builtin().unwrap().build().unwrap();
        Annotator::new(Arc::new(kb))
    })
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let annotation = annotator().annotate(&text);
    for mention in &annotation.mentions {
        assert!(mention.span.is_valid_for(&text));
        assert!(mention.sentence.is_valid_for(&text));
    }
    for alias in &annotation.aliases {
        assert!(alias.span.is_valid_for(&text));
    }
});
