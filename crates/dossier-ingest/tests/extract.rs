//! Main-text extraction on small, real-looking news pages.

use dossier_ingest::extract::{Extraction, clean_plain_text, extract_html};
use dossier_model::ByteSpan;
use proptest::prelude::*;

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(path).expect("fixture")
}

fn assert_has(page: &Extraction, must: &[&str], must_not: &[&str]) {
    for m in must {
        assert!(page.text.contains(m), "missing {m:?} in {:?}", page.text);
    }
    for m in must_not {
        assert!(!page.text.contains(m), "leaked {m:?} in {:?}", page.text);
    }
}

/// Every paragraph maps to a valid source span that holds its words.
fn assert_spans(page: &Extraction, source: &str) {
    for p in &page.paragraphs {
        let para = page
            .text
            .get(p.range())
            .expect("paragraph span on char boundaries");
        let src_span: ByteSpan = page.span_map.to_source(*p);
        let src = source
            .get(src_span.range())
            .expect("source span on char boundaries");
        for word in para
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.len() > 3)
        {
            assert!(src.contains(word), "{word:?} not in mapped source {src:?}");
        }
    }
}

#[test]
fn wordpress_page() {
    let html = fixture("html/wordpress_news.html");
    let page = extract_html(&html, None);
    assert_has(
        &page,
        &[
            "Gunmen opened fire at the Crocus City Hall",
            "set fire to the building & fled",
            "Investigators said four suspects",
        ],
        &[
            "Home",
            "We use cookies",
            "Share on Facebook",
            "Earlier attack in Dagestan",
            "Please enter your comment!",
            "Leave a Reply",
            "Sign up for our newsletter",
            "All rights reserved",
            "not text",
            "color: red",
        ],
    );
    assert!(
        !page.text.starts_with("Gunmen attack concert hall"),
        "duplicated headline"
    );
    let m = &page.metadata;
    assert_eq!(
        m.title.as_deref(),
        Some("Gunmen attack concert hall near Moscow")
    );
    assert_eq!(m.byline.as_deref(), Some("Jane Doe"));
    assert_eq!(m.site_name.as_deref(), Some("Example News"));
    assert_eq!(
        m.canonical_url.as_deref(),
        Some("https://news.example.com/2024/03/22/attack/")
    );
    assert_eq!(m.url, None, "og:url equal to canonical is not repeated");
    assert_eq!(m.language.as_deref(), Some("en"));
    assert!(m.published.is_some());
    assert_spans(&page, &html);
}

#[test]
fn german_page_with_json_ld() {
    let html = fixture("html/german_news.html");
    let page = extract_html(&html, None);
    assert_has(
        &page,
        &[
            "Unbekannte haben in der Nacht",
            "Nach Angaben der Polizei",
            "Der Staatsschutz",
        ],
        &[
            "Startseite",
            "Impressum",
            "Teilen",
            "Kommentare",
            "Schreibe einen Kommentar",
            "Alle Rechte",
            "Lesen Sie auch",
        ],
    );
    let m = &page.metadata;
    assert_eq!(
        m.title.as_deref(),
        Some("Anschlag auf Polizeiwache in Köln")
    );
    assert_eq!(m.byline.as_deref(), Some("Max Mustermann"));
    assert_eq!(m.site_name.as_deref(), Some("Stadtanzeiger"));
    assert_eq!(m.language.as_deref(), Some("de"));
    assert!(m.published.is_some());
    assert_spans(&page, &html);
}

#[test]
fn entities_map_to_their_source() {
    let html = "<article><p>Gunmen &amp; police exchanged fire near the station&nbsp;on Friday, officials said in a statement to reporters.</p></article>";
    let page = extract_html(html, None);
    assert!(page.text.contains("Gunmen & police"), "{:?}", page.text);
    assert!(page.text.contains("station on Friday"));
    let amp = page.text.find('&').expect("amp");
    let src = page.span_map.to_source(ByteSpan::from_range(amp..amp + 1));
    assert_eq!(&html[src.range()], "&amp;");
    assert_spans(&page, html);
}

#[test]
fn seed_text_is_cleaned() {
    let text = fixture("text/seed_000.txt");
    let page = clean_plain_text(&text);
    assert_eq!(
        page.metadata.title.as_deref(),
        Some(
            "IS-K: Unveiling the Identity of the Islamic State Jihadists Linked to the Moscow Attack"
        )
    );
    assert!(!page.text.contains("Please enter your comment!"));
    assert!(!page.text.contains("Please enter your name here"));
    assert!(!page.text.contains("Enable Google Transliteration"));
    assert!(!page.text.contains("Unveiling IS-K: Insights"));
    assert!(
        page.text
            .starts_with("Despite attempts by President Vladimir Putin")
    );
    assert!(
        page.text
            .trim_end()
            .ends_with("combat terrorism effectively.")
    );
    assert_eq!(page.metadata.language.as_deref(), Some("en"));
    assert_spans(&page, &text);
}

#[test]
fn pathological_inputs_do_not_panic() {
    let deep = "<div>".repeat(100_000)
        + "deep text here, long enough to count as a paragraph of prose."
        + &"</div>".repeat(100_000);
    let page = extract_html(&deep, None);
    assert!(page.text.contains("deep text here"));
    let unclosed =
        "<p>Unclosed <b>bold <i>italic <a href='x'>link <div class=".to_owned() + &"x".repeat(1000);
    let _ = extract_html(&unclosed, None);
    let garbage: String = (0..200_000u32)
        .map(|i| char::from_u32((i * 7919) % 0x2FFF + 1).unwrap_or('x'))
        .collect();
    let _ = extract_html(&garbage, None);
    let big = "<html><body>".to_owned()
        + &"<p>Some paragraph text with words, commas and a full stop.</p>\n".repeat(300_000)
        + "</body></html>";
    assert!(big.len() > 18_000_000);
    let page = extract_html(&big, None);
    assert!(page.paragraphs.len() > 1000);
    for s in [
        "<",
        "&",
        "&#",
        "&#x110000;",
        "<!--",
        "<script>",
        "</",
        "<a",
        "<p \"'>",
        "&amp",
        "\u{a0}",
    ] {
        let _ = extract_html(s, None);
        let _ = clean_plain_text(s);
    }
}

proptest! {
    #[test]
    fn random_input_never_panics(s in "(<[a-z/!]{0,3}|[ a-z&;#<>\"'=\u{a0}ä\n]|&amp;|<p>|</p>|<div class=\"x\">|</div>|<script>|<!--|-->){0,200}") {
        for page in [extract_html(&s, None), clean_plain_text(&s)] {
            for p in &page.paragraphs {
                prop_assert!(page.text.get(p.range()).is_some());
                let src = page.span_map.to_source(*p);
                prop_assert!(s.get(src.range()).is_some(), "bad source span {src:?}");
            }
        }
    }

    #[test]
    fn arbitrary_strings_never_panic(s in any::<String>()) {
        let page = extract_html(&s, None);
        for p in &page.paragraphs {
            prop_assert!(page.text.get(p.range()).is_some());
            prop_assert!(s.get(page.span_map.to_source(*p).range()).is_some());
        }
        let _ = clean_plain_text(&s);
    }
}

/// A page builder's "widget" wrapper or a layout named after its sidebar is
/// not boilerplate when it holds the article; a comment thread still is.
#[test]
fn article_inside_widget_wrapper() {
    let para = |n: u32| {
        format!(
            "<p>Paragraph {n} of the council report says the budget for the new bridge \
             rose again this year, and the vote was postponed until spring.</p>"
        )
    };
    let html = format!(
        "<html><body><nav><a href=/>Home</a> <a href=/news>News</a></nav>\
         <div class=\"layout with-sidebar-right\"><div class=\"elementor-widget-container\">\
         {}{}{}{}</div>\
         <aside class=sidebar><p>Popular: ten ways to save on heating this winter, \
         a guide for tenants and owners alike.</p></aside></div>\
         <div class=comments><p>I disagree with every word of this article, and so \
         does my neighbour, who wrote to the council about it twice.</p>\
         <p>The bridge was needed twenty years ago; the council should have acted \
         then, instead of postponing the vote again and again.</p>\
         <p>Spring is too late for the farmers on the other side of the river, who \
         lose an hour every day driving around.</p></div></body></html>",
        para(1),
        para(2),
        para(3),
        para(4)
    );
    let page = extract_html(&html, None);
    assert_has(
        &page,
        &["Paragraph 1 of the council", "Paragraph 4 of the council"],
        &["Popular: ten ways", "I disagree", "Spring is too late"],
    );
    assert_spans(&page, &html);
}

/// Photo credits and calls to action inside the article container stay out.
#[test]
fn credits_and_calls_to_action_are_dropped() {
    let html = "<html><body><article>\
        <p>The regional parliament passed the new transport law on Thursday, after \
        a debate that lasted well into the night and ended with a narrow vote.</p>\
        <p>Protesters gathered outside the parliament. (Photo: Jane Doe/Getty Images)</p>\
        <p>Opposition leaders said they would challenge the law in the constitutional \
        court, arguing that it had been rushed through without consultation.</p>\
        <p>Never miss a story: sign up for our newsletter today!</p>\
        <p>The law takes effect in January, and the first new bus lines are planned \
        for the spring, according to the transport ministry.</p>\
        </article></body></html>";
    let page = extract_html(html, None);
    assert_has(
        &page,
        &["passed the new transport law", "The law takes effect"],
        &["Getty Images", "sign up for our newsletter"],
    );
}
