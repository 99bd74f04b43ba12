//! The built-in knowledge base loads clean and covers what the issue asks;
//! user files extend it and are checked with clear messages.

use std::path::Path;

use dossier_kb::{ActorKind, Kb, KbBuilder, KbError, Severity, check_file};

fn builtin() -> &'static Kb {
    Kb::builtin().expect("built-in data is valid")
}

#[test]
fn builtin_has_no_errors() {
    let (_, problems) = KbBuilder::with_builtin().unwrap().build_with_problems();
    let errors: Vec<_> = problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn builtin_coverage() {
    let kb = builtin();
    let count = |kind| kb.actors.iter().filter(|a| a.kind == kind).count();
    assert!(count(ActorKind::ArmedGroup) + count(ActorKind::CriminalGroup) >= 300);
    assert!(count(ActorKind::State) >= 193);
    assert!(kb.outlets.len() >= 200);
    assert!(kb.cities.len() > 30_000);
    assert!(kb.countries.len() >= 250);
    for group in [
        "fmln",
        "shining-path",
        "mrta",
        "eln",
        "farc",
        "islamic-state-khorasan",
    ] {
        assert!(kb.actor(group).is_some(), "{group}");
    }
}

#[test]
fn isk_is_a_province_of_the_islamic_state() {
    let isk = builtin().actor("islamic-state-khorasan").unwrap();
    assert!(
        isk.relations
            .iter()
            .any(|r| r.target == "islamic-state" && r.kind.name() == "province_of")
    );
    for alias in ["IS-K", "ISIS-K", "ISKP"] {
        assert!(isk.aliases.iter().any(|a| a == alias), "{alias}");
    }
}

#[test]
fn states_have_metonyms_and_cities_have_cyrillic_names() {
    let kb = builtin();
    let russia = kb.state_of("RU").unwrap();
    assert!(russia.metonyms.iter().any(|m| m.contains("Kremlin")));
    let moscow = kb.cities.iter().find(|c| c.name == "Moscow").unwrap();
    assert!(moscow.aliases.iter().any(|a| a == "Москва"));
    assert!(kb.outlet_for_domain("www.rt.com").is_some());
    assert!(kb.outlet_for_domain("edition.cnn.com").is_some());
}

#[test]
fn a_user_file_extends_the_builtin_data() {
    let path = Path::new("tests/fixtures/user_actors.toml");
    assert!(check_file(path).unwrap().is_empty());
    let mut builder = KbBuilder::with_builtin().unwrap();
    builder.add_file(path).unwrap();
    let kb = builder.build().unwrap();
    assert_eq!(
        kb.actor("crocus-cell").unwrap().relations[0].target,
        "islamic-state-khorasan"
    );
    assert!(kb.outlet_for_domain("example-news.org").is_some());
}

#[test]
fn a_broken_file_gets_every_problem_named() {
    let problems = check_file(Path::new("tests/fixtures/broken_actors.toml")).unwrap();
    let text: Vec<String> = problems.iter().map(ToString::to_string).collect();
    let all = text.join("\n");
    assert!(
        all.contains("[Bad Id]") && all.contains("lowercase"),
        "{all}"
    );
    assert!(all.contains("no-such-actor"), "{all}");
    assert!(all.contains("unknown country code `XX`"), "{all}");
    assert!(all.contains("[dup]"), "{all}");
}

#[test]
fn syntax_errors_name_file_and_line() {
    let error = check_file(Path::new("tests/fixtures/not_toml.toml")).unwrap_err();
    assert_eq!(error.code(), "D502");
    assert!(error.to_string().contains("not_toml.toml:3"), "{error}");
    let error = check_file(Path::new("tests/fixtures/unknown_field.toml")).unwrap_err();
    assert!(error.to_string().contains("alias"), "{error}");
    let error = check_file(Path::new("tests/fixtures/missing.toml")).unwrap_err();
    assert!(matches!(error, KbError::Read { .. }));
}
