//! Sentence splitting plus mention finding and linking, per document.
//!
//! `DOSSIER_BENCH_DOCS=../shared/eval/muc4/dev.jsonl cargo bench -p
//! dossier-bench --bench mentions` runs it over the MUC-4 dev texts.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

fn annotate(c: &mut Criterion) {
    let annotator = dossier_bench::annotator();
    let texts = dossier_bench::texts();
    let mut group = c.benchmark_group("mentions");
    group.throughput(Throughput::Elements(texts.len() as u64));
    group.bench_function("sentences_and_mentions", |b| {
        b.iter(|| {
            for text in &texts {
                std::hint::black_box(annotator.annotate(text));
            }
        });
    });
    group.finish();
}

criterion_group!(benches, annotate);
criterion_main!(benches);
