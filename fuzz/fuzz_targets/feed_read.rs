//! The feed reader never panics on arbitrary bytes: every outcome is a
//! document, a rejection or a failure naming the input.
#![no_main]

use dossier_ingest::input::{InputEvent, ReadOptions, read_input};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("input.rss");
    std::fs::write(&path, data).unwrap();
    let name = path.to_string_lossy().into_owned();
    read_input(&name, &ReadOptions::default(), &mut |event| {
        if let InputEvent::Failed(err) = event {
            assert!(err.input().contains("input.rss"), "{err}");
        }
    });
});
