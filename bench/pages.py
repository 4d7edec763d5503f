"""`make bench`: kui's pages at national scale on PostgreSQL, each timed side
by side with its own SQL replayed directly and with the Django admin.

    .venv/bin/python bench/pages.py                      # 50,000 youths, then 5,000 for the growth
    .venv/bin/python bench/pages.py --youths 50000 --small-youths 0 --runs 15

Databases (scratch databases made for the purpose; created when missing):
BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/kui_bench) and
BENCH_SMALL_DATABASE_URL (default …/kui_bench_small). Each is migrated, seeded
with `seed_demo --youths N` and topped up by bench/national.py — both skip
what is already there, so a second run only measures.

For each page, in the same run and process:
- the page through Django's test client (median, p95, queries), the first
  request not counted (it warms the connection and the template cache);
- its own SQL: every statement of one request captured with
  connection.execute_wrapper, then replayed with a plain cursor (rows
  fetched) and timed — what the database alone costs;
- the Django admin changelist (or add form) with the same columns, on a
  bench-only AdminSite, for the list pages.
Writes go inside a transaction that is rolled back, so the data stays as
seeded. Results are written between markers in docs/benchmarks.md.
"""

import argparse
import json
import math
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "benchmarks.md"
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/kui_bench"
DEFAULT_SMALL_URL = "postgres://postgres@127.0.0.1:5432/kui_bench_small"
START, END = "<!-- pages:start -->", "<!-- pages:end -->"


# --------------------------------------------------------------- preparing


def _create_database(url: str) -> None:
    name = url.rsplit("/", 1)[-1]
    server = url.rsplit("/", 1)[0] + "/postgres"
    import psycopg2

    connection = psycopg2.connect(server)
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            cursor.execute(f'CREATE DATABASE "{name}"')
    connection.close()


def prepare(url: str, youths: int) -> float:
    """Migrates, seeds and tops up (each skipped when done); returns seconds."""
    _create_database(url)
    env = {**os.environ, "DATABASE_URL": url, "DEBUG": "1"}
    env.pop("REDIS_URL", None)
    started = time.perf_counter()
    for command in (
        ["manage.py", "migrate", "--noinput", "-v0"],
        ["manage.py", "seed_demo", f"--youths={youths}"],
        ["bench/national.py", f"--youths={youths}"],
    ):
        subprocess.run([sys.executable, *command], cwd=ROOT, env=env, check=True)
    return time.perf_counter() - started


# --------------------------------------------------------------- measuring


def percentile(values: list[float], share: float) -> float:
    """Nearest rank: the value below which `share` of the runs fall."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def summary(times: list[float]) -> dict:
    return {"median": statistics.median(times), "p95": percentile(times, 0.95), "runs": len(times)}


def timed(function, runs: int, *, setup=None) -> dict:
    times = []
    for _ in range(runs):
        if setup is not None:
            setup()
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    return summary(times)


def in_rollback(function):
    """Runs `function` in a transaction that is rolled back (writes leave no trace)."""
    from django.db import transaction

    def run():
        with transaction.atomic():
            result = function()
            transaction.set_rollback(True)
        return result

    return run


def captured(function) -> list[tuple]:
    """Every statement `function` sends, with its parameters."""
    from django.db import connection

    statements = []

    def wrapper(execute, sql, params, many, context):
        statements.append((sql, params, many))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(wrapper):
        function()
    return statements


def replay(statements: list[tuple]):
    """Sends the captured statements again with a plain cursor, fetching rows."""
    from django.db import connection

    def run():
        with connection.cursor() as cursor:
            for sql, params, many in statements:
                if many:
                    cursor.executemany(sql, params)
                else:
                    cursor.execute(sql, params)
                    if cursor.description is not None:
                        cursor.fetchall()

    return in_rollback(run)


def measure_page(name: str, request, runs: int, *, admin=None, writes: bool = False, setup=None) -> dict:
    """The page, its own SQL and (if given) the admin with the same columns."""
    call = in_rollback(request) if writes else request
    if setup is not None:
        setup()
    response = call()  # warm-up, not counted
    status = getattr(response, "status_code", None)
    # A page must answer itself, not a redirect to the second factor; the import's upload may go on to its preview.
    assert status in (None, 200) or (status == 302 and name.startswith("Import")), f"{name}: {status}"
    if setup is not None:
        setup()
    # Captured in a transaction rolled back, so the replay may insert the same
    # rows again (the audit event's chained hash is unique).
    statements = captured(call if writes else in_rollback(call))
    result = {
        "name": name,
        "status": status,
        "bytes": len(getattr(response, "content", b"")),
        "queries": len(statements),
        "page": timed(call, runs, setup=setup),
        "sql": timed(replay(statements), runs),
    }
    if admin is not None:
        admin()
        result["admin"] = timed(admin, runs)
        result["admin_queries"] = len(captured(admin))
    return result


# ------------------------------------------------------- the pages measured


def bench_admin_site():
    """Changelists with the pages' columns, registered on the admin site in
    this bench process only (before the URLconf is first loaded, so the admin's
    URLs include them); the project itself registers no such admin."""
    from django.contrib import admin
    from django.db.models import Count, Max, Q

    from pathways.models import Step
    from youths.models import Contact, Youth

    site = admin.site

    class YouthAdmin(admin.ModelAdmin):
        list_display = ("first_name", "last_name", "status", "support_level", "team", "last_contact", "open_steps")
        list_select_related = ("team",)
        list_per_page = 50
        actions = None
        scope = None

        def get_queryset(self, request):
            return (
                self.scope.select_related("team")
                .annotate(
                    last_contact=Max("contacts__happened_at"),
                    open_steps=Count("pathways__steps", filter=Q(pathways__steps__status__in=["planned", "active"])),
                )
                .order_by("last_name", "first_name", "pk")
            )

        def last_contact(self, youth):
            return youth.last_contact

        def open_steps(self, youth):
            return youth.open_steps

    class ContactAdmin(admin.ModelAdmin):
        list_display = ("happened_at", "medium", "duration_minutes", "reached", "participants", "note", "logged_by")
        list_select_related = ("logged_by",)
        list_per_page = 250
        actions = None
        scope = None

        def get_queryset(self, request):
            return self.scope.select_related("logged_by").order_by("-happened_at")

    class StepAdmin(admin.ModelAdmin):
        list_display = ("position", "step_type", "title", "partner", "starts_on", "ends_on", "status")
        list_select_related = ("partner",)
        actions = None
        scope = None

        def get_queryset(self, request):
            return self.scope.select_related("partner").order_by("pathway_id", "position")

    site.register(Youth, YouthAdmin)
    site.register(Contact, ContactAdmin)
    site.register(Step, StepAdmin)
    return site


def run_measurements(runs: int) -> dict:
    import datetime

    from django.core.cache import cache
    from django.db import connection
    from django.db.models import Count, Q
    from django.test import Client
    from django.utils import timezone

    from kui.accounts.models import User
    from pathways.models import Step
    from youths import importer
    from youths.models import Contact, ContactPersonAssignment, ImportStatus, Youth, YouthImport

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        server_version = cursor.fetchone()[0]
    counts = {
        "youths": Youth.objects.count(),
        "contacts": Contact.objects.count(),
        "steps": Step.objects.count(),
        "staff": User.objects.exclude(role="youth").count(),
    }
    current = Q(is_primary=True, ended_on__isnull=True, youth__status="active")
    loads = (
        ContactPersonAssignment.objects.filter(current)
        .values("contact_person_id")
        .annotate(load=Count("youth_id"))
        .order_by("contact_person_id")
    )
    forty = min(loads, key=lambda row: (abs(row["load"] - 40), row["contact_person_id"]))
    caseload_user = User.objects.get(pk=forty["contact_person_id"])
    lead = User.objects.get(username="teamleder")
    tovholder = User.objects.get(username="tovholder")
    steering = User.objects.get(username="styregruppe")
    administrator = User.objects.get(username="admin")
    profile_youth = (
        Youth.objects.filter(assignments__contact_person=tovholder, assignments__ended_on__isnull=True)
        .annotate(contact_count=Count("contacts", distinct=True))
        .order_by("-contact_count", "pk")
        .first()
    )
    from django.contrib.admin import site

    def client_for(user) -> Client:
        """Signed in as after the password and the TOTP code (the second factor
        is the login's cost, measured by bench/load.py, not the pages')."""
        from kui.accounts import second_factor

        client = Client()
        client.force_login(user)
        session = client.session
        second_factor.mark(session, user, "bench")
        session.save()
        return client

    admin_client = client_for(administrator)

    def admin_changelist(model, scope, per_page=None):
        model_admin, meta = site._registry[model], model._meta
        per_page = per_page or model_admin.list_per_page

        def view():
            model_admin.scope, model_admin.list_per_page = scope, per_page
            response = admin_client.get(f"/admin/{meta.app_label}/{meta.model_name}/")
            assert response.status_code == 200, response.status_code
            return response

        return view

    caseload_client, lead_client, tovholder_client = (
        client_for(caseload_user),
        client_for(lead),
        client_for(tovholder),
    )
    steering_client = client_for(steering)
    caseload_scope = Youth.objects.filter(
        assignments__contact_person=caseload_user, assignments__is_primary=True, assignments__ended_on__isnull=True
    )
    lead_scope = Youth.objects.case_files_visible_to(lead)
    results = []
    results.append(
        measure_page(
            f"Board, caseload of {forty['load']} active youths",
            lambda: caseload_client.get("/unge/"),
            runs,
            admin=admin_changelist(Youth, caseload_scope),
        )
    )
    results.append(
        measure_page(
            f"Board, team lead ({lead_scope.count():,} youths visible)",
            lambda: lead_client.get("/unge/"),
            runs,
            admin=admin_changelist(Youth, lead_scope),
        )
    )
    profile_contacts = Contact.objects.filter(youth=profile_youth)
    results.append(
        measure_page(
            f"Youth profile ({profile_contacts.count()} contacts)",
            lambda: tovholder_client.get(f"/unge/{profile_youth.public_id}/"),
            runs,
            admin=admin_changelist(Contact, profile_contacts),
        )
    )
    results.append(
        measure_page(
            "Plan page",
            lambda: tovholder_client.get(f"/forloeb/unge/{profile_youth.public_id}/"),
            runs,
            admin=admin_changelist(Step, Step.objects.filter(pathway__youth=profile_youth)),
        )
    )

    def log_contact():
        happened = timezone.localtime().replace(second=0, microsecond=0).strftime("%Y-%m-%dT%H:%M")
        return tovholder_client.post(
            f"/unge/{profile_youth.public_id}/kontakt/",
            {"happened_at": happened, "medium": "phone", "duration_minutes": "15", "reached": "on", "note": ""},
            HTTP_HX_REQUEST="true",
        )

    results.append(
        measure_page(
            "Contact logged from the board (HTMX POST)",
            log_contact,
            runs,
            writes=True,
            admin=admin_changelist(Contact, profile_contacts, per_page=50),
        )
    )
    results[-1]["admin_label"] = "admin changelist of the youth's latest 50 contacts"
    cold_runs = max(3, runs // 3)
    results.append(
        measure_page(
            "Steering dashboard, cold", lambda: steering_client.get("/statistik/"), cold_runs, setup=cache.clear
        )
    )
    steering_client.get("/statistik/")
    results.append(measure_page("Steering dashboard, cached", lambda: steering_client.get("/statistik/"), runs))

    from kui.dashboards import report

    started = time.perf_counter()
    warmed = report.warm()
    warm_seconds = time.perf_counter() - started

    # The import: the upload (check and preview) in the request, then the job.
    today = timezone.localdate()
    header = "fornavn;efternavn;fødselsdato;målgruppe;støtteniveau;status;kontaktperson;seneste kontakt"
    lines = [
        f"Bench{number:04d};Importsen;{(datetime.date(2001, 1, 1) + datetime.timedelta(days=number)).isoformat()};"
        f"Frafald;Tæt;aktiv;{tovholder.username};{(today - datetime.timedelta(days=number % 60)).isoformat()}"
        for number in range(1000)
    ]
    content = "\n".join([header, *lines]).encode()

    def upload():
        from django.core.files.uploadedfile import SimpleUploadedFile

        return tovholder_client.post("/unge/import/", {"file": SimpleUploadedFile("unge.csv", content)})

    def job():
        table = importer.read_table("csv", content)
        youth_import = importer.import_prepare(table=table, by=tovholder)
        YouthImport.objects.filter(pk=youth_import.pk).update(status=ImportStatus.QUEUED)
        done = importer.import_run(import_id=youth_import.pk)
        assert done.status == ImportStatus.DONE and done.imported_count == 1000, done.problems[:3]
        return done

    import_runs = 3
    results.append(measure_page("Import of 1,000 rows: upload and preview", in_rollback(upload), import_runs))
    results.append(measure_page("Import of 1,000 rows: the job (confirm)", job, import_runs, writes=True))
    YouthImport.objects.filter(created_by=tovholder).delete()
    return {
        "counts": counts,
        "server_version": server_version,
        "results": results,
        "warm": {"seconds": warm_seconds, "reports": warmed},
    }


def measure_main(out: Path, runs: int) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kui.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    bench_admin_site()
    load_before = os.getloadavg()
    data = run_measurements(runs)
    data["load"] = [load_before, os.getloadavg()]
    out.write_text(json.dumps(data, indent=1, default=str))


# ---------------------------------------------------------------- reporting


def _ms(value: float) -> str:
    return f"{value:,.0f}" if value >= 10 else f"{value:.1f}"


def machine() -> str:
    memory = next(
        (line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")),
        "0",
    )
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    return (
        f"{os.cpu_count()} cores ({cpu}), {int(memory) / 1024 / 1024:.0f} GiB memory, "
        f"{platform.system()} {platform.release()}, Python {platform.python_version()}"
    )


def table(data: dict) -> list[str]:
    lines = [
        "| page | median ms | p95 ms | queries | own SQL median ms | page ÷ own SQL | admin median ms | page ÷ admin |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for row in data["results"]:
        page, own = row["page"], row["sql"]
        ratio = page["median"] / own["median"] if own["median"] else 0
        admin = row.get("admin")
        admin_cells = (
            f"{_ms(admin['median'])} ({row['admin_queries']} q.) | {page['median'] / admin['median']:.1f}×"
            if admin
            else "– | –"
        )
        lines.append(
            f"| {row['name']} | {_ms(page['median'])} | {_ms(page['p95'])} | {row['queries']} | "
            f"{_ms(own['median'])} | {ratio:.1f}× | {admin_cells} |"
        )
    return lines


def growth(small: dict, large: dict) -> list[str]:
    lines = [
        f"| page | {small['counts']['youths']:,} youths: median ms / queries | "
        f"{large['counts']['youths']:,} youths: median ms / queries | growth |",
        "|---|---|---|---|",
    ]
    for before, after in zip(small["results"], large["results"], strict=False):
        factor = after["page"]["median"] / before["page"]["median"] if before["page"]["median"] else 0
        lines.append(
            f"| {after['name']} | {_ms(before['page']['median'])} / {before['queries']} | "
            f"{_ms(after['page']['median'])} / {after['queries']} | {factor:.1f}× |"
        )
    return lines


def report(large: dict, small: dict | None, command: str, runs: int, seeding: dict) -> str:
    counts = large["counts"]
    out = [
        START,
        "## Pages at national scale (`make bench`)",
        "",
        f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} with `{command}` on {machine()}, "
        f"PostgreSQL {large['server_version']} on localhost; Django's test client in one process "
        f"with the production settings (DEBUG=0, manifest static files; no gunicorn, no Redis), {runs} runs per page after one warm-up "
        "(the cold dashboard and the import fewer, see the runs column of the JSON).",
        "",
        f"Data: {counts['youths']:,} youths, {counts['steps']:,} steps, {counts['contacts']:,} contacts, "
        f"{counts['staff']:,} staff (`seed_demo --youths 50000` + `bench/national.py`; "
        f"preparing took {seeding.get('large', 0):.0f} s this run, ~0 when already seeded).",
        "",
        "**The machine is shared**: 2 cores with other helpers' test runs; load average "
        f"{large['load'][0][0]:.1f} before and {large['load'][1][0]:.1f} after this run. Every figure is an "
        "upper bound and noisy; compare ratios measured in the same run rather than absolute times.",
        "",
        *table(large),
        "",
        "Own SQL: the page's statements captured with `connection.execute_wrapper` and replayed with a plain "
        "cursor (rows fetched, writes rolled back). Admin: a Django admin changelist with the same columns over the "
        "same rows (registered in the bench process only) (no admin equivalent for the dashboard and the import).",
        "",
        f"Cache-warming job (`dashboards.warm_cache`, every 10 minutes): {large['warm']['seconds']:.1f} s for "
        f"{large['warm']['reports']} landing reports.",
        "",
    ]
    if small:
        out += [
            f"### Growth from {small['counts']['youths']:,} to {counts['youths']:,} youths",
            "",
            f"Same run, the small database prepared the same way (`--youths {small['counts']['youths']}`; "
            f"load average {small['load'][0][0]:.1f}).",
            "",
            *growth(small, large),
            "",
        ]
    out.append(END)
    return "\n".join(out)


def write_doc(section: str) -> None:
    DOC.parent.mkdir(exist_ok=True)
    text = DOC.read_text() if DOC.exists() else "# Benchmarks\n\n" + START + "\n" + END + "\n"
    if START in text and END in text:
        before, rest = text.split(START, 1)
        after = rest.split(END, 1)[1]
        text = before + section + after
    else:
        text = text.rstrip() + "\n\n" + section + "\n"
    DOC.write_text(text)


def production_env(url: str, scratch: Path) -> tuple[dict, str]:
    """The settings production runs with (DEBUG=0, manifest static files
    collected into `scratch`), as bench/load.py starts gunicorn, for Django's
    test client: plain HTTP to `testserver`, and no Redis (the embedded cache
    and eager jobs, so the figures are the app's, not Redis')."""
    sys.path.insert(0, str(ROOT / "bench"))
    import load

    env = load.production_env(str(scratch / "staticfiles"))
    env.update(DATABASE_URL=url, ALLOWED_HOSTS="testserver", SECURE_SSL_REDIRECT="0")
    env.pop("REDIS_URL", None)
    return env, load.collectstatic(env, scratch)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--youths", type=int, default=50_000)
    parser.add_argument("--small-youths", type=int, default=5_000, help="0 skips the growth comparison")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)  # internal: measure into this JSON file
    args = parser.parse_args()
    if args.measure:
        measure_main(args.measure, args.runs)
        return
    large_url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    small_url = os.environ.get("BENCH_SMALL_DATABASE_URL", DEFAULT_SMALL_URL)
    runs_for = [("large", large_url, args.youths)]
    if args.small_youths:
        runs_for.append(("small", small_url, args.small_youths))
    found, seeding = {}, {}
    for key, url, youths in runs_for:
        seeding[key] = prepare(url, youths)
        with tempfile.NamedTemporaryFile(suffix=".json") as out, tempfile.TemporaryDirectory() as scratch:
            env, _note = production_env(url, Path(scratch))
            command = [sys.executable, __file__, f"--runs={args.runs}", f"--measure={out.name}"]
            subprocess.run(command, cwd=ROOT, env=env, check=True)
            found[key] = json.loads(Path(out.name).read_text())
        print("\n".join(table(found[key])), flush=True)
    command = " ".join(["make bench", *sys.argv[1:]]) if os.environ.get("MAKELEVEL") else "bench/pages.py"
    write_doc(report(found["large"], found.get("small"), command, args.runs, seeding))
    (ROOT / "var").mkdir(exist_ok=True)
    (ROOT / "var" / "bench-last-run.json").write_text(json.dumps(found, indent=1, default=str))
    print(f"Wrote {DOC.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
