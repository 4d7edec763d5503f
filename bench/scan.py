"""Benchmark: the "always a next step" scan over a municipality of N youths.

    psql -h 127.0.0.1 -U postgres -c 'CREATE DATABASE kui_bench_scan'
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kui_bench_scan .venv/bin/python bench/scan.py [--youths 50000]
    psql -h 127.0.0.1 -U postgres -c 'DROP DATABASE kui_bench_scan'

Without DATABASE_URL it uses a new SQLite file. The database is migrated and
seeded (seed_demo runs one scan itself); then the flags are wiped and the
full scan is timed three times: from nothing (raises every flag), again
(nothing to do), and a scan of one youth (what a logged contact costs).
"""

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TIMED = """
import time
from django.db import connection, reset_queries
from django.conf import settings
from pathways import engine
from pathways.models import Flag
from youths.models import Youth
Flag.objects.all().delete()
with connection.cursor() as cursor:
    cursor.execute("ANALYZE")
def timed(label, **kwargs):
    settings.DEBUG = True
    reset_queries()
    started = time.perf_counter()
    result = engine.scan(**kwargs)
    elapsed = time.perf_counter() - started
    print(f"{label}: {elapsed * 1000:.0f} ms, {len(connection.queries)} queries, "
          f"raised {sum(result.raised.values())}, resolved {sum(result.resolved.values())}")
print("youths", Youth.objects.count(), "active", Youth.objects.filter(status="active").count())
timed("full scan, no flags yet")
timed("full scan again (no change)")
timed("scan of one youth", youth_ids=[Youth.objects.filter(status="active").values_list("pk", flat=True)[0]])
print("open flags", Flag.objects.filter(resolved_at__isnull=True).count())
"""


def manage(env: dict, *args: str) -> str:
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    ).stdout


def run(label: str, env: dict, youths: int) -> None:
    env = {**env, "DEBUG": "1"}
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "seed_demo", f"--youths={youths}")
    print(f"{label}:")
    print(manage(env, "shell", "-v0", "-c", TIMED))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--youths", type=int, default=50_000)
    args = parser.parse_args()
    base = {key: value for key, value in os.environ.items() if key != "KUI_TESTING"}
    if base.get("DATABASE_URL"):
        run("PostgreSQL", base, args.youths)
        return
    with tempfile.TemporaryDirectory() as folder:
        run("SQLite", {**base, "KUI_SQLITE_PATH": str(Path(folder) / "bench.sqlite3")}, args.youths)


if __name__ == "__main__":
    main()
