"""Entries about a third party (a person on the youth's network map, e.g. the
mother): only the youth's own contact persons and team lead read them; a
theme for family and home is confidential like health; the network map keeps
its dated history."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from kui.accounts.models import Role
from tests import clock
from tests.factories import TeamFactory, UserFactory
from tests.youths.factories import youth_in_caseload
from youths import services
from youths.models import Contact, LogbookNote, NetworkPerson, NoteTheme

ABOUT_MOTHER = "Mor har drukket igen"


@pytest.fixture
def mother(alice):
    youth = youth_in_caseload(alice)
    return services.network_person_add(youth=youth, by=alice, name="Hanne", relation="mor", ring=1, supportive=False)


def _note_about(person, by, theme="housing"):
    return services.note_write(
        youth=person.youth, by=by, theme=theme, text=ABOUT_MOTHER, written_on=timezone.localdate(), concerns=person
    )


def _profile(client, user, youth) -> str:
    client.force_login(user)
    response = client.get(f"/unge/{youth.public_id}/")
    assert response.status_code == 200
    return response.content.decode()


def test_family_and_home_is_a_confidential_theme():
    assert NoteTheme.FAMILY in NoteTheme.sensitive()
    assert NoteTheme.FAMILY.label == "Familie og hjem"


def test_a_note_about_the_mother_is_read_by_the_contact_person_and_the_team_lead_only(client, alice, bob, lead, mother):
    _note_about(mother, alice)
    assert ABOUT_MOTHER in _profile(client, alice, mother.youth)
    assert ABOUT_MOTHER in _profile(client, lead, mother.youth)
    # A colleague of the same team sees the youth's case file, but not this note, though its theme is open.
    assert ABOUT_MOTHER not in _profile(client, bob, mother.youth)
    assert not LogbookNote.objects.visible_to(bob).exists()


def test_a_team_lead_of_another_team_does_not_read_it(alice, org_a, mother):
    other_lead = UserFactory(role=Role.TEAM_LEAD, organisation=org_a, team=TeamFactory(organisation=org_a))
    _note_about(mother, alice)
    assert not LogbookNote.objects.visible_to(other_lead).exists()


def test_a_contact_entry_about_the_mother_is_left_out_of_a_colleagues_timeline(client, alice, bob, mother):
    services.contact_log(
        youth=mother.youth,
        by=alice,
        happened_at=timezone.now(),
        medium="phone",
        duration_minutes=20,
        note="Talte med mor om hjemmet",
        concerns=mother,
    )
    assert "Talte med mor om hjemmet" in _profile(client, alice, mother.youth)
    assert "Talte med mor om hjemmet" not in _profile(client, bob, mother.youth)
    assert Contact.objects.visible_to(bob).filter(concerns__isnull=False).count() == 0


def test_the_note_form_marks_the_person(client, alice, mother):
    client.force_login(alice)
    response = client.post(
        f"/unge/{mother.youth.public_id}/notater/ny/",
        {"theme": "family", "written_on": clock.TODAY.isoformat(), "text": ABOUT_MOTHER, "concerns": mother.pk},
    )
    assert response.status_code == 302
    assert LogbookNote.objects.get().concerns == mother


def test_a_person_from_another_youths_network_is_refused_and_nothing_saved(client, alice, mother):
    other = youth_in_caseload(alice)
    with pytest.raises(ValidationError) as error:
        services.note_write(
            youth=other, by=alice, theme="housing", text="x", written_on=timezone.localdate(), concerns=mother
        )
    assert "netværkskort" in error.value.message_dict["concerns"][0]
    client.force_login(alice)
    response = client.post(
        f"/unge/{other.public_id}/notater/ny/",
        {"theme": "housing", "written_on": clock.TODAY.isoformat(), "text": "x", "concerns": mother.pk},
    )
    assert response.status_code == 200 and "concerns" in response.context["form"].errors
    assert not LogbookNote.objects.exists()


def test_taking_someone_off_the_map_keeps_the_history(client, alice, mother):
    services.network_person_add(youth=mother.youth, by=alice, name="Kim", relation="ven", ring=2, supportive=True)
    _note_about(mother, alice)
    client.force_login(alice)
    client.post(f"/unge/{mother.youth.public_id}/netvaerk/{mother.pk}/fjern/")
    mother.refresh_from_db()
    assert mother.valid_to == clock.TODAY
    youth = mother.youth
    assert [p.name for p in youth.network.current()] == ["Kim"]
    assert [p.name for p in youth.network.on(clock.TODAY - datetime.timedelta(days=1))] == []
    assert sorted(p.name for p in NetworkPerson.objects.filter(youth=youth)) == ["Hanne", "Kim"]
    # The note about her keeps pointing at her.
    assert LogbookNote.objects.get().concerns == mother
    html = _profile(client, alice, youth)
    assert "Sådan har netværket ændret sig" in html and "Hanne (mor) tilføjet" in html


def test_the_map_on_a_past_day_is_the_network_then(alice, mother):
    youth = mother.youth
    earlier = clock.TODAY - datetime.timedelta(days=30)
    NetworkPerson.objects.filter(pk=mother.pk).update(valid_from=earlier)
    services.network_person_add(youth=youth, by=alice, name="Kim", relation="ven", ring=2, supportive=True)
    assert [p.name for p in youth.network.on(earlier)] == ["Hanne"]
    assert sorted(p.name for p in youth.network.on(clock.TODAY)) == ["Hanne", "Kim"]


def test_a_person_cannot_be_taken_off_twice(alice, mother):
    services.network_person_remove(person=mother, by=alice)
    with pytest.raises(ValidationError):
        services.network_person_remove(person=mother, by=alice)
