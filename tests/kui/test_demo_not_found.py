"""Under DEBUG (the demo of `make run`) a 404 is kui's Danish page, not
Django's English list of URL patterns."""

import uuid

import pytest


@pytest.fixture
def debug(settings):
    settings.DEBUG = True
    return settings


def test_a_refused_case_file_shows_the_danish_page_in_the_demo(client, alice, debug):
    client.force_login(alice)
    response = client.get(f"/unge/{uuid.uuid4()}/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "Siden findes ikke, eller du har ikke adgang til den." in html
    assert "URLconf" not in html and "urlpatterns" not in html


def test_an_unknown_address_too(client, debug):
    response = client.get("/findes-ikke/")
    assert response.status_code == 404 and "URLconf" not in response.content.decode()


def test_a_developer_can_ask_for_the_technical_page(client, alice, debug):
    debug.KUI_TECHNICAL_404 = True
    client.force_login(alice)
    assert "URLconf" in client.get(f"/unge/{uuid.uuid4()}/").content.decode()
