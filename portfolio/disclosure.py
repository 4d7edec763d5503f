"""What a certificate or a portfolio may reveal about the youth.

A certificate goes to employers and schools: it names competences, never a
step, a type of step or a partner that reveals health or social facts (a
treatment, a substance-use centre, social psychiatry, the family department).
Treatment steps are not certifiable as such; a competence shown during some
other step at such a place is certified by the municipality's own unit, and
the place is left off. This module is the one home of that rule: the issuing
service, the certificate (page, PDF, verification) and the portfolio's list
of documented courses all ask it.
"""

from kui.accounts.models import Organisation, OrganisationKind
from pathways.models import Step, StepType

REVEALING_ORGANISATION_KINDS = frozenset(
    {
        OrganisationKind.HEALTH,
        OrganisationKind.SUBSTANCE_USE,
        OrganisationKind.SOCIAL_PSYCHIATRY,
        OrganisationKind.FAMILY,
    }
)
NOT_CERTIFIABLE_STEP_TYPES = frozenset({StepType.TREATMENT})


def organisation_reveals(organisation: Organisation | None) -> bool:
    return organisation is not None and organisation.kind in REVEALING_ORGANISATION_KINDS


def step_reveals(step: Step) -> bool:
    """True if naming the step (its title, type or partner) tells a health or social fact."""
    return step.step_type in NOT_CERTIFIABLE_STEP_TYPES or organisation_reveals(step.partner)


def step_is_certifiable(step: Step) -> bool:
    return step.step_type not in NOT_CERTIFIABLE_STEP_TYPES


def allowed_issuers(step: Step) -> list[Organisation]:
    """The municipality's own unit (the youth's organisation) and, unless it
    reveals something, the partner that hosted the step."""
    unit = step.pathway.youth.organisation
    issuers = [unit]
    if step.partner is not None and step.partner_id != unit.pk and not organisation_reveals(step.partner):
        issuers.append(step.partner)
    return issuers


def shown_steps(steps):
    """A QuerySet of steps without those that reveal health or social facts."""
    return steps.exclude(step_type__in=NOT_CERTIFIABLE_STEP_TYPES).exclude(
        partner__kind__in=REVEALING_ORGANISATION_KINDS
    )
