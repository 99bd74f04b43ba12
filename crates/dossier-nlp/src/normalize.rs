//! Folding text for name matching: case, diacritics, hyphens and dashes,
//! spaces and initialism dots, with a map back to the original bytes.
//!
//! "IS-K", "is k", "IS–K" and "ISIS K" fold to what their aliases fold to;
//! "U.S." folds to "us"; "Élysée" to "elysee"; Cyrillic keeps its letters
//! (lower-cased, "ё" as "е"). Folding is idempotent: folding folded text
//! changes nothing, so aliases and text meet in one form.

/// Folded text and, for each folded byte, the original byte range of the
/// character it came from.
#[derive(Debug, Default, Clone)]
pub struct Folded {
    /// The folded text.
    pub text: String,
    starts: Vec<u32>,
    ends: Vec<u32>,
}

impl Folded {
    /// The original byte range of folded bytes `start..end` (`start < end`).
    #[must_use]
    pub fn source_range(&self, start: usize, end: usize) -> (usize, usize) {
        (self.starts[start] as usize, self.ends[end - 1] as usize)
    }
}

/// Folds `text` keeping the map back to it.
#[must_use]
pub fn fold(text: &str) -> Folded {
    let mut folded = Folded {
        text: String::with_capacity(text.len()),
        starts: Vec::with_capacity(text.len()),
        ends: Vec::with_capacity(text.len()),
    };
    let mut state = State::default();
    for (offset, c) in text.char_indices() {
        let end = offset + c.len_utf8();
        state.push(c, |out: char| {
            let before = folded.text.len();
            folded.text.push(out);
            for _ in before..folded.text.len() {
                folded.starts.push(offset as u32);
                folded.ends.push(end as u32);
            }
        });
    }
    // A trailing space carries no meaning.
    if folded.text.ends_with(' ') {
        folded.text.pop();
        folded.starts.pop();
        folded.ends.pop();
    }
    folded
}

/// Folds an alias or any short string, without the map.
#[must_use]
pub fn fold_str(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut state = State::default();
    for c in text.chars() {
        state.push(c, |folded| out.push(folded));
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

#[derive(Default)]
struct State {
    /// The last character written, if any.
    last: Option<char>,
    /// The last character written is a letter that starts a word or follows
    /// a dropped initialism dot.
    last_letter_is_initial: bool,
    /// The last input character was a dropped dot.
    after_dropped_dot: bool,
}

impl State {
    fn push(&mut self, c: char, mut emit: impl FnMut(char)) {
        if c == '.' {
            if self.last.is_some_and(char::is_alphabetic) && self.last_letter_is_initial {
                self.after_dropped_dot = true;
                return;
            }
            self.write('.', &mut emit);
            return;
        }
        if c.is_whitespace() || is_dash(c) {
            if self.last.is_some() && self.last != Some(' ') {
                self.write(' ', &mut emit);
            }
            return;
        }
        if is_apostrophe(c) {
            self.write('\'', &mut emit);
            return;
        }
        if c.is_ascii() {
            self.write(c.to_ascii_lowercase(), &mut emit);
            return;
        }
        for lower in c.to_lowercase() {
            self.write(strip_mark(lower), &mut emit);
        }
    }

    fn write(&mut self, c: char, emit: &mut impl FnMut(char)) {
        if c.is_alphabetic() {
            let starts_word = !self.last.is_some_and(char::is_alphanumeric);
            self.last_letter_is_initial = starts_word || self.after_dropped_dot;
        } else {
            self.last_letter_is_initial = false;
        }
        self.after_dropped_dot = false;
        self.last = Some(c);
        emit(c);
    }
}

fn is_dash(c: char) -> bool {
    matches!(
        c,
        '-' | '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}'
    )
}

fn is_apostrophe(c: char) -> bool {
    matches!(
        c,
        '\'' | '\u{2018}' | '\u{2019}' | '\u{02BC}' | '`' | '\u{00B4}'
    )
}

/// Removes a diacritic from a Latin letter ("é" → "e") and folds "ё" to "е".
fn strip_mark(c: char) -> char {
    let latin = matches!(c, '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}');
    if !(latin || c == 'ё') {
        return c;
    }
    let mut base = None;
    unicode_normalization::char::decompose_canonical(c, |part| {
        if base.is_none() {
            base = Some(part);
        }
    });
    base.unwrap_or(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variants_of_one_name_fold_together() {
        for text in ["IS-K", "is k", "IS–K", "IS — K", "Is K"] {
            assert_eq!(fold_str(text), "is k", "{text}");
        }
        assert_eq!(fold_str("U.S."), "us");
        assert_eq!(fold_str("a.m."), "am");
        assert_eq!(fold_str("Gen."), "gen.");
        assert_eq!(fold_str("St. Petersburg"), "st. petersburg");
        assert_eq!(fold_str("Élysée"), "elysee");
        assert_eq!(fold_str("Москва"), "москва");
        assert_eq!(fold_str("Королёв"), "королев");
        assert_eq!(fold_str("IS-K’s"), "is k's");
    }

    #[test]
    fn folded_ranges_point_at_the_original() {
        let text = "Attack by IS–K’s  men";
        let folded = fold(text);
        let start = folded.text.find("is k").unwrap();
        let (s, e) = folded.source_range(start, start + 4);
        assert_eq!(&text[s..e], "IS–K");
    }
}
