import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tests import clock
from tests.youths.factories import youth_in_caseload
from youths import services
from youths.models import LogbookNote

SECRET = "Ryger hash dagligt"


def _url(youth):
    return f"/unge/{youth.public_id}/notater/ny/"


def _today(days=0):
    """A date relative to the frozen clock; also used in parametrize lists,
    which are built at import time, before the clock is frozen."""
    return (clock.TODAY + datetime.timedelta(days=days)).isoformat()


def _note(youth, by, theme="substance_use", text=SECRET):
    return services.note_write(youth=youth, by=by, theme=theme, text=text, written_on=timezone.localdate())


def _profile_sees(client, user, youth) -> tuple[bool, bool]:
    """(the text is on the profile page, the timeline has a note entry)."""
    client.force_login(user)
    response = client.get(f"/unge/{youth.public_id}/")
    return SECRET in response.content.decode(), any(e.kind == "note" for e in response.context["timeline"])


def test_it_writes_a_note(client, alice):
    youth = youth_in_caseload(alice)
    client.force_login(alice)
    response = client.post(_url(youth), {"theme": "housing", "written_on": _today(-1), "text": "Har fået lejlighed"})
    assert response["Location"] == f"/unge/{youth.public_id}/"
    note = LogbookNote.objects.get(youth=youth)
    assert (note.theme, note.written_by, note.text) == ("housing", alice, "Har fået lejlighed")


def test_a_colleague_not_assigned_does_not_see_a_sensitive_note(client, alice, bob):
    youth = youth_in_caseload(alice)
    _note(youth, alice)
    assert _profile_sees(client, bob, youth) == (False, False)


def test_the_contact_person_and_the_team_lead_see_a_sensitive_note(client, alice, lead):
    youth = youth_in_caseload(alice)
    _note(youth, alice)
    assert _profile_sees(client, alice, youth) == (True, True)
    assert _profile_sees(client, lead, youth) == (True, True)


def test_a_colleague_sees_notes_on_other_themes(client, alice, bob):
    youth = youth_in_caseload(alice)
    _note(youth, alice, theme="housing")
    assert _profile_sees(client, bob, youth) == (True, True)


def test_the_note_page_lists_only_the_notes_the_user_may_read(client, alice, bob):
    youth = youth_in_caseload(alice)
    _note(youth, alice)
    _note(youth, alice, theme="education", text="Vil gerne på TEC")
    client.force_login(bob)
    response = client.get(_url(youth))
    assert [n.theme for n in response.context["notes"]] == ["education"]
    assert SECRET not in response.content.decode()


def test_a_former_contact_person_loses_sight_of_sensitive_notes(client, alice, bob):
    youth = youth_in_caseload(alice)
    _note(youth, alice)
    services.contact_person_assign(
        youth=youth, by=alice, contact_person=bob, started_on=timezone.localdate(), reason="Ny tovholder"
    )
    client.force_login(alice)
    assert not LogbookNote.objects.visible_to(alice).exists()
    assert LogbookNote.objects.visible_to(bob).count() == 1


@pytest.mark.parametrize("persona", ["charlie", "steering", "youth_user"])
def test_it_gives_outsiders_and_other_roles_404(client, alice, request, persona):
    youth = youth_in_caseload(alice)
    client.force_login(request.getfixturevalue(persona))
    assert client.get(_url(youth)).status_code == 404
    assert client.post(_url(youth), {"theme": "housing", "written_on": _today(), "text": "x"}).status_code == 404
    assert not LogbookNote.objects.exists()


@pytest.mark.parametrize(
    "field,value",
    [
        ("written_on", _today(1)),
        ("written_on", "2001-01-01"),
        ("written_on", ""),
        ("text", ""),
        ("text", "   "),
        ("text", "x" * 5001),
        ("theme", "gossip"),
    ],
)
def test_it_rejects_bad_input_and_saves_nothing(client, alice, field, value):
    youth = youth_in_caseload(alice)
    client.force_login(alice)
    data = {"theme": "housing", "written_on": _today(), "text": "Bor hos mor", field: value}
    response = client.post(_url(youth), data)
    assert response.status_code == 200 and response.context["form"].errors
    assert not LogbookNote.objects.exists()


def test_the_service_refuses_a_note_longer_than_5000_characters(alice):
    youth = youth_in_caseload(alice)
    with pytest.raises(ValidationError) as error:
        services.note_write(youth=youth, by=alice, theme="housing", text="x" * 5001, written_on=timezone.localdate())
    assert "text" in error.value.message_dict
    assert not LogbookNote.objects.exists()
