//! `dossier claims` and the claims section of `dossier event`: who claims,
//! blames, denies or confirms what, each with the sentence that says it.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Result, anyhow, bail};
use clap::Args;
use dossier_model::{Claim, ClaimKind};
use dossier_store::{ClaimQuery, SqliteStore, Store, StoredClaim};

use dossier_pipeline::views::{ClaimView, quote};

use crate::event_views::open;
use crate::knowledge;
use crate::output::{json_line, table};

#[derive(Debug, Args)]
pub(crate) struct ClaimsArgs {
    /// Only claims about this event mention: an id as `dossier events`
    /// prints it, or a unique prefix of one.
    #[arg(long)]
    event: Option<String>,
    /// Only claims whose speaker or subject is this actor: id, name or
    /// alias ("IS-K", "Kyiv").
    #[arg(long)]
    actor: Option<String>,
    /// Only claims whose speaker, as written, contains this text (any case).
    #[arg(long)]
    speaker: Option<String>,
    /// responsibility, attribution, denial, confirmation or statement.
    #[arg(long)]
    kind: Option<String>,
    /// Most rows.
    #[arg(long, default_value_t = 50)]
    limit: usize,
    /// Rows to skip.
    #[arg(long, default_value_t = 0)]
    offset: usize,
}

/// The kind `name` names, or an error listing the valid ones.
fn parse_kind(name: &str) -> Result<ClaimKind> {
    ClaimKind::from_name(&name.to_lowercase()).ok_or_else(|| {
        let valid: Vec<&str> = ClaimKind::ALL.iter().map(|k| k.name()).collect();
        anyhow!(
            "unknown claim kind {name:?}; valid kinds: {}",
            valid.join(", ")
        )
    })
}

/// The full id of the event mention `id` names: itself when stored, else
/// the one stored id it starts.
fn resolve_event(store: &SqliteStore, db: &Path, id: &str) -> Result<String> {
    let found = store.find_events(id, 20)?;
    // "A.1" also starts "A.10": an exact id wins over a prefix.
    if found.iter().any(|e| e.summary.id == id) {
        return Ok(id.to_owned());
    }
    match found.as_slice() {
        [one] => Ok(one.summary.id.clone()),
        [] => bail!(
            "no event mention {id:?} in {} (see `dossier events`)",
            db.display()
        ),
        many => bail!(
            "{id:?} starts {} event ids ({}); give one whole",
            many.len(),
            many.iter()
                .map(|e| e.summary.id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// `dossier claims`.
pub(crate) fn claims(
    db: &Path,
    kb_files: &[PathBuf],
    args: &ClaimsArgs,
    json: bool,
    out: &mut dyn Write,
) -> Result<ExitCode> {
    // Bad filters fail before the store is touched.
    let kind = args.kind.as_deref().map(parse_kind).transpose()?;
    let actor = match &args.actor {
        Some(name) => {
            let kb = knowledge::load_kb(kb_files)?;
            Some(format!("actor:{}", knowledge::resolve_actor(&kb, name)?))
        }
        None => None,
    };
    let store = open(db)?;
    let event = args
        .event
        .as_deref()
        .map(|id| resolve_event(&store, db, id))
        .transpose()?;
    let query = ClaimQuery {
        event,
        actor,
        speaker: args.speaker.clone(),
        kind,
        limit: args.limit,
        offset: args.offset,
    };
    let claims = store.list_claims(&query)?;
    if json {
        for claim in &claims {
            json_line(out, &ClaimView::new(claim))?;
        }
        return Ok(ExitCode::SUCCESS);
    }
    let rows: Vec<Vec<String>> = claims.iter().map(row).collect();
    table(
        out,
        &[
            "KIND", "STANCE", "SPEAKER", "ABOUT", "HEDGES", "CHANNEL", "FRAMING", "SENTENCE",
            "ARTICLE",
        ],
        &rows,
        60,
    )?;
    if claims.is_empty() {
        writeln!(out, "no claims match")?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The framing as `stance "words"`.
fn framing(claim: &Claim, text: &str) -> String {
    claim
        .framing
        .as_ref()
        .map(|f| format!("{} \"{}\"", f.stance.name(), quote(text, f.span)))
        .unwrap_or_default()
}

fn hedges(claim: &Claim) -> String {
    claim
        .hedges
        .iter()
        .map(|h| h.text.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

fn row(stored: &StoredClaim) -> Vec<String> {
    let claim = &stored.claim;
    vec![
        claim.kind.name().to_owned(),
        claim.stance.name().to_owned(),
        claim.speaker_name().to_owned(),
        claim
            .about
            .as_ref()
            .map(|a| a.text.clone())
            .unwrap_or_default(),
        hedges(claim),
        claim
            .channel
            .as_ref()
            .map(|c| c.text.clone())
            .unwrap_or_default(),
        framing(claim, &stored.text),
        quote(&stored.text, claim.sentence),
        stored
            .title
            .clone()
            .unwrap_or_else(|| stored.article.to_string()),
    ]
}

/// The claims linked to event mention `id`, in text order.
pub(crate) fn event_claims(store: &SqliteStore, id: &str) -> Result<Vec<StoredClaim>> {
    Ok(store.list_claims(&ClaimQuery {
        event: Some(id.to_owned()),
        limit: 1000,
        ..ClaimQuery::default()
    })?)
}

/// One claim on two lines, for `dossier event`: what it is, then the
/// sentence.
pub(crate) fn describe(stored: &StoredClaim, out: &mut dyn Write) -> Result<()> {
    let claim = &stored.claim;
    let text = &stored.text;
    let mut line = format!(
        "  {:<14} {} ({})",
        claim.kind.name(),
        claim.speaker_name(),
        claim.stance.name()
    );
    let entity = |part: &dossier_model::ClaimPart| {
        part.entity
            .as_ref()
            .map(|e| format!(" → {}", e.as_str()))
            .unwrap_or_default()
    };
    if let Some(speaker) = &claim.speaker {
        line.push_str(&entity(speaker));
    }
    if let Some(about) = &claim.about {
        line.push_str(&format!("; about {}{}", about.text, entity(about)));
    }
    if let Some(channel) = &claim.channel {
        line.push_str(&format!("; via {}", channel.text));
    }
    if !claim.hedges.is_empty() {
        line.push_str(&format!("; hedged: {}", hedges(claim)));
    }
    if claim.framing.is_some() {
        line.push_str(&format!("; framed: {}", framing(claim, text)));
    }
    writeln!(out, "{line} [{:.2}]", claim.confidence)?;
    writeln!(out, "      « {} »", quote(text, claim.sentence))?;
    Ok(())
}
