//! Placing event mentions in events across articles (issue #6): the
//! in-memory `EventIndex`, over a year of synthetic mentions spread over
//! twenty countries and two hundred cities — the shape of a large feed, where
//! each mention has dozens of candidates in its date window.

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use dossier_link::dates::Days;
use dossier_link::events::PlaceFacts;
use dossier_link::{EventIndex, MentionFacts};
use dossier_model::EventStatus;

const MENTIONS: usize = 20_000;

fn mentions() -> Vec<MentionFacts> {
    // a fixed linear congruential sequence: the same mentions every run
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        state >> 33
    };
    let kinds = ["shooting", "bombing", "arson", "kidnapping", "attack"];
    (0..MENTIONS)
        .map(|n| {
            let country = next() % 20;
            let city = next() % 10;
            let day = 19_700 + i32::try_from(next() % 365).unwrap_or(0);
            let lat = (country * 7 + city) as f32 * 0.9;
            MentionFacts {
                id: format!("a{n}.0"),
                article: format!("a{n}"),
                status: EventStatus::Main,
                kind: kinds[usize::try_from(next() % 5).unwrap_or(0)].to_owned(),
                days: (next() % 3 != 0).then_some(Days::day(day)),
                proxy_days: Some(Days {
                    first: day - 4,
                    last: day,
                }),
                place: Some(PlaceFacts {
                    key: format!("city:{country}-{city}"),
                    name: format!("City {country}-{city}"),
                    coords: Some((lat, lat)),
                    exact_city: true,
                    city_level: true,
                }),
                venue: None,
                country: Some(format!("C{country}")),
                perpetrators: Vec::new(),
                terms: Vec::new(),
            }
        })
        .collect()
}

fn link(c: &mut Criterion) {
    let facts = mentions();
    let mut group = c.benchmark_group("link");
    group.throughput(Throughput::Elements(facts.len() as u64));
    group.sample_size(10);
    group.bench_function("event_index", |b| {
        b.iter_batched(
            EventIndex::new,
            |mut index| {
                for f in &facts {
                    std::hint::black_box(index.link(f));
                }
                index
            },
            BatchSize::LargeInput,
        );
    });
    group.finish();
}

criterion_group!(benches, link);
criterion_main!(benches);
