//! Event records over real report text: the two seed reports about the
//! Crocus City Hall attack (no publication date) and the bundled sample's
//! dated reports. Snapshots show every field with the words it came from;
//! the assertions pin what `sample/seeds/EXPECTED.md` asks for.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use chrono::NaiveDate;
use dossier_events::EventExtractor;
use dossier_model::{EventMention, EventStatus};
use dossier_nlp::Annotator;

fn tools() -> &'static (Annotator, EventExtractor) {
    static TOOLS: OnceLock<(Annotator, EventExtractor)> = OnceLock::new();
    TOOLS.get_or_init(|| {
        let kb = dossier_kb::KbBuilder::with_builtin()
            .and_then(dossier_kb::KbBuilder::build)
            .expect("built-in knowledge base");
        (Annotator::new(Arc::new(kb)), EventExtractor::default())
    })
}

fn sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../sample")
}

fn events(text: &str, published: Option<&str>) -> Vec<EventMention> {
    let (annotator, extractor) = tools();
    let published = published.map(|p| NaiveDate::parse_from_str(p, "%Y-%m-%d").unwrap());
    let annotation = annotator.annotate(text);
    extractor.extract(annotator.kb(), text, &annotation, published)
}

/// One line per field, with the words it came from.
fn render(text: &str, events: &[EventMention]) -> String {
    let mut out = String::new();
    let at = |span: dossier_model::ByteSpan| &text[span.start() as usize..span.end() as usize];
    for event in events {
        let kind = &event.event_type;
        writeln!(
            out,
            "{} {} \"{}\" (GTD {}; {} / {}){}",
            event.status.name(),
            kind.kind,
            at(event.trigger),
            kind.gtd_attack_type,
            kind.acled_event_type,
            kind.acled_sub_event_type,
            if event.suicide { " suicide" } else { "" }
        )
        .unwrap();
        if let Some(time) = &event.time {
            writeln!(
                out,
                "  when \"{}\" → {} {:?}{}",
                at(time.span),
                time.date.as_deref().unwrap_or("unresolved"),
                time.precision,
                if time.relative { " relative" } else { "" }
            )
            .unwrap();
        }
        if let Some(place) = &event.place {
            writeln!(
                out,
                "  where \"{}\" {:?}{}{}{}",
                place.name,
                place.precision,
                place
                    .entity
                    .as_ref()
                    .map(|e| format!(" {}", e.as_str()))
                    .unwrap_or_default(),
                place
                    .venue
                    .as_deref()
                    .map(|v| format!(" at {v}"))
                    .unwrap_or_default(),
                if place.vicinity { " (vicinity)" } else { "" }
            )
            .unwrap();
        }
        for figure in &event.casualties {
            writeln!(
                out,
                "  {} \"{}\" {:?}..{:?} {}{} as of {}",
                figure.kind.name(),
                at(figure.span),
                figure.low,
                figure.high,
                figure.qualifier,
                figure
                    .who
                    .as_deref()
                    .map(|w| format!(" ({w})"))
                    .unwrap_or_default(),
                figure.as_of.as_deref().unwrap_or("unknown")
            )
            .unwrap();
        }
        for filler in &event.roles {
            writeln!(
                out,
                "  {} \"{}\"{}{} ({})",
                filler.role.name(),
                filler.text,
                filler
                    .entity
                    .as_ref()
                    .map(|e| format!(" → {}", e.as_str()))
                    .unwrap_or_default(),
                filler
                    .gtd_type
                    .map(|t| format!(" [GTD {t}]"))
                    .unwrap_or_default(),
                filler.rule
            )
            .unwrap();
        }
    }
    out
}

fn seed(name: &str) -> String {
    std::fs::read_to_string(sample().join("seeds").join(name)).unwrap()
}

#[test]
fn seed_000_one_main_event_three_background_no_invented_toll() {
    let text = seed("000_2dcf336276eb37ea.txt");
    let found = events(&text, None);
    insta::assert_snapshot!("seed_000", render(&text, &found));
    let main: Vec<_> = found
        .iter()
        .filter(|e| e.status == EventStatus::Main)
        .collect();
    assert_eq!(main.len(), 1, "{}", render(&text, &found));
    let main = main[0];
    assert_eq!(main.place.as_ref().map(|p| p.name.as_str()), Some("Moscow"));
    let time = main.time.as_ref().expect("Friday is stated");
    assert!(text[time.span.start() as usize..time.span.end() as usize].starts_with("Friday"));
    assert_eq!(time.date, None, "no publication date: left unresolved");
    for event in &found {
        assert!(
            event.casualties.is_empty(),
            "no number is stated: {event:?}"
        );
    }
    let background: Vec<_> = found
        .iter()
        .filter(|e| e.status == EventStatus::Background)
        .filter_map(|e| e.place.as_ref().map(|p| p.name.as_str()))
        .collect();
    for place in ["Kabul", "Kerman"] {
        assert!(background.contains(&place), "{background:?}");
    }
    assert!(
        found
            .iter()
            .filter(|e| e.status == EventStatus::Background)
            .count()
            >= 3,
        "{}",
        render(&text, &found)
    );
}

#[test]
fn seed_002_one_main_event_in_moscow() {
    let text = seed("002_505e4f96ba6c618d.txt");
    let found = events(&text, None);
    insta::assert_snapshot!("seed_002", render(&text, &found));
    let main: Vec<_> = found
        .iter()
        .filter(|e| e.status == EventStatus::Main)
        .collect();
    assert!(!main.is_empty());
    assert_eq!(
        main[0].place.as_ref().map(|p| p.name.as_str()),
        Some("Moscow")
    );
    assert!(found.iter().all(|e| e.casualties.is_empty()));
}

#[test]
fn dated_sample_reports() {
    let data = std::fs::read_to_string(sample().join("jsonl/reports.jsonl")).unwrap();
    let mut all = String::new();
    for line in data.lines() {
        let doc: serde_json::Value = serde_json::from_str(line).unwrap();
        let (Some(text), Some(published)) = (doc["text"].as_str(), doc["published"].as_str())
        else {
            continue;
        };
        writeln!(
            all,
            "== {} ({published})",
            doc["url"].as_str().unwrap_or("?")
        )
        .unwrap();
        all.push_str(&render(text, &events(text, Some(&published[..10]))));
    }
    insta::assert_snapshot!("sample_reports", all);
}

#[test]
fn vicinity_places_results_and_background_with_their_own_setting() {
    let text = "Gunmen opened fire at a concert hall in Krasnogorsk, outside Moscow, on Friday, \
                killing at least 133 people, including three police officers.\n\n\
                A roadside bomb killed four soldiers near the Afghan border last week.";
    let found = events(text, Some("2024-03-24"));
    assert_eq!(found.len(), 2, "{}", render(text, &found));
    let (main, older) = (&found[0], &found[1]);
    assert_eq!(main.status, EventStatus::Main);
    assert_eq!(main.event_type.kind, "armed_assault");
    assert_eq!(main.place.as_ref().unwrap().name, "Krasnogorsk");
    assert_eq!(
        main.time.as_ref().unwrap().date.as_deref(),
        Some("2024-03-22")
    );
    assert_eq!(main.casualties[0].low, Some(133));
    assert_eq!(main.casualties[0].qualifier, "at_least");
    assert_eq!(older.status, EventStatus::Background);
    assert_eq!(older.event_type.gtd_attack_type, 3);
    let place = older.place.as_ref().unwrap();
    assert!(place.vicinity);
    assert_eq!(
        place.entity.as_ref().map(|e| e.as_str()),
        Some("country:AF")
    );
    let time = older.time.as_ref().unwrap();
    assert_eq!(time.date.as_deref(), Some("2024-03-11"));
    assert_eq!(time.precision, dossier_model::TimePrecision::Week);
    assert_eq!(older.casualties[0].who.as_deref(), Some("soldiers"));
}

#[test]
fn wire_report_dateline_border_counts_and_recalled_strike() {
    let text = "Suicide bomber kills 12 near the Afghan border\n\n\
                PESHAWAR, Pakistan (Reuters) - A suicide bomber killed at least 12 soldiers and \
                wounded up to five civilians at a checkpoint near the Afghan border on Tuesday, \
                officials said. No group claimed responsibility, but the Pakistani Taliban have \
                carried out similar attacks in the past. Last week, a drone strike in North \
                Waziristan killed three militants. Militants also threatened to attack schools \
                in the province.";
    let found = events(text, Some("2024-05-16"));
    let shown = render(text, &found);
    let main: Vec<_> = found
        .iter()
        .filter(|e| e.status == EventStatus::Main)
        .collect();
    // One incident told by two triggers of one sentence.
    assert_eq!(main.len(), 1, "{shown}");
    let main = main[0];
    assert!(main.suicide, "{shown}");
    // The sentence's own place beats the dateline; a border lies in the
    // country the report is filed from.
    let place = main.place.as_ref().unwrap();
    assert_eq!(place.name, "Afghan border", "{shown}");
    assert!(place.vicinity);
    assert_eq!(place.country.as_deref(), Some("PK"), "{shown}");
    assert_eq!(
        main.time.as_ref().unwrap().date.as_deref(),
        Some("2024-05-14")
    );
    // The headline's "kills 12", then "killed at least 12 soldiers and
    // wounded up to five civilians".
    let figures: Vec<_> = main
        .casualties
        .iter()
        .map(|c| (c.kind, c.low, c.high, c.who.as_deref()))
        .collect();
    assert_eq!(
        figures,
        [
            (
                dossier_model::CasualtyKind::Killed,
                Some(12),
                Some(12),
                None
            ),
            (
                dossier_model::CasualtyKind::Killed,
                Some(12),
                None,
                Some("soldiers")
            ),
            (
                dossier_model::CasualtyKind::Wounded,
                None,
                Some(5),
                Some("civilians")
            ),
        ],
        "{shown}"
    );
    // Last week's drone strike is its own, older incident.
    let strike = found
        .iter()
        .find(|e| e.event_type.kind == "drone_strike")
        .expect(&shown);
    assert_eq!(strike.status, EventStatus::Background, "{shown}");
    assert_eq!(strike.casualties.len(), 1, "{shown}");
    assert_eq!(strike.casualties[0].value, Some(3));
    // The threat is hypothetical.
    assert!(
        found
            .iter()
            .any(|e| e.status == EventStatus::Hypothetical && e.casualties.is_empty()),
        "{shown}"
    );
}

/// A fixture of `tests/fixtures/` (short wire-style reports written for
/// these tests, after real incidents).
fn fixture(name: &str) -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name),
    )
    .unwrap()
}

#[test]
fn wire_reports_of_other_attack_types() {
    // (file, kind, place, country, killed, wounded, kidnapped)
    let cases = [
        (
            "nice_stabbing.txt",
            "stabbing",
            "Nice",
            "FR",
            Some(3),
            None,
            None,
        ),
        (
            "berlin_ramming.txt",
            "vehicle_ramming",
            "Berlin",
            "DE",
            Some(12),
            Some(48),
            None,
        ),
        (
            "zamfara_kidnapping.txt",
            "kidnapping",
            "Zamfara",
            "NG",
            None,
            None,
            Some(301),
        ),
        (
            "kyiv_missile.txt",
            "missile_strike",
            "Kyiv",
            "UA",
            Some(33),
            Some(101),
            None,
        ),
        (
            "tbilisi_assassination.txt",
            "assassination",
            "Tbilisi",
            "GE",
            None,
            None,
            None,
        ),
        (
            "donetsk_shelling.txt",
            "shelling",
            "Donetsk",
            "UA",
            Some(4),
            Some(9),
            None,
        ),
        (
            "eskilstuna_arson.txt",
            "arson",
            "Eskilstuna",
            "SE",
            None,
            Some(5),
            None,
        ),
    ];
    let mut all = String::new();
    for (file, kind, place, country, killed, wounded, kidnapped) in cases {
        let text = fixture(file);
        let found = events(&text, None);
        let shown = render(&text, &found);
        writeln!(all, "# {file}\n{shown}").unwrap();
        let main: Vec<_> = found
            .iter()
            .filter(|e| e.status == EventStatus::Main)
            .collect();
        assert_eq!(main.len(), 1, "{file}: {shown}");
        let main = main[0];
        assert_eq!(main.event_type.kind, kind, "{file}: {shown}");
        let at = main.place.as_ref().expect(&shown);
        assert_eq!(at.name, place, "{file}: {shown}");
        assert_eq!(at.country.as_deref(), Some(country), "{file}");
        // The body's figure is among the event's (a headline may round it:
        // "kills dozens"); no kind is reported that the text lacks.
        for (k, want) in [
            (dossier_model::CasualtyKind::Killed, killed),
            (dossier_model::CasualtyKind::Wounded, wounded),
            (dossier_model::CasualtyKind::Kidnapped, kidnapped),
        ] {
            let lows: Vec<_> = main
                .casualties
                .iter()
                .filter(|c| c.kind == k)
                .map(|c| c.low)
                .collect();
            match want {
                Some(low) => assert!(lows.contains(&Some(low)), "{file} {k:?}: {shown}"),
                None => assert!(lows.is_empty(), "{file} {k:?}: {shown}"),
            }
        }
        // Without a publication date no date is guessed.
        assert!(
            main.time.as_ref().is_none_or(|t| t.date.is_none()),
            "{file}"
        );
    }
    // The beheading "two weeks" before the Nice attack is its own,
    // background incident near Paris.
    let text = fixture("nice_stabbing.txt");
    let found = events(&text, None);
    let recalled = found
        .iter()
        .find(|e| e.status == EventStatus::Background)
        .expect("the beheading");
    assert_eq!(recalled.place.as_ref().unwrap().name, "Paris");
    // A hijacking: the plane is the target, the armed men its hijackers.
    let text = fixture("kandahar_hijacking.txt");
    let found = events(&text, None);
    let shown = render(&text, &found);
    writeln!(all, "# kandahar_hijacking.txt\n{shown}").unwrap();
    let main = &found[0];
    assert_eq!(main.event_type.gtd_attack_type, 4, "{shown}");
    let filled = |role: dossier_model::EventRole| {
        main.roles
            .iter()
            .filter(|r| r.role == role)
            .map(|r| &text[r.span.start() as usize..r.span.end() as usize])
            .collect::<Vec<_>>()
    };
    assert!(
        filled(dossier_model::EventRole::Target).contains(&"an Indian Airlines plane"),
        "{shown}"
    );
    assert!(
        filled(dossier_model::EventRole::PerpetratorIndividual).contains(&"Five armed men"),
        "{shown}"
    );
    insta::assert_snapshot!("wire_reports", all);
}
