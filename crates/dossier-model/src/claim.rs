//! Claims: who asserts what about whom. After an attack most facts arrive as
//! statements — a group claims it, officials attribute it, a government
//! denies it — so attribution is kept as data, one record per statement,
//! instead of one guessed perpetrator field.
//!
//! A claim is built on an [`Attribution`]: the cue ("said", "according
//! to", "claimed responsibility"), its source (the speaker) and its content
//! (what is attributed, possibly in pieces around the speaker).

use serde::{Deserialize, Serialize};

use crate::{ByteSpan, EntityKey, ExtractorId};

/// One attribution relation: a cue, who speaks through it, and what is
/// attributed. The layer PolNeAR and PARC annotate.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attribution {
    /// The reporting word or phrase; pieces when it is split ("said … in a
    /// statement").
    pub cue: Vec<ByteSpan>,
    /// The speaker as written, when the text names one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<ByteSpan>,
    /// What is attributed, in text order; pieces when a quote is split
    /// around its speaker.
    pub content: Vec<ByteSpan>,
}

/// What the statement does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClaimKind {
    /// An actor claims an attack as its own ("the Islamic State claimed
    /// responsibility").
    Responsibility,
    /// Someone says another actor did it ("US officials said IS-K carried
    /// out the attack", "the Kremlin blames Kyiv").
    Attribution,
    /// Someone denies involvement or a report ("Kyiv denied any
    /// involvement").
    Denial,
    /// Someone confirms a claim or a report ("US intelligence has affirmed").
    Confirmation,
    /// Any other reported statement.
    Statement,
}

impl ClaimKind {
    /// Every kind, in declaration order: for listing the valid names.
    pub const ALL: [Self; 5] = [
        Self::Responsibility,
        Self::Attribution,
        Self::Denial,
        Self::Confirmation,
        Self::Statement,
    ];

    /// The snake-case name.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Responsibility => "responsibility",
            Self::Attribution => "attribution",
            Self::Denial => "denial",
            Self::Confirmation => "confirmation",
            Self::Statement => "statement",
        }
    }

    /// The kind named `name`.
    #[must_use]
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.name() == name)
    }
}

/// The speaker's position towards the content.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stance {
    /// The speaker holds the content true.
    Asserts,
    /// The speaker says the content is false.
    Denies,
    /// The speaker questions or contests it without denying it outright.
    Disputes,
}

impl Stance {
    /// The snake-case name.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Asserts => "asserts",
            Self::Denies => "denies",
            Self::Disputes => "disputes",
        }
    }

    /// The stance named `name`.
    #[must_use]
    pub fn from_name(name: &str) -> Option<Self> {
        [Self::Asserts, Self::Denies, Self::Disputes]
            .into_iter()
            .find(|s| s.name() == name)
    }
}

/// A named piece of text: a speaker, an actor, a hedge, a channel.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClaimPart {
    /// Its bytes in the article text.
    pub span: ByteSpan,
    /// The text, for reading without the article.
    pub text: String,
    /// The entity it refers to, when linked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity: Option<EntityKey>,
}

/// How the article itself frames a claim it reports ("despite attempts by
/// Putin to attribute the attack to Ukraine" disputes the attribution).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Framing {
    /// The framing words ("despite attempts", "without providing evidence").
    pub span: ByteSpan,
    /// The article's stance towards the claim.
    pub stance: Stance,
}

/// One statement an article reports (or makes itself).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    /// What the statement does.
    pub kind: ClaimKind,
    /// The cue, source and content it rests on.
    pub attribution: Attribution,
    /// The sentence holding the cue.
    pub sentence: ByteSpan,
    /// Who speaks; `None` when the article asserts it itself ("IS-K,
    /// believed to be responsible").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker: Option<ClaimPart>,
    /// The actor the claim is about (the group claimed or blamed, the party
    /// denying).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub about: Option<ClaimPart>,
    /// Index, in the article's event layer, of the event mention it concerns.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event: Option<u32>,
    /// The speaker's stance towards the content.
    pub stance: Stance,
    /// Hedges that weaken it ("believed to be", "may", "reportedly").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hedges: Vec<ClaimPart>,
    /// Where it was made, when stated ("its Amaq news agency", "a televised
    /// address").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<ClaimPart>,
    /// The article's own framing of the claim, when it takes a position.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub framing: Option<Framing>,
    /// Confidence, 0–1.
    pub confidence: f32,
    /// What extracted it.
    pub extractor: ExtractorId,
}

impl Claim {
    /// The speaker's name as written, or `the article` for the article's own
    /// assertions.
    #[must_use]
    pub fn speaker_name(&self) -> &str {
        self.speaker.as_ref().map_or("the article", |s| &s.text)
    }
}
