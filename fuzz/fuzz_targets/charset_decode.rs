//! Bytes of any encoding decode without panicking to valid UTF-8.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let decoded = dossier_ingest::charset::decode(data, None);
    assert!(std::str::from_utf8(decoded.text.as_bytes()).is_ok());
    let _ = dossier_ingest::charset::decode(data, Some("text/html; charset=windows-1251"));
});
