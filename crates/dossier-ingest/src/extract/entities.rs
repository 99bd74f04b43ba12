//! HTML character references: numeric ones and the named ones news pages use.

/// Named references (without `&` and `;`) and what they decode to.
const NAMED: &[(&str, &str)] = &[
    ("amp", "&"),
    ("lt", "<"),
    ("gt", ">"),
    ("quot", "\""),
    ("apos", "'"),
    ("nbsp", "\u{a0}"),
    ("ndash", "–"),
    ("mdash", "—"),
    ("hellip", "…"),
    ("laquo", "«"),
    ("raquo", "»"),
    ("bdquo", "„"),
    ("ldquo", "“"),
    ("rdquo", "”"),
    ("lsquo", "‘"),
    ("rsquo", "’"),
    ("sbquo", "‚"),
    ("lsaquo", "‹"),
    ("rsaquo", "›"),
    ("auml", "ä"),
    ("ouml", "ö"),
    ("uuml", "ü"),
    ("Auml", "Ä"),
    ("Ouml", "Ö"),
    ("Uuml", "Ü"),
    ("szlig", "ß"),
    ("eacute", "é"),
    ("egrave", "è"),
    ("ecirc", "ê"),
    ("euml", "ë"),
    ("Eacute", "É"),
    ("aacute", "á"),
    ("agrave", "à"),
    ("acirc", "â"),
    ("atilde", "ã"),
    ("aring", "å"),
    ("iacute", "í"),
    ("igrave", "ì"),
    ("icirc", "î"),
    ("iuml", "ï"),
    ("oacute", "ó"),
    ("ograve", "ò"),
    ("ocirc", "ô"),
    ("otilde", "õ"),
    ("uacute", "ú"),
    ("ugrave", "ù"),
    ("ucirc", "û"),
    ("ntilde", "ñ"),
    ("Ntilde", "Ñ"),
    ("ccedil", "ç"),
    ("Ccedil", "Ç"),
    ("oslash", "ø"),
    ("aelig", "æ"),
    ("euro", "€"),
    ("pound", "£"),
    ("yen", "¥"),
    ("cent", "¢"),
    ("copy", "©"),
    ("reg", "®"),
    ("trade", "™"),
    ("deg", "°"),
    ("middot", "·"),
    ("bull", "•"),
    ("times", "×"),
    ("divide", "÷"),
    ("para", "¶"),
    ("sect", "§"),
    ("shy", ""),
    ("zwnj", ""),
    ("zwj", ""),
    ("lrm", ""),
    ("rlm", ""),
    ("thinsp", "\u{2009}"),
    ("ensp", "\u{2002}"),
    ("emsp", "\u{2003}"),
    ("iexcl", "¡"),
    ("iquest", "¿"),
    ("frac12", "½"),
    ("frac14", "¼"),
    ("plusmn", "±"),
    ("prime", "′"),
    ("Prime", "″"),
    ("dagger", "†"),
    ("larr", "←"),
    ("rarr", "→"),
    ("uarr", "↑"),
    ("darr", "↓"),
    ("ordm", "º"),
    ("ordf", "ª"),
    ("acute", "´"),
    ("uml", "¨"),
    ("micro", "µ"),
];

/// Decodes the character reference at the start of `s` (which starts with
/// `&`). Returns the decoded text and how many bytes of `s` it consumed.
pub(crate) fn decode_at(s: &str) -> Option<(DecodedRef, usize)> {
    let bytes = s.as_bytes();
    let end = bytes.iter().take(34).position(|&b| b == b';')?;
    let body = s.get(1..end)?;
    if let Some(num) = body.strip_prefix('#') {
        let code = if let Some(hex) = num.strip_prefix(['x', 'X']) {
            u32::from_str_radix(hex, 16).ok()?
        } else {
            num.parse::<u32>().ok()?
        };
        let ch = match code {
            0 => '\u{fffd}',
            // Windows-1252 quirks pages still emit.
            0x80 => '€',
            0x91 => '‘',
            0x92 => '’',
            0x93 => '“',
            0x94 => '”',
            0x96 => '–',
            0x97 => '—',
            _ => char::from_u32(code).unwrap_or('\u{fffd}'),
        };
        return Some((DecodedRef::Char(ch), end + 1));
    }
    NAMED
        .iter()
        .find(|(name, _)| *name == body)
        .map(|(_, value)| (DecodedRef::Str(value), end + 1))
}

/// A decoded character reference.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum DecodedRef {
    /// A numeric reference.
    Char(char),
    /// A named reference.
    Str(&'static str),
}

/// Decodes all references in an attribute value or other short text.
pub(crate) fn decode_all(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(pos) = rest.find('&') {
        out.push_str(&rest[..pos]);
        rest = &rest[pos..];
        match decode_at(rest) {
            Some((DecodedRef::Char(c), used)) => {
                out.push(c);
                rest = &rest[used..];
            }
            Some((DecodedRef::Str(v), used)) => {
                out.push_str(v);
                rest = &rest[used..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes() {
        assert_eq!(
            decode_all("a &amp; b &#228; &#xE4; &auml; &bogus; &"),
            "a & b ä ä ä &bogus; &"
        );
    }
}
