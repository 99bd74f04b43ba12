//! Attribution relations: a cue, its source and its content, found by rules
//! over tokens and sentences.
//!
//! The rules follow how news English arranges reported speech:
//! - preposed: "Officials said (that) C", "X told reporters C", "X said: “C”";
//! - postposed: "“C,” X said", "C, X said", "“C,” said X", with the quote
//!   continued after the cue ("“C1,” he said, “C2.”") or in the next sentence;
//! - "according to X, C" and "C, according to X";
//! - speakerless: "it is believed", "was attributed to", "reportedly".
//!
//! Each token belongs to at most one attribution: a cue inside the content
//! of an earlier one is part of that content.

use std::borrow::Cow;

use dossier_model::{Attribution, ByteSpan};
use dossier_nlp::tokens::{Tok, TokenKind};

use crate::lexicon::{ClaimLexicon, Cue, Frame};

/// An attribution with the token ranges it was built from.
#[derive(Clone, Debug)]
pub(crate) struct Found<'l> {
    /// Cue tokens `[start, end)`.
    pub(crate) cue: (usize, usize),
    /// Source tokens.
    pub(crate) source: Option<(usize, usize)>,
    /// Content pieces, in text order.
    pub(crate) content: Vec<(usize, usize)>,
    /// The sentence of the cue.
    pub(crate) sentence: usize,
    /// The lexicon entry.
    pub(crate) entry: &'l Cue,
}

/// Words that end a speaker phrase when scanning back from the cue.
const CLAUSE_WORDS: &[&str] = &[
    "that", "but", "while", "because", "when", "after", "before", "if", "though", "although",
    "since", "where", "whereas", "unless", "until", "so", "then", "as", "despite",
];

/// Words that open a sentence with a subordinate clause.
const SUBORDINATORS: &[&str] = &[
    "despite", "although", "though", "while", "whereas", "because", "since", "if", "unless",
    "after", "as",
];

/// Auxiliaries and adverbs that belong to the cue ("has also said").
const CUE_PREFIX: &[&str] = &[
    "has",
    "have",
    "had",
    "is",
    "are",
    "was",
    "were",
    "will",
    "would",
    "could",
    "also",
    "later",
    "previously",
    "earlier",
    "repeatedly",
    "then",
    "again",
    "once",
    "already",
    "even",
    "often",
    "publicly",
    "privately",
    "recently",
    "initially",
    "first",
    "still",
    "further",
    "did",
    "does",
    "do",
    "been",
    "be",
    "being",
    "might",
    "may",
    "must",
    "should",
    "can",
    "just",
    "now",
];

/// Words after which a cue form is a noun, not a verb ("the state",
/// "his remarks", "new reports").
const NOUN_BEFORE: &[&str] = &[
    "the", "a", "an", "his", "her", "their", "its", "our", "my", "your", "this", "these", "those",
    "that", "new", "such", "no", "any", "some", "many", "several", "of", "to", "own",
];

/// Nouns that make a compound with a following "show", "call" or "report"
/// ("talk show", "conference call", "news reports").
const COMPOUND_BEFORE: &[&str] = &[
    "talk",
    "radio",
    "tv",
    "television",
    "morning",
    "news",
    "game",
    "reality",
    "cable",
    "roll",
    "conference",
    "phone",
    "press",
    "fundraising",
    "finance",
    "disclosure",
    "media",
    "night",
    "late-night",
    "sunday",
    "policy",
    "police",
    "credit",
    "earnings",
    "court",
    "wake-up",
    "curtain",
    "judgment",
    "close",
];

/// Cue forms that are nouns as often as verbs.
const AMBIGUOUS: &[&str] = &[
    "state",
    "states",
    "report",
    "reports",
    "note",
    "notes",
    "question",
    "questions",
    "claim",
    "claims",
    "fear",
    "fears",
    "hope",
    "hopes",
    "remarks",
    "show",
    "shows",
    "find",
    "finds",
    "want",
    "call",
    "calls",
    "tweet",
    "tweets",
    "warning",
    "promise",
    "promises",
    "pledge",
    "pledges",
    "vow",
    "vows",
    "dispute",
    "disputes",
    "stress",
    "reply",
    "replies",
    "respond",
    "recall",
    "recalls",
    "add",
    "know",
    "think",
    "believe",
    "say",
    "tell",
    "ask",
    "write",
    "expect",
    "agree",
    "found",
    "suggest",
    "argue",
    "predict",
    "affirm",
    "confirm",
    "deny",
    "reject",
    "dismiss",
    "blame",
    "accuse",
    "admit",
];

/// Prepositions and adverbs that may follow a postposed cue ("…, he said on
/// Thursday").
const AFTER_POSTPOSED: &[&str] = &[
    "on",
    "in",
    "at",
    "during",
    "after",
    "before",
    "last",
    "earlier",
    "later",
    "yesterday",
    "today",
    "tonight",
    "this",
    "via",
    "through",
    "from",
    "to",
    "about",
    "of",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "recently",
    "when",
    "as",
    "while",
    "with",
    "before",
    "in",
    "afterward",
    "afterwards",
    "then",
    "again",
    "also",
    "privately",
    "publicly",
    "repeatedly",
    "simply",
    "flatly",
];

/// Words that open a hearer phrase after "told".
const HEARERS: &[&str] = &[
    "me",
    "him",
    "her",
    "us",
    "them",
    "you",
    "reporters",
    "journalists",
    "supporters",
    "lawmakers",
    "voters",
    "the",
    "a",
    "an",
    "his",
    "her",
    "their",
    "its",
    "our",
    "members",
    "congress",
    "senators",
    "donors",
    "students",
    "interviewers",
    "cnn",
    "fox",
    "msnbc",
    "abc",
    "cbs",
    "nbc",
    "politico",
    "breitbart",
];

/// The tokens of a text with what the rules ask of them.
pub(crate) struct Tokens<'a> {
    pub(crate) text: &'a str,
    pub(crate) tokens: &'a [Tok],
    pub(crate) lower: Vec<Cow<'a, str>>,
    /// Token range of each sentence.
    pub(crate) sentences: Vec<(usize, usize)>,
    /// Whether each token lies inside a double-quoted passage (quotes do
    /// not run past the end of a paragraph).
    pub(crate) quoted: Vec<bool>,
}

impl<'a> Tokens<'a> {
    pub(crate) fn new(text: &'a str, tokens: &'a [Tok], sentences: &[ByteSpan]) -> Self {
        // Most words are lower case already: borrow those.
        let lower = tokens
            .iter()
            .map(|t| {
                let word = &text[t.span];
                if word.chars().any(char::is_uppercase) {
                    Cow::Owned(word.to_lowercase())
                } else {
                    Cow::Borrowed(word)
                }
            })
            .collect();
        let mut ranges = Vec::with_capacity(sentences.len());
        let mut next = 0;
        for sentence in sentences {
            let start =
                next + tokens[next..].partition_point(|t| t.span.start() < sentence.start());
            let end = start + tokens[start..].partition_point(|t| t.span.start() < sentence.end());
            ranges.push((start, end));
            next = end;
        }
        let mut toks = Self {
            text,
            tokens,
            lower,
            sentences: ranges,
            quoted: Vec::new(),
        };
        toks.quoted = toks.quoted_tokens();
        toks
    }

    /// Which tokens lie between an opening and a closing double quote of the
    /// same paragraph.
    fn quoted_tokens(&self) -> Vec<bool> {
        let mut quoted = vec![false; self.tokens.len()];
        let mut open = false;
        let mut prev_end = 0;
        for (i, tok) in self.tokens.iter().enumerate() {
            let start = tok.span.start() as usize;
            if self.text[prev_end..start].contains('\n') {
                open = false;
            }
            prev_end = tok.span.end() as usize;
            if self.double_quote(i) {
                if self.opens_quote(i) {
                    open = true;
                } else if self.closes_quote(i) {
                    open = false;
                }
                continue;
            }
            quoted[i] = open;
        }
        quoted
    }

    /// Whether token `index` is a double quote mark (or half of `''`).
    fn double_quote(&self, index: usize) -> bool {
        match self.raw(index) {
            "“" | "”" | "\"" | "«" | "»" | "„" => true,
            "'" => {
                let start = self.tokens[index].span.start() as usize;
                self.text[start + 1..].starts_with('\'') || self.text[..start].ends_with('\'')
            }
            _ => false,
        }
    }

    pub(crate) fn word(&self, index: usize) -> &str {
        self.lower.get(index).map_or("", |w| w)
    }

    fn raw(&self, index: usize) -> &str {
        self.tokens.get(index).map_or("", |t| &self.text[t.span])
    }

    pub(crate) fn is_capitalised(&self, index: usize) -> bool {
        self.capitalised(index)
    }

    fn capitalised(&self, index: usize) -> bool {
        self.tokens.get(index).is_some_and(|t| t.capitalised)
    }

    fn is_punct(&self, index: usize) -> bool {
        self.tokens
            .get(index)
            .is_none_or(|t| t.kind == TokenKind::Punct)
    }

    /// Whether token `index` opens a quotation.
    pub(crate) fn opens_quote(&self, index: usize) -> bool {
        match self.raw(index) {
            "“" | "«" | "„" | "‘" => true,
            "\"" | "'" => {
                let start = self.tokens[index].span.start() as usize;
                let before = self.text[..start].chars().next_back();
                let after = self.text[start + 1..].chars().next();
                before.is_none_or(|c| c.is_whitespace() || "([{—–-".contains(c))
                    && after.is_some_and(|c| !c.is_whitespace())
            }
            _ => false,
        }
    }

    /// Whether token `index` closes a quotation.
    pub(crate) fn closes_quote(&self, index: usize) -> bool {
        match self.raw(index) {
            "”" | "»" | "’" => true,
            "\"" => !self.opens_quote(index),
            "'" => {
                let start = self.tokens[index].span.start() as usize;
                let before = self.text[..start].chars().next_back();
                let after = self.text[start + 1..].chars().next();
                if after == Some('\'') {
                    // The first half of `''`: the second one closes.
                    return false;
                }
                if before == Some('\'') {
                    // The second half of `''`: it closes unless the pair opens.
                    return !self.opens_quote(index - 1);
                }
                // A lone `'` closes after punctuation ("it,' he said") or
                // before it ("'rigged'."), not after a plural ("voters'").
                !self.opens_quote(index)
                    && (before.is_some_and(|c| !c.is_alphanumeric() && !c.is_whitespace())
                        || after.is_none_or(|c| !c.is_alphanumeric() && !c.is_whitespace()))
            }
            _ => false,
        }
    }

    fn is_boundary(&self, index: usize) -> bool {
        matches!(
            self.raw(index),
            "," | ";" | ":" | "—" | "–" | "―" | "(" | ")" | "[" | "]" | "--"
        ) || self.opens_quote(index)
            || self.closes_quote(index)
            || (self.word(index) == "-" && self.is_punct(index))
            || CLAUSE_WORDS.contains(&self.word(index))
            // "and" joins clauses, except between names ("Putin and
            // Russia's state media").
            || (matches!(self.word(index), "and" | "or")
                && !(index > 0 && self.capitalised(index - 1) && self.capitalised(index + 1)))
    }

    fn sentence_end_punct(&self, index: usize) -> bool {
        matches!(self.raw(index), "." | "!" | "?" | "…")
    }

    /// The byte span from the start of token `start` to the end of token
    /// `end - 1`.
    pub(crate) fn bytes(&self, (start, end): (usize, usize)) -> ByteSpan {
        ByteSpan::from_range(
            self.tokens[start].span.start() as usize..self.tokens[end - 1].span.end() as usize,
        )
    }

    /// Drop punctuation at both ends of a range (never emptying it).
    fn trim(&self, (mut start, mut end): (usize, usize)) -> (usize, usize) {
        while end > start + 1
            && self.is_punct(end - 1)
            && !self.closes_quote(end - 1)
            && self.raw(end - 1) != ")"
        {
            end -= 1;
        }
        while end > start + 1 && self.is_punct(start) && !self.opens_quote(start) {
            start += 1;
        }
        (start, end)
    }
}

/// Finds the attributions of one text.
pub(crate) fn find<'l>(toks: &Tokens<'_>, lexicon: &'l ClaimLexicon) -> Vec<Found<'l>> {
    let mut found: Vec<Found<'l>> = Vec::new();
    // Token ranges already given to an attribution.
    let mut taken: Vec<(usize, usize)> = Vec::new();
    // The same, token by token, for the scan.
    let mut taken_mask = vec![false; toks.tokens.len()];
    let mark = |mask: &mut Vec<bool>, (s, e): (usize, usize)| {
        for slot in &mut mask[s.min(e)..e.min(toks.tokens.len())] {
            *slot = true;
        }
    };
    // "according to" first: what it attributes is not claimed again by a
    // cue inside it ("The president told her X, according to an aide").
    for (sentence, according_only) in toks
        .sentences
        .iter()
        .enumerate()
        .flat_map(|(s, _)| [(s, true), (s, false)])
    {
        let (first, last) = toks.sentences[sentence];
        let mut i = first;
        while i < last {
            // A cue inside a quotation belongs to the quoted speaker's
            // words, which are the content of the attribution around them.
            if taken_mask[i] || toks.quoted[i] {
                i += 1;
                continue;
            }
            let mut words = [""; 5];
            let n = (last - i).min(5);
            for (k, slot) in words[..n].iter_mut().enumerate() {
                *slot = toks.word(i + k);
            }
            let Some(entry) = lexicon.cue_at(&words[..n]) else {
                i += 1;
                continue;
            };
            let cue_end = i + entry.words.len();
            if according_only != (entry.frame == Frame::According) {
                i += 1;
                continue;
            }
            if toks.raw(i) == ":" {
                if let Some(attribution) = colon(toks, entry, i, sentence, &taken) {
                    taken.push(attribution.cue);
                    taken.extend(attribution.source);
                    taken.extend(attribution.content.iter().copied());
                    for &range in std::iter::once(&attribution.cue)
                        .chain(&attribution.source)
                        .chain(&attribution.content)
                    {
                        mark(&mut taken_mask, range);
                    }
                    found.push(attribution);
                }
                i += 1;
                continue;
            }
            if !is_verb_use(toks, i, first, entry) {
                i = cue_end;
                continue;
            }
            // The speaker of an earlier attribution in the sentence stands
            // for a coordinated cue with no subject ("X called it Y and said C").
            let shared = found
                .last()
                .filter(|f| f.sentence == sentence)
                .and_then(|f| f.source);
            let context = Context {
                lexicon,
                taken: &taken,
                shared,
            };
            if let Some(attribution) = build(toks, entry, (i, cue_end), sentence, &context) {
                for piece in attribution
                    .content
                    .iter()
                    .chain(attribution.source.iter())
                    .chain(std::iter::once(&attribution.cue))
                {
                    taken.push(*piece);
                    mark(&mut taken_mask, *piece);
                }
                i = cue_end;
                found.push(attribution);
            } else {
                i = cue_end;
            }
        }
    }
    found.sort_by_key(|f| f.cue);
    found
}

/// Whether a line break separates token `index` from the one before.
fn paragraph_starts(toks: &Tokens<'_>, index: usize) -> bool {
    index == 0
        || toks.text
            [toks.tokens[index - 1].span.end() as usize..toks.tokens[index].span.start() as usize]
            .contains('\n')
}

/// Headline labels before a colon that are not speakers.
const NOT_SPEAKER_LABELS: &[&str] = &[
    "the latest",
    "byline",
    "exclusive",
    "related",
    "watch",
    "breaking",
    "update",
    "live",
    "video",
    "photos",
    "editorial",
    "opinion",
    "analysis",
    "paid notice",
    "poll",
    "dateline",
    "section",
    "length",
    "source",
    "note",
    "correction",
    "read more",
    "see also",
    "at issue",
    "bottom line",
    "why",
    "what",
    "how",
    "here",
    "question",
    "editor's note",
    "editor’s note",
    "remember",
    "name",
    "age",
    "city",
    "total",
    "delegate update",
    "daily",
    "morning email",
];

/// A colon cue: a headline or transcript label ("Mayor: Bridge will
/// reopen", "SMITH: We are ready.") or a name introducing a quotation
/// ("… – Jane Doe: “…”").
fn colon<'l>(
    toks: &Tokens<'_>,
    entry: &'l Cue,
    at: usize,
    sentence: usize,
    taken: &[(usize, usize)],
) -> Option<Found<'l>> {
    let (first, _) = toks.sentences[sentence];
    let is_taken = |i: usize| taken.iter().any(|&(s, e)| s <= i && i < e);
    if at == first || toks.quoted[at] || is_taken(at + 1) || is_taken(at - 1) {
        return None;
    }
    // The label: back to the paragraph start or a dash.
    let mut start = at;
    while start > first
        && !paragraph_starts(toks, start)
        && !matches!(toks.raw(start - 1), "-" | "—" | "–")
    {
        start -= 1;
        if at - start > 6 || toks.is_boundary(start) {
            return None;
        }
    }
    if start == at || !toks.capitalised(start) {
        return None;
    }
    let label = (start..at)
        .map(|j| toks.word(j))
        .collect::<Vec<_>>()
        .join(" ");
    if NOT_SPEAKER_LABELS.iter().any(|l| {
        label == *l || label.starts_with(&format!("{l} ")) || label.ends_with(&format!(" {l}"))
    }) {
        return None;
    }
    let headline = first == 0;
    let after_dash = start > first;
    let quote_follows = toks.opens_quote(at + 1);
    if !(headline || name_like(toks, start, at) || quote_follows && after_dash) {
        return None;
    }
    // The content: the quotation, or to the end of the paragraph.
    let content = if quote_follows && !headline {
        let close = closing_quote(toks, at + 1)?;
        (at + 1, close + 1)
    } else {
        let mut end = at + 1;
        while end < toks.tokens.len() && !paragraph_starts(toks, end) {
            end += 1;
        }
        // A label before a figure is a table row, not a speaker.
        let words = (at + 1..end)
            .filter(|&j| toks.tokens[j].kind == TokenKind::Word)
            .count();
        if words < 3 {
            return None;
        }
        toks.trim((at + 1, end))
    };
    Some(Found {
        cue: (at, at + 1),
        source: Some((start, at)),
        content: vec![content],
        sentence,
        entry,
    })
}

/// Whether "in" at `at` opens a poll as a source ("In a new Fox News poll,
/// …", "… leads in the latest survey").
fn poll_phrase(toks: &Tokens<'_>, at: usize) -> bool {
    let mut j = at + 1;
    while j < toks.tokens.len()
        && j < at + 14
        && !toks.is_boundary(j)
        && !toks.sentence_end_punct(j)
    {
        if matches!(
            toks.word(j),
            "poll" | "polls" | "survey" | "surveys" | "polling"
        ) {
            return true;
        }
        j += 1;
    }
    false
}

/// Whether a cue form is used as a reporting verb here, not as a noun or
/// adjective ("the state", "his claims", "a reported 40 dead").
fn is_verb_use(toks: &Tokens<'_>, at: usize, sentence_start: usize, entry: &Cue) -> bool {
    let word = toks.word(at);
    if word == "in" {
        return at == sentence_start && poll_phrase(toks, at);
    }
    if entry.frame == Frame::According || entry.words.len() > 1 {
        return true;
    }
    // Mid-sentence capitals are names ("Says" in a headline is fine).
    if at > sentence_start && toks.capitalised(at) && !toks.opens_quote(at - 1) {
        return false;
    }
    let before = if at > sentence_start {
        toks.word(at - 1)
    } else {
        ""
    };
    if AMBIGUOUS.contains(&word) && NOUN_BEFORE.contains(&before) {
        // "to say", "to deny": infinitives after a control verb are cues
        // ("refused to say"), other infinitives are not.
        return before == "to"
            && !matches!(word, "state" | "report" | "claim" | "question")
            // "to find a way", "to show up": doing, unless a clause follows.
            && (!matches!(word, "find" | "show") || toks.word(at + 1) == "that");
    }
    // "a talk show", "a roll call", "news reports": the head of a compound
    // noun, not a verb.
    if matches!(word, "show" | "shows" | "call" | "calls" | "report" | "reports")
        && COMPOUND_BEFORE.contains(&before)
        // "Fox News reports": a name, the speaker.
        && (matches!(before, "tv" | "sunday") || !toks.capitalised(at - 1))
    {
        return false;
    }
    // Forms that are mostly nouns ("swing states", "his remarks") count
    // only before a complement.
    if matches!(
        word,
        "state" | "states" | "remarks" | "questions" | "tweet" | "tweets"
    ) && !(toks.word(at + 1) == "that" || toks.raw(at + 1) == ":" || toks.opens_quote(at + 1))
    {
        return false;
    }
    // "the four men accused of carrying out the attack": a participle on
    // the people accused, who are not the accusers.
    if matches!(word, "accused" | "suspected" | "alleged" | "blamed")
        && matches!(toks.word(at + 1), "of" | "for" | "in")
        && at > sentence_start
        && !CUE_PREFIX.contains(&before)
    {
        return false;
    }
    // "claiming numerous lives": a toll, not a claim.
    if word.starts_with("claim")
        && (at + 1..at + 4).any(|j| matches!(toks.word(j), "lives" | "life"))
    {
        return false;
    }
    // "continue to investigate", "agreed to meet": a verb of doing.
    if toks.word(at + 1) == "to" && (word.starts_with("continu") || word.starts_with("agree")) {
        return false;
    }
    if matches!(toks.word(at + 1), "of") && AMBIGUOUS.contains(&word) {
        return false;
    }
    true
}

/// The attribution around the cue at `cue`, or `None` when the words around
/// it do not make one.
/// What the rules know beyond the tokens when they build an attribution.
struct Context<'c> {
    lexicon: &'c ClaimLexicon,
    /// Token ranges already given to an attribution.
    taken: &'c [(usize, usize)],
    /// The source of the previous attribution in the same sentence.
    shared: Option<(usize, usize)>,
}

/// Cue words that do not start a clause of their own after a joint: belief
/// and perception verbs are usually part of the content ("said the economy
/// is weak and voters know it").
const NOT_NEXT_CLAUSE: &[&str] = &[
    "think",
    "thinks",
    "thought",
    "believe",
    "believes",
    "believed",
    "know",
    "knows",
    "knew",
    "hope",
    "hopes",
    "hoped",
    "fear",
    "fears",
    "feared",
    "expect",
    "expects",
    "want",
    "wants",
    "wanted",
    "agree",
    "agrees",
    "agreed",
    "show",
    "shows",
    "showed",
    "shown",
    "find",
    "finds",
    "found",
    "seem",
    "seems",
    "seemed",
    "appear",
    "appears",
    "appeared",
    "call",
    "calls",
    "called",
    "calling",
    "question",
    "questions",
    "state",
    "states",
    "report",
    "reports",
];

/// Where a clause with a reporting cue of its own starts after `from`
/// ("…, while nine in ten said …", "… and said …"): the joint token, or
/// `end`.
fn next_clause(toks: &Tokens<'_>, lexicon: &ClaimLexicon, from: usize, end: usize) -> usize {
    for j in from..end {
        if toks.quoted[j] {
            continue;
        }
        let word = toks.word(j);
        let joint =
            matches!(word, "and" | "but" | "while" | "whereas") || matches!(toks.raw(j), "," | ";");
        if !joint {
            continue;
        }
        for k in j + 1..end.min(j + 6) {
            if k > j + 1 && toks.is_boundary(k - 1) {
                break;
            }
            let cue_word = toks.word(k);
            // "…, saying C": a participle cue after a comma opens an
            // attribution of its own, with the same speaker.
            if k == j + 1 && toks.raw(j) == "," {
                if cue_word.ends_with("ing")
                    && !toks.capitalised(k)
                    && lexicon
                        .cue_at(&[cue_word])
                        .is_some_and(|c| matches!(c.frame, Frame::Speech | Frame::Tell))
                {
                    return j;
                }
                continue;
            }
            if NOT_NEXT_CLAUSE.contains(&cue_word) || toks.is_punct(k) {
                continue;
            }
            let words: Vec<&str> = (k..end.min(k + 3)).map(|w| toks.word(w)).collect();
            if lexicon
                .cue_at(&words)
                .is_some_and(|c| matches!(c.frame, Frame::Speech | Frame::Tell))
                && !toks.capitalised(k)
                && !NOUN_BEFORE.contains(&toks.word(k - 1))
            {
                return j;
            }
        }
    }
    end
}

fn build<'l>(
    toks: &Tokens<'_>,
    entry: &'l Cue,
    cue: (usize, usize),
    sentence: usize,
    context: &Context<'_>,
) -> Option<Found<'l>> {
    let taken = context.taken;
    let (first, last) = toks.sentences[sentence];
    // Content ends before the sentence's final punctuation.
    let mut end = last;
    while end > first && toks.is_punct(end - 1) && !toks.closes_quote(end - 1) {
        end -= 1;
    }
    // Or before a following clause with its own cue (not after an opening
    // "In a poll, …": the clause is what the poll found).
    let end = if toks.word(cue.0) == "in" {
        end
    } else {
        next_clause(toks, context.lexicon, cue.1 + 1, end)
    };
    // Or before what a later attribution already holds.
    let end = taken
        .iter()
        .filter(|&&(s, _)| s >= cue.1 && s < end)
        .map(|&(s, _)| s)
        .min()
        .map_or(end, |s| {
            let mut s = s;
            while s > cue.1 + 1 && toks.is_punct(s - 1) && !toks.closes_quote(s - 1) {
                s -= 1;
            }
            s
        });
    // Anything already taken earlier in the sentence limits the scan back.
    let floor = taken
        .iter()
        .filter(|&&(s, e)| e <= cue.0 && s >= first)
        .map(|&(_, e)| e)
        .max()
        .unwrap_or(first);
    match entry.frame {
        Frame::According => according(toks, entry, cue, sentence, floor, end),
        Frame::Passive => passive(toks, entry, cue, sentence, floor, end),
        // "The claim could not be independently verified": a reporting verb
        // in the passive has no speaker in the clause.
        Frame::Speech | Frame::Tell if after_be(toks, cue.0, first) => {
            passive(toks, entry, cue, sentence, floor, end)
        }
        Frame::Speech | Frame::Tell => speech(toks, entry, cue, sentence, (floor, end), context),
    }
}

/// Whether the word before `at` (past one "-ly" adverb) is a form of "be".
fn after_be(toks: &Tokens<'_>, at: usize, first: usize) -> bool {
    if matches!(toks.word(at), "asked" | "told" | "expected") {
        return false;
    }
    let mut j = at;
    if j > first && toks.word(j - 1).ends_with("ly") {
        j -= 1;
    }
    j > first
        && matches!(
            toks.word(j - 1),
            "be" | "been" | "being" | "is" | "are" | "was" | "were"
        )
}

/// Extend a cue backwards over auxiliaries and adverbs ("has also said").
fn with_prefix(
    toks: &Tokens<'_>,
    (mut start, end): (usize, usize),
    floor: usize,
) -> (usize, usize) {
    let prefix = |j: usize| {
        CUE_PREFIX.contains(&toks.word(j))
            || (toks.word(j).ends_with("ly") && !toks.capitalised(j) && toks.word(j).len() > 4)
    };
    while start > floor && prefix(start - 1) {
        start -= 1;
    }
    // "did not say": keep the negation inside the cue.
    if start > floor + 1
        && matches!(toks.word(start - 1), "not" | "n't" | "never")
        && CUE_PREFIX.contains(&toks.word(start - 2))
    {
        start -= 2;
        while start > floor && prefix(start - 1) {
            start -= 1;
        }
    }
    (start, end)
}

/// The speaker phrase ending just before `end`: back to the nearest clause
/// boundary.
fn speaker_before(toks: &Tokens<'_>, end: usize, floor: usize) -> Option<(usize, usize)> {
    let mut start = end;
    while start > floor && !toks.is_boundary(start - 1) {
        start -= 1;
    }
    if start == end {
        // "Spicer, the press secretary, said": cue right after a comma
        // that closes an apposition.
        return apposed_speaker(toks, end, floor);
    }
    // "attempts by Putin and state media to attribute": the agent after
    // "by", without the infinitive marker.
    let mut end = end;
    if toks.word(end - 1) == "to" && end > start + 1 {
        end -= 1;
        if let Some(by) = (start..end).rev().find(|&j| toks.word(j) == "by") {
            start = by + 1;
        }
        if start >= end {
            return None;
        }
    }
    // Speaker phrases are short: a long run is a clause, not a name.
    (end - start <= 12).then_some((start, end))
}

/// Whether the tokens `[start, end)` look like a name: capitalised words,
/// with "of", "and" and "'s" inside ("Sen. Chuck Grassley", "The FDIC").
fn name_like(toks: &Tokens<'_>, start: usize, end: usize) -> bool {
    end > start
        && end - start <= 7
        && toks.capitalised(start)
        && (start..end).all(|j| {
            toks.capitalised(j)
                || toks.tokens[j].kind != TokenKind::Word
                || matches!(
                    toks.word(j),
                    "of" | "and" | "'s" | "’s" | "de" | "van" | "von"
                )
        })
}

/// The speaker of a cue that follows the comma closing an apposition or a
/// participle phrase: "Ms. Reyes, who chairs the board, said" (the name
/// with its apposition), "Sen. Lee, facing a challenge, said" (the name).
fn apposed_speaker(toks: &Tokens<'_>, end: usize, floor: usize) -> Option<(usize, usize)> {
    if end < floor + 3 || toks.raw(end - 1) != "," {
        return None;
    }
    let mut comma = end - 1;
    for _ in 0..4 {
        let mut chunk = comma;
        while chunk > floor && !(toks.is_boundary(chunk - 1) && toks.word(chunk - 1) != "that") {
            chunk -= 1;
        }
        if chunk == comma || comma - chunk > 20 {
            return None;
        }
        if comma < end - 1 && name_like(toks, chunk, comma) {
            let apposition = comma + 1;
            let first = toks.word(apposition);
            let participle = first.ends_with("ing")
                || AFTER_POSTPOSED.contains(&first)
                || matches!(
                    first,
                    "like" | "unlike" | "asked" | "pressed" | "в" | "включая"
                );
            return Some(if participle {
                (chunk, comma)
            } else {
                (chunk, end - 1)
            });
        }
        // Still inside the apposition ("who founded X, a group based in
        // Y,"): go back past the comma before it.
        if chunk <= floor + 1 || toks.raw(chunk - 1) != "," {
            return None;
        }
        // "A delegate from Ohio, Jim Doe, said": a description opening the
        // sentence, then the name.
        if comma == end - 1 && name_like(toks, chunk, comma) {
            let mut description = chunk - 1;
            while description > floor && !toks.is_boundary(description - 1) {
                description -= 1;
            }
            if description == floor && chunk - 1 - description <= 8 {
                return Some((description, end - 1));
            }
        }
        comma = chunk - 1;
    }
    None
}

/// An inverted speaker with the apposition that ends its sentence: "said
/// Jane Doe, a lawyer in Ohio" (not a participle: "said Doe, adding …").
fn apposition_after(
    toks: &Tokens<'_>,
    (start, stop): (usize, usize),
    end: usize,
) -> (usize, usize) {
    if stop + 1 >= end || toks.raw(stop) != "," {
        return (start, stop);
    }
    let next = toks.word(stop + 1);
    if next.ends_with("ing")
        || AFTER_POSTPOSED.contains(&next)
        || toks.is_punct(stop + 1)
        || end - stop > 30
        || (stop + 1..end).any(|j| toks.opens_quote(j) || toks.closes_quote(j))
    {
        return (start, stop);
    }
    toks.trim((start, end))
}

/// The speaker phrase starting at `start` after an inverted cue ("said Sean
/// Spicer, the press secretary").
fn speaker_after(toks: &Tokens<'_>, start: usize, end: usize) -> Option<(usize, usize)> {
    let mut stop = start;
    while stop < end && !toks.is_boundary(stop) && !toks.sentence_end_punct(stop) {
        // "said Smith in a statement": a lower-case preposition after a name.
        if stop > start
            && !toks.capitalised(stop)
            && AFTER_POSTPOSED.contains(&toks.word(stop))
            && toks.capitalised(stop - 1)
        {
            break;
        }
        stop += 1;
    }
    // A speaker is a name or a description, not a clause ("…, said the
    // attackers had been trying to escape").
    let clause = (start..stop).any(|j| {
        matches!(
            toks.word(j),
            "had"
                | "has"
                | "have"
                | "was"
                | "were"
                | "is"
                | "are"
                | "will"
                | "would"
                | "could"
                | "been"
                | "should"
                | "can"
                | "did"
                | "does"
        )
    });
    (stop > start && stop - start <= 10 && !clause).then_some((start, stop))
}

fn speech<'l>(
    toks: &Tokens<'_>,
    entry: &'l Cue,
    cue: (usize, usize),
    sentence: usize,
    (floor, end): (usize, usize),
    context: &Context<'_>,
) -> Option<Found<'l>> {
    let shared = context.shared;
    let lexicon = context.lexicon;
    let (first, _) = toks.sentences[sentence];
    if let Some(found) = asked_opening(toks, entry, cue, sentence, floor, end) {
        return Some(found);
    }
    let mut cue = with_prefix(toks, cue, floor);
    // "said in a statement".
    if toks.word(cue.1) == "in"
        && toks.word(cue.1 + 1) == "a"
        && toks.word(cue.1 + 2) == "statement"
    {
        cue.1 += 3;
    }
    let before = speaker_before(toks, cue.0, floor);
    let before_start = before.map_or(cue.0, |b| b.0);
    // The token that ends what precedes the speaker.
    let lead = (before_start > floor).then(|| before_start - 1);
    let lead_is_quote = lead.is_some_and(|l| toks.closes_quote(l));
    let lead_is_comma = lead.is_some_and(|l| matches!(toks.raw(l), "," | "—" | "–"));
    // What follows the cue: a complement ("that", ":", a quote) or a tail.
    let mut look = cue.1;
    if entry.frame == Frame::Tell {
        look = skip_hearer(toks, look, end);
    }
    let complement = complement_start(toks, look, end);
    let introductory = lead.is_some_and(|l| short_introduction(toks, floor, l));

    let participle = toks.word(cue.0).ends_with("ing") && cue.1 - cue.0 == 1;
    if before.is_none() && lead_is_comma && participle && complement.is_some() {
        // "…, saying (that) C": the speaker is the clause's subject, the
        // speaker of the attribution before in the sentence.
        let content = content_after(toks, complement?, end)?;
        return Some(Found {
            cue,
            source: shared.or_else(|| sentence_subject(toks, floor, cue.0, lexicon)),
            content: vec![content],
            sentence,
            entry,
        });
    }
    let cyrillic = toks
        .word(cue.0)
        .chars()
        .any(|c| matches!(c, 'а'..='я' | 'ё'));
    if cyrillic {
        if let Some(found) = russian_order(toks, entry, cue, sentence, before, (floor, end)) {
            return Some(found);
        }
    }
    if before.is_none() && (lead_is_quote || lead_is_comma) {
        // "“C,” said X".
        let source = speaker_after(toks, cue.1, end).map(|s| apposition_after(toks, s, end));
        let content = content_before(toks, lead?, floor, first)?;
        let mut pieces = vec![content];
        let after = source.map_or(cue.1, |s| s.1);
        pieces.extend(continued_quote(toks, after, end, sentence));
        return Some(Found {
            cue,
            source,
            content: pieces,
            sentence,
            entry,
        });
    }
    if before.is_none() && lead.is_some_and(|l| matches!(toks.word(l), "and" | "but")) {
        // "X called it Y and said C": the subject of the first clause.
        let start = complement.unwrap_or(look);
        let content = content_after(toks, start, end)?;
        return Some(Found {
            cue,
            source: shared.or_else(|| sentence_subject(toks, floor, cue.0, lexicon)),
            content: vec![content],
            sentence,
            entry,
        });
    }
    let source = before?;
    if (lead_is_quote || lead_is_comma) && !introductory && complement.is_none() {
        // "“C,” X said" / "C, X said".
        let content = content_before(toks, lead?, floor, first)?;
        let mut pieces = vec![content];
        pieces.extend(continued_quote(toks, cue.1, end, sentence));
        return Some(Found {
            cue,
            source: Some(source),
            content: pieces,
            sentence,
            entry,
        });
    }
    // "X said (that) C".
    let start = complement.unwrap_or(look);
    // "Despite attempts by X to attribute the attack to Ukraine, …": the
    // content ends with the subordinate clause that holds the cue.
    let end = if SUBORDINATORS.contains(&toks.word(first)) {
        (start..end).find(|&j| toks.raw(j) == ",").unwrap_or(end)
    } else {
        end
    };
    let content = content_after(toks, start, end)?;
    Some(Found {
        cue,
        source: Some(source),
        content: vec![content],
        sentence,
        entry,
    })
}

/// The subject that opens the clause of a participle cue ("Mr. Lee then
/// interjected, calling …"): from the sentence start (past a short opening
/// phrase and its comma) to the first auxiliary, past-tense or reporting
/// verb.
fn sentence_subject(
    toks: &Tokens<'_>,
    floor: usize,
    limit: usize,
    lexicon: &ClaimLexicon,
) -> Option<(usize, usize)> {
    let mut start = floor;
    if let Some(comma) = (floor..limit).find(|&j| toks.raw(j) == ",") {
        if short_introduction(toks, floor, comma) {
            start = comma + 1;
        }
    }
    let mut stop = start;
    let mut verb_follows = false;
    while stop < limit {
        let word = toks.word(stop);
        verb_follows = !toks.capitalised(stop)
            && (CUE_PREFIX.contains(&word)
                || (word.ends_with("ed") && word.len() > 3)
                || lexicon.cue_at(&[word]).is_some());
        // "Mr." and "Sen." keep their full stop.
        let abbreviation = toks.raw(stop) == "." && stop > start && toks.capitalised(stop - 1);
        if verb_follows || (toks.is_punct(stop) && !abbreviation) || CLAUSE_WORDS.contains(&word) {
            break;
        }
        stop += 1;
    }
    let comma_aside = stop < limit && toks.raw(stop) == ",";
    (stop > start && stop - start <= 8 && (verb_follows || comma_aside)).then_some((start, stop))
}

/// Russian word orders the English rules do not cover: the object first
/// ("Ответственность … взяло на себя «Исламское государство»") and the verb
/// last ("Украина свою причастность отрицает").
fn russian_order<'l>(
    toks: &Tokens<'_>,
    entry: &'l Cue,
    cue: (usize, usize),
    sentence: usize,
    before: Option<(usize, usize)>,
    (floor, end): (usize, usize),
) -> Option<Found<'l>> {
    let Some((start, stop)) = before else {
        // "Российские официальные лица, в том числе …, говорили о …": the
        // subject opens the sentence, before its aside; the verb does not
        // invert.
        let comma = (floor..cue.0).find(|&j| toks.raw(j) == ",")?;
        let content_start = cue.1;
        if comma == floor || !toks.capitalised(floor) || content_start >= end {
            return None;
        }
        return Some(Found {
            cue,
            source: Some((floor, comma)),
            content: vec![toks.trim((content_start, end))],
            sentence,
            entry,
        });
    };
    // "Об этом заявил председатель … Бастрыкин": "this" was said by the
    // subject after the verb.
    if matches!(toks.word(start), "об" | "это" | "так") && stop - start <= 2 {
        let source_end = (cue.1..end)
            .find(|&j| matches!(toks.raw(j), "," | "." | ";"))
            .unwrap_or(end);
        return (source_end > cue.1).then(|| Found {
            cue,
            source: Some((cue.1, source_end)),
            content: vec![(start, stop)],
            sentence,
            entry,
        });
    }
    if toks.word(start).starts_with("ответственност") {
        let mut source_end = cue.1;
        while source_end < end && !matches!(toks.word(source_end), "через" | "в" | "," | ".")
        {
            source_end += 1;
        }
        return (source_end > cue.1).then(|| Found {
            cue,
            source: Some((cue.1, source_end)),
            content: vec![(start, stop)],
            sentence,
            entry,
        });
    }
    let verb_last = (cue.1..end).all(|j| toks.is_punct(j) || toks.raw(j) == ";");
    if verb_last && stop > start + 1 && toks.capitalised(start) {
        return Some(Found {
            cue,
            source: Some((start, start + 1)),
            content: vec![(start + 1, stop)],
            sentence,
            entry,
        });
    }
    None
}

/// A sentence that opens with "Asked (by X) whether …, Y said": the
/// question is the content, its asker (if named) the source.
fn asked_opening<'l>(
    toks: &Tokens<'_>,
    entry: &'l Cue,
    cue: (usize, usize),
    sentence: usize,
    floor: usize,
    end: usize,
) -> Option<Found<'l>> {
    let opens = cue.0 == floor || (cue.0 == floor + 1 && toks.word(floor) == "when");
    if toks.word(cue.0) != "asked" || cue.1 != cue.0 + 1 || !opens {
        return None;
    }
    let mut at = cue.1;
    let mut source = None;
    if toks.word(at) == "by" {
        let mut k = at + 1;
        while k < end
            && !toks.is_boundary(k)
            && !matches!(
                toks.word(k),
                "whether" | "if" | "what" | "about" | "why" | "how" | "to" | "who" | "for"
            )
        {
            k += 1;
        }
        if k == at + 1 || k >= end {
            return None;
        }
        source = Some((at + 1, k));
        at = k;
    }
    // The content may have been cut at that very comma by the clause after.
    let stop =
        (at..=end.min(toks.tokens.len() - 1)).find(|&j| toks.raw(j) == "," && !toks.quoted[j])?;
    if stop <= at {
        return None;
    }
    Some(Found {
        cue,
        source,
        content: vec![toks.trim((at, stop))],
        sentence,
        entry,
    })
}

/// Skip the hearer after "told": "told reporters", "told the Associated
/// Press", "told him".
fn skip_hearer(toks: &Tokens<'_>, mut at: usize, end: usize) -> usize {
    // A "that" or a quote close by ends the hearer.
    for j in at..end.min(at + 7) {
        if toks.word(j) == "that" || toks.opens_quote(j) || toks.raw(j) == ":" {
            return j;
        }
    }
    if at < end && (HEARERS.contains(&toks.word(at)) || toks.capitalised(at)) {
        at += 1;
        while at < end && (toks.capitalised(at) || matches!(toks.word(at), "of" | "'s")) {
            at += 1;
        }
        // "the" + a lower-case noun.
        if at < end && toks.word(at - 1) == "the" {
            at += 1;
        }
    }
    while at < end && matches!(toks.raw(at), ",") {
        at += 1;
    }
    at
}

/// Where a complement after a cue starts: at "that", ":" or an opening
/// quote within a few words ("said on Thursday that …").
fn complement_start(toks: &Tokens<'_>, at: usize, end: usize) -> Option<usize> {
    for j in at..end.min(at + 8) {
        let word = toks.word(j);
        if word == "that" || toks.opens_quote(j) {
            return Some(j);
        }
        if toks.raw(j) == ":" {
            return Some(j + 1);
        }
        if toks.raw(j) == "," {
            // "said, “…”".
            return toks.opens_quote(j + 1).then_some(j + 1);
        }
        if j == at && !AFTER_POSTPOSED.contains(&word) && !toks.is_punct(j) {
            // A clause starts right after the cue: "said the plan was …".
            return Some(j);
        }
    }
    None
}

/// Whether the words from `floor` to `lead` are a short introductory phrase
/// ("In Iowa, Clinton said …"), not content.
fn short_introduction(toks: &Tokens<'_>, floor: usize, lead: usize) -> bool {
    if toks.raw(lead) != "," || lead <= floor {
        return false;
    }
    let mut start = lead;
    while start > floor && !toks.is_boundary(start - 1) {
        start -= 1;
    }
    start == floor
        && lead - start <= 5
        && matches!(
            toks.word(start),
            "in" | "on"
                | "at"
                | "during"
                | "after"
                | "before"
                | "later"
                | "earlier"
                | "meanwhile"
                | "still"
                | "however"
                | "yet"
                | "instead"
                | "separately"
                | "last"
                | "this"
                | "asked"
                | "speaking"
                | "when"
                | "then"
                | "now"
                | "today"
                | "yesterday"
        )
}

/// Content before a postposed cue: the quotation that closes at `lead`, or
/// the clause from the sentence start.
fn content_before(
    toks: &Tokens<'_>,
    lead: usize,
    floor: usize,
    sentence_start: usize,
) -> Option<(usize, usize)> {
    if toks.closes_quote(lead) {
        // Back to the opening quote, possibly in an earlier sentence.
        let mut j = lead;
        let limit = lead.saturating_sub(400);
        while j > limit {
            j -= 1;
            if toks.opens_quote(j) {
                return Some((j, lead + 1));
            }
            if toks.closes_quote(j) {
                break;
            }
        }
        return (lead > floor).then(|| toks.trim((floor, lead + 1)));
    }
    let start = floor.max(sentence_start);
    (lead > start).then(|| toks.trim((start, lead)))
}

/// Content after a preposed cue: to the end of the sentence, or to the
/// closing quote when a quotation runs on.
fn content_after(toks: &Tokens<'_>, start: usize, end: usize) -> Option<(usize, usize)> {
    if start >= end {
        return None;
    }
    // "…, but the claim was published with no evidence": a new clause in
    // the reporter's voice.
    let end = (start + 1..end)
        .find(|&j| {
            toks.raw(j) == ";"
                || (toks.raw(j) == ","
                    && matches!(toks.word(j + 1), "whereas" | "although" | "though"))
                || (toks.raw(j) == ","
                    && toks.word(j + 1) == "but"
                    && (matches!(
                        toks.word(j + 2),
                        "the" | "a" | "an" | "his" | "her" | "their" | "its"
                    ) || (toks.capitalised(j + 2) && toks.word(j + 2) != "i")))
        })
        .unwrap_or(end);
    if toks.opens_quote(start) {
        if let Some(close) = closing_quote(toks, start) {
            if close + 1 >= end {
                return Some((start, close + 1));
            }
        }
    }
    Some(toks.trim((start, end)))
}

/// The closing quote of the quotation opened at `open`, in the same
/// paragraph: a quotation does not run past the end of its paragraph.
fn closing_quote(toks: &Tokens<'_>, open: usize) -> Option<usize> {
    let limit = toks.tokens.len().min(open + 600);
    (open + 1..limit)
        .take_while(|&j| !paragraph_starts(toks, j))
        .find(|&j| toks.closes_quote(j))
}

/// A quotation that continues after a postposed cue: "“C1,” he said,
/// “C2.”", or the next sentence when it is a quotation with no cue of its
/// own.
fn continued_quote(
    toks: &Tokens<'_>,
    mut at: usize,
    end: usize,
    sentence: usize,
) -> Option<(usize, usize)> {
    // Skip a short tail: "on Thursday", "in a statement".
    let mut steps = 0;
    while at < end && steps < 8 && !toks.opens_quote(at) && toks.raw(at) != "," {
        at += 1;
        steps += 1;
    }
    if at < end && toks.raw(at) == "," && toks.opens_quote(at + 1) {
        let open = at + 1;
        let close = closing_quote(toks, open)?;
        return Some((open, close + 1));
    }
    // A tail without quotes ("…,” Doe said, referring to Smith.") still lets
    // the quotation go on in the next sentence.
    if (at..end).any(|j| toks.opens_quote(j) || toks.closes_quote(j)) {
        return None;
    }
    // The next sentence, when it is one quotation.
    let &(next_first, next_last) = toks.sentences.get(sentence + 1)?;
    if next_first < next_last && toks.opens_quote(next_first) {
        let close = closing_quote(toks, next_first)?;
        let mut after = close + 1;
        while after < toks.tokens.len() && toks.is_punct(after) && !toks.opens_quote(after) {
            after += 1;
        }
        // Only when the quotation ends its sentence (no ", X added").
        let ends_sentence = toks
            .sentences
            .iter()
            .any(|&(s, _)| s == after || after >= toks.tokens.len())
            || toks.sentence_end_punct(close.saturating_sub(1));
        if ends_sentence
            && toks
                .tokens
                .get(close + 1)
                .is_none_or(|_| toks.raw(close + 1) != ",")
        {
            return Some((next_first, close + 1));
        }
    }
    None
}

fn according<'l>(
    toks: &Tokens<'_>,
    entry: &'l Cue,
    cue: (usize, usize),
    sentence: usize,
    floor: usize,
    end: usize,
) -> Option<Found<'l>> {
    let (first, _) = toks.sentences[sentence];
    let source = speaker_after(toks, cue.1, end);
    let source_end = source.map_or(cue.1, |s| s.1);
    let start = floor.max(first);
    let content = if cue.0 > start + 1 {
        // "C, according to X".
        toks.trim((start, cue.0))
    } else {
        // "According to X, C".
        let mut from = source_end;
        while from < end && toks.is_punct(from) && !toks.opens_quote(from) {
            from += 1;
        }
        if from >= end {
            return None;
        }
        toks.trim((from, end))
    };
    Some(Found {
        cue,
        source,
        content: vec![content],
        sentence,
        entry,
    })
}

fn passive<'l>(
    toks: &Tokens<'_>,
    entry: &'l Cue,
    cue: (usize, usize),
    sentence: usize,
    floor: usize,
    end: usize,
) -> Option<Found<'l>> {
    let (first, _) = toks.sentences[sentence];
    let cue = with_prefix(toks, cue, floor);
    let start = floor.max(first);
    let mut content = Vec::new();
    // The subject before the cue ("IS-K, believed to be responsible"; "The
    // attack has been attributed to ISIS-K").
    let mut subject_start = cue.0;
    while subject_start > start && !toks.is_boundary(subject_start - 1) {
        subject_start -= 1;
    }
    // "ISIS-K, formed in 2015 and active in Iran, has been linked to":
    // the sentence's opening name, not the end of the aside.
    let first_comma = (start..cue.0).find(|&j| toks.raw(j) == ",");
    let after_aside =
        subject_start == cue.0 || (subject_start > 0 && toks.raw(subject_start - 1) == ",");
    if let Some(comma) = first_comma.filter(|&c| {
        after_aside && c > start && c - start <= 6 && c + 1 < cue.0 && toks.capitalised(start)
    }) {
        if subject_start > comma {
            subject_start = cue.0;
        }
        if subject_start == cue.0 {
            content.push((start, comma));
        }
    } else if subject_start == cue.0 && cue.0 > start + 1 && toks.raw(cue.0 - 1) == "," {
        // "IS-K, believed to be responsible": the noun phrase before the comma.
        let comma = cue.0 - 1;
        let mut np = comma;
        while np > start && !toks.is_boundary(np - 1) && comma - np < 6 {
            np -= 1;
            // "more details are emerging about the jihadist group IS-K":
            // the noun phrase starts at its determiner.
            if matches!(toks.word(np), "the" | "a" | "an") {
                break;
            }
        }
        if np < comma {
            content.push((np, comma));
        }
    }
    // "it is believed": an empty subject.
    let impersonal = cue.0 == subject_start + 1 && toks.word(subject_start) == "it";
    if subject_start < cue.0 && !impersonal {
        content.push(toks.trim((subject_start, cue.0)));
    }
    // After the cue, a complement ("to be responsible", "to ISIS-K"), not
    // the next clause (", and officials did not comment").
    if cue.1 < end && !matches!(toks.raw(cue.1), "," | ";" | "—" | "–") {
        content.push(toks.trim((cue.1, end)));
    }
    if content.is_empty() {
        return None;
    }
    Some(Found {
        cue,
        source: None,
        content,
        sentence,
        entry,
    })
}

/// The attribution as byte spans.
pub(crate) fn to_spans(toks: &Tokens<'_>, found: &Found<'_>) -> Attribution {
    Attribution {
        cue: vec![toks.bytes(found.cue)],
        source: found.source.map(|s| toks.bytes(s)),
        content: found.content.iter().map(|&c| toks.bytes(c)).collect(),
    }
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, OnceLock};

    use dossier_nlp::Annotator;

    use crate::ClaimExtractor;

    fn annotator() -> &'static Annotator {
        static ANNOTATOR: OnceLock<Annotator> = OnceLock::new();
        ANNOTATOR.get_or_init(|| {
            let kb = dossier_kb::KbBuilder::with_builtin()
                .and_then(dossier_kb::KbBuilder::build)
                .expect("built-in knowledge base");
            Annotator::new(Arc::new(kb))
        })
    }

    /// (cue, source, content pieces joined by " | ") of every attribution.
    fn triples(text: &str) -> Vec<(String, Option<String>, String)> {
        let annotation = annotator().annotate(text);
        ClaimExtractor::default()
            .attributions(text, &annotation)
            .iter()
            .map(|a| {
                let cue: Vec<&str> = a.cue.iter().map(|s| &text[*s]).collect();
                let content: Vec<&str> = a.content.iter().map(|s| &text[*s]).collect();
                (
                    cue.join(" "),
                    a.source.map(|s| text[s].to_owned()),
                    content.join(" | "),
                )
            })
            .collect()
    }

    fn has(text: &str, cue: &str, source: Option<&str>, content: &str) {
        let found = triples(text);
        assert!(
            found
                .iter()
                .any(|(c, s, t)| c == cue && s.as_deref() == source && t == content),
            "no ({cue:?}, {source:?}, {content:?}) in {found:#?}"
        );
    }

    #[test]
    fn a_cue_inside_a_quotation_is_content() {
        let text = "“We think the bridge will open in May,” the mayor said.";
        has(
            text,
            "said",
            Some("the mayor"),
            "“We think the bridge will open in May,”",
        );
        assert_eq!(triples(text).len(), 1);
        let text = "''I told them to wait,'' the coach said.";
        has(text, "said", Some("the coach"), "''I told them to wait,''");
        assert_eq!(triples(text).len(), 1);
    }

    #[test]
    fn evaluative_verbs_are_cues() {
        has(
            "The senator criticized the new budget.",
            "criticized",
            Some("The senator"),
            "the new budget",
        );
        has(
            "The governor declined to comment on the lawsuit.",
            "declined",
            Some("The governor"),
            "to comment on the lawsuit",
        );
    }

    #[test]
    fn content_stops_at_the_next_reporting_clause() {
        let text =
            "Most farmers said prices were too low, while a third said the rules were unfair.";
        has(text, "said", Some("Most farmers"), "prices were too low");
        has(text, "said", Some("a third"), "the rules were unfair");
        let text = "The mayor called the plan reckless and said the council would vote again.";
        has(text, "called", Some("The mayor"), "the plan reckless");
        has(
            text,
            "said",
            Some("The mayor"),
            "the council would vote again",
        );
    }

    #[test]
    fn a_speaker_keeps_its_apposition() {
        has(
            "Ms. Reyes, who chairs the harbor board, said the pier would reopen.",
            "said",
            Some("Ms. Reyes, who chairs the harbor board"),
            "the pier would reopen",
        );
        has(
            "Sen. Hale, facing a hard race in the fall, said he would vote no.",
            "said",
            Some("Sen. Hale"),
            "he would vote no",
        );
    }

    #[test]
    fn a_colon_after_a_label_is_a_cue() {
        let text = "Mayor Ortiz: The bridge will reopen next spring.\n\nWork began in May.";
        has(
            text,
            ":",
            Some("Mayor Ortiz"),
            "The bridge will reopen next spring",
        );
        let text = "Results so far.\n\nNorth district: 1,204.\n\nSouth district: 998.";
        assert!(triples(text).is_empty(), "{:?}", triples(text));
    }

    #[test]
    fn an_inverted_speaker_keeps_its_apposition_and_the_quote_goes_on() {
        let text = "“We will rebuild,” said Jane Doe, a planner in the county. \
                    “It will take two years.”";
        has(
            text,
            "said",
            Some("Jane Doe, a planner in the county"),
            "“We will rebuild,” | “It will take two years.”",
        );
        let text = "“The vote was close,” Doe said, referring to the council. \
                    “Next time we will win.”";
        has(
            text,
            "said",
            Some("Doe"),
            "“The vote was close,” | “Next time we will win.”",
        );
    }

    #[test]
    fn according_to_holds_its_content() {
        let text = "The minister told aides the plan was dead, according to two officials.";
        has(
            text,
            "according to",
            Some("two officials"),
            "The minister told aides the plan was dead",
        );
        assert_eq!(triples(text).len(), 1, "{:?}", triples(text));
        has(
            "A farmer from the valley, Tom Reed, said the river rose overnight.",
            "said",
            Some("A farmer from the valley, Tom Reed"),
            "the river rose overnight",
        );
    }

    #[test]
    fn an_opening_asked_clause_is_its_own_attribution() {
        let text = "Asked whether the plant would close, the manager said it would not.";
        has(text, "Asked", None, "whether the plant would close");
        has(text, "said", Some("the manager"), "it would not");
    }

    #[test]
    fn noun_forms_are_not_cues() {
        let text = "Both candidates toured the swing states last week.";
        assert!(triples(text).is_empty(), "{:?}", triples(text));
        has(
            "The report states that the dam is safe.",
            "states",
            Some("The report"),
            "that the dam is safe",
        );
    }

    #[test]
    fn but_ends_a_content_only_before_a_new_subject() {
        has(
            "The coach said the team played well, but that the referee was unfair.",
            "said",
            Some("The coach"),
            "the team played well, but that the referee was unfair",
        );
        has(
            "The coach said the team played well, but the club fired him a week later.",
            "said",
            Some("The coach"),
            "the team played well",
        );
    }

    #[test]
    fn stance_verbs_are_cues() {
        has(
            "The union opposed the merger.",
            "opposed",
            Some("The union"),
            "the merger",
        );
        has(
            "The mayor indicated that she would run again.",
            "indicated",
            Some("The mayor"),
            "that she would run again",
        );
    }

    #[test]
    fn a_participle_cue_after_a_comma_has_its_own_content() {
        let text = "The mayor praised the firefighters, saying they had saved the town.";
        has(text, "praised", Some("The mayor"), "the firefighters");
        has(text, "saying", Some("The mayor"), "they had saved the town");
    }

    #[test]
    fn a_participle_cue_takes_the_sentence_subject() {
        has(
            "Mr. Lee then interjected, calling the plan a disaster.",
            "calling",
            Some("Mr. Lee"),
            "the plan a disaster",
        );
        has(
            "The council will cut the budget, arguing that the town can no longer pay.",
            "arguing",
            Some("The council"),
            "that the town can no longer pay",
        );
    }

    #[test]
    fn an_opening_poll_is_a_source() {
        has(
            "In a new county survey, most residents backed the tax.",
            "In",
            Some("a new county survey"),
            "most residents backed the tax",
        );
        let text = "The mayor stayed in the city during the poll.";
        assert!(triples(text).iter().all(|(c, _, _)| c != "in"));
    }

    #[test]
    fn a_quotation_goes_on_for_several_sentences() {
        has(
            "“We lost,” the coach said. “The team played badly. The fans deserved better. \
             The pitch was wet. We will fix it next week.”",
            "said",
            Some("the coach"),
            "“We lost,” | “The team played badly. The fans deserved better. The pitch was wet. \
             We will fix it next week.”",
        );
    }

    #[test]
    fn a_compound_noun_is_no_cue() {
        for text in [
            "The senator went on a radio show to talk about the budget.",
            "The mayor joined a conference call with the governors.",
            "The company tried to find a buyer for the plant.",
        ] {
            let found = triples(text);
            assert!(
                found
                    .iter()
                    .all(|(c, _, _)| !matches!(c.as_str(), "show" | "call" | "find")),
                "{text}: {found:?}"
            );
        }
        has(
            "Local News reports that the bridge will close.",
            "reports",
            Some("Local News"),
            "that the bridge will close",
        );
    }

    #[test]
    fn manner_of_speaking_verbs_are_cues() {
        has(
            "The coach complained that the referee had missed the foul.",
            "complained",
            Some("The coach"),
            "that the referee had missed the foul",
        );
        has(
            "The mayor reminded voters that the library would reopen.",
            "reminded",
            Some("The mayor"),
            "that the library would reopen",
        );
    }
}
