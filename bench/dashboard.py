"""Benchmark: how fast the steering dashboard is with N youths on PostgreSQL.

    psql -h 127.0.0.1 -U postgres -c 'CREATE DATABASE kui_bench_dash'
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kui_bench_dash .venv/bin/python bench/dashboard.py
    psql -h 127.0.0.1 -U postgres -c 'DROP DATABASE kui_bench_dash'

The database must be a scratch database made for the purpose: the script
migrates it and, when it holds no demo data yet, fills it with
`manage.py seed_demo --youths N` (not timed; see bench/seed_demo.py). Then it
times, as the steering demo user `styregruppe` (the whole partnership):
- the figures alone (kpis: headline, previous period, details) per breakdown;
- the page through Django's test client, cold (cache cleared) and cached;
- the CSV, XLSX and the PDF pack, cold;
- the cache-warming job and the monthly snapshot job (every scope and breakdown).
Each cold timing is the median of --repeat runs. Figures go in bench/README.md.
"""

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def prepare(youths: int, seed: int) -> None:
    env = {**os.environ, "DEBUG": "1"}
    subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "manage.py", "seed_demo", f"--youths={youths}", f"--seed={seed}"],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    print(f"seed_demo (skipped when already seeded): {time.perf_counter() - started:.0f} s")


def timed(function, repeat: int) -> tuple[float, object]:
    """Median wall milliseconds of `repeat` runs, and the last result."""
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = function()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--youths", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("Set DATABASE_URL to a scratch PostgreSQL database (see the docstring).")
    os.environ.update({"DEBUG": "1", "DJANGO_SETTINGS_MODULE": "kui.settings"})
    prepare(args.youths, args.seed)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    run(args.repeat)


def run(repeat: int) -> None:
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    from kui.accounts.models import User
    from kui.dashboards import kpis, periods, report, snapshots
    from kui.dashboards.scopes import partnership
    from youths.models import Youth

    today, scope = timezone.localdate(), partnership()
    quarter = periods.default(today)
    print(f"{Youth.objects.count()} youths, scope {scope.key}, period {quarter.param}, {connection.vendor}")
    for breakdown in ("", "team", "partner", "support_level", "age_band"):
        ms, _ = timed(lambda breakdown=breakdown: kpis.headline(scope.youths(), quarter, breakdown, today), repeat)
        print(f"  headline figures, breakdown {breakdown or 'none':>13}: {ms:7.0f} ms")
    ms, _ = timed(lambda: kpis.details(scope.youths(), quarter, today), repeat)
    print(f"  caseload, steps and placements:             {ms:7.0f} ms")
    year = periods.period_containing(periods.YEAR, today)
    ms, _ = timed(lambda: kpis.headline(scope.youths(), year, "", today), repeat)
    print(f"  headline figures for the year:              {ms:7.0f} ms")

    client = Client()
    client.force_login(User.objects.get(username="styregruppe"))

    def page(path, **query):
        response = client.get(path, query)
        assert response.status_code == 200, response.status_code
        return response

    def cold(path, **query):
        cache.clear()
        return page(path, **query)

    for label, path, query in [
        ("page, no breakdown", "/statistik/", {}),
        ("page, by partner", "/statistik/", {"breakdown": "partner"}),
        ("page, the year by team", "/statistik/", {"period": year.param, "breakdown": "team"}),
        ("CSV, every table", "/statistik/noegletal.csv", {}),
        ("XLSX, every table", "/statistik/noegletal.xlsx", {}),
        ("PDF pack", "/statistik/moedepakke.pdf", {}),
    ]:
        statements = []
        with connection.execute_wrapper(
            lambda execute, sql, *rest, statements=statements: statements.append(sql) or execute(sql, *rest)
        ):
            cold(path, **query)
        ms, _ = timed(lambda path=path, query=query: cold(path, **query), repeat)
        print(f"  {label + ', cold':<40} {ms:7.0f} ms  ({len(statements)} queries)")
    page("/statistik/")
    ms, _ = timed(lambda: page("/statistik/"), repeat)
    print(f"  {'page, cached':<40} {ms:7.0f} ms")
    started = time.perf_counter()
    warmed = report.warm(today)
    print(f"  cache-warming job ({warmed} landing pages):      {time.perf_counter() - started:5.1f} s")
    started = time.perf_counter()
    written = snapshots.snapshot_month(today=today)
    print(
        f"  monthly snapshot job (every scope and breakdown): {time.perf_counter() - started:5.1f} s, {written} figures"
    )


if __name__ == "__main__":
    main()
