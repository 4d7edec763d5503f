"""Views of the partners app, by topic. Who may open what is decided by the
role decorators below and the QuerySets' visible_to(user): everything else
is a 404 (docs/ARCHITECTURE.md, "Where each rule lives")."""

from kui.accounts.models import Role
from kui.lib.access import role_required

# The organisation register and the partnership: municipal staff read it...
register_readers = role_required(Role.CONTACT_PERSON, Role.TEAM_LEAD, Role.ADMINISTRATOR)
# ...team leads and administrators keep it up to date.
register_editors = role_required(Role.TEAM_LEAD, Role.ADMINISTRATOR)
casework_only = role_required(Role.CONTACT_PERSON, Role.TEAM_LEAD)
partner_only = role_required(Role.PARTNER_STAFF)


def only_get(request):
    """For object pages: called after the object was fetched, so an outsider
    gets 404 whatever the method; the allowed reader gets 405 on anything
    but GET."""
    from django.http import HttpResponseNotAllowed

    return None if request.method in ("GET", "HEAD") else HttpResponseNotAllowed(["GET"])
