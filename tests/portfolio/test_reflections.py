"""The youth's reflections and goals (meddesign): written by the youth only,
read by staff, shown as text wherever they appear."""

import pytest
from django.core.exceptions import PermissionDenied

from portfolio import services
from portfolio.models import Reflection

SCRIPT = '<script>alert("hej")</script>'


def test_the_youth_writes_a_reflection(client, oliver):
    client.force_login(oliver.user)
    response = client.post("/mig/refleksioner/", {"kind": "goal", "text": "Jeg vil på EGU."})
    assert response.status_code == 302
    assert Reflection.objects.get(youth=oliver).text == "Jeg vil på EGU."


@pytest.mark.parametrize("text", ["x" * 1_000_000, "x" * 4001, "   ", ""])
def test_too_long_or_empty_gives_an_error_and_saves_nothing(client, oliver, text):
    client.force_login(oliver.user)
    response = client.post("/mig/refleksioner/", {"kind": "goal", "text": text})
    assert response.status_code == 200 and response.context["form"].errors["text"]
    assert not Reflection.objects.exists()


def test_an_unknown_kind_gives_an_error(client, oliver):
    client.force_login(oliver.user)
    response = client.post("/mig/refleksioner/", {"kind": "<b>", "text": "Hej"})
    assert response.context["form"].errors["kind"] and not Reflection.objects.exists()


def test_html_in_a_reflection_is_shown_as_text_to_the_youth(client, oliver):
    services.reflection_write(youth=oliver, by=oliver.user, kind="reflection", text=SCRIPT)
    client.force_login(oliver.user)
    for page in ("/mig/refleksioner/", "/mig/portfolio/"):
        html = client.get(page).content.decode()
        assert SCRIPT not in html and "&lt;script&gt;alert(&quot;hej&quot;)&lt;/script&gt;" in html


def test_staff_read_the_reflections_as_text(client, alice, oliver):
    services.reflection_write(youth=oliver, by=oliver.user, kind="reflection", text=SCRIPT + " Mine ord")
    client.force_login(alice)
    html = client.get(f"/unge/{oliver.public_id}/portfolio/").content.decode()
    assert "Mine ord" in html and SCRIPT not in html and "&lt;script&gt;" in html


def test_staff_never_edit_the_youths_words(alice, oliver):
    reflection = services.reflection_write(youth=oliver, by=oliver.user, kind="goal", text="Mine ord")
    with pytest.raises(PermissionDenied):
        services.reflection_update(reflection=reflection, by=alice, kind="goal", text="Rettet af personalet")
    with pytest.raises(PermissionDenied):
        services.reflection_write(youth=oliver, by=alice, kind="goal", text="Skrevet af personalet")
    reflection.refresh_from_db()
    assert reflection.text == "Mine ord" and Reflection.objects.count() == 1


def test_staff_have_no_edit_page(client, alice, oliver):
    reflection = services.reflection_write(youth=oliver, by=oliver.user, kind="goal", text="Mine ord")
    client.force_login(alice)
    response = client.post(f"/mig/refleksioner/{reflection.public_id}/rediger/", {"kind": "goal", "text": "Rettet"})
    assert response.status_code == 404
    reflection.refresh_from_db()
    assert reflection.text == "Mine ord"


def test_the_youth_edits_their_own_reflection(client, oliver):
    reflection = services.reflection_write(youth=oliver, by=oliver.user, kind="goal", text="Første udkast")
    client.force_login(oliver.user)
    response = client.post(f"/mig/refleksioner/{reflection.public_id}/rediger/", {"kind": "idea", "text": "Bedre"})
    assert response.status_code == 302
    reflection.refresh_from_db()
    assert (reflection.kind, reflection.text) == ("idea", "Bedre")


def test_an_edit_of_1_mb_is_refused(client, oliver):
    reflection = services.reflection_write(youth=oliver, by=oliver.user, kind="goal", text="Første udkast")
    client.force_login(oliver.user)
    response = client.post(f"/mig/refleksioner/{reflection.public_id}/rediger/", {"kind": "goal", "text": "x" * 10**6})
    assert response.context["form"].errors["text"]
    reflection.refresh_from_db()
    assert reflection.text == "Første udkast"


def test_the_youth_deletes_their_own_reflection(client, oliver):
    reflection = services.reflection_write(youth=oliver, by=oliver.user, kind="goal", text="Væk")
    client.force_login(oliver.user)
    assert client.post(f"/mig/refleksioner/{reflection.public_id}/slet/").status_code == 302
    assert not Reflection.objects.exists()


def test_another_youths_reflection_cannot_be_deleted(client, oliver, other_youth):
    foreign = other_youth.reflections.get()
    client.force_login(oliver.user)
    assert client.post(f"/mig/refleksioner/{foreign.public_id}/slet/").status_code == 404
    assert Reflection.objects.filter(pk=foreign.pk).exists()
