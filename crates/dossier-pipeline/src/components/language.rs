use dossier_model::{Article, Component, ComponentError, Diagnostic, Layer};

/// Detects the language of an article's text when the page did not declare
/// one.
///
/// ## Why
/// Later stages pick lexicons by language, and users filter by it. A page's
/// own `<html lang>` is trusted first (the extractor sets it); detection with
/// `whatlang` fills the rest and is kept only when whatlang calls it reliable,
/// so a short or mixed text stays unlabelled rather than mislabelled.
///
/// ## Known failure modes
/// Pages that declare the wrong `lang` (a site template in English around a
/// Russian article) keep the declared value.
#[derive(Debug, Default)]
pub struct LanguageDetector;

impl Component for LanguageDetector {
    fn name(&self) -> &'static str {
        "language"
    }

    fn requires(&self) -> &'static [Layer] {
        &[Layer::Text]
    }

    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Language]
    }

    fn process(&self, article: &mut Article) -> Result<(), ComponentError> {
        if article.language.is_some() {
            return Ok(());
        }
        match whatlang::detect(&article.text) {
            Some(info) if info.is_reliable() => {
                article.language = Some(iso639_1(info.lang()).to_owned());
            }
            _ => article.diagnostics.push(Diagnostic::new(
                "D201",
                "language not declared and not reliably detectable",
            )),
        }
        Ok(())
    }
}

/// ISO 639-1 code of a whatlang language, or its 639-3 code when the language
/// has no two-letter code.
fn iso639_1(lang: whatlang::Lang) -> &'static str {
    use whatlang::Lang;
    match lang {
        Lang::Eng => "en",
        Lang::Rus => "ru",
        Lang::Ukr => "uk",
        Lang::Deu => "de",
        Lang::Fra => "fr",
        Lang::Spa => "es",
        Lang::Por => "pt",
        Lang::Ita => "it",
        Lang::Ara => "ar",
        Lang::Pes => "fa",
        Lang::Urd => "ur",
        Lang::Hin => "hi",
        Lang::Tur => "tr",
        Lang::Cmn => "zh",
        Lang::Jpn => "ja",
        Lang::Kor => "ko",
        Lang::Nld => "nl",
        Lang::Pol => "pl",
        Lang::Heb => "he",
        Lang::Bel => "be",
        Lang::Bul => "bg",
        Lang::Srp => "sr",
        Lang::Hrv => "hr",
        Lang::Ces => "cs",
        Lang::Slk => "sk",
        Lang::Slv => "sl",
        Lang::Ron => "ro",
        Lang::Hun => "hu",
        Lang::Ell => "el",
        Lang::Swe => "sv",
        Lang::Dan => "da",
        Lang::Nob => "nb",
        Lang::Fin => "fi",
        Lang::Est => "et",
        Lang::Lav => "lv",
        Lang::Lit => "lt",
        Lang::Kat => "ka",
        Lang::Hye => "hy",
        Lang::Aze => "az",
        Lang::Uzb => "uz",
        Lang::Tgl => "tl",
        Lang::Ind => "id",
        Lang::Vie => "vi",
        Lang::Tha => "th",
        Lang::Ben => "bn",
        Lang::Tam => "ta",
        Lang::Amh => "am",
        other => other.code(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dossier_model::{Source, SourceFormat};

    fn article(text: &str) -> Article {
        Article::from_plain_text(Source::new("t", SourceFormat::Text), text.to_owned())
    }

    #[test]
    fn detects_russian_and_english() {
        let mut ru = article(
            "Боевики открыли огонь по посетителям концертного зала «Крокус Сити Холл» в Красногорске, погибли десятки человек.",
        );
        LanguageDetector.process(&mut ru).unwrap();
        assert_eq!(ru.language.as_deref(), Some("ru"));
        let mut en = article(
            "Gunmen opened fire on concertgoers at Crocus City Hall near Moscow on Friday, killing dozens of people.",
        );
        LanguageDetector.process(&mut en).unwrap();
        assert_eq!(en.language.as_deref(), Some("en"));
    }

    #[test]
    fn keeps_a_declared_language() {
        let mut a = article(
            "Gunmen opened fire on concertgoers at Crocus City Hall near Moscow on Friday.",
        );
        a.language = Some("de".to_owned());
        LanguageDetector.process(&mut a).unwrap();
        assert_eq!(a.language.as_deref(), Some("de"));
    }
}
