//! `dossier events` and `dossier event ID`: the event mentions in the store,
//! each field shown with the sentence that states it.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Result, bail};
use clap::Args;
use dossier_kb::Kb;
use dossier_model::EventRole;
use dossier_store::{EventQuery, SqliteStore, Store, StoredEvent};

use dossier_pipeline::views::{ClaimView, quote};

use crate::claim_views;
use crate::knowledge;
use crate::output::{json_line, table};

#[derive(Debug, Args)]
pub(crate) struct EventsArgs {
    #[command(flatten)]
    filters: EventFilters,
    /// Most rows.
    #[arg(long, default_value_t = 50)]
    limit: usize,
    /// Rows to skip.
    #[arg(long, default_value_t = 0)]
    offset: usize,
    /// List single articles' event mentions instead of events across
    /// articles.
    #[arg(long)]
    mentions: bool,
}

/// Which events: shared by `dossier events` and `dossier export`.
#[derive(Debug, Args)]
pub(crate) struct EventFilters {
    /// Events dated on or after this day, month or year (YYYY[-MM[-DD]]).
    #[arg(long)]
    since: Option<String>,
    /// Events dated on or before this day, month or year (YYYY[-MM[-DD]]).
    #[arg(long)]
    until: Option<String>,
    /// A country (name or ISO code) or text in the place name.
    #[arg(long)]
    place: Option<String>,
    /// An actor filling any role: id, name or alias ("IS-K").
    #[arg(long)]
    actor: Option<String>,
    /// Event kind: shooting, bombing, car_bomb, kidnapping, arson, …
    #[arg(long = "type")]
    kind: Option<String>,
    /// main, background or hypothetical.
    #[arg(long)]
    status: Option<String>,
    /// Only events with a contested field (events across articles).
    #[arg(long)]
    contested: bool,
}

impl EventFilters {
    /// The store query these filters make (first page of 50).
    pub(crate) fn query(&self, kb_files: &[PathBuf]) -> Result<EventQuery> {
        let mut query = EventQuery {
            since: self.since.clone(),
            until: self.until.clone(),
            kind: self.kind.clone(),
            status: self.status.clone(),
            contested: self.contested,
            ..EventQuery::default()
        };
        if self.place.is_some() || self.actor.is_some() {
            let kb = knowledge::load_kb(kb_files)?;
            if let Some(place) = &self.place {
                match country_named(&kb, place) {
                    Some(code) => query.country = Some(code),
                    None => query.place = Some(place.clone()),
                }
            }
            if let Some(name) = &self.actor {
                query.actor = Some(format!("actor:{}", knowledge::resolve_actor(&kb, name)?));
            }
        }
        Ok(query)
    }
}

/// The country a `--place` value names, if it names one.
fn country_named(kb: &Kb, place: &str) -> Option<String> {
    if place.len() == 2 && kb.country(&place.to_ascii_uppercase()).is_some() {
        return Some(place.to_ascii_uppercase());
    }
    kb.countries
        .iter()
        .find(|c| c.name.eq_ignore_ascii_case(place))
        .map(|c| c.iso2.clone())
}

pub(crate) fn open(db: &Path) -> Result<SqliteStore> {
    SqliteStore::open(db)
        .map_err(|e| anyhow::anyhow!("cannot open the store {}: {e}", db.display()))
}

/// `dossier events`.
pub(crate) fn events(
    db: &Path,
    kb_files: &[PathBuf],
    args: &EventsArgs,
    json: bool,
    out: &mut dyn Write,
) -> Result<ExitCode> {
    let store = open(db)?;
    let query = EventQuery {
        limit: args.limit,
        offset: args.offset,
        ..args.filters.query(kb_files)?
    };
    if !args.mentions {
        return crate::linked_views::list(db, &query, json, out);
    }
    let events = store.list_events(&query)?;
    if json {
        for event in &events {
            json_line(out, event)?;
        }
        return Ok(ExitCode::SUCCESS);
    }
    let rows: Vec<Vec<String>> = events
        .iter()
        .map(|e| {
            let figure = |v: Option<u64>| v.map(|v| v.to_string()).unwrap_or_default();
            vec![
                e.id.clone(),
                e.date.clone().unwrap_or_else(|| "?".to_owned()),
                e.kind.clone(),
                e.status.clone(),
                e.place.clone().unwrap_or_default(),
                figure(e.killed),
                figure(e.wounded),
                e.title.clone().unwrap_or_default(),
            ]
        })
        .collect();
    table(
        out,
        &[
            "ID", "DATE", "TYPE", "STATUS", "PLACE", "KILLED", "WOUNDED", "ARTICLE",
        ],
        &rows,
        50,
    )?;
    if events.is_empty() {
        writeln!(out, "no event mentions match")?;
    }
    Ok(ExitCode::SUCCESS)
}

/// `dossier event ID`: an id or a unique prefix of one — of an event across
/// articles (`ev…`) or of one article's event mention (`ARTICLE-ID.N`).
pub(crate) fn event(
    db: &Path,
    kb_files: &[PathBuf],
    id: &str,
    json: bool,
    out: &mut dyn Write,
) -> Result<ExitCode> {
    if id.starts_with("ev") {
        let kb = knowledge::load_kb(kb_files)?;
        return crate::linked_views::show(db, &kb, id, json, out);
    }
    let store = open(db)?;
    let found = store.find_events(id, 20)?;
    let event = match found.as_slice() {
        [one] => one,
        [] => bail!(
            "no event mention {id:?} in {} (see `dossier events`)",
            db.display()
        ),
        many => {
            writeln!(out, "{id:?} starts {} event ids:", many.len())?;
            for e in many {
                writeln!(
                    out,
                    "  {}  {}  {}",
                    e.summary.id, e.summary.kind, e.summary.status
                )?;
            }
            return Ok(ExitCode::from(2));
        }
    };
    let claims = claim_views::event_claims(&store, &event.summary.id)?;
    let linked = store.event_of_mention(&event.summary.id)?;
    if json {
        let claims: Vec<ClaimView<'_>> = claims.iter().map(ClaimView::new).collect();
        json_line(
            out,
            &serde_json::json!({"id": event.summary.id, "article": event.summary.article,
                "title": event.summary.title, "outlet": event.summary.outlet,
                "published": event.summary.published, "event": event.record,
                "linked_event": linked, "claims": claims}),
        )?;
        return Ok(ExitCode::SUCCESS);
    }
    show(event, out)?;
    if let Some(linked) = linked {
        writeln!(out, "  part of   event {linked} (`dossier event {linked}`)")?;
    }
    writeln!(out, "Claims")?;
    if claims.is_empty() {
        writeln!(out, "  none linked to this event mention")?;
    }
    for claim in &claims {
        claim_views::describe(claim, out)?;
    }
    Ok(ExitCode::SUCCESS)
}

fn show(event: &StoredEvent, out: &mut dyn Write) -> Result<()> {
    let record = &event.record;
    let text = &event.text;
    let kind = &record.event_type;
    let gtd = dossier_events::gtd::attack_type(kind.gtd_attack_type).unwrap_or("?");
    writeln!(out, "event {}", event.summary.id)?;
    writeln!(
        out,
        "  type      {} (GTD {} {}; ACLED {} / {}){}",
        kind.kind,
        kind.gtd_attack_type,
        gtd,
        kind.acled_event_type,
        kind.acled_sub_event_type,
        if record.suicide {
            "; suicide attack"
        } else {
            ""
        }
    )?;
    writeln!(out, "  status    {}", record.status.name())?;
    writeln!(
        out,
        "  article   {} — {}, published {}",
        event.summary.title.as_deref().unwrap_or("(untitled)"),
        event.summary.outlet.as_deref().unwrap_or("unknown outlet"),
        event.summary.published.as_deref().unwrap_or("unknown")
    )?;
    writeln!(out, "  trigger   \"{}\"", quote(text, record.trigger))?;
    writeln!(out, "      « {} »", quote(text, record.sentence))?;
    match &record.time {
        Some(time) => {
            writeln!(
                out,
                "  when      \"{}\" → {} ({:?}{})",
                quote(text, time.span),
                time.date
                    .as_deref()
                    .unwrap_or("unresolved: no publication date"),
                time.precision,
                if time.relative { ", relative" } else { "" }
            )?;
            writeln!(out, "      « {} »", quote(text, time.sentence))?;
        }
        None => writeln!(out, "  when      not stated")?,
    }
    match &record.place {
        Some(place) => {
            writeln!(
                out,
                "  where     {}{}{}{} ({:?}{})",
                if place.vicinity { "near " } else { "" },
                place.name,
                place
                    .venue
                    .as_deref()
                    .map(|v| format!(", at {v}"))
                    .unwrap_or_default(),
                place
                    .country
                    .as_deref()
                    .map(|c| format!(", {c}"))
                    .unwrap_or_default(),
                place.precision,
                place
                    .entity
                    .as_ref()
                    .map(|e| format!(", {}", e.as_str()))
                    .unwrap_or_default()
            )?;
            writeln!(out, "      « {} »", quote(text, place.sentence))?;
        }
        None => writeln!(out, "  where     not stated")?,
    }
    if record.casualties.is_empty() {
        writeln!(out, "  casualties  no figure stated")?;
    }
    for figure in &record.casualties {
        let bounds = match (figure.low, figure.high) {
            (Some(l), Some(h)) => format!("{l}–{h}"),
            (Some(l), None) => format!("≥{l}"),
            (None, Some(h)) => format!("≤{h}"),
            (None, None) => "?".to_owned(),
        };
        writeln!(
            out,
            "  {:<9} \"{}\" = {} [{}]{}{}",
            figure.kind.name(),
            quote(text, figure.span),
            bounds,
            figure.qualifier,
            figure
                .who
                .as_deref()
                .map(|w| format!(", {w}"))
                .unwrap_or_default(),
            figure
                .as_of
                .as_deref()
                .map(|d| format!(", as of {d}"))
                .unwrap_or_default()
        )?;
        writeln!(out, "      « {} »", quote(text, figure.sentence))?;
    }
    for role in [
        EventRole::PerpetratorOrganisation,
        EventRole::PerpetratorIndividual,
        EventRole::Victim,
        EventRole::Target,
        EventRole::Weapon,
    ] {
        for filler in record.roles.iter().filter(|f| f.role == role) {
            writeln!(
                out,
                "  {} \"{}\"{}{} [{} {:.2}]",
                role.name(),
                filler.text,
                filler
                    .entity
                    .as_ref()
                    .map(|e| format!(" → {}", e.as_str()))
                    .unwrap_or_default(),
                filler
                    .gtd_type
                    .map(|t| format!(" (GTD type {t})"))
                    .unwrap_or_default(),
                filler.rule,
                filler.confidence
            )?;
            writeln!(out, "      « {} »", quote(text, filler.sentence))?;
        }
    }
    writeln!(out, "  extractor {}", record.extractor)?;
    Ok(())
}
