//! Knowledge-base files of every kind from arbitrary bytes: an error or a
//! knowledge base, never a panic.
#![no_main]

use dossier_kb::KbBuilder;
use libfuzzer_sys::fuzz_target;

const NAMES: &[&str] = &[
    "user.toml",
    "user.countries.tsv",
    "user.regions.tsv",
    "user.cities.tsv",
    "user.nominals.tsv",
    "user.titles.tsv",
];

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let mut builder = KbBuilder::new();
    if builder.add_text(NAMES[usize::from(selector) % NAMES.len()], &text).is_ok() {
        let _ = builder.build_with_problems();
    }
});
