import itertools
import math
import xml.etree.ElementTree as ET

import pytest
from django.utils import translation

from tests.youths.factories import youth_in_caseload
from youths import network_map, services
from youths.models import NetworkPerson

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def youth(alice):
    return youth_in_caseload(alice, first_name="Søren")


def _add(youth, by, name="Mor", ring=1, supportive=True):
    return services.network_person_add(youth=youth, by=by, name=name, relation="mor", ring=ring, supportive=supportive)


def _svg(youth) -> ET.Element:
    """Parsing it as XML also proves that typed names cannot break the markup."""
    return ET.fromstring(network_map.render_svg(youth, youth.network.all()))


def _with_class(root: ET.Element, tag: str, css_class: str) -> list[ET.Element]:
    return [e for e in root.iter(SVG + tag) if css_class in e.get("class", "").split()]


def test_it_draws_one_circle_per_ring_and_one_marker_per_person(youth, alice):
    for name, ring in [("Mor", 1), ("Far", 2), ("Kim", 2), ("Træner", 3)]:
        _add(youth, alice, name=name, ring=ring)
    root = _svg(youth)
    assert len(_with_class(root, "circle", "ring")) == 3
    assert len(_with_class(root, "circle", "marker")) == 4


def test_it_places_each_person_on_their_ring_at_even_angles(youth, alice):
    for name in ["A", "B", "C", "D"]:
        _add(youth, alice, name=name, ring=2)
    spots = network_map.place(youth.network.all())
    radius = network_map.RING_RADII[2]
    assert all(
        math.dist((s.x, s.y), (network_map.CENTRE_X, network_map.CENTRE_Y)) == pytest.approx(radius, abs=0.2)
        for s in spots
    )
    assert [round(b.angle - a.angle, 4) for a, b in itertools.pairwise(spots)] == [round(math.pi / 2, 4)] * 3


def test_names_are_escaped(youth, alice):
    _add(youth, alice, name="<script>alert(1)</script>")
    svg = network_map.render_svg(youth, youth.network.all())
    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg


def test_straining_is_shown_by_line_style_and_in_words(youth, alice):
    _add(youth, alice, name="Ven", supportive=False)
    with translation.override("en"):
        root = _svg(youth)
        text = " ".join(root.itertext())
    (person,) = _with_class(root, "g", "person-straining")
    assert person.find(SVG + "line").get("stroke-dasharray")
    assert "Dashed line: straining" in text and "Ven (mor) – straining" in text


def test_it_is_labelled_for_screen_readers(youth, alice):
    _add(youth, alice)
    root = _svg(youth)
    assert root.get("role") == "img"
    assert root.get("aria-label") == root.find(SVG + "title").text
    assert "Søren" in root.get("aria-label")


def test_the_profile_shows_the_map_and_the_list(client, alice, youth):
    person = _add(youth, alice, name="Åse")
    client.force_login(alice)
    html = client.get(f"/unge/{youth.public_id}/").content.decode()
    assert 'class="network-map"' in html
    # "Remove" is a link to a page that asks first, not a button that removes at once.
    assert f'href="/unge/{youth.public_id}/netvaerk/{person.pk}/fjern/"' in html


def test_removing_asks_first_and_keeps_the_person_until_confirmed(client, alice, youth):
    person = _add(youth, alice, name="Åse")
    client.force_login(alice)
    page = client.get(f"/unge/{youth.public_id}/netvaerk/{person.pk}/fjern/").content.decode()
    assert "Fjern Åse fra netværkskortet?" in page
    assert f'action="/unge/{youth.public_id}/netvaerk/{person.pk}/fjern/"' not in page  # posts to itself
    assert '<form method="post"' in page
    assert youth.network.filter(pk=person.pk).exists()


def test_it_adds_a_person(client, alice, youth):
    client.force_login(alice)
    data = {"network-name": "Åse", "network-relation": "mormor", "network-ring": "1", "network-supportive": "on"}
    response = client.post(f"/unge/{youth.public_id}/netvaerk/", data)
    assert response.status_code == 302
    person = youth.network.get()
    assert (person.name, person.relation, person.ring, person.supportive) == ("Åse", "mormor", 1, True)


@pytest.mark.parametrize(
    "changes", [{"network-ring": "4"}, {"network-ring": "0"}, {"network-name": ""}, {"network-relation": "x" * 101}]
)
def test_bad_input_is_a_form_error_and_nothing_is_saved(client, alice, youth, changes):
    client.force_login(alice)
    data = {"network-name": "Åse", "network-relation": "mormor", "network-ring": "1", **changes}
    response = client.post(f"/unge/{youth.public_id}/netvaerk/", data)
    assert response.status_code == 200
    assert response.context["network_form"].errors
    assert not NetworkPerson.objects.exists()


def test_it_removes_a_person(client, alice, youth):
    person = _add(youth, alice)
    client.force_login(alice)
    assert client.post(f"/unge/{youth.public_id}/netvaerk/{person.pk}/fjern/").status_code == 302
    # Taken off the map, kept in its history (the network over time).
    assert not NetworkPerson.objects.current().exists()
    assert NetworkPerson.objects.get().valid_to is not None


def test_a_person_is_only_removed_through_their_own_youth(client, alice, youth):
    person = _add(youth, alice)
    other = youth_in_caseload(alice)
    client.force_login(alice)
    assert client.post(f"/unge/{other.public_id}/netvaerk/{person.pk}/fjern/").status_code == 404
    assert NetworkPerson.objects.current().filter(pk=person.pk).exists()


@pytest.mark.parametrize("persona", ["charlie", "steering", "youth_user"])
def test_others_get_404_and_change_nothing(client, alice, youth, request, persona):
    person = _add(youth, alice)
    client.force_login(request.getfixturevalue(persona))
    data = {"network-name": "Åse", "network-relation": "mormor", "network-ring": "1"}
    assert client.post(f"/unge/{youth.public_id}/netvaerk/", data).status_code == 404
    assert client.post(f"/unge/{youth.public_id}/netvaerk/{person.pk}/fjern/").status_code == 404
    assert list(NetworkPerson.objects.all()) == [person]


def test_adding_needs_a_post(client, alice, youth):
    client.force_login(alice)
    assert client.get(f"/unge/{youth.public_id}/netvaerk/").status_code == 405
