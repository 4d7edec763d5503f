"""Demo portfolios: the competence catalogue, certificates for completed steps
in the demo contact person's caseload, and Oliver's own portfolio — among
others "Pallehåndtering og ordreplukning" from his warehouse internship,
and reflections in his own words.

Bulk inserts, deterministic from `context.rng` (the verification codes too,
so a seed gives the same codes; real codes come from `secrets`).
"""

import datetime
import secrets

from kui.demo.core import DemoContext
from kui.lib import sms
from pathways.models import Step, StepStatus, StepType
from portfolio import disclosure
from portfolio.models import (
    Certificate,
    Competence,
    CompetenceCategory,
    PriorLearning,
    PriorLearningSource,
    Reflection,
    ReflectionKind,
    ReminderSettings,
)
from portfolio.verification import ALPHABET, CODE_LENGTH

CATALOGUE = [
    (
        "Pallehåndtering og ordreplukning",
        CompetenceCategory.WORK,
        "Plukker ordrer efter pluklister, stabler og sikrer paller, og bruger håndscanner og palleløfter.",
    ),
    (
        "Lagerstyring med håndscanner",
        CompetenceCategory.WORK,
        "Registrerer varer ind og ud med håndscanner og finder varer på lagerets pladser.",
    ),
    ("Mødestabilitet", CompetenceCategory.PERSONAL, "Møder til tiden hver dag og siger til i god tid ved fravær."),
    (
        "Samarbejde i team",
        CompetenceCategory.PERSONAL,
        "Løser opgaver sammen med kolleger, spørger om hjælp og hjælper andre.",
    ),
    (
        "Hygiejne i fødevarevirksomhed",
        CompetenceCategory.SAFETY,
        "Følger hygiejnereglerne: håndvask, arbejdstøj, rengøring og adskillelse af råvarer.",
    ),
    (
        "Sikker brug af værktøj",
        CompetenceCategory.SAFETY,
        "Bruger værkstedets håndværktøj og el-værktøj sikkert og rydder op efter sig.",
    ),
    (
        "Kundeservice i butik",
        CompetenceCategory.WORK,
        "Hjælper kunder venligt, betjener kasse og holder butikken ryddelig.",
    ),
    (
        "Træner-hjælper for børnehold",
        CompetenceCategory.PERSONAL,
        "Hjælper træneren med at forberede og lede øvelser for et børnehold.",
    ),
    (
        "Dansk: læse og skrive i hverdagen",
        CompetenceCategory.SCHOOL,
        "Læser og skriver korte tekster som beskeder, skemaer og ansøgninger.",
    ),
    (
        "Ansøgning og jobsamtale",
        CompetenceCategory.OTHER,
        "Skriver en kort ansøgning og forbereder sig til en jobsamtale.",
    ),
]
# Which competences a completed step of each type can show.
BY_STEP_TYPE = {
    StepType.INTERNSHIP: ["Mødestabilitet", "Samarbejde i team"],
    StepType.WORKSHOP: ["Sikker brug af værktøj", "Samarbejde i team"],
    StepType.LEISURE: ["Træner-hjælper for børnehold"],
    StepType.CONVERSATION: ["Ansøgning og jobsamtale"],
    StepType.EDUCATION: ["Dansk: læse og skrive i hverdagen"],
}
OLIVER_WAREHOUSE = [
    (
        ["Pallehåndtering og ordreplukning"],
        "Oliver plukkede ordrer efter pluklister i seks uger og stablede og sikrede paller til afsendelse.",
    ),
    (
        ["Lagerstyring med håndscanner"],
        "Oliver registrerede varemodtagelse med håndscanner og fandt selv varer på lagerets pladser.",
    ),
    (
        ["Mødestabilitet", "Samarbejde i team"],
        "Oliver mødte hver dag til tiden kl. 7 og løste opgaverne sammen med holdet på lageret.",
    ),
]
OLIVER_REFLECTIONS = [
    (ReflectionKind.GOAL, "Jeg vil gerne have en EGU i lager og logistik og et fast job på et lager."),
    (
        ReflectionKind.REFLECTION,
        "Praktikken på lageret gik bedre end jeg troede. Det var hårdt at stå op kl. 6, men det var fedt at "
        "have noget at stå op til. Mette sagde, at jeg er god til at holde styr på plukket.",
    ),
    (ReflectionKind.IDEA, "Måske kan jeg tage truckcertifikat under brobygningen? Jeg vil spørge Tine."),
]


OLIVER_REACHED_GOAL = "Jeg vil kunne møde til tiden hver dag i en hel måned."
OLIVER_PRIOR_LEARNING = [
    (
        "Kundeservice og kasseekspedition",
        PriorLearningSource.WORK,
        "Udtalelse fra tidligere arbejdsgiver (Netto, 8 måneder som ekspedient), set og kopieret til sagen.",
        [],
    ),
    (
        "Træner for et U10-fodboldhold",
        PriorLearningSource.VOLUNTEERING,
        "Bekræftet af formanden for boldklubben; har haft holdet i to sæsoner.",
        ["Samarbejde i team"],
    ),
]


def _oliver_progression(context: DemoContext, oliver, competences: dict) -> None:
    """A goal Oliver reached and the prior learning his contact person recorded."""
    Reflection.objects.create(
        youth=oliver,
        kind=ReflectionKind.GOAL,
        text=OLIVER_REACHED_GOAL,
        reached_on=context.today - datetime.timedelta(days=20),
    )
    recorder = context.users["tovholder"]
    for number, (title, source, evidence, names) in enumerate(OLIVER_PRIOR_LEARNING):
        prior = PriorLearning.objects.create(
            youth=oliver,
            title=title,
            source=source,
            evidence=evidence,
            assessed_on=context.today - datetime.timedelta(days=40 + 10 * number),
            recorded_by=recorder,
        )
        prior.competences.set([competences[name] for name in names if name in competences])


def _oliver_reminders(oliver) -> None:
    """Oliver has chosen SMS reminders the day before and his plan in his
    calendar (the demo runs the console SMS backend: the messages go to the log)."""
    ReminderSettings.objects.create(
        youth=oliver,
        by_sms=True,
        sms_number=sms.normalise_number(oliver.phone) or "+4520000000",
        by_email=bool(oliver.email),
        days_before=1,
        calendar_token=secrets.token_urlsafe(32),
    )


def seed_portfolio(context: DemoContext) -> None:
    competences = {
        c.name: c
        for c in Competence.objects.bulk_create(
            [Competence(name=name, category=category, description=text) for name, category, text in CATALOGUE]
        )
    }
    oliver = context.extra.get("oliver")
    caseload = [youth.pk for youth in context.extra.get("tovholder_youths", [])]
    steps = list(
        Step.objects.filter(pathway__youth_id__in=caseload, status=StepStatus.COMPLETED)
        .select_related("pathway", "partner")
        .order_by("pk")
    )
    plans = []
    for step in steps:
        if oliver is not None and step.pathway.youth_id == oliver.pk and step.title.startswith("Praktik på lager"):
            plans += [(step, names, evidence) for names, evidence in OLIVER_WAREHOUSE]
        elif step.step_type in BY_STEP_TYPE and (_is_oliver(step, oliver) or context.rng.random() < 0.5):
            names = BY_STEP_TYPE[step.step_type]
            plans.append((step, names, f"Gennemførte «{step.title}» og fik en god tilbagemelding."))
    _certificates(context, plans, competences)
    if oliver is not None:
        Reflection.objects.bulk_create(
            [Reflection(youth=oliver, kind=kind, text=text) for kind, text in OLIVER_REFLECTIONS]
        )
        _oliver_progression(context, oliver, competences)
        _oliver_reminders(oliver)


def _is_oliver(step: Step, oliver) -> bool:
    return oliver is not None and step.pathway.youth_id == oliver.pk


def _code(context: DemoContext, used: set[str]) -> str:
    while True:
        code = "".join(context.rng.choice(ALPHABET) for _ in range(CODE_LENGTH))
        if code not in used:
            used.add(code)
            return code


def _certificates(context: DemoContext, plans: list, competences: dict) -> None:
    kui_unit = context.organisations["kui"]
    issuers = context.extra.get("contact_person_of", {})
    fallback = context.users["tovholder"]
    used: set[str] = set()
    rows = [
        Certificate(
            youth_id=step.pathway.youth_id,
            issuer=step.partner if step.partner and not disclosure.organisation_reveals(step.partner) else kui_unit,
            issued_by=issuers.get(step.pathway.youth_id, fallback),
            issued_on=min(context.today, (step.ends_on or step.starts_on) + datetime.timedelta(days=1)),
            evidence=evidence,
            step=step,
            verification_code=_code(context, used),
        )
        for step, _names, evidence in plans
    ]
    created = Certificate.objects.bulk_create(rows)
    through = Certificate.competences.through
    through.objects.bulk_create(
        [
            through(certificate_id=certificate.pk, competence_id=competences[name].pk)
            for certificate, (_step, names, _evidence) in zip(created, plans, strict=False)
            for name in names
        ]
    )
