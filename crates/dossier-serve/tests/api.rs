//! The API over real HTTP on the bundled sample corpus: every route answers
//! in the shape `/openapi.json` documents (validated field by field, closed
//! objects), filters and paging work, errors are JSON, ingest needs the
//! token, and the page ships with a policy that keeps article text inert.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};
use std::thread;

use dossier_kb::{Kb, KbBuilder};
use dossier_nlp::Annotator;
use dossier_pipeline::{IngestOptions, Pipeline, Runner, ingest, link_pending, registry};
use dossier_serve::{App, ServerConfig};
use dossier_store::SqliteStore;
use serde_json::Value;

fn sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../sample")
}

fn kb() -> Arc<Kb> {
    static KB: OnceLock<Arc<Kb>> = OnceLock::new();
    Arc::clone(KB.get_or_init(|| Arc::new(KbBuilder::with_builtin().unwrap().build().unwrap())))
}

/// A store holding the sample corpus, ingested and linked.
fn sample_store(dir: &Path) -> PathBuf {
    let db = dir.join("sample.db");
    let mut store = SqliteStore::open(&db).unwrap();
    let annotator = Arc::new(Annotator::new(kb()));
    let components = registry::components(registry::DEFAULT_COMPONENTS, &annotator).unwrap();
    let runner = Runner::new(Pipeline::new(components).unwrap());
    let inputs = [sample().to_str().unwrap().to_owned()];
    ingest(
        &inputs,
        &runner,
        &mut store,
        &IngestOptions::default(),
        &mut |_| {},
    )
    .unwrap();
    link_pending(&mut store, &kb(), &mut |_| {}).unwrap();
    db
}

/// A server on a free loopback port, stopped when dropped.
struct Server {
    base: String,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<thread::JoinHandle<()>>,
}

impl Server {
    fn start(db: &Path, token: Option<&str>) -> Self {
        let mut config = ServerConfig::new(db.to_owned(), kb());
        config.token = token.map(str::to_owned);
        config.readers = 2;
        let app = App::open(config).unwrap();
        let (addr_tx, addr_rx) = std::sync::mpsc::channel();
        let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
        let thread = thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .unwrap();
            runtime.block_on(async move {
                let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
                addr_tx.send(listener.local_addr().unwrap()).unwrap();
                dossier_serve::serve(listener, app, async {
                    let _ = stop_rx.await;
                })
                .await
                .unwrap();
            });
        });
        let addr = addr_rx.recv().unwrap();
        Self {
            base: format!("http://{addr}"),
            stop: Some(stop_tx),
            thread: Some(thread),
        }
    }

    /// Status, headers and body of a GET.
    fn get(&self, path: &str) -> (u16, ureq::http::HeaderMap, String) {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .build()
            .into();
        let mut response = agent.get(&format!("{}{path}", self.base)).call().unwrap();
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let body = response.body_mut().read_to_string().unwrap();
        (status, headers, body)
    }

    fn json(&self, path: &str) -> (u16, Value) {
        let (status, headers, body) = self.get(path);
        assert_eq!(
            headers.get("content-type").map(|v| v.to_str().unwrap()),
            Some("application/json"),
            "{path}"
        );
        (status, serde_json::from_str(&body).unwrap())
    }

    fn post(&self, path: &str, token: Option<&str>, body: &[u8]) -> (u16, Value) {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .build()
            .into();
        let mut request = agent.post(&format!("{}{path}", self.base));
        if let Some(token) = token {
            request = request.header("Authorization", &format!("Bearer {token}"));
        }
        let mut response = request.send(body).unwrap();
        let status = response.status().as_u16();
        let text = response.body_mut().read_to_string().unwrap();
        (status, serde_json::from_str(&text).unwrap())
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// The sample store, built once for the read-only tests.
fn shared_store() -> &'static Path {
    static STORE: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let (_, db) = STORE.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let db = sample_store(dir.path());
        (dir, db)
    });
    db
}

// ------------------------------------------------------------ the validator

/// Checks `value` against `schema` (the subset of JSON Schema the document
/// uses), collecting every mismatch with its path.
fn validate(doc: &Value, schema: &Value, value: &Value, at: &str, errors: &mut Vec<String>) {
    if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
        let name = reference.trim_start_matches("#/components/schemas/");
        let target = &doc["components"]["schemas"][name];
        assert!(!target.is_null(), "dangling $ref {reference}");
        return validate(doc, target, value, at, errors);
    }
    if let Some(options) = schema.get("anyOf").and_then(Value::as_array) {
        let fits = options.iter().any(|option| {
            let mut found = Vec::new();
            validate(doc, option, value, at, &mut found);
            found.is_empty()
        });
        if !fits {
            errors.push(format!("{at}: {value} fits no option of anyOf"));
        }
        return;
    }
    if let Some(kind) = schema.get("type").and_then(Value::as_str) {
        let ok = match kind {
            "object" => value.is_object(),
            "array" => value.is_array(),
            "string" => value.is_string(),
            "integer" => value.is_i64() || value.is_u64(),
            "number" => value.is_number(),
            "boolean" => value.is_boolean(),
            "null" => value.is_null(),
            other => panic!("type {other} not handled"),
        };
        if !ok {
            errors.push(format!("{at}: expected {kind}, got {value}"));
            return;
        }
    }
    if let Some(allowed) = schema.get("enum").and_then(Value::as_array) {
        if !allowed.contains(value) {
            errors.push(format!("{at}: {value} not in {allowed:?}"));
        }
    }
    if let (Some(min), Some(n)) = (
        schema.get("minimum").and_then(Value::as_f64),
        value.as_f64(),
    ) {
        if n < min {
            errors.push(format!("{at}: {n} < minimum {min}"));
        }
    }
    if let Some(object) = value.as_object() {
        let properties = schema.get("properties").and_then(Value::as_object);
        for name in schema
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
        {
            if !object.contains_key(name) {
                errors.push(format!("{at}: required `{name}` missing"));
            }
        }
        for (name, field) in object {
            let path = format!("{at}.{name}");
            match properties.and_then(|p| p.get(name)) {
                Some(property) => validate(doc, property, field, &path, errors),
                None => match schema.get("additionalProperties") {
                    Some(Value::Bool(false)) => {
                        errors.push(format!("{at}: `{name}` is not documented"));
                    }
                    Some(extra @ Value::Object(_)) => validate(doc, extra, field, &path, errors),
                    _ => {}
                },
            }
        }
    }
    if let Some(items) = value.as_array() {
        if let Some(min) = schema.get("minItems").and_then(Value::as_u64) {
            if (items.len() as u64) < min {
                errors.push(format!("{at}: fewer than {min} items"));
            }
        }
        if let Some(max) = schema.get("maxItems").and_then(Value::as_u64) {
            if (items.len() as u64) > max {
                errors.push(format!("{at}: more than {max} items"));
            }
        }
        if let Some(item_schema) = schema.get("items") {
            for (i, item) in items.iter().enumerate() {
                validate(doc, item_schema, item, &format!("{at}[{i}]"), errors);
            }
        }
    }
}

/// The schema `path` (a template of the document) documents for `status`.
fn response_schema<'d>(doc: &'d Value, template: &str, method: &str, status: u16) -> &'d Value {
    let responses = &doc["paths"][template][method]["responses"];
    let mut response = &responses[status.to_string()];
    if let Some(reference) = response.get("$ref").and_then(Value::as_str) {
        let name = reference.trim_start_matches("#/components/responses/");
        response = &doc["components"]["responses"][name];
    }
    let schema = &response["content"]["application/json"]["schema"];
    assert!(
        !schema.is_null(),
        "{method} {template} documents no JSON for {status}"
    );
    schema
}

fn assert_documented(doc: &Value, template: &str, method: &str, status: u16, body: &Value) {
    let schema = response_schema(doc, template, method, status);
    let mut errors = Vec::new();
    validate(doc, schema, body, "$", &mut errors);
    assert!(
        errors.is_empty(),
        "{method} {template} ({status}) does not match /openapi.json:\n{}",
        errors.join("\n")
    );
}

/// The Crocus City Hall event: the one with the most reports.
fn crocus(server: &Server) -> Value {
    let (_, page) = server.json("/api/events?limit=100");
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .max_by_key(|e| e["members"].as_u64())
        .unwrap()
        .clone()
}

// ------------------------------------------------------------ tests

#[test]
fn every_route_answers_as_openapi_documents() {
    let server = Server::start(shared_store(), None);
    let (status, doc) = server.json("/openapi.json");
    assert_eq!(status, 200);
    assert_eq!(doc["openapi"], "3.1.0");
    let event = crocus(&server);
    let event_id = event["id"].as_str().unwrap();
    let (_, articles) = server.json("/api/articles?limit=1");
    let article_id = articles["items"][0]["id"].as_str().unwrap().to_owned();
    let checks: Vec<(&str, String)> = vec![
        ("/api/health", "/api/health".into()),
        ("/api/stats", "/api/stats".into()),
        ("/api/events", "/api/events".into()),
        (
            "/api/events",
            "/api/events?contested=true&country=ru&limit=5".into(),
        ),
        ("/api/events/{id}", format!("/api/events/{event_id}")),
        ("/api/actors", "/api/actors?all=true&limit=500".into()),
        ("/api/actors/{id}", "/api/actors/IS-K".into()),
        ("/api/actors/{id}", "/api/actors/vladimir-putin".into()),
        ("/api/claims", "/api/claims?limit=500".into()),
        ("/api/claims", format!("/api/claims?event={event_id}")),
        ("/api/articles", "/api/articles?limit=500".into()),
        ("/api/articles/{id}", format!("/api/articles/{article_id}")),
        ("/api/search", "/api/search?q=crocus".into()),
        (
            "/api/search",
            "/api/search?q=%22city%20hall%22&syntax=true".into(),
        ),
    ];
    let mut covered = BTreeSet::new();
    for (template, path) in &checks {
        let (status, body) = server.json(path);
        assert_eq!(status, 200, "{path}: {body}");
        assert_documented(&doc, template, "get", 200, &body);
        covered.insert(*template);
    }
    // every article page validates, not only the first
    for item in articles_all(&server) {
        let (status, body) = server.json(&format!("/api/articles/{item}"));
        assert_eq!(status, 200);
        assert_documented(&doc, "/api/articles/{id}", "get", 200, &body);
    }
    // and every event page
    let (_, events) = server.json("/api/events?limit=500");
    for e in events["items"].as_array().unwrap() {
        let (status, body) = server.json(&format!("/api/events/{}", e["id"].as_str().unwrap()));
        assert_eq!(status, 200);
        assert_documented(&doc, "/api/events/{id}", "get", 200, &body);
    }
    // errors are documented JSON too
    for (template, path, status) in [
        ("/api/events/{id}", "/api/events/evnothing".to_owned(), 404),
        ("/api/events", "/api/events?limit=0".to_owned(), 400),
        ("/api/events", "/api/events?bogus=1".to_owned(), 400),
        ("/api/events", "/api/events?contested=maybe".to_owned(), 400),
        (
            "/api/articles/{id}",
            "/api/articles/not-an-id".to_owned(),
            400,
        ),
        (
            "/api/articles/{id}",
            format!("/api/articles/{}", "0".repeat(32)),
            404,
        ),
        (
            "/api/actors/{id}",
            "/api/actors/nobody-at-all".to_owned(),
            404,
        ),
        (
            "/api/search",
            "/api/search?q=%22unbalanced&syntax=true".to_owned(),
            400,
        ),
        ("/api/search", "/api/search".to_owned(), 400),
        ("/api/claims", "/api/claims?kind=gossip".to_owned(), 400),
    ] {
        let (got, body) = server.json(&path);
        assert_eq!(got, status, "{path}: {body}");
        assert_documented(&doc, template, "get", status, &body);
    }
    // the document lists nothing the test did not exercise (ingest has its own test)
    let documented: BTreeSet<&str> = doc["paths"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .filter(|p| *p != "/api/ingest")
        .collect();
    assert_eq!(documented, covered);
}

fn articles_all(server: &Server) -> Vec<String> {
    let (_, page) = server.json("/api/articles?limit=500");
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn the_crocus_event_carries_its_record() {
    let server = Server::start(shared_store(), None);
    let event = crocus(&server);
    assert_eq!(event["country"], "RU");
    let (_, page) = server.json(&format!("/api/events/{}", event["id"].as_str().unwrap()));
    // the toll rose across reports: a series, not one figure
    let series = page["record"]["killed"]["series"].as_array().unwrap();
    assert!(series.len() >= 3, "{series:?}");
    let figures: Vec<u64> = series.iter().map(|p| p["low"].as_u64().unwrap()).collect();
    assert!(
        figures.contains(&40) && figures.iter().any(|&f| f >= 130),
        "{figures:?}"
    );
    // the attribution is contested: IS-K claimed or attributed, Ukraine blamed
    let perpetrator = &page["record"]["perpetrator"];
    assert_eq!(perpetrator["status"], "contested");
    let names: Vec<String> = perpetrator["actors"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|a| a["names"].as_array().unwrap().clone())
        .map(|n| n.as_str().unwrap().to_owned())
        .collect();
    assert!(names.iter().any(|n| n.contains("IS")), "{names:?}");
    assert!(
        names
            .iter()
            .any(|n| n.contains("Ukrain") || n.contains("Kyiv")),
        "{names:?}"
    );
    // every claim cited points at a real sentence of its article
    let mut followed = 0;
    for actor in perpetrator["actors"].as_array().unwrap() {
        for list in ["claims", "attributions", "disputes"] {
            for claim in actor[list].as_array().into_iter().flatten() {
                let article = claim["article"].as_str().unwrap();
                let (status, body) = server.json(&format!("/api/articles/{article}"));
                assert_eq!(status, 200);
                let span = claim["sentence"].as_array().unwrap();
                let (start, end) = (
                    span[0].as_u64().unwrap() as usize,
                    span[1].as_u64().unwrap() as usize,
                );
                let text = body["text"].as_str().unwrap();
                let sentence: String = text[start..end]
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ");
                let quote: String = claim["quote"]
                    .as_str()
                    .unwrap()
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ");
                assert_eq!(sentence, quote);
                followed += 1;
            }
        }
    }
    assert!(followed >= 3, "{followed}");
    // copies are marked and the digest agrees with the record
    assert!(
        page["reports"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r.get("copy_of").is_some()),
        "no report marked as a copy"
    );
    assert!(
        page["digest"]["contested"]
            .as_array()
            .unwrap()
            .contains(&Value::from("perpetrator"))
    );
}

#[test]
fn filters_and_paging() {
    let server = Server::start(shared_store(), None);
    let (_, all) = server.json("/api/events?limit=500");
    let all = all["items"].as_array().unwrap().clone();
    assert!(all.len() >= 3);
    // contested only
    let (_, contested) = server.json("/api/events?contested=true");
    let contested = contested["items"].as_array().unwrap();
    assert!(!contested.is_empty());
    assert!(
        contested
            .iter()
            .all(|e| !e["contested"].as_array().unwrap().is_empty())
    );
    assert!(contested.len() < all.len());
    // by actor, through an alias
    let crocus_id = crocus(&server)["id"].clone();
    for actor in ["IS-K", "ISIS-K", "islamic-state-khorasan"] {
        let (status, page) = server.json(&format!("/api/events?actor={actor}"));
        assert_eq!(status, 200, "{page}");
        assert!(
            page["items"]
                .as_array()
                .unwrap()
                .iter()
                .any(|e| e["id"] == crocus_id),
            "{actor}"
        );
    }
    let (status, body) = server.json("/api/events?actor=Nobody%20Whatsoever");
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (404, Some("unknown_actor"))
    );
    // an empty filter, as a form sends it, is no filter
    let (_, unfiltered) = server.json("/api/events?limit=500&actor=&country=&since=&kind=");
    assert_eq!(unfiltered["items"].as_array().unwrap().len(), all.len());
    // malformed values are named in a 400
    for bad in [
        "country=Russia",
        "since=yesterday",
        "until=2024-3",
        "offset=99999999999",
        "limit=501",
    ] {
        let (status, body) = server.json(&format!("/api/events?{bad}"));
        assert_eq!(status, 400, "{bad}: {body}");
        let name = bad.split('=').next().unwrap();
        assert!(
            body["error"]["message"].as_str().unwrap().contains(name),
            "{bad}: {body}"
        );
    }
    // control characters in a search are no words, and no error
    let (status, _) = server.json("/api/search?q=crocus%00%1d");
    assert_eq!(status, 200);
    // by country and date range
    let (_, ru) = server.json("/api/events?country=RU&since=2024-03-22&until=2024-03-23");
    assert!(
        ru["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["id"] == crocus_id)
    );
    let (_, none) = server.json("/api/events?since=2030-01-01");
    assert!(none["items"].as_array().unwrap().is_empty());
    // paging walks the whole list once
    let mut seen = Vec::new();
    let mut offset = Some(0);
    while let Some(at) = offset {
        let (_, page) = server.json(&format!("/api/events?limit=2&offset={at}"));
        seen.extend(
            page["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| e["id"].clone()),
        );
        offset = page["next_offset"].as_u64();
    }
    assert_eq!(
        seen,
        all.iter().map(|e| e["id"].clone()).collect::<Vec<_>>()
    );
    // claims of an event across articles, by kind
    let (_, denials) = server.json(&format!(
        "/api/claims?event={}&kind=denial",
        crocus_id.as_str().unwrap()
    ));
    let denials = denials["items"].as_array().unwrap();
    assert!(!denials.is_empty());
    assert!(denials.iter().all(|c| c["kind"] == "denial"));
    // search finds the Russian report through its own words
    let (_, hits) = server.json("/api/search?q=%D0%9A%D1%80%D0%BE%D0%BA%D1%83%D1%81");
    assert!(!hits["items"].as_array().unwrap().is_empty());
}

#[test]
fn ingest_needs_the_token() {
    // read-only without a token
    let read_only = Server::start(shared_store(), None);
    let (status, body) = read_only.post("/api/ingest", Some("anything"), b"text");
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (403, Some("read_only"))
    );
    drop(read_only);

    let dir = tempfile::tempdir().unwrap();
    let db = sample_store(dir.path());
    let server = Server::start(&db, Some("s3cret"));
    let (status, body) = server.post("/api/ingest", None, b"text");
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (401, Some("unauthorized"))
    );
    let (status, _) = server.post("/api/ingest", Some("s3cre"), b"text");
    assert_eq!(status, 401);
    let (_, doc) = server.json("/openapi.json");
    let (_, before) = server.json("/api/stats");
    // asked twice, answered from the cache the second time
    let (_, headers, nothing) = server.get("/api/search?q=kunduz");
    assert_eq!(headers.get("x-cache").unwrap(), "miss");
    assert!(nothing.contains("\"items\":[]"));
    let (_, headers, _) = server.get("/api/search?q=kunduz");
    assert_eq!(headers.get("x-cache").unwrap(), "hit");
    let report = "{\"url\": \"https://example.org/kunduz\", \"title\": \"Blast at Kunduz market\", \
        \"published\": \"2023-06-02\", \"text\": \"A bomb exploded at a crowded market in Kunduz on Friday, \
        killing 11 people and wounding 30 others, local officials said. No group has claimed responsibility \
        for the blast, which police said was caused by an explosive device hidden in a cart.\"}\n";
    let (status, summary) = server.post(
        "/api/ingest?name=upload.jsonl",
        Some("s3cret"),
        report.as_bytes(),
    );
    assert_eq!(status, 200, "{summary}");
    assert_documented(&doc, "/api/ingest", "post", 200, &summary);
    assert_eq!(summary["stored"], 1);
    assert_eq!(summary["linked"]["articles"], 1);
    let (_, after) = server.json("/api/stats");
    assert_eq!(
        after["articles"].as_u64().unwrap(),
        before["articles"].as_u64().unwrap() + 1
    );
    let (_, hits) = server.json("/api/search?q=kunduz");
    assert_eq!(hits["items"].as_array().unwrap().len(), 1);
    let (_, events) = server.json("/api/events?country=AF&since=2023-06-01&until=2023-06-03");
    assert_eq!(events["items"].as_array().unwrap().len(), 1, "{events}");
    // a binary upload is recorded as rejected, and nothing stored breaks
    let (status, summary) = server.post(
        "/api/ingest?name=blob.bin",
        Some("s3cret"),
        &[0u8, 159, 146, 150, 0, 1, 2, 3],
    );
    assert!(status == 200 || status == 207, "{status} {summary}");
    assert_eq!(summary["stored"], 0);
    let (status, body) = server.post("/api/ingest?name=../etc/passwd", Some("s3cret"), b"x");
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (400, Some("bad_request"))
    );
    let (_, again) = server.json("/api/stats");
    assert_eq!(again["articles"], after["articles"]);
    // another process writing to the store is seen at once, cache or not
    let (_, headers, _) = server.get("/api/search?q=quetta");
    assert_eq!(headers.get("x-cache").unwrap(), "miss");
    {
        use dossier_model::{Article, Source, SourceFormat};
        use dossier_store::Store;
        let mut outside = SqliteStore::open(&db).unwrap();
        let article = Article::from_plain_text(
            Source::new("outside.txt", SourceFormat::Text),
            "A suicide bomber struck a police station in Quetta on Monday.".to_owned(),
        );
        outside.put_batch(&[article]).unwrap();
    }
    let (_, headers, body) = server.get("/api/search?q=quetta");
    assert_eq!(headers.get("x-cache").unwrap(), "miss");
    assert!(body.contains("Quetta"), "{body}");
}

#[test]
fn the_page_is_served_offline_with_a_strict_policy() {
    let server = Server::start(shared_store(), None);
    let (status, headers, html) = server.get("/");
    assert_eq!(status, 200);
    let policy = headers
        .get("content-security-policy")
        .unwrap()
        .to_str()
        .unwrap();
    assert!(policy.contains("script-src 'self'") && !policy.contains("unsafe-inline"));
    // nothing is fetched from elsewhere
    for asset in ["/", "/assets/app.js", "/assets/style.css"] {
        let (status, _, body) = server.get(asset);
        assert_eq!(status, 200, "{asset}");
        // the SVG namespace is a name, not an address
        let body = body.replace("http://www.w3.org/2000/svg", "");
        for outside in ["http://", "https://", "//cdn", "fonts.googleapis"] {
            assert!(!body.contains(outside), "{asset} refers to {outside}");
        }
    }
    assert!(html.contains("/assets/app.js"));
    // the script never parses record text as HTML
    let (_, _, script) = server.get("/assets/app.js");
    for sink in [
        "innerHTML",
        "outerHTML",
        "insertAdjacentHTML",
        "document.write",
        "eval(",
    ] {
        assert!(!script.contains(sink), "app.js uses {sink}");
    }
    // the map's outlines are in the binary
    let (status, world) = server.json("/assets/world.json");
    assert_eq!(status, 200);
    let countries = world["countries"].as_array().unwrap();
    assert!(countries.len() > 150);
    assert!(countries.iter().any(|c| c["code"] == "RU"));
}
