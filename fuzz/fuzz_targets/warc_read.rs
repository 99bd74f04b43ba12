//! The warc reader never panics on arbitrary bytes: every outcome is a
//! document, a rejection or a failure naming the input.
#![no_main]

use dossier_ingest::input::{InputEvent, ReadOptions, read_input};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // libfuzzer-sys aborts in its panic hook, which would count panics the
    // reader deliberately isolates (a dependency's parser panicking on one
    // feed) as crashes. Restore the default hook once: a panic that escapes
    // read_input still aborts through libfuzzer-sys's own catch_unwind.
    static RESET_HOOK: std::sync::Once = std::sync::Once::new();
    RESET_HOOK.call_once(|| drop(std::panic::take_hook()));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("input.warc");
    std::fs::write(&path, data).unwrap();
    let name = path.to_string_lossy().into_owned();
    read_input(&name, &ReadOptions::default(), &mut |event| {
        if let InputEvent::Failed(err) = event {
            assert!(err.input().contains("input.warc"), "{err}");
        }
    });
});
