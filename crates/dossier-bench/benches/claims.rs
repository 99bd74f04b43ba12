//! Claim extraction per document, alone and with everything it needs
//! (mentions and events): the per-article analysis of #3, #4 and #5.
//!
//! `DOSSIER_BENCH_DOCS=../shared/eval/attribution/dev.docs.jsonl cargo bench
//! -p dossier-bench --bench claims` runs it over the PolNeAR dev texts.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use dossier_claims::ClaimExtractor;
use dossier_events::EventExtractor;

fn claims(c: &mut Criterion) {
    let annotator = dossier_bench::annotator();
    let events = EventExtractor::default();
    let extractor = ClaimExtractor::default();
    let texts = dossier_bench::texts();
    let mut group = c.benchmark_group("claims");
    group.throughput(Throughput::Elements(texts.len() as u64));
    group.bench_function("mentions_events_and_claims", |b| {
        b.iter(|| {
            for text in &texts {
                let annotation = annotator.annotate(text);
                let found = events.extract(annotator.kb(), text, &annotation, None);
                std::hint::black_box(extractor.extract(annotator.kb(), text, &annotation, &found));
            }
        });
    });
    let prepared: Vec<_> = texts
        .iter()
        .map(|t| {
            let annotation = annotator.annotate(t);
            let found = events.extract(annotator.kb(), t, &annotation, None);
            (annotation, found)
        })
        .collect();
    group.bench_function("claims_only", |b| {
        b.iter(|| {
            for (text, (annotation, found)) in texts.iter().zip(&prepared) {
                std::hint::black_box(extractor.extract(annotator.kb(), text, annotation, found));
            }
        });
    });
    group.finish();
}

criterion_group!(benches, claims);
criterion_main!(benches);
