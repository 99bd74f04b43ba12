#!/usr/bin/env python3
"""Reads Dossier's Parquet export of the bundled sample with DuckDB and
pyarrow (both from PyPI) and checks that the two readers and the export
agree: the same tables, row counts, columns, and the Crocus event's record.

    python3 .ci/parquet_readback.py target/debug/dossier

Installs pyarrow and duckdb into a temporary virtual environment, so it needs
nothing on the machine but Python and the registry.
"""
import json
import os
import subprocess
import sys
import tempfile
import venv

TABLES = ["events", "assertions", "claims", "articles", "actors"]

CHECK = r'''
import json, sys
import duckdb, pyarrow.parquet as pq
folder, expected = sys.argv[1], json.loads(sys.argv[2])
con = duckdb.connect()
one = lambda sql: con.execute(sql).fetchone()
for name in expected["tables"]:
    path = f"{folder}/{name}.parquet"
    table = pq.read_table(path)
    rows = one(f"SELECT count(*) FROM read_parquet('{path}')")[0]
    assert table.num_rows == rows > 0, (name, table.num_rows, rows)
    cols = [c[0] for c in con.execute(f"DESCRIBE SELECT * FROM read_parquet('{path}')").fetchall()]
    assert cols == table.column_names, (name, cols, table.column_names)
    print(f"{name}: {rows} rows, {len(cols)} columns (pyarrow and DuckDB agree)")
events = f"{folder}/events.parquet"
assert one(f"SELECT count(*) FROM read_parquet('{events}')")[0] == expected["events"]
row = one(f"""SELECT id, killed_best, perpetrator_status, contested
              FROM read_parquet('{events}') ORDER BY reports DESC, id LIMIT 1""")
assert row[0] == expected["crocus"]["id"], row
assert row[1] == expected["crocus"]["killed_best"], row
assert row[2] == "contested" and "perpetrator" in row[3], row
joined = one(f"""SELECT count(*) FROM read_parquet('{folder}/assertions.parquet') a
    JOIN read_parquet('{events}') e ON e.id = a.event_id""")[0]
assert joined == one(f"SELECT count(*) FROM read_parquet('{folder}/assertions.parquet')")[0]
print("Crocus:", row, "; every assertion joins its event")
'''


def main():
    binary = os.path.abspath(sys.argv[1])
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    with tempfile.TemporaryDirectory() as work:
        db = os.path.join(work, "sample.db")
        run = lambda *args, **kw: subprocess.run([binary, "--db", db, *args], check=True, **kw)
        run("ingest", os.path.join(root, "sample"), stdout=subprocess.DEVNULL)
        folder = os.path.join(work, "tables")
        run("export", "--format", "parquet", "-o", folder)
        lines = run("export", "--format", "jsonl", capture_output=True, text=True).stdout.splitlines()
        dossiers = [json.loads(line) for line in lines]
        crocus = max(dossiers, key=lambda d: (d["event"]["members"], [-ord(c) for c in d["event"]["id"]]))
        expected = {
            "tables": TABLES,
            "events": len(dossiers),
            "crocus": {"id": crocus["event"]["id"], "killed_best": crocus["digest"]["killed"]["best"]},
        }
        env_dir = os.path.join(work, "venv")
        venv.create(env_dir, with_pip=True)
        python = os.path.join(env_dir, "bin", "python")
        subprocess.run([python, "-m", "pip", "install", "-q", "pyarrow==26.0.1", "duckdb==2.0.0"], check=True)
        subprocess.run([python, "-c", CHECK, folder, json.dumps(expected)], check=True)


if __name__ == "__main__":
    main()
