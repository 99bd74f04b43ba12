#!/usr/bin/env python3
"""Build crates/dossier-link/data/word_frequencies.tsv.gz from the wordfreq package.

usage: pip download wordfreq==3.1.1 --no-deps -d /tmp/wf && cd /tmp/wf && unzip -q wordfreq-*.whl
       pip install msgpack
       python3 scripts/build_word_frequencies.py /tmp/wf/wordfreq/data [--top 50000]

Reads wordfreq's "large" English and Russian lists (cBpack: gzipped msgpack, a header and then
one list of words per centibel level, index = -frequency in cB) and writes the TOP most frequent
purely alphabetic words of each (letters, with an inner apostrophe or hyphen allowed) as

    LANG<TAB>WORD<TAB>CB

where CB = -100 * log10(p) (so Zipf = 9 - CB / 100), lines grouped by language, most frequent
first, then alphabetical: the output is byte-for-byte reproducible. The file is gzipped with a
fixed mtime so that rebuilding it changes nothing when the input did not change.

The data are CC BY-SA 4.0 (wordfreq's data licence); see crates/dossier-link/data/README.md.
"""
import argparse
import gzip
import io
import os
import re

import msgpack

LANGS = ("en", "ru")
WORD = re.compile(r"^[^\W\d_]+(?:['’-][^\W\d_]+)*$")


def read_cbpack(path):
    with gzip.open(path, "rb") as f:
        data = msgpack.load(f, raw=False)
    header = data[0]
    if not isinstance(header, dict) or header.get("format") != "cB" or header.get("version") != 1:
        raise SystemExit("%s: unexpected header %r" % (path, header))
    return data[1:]


def top_words(levels, top):
    out = []
    for cb, words in enumerate(levels):
        for word in sorted(words):
            if WORD.match(word):
                out.append((word, cb))
                if len(out) == top:
                    return out
    return out


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    default_out = os.path.join(here, "..", "crates", "dossier-link", "data", "word_frequencies.tsv.gz")
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("data_dir", help="wordfreq's data folder (holding large_en.msgpack.gz)")
    ap.add_argument("--top", type=int, default=50000, help="words per language")
    ap.add_argument("--out", default=default_out)
    args = ap.parse_args()
    text = io.StringIO()
    for lang in LANGS:
        words = top_words(read_cbpack(os.path.join(args.data_dir, "large_%s.msgpack.gz" % lang)), args.top)
        for word, cb in words:
            text.write("%s\t%s\t%d\n" % (lang, word, cb))
        print("%s: %d words, rarest at %d cB (Zipf %.2f)" % (lang, len(words), words[-1][1], 9 - words[-1][1] / 100))
    with open(args.out, "wb") as raw:
        with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as f:
            f.write(text.getvalue().encode("utf-8"))
    print("wrote", os.path.normpath(args.out), os.path.getsize(args.out), "bytes")


if __name__ == "__main__":
    main()
