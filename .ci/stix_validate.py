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
        subprocess.run([python, "-m", "pip", "install", "-q", "stix2-validator==3.3.2"], check=True)
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


if __name__ == "__main__":
    main()
