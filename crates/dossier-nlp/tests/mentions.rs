//! Mention finding and linking on real and constructed texts, as snapshots
//! of the rendered mentions, plus properties that must hold for any text.

use std::sync::{Arc, OnceLock};

use dossier_model::{ByteSpan, MentionKind};
use dossier_nlp::{Annotator, normalize, render_mentions};
use proptest::prelude::*;

fn annotator() -> &'static Annotator {
    static ANNOTATOR: OnceLock<Annotator> = OnceLock::new();
    ANNOTATOR.get_or_init(|| {
        let kb = dossier_kb::KbBuilder::with_builtin()
            .unwrap()
            .build()
            .unwrap();
        Annotator::new(Arc::new(kb))
    })
}

fn read(path: &str) -> String {
    std::fs::read_to_string(path).unwrap()
}

fn rendered(text: &str) -> String {
    let annotation = annotator().annotate(text);
    render_mentions(text, &annotation.mentions, &annotation.aliases)
}

fn entities_of(text: &str, surface: &str) -> Vec<Option<String>> {
    let annotation = annotator().annotate(text);
    annotation
        .mentions
        .iter()
        .filter(|m| &text[m.span] == surface)
        .map(|m| m.entity.as_ref().map(|e| e.as_str().to_owned()))
        .collect()
}

const SEED_000: &str = "../../sample/seeds/000_2dcf336276eb37ea.txt";
const SEED_002: &str = "../../sample/seeds/002_505e4f96ba6c618d.txt";

#[test]
fn seed_000_snapshot() {
    insta::assert_snapshot!(rendered(&read(SEED_000)));
}

#[test]
fn seed_002_snapshot() {
    insta::assert_snapshot!(rendered(&read(SEED_002)));
}

#[test]
fn constructed_snapshot() {
    insta::assert_snapshot!(rendered(&read("tests/fixtures/constructed.txt")));
}

#[test]
fn lower_case_snapshot() {
    insta::assert_snapshot!(rendered(&read("tests/fixtures/lower.txt")));
}

#[test]
fn isk_and_isis_k_are_one_actor_in_the_seeds() {
    let isk = Some("actor:islamic-state-khorasan".to_owned());
    let seed_000 = read(SEED_000);
    let seed_002 = read(SEED_002);
    assert!(!entities_of(&seed_000, "IS-K").is_empty());
    assert!(entities_of(&seed_000, "IS-K").iter().all(|e| *e == isk));
    assert!(entities_of(&seed_002, "ISIS-K").iter().all(|e| *e == isk));
    assert!(
        entities_of(&seed_000, "Islamic State-Khorasan")
            .iter()
            .all(|e| *e == isk)
    );
}

#[test]
fn the_seed_defines_s_k_as_an_alias_of_isk_with_its_span() {
    let text = read(SEED_000);
    let annotation = annotator().annotate(&text);
    let alias = annotation
        .aliases
        .iter()
        .find(|a| a.alias == "S-K")
        .expect("the typo's definition is learned");
    assert_eq!(&text.as_str()[alias.span], "S-K");
    assert_eq!(
        alias.entity.as_ref().map(|e| e.as_str()),
        Some("actor:islamic-state-khorasan")
    );
    assert!(text.as_str()[alias.sentence].starts_with("S-K, short for Islamic State-Khorasan"));
}

#[test]
fn moscow_is_the_city_or_the_government_by_context() {
    let text = "Moscow blamed Kyiv for the attack in Moscow.";
    let annotation = annotator().annotate(text);
    let moscow: Vec<_> = annotation
        .mentions
        .iter()
        .filter(|m| &text[m.span] == "Moscow")
        .collect();
    assert_eq!(moscow.len(), 2);
    assert_eq!(moscow[0].entity.as_ref().unwrap().as_str(), "actor:russia");
    assert_eq!(moscow[0].kind, MentionKind::Actor);
    assert_eq!(moscow[1].kind, MentionKind::Place);
    assert!(
        moscow[1]
            .entity
            .as_ref()
            .unwrap()
            .as_str()
            .starts_with("city:")
    );
    let kyiv = annotation
        .mentions
        .iter()
        .find(|m| &text[m.span] == "Kyiv")
        .unwrap();
    assert_eq!(kyiv.entity.as_ref().unwrap().as_str(), "actor:ukraine");
}

#[test]
fn paris_texas_is_not_paris_france() {
    let text = "A shooting in Paris, Texas, and a protest in Paris.";
    let annotation = annotator().annotate(text);
    let paris: Vec<_> = annotation
        .mentions
        .iter()
        .filter(|m| &text[m.span] == "Paris")
        .map(|m| m.entity.as_ref().map(|e| e.as_str().to_owned()))
        .collect();
    assert_eq!(paris.len(), 2);
    assert_ne!(paris[0], paris[1]);
    assert_eq!(paris[1].as_deref(), Some("city:2988507"));
}

#[test]
fn russian_place_names_are_found_in_their_cases() {
    let text = "Теракт произошёл в Красногорске, под Москвой. Власти России \
                обвинили Киев; в Киеве это отрицают. Нападение осудили.";
    assert_eq!(
        entities_of(text, "Красногорске"),
        [Some("city:542374".to_owned())]
    );
    assert_eq!(
        entities_of(text, "Москвой"),
        [Some("city:524901".to_owned())]
    );
    assert_eq!(entities_of(text, "Киеве"), [Some("city:703448".to_owned())]);
    // An ordinary word is not stemmed into a name.
    assert!(entities_of(text, "Нападение").is_empty());
    assert!(entities_of(text, "Власти").is_empty());
}

#[test]
fn an_alias_joining_two_known_actors_is_recorded_not_merged() {
    let text = "Hamas, also known as Hezbollah, said nothing.";
    let annotation = annotator().annotate(text);
    let conflict = annotation
        .aliases
        .first()
        .expect("the definition is recorded");
    assert!(conflict.entity.is_none());
    assert_eq!(conflict.conflict.len(), 2);
}

#[test]
fn titles_announce_people_and_short_forms_follow() {
    let text = "Police spokesman Ahmed Ali said the men fled. Later, Ali said more.";
    let annotation = annotator().annotate(text);
    let people: Vec<_> = annotation
        .mentions
        .iter()
        .filter(|m| m.kind == MentionKind::Person)
        .map(|m| {
            (
                &text[m.span],
                m.entity.as_ref().unwrap().as_str().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        people,
        [
            ("Ahmed Ali", "person:ahmed ali".to_owned()),
            ("Ali", "person:ahmed ali".to_owned())
        ]
    );
}

#[test]
fn case_sensitive_aliases_need_their_capitals() {
    let text = "IS fighters said it is over.";
    let entities = entities_of(text, "IS");
    assert_eq!(entities, [Some("actor:islamic-state".to_owned())]);
    assert!(entities_of(text, "is").is_empty());
}

fn assert_well_formed(text: &str) {
    let annotation = annotator().annotate(text);
    let spans = annotation
        .sentences
        .iter()
        .copied()
        .chain(annotation.tokens.iter().map(|t| t.span))
        .chain(
            annotation
                .mentions
                .iter()
                .flat_map(|m| [m.span, m.sentence]),
        )
        .chain(annotation.aliases.iter().flat_map(|a| [a.span, a.sentence]));
    for span in spans {
        assert!(span.is_valid_for(text), "{span:?} in {text:?}");
    }
    let starts: Vec<u32> = annotation.mentions.iter().map(|m| m.span.start()).collect();
    assert!(starts.windows(2).all(|w| w[0] <= w[1]));
    for pair in annotation.sentences.windows(2) {
        assert!(pair[0].end() <= pair[1].start());
    }
    let _: Vec<ByteSpan> = annotation.sentences;
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn spans_fall_on_char_boundaries(text in "\\PC{0,200}") {
        assert_well_formed(&text);
    }

    #[test]
    fn spans_hold_on_newsy_text(words in prop::collection::vec(
        prop::sample::select(vec![
            "Moscow", "blamed", "Kyiv", "IS-K", "(ISKP)", "’s", "U.S.", "Gen.", "said", ".", ",",
            "Президент", "Путин", "short", "for", "Islamic", "State", "gunmen", "\n", "—", "é",
            "Paris", "Texas", "also", "anti-Moscow", "pro-U.S.", "embassy", "u.s.", "known", "as", "the", "Mr.", "Ali", "\"", "(", ")",
        ]),
        0..60,
    )) {
        assert_well_formed(&words.join(" "));
    }

    #[test]
    fn quantities_have_valid_spans_and_ordered_bounds(words in prop::collection::vec(
        prop::sample::select(vec![
            "at", "least", "more", "than", "over", "a", "hundred", "dozens", "up", "to", "five",
            "between", "and", "40", "1,500", "forty-five", "-", "thousand", "two", "nearly", "é",
        ]),
        0..30,
    )) {
        let text = words.join(" ");
        let tokens = dossier_nlp::tokens::tokenize(&text);
        for quantity in dossier_nlp::quantities::find_quantities(&text, &tokens) {
            prop_assert!(quantity.span.is_valid_for(&text));
            if let (Some(low), Some(high)) = (quantity.low, quantity.high) {
                prop_assert!(low <= high, "{:?} in {:?}", quantity, text);
            }
        }
    }

    #[test]
    fn time_expressions_never_panic(words in prop::collection::vec(
        prop::sample::select(vec![
            "on", "Friday", "Friday’s", "last", "week", "22", "31", "March", "may", "2024", ",",
            "in", "2021", "yesterday", "February", "30", "th", "December", "é",
        ]),
        0..30,
    ), day in 1u32..=28, month in 1u32..=12) {
        let text = words.join(" ");
        let tokens = dossier_nlp::tokens::tokenize(&text);
        let published = chrono::NaiveDate::from_ymd_opt(2024, month, day);
        for expression in dossier_nlp::timex::find_time_expressions(&text, &tokens, published) {
            prop_assert!(expression.span.is_valid_for(&text));
        }
    }

    #[test]
    fn folding_is_idempotent(text in "\\PC{0,80}") {
        let once = normalize::fold_str(&text);
        prop_assert_eq!(normalize::fold_str(&once), once.clone());
        prop_assert_eq!(normalize::fold(&text).text, once);
    }
}

#[test]
fn every_actor_and_place_the_seeds_expect_is_linked() {
    let mut linked = std::collections::BTreeSet::new();
    for path in [SEED_000, SEED_002] {
        let text = read(path);
        for mention in annotator().annotate(&text).mentions {
            if let Some(entity) = mention.entity {
                linked.insert(entity.as_str().to_owned());
            }
        }
    }
    let expected = [
        "actor:islamic-state-khorasan",
        "actor:islamic-state",
        "actor:taliban",
        "actor:russia",
        "actor:vladimir-putin",
        "actor:us-intelligence-community",
        "actor:csis-think-tank",
        "actor:united-states",
        "city:524901",
        "city:1138958",
        "country:RU",
        "country:UA",
        "country:TJ",
        "country:AF",
        "country:PK",
        "country:IR",
        "country:IQ",
        "country:SY",
    ];
    let missing: Vec<_> = expected.iter().filter(|e| !linked.contains(**e)).collect();
    assert!(missing.is_empty(), "not linked: {missing:?}");
    // Kerman, Iran is a city of the text, whichever of its readings wins.
    assert!(
        linked
            .iter()
            .any(|e| e == "city:128234" || e == "region:IR-08")
    );
}
