"""What partner staff may see: only the youths who have a current step at
their organisation *and* a current consent that covers it. Both are checked
on every request, so withdrawing consent or ending the step removes access at
once.

What a current step is, is pathways' rule (Step.objects.current): this app
sits above pathways and asks it.
"""

import datetime

from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from kui.accounts.models import Organisation, Role
from kui.lib.access import deny
from pathways.models import Step
from youths.models import Consent, Youth
from youths.models import consent_covers as youth_consent_covers


def covering_consents(organisation: Organisation) -> QuerySet:
    """Current consents that allow sharing with this organisation (the rule's
    home is youths/models.py ConsentQuerySet.covering)."""
    return Consent.objects.covering(organisation)


def consent_covers(youth: Youth, organisation: Organisation) -> bool:
    return youth_consent_covers(youth, organisation)


def current_steps_at(organisation: Organisation, today: datetime.date | None = None) -> QuerySet:
    """The steps running now that the organisation hosts."""
    return Step.objects.current(today or timezone.localdate()).at(organisation)


def is_partner_staff(user) -> bool:
    return user.is_authenticated and user.role == Role.PARTNER_STAFF and user.organisation_id is not None


def youths_for_partner(user, today: datetime.date | None = None) -> QuerySet:
    """The youths partner staff may see, as a Youth QuerySet (none for anyone
    who is not partner staff)."""
    if not is_partner_staff(user):
        return Youth.objects.none()
    organisation = user.organisation
    with_step = current_steps_at(organisation, today).youth_ids()
    consent = covering_consents(organisation).filter(youth=OuterRef("pk"))
    return Youth.objects.filter(pk__in=with_step).filter(Exists(consent))


def youth_for_partner(user, youth_id, today: datetime.date | None = None) -> Youth:
    """The one way a partner view gets a youth: 404 unless the rule holds."""
    youth = youths_for_partner(user, today).filter(public_id=youth_id).first()
    if youth is None:
        deny(user, Youth, public_id=youth_id)
    return youth


def referrals_for_partner(user, referrals: QuerySet) -> QuerySet:
    """Pending referrals to the partner's organisation, while the youth's
    consent covers it: enough to decide, nothing after that."""
    if not is_partner_staff(user):
        return referrals.none()
    organisation = user.organisation
    consent = covering_consents(organisation).filter(youth=OuterRef("youth_id"))
    return referrals.filter(offer__organisation=organisation, status="pending").filter(Exists(consent))
