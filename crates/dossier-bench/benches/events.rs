//! Mentions plus event extraction, per document: the whole per-article
//! analysis after main-text extraction.
//!
//! `DOSSIER_BENCH_DOCS=../shared/eval/muc4/dev.jsonl cargo bench -p
//! dossier-bench --bench events` runs it over the MUC-4 dev texts.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use dossier_events::EventExtractor;

fn events(c: &mut Criterion) {
    let annotator = dossier_bench::annotator();
    let extractor = EventExtractor::default();
    let texts = dossier_bench::texts();
    let mut group = c.benchmark_group("events");
    group.throughput(Throughput::Elements(texts.len() as u64));
    group.bench_function("mentions_and_events", |b| {
        b.iter(|| {
            for text in &texts {
                let annotation = annotator.annotate(text);
                std::hint::black_box(extractor.extract(annotator.kb(), text, &annotation, None));
            }
        });
    });
    let annotations: Vec<_> = texts.iter().map(|t| annotator.annotate(t)).collect();
    group.bench_function("events_only", |b| {
        b.iter(|| {
            for (text, annotation) in texts.iter().zip(&annotations) {
                std::hint::black_box(extractor.extract(annotator.kb(), text, annotation, None));
            }
        });
    });
    group.finish();
}

criterion_group!(benches, events);
criterion_main!(benches);
