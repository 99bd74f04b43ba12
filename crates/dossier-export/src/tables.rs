//! Parquet: the record as five tables in one folder — `events`,
//! `assertions` (every value of every field and every casualty figure, one
//! row per article stating it, with its provenance), `claims`, `articles`
//! and `actors` — for DuckDB, pandas/pyarrow, R (arrow) and Spark.
//!
//! Tables are written as the events stream past, a row group per
//! [`ROWS_PER_GROUP`] events, so memory stays flat however many events are
//! exported; articles and actors are written at the end, once each.

use std::collections::{BTreeMap, BTreeSet};
use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use arrow_array::builder::{
    ArrayBuilder, Float32Builder, ListBuilder, StringBuilder, UInt32Builder, UInt64Builder,
};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema};
use dossier_kb::Kb;
use dossier_link::record::{Assertion, TollRecord};
use dossier_pipeline::TollBrief;
use dossier_pipeline::views::{EventDossier, quote_pieces};
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;

use crate::ExportError;

/// Events per row group.
pub(crate) const ROWS_PER_GROUP: usize = 1024;

/// A column under construction.
enum Column {
    Text(StringBuilder),
    Texts(ListBuilder<StringBuilder>),
    U32(UInt32Builder),
    U64(UInt64Builder),
    F32(Float32Builder),
}

impl Column {
    fn new(kind: &DataType) -> Self {
        match kind {
            DataType::Utf8 => Column::Text(StringBuilder::new()),
            DataType::UInt32 => Column::U32(UInt32Builder::new()),
            DataType::UInt64 => Column::U64(UInt64Builder::new()),
            DataType::Float32 => Column::F32(Float32Builder::new()),
            _ => Column::Texts(ListBuilder::new(StringBuilder::new())),
        }
    }

    fn finish(&mut self) -> ArrayRef {
        match self {
            Column::Text(b) => Arc::new(b.finish()),
            Column::Texts(b) => Arc::new(b.finish()),
            Column::U32(b) => Arc::new(b.finish()),
            Column::U64(b) => Arc::new(b.finish()),
            Column::F32(b) => Arc::new(b.finish()),
        }
    }

    fn len(&self) -> usize {
        match self {
            Column::Text(b) => b.len(),
            Column::Texts(b) => b.len(),
            Column::U32(b) => b.len(),
            Column::U64(b) => b.len(),
            Column::F32(b) => b.len(),
        }
    }
}

/// A value for a column; `None` is null.
enum Cell<'a> {
    Text(Option<&'a str>),
    Texts(&'a [String]),
    U32(Option<u32>),
    U64(Option<u64>),
    F32(Option<f32>),
}

/// One table: its schema, the rows not yet written, and its file.
struct Table {
    schema: Arc<Schema>,
    columns: Vec<Column>,
    writer: ArrowWriter<File>,
    rows: u64,
}

impl Table {
    fn create(
        dir: &Path,
        name: &str,
        fields: &[(&str, DataType, bool)],
    ) -> Result<Self, ExportError> {
        let schema = Arc::new(Schema::new(
            fields
                .iter()
                .map(|(name, kind, nullable)| Field::new(*name, kind.clone(), *nullable))
                .collect::<Vec<_>>(),
        ));
        let file = File::create(dir.join(format!("{name}.parquet")))?;
        let properties = WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .set_created_by(format!("dossier {}", env!("CARGO_PKG_VERSION")))
            .build();
        let writer = ArrowWriter::try_new(file, Arc::clone(&schema), Some(properties))?;
        let columns = schema
            .fields()
            .iter()
            .map(|f| Column::new(f.data_type()))
            .collect();
        Ok(Self {
            schema,
            columns,
            writer,
            rows: 0,
        })
    }

    fn push(&mut self, cells: &[Cell<'_>]) {
        debug_assert_eq!(cells.len(), self.columns.len());
        for (column, cell) in self.columns.iter_mut().zip(cells) {
            match (column, cell) {
                (Column::Text(b), Cell::Text(v)) => b.append_option(*v),
                (Column::Texts(b), Cell::Texts(v)) => {
                    for item in *v {
                        b.values().append_value(item);
                    }
                    b.append(true);
                }
                (Column::U32(b), Cell::U32(v)) => b.append_option(*v),
                (Column::U64(b), Cell::U64(v)) => b.append_option(*v),
                (Column::F32(b), Cell::F32(v)) => b.append_option(*v),
                // the schemas below and their rows are written side by side
                _ => unreachable!("a cell of the wrong type for its column"),
            }
        }
        self.rows += 1;
    }

    fn flush(&mut self) -> Result<(), ExportError> {
        if self.columns.first().is_none_or(|c| c.len() == 0) {
            return Ok(());
        }
        let arrays: Vec<ArrayRef> = self.columns.iter_mut().map(Column::finish).collect();
        let batch = RecordBatch::try_new(Arc::clone(&self.schema), arrays)?;
        self.writer.write(&batch)?;
        self.writer.flush()?;
        Ok(())
    }

    fn close(mut self) -> Result<u64, ExportError> {
        self.flush()?;
        self.writer.close()?;
        Ok(self.rows)
    }
}

fn texts() -> DataType {
    DataType::List(Arc::new(Field::new("item", DataType::Utf8, true)))
}

/// Rows written per table.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct TableCounts {
    /// Events.
    pub events: u64,
    /// Assertions (field values and casualty figures, per article).
    pub assertions: u64,
    /// Claims.
    pub claims: u64,
    /// Articles reporting the exported events.
    pub articles: u64,
    /// Actors named by the exported events.
    pub actors: u64,
}

/// The five tables being written into one folder.
pub(crate) struct Tables {
    dir: PathBuf,
    events: Table,
    assertions: Table,
    claims: Table,
    articles: BTreeMap<String, ArticleRow>,
    actors: BTreeSet<String>,
    pending: usize,
}

struct ArticleRow {
    title: Option<String>,
    outlet: Option<String>,
    published: Option<String>,
    seen_at: Vec<String>,
}

impl Tables {
    /// Creates the folder's table files.
    pub(crate) fn create(dir: &Path) -> Result<Self, ExportError> {
        std::fs::create_dir_all(dir)?;
        let text = DataType::Utf8;
        let events = Table::create(
            dir,
            "events",
            &[
                ("id", text.clone(), false),
                ("kind", text.clone(), false),
                ("date", text.clone(), true),
                ("country", text.clone(), true),
                ("place", text.clone(), true),
                ("latitude", DataType::Float32, true),
                ("longitude", DataType::Float32, true),
                ("title", text.clone(), true),
                ("reports", DataType::UInt32, false),
                ("articles", DataType::UInt32, false),
                ("sources", DataType::UInt32, false),
                ("killed_low", DataType::UInt64, true),
                ("killed_best", DataType::UInt64, true),
                ("killed_high", DataType::UInt64, true),
                ("killed_acled", DataType::UInt64, true),
                ("killed_gtd", DataType::UInt64, true),
                ("killed_as_of", text.clone(), true),
                ("wounded_low", DataType::UInt64, true),
                ("wounded_best", DataType::UInt64, true),
                ("wounded_high", DataType::UInt64, true),
                ("wounded_acled", DataType::UInt64, true),
                ("wounded_gtd", DataType::UInt64, true),
                ("wounded_as_of", text.clone(), true),
                ("contested", texts(), false),
                ("perpetrator_status", text.clone(), false),
                ("perpetrators", texts(), false),
            ],
        )?;
        let assertions = Table::create(
            dir,
            "assertions",
            &[
                ("event_id", text.clone(), false),
                ("field", text.clone(), false),
                ("value", text.clone(), false),
                ("label", text.clone(), false),
                ("as_of", text.clone(), true),
                ("low", DataType::UInt64, true),
                ("high", DataType::UInt64, true),
                ("text", text.clone(), false),
                ("article_id", text.clone(), false),
                ("mention_id", text.clone(), false),
                ("outlet", text.clone(), true),
                ("published", text.clone(), true),
                ("span_start", DataType::UInt32, false),
                ("span_end", DataType::UInt32, false),
                ("sentence_start", DataType::UInt32, false),
                ("sentence_end", DataType::UInt32, false),
                ("quote", text.clone(), false),
                ("source", text.clone(), false),
                ("copy_of", text.clone(), true),
                ("extractor", text.clone(), false),
                ("confidence", DataType::Float32, false),
            ],
        )?;
        let claims = Table::create(
            dir,
            "claims",
            &[
                ("id", text.clone(), false),
                ("event_id", text.clone(), false),
                ("mention_id", text.clone(), true),
                ("article_id", text.clone(), false),
                ("kind", text.clone(), false),
                ("stance", text.clone(), false),
                ("speaker", text.clone(), true),
                ("speaker_entity", text.clone(), true),
                ("about", text.clone(), true),
                ("about_entity", text.clone(), true),
                ("hedges", texts(), false),
                ("channel", text.clone(), true),
                ("framing", text.clone(), true),
                ("cue", text.clone(), false),
                ("content", text.clone(), false),
                ("sentence_start", DataType::UInt32, false),
                ("sentence_end", DataType::UInt32, false),
                ("quote", text.clone(), false),
                ("extractor", text.clone(), false),
                ("confidence", DataType::Float32, false),
            ],
        )?;
        Ok(Self {
            dir: dir.to_owned(),
            events,
            assertions,
            claims,
            articles: BTreeMap::new(),
            actors: BTreeSet::new(),
            pending: 0,
        })
    }

    /// Adds one event's rows.
    pub(crate) fn add(&mut self, dossier: &EventDossier) -> Result<(), ExportError> {
        let linked = &dossier.linked;
        let event = &linked.event;
        let digest = &dossier.digest;
        let brief = |t: Option<&TollBrief>, f: fn(&TollBrief) -> u64| t.map(f);
        let consensus = |t: Option<&TollRecord>, f: fn(&TollRecord) -> u64| t.map(f);
        let killed = digest.killed.as_ref();
        let wounded = digest.wounded.as_ref();
        let record = &linked.record;
        let articles = u32::try_from(
            linked
                .reports
                .iter()
                .map(|r| r.article)
                .collect::<BTreeSet<_>>()
                .len(),
        )
        .unwrap_or(u32::MAX);
        self.events.push(&[
            Cell::Text(Some(&event.id)),
            Cell::Text(Some(&event.kind)),
            Cell::Text(event.date.as_deref()),
            Cell::Text(event.country.as_deref()),
            Cell::Text(event.place.as_deref()),
            Cell::F32(digest.coords.map(|c| c.0)),
            Cell::F32(digest.coords.map(|c| c.1)),
            Cell::Text(digest.title.as_deref()),
            Cell::U32(Some(event.members)),
            Cell::U32(Some(articles)),
            Cell::U32(Some(u32::try_from(digest.sources).unwrap_or(u32::MAX))),
            Cell::U64(brief(killed, |t| t.low)),
            Cell::U64(brief(killed, |t| t.best)),
            Cell::U64(brief(killed, |t| t.high)),
            Cell::U64(consensus(record.killed.as_ref(), |t| t.consensus.acled)),
            Cell::U64(consensus(record.killed.as_ref(), |t| t.consensus.gtd)),
            Cell::Text(killed.and_then(|t| t.as_of.as_deref())),
            Cell::U64(brief(wounded, |t| t.low)),
            Cell::U64(brief(wounded, |t| t.best)),
            Cell::U64(brief(wounded, |t| t.high)),
            Cell::U64(consensus(record.wounded.as_ref(), |t| t.consensus.acled)),
            Cell::U64(consensus(record.wounded.as_ref(), |t| t.consensus.gtd)),
            Cell::Text(wounded.and_then(|t| t.as_of.as_deref())),
            Cell::Texts(&digest.contested),
            Cell::Text(Some(&digest.perpetrator)),
            Cell::Texts(&digest.perpetrators),
        ]);
        for field in &record.fields {
            for value in &field.values {
                if value.value.starts_with("actor:") {
                    self.actors.insert(value.value.clone());
                }
                for a in &value.assertions {
                    self.assertion(&event.id, field.field, &value.value, &value.label, None, a);
                }
            }
        }
        for toll in record.killed.iter().chain(&record.wounded) {
            for point in &toll.series {
                for a in &point.assertions {
                    let figure = (point.as_of.as_deref(), point.low, point.high);
                    self.assertion(
                        &event.id,
                        toll.field,
                        &point.low.to_string(),
                        &point.label,
                        Some(figure),
                        a,
                    );
                }
            }
        }
        for stored in &dossier.claims {
            let claim = &stored.claim;
            let text = &stored.text;
            let entity = |part: &Option<dossier_model::ClaimPart>| {
                part.as_ref()
                    .and_then(|p| p.entity.as_ref())
                    .map(|e| e.as_str().to_owned())
            };
            for key in [entity(&claim.speaker), entity(&claim.about)]
                .into_iter()
                .flatten()
            {
                if key.starts_with("actor:") {
                    self.actors.insert(key);
                }
            }
            let hedges: Vec<String> = claim.hedges.iter().map(|h| h.text.clone()).collect();
            let article = stored.article.to_string();
            let speaker_entity = entity(&claim.speaker);
            let about_entity = entity(&claim.about);
            self.claims.push(&[
                Cell::Text(Some(&stored.id)),
                Cell::Text(Some(&event.id)),
                Cell::Text(stored.event.as_deref()),
                Cell::Text(Some(&article)),
                Cell::Text(Some(claim.kind.name())),
                Cell::Text(Some(claim.stance.name())),
                Cell::Text(claim.speaker.as_ref().map(|s| s.text.as_str())),
                Cell::Text(speaker_entity.as_deref()),
                Cell::Text(claim.about.as_ref().map(|s| s.text.as_str())),
                Cell::Text(about_entity.as_deref()),
                Cell::Texts(&hedges),
                Cell::Text(claim.channel.as_ref().map(|s| s.text.as_str())),
                Cell::Text(claim.framing.as_ref().map(|f| f.stance.name())),
                Cell::Text(Some(&quote_pieces(text, &claim.attribution.cue))),
                Cell::Text(Some(&quote_pieces(text, &claim.attribution.content))),
                Cell::U32(Some(claim.sentence.start())),
                Cell::U32(Some(claim.sentence.end())),
                Cell::Text(Some(&quote_pieces(text, &[claim.sentence]))),
                Cell::Text(Some(&claim.extractor.to_string())),
                Cell::F32(Some(claim.confidence)),
            ]);
        }
        for report in &linked.reports {
            self.articles
                .entry(report.article.to_string())
                .or_insert_with(|| ArticleRow {
                    title: report.title.clone(),
                    outlet: report.outlet.clone(),
                    published: report.published.clone(),
                    seen_at: report.seen_at.clone(),
                });
        }
        self.pending += 1;
        if self.pending >= ROWS_PER_GROUP {
            self.pending = 0;
            self.events.flush()?;
            self.assertions.flush()?;
            self.claims.flush()?;
        }
        Ok(())
    }

    fn assertion(
        &mut self,
        event: &str,
        field: &str,
        value: &str,
        label: &str,
        figure: Option<(Option<&str>, u64, Option<u64>)>,
        a: &Assertion,
    ) {
        self.assertions.push(&[
            Cell::Text(Some(event)),
            Cell::Text(Some(field)),
            Cell::Text(Some(value)),
            Cell::Text(Some(label)),
            Cell::Text(figure.and_then(|f| f.0)),
            Cell::U64(figure.map(|f| f.1)),
            Cell::U64(figure.and_then(|f| f.2)),
            Cell::Text(Some(&a.text)),
            Cell::Text(Some(&a.article)),
            Cell::Text(Some(&a.mention)),
            Cell::Text(a.outlet.as_deref()),
            Cell::Text(a.published.as_deref()),
            Cell::U32(Some(a.span.start())),
            Cell::U32(Some(a.span.end())),
            Cell::U32(Some(a.sentence.start())),
            Cell::U32(Some(a.sentence.end())),
            Cell::Text(Some(&a.quote)),
            Cell::Text(Some(&a.source)),
            Cell::Text(a.copy_of.as_deref()),
            Cell::Text(Some(&a.extractor)),
            Cell::F32(Some(a.confidence)),
        ]);
    }

    /// Writes the articles and actors tables and closes every file.
    pub(crate) fn finish(self, kb: &Kb) -> Result<TableCounts, ExportError> {
        let text = DataType::Utf8;
        let mut articles = Table::create(
            &self.dir,
            "articles",
            &[
                ("id", text.clone(), false),
                ("title", text.clone(), true),
                ("outlet", text.clone(), true),
                ("published", text.clone(), true),
                ("seen_at", texts(), false),
            ],
        )?;
        for (id, row) in &self.articles {
            articles.push(&[
                Cell::Text(Some(id)),
                Cell::Text(row.title.as_deref()),
                Cell::Text(row.outlet.as_deref()),
                Cell::Text(row.published.as_deref()),
                Cell::Texts(&row.seen_at),
            ]);
        }
        let mut actors = Table::create(
            &self.dir,
            "actors",
            &[
                ("id", text.clone(), false),
                ("name", text.clone(), false),
                ("kind", text.clone(), false),
                ("country", text.clone(), true),
                ("aliases", texts(), false),
                ("parents", texts(), false),
            ],
        )?;
        for key in &self.actors {
            let Some(actor) = kb.actor(key.trim_start_matches("actor:")) else {
                continue;
            };
            let parents: Vec<String> = actor
                .relations
                .iter()
                .map(|r| format!("{} {}", r.kind.name(), r.target))
                .collect();
            actors.push(&[
                Cell::Text(Some(key)),
                Cell::Text(Some(&actor.name)),
                Cell::Text(Some(actor.kind.name())),
                Cell::Text(actor.country.as_deref()),
                Cell::Texts(&actor.aliases),
                Cell::Texts(&parents),
            ]);
        }
        Ok(TableCounts {
            events: self.events.close()?,
            assertions: self.assertions.close()?,
            claims: self.claims.close()?,
            articles: articles.close()?,
            actors: actors.close()?,
        })
    }
}
