import datetime

from pathways.models import Pathway, Step, StepStatus


def pathway_for(youth, started_on=datetime.date(2026, 11, 9)) -> Pathway:
    """A pathway started two weeks before the frozen clock: its first plan
    review (every 4 weeks at close follow) is not yet due."""
    return Pathway.objects.create(youth=youth, goal="EGU i lager og logistik", started_on=started_on)


def step_in(pathway, starts_on, ends_on=None, status=StepStatus.PLANNED, **fields) -> Step:
    fields.setdefault("step_type", "internship")
    fields.setdefault("title", "Praktik på lager")
    return Step.objects.create(pathway=pathway, starts_on=starts_on, ends_on=ends_on, status=status, **fields)
