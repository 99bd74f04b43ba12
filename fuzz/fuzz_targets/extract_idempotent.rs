//! Property: extracting the extracted text again changes nothing. The first
//! extraction's paragraphs are written back as a minimal page of `<p>`s.
#![no_main]

use libfuzzer_sys::fuzz_target;

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

fuzz_target!(|data: &[u8]| {
    let html = String::from_utf8_lossy(data);
    let first = dossier_ingest::extract::extract_html(&html, None);
    let page: String = first
        .paragraphs
        .iter()
        .map(|span| format!("<p>{}</p>\n", escape(&first.text[span.range()])))
        .collect();
    let page = format!("<html><body><article>{page}</article></body></html>");
    let second = dossier_ingest::extract::extract_html(&page, None);
    assert_eq!(first.text, second.text);
});
