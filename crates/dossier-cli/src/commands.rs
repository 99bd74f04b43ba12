//! One function per subcommand; each returns the exit status it earned.

use std::collections::BTreeMap;
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Context, Result, bail};
use clap::{Args, Parser, Subcommand, ValueEnum};
use dossier_ingest::input::{InputEvent, ReadOptions, read_input};
use dossier_ingest::{ErrorCode, charset, extract};
use dossier_model::{ArticleId, Outcome};
use std::sync::Arc;

use dossier_kb::Kb;
use dossier_nlp::Annotator;
use dossier_pipeline::{IngestOptions, IngestSummary, LinkSummary, Pipeline, Runner, registry};
use dossier_store::{ListQuery, SqliteStore, Store};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;

use crate::claim_views::{self, ClaimsArgs};
use crate::event_views::{self, EventsArgs};
use crate::knowledge::{self, ActorsArgs, KbCommand};
use crate::output::{json_line, table};

/// Dossier reads news reports about political violence and keeps a sourced,
/// cross-checked record of what they say.
#[derive(Debug, Parser)]
#[command(name = "dossier", version, about, long_about = None)]
pub(crate) struct Cli {
    /// The store: an SQLite file, created if missing.
    #[arg(long, global = true, env = "DOSSIER_DB", default_value = "dossier.db")]
    db: PathBuf,
    /// Print JSON (one object per line) instead of tables.
    #[arg(long, global = true)]
    json: bool,
    /// Extra knowledge-base files (actors/outlets TOML, places or lexicon
    /// TSV) on top of the built-in one; repeatable.
    #[arg(long = "kb", global = true, value_name = "FILE")]
    kb_files: Vec<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Read inputs (files, directories, .gz, JSONL, WARC, RSS/Atom, URLs, `-`)
    /// and store their articles.
    Ingest(IngestArgs),
    /// Store the JSON Lines `dossier extract` printed (files, `.gz`, folders
    /// of part files as Spark writes them, `-`) without extracting again,
    /// then link: how a cluster's output joins the store.
    Load(LoadArgs),
    /// Link stored articles not linked yet: copies, and events across
    /// articles (`ingest` does this itself; for stores filled by `load`).
    Link,
    /// List stored articles, newest first.
    Articles(ArticlesArgs),
    /// Show one stored article.
    Article {
        /// The article id (32 hex digits, as `dossier articles` prints).
        id: String,
    },
    /// Full-text search over titles and text.
    Search {
        /// Words to look for; every word must occur.
        query: String,
        /// Most hits to show.
        #[arg(long, default_value_t = 20)]
        limit: usize,
    },
    /// Stream filter: read inputs, print one JSON outcome per document
    /// (article, rejection or failure, each naming its input). No store.
    Extract(ExtractArgs),
    /// List actors of the knowledge base, most mentioned in the store first.
    Actors(ActorsArgs),
    /// Show one actor: aliases with their evidence, relations, places, and
    /// the stored sentences that mention it.
    Actor {
        /// An id, name or alias ("IS-K", "islamic-state-khorasan").
        name: String,
    },
    /// List events across articles, one row per real incident, newest
    /// first (`--mentions`: each article's event mentions instead).
    Events(EventsArgs),
    /// Show an event across articles (`ev…`): each field's values with
    /// their independent sources, toll series, consensus, contested flags,
    /// perpetrator status; or one article's event mention (`ARTICLE-ID.N`)
    /// with its sentences and claims.
    Event {
        /// An event id (`ev…`) or event-mention id (`ARTICLE-ID.N`), as
        /// `dossier events [--mentions]` prints, or a unique prefix.
        id: String,
    },
    /// List claims — responsibility, attribution, denial, confirmation,
    /// statement — with speaker, subject, hedges and channel, newest article
    /// first.
    Claims(ClaimsArgs),
    /// Export events across articles (with the filters of `dossier events`)
    /// in a format other tools read: `jsonl` (the full record with
    /// provenance, one event per line), `parquet` (a folder of tables:
    /// events, assertions, claims, articles, actors), `stix` (a STIX 2.1
    /// bundle), `gtd-csv`, `acled-csv`, `ucdp-csv` (one row per event in
    /// each dataset's columns and codes).
    Export(ExportArgs),
    /// Serve the HTTP API (`/api/…`, documented at `/openapi.json`) and the
    /// web page (`/`) over the store; read-only unless a token is set.
    Serve(ServeArgs),
    /// Knowledge-base tools: check a file, counts, remove a learned alias.
    #[command(subcommand)]
    Kb(KbCommand),
    /// Print the mentions found in a plain-text file (`-` for stdin).
    Annotate {
        /// The file.
        input: PathBuf,
    },
    /// Print predictions in an evaluation kit's format.
    Eval {
        /// Which kit.
        kind: EvalKind,
        /// Its input (for `extraction`: a folder of NAME.html or NAME.html.gz).
        input: PathBuf,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum EvalKind {
    /// Main-text extraction: prints {"NAME": {"articleBody": text}, ...}.
    Extraction,
    /// MUC-4 mention recall: the share of gold role-filler strings found as
    /// mentions, per role (input: the kit's JSON Lines).
    Muc4Mentions,
    /// MUC-4 role fillers: one {"docid", "extracts"} line per document, for
    /// `score_muc4.py` (input: the kit's JSON Lines).
    Muc4,
    /// Attribution relations (cue, source, content): one {"id",
    /// "attributions"} line per document, character offsets, for
    /// `score_attribution.py` (input: the kit's `*.docs.jsonl`).
    Attribution,
    /// Incident clustering: one {"id", "cluster"} line per report, for
    /// `score_clusters.py` (input: the kit's `*.docs.jsonl`; no store).
    Cluster,
}

#[derive(Debug, Args)]
struct ReadArgs {
    /// Files, directories, URLs, or `-` for stdin.
    #[arg(required = true)]
    inputs: Vec<String>,
    /// Largest document accepted, in MiB.
    #[arg(long, default_value_t = 32)]
    max_mib: u64,
}

impl ReadArgs {
    fn read_options(&self) -> ReadOptions {
        ReadOptions {
            max_document_bytes: self.max_mib * 1024 * 1024,
            ..ReadOptions::default()
        }
    }
}

#[derive(Debug, Args)]
struct IngestArgs {
    #[command(flatten)]
    read: ReadArgs,
    /// Documents per store transaction.
    #[arg(long, default_value_t = 256)]
    batch: usize,
    /// Store only; leave linking (copies, events across articles) to a later
    /// `dossier link`, e.g. after several ingests.
    #[arg(long)]
    no_link: bool,
}

#[derive(Debug, Args)]
struct LoadArgs {
    /// Files or folders of `dossier extract` output, or `-` for stdin.
    #[arg(required = true)]
    inputs: Vec<String>,
    /// Articles per store transaction.
    #[arg(long, default_value_t = 256)]
    batch: usize,
    /// Store only; leave linking to a later `dossier link`.
    #[arg(long)]
    no_link: bool,
}

#[derive(Debug, Args)]
struct ExportArgs {
    /// The format.
    #[arg(long, value_parser = export_format)]
    format: dossier_export::Format,
    #[command(flatten)]
    filters: event_views::EventFilters,
    /// Write here instead of standard output (written whole or not at all);
    /// a new folder for `parquet`.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    output: Option<PathBuf>,
}

fn export_format(name: &str) -> std::result::Result<dossier_export::Format, String> {
    dossier_export::Format::from_name(name).ok_or_else(|| {
        let names: Vec<&str> = dossier_export::Format::ALL
            .iter()
            .map(|f| f.name())
            .collect();
        format!("unknown format {name:?}; formats: {}", names.join(", "))
    })
}

#[derive(Debug, Args)]
struct ServeArgs {
    /// Address to listen on; loopback unless told otherwise.
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: std::net::SocketAddr,
    /// Bearer token that opens `POST /api/ingest` (from the environment, so
    /// it does not show in the process list); without one, read-only.
    #[arg(long, env = "DOSSIER_TOKEN", hide_env_values = true)]
    token: Option<String>,
    /// Read connections to the store (default: one per core, at least 2).
    #[arg(long)]
    readers: Option<usize>,
    /// MiB of answers kept for repeated reads, emptied whenever the store
    /// changes (0: none).
    #[arg(long, default_value_t = 64)]
    cache_mib: usize,
}

#[derive(Debug, Args)]
struct ExtractArgs {
    #[command(flatten)]
    read: ReadArgs,
}

#[derive(Debug, Args)]
struct ArticlesArgs {
    /// Only this outlet (domain).
    #[arg(long)]
    outlet: Option<String>,
    /// Only this language (ISO 639-1).
    #[arg(long)]
    language: Option<String>,
    /// Most articles to show.
    #[arg(long, default_value_t = 50)]
    limit: usize,
    /// Articles to skip.
    #[arg(long, default_value_t = 0)]
    offset: usize,
}

pub(crate) fn run(cli: Cli) -> Result<ExitCode> {
    let stdout = io::stdout();
    let mut out = stdout.lock();
    match cli.command {
        Command::Ingest(args) => ingest(&cli.db, &cli.kb_files, &args, cli.json, &mut out),
        Command::Load(args) => load(&cli.db, &cli.kb_files, &args, cli.json, &mut out),
        Command::Link => link(&cli.db, &cli.kb_files, cli.json, &mut out),
        Command::Actors(args) => {
            knowledge::actors(&cli.db, &cli.kb_files, &args, cli.json, &mut out)
        }
        Command::Actor { name } => {
            knowledge::actor(&cli.db, &cli.kb_files, &name, cli.json, &mut out)
        }
        Command::Events(args) => {
            event_views::events(&cli.db, &cli.kb_files, &args, cli.json, &mut out)
        }
        Command::Event { id } => {
            event_views::event(&cli.db, &cli.kb_files, &id, cli.json, &mut out)
        }
        Command::Claims(args) => {
            claim_views::claims(&cli.db, &cli.kb_files, &args, cli.json, &mut out)
        }
        Command::Serve(args) => serve(&cli.db, &cli.kb_files, &args, &mut out),
        Command::Export(args) => export(&cli.db, &cli.kb_files, &args, &mut out),
        Command::Kb(command) => knowledge::kb(&cli.db, &cli.kb_files, &command, cli.json, &mut out),
        Command::Annotate { input } => {
            knowledge::annotate(&cli.kb_files, &input, cli.json, &mut out)
        }
        Command::Articles(args) => articles(&cli.db, &args, cli.json, &mut out),
        Command::Article { id } => article(&cli.db, &id, &mut out),
        Command::Search { query, limit } => search(&cli.db, &query, limit, cli.json, &mut out),
        Command::Extract(args) => extract_stream(&cli.kb_files, &args, &mut out),
        Command::Eval { kind, input } => match kind {
            EvalKind::Extraction => eval_extraction(&input, &mut out),
            EvalKind::Muc4 => crate::events::eval_muc4(&cli.kb_files, &input, &mut out),
            EvalKind::Attribution => {
                crate::claims::eval_attribution(&cli.kb_files, &input, &mut out)
            }
            EvalKind::Muc4Mentions => {
                knowledge::eval_muc4_mentions(&cli.kb_files, &input, &mut out)
            }
            EvalKind::Cluster => crate::linking::eval_cluster(&input, &mut out),
        },
    }
}

fn export(
    db: &Path,
    kb_files: &[PathBuf],
    args: &ExportArgs,
    out: &mut dyn Write,
) -> Result<ExitCode> {
    if !db.exists() {
        bail!(
            "no store at {} (run `dossier ingest` first, or pass --db)",
            db.display()
        );
    }
    let query = args.filters.query(kb_files)?;
    let kb = knowledge::load_kb(kb_files)?;
    let store = open_store(db)?;
    if args.format.is_folder() {
        let Some(dir) = &args.output else {
            bail!(
                "--format {} writes a folder of tables: give one with -o DIR",
                args.format.name()
            );
        };
        if dir.exists() {
            bail!("{} exists; give a new folder", dir.display());
        }
        // into a sibling folder first, renamed when complete
        let mut partial = dir.as_os_str().to_owned();
        partial.push(".partial");
        let partial = PathBuf::from(partial);
        let _ = std::fs::remove_dir_all(&partial);
        let counts =
            dossier_export::export_parquet(&store, &kb, &query, &partial).inspect_err(|_| {
                let _ = std::fs::remove_dir_all(&partial);
            })?;
        std::fs::rename(&partial, dir)
            .with_context(|| format!("cannot write {}", dir.display()))?;
        eprintln!(
            "exported {} events, {} assertions, {} claims, {} articles, {} actors as Parquet to {}",
            counts.events,
            counts.assertions,
            counts.claims,
            counts.articles,
            counts.actors,
            dir.display()
        );
        return Ok(ExitCode::SUCCESS);
    }
    match &args.output {
        Some(path) => {
            // into a sibling file first, renamed when complete: a failed
            // export leaves no half-written file under the name asked for
            let mut partial = path.as_os_str().to_owned();
            partial.push(".partial");
            let partial = PathBuf::from(partial);
            let file = std::fs::File::create(&partial)
                .with_context(|| format!("cannot create {}", partial.display()))?;
            let mut writer = io::BufWriter::new(file);
            let summary = dossier_export::export(&store, &kb, &query, args.format, &mut writer)
                .inspect_err(|_| {
                    let _ = std::fs::remove_file(&partial);
                })?;
            drop(writer);
            std::fs::rename(&partial, path)
                .with_context(|| format!("cannot write {}", path.display()))?;
            eprintln!(
                "exported {} events as {} to {}",
                summary.events,
                args.format.name(),
                path.display()
            );
        }
        None => {
            let mut writer = io::BufWriter::new(out);
            dossier_export::export(&store, &kb, &query, args.format, &mut writer)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn serve(
    db: &Path,
    kb_files: &[PathBuf],
    args: &ServeArgs,
    out: &mut dyn Write,
) -> Result<ExitCode> {
    let kb = Arc::new(knowledge::load_kb(kb_files)?);
    let mut config = dossier_serve::ServerConfig::new(db.to_owned(), kb);
    config.token = args.token.clone().filter(|t| !t.is_empty());
    if let Some(readers) = args.readers {
        config.readers = readers.max(1);
    }
    config.cache_bytes = args.cache_mib * 1024 * 1024;
    let app = dossier_serve::App::open(config)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(args.addr)
            .await
            .with_context(|| format!("cannot listen on {}", args.addr))?;
        let local = listener.local_addr()?;
        writeln!(
            out,
            "serving {} at http://{local}/ ({}); Ctrl-C stops",
            db.display(),
            if app.accepts_ingest() {
                "POST /api/ingest open to the token"
            } else {
                "read-only"
            }
        )?;
        out.flush()?;
        let shutdown = async {
            let _ = tokio::signal::ctrl_c().await;
        };
        dossier_serve::serve(listener, app, shutdown).await?;
        Ok(ExitCode::SUCCESS)
    })
}

fn default_runner(annotator: &Arc<Annotator>) -> Result<Runner> {
    let components = registry::components(registry::DEFAULT_COMPONENTS, annotator)?;
    Ok(Runner::new(Pipeline::new(components)?))
}

fn spinner() -> ProgressBar {
    if io::stderr().is_terminal() {
        let bar = ProgressBar::new_spinner();
        bar.set_style(
            ProgressStyle::with_template("{spinner} {elapsed} {msg}")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        bar.enable_steady_tick(Duration::from_millis(120));
        bar
    } else {
        ProgressBar::hidden()
    }
}

fn link_with_progress(store: &mut SqliteStore, kb: &Kb, bar: &ProgressBar) -> Result<LinkSummary> {
    Ok(dossier_pipeline::link_pending(
        store,
        kb,
        &mut |s: &LinkSummary| {
            bar.set_message(format!(
                "linked {} articles · {} event mentions · {} events opened · {} copies",
                s.articles, s.mentions, s.events_opened, s.copies
            ));
        },
    )?)
}

fn link(db: &Path, kb_files: &[PathBuf], json: bool, out: &mut dyn Write) -> Result<ExitCode> {
    let kb = knowledge::load_kb(kb_files)?;
    let mut store = open_store(db)?;
    let bar = spinner();
    let summary = link_with_progress(&mut store, &kb, &bar)?;
    bar.finish_and_clear();
    if json {
        json_line(out, &summary)?;
    } else {
        print_link_summary(out, &summary)?;
    }
    Ok(ExitCode::SUCCESS)
}

fn print_link_summary(out: &mut dyn Write, summary: &LinkSummary) -> Result<()> {
    writeln!(
        out,
        "linked {} articles: {} event mentions into events ({} new, {} folded into another), {} copy links",
        summary.articles,
        summary.mentions,
        summary.events_opened,
        summary.events_merged,
        summary.copies
    )?;
    Ok(())
}

fn open_store(db: &Path) -> Result<SqliteStore> {
    SqliteStore::open(db).with_context(|| format!("cannot open the store {}", db.display()))
}

fn ingest(
    db: &Path,
    kb_files: &[PathBuf],
    args: &IngestArgs,
    json: bool,
    out: &mut dyn Write,
) -> Result<ExitCode> {
    let kb = Arc::new(knowledge::load_kb(kb_files)?);
    let annotator = Arc::new(Annotator::new(Arc::clone(&kb)));
    let runner = default_runner(&annotator)?;
    let mut store = open_store(db)?;
    let options = IngestOptions {
        read: args.read.read_options(),
        batch_size: args.batch,
    };
    let bar = spinner();
    let summary = dossier_pipeline::ingest(
        &args.read.inputs,
        &runner,
        &mut store,
        &options,
        &mut |s: &IngestSummary| bar.set_message(progress_line(s)),
    )?;
    let summary = link_stored(&mut store, &kb, summary, !args.no_link, &bar)?;
    report_stored(out, &summary, db, json, !args.no_link)
}

fn load(
    db: &Path,
    kb_files: &[PathBuf],
    args: &LoadArgs,
    json: bool,
    out: &mut dyn Write,
) -> Result<ExitCode> {
    let kb = knowledge::load_kb(kb_files)?;
    let mut store = open_store(db)?;
    let options = IngestOptions {
        batch_size: args.batch,
        ..IngestOptions::default()
    };
    let bar = spinner();
    let summary = dossier_pipeline::load(
        &args.inputs,
        &mut store,
        &options,
        &mut |s: &IngestSummary| bar.set_message(progress_line(s)),
    )?;
    let summary = link_stored(&mut store, &kb, summary, !args.no_link, &bar)?;
    report_stored(out, &summary, db, json, !args.no_link)
}

/// The progress line of a run that stores articles.
fn progress_line(s: &IngestSummary) -> String {
    format!(
        "read {} · stored {} · duplicates {} · problems {}",
        s.read,
        s.stored,
        s.duplicates,
        s.problems.len()
    )
}

/// Links what `ingest` or `load` stored, unless told not to.
fn link_stored(
    store: &mut SqliteStore,
    kb: &Kb,
    mut summary: IngestSummary,
    link: bool,
    bar: &ProgressBar,
) -> Result<IngestSummary> {
    if link {
        summary.linked = link_with_progress(store, kb, bar)?;
    }
    bar.finish_and_clear();
    Ok(summary)
}

/// Prints what `ingest` or `load` did; exit status 1 when some input failed.
fn report_stored(
    out: &mut dyn Write,
    summary: &IngestSummary,
    db: &Path,
    json: bool,
    linked: bool,
) -> Result<ExitCode> {
    if json {
        json_line(out, summary)?;
    } else {
        print_summary(out, summary, db)?;
        if linked {
            print_link_summary(out, &summary.linked)?;
        }
    }
    Ok(if summary.failed() > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn print_summary(out: &mut dyn Write, summary: &IngestSummary, db: &Path) -> Result<()> {
    let rejected: u64 = summary.rejected.values().sum();
    writeln!(
        out,
        "read {} documents: {} stored, {} duplicates, {} unchanged, {} rejected, {} failed",
        summary.read,
        summary.stored,
        summary.duplicates,
        summary.unchanged,
        rejected,
        summary.failed()
    )?;
    for (reason, count) in &summary.rejected {
        writeln!(out, "  rejected {reason}: {count}")?;
    }
    for problem in &summary.problems {
        writeln!(
            out,
            "  {} {} [{}]: {}",
            problem.kind, problem.input, problem.code, problem.message
        )?;
    }
    writeln!(out, "store: {}", db.display())?;
    Ok(())
}

fn articles(db: &Path, args: &ArticlesArgs, json: bool, out: &mut dyn Write) -> Result<ExitCode> {
    let store = open_store(db)?;
    let query = ListQuery {
        outlet: args.outlet.clone(),
        language: args.language.clone(),
        limit: args.limit,
        offset: args.offset,
        ..ListQuery::default()
    };
    let summaries = store.list_articles(&query)?;
    if json {
        for summary in &summaries {
            json_line(out, summary)?;
        }
        return Ok(ExitCode::SUCCESS);
    }
    let rows: Vec<Vec<String>> = summaries
        .iter()
        .map(|a| {
            vec![
                a.id.to_string(),
                a.published.clone().unwrap_or_default(),
                a.outlet.clone().unwrap_or_default(),
                a.language.clone().unwrap_or_default(),
                a.title.clone().unwrap_or_default(),
            ]
        })
        .collect();
    table(
        out,
        &["ID", "PUBLISHED", "OUTLET", "LANG", "TITLE"],
        &rows,
        70,
    )?;
    Ok(ExitCode::SUCCESS)
}

fn article(db: &Path, id: &str, out: &mut dyn Write) -> Result<ExitCode> {
    let id: ArticleId = id.parse()?;
    let store = open_store(db)?;
    let Some(article) = store.get_article(id)? else {
        bail!("no article {id} in {}", db.display());
    };
    serde_json::to_writer_pretty(&mut *out, &article)?;
    writeln!(out)?;
    Ok(ExitCode::SUCCESS)
}

fn search(
    db: &Path,
    query: &str,
    limit: usize,
    json: bool,
    out: &mut dyn Write,
) -> Result<ExitCode> {
    let store = open_store(db)?;
    let hits = store.search(query, limit)?;
    if json {
        for hit in &hits {
            json_line(out, hit)?;
        }
        return Ok(ExitCode::SUCCESS);
    }
    let rows: Vec<Vec<String>> = hits
        .iter()
        .map(|h| {
            vec![
                h.id.to_string(),
                h.title.clone().unwrap_or_default(),
                h.snippet.clone(),
            ]
        })
        .collect();
    table(out, &["ID", "TITLE", "SNIPPET"], &rows, 60)?;
    Ok(ExitCode::SUCCESS)
}

fn extract_stream(
    kb_files: &[PathBuf],
    args: &ExtractArgs,
    out: &mut dyn Write,
) -> Result<ExitCode> {
    const BATCH: usize = 256;
    let runner = default_runner(&knowledge::annotator(kb_files)?)?;
    let options = args.read.read_options();
    let mut failed = false;
    let mut batch = Vec::with_capacity(BATCH);
    let mut write_error = None;
    let flush = |batch: Vec<_>, out: &mut dyn Write, failed: &mut bool| -> Result<()> {
        for outcome in runner.process_batch(batch) {
            *failed |= matches!(outcome, Outcome::Failed { .. });
            json_line(out, &outcome)?;
        }
        Ok(())
    };
    for input in &args.read.inputs {
        read_input(input, &options, &mut |event| {
            if write_error.is_some() {
                return;
            }
            let result = match event {
                InputEvent::Document(raw) => {
                    batch.push(raw);
                    if batch.len() >= BATCH {
                        flush(std::mem::take(&mut batch), out, &mut failed)
                    } else {
                        Ok(())
                    }
                }
                InputEvent::Rejected { input, reason } => {
                    json_line(out, &Outcome::Rejected { input, reason })
                }
                InputEvent::Failed(err) => {
                    failed = true;
                    json_line(
                        out,
                        &Outcome::Failed {
                            input: err.input(),
                            code: err.code().to_owned(),
                            message: err.to_string(),
                        },
                    )
                }
            };
            if let Err(err) = result {
                write_error = Some(err);
            }
        });
        if let Some(err) = write_error.take() {
            return Err(err);
        }
    }
    flush(batch, out, &mut failed)?;
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

#[derive(serde::Serialize)]
struct Prediction {
    #[serde(rename = "articleBody")]
    article_body: String,
}

fn eval_extraction(dir: &Path, out: &mut dyn Write) -> Result<ExitCode> {
    let mut pages = Vec::new();
    for entry in std::fs::read_dir(dir).with_context(|| format!("cannot read {}", dir.display()))? {
        let path = entry?.path();
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        if let Some((key, _)) = name.split_once(".html") {
            pages.push((key.to_owned(), path.clone()));
        }
    }
    pages.sort();
    let predictions: BTreeMap<String, Prediction> = pages
        .par_iter()
        .map(|(key, path)| {
            let body = match read_page(path) {
                Ok(bytes) => {
                    let decoded = charset::decode(&bytes, None);
                    extract::extract_html(&decoded.text, None).text
                }
                Err(err) => {
                    eprintln!("{}: {err:#}", path.display());
                    String::new()
                }
            };
            (key.clone(), Prediction { article_body: body })
        })
        .collect();
    serde_json::to_writer(&mut *out, &predictions)?;
    writeln!(out)?;
    Ok(ExitCode::SUCCESS)
}

fn read_page(path: &Path) -> Result<Vec<u8>> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    if path.extension().is_some_and(|ext| ext == "gz") {
        let mut decoded = Vec::new();
        std::io::Read::read_to_end(
            &mut flate2::read::MultiGzDecoder::new(&bytes[..]),
            &mut decoded,
        )
        .with_context(|| format!("{}: bad gzip data", path.display()))?;
        Ok(decoded)
    } else {
        Ok(bytes)
    }
}
