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
];

/// Words saying the figure is older than the report.
const EARLIER: &[&str] = &[
    "earlier",
    "first",
    "initial",
    "initially",
    "original",
    "previously",
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
    let span = doc.sentence(sentence);
    let in_sentence: Vec<(usize, &TimeExpression)> = times
        .iter()
        .filter(|t| span.start() <= t.span.start() && t.span.end() <= span.end())
        .map(|t| (token_of(t), t))
        .collect();
    let distance = |token: usize| token.abs_diff(figure);
    // "as of 25 March", "by Saturday morning", "said on Sunday".
    let anchored = in_sentence
        .iter()
        .filter(|(token, _)| {
            let before = |n: usize| token.checked_sub(n).map_or("", |at| doc.word(at));
            (before(1) == "of" && before(2) == "as")
                || before(1) == "by"
                || (1..=3).any(|n| GIVEN.contains(&before(n)))
        })
        .min_by_key(|(token, _)| distance(*token));
    if let Some((_, time)) = anchored {
        return time.date;
    }
    if (start..end).any(|at| EARLIER.contains(&doc.word(at))) {
        return in_sentence
            .iter()
            .min_by_key(|(token, _)| distance(*token))
            .and_then(|(_, time)| time.date);
    }
    published
}
