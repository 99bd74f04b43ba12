#!/usr/bin/env python3
"""Draft `actors/armed_groups.toml` entries from PETRARCH2's Phoenix.MilNonState.actors.txt.

Usage:
    python3 scripts/kb/convert_petrarch_groups.py [PATH/TO/Phoenix.MilNonState.actors.txt] > draft.toml

The input (MIT licence, Open Event Data Alliance, PETRARCH2/Phoenix; names derived from START's
TOPS list) has one block per group:

    ABU_NIDAL_ORGANIZATION [IMGMUSALQ] #  kkl 21 Mar 13
    +ARAB_REVOLUTIONARY_BRIGADES_
    +FATAH_REVOLUTIONARY_COUNCIL_

Underscores are spaces. The first three letters of the CAMEO code are usually the ISO 3166-1
alpha-3 code of the home country (region codes such as MEA, WEU, INT, IMG, KKL are not).

The output is a DRAFT only: names are title-cased mechanically, a trailing "(ABC)" acronym is
split off into an alias, generic aliases are flagged with a comment. Every entry must be
checked by hand before it goes into the curated file (dates, areas, relations, case of acronyms).
Standard library only.
"""

import csv
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_INPUT = os.path.join(
    HERE, "..", "..", "..", "shared", "reference", "petrarch2", "Phoenix.MilNonState.actors.txt"
)
COUNTRIES_TSV = os.path.join(
    HERE, "..", "..", "crates", "dossier-kb", "data", "places", "countries.tsv"
)

# Used when countries.tsv is not at hand, and for CAMEO codes that differ from ISO alpha-3.
CAMEO_EXTRA = {
    "KSV": "XK",  # Kosovo
    "ROM": "RO",
    "ZAR": "CD",
    "TMP": "TL",
    "SRB": "RS",
    "YUG": "RS",
}

# CAMEO region / type codes that are not countries.
NOT_COUNTRIES = {
    "INT", "IMG", "KKL", "MEA", "WEU", "EEU", "EUR", "SAS", "SEA", "EAF", "WAF", "SAF", "CFR",
    "LAM", "AFR", "ASA", "CAS", "SAM", "NAF", "CAU", "BUD", "EIN", "NMR", "MUS", "REB",
}

# Lower-case words kept lower-case inside a title-cased name.
SMALL = {"of", "the", "and", "for", "in", "on", "to", "a", "an", "de", "del", "la", "el", "y",
         "al", "du", "des", "le", "les", "di", "da", "do", "dos", "das", "per", "et"}

# Aliases that are ordinary phrases on their own: flagged for manual review.
GENERIC = {
    "revolutionary council", "the base", "the organization", "mujahideen", "resistance",
    "liberation army", "popular front", "red army", "the movement", "national front",
    "islamic army", "death squad", "the group", "black september",
}


def load_iso3_to_iso2():
    table = {}
    try:
        with open(COUNTRIES_TSV, encoding="utf-8") as fh:
            rows = (line for line in fh if not line.startswith("#"))
            reader = csv.DictReader(rows, delimiter="\t")
            for row in reader:
                table[row["iso3"]] = row["iso2"]
    except OSError:
        pass
    table.update(CAMEO_EXTRA)
    return table


def clean(raw):
    """PETRARCH phrase -> plain text."""
    text = raw.strip().lstrip("+").rstrip("_")
    text = text.replace("_", " ")
    text = re.sub(r"\s+", " ", text).strip()
    return text


def split_acronym(text):
    """'ADEN ABYAN ISLAMIC ARMY (AAIA)' -> ('ADEN ABYAN ISLAMIC ARMY', 'AAIA')."""
    m = re.match(r"^(.*?)\s*\(([^)]+)\)\s*$", text)
    if m:
        return m.group(1).strip(), m.group(2).strip()
    return text, None


def titlecase(text):
    words = text.split(" ")
    out = []
    for i, w in enumerate(words):
        lw = w.lower()
        if i > 0 and lw in SMALL:
            out.append(lw)
            continue
        # keep short all-consonant tokens and tokens with digits as written (acronyms, M-19)
        if any(ch.isdigit() for ch in w) or (len(w) <= 4 and not re.search(r"[AEIOUY]", w)):
            out.append(w)
            continue
        parts = re.split(r"([-'/])", lw)
        out.append("".join(p[:1].upper() + p[1:] if p not in "-'/" else p for p in parts))
    return " ".join(out)


def slug(text):
    s = text.lower()
    s = re.sub(r"['’]", "", s)
    s = re.sub(r"[^a-z0-9]+", "-", s).strip("-")
    return s


def toml_str(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def parse(path):
    groups = []
    current = None
    with open(path, encoding="utf-8", errors="replace") as fh:
        for line in fh:
            line = line.rstrip("\n")
            body = line.split("#", 1)[0].rstrip()
            if not body.strip():
                continue
            if body.startswith("+"):
                if current is not None:
                    # a few lines glue two synonyms together with '+'
                    for piece in body.split("+"):
                        if piece.strip():
                            current["aliases"].append(clean(piece))
                continue
            m = re.match(r"^(.*?)\s*\[([A-Z]*)\]\s*$", body)
            if m:
                name, code = m.group(1), m.group(2)
            else:
                name, code = body, ""
            current = {"raw": clean(name), "code": code, "aliases": []}
            groups.append(current)
    return groups


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else DEFAULT_INPUT
    iso = load_iso3_to_iso2()
    groups = parse(path)
    seen_ids = set()
    print("# DRAFT generated by scripts/kb/convert_petrarch_groups.py from PETRARCH2/Phoenix")
    print("# Phoenix.MilNonState.actors.txt (MIT, Open Event Data Alliance; names from START TOPS).")
    print("# Not curated: check every entry by hand.\n")
    for g in groups:
        name, acro = split_acronym(g["raw"])
        canonical = titlecase(name)
        aliases = []
        if acro:
            aliases.append(acro)
        for a in g["aliases"]:
            a_name, a_acro = split_acronym(a)
            for cand in (a_name, a_acro):
                if not cand:
                    continue
                cand = cand if (cand.isupper() and len(cand) <= 8) else titlecase(cand)
                if cand.lower() != canonical.lower() and cand.lower() not in (x.lower() for x in aliases):
                    aliases.append(cand)
        ident = slug(canonical)
        base, n = ident, 2
        while ident in seen_ids:
            ident = f"{base}-{n}"
            n += 1
        seen_ids.add(ident)
        code3 = g["code"][:3]
        country = None if code3 in NOT_COUNTRIES else iso.get(code3)
        flagged = [a for a in aliases if a.lower() in GENERIC or len(a) <= 2]
        print("[[actor]]")
        print(f"id = {toml_str(ident)}")
        print(f"name = {toml_str(canonical)}")
        print('kind = "armed_group"')
        if aliases:
            print("aliases = [" + ", ".join(toml_str(a) for a in aliases) + "]")
        if country:
            print(f"country = {toml_str(country)}")
            print(f"areas = [{toml_str(country)}]")
        print(f"# cameo = {g['code'] or '?'}")
        if flagged:
            print("# REVIEW generic/short aliases: " + ", ".join(flagged))
        print()


if __name__ == "__main__":
    main()
