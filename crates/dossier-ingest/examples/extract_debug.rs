//! Dumps the blocks of one page (development aid).
fn main() {
    let path = std::env::args().nth(1).expect("path");
    let html = String::from_utf8_lossy(&std::fs::read(path).expect("read")).into_owned();
    print!("{}", dossier_ingest::extract::debug_blocks(&html));
}
