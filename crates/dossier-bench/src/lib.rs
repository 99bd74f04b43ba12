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
