#!/usr/bin/env python3
"""Writes crates/dossier-export/data/countries.tsv: per ISO 3166 alpha-2
country, the codes and regions the GTD, ACLED and UCDP exports need.

Facts used (credited in the TSV's header):
- ISO 3166 numeric codes, Gleditsch-Ward state numbers and UN M49
  subregions from country_converter 1.3.2 (PyPI, `country_data.tsv`);
- GTD's own country numbering (a list derived from a GTD release:
  vkhethavath123/SoftwareEngineering-DataFiles `country_DML.sql`), matched
  here by name;
- the region of each dataset, derived from the M49 subregion with the
  exceptions each dataset documents (see docs/export-codebooks.md).

Usage: python3 scripts/export_countries.py PATH/TO/country_data.tsv > crates/dossier-export/data/countries.tsv
"""
import csv
import sys

# GTD country codes (code, GTD name), present-day states only; the
# historical ones (Soviet Union 359, Zaire 604, ...) have no ISO code today.
GTD = """4 Afghanistan|5 Albania|6 Algeria|7 Andorra|8 Angola|10 Antigua and Barbuda|11 Argentina|12 Armenia|
14 Australia|15 Austria|16 Azerbaijan|17 Bahamas|18 Bahrain|19 Bangladesh|20 Barbados|21 Belgium|22 Belize|
23 Benin|25 Bhutan|26 Bolivia|28 Bosnia-Herzegovina|29 Botswana|30 Brazil|31 Brunei|32 Bulgaria|
33 Burkina Faso|34 Burundi|35 Belarus|36 Cambodia|37 Cameroon|38 Canada|41 Central African Republic|42 Chad|
43 Chile|44 China|45 Colombia|46 Comoros|47 Republic of the Congo|49 Costa Rica|50 Croatia|51 Cuba|53 Cyprus|
54 Czech Republic|55 Denmark|56 Djibouti|57 Dominica|58 Dominican Republic|59 Ecuador|60 Egypt|61 El Salvador|
62 Equatorial Guinea|63 Eritrea|64 Estonia|65 Ethiopia|66 Falkland Islands|67 Fiji|68 Finland|69 France|
70 French Guiana|71 French Polynesia|72 Gabon|73 Gambia|74 Georgia|75 Germany|76 Ghana|78 Greece|80 Grenada|
81 Guadeloupe|83 Guatemala|84 Guinea|85 Guinea-Bissau|86 Guyana|87 Haiti|88 Honduras|89 Hong Kong|90 Hungary|
91 Iceland|92 India|93 Indonesia|94 Iran|95 Iraq|96 Ireland|97 Israel|98 Italy|99 Ivory Coast|100 Jamaica|
101 Japan|102 Jordan|103 Kazakhstan|104 Kenya|106 Kuwait|107 Kyrgyzstan|108 Laos|109 Latvia|110 Lebanon|
111 Lesotho|112 Liberia|113 Libya|115 Lithuania|116 Luxembourg|117 Macau|118 Macedonia|119 Madagascar|
120 Malawi|121 Malaysia|122 Maldives|123 Mali|124 Malta|127 Martinique|128 Mauritania|129 Mauritius|130 Mexico|
132 Moldova|136 Morocco|137 Mozambique|138 Myanmar|139 Namibia|141 Nepal|142 Netherlands|143 New Caledonia|
144 New Zealand|145 Nicaragua|146 Niger|147 Nigeria|149 North Korea|151 Norway|153 Pakistan|
155 West Bank and Gaza Strip|156 Panama|157 Papua New Guinea|158 Paraguay|159 Peru|160 Philippines|161 Poland|
162 Portugal|164 Qatar|166 Romania|167 Russia|168 Rwanda|173 Saudi Arabia|174 Senegal|176 Seychelles|
177 Sierra Leone|178 Singapore|179 Slovak Republic|180 Slovenia|181 Solomon Islands|182 Somalia|183 South Africa|
184 South Korea|185 Spain|186 Sri Lanka|189 St. Kitts and Nevis|190 St. Lucia|195 Sudan|196 Suriname|
197 Swaziland|198 Sweden|199 Switzerland|200 Syria|201 Taiwan|202 Tajikistan|203 Tanzania|204 Togo|205 Thailand|
207 Trinidad and Tobago|208 Tunisia|209 Turkey|210 Turkmenistan|213 Uganda|214 Ukraine|215 United Arab Emirates|
217 United States|218 Uruguay|219 Uzbekistan|220 Vanuatu|221 Vatican City|222 Venezuela|223 Vietnam|
226 Wallis and Futuna|228 Yemen|229 Democratic Republic of the Congo|230 Zambia|231 Zimbabwe|347 East Timor|
349 Western Sahara|603 United Kingdom|1001 Serbia|1002 Montenegro|1003 Kosovo|1004 South Sudan"""

# GTD names that are not country_converter's short name, by ISO alpha-2.
GTD_NAME_OF = {
    "BA": "Bosnia-Herzegovina", "CG": "Republic of the Congo", "CD": "Democratic Republic of the Congo",
    "CI": "Ivory Coast", "MK": "Macedonia", "KP": "North Korea", "KR": "South Korea", "SK": "Slovak Republic",
    "SZ": "Swaziland", "PS": "West Bank and Gaza Strip", "VA": "Vatican City", "LA": "Laos", "TL": "East Timor",
    "CZ": "Czech Republic", "BN": "Brunei", "KN": "St. Kitts and Nevis", "LC": "St. Lucia", "MO": "Macau",
    "FK": "Falkland Islands", "RU": "Russia", "SY": "Syria", "IR": "Iran", "VN": "Vietnam", "TZ": "Tanzania",
    "MD": "Moldova", "BO": "Bolivia", "VE": "Venezuela", "GM": "Gambia", "BS": "Bahamas", "GB": "United Kingdom",
    "US": "United States", "HK": "Hong Kong", "CV": "", "TR": "Turkey", "MM": "Myanmar", "EH": "Western Sahara",
    "XK": "Kosovo", "WF": "Wallis and Futuna",
}

# GTD regions (code, label).
GTD_REGIONS = {
    1: "North America", 2: "Central America & Caribbean", 3: "South America", 4: "East Asia",
    5: "Southeast Asia", 6: "South Asia", 7: "Central Asia", 8: "Western Europe", 9: "Eastern Europe",
    10: "Middle East & North Africa", 11: "Sub-Saharan Africa", 12: "Australasia & Oceania",
}
CAUCASUS = {"AM", "AZ", "GE"}
GTD_EASTERN_EUROPE = {
    "AL", "BY", "BA", "BG", "HR", "CZ", "EE", "HU", "XK", "LV", "LT", "MK", "MD", "ME", "PL", "RO", "RU",
    "RS", "SK", "SI", "UA",
}


def gtd_region(iso2, sub):
    if iso2 in ("US", "CA", "MX") or sub == "Northern America":
        return 1
    if sub in ("Central America", "Caribbean"):
        return 2
    if sub == "South America":
        return 3
    if sub == "Eastern Asia":
        return 4
    if sub == "South-eastern Asia":
        return 5
    if iso2 == "IR":
        return 10
    if sub == "Southern Asia":
        return 6
    if sub == "Central Asia" or iso2 in CAUCASUS:
        return 7
    if iso2 == "CY":
        return 8
    if iso2 in GTD_EASTERN_EUROPE:
        return 9
    if sub.endswith("Europe"):
        return 8
    if iso2 == "SD":
        return 11
    if sub in ("Northern Africa", "Western Asia"):
        return 10
    if sub.endswith("Africa"):
        return 11
    if sub in ("Australia and New Zealand", "Melanesia", "Micronesia", "Polynesia"):
        return 12
    return None


def acled_region(iso2, sub):
    if iso2 in CAUCASUS or sub == "Central Asia" or iso2 == "AF":
        return "Caucasus and Central Asia"
    if iso2 == "IR" or (sub == "Western Asia" and iso2 != "CY"):
        return "Middle East"
    if iso2 == "CY" or sub.endswith("Europe"):
        return "Europe"
    if iso2 == "SS":
        return "Eastern Africa"
    if sub in ("Western Africa", "Middle Africa", "Eastern Africa", "Southern Africa", "Northern Africa"):
        return sub
    return {
        "Southern Asia": "South Asia", "South-eastern Asia": "Southeast Asia", "Eastern Asia": "East Asia",
        "Central America": "Central America", "Caribbean": "Caribbean", "South America": "South America",
        "Northern America": "North America", "Australia and New Zealand": "Oceania", "Melanesia": "Oceania",
        "Micronesia": "Oceania", "Polynesia": "Oceania", "Antarctica": "Antarctica",
    }.get(sub, "")


UCDP_MIDDLE_EAST = {
    "BH", "EG", "IR", "IQ", "IL", "JO", "KW", "LB", "OM", "PS", "QA", "SA", "SY", "TR", "AE", "YE",
}


def ucdp_region(iso2, sub, continent):
    if iso2 in UCDP_MIDDLE_EAST:
        return "Middle East"
    if iso2 in CAUCASUS or iso2 == "CY" or continent == "Europe":
        return "Europe"
    if continent == "Africa":
        return "Africa"
    if continent == "America":
        return "Americas"
    if continent in ("Asia", "Oceania"):
        return "Asia"
    return ""


def main():
    gtd_by_name = {}
    for item in GTD.replace("\n", "").split("|"):
        code, name = item.split(" ", 1)
        gtd_by_name[name] = int(code)
    rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8"), delimiter="\t"))
    out = csv.writer(sys.stdout, delimiter="\t", lineterminator="\n")
    print("# Country codes and regions for the GTD, ACLED and UCDP exports, by ISO 3166 alpha-2.")
    print("# ISO numeric, Gleditsch-Ward numbers (gw) and UN M49 subregions: country_converter 1.3.2 (PyPI).")
    print("# GTD country numbers: a list derived from a GTD release (vkhethavath123/SoftwareEngineering-DataFiles).")
    print("# Regions derived from the M49 subregion as documented in docs/export-codebooks.md.")
    print("# Written by scripts/export_countries.py; do not edit by hand.")
    out.writerow(["iso2", "iso3", "iso_numeric", "gw", "gtd_country", "gtd_country_txt", "gtd_region",
                  "acled_region", "ucdp_region"])
    used = set()
    for r in sorted(rows, key=lambda r: r["ISO2"].strip("^")):
        # a few rows hold a pattern (`^GB$|^UK$`): the first is the code
        iso2, sub = r["ISO2"].split("|")[0].strip("^$"), r["UNregion"]
        if not iso2 or r["obsolete"] or len(iso2) != 2:
            continue
        name = GTD_NAME_OF.get(iso2, r["name_short"])
        gtd = gtd_by_name.get(name)
        if gtd is not None:
            used.add(name)
        region = gtd_region(iso2, sub)
        out.writerow([iso2, r["ISO3"], r["ISOnumeric"], r["GWcode"], gtd or "", name if gtd else "",
                      region or "", acled_region(iso2, sub), ucdp_region(iso2, sub, r["continent"])])
    missing = sorted(set(gtd_by_name) - used)
    if missing:
        print("GTD names with no ISO country:", missing, file=sys.stderr)


if __name__ == "__main__":
    main()
