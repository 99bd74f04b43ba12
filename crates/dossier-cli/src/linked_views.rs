//! `dossier events` and `dossier event evID` for events across articles:
//! one row per real incident; one page per event with every field's values,
//! who states them, the consensus, contested flags and the perpetrator
//! status.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Result, bail};
use dossier_kb::Kb;
use dossier_link::record::{ActorStanding, ClaimRef, FieldRecord, TollRecord};
use dossier_pipeline::{LinkedEvent, linked_event};
use dossier_store::{EventQuery, Store};

use dossier_pipeline::views::quote;

use crate::event_views::open;
use crate::output::{json_line, table};

/// `dossier events` (events across articles).
pub(crate) fn list(
    db: &Path,
    query: &EventQuery,
    json: bool,
    out: &mut dyn Write,
) -> Result<ExitCode> {
    let store = open(db)?;
    let events = store.list_linked_events(query)?;
    if json {
        for event in &events {
            json_line(out, event)?;
        }
        return Ok(ExitCode::SUCCESS);
    }
    let rows: Vec<Vec<String>> = events
        .iter()
        .map(|e| {
            vec![
                e.id.clone(),
                e.date.clone().unwrap_or_else(|| "?".to_owned()),
                e.kind.clone(),
                e.place.clone().unwrap_or_default(),
                e.country.clone().unwrap_or_default(),
                e.articles.to_string(),
            ]
        })
        .collect();
    table(
        out,
        &["ID", "DATE", "TYPE", "PLACE", "COUNTRY", "ARTICLES"],
        &rows,
        40,
    )?;
    if events.is_empty() {
        writeln!(
            out,
            "no events match (event mentions of single articles: `dossier events --mentions`)"
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

/// `dossier event evID`: an id or a unique prefix of one.
pub(crate) fn show(
    db: &Path,
    kb: &Kb,
    id: &str,
    json: bool,
    out: &mut dyn Write,
) -> Result<ExitCode> {
    let store = open(db)?;
    let found = store.find_linked_events(id, 20)?;
    let event_id = match found.as_slice() {
        [one] => one.id.clone(),
        [] => bail!("no event {id:?} in {} (see `dossier events`)", db.display()),
        many => {
            writeln!(out, "{id:?} starts {} event ids:", many.len())?;
            for e in many {
                writeln!(
                    out,
                    "  {}  {}  {}",
                    e.id,
                    e.kind,
                    e.place.as_deref().unwrap_or("")
                )?;
            }
            return Ok(ExitCode::from(2));
        }
    };
    let Some(linked) = linked_event(&store, kb, &event_id)? else {
        bail!("event {event_id} has no stored members");
    };
    if json {
        json_line(out, &linked)?;
        return Ok(ExitCode::SUCCESS);
    }
    let texts = |article: &str| -> String {
        article
            .parse()
            .ok()
            .and_then(|id| store.get_article(id).ok().flatten())
            .map(|a| a.text)
            .unwrap_or_default()
    };
    describe(&linked, &texts, out)?;
    Ok(ExitCode::SUCCESS)
}

fn short(source: &str) -> &str {
    source.split_once(':').map_or(source, |(_, rest)| rest)
}

fn sources_list(sources: &[String]) -> String {
    let names: Vec<&str> = sources.iter().map(|s| short(s)).collect();
    format!(
        "{} source{}: {}",
        sources.len(),
        if sources.len() == 1 { "" } else { "s" },
        names.join(", ")
    )
}

fn field_lines(field: &FieldRecord, out: &mut dyn Write) -> Result<()> {
    if field.values.is_empty() {
        writeln!(out, "  {:<12} not stated", field.field)?;
        return Ok(());
    }
    for (i, value) in field.values.iter().enumerate() {
        writeln!(
            out,
            "  {:<12} {}{}  ({})",
            if i == 0 { field.field } else { "" },
            value.label,
            if value.value != value.label && !value.value.contains(' ') {
                format!(" [{}]", value.value)
            } else {
                String::new()
            },
            sources_list(&value.sources)
        )?;
    }
    if field.contested {
        writeln!(out, "  {:<12} CONTESTED: independent sources disagree", "")?;
    }
    Ok(())
}

fn toll_lines(toll: &TollRecord, out: &mut dyn Write) -> Result<()> {
    writeln!(
        out,
        "  {:<12} series (as of · figure · independent sources)",
        toll.field
    )?;
    for point in &toll.series {
        let bounds = match point.high {
            Some(h) if h == point.low => point.low.to_string(),
            Some(h) => format!("{}–{h}", point.low),
            None => format!("≥{}", point.low),
        };
        let copies = point
            .assertions
            .iter()
            .filter(|a| a.copy_of.is_some())
            .count();
        writeln!(
            out,
            "  {:<12}   {}  {:<6} \"{}\"  ({}{})",
            "",
            point.as_of.as_deref().unwrap_or("earlier   "),
            bounds,
            point.label,
            sources_list(&point.sources),
            if copies > 0 {
                format!("; {copies} more from copies")
            } else {
                String::new()
            }
        )?;
    }
    let c = &toll.consensus;
    writeln!(
        out,
        "  {:<12} consensus as of {}: UCDP low {} / best {} / high {} · ACLED {} · GTD {}",
        "",
        c.as_of.as_deref().unwrap_or("?"),
        c.ucdp_low,
        c.ucdp_best,
        c.ucdp_high,
        c.acled,
        c.gtd
    )?;
    for conflict in &toll.conflicts {
        writeln!(out, "  {:<12} CONTESTED: {conflict}", "")?;
    }
    Ok(())
}

fn claim_line(
    label: &str,
    claim: &ClaimRef,
    texts: &dyn Fn(&str) -> String,
    out: &mut dyn Write,
) -> Result<()> {
    let mut line = format!(
        "      {label:<12} {} ({}, {})",
        claim.speaker.as_deref().unwrap_or("the article"),
        claim.kind.name(),
        claim.stance.name()
    );
    if let Some(channel) = &claim.channel {
        line.push_str(&format!(" via {channel}"));
    }
    if !claim.hedges.is_empty() {
        line.push_str(&format!(" — hedged: {}", claim.hedges.join("; ")));
    }
    line.push_str(&format!(" [{}, {}]", short(&claim.source), claim.id));
    writeln!(out, "{line}")?;
    writeln!(
        out,
        "        « {} »",
        quote(&texts(&claim.article), claim.sentence)
    )?;
    Ok(())
}

fn actor_lines(
    actor: &ActorStanding,
    texts: &dyn Fn(&str) -> String,
    out: &mut dyn Write,
) -> Result<()> {
    writeln!(
        out,
        "    {} ({}) — {:?}{}; supported by {}",
        actor.names.join(" / "),
        actor.actor,
        actor.standing,
        if actor.hedged { ", hedged only" } else { "" },
        sources_list(&actor.sources)
    )?;
    for claim in &actor.claims {
        claim_line("claims", claim, texts, out)?;
    }
    for claim in &actor.attributions {
        claim_line("attributes", claim, texts, out)?;
    }
    for claim in &actor.disputes {
        claim_line("disputes", claim, texts, out)?;
    }
    Ok(())
}

fn describe(
    linked: &LinkedEvent,
    texts: &dyn Fn(&str) -> String,
    out: &mut dyn Write,
) -> Result<()> {
    let e = &linked.event;
    let record = &linked.record;
    writeln!(
        out,
        "event {}: {} on {} in {}{}",
        e.id,
        e.kind,
        e.date.as_deref().unwrap_or("an unknown date"),
        e.place.as_deref().unwrap_or("an unknown place"),
        e.country
            .as_deref()
            .map(|c| format!(" ({c})"))
            .unwrap_or_default()
    )?;
    let copies = linked
        .reports
        .iter()
        .filter(|r| r.copy_of.is_some())
        .count();
    writeln!(
        out,
        "  {} reports from {} independent sources{}",
        linked.reports.len(),
        record.sources.len(),
        if copies > 0 {
            format!(" ({copies} of them copies)")
        } else {
            String::new()
        }
    )?;
    writeln!(out)?;
    for field in record.fields.iter().filter(|f| f.field != "perpetrator") {
        field_lines(field, out)?;
    }
    for toll in [&record.killed, &record.wounded].into_iter().flatten() {
        toll_lines(toll, out)?;
    }
    if let Some(field) = record.fields.iter().find(|f| f.field == "perpetrator") {
        field_lines(field, out)?;
    }
    writeln!(
        out,
        "  {:<12} status: {:?}",
        "perpetrator", record.perpetrator.status
    )?;
    for actor in &record.perpetrator.actors {
        actor_lines(actor, texts, out)?;
    }
    writeln!(out)?;
    writeln!(out, "reports, by independent source")?;
    let mut last = "";
    for report in &linked.reports {
        if report.source != last {
            writeln!(out, "  {}", report.source)?;
            last = &report.source;
        }
        let mut line = format!(
            "    {}  {}  {}  {} [{}]",
            report.mention,
            report.published.as_deref().unwrap_or("undated"),
            report.outlet.as_deref().unwrap_or("unknown outlet"),
            report.title.as_deref().unwrap_or("(untitled)"),
            report.status
        );
        if let (Some(origin), Some(kind)) = (&report.copy_of, &report.copy_kind) {
            line.push_str(&format!(" — {kind} of {origin}"));
        }
        writeln!(out, "{line}")?;
        if report.seen_at.len() > 1 {
            writeln!(out, "      seen at: {}", report.seen_at.join(", "))?;
        }
    }
    Ok(())
}
