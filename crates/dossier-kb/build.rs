//! Compresses the knowledge-base data files into `OUT_DIR`, so the binary
//! carries them compactly and nothing is read from disk at run time.

use std::io::Write;
use std::path::Path;

/// The data files, relative to `data/`; the order is the load order.
const FILES: &[&str] = &[
    "places/countries.tsv",
    "places/regions.tsv",
    "places/cities.tsv",
    "actors/states.toml",
    "actors/agencies.toml",
    "actors/organisations.toml",
    "actors/armed_groups.toml",
    "actors/people.toml",
    "outlets.toml",
    "lexicons/nominals.tsv",
    "lexicons/titles.tsv",
];

fn main() {
    let out_dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let data = Path::new("data");
    println!("cargo:rerun-if-changed=data");
    let mut index = String::from("/// Built-in data files: (path under `data/`, gzip bytes).\n");
    index.push_str("pub(crate) const BUILTIN_FILES: &[(&str, &[u8])] = &[\n");
    for (n, file) in FILES.iter().enumerate() {
        let path = data.join(file);
        println!("cargo:rerun-if-changed={}", path.display());
        // A missing file is an empty one: a fresh data set may not have every table yet.
        let bytes = std::fs::read(&path).unwrap_or_default();
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        encoder.write_all(&bytes).expect("compress in memory");
        let compressed = encoder.finish().expect("compress in memory");
        let name = format!("kb{n}.gz");
        std::fs::write(Path::new(&out_dir).join(&name), compressed).expect("write OUT_DIR");
        index.push_str(&format!(
            "    ({file:?}, include_bytes!(concat!(env!(\"OUT_DIR\"), \"/{name}\"))),\n"
        ));
    }
    index.push_str("];\n");
    std::fs::write(Path::new(&out_dir).join("builtin.rs"), index).expect("write OUT_DIR");
}
