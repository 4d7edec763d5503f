"""Brings a seeded PostgreSQL database up to national scale for `make bench`.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kui_bench .venv/bin/python bench/national.py

`manage.py seed_demo --youths 50000` makes a realistic partnership (50,000
youths, ~2,000 staff, ~100,000 steps, ~200,000 contacts, 14 organisations).
A large municipality's history is longer: this tops it up to

    300 partner organisations, 2,000 staff, 100,000 pathways,
    400,000 steps, 1,000,000 contacts

with PostgreSQL's COPY (a million rows in well under a minute, where the ORM
would take many). What is added is history: ended pathways with completed,
dropped or cancelled steps at the partners, and contacts over the last two
years, so today's flags, caseloads and next steps stay as the seed made them.
One youth of the demo contact person's caseload gets ~223 contacts (the
profile the benchmark opens).

It is idempotent: each table is topped up only by what it lacks, so a second
run adds nothing. Ends with ANALYZE (fresh planner statistics after a bulk
load; see kui.demo.core.refresh_planner_statistics).
"""

import argparse
import datetime
import io
import json
import os
import random
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

TARGETS = {  # for 50,000 youths; --youths scales all but the partners
    "partners": 300,
    "staff": 2_000,
    "pathways": 100_000,
    "steps": 400_000,
    "contacts": 1_000_000,
}
PROFILE_CONTACTS = 223
CHUNK = 100_000
PARTNER_KINDS = ("company", "company", "company", "association", "volunteer", "vocational_school", "adult_education")
OUTCOMES = ("education", "education", "job", "other", "dropped_out")
STEP_TYPES = ("internship", "bridging", "workshop", "education", "conversation", "treatment", "leisure", "job", "other")
ENDED_STEP = ("completed", "completed", "completed", "dropped", "cancelled")
MEDIA = ("phone", "phone", "meeting", "sms", "home_visit", "workplace", "online", "outreach")


def _copy(cursor, table: str, columns: list[str], rows) -> int:
    """COPY rows (tuples of already formatted text; None → NULL) in chunks."""
    count, buffer = 0, io.StringIO()

    def flush():
        buffer.seek(0)
        cursor.copy_expert(f"COPY {table} ({', '.join(columns)}) FROM STDIN WITH (FORMAT text)", buffer)
        buffer.seek(0)
        buffer.truncate()

    for row in rows:
        buffer.write("\t".join("\\N" if value is None else str(value) for value in row))
        buffer.write("\n")
        count += 1
        if count % CHUNK == 0:
            flush()
    flush()
    return count


def _scalar(cursor, sql: str, params=()) -> int:
    cursor.execute(sql, params)
    return cursor.fetchone()[0]


def top_up_partners(cursor, rng: random.Random, now: str) -> int:
    from kui.accounts.models import OrganisationKind

    municipal = tuple(OrganisationKind.municipal())
    have = _scalar(cursor, "SELECT COUNT(*) FROM accounts_organisation WHERE kind NOT IN %s", [municipal])
    wanted = max(0, TARGETS["partners"] - have)
    rows = (
        (
            uuid.UUID(int=rng.getrandbits(128), version=4),
            f"Praktiksted {number:03d} ApS",
            PARTNER_KINDS[number % len(PARTNER_KINDS)],
            f"Erhvervsvej {number}, Demo By",
            f"7{rng.randrange(10**7):07d}",
            f"kontakt@praktik{number:03d}.demo.dk",
            "Praktikpladser og introforløb.",
        )
        for number in range(have + 1, have + wanted + 1)
    )
    columns = ["public_id", "name", "kind", "address", "phone", "email", "description"]
    return _copy(cursor, "accounts_organisation", columns, rows)


def top_up_staff(cursor, rng: random.Random, now: str) -> int:
    have = _scalar(cursor, "SELECT COUNT(*) FROM accounts_user WHERE role <> 'youth'")
    wanted = max(0, TARGETS["staff"] - have)
    if not wanted:
        return 0
    cursor.execute(
        "SELECT password, organisation_id, team_id, caseload_limit FROM accounts_user WHERE username = 'tovholder'"
    )
    password, organisation_id, team_id, caseload_limit = cursor.fetchone()
    cursor.execute("SELECT column_name FROM information_schema.columns WHERE table_name = 'accounts_user'")
    known = {name for (name,) in cursor.fetchall()}
    values = {
        "password": password,
        "is_superuser": "f",
        "first_name": "Medarbejder",
        "is_staff": "f",
        "is_active": "t",
        "date_joined": now,
        "email": "",
        "role": "contact_person",
        "phone": "",
        "organisation_id": organisation_id,
        "team_id": team_id,
        "caseload_limit": caseload_limit,
    }
    values = {name: value for name, value in values.items() if name in known}
    rows = (
        (f"ekstra{number:05d}", f"{number:05d}", uuid.UUID(int=rng.getrandbits(128), version=4), *values.values())
        for number in range(1, wanted + 1)
    )
    return _copy(cursor, "accounts_user", ["username", "last_name", "public_id", *values], rows)


def top_up_pathways(cursor, rng: random.Random, today: datetime.date, now: str) -> int:
    have = _scalar(cursor, "SELECT COUNT(*) FROM pathways_pathway")
    wanted = max(0, TARGETS["pathways"] - have)
    cursor.execute("SELECT id FROM youths_youth ORDER BY id")
    youths = [row[0] for row in cursor.fetchall()]

    def rows():
        for _ in range(wanted):
            ended = today - datetime.timedelta(days=rng.randint(400, 1400))
            started = ended - datetime.timedelta(days=rng.randint(30, 300))
            outcome = rng.choice(OUTCOMES)
            kind = rng.choice(("egu", "eud_basic", "stu", "vuc")) if outcome == "education" else ""
            yield (
                uuid.UUID(int=rng.getrandbits(128), version=4),
                "Tidligere forløb",
                started.isoformat(),
                ended.isoformat(),
                outcome,
                kind,
                now,
                rng.choice(youths),
            )

    columns = ["public_id", "goal", "started_on", "ended_on", "outcome", "education_kind", "created_at", "youth_id"]
    return _copy(cursor, "pathways_pathway", columns, rows())


def top_up_steps(cursor, rng: random.Random, now: str) -> int:
    from kui.accounts.models import OrganisationKind

    have = _scalar(cursor, "SELECT COUNT(*) FROM pathways_step")
    wanted = max(0, TARGETS["steps"] - have)
    cursor.execute(
        "SELECT id FROM accounts_organisation WHERE kind NOT IN %s ORDER BY id", [tuple(OrganisationKind.municipal())]
    )
    partners = [row[0] for row in cursor.fetchall()]
    cursor.execute("SELECT id, started_on, ended_on FROM pathways_pathway WHERE ended_on IS NOT NULL ORDER BY id")
    pathways = cursor.fetchall()
    weekdays = json.dumps([])

    def rows():
        for number in range(wanted):
            pathway_id, started, ended = rng.choice(pathways)
            span = max(0, (ended - started).days)
            starts = started + datetime.timedelta(days=rng.randint(0, span))
            ends = min(ended, starts + datetime.timedelta(days=rng.randint(5, 90)))
            step_type = rng.choice(STEP_TYPES)
            with_partner = step_type in ("internship", "bridging", "education", "job", "leisure")
            yield (
                uuid.UUID(int=rng.getrandbits(128), version=4),
                number % 6,
                step_type,
                "",
                "Tidligere aktivitet",
                "",
                starts.isoformat(),
                ends.isoformat(),
                None,
                weekdays,
                rng.choice(ENDED_STEP),
                ends.isoformat(),
                "",
                "",
                now,
                now,
                1,
                rng.choice(partners) if with_partner and partners else None,
                pathway_id,
            )

    columns = [
        "public_id",
        "position",
        "step_type",
        "education_kind",
        "title",
        "mentor",
        "starts_on",
        "ends_on",
        "hours_per_week",
        "weekdays",
        "status",
        "status_changed_on",
        "outcome",
        "evaluation_note",
        "created_at",
        "updated_at",
        "version",
        "partner_id",
        "pathway_id",
    ]
    return _copy(cursor, "pathways_step", columns, rows())


def _profile_youth(cursor) -> int | None:
    """The first youth of the demo contact person's current caseload."""
    cursor.execute(
        "SELECT a.youth_id FROM youths_contactpersonassignment a JOIN accounts_user u ON u.id = a.contact_person_id "
        "WHERE u.username = 'tovholder' AND a.is_primary AND a.ended_on IS NULL ORDER BY a.youth_id LIMIT 1"
    )
    row = cursor.fetchone()
    return row[0] if row else None


def top_up_contacts(cursor, rng: random.Random, now: datetime.datetime) -> int:
    have = _scalar(cursor, "SELECT COUNT(*) FROM youths_contact")
    wanted = max(0, TARGETS["contacts"] - have)
    if not wanted:
        return 0
    cursor.execute("SELECT id FROM youths_youth ORDER BY id")
    youths = [row[0] for row in cursor.fetchall()]
    cursor.execute("SELECT id FROM accounts_user WHERE role IN ('contact_person', 'team_lead') ORDER BY id")
    staff = [row[0] for row in cursor.fetchall()]
    profile = _profile_youth(cursor)
    extra_for_profile = 0
    if profile is not None:
        extra_for_profile = max(
            0, PROFILE_CONTACTS - _scalar(cursor, "SELECT COUNT(*) FROM youths_contact WHERE youth_id = %s", [profile])
        )
    two_years = 730 * 24 * 3600

    def rows():
        for number in range(wanted):
            youth = profile if number < extra_for_profile else rng.choice(youths)
            # Older contacts only: the seed's own recent contacts decide who is stalled today.
            happened = now - datetime.timedelta(seconds=rng.randint(40 * 24 * 3600, two_years))
            stamp = happened.isoformat()
            yield (
                stamp,
                rng.choice(MEDIA),
                rng.choice((5, 10, 15, 15, 30, 45, 60)),
                "",
                "t" if rng.random() < 0.85 else "f",
                "",
                stamp,
                rng.choice(staff),
                youth,
            )

    columns = [
        "happened_at",
        "medium",
        "duration_minutes",
        "participants",
        "reached",
        "note",
        "recorded_at",
        "logged_by_id",
        "youth_id",
    ]
    return _copy(cursor, "youths_contact", columns, rows())


def main() -> None:
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("Set DATABASE_URL to the PostgreSQL benchmark database (see the docstring).")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kui.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connection, transaction
    from django.utils import timezone

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--youths", type=int, default=50_000, help="the seed's youths (targets scale with them)")
    args = parser.parse_args()
    for name in ("staff", "pathways", "steps", "contacts"):
        TARGETS[name] = TARGETS[name] * args.youths // 50_000
    rng = random.Random(2027)
    now = timezone.now()
    stamp = now.isoformat()
    today = timezone.localdate()
    steps = [
        ("partner organisations", lambda c: top_up_partners(c, rng, stamp)),
        ("staff", lambda c: top_up_staff(c, rng, stamp)),
        ("pathways", lambda c: top_up_pathways(c, rng, today, stamp)),
        ("steps", lambda c: top_up_steps(c, rng, stamp)),
        ("contacts", lambda c: top_up_contacts(c, rng, now)),
    ]
    for label, step in steps:
        started = time.perf_counter()
        with transaction.atomic(), connection.cursor() as cursor:
            added = step(cursor)
        print(f"top-up {label}: {added:,} rows added in {time.perf_counter() - started:.1f} s", flush=True)
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"ANALYZE: {time.perf_counter() - started:.1f} s", flush=True)


if __name__ == "__main__":
    main()
