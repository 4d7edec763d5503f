"""Reads for the portfolio pages, the PDFs and the youth's own pages, each in
a fixed number of queries."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.http import Http404
from django.utils import timezone

from kui.accounts.models import Role
from pathways.models import Pathway, PathwayOutcome, Step, StepStatus
from portfolio import disclosure
from portfolio.models import Certificate, Competence, PriorLearning, Reflection, ReflectionKind
from youths.models import ContactPersonAssignment, Youth


def own_youth(user) -> Youth | None:
    """The case file behind a youth's login, or None if nobody has linked
    it yet. Any other role gets a 404: these pages are the youth's alone."""
    if not user.is_authenticated or user.role != Role.YOUTH:
        raise Http404
    return Youth.objects.visible_to(user).select_related("organisation").first()


def own_youth_or_404(user) -> Youth:
    youth = own_youth(user)
    if youth is None:
        raise Http404
    return youth


def certificates_of(youth: Youth):
    return youth.certificates.select_related("issuer", "step__partner").prefetch_related(
        Prefetch("competences", queryset=Competence.objects.order_by("name"))
    )


def completed_steps(youth: Youth):
    """Documented completed courses: every completed step of every pathway,
    except those that would reveal a health or social fact (treatment, a
    substance-use centre …): the portfolio is shown to employers."""
    return (
        disclosure.shown_steps(Step.objects.filter(pathway__youth=youth, status=StepStatus.COMPLETED))
        .select_related("partner")
        .order_by("-ends_on", "-starts_on", "-pk")
    )


def current_contact_person(youth: Youth) -> ContactPersonAssignment | None:
    return youth.assignments.current().select_related("contact_person__organisation").first()


@dataclass
class Portfolio:
    """Everything the portfolio page and its PDF show."""

    youth: Youth
    assignment: ContactPersonAssignment | None
    certificates: list[Certificate]
    courses: list[Step]
    reflections: list[Reflection]
    prior_learning: list[PriorLearning] = field(default_factory=list)
    pathways_reached: list[Pathway] = field(default_factory=list)
    printed_on: datetime.date = field(default_factory=timezone.localdate)

    @property
    def valid_certificates(self) -> list[Certificate]:
        return [certificate for certificate in self.certificates if not certificate.is_revoked]

    @property
    def goals_reached(self) -> list[Reflection]:
        """The youth's own goals they have marked as reached, newest first."""
        reached = [r for r in self.reflections if r.kind == ReflectionKind.GOAL and r.reached_on]
        return sorted(reached, key=lambda r: r.reached_on, reverse=True)

    @property
    def progression(self) -> dict[str, int]:
        """The youth's progression in four numbers: steps taken, certificates,
        goals reached (their own and ended pathways' education or job), prior learning."""
        return {
            "steps": len(self.courses),
            "certificates": len(self.valid_certificates),
            "goals": len(self.goals_reached) + len(self.pathways_reached),
            "prior_learning": len(self.prior_learning),
        }


def prior_learning_of(youth: Youth):
    return youth.prior_learning.select_related("recorded_by").prefetch_related(
        Prefetch("competences", queryset=Competence.objects.order_by("name"))
    )


def pathways_reached(youth: Youth):
    """Ended pathways whose outcome was an education or a job: a goal reached."""
    return youth.pathways.filter(
        ended_on__isnull=False, outcome__in=[PathwayOutcome.EDUCATION, PathwayOutcome.JOB]
    ).order_by("-ended_on")


def portfolio_for(youth: Youth) -> Portfolio:
    """Eight queries, however many certificates: assignment, certificates,
    their competences, steps, reflections, prior learning, its competences,
    pathways reached."""
    return Portfolio(
        youth=youth,
        assignment=current_contact_person(youth),
        certificates=list(certificates_of(youth)),
        courses=list(completed_steps(youth)),
        reflections=list(youth.reflections.all()),
        prior_learning=list(prior_learning_of(youth)),
        pathways_reached=list(pathways_reached(youth)),
    )


@dataclass(frozen=True)
class YouthPlan:
    """The active plan in the youth's terms: done, now, next, later."""

    goal: str
    done: list[Step]
    now: list[Step]
    next_step: Step | None
    later: list[Step]
    # Waiting for a service: shown as "waiting for a psychologist", never with a date.
    waiting: list[Step] = field(default_factory=list)


def plan_for_youth(youth: Youth, today: datetime.date | None = None) -> YouthPlan | None:
    today = today or timezone.localdate()
    pathway = youth.pathways.active().first()
    if pathway is None:
        return None
    steps = list(pathway.steps.exclude(status=StepStatus.CANCELLED).select_related("partner"))
    # What lies ahead, soonest first, by pathways' own rule of the next step.
    ahead = list(pathway.steps.upcoming(today).select_related("partner"))
    ahead_ids = {s.pk for s in ahead}
    waiting = [s for s in steps if s.status == StepStatus.WAITING]
    done = [s for s in steps if not s.is_open and s.status != StepStatus.WAITING]
    now = [s for s in steps if s.is_open and s.pk not in ahead_ids]
    return YouthPlan(
        goal=pathway.goal,
        done=done,
        now=now,
        next_step=ahead[0] if ahead else None,
        later=ahead[1:],
        waiting=waiting,
    )
