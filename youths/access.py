"""The one way a youths view gets a youth: through the user's visibility."""

from kui.accounts.models import Role
from kui.lib.access import deny, visible_or_404
from youths.models import Youth


def youth_for_staff(user, youth_id) -> Youth:
    """A case file the user may open (404 otherwise, also for youths and
    steering members, who have no case-file pages). Partner staff reach only
    the case files of the youths they are contact person of."""
    if not user.is_authenticated or not (user.does_casework or user.role == Role.PARTNER_STAFF):
        deny(user, Youth, public_id=youth_id)
    return visible_or_404(Youth.objects.select_related("organisation", "team"), user, public_id=youth_id)
