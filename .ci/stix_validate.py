#!/usr/bin/env python3
"""Validates Dossier's STIX 2.1 export of the bundled sample with the OASIS
stix2-validator from PyPI: no errors allowed (warnings are printed).

    python3 .ci/stix_validate.py target/debug/dossier
"""
import os
import subprocess
import sys
import tempfile
import venv


def main():
    binary = os.path.abspath(sys.argv[1])
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    with tempfile.TemporaryDirectory() as work:
        db = os.path.join(work, "sample.db")
        subprocess.run([binary, "--db", db, "ingest", os.path.join(root, "sample")],
                       check=True, stdout=subprocess.DEVNULL)
        bundle = os.path.join(work, "bundle.json")
        subprocess.run([binary, "--db", db, "export", "--format", "stix", "-o", bundle], check=True)
        env_dir = os.path.join(work, "venv")
        venv.create(env_dir, with_pip=True)
        python = os.path.join(env_dir, "bin", "python")
        subprocess.run([python, "-m", "pip", "install", "-q", "stix2-validator==3.3.2", "stix2==3.0.2"], check=True)
        check = (
            "import sys, collections\n"
            "from stix2validator import validate_file, print_results\n"
            "results = validate_file(sys.argv[1])\n"
            "warnings = collections.Counter()\n"
            "for obj in results.object_results:\n"
            "    for w in obj.warnings or []:\n"
            "        warnings[w.split('}')[0].split('{')[-1]] += 1\n"
            "errors = [e for obj in results.object_results for e in (obj.errors or [])]\n"
            "print('objects:', len(results.object_results), 'errors:', len(errors),\n"
            "      'warnings by code:', dict(sorted(warnings.items())))\n"
            "for e in errors: print('ERROR', e)\n"
            "sys.exit(0 if results.is_valid and not errors else 1)\n"
        )
        subprocess.run([python, "-c", check, bundle], check=True)
        # round trip through the OASIS python library: every object parses
        # (the library enforces its own constraints), serialises back to the
        # same JSON, and every reference points into the bundle
        round_trip = (
            "import json, sys, stix2\n"
            "raw = json.load(open(sys.argv[1]))\n"
            "bundle = stix2.parse(json.dumps(raw), allow_custom=True)\n"
            "assert len(bundle.objects) == len(raw['objects'])\n"
            "def same(v):  # the library writes whole seconds without '.000'\n"
            "    if isinstance(v, dict): return {k: same(x) for k, x in v.items()}\n"
            "    if isinstance(v, list): return [same(x) for x in v]\n"
            "    return v.replace('.000Z', 'Z') if isinstance(v, str) else v\n"
            "for parsed, original in zip(bundle.objects, raw['objects']):\n"
            "    back = json.loads(parsed.serialize())\n"
            "    assert same(back) == same(original), (original['id'], back, original)\n"
            "ids = {o['id'] for o in raw['objects']}\n"
            "def refs(o):\n"
            "    for k, v in o.items():\n"
            "        if k.endswith('_ref') and k != 'created_by_ref': yield v\n"
            "        if k.endswith('_refs'): yield from v\n"
            "dangling = [(o['id'], r) for o in raw['objects'] for r in refs(o) if r not in ids]\n"
            "assert not dangling, dangling[:5]\n"
            "actors = {o['name']: o for o in raw['objects'] if o['type'] == 'threat-actor'}\n"
            "iskp = actors['Islamic State Khorasan Province']\n"
            "assert {'IS-K', 'ISIS-K', 'ISKP'} <= set(iskp['aliases']), iskp['aliases']\n"
            "attributed = [o for o in raw['objects'] if o['type'] == 'relationship'\n"
            "              and o['relationship_type'] == 'attributed-to' and o['target_ref'] == iskp['id']]\n"
            "assert attributed, 'no incident attributed to IS-K'\n"
            "print('stix2 3.0.2: %d objects parse and serialise back equal; no dangling reference; '\n"
            "      'IS-K with %d aliases, %d attributed-to' % (len(raw['objects']), len(iskp['aliases']), len(attributed)))\n"
        )
        subprocess.run([python, "-c", round_trip, bundle], check=True)


if __name__ == "__main__":
    main()
