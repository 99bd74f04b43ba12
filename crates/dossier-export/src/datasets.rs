//! GTD, ACLED and UCDP GED as CSV: one row per event across articles, in
//! each dataset's column order, codes, unknown sentinels, precision scales
//! and casualty convention, so the rows append to a researcher's copy of
//! the dataset. The codes and where they were checked are in
//! `docs/export-codebooks.md`; what Dossier cannot know is left at the
//! dataset's own "unknown".
//!
//! Each row ends with columns the datasets lack, prefixed `dossier_`: the
//! event's id (to join back to the JSON Lines, Parquet or STIX export), its
//! contested fields and its perpetrator status.

use std::collections::HashMap;
use std::io::Write;

use chrono::{Datelike, NaiveDate};
use dossier_events::gtd;
use dossier_kb::{ActorKind, Kb};
use dossier_link::record::{Standing, TollRecord};
use dossier_pipeline::views::EventDossier;

use crate::ExportError;
use crate::facts::{DatePrecision, FactFinder, Facts, Perpetrator, PlaceLevel};

/// Which dataset's layout.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Dataset {
    Gtd,
    Acled,
    Ucdp,
}

/// GTD columns in release order (135), from the codebook's column list.
const GTD_COLUMNS: &[&str] = &[
    "eventid",
    "iyear",
    "imonth",
    "iday",
    "approxdate",
    "extended",
    "resolution",
    "country",
    "country_txt",
    "region",
    "region_txt",
    "provstate",
    "city",
    "latitude",
    "longitude",
    "specificity",
    "vicinity",
    "location",
    "summary",
    "crit1",
    "crit2",
    "crit3",
    "doubtterr",
    "alternative",
    "alternative_txt",
    "multiple",
    "success",
    "suicide",
    "attacktype1",
    "attacktype1_txt",
    "attacktype2",
    "attacktype2_txt",
    "attacktype3",
    "attacktype3_txt",
    "targtype1",
    "targtype1_txt",
    "targsubtype1",
    "targsubtype1_txt",
    "corp1",
    "target1",
    "natlty1",
    "natlty1_txt",
    "targtype2",
    "targtype2_txt",
    "targsubtype2",
    "targsubtype2_txt",
    "corp2",
    "target2",
    "natlty2",
    "natlty2_txt",
    "targtype3",
    "targtype3_txt",
    "targsubtype3",
    "targsubtype3_txt",
    "corp3",
    "target3",
    "natlty3",
    "natlty3_txt",
    "gname",
    "gsubname",
    "gname2",
    "gsubname2",
    "gname3",
    "gsubname3",
    "motive",
    "guncertain1",
    "guncertain2",
    "guncertain3",
    "individual",
    "nperps",
    "nperpcap",
    "claimed",
    "claimmode",
    "claimmode_txt",
    "claim2",
    "claimmode2",
    "claimmode2_txt",
    "claim3",
    "claimmode3",
    "claimmode3_txt",
    "compclaim",
    "weaptype1",
    "weaptype1_txt",
    "weapsubtype1",
    "weapsubtype1_txt",
    "weaptype2",
    "weaptype2_txt",
    "weapsubtype2",
    "weapsubtype2_txt",
    "weaptype3",
    "weaptype3_txt",
    "weapsubtype3",
    "weapsubtype3_txt",
    "weaptype4",
    "weaptype4_txt",
    "weapsubtype4",
    "weapsubtype4_txt",
    "weapdetail",
    "nkill",
    "nkillus",
    "nkillter",
    "nwound",
    "nwoundus",
    "nwoundte",
    "property",
    "propextent",
    "propextent_txt",
    "propvalue",
    "propcomment",
    "ishostkid",
    "nhostkid",
    "nhostkidus",
    "nhours",
    "ndays",
    "divert",
    "kidhijcountry",
    "ransom",
    "ransomamt",
    "ransomamtus",
    "ransompaid",
    "ransompaidus",
    "ransomnote",
    "hostkidoutcome",
    "hostkidoutcome_txt",
    "nreleased",
    "addnotes",
    "scite1",
    "scite2",
    "scite3",
    "dbsource",
    "INT_LOG",
    "INT_IDEO",
    "INT_MISC",
    "INT_ANY",
    "related",
];

/// ACLED columns (API since 2023), from the codebook.
const ACLED_COLUMNS: &[&str] = &[
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
];

/// UCDP GED columns (49), from the GED codebook's header.
const UCDP_COLUMNS: &[&str] = &[
    "id",
    "relid",
    "year",
    "active_year",
    "code_status",
    "type_of_violence",
    "conflict_dset_id",
    "conflict_new_id",
    "conflict_name",
    "dyad_dset_id",
    "dyad_new_id",
    "dyad_name",
    "side_a_dset_id",
    "side_a_new_id",
    "side_a",
    "side_b_dset_id",
    "side_b_new_id",
    "side_b",
    "number_of_sources",
    "source_article",
    "source_office",
    "source_date",
    "source_headline",
    "source_original",
    "where_prec",
    "where_coordinates",
    "where_description",
    "adm_1",
    "adm_2",
    "latitude",
    "longitude",
    "geom_wkt",
    "priogrid_gid",
    "country",
    "country_id",
    "region",
    "event_clarity",
    "date_prec",
    "date_start",
    "date_end",
    "deaths_a",
    "deaths_b",
    "deaths_civilians",
    "deaths_unknown",
    "best",
    "high",
    "low",
    "gwnoa",
    "gwnob",
];

/// Columns Dossier adds after each dataset's own.
const DOSSIER_COLUMNS: &[&str] = &[
    "dossier_event_id",
    "dossier_contested",
    "dossier_perpetrator_status",
];

const GTD_CLAIM_MODE: [&str; 10] = [
    "Letter",
    "Call (post-incident)",
    "Call (pre-incident)",
    "E-mail",
    "Note left at scene",
    "Video",
    "Posted to website, blog, etc.",
    "Personal claim",
    "Other",
    "Unknown",
];

const GTD_REGION: [&str; 12] = [
    "North America",
    "Central America & Caribbean",
    "South America",
    "East Asia",
    "Southeast Asia",
    "South Asia",
    "Central Asia",
    "Western Europe",
    "Eastern Europe",
    "Middle East & North Africa",
    "Sub-Saharan Africa",
    "Australasia & Oceania",
];

fn gtd_label(label: Option<&str>) -> String {
    label.unwrap_or_default().to_owned()
}

fn label(table: &[&str], code: u8) -> String {
    table
        .get(usize::from(code).wrapping_sub(1))
        .map_or_else(String::new, |s| (*s).to_owned())
}

/// The GTD claim mode of a claim's channel as written: web and messaging
/// channels (Amaq, Telegram) are "Posted to website, blog, etc.".
fn claim_mode(channels: &[String]) -> u8 {
    let Some(channel) = channels.first() else {
        return 10;
    };
    let channel = channel.to_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| channel.contains(w));
    if has(&["video"]) {
        6
    } else if has(&["e-mail", "email"]) {
        4
    } else if has(&["letter"]) {
        1
    } else if has(&["phone", "call"]) {
        2
    } else if has(&["note"]) {
        5
    } else if has(&[
        "amaq",
        "telegram",
        "website",
        "online",
        "internet",
        "social media",
        "twitter",
        "x.com",
        "facebook",
        "blog",
        "channel",
        "post",
        "nashir",
        "naba",
        "media",
        "news agency",
    ]) {
        7
    } else if has(&["interview", "in person"]) {
        8
    } else {
        9
    }
}

fn num(value: impl ToString) -> String {
    value.to_string()
}

fn opt<T: ToString>(value: Option<T>) -> String {
    value.map_or_else(String::new, |v| v.to_string())
}

fn coord(value: f64) -> String {
    format!("{:.6}", value)
        .trim_end_matches('0')
        .trim_end_matches('.')
        .to_owned()
}

fn human_date(day: NaiveDate) -> String {
    day.format("%B %-d, %Y").to_string()
}

/// `"Title," Outlet, March 22, 2024. URL` — the shape of GTD's citations.
fn citation(source: &crate::facts::SourceReport) -> String {
    let mut text = String::new();
    if let Some(title) = &source.title {
        text.push_str(&format!("\"{title},\" "));
    }
    let mut parts: Vec<String> = source.outlet.iter().cloned().collect();
    parts.extend(source.published.map(human_date));
    text.push_str(&parts.join(", "));
    text.push('.');
    if let Some(url) = &source.url {
        text.push(' ');
        text.push_str(url);
    }
    text
}

/// ACLED's actor type of a perpetrator: non-state armed groups are
/// "Rebel group", states and their bodies "State forces", everything else
/// (and an unidentified group) "Political militia".
fn acled_inter(kind: Option<ActorKind>) -> (&'static str, u8) {
    match kind {
        Some(ActorKind::ArmedGroup) => ("Rebel group", 2),
        Some(
            ActorKind::State | ActorKind::GovernmentBody | ActorKind::Agency | ActorKind::Military,
        ) => ("State forces", 1),
        Some(ActorKind::InternationalOrg) => ("External/Other forces", 8),
        _ => ("Political militia", 3),
    }
}

fn is_state(kind: Option<ActorKind>) -> bool {
    matches!(
        kind,
        Some(
            ActorKind::State | ActorKind::GovernmentBody | ActorKind::Agency | ActorKind::Military
        )
    )
}

/// Who was hit, in ACLED's and UCDP's terms: police, the military or the
/// government (by the GTD target type of the most corroborated target), or
/// civilians.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Victim {
    Police,
    Military,
    Government,
    Civilians,
}

fn victim(facts: &Facts<'_>) -> Victim {
    let codes: Vec<u8> = facts
        .targets
        .iter()
        .filter_map(|t| t.1)
        .filter(|c| !matches!(c, 13 | 20))
        .collect();
    // state forces only when every typed target is one: a concert hall
    // named "City Hall" full of people is an attack on civilians
    if codes.is_empty() || codes.iter().any(|c| !matches!(c, 2 | 3 | 4 | 7)) {
        return Victim::Civilians;
    }
    match codes[0] {
        3 => Victim::Police,
        4 => Victim::Military,
        _ => Victim::Government,
    }
}

fn contested(facts: &Facts<'_>) -> String {
    facts.dossier.digest.contested.join(";")
}

/// The first `n` distinct values of `codes`, in order.
fn distinct<T: PartialEq + Copy>(codes: impl Iterator<Item = T>, n: usize) -> Vec<T> {
    let mut out: Vec<T> = Vec::new();
    for code in codes {
        if !out.contains(&code) {
            out.push(code);
        }
        if out.len() == n {
            break;
        }
    }
    out
}

/// Writes one dataset's rows as the events stream past.
pub(crate) struct DatasetWriter<'k, 'w> {
    dataset: Dataset,
    finder: FactFinder<'k>,
    out: csv::Writer<&'w mut dyn Write>,
    /// Sequence numbers per day (GTD) or per country (ACLED).
    sequence: HashMap<String, u32>,
    rows: u32,
}

impl<'k, 'w> DatasetWriter<'k, 'w> {
    pub(crate) fn open(
        dataset: Dataset,
        kb: &'k Kb,
        out: &'w mut dyn Write,
    ) -> Result<Self, ExportError> {
        let mut out = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(out);
        let columns = match dataset {
            Dataset::Gtd => GTD_COLUMNS,
            Dataset::Acled => ACLED_COLUMNS,
            Dataset::Ucdp => UCDP_COLUMNS,
        };
        out.write_record(columns.iter().chain(DOSSIER_COLUMNS))
            .map_err(csv_error)?;
        Ok(Self {
            dataset,
            finder: FactFinder::new(kb),
            out,
            sequence: HashMap::new(),
            rows: 0,
        })
    }

    pub(crate) fn add(&mut self, dossier: &EventDossier) -> Result<(), ExportError> {
        let facts = self.finder.facts(dossier);
        let mut row = match self.dataset {
            Dataset::Gtd => self.gtd(&facts),
            Dataset::Acled => self.acled(&facts),
            Dataset::Ucdp => self.ucdp(&facts),
        };
        row.extend([
            facts.id().to_owned(),
            contested(&facts),
            dossier.digest.perpetrator.clone(),
        ]);
        self.out.write_record(&row).map_err(csv_error)?;
        self.rows += 1;
        Ok(())
    }

    pub(crate) fn close(mut self) -> Result<(), ExportError> {
        self.out.flush()?;
        Ok(())
    }

    fn next_in(&mut self, key: String) -> u32 {
        let n = self.sequence.entry(key).or_insert(0);
        *n += 1;
        *n
    }

    #[allow(clippy::too_many_lines)]
    fn gtd(&mut self, facts: &Facts<'_>) -> Vec<String> {
        let when = facts.when.as_ref();
        let day_known =
            when.is_some_and(|w| !w.from_publication && w.precision == DatePrecision::Day);
        let month_known = when.is_some_and(|w| {
            !w.from_publication
                && w.start.year() == w.end.year()
                && w.start.month() == w.end.month()
        });
        let (year, month, day) = match when {
            Some(w) => (
                num(w.start.year()),
                if month_known { w.start.month() } else { 0 },
                if day_known { w.start.day() } else { 0 },
            ),
            None => (String::new(), 0, 0),
        };
        let approxdate = match when {
            Some(w) if w.from_publication => format!("on or before {}", human_date(w.end)),
            Some(w) if w.precision != DatePrecision::Day => {
                format!("{} to {}", human_date(w.start), human_date(w.end))
            }
            _ => String::new(),
        };
        // an event dated by nothing at all numbers under year 0000
        let seq_key = format!(
            "{:04}{month:02}{day:02}",
            when.map_or(0, |w| w.start.year())
        );
        let eventid = format!("{seq_key}{:04}", self.next_in(seq_key.clone()));
        let place = &facts.place;
        let country = place.country.as_ref();
        let gtd_country = country.and_then(|c| c.gtd.clone());
        let region = country.and_then(|c| c.gtd_region);
        let specificity = match place.level {
            Some(PlaceLevel::City) => 1,
            Some(PlaceLevel::Region) => 4,
            Some(PlaceLevel::Country) | None => 5,
        };
        let coords = match place.level {
            Some(PlaceLevel::City | PlaceLevel::Region) => place.coords,
            _ => None,
        };
        let killed = facts.killed().map(|t| t.consensus.gtd);
        let wounded = facts.wounded().map(|t| t.consensus.gtd);
        let success = killed.is_some_and(|k| k > 0) || wounded.is_some_and(|w| w > 0);
        let lexicon = self.finder.lexicon();
        let attacks = distinct(
            facts
                .kinds
                .iter()
                .filter_map(|k| lexicon.kind(k).map(|k| k.event_type.gtd_attack_type))
                .filter(|&c| c != 9),
            3,
        );
        let attacks = if attacks.is_empty() { vec![9] } else { attacks };
        let mut targets: Vec<(u8, String)> = Vec::new();
        for (written, code) in &facts.targets {
            if let Some(code) = code
                && !matches!(code, 13 | 20)
                && !targets.iter().any(|t| t.0 == *code)
            {
                targets.push((*code, written.clone()));
            }
        }
        // people killed or wounded among the targets make them the
        // primary target: private citizens before the building they were in
        if success && let Some(i) = targets.iter().position(|t| t.0 == 14) {
            let people = targets.remove(i);
            targets.insert(0, people);
        }
        targets.truncate(3);
        if targets.is_empty() {
            targets.push((
                20,
                facts
                    .targets
                    .first()
                    .map(|t| t.0.clone())
                    .unwrap_or_default(),
            ));
        }
        let mut weapons: Vec<(u8, Option<String>)> = Vec::new();
        for (_, weapon) in &facts.weapons {
            if !weapons.iter().any(|w| w.0 == weapon.code) && weapons.len() < 4 {
                weapons.push((weapon.code, weapon.subtype.clone()));
            }
        }
        if weapons.is_empty() {
            weapons.push((13, None));
        }
        let weapdetail: Vec<&str> = facts
            .weapons
            .iter()
            .map(|w| w.0.as_str())
            .filter(|w| !w.is_empty())
            .collect();
        let perps: Vec<&Perpetrator> = facts.perpetrators.iter().take(3).collect();
        let claimed_count = facts.perpetrators.iter().filter(|p| p.claimed).count();
        let suicide = u8::from(facts.kinds.contains(&"suicide_bombing"));
        let hostage = facts
            .kinds
            .first()
            .is_some_and(|k| matches!(*k, "kidnapping" | "hostage_taking" | "hijacking"));
        let mut notes = Vec::new();
        if !facts.dossier.digest.contested.is_empty() {
            notes.push(format!(
                "Contested across sources: {}.",
                facts.dossier.digest.contested.join(", ")
            ));
        }
        for toll in [facts.killed(), facts.wounded()].into_iter().flatten() {
            if toll.consensus.ucdp_low != toll.consensus.ucdp_high {
                notes.push(format!(
                    "Reported {} ranged {}-{}.",
                    toll.field, toll.consensus.ucdp_low, toll.consensus.ucdp_high
                ));
            }
        }
        let mut row: Vec<String> = Vec::with_capacity(GTD_COLUMNS.len());
        row.extend([
            eventid,
            year,
            num(month),
            num(day),
            approxdate,
            num(0),
            String::new(),
            opt(gtd_country.as_ref().map(|g| g.0)),
            gtd_country
                .map(|g| g.1)
                .or_else(|| place.country_name.clone())
                .unwrap_or_default(),
            opt(region),
            region.map_or_else(String::new, |r| label(&GTD_REGION, r)),
            place.region.clone().unwrap_or_default(),
            if place.level == Some(PlaceLevel::City) {
                place.name.clone().unwrap_or_default()
            } else {
                String::new()
            },
            coords.map_or_else(String::new, |c| coord(c.0)),
            coords.map_or_else(String::new, |c| coord(c.1)),
            num(specificity),
            num(-9),
            place.written.clone().unwrap_or_default(),
            facts.dossier.digest.title.clone().unwrap_or_default(),
            String::new(),
            String::new(),
            String::new(),
            num(-9),
            String::new(),
            String::new(),
            num(0),
            if success { num(1) } else { String::new() },
            num(suicide),
        ]);
        for i in 0..3 {
            match attacks.get(i) {
                Some(&code) => row.extend([num(code), gtd_label(gtd::attack_type(code))]),
                None => row.extend([String::new(), String::new()]),
            }
        }
        for i in 0..3 {
            match targets.get(i) {
                Some((code, written)) => row.extend([
                    num(code),
                    gtd_label(gtd::target_type(*code)),
                    String::new(),
                    String::new(),
                    String::new(),
                    written.clone(),
                    String::new(),
                    String::new(),
                ]),
                None => row.extend(std::iter::repeat_n(String::new(), 8)),
            }
        }
        for i in 0..3 {
            match perps.get(i) {
                Some(p) => row.extend([p.name.clone(), String::new()]),
                None if i == 0 => row.extend(["Unknown".to_owned(), String::new()]),
                None => row.extend([String::new(), String::new()]),
            }
        }
        row.push(String::new()); // motive
        for i in 0..3 {
            row.push(
                perps
                    .get(i)
                    .map_or_else(String::new, |p| num(u8::from(p.uncertain))),
            );
        }
        row.extend([num(0), num(-99), num(-99)]); // individual, nperps, nperpcap
        for i in 0..3 {
            match perps.get(i) {
                Some(p) if p.claimed => {
                    let mode = claim_mode(&p.channels);
                    row.extend([num(1), num(mode), label(&GTD_CLAIM_MODE, mode)]);
                }
                Some(_) => row.extend([num(-9), String::new(), String::new()]),
                None if i == 0 => row.extend([num(-9), String::new(), String::new()]),
                None => row.extend([String::new(), String::new(), String::new()]),
            }
        }
        row.push(match claimed_count {
            0 => String::new(),
            1 => num(0),
            _ => num(1),
        });
        for i in 0..4 {
            match weapons.get(i) {
                Some((code, subtype)) => row.extend([
                    num(code),
                    gtd_label(gtd::weapon_type(*code)),
                    String::new(),
                    subtype.clone().unwrap_or_default(),
                ]),
                None => row.extend(std::iter::repeat_n(String::new(), 4)),
            }
        }
        row.extend([
            weapdetail.join("; "),
            opt(killed),
            String::new(),
            String::new(),
            opt(wounded),
            String::new(),
            String::new(),
            num(-9), // property
            String::new(),
            String::new(),
            String::new(),
            String::new(),
        ]);
        if hostage {
            row.extend([
                num(1),
                num(-99),
                num(-99),
                num(-99),
                num(-99),
                String::new(),
                String::new(),
                num(-9),
                num(-99),
                num(-99),
                num(-99),
                num(-99),
                String::new(),
                num(7),
                "Unknown".to_owned(),
                num(-99),
            ]);
        } else {
            row.push(num(0));
            row.extend(std::iter::repeat_n(String::new(), 15));
        }
        row.push(notes.join(" "));
        for i in 0..3 {
            row.push(facts.sources.get(i).map(citation).unwrap_or_default());
        }
        row.extend([
            "Dossier".to_owned(),
            num(-9),
            num(-9),
            num(-9),
            num(-9),
            String::new(),
        ]);
        debug_assert_eq!(row.len(), GTD_COLUMNS.len());
        row
    }

    fn acled(&mut self, facts: &Facts<'_>) -> Vec<String> {
        let place = &facts.place;
        let country = place.country.as_ref();
        let country_name = place.country_name.clone().unwrap_or_default();
        let iso3 = country.map_or("XXX", |c| c.iso3.as_str()).to_owned();
        let id = format!("{iso3}{}", self.next_in(iso3.clone()));
        let when = facts.when.as_ref();
        let time_precision = match when {
            Some(w) if w.from_publication => 3,
            Some(w) => match w.precision {
                DatePrecision::Day => 1,
                DatePrecision::Days => 2,
                _ => 3,
            },
            None => 3,
        };
        // ACLED dates a period by its middle
        let day = when.map(|w| w.start + (w.end - w.start) / 2);
        let lexicon = self.finder.lexicon();
        let kind = facts
            .kinds
            .iter()
            .find_map(|k| lexicon.kind(k))
            .map(|k| &k.event_type);
        let (mut event_type, mut sub_event_type) = kind.map_or(
            ("Violence against civilians".to_owned(), "Attack".to_owned()),
            |t| (t.acled_event_type.clone(), t.acled_sub_event_type.clone()),
        );
        let perp = facts
            .perpetrators
            .iter()
            .find(|p| p.standing != Standing::Denied);
        let (actor1, (inter1, inter1_code)) = match perp {
            Some(p) => (p.name.clone(), acled_inter(p.kind)),
            None => (
                format!("Unidentified Armed Group ({country_name})"),
                ("Political militia", 3),
            ),
        };
        let hit = victim(facts);
        let (actor2, inter2, inter2_code) = match hit {
            Victim::Police => (
                format!("Police Forces of {country_name}"),
                "State forces",
                1,
            ),
            Victim::Military => (
                format!("Military Forces of {country_name}"),
                "State forces",
                1,
            ),
            Victim::Government => (format!("Government of {country_name}"), "State forces", 1),
            Victim::Civilians => (format!("Civilians ({country_name})"), "Civilians", 7),
        };
        if hit != Victim::Civilians && event_type == "Violence against civilians" {
            // an attack on state forces is a battle in ACLED's terms
            event_type = "Battles".to_owned();
            sub_event_type = "Armed clash".to_owned();
        }
        let disorder = if event_type == "Strategic developments" {
            "Strategic developments"
        } else {
            "Political violence"
        };
        let interaction = if inter1_code <= inter2_code {
            format!("{inter1}-{inter2}")
        } else {
            format!("{inter2}-{inter1}")
        };
        let geo_precision = match place.level {
            Some(PlaceLevel::City) => 1,
            _ => 3,
        };
        let mut scales: Vec<&str> = Vec::new();
        for source in &facts.sources {
            let scale = match (&source.outlet_country, country) {
                (Some(outlet), Some(event)) if *outlet == event.iso2 => "National",
                (Some(_), _) => "International",
                _ => continue,
            };
            if !scales.contains(&scale) {
                scales.push(scale);
            }
        }
        scales.sort_by_key(|s| *s != "National");
        let outlets: Vec<&str> = facts
            .sources
            .iter()
            .filter_map(|s| s.outlet.as_deref())
            .collect();
        let newest = facts
            .dossier
            .linked
            .reports
            .iter()
            .filter_map(|r| r.published.as_deref())
            .filter_map(|p| chrono::DateTime::parse_from_rfc3339(p).ok())
            .map(|t| t.timestamp())
            .max();
        let mut notes = String::new();
        if let Some(day) = day {
            notes.push_str(&format!("On {}, ", day.format("%-d %B %Y")));
        }
        notes.push_str(
            facts
                .dossier
                .digest
                .title
                .as_deref()
                .unwrap_or(&facts.dossier.linked.event.kind),
        );
        notes.push('.');
        if !facts.dossier.digest.contested.is_empty() {
            notes.push_str(&format!(
                " Contested across sources: {}.",
                facts.dossier.digest.contested.join(", ")
            ));
        }
        let row = vec![
            id,
            day.map_or_else(String::new, |d| d.format("%Y-%m-%d").to_string()),
            day.map_or_else(String::new, |d| num(d.year())),
            num(time_precision),
            disorder.to_owned(),
            event_type,
            sub_event_type,
            actor1,
            String::new(),
            inter1.to_owned(),
            actor2,
            String::new(),
            inter2.to_owned(),
            interaction,
            if hit == Victim::Civilians {
                "Civilians targeted".to_owned()
            } else {
                String::new()
            },
            opt(country.and_then(|c| c.iso_numeric)),
            country.map(|c| c.acled_region.clone()).unwrap_or_default(),
            country_name,
            place.region.clone().unwrap_or_default(),
            String::new(),
            String::new(),
            place.name.clone().unwrap_or_default(),
            place.coords.map_or_else(String::new, |c| coord(c.0)),
            place.coords.map_or_else(String::new, |c| coord(c.1)),
            num(geo_precision),
            outlets.join("; "),
            scales.join("-"),
            notes,
            num(facts.killed().map_or(0, |t: &TollRecord| t.consensus.acled)),
            String::new(),
            opt(newest),
        ];
        debug_assert_eq!(row.len(), ACLED_COLUMNS.len());
        row
    }

    fn ucdp(&self, facts: &Facts<'_>) -> Vec<String> {
        let place = &facts.place;
        let country = place.country.as_ref();
        let country_name = place.country_name.clone().unwrap_or_default();
        let perp = facts.perpetrators.first();
        let perp_name = perp.map_or_else(|| "Unknown".to_owned(), |p| p.name.clone());
        let perp_state = perp.is_some_and(|p| is_state(p.kind));
        let hit = victim(facts);
        let government = format!("Government of {country_name}");
        // one-sided against civilians; state-based when a government is
        // one of the sides; non-state otherwise
        let (violence, side_a, side_b, gwnoa) = match (hit, perp_state) {
            (Victim::Civilians, _) => (3, perp_name.clone(), "Civilians".to_owned(), None),
            (_, false) => (
                1,
                government.clone(),
                perp_name.clone(),
                country.and_then(|c| c.gw),
            ),
            (_, true) => (2, perp_name.clone(), government.clone(), None),
        };
        let side_a_gw = if perp_state && violence == 3 {
            country.and_then(|c| c.gw)
        } else {
            gwnoa
        };
        let dyad = format!("{side_a} - {side_b}");
        let when = facts.when.as_ref();
        let date_prec = match when {
            Some(w) if w.from_publication => 4,
            Some(w) => match w.precision {
                DatePrecision::Day => 1,
                DatePrecision::Days => 2,
                DatePrecision::Month => 4,
                DatePrecision::Year => 5,
            },
            None => 5,
        };
        let where_prec = match place.level {
            Some(PlaceLevel::City) => Some(1),
            Some(PlaceLevel::Region) => Some(4),
            Some(PlaceLevel::Country) => Some(6),
            None => None,
        };
        let toll = facts.killed().map(|t| &t.consensus);
        let join = |f: &dyn Fn(&crate::facts::SourceReport) -> String| {
            facts.sources.iter().map(f).collect::<Vec<_>>().join(";")
        };
        let clarity = if when.is_some_and(|w| !w.from_publication) && place.level.is_some() {
            1
        } else {
            2
        };
        let row = vec![
            num(self.rows + 1),
            facts.id().to_owned(),
            when.map_or_else(String::new, |w| num(w.start.year())),
            String::new(),
            String::new(),
            num(violence),
            String::new(),
            String::new(),
            dyad.clone(),
            String::new(),
            String::new(),
            dyad,
            String::new(),
            String::new(),
            side_a,
            String::new(),
            String::new(),
            side_b,
            num(facts.sources.len()),
            join(&|s| {
                let mut parts: Vec<String> = s.outlet.iter().cloned().collect();
                parts.extend(s.published.map(|d| d.to_string()));
                parts.extend(s.title.as_ref().map(|t| format!("\"{t}\"")));
                parts.join(" ")
            }),
            join(&|s| s.outlet.clone().unwrap_or_default()),
            join(&|s| s.published.map(|d| d.to_string()).unwrap_or_default()),
            join(&|s| s.title.clone().unwrap_or_default()),
            facts.speakers.join(";"),
            opt(where_prec),
            place.name.clone().unwrap_or_default(),
            place.written.clone().unwrap_or_default(),
            place.region.clone().unwrap_or_default(),
            String::new(),
            place.coords.map_or_else(String::new, |c| coord(c.0)),
            place.coords.map_or_else(String::new, |c| coord(c.1)),
            place.coords.map_or_else(String::new, |c| {
                format!("POINT ({} {})", coord(c.1), coord(c.0))
            }),
            opt(place.coords.map(|c| priogrid(c.0, c.1))),
            country_name,
            opt(country.and_then(|c| c.gw)),
            country.map(|c| c.ucdp_region.clone()).unwrap_or_default(),
            num(clarity),
            num(date_prec),
            when.map_or_else(String::new, |w| w.start.to_string()),
            when.map_or_else(String::new, |w| w.end.to_string()),
            toll.map_or_else(String::new, |_| num(0)),
            toll.map_or_else(String::new, |_| num(0)),
            toll.map_or_else(String::new, |_| num(0)),
            opt(toll.map(|t| t.ucdp_best)),
            opt(toll.map(|t| t.ucdp_best)),
            opt(toll.map(|t| t.ucdp_high)),
            opt(toll.map(|t| t.ucdp_low)),
            opt(side_a_gw),
            String::new(),
        ];
        debug_assert_eq!(row.len(), UCDP_COLUMNS.len());
        row
    }
}

/// The PRIO-GRID cell (0.5° × 0.5°, numbered row by row from the south-west
/// corner, 720 cells a row) holding a point.
fn priogrid(lat: f64, lon: f64) -> u32 {
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let row = ((lat + 90.0) / 0.5).floor().clamp(0.0, 359.0) as u32;
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let col = ((lon + 180.0) / 0.5).floor().clamp(0.0, 719.0) as u32;
    row * 720 + col + 1
}

fn csv_error(error: csv::Error) -> ExportError {
    match error.into_kind() {
        csv::ErrorKind::Io(io) => ExportError::Io(io),
        other => ExportError::Io(std::io::Error::other(format!("{other:?}"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_have_each_datasets_column_count() {
        assert_eq!(GTD_COLUMNS.len(), 135);
        assert_eq!(ACLED_COLUMNS.len(), 31);
        assert_eq!(UCDP_COLUMNS.len(), 49);
    }

    #[test]
    fn claim_channels_map_to_gtd_claim_modes() {
        let mode = |c: &str| claim_mode(&[c.to_owned()]);
        assert_eq!(mode("its Amaq news agency"), 7);
        assert_eq!(mode("Telegram"), 7);
        assert_eq!(mode("a video"), 6);
        assert_eq!(mode("a letter to the newspaper"), 1);
        assert_eq!(mode("a phone call"), 2);
        assert_eq!(mode("a spokesman"), 9);
        assert_eq!(claim_mode(&[]), 10);
    }

    #[test]
    fn priogrid_cells_count_from_the_south_west() {
        assert_eq!(priogrid(-89.9, -179.9), 1);
        assert_eq!(priogrid(-89.9, 179.9), 720);
        assert_eq!(priogrid(-89.4, -179.9), 721);
        assert_eq!(priogrid(89.9, 179.9), 259_200);
    }
}
