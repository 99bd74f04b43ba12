//! Input readers and charset decoding against fixtures built by
//! `fixtures/make_inputs.py` (texts constructed for tests) and a loopback
//! HTTP server.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::time::Duration;

use dossier_ingest::input::{InputEvent, ReadOptions, read_input};
use dossier_ingest::{Body, Error, ErrorCode, RawDocument, charset};
use dossier_model::{RejectReason, SourceFormat};

fn fixtures(dir: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(dir)
}

fn read_all(input: &str, options: &ReadOptions) -> Vec<InputEvent> {
    let mut events = Vec::new();
    read_input(input, options, &mut |event| events.push(event));
    events
}

/// A short label per event: `doc NAME (LOCATOR)`, `rejected NAME: KEY`,
/// `failed CODE NAME`.
fn label(event: &InputEvent) -> String {
    let short = |s: &str| s.rsplit('/').next().unwrap_or(s).to_owned();
    match event {
        InputEvent::Document(raw) => format!("doc {}", short(&raw.source.to_string())),
        InputEvent::Rejected { input, reason } => {
            format!("rejected {}: {}", short(input), reason.key())
        }
        InputEvent::Failed(err) => format!("failed {} {}", err.code(), short(&err.input())),
    }
}

fn docs(events: &[InputEvent]) -> Vec<&RawDocument> {
    events
        .iter()
        .filter_map(|event| match event {
            InputEvent::Document(raw) => Some(raw),
            _ => None,
        })
        .collect()
}

fn text(raw: &RawDocument) -> &str {
    match &raw.body {
        Body::Html(s) | Body::Text(s) => s,
    }
}

fn doc<'a>(events: &'a [InputEvent], file: &str, locator: Option<&str>) -> &'a RawDocument {
    docs(events)
        .into_iter()
        .find(|raw| raw.source.input.ends_with(file) && raw.source.locator.as_deref() == locator)
        .unwrap_or_else(|| panic!("no document {file} {locator:?}"))
}

#[test]
fn directory_is_read_recursively_in_name_order() {
    let dir = fixtures("inputs");
    let events = read_all(dir.to_str().unwrap(), &ReadOptions::default());
    let labels: Vec<String> = events.iter().map(label).collect();
    assert_eq!(
        labels,
        [
            "doc cp1251.html",
            "doc crawl.warc (record 2)",
            "doc crawl.warc (record 4)",
            "doc feed.atom (item 1)",
            "doc feed.rss (item 1)",
            "doc feed.rss (item 2)",
            "doc koi8r.html",
            "doc mislabelled.html",
            "doc notes.txt",
            "doc page.html.gz",
            "doc records.jsonl (line 1)",
            "failed D105 records.jsonl",
            "doc records.jsonl (line 3)",
            "doc utf16le.html",
        ]
    );
    // Same order every time.
    let again: Vec<String> = read_all(dir.to_str().unwrap(), &ReadOptions::default())
        .iter()
        .map(label)
        .collect();
    assert_eq!(labels, again);
}

#[test]
fn russian_pages_decode_whatever_the_label() {
    let events = read_all(
        fixtures("inputs").to_str().unwrap(),
        &ReadOptions::default(),
    );
    for file in [
        "cp1251.html",
        "koi8r.html",
        "mislabelled.html",
        "utf16le.html",
    ] {
        let raw = doc(&events, file, None);
        let body = text(raw);
        assert!(
            body.contains("Вооружённые люди открыли огонь"),
            "{file}: {body}"
        );
        assert!(body.contains("Красногорске"), "{file}");
        assert!(!body.contains('\u{FFFD}'), "{file}");
        assert_eq!(raw.source.format, SourceFormat::Html);
    }
    assert!(doc(&events, "cp1251.html", None).diagnostics.is_empty());
    assert!(doc(&events, "koi8r.html", None).diagnostics.is_empty());
    let mislabelled = doc(&events, "mislabelled.html", None);
    assert!(
        mislabelled
            .diagnostics
            .iter()
            .any(|d| d.code == "D110" && d.message.contains("UTF-8")),
        "{:?}",
        mislabelled.diagnostics
    );
}

#[test]
fn jsonl_gz_text_and_warc_carry_their_metadata() {
    let events = read_all(
        fixtures("inputs").to_str().unwrap(),
        &ReadOptions::default(),
    );
    let line1 = doc(&events, "records.jsonl", Some("line 1"));
    assert_eq!(line1.title.as_deref(), Some("Crocus attack"));
    assert_eq!(line1.published.as_deref(), Some("2024-03-22"));
    assert!(matches!(line1.body, Body::Text(_)));
    let line3 = doc(&events, "records.jsonl", Some("line 3"));
    assert_eq!(line3.outlet.as_deref(), Some("news.example.ru"));
    assert!(matches!(&line3.body, Body::Html(h) if h.contains("Крокус")));
    let failed = events.iter().find_map(|e| match e {
        InputEvent::Failed(Error::JsonLine { line, input, .. }) => Some((*line, input.clone())),
        _ => None,
    });
    assert!(matches!(failed, Some((2, ref input)) if input.ends_with("records.jsonl")));

    let gz = doc(&events, "page.html.gz", None);
    assert!(matches!(&gz.body, Body::Html(h) if h.contains("Gunmen opened fire")));
    assert!(matches!(
        doc(&events, "notes.txt", None).body,
        Body::Text(_)
    ));

    let r2 = doc(&events, "crawl.warc", Some("record 2"));
    assert_eq!(
        r2.url.as_deref(),
        Some("https://news.example.ru/2024/03/23/crocus")
    );
    assert_eq!(r2.fetched.as_deref(), Some("2024-03-23T09:00:00Z"));
    assert_eq!(r2.source.format, SourceFormat::Warc);
    assert!(text(r2).contains("Вооружённые"), "{}", text(r2));
    assert!(!text(r2).contains("HTTP/1.1"));
    let r4 = doc(&events, "crawl.warc", Some("record 4"));
    assert!(text(r4).contains("Gunmen opened fire"));
}

#[test]
fn feeds_yield_one_document_per_item() {
    let events = read_all(
        fixtures("inputs").to_str().unwrap(),
        &ReadOptions::default(),
    );
    let item1 = doc(&events, "feed.rss", Some("item 1"));
    assert_eq!(item1.title.as_deref(), Some("Теракт в Крокус Сити Холле"));
    assert_eq!(
        item1.url.as_deref(),
        Some("https://news.example.ru/2024/03/22/crocus")
    );
    assert!(
        item1
            .published
            .as_deref()
            .unwrap()
            .starts_with("2024-03-22T17:30:00")
    );
    assert!(text(item1).contains("Красногорске"));
    assert_eq!(item1.source.format, SourceFormat::Feed);
    let atom = doc(&events, "feed.atom", Some("item 1"));
    assert_eq!(
        atom.url.as_deref(),
        Some("https://news.example.com/2024/03/23/crocus")
    );
    assert!(text(atom).contains("Gunmen opened fire"));
}

#[test]
fn each_bad_input_fails_once_and_good_ones_still_come_out() {
    let dir = fixtures("bad");
    let events = read_all(dir.to_str().unwrap(), &ReadOptions::default());
    let labels: Vec<String> = events.iter().map(label).collect();
    assert_eq!(
        labels,
        [
            "rejected empty.html: no_text",
            "failed D104 fuzz-feed-encoding-panic.rss",
            "doc good.html",
            "rejected image.dat: unsupported",
            "doc invalid-utf8.txt",
            "rejected junk.bin: binary",
            "failed D102 truncated.html.gz",
            "doc truncated.warc.gz (record 2)",
            "failed D103 truncated.warc.gz",
        ]
    );
    let broken = events.iter().find_map(|e| match e {
        InputEvent::Failed(Error::Warc { locator, .. }) => Some(locator.clone()),
        _ => None,
    });
    assert_eq!(broken.as_deref(), Some("record 4"));
    let invalid = doc(&events, "invalid-utf8.txt", None);
    assert!(text(invalid).contains("Crocus City Hall"));
}

#[test]
fn missing_path_fails_naming_it() {
    let events = read_all("/nonexistent/dossier/x.html", &ReadOptions::default());
    assert_eq!(events.len(), 1);
    assert!(
        matches!(&events[0], InputEvent::Failed(err) if err.input() == "/nonexistent/dossier/x.html")
    );
}

#[test]
fn deeply_nested_page_is_read_as_one_document() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested.html");
    let depth = 50_000;
    let page = format!(
        "<html><body>{}<p>Crocus City Hall, constructed for tests.</p>{}</body></html>",
        "<div>".repeat(depth),
        "</div>".repeat(depth)
    );
    std::fs::write(&path, page).unwrap();
    let events = read_all(path.to_str().unwrap(), &ReadOptions::default());
    assert_eq!(events.len(), 1);
    assert!(matches!(&events[0], InputEvent::Document(raw) if text(raw).contains("Crocus")));
}

#[test]
fn oversized_pages_are_rejected_plain_and_compressed() {
    let dir = tempfile::tempdir().unwrap();
    let big = "<p>Crocus City Hall, constructed for tests.</p>\n".repeat(20 * 1024 * 1024 / 48);
    std::fs::write(dir.path().join("big.html"), &big).unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(big.as_bytes()).unwrap();
    std::fs::write(dir.path().join("big2.html.gz"), gz.finish().unwrap()).unwrap();
    let options = ReadOptions {
        max_document_bytes: 16 * 1024 * 1024,
        ..ReadOptions::default()
    };
    let events = read_all(dir.path().to_str().unwrap(), &options);
    assert_eq!(events.len(), 2, "{events:?}");
    for event in &events {
        assert!(matches!(
            event,
            InputEvent::Rejected { reason: RejectReason::TooLarge { limit, .. }, .. } if *limit == 16 * 1024 * 1024
        ));
    }
}

#[test]
fn decode_prefers_bom_then_header_then_meta() {
    let cp1251 = encoding_rs::WINDOWS_1251
        .encode("Теракт в Крокус Сити Холле")
        .0;
    let decoded = charset::decode(&cp1251, Some("text/html; charset=windows-1251"));
    assert_eq!(decoded.text, "Теракт в Крокус Сити Холле");
    assert_eq!(decoded.encoding, "windows-1251");
    // Header says UTF-8, bytes are not: sniffed, with D110.
    let decoded = charset::decode(&cp1251, Some("text/html; charset=utf-8"));
    assert_eq!(decoded.text, "Теракт в Крокус Сити Холле");
    assert!(decoded.diagnostics.iter().any(|d| d.code == "D110"));
    // UTF-16BE with BOM.
    let mut be = vec![0xFE, 0xFF];
    be.extend("Крокус".encode_utf16().flat_map(u16::to_be_bytes));
    assert_eq!(charset::decode(&be, None).text, "Крокус");
    // Replacement characters are reported.
    let decoded = charset::decode(b"Crocus \xff\xfe hall", Some("utf-8"));
    let decoded_ok = decoded.text.contains("Crocus");
    assert!(decoded_ok);
    let mut sjis = b"<meta charset=\"shift_jis\">".to_vec();
    sjis.extend(b"Crocus City Hall, constructed for tests. ".repeat(5));
    sjis.push(0x82);
    let decoded = charset::decode(&sjis, None);
    assert!(
        decoded.diagnostics.iter().any(|d| d.code == "D111"),
        "{decoded:?}"
    );
}

// ---- HTTP, against a loopback server ----

const RSS: &str = "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>T</title>\
<item><title>Crocus City Hall attack</title><link>http://127.0.0.1:1/never-fetched</link>\
<description>Gunmen opened fire near Moscow. Constructed for tests.</description></item></channel></rss>";

fn respond(mut stream: TcpStream) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    let mut user_agent = String::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
            break;
        }
        if line.to_ascii_lowercase().starts_with("user-agent:") {
            user_agent = line[11..].trim().to_owned();
        }
    }
    let path = request_line
        .split_whitespace()
        .nth(1)
        .unwrap_or("/")
        .to_owned();
    let reply = |stream: &mut TcpStream, status: &str, headers: &str, body: &[u8]| {
        let head = format!(
            "HTTP/1.1 {status}\r\n{headers}Content-Length: {}\r\nConnection: close\r\n\r\n",
            body.len()
        );
        let _ = stream.write_all(head.as_bytes());
        let _ = stream.write_all(body);
    };
    match path.as_str() {
        "/page" => {
            let body = encoding_rs::WINDOWS_1251
                .encode(&format!(
                    "<html><body><p>Вооружённые люди открыли огонь в Крокус Сити Холле. UA={user_agent}</p></body></html>"
                ))
                .0
                .into_owned();
            reply(
                &mut stream,
                "200 OK",
                "Content-Type: text/html; charset=windows-1251\r\n",
                &body,
            );
        }
        "/moved" => reply(&mut stream, "301 Moved", "Location: /page\r\n", b""),
        p if p.starts_with("/loop") => {
            let n: u32 = p[5..].parse().unwrap_or(0);
            let location = format!("Location: /loop{}\r\n", n + 1);
            reply(&mut stream, "302 Found", &location, b"");
        }
        "/slow" => {
            std::thread::sleep(Duration::from_millis(1500));
            reply(
                &mut stream,
                "200 OK",
                "Content-Type: text/html\r\n",
                b"<p>late</p>",
            );
        }
        "/big" => {
            // No Content-Length: the cap must hold while streaming.
            let _ = stream.write_all(
                b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\n\r\n",
            );
            let _ = stream.write_all(&vec![b'a'; 64 * 1024]);
        }
        "/feed" => reply(
            &mut stream,
            "200 OK",
            "Content-Type: application/rss+xml\r\n",
            RSS.as_bytes(),
        ),
        _ => reply(
            &mut stream,
            "404 Not Found",
            "Content-Type: text/plain\r\n",
            b"not here",
        ),
    }
}

/// Serves canned responses on 127.0.0.1 for a bounded number of connections.
fn serve(connections: usize) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for stream in listener.incoming().take(connections).flatten() {
            std::thread::spawn(move || respond(stream));
        }
    });
    format!("http://{addr}")
}

fn http_options() -> ReadOptions {
    ReadOptions {
        max_document_bytes: 16 * 1024,
        fetch_timeout: Duration::from_millis(500),
        connect_timeout: Duration::from_millis(500),
        ..ReadOptions::default()
    }
}

#[test]
fn http_fetches_decode_and_fail_cleanly() {
    let base = serve(32);
    let options = http_options();

    let events = read_all(&format!("{base}/page"), &options);
    let [InputEvent::Document(raw)] = events.as_slice() else {
        panic!("{events:?}")
    };
    assert!(text(raw).contains("Вооружённые люди"), "{}", text(raw));
    assert!(text(raw).contains("UA=dossier/0.1"));
    assert_eq!(raw.source.format, SourceFormat::Http);
    assert!(raw.fetched.as_deref().is_some_and(|f| f.starts_with("20")));

    let events = read_all(&format!("{base}/moved"), &options);
    let [InputEvent::Document(raw)] = events.as_slice() else {
        panic!("{events:?}")
    };
    assert_eq!(raw.url.as_deref(), Some(format!("{base}/page").as_str()));
    assert_eq!(raw.source.input, format!("{base}/moved"));

    for (path, needle) in [
        ("/loop0", "redirect"),
        ("/slow", "timed out"),
        ("/big", "cap"),
        ("/missing", "404"),
    ] {
        let url = format!("{base}{path}");
        let events = read_all(&url, &options);
        let [InputEvent::Failed(err @ Error::Fetch { message, .. })] = events.as_slice() else {
            panic!("{path}: {events:?}")
        };
        assert_eq!(err.input(), url);
        assert!(message.contains(needle), "{path}: {message}");
    }
}

#[test]
fn http_feed_items_are_not_followed_by_default() {
    let base = serve(4);
    let events = read_all(&format!("{base}/feed"), &http_options());
    let [InputEvent::Document(raw)] = events.as_slice() else {
        panic!("{events:?}")
    };
    assert_eq!(raw.source.format, SourceFormat::Feed);
    assert_eq!(raw.source.locator.as_deref(), Some("item 1"));
    assert_eq!(raw.url.as_deref(), Some("http://127.0.0.1:1/never-fetched"));
    assert!(text(raw).contains("Gunmen opened fire"));

    // Following the link: port 1 refuses, so the item fails naming it.
    let options = ReadOptions {
        follow_feed_links: true,
        ..http_options()
    };
    let events = read_all(&format!("{base}/feed"), &options);
    let [InputEvent::Failed(err)] = events.as_slice() else {
        panic!("{events:?}")
    };
    assert_eq!(err.input(), "http://127.0.0.1:1/never-fetched");
    assert!(err.to_string().contains("item 1"));
}

/// Regression: a feed whose encoding declaration made quick-xml panic (found
/// by the `feed_read` fuzz target) is one named failure, not a crash.
#[test]
fn feed_that_panics_the_xml_parser_is_a_named_failure() {
    let path = fixtures("bad").join("fuzz-feed-encoding-panic.rss");
    let events = read_all(path.to_str().unwrap(), &ReadOptions::default());
    assert_eq!(events.len(), 1);
    assert!(
        matches!(&events[0], InputEvent::Failed(Error::Feed { input, .. }) if input.ends_with("fuzz-feed-encoding-panic.rss"))
    );
}
