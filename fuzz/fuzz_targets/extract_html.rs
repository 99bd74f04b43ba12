//! HTML → main text never panics, and every span it returns is valid for the
//! clean text and maps inside the input.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let html = String::from_utf8_lossy(data);
    let page = dossier_ingest::extract::extract_html(&html, None);
    for span in &page.paragraphs {
        assert!(span.is_valid_for(&page.text), "paragraph {span:?} invalid");
        let source = page.span_map.to_source(*span);
        assert!(source.end() as usize <= html.len(), "{span:?} maps to {source:?} outside the input");
    }
});
