//! The OpenAPI 3.1 document of the API, served at `/openapi.json`.
//!
//! Written by hand from the response types rather than derived: the shapes
//! come from several crates that should not depend on a web framework. Every
//! object schema is closed (`additionalProperties: false`), and the API
//! tests validate real responses against it, so a field added to a response
//! without being documented fails a test.

use std::sync::OnceLock;

use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value, json};

use crate::api::MAX_LIMIT;

/// A reference to a component schema.
fn r(name: &str) -> Value {
    json!({ "$ref": format!("#/components/schemas/{name}") })
}

/// `schema` or null.
fn nullable(schema: Value) -> Value {
    json!({ "anyOf": [schema, { "type": "null" }] })
}

fn string() -> Value {
    json!({ "type": "string" })
}

fn integer() -> Value {
    json!({ "type": "integer", "minimum": 0 })
}

fn number() -> Value {
    json!({ "type": "number" })
}

fn boolean() -> Value {
    json!({ "type": "boolean" })
}

fn array(items: Value) -> Value {
    json!({ "type": "array", "items": items })
}

fn strings() -> Value {
    array(string())
}

fn one_of(values: &[&str]) -> Value {
    json!({ "type": "string", "enum": values })
}

/// `[start, end)` bytes in the article's UTF-8 text.
fn span() -> Value {
    json!({
        "type": "array", "items": { "type": "integer", "minimum": 0 },
        "minItems": 2, "maxItems": 2,
        "description": "[start, end) byte offsets into the article's UTF-8 text"
    })
}

/// A closed object: `required` always present, `optional` only sometimes.
fn object(required: &[(&str, Value)], optional: &[(&str, Value)]) -> Value {
    let mut properties = Map::new();
    for (name, schema) in required.iter().chain(optional) {
        properties.insert((*name).to_owned(), schema.clone());
    }
    json!({
        "type": "object",
        "properties": properties,
        "required": required.iter().map(|(n, _)| *n).collect::<Vec<_>>(),
        "additionalProperties": false,
    })
}

fn page(item: &str) -> Value {
    object(
        &[
            ("items", array(r(item))),
            ("limit", integer()),
            ("offset", integer()),
            ("next_offset", nullable(integer())),
        ],
        &[],
    )
}

fn schemas() -> Value {
    let claim_kind = one_of(&[
        "responsibility",
        "attribution",
        "denial",
        "confirmation",
        "statement",
    ]);
    let stance = one_of(&["asserts", "denies", "disputes"]);
    let toll_brief = object(
        &[
            ("low", integer()),
            ("best", integer()),
            ("high", integer()),
            ("contested", boolean()),
        ],
        &[("as_of", string())],
    );
    let event_row = [
        ("id", string()),
        ("kind", string()),
        ("date", nullable(string())),
        ("country", nullable(string())),
        ("place", nullable(string())),
        ("members", integer()),
        ("articles", integer()),
    ];
    let digest_required = [
        ("sources", integer()),
        ("contested", strings()),
        (
            "perpetrator",
            one_of(&["claimed", "attributed", "contested", "unknown"]),
        ),
        ("perpetrators", strings()),
    ];
    let digest_optional = [
        ("title", string()),
        (
            "coords",
            json!({ "type": "array", "items": number(), "minItems": 2, "maxItems": 2,
                    "description": "[latitude, longitude]" }),
        ),
        ("killed", r("TollBrief")),
        ("wounded", r("TollBrief")),
    ];
    // listings carry the digest's fields when it is computed
    let event_item = object(
        &event_row,
        &digest_required
            .iter()
            .chain(&digest_optional)
            .cloned()
            .collect::<Vec<_>>(),
    );
    let assertion = object(
        &[
            ("text", string()),
            ("article", string()),
            ("mention", string()),
            ("span", span()),
            ("sentence", span()),
            ("quote", string()),
            ("source", string()),
            ("extractor", string()),
            ("confidence", number()),
        ],
        &[
            ("outlet", string()),
            ("published", string()),
            ("copy_of", string()),
        ],
    );
    let claim_ref = object(
        &[
            ("id", string()),
            ("kind", claim_kind.clone()),
            ("stance", stance.clone()),
            ("article", string()),
            ("sentence", span()),
            ("quote", string()),
            ("source", string()),
        ],
        &[
            ("speaker", string()),
            ("hedges", strings()),
            ("channel", string()),
        ],
    );
    let claim_part = object(
        &[("span", span()), ("text", string())],
        &[("entity", string())],
    );
    let claim_view = object(
        &[
            ("id", string()),
            ("article", string()),
            ("title", nullable(string())),
            ("outlet", nullable(string())),
            ("published", nullable(string())),
            ("event_id", nullable(string())),
            ("kind", claim_kind),
            (
                "attribution",
                object(
                    &[("cue", array(span())), ("content", array(span()))],
                    &[("source", span())],
                ),
            ),
            ("sentence", span()),
            ("stance", stance.clone()),
            ("confidence", number()),
            ("extractor", r("Extractor")),
            (
                "quotes",
                object(
                    &[
                        ("cue", string()),
                        ("content", string()),
                        ("sentence", string()),
                    ],
                    &[("framing", string())],
                ),
            ),
        ],
        &[
            ("speaker", r("ClaimPart")),
            ("about", r("ClaimPart")),
            ("event", integer()),
            ("hedges", array(r("ClaimPart"))),
            ("channel", r("ClaimPart")),
            (
                "framing",
                object(&[("span", span()), ("stance", stance)], &[]),
            ),
        ],
    );
    let report = object(
        &[
            ("mention", string()),
            ("article", string()),
            ("title", nullable(string())),
            ("outlet", nullable(string())),
            ("published", nullable(string())),
            ("status", string()),
            ("source", string()),
            ("seen_at", strings()),
        ],
        &[
            ("copy_of", string()),
            ("copy_kind", one_of(&["near_duplicate", "rewrite"])),
        ],
    );
    let value_record = object(
        &[
            ("value", string()),
            ("label", string()),
            ("sources", strings()),
            ("corroboration", integer()),
            ("assertions", array(r("Assertion"))),
        ],
        &[],
    );
    let field_record = object(
        &[
            ("field", string()),
            ("values", array(r("ValueRecord"))),
            ("contested", boolean()),
        ],
        &[("consensus", string())],
    );
    let toll_point = object(
        &[
            ("low", integer()),
            ("label", string()),
            ("sources", strings()),
            ("corroboration", integer()),
            ("assertions", array(r("Assertion"))),
        ],
        &[("as_of", string()), ("high", integer())],
    );
    let toll_record = object(
        &[
            ("field", one_of(&["killed", "wounded"])),
            ("series", array(r("TollPoint"))),
            (
                "consensus",
                object(
                    &[
                        ("ucdp_low", integer()),
                        ("ucdp_best", integer()),
                        ("ucdp_high", integer()),
                        ("acled", integer()),
                        ("gtd", integer()),
                    ],
                    &[("as_of", string())],
                ),
            ),
            ("contested", boolean()),
        ],
        &[("conflicts", strings())],
    );
    let actor_standing = object(
        &[
            ("actor", string()),
            ("names", strings()),
            (
                "standing",
                one_of(&["claimed", "attributed", "contested", "denied"]),
            ),
            ("sources", strings()),
            ("hedged", boolean()),
        ],
        &[
            ("claims", array(r("ClaimRef"))),
            ("attributions", array(r("ClaimRef"))),
            ("disputes", array(r("ClaimRef"))),
        ],
    );
    let event_record = object(
        &[
            ("sources", strings()),
            ("fields", array(r("FieldRecord"))),
            (
                "perpetrator",
                object(
                    &[
                        (
                            "status",
                            one_of(&["claimed", "attributed", "contested", "unknown"]),
                        ),
                        ("actors", array(r("ActorStanding"))),
                    ],
                    &[],
                ),
            ),
        ],
        &[("killed", r("TollRecord")), ("wounded", r("TollRecord"))],
    );
    let digest = object(&digest_required, &digest_optional);
    let event_page = object(
        &[
            ("event", object(&event_row, &[])),
            ("reports", array(r("Report"))),
            ("record", r("EventRecord")),
            ("digest", r("EventDigest")),
            ("claims", array(r("Claim"))),
        ],
        &[],
    );
    let actor_item = object(
        &[
            ("id", string()),
            ("kind", string()),
            ("name", string()),
            ("aliases", strings()),
            ("country", nullable(string())),
            ("articles", integer()),
            ("mentions", integer()),
        ],
        &[],
    );
    let mention_hit = object(
        &[
            ("article", string()),
            ("title", nullable(string())),
            ("outlet", nullable(string())),
            ("published", nullable(string())),
            ("span", span()),
            ("text", string()),
            ("sentence", string()),
            ("rule", string()),
            ("confidence", number()),
        ],
        &[],
    );
    let actor_page = object(
        &[
            ("id", string()),
            ("name", string()),
            ("kind", string()),
            (
                "alias_evidence",
                array(object(
                    &[("alias", string()), ("evidence", string())],
                    &[
                        ("article", string()),
                        ("span", span()),
                        ("sentence", string()),
                        ("removed", boolean()),
                        ("conflict", strings()),
                    ],
                )),
            ),
            (
                "related",
                array(object(
                    &[
                        ("direction", one_of(&["in", "out"])),
                        ("kind", string()),
                        ("actor", string()),
                        ("name", string()),
                    ],
                    &[],
                )),
            ),
            ("places", strings()),
            ("articles", array(r("MentionHit"))),
            ("events", array(r("EventItem"))),
        ],
        &[
            ("aliases", strings()),
            ("case_sensitive", strings()),
            ("metonyms", strings()),
            ("demonyms", strings()),
            ("country", string()),
            ("areas", strings()),
            ("active", string()),
            (
                "relations",
                array(object(
                    &[("kind", string()), ("target", string())],
                    &[
                        ("from", json!({"type": "integer"})),
                        ("to", json!({"type": "integer"})),
                    ],
                )),
            ),
            (
                "roles",
                array(object(
                    &[
                        ("title", string()),
                        ("of", string()),
                        ("from", json!({"type": "integer"})),
                    ],
                    &[("to", json!({"type": "integer"}))],
                )),
            ),
            ("note", string()),
        ],
    );
    let article_summary = object(
        &[
            ("id", string()),
            ("title", nullable(string())),
            ("outlet", nullable(string())),
            ("published", nullable(string())),
            ("language", nullable(string())),
            ("url", nullable(string())),
            ("chars", integer()),
            ("sightings", integer()),
        ],
        &[],
    );
    let article_page = object(
        &[
            ("id", string()),
            ("title", nullable(string())),
            ("outlet", nullable(string())),
            ("url", nullable(string())),
            ("published", nullable(string())),
            ("language", nullable(string())),
            ("byline", nullable(string())),
            ("text", string()),
            ("sentences", array(span())),
            ("seen_at", strings()),
            (
                "events",
                array(object(
                    &[
                        ("mention", string()),
                        ("event", nullable(string())),
                        ("kind", string()),
                        ("status", string()),
                        ("sentence", span()),
                    ],
                    &[],
                )),
            ),
            ("claims", array(r("Claim"))),
        ],
        &[],
    );
    let search_hit = object(
        &[
            ("id", string()),
            ("title", nullable(string())),
            ("outlet", nullable(string())),
            ("snippet", string()),
            ("score", number()),
        ],
        &[],
    );
    let stats = object(
        &[
            ("articles", integer()),
            ("sightings", integer()),
            ("duplicates", integer()),
            ("outlets", integer()),
            ("failures", integer()),
            ("events", integer()),
            ("read_only", boolean()),
        ],
        &[],
    );
    let ingest_summary = object(
        &[
            ("read", integer()),
            ("stored", integer()),
            ("duplicates", integer()),
            ("unchanged", integer()),
            (
                "rejected",
                json!({ "type": "object", "additionalProperties": integer() }),
            ),
            (
                "problems",
                array(object(
                    &[
                        ("input", string()),
                        ("kind", one_of(&["rejected", "failed"])),
                        ("code", string()),
                        ("message", string()),
                    ],
                    &[],
                )),
            ),
            (
                "linked",
                object(
                    &[
                        ("articles", integer()),
                        ("copies", integer()),
                        ("mentions", integer()),
                        ("events_opened", integer()),
                        ("events_merged", integer()),
                        ("digests", integer()),
                    ],
                    &[],
                ),
            ),
        ],
        &[],
    );
    let error = object(
        &[(
            "error",
            object(&[("code", string()), ("message", string())], &[]),
        )],
        &[],
    );
    json!({
        "Error": error,
        "Health": object(&[("status", string()), ("version", string())], &[]),
        "Stats": stats,
        "TollBrief": toll_brief,
        "EventItem": event_item,
        "EventPageList": page("EventItem"),
        "EventDigest": digest,
        "EventPage": event_page,
        "Report": report,
        "EventRecord": event_record,
        "FieldRecord": field_record,
        "ValueRecord": value_record,
        "Assertion": assertion,
        "TollPoint": toll_point,
        "TollRecord": toll_record,
        "ActorStanding": actor_standing,
        "ClaimRef": claim_ref,
        "ClaimPart": claim_part,
        "Extractor": object(&[("name", string()), ("version", integer())], &[]),
        "Claim": claim_view,
        "ClaimPageList": page("Claim"),
        "ActorItem": actor_item,
        "ActorPageList": page("ActorItem"),
        "MentionHit": mention_hit,
        "ActorPage": actor_page,
        "ArticleSummary": article_summary,
        "ArticlePageList": page("ArticleSummary"),
        "ArticlePage": article_page,
        "SearchHit": search_hit,
        "SearchPageList": page("SearchHit"),
        "IngestSummary": ingest_summary,
    })
}

fn param(name: &str, location: &str, schema: Value, description: &str) -> Value {
    json!({
        "name": name, "in": location, "required": location == "path",
        "schema": schema, "description": description,
    })
}

fn paging() -> [Value; 2] {
    [
        param(
            "limit",
            "query",
            json!({ "type": "integer", "minimum": 1, "maximum": MAX_LIMIT, "default": 50 }),
            "Most items per page.",
        ),
        param(
            "offset",
            "query",
            json!({ "type": "integer", "minimum": 0, "maximum": u32::MAX }),
            "Items to skip.",
        ),
    ]
}

/// An ISO date: a year, a month or a day (empty: no filter).
fn iso_date() -> Value {
    json!({ "type": "string", "pattern": "^([0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?)?$" })
}

/// An ISO date, or a date and time (empty: no filter).
fn iso_time() -> Value {
    json!({ "type": "string", "pattern": "^([0-9]{4}(-[0-9]{2}(-[0-9]{2}(T.+)?)?)?)?$" })
}

fn ok(schema: &str, description: &str) -> Value {
    json!({
        "200": {
            "description": description,
            "content": { "application/json": { "schema": r(schema) } }
        },
        "400": { "$ref": "#/components/responses/BadRequest" },
        "404": { "$ref": "#/components/responses/NotFound" },
        "500": { "$ref": "#/components/responses/Internal" },
    })
}

fn get(summary: &str, parameters: Vec<Value>, schema: &str, description: &str) -> Value {
    json!({ "get": {
        "summary": summary,
        "parameters": parameters,
        "responses": ok(schema, description),
    }})
}

fn with_paging(mut parameters: Vec<Value>) -> Vec<Value> {
    parameters.extend(paging());
    parameters
}

/// The document.
#[must_use]
pub fn document() -> Value {
    let id = |what: &str| param("id", "path", string(), what);
    let error_response = |description: &str| {
        json!({
            "description": description,
            "content": { "application/json": { "schema": r("Error") } }
        })
    };
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "Dossier API",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "A sourced, cross-checked record of political violence from news reports: events across articles with every source's value, consensus and contested fields; actors with aliases and evidence; claims of responsibility, attributions, denials. Read-only unless the server has a token.",
        },
        "paths": {
            "/api/health": get("Liveness", vec![], "Health", "The server is up."),
            "/api/stats": get("Counts over the store", vec![], "Stats", "Counts."),
            "/api/events": get(
                "Events across articles, newest first",
                with_paging(vec![
                    param("since", "query", iso_date(), "Events whose dates reach this ISO day, month or year (undated events are left out)."),
                    param("until", "query", iso_date(), "Events whose dates start by the end of this ISO day, month or year."),
                    param("country", "query", json!({ "type": "string", "pattern": "^([A-Za-z]{2})?$" }), "ISO 3166 alpha-2 country of the event."),
                    param("place", "query", string(), "Text the place name contains."),
                    param("actor", "query", string(), "An actor id, name or alias filling any role."),
                    param("kind", "query", string(), "Event kind (shooting, bombing, …)."),
                    param("contested", "query", boolean(), "Only events with a contested field."),
                ]),
                "EventPageList",
                "One page of events with their digests.",
            ),
            "/api/events/{id}": get(
                "One event: every field's values with their sources, the toll series, consensus, contested flags, perpetrator status, reports and claims",
                vec![id("The event id (ev…).")],
                "EventPage",
                "The event.",
            ),
            "/api/actors": get(
                "Knowledge-base actors, most mentioned first",
                with_paging(vec![
                    param("q", "query", string(), "Text a name or alias contains."),
                    param("kind", "query", string(), "group, state, agency, person, …"),
                    param("all", "query", boolean(), "Also actors no stored article mentions."),
                ]),
                "ActorPageList",
                "One page of actors.",
            ),
            "/api/actors/{id}": get(
                "One actor: aliases with their evidence, relations, mentions, events",
                vec![id("An actor id, name or alias.")],
                "ActorPage",
                "The actor.",
            ),
            "/api/claims": get(
                "Claims: responsibility, attribution, denial, confirmation, statement",
                with_paging(vec![
                    param("event", "query", string(), "An event (ev…) or event mention (ARTICLE.N)."),
                    param("actor", "query", string(), "Speaker or subject: an actor id, name or alias."),
                    param("speaker", "query", string(), "Text the speaker's name contains."),
                    param("kind", "query", one_of(&["", "responsibility", "attribution", "denial", "confirmation", "statement"]), "The claim's kind (empty: any)."),
                ]),
                "ClaimPageList",
                "One page of claims.",
            ),
            "/api/articles": get(
                "Stored articles, newest first",
                with_paging(vec![
                    param("outlet", "query", string(), "Outlet domain."),
                    param("language", "query", string(), "ISO 639-1 language."),
                    param("since", "query", iso_time(), "Published on or after (ISO)."),
                    param("until", "query", iso_time(), "Published before (ISO)."),
                ]),
                "ArticlePageList",
                "One page of articles.",
            ),
            "/api/articles/{id}": get(
                "One article: text, sentences, sightings, event mentions, claims",
                vec![param("id", "path", json!({ "type": "string", "pattern": "^[0-9a-fA-F]{32}$" }), "The article id (32 hex digits).")],
                "ArticlePage",
                "The article.",
            ),
            "/api/search": get(
                "Full-text search over titles and text, best first",
                with_paging(vec![
                    json!({ "name": "q", "in": "query", "required": true,
                            "schema": { "type": "string", "minLength": 1, "pattern": "\\S" },
                            "description": "Words that must all occur." }),
                    param("syntax", "query", boolean(), "Read q as FTS5 syntax (\"phrase\", OR, NOT, prefix*)."),
                ]),
                "SearchPageList",
                "One page of hits.",
            ),
            "/api/ingest": { "post": {
                "summary": "Store and link the documents in the body (HTML, text, JSON Lines, WARC, RSS/Atom, gzip)",
                "security": [{ "bearer": [] }],
                "parameters": [param("name", "query", string(), "The upload's file name; its extension helps tell the format.")],
                "requestBody": { "required": true, "content": { "application/octet-stream": { "schema": { "type": "string", "format": "binary" } } } },
                "responses": {
                    "200": { "description": "Every document read.", "content": { "application/json": { "schema": r("IngestSummary") } } },
                    "207": { "description": "Stored what could be read; `problems` names the rest.", "content": { "application/json": { "schema": r("IngestSummary") } } },
                    "400": { "$ref": "#/components/responses/BadRequest" },
                    "401": error_response("No or wrong bearer token."),
                    "403": error_response("The server is read-only (no token configured)."),
                    "413": { "description": "The body is larger than the limit." },
                    "500": { "$ref": "#/components/responses/Internal" },
                }
            }},
        },
        "components": {
            "schemas": schemas(),
            "responses": {
                "BadRequest": error_response("A parameter is wrong."),
                "NotFound": error_response("Nothing by that id."),
                "Internal": error_response("The store failed."),
            },
            "securitySchemes": { "bearer": { "type": "http", "scheme": "bearer" } },
        },
    })
}

/// `GET /openapi.json`.
pub(crate) async fn handler() -> Response {
    static BODY: OnceLock<Vec<u8>> = OnceLock::new();
    let body = BODY.get_or_init(|| serde_json::to_vec_pretty(&document()).unwrap_or_default());
    (
        [(header::CONTENT_TYPE, "application/json")],
        body.as_slice(),
    )
        .into_response()
}
