//! Fixtures for Dossier's benchmarks: the bundled sample corpus and, when
//! `DOSSIER_BENCH_PAGES` names a folder of `*.html` pages, those pages too.
#![warn(missing_docs)]

use std::path::{Path, PathBuf};

/// The repository's bundled sample corpus.
#[must_use]
pub fn sample_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../sample")
}

/// HTML pages to benchmark extraction on: `(name, html)` sorted by name.
/// Uses `DOSSIER_BENCH_PAGES` when set (for example the unpacked extraction
/// dev set), otherwise the sample corpus's HTML pages.
#[must_use]
pub fn html_pages() -> Vec<(String, String)> {
    let dir = std::env::var_os("DOSSIER_BENCH_PAGES")
        .map_or_else(|| sample_dir().join("html"), PathBuf::from);
    let mut pages: Vec<(String, String)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|err| panic!("cannot read {}: {err}", dir.display()))
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "html"))
        .filter_map(|path| {
            let bytes = std::fs::read(&path).ok()?;
            let text = dossier_ingest::charset::decode(&bytes, None).text;
            Some((path.file_name()?.to_string_lossy().into_owned(), text))
        })
        .collect();
    pages.sort();
    pages
}

/// The annotator over the built-in knowledge base.
///
/// # Panics
/// When the built-in knowledge base is broken (a bug the tests catch).
#[must_use]
pub fn annotator() -> std::sync::Arc<dossier_nlp::Annotator> {
    let kb = dossier_kb::KbBuilder::with_builtin()
        .and_then(dossier_kb::KbBuilder::build)
        .expect("built-in knowledge base");
    std::sync::Arc::new(dossier_nlp::Annotator::new(std::sync::Arc::new(kb)))
}

/// Texts to benchmark annotation on: the `doctext` of every line of the
/// JSON Lines file `DOSSIER_BENCH_DOCS` names (for example the MUC-4 dev
/// set, which is not shipped), otherwise the bundled sample's plain texts.
#[must_use]
pub fn texts() -> Vec<String> {
    if let Some(path) = std::env::var_os("DOSSIER_BENCH_DOCS") {
        let data = std::fs::read_to_string(&path)
            .unwrap_or_else(|err| panic!("cannot read {}: {err}", Path::new(&path).display()));
        return data
            .lines()
            .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
            .filter_map(|doc| {
                doc.get("doctext")
                    .or_else(|| doc.get("text"))
                    .and_then(|t| t.as_str().map(str::to_owned))
            })
            .collect();
    }
    let mut texts: Vec<String> = std::fs::read_dir(sample_dir().join("seeds"))
        .expect("the sample's seeds")
        .filter_map(Result::ok)
        .filter_map(|entry| std::fs::read_to_string(entry.path()).ok())
        .collect();
    texts.sort();
    texts
}
