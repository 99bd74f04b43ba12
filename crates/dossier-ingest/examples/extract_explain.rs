//! Writes each page's blocks with the reason each was kept or dropped to
//! OUT.json (`{"NAME": [[why, info, text], ...]}`): a development aid for
//! finding where missing or leaked text went.
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (dir, out) = (&args[1], &args[2]);
    let mut map = serde_json::Map::new();
    for entry in std::fs::read_dir(dir).expect("dir") {
        let path = entry.expect("entry").path();
        let name = path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .to_string();
        let Some(key) = name.strip_suffix(".html") else {
            continue;
        };
        let bytes = std::fs::read(&path).expect("read");
        let html = dossier_ingest::charset::decode(&bytes, None).text;
        let blocks = dossier_ingest::extract::explain_blocks(&html);
        map.insert(key.to_owned(), serde_json::json!(blocks));
    }
    std::fs::write(out, serde_json::to_string(&map).expect("json")).expect("write");
}
