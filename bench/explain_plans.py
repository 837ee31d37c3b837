"""Prints every distinct SELECT of a server log whose plan reads a whole table.

The log is Överens's JSON log with RUST_LOG=sqlx::query=debug. Usage:

    explain_plans.py sqlite LOG DATABASE_FILE
    explain_plans.py postgres LOG DATABASE_NAME

SQLite: EXPLAIN QUERY PLAN, a "SCAN t" without an index. PostgreSQL: EXPLAIN
with enable_seqscan off, so a Seq Scan that stays has no index it could use.
"""
import json
import re
import sqlite3
import subprocess
import sys


def statements(log):
    seen = set()
    for line in open(log):
        try:
            sql = (json.loads(line).get("fields", {}).get("db.statement") or "").strip()
        except ValueError:
            continue
        key = re.sub(r"\s+", " ", sql)
        if key and key not in seen and key.upper().startswith(("SELECT", "WITH")):
            seen.add(key)
            yield sql, key


def sqlite_scans(db, sql):
    n = max([int(x) for x in re.findall(r"\$(\d+)", sql)] or [0])
    plan = db.execute("EXPLAIN QUERY PLAN " + re.sub(r"\$(\d+)", r"?\1", sql), [None] * n)
    return [p[3] for p in plan.fetchall()
            if re.match(r"SCAN \w+", p[3]) and "USING" not in p[3]]


def postgres_scans(name, sql):
    out = subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", name, "-XAtq",
         "-c", "SET enable_seqscan = off", "-c", "EXPLAIN " + re.sub(r"\$\d+", "NULL", sql)],
        capture_output=True, text=True)
    return [l.strip() for l in (out.stdout + out.stderr).splitlines()
            if "Seq Scan" in l or "ERROR" in l]


def main():
    backend, log, target = sys.argv[1:4]
    db = sqlite3.connect(target) if backend == "sqlite" else None
    total = flagged = 0
    for sql, key in statements(log):
        total += 1
        scans = sqlite_scans(db, sql) if db else postgres_scans(target, sql)
        if scans:
            flagged += 1
            print("--", key[:240])
            for s in scans:
                print("     ", s)
    print(f"{backend}: {total} distinct statements, {flagged} read a whole table")


main()
