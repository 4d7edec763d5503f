"""The one scoping mechanism: every view fetches objects through
`Model.objects.visible_to(user)`; whatever lies outside is a 404, never a 403,
so an outsider cannot even learn that a record exists."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.db.models import Model, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from kui.audit.services import audit_denied


def visible_or_404(source: type[Model] | QuerySet, user, **lookup):
    queryset = source if isinstance(source, QuerySet) else source.objects.all()
    try:
        return get_object_or_404(queryset.visible_to(user), **lookup)
    except Http404:
        deny(user, queryset.model, **lookup)


def deny(user, model: type[Model], **lookup):
    """Refuse with 404 and leave a trace: a "denied" audit event naming who
    asked for which id (the access helpers of every app end here)."""
    audit_denied(actor=user, model=model, lookup=lookup)
    raise Http404


def role_required(*roles):
    """Logged-in users with another role get 404, as if the page did not exist."""

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapped(request, *args, **kwargs):
            if request.user.role not in roles and not (request.user.is_superuser and "administrator" in roles):
                raise Http404
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
