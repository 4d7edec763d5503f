"""Benchmark: the contact person's pages at national scale (issue 12's table).

    psql -h 127.0.0.1 -U postgres -c 'CREATE DATABASE kui_bench_pages'
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kui_bench_pages .venv/bin/python manage.py migrate
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kui_bench_pages .venv/bin/python manage.py seed_demo --youths 50000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kui_bench_pages .venv/bin/python bench/pages_board.py [--runs 30]

On the seeded database it first arranges (idempotently) what the table
measures: a contact person with 40 youths (`bench_tovholder`), a team lead
whose team has 520 youths (`bench_teamleder`), one of the 40 with 223
contacts. Then each page is requested through Django's test client in the
same process, with DEBUG off for the request (no query log, no template
debug): board (40), board (team lead, 520), profile (223 contacts), plan,
and a contact logged from the board by HTMX POST (the contacts it makes are
deleted afterwards). For each: median and p95 of `--runs` requests, the
number of queries, the page's own SELECTs replayed straight on the
connection (median) and the ratio, and the response size. Last, EXPLAIN
ANALYZE of the two board statements, to show they read the caseload or the
team and not the organisation.
"""

import argparse
import datetime
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kui.settings")

CASELOAD, TEAM_SIZE, CONTACTS = 40, 520, 223


def arrange():
    from django.db import connection, transaction
    from django.utils import timezone

    from kui.accounts.models import Role, Team, User
    from youths.models import Contact, ContactPersonAssignment, Youth, YouthStatus

    tovholder = User.objects.get(username="tovholder")
    with transaction.atomic():
        team, _ = Team.objects.get_or_create(organisation=tovholder.organisation, name="Bench-team")
        lead, _ = User.objects.get_or_create(
            username="bench_teamleder",
            defaults={"first_name": "Bente", "last_name": "Bench", "role": Role.TEAM_LEAD},
        )
        person, _ = User.objects.get_or_create(
            username="bench_tovholder",
            defaults={"first_name": "Birk", "last_name": "Bench", "role": Role.CONTACT_PERSON},
        )
        for user in (lead, person):
            user.organisation, user.team = tovholder.organisation, team
            user.save(update_fields=["organisation", "team"])
        if Youth.objects.filter(team=team).count() < TEAM_SIZE:
            active = Youth.objects.filter(organisation=tovholder.organisation, status=YouthStatus.ACTIVE)
            chosen = list(active.exclude(team=team).order_by("-pk").values_list("pk", flat=True)[:TEAM_SIZE])
            Youth.objects.filter(pk__in=chosen).update(team=team)
        team_youths = list(Youth.objects.filter(team=team).order_by("pk").values_list("pk", flat=True)[:CASELOAD])
        ContactPersonAssignment.objects.filter(
            youth_id__in=team_youths, is_primary=True, ended_on__isnull=True
        ).exclude(contact_person=person).update(contact_person=person)
        busy = Youth.objects.get(pk=team_youths[0])
        missing = CONTACTS - busy.contacts.count()
        now = timezone.now()
        Contact.objects.bulk_create(
            Contact(youth=busy, happened_at=now - datetime.timedelta(days=2 + n), logged_by=person)
            for n in range(max(missing, 0))
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return person, lead, busy


def replay(queries) -> float:
    """The page's own SELECTs, executed straight on the connection."""
    from django.db import connection

    started = time.perf_counter()
    with connection.cursor() as cursor:
        for query in queries:
            sql = query["sql"]
            if sql.lstrip().upper().startswith("SELECT"):
                cursor.execute(sql)
    return time.perf_counter() - started


def measure(label, request, runs: int):
    from django.conf import settings
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    response = request()  # warm caches (templates, content types)
    assert response.status_code == 200, (label, response.status_code)
    with CaptureQueriesContext(connection) as captured:
        response = request()
    queries = captured.captured_queries
    times, sql_times = [], []
    settings.DEBUG = False
    for _run in range(runs):
        started = time.perf_counter()
        response = request()
        times.append(time.perf_counter() - started)
        sql_times.append(replay(queries))
    settings.DEBUG = True
    times.sort()
    median, p95 = statistics.median(times), times[max(0, int(len(times) * 0.95) - 1)]
    sql = statistics.median(sql_times)
    print(
        f"| {label} | {median * 1000:.0f} ms | {p95 * 1000:.0f} ms | {len(queries)} | "
        f"{sql * 1000:.1f} ms | {median / sql:.1f}× | {len(response.content) / 1024:.0f} KiB |"
    )


def explain(label, queryset):
    from django.db import connection

    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
        plan = [row[0] for row in cursor.fetchall()]
    print(f"\n{label}:")
    for line in plan:
        if any(word in line for word in ("Scan", "Removed", "Join", "Execution", "Limit", "Sort")):
            print("   ", line)


def main():
    import django

    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--no-explain", action="store_true", help="only the timings (e.g. on an older checkout)")
    options = parser.parse_args()
    runs = options.runs
    django.setup()
    from django.core.paginator import Paginator
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    from youths.models import Contact, Youth

    assert connection.vendor == "postgresql", "run it on PostgreSQL (DATABASE_URL)"
    person, lead, busy = arrange()
    print(f"{Youth.objects.count():,} youths, {Contact.objects.count():,} contacts")
    print("| page | median | p95 | queries | own SQL (median) | ratio | size |")
    print("|---|---|---|---|---|---|---|")
    staff, team_lead = Client(), Client()
    staff.force_login(person)
    team_lead.force_login(lead)
    measure(f"board, {CASELOAD}-youth caseload", lambda: staff.get("/unge/"), runs)
    measure(f"board, team lead, {TEAM_SIZE} youths (page 1)", lambda: team_lead.get("/unge/"), runs)
    measure(f"profile, {CONTACTS} contacts", lambda: staff.get(f"/unge/{busy.public_id}/"), runs)
    measure("plan page", lambda: staff.get(f"/forloeb/unge/{busy.public_id}/"), runs)
    started = timezone.now()

    def post():
        data = {
            "happened_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "medium": "phone",
            "duration_minutes": 15,
            "reached": "on",
            "where": "board",
        }
        return staff.post(f"/unge/{busy.public_id}/kontakt/", data, HTTP_HX_REQUEST="true")

    measure("contact logged from the board (HTMX POST)", post, runs)
    Contact.objects.filter(youth=busy, recorded_at__gte=started).delete()
    if options.no_explain:
        return
    from youths.board import board_queryset, in_caseload_of
    from youths.views.board import BOARD_PAGE_SIZE

    base = Youth.objects.case_files_visible_to(person)
    mine = board_queryset(in_caseload_of(base, person)).order_by("last_contact_at")
    explain("EXPLAIN the 40-youth board", mine[:BOARD_PAGE_SIZE])
    team = board_queryset(base.filter(team_id=lead.team_id)).order_by("last_contact_at")
    explain("EXPLAIN the team lead's board (page 1)", team[:BOARD_PAGE_SIZE])
    explain("EXPLAIN the team lead's count", Paginator(team, BOARD_PAGE_SIZE).object_list.values("pk"))


if __name__ == "__main__":
    main()
