use std::panic::{AssertUnwindSafe, catch_unwind};

use dossier_ingest::{RawDocument, build_article};
use dossier_model::Outcome;
use rayon::prelude::*;

use crate::Pipeline;

/// Runs raw documents through extraction and a [`Pipeline`].
///
/// Per-article work is a pure function of the document, so batches run in
/// parallel; results keep input order, so output does not depend on thread
/// timing. A panic inside extraction or a component is a bug, but it costs
/// only that document: it is caught and reported as a failure (`D399`) and the
/// batch goes on.
#[derive(Debug)]
pub struct Runner {
    pipeline: Pipeline,
}

impl Runner {
    /// A runner over a checked pipeline.
    #[must_use]
    pub fn new(pipeline: Pipeline) -> Self {
        Self { pipeline }
    }

    /// The pipeline it runs.
    #[must_use]
    pub fn pipeline(&self) -> &Pipeline {
        &self.pipeline
    }

    /// Extracts and annotates one document.
    #[must_use]
    pub fn process(&self, raw: RawDocument) -> Outcome {
        let input = raw.source.to_string();
        let result = catch_unwind(AssertUnwindSafe(|| match build_article(raw) {
            Outcome::Kept(mut article) => match self.pipeline.run(&mut article) {
                Ok(()) => Outcome::Kept(article),
                Err(err) => Outcome::Failed {
                    input: article.source.to_string(),
                    code: "D300".to_owned(),
                    message: err.to_string(),
                },
            },
            other => other,
        }));
        result.unwrap_or_else(|panic| Outcome::Failed {
            input,
            code: "D399".to_owned(),
            message: format!(
                "internal error while processing (please report it): {}",
                panic_message(panic.as_ref())
            ),
        })
    }

    /// Extracts and annotates a batch in parallel; outcomes are in input order.
    #[must_use]
    pub fn process_batch(&self, batch: Vec<RawDocument>) -> Vec<Outcome> {
        batch.into_par_iter().map(|raw| self.process(raw)).collect()
    }
}

fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    if let Some(text) = panic.downcast_ref::<&str>() {
        (*text).to_owned()
    } else if let Some(text) = panic.downcast_ref::<String>() {
        text.clone()
    } else {
        "unknown panic".to_owned()
    }
}
