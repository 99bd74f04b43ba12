//! Copy detection on arbitrary text and arbitrary sentence spans (bad spans
//! included): no panic, a text is a near-duplicate of itself, the comparison
//! is symmetric, and fingerprints survive their byte form.
#![no_main]

use dossier_link::{CopyDoc, CopyKind, Fingerprint, Signature, compare};
use dossier_model::ByteSpan;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    // spans from the input's own bytes, most of them off character boundaries
    let spans: Vec<ByteSpan> = data
        .chunks(4)
        .filter(|c| c.len() == 4)
        .map(|c| {
            let a = u32::from(u16::from_le_bytes([c[0], c[1]]));
            let b = u32::from(u16::from_le_bytes([c[2], c[3]]));
            ByteSpan::new(a.min(b), a.max(b))
        })
        .collect();
    let doc = CopyDoc {
        id: "a",
        published: None,
        text: &text,
        sentences: &spans,
    };
    let one = Fingerprint::new(&doc);
    let again = Fingerprint::new(&doc);
    assert_eq!(one, again);
    let bytes = one.signature.to_bytes();
    assert_eq!(Signature::from_bytes(&bytes).unwrap(), one.signature);
    if !one.signature.is_empty() {
        let found = compare(&one, &again).expect("a text copies itself");
        assert_eq!(found.kind, CopyKind::NearDuplicate);
    }
    let half = &text[..text.floor_char_boundary(text.len() / 2)];
    let other = Fingerprint::new(&CopyDoc {
        id: "b",
        published: None,
        text: half,
        sentences: &[],
    });
    assert_eq!(compare(&one, &other), compare(&other, &one));
});
