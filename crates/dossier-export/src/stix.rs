//! STIX 2.1: the record as one bundle for threat-intelligence platforms
//! (OpenCTI, MISP): per event an `incident` with its casualty ranges in a
//! property extension, a `location`, a `note` with the casualty ledger; a
//! `threat-actor` (with its aliases) per actor named as perpetrator, joined
//! to the incident by an `attributed-to` relationship; a `report` per
//! article; an `identity` per speaker and per outlet; an `opinion` per claim,
//! its stance on the attribution it bears on.
//!
//! Ids are deterministic (a hash of what the object stands for, shaped as an
//! RFC 4122 UUID), and times come from the reports, never the clock: the
//! same store gives the same bundle. Objects shared by several events
//! (actors, articles, speakers) are written once.

use std::collections::BTreeSet;
use std::io::Write;

use dossier_kb::Kb;
use dossier_link::record::{ClaimRef, TollRecord};
use dossier_model::{ClaimKind, Stance};
use dossier_pipeline::views::EventDossier;
use serde_json::{Value, json};

use crate::ExportError;

/// The extension that carries casualty ranges on an incident.
const CASUALTY_EXTENSION: &str = "dossier-casualties";

/// A STIX id: `type--uuid`, the UUID derived from `key`: 122 bits of a
/// 128-bit hash in the RFC 4122 version-4 layout STIX asks of domain
/// objects, so it is stable across runs and looks random to validators.
pub(crate) fn stix_id(kind: &str, key: &str) -> String {
    let hash = xxhash_rust::xxh3::xxh3_128(format!("{kind}\u{0}{key}").as_bytes());
    let mut bytes = hash.to_be_bytes();
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!(
        "{kind}--{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

/// A STIX timestamp (UTC, milliseconds) from an ISO date or date-time.
pub(crate) fn stix_time(iso: Option<&str>) -> String {
    let fallback = "1970-01-01T00:00:00.000Z".to_owned();
    let Some(iso) = iso else {
        return fallback;
    };
    if let Ok(time) = chrono::DateTime::parse_from_rfc3339(iso) {
        return time
            .with_timezone(&chrono::Utc)
            .format("%Y-%m-%dT%H:%M:%S%.3fZ")
            .to_string();
    }
    let day = match iso.len() {
        4 => format!("{iso}-01-01"),
        7 => format!("{iso}-01"),
        _ => iso.get(..10).unwrap_or(iso).to_owned(),
    };
    match chrono::NaiveDate::parse_from_str(&day, "%Y-%m-%d") {
        Ok(date) => format!("{}T00:00:00.000Z", date.format("%Y-%m-%d")),
        Err(_) => fallback,
    }
}

/// Writes the bundle object by object, each shared object once.
pub(crate) struct Bundle<'w> {
    out: &'w mut dyn Write,
    written: BTreeSet<String>,
    first: bool,
    creator: String,
    actor_keys: std::collections::HashMap<String, Option<String>>,
}

impl<'w> Bundle<'w> {
    /// Opens the bundle and writes Dossier's own identity and the casualty
    /// extension's definition.
    pub(crate) fn open(out: &'w mut dyn Write) -> Result<Self, ExportError> {
        out.write_all(b"{\"type\":\"bundle\",\"id\":\"")?;
        out.write_all(stix_id("bundle", "dossier").as_bytes())?;
        out.write_all(b"\",\"objects\":[\n")?;
        let creator = stix_id("identity", "dossier");
        let mut bundle = Self {
            out,
            written: BTreeSet::new(),
            first: true,
            creator: creator.clone(),
            actor_keys: std::collections::HashMap::new(),
        };
        let epoch = stix_time(None);
        bundle.put(json!({
            "type": "identity", "spec_version": "2.1", "id": creator,
            "created": epoch, "modified": epoch,
            "name": "Dossier", "identity_class": "system",
            "description": "Sourced, cross-checked records of political violence from news reports.",
        }))?;
        bundle.put(json!({
            "type": "extension-definition", "spec_version": "2.1",
            "id": stix_id("extension-definition", CASUALTY_EXTENSION),
            "created_by_ref": bundle.creator, "created": epoch, "modified": epoch,
            "name": "Dossier casualty ranges",
            "description": "Killed and wounded across independent sources, under the conventions of UCDP, ACLED and GTD.",
            "schema": "Properties `killed` and `wounded`, each an object with integers `ucdp_low`, `ucdp_best`, `ucdp_high` (lowest, median and highest of each independent source's current figure), `acled` (the most conservative), `gtd` (the most recent, corroborated first), an `as_of` date and a boolean `contested`.",
            "version": "1.0.0",
            "extension_types": ["property-extension"],
        }))?;
        Ok(bundle)
    }

    /// Writes `object` unless an object with its id was written.
    fn put(&mut self, object: Value) -> Result<(), ExportError> {
        let id = object["id"].as_str().unwrap_or_default().to_owned();
        if !self.written.insert(id) {
            return Ok(());
        }
        if !self.first {
            self.out.write_all(b",\n")?;
        }
        self.first = false;
        serde_json::to_writer(&mut *self.out, &object).map_err(std::io::Error::from)?;
        Ok(())
    }

    /// Closes the bundle.
    pub(crate) fn close(self) -> Result<(), ExportError> {
        self.out.write_all(b"\n]}\n")?;
        self.out.flush()?;
        Ok(())
    }

    /// Writes one event's objects.
    pub(crate) fn add(&mut self, dossier: &EventDossier, kb: &Kb) -> Result<(), ExportError> {
        let linked = &dossier.linked;
        let event = &linked.event;
        let digest = &dossier.digest;
        let first_report = linked
            .reports
            .iter()
            .filter_map(|r| r.published.as_deref())
            .map(|p| stix_time(Some(p)))
            .min();
        let created = first_report.unwrap_or_else(|| stix_time(event.date.as_deref()));
        let incident = stix_id("incident", &event.id);
        let mut refs: Vec<String> = vec![incident.clone()];
        let name = digest.title.clone().unwrap_or_else(|| {
            format!(
                "{} {} {}",
                event.kind,
                event.place.as_deref().unwrap_or_default(),
                event.date.as_deref().unwrap_or("undated")
            )
        });
        let mut casualties = serde_json::Map::new();
        casualties.insert("extension_type".into(), json!("property-extension"));
        for toll in [&linked.record.killed, &linked.record.wounded]
            .into_iter()
            .flatten()
        {
            casualties.insert(toll.field.into(), toll_value(toll));
        }
        let description = format!(
            "{} ({}), {}, {}; {} reports from {} independent sources; perpetrator {}{}.",
            event.kind,
            event.id,
            event.date.as_deref().unwrap_or("undated"),
            [event.place.as_deref(), event.country.as_deref()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(", "),
            linked.reports.len(),
            digest.sources,
            digest.perpetrator,
            if digest.perpetrators.is_empty() {
                String::new()
            } else {
                format!(" ({})", digest.perpetrators.join(", "))
            }
        );
        self.put(json!({
            "type": "incident", "spec_version": "2.1", "id": incident,
            "created_by_ref": self.creator, "created": created, "modified": created,
            "name": name, "description": description,
            "labels": [event.kind.clone()],
            "extensions": { stix_id("extension-definition", CASUALTY_EXTENSION): Value::Object(casualties) },
        }))?;
        if digest.coords.is_some() || event.country.is_some() {
            let location = stix_id("location", &event.id);
            let mut object = json!({
                "type": "location", "spec_version": "2.1", "id": location,
                "created_by_ref": self.creator, "created": created, "modified": created,
            });
            if let Some(place) = &event.place {
                object["name"] = json!(place);
            }
            if let Some((lat, lon)) = digest.coords {
                object["latitude"] = json!((f64::from(lat) * 1e5).round() / 1e5);
                object["longitude"] = json!((f64::from(lon) * 1e5).round() / 1e5);
            }
            if let Some(country) = &event.country {
                object["country"] = json!(country);
            }
            self.put(object)?;
            self.relationship("located-at", &incident, &location, &created)?;
            refs.push(location);
        }
        if linked.record.killed.is_some() || linked.record.wounded.is_some() {
            let note = stix_id("note", &event.id);
            self.put(json!({
                "type": "note", "spec_version": "2.1", "id": note,
                "created_by_ref": self.creator, "created": created, "modified": created,
                "abstract": "Casualty ledger", "authors": ["Dossier"],
                "content": ledger(linked.record.killed.as_ref(), linked.record.wounded.as_ref()),
                "object_refs": [incident],
            }))?;
        }
        for standing in &linked.record.perpetrator.actors {
            // a family (the Islamic State with IS-K) stands together in the
            // record; in STIX each member the reports name is its own actor
            let mut members: std::collections::BTreeMap<String, Vec<String>> =
                std::collections::BTreeMap::new();
            for name in &standing.names {
                // names repeat across events: look each up in the knowledge
                // base once
                let key = self
                    .actor_keys
                    .entry(name.clone())
                    .or_insert_with(|| {
                        match dossier_pipeline::views::find_actors(kb, name).as_slice() {
                            [one] => Some(format!("actor:{}", one.id)),
                            _ => None,
                        }
                    })
                    .clone()
                    .unwrap_or_else(|| standing.actor.clone());
                members.entry(key).or_default().push(name.clone());
            }
            let mut relationships = Vec::new();
            for (key, names) in &members {
                let actor = self.threat_actor(key, names, kb, &created)?;
                relationships.push(self.relationship(
                    "attributed-to",
                    &incident,
                    &actor,
                    &created,
                )?);
                refs.push(actor);
            }
            for claim in standing
                .claims
                .iter()
                .chain(&standing.attributions)
                .chain(&standing.disputes)
            {
                self.opinion(claim, &relationships, &created)?;
            }
        }
        for report in &linked.reports {
            let published = stix_time(report.published.as_deref());
            let mut object = json!({
                "type": "report", "spec_version": "2.1",
                "id": stix_id("report", &report.article.to_string()),
                "created_by_ref": self.creator, "created": published, "modified": published,
                "name": report.title.clone().unwrap_or_else(|| report.article.to_string()),
                "published": published,
                "report_types": ["threat-report"],
                "object_refs": refs,
            });
            let references: Vec<Value> = report
                .seen_at
                .iter()
                .filter(|u| u.starts_with("http"))
                .map(|u| json!({ "source_name": report.outlet.clone().unwrap_or_else(|| "web".into()), "url": u }))
                .collect();
            if !references.is_empty() {
                object["external_references"] = json!(references);
            }
            if let Some(outlet) = &report.outlet {
                let identity = stix_id("identity", &format!("outlet:{outlet}"));
                self.put(json!({
                    "type": "identity", "spec_version": "2.1", "id": identity,
                    "created": stix_time(None), "modified": stix_time(None),
                    "name": outlet, "identity_class": "organization", "sectors": ["communications"],
                }))?;
                object["labels"] = json!([format!("outlet:{outlet}")]);
            }
            self.put(object)?;
        }
        Ok(())
    }

    fn relationship(
        &mut self,
        kind: &str,
        source: &str,
        target: &str,
        created: &str,
    ) -> Result<String, ExportError> {
        let id = stix_id("relationship", &format!("{kind} {source} {target}"));
        self.put(json!({
            "type": "relationship", "spec_version": "2.1", "id": id,
            "created_by_ref": self.creator, "created": created, "modified": created,
            "relationship_type": kind, "source_ref": source, "target_ref": target,
        }))?;
        Ok(id)
    }

    fn threat_actor(
        &mut self,
        key: &str,
        names: &[String],
        kb: &Kb,
        created: &str,
    ) -> Result<String, ExportError> {
        let known = key.strip_prefix("actor:").and_then(|id| kb.actor(id));
        let id = stix_id("threat-actor", key);
        let name = known.map_or_else(
            || names.first().cloned().unwrap_or_else(|| key.to_owned()),
            |a| a.name.clone(),
        );
        let mut aliases: Vec<String> = known.map(|a| a.aliases.clone()).unwrap_or_default();
        for written in names {
            if *written != name && !aliases.contains(written) {
                aliases.push(written.clone());
            }
        }
        let mut object = json!({
            "type": "threat-actor", "spec_version": "2.1", "id": id,
            "created_by_ref": self.creator, "created": created, "modified": created,
            "name": name,
        });
        if !aliases.is_empty() {
            object["aliases"] = json!(aliases);
        }
        if let Some(kind) = known.map(|a| a.kind.name()) {
            object["labels"] = json!([kind]);
        }
        self.put(object)?;
        Ok(id)
    }

    /// A claim as an opinion on the attribution it bears on: a claim or an
    /// attribution agrees (strongly when not hedged), a denial disagrees
    /// strongly, a dispute disagrees, a plain statement is neutral.
    fn opinion(
        &mut self,
        claim: &ClaimRef,
        relationships: &[String],
        created: &str,
    ) -> Result<(), ExportError> {
        let hedged = !claim.hedges.is_empty();
        let opinion = match (claim.kind, claim.stance) {
            (ClaimKind::Denial, _) | (_, Stance::Denies) => "strongly-disagree",
            (_, Stance::Disputes) => "disagree",
            (ClaimKind::Statement, _) => "neutral",
            _ if hedged => "agree",
            _ => "strongly-agree",
        };
        let speaker = claim
            .speaker
            .clone()
            .unwrap_or_else(|| "the article".to_owned());
        let mut explanation = format!(
            "{} ({}): \u{201c}{}\u{201d}",
            speaker,
            claim.kind.name(),
            claim.quote
        );
        if hedged {
            explanation.push_str(&format!(" [hedged: {}]", claim.hedges.join(", ")));
        }
        if let Some(channel) = &claim.channel {
            explanation.push_str(&format!(" [via {channel}]"));
        }
        self.put(json!({
            "type": "opinion", "spec_version": "2.1",
            "id": stix_id("opinion", &format!("{} {}", claim.id, relationships.join(" "))),
            "created_by_ref": self.creator, "created": created, "modified": created,
            "opinion": opinion, "authors": [speaker], "explanation": explanation,
            "object_refs": relationships,
            "external_references": [{
                "source_name": "dossier",
                "external_id": claim.id,
                "description": format!("article {} bytes {}..{}", claim.article, claim.sentence.start(), claim.sentence.end()),
            }],
        }))
    }
}

fn toll_value(toll: &TollRecord) -> Value {
    let c = &toll.consensus;
    let mut value = json!({
        "ucdp_low": c.ucdp_low, "ucdp_best": c.ucdp_best, "ucdp_high": c.ucdp_high,
        "acled": c.acled, "gtd": c.gtd, "contested": toll.contested,
    });
    if let Some(as_of) = &c.as_of {
        value["as_of"] = json!(as_of);
    }
    value
}

/// The casualty series as text, one line per figure.
fn ledger(killed: Option<&TollRecord>, wounded: Option<&TollRecord>) -> String {
    let mut lines = Vec::new();
    for toll in [killed, wounded].into_iter().flatten() {
        let c = &toll.consensus;
        lines.push(format!(
            "{}: UCDP {}/{}/{}, ACLED {}, GTD {}{}{}",
            toll.field,
            c.ucdp_low,
            c.ucdp_best,
            c.ucdp_high,
            c.acled,
            c.gtd,
            c.as_of
                .as_deref()
                .map(|d| format!(", as of {d}"))
                .unwrap_or_default(),
            if toll.contested { " (contested)" } else { "" }
        ));
        for point in &toll.series {
            lines.push(format!(
                "  {} — {} — {}",
                point.as_of.as_deref().unwrap_or("earlier"),
                point.label,
                point.sources.join(", ")
            ));
        }
    }
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_rfc4122_shaped_and_stable() {
        let id = stix_id("incident", "ev1");
        assert_eq!(id, stix_id("incident", "ev1"));
        assert_ne!(id, stix_id("incident", "ev2"));
        let uuid = id.strip_prefix("incident--").unwrap();
        let parts: Vec<&str> = uuid.split('-').collect();
        assert_eq!(
            parts.iter().map(|p| p.len()).collect::<Vec<_>>(),
            [8, 4, 4, 4, 12]
        );
        assert!(parts[2].starts_with('4'));
        assert!(matches!(parts[3].as_bytes()[0], b'8' | b'9' | b'a' | b'b'));
    }

    #[test]
    fn times_are_utc_milliseconds() {
        assert_eq!(
            stix_time(Some("2024-03-22T18:05:00+03:00")),
            "2024-03-22T15:05:00.000Z"
        );
        assert_eq!(stix_time(Some("2024-03")), "2024-03-01T00:00:00.000Z");
        assert_eq!(stix_time(Some("garbage")), "1970-01-01T00:00:00.000Z");
        assert_eq!(stix_time(None), "1970-01-01T00:00:00.000Z");
    }
}
