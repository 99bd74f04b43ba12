//! Page metadata from `<meta>`, JSON-LD, `<title>`, `<link>` and `<html lang>`.

use serde_json::Value;

use super::PageMetadata;
use super::parse::RawMeta;
use crate::date::parse_published;

fn meta<'a>(raw: &'a RawMeta, keys: &[&str]) -> Option<&'a str> {
    keys.iter().find_map(|k| {
        raw.metas
            .iter()
            .find(|(name, content)| name == k && !content.trim().is_empty())
            .map(|(_, c)| c.as_str())
    })
}

fn clean(s: &str) -> Option<String> {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    (!s.is_empty()).then_some(s)
}

/// Finds the first article-like JSON-LD object's fields.
#[derive(Default)]
struct Ld {
    headline: Option<String>,
    author: Option<String>,
    published: Option<String>,
    publisher: Option<String>,
}

fn name_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => clean(s),
        Value::Object(o) => o.get("name").and_then(name_of),
        Value::Array(a) => {
            let names: Vec<String> = a.iter().filter_map(name_of).collect();
            (!names.is_empty()).then(|| names.join(", "))
        }
        _ => None,
    }
}

fn walk_ld(v: &Value, ld: &mut Ld, depth: usize) {
    if depth > 8 {
        return;
    }
    match v {
        Value::Array(a) => a.iter().for_each(|x| walk_ld(x, ld, depth + 1)),
        Value::Object(o) => {
            if let Some(g) = o.get("@graph") {
                walk_ld(g, ld, depth + 1);
            }
            let ty = o
                .get("@type")
                .map(|t| t.to_string().to_ascii_lowercase())
                .unwrap_or_default();
            let articleish = ty.contains("article")
                || ty.contains("posting")
                || ty.contains("report")
                || o.contains_key("datePublished");
            if !articleish {
                return;
            }
            if ld.headline.is_none() {
                ld.headline = o.get("headline").and_then(Value::as_str).and_then(clean);
            }
            if ld.author.is_none() {
                ld.author = o.get("author").and_then(name_of);
            }
            if ld.published.is_none() {
                ld.published = o
                    .get("datePublished")
                    .and_then(Value::as_str)
                    .map(str::to_owned);
            }
            if ld.publisher.is_none() {
                ld.publisher = o.get("publisher").and_then(name_of);
            }
        }
        _ => {}
    }
}

/// Strips a `" - Site"` / `" | Site"` suffix from a `<title>`.
fn strip_site_suffix(title: &str, site: Option<&str>) -> String {
    for sep in [" | ", " - ", " – ", " — ", " :: ", " » "] {
        if let Some(pos) = title.rfind(sep) {
            let (head, tail) = (&title[..pos], &title[pos + sep.len()..]);
            let site_like = site.is_some_and(|s| tail.eq_ignore_ascii_case(s))
                || tail.split_whitespace().count() <= 4;
            if site_like && head.chars().count() >= 10 {
                return head.trim().to_owned();
            }
        }
    }
    title.trim().to_owned()
}

/// ISO 639-3 (whatlang) to ISO 639-1.
fn iso1(code3: &str) -> Option<&'static str> {
    const MAP: &[(&str, &str)] = &[
        ("eng", "en"),
        ("deu", "de"),
        ("rus", "ru"),
        ("fra", "fr"),
        ("spa", "es"),
        ("ita", "it"),
        ("por", "pt"),
        ("nld", "nl"),
        ("pol", "pl"),
        ("ukr", "uk"),
        ("tur", "tr"),
        ("ara", "ar"),
        ("cmn", "zh"),
        ("jpn", "ja"),
        ("kor", "ko"),
        ("swe", "sv"),
        ("dan", "da"),
        ("nob", "nb"),
        ("fin", "fi"),
        ("ces", "cs"),
        ("slk", "sk"),
        ("hun", "hu"),
        ("ron", "ro"),
        ("bul", "bg"),
        ("hrv", "hr"),
        ("srp", "sr"),
        ("slv", "sl"),
        ("ell", "el"),
        ("heb", "he"),
        ("hin", "hi"),
        ("pes", "fa"),
        ("urd", "ur"),
        ("ben", "bn"),
        ("ind", "id"),
        ("vie", "vi"),
        ("tha", "th"),
        ("lit", "lt"),
        ("lav", "lv"),
        ("est", "et"),
        ("bel", "be"),
        ("cat", "ca"),
        ("epo", "eo"),
        ("aze", "az"),
        ("kat", "ka"),
        ("hye", "hy"),
        ("uzb", "uz"),
        ("mkd", "mk"),
        ("afr", "af"),
        ("tgl", "tl"),
        ("tam", "ta"),
        ("tel", "te"),
        ("mar", "mr"),
        ("nep", "ne"),
        ("pan", "pa"),
        ("guj", "gu"),
        ("kan", "kn"),
        ("mal", "ml"),
        ("sin", "si"),
        ("amh", "am"),
        ("yid", "yi"),
        ("lat", "la"),
        ("zul", "zu"),
        ("sna", "sn"),
        ("aka", "ak"),
        ("jav", "jv"),
        ("khm", "km"),
        ("mya", "my"),
        ("ori", "or"),
        ("tuk", "tk"),
    ];
    MAP.iter().find(|(a, _)| *a == code3).map(|(_, b)| *b)
}

/// Normalises a declared language (`de-DE`, `en_US`, `deu`) to ISO 639-1.
pub(crate) fn normalise_lang(declared: &str) -> Option<String> {
    let primary = declared
        .trim()
        .split(['-', '_'])
        .next()?
        .to_ascii_lowercase();
    match primary.len() {
        2 if primary.bytes().all(|b| b.is_ascii_lowercase()) => Some(primary),
        3 => iso1(&primary).map(str::to_owned),
        _ => None,
    }
}

/// Detects the language of `text` with whatlang when it is confident.
pub(crate) fn detect_lang(text: &str) -> Option<String> {
    let sample = match text.char_indices().nth(4000) {
        Some((i, _)) => &text[..i],
        None => text,
    };
    let info = whatlang::detect(sample)?;
    (info.is_reliable())
        .then(|| iso1(info.lang().code()).map(str::to_owned))
        .flatten()
}

/// Builds the page metadata; `h1` is the first top-level heading's text.
pub(crate) fn build(raw: &RawMeta, h1: Option<&str>, byline_block: Option<&str>) -> PageMetadata {
    let mut ld = Ld::default();
    for script in &raw.ld_json {
        if let Ok(v) = serde_json::from_str::<Value>(script.trim()) {
            walk_ld(&v, &mut ld, 0);
        }
    }
    let site_name = meta(raw, &["og:site_name", "application-name"])
        .and_then(clean)
        .or(ld.publisher.clone());
    let title = meta(raw, &["og:title", "twitter:title"])
        .and_then(clean)
        .or_else(|| ld.headline.clone())
        .or_else(|| {
            raw.title
                .as_deref()
                .and_then(clean)
                .map(|t| strip_site_suffix(&t, site_name.as_deref()))
        })
        .or_else(|| h1.and_then(clean));
    let byline = meta(
        raw,
        &[
            "author",
            "article:author",
            "dc.creator",
            "byl",
            "sailthru.author",
        ],
    )
    .filter(|a| !a.starts_with("http"))
    .and_then(clean)
    .or(ld.author)
    .or_else(|| byline_block.and_then(clean));
    let published = meta(
        raw,
        &[
            "article:published_time",
            "datepublished",
            "og:article:published_time",
            "date",
            "pubdate",
            "publishdate",
            "dc.date",
            "dc.date.issued",
            "dcterms.date",
            "sailthru.date",
        ],
    )
    .and_then(parse_published)
    .or_else(|| ld.published.as_deref().and_then(parse_published))
    .or_else(|| raw.time_datetime.as_deref().and_then(parse_published));
    let canonical_url = raw.canonical.clone().filter(|c| !c.is_empty());
    let url = meta(raw, &["og:url"])
        .map(str::to_owned)
        .filter(|u| Some(u) != canonical_url.as_ref());
    let language = raw.lang.as_deref().and_then(normalise_lang);
    PageMetadata {
        title,
        byline,
        published,
        site_name,
        canonical_url,
        url,
        language,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn langs() {
        assert_eq!(normalise_lang("de-DE").as_deref(), Some("de"));
        assert_eq!(normalise_lang("en_US").as_deref(), Some("en"));
        assert_eq!(normalise_lang("deu").as_deref(), Some("de"));
        assert_eq!(normalise_lang("x"), None);
    }

    #[test]
    fn title_suffix() {
        assert_eq!(
            strip_site_suffix("Attack on hall - Example News", None),
            "Attack on hall"
        );
    }
}
