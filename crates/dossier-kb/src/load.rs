//! Parsing the data files: TOML for actors and outlets, TSV for places and
//! lexicons. Errors name the file and line.

use std::collections::HashMap;

use serde::Deserialize;

use crate::{Actor, City, Country, KbError, Nominal, NominalCategory, Outlet, Region, Title};

/// The tables a TOML data file may hold.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct TomlFile {
    #[serde(default)]
    pub(crate) actor: Vec<Actor>,
    #[serde(default)]
    pub(crate) outlet: Vec<Outlet>,
}

pub(crate) fn parse_toml(file: &str, text: &str) -> Result<TomlFile, KbError> {
    toml::from_str(text).map_err(|error| {
        let line = error.span().map_or(0, |span| {
            text[..span.start.min(text.len())].matches('\n').count() + 1
        });
        KbError::Parse {
            file: file.to_owned(),
            line,
            message: error.message().to_owned(),
        }
    })
}

/// One TSV row with its columns found by header name.
pub(crate) struct Row<'a> {
    file: &'a str,
    line: usize,
    cells: Vec<&'a str>,
    columns: &'a HashMap<&'a str, usize>,
}

impl<'a> Row<'a> {
    fn get(&self, column: &str) -> &'a str {
        self.columns
            .get(column)
            .and_then(|&index| self.cells.get(index))
            .map_or("", |cell| cell.trim())
    }

    fn required(&self, column: &str) -> Result<&'a str, KbError> {
        let value = self.get(column);
        if value.is_empty() {
            return Err(self.error(format!("column `{column}` is empty")));
        }
        Ok(value)
    }

    fn list(&self, column: &str) -> Vec<String> {
        self.get(column)
            .split('|')
            .map(str::trim)
            .filter(|item| !item.is_empty())
            .map(str::to_owned)
            .collect()
    }

    fn number<T: std::str::FromStr>(&self, column: &str) -> Result<Option<T>, KbError> {
        let value = self.get(column);
        if value.is_empty() {
            return Ok(None);
        }
        value
            .parse()
            .map(Some)
            .map_err(|_| self.error(format!("column `{column}`: `{value}` is not a number")))
    }

    fn error(&self, message: String) -> KbError {
        KbError::Parse {
            file: self.file.to_owned(),
            line: self.line,
            message,
        }
    }
}

/// Calls `each` for every data row of a TSV text whose header has every
/// `required` column.
pub(crate) fn for_each_row(
    file: &str,
    text: &str,
    required: &[&str],
    mut each: impl FnMut(&Row<'_>) -> Result<(), KbError>,
) -> Result<(), KbError> {
    let mut lines = text
        .lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty() && !line.starts_with('#'));
    let Some((header_index, header)) = lines.next() else {
        return Ok(());
    };
    let columns: HashMap<&str, usize> = header
        .split('\t')
        .enumerate()
        .map(|(index, name)| (name.trim(), index))
        .collect();
    for column in required {
        if !columns.contains_key(column) {
            return Err(KbError::Parse {
                file: file.to_owned(),
                line: header_index + 1,
                message: format!("header lacks column `{column}`"),
            });
        }
    }
    for (index, line) in lines {
        let row = Row {
            file,
            line: index + 1,
            cells: line.split('\t').collect(),
            columns: &columns,
        };
        each(&row)?;
    }
    Ok(())
}

pub(crate) fn parse_countries(file: &str, text: &str) -> Result<Vec<Country>, KbError> {
    let mut out = Vec::new();
    for_each_row(file, text, &["iso2", "name"], |row| {
        out.push(Country {
            iso2: row.required("iso2")?.to_owned(),
            iso3: row.get("iso3").to_owned(),
            name: row.required("name")?.to_owned(),
            lat: row.number("lat")?,
            lon: row.number("lon")?,
            population: row.number("population")?.unwrap_or(0),
            continent: row.get("continent").to_owned(),
            capital: row.get("capital").to_owned(),
            aliases: row.list("aliases"),
            demonyms: row.list("demonyms"),
        });
        Ok(())
    })?;
    Ok(out)
}

pub(crate) fn parse_regions(file: &str, text: &str) -> Result<Vec<Region>, KbError> {
    let mut out = Vec::new();
    for_each_row(file, text, &["code", "country", "name"], |row| {
        out.push(Region {
            code: row.required("code")?.to_owned(),
            country: row.required("country")?.to_owned(),
            name: row.required("name")?.to_owned(),
            kind: row.get("kind").to_owned(),
            aliases: row.list("aliases"),
            lat: row.number("lat")?,
            lon: row.number("lon")?,
        });
        Ok(())
    })?;
    Ok(out)
}

pub(crate) fn parse_cities(file: &str, text: &str) -> Result<Vec<City>, KbError> {
    let mut out = Vec::new();
    for_each_row(
        file,
        text,
        &["geonameid", "name", "country", "lat", "lon"],
        |row| {
            let missing = || row.error("column `lat`/`lon` is empty".to_owned());
            out.push(City {
                geonameid: row.number("geonameid")?.ok_or_else(missing)?,
                name: row.required("name")?.to_owned(),
                country: row.required("country")?.to_owned(),
                admin1: row.get("admin1").to_owned(),
                lat: row.number("lat")?.ok_or_else(missing)?,
                lon: row.number("lon")?.ok_or_else(missing)?,
                population: row.number("population")?.unwrap_or(0),
                aliases: row.list("aliases"),
                common_word: matches!(row.get("common_word"), "1" | "true"),
            });
            Ok(())
        },
    )?;
    Ok(out)
}

pub(crate) fn parse_nominals(file: &str, text: &str) -> Result<Vec<Nominal>, KbError> {
    let mut out = Vec::new();
    for_each_row(file, text, &["form", "category"], |row| {
        let category = row.required("category")?;
        let category = NominalCategory::from_name(category)
            .ok_or_else(|| row.error(format!("unknown category `{category}`")))?;
        out.push(Nominal {
            form: row.required("form")?.to_lowercase(),
            category,
        });
        Ok(())
    })?;
    Ok(out)
}

pub(crate) fn parse_titles(file: &str, text: &str) -> Result<Vec<Title>, KbError> {
    let mut out = Vec::new();
    for_each_row(file, text, &["title", "kind"], |row| {
        out.push(Title {
            title: row.required("title")?.to_lowercase(),
            kind: row.required("kind")?.to_owned(),
        });
        Ok(())
    })?;
    Ok(out)
}
