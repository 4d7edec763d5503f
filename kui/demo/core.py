"""The core of the demo data: organisations, teams and one user per role.

Each domain app adds its own data through a `seed_demo(context)` method on its
AppConfig, called in INSTALLED_APPS order, so the core never imports the apps.
"""

import base64
import datetime
import hashlib
import random
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from kui.accounts.models import Organisation, OrganisationKind, Role, Team, User
from kui.demo.names import FIRST_NAMES, LAST_NAMES

DEMO_PASSWORD = "kui-demo"  # nosec B105  # the published password of the demo logins (demo data only)

ORGANISATIONS = [
    (
        "kui",
        "Ungeindsatsen Demo Kommune",
        OrganisationKind.KUI_UNIT,
        "Rådhuspladsen 1",
        "Kommunens ungeindsats (KUI) med UU-vejledning og tovholdere.",
    ),
    (
        "jobcentre",
        "Jobcenter Demo Kommune",
        OrganisationKind.JOBCENTRE,
        "Jobvej 2",
        "Uddannelseshjælp, virksomhedspraktik og mentorer.",
    ),
    (
        "family",
        "Familieafdelingen",
        OrganisationKind.FAMILY,
        "Rådhuspladsen 1",
        "Børne- og ungerådgivning og efterværn.",
    ),
    (
        "substance",
        "Rusmiddelcentret Unge",
        OrganisationKind.SUBSTANCE_USE,
        "Sundhedsvej 4",
        "Anonym og gratis rådgivning og behandling for unge.",
    ),
    (
        "psychology",
        "Psykologhuset Demo Kommune",
        OrganisationKind.HEALTH,
        "Sundhedsvej 2",
        "Psykologbehandling for unge med angst og depression (ventetid).",
    ),
    (
        "fgu",
        "FGU Demo – Produktionsskolen",
        OrganisationKind.PRODUCTION_SCHOOL,
        "Værkstedsvej 10",
        "Værksteder i træ, metal, køkken og lager; EGU og produktionsgrunduddannelse.",
    ),
    (
        "tec",
        "TEC",
        OrganisationKind.VOCATIONAL_SCHOOL,
        "Stamholmen 153",
        "Erhvervsuddannelser inden for teknik, bil, bygge og anlæg.",
    ),
    (
        "next",
        "NEXT Uddannelse København",
        OrganisationKind.VOCATIONAL_SCHOOL,
        "Nørrebrogade 74",
        "Erhvervsuddannelser, brobygning og grundforløb.",
    ),
    (
        "hrs",
        "Hotel- og Restaurantskolen",
        OrganisationKind.VOCATIONAL_SCHOOL,
        "Vigerslev Allé 18",
        "Kok, tjener, receptionist og gastronomi.",
    ),
    (
        "vuc",
        "VUC Demo",
        OrganisationKind.ADULT_EDUCATION,
        "Skolegade 5",
        "Almen voksenuddannelse, FVU og HF-enkeltfag.",
    ),
    (
        "warehouse",
        "Lagerhuset Nord A/S",
        OrganisationKind.COMPANY,
        "Industrivej 22",
        "Praktik på lager: pluk, pak og truck.",
    ),
    ("bakery", "Byens Bageri ApS", OrganisationKind.COMPANY, "Østergade 8", "Praktik i bageri og butik."),
    ("garage", "Autoværkstedet Syd", OrganisationKind.COMPANY, "Møllevej 3", "Praktik som mekanikerhjælper."),
    (
        "football",
        "Boldklubben Ærø Fremad",
        OrganisationKind.ASSOCIATION,
        "Stadionvej 1",
        "Fodbold, frivillige trænerhjælpere og fællesskab.",
    ),
    (
        "redcross",
        "Røde Kors Ungdom",
        OrganisationKind.VOLUNTEER,
        "Frivillighedens Hus",
        "Lektiecafé, mentorer og fællesspisning.",
    ),
]

# (username, first name, last name, role, organisation key, team name or None)
DEMO_USERS = [
    ("tovholder", "Tine", "Holm", Role.CONTACT_PERSON, "kui", "Team Nord"),
    ("teamleder", "Lars", "Bæk", Role.TEAM_LEAD, "kui", "Team Nord"),
    ("partner", "Mette", "Lager", Role.PARTNER_STAFF, "warehouse", None),
    ("styregruppe", "Søren", "Styr", Role.STEERING, "kui", None),
    ("ung", "Oliver", "Jørgensen", Role.YOUTH, None, None),
    ("admin", "Anne", "Admin", Role.ADMINISTRATOR, "kui", None),
]
TEAMS = ["Team Nord", "Team Syd"]


def demo_totp_secret(username: str) -> str:
    """The demo staff's fixed TOTP secret (base32), derived from the username
    so the demo, the tests and `manage.py demo_logins` agree on it. As public
    as the demo password: seed_demo refuses to run with DEBUG off."""
    digest = hashlib.sha256(f"kui-demo-totp:{username}".encode()).digest()[:20]
    return base64.b32encode(digest).decode()


@dataclass
class DemoContext:
    """What the generators share: the random source, 'today', and what the
    core (and earlier apps) made, keyed for later apps."""

    rng: random.Random
    youth_count: int
    today: datetime.date = field(default_factory=timezone.localdate)
    organisations: dict[str, Organisation] = field(default_factory=dict)
    teams: dict[str, Team] = field(default_factory=dict)
    users: dict[str, User] = field(default_factory=dict)
    contact_persons: list[User] = field(default_factory=list)
    extra: dict = field(default_factory=dict)


def already_seeded() -> bool:
    return User.objects.filter(username="tovholder").exists()


def seed_core(context: DemoContext) -> None:
    _seed_organisations(context)
    _seed_teams(context)
    password = make_password(DEMO_PASSWORD)  # hashed once, shared by every demo user
    _seed_demo_users(context, password)
    _seed_contact_persons(context, password)
    _enrol_demo_second_factors(context)


def _seed_organisations(context: DemoContext) -> None:
    rows = [
        Organisation(
            name=name,
            kind=kind,
            address=f"{address}, Demo By",
            description=offer,
            phone=f"7{context.rng.randrange(10**7):07d}",
            email=f"kontakt@{key}.demo.dk",
        )
        for key, name, kind, address, offer in ORGANISATIONS
    ]
    Organisation.objects.bulk_create(rows)
    by_name = {org.name: org for org in Organisation.objects.all()}
    context.organisations = {key: by_name[name] for key, name, *_ in ORGANISATIONS}


def _seed_teams(context: DemoContext) -> None:
    unit = context.organisations["kui"]
    context.teams = {name: Team.objects.create(organisation=unit, name=name) for name in TEAMS}


def _seed_demo_users(context: DemoContext, password: str) -> None:
    for username, first, last, role, org_key, team_name in DEMO_USERS:
        user = User.objects.create(
            username=username,
            first_name=first,
            last_name=last,
            role=role,
            password=password,
            email=f"{username}@demo.kui.dk",
            organisation=context.organisations.get(org_key) if org_key else None,
            team=context.teams.get(team_name) if team_name else None,
            phone=f"2{context.rng.randrange(10**7):07d}",
            is_staff=role == Role.ADMINISTRATOR,
            is_superuser=role == Role.ADMINISTRATOR,
        )
        context.users[username] = user
    context.contact_persons.append(context.users["tovholder"])


def _seed_contact_persons(context: DemoContext, password: str) -> None:
    """Enough colleagues that caseloads stay near 25 youths each."""
    wanted = max(3, context.youth_count // 25) - 1
    team_names = list(context.teams)
    users = [
        User(
            username=f"kontakt{number:04d}",
            first_name=context.rng.choice(FIRST_NAMES),
            last_name=context.rng.choice(LAST_NAMES),
            role=Role.CONTACT_PERSON,
            password=password,
            organisation=context.organisations["kui"],
            team=context.teams[team_names[number % len(team_names)]],
            phone=f"2{context.rng.randrange(10**7):07d}",
        )
        for number in range(1, wanted + 1)
    ]
    context.contact_persons.extend(User.objects.bulk_create(users, batch_size=1000))


def _enrol_demo_second_factors(context: DemoContext) -> None:
    """Demo staff sign in with the password and a code from their fixed TOTP
    secret (printed by demo_logins); each also gets recovery codes."""
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
    from allauth.mfa.totp.internal.auth import TOTP

    for username, *_ in DEMO_USERS:
        user = context.users[username]
        if user.needs_second_factor:
            TOTP.activate(user, demo_totp_secret(username))
            RecoveryCodes.activate(user)


def refresh_planner_statistics() -> None:
    """ANALYZE after a bulk load: with stale statistics PostgreSQL plans the
    scan's anti-joins as nested loops (measured: 3.6 s instead of 0.13 s for
    15,000 youths). Autovacuum does this in production; a seed cannot wait."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
