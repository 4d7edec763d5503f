"""Benchmark: how long `manage.py seed_demo --youths N` takes on a fresh database.

    .venv/bin/python bench/seed_demo.py [--youths 50000] [--seed 2026]

Always runs against a new SQLite file in a temporary folder. When DATABASE_URL
is set it also runs against that PostgreSQL database, which must be a scratch
database made for the purpose (the script migrates and fills it; drop it after):

    psql -h 127.0.0.1 -U postgres -c 'CREATE DATABASE kui_bench_seed'
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kui_bench_seed .venv/bin/python bench/seed_demo.py
    psql -h 127.0.0.1 -U postgres -c 'DROP DATABASE kui_bench_seed'

Only the seed command is timed (wall clock); migrations run before it. The
figures and the machine they were measured on go in bench/README.md.
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COUNT_ROWS = (
    "from youths.models import *\n"
    "models = [Youth, StatusChange, ContactPersonAssignment, Contact, Consent, LogbookNote, NetworkPerson,\n"
    "          IntakeMeeting]\n"
    "print(', '.join(f'{m.__name__} {m.objects.count()}' for m in models))\n"
    "print('rows', sum(m.objects.count() for m in models))"
)


def manage(env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )


def timed_seed(env: dict, youths: int, seed: int) -> tuple[float, int]:
    """Wall seconds and peak memory (MiB) of the seed command alone."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "manage.py", "seed_demo", f"--youths={youths}", f"--seed={seed}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
    )
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit("seed_demo failed")
    return elapsed, usage.ru_maxrss // 1024


def run(label: str, env: dict, youths: int, seed: int) -> None:
    env = {**env, "DEBUG": "1"}
    manage(env, "migrate", "--noinput", "-v0")
    seconds, peak_mib = timed_seed(env, youths, seed)
    counts = manage(env, "shell", "-v0", "-c", COUNT_ROWS).stdout.strip()
    print(f"{label}: seed_demo --youths {youths}: {seconds:.1f} s wall, peak RSS {peak_mib} MiB")
    print(f"  {counts}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--youths", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    base = {key: value for key, value in os.environ.items() if key not in ("DATABASE_URL", "KUI_TESTING")}
    with tempfile.TemporaryDirectory() as folder:
        run("SQLite", {**base, "KUI_SQLITE_PATH": str(Path(folder) / "bench.sqlite3")}, args.youths, args.seed)
    if os.environ.get("DATABASE_URL"):
        run("PostgreSQL", {**base, "DATABASE_URL": os.environ["DATABASE_URL"]}, args.youths, args.seed)


if __name__ == "__main__":
    main()
