//! End-to-end ingest of the bundled sample corpus into a fresh SQLite store.

use criterion::{Criterion, criterion_group, criterion_main};
use dossier_pipeline::{IngestOptions, Pipeline, Runner, ingest, registry};
use dossier_store::SqliteStore;

fn ingest_sample(c: &mut Criterion) {
    let sample = dossier_bench::sample_dir().to_string_lossy().into_owned();
    let annotator = dossier_bench::annotator();
    let runner = Runner::new(
        Pipeline::new(registry::components(registry::DEFAULT_COMPONENTS, &annotator).unwrap())
            .unwrap(),
    );
    c.bench_function("ingest/sample_corpus", |b| {
        b.iter_with_setup(
            || tempfile::tempdir().unwrap(),
            |dir| {
                let mut store = SqliteStore::open(&dir.path().join("bench.db")).unwrap();
                let summary = ingest(
                    std::slice::from_ref(&sample),
                    &runner,
                    &mut store,
                    &IngestOptions::default(),
                    &mut |_| {},
                )
                .unwrap();
                std::hint::black_box(summary);
            },
        );
    });
}

criterion_group!(benches, ingest_sample);
criterion_main!(benches);
