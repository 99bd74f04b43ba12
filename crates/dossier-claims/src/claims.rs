//! Claims from attributions: kind, the actor concerned, stance, hedges,
//! channel, framing and the event mention it concerns.

use dossier_kb::Kb;
use dossier_model::{
    Attribution, ByteSpan, Claim, ClaimKind, ClaimPart, EntityKey, EventMention, ExtractorId,
    Framing, Mention, MentionKind, Stance,
};
use dossier_nlp::Annotation;

use crate::attribution::{self, Found, Tokens};
use crate::lexicon::{ClaimLexicon, Frame};

/// The extractor's name in provenance.
pub const EXTRACTOR: &str = "claims";
/// Bumped whenever the rules change what they extract.
pub const EXTRACTOR_VERSION: u32 = 1;

/// Words in a content that make it about who carried out an attack.
const RESPONSIBILITY_WORDS: &[&str] = &[
    "responsibility",
    "responsible",
    "credit",
    "behind",
    "carried",
    "perpetrated",
    "orchestrated",
    "masterminded",
    "involvement",
    "involved",
    "link",
    "links",
    "linked",
    "role",
    "complicity",
    "culpability",
    "ответственность",
    "причастность",
    "связи",
    "связь",
];

/// Pronouns and descriptions that stand for a speaker named earlier.
const PERSON_PRONOUNS: &[&str] = &["he", "she", "him", "her"];
const GROUP_PRONOUNS: &[&str] = &[
    "it",
    "they",
    "the group",
    "the organisation",
    "the organization",
    "the militants",
];

/// Finds attributions and claims in annotated text.
#[derive(Clone, Debug, Default)]
pub struct ClaimExtractor {
    lexicon: ClaimLexicon,
}

impl ClaimExtractor {
    /// An extractor with its own vocabulary.
    #[must_use]
    pub fn new(lexicon: ClaimLexicon) -> Self {
        Self { lexicon }
    }

    /// Every attribution relation in the text, in order of their cues.
    #[must_use]
    pub fn attributions(&self, text: &str, annotation: &Annotation) -> Vec<Attribution> {
        let toks = Tokens::new(text, &annotation.tokens, &annotation.sentences);
        attribution::find(&toks, &self.lexicon)
            .iter()
            .map(|f| attribution::to_spans(&toks, f))
            .collect()
    }

    /// The claims of the text: every attribution that bears on an event
    /// mention or makes a claim of responsibility, blame, denial or
    /// confirmation, linked to the event mention it concerns.
    #[must_use]
    pub fn extract(
        &self,
        kb: &Kb,
        text: &str,
        annotation: &Annotation,
        events: &[EventMention],
    ) -> Vec<Claim> {
        let toks = Tokens::new(text, &annotation.tokens, &annotation.sentences);
        let found = attribution::find(&toks, &self.lexicon);
        let mut claims = Vec::new();
        for (index, f) in found.iter().enumerate() {
            let attribution = attribution::to_spans(&toks, f);
            let sentence = annotation.sentences[f.sentence];
            let content_text = content_words(&toks, f);
            let negated =
                (f.cue.0..f.cue.1).any(|j| matches!(toks.word(j), "not" | "n't" | "never"));
            let (kind, mut stance) = self.kind_of(f, &content_text, negated);
            let event = event_of(events, &attribution, sentence, kind);
            if kind == ClaimKind::Statement && event.is_none() {
                continue;
            }
            let speaker = self.speaker(kb, text, annotation, &toks, &found, index);
            let about = match kind {
                ClaimKind::Responsibility => speaker.clone().filter(|s| s.entity.is_some()),
                ClaimKind::Denial => {
                    about_in_content(kb, text, annotation, &attribution, speaker.as_ref())
                        .or_else(|| speaker.clone())
                }
                _ => about_in_content(kb, text, annotation, &attribution, speaker.as_ref()),
            };
            let hedges = self.hedges(text, &toks, f);
            let channel = self.channel(text, &toks, f);
            let framing = self.framing(&toks, f);
            if negated && kind == ClaimKind::Confirmation {
                stance = Stance::Disputes;
            }
            let mut confidence: f32 = if f.entry.frame == Frame::Passive {
                0.6
            } else {
                0.75
            };
            if speaker.as_ref().is_some_and(|s| s.entity.is_some()) {
                confidence += 0.1;
            }
            if !hedges.is_empty() {
                confidence -= 0.05;
            }
            claims.push(Claim {
                kind,
                attribution,
                sentence,
                speaker,
                about,
                event,
                stance,
                hedges,
                channel,
                framing,
                confidence: confidence.clamp(0.0, 1.0),
                extractor: ExtractorId::new(EXTRACTOR, EXTRACTOR_VERSION),
            });
        }
        claims
    }

    /// The claim's kind and the speaker's stance, from the cue and what the
    /// content is about.
    fn kind_of(&self, f: &Found<'_>, content: &[String], negated: bool) -> (ClaimKind, Stance) {
        let about_responsibility = content
            .iter()
            .any(|w| RESPONSIBILITY_WORDS.contains(&w.as_str()));
        let cue_word = f.entry.words[0].as_str();
        let kind = match f.entry.kind {
            ClaimKind::Statement
                if about_responsibility
                    && matches!(cue_word, "claim" | "claims" | "claimed" | "claiming")
                    && content
                        .first()
                        .is_some_and(|w| matches!(w.as_str(), "responsibility" | "credit")) =>
            {
                ClaimKind::Responsibility
            }
            ClaimKind::Statement if about_responsibility => ClaimKind::Attribution,
            other => other,
        };
        let stance = if negated && f.entry.stance == Stance::Asserts {
            Stance::Denies
        } else {
            f.entry.stance
        };
        (kind, stance)
    }

    /// The speaker: the source phrase with its entity, pronouns and
    /// descriptions resolved to the last fitting mention before the cue,
    /// and participles ("…, suggesting") taken from the clause's speaker.
    fn speaker(
        &self,
        kb: &Kb,
        text: &str,
        annotation: &Annotation,
        toks: &Tokens<'_>,
        found: &[Found<'_>],
        index: usize,
    ) -> Option<ClaimPart> {
        let f = &found[index];
        let source = match f.source {
            Some(source) => source,
            None => {
                // "…, suggesting a Ukrainian link": the speaker of the clause.
                let previous = index.checked_sub(1).map(|p| &found[p])?;
                if previous.sentence != f.sentence || f.entry.frame == Frame::Passive {
                    return None;
                }
                previous.source?
            }
        };
        let span = toks.bytes(source);
        let phrase = text[span].to_lowercase();
        let mut entity = linked_in(
            annotation,
            span,
            &[MentionKind::Actor, MentionKind::Person, MentionKind::Outlet],
        )
        .or_else(|| {
            linked_in(
                annotation,
                span,
                &[MentionKind::Place, MentionKind::Nationality],
            )
        })
        .map(|key| state_for(kb, key));
        if entity.is_none() {
            let wanted: &[MentionKind] = if PERSON_PRONOUNS.contains(&phrase.as_str()) {
                &[MentionKind::Person]
            } else if GROUP_PRONOUNS.contains(&phrase.as_str()) {
                &[MentionKind::Actor]
            } else {
                &[]
            };
            entity = annotation
                .mentions
                .iter()
                .rev()
                .filter(|m| m.span.end() <= span.start() && wanted.contains(&m.kind))
                .find_map(|m| m.entity.clone());
        }
        Some(ClaimPart {
            span,
            text: text[span].to_owned(),
            entity,
        })
    }

    /// Hedges in the cue, the content, or between them.
    fn hedges(&self, text: &str, toks: &Tokens<'_>, f: &Found<'_>) -> Vec<ClaimPart> {
        let (first, last) = toks.sentences[f.sentence];
        let start = f
            .content
            .iter()
            .map(|c| c.0)
            .chain([f.cue.0])
            .min()
            .unwrap_or(first)
            .max(first);
        let end = f
            .content
            .iter()
            .map(|c| c.1)
            .chain([f.cue.1])
            .max()
            .unwrap_or(last)
            .min(last);
        let mut hedges = Vec::new();
        let mut j = start;
        while j < end {
            let words: Vec<&str> = (j..end.min(j + 6)).map(|k| toks.word(k)).collect();
            if let Some(len) = self.lexicon.hedge_at(&words) {
                let span = toks.bytes((j, j + len));
                hedges.push(ClaimPart {
                    span,
                    text: text[span].to_owned(),
                    entity: None,
                });
                j += len;
            } else {
                j += 1;
            }
        }
        hedges
    }

    /// The channel named in the sentence outside the content: "through its
    /// Amaq news agency", "in a televised address".
    fn channel(&self, text: &str, toks: &Tokens<'_>, f: &Found<'_>) -> Option<ClaimPart> {
        let (first, last) = toks.sentences[f.sentence];
        let inside = |j: usize| f.content.iter().any(|&(s, e)| s <= j && j < e);
        let mut best: Option<(usize, usize)> = None;
        let mut j = first;
        while j < last {
            if inside(j) {
                j += 1;
                continue;
            }
            let words: Vec<&str> = (j..last.min(j + 6)).map(|k| toks.word(k)).collect();
            if let Some(len) = self.lexicon.channel_at(&words) {
                if best.is_none_or(|(_, l)| len > l) {
                    best = Some((j, len));
                }
                j += len;
            } else {
                j += 1;
            }
        }
        best.map(|(j, len)| {
            let span = toks.bytes((j, j + len));
            ClaimPart {
                span,
                text: text[span].to_owned(),
                entity: None,
            }
        })
    }

    /// The article's own position: a framing phrase before the cue ("Despite
    /// attempts by Putin to attribute …") or after a concessive turn in the
    /// sentence ("…, but the claim was published with no evidence").
    fn framing(&self, toks: &Tokens<'_>, f: &Found<'_>) -> Option<Framing> {
        let (first, last) = toks.sentences[f.sentence];
        let content_start = f.content.iter().map(|c| c.0).min().unwrap_or(last);
        let quoted = f.content.iter().any(|&(s, _)| toks.opens_quote(s));
        let turn = (first..last).find(|&j| {
            j > f.cue.1.max(content_start)
                && matches!(
                    toks.word(j),
                    "but" | "although" | "though" | "however" | "yet"
                )
        });
        let mut j = first;
        while j < last {
            let in_speaker_words = j >= f.cue.0 && turn.is_none_or(|t| j < t);
            let in_quote = quoted && f.content.iter().any(|&(s, e)| s <= j && j < e);
            if in_speaker_words || in_quote {
                j += 1;
                continue;
            }
            for (phrase, stance) in &self.lexicon.framings {
                let matches = phrase
                    .iter()
                    .enumerate()
                    .all(|(k, w)| toks.word(j + k) == w);
                if matches && j + phrase.len() <= last {
                    return Some(Framing {
                        span: toks.bytes((j, j + phrase.len())),
                        stance: *stance,
                    });
                }
            }
            j += 1;
        }
        None
    }
}

/// The lower-case words of the content pieces.
fn content_words(toks: &Tokens<'_>, f: &Found<'_>) -> Vec<String> {
    f.content
        .iter()
        .flat_map(|&(s, e)| s..e)
        .map(|j| toks.word(j).to_owned())
        .collect()
}

/// The entity of the first linked mention of one of `kinds` inside `span`.
fn linked_in(annotation: &Annotation, span: ByteSpan, kinds: &[MentionKind]) -> Option<EntityKey> {
    annotation
        .mentions
        .iter()
        .filter(|m| span.start() <= m.span.start() && m.span.end() <= span.end())
        .filter(|m| kinds.contains(&m.kind))
        .find_map(|m| m.entity.clone())
}

/// A country stands for its state when it speaks or is blamed ("Ukraine
/// denied", "a Ukrainian link").
fn state_for(kb: &Kb, key: EntityKey) -> EntityKey {
    if key.kind() == "country" {
        if let Some(state) = kb.state_of(key.id()) {
            return EntityKey::actor(&state.id);
        }
    }
    key
}

/// The actor a claim is about: the first armed group, state, agency or
/// person named in the content (not the speaker), else a country or
/// nationality standing for its state.
fn about_in_content(
    kb: &Kb,
    text: &str,
    annotation: &Annotation,
    attribution: &Attribution,
    speaker: Option<&ClaimPart>,
) -> Option<ClaimPart> {
    let inside = |m: &&Mention| {
        attribution
            .content
            .iter()
            .any(|c| c.start() <= m.span.start() && m.span.end() <= c.end())
    };
    let not_speaker = |m: &&Mention| {
        speaker.is_none_or(|s| {
            s.entity.is_none()
                || s.entity.as_ref() != m.entity.as_ref().map(|k| state_for(kb, k.clone())).as_ref()
        })
    };
    let pick = |kinds: &[MentionKind], countries_only: bool| {
        annotation
            .mentions
            .iter()
            .filter(inside)
            .filter(not_speaker)
            .filter(|m| kinds.contains(&m.kind) && m.entity.is_some())
            .find(|m| !countries_only || m.entity.as_ref().is_some_and(|k| k.kind() == "country"))
    };
    let mention = pick(&[MentionKind::Actor], false)
        .or_else(|| pick(&[MentionKind::Place, MentionKind::Nationality], true))
        .or_else(|| pick(&[MentionKind::Person], false))?;
    Some(ClaimPart {
        span: mention.span,
        text: text[mention.span].to_owned(),
        entity: mention.entity.clone().map(|k| state_for(kb, k)),
    })
}

/// The event mention a claim concerns: the one whose trigger or casualty
/// figure lies in its sentence, else, for claims about who did it, the
/// article's main event.
fn event_of(
    events: &[EventMention],
    attribution: &Attribution,
    sentence: ByteSpan,
    kind: ClaimKind,
) -> Option<u32> {
    let within = |span: ByteSpan| sentence.start() <= span.start() && span.end() <= sentence.end();
    let in_content = |span: ByteSpan| {
        attribution
            .content
            .iter()
            .any(|c| c.start() <= span.start() && span.end() <= c.end())
    };
    let stated = events.iter().position(|e| {
        std::iter::once(e.trigger)
            .chain(e.more_triggers.iter().copied())
            .chain(e.casualties.iter().map(|c| c.span))
            .any(|s| within(s) && (in_content(s) || kind != ClaimKind::Statement))
    });
    let main = || {
        (kind != ClaimKind::Statement)
            .then(|| {
                events
                    .iter()
                    .enumerate()
                    .filter(|(_, e)| e.status == dossier_model::EventStatus::Main)
                    .max_by(|a, b| {
                        a.1.confidence
                            .total_cmp(&b.1.confidence)
                            .then(b.0.cmp(&a.0))
                    })
                    .map(|(i, _)| i)
            })
            .flatten()
    };
    stated
        .or_else(main)
        .map(|i| u32::try_from(i).unwrap_or(u32::MAX))
}
