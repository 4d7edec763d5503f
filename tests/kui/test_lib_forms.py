"""kui/lib/forms.py: the service's errors land on the form; success
messages and redirects."""

from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from kui.lib.forms import saved_or_form_errors


class NameForm(forms.Form):
    name = forms.CharField()


def _request():
    request = RequestFactory().post("/")
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def _refuse(**errors):
    def service():
        raise ValidationError(errors or "Refused.")

    return service


def test_a_refusal_goes_on_the_field_it_names_and_nothing_redirects():
    form = NameForm({"name": "Sofie"})
    assert form.is_valid()
    request = _request()
    assert saved_or_form_errors(request, form, _refuse(name="Taken."), success="Saved.", then="/") is None
    assert form.errors == {"name": ["Taken."]}
    assert list(get_messages(request)) == []


def test_a_refusal_without_a_known_field_goes_above_the_form():
    form = NameForm({"name": "Sofie"})
    form.is_valid()
    saved_or_form_errors(_request(), form, _refuse(other="No."), success="Saved.", then="/")
    assert form.non_field_errors() == ["No."]


def test_success_shows_the_message_and_redirects_by_the_result():
    form = NameForm({"name": "Sofie"})
    form.is_valid()
    request = _request()
    response = saved_or_form_errors(request, form, lambda: 42, success="Saved.", then=lambda pk: f"/done/{pk}/")
    assert (response.status_code, response["Location"]) == (302, "/done/42/")
    assert [str(message) for message in get_messages(request)] == ["Saved."]
