"""Helpers for forms shared by every app."""

import re
from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _

_PHONE_CHARACTERS = re.compile(r"^\+?[\d\s\-().]+$")


def validate_phone_number(value: str) -> None:
    """A number someone can ring: digits (8 in Denmark, up to 15 with a country
    code) with the spaces, dashes and brackets people write, nothing else."""
    digits = re.sub(r"\D", "", value)
    if not _PHONE_CHARACTERS.match(value) or not 8 <= len(digits) <= 15:
        raise ValidationError(_("Write a phone number of 8 digits, e.g. 20 30 40 50 (abroad: + and the country code)."))


def add_service_error(form: forms.Form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: on the field it names
    when the form has that field, otherwise above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for name, messages_ in error.message_dict.items():
        form.add_error(name if name in form.fields else None, messages_)


def saved_or_form_errors(
    request: HttpRequest,
    form: forms.Form,
    service: Callable[[], Any],
    *,
    success: str,
    then: str | Callable[[Any], str],
) -> HttpResponse | None:
    """The block every form view repeats: call the service; if it refuses,
    put its errors on the form and return None (the view shows the form
    again), otherwise show `success` and redirect to `then` (a URL, or a
    function of what the service returned).

        if request.method == "POST" and form.is_valid():
            if done := saved_or_form_errors(request, form, lambda: services.x(...), success=..., then=url):
                return done
    """
    try:
        result = service()
    except ValidationError as error:
        add_service_error(form, error)
        return None
    messages.success(request, success)
    return redirect(then(result) if callable(then) else then)
