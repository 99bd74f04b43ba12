//! Copy detection per document (issue #6): shingles + MinHash alone, with
//! LSH query and insert, and the whole `CopyDetector::add`.
//!
//! Runs over the texts of the JSON Lines file `DOSSIER_BENCH_DOCS` names,
//! for example `DOSSIER_BENCH_DOCS=../shared/eval/clustering/dev.docs.jsonl
//! cargo bench -p dossier-bench --bench near_duplicates` (670 ECB+ news
//! articles), otherwise over the bundled sample's texts.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use dossier_link::{CopyDetector, CopyDoc, LshIndex, Signature, shingle::Shingler};

fn near_duplicates(c: &mut Criterion) {
    let texts = dossier_bench::texts();
    let ids: Vec<String> = (0..texts.len()).map(|n| format!("doc-{n}")).collect();
    let spans: Vec<_> = texts
        .iter()
        .map(|text| {
            let tokens = dossier_nlp::tokens::tokenize(text);
            dossier_nlp::sentences::split_sentences(text, &tokens)
        })
        .collect();
    let mut group = c.benchmark_group("near_duplicates");
    group.throughput(Throughput::Elements(texts.len() as u64));
    group.bench_function("signature", |b| {
        let mut shingler = Shingler::new();
        b.iter(|| {
            for text in &texts {
                std::hint::black_box(Signature::from_shingles(shingler.shingles(text)));
            }
        });
    });
    group.bench_function("signature_lsh_query_insert", |b| {
        let mut shingler = Shingler::new();
        b.iter(|| {
            let mut index = LshIndex::new();
            for (number, text) in (0u32..).zip(&texts) {
                let signature = Signature::from_shingles(shingler.shingles(text));
                std::hint::black_box(index.candidates(&signature));
                index.insert(number, &signature);
            }
        });
    });
    group.bench_function("copy_detector", |b| {
        b.iter(|| {
            let mut detector = CopyDetector::new();
            for ((id, text), sentences) in ids.iter().zip(&texts).zip(&spans) {
                std::hint::black_box(detector.add(&CopyDoc {
                    id,
                    published: None,
                    text,
                    sentences,
                }));
            }
        });
    });
    group.finish();
}

criterion_group!(benches, near_duplicates);
criterion_main!(benches);
