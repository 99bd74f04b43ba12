//! Extracts every `NAME.html` / `NAME.html.gz` in DIR into OUT.json
//! (`{"NAME": {"articleBody": text}}`) and prints pages/s (one thread,
//! extraction only).
use std::io::Read;
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (dir, out) = (&args[1], &args[2]);
    let mut pages = Vec::new();
    for entry in std::fs::read_dir(dir).expect("dir") {
        let path = entry.expect("entry").path();
        let name = path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .to_string();
        let mut bytes = std::fs::read(&path).expect("read");
        let key = if let Some(k) = name.strip_suffix(".html.gz") {
            let mut d = Vec::new();
            flate2::read::GzDecoder::new(&bytes[..])
                .read_to_end(&mut d)
                .expect("gz");
            bytes = d;
            k.to_owned()
        } else if let Some(k) = name.strip_suffix(".html") {
            k.to_owned()
        } else {
            continue;
        };
        pages.push((key, String::from_utf8_lossy(&bytes).into_owned()));
    }
    let start = Instant::now();
    let mut results = Vec::with_capacity(pages.len());
    for (key, html) in &pages {
        results.push((key, dossier_ingest::extract::extract_html(html, None).text));
    }
    let secs = start.elapsed().as_secs_f64();
    let bytes: usize = pages.iter().map(|(_, h)| h.len()).sum();
    eprintln!(
        "pages={} secs={secs:.3} pages/s={:.0} MB/s={:.0}",
        pages.len(),
        pages.len() as f64 / secs,
        bytes as f64 / secs / 1e6
    );
    let map: serde_json::Map<String, serde_json::Value> = results
        .into_iter()
        .map(|(k, t)| (k.clone(), serde_json::json!({ "articleBody": t })))
        .collect();
    std::fs::write(out, serde_json::to_string(&map).expect("json")).expect("write");
}
