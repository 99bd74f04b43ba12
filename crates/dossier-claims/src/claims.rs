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

/// Words in a content that by themselves make it about who carried out an
/// attack.
const RESPONSIBILITY_WORDS: &[&str] = &[
    "responsibility",
    "responsible",
    "perpetrated",
    "perpetrators",
    "orchestrated",
    "masterminded",
    "involvement",
    "complicity",
    "culpability",
    "ответственность",
    "причастность",
    "связи",
    "связь",
];

/// Attack nouns that make "carried out …" and "behind …" about an attack.
const ATTACK_NOUNS: &[&str] = &[
    "attack",
    "attacks",
    "bombing",
    "bombings",
    "shooting",
    "assault",
    "massacre",
    "killing",
    "killings",
    "murder",
    "murders",
    "blast",
    "explosion",
    "kidnapping",
    "assassination",
    "strike",
    "strikes",
    "raid",
    "it",
    "this",
    "operation",
    "incident",
];

/// Whether a content is about who carried out an attack: "responsible for",
/// "carried out by", "behind the attack", "linked to", "involved in".
fn about_responsibility(content: &[String]) -> bool {
    let word = |j: usize| content.get(j).map_or("", String::as_str);
    (0..content.len()).any(|j| {
        let w = word(j);
        RESPONSIBILITY_WORDS.contains(&w)
            || (matches!(w, "carried" | "carry" | "carrying" | "carries")
                && word(j + 1) == "out"
                && (j + 2..j + 5).any(|k| word(k) == "by" || ATTACK_NOUNS.contains(&word(k))))
            || (w == "behind" && (j + 1..j + 4).any(|k| ATTACK_NOUNS.contains(&word(k))))
            || (matches!(w, "link" | "links" | "linked" | "ties" | "tied") && word(j + 1) == "to")
            || (w == "involved" && word(j + 1) == "in")
            || (w == "role" && word(j + 1) == "in")
            || (w == "credit" && word(j + 1) == "for")
    })
}

/// Content openings that a rejection or dismissal can be about: a report,
/// not an object of the verb's literal sense ("dismissed the escort").
const DISPUTABLE: &[&str] = &[
    "that",
    "reports",
    "report",
    "claims",
    "claim",
    "allegations",
    "allegation",
    "accusations",
    "accusation",
    "suggestions",
    "suggestion",
    "any",
    "the",
    "as",
    "such",
    "this",
    "these",
    "speculation",
    "rumours",
    "rumors",
    "it",
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
        let mut claims: Vec<Claim> = Vec::new();
        for (index, f) in found.iter().enumerate() {
            let attribution = attribution::to_spans(&toks, f);
            let sentence = annotation.sentences[f.sentence];
            let content_text = content_words(&toks, f);
            let negated =
                (f.cue.0..f.cue.1).any(|j| matches!(toks.word(j), "not" | "n't" | "never"));
            // "The claim could not be independently verified": a hedge on
            // the claim before, not a claim of its own.
            if f.source.is_none()
                && f.content.first().is_some_and(|&c| c.1 <= f.cue.0)
                && f.content
                    .first()
                    .is_some_and(|&c| is_anaphoric(&words_of(&toks, c)))
            {
                if let Some(previous) = claims.last_mut() {
                    let span = toks.bytes(f.cue);
                    previous.hedges.push(ClaimPart {
                        span,
                        text: text[span].to_owned(),
                        entity: None,
                    });
                }
                continue;
            }
            if is_topic_label(&toks, annotation, f) {
                continue;
            }
            let (mut kind, mut stance) = self.kind_of(f, &content_text, negated);
            // "Russian officials had not confirmed it": about the claim
            // before.
            let previous = claims
                .last()
                .filter(|_| {
                    content_text
                        .first()
                        .is_some_and(|w| matches!(w.as_str(), "it" | "this"))
                        || is_anaphoric(&content_text[..content_text.len().min(2)])
                })
                .filter(|p| p.kind != ClaimKind::Statement)
                .cloned();
            if previous.is_some()
                && kind == ClaimKind::Statement
                && f.entry.kind != ClaimKind::Statement
            {
                kind = f.entry.kind;
            }
            let event = previous
                .as_ref()
                .and_then(|p| p.event)
                .or_else(|| event_of(events, text, &attribution, sentence, kind));
            // The article's own hedged assertions ("their confessions may be
            // deemed unreliable") concern its main event.
            let event = event.or_else(|| {
                (f.source.is_none()
                    && kind == ClaimKind::Statement
                    && has_hedge(&self.lexicon, &toks, f))
                .then(|| {
                    events
                        .iter()
                        .position(|e| e.status == dossier_model::EventStatus::Main)
                })
                .flatten()
                .map(|i| u32::try_from(i).unwrap_or(u32::MAX))
            });
            if kind == ClaimKind::Statement && event.is_none() {
                continue;
            }
            let speaker = self.speaker(kb, text, annotation, &toks, &found, index);
            // "No group has claimed responsibility": nobody said it
            if speaker.as_ref().is_some_and(|s| is_nobody(&s.text)) {
                continue;
            }
            let about = match kind {
                _ if previous.is_some() => previous.as_ref().and_then(|p| p.about.clone()),
                ClaimKind::Responsibility => speaker.clone().filter(|s| s.entity.is_some()),
                ClaimKind::Denial => {
                    about_in_content(kb, text, annotation, &attribution, speaker.as_ref())
                        .or_else(|| speaker.clone())
                }
                _ => about_in_content(kb, text, annotation, &attribution, speaker.as_ref()),
            };
            let hedges = self.hedges(text, &toks, f, kind);
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
        let about_responsibility = about_responsibility(content);
        let cue_word = f.entry.words[0].as_str();
        let claim_cue = matches!(cue_word, "claim" | "claims" | "claimed" | "claiming");
        // "claimed the attack", "claimed Friday's bombing": the act itself
        // is claimed.
        let claims_the_act = claim_cue
            && content.iter().take(4).any(|w| {
                ATTACK_NOUNS.contains(&w.as_str()) && !matches!(w.as_str(), "it" | "this")
            });
        let kind = match f.entry.kind {
            ClaimKind::Statement if claims_the_act && f.source.is_some() => {
                ClaimKind::Responsibility
            }
            ClaimKind::Statement
                if about_responsibility
                    && (matches!(
                        cue_word,
                        "claim" | "claims" | "claimed" | "claiming" | "took" | "take" | "takes"
                    ) || cue_word.starts_with("взя"))
                    && content.first().is_some_and(|w| {
                        matches!(w.as_str(), "responsibility" | "credit" | "ответственность")
                    }) =>
            {
                ClaimKind::Responsibility
            }
            // "“We did not carry out this attack,” the Taliban said".
            ClaimKind::Statement if about_responsibility && denies_own_part(content) => {
                ClaimKind::Denial
            }
            ClaimKind::Statement if about_responsibility => ClaimKind::Attribution,
            // "Experts acknowledge the connections": a confirmation only
            // when it bears on who did it.
            ClaimKind::Confirmation if !about_responsibility => ClaimKind::Statement,
            // "dismissed the escort": a literal act, not a denial.
            ClaimKind::Denial
                if !cue_word.starts_with("den")
                    && !cue_word.starts_with("отриц")
                    && !content
                        .first()
                        .is_some_and(|w| DISPUTABLE.contains(&w.as_str())) =>
            {
                ClaimKind::Statement
            }
            other => other,
        };
        let negated = negated || kind == ClaimKind::Denial;
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
        let mut entity = entity_in(kb, annotation, span);
        if entity.is_none() {
            // "the committee" after "Russia's Investigative Committee".
            if let Some(head) = phrase.strip_prefix("the ").filter(|h| !h.contains(' ')) {
                entity = annotation
                    .mentions
                    .iter()
                    .rev()
                    .filter(|m| m.span.end() <= span.start() && m.kind == MentionKind::Actor)
                    .find(|m| text[m.span].to_lowercase().ends_with(head))
                    .and_then(|m| m.entity.clone())
                    .or_else(|| {
                        // …or after an earlier speaker so named.
                        found[..index]
                            .iter()
                            .rev()
                            .filter_map(|p| p.source)
                            .map(|s| toks.bytes(s))
                            .find(|&s| s != span && text[s].to_lowercase().ends_with(head))
                            .and_then(|s| entity_in(kb, annotation, s))
                    });
            }
        }
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
        if entity.is_none() {
            // "the president said": the last person introduced by that title.
            if let Some(title) = phrase.strip_prefix("the ").filter(|t| !t.contains(' ')) {
                entity = annotation
                    .mentions
                    .iter()
                    .rev()
                    .filter(|m| m.span.end() <= span.start() && m.kind == MentionKind::Person)
                    .find(|m| m.category.as_deref() == Some(title))
                    .and_then(|m| m.entity.clone());
            }
        }
        Some(ClaimPart {
            span,
            text: text[span].to_owned(),
            entity,
        })
    }

    /// Hedges in the cue, the content, or between them.
    fn hedges(
        &self,
        text: &str,
        toks: &Tokens<'_>,
        f: &Found<'_>,
        kind: ClaimKind,
    ) -> Vec<ClaimPart> {
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
        // The cue hedges only when it distances the reporter ("claimed
        // that", "alleged"), not when it names the act ("claimed
        // responsibility").
        let cue_hedges = self
            .lexicon
            .hedge_at(&[f.entry.words[0].as_str()])
            .is_some()
            && kind != ClaimKind::Responsibility;
        // A speakerless cue is itself the hedge ("believed to be"), and
        // modals before any cue hedge it ("may be deemed").
        let cue_hedges = cue_hedges || f.entry.frame == Frame::Passive;
        let mut j = start;
        while j < end {
            // "until May": a month, not a modal.
            if toks.word(j) == "may" && toks.is_capitalised(j) && j > toks.sentences[f.sentence].0 {
                j += 1;
                continue;
            }
            let cue_word = f.entry.words.iter().any(|w| w == toks.word(j));
            if !cue_hedges && cue_word && f.cue.0 <= j && j < f.cue.1 {
                j += 1;
                continue;
            }
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
        // Only this claim's clause: from its first part to the end of a
        // content after the cue ("X claimed it through Amaq, and US officials
        // said …" gives Amaq to X, not to the officials).
        let from = f
            .content
            .iter()
            .map(|c| c.0)
            .chain(f.source.map(|s| s.0))
            .chain([f.cue.0])
            .min()
            .unwrap_or(first)
            .max(first);
        let to = match f.content.last() {
            Some(&(_, end)) if end > f.cue.1 => end.min(last),
            _ => last,
        };
        let (first, last) = (from, to);
        let mut best: Option<(usize, usize)> = None;
        let mut j = first;
        while j < last {
            let introduced = j > first
                && matches!(
                    toks.word(j - 1),
                    "through" | "via" | "in" | "by" | "on" | "at" | "during"
                );
            if inside(j) && !introduced {
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
            // "…, without providing evidence" is the reporter's voice
            // wherever it stands.
            let reporter = toks.word(j) == "without";
            let in_speaker_words = j >= f.cue.0 && turn.is_none_or(|t| j < t) && !reporter;
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
                // "Despite attempts by X to attribute …, Y": the framing
                // holds for the claim inside its clause only.
                let clause_end = (j..last).find(|&k| toks.word(k) == ",").unwrap_or(last);
                let reaches = phrase[0] != "despite" || f.cue.0 < clause_end;
                if matches && reaches && j + phrase.len() <= last {
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

/// Whether a content only points back at an earlier claim or report.
fn is_anaphoric(content: &[String]) -> bool {
    let words: Vec<&str> = content.iter().map(String::as_str).collect();
    matches!(
        words[..],
        ["it"]
            | ["this"]
            | [
                "the" | "this" | "that" | "their" | "its",
                "claim" | "claims" | "report" | "reports" | "statement" | "account" | "accounts"
            ]
    )
}

/// Whether a content denies the speaker's own part: a first-person subject
/// and a negation ("we did not carry out", "we had no role").
fn denies_own_part(content: &[String]) -> bool {
    let first_person = content
        .iter()
        .take(3)
        .any(|w| matches!(w.as_str(), "we" | "i" | "our" | "us"));
    let negation = content
        .iter()
        .any(|w| matches!(w.as_str(), "not" | "n't" | "never" | "no" | "nothing"));
    first_person && negation
}

/// Whether a colon cue only labels a headline's topic ("IS-K: Unveiling the
/// Identity of …", "ISIS-K: What You Need to Know") rather than quoting a
/// speaker ("Bastrykin: death toll rises to 139"): title-case content after
/// a name that is not a person.
fn is_topic_label(toks: &Tokens<'_>, annotation: &Annotation, f: &Found<'_>) -> bool {
    if toks.word(f.cue.0) != ":" {
        return false;
    }
    let person = f.source.is_some_and(|(s, e)| {
        let span = toks.bytes((s, e));
        annotation.mentions.iter().any(|m| {
            m.kind == MentionKind::Person
                && span.start() <= m.span.start()
                && m.span.end() <= span.end()
        })
    });
    let words: Vec<usize> = f
        .content
        .iter()
        .flat_map(|&(s, e)| s..e)
        .filter(|&j| toks.word(j).chars().next().is_some_and(char::is_alphabetic))
        .collect();
    let capitalised = words.iter().filter(|&&j| toks.is_capitalised(j)).count();
    !person && words.len() >= 3 && capitalised * 10 >= words.len() * 6
}

/// Whether a hedge lies in the cue or content.
fn has_hedge(lexicon: &ClaimLexicon, toks: &Tokens<'_>, f: &Found<'_>) -> bool {
    std::iter::once(f.cue)
        .chain(f.content.iter().copied())
        .any(|(start, end)| {
            (start..end).any(|j| {
                let words: Vec<&str> = (j..end.min(j + 6)).map(|k| toks.word(k)).collect();
                lexicon.hedge_at(&words).is_some()
            })
        })
}

/// The lower-case words of a token range.
fn words_of(toks: &Tokens<'_>, (start, end): (usize, usize)) -> Vec<String> {
    (start..end).map(|j| toks.word(j).to_owned()).collect()
}

/// The lower-case words of the content pieces.
fn content_words(toks: &Tokens<'_>, f: &Found<'_>) -> Vec<String> {
    f.content
        .iter()
        .flat_map(|&(s, e)| s..e)
        .map(|j| toks.word(j).to_owned())
        .collect()
}

/// The entity a speaker phrase names: an actor, person or outlet, else a
/// country or nationality standing for its state.
fn entity_in(kb: &Kb, annotation: &Annotation, span: ByteSpan) -> Option<EntityKey> {
    linked_in(
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
    .map(|key| state_for(kb, key))
}

/// The entity of the first linked mention of one of `kinds` inside `span`.
fn linked_in(annotation: &Annotation, span: ByteSpan, kinds: &[MentionKind]) -> Option<EntityKey> {
    annotation
        .mentions
        .iter()
        .filter(|m| span.start() <= m.span.start() && m.span.end() <= span.end())
        .filter(|m| kinds.contains(&m.kind))
        .find_map(speaking_entity)
}

/// The entity a mention stands for as a speaker or a party: a capital that
/// is also a government's metonym speaks for the government ("Kyiv
/// denied"), and an ambiguous name whose best reading is an actor is read so
/// ("according to US officials").
fn speaking_entity(mention: &Mention) -> Option<EntityKey> {
    let actor = mention
        .candidates
        .iter()
        .find(|c| c.entity.kind() == "actor")
        .map(|c| c.entity.clone());
    match &mention.entity {
        Some(key) if key.kind() == "city" => actor.or_else(|| Some(key.clone())),
        Some(key) => Some(key.clone()),
        None => mention
            .candidates
            .first()
            .filter(|c| c.entity.kind() == "actor")
            .map(|c| c.entity.clone()),
    }
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
    text: &str,
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
    // "the attack" with no setting of its own is the article's main event.
    let stated = stated.filter(|&i| {
        let e = &events[i];
        let definite = text[..e.trigger.start() as usize]
            .trim_end()
            .rsplit(|c: char| c.is_whitespace())
            .next()
            .is_some_and(|w| {
                matches!(w.to_lowercase().as_str(), "the" | "this" | "that")
                    || w.ends_with("'s")
                    || w.ends_with("’s")
            });
        e.status == dossier_model::EventStatus::Main
            || (!definite && (e.time.is_some() || e.place.is_some()))
    });
    stated
        .or_else(main)
        .or_else(|| {
            events
                .iter()
                .position(|e| e.status == dossier_model::EventStatus::Main)
                .filter(|_| {
                    kind == ClaimKind::Statement && events.iter().any(|e| within(e.trigger))
                })
        })
        .map(|i| u32::try_from(i).unwrap_or(u32::MAX))
}

/// A speaker that says nobody spoke: "no group", "nobody", "no one",
/// "none of the groups", "никто".
fn is_nobody(speaker: &str) -> bool {
    let lower = speaker.trim().to_lowercase();
    let first = lower.split_whitespace().next().unwrap_or_default();
    matches!(first, "no" | "nobody" | "none" | "neither" | "никто" | "ни")
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, OnceLock};

    use dossier_model::{Claim, ClaimKind, Stance};
    use dossier_nlp::Annotator;

    use super::ClaimExtractor;

    fn annotator() -> &'static Annotator {
        static ANNOTATOR: OnceLock<Annotator> = OnceLock::new();
        ANNOTATOR.get_or_init(|| {
            let kb = dossier_kb::KbBuilder::with_builtin()
                .and_then(dossier_kb::KbBuilder::build)
                .expect("built-in knowledge base");
            Annotator::new(Arc::new(kb))
        })
    }

    /// Claims of a text with no event layer: only claims about who did it.
    fn claims(text: &str) -> Vec<Claim> {
        let annotator = annotator();
        let annotation = annotator.annotate(text);
        ClaimExtractor::default().extract(annotator.kb(), text, &annotation, &[])
    }

    fn speaker(claim: &Claim) -> Option<&str> {
        claim.speaker.as_ref()?.entity.as_ref().map(|e| e.as_str())
    }

    #[test]
    fn nobody_claiming_is_no_claim() {
        for text in [
            "No group has claimed responsibility for the attack.",
            "Nobody has claimed responsibility for the bombing in Kabul.",
            "No one claimed the attack, police said.",
        ] {
            let found = claims(text);
            assert!(
                found.iter().all(|c| c.kind != ClaimKind::Responsibility),
                "{text}: {found:#?}"
            );
        }
        // a real claim beside it still counts
        let found = claims(
            "No group claimed the attack at first. The Islamic State later claimed \
             responsibility through its Amaq news agency.",
        );
        assert!(found.iter().any(|c| c.kind == ClaimKind::Responsibility));
    }

    #[test]
    fn pronoun_and_title_speakers_resolve_to_the_person_named_before() {
        let found = claims(
            "President Vladimir Putin spoke on television on Saturday. He said Ukraine \
             was behind the attack.",
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(speaker(&found[0]), Some("actor:vladimir-putin"));
        assert_eq!(found[0].kind, ClaimKind::Attribution);
        let found = claims(
            "President Vladimir Putin spoke on television. The president blamed Ukraine \
             for the attack.",
        );
        assert_eq!(
            speaker(&found[0]),
            Some("actor:vladimir-putin"),
            "{found:#?}"
        );
    }

    #[test]
    fn denial_negation_and_hedges() {
        let found = claims("Kyiv flatly denied any involvement in the attack.");
        assert_eq!(found[0].kind, ClaimKind::Denial);
        assert_eq!(found[0].stance, Stance::Denies);
        assert_eq!(speaker(&found[0]), Some("actor:ukraine"));

        let found = claims("The group did not claim responsibility for the attack.");
        assert_eq!(found[0].stance, Stance::Denies, "{found:#?}");

        let found = claims("Officials said the bombing was reportedly carried out by the Taliban.");
        assert_eq!(found[0].kind, ClaimKind::Attribution);
        assert!(
            found[0].hedges.iter().any(|h| h.text == "reportedly"),
            "{found:#?}"
        );
        assert_eq!(
            found[0]
                .about
                .as_ref()
                .and_then(|a| a.entity.as_ref())
                .map(|e| e.as_str()),
            Some("actor:taliban")
        );
    }

    #[test]
    fn according_to_and_postposed_speakers() {
        let found =
            claims("The attack was carried out by the Islamic State, according to US officials.");
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(speaker(&found[0]), Some("actor:united-states"));
        let found = claims("“We did not carry out this attack,” the Taliban said on Sunday.");
        assert_eq!(speaker(&found[0]), Some("actor:taliban"), "{found:#?}");
    }

    #[test]
    fn the_accused_are_not_accusers() {
        let found = claims(
            "The four men accused of carrying out the attack were remanded in custody until May.",
        );
        assert!(found.is_empty(), "{found:#?}");
    }

    #[test]
    fn headline_form() {
        let found = claims(
            "Kremlin blames Kyiv for concert hall attack\n\nMOSCOW (Reuters) - Russian \
             officials spoke on Saturday.",
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].kind, ClaimKind::Attribution);
        assert_eq!(speaker(&found[0]), Some("actor:russia"));
        assert_eq!(
            found[0]
                .about
                .as_ref()
                .and_then(|a| a.entity.as_ref())
                .map(|e| e.as_str()),
            Some("actor:ukraine")
        );
    }

    #[test]
    fn without_evidence_is_the_articles_framing() {
        let found = claims("The Kremlin blamed Ukraine for the attack without providing evidence.");
        let claim = &found[0];
        assert_eq!(claim.kind, ClaimKind::Attribution);
        assert_eq!(
            claim.framing.as_ref().map(|f| f.stance),
            Some(Stance::Disputes),
            "{found:#?}"
        );
    }
}
