//! The knowledge-base commands: `actors`, `actor`, `kb`, `annotate`, and
//! the MUC-4 mention-recall report.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::{Context, Result, bail};
use clap::{Args, Subcommand};
use dossier_kb::{Kb, KbBuilder, Severity};
use dossier_model::EntityKey;
use dossier_nlp::{Annotator, normalize::fold_str, render_mentions};
use dossier_pipeline::views::{actor_profile, find_actors};
use dossier_store::{SqliteStore, Store};
use serde::Serialize;

use crate::output::{json_line, table};

/// Loads the built-in knowledge base plus the user's files.
pub(crate) fn load_kb(files: &[PathBuf]) -> Result<Kb> {
    let mut builder = KbBuilder::with_builtin().context("the built-in knowledge base")?;
    for file in files {
        builder
            .add_file(file)
            .with_context(|| format!("knowledge-base file {}", file.display()))?;
    }
    builder
        .build()
        .context("the knowledge base with the given --kb files")
}

pub(crate) fn annotator(files: &[PathBuf]) -> Result<Arc<Annotator>> {
    Ok(Arc::new(Annotator::new(Arc::new(load_kb(files)?))))
}

#[derive(Debug, Args)]
pub(crate) struct ActorsArgs {
    /// Only this kind (`armed_group`, `state`, `person`, …).
    #[arg(long)]
    kind: Option<String>,
    /// Only actors whose name or alias contains this text.
    #[arg(long)]
    query: Option<String>,
    /// Also list actors no stored article mentions.
    #[arg(long)]
    all: bool,
    /// Most rows.
    #[arg(long, default_value_t = 100)]
    limit: usize,
}

#[derive(Debug, Subcommand)]
pub(crate) enum KbCommand {
    /// Validate a knowledge-base file (actors/outlets TOML, places or lexicon TSV).
    Check {
        /// The file.
        file: PathBuf,
    },
    /// Counts of the knowledge base's tables.
    Stats,
    /// Remove a learned alias (kept as history, no longer shown as valid).
    Unlearn {
        /// The alias as learned.
        alias: String,
        /// Only its definitions naming this actor id.
        #[arg(long)]
        actor: Option<String>,
    },
}

#[derive(Serialize)]
struct ActorRow<'a> {
    id: &'a str,
    kind: &'static str,
    name: &'a str,
    aliases: usize,
    country: Option<&'a str>,
    articles: u64,
    mentions: u64,
}

pub(crate) fn actors(
    db: &Path,
    kb_files: &[PathBuf],
    args: &ActorsArgs,
    json: bool,
    out: &mut dyn Write,
) -> Result<ExitCode> {
    let kb = load_kb(kb_files)?;
    let counts: BTreeMap<String, (u64, u64)> = if db.exists() {
        let store = SqliteStore::open(db)?;
        store
            .entity_counts("actor:")?
            .into_iter()
            .map(|c| (c.entity, (c.articles, c.mentions)))
            .collect()
    } else {
        BTreeMap::new()
    };
    let query = args.query.as_deref().map(fold_str);
    let mut rows: Vec<ActorRow<'_>> = kb
        .actors
        .iter()
        .filter(|a| args.kind.as_deref().is_none_or(|k| a.kind.name() == k))
        .filter(|a| {
            query.as_deref().is_none_or(|q| {
                std::iter::once(&a.name)
                    .chain(&a.aliases)
                    .any(|n| fold_str(n).contains(q))
            })
        })
        .map(|a| {
            let (articles, mentions) = counts
                .get(EntityKey::actor(&a.id).as_str())
                .copied()
                .unwrap_or_default();
            ActorRow {
                id: &a.id,
                kind: a.kind.name(),
                name: &a.name,
                aliases: a.aliases.len(),
                country: a.country.as_deref(),
                articles,
                mentions,
            }
        })
        .filter(|row| args.all || args.query.is_some() || row.articles > 0)
        .collect();
    rows.sort_by(|a, b| {
        b.articles
            .cmp(&a.articles)
            .then(b.mentions.cmp(&a.mentions))
            .then(a.id.cmp(b.id))
    });
    rows.truncate(args.limit);
    if json {
        for row in &rows {
            json_line(out, row)?;
        }
    } else {
        let cells: Vec<Vec<String>> = rows
            .iter()
            .map(|r| {
                vec![
                    r.id.to_owned(),
                    r.kind.to_owned(),
                    r.country.unwrap_or("").to_owned(),
                    r.articles.to_string(),
                    r.mentions.to_string(),
                    r.name.to_owned(),
                ]
            })
            .collect();
        table(
            out,
            &["ID", "KIND", "COUNTRY", "ARTICLES", "MENTIONS", "NAME"],
            &cells,
            60,
        )?;
        if rows.is_empty() && !args.all {
            writeln!(
                out,
                "(no stored article mentions a matching actor; --all lists the knowledge base)"
            )?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The one actor id `name` names, or an error listing the candidates.
pub(crate) fn resolve_actor(kb: &Kb, name: &str) -> Result<String> {
    match find_actors(kb, name).as_slice() {
        [one] => Ok(one.id.clone()),
        [] => bail!("no actor named {name:?} in the knowledge base (try `dossier actors --query`)"),
        many => bail!(
            "{name:?} names {} actors: {}",
            many.len(),
            many.iter()
                .map(|a| a.id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

pub(crate) fn actor(
    db: &Path,
    kb_files: &[PathBuf],
    name: &str,
    json: bool,
    out: &mut dyn Write,
) -> Result<ExitCode> {
    let kb = load_kb(kb_files)?;
    let found = find_actors(&kb, name);
    let actor = match found.as_slice() {
        [one] => *one,
        [] => bail!("no actor named {name:?} in the knowledge base (try `dossier actors --query`)"),
        many => {
            writeln!(out, "{name:?} names {} actors:", many.len())?;
            for actor in many {
                writeln!(
                    out,
                    "  {}  {} ({})",
                    actor.id,
                    actor.name,
                    actor.kind.name()
                )?;
            }
            return Ok(ExitCode::from(1));
        }
    };
    let store = if db.exists() {
        Some(SqliteStore::open(db)?)
    } else {
        None
    };
    let view = actor_profile(&kb, actor, store.as_ref().map(|s| s as &dyn Store), 50)?;
    if json {
        json_line(out, &view)?;
        return Ok(ExitCode::SUCCESS);
    }
    writeln!(out, "{} — {} [{}]", actor.name, actor.kind.name(), actor.id)?;
    if let Some(active) = &actor.active {
        writeln!(out, "active: {active}")?;
    }
    if !view.places.is_empty() {
        writeln!(out, "places: {}", view.places.join(", "))?;
    }
    for role in &actor.roles {
        let of = kb
            .actor(&role.of)
            .map_or(role.of.as_str(), |a| a.name.as_str());
        let to = role.to.map(|t| t.to_string()).unwrap_or_default();
        writeln!(out, "role: {} of {of}, {}–{to}", role.title, role.from)?;
    }
    if !actor.metonyms.is_empty() {
        writeln!(out, "metonyms: {}", actor.metonyms.join(", "))?;
    }
    writeln!(out, "aliases:")?;
    for alias in &view.alias_evidence {
        let mut line = format!("  {} — {}", alias.alias, alias.evidence);
        if let (Some(article), Some(span)) = (&alias.article, alias.span) {
            line.push_str(&format!(" in {article} at {}..{}", span[0], span[1]));
        }
        if alias.removed {
            line.push_str(" (removed)");
        }
        writeln!(out, "{line}")?;
        if let Some(sentence) = &alias.sentence {
            writeln!(out, "      “{}”", sentence.replace('\n', " "))?;
        }
    }
    if !view.related.is_empty() {
        writeln!(out, "relations:")?;
        for relation in &view.related {
            let arrow = if relation.direction == "out" {
                "→"
            } else {
                "←"
            };
            writeln!(
                out,
                "  {arrow} {} {} [{}]",
                relation.kind, relation.name, relation.actor
            )?;
        }
    }
    writeln!(
        out,
        "mentioned in {} stored sentence(s):",
        view.articles.len()
    )?;
    for hit in &view.articles {
        writeln!(
            out,
            "  {} {} {:?}: “{}”",
            hit.article,
            hit.outlet.as_deref().unwrap_or("-"),
            hit.text,
            hit.sentence.replace('\n', " ")
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

#[derive(Serialize)]
struct ProblemRow<'a> {
    severity: &'static str,
    file: &'a str,
    entry: &'a str,
    message: &'a str,
}

#[derive(Serialize)]
struct KbStats {
    actors_by_kind: BTreeMap<&'static str, usize>,
    actor_aliases: usize,
    states_with_metonyms: usize,
    people_with_roles: usize,
    relations: usize,
    countries: usize,
    countries_with_demonyms: usize,
    regions: usize,
    cities: usize,
    city_aliases: usize,
    outlets: usize,
    outlets_state_controlled: usize,
    nominals: usize,
    titles: usize,
    gazetteer_patterns: usize,
}

pub(crate) fn kb(
    db: &Path,
    kb_files: &[PathBuf],
    command: &KbCommand,
    json: bool,
    out: &mut dyn Write,
) -> Result<ExitCode> {
    match command {
        KbCommand::Check { file } => {
            let problems = dossier_kb::check_file(file)?;
            let errors = problems
                .iter()
                .filter(|p| p.severity == Severity::Error)
                .count();
            if json {
                for p in &problems {
                    json_line(
                        out,
                        &ProblemRow {
                            severity: if p.severity == Severity::Error {
                                "error"
                            } else {
                                "warning"
                            },
                            file: &p.file,
                            entry: &p.entry,
                            message: &p.message,
                        },
                    )?;
                }
            } else {
                for p in &problems {
                    writeln!(out, "{p}")?;
                }
                writeln!(
                    out,
                    "{}: {errors} error(s), {} warning(s)",
                    file.display(),
                    problems.len() - errors
                )?;
            }
            Ok(if errors > 0 {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            })
        }
        KbCommand::Stats => {
            let kb = load_kb(kb_files)?;
            let annotator = Annotator::new(Arc::new(kb));
            let kb = annotator.kb();
            let mut actors_by_kind = BTreeMap::new();
            for actor in &kb.actors {
                *actors_by_kind.entry(actor.kind.name()).or_insert(0) += 1;
            }
            let stats = KbStats {
                actors_by_kind,
                actor_aliases: kb.actors.iter().map(|a| a.aliases.len()).sum(),
                states_with_metonyms: kb.actors.iter().filter(|a| !a.metonyms.is_empty()).count(),
                people_with_roles: kb.actors.iter().filter(|a| !a.roles.is_empty()).count(),
                relations: kb.actors.iter().map(|a| a.relations.len()).sum(),
                countries: kb.countries.len(),
                countries_with_demonyms: kb
                    .countries
                    .iter()
                    .filter(|c| !c.demonyms.is_empty())
                    .count(),
                regions: kb.regions.len(),
                cities: kb.cities.len(),
                city_aliases: kb.cities.iter().map(|c| c.aliases.len()).sum(),
                outlets: kb.outlets.len(),
                outlets_state_controlled: kb
                    .outlets
                    .iter()
                    .filter(|o| {
                        o.state_affiliation == dossier_kb::StateAffiliation::StateControlled
                    })
                    .count(),
                nominals: kb.nominals.len(),
                titles: kb.titles.len(),
                gazetteer_patterns: annotator.gazetteer().len(),
            };
            if json {
                json_line(out, &stats)?;
            } else {
                serde_json::to_writer_pretty(&mut *out, &stats)?;
                writeln!(out)?;
            }
            Ok(ExitCode::SUCCESS)
        }
        KbCommand::Unlearn { alias, actor } => {
            let mut store = SqliteStore::open(db)
                .with_context(|| format!("cannot open the store {}", db.display()))?;
            let entity = actor.as_deref().map(EntityKey::actor);
            let removed =
                store.remove_learned_alias(alias, entity.as_ref().map(EntityKey::as_str))?;
            writeln!(out, "removed {removed} definition(s) of {alias:?}")?;
            Ok(if removed == 0 {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            })
        }
    }
}

/// `dossier annotate FILE`: mentions of a plain-text file, one per line.
pub(crate) fn annotate(
    kb_files: &[PathBuf],
    input: &Path,
    json: bool,
    out: &mut dyn Write,
) -> Result<ExitCode> {
    let bytes = if input.as_os_str() == "-" {
        let mut buffer = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut buffer)?;
        buffer
    } else {
        std::fs::read(input).with_context(|| format!("cannot read {}", input.display()))?
    };
    let text = dossier_ingest::charset::decode(&bytes, None).text;
    let annotator = annotator(kb_files)?;
    let annotation = annotator.annotate(&text);
    if json {
        for mention in &annotation.mentions {
            json_line(out, mention)?;
        }
        for alias in &annotation.aliases {
            json_line(out, alias)?;
        }
    } else {
        write!(
            out,
            "{}",
            render_mentions(&text, &annotation.mentions, &annotation.aliases)
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The MUC-4 scorer's string normalisation: lower case, ASCII punctuation
/// deleted, the articles a/an/the removed, white space collapsed.
fn muc_norm(text: &str) -> String {
    let lower: String = text
        .to_lowercase()
        .chars()
        .filter(|c| !c.is_ascii_punctuation())
        .collect();
    lower
        .split_whitespace()
        .filter(|w| !matches!(*w, "a" | "an" | "the"))
        .collect::<Vec<_>>()
        .join(" ")
}

#[derive(Default, Serialize)]
struct RoleRecall {
    gold_mentions: usize,
    found_exact: usize,
    found_head: usize,
    gold_entities: usize,
    entities_found_exact: usize,
    recall_exact: f64,
    recall_head: f64,
    entity_recall_exact: f64,
}

/// `dossier eval muc4-mentions FILE.jsonl`: the share of gold role-filler
/// mention strings that the annotator finds as mentions, per role — exact
/// (after the scorer's normalisation) and by head (a mention ending on the
/// gold mention's last word and overlapping it).
pub(crate) fn eval_muc4_mentions(
    kb_files: &[PathBuf],
    input: &Path,
    out: &mut dyn Write,
) -> Result<ExitCode> {
    let text = std::fs::read_to_string(input)
        .with_context(|| format!("cannot read {}", input.display()))?;
    let annotator = annotator(kb_files)?;
    let mut roles: BTreeMap<String, RoleRecall> = BTreeMap::new();
    let mut misses: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
    for (number, line) in text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let doc: serde_json::Value = serde_json::from_str(line)
            .with_context(|| format!("{}:{}: not a JSON object", input.display(), number + 1))?;
        let doctext = doc["doctext"].as_str().unwrap_or_default();
        let annotation = annotator.annotate(doctext);
        let found: BTreeSet<String> = annotation
            .mentions
            .iter()
            .map(|m| muc_norm(&doctext[m.span]))
            .collect();
        let Some(extracts) = doc["extracts"].as_object() else {
            continue;
        };
        for role in ["PerpInd", "PerpOrg", "Target", "Victim"] {
            let entry = roles.entry(role.to_owned()).or_default();
            let entities = extracts
                .get(role)
                .and_then(|v| v.as_array())
                .cloned()
                .unwrap_or_default();
            let mut seen = BTreeSet::new();
            for entity in &entities {
                let mut entity_found = false;
                for mention in entity.as_array().into_iter().flatten() {
                    let gold = mention[0].as_str().unwrap_or_default();
                    let norm = muc_norm(gold);
                    if norm.is_empty() || !seen.insert(norm.clone()) {
                        continue;
                    }
                    entry.gold_mentions += 1;
                    let exact = found.contains(&norm);
                    if exact {
                        entry.found_exact += 1;
                        entity_found = true;
                    } else {
                        *misses
                            .entry(role.to_owned())
                            .or_default()
                            .entry(norm.clone())
                            .or_default() += 1;
                    }
                    let head = norm.rsplit(' ').next().unwrap_or_default();
                    if exact
                        || found.iter().any(|f| {
                            f.rsplit(' ').next() == Some(head)
                                && (f.contains(&norm) || norm.contains(f.as_str()))
                        })
                    {
                        entry.found_head += 1;
                    }
                }
                entry.gold_entities += 1;
                entry.entities_found_exact += usize::from(entity_found);
            }
        }
    }
    let ratio = |a: usize, b: usize| {
        if b == 0 {
            0.0
        } else {
            (a as f64 / b as f64 * 1000.0).round() / 1000.0
        }
    };
    for recall in roles.values_mut() {
        recall.recall_exact = ratio(recall.found_exact, recall.gold_mentions);
        recall.recall_head = ratio(recall.found_head, recall.gold_mentions);
        recall.entity_recall_exact = ratio(recall.entities_found_exact, recall.gold_entities);
    }
    serde_json::to_writer_pretty(&mut *out, &roles)?;
    writeln!(out)?;
    if std::env::var_os("DOSSIER_EVAL_MISSES").is_some() {
        for (role, missed) in &misses {
            let mut list: Vec<_> = missed.iter().collect();
            list.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
            eprintln!(
                "{role} misses: {:?}",
                list.iter().take(60).collect::<Vec<_>>()
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
