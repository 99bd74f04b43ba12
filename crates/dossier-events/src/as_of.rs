//! The date a casualty figure is as of. A toll is a snapshot: "139 killed as
//! of 25 March", "officials said on Sunday", "when the FSB first spoke of 40
//! dead" on Friday night. Without such a clue a figure is as of the report
//! itself — its publication date — and an earlier figure whose date the text
//! does not give ("up from 137", "earlier figures put the dead at 40") has
//! none.

use chrono::NaiveDate;
use dossier_nlp::timex::TimeExpression;

use crate::doc::Doc;

/// Verbs after which a date is when the figure was given: "said on Sunday".
const GIVEN: &[&str] = &[
    "announced",
    "confirmed",
    "given",
    "published",
    "reported",
    "reporting",
    "said",
    "stated",
    "told",
    "updated",
    "заявил",
    "сообщил",
    "сообщили",
    "сообщает",
];

/// Words saying the figure is older than the report.
const EARLIER: &[&str] = &[
    "earlier",
    "first",
    "initial",
    "initially",
    "original",
    "previously",
    "ранее",
    "первоначально",
];

/// The as-of date of the figure at token `figure` of `sentence`.
pub(crate) fn as_of(
    doc: &Doc<'_>,
    figure: usize,
    sentence: usize,
    times: &[TimeExpression],
    published: Option<NaiveDate>,
) -> Option<NaiveDate> {
    let (start, end) = doc.sentence_tokens[sentence];
    // "up from 137": an earlier figure, its date not given.
    if figure > start && doc.word(figure - 1) == "from" {
        return None;
    }
    let token_of = |t: &TimeExpression| {
        doc.tokens
            .partition_point(|tok| tok.span.start() < t.span.start())
    };
    let times_of = |sentence: usize| -> Vec<(usize, &TimeExpression)> {
        let span = doc.sentence(sentence);
        times
            .iter()
            .filter(|t| span.start() <= t.span.start() && t.span.end() <= span.end())
            .map(|t| (token_of(t), t))
            .collect()
    };
    let in_sentence = times_of(sentence);
    let distance = |token: usize| token.abs_diff(figure);
    // "as of 25 March", "by Saturday morning", "said on Sunday".
    let anchored_in = |candidates: &[(usize, &TimeExpression)]| -> Option<Option<NaiveDate>> {
        candidates
            .iter()
            .filter(|(token, _)| {
                let before = |n: usize| token.checked_sub(n).map_or("", |at| doc.word(at));
                (before(1) == "of" && before(2) == "as")
                    || (before(1) == "на" && before(2) == "состоянию")
                    || before(1) == "by"
                    || (1..=3).any(|n| GIVEN.contains(&before(n)))
            })
            .min_by_key(|(token, _)| distance(*token))
            .map(|(_, time)| time.date)
    };
    if let Some(date) = anchored_in(&in_sentence) {
        return date;
    }
    // The next sentence may date it by referring back: "This figure was
    // given as of 25 March", "Об этом заявил …, по состоянию на 25 марта".
    if sentence + 1 < doc.sentences.len() {
        let (next, _) = doc.sentence_tokens[sentence + 1];
        if matches!(
            doc.word(next),
            "this" | "these" | "that" | "об" | "эти" | "это"
        ) && let Some(date) = anchored_in(&times_of(sentence + 1))
        {
            return date;
        }
    }
    if (start..end).any(|at| EARLIER.contains(&doc.word(at))) {
        return in_sentence
            .iter()
            .min_by_key(|(token, _)| distance(*token))
            .and_then(|(_, time)| time.date);
    }
    published
}
