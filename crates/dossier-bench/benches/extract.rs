//! Main-text extraction throughput (bytes/s and pages/s) on real pages.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use dossier_ingest::extract::extract_html;

fn extraction(c: &mut Criterion) {
    let pages = dossier_bench::html_pages();
    let bytes: usize = pages.iter().map(|(_, html)| html.len()).sum();
    let mut group = c.benchmark_group("extract");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("html_pages_bytes", |b| {
        b.iter(|| {
            for (_, html) in &pages {
                std::hint::black_box(extract_html(html, None));
            }
        });
    });
    group.throughput(Throughput::Elements(pages.len() as u64));
    group.bench_function("html_pages_count", |b| {
        b.iter(|| {
            for (_, html) in &pages {
                std::hint::black_box(extract_html(html, None));
            }
        });
    });
    group.finish();
}

criterion_group!(benches, extraction);
criterion_main!(benches);
