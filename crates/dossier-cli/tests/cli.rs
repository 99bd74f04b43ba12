//! End-to-end tests of the `dossier` binary on the bundled sample corpus and
//! on broken inputs. One integration binary for the crate (link time).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn dossier(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dossier"))
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .expect("run dossier")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../sample")
}

fn json_lines(text: &str) -> Vec<serde_json::Value> {
    text.lines()
        .map(|line| serde_json::from_str(line).expect("a JSON line"))
        .collect()
}

#[test]
fn ingests_the_sample_corpus_and_queries_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("d.db");
    let sample = sample();
    let out = dossier(&db, &["--json", "ingest", sample.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}{}",
        stdout(&out),
        String::from_utf8_lossy(&out.stderr)
    );
    let summary = &json_lines(&stdout(&out))[0];
    let stored = summary["stored"].as_u64().unwrap();
    assert!(stored >= 10, "stored only {stored}: {summary}");
    assert!(summary["duplicates"].as_u64().unwrap() >= 1, "{summary}");

    // Idempotent: a second run stores nothing new and changes nothing.
    let again = dossier(&db, &["--json", "ingest", sample.to_str().unwrap()]);
    let again = &json_lines(&stdout(&again))[0];
    assert_eq!(again["stored"], 0, "{again}");
    assert_eq!(
        again["unchanged"].as_u64(),
        Some(summary["stored"].as_u64().unwrap() + summary["duplicates"].as_u64().unwrap()),
        "{again}"
    );

    let list = dossier(&db, &["--json", "articles", "--limit", "100"]);
    let articles = json_lines(&stdout(&list));
    assert_eq!(articles.len() as u64, stored);
    let languages: Vec<&str> = articles
        .iter()
        .filter_map(|a| a["language"].as_str())
        .collect();
    assert!(
        languages.contains(&"ru"),
        "the windows-1251 page must come out as Russian: {languages:?}"
    );

    let hits = dossier(&db, &["--json", "search", "Crocus"]);
    assert!(!json_lines(&stdout(&hits)).is_empty());
    let hits_ru = dossier(&db, &["--json", "search", "Крокус"]);
    assert!(!json_lines(&stdout(&hits_ru)).is_empty(), "Cyrillic search");

    let id = articles[0]["id"].as_str().unwrap();
    let one = dossier(&db, &["article", id]);
    assert!(one.status.success());
    let article: serde_json::Value = serde_json::from_str(&stdout(&one)).unwrap();
    assert_eq!(article["id"], id);
    assert!(article["span_map"].is_object());

    let table = dossier(&db, &["articles"]);
    assert!(stdout(&table).starts_with("ID"));
}

#[test]
fn seed_report_loses_its_comment_form() {
    let dir = tempfile::tempdir().unwrap();
    let seed = sample().join("seeds/000_2dcf336276eb37ea.txt");
    let out = dossier(
        &dir.path().join("x.db"),
        &["extract", seed.to_str().unwrap()],
    );
    assert!(out.status.success());
    let lines = json_lines(&stdout(&out));
    assert_eq!(lines.len(), 1);
    let article = &lines[0];
    assert_eq!(article["outcome"], "kept");
    let text = article["text"].as_str().unwrap();
    assert!(text.contains("IS-K"));
    assert!(!text.contains("Please enter your comment"), "{text}");
    assert!(!text.contains("Google Transliteration"), "{text}");
    assert!(
        article["source"]["input"]
            .as_str()
            .unwrap()
            .ends_with("000_2dcf336276eb37ea.txt")
    );
}

#[test]
fn bad_inputs_are_named_and_the_rest_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("inputs");
    std::fs::create_dir(&inputs).unwrap();
    std::fs::write(
        inputs.join("good.txt"),
        "Gunmen opened fire at Crocus City Hall near Moscow on Friday, officials said, and set the building on fire.",
    )
    .unwrap();
    std::fs::write(inputs.join("empty.html"), "").unwrap();
    std::fs::write(
        inputs.join("junk.bin"),
        [0u8, 159, 146, 150, 0, 1, 2, 3, 255, 0, 0, 7],
    )
    .unwrap();
    // a gzip stream cut in half
    let gz = {
        use std::io::Write;
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        enc.write_all(
            "Attackers stormed the hall; the toll rose through the night. "
                .repeat(200)
                .as_bytes(),
        )
        .unwrap();
        enc.finish().unwrap()
    };
    std::fs::write(inputs.join("cut.txt.gz"), &gz[..gz.len() / 2]).unwrap();
    let db = dir.path().join("bad.db");
    let out = dossier(&db, &["--json", "ingest", inputs.to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "a failed input makes the exit status 1"
    );
    let summary = &json_lines(&stdout(&out))[0];
    assert_eq!(summary["stored"], 1, "{summary}");
    let problems = summary["problems"].as_array().unwrap();
    for name in ["empty.html", "junk.bin", "cut.txt.gz"] {
        assert!(
            problems
                .iter()
                .any(|p| p["input"].as_str().unwrap().contains(name)),
            "{name} not reported: {summary}"
        );
    }
}

#[test]
fn actors_aliases_and_their_evidence_after_ingest() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("d.db");
    let seeds = sample().join("seeds");
    let out = dossier(&db, &["ingest", seeds.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    // Both seeds mention IS-K (as IS-K and as ISIS-K): one actor, two articles.
    let actors = json_lines(&stdout(&dossier(&db, &["--json", "actors"])));
    let isk = actors
        .iter()
        .find(|a| a["id"] == "islamic-state-khorasan")
        .expect("IS-K is listed");
    assert_eq!(isk["articles"], 2, "{isk}");

    // The alias the seed defines is shown with its article, span and sentence.
    let shown = stdout(&dossier(&db, &["actor", "ISIS-K"]));
    assert!(shown.contains("province_of Islamic State"), "{shown}");
    assert!(shown.contains("S-K — learned (short_for)"), "{shown}");
    assert!(
        shown.contains("“S-K, short for Islamic State-Khorasan"),
        "{shown}"
    );

    // Removing it keeps the history but marks it.
    let removed = dossier(&db, &["kb", "unlearn", "S-K"]);
    assert!(removed.status.success(), "{}", stdout(&removed));
    let view = &json_lines(&stdout(&dossier(&db, &["--json", "actor", "IS-K"])))[0];
    let learned: Vec<&serde_json::Value> = view["alias_evidence"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["alias"] == "S-K")
        .collect();
    assert_eq!(learned.len(), 1);
    assert_eq!(learned[0]["removed"], true);
    assert_eq!(learned[0]["span"].as_array().unwrap().len(), 2);

    let unknown = dossier(&db, &["actor", "No Such Group"]);
    assert!(!unknown.status.success());
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("No Such Group"));
}

#[test]
fn kb_check_reports_problems_with_exit_status() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("d.db");
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../dossier-kb/tests/fixtures");
    let good = dossier(
        &db,
        &[
            "kb",
            "check",
            fixtures.join("user_actors.toml").to_str().unwrap(),
        ],
    );
    assert!(good.status.success(), "{}", stdout(&good));
    assert!(stdout(&good).contains("0 error(s)"));
    let bad = dossier(
        &db,
        &[
            "kb",
            "check",
            fixtures.join("broken_actors.toml").to_str().unwrap(),
        ],
    );
    assert_eq!(bad.status.code(), Some(1));
    assert!(stdout(&bad).contains("no-such-actor"), "{}", stdout(&bad));

    // A user file extends what the annotator knows.
    let text = dir.path().join("t.txt");
    std::fs::write(&text, "Members of the Crocus Cell were detained.").unwrap();
    let user = fixtures.join("user_actors.toml");
    let annotated = stdout(&dossier(
        &db,
        &[
            "--kb",
            user.to_str().unwrap(),
            "annotate",
            text.to_str().unwrap(),
        ],
    ));
    assert!(annotated.contains("actor:crocus-cell"), "{annotated}");
}

/// Every casualty figure of every event mention of the article titled
/// `title`: (kind, text as written, as-of date).
fn figures(db: &Path, title: &str) -> BTreeSet<(String, String, Option<String>)> {
    let listed = json_lines(&stdout(&dossier(
        db,
        &["--json", "events", "--mentions", "--limit", "500"],
    )));
    let mut out = BTreeSet::new();
    for summary in listed.iter().filter(|e| e["title"] == title) {
        let id = summary["id"].as_str().unwrap();
        let shown = dossier(db, &["--json", "event", id]);
        let event = &json_lines(&stdout(&shown))[0];
        let text = dossier(db, &["article", summary["article"].as_str().unwrap()]);
        let article: serde_json::Value = serde_json::from_str(&stdout(&text)).unwrap();
        let body = article["text"].as_str().unwrap();
        for figure in event["event"]["casualties"]
            .as_array()
            .into_iter()
            .flatten()
        {
            let span = figure["span"].as_array().unwrap();
            let (start, end) = (
                span[0].as_u64().unwrap() as usize,
                span[1].as_u64().unwrap() as usize,
            );
            out.insert((
                figure["kind"].as_str().unwrap().to_owned(),
                body[start..end].to_owned(),
                figure["as_of"].as_str().map(str::to_owned),
            ));
        }
    }
    out
}

#[test]
fn crocus_reports_give_their_figures_qualifiers_and_as_of_dates() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("d.db");
    let sample = sample();
    let out = dossier(&db, &["ingest", sample.to_str().unwrap()]);
    assert!(out.status.success());
    let f = |kind: &str, text: &str, as_of: Option<&str>| {
        (kind.to_owned(), text.to_owned(), as_of.map(str::to_owned))
    };
    let expected = [
        (
            "Gunmen attack concert hall near Moscow; FSB says 40 killed",
            vec![
                f("killed", "40", Some("2024-03-22")),
                f("wounded", "more than 100", Some("2024-03-22")),
            ],
        ),
        (
            "Over 60 killed in Moscow concert hall attack",
            vec![
                f("killed", "More than 60", Some("2024-03-23")),
                f("wounded", "145", Some("2024-03-23")),
                f("killed", "40", Some("2024-03-22")),
            ],
        ),
        (
            "Dozens dead after concert hall attack near Moscow",
            vec![
                f("killed", "Dozens", Some("2024-03-23")),
                f("wounded", "about 100", Some("2024-03-23")),
                // "Earlier figures from the FSB": older than the report,
                // date not stated.
                f("killed", "40", None),
                f("wounded", "more than 100", None),
            ],
        ),
        (
            "Death toll in Crocus City Hall attack rises above 60",
            vec![
                f("killed", "More than 60", Some("2024-03-23")),
                f("wounded", "145", Some("2024-03-23")),
                f("killed", "about 40", Some("2024-03-22")),
            ],
        ),
        (
            "Toll in Moscow concert attack passes 115; eleven arrested",
            vec![
                f("killed", "At least 115", Some("2024-03-23")),
                f("wounded", "more than 100", Some("2024-03-23")),
                f("killed", "at least 115", Some("2024-03-23")),
            ],
        ),
        (
            "Four Tajik suspects held as Kremlin points to Ukraine",
            vec![
                f("killed", "At least 133", Some("2024-03-24")),
                f("wounded", "More than 100", Some("2024-03-24")),
                f("killed", "40", Some("2024-03-22")),
            ],
        ),
        (
            "Crocus suspects remanded in custody until May",
            vec![f("wounded", "182", Some("2024-03-26"))],
        ),
        (
            "Бастрыкин: число погибших в «Крокус Сити Холле» выросло до 139",
            vec![
                // "… выросло до 139 человек. Об этом заявил …, приведя данные
                // по состоянию на 25 марта."
                f("killed", "139", Some("2024-03-25")),
                // "Ранее сообщалось о 137 погибших."
                f("killed", "137", None),
                f("wounded", "182", Some("2024-03-26")),
            ],
        ),
        (
            "150 dead in Moscow attack, reports say",
            vec![
                f("killed", "150", Some("2024-03-26")),
                f("killed", "139", Some("2024-03-25")),
                // "up from 137 reported earlier"
                f("killed", "137", None),
                f("wounded", "99", Some("2024-03-26")),
                f("wounded", "182", Some("2024-03-26")),
                f("wounded", "97", Some("2024-03-26")),
            ],
        ),
    ];
    for (title, want) in expected {
        let want: BTreeSet<_> = want.into_iter().collect();
        assert_eq!(figures(&db, title), want, "{title}");
    }
    // The seeds state no number: none is invented.
    for title in [
        "IS-K: Unveiling the Identity of the Islamic State Jihadists Linked to the Moscow Attack",
        "ISIS-K: What You Need to Know About the Moscow Concert Hall Terror Attack",
    ] {
        assert_eq!(figures(&db, title), BTreeSet::new(), "{title}");
    }
}

#[test]
fn events_list_filters_and_event_shows_sentences() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("d.db");
    let sample = sample();
    assert!(
        dossier(&db, &["ingest", sample.to_str().unwrap()])
            .status
            .success()
    );
    let all = json_lines(&stdout(&dossier(
        &db,
        &["--json", "events", "--mentions", "--limit", "500"],
    )));
    assert!(all.len() >= 10, "{all:?}");
    let by_actor = json_lines(&stdout(&dossier(
        &db,
        &[
            "--json",
            "events",
            "--mentions",
            "--actor",
            "IS-K",
            "--limit",
            "500",
        ],
    )));
    assert!(
        !by_actor.is_empty() && by_actor.len() < all.len(),
        "{by_actor:?}"
    );
    let in_russia = json_lines(&stdout(&dossier(
        &db,
        &[
            "--json",
            "events",
            "--mentions",
            "--place",
            "Russia",
            "--limit",
            "500",
        ],
    )));
    assert!(
        in_russia.iter().all(|e| e["country"] == "RU"),
        "{in_russia:?}"
    );
    assert!(!in_russia.is_empty());
    // Russian declines place names: "в Красногорске" is Krasnogorsk.
    assert!(
        in_russia.iter().any(|e| e["place"] == "Красногорске"
            && e["title"].as_str().unwrap().starts_with("Бастрыкин")),
        "{in_russia:?}"
    );
    let background = json_lines(&stdout(&dossier(
        &db,
        &[
            "--json",
            "events",
            "--mentions",
            "--status",
            "background",
            "--limit",
            "500",
        ],
    )));
    assert!(
        background.iter().any(|e| e["place"] == "Kabul"),
        "{background:?}"
    );
    let dated = json_lines(&stdout(&dossier(
        &db,
        &[
            "--json",
            "events",
            "--mentions",
            "--since",
            "2024-03-22",
            "--until",
            "2024-03-22",
            "--limit",
            "500",
        ],
    )));
    assert!(dated.iter().all(|e| e["date"] == "2024-03-22") && !dated.is_empty());

    // Each dated report of the attack has one main event, dated Friday 22
    // March 2024 from its own publication date.
    let main: Vec<_> = all.iter().filter(|e| e["status"] == "main").collect();
    let on_the_day = main.iter().filter(|e| e["date"] == "2024-03-22").count();
    assert!(on_the_day >= 9, "{main:?}");
    for event in &main {
        assert!(
            event["date"] == "2024-03-22" || event["date"].is_null(),
            "{event}"
        );
    }

    // One event, shown field by field with its sentences; a prefix works.
    let id = all[0]["id"].as_str().unwrap();
    let shown = dossier(&db, &["event", &id[..id.len() - 1]]);
    let text = stdout(&shown);
    assert!(
        shown.status.success() || shown.status.code() == Some(2),
        "{text}"
    );
    let shown = stdout(&dossier(&db, &["event", id]));
    for field in [
        "type",
        "status",
        "trigger",
        "when",
        "where",
        "extractor events v",
    ] {
        assert!(shown.contains(field), "{field} missing in {shown}");
    }
    assert!(shown.contains('«'), "no sentence quoted: {shown}");
    let missing = dossier(&db, &["event", "nope"]);
    assert!(!missing.status.success());
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no event mention"));
}

/// Claims of the constructed Crocus reports, as the extractor finds them.
#[test]
fn claims_list_filters_and_show_under_their_event() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("d.db");
    let html = sample().join("html");
    assert!(
        dossier(&db, &["ingest", html.to_str().unwrap()])
            .status
            .success()
    );
    let claims = |args: &[&str]| -> Vec<serde_json::Value> {
        let mut all = vec!["--json", "claims", "--limit", "500"];
        all.extend_from_slice(args);
        let out = dossier(&db, &all);
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        json_lines(&stdout(&out))
    };
    let entity = |claim: &serde_json::Value, part: &str| claim[part]["entity"].clone();

    let all = claims(&[]);
    assert!(all.len() >= 10, "{all:?}");
    // Newest article first; the same input gives the same listing.
    let published: Vec<&str> = all
        .iter()
        .map(|c| c["published"].as_str().unwrap())
        .collect();
    assert!(published.windows(2).all(|w| w[0] >= w[1]), "{published:?}");
    assert_eq!(all, claims(&[]));
    for claim in &all {
        assert!(!claim["quotes"]["sentence"].as_str().unwrap().is_empty());
        assert_eq!(claim["extractor"]["name"], "claims");
    }

    // The Islamic State claims the attack, in each English report that says so.
    let responsibility = claims(&["--kind", "responsibility"]);
    assert!(responsibility.len() >= 3, "{responsibility:?}");
    for claim in &responsibility {
        assert_eq!(entity(claim, "speaker"), "actor:islamic-state", "{claim}");
        assert_eq!(entity(claim, "about"), "actor:islamic-state", "{claim}");
        assert_eq!(claim["stance"], "asserts");
    }
    assert!(
        responsibility
            .iter()
            .any(|c| c["quotes"]["sentence"].as_str().unwrap().contains("Amaq")),
        "{responsibility:?}"
    );
    // "…but the claim was published with no evidence": the article disputes it.
    assert!(
        responsibility
            .iter()
            .any(|c| c["framing"]["stance"] == "disputes"),
        "{responsibility:?}"
    );

    // The Amaq channel is recorded.
    assert!(
        responsibility.iter().any(|c| c["channel"]["text"]
            .as_str()
            .is_some_and(|t| t.contains("Amaq") || t.contains("Амак"))),
        "{responsibility:?}"
    );

    // Kyiv denies (and Ukraine in the Russian report), found by the
    // country's name.
    let denials = claims(&["--actor", "Ukraine", "--kind", "denial"]);
    assert_eq!(denials.len(), 2, "{denials:?}");
    let denial = denials
        .iter()
        .find(|c| c["speaker"]["text"] == "Kyiv")
        .expect("Kyiv's denial");
    assert_eq!(denial["speaker"]["text"], "Kyiv");
    assert_eq!(entity(denial, "speaker"), "actor:ukraine");
    assert_eq!(denial["stance"], "denies");
    assert_eq!(denial["quotes"]["cue"], "denied");

    // US officials attribute the attack to IS-K; an alias finds it.
    let by_isk = claims(&["--actor", "IS-K"]);
    assert!(
        by_isk.iter().any(|c| c["kind"] == "attribution"
            && entity(c, "speaker") == "actor:united-states"
            && entity(c, "about") == "actor:islamic-state-khorasan"),
        "{by_isk:?}"
    );
    // Putin points to Ukraine.
    let kremlin = claims(&["--actor", "Putin", "--kind", "attribution"]);
    assert!(
        kremlin
            .iter()
            .any(|c| entity(c, "about") == "actor:ukraine"),
        "{kremlin:?}"
    );
    let us = claims(&["--speaker", "us officials"]);
    assert!(!us.is_empty() && us.iter().all(|c| c["speaker"]["text"] == "US officials"));

    // An event's claims are those linked to it, listed under `dossier event`.
    let event = denial["event_id"].as_str().unwrap();
    let linked = claims(&["--event", event]);
    assert!(linked.iter().all(|c| c["event_id"] == event), "{linked:?}");
    assert!(linked.contains(denial), "{linked:?}");
    let shown = stdout(&dossier(&db, &["event", event]));
    let section = shown.split_once("\nClaims\n").map(|(_, s)| s).unwrap_or("");
    assert!(
        section.contains("denial") && section.contains("Kyiv"),
        "{shown}"
    );
    let shown = json_lines(&stdout(&dossier(&db, &["--json", "event", event])));
    assert_eq!(shown[0]["claims"].as_array().unwrap().len(), linked.len());

    let table = stdout(&dossier(&db, &["claims"]));
    assert!(table.starts_with("KIND"), "{table}");
    assert!(table.contains("denies"), "{table}");

    // Bad filters name the bad input.
    let bad = dossier(&db, &["claims", "--kind", "nonsense"]);
    assert!(!bad.status.success());
    let message = String::from_utf8_lossy(&bad.stderr);
    assert!(message.contains("\"nonsense\""), "{message}");
    for kind in [
        "responsibility",
        "attribution",
        "denial",
        "confirmation",
        "statement",
    ] {
        assert!(message.contains(kind), "{message}");
    }
    let bad = dossier(&db, &["claims", "--event", "nope"]);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("no event mention \"nope\""));
    let bad = dossier(&db, &["claims", "--actor", "no-such-actor-anywhere"]);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("no-such-actor-anywhere"));
}

#[test]
fn crocus_reports_link_into_one_event_with_sources_series_and_status() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("d.db");
    let sample = sample();
    let out = dossier(&db, &["--json", "ingest", sample.to_str().unwrap()]);
    assert!(out.status.success());
    let summary = &json_lines(&stdout(&out))[0];
    assert!(
        summary["linked"]["articles"].as_u64().unwrap() >= 10,
        "{summary}"
    );

    let events = json_lines(&stdout(&dossier(&db, &["--json", "events"])));
    let main = events
        .iter()
        .max_by_key(|e| e["articles"].as_u64())
        .unwrap();
    assert_eq!(main["place"], "Krasnogorsk", "{main}");
    assert_eq!(main["date"], "2024-03-22", "{main}");
    assert!(main["articles"].as_u64().unwrap() >= 10, "{main}");
    // the attacks the reports recall (Kabul 2021, Kerman) are events of their own
    assert!(events.iter().any(|e| e["place"] == "Kabul"), "{events:?}");
    assert!(
        events
            .iter()
            .filter(|e| e["id"] != main["id"])
            .all(|e| e["articles"].as_u64().unwrap() <= 2),
        "{events:?}"
    );

    let id = main["id"].as_str().unwrap();
    let shown = dossier(&db, &["--json", "event", id]);
    assert!(shown.status.success());
    let linked = &json_lines(&stdout(&shown))[0];
    let reports = linked["reports"].as_array().unwrap();
    assert!(reports.iter().all(|r| r["status"] == "main"), "{reports:?}");
    // both seed reports (no outlet, little shared wording) are reports of it
    assert_eq!(
        reports.iter().filter(|r| r["outlet"].is_null()).count(),
        2,
        "{reports:?}"
    );
    // the verbatim copy on mirror-news adds reach, not a source
    let delhi = reports
        .iter()
        .find(|r| r["outlet"] == "delhi-desk.example")
        .unwrap();
    let seen: Vec<&str> = delhi["seen_at"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u.as_str().unwrap())
        .collect();
    assert!(
        seen.iter().any(|u| u.contains("mirror-news.example")),
        "{seen:?}"
    );
    let sources: Vec<&str> = linked["record"]["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    assert!(
        sources.iter().all(|s| !s.contains("mirror-news")),
        "{sources:?}"
    );
    assert!(sources.len() >= 8, "{sources:?}");
    // the evening paper's syndicated rewrite of the wire story is a copy:
    // its toll counts for the wire, once
    let ledger = reports
        .iter()
        .find(|r| r["outlet"] == "evening-ledger.example")
        .unwrap();
    assert_eq!(ledger["copy_kind"], "near_duplicate", "{ledger}");
    assert_eq!(ledger["source"], "outlet:wire.example", "{ledger}");
    let at_least_133 = linked["record"]["killed"]["series"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["low"] == 133)
        .unwrap();
    assert_eq!(at_least_133["corroboration"], 1, "{at_least_133}");
    assert_eq!(at_least_133["assertions"].as_array().unwrap().len(), 2);

    // the toll as a series with as-of dates, rising 40 → 60 → 115 → 133 → 139
    let killed = &linked["record"]["killed"];
    let series: Vec<(String, u64)> = killed["series"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| Some((p["as_of"].as_str()?.to_owned(), p["low"].as_u64()?)))
        .collect();
    for (day, low) in [
        ("2024-03-22", 40),
        ("2024-03-23", 61),
        ("2024-03-23", 115),
        ("2024-03-24", 133),
        ("2024-03-25", 139),
    ] {
        assert!(
            series.contains(&(day.to_owned(), low)),
            "{day} {low} not in {series:?}"
        );
    }
    assert_eq!(killed["consensus"]["ucdp_low"], 139, "{killed}");
    assert_eq!(killed["consensus"]["gtd"], 139, "{killed}");
    assert_eq!(
        killed["contested"], false,
        "a rising toll is no contradiction"
    );

    // perpetrator: the group's claim and the US attribution; the Kremlin's
    // pointing at Ukraine, contested by Kyiv's denial
    let perpetrator = &linked["record"]["perpetrator"];
    assert_eq!(perpetrator["status"], "contested", "{perpetrator}");
    let actors = perpetrator["actors"].as_array().unwrap();
    let actor = |key: &str| actors.iter().find(|a| a["actor"] == key).unwrap();
    let islamic_state = actor("actor:islamic-state");
    assert_eq!(islamic_state["standing"], "claimed");
    assert!(
        islamic_state["claims"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["channel"].as_str().is_some_and(|ch| ch.contains("Amaq"))),
        "{islamic_state}"
    );
    assert!(
        islamic_state["attributions"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["speaker"].as_str().is_some_and(|s| s.starts_with("US"))),
        "{islamic_state}"
    );
    let ukraine = actor("actor:ukraine");
    assert_eq!(ukraine["standing"], "contested");
    assert!(
        ukraine["attributions"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["speaker"].as_str().is_some_and(|s| s.contains("Putin"))),
        "{ukraine}"
    );
    assert!(
        ukraine["disputes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["kind"] == "denial"),
        "{ukraine}"
    );

    // the text page says the same
    let page = stdout(&dossier(&db, &["event", id]));
    assert!(page.contains("status: Contested"), "{page}");
    assert!(page.contains("consensus as of"), "{page}");
    // a mention points at its event
    let mention = reports[0]["mention"].as_str().unwrap();
    let page = stdout(&dossier(&db, &["event", mention]));
    assert!(page.contains(&format!("part of   event {id}")), "{page}");
}

#[test]
fn linking_does_not_depend_on_input_order_and_resumes() {
    let dir = tempfile::tempdir().unwrap();
    let sample = sample();
    let mut inputs: Vec<String> = ["html", "jsonl", "feeds", "archive", "seeds"]
        .iter()
        .map(|d| sample.join(d).to_str().unwrap().to_owned())
        .collect();
    let events_of = |db: &Path| {
        let listed = json_lines(&stdout(&dossier(
            db,
            &["--json", "events", "--limit", "500"],
        )));
        listed
            .iter()
            .map(|e| {
                (
                    e["id"].as_str().unwrap().to_owned(),
                    e["articles"].as_u64().unwrap(),
                )
            })
            .collect::<BTreeSet<_>>()
    };
    let forward = dir.path().join("forward.db");
    let mut args = vec!["ingest"];
    args.extend(inputs.iter().map(String::as_str));
    assert!(dossier(&forward, &args).status.success());
    inputs.reverse();
    let backward = dir.path().join("backward.db");
    let mut args = vec!["ingest"];
    args.extend(inputs.iter().map(String::as_str));
    assert!(dossier(&backward, &args).status.success());
    assert_eq!(events_of(&forward), events_of(&backward));
    // nothing is pending after an ingest; linking again changes nothing
    let again = json_lines(&stdout(&dossier(&forward, &["--json", "link"])));
    assert_eq!(again[0]["articles"], 0, "{again:?}");
    assert_eq!(events_of(&forward), events_of(&backward));
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

// See: issue #6 (incident clustering).
#[test]
fn eval_cluster_groups_reports_by_incident() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("unused.db");
    let input = fixture("clusters.docs.jsonl");
    let out = dossier(&db, &["eval", "cluster", input.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines = json_lines(&stdout(&out));
    let ids: Vec<&str> = lines.iter().map(|l| l["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        ["a1", "b1", "c1", "a2", "c2", "b2"],
        "input order kept"
    );
    let label = |id: &str| lines.iter().find(|l| l["id"] == id).unwrap()["cluster"].clone();
    assert_eq!(label("a1"), label("a2"));
    assert_eq!(label("b1"), label("b2"));
    assert_eq!(label("c1"), label("c2"));
    assert_ne!(label("a1"), label("b1"));
    assert_ne!(label("a1"), label("c1"));
    assert_ne!(label("b1"), label("c1"));
    assert!(!db.exists(), "no store is opened");
}

#[test]
fn eval_cluster_names_the_bad_line() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("bad.jsonl");
    std::fs::write(
        &input,
        "{\"id\": \"x\", \"text\": \"fine\"}\n\n{\"id\": \"y\"}\n",
    )
    .unwrap();
    let out = dossier(
        &dir.path().join("d.db"),
        &["eval", "cluster", input.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bad.jsonl:3"), "{err}");

    std::fs::write(
        &input,
        "{\"id\": \"x\", \"text\": \"t\", \"published\": \"May 3\"}\n",
    )
    .unwrap();
    let out = dossier(
        &dir.path().join("d.db"),
        &["eval", "cluster", input.to_str().unwrap()],
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bad.jsonl:1") && err.contains("D711"), "{err}");
}

#[test]
fn reports_of_different_incidents_stay_apart() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("d.db");
    let incidents = Path::new(env!("CARGO_MANIFEST_DIR")).join("../dossier-events/tests/fixtures");
    let sample = sample();
    let out = dossier(
        &db,
        &[
            "ingest",
            sample.to_str().unwrap(),
            incidents.to_str().unwrap(),
        ],
    );
    assert!(out.status.success());
    let events = json_lines(&stdout(&dossier(
        &db,
        &["--json", "events", "--limit", "500"],
    )));
    // eight wire reports of eight attacks in eight cities: eight events, and
    // none of them joins the Crocus attack
    for place in [
        "Nice",
        "Berlin",
        "Kyiv",
        "Tbilisi",
        "Donetsk",
        "Eskilstuna",
        "Zamfara",
    ] {
        let found: Vec<_> = events.iter().filter(|e| e["place"] == place).collect();
        assert_eq!(found.len(), 1, "{place}: {events:?}");
        assert_eq!(found[0]["articles"], 1, "{place}: {found:?}");
    }
    let crocus = events
        .iter()
        .max_by_key(|e| e["articles"].as_u64())
        .unwrap();
    assert_eq!(crocus["place"], "Krasnogorsk");
    assert_eq!(crocus["articles"], 12, "{crocus}");
}

#[test]
fn exports_events_as_json_lines_to_a_file_or_stdout() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("export.db");
    // no store yet: a clear error, no file
    let out_file = dir.path().join("events.jsonl");
    let missing = dossier(
        &db,
        &[
            "export",
            "--format",
            "jsonl",
            "-o",
            out_file.to_str().unwrap(),
        ],
    );
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no store"));
    assert!(!out_file.exists());
    assert!(
        dossier(&db, &["ingest", sample().to_str().unwrap()])
            .status
            .success()
    );
    let listed = json_lines(&stdout(&dossier(
        &db,
        &["--json", "events", "--limit", "500"],
    )));
    let written = dossier(
        &db,
        &[
            "export",
            "--format",
            "jsonl",
            "-o",
            out_file.to_str().unwrap(),
        ],
    );
    assert!(written.status.success(), "{written:?}");
    let lines = json_lines(&std::fs::read_to_string(&out_file).unwrap());
    assert_eq!(lines.len(), listed.len());
    assert!(!dir.path().join("events.jsonl.partial").exists());
    // the same events, in the listing's order, each with its record
    let ids: Vec<&serde_json::Value> = lines.iter().map(|l| &l["event"]["id"]).collect();
    let listed_ids: Vec<&serde_json::Value> = listed.iter().map(|e| &e["id"]).collect();
    assert_eq!(ids, listed_ids);
    assert!(lines.iter().all(|l| l["record"]["fields"].is_array()));
    // stdout gives the same bytes; filters apply
    let piped = dossier(&db, &["export", "--format", "jsonl"]);
    assert_eq!(piped.stdout, std::fs::read(&out_file).unwrap());
    let contested = json_lines(&stdout(&dossier(
        &db,
        &[
            "export",
            "--format",
            "jsonl",
            "--contested",
            "--actor",
            "IS-K",
        ],
    )));
    assert!(!contested.is_empty() && contested.len() < lines.len());
    // an unknown format names the known ones
    let unknown = dossier(&db, &["export", "--format", "xlsx"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("formats: jsonl"));
}

#[test]
fn load_stores_extract_output_as_a_direct_ingest_would_and_names_bad_lines() {
    let dir = tempfile::tempdir().unwrap();
    let extracted = dossier(
        &dir.path().join("unused.db"),
        &["extract", sample().to_str().unwrap()],
    );
    let lines: Vec<String> = stdout(&extracted).lines().map(str::to_owned).collect();
    assert!(lines.len() > 8);
    // a Spark output folder: part files, a marker and a checksum to skip
    let parts = dir.path().join("outcomes");
    std::fs::create_dir(&parts).unwrap();
    let (first, second) = lines.split_at(lines.len() / 2);
    std::fs::write(parts.join("part-00000"), first.join("\n") + "\n").unwrap();
    let kept: serde_json::Value = lines
        .iter()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .find(|v| v["outcome"] == "kept")
        .unwrap();
    let mut edited = kept.clone();
    edited["text"] = format!("{} (edited)", kept["text"].as_str().unwrap()).into();
    let mut overlong = kept.clone();
    overlong["layers"]["sentences"][0]["span"] = serde_json::json!([0, 1_000_000_000]);
    let mut bad = second.to_vec();
    bad.extend([
        "not json at all".to_owned(),
        edited.to_string(),
        overlong.to_string(),
    ]);
    std::fs::write(parts.join("part-00001"), bad.join("\n") + "\n").unwrap();
    std::fs::write(parts.join("_SUCCESS"), "").unwrap();
    std::fs::write(parts.join(".part-00000.crc"), [0xff, 0x00, 0x13]).unwrap();

    let loaded_db = dir.path().join("loaded.db");
    let loaded = dossier(&loaded_db, &["--json", "load", parts.to_str().unwrap()]);
    assert_eq!(
        loaded.status.code(),
        Some(1),
        "bad lines make the run exit 1"
    );
    let summary = &json_lines(&stdout(&loaded))[0];
    let problems = summary["problems"].as_array().unwrap();
    let bad_lines: Vec<(&str, &str)> = problems
        .iter()
        .map(|p| (p["input"].as_str().unwrap(), p["code"].as_str().unwrap()))
        .collect();
    let n = second.len();
    assert_eq!(
        bad_lines,
        [
            (
                format!("{}/part-00001 line {}", parts.display(), n + 1).as_str(),
                "D107"
            ),
            (
                format!("{}/part-00001 line {}", parts.display(), n + 2).as_str(),
                "D107"
            ),
            (
                format!("{}/part-00001 line {}", parts.display(), n + 3).as_str(),
                "D107"
            ),
        ]
    );
    assert!(
        problems[1]["message"]
            .as_str()
            .unwrap()
            .contains("id of its text")
    );
    assert!(problems[2]["message"].as_str().unwrap().contains("outside"));

    let direct_db = dir.path().join("direct.db");
    assert!(
        dossier(&direct_db, &["ingest", sample().to_str().unwrap()])
            .status
            .success()
    );
    let export = |db: &Path| stdout(&dossier(db, &["export", "--format", "jsonl"]));
    let articles = |db: &Path| stdout(&dossier(db, &["--json", "articles", "--limit", "1000"]));
    assert!(!export(&direct_db).is_empty());
    assert_eq!(export(&loaded_db), export(&direct_db));
    assert_eq!(articles(&loaded_db), articles(&direct_db));

    // loading again changes nothing
    let again = dossier(
        &loaded_db,
        &["--json", "load", parts.join("part-00000").to_str().unwrap()],
    );
    assert!(again.status.success());
    assert_eq!(json_lines(&stdout(&again))[0]["stored"], 0);
    assert_eq!(export(&loaded_db), export(&direct_db));
}
